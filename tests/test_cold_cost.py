"""The cold scan's CPU (issue 12): work a file's check does only where something needs it."""
from __future__ import annotations

import sys
import textwrap

import libcst as cst

from hygiene.config import Config
from hygiene.context import FileContext
from hygiene.discovery import discover, package_dirs
from hygiene.runner import check_file, enabled_rules

# Library-like code that no rule reports: assignments, calls, classes, loops (over lists, which
# EVAL029 reads, none rebinding its variable), the word `transform` (EVAL010's trigger) without a
# split wrapper.
PLAIN = textwrap.dedent('''
    import torch
    from torch import nn


    class Block(nn.Module):
        def __init__(self, width, depth=2):
            super().__init__()
            self.width = width
            self.layers = nn.ModuleList([nn.Linear(width, width) for _ in range(depth)])
            self.scale = width ** -0.5

        def forward(self, x):
            for layer in self.layers:
                h = layer(x)
                x = x + h * self.scale
            return x


    def pieces(ds, n, transform=None):
        ds = ds if transform is None else transform(ds)
        head = ds[:n]
        tail = ds[n:]
        sizes = [len(head), len(tail)]
        total = sum(sizes)
        return head, tail, total


    def matches(rows, labels):
        count = 0
        for row in rows:
            count += len(row)
        for row, label in zip(rows, labels):
            count += row == label
        return count
''')


def test_a_file_nothing_reports_on_generates_no_positions(tmp_path, monkeypatch):
    """A position makes libcst generate the statement's code (0.35 ms a statement): asked for
    every assignment, EVAL010's line cost a fifth of a cold scan of transformers' `models/`.
    Positions are for findings, and for the few nodes a rule keeps."""
    (tmp_path / "lib.py").write_text(PLAIN)
    config = Config(root=tmp_path)
    rules = enabled_rules(config)
    sources = list(discover(config, None))
    asked: list[object] = []
    original = FileContext.position

    def counting(self, node):  # type: ignore[no-untyped-def]
        asked.append(node)
        return original(self, node)

    monkeypatch.setattr(FileContext, "position", counting)
    result = check_file(sources[0], config, rules, package_dirs(sources))
    assert not result.diagnostics and not result.findings
    assert asked == []


UNGUARDED_IFS = textwrap.dedent('''
    def pad(ds, n, fill=0):
        out = []
        for row in ds:
            if len(row) < n:
                row = row + [fill] * (n - len(row))
            elif row is None:
                continue
            else:
                row = row[:n]
            out.append(row)
        if out and CONFIG.strict:
            out.sort()
        return out


    def flagged(ds, shuffle=False):
        if shuffle:
            ds = list(reversed(ds))
        return ds
''')


def test_flag_guards_generate_code_only_for_a_test_of_a_parameter(tmp_path, monkeypatch):
    """`hygiene.analysis.flag_guards` measures a guarded block's extent from its code: an `if` whose
    test reads no parameter (nor `self.<name>` in a method) guards nothing and costs no code
    generation (it did for every `if` of a function: 12% of the subtree's file phase)."""
    (tmp_path / "lib.py").write_text(UNGUARDED_IFS)
    config = Config(root=tmp_path)
    sources = list(discover(config, None))
    generated: list[str] = []
    original = FileContext.code

    def counting(self, node):  # type: ignore[no-untyped-def]
        text = original(self, node)
        generated.append(text)
        return text

    monkeypatch.setattr(FileContext, "code", counting)
    result = check_file(sources[0], config, enabled_rules(config), package_dirs(sources))
    guards = result.facts["flag_guards"]["guards"]
    assert [(g["callee"], g["param"], g["on"]) for g in guards] == [("flagged", "shuffle", "t")]
    assert all("len(row)" not in text and "CONFIG" not in text for text in generated)


def test_rules_generate_no_code_on_a_file_they_do_not_report(tmp_path, monkeypatch):
    """Generating an expression's code costs a walk of libcst's code generator: EVAL025 generated
    every assignment's value and every `if` test (2% of a cold scan) although it reads them only
    for a dropout call it looks at; EVAL028 the target of every assignment. The rules below ask for no code beyond what the engine's own
    extractors ask on a file they do not report."""
    (tmp_path / "lib.py").write_text(PLAIN + textwrap.dedent('''
        class Head(nn.Module):
            def __init__(self, p):
                super().__init__()
                self.dropout = nn.Dropout(p)

            def forward(self, x, mask=None):
                if mask is not None and self.training:
                    x = x * mask
                y = self.dropout(torch.relu(x))
                self.last = "runs/latest"
                return y
    '''))
    config = Config(root=tmp_path)
    every = {r.code: r for r in enabled_rules(config)}
    sources = list(discover(config, None))
    asked: list[object] = []
    original = FileContext.code

    def counting(self, node):  # type: ignore[no-untyped-def]
        asked.append(node)
        return original(self, node)

    monkeypatch.setattr(FileContext, "code", counting)
    counts = []
    for rules in ([], [every["EVAL025"], every["EVAL028"], every["EVAL029"]]):
        asked.clear()
        result = check_file(sources[0], config, rules, package_dirs(sources))
        assert not result.diagnostics and not result.findings
        counts.append(len(asked))
    assert counts[1] == counts[0]


def _code_asked(tmp_path, monkeypatch, text: str, codes: list[str]) -> list[int]:  # type: ignore[no-untyped-def]
    """How many codes the engine alone, then the engine with `codes`, generate checking `text`
    (neither reporting anything)."""
    (tmp_path / "lib.py").write_text(text)
    config = Config(root=tmp_path)
    every = {r.code: r for r in enabled_rules(config)}
    sources = list(discover(config, None))
    asked: list[object] = []
    original = FileContext.code

    def counting(self, node):  # type: ignore[no-untyped-def]
        asked.append(node)
        return original(self, node)

    monkeypatch.setattr(FileContext, "code", counting)
    counts = []
    for rules in ([], [every[code] for code in codes]):
        asked.clear()
        result = check_file(sources[0], config, rules, package_dirs(sources))
        assert not result.diagnostics and not result.findings
        counts.append(len(asked))
    return counts


def test_batch_count_rule_generates_no_statement_code_without_a_batch_loop(tmp_path, monkeypatch):
    """DATA056 generated the code of every statement line of every file with a `//` or an `int(`
    (8% of the subtree's file phase), read only for a loop over a floor-divided batch count that
    slices its items: now generated once such a loop gets that far."""
    text = PLAIN + textwrap.dedent('''
        def halves(n, width):
            rows = [int(width * 0.5)] * (n // 2)
            for i in range(len(rows)):
                rows[i] += i
            return rows
    ''')
    before, after = _code_asked(tmp_path, monkeypatch, text, ["DATA056"])
    assert after == before


def test_loader_rule_generates_argument_code_only_for_calls_it_can_record(tmp_path, monkeypatch):
    """DATA050 generated the code of every argument of every call (a split handed to a loader
    helper), also of calls whose callee it cannot record (unresolved, or a method of an object:
    `name` None or with `()`); for a function it can record, it still generates them."""
    text = textwrap.dedent('''
        def batches(loader, model, val_set, test_items):
            out = []
            for batch in loader:
                out.append(model.embed(batch, val_set))
            model.score(test_items, limit=val_set)
            return out
    ''')
    before, after = _code_asked(tmp_path, monkeypatch, text, ["DATA050"])
    assert after == before


def test_loader_rule_generates_argument_code_only_in_statements_naming_a_split(tmp_path, monkeypatch):
    """DATA050 generates the arguments' code of a call it can record only when the statement's lines
    name an evaluation split somewhere (`test`, `val`, `dev`, ...): not for `encode(batch, width)`."""
    from hygiene.context import FileContext

    text = textwrap.dedent('''
        from helpers import encode, make_loader

        def run(batch, width, test_items):
            codes = encode(batch, width)
            loader = make_loader(
                test_items, 8)
            return codes, loader
    ''')
    (tmp_path / "lib.py").write_text(text)
    config = Config(root=tmp_path)
    sources = list(discover(config, None))
    asked: list[str] = []
    original = FileContext.code

    def counting(self, node):  # type: ignore[no-untyped-def]
        code = original(self, node)
        asked.append(code)
        return code

    monkeypatch.setattr(FileContext, "code", counting)
    rules = [r for r in enabled_rules(config) if r.code == "DATA050"]
    result = check_file(sources[0], config, rules, package_dirs(sources))
    assert not result.diagnostics
    assert "batch" not in asked and "width" not in asked  # a statement naming no split
    assert "test_items" in asked  # a later line of a statement that names one


def test_return_values_that_are_no_call_scan_no_scope(tmp_path, monkeypatch):
    """EVAL006 asked `kind_of` about every returned value, which numbered every node of the
    function (`predictions._Scope`) although only a returned call can have a kind there."""
    from hygiene.analysis import predictions

    text = PLAIN + textwrap.dedent('''
        def best(scores, labels):
            top = scores.argmax(-1)
            hits = (top == labels).float()
            return hits
    ''')
    (tmp_path / "lib.py").write_text(text)
    config = Config(root=tmp_path)
    sources = list(discover(config, None))
    built: list[object] = []
    original = predictions._Scope.__init__

    def counting(self, ctx, root):  # type: ignore[no-untyped-def]
        built.append(root)
        original(self, ctx, root)

    monkeypatch.setattr(predictions._Scope, "__init__", counting)
    rules = [r for r in enabled_rules(config) if r.code == "EVAL006"]
    result = check_file(sources[0], config, rules, package_dirs(sources))
    assert not result.diagnostics and not result.findings
    assert built == []


def test_each_trigger_is_searched_for_once_per_file(tmp_path, monkeypatch):
    """Rules name the same triggers (`{`, `import`, ` if `): each is looked for in the file's text
    once, not once per rule (the search of a 600-line file for an absent one is a full scan)."""
    from hygiene import runner
    from hygiene.runner import FileResult

    searched: list[str] = []

    class Text(str):
        def __contains__(self, part):  # type: ignore[override]
            searched.append(part)
            return str.__contains__(self, part)

    (tmp_path / "lib.py").write_text(PLAIN)
    config = Config(root=tmp_path)
    rules = enabled_rules(config)
    sources = list(discover(config, None))
    triggers = [t for r in rules for t in r.triggers]
    assert len(triggers) > len(set(triggers))  # shared triggers: the case this is about
    before_walk: list[str] = []
    walk = runner.walk

    def walking(*args):  # type: ignore[no-untyped-def]
        before_walk.extend(searched)  # the rules' applicability is decided before the walk
        return walk(*args)

    monkeypatch.setattr(runner, "walk", walking)
    result = FileResult(sources[0].path, sources[0].kind, "")
    runner._check_code(sources[0], Text(PLAIN), config, rules, package_dirs(sources), result)
    assert not result.diagnostics
    counts = {t: before_walk.count(t) for t in set(triggers)}
    assert max(counts.values()) == 1


def _count_module_function(monkeypatch, rule: type, name: str) -> list[object]:  # type: ignore[no-untyped-def]
    """Count the calls of the function `name` of `rule`'s module."""
    import sys

    module = sys.modules[rule.__module__]
    calls: list[object] = []
    original = getattr(module, name)

    def counting(*args):  # type: ignore[no-untyped-def]
        calls.append(args)
        return original(*args)

    monkeypatch.setattr(module, name, counting)
    return calls


def _check_with(tmp_path, text: str, code: str, monkeypatch, name: str) -> list[object]:  # type: ignore[no-untyped-def]
    (tmp_path / "lib.py").write_text(text)
    config = Config(root=tmp_path)
    rules = [r for r in enabled_rules(config) if r.code == code]
    calls = _count_module_function(monkeypatch, rules[0], name)
    sources = list(discover(config, None))
    result = check_file(sources[0], config, rules, package_dirs(sources))
    assert not result.diagnostics and not result.findings
    return calls


NESTED_CALLS = textwrap.dedent('''
    import os


    def load(root, name):
        path = os.path.join(root, name)
        size = len(str(path))
        label = "{}:{}".format(name, size)
        rows = sorted(set(open(path).read().split()))
        print(len(rows), label)
        return rows
''')


def test_hardcoded_path_rule_looks_at_parents_only_of_parameters(tmp_path, monkeypatch):
    """DATA041 asked whether every name of every file is used only for its folder (`p.parent`,
    `dirname(p)`) before asking whether it is a parameter at all."""
    (tmp_path / "lib.py").write_text(NESTED_CALLS.replace("def load(root, name)", "def load(root_dir, name_of)"))
    config = Config(root=tmp_path)
    rule = next(r for r in enabled_rules(config) if r.code == "DATA041")
    asked: list[object] = []
    original = rule._folder_only
    monkeypatch.setattr(rule, "_folder_only", lambda self: asked.append(1) or original(self))
    sources = list(discover(config, None))
    result = check_file(sources[0], config, [rule], package_dirs(sources))
    assert not result.diagnostics and not result.findings
    assert asked == []


def test_stop_reason_rule_looks_at_parents_only_of_reply_names(tmp_path, monkeypatch):
    """DATA020 looked at the parents of every name (is it compared, or passed to a scorer?) before
    asking whether the name holds a model's reply at all."""
    text = NESTED_CALLS.replace("open(path)", "open(path + '.jsonl')")  # (a trigger of the rule)
    assert _check_with(tmp_path, text, "DATA020", monkeypatch, "_compares_value") == []


def test_bypassed_prompt_rule_reads_variables_only_of_built_values(tmp_path, monkeypatch):
    """PROMPT006 listed the variables of every assigned value inside functions; it reads them only
    for text built there or a call's result."""
    text = textwrap.dedent('''
        def pick(xs, i):
            first = xs[0]
            total = first + i
            flag = total > 3 and not xs
            return flag
    ''')
    assert _check_with(tmp_path, text, "PROMPT006", monkeypatch, "_variables") == []


def test_eval_set_rule_walks_a_value_only_under_a_split_name(tmp_path, monkeypatch):
    """EVAL024 walked every assigned value (`_reads_data`) before asking whether the assigned name
    says it holds one split's data (`test_rows`, `train_x`), which most names do not."""
    text = textwrap.dedent('''
        def pieces(ds, n, transform):
            head = ds[:n]
            tail = transform(ds[n:])
            total = len(head) + len(tail)
            return head, tail, total
    ''')
    assert _check_with(tmp_path, text, "EVAL024", monkeypatch, "_reads_data") == []


def test_metric_direction_rule_reads_a_metric_name_only_beside_one_direction(tmp_path, monkeypatch):
    """EVAL008 resolved the metric each call's `name=` keyword names (a constant of the module, a
    literal) before asking whether the call also declares a direction (`mode=`, `greater_is_better=`)."""
    text = textwrap.dedent('''
        # the registry keeps no mode: layers by name
        MODE = "train"


        def register(table, layer):
            table.add(name="encoder", module=layer)
            table.add(name=MODE, module=layer)
            return table
    ''')
    (tmp_path / "lib.py").write_text(text)
    config = Config(root=tmp_path)
    rule = next(r for r in enabled_rules(config) if r.code == "EVAL008")
    asked: list[object] = []
    original = rule._metric_name
    monkeypatch.setattr(rule, "_metric_name", lambda self, value: asked.append(value) or original(self, value))
    sources = list(discover(config, None))
    result = check_file(sources[0], config, [rule], package_dirs(sources))
    assert not result.diagnostics and not result.findings
    assert asked == []


NESTED_OPTIONS = textwrap.dedent('''
    HEADER = f"A. {doc['choice_a']}\\nB. {doc['choice_a']}"


    def deco(x):
        return x


    @deco(f"A. {row['option_a']} B. {row['option_a']}")
    def outer(doc, s=f"C. {doc['choice_c']} D. {doc['choice_c']}"):
        q = f"A. {doc['choice_a']}\\n"

        def inner(doc):
            return f"B. {doc['choice_a']}\\nB. {doc['choice_b']}"

        class K:
            def m(self, doc):
                return "(C) " + doc["option_a"] + "(A) " + doc["option_a"]
        return q + inner(doc)


    class Top:
        x = f"A: {item.answerA} B: {item.answerA}"

        def render(self, item):
            def deeper(item2, t=f"E) {item2.answerA}"):
                return f"A: {item2.answerA}"
            return f"A: {item.answerA}\\nC: {item.answerA}"


    text = "(A) " + row["option_a"]
''')


def test_prompt011_scopes_from_one_walk(tmp_path, monkeypatch):
    """PROMPT011 collects the options of the script and of every function in one walk of the file
    (it walked each function's body, nested functions again, and the module three times: 9% of
    the file phase on nested code). A function's scope holds its nested functions' options, not
    its decorators' or defaults'; the script's holds none inside a function; each finding keeps
    the scope it is in (the findings below are the ones of the walk per function)."""
    from hygiene import walk as walk_module

    (tmp_path / "lib.py").write_text(NESTED_OPTIONS)
    config = Config(root=tmp_path)
    sources = list(discover(config, None))
    walked: list[object] = []
    original = walk_module.iter_nodes

    def counting(root):  # type: ignore[no-untyped-def]
        walked.append(root)
        return original(root)

    rules = [r for r in enabled_rules(config) if r.code == "PROMPT011"]
    monkeypatch.setattr(sys.modules[rules[0].__module__], "iter_nodes", counting)
    result = check_file(sources[0], config, rules, package_dirs(sources))
    found = [(f.line, f.context, f.message.split(" of the prompt is filled from ")[0]) for f in result.findings]
    assert found == [(2, "", "option B"), (14, "outer", "option B"), (14, "outer.inner", "option B"),
                     (18, "outer.K.m", "option C"), (26, "Top.render", "option E")]
    assert not any(isinstance(root, (cst.Module, cst.FunctionDef, cst.IndentedBlock)) for root in walked)


def test_leak009_walks_no_scope_of_a_file_naming_no_span(tmp_path, monkeypatch):
    """LEAK009's windows come from a sum naming the input span and the span to predict: a file
    whose text names neither (nor one of the two) is not walked again per function."""
    (tmp_path / "lib.py").write_text(PLAIN)
    config = Config(root=tmp_path)
    sources = list(discover(config, None))
    checked: list[object] = []
    rules = [r for r in enabled_rules(config) if r.code == "LEAK009"]
    monkeypatch.setattr(rules[0], "_check", lambda self, scope, spans: checked.append(scope))
    check_file(sources[0], config, rules, package_dirs(sources))
    assert checked == []
    (tmp_path / "lib.py").write_text(PLAIN + "\nwindow = seq_len + pred_len\n")
    sources = list(discover(config, None))
    check_file(sources[0], config, rules, package_dirs(sources))
    assert checked


def test_data058_walks_no_scope_of_a_file_calling_no_parser(tmp_path, monkeypatch):
    """DATA058 needs an answer parsed by a call named for parsing (`parse`, `extract_boxed`,
    `normalize`): a file whose text names no such call is not walked again per function."""
    (tmp_path / "lib.py").write_text(PLAIN + "\nfull = 1.0\n")  # the rule's trigger, no parse call
    config = Config(root=tmp_path)
    sources = list(discover(config, None))
    checked: list[object] = []
    rules = [r for r in enabled_rules(config) if r.code == "DATA058"]
    monkeypatch.setattr(rules[0], "_check", lambda self, scope, function: checked.append(scope))
    check_file(sources[0], config, rules, package_dirs(sources))
    assert checked == []
    (tmp_path / "lib.py").write_text(PLAIN + "\nanswer = extract_answer(completion)\nfull = 1.0\n")
    sources = list(discover(config, None))
    check_file(sources[0], config, rules, package_dirs(sources))
    assert checked


ARGMAX_FILE = textwrap.dedent('''
    import torch

    def score(model, x, y):
        logits = model(x)
        loss = torch.nn.functional.cross_entropy(logits, y)
        scale = loss.detach() * 2
        acc = (
            logits.argmax(1) == y  # the one statement that says argmax
        ).float().mean()
        return loss, scale, acc
''')


def test_randomness_generates_value_code_only_for_statements_saying_argmax(tmp_path, monkeypatch):
    """The randomness extractor looks for `(p.argmax(1) == y).mean()` in the code of assigned values:
    in a file that says argmax, only a statement whose own lines say it has its value's code
    generated (a multi-line statement's later lines count)."""
    from hygiene.analysis import program_shapes

    calls = _count_module_function(monkeypatch, program_shapes.assigns_counted_matches, "counts_matches")
    (tmp_path / "lib.py").write_text(ARGMAX_FILE)
    config = Config(root=tmp_path)
    sources = list(discover(config, None))
    result = check_file(sources[0], config, [], package_dirs(sources))
    assert not result.diagnostics
    assert len(calls) == 1 and "argmax" in cst.Module([]).code_for_node(calls[0][1])


def test_statement_source_reads_the_statement_lines(tmp_path):
    module = cst.parse_module(ARGMAX_FILE)
    ctx = FileContext("lib.py", "python", ARGMAX_FILE, Config(root=tmp_path), module, None, None)
    function = module.body[1]
    assigns = [s.body[0] for s in function.body.body if isinstance(s, cst.SimpleStatementLine)]
    said = {ctx.code(a.targets[0].target): "argmax" in ctx.statement_source(a) for a in assigns if isinstance(a, cst.Assign)}
    assert said == {"logits": False, "loss": False, "scale": False, "acc": True}
    assert ctx.statement_source(assigns[0]) == "    logits = model(x)"
    assert ctx.statement_source(function).count("\n") == 7  # a compound statement: all its lines
