"""Does a 'think carefully' system prompt improve MATH-500 accuracy?  vLLM offline inference."""
import json
import statistics

from datasets import load_dataset
from vllm import LLM, SamplingParams

from grading import is_equiv, last_boxed

MODEL = "Qwen/Qwen2.5-7B-Instruct"
SYSTEMS = {
    "plain": "Please reason step by step, and put your final answer within \\boxed{}.",
    "careful": "Think very carefully and double-check each step. Put your final answer within \\boxed{}.",
}

llm = LLM(model=MODEL, tensor_parallel_size=2, max_model_len=8192)
tok = llm.get_tokenizer()
N_SAMPLES = 8
params = SamplingParams(temperature=0.8, top_p=0.95, max_tokens=4096, n=N_SAMPLES, seed=1234)
ds = load_dataset("HuggingFaceH4/MATH-500", split="test")

acc = {}
for name, system in SYSTEMS.items():
    prompts = [tok.apply_chat_template([{"role": "system", "content": system},
                                        {"role": "user", "content": ex["problem"]}],
                                       tokenize=False, add_generation_prompt=True) for ex in ds]
    outs = llm.generate(prompts, params)
    per_sample = [[is_equiv(last_boxed(c.text), ex["answer"]) for c in o.outputs]
                  for o, ex in zip(outs, ds)]
    runs = [sum(row[s] for row in per_sample) / len(per_sample) for s in range(N_SAMPLES)]
    acc[name] = {"mean": statistics.mean(runs), "sd": statistics.stdev(runs), "runs": runs}
print({k: (round(v["mean"], 4), round(v["sd"], 4)) for k, v in acc.items()})
json.dump(acc, open("results/system_prompt_ablation.json", "w"))
