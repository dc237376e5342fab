import category_encoders as ce
import pandas as pd

CAT_COLS = ["plan", "region", "device_model", "acquisition_channel"]


def build_features(df: pd.DataFrame) -> pd.DataFrame:
    enc = ce.TargetEncoder(cols=CAT_COLS, smoothing=5.0)
    encoded = enc.fit_transform(df[CAT_COLS], df["churned"])
    out = df.drop(columns=CAT_COLS).join(encoded.add_suffix("_te"))
    return out
