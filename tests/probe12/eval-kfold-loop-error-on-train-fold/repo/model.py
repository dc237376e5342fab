from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def make(alpha=1.0):
    return make_pipeline(StandardScaler(), Ridge(alpha=alpha))
