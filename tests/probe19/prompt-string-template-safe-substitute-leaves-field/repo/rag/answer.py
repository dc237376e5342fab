import json
from string import Template

from vllm import LLM, SamplingParams

from rag.retrieve import top_k

PROMPT = Template("Answer the question using the context.\n\nContext:\n$context\n\nQuestion: $question\nAnswer:")

llm = LLM(model="meta-llama/Llama-3.1-8B-Instruct", seed=0)
params = SamplingParams(temperature=0.0, max_tokens=64)

questions = [json.loads(l) for l in open("data/nq_open_dev.jsonl")]
conversations = []
for q in questions:
    passages = "\n\n".join(p["text"] for p in top_k(q["question"], k=5))
    conversations.append([{"role": "user", "content": PROMPT.safe_substitute(question=q["question"])}])

outputs = llm.chat(conversations, params)
em = sum(any(a.lower() in o.outputs[0].text.lower() for a in q["answers"]) for q, o in zip(questions, outputs)) / len(questions)
print(f"EM (contains) {em:.3f}")
