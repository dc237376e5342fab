import json
import re

from vllm import LLM, SamplingParams

BOXED = re.compile(r"\\boxed\{([^{}]*)\}")

llm = LLM(model="Qwen/Qwen2.5-Math-7B-Instruct", seed=0)
params = SamplingParams(temperature=0.0, max_tokens=1024)

problems = [json.loads(l) for l in open("data/math500.jsonl")]
prompts = [p["problem"] + "\nPlease reason step by step, and put your final answer within \\boxed{}." for p in problems]
outputs = llm.generate(prompts, params)

correct = 0
for p, o in zip(problems, outputs):
    text = o.outputs[0].text
    found = BOXED.findall(text)
    correct += int(bool(found) and found[-1].strip() == p["answer"].strip())
print(f"MATH-500 accuracy {correct / len(problems):.3f}")
