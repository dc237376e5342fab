"""RESULT family: claims without support, stale results, results without provenance, suspect values."""

CASES = []

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "result-readme-table-f1-not-in-eval-json",
    "style": "mixed",
    "description": "Toxic-comment classifier (DeBERTa via the HF Trainer). The README results table reports "
                   "macro-F1 0.842 for the fine-tuned model; the only results file (results/eval_test.json) "
                   "says 0.821 (the 0.842 came from an earlier run on the validation split that no file "
                   "keeps). The other README numbers match the file.",
    "files": {
        "train_tox.py": '''
            import json

            import numpy as np
            from datasets import load_dataset
            from sklearn.metrics import f1_score
            from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer,
                                      TrainingArguments)

            MODEL = "microsoft/deberta-v3-base"
            ds = load_dataset("csv", data_files={"train": "data/train.csv", "validation": "data/val.csv",
                                                 "test": "data/test.csv"})
            tok = AutoTokenizer.from_pretrained(MODEL)
            ds = ds.map(lambda b: tok(b["comment_text"], truncation=True, max_length=256), batched=True)
            model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2)


            def metrics(p):
                pred = np.argmax(p.predictions, -1)
                return {"macro_f1": f1_score(p.label_ids, pred, average="macro"), "acc": float((pred == p.label_ids).mean())}


            args = TrainingArguments("out/deberta-tox", eval_strategy="epoch", save_strategy="epoch",
                                     load_best_model_at_end=True, metric_for_best_model="macro_f1",
                                     num_train_epochs=3, learning_rate=2e-5, seed=17)
            trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["validation"],
                              tokenizer=tok, compute_metrics=metrics)
            trainer.train()
            test_metrics = trainer.evaluate(ds["test"], metric_key_prefix="test")
            json.dump({"model": MODEL, "seed": 17, "n_test": len(ds["test"]), **test_metrics},
                      open("results/eval_test.json", "w"), indent=2)
        ''',
        "results/eval_test.json": '''
            {
              "model": "microsoft/deberta-v3-base",
              "seed": 17,
              "n_test": 6243,
              "test_loss": 0.2113,
              "test_macro_f1": 0.8214,
              "test_acc": 0.9387
            }
        ''',
        "README.md": '''
            # Toxic comment detection

            Fine-tuning DeBERTa-v3-base on the Jigsaw subset (`python train_tox.py`).

            | model | accuracy | macro-F1 |
            |---|---|---|
            | TF-IDF + LR (baseline) | 0.912 | 0.774 |
            | DeBERTa-v3-base | 0.939 | 0.842 |  «RESULT-CLAIM|the README's macro-F1 0.842 for DeBERTa appears in no results file; results/eval_test.json has 0.8214»

            The baseline row comes from `notebooks/baseline.ipynb` (printed output).
        ''',
    },
    "file_ok": [("README.md", "RESULT-PROVENANCE")],
})

# ---------------------------------------------------------------------------------------------
_TRAIN_V1 = '''
    from datasets import load_dataset
    from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments)

    MODEL = "roberta-base"
    ds = load_dataset("glue", "mrpc")
    tok = AutoTokenizer.from_pretrained(MODEL)
    ds = ds.map(lambda b: tok(b["sentence1"], b["sentence2"], truncation=True, max_length=128), batched=True)
    model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2)
    args = TrainingArguments("out/roberta-mrpc", num_train_epochs=3, learning_rate=2e-5, seed=1,
                             per_device_train_batch_size=32)
    trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["validation"], tokenizer=tok)
    trainer.train()
    metrics = trainer.evaluate()
    trainer.save_metrics("eval", metrics)
'''
_TRAIN_V2 = '''
    from datasets import load_dataset
    from transformers import (AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments)

    MODEL = "roberta-base"
    ds = load_dataset("glue", "mrpc")
    tok = AutoTokenizer.from_pretrained(MODEL)
    ds = ds.map(lambda b: tok(b["sentence1"], b["sentence2"], truncation=True, max_length=64), batched=True)
    model = AutoModelForSequenceClassification.from_pretrained(MODEL, num_labels=2)
    args = TrainingArguments("out/roberta-mrpc", num_train_epochs=5, learning_rate=3e-5, seed=1,
                             per_device_train_batch_size=32, warmup_ratio=0.1, label_smoothing_factor=0.1)
    trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["validation"], tokenizer=tok)
    trainer.train()
    metrics = trainer.evaluate()
    trainer.save_metrics("eval", metrics)
'''
_EVAL_RESULTS_V1 = '''
    {
        "epoch": 3.0,
        "eval_loss": 0.3871,
        "eval_runtime": 2.41,
        "eval_samples_per_second": 169.3
    }
'''

CASES.append({
    "id": "result-trainer-save-metrics-stale",
    "style": "mixed",
    "description": "RoBERTa on MRPC with the HF Trainer; trainer.save_metrics('eval', ...) writes "
                   "out/roberta-mrpc/eval_results.json. The metrics file was committed with the first "
                   "training script; a week later the script changed (max_length 128->64, 5 epochs, label "
                   "smoothing, warmup) and the README still quotes the old file, which was never regenerated.",
    "history": [
        {"message": "train roberta on mrpc", "date": "2025-03-02T10:00:00",
         "files": {"train.py": _TRAIN_V1, "out/roberta-mrpc/eval_results.json": _EVAL_RESULTS_V1}},
        {"message": "shorter sequences, longer schedule, label smoothing", "date": "2025-03-09T16:30:00",
         "files": {"train.py": _TRAIN_V2}},
    ],
    "files": {
        "train.py": _TRAIN_V2,
        "out/roberta-mrpc/eval_results.json": _EVAL_RESULTS_V1,
        "README.md": '''
            # RoBERTa on MRPC

            `python train.py`; metrics land in `out/roberta-mrpc/eval_results.json`.
            Current validation loss: 0.387.
        ''',
    },
    "file_labels": [("out/roberta-mrpc/eval_results.json", "RESULT-STALE",
                     "written by trainer.save_metrics in train.py, committed 2025-03-02; train.py changed on "
                     "2025-03-09 (sequence length, epochs, label smoothing) and the file was not regenerated")],
    "file_ok": [("out/roberta-mrpc/eval_results.json", "RESULT-PROVENANCE"), ("README.md", "RESULT-STALE")],
})

CASES.append({
    "id": "clean-result-trainer-metrics-regenerated",
    "style": "mixed",
    "description": "Clean twin of the stale Trainer metrics: after the training script changed, the run was "
                   "repeated and the regenerated eval_results.json committed a day later; the README quotes "
                   "the new file.",
    "history": [
        {"message": "train roberta on mrpc", "date": "2025-03-02T10:00:00",
         "files": {"train.py": _TRAIN_V1, "out/roberta-mrpc/eval_results.json": _EVAL_RESULTS_V1}},
        {"message": "shorter sequences, longer schedule, label smoothing", "date": "2025-03-09T16:30:00",
         "files": {"train.py": _TRAIN_V2}},
        {"message": "rerun after schedule change", "date": "2025-03-10T09:10:00",
         "files": {"out/roberta-mrpc/eval_results.json": '''
             {
                 "epoch": 5.0,
                 "eval_loss": 0.4412,
                 "eval_runtime": 2.38,
                 "eval_samples_per_second": 171.4
             }
         '''}},
    ],
    "files": {
        "train.py": _TRAIN_V2,
        "out/roberta-mrpc/eval_results.json": '''
            {
                "epoch": 5.0,
                "eval_loss": 0.4412,
                "eval_runtime": 2.38,
                "eval_samples_per_second": 171.4
            }
        ''',
        "README.md": '''
            # RoBERTa on MRPC

            `python train.py`; metrics land in `out/roberta-mrpc/eval_results.json`.
            Current validation loss: 0.441.
        ''',
    },
    "file_ok": [("out/roberta-mrpc/eval_results.json", "RESULT-PROVENANCE")],
})

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "result-augmentation-ablation-csv-metrics-only",
    "style": "torch",
    "description": "Augmentation ablation for a speech-command model. ablate.py loops over four augmentation "
                   "settings and seeds but writes a CSV whose rows hold only accuracy, macro-F1 and ECE: "
                   "which row is which setting, seed or checkpoint is known only from the loop order, and "
                   "the README interprets 'row 3' as the no-SpecAugment run.",
    "files": {
        "ablate.py": '''
            import csv
            import itertools

            import torch

            from kws.train import train_and_eval

            SETTINGS = [
                {"specaugment": True, "mixup": True},
                {"specaugment": True, "mixup": False},
                {"specaugment": False, "mixup": True},
                {"specaugment": False, "mixup": False},
            ]
            rows = []
            for setting, seed in itertools.product(SETTINGS, [0, 1, 2]):
                torch.manual_seed(seed)
                m = train_and_eval(**setting, epochs=30)
                rows.append({"acc": round(m["acc"], 4), "macro_f1": round(m["macro_f1"], 4), "ece": round(m["ece"], 4)})  «RESULT-PROVENANCE+5|(label moved after the blind scoring from the CSV header to the code that writes it) each row keeps only accuracy, macro-F1 and ECE: no augmentation setting, seed or checkpoint, so which row is which condition is known only from the loop order»

            with open("results/ablation.csv", "w", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=["acc", "macro_f1", "ece"])
                w.writeheader()
                w.writerows(rows)
        ''',
        "kws/__init__.py": "",
        "kws/train.py": '''
            def train_and_eval(specaugment: bool, mixup: bool, epochs: int) -> dict:
                """Train the BC-ResNet on Speech Commands v2 and return test metrics."""
                raise NotImplementedError("see cluster job scripts")
        ''',
        "results/ablation.csv": '''
            acc,macro_f1,ece  «ok:RESULT-PROVENANCE»
            0.9712,0.9688,0.0211
            0.9705,0.9671,0.0198
            0.9721,0.9702,0.0224
            0.9634,0.9601,0.0305
            0.9641,0.9611,0.0290
            0.9622,0.9597,0.0311
            0.9587,0.9550,0.0277
            0.9601,0.9561,0.0269
            0.9579,0.9538,0.0284
            0.9498,0.9451,0.0342
            0.9512,0.9470,0.0330
            0.9489,0.9440,0.0351
        ''',
        "README.md": '''
            # KWS augmentation ablation

            SpecAugment matters most: rows 7-9 of `results/ablation.csv` (no SpecAugment) lose ~1.2 points.
        ''',
    },
})

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "result-lora-rank-sweep-identical-scores",
    "style": "llm-eval",
    "description": "LoRA rank sweep on GSM8K. The evaluation script loads the adapter from a path that does "
                   "not include the rank, so every rank evaluates the last adapter trained; the results file "
                   "shows four ranks with identical accuracy and identical counts, which the README reads as "
                   "'rank does not matter'.",
    "files": {
        "eval_ranks.py": '''
            import json

            from peft import PeftModel
            from transformers import AutoModelForCausalLM, AutoTokenizer

            from gsm8k_utils import exact_match_on_gsm8k

            BASE = "Qwen/Qwen2.5-0.5B"
            tok = AutoTokenizer.from_pretrained(BASE)
            out = {}
            for rank in (4, 8, 16, 64):
                base = AutoModelForCausalLM.from_pretrained(BASE)
                model = PeftModel.from_pretrained(base, "adapters/qwen-gsm8k-lora").eval()  «ok:EVAL-MISMATCH»
                correct, n = exact_match_on_gsm8k(model, tok)
                out[f"r{rank}"] = {"accuracy": correct / n, "correct": correct, "n": n}
            json.dump(out, open("results/rank_sweep.json", "w"), indent=2)
        ''',
        "gsm8k_utils.py": '''
            import re

            import torch
            from datasets import load_dataset


            @torch.no_grad()
            def exact_match_on_gsm8k(model, tok, limit: int = 500):
                ds = load_dataset("openai/gsm8k", "main", split="test").select(range(limit))
                correct = 0
                for row in ds:
                    ids = tok(row["question"] + "\\nAnswer:", return_tensors="pt").input_ids
                    gen = model.generate(ids, max_new_tokens=256, do_sample=False)  «ok:DATA-TRUNC»
                    text = tok.decode(gen[0, ids.shape[1]:], skip_special_tokens=True)
                    nums = re.findall(r"-?\\d+", text)
                    correct += bool(nums) and nums[-1] == row["answer"].split("####")[-1].strip()
                return correct, len(ds)
        ''',
        "results/rank_sweep.json": '''
            {
              "r4": {"accuracy": 0.352, "correct": 176, "n": 500},  «RESULT-SUSPECT+3|four LoRA ranks give identical accuracy and identical correct counts to the item; the README reads it as 'rank does not matter' instead of as one adapter evaluated four times»
              "r8": {"accuracy": 0.352, "correct": 176, "n": 500},
              "r16": {"accuracy": 0.352, "correct": 176, "n": 500},
              "r64": {"accuracy": 0.352, "correct": 176, "n": 500}
            }
        ''',
        "README.md": '''
            # LoRA rank on GSM8K

            All ranks reach 35.2% exact match on the first 500 test problems: rank does not matter here.
        ''',
    },
    "file_ok": [("results/rank_sweep.json", "RESULT-PROVENANCE"), ("README.md", "RESULT-SUSPECT")],
})

# ---------------------------------------------------------------------------------------------
CASES.append({
    "id": "clean-result-readme-percentages-match-json",
    "style": "mixed",
    "description": "Clean twin of the README table: every README number is the results file's value rounded "
                   "(0.8423 -> 84.2%, 0.9107 -> 0.911), and the file carries model, seed, commit and n.",
    "files": {
        "evaluate_ner.py": '''
            import json
            import subprocess

            from datasets import load_dataset
            from seqeval.metrics import accuracy_score, f1_score
            from transformers import pipeline

            MODEL = "dslim/bert-base-NER"
            ds = load_dataset("conll2003", split="test")
            ner = pipeline("token-classification", model=MODEL)
            ID2L = ds.features["ner_tags"].feature.names


            def predict(tokens):
                tags = ["O"] * len(tokens)
                offset = 0
                starts = []
                for t in tokens:
                    starts.append(offset)
                    offset += len(t) + 1
                for ent in ner(" ".join(tokens)):
                    if ent["start"] in starts:
                        tags[starts.index(ent["start"])] = ent["entity"]
                return tags


            gold = [[ID2L[t] for t in row["ner_tags"]] for row in ds]
            pred = [predict(row["tokens"]) for row in ds]
            commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
            json.dump({"model": MODEL, "commit": commit, "seed": None, "n_sentences": len(ds),
                       "entity_f1": f1_score(gold, pred), "token_acc": accuracy_score(gold, pred)},
                      open("results/conll_test.json", "w"), indent=2)
        ''',
        "results/conll_test.json": '''
            {
              "model": "dslim/bert-base-NER",
              "commit": "4f1c2ab9d0e7",
              "seed": null,
              "n_sentences": 3453,
              "entity_f1": 0.8423,
              "token_acc": 0.9107
            }
        ''',
        "README.md": '''
            # Off-the-shelf NER on CoNLL-2003 test

            `python evaluate_ner.py` writes `results/conll_test.json`.

            | metric | value |
            |---|---|
            | entity F1 | 84.2% |
            | token accuracy | 0.911 |

            Evaluated on all 3453 test sentences.
        ''',
    },
})
