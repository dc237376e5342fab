"""SEED005: `df.sample(...)` and Hugging Face `shuffle()` / `train_test_split()` without a seed."""
from __future__ import annotations

import json

from hygiene.context import RepoContext
from hygiene.finding import Location, Severity
from hygiene.analysis.unseeded_draws import report_place, unseeded_draws, who_runs
from hygiene.rule import Rule, invalid, valid


def _notebook(cells: list[str]) -> str:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "execution_count": i + 1, "outputs": [], "source": c}
        for i, c in enumerate(cells)]})


class UnseededSample(Rule):
    """
    ## What it does
    Finds row sampling and shuffling without a seed: pandas `df.sample(n=...)` /
    `df.sample(frac=...)` without `random_state` (polars: `seed`), and Hugging Face `datasets`'
    `ds.shuffle()` / `ds.train_test_split(test_size=...)` without `seed` or `generator`, in code
    that a program of the repo runs without seeding numpy's global generator, which all of them
    fall back to.

    A seed through a variable or a config counts; `random_state=None` does not. The receivers are
    recognised by the shape of the call (keywords `n` / `frac`, a `shuffle()` with no positional
    argument), since a data frame's type is rarely visible: `rng.shuffle(items)` and
    `dist.sample((4,))` are other APIs and are left alone, and so is the method of an object made
    by a class that is not a data-frame library's (`TensorActivationStore(...).shuffle()`), and so is
    a `.shuffle(buffer_size=...)` in a file that imports TensorFlow and not Hugging Face `datasets`
    (a tf.data set from `tfds.load(...)`, drawn from TensorFlow's seed, not numpy's).

    One finding per file, at its first unseeded draw (one seed, or one generator passed down,
    settles them all); the message counts the others. It is a checklist question rather than a
    finding when no program that runs the draw unseeded produces reported numbers: a builder of
    committed data (a file under `data/`, a `make_dataset.py`, a script that pushes a split to a
    hub) or an illustration (a notebook that measures nothing with a library metric or is mostly
    prose, a script that only plots or checks, `docs/`, `examples/`, `tutorials/`): see
    `hygiene.analysis.purpose`. A finding needs evidence that the draw changes a reported number
    (`hygiene.analysis.seed_evidence`): a program that runs it unseeded, is not named for a demo,
    an example, inference, an export or a timing, nor an imported module's own `__main__`
    self-test, and is not left out by the repository's run scripts while they run the other
    programs of its folder, reports a number: code it runs computes a metric of an evaluation (a
    metric function, an evaluation step such as `test(epoch)` or `trainer.test()`, a metric named
    for a held-out split; any metric where nothing is trained) or queries a model for answers, or
    it trains a model that another program of the repository loads and measures; or the program
    seeds other generators and misses this one. A program that trains and only prints training
    losses or statistics (a discriminator's accuracy, an episode score), or saves samples, image
    grids or checkpoints that no program evaluates, is a checklist question ("trains"). Anything
    weaker is a checklist question that names the missing evidence: so is a program that times a model on made-up inputs and reads no data, one whose files keep
    the seeding call commented out (`# torch.manual_seed(1)`: unseeded by choice), and a file that
    refits the unseeded model in a loop and computes the spread of the results (the variation is
    what it shows). A draw in a block that the program's own calls switch off (`if multiscale:`
    with `Dataset(multiscale=False)`, the `else:` of `if deterministic:` with `deterministic=True`,
    code after `if only_config: return`) is not run by that program
    (`hygiene.analysis.flag_guards`).
    Unseeded draws of several files that one program runs are one finding (one seeding line at the
    program's start settles them), at the program's own draw, naming the other files.
    A transformers / TRL `Trainer` seeds every generator when it is constructed
    (`set_seed(args.seed)`), so what runs after it, its own shuffling and noise in a subclass's
    `compute_loss` are seeded. A seed drawn at random and then set (`args.seed =
    np.random.randint(...)`) is the seed; a module's own `__main__` demo is not judged when the
    programs that use the module seed.

    Precision on the whole corpus (2026-12-08, precision17; the corpus scan of 557476f2, 322 repositories,
    debatable counted as wrong): 4 findings, 3 real, 1 debatable (0.75; a vendored library's standalone command
    line that the benchmark never runs); unchanged by precision17. It stays a finding: 7 case labels only it finds.

    ## Why is this bad?
    The subsample every number is computed on changes on every run, although the rest of the
    pipeline may be carefully seeded; the reported score cannot be reproduced, and two runs
    compared side by side were computed on different rows.

    ## Example
        cohort = cohort.sample(n=30_000)

    Use instead:
        cohort = cohort.sample(n=30_000, random_state=RNG_SEED)
    """

    code = "SEED005"
    category = "SEED-UNSEEDED"
    severity = Severity.WARNING
    message = "`{code}` samples rows with no seed, so it draws from numpy's global generator, and {who}"
    question = "Which seed chose the rows of `{code}` at {where}, and is it recorded with the results?"
    examples = [
        invalid("""
            import pandas as pd
            from openai import OpenAI
            client = OpenAI()
            df = pd.read_json("mmlu_test.jsonl", lines=True)
            df = df.sample(n=500)  # expect: SEED005
            df["pred"] = [client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}])
                          .choices[0].message.content.strip()[:1] for q in df["prompt"]]
            print((df["pred"] == df["answer"]).mean())
        """, note="a sample of literal size is the evaluation subset when a comprehension sends its rows to a model"),
        valid("""
            import pandas as pd
            df = pd.read_json("mmlu_test.jsonl", lines=True)
            peek = df.sample(n=5)
            print([len(q) for q in peek["prompt"]])
        """, note="near miss: five rows sampled only to look at their lengths"),
        valid("""
            import tensorflow as tf

            def input_fn(input_files, batch_size):
                d = tf.data.Dataset.from_tensor_slices(tf.constant(input_files))
                d = d.repeat()
                d = d.shuffle(buffer_size=len(input_files))
                return d.batch(batch_size)

            if __name__ == "__main__":
                print("accuracy", evaluate(train(input_fn(files, 32))))
        """, note="held-out 21: a tf.data shuffle draws from TensorFlow's seeds (`tf.random.set_seed`), not numpy's generator"),
        valid("""
            import tensorflow as tf
            import tensorflow_datasets as tfds

            tf.random.set_seed(1)
            parts = tfds.load("iris", as_supervised=True)
            train = parts["train"].shuffle(buffer_size=100).batch(2)
            model.fit(train, epochs=100)
            print("accuracy", model.evaluate(parts["test"].batch(50)))
        """, note="corpus7: a tf.data set from `tfds.load` (its maker not visible through the dict key) in a file "
                  "that imports TensorFlow and not Hugging Face `datasets`: TensorFlow's shuffle"),
        invalid("""
            import tensorflow as tf
            from datasets import load_dataset

            ds = load_dataset("imdb", split="test", streaming=True)
            ds = ds.shuffle(buffer_size=1000)  # expect: SEED005
            print("accuracy", evaluate(ds.take(500)))
        """, note="near miss: a file that imports TensorFlow and `datasets` too; the streaming `datasets` shuffle is numpy's"),
        invalid("""
            from datasets import load_dataset

            if __name__ == "__main__":
                ds = load_dataset("imdb", split="test", streaming=True)
                ds = ds.shuffle(buffer_size=1000)  # expect: SEED005
                print("accuracy", evaluate(ds.take(500)))
        """, note="near miss: a streaming `datasets` shuffle with a buffer draws from numpy's global generator when given no seed"),
        invalid("""
            import pandas as pd
            frame = pd.read_csv("data.csv")
            small = frame.sample(n=1000)  # expect: SEED005
            shuffled = frame.sample(frac=1.0)
            print("accuracy", evaluate(model, small))
        """, note="one finding per file, at the first draw"),
        valid("""
            import pandas as pd
            frame = pd.read_csv("data.csv")
            small = frame.sample(n=1000)
            print(small.describe())
        """, note="weak twin: the sampled rows are only described; no score depends on them (a question)"),
        valid({
            "store.py": """
                import torch
                class ActivationStore:
                    def shuffle(self):
                        self.rows = self.rows[torch.randperm(len(self.rows), generator=self.generator)]
            """,
            "train.py": """
                from store import ActivationStore
                store = ActivationStore(load())
                store.shuffle()
                print("accuracy", evaluate(model, store))
            """,
        }, note="near miss: the repository's own class's `shuffle()` method, not a data frame's"),
        invalid("""
            import pandas as pd
            frame = pd.DataFrame(rows)
            small = frame.sample(n=1000)  # expect: SEED005
            print("accuracy", evaluate(model, small))
        """, note="a pandas frame made by its class"),
        invalid("""
            from datasets import load_dataset
            ds = load_dataset("imdb", split="train").shuffle()  # expect: SEED005
            parts = ds.train_test_split(test_size=0.1)
            print(trainer_for(parts["train"]).evaluate(parts["test"]))
        """),
        valid({"tour.ipynb": _notebook([
            "import pandas as pd\nframe = pd.read_csv('cities.csv')",
            "frame.sample(3)",
            "first = frame.sample(2)\nsecond = frame.sample(2)\npd.concat([first, second])",
        ])}, note="near miss: a few rows sampled only to be looked at in a pandas tour decide nothing"),
        invalid({"tour.ipynb": _notebook([
            "import pandas as pd\nframe = pd.read_csv('questions.csv')",
            "subset = frame.sample(200)\nsubset.head()",
            "answers = [ask(row.question) for row in subset.itertuples()]\nprint(score(answers, subset))",
        ])}, expect=[("tour.ipynb", 3, "SEED005")],
            note="the sampled rows are shown, then asked and scored: the subset decides the score"),
        valid("""
            import pandas as pd
            frame = pd.read_csv("data.csv")
            small = frame.sample(n=1000, random_state=cfg.seed)
            pool = ds.shuffle(seed=SEED).select(range(100))
            parts = ds.train_test_split(test_size=0.1, seed=args.seed)
        """),
        valid("""
            import random
            rng = random.Random(0)
            rng.shuffle(items)
            picks = rng.sample(items, k=3)
            draws = dist.sample((4,))
        """, note="other sample/shuffle APIs"),
        valid("""
            import numpy as np
            np.random.seed(11)
            small = frame.sample(n=1000)
        """, note="pandas falls back to numpy's global generator, which is seeded"),
        valid("""
            import json
            from datasets import load_dataset

            def main():
                ds = load_dataset("allenai/tulu-v2-sft-mixture", split="train")
                parts = ds.train_test_split(test_size=0.1)
                for name in ("train", "test"):
                    with open(f"{name}.json", "w") as f:
                        json.dump([dict(r) for r in parts[name]], f)
                if not len(parts["test"]):
                    raise ValueError("empty test split")

            if __name__ == "__main__":
                main()
        """, path="reformat.py", note="a script that only reshapes a data set and writes the split to files "
                                       "builds data: a checklist question, not a finding"),
        invalid("""
            import json
            from datasets import load_dataset
            from openai import OpenAI

            client = OpenAI()
            ds = load_dataset("gsm8k", "main", split="test")
            items = ds.shuffle().select(range(200))  # expect: SEED005
            with open("answers.json", "w") as f:
                json.dump([client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": q}])
                           .choices[0].message.content for q in items["question"]], f)
        """, path="generate.py", note="near miss: it writes what a model answered on a drawn subset, a result"),
        valid({"try_model.ipynb": _notebook([
            "import pandas as pd\nvalidation = pd.read_json('validation.jsonl', lines=True)",
            "question = validation['prompt'].sample(1).iloc[0]\nquestion",
            "res = complete(model=FINE_TUNED, prompt=question, max_tokens=256)\nres['choices'][0]['text']",
        ])}, note="held-out set 27: one prompt drawn to eyeball the fine-tuned model's reply; the reply is shown, not scored"),
        valid({"try_model.ipynb": _notebook([
            "import pandas as pd\nvalidation = pd.read_json('validation.jsonl', lines=True)",
            "question = validation['prompt'].sample(1).iloc[0]\nprint(complete(model=FINE_TUNED, prompt=question)['choices'][0]['text'])",
        ])}, note="the same, the reply printed at once"),
        invalid({"try_model.ipynb": _notebook([
            "import pandas as pd\nvalidation = pd.read_json('validation.jsonl', lines=True)",
            "question = validation['prompt'].sample(1).iloc[0]\nquestion",
            "res = complete(model=FINE_TUNED, prompt=question, max_tokens=256)\nscores.append(grade(res))",
        ])}, expect=[("try_model.ipynb", 3, "SEED005")],
            note="the twin: the one drawn prompt's reply is graded and kept with the scores"),
    ]

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        for site, place in unseeded_draws(repo, {"sample"}):
            related = ([Location(site.unseeded_by[0], None, "the program that runs it")]
                if site.unseeded_by[0] != site.path else [])
            repo.report(cls, site.path, place.line, code=site.code, who=who_runs(site), related=related,
                        **report_place(place, site))
