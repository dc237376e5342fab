"""EVAL026: a value named as a log-probability assigned a cross-entropy or NLL loss, with its sign unflipped."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.modules import locate_defined
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid, notebook

_LOSSES = frozenset({
    "torch.nn.functional.cross_entropy", "torch.nn.functional.nll_loss",
    "torch.nn.functional.binary_cross_entropy", "torch.nn.functional.binary_cross_entropy_with_logits",
})
_LOSS_CLASSES = frozenset({"torch.nn.CrossEntropyLoss", "torch.nn.NLLLoss", "torch.nn.BCELoss",
                           "torch.nn.BCEWithLogitsLoss"})
# log-probabilities and log-likelihoods; a name that says "neg", "nll" or "loss" is the loss itself.
_LOGPROB = re.compile(r"(?i)log_?probs?|logps?(?![a-z])|log_?p(?=_)|log_?lik(elihood)?s?|loglik")
_NEGATED = re.compile(r"(?i)neg|nll|loss|ce(?![a-z])|xent|entropy|surprisal|nats|bits|perplex")


class LogprobFromLoss(Rule):
    """
    ## What it does
    Finds a value named as a log-probability or log-likelihood (`logprobs`, `ref_logps`,
    `log_likelihood`) assigned a cross-entropy or negative log-likelihood loss without a minus sign:
    `logprobs_w = F.cross_entropy(logits, labels, reduction="none").sum(-1)`, also `F.nll_loss`,
    `nn.CrossEntropyLoss(reduction="none")(...)` and a loss object made earlier in the function.
    A name that says what it holds (`nll`, `neg_logp`, `token_loss`) and a negated call
    (`-F.cross_entropy(...)`) are left alone.

    ## Why is this bad?
    Cross-entropy is the negative log-probability. Under a log-probability's name it enters
    formulas with the wrong sign: a DPO or reward-model margin, a likelihood ratio or a ranking of
    candidates prefers the least likely sequences, and the training or the score silently runs the
    wrong way.

    ## Example
        logprobs_w = F.cross_entropy(logits_w.transpose(-1, -2), labels_w, reduction="none").sum(-1)

    Use instead:
        logprobs_w = -F.cross_entropy(logits_w.transpose(-1, -2), labels_w, reduction="none").sum(-1)
    """

    code = "EVAL026"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{name}` is named as a log-probability but holds `{loss}`, the negative log-probability: every "
               "formula that uses it has the wrong sign{also}")
    question = "Is `{name}` at {where} meant to be the log-probability (then negate `{loss}`) or the loss?"
    triggers = ("cross_entropy", "nll_loss", "CrossEntropyLoss", "NLLLoss", "BCE", "logp", "log_p", "logprob", "log_lik",
                "loglik")  # a log-probability assigned another module's loss object
    examples = [
        invalid("""
            import torch.nn.functional as F

            def compute_loss(self, model, inputs):
                logits_w = model(input_ids=input_ids_w).logits[..., :-1, :]
                logprobs_w = F.cross_entropy(logits_w.transpose(-1, -2), labels_w, reduction="none").sum(-1)  # expect: EVAL026
                logprobs_l = -F.cross_entropy(logits_l.transpose(-1, -2), labels_l, reduction="none").sum(-1)
                logits = self.args.beta * (logprobs_w - logprobs_l)
                return -F.logsigmoid(logits).mean()
        """),
        invalid("""
            import torch

            def score(logits, targets):
                loss_fct = torch.nn.CrossEntropyLoss(reduction="none")
                log_likelihood = loss_fct(logits.view(-1, logits.size(-1)), targets.view(-1))  # expect: EVAL026
                return log_likelihood.sum()
        """),
        valid("""
            import torch.nn.functional as F

            def scores(logits, labels):
                logprobs = -F.cross_entropy(logits, labels, reduction="none")
                nll = F.cross_entropy(logits, labels, reduction="none")
                neg_logprobs = F.nll_loss(log_softmax, labels, reduction="none")
                token_logp_loss = F.cross_entropy(logits, labels)
                logp = -1 * F.nll_loss(log_softmax, labels, reduction="none")
                log_probs = F.log_softmax(logits, dim=-1)
                return logprobs, nll, neg_logprobs, token_logp_loss, logp, log_probs
        """, note="negated, named for the loss, or a real log-softmax"),
        invalid({
            "dpo/losses.py": '''
                import torch.nn as nn

                token_ce = nn.CrossEntropyLoss(reduction="none", ignore_index=-100)
            ''',
            "dpo/trainer.py": '''
                from dpo.losses import token_ce

                class PairTrainer:
                    def sequence_logps(self, logits, labels):
                        flat = logits[:, :-1].reshape(-1, logits.size(-1))
                        token_logps = token_ce(flat, labels[:, 1:].reshape(-1))  # expect: EVAL026
                        return token_logps.view(labels.size(0), -1).sum(-1)
            ''',
        }, note="across modules: a loss object of another module; its per-token loss is named and summed as a "
                "log-probability in a trainer's method"),
        valid({
            "dpo/losses.py": '''
                import torch.nn as nn

                token_ce = nn.CrossEntropyLoss(reduction="none", ignore_index=-100)
            ''',
            "dpo/trainer.py": '''
                from dpo.losses import token_ce

                class PairTrainer:
                    def sequence_logps(self, logits, labels):
                        flat = logits[:, :-1].reshape(-1, logits.size(-1))
                        token_logps = -token_ce(flat, labels[:, 1:].reshape(-1))
                        return token_logps.view(labels.size(0), -1).sum(-1)
            ''',
        }, note="near miss: the same layout, negated"),
        invalid({"ppl.ipynb": notebook(
            """
            import torch
            import torch.nn.functional as F
            """,
            """
            with torch.no_grad():
                logits = model(input_ids).logits[:, :-1]
            log_likelihood = F.cross_entropy(logits.transpose(1, 2), input_ids[:, 1:], reduction="none").sum(-1)  # expect: EVAL026
            """,
            """
            best = log_likelihood.argmax()
            """,
        )}, note="notebook: a summed loss named and ranked as a log-likelihood"),
        valid({"ppl.ipynb": notebook(
            """
            import torch
            import torch.nn.functional as F
            """,
            """
            with torch.no_grad():
                logits = model(input_ids).logits[:, :-1]
            log_likelihood = -F.cross_entropy(logits.transpose(1, 2), input_ids[:, 1:], reduction="none").sum(-1)
            """,
            """
            best = log_likelihood.argmax()
            """,
        )}, note="near miss: negated"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._loss_objects: list[set[str]] = [set()]
        self._pending: list[list[tuple[cst.CSTNode, str, str]]] = [[]]
        self._imported: list[dict] = []  # a log-probability assigned the call of another module's object

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """`token_logps = token_ce(...)` with `token_ce = nn.CrossEntropyLoss(reduction="none")` in another module."""
        objects = {(path, o) for path, facts in repo.facts(cls.code) for o in facts.get("objects", [])}
        for path, facts in repo.facts(cls.code):
            for site in facts.get("imported", []):
                if locate_defined(repo, site["callee"], path) in objects:
                    repo.report(cls, path, site["line"], name=site["name"], loss=site["loss"], also="")

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._loss_objects.append(set())
        self._pending.append([])

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self._loss_objects.pop()
        self._flush(self._pending.pop())

    def finish(self) -> None:
        self._flush(self._pending[0])
        objects = sorted(n for n in self._loss_objects[0] if n.isidentifier())  # module-level loss objects
        if objects or self._imported:
            self.ctx.facts[self.code] = {"objects": objects[:20], "imported": self._imported[:20]}

    def _flush(self, pending: list[tuple[cst.CSTNode, str, str]]) -> None:
        """One finding per function: one answer (negate the losses) settles every name in it."""
        if not pending:
            return
        node, name, loss = pending[0]
        others = pending[1:]
        also = f" (also {', '.join(f'`{n}`' for _, n, _ in others)} in this function)" if others else ""
        related = [Location(self.ctx.path, self.ctx.line_of(n), f"`{other}` too") for n, other, _ in others]
        self.report(node, related=related, name=name, loss=loss, also=also)

    def visit_Assign(self, node: cst.Assign) -> None:
        targets = [t.target for t in node.targets]
        if isinstance(node.value, cst.Call) and (self.qualified_name(node.value.func) or "") in _LOSS_CLASSES:
            for target in targets:
                name = self.ctx.code(target)
                self._loss_objects[-1].add(name)
            return
        if len(targets) != 1 or not isinstance(targets[0], (cst.Name, cst.Attribute, cst.Subscript)):
            return
        name = self.ctx.code(targets[0])
        leaf = name.rsplit(".", 1)[-1]
        if not _LOGPROB.search(leaf) or _NEGATED.search(leaf):
            return
        loss = self._loss_call(node.value)
        if loss is not None:
            self._pending[-1].append((node, name, loss))
            return
        call = node.value
        while isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and isinstance(call.func.value, cst.Call):
            call = call.func.value  # `token_ce(...).sum(-1)`
        callee = self.qualified_name(call.func) if isinstance(call, cst.Call) and isinstance(call.func, cst.Name) else None
        if callee and "." in callee and "()" not in callee:
            self._imported.append({"callee": callee, "line": self.ctx.line_here(node), "name": name,
                                   "loss": self.ctx.code(call.func) + "(...)"})

    def _loss_call(self, expr: cst.BaseExpression) -> str | None:
        """The loss call at the head of `expr` (through `.sum(-1)`, `.mean()`, `.view(...)`), unnegated."""
        while True:
            if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and isinstance(expr.func.value, cst.Call):
                name = self.qualified_name(expr.func)
                if name in _LOSSES:
                    break
                expr = expr.func.value
                continue
            break
        if not isinstance(expr, cst.Call):
            return None
        name = self.qualified_name(expr.func) or ""
        if name in _LOSSES:
            return name.rsplit(".", 1)[-1] + "(...)"
        if isinstance(expr.func, cst.Call) and (self.qualified_name(expr.func.func) or "") in _LOSS_CLASSES:
            return self.ctx.code(expr.func.func) + "(...)(...)"
        callee = self.ctx.code(expr.func)
        if any(callee in scope for scope in self._loss_objects):
            return callee + "(...)"
        return None
