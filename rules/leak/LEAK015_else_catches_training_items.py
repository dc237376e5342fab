"""LEAK015: an `if` that sends an item to training, followed by a separate `if`/`else` whose `else` sends it to test."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes

_TRAIN = re.compile(r"(?i)(?:^|[^a-z])(train|training|tr)(?:$|[^a-z])")
_HELD_OUT = re.compile(r"(?i)(?:^|[^a-z])(test|testing|te|val|valid|validation|dev|heldout|holdout)(?:$|[^a-z])")
_EXITS = (cst.Continue, cst.Return, cst.Break, cst.Raise)


_WRITES = frozenset({"append", "extend", "add", "write", "writerow", "writelines", "put", "dump", "copy", "copyfile",
                     "copy2", "move", "symlink", "rename", "save", "savez", "imwrite", "to_csv"})


def _written_to(call: cst.Call) -> bool:
    """Is `call` one that puts an item somewhere (`train.append(x)`, `save_graphs(path, g)`, `shutil.copy(...)`)?"""
    func = call.func
    name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
    return name in _WRITES or name.startswith(("save", "write", "dump", "copy", "move"))


def _words_written(block: cst.BaseSuite, ctx) -> list[str]:  # type: ignore[no-untyped-def]
    """The code of what `block` writes an item to: the receivers and first arguments of its calls
    that put an item somewhere (`train.append(x)`, `save(train_path + name, g)`)."""
    out: list[str] = []
    for node in iter_nodes(block):
        if isinstance(node, cst.Call) and _written_to(node):
            if isinstance(node.func, cst.Attribute):
                out.append(ctx.code(node.func.value))
            out.extend(ctx.code(a.value) for a in node.args[:2])
    return out


def _exits(block: cst.BaseSuite) -> bool:
    body = getattr(block, "body", ())
    last = body[-1] if body else None
    if isinstance(last, cst.SimpleStatementLine):
        return any(isinstance(s, _EXITS) for s in last.body)
    return False


def _split_word(texts: list[str], pattern: re.Pattern) -> str | None:
    for text in texts:
        for name in re.findall(r"[A-Za-z_][A-Za-z_0-9]*", text):
            if pattern.search(name.replace("_", " ")):
                return name
    return None


class ElseCatchesTrainingItems(Rule):
    """
    ## What it does
    Finds an item assigned to a split by two separate `if` statements where one `if`/`elif`
    chain was meant, in the body of a loop over the items: the first sends it to the training part (`if j < split: save(train_path, g)`,
    `train.append(x)`) without leaving the iteration, and the next, a new `if`, sends some items to
    another part and, in its `else`, everything else to the test (or validation) part. Every
    training item that the second test does not match is written to the held-out part too.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `if j < n-1: save(train_path..)` then `if j == n-3: save(val_path..) else: save(test_path..)` | yes | `elif` for the second test |
    | `if r < .8: train.append(x)` then `if r < .9: dev.append(x) else: test.append(x)` (notebook) | yes | the first branch ends in `continue` |
    | the same in a function over rows | yes | the second test repeats the first (`if r < .8: ... else: test...`) |

    ## Why is this bad?
    The held-out part then holds most of the training items: the scores measured on it are
    scores on data the model was trained on, and the sizes still look plausible.

    ## Example
        if j < split_point - 1:
            save(train_path, g)
        if j == split_point - 3:
            save(val_path, g)
        else:
            save(test_path, g)

    Use instead:
        if j < split_point - 1:
            save(train_path, g)
        elif j == split_point - 1:
            save(test_path, g)
    """

    code = "LEAK015"
    category = "LEAK-OVERLAP"
    severity = Severity.ERROR
    message = ("the `else` of this `if` sends every item that `{second}` does not match to `{held}`, including the items "
               "the `if` just before (line {line_first}, `{first}`) sent to `{train}`: training items are written to the "
               "held-out part too (`elif` was meant?)")
    question = "Can an item that `{first}` sends to `{train}` also reach `{held}` through the `else` at {where}?"
    triggers = ("else",)
    examples = [
        invalid("""
            def generate_user(user, seq, split_point, train_path, val_path, test_path):
                for j in range(len(seq) - 1):
                    g = build_graph(seq[: j + 1])
                    if j < split_point - 1:
                        save_graphs(train_path + "/" + str(user) + "_" + str(j) + ".bin", g)
                    if j == split_point - 1 - 2:  # expect: LEAK015
                        save_graphs(val_path + "/" + str(user) + "_" + str(j) + ".bin", g)
                    else:
                        save_graphs(test_path + "/" + str(user) + "_" + str(j) + ".bin", g)
        """, note="(real bugs 12) a session recommender's per-user split"),
        valid("""
            def generate_user(user, seq, split_point, train_path, val_path, test_path):
                for j in range(len(seq) - 1):
                    g = build_graph(seq[: j + 1])
                    if j < split_point - 1:
                        save_graphs(train_path + "/" + str(user) + "_" + str(j) + ".bin", g)
                    if j == split_point - 1 - 1:
                        save_graphs(val_path + "/" + str(user) + "_" + str(j) + ".bin", g)
                    if j == split_point - 1:
                        save_graphs(test_path + "/" + str(user) + "_" + str(j) + ".bin", g)
        """, note="near miss (the fix): separate tests, no else"),
        invalid({"split.ipynb": notebook(
            """
            import random
            random.seed(0)
            train, dev, test = [], [], []
            """,
            """
            for row in rows:
                r = random.random()
                if r < 0.8:
                    train.append(row)
                if r < 0.9:  # expect: LEAK015
                    dev.append(row)
                else:
                    test.append(row)
            """,
        )}, note="notebook: the second test should have been an elif"),
        valid("""
            import random
            random.seed(0)
            train, dev, test = [], [], []
            for row in rows:
                r = random.random()
                if r < 0.8:
                    train.append(row)
                    continue
                if r < 0.9:
                    dev.append(row)
                else:
                    test.append(row)
            for row in rows:
                r = random.random()
                if r < 0.8:
                    train.append(row)
                elif r < 0.9:
                    dev.append(row)
                else:
                    test.append(row)
            for row in rows:
                if row["fold"] == k:
                    train.append(row)
                if row["fold"] == k:
                    log.append(row)
                else:
                    test.append(row)
        """, note="near miss: the first branch leaves the iteration; an elif chain; the second test repeats the first"),
    ]

    def visit_For(self, node: cst.For) -> None:
        # Items are assigned to splits one by one: the two tests sit in the body of a loop over them.
        if isinstance(node.body, cst.IndentedBlock):
            self._block(node.body.body)

    def _block(self, body) -> None:  # type: ignore[no-untyped-def]
        for first, second in zip(body, body[1:]):
            if not (isinstance(first, cst.If) and isinstance(second, cst.If)) or first.orelse is not None:
                continue
            orelse = second.orelse
            if not isinstance(orelse, cst.Else) or _exits(first.body):
                continue
            first_test, second_test = self.ctx.code(first.test), self.ctx.code(second.test)
            if first_test in second_test:
                continue
            train = _split_word(_words_written(first.body, self.ctx), _TRAIN)
            held = _split_word(_words_written(orelse.body, self.ctx), _HELD_OUT)
            if train is None or held is None or _split_word([held], _TRAIN):
                continue
            if _split_word(_words_written(second.body, self.ctx), _TRAIN):
                continue  # the second test sends items to training too: two ways in, not a stray else
            self.report(second, related=[Location(self.ctx.path, self.ctx.line_of(first), "sent to training here")],
                        first=first_test[:60], second=second_test[:60], train=train[:40], held=held[:40],
                        line_first=self.ctx.line_of(first))
