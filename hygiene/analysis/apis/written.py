"""Files that libraries write on their own, under a directory the code configures.

The transformers `Trainer` writes `{output_dir}/{split}_results.json` and `all_results.json` on
`trainer.save_metrics(split, metrics)`, and `trainer_state.json` on `trainer.save_state()`, where
`output_dir` is the one given to `TrainingArguments` (or a TRL config built on it). `hygiene.analysis.facts`
records them as writes of the code that makes the call, so a committed `eval_results.json` has a
producer like any `json.dump`. When the directory comes from the command line
(`HfArgumentParser(...).parse_args_into_dataclasses()`), the files are written as `**/<name>`: the
names are distinctive enough to link in any folder.
"""
from __future__ import annotations

# Configuration classes whose `output_dir` (first positional or keyword) is where the trainer writes.
OUTPUT_DIR_CONFIGS = frozenset({"TrainingArguments", "Seq2SeqTrainingArguments", "SFTConfig", "DPOConfig",
                                "ORPOConfig", "KTOConfig", "PPOConfig", "GRPOConfig", "RewardConfig"})
_CONFIG_MODULES = ("transformers", "trl", "setfit")


def is_output_dir_config(qualified: str | None) -> bool:
    if not qualified:
        return False
    module, _, cls = qualified.rpartition(".")
    return cls in OUTPUT_DIR_CONFIGS and module.split(".")[0] in _CONFIG_MODULES


def files_written(method: str, split: str | None) -> list[str]:
    """The files (relative to the output directory) a trainer method call writes."""
    if method == "save_metrics" and split:
        return [f"{split}_results.json", "all_results.json"]
    if method == "save_state":
        return ["trainer_state.json"]
    return []
