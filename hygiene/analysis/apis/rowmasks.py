"""Precomputed row masks: a cut decided where the mask was made, applied to aligned lists."""
from __future__ import annotations

import re

import libcst as cst

# Names of precomputed selections: `[w for m, w in zip(mask, words) if m]` applies a decided cut.
MASK_NAME = re.compile(r"(?i)^(m|masks?|\w*_mask|keep\w*|selected|selection|chosen|include\w*|flags?|use)$")


def mask_element(comp: cst.CompFor, element: str) -> bool:
    """The tested element comes from a zip argument that is a precomputed mask (`zip(mask, words)`):
    the cut was decided where the mask was made, not a None filter of failed results."""
    if not (isinstance(comp.iter, cst.Call) and isinstance(comp.iter.func, cst.Name) and comp.iter.func.value == "zip"
            and isinstance(comp.target, cst.Tuple)):
        return False
    names = [e.value.value if isinstance(e.value, cst.Name) else None for e in comp.target.elements]
    if element not in names or len(names) != len(comp.iter.args):
        return False
    source = comp.iter.args[names.index(element)].value
    return isinstance(source, cst.Name) and MASK_NAME.match(source.value) is not None
