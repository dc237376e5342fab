"""Shared knowledge of library APIs, for every rule and layer to use (never per rule).

- `llm`: calls that send text to a model (Anthropic, OpenAI and compatible SDKs, local
  generation), their sampling arguments, and the functions of a file that wrap them.
- `sklearn`: metrics with a (y_true, y_pred) signature, splitters, fitted preprocessors,
  estimators.
- `rows`: calls that drop rows (dropna, inner merges, masks, `[:n]`, `Dataset.filter`), keep
  them, split them, or score them (metrics, the mean of a comparison).
Names are the qualified names `hygiene.analysis.names` produces: an instance made by a call is written with
`()` (`openai.OpenAI().chat.completions.create`); `plain()` drops those marks.
"""
from __future__ import annotations


def plain(qualified: str) -> str:
    """`openai.OpenAI().chat.completions.create` -> `openai.OpenAI.chat.completions.create`."""
    return qualified.replace("()", "")
