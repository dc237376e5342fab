"""Summarise judge scores per model."""
import polars as pl
import typer

app = typer.Typer()


@app.command()
def summarize(scores_csv: str = "outputs/judge_scores.csv") -> None:
    scores = pl.read_csv(scores_csv)  # model, item_id, helpfulness, harmlessness, judge_raw
    scores = scores.drop_nulls()
    summary = (
        scores.group_by("model")
        .agg(
            pl.col("helpfulness").mean().alias("helpfulness"),
            pl.col("harmlessness").mean().alias("harmlessness"),
        )
        .sort("model")
    )
    print(summary)


if __name__ == "__main__":
    app()
