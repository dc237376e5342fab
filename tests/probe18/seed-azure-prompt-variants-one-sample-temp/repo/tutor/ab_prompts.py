import json
import os

from openai import AzureOpenAI

client = AzureOpenAI(azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"], api_version="2024-06-01")
DEPLOYMENT = "gpt-4o-tutor"
VARIANTS = {
    "plain": "You are a math tutor. Give the final answer after 'Answer:'.",
    "socratic": "You are a patient math tutor who reasons step by step. Give the final answer after 'Answer:'.",
}


def solve(system, problem):
    r = client.chat.completions.create(model=DEPLOYMENT, temperature=0.8, max_tokens=600,
                                       messages=[{"role": "system", "content": system},
                                                 {"role": "user", "content": problem}])
    return r.choices[0].message.content.rsplit("Answer:", 1)[-1].strip()


problems = [json.loads(l) for l in open("data/algebra_150.jsonl")]
acc = {name: sum(solve(sys_p, p["problem"]) == p["answer"] for p in problems) / len(problems)
       for name, sys_p in VARIANTS.items()}
print(json.dumps(acc), "winner:", max(acc, key=acc.get))
