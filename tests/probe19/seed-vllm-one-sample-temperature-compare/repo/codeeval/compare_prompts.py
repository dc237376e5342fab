import json

from vllm import LLM, SamplingParams

from codeeval.execute import passes

SYSTEMS = {
    "plain": "You are a helpful coding assistant.",
    "careful": "You are a careful senior engineer. Think about edge cases before writing code.",
}
problems = [json.loads(l) for l in open("data/humaneval.jsonl")]
llm = LLM(model="Qwen/Qwen2.5-Coder-7B-Instruct", seed=0)
params = SamplingParams(temperature=0.8, top_p=0.95, max_tokens=768)

pass1 = {}
for name, system in SYSTEMS.items():
    convs = [[{"role": "system", "content": system}, {"role": "user", "content": p["prompt"]}] for p in problems]
    outs = llm.chat(convs, params)
    pass1[name] = sum(passes(p, o.outputs[0].text) for p, o in zip(problems, outs)) / len(problems)
    print(f"{name}: pass@1 {pass1[name]:.3f}")
print(f"careful - plain: {pass1['careful'] - pass1['plain']:+.3f}")
