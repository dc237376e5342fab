import json
import re

from openai import OpenAI
from pydantic import BaseModel

client = OpenAI()


class Item(BaseModel):
    id: str
    question: str
    choices: list[str]
    answer: str


PROMPT = """Answer the multiple-choice question given as JSON below.
Think briefly, then finish with "ANSWER: <letter>".

{item_json}"""


def ask(item: Item, model: str) -> str | None:
    reply = client.chat.completions.create(
        model=model, temperature=0, max_tokens=1500,
        messages=[{"role": "user", "content": PROMPT.format(item_json=item.model_dump_json(indent=2, exclude={"answer"}))}],
    ).choices[0].message.content
    m = re.search(r"ANSWER:\s*([A-D])", reply or "")
    return m.group(1) if m else None


items = [Item.model_validate_json(line) for line in open("data/gpqa_diamond.jsonl")]
model = "gpt-4o-2024-08-06"
preds = [ask(it, model) for it in items]
correct = sum(p == it.answer for p, it in zip(preds, items))
json.dump({"model": model, "n": len(items), "n_unparsed": preds.count(None), "accuracy": correct / len(items)},
          open("results/gpqa.json", "w"), indent=2)
