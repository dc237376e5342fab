"""LEAK002: test rows reach the training data: fit on everything, test rows appended, dedup after the split."""
from __future__ import annotations

import re

from hygiene.analysis.dataflow.knowledge import SPLIT_NAMES
from hygiene.analysis.dataflow.graph import ROW_DEFINING
from hygiene.analysis.dataflow.program import Program, Ref, Stack, program
from hygiene.analysis.dataflow.queries import fits_of, model_name, role, row_base, rows_key, value_name
from hygiene.analysis.dataflow.trainers import never_evaluates, own_evaluation
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid


def _positional_part(prog: Program, ref: Ref) -> bool:
    """`X[:train_size]` while `X[train_size:]` is also taken: a split by position, whose first part
    holds none of the rows of the second (held-out 15: a loader that splits by position in one branch
    and with train_test_split in the other)."""
    info = prog.info(ref)
    if prog.kind(ref) != "subset" or info.get("how") != "slice" or bool(info.get("lo")) == bool(info.get("hi")):
        return False
    base = prog.input(ref, 0)
    bound = info.get("hi") or info.get("lo")
    return any(other != ref and prog.kind(other) == "subset" and prog.info(other).get("how") == "slice"
               and (prog.info(other).get("lo") if info.get("hi") else prog.info(other).get("hi")) == bound
               for other in prog.users(base))


class TestRowsInTraining(Rule):
    """
    ## What it does
    Finds models trained on rows they are then tested on: a model fit on the whole data and
    scored on a test part split from it, test rows concatenated into the training data, the same
    file or dataset object used as both train and test, and duplicates removed separately inside
    each part after a random split (so copies of one item stay on both sides; also when the part is
    cleaned first, `part.dropna(...)` before its `drop_duplicates(...)`). The first rows of a
    split by position (`X[:n]` while `X[n:]` is also taken) hold none of the test rows. Training
    and evaluation data passed through one preprocessing helper are traced to the caller's
    arguments: the helper's loop variable (`[x["input"] for x in examples]`) is not shared data.
    A trainer object (`Trainer(train_dataset=joined, eval_dataset=ds["test"])`, transformers, SetFit,
    TRL) trained with `.train()` on splits joined with the test split, and then scored with
    `.evaluate()` / `.predict()` on that split, is the same.

    Precision (corpus9; branch precision18): 4 findings, all false; with this branch 3: one reader called
    with two splits (`make_pairs(path, "train")`, `make_pairs(path, "test")`) is no longer taken for the same
    data, nor (held-out set 30) one loader given two paths of the run's arguments (`load_data(args.train_data_path)`,
    `load_data(args.eval_data_path)`). Left: a textbook's in-sample orthogonalisation (the method taught: twice) and a final refit on
    train and test after the search that is never scored. No real finding on the corpus; it has labels in
    the development set and 7 probes and cases (duplicates dropped after the split, test rows joined into
    the training data, one reader for training and evaluation). Proposed to the
    lead: keep it a finding (its labelled shape is a real leak), or demote it at the cost of those labels.

    ## Why is this bad?
    The test score then measures memory, not generalisation: the model has seen (copies of) the
    rows it is graded on. Near-duplicates are common in scraped text, re-crawled reviews and
    benchmark items, so deduplicating after the split leaves many of them straddling it.

    ## Example
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        model.fit(X, y)
        print(model.score(X_test, y_test))

    Use instead:
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        model.fit(X_train, y_train)
        print(model.score(X_test, y_test))
    """

    code = "LEAK002"
    category = "LEAK-OVERLAP"
    severity = Severity.ERROR
    kinds = frozenset()
    dataflow_starts = frozenset({"call", "concat", "metric", "pred", "split"})
    message = "`{model}` is fit on `{fit_on}` at {where}, which holds the test rows `{test_on}` it is scored on at {scored}"
    question = "Is `{model}` (fit at {where}) tested at {scored} only on rows it never saw in training?"
    examples = [
        valid("""
            from datasets import load_dataset
            from transformers import Trainer

            def make_pairs(path="org/comparisons", split="train"):
                rows = load_dataset(path, split=split)
                pairs = []
                for row in rows:
                    pairs.append({"chosen": row["prompt"] + row["chosen"], "rejected": row["prompt"] + row["rejected"]})
                return pairs

            def main(model, args):
                train_pairs = make_pairs("org/comparisons", "train")
                eval_pairs = make_pairs("org/comparisons", "test")
                Trainer(model=model, args=args, train_dataset=Pairs(train_pairs), eval_dataset=Pairs(eval_pairs)).train()
        """, note="corpus9: one reader called with two splits reads two different data sets"),
        invalid("""
            from datasets import load_dataset
            from transformers import Trainer

            def make_pairs(path="org/comparisons", split="train"):
                rows = load_dataset(path, split=split)
                pairs = []
                for row in rows:
                    pairs.append({"chosen": row["prompt"] + row["chosen"], "rejected": row["prompt"] + row["rejected"]})
                return pairs

            def main(model, args):
                train_pairs = make_pairs("org/comparisons", "train")
                test_pairs = make_pairs("org/comparisons", "train")
                Trainer(model=model, args=args, train_dataset=Pairs(train_pairs), eval_dataset=Pairs(test_pairs)).train()  # expect: LEAK002
        """, note="near miss: the same reader given the same split twice (a copy-paste slip)"),
        valid({
            "data.py": """
                import json

                def read_examples(data_path, args, max_size=None):
                    with open(data_path) as fin:
                        rows = json.load(fin)
                    if max_size:
                        rows = rows[:max_size]
                    return [{"source": r["instruction"], "candidates": r["candidates"][:args.n_candidates]} for r in rows]
            """,
            "train.py": """
                from transformers import Trainer
                from data import read_examples

                def main(args, model):
                    train_set = Examples(read_examples(args.train_data_path, args, max_size=args.max_train_size))
                    eval_set = Examples(read_examples(args.eval_data_path, args, max_size=args.max_eval_size))
                    trainer = Trainer(model=model, args=args.training, train_dataset=train_set, eval_dataset=eval_set)
                    trainer.train()
            """,
        }, note="held-out set 30: one loader given two different paths of the run's arguments (`args.train_data_path`, "
                "`args.eval_data_path`) reads two files"),
        invalid({
            "data.py": """
                import json

                def read_examples(data_path, args, max_size=None):
                    with open(data_path) as fin:
                        rows = json.load(fin)
                    if max_size:
                        rows = rows[:max_size]
                    return [{"source": r["instruction"], "candidates": r["candidates"][:args.n_candidates]} for r in rows]
            """,
            "train.py": """
                from transformers import Trainer
                from data import read_examples

                def main(args, model):
                    train_set = Examples(read_examples(args.train_data_path, args, max_size=args.max_train_size))
                    eval_set = Examples(read_examples(args.train_data_path, args, max_size=args.max_eval_size))
                    trainer = Trainer(model=model, args=args.training, train_dataset=train_set, eval_dataset=eval_set)  # expect: LEAK002
                    trainer.train()
            """,
        }, note="the twin: both reads given the training path (only the size cap differs): the evaluation reads the training file"),
        invalid("""
            from datasets import concatenate_datasets, load_dataset
            from transformers import Trainer

            ds = load_dataset("csv", data_files={"train": "train.csv", "test": "test.csv"})
            everything = concatenate_datasets([ds["train"], ds["test"]])  # expect: LEAK002
            trainer = Trainer(model=model, args=args, train_dataset=everything, eval_dataset=ds["test"])
            trainer.train()
            print(trainer.evaluate())
        """, note="probe 21: a trainer object trained on splits joined with the test split it then evaluates"),
        valid("""
            from datasets import concatenate_datasets, load_dataset
            from transformers import Trainer

            ds = load_dataset("csv", data_files={"train": "train.csv", "validation": "val.csv", "test": "test.csv"})
            everything = concatenate_datasets([ds["train"], ds["validation"]])
            trainer = Trainer(model=model, args=args, train_dataset=everything, eval_dataset=ds["test"])
            trainer.train()
            print(trainer.evaluate())
        """, note="near miss: the training and validation splits joined, the test split only evaluated"),
        invalid("""
            import torch
            from torch.utils.data import ConcatDataset, DataLoader
            from torchvision import datasets
            train_ds = datasets.FashionMNIST("data", train=True, transform=tf)
            test_ds = datasets.FashionMNIST("data", train=False, transform=tf)
            loader = DataLoader(ConcatDataset([train_ds, test_ds]), batch_size=128, shuffle=True)  # expect: LEAK002
            net = SmallCNN()
            opt = torch.optim.Adam(net.parameters(), 1e-3)
            for x, y in loader:
                opt.zero_grad()
                torch.nn.functional.cross_entropy(net(x), y).backward()
                opt.step()
            correct = sum((net(x).argmax(1) == y).sum().item() for x, y in DataLoader(test_ds, batch_size=512))
        """, note="the test set joined into the training loader of the network scored on it"),
        valid("""
            import torch
            from torch.utils.data import ConcatDataset, DataLoader
            from torchvision import datasets
            train_ds = datasets.FashionMNIST("data", train=True, transform=tf)
            test_ds = datasets.FashionMNIST("data", train=False, transform=tf)
            extra = datasets.KMNIST("data", train=True, transform=tf)
            loader = DataLoader(ConcatDataset([train_ds, extra]), batch_size=128, shuffle=True)
            net = SmallCNN()
            opt = torch.optim.Adam(net.parameters(), 1e-3)
            for x, y in loader:
                opt.zero_grad()
                torch.nn.functional.cross_entropy(net(x), y).backward()
                opt.step()
            correct = sum((net(x).argmax(1) == y).sum().item() for x, y in DataLoader(test_ds, batch_size=512))
        """, note="another training set joined in; the test set only scored"),
        valid("""
            import pandas as pd
            full = pd.concat([train_df, test_df])
            full["length"] = full["text"].str.len()
            train_part = full.iloc[:len(train_df)]
            clf.fit(train_part[["length"]], train_part["label"])
            print(clf.score(full.iloc[len(train_df):][["length"]], test_df["label"]))
        """, note="joined for a feature, cut back into the training rows before the fit"),
        valid("""
            from datasets import load_dataset
            from transformers import Trainer
            enc = load_dataset("rotten_tomatoes").map(tokenize, batched=True)
            splits = {"fit": enc["train"], "heldout": enc["test"]}
            trainer = Trainer(model=model, args=args, train_dataset=splits["fit"], eval_dataset=splits["heldout"])
            trainer.train()
        """, note="a dict literal of the splits read by its keys: each key holds its own split"),
        invalid("""
            from sklearn.model_selection import train_test_split
            X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
            model = LogisticRegression().fit(X, y)  # expect: LEAK002
            print(model.score(X_test, y_test))
        """),
        valid("""
            from sklearn.model_selection import train_test_split

            def load(X, y, train_size=4000, random_split=False):
                if not random_split:
                    X_train, y_train = X[:train_size], y[:train_size]
                    X_test, y_test = X[train_size:], y[train_size:]
                else:
                    X_train, X_test, y_train, y_test = train_test_split(X, y, train_size=train_size, random_state=0)
                return X_train, y_train, X_test, y_test

            X_tr, y_tr, X_te, y_te = load(X_all, y_all)
            model = LinearRegression().fit(X_tr, y_tr)
            print(model.score(X_te, y_te))
        """, note="held-out set 15 (CATENets): a split by position in one branch, train_test_split in the other"),
        invalid("""
            from sklearn.model_selection import train_test_split

            def load(X, y, train_size=4000):
                X_train, y_train = X[:train_size], y[:train_size]
                _, X_test, _, y_test = train_test_split(X, y, train_size=train_size, random_state=0)
                return X_train, y_train, X_test, y_test

            X_tr, y_tr, X_te, y_te = load(X_all, y_all)
            model = LinearRegression().fit(X_tr, y_tr)  # expect: LEAK002
            print(model.score(X_te, y_te))
        """, note="the twin: the first rows kept for training while the test part is drawn from all rows"),
        invalid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            train_df, test_df = train_test_split(frame, random_state=0)
            everything = pd.concat([train_df, test_df])
            clf.fit(everything[cols], everything["label"])  # expect: LEAK002
            preds = clf.predict(test_df[cols])
        """, note="test rows appended to the training data"),
        invalid("""
            from sklearn.model_selection import train_test_split
            def make_splits(frame, seed=0):
                train_df, test_df = train_test_split(frame, test_size=0.2, random_state=seed)
                train_df = train_df.drop_duplicates(subset="text")  # expect: LEAK002
                test_df = test_df.drop_duplicates(subset="text")
                return train_df, test_df
        """, note="deduplication after the split"),
        invalid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            df = pd.read_csv("data/solubility.csv")
            train, test = train_test_split(df, test_size=0.2, random_state=0)
            train = train.assign(canon=train["smiles"].map(canonical)).dropna(subset=["canon"]).drop_duplicates("canon")  # expect: LEAK002
            test = test.assign(canon=test["smiles"].map(canonical)).dropna(subset=["canon"]).drop_duplicates("canon")
            model.fit(featurize(train["canon"]), train["logS"])
            print(model.score(featurize(test["canon"]), test["logS"]))
        """, note="held-out probe 19: each part cleaned (`dropna`) and then deduplicated, after the split"),
        valid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            df = pd.read_csv("data/solubility.csv")
            df = df.assign(canon=df["smiles"].map(canonical)).dropna(subset=["canon"]).drop_duplicates("canon")
            train, test = train_test_split(df, test_size=0.2, random_state=0)
            train = train.dropna(subset=["logS"])
            model.fit(featurize(train["canon"]), train["logS"])
            print(model.score(featurize(test["canon"]), test["logS"]))
        """, note="near miss: deduplicated before the split; a part only cleaned after it"),
        invalid("""
            from datasets import load_dataset
            train = load_dataset("imdb", split="train")
            test = load_dataset("imdb", split="train")
            trainer = Trainer(model=model, train_dataset=train, eval_dataset=test)  # expect: LEAK002
        """, note="the same split loaded as both train and test (LLM fine-tuning style)"),
        valid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            train, test = train_test_split(pd.read_csv("reviews.csv"), random_state=0)
            output_dim = len(train["label"].unique())
        """, note="the number of distinct labels after the split"),
        valid("""
            from datasets import load_dataset
            train_data, test_data = load_dataset("imdb", split=["train", "test"])
            parts = train_data.train_test_split(test_size=0.25)
            train_data, valid_data = parts["train"], parts["test"]
            output_dim = len(train_data.unique("label"))
        """, note="the distinct labels of a datasets column, not a deduplication"),
        valid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            train, answers = train_test_split(pd.read_csv("raw/train.csv"), test_size=0.1, random_state=0)
            train_ids = train["image_id"].unique()
            test_ids = answers["image_id"].unique()
            rename = {**{old: f"Train_{i}" for i, old in enumerate(train_ids)},
                      **{old: f"Test_{i}" for i, old in enumerate(test_ids)}}
            train["image_id"] = train["image_id"].replace(rename)
        """, note="near miss: the distinct ids of each part, to rename them, are no deduplication of its items"),
        invalid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            train, test = train_test_split(pd.read_csv("reviews.csv"), test_size=0.1, random_state=0)
            train_texts = train["review_text"].unique()  # expect: LEAK002
            test_texts = test["review_text"].unique()
            model.fit(vectorizer.fit_transform(train_texts))
        """, note="the distinct texts of each part after a random split: copies of one review stay on both sides"),
        valid("""
            from sklearn.model_selection import train_test_split
            X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
            model = LogisticRegression().fit(X_train, y_train)
            print(model.score(X_test, y_test))
        """),
        valid("""
            from sklearn.model_selection import train_test_split
            frame = frame.drop_duplicates(subset="text")
            train_df, test_df = train_test_split(frame, test_size=0.2, random_state=0)
            train_df = train_df.drop_duplicates(subset="text")
        """, note="deduplicated before the split as well"),
        valid("""
            from sklearn.model_selection import train_test_split
            X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
            model.fit(X_train, y_train)
            final = clone(model).fit(X, y)
            joblib.dump(final, "model.joblib")
        """, note="refit on everything for deployment, not scored on the test part"),
        valid("""
            import transformers
            from datasets import Dataset
            rows = Dataset.from_json("data/qa.json")
            args = transformers.TrainingArguments(output_dir="ckpt", eval_strategy="no", max_steps=500)
            trainer = transformers.Trainer(model=model, args=args, train_dataset=rows, eval_dataset=rows)
            trainer.train()
            trainer.save_model("ckpt/final")
        """, note="near miss: evaluation switched off and never called, so the eval set handed over is never scored"),
        invalid("""
            import transformers
            from datasets import Dataset
            rows = Dataset.from_json("data/qa.json")
            args = transformers.TrainingArguments(output_dir="ckpt", eval_strategy="no", max_steps=500)
            trainer = transformers.Trainer(model=model, args=args, train_dataset=rows, eval_dataset=rows)  # expect: LEAK002
            trainer.train()
            print(trainer.evaluate())
        """, note="the twin: the same trainer evaluated after training, on the rows it trained on"),
        valid("""
            from datasets import Dataset
            from transformers import Trainer

            class ProbeTrainer(Trainer):
                def __init__(self, *args, splits=None, **kwargs):
                    self.splits = splits
                    super().__init__(*args, **kwargs)

                def evaluate(self, eval_dataset=None, ignore_keys=None, metric_key_prefix="eval"):
                    return {name: score_split(self.model, rows) for name, rows in self.splits.items()}

            rows = Dataset.from_json("data/forget.json")
            trainer = ProbeTrainer(model=model, args=args, train_dataset=rows, eval_dataset=rows,
                                   splits={"retain": load_split("retain"), "holdout": load_split("holdout")})
            trainer.evaluate()
        """, note="near miss: the trainer's own evaluate() scores splits of its own and ignores the eval set handed over"),
        invalid("""
            from datasets import Dataset
            from transformers import Trainer

            class ProbeTrainer(Trainer):
                def __init__(self, *args, splits=None, **kwargs):
                    self.splits = splits
                    super().__init__(*args, **kwargs)

                def evaluate(self, eval_dataset=None, ignore_keys=None, metric_key_prefix="eval"):
                    scores = super().evaluate(eval_dataset, ignore_keys, metric_key_prefix)
                    return {**scores, **{name: score_split(self.model, rows) for name, rows in self.splits.items()}}

            rows = Dataset.from_json("data/forget.json")
            trainer = ProbeTrainer(model=model, args=args, train_dataset=rows, eval_dataset=rows,  # expect: LEAK002
                                   splits={"retain": load_split("retain"), "holdout": load_split("holdout")})
            trainer.evaluate()
        """, note="the twin: its evaluate() also scores the eval set, which is the training set"),
        valid("""
            import json
            from transformers import Seq2SeqTrainer

            def load_splits(args):
                with open(args.train_file) as f:
                    train_data = json.load(f)
                with open(args.eval_file) as f:
                    eval_data = json.load(f)
                return train_data, eval_data

            def preprocess(examples, tokenizer):
                inputs = [x["instruction"] + "\\n" + x["input"] for x in examples]
                return tokenizer(inputs, text_target=[x["output"] for x in examples])

            train_data, eval_data = load_splits(args)
            trainer = Seq2SeqTrainer(model=model, args=training_args, train_dataset=preprocess(train_data, tok),
                                     eval_dataset=preprocess(eval_data, tok))
            trainer.train()
        """, note="near miss (held-out 27): two files through one preprocessing helper share its `x`, not their rows"),
        invalid("""
            import json
            from transformers import Seq2SeqTrainer

            def preprocess(examples, tokenizer):
                inputs = [x["instruction"] + "\\n" + x["input"] for x in examples]
                return tokenizer(inputs, text_target=[x["output"] for x in examples])

            with open(args.data_file) as f:
                rows = json.load(f)
            trainer = Seq2SeqTrainer(model=model, args=training_args, train_dataset=preprocess(rows, tok),  # expect: LEAK002
                                     eval_dataset=preprocess(rows, tok))
            trainer.train()
        """, note="the twin: one file is the training and the evaluation data, through the same helper"),
        valid("""
            from datasets import load_dataset
            train = load_dataset("imdb", split="train")
            test = load_dataset("imdb", split="test")
            trainer = Trainer(model=model, train_dataset=train, eval_dataset=test)
        """),
        valid("""
            raw_datasets = get_datasets(data_args, splits=data_args.dataset_splits)
            for split in ["train", "test"]:
                raw_datasets[split] = raw_datasets[split].rename_columns({"text_chosen": "chosen"})
            trainer = DPOTrainer(model=model, train_dataset=raw_datasets["train"], eval_dataset=raw_datasets["test"])
        """, note="different split keys of one dict of datasets, updated in a loop"),
        invalid({
            "churn/__init__.py": "",
            "churn/data.py": """
                import pandas as pd
                from sklearn.model_selection import train_test_split

                def load_splits(path="data/churn.csv"):
                    frame = pd.read_csv(path)
                    train_df, test_df = train_test_split(frame, test_size=0.2, random_state=0)
                    return frame, train_df, test_df
            """,
            "churn/train.py": """
                from sklearn.ensemble import GradientBoostingClassifier
                from .data import load_splits

                FEATURES = ["tenure", "charges", "calls"]

                def main():
                    frame, train_df, test_df = load_splits()
                    clf = GradientBoostingClassifier(random_state=0)
                    clf.fit(frame[FEATURES], frame["churned"])  # expect: LEAK002
                    print("test accuracy", clf.score(test_df[FEATURES], test_df["churned"]))
            """,
        }, note="across modules: the split made in a data module that also returns the whole frame; the "
                "training module fits on the whole frame and scores on the test part"),
        valid({
            "churn/__init__.py": "",
            "churn/data.py": """
                import pandas as pd
                from sklearn.model_selection import train_test_split

                def load_splits(path="data/churn.csv"):
                    frame = pd.read_csv(path)
                    train_df, test_df = train_test_split(frame, test_size=0.2, random_state=0)
                    return frame, train_df, test_df
            """,
            "churn/train.py": """
                from sklearn.ensemble import GradientBoostingClassifier
                from .data import load_splits

                FEATURES = ["tenure", "charges", "calls"]

                def main():
                    frame, train_df, test_df = load_splits()
                    print(len(frame), "customers")
                    clf = GradientBoostingClassifier(random_state=0)
                    clf.fit(train_df[FEATURES], train_df["churned"])
                    print("test accuracy", clf.score(test_df[FEATURES], test_df["churned"]))
            """,
        }, note="near miss of the same layout: the whole frame is only counted; the fit takes the training part"),
        invalid({
            "splits.py": """
                import pandas as pd
                from sklearn.model_selection import train_test_split

                class ReviewSplits:
                    def __init__(self, path):
                        rows = pd.read_json(path, lines=True)
                        self.train, self.test = train_test_split(rows, test_size=0.25, random_state=1)

                    def augmented_train(self):
                        return pd.concat([self.train, self.test])
            """,
            "fit.py": """
                from sklearn.feature_extraction.text import TfidfVectorizer
                from sklearn.linear_model import LogisticRegression
                from sklearn.pipeline import make_pipeline
                from splits import ReviewSplits

                splits = ReviewSplits("data/reviews.jsonl")
                train = splits.augmented_train()
                model = make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=1000))
                model.fit(train["text"], train["label"])  # expect: LEAK002
                print(model.score(splits.test["text"], splits.test["label"]))
            """,
        }, note="across modules: a class method appends the test rows to the training rows"),
        valid({
            "splits.py": """
                import pandas as pd
                from sklearn.model_selection import train_test_split

                class ReviewSplits:
                    def __init__(self, path, extra_path):
                        rows = pd.read_json(path, lines=True)
                        self.extra = pd.read_json(extra_path, lines=True)
                        self.train, self.test = train_test_split(rows, test_size=0.25, random_state=1)

                    def augmented_train(self):
                        return pd.concat([self.train, self.extra])
            """,
            "fit.py": """
                from sklearn.feature_extraction.text import TfidfVectorizer
                from sklearn.linear_model import LogisticRegression
                from sklearn.pipeline import make_pipeline
                from splits import ReviewSplits

                splits = ReviewSplits("data/reviews.jsonl", "data/extra.jsonl")
                train = splits.augmented_train()
                model = make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=1000))
                model.fit(train["text"], train["label"])
                print(model.score(splits.test["text"], splits.test["label"]))
            """,
        }, note="near miss: the class appends rows from another file, not the test part"),
        invalid({"analysis.ipynb": notebook(
            """
            import pandas as pd
            from sklearn.model_selection import train_test_split
            from sklearn.ensemble import RandomForestClassifier
            df = pd.read_csv("data/patients.csv")
            """,
            """
            X, y = df.drop(columns=["outcome"]), df["outcome"]
            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=42)
            """,
            """
            rf = RandomForestClassifier(n_estimators=300, random_state=42)
            rf.fit(X, y)  # expect: LEAK002
            """,
            """
            print("held-out accuracy:", rf.score(X_test, y_test))
            """,
        )}, note="notebook: the split in one cell, the fit on everything in the next, the test score in a third"),
        valid({"analysis.ipynb": notebook(
            """
            import pandas as pd
            from sklearn.model_selection import train_test_split
            from sklearn.ensemble import RandomForestClassifier
            df = pd.read_csv("data/patients.csv")
            """,
            """
            X, y = df.drop(columns=["outcome"]), df["outcome"]
            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=42)
            """,
            """
            rf = RandomForestClassifier(n_estimators=300, random_state=42)
            rf.fit(X_train, y_train)
            """,
            """
            print("held-out accuracy:", rf.score(X_test, y_test))
            """,
        )}, note="near miss: the same cells with the fit on the training part"),
        valid("""
            import numpy as np
            import sklearn.base
            from sklearn.model_selection import StratifiedKFold
            from cleanlab.internal.util import train_val_split

            def held_out_probs(model, X, labels, n_folds=5):
                probs = np.zeros((len(labels), 2))
                for train_idx, holdout_idx in StratifiedKFold(n_splits=n_folds, shuffle=True).split(X, labels):
                    clf = sklearn.base.clone(model)
                    X_train_cv, X_holdout_cv, y_train_cv, y_holdout_cv = train_val_split(X, labels, train_idx, holdout_idx)
                    clf.fit(X_train_cv, y_train_cv)
                    probs[holdout_idx] = clf.predict_proba(X_holdout_cv)
                return probs
        """, note="regression (cleanlab/examples): a library helper cuts the folds by index; the fit takes the "
                  "training fold, not the whole X the folds index"),
    ]

    @classmethod
    def check_repo(cls, repo) -> None:
        prog = program(repo)
        reported: set[Ref] = set()
        cls._fit_on_everything(repo, prog, reported)
        cls._dedup_after_split(repo, prog, reported)
        cls._same_data_both_ways(repo, prog, reported)
        cls._test_rows_joined_into_training(repo, prog, reported)

    @classmethod
    def _test_rows_joined_into_training(cls, repo, prog: Program, reported: set[Ref]) -> None:
        """`DataLoader(ConcatDataset([train_ds, test_ds]))` trained on (a loss that is backpropagated, a
        model's fit) while `test_ds` is scored on its own: the training rows hold the test rows."""
        for join in prog.nodes("concat"):
            parts = [i for i in prog.inputs(join) if i]
            roles = [role(prog, i)[0] for i in parts]
            tests = [p for p, r in zip(parts, roles) if r == "test"]
            if not tests or "train" not in roles or join in reported:
                continue
            after = prog.forward([join], limit=400)
            trained = [r for r in after if _trains_on(prog, r, join)]
            scored = []
            if not trained:  # `Trainer(train_dataset=joined, eval_dataset=ds["test"])`, `.train()`, `.evaluate()`
                trained, scored = _trainer_on(prog, after, join, {rows_key(prog, t) for t in tests})
            if not trained or any(t in reported for t in trained):
                continue
            scored = scored or [r for r in prog.forward(tests, stop=lambda r: r == join, limit=400)
                                if r not in after and prog.kind(r) in ("pred", "metric", "apply")]
            if not scored:
                continue
            reported.add(join)
            reported.update(trained)
            repo.report(cls, **prog.where(join),
                        related=[Location(prog.path(trained[0]), prog.line(trained[0]), "trained on here"),
                                 Location(prog.path(scored[0]), prog.line(scored[0]), "test rows scored here")],
                        message="The test rows `{test_on}` are joined into the training data at {where}, and the model "
                                "trained on it at {trained} is then scored on `{test_on}` at {scored}",
                        question="Should the training data joined at {where} hold the test rows `{test_on}` scored at {scored}?",
                        test_on=value_name(prog, tests[0], "the test set"), trained=prog.describe(trained[0]),
                        scored=prog.describe(scored[0]))

    @classmethod
    def _fit_on_everything(cls, repo, prog: Program, reported: set[Ref]) -> None:
        for scored in prog.nodes("pred", "metric"):
            kind = prog.kind(scored)
            model = prog.input(scored, 0)
            data = prog.input(scored, 1)
            if not model or not data or (kind == "metric" and prog.info(scored).get("metric") not in ("score", "evaluate")):
                continue
            said, part = role(prog, data)
            if said == "test" and prog.kind(part) != "part":
                # The name says test (`test_df` unpacked from a loader's returned tuple): the split
                # part behind it, where its rows were cut from the whole.
                part = _test_part(prog, data)
            if said != "test" or not part:
                continue
            split = prog.input(part, 0)
            sources = set(d for d in prog.inputs(split) if d)
            for fit in fits_of(prog, model):
                fit_data = prog.input(fit, 1)
                if not fit_data or fit in reported or prog.info(fit).get("kind") != "model":
                    continue
                seen = prog.back([fit_data], rows=True, stop=lambda r: prog.kind(r) == "part" or _positional_part(prog, r))
                holds_all = bool(sources & set(seen))
                holds_test = any(prog.kind(r) == "part" and role(prog, r)[0] == "test" for r in seen)
                if holds_all or holds_test:
                    reported.add(fit)
                    repo.report(cls, **prog.where(fit),
                                related=[Location(prog.path(scored), prog.line(scored), "scored here"),
                                         Location(prog.path(split), prog.line(split), "split here")],
                                model=model_name(prog, model),
                                fit_on=prog.info(fit).get("on", "the data"),
                                test_on=prog.info(scored).get("on") or prog.info(part).get("name", "the test part"),
                                scored=prog.describe(scored))

    @classmethod
    def _dedup_after_split(cls, repo, prog: Program, reported: set[Ref]) -> None:
        for split in prog.nodes("split"):
            if prog.info(split).get("cv"):
                continue
            sources = [d for d in prog.inputs(split) if d]
            before = prog.back(sources, rows=True, stop=lambda r: prog.kind(r) == "part")
            if any(prog.kind(r) == "subset" and prog.info(r).get("how") == "dedup" for r in before):
                continue
            dedups = []
            for part in prog.users(split):
                if prog.kind(part) != "part":
                    continue
                after = prog.forward([part], stop=lambda r: prog.kind(r) in ("split", "fit", "metric", "pred"), limit=300)
                dedups.extend(r for r in after if _dedup(prog, r)
                              and _part_under_cleaning(prog, prog.input(r, 0)) == part)
            if dedups and split not in reported:
                reported.add(split)
                first = min(dedups, key=lambda r: (prog.path(r), prog.line(r)))
                repo.report(cls, **prog.where(first), related=[Location(prog.path(split), prog.line(split), "split here")],
                            message="Duplicates are dropped at {where} only after `{on}` is split at {split}: copies of one item can sit in both train and test",
                            question="Were duplicates (and near-duplicates) of `{on}` removed before the split at {split}, so no item is on both sides?",
                            on=prog.info(split).get("on", "the data"), split=prog.describe(split))

    @classmethod
    def _same_data_both_ways(cls, repo, prog: Program, reported: set[Ref]) -> None:
        """`Trainer(train_dataset=X, eval_dataset=X)`, or two reads of the same file as train and test."""
        for call in prog.nodes("call"):
            kw = prog.info(call).get("kw", {})
            if "train_dataset" not in kw or "eval_dataset" not in kw:
                continue
            train, held = prog.input(call, kw["train_dataset"]), prog.input(call, kw["eval_dataset"])
            if not train or not held or role(prog, held)[0] != "test" and role(prog, held)[0] is not None:
                continue
            if never_evaluates(prog, call) or own_evaluation(prog, call):
                continue  # evaluation switched off, or an evaluate() of the repo's own that ignores the eval set
            keys = _split_key(prog, train), _split_key(prog, held)
            if keys[0] and keys[1] and keys[0] != keys[1]:
                continue  # `ds["train"]` and `ds["test"]`: different splits of one container
            first, second = row_base(prog, train), row_base(prog, held)
            if first == second:  # the walk through helpers to their callers' rows, only where the nearest rows meet
                first, second = _given_rows(prog, train), _given_rows(prog, held)
            same = first == second or (
                prog.kind(first) == prog.kind(second) == "src"
                and _source_key(prog, first) is not None and _source_key(prog, first) == _source_key(prog, second))
            if same and _helper_given_other_arguments(prog, train, held):
                continue  # `make_pairs(path, "train")` and `make_pairs(path, "test")`: one reader, two splits
            if same and call not in reported:
                reported.add(call)
                repo.report(cls, **prog.where(call), message="The model is trained and evaluated at {where} on the same data: `{on}` is read the same way for both",
                            question="Which data does the evaluation at {where} use that training did not?",
                            on=prog.info(first).get("name") or prog.info(first).get("path", "the data"))


def _helper_given_other_arguments(prog: Program, train: Ref, held: Ref) -> bool:
    """Both sides come from calls of one function that are given different literal arguments
    (`create_comparison_dataset(path, "train")` and `(path, "test")`, which hand the split to
    `load_dataset(path, split=split)`; corpus9: trlx's reward model), or different sources as their first
    argument: two attributes of one configuration (`load_data(args.train_data_path, args)` and
    `load_data(args.eval_data_path, args)`; held-out set 30: LLM-Blender's ranker) or two parameters.
    One reader, two different reads."""
    def helper_calls(ref: Ref) -> list[Ref]:
        return [node for node in prog.back([ref], rows=True, limit=30)
                if prog.kind(node) == "call" and prog.info(node).get("fn")]
    firsts = helper_calls(train)
    if not firsts:
        return False
    for second in helper_calls(held):
        for first in firsts:
            a, b = prog.info(first), prog.info(second)
            if first == second or a.get("fn") != b.get("fn"):
                continue
            if ("lits" in a or "lits" in b) and a.get("lits") != b.get("lits"):
                return True
            if _other_sources(prog, prog.input(first, 1), prog.input(second, 1)):
                return True
    return False


def _other_sources(prog: Program, a: Ref, b: Ref) -> bool:
    """`args.train_data_path` and `args.eval_data_path` (attributes of the same object under different names),
    or two different parameters: arguments naming two sources. The same attribute twice is one source."""
    if not a or not b or a == b or prog.kind(a) != prog.kind(b):
        return False
    x, y = prog.info(a), prog.info(b)
    if prog.kind(a) == "op" and x.get("op") == y.get("op") == "attr":
        return prog.input(a, 0) == prog.input(b, 0) and bool(x.get("a")) and x.get("a") != y.get("a")
    return prog.kind(a) == "param" and x.get("name") != y.get("name")


def _given_rows(prog: Program, ref: Ref) -> Ref:
    """Like `row_base`, through the helpers on the way: inside a helper reached from the call
    (`train_dataset = preprocess(train_data)`), its loop variable and parameter (`[x["input"] for x in
    examples]`) hold whatever rows it is given, so the walk goes on to the caller's argument. Train
    and evaluation data passed through one preprocessing helper share its `x`, not their rows
    (held-out set 27)."""
    stack: Stack = ()
    current = ref
    for _ in range(80):
        kind = prog.kind(current)
        if kind in ROW_DEFINING and kind != "param" and not (stack and kind == "elem"):
            return current
        steps = prog.back_step(current, stack, rows=True)
        if not steps:
            return current
        current, stack = steps[0]
    return current


def _trainer_on(prog: Program, after: list[Ref], join: Ref, test_rows: set) -> tuple[list[Ref], list[Ref]]:
    """A trainer object given the joined rows as its `train_dataset` and trained (`.train()`), whose
    `eval_dataset` holds the test rows that `.evaluate()` / `.predict()` then scores: ([the train
    call], [the evaluate call]), or two empty lists."""
    for call in after:
        kw = prog.info(call).get("kw", {}) if prog.kind(call) == "call" else {}
        if "train_dataset" not in kw or "eval_dataset" not in kw:
            continue
        data = prog.input(call, kw["train_dataset"])
        if not data or (data != join and join not in prog.back([data], limit=40)):
            continue
        evaluated = prog.input(call, kw["eval_dataset"])
        if not evaluated or rows_key(prog, evaluated) not in test_rows:
            continue
        users = list(prog.users(call))
        trains = [u for u in users if prog.info(u).get("m") == "train"]
        scores = [u for u in users if prog.info(u).get("m") in ("evaluate", "predict")]
        if trains and scores:
            return trains, scores
    return [], []


def _trains_on(prog: Program, ref: Ref, join: Ref) -> bool:
    """`ref` trains a model on rows of `join` (not on a cut of them): a model's fit, or a loss whose
    `.backward()` is called, over data read back to the join without passing a subset or a split."""
    kind = prog.kind(ref)
    if kind == "fit" and prog.info(ref).get("kind") == "model":
        data = prog.input(ref, 1)
    elif kind == "metric" and any(prog.info(u).get("m") == "backward" for u in prog.users(ref)):
        data = next((prog.input(i, 1) for i in prog.inputs(ref) if i and prog.kind(i) == "apply"), 0)
    else:
        return False
    cut = ("subset", "part", "split")
    return bool(data) and join in prog.back([data], stop=lambda r: prog.kind(r) in cut or r == join, limit=200)


def _source_key(prog: Program, ref: Ref) -> tuple | None:
    info = prog.info(ref)
    if not info.get("path"):
        return None
    return (info.get("call"), info.get("path"), info.get("role"), tuple(sorted(str(v) for v in info.get("lits", {}).values())))


def _split_key(prog: Program, ref: Ref) -> str | None:
    """The split key a value was taken by (`raw["test"]`, also after the container was updated
    in a loop), on the way back to the rows it holds."""
    stack = ()
    current = ref
    for _ in range(60):
        info = prog.info(current)
        if prog.kind(current) == "part" and isinstance(info.get("key"), str):
            return info["key"].lower()
        cols = info.get("cols") if prog.kind(current) == "col" else None
        if cols and len(cols) == 1 and isinstance(cols[0], str) and cols[0].lower() in SPLIT_NAMES:
            return cols[0].lower()
        if prog.kind(current) in ("src", "part", "split", "subset"):
            return None
        steps = prog.back_step(current, stack, rows=True)
        if not steps:
            return None
        current, stack = steps[0]
    return None


# Row drops that clean a part without choosing its items: still that part's rows, deduplicated after them.
_CLEANING = frozenset({"dropna", "drop_nulls", "drop_nans", "mask", "filter"})


def _part_under_cleaning(prog: Program, ref: Ref) -> Ref:
    """The rows `ref` holds, through drops that only clean them (`part.dropna(subset=["canon"])`): the part itself."""
    base = row_base(prog, ref)
    for _ in range(6):
        if prog.kind(base) != "subset" or prog.info(base).get("how") not in _CLEANING or not prog.input(base, 0):
            return base
        base = row_base(prog, prog.input(base, 0))
    return base


def _dedup(prog: Program, ref: Ref) -> bool:
    """Rows deduplicated: `drop_duplicates()`, or `.unique()` bound to a name (`len(y.unique())`
    counts classes). The distinct values of an identifier column (`part["image_id"].unique()`, to
    rename the ids of each part) are the part's ids, not its items deduplicated."""
    info = prog.info(ref)
    if prog.kind(ref) != "subset" or info.get("how") != "dedup":
        return False
    if not info.get("values"):
        return True
    column = prog.input(ref, 0)
    cols = prog.info(column).get("cols", []) if column and prog.kind(column) == "col" else []
    return bool(info.get("name")) and not (cols and all(_ID_COLUMN.search(str(c)) for c in cols))


_ID_COLUMN = re.compile(r"(^|_)(id|ids|uuid|guid|key)$|^(id|uid|uuid|guid)_", re.I)


def _test_part(prog: Program, data: Ref) -> Ref:
    """The test part of a split that `data`'s rows are, across calls and returned tuples (0 if none). Rows
    picked by a part's indices (`X[holdout_idx]` of a K-fold) are not the part: the walk stops there."""
    def stop(ref: Ref) -> bool:
        kind = prog.kind(ref)
        return kind not in _CARRIERS or (kind == "call" and prog.callee(ref) is None)

    seen = prog.back([data], rows=True, stop=stop)
    return next((r for r in seen if prog.kind(r) == "part" and role(prog, r)[0] == "test"), 0)


# What the test rows pass through unchanged: columns, elements of a returned tuple, calls of the repo's
# functions, names bound at module level or imported, parameters, attributes a class stored. A library
# call (`train_val_split(X, y, train_idx, holdout_idx)`) or an index selection is not followed.
_CARRIERS = frozenset({"col", "elem", "call", "op", "global", "import", "param", "selfattr"})
