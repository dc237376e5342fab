"""EVAL018: one branch of a factory leaves out a setting every other branch passes."""
from __future__ import annotations

import libcst as cst

from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid

MIN_BRANCHES = 3


class BranchDropsSharedSetting(Rule):
    """
    ## What it does
    Finds an `if` / `elif` chain whose branches each build one object (`return Decoder(...)`,
    `model = Decoder(...)`), where at least three branches pass the same setting from a variable
    (`temperature=temperature`) and exactly one does not, although the class or function it calls
    is given that setting in another branch. The branch that leaves it out is reported.

    ## Why is this bad?
    The object of that branch runs with the library's or the class's default (a sampling
    temperature of 0.8, a seed of 0, a maximum length of 512) whatever the run asked for. When the
    branches are the models or conditions a study compares, one of them is measured under other
    settings than the rest, and the table does not say so.

    ## Example
        if name == "stablelm-7b":
            return HFTorchDecoder(name="stabilityai/stablelm-base-alpha-7b", temperature=temperature)
        elif name == "gptneo-2b":
            return HFTorchDecoder(name="EleutherAI/gpt-neo-2.7B")

    Use instead:
        elif name == "gptneo-2b":
            return HFTorchDecoder(name="EleutherAI/gpt-neo-2.7B", temperature=temperature)
    """

    code = "EVAL018"
    category = "EVAL-MISMATCH"
    severity = Severity.WARNING
    message = ("this branch builds `{callee}` without `{keyword}={value}`, which the other {count} branches pass "
               "(`{callee}` gets it at line {other_line}): it runs with the default instead")
    question = "Should the branch at {where} pass `{keyword}={value}` like the others?"
    examples = [
        invalid("""
            def make_model(name, batch_size, temperature):
                if name == "codegen-2b":
                    return HFTorchDecoder(batch_size=batch_size, name="Salesforce/codegen-2B-mono", temperature=temperature)
                elif name == "incoder-1b":
                    return IncoderDecoder(batch_size=batch_size, name="facebook/incoder-1B", temperature=temperature)
                elif name == "stablelm-7b":
                    return HFTorchDecoder(batch_size=batch_size, name="StabilityAI/stablelm-base-alpha-7b",
                                          temperature=temperature)
                elif name == "gptneo-2b":
                    return HFTorchDecoder(batch_size=batch_size, name="EleutherAI/gpt-neo-2.7B")  # expect: EVAL018
                raise ValueError(name)
        """),
        invalid("""
            if args.model == "a":
                model = Net(depth=2, dropout=args.dropout)
            elif args.model == "b":
                model = Net(depth=4, dropout=args.dropout)
            elif args.model == "c":
                model = Wide(width=8, dropout=args.dropout)
            else:
                model = Net(depth=8)  # expect: EVAL018
        """, note="assignments, the odd one in `else`"),
        valid("""
            def load_exps(dirnames, progress_filename="progress.csv", reader=None):
                if progress_filename == "progress.csv":
                    return load_data(dirnames)
                elif progress_filename == "log.npy":
                    return load_numpy(dirnames, NumpyReader(), progress_filename=progress_filename)
                elif reader:
                    return load_numpy(dirnames, reader, progress_filename=progress_filename)
                else:
                    return load_data(dirnames, progress_filename=progress_filename)
        """, note="near miss: the branch that leaves the setting out is chosen by that setting's one value"),
        valid("""
            def make_model(name, temperature):
                if name == "a":
                    return Decoder(name="a", temperature=temperature)
                elif name == "b":
                    return Decoder(name="b", temperature=temperature)
                elif name == "c":
                    return Decoder(name="c", temperature=temperature)
                elif name == "chat":
                    return ChatDecoder(name="chat")
        """, note="near miss: the odd branch calls something never given the setting"),
        valid("""
            def make_model(name, temperature):
                if name == "a":
                    return Decoder(name="a", temperature=temperature)
                elif name == "b":
                    return Decoder(name="b", temperature=temperature)
                elif name == "greedy":
                    return Decoder(name="g", temperature=0)
                elif name == "d":
                    return Decoder(name="d", temperature=temperature)
        """, note="near miss: the odd branch sets the value on purpose"),
        invalid({
            "codegen/decoders.py": '''
                class HFTorchDecoder:
                    def __init__(self, name, batch_size=1, temperature=0.8):
                        self.name, self.batch_size, self.temperature = name, batch_size, temperature

                class OpenAIDecoder:
                    def __init__(self, name, batch_size=1, temperature=0.8):
                        self.name, self.batch_size, self.temperature = name, batch_size, temperature
            ''',
            "codegen/registry.py": '''
                from codegen.decoders import HFTorchDecoder, OpenAIDecoder

                class Registry:
                    def build(self, name, batch_size, temperature):
                        if name == "codegen-2b":
                            model = HFTorchDecoder("Salesforce/codegen-2B-mono", batch_size=batch_size, temperature=temperature)
                        elif name == "starcoder":
                            model = HFTorchDecoder("bigcode/starcoder", batch_size=batch_size, temperature=temperature)
                        elif name == "gpt-4o":
                            model = OpenAIDecoder("gpt-4o", batch_size=batch_size, temperature=temperature)
                        elif name == "gptneo-2b":
                            model = HFTorchDecoder("EleutherAI/gpt-neo-2.7B", batch_size=batch_size)  # expect: EVAL018
                        else:
                            raise ValueError(name)
                        return model
            ''',
        }, note="across modules: decoder classes of another module built by a registry method; one branch drops the temperature"),
        valid({
            "codegen/decoders.py": '''
                class HFTorchDecoder:
                    def __init__(self, name, batch_size=1, temperature=0.8):
                        self.name, self.batch_size, self.temperature = name, batch_size, temperature

                class OpenAIDecoder:
                    def __init__(self, name, batch_size=1, temperature=0.8):
                        self.name, self.batch_size, self.temperature = name, batch_size, temperature
            ''',
            "codegen/registry.py": '''
                from codegen.decoders import HFTorchDecoder, OpenAIDecoder

                class Registry:
                    def build(self, name, batch_size, temperature):
                        if name == "codegen-2b":
                            model = HFTorchDecoder("Salesforce/codegen-2B-mono", batch_size=batch_size, temperature=temperature)
                        elif name == "starcoder":
                            model = HFTorchDecoder("bigcode/starcoder", batch_size=batch_size, temperature=temperature)
                        elif name == "gpt-4o":
                            model = OpenAIDecoder("gpt-4o", batch_size=batch_size, temperature=temperature)
                        elif name == "gptneo-2b":
                            model = HFTorchDecoder("EleutherAI/gpt-neo-2.7B", batch_size=batch_size, temperature=temperature)
                        else:
                            raise ValueError(name)
                        return model
            ''',
        }, note="near miss: every branch passes it"),
    ]

    def visit_If(self, node: cst.If) -> None:
        parent = self.ctx.parents[-1] if self.ctx.parents else None
        if isinstance(parent, cst.If) and parent.orelse is node:
            return  # an `elif`: its chain is read from the first `if`
        calls: list[cst.Call | None] = []
        tests: dict[int, cst.BaseExpression] = {}  # id(call) -> the test that selects its branch
        branch: cst.If | cst.Else | None = node
        while branch is not None:
            calls.append(_built(branch.body))
            if calls[-1] is not None and isinstance(branch, cst.If):
                tests[id(calls[-1])] = branch.test
            branch = branch.orelse if isinstance(branch, cst.If) else None
            if isinstance(branch, cst.Else):
                calls.append(_built(branch.body))
                break
        built = [c for c in calls if c is not None]
        if len(built) < MIN_BRANCHES + 1:
            return
        counts: dict[tuple[str, str], list[cst.Call]] = {}
        for call in built:
            for arg in call.args:
                if arg.keyword is not None and isinstance(arg.value, (cst.Name, cst.Attribute)):
                    counts.setdefault((arg.keyword.value, self.ctx.code(arg.value)), []).append(call)
        for (keyword, value), having in counts.items():
            lacking = [c for c in built if c not in having and not _passes(c, keyword)]
            if len(having) < MIN_BRANCHES or len(lacking) != 1:
                continue
            odd = lacking[0]
            callee = self.ctx.code(odd.func)
            same = [c for c in having if self.ctx.code(c.func) == callee]
            if not same or any(a.star for a in odd.args) or self._fixed_by(tests.get(id(odd)), value):
                continue
            self.report(odd, callee=callee, keyword=keyword, value=value, count=len(having),
                        other_line=self.ctx.line_of(same[0]),
                        related=[Location(self.ctx.path, self.ctx.line_of(same[0]), f"`{keyword}` passed here")])

    def _fixed_by(self, test: cst.BaseExpression | None, value: str) -> bool:
        """`if progress_filename == "progress.csv":` selects the branch by the very setting it omits:
        there the setting has one known value, which the author chose to leave to the callee."""
        return any(self.ctx.code(side) == value for side in _compared(test))


def _compared(test: cst.BaseExpression | None) -> list[cst.BaseExpression]:
    """The sides of `a == b` (also inside `and`) a branch's test compares."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return _compared(test.left) + _compared(test.right)
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and isinstance(test.comparisons[0].operator, cst.Equal):
        return [test.left, test.comparisons[0].comparator]
    return []


def _built(body: cst.BaseSuite) -> cst.Call | None:
    """The call a branch builds its one object with: `return C(...)` or `x = C(...)` as its only statement."""
    statements = body.body if isinstance(body, cst.IndentedBlock) else []
    if len(statements) != 1 or not isinstance(statements[0], cst.SimpleStatementLine) or len(statements[0].body) != 1:
        return None
    small = statements[0].body[0]
    value = small.value if isinstance(small, (cst.Return, cst.Assign)) else None
    return value if isinstance(value, cst.Call) else None


def _passes(call: cst.Call, keyword: str) -> bool:
    return any(a.keyword is not None and a.keyword.value == keyword for a in call.args)
