"""Layer helpers of a file: `self.enc = block(1, 8)` in a module class, where `block` is a top-level
function of the same file that returns layers (an `nn.Sequential` of a convolution, batch norm and
dropout). What the helper builds belongs to the module (probe 13: a UNet whose batch norm and
dropout all came from such a helper looked mode-free to `Analysis.mode_free`). Read by
`layers.LayerReads`, which sees every assignment of a module class during the shared walk."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.apis import torch as torch_api
from hygiene.analysis.names import dotted
from hygiene.walk import iter_nodes

_MODE_DEPENDENT_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in torch_api.MODE_DEPENDENT_LAYERS)


def builds_mode_dependent(module: cst.Module | None, node: cst.Assign) -> bool:
    """Does `node` give an attribute of `self` (alone or in a tuple: `self.enc1, self.enc2 = block(1, ch),
    block(ch, 2 * ch)`) what a lower-case helper of this file returns, and does that helper construct a
    batch norm, dropout or transformer layer?"""
    if module is None or not any(isinstance(n, cst.Attribute) and isinstance(n.value, cst.Name) and n.value.value == "self"
                                 for t in node.targets for n in iter_nodes(t.target)):
        return False
    values = [e.value for e in node.value.elements] if isinstance(node.value, cst.Tuple) else [node.value]
    for value in values:
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value[:1].islower():
            helper = next((s for s in module.body if isinstance(s, cst.FunctionDef) and s.name.value == value.func.value), None)
            if helper is not None and any(isinstance(n, cst.Call) and (dotted(n.func) or "").rsplit(".", 1)[-1]
                                          in _MODE_DEPENDENT_NAMES for n in iter_nodes(helper.body)):
                return True
    return False
