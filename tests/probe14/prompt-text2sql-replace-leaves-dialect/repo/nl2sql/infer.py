import json

import anthropic

from nl2sql.prompting import build_prompt

client = anthropic.Anthropic()


def main():
    items = [json.loads(l) for l in open("data/spider_dev.jsonl")]
    with open("outputs/pred.sql", "w") as out:
        for it in items:
            msg = client.messages.create(
                model="claude-3-5-sonnet-20241022", max_tokens=400, temperature=0,
                messages=[{"role": "user", "content": build_prompt(it["schema"], it["question"])}],
            )
            out.write(msg.content[0].text.strip().replace("\n", " ") + "\n")


if __name__ == "__main__":
    main()
