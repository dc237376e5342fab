"""LEAK017: a table of split masks bound to a second name, and its training entry widened through it."""
from __future__ import annotations

import ast

import libcst as cst

from hygiene.analysis.apis.torch import name_tokens
from hygiene.analysis.stdast import module_scopes, module_tree, scope_nodes
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

TRAIN_KEYS = frozenset({"train", "training", "train_idx", "train_mask", "labeled", "labelled"})


def _train_key(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if node.value.lower() in TRAIN_KEYS else ""
    return ""


class SplitTableAliasedThenWidened(Rule):
    """
    ## What it does
    Finds a table of split masks or indices (`split_masks`, `splits`, `idx_dict`) bound to a second
    name without a copy (`pseudo_masks = split_masks`), when the second name's training entry is
    then assigned (`pseudo_masks["train"] = pseudo_masks["train"] | confident`,
    `pseudo_masks["train"] |= new`) and the original table is read again afterwards. Both names
    are one dict: widening the "pseudo" training set widens the real one. A copy (`.copy()`,
    `dict(...)`, `copy.deepcopy`, `{**masks}`), a second name rebound before the assignment, and a
    table not read again are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `pseudo = masks` then `pseudo["train"] = pseudo["train"].logical_or(sel)` | yes | `pseudo = masks.copy()` |
    | `work = splits` then `work["train"] |= extra` in a loop | yes | `work = dict(splits)` |
    | `aug = idx` then `aug["train"] = np.concatenate(...)` | yes | `aug = copy.deepcopy(idx)` |

    ## Why is this bad?
    Self-training and pseudo-labelling loops add confidently predicted nodes or rows to a working
    copy of the training set. Without a copy the true training mask grows too: validation and test
    items join it, and code that reads the original table (`y[split_masks["train"]]`, the labels
    written into the training targets, the evaluation masks) now trains on them with their true
    labels, and the reported accuracy includes items the model was given the answers to.

    ## Example
        pseudo_masks = split_masks
        for stage in range(n_stages):
            pseudo_masks["train"] = pseudo_masks["train"] | (confidence > 0.9)
            targets[split_masks["train"]] = y[split_masks["train"]]

    Use instead:
        pseudo_masks = {k: v.clone() for k, v in split_masks.items()}
    """

    code = "LEAK017"
    category = "LEAK-OVERLAP"
    severity = Severity.ERROR
    message = ("`{alias} = {table}` binds a second name to the same dict, so `{alias}[{key!r}] = ...` at line "
               "{widened} also changes `{table}[{key!r}]`, which is read again at line {read}: the items added "
               "to the working training set join the real one")
    question = ("Is `{alias}` meant to be a copy of `{table}`? Assigning `{alias}[{key!r}]` at line {widened} "
                "changes `{table}` too")
    triggers = ("train", "label")
    examples = [
        invalid("""
            import torch
            import torch.nn.functional as F

            def ensemble(y, x, split_masks, model, n_layers, threshold):
                y_emb = torch.zeros(y.size(0), 10)
                y_emb[split_masks["train"]] = F.one_hot(y[split_masks["train"]], 10).float()
                pseudo_labels = torch.zeros_like(y)
                pseudo_labels[split_masks["train"]] = y[split_masks["train"]]
                pseudo_split_masks = split_masks  # expect: LEAK017
                for i in range(n_layers):
                    out = model(x, y_emb)
                    val, pred = out.max(dim=1)
                    sle_mask = val >= threshold
                    pseudo_split_masks["train"] = pseudo_split_masks["train"].logical_or(sle_mask)
                    pseudo_labels[sle_mask] = pred[sle_mask]
                    pseudo_labels[split_masks["train"]] = y[split_masks["train"]]
                return pseudo_labels
        """),
        invalid("""
            import numpy as np

            def self_train(X, y, idx, clf, rounds):
                work = idx  # expect: LEAK017
                for _ in range(rounds):
                    clf.fit(X[work["train"]], y[work["train"]])
                    proba = clf.predict_proba(X).max(1)
                    work["train"] = np.union1d(work["train"], np.where(proba > 0.95)[0])
                return clf.score(X[idx["test"]], y[idx["test"]])
        """, note="indices instead of masks; the test score reads the original table"),
        invalid("""
            def stages(y, split_masks, half, confident):
                if half:
                    pseudo = split_masks  # expect: LEAK017
                    emb = y.half()
                else:
                    pseudo = split_masks
                    emb = y.float()
                pseudo["train"] = pseudo["train"] | confident
                return emb[split_masks["train"]]
        """, note="the alias made in both branches of an if: one finding, at the first"),
        valid("""
            import copy

            def ensemble(y, split_masks, sle_mask):
                pseudo = split_masks.copy()
                pseudo["train"] = pseudo["train"] | sle_mask
                other = dict(split_masks)
                other["train"] = other["train"] | sle_mask
                deep = copy.deepcopy(split_masks)
                deep["train"] = deep["train"] | sle_mask
                fresh = split_masks
                fresh = {"train": sle_mask}
                fresh["train"] = fresh["train"] | sle_mask
                return y[split_masks["train"]]

            def relabel(masks, extra):
                work = masks
                work["train"] = work["train"] | extra
                return work
        """, note="near misses: copies, a name rebound first, a table not read again"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        tree = module_tree(self.ctx)
        if tree is None:
            return
        for scope in module_scopes(self.ctx):
            self._scope(scope)

    def _scope(self, scope: ast.AST) -> None:
        nodes = scope_nodes(self.ctx, scope)
        aliases: list[tuple[str, str, ast.Assign]] = []
        for n in nodes:
            if (isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name)
                    and isinstance(n.value, ast.Name) and n.targets[0].id != n.value.id):
                aliases.append((n.targets[0].id, n.value.id, n))
        done: set[tuple[str, str]] = set()
        for alias, table, assign in aliases:
            if (alias, table) in done:
                continue
            if not set(name_tokens(table)) & {"mask", "masks", "split", "splits", "idx", "index", "indices", "sets",
                                             "ids", "dict", "data"}:
                continue
            later = [n for n in nodes if getattr(n, "lineno", 0) > assign.lineno]
            rebound = min((n.lineno for n in later if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign))
                           and not (isinstance(n, ast.Assign) and isinstance(n.value, ast.Name)
                                    and n.value.id == table)  # the same alias in another branch
                           for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
                           if isinstance(t, ast.Name) and t.id in (alias, table)), default=None)
            widened = key = None
            for n in later:
                targets = n.targets if isinstance(n, ast.Assign) else [n.target] if isinstance(n, ast.AugAssign) else []
                for t in targets:
                    if (isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == alias
                            and _train_key(t.slice)):
                        widened, key = n, _train_key(t.slice)
                        break
                if widened is not None:
                    break
            if widened is None or (rebound is not None and rebound <= widened.lineno):
                continue
            reads = [n for n in later if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name)
                     and n.value.id == table and isinstance(n.ctx, ast.Load)]
            if not reads:
                continue
            read = max(reads, key=lambda n: n.lineno)
            done.add((alias, table))
            self.ctx.report(type(self), None, line=assign.lineno,
                            fields={"alias": alias, "table": table, "key": key, "widened": widened.lineno,
                                    "read": read.lineno})
