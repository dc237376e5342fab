import json

from vllm import LLM, SamplingParams

MODEL = "Qwen/Qwen2.5-7B-Instruct"


def main():
    problems = [json.loads(l) for l in open("data/math500.jsonl")]
    llm = LLM(model=MODEL, seed=0)
    params = SamplingParams(temperature=0.0, max_tokens=256)
    prompts = [p["problem"] + "\nReason step by step and put the final answer in \\boxed{}." for p in problems]
    outputs = llm.generate(prompts, params)
    with open("outputs/math500_generations.jsonl", "w") as fh:
        for p, out in zip(problems, outputs):
            fh.write(json.dumps({"id": p["id"], "gold": p["answer"], "text": out.outputs[0].text}) + "\n")


if __name__ == "__main__":
    main()
