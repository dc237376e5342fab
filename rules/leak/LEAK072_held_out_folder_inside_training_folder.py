"""LEAK072: a dataset config whose training folder contains its validation or test folder."""
from __future__ import annotations

import posixpath
import re

from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

_MAX_FILES = 400
_MAX_BYTES = 200_000
# A top-level split entry of a data YAML with one folder as its value (`train: images`, `val: 'images/val'`).
_ENTRY = re.compile(r"^(train|training|val|valid|validation|dev|test|testing)\s*:\s*['\"]?([^'\"#\s\[\]{}]+)['\"]?\s*(?:#.*)?$")
# Keys that make a YAML a dataset config for a detector or classifier (YOLO's class names and count).
_DATASET_KEYS = re.compile(r"^(names|nc|path|download)\s*:", re.M)
# A value that is a list file or an archive, not a folder (`train: train.txt`, `val: val.zip`).
_FILE_VALUE = re.compile(r"\.(txt|csv|json|jsonl|zip|tar|gz|tgz)$", re.I)


def _inside(inner: str, outer: str) -> bool:
    """Is the folder `inner` the folder `outer` or under it (`images/val` under `images`)?"""
    a, b = posixpath.normpath(inner.strip("/")), posixpath.normpath(outer.strip("/"))
    return a == b or a.startswith(b + "/")


def held_out_inside_training(text: str) -> tuple[int, str, str, int, str, str] | None:
    """(train line, train key, train folder, held-out line, held-out key, held-out folder) when a data
    config's validation or test folder is its training folder or lies under it."""
    if not _DATASET_KEYS.search(text):
        return None
    entries = [(n, m.group(1), m.group(2)) for n, line in enumerate(text.splitlines(), 1) if (m := _ENTRY.match(line))]
    trains = [(n, k, v) for n, k, v in entries if k.startswith("train") and not _FILE_VALUE.search(v)]
    for number, key, value in entries:
        if key.startswith("train") or _FILE_VALUE.search(value):
            continue
        for t_number, t_key, t_value in trains:
            if _inside(value, t_value):
                return t_number, t_key, t_value, number, key, value
    return None


# An MMDetection / MMEngine Python config: top-level `train_dataloader = dict(...)` blocks, and the annotation file
# and image folder each dataset reads (`ann_file="annotations/train.json"`, `data_prefix=dict(img="images/train/")`).
_LOADER_BLOCK = re.compile(r"^(train|val|test)_dataloader\s*=\s*dict\(", re.M)
_ANN_FILE = re.compile(r"\bann_file\s*=\s*['\"]([^'\"]+)['\"]")


def held_out_reads_training_annotations(text: str) -> tuple[int, str, int, str, str] | None:
    """(training line, held-out split, held-out line, held-out key, annotation file) when a held-out dataloader of
    an MMEngine-style config reads the training dataloader's annotation file."""
    starts = [(m.start(), m.group(1)) for m in _LOADER_BLOCK.finditer(text)]
    files: dict[str, tuple[int, str]] = {}
    for i, (start, split) in enumerate(starts):
        block = text[start:starts[i + 1][0] if i + 1 < len(starts) else len(text)]
        end = re.search(r"\n[^\s)]", block)  # up to the next top-level statement
        block = block[:end.start()] if end else block
        found = _ANN_FILE.search(block)
        if found is not None:
            files.setdefault(split, (text.count("\n", 0, start + 1 + found.start()) + 1, found.group(1)))
    train = files.get("train")
    for split in ("val", "test"):
        if train is not None and split in files and files[split][1] == train[1]:
            return train[0], split, files[split][0], f"{split}_dataloader", train[1]
    return None


class HeldOutFolderInsideTrainingFolder(Rule):
    """
    ## What it does
    Finds a dataset config (a YOLO-style data YAML with `names:` / `nc:` / `path:`, at most two
    folders down) whose top-level training entry is a folder that contains the validation or test
    folder: `train: images` beside `val: images/val`, or the same folder for both. Ultralytics (and
    most image-folder loaders) collect the images of a folder recursively, so every validation image is
    also a training image. Sibling folders (`train: images/train`, `val: images/val`) and list files
    (`train: train.txt`) are left alone. An MMDetection / MMEngine Python config whose `val_dataloader` or
    `test_dataloader` reads the `ann_file` its `train_dataloader` trains on is the same mistake in another format.

    ## Why is this bad?
    The model is validated (and its best epoch chosen, and its mAP reported) on images it was trained
    on: the score measures memorisation, not detection of new images.

    ## Example
        train: images
        val: images/val

    Use instead:
        train: images/train
        val: images/val
    """

    code = "LEAK072"
    category = "LEAK-OVERLAP"
    severity = Severity.ERROR
    message = ("`{train_key}: {train}` in {where} is the training folder, and the {held_key} folder `{held}` (line "
               "{held_line}) is inside it: the {held_key} images are collected as training images too")
    question = "Are the images of `{held}` also in the training folder `{train}` of {where}?"
    examples = [
        invalid({
            "data/defects.yaml": "path: datasets/defects\ntrain: images\nval: images/val\nnames:\n  0: scratch\n",
            "train_yolo.py": "from ultralytics import YOLO\nYOLO('yolov8s.pt').train(data='data/defects.yaml', epochs=100)\n",
        }, expect=[("data/defects.yaml", 2, "LEAK072")],
            note="held-out probe 23: the training folder holds the validation folder; YOLO collects images recursively"),
        valid({
            "data/defects.yaml": "path: datasets/defects\ntrain: images/train\nval: images/val\nnames:\n  0: scratch\n",
            "train_yolo.py": "from ultralytics import YOLO\nYOLO('yolov8s.pt').train(data='data/defects.yaml', epochs=100)\n",
        }, note="near miss: sibling folders"),
        invalid({
            "coco8.yaml": "path: ../datasets/coco8\ntrain: images/train\nval: images/train\nnc: 80\n",
        }, expect=[("coco8.yaml", 2, "LEAK072")], note="the same folder for training and validation"),
        invalid({"configs/defects_rcnn.py": """
train_dataloader = dict(
    batch_size=4,
    dataset=dict(type="CocoDataset", data_root="data/defects/", ann_file="annotations/train.json",
                 data_prefix=dict(img="images/train/")),
)
val_dataloader = dict(
    batch_size=1,
    dataset=dict(type="CocoDataset", data_root="data/defects/", ann_file="annotations/train.json",  # expect: LEAK072
                 data_prefix=dict(img="images/train/"), test_mode=True),
)
test_dataloader = val_dataloader
"""}, note="probe 24: an MMDetection 3 config whose validation / test loader reads the training annotations"),
        valid({"configs/defects_rcnn.py": """
train_dataloader = dict(
    batch_size=4,
    dataset=dict(type="CocoDataset", data_root="data/defects/", ann_file="annotations/train.json",
                 data_prefix=dict(img="images/train/")),
)
val_dataloader = dict(
    batch_size=1,
    dataset=dict(type="CocoDataset", data_root="data/defects/", ann_file="annotations/val.json",
                 data_prefix=dict(img="images/val/"), test_mode=True),
)
test_dataloader = val_dataloader
"""}, note="near miss: the held-out loader reads its own annotations"),
        valid({
            "conf/train.yaml": "train: true\nval: 0.1\nbatch_size: 32\n",
            "lists.yaml": "path: data\ntrain: train.txt\nval: val.txt\nnames: [a, b]\n",
        }, note="near miss: a run config without dataset keys; list files, not folders"),
    ]

    @classmethod
    def check_repo(cls, repo) -> None:
        root = repo.root
        configs = sorted({f.relative_to(root).as_posix() for pattern in ("*.yaml", "*.yml", "*/*.yaml", "*/*.yml",
                                                                         "*/*/*.yaml", "*/*/*.yml", "configs/*.py",
                                                                         "configs/*/*.py", "*config*.py")
                          for f in root.glob(pattern) if not f.relative_to(root).as_posix().startswith(".")})[:_MAX_FILES]
        for path in configs:
            try:
                text = repo.read_bytes(path)[:_MAX_BYTES].decode("utf-8", errors="replace")
            except OSError:
                continue
            found = held_out_inside_training(text)
            if found is None and path.endswith(".py"):
                same = held_out_reads_training_annotations(text)
                if same is not None:
                    t_line, split, h_line, h_key, ann = same
                    repo.report(cls, path, h_line, train_key="ann_file", train=ann, held_key=split, held=ann,
                                held_line=h_line, where=f"{path}:{t_line}", snippet=f"ann_file={ann!r}",
                                message=f"`{h_key}` in {path} reads `{ann}`, the annotations `train_dataloader` trains "
                                        f"on (line {t_line}): the {split} score is measured on training images",
                                question=f"Should `{h_key}` in {path} read `{ann}`, the training annotations?")
                continue
            if found is not None:
                t_line, t_key, t_value, h_line, h_key, h_value = found
                repo.report(cls, path, t_line, train_key=t_key, train=t_value, held_key=h_key, held=h_value,
                            held_line=h_line, where=f"{path}:{t_line}", snippet=f"{t_key}: {t_value}")
