"""SEED006: a seed set after the randomness it should control."""
from __future__ import annotations

import json
from typing import Any

import libcst as cst

from hygiene.analysis.apis.rng import Draw, Seed, classify
from hygiene.analysis.drawn_seeds import draws_a_seed
from hygiene.analysis.names import dotted
from hygiene.context import RepoContext
from hygiene.finding import Location, Severity
from hygiene.analysis.programs import locate, programs
from hygiene.analysis.unseeded_draws import GENERATOR_NAMES, program_ask, report_place
from hygiene.analysis.flag_guards import switched_off_at
from hygiene.analysis.overwritten import before_seed_only, discarded, redrawn_by_reset
from hygiene.analysis.purpose import in_data_folder
from hygiene.analysis.toy_draws import is_toy, toy_lines
from hygiene.rule import Rule, invalid, valid


def _notebook(cells: list[tuple[str, int | None]]) -> str:
    """A small notebook for the examples: (source, execution count) per code cell."""
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "source": source, "execution_count": count, "metadata": {}, "outputs": []}
        for source, count in cells]}, indent=1)


class SeedAfterDraw(Rule):
    """
    ## What it does
    Finds a seed (`random.seed`, `np.random.seed`, `torch.manual_seed`, `set_seed(...)`, a seeding
    helper of the repo) that a program runs only after it has already drawn from the generator the
    seed is for: a subset sampled, a split made, generations sampled with `do_sample=True`, and
    only then `set_seed(1234)`. The order is the order the program runs in: top to bottom in a
    script, cell by cell in a notebook, into the functions it calls.

    A notebook whose cells ran out of document order is analysed in the order the kernel ran
    them; a seed cell that ran before a draw placed above it (lower execution count, later in the
    document) seeded the saved outputs, but Restart & Run All draws before the seed: that draw is
    reported too, at the draw, naming the seed cell.

    Draws that happen later than their call are not counted as early: a `DataLoader` shuffles
    when it is iterated, an estimator draws when it is fitted, and a callback (`worker_init_fn`)
    runs later still, so a seed between the construction and the use is in time.

    A transformers / TRL `Trainer` seeds when it is constructed, so a subset drawn before it is
    drawn unseeded; `fire.Fire(main)` and the like run `main` at once. A late seed in a program
    that produces no reported numbers (a data builder, an illustration: see SEED001) is a
    checklist question rather than a finding. The finding is at the draw, the first cause (the
    fix is to seed before it), with the late seed as its related location; one finding per seed.
    A sampled model generation (`do_sample=True`) is the exception: that call is SEED009's site
    (one unseeded sample per item), so this rule's finding stays at the seed, the draw related.
    A draw whose results are made again after the seed is left alone: the names its top-level
    statement assigns are all assigned again after the seed and only looked at in between
    (`len(train_set)`), the way a textbook shows an unseeded split and then repeats it seeded
    (`hygiene.analysis.overwritten`); so is a draw that the call made before the seed does not
    reach, because that call switches it off (`get_context_set(..., only_config=True)` returning
    at `if only_config: return config` before the draw; `hygiene.analysis.flag_guards`). A draw that
    picks the seed itself (`variant = dict(..., seed=random.randint(0, 100000))`, logged with the
    run's settings and then used to seed every generator) is how the seed is chosen, not randomness
    the seed should have controlled (set 19: rlkit's launchers; `hygiene.analysis.drawn_seeds`).
    A draw whose results only statements before the seed read (names made from them followed; a
    throw-away layer that shows a penalty, an untrained model's score shown before the seeded training)
    is a checklist question: nothing after the seed depends on it (`overwritten.before_seed_only`).
    A draw in a constructor whose results the class's `reset()` makes again, when the program calls `.reset(`
    (an environment reset before every episode, after the seed), is left alone: the constructor assigns
    attributes of `self` that `reset` assigns again, and what the constructor builds from them `reset` builds
    again too (held-out set 29; `overwritten.redrawn_by_reset`). Initial weights that a loader draws and then
    loads trained weights over (`load_state_dict` in `load_model`) are not the draw the seed is late for; a later
    draw before the seed is (`overwritten.loaded_init`).

    Precision, and why it stays a finding (2026-12-06, seedprec): of 20 first-scan findings (1 real)
    it still prints the real one, 2 false (a timing example whose model is built before a seed; a
    course notebook whose seed belongs to a later example's `__main__`), and FastChat's training-data
    shuffle before the Trainer seeds (true, judged in `seed.jsonl`): 0.50 replayed. It finds 4 labels
    of the case sets that no other rule finds (a dev label among them); a demotion would lose them to
    avoid two findings.

    Precision on the whole corpus (2026-12-08, precision17; the corpus scan of 557476f2, 322 repositories,
    debatable counted as wrong): 14 findings, 9 real, 2 debatable, 3 false (0.64); unchanged by precision17.
    False: a branch the named demo never takes (a feature subsample above 100 columns), an example that measures
    fit times on real data (the "timing" purpose needs made-up inputs), a one-batch shape demonstration before a
    chapter's seed; debatable: a validation split that only feeds a Trainer's evaluation loss, an option no
    script passes. It stays a finding: 19 case labels only it finds.

    ## Why is this bad?
    The seed looks like it makes the run reproducible, and the README says so, but the draws that
    decided the results (which items, which split, which sampled answers) were made before it, from
    an unseeded generator. Rerunning gives different numbers.

    ## Example
        outs = generator(prompts, do_sample=True, temperature=0.7)
        set_seed(1234)
        replies = [parse(o) for o in outs]

    Use instead:
        set_seed(1234)
        outs = generator(prompts, do_sample=True, temperature=0.7)
    """

    code = "SEED006"
    # One bug, one finding: a draw before the seed is also an unseeded draw of its generator; the
    # finding that names the late seed says more, so the unseeded-draw findings on its line go.
    supersedes = ("SEED001", "SEED002", "SEED003", "SEED005")
    category = "SEED-SAMPLING"
    severity = Severity.WARNING
    message = "`{draw}` draws from {gen} before `{seed}` ({seed_where}) seeds it, so this draw is unseeded"
    question = "Was the seed at {seed_where} meant to control `{draw}` at {where}, which runs before it?"
    examples = [
        invalid({
            "credit_model.py": '''
                import torch
                from torch import nn

                def load_model(path):
                    net = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 2))
                    net.load_state_dict(torch.load(path))
                    return net
            ''',
            "attributions.py": '''
                import json
                import torch
                from credit_model import load_model

                model = load_model("checkpoints/credit.pt").eval()
                baselines = torch.randn(16, 20) * 0.1  # expect: SEED006
                torch.manual_seed(0)
                score = float((model(baselines) - model(torch.zeros(1, 20))).mean())
                json.dump({"n": 16, "score": score}, open("results/ig.json", "w"))
            ''',
        }, note="probe 24: the weights the loader draws are loaded over; the baselines drawn next are the late seed's draw"),
        valid({
            "credit_model.py": '''
                import torch
                from torch import nn

                def load_model(path):
                    net = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 2))
                    net.load_state_dict(torch.load(path))
                    return net
            ''',
            "attributions.py": '''
                import json
                import torch
                from credit_model import load_model

                model = load_model("checkpoints/credit.pt").eval()
                torch.manual_seed(0)
                baselines = torch.randn(16, 20) * 0.1
                score = float((model(baselines) - model(torch.zeros(1, 20))).mean())
                json.dump({"n": 16, "score": score}, open("results/ig.json", "w"))
            ''',
        }, note="near miss: only the loaded-over weights come before the seed"),
        invalid("""
            import sys
            from peft import LoraConfig, get_peft_model
            from transformers import AutoModelForSequenceClassification, set_seed
            seed = int(sys.argv[1])
            model = AutoModelForSequenceClassification.from_pretrained("roberta-base", num_labels=2)
            model = get_peft_model(model, LoraConfig(task_type="SEQ_CLS", r=8))  # expect: SEED006
            set_seed(seed)
            train(model, loader)
            print("rte acc", evaluate(model, val_loader), "seed", seed)
        """, note="probe17: the LoRA adapters are drawn before the seed the run is labelled with"),
        valid("""
            import sys
            from peft import LoraConfig, get_peft_model
            from transformers import AutoModelForSequenceClassification, set_seed
            seed = int(sys.argv[1])
            set_seed(seed)
            model = AutoModelForSequenceClassification.from_pretrained("roberta-base", num_labels=2)
            model = get_peft_model(model, LoraConfig(task_type="SEQ_CLS", r=8))
            train(model, loader)
            print("rte acc", evaluate(model, val_loader), "seed", seed)
        """, note="near miss: seeded before the model and its adapters are made"),
        invalid("""
            import torch
            from transformers import pipeline, set_seed
            records = []
            for name in ["base", "steered"]:
                gen = pipeline("text-generation", model=name)
                for item in items:
                    out = gen(item["prompt"], do_sample=True, temperature=0.7)
                    records.append({"model": name, "reply": out[0]["generated_text"]})
            set_seed(1234)  # expect: SEED006
            print(score(records))
        """, note="regression (development set): the sampled replies reach the seeded code through the list the loop fills"),
        valid("""
            import torch
            import torch.nn as nn
            conv_layer = nn.Conv2d(in_channels=3, out_channels=5, kernel_size=5)
            l2_penalty = 0.001 * sum([(p ** 2).sum() for p in conv_layer.parameters()])
            print(l2_penalty)
            torch.manual_seed(1)
            model = nn.Sequential(nn.Linear(10, 2))
            for epoch in range(3):
                pred = model(torch.ones(4, 10))
                l2_penalty = 0.001 * sum([(p ** 2).sum() for p in model.parameters()])
                print(epoch, pred.sum().item(), l2_penalty.item())
        """, note="near miss (held-out set 19): a throw-away layer drawn before the seed only shows a penalty before it; "
                  "the trained model comes after the seed: a question"),
        invalid("""
            import torch
            import torch.nn as nn
            conv_layer = nn.Conv2d(in_channels=3, out_channels=5, kernel_size=5)  # expect: SEED006
            l2_penalty = 0.001 * sum([(p ** 2).sum() for p in conv_layer.parameters()])
            print(l2_penalty)
            torch.manual_seed(1)
            model = nn.Sequential(nn.Linear(10, 2))
            for epoch in range(3):
                pred = model(torch.ones(4, 10))
                print(epoch, pred.sum().item(), l2_penalty.item())
        """, note="the twin: what the unseeded layer gave is printed with the seeded training's numbers"),
        valid("""
            import random
            import numpy as np
            import torch

            def experiment(variant):
                random.seed(variant["seed"])
                np.random.seed(variant["seed"])
                torch.manual_seed(variant["seed"])
                return train(variant)

            variant = dict(algorithm="SAC", batch_size=256, seed=random.randint(0, 100000))
            if __name__ == "__main__":
                log_settings(variant)
                print(experiment(variant))
        """, note="near miss: the draw picks the run's seed (`seed=random.randint(...)`), logged and then used to seed"),
        valid("""
            import argparse
            import numpy as np
            import torch

            def main():
                args = parse_args()
                if args.seed == -1:
                    args.__dict__["seed"] = np.random.randint(1, 1000000)
                np.random.seed(args.seed)
                torch.manual_seed(args.seed)
                print(evaluate(train(args)))

            if __name__ == "__main__":
                main()
        """, note="near miss: a -1 sentinel replaced by a drawn seed, which then seeds every generator"),
        invalid("""
            import random
            import numpy as np
            import torch

            def experiment(variant):
                random.seed(variant["seed"])
                np.random.seed(variant["seed"])
                torch.manual_seed(variant["seed"])
                return train(variant)

            variant = dict(algorithm="SAC", seed=0, batch_size=random.choice([128, 256]))  # expect: SEED006
            if __name__ == "__main__":
                print(experiment(variant))
        """, note="a setting drawn before the seed that the run sets later: not a seed, a silent choice"),
        valid("""
            import numpy as np

            class Agent:
                def __init__(self, seed):
                    np.random.seed(seed)

                def run(self):
                    return np.random.randint(10, size=5).mean()

            if __name__ == "__main__":
                print(Agent(0).run())
        """, note="near miss: `Agent(0).run()` constructs (and seeds) before the method draws"),
        valid("""
            import numpy as np
            import pandas as pd

            def shuffle_and_split(data, test_ratio):
                shuffled = np.random.permutation(len(data))
                n = int(len(data) * test_ratio)
                return data.iloc[shuffled[n:]], data.iloc[shuffled[:n]]

            housing = pd.read_csv("housing.csv")
            train_set, test_set = shuffle_and_split(housing, 0.2)
            len(train_set)
            np.random.seed(42)
            train_set, test_set = shuffle_and_split(housing, 0.2)
            print(fit(train_set).score(test_set))
        """, note="what the unseeded split made is only looked at, then made again after the seed"),
        invalid("""
            import numpy as np
            import pandas as pd

            def shuffle_and_split(data, test_ratio):
                shuffled = np.random.permutation(len(data))  # expect: SEED006
                n = int(len(data) * test_ratio)
                return data.iloc[shuffled[n:]], data.iloc[shuffled[:n]]

            housing = pd.read_csv("housing.csv")
            train_set, test_set = shuffle_and_split(housing, 0.2)
            model = fit(train_set)
            np.random.seed(42)
            train_set, test_set = shuffle_and_split(housing, 0.2)
            print(model.score(test_set))
        """, note="near miss: a model is fit on the unseeded split before the split is made again"),
        invalid("""
            import random
            subset = random.sample(items, 100)  # expect: SEED006
            random.seed(0)
            print(subset)
        """),
        invalid({
            "utils.py": """
                import random
                import numpy as np
                import torch

                def set_seed(seed):
                    random.seed(seed)
                    np.random.seed(seed)
                    torch.manual_seed(seed)
            """,
            "train.py": """
                import torch
                from torch.utils.data import random_split
                from utils import set_seed

                def main():
                    train, val = random_split(data, [0.8, 0.2])  # expect: SEED006
                    set_seed(7)
                    fit(train, val)

                if __name__ == "__main__":
                    main()
            """,
        }, note="a repo helper called after the split: reported at the split, the helper's call related"),
        valid("""
            import random
            random.seed(0)
            subset = random.sample(items, 100)
            random.seed(1)
            more = random.sample(items, 100)
        """, note="reseeding between phases"),
        valid("""
            import torch
            from torch.utils.data import DataLoader
            loader = DataLoader(train_set, shuffle=True)
            torch.manual_seed(0)
            for batch in loader:
                step(batch)
        """, note="the loader shuffles when iterated, after the seed"),
        valid("""
            import random
            import numpy as np
            subset = random.sample(items, 100)
            np.random.seed(0)
        """, note="a seed of another generator (the draw is SEED001's)"),
        valid("""
            import random
            import numpy as np
            import torch

            def seed_worker(worker_id):
                np.random.seed(torch.initial_seed() % 2**32)

            def main():
                random.seed(3)
                picks = random.sample(range(10), 3)
                perm = np.random.permutation(10)
                loader = make_loader(worker_init_fn=seed_worker)

            if __name__ == "__main__":
                main()
        """, note="a worker_init_fn is a callback that runs later"),
        valid({
            "env.py": """
                import numpy as np

                class GridEnv:
                    def step(self, action):
                        return action

                if __name__ == "__main__":
                    env = GridEnv()
                    print(env.step(np.random.choice(4)))
            """,
            "train.py": """
                import numpy as np
                from env import GridEnv

                np.random.seed(1)
                env = GridEnv()
                print(env.step(np.random.choice(4)))
            """,
        }, note="importing a module does not run its `__main__` block"),
        invalid("""
            from datasets import load_dataset
            from transformers import Trainer, TrainingArguments
            subset = load_dataset("imdb", split="train").shuffle().select(range(2000))  # expect: SEED006
            trainer = Trainer(model=model, args=TrainingArguments("out"), train_dataset=subset)
            trainer.train()
        """, note="the Trainer seeds in its constructor, after the subset was drawn"),
        invalid("""
            import random
            import fire
            from transformers import set_seed

            def main(n: int = 100, seed: int = 0):
                items = random.sample(range(10_000), n)  # expect: SEED006
                set_seed(seed)
                print(score(items))

            if __name__ == "__main__":
                fire.Fire(main)
        """, note="fire.Fire(main) runs main now, not later"),
        valid("""
            import argparse
            import random
            import torch

            parser = argparse.ArgumentParser()
            parser.add_argument("--seed", type=int, default=random.randint(0, 2**31 - 1))
            args = parser.parse_args()
            random.seed(args.seed)
            torch.manual_seed(args.seed)
            print(train(args))
        """, note="near miss: the draw chooses the seed itself (a random seed unless one is given), kept in args"),
        invalid("""
            import argparse
            import random
            import torch

            parser = argparse.ArgumentParser()
            parser.add_argument("--n-shots", type=int, default=random.randint(1, 8))  # expect: SEED006
            parser.add_argument("--seed", type=int, default=0)
            args = parser.parse_args()
            random.seed(args.seed)
            torch.manual_seed(args.seed)
            print(evaluate(args))
        """, note="a setting drawn before the seed: the number of shots changes from run to run"),
        valid({
            "baseline.py": """
                import torch
                from torch import nn
                class Pretrained(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.head = nn.Linear(8, 14)
                        self.load_state_dict(torch.load("pretrained.pth"))
            """,
            "calibrate.py": """
                import torch
                from baseline import Pretrained
                model = Pretrained()
                torch.manual_seed(0)
                loader = torch.utils.data.DataLoader(load_test(), batch_size=64, shuffle=True)
                print("AUC", auc(model, loader))
            """,
        }, note="initial weights of a pretrained model whose constructor loads a checkpoint over them: the seed "
                "after it is for the loader, and nothing uses what was drawn"),
        valid({
            "load.py": """
                import numpy as np
                def get_context_set(name, only_config=False):
                    config = {"size": 28, "name": name}
                    if only_config:
                        return config
                    perm = np.random.permutation(config["size"] ** 2)
                    return load(name, perm), config
            """,
            "main.py": """
                import numpy as np
                from load import get_context_set
                if __name__ == "__main__":
                    stamp = get_context_set("mnist", only_config=True)["name"]
                    np.random.seed(0)
                    data, config = get_context_set("mnist")
                    save(stamp, evaluate(train(data)))
            """,
        }, note="the call before the seed only reads the config: it returns before the draw"),
        invalid({
            "load.py": """
                import numpy as np
                def get_context_set(name, only_config=False):
                    config = {"size": 28, "name": name}
                    if only_config:
                        return config
                    perm = np.random.permutation(config["size"] ** 2)  # expect: SEED006
                    return load(name, perm), config
            """,
            "main.py": """
                import numpy as np
                from load import get_context_set
                if __name__ == "__main__":
                    data, config = get_context_set("mnist")
                    np.random.seed(0)
                    save(config["name"], evaluate(train(data)))
            """,
        }, note="near miss: the call before the seed builds the data, permutation and all"),
        invalid({
            "baseline.py": """
                import torch
                from torch import nn
                class Scratch(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.head = nn.Linear(8, 14)  # expect: SEED006
            """,
            "calibrate.py": """
                import torch
                from baseline import Scratch
                model = Scratch()
                torch.manual_seed(0)
                loader = torch.utils.data.DataLoader(load_train(), batch_size=64, shuffle=True)
                print("AUC", auc(train(model, loader), load_test()))
            """,
        }, note="near miss: the same model trained from that initialisation, drawn before the seed"),
        valid({
            "stream.py": """
                import numpy as np

                class TaskStream:
                    def __init__(self, name, seed, first, step):
                        np.random.seed(seed)
                        self.order = np.random.permutation(100)
                        self.first, self.step = first, step
            """,
            "pretrain.py": """
                import numpy as np
                from stream import TaskStream

                class TaskEnv:
                    def __init__(self, cfg):
                        self.cfg = dict(cfg)
                        self.choices = [(50, 10), (20, 20), (5, 5)]
                        self.cfg["first"], self.cfg["step"] = self.choices[np.random.randint(len(self.choices))]
                        self.tasks = TaskStream(self.cfg["data"], self.cfg["seed"], self.cfg["first"], self.cfg["step"])

                    def reset(self):
                        self.cfg["first"], self.cfg["step"] = self.choices[np.random.randint(len(self.choices))]
                        self.tasks = TaskStream(self.cfg["data"], self.cfg["seed"], self.cfg["first"], self.cfg["step"])
                        return self.tasks.first

                    def step(self, action):
                        return evaluate(self.tasks, action)

                if __name__ == "__main__":
                    env = TaskEnv({"data": "cifar100", "seed": 1993})
                    for episode in range(100):
                        state = env.reset()
                        print("accuracy", env.step(policy(state)))
            """,
        }, note="near miss (held-out set 29): the constructor's unseeded draw is made again by `reset()`, which the "
                "program calls before every episode, after the task stream seeded numpy: nothing reads the first draw"),
        invalid({
            "stream.py": """
                import numpy as np

                class TaskStream:
                    def __init__(self, name, seed, first, step):
                        np.random.seed(seed)
                        self.order = np.random.permutation(100)
                        self.first, self.step = first, step
            """,
            "pretrain.py": """
                import numpy as np
                from stream import TaskStream

                class TaskEnv:
                    def __init__(self, cfg):
                        self.cfg = dict(cfg)
                        self.choices = [(50, 10), (20, 20), (5, 5)]
                        self.cfg["first"], self.cfg["step"] = self.choices[np.random.randint(len(self.choices))]  # expect: SEED006
                        self.tasks = TaskStream(self.cfg["data"], self.cfg["seed"], self.cfg["first"], self.cfg["step"])

                    def reset(self):
                        self.cfg["seed"] += 1
                        self.tasks = TaskStream(self.cfg["data"], self.cfg["seed"], self.cfg["first"], self.cfg["step"])
                        return self.tasks.first

                    def step(self, action):
                        return evaluate(self.tasks, action)

                if __name__ == "__main__":
                    env = TaskEnv({"data": "cifar100", "seed": 1993})
                    for episode in range(100):
                        state = env.reset()
                        print("accuracy", env.step(policy(state)))
            """,
        }, note="the twin: `reset()` keeps the setting the constructor drew before the seed, and every episode uses it"),
        valid({"active_learning.ipynb": _notebook([
            ("import random\nimport transformers\nextra = load_annotations()", 1),
            ("# a random sample of the annotations, to see their format\n"
             "{k: extra[k] for k in random.sample(list(extra.keys()), 5)}", 2),
            ("transformers.set_seed(42)\nprint(accuracy(train(extra)))", 3),
        ])}, note="held-out set 10 (cleanlab examples): a cell shows five picked entries and keeps nothing; the "
                  "seed after it is for the training (hygiene.analysis.toy_draws)"),
        invalid({"active_learning.ipynb": _notebook([
            ("import random\nimport transformers\nextra = load_annotations()", 1),
            ("picked = {k: extra[k] for k in random.sample(list(extra.keys()), 5)}", 2),
            ("transformers.set_seed(42)\nprint(accuracy(train(picked)))", 3),
        ])}, expect=[("active_learning.ipynb", 4, "SEED006")], note="the twin: the picked entries are kept and trained on"),
        valid("""
            import numpy as np
            import pandas as pd
            import torch

            def infer_fold(cfg, model, frame: pd.DataFrame, log):
                probe = make_loader(cfg, frame.sample(1))
                preds = []
                log.write_log("Dataset:", probe.dataset)
                del probe
                loader = make_loader(cfg, frame)
                for seed in cfg.seeds:
                    np.random.seed(seed)
                    torch.manual_seed(seed)
                    preds.append(predict(model, loader, seed))
                return np.mean(preds, axis=0)

            if __name__ == "__main__":
                print(infer_fold(CFG, load_model(), pd.read_csv("folds.csv"), Logger()))
        """, note="held-out set 30: one row drawn to build a loader that is only written to the log, then deleted: "
                  "nothing computed depends on which row it was (hygiene.analysis.toy_draws)"),
        invalid("""
            import numpy as np
            import pandas as pd
            import torch

            def infer_fold(cfg, model, frame: pd.DataFrame, log):
                probe = make_loader(cfg, frame.sample(1))  # expect: SEED006
                preds = []
                preds.append(predict(model, probe, seed=0))
                loader = make_loader(cfg, frame)
                for seed in cfg.seeds:
                    np.random.seed(seed)
                    torch.manual_seed(seed)
                    preds.append(predict(model, loader, seed))
                return np.mean(preds, axis=0)

            if __name__ == "__main__":
                print(infer_fold(CFG, load_model(), pd.read_csv("folds.csv"), Logger()))
        """, note="the twin: the loader of the drawn row is predicted on and its predictions are kept"),
        invalid({"subsample.ipynb": _notebook([
            ("import numpy as np\nX = np.load('x.npy')", 2),
            ("idx = np.random.choice(len(X), 500, replace=False)\nsub = X[idx]", 3),
            ("np.random.seed(0)", 1),
            ("print(fit_and_score(sub))", 4),
        ])}, expect=[("subsample.ipynb", 3, "SEED006")],
            note="the seed cell ran first (count 1) but sits below the draw: Run All draws unseeded"),
        valid({"subsample.ipynb": _notebook([
            ("import numpy as np\nX = np.load('x.npy')", 2),
            ("np.random.seed(0)", 1),
            ("idx = np.random.choice(len(X), 500, replace=False)\nsub = X[idx]", 3),
            ("print(fit_and_score(sub))", 4),
        ])}, note="near miss: out of order too (the seed ran first), but the seed cell is above the draw"),
        valid({"subsample.ipynb": _notebook([
            ("import numpy as np\nX = np.load('x.npy')\nrng = np.random.default_rng(0)", 2),
            ("idx = rng.choice(len(X), 500, replace=False)\nsub = X[idx]", 3),
            ("np.random.seed(0)", 1),
            ("print(fit_and_score(sub))", 4),
        ])}, note="near miss: the draw uses its own seeded generator"),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        """In a notebook run out of order: note the draws and seeds with their cells."""
        nb = self.ctx.notebook
        if nb is None or not nb.execution_order:
            return
        tail = (dotted(node.func) or "").rsplit(".", 1)[-1]
        what = classify(self.qualified_name(node.func), node, tail, True)
        pos = self.ctx.position(node)
        if pos is None or not isinstance(what, (Seed, Draw)):
            return
        cell, cell_line, _ = nb.locate(pos.start.line)
        self.__dict__.setdefault("_cell_events", []).append((cell, cell_line, node, what))

    def finish(self) -> None:
        """A draw placed above the seed cell that ran before it: seeded only in the kernel's order."""
        nb = self.ctx.notebook
        events = self.__dict__.get("_cell_events")
        if nb is None or not events:
            return
        counts = {c.index: c.execution_count for c in nb.cells}
        reported: set[int] = set()
        for cell, cell_line, node, draw in events:
            if not isinstance(draw, Draw) or draw.lazy or draw.gen not in GENERATOR_NAMES or draw.kind == "generate":
                continue
            seeds = [(c, line, n, s) for c, line, n, s in events if isinstance(s, Seed)
                     and (draw.gen in s.gens or "*" in s.gens)]
            if any((c, line) < (cell, cell_line) for c, line, _, _ in seeds):
                continue  # seeded above the draw in the document too
            late = next(((c, line, n) for c, line, n, _ in seeds
                         if c > cell and (counts.get(c) or 0) < (counts.get(cell) or 0)), None)
            if late is None or late[0] in reported:
                continue
            reported.add(late[0])
            seed_code = " ".join(self.ctx.code(late[2]).split())
            seed_code = seed_code if len(seed_code) <= 60 else seed_code.split("(", 1)[0] + "(...)"
            self.report(node, seed=seed_code, gen=GENERATOR_NAMES[draw.gen],
                        draw=" ".join(self.ctx.code(node).split())[:60],
                        seed_where=f"cell {late[0]}, line {late[1]}", related=[
                            Location(self.ctx.path, self.ctx.line_of(late[2]), "the seed cell that ran first")],
                        message=("`{draw}` draws from {gen} above `{seed}` ({seed_where}): that cell ran first, "
                                 "so the saved outputs are seeded, but Restart & Run All draws unseeded"))

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        seen: set[tuple[str, int]] = set()
        progs = programs(repo)
        toys = toy_lines(repo) if progs.late_seeds else {}
        for late in progs.late_seeds:
            where_path, _, ordinal = late.seed
            # One finding per draw: nine programs that call the same helper before their seed are one
            # decision (seed before the helper), named by the first of them.
            if (where_path, ordinal) in seen or (late.draw.path, -1 - late.draw.ordinal) in seen:
                continue
            seen.add((where_path, ordinal))
            seen.add((late.draw.path, -1 - late.draw.ordinal))
            if _overwritten_init(late, progs):
                continue
            place = locate(repo, where_path, {ordinal})[ordinal]
            draw = late.draw
            draw_place = locate(repo, draw.path, {draw.ordinal})[draw.ordinal]
            if place.line is None or draw_place.line is None or is_toy(toys, draw.path, draw_place.line):
                continue  # (a notebook cell that shows five picked entries: hygiene.analysis.toy_draws)
            if draws_a_seed(repo, draw.path, draw_place):
                continue  # `seed=random.randint(0, 100000)`: how the run's seed is chosen (hygiene.analysis.drawn_seeds)
            caller, _, call = late.draw_frames[-2] if len(late.draw_frames) > 1 else (late.entry, "", -1)
            if switched_off_at(repo, draw.path, draw_place.line, caller, call):
                continue  # the call made before the seed switches the draw off (`only_config=True` returns first)
            if discarded(repo, progs.files[late.entry]["module"], late.draw_frames, late.seed):
                continue  # what the unseeded draw made is made again after the seed
            if redrawn_by_reset(repo, draw.path, draw.context, draw.ordinal, late.entry):
                continue  # a constructor's draw that the environment's `reset()` makes again before any use
            seed_where = f"{where_path}:{place.line}"
            if place.cell is not None:
                seed_where = f"{where_path} cell {place.cell}, line {place.cell_line}"
            gen = " and ".join(GENERATOR_NAMES[g] for g in late.gens)
            seed_code = place.snippet if len(place.snippet) <= 60 else place.snippet.split("(", 1)[0] + "(...)"
            # The first cause is the draw (the decision is "seed before it"); the late seed is related.
            # A sampled generation is SEED009's site (one unseeded sample per item): the finding
            # this rule adds there is about the seed, so it stays at the seed, the draw related.
            at, at_place, other, other_place, note = draw.path, draw_place, where_path, place, "the seed, which comes too late"
            if draw.kind == "generate":
                at, at_place, other, other_place, note = where_path, place, draw.path, draw_place, "the earlier draw"
            ask = _ask(late, progs)
            if not ask and draw.kind == "adapter" and "Trainer(" in place.snippet.replace(" ", ""):
                # peft adapters drawn before a Trainer seeds in its constructor: HF's own scripts do the same
                # unless they pass `model_init`; whether the runs' spread covers it is the author's to say
                ask = ("the adapter weights are drawn before the Trainer seeds; is the run-to-run spread of "
                       "the reported numbers measured over seeds that cover them?")
            if not ask and before_seed_only(repo, progs.files[late.entry]["module"], late.draw_frames, late.seed):
                ask = _BEFORE_SEED_ONLY
            repo.report(cls, at, at_place.line, seed=seed_code, gen=gen, draw=draw.code, seed_where=seed_where,
                        related=[Location(other, other_place.line, note)], **report_place(at_place, ask=ask))


_BEFORE_SEED_ONLY = ("what the draw makes is used only by code that runs before the seed (an illustration, a "
                     "throw-away layer, a look at an untrained model); is any number it shows reported?")


def _ask(late: Any, progs: Any) -> str:
    """Why a late seed is a checklist question, or "": the program's output is data or an
    illustration; the draw is in a data builder (`data/TUs.py` splitting once to write the split
    files)."""
    ask = program_ask([progs.uses.get(late.entry, "reports")])
    if ask:
        return ask
    draw = late.draw
    if progs.files.get(draw.path, {}).get("purpose") == "data" or in_data_folder(draw.path):
        return "data"
    return ""


def _overwritten_init(late: Any, progs: Any) -> bool:
    """Initial weights drawn on the way to a constructor that loads trained weights over them (a
    pretrained model made before the seed, which is for a later split or loader): nothing uses them."""
    draw = late.draw
    init = draw.kind == "init" or draw.context.endswith("__init__") or "init" in draw.label
    return draw.gen == "torch" and init and any(progs.files[f[0]].get("loads") for f in late.draw_frames)
