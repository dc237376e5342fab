"""SEED004: scikit-learn estimators, splitters and samplers that draw randomness and get no `random_state`."""
from __future__ import annotations

import json

from hygiene.context import RepoContext
from hygiene.finding import Location, Severity
from hygiene.analysis.unseeded_draws import report_place, unseeded_draws, who_runs
from hygiene.rule import Rule, invalid, valid


def _notebook(cells: list[str], prose: str = "") -> str:
    """A notebook of these code cells, after a markdown cell of `prose` when given."""
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        *([{"cell_type": "markdown", "metadata": {}, "source": prose}] if prose else []),
        *({"cell_type": "code", "metadata": {}, "execution_count": i + 1, "outputs": [], "source": c}
          for i, c in enumerate(cells))]})


class MissingRandomState(Rule):
    """
    ## What it does
    Finds scikit-learn (and imbalanced-learn, UMAP) calls whose result depends on randomness and
    that get no `random_state`, in code that a program of the repo runs without seeding numpy's
    global generator (which they fall back to): `train_test_split` (it shuffles unless
    `shuffle=False`), `KFold` / `StratifiedKFold` only with `shuffle=True`, the shuffle splitters,
    random forests, boosting, SGD, MLPs, k-means, t-SNE, decision trees only with `max_features`,
    SMOTE and other resamplers, `make_classification` and the other generated data sets; and MCMC
    samplers that take their own seed, PyMC's `pm.sample` / `pm.sample_posterior_predictive` without
    `random_seed` (PyMC 4+ then draws fresh entropy, which no global seed controls).

    Deterministic by default, so never reported: `PCA` with its default solver, `KFold` without
    shuffle, xgboost, lightgbm and catboost (fixed default seeds). Not reported either, because the
    seed cannot change a reported number beyond its last digits: solvers of convex problems, whose
    `random_state` only orders their steps towards the same optimum (`LogisticRegression` with any
    solver, `LinearSVC`, `Ridge` with sag/saga, `Lasso` with random selection), and a decision tree
    (or gradient boosting with `subsample=1.0` and no `max_features`, the defaults) that weighs every feature
    at each split, which draws only to break exact ties (textbook
    chapters fit these without a seed, and the printed scores stay the same); nor `SVC(probability=True)`
    in a file that never reads probabilities (`predict_proba`, an AUC, a log loss): its seed only feeds the
    Platt scaling, and `predict` does not depend on it; nor a chance baseline (`DummyClassifier` with
    `strategy="stratified"` or `"uniform"`), which guesses at random by design and is read as chance level.
    `random_state=seed` through a variable or a config counts as seeded; `random_state=None`
    does not; `**params` is not judged. The list of estimators is `hygiene.analysis.apis.sklearn`.

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
    what it shows), and a file that makes the same call again with a `random_state` and otherwise the same
    arguments (a lesson that shows the unseeded split, then how `random_state` fixes it). A draw in a block that the program's own calls switch off (`if multiscale:`
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

    Precision, and why it stays a finding (2026-12-06, seedprec): of 19 first-scan findings (3 real)
    it still prints 3 real and 2 debatable (0.60 replayed): a random forest fit only for printed
    feature importances and a course's bootstrap cell that reports a mean and spread over 100
    unseeded networks anyway. Both are in book and course notebooks whose other cells give its true
    findings (a printed test score compared between models). It finds 2 labels of the development
    set that no other rule finds; a demotion would lose them to avoid two debatable findings.

    Precision on the whole corpus (2026-12-08, precision17; the corpus scan of 557476f2, 322 repositories,
    debatable counted as wrong): 32 findings, 8 real, 21 debatable, 3 false (0.25); with precision17 (a chance
    baseline is no draw, an unseeded split the file makes again with a `random_state` is a lesson's contrast)
    30, 8 / 21 / 1 (0.27). Left: 21 course, book and blog notebooks (codebasics, susanli2016, jakevdp, jeffheaton, a Kaggle
    tutorial, a library's usage example) whose unseeded forest, split or sampler moves a printed score by less
    than the verdicts think can change the notebook's conclusion (a margin of several points, 1,000 trees,
    150,000 test rows, the Monte Carlo error of a posterior); the real findings are the same code in the same
    kind of notebook (a forest left unseeded beside seeded models, its score printed and compared: amueller's
    book, codebasics' bagging exercise, catboost's tutorial), and whether a rerun can flip the comparison is a
    matter of the margin, which the code does not state; and toy data fit only for a plot (`make_circles`, 1
    false). It stays a finding: 5 case labels only it finds, and 7 of its 8 real corpus findings are in
    notebooks, so asking about every notebook finding would drop them.

    ## Why is this bad?
    The hold-out set, the folds or the fitted model change on every run, so the reported score
    cannot be reproduced, and a difference between two models may be the split rather than the
    model. It is easy to miss when the seed reaches some calls and not others.

    ## Example
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y)

    Use instead:
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y,
                                                  random_state=cfg.seed)
    """

    code = "SEED004"
    category = "SEED-UNSEEDED"
    severity = Severity.WARNING
    message = "`{name}` gets no `random_state`, so it draws from numpy's global generator, and {who}"
    question = "Which seed fixed the randomness of `{name}` at {where}, and is it recorded with the results?"
    examples = [
        invalid("""
            import json
            import arviz as az
            import pymc as pm

            with pm.Model():
                theta = pm.Beta("theta", 1, 1, shape=3)
                pm.Bernoulli("obs", p=theta[idx], observed=success)
                idata = pm.sample(draws=2000, tune=1000, chains=4)  # expect: SEED004
            json.dump(az.summary(idata).to_dict(), open("results/posterior.json", "w"))
        """, note="probe 21: PyMC's sampler without `random_seed`: the reported posterior summary moves from run to run"),
        valid("""
            import json
            import arviz as az
            import pymc as pm

            with pm.Model():
                theta = pm.Beta("theta", 1, 1, shape=3)
                pm.Bernoulli("obs", p=theta[idx], observed=success)
                idata = pm.sample(draws=2000, tune=1000, chains=4, random_seed=20250301)
            json.dump(az.summary(idata).to_dict(), open("results/posterior.json", "w"))
        """, note="near miss: the sampler gets its seed"),
        valid("""
            import numpy as np
            from sklearn.model_selection import train_test_split
            from sklearn.neighbors import KNeighborsClassifier

            knn = KNeighborsClassifier(n_neighbors=5)
            for share in [0.8, 0.6, 0.4, 0.2]:
                scores = []
                for i in range(1, 1000):
                    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=1 - share)
                    knn.fit(X_train, y_train)
                    scores.append(knn.score(X_test, y_test))
                print(share, np.mean(scores))
        """, note="held-out 20: the mean accuracy over 999 fresh random splits per training share: random on purpose, "
                  "and stable (a checklist question)"),
        invalid("""
            import numpy as np
            from sklearn.model_selection import train_test_split
            from sklearn.neighbors import KNeighborsClassifier

            knn = KNeighborsClassifier(n_neighbors=5)
            scores = []
            for i in range(3):
                X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)  # expect: SEED004
                knn.fit(X_train, y_train)
                scores.append(knn.score(X_test, y_test))
            print(np.mean(scores))
        """, note="near miss: three unseeded splits averaged: the mean still moves from run to run"),
        valid("""
            import pandas as pd
            from sklearn.ensemble import GradientBoostingRegressor
            from sklearn.model_selection import train_test_split
            data = pd.read_csv("data/housing.csv")
            X_tr, X_te, y_tr, y_te = train_test_split(data.drop(columns="price"), data["price"], random_state=42)
            model = GradientBoostingRegressor(n_estimators=400, learning_rate=0.05)
            model.fit(X_tr, y_tr)
            print("test R^2", model.score(X_te, y_te))
        """, path="train.py", note="near miss (held-out set 20): every tree weighs every feature on every row (subsample=1.0, no max_features): the seed only breaks exact ties"),
        invalid("""
            import pandas as pd
            from sklearn.ensemble import GradientBoostingRegressor
            from sklearn.model_selection import train_test_split
            data = pd.read_csv("data/housing.csv")
            X_tr, X_te, y_tr, y_te = train_test_split(data.drop(columns="price"), data["price"], random_state=42)
            model = GradientBoostingRegressor(n_estimators=400, subsample=0.8)  # expect: SEED004
            model.fit(X_tr, y_tr)
            print("test R^2", model.score(X_te, y_te))
        """, path="train.py", note="the twin: stochastic gradient boosting draws the rows of each tree"),
        valid({
            "encoder/visualizations.py": '''
                import matplotlib.pyplot as plt
                import umap

                def draw_projections(embeds, step, out_fpath):
                    projected = umap.UMAP().fit_transform(embeds)
                    plt.scatter(projected[:, 0], projected[:, 1])
                    plt.savefig(out_fpath)
            ''',
            "encoder_train.py": '''
                import torch
                from sklearn.metrics import accuracy_score
                from encoder.visualizations import draw_projections

                def evaluate(model, x_val, y_val):
                    print("val accuracy", accuracy_score(y_val, model(x_val).argmax(1)))

                def train(model, loader, optimizer):
                    for step, (x, y) in enumerate(loader):
                        loss = torch.nn.functional.cross_entropy(model(x), y)
                        loss.backward()
                        optimizer.step()
                        print("accuracy", (model(x).argmax(1) == y).float().mean().item())
                        draw_projections(model.embed(x).detach().numpy(), step, f"umap_{step}.png")

                if __name__ == "__main__":
                    model = torch.load("model.pt")
                    train(model, torch.load("loader.pt"), torch.load("opt.pt"))
                    evaluate(model, *torch.load("val.pt"))
            ''',
        }, note="held-out set 15 (voice cloning): a projection drawn only for a plot, in a module named for "
                "visualisations, is a checklist question"),
        invalid({
            "encoder/features.py": '''
                import umap

                def project(embeds):
                    return umap.UMAP().fit_transform(embeds)  # expect: SEED004
            ''',
            "encoder_train.py": '''
                import torch
                from sklearn.linear_model import LogisticRegression
                from encoder.features import project

                def train(embeds, labels, test_embeds, test_labels):
                    clf = LogisticRegression(max_iter=500).fit(project(embeds), labels)
                    print("accuracy", clf.score(project(test_embeds), test_labels))

                if __name__ == "__main__":
                    train(*torch.load("embeds.pt"))
            ''',
        }, note="the twin: the projection is the features a reported accuracy is computed on"),
        valid("""
            import numpy as np
            import pandas as pd
            from sklearn.ensemble import GradientBoostingRegressor
            from sklearn.model_selection import train_test_split

            tpot_data = pd.read_csv('PATH/TO/DATA/FILE', sep='COLUMN_SEPARATOR', dtype=np.float64)
            features = tpot_data.drop('target', axis=1).values
            X_tr, X_te, y_tr, y_te = train_test_split(features, tpot_data['target'].values, random_state=42)
            model = GradientBoostingRegressor(max_features=0.75, subsample=0.6)
            model.fit(X_tr, y_tr)
            results = model.predict(X_te)
        """, path="tpot_exported_pipeline.py", note="near miss: a template that reads a placeholder path cannot "
                                                    "run as it is and reports no number: a checklist question"),
        invalid("""
            import numpy as np
            import pandas as pd
            from sklearn.ensemble import GradientBoostingRegressor
            from sklearn.model_selection import train_test_split

            data = pd.read_csv('data/housing.csv', dtype=np.float64)
            X_tr, X_te, y_tr, y_te = train_test_split(data.drop(columns='target').values, data['target'].values,
                                                      random_state=42)
            model = GradientBoostingRegressor(max_features=0.75, subsample=0.6)  # expect: SEED004
            model.fit(X_tr, y_tr)
            print(model.score(X_te, y_te))
        """, path="pipeline.py", note="the same pipeline on a real path, reporting its score"),
        invalid("""
            from sklearn.ensemble import RandomForestClassifier
            from sklearn.model_selection import train_test_split as split

            X_tr, X_te, y_tr, y_te = split(X, y, test_size=0.2, stratify=y)  # expect: SEED004
            model = RandomForestClassifier(n_estimators=300)
            model.fit(X_tr, y_tr)
            print(model.score(X_te, y_te))
        """, note="one finding per file, at the first draw: one seed settles both"),
        invalid("""
            from sklearn import model_selection
            cv = model_selection.KFold(n_splits=5, shuffle=True)  # expect: SEED004
            print(model_selection.cross_val_score(model, X, y, cv=cv).mean())
        """),
        valid("""
            from sklearn import model_selection
            cv = model_selection.KFold(n_splits=5, shuffle=True)
            for fold, (tr, te) in enumerate(cv.split(X)):
                print(fold, len(tr), len(te))
        """, note="weak twin: folds drawn and only their sizes printed; nothing is fit or scored (a question)"),
        invalid("""
            from sklearn.ensemble import GradientBoostingClassifier
            clf = GradientBoostingClassifier(subsample=0.8, random_state=None)  # expect: SEED004
            print(clf.fit(X_tr, y_tr).score(X_te, y_te))
        """, note="random_state=None is no seed"),
        invalid("""
            from sklearn.tree import DecisionTreeClassifier
            tree = DecisionTreeClassifier(max_depth=4, max_features="sqrt")  # expect: SEED004
            tree.fit(X_train, y_train)
            print(tree.score(X_test, y_test))
        """, note="a tree that samples features at each split"),
        valid("""
            from sklearn.model_selection import KFold, train_test_split
            from sklearn.linear_model import LogisticRegression
            cv = KFold(n_splits=5)
            clf = LogisticRegression(max_iter=1000)
            parts = train_test_split(X, y, shuffle=False)
        """, note="deterministic without a random_state"),
        valid("""
            from sklearn.linear_model import LogisticRegression
            from sklearn.svm import LinearSVC
            from sklearn.tree import DecisionTreeRegressor
            lr = LogisticRegression(penalty="l1", C=1.0, solver="liblinear")
            svm = LinearSVC(C=0.5)
            tree = DecisionTreeRegressor(max_depth=3)
            for model in (lr, svm, tree):
                model.fit(X_train, y_train)
                print(model.score(X_test, y_test))
        """, note="near miss: convex solvers reach the same optimum whatever the seed, and a tree over "
                  "every feature draws only to break exact ties"),
        valid("""
            from sklearn.ensemble import RandomForestClassifier
            from sklearn.model_selection import train_test_split
            parts = train_test_split(X, y, random_state=cfg["seed"])
            model = RandomForestClassifier(random_state=args.seed, **params)
        """, note="seeded through a config and an argument"),
        valid("""
            import numpy as np
            from sklearn.cluster import KMeans
            np.random.seed(0)
            labels = KMeans(n_clusters=3).fit_predict(X)
        """, note="numpy's global generator is seeded"),
        valid("""
            from sklearn.ensemble import RandomForestClassifier
            model = RandomForestClassifier(**best_params)
        """, note="arguments we cannot see"),
        valid("""
            from sklearn import datasets
            from sklearn.linear_model import LogisticRegression
            iris = datasets.load_iris()
            digits = datasets.fetch_openml("mnist_784", version=1)
            LogisticRegression(penalty="l1", solver="liblinear")
        """, note="loaders of fixed data draw nothing; an estimator made only to display it is never fit"),
        valid("""
            from sklearn.svm import SVC
            from sklearn.model_selection import GridSearchCV
            grid = GridSearchCV(SVC(probability=True), {"C": [1, 10]}, cv=5).fit(X_train, y_train)
            print(grid.best_params_, grid.score(X_test, y_test))
        """, note="near miss (held-out 21): the SVM's seed only feeds Platt scaling, and no probability is read"),
        invalid("""
            from sklearn.svm import SVC
            from sklearn.metrics import roc_auc_score
            svm = SVC(probability=True).fit(X_train, y_train)  # expect: SEED004
            print(roc_auc_score(y_test, svm.predict_proba(X_test)[:, 1]))
        """, note="the twin: the AUC is computed from the Platt-scaled probabilities"),
        invalid("""
            from sklearn import datasets
            X, y = datasets.make_moons(n_samples=200, noise=0.2)  # expect: SEED004
            print(cross_val_score(SVC(), X, y).mean())
        """, note="a generated data set"),
        valid({"trees.ipynb": _notebook([
            "import numpy as np\nfrom sklearn.ensemble import RandomForestClassifier\nfrom sklearn.metrics import roc_auc_score",
            "rf = RandomForestClassifier(n_estimators=10)\nrf.fit(X_train, y_train)\n"
            "roc_auc_score(y_val, rf.predict_proba(X_val)[:, 1])",
            "aucs = []\nfor i in range(100):\n    rf = RandomForestClassifier(n_estimators=10)\n"
            "    rf.fit(X_train, y_train)\n    aucs.append(roc_auc_score(y_val, rf.predict_proba(X_val)[:, 1]))\n"
            "print(np.mean(aucs), np.std(aucs))",
            "rf = RandomForestClassifier(n_estimators=10, random_state=3)\nrf.fit(X_train, y_train)",
        ])}, note="the notebook refits the unseeded forest 100 times and prints the spread: it shows the "
                  "run-to-run variation on purpose (a checklist question)"),
        invalid({"trees.ipynb": _notebook([
            "import numpy as np\nfrom sklearn.ensemble import RandomForestClassifier\nfrom sklearn.metrics import roc_auc_score",
            "rf = RandomForestClassifier(n_estimators=10)\nrf.fit(X_train, y_train)\n"
            "roc_auc_score(y_val, rf.predict_proba(X_val)[:, 1])",
            "aucs = []\nfor n in range(10, 200, 10):\n    rf = RandomForestClassifier(n_estimators=n)\n"
            "    rf.fit(X_train, y_train)\n    aucs.append(roc_auc_score(y_val, rf.predict_proba(X_val)[:, 1]))\n"
            "print(np.mean(aucs), np.std(aucs))",
        ], prose="The forest reaches a validation AUC of 0.91 at 150 trees.")}, expect=[("trees.ipynb", 4, "SEED004")],
            note="near miss: the loop varies the forest's size, not the draw; the unseeded forests are compared"),
        invalid({"trees.ipynb": _notebook([
            "import numpy as np\nfrom sklearn.ensemble import RandomForestClassifier\nfrom sklearn.metrics import roc_auc_score",
            "aucs = []\nfor i in range(5):\n    rf = RandomForestClassifier(n_estimators=10)\n"
            "    rf.fit(X_train, y_train)\n    aucs.append(roc_auc_score(y_val, rf.predict_proba(X_val)[:, 1]))\n"
            "print(np.mean(aucs), np.std(aucs))",
        ], prose="Five forests give an AUC of 0.91 +- 0.01.")}, expect=[("trees.ipynb", 6, "SEED004")],
            note="near miss: mean and spread of unseeded repetitions in a file that seeds nothing, quoted in its prose: not a choice"),
        valid({"trees.ipynb": _notebook([
            "import numpy as np\nfrom sklearn.ensemble import RandomForestClassifier\nfrom sklearn.metrics import roc_auc_score",
            "aucs = []\nfor i in range(5):\n    rf = RandomForestClassifier(n_estimators=10)\n"
            "    rf.fit(X_train, y_train)\n    aucs.append(roc_auc_score(y_val, rf.predict_proba(X_val)[:, 1]))\n"
            "print(np.mean(aucs), np.std(aucs))",
        ], prose="# Random forests\nHow much does a forest's AUC move between fits?")},
            note="held-out sets 20 and 21: the same notebook seeding nothing and quoting no number is a "
                  "demonstration (hygiene.analysis.notebook_claims): a checklist question"),
        valid({"clustering.ipynb": _notebook([
            "import pandas as pd\nfrom sklearn.feature_extraction.text import TfidfVectorizer\n"
            "from sklearn.metrics.pairwise import cosine_similarity",
            "tv = TfidfVectorizer().fit_transform(docs)\nsimilarity = pd.DataFrame(cosine_similarity(tv))",
            "from sklearn.cluster import KMeans\nkm = KMeans(n_clusters=2)\nkm.fit(similarity)\n"
            "pd.concat([docs, pd.Series(km.labels_, name='cluster')], axis=1)",
        ])}, note="near miss: a notebook that clusters on a similarity matrix and shows the labels measures "
                  "nothing (pairwise similarities are features, not a score): a checklist question"),
        invalid({"clustering.ipynb": _notebook([
            "import pandas as pd\nfrom sklearn.feature_extraction.text import TfidfVectorizer\n"
            "from sklearn.metrics import adjusted_rand_score",
            "tv = TfidfVectorizer().fit_transform(docs)",
            "from sklearn.cluster import KMeans\nkm = KMeans(n_clusters=2)\nkm.fit(tv)\n"
            "print(adjusted_rand_score(topics, km.labels_))",
        ], prose="The two clusters recover the topics with an adjusted Rand index of 0.62.")}, expect=[("clustering.ipynb", 6, "SEED004")],
            note="the same clustering scored against known topics: the printed score changes with the seed"),
        valid({"survey.ipynb": _notebook([
            "import numpy as np\nimport matplotlib.pyplot as plt\nfrom scipy import stats\nfrom sklearn import manifold\n"
            "from sklearn.metrics import euclidean_distances",
            "print(stats.ttest_ind(df['trump'], df['biden']))",
            "d = euclidean_distances(np.transpose(df.values))\nmds = manifold.MDS(n_components=2, dissimilarity='precomputed')\n"
            "fit = mds.fit(d)\npos = fit.embedding_\nplt.scatter(pos[:, 0], pos[:, 1])\n"
            "for i, name in enumerate(df.columns):\n    plt.annotate(name, (pos[i, 0], pos[i, 1]))",
        ], prose="The feeling thermometers differ by 12.5 points on average.")},
            note="held-out set 20: an embedding drawn only for a figure (its results reach plotting calls "
                 "alone, hygiene.analysis.toy_draws) moves no reported number, whatever the prose quotes"),
        invalid({"survey.ipynb": _notebook([
            "import numpy as np\nfrom sklearn.manifold import TSNE\nfrom sklearn.neighbors import KNeighborsClassifier",
            "emb = TSNE(n_components=2).fit_transform(X)\nknn = KNeighborsClassifier().fit(emb[:800], y[:800])\n"
            "print('accuracy', knn.score(emb[800:], y[800:]))",
        ], prose="A nearest-neighbour classifier on the embedding reaches 0.91 accuracy.")},
            expect=[("survey.ipynb", 4, "SEED004")],
            note="the twin: the embedding is the features a reported accuracy is computed on"),
        invalid("""
            import matplotlib.pyplot as plt
            import pandas as pd
            from sklearn.manifold import TSNE
            from sklearn.neighbors import KNeighborsClassifier

            def embed(X):
                emb = TSNE(n_components=2).fit_transform(X)  # expect: SEED004
                plt.scatter(emb[:, 0], emb[:, 1])
                return emb

            frame = pd.read_csv("features.csv")
            points = embed(frame.drop(columns="y").values)
            print("accuracy", KNeighborsClassifier().fit(points[:800], frame.y[:800]).score(points[800:], frame.y[800:]))
        """, path="embed_eval.py", note="near miss: the plotted embedding is also returned, and its caller scores a classifier on it"),
        valid({"evaluation.ipynb": _notebook([
            "from sklearn.dummy import DummyClassifier\nfrom sklearn.metrics import confusion_matrix\n"
            "from sklearn.model_selection import train_test_split\nfrom sklearn.svm import SVC",
            "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
            "chance = DummyClassifier(strategy='stratified').fit(X_train, y_train)\n"
            "print('chance level', confusion_matrix(y_test, chance.predict(X_test)))",
            "svm = SVC(kernel='linear', C=1).fit(X_train, y_train)\nprint(confusion_matrix(y_test, svm.predict(X_test)))",
        ], prose="The SVM finds 91% of the positives; a class-proportional guess finds about 10%.")},
            note="corpus (a course's evaluation chapter): a chance baseline (`DummyClassifier(strategy='stratified')` "
                 "or 'uniform') guesses at random by design; its score is read as chance level, which any run shows"),
        invalid({"evaluation.ipynb": _notebook([
            "from sklearn.dummy import DummyClassifier\nfrom sklearn.metrics import confusion_matrix\n"
            "from sklearn.model_selection import train_test_split\nfrom sklearn.svm import SVC",
            "X_train, X_test, y_train, y_test = train_test_split(X, y)",
            "chance = DummyClassifier(strategy='stratified').fit(X_train, y_train)\n"
            "print('chance level', confusion_matrix(y_test, chance.predict(X_test)))",
            "svm = SVC(kernel='linear', C=1).fit(X_train, y_train)\nprint(confusion_matrix(y_test, svm.predict(X_test)))",
        ], prose="The SVM finds 91% of the positives; a class-proportional guess finds about 10%.")},
            expect=[("evaluation.ipynb", 5, "SEED004")],
            note="near miss: the split the SVM's figure is measured on is unseeded"),
        valid({"train_test_split.ipynb": _notebook([
            "import pandas as pd\nfrom sklearn.linear_model import LinearRegression\nfrom sklearn.model_selection import train_test_split",
            "df = pd.read_csv('carprices.csv')\nX, y = df[['Mileage', 'Age(yrs)']], df['Sell Price($)']",
            "X_train, X_test, y_train, y_test = train_test_split(X,y,test_size=0.3)",
            "clf = LinearRegression().fit(X_train, y_train)\nclf.score(X_test, y_test)",
            "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=10)\nX_test",
        ], prose="# Training and testing data\nWe split the cars into a training and a test set.")},
            note="corpus (a course's lesson on splitting): the unseeded split is shown, then the same call with "
                 "`random_state` under a heading on that argument: the contrast is the lesson (a checklist question)"),
        invalid({"train_test_split.ipynb": _notebook([
            "import pandas as pd\nfrom sklearn.linear_model import LinearRegression\nfrom sklearn.model_selection import train_test_split",
            "df = pd.read_csv('carprices.csv')\nX, y = df[['Mileage', 'Age(yrs)']], df['Sell Price($)']",
            "X_train, X_test, y_train, y_test = train_test_split(X,y,test_size=0.3)",
            "clf = LinearRegression().fit(X_train, y_train)\nclf.score(X_test, y_test)",
            "X_tr2, X_te2, y_tr2, y_te2 = train_test_split(X_new, y_new, test_size=0.3, random_state=10)",
        ], prose="# Training and testing data\nWe split the cars into a training and a test set.")},
            expect=[("train_test_split.ipynb", 6, "SEED004")],
            note="near miss: the seeded call splits another table; the scored split stays unseeded"),
        invalid({"feature_engineering.ipynb": _notebook([
            "from sklearn.ensemble import RandomForestRegressor\nfrom sklearn.model_selection import train_test_split",
            "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
            "rf = RandomForestRegressor(n_estimators=100).fit(X_train_scaled, y_train)\n"
            "print('Score without interactions: {:.3f}'.format(rf.score(X_test_scaled, y_test)))\n"
            "rf = RandomForestRegressor(n_estimators=100).fit(X_train_poly, y_train)\n"
            "print('Score with interactions: {:.3f}'.format(rf.score(X_test_poly, y_test)))",
            "regressor = RandomForestRegressor(n_estimators=100, random_state=0)\nregressor.fit(X_sales, y_sales)",
        ], prose="# Interactions\nThe forest compares features with and without interactions.")},
            expect=[("feature_engineering.ipynb", 4, "SEED004")],
            note="corpus (a book's feature-engineering chapter, real): the same estimator settings seeded in a later "
                 "section are another model; the compared forests stay unseeded"),
    ]

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        for site, place in unseeded_draws(repo, {"sklearn"}):
            related = [Location(site.unseeded_by[0], None, "the program that runs it")] \
                if site.unseeded_by[0] != site.path else []
            name = site.code.split("(", 1)[0] if site.code else site.label
            fresh = None if site.gen != "fresh" else (
                "`{name}` gets no `random_seed`, so it takes fresh entropy on every run (no global seed reaches "
                "it), and {who}")
            repo.report(cls, site.path, place.line, name=name, who=who_runs(site), related=related, message=fresh,
                        **report_place(place, site))
