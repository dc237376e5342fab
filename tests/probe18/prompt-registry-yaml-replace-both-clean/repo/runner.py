import json
import sys

import yaml
from openai import OpenAI

client = OpenAI()


class MatchEval:
    def __init__(self, samples_jsonl, prompt, model="gpt-4o-mini"):
        self.samples = [json.loads(l) for l in open(f"registry/data/{samples_jsonl}")]
        self.prompt = prompt
        self.model = model

    def render(self, sample):
        return self.prompt.replace("{context}", sample["context"]).replace("{input}", sample["input"])

    def run(self):
        hits = 0
        for s in self.samples:
            out = client.chat.completions.create(model=self.model, temperature=0,
                                                 messages=[{"role": "user", "content": self.render(s)}])
            hits += out.choices[0].message.content.strip().lower() == s["ideal"].lower()
        return {"accuracy": hits / len(self.samples), "n": len(self.samples), "model": self.model}


if __name__ == "__main__":
    name = sys.argv[1]
    spec = yaml.safe_load(open(f"registry/evals/{name.split('.')[0]}.yaml"))
    args = spec[spec[name]["id"]]["args"]
    print(json.dumps(MatchEval(**args).run()))
