"""Does a 'think carefully' system prompt improve MATH-500 accuracy?  vLLM offline inference."""
import json

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
params = SamplingParams(temperature=0.8, top_p=0.95, max_tokens=4096)
ds = load_dataset("HuggingFaceH4/MATH-500", split="test")

acc = {}
for name, system in SYSTEMS.items():
    prompts = [tok.apply_chat_template([{"role": "system", "content": system},
                                        {"role": "user", "content": ex["problem"]}],
                                       tokenize=False, add_generation_prompt=True) for ex in ds]
    outs = llm.generate(prompts, params)
    correct = [is_equiv(last_boxed(o.outputs[0].text), ex["answer"]) for o, ex in zip(outs, ds)]
    acc[name] = sum(correct) / len(correct)
print(acc, "delta", acc["careful"] - acc["plain"])
json.dump(acc, open("results/system_prompt_ablation.json", "w"))
