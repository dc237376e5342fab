import argparse
import asyncio
import json
import re

from openai import AsyncOpenAI

client = AsyncOpenAI()
SEM = asyncio.Semaphore(16)


def extract_number(text):
    m = re.findall(r"-?\d+(?:\.\d+)?", text.replace(",", ""))
    return float(m[-1]) if m else None


async def solve(item, model):
    async with SEM:
        try:
            resp = await client.chat.completions.create(
                model=model,
                temperature=0,
                messages=[{"role": "user", "content": item["question"] + "\nGive the final number last."}],
            )
        except Exception as e:
            return {"id": item["id"], "error": repr(e), "correct": False}
    pred = extract_number(resp.choices[0].message.content)
    if pred is None:
        return {"id": item["id"], "error": "no number in reply", "correct": False}
    return {"id": item["id"], "error": None, "correct": abs(pred - float(item["answer"])) < 1e-6}


async def main(args):
    items = [json.loads(l) for l in open("data/items.jsonl")]
    outs = await asyncio.gather(*(solve(it, args.model) for it in items))
    n_failed = sum(o["error"] is not None for o in outs)
    acc = sum(o["correct"] for o in outs) / len(items)
    print(f"{args.model}: accuracy {acc:.3f} over {len(items)} items ({n_failed} failed, counted wrong)")
    with open(f"results/{args.model}.json", "w") as f:
        json.dump({"model": args.model, "accuracy": acc, "n_items": len(items),
                   "n_failed": n_failed, "rows": outs}, f, indent=1)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="gpt-4o-mini")
    asyncio.run(main(ap.parse_args()))
