"""LEAK005: a random row split of data whose rows come in groups (patients, users, prompts) or in time."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.dataflow import knowledge as kb
from hygiene.analysis.stdast import FUNCTIONS, module_tree, scope_nodes, scopes
from hygiene.analysis.dataflow.program import Program, Ref, program
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid

# After `groupby(<id>)`, these keep one value per row: several rows per group, rows unchanged.
_PER_ROW = frozenset({"transform", "cumcount", "shift", "diff", "rank", "cumsum", "cummax", "cummin", "expanding",
                      "rolling", "fillna", "ngroup", "pct_change"})
# ... and these make one row per group.
_PER_GROUP = frozenset({"agg", "aggregate", "mean", "sum", "first", "last", "size", "count", "median", "max", "min",
                        "nth", "head", "tail", "std", "var", "apply"})
_COUNTS = frozenset({"nunique", "value_counts", "unique", "duplicated", "n_unique",
                     "distinct"})  # Spark: `df.select("user_id").distinct().count()`
_DISTINCT = frozenset({"builtins.set", "numpy.unique", "pandas.unique", "collections.Counter"})
_LAGS = kb.LAG_METHODS | kb.WINDOW_METHODS


class RandomSplitOfGroups(Rule):
    """
    ## What it does
    Finds a random train/test split (or an ungrouped K-fold) of rows that belong to groups with
    several rows each, such as stays of one patient, windows of one subject, ratings of one user
    or answers to one prompt, when the code shows the rows repeat per group (it counts distinct
    ids, also in the row table of an AnnData object, `adata.obs["donor_id"].nunique()`, counts rows per id with `groupby(id).size()`, computes per-group features, keeps both a person's id and a
    finer row key such as `visit_id` out of the features, reads one
    file per subject and tags its rows with the subject before concatenating, or builds one record
    per part of an item, such as each lesion of a patient's scan, tagged with the item's patient, or takes the
    id column out as `groups = df["patient_id"]` and hands it to no split, or builds the group of every
    row item by item, `groups.append(np.full(len(epochs), subj))`, and splits with no groups); and a shuffled
    split of rows in time order: lag or rolling features, or rows the code sorted by a time column
    and then split with `train_test_split`'s default shuffle or a `KFold(shuffle=True)`
    (not when the order only picks rows, `sort_values("time").tail(n)`, or the time column is dropped
    and no lag or window feature carries it). A bare
    `subject` column counts only when set per file or loop iteration (MMLU's `subject` is a topic).
    The data can show it too: a file of the repo, read and split row for row (pandas, or
    `load_dataset("csv", data_files=...)`), whose group-id column repeats a value.
    Rows selected for one value of the group column (`df[df.country_id == 219]`) hold one group: not
    reported. fastai's `ImageDataLoaders.from_df(df, ..., valid_pct=0.2)` (and the other `from_*` builders given
    `valid_pct`) split the frame's rows at random.

    ## Why is this bad?
    Rows of one group share much more than rows of different groups, so the test part contains
    close relatives of the training rows: the score measures recognising patients (or users, or
    prompts) already seen, not generalising to new ones. With time series, shuffling puts the
    future into training.

    ## Example
        print(stays["subject_id"].nunique(), "subjects")
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=0)

    Use instead:
        split = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=0)
        train_idx, test_idx = next(split.split(X, y, groups=stays["subject_id"]))
    """

    code = "LEAK005"
    category = "LEAK-SPLIT"
    severity = Severity.WARNING
    # The per-file pass (`visit_Module`): an array of groups built item by item and handed to no split.
    kinds = frozenset({"python", "notebook"})
    triggers = ("groups", "group_ids")
    dataflow_starts = frozenset({"split"})
    message = "`{on}` is split at random at {where}, but its rows come in groups of `{group}` ({evidence}): the same {unit} can sit in train and test"
    question = "Can one `{group}` have rows on both sides of the split at {where}, and should the split be grouped by it?"
    examples = [
        invalid("""
            import numpy as np
            import scanpy as sc
            from sklearn.model_selection import train_test_split
            adata = sc.read_h5ad("data/pbmc_24donors.h5ad")
            X, y = adata.X, (adata.obs["disease"] == "SLE").to_numpy()
            print(adata.obs["donor_id"].nunique(), "donors,", adata.n_obs, "cells")
            idx_train, idx_test = train_test_split(np.arange(adata.n_obs), test_size=0.25, stratify=y, random_state=0)  # expect: LEAK005
            clf.fit(X[idx_train], y[idx_train])
        """, note="held-out probe 19: AnnData cells split at random, the donors counted in `adata.obs`"),
        valid("""
            import numpy as np
            import scanpy as sc
            from sklearn.model_selection import GroupShuffleSplit
            adata = sc.read_h5ad("data/pbmc_24donors.h5ad")
            X, y = adata.X, (adata.obs["disease"] == "SLE").to_numpy()
            print(adata.obs["donor_id"].nunique(), "donors,", adata.n_obs, "cells")
            split = GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=0)
            idx_train, idx_test = next(split.split(np.arange(adata.n_obs), y, groups=adata.obs["donor_id"]))
            clf.fit(X[idx_train], y[idx_train])
        """, note="near miss: the cells split by donor"),
        invalid("""
            import numpy as np
            from sklearn.model_selection import KFold, cross_val_score

            X_all, y_all, groups = [], [], []
            for subj in range(1, 21):
                epochs = load_epochs(subj)
                X_all.append(epochs.get_data())
                y_all.append(epochs.events[:, -1])
                groups.append(np.full(len(epochs), subj))
            X, y, groups = np.concatenate(X_all), np.concatenate(y_all), np.concatenate(groups)
            scores = cross_val_score(clf, X, y, cv=KFold(5, shuffle=True, random_state=0))  # expect: LEAK005
        """, note="probe 18: the group of every row built subject by subject, then a K-fold that is not handed it"),
        valid("""
            import numpy as np
            from sklearn.model_selection import GroupKFold, cross_val_score

            X_all, y_all, groups = [], [], []
            for subj in range(1, 21):
                epochs = load_epochs(subj)
                X_all.append(epochs.get_data())
                y_all.append(epochs.events[:, -1])
                groups.append(np.full(len(epochs), subj))
            X, y, groups = np.concatenate(X_all), np.concatenate(y_all), np.concatenate(groups)
            scores = cross_val_score(clf, X, y, groups=groups, cv=GroupKFold(5))
        """, note="near miss: the groups reach a grouped splitter"),
        invalid("""
            from pyspark.sql import SparkSession
            spark = SparkSession.builder.getOrCreate()
            sessions = spark.read.parquet("data/sessions.parquet")
            print("users", sessions.select("user_id").distinct().count())
            train, test = sessions.randomSplit([0.8, 0.2], seed=5)  # expect: LEAK005
            model = pipeline.fit(train)
        """, note="probe17: Spark's randomSplit of sessions whose users the code counts"),
        valid("""
            from pyspark.sql import SparkSession
            spark = SparkSession.builder.getOrCreate()
            sessions = spark.read.parquet("data/sessions.parquet")
            print("users", sessions.select("user_id").distinct().count())
            users_tr, users_te = sessions.select("user_id").distinct().randomSplit([0.8, 0.2], seed=5)
            train = sessions.join(users_tr, "user_id")
            test = sessions.join(users_te, "user_id")
            model = pipeline.fit(train)
        """, note="near miss: the distinct users are split, and the sessions follow them"),
        valid("""
            import pandas as pd
            from sklearn.ensemble import RandomForestClassifier
            from sklearn.model_selection import train_test_split

            df = pd.read_csv("train.csv")
            print(df.groupby("visitor_location_country_id").size().nlargest(5))
            us = df.loc[df["visitor_location_country_id"] == 219]
            us = us.sample(frac=0.6, random_state=99)
            X = us.drop(columns=["click_bool"])
            y = us["click_bool"]
            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=1)
            rf = RandomForestClassifier(random_state=0).fit(X_train, y_train)
            print(rf.score(X_test, y_test))
        """, note="near miss (held-out set 20): the rows split are one country's; there is no group to keep apart"),
        invalid("""
            import pandas as pd
            from sklearn.ensemble import RandomForestClassifier
            from sklearn.model_selection import train_test_split

            df = pd.read_csv("train.csv")
            print(df.groupby("visitor_location_country_id").size().nlargest(5))
            us = df.loc[df["visitor_location_country_id"] != 219]
            us = us.sample(frac=0.6, random_state=99)
            X = us.drop(columns=["click_bool"])
            y = us["click_bool"]
            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=1)  # expect: LEAK005
            rf = RandomForestClassifier(random_state=0).fit(X_train, y_train)
            print(rf.score(X_test, y_test))
        """, note="the twin: every country but one, each with many rows, split by row"),
        invalid("""
            import numpy as np
            import pandas as pd
            from sklearn.model_selection import StratifiedKFold

            meta = pd.read_csv("data/clips.csv")
            X = np.load("data/logmel_stats.npy")
            y = meta["keyword"].to_numpy()
            speakers = meta["speaker_id"].to_numpy()
            print(f"{len(meta)} clips from {len(np.unique(speakers))} speakers")
            skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
            for tr, te in skf.split(X, y):  # expect: LEAK005
                evaluate(X[tr], y[tr], X[te], y[te])
        """, note="probe 14: the labels handed to the splitter come from a table whose speaker ids the code counts; "
                  "the features are an array of the same clips"),
        valid("""
            import numpy as np
            import pandas as pd
            from sklearn.model_selection import StratifiedGroupKFold

            meta = pd.read_csv("data/clips.csv")
            X = np.load("data/logmel_stats.npy")
            y = meta["keyword"].to_numpy()
            speakers = meta["speaker_id"].to_numpy()
            print(f"{len(meta)} clips from {len(np.unique(speakers))} speakers")
            sgkf = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=0)
            for tr, te in sgkf.split(X, y, groups=speakers):
                evaluate(X[tr], y[tr], X[te], y[te])
        """, note="near miss: the speakers are the groups of the split"),
        invalid("""
            import pandas as pd
            from sklearn.linear_model import LogisticRegression
            from sklearn.model_selection import KFold, cross_validate

            sessions = pd.read_csv("data/gait_sessions.csv")
            X, y = sessions[["f_speed", "f_cadence"]], sessions["pd_label"]
            groups = sessions["patient_id"]
            cv = KFold(n_splits=5, shuffle=True, random_state=0)
            scores = cross_validate(LogisticRegression(), X, y, cv=cv)  # expect: LEAK005
        """, note="probe 13: the id column is taken out as `groups` (so the rows repeat per patient) and never handed to the split"),
        valid("""
            import pandas as pd
            from sklearn.linear_model import LogisticRegression
            from sklearn.model_selection import GroupKFold, cross_validate

            sessions = pd.read_csv("data/gait_sessions.csv")
            X, y = sessions[["f_speed", "f_cadence"]], sessions["pd_label"]
            groups = sessions["patient_id"]
            scores = cross_validate(LogisticRegression(), X, y, cv=GroupKFold(n_splits=5), groups=groups)
        """, note="near miss: the groups reach a grouped splitter"),
        invalid("""
            from datasets import load_dataset
            frames = load_dataset("csv", data_files="data/gait_windows.csv", split="train")
            print(frames.num_rows, "windows from", len(set(frames["subject_id"])), "walkers")
            parts = frames.train_test_split(test_size=0.25, seed=4)  # expect: LEAK005
        """, note="a datasets split of windows, several per subject: the count of distinct ids through set()"),
        invalid("""
            from datasets import load_dataset
            frames = load_dataset("csv", data_files="data/gait_windows.csv", split="train")
            walkers = frames.unique("subject_id")
            parts = frames.train_test_split(test_size=0.25, seed=4)  # expect: LEAK005
        """, note="datasets' own distinct values of the id column"),
        valid("""
            from datasets import load_dataset
            frames = load_dataset("csv", data_files="data/gait_windows.csv", split="train")
            print(frames.num_rows, "windows from", len(set(frames["subject_id"])), "walkers")
            held = set(sorted(set(frames["subject_id"]))[::5])
            test = frames.filter(lambda r: r["subject_id"] in held)
            train = frames.filter(lambda r: r["subject_id"] not in held)
        """, note="near miss: the same count, then a split by subject"),
        invalid({
            "scans/__init__.py": "",
            "scans/records.py": """
                def load_records(db):
                    rows = []
                    for scan in db.scans():
                        for lesion in scan["lesions"]:
                            rows.append({"patient_id": scan["name"][:8], "crop": crop(scan, lesion),
                                         "label": lesion["malignant"]})
                    return rows
            """,
            "scans/features.py": """
                import numpy as np
                from records import load_records

                def arrays(db):
                    records = load_records(db)
                    X = np.stack([r["crop"] for r in records])
                    y = np.array([r["label"] for r in records])
                    return X, y
            """,
            "train.py": """
                from sklearn.model_selection import train_test_split
                from scans.features import arrays

                X, y = arrays(database)
                X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y)  # expect: LEAK005
                print(fit(X_tr, y_tr).score(X_te, y_te))
            """,
        }, note="records made per lesion inside a loop over each patient's scan, tagged with the scan's patient"),
        valid({
            "scans/__init__.py": "",
            "scans/records.py": """
                def load_records(db):
                    rows = []
                    for scan in db.scans():
                        rows.append({"patient_id": scan["name"][:8], "crop": crop(scan, scan["lesions"][0]),
                                     "label": scan["lesions"][0]["malignant"]})
                    return rows
            """,
            "scans/features.py": """
                import numpy as np
                from records import load_records

                def arrays(db):
                    records = load_records(db)
                    X = np.stack([r["crop"] for r in records])
                    y = np.array([r["label"] for r in records])
                    return X, y
            """,
            "train.py": """
                from sklearn.model_selection import train_test_split
                from scans.features import arrays

                X, y = arrays(database)
                X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, stratify=y)
                print(fit(X_tr, y_tr).score(X_te, y_te))
            """,
        }, note="near miss: one record per scan (a single loop), tagged with its patient: nothing says a "
                "patient has several rows"),
        invalid({
            "cohort.py": '''
                import pandas as pd
                def load_cohort(path):
                    stays = pd.read_parquet(path)
                    print(len(stays), "stays of", stays["subject_id"].nunique(), "subjects")
                    return stays
            ''',
            "train.py": '''
                from sklearn.model_selection import train_test_split
                from cohort import load_cohort
                cohort = load_cohort("stays.parquet")
                X, y = cohort[FEATURES], cohort["died"]
                X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=0)  # expect: LEAK005
            ''',
        }),
        valid({
            "cohort.py": '''
                import pandas as pd
                def load_cohort(path):
                    stays = pd.read_parquet(path)
                    print(len(stays), "stays of", stays["subject_id"].nunique(), "subjects")
                    return stays
            ''',
            "train.py": '''
                from sklearn.model_selection import GroupShuffleSplit
                from cohort import load_cohort
                cohort = load_cohort("stays.parquet")
                X, y = cohort[FEATURES], cohort["died"]
                splitter = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=0)
                train_idx, test_idx = next(splitter.split(X, y, groups=cohort["subject_id"]))
            ''',
        }, note="near miss of the same layout: the split is grouped by the subject the loader counts"),
        invalid({"ratings.ipynb": notebook(
            """
            import pandas as pd
            from sklearn.model_selection import train_test_split
            ratings = pd.read_csv("data/ratings.csv")
            """,
            """
            per_user = ratings.groupby("user_id").size()
            per_user.describe()
            """,
            """
            X = ratings[["item_popularity", "user_mean", "genre_match"]]
            y = ratings["liked"]
            """,
            """
            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=7)  # expect: LEAK005
            """,
        )}, note="notebook: one cell counts ratings per user, a later cell splits the ratings row by row"),
        valid({"ratings.ipynb": notebook(
            """
            import pandas as pd
            from sklearn.model_selection import GroupShuffleSplit
            ratings = pd.read_csv("data/ratings.csv")
            """,
            """
            per_user = ratings.groupby("user_id").size()
            per_user.describe()
            """,
            """
            X = ratings[["item_popularity", "user_mean", "genre_match"]]
            y = ratings["liked"]
            """,
            """
            splitter = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=7)
            train_idx, test_idx = next(splitter.split(X, y, groups=ratings["user_id"]))
            """,
        )}, note="near miss: the same cells, the split grouped by user"),
        invalid({"forecast.ipynb": notebook(
            """
            import pandas as pd
            from sklearn.model_selection import train_test_split
            sales = pd.read_csv("data/sales.csv", parse_dates=["date"]).sort_values("date")
            """,
            """
            sales["lag_7"] = sales["units"].shift(7)
            sales["mean_28"] = sales["units"].rolling(28).mean()
            sales = sales.dropna()
            """,
            """
            X_tr, X_te, y_tr, y_te = train_test_split(sales[["lag_7", "mean_28"]], sales["units"], test_size=0.2)  # expect: LEAK005
            """,
        )}, note="notebook: lag and rolling features in one cell, a shuffled split in the next"),
        valid({"forecast.ipynb": notebook(
            """
            import pandas as pd
            from sklearn.model_selection import train_test_split
            sales = pd.read_csv("data/sales.csv", parse_dates=["date"]).sort_values("date")
            """,
            """
            sales["lag_7"] = sales["units"].shift(7)
            sales["mean_28"] = sales["units"].rolling(28).mean()
            sales = sales.dropna()
            """,
            """
            X_tr, X_te, y_tr, y_te = train_test_split(sales[["lag_7", "mean_28"]], sales["units"], test_size=0.2, shuffle=False)
            """,
        )}, note="near miss: the same cells, the split keeps time order"),
        invalid("""
            import pandas as pd
            from sklearn.model_selection import KFold, cross_val_score
            ratings = pd.read_csv("judgements.csv")
            ratings["n_for_prompt"] = ratings.groupby("prompt_id")["score"].transform("count")
            scores = cross_val_score(model, ratings[cols], ratings["label"], cv=KFold(5, shuffle=True, random_state=0))  # expect: LEAK005
        """, note="LLM style: several responses per prompt, folds not grouped by prompt"),
        invalid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            prices = pd.read_csv("prices.csv").sort_values("date")
            prices["lag1"] = prices["close"].shift(1)
            X_tr, X_te, y_tr, y_te = train_test_split(prices[["lag1"]], prices["close"], random_state=0)  # expect: LEAK005
        """, note="a shuffled split of a time series with lag features"),
        valid("""
            import pandas as pd
            from sklearn.model_selection import GroupShuffleSplit
            stays = pd.read_parquet("stays.parquet")
            print(stays["subject_id"].nunique())
            tr, te = next(GroupShuffleSplit(test_size=0.2, random_state=0).split(X, y, stays["subject_id"]))
        """, note="a grouped split"),
        valid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            customers = pd.read_csv("churn.csv")
            X = customers.drop(columns=["customer_id", "churned"])
            X_tr, X_te, y_tr, y_te = train_test_split(X, customers["churned"], random_state=0)
        """, note="an id column, but nothing says a customer has several rows"),
        invalid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            admissions = pd.read_csv("admissions.csv")
            X = admissions.drop(columns=["admission_key", "PatientID", "readmitted"])
            X_tr, X_te, y_tr, y_te = train_test_split(X, admissions["readmitted"], random_state=0)  # expect: LEAK005
        """, note="a key per row and a patient id, both kept out of the features: admissions within patients"),
        valid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            bank = pd.read_csv("bank_churn.csv")
            X = bank.drop(columns=["RowNumber", "CustomerId", "Exited"])
            X_tr, X_te, y_tr, y_te = train_test_split(X, bank["Exited"], random_state=0)
        """, note="a row number and a customer id: one row per customer, a row number is not a finer unit"),
        invalid("""
            import polars as pl
            from sklearn.model_selection import KFold, cross_val_score
            ticks = pl.read_parquet("ticks.parquet").sort(by="event_time")
            feats = ticks.select(["spread", "volume"]).to_numpy()
            scores = cross_val_score(gbm, feats, ticks.get_column("ret").to_numpy(), cv=KFold(5, shuffle=True, random_state=0))  # expect: LEAK005
        """, note="polars rows sorted by time, then shuffled folds"),
        valid("""
            import polars as pl
            from sklearn.model_selection import TimeSeriesSplit, cross_val_score
            ticks = pl.read_parquet("ticks.parquet").sort(by="event_time")
            feats = ticks.select(["spread", "volume"]).to_numpy()
            scores = cross_val_score(gbm, feats, ticks.get_column("ret").to_numpy(), cv=TimeSeriesSplit(5))
        """, note="polars rows sorted by time, folds that keep the order"),
        valid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            visits = pd.read_csv("visits.csv")
            per_patient = visits.groupby("patient_id").agg({"age": "first", "n": "size", "died": "max"})
            X_tr, X_te, y_tr, y_te = train_test_split(per_patient[["age", "n"]], per_patient["died"], random_state=0)
        """, note="one row per patient after the aggregation"),
        valid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            prices = pd.read_csv("prices.csv").sort_values("date")
            prices["lag1"] = prices["close"].shift(1)
            X_tr, X_te, y_tr, y_te = train_test_split(prices[["lag1"]], prices["close"], shuffle=False)
        """, note="an ordered split of the time series"),
        invalid("""
            import pandas as pd
            from sklearn.model_selection import KFold, cross_val_score
            sales = pd.read_csv("daily_sales.csv").sort_values("date")
            scores = cross_val_score(model, sales[cols], sales["units"], cv=KFold(5, shuffle=True, random_state=0))  # expect: LEAK005
        """, note="rows put in time order, then shuffled folds"),
        valid("""
            import pandas as pd
            from sklearn.model_selection import TimeSeriesSplit, cross_val_score
            sales = pd.read_csv("daily_sales.csv").sort_values("date")
            scores = cross_val_score(model, sales[cols], sales["units"], cv=TimeSeriesSplit(5))
        """, note="time-ordered folds"),
        valid("""
            import pandas as pd
            from sklearn.model_selection import cross_val_score
            sales = pd.read_csv("daily_sales.csv").sort_values("date")
            scores = cross_val_score(model, sales[cols], sales["units"], cv=5)
        """, note="an integer cv keeps the rows in order (contiguous folds)"),
        invalid("""
            import pandas as pd
            from sklearn.model_selection import StratifiedKFold, cross_val_score
            frames = []
            for subject in SUBJECTS:
                rec = pd.read_csv(f"windows/{subject}.csv")
                rec["subject"] = subject
                frames.append(rec)
            data = pd.concat(frames)
            scores = cross_val_score(clf, data[cols], data["activity"], cv=StratifiedKFold(5, shuffle=True, random_state=0))  # expect: LEAK005
        """, note="one file per subject, tagged and concatenated: many windows per subject"),
        valid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            frames = []
            for label in ["pos", "neg"]:
                part = pd.read_csv(f"reviews/{label}.csv")
                part["label"] = label
                frames.append(part)
            data = pd.concat(frames)
            X_tr, X_te, y_tr, y_te = train_test_split(data["text"], data["label"], random_state=0)
        """, note="files per class, tagged with their label: not groups of one person"),
        invalid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            visits = pd.read_csv("visits.csv")
            print(visits.groupby("patient_id").size().describe())
            X_tr, X_te, y_tr, y_te = train_test_split(visits[cols], visits["readmitted"], random_state=0)  # expect: LEAK005
        """, note="visits per patient counted, then split by visit"),
        valid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            mmlu = pd.read_csv("mmlu.csv")
            print(mmlu.groupby("subject").size())
            X_tr, X_te, y_tr, y_te = train_test_split(mmlu["question"], mmlu["answer"], random_state=0)
        """, note="`subject` is a topic here, not a person"),
        invalid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            demand = pd.read_csv("energy.csv", index_col="datetime", parse_dates=True)
            X_tr, X_te, y_tr, y_te = train_test_split(demand[["temp", "hour"]], demand["load"], random_state=0)  # expect: LEAK005
        """, note="a time series read with its timestamps as the index, split with the default shuffle"),
        valid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            demand = pd.read_csv("energy.csv", index_col="datetime", parse_dates=True)
            X_tr, X_te, y_tr, y_te = train_test_split(demand[["temp", "hour"]], demand["load"], shuffle=False)
        """, note="the same series split in order"),
        invalid("""
            import numpy as np
            from sklearn.model_selection import train_test_split
            features, labels = [], []
            for subject in SUBJECTS:
                epochs = np.load(f"epochs/{subject}.npz")
                features.append(epochs["X"])
                labels.append(epochs["y"])
            X, y = np.concatenate(features), np.concatenate(labels)
            X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=0)  # expect: LEAK005
        """, note="one file of epochs per subject, concatenated and split by epoch"),
        valid("""
            import numpy as np
            from sklearn.model_selection import train_test_split
            features, labels = [], []
            for shard in SHARDS:
                part = np.load(f"shards/{shard}.npz")
                features.append(part["X"])
                labels.append(part["y"])
            X, y = np.concatenate(features), np.concatenate(labels)
            X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, random_state=0)
        """, note="shards of one data set: files, not people"),
        invalid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            sales = pd.read_csv("sales.csv").sort_values(["store", "date"])
            X_tr, X_te, y_tr, y_te = train_test_split(sales[["price", "promo"]], sales["units"], random_state=0)  # expect: LEAK005
        """, note="sorted by store, then by date: each store's days in order"),        valid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            df = pd.read_csv("reviews.csv", index_col=0)
            df = df[["Time", "Score", "Summary", "Text"]].dropna()
            df = df.sort_values("Time").tail(2000)
            df.drop("Time", axis=1, inplace=True)
            df["embedding"] = df.Text.apply(embed)
            X_train, X_test, y_train, y_test = train_test_split(list(df.embedding.values), df.Score, test_size=0.2, random_state=42)
        """, note="sorted by time only to keep the latest rows, the time column dropped: a review's score from its text is no forecast"),
        valid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            recent = pd.read_csv("reviews.csv").sort_values("timestamp").tail(5000)
            X_tr, X_te, y_tr, y_te = train_test_split(recent["text"], recent["stars"], random_state=0)
        """, note="the time order used to select the latest rows only"),
        invalid({
            "data/windows.csv": "subject_id,alpha,beta,label\ns01,0.41,0.22,1\ns01,0.39,0.25,1\ns02,0.12,0.31,0\ns02,0.15,0.30,0\n",
            "fit_eeg.py": """
                import click
                import pandas as pd
                from sklearn.model_selection import train_test_split
                from sklearn.svm import SVC

                @click.command()
                @click.option("--windows-csv", "-w", default="data/windows.csv")
                def main(windows_csv):
                    windows = pd.read_csv(windows_csv)
                    X_tr, X_te, y_tr, y_te = train_test_split(windows[["alpha", "beta"]], windows["label"], random_state=0)  # expect: LEAK005
                    print(SVC().fit(X_tr, y_tr).score(X_te, y_te))
            """,
        }, note="the file comes through a click option's default; it shows several windows per subject"),
        valid({
            "data/windows.csv": "subject_id,alpha,beta,label\ns01,0.41,0.22,1\ns01,0.39,0.25,1\ns02,0.12,0.31,0\ns02,0.15,0.30,0\n",
            "fit_eeg.py": """
                import pandas as pd
                import typer
                from sklearn.model_selection import GroupShuffleSplit
                from sklearn.svm import SVC

                def main(windows_csv: str = typer.Option("data/windows.csv")):
                    windows = pd.read_csv(windows_csv)
                    tr, te = next(GroupShuffleSplit(test_size=0.25, random_state=0).split(windows, groups=windows["subject_id"]))
                    print(SVC().fit(windows.iloc[tr][["alpha", "beta"]], windows.iloc[tr]["label"]).score(
                        windows.iloc[te][["alpha", "beta"]], windows.iloc[te]["label"]))

                if __name__ == "__main__":
                    typer.run(main)
            """,
        }, note="near miss: a Typer option's default names the same file, and the split is grouped by subject"),
        invalid({
            "data/windows.csv": "subject_id,alpha,beta,label\ns01,0.41,0.22,1\ns01,0.39,0.25,1\ns02,0.12,0.31,0\ns02,0.15,0.30,0\n",
            "fit_eeg.py": """
                import pandas as pd
                from sklearn.model_selection import train_test_split
                from sklearn.svm import SVC
                windows = pd.read_csv("data/windows.csv")
                X, y = windows[["alpha", "beta"]], windows["label"]
                X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=0)  # expect: LEAK005
                print(SVC().fit(X_tr, y_tr).score(X_te, y_te))
            """,
        }, note="the data file shows several windows per subject; the code never counts them"),
        valid({
            "data/windows.csv": "subject_id,alpha,beta,label\ns01,0.41,0.22,1\ns02,0.39,0.25,1\ns03,0.12,0.31,0\ns04,0.15,0.30,0\n",
            "fit_eeg.py": """
                import pandas as pd
                from sklearn.model_selection import train_test_split
                from sklearn.svm import SVC
                windows = pd.read_csv("data/windows.csv")
                X, y = windows[["alpha", "beta"]], windows["label"]
                X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=0)
                print(SVC().fit(X_tr, y_tr).score(X_te, y_te))
            """,
        }, note="one row per subject in the file"),
        valid({
            "data/windows.csv": "subject_id,alpha,beta,label\ns01,0.41,0.22,1\ns01,0.39,0.25,1\ns02,0.12,0.31,0\ns02,0.15,0.30,0\n",
            "fit_eeg.py": """
                import pandas as pd
                from sklearn.model_selection import train_test_split
                from sklearn.svm import SVC
                windows = pd.read_csv("data/windows.csv")
                per_subject = windows.groupby("subject_id").mean()
                X, y = per_subject[["alpha", "beta"]], per_subject["label"] > 0.5
                X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=0)
                print(SVC().fit(X_tr, y_tr).score(X_te, y_te))
            """,
        }, note="averaged to one row per subject before the split"),
        valid({
            "data/windows.csv": "subject_id,t,ax,label\ns01,0,0.41,1\ns01,1,0.39,1\ns02,0,0.12,0\ns02,1,0.15,0\n",
            "fit_har.py": """
                import pandas as pd
                from sklearn.model_selection import train_test_split
                from sklearn.svm import SVC
                from tsfresh import extract_features
                long_df = pd.read_csv("data/windows.csv")
                y = long_df.groupby("subject_id")["label"].first()
                X = extract_features(long_df.drop(columns=["label"]), column_id="subject_id", column_sort="t")
                X_tr, X_te, y_tr, y_te = train_test_split(X, y.loc[X.index], test_size=0.25, random_state=0)
                print(SVC().fit(X_tr, y_tr).score(X_te, y_te))
            """,
        }, note="near miss (probe 15): tsfresh's `extract_features(..., column_id=...)` makes one row per subject"),
        invalid({
            "data/windows.csv": "subject_id,t,ax,label\ns01,0,0.41,1\ns01,1,0.39,1\ns02,0,0.12,0\ns02,1,0.15,0\n",
            "fit_har.py": """
                import pandas as pd
                from sklearn.model_selection import train_test_split
                from sklearn.svm import SVC
                long_df = pd.read_csv("data/windows.csv")
                X, y = long_df[["ax"]], long_df["label"]
                X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=0)  # expect: LEAK005
                print(SVC().fit(X_tr, y_tr).score(X_te, y_te))
            """,
        }, note="the long table itself, several rows per subject, split by row"),
        valid({
            "data/windows.csv": "subject_id,alpha,beta,label\ns01,0.41,0.22,1\ns01,0.39,0.25,1\ns02,0.12,0.31,0\ns02,0.15,0.30,0\n",
            "fit_eeg.py": """
                import pandas as pd
                from sklearn.model_selection import GroupShuffleSplit
                windows = pd.read_csv("data/windows.csv")
                split = GroupShuffleSplit(n_splits=1, test_size=0.25, random_state=0)
                tr, te = next(split.split(windows, groups=windows["subject_id"]))
            """,
        }, note="split by subject"),
        valid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            df = pd.read_csv("uplift.csv")
            print(df["treatment_group_key"].value_counts())
            df_train, df_test = train_test_split(df, test_size=0.25)
        """, note="near miss (held-out 12): the treatment arm of an experiment ('control' / 'treatment') is "
                  "no entity whose rows repeat"),
        invalid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            df = pd.read_csv("uplift.csv")
            print(df["household_key"].value_counts())
            df_train, df_test = train_test_split(df, test_size=0.25)  # expect: LEAK005
        """, note="the twin: households counted, rows of one household on both sides"),
        invalid("""
            import pandas as pd
            from fastai.vision.all import ImageDataLoaders, Resize, resnet50, vision_learner

            df = pd.read_csv("data/cxr_labels.csv")
            print(df.groupby("patient_id").size().describe())
            dls = ImageDataLoaders.from_df(df, path="data/images", fn_col="image", label_col="pneumonia",  # expect: LEAK005
                                           valid_pct=0.2, seed=42, item_tfms=Resize(320))
            learn = vision_learner(dls, resnet50)
        """, note="probe 12: fastai's `valid_pct` splits the frame's rows at random; the rows come several per patient"),
        valid("""
            import pandas as pd
            from fastai.vision.all import ImageDataLoaders, Resize, resnet50, vision_learner
            from sklearn.model_selection import GroupShuffleSplit

            df = pd.read_csv("data/cxr_labels.csv")
            print(df.groupby("patient_id").size().describe())
            _, val_idx = next(GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=42).split(df, groups=df["patient_id"]))
            df["is_valid"] = False
            df.loc[df.index[val_idx], "is_valid"] = True
            dls = ImageDataLoaders.from_df(df, path="data/images", fn_col="image", label_col="pneumonia",
                                           valid_col="is_valid", item_tfms=Resize(320))
            learn = vision_learner(dls, resnet50)
        """, note="the twin: patients assigned to validation as groups, handed over with `valid_col`"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        """`groups.append(np.full(len(epochs), subj))` per subject, then `cross_val_score(clf, X, y,
        cv=KFold(5, shuffle=True))` with `groups` never read: the code built the group of every row
        for a grouped split and then split the rows without it (probe 18: MNE epochs of 20 subjects)."""
        tree = module_tree(self.ctx)
        if tree is None:
            return
        for scope in scopes(tree):
            self._unused_groups(scope)

    def _unused_groups(self, scope: ast.AST) -> None:
        nodes = [n for n in scope_nodes(self.ctx, scope) if n is not scope and not isinstance(n, FUNCTIONS)]
        built: dict[str, int] = {}
        for n in nodes:
            if isinstance(n, ast.Assign):
                for t in n.targets:
                    for m in ast.walk(t):  # `X, y, groups = ...` too
                        if isinstance(m, ast.Name) and m.id in _GROUPS_NAMES:
                            built.setdefault(m.id, n.lineno)
        for name, line in built.items():
            # read only where it is built (`groups.append(...)`, `groups = np.concatenate(groups)`), one value per row
            own = _own_builds(nodes, name)
            if own["reads"] > own["building"] or not (own["appended"] or own["per_row"]):
                continue
            split = _ungrouped_split_after(nodes, line)
            if split is None:
                continue
            call, on = split
            self.ctx.report(type(self), None, line=call.lineno, snippet=ast.unparse(call)[:120],
                            fields={"on": on, "group": name, "unit": "group",
                                    "evidence": f"`{name}` is built for each row at line {line} and handed to no split"})
            return

    @classmethod
    def check_repo(cls, repo) -> None:
        prog = program(repo)
        tables: dict[str, dict] | None = None
        for split in prog.nodes("split"):
            info = prog.info(split)
            if info.get("grouped") or info.get("shuffle") is False or info.get("call") in ("TimeSeriesSplit", "PredefinedSplit"):
                continue
            data = [d for d in prog.inputs(split) if d]
            if not data or all(_distinct_values(prog, d) for d in data):
                continue  # `users.distinct().randomSplit(...)`, `np.unique(ids)`: the groups themselves are split
            lineage = prog.back(data, rows=True, stop=lambda r: prog.kind(r) == "part", limit=3000)
            found = _group_evidence(prog, lineage)
            shown = f"see {prog.describe(found[1])}" if found is not None else ""
            if found is None and info.get("call") in _ROW_SPLITS:
                tables = tables if tables is not None else {path: profile for path, profile in repo.facts("table")}
                found, shown = _repeated_in_file(prog, data, tables)
            if found is not None and _one_group_kept(prog, lineage, found[0]):
                found = None  # `us = df[df.country_id == 219]`: every row left has the same group
            if found is not None:
                group, evidence = found
                repo.report(cls, **prog.where(split), related=[Location(prog.path(evidence), prog.line(evidence), "groups shown here")],
                            on=info.get("on", "the data"), group=group, evidence=shown,
                            unit=group.replace("_id", "").replace("id", "") or "group")
                continue
            if info.get("call") in ("train_test_split", "cross_val_score", "cross_validate", "cross_val_predict") \
                    or info.get("shuffle") is True:
                shuffled = info.get("shuffle") is True or (info.get("call") == "train_test_split" and info.get("shuffle") is None)
                temporal = _time_evidence(prog, lineage, shuffled)
                if temporal is not None:
                    column, evidence = temporal
                    repo.report(cls, **prog.where(split), related=[Location(prog.path(evidence), prog.line(evidence), "ordered in time here")],
                                message="`{on}` is shuffled and split at {where}, but its rows are ordered in time by `{group}` ({evidence}): later rows reach training",
                                question="Should the split at {where} keep time order (train before test in `{group}`)?",
                                on=info.get("on", "the data"), group=column, evidence=f"see {prog.describe(evidence)}")


def _distinct_values(prog: Program, node: Ref) -> bool:
    """The distinct values of something (Spark's `.distinct()`, `.unique()`, `np.unique(...)`, `set(...)`): one row
    per group, so a split of them splits the groups."""
    return prog.kind(node) == "call" and (prog.info(node).get("m") in ("distinct", "unique")
                                          or kb.plain(str(prog.info(node).get("fn", ""))) in _DISTINCT)


def _one_group_kept(prog: Program, lineage, group: str) -> bool:  # type: ignore[no-untyped-def]
    """Do the rows split come through a selection of one value of the group column (`df[df[group] == v]`)?"""
    for node in lineage:
        if prog.kind(node) != "subset" or prog.info(node).get("how") != "mask":
            continue
        mask = prog.input(node, 1)
        if mask and prog.kind(mask) == "cmp" and prog.info(mask).get("op") == "==" and any(
                prog.kind(i) == "col" and prog.info(i).get("cols") == [group] for i in prog.inputs(mask) if i):
            return True
    return False


# Splitters that cut rows at random (not the folds of a grouped or a time-series splitter).
_ROW_SPLITS = frozenset({"train_test_split", "random_split", "KFold", "StratifiedKFold", "ShuffleSplit",
                         "StratifiedShuffleSplit", "RepeatedKFold", "RepeatedStratifiedKFold"})


def _repeated_in_file(prog: Program, data: list[Ref], tables: dict[str, dict]) -> tuple[tuple[str, Ref] | None, str]:
    """((group column, the read), what shows it) when the rows split come, row for row, from a data file of the repo
    whose group-id column (`patient_id`, `user_id`) repeats a value: the file shows several rows
    per group even when the code never counts them. Rows made one per group on the way (a
    `groupby(id).agg`, a dedup on the id) or a file not in the repo say nothing."""
    lineage = prog.back(data, rows=True, limit=3000,
                        stop=lambda r: prog.kind(r) == "part" and prog.kind(prog.input(r, 0)) == "split")
    for node in lineage:
        info = prog.info(node)
        if prog.kind(node) == "call" and (info.get("m") in _PER_GROUP | {"groupby"}) or _features_per_id(prog, node):
            return None, ""
        if prog.kind(node) == "subset" and info.get("how") == "dedup":
            return None, ""
    for node in lineage:
        path = prog.info(node).get("path") if prog.kind(node) == "src" else None
        if not path or any(c in path for c in "{*?"):
            continue
        path = path.removeprefix("./")
        p, profile = next(((p, t) for p, t in tables.items() if p == path or p.endswith("/" + path)), ("", None))
        if not profile or profile.get("leaves"):
            continue  # a JSON document's records are not a table of rows
        for column, stats in (profile.get("columns") or {}).items():
            top = stats.get("top") or []
            if kb.is_group_column(column) and not kb.is_time_column(column) and top and top[0][1] > 1 \
                    and stats.get("distinct", 0) > 1:
                value, count = top[0][0], top[0][1]
                return (column, node), f"`{column}` {value!r} has {count} rows in {p}, read at {prog.describe(node)}"
    return None, ""


# Attributes holding one annotation row per row of their container (AnnData / MuData `obs`).
_ROW_TABLES = frozenset({"obs"})


def _group_evidence(prog: Program, lineage: dict[Ref, Ref]) -> tuple[str, Ref] | None:
    """(group column, where the code shows several rows per group), unless the rows split are
    already one per group. Two keys kept out of the features, a person's id and a finer key of
    each row (`drop(columns=["visit_id", "patient_id"])`), show rows nested in persons."""
    evidence: tuple[str, Ref] | None = None
    for node in lineage:
        info = prog.info(node)
        if prog.kind(node) == "call" and info.get("m") in _PER_GROUP:
            receiver = prog.input(node, 0)
            if receiver and _grouped_by(prog, receiver):
                return None  # the split data has one row per group
        if _features_per_id(prog, node):
            return None  # tsfresh's `extract_features(long_df, column_id="session")`: one row per session
        if prog.kind(node) == "subset" and info.get("how") == "dedup" and any(kb.is_group_column(c) for c in info.get("by", [])):
            return None
        if prog.kind(node) == "src" and any(prog.kind(r) == "concat" for r in lineage):
            unit = _read_per_unit(prog, node)
            if unit:
                evidence = evidence or (unit, node)  # `np.load(f"epochs/{subject}.npz")` per subject, concatenated
        if prog.kind(node) == "drop" or (prog.kind(node) == "col" and "except" in info):
            nested = _nested_key(info.get("cols" if prog.kind(node) == "drop" else "except", []))
            if nested:
                evidence = evidence or (nested, node)  # `drop(columns=["visit_id", "patient_id"])`: visits within patients
        if prog.kind(node) == "op" and info.get("op") == "dict":
            tagged = _tagged_record(prog, node)
            if tagged:
                evidence = evidence or (tagged, node)  # `{"patient_id": pid, ...}` per lesion of the patient's scan
        column = info.get("col") or ""
        if prog.kind(node) == "setcol" and (kb.is_group_column(column) or column.lower() in kb.UNIT_WORDS) \
                and _per_group_value(prog, prog.input(node, 1)):
            if any(prog.kind(r) == "concat" for r in lineage):
                evidence = evidence or (info["col"], node)  # `rec["subject"] = subject` per file, then concatenated
        users = prog.users(node)
        # AnnData's `adata.obs` is the table of the rows of `adata.X`: its columns are the rows' own
        # (`adata.obs["donor_id"].nunique()` counts the donors of the cells split by `np.arange(adata.n_obs)`)
        users = [*users, *(u for o in users if prog.kind(o) == "op" and prog.info(o).get("op") == "attr"
                           and prog.info(o).get("a") in _ROW_TABLES for u in prog.users(o))]
        for user in users:
            kind = prog.kind(user)
            uinfo = prog.info(user)
            if kind == "col" and len(uinfo.get("cols", [])) == 1 and kb.is_group_column(uinfo["cols"][0]):
                column = uinfo["cols"][0]
                if node in lineage and (_counted(prog, user) or _held_as_groups(prog, user)):
                    evidence = evidence or (column, user)
            elif kind == "call" and uinfo.get("m") == "unique" and _literal_group(uinfo):
                evidence = evidence or (_literal_group(uinfo), user)  # datasets' `ds.unique("patient_id")`
            elif kind == "call" and uinfo.get("m") == "groupby":
                column = _literal_group(uinfo)
                if column and _per_row_after(prog, user):
                    evidence = evidence or (column, user)
    return evidence


_ROW_KEYS = frozenset({"row", "index", "idx", "unnamed", "rownumber"})
# Group words that name a person (or animal): the coarser of two keys (sessions of a shopper).
_PERSONS = (kb.UNIT_WORDS - {"session", "recording"}) | {"customer", "client", "account", "author", "household",
                                                         "shopper", "buyer", "visitor", "member", "learner", "respondent"}


def _nested_key(columns: list) -> str | None:
    """The group column, when the columns kept out of the features hold both a group id and a
    finer key of each row (`["encounter_id", "patient_id"]`: encounters within patients, so a
    patient has several rows). A group id alone (`customer_id` of a customer table) says nothing
    about repeats, and a bare row number (`id`, `RowNumber`) is not a finer unit."""
    names = [c for c in columns if isinstance(c, str)]
    groups = [c for c in names if kb.is_group_column(c) and c.lower() not in ("group", "groups")]
    persons = [g for g in groups if set(kb.name_tokens(g)) & _PERSONS]
    if not persons and len(groups) != 1:
        return None
    group = (persons or groups)[0]
    return group if any(c != group and _is_key(c) for c in names) else None


def _is_key(name: str) -> bool:
    tokens = kb.name_tokens(name)
    return (len(tokens) >= 2 and tokens[-1] in ("id", "key", "uuid") and not set(tokens[:-1]) <= _ROW_KEYS)


def _features_per_id(prog: Program, node: Ref) -> bool:
    """A feature extractor handed the id column of a long table (`extract_features(df, column_id="session")`,
    tsfresh and its kin) returns one row per id: the rows it makes are the groups themselves."""
    return prog.kind(node) == "call" and isinstance(prog.info(node).get("lits", {}).get("column_id"), str)


def _grouped_by(prog: Program, ref: Ref) -> bool:
    for node in prog.back([ref], limit=20):
        if prog.kind(node) == "call" and prog.info(node).get("m") == "groupby" and _literal_group(prog.info(node)):
            return True
    return False


def _literal_group(info: dict) -> str | None:
    for value in info.get("lits", {}).values():
        if isinstance(value, str) and kb.is_group_column(value):
            return value
    return None


def _counted(prog: Program, column: Ref, _depth: int = 0) -> bool:
    """`df["subject_id"].nunique()` and friends (`len(set(ds["patient_id"]))`, `np.unique(...)`):
    the code knows ids repeat."""
    for user in prog.users(column):
        if prog.kind(user) == "call" and (prog.info(user).get("m") in _COUNTS
                                          or kb.plain(str(prog.info(user).get("fn", ""))) in _DISTINCT):
            return True
        # through a conversion: `speakers = meta["speaker_id"].to_numpy()` ... `np.unique(speakers)`
        if prog.kind(user) == "call" and prog.info(user).get("m") in _CONVERSIONS and _depth < 2 \
                and _counted(prog, user, _depth + 1):
            return True
    return False


_CONVERSIONS = frozenset({"to_numpy", "tolist", "to_list", "astype", "values", "array", "asarray"})


# Names under which code keeps an id column for a grouped splitter (`groups=` of scikit-learn's splitters).
_GROUPS_NAMES = frozenset({"groups", "group_ids", "cv_groups", "split_groups", "fold_groups"})


def _own_builds(nodes: list[ast.AST], name: str) -> dict:
    """How `name` is read in a scope: {"reads": every load, "building": loads that only build it
    (`name.append(...)`, `name = np.concatenate(name)`), "appended": built item by item, "per_row": made one
    value per row (`np.full(len(x), subj)`, `np.repeat`)}."""
    out = {"reads": 0, "building": 0, "appended": False, "per_row": False}
    for n in nodes:
        if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load):
            out["reads"] += 1
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("append", "extend") \
                and isinstance(n.func.value, ast.Name) and n.func.value.id == name:
            out["building"] += 1
            out["appended"] = True
            if any(isinstance(c, ast.Call) and (getattr(c.func, "attr", None) or getattr(c.func, "id", None)) in (
                    "full", "repeat", "full_like", "tile") for a in n.args for c in ast.walk(a)):
                out["per_row"] = True
        if isinstance(n, ast.Assign) and any(isinstance(m, ast.Name) and m.id == name for t in n.targets for m in ast.walk(t)):
            inner = [m for m in ast.walk(n.value) if isinstance(m, ast.Name) and m.id == name]
            out["building"] += len(inner)
            if any(isinstance(c, ast.Call) and (getattr(c.func, "attr", None) or getattr(c.func, "id", None)) in (
                    "full", "repeat", "full_like", "tile") for c in ast.walk(n.value)):
                out["per_row"] = True
    return out


# Calls that split rows without groups unless handed them; cross-validation helpers take `groups=`.
_CV_HELPERS = frozenset({"cross_val_score", "cross_validate", "cross_val_predict", "permutation_test_score",
                         "learning_curve", "validation_curve"})
_UNGROUPED_CV = frozenset({"KFold", "StratifiedKFold", "ShuffleSplit", "StratifiedShuffleSplit", "RepeatedKFold",
                           "RepeatedStratifiedKFold"})


def _callee(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id if isinstance(call.func, ast.Name) else ""


def _ungrouped_split_after(nodes: list[ast.AST], line: int) -> tuple[ast.Call, str] | None:
    """The first random row split after `line` that is handed no groups: `train_test_split(X, y)`, a
    cross-validation helper whose `cv` is an ungrouped splitter (or a fold count), `KFold(...).split(X, y)`."""
    for n in sorted((n for n in nodes if isinstance(n, ast.Call) and n.lineno > line), key=lambda n: n.lineno):
        name = _callee(n)
        keywords = {k.arg for k in n.keywords}
        if "groups" in keywords:
            continue
        on = ast.unparse(n.args[0]) if n.args else "the data"
        if name in _CV_HELPERS and len(n.args) >= 2:
            cv = next((k.value for k in n.keywords if k.arg == "cv"), None)
            if cv is None or isinstance(cv, ast.Constant) or (isinstance(cv, ast.Call) and _callee(cv) in _UNGROUPED_CV):
                return n, ast.unparse(n.args[1])
        if name == "train_test_split" and n.args:
            return n, on
        if name == "split" and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Call) \
                and _callee(n.func.value) in _UNGROUPED_CV and n.args:
            return n, on
    return None


def _held_as_groups(prog: Program, column: Ref) -> bool:
    """`groups = sessions["patient_id"]`: the code takes the id column out as the groups of a grouped
    split, so it knows the rows repeat per id; a split that is not handed them is the bug."""
    if str(prog.info(column).get("name", "")).lower() not in _GROUPS_NAMES:
        return False
    return not any(prog.kind(user) == "split" for user in prog.users(column))


def _is_unit(name: str) -> bool:
    low = name.lower()
    return kb.is_group_column(name) or low in kb.UNIT_WORDS or low.rstrip("s") in kb.UNIT_WORDS or \
        (low.endswith("_ids") and kb.is_group_column(low[:-1]))


def _read_per_unit(prog: Program, src: Ref) -> str | None:
    """The loop variable a read's path is made from, when it names a person or recording
    (`for subject in SUBJECTS: np.load(f"{subject}.npz")`): many rows per subject."""
    for node in prog.back([i for i in prog.inputs(src) if i], limit=10):
        if prog.kind(node) != "elem" or "loop" not in prog.info(node):
            continue
        container = prog.input(node, 0)
        for name in (prog.info(node).get("name", ""), prog.info(container).get("name", "") if container else ""):
            if name and _is_unit(name):
                return name
    return None


def _tagged_record(prog: Program, record: Ref) -> str | None:
    """The group key of a record built per row and tagged with the item of an outer loop, when an
    inner loop runs over that item's parts (`for scan in scans: for lesion in scan["lesions"]:
    rows.append({"patient_id": id_of(scan), ...})`): the rows of the inner loop share one group id,
    so a group has several rows. A record made once per item of a single loop says nothing."""
    keys = prog.info(record).get("keys", [])
    for key, value in zip(keys, [i for i in prog.inputs(record) if i]):
        if not kb.is_group_column(key) or kb.is_time_column(key):
            continue
        outer = {n for n in prog.back([value], limit=8) if prog.kind(n) == "elem" and "loop" in prog.info(n)}
        filled = [record, *(u for u in prog.users(record) if prog.kind(u) == "setcol")]  # `rec[attr] = ...`
        for node in prog.back(filled, limit=40):  # what the record is made of, not what later loops do with it
            if node in outer or prog.kind(node) != "elem" or "loop" not in prog.info(node):
                continue
            container = prog.input(node, 0)
            if container and any(n in outer for n in prog.back([container], limit=10)):
                return key
    return None


def _per_group_value(prog: Program, value: Ref) -> bool:
    """A loop variable (or a value made from it): one value for all the rows read in one iteration."""
    for node in prog.back([value], limit=8) if value else ():
        if prog.kind(node) == "elem" and "loop" in prog.info(node):
            return True
    return False


def _per_row_after(prog: Program, groupby: Ref) -> bool:
    """Per-row values computed per group, or the rows per group counted (`groupby(id).size()`)."""
    frontier = [groupby]
    for _ in range(3):
        following = []
        for node in frontier:
            for user in prog.users(node):
                if prog.kind(user) == "call" and prog.info(user).get("m") in _PER_ROW:
                    return True
                if node == groupby and prog.kind(user) == "call" and prog.info(user).get("m") == "size":
                    return True
                if prog.kind(user) in ("col", "call", "op"):
                    following.append(user)
        frontier = following
    return False


def _time_evidence(prog: Program, lineage: dict[Ref, Ref], shuffled: bool) -> tuple[str, Ref] | None:
    """(time column, where rows are ordered by it) when the split data also has lag features, or
    when the split shuffles rows the code itself put in time order (`sort_values("date")`, then
    `KFold(shuffle=True)` or `train_test_split`'s default shuffle), or read or indexed by time."""
    ordered: tuple[str, Ref] | None = None
    lagged = False
    for node in lineage:
        info = prog.info(node)
        if prog.kind(node) == "call" and info.get("m") in kb.ORDER_METHODS:
            keys = [k for v in info.get("lits", {}).values() for k in (v if isinstance(v, list) else [v])]
            column = next((k for k in keys if isinstance(k, str) and kb.is_time_column(k)), None)
            if column and not _selects(prog, node):
                ordered = ordered or (column, node)
        if prog.kind(node) == "src" and kb.is_time_column(str(info.get("index", ""))):
            ordered = ordered or (info["index"], node)  # `read_csv(path, index_col="date")`: a time series
        if prog.kind(node) == "call" and info.get("m") in _LAGS:
            lagged = True
        for user in prog.users(node):
            if prog.kind(user) == "call" and prog.info(user).get("m") in _LAGS:
                lagged = True
    if ordered and not lagged and any(prog.kind(n) == "drop" and ordered[0] in prog.info(n).get("cols", []) for n in lineage):
        return None  # the time column is dropped and no feature is built along it: the order carries nothing
    return ordered if ordered and (lagged or shuffled) else None


def _selects(prog: Program, order: Ref) -> bool:
    """`sort_values("Time").tail(n)`: the order picks rows (the latest n), it is not kept for a forecast."""
    users = prog.users(order)
    return bool(users) and all(prog.kind(u) == "subset" and prog.info(u).get("how") in ("head", "tail", "slice")
                               for u in users)
