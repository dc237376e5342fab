_base_ = ["../mmdet_base/faster-rcnn_r50_fpn.py", "../mmdet_base/schedule_1x.py"]

dataset_type = "CocoDataset"
data_root = "data/defects/"
metainfo = dict(classes=("crack", "dent", "scratch"))

train_dataloader = dict(
    batch_size=4,
    sampler=dict(type="DefaultSampler", shuffle=True),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        metainfo=metainfo,
        ann_file="annotations/train.json",
        data_prefix=dict(img="images/train/"),
    ),
)
val_dataloader = dict(
    batch_size=1,
    sampler=dict(type="DefaultSampler", shuffle=False),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        metainfo=metainfo,
        ann_file="annotations/val.json",
        data_prefix=dict(img="images/val/"),
        test_mode=True,
    ),
)
test_dataloader = val_dataloader

val_evaluator = dict(type="CocoMetric", ann_file=data_root + "annotations/val.json", metric="bbox")
test_evaluator = val_evaluator
randomness = dict(seed=0)
