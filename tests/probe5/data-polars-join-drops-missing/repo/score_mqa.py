import polars as pl

gold = pl.read_csv("data/gold.csv")          # qid, lang, answer
preds = pl.read_csv("outputs/preds_llama3_8b.csv")  # qid, prediction

scored = preds.join(gold, on="qid")
scored = scored.with_columns(
    (pl.col("prediction").str.strip_chars().str.to_lowercase()
     == pl.col("answer").str.to_lowercase()).alias("em")
)
by_lang = scored.group_by("lang").agg(pl.col("em").mean().alias("exact_match")).sort("lang")
print(by_lang)
by_lang.write_csv("results/em_by_lang.csv")
