"""SEED015: a sampling switch computed from the temperature the wrong way round (sampling on at temperature 0)."""
from __future__ import annotations

import ast
import re

import libcst as cst

from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes

# The switch's name says which value of it means sampling: `do_sample=True` samples, `greedy=True` does not.
_SAMPLE_NAMES = re.compile(r"^(do_sample|sample|sampling|use_sampling|do_sampling|use_sample)$")
_GREEDY_NAMES = re.compile(r"^(greedy|do_greedy|use_greedy|is_greedy|greedy_decoding)$")
# A temperature read from anywhere: `temperature`, `self.temperature`, `args.temp`, `cfg["temperature"]`.
_TEMPERATURE = re.compile(r"(^|_)(temperature|temp)$")
_ALLOWED = (ast.Expression, ast.IfExp, ast.Compare, ast.BoolOp, ast.UnaryOp, ast.Not, ast.And, ast.Or,
            ast.Constant, ast.Name, ast.Load, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE,
            ast.Is, ast.IsNot, ast.USub)


def _temperature_read(node: ast.AST) -> bool:
    if isinstance(node, ast.Name):
        return bool(_TEMPERATURE.search(node.id.lower()))
    if isinstance(node, ast.Attribute):
        return bool(_TEMPERATURE.search(node.attr.lower()))
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
        return bool(_TEMPERATURE.search(node.slice.value.lower()))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"float", "bool"} \
            and len(node.args) == 1:
        return _temperature_read(node.args[0])
    return False


class _Substitute(ast.NodeTransformer):
    """Every read of the temperature becomes the name `T`; `bool(x)` becomes `x` (truthiness is kept)."""

    found = False

    def visit(self, node: ast.AST) -> ast.AST:
        if isinstance(node, ast.expr) and _temperature_read(node):
            self.found = True
            return ast.copy_location(ast.Name(id="T", ctx=ast.Load()), node)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "bool" and len(node.args) == 1:
            return self.visit(node.args[0])
        return self.generic_visit(node)


def sampling_at(code: str) -> tuple[bool, bool] | None:
    """Whether the expression `code` asks for sampling at temperature 0 and at temperature 0.7, when the
    expression reads only the temperature (and constants); None when it reads anything else."""
    try:
        tree = ast.parse(code.strip(), mode="eval")
    except SyntaxError:
        return None
    sub = _Substitute()
    tree = ast.fix_missing_locations(sub.visit(tree))
    if not sub.found or not all(isinstance(n, _ALLOWED) for n in ast.walk(tree)):
        return None
    if any(isinstance(n, ast.Name) and n.id != "T" for n in ast.walk(tree)):
        return None
    compiled = compile(tree, "<switch>", "eval")
    try:
        return bool(eval(compiled, {"__builtins__": {}}, {"T": 0.0})), bool(eval(compiled, {"__builtins__": {}}, {"T": 0.7}))
    except Exception:  # noqa: BLE001 - `None < 0` and the like: not a switch we can read
        return None


class SamplingSwitchInverted(Rule):
    """
    ## What it does
    Finds a sampling switch computed from the temperature so that it samples at temperature 0 and
    decodes greedily at a positive temperature: `do_sample = False if self.temperature else True`,
    `do_sample = not temperature`, `do_sample=(temperature == 0)` passed to `generate`, or the
    greedy flag the other way round (`greedy = temperature > 0`, `greedy = bool(temperature)`). The
    switch is read by its name (`do_sample`, `sample`, `use_sampling` mean sampling when true;
    `greedy`, `do_greedy` mean greedy decoding when true) and the expression is worked out for a
    temperature of 0 and of 0.7; only expressions that read nothing but the temperature and
    constants are judged.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `do_sample = False if self.temperature else True` (method of a model wrapper) | yes | `do_sample = self.temperature is not None and self.temperature > 0` |
    | `generate(..., do_sample=not args.temperature)` (keyword in a call, script) | yes | `do_sample=args.temperature > 0` |
    | `greedy = cfg["temperature"] > 0` (notebook) | yes | `greedy = cfg["temperature"] == 0` |
    | `do_sample = True if temperature == 0 else False` | yes | `do_sample = False if temperature == 0 else True` |

    ## Why is this bad?
    Evaluations usually ask for temperature 0 to get one reproducible answer per item. With the
    switch inverted, `generate` samples exactly then (at the library's default temperature, with
    no seed), so every score is one random draw per item, and a run asked to sample decodes
    greedily instead. Nothing fails; the numbers change from run to run and the reported setting
    is not the one used.

    ## Example
        def generate_output(self, messages):
            do_sample = False if self.temperature else True
            return self.llm.generate(**inputs, temperature=self.temperature, do_sample=do_sample)

    Use instead:
        do_sample = self.temperature is not None and self.temperature > 0
    """

    code = "SEED015"
    category = "SEED-SAMPLING"
    severity = Severity.ERROR
    message = ("`{switch}` asks for sampling at temperature 0 and for greedy decoding at a positive temperature: the "
               "switch is inverted, so a run asked for greedy decoding samples (one unseeded draw per item)")
    question = "Is `{switch}` meant to sample at temperature 0 and decode greedily at a positive temperature?"
    triggers = ("temperature", "temp")
    examples = [
        invalid("""
            class Qwen2_5_VL:
                def __init__(self, llm, args):
                    self.llm = llm
                    self.temperature = args.temperature

                def generate_output(self, inputs):
                    do_sample = False if self.temperature else True  # expect: SEED015
                    return self.llm.generate(**inputs, temperature=self.temperature, do_sample=do_sample)
        """, note="a model wrapper's method: the switch assigned, then passed"),
        valid("""
            class Qwen2_5_VL:
                def __init__(self, llm, args):
                    self.llm = llm
                    self.temperature = args.temperature

                def generate_output(self, inputs):
                    do_sample = self.temperature is not None and self.temperature > 0
                    return self.llm.generate(**inputs, temperature=self.temperature, do_sample=do_sample)
        """, note="near miss: sampling only at a positive temperature"),
        invalid("""
            import argparse
            from transformers import AutoModelForCausalLM

            args = argparse.ArgumentParser().parse_args()
            model = AutoModelForCausalLM.from_pretrained(args.model)
            for batch in batches:
                out = model.generate(**batch, max_new_tokens=256,
                                     do_sample=not args.temperature,  # expect: SEED015
                                     temperature=args.temperature)
        """, note="a script: the switch as a keyword of the call"),
        valid("""
            import argparse
            from transformers import AutoModelForCausalLM

            args = argparse.ArgumentParser().parse_args()
            model = AutoModelForCausalLM.from_pretrained(args.model)
            for batch in batches:
                out = model.generate(**batch, max_new_tokens=256, do_sample=args.temperature > 0,
                                     temperature=args.temperature)
                out2 = model.generate(**batch, do_sample=False if args.temperature == 0 else True)
                out3 = model.generate(**batch, do_sample=args.sample)
        """, note="near miss: `> 0`, `False if == 0 else True`, a switch of its own"),
        invalid({"decode.ipynb": notebook(
            """
            cfg = {"temperature": 0.0, "max_tokens": 128}
            """,
            """
            greedy = cfg["temperature"] > 0  # expect: SEED015
            outputs = decode(model, prompts, greedy=greedy)
            """,
        )}, note="notebook: a greedy flag true at a positive temperature"),
        valid({"decode.ipynb": notebook(
            """
            cfg = {"temperature": 0.0, "max_tokens": 128}
            """,
            """
            greedy = cfg["temperature"] == 0
            outputs = decode(model, prompts, greedy=greedy)
            """,
        )}, note="near miss (notebook): greedy exactly at temperature 0"),
        invalid("""
            def sample_answers(model, prompts, temperature=0.0):
                do_sample = True if temperature == 0 else False  # expect: SEED015
                return [model.generate(p, do_sample=do_sample, temperature=temperature) for p in prompts]
        """, note="a function: `True if == 0 else False`"),
        valid("""
            def sample_answers(model, prompts, temperature=0.0, top_p=1.0):
                do_sample = temperature > 0 or top_p < 1.0
                temp = 0.7
                sample = temp > 0
                return [model.generate(p, do_sample=do_sample, temperature=temperature) for p in prompts]
        """, note="near miss: another setting read too (not judged); a switch true at a positive temperature"),
    ]

    def _judge(self, name: str, expr: cst.BaseExpression, node: cst.CSTNode) -> None:
        samples = bool(_SAMPLE_NAMES.match(name))
        if not samples and not _GREEDY_NAMES.match(name):
            return
        values = sampling_at(self.ctx.code(expr))
        if values is None:
            return
        at_zero, at_warm = values
        if not samples:  # a greedy flag: sampling is its negation
            at_zero, at_warm = not at_zero, not at_warm
        if at_zero and not at_warm:
            self.report(node, switch=name)

    def visit_Module(self, node: cst.Module) -> None:
        for n in iter_nodes(node):
            if isinstance(n, cst.Assign) and len(n.targets) == 1:
                target = n.targets[0].target
                name = target.value if isinstance(target, cst.Name) else (
                    target.attr.value if isinstance(target, cst.Attribute) else "")
                if name:
                    self._judge(name, n.value, n)
            elif isinstance(n, cst.Call):
                for arg in n.args:
                    if arg.keyword is not None:
                        self._judge(arg.keyword.value, arg.value, arg)
