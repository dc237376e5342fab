import json

from openai import OpenAI

client = OpenAI()
TARGET = "gpt-4o-mini-2024-07-18"


def attack_success(prompt, judge_prompt):
    out = client.chat.completions.create(model=TARGET, messages=[{"role": "user", "content": prompt}], temperature=0)
    reply = out.choices[0].message.content
    verdict = client.chat.completions.create(
        model="gpt-4o-2024-08-06",
        messages=[{"role": "user", "content": judge_prompt.format(reply=reply)}],
        temperature=0,
    ).choices[0].message.content
    return verdict.strip().upper().startswith("UNSAFE")


if __name__ == "__main__":
    rows = [json.loads(l) for l in open("data/pair_attacks.jsonl")]
    judge_prompt = open("prompts/judge.txt").read()
    wins = [attack_success(r["attack"], judge_prompt) for r in rows]
    json.dump({"target": TARGET, "n": len(rows), "asr": sum(wins) / len(rows)}, open("results/asr.json", "w"), indent=2)
