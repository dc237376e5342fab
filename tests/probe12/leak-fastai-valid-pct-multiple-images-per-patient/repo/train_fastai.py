import pandas as pd
from fastai.vision.all import (ImageDataLoaders, Resize, RocAucBinary, aug_transforms, resnet50,
                               set_seed, vision_learner)

set_seed(42, reproducible=True)
df = pd.read_csv("data/cxr_labels.csv")   # columns: image, patient_id, pneumonia
print(df.groupby("patient_id").size().describe())

dls = ImageDataLoaders.from_df(df, path="data/images", fn_col="image", label_col="pneumonia",
                               valid_pct=0.2, seed=42, item_tfms=Resize(320),
                               batch_tfms=aug_transforms(), bs=32)
learn = vision_learner(dls, resnet50, metrics=[RocAucBinary()])
learn.fine_tune(8, base_lr=2e-3)
print(learn.validate())
