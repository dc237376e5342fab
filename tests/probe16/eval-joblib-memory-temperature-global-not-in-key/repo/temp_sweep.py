import json

from joblib import Memory
from openai import OpenAI

memory = Memory("cache/joblib", verbose=0)
client = OpenAI()
MODEL = "gpt-4o-mini"
TEMPERATURE = 0.0


@memory.cache
def generate(prompt):
    r = client.chat.completions.create(model=MODEL, temperature=TEMPERATURE, max_tokens=300,
                                       messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content


stories = [json.loads(l)["prompt"] for l in open("data/story_prompts.jsonl")]
results = {}
for TEMPERATURE in [0.0, 0.5, 1.0, 1.5]:
    outs = [generate(p) for p in stories]
    distinct = len({o.split()[0] if o else "" for o in outs}) / len(outs)
    results[str(TEMPERATURE)] = {"distinct_first_word": distinct}
json.dump(results, open("results/diversity_by_temperature.json", "w"), indent=1)
