import json
import re

import hydra
from omegaconf import DictConfig
from openai import OpenAI

SUFFIX = {"direct": "Answer with only the final number.",
          "cot": "Think step by step, then give the final number after 'Answer:'."}


def final_number(text):
    nums = re.findall(r"-?\d[\d,]*\.?\d*", text)
    return nums[-1].replace(",", "") if nums else None


@hydra.main(config_path="conf", config_name="eval", version_base=None)
def main(cfg: DictConfig):
    client = OpenAI()
    items = [json.loads(l) for l in open(hydra.utils.to_absolute_path(cfg.data))]
    acc = {}
    for cond in cfg.conditions:
        hits = 0
        for it in items:
            r = client.chat.completions.create(
                model=cfg.model, n=cfg.sampling.n_samples, temperature=cfg.sampling.temperature,
                max_tokens=cfg.sampling.max_tokens,
                messages=[{"role": "user", "content": f"{it['question']}\n\n{SUFFIX[cond]}"}])
            hits += final_number(r.choices[0].message.content) == it["answer"]
        acc[cond] = hits / len(items)
    print(acc, "CoT gain:", acc["cot"] - acc["direct"])


if __name__ == "__main__":
    main()
