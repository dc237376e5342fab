TRAIN_V1 = """
    import json
    import sys

    import numpy as np
    from datasets import load_dataset
    from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                              TrainingArguments, set_seed)

    set_seed(42)
    MODEL = "distilbert-base-uncased"
    tok = AutoTokenizer.from_pretrained(MODEL)
    ds = load_dataset("ag_news")
    ds = ds.map(lambda b: tok(b["text"], truncation=True, max_length=128), batched=True)
    model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=4)


    def compute_metrics(p):
        preds = np.argmax(p.predictions, axis=-1)
        return {"accuracy": float((preds == p.label_ids).mean())}


    args = TrainingArguments(output_dir="outputs", num_train_epochs=1, per_device_train_batch_size=32,
                             learning_rate=5e-5, seed=42, report_to=[])
    trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["test"],
                      tokenizer=tok, compute_metrics=compute_metrics)
    trainer.train()
    metrics = trainer.evaluate()
    trainer.save_metrics("eval", metrics)
"""

TRAIN_V2 = TRAIN_V1.replace('max_length=128', 'max_length=256').replace(
    'num_train_epochs=1', 'num_train_epochs=3').replace('learning_rate=5e-5', 'learning_rate=2e-5, warmup_ratio=0.06')


def define(case):
    case("p8-result-readme-claim", "mixed",
         "README claims 91.4% macro-F1 for the final model; the only results file (results/final_metrics.json) "
         "says 0.887 and no other file in the repo contains 91.4.",
         {
             "README.md": """
                 # tweet-topic
                 Fine-tuned a small encoder for 6-way tweet topic classification.

                 ## Results
                 Our final model reaches **91.4% macro-F1** on the held-out test set, beating the TF-IDF baseline (84.0). #@RESULT-CLAIM

                 Reproduce with `python train.py` (writes `results/final_metrics.json`).
             """,
             "results/final_metrics.json": """
                 {"model": "roberta-base", "seed": 17, "n_test": 3012, "macro_f1": 0.887, "accuracy": 0.902,
                  "baseline_tfidf_macro_f1": 0.840}
             """,
             "train.py": """
                 import json

                 import numpy as np
                 from sklearn.metrics import accuracy_score, f1_score


                 def report(y_true, y_pred, n_test, seed, model_name):
                     out = {"model": model_name, "seed": seed, "n_test": n_test,
                            "macro_f1": round(f1_score(y_true, y_pred, average="macro"), 3),
                            "accuracy": round(accuracy_score(y_true, y_pred), 3)}
                     json.dump(out, open("results/final_metrics.json", "w"))
                     return out


                 if __name__ == "__main__":
                     d = np.load("outputs/test_predictions.npz")
                     print(report(d["y_true"], d["y_pred"], len(d["y_true"]), 17, "roberta-base"))
             """,
         })

    case("p8-clean-result-readme-matches", "mixed",
         "Clean twin of the tweet-topic README: the number in the README is the one in the results file.",
         {
             "README.md": """
                 # tweet-topic
                 Fine-tuned a small encoder for 6-way tweet topic classification.

                 ## Results
                 Our final model reaches **88.7% macro-F1** on the held-out test set, beating the TF-IDF baseline (84.0).

                 Reproduce with `python train.py` (writes `results/final_metrics.json`).
             """,
             "results/final_metrics.json": """
                 {"model": "roberta-base", "seed": 17, "n_test": 3012, "macro_f1": 0.887, "accuracy": 0.902,
                  "baseline_tfidf_macro_f1": 0.840}
             """,
             "train.py": """
                 import json

                 import numpy as np
                 from sklearn.metrics import accuracy_score, f1_score


                 def report(y_true, y_pred, n_test, seed, model_name):
                     out = {"model": model_name, "seed": seed, "n_test": n_test,
                            "macro_f1": round(f1_score(y_true, y_pred, average="macro"), 3),
                            "accuracy": round(accuracy_score(y_true, y_pred), 3)}
                     json.dump(out, open("results/final_metrics.json", "w"))
                     return out


                 if __name__ == "__main__":
                     d = np.load("outputs/test_predictions.npz")
                     print(report(d["y_true"], d["y_pred"], len(d["y_true"]), 17, "roberta-base"))
             """,
         })

    case("p8-result-trainer-metrics-stale", "mixed",
         "HF Trainer fine-tune whose eval metrics are written by trainer.save_metrics('eval', ...) to "
         "outputs/eval_results.json. The metrics file was committed after the first one-epoch run; train.py was "
         "later changed (3 epochs, lr 2e-5, max_length 256) and the README quotes the old file as the result of "
         "the current script.",
         {
             "README.md": """
                 # agnews-distilbert
                 DistilBERT on AG News. `python train.py` writes `outputs/eval_results.json`.
                 Current result: see `outputs/eval_results.json`.
             """,
             "train.py": TRAIN_V2,
             "outputs/eval_results.json": """
                 {
                     "epoch": 1.0,
                     "eval_accuracy": 0.9391,
                     "eval_loss": 0.1872,
                     "eval_runtime": 31.2,
                     "eval_samples_per_second": 243.6
                 }
             """,
         },
         extra_labels=[{"file": "outputs/eval_results.json", "line": None, "category": "RESULT-STALE",
                        "why": "written by the one-epoch version of train.py; train.py changed afterwards"}],
         history=[
             {"tag": "v1", "message": "distilbert baseline on ag_news", "date": "2025-03-02T10:00:00",
              "files": {"train.py": TRAIN_V1}},
             {"tag": "v1", "message": "eval results of the baseline run", "date": "2025-03-02T15:30:00",
              "files": {"outputs/eval_results.json": """
                 {
                     "epoch": 1.0,
                     "eval_accuracy": 0.9391,
                     "eval_loss": 0.1872,
                     "eval_runtime": 31.2,
                     "eval_samples_per_second": 243.6
                 }
             """}},
             {"tag": "v2", "message": "longer training, lower lr, longer inputs", "date": "2025-03-09T11:00:00",
              "files": {"train.py": TRAIN_V2}},
         ])

    case("p8-result-metric-only-csv", "sklearn",
         "Model comparison whose results CSV has only metric columns (accuracy, macro_f1, auc) per row: no model "
         "name, seed, split or n, so which row is which model is known only from the order of a list in the "
         "script.",
         {
             "README.md": """
                 # bank-marketing
                 Comparison of three classifiers; results in `results/scores.csv`.
             """,
             "compare.py": """
                 import pandas as pd
                 from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
                 from sklearn.linear_model import LogisticRegression
                 from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
                 from sklearn.model_selection import train_test_split
                 from sklearn.pipeline import make_pipeline
                 from sklearn.preprocessing import StandardScaler

                 df = pd.read_csv("data/bank_encoded.csv")
                 X, y = df.drop(columns=["subscribed"]), df["subscribed"]
                 X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=5)

                 rows = []
                 for clf in [make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
                             RandomForestClassifier(n_estimators=300, random_state=5),
                             GradientBoostingClassifier(random_state=5)]:
                     clf.fit(X_tr, y_tr)
                     p = clf.predict_proba(X_te)[:, 1]
                     rows.append({"accuracy": accuracy_score(y_te, p > 0.5), "macro_f1": f1_score(y_te, p > 0.5, average="macro"),
                                  "auc": roc_auc_score(y_te, p)})
                 pd.DataFrame(rows).round(4).to_csv("results/scores.csv", index=False)  #@ok:RESULT-PROVENANCE
             """,
             "results/scores.csv": """
                 accuracy,macro_f1,auc
                 0.9012,0.7211,0.9287
                 0.9065,0.7402,0.9391
                 0.9108,0.7588,0.9455
             """,
         },
         extra_labels=[{"file": "results/scores.csv", "line": 1, "category": "RESULT-PROVENANCE",
                        "why": "only metric columns: no model, seed or n"}])

    case("p8-clean-result-csv-provenance", "sklearn",
         "Clean twin of the model comparison: each results row names the model, the seed, the test size and the "
         "split.",
         {
             "README.md": """
                 # bank-marketing
                 Comparison of three classifiers; results in `results/scores.csv`.
             """,
             "compare.py": """
                 import pandas as pd
                 from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
                 from sklearn.linear_model import LogisticRegression
                 from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
                 from sklearn.model_selection import train_test_split
                 from sklearn.pipeline import make_pipeline
                 from sklearn.preprocessing import StandardScaler

                 SEED = 5
                 df = pd.read_csv("data/bank_encoded.csv")
                 X, y = df.drop(columns=["subscribed"]), df["subscribed"]
                 X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y, random_state=SEED)

                 models = {
                     "logreg": make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
                     "random_forest": RandomForestClassifier(n_estimators=300, random_state=SEED),
                     "gbm": GradientBoostingClassifier(random_state=SEED),
                 }
                 rows = []
                 for name, clf in models.items():
                     clf.fit(X_tr, y_tr)
                     p = clf.predict_proba(X_te)[:, 1]
                     rows.append({"model": name, "seed": SEED, "split": "test", "n": len(y_te),
                                  "accuracy": accuracy_score(y_te, p > 0.5), "macro_f1": f1_score(y_te, p > 0.5, average="macro"),
                                  "auc": roc_auc_score(y_te, p)})
                 pd.DataFrame(rows).round(4).to_csv("results/scores.csv", index=False)
             """,
             "results/scores.csv": """
                 model,seed,split,n,accuracy,macro_f1,auc
                 logreg,5,test,12357,0.9012,0.7211,0.9287
                 random_forest,5,test,12357,0.9065,0.7402,0.9391
                 gbm,5,test,12357,0.9108,0.7588,0.9455
             """,
         })

    case("p8-result-suspect-identical", "llm-eval",
         "Results JSON of a refusal classifier run on four models: every model has exactly the same refusal rate "
         "1.0 and the same n, because the classifier saw an empty string for every reply (a field-name change). "
         "Nothing in the repo checks the values.",
         {
             "README.md": """
                 # refusal-rates
                 Refusal rates of four models on our harmful-request set; see `results/refusal_rates.json`.
             """,
             "summarise.py": """
                 import json

                 import pandas as pd

                 df = pd.read_json("outputs/classified.jsonl", lines=True)
                 rates = df.groupby("model")["refused"].mean().round(4).to_dict()
                 n = df.groupby("model").size().to_dict()
                 json.dump({m: {"refusal_rate": rates[m], "n": n[m]} for m in rates},
                           open("results/refusal_rates.json", "w"), indent=2)
             """,
             "results/refusal_rates.json": """
                 {
                   "claude-3-5-haiku": {"refusal_rate": 1.0, "n": 520}, #@RESULT-SUSPECT+3
                   "gpt-4o-mini": {"refusal_rate": 1.0, "n": 520},
                   "llama-3.1-8b-instruct": {"refusal_rate": 1.0, "n": 520},
                   "mistral-7b-instruct": {"refusal_rate": 1.0, "n": 520}
                 }
             """,
         })
