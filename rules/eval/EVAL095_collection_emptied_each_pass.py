"""EVAL095: a list or dict emptied on every pass of a loop over data, filled in the loop and read only after it."""
from __future__ import annotations

import ast

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import module_nodes, module_tree, walk_list
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

LOOPS = (ast.For, ast.AsyncFor)
# Words of a loop's iterable or target that say it walks data (batches, items, rows), not repetitions
# of a whole procedure (epochs, runs, seeds, folds), after which a last pass's list can be meant.
DATA_WORDS = frozenset("""
loader loaders dataloader dataloaders batch batches data dataset datasets sample samples example examples item
items row rows record records line lines doc docs document documents instance instances question questions
prompt prompts pair pairs test val valid validation dev eval evaluation split chunk chunks query queries
""".split())
REPEAT_WORDS = frozenset("epoch epochs run runs seed seeds fold folds trial trials round rounds iteration iterations "
                         "repeat repeats rep reps".split())
FILLERS = frozenset({"append", "extend", "add", "update", "insert", "appendleft", "setdefault"})


def _empty(value: ast.AST) -> bool:
    """`[]`, `{}`, `list()`, `dict()`, `set()`, `defaultdict(list)`: a new empty collection."""
    if isinstance(value, (ast.List, ast.Tuple, ast.Set)) and not value.elts:
        return not isinstance(value, ast.Tuple)
    if isinstance(value, ast.Dict):
        return not value.keys
    if isinstance(value, ast.Call) and not value.keywords:
        callee = value.func.id if isinstance(value.func, ast.Name) else value.func.attr \
            if isinstance(value.func, ast.Attribute) else ""
        return callee in ("list", "dict", "set") and not value.args or callee == "defaultdict"
    return False


def _walks_data(loop: ast.AST) -> bool:
    words = {w for n in walk_list(loop.iter) for w in name_tokens(_name(n))} | \
        {w for n in walk_list(loop.target) for w in name_tokens(_name(n))}
    if words & REPEAT_WORDS:
        return False
    it = loop.iter
    if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and it.func.id == "range":
        return False
    return bool(words & DATA_WORDS)


def _name(node: ast.AST) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def _uses(loop: ast.AST, name: str, reset: ast.AST) -> tuple[bool, bool]:
    """(filled, read) for `name` in the loop after its reset: filled by `name.append(...)`, `name[k] = ...`,
    `name += ...`; read by any other load (a length, an iteration, an argument)."""
    filled = read = False
    fills: set[int] = set()
    for n in walk_list(loop):
        if getattr(n, "lineno", 0) < reset.lineno:
            continue
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name) \
                and n.func.value.id == name and n.func.attr in FILLERS:
            filled = True
            fills.add(id(n.func.value))
        elif isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Store) and isinstance(n.value, ast.Name) \
                and n.value.id == name:
            filled = True
            fills.add(id(n.value))
        elif isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name) and n.target.id == name:
            filled = True
    for n in walk_list(loop):
        if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load) and id(n) not in fills \
                and n.lineno >= reset.lineno:
            read = True
    return filled, read


def _read_after(rest: list[ast.stmt], name: str) -> ast.AST | None:
    """The first load of `name` in the statements after the loop, unless a statement binds it first."""
    for stmt in rest:
        loads = [n for n in walk_list(stmt) if isinstance(n, ast.Name) and n.id == name]
        load = next((n for n in loads if isinstance(n.ctx, ast.Load)), None)
        if load is not None:
            return load
        if any(isinstance(n.ctx, (ast.Store, ast.Del)) for n in loads):
            return None
    return None


class CollectionEmptiedEachPass(Rule):
    """
    ## What it does
    Finds a list or dict made empty as a statement of the body of a loop over data (batches, items,
    rows: `for batch in data_loader:`), filled inside that loop (`.append`, `.extend`, `[k] = ...`,
    `+=`), never read inside it, and read only after the loop ends: the figure computed after the
    loop sees the items of the last pass only, because each pass threw away what the one before
    collected. A collection the loop itself reads (a per-batch list turned into a loss in the same
    pass), one made empty before the loop, a loop over epochs, runs, seeds or folds (after which the
    last pass can be what is wanted), and a name bound again after the loop before it is read are
    left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `for batch in data_loader: batch_rank_rewards = []` ... `.append(...)`, then `for r in batch_rank_rewards:` after the loop | yes | `batch_rank_rewards = []` before the loop |
    | `for x, y in test_loader: preds = []` ... `preds.extend(...)`, then `accuracy_score(labels, preds)` (script) | yes | the list read in the same pass (a training step's loss) |
    | `for item in items: scores = {}` ... `scores[key] = ...`, then `json.dump(scores, f)` (notebook) | yes | `for epoch in range(n): history = []` |

    ## Why is this bad?
    The reported number is computed on one batch (the last one, often smaller than the others), not on
    the evaluation set it is presented as: it is noisy, it moves in steps of 1/batch-size, and it
    has nothing to do with the rest of the data the loop ran through.

    ## Example
        model.eval()
        with torch.no_grad():
            for batch in data_loader:
                batch_rank_rewards = []
                for i in range(len(batch["input_ids"])):
                    batch_rank_rewards.append(score(model, batch, i))
        accuracy = ranked_right(batch_rank_rewards)

    Use instead:
        batch_rank_rewards = []
        with torch.no_grad():
            for batch in data_loader:
                for i in range(len(batch["input_ids"])):
                    batch_rank_rewards.append(score(model, batch, i))
        accuracy = ranked_right(batch_rank_rewards)
    """

    code = "EVAL095"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{name} = {empty}` empties `{name}` on every pass of the loop over `{over}` (line {loop}), and "
               "`{name}` is read only after the loop (line {read}): it holds what the last pass collected, "
               "not the whole of `{over}`")
    question = "Should `{name}` at {where} be made empty once, before the loop at line {loop}?"
    triggers = ("for ",)
    examples = [
        invalid("""
            import torch

            def evaluate_model(model, data_loader, device):
                model.eval()
                with torch.no_grad():
                    for batch in data_loader:
                        batch_rank_rewards = []  # expect: EVAL095
                        for batch_idx in range(len(batch["input_ids"])):
                            rank_rewards = []
                            for text_idx in range(len(batch["input_ids"][batch_idx])):
                                reward = model(batch["input_ids"][batch_idx][text_idx].unsqueeze(0).to(device))
                                rank_rewards.append(reward[0])
                            batch_rank_rewards.append(rank_rewards)
                model.train()
                total, right = 0, 0
                for rank_rewards in batch_rank_rewards:
                    total += 1
                    right += sorted(rank_rewards, reverse=True) == rank_rewards
                return right / total
        """),
        valid("""
            import torch

            def evaluate_model(model, data_loader, device):
                model.eval()
                with torch.no_grad():
                    batch_rank_rewards = []
                    for batch in data_loader:
                        for batch_idx in range(len(batch["input_ids"])):
                            batch_rank_rewards.append(model(batch["input_ids"][batch_idx].to(device)))
                return sum(batch_rank_rewards) / len(batch_rank_rewards)

            def train(model, train_dataloader, optimizer, compute_rank_list_loss):
                for epoch in range(3):
                    for batch in train_dataloader:
                        batch_rank_rewards = []
                        for batch_idx in range(len(batch["input_ids"])):
                            batch_rank_rewards.append(model(batch["input_ids"][batch_idx]))
                        loss = compute_rank_list_loss(batch_rank_rewards)
                        loss.backward()
                        optimizer.step()
        """, note="near miss: the list made empty before the loop; a per-batch list the same pass turns into a loss"),
        invalid("""
            from sklearn.metrics import accuracy_score

            labels = []
            for x, y in test_loader:
                preds = []  # expect: EVAL095
                preds.extend(model(x).argmax(1).tolist())
                labels.extend(y.tolist())
            print(accuracy_score(labels, preds))
        """, note="script: predictions emptied per batch, labels kept; the two no longer line up either"),
        valid("""
            history = {}
            for epoch in range(10):
                losses = []
                for x, y in train_loader:
                    losses.append(step(x, y))
                history[epoch] = sum(losses) / len(losses)
            for run in runs:
                last_scores = []
                last_scores.append(run.score)
            print(last_scores)
        """, note="near miss: the list read in its own pass; a loop over runs (the last one may be what is meant)"),
        invalid({"scores.ipynb": notebook(
            """
            import json
            for item in items:
                scores = {}  # expect: EVAL095
                scores[item["id"]] = judge(item)
            """,
            """
            with open("scores.json", "w") as f:
                json.dump(scores, f)
            """,
        )}, note="notebook: a dict emptied per item, written in a later cell"),
        valid("""
            for batch in loader:
                outputs = []
                outputs.append(model(batch))
            outputs = gather(all_outputs)
            print(outputs)
        """, note="near miss: the name bound again after the loop before it is read"),
    ]

    def visit_Module(self, node) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        for parent in module_nodes(self.ctx):
            for field in ("body", "orelse", "finalbody"):
                block = getattr(parent, field, None)
                if isinstance(block, list):
                    self._block(parent, block)

    def _block(self, parent: ast.AST, block: list[ast.stmt]) -> None:
        for i, loop in enumerate(block):
            if not isinstance(loop, LOOPS) or not _walks_data(loop):
                continue
            for stmt in loop.body:
                if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                        and isinstance(stmt.targets[0], ast.Name) and _empty(stmt.value)):
                    continue
                name = stmt.targets[0].id
                filled, read = _uses(loop, name, stmt)
                if not filled or read:
                    continue
                rest = self._after(parent, block, i)
                later = _read_after(rest, name)
                if later is None:
                    continue
                self.ctx.report(type(self), None, line=stmt.lineno, fields={
                    "name": name, "empty": ast.unparse(stmt.value), "over": ast.unparse(loop.iter),
                    "loop": loop.lineno, "read": later.lineno})

    def _after(self, parent: ast.AST, block: list[ast.stmt], i: int) -> list[ast.stmt]:
        """The statements that run after the loop: the rest of its block, and when the block is the body of
        a `with` (`with torch.no_grad(): for ...`), the statements after that `with` too."""
        rest = list(block[i + 1:])
        if isinstance(parent, (ast.With, ast.AsyncWith)) and parent.body is block:
            outer = self._container(parent)
            if outer is not None:
                owner_block, j = outer
                rest += owner_block[j + 1:]
        return rest

    def _container(self, stmt: ast.AST) -> tuple[list[ast.stmt], int] | None:
        for parent in module_nodes(self.ctx):
            for field in ("body", "orelse", "finalbody"):
                block = getattr(parent, field, None)
                if isinstance(block, list):
                    for j, s in enumerate(block):
                        if s is stmt:
                            return block, j
        return None
