import json

from vllm import LLM, SamplingParams

from rag.templates import QA_TEMPLATE


def build_prompt(example):
    return QA_TEMPLATE.replace("{question}", example["question"])


def main():
    data = [json.loads(l) for l in open("data/nq_open_dev_with_passages.jsonl")]
    llm = LLM(model="meta-llama/Llama-3.1-8B-Instruct", seed=0)
    outs = llm.generate([build_prompt(d) for d in data], SamplingParams(temperature=0, max_tokens=32))
    em = sum(o.outputs[0].text.strip().lower() in [a.lower() for a in d["answers"]] for o, d in zip(outs, data))
    print(f"open-book EM: {em / len(data):.3f}")


if __name__ == "__main__":
    main()
