"""EVAL076: nltk's BLEU given sentences as strings, so it counts n-grams of characters."""
from __future__ import annotations

import ast
import re

from hygiene.analysis.stdast import module_nodes, module_tree, walk_list
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid

BLEU = frozenset({"corpus_bleu", "sentence_bleu"})
# Methods whose result is a string, or a list of strings.
_STR_METHODS = frozenset({"strip", "rstrip", "lstrip", "lower", "upper", "decode", "replace", "capitalize", "title"})
_STR_LISTS = frozenset({"readlines", "splitlines", "batch_decode"})
_TOKENISED = re.compile(r"\.split\(|tokeni[sz]e|word_tokenize|\.tokens\b|list\(")


def _is_bleu(call: ast.Call) -> str:
    name = call.func.id if isinstance(call.func, ast.Name) else call.func.attr if isinstance(call.func, ast.Attribute) else ""
    return name if name in BLEU else ""


def _strings_value(value: ast.AST) -> bool:
    """Is `value` a string or a list of strings: `line.strip()`, `f.readlines()`, `[l.strip() for l in f]`,
    `tok.batch_decode(ids)`, `text.split("\\n")`, an f-string?"""
    if isinstance(value, (ast.JoinedStr,)) or (isinstance(value, ast.Constant) and isinstance(value.value, str)):
        return True
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
        attr = value.func.attr
        if attr in _STR_METHODS or attr in _STR_LISTS:
            return True
        if attr == "split" and value.args and isinstance(value.args[0], ast.Constant) and "\n" in str(value.args[0].value):
            return True
    if isinstance(value, (ast.ListComp, ast.GeneratorExp)):
        return _strings_value(value.elt)
    return False


class BleuOfUntokenisedText(Rule):
    """
    ## What it does
    Finds nltk's `corpus_bleu` and `sentence_bleu` given hypotheses or references that are strings
    where they expect lists of tokens: `corpus_bleu([[r] for r in references], candidates)` where the
    sentences are strings (the function's docstring says `list of str`, another function of the file
    calls `.split()` on the same items, or they were read as lines, stripped or decoded), and
    `sentence_bleu([ref], hyp)` with `hyp = line.strip()`. Arguments split into tokens in the call
    (`[r.split() for r in refs]`, `word_tokenize(h)`) or before it are left alone.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `corpus_bleu([[r] for r in references], candidates)` with `ref.split()` in another method | yes | `corpus_bleu([[r.split()] for r in references], [c.split() for c in candidates])` |
    | `hyp = pred.strip()` then `sentence_bleu([ref.split()], hyp)` | yes | `sentence_bleu([ref.split()], hyp.split())` |
    | `preds = tok.batch_decode(out)` then `corpus_bleu(refs, preds)` | yes | `corpus_bleu(refs, [p.split() for p in preds])` |

    ## Why is this bad?
    nltk iterates over a sentence to get its tokens; over a string that gives characters. BLEU-1 then
    counts matching letters, and BLEU-4 runs of four letters, numbers far higher than word BLEU and
    not comparable to any published figure, with no error or warning.

    ## Example
        bleu4 = corpus_bleu([[r] for r in references], candidates)

    Use instead:
        bleu4 = corpus_bleu([[r.split()] for r in references], [c.split() for c in candidates])
    """

    code = "EVAL076"
    category = "EVAL-ARGS"
    severity = Severity.ERROR
    message = ("`{call}` is given `{name}` as strings ({evidence}): nltk takes a string's characters as its tokens, "
               "so the BLEU reported is one of characters, not words")
    question = "Are the sentences given to `{call}` at {where} lists of words rather than strings?"
    triggers = ("corpus_bleu", "sentence_bleu")
    examples = [
        invalid("""
            from nltk.translate.bleu_score import corpus_bleu

            class Metrics(object):
                @staticmethod
                def bleu_score(references, candidates):
                    bleu1s = corpus_bleu([[r] for r in references], candidates, weights=(1.0, 0.0, 0.0, 0.0))  # expect: EVAL076
                    bleu4s = corpus_bleu([[r] for r in references], candidates, weights=(0.25, 0.25, 0.25, 0.25))
                    return bleu1s, bleu4s

                @staticmethod
                def em_score(references, candidates):
                    match = sum(ref.split() == cand.split() for ref, cand in zip(references, candidates))
                    return match / len(references)
        """, note="the other method splits the same items: they are strings"),
        valid("""
            from nltk.translate.bleu_score import corpus_bleu

            class Metrics(object):
                @staticmethod
                def bleu_score(references, candidates):
                    references = [x.strip().split() for x in references]
                    candidates = [x.strip().split() for x in candidates]
                    return corpus_bleu([[r] for r in references], candidates)

                @staticmethod
                def em_score(references, candidates):
                    match = sum(ref.split() == cand.split() for ref, cand in zip(references, candidates))
                    return match / len(references)
        """, note="near miss: the fix, split into tokens before the call"),
        invalid({"eval.ipynb": notebook(
            "from nltk.translate.bleu_score import sentence_bleu",
            "scores = []\nfor pred, ref in zip(preds, refs):\n    hyp = pred.strip()\n"
            "    scores.append(sentence_bleu([ref.split()], hyp))  # expect: EVAL076",
        )}),
        valid("""
            from nltk.translate.bleu_score import corpus_bleu, sentence_bleu

            def score(refs, preds, tok, out, gold, system):
                texts = tok.batch_decode(out)
                a = corpus_bleu([[r.split()] for r in refs], [t.split() for t in texts])
                b = sentence_bleu([refs[0].split()], preds[0].split())
                c = corpus_bleu(gold, system)
                return a, b, c
        """, note="near misses: split in the call, and arguments nothing shows to be strings"),
    ]

    def visit_Module(self, node) -> None:
        tree = module_tree(self.ctx)
        if tree is None or "nltk" not in self.ctx.text:
            return
        nodes = module_nodes(self.ctx)
        split_items = self._split_items(nodes)
        for scope in [tree, *(n for n in nodes if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))]:
            body = walk_list(scope) if not isinstance(scope, ast.Module) else [
                x for stmt in scope.body if not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                for x in walk_list(stmt)]
            # One finding per function: the BLEU-1..4 calls of one scoring function are one fix.
            calls = sorted((c for c in body if isinstance(c, ast.Call) and _is_bleu(c) and len(c.args) >= 2),
                           key=lambda c: (c.lineno, c.col_offset))
            for call in calls:
                found = next(filter(None, (self._strings(arg, scope, body, split_items) for arg in call.args[:2])), None)
                if found:
                    name, evidence = found
                    self.ctx.report(type(self), None, line=call.lineno,
                                    fields={"call": _is_bleu(call), "name": name, "evidence": evidence})
                    break

    @staticmethod
    def _split_items(nodes: list[ast.AST]) -> set[str]:
        """Collections whose items some code of the file splits into words (`for ref, c in zip(references, cs):
        ref.split()`): their items are strings."""
        found: set[str] = set()
        for n in nodes:
            gens = [n] if isinstance(n, (ast.For, ast.comprehension)) else []
            for g in gens:
                pairs: list[tuple[ast.AST, ast.AST]] = []
                if isinstance(g.iter, ast.Call) and isinstance(g.iter.func, ast.Name) and g.iter.func.id == "zip" \
                        and isinstance(g.target, ast.Tuple) and len(g.target.elts) == len(g.iter.args):
                    pairs = list(zip(g.target.elts, g.iter.args))
                elif isinstance(g.iter, ast.Name):
                    pairs = [(g.target, g.iter)]
                for var, source in pairs:
                    if isinstance(var, ast.Name) and isinstance(source, ast.Name):
                        found.add(f"{var.id}\0{source.id}")
        splits = {n.func.value.id for n in nodes if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                  and n.func.attr == "split" and not n.args and isinstance(n.func.value, ast.Name)}
        return {pair.split("\0")[1] for pair in found if pair.split("\0")[0] in splits}

    def _strings(self, arg: ast.AST, scope: ast.AST, body: list[ast.AST], split_items: set[str]) -> tuple[str, str] | None:
        """(the name, why it holds strings) when the BLEU argument `arg` is sentences given as strings."""
        if _TOKENISED.search(ast.unparse(arg)):
            return None
        names = [arg] if isinstance(arg, ast.Name) else []
        if isinstance(arg, ast.ListComp) and len(arg.generators) == 1 and isinstance(arg.generators[0].iter, ast.Name):
            names = [arg.generators[0].iter]
        for name in names:
            assigned = [n.value for n in body if isinstance(n, ast.Assign) and len(n.targets) == 1
                        and isinstance(n.targets[0], ast.Name) and n.targets[0].id == name.id]
            if assigned:
                if _TOKENISED.search(ast.unparse(assigned[-1])):
                    return None
                if _strings_value(assigned[-1]):
                    return name.id, f"`{name.id} = {ast.unparse(assigned[-1])[:50]}`"
                continue
            if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)) and name.id in {a.arg for a in scope.args.args}:
                doc = ast.get_docstring(scope) or ""
                if re.search(rf"\b{re.escape(name.id)}\b[^\n]*\b(list|sequence) of str", doc):
                    return name.id, "its docstring says a list of strings"
                if name.id in split_items:
                    return name.id, f"the file splits the items of `{name.id}` into words elsewhere"
        return None
