from sklearn.metrics import f1_score, precision_score, recall_score


def report(pred_labels, gold):
    return {
        "precision": precision_score(pred_labels, gold),
        "recall": recall_score(pred_labels, gold),
        "f1": f1_score(gold, pred_labels),
    }
