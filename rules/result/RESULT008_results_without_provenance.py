"""RESULT008: code saves metrics with nothing that says which model, data or settings produced them.

A key counts as a metric by its name (`accuracy`, `asr`) or by its value: what a function of the same file
named for a metric returned (`{"refusal_base": base}` after `base = refusal_rate(...)`)."""
from __future__ import annotations

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.analysis.run_paths import settings_in_path, settings_named
from hygiene.analysis.launch_args import invocations, named_per_run, option_values, varies_with
from hygiene.analysis.results import metric_key, provenance_key
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.analysis.strings import string_value
from hygiene.walk import iter_nodes

import bisect
import re

# Writers of files people read numbers from. A pickle is not one (nobody reads a number from it
# without the code that made it), and `json.dumps` only counts when its text goes to a file.
_DUMPS = frozenset({"json.dump", "json.dumps", "yaml.dump", "yaml.safe_dump"})
_FILE_WRITES = frozenset({"write", "write_text", "writelines"})
_SAME_COLUMNS = frozenset({"round", "sort_values", "fillna", "astype", "copy", "dropna", "head", "tail", "abs"})
_FRAMES = frozenset({"pandas.DataFrame", "polars.DataFrame"})
_TABLE_WRITES = frozenset({"to_csv", "to_json", "to_parquet", "to_excel", "to_markdown", "to_latex",
                           "write_csv", "write_parquet", "write_json", "write_ndjson", "write_excel"})  # pandas, polars
# Keys of one item's record (a line of a predictions file), not of a summary; a summary saved with
# every item (`{"accuracy": ..., "completions": [...]}`) records its data and its n with it.
_ITEM_KEY = re.compile(r"^(id|idx|index|uid|qid|\w+_id|\w+_idx|question|prompt|input|inputs|text|context|"
                       r"answer|answers|gold|target|label|labels|pred|preds|prediction|predictions|response|"
                       r"output|completion|generation|sample|example|item|reference|references|"
                       r"outputs|completions|generations|responses|samples|examples|items|records|reply|replies|goal|goals|"
                       # a row described in words: a lookup table of codes (`confidence_score`, `description`), held-out 27
                       r"description|descriptions|meaning|definition|explanation)$", re.I)
# What a run's configuration is called when the code saves it beside the metrics
# (`json.dump(config, ...)` into the same folder, `OmegaConf.save(cfg, ...)`).
_CONFIG_NAME = re.compile(r"^(config|configs|cfg|conf|args|hparams|hyperparams|hyperparameters|params|settings|"
                          r"run_config|run_args|train_args|training_args|experiment_config|exp_config)$", re.I)
_CONFIG_SAVES = frozenset({"omegaconf.OmegaConf.save", "to_json_file", "save_pretrained", "save_config"})
# Keys of a training curve (one row per step or epoch), which is a log, not a reported summary.
# Calls that keep or write a record: a loop around them over settings makes one file of several runs.
_KEEPING = frozenset({"append", "extend", "writerow", "writerows", "write", "to_csv", "dump", "update", "concat",
                      "write_csv", "write_parquet"})
# What a loop iterates over when it is not a set of settings: folds, batches, items, lines, files.
_NOT_SETTINGS = re.compile(r"split|fold|loader|batch|iterrows|itertuples|lines|readlines|glob|listdir|tqdm\(\s*(data|ds|rows)|zip\(")
# A loop over the data's items (a row written per item is a record, not a summary).
_ITEM_LOOP = re.compile(r"item|example|sample|record|row|question|prompt|data|\bdf\b|instance|doc|pred|output|response|answer")
# A run's settings from outside its code.
_CONFIGURED = re.compile(r"\b(argparse|click|typer|hydra|omegaconf|OmegaConf|absl|fire|jsonargparse|simple_parsing|"
                         r"ml_collections|tomllib|toml|sys\.argv|os\.environ|getenv|yaml\.(safe_)?load|wandb\.config)\b")
# A search over settings run by a library in one script (Ray Tune, Optuna, a scikit-learn search): many
# settings, so a table of its metrics must say which row is which.
_SWEEP_LIBRARY = re.compile(r"\b(tune\.Tuner|tune\.run|optuna\.create_study|GridSearchCV|RandomizedSearchCV|"
                            r"HalvingGridSearchCV|wandb\.sweep)\b")
_CONFIG_PARAMS = frozenset({"args", "cfg", "config", "conf", "opt", "opts", "hparams", "params", "settings", "flags",
                            "hp", "options"})
_PATH_PARAM = re.compile(r"^(out|output|save|dest|target|result|results)$|path|dir|file|fname|prefix", re.I)
_FIXED = ("the script takes no settings from outside its code (arguments, a config, the environment) and runs one "
          "setting: its code at the commit records it")
_STEP_KEY = re.compile(r"^(epoch|epochs|step|steps|global_step|iter|iteration|iterations|round|update|updates)$", re.I)
# Columns of a training curve without its step column: the training and validation losses only.
_CURVE_KEY = re.compile(r"^(train|training|trn|valid|validation|val|dev)_?loss(es)?$", re.I)
# Official scorers copied into a repository (SQuAD's evaluate-v2.0.py, a benchmark's eval script):
# their output format is the benchmark's, not the repository's to change.
_VENDORED_PATH = re.compile(r"(^|/)(third_party|thirdparty|vendor|vendored|external|extern)/|official", re.I)
_VENDORED_TEXT = re.compile(r"official (evaluation|eval|scoring)\b|evaluation script for|"
                            r"do not (modify|edit) this file", re.I)


# Hydra's folder of one run, where it keeps the run's configuration (`.hydra/config.yaml`).
_HYDRA_RUN_DIR = re.compile(r"HydraConfig\.get\(\)\.runtime\.output_dir|\bhydra\.runtime\.output_dir|"
                            r"HydraConfig\.get\(\)\.run\.dir")
# The folder a path is built from: `os.path.join(out_dir, ...)`, `f"{out_dir}/..."`, `out_dir / "..."`.
_FOLDER_IN_PATH = re.compile(r"os\.path\.join\(\s*([\w.]+)|\{([\w.]+)\}/|\b([\w.]+)\s*/\s*f?[\"']")


# A path made from another file's path (`f.replace(".json", "_scores.json")`, `os.path.splitext(f)[0] + ...`,
# `p.with_suffix(...)`): a file named after the input it is computed from.
_FROM_INPUT = re.compile(r"\.replace\(\s*f?[\"']\.\w+[\"']|os\.path\.splitext\(|\.with_suffix\(|\.with_name\(|\.stem\b")
# A text each of `_FROM_INPUT`'s spellings holds.
_FROM_INPUT_PARTS = (".replace(", "os.path.splitext(", ".with_suffix(", ".with_name(", ".stem")
# Calls that save a model (its first argument the folder or file).
_MODEL_SAVES = frozenset({"save_pretrained", "save_state", "save_model", "save_checkpoint"})

# Command-line options that name where a run writes (`--save_dir`, `--output_dir`, `--out`).
_OUT_OPTION = re.compile(r"^--?(save|out|output|outputs|result|results|res|log|exp|run|dump)([_-]?(dir|directory|"
                         r"folder|path|prefix|root|name))?$", re.I)


# Held-out set 30: a summary named after the input it summarises, written beside the per-item scores.
_JUDGE_FILES = """import glob, json, os

API_KEY = os.getenv("JUDGE_API_KEY")

def judge_file(answers_file, scores_to, summary_to):
    items = json.load(open(answers_file))
    scores = [ask_judge(item, API_KEY) for item in items]
    summary = {{"mean_truthful": sum(scores) / len(scores), "mean_helpful": 0.0}}
    with open(scores_to, "w") as fh:
        json.dump(scores, fh)
    with open(summary_to, "w") as fh:
        json.dump(summary, fh)  # {mark}

for f in glob.glob("runs/*_answers.json"):
    scores_to = {scores}
    summary_to = {summary}
    judge_file(f, scores_to, summary_to)
"""
# Held-out set 30: Hugging Face's no_trainer template writes its last validation accuracy into the run's
# output folder, beside the checkpoints it saves there, and records its arguments with W&B.
_NO_TRAINER = """import argparse, json, os
import torch
import wandb

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--output_dir", type=str, default="./ckpts/choice")
    parser.add_argument("--log_dir", type=str, default="./logs")
    parser.add_argument("--learning_rate", type=float, default=2e-5)
    args = parser.parse_args()
    wandb.init(project="choice", config=args)
    for epoch in range(3):
        accuracy = train_one_epoch(model, epoch, args.learning_rate)
        epoch_dir = os.path.join(args.output_dir, f"epoch_{{epoch}}")
        os.makedirs(epoch_dir, exist_ok=True)
        torch.save(model.state_dict(), os.path.join(epoch_dir, "model.pth"))
    with open(os.path.join(args.{folder}, "all_results.json"), "w") as f:
        json.dump({{"eval_accuracy": accuracy}}, f)  # {mark}

main()
"""


class _Scope:
    def __init__(self) -> None:
        self.keys: dict[str, set[str]] = {}   # variable -> keys its dicts were given
        self.opaque: set[str] = set()          # variables whose keys cannot be known
        self.writes: list[tuple[cst.CSTNode, str | None, set[str]]] = []  # (node, variable, literal keys)
        self.header: set[str] | None = None    # columns of a CSV header written by hand
        self.config_saved = False              # the run's configuration is written next to them
        self.sweeps: set[str] = set()          # lists of rows that each carry their loop's setting
        self.rows_in_loop: list[bool] = []     # `writer.writerow([...values])` calls: each inside a loop?
        self.bare_rows: list[tuple[cst.CSTNode, set[str]]] = []  # headerless metric rows written per setting
        self.swept = False                     # records kept or written in a loop over settings (not folds, items)
        self.overwritten: set[int] = set()     # writes to one literal path in each iteration of a loop over settings
        self.params: dict[str, int] = {}       # the function's parameters, by position
        self.name: str | None = None           # the function's qualified name, for callers in other files
        self.handed: list[tuple[cst.Call, str, int, str | None, set[str]]] = []  # results given to a repo function
        self.measured: set[str] = set()        # variables holding what a metric function returned (`base = refusal_rate(...)`)
        self.measured_keys: set[str] = set()   # keys of the dicts written whose value is one of them


def _setting_read(value: cst.BaseExpression) -> bool:
    """`args.shots`, `cfg.model.name`, `config["lr"]`, `FLAGS.seed`, `vars(args)`: a value read from
    the run's settings object (whatever the key it is written under)."""
    while isinstance(value, (cst.Attribute, cst.Subscript)):
        value = value.value
        if isinstance(value, cst.Name):
            return value.value.lower() in _CONFIG_PARAMS or bool(_CONFIG_NAME.match(value.value))
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "vars" and value.args:
        return _setting_read(cst.Attribute(value=value.args[0].value, attr=cst.Name("x")))
    return False


def _dict_keys(node: cst.Dict) -> tuple[set[str], bool]:
    """String keys of a dict literal (with the keys of dict values inside it), and whether a
    `**spread` or a computed key makes the set unknowable."""
    keys: set[str] = set()
    opaque = False
    for element in node.elements:
        if isinstance(element, cst.StarredDictElement):
            opaque = True
            continue
        key = string_value(element.key)
        if key is None:
            if isinstance(element.value, cst.Dict):
                inner, inner_opaque = _dict_keys(element.value)
                keys |= inner
                opaque |= inner_opaque
            else:
                opaque = True
            continue
        keys.add(key)
        if _setting_read(element.value):
            keys.add("config")  # `"shots": args.shots`: a setting of the run, recorded under its own name
        if isinstance(element.value, cst.Dict):
            inner, inner_opaque = _dict_keys(element.value)
            keys |= inner
            opaque |= inner_opaque
    return keys, opaque


_GSM = """\
import argparse, json, os

def main(args):
    em = exact_match(args)
    with open(os.path.join(args.save_dir, "predictions.jsonl"), "w") as fout:
        for p in preds:
            fout.write(json.dumps(p) + "\\n")
    with open(os.path.join(args.save_dir, "metrics.json"), "w") as fout:
        json.dump({"exact_match": em}, fout, indent=4)

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--save_dir", type=str, default="results/gsm")
    parser.add_argument("--model", type=str)
    main(parser.parse_args())
"""
_LAUNCH = """\
for mdir in "$@"; do
    save_dir=$mdir/eval/gsm
    python -m eval.gsm.run_eval --model $mdir \\
        --save_dir {out}
done
"""


_PROBE = """import argparse
import pickle

ap = argparse.ArgumentParser()
ap.add_argument("--encoder", required=True)
ap.add_argument("--seed", type=int, default=0)
args = ap.parse_args()
train_probe(args.encoder, args.seed)
n, acc, f1 = evaluate_probe(args.encoder, args.seed)

with open({path}, "wb") as fh:
    pickle.dump({{"encoder": args.encoder, "n": n, "acc": acc, "macro_f1": f1}}, fh)
"""
_PROBE_NAMED = _PROBE.replace("with open({path}", "run_name = {maker}\nwith open(f\"results/{{run_name}}.pkl\"")
_MCD = """import argparse
import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--gen_wavdir", required=True)
ap.add_argument("--outdir", required=True)
args = ap.parse_args()
scores = score_wavs(args.gen_wavdir)
with open(f"{args.outdir}/mcd_avg_result.txt", "w") as f:
    f.write(f"MCD: {np.mean(scores):.4f}\\n")
"""
_DECODE_EVAL = """#!/usr/bin/env bash
for dset in dev eval; do
    _dir="exp/wav/${checkpoint}"
    _gen_wavdir="${_dir}/${dset}"
    python evaluate_mcd.py --gen_wavdir "${_gen_wavdir}" --outdir {out}
done
"""
_SEEDS = """#!/usr/bin/env bash
for enc in bert-base-uncased roberta-base; do
  for seed in 0 1 2; do
    python probe.py --encoder "$enc" --seed "$seed"
  done
done
"""


class ResultsWithoutProvenance(Rule):
    """
    ## What it does
    Finds code that writes metrics to a file (a `json.dump` of a dict, a CSV row written by
    hand, or a dict handed to a function of the repo, here or in another module, that dumps its
    parameter as it is: `save_results(metrics, path)`, or a record class of the file, a pydantic
    model or a dataclass, saved with `model_dump_json()` / `asdict()`) when everything written is a metric: no model or checkpoint, no configuration or seed,
    no sample count, no data file, no code version. A table with one row per setting of a sweep,
    each row naming its setting (`rows.append({"layer": layer, ...})` in `for layer in ...`),
    describes the candidates, not one run, and is not reported; nor is a summary saved with every
    item it was computed from (`evaluation["completions"] = completions`): it records its data and n.
    A finding needs a run whose settings can change without the code changing: settings read from
    outside (argparse, click, Hydra, a YAML config, the environment), a function given its settings
    or its output path by a caller, or a loop over settings (models, a grid, ablations; not folds,
    batches or items) whose rows do not say which is which. A script or notebook with its one
    setting written in its code is a checklist question: the commit records that setting (probe 9:
    nine such clean scripts were reported, and set 14's and earlier first scans judged the rule 0 of 11).
    When the file goes into a folder a command-line option names (`os.path.join(args.save_dir,
    "metrics.json")`) and the repository's run scripts pass that option a folder built per run
    (`--save_dir $save_dir`, set from the model's folder), the folder is the provenance: a checklist
    question, not a finding (held-out set 12: open-instruct's evaluation scripts, run per model by
    `eval_gsm8k.sh`). Run scripts that pass every model the same folder keep it a finding. A results file
    whose path leaves out an option the run scripts vary is not overwritten when, in every such command, the
    option that names the folder is built from the same shell variables (`--gen_wavdir "${_dir}/${dset}"
    --outdir "${_dir}/${dset}/MCD_res"`).
    A path the code builds from two or more of the run's settings (`os.path.join("results",
    f"{args.model}-lr-{args.lr}", dataset, f"train-{n}-{seed}")`, followed through assignments and
    helper calls of the file: `hygiene.analysis.run_paths`) records the run in the file's place: a
    checklist question (held-out set 20: few-shot scripts whose folders name model, data, sample size
    and seed). Fields set on each item of a list (`results[i]["score"] = s`) make a per-item log, not a
    summary, and are not reported; nor is a table whose rows are described in words (`["confidence_score",
    "description"]`: a lookup table of codes and their meaning). A field set on each record of a summary kept per group
    (`per_task[task]["accuracy"] = ...` in `for task, counts in per_task.items():`, whose records the loop
    reads only under keys that are not an item's, `counts["correct"]`) is the summary's own: such a
    summary of accuracy per category, written with nothing naming the model, is reported (corpus8: it
    was lost when per-item logs were left out).

    Replayed first scans of the held-out sets (othergate2, 2026-12-06): 0 real, 1 debatable still
    printed (before 0 / 1 / 0; 0 real of 7 at first scan): a best-of-N accuracy written to
    `{output_dir}_{num_n}.json`, whose folder the README's recipe names per run (the run scripts the
    rule reads for that name none). It stays on: it finds 10 case labels, all found by no other rule,
    against one debatable finding on new code; a record that holds the settings under a key of its own
    (`res["info"] = vars(args)`) records its configuration, and so does a value read from the
    settings under any key (`"shots": args.shots`, `"k": cfg.eval.k`).
    A path holding a local that a helper made from the whole settings (`output_path = args_to_name(args)`,
    `f"./outputs/agg.{output_path}.json"`) may name every option: it is not called overwritten (corpus7).
    A table written to one literal path in each iteration of a loop over settings
(`df.write_parquet("results/scores.parquet")` inside `for name in MODELS:`), with no column naming
the setting, keeps only the last setting's rows and does not say which that was: reported even
when its rows are per-item records (polars' `write_parquet` / `write_csv` are table writes like
pandas' `to_parquet` / `to_csv`).
A JSON-lines writer's record written once per run (`with jsonlines.open("results/runs.jsonl",
    mode="a") as w: w.write({...})`, not in a loop) is such a write.

    Two places record the run after all (held-out set 30): a file named after the input it is computed
    from (`f.replace(".json", "_summary.json")`, `os.path.splitext(f)[0] + ...`, here or by the caller
    that passes the path), beside that input, whose name carries its settings; and a file written into
    the folder the same program saves its model into (`torch.save`, `save_pretrained`, `save_state`),
    when the program also records its arguments (a W&B config, a dumped args file) or the model's own.

    A results file that a program with command-line options writes afresh (`open(f"results/{args.encoder}.pkl",
    "wb")`) at a path without one of its options, while the repository's run scripts vary that option from
    run to run (`for seed in 0 1 2; do python probe.py --seed "$seed"`), is overwritten by each run.

    Precision (corpus9; branch precision18): 5 findings, 2 real / 2 debatable / 1 false (0.40). The false
    one is a vendored official scorer writing to a file the user names per run; the debatable ones are
    small evaluation scripts whose caller names the output per run or saves per-sample records beside it.
    The real ones (MMLU-Pro) write a fixed file name into a shared default folder. The shape "the whole
    output path is a command-line value" would separate 3 of the 5, but RESULT008 has a label in the
    development set and in nearly every probe, none scored again for such a change in this session; it
    stays a finding, the decision left to the lead.

    ## Why is this bad?
    A results file that says only `{"acc": 0.971}` cannot be traced back to the run that made it.
    Once a second run overwrites or sits beside it, nobody can tell which model, seed, split or
    commit a number in the paper came from, or whether two numbers are comparable.

    ## Example
        summary[name] = {"acc": acc, "macro_f1": f1}
        json.dump(summary, fh)

    Use instead:
        summary[name] = {"acc": acc, "macro_f1": f1, "n_test": len(y_test)}
        json.dump({"config": vars(args), "commit": git_sha(), "results": summary}, fh)
    """
    code = "RESULT008"
    category = "RESULT-PROVENANCE"
    severity = Severity.INFO
    # A file may hand its results to a writer of another module (`save_results(metrics, path)`).
    triggers = ("json.dump", "yaml", ".write(", ".to_csv(", ".to_json(", ".to_parquet(", ".to_excel(",
                ".to_markdown(", ".to_latex(", "writerow", "DictWriter", "save", "write", "dump", "export",
                "output_dir")  # Hydra's run folder, where it keeps the run's configuration
    message = "{what} saves only metrics ({keys}): no model, configuration, seed, sample count or code version is recorded with them"
    question = "Which model, data, seed and commit produced the numbers written at {where}?"
    examples = [
        invalid("""
            import argparse
            import json
            from pathlib import Path

            def refusal_rate(model, prompts, hook=None):
                return sum(model.refuses(p, hook) for p in prompts) / len(prompts)

            def main():
                ap = argparse.ArgumentParser()
                ap.add_argument("--model")
                args = ap.parse_args()
                model = load(args.model)
                base = refusal_rate(model, PROMPTS)
                ablated = refusal_rate(model, PROMPTS, hook=ablate)
                Path("results/ablation.json").write_text(json.dumps({"refusal_base": base, "refusal_ablated": ablated}))  # expect: RESULT008
        """, note="held-out probe 23: the keys name conditions, not metrics; the values are what a metric function "
                  "(`refusal_rate`) returned"),
        valid("""
            import argparse
            import json
            from pathlib import Path

            def refusal_rate(model, prompts, hook=None):
                return sum(model.refuses(p, hook) for p in prompts) / len(prompts)

            def main():
                ap = argparse.ArgumentParser()
                ap.add_argument("--model")
                args = ap.parse_args()
                model = load(args.model)
                base = refusal_rate(model, PROMPTS)
                ablated = refusal_rate(model, PROMPTS, hook=ablate)
                Path("results/ablation.json").write_text(json.dumps({"model": args.model, "n": len(PROMPTS),
                                                                     "refusal_base": base, "refusal_ablated": ablated}))
        """, note="near miss: the same record with the model and n"),
        valid("""
            import argparse
            import json
            from pathlib import Path
            import numpy as np

            def main():
                ap = argparse.ArgumentParser()
                ap.add_argument("--model")
                args = ap.parse_args()
                acts = np.load(args.model + ".npy")
                spread = np.mean(acts)
                Path("stats/acts.json").write_text(json.dumps({"activation_spread": spread}))
        """, note="near miss: a generic mean of activations is no metric of a result"),
        invalid("""
            import polars as pl
            MODELS = ["BAAI/bge-small-en-v1.5", "intfloat/e5-small-v2"]
            for name in MODELS:
                recall = evaluate(name, queries)
                df = pl.DataFrame({"query_id": [q["id"] for q in queries], "recall_at_10": recall})
                df.write_parquet("results/scores.parquet")  # expect: RESULT008
        """, note="held-out probe 19: each model's per-query table overwrites one file that does not name the model"),
        valid("""
            import polars as pl
            MODELS = ["BAAI/bge-small-en-v1.5", "intfloat/e5-small-v2"]
            for name in MODELS:
                recall = evaluate(name, queries)
                df = pl.DataFrame({"query_id": [q["id"] for q in queries], "recall_at_10": recall})
                df.write_parquet(f"results/scores_{name.replace('/', '_')}.parquet")
        """, note="near miss: one file per model, named by it"),
        valid("""
            import json

            import optuna

            def objective(trial):
                return train_and_score(lr=trial.suggest_float("lr", 1e-4, 1e-2, log=True))

            study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
            study.optimize(objective, n_trials=50)
            json.dump({"best_params": study.best_params, "val_acc": study.best_value}, open("results/optuna.json", "w"))
        """, note="near miss (probe 16): `best_params` is the configuration the search chose, saved with its score"),
        invalid("""
            import json

            import optuna

            def objective(trial):
                return train_and_score(lr=trial.suggest_float("lr", 1e-4, 1e-2, log=True))

            study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
            study.optimize(objective, n_trials=50)
            json.dump({"val_acc": study.best_value}, open("results/optuna.json", "w"))  # expect: RESULT008
        """, note="the search's score is saved without the settings it chose"),
        valid({"utils.py": """
                import json


                def save_metrics(metrics: dict, metrics_filepath):
                    with open(metrics_filepath, "w") as f:
                        json.dump(metrics, f)
            """, "run.py": """
                import argparse
                import os

                from utils import save_metrics

                parser = argparse.ArgumentParser()
                parser.add_argument("--model", default="roberta-base")
                parser.add_argument("--lr", type=float, default=2e-5)
                args = parser.parse_args()

                for dataset in ["sst2", "cr"]:
                    for split in ["train-8-0", "train-8-1"]:
                        out_dir = os.path.join("results", f"{args.model}-lr-{args.lr}", dataset, split)
                        metrics_filepath = os.path.join(out_dir, "results.json")
                        score = train_and_eval(args, dataset, split)
                        eval_metrics = {}
                        eval_metrics["score"] = score * 100.0
                        eval_metrics["measure"] = "acc"
                        save_metrics(eval_metrics, metrics_filepath)
            """}, note="near miss (held-out set 20): the metrics go to a writer of another module, at a path the caller builds from the model, the learning rate, the data set and the split"),
        invalid({"utils.py": """
                import json


                def save_metrics(metrics: dict, metrics_filepath):
                    with open(metrics_filepath, "w") as f:
                        json.dump(metrics, f)
            """, "run.py": """
                import argparse
                import os

                from utils import save_metrics

                parser = argparse.ArgumentParser()
                parser.add_argument("--model", default="roberta-base")
                parser.add_argument("--lr", type=float, default=2e-5)
                args = parser.parse_args()

                for dataset in ["sst2", "cr"]:
                    for split in ["train-8-0", "train-8-1"]:
                        out_dir = os.path.join("results", f"{args.model}-lr-{args.lr}", dataset, split)
                        metrics_filepath = "results/results.json"
                        score = train_and_eval(args, dataset, split)
                        eval_metrics = {}
                        eval_metrics["score"] = score * 100.0
                        eval_metrics["measure"] = "acc"
                        save_metrics(eval_metrics, metrics_filepath)  # expect: RESULT008
            """}, note="the twin: every run hands the writer the same path"),
        valid("""
            import argparse, json, os
            parser = argparse.ArgumentParser()
            parser.add_argument("--model", default="roberta-base")
            parser.add_argument("--seed", type=int, default=0)
            args = parser.parse_args()
            def main(args):
                score = run(args)
                out_dir = os.path.join("results", f"{args.model}-seed{args.seed}")
                os.makedirs(out_dir, exist_ok=True)
                with open(os.path.join(out_dir, "results.json"), "w") as f:
                    json.dump({"score": score, "measure": "acc"}, f)
        """, note="near miss (held-out set 20): the folder it is written to names the model and the seed: "
                  "each run's file is its own record (a question)"),
        invalid("""
            import argparse, json, os
            parser = argparse.ArgumentParser()
            parser.add_argument("--model", default="roberta-base")
            parser.add_argument("--seed", type=int, default=0)
            args = parser.parse_args()
            def main(args):
                score = run(args)
                out_dir = "results"
                os.makedirs(out_dir, exist_ok=True)
                with open(os.path.join(out_dir, "results.json"), "w") as f:
                    json.dump({"score": score, "measure": "acc"}, f)  # expect: RESULT008
        """, note="the twin: one folder for every run, and the file names nothing"),
        valid("""
            import argparse, json
            parser = argparse.ArgumentParser()
            parser.add_argument("--eval_output_file")
            args = parser.parse_args()
            def judge_all(results, client):
                for ind, item in enumerate(results):
                    reply = client.judge(item["prompt"])
                    results[ind]["result"] = reply
                    results[ind]["score"] = parse_score(reply)
                with open(args.eval_output_file, "w") as f:
                    json.dump(results, f, indent=2)
        """, note="near miss (held-out set 20): each item's record gets its reply and score: a per-item log, not a summary"),
        invalid("""
            import argparse, json
            parser = argparse.ArgumentParser()
            parser.add_argument("--eval_output_file")
            args = parser.parse_args()
            def judge_all(results, client):
                summary = {}
                scores = [parse_score(client.judge(item["prompt"])) for item in results]
                summary["score"] = sum(scores) / len(scores)
                with open(args.eval_output_file, "w") as f:
                    json.dump(summary, f, indent=2)  # expect: RESULT008
        """, note="the twin: the summary of the same run, with nothing saying which model or setting made it"),
        invalid("""
            import argparse, json, os
            parser = argparse.ArgumentParser()
            parser.add_argument("--model", default="gpt-4o")
            parser.add_argument("--out", default="runs/")
            args = parser.parse_args()
            def write_report(per_task, report_path):
                hits = seen = 0
                for task, counts in per_task.items():
                    per_task[task]["accuracy"] = counts["correct"] / counts["seen"]
                    hits += counts["correct"]
                    seen += counts["seen"]
                per_task["overall"] = {"correct": hits, "accuracy": hits / seen}
                with open(report_path, "w") as fh:
                    fh.write(json.dumps(per_task))  # expect: RESULT008
        """, note="a summary per task (counts, then each task's accuracy set in a loop over the tasks): the "
                  "per-task fields are a summary's, not a per-item log's, and nothing names the model (corpus8)"),
        valid("""
            import argparse, json, os
            parser = argparse.ArgumentParser()
            parser.add_argument("--model", default="gpt-4o")
            parser.add_argument("--out", default="runs/")
            args = parser.parse_args()
            def write_report(per_item, report_path):
                for qid, rec in per_item.items():
                    per_item[qid]["accuracy"] = float(rec["answer"] == rec["pred"])
                with open(report_path, "w") as fh:
                    fh.write(json.dumps(per_item))
        """, note="near miss: the loop's records are items (their answer and prediction are read): a per-item log"),
        invalid("""
            import argparse, json, random
            ap = argparse.ArgumentParser()
            ap.add_argument("--shots", type=int, default=5)
            args = ap.parse_args()
            k = args.shots
            accuracy = run_fewshot(k)
            json.dump({"accuracy": accuracy}, open("results.json", "w"))  # expect: RESULT008
        """, note="a run whose settings come from its arguments writes its accuracy alone"),
        valid("""
            import argparse, json, random
            ap = argparse.ArgumentParser()
            ap.add_argument("--shots", type=int, default=5)
            args = ap.parse_args()
            accuracy = run_fewshot(args.shots)
            json.dump({"accuracy": accuracy, "shots": args.shots}, open("results.json", "w"))
        """, note="near miss: a value read from the settings records that setting, whatever its key is called"),
        invalid("""
            from ray import tune
            tuner = tune.Tuner(train_mlp, param_space={"lr": tune.loguniform(1e-4, 1e-1), "width": tune.choice([64, 256])},
                               tune_config=tune.TuneConfig(num_samples=12, metric="val_acc", mode="max"))
            df = tuner.fit().get_dataframe()
            df[["val_acc", "val_loss"]].to_csv("results/sweep.csv", index=False)  # expect: RESULT008
        """, note="probe 10: a Ray Tune sweep's table cut to its metric columns: twelve rows nobody can tell apart"),
        valid("""
            from ray import tune
            tuner = tune.Tuner(train_mlp, param_space={"lr": tune.loguniform(1e-4, 1e-1), "width": tune.choice([64, 256])},
                               tune_config=tune.TuneConfig(num_samples=12, metric="val_acc", mode="max"))
            df = tuner.fit().get_dataframe()
            df[["config/lr", "config/width", "val_acc", "val_loss"]].to_csv("results/sweep.csv", index=False)
        """, note="near miss: each row keeps the setting it came from"),
        invalid({
            "exp/__init__.py": "",
            "exp/io.py": """
                import json
                from pathlib import Path

                def save_results(results, path):
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
                    with open(path, "w") as f:
                        json.dump(results, f, indent=2)
            """,
            "exp/evaluate.py": """
                from sklearn.metrics import accuracy_score, f1_score
                from .io import save_results

                def main(y_test, preds):
                    metrics = {"accuracy": accuracy_score(y_test, preds), "f1": f1_score(y_test, preds)}
                    save_results(metrics, "results/metrics.json")  # expect: RESULT008
            """,
        }, note="across modules: the metrics are handed to a writer helper of another module (relative import)"),
        valid({
            "exp/__init__.py": "",
            "exp/io.py": """
                import json
                from pathlib import Path

                def save_results(results, path):
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
                    with open(path, "w") as f:
                        json.dump(results, f, indent=2)
            """,
            "exp/evaluate.py": """
                from sklearn.metrics import accuracy_score, f1_score
                from .io import save_results

                def main(args, y_test, preds):
                    metrics = {"accuracy": accuracy_score(y_test, preds), "f1": f1_score(y_test, preds),
                               "model": args.model, "seed": args.seed, "n_test": len(y_test)}
                    save_results(metrics, "results/metrics.json")
            """,
        }, note="near miss of the same layout: the dict names the model, the seed and n"),
        valid({
            "run.py": """
                import hydra
                from hydra.core.hydra_config import HydraConfig
                from scoring import summarise


                @hydra.main(config_path="conf", config_name="run", version_base=None)
                def main(cfg):
                    state = {"run_dir": HydraConfig.get().runtime.output_dir}
                    summarise(cfg, state, collect(cfg))
            """,
            "scoring.py": """
                import json
                import os


                def summarise(cfg, state, scores):
                    out_dir = state["run_dir"]
                    totals = {"accuracy_by_round": [s["acc"] for s in scores], "mean_error": sum(s["err"] for s in scores) / len(scores)}
                    with open(os.path.join(out_dir, "accuracy.json"), "w") as f:
                        json.dump(totals, f)
            """,
        }, note="held-out set 29: the metrics go into the run's Hydra output directory (`HydraConfig.get().runtime.output_dir`, handed over under a key), where Hydra keeps the run's `.hydra/config.yaml`: the folder records the configuration"),
        valid({
            "run.py": """
                import argparse
                import json
                import os
                from scoring import summarise


                def main():
                    parser = argparse.ArgumentParser()
                    parser.add_argument("--model")
                    args = parser.parse_args()
                    run_dir = os.path.join("runs", args.model)
                    os.makedirs(run_dir, exist_ok=True)
                    run_config = {"model": args.model, "seed": 0}
                    with open(os.path.join(run_dir, "run_config.json"), "w") as f:
                        json.dump(run_config, f)
                    summarise(args, {"run_dir": run_dir}, collect(args))
            """,
            "scoring.py": """
                import json
                import os


                def summarise(cfg, state, scores):
                    out_dir = state["run_dir"]
                    totals = {"accuracy_by_round": [s["acc"] for s in scores], "mean_error": sum(s["err"] for s in scores) / len(scores)}
                    with open(os.path.join(out_dir, "accuracy.json"), "w") as f:
                        json.dump(totals, f)
            """,
        }, note="near miss: another module of the repository dumps the run's configuration into the same folder (`run_config.json` beside the metrics)"),
        invalid({
            "run.py": """
                import hydra
                from scoring import summarise


                @hydra.main(config_path="conf", config_name="run", version_base=None)
                def main(cfg):
                    state = {"run_dir": cfg.paths.results}
                    summarise(cfg, state, collect(cfg))
            """,
            "scoring.py": """
                import json
                import os


                def summarise(cfg, state, scores):
                    out_dir = state["run_dir"]
                    totals = {"accuracy_by_round": [s["acc"] for s in scores], "mean_error": sum(s["err"] for s in scores) / len(scores)}
                    with open(os.path.join(out_dir, "accuracy.json"), "w") as f:
                        json.dump(totals, f)  # expect: RESULT008
            """,
        }, note='the twin: a configured results folder that nothing writes the configuration into'),
        invalid({"summary.ipynb": notebook(
            """
            import json
            from sklearn.metrics import accuracy_score, roc_auc_score
            """,
            """
            results = {}
            for name, model in candidates.items():
                preds = model.fit(X_train, y_train).predict(X_test)
                results.update({"accuracy": accuracy_score(y_test, preds), "auroc": roc_auc_score(y_test, preds)})
            """,
            """
            with open("results/final.json", "w") as f:
                json.dump(results, f)  # expect: RESULT008
            """,
        )}, note="notebook: the metrics of a loop over models in one cell, written in the next"),
        valid({"summary.ipynb": notebook(
            """
            import json
            from sklearn.metrics import accuracy_score, roc_auc_score
            """,
            """
            results = {"accuracy": accuracy_score(y_test, preds), "auroc": roc_auc_score(y_test, scores)}
            """,
            """
            with open("results/final.json", "w") as f:
                json.dump(results, f)
            """,
        )}, note="near miss (probe 9): one model, its settings in the notebook's cells: the commit records them "
                  "(a question, not a finding)"),
        valid({"summary.ipynb": notebook(
            """
            import json
            from sklearn.metrics import accuracy_score, roc_auc_score
            """,
            """
            results = {"accuracy": accuracy_score(y_test, preds), "auroc": roc_auc_score(y_test, scores),
                       "model": MODEL_NAME, "n_test": len(y_test)}
            """,
            """
            with open("results/final.json", "w") as f:
                json.dump(results, f)
            """,
        )}, note="near miss: the same cells, the dict names the model and n"),
        invalid("""
            import json

            def main(args):
                summary = {}
                for name, pipe in pipelines.items():
                    summary[name] = {"acc": acc, "macro_f1": f1}
                with open(args.out, "w") as fh:
                    json.dump(summary, fh, indent=2)  # expect: RESULT008
        """),
        invalid("""
            def main(args):
                with open("results/detection.csv", "a") as fh:
                    fh.write("tag,auroc,f1,precision,recall\\n")
                    fh.write(f"{args.tag},{auc:.4f},{f1:.4f},{p:.4f},{r:.4f}\\n")  # expect: RESULT008
        """),
        valid("""
            import json

            def main(args):
                table = {}
                table[budget] = {"accuracy": acc, "n": n, "file": path.name}
                args.out.write_text(json.dumps(table))
        """, note="the sample count and the data file are recorded"),
        valid("""
            import json

            def main(cfg):
                json.dump({**vars(cfg), "acc": acc}, open("results/run.json", "w"))
        """, note="near miss: the configuration is spread into the record"),
        valid("""
            import json

            def evaluate(args, model, loader):
                res = {"accuracy": accuracy(model, loader), "ece": ece(model, loader)}
                res["info"] = vars(args)
                with open("results/eval.json", "w") as f:
                    json.dump(res, f)
        """, note="near miss (held-out 14): the record holds the run's settings under a key of its own"),
        valid("""
            import pandas as pd

            def save_recorders(learn, out):
                df = pd.DataFrame(data={"train_loss": learn.recorder["train_loss"], "valid_loss": learn.recorder["valid_loss"]})
                df.to_csv(out + "_losses.csv", index=False)
        """, note="near miss (held-out 14): per-epoch training and validation losses are a training log"),
        invalid("""
            import pandas as pd

            def save_scores(learn, out):
                df = pd.DataFrame(data={"valid_loss": learn.recorder["valid_loss"], "test_mse": learn.test_mse})
                df.to_csv(out + "_scores.csv", index=False)  # expect: RESULT008
        """, note="the twin: a test score saved with nothing that says which run made it"),
        invalid("""
            import json

            def evaluate(args, model, loader):
                res = {"accuracy": accuracy(model, loader), "ece": ece(model, loader)}
                res["info"] = "DDU evaluation"
                with open("results/eval.json", "w") as f:
                    json.dump(res, f)  # expect: RESULT008
        """, note="the twin: a note, no settings"),
        valid("""
            import json, os

            def main(config, save_path):
                res_dict = {"accuracy": acc}
                with open(os.path.join(save_path, "config.json"), "w") as f:
                    json.dump(config, f, indent=2)
                with open(os.path.join(save_path, "results_summary.json"), "w") as f:
                    json.dump(res_dict, f, indent=2)
        """, note="the same code writes the run's configuration beside the metrics"),
        invalid("""
            import json

            def main(args, model_config):
                res = {"accuracy": acc}
                print(json.dumps(args.config))
                with open("results/summary.json", "w") as f:
                    json.dump(res, f)  # expect: RESULT008
        """, note="near miss: a configuration printed, not saved, records nothing"),
        invalid("""
            import pandas as pd

            def summarise(models, X, y):
                rows = []
                for model in models:
                    scores = cross_validate(model, X, y, scoring=["roc_auc", "f1"])
                    rows.append({"auc": scores["test_roc_auc"].mean(), "f1": scores["test_f1"].mean()})
                pd.DataFrame(rows).round(3).to_csv("results/cv_scores.csv", index=False)  # expect: RESULT008
        """, note="one row per model of a loop, none saying which model it is"),
        valid("""
            import pandas as pd
            from sklearn.model_selection import KFold

            kf = KFold(n_splits=5, shuffle=True, random_state=0)
            rmse = []
            for fit_idx, hold_idx in kf.split(X):
                model = Ridge(alpha=1.0).fit(X[fit_idx], y[fit_idx])
                rmse.append(((model.predict(X[hold_idx]) - y[hold_idx]) ** 2).mean() ** 0.5)
            pd.DataFrame({"fold": range(5), "rmse": rmse}).to_csv("results/cv_rmse.csv", index=False)
        """, note="near miss (probe 9): one setting written in the script, its folds' errors saved: the commit "
                  "records the setting (a question, not a finding)"),
        invalid("""
            import csv

            with open("results/sweep.csv", "w", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(["accuracy", "macro_f1", "ece"])  # expect: RESULT008
                for r in runs:
                    writer.writerow([r.acc, r.f1, r.ece])
        """),
        invalid("""
            import csv
            import typer

            def main(models: list[str], horizon: int = 12):
                with open("results/forecast_scores.csv", "a", newline="") as fh:
                    writer = csv.writer(fh)
                    for name in models:
                        y_pred = fit(name, horizon)
                        writer.writerow([mean_absolute_percentage_error(y_test, y_pred), mase(y_test, y_pred)])  # expect: RESULT008
        """, note="probe 14: a headerless row of metric values per model of a loop, none naming its model"),
        valid("""
            import csv
            import typer

            def main(models: list[str], horizon: int = 12):
                with open("results/forecast_scores.csv", "a", newline="") as fh:
                    writer = csv.writer(fh)
                    for name in models:
                        y_pred = fit(name, horizon)
                        writer.writerow([name, horizon, mean_absolute_percentage_error(y_test, y_pred), mase(y_test, y_pred)])
        """, note="near miss: each row starts with the loop's model and the horizon"),
        valid("""
            import pandas as pd

            def summarise(folds, args):
                rows = []
                for fold in folds:
                    rows.append({"fold_auc": fold.auc, "fold_f1": fold.f1})
                df = pd.DataFrame(rows)
                df.insert(0, "model", args.model)
                df.to_csv("results/cv_scores.csv", index=False)
        """, note="near miss: the model column is added before the write"),
        valid("""
            import pandas as pd

            scores = pd.DataFrame({"auroc": aurocs, "f1": f1s}, index=model_names)
            scores.to_csv("results/probes.csv")
        """, note="near miss: the index names the models"),
        valid("""
            import csv

            with open("results/sweep.csv", "w", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=["seed", "accuracy", "macro_f1"])
                writer.writeheader()
        """, note="near miss: the seed is a column"),
        valid("""
            import csv
            import os

            def save_score_codes(cursor, output_dir):
                cursor.execute("select code.confidence_score, code.description from confidence_score_lookup as code;")
                rows = cursor.fetchall()
                with open(os.path.join(output_dir, "confidence_scores.csv"), "w") as f:
                    writer = csv.DictWriter(f, fieldnames=["confidence_score", "description"])
                    writer.writeheader()
                    csv.writer(f).writerows(rows)
        """, note="near miss (held-out 27): a lookup table of score codes and what they mean, not a metrics file"),
        invalid("""
            import csv
            import os

            def save_scores(scores, output_dir):
                with open(os.path.join(output_dir, "confidence_scores.csv"), "w") as f:
                    writer = csv.DictWriter(f, fieldnames=["confidence_score", "accuracy"])  # expect: RESULT008
                    writer.writeheader()
                    writer.writerow(scores)
        """, note="the twin: the same file of scores, with nothing saying which run made them"),
        valid("""
            import json

            def evaluate(model, loader):
                metrics = {"loss": loss, "accuracy": acc}
                print(json.dumps(metrics))
                logger.info("step %d: %s", step, json.dumps(metrics))
        """, note="near miss: printed and logged, not saved"),
        invalid("""
            import json

            def evaluate(model, loader, out_path):
                metrics = {"loss": loss, "accuracy": acc}
                with open(out_path, "w") as fh:
                    fh.write(json.dumps(metrics) + "\\n")  # expect: RESULT008
        """),
        valid("""
            import json

            with open(args.pred_file, "w") as fh:
                for ex, pred in zip(examples, preds):
                    record = {"qid": ex.qid, "pred": pred, "f1": f1(pred, ex.answers)}
                    fh.write(json.dumps(record) + "\\n")
        """, note="near miss: a per-record dict, one line of a predictions file"),
        valid("""
            import json

            with open(f"runs/{run_name}/log.jsonl", "w") as fh:
                for epoch in range(epochs):
                    fh.write(json.dumps({"epoch": epoch, "val_acc": evaluate(model)}) + "\\n")
        """, note="near miss: one line per epoch of a run log, named for the run"),
        valid("""
            import pandas as pd

            pd.DataFrame({"epoch": epochs, "train_loss": train_losses, "val_acc": val_accs}).to_csv("curves.csv")
        """, note="near miss: a training curve, one row per epoch"),
        invalid("""
            import csv

            def finish_run(cfg, metrics, path="results/runs.csv"):
                with open(path, "a", newline="") as fh:
                    w = csv.writer(fh)
                    w.writerow(["epochs", "test_acc", "test_nll"])  # expect: RESULT008
                    w.writerow([cfg.epochs, metrics["acc"], metrics["nll"]])
        """, note="one row appended per run: its `epochs` is a setting, and nothing says which run the row is"),
        valid("""
            import csv

            def log_curve(history, path="results/curve.csv"):
                with open(path, "w", newline="") as fh:
                    w = csv.writer(fh)
                    w.writerow(["epoch", "val_acc", "val_nll"])
                    for epoch, (acc, nll) in enumerate(history):
                        w.writerow([epoch, acc, nll])
        """, note="near miss: a training curve written with csv, one row per epoch"),
        valid("""
            \"\"\"Official evaluation script for v1.1 of the SQuAD dataset.\"\"\"
            import json

            def main(args):
                scores = {"exact_match": em, "f1": f1}
                json.dump(scores, open(args.out_file, "w"))
        """, note="near miss: a vendored official scorer"),
        valid({"plots/post.py": """
            import pickle

            def main(args):
                post = {}
                post[env] = {"mean": mean, "std_error": se}
                pickle.dump(post, open(args.output + ".pkl", "wb"))
        """}, note="near miss: a pickle for later plotting, not a file anyone reads numbers from"),
        valid("""
            import json

            def save(cache, key, text):
                json.dump({"text": text}, open(key, "w"))
        """, note="near miss: a cache entry, not metrics"),
        valid("""
            import json

            def evaluate(completions, judge, evaluation_path):
                evaluation = {"success_rate": sum(judge(c) for c in completions) / len(completions)}
                evaluation["completions"] = completions
                json.dump(evaluation, open(evaluation_path, "w"))
        """, note="near miss: the rate is saved with every completion it was computed from (its data and n)"),
        invalid("""
            import json

            def evaluate(completions, judge, evaluation_path):
                evaluation = {"success_rate": sum(judge(c) for c in completions) / len(completions)}
                json.dump(evaluation, open(evaluation_path, "w"))  # expect: RESULT008
        """, note="the same rate saved alone"),
        valid("""
            import json

            def select(scores, kl, out_dir):
                rows = []
                for layer in range(len(scores)):
                    rows.append({"layer": layer, "refusal_score": scores[layer], "kl_score": kl[layer]})
                json.dump(rows, open(f"{out_dir}/candidates.json", "w"))
        """, note="near miss: one row per candidate of a sweep, each naming its setting (the loop's layer)"),
        invalid("""
            import json

            def summarise(scores, kl, out_dir):
                rows = []
                for layer in range(len(scores)):
                    best = max(scores[layer])
                    rows.append({"refusal_score": best, "kl_score": kl[layer]})
                json.dump(rows, open(f"{out_dir}/summary.json", "w"))  # expect: RESULT008
        """, note="the same table whose rows do not say which setting they are"),
        invalid("""
            import argparse
            import jsonlines

            def main():
                ap = argparse.ArgumentParser()
                ap.add_argument("--model", default="resnet18")
                ap.add_argument("--lr", type=float, default=0.1)
                args = ap.parse_args()
                net = train(args)
                with jsonlines.open("results/runs.jsonl", mode="a") as w:
                    w.write({"val_acc": accuracy(net, val_dl), "test_acc": accuracy(net, test_dl)})  # expect: RESULT008
        """, note="probe 12: each run appends a record of metrics only to a JSON-lines results file"),
        valid("""
            import argparse
            import jsonlines

            def main():
                ap = argparse.ArgumentParser()
                ap.add_argument("--model", default="resnet18")
                ap.add_argument("--lr", type=float, default=0.1)
                args = ap.parse_args()
                net = train(args)
                with jsonlines.open("results/runs.jsonl", mode="a") as w:
                    w.write({**vars(args), "val_acc": accuracy(net, val_dl), "test_acc": accuracy(net, test_dl)})
        """, note="the twin: the record carries the run's arguments"),
        valid("""
            import jsonlines

            with jsonlines.open("outputs/predictions.jsonl", mode="w") as w:
                for item in items:
                    w.write({"id": item["id"], "correct": grade(item)})
        """, note="near miss: one line per item, in a loop: a predictions file, not a run's summary"),
    ]

    examples += [
        invalid("""
            import sys
            from pydantic import BaseModel

            class Summary(BaseModel):
                precision: float
                recall: float
                f1: float

            def main(checkpoint, seed):
                pred = tag_all(checkpoint, seed)
                summary = Summary(precision=p(gold, pred), recall=r(gold, pred), f1=f(gold, pred))
                with open("results/summary.json", "w") as fh:
                    fh.write(summary.model_dump_json(indent=2))  # expect: RESULT008

            main(sys.argv[1], int(sys.argv[2]))
        """, note="probe 21: a pydantic record of metrics only, dumped to a fixed results path"),
        invalid("""
            import argparse, json
            from dataclasses import asdict, dataclass

            @dataclass
            class Scores:
                accuracy: float
                macro_f1: float

            args = argparse.ArgumentParser().parse_args()
            scores = Scores(accuracy=acc, macro_f1=f1)
            json.dump(asdict(scores), open("results/scores.json", "w"))  # expect: RESULT008
        """, note="a dataclass saved through `asdict`"),
        valid("""
            import sys
            from pydantic import BaseModel

            class Summary(BaseModel):
                checkpoint: str
                seed: int
                n_sentences: int
                f1: float

            def main(checkpoint, seed):
                pred = tag_all(checkpoint, seed)
                summary = Summary(checkpoint=checkpoint, seed=seed, n_sentences=len(pred), f1=f(gold, pred))
                with open("results/summary.json", "w") as fh:
                    fh.write(summary.model_dump_json(indent=2))

            main(sys.argv[1], int(sys.argv[2]))
        """, note="near miss: the record's fields name the checkpoint, the seed and n"),
    ]

    examples += [
        valid({"eval/gsm/run_eval.py": _GSM, "eval_gsm.sh": _LAUNCH.format(out="$save_dir")},
              history=[{"message": "eval", "date": "2025-01-12T10:00:00",
                        "files": {"eval/gsm/run_eval.py": _GSM, "eval_gsm.sh": _LAUNCH.format(out="$save_dir")}}],
              note="near miss (held-out 12): the repository's run script names the output folder per model "
                   "(`--save_dir $save_dir`, built from the model's folder): a checklist question"),
        invalid({"eval/gsm/run_eval.py": _GSM, "eval_gsm.sh": _LAUNCH.format(out="results/gsm")},
                history=[{"message": "eval", "date": "2025-01-12T10:00:00",
                          "files": {"eval/gsm/run_eval.py": _GSM, "eval_gsm.sh": _LAUNCH.format(out="results/gsm")}}],
                expect=[("eval/gsm/run_eval.py", 9, "RESULT008")],
                note="the twin: every model's run writes the same folder"),
    ]

    examples += [
        valid({"judge.py": _JUDGE_FILES.format(mark="", scores='f.replace(".json", "_scores.json")',
                                               summary='f.replace(".json", "_summary.json")')},
              note="near miss (held-out 30): each summary is named after the input file it summarises "
                   "(`runs/<settings>_answers.json` -> `..._answers_summary.json`), beside its per-item scores"),
        valid({"judge.py": _JUDGE_FILES.format(mark="", scores='os.path.splitext(f)[0] + "_scores.json"',
                                               summary='os.path.splitext(f)[0] + "_summary.json"')},
              note="near miss: the same, the name built from the input's stem"),
        invalid({"judge.py": _JUDGE_FILES.format(mark="expect: RESULT008", scores='"results/scores.json"',
                                                 summary='"results/summary.json"')},
                note="the twin: every input's summary goes to one fixed file that names none of them"),
        valid({"train.py": _NO_TRAINER.format(folder="output_dir", mark="")},
              note="near miss (held-out 30): the metrics go into the run's output folder, beside the checkpoints "
                   "the same program saves there, and the run's arguments are recorded (W&B config)"),
        invalid({"train.py": _NO_TRAINER.format(folder="log_dir", mark="expect: RESULT008")},
                note="the twin: the metrics go to a log folder no checkpoint is saved in"),
    ]

    examples += [
        invalid({"probe.py": _PROBE.format(path='f"results/{args.encoder}.pkl"'), "run_all.sh": _SEEDS},
                history=[{"message": "probes", "date": "2025-01-12T10:00:00",
                          "files": {"probe.py": _PROBE.format(path='f"results/{args.encoder}.pkl"'), "run_all.sh": _SEEDS}}],
                expect=[("probe.py", 11, "RESULT008")],
                note="probe 16: the run script loops over seeds; the results file is named by the encoder only"),
        valid({"probe.py": _PROBE.format(path='f"results/{args.encoder}_s{args.seed}.pkl"'), "run_all.sh": _SEEDS},
              history=[{"message": "probes", "date": "2025-01-12T10:00:00",
                        "files": {"probe.py": _PROBE.format(path='f"results/{args.encoder}_s{args.seed}.pkl"'),
                                  "run_all.sh": _SEEDS}}],
              note="near miss: every setting the script varies is in the file's name"),
        valid({"probe.py": _PROBE_NAMED.format(maker="name_of(args)"), "run_all.sh": _SEEDS},
              history=[{"message": "probes", "date": "2025-01-12T10:00:00",
                        "files": {"probe.py": _PROBE_NAMED.format(maker="name_of(args)"), "run_all.sh": _SEEDS}}],
              note="near miss (corpus7): the file is named by a helper handed every setting (`args_to_name(args)`)"),
        invalid({"probe.py": _PROBE_NAMED.format(maker="args.encoder"), "run_all.sh": _SEEDS},
                history=[{"message": "probes", "date": "2025-01-12T10:00:00",
                          "files": {"probe.py": _PROBE_NAMED.format(maker="args.encoder"), "run_all.sh": _SEEDS}}],
                expect=[("probe.py", 12, "RESULT008")],
                note="its twin: the name is one setting, the encoder; the seed the run script varies is left out"),
        valid({"evaluate_mcd.py": _MCD, "run.sh": _DECODE_EVAL.replace("{out}", '"${_dir}/${dset}/MCD_res"')},
              history=[{"message": "mcd", "date": "2025-01-12T10:00:00",
                        "files": {"evaluate_mcd.py": _MCD,
                                  "run.sh": _DECODE_EVAL.replace("{out}", '"${_dir}/${dset}/MCD_res"')}}],
              note="near miss (held-out 21): the output folder is built from the same shell variables as the "
                   "option left out of the file's name"),
        invalid({"evaluate_mcd.py": _MCD, "run.sh": _DECODE_EVAL.replace("{out}", '"exp/MCD_res"')},
                history=[{"message": "mcd", "date": "2025-01-12T10:00:00",
                          "files": {"evaluate_mcd.py": _MCD, "run.sh": _DECODE_EVAL.replace("{out}", '"exp/MCD_res"')}}],
                expect=[("evaluate_mcd.py", 9, "RESULT008")],
                note="the twin: one output folder for every generated set"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.scopes = [_Scope()]
        self.out_options: dict[str, str] = {}  # dest -> flag of options naming where a run writes
        self.where: dict[int, str] = {}        # id(write call) -> the code naming the file it writes
        self.pending: list[tuple[cst.CSTNode, dict, bool]] = []
        self.writers: list[dict] = []  # functions of this file that write the dict a parameter holds
        self.handed: list[dict] = []   # metrics-only dicts handed to a function of the repo
        self.record_fields: dict[str, set[str]] = {}  # pydantic models / dataclasses of this file -> their fields
        self.config_folders: set[str] = set()  # folders that keep a run's configuration (Hydra's output dir, a dumped config)
        self.checkpoint_paths: list[str] = []  # code naming where this file saves a model (`torch.save(m, path)`)
        self.from_input: set[str] = set()      # names holding a path made from another file's (`f.replace(".json", "_s.json")`)
        self.input_named: set[tuple[str, int]] = set()  # (function, argument index) given such a path in this file
        self.path_params: dict[int, list[tuple[str, int]]] = {}  # id(write) -> the parameters its path comes from
        # Whether `_HYDRA_RUN_DIR` and `_FROM_INPUT` can match any code of this file (a node's code is part of
        # the file's text): without, no code is generated to search them (issue 12).
        self.hydra_text = "ydra" in ctx.text
        self.input_text = any(part in ctx.text for part in _FROM_INPUT_PARTS)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """A record class (`class Summary(BaseModel)`, a `@dataclass`): an instance saved with
        `model_dump_json()` / `asdict()` holds exactly its annotated fields."""
        bases = [self.qualified_name(b.value) or "" for b in node.bases]
        marks = [self.qualified_name(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator) or ""
                 for d in node.decorators]
        if not any(b.rsplit(".", 1)[-1] in _RECORD_BASES for b in bases) \
                and not any(m.rsplit(".", 1)[-1] in _RECORD_DECORATORS for m in marks):
            return
        body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
        self.record_fields[node.name.value] = {
            stmt.body[0].target.value for stmt in body if isinstance(stmt, cst.SimpleStatementLine)
            and isinstance(stmt.body[0], cst.AnnAssign) and isinstance(stmt.body[0].target, cst.Name)}

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        scope = _Scope()
        params = node.params
        scope.params = {p.name.value: i for i, p in enumerate((*params.posonly_params, *params.params))}
        outer = [p for p in self.ctx.parents if isinstance(p, (cst.FunctionDef, cst.ClassDef))]
        if not any(isinstance(p, cst.FunctionDef) for p in outer):
            module = self.ctx.names.module_name
            scope.name = ".".join([*([module] if module else []), *(p.name.value for p in outer), node.name.value])
            if any(isinstance(p, cst.ClassDef) for p in outer):
                scope.params = {n: i - 1 for n, i in scope.params.items() if i}  # `self` is not passed
        self.scopes.append(scope)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._judge(self.scopes.pop())

    def finish(self) -> None:
        self._judge(self.scopes[0])
        # A write into a folder the caller names (`os.path.join(args.save_dir, "metrics.json")`): the
        # repository's run scripts may name that folder per run; the repo phase looks.
        deferred = []
        beside_model = self._checkpoint_folders() if _RECORDS_ARGS.search(self.ctx.text) or "save_pretrained" in self.ctx.text else set()
        for node, fields, fixed in self.pending:
            if ("", -1) in (params := self.path_params.get(id(node), [])) or self.input_named & set(params):
                continue  # named after the input it summarises (`..._layer_15_200q_summary.json`): held-out set 30
            if beside_model & self._folders_of(self.where.get(id(node), "")):
                continue  # in the run's folder, beside the checkpoints it describes, the run's arguments recorded
            used = sorted({flag for dest, flag in self.out_options.items()
                           if re.search(rf"(?<![\w]){re.escape(dest)}\b", self.where.get(id(node), ""))})
            named = settings_in_path(self.ctx.text, self.where.get(id(node)) or self.ctx.code(node))
            ask = _FIXED if fixed else (f"the path it is written to names the run's settings ({', '.join(f'`{n}`' for n in named[:5])}): "
                                        "is every run's file its own, and is that path kept with the number?") if named else None
            finding = self.ctx.report(type(self), node, fields=fields, extra={"ask": ask} if ask else None)
            # The folder it goes into may keep the run's configuration, written by another module (Hydra's
            # output directory, a config dumped there): the repo phase looks.
            folders = self._folders_of(self.where.get(id(node), ""))
            if (used and not named) or folders:
                self.ctx.findings.remove(finding)
                deferred.append({"line": finding.line, "column": finding.column, "end_line": finding.end_line,
                                 "end_column": finding.end_column, "cell": finding.cell, "cell_line": finding.cell_line,
                                 "snippet": finding.snippet, "context": finding.context, "fields": fields,
                                 "flags": used if used and not named else [], "ask": ask, "folders": sorted(folders)})
        overwritten = _fixed_writes(self.ctx)
        if deferred or self.writers or self.handed or overwritten or self.config_folders:
            self.ctx.facts[self.code] = {"deferred": deferred, "writers": self.writers[:20], "handed": self.handed[:20],
                                         "overwritten": overwritten, "config_folders": sorted(self.config_folders)[:50]}

    def _checkpoint_folders(self) -> set[str]:
        """The folders this file saves a model into, with the folders those are made in
        (`epoch_dir = os.path.join(args.output_dir, ...)`: `epoch_dir` and `output_dir`)."""
        folders = set().union(*(self._folders_of(code) for code in self.checkpoint_paths)) if self.checkpoint_paths else set()
        for name in list(folders):
            for rhs in re.findall(rf"(?m)^\s*{re.escape(name)}\s*=\s*(.+)$", self.ctx.text):
                folders |= self._folders_of(rhs)
        return folders

    def _folders_of(self, where: str) -> set[str]:
        """The folder names a write's path is built from (`os.path.join(out_dir, ...)`, `f"{out_dir}/..."`,
        `out_dir / "..."`), with the keys this file reads them from (`out_dir = state["run_dir"]`)."""
        names = {next(g for g in m.groups() if g).rsplit(".", 1)[-1] for m in _FOLDER_IN_PATH.finditer(where)}
        for name in list(names):
            names.update(re.findall(rf"(?m)^\s*{re.escape(name)}\s*=\s*[\w.]+(?:\[\s*|\.get\(\s*)[\"'](\w+)[\"']", self.ctx.text))
        return names - {"os", "path", "self", "Path"}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        kept = {folder for _, facts in repo.facts(cls.code) for folder in facts.get("config_folders", [])}
        for path, facts in repo.facts(cls.code):
            for item in facts.get("deferred", []):
                if kept & set(item.get("folders", [])):
                    continue  # the folder keeps the run's configuration (Hydra's `.hydra/config.yaml`, a dumped config)
                values = option_values(repo, path, set(item["flags"])) if item["flags"] else []
                ask = (f"the repository's run scripts name the output folder per run ({', '.join(item['flags'])} "
                       f"{values[0]})") if named_per_run(values) else item.get("ask") if not item["flags"] else None
                repo.report(cls, path, item["line"], column=item["column"], end_line=item["end_line"],
                            end_column=item["end_column"], cell=item["cell"], cell_line=item["cell_line"],
                            snippet=item["snippet"], context=item["context"], fields=dict(item["fields"]),
                            extra={"ask": ask} if ask else None)
        cls._handed_to_writers(repo)
        cls._overwritten_by_runs(repo)

    @classmethod
    def _overwritten_by_runs(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """A program's results file whose path leaves out an option the run scripts vary from run to run
        (`for seed in 0 1 2; do python probe.py --seed "$seed"`; `open(f"results/{args.encoder}.pkl", "wb")`)."""
        for path, facts in repo.facts(cls.code):
            for item in facts.get("overwritten", []):
                named = set(item.get("named", []))
                for flag in item["missing"]:
                    values = option_values(repo, path, {flag})
                    if not (len(set(values)) > 1 or any("$" in v for v in values)):
                        continue
                    commands = [c for c in invocations(repo, path, {flag} | named) if flag in c]
                    if commands and all(varies_with(repo, c, flag, named) for c in commands):
                        continue  # `--outdir "${_dir}/${dset}/MCD_res"` beside `--gen_wavdir "${_dir}/${dset}"`
                    shown = ", ".join(dict.fromkeys(values))[:40]
                    repo.report(cls, path, item["line"], message=(
                        "`{target}` is written afresh by every run, and its path leaves out `{flag}`, which the repository's "
                        "run scripts vary ({values}): each run overwrites the file of the run before, and what is left "
                        "does not say which setting made it"), target=item["target"], flag=flag, values=shown)
                    break

    @classmethod
    def _handed_to_writers(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """Metrics-only results handed to a writer function of another module (`save_results(metrics, path)`)."""
        writers: dict[tuple[str, int], tuple[str, int]] = {}
        for path, facts in repo.facts(cls.code):
            for writer in facts.get("writers", []):
                writers.setdefault((writer["fn"], writer["index"]), (path, writer["line"]))
        if not writers:
            return
        for path, facts in repo.facts(cls.code):
            for site in facts.get("handed", []):
                found = writers.get((site["fn"], site["index"]))
                if found is not None:
                    named = site.get("named") or []
                    ask = {"ask": f"the path it is written to names the run's settings ({', '.join(f'`{n}`' for n in named)}): "
                                  "is every run's file its own, and is that path kept with the number?"} if named else None
                    repo.report(cls, path, site["line"], what=site["what"], keys=site["keys"],
                                related=[Location(found[0], found[1], "written to a file here")], extra=ask)

    def _own(self) -> frozenset[str]:
        own = self.__dict__.get("_own_names")
        if own is None:
            own = self._own_names = _own_functions(getattr(self.ctx, "module", None))
        return own

    def _input_in_lines(self, node: cst.CSTNode) -> bool:
        """Whether the source lines of the statement at the walk's `node` hold a text of `_FROM_INPUT_PARTS`
        (True when unknown): the code of any part of the statement is in them (issue 12)."""
        if not self.input_text:
            return False
        span = self.ctx.statement_lines.span(node, self.ctx.parents) if "\r" not in self.ctx.text else None
        if span is None:
            return True
        lines = self.__dict__.get("_input_lines")
        if lines is None:
            lines = self._input_lines = [n for n, line in enumerate(self.ctx.lines, 1)
                                         if any(part in line for part in _FROM_INPUT_PARTS)]
        at = bisect.bisect_left(lines, span[0])
        return at < len(lines) and lines[at] <= span[1]

    def visit_Assign(self, node: cst.Assign) -> None:
        self._run_folder(node)
        if self._input_in_lines(node) and _FROM_INPUT.search(self.ctx.code(node.value)):
            self.from_input.update(t.target.value for t in node.targets if isinstance(t.target, cst.Name))
        scope = self.scopes[-1]
        for target in node.targets:
            name = _base_name(target.target)
            if name is None:
                continue
            if isinstance(target.target, cst.Name) and _metric_call(node.value, self._own()):
                scope.measured.add(name)
            if isinstance(node.value, cst.Dict):
                keys, opaque = _dict_keys(node.value)
                scope.keys.setdefault(name, set()).update(keys)
                scope.measured_keys |= _keys_measured(node.value, scope.measured, self._own())
                if opaque:
                    scope.opaque.add(name)
            elif isinstance(target.target, cst.Name) and self._frame_of(node.value) is not None:
                keys, opaque = self._frame_of(node.value)  # type: ignore[misc]
                scope.keys[name] = set(keys)
                if opaque:
                    scope.opaque.add(name)
            elif isinstance(target.target, cst.Subscript) and isinstance(target.target.value, cst.Subscript):
                field = _subscript_key(target.target)
                if field is not None and self._group_records(target.target.value, name):
                    scope.keys.setdefault(name, set()).add(field)  # `per_task[task]["acc"] = ...`: a summary's field
                else:
                    scope.opaque.add(name)  # `results[i]["score"] = s`: a field of each item's record, a per-item log
            elif isinstance(target.target, cst.Subscript):
                key = _subscript_key(target.target)
                if _names_a_config(node.value):
                    scope.config_saved = True  # `res["info"] = vars(args)`: the record carries the run's settings (held-out 14)
                if key is not None:
                    scope.keys.setdefault(name, set()).add(key)
                else:
                    scope.opaque.add(name)
            elif isinstance(target.target, cst.Name) and isinstance(node.value, cst.Call) \
                    and isinstance(node.value.func, cst.Name) and node.value.func.value in self.record_fields:
                scope.keys[name] = self.record_fields[node.value.func.value] | {
                    a.keyword.value for a in node.value.args if a.keyword is not None}
                if any(a.star for a in node.value.args):
                    scope.opaque.add(name)
            elif not isinstance(node.value, (cst.Dict, cst.Call)) or _is_dict_call(node.value):
                scope.keys.setdefault(name, set())
            else:
                scope.opaque.add(name)  # built by a call: its keys are elsewhere

    def _run_folder(self, node: cst.Assign) -> None:
        """`run_dir = HydraConfig.get().runtime.output_dir` (Hydra writes the run's `.hydra/config.yaml` there),
        and the keys such a folder is handed over under (`config["results_dir"] = run_dir`, `{"run_dir": ...}`)."""
        value = node.value
        hydra = self.hydra_text
        if hydra and "output_dir" in (code := self.ctx.code(value)) and _HYDRA_RUN_DIR.search(code):
            self.config_folders.update(n for t in node.targets for n in _target_names(t.target))

        def held(v: cst.BaseExpression) -> bool:
            return isinstance(v, cst.Name) and v.value in self.config_folders or hydra and bool(_HYDRA_RUN_DIR.search(self.ctx.code(v)))

        for element in value.elements if isinstance(value, cst.Dict) else ():
            if isinstance(element, cst.DictElement) and (key := string_value(element.key)) and held(element.value):
                self.config_folders.add(key)
        for target in node.targets:
            if isinstance(target.target, cst.Subscript) and held(value) and (key := _subscript_key(target.target)):
                self.config_folders.add(key)

    def visit_Call(self, node: cst.Call) -> None:
        name = self.qualified_name(node.func)
        scope = self.scopes[-1]
        func = node.func
        if isinstance(func, cst.Name):  # `judge_file(f, scores_to, summary_to)`: which arguments name files after f
            self.input_named.update((func.value, i) for i, a in enumerate(node.args) if a.keyword is None and (
                isinstance(a.value, cst.Name) and a.value.value in self.from_input or self.input_text and _FROM_INPUT.search(self.ctx.code(a.value))))
        saved = node.args[1:2] if name == "torch.save" else node.args[:1] if isinstance(func, cst.Attribute) \
            and func.attr.value in _MODEL_SAVES else ()
        self.checkpoint_paths += [self.ctx.code(a.value) for a in saved]
        if isinstance(func, cst.Attribute) and func.attr.value in _KEEPING and self._in_settings_loop():
            scope.swept = True
        if isinstance(func, cst.Attribute) and func.attr.value == "add_argument":
            flags = [v for a in node.args if a.keyword is None and (v := string_value(a.value))]
            dest = next((string_value(a.value) for a in node.args if a.keyword and a.keyword.value == "dest"), None)
            for flag in flags:
                if _OUT_OPTION.match(flag):
                    long = max(flags, key=len)
                    self.out_options[dest or long.lstrip("-").replace("-", "_")] = flag
        if isinstance(func, cst.Attribute) and func.attr.value in _TABLE_WRITES:
            self._table_write(node, func.value)
        if isinstance(func, cst.Attribute) and func.attr.value == "writerow" and node.args \
                and isinstance(node.args[0].value, (cst.List, cst.Tuple)):
            header = [string_value(e.value) for e in node.args[0].value.elements]
            if header and all(h is not None for h in header):
                scope.writes.append((node, None, set(header)))  # type: ignore[arg-type]
            elif not any(h is not None for h in header):  # a row of values: once per run, or once per epoch?
                scope.rows_in_loop.append(any(isinstance(p, (cst.For, cst.While, cst.ListComp, cst.GeneratorExp))
                                              for p in self.ctx.parents))
                named = self._row_value_names(node.args[0].value)
                if named is not None and self._in_settings_loop() and not self._in_item_loop():
                    scope.bare_rows.append((node, named))
        if isinstance(func, cst.Attribute) and func.attr.value == "DictWriter" or \
                isinstance(func, cst.Name) and func.value == "DictWriter":
            fields = next((a.value for a in node.args if a.keyword and a.keyword.value == "fieldnames"),
                          node.args[1].value if len(node.args) > 1 else None)
            if isinstance(fields, (cst.List, cst.Tuple)):
                header = [string_value(e.value) for e in fields.elements]
                if header and all(h is not None for h in header):
                    scope.writes.append((node, None, set(header)))  # type: ignore[arg-type]
        if isinstance(func, cst.Attribute) and func.attr.value in ("append", "insert"):
            target = _base_name(func.value)
            value = node.args[-1].value if node.args else None
            if target is not None and func.attr.value == "append" and isinstance(value, cst.Dict):
                keys, opaque = _dict_keys(value)  # a list of records: the table's columns
                scope.keys.setdefault(target, set()).update(keys)
                if self._carries_loop_setting(value):
                    scope.sweeps.add(target)
                if opaque:
                    scope.opaque.add(target)
            elif target is not None and func.attr.value == "insert" and len(node.args) >= 2:
                column = string_value(node.args[1].value)  # df.insert(0, "model", name)
                if column is not None:
                    scope.keys.setdefault(target, set()).add(column)
        if isinstance(func, cst.Attribute) and func.attr.value in ("update", "setdefault"):
            target = _base_name(func.value)
            if target is not None:
                if node.args and isinstance(node.args[0].value, cst.Dict):
                    keys, opaque = _dict_keys(node.args[0].value)
                    scope.keys.setdefault(target, set()).update(keys)
                    if opaque:
                        scope.opaque.add(target)
                else:
                    scope.opaque.add(target)
        if node.args and (name in _DUMPS or name in _CONFIG_SAVES
                          or isinstance(func, cst.Attribute) and func.attr.value in _CONFIG_SAVES) \
                and (name != "json.dumps" or self._goes_to_file()) \
                and _names_a_config(node.args[0].value if name in _DUMPS or name in _CONFIG_SAVES else func.value):
            scope.config_saved = True
            self.config_folders.update(self._folders_of(self._target_code(node)))
            return
        if name and name not in _DUMPS and "." in name and not isinstance(func, cst.Attribute) or \
                name and "()." in name:
            # A function of the repo (maybe) given the results: `save_results(metrics, path)`.
            for index, arg in enumerate(a for a in node.args if a.keyword is None and not a.star):
                if isinstance(arg.value, cst.Name):
                    scope.handed.append((node, name.replace("().", "."), index, arg.value.value, set()))
                elif isinstance(arg.value, cst.Dict):
                    keys, opaque = _dict_keys(arg.value)
                    if not opaque:
                        scope.handed.append((node, name.replace("().", "."), index, None, keys))
        if name in _DUMPS and node.args and (name != "json.dumps" or self._goes_to_file()) \
                and not self._line_per_iteration():
            value = node.args[0].value
            if isinstance(value, cst.Dict):
                keys, opaque = _dict_keys(value)
                if not opaque:
                    scope.writes.append((node, None, keys))
                    scope.measured_keys |= _keys_measured(value, scope.measured, self._own())
            elif isinstance(value, cst.Name):
                scope.writes.append((node, value.value, set()))
            self.where[id(node)] = self._target_code(node)
        dumped = _record_dumped(node.args[0].value) if node.args and (
            name in _DUMPS and (name != "json.dumps" or self._goes_to_file())
            or isinstance(func, cst.Attribute) and func.attr.value in _FILE_WRITES) else None
        if dumped is not None and dumped in scope.keys and not self._line_per_iteration():
            scope.writes.append((node, dumped, set()))  # `fh.write(summary.model_dump_json())`
            self.where[id(node)] = self._target_code(node)
        if isinstance(func, cst.Attribute) and func.attr.value == "write" and len(node.args) == 1 \
                and isinstance(node.args[0].value, cst.Dict) and self._jsonlines_writer(func.value) \
                and not any(isinstance(p, (cst.For, cst.While)) for p in self.ctx.parents):
            # `with jsonlines.open("results/runs.jsonl", mode="a") as w: w.write({"val_acc": ...})`: one
            # record per run appended to a results file (in a loop it is one line per item or step)
            keys, opaque = _dict_keys(node.args[0].value)
            if not opaque:
                scope.writes.append((node, None, keys))
                self.where[id(node)] = self._target_code(node)
        if isinstance(func, cst.Attribute) and func.attr.value == "write" and node.args:
            text = string_value(node.args[0].value)
            if text is not None and text.count(",") >= 2 and text.endswith("\n") and "{" not in text:
                scope.header = {c.strip() for c in text.strip().split(",")}
            elif isinstance(node.args[0].value, cst.FormattedString) and scope.header is not None:
                scope.writes.append((node, None, set(scope.header)))

    def _target_code(self, node: cst.Call) -> str:
        """The code that names the file a write goes to: the call itself and the `with open(...)` around it."""
        texts = [self.ctx.code(node)]
        for parent in self.ctx.parents:
            if isinstance(parent, cst.With):
                texts += [self.ctx.code(item.item) for item in parent.items]
        return "\n".join(texts)

    def _frame_of(self, expr: cst.BaseExpression) -> tuple[set[str], bool] | None:
        """(columns, unknowable) of `pd.DataFrame(x)` when its columns are known here, else None;
        an explicit index (`index=models`) may carry the provenance, so it makes them unknowable."""
        if not isinstance(expr, cst.Call) or self.qualified_name(expr.func) not in _FRAMES or not expr.args:
            return None
        data = expr.args[0].value
        opaque = any(a.keyword and a.keyword.value == "index" for a in expr.args)
        if isinstance(data, cst.Dict):
            keys, unknown = _dict_keys(data)
            return keys, opaque or unknown
        if isinstance(data, cst.List) and data.elements and all(isinstance(e.value, cst.Dict) for e in data.elements):
            keys, unknown = set(), opaque
            for element in data.elements:
                more, hidden = _dict_keys(element.value)  # type: ignore[arg-type]
                keys |= more
                unknown |= hidden
            return keys, unknown
        if isinstance(data, cst.Name):
            scope = self.scopes[-1]
            if data.value in scope.keys and data.value not in scope.opaque:
                return set(scope.keys[data.value]), opaque
        return set(), True

    def _table_write(self, node: cst.Call, receiver: cst.BaseExpression) -> None:
        """`df.to_csv(...)` / `pd.DataFrame(rows).to_json(...)`: the columns are what is saved."""
        scope = self.scopes[-1]
        while isinstance(receiver, cst.Call) and isinstance(receiver.func, cst.Attribute) \
                and receiver.func.attr.value in _SAME_COLUMNS:
            receiver = receiver.func.value  # `df.round(4).to_csv(...)` saves df's columns
        if node.args and isinstance(node.args[0].value, cst.SimpleString) and self._in_settings_loop():
            scope.overwritten.add(id(node))  # `df.write_parquet("results/scores.parquet")` in `for name in MODELS:`
        if isinstance(receiver, cst.Name):
            scope.writes.append((node, receiver.value, set()))
            return
        chosen = _chosen_columns(receiver)
        if chosen:  # `df[["val_acc", "val_loss"]].to_csv(...)`: only these columns are saved; a setting
            if all(metric_key(c) for c in chosen):  # among them (`lr`) says which row is which
                scope.writes.append((node, None, chosen))
            return
        frame = self._frame_of(receiver)
        if frame is not None and not frame[1]:
            scope.writes.append((node, None, frame[0]))

    def _group_records(self, record: cst.Subscript, name: str) -> bool:
        """`per_task[task]` in `for task, counts in per_task.items():` whose records are read only under
        keys that are not an item's (`counts["correct"]`, `per_task[task]["seen"]`, at least one): a
        summary per group (task, category), whose fields are the summary's. Records read under an
        item's keys (`rec["answer"]`), or indexed by position (`results[i]`), are items: a per-item log."""
        key = record.slice[0].slice.value if len(record.slice) == 1 and isinstance(record.slice[0].slice, cst.Index) else None
        if not (isinstance(key, cst.Name) and isinstance(record.value, cst.Name) and record.value.value == name):
            return False
        for parent in reversed(self.ctx.parents):
            if not isinstance(parent, cst.For):
                continue
            bound = _target_names(parent.target)
            if key.value not in bound:
                continue
            over = parent.iter
            if isinstance(over, cst.Call) and isinstance(over.func, cst.Attribute) and not over.args \
                    and over.func.attr.value in ("items", "keys") and isinstance(over.func.value, cst.Name) \
                    and over.func.value.value == name and bound[0] == key.value:
                value = bound[1] if over.func.attr.value == "items" and len(bound) == 2 else None
            elif isinstance(over, cst.Name) and over.value == name and bound == [key.value]:
                value = None
            else:
                return False
            read: set[str] = set()
            for node in iter_nodes(parent.body):
                if isinstance(node, cst.Subscript) and (field := _subscript_key(node)) is not None:
                    inner = node.value
                    if (isinstance(inner, cst.Name) and inner.value == value) or (
                            isinstance(inner, cst.Subscript) and isinstance(inner.value, cst.Name) and inner.value.value == name
                            and _subscript_name(inner) == key.value):
                        read.add(field)
            return bool(read) and not any(_ITEM_KEY.match(k) for k in read)
        return False

    def _carries_loop_setting(self, record: cst.Dict) -> bool:
        """`rows.append({"layer": layer, "score": s})` inside `for layer in ...`: one row per setting
        of a sweep (a candidate, a layer, a threshold), each naming its own setting; the table
        describes the candidates, not one run whose provenance is missing."""
        looped: set[str] = set()
        for parent in self.ctx.parents:
            if isinstance(parent, (cst.For, cst.CompFor)):
                target = parent.target
                names = target.elements if isinstance(target, (cst.Tuple, cst.List)) else [target]
                looped |= {(n.value if isinstance(n, cst.Element) else n).value for n in names
                           if isinstance(n.value if isinstance(n, cst.Element) else n, cst.Name)}
        return any(isinstance(e, cst.DictElement) and string_value(e.key) is not None
                   and isinstance(e.value, cst.Name) and e.value.value in looped for e in record.elements)

    def _row_value_names(self, row: cst.List | cst.Tuple) -> set[str] | None:
        """What each value of a CSV row is, by the call or name computing it (`[f1_score(...), mase(y, p)]`:
        `f1_score`, `mase`); None when a value is a loop's own variable (the row names its setting) or unnamed."""
        looped: set[str] = set()
        for parent in self.ctx.parents:
            if isinstance(parent, (cst.For, cst.CompFor)):
                looped |= set(_target_names(parent.target))
        names: set[str] = set()
        for element in row.elements:
            value = element.value
            while isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value in ("float", "round", "str", "int") and value.args:
                value = value.args[0].value
            if isinstance(value, cst.Name) and value.value in looped:
                return None
            if isinstance(value, cst.Call):
                func = value.func
                name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else None
            elif isinstance(value, cst.Name):
                name = value.value
            elif isinstance(value, cst.Subscript):
                name = _subscript_key(value)
            else:
                name = None
            if not name:
                return None
            names.add(name)
        return names

    def _in_item_loop(self) -> bool:
        """Inside a loop over items, examples, records or rows: a row per item, not a run's summary."""
        return any(isinstance(p, cst.For) and _ITEM_LOOP.search(self.ctx.code(p.iter).lower()) for p in self.ctx.parents)

    def _in_settings_loop(self) -> bool:
        """Inside a loop over settings (models, a grid, seeds, ablations), not over folds, batches or items."""
        for parent in self.ctx.parents:
            if isinstance(parent, cst.For):
                over = self.ctx.code(parent.iter).lower()
                if not _NOT_SETTINGS.search(over):
                    return True
        return False

    def _jsonlines_writer(self, receiver: cst.BaseExpression) -> bool:
        """`w` of `with jsonlines.open(path, mode="a"|"w") as w` (or `jsonlines.Writer(fh)`) around the call."""
        if not isinstance(receiver, cst.Name):
            return False
        for parent in self.ctx.parents:
            if isinstance(parent, cst.With):
                for item in parent.items:
                    if isinstance(item.asname, cst.AsName) and isinstance(item.asname.name, cst.Name) \
                            and item.asname.name.value == receiver.value and isinstance(item.item, cst.Call):
                        name = self.qualified_name(item.item.func) or ""
                        mode = next((string_value(a.value) for a in item.item.args[1:2] if a.keyword is None),
                                    next((string_value(a.value) for a in item.item.args
                                          if a.keyword and a.keyword.value == "mode"), "r"))
                        return name.startswith("jsonlines.") and (name.endswith("Writer") or mode in ("a", "w"))
        return False

    def _line_per_iteration(self) -> bool:
        """`fh.write(json.dumps(rec) + "\\n")` inside a loop: one JSONL line per item or step,
        whose file (named for the run) and neighbours carry the rest."""
        parents = self.ctx.parents  # the ancestors of the call being visited
        newline = any(isinstance(p, cst.BinaryOperation) and isinstance(p.right, cst.SimpleString)
                      and string_value(p.right) == "\n" for p in parents)
        return newline and any(isinstance(p, (cst.For, cst.While)) for p in parents)

    def _goes_to_file(self) -> bool:
        """Whether the `json.dumps` being visited is (part of) the argument of a file write."""
        for parent in reversed(self.ctx.parents):
            if isinstance(parent, cst.Call):
                func = parent.func
                return isinstance(func, cst.Attribute) and func.attr.value in _FILE_WRITES
            if not isinstance(parent, (cst.Arg, cst.BinaryOperation, cst.FormattedString,
                                       cst.FormattedStringExpression)):
                return False
        return False

    def _judge(self, scope: _Scope) -> None:
        vendored = self.__dict__.get("_vendored")
        if vendored is None:  # the file's path and head, asked once per file, not once per function (issue 12)
            vendored = self._vendored = bool(_VENDORED_PATH.search(self.ctx.path) or _VENDORED_TEXT.search(self.ctx.text[:3000]))
        if vendored:
            return
        if scope.config_saved:
            return  # the configuration is written beside the metrics by the same code
        for node, variable, _ in scope.writes:
            if scope.name and variable in scope.params and variable not in scope.keys and variable not in scope.opaque:
                self.writers.append({"fn": scope.name, "index": scope.params[variable], "line": self.ctx.line_of(node)})
        for node, fn, index, variable, literal in scope.handed:
            keys = literal if variable is None else scope.keys.get(variable, set())
            if variable is not None and (variable in scope.opaque or variable not in scope.keys or variable in scope.sweeps):
                continue
            if keys and any(metric_key(k) for k in keys) and not any(provenance_key(k) for k in keys) \
                    and not any(_ITEM_KEY.match(k) or _STEP_KEY.match(k) for k in keys):
                # `save_metrics(metrics, metrics_path)`: the other arguments may be a path built from the settings
                paths = [self.ctx.code(a.value) for i, a in enumerate(node.args) if i != index]
                self.handed.append({"fn": fn, "index": index, "line": self.ctx.line_of(node),
                                     "what": f"`{variable}`" if variable else "this call",
                                     "keys": ", ".join(f"`{k}`" for k in sorted(keys)[:6]),
                                     "named": settings_named(self.ctx.text, paths)[:5]})
        if not any(variable is None and isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
                   and node.func.attr.value in ("writerow", "DictWriter") for node, variable, _ in scope.writes):
            # Headerless rows of metric values, one per setting of a loop, none naming its setting:
            # `writer.writerow([smape(y, p), mase(y, p)])` in `for name in models:` (probe 14).
            scope.writes.extend((node, None, names) for node, names in scope.bare_rows)
        for node, variable, literal in scope.writes:
            if variable is not None:
                if variable in scope.opaque or variable not in scope.keys or variable in scope.sweeps:
                    continue
                keys = scope.keys[variable]
            else:
                keys = literal
            if not keys or not any(metric_key(k) or k in scope.measured_keys for k in keys) \
                    or any(provenance_key(k) for k in keys):
                continue
            # A header's `epoch` whose rows are written once per run, outside any loop, is a setting.
            once_per_run = variable is None and bool(scope.rows_in_loop) and not any(scope.rows_in_loop)
            if any(_ITEM_KEY.match(k) or (_STEP_KEY.match(k) and not once_per_run) for k in keys) \
                    and id(node) not in scope.overwritten:
                continue  # one item's record, or a training curve: not a results summary (unless each setting's overwrites the last)
            if all(_CURVE_KEY.match(k) for k in keys):
                continue  # `{"train_loss": [...], "valid_loss": [...]}`: per-epoch losses, a training log (held-out 14)
            shown = ", ".join(f"`{k}`" for k in sorted(keys)[:6])
            what = f"`{variable}`" if variable else "this write"
            # Several settings in one run whose rows do not say which is which, or a run whose settings
            # come from outside (arguments, a config, the environment), needs them saved; a script with
            # its settings written in its code has the commit as its record: a question.
            fixed = (not scope.swept and not _CONFIGURED.search(self.ctx.text) and not _SWEEP_LIBRARY.search(self.ctx.text) and not (set(scope.params) & _CONFIG_PARAMS)
                     and not any(_PATH_PARAM.search(p) for p in scope.params))  # a caller naming the file may run it per setting
            self.pending.append((node, {"what": what, "keys": shown}, fixed))
            if scope.name and not any(isinstance(p, cst.ClassDef) for p in self.ctx.parents):
                named = set(re.findall(r"\w+", self.where.get(id(node), "")))
                self.path_params[id(node)] = [(scope.name.rsplit(".", 1)[-1], i) for p, i in scope.params.items() if p in named]
                if named & self.from_input:
                    self.path_params[id(node)].append(("", -1))  # a local path made from the input's own


# Callees whose name is a metric's only by a generic word: an average of anything, not a result.
_GENERIC_MEANS = frozenset({"mean", "average", "avg", "nanmean"})


def _metric_call(value: cst.BaseExpression, own: frozenset[str]) -> bool:
    """`refusal_rate(model, prompts)`: a call of a function of this file named for the metric it returns
    (a library's scorer, `balanced_accuracy_score`, is usually stored under a metric's name already; a
    record whose keys name conditions instead is the file's own measurement)."""
    return isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value in own \
        and metric_key(value.func.value) and value.func.value.lower() not in _GENERIC_MEANS


def _own_functions(module: cst.Module | None) -> frozenset[str]:
    """The names of the functions a module defines at its top level."""
    return frozenset(st.name.value for st in (module.body if module is not None else ()) if isinstance(st, cst.FunctionDef))


def _keys_measured(node: cst.Dict, measured: set[str], own: frozenset[str]) -> set[str]:
    """The keys of a dict literal whose value a metric function returned, directly or through a
    variable (`{"refusal_base": base}` after `base = refusal_rate(...)`): the key names a condition,
    the value is its metric."""
    return {key for element in node.elements if isinstance(element, cst.DictElement)
            and (key := string_value(element.key)) is not None
            and (_metric_call(element.value, own) or isinstance(element.value, cst.Name) and element.value.value in measured)}


_RECORD_BASES = frozenset({"BaseModel", "TypedDict", "NamedTuple"})
_RECORD_DECORATORS = frozenset({"dataclass", "define", "frozen", "attrs", "dataclass_json"})
_DUMP_METHODS = frozenset({"model_dump_json", "model_dump", "json", "dict", "_asdict", "to_dict", "to_json"})


def _record_dumped(value: cst.BaseExpression) -> str | None:
    """The variable whose record a dump returns: `summary.model_dump_json(indent=2)`, `asdict(summary)`."""
    if not isinstance(value, cst.Call):
        return None
    func = value.func
    if isinstance(func, cst.Attribute) and func.attr.value in _DUMP_METHODS and isinstance(func.value, cst.Name):
        return func.value.value
    if (isinstance(func, cst.Name) and func.value == "asdict" or isinstance(func, cst.Attribute)
            and func.attr.value == "asdict") and value.args and isinstance(value.args[0].value, cst.Name):
        return value.args[0].value.value
    return None


def _chosen_columns(receiver: cst.BaseExpression) -> set[str]:
    """The column names of `frame[["a", "b"]]`, a selection by a literal list; empty otherwise."""
    if not (isinstance(receiver, cst.Subscript) and len(receiver.slice) == 1
            and isinstance(receiver.slice[0].slice, cst.Index) and isinstance(receiver.slice[0].slice.value, cst.List)):
        return set()
    names = [string_value(e.value) for e in receiver.slice[0].slice.value.elements]
    return set(names) if names and all(isinstance(n, str) for n in names) else set()


def _names_a_config(node: cst.BaseExpression) -> bool:
    """`config`, `self.args`, `vars(args)`, `asdict(cfg)`, `OmegaConf.to_container(cfg)`: a run's settings."""
    while isinstance(node, cst.Call) and node.args:
        node = node.args[0].value
    if isinstance(node, cst.Attribute):
        node = node.attr
    return isinstance(node, cst.Name) and bool(_CONFIG_NAME.match(node.value))


def _target_names(target: cst.BaseExpression) -> list[str]:
    """The names a loop binds (`name`, `(i, (spk, path))`)."""
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for e in target.elements for n in _target_names(e.value)]
    return []


def _base_name(node: cst.CSTNode) -> str | None:
    while isinstance(node, (cst.Subscript, cst.Attribute)) and not isinstance(node, cst.Attribute):
        node = node.value
    return node.value if isinstance(node, cst.Name) else None


def _subscript_key(node: cst.Subscript) -> str | None:
    if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
        return string_value(node.slice[0].slice.value)
    return None


def _subscript_name(node: cst.Subscript) -> str | None:
    """`k` of `x[k]`."""
    if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) and isinstance(node.slice[0].slice.value, cst.Name):
        return node.slice[0].slice.value.value
    return None


def _is_dict_call(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in ("dict", "defaultdict", "OrderedDict")


_RECORDS_ARGS = re.compile(r"\bvars\(\s*\w+\s*\)|\.__dict__|json\.dump\(\s*(args|cfg|config|opt)\b|OmegaConf\.save|"
                           r"save_hyperparameters|log_hyperparams|wandb\.(init|config)")


def _fixed_writes(ctx) -> list[dict]:  # type: ignore[no-untyped-def]
    """Files a program with command-line options opens for writing (`open(path, "w")`) at a path built
    without some of its options: the repo phase asks the run scripts whether they vary one of them."""
    module = ctx.module
    if module is None or "add_argument" not in ctx.text or _RECORDS_ARGS.search(ctx.text):
        return []
    options: dict[str, str] = {}  # dest -> flag
    for node in iter_nodes(module):
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "add_argument" \
                and node.args and isinstance(node.args[0].value, cst.SimpleString):
            flag = node.args[0].value.evaluated_value
            if isinstance(flag, str) and flag.startswith("--"):
                dest = next((a.value.evaluated_value for a in node.args if a.keyword is not None and a.keyword.value == "dest"
                             and isinstance(a.value, cst.SimpleString)), flag[2:].replace("-", "_"))
                options[str(dest)] = flag
    if not options:
        return []
    # Locals made by a helper handed the whole settings (`output_path = args_to_name(args)`): a path
    # built from them may name every option, which is not visible here.
    from_settings = {t.target.value for node in iter_nodes(module) if isinstance(node, cst.Assign)
                     and isinstance(node.value, cst.Call) and any(_names_a_config(a.value) for a in node.value.args)
                     for t in node.targets if isinstance(t.target, cst.Name)}
    out = []
    for node in iter_nodes(module):
        if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "open" and len(node.args) >= 2):
            continue
        mode = node.args[1].value
        if not (isinstance(mode, cst.SimpleString) and isinstance(mode.evaluated_value, str) and "w" in mode.evaluated_value):
            continue  # appending (`"a"`) keeps every run's rows
        target = node.args[0].value
        if not isinstance(target, (cst.FormattedString, cst.SimpleString)):
            continue  # a path from elsewhere (`args.out`): not known here
        named = {n.attr.value for n in iter_nodes(target) if isinstance(n, cst.Attribute)} | {
            n.value for n in iter_nodes(target) if isinstance(n, cst.Name)}
        if not re.search(r"result|metric|score|eval|output|run", ctx.code(target), re.I):
            continue  # a cache, a log, a figure: not where numbers are read from
        if named & from_settings:
            continue  # `f"./outputs/agg.{output_path}.json"` with `output_path = args_to_name(args)`
        missing = [flag for dest, flag in options.items() if dest not in named]
        if missing:
            out.append({"line": ctx.line_of(node), "target": " ".join(ctx.code(target).split())[:60], "missing": missing[:8],
                        "named": [flag for dest, flag in options.items() if dest in named][:8]})
    return out[:10]
