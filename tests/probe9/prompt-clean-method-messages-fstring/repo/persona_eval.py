import json
from dataclasses import dataclass

from openai import OpenAI


@dataclass
class ExpertEval:
    model: str
    temperature: float = 0.0

    def __post_init__(self):
        self.client = OpenAI()

    def build_messages(self, domain, question):
        return [

            {"role": "system", "content": f"You are a world-class expert in {domain}. Answer precisely."},

            {"role": "user", "content": question},
        ]

    def answer(self, domain, question):
        resp = self.client.chat.completions.create(
            model=self.model,
            temperature=self.temperature,
            messages=self.build_messages(domain, question),
        )
        return resp.choices[0].message.content


if __name__ == "__main__":
    ev = ExpertEval(model="gpt-4o-mini")
    items = [json.loads(l) for l in open("data/expert_qa.jsonl")]
    out = [{"id": it["id"], "answer": ev.answer(it["domain"], it["question"])} for it in items]
    json.dump(out, open("outputs/expert_answers.json", "w"), indent=1)
