import json

import hydra
import polars as pl
from omegaconf import DictConfig
from openai import OpenAI

client = OpenAI()


@hydra.main(config_path="../conf", config_name="eval", version_base=None)
def main(cfg: DictConfig):
    df = pl.read_parquet(cfg.data)
    subset = df.sample(n=cfg.n_items, seed=cfg.seed)
    hits = 0
    for row in subset.iter_rows(named=True):
        out = client.chat.completions.create(model=cfg.model, messages=[{"role": "user", "content": row["question"]}], temperature=0)
        hits += row["answer"].lower() in out.choices[0].message.content.lower()
    json.dump({"model": cfg.model, "seed": cfg.seed, "n": subset.height, "accuracy": hits / subset.height}, open("metrics.json", "w"))


if __name__ == "__main__":
    main()
