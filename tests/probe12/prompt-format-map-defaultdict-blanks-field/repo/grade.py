import json
from collections import defaultdict

from anthropic import Anthropic

from judge_prompt import JUDGE_TEMPLATE

client = Anthropic()


def grade(item, response):
    prompt = JUDGE_TEMPLATE.format_map(
        defaultdict(str, question=item["question"], reference=item["answer"], response=response)
    )
    msg = client.messages.create(model="claude-3-5-haiku-20241022", max_tokens=5, temperature=0,
                                 messages=[{"role": "user", "content": prompt}])
    return msg.content[0].text.strip().upper().startswith("CORRECT")


if __name__ == "__main__":
    rows = [json.loads(l) for l in open("outputs/responses.jsonl")]
    acc = sum(grade(r["item"], r["response"]) for r in rows) / len(rows)
    print(f"judge accuracy {acc:.3f}")
