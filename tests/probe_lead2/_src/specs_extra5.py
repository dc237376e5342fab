from twin import twin

SPECS = []

W1 = dict(
    id="llm-system-prompt-built-not-passed",
    style="llm-eval",
    description="A persona system prompt is filled per condition but the messages.create call never passes system=, so every condition runs without its persona.",
    files={
        "personas.py": r'''
import json

from anthropic import Anthropic

client = Anthropic()
SYSTEM = "You are {persona}. Stay in character when you answer."
PERSONAS = ["a cautious doctor", "a reckless gambler"]
questions = [json.loads(l)["question"] for l in open("data/risk_questions.jsonl")]
answers = {}
for persona in PERSONAS:
    system_prompt = SYSTEM.format(persona=persona)
    answers[persona] = []
    for q in questions:
        msg = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=200,
                                     messages=[{"role": "user", "content": q}])
        answers[persona].append(msg.content[0].text)
json.dump(answers, open("outputs/persona_answers.json", "w"), indent=1)
''',
    },
    labels=[dict(file="personas.py", find="system_prompt = SYSTEM.format(persona=persona)", category="PROMPT-UNFILLED",
                 why="the system prompt is built and never passed to the model")],
)
SPECS.append(W1)
SPECS.append(twin(W1, "llm-system-prompt-built-not-passed-clean", "The system prompt is passed as system=.",
                  {"personas.py": [('max_tokens=200,\n', 'max_tokens=200, system=system_prompt,\n')]}))

W2 = dict(
    id="eeg-windows-stratified-kfold-subjects",
    style="sklearn",
    description="EEG windows of 20 subjects (many windows each) are cross-validated with StratifiedKFold over windows, so every subject is in train and test folds.",
    files={
        "cv_windows.py": r'''
import json

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import balanced_accuracy_score
from sklearn.model_selection import StratifiedKFold

windows = pd.read_parquet("data/eeg_windows.parquet")  # one row per 2-s window: subject_id, band powers, label
features = [c for c in windows.columns if c.startswith("bp_")]
print(f"{windows['subject_id'].nunique()} subjects, {len(windows)} windows")
X, y = windows[features].to_numpy(), windows["label"].to_numpy()
scores = []
for tr, te in StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(X, y):
    clf = RandomForestClassifier(n_estimators=300, random_state=0).fit(X[tr], y[tr])
    scores.append(balanced_accuracy_score(y[te], clf.predict(X[te])))
json.dump({"balanced_accuracy": float(np.mean(scores)), "folds": 5}, open("results/cv.json", "w"))
''',
    },
    labels=[dict(file="cv_windows.py", find="StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(X, y)", category="LEAK-SPLIT",
                 why="windows of one subject land in both training and test folds")],
)
SPECS.append(W2)
SPECS.append(twin(W2, "eeg-windows-stratified-kfold-subjects-clean", "StratifiedGroupKFold by subject.",
                  {"cv_windows.py": [("from sklearn.model_selection import StratifiedKFold", "from sklearn.model_selection import StratifiedGroupKFold"),
                                     ("StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(X, y)",
                                      "StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=0).split(X, y, groups=windows[\"subject_id\"])")]}))
