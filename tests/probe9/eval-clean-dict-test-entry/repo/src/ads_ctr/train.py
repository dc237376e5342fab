import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import Pipeline

from ads_ctr.features import make_preprocessor


def tune(cfg):
    df = pd.read_parquet(cfg["data"])
    X, y = df.drop(columns=[cfg["target"]]), df[cfg["target"]]
    X_tr, X_te, y_tr, y_te = train_test_split(
        X, y, test_size=cfg["test_size"], random_state=cfg["seed"], stratify=y
    )
    pipe = Pipeline([("prep", make_preprocessor()),
                     ("clf", HistGradientBoostingClassifier(random_state=cfg["seed"]))])
    search = GridSearchCV(pipe, cfg["grid"], scoring="f1", cv=5)
    search.fit(X_tr, y_tr)

    eval_sets = {}
    eval_sets["train"] = (X_tr, y_tr)
    eval_sets["test"] = (X_te, y_te)

    metrics = {"best_params": search.best_params_}
    for name, (X_eval, y_eval) in eval_sets.items():
        metrics[f"{name}_f1"] = f1_score(y_eval, search.predict(X_eval))
    return metrics
