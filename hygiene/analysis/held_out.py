"""Names that say a number was measured on held-out data, and code that counts right answers.

Read by `hygiene.analysis.purpose` (what a file's output is for): a file that scores held-out data
reports, whatever else it does (issue 10).
"""
from __future__ import annotations

import re
from functools import lru_cache

import libcst as cst

# Words of a name that say held-out data (as `hygiene.analysis.purpose` reads metric names).
_HELD_OUT = frozenset({"test", "val", "valid", "validation", "eval", "dev", "holdout", "heldout"})
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=1 << 12)  # bounded: see `hygiene.analysis.purpose._words`
def _words(text: str) -> frozenset[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text).lower()
    return frozenset(_WORD.findall(spaced))

# Words of a quantity that, named for a held-out split (`test_l2`, `val_loss`, `eval_nll`, `test_return`),
# is a number measured on evaluation data: a loss or an error on test data is what many papers report.
_HELD_OUT_QUANTITIES = frozenset("""
loss losses l1 l2 err error errors nll ppl likelihood elbo bpd fid psnr ssim iou miou ndcg hr mrr return returns
reward rewards acc accuracy f1 auc mse mae rmse score scores
""".split())
_WORD_DIGITS = re.compile(r"[a-z]+[0-9]*")
# Words of a value that holds a gold answer, compared with a prediction when answers are counted
# (`if pred == e["answer"]: succ += 1`).
_GOLD_WORDS = frozenset({"answer", "answers", "label", "labels", "gold", "target", "targets", "truth", "ground",
                         "groundtruth", "gt", "reference", "expected", "solution", "correct"})
# RL environments are the data an agent is trained and measured on (`gym.make("CartPole-v1")`).
ENVIRONMENT_ROOTS = ("gym.", "gymnasium.", "envpool.", "procgen.", "dm_control.", "pettingzoo.", "minigrid.")
# A held-out split's word glued to a variable letter or a data noun (`ytest`, `Xval`, `testloader`).
_GLUED_HELD_OUT = re.compile(r"[xy]?(test|val|valid|validation|holdout|heldout)(set|sets|data|loader|ds|dataset|x|y)?")


def names_held_out(text: str) -> bool:
    """Does `text` (code, a name) name held-out data: `y_test`, `X_val`, `ytest`, `test_loader`?"""
    return any(w in _HELD_OUT or _GLUED_HELD_OUT.fullmatch(w) for w in _words(text))


def held_out_quantity(target: str) -> bool:
    """`test_l2`, `val_loss`, `testAcc`, `eval_return`: a quantity named for held-out data."""
    if not names_held_out(target):  # asked first: the cheaper question, and usually no (issue 12)
        return False
    spaced = _CAMEL.sub(r"\1 \2", target).lower()
    words = set(_WORD_DIGITS.findall(spaced))
    return bool(words & _HELD_OUT_QUANTITIES)


_CAMEL = re.compile(r"([a-z0-9])([A-Z])")


def counts_matches(test: str, body: list[str]) -> bool:
    """`if pred == e["answer"]: succ += 1`: a count of predictions equal to a gold answer (a scorer
    counts right answers, whatever the counter is called). `test` is the condition's code, `body`
    the code of the statements it guards."""
    if "==" not in test or not any(re.fullmatch(r"[\w.\[\]'\"]+\s*\+=\s*1", line.strip()) for line in body):
        return False
    return bool(_words(test) & _GOLD_WORDS)


def adds_one(statement: cst.BaseStatement) -> bool:
    """`succ += 1`: a counter incremented by one."""
    return isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 \
        and isinstance(statement.body[0], cst.AugAssign) and isinstance(statement.body[0].operator, cst.AddAssign) \
        and isinstance(statement.body[0].value, cst.Integer) and statement.body[0].value.value == "1"


def counts_answers(node: cst.If, code) -> bool:  # noqa: ANN001 (`code`: FileContext.code)
    """An `if` comparing with a gold answer whose body increments a counter (`counts_matches`); the
    test's code is made only for such a body (issue 12: no code generation for every `if`)."""
    if not isinstance(node.test, cst.Comparison) or not isinstance(node.body, cst.IndentedBlock) or len(node.body.body) > 3:
        return False
    counters = [b for b in node.body.body if adds_one(b)]
    return bool(counters) and counts_matches(code(node.test), [code(b) for b in counters])
