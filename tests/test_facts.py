"""The engine's fact extractors (`hygiene.analysis.facts`): io, io_attr, path_defaults, imports."""
from __future__ import annotations

import textwrap

import libcst as cst

from hygiene.config import Config
from hygiene.context import FileContext
from hygiene.analysis.facts import EXTRACTORS
from hygiene.analysis.names import NameResolver
from hygiene.walk import Dispatch, walk


def facts(source: str, module_name: str = "example", path: str = "example.py") -> dict:
    text = textwrap.dedent(source).lstrip("\n")
    module = cst.parse_module(text)
    resolver = NameResolver(module, module_name, path.endswith("__init__.py"))
    ctx = FileContext(path, "python", text, Config(), module, resolver)
    extractors = [make(ctx) for make in EXTRACTORS]
    walk(module, Dispatch([resolver, *extractors]), ctx.parents)
    for extractor in extractors:
        extractor.finish()
    return ctx.facts


def io(source: str) -> set[tuple[str, str, int]]:
    return {(r["mode"], r["path"], r["line"]) for r in facts(source).get("io", [])}


def test_literal_paths_and_defaults() -> None:
    assert io("""
        import json, argparse
        from pathlib import Path
        OUT = "results"
        ap = argparse.ArgumentParser()
        ap.add_argument("--out", default=Path("results/summary.json"))
        args = ap.parse_args()
        json.dump({}, open(f"{OUT}/metrics.json", "w"))
        args.out.write_text("{}")
    """) == {("write", "*/metrics.json", 7), ("write", "results/summary.json", 8)}


def test_a_parameter_opened_in_a_function_takes_the_paths_of_its_calls() -> None:
    assert io("""
        import json
        def score(path, out="results/x.json"):
            rows = [json.loads(l) for l in open(path)]
            return rows
        score("runs/a.jsonl")
        score(path="runs/b.jsonl")
        other("runs/c.jsonl")
    """) == {("read", "runs/a.jsonl", 3), ("read", "runs/b.jsonl", 3)}


def test_globs_are_reads() -> None:
    assert io("""
        from glob import glob
        from pathlib import Path
        for p in glob("results/preds_*.jsonl"):
            pass
        files = sorted(Path("transcripts").glob("*.jsonl"))
        names = text.glob("x")
    """) == {("read", "results/preds_*.jsonl", 3), ("read", "transcripts/*.jsonl", 5)}


def test_unresolved_attributes_are_left_for_the_repo_phase() -> None:
    found = facts("""
        import json, os
        from pathlib import Path
        from kws.config import load_config
        cfg = load_config("configs/cnn.yaml")
        Path(cfg.out).write_text("{}")
        json.dump({}, open(os.path.join(cfg.out_dir, "metrics.json"), "w"))
        self.log.write_text("x")
    """)
    assert "io" not in found
    assert [(r["attr"], r["template"], r["line"]) for r in found["io_attr"]] == [
        ("out", "{out}", 5), ("out_dir", "{out_dir}/metrics.json", 6)]


def test_path_defaults_are_module_and_class_level_paths() -> None:
    found = facts("""
        from dataclasses import dataclass
        RESULTS = "results/run1"
        MODEL = "gpt-4o"
        @dataclass
        class Config:
            out: str = "results/kws_cnn.json"
            lr: float = 1e-3
        def main():
            tmp = "scratch/x.json"
    """)
    assert found["path_defaults"] == {"RESULTS": "results/run1", "out": "results/kws_cnn.json"}


def test_imports_are_dotted_and_relative_imports_resolved() -> None:
    found = facts("""
        import os.path
        import numpy as np
        from grade import is_correct
        from . import engine
        from .data import load as load_data
        from utils import *
        def f():
            from metrics import f1
    """, module_name="pkg.train", path="pkg/train.py")
    assert found["imports"] == ["grade.is_correct", "metrics.f1", "numpy", "os.path", "pkg.data.load",
                                "pkg.engine", "utils"]


def test_trainer_save_metrics_writes_under_output_dir():
    found = io("""
        import argparse
        from transformers import Trainer, TrainingArguments
        parser = argparse.ArgumentParser()
        parser.add_argument("--out", default="runs/sst2")
        args = parser.parse_args()
        targs = TrainingArguments(output_dir=args.out, num_train_epochs=3)
        trainer = Trainer(model=model, args=targs)
        metrics = trainer.evaluate()
        trainer.save_metrics("eval", metrics)
        trainer.save_state()
        trainer.save_metrics(split, metrics)
    """)
    assert found == {("write", "runs/sst2/eval_results.json", 9), ("write", "runs/sst2/all_results.json", 9),
                     ("write", "runs/sst2/trainer_state.json", 10)}


def test_save_metrics_of_something_else_without_trainer_config_records_nothing():
    assert io('logger.save_metrics("eval", m)\nrecorder.save_state()\n') == set()


def test_downloads_are_recorded_as_downloads():
    found = io("""
        import urllib.request
        urllib.request.urlretrieve("https://x.org/a.png", "images/a.png")
    """)
    assert found == {("download", "images/a.png", 2)}


def test_trainer_output_dir_from_the_command_line_is_any_folder():
    found = io("""
        from transformers import HfArgumentParser, Trainer, TrainingArguments
        model_args, training_args = HfArgumentParser((ModelArguments, TrainingArguments)).parse_args_into_dataclasses()
        trainer = Trainer(model=model, args=training_args)
        trainer.save_metrics("eval", trainer.evaluate())
    """)
    assert ("write", "**/eval_results.json", 4) in found
