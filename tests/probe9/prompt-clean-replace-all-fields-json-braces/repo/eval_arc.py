import json
import string

from vllm import LLM, SamplingParams


def format_choices(choices):
    return "\n".join(f"{letter}. {c}" for letter, c in zip(string.ascii_uppercase, choices))


def build_prompt(ex):

    prompt = """The following is a science question.
Question: {question}
Options:
{choices}
Reply as JSON, for example {"answer": "B"}."""
    prompt = prompt.replace("{question}", ex["question"])
    prompt = prompt.replace("{choices}", format_choices(ex["choices"]["text"]))
    return prompt + "\nAnswer:"


if __name__ == "__main__":
    llm = LLM("meta-llama/Meta-Llama-3-8B-Instruct", seed=0)
    params = SamplingParams(temperature=0.0, max_tokens=20)
    data = [json.loads(l) for l in open("data/arc_challenge_test.jsonl")]
    prompts = [build_prompt(ex) for ex in data]
    outs = llm.generate(prompts, params)
    preds = [json.loads(o.outputs[0].text).get("answer", "") for o in outs]
    acc = sum(p == ex["answerKey"] for p, ex in zip(preds, data)) / len(data)
    json.dump({"accuracy": acc, "n": len(data)}, open("results/arc.json", "w"))
