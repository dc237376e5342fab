"""Why a forward call is inside an evaluation: the reason (`why`) `Collector._close` records for it,
once its frame is complete (see `hygiene.analysis.evalmode.collect` for the events).

    loop      a loop over evaluation data (`test_loader`, `loaders["val"]`) holds it, or a loop of
              forward calls with gradients off (or outputs detached) in code that never trains
    function  its function evaluates: named for evaluation and looping over data, or computing a
              metric; run under `no_grad` and named for features or embeddings; or it loads trained
              weights into the model and never trains (`trained`)
    data      its input is evaluation data (`model(X_test)`), or a batch drawn from a held-out loader
              (`next(iter(val_loader))`), the latter also between the updates of a training loop
Never inside a loop that trains, nor in a function that re-estimates batch-norm statistics.
"""
from __future__ import annotations

from typing import Any

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.evalmode.words import EVAL_FUNCTION_WORDS, INFERENCE_WORDS, MODEL_METHODS, trains_by_name

# `main()` / `run()` of a script named for evaluation or inference (`inference.py`, `eval.py`,
# `predict_video.py`) evaluates like a function so named.
SCRIPT_ENTRY_POINTS = frozenset({"main", "run"})


def script_evaluates(function: str, path: str) -> bool:
    """Is `function` the entry point of a script named for evaluation or inference (not for training:
    `train_and_eval.py`)?"""
    if function not in SCRIPT_ENTRY_POINTS:
        return False
    words = set(name_tokens(path.rsplit("/", 1)[-1].rsplit(".", 1)[0]))
    return bool(words & EVAL_FUNCTION_WORDS) and not trains_by_name(words)


def reason(frame: Any, event: dict[str, Any], is_function: bool, plain_classes: set[str]) -> tuple[str | None, int | None]:
    """The reason the forward call `event` of `frame` is inside an evaluation (None: it is not),
    and the index of the loop that makes it one (its place is where the finding goes)."""
    loops = [frame.loops[i] for i in event["l"]]
    # Inside a loop that trains (`if step % 50 == 0: model(X_test)` between updates), the
    # forward call is part of training; a validation loop nested in an epoch loop is not, and
    # neither is a batch drawn from a held-out loader between updates and run through the model
    # (`j, data = next(enumerate(testdataloader, 0)); pred = classifier(points)`): a test step.
    if frame.skip or frame.recal:
        return None, None
    if loops and loops[-1]["train"]:
        return ("data", None) if event.get("hb") else (None, None)
    if any(loop["eval"] and not loop["train"] for loop in loops):
        return "loop", next(i for i in event["l"] if frame.loops[i]["eval"] and not frame.loops[i]["train"])
    words = set(name_tokens(frame.name))
    if is_function and not frame.train and frame.name not in MODEL_METHODS \
            and (frame.hook or not trains_by_name(words)) \
            and (frame.metric or (frame.evalname and (event["l"] or event["comp"]))):
        # Named for evaluation and looping over data, or computing a metric: not a smoke
        # test such as `def test(): net = Net(); print(net(torch.randn(1, 3, 32, 32)).shape)`.
        return "function", None
    if event["data"]:
        return "data", None
    if event["l"] and (event["g"] == "off" or frame.detaches) and not frame.train:
        # A loop of forward calls with gradients off (or outputs detached), in code that
        # never steps an optimizer: inference over data (features, predictions), whatever its names say.
        return "loop", event["l"][-1]
    if is_function and event["g"] == "off" and not frame.train and (event["comp"] or words & INFERENCE_WORDS or (
            frame.name == "__call__" and frame.cls in plain_classes)) \
            and (frame.name not in MODEL_METHODS or frame.cls in plain_classes):
        # `@torch.no_grad() def embed(self, x): return self.backbone(x)`: gradients off for the whole
        # function and no optimizer: the network is used for inference (features, embeddings); so
        # is the `__call__` of a plain class that holds a network (`Predictor(net)(x)`).
        return "function", None
    if event.get("w") and not frame.train and frame.name not in MODEL_METHODS and not trains_by_name(words):
        # The function loaded trained weights into this model before (`trained`), and never trains
        # it: the trained model is run for its outputs, once or in a loop, under `no_grad` or not.
        return "function", None
    return None, None
