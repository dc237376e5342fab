from imblearn.pipeline import Pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.preprocessing import StandardScaler
from xgboost import XGBClassifier

SEED = 7


def make_model():
    return Pipeline([
        ("scale", StandardScaler()),
        ("under", RandomUnderSampler(sampling_strategy=0.5)),
        ("xgb", XGBClassifier(n_estimators=400, max_depth=5, learning_rate=0.05, random_state=SEED)),
    ])
