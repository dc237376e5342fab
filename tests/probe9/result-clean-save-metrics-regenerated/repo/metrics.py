import evaluate
import numpy as np

seqeval = evaluate.load("seqeval")
NAMES = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]


def compute_metrics(p):
    preds = np.argmax(p.predictions, axis=2)
    true_p = [[NAMES[q] for q, l in zip(pr, lab) if l != -100] for pr, lab in zip(preds, p.label_ids)]
    true_l = [[NAMES[l] for q, l in zip(pr, lab) if l != -100] for pr, lab in zip(preds, p.label_ids)]
    r = seqeval.compute(predictions=true_p, references=true_l)
    return {"f1": r["overall_f1"], "precision": r["overall_precision"], "recall": r["overall_recall"]}
