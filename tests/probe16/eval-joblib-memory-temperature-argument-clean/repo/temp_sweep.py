import json

from joblib import Memory
from openai import OpenAI

memory = Memory("cache/joblib", verbose=0)
client = OpenAI()
MODEL = "gpt-4o-mini"


@memory.cache
def generate(prompt, temperature, model=MODEL):
    r = client.chat.completions.create(model=model, temperature=temperature, max_tokens=300,
                                       messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content


stories = [json.loads(l)["prompt"] for l in open("data/story_prompts.jsonl")]
results = {}
for temperature in [0.0, 0.5, 1.0, 1.5]:
    outs = [generate(p, temperature) for p in stories]
    distinct = len({o.split()[0] if o else "" for o in outs}) / len(outs)
    results[str(temperature)] = {"distinct_first_word": distinct}
json.dump(results, open("results/diversity_by_temperature.json", "w"), indent=1)
