import json

import typer
from sklearn.metrics import *

app = typer.Typer()


@app.command()
def main(pred_file: str, gold_file: str) -> None:
    with open(pred_file) as f:
        pred_list = [json.loads(line)["label"] for line in f]
    with open(gold_file) as f:
        grd_list = [json.loads(line)["label"] for line in f]
    assert len(pred_list) == len(grd_list)
    print("precision", precision_score(pred_list, grd_list, pos_label="toxic"))
    print("recall", recall_score(pred_list, grd_list, pos_label="toxic"))
    print("n", len(grd_list))


if __name__ == "__main__":
    app()
