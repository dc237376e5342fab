import json

from vllm import LLM, SamplingParams

from grading import passes_tests

VARIANTS = {
    "concise": "You are a concise programmer. Write only the function.",
    "detailed": "You are a careful programmer. Think about edge cases, then write the function.",
}

llm = LLM(model="deepseek-ai/deepseek-coder-6.7b-instruct")
tok = llm.get_tokenizer()
params = SamplingParams(temperature=0.0, max_tokens=768)
problems = [json.loads(l) for l in open("data/problems.jsonl")]

results = {}
for name, system in VARIANTS.items():
    prompts = [tok.apply_chat_template([{"role": "system", "content": system}, {"role": "user", "content": p["prompt"]}],
                                       tokenize=False, add_generation_prompt=True) for p in problems]
    outs = llm.generate(prompts, params)
    results[name] = sum(passes_tests(o.outputs[0].text, p) for o, p in zip(outs, problems)) / len(problems)
print(results)
json.dump({"model": "deepseek-coder-6.7b-instruct", "n": len(problems), "pass@1": results}, open("results/prompt_variants.json", "w"))
