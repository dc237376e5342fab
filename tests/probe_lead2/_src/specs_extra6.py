from twin import twin

SPECS = []

V1 = dict(
    id="lgbm-sklearn-api-early-stop-on-test",
    style="sklearn",
    description="LightGBM's sklearn API stops early on eval_set=(X_test, y_test) and the same test set is reported.",
    files={
        "gbm.py": r'''
import json

import lightgbm as lgb
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

df = pd.read_csv("data/credit.csv")
X, y = df.drop(columns=["default"]), df["default"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=3)
clf = lgb.LGBMClassifier(n_estimators=5000, learning_rate=0.02, random_state=3)
clf.fit(X_train, y_train, eval_set=[(X_test, y_test)], callbacks=[lgb.early_stopping(100)])
auc = roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1])
json.dump({"test_auc": auc, "best_iteration": clf.best_iteration_}, open("results/gbm.json", "w"))
''',
    },
    labels=[dict(file="gbm.py", find="clf.fit(X_train, y_train, eval_set=[(X_test, y_test)]", category="LEAK-SELECT",
                 why="the number of trees is chosen by early stopping on the test set that is then reported")],
)
SPECS.append(V1)
SPECS.append(twin(V1, "lgbm-sklearn-api-early-stop-on-test-clean", "Early stopping watches a validation split cut from training.",
                  {"gbm.py": [("X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=3)\n",
                               "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=3)\n"
                               "X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.1, stratify=y_train, random_state=3)\n"),
                              ("clf.fit(X_train, y_train, eval_set=[(X_test, y_test)]", "clf.fit(X_fit, y_fit, eval_set=[(X_val, y_val)]")]}))

V2 = dict(
    id="llm-judge-score-get-default",
    style="llm-eval",
    description="A judge's grade letter is mapped to a score with SCORES.get(grade, 0), so an unparsed grade scores like an F.",
    files={
        "grade.py": r'''
import json
import re

from openai import OpenAI

client = OpenAI()
SCORES = {"A": 4, "B": 3, "C": 2, "D": 1, "F": 0}


def judge(answer: str, reference: str) -> int:
    out = client.chat.completions.create(model="gpt-4o", temperature=0, messages=[
        {"role": "user", "content": f"Grade the answer A-F against the reference.\nReference: {reference}\nAnswer: {answer}\nGrade:"}])
    m = re.search(r"\b([A-DF])\b", out.choices[0].message.content)
    grade = m.group(1) if m else "?"
    return SCORES.get(grade, 0)


rows = [json.loads(l) for l in open("outputs/answers.jsonl")]
scores = [judge(r["answer"], r["reference"]) for r in rows]
json.dump({"mean_grade": sum(scores) / len(scores), "judge": "gpt-4o"}, open("results/grades.json", "w"))
''',
    },
    labels=[dict(file="grade.py", find="return SCORES.get(grade, 0)", category="DATA-DEFAULT",
                 why="an unparsed grade is scored 0, the F grade")],
)
SPECS.append(V2)
SPECS.append(twin(V2, "llm-judge-score-get-default-clean", "An unparsed grade is None and left out with a count.",
                  {"grade.py": [("return SCORES.get(grade, 0)", "return SCORES.get(grade)"),
                                ("scores = [judge(r[\"answer\"], r[\"reference\"]) for r in rows]\n",
                                 "graded = [judge(r[\"answer\"], r[\"reference\"]) for r in rows]\nscores = [g for g in graded if g is not None]\n"),
                                ('"judge": "gpt-4o"}', '"judge": "gpt-4o", "ungraded": len(graded) - len(scores)}')]}))
