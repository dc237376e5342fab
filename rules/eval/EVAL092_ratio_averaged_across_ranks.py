"""EVAL092: a per-rank ratio (a masked sum over its own count) gathered across processes and averaged: a mean of means."""
from __future__ import annotations

import ast

from hygiene.analysis.stdast import module_functions, module_tree, scope_nodes
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid

# Collectives that stack one value per process (accelerate, torch.distributed wrappers, lightning).
GATHERS = frozenset({"gather", "gather_for_metrics", "all_gather", "all_gather_object", "gather_object"})
# Reductions that then weight every process alike.
MEANS = frozenset({"mean", "nanmean"})
# Names of a count that differs between processes (tokens kept by a mask, valid items).
COUNT_WORDS = ("mask", "token", "count", "num_valid", "n_valid", "valid_count", "numel", "nonpad", "n_items")


def _is_count(node: ast.AST) -> bool:
    """A denominator that counts what the numerator summed: `mask.sum()`, `mask.sum().clamp(min=1)`,
    `completion_token_count`, `n_tokens.float()`."""
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
            "clamp", "clamp_min", "float", "item", "to", "type_as", "detach") or isinstance(node, ast.Call) \
            and isinstance(node.func, ast.Name) and node.func.id in ("max", "float"):
        if isinstance(node.func, ast.Attribute):
            node = node.func.value
        elif node.args:
            node = next((a for a in node.args if not isinstance(a, ast.Constant)), node.args[0])
        else:
            return False
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "sum":
        return True
    text = ast.unparse(node).lower()
    return isinstance(node, (ast.Name, ast.Attribute)) and any(w in text for w in COUNT_WORDS)


def _is_ratio(node: ast.AST) -> bool:
    """`(x * mask).sum() / mask.sum()`: a sum over a count that belongs to this process."""
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and _is_count(node.right) \
        and any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("sum", "nansum")
                for n in ast.walk(node.left))


def _ratio_functions(ctx, funcs: list[ast.AST]) -> set[str]:
    """Helpers whose every return is such a ratio (`def masked_batch_mean(x): return (x * mask).sum() / n`),
    or a ratio in one branch and an unweighted mean in the other."""
    found = set()
    for f in funcs:
        returns = [n.value for n in scope_nodes(ctx, f) if isinstance(n, ast.Return) and n.value is not None]
        if returns and any(_is_ratio(r) for r in returns):
            found.add(f.name)
    return found


def _callee(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        func = node.func
        return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    return None


class RatioAveragedAcrossRanks(Rule):
    """
    ## What it does
    Finds a value computed on each process as a sum over that process's own count (a token-weighted
    mean: `(per_token_kl * mask).sum() / mask.sum()`, or a helper that returns one) which is then
    gathered across processes and averaged with equal weights: `accelerator.gather(mean_kl).nanmean()`,
    `torch.mean(all_gather(ratio))`. Each process's mean counts the same whatever number of tokens
    it saw. Sums and counts reduced separately and divided once, a gathered per-item vector
    averaged, and a per-process sum gathered and summed are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `mean_kl = (kl * mask).sum() / mask.sum().clamp(min=1.0)`; `gather(mean_kl).nanmean()` | yes | `reduce(stack([(kl * mask).sum(), mask.sum()]), "sum")` then one division |
    | `mean_entropy = masked_batch_mean(entropies)` where the helper returns `(x * mask).sum() / count`; `gather(mean_entropy).nanmean()` | yes | `gather(per_item_scores).mean()` |
    | `torch.mean(accelerator.gather_for_metrics((loss * mask).sum() / n_tokens))` | yes | `gather((loss * mask).sum()).sum() / gather(mask.sum()).sum()` |

    ## Why is this bad?
    With generations of different lengths the processes see different numbers of tokens; the
    mean of their means weights a process with a few short completions like one with many long
    ones, so the logged KL, entropy or clip ratio is not the token mean it is named for, and it
    drifts with how the batch happened to be split across devices.

    ## Example
        mean_kl = (per_token_kl * completion_mask).sum() / completion_mask.sum().clamp(min=1.0)
        self._metrics[mode]["kl"].append(self.accelerator.gather(mean_kl).nanmean().item())

    Use instead:
        stats = self.accelerator.reduce(
            torch.stack([(per_token_kl * completion_mask).sum(), completion_mask.sum().float()]), reduction="sum")
        self._metrics[mode]["kl"].append((stats[0] / stats[1].clamp(min=1.0)).item())
    """

    code = "EVAL092"
    category = "EVAL-ARGS"
    severity = Severity.WARNING
    message = ("`{text}` averages `{value}` over processes with equal weights, but each process's `{value}` is a "
               "sum over its own count (`{ratio}`): a mean of per-process means, not the mean over every item")
    question = "Should the sums and counts behind `{value}` at {where} be reduced across processes before dividing?"
    triggers = ("gather",)
    examples = [
        invalid("""
            class Trainer:
                def log_kl(self, per_token_kl, completion_mask, mode):
                    mean_kl = (per_token_kl * completion_mask).sum() / completion_mask.sum().clamp(min=1.0)
                    self._metrics[mode]["kl"].append(self.accelerator.gather(mean_kl).nanmean().item())  # expect: EVAL092
        """),
        invalid("""
            import torch

            def log_metrics(accelerator, metrics, entropies, mask):
                completion_token_count = mask.sum().clamp(min=1.0)

                def masked_batch_mean(x):
                    if x.shape[1] == 1:
                        return x.mean()
                    return (x * mask).sum() / completion_token_count

                mean_entropy = masked_batch_mean(entropies)
                metrics["entropy"].append(accelerator.gather(mean_entropy).nanmean().item())  # expect: EVAL092
                loss = torch.mean(accelerator.gather_for_metrics((entropies * mask).sum() / completion_token_count))  # expect: EVAL092
                return loss
        """, note="a helper that returns the ratio; the ratio inline in torch.mean"),
        valid("""
            import torch

            class Trainer:
                def log_kl(self, per_token_kl, completion_mask, scores, mode):
                    stats = self.accelerator.reduce(
                        torch.stack([(per_token_kl * completion_mask).sum(), completion_mask.sum().float()]),
                        reduction="sum")
                    self._metrics[mode]["kl"].append((stats[0] / stats[1].clamp(min=1.0)).item())
                    self._metrics[mode]["score"].append(self.accelerator.gather(scores).mean().item())
                    total = self.accelerator.gather((per_token_kl * completion_mask).sum()).sum()
                    count = self.accelerator.gather(completion_mask.sum()).sum()
                    self._metrics[mode]["kl2"].append((total / count).item())
                    ratio = scores.sum() / len(scores)
                    self._metrics[mode]["local"].append(ratio.item())
        """, note="near misses: sums and counts reduced then divided once; a per-item vector gathered; "
                  "a ratio that is never gathered"),
    ]

    def visit_Module(self, node) -> None:
        if module_tree(self.ctx) is None:
            return
        funcs = module_functions(self.ctx)
        helpers = _ratio_functions(self.ctx, funcs)
        for f in funcs:
            nodes = scope_nodes(self.ctx, f)
            ratios: dict[str, str] = {}
            for n in nodes:
                if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name):
                    value = n.value
                    if _is_ratio(value) or _callee(value) in helpers:
                        ratios[n.targets[0].id] = ast.unparse(value)
                    else:
                        ratios.pop(n.targets[0].id, None)
            for n in nodes:
                self._check(n, ratios, helpers)

    def _check(self, n: ast.AST, ratios: dict[str, str], helpers: set[str]) -> None:
        if not isinstance(n, ast.Call):
            return
        name = _callee(n)
        gathered = None
        if name in MEANS and isinstance(n.func, ast.Attribute) and not n.args and _callee(n.func.value) in GATHERS:
            gathered = n.func.value  # `gather(x).mean()`
        elif name in MEANS and len(n.args) == 1 and isinstance(n.func, ast.Attribute) \
                and _callee(n.args[0]) in GATHERS:
            gathered = n.args[0]  # `torch.mean(gather(x))`
        if not isinstance(gathered, ast.Call) or len(gathered.args) != 1:
            return
        arg = gathered.args[0]
        if isinstance(arg, ast.Name) and arg.id in ratios:
            value, ratio = arg.id, ratios[arg.id]
        elif _is_ratio(arg) or _callee(arg) in helpers:
            value = ratio = ast.unparse(arg)
        else:
            return
        self.ctx.report(type(self), None, line=n.lineno, fields={"text": ast.unparse(n), "value": value,
                                                                 "ratio": ratio})
