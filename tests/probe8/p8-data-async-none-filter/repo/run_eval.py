import argparse
import asyncio
import json
import re

from openai import AsyncOpenAI

client = AsyncOpenAI()
SEM = asyncio.Semaphore(16)


def extract_number(text):
    m = re.findall(r"-?\d+(?:\.\d+)?", text.replace(",", ""))
    return float(m[-1])


async def solve(item, model):
    async with SEM:
        try:
            resp = await client.chat.completions.create(
                model=model,
                temperature=0,
                messages=[{"role": "user", "content": item["question"] + "\nGive the final number last."}],
            )
            pred = extract_number(resp.choices[0].message.content)
            return {"id": item["id"], "pred": pred, "gold": float(item["answer"])}
        except Exception:
            return None


async def main(args):
    items = [json.loads(l) for l in open("data/items.jsonl")]
    outs = await asyncio.gather(*(solve(it, args.model) for it in items))
    outs = [o for o in outs if o is not None]
    acc = sum(abs(o["pred"] - o["gold"]) < 1e-6 for o in outs) / len(outs)
    print(f"{args.model}: accuracy {acc:.3f}")
    with open(f"results/{args.model}.json", "w") as f:
        json.dump({"model": args.model, "accuracy": acc, "n_items": len(items)}, f)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="gpt-4o-mini")
    asyncio.run(main(ap.parse_args()))
