import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import KFold, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

sessions = pd.read_csv("data/gait_sessions.csv")  # one row per walking session; patient_id, features..., pd_label
features = [c for c in sessions.columns if c.startswith("f_")]
X = sessions[features]
y = sessions["pd_label"]
groups = sessions["patient_id"]

pipe = make_pipeline(StandardScaler(), GradientBoostingClassifier(random_state=0))
cv = KFold(n_splits=5, shuffle=True, random_state=0)
scores = cross_validate(pipe, X, y, cv=cv, scoring="balanced_accuracy")
print(f"balanced accuracy {scores['test_score'].mean():.3f} +- {scores['test_score'].std():.3f}")
