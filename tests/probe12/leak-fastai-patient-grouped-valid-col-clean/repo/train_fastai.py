import pandas as pd
from fastai.vision.all import (ImageDataLoaders, Resize, RocAucBinary, aug_transforms, resnet50,
                               set_seed, vision_learner)
from sklearn.model_selection import GroupShuffleSplit

set_seed(42, reproducible=True)
df = pd.read_csv("data/cxr_labels.csv")   # columns: image, patient_id, pneumonia
gss = GroupShuffleSplit(n_splits=1, test_size=0.2, random_state=42)
_, val_idx = next(gss.split(df, groups=df["patient_id"]))
df["is_valid"] = False
df.loc[df.index[val_idx], "is_valid"] = True

dls = ImageDataLoaders.from_df(df, path="data/images", fn_col="image", label_col="pneumonia",
                               valid_col="is_valid", item_tfms=Resize(320),
                               batch_tfms=aug_transforms(), bs=32)
learn = vision_learner(dls, resnet50, metrics=[RocAucBinary()])
learn.fine_tune(8, base_lr=2e-3)
print(learn.validate())
