import json

from openai import OpenAI

client = OpenAI()


def verdict_score(verdict: str) -> int:
    match verdict.strip().lower():
        case "yes" | "y":
            return 1
        case "no" | "n":
            return 0
        case _:
            return 0


rows = [json.loads(l) for l in open("outputs/answers.jsonl")]
scores = []
for r in rows:
    out = client.chat.completions.create(model="gpt-4o", temperature=0, messages=[
        {"role": "user", "content": f"Is this answer faithful to the source? Answer yes or no.\n\n{r['answer']}"}])
    scores.append(verdict_score(out.choices[0].message.content))
json.dump({"faithfulness": sum(scores) / len(scores)}, open("results/faithfulness.json", "w"))
