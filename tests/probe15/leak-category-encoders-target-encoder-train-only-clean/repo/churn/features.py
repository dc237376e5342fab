import category_encoders as ce
import pandas as pd

CAT_COLS = ["plan", "region", "device_model", "acquisition_channel"]


def encode(train: pd.DataFrame, test: pd.DataFrame):
    enc = ce.TargetEncoder(cols=CAT_COLS, smoothing=5.0)
    enc.fit(train[CAT_COLS], train["churned"])
    tr = train.drop(columns=CAT_COLS).join(enc.transform(train[CAT_COLS]).add_suffix("_te"))
    te = test.drop(columns=CAT_COLS).join(enc.transform(test[CAT_COLS]).add_suffix("_te"))
    return tr, te
