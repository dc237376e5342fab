"""LEAK004: the label column, or a column computed from it, among the features a model is fit on."""
from __future__ import annotations

from fnmatch import fnmatchcase
import re

from hygiene.analysis.dataflow import knowledge as kb
from hygiene.analysis.dataflow.knowledge import TRANSFORMER_COMPOSITIONS, WINDOW_METHODS, plain
from hygiene.analysis.dataflow.program import Program, Ref, program
from hygiene.analysis.dataflow.queries import model_name, role
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid, notebook

_AGGREGATES = frozenset({"mean", "sum", "transform", "agg", "aggregate", "median", "std", "count", "max", "min",
                         "apply", "groupby", "map", "over"}) | WINDOW_METHODS


class LabelInFeatures(Rule):
    """
    ## What it does
    Finds a model fit on features that contain its own label: the label column left in the table
    (`X = df.drop(columns=["id"])` with `y = df["label"]`), or a feature computed from the label,
    row by row (price per square foot from the sale price) or as a statistic over rows that include
    the test period, or the folds of a cross-validation (`cross_val_score(est, X, y)` fits on each
    fold) (a per-merchant fraud rate, a target encoding over all rows, a rolling mean
    of the target that includes the current row, in pandas or polars `pl.col(y).rolling_mean(7)`). Model
    formulas (`smf.ols("y ~ a + C(b)", data=df)`, `Model.from_formula`, patsy's `dmatrices`) name the
    label left of `~` and the features right of it. A SQL window aggregate of the label in a `.sql` file
    of the repository whose frame ends at the current row (`AVG(units) OVER (... ROWS BETWEEN 6 PRECEDING AND
    CURRENT ROW) AS units_ma7`), its alias among the listed features, holds each row's own label too; a
    column assigned under an f-string name in a loop (`out[f"{col}_te"]`) is matched by its pattern.
    Lagged values (`y.shift(1).rolling(7)`) and the date index of the table that holds the label
    are not the label, nor is a column of rows the label only selected (`df[df[label] >= 2.5]`
keeps rows; the hour of the pickup time stays the pickup time's), nor are features and label that are one
series offset by a step (`X, y = s[:-1], s[1:]`: a one-step forecast); a label removed earlier with `df.pop(label)`, or left out by a
    `ColumnTransformer` that keeps only its listed columns, is not in the features. Every numeric column of
    the table (`df[df.select_dtypes("number").columns]`) holds the label when the label was made a number
    there (`df["churn"] = (...).astype(int)`; a bool column is not one to `select_dtypes`).

    Precision (corpus9; branch precision18): 4 findings, 1 real / 1 debatable / 2 false (0.25). The two
    false are misreadings of one notebook shape each (a label taken apart from the features before they are
    encoded; a column cleaned of braces after a price filter, taken for one computed from the price); the
    debatable one names the wrong mechanism beside a real leak. Four findings show no common shape to fix;
    it stays a finding (5 labelled cases and most probes depend on it). Branch precision20: the first false
    one is gone (a column assignment by a list of names, `X[scaled] = scaler.fit_transform(X[scaled])`,
    replaces those columns only, so the features stay the three named ones): 3 findings, 1 / 1 / 1 (0.33)
    on the corpus9 repositories, re-checked on cleanlab's checkout only.

    ## Why is this bad?
    At prediction time the label is unknown, so such a feature cannot exist; in the experiment it
    hands the answer to the model, and the score says nothing about the task. Target statistics
    over all rows also carry each row's own label and the test rows' labels.

    ## Example
        homes["price_per_sqft"] = homes["sale_price"] / homes["living_area"]
        model.fit(train[["living_area", "price_per_sqft"]], train["sale_price"])

    Use instead:
        model.fit(train[["living_area", "lot_area"]], train["sale_price"])
    """

    code = "LEAK004"
    category = "LEAK-TARGET"
    severity = Severity.ERROR
    kinds = frozenset()
    dataflow_starts = frozenset({"fit", "split"})
    message = "{features} {verb} computed from the label `{label}` at {where}, and `{model}` is fit on {them} to predict `{label}` at {fit}"
    question = "Would {features} (built at {where}) be known before `{label}` is, when `{model}` predicts it?"
    examples = [
        invalid("""
            import pandas as pd
            from sklearn.linear_model import LogisticRegression
            from sklearn.model_selection import train_test_split

            df = pd.read_csv("data/deals.csv")
            df["margin"] = df["revenue"] - df["cost"]
            df["profitable"] = (df["margin"] > 0).astype(int)
            X = df.drop(columns=["profitable", "deal_id"])  # expect: LEAK004
            X_train, X_test, y_train, y_test = train_test_split(X, df["profitable"], random_state=3)
            clf = LogisticRegression().fit(X_train, y_train)
        """, note="held-out probe 23: the label is a threshold of `margin`, itself made from two other columns; the "
                  "label's own expression reads `margin` alone, which stays in the features"),
        valid("""
            import pandas as pd
            from sklearn.linear_model import LogisticRegression
            from sklearn.model_selection import train_test_split

            df = pd.read_csv("data/deals.csv")
            df["margin"] = df["revenue"] - df["cost"]
            df["profitable"] = (df["margin"] > 0).astype(int)
            X = df.drop(columns=["profitable", "deal_id", "margin", "revenue", "cost"])
            X_train, X_test, y_train, y_test = train_test_split(X, df["profitable"], random_state=3)
            clf = LogisticRegression().fit(X_train, y_train)
        """, note="near miss: the column the label is made from is dropped with it"),
        valid("""
            import pandas as pd
            from sklearn.linear_model import SGDRegressor
            from sklearn.model_selection import train_test_split
            from sklearn.preprocessing import StandardScaler

            SENSORS = ["s%d" % i for i in range(24)]
            df = pd.read_csv("data/plant.csv")
            tr, te = train_test_split(df, test_size=0.2, random_state=4)
            scaler = StandardScaler().fit(tr[SENSORS])
            model = SGDRegressor(random_state=4).fit(scaler.transform(tr[SENSORS]), tr["yield"])
        """, note="lead probe 3 near miss: the features are the columns a constant names (built by a comprehension the "
                  "analysis does not evaluate), not the whole table"),
        invalid("""
            import pandas as pd
            from sklearn.ensemble import GradientBoostingClassifier
            from sklearn.model_selection import train_test_split

            df = pd.read_csv("data/telco.csv")
            df["churn"] = (df["Churn"] == "Yes").astype(int)
            features = df.select_dtypes("number").columns.tolist()
            X = df[features]  # expect: LEAK004
            X_train, X_test, y_train, y_test = train_test_split(X, df["churn"], random_state=0)
            clf = GradientBoostingClassifier().fit(X_train, y_train)
        """, note="probe20: every numeric column, the label encoded as an int among them"),
        valid("""
            import pandas as pd
            from sklearn.ensemble import GradientBoostingClassifier
            from sklearn.model_selection import train_test_split

            df = pd.read_csv("data/telco.csv")
            df["churn"] = (df["Churn"] == "Yes").astype(int)
            features = df.select_dtypes("number").columns.drop("churn").tolist()
            X = df[features]
            X_train, X_test, y_train, y_test = train_test_split(X, df["churn"], random_state=0)
            clf = GradientBoostingClassifier().fit(X_train, y_train)
        """, note="near miss: the label is dropped from the numeric columns"),
        valid("""
            import pandas as pd
            from sklearn.ensemble import GradientBoostingClassifier
            from sklearn.model_selection import train_test_split

            df = pd.read_csv("data/telco.csv")
            df["churn"] = df["Churn"] == "Yes"
            features = df.select_dtypes("number").columns.tolist()
            X = df[features]
            X_train, X_test, y_train, y_test = train_test_split(X, df["churn"], random_state=0)
            clf = GradientBoostingClassifier().fit(X_train, y_train)
        """, note="near miss: a bool label, which select_dtypes('number') leaves out"),
        invalid({
            "sql/features.sql": "SELECT store_id, day, units, promo,\n"
                                "  AVG(units) OVER (PARTITION BY store_id ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS units_ma7\n"
                                "FROM sales\n",
            "forecast.py": '''
                import duckdb
                import xgboost as xgb
                feat = duckdb.connect().execute(open("sql/features.sql").read()).df()
                train = feat[feat["day"] < "2024-07-01"]
                cols = ["promo", "units_ma7"]
                xgb.XGBRegressor().fit(train[cols], train["units"])
            ''',
        }, expect=[("sql/features.sql", 2, "LEAK004")],
            note="probe17: a SQL moving average of the target whose window ends at the current row, used as a feature"),
        valid({
            "sql/features.sql": "SELECT store_id, day, units, promo,\n"
                                "  AVG(units) OVER (PARTITION BY store_id ORDER BY day ROWS BETWEEN 7 PRECEDING AND 1 PRECEDING) AS units_ma7,\n"
                                "  AVG(promo) OVER (PARTITION BY store_id ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS promo_ma7\n"
                                "FROM sales\n",
            "forecast.py": '''
                import duckdb
                import xgboost as xgb
                feat = duckdb.connect().execute(open("sql/features.sql").read()).df()
                train = feat[feat["day"] < "2024-07-01"]
                cols = ["promo", "units_ma7", "promo_ma7"]
                xgb.XGBRegressor().fit(train[cols], train["units"])
            ''',
        }, note="near miss: the target's window ends the day before; a window of a feature may include the row"),
        invalid({
            "churn/__init__.py": "",
            "churn/features.py": '''
                CAT_COLS = ["plan", "region", "device"]

                def add_target_means(df, target="churned"):
                    out = df.copy()
                    for col in CAT_COLS:
                        out[f"{col}_te"] = out.groupby(col)[target].transform("mean")  # expect: LEAK004
                    return out
            ''',
            "churn/run.py": '''
                import pandas as pd
                from lightgbm import LGBMClassifier
                from sklearn.model_selection import train_test_split
                from churn.features import CAT_COLS, add_target_means

                customers = add_target_means(pd.read_csv("customers.csv"))
                feats = [c for c in customers.columns if c not in ("customer_id", "churned", *CAT_COLS)]
                tr, te = train_test_split(customers, test_size=0.2, random_state=3)
                LGBMClassifier().fit(tr[feats], tr["churned"])
            ''',
        }, note="probe17: per-category target means under f-string column names, kept by a feature list that excludes names"),
        valid({
            "churn/__init__.py": "",
            "churn/features.py": '''
                CAT_COLS = ["plan", "region", "device"]

                def add_counts(df):
                    out = df.copy()
                    for col in CAT_COLS:
                        out[f"{col}_n"] = out.groupby(col)[col].transform("count")
                    return out
            ''',
            "churn/run.py": '''
                import pandas as pd
                from lightgbm import LGBMClassifier
                from sklearn.model_selection import train_test_split
                from churn.features import CAT_COLS, add_counts

                customers = add_counts(pd.read_csv("customers.csv"))
                feats = [c for c in customers.columns if c not in ("customer_id", "churned", *CAT_COLS)]
                tr, te = train_test_split(customers, test_size=0.2, random_state=3)
                LGBMClassifier().fit(tr[feats], tr["churned"])
            ''',
        }, note="near miss: per-category counts of a feature, not of the label; the label excluded by name"),
        valid("""
            import pandas as pd
            from sklearn import tree
            from sklearn.preprocessing import LabelEncoder
            df = pd.read_csv("salaries.csv")
            inputs = df.drop("salary_more_then_100k", axis="columns")
            target = df["salary_more_then_100k"]
            inputs["company_n"] = LabelEncoder().fit_transform(inputs["company"])
            inputs_n = inputs.drop(["company", "job", "degree"], axis="columns")
            model = tree.DecisionTreeClassifier().fit(inputs_n, target)
        """, note="held-out 21: the label left with the first drop; encoded columns added after it keep the rest as it was"),
        invalid("""
            import pandas as pd
            from sklearn import tree
            df = pd.read_csv("salaries.csv")
            inputs = df.drop("salary_more_then_100k", axis="columns")
            target = df["salary_more_then_100k"]
            inputs["salary_more_then_100k"] = target
            inputs_n = inputs.drop(["company", "job", "degree"], axis="columns")  # expect: LEAK004
            model = tree.DecisionTreeClassifier().fit(inputs_n, target)
        """, note="near miss: the label is put back into the table before the features are cut from it"),
        valid("""
            import numpy as np
            from sklearn.neighbors import KNeighborsRegressor
            parts = ["train", "val", "test"]
            X = {p: np.load(f"X_{p}.npy") for p in parts}
            Y = {p: np.load(f"Y_{p}.npy") for p in parts}
            model = KNeighborsRegressor().fit(X["train"], Y["train"])
            print(model.score(X["test"], Y["test"]))
        """, note="near miss (held-out 23): dicts of split parts; `Y[\"train\"]` is a part, not a label column \"train\""),
        valid("""
            import pandas as pd
            from sklearn.linear_model import LinearRegression
            from sklearn.model_selection import train_test_split
            sf = pd.read_csv("sf.csv")
            X = sf[["bathrooms", "bedrooms", "usecode", "group"]]
            Y = sf["lastsoldprice"]
            X = pd.concat([X, pd.get_dummies(sf.group)], axis=1)
            X = pd.concat([X, pd.get_dummies(sf.usecode)], axis=1)
            X.drop(["group", "usecode"], inplace=True, axis=1)
            X_train, X_test, y_train, y_test = train_test_split(X, Y, test_size=0.3, random_state=0)
            LinearRegression().fit(X_train, y_train)
        """, note="near miss (held-out set 20): chosen columns and dummies of two attribute columns (`sf.group`); the later drop cannot leave the label in"),
        invalid("""
            import pandas as pd
            from sklearn.linear_model import LinearRegression
            from sklearn.model_selection import train_test_split
            sf = pd.read_csv("sf.csv")
            X = sf.drop(columns=["zip"])
            Y = sf["lastsoldprice"]
            X = pd.concat([X, pd.get_dummies(sf.group)], axis=1)
            X = pd.concat([X, pd.get_dummies(sf.usecode)], axis=1)
            X.drop(["group", "usecode"], inplace=True, axis=1)  # expect: LEAK004
            X_train, X_test, y_train, y_test = train_test_split(X, Y, test_size=0.3, random_state=0)
            LinearRegression().fit(X_train, y_train)
        """, note="the twin: the features start from every column but one, the label among them"),
        valid("""
            import pandas as pd
            from keras.models import Sequential
            from keras.layers import Dense
            from sklearn.preprocessing import MinMaxScaler
            series = pd.read_csv("vix.csv", index_col="Date", parse_dates=True)["Adj Close"]
            train = series.loc[:"2018-01-01"]
            train_sc = MinMaxScaler(feature_range=(-1, 1)).fit_transform(train)
            X_train = train_sc[:-1]
            y_train = train_sc[1:]
            model = Sequential()
            model.add(Dense(1))
            model.fit(X_train, y_train, epochs=100)
        """, note="near miss (held-out set 20): features and label are one series offset by a day: a one-step forecast"),
        invalid("""
            import pandas as pd
            from keras.models import Sequential
            from keras.layers import Dense
            from sklearn.preprocessing import MinMaxScaler
            series = pd.read_csv("vix.csv", index_col="Date", parse_dates=True)["Adj Close"]  # expect: LEAK004
            train = series.loc[:"2018-01-01"]
            train_sc = MinMaxScaler(feature_range=(-1, 1)).fit_transform(train)
            X_train = train_sc[:-1]
            y_train = train_sc[:-1]
            model = Sequential()
            model.add(Dense(1))
            model.fit(X_train, y_train, epochs=100)
        """, note="the twin: the same rows on both sides: the label is its own feature"),
        valid("""
            import pandas as pd
            from sklearn.linear_model import LinearRegression
            from sklearn.model_selection import train_test_split
            taxi = pd.read_csv("taxi.csv", parse_dates=["pickup_datetime"])
            taxi = taxi[(taxi["passenger_count"] > 0) & (taxi["fare_amount"] >= 2.5)]
            taxi["hour"] = taxi.pickup_datetime.dt.hour
            taxi["weekday"] = taxi.pickup_datetime.dt.weekday
            y = taxi["fare_amount"]
            X = taxi.drop(columns=["fare_amount"])
            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=42)
            lr = LinearRegression().fit(X_train, y_train)
            print(lr.score(X_test, y_test))
        """, note="near miss (held-out set 20): the label only picks the rows kept (fares of at least 2.5); "
                  "the hour and weekday are the pickup time's"),
        invalid("""
            import pandas as pd
            from sklearn.linear_model import LinearRegression
            from sklearn.model_selection import train_test_split
            taxi = pd.read_csv("taxi.csv", parse_dates=["pickup_datetime"])
            taxi = taxi[(taxi["passenger_count"] > 0) & (taxi["fare_amount"] >= 2.5)]
            taxi["hour"] = taxi.pickup_datetime.dt.hour
            taxi["fare_per_passenger"] = taxi["fare_amount"] / taxi["passenger_count"]  # expect: LEAK004
            y = taxi["fare_amount"]
            X = taxi.drop(columns=["fare_amount"])
            X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=42)
            lr = LinearRegression().fit(X_train, y_train)
            print(lr.score(X_test, y_test))
        """, note="the twin: after the same filter, a feature made of the fare itself"),
        valid("""
            from sklearn.linear_model import LogisticRegression

            def fit_fold(dataset, train_idx):
                processed = process_data(dataset, train_idx, impute=True)
                X_train, y_train = processed["data_train"]
                return LogisticRegression().fit(X_train, y_train)
        """, note="near miss: `data_train` holds a (features, labels) pair; unpacked, the label is not a column of "
                  "the features"),
        invalid("""
            from sklearn.linear_model import LogisticRegression

            def fit_fold(dataset, train_idx):
                processed = process_data(dataset, train_idx, impute=True)
                train = processed["data_train"]
                X_train = train.drop(columns=["row_id"])  # expect: LEAK004
                return LogisticRegression().fit(X_train, train["default"])
        """, note="the twin: the entry is one table, and only the id is dropped from it"),
        valid("""
            import pandas as pd
            import yaml
            from sklearn.ensemble import HistGradientBoostingClassifier
            from sklearn.model_selection import train_test_split

            def fit(cfg):
                df = pd.read_parquet(cfg["data"])
                X, y = df.drop(columns=[cfg["target"]]), df[cfg["target"]]
                X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
                return HistGradientBoostingClassifier().fit(X_tr, y_tr)

            fit(yaml.safe_load(open("config.yaml")))
        """, note="probe 9 near miss: the label column is named by the config (`cfg[\"target\"]`) and dropped by that "
                "name; the key `data` of the path the table is read from is not a column"),
        invalid("""
            import pandas as pd
            import yaml
            from sklearn.ensemble import HistGradientBoostingClassifier
            from sklearn.model_selection import train_test_split

            def fit(cfg):
                df = pd.read_parquet(cfg["data"])
                X, y = df.drop(columns=["impression_id"]), df["clicked"]  # expect: LEAK004
                X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
                return HistGradientBoostingClassifier().fit(X_tr, y_tr)

            fit(yaml.safe_load(open("config.yaml")))
        """, note="the twin: only the id is dropped, so `clicked` stays among the features"),
        valid("""
            import pandas as pd
            from lightgbm import LGBMRegressor
            train = pd.read_csv("emails_train.csv")
            y = "converted"
            T = "em1"
            X = ["age", "income", "insurance", "invested"]
            s_learner = LGBMRegressor(max_depth=3).fit(train[X + [T]], train[y])
        """, note="near miss: an S-learner fit on the covariates plus the treatment column (a list joined with `+`); the outcome is only the target"),
        invalid("""
            import pandas as pd
            from lightgbm import LGBMRegressor
            train = pd.read_csv("emails_train.csv")
            y = "converted"
            T = "em1"
            X = ["age", "income", "insurance", "invested"]
            s_learner = LGBMRegressor(max_depth=3).fit(train[X + [T, y]], train[y])  # expect: LEAK004
        """, note="the twin: the outcome joined into the feature list too"),
        invalid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            homes = pd.read_csv("homes.csv")
            homes["price_per_sqft"] = homes["sale_price"] / homes["living_area"]  # expect: LEAK004
            train_df, test_df = train_test_split(homes, random_state=0)
            cols = ["living_area", "price_per_sqft"]
            model = Ridge().fit(train_df[cols], train_df["sale_price"])
        """, note="a feature computed row by row from the target"),
        invalid("""
            import pandas as pd
            txn = pd.read_parquet("txn.parquet")
            risk = txn.groupby("merchant_id")["is_fraud"].mean()  # expect: LEAK004
            txn["merchant_risk"] = txn["merchant_id"].map(risk)
            fit_rows = txn["ts"] < "2023-10-01"
            X_fit, y_fit = txn.loc[fit_rows, ["amount", "merchant_risk"]], txn.loc[fit_rows, "is_fraud"]
            gbm.fit(X_fit, y_fit)
        """, note="a target encoding over every row, test period included"),
        invalid("""
            import pandas as pd
            from sklearn.ensemble import GradientBoostingClassifier
            from sklearn.model_selection import cross_val_score
            df = pd.read_csv("customers.csv")
            df["city_rate"] = df.groupby("city")["churned"].transform("mean")  # expect: LEAK004
            X = df[["age", "tenure", "city_rate"]]
            print(cross_val_score(GradientBoostingClassifier(random_state=0), X, df["churned"], cv=5).mean())
        """, note="a target encoding over every row, then cross-validated: each fold's test rows gave their labels to it"),
        valid("""
            import pandas as pd
            from sklearn.ensemble import GradientBoostingClassifier
            from sklearn.model_selection import cross_val_score
            df = pd.read_csv("customers.csv")
            df["city_size"] = df.groupby("city")["city"].transform("count")
            X = df[["age", "tenure", "city_size"]]
            print(cross_val_score(GradientBoostingClassifier(random_state=0), X, df["churned"], cv=5).mean())
        """, note="near miss: a count encoding of the city, which no label enters, cross-validated"),
        valid("""
            import pandas as pd
            from sklearn.ensemble import RandomForestRegressor
            from sklearn.model_selection import GroupKFold, cross_val_predict
            df = pd.read_csv("solubility.csv")
            desc = [c for c in df.columns if c.startswith("d_")]
            fp = [c for c in df.columns if c.startswith("fp_")]
            y = df["logS"].to_numpy()
            oof = cross_val_predict(RandomForestRegressor(random_state=0), df[desc + fp], y, cv=GroupKFold(5), groups=df["scaffold"])
        """, note="near miss (probe 13, surfaced by cross-validation counting as a fit): columns picked by prefix "
                  "filters joined into one key are not every column"),
        invalid("""
            import pandas as pd
            df = pd.read_csv("churn.csv")
            X = df.drop(columns=["customer_id"])  # expect: LEAK004
            y = df["churned"]
            clf.fit(X, y)
        """, note="the label column left in the table"),
        invalid("""
            import pandas as pd
            judged = pd.read_json("judgements.jsonl", lines=True)
            judged["agrees_with_gold"] = (judged["judge_label"] == judged["gold_label"]).astype(int)  # expect: LEAK004
            probe.fit(judged[["response_len", "agrees_with_gold"]], judged["gold_label"])
        """, note="LLM-judge style: a feature that compares against the gold label"),
        invalid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            df = pd.read_csv("accounts.csv")
            df["churned"] = (df["status"] == "closed").astype(int)
            X = df.drop(columns=["customer_id", "churned"])  # expect: LEAK004
            X_tr, X_te, y_tr, y_te = train_test_split(X, df["churned"], random_state=0)
            clf.fit(X_tr, y_tr)
        """, note="the label is computed from `status`, which stays in the features"),
        valid("""
            import pandas as pd
            from sklearn.linear_model import LogisticRegression
            from sklearn.model_selection import cross_val_predict
            from sklearn.preprocessing import StandardScaler

            claims = pd.read_csv("claims.csv")
            X_raw = claims[["Amount", "Channel", "Region"]]
            y = claims["IsFlagged"]
            X = pd.get_dummies(X_raw, columns=["Channel", "Region"], drop_first=True)
            scaled = ["Amount"]
            X[scaled] = StandardScaler().fit_transform(X[scaled])
            probs = cross_val_predict(LogisticRegression(max_iter=1000), X, y, cv=5, method="predict_proba")
        """, note="corpus9 (cleanlab's fraud notebook): a column assignment by a list of names (`X[scaled] = ...`) "
                  "replaces those columns only; the features are three named columns without the label"),
        invalid("""
            import pandas as pd
            from sklearn.linear_model import LogisticRegression
            from sklearn.model_selection import cross_val_predict
            from sklearn.preprocessing import StandardScaler

            claims = pd.read_csv("claims.csv")
            X = claims.drop(columns=["ClaimID"])  # expect: LEAK004
            y = claims["IsFlagged"]
            scaled = ["Amount"]
            X[scaled] = StandardScaler().fit_transform(X[scaled])
            probs = cross_val_predict(LogisticRegression(max_iter=1000), X, y, cv=5, method="predict_proba")
        """, note="the twin: the features are every column but the id, the label among them; the scaled column "
                  "assignment keeps them"),
        valid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            df = pd.read_csv("accounts.csv")
            df["churned"] = (df["status"] == "closed").astype(int)
            X = df.drop(columns=["customer_id", "churned", "status"])
            X_tr, X_te, y_tr, y_te = train_test_split(X, df["churned"], random_state=0)
            clf.fit(X_tr, y_tr)
        """, note="the column the label comes from is dropped with it"),
        valid("""
            import pandas as pd
            df = pd.read_csv("visits.csv")
            df["long_stay"] = df["los_days"] > df["los_days"].median()
            X = df.drop(columns=["long_stay", "los_days"])
            clf.fit(X, df["long_stay"])
        """, note="source column dropped; a median threshold over all rows is not followed"),
        valid("""
            import pandas as pd
            df = pd.read_csv("churn.csv")
            X = df.drop(columns=["customer_id", "churned"])
            y = df["churned"]
            clf.fit(X, y)
        """),
        valid("""
            import pandas as pd
            from sklearn.model_selection import train_test_split
            train, test = train_test_split(pd.read_csv("txn.csv"), random_state=0)
            rates = train.groupby("merchant_id")["is_fraud"].mean()
            train["merchant_risk"] = train["merchant_id"].map(rates)
            model.fit(train[["amount", "merchant_risk"]], train["is_fraud"])
        """, note="a target encoding computed on the training part only"),
        valid("""
            import pandas as pd
            df = pd.read_csv("homes.csv")
            df["log_area"] = np.log(df["living_area"])
            model.fit(df[["log_area", "year_built"]], df["sale_price"])
        """, note="a feature derived from another feature"),
        valid("""
            import pandas as pd
            fit_rows, held_rows = pd.read_csv("a.csv"), pd.read_csv("b.csv")
            y_fit, y_held = fit_rows.pop("churned"), held_rows.pop("churned")
            clf.fit(fit_rows.drop(columns=["customer_id"]), y_fit)
        """, note="the label removed with `.pop` earlier on the table's way, in a tuple assignment"),
        valid("""
            import pandas as pd
            from sklearn.compose import ColumnTransformer
            df = pd.read_csv("churn.csv")
            ct = ColumnTransformer([("num", StandardScaler(), ["age", "tenure"])])
            X = ct.fit_transform(df)
            clf.fit(X, df["churned"])
        """, note="a ColumnTransformer keeps only the columns it lists (`remainder='drop'` by default)"),
        valid("""
            import pandas as pd
            df = pd.read_csv("titanic.csv")
            y = df["Survived"]
            df = df.drop("Survived", axis=1)
            df["Fare"] = df["Fare"].fillna(0)
            clf.fit(df, y)
        """, note="a column refilled after the label was dropped: the label stays out"),
        valid("""
            import numpy as np
            import pandas as pd
            from sklearn.linear_model import LogisticRegression

            farms = pd.read_csv("farms.csv")
            treated = farms["conservation_practice"]
            X = pd.DataFrame({"runoff": np.log(farms["runoff"]), "soil_loss": np.log(farms["soil_loss"] + 1)})
            X = pd.concat([X, pd.get_dummies(farms["tillage"], prefix="till")], axis=1)
            X = X.drop(columns=["till_unknown"])
            propensity = LogisticRegression().fit(X, treated)
        """, note="the table holds only the columns it names; a drop of one dummy cannot leave the treatment in"),
        invalid("""
            import numpy as np
            import pandas as pd
            from sklearn.linear_model import LogisticRegression

            farms = pd.read_csv("farms.csv")
            treated = farms["conservation_practice"]
            X = pd.DataFrame({"runoff": np.log(farms["runoff"]), "practice": farms["conservation_practice"]})
            X = pd.concat([X, pd.get_dummies(farms["tillage"], prefix="till")], axis=1)
            X = X.drop(columns=["till_unknown"])  # expect: LEAK004
            propensity = LogisticRegression().fit(X, treated)
        """, note="near miss: one named column of the table is the treatment itself"),
        invalid("""
            import pandas as pd
            homes = pd.read_csv("homes.csv")
            X = homes.drop(columns=["price"])
            X["price_per_area"] = homes["price"] / X["area"]  # expect: LEAK004
            reg.fit(X, homes["price"])
        """, note="the label dropped, then a column computed from it added back"),
        invalid("""
            import pandas as pd
            load = pd.read_csv("grid.csv").sort_values("timestamp")
            load["load_24h"] = load["load_mw"].rolling(24).mean()  # expect: LEAK004
            rf.fit(load[["hour", "load_24h"]], load["load_mw"])
        """, note="a rolling mean that includes the hour being predicted"),
        invalid("""
            import pandas as pd
            from prophet import Prophet
            df = pd.read_csv("data/daily.csv", parse_dates=["ds"]).sort_values("ds")
            df["y_roll7"] = df["y"].rolling(7, min_periods=1).mean()  # expect: LEAK004
            m = Prophet(weekly_seasonality=True)
            m.add_regressor("y_roll7")
            m.fit(df[["ds", "y", "y_roll7"]])
        """, note="probe 15: Prophet's label is the column `y` of the frame it is fit on; its features, `ds` and the added regressors"),
        valid("""
            import pandas as pd
            from prophet import Prophet
            df = pd.read_csv("data/daily.csv", parse_dates=["ds"]).sort_values("ds")
            df["y_roll7"] = df["y"].shift(1).rolling(7, min_periods=1).mean()
            m = Prophet(weekly_seasonality=True)
            m.add_regressor("y_roll7")
            m.fit(df[["ds", "y", "y_roll7"]])
        """, note="near miss: shifted first"),
        valid("""
            import pandas as pd
            from prophet import Prophet
            df = pd.read_csv("data/daily.csv", parse_dates=["ds"]).sort_values("ds")
            df["y_roll7"] = df["y"].rolling(7, min_periods=1).mean()
            m = Prophet(weekly_seasonality=True)
            m.add_regressor("temp")
            m.fit(df)
            df.plot(x="ds", y=["y", "y_roll7"])
        """, note="near miss: the rolling mean is only drawn; Prophet uses `ds` and its added regressors"),
        valid("""
            import pandas as pd
            load = pd.read_csv("grid.csv").sort_values("timestamp")
            load["load_24h"] = load["load_mw"].shift(1).rolling(24).mean()
            rf.fit(load[["hour", "load_24h"]], load["load_mw"])
        """, note="shifted first: only earlier hours"),
        valid("""
            import pandas as pd
            daily = counts.resample("d").sum()
            daily["Total"] = daily.sum(axis=1)
            daily = daily[["Total"]]
            daily["annual"] = (daily.index - daily.index[0]).days / 365.0
            daily["monday"] = (daily.index.dayofweek == 0).astype(float)
            model.fit(daily[["annual", "monday"]], daily["Total"])
        """, note="features from the date index of a table that holds the label, not from the label"),
        invalid("""
            import pandas as pd
            sales = pd.read_csv("sales.csv").sort_values("date")
            sales["ma7"] = sales.groupby("store")["units"].transform(lambda s: s.rolling(7).mean())  # expect: LEAK004
            gbm.fit(sales[["price", "ma7"]], sales["units"])
        """, note="a per-store rolling mean of the target that includes the current day"),
        invalid("""
            import pandas as pd
            from sklearn.linear_model import Ridge
            sales = (pd.read_csv("sales.csv", parse_dates=["day"]).sort_values("day")
                     .assign(dow=lambda d: d["day"].dt.dayofweek,
                             units_7d=lambda d: d["units"].rolling(7, min_periods=1).mean()))  # expect: LEAK004
            fit_rows, test_rows = sales[sales.day < "2024-01-01"], sales[sales.day >= "2024-01-01"]
            model = Ridge().fit(fit_rows[["dow", "units_7d"]], fit_rows["units"])
        """, note="a method chain: `assign` with a lambda of the table"),
        valid("""
            import pandas as pd
            from sklearn.linear_model import Ridge
            sales = (pd.read_csv("sales.csv", parse_dates=["day"]).sort_values("day")
                     .assign(dow=lambda d: d["day"].dt.dayofweek,
                             units_7d=lambda d: d["units"].shift(1).rolling(7, min_periods=1).mean()))
            fit_rows, test_rows = sales[sales.day < "2024-01-01"], sales[sales.day >= "2024-01-01"]
            model = Ridge().fit(fit_rows[["dow", "units_7d"]], fit_rows["units"])
        """, note="near miss: the window is lagged by one day first"),
        invalid("""
            import pandas as pd
            visits = pd.read_parquet("data/clinic_train.parquet").sort_values(["clinic", "day"])
            visits["recent"] = visits.groupby("clinic")["admissions"].transform(lambda s: s.rolling(14, min_periods=1).mean())  # expect: LEAK004
            reg.fit(visits[["recent", "holiday"]], visits["admissions"])
        """, note="a training file (its path says train): a window ending at the current row still holds that row's label"),
        valid("""
            import pandas as pd
            sales = pd.read_csv("sales.csv")
            sales["units_ma7"] = sales.groupby("store")["units"].transform(lambda s: s.rolling(7).mean())
            sales["promo7"] = sales.groupby("store")["promo"].transform(lambda s: s.rolling(7).sum())
            gbm.fit(sales[["price", "promo7"]], sales["units"])
        """, note="near miss: the label's rolling mean is set (for a plot) but not a feature; the feature is a rolling "
                  "sum of another column of the same table"),
        invalid("""
            import pandas as pd
            import statsmodels.formula.api as smf
            df = pd.read_csv("data/demand.csv", parse_dates=["date"]).sort_values("date")
            df["demand_ma7"] = df["demand"].rolling(7, min_periods=1).mean()  # expect: LEAK004
            train, test = df[df.date < "2024-01-01"], df[df.date >= "2024-01-01"]
            result = smf.ols("demand ~ demand_ma7 + C(dow) + holiday", data=train).fit()
        """, note="a statsmodels formula: the left of `~` is the label, the names on the right are the features"),
        valid("""
            import pandas as pd
            import statsmodels.formula.api as smf
            df = pd.read_csv("data/demand.csv", parse_dates=["date"]).sort_values("date")
            df["demand_ma7"] = df["demand"].rolling(7, min_periods=1).mean()
            df["temp_ma3"] = df["temp"].rolling(3, min_periods=1).mean()
            result = smf.ols("demand ~ temp_ma3 + C(dow)", data=df).fit()
        """, note="near miss: the formula names the rolling mean of another column; the label's own mean is not in it"),
        invalid("""
            import numpy as np
            import pandas as pd
            from patsy import dmatrices
            visits = pd.read_csv("visits.csv").sort_values("week")
            visits["recent"] = visits["admissions"].rolling(4).mean()  # expect: LEAK004
            y, X = dmatrices("admissions ~ np.log(recent) + flu_index", visits)
            model = PoissonRegressor().fit(X, y)
        """, note="patsy's design matrices: a function of the feature (`np.log(recent)`) still reads the column"),
        valid("""
            import numpy as np
            import pandas as pd
            from patsy import dmatrices
            visits = pd.read_csv("visits.csv").sort_values("week")
            visits["recent"] = visits["admissions"].shift(1).rolling(4).mean()
            y, X = dmatrices("admissions ~ np.log(recent) + flu_index", visits)
            model = PoissonRegressor().fit(X, y)
        """, note="near miss: the window is lagged first"),
        valid("""
            import pandas as pd
            visits = pd.read_parquet("data/clinic_train.parquet")
            visits["clinic_rate"] = visits.groupby("clinic")["admissions"].transform("mean")
            reg.fit(visits[["clinic_rate", "holiday"]], visits["admissions"])
        """, note="near miss: a per-clinic mean over the training file only, a target encoding of the training part"),
        valid("""
            import pandas as pd
            sales = pd.read_csv("sales.csv").sort_values("date")
            sales["ma7"] = sales.groupby("store")["units"].transform(lambda s: s.shift(1).rolling(7).mean())
            gbm.fit(sales[["price", "ma7"]], sales["units"])
        """, note="the same, lagged by one day inside the function"),
        invalid("""
            import polars as pl
            from sklearn.model_selection import KFold
            COLS = ["temp", "visits_trend"]
            clinic = pl.read_csv("clinic_days.csv").with_columns(
                pl.col("visits").ewm_mean(span=14).over("clinic").alias("visits_trend"))  # expect: LEAK004
            X, y = clinic.select(COLS).to_numpy(), clinic.get_column("visits").to_numpy()
            for a, b in KFold(5).split(X):
                reg.fit(X[a], y[a])
        """, note="polars: an exponential moving average of the target per clinic, current day included"),
        valid("""
            import polars as pl
            from sklearn.model_selection import KFold
            COLS = ["temp", "visits_trend"]
            clinic = pl.read_csv("clinic_days.csv").with_columns(
                pl.col("visits").shift(1).ewm_mean(span=14).over("clinic").alias("visits_trend"))
            X, y = clinic.select(COLS).to_numpy(), clinic.get_column("visits").to_numpy()
            for a, b in KFold(5).split(X):
                reg.fit(X[a], y[a])
        """, note="polars: lagged by a day before the average"),
        valid("""
            import pandas as pd
            from sklearn import preprocessing
            grades = pd.read_csv("grades.csv")
            grades["noisy_grade"] = preprocessing.LabelEncoder().fit_transform(grades["noisy_grade"])
            grades["notes"] = preprocessing.LabelEncoder().fit_transform(grades["notes"])
            grades["notes"] = grades["notes"].astype("category")
            clf.fit(grades.drop(columns=["student", "noisy_grade"]), grades["noisy_grade"])
        """, note="near miss (held-out 10): each column encoded in place; `notes` is read after the label's "
                  "own column was re-encoded in the same table, but holds only its own values"),
        invalid("""
            import pandas as pd
            from sklearn import preprocessing
            grades = pd.read_csv("grades.csv")
            grades["noisy_grade"] = preprocessing.LabelEncoder().fit_transform(grades["noisy_grade"])
            grades["notes"] = grades["notes"] + grades["noisy_grade"].astype(str)  # expect: LEAK004
            clf.fit(grades.drop(columns=["student", "noisy_grade"]), grades["noisy_grade"])
        """, note="the twin: the label's values written into a feature column"),
        invalid({
            "shop/features.py": '''
                def add_store_features(frame, target="weekly_sales"):
                    frame["store_level"] = frame.groupby("store_id")[target].transform("mean")  # expect: LEAK004
                    frame["week"] = frame["date"].dt.isocalendar().week
                    return frame
            ''',
            "shop/train.py": '''
                import pandas as pd
                from lightgbm import LGBMRegressor
                from .features import add_store_features

                sales = add_store_features(pd.read_csv("sales.csv", parse_dates=["date"]))
                fit_rows = sales[sales["date"] < "2023-01-01"]
                LGBMRegressor().fit(fit_rows[["week", "store_level"]], fit_rows["weekly_sales"])
            ''',
        }, note="across modules: a per-store mean of the target over every row (test period included) made by a "
                "helper of another module, the model fit in the caller"),
        valid({
            "shop/features.py": '''
                def add_store_features(frame, target="weekly_sales"):
                    frame["store_level"] = frame.groupby("store_id")[target].transform("mean")
                    frame["week"] = frame["date"].dt.isocalendar().week
                    return frame
            ''',
            "shop/train.py": '''
                import pandas as pd
                from lightgbm import LGBMRegressor
                from .features import add_store_features

                sales = add_store_features(pd.read_csv("sales.csv", parse_dates=["date"]))
                fit_rows = sales[sales["date"] < "2023-01-01"]
                LGBMRegressor().fit(fit_rows[["week", "store_id"]], fit_rows["weekly_sales"])
            ''',
        }, note="near miss: the same helper, but the per-store mean is not among the features"),
        valid({
            "loans/columns.py": '''
                NUMERIC = ["income", "loan_amount", "dti"]
                CATEGORICAL = ["purpose", "grade"]
            ''',
            "train.py": '''
                import pandas as pd
                from sklearn.model_selection import train_test_split
                from loans.columns import CATEGORICAL, NUMERIC

                df = pd.read_csv("loans.csv")
                X, y = df[NUMERIC + CATEGORICAL], df["default"].to_numpy()
                X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=1)
                clf.fit(X_tr, y_tr)
            ''',
        }, note="probe 10 near miss: the features are two column lists imported from another module and joined "
                "with `+`; the label is not among them"),
        invalid({
            "loans/columns.py": '''
                NUMERIC = ["income", "loan_amount", "dti"]
                CATEGORICAL = ["purpose", "grade"]
            ''',
            "train.py": '''
                import pandas as pd
                from sklearn.model_selection import train_test_split
                from loans.columns import CATEGORICAL, NUMERIC

                df = pd.read_csv("loans.csv")
                X, y = df.drop(columns=["loan_id"]), df["default"].to_numpy()  # expect: LEAK004
                X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=1)
                clf.fit(X_tr, y_tr)
            ''',
        }, note="the twin: only the id is dropped, so `default` stays"),
        invalid({"forecast.ipynb": notebook(
            """
            import pandas as pd
            from sklearn.ensemble import RandomForestRegressor
            load = pd.read_csv("grid.csv", parse_dates=["timestamp"]).sort_values("timestamp")
            """,
            """
            load["trend"] = load["load_mw"].rolling(24, min_periods=1).mean()  # expect: LEAK004
            load["hour"] = load["timestamp"].dt.hour
            """,
            """
            rf = RandomForestRegressor(n_estimators=200)
            rf.fit(load[["hour", "trend"]], load["load_mw"])
            """,
        )}, note="notebook: a rolling mean of the target (current hour included) in one cell, the fit in another"),
        valid({"forecast.ipynb": notebook(
            """
            import pandas as pd
            from sklearn.ensemble import RandomForestRegressor
            load = pd.read_csv("grid.csv", parse_dates=["timestamp"]).sort_values("timestamp")
            """,
            """
            load["trend"] = load["load_mw"].shift(1).rolling(24, min_periods=1).mean()
            load["hour"] = load["timestamp"].dt.hour
            """,
            """
            rf = RandomForestRegressor(n_estimators=200)
            rf.fit(load[["hour", "trend"]], load["load_mw"])
            """,
        )}, note="near miss: the window lagged by an hour first"),
    ]

    @classmethod
    def check_repo(cls, repo) -> None:
        prog = program(repo)
        reported: set[Ref] = set()
        windows: list[tuple[str, int, str, str]] | None = None
        # a model fit on (X, y), or cross-validated on them (`cross_val_score(est, X, y)` fits it on every fold)
        fits = [(f, 1) for f in prog.nodes("fit") if prog.info(f).get("kind") == "model"]
        fits += [(s, 0) for s in prog.nodes("split") if prog.info(s).get("cv") and prog.info(s).get("y")]
        for fit, first in fits:
            x, y = prog.input(fit, first), prog.input(fit, first + 1)
            if not x or not y:
                continue
            if _offset_slices(prog, x, y):
                continue  # `X, y = series[:-1], series[1:]`: each row's features are the series before its label
            label = _label_column(prog, y)
            if label is None:
                continue
            column, label_frame = label
            spec = _feature_spec(prog, x)
            if spec is None:
                continue
            how, names, frame, built = spec
            if how == "cols":
                windows = _sql_windows(repo) if windows is None else windows
                for path, line, alias, source in windows:
                    if source == column and alias in names and (path, line) not in reported:
                        reported.add((path, line))  # type: ignore[arg-type]
                        repo.report(cls, path, line, related=[Location(prog.path(fit), prog.line(fit), "fit here")],
                                    message="`{alias}`, a SQL window over `{label}` whose frame ends at the current row, "
                                            "is among the features `{model}` is fit on to predict `{label}` at {fit}: each "
                                            "row's feature holds its own label",
                                    question="Does the window of `{alias}` at {where} include the row's own `{label}`?",
                                    alias=alias, label=column, model=model_name(prog, fit), fit=prog.describe(fit))
            table = set(prog.back([frame], rows=True))
            if label_frame not in table and not (set(prog.back([label_frame], rows=True)) & table):
                continue
            fields = {"label": column, "model": model_name(prog, fit),
                      "fit": prog.describe(fit)}
            inside = (how == "numeric" and _numeric_label(prog, frame, column)) or (
                how == "cols" and column in names) or (how in ("except", "all") and column not in names
                                                              and "?" not in names  # (some excluded names not known)
                                                              and not _built_without(prog, frame, column))
            if inside and built not in reported:
                reported.add(built)
                repo.report(cls, **prog.where(built), related=[Location(prog.path(fit), prog.line(fit), "fit here")],
                            message="`{label}`, the label, stays in the features `{x}` built at {where}, and `{model}` is fit on them at {fit}",
                            question="Is `{label}` removed from the features `{x}` (built at {where}) that `{model}` is fit on at {fit}?",
                            x=prog.info(fit).get("on", "X"), **fields)
                continue
            source = _label_source(prog, label_frame, column)
            if source is not None and built not in reported:
                kept_column, defined = source
                if (how == "cols" and kept_column in names) or (how in ("except", "all") and kept_column not in names
                                                                  and "?" not in names):
                    reported.add(built)
                    repo.report(cls, **prog.where(built),
                                related=[Location(prog.path(defined), prog.line(defined), "label computed here"),
                                         Location(prog.path(fit), prog.line(fit), "fit here")],
                                message="`{source}`, from which the label `{label}` is computed at {defined}, stays in "
                                        "the features `{x}` built at {where}, and `{model}` is fit on them at {fit}",
                                question="`{label}` is a function of `{source}` alone: why is `{source}` among the features "
                                         "`{x}` that `{model}` is fit on at {fit}?",
                                source=kept_column, defined=prog.describe(defined), x=prog.info(fit).get("on", "X"),
                                **fields)
                    continue
            derived = _derived_from_label(prog, x, column, names if how == "cols" else None,
                                          names if how == "except" else ())
            fresh = [(col, where) for col, where in derived if where not in reported]
            if fresh:
                reported.update(where for _, where in fresh)
                first = min(fresh, key=lambda p: (prog.path(p[1]), prog.line(p[1])))[1]
                listed = [f"`{c}`" for c, _ in fresh]
                text = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
                repo.report(cls, **prog.where(first), related=[Location(prog.path(w), prog.line(w), "computed here")
                                                               for _, w in fresh if w != first]
                            + [Location(prog.path(fit), prog.line(fit), "fit here")],
                            features=text, verb="is" if len(fresh) == 1 else "are",
                            them="it" if len(fresh) == 1 else "them", **fields)


# A SQL window aggregate whose frame ends at the current row (`AVG(units) OVER (PARTITION BY s ORDER BY day ROWS
# BETWEEN 6 PRECEDING AND CURRENT ROW) AS units_ma7`), or an ordered window with no frame (SQL's default frame
# ends at the current row too).
_SQL_WINDOW = re.compile(r"\b(?:avg|sum|mean|median|min|max|stddev\w*|var\w*)\s*\(\s*(?:\w+\.)?(\w+)\s*\)\s*over\s*"
                         r"\(((?:[^()]|\([^()]*\))*)\)\s*as\s+(\w+)", re.I | re.S)
_SQL_TO_CURRENT = re.compile(r"\b(?:rows|range)\s+between\s+.*?\band\s+current\s+row\b|\b(?:rows|range)\s+unbounded\s+preceding\b",
                             re.I | re.S)


def _sql_windows(repo) -> list[tuple[str, int, str, str]]:  # noqa: ANN001
    """(path, line, alias, column) of the SQL window aggregates of the repository's `.sql` files (at most two
    folders down) whose frame ends at the current row."""
    found: list[tuple[str, int, str, str]] = []
    root = repo.root
    for pattern in ("*.sql", "*/*.sql", "*/*/*.sql"):
        for file in sorted(root.glob(pattern))[:100]:
            rel = file.relative_to(root).as_posix()
            try:
                text = repo.read_bytes(rel)[:200_000].decode("utf-8", "replace")
            except OSError:
                continue
            for match in _SQL_WINDOW.finditer(text):
                frame = match.group(2)
                ends_here = _SQL_TO_CURRENT.search(frame) or (re.search(r"\border\s+by\b", frame, re.I)
                                                              and not re.search(r"\b(?:rows|range|groups)\b", frame, re.I))
                if ends_here:
                    found.append((rel, text.count("\n", 0, match.start()) + 1, match.group(3), match.group(1)))
    return found


def _label_column(prog: Program, y: Ref) -> tuple[str, Ref] | None:
    """(the label column, the table it is read from) for a single-column `y`."""
    current = y
    for _ in range(20):
        kind = prog.kind(current)
        if kind == "src":
            return None  # the table as read, no column chosen on the way (its inputs are the path, not rows)
        if kind == "col":
            cols = prog.info(current).get("cols", [])
            if len(cols) == 1 and cols[0] != "?" and cols[0].lower() not in kb.SPLIT_NAMES:
                return cols[0], prog.input(current, 0)
            return None  # (`Y["train"]`: a part of a dict of splits, not a label column named "train")
        if kind == "op" and prog.info(current).get("op") == "attr":
            return None
        if kind == "elem" and "index" in prog.info(current):
            return None  # `X, y = data["train"]`: a position of a pair, not a column of a table
        if kind == "elem" and prog.input(current, 0):
            current = prog.input(current, 0)  # `y[train_idx]`: rows of `y`, chosen by the fold's indices
            continue
        steps = prog.back_step(current, (), rows=True)
        if len(steps) != 1:
            return None
        current = steps[0][0]
    return None


# Row-by-row operations: a label made with them from one column is a function of that column.
_ELEMENTWISE = frozenset({"astype", "fillna", "isin", "between", "eq", "ne", "gt", "lt", "ge", "le", "abs", "round",
                          "clip", "lower", "upper", "strip", "contains", "startswith", "endswith", "isna", "notna"})
_KEEPS_COLUMNS = frozenset({"to_numpy", "values", "astype", "fillna", "copy", "reset_index", "dropna", "sample", "head",
                            "tail", "sort_values", "sort_index", "drop_duplicates", "replace", "clip", "round",
                            "infer_objects", "convert_dtypes", "__array__", "to_pandas", "drop_nulls", "fill_null",
                            "fill_nan", "collect", "lazy", "sort", "to_numpy"})
_ROW_SUBSETS = frozenset({"mask", "slice", "index", "sample", "head", "tail", "dropna", "dedup", "drop", "query"})


def _feature_spec(prog: Program, x: Ref) -> tuple[str, list[str], Ref, Ref] | None:
    """("cols", names) / ("except", dropped) / ("all", []), the table, and where that was decided.

    Only steps that keep the columns as they are are followed; anything else (a helper of the
    repo, `iloc[:, 1:]`, `select_dtypes`) may have removed the label, so there is no answer.
    A column assigned on the way (`df["fare"] = df["fare"].fillna(...)` after the label was
    dropped) adds that column only: the walk goes on to the table it was assigned in, and a
    label assigned back in is reported as kept.
    """
    spec = _columns_decided(prog, x)
    if spec is None:
        return None
    how, names, frame, built, added = spec
    if how == "except":
        names = [n for n in names if n not in added]
    elif how == "cols":
        names = names + [n for n in added if n not in names]
    return how, names, frame, built


def _columns_decided(prog: Program, x: Ref) -> tuple[str, list[str], Ref, Ref, list[str]] | None:
    current = x
    added: list[str] = []
    for _ in range(20):
        kind = prog.kind(current)
        info = prog.info(current)
        if kind == "col":
            if "except" in info:
                return ("except", list(info["except"]) + _dropped_before(prog, prog.input(current, 0)),
                        prog.input(current, 0), current, added)
            cols = info.get("cols", [])
            table = _numeric_selection(prog, prog.input(current, 1)) if cols == ["?"] else 0
            if table and table == prog.input(current, 0):
                return "numeric", [], table, current, added  # `df[df.select_dtypes("number").columns]`
            if "?" in cols:
                return None
            return "cols", list(cols), prog.input(current, 0), current, added
        if kind == "drop":
            return ("except", list(info.get("cols", [])) + _dropped_before(prog, prog.input(current, 0)),
                    prog.input(current, 0), current, added)
        if kind == "setcol" and isinstance(info.get("col"), str) and prog.input(current, 0):
            added.append(info["col"])
            current = prog.input(current, 0)
            continue
        key = prog.input(current, 2) if kind == "setcol" else 0
        names = prog.info(key).get("value") if key and prog.kind(key) == "const" else None
        if names and isinstance(names, list) and all(isinstance(n, str) for n in names) and prog.input(current, 0):
            added.extend(names)  # `X[numeric] = scaler.fit_transform(X[numeric])`, `numeric = ["Amount"]`: those columns
            current = prog.input(current, 0)
            continue
        if kind in ("src", "setcol"):
            return "all", [], current, current, added
        if kind == "elem" and prog.input(current, 1):
            table = _numeric_selection(prog, prog.input(current, 1))
            if table:  # `df[df.select_dtypes("number").columns]`: every numeric column of the table
                return "numeric", [], table, current, added
            return None  # `df[desc + fp]`: columns picked by a key the analysis cannot read, not every column
        if not _keeps_columns(prog, current):
            return None
        steps = prog.back_step(current, (), rows=True)
        if not steps:
            return None
        current = steps[0][0]
    return None


_NUMERIC = frozenset({"number", "numeric", "int", "float", "int64", "float64", "int32", "float32"})


def _numeric_selection(prog: Program, key: Ref) -> Ref:
    """The table whose numeric columns a key lists (`df.select_dtypes("number").columns.tolist()`,
    `df.select_dtypes(include=["number"]).columns`, `df._get_numeric_data().columns`), or 0."""
    current = key
    for _ in range(6):
        if not current:
            return 0
        kind, info = prog.kind(current), prog.info(current)
        if kind == "call" and info.get("m") == "_get_numeric_data":
            return prog.input(current, 0)
        if kind == "call" and info.get("m") == "select_dtypes":
            lits = info.get("lits", {})
            wanted = lits.get("include", lits.get("0"))
            values = wanted if isinstance(wanted, (list, tuple)) else [wanted]
            return prog.input(current, 0) if any(str(v).lower() in _NUMERIC for v in values) else 0
        if kind not in ("call", "op", "col", "elem"):
            return 0
        current = prog.input(current, 0)
    return 0


def _numeric_label(prog: Program, frame: Ref, column: str) -> bool:
    """Is the label a number in the table: assigned as one (`df["churn"] = (df["Churn"] == "Yes").astype(int)`,
    a comparison, arithmetic)? A label read as it is from a file has no known type: no answer."""
    current = frame
    for _ in range(30):
        if not current:
            return False
        kind, info = prog.kind(current), prog.info(current)
        if kind == "setcol" and info.get("col") == column:
            value = prog.input(current, 1)
            vkind, vinfo = (prog.kind(value), prog.info(value)) if value else ("", {})
            if vkind == "call" and vinfo.get("m") == "astype":  # a bool column is no number to select_dtypes
                kind_name = str(vinfo.get("to") or vinfo.get("lits", {}).get("0", "")).lower()
                return kind_name.startswith(("int", "float", "uint"))
            return False
        steps = prog.back_step(current, (), rows=True)
        if not steps:
            return False
        current = steps[0][0]
    return False


def _keeps_columns(prog: Program, node: Ref) -> bool:
    kind, info = prog.kind(node), prog.info(node)
    if kind == "xform":
        # A transformer of unknown class, or one that selects columns (a ColumnTransformer keeps
        # only the columns it lists: `remainder="drop"` by default), may have left the label out.
        cls = prog.info(prog.input(node, 0)).get("cls") if prog.input(node, 0) else None
        return bool(cls) and plain(cls) not in TRANSFORMER_COMPOSITIONS
    return (kind in ("part", "elem")
            or (kind == "subset" and info.get("how") in _ROW_SUBSETS)
            or (kind == "call" and info.get("m") in _KEEPS_COLUMNS and prog.callee(node) is None)
            or (kind == "op" and (info.get("op") == "alias" or info.get("a") == "values")))


def _built_without(prog: Program, frame: Ref, label: str, depth: int = 0) -> bool:
    """Are the table's columns known, and the label not among them? `pd.DataFrame({"runoff": ...,
    "soil": ...})`, `df[["a", "b"]]`, `pd.get_dummies(df["tillage"])` and a `concat` of such tables
    hold only the columns they name, so a later `drop` of other columns cannot leave the label in
    (a treatment `a = df["treated"]` fit as the target of a propensity model on such a table)."""
    current = frame
    for _ in range(20):
        if not current or depth > 4:
            return False
        kind, info = prog.kind(current), prog.info(current)
        if kind == "concat":
            parts = [r for r in prog.inputs(current) if r]
            return bool(parts) and all(_built_without(prog, part, label, depth + 1) for part in parts)
        if kind == "col":  # `df[["a", "b"]]` (one name may be a dict's key, `data["train"]`: not known)
            cols = info.get("cols", [])
            return "except" not in info and len(cols) > 1 and "?" not in cols and label not in cols
        if kind == "call" and info.get("m") == "DataFrame":
            table = next((r for r in prog.inputs(current)[1:2] if r and prog.kind(r) == "op"), None)
            if table is None or prog.info(table).get("op") != "dict" or label in prog.info(table).get("keys", [label]):
                return False
            # no value of the dict is the label under another name (`"practice": df["treated"]`)
            return not any(prog.kind(r) == "col" and label in prog.info(r).get("cols", [])
                           for r in prog.back([i for i in prog.inputs(table) if i], limit=200))
        if kind == "call" and info.get("m") == "get_dummies":
            data = prog.input(current, 1)
            cols = prog.info(data).get("cols", []) if data and prog.kind(data) == "col" else []
            if data and prog.kind(data) == "op" and isinstance(attr := prog.info(data).get("a"), str) \
                    and attr not in ("values", "index", "columns", "shape", "T"):
                cols = [attr]  # `pd.get_dummies(sf.group)`: the column as an attribute
            return len(cols) == 1 and cols[0] not in ("?", label)
        if kind == "drop" or _keeps_columns(prog, current):
            current = prog.input(current, 0) if kind == "drop" else next(iter(s for s, _ in prog.back_step(current, (), rows=True)), None)
            continue
        return False
    return False


def _dropped_before(prog: Program, frame: Ref) -> list[str]:
    """Columns removed from the table earlier on its way (`y = df.pop("label")` and then
    `X = df.drop(columns=["id"])`: the label left with the pop)."""
    dropped: list[str] = []
    readded: set[str] = set()  # `X["label"] = ...` after the drop puts the column back
    current = frame
    for _ in range(20):
        if not current:
            break
        kind = prog.kind(current)
        if kind == "setcol" and isinstance(col := prog.info(current).get("col"), str) and prog.input(current, 0):
            readded.add(col)  # `inputs["company_n"] = le.fit_transform(inputs["company"])` keeps the other columns
            current = prog.input(current, 0)
            continue
        if kind == "drop" or (kind == "col" and "except" in prog.info(current)):
            info = prog.info(current)
            dropped += [c for c in info.get("cols" if kind == "drop" else "except", []) if isinstance(c, str) and c not in readded]
        elif not _keeps_columns(prog, current):
            break
        steps = prog.back_step(current, (), rows=True)
        if not steps:
            break
        current = steps[0][0]
    return dropped


def _label_source(prog: Program, frame: Ref, label: str) -> tuple[str, Ref] | None:
    """(the one column the label is computed from, row by row, and where) when the label column
    is assigned in the table from a single other column (`df["churned"] = df["status"] == "closed"`)."""
    for node in prog.back([frame], rows=True):
        if prog.kind(node) != "setcol" or prog.info(node).get("col") != label:
            continue
        value = prog.input(node, 1)
        if not value:
            return None
        # (the columns the label's own expression reads: not back through the table to how they were made, so
        # `df["margin"] = df["revenue"] - df["cost"]` then `df["y"] = df["margin"] > 0` reads `margin` alone)
        parents = prog.back([value], stop=lambda r: prog.kind(r) in ("fit", "pred", "split", "metric", "src", "param", "col"),
                            limit=200)
        if any(prog.kind(p) in ("stat", "apply") or prog.info(p).get("m") in _AGGREGATES
               or (prog.kind(p) == "call" and (prog.callee(p) is not None or prog.info(p).get("m") not in _ELEMENTWISE))
               for p in parents):
            return None  # an aggregate or an unknown function: not a plain function of one column
        reads = {tuple(prog.info(r).get("cols", [])) for r in parents if prog.kind(r) == "col"}
        if len(reads) != 1:
            return None
        (cols,) = reads
        if len(cols) != 1 or not isinstance(cols[0], str) or cols[0] in ("?", label):
            return None
        return cols[0], node
    return None


def _derived_from_label(prog: Program, frame: Ref, label: str, wanted: list[str] | None,
                        dropped: list[str] | tuple) -> list[tuple[str, Ref]]:
    """Feature columns assigned from the label: (column, where the label was read for it)."""
    found: list[tuple[str, Ref]] = []
    for node in prog.back([frame], rows=True):
        if prog.kind(node) != "setcol":
            continue
        column = prog.info(node).get("col") or prog.info(node).get("colpat")
        if not column or column == label or column in dropped or (wanted is not None and not any(
                fnmatchcase(w, column) for w in wanted)):
            continue  # (`colpat`: `out[f"{col}_te"]` as the glob `*_te`, which `plan_te` of a feature list matches)
        if any(c == column for c, _ in found):
            continue
        value = prog.input(node, 1)
        if not value:
            continue
        parents = prog.back([value], stop=lambda r: prog.kind(r) in ("fit", "pred", "split", "metric"), limit=400)
        table = None
        for read in parents:
            if prog.kind(read) != "col" or prog.info(read).get("cols") != [label]:
                continue
            table = _table_chain(prog, frame) if table is None else table
            if read in table:
                continue  # `daily = daily[["Total"]]`: the table the features are added to, not the label's values
            path = _path(parents, read)
            if _other_column(prog, path) or _column_mismatch(prog, path):
                continue  # `sales["promo"]` of the table `ma7` was set on: another column's values
            if _through_mask(prog, path):
                continue  # `taxi = taxi[taxi.fare >= 2.5]`: the label picks rows; the column's values are the date's
            if any(prog.kind(p) == "op" and prog.info(p).get("a") in ("index", "columns", "shape") for p in path):
                continue  # `daily.index.dayofweek`: the rows' index, not the label
            if any(_lagged(prog, p) or _lagged_inside(prog, p) for p in path):
                continue  # `df[label].shift(1).rolling(7).mean()`: past labels only (the split's order is LEAK005's)
            aggregate = any(prog.kind(p) == "stat" or prog.info(p).get("m") in _AGGREGATES for p in path)
            # A window over rows that ends at the current row (`rolling(7).mean()` unshifted) holds that
            # row's own label whatever part the table is; a statistic of the training part only is a
            # target encoding done right.
            window = any(prog.info(p).get("m") in WINDOW_METHODS or _windowed_inside(prog, p) for p in path)
            if aggregate and not window and role(prog, prog.input(read, 0))[0] == "train":
                continue
            found.append((column, read if aggregate else node))
            break
    return found


def _table_chain(prog: Program, frame: Ref) -> set[Ref]:
    """The tables `frame` was made from by adding, selecting or dropping columns (first inputs only,
    not the values assigned into them)."""
    chain: set[Ref] = set()
    current, stack = frame, ()
    for _ in range(200):
        if not current or current in chain or prog.kind(current) == "src":
            break
        chain.add(current)
        steps = prog.back_step(current, stack, rows=True)
        if not steps:
            break
        current, stack = steps[0]
    return chain


def _lagged(prog: Program, node: Ref) -> bool:
    """`.shift()`, `.shift(1)`, `.shift(periods=24)`, polars `.shift(n=1)`: values of earlier rows;
    `.shift(-1)` is the future."""
    info = prog.info(node)
    if prog.kind(node) != "call" or info.get("m") != "shift":
        return False
    lits = info.get("lits", {})
    lag = lits.get("0", lits.get("periods", lits.get("n", "1")))  # polars: `shift(n=1)`
    return str(lag).lstrip("+").isdigit() and int(str(lag).lstrip("+")) > 0


def _lagged_inside(prog: Program, node: Ref) -> bool:
    """`groupby("store")["units"].transform(lambda s: s.shift(1).rolling(7).mean())`: the function
    applied per group lags the label first."""
    if prog.kind(node) != "call" or prog.info(node).get("m") not in ("transform", "apply", "agg", "aggregate"):
        return False
    handed = [i for i in prog.inputs(node)[1:] if i]
    return any(_lagged(prog, r) for r in prog.back(handed, limit=20)) if handed else False


def _other_column(prog: Program, path: list[Ref]) -> bool:
    """The walk went into a table through a column it set (`sales["ma7"] = ...`) and out through
    another column of it (`sales.groupby("store")["promo"]`): that column does not hold the value."""
    assigned: set[str] = set()
    for node in path:
        info = prog.info(node)
        if prog.kind(node) == "setcol" and isinstance(info.get("col"), str):
            assigned.add(info["col"])
        elif prog.kind(node) == "col" and assigned and info.get("cols") and not assigned & set(map(str, info["cols"])):
            return True
    return False


def _column_mismatch(prog: Program, path: list[Ref]) -> bool:
    """Read from the use back to the label: a column read (`df["notes"]`) holds the values of the
    last assignment of that column only. Through an assignment of another column's value
    (`df["noisy"] = encode(df["noisy"])` before `df["notes"]` is read), or through the table an
    assignment of the same column replaced, the walk left the values the column holds."""
    held = None
    for k in range(len(path) - 1, 0, -1):
        node, came_from = path[k], path[k - 1]
        info = prog.info(node)
        if prog.kind(node) == "col":
            cols = info.get("cols") or []
            held = cols[0] if len(cols) == 1 and isinstance(cols[0], str) and cols[0] != "?" else None
        elif prog.kind(node) == "setcol" and held is not None and isinstance(info.get("col"), str):
            if came_from == prog.input(node, 1):
                if info["col"] != held:
                    return True  # another column's new values
                held = None  # the values of the column read: go on into them
            elif came_from == prog.input(node, 0) and info["col"] == held:
                return True  # the table before the column was replaced
    return False


def _windowed_inside(prog: Program, node: Ref) -> bool:
    """`groupby("store")["units"].transform(lambda s: s.rolling(7).mean())`: a window per group."""
    if prog.kind(node) != "call" or prog.info(node).get("m") not in ("transform", "apply", "agg", "aggregate"):
        return False
    handed = [i for i in prog.inputs(node)[1:] if i]
    return any(prog.info(r).get("m") in WINDOW_METHODS for r in prog.back(handed, limit=20)) if handed else False


def _offset_slices(prog: Program, x: Ref, y: Ref) -> bool:
    """Are the features and the label row slices of one series with different bounds (`train[:-1]` and
    `train[1:]`, `s[:n - k]` and `s[k:]`)? Paired by position, each row's features are earlier rows."""
    xi, yi = prog.info(x), prog.info(y)
    return (prog.kind(x) == prog.kind(y) == "subset" and xi.get("how") == yi.get("how") == "slice"
            and bool(prog.input(x, 0)) and prog.input(x, 0) == prog.input(y, 0)
            and (xi.get("lo"), xi.get("hi")) != (yi.get("lo"), yi.get("hi")))


def _through_mask(prog: Program, path: list[Ref]) -> bool:
    """Does the label reach the value only as the mask of a row selection (`df[df[label] > 0]`, or a
    query of it)? The rows kept depend on it; no value of another column does."""
    return any(prog.kind(user) == "subset" and read != prog.input(user, 0) for read, user in zip(path, path[1:]))


def _path(parents: dict[Ref, Ref], ref: Ref) -> list[Ref]:
    path = [ref]
    while parents.get(path[-1]):
        path.append(parents[path[-1]])
    return path
