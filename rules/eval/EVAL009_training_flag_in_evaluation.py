"""EVAL009: an evaluation runs the model with its training switch on (`train=True`, `deterministic=False`)."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.discovery import is_test_path
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

# Keyword switches that put a functional model (flax, haiku, Keras, equinox) in training mode.
_ON = {"train": "True", "training": "True", "is_training": "True", "deterministic": "False",
       "use_running_average": "False", "inference": "False"}
_EVALUATES = frozenset({"eval", "evaluate", "evaluation", "valid", "validate", "validation", "val", "test",
                        "testing", "predict", "prediction", "predictions", "inference", "infer"})
# A function named for the metric it computes (`accuracy`, `compute_f1`) scores the model: an evaluation.
_METRICS = frozenset({"accuracy", "acc", "f1", "auc", "auroc", "precision", "recall", "metric", "metrics", "top1",
                      "top5", "mse", "mae", "rmse", "perplexity", "bleu"})
# A function that also trains, or samples dropout on purpose (Monte Carlo dropout, ensembles of passes).
_TRAINS = frozenset({"train", "training", "fit", "finetune", "adapt", "update", "tta"})
_STOCHASTIC = frozenset({"mc", "monte", "carlo", "mcdropout", "uncertainty", "uncertain", "bayes", "bayesian",
                         "stochastic", "sample", "samples", "sampled", "ensemble", "dropout", "noisy", "passes"})
# A function named for the loss is the training objective (`loss_and_predictions`), unless it says held-out data.
_OBJECTIVE = frozenset({"loss", "losses", "objective", "criterion"})
_HELD_OUT = frozenset({"eval", "evaluate", "evaluation", "val", "valid", "validate", "validation", "test", "testing"})
_GRADIENTS = re.compile(r"value_and_grad|\bgrad\(|apply_gradients|GradientTape|\.backward\(|optimizer|\btx\.update|opt_state")
# Calls that take `train=True` but are not the model: datasets, loaders, transforms, environments.
_NOT_MODEL = re.compile(r"(?i)data|loader|transform|augment|env|split|load|read|tokeni[sz]|sampler")
# TensorFlow 1 feeds the mode through a placeholder: `{self.is_train: True}`, `{K.learning_phase(): 1}`,
# `{model.keep_prob: 0.5}` in the feed dict of a session run.
_FEED_SWITCHES = frozenset({"is_train", "is_training", "training", "train_phase", "phase_train", "is_train_ph",
                            "is_training_ph", "training_ph", "train_mode", "is_train_mode"})
_EVAL_DATA = re.compile(r"(?i)(?<![a-z])(test|val|valid|eval|heldout|holdout)(?![a-z])")


def _words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", name)}


class TrainingFlagInEvaluation(Rule):
    """
    ## What it does
    Finds a model applied with its training switch on inside an evaluation: `model.apply(params,
    x, train=True, rngs={"dropout": key})` or `deterministic=False` (flax), `is_training=True`
    (haiku), `model(x, training=True)` (Keras / TensorFlow), `inference=False` (equinox), in a
    function that evaluates, validates, tests or predicts (`eval_step`, `evaluate`, `test_step`,
    `predict`) or is named for the metric it computes (`accuracy`, `compute_f1`), or applied to test or validation data at module level (a notebook cell). These
    libraries have no `model.eval()`: the mode is the argument of each call, so an evaluation
    copied from the training step keeps it. TensorFlow 1 feeds the switch through a placeholder in
    the session's feed dict (`{self.is_train: True}`, `{K.learning_phase(): 1}`, `{self.keep_prob:
    0.5}`): the same in a function that builds the feed of a validation or test run
    (`_get_validation_feed_dict`). Calls that pass the switch from a variable, calls
    of datasets, loaders and transforms (`CIFAR10(root, train=True)`), functions that also take
    gradients or are named for training, and Monte Carlo dropout on purpose (`mc_predict`,
    `predict_with_uncertainty`, a loop passing the same input again and again), and a single library
    layer called on the data to corrupt it (`Dropout(0.5)(x, training=True)`) are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | flax `model.apply(v, x, deterministic=False, rngs=...)` in `evaluate` | yes | `deterministic=True`; `train_step` |
    | flax `state.apply_fn(..., train=True)` in a jitted `eval_step` | yes | `train=is_training` (a variable) |
    | Keras `model(x, training=True)` in `test_step` | yes | `training=False` |
    | haiku `forward.apply(params, state, rng, x, is_training=True)` in `predict` | yes | `mc_predict` looping over dropout samples |
    | `model.apply(variables, X_test, train=True)` in a notebook cell | yes | `datasets.CIFAR10(root, train=True)` inside `evaluate` |
    | haiku `self(inputs, is_training=True)` in `eval_loss_and_predictions` | yes | in `loss_and_predictions`, the training objective |
    | TF1 feed `{self.is_train: True}` in `_get_validation_feed_dict` | yes | `{self.is_train: False}`; `True` in `_get_train_feed_dict` |
    | haiku `net.apply(params, rng, x, is_training=True)` in a jitted `accuracy` | yes | `is_training=False`; `loss_fn` |

    ## Why is this bad?
    With the switch on, dropout keeps dropping units at random and batch norm normalises with
    the statistics of the test batch (or updates its running averages from test data). The
    reported accuracy is that of a randomly thinned network: lower, noisy from run to run, and
    dependent on the batch size. Nothing fails.

    ## Example
        @jax.jit
        def eval_step(state, batch, key):
            logits = state.apply_fn({"params": state.params}, batch["x"], train=True, rngs={"dropout": key})

    Use instead:
        @jax.jit
        def eval_step(state, batch):
            logits = state.apply_fn({"params": state.params}, batch["x"], train=False)
    """

    code = "EVAL009"
    category = "EVAL-MODE"
    severity = Severity.ERROR
    message = ("`{call}` runs the model with `{flag}` in {what}: dropout and batch norm stay in training mode, "
               "so the scores are those of a randomly thinned network")
    question = "Should `{call}` at {where} run with `{flag}`, or is the evaluation meant to be deterministic?"
    triggers = ("train=True", "training=True", "is_training=True", "deterministic=False", "use_running_average=False",
                "inference=False", "is_train", "learning_phase", "keep_prob", "train_phase", "phase_train")
    examples = [
        invalid("""
            import haiku as hk
            import jax
            import jax.numpy as jnp

            net = hk.transform(net_fn)

            def loss_fn(params, rng, images, labels):
                logits = net.apply(params, rng, images, is_training=True)
                return xent(logits, labels)

            @jax.jit
            def accuracy(params, rng, images, labels):
                logits = net.apply(params, rng, images, is_training=True)  # expect: EVAL009
                return jnp.mean(jnp.argmax(logits, axis=-1) == labels)
        """, note="probe 21: a function named for its metric scores the model with dropout on"),
        valid("""
            import haiku as hk
            import jax
            import jax.numpy as jnp

            net = hk.transform(net_fn)

            def loss_fn(params, rng, images, labels):
                logits = net.apply(params, rng, images, is_training=True)
                return xent(logits, labels)

            @jax.jit
            def accuracy(params, rng, images, labels):
                logits = net.apply(params, rng, images, is_training=False)
                return jnp.mean(jnp.argmax(logits, axis=-1) == labels)
        """, note="near miss: the accuracy is computed with the switch off; the loss keeps it on"),
        valid("""
            import haiku as hk

            class Forecaster(hk.Module):
                def loss_and_predictions(self, inputs, targets):
                    predictions = self(inputs, targets_template=targets, is_training=True)
                    return weighted_mse(predictions, targets), predictions
        """, note="near miss: a function named for the loss is the training objective, whatever it also returns"),
        invalid("""
            import haiku as hk

            class Forecaster(hk.Module):
                def eval_loss_and_predictions(self, inputs, targets):
                    predictions = self(inputs, targets_template=targets, is_training=True)  # expect: EVAL009
                    return weighted_mse(predictions, targets), predictions
        """, note="the twin: the loss of an evaluation"),
        invalid({
            "tfmodel/__init__.py": "",
            "tfmodel/steps.py": """
                import tensorflow as tf

                @tf.function
                def test_step(model, images, labels, metric):
                    predictions = model(images, training=True)  # expect: EVAL009
                    metric.update_state(labels, predictions)
            """,
            "tfmodel/run.py": """
                import tensorflow as tf
                from .steps import test_step

                def evaluate(model, test_ds):
                    acc = tf.keras.metrics.SparseCategoricalAccuracy()
                    for images, labels in test_ds:
                        test_step(model, images, labels, acc)
                    return float(acc.result())
            """,
        }, note="across modules: the step module's test step keeps training=True; the runner in another module "
                "reports its accuracy"),
        valid({
            "tfmodel/__init__.py": "",
            "tfmodel/steps.py": """
                import tensorflow as tf

                @tf.function
                def test_step(model, images, labels, metric):
                    predictions = model(images, training=False)
                    metric.update_state(labels, predictions)
            """,
            "tfmodel/run.py": """
                import tensorflow as tf
                from .steps import test_step

                def evaluate(model, test_ds):
                    acc = tf.keras.metrics.SparseCategoricalAccuracy()
                    for images, labels in test_ds:
                        test_step(model, images, labels, acc)
                    return float(acc.result())
            """,
        }, note="near miss of the same layout: training=False"),
        invalid({"flax_eval.ipynb": notebook(
            """
            import jax.numpy as jnp
            import flax.linen as nn
            """,
            """
            def evaluate(model, variables, batches, key):
                correct = total = 0
                for x, y in batches:
                    logits = model.apply(variables, x, deterministic=False, rngs={"dropout": key})  # expect: EVAL009
                    correct += int((jnp.argmax(logits, -1) == y).sum())
                    total += len(y)
                return correct / total
            """,
            """
            test_acc = evaluate(model, state.params, test_batches, key)
            """,
        )}, note="notebook: the evaluation cell copied from the training step keeps dropout on"),
        valid({"flax_eval.ipynb": notebook(
            """
            import jax.numpy as jnp
            import flax.linen as nn
            """,
            """
            def evaluate(model, variables, batches):
                correct = total = 0
                for x, y in batches:
                    logits = model.apply(variables, x, deterministic=True)
                    correct += int((jnp.argmax(logits, -1) == y).sum())
                    total += len(y)
                return correct / total
            """,
            """
            test_acc = evaluate(model, state.params, test_batches)
            """,
        )}, note="near miss: the same cells, deterministic=True"),
        invalid("""
            import flax.linen as nn
            import jax.numpy as jnp

            def evaluate(model, variables, batches, key):
                correct = total = 0
                for x, y in batches:
                    logits = model.apply(variables, x, deterministic=False, rngs={"dropout": key})  # expect: EVAL009
                    correct += int((jnp.argmax(logits, -1) == y).sum())
                    total += len(y)
                return correct / total
        """, note="flax: the evaluation copied from the training step keeps dropout on"),
        invalid("""
            import tensorflow as tf

            @tf.function
            def test_step(model, images, labels, metric):
                predictions = model(images, training=True)  # expect: EVAL009
                metric.update_state(labels, predictions)
        """, note="Keras: the switch is the call's argument"),
        invalid("""
            import haiku as hk

            def predict(forward, params, state, x):
                logits, _ = forward.apply(params, state, None, x, is_training=True)  # expect: EVAL009
                return logits.argmax(-1)
        """, note="haiku"),
        invalid("""
            import jax.numpy as jnp
            logits = model.apply(variables, X_test, train=True, mutable=["batch_stats"])[0]  # expect: EVAL009
            print("test accuracy", float(jnp.mean(jnp.argmax(logits, -1) == y_test)))
        """, note="module level (a notebook cell): applied to the test data"),
        valid("""
            import jax

            @jax.jit
            def train_step(state, batch, key):
                def loss_fn(params):
                    logits = state.apply_fn({"params": params}, batch["x"], train=True, rngs={"dropout": key})
                    return xent(logits, batch["y"])
                return state.apply_gradients(grads=jax.grad(loss_fn)(state.params))

            @jax.jit
            def eval_step(state, batch):
                logits = state.apply_fn({"params": state.params}, batch["x"], train=False)
                return (logits.argmax(-1) == batch["y"]).mean()
        """, note="near miss: training step on, evaluation step off"),
        valid("""
            def evaluate(model, variables, x, is_training):
                return model.apply(variables, x, train=is_training)

            def validation_loss(model, x):
                return model(x, training=False)
        """, note="near miss: the switch from a variable, or off"),
        valid("""
            import jax
            import jax.numpy as jnp

            def mc_predict(model, variables, x, key, n=30):
                keys = jax.random.split(key, n)
                probs = [jax.nn.softmax(model.apply(variables, x, deterministic=False, rngs={"dropout": k})) for k in keys]
                return jnp.mean(jnp.stack(probs), 0), jnp.std(jnp.stack(probs), 0)
        """, note="near miss: Monte Carlo dropout on purpose, named so"),
        valid("""
            import jax.numpy as jnp
            draws = jnp.stack([model.apply(variables, X_val, deterministic=False, rngs={"dropout": rng})
                               for _ in range(50)])
            mean, spread = draws.mean(0), draws.std(0)
        """, note="near miss: the same validation input passed again and again, a spread of dropout draws"),
        valid("""
            import tensorflow as tf
            noise = tf.keras.layers.GaussianNoise(0.2)
            corrupted = noise(x_test, training=True)
            show(denoiser.predict(corrupted))
        """, note="near miss: a single library layer called on the data to corrupt it, not the model evaluated"),
        valid("""
            import torchvision

            def evaluate(model, root):
                train_set = torchvision.datasets.CIFAR10(root, train=True, download=True)
                loader = make_loader(train_set, train=True)
                return score(model, loader)
        """, note="near miss: `train=True` of a dataset and a loader, not of the model"),
        valid("""
            def train_and_evaluate(model, x, y):
                preds = model(x, training=True)
                return preds
        """, note="near miss: a function named for training"),
        invalid("""
            class BiMPM(BaseTFModel):
                def _get_train_feed_dict(self, batch):
                    inputs, targets = batch
                    return {self.sentence_one: inputs[0], self.y_true: targets[0], self.is_train: True}

                def _get_validation_feed_dict(self, batch):
                    inputs, targets = batch
                    return {self.sentence_one: inputs[0], self.y_true: targets[0], self.is_train: True}  # expect: EVAL009

            def evaluate(sess, model, x_test, y_test):
                return sess.run(model.accuracy, feed_dict={model.x: x_test, model.y: y_test,
                                                           model.keep_prob: 0.5})  # expect: EVAL009
        """, note="TensorFlow 1: the mode is a placeholder fed with each run"),
        valid("""
            import keras.backend as K

            class BiMPM(BaseTFModel):
                def _get_train_feed_dict(self, batch):
                    inputs, targets = batch
                    return {self.sentence_one: inputs[0], self.y_true: targets[0], self.is_train: True,
                            K.learning_phase(): 1, self.keep_prob: 0.5}

                def _get_validation_feed_dict(self, batch):
                    inputs, targets = batch
                    return {self.sentence_one: inputs[0], self.y_true: targets[0], self.is_train: False,
                            K.learning_phase(): 0, self.keep_prob: 1.0}

            def evaluate(sess, model, x_test, y_test, keep):
                return sess.run(model.accuracy, feed_dict={model.x: x_test, model.keep_prob: keep})
        """, note="near misses: the training feed, an evaluation feed that switches the mode off, a fed variable"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.functions: list[cst.FunctionDef] = []
        self.loops: list[tuple[str, str]] = []  # (iterable, target) of the loops and comprehensions around the walk

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.append(node)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.pop()

    def visit_For(self, node: cst.For) -> None:
        self.loops.append((self.ctx.code(node.iter), self.ctx.code(node.target)))

    def leave_For(self, node: cst.For) -> None:
        self.loops.pop()

    # A comprehension's element is walked before its `for`: its loops are pushed at the comprehension.
    def _comprehension(self, node: cst.BaseComp | cst.DictComp) -> None:
        part: cst.CompFor | None = node.for_in
        iters, targets = [], []
        while part is not None:
            iters.append(self.ctx.code(part.iter))
            targets.append(self.ctx.code(part.target))
            part = part.inner_for_in
        self.loops.append((" ".join(iters), " ".join(targets)))

    def visit_ListComp(self, node: cst.ListComp) -> None:
        self._comprehension(node)

    def leave_ListComp(self, node: cst.ListComp) -> None:
        self.loops.pop()

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        self._comprehension(node)

    def leave_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        self.loops.pop()

    def visit_SetComp(self, node: cst.SetComp) -> None:
        self._comprehension(node)

    def leave_SetComp(self, node: cst.SetComp) -> None:
        self.loops.pop()

    def visit_DictComp(self, node: cst.DictComp) -> None:
        self._comprehension(node)

    def leave_DictComp(self, node: cst.DictComp) -> None:
        self.loops.pop()

    def visit_DictElement(self, node: cst.DictElement) -> None:
        """A TensorFlow 1 feed that switches the mode on in an evaluation's feed dict: `self.is_train: True`,
        `K.learning_phase(): 1`, `self.keep_prob: 0.5` (a keep probability below 1 is dropout on)."""
        key, value = self.ctx.code(node.key), self.ctx.code(node.value)
        last = key.rsplit(".", 1)[-1]
        on = (last in _FEED_SWITCHES and value in ("True", "1")
              or last == "learning_phase()" and value in ("True", "1")
              or "keep_prob" in last and re.fullmatch(r"0?\.\d+", value) is not None and float(value) < 1)
        if not on or not self.functions or is_test_path(self.ctx.path):
            return
        words = set().union(*(_words(f.name.value) for f in self.functions))
        function = self.functions[-1]
        if words & (_TRAINS | _STOCHASTIC) or not _words(function.name.value) & _EVALUATES \
                or _GRADIENTS.search(self.ctx.code(function.body)):
            return
        self.report(node, call="{" + key + ": ...}", flag=f"{key}: {value}", what=f"`{function.name.value}`, an evaluation")

    def visit_Call(self, node: cst.Call) -> None:
        flag = next((a for a in node.args if a.keyword is not None and a.keyword.value in _ON
                     and isinstance(a.value, cst.Name) and a.value.value == _ON[a.keyword.value]), None)
        if flag is None or is_test_path(self.ctx.path):
            return
        callee = self.ctx.code(node.func)
        qualified = self.qualified_name(node.func) or ""
        if _NOT_MODEL.search(callee.rsplit(".", 1)[-1]) or _words(callee.rsplit(".", 1)[-1]) & _STOCHASTIC \
                or ".layers." in qualified or qualified.startswith(
                ("torchvision.", "tensorflow_datasets.", "datasets.", "torch.utils.data", "gymnasium.", "gym.")):
            return  # not the model: data, or a single library layer (`Dropout(0.5)(x, training=True)` adds noise)
        function = self.functions[-1] if self.functions else None
        if self.loops:
            iterable, target = self.loops[-1]
            names = set(re.findall(r"\w+", target))
            if (_words(iterable + " " + target) & _STOCHASTIC or "split(" in iterable
                    or not names & set(re.findall(r"\w+", self.ctx.code(node)))):
                return  # repeated stochastic passes: the same input again and again, or over dropout keys
        if function is not None:
            words = set().union(*(_words(f.name.value) for f in self.functions))
            if words & (_TRAINS | _STOCHASTIC) or _GRADIENTS.search(self.ctx.code(function.body)):
                return
            if words & _OBJECTIVE and not words & _HELD_OUT:
                return  # `loss_and_predictions`: the training objective, whatever else it hands back
            evaluates = bool(_words(function.name.value) & (_EVALUATES | _METRICS))
            what = f"`{function.name.value}`, an evaluation"
        else:
            evaluates = False
            what = "code run on evaluation data"
        if not evaluates:
            data = [self.ctx.code(a.value) for a in node.args if a.keyword is None]
            if not any(_EVAL_DATA.search(d) for d in data):
                return
            if function is not None:
                what = f"`{function.name.value}` on evaluation data"
        self.report(node, call=callee + "(...)", flag=f"{flag.keyword.value}={_ON[flag.keyword.value]}", what=what)
