"""Classes of the repo with no base class: a dataclass of results, a helper a linear probe returns.

They are not modules, so `model.eval()` does not reach them and they add no dropout or batch norm
to the module that makes them. A module class that uses only such classes and mode-free layers
(`nn.Linear`) computes the same in training and eval mode: evaluating it without `.eval()` changes
no number. A plain class that reads `self.training` or makes a mode-dependent layer is not free.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from hygiene.analysis.apis import torch as torch_api

if TYPE_CHECKING:
    from hygiene.analysis.evalmode.resolve import Analysis

MAX_DEPTH = 6


def plain_free(analysis: Analysis, name: str, depth: int) -> bool:
    """Is `name` a class of the repo with no base class that reads no `self.training` and makes only
    mode-free things?"""
    analysis.asked.add(name)
    cls = analysis.plain.get(name)
    if cls is None or cls["dep"] or depth > MAX_DEPTH:
        return False
    for use in cls["uses"]:
        if torch_api.no_torch_mode(use) or (use.startswith("torch.") and not use.startswith("torch.nn.")):
            continue
        if not analysis.mode_free(use, depth + 1) and not plain_free(analysis, use, depth + 1):
            return False
    return True
