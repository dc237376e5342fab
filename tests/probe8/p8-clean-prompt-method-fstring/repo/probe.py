import json

from openai import OpenAI

SYSTEM = "Answer with a single letter. The question is about {domain}."


class DomainProbe:
    def __init__(self, model="gpt-4o-mini"):
        self.model = model
        self.client = OpenAI()

    def build_messages(self, domain, question):
        return [
            {"role": "system", "content": SYSTEM.format(domain=domain)},
            {"role": "user", "content": f"You are an expert in {domain}. {question}"},
        ]

    def answer(self, domain, question):
        resp = self.client.chat.completions.create(
            model=self.model, temperature=0,
            messages=self.build_messages(domain, question))
        return resp.choices[0].message.content.strip()[:1]


if __name__ == "__main__":
    probe = DomainProbe()
    items = [json.loads(l) for l in open("data/mcq.jsonl")]
    acc = sum(probe.answer(it["domain"], it["question"]) == it["gold"] for it in items) / len(items)
    print(f"accuracy with expert framing: {acc:.3f} (n={len(items)})")
