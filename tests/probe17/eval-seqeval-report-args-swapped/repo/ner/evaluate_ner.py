import numpy as np
from seqeval.metrics import classification_report, f1_score


def align(predictions, label_ids, id2label):
    pred_tags, gold_tags = [], []
    for pred_row, lab_row in zip(predictions, label_ids):
        p_seq, g_seq = [], []
        for p, l in zip(pred_row, lab_row):
            if l == -100:
                continue
            p_seq.append(id2label[int(p)])
            g_seq.append(id2label[int(l)])
        pred_tags.append(p_seq)
        gold_tags.append(g_seq)
    return pred_tags, gold_tags


def report(logits, label_ids, id2label):
    predictions = np.argmax(logits, axis=-1)
    pred_tags, gold_tags = align(predictions, label_ids, id2label)
    print(classification_report(pred_tags, gold_tags, digits=4))
    return {"entity_f1": f1_score(pred_tags, gold_tags), "n_sentences": len(gold_tags)}
