"""SEED002: numpy random numbers from the unseeded global generator, or from a generator made without a seed."""
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


class UnseededNumpy(Rule):
    """
    ## What it does
    Finds numpy draws that no seed controls: legacy global draws (`np.random.rand`,
    `np.random.permutation`, `np.random.choice`, ...) in code that a program of the repo runs
    without ever calling `np.random.seed(...)` or a seeding helper, and generators made without a
    seed (`np.random.default_rng()`, `np.random.RandomState()`), which take fresh entropy from the
    operating system whatever else the program seeds.

    A seed passed through a variable or a config counts; so does a helper (`set_seed(cfg.seed)`),
    whether it is defined in the repo (then its body must seed numpy) or comes from a library.
    `rng = rng or np.random.default_rng()` and `if rng is None: rng = np.random.default_rng()`
    are a library's way to let the caller decide, and are left alone; so is code that no script or
    notebook of the repo runs.

    One finding per file, at its first unseeded draw (one seed, or one generator passed down,
    settles them all); the message counts the others. It is a checklist question rather than a
    finding when no program that runs the draw unseeded produces reported numbers: a builder of
    committed data (a file under `data/`, a `make_dataset.py`, a script that pushes a split to a
    hub) or an illustration (a notebook that measures nothing with a library metric or is mostly
    prose, a script that only plots or checks, `docs/`, `examples/`, `tutorials/`): see
    `hygiene.analysis.purpose`. A finding needs evidence that the draw changes a reported number
    (`hygiene.analysis.seed_evidence`): a program that runs it unseeded, is not named for a demo,
    an example (a bare `example.py` when reporting programs of another folder seed), inference, an export or a
    timing, nor an imported module's own `__main__`
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
    code after `if only_config: return`, a block under `if args.rand_order:` when no run script of the program
    passes `--rand_order`) is not run by that program
    (`hygiene.analysis.flag_guards`); nor is a draw that runs only in a model's training mode (under
    `if self.training:`, or in a function called only there) by a program whose own code trains nothing
    (`hygiene.analysis.train_mode`: a usage notebook ranking with a released checkpoint).
    Draws that decide no reported number are left out (`hygiene.analysis.toy_draws`): a shuffled-label control
    kept beside the real labels (`y_shuffled = np.random.permutation(y_train)`), a random tag formatted into a
    file's name, and a random search's settings (`K = np.random.randint(48, 128)`) written with each trial's
    score (`hygiene.analysis.recorded_draws`; held-out set 27).
    Unseeded draws of several files that one program runs are one finding (one seeding line at the
    program's start settles them), at the program's own draw, naming the other files.
    A transformers / TRL `Trainer` seeds every generator when it is constructed
    (`set_seed(args.seed)`), so what runs after it, its own shuffling and noise in a subclass's
    `compute_loss` are seeded. A seed drawn at random and then set (`args.seed =
    np.random.randint(...)`) is the seed; a module's own `__main__` demo is not judged when the
    programs that use the module seed.

    Precision, and why it stays a finding (2026-12-06, seedprec): of 22 first-scan findings (3 real)
    it still prints 3 real and 2 false, plus a job-balancing random search first scans did not have
    (0.50 replayed). The false ones are notebooks that compute a loss or a PSNR only to plot it (a tiny
    NeRF tutorial, a library's toy ensemble fit); a deliberate tie-break shuffle before a sort is no
    longer reported. Its true findings are reported numbers of evaluations (a bootstrap of every
    reported standard error, a judge's A/B swap, DiffDock's poses, few-shot episodes), it finds a case
    label no other rule finds, and no evidence the code gives separates the rest; weaker evidence gives
    checklist questions.

    Precision on the whole corpus (2026-12-08, precision17; the corpus scan of 557476f2, 322 repositories,
    debatable counted as wrong): 26 findings, 8 real, 11 debatable, 7 false (0.31); unchanged by precision17.
    Left: notebooks that seed nothing and quote no number whose draw reaches a plot, a histogram or a dev
    check (3 false, 2 debatable; asking about them as SEED004 and SEED003 do, `hygiene.analysis.notebook_claims`,
    would lose no real corpus finding but would turn own case `seed-notebook-noise-feeds-metric`, an unseeded
    notebook printing one held-out MSE, into a question: left to the lead); noise meant to be random
    (Griffin-Lim's phase, sticky actions, SMACv2's scenario draws) and fully unseeded repositories whose remedy
    is repeated runs (7 debatable); draws the named program does not take (a configuration never selecting the
    branch, a non-default faiss index, a sweep sampler seeded by its setup script, augmentations only seeded
    training runs: 4 false). It stays a finding: 9 case labels only it finds.

    ## Why is this bad?
    The permutation, the bootstrap sample or the noise differs on every run, so the numbers built
    on them cannot be reproduced, and a difference between two runs may be nothing but the draw.
    `np.random.seed(0)` does not help a `default_rng()` made afterwards: it only seeds the legacy
    global generator.

    ## Example
        rng = np.random.default_rng()
        idx = rng.permutation(len(frame))

    Use instead:
        rng = np.random.default_rng(cfg.seed)
        idx = rng.permutation(len(frame))
    """

    code = "SEED002"
    category = "SEED-UNSEEDED"
    severity = Severity.WARNING
    message = "`{code}` {what}, and {who}"
    question = "Which seed produced the numbers of `{code}` at {where}, and is it recorded with the results?"
    examples = [
        invalid({
            "analysis/bootstrap.py": """\
                import numpy as np

                def bootstrap_ci(correct, n_boot=10_000):
                    rng = np.random.default_rng()  # expect: SEED002
                    idx = rng.integers(0, len(correct), size=(n_boot, len(correct)))
                    return np.quantile(correct[idx].mean(axis=1), [0.025, 0.975])
                """,
            "analysis/make_table.py": """\
                import pandas as pd
                from analysis.bootstrap import bootstrap_ci

                df = pd.read_csv("results/item_scores.csv")
                rows = []
                for cond, g in df.groupby("condition"):
                    lo, hi = bootstrap_ci(g["correct"].to_numpy())
                    rows.append({"condition": cond, "accuracy": g["correct"].mean(), "ci_low": lo, "ci_high": hi})
                with open("paper/table.md", "w") as fh:
                    fh.write(pd.DataFrame(rows).to_markdown(index=False))
                """,
        }, note="probe 15: bootstrap intervals written as a paper's Markdown table change on every run"),
        valid({
            "analysis/bootstrap.py": """\
                import numpy as np

                def bootstrap_ci(correct, n_boot=10_000, seed=0):
                    rng = np.random.default_rng(seed)
                    idx = rng.integers(0, len(correct), size=(n_boot, len(correct)))
                    return np.quantile(correct[idx].mean(axis=1), [0.025, 0.975])
                """,
            "analysis/make_table.py": """\
                import pandas as pd
                from analysis.bootstrap import bootstrap_ci

                df = pd.read_csv("results/item_scores.csv")
                rows = []
                for cond, g in df.groupby("condition"):
                    lo, hi = bootstrap_ci(g["correct"].to_numpy())
                    rows.append({"condition": cond, "accuracy": g["correct"].mean(), "ci_low": lo, "ci_high": hi})
                with open("paper/table.md", "w") as fh:
                    fh.write(pd.DataFrame(rows).to_markdown(index=False))
                """,
        }, note="near miss: the generator is seeded"),
        valid("""
            import numpy as np
            import zero

            zero.improve_reproducibility(0)

            def subsample(X, y, n):
                ixs = np.random.choice(len(y), n, replace=False)
                return X[ixs], y[ixs]

            if __name__ == "__main__":
                X, y = subsample(np.load("X.npy"), np.load("y.npy"), 5000)
                print("accuracy", load_model().score(X, y))
        """, note="held-out set 17: Yandex's `zero` (now `delu`) seeds random, numpy and torch in one call"),
        invalid("""
            import numpy as np
            import zero

            timer = zero.Timer()

            def subsample(X, y, n):
                ixs = np.random.choice(len(y), n, replace=False)  # expect: SEED002
                return X[ixs], y[ixs]

            if __name__ == "__main__":
                X, y = subsample(np.load("X.npy"), np.load("y.npy"), 5000)
                print("accuracy", load_model().score(X, y))
        """, note="the twin: the same library used only for its timer"),
        valid("""
            import numpy as np

            def prune(candidates, scores, width):
                ranked = [(s, i) for i, s in enumerate(scores)]
                np.random.shuffle(ranked)  # elements with the same score are randomly permuted
                ranked.sort(reverse=True)
                return [candidates[i] for _, i in ranked[:width]]

            if __name__ == "__main__":
                print("success rate", accuracy(attack(prune)))
        """, note="a shuffle whose list is sorted next only breaks ties"),
        invalid("""
            import numpy as np

            def prune(candidates, scores, width):
                ranked = [(s, i) for i, s in enumerate(scores)]
                np.random.shuffle(ranked)  # expect: SEED002
                kept = ranked[:width]
                kept.sort(reverse=True)
                return [candidates[i] for _, i in kept]

            if __name__ == "__main__":
                print("success rate", accuracy(attack(prune)))
        """, note="the twin: cut before it is sorted, the shuffle picks the items"),
        valid("""
            import numpy as np

            # np.random.seed(1)

            def measures(scores, n_runs):
                aurocs = []
                for _ in range(n_runs):
                    picked = np.random.choice(len(scores), 1000)
                    aurocs.append(auroc(scores[picked]))
                return np.mean(aurocs), np.std(aurocs)

            if __name__ == "__main__":
                print("AUROC", measures(load_scores(), 5))
        """, note="the author keeps the seed line commented out and reports mean and std over runs: a choice, asked "
                "about in the checklist"),
        invalid("""
            import numpy as np

            def measures(scores, n_runs):
                aurocs = []
                for _ in range(n_runs):
                    picked = np.random.choice(len(scores), 1000)  # expect: SEED002
                    aurocs.append(auroc(scores[picked]))
                return np.mean(aurocs), np.std(aurocs)

            if __name__ == "__main__":
                print("AUROC", measures(load_scores(), 5))
        """, note="near miss: no seed anywhere, not even a commented one"),
        valid("""
            import numpy as np
            import torch
            from transformers import AutoModelForCausalLM, AutoTokenizer

            def main():
                tok = AutoTokenizer.from_pretrained("gpt2")
                model = AutoModelForCausalLM.from_pretrained("gpt2")
                rows = [line.strip() for line in open("questions.txt")]
                acts = []
                for i, question in enumerate(rows):
                    other = rows[np.random.randint(len(rows))]
                    with torch.no_grad():
                        out = model(**tok(question + " " + other, return_tensors="pt"), output_hidden_states=True)
                    acts.append(out.hidden_states[-1][0, -1].numpy())
                np.save("features/last_token.npy", np.stack(acts))

            if __name__ == "__main__":
                main()
        """, path="get_activations.py", note="near miss: a script that runs a model only to save activations "
                                             "builds features other programs read: a checklist question"),
        invalid("""
            import numpy as np
            from sklearn.linear_model import LogisticRegression

            def main():
                acts = np.load("features/last_token.npy")
                labels = np.load("features/labels.npy")
                order = np.random.permutation(len(acts))  # expect: SEED002
                train, test = order[:800], order[800:]
                probe = LogisticRegression().fit(acts[train], labels[train])
                print("probe accuracy", probe.score(acts[test], labels[test]))

            if __name__ == "__main__":
                main()
        """, path="probe.py", note="the program that reads the features and reports a score"),
        invalid("""
            import numpy as np
            perm = np.random.permutation(100)  # expect: SEED002
            print("accuracy", accuracy(model, X[perm[:20]], y[perm[:20]]))
        """),
        valid("""
            import numpy as np
            perm = np.random.permutation(100)
            print(perm[:10])
        """, note="weak twin: the permutation is only printed; no reported number depends on it (a question)"),
        valid({"numpy_tour.ipynb": _notebook([
            "import numpy as np\nimport pandas as pd",
            "arr = np.random.randn(3, 4)\narr",
            "arr.T",
            "np.dot(arr, arr.T)",
            "frame = pd.DataFrame(np.random.randn(5, 3), columns=['a', 'b', 'c'])\nframe.describe()",
            "from sklearn.linear_model import LinearRegression\nfrom sklearn.datasets import load_diabetes\n"
            "X, y = load_diabetes(return_X_y=True)\nprint(LinearRegression().fit(X, y).score(X, y))",
        ])}, note="near miss: toy arrays drawn with literal sizes and only shown or computed on with numpy "
                  "and pandas illustrate; the measured part of the notebook uses none of them"),
        invalid({"numpy_tour.ipynb": _notebook([
            "import numpy as np\nimport pandas as pd",
            "arr = np.random.randn(3, 4)\narr",
            "X = np.random.randn(200, 3)\nX",
            "from sklearn.linear_model import LinearRegression\ny = X @ np.array([1.0, 2.0, 3.0])\n"
            "print(LinearRegression().fit(X, y).score(X, y))",
        ])}, expect=[("numpy_tour.ipynb", 5, "SEED002")],
            note="the same kind of toy draw shown, then fit and scored: synthetic data of a reported number"),
        invalid("""
            import numpy as np
            np.random.seed(0)
            rng = np.random.default_rng()  # expect: SEED002
            noise = rng.normal(size=3)
        """, note="np.random.seed does not seed a new Generator"),
        invalid("""
            from numpy import random as npr
            import torch
            torch.manual_seed(1)
            mask = npr.rand(10) < 0.5  # expect: SEED002
            train(data[mask])
        """, note="torch is seeded, numpy is not"),
        valid("""
            from numpy import random as npr
            npr.seed(0)
            noise = npr.rand(10)
        """),
        valid("""
            import numpy as np
            rng = np.random.default_rng(cfg.seed)
            idx = rng.permutation(10)
        """, note="a generator seeded from a config"),
        valid("""
            import lightgbm as lgb
            import numpy as np
            import pandas as pd
            from sklearn.metrics import roc_auc_score

            booster = lgb.train({"seed": 7}, lgb.Dataset(X_train, y_train), 200)
            auc = roc_auc_score(y_val, booster.predict(X_val))
            tag = np.random.randint(0, 65536)
            pd.DataFrame({"id": ids, "target": booster.predict(X_test)}).to_csv(
                "./submission/lgb_%.5f_%d.csv.gz" % (auc, tag), index=False)
        """, note="near miss (held-out 27): the draw only tags the written file's name so runs do not overwrite each other"),
        invalid("""
            import lightgbm as lgb
            import numpy as np
            from sklearn.metrics import roc_auc_score

            rows = np.random.randint(0, len(X_train), 5000)  # expect: SEED002
            booster = lgb.train({"seed": 7}, lgb.Dataset(X_train[rows], y_train[rows]), 200)
            auc = roc_auc_score(y_val, booster.predict(X_val))
            np.save("./submission/lgb_%.5f.npy" % auc, booster.predict(X_test))
        """, note="the twin: the draw picks the training rows the score is computed from"),
        valid("""
            import numpy as np

            def bootstrap(values, rng=None):
                rng = rng or np.random.default_rng()
                return rng.choice(values, size=len(values))

            if __name__ == "__main__":
                print(bootstrap([1, 2, 3], np.random.default_rng(7)))
        """, note="a fallback for callers that pass no generator"),
        valid({
            "train.py": """
                import numpy as np
                from helpers import seed_everything

                if __name__ == "__main__":
                    seed_everything(5)
                    print(np.random.randn(3))
            """,
            "helpers.py": """
                import random
                import numpy as np

                def seed_everything(seed):
                    random.seed(seed)
                    np.random.seed(seed)
            """,
        }, note="a repo helper that seeds numpy"),
        valid("""
            import random
            rng = random.Random()
            print(rng.random())
        """, note="Python's own Random is SEED001's"),
        valid("""
            import numpy as np
            np.random.set_state(state)
            x = np.random.default_rng(seed=None if args.fresh else args.seed)
        """, note="not draws, and a seed through an expression"),
        valid({"data/make_items.py": """
            import json
            import numpy as np
            items = [{"a": int(a), "b": int(b)} for a, b in np.random.randint(0, 100, size=(500, 2))]
            with open("data/items.jsonl", "w") as f:
                f.writelines(json.dumps(i) + "\\n" for i in items)
        """}, note="a builder of committed data: a checklist question, not a finding"),
        valid("""
            import numpy as np
            import matplotlib.pyplot as plt
            samples = np.random.randn(1000)
            plt.hist(samples, bins=40)
            plt.savefig("normal.png")
        """, note="toy data drawn for a plot: an illustration, asked in the checklist"),
        invalid("""
            import numpy as np
            import matplotlib.pyplot as plt
            from sklearn.metrics import mean_squared_error
            noise = np.random.randn(1000)  # expect: SEED002
            plt.hist(noise)
            print(mean_squared_error(truth, truth + noise))
        """, note="near miss: the drawn values feed a metric as well as a plot"),
        valid("""
            import numpy as np
            import matplotlib.pyplot as plt
            from sklearn.manifold import TSNE
            from sklearn.metrics import accuracy_score

            feats = np.load("features/expert_weights.npy")
            owner = np.load("features/expert_of_feature.npy")
            print("routing accuracy", accuracy_score(owner, np.load("features/routed.npy")))
            points = TSNE(n_components=2, random_state=0).fit_transform(feats)
            colours = np.array(["#FF4136", "#0074D9", "#2ECC40", "#B10DC9"])[owner]
            groups = np.array_split(np.random.permutation(len(feats)), 20)
            fig, ax = plt.subplots()
            for group in groups:
                ax.scatter(points[group, 0], points[group, 1], c=colours[group], s=0.3)
            fig.savefig("tsne.png")
        """, path="experts_tsne.py", note="near miss (held-out set 29): the permutation only decides the order the colour "
                                          "groups of a scatter are drawn in; the reported accuracy does not use it"),
        invalid("""
            import numpy as np
            import matplotlib.pyplot as plt
            from sklearn.manifold import TSNE
            from sklearn.metrics import accuracy_score

            feats = np.load("features/expert_weights.npy")
            owner = np.load("features/expert_of_feature.npy")
            routed = np.load("features/routed.npy")
            points = TSNE(n_components=2, random_state=0).fit_transform(feats)
            colours = np.array(["#FF4136", "#0074D9", "#2ECC40", "#B10DC9"])[owner]
            groups = np.array_split(np.random.permutation(len(feats)), 20)  # expect: SEED002
            fig, ax = plt.subplots()
            for group in groups:
                ax.scatter(points[group, 0], points[group, 1], c=colours[group], s=0.3)
                print("routing accuracy", accuracy_score(owner[group], routed[group]))
        """, path="experts_tsne.py", note="the twin: each random group is also scored, so the printed numbers depend on the draw"),
        valid("""
            import numpy as np
            import argparse
            args = argparse.ArgumentParser().parse_args()
            if args.seed < 0:
                args.seed = np.random.randint(2**31 - 1)
            np.random.seed(args.seed)
            print(np.random.permutation(10), args.seed)
        """, note="a seed drawn at random and then used (and printed) is the seed"),
        valid("""
            import numpy as np
            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import roc_auc_score

            X_train, y_train, X_test, y_test = np.load("train_X.npy"), np.load("train_y.npy"), np.load("test_X.npy"), np.load("test_y.npy")
            clf = LogisticRegression(random_state=0).fit(X_train, y_train)
            print("AUC", roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))

            # sanity check: with shuffled labels the AUC should be chance
            y_train_shuffled = np.random.permutation(y_train)
            y_test_shuffled = np.random.permutation(y_test)
            control = LogisticRegression(random_state=0).fit(X_train, y_train_shuffled)
            print("AUC (shuffled labels)", roc_auc_score(y_test_shuffled, control.predict_proba(X_test)[:, 1]))
        """, note="held-out set 27: a shuffled-label control kept beside the real labels; its expected result is chance"),
        invalid("""
            import numpy as np
            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import roc_auc_score

            X_train, y_train, X_test, y_test = np.load("train_X.npy"), np.load("train_y.npy"), np.load("test_X.npy"), np.load("test_y.npy")
            order = np.random.permutation(len(y_train))  # expect: SEED002
            X_train, y_train = X_train[order][:500], y_train[order][:500]
            clf = LogisticRegression(random_state=0).fit(X_train, y_train)
            print("AUC", roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))
        """, note="the twin: the rows are permuted (features and labels together) and a subset trained on"),
        invalid("""
            import numpy as np
            from sklearn.linear_model import LogisticRegression
            from sklearn.model_selection import cross_val_score

            X, y = np.load("X.npy"), np.load("y.npy")
            real = cross_val_score(LogisticRegression(random_state=0), X, y, cv=5).mean()
            null = []
            for i in range(1000):
                y_perm = np.random.permutation(y)  # expect: SEED002
                null.append(cross_val_score(LogisticRegression(random_state=0), X, y_perm, cv=5).mean())
            print("p =", np.mean(np.array(null) >= real))
        """, note="near miss of the control: a permutation test, whose p-value counts the draws"),
        valid("""
            import numpy as np
            from sklearn.metrics import roc_auc_score

            X, y, X_val, y_val = load_split()
            for trial in range(100):
                width = np.random.randint(48, 128)
                lr = 7.5e-3 * (0.1 ** (np.random.rand() * 2 - 1.0))
                act = np.random.choice(["relu", "tanh", "elu"])
                model = build_model(width, lr, act)
                model.fit(X, y, checkpoint="bst_model_%d.h5" % np.random.randint(0, 65536))
                auc = roc_auc_score(y_val, model.predict(X_val))
                row = "%d,%e,%s,%.5f\\n" % (width, lr, act, auc)
                with open("search_record.csv", "a") as f:
                    f.write(row)
        """, note="held-out set 27: a random search whose drawn settings are written with each trial's score; "
                  "the checkpoint's random tag only names a file"),
        invalid("""
            import numpy as np
            from sklearn.metrics import roc_auc_score

            X, y, X_val, y_val = load_split()
            for trial in range(100):
                width = np.random.randint(48, 128)  # expect: SEED002
                lr = 7.5e-3 * (0.1 ** (np.random.rand() * 2 - 1.0))
                act = np.random.choice(["relu", "tanh", "elu"])
                model = build_model(width, lr, act)
                model.fit(X, y, checkpoint="bst_model_%d.h5" % np.random.randint(0, 65536))
                auc = roc_auc_score(y_val, model.predict(X_val))
                row = "%d,%e,%s,%.5f\\n" % (lr, act, auc)
                with open("search_record.csv", "a") as f:
                    f.write(row)
        """, note="the twin: the drawn width is left out of the record, so no record says which width scored"),
        valid({
            "ranker/model.py": """\
                import numpy as np
                import torch

                class PairScorer(torch.nn.Module):
                    def __init__(self, encoder, n_keep):
                        super().__init__()
                        self.encoder, self.n_keep = encoder, n_keep

                    def forward(self, source, candidates, scores):
                        if self.training:
                            keep = thin_out(scores, self.n_keep)
                            candidates, scores = candidates[:, keep], scores[:, keep]
                        return self.encoder(source, candidates), scores

                def thin_out(scores, n_keep):
                    order = np.argsort(scores.sum(0).numpy())[::-1]
                    return np.concatenate([order[:1], np.random.choice(order[1:], n_keep - 1, replace=False)])
                """,
            "train.py": """\
                from pytorch_lightning import seed_everything
                from ranker.model import PairScorer

                def main(args):
                    seed_everything(args.seed)
                    model = PairScorer(load_encoder(args.encoder), args.n_keep)
                    model.train()
                    fit(model, args)
                    print(evaluate(model, args.test_file))

                if __name__ == "__main__":
                    main(parse_args())
                """,
            "usage.ipynb": _notebook([
                "import numpy as np\nfrom sklearn.metrics import ndcg_score\nfrom ranker.model import PairScorer",
                "scorer = PairScorer(load_encoder('released'), 4).eval()\nout, _ = scorer(sources, candidates, gold_scores)",
                "print(ndcg_score(gold_scores.numpy(), out.numpy()))",
            ]),
        }, note="held-out set 30: the draw runs only under `if self.training:`; the program that trains seeds "
                "everything, and the notebook that runs it unseeded never trains (no training call): it never draws"),
        invalid({
            "ranker/model.py": """\
                import numpy as np
                import torch

                class PairScorer(torch.nn.Module):
                    def __init__(self, encoder, n_keep):
                        super().__init__()
                        self.encoder, self.n_keep = encoder, n_keep

                    def forward(self, source, candidates, scores):
                        if self.training:
                            keep = thin_out(scores, self.n_keep)
                            candidates, scores = candidates[:, keep], scores[:, keep]
                        return self.encoder(source, candidates), scores

                def thin_out(scores, n_keep):
                    order = np.argsort(scores.sum(0).numpy())[::-1]
                    return np.concatenate([order[:1], np.random.choice(order[1:], n_keep - 1, replace=False)])  # expect: SEED002
                """,
            "train.py": """\
                from pytorch_lightning import seed_everything
                from ranker.model import PairScorer

                def main(args):
                    seed_everything(args.seed)
                    model = PairScorer(load_encoder(args.encoder), args.n_keep)
                    model.train()
                    fit(model, args)
                    print(evaluate(model, args.test_file))

                if __name__ == "__main__":
                    main(parse_args())
                """,
            "usage.ipynb": _notebook([
                "import numpy as np\nfrom sklearn.metrics import ndcg_score\nfrom ranker.model import PairScorer",
                "scorer = PairScorer(load_encoder('released'), 4)\nscorer.train()\nfit(scorer, sources, candidates, gold_scores)",
                "print(ndcg_score(gold_scores.numpy(), scorer.eval()(sources, candidates, gold_scores)[0].numpy()))",
            ]),
        }, note="the twin: the notebook trains the model unseeded (`scorer.train()`, `fit(...)`), so the draw runs there"),
    ]

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        for site, place in unseeded_draws(repo, {"numpy", "fresh"}):
            if site.gen == "fresh":
                what = "makes a generator without a seed, which takes fresh entropy on every run"
            else:
                what = "draws from numpy's global generator"
            related = ([Location(site.unseeded_by[0], None, "the program that runs it")]
                if site.unseeded_by[0] != site.path else [])
            who = who_runs(site) if site.gen != "fresh" else f"it runs in `{site.unseeded_by[0]}`"
            repo.report(cls, site.path, place.line, code=site.code, what=what, who=who, related=related,
                        **report_place(place, site))
