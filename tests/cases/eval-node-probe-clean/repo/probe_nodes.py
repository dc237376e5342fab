"""Linear probe of frozen node embeddings: fit on the training nodes, report F1 on the held-out nodes."""
import argparse
import json

import numpy as np
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import f1_score


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("graph")
    parser.add_argument("run_dir")
    args = parser.parse_args()
    with open(args.graph) as fh:
        graph = json.load(fh)
    label_of = {int(k): v for k, v in graph["labels"].items()}
    train_ids = [n["id"] for n in graph["nodes"] if n["split"] == "train"]
    test_ids = [n["id"] for n in graph["nodes"] if n["split"] == "test"]
    vectors = np.load(args.run_dir + "/vectors.npy")
    with open(args.run_dir + "/order.txt") as fh:
        row_of = {int(line): i for i, line in enumerate(fh)}
    train_feats = vectors[[row_of[n] for n in train_ids]]
    test_feats = vectors[[row_of[n] for n in test_ids]]
    train_y = np.array([label_of[n] for n in train_ids])
    test_y = np.array([label_of[n] for n in test_ids])
    clf = SGDClassifier(loss="log_loss", random_state=0)
    clf.fit(train_feats, train_y)
    print("test micro-F1", f1_score(test_y, clf.predict(test_feats), average="micro"))


if __name__ == "__main__":
    main()
