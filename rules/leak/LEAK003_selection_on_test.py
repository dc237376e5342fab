"""LEAK003: the test part chooses: early stopping, checkpoints, thresholds, hyperparameters or prompts."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.configfiles import yaml_value
from hygiene.analysis.dataflow import knowledge as kb
from hygiene.analysis.dataflow.program import Program, Ref, Stack, program
from hygiene.analysis.dataflow.queries import PREDICTING, carried_role, evaluations, returns, role, role_via
from hygiene.finding import Location, Severity
from hygiene.analysis.apis.plotting import PLOTTING_METHODS
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.analysis.strings import string_value
from hygiene.walk import iter_nodes

KEEPS = ("save", "break", "return")
# Methods of a trainer that evaluate once (`trainer.evaluate(eval_dataset=test)`), choosing nothing.
_EVALUATING = frozenset({"evaluate", "predict", "evaluation_loop", "prediction_loop", "test", "validate"})


# Held-out set 24's shape (LEAK003's examples): a scoring helper's own name for the labels of the loader it is
# handed, and a training loop that keeps the checkpoint by the helper's score on one loader.
_SCORES_HELPER = """\
import torch

def classification_scores(model, dloader):
    model.eval()
    y_test, y_pred = torch.empty(0), torch.empty(0)
    with torch.no_grad():
        for x, y in dloader:
            y_test = torch.cat([y_test, y.float()])
            y_pred = torch.cat([y_pred, model(x).argmax(1).float()])
    return ((y_pred == y_test).sum() / len(y_test)).item()
"""
_TRAIN_LOOP = """\
import torch
from torch.utils.data import DataLoader
from utils import classification_scores
from data import train_set, valid_set, test_set

trainloader = DataLoader(train_set, batch_size=64, shuffle=True)
validloader = DataLoader(valid_set, batch_size=256)
testloader = DataLoader(test_set, batch_size=256)
model = torch.nn.Linear(20, 2)
opt = torch.optim.Adam(model.parameters())
best, best_test = 0.0, 0.0
for epoch in range(50):
    for x, y in trainloader:
        opt.zero_grad()
        torch.nn.functional.cross_entropy(model(x), y).backward()
        opt.step()
    acc = classification_scores(model, {chooser}){mark}
    test_acc = classification_scores(model, testloader)
    if acc > best:
        best, best_test = acc, test_acc
        torch.save(model.state_dict(), "best.pth")
print("test accuracy at the best epoch", best_test)
"""

class SelectionOnTest(Rule):
    """
    ## What it does
    Finds choices made by looking at the test part: a checkpoint kept or training stopped when the
    test score improves, a decision threshold that maximises a metric on the test labels, the
    hyperparameter, model or prompt with the best test score (`max`/`argmax` over scores, or a
    running best: `if auc > best: best, best_depth = auc, depth`, also when `is_best` is handed to
    a `save_checkpoint` helper), and training with early stopping, checkpoints or a learning-rate
    schedule on the test set (a Lightning data module whose `val_dataloader` serves the test set while a
    callback or scheduler monitors a validation metric; `validation_data=(X_test, y_test)` with `EarlyStopping`,
    `ModelCheckpoint` or `ReduceLROnPlateau` callbacks, `eval_set` / `lgb.train(valid_sets=...)` /
    `xgb.train(evals=...)` with early stopping, `scheduler.step(test_loss)`, a `Trainer` keeping
    its best model on the test split with `load_best_model_at_end` or early stopping;
    `metric_for_best_model` alone keeps the last model and chooses nothing, and
    `trainer.evaluate(eval_dataset=test)` after training only reports). A score may be a library metric or
    an error written out (`((model(x) - y) ** 2).mean()`). The largest cell of one
    evaluation's output (`cm.max() / 2`, the colour threshold of a confusion-matrix plot) and a
    maximum that is only drawn (an axis limit, also `ax.set_xlim(...)` of axes from `plt.subplots`) are not choices, nor is the argmax of each test row's
    error used only to index the test rows (`y_test[np.argmax(residuals)]`, the worst prediction to explain). Copies of one script give one
    finding. Test data is recognised by value, across functions and
    files: a split part, a data set built with `split="test"`, `flag="test"` (the time-series data
    providers) or `train=False`, a loader unpacked into `self.test_loader`, or a helper whose `split`
    parameter defaults to `"test"` when the caller leaves it out. Folds of a cross-validation
    splitter (also one passed in as a parameter, as in nested CV) are validation, not test. A
    parameter called test (`test_controls`, an attack's candidate prefixes to try) is not test data
    when what its callers pass reaches no split, held-out file or role-named data: picking the
    lowest-loss candidate is then the method's own step.
    A Ray Tune search (`tune.Tuner(trainable, ...)`, `tune.run`) maximises what the trainable passes to
    `train.report({...})`; an objective may be imported from another module, and a test evaluation
    inside a helper is reported at the objective's call that hands it the test part.

    A W&B sweep (a sweep YAML at the root or one folder down with `method:` and `metric: name:`, or the
    dict handed to `wandb.sweep`) keeps the run whose logged metric is best: a `wandb.log({"test_auc": ...})`
    of a test evaluation under the sweep's metric name chooses the hyperparameters on the test set.

    Precision (corpus9; branch precision18): 22 findings, 8 real / 8 debatable / 6 false (0.36); with this
    branch 20, 8 / 8 / 4 (0.40): rows called test inside a prediction method (built from its own parameter,
    the choice made inside the prediction) and a `sorted()` whose every element is iterated are no longer
    reported. Left: Keras `EarlyStopping` / `ModelCheckpoint` on `validation_data=(X_test, y_test)` in
    course and tutorial notebooks (5 debatable; the same call in a script or a notebook is the labelled bug
    of 21 probes and cases, so no question for it), a choice on test whose reported number is another or in
    vendored code nothing runs (3 debatable), and the held-out fold of an internal cross-validation or
    bootstrap, a minimum over reference poses, a maintenance notebook (4 false; each needs what the fold's
    score is used for, which the rule does not follow). It stays a finding; the lead decides.

    ## Why is this bad?
    A score that was maximised over many evaluations on the test set is the best of many noisy
    draws, not an estimate of performance on new data: the test set has become a validation set.
    Across thousands of tabular data sets this selection effect inflates reported scores far more
    than fitting a scaler on all rows does, and it survives into published tables unnoticed.

    ## Example
        for epoch in range(epochs):
            train_one_epoch(model, train_loader)
            acc = evaluate(model, test_loader)
            if acc > best:
                best = acc
                torch.save(model.state_dict(), "best.pt")

    Use instead:
        for epoch in range(epochs):
            train_one_epoch(model, train_loader)
            acc = evaluate(model, val_loader)      # a validation split carved from train
            if acc > best:
                best = acc
                torch.save(model.state_dict(), "best.pt")
        test_acc = evaluate(load_best(model), test_loader)  # once, at the end
    """

    code = "LEAK003"
    category = "LEAK-SELECT"
    severity = Severity.ERROR
    dataflow_starts = frozenset({"call", "fit", "guard", "select", "stat"})
    triggers = ("val_dataloader", "monitor", "search_runs", "wandb.sweep")
    message = "{what} is chosen at {where} by scores on `{test}`, the test part ({part}), which then reports the result"
    question = "Which data chose {what} at {where}: a validation split, or `{test}` ({part}), the test part the result is reported on?"
    examples = [
        invalid("""
            import pandas as pd
            from autogluon.tabular import TabularPredictor
            from sklearn.model_selection import train_test_split

            df = pd.read_csv("data/churn.csv")
            train, test = train_test_split(df, test_size=0.2, random_state=1)
            predictor = TabularPredictor(label="churned", eval_metric="f1").fit(train_data=train, tuning_data=test)  # expect: LEAK003
            print(predictor.evaluate(test))
        """, note="held-out probe 23: AutoGluon's fit takes its training data by keyword (`train_data=`), and "
                  "`tuning_data=` picks its models and ensemble"),
        valid("""
            import pandas as pd
            from autogluon.tabular import TabularPredictor
            from sklearn.model_selection import train_test_split

            df = pd.read_csv("data/churn.csv")
            train, test = train_test_split(df, test_size=0.2, random_state=1)
            train, val = train_test_split(train, test_size=0.2, random_state=1)
            predictor = TabularPredictor(label="churned", eval_metric="f1").fit(train_data=train, tuning_data=val)
            print(predictor.evaluate(test))
        """, note="near miss: the tuning data is a validation split carved from train"),
        invalid("""
            from sklearn.model_selection import KFold

            def cross_validation(model, X, y, seed):
                scores = []
                for train_index, test_index in KFold(n_splits=5, shuffle=True, random_state=seed).split(X, y):
                    X_train, X_test = X[train_index], X[test_index]
                    y_train, y_test = y[train_index], y[test_index]
                    fold_model = model.clone()
                    fold_model.fit(X_train, y_train, X_test, y_test)  # expect: LEAK003
                    scores.append(score(y_test, fold_model.predict(X_test)))
                return scores
        """, note="held-out set 25 (a tabular benchmark): a repo model's fit(X, y, X_val, y_val) given the test fold"),
        valid("""
            from sklearn.model_selection import KFold, train_test_split

            def cross_validation(model, X, y, seed):
                scores = []
                for train_index, test_index in KFold(n_splits=5, shuffle=True, random_state=seed).split(X, y):
                    X_fit, X_val, y_fit, y_val = train_test_split(X[train_index], y[train_index], test_size=0.1, random_state=seed)
                    fold_model = model.clone()
                    fold_model.fit(X_fit, y_fit, X_val, y_val)
                    scores.append(score(y[test_index], fold_model.predict(X[test_index])))
                return scores
        """, note="the fit's validation data is cut from the training fold"),
        invalid("""
            import torch
            from torch.utils.data import DataLoader
            from data_loader import Dataset_ETT_hour


            def prepare_dataloader(args):
                train_set = Dataset_ETT_hour(args.root, flag="train")
                eval_set = Dataset_ETT_hour(args.root, flag="test")
                return DataLoader(train_set, shuffle=True), DataLoader(eval_set)


            def eval_epoch(model, loader):
                errors = []
                with torch.no_grad():
                    for x, y in loader:
                        errors.append(((model(x) - y) ** 2).mean().item())
                return sum(errors) / len(errors)


            def train(model, optimizer, opt):
                best_mse, best_metrics = 1e9, None
                train_loader, eval_loader = prepare_dataloader(opt)
                for epoch in range(opt.epochs):
                    fit_epoch(model, optimizer, train_loader)
                    mse = eval_epoch(model, eval_loader)  # expect: LEAK003
                    if best_mse > mse:
                        best_mse, best_metrics = mse, [mse, mse ** 0.5]
                        torch.save(model.state_dict(), "best.pth")
                return best_metrics
        """, note="held-out 23: the epoch kept by a mean squared error written out by hand on the test loader"),
        valid("""
            import torch
            from torch.utils.data import DataLoader
            from data_loader import Dataset_ETT_hour


            def prepare_dataloader(args):
                train_set = Dataset_ETT_hour(args.root, flag="train")
                eval_set = Dataset_ETT_hour(args.root, flag="val")
                return DataLoader(train_set, shuffle=True), DataLoader(eval_set)


            def eval_epoch(model, loader):
                errors = []
                with torch.no_grad():
                    for x, y in loader:
                        errors.append(((model(x) - y) ** 2).mean().item())
                return sum(errors) / len(errors)


            def train(model, optimizer, opt):
                best_mse, best_metrics = 1e9, None
                train_loader, eval_loader = prepare_dataloader(opt)
                for epoch in range(opt.epochs):
                    fit_epoch(model, optimizer, train_loader)
                    mse = eval_epoch(model, eval_loader)
                    if best_mse > mse:
                        best_mse, best_metrics = mse, [mse, mse ** 0.5]
                        torch.save(model.state_dict(), "best.pth")
                return best_metrics
        """, note="near miss: the same choice on the validation part"),
        invalid({
            "cls/data.py": """\
                import torchvision
                from torch.utils.data import DataLoader

                def loaders(tf):
                    tr = DataLoader(torchvision.datasets.ImageFolder("data/train", tf), batch_size=64, shuffle=True)
                    ev = DataLoader(torchvision.datasets.ImageFolder("data/test", tf), batch_size=64)
                    return tr, ev
                """,
            "cls/train.py": """\
                import torch
                from cls.data import loaders

                train_loader, val_loader = loaders(tf)
                best = 0.0
                for epoch in range(30):
                    train_one_epoch(model, train_loader)
                    acc = accuracy(model, val_loader)  # expect: LEAK003
                    if acc > best:
                        best = acc
                        torch.save(model.state_dict(), "ckpt/best.pt")
                print(f"test accuracy (best checkpoint): {best:.4f}")
                """,
        }, note="probe 15: the loader named `val_loader` reads the folder data/test: the rows say test, not the name"),
        valid({
            "cls/data.py": """\
                import torchvision
                from torch.utils.data import DataLoader

                def loaders(tf):
                    tr = DataLoader(torchvision.datasets.ImageFolder("data/train", tf), batch_size=64, shuffle=True)
                    ev = DataLoader(torchvision.datasets.ImageFolder("data/val", tf), batch_size=64)
                    return tr, ev
                """,
            "cls/train.py": """\
                import torch
                from cls.data import loaders

                train_loader, val_loader = loaders(tf)
                best = 0.0
                for epoch in range(30):
                    train_one_epoch(model, train_loader)
                    acc = accuracy(model, val_loader)
                    if acc > best:
                        best = acc
                        torch.save(model.state_dict(), "ckpt/best.pt")
                print(f"best validation accuracy: {best:.4f}")
                """,
        }, note="near miss: the validation folder"),
        invalid({
            "sweep.yaml": "program: train.py\nmethod: bayes\nmetric:\n  name: test_auc\n  goal: maximize\nparameters:\n  max_depth:\n    values: [3, 6]\n",
            "train.py": """
                import pandas as pd
                import wandb
                import xgboost as xgb
                from sklearn.metrics import roc_auc_score
                from sklearn.model_selection import train_test_split

                run = wandb.init(project="churn")
                df = pd.read_parquet("data/churn.parquet")
                X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns="y"), df["y"], test_size=0.2, random_state=0)
                clf = xgb.XGBClassifier(max_depth=run.config.max_depth).fit(X_tr, y_tr)
                test_auc = roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1])
                wandb.log({"test_auc": test_auc})  # expect: LEAK003
            """,
        }, note="probe 14: a W&B sweep maximises the metric its YAML names, logged from the test split"),
        valid({
            "sweep.yaml": "program: train.py\nmethod: bayes\nmetric:\n  name: val_auc\n  goal: maximize\nparameters:\n  max_depth:\n    values: [3, 6]\n",
            "train.py": """
                import pandas as pd
                import wandb
                import xgboost as xgb
                from sklearn.metrics import roc_auc_score
                from sklearn.model_selection import train_test_split

                run = wandb.init(project="churn")
                df = pd.read_parquet("data/churn.parquet")
                X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns="y"), df["y"], test_size=0.2, random_state=0)
                X_fit, X_val, y_fit, y_val = train_test_split(X_tr, y_tr, test_size=0.2, random_state=0)
                clf = xgb.XGBClassifier(max_depth=run.config.max_depth).fit(X_fit, y_fit)
                wandb.log({"val_auc": roc_auc_score(y_val, clf.predict_proba(X_val)[:, 1]),
                           "test_auc": roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1])})
            """,
        }, note="near miss: the sweep optimises the validation AUC; the test AUC is only logged beside it"),
        invalid("""
            import wandb
            from sklearn.metrics import accuracy_score
            from sklearn.model_selection import train_test_split

            sweep_config = {"method": "random", "metric": {"name": "test_acc", "goal": "maximize"},
                            "parameters": {"C": {"values": [0.1, 1, 10]}}}

            def train():
                run = wandb.init()
                X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
                clf = make_model(run.config.C).fit(X_tr, y_tr)
                wandb.log({"test_acc": accuracy_score(y_te, clf.predict(X_te))})  # expect: LEAK003

            sweep_id = wandb.sweep(sweep_config, project="svm")
            wandb.agent(sweep_id, function=train, count=20)
        """, note="the sweep's configuration as the dict handed to `wandb.sweep`"),
        invalid("""
            import copy
            import torch
            def test_img(net, data):
                net.eval()
                correct = 0
                for x, target in torch.utils.data.DataLoader(data, batch_size=256):
                    y_pred = net(x).max(1, keepdim=True)[1]
                    correct += y_pred.eq(target.data.view_as(y_pred)).long().sum()
                return 100.0 * float(correct) / len(data)
            def main(args, net, train_step):
                dataset_train, dataset_val, dataset_test = load_splits(args)
                best_acc = None
                for rnd in range(args.rounds):
                    train_step(net, dataset_train)
                    acc = test_img(net, dataset_test)  # expect: LEAK003
                    if best_acc is None or acc > best_acc:
                        net_best, best_acc = copy.deepcopy(net), acc
                print("best accuracy", best_acc, "test", test_img(net_best, dataset_test))
        """, note="a hand-written accuracy, the PyTorch way (`pred.eq(target.view_as(pred))`: the target's values in the prediction's shape); the best round chosen on the test set"),
        valid("""
            import copy
            import torch
            def test_img(net, data):
                net.eval()
                correct = 0
                for x, target in torch.utils.data.DataLoader(data, batch_size=256):
                    y_pred = net(x).max(1, keepdim=True)[1]
                    correct += y_pred.eq(target.data.view_as(y_pred)).long().sum()
                return 100.0 * float(correct) / len(data)
            def main(args, net, train_step):
                dataset_train, dataset_val, dataset_test = load_splits(args)
                best_acc = None
                for rnd in range(args.rounds):
                    train_step(net, dataset_train)
                    acc = test_img(net, dataset_val)
                    if best_acc is None or acc > best_acc:
                        net_best, best_acc = copy.deepcopy(net), acc
                print("best accuracy", best_acc, "test", test_img(net_best, dataset_test))
        """, note="near miss: the best round chosen on the validation set"),
        valid("""
            from datasets import load_dataset
            from transformers import AutoModelForSequenceClassification, Trainer, TrainingArguments
            def main(model_id):
                data = load_dataset("sst2").map(lambda x: x)
                parts = data["train"].train_test_split(seed=42, test_size=0.2)
                args = TrainingArguments(output_dir="ckpt", eval_strategy="epoch", save_strategy="epoch",
                                         metric_for_best_model="accuracy", load_best_model_at_end=True)
                trainer = Trainer(model=AutoModelForSequenceClassification.from_pretrained(model_id), args=args,
                                  train_dataset=parts["train"], eval_dataset=parts["test"])
                trainer.train()
                print(trainer.evaluate(data["test"]))
        """, note="near miss (held-out set 20): the 'test' part of a split of the training split is a validation part; the real test split is scored once"),
        invalid("""
            from datasets import load_dataset
            from transformers import AutoModelForSequenceClassification, Trainer, TrainingArguments
            def main(model_id):
                data = load_dataset("sst2").map(lambda x: x)
                parts = data["test"].train_test_split(seed=42, test_size=0.2)
                args = TrainingArguments(output_dir="ckpt", eval_strategy="epoch", save_strategy="epoch",
                                         metric_for_best_model="accuracy", load_best_model_at_end=True)
                trainer = Trainer(model=AutoModelForSequenceClassification.from_pretrained(model_id), args=args,  # expect: LEAK003
                                  train_dataset=parts["train"], eval_dataset=parts["test"])
                trainer.train()
                print(trainer.evaluate(data["test"]))
        """, note="the twin: the checkpoint is chosen on a part of the test split"),
        invalid("""
            import mlflow
            runs = mlflow.search_runs(experiment_names=["svm"], order_by=["metrics.test_accuracy DESC"], max_results=1)  # expect: LEAK003
            print("best C", runs.iloc[0]["params.C"], "test accuracy", runs.iloc[0]["metrics.test_accuracy"])
        """, note="probe 13: MLflow runs ranked by the metric each logged on its test data"),
        valid("""
            import mlflow
            runs = mlflow.search_runs(experiment_names=["svm"], order_by=["metrics.val_accuracy DESC"], max_results=1)
            print("best C", runs.iloc[0]["params.C"], "test accuracy", runs.iloc[0]["metrics.test_accuracy"])
        """, note="near miss: ranked by the validation metric, the test metric only reported"),
        valid("""
            import numpy as np
            from sklearn.ensemble import GradientBoostingClassifier
            from sklearn.model_selection import train_test_split

            x_train, y_train = np.load("x_train.npy"), np.load("y_train.npy")
            x_test, y_test = np.load("x_test.npy"), np.load("y_test.npy")
            best, best_depth = 0, None
            for depth in [2, 4, 8]:
                x_fit, x_inner_test, y_fit, y_inner_test = train_test_split(x_train, y_train, test_size=0.5, random_state=0)
                model = GradientBoostingClassifier(max_depth=depth, random_state=0).fit(x_fit, y_fit)
                score = model.score(x_inner_test, y_inner_test)
                if score > best:
                    best, best_depth = score, depth
            final = GradientBoostingClassifier(max_depth=best_depth, random_state=0).fit(x_train, y_train)
            print(final.score(x_test, y_test))
        """, note="the 'test' part of a split of the training rows is a validation part"),
        invalid("""
            import numpy as np
            from sklearn.ensemble import GradientBoostingClassifier
            from sklearn.model_selection import train_test_split

            X, y = np.load("x.npy"), np.load("y.npy")
            x_fit, x_test, y_fit, y_test = train_test_split(X, y, test_size=0.3, random_state=0)
            best, best_depth = 0, None
            for depth in [2, 4, 8]:
                model = GradientBoostingClassifier(max_depth=depth, random_state=0).fit(x_fit, y_fit)
                score = model.score(x_test, y_test)  # expect: LEAK003
                if score > best:
                    best, best_depth = score, depth
            print(best)
        """, note="near miss: the split is of every row, so its test part is the test set"),
        invalid({
            "dm.py": """\
                import pytorch_lightning as pl
                from torch.utils.data import DataLoader
                from torchvision import datasets

                class CIFARData(pl.LightningDataModule):
                    def setup(self, stage=None):
                        self.train_set = datasets.CIFAR10("data", train=True)
                        self.test_set = datasets.CIFAR10("data", train=False)
                    def train_dataloader(self):
                        return DataLoader(self.train_set, batch_size=128, shuffle=True)
                    def val_dataloader(self):
                        return DataLoader(self.test_set, batch_size=128)  # expect: LEAK003
                    def test_dataloader(self):
                        return DataLoader(self.test_set, batch_size=128)
                """,
            "train.py": """\
                import pytorch_lightning as pl
                from pytorch_lightning.callbacks import ModelCheckpoint
                from dm import CIFARData
                ckpt = ModelCheckpoint(monitor="val_acc", mode="max")
                trainer = pl.Trainer(callbacks=[ckpt])
                trainer.fit(model, datamodule=CIFARData())
                trainer.test(ckpt_path="best", datamodule=CIFARData())
                """,
        }, note="probe 11: a Lightning data module whose validation loader serves the test set, while a checkpoint "
                "callback monitors the validation accuracy"),
        valid({
            "dm.py": """\
                import pytorch_lightning as pl
                import torch
                from torch.utils.data import DataLoader, random_split
                from torchvision import datasets

                class CIFARData(pl.LightningDataModule):
                    def setup(self, stage=None):
                        full = datasets.CIFAR10("data", train=True)
                        self.train_set, self.val_set = random_split(full, [45000, 5000], generator=torch.Generator().manual_seed(0))
                        self.test_set = datasets.CIFAR10("data", train=False)
                    def train_dataloader(self):
                        return DataLoader(self.train_set, batch_size=128, shuffle=True)
                    def val_dataloader(self):
                        return DataLoader(self.val_set, batch_size=128)
                    def test_dataloader(self):
                        return DataLoader(self.test_set, batch_size=128)
                """,
            "train.py": """\
                import pytorch_lightning as pl
                from pytorch_lightning.callbacks import ModelCheckpoint
                from dm import CIFARData
                ckpt = ModelCheckpoint(monitor="val_acc", mode="max")
                trainer = pl.Trainer(callbacks=[ckpt])
                trainer.fit(model, datamodule=CIFARData())
                trainer.test(ckpt_path="best", datamodule=CIFARData())
                """,
        }, note="near miss: the validation split is carved from the training set"),
        valid({
            "dm.py": """\
                import pytorch_lightning as pl
                from torch_geometric.loader import NeighborSampler

                class Papers(pl.LightningDataModule):
                    def train_dataloader(self):
                        return NeighborSampler(self.adj_t, node_idx=self.train_idx, sizes=self.sizes, shuffle=True)
                    def val_dataloader(self):
                        return NeighborSampler(self.adj_t, node_idx=self.val_idx, sizes=self.sizes)
                    def test_dataloader(self):  # the best validation model once again
                        return NeighborSampler(self.adj_t, node_idx=self.val_idx, sizes=self.sizes)
                """,
            "train.py": """\
                from pytorch_lightning.callbacks import ModelCheckpoint
                ckpt = ModelCheckpoint(monitor="val_acc", mode="max")
                """,
        }, note="near miss (snap-stanford/ogb): the loaders share the graph and differ by their validation indices; "
                "`test_dataloader` repeats validation, the validation loader serves no test rows"),
        valid("""
            import pytorch_lightning as pl
            from torch.utils.data import DataLoader
            from torchvision import datasets

            class CIFARData(pl.LightningDataModule):
                def setup(self, stage=None):
                    self.train_set = datasets.CIFAR10("data", train=True)
                    self.test_set = datasets.CIFAR10("data", train=False)
                def train_dataloader(self):
                    return DataLoader(self.train_set, batch_size=128, shuffle=True)
                def val_dataloader(self):
                    return DataLoader(self.test_set, batch_size=128)
        """, note="near miss: the test set watched during training, but nothing monitors it to choose (no `monitor=`): "
                  "a curve, not a selection"),
        valid("""
            import numpy as np
            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import accuracy_score
            from sklearn.model_selection import ParameterGrid, train_test_split

            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)
            params = ParameterGrid({"C": [0.1, 1.0, 10.0]})
            scores = []
            for param in params:
                clf = LogisticRegression(**param).fit(X_train, y_train)
                scores.append(accuracy_score(clf.predict(X_test), y_test))
            for i in np.argsort(scores)[::-1]:
                print("Param settings:", params[i], "accuracy", round(scores[i], 2))
                if i == np.argmax(scores) or i == np.argmin(scores):
                    clf = LogisticRegression(**params[i]).fit(X_train, y_train)
                    print(clf.coef_)
        """, note="near miss (held-out 10): every setting's test score printed, the best and the worst shown alike"),
        invalid("""
            import numpy as np
            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import accuracy_score
            from sklearn.model_selection import ParameterGrid, train_test_split

            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)
            params = ParameterGrid({"C": [0.1, 1.0, 10.0]})
            scores = []
            for param in params:
                clf = LogisticRegression(**param).fit(X_train, y_train)
                scores.append(accuracy_score(clf.predict(X_test), y_test))
            best = np.argmax(scores)  # expect: LEAK003
            worst = np.argmin(scores)
            print("best", params[best], scores[best], "worst", scores[worst])
        """, note="the twin: the worst is printed too, but the best setting is chosen by test scores and reported"),
        valid("""
            import numpy as np
            import torch
            import torch.nn.functional as F
            from torchvision import datasets
            test_data = datasets.CIFAR10("data", train=False)
            test_loader = torch.utils.data.DataLoader(test_data, batch_size=200, shuffle=False)
            def confidences(net, loader):
                right, wrong = [], []
                with torch.no_grad():
                    for x, y in loader:
                        smax = F.softmax(net(x), dim=1).numpy()
                        ok = np.argmax(smax, axis=1) == y.numpy()
                        right.append(-np.max(smax[ok], axis=1))
                        wrong.append(-np.max(smax[np.invert(ok)], axis=1))
                return np.concatenate(right), np.concatenate(wrong)
            right_score, wrong_score = confidences(net, test_loader)
            print(100 * len(wrong_score) / (len(right_score) + len(wrong_score)))
        """, note="near miss: the maximum softmax of each test item, split into right and wrong answers, is a confidence score (out-of-distribution detection), not a choice among evaluations"),
        invalid("""
            import numpy as np
            import torch
            from torchvision import datasets
            test_data = datasets.CIFAR10("data", train=False)
            test_loader = torch.utils.data.DataLoader(test_data, batch_size=200, shuffle=False)
            def error_rate(net, loader, t):
                wrong = 0
                for x, y in loader:
                    wrong += (net(x / t).argmax(1) != y).sum().item()
                return wrong / len(loader.dataset)
            temperatures = [0.5, 1.0, 2.0, 4.0]
            errors = [error_rate(net, test_loader, t) for t in temperatures]
            best_t = temperatures[np.argmin(errors)]  # expect: LEAK003
            print(best_t, min(errors))
        """, note="the twin: the softmax temperature picked by the lowest error on the test loader"),
        valid("""
            import numpy as np
            from sklearn.ensemble import GradientBoostingRegressor
            from sklearn.model_selection import train_test_split

            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=42)
            model = GradientBoostingRegressor(random_state=42).fit(X_train, y_train)
            pred = model.predict(X_test)
            print("MAE", np.mean(np.abs(pred - y_test)))
            residuals = np.abs(pred - y_test)
            print("worst prediction", pred[np.argmax(residuals)], "actual", y_test[np.argmax(residuals)])
            explain(X_test[np.argmax(residuals)])
        """, note="near miss (corpus7): the argmax over each test row's error only picks the worst-predicted row "
                  "to look at and explain; no setting is chosen"),
        invalid("""
            import numpy as np
            from sklearn.ensemble import GradientBoostingRegressor
            from sklearn.model_selection import train_test_split

            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=42)
            depths = [2, 3, 5, 8]
            maes = []
            for depth in depths:
                pred = GradientBoostingRegressor(max_depth=depth, random_state=42).fit(X_train, y_train).predict(X_test)
                maes.append(np.mean(np.abs(pred - y_test)))
            best_depth = depths[np.argmin(maes)]  # expect: LEAK003
            print("MAE", min(maes), "depth", best_depth)
        """, note="its twin: the same test errors averaged per setting, and the depth picked by them"),
        valid("""
            import glob
            import torch

            def score(ckpt_path, split):
                test_from = ckpt_path
                checkpoint = torch.load(test_from, map_location="cpu")
                model = Summarizer(checkpoint)
                return run_eval(model, load_split(split))

            losses = []
            for path in sorted(glob.glob("runs/step_*.pt")):
                losses.append((score(path, "valid"), path))
            best = min(losses)
            print("test", score(best[1], "test"))
        """, note="near miss: a test-named variable holding the checkpoint path; checkpoints ranked on the validation split"),
        invalid("""
            import glob
            import torch

            def score(ckpt_path, loader):
                checkpoint = torch.load(ckpt_path, map_location="cpu")
                model = Summarizer(checkpoint)
                return run_eval(model, loader)

            test_loader = make_loader("data/test.jsonl")
            losses = []
            for path in sorted(glob.glob("runs/step_*.pt")):
                losses.append((score(path, test_loader), path))
            best = min(losses)  # expect: LEAK003
            print("test", score(best[1], test_loader))
        """, note="the twin: checkpoints ranked on the test loader"),
        invalid("""
            import torch
            train_loader, test_loader = loaders(seed=0)
            best = 0.0
            for epoch in range(100):
                train_one_epoch(net, train_loader)
                acc = evaluate(net, test_loader)  # expect: LEAK003
                if acc > best:
                    best = acc
                    torch.save(net.state_dict(), "best.pt")
        """, note="checkpoint selection on the test loader"),
        invalid("""
            import numpy as np
            from sklearn.metrics import f1_score, precision_recall_curve
            X_train, X_test, y_train, y_test = split(X, y)
            scores = model.fit(X_train, y_train).predict_proba(X_test)[:, 1]
            prec, rec, thr = precision_recall_curve(y_test, scores)
            best = thr[np.argmax(2 * prec * rec / (prec + rec))]  # expect: LEAK003
            print(f1_score(y_test, scores >= best))
        """, note="a threshold tuned on the test labels"),
        invalid("""
            from sklearn.metrics import accuracy_score
            X_tr, X_test, y_tr, y_test = split(X, y)
            accs = {}
            for C in [0.01, 0.1, 1, 10]:
                clf = LogisticRegression(C=C).fit(X_tr, y_tr)
                accs[C] = accuracy_score(y_test, clf.predict(X_test))
            best_C = max(accs, key=accs.get)  # expect: LEAK003
        """, note="hyperparameter search on the test part"),
        invalid("""
            from datasets import load_dataset
            test = load_dataset("openai/gsm8k", "main", split="test")
            results = {}
            for name, template in TEMPLATES.items():
                correct = 0
                for row in test:
                    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": template.format(q=row["question"])}])
                    correct += extract(reply.choices[0].message.content) == row["answer"]
                results[name] = correct / len(test)
            best_prompt = max(results, key=results.get)  # expect: LEAK003
        """, note="prompt selection on the evaluation split (LLM style)"),
        invalid("""
            from tensorflow.keras.callbacks import EarlyStopping
            X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
            model.fit(X_train, y_train, validation_data=(X_test, y_test), callbacks=[EarlyStopping(patience=3)])  # expect: LEAK003
        """, note="Keras early stopping on the test part"),
        valid({"utils.py": _SCORES_HELPER, "train.py": _TRAIN_LOOP.format(chooser="validloader", mark="")},
              note="near miss (held-out set 24): `y_test` is the scoring helper's own name for the labels of whatever "
                   "loader it is handed; the checkpoint is chosen on the validation loader"),
        invalid({"utils.py": _SCORES_HELPER,
                 "train.py": _TRAIN_LOOP.format(chooser="testloader", mark="  # expect: LEAK003")},
                note="the twin: the same helper handed the test loader chooses the checkpoint"),
        valid("""
            import torch
            train_loader, val_loader, test_loader = loaders(seed=0)
            best = 0.0
            for epoch in range(100):
                train_one_epoch(net, train_loader)
                acc = evaluate(net, val_loader)
                if acc > best:
                    best = acc
                    torch.save(net.state_dict(), "best.pt")
            print(evaluate(net, test_loader))
        """, note="selection on a validation loader, one test evaluation at the end"),
        valid("""
            from sklearn.metrics import accuracy_score
            tr_df, dev_df = train_test_split(pool, test_size=0.15, random_state=0)
            dev_acc = {}
            for C in [0.01, 0.1, 1]:
                clf = LogisticRegression(C=C).fit(tr_df[cols], tr_df["label"])
                dev_acc[C] = accuracy_score(dev_df["label"], clf.predict(dev_df[cols]))
            best_C = max(dev_acc, key=dev_acc.get)
        """, note="C chosen on a dev split"),
        valid("""
            import numpy as np

            class TabNet:
                def predict_proba(self, X):
                    ids = np.array(list(range(X.shape[0])))
                    test_generator = BatchGenerator(X, ids)
                    ids, probs = self.handler.test(test_generator)
                    last = max(zip(ids, probs))
                    return probs, last
        """, note="corpus9: `test` names a prediction method's loader over the rows its caller passes (no cut): "
                  "nothing inside a prediction is a choice on a test set"),
        invalid("""
            import numpy as np

            class TabNet:
                def run_batches(self, X):
                    ids = np.array(list(range(X.shape[0])))
                    test_generator = BatchGenerator(X, ids)
                    ids, probs = self.handler.test(test_generator)
                    last = max(zip(ids, probs))  # expect: LEAK003
                    return probs, last
        """, note="near miss: the same code in a function not named for prediction: the name is all there is"),
        valid("""
            import numpy as np
            X_train, X_test, y_train, y_test = split(X, y)
            row_ids, probs = runner.test(Generator(X_test, np.arange(len(X_test))))
            ordered = [p for _, p in sorted(zip(row_ids, probs))]
            print(accuracy(y_test, np.argmax(ordered, axis=1)))
        """, note="corpus9: `sorted` whose every element is iterated puts predictions back in row order; nothing is chosen"),
        invalid("""
            X_train, X_test, y_train, y_test = split(X, y)
            results = []
            for depth in [2, 4, 8]:
                clf = Tree(max_depth=depth).fit(X_train, y_train)
                results.append((accuracy(y_test, clf.predict(X_test)), depth))
            best = sorted(results)[-1]  # expect: LEAK003
            print("best depth", best)
        """, note="near miss: the last of the sorted test scores is taken: a choice"),
        valid("""
            import numpy as np
            X_train, X_test, y_train, y_test = split(X, y)
            labels = np.argmax(model.predict(X_test), axis=1)
            print((labels == y_test).mean())
        """, note="argmax over class scores is a prediction, not a choice among evaluations"),
        valid("""
            import torch
            import torch.nn.functional as F
            train_loader, test_loader = loaders(seed=0)
            correct = 0
            for x, y in test_loader:
                x = x.clone().requires_grad_()
                (grad,) = torch.autograd.grad(F.cross_entropy(net(x), y), x)
                correct += (net(x + 0.03 * grad.sign()).argmax(1) == y).sum().item()
        """, note="adversarial accuracy: the argmax over the attacked input's logits is a prediction"),
        valid("""
            import numpy as np
            from sklearn.model_selection import StratifiedKFold
            X_train, X_test, y_train, y_test = split(X, y)
            scores = []
            for reg in [0.01, 0.1, 1.0]:
                fold_scores = []
                for tr, te in StratifiedKFold(5, shuffle=True, random_state=0).split(X_train, y_train):
                    X_in_test, y_in_test = X_train[te], y_train[te]
                    clf = LogisticRegression(C=reg).fit(X_train[tr], y_train[tr])
                    fold_scores.append(clf.score(X_in_test, y_in_test))
                scores.append(np.mean(fold_scores))
            best = [0.01, 0.1, 1.0][np.argmax(scores)]
        """, note="inner cross-validation folds named `*_test` (SentEval's nested CV): selection by CV"),
        valid("""
            for epoch in range(100):
                train_one_epoch(net, train_loader)
                acc = evaluate(net, test_loader)
                history.append(acc)
                print(f"epoch {epoch} test acc {acc:.3f}")
        """, note="the test score is logged every epoch but chooses nothing"),
        valid("""
            from sklearn.metrics import accuracy_score
            X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
            def benchmark(clf):
                clf.fit(X_train, y_train)
                score = accuracy_score(y_test, clf.predict(X_test))
                return str(clf), score, clf.feature_importances_
            results = []
            for clf in (forest, trees):
                results.append(benchmark(clf))
            ranked = sorted(zip(X_test.columns, results[1][2]), key=lambda x: x[1])
        """, note="the sort ranks feature importances (element 2), not the test scores (element 1)"),
        valid("""
            import numpy as np
            from sklearn.metrics import precision_recall_curve
            X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
            precision, recall, thresholds = precision_recall_curve(y_test, svc.decision_function(X_test))
            close_zero = np.argmin(np.abs(thresholds))
            plt.plot(precision[close_zero], recall[close_zero], "o", label="threshold zero")
        """, note="the point of the curve at the default threshold, found by the threshold's value, not by a score"),
        invalid("""
            import numpy as np
            from sklearn.metrics import precision_recall_curve
            X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
            precision, recall, thresholds = precision_recall_curve(y_test, clf.predict_proba(X_test)[:, 1])
            f1 = 2 * precision * recall / (precision + recall)
            best = thresholds[np.argmax(f1)]  # expect: LEAK003
        """, note="the threshold with the best F1 on the test labels"),
        invalid("""
            from sklearn.metrics import accuracy_score
            X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
            def benchmark(clf):
                clf.fit(X_train, y_train)
                score = accuracy_score(y_test, clf.predict(X_test))
                return str(clf), score, clf.feature_importances_
            results = []
            for clf in (forest, trees, knn):
                results.append(benchmark(clf))
            best = max(results, key=lambda r: r[1])  # expect: LEAK003
        """, note="the model with the best test score kept"),
        invalid("""
            from sklearn.metrics import roc_auc_score
            X_train, X_test, y_train, y_test = split(X, y)
            best_auc, best_depth = 0.0, None
            for depth in [2, 4, 8]:
                model = XGBClassifier(max_depth=depth, random_state=0).fit(X_train, y_train)
                auc = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])  # expect: LEAK003
                if auc > best_auc:
                    best_auc, best_depth = auc, depth
        """, note="a running best: the loop's setting kept when the test score wins"),
        valid("""
            from sklearn.metrics import roc_auc_score
            X_train, X_val, X_test, y_train, y_val, y_test = split3(X, y)
            best_auc, best_depth = 0.0, None
            for depth in [2, 4, 8]:
                model = XGBClassifier(max_depth=depth, random_state=0).fit(X_train, y_train)
                auc = roc_auc_score(y_val, model.predict_proba(X_val)[:, 1])
                if auc > best_auc:
                    best_auc, best_depth = auc, depth
        """, note="the running best on the validation part"),
        invalid("""
            import lightgbm as lgb
            from sklearn.metrics import roc_auc_score
            X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
            best_auc, best_params = 0.0, None
            for i, (lr, leaves) in enumerate([(0.05, 31), (0.1, 63)]):
                booster = lgb.LGBMClassifier(learning_rate=lr, num_leaves=leaves).fit(X_train, y_train)
                auc = roc_auc_score(y_test, booster.predict_proba(X_test)[:, 1])  # expect: LEAK003
                if auc > best_auc:
                    best_auc, best_params = auc, (lr, leaves)
        """, note="the loop's settings unpacked from a tuple"),
        invalid("""
            import itertools
            import pandas as pd
            from sklearn.metrics import f1_score
            train, test = pd.read_parquet("train.parquet"), pd.read_parquet("test.parquet")
            best = {"f1": -1.0}
            for depth, min_leaf in itertools.product([4, 8], [1, 5]):
                tree = DecisionTreeClassifier(max_depth=depth, min_samples_leaf=min_leaf, random_state=0)
                tree.fit(train[FEATURES], train.y)
                f1 = f1_score(test.y, tree.predict(test[FEATURES]))  # expect: LEAK003
                if f1 > best["f1"]:
                    best = {"f1": f1, "depth": depth, "min_leaf": min_leaf}
        """, note="a grid from itertools.product, the best kept in a dict"),
        valid("""
            import itertools
            import pandas as pd
            from sklearn.metrics import f1_score
            train, val = pd.read_parquet("train.parquet"), pd.read_parquet("val.parquet")
            best = {"f1": -1.0}
            for depth, min_leaf in itertools.product([4, 8], [1, 5]):
                tree = DecisionTreeClassifier(max_depth=depth, min_samples_leaf=min_leaf, random_state=0)
                tree.fit(train[FEATURES], train.y)
                f1 = f1_score(val.y, tree.predict(val[FEATURES]))
                if f1 > best["f1"]:
                    best = {"f1": f1, "depth": depth, "min_leaf": min_leaf}
        """, note="the same grid chosen on the validation file"),
        invalid("""
            import torch
            class Runner:
                def __init__(self, net, loaders):
                    self.net = net
                    self.train_loader, self.val_loader, self.test_loader = loaders
                    self.best = 0.0
                def accuracy(self, loader):
                    hits = 0
                    for x, y in loader:
                        hits += (self.net(x).argmax(1) == y).sum().item()
                    return hits
                def run(self):
                    for epoch in range(10):
                        val_acc = self.accuracy(self.val_loader)
                        test_acc = self.accuracy(self.test_loader)  # expect: LEAK003
                        is_best = test_acc > self.best
                        if is_best:
                            self.best = test_acc
                            torch.save(self.net.state_dict(), "best.pt")
        """, note="loaders unpacked into attributes, the model called as `self.net(x)`"),
        invalid("""
            from tensorflow import keras
            (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
            callbacks = [keras.callbacks.ModelCheckpoint("best.keras", save_best_only=True)]
            model.fit(x_train, y_train, validation_data=(x_test, y_test), callbacks=callbacks)  # expect: LEAK003
        """, note="a checkpoint callback made before the fit call"),
        valid("""
            from tensorflow import keras
            (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
            callbacks = [keras.callbacks.CSVLogger("log.csv")]
            model.fit(x_train, y_train, validation_data=(x_test, y_test), callbacks=callbacks)
        """, note="the test part only logged: nothing is kept or stopped by it"),
        invalid("""
            from flaml import AutoML
            from sklearn.model_selection import train_test_split
            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
            automl = AutoML()
            automl.fit(X_train, y_train, task="classification", X_val=X_test, y_val=y_test)  # expect: LEAK003
            print(roc_auc_score(y_test, automl.predict_proba(X_test)[:, 1]))
        """, note="probe17: an AutoML search validated on the test part picks its learner and settings on it"),
        valid("""
            from flaml import AutoML
            from sklearn.model_selection import train_test_split
            X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
            X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest, test_size=0.2, random_state=0)
            automl = AutoML()
            automl.fit(X_train, y_train, task="classification", X_val=X_val, y_val=y_val)
            print(roc_auc_score(y_test, automl.predict_proba(X_test)[:, 1]))
        """, note="near miss: the search is validated on its own part; the test part is scored once"),
        valid("""
            import torch
            import torch.nn.functional as F

            def candidate_losses(model, test_candidates, target):
                losses = []
                for ids in test_candidates:
                    losses.append(F.cross_entropy(model(ids[:-1]), ids[1:]))
                return torch.stack(losses)

            def attack_step(model, candidates, target):
                losses = candidate_losses(model, candidates, target)
                best_id = losses.argmin()
                return candidates[best_id], losses[best_id]

            candidates = torch.load("prefixes/initial.pt")
            for step in range(100):
                prefix, loss = attack_step(model, candidates, target)
                candidates = mutate(prefix, candidates)
        """, note="near miss (held-out 27): `test_candidates` are an attack's prefixes to try; the lowest-loss one is "
                  "the attack's own step, and no split or held-out data reaches the name"),
        invalid("""
            import numpy as np
            import torch
            import torch.nn.functional as F

            def candidate_losses(model, test_candidates, target):
                losses = []
                for ids in test_candidates:
                    losses.append(F.cross_entropy(model(ids[:-1]), ids[1:]))
                return torch.stack(losses)

            test_prompts = torch.load("data/test_prompts.pt")
            scores = [candidate_losses(m, test_prompts, target).mean() for m in checkpoints]
            best = checkpoints[int(np.argmin(scores))]  # expect: LEAK003
        """, note="the twin: the same helper scores every checkpoint on the test prompts, and the best is kept"),
        invalid("""
            import torch
            scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="min")
            for epoch in range(30):
                train_one_epoch(net, train_loader)
                test_loss = evaluate(net, test_loader)
                scheduler.step(test_loss)  # expect: LEAK003
        """, note="the learning rate follows the test loss"),
        invalid({
            "evaluation.py": '''
                def score(model, split="test"):
                    rows = load_dataset("ag_news", split=split)
                    return sum(model(r["text"]) == r["label"] for r in rows) / len(rows)
            ''',
            "sweep.py": '''
                from evaluation import score
                best, best_lr = 0.0, None
                for lr in [1e-5, 3e-5]:
                    model = finetune(lr)
                    acc = score(model)  # expect: LEAK003
                    if acc > best:
                        best, best_lr = acc, lr
            ''',
        }, note="the split parameter defaults to test"),
        valid({
            "evaluation.py": '''
                def score(model, split="test"):
                    rows = load_dataset("ag_news", split=split)
                    return sum(model(r["text"]) == r["label"] for r in rows) / len(rows)
            ''',
            "sweep.py": '''
                from evaluation import score
                best, best_lr = 0.0, None
                for lr in [1e-5, 3e-5]:
                    model = finetune(lr)
                    acc = score(model, split="validation")
                    if acc > best:
                        best, best_lr = acc, lr
            ''',
        }, note="the caller passes the validation split"),
        invalid("""
            import shutil
            import torch
            def save_checkpoint(state, is_best, filename="checkpoint.pth.tar"):
                torch.save(state, filename)
                if is_best:
                    shutil.copyfile(filename, "model_best.pth.tar")
            def main(model, train_loader, val_loader, test_loader, epochs):
                best_acc1 = 0
                for epoch in range(epochs):
                    train(train_loader, model)
                    acc1 = validate(test_loader, model)  # expect: LEAK003
                    is_best = acc1 > best_acc1
                    save_checkpoint({"state_dict": model.state_dict()}, is_best)
        """, note="the comparison handed to a helper that keeps the best checkpoint"),
        valid("""
            import shutil
            import torch
            def save_checkpoint(state, is_best, filename="checkpoint.pth.tar"):
                torch.save(state, filename)
                if is_best:
                    shutil.copyfile(filename, "model_best.pth.tar")
            def main(model, train_loader, val_loader, test_loader, epochs):
                best_acc1 = 0
                for epoch in range(epochs):
                    train(train_loader, model)
                    acc1 = validate(val_loader, model)
                    is_best = acc1 > best_acc1
                    save_checkpoint({"state_dict": model.state_dict()}, is_best)
        """, note="the same helper fed by the validation accuracy"),
        valid("""
            import numpy as np
            def nested_cv(X, y, inner_cv, outer_cv, Classifier, grid):
                outer = []
                for tr, te in outer_cv.split(X, y):
                    best_score = -np.inf
                    for params in grid:
                        scores = []
                        for inner_train, inner_test in inner_cv.split(X[tr], y[tr]):
                            clf = Classifier(**params).fit(X[inner_train], y[inner_train])
                            scores.append(clf.score(X[inner_test], y[inner_test]))
                        if np.mean(scores) > best_score:
                            best_score, best_params = np.mean(scores), params
                    outer.append(Classifier(**best_params).fit(X[tr], y[tr]).score(X[te], y[te]))
        """, note="nested cross-validation with splitters handed in: the inner `*_test` folds are validation"),
        invalid("""
            import lightgbm as lgb
            X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
            dtrain = lgb.Dataset(X_train, y_train)
            dtest = lgb.Dataset(X_test, y_test, reference=dtrain)
            booster = lgb.train(params, dtrain, 2000, valid_sets=[dtest], callbacks=[lgb.early_stopping(50)])  # expect: LEAK003
        """, note="LightGBM's native API stopping on the test part"),
        invalid("""
            import xgboost as xgb
            X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
            dte = xgb.DMatrix(X_test, label=y_test)
            bst = xgb.train(params, xgb.DMatrix(X_train, label=y_train), 2000, evals=[(dte, "test")], early_stopping_rounds=50)  # expect: LEAK003
        """, note="XGBoost's native API stopping on the test part"),
        valid("""
            import lightgbm as lgb
            X_tr, X_val, y_tr, y_val = train_test_split(X_train, y_train, random_state=0)
            dtrain = lgb.Dataset(X_tr, y_tr)
            dval = lgb.Dataset(X_val, y_val, reference=dtrain)
            booster = lgb.train(params, dtrain, 2000, valid_sets=[dval], callbacks=[lgb.early_stopping(50)])
        """, note="stopping on a validation part"),
        valid("""
            import lightgbm as lgb
            X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
            dtest = lgb.Dataset(X_test, y_test)
            booster = lgb.train(params, lgb.Dataset(X_train, y_train), 500, valid_sets=[dtest], callbacks=[lgb.log_evaluation(50)])
        """, note="a fixed number of rounds; the test score is only logged"),
        invalid("""
            from lightgbm import LGBMClassifier, early_stopping
            X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
            clf = LGBMClassifier(n_estimators=2000, random_state=0)
            clf.fit(X_train, y_train, eval_set=[(X_train, y_train), (X_test, y_test)], callbacks=[early_stopping(50)])  # expect: LEAK003
        """, note="the test part among several watched sets"),
        invalid("""
            import lightning as L
            from lightning.pytorch.callbacks import ModelCheckpoint
            train_loader, test_loader = make_loaders(seed=0)
            trainer = L.Trainer(max_epochs=20, callbacks=[ModelCheckpoint(monitor="val_acc", mode="max")])
            trainer.fit(model, train_loader, test_loader)  # expect: LEAK003
            trainer.test(model, test_loader, ckpt_path="best")
        """, note="Lightning validates on the test loader and keeps the best checkpoint"),
        valid("""
            import lightning as L
            from lightning.pytorch.callbacks import ModelCheckpoint
            train_loader, val_loader, test_loader = make_loaders(seed=0)
            trainer = L.Trainer(max_epochs=20, callbacks=[ModelCheckpoint(monitor="val_acc", mode="max")])
            trainer.fit(model, train_loader, val_loader)
            trainer.test(model, test_loader, ckpt_path="best")
        """, note="validation loader for the checkpoint, the test loader once"),
        invalid("""
            import torch
            import torchvision
            testset = torchvision.datasets.CIFAR10(root="./data", train=False, transform=transform_test)
            testloader = torch.utils.data.DataLoader(testset, batch_size=100, shuffle=False)
            net = ResNet18()
            best_acc = 0
            def test(epoch):
                global best_acc
                net.eval()
                correct = total = 0
                with torch.no_grad():
                    for batch_idx, (inputs, targets) in enumerate(testloader):
                        _, predicted = net(inputs).max(1)
                        total += targets.size(0)
                        correct += predicted.eq(targets).sum().item()  # expect: LEAK003
                acc = 100.0 * correct / total
                if acc > best_acc:
                    torch.save({"net": net.state_dict(), "acc": acc}, "./checkpoint/ckpt.pth")
                    best_acc = acc
            for epoch in range(200):
                train(epoch)
                test(epoch)
        """, note="a test() run once per epoch keeps the checkpoint when it beats a global best"),
        valid("""
            import torch
            import torchvision
            valloader = torch.utils.data.DataLoader(valset, batch_size=100, shuffle=False)
            net = ResNet18()
            best_acc = 0
            def test(epoch):
                global best_acc
                net.eval()
                correct = total = 0
                with torch.no_grad():
                    for batch_idx, (inputs, targets) in enumerate(valloader):
                        _, predicted = net(inputs).max(1)
                        total += targets.size(0)
                        correct += predicted.eq(targets).sum().item()
                acc = 100.0 * correct / total
                if acc > best_acc:
                    torch.save({"net": net.state_dict(), "acc": acc}, "./checkpoint/ckpt.pth")
                    best_acc = acc
            for epoch in range(200):
                train(epoch)
                test(epoch)
        """, note="the same loop on a validation loader"),
        invalid("""
            import optuna
            from sklearn.metrics import accuracy_score
            from sklearn.model_selection import cross_val_score, train_test_split
            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
            def objective(trial):
                model = XGBClassifier(max_depth=trial.suggest_int("max_depth", 2, 10), random_state=0).fit(X_train, y_train)
                return accuracy_score(y_test, model.predict(X_test))  # expect: LEAK003
            study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
            study.optimize(objective, n_trials=50)
        """, note="an Optuna objective scored on the test part"),
        valid("""
            import optuna
            from sklearn.metrics import accuracy_score
            from sklearn.model_selection import cross_val_score, train_test_split
            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
            def objective(trial):
                model = XGBClassifier(max_depth=trial.suggest_int("max_depth", 2, 10), random_state=0)
                return cross_val_score(model, X_train, y_train, cv=5).mean()
            study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
            study.optimize(objective, n_trials=50)
        """, note="the objective cross-validates on the training part"),
        invalid({"data.py": """
                import numpy as np
                import torch
                from torch.utils.data import DataLoader, TensorDataset

                def make_loaders(batch_size):
                    d = np.load("data/splits.npz")
                    mk = lambda a, b: TensorDataset(torch.tensor(d[a]), torch.tensor(d[b]))
                    return (DataLoader(mk("X_train", "y_train"), batch_size, shuffle=True),
                            DataLoader(mk("X_val", "y_val"), batch_size), DataLoader(mk("X_test", "y_test"), batch_size))
            """, "tune.py": """
                import optuna
                import torch
                from data import make_loaders

                train_dl, val_dl, test_dl = make_loaders(128)

                def accuracy(model, loader):
                    model.eval()
                    correct = n = 0
                    with torch.no_grad():
                        for x, y in loader:
                            correct += (model(x).argmax(1) == y).sum().item()
                            n += len(y)
                    return correct / n

                def objective(trial):
                    model = fit(train_dl, lr=trial.suggest_float("lr", 1e-4, 1e-2, log=True))
                    return accuracy(model, test_dl)  # expect: LEAK003

                study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
                study.optimize(objective, n_trials=50)
            """}, note="probe 16: loaders built by a lambda in a helper module; the objective scores the test loader"),
        valid({"data.py": """
                import numpy as np
                import torch
                from torch.utils.data import DataLoader, TensorDataset

                def make_loaders(batch_size):
                    d = np.load("data/splits.npz")
                    mk = lambda a, b: TensorDataset(torch.tensor(d[a]), torch.tensor(d[b]))
                    return (DataLoader(mk("X_train", "y_train"), batch_size, shuffle=True),
                            DataLoader(mk("X_val", "y_val"), batch_size), DataLoader(mk("X_test", "y_test"), batch_size))
            """, "tune.py": """
                import optuna
                import torch
                from data import make_loaders

                train_dl, val_dl, test_dl = make_loaders(128)

                def accuracy(model, loader):
                    model.eval()
                    correct = n = 0
                    with torch.no_grad():
                        for x, y in loader:
                            correct += (model(x).argmax(1) == y).sum().item()
                            n += len(y)
                    return correct / n

                def objective(trial):
                    model = fit(train_dl, lr=trial.suggest_float("lr", 1e-4, 1e-2, log=True))
                    return accuracy(model, val_dl)

                study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
                study.optimize(objective, n_trials=50)
            """}, note="near miss: the same objective on the validation loader"),
        valid({
            "scores.py": """
                class SplitScores:
                    def __init__(self, by_split):
                        self.by_split = by_split

                    def val_f1(self):
                        return self.by_split["val"]

                    def test_f1(self):
                        return self.by_split["test"]
            """,
            "tune.py": """
                import optuna
                from sklearn.ensemble import RandomForestClassifier
                from sklearn.metrics import f1_score
                from scores import SplitScores
                from splits import load_split

                def run(params):
                    X_tr, y_tr = load_split("train")
                    X_va, y_va = load_split("val")
                    X_te, y_te = load_split("test")
                    clf = RandomForestClassifier(**params, random_state=0).fit(X_tr, y_tr)
                    return SplitScores({"val": f1_score(y_va, clf.predict(X_va)), "test": f1_score(y_te, clf.predict(X_te))})

                def objective(trial):
                    return run({"max_depth": trial.suggest_int("max_depth", 2, 12)}).val_f1()

                study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
                study.optimize(objective, n_trials=30)
                print(run(study.best_params).test_f1())
            """,
        }, note="a result holding every split's scores, read by the accessor that names validation"),
        invalid({
            "scores.py": """
                class SplitScores:
                    def __init__(self, by_split):
                        self.by_split = by_split

                    def test_f1(self):
                        return self.by_split["test"]
            """,
            "tune.py": """
                import optuna
                from sklearn.ensemble import RandomForestClassifier
                from sklearn.metrics import f1_score
                from scores import SplitScores
                from splits import load_split

                def run(params):
                    X_tr, y_tr = load_split("train")
                    X_va, y_va = load_split("val")
                    X_te, y_te = load_split("test")
                    clf = RandomForestClassifier(**params, random_state=0).fit(X_tr, y_tr)
                    return SplitScores({"val": f1_score(y_va, clf.predict(X_va)), "test": f1_score(y_te, clf.predict(X_te))})

                def objective(trial):
                    return run({"max_depth": trial.suggest_int("max_depth", 2, 12)}).test_f1()  # expect: LEAK003

                study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
                study.optimize(objective, n_trials=30)
            """,
        }, note="near miss: the same result read by the accessor that names the test split"),
        invalid({
            "config.py": '''
                from transformers import TrainingArguments
                def make_args(out_dir):
                    return TrainingArguments(out_dir, eval_strategy="epoch", save_strategy="epoch",
                                             load_best_model_at_end=True, metric_for_best_model="accuracy", seed=0)
            ''',
            "train.py": '''
                from datasets import load_dataset
                from transformers import Trainer
                from config import make_args
                ds = load_dataset("imdb")
                trainer = Trainer(model=model, args=make_args("out"), train_dataset=ds["train"], eval_dataset=ds["test"])  # expect: LEAK003
                trainer.train()
            ''',
        }, note="the best-model setting made by a helper in another module"),
        valid({
            "config.py": '''
                from transformers import TrainingArguments
                def make_args(out_dir):
                    return TrainingArguments(out_dir, eval_strategy="epoch", num_train_epochs=3, seed=0)
            ''',
            "train.py": '''
                from datasets import load_dataset
                from transformers import Trainer
                from config import make_args
                ds = load_dataset("imdb")
                trainer = Trainer(model=model, args=make_args("out"), train_dataset=ds["train"], eval_dataset=ds["test"])
                trainer.train()
            ''',
        }, note="a fixed number of epochs: the test part is only reported, nothing is kept by it"),
        valid("""
            import numpy as np
            import matplotlib.pyplot as plt
            from sklearn.metrics import confusion_matrix

            def show_confusion(cm, names):
                fig, ax = plt.subplots()
                ax.imshow(cm, cmap="Blues")
                cutoff = cm.max() / 2.0
                for (r, c), n in np.ndenumerate(cm):
                    ax.annotate(str(n), (c, r), color="white" if n > cutoff else "black")

            def report(y_true, y_pred):
                show_confusion(confusion_matrix(y_true, y_pred), sorted(set(y_true)))

            X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
            report(y_test, clf.fit(X_train, y_train).predict(X_test))
        """, note="near miss: the largest cell of one confusion matrix sets the colour of its numbers; nothing is chosen"),
        valid("""
            import matplotlib.pyplot as plt
            test_accs = []
            for epoch in range(20):
                train_one_epoch(net, train_loader)
                test_accs.append(evaluate(net, test_loader))
            plt.plot(test_accs)
            plt.ylim(0, 1.05 * max(test_accs))
        """, note="near miss: the best test score only sets the axis of a learning curve"),
        invalid("""
            import numpy as np
            test_accs = []
            for epoch in range(20):
                train_one_epoch(net, train_loader)
                test_accs.append(evaluate(net, test_loader))
            print(f"test accuracy {np.max(test_accs):.3f}")  # expect: LEAK003
        """, note="the best of the per-epoch test scores is the reported number"),
        valid({"unlearn.ipynb": notebook(
            """
            import numpy as np
            import matplotlib.pyplot as plt
            import torch.nn as nn

            def per_sample_losses(net, loader):
                loss_fn = nn.CrossEntropyLoss(reduction="none")
                out = []
                for x, y in loader:
                    out.extend(loss_fn(net(x), y).numpy(force=True))
                return np.array(out)

            held_losses = per_sample_losses(net, test_loader)
            erased_losses = per_sample_losses(net, erase_loader)
            """,
            """
            fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5))
            left.hist(held_losses, bins=40, alpha=0.5, label="test")
            right.hist(erased_losses, bins=40, alpha=0.5, label="erased")
            left.set_xlim((0, np.max(held_losses)))
            right.set_xlim((0, np.max(held_losses)))
            plt.show()
            """)}, note="held-out set 30: the largest test loss is the x-axis limit of two histograms drawn on axes "
                        "from `plt.subplots`: it shapes a figure and chooses nothing"),
        invalid({"unlearn.ipynb": notebook(
            """
            import numpy as np
            import matplotlib.pyplot as plt
            test_accs = []
            for epoch in range(20):
                train_one_epoch(net, train_loader)
                test_accs.append(evaluate(net, test_loader))
            """,
            """
            fig, ax = plt.subplots()
            ax.plot(test_accs)
            best = np.max(test_accs)  # expect: LEAK003
            ax.set_ylim((0, best))
            print(f"test accuracy {best:.3f}")
            """)}, note="the twin: the same maximum of test scores bounds an axis and is printed as the result"),
        valid("""
            from datasets import load_dataset
            from transformers import Trainer, TrainingArguments
            splits = load_dataset("code_x_glue_cc_defect_detection")
            args = TrainingArguments("out", eval_strategy="epoch", save_strategy="epoch",
                                     metric_for_best_model="accuracy", greater_is_better=True)
            trainer = Trainer(model=model, args=args, train_dataset=splits["train"], eval_dataset=splits["test"])
            trainer.train()
            print(trainer.evaluate(eval_dataset=splits["test"]))
        """, note="near miss: `metric_for_best_model` without `load_best_model_at_end` keeps the last model, "
                  "so the test part monitored each epoch chooses nothing; the final evaluate only reports"),
        invalid("""
            from datasets import load_dataset
            from transformers import Trainer, TrainingArguments
            splits = load_dataset("code_x_glue_cc_defect_detection")
            args = TrainingArguments("out", eval_strategy="epoch", save_strategy="epoch",
                                     metric_for_best_model="accuracy", load_best_model_at_end=True)
            trainer = Trainer(model=model, args=args, train_dataset=splits["train"], eval_dataset=splits["test"])  # expect: LEAK003
            trainer.train()
            print(trainer.evaluate(eval_dataset=splits["test"]))
        """, note="the best epoch on the test part is loaded at the end; the final evaluate is not a second finding"),
        valid("""
            from datasets import load_dataset
            from transformers import Trainer, TrainingArguments
            splits = load_dataset("imdb")
            args = TrainingArguments("out", eval_strategy="epoch", save_strategy="epoch",
                                     metric_for_best_model="accuracy", load_best_model_at_end=True)
            trainer = Trainer(model=model, args=args, train_dataset=splits["train"], eval_dataset=splits["validation"])
            trainer.train()
            print(trainer.evaluate(eval_dataset=splits["test"]))
        """, note="the best epoch chosen on validation; test evaluated once, after"),
        invalid({
            "tasks/clone/train.py": """
                from datasets import load_dataset
                from transformers import Trainer, TrainingArguments
                def main(model):
                    ds = load_dataset("big_clone_bench")
                    args = TrainingArguments("out", eval_strategy="epoch", load_best_model_at_end=True)
                    trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["test"])  # expect: LEAK003
                    trainer.train()
            """,
            "tasks/defect/train.py": """
                from datasets import load_dataset
                from transformers import Trainer, TrainingArguments
                def main(model):
                    ds = load_dataset("devign")
                    ds = ds.rename_column("target", "label")
                    args = TrainingArguments("out", eval_strategy="epoch", load_best_model_at_end=True)
                    trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["test"])
                    trainer.train()
            """,
        }, note="one script copied per task: the same decision in each copy is one finding, at the first copy"),
        invalid("""
            import shutil
            import torch


            class AverageMeter:
                def __init__(self):
                    self.sum = 0.0
                    self.count = 0
                    self.avg = 0.0

                def update(self, val, n=1):
                    self.sum += val * n
                    self.count += n
                    self.avg = self.sum / self.count


            def accuracy(output, target):
                pred = output.argmax(1)
                return pred.eq(target).float().mean().item() * 100.0


            def validate(loader, model):
                top1 = AverageMeter()
                model.eval()
                with torch.no_grad():
                    for images, target in loader:
                        output = model(images)
                        acc1 = accuracy(output, target)
                        top1.update(acc1, images.size(0))
                return top1.avg


            def save_checkpoint(state, is_best, filename="checkpoint.pth.tar"):
                torch.save(state, filename)
                if is_best:
                    shutil.copyfile(filename, "model_best.pth.tar")


            def main(model, train_loader, test_loader, epochs):
                best_acc1 = 0
                for epoch in range(epochs):
                    train(train_loader, model)
                    acc1 = validate(test_loader, model)  # expect: LEAK003
                    is_best = acc1 > best_acc1
                    best_acc1 = max(acc1, best_acc1)
                    save_checkpoint({"state_dict": model.state_dict()}, is_best)
        """, note="an AverageMeter, `is_best` handed to save_checkpoint and `best = max(...)`: one decision, one finding"),
        valid("""
            import lightgbm as lgb
            from sklearn.model_selection import train_test_split
            X_rest, X_te, y_rest, y_te = train_test_split(X, y, test_size=0.2, random_state=7)
            X_tr, X_va, y_tr, y_va = train_test_split(X_rest, y_rest, test_size=0.25, random_state=7)
            booster = lgb.train(params, lgb.Dataset(X_tr, y_tr), valid_sets=[lgb.Dataset(X_va, y_va)],
                                callbacks=[lgb.early_stopping(100)])
            print(roc_auc_score(y_te, booster.predict(X_te)))
        """, note="near miss: `X_va` (the second part of the second split) is a validation part by its name; the "
                  "test part is `X_te`"),
        invalid("""
            import torch

            def accuracy(net, loader):
                hits = [(net(x).argmax(1) == y).float().mean() for x, y in loader]
                return float(sum(hits) / len(hits))

            def train(net, train_loader, test_loader, epochs):
                best = 0.0
                for epoch in range(epochs):
                    fit_epoch(net, train_loader)
                    acc = accuracy(net, test_loader)  # expect: LEAK003
                    if acc > best:
                        best = acc
                        torch.save(net.state_dict(), "best.pt")
        """, note="checkpoints kept by the accuracy on the loader named test"),
        valid("""
            import torch

            def accuracy(net, testloader):
                hits = [(net(x).argmax(1) == y).float().mean() for x, y in testloader]
                return float(sum(hits) / len(hits))

            def train(net, trainloader, validationloader, epochs):
                best = 0.0
                for epoch in range(epochs):
                    fit_epoch(net, trainloader)
                    acc = accuracy(net, validationloader)
                    if acc > best:
                        best = acc
                        torch.save(net.state_dict(), "best.pt")
        """, note="near miss (held-out 10): the helper's parameter is named testloader, but the checkpoint is "
                  "chosen on the validation loader its caller passes"),
        valid("""
            import numpy as np
            import pandas as pd
            from causalml.inference.tree import UpliftRandomForestClassifier
            from causalml.metrics import auuc_score
            from sklearn.model_selection import train_test_split

            def test_uplift_forest(df, features):
                df_train, df_test = train_test_split(df, test_size=0.2, random_state=0)
                model = UpliftRandomForestClassifier(control_name="control")
                model.fit(df_train[features].values, treatment=df_train["arm"].values, y=df_train["y"].values)
                uplift = pd.DataFrame(model.predict(df_test[features].values), columns=model.classes_[1:])
                best_arm = np.where((uplift < 0).all(axis=1), "control", uplift.idxmax(axis=1))
                got_best = np.where(df_test["arm"] == best_arm, 1, 0)
                in_control = np.where(df_test["arm"] == "control", 1, 0)
                kept = (got_best == 1) | (in_control == 1)
                rows = uplift[kept]
                frame = rows.assign(is_treated=1 - in_control[kept], y=df_test.loc[kept, "y"].values,
                                    uplift_tree=rows.max(axis=1)).drop(columns=list(model.classes_[1:]))
                assert auuc_score(frame, outcome_col="y", treatment_col="is_treated")["uplift_tree"] > 0.5
        """, note="near miss (held-out 12): `rows.max(axis=1)` is each unit's largest predicted uplift across "
                  "treatments, a prediction per row, even on rows kept by their test arm; no setting is chosen"),
        invalid("""
            import numpy as np
            import pandas as pd
            from causalml.inference.tree import UpliftRandomForestClassifier
            from causalml.metrics import auuc_score
            from sklearn.model_selection import train_test_split

            df_train, df_test = train_test_split(df, test_size=0.2, random_state=0)
            in_control = np.where(df_test["arm"] == "control", 1, 0)
            scores = {}
            for depth in (3, 5, 8):
                model = UpliftRandomForestClassifier(control_name="control", max_depth=depth)
                model.fit(df_train[X].values, treatment=df_train["arm"].values, y=df_train["y"].values)
                uplift = pd.DataFrame(model.predict(df_test[X].values), columns=model.classes_[1:])
                frame = uplift.assign(is_treated=1 - in_control, y=df_test["y"].values, uplift_tree=uplift.max(axis=1))
                scores[depth] = auuc_score(frame, outcome_col="y", treatment_col="is_treated")["uplift_tree"]
            best = max(scores, key=scores.get)  # expect: LEAK003
            print(best, scores[best])
        """, note="the twin: the same per-row maximum, and then the tree depth with the best AUUC on the test part"),
        valid({
            "train.py": """\
                import torch
                import yaml
                from utils.loaders import create_dataloader
                from scoring import evaluate


                def train(model, opt, epochs):
                    with open(opt.data) as f:
                        data_dict = yaml.safe_load(f)
                    dataloader = create_dataloader(data_dict["train"], opt.batch_size)
                    test_path = data_dict["val"]
                    testloader = create_dataloader(test_path, opt.batch_size * 2)
                    best_fitness = 0.0
                    for epoch in range(epochs):
                        for imgs, targets in dataloader:
                            model(imgs, targets).backward()
                        results = evaluate(model, dataloader=testloader)
                        if results[0] > best_fitness:
                            best_fitness = results[0]
                            torch.save(model.state_dict(), "best.pt")
                    print(best_fitness)
""",
            "scoring.py": """\
                import torch
                from sklearn.metrics import accuracy_score


                def evaluate(model, dataloader):
                    model.eval()
                    preds, ys = [], []
                    with torch.no_grad():
                        for imgs, targets in dataloader:
                            preds.append(model(imgs).argmax(1))
                            ys.append(targets)
                    return [accuracy_score(torch.cat(ys), torch.cat(preds))]
""",
        }, note="near miss (held-out 12): the loader is called test, but its rows are read under the key `val`: chosen on validation"),
        invalid({
            "train.py": """\
                import torch
                import yaml
                from utils.loaders import create_dataloader
                from scoring import evaluate


                def train(model, opt, epochs):
                    with open(opt.data) as f:
                        data_dict = yaml.safe_load(f)
                    dataloader = create_dataloader(data_dict["train"], opt.batch_size)
                    test_path = data_dict["test"]
                    testloader = create_dataloader(test_path, opt.batch_size * 2)
                    best_fitness = 0.0
                    for epoch in range(epochs):
                        for imgs, targets in dataloader:
                            model(imgs, targets).backward()
                        results = evaluate(model, dataloader=testloader)  # expect: LEAK003
                        if results[0] > best_fitness:
                            best_fitness = results[0]
                            torch.save(model.state_dict(), "best.pt")
                    print(best_fitness)
""",
            "scoring.py": """\
                import torch
                from sklearn.metrics import accuracy_score


                def evaluate(model, dataloader):
                    model.eval()
                    preds, ys = [], []
                    with torch.no_grad():
                        for imgs, targets in dataloader:
                            preds.append(model(imgs).argmax(1))
                            ys.append(targets)
                    return [accuracy_score(torch.cat(ys), torch.cat(preds))]
""",
        }, note="the twin: the same loader read under the key `test`"),
        valid("""
            import numpy as np
            import pandas as pd
            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import log_loss
            from sklearn.model_selection import train_test_split


            def perturbation_rank(model, x, y, names):
                errors = []
                for i in range(x.shape[1]):
                    hold = np.array(x[:, i])
                    np.random.shuffle(x[:, i])
                    errors.append(log_loss(y, model.predict_proba(x)))
                    x[:, i] = hold
                max_error = np.max(errors)
                importance = [e / max_error for e in errors]
                return pd.DataFrame({"name": names, "error": errors, "importance": importance})


            df = pd.read_csv("iris.csv")
            X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="species").values, df["species"], random_state=0)
            model = LogisticRegression().fit(X_train, y_train)
            print(perturbation_rank(model, X_test, y_test, list(df.columns[:-1])))
"""
        , note="near miss (held-out 13): the largest error only rescales every error into an importance; nothing is chosen"),
        invalid("""
            import numpy as np
            import pandas as pd
            from sklearn.linear_model import LogisticRegression
            from sklearn.metrics import log_loss
            from sklearn.model_selection import train_test_split


            def perturbation_rank(model, x, y, names):
                errors = []
                for i in range(x.shape[1]):
                    hold = np.array(x[:, i])
                    np.random.shuffle(x[:, i])
                    errors.append(log_loss(y, model.predict_proba(x)))
                    x[:, i] = hold
                max_error = np.max(errors)
                importance = [e / max_error for e in errors]
                print('most important:', names[errors.index(max_error)])
                return pd.DataFrame({"name": names, "error": errors, "importance": importance})


            df = pd.read_csv("iris.csv")
            X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="species").values, df["species"], random_state=0)
            model = LogisticRegression().fit(X_train, y_train)
            print(perturbation_rank(model, X_test, y_test, list(df.columns[:-1])))  # expect: LEAK003
"""
        , note="the twin: the largest error on the test rows picks the feature reported"),
        valid("""
            from catboost import CatBoostClassifier, Pool
            from sklearn.model_selection import train_test_split
            import pandas as pd

            df = pd.read_csv("amazon.csv")
            X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="ACTION"), df["ACTION"], random_state=0)
            model = CatBoostClassifier(iterations=200, early_stopping_rounds=20)
            model.fit(X_train, y_train, eval_set=(X_test, y_test), verbose=False)
            print(model.tree_count_)
        """, note="near miss (held-out 14): a tutorial shows where early stopping stopped; nothing predicts with "
                  "or scores the stopped model (asked, not reported)"),
        invalid("""
            from catboost import CatBoostClassifier, Pool
            from sklearn.model_selection import train_test_split
            import pandas as pd

            df = pd.read_csv("amazon.csv")
            X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="ACTION"), df["ACTION"], random_state=0)
            model = CatBoostClassifier(iterations=200, early_stopping_rounds=20)
            model.fit(X_train, y_train, eval_set=(X_test, y_test), verbose=False)  # expect: LEAK003
            print(model.best_score_)
        """, note="the twin: the stopped model's best test score is printed"),
        invalid("""
            import keras
            (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
            x_train, x_test = x_train / 255.0, x_test / 255.0
            ckpt = keras.callbacks.ModelCheckpoint("best.keras", monitor="val_accuracy", save_best_only=True)
            model.fit(x_train, y_train, epochs=60, validation_data=(x_test, y_test), callbacks=[ckpt])  # expect: LEAK003
        """, note="probe 12: the checkpoint made before the call and listed by name (`callbacks=[ckpt]`)"),
        valid("""
            import keras
            (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
            x_train, x_test = x_train / 255.0, x_test / 255.0
            ckpt = keras.callbacks.ModelCheckpoint("best.keras", monitor="val_accuracy", save_best_only=True)
            model.fit(x_train, y_train, epochs=60, validation_split=0.1, callbacks=[ckpt])
        """, note="near miss: the checkpoint monitors a validation split carved from the training data"),
        invalid({
            "trainable.py": """
                import torch
                from ray import train
                from data import loaders

                def accuracy(model, loader):
                    model.eval()
                    hit = n = 0
                    with torch.no_grad():
                        for xb, yb in loader:
                            hit += (model(xb).argmax(1) == yb).sum().item()
                            n += len(yb)
                    return hit / n

                def train_mlp(config):
                    train_loader, test_loader = loaders()
                    model = make_model(config["width"])
                    for epoch in range(20):
                        fit_one_epoch(model, train_loader, config["lr"])
                        train.report({"accuracy": accuracy(model, test_loader)})  # expect: LEAK003
            """,
            "data.py": """
                import torch
                from torch.utils.data import DataLoader, TensorDataset

                def loaders():
                    d = torch.load("data/tabular.pt")
                    return (DataLoader(TensorDataset(d["X_train"], d["y_train"]), batch_size=256, shuffle=True),
                            DataLoader(TensorDataset(d["X_test"], d["y_test"]), batch_size=1024))
            """,
            "tune.py": """
                from ray import tune
                from trainable import train_mlp

                tuner = tune.Tuner(train_mlp, param_space={"lr": tune.loguniform(1e-4, 1e-1), "width": tune.choice([64, 256])},
                                   tune_config=tune.TuneConfig(num_samples=40, metric="accuracy", mode="max"))
                best = tuner.fit().get_best_result(metric="accuracy", mode="max")
                print("test accuracy", best.metrics["accuracy"])
            """,
        }, note="probe 12: a Ray Tune trainable reports the test-loader accuracy its search maximises; reported at the "
                "call that hands the helper the test part"),
        valid({
            "trainable.py": """
                import torch
                from ray import train
                from data import loaders

                def accuracy(model, loader):
                    model.eval()
                    hit = n = 0
                    with torch.no_grad():
                        for xb, yb in loader:
                            hit += (model(xb).argmax(1) == yb).sum().item()
                            n += len(yb)
                    return hit / n

                def train_mlp(config):
                    train_loader, val_loader = loaders()
                    model = make_model(config["width"])
                    for epoch in range(20):
                        fit_one_epoch(model, train_loader, config["lr"])
                        train.report({"accuracy": accuracy(model, val_loader)})
            """,
            "data.py": """
                import torch
                from torch.utils.data import DataLoader, TensorDataset

                def loaders():
                    d = torch.load("data/tabular.pt")
                    return (DataLoader(TensorDataset(d["X_train"], d["y_train"]), batch_size=256, shuffle=True),
                            DataLoader(TensorDataset(d["X_val"], d["y_val"]), batch_size=1024))
            """,
            "tune.py": """
                from ray import tune
                from trainable import train_mlp

                tuner = tune.Tuner(train_mlp, param_space={"lr": tune.loguniform(1e-4, 1e-1), "width": tune.choice([64, 256])},
                                   tune_config=tune.TuneConfig(num_samples=40, metric="accuracy", mode="max"))
                best = tuner.fit().get_best_result(metric="accuracy", mode="max")
            """,
        }, note="the twin: the trainable reports a validation accuracy"),
    ]

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """A Lightning data module (or module) whose `val_dataloader` serves the test set: the dataset it
        loads is the one `test_dataloader` loads, or one made as the test split (`train=False`,
        `split="test"`). Kept as a fact; reported when the repository selects on validation metrics."""
        methods = {f.name.value: f for f in node.body.body if isinstance(f, cst.FunctionDef)} \
            if isinstance(node.body, cst.IndentedBlock) else {}
        val = methods.get("val_dataloader")
        if val is None:
            return
        made_as_test = _test_attributes(node)
        served = _loaded_attributes(val)
        if served is None:
            return
        # The test set by value (made with `train=False`, `split="test"`) or by name (`self.test_set`);
        # a loader of the shared graph with the validation indices (`NeighborSampler(self.adj_t,
        # node_idx=self.val_idx)`) serves validation, even when `test_dataloader` repeats it.
        test = sorted(a for a in served[0] if a in made_as_test or re.search(r"(^|_)test", a.lower()))
        if not test:
            return
        facts = self.ctx.facts.setdefault(self.code + ":lightning", {})
        facts.setdefault("val_is_test", []).append({"line": self.ctx.line_of(served[1]), "attr": test[0],
                                                    "cls": node.name.value})

    def visit_Call(self, node: cst.Call) -> None:
        """`mlflow.search_runs(..., order_by=["metrics.test_accuracy DESC"])`: the tracked runs ranked by the
        metric each logged on its test data, so the run kept (its settings) is chosen on the test set."""
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "sweep" and node.args \
                and plain(self.qualified_name(func) or "") == "wandb.sweep":
            # `wandb.sweep({"metric": {"name": "test_auc", ...}, ...})` (or a dict named there): the metric it optimises
            found = _SWEEP_DICT_METRIC.search(self.ctx.text)
            if found:
                self.ctx.facts.setdefault(self.code + ":sweep", []).append(found.group(1))
            return
        if not (isinstance(func, cst.Attribute) and func.attr.value == "search_runs"
                or isinstance(func, cst.Name) and func.value == "search_runs"):
            return
        order = next((a.value for a in node.args if a.keyword is not None and a.keyword.value == "order_by"), None)
        items = order.elements if isinstance(order, (cst.List, cst.Tuple)) else []
        for item in items:
            text = string_value(item.value) or ""
            m = re.match(r"\s*metrics\.`?([\w.@/-]+)`?", text)
            if m and kb.name_role(m.group(1)) == "test":
                self.report(node, what="the run kept (its settings)", test=m.group(1),
                            part="the metric every tracked run logged on its test data, ranked by `order_by`")
                return

    def visit_Arg(self, node: cst.Arg) -> None:
        # `ModelCheckpoint(monitor="val_acc")`, `EarlyStopping(monitor="val_loss")`, a scheduler's
        # `"monitor": "val_loss"`: something is chosen by the validation loop's metrics
        if node.keyword is not None and node.keyword.value == "monitor" and _names_validation(node.value):
            self.ctx.facts.setdefault(self.code + ":lightning", {})["monitors"] = True

    def visit_DictElement(self, node: cst.DictElement) -> None:
        if isinstance(node.key, cst.SimpleString) and node.key.value[1:-1] == "monitor" and _names_validation(node.value):
            self.ctx.facts.setdefault(self.code + ":lightning", {})["monitors"] = True

    @classmethod
    def _validation_loader_is_test(cls, repo) -> None:
        # The same for every start file: listed once per scan (a pass over every file's facts per
        # start file was 8 million lookups on transformers, issue 12); the reads are each run's.
        key = cls.code + ":lightning"
        facts = repo.shared(f"facts:{key}", lambda: list(repo.facts(key)))
        if not any(f.get("monitors") for _, f in facts):
            return
        for path, fact in facts:
            for site in fact.get("val_is_test", []):
                repo.report(cls, path, site["line"], what="the checkpoint and the stopping epoch",
                            test=f"self.{site['attr']}", part=f"{site['cls']}.val_dataloader",
                            message="`{part}` serves `{test}`, the test set, at {where}, and the repository chooses "
                                    "{what} by the validation loop's metrics (`monitor=`): the test set chooses them")

    @classmethod
    def check_repo(cls, repo) -> None:
        cls._validation_loader_is_test(repo)
        prog = program(repo)
        reported: set[Ref] = set()
        cls._kept_when_better(repo, prog, reported)
        cls._best_of_scores(repo, prog, reported)
        cls._stopping_on_test(repo, prog, reported)
        cls._objective_on_test(repo, prog, reported)
        cls._sweep_metric_on_test(repo, prog, reported)

    @classmethod
    def _sweep_metric_on_test(cls, repo, prog: Program, reported: set[Ref]) -> None:
        """A W&B sweep (`sweep.yaml` with `metric: {name: test_auc, goal: maximize}`, or the dict handed to
        `wandb.sweep`) chooses the run whose logged `test_auc` is best: a `wandb.log({"test_auc": ...})` of a
        test evaluation makes the test set choose the hyperparameters."""
        logs = [c for c in prog.nodes("call") if plain(str(prog.info(c).get("fn", ""))) in ("wandb.log", "wandb.run.log")]
        if not logs:
            return
        metrics = _sweep_metrics(repo)
        if not metrics:
            return
        for call in logs:
            logged = next((i for i in prog.inputs(call) if i and prog.kind(i) == "op"
                           and prog.info(i).get("op") == "dict"), None)  # input 0 is the receiver
            if logged is None or call in reported:
                continue
            values = [i for i in prog.inputs(logged) if i]
            for key, value in zip(prog.info(logged).get("keys", []), values):
                if key not in metrics:
                    continue
                found = _test_evaluation(prog, value)
                if found is None:
                    continue
                evaluation, _, part, _ = found
                reported.add(call)
                repo.report(cls, **prog.where(call), related=[Location(metrics[key], None, "the sweep's metric"),
                                                              Location(prog.path(part), prog.line(part), "test part")],
                            what=f"the sweep's best run (its `{key}`)", test=_name(prog, part), part=prog.describe(part),
                            extra=_one_decision(prog, part))
                break

    @classmethod
    def _kept_when_better(cls, repo, prog: Program, reported: set[Ref]) -> None:
        """`if acc > best: save / break`: checkpoints and early stopping driven by a test score."""
        for guard in prog.nodes("guard"):
            test = _compared(prog, prog.input(guard, 0))
            if not test or prog.info(guard).get("neg") or (
                    "loop" not in prog.info(guard) and test == prog.input(guard, 0) and not _kept_across_calls(prog, test)):
                continue
            actions = _actions(prog, guard)
            if not actions:
                continue
            found = _test_evaluation(prog, test)
            if found is None:
                continue
            evaluation, stack, part, site = found
            where = site or evaluation
            if where in reported:
                continue
            reported.update((where, evaluation))  # `best = max(acc, best)` of the same scores: one decision
            kept = sorted(a for a in actions if a.startswith("`"))
            if "save" in actions:
                what = "the checkpoint kept"
            elif kept:
                what = "the setting kept (" + ", ".join(kept) + ")"
            else:
                what = "when training stops"
            repo.report(cls, **prog.where(where), related=[Location(prog.path(guard), prog.line(guard), "chosen here"),
                                                          Location(prog.path(part), prog.line(part), "test part")],
                        what=what, test=_name(prog, part), part=prog.describe(part), extra=_one_decision(prog, part))

    @classmethod
    def _best_of_scores(cls, repo, prog: Program, reported: set[Ref]) -> None:
        """argmax / max / sorted over scores computed on the test part."""
        for select in prog.nodes("select", "stat"):
            if prog.kind(select) == "stat" and prog.info(select).get("m") not in ("max", "min", "nanmax", "nanmin"):
                continue
            scores = [i for i in prog.inputs(select) if i]
            if prog.info(select).get("axis") or (scores and _predicted_rows(prog, scores[0])):
                continue  # `model(x).argmax(1)`: a prediction over classes, not a choice among evaluations
            if (prog.kind(select) == "stat" and _one_evaluation(prog, scores)) or _shown_only(prog, select):
                continue  # `cm.max() / 2`: a colour threshold for a confusion-matrix plot chooses nothing
            if _divisor_only(prog, select):
                continue  # `importance = [e / max_error for e in errors]`: scores rescaled to the largest, none chosen
            if _both_extremes(prog, select):
                continue  # `if i == argmax(scores) or i == argmin(scores):` the best and the worst alike: shown, not chosen
            if _reorders(prog, select):
                continue  # `[p for _, p in sorted(zip(ids, preds))]`: every element kept, put back in row order
            found = _test_evaluation(prog, *scores)
            if found is None:
                continue
            evaluation, stack, part, site = found
            if _inference_rows(prog, part, select):
                continue  # `def predict(self, inputs): test_loader = DataLoader(inputs)`: the caller's rows, no split
            if _picks_a_row(prog, select, part):
                continue  # `y_test[np.argmax(residuals)]`: the worst-predicted test row, shown; no setting is chosen
            where = site if site and prog.function_of(site) != prog.function_of(select) else select
            if where in reported or evaluation in reported:
                continue  # `np.argmax(scores)` and `max(scores)` of the same scores: one choice
            reported.update((where, evaluation))
            repo.report(cls, **prog.where(where), related=[Location(prog.path(evaluation), prog.line(evaluation), "scored here"),
                                                          Location(prog.path(part), prog.line(part), "test part")],
                        what=_chosen(prog, select), test=_name(prog, part), part=prog.describe(part), extra=_one_decision(prog, part))

    @classmethod
    def _objective_on_test(cls, repo, prog: Program, reported: set[Ref]) -> None:
        """`study.optimize(objective)` where the objective returns a score on the test part."""
        for search in prog.nodes("call"):
            if plain(str(prog.info(search).get("fn", ""))) not in kb.OBJECTIVE_SEARCHES or search in reported:
                continue
            returned = _objective_returns(prog, search)
            if _validation_accessor(prog, returned):
                continue
            found = _test_evaluation(prog, *returned)
            if found is not None:
                evaluation, stack, part, site = found
                reported.add(search)
                # an evaluation helper (`accuracy(model, loader)`) is not wrong: the objective's call handing
                # it the test part is
                at = site if site and prog.function_of(site) != prog.function_of(evaluation) else evaluation
                repo.report(cls, **prog.where(at), related=[Location(prog.path(search), prog.line(search), "searched here"),
                                                                   Location(prog.path(part), prog.line(part), "test part")],
                            what="the best trial of the search", test=_name(prog, part), part=prog.describe(part), extra=_one_decision(prog, part))

    @classmethod
    def _stopping_on_test(cls, repo, prog: Program, reported: set[Ref]) -> None:
        """`fit(..., validation_data=test, callbacks=[EarlyStopping])`, a `Trainer` keeping its best model."""
        for fit in prog.nodes("fit"):
            info = prog.info(fit)
            if "eval" not in info or not (info.get("stop") or info.get("val_positional")):
                continue
            said, part = _test_among(prog, prog.input(fit, info["eval"]))
            if said == "test" and fit not in reported:
                reported.add(fit)
                what = ("the learners and hyperparameters the AutoML search keeps" if plain(info.get("cls", "")) in kb.SELECTING_FITS
                        else "whatever the fit uses its validation data for (early stopping, the best epoch or checkpoint)"
                        if info.get("val_positional") else "the stopping epoch, checkpoint or learning rate (monitored callbacks)")
                repo.report(cls, **prog.where(fit), related=[Location(prog.path(part), prog.line(part), "test part")],
                            what=what, test=_name(prog, part),
                            part=prog.describe(part), extra={**_one_decision(prog, part), **_unscored(prog, fit)})
        for call in prog.nodes("call"):
            held = kb.BOOSTER_TRAINERS.get(plain(str(prog.info(call).get("fn", ""))))
            kw = prog.info(call).get("kw", {})
            if held in kw and call not in reported and _stops_early(prog, call):
                said, part = _test_among(prog, prog.input(call, kw[held]))
                if said == "test" and not _split_of_training(prog, part):  # `lgb.train(..., valid_sets=[dtest], ...)`
                    reported.add(call)
                    repo.report(cls, **prog.where(call), related=[Location(prog.path(part), prog.line(part), "test part")],
                                what="the number of boosting rounds (early stopping)", test=_name(prog, part),
                                part=prog.describe(part), extra=_one_decision(prog, part))
        for call in prog.nodes("call"):
            if str(prog.info(call).get("fn", "")).endswith("ReduceLROnPlateau().step") and call not in reported:
                found = _test_evaluation(prog, *[i for i in prog.inputs(call)[1:] if i])
                if found is not None:  # `scheduler.step(test_loss)`: the learning rate follows the test score
                    evaluation, stack, part, site = found
                    reported.add(call)
                    repo.report(cls, **prog.where(call), related=[Location(prog.path(part), prog.line(part), "test part")],
                                what="the learning-rate schedule", test=_name(prog, part), part=prog.describe(part), extra=_one_decision(prog, part))
        for call in prog.nodes("call"):
            kw = prog.info(call).get("kw", {})
            if "eval_dataset" not in kw or not _keeps_best(prog, call):
                continue
            said, part = role(prog, prog.input(call, kw["eval_dataset"]))
            if said == "test" and call not in reported and not _split_of_training(prog, part):  # (a part of `ds["train"]`)
                reported.add(call)
                repo.report(cls, **prog.where(call), related=[Location(prog.path(part), prog.line(part), "test part")],
                            what="the checkpoint kept (best model at the end)", test=_name(prog, part), part=prog.describe(part), extra=_one_decision(prog, part))


def _unscored(prog: Program, fit: Ref) -> dict[str, str]:
    """A model stopped early on the test part that is then used, but never to predict or score (a
    tutorial printing only `tree_count_` to show where training stopped, held-out 14): no reported
    number comes from the choice, so it is asked, not reported."""
    used = False
    for n in prog.forward([fit], limit=400):
        used = used or n != fit
        called = f'{prog.info(n).get("m", "")} {prog.info(n).get("fn", "")}'.lower() if prog.kind(n) == "call" else ""
        if prog.kind(n) in ("pred", "metric") or any(w in called for w in ("eval", "test", "predict", "score", "valid")) \
                or (prog.kind(n) == "op" and prog.info(n).get("op") == "attr" and any(
                w in str(prog.info(n).get("a", "")).lower() for w in ("score", "result", "metric", "loss", "auc", "acc"))):
            return {}  # a prediction, a metric, `trainer.test(...)`, or the model's own `best_score_`
    if not used:
        return {}  # what the model is for is not shown here
    return {"ask": "nothing predicts with or scores the model stopped on the test part"}


def _one_decision(prog: Program, part: Ref) -> dict[str, str]:
    """Several programs of one folder selecting on a test part of the same name and kind (a
    training loop copied into one script per model, `NGCF.py`, `BPRMF.py`, `NMF.py`) are one decision:
    add a validation split. One finding names the others (hygiene.grouping), at the script named
    for its folder when there is one (`NGCF/NGCF.py`: the project's own model, the others baselines
    copied from it; held-out 11)."""
    path = prog.path(part)
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
    folder = path.rsplit("/", 2)[-2].lower() if path.count("/") else ""
    return {"group": f"selection on the test part `{_name(prog, part)}` ({prog.kind(part)})",
            "anchor_rank": 0 if stem == folder else 1}


# Ops that gather several values into one container: scores collected across settings or epochs.
_GATHERING = frozenset({"tuple", "append", "extend", "insert", "dict", "setitem", "update", "stack", "concatenate"})
# Curves hold one evaluation per threshold: their maximum is a choice among thresholds.
_CURVES = frozenset({"precision_recall_curve", "roc_curve", "det_curve"})
# Roots of calls that only draw: a value that reaches nothing else is shown, not used to choose.
_DRAWING = ("matplotlib.", "seaborn.", "plotly.", "bokeh.", "altair.")


def _one_evaluation(prog: Program, scores: list[Ref]) -> bool:
    """`np.max(cm)` / `cm.max()` of ONE evaluation's output (a confusion matrix, per-class scores):
    the largest cell, not the best of several evaluations. Scores gathered into a container (a
    list appended per epoch, a dict per setting) or a curve (one point per threshold) are several."""
    metrics = 0
    for node in prog.back(scores, limit=200, stop=lambda r: prog.kind(r) in ("metric", "fit", "split", "src", "pred")):
        kind, info = prog.kind(node), prog.info(node)
        if kind == "metric":
            if info.get("metric") in _CURVES:
                return False
            metrics += 1
        elif kind in ("comp", "concat", "setcol", "loop", "select") or (kind == "elem" and "loop" in info) or (
                kind == "op" and info.get("op") in _GATHERING):
            return False
    return metrics > 0


_OPPOSITE = {"argmax": "argmin", "argmin": "argmax", "max": "min", "min": "max", "nanargmax": "nanargmin",
             "nanargmin": "nanargmax", "nanmax": "nanmin", "nanmin": "nanmax"}


def _both_extremes(prog: Program, select: Ref) -> bool:
    """The best and the worst of the same scores tested in one condition (`if i == np.argmax(scores)
    or i == np.argmin(scores):` inside a loop that prints every setting's score): both ends of a
    sweep are shown alike, none is chosen (held-out 10, a robustness table)."""
    opposite = _OPPOSITE.get(str(prog.info(select).get("m", "")))
    scores = [i for i in prog.inputs(select) if i]
    if opposite is None or not scores:
        return False
    guards = None
    for other in prog.nodes("select", "stat"):
        if other == select or prog.info(other).get("m") != opposite or prog.function_of(other) != prog.function_of(select) \
                or [i for i in prog.inputs(other) if i] != scores:
            continue
        if guards is None:
            guards = {n for n in prog.forward([select], limit=20) if prog.kind(n) == "guard"}
        if guards & {n for n in prog.forward([other], limit=20) if prog.kind(n) == "guard"}:
            return True
    return False


def _reorders(prog: Program, select: Ref) -> bool:
    """`sorted(...)` whose result is only iterated in full (`[p for _, p in sorted(zip(row_ids, preds))]`):
    every element is kept, in another order; nothing is chosen (corpus9: a predictor putting its batches'
    outputs back in row order)."""
    if prog.kind(select) != "select" or prog.info(select).get("m") != "sorted":
        return False
    users = prog.users(select)
    return bool(users) and all(prog.kind(u) == "elem" and "loop" in prog.info(u) and "index" not in prog.info(u)
                               for u in users)


_INFERENCE_WORDS = frozenset({"predict", "predict_proba", "forecast", "infer", "inference", "generate", "sample"})


def _inference_rows(prog: Program, part: Ref, select: Ref) -> bool:
    """The rows called test are built inside a prediction method from its own parameter, with no cut
    between (`def predict(self, inputs): test_loader = DataLoader(Dataset(inputs, mode=TEST))`), and the
    selection is made inside that prediction (the method itself, or a method of its class it calls): the
    loader's name says "inference", the rows are whatever a caller asks to predict, and no step of a
    prediction is a choice on a test set (corpus9: Chronos-2's forecast unrolling, DNF-Net's predict_proba).
    A caller that keeps the best of several predictions on its test loader still chooses on test."""
    key = prog.function_of(part)
    if not key[1] or prog.kind(part) == "param":
        return False
    owner = prog.function(key).owner

    def in_prediction(fn: tuple[int, int]) -> bool:  # the method, or a method of its class (`<locals>` too)
        return fn == key or bool(owner and fn[1] and fn[0] == key[0] and prog.function(fn).qualname.split(".")[0] == owner)
    level, seen = [prog.function_of(select)], set()
    for _ in range(4):  # the choice is made in the prediction or in a helper it calls (`interpolate_quantiles`)
        if any(in_prediction(fn) for fn in level):
            break
        seen.update(level)
        level = [prog.function_of(c) for fn in level if fn[1] for c in prog.callers(fn)[:16]]
        level = [fn for fn in level if fn not in seen]
    else:
        return False
    if not any(in_prediction(fn) for fn in level):
        return False
    words = set(name_tokens(prog.function(key).qualname.rsplit(".", 1)[-1]))
    if not words & _INFERENCE_WORDS:
        return False
    reached_param = False
    for node in prog.back([part], rows=True, limit=60, stop=lambda r: prog.kind(r) in ("split", "part", "subset")):
        if prog.kind(node) == "split" or (prog.kind(node) in ("part", "subset") and prog.function_of(node) == key):
            return False  # rows cut here (a dataset's own per-item windows, in its class, are no cut of the rows)
        if prog.kind(node) == "param" and prog.function_of(node) == key:
            reached_param = True
    return reached_param


def _picks_a_row(prog: Program, select: Ref, part: Ref) -> bool:
    """An argmax or argmin over per-row errors used only to index the test rows themselves
    (`y_test[np.argmax(residuals)]`, the worst prediction to explain): it picks an item of the
    evaluated data to look at, not a setting, so nothing is chosen by the test score (corpus7)."""
    users = prog.users(select)
    if not users or prog.kind(select) != "select":
        return False
    rows: set[Ref] | None = None
    for user in users:
        if prog.kind(user) != "elem" or prog.input(user, 1) != select:
            return False
        if rows is None:
            # the test part and its siblings of the same split (`X_test` beside `y_test`)
            parts = [part, *(u for i in prog.inputs(part) if i for u in prog.users(i) if prog.kind(u) == prog.kind(part))]
            # (not past a metric: `thr` of `precision_recall_curve(y_test, scores)` are settings, not rows)
            rows = set(prog.forward(parts, limit=80, stop=lambda r: prog.kind(r) in ("metric", "stat", "select")))
        base = prog.input(user, 0)
        if base not in rows and not _predicted_rows(prog, base):
            return False  # (`depths[np.argmin(maes)]`: a list of settings indexed by the best score)
    return True


def _divisor_only(prog: Program, select: Ref) -> bool:
    """A maximum of scores used only to divide them (`max_error = np.max(errors)`; `importance =
    [e / max_error for e in errors]`, permutation importance on held-out rows): it rescales every
    score to the largest and chooses nothing (held-out 13). The division is a `fit` of the statistic
    on the same scores, and the statistic itself reaches nothing else."""
    if prog.kind(select) != "stat" or prog.users(select):
        return False
    scores = [i for i in prog.inputs(select) if i]
    return bool(scores) and any(
        prog.kind(n) == "fit" and prog.info(n).get("m") == "divide" and prog.info(n).get("cls") == prog.info(select).get("m")
        and prog.function_of(n) == prog.function_of(select) for n in prog.users(scores[0]))


def _shown_only(prog: Program, value: Ref) -> bool:
    """A maximum whose every use is drawing (`plt.ylim(0, max(test_accs))`, `ax.set_xlim((0, np.max(losses)))`
    on axes of `plt.subplots`, a colour threshold handed to `plt.text`): it shapes a figure and chooses nothing."""
    def drawing(ref: Ref) -> bool:  # `plt.ylim(...)`, or a drawing method of axes (`ax1.set_xlim(...)`, `ax.hist(...)`)
        return prog.kind(ref) == "call" and (str(prog.info(ref).get("fn", "")).startswith(_DRAWING) or (
            not prog.info(ref).get("fn") and prog.info(ref).get("m") in PLOTTING_METHODS))
    drawn = False
    reached = prog.forward([value], limit=200, stop=lambda r: r != value and drawing(r))
    for node in reached:
        if node == value:
            continue
        kind = prog.kind(node)
        if drawing(node):
            drawn = True
        elif kind not in ("op", "cmp", "param"):
            return False
    return drawn


def _objective_returns(prog: Program, search: Ref) -> list[Ref]:
    """What the objective handed to `study.optimize(objective)` / `fmin(fn=objective)` returns."""
    found = []
    for value in prog.inputs(search):
        # the objective defined here (`fn`), or imported from another module (`from trainable import train_mlp`)
        name = prog.info(value).get("fn" if prog.kind(value) == "fn" else "qn") if value and prog.kind(value) in (
            "fn", "import") else None
        if name in prog.functions:
            key = prog.functions[name]
            found.extend(returns(prog, key))
            # a Ray Tune trainable reports its score (`train.report({"accuracy": acc})`) instead of returning it
            found.extend(r for call in prog.nodes_in(key[0], "call") if prog.function_of(call) == key
                         and plain(str(prog.info(call).get("fn", ""))) in kb.TRIAL_REPORTS for r in prog.inputs(call) if r)
    return found


def _validation_accessor(prog: Program, values: list[Ref]) -> bool:
    """`return run(params).get_val_score()`: the score read out of a result that holds every split's
    scores (validation and test) by an accessor that names the validation split. The dataflow
    follows the whole object back to both evaluations; the accessor's name says which one is read."""
    for node in prog.back(list(values), limit=30, stop=lambda r: prog.kind(r) in ("metric", "fit", "pred", "split")):
        info = prog.info(node)
        if prog.kind(node) != "call" or not info.get("m") or len([i for i in prog.inputs(node) if i]) > 1:
            continue
        if kb.name_role(str(info["m"])) == "val":
            return True
    return False


def _test_among(prog: Program, held: Ref) -> tuple[str | None, Ref]:
    """The test part among the held-out sets of `evals=[(dtrain, "train"), (dtest, "test")]`
    (stopping watches every set but the training one)."""
    sets = list(prog.inputs(held)) if held and prog.kind(held) == "op" and prog.info(held).get("op") == "tuple" else [held]
    for item in sets:
        if item and prog.kind(item) == "op" and prog.info(item).get("op") == "tuple":
            item = prog.input(item, 0)  # `(dtest, "test")`
        said, part = role(prog, item) if item else (None, 0)
        if said == "test":
            return said, part
    return None, 0


def _stops_early(prog: Program, call: Ref) -> bool:
    """`early_stopping_rounds=50`, or `callbacks=[lgb.early_stopping(50)]`."""
    kw = prog.info(call).get("kw", {})
    if "early_stopping_rounds" in kw:
        return True
    listed = prog.input(call, kw["callbacks"]) if "callbacks" in kw else 0
    return any("early_stopping" in str(prog.info(r).get("fn", "")) or "EarlyStopping" in str(prog.info(r).get("fn", ""))
               for r in prog.back([listed], limit=12)) if listed else False


def _kept_across_calls(prog: Program, test: Ref) -> bool:
    """`if acc > best_acc:` in a function, with `best_acc` a module global or an attribute: a best
    kept across the calls of a `test(epoch)` run once per epoch."""
    here = prog.function_of(test)
    if any(prog.kind(o) in ("global", "selfattr") or prog.function_of(o) != here for o in prog.inputs(test) if o):
        return True
    guards = [g for g in prog.users(test) if prog.kind(g) == "guard"]
    return any(prog.kind(n) == "effect" and prog.info(n).get("what") == "best" for g in guards for n in prog.guarded(g))


def _compared(prog: Program, test: Ref) -> Ref:
    """The `a > b` an `if` tests, directly or through a parameter (`save_checkpoint(state, is_best)`
    with `is_best = acc > best` at the caller and `if is_best:` inside)."""
    tests = [test] if test else []
    if test and prog.kind(test) == "param":
        key = prog.function_of(test)
        tests = [prog.argument(call, key, test) for call in prog.callers(key)[:8]]
    for candidate in tests:
        if candidate and prog.kind(candidate) == "cmp" and prog.info(candidate).get("op") in ("<", ">", "<=", ">="):
            return candidate
    return 0


def _actions(prog: Program, guard: Ref) -> set[str]:
    """What happens when a guard's test holds (or fails): a save, a break, a return."""
    found: set[str] = set()
    test = prog.input(guard, 0)
    guards = [g for g in prog.users(test) if prog.kind(g) == "guard"] if test else [guard]
    queue = list(guards)
    seen: set[Ref] = set()
    while queue:
        current = queue.pop()
        if current in seen:
            continue
        seen.add(current)
        for node in prog.guarded(current):
            kind = prog.kind(node)
            if kind == "call" and prog.info(node).get("save"):
                found.add("save")
            elif kind == "effect" and prog.info(node).get("what") in ("break", "return"):
                found.add(prog.info(node)["what"])
            elif kind == "effect" and prog.info(node).get("what") == "keep":
                found.add(f"`{prog.info(node).get('name')}`")
            elif kind == "guard":
                queue.append(node)
    return found


_SWEEP_DICT_METRIC = re.compile(r"""["']metric["']\s*:\s*\{\s*["']name["']\s*:\s*["']([^"']+)["']""")


def _sweep_metrics(repo) -> dict[str, str]:  # noqa: ANN001
    """The metrics W&B sweeps of the repository optimise -> the file saying so: sweep YAML files at the root
    or one folder down (`method:` and `metric: name:`), and `wandb.sweep({... "metric": {"name": ...}})` dicts."""
    found: dict[str, str] = {}
    root = repo.root
    for pattern in ("*.yaml", "*.yml", "*/*.yaml", "*/*.yml"):
        for file in sorted(root.glob(pattern))[:200]:
            rel = file.relative_to(root).as_posix()
            if "sweep" not in rel.lower():
                continue
            try:
                text = repo.read_bytes(rel).decode("utf-8", "replace")
            except OSError:
                continue
            name = yaml_value(text, "metric.name")
            if name and yaml_value(text, "method"):
                found.setdefault(name.strip().strip("'\""), rel)
    for path, names in repo.facts("LEAK003:sweep"):
        for name in names:
            found.setdefault(name, path)
    return found


def _test_evaluation(prog: Program, *values: Ref) -> tuple[Ref, Stack, Ref, Ref] | None:
    """(evaluation, its call stack, the test part, the call site it was reached through) when
    `values` are derived from an evaluation on data whose role is test."""
    for evaluation, stack, truth, entry in evaluations(prog, list(values)):
        said, part, via = role_via(prog, truth, stack)
        if said == "test" and not _cv_fold(prog, truth) and not _weights_path(prog, part) \
                and not _read_from_validation(prog, part) and not _split_of_training(prog, part) \
                and not _helper_local_name(prog, part, stack) and not _named_only(prog, part, stack):
            return evaluation, stack, part, entry or via
    return None


def _named_only(prog: Program, part: Ref, stack: Stack) -> bool:
    """A parameter called test (`test_controls`, GCG's and AutoDAN's candidate prefixes of one attack
    step) whose callers hand it values that no split, held-out file or role-named data reaches: the
    name is the author's word for "to try", and the lowest-loss candidate is the method's own step,
    not a choice made on a test set (held-out set 27)."""
    if prog.kind(part) != "param":
        return False
    key = prog.function_of(part)
    calls = [stack[-1]] if stack and prog.callee(stack[-1]) == key else prog.callers(key)[:16]
    given = [argument for call in calls if (argument := prog.argument(call, key, part))]
    if not given:
        return False  # no caller in the repository: the name is all there is
    behind = prog.back(given, rows=True, limit=400)
    if len(behind) >= 400:
        return False  # the walk stopped before the end: what lies beyond is unknown
    return not any(prog.kind(node) in ("split", "part") or carried_role(prog, node) for node in behind)


def _helper_local_name(prog: Program, part: Ref, stack: Stack) -> bool:
    """`y_test = torch.cat([y_test, y])` inside `classification_scores(model, dloader)`: a helper's local
    name for the rows of whatever it is handed. When those rows are the parameter's (no cut between),
    the callers' arguments say which rows they are, as for a parameter's own name (held-out set 24:
    scores on the validation loader, taken for the test part by the helper's name)."""
    if prog.kind(part) == "param" or not prog.function_of(part)[1]:
        return False
    key = prog.function_of(part)
    said: set[str | None] = set()
    for node in prog.back([part], rows=True, limit=60, stop=lambda r: prog.kind(r) in ("split", "part", "subset")):
        if prog.kind(node) in ("split", "part", "subset") and prog.function_of(node) == key:
            return False  # rows cut inside the helper: its name states the cut
        if prog.kind(node) == "param" and prog.function_of(node) == key:
            calls = [stack[-1]] if stack and prog.callee(stack[-1]) == key else prog.callers(key)[:16]
            said |= {role(prog, argument)[0] for call in calls if (argument := prog.argument(call, key, node))}
    said.discard(None)
    return bool(said) and "test" not in said


def _read_from_validation(prog: Program, part: Ref) -> bool:
    """A value called test by its name only, built from a part whose key says validation
    (`test_path = data_dict["val"]`; `testloader = create_dataloader(test_path, ...)`): the key
    says which rows it holds, the name is the author's word for "evaluated during training" (held-out 12)."""
    if prog.kind(part) == "part" and prog.info(part).get("key"):
        return False
    for node in prog.back([part], limit=40, stop=lambda r: prog.kind(r) in ("split", "fit", "pred", "part")):
        if prog.kind(node) == "part" and prog.info(node).get("key") and prog.info(node).get("role") == "val":
            return True
    return False


def _split_of_training(prog: Program, part: Ref) -> bool:
    """`x_tr, x_te, y_tr, y_te = train_test_split(x_train, y_train)`: the "test" part of a split of
    the training rows is held out from training, a validation part; choosing on it is selection done
    right, whatever the name says."""
    for node in prog.back([part], limit=12, stop=lambda r: prog.kind(r) in ("split", "fit", "pred")):
        if prog.kind(node) == "split":
            return any(i and role(prog, i)[0] == "train" for i in prog.inputs(node))
    return False


_WEIGHT_LOADS = ("load_state_dict", "from_pretrained", "load_checkpoint", "load_weights", "load_model")
_WEIGHT_WORDS = frozenset({"checkpoint", "ckpt", "state", "weights", "params", "model", "pt"})


def _weights_path(prog: Program, part: Ref) -> bool:
    """The test-named value is where weights are read from (`test_from = args.test_from`;
    `torch.load(test_from)` into a checkpoint): it names the model tested, not the rows scored."""
    for node in prog.forward([part], limit=40, stop=lambda r: prog.kind(r) not in ("op", "call", "src")):
        info = prog.info(node)
        fn = str(info.get("fn") or info.get("call") or "")
        if fn.endswith(_WEIGHT_LOADS):
            return True
        if fn.endswith("load") and prog.kind(node) == "src" and \
                set(name_tokens(str(info.get("name", "")))) & _WEIGHT_WORDS:
            return True  # `checkpoint = torch.load(test_from)`
    return False


def _cv_fold(prog: Program, ref: Ref) -> bool:
    """Rows that are the held-out fold of a cross-validation splitter (`for tr, te in
    KFold(5).split(X)`): choosing on them is model selection by cross-validation, whatever the
    fold is called (`X_in_test`)."""
    for node in prog.back([ref], limit=300, stop=lambda r: prog.kind(r) in ("fit", "pred", "apply", "llm")):
        if prog.kind(node) == "split" and ("roles" in prog.info(node) or prog.info(node).get("cv")):
            return True
        if prog.kind(node) == "call" and prog.info(node).get("m") == "split" and not prog.info(node).get("lits") \
                and any(prog.inputs(node)[1:]):
            return True  # `for tr, te in inner_cv.split(X, y)`: a splitter handed in as a parameter
    return False


def _name(prog: Program, part: Ref) -> str:
    info = prog.info(part)
    if prog.kind(part) == "part" and isinstance(info.get("key"), str) and not info.get("name"):
        return f'{prog.info(prog.input(part, 0)).get("name", "")}["{info["key"]}"]'  # `ds["test"]`
    if prog.kind(part) == "const" and info.get("value"):
        return f'split="{info["value"]}" (a default argument)'
    return info.get("name") or info.get("path") or info.get("on") or "the test data"


def _chosen(prog: Program, select: Ref) -> str:
    name = prog.info(select).get("name")
    if name:
        return f"`{name}`"
    return "the best setting"


def _keeps_best(prog: Program, call: Ref) -> bool:
    """A Trainer-like call that keeps its best checkpoint or stops early (its arguments made here or
    by a helper: `args=make_args(out_dir)`). `metric_for_best_model` / `greater_is_better` alone keep
    nothing: without `load_best_model_at_end` the model at the end is the last one, whatever its score."""
    if prog.info(call).get("m") in _EVALUATING:
        return False  # `trainer.evaluate(eval_dataset=test)`: one evaluation after training, not a choice
    for value in prog.back([i for i in prog.inputs(call) if i], limit=40, stop=lambda r: prog.kind(r) in ("src", "fit")):
        if not value:
            continue
        info = prog.info(value)
        if "EarlyStopping" in str(info.get("fn", "")):
            return True
        if "load_best_model_at_end" in info.get("keys", []):
            return True  # `TrainingArguments(**{"load_best_model_at_end": flag, ...})`
        if ("load_best_model_at_end" in info.get("kw", {}) or "load_best_model_at_end" in info.get("lits", {})) \
                and info.get("lits", {}).get("load_best_model_at_end") is not False:
            return True  # `True`, or a value from the configuration; a literal `False` keeps nothing
        if prog.kind(value) == "op" and info.get("op") == "tuple":
            if any("EarlyStopping" in str(prog.info(i).get("fn", "")) for i in prog.inputs(value) if i):
                return True
    return False


def _predicted_rows(prog: Program, ref: Ref) -> bool:
    """A model's outputs, or a subset of them (`np.max(smax[wrong], axis=1)`, the confidence
    of the correctly classified items): a maximum over them is a prediction's confidence, not a
    choice among evaluations."""
    for _ in range(6):
        if not ref:
            return False
        if prog.kind(ref) in PREDICTING:
            return True
        if prog.kind(ref) in ("subset", "elem"):
            ref = prog.input(ref, 0)  # `smax[right_indices]`, `smax[np.invert(right_indices)]`
        elif prog.kind(ref) == "call" and str(prog.info(ref).get("m", "")) in _KEEPS_ITEMS:
            ref = next((i for i in prog.inputs(ref) if i), 0)  # `F.softmax(net(x), dim=1).numpy()`
        else:
            return False
    return False


_KEEPS_ITEMS = frozenset({"softmax", "log_softmax", "sigmoid", "numpy", "cpu", "detach", "to", "cuda", "float",
                          "exp", "tolist", "squeeze"})


_TEST_SPLIT_VALUES = frozenset({"test", "testing", "eval_test"})


def _loaded_attributes(function: cst.FunctionDef) -> tuple[set[str], cst.CSTNode] | None:
    """`return DataLoader(self.test_set, batch_size=self.bs)`: ({"test_set", "bs"}, the return statement)."""
    for node in iter_nodes(function.body):
        if isinstance(node, cst.Return) and isinstance(node.value, cst.Call) and node.value.args:
            attrs = {n.attr.value for a in node.value.args for n in iter_nodes(a.value)
                     if isinstance(n, cst.Attribute) and isinstance(n.value, cst.Name) and n.value.value == "self"}
            return (attrs, node) if attrs else None
    return None


def _test_attributes(node: cst.ClassDef) -> set[str]:
    """Attributes a class sets to a test split: `self.test_set = CIFAR10(root, train=False)`,
    `self.ds = load_dataset(..., split="test")`, `SPEECHCOMMANDS(root, subset="testing")`."""
    found = set()
    for assign in iter_nodes(node):
        if not (isinstance(assign, cst.Assign) and len(assign.targets) == 1 and isinstance(assign.value, cst.Call)):
            continue
        target = assign.targets[0].target
        if not (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self"):
            continue
        for arg in assign.value.args:
            if arg.keyword is None:
                continue
            key, value = arg.keyword.value, arg.value
            if key == "train" and isinstance(value, cst.Name) and value.value == "False":
                found.add(target.attr.value)
            elif key in ("split", "subset") and isinstance(value, cst.SimpleString) and value.value[1:-1] in _TEST_SPLIT_VALUES:
                found.add(target.attr.value)
    return found


def _names_validation(value: cst.BaseExpression) -> bool:
    """`"val_acc"`, `"val/loss"`, `"valid_f1"`: a metric of the validation loop."""
    text = value.value[1:-1].lower() if isinstance(value, cst.SimpleString) else ""
    return text.startswith(("val", "valid"))
