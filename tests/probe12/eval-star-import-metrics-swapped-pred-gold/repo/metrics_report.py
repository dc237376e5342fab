from sklearn.metrics import *


def report(pred_tags, gold_tags, labels):
    return {
        "macro_f1": f1_score(pred_tags, gold_tags, labels=labels, average="macro"),
        "precision": precision_score(pred_tags, gold_tags, labels=labels, average="macro"),
        "recall": recall_score(pred_tags, gold_tags, labels=labels, average="macro"),
    }
