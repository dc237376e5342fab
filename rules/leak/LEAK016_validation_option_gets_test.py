"""LEAK016: a run command hands the test data to a program's validation option."""
from __future__ import annotations

import re
import shlex
from collections.abc import Iterator

from hygiene.analysis.run_scripts import script_texts
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

_MAX_FILES = 400
_MAX_BYTES = 200_000
# A command that runs Python: `python train.py ...`, `python -m pkg.run ...`, `accelerate launch x.py`.
_RUNS_PYTHON = re.compile(r"(?:\bpython[\d.]*\b|\.py\b|\s-m\s)")
# An option naming the validation data: `--val_pattern`, `--valid_file`, `--validation_data`, `--dev-set`.
_VALIDATION_OPTION = re.compile(r"^--?(?:[a-z0-9]+[_-])*(?:val|valid|validation|dev)(?:[_-][a-z0-9]+)*$", re.IGNORECASE)
# Option words that say the value is a setting of validation, not its data (`--val_ratio 0.1`,
# `--val_check_interval`, `--valid_batch_size`, `--dev_metric`).
_SETTING_WORDS = frozenset("""
ratio frac fraction size split percent pct share portion interval every freq frequency steps step epochs epoch
batch bs num n count metric metrics check period patience mode device devices workers seed only max min
""".split())
# A value that names the test data: `TEST`, `test`, `data/test.csv`, `splits/test/`, `mimic_test.jsonl`.
_TEST_VALUE = re.compile(r"(?i)(?:^|[/_.\-])test(?:ing)?(?:$|[/_.\-])")
# ... unless it also names validation data (`val_test_overlap.csv` says both) or the test half of a pair.
_ALSO_VALIDATION = re.compile(r"(?i)(?:^|[/_.\-])(?:val|valid|validation|dev)(?:$|[/_.\-])")


def _option_words(option: str) -> set[str]:
    return set(re.split(r"[_-]+", option.lstrip("-").lower()))


def _commands(text: str, markdown: bool) -> Iterator[tuple[int, str]]:
    """(first line number, logical line) of the commands in a shell script, or in a Markdown file's
    fenced code blocks and `$ ` lines; backslash continuations joined."""
    fenced = False
    pending: tuple[int, str] | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if markdown and line.startswith(("```", "~~~")):
            fenced = not fenced
            pending = None
            continue
        if markdown and not fenced and not line.startswith("$ "):
            continue
        line = line.removeprefix("$ ")
        if pending is not None:
            start, joined = pending
            line, number = joined + " " + line, start
        if line.endswith("\\"):
            pending = (number, line[:-1])
            continue
        pending = None
        yield number, line


def validation_gets_test(command: str) -> tuple[str, str] | None:
    """(option, value) when `command` runs Python with a validation option given test data."""
    if not _RUNS_PYTHON.search(command):
        return None
    try:
        words = shlex.split(command, comments=True, posix=True)
    except ValueError:
        words = command.split()
    for i, word in enumerate(words):
        option, eq, inline = word.partition("=")
        if not _VALIDATION_OPTION.match(option) or _option_words(option) & _SETTING_WORDS:
            continue
        value = inline if eq else (words[i + 1] if i + 1 < len(words) else "")
        if not value or value.startswith("-") or "$" in value:
            continue
        if _TEST_VALUE.search(value) and not _ALSO_VALIDATION.search(value):
            return option, value
    return None


# A dataset config's top-level split entries (`train: images/train`, `val: images/test`): YOLO's data YAML and
# the like, where training picks its best checkpoint on `val`.
_YAML_SPLIT = re.compile(r"^(train|training|val|valid|validation|dev)\s*:\s*['\"]?([^'\"#\s]+)['\"]?\s*(?:#.*)?$")


def yaml_validation_is_test(text: str) -> tuple[int, str, str] | None:
    """(line, key, value) of a data config's top-level validation entry that names the test data, when the file
    also has a top-level training entry."""
    entries = [(n, m.group(1), m.group(2)) for n, line in enumerate(text.splitlines(), 1)
               if (m := _YAML_SPLIT.match(line))]
    if not any(key.startswith("train") for _, key, _ in entries):
        return None
    for number, key, value in entries:
        if not key.startswith("train") and _TEST_VALUE.search(value) and not _ALSO_VALIDATION.search(value):
            return number, key, value
    return None


class ValidationOptionGetsTest(Rule):
    """
    ## What it does
    Finds a run command, in a shell script of the repository or in a code block of its Markdown
    (the README's "to reproduce, run ..."), that hands test data to a program's validation option:
    `python src/main.py --val_pattern TEST`, `--valid_file data/test.jsonl`, `--dev-set splits/test/`.
    A program picks its best checkpoint, stops early and tunes on what it is given as validation, so
    the reported test score is then chosen on the test set. Options that set how validation runs
    (`--val_ratio 0.1`, `--val_check_interval`, `--valid_batch_size`) and values built from shell
    variables (`--valid_file $DATA/test.json`: the variable is what a reader must check) are not judged,
    nor are evaluation options (`--eval_split test`, `--test_file test.csv`): evaluating on the test set
    is what they are for. The commands of one file are one finding, at the first. A dataset config
    (a YOLO-style data YAML, at most two folders down) whose top-level validation entry names the test data
    beside a training entry (`train: images/train`, `val: images/test`) is the same choice, written in the
    config the training reads.

    Precision (2026-12-07): on the README files and shell scripts of the 523 repositories mirrored for
    the precision corpus and the real-bug sets it fires in one, mvts_transformer, whose README trains every
    supervised model with `--val_pattern TEST` (a real problem found by the held-out set 22 judge, not
    by a rule); one finding, real (1.00).

    | spelling | found | near miss left alone |
    |---|---|---|
    | `python src/main.py --val_pattern TEST` in a README code block | yes | `--val_pattern VAL` |
    | `python train.py --valid_file data/test.jsonl` in `run.sh` | yes | `--valid_file data/dev.jsonl` |
    | `python -m pkg.finetune --dev-set=splits/test/` | yes | `--test-set splits/test/` |
    | `$ python train.py --validation_data mimic_test.csv` (a `$ ` line in Markdown) | yes | `--val_ratio 0.2` |
    | `--valid_file $DATA/test.json` | no | a shell variable: what it holds is not known |
    | `val: images/test` beside `train: images/train` in a data YAML | yes | `val: images/val`; a YAML without a training entry |

    ## Why is this bad?
    The model is selected on the test set (best epoch, early stopping, hyperparameters), so the
    reported test score is optimistic, and a comparison with methods selected on a real
    validation set is unfair.

    ## Example
        python src/main.py --data_dir data/ --val_pattern TEST --epochs 100

    Use instead:
        python src/main.py --data_dir data/ --val_ratio 0.2 --test_pattern TEST --epochs 100
    """

    code = "LEAK016"
    category = "LEAK-SELECT"
    severity = Severity.ERROR
    message = ("`{option} {value}` in {where} hands the test data to the validation option of the command: "
               "the checkpoint, early stopping and settings it chooses on validation are chosen on the test set{more}")
    question = "Is `{value}`, given to `{option}` at {where}, the test set, and is anything chosen on it?"
    examples = [
        invalid({
            "weeds.yaml": "path: datasets/weeds\ntrain: images/train\nval: images/test\ntest: images/test\nnames:\n  0: crop\n",
            "train.py": "from ultralytics import YOLO\nYOLO('yolov8s.pt').train(data='weeds.yaml', epochs=100)\n",
        }, expect=[("weeds.yaml", 3, "LEAK016")], note="probe17: a YOLO data YAML whose `val:` split is the test images"),
        valid({
            "weeds.yaml": "path: datasets/weeds\ntrain: images/train\nval: images/val\ntest: images/test\nnames:\n  0: crop\n",
            "eval.yaml": "split: test\nval: false\n",
            "train.py": "from ultralytics import YOLO\nYOLO('yolov8s.pt').train(data='weeds.yaml', epochs=100)\n",
        }, note="near miss: validation images of its own; a YAML without a training entry is not a data config"),
        invalid({
            "README.md": "# Time-series transformer\n\nTo reproduce Table 2, run:\n\n```bash\n"
                         "python src/main.py --data_dir data/ --val_pattern TEST --epochs 100\n```\n",
            "src/main.py": "import argparse\nparser = argparse.ArgumentParser()\nparser.add_argument('--val_pattern')\n",
        }, expect=[("README.md", 6, "LEAK016")], note="held-out set 22: the README's command validates on the test set"),
        invalid({
            "README.md": "# Runs\n\n```bash\npython src/main.py --task a --val_pattern TEST\n"
                         "python src/main.py --task b --val_pattern TEST\n```\n",
            "src/main.py": "print('main')\n",
        }, expect=[("README.md", 4, "LEAK016")], note="two commands of one file: one finding, at the first"),
        valid({
            "README.md": "# Time-series transformer\n\nTo reproduce Table 2, run:\n\n```bash\n"
                         "python src/main.py --data_dir data/ --val_pattern VAL --test_pattern TEST --epochs 100\n```\n",
            "src/main.py": "import argparse\nparser = argparse.ArgumentParser()\nparser.add_argument('--val_pattern')\n",
        }, note="near miss: validation and test are given apart"),
        invalid({
            "README.md": "# Fine-tuning\n\n```\npython -m pkg.finetune \\\n    --train-set splits/train/ \\\n"
                         "    --dev-set=splits/test/\n```\n",
            "pkg/finetune.py": "print('fine-tune')\n",
        }, expect=[("README.md", 4, "LEAK016")], note="a continued command, `--opt=value`"),
        valid({
            "README.md": "# Fine-tuning\n\n```\npython -m pkg.finetune --train-set splits/train/ --val_ratio 0.1 "
                         "--valid_batch_size 32 --eval_split test --test_file data/test.csv\n```\n\n"
                         "Then `python train.py --valid_file data/test.jsonl` is wrong: use the dev file.\n",
            "pkg/finetune.py": "print('fine-tune')\n",
        }, note="near misses: settings of validation, evaluation options, and prose outside a code block"),
        valid({
            "README.md": "```\npython train.py --valid_file $DATA/test.json --validation_data data/val_test_split.csv\n```\n",
            "train.py": "print('train')\n",
        }, note="near misses: a shell variable, and a value that names validation too"),
        invalid({
            "docs/usage.md": "Run\n\n$ python train.py --validation_data mimic_test.csv\n",
            "train.py": "print('train')\n",
        }, expect=[("docs/usage.md", 3, "LEAK016")], note="a `$ ` command line in prose"),
    ]

    @classmethod
    def check_repo(cls, repo) -> None:
        root = repo.root
        configs = sorted({f.relative_to(root).as_posix() for pattern in ("*.yaml", "*.yml", "*/*.yaml", "*/*.yml", "*/*/*.yaml", "*/*/*.yml")
                          for f in root.glob(pattern) if not f.relative_to(root).as_posix().startswith(".")})[:_MAX_FILES]
        for path in configs:
            try:
                text = repo.read_bytes(path)[:_MAX_BYTES].decode("utf-8", errors="replace")
            except OSError:
                continue
            found = yaml_validation_is_test(text)
            if found is not None:  # `val: images/test` in a YOLO-style data YAML
                line, key, value = found
                repo.report(cls, path, line, option=f"{key}:", value=value, where=f"{path}:{line}", more="",
                            snippet=f"{key}: {value}",
                            message=("`{option} {value}` in {where} makes the test data the validation split of the "
                                     "dataset config: the checkpoint, early stopping and settings chosen on validation "
                                     "are chosen on the test set"))
        texts = [(s.path, True) for s in repo.paths() if s.kind == "text" and s.path.lower().endswith((".md", ".markdown"))]
        for path, markdown in [*texts[:_MAX_FILES], *((p, False) for p in script_texts(repo))]:
            if markdown:
                try:
                    text = repo.read_bytes(path)[:_MAX_BYTES].decode("utf-8", errors="replace")
                except OSError:
                    continue
            else:
                text = script_texts(repo)[path]  # the tracked run scripts (hygiene.analysis.run_scripts)
            hits = [(line, command, found) for line, command in _commands(text, markdown)
                    if (found := validation_gets_test(command))]
            if hits:  # the commands of one file share the habit: one finding at the first, counting the others
                line, command, (option, value) = hits[0]
                more = f" ({len(hits) - 1} more commands of this file do the same)" if len(hits) > 1 else ""
                repo.report(cls, path, line, option=option, value=value, where=f"{path}:{line}", more=more,
                            snippet=command[:200])
