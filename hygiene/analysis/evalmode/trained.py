"""Trained weights loaded into a model: what the function runs the model on afterwards is inference.

A function that fills a model with trained weights (`model.load_state_dict(checkpoint["state_dict"])`,
`load_checkpoint(model, path)`, `utils.load_pretrained_weights(net, path)`) and never trains it uses the
trained model for its outputs: a single forward pass on a clip or an image in an inference script's
`main()` is an evaluation as much as a loop over a test loader, whatever the function is named. A
fine-tuning function loads weights too, but it steps an optimizer (the collector's `train`), and a
forward pass on made-up tensors (a shape check after loading) is no evaluation (`madeup`).
"""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.apis.torch import model_like_name, name_tokens
from hygiene.analysis.names import dotted
from hygiene.analysis.evalmode.words import model_target

# Methods of a module that copy trained weights into it.
LOAD_METHODS = frozenset({"load_state_dict"})
# A function whose name says it loads (`load_checkpoint`, `restore_weights`, `load_pretrained`) and that is
# handed the model loads into it; handed no model, it is a factory (`net = load_model(path)`), which
# `resolve` follows instead.
_LOAD_VERBS = frozenset({"load", "restore", "resume"})
_LOADED_WORDS = frozenset("checkpoint checkpoints ckpt ckpts weights weight state pretrained params parameters "
                          "model snapshot".split())


def weights_loaded_into(node: cst.Call) -> str | None:
    """The model (`model`, `self.net`, `model.module`) a call loads trained weights into, if it is one."""
    func = node.func
    if isinstance(func, cst.Attribute) and func.attr.value in LOAD_METHODS:
        return model_target(func.value)
    if not isinstance(func, (cst.Name, cst.Attribute)):
        return None
    words = set(name_tokens((dotted(func) or "").rsplit(".", 1)[-1]))
    if not (words & _LOAD_VERBS and words & _LOADED_WORDS):
        return None
    for arg in node.args:
        target = model_target(arg.value) if not arg.star else None
        if target and model_like_name(target.rsplit(".", 1)[-1]):
            return target
    return None
