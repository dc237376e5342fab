from openai import OpenAI

from bench.adapter import ChatMCAdapter
from bench.scenarios import ExamScenario

adapter = ChatMCAdapter(OpenAI(), "gpt-4o-mini")
insts = ExamScenario().get_instances()
acc = sum(adapter.predict(i) == i.answer for i in insts) / len(insts)
print(f"exam accuracy {acc:.3f} (n={len(insts)})")
