import json

import yaml
from openai import OpenAI

client = OpenAI()


def render(raw: str, vars: dict) -> str:
    return raw.format(**vars)


def main():
    prompts = yaml.safe_load(open("prompts.yaml"))["prompts"]
    tests = [json.loads(l) for l in open("data/truthfulqa_gen.jsonl")]
    out = {}
    for p in prompts:
        replies = []
        for t in tests:
            msg = render(p["raw"], {"question": t["question"]})
            r = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                               messages=[{"role": "user", "content": msg}])
            replies.append(r.choices[0].message.content)
        out[p["id"]] = replies
    json.dump(out, open("results/replies.json", "w"), indent=1)


if __name__ == "__main__":
    main()
