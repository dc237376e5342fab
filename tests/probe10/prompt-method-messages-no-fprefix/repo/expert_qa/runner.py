import json
from dataclasses import dataclass

from openai import OpenAI


@dataclass
class RunConfig:
    model: str = "gpt-4o-2024-08-06"
    temperature: float = 0.0
    out_path: str = "results/expert_qa.jsonl"


class ExpertQARunner:
    def __init__(self, cfg: RunConfig):
        self.cfg = cfg
        self.client = OpenAI()

    def build_messages(self, domain: str, question: str):
        return [
            {"role": "system", "content": "You answer concisely and cite no sources."},
            {"role": "user", "content": "You are an expert in {domain}. Answer the question below.\n\n{question}"},
        ]

    def ask(self, item):
        resp = self.client.chat.completions.create(
            model=self.cfg.model,
            temperature=self.cfg.temperature,
            messages=self.build_messages(item["domain"], item["question"]),
        )
        return resp.choices[0].message.content

    def run(self, items):
        with open(self.cfg.out_path, "w") as fh:
            for item in items:
                fh.write(json.dumps({**item, "answer": self.ask(item), "model": self.cfg.model}) + "\n")
