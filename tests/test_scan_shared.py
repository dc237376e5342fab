"""The file phase's shared answers (issue 12): a scope's nodes walked once per file for every rule
that reads them, and case-insensitive text searches over the file's text lowered once. Each must
give exactly what the rule computed on its own."""
from __future__ import annotations

import re
import textwrap

import libcst as cst
import pytest

from hygiene import walk as walk_module
from hygiene.analysis.textsearch import found_in_text
from hygiene.walk import iter_nodes, remember_scopes, scope_nodes, walk_scope

CODE = textwrap.dedent('''
    import torch

    def outer(xs, flag=False):
        total = 0
        for x in xs:
            total += x / len(xs)
            def inner(y):
                z = y + 1
                return z
            flag = inner(x) > 0
        class K:
            w = 2
        return [v for v in xs if v], lambda q: q * 2, total
''')


def _scopes(module: cst.Module) -> list[cst.CSTNode]:
    return [n for n in iter_nodes(module) if isinstance(n, (cst.Module, cst.FunctionDef, cst.IndentedBlock, cst.For))]


@pytest.mark.parametrize("memo", [False, True])
def test_scope_answers_are_the_walks(memo: bool) -> None:
    module = cst.parse_module(CODE)
    remember_scopes(memo)
    try:
        for scope in _scopes(module):
            plain = list(walk_module._walk_scope(scope))
            assert list(walk_scope(scope)) == plain
            assert list(walk_scope(scope)) == plain  # asked again: the same nodes, in the same order
            for kinds in ((cst.Assign,), (cst.For, cst.While), (cst.BinaryOperation, cst.Assign, cst.AugAssign)):
                assert scope_nodes(scope, kinds) == [n for n in plain if isinstance(n, kinds)]
    finally:
        remember_scopes(False)


def test_scope_memo_lives_for_one_file_only(tmp_path) -> None:
    from hygiene.config import Config
    from hygiene.discovery import discover, package_dirs
    from hygiene.runner import check_file, enabled_rules

    (tmp_path / "lib.py").write_text(CODE)
    config = Config(root=tmp_path)
    sources = list(discover(config, None))
    check_file(sources[0], config, enabled_rules(config), package_dirs(sources))
    assert walk_module._scope_memo is None  # no tree held after the file's check


class _Ctx:
    def __init__(self, text: str) -> None:
        self.text = text
        self.memo: dict = {}


PATTERNS = [
    re.compile(r"(?i)lookback|seq_len|n_lags?|hist"),
    re.compile(r"(?i)normali[sz]e|^def\s+\w*prompt", re.M),
    re.compile(r"past|Future", re.I),
    re.compile(r"(?i)\bacc\b|f1"),
]
TEXTS = ["", "x = LOOKBACK + 1", "N_LAG = 3", "NormaliZe(x)", "HİST = 1", "hıst", "ſeq_len", "\u212axyz ha",
         "def build_Prompt():", "  def promptx", "FUTURE", "ACC = 1", "accuracy", "éF1", "ǅ past"]


@pytest.mark.parametrize("text", TEXTS)
def test_found_in_text_is_the_case_insensitive_search(text: str) -> None:
    for pattern in PATTERNS:
        assert found_in_text(_Ctx(text), pattern) == bool(pattern.search(text)), (pattern, text)


def test_every_character_that_folds_onto_ascii() -> None:
    """Only the four characters `re` folds onto an ASCII letter can differ from `lower()`; the
    three that do are searched with the pattern itself."""
    pattern = re.compile(r"(?i)abcdefghijklmnopqrstuvwxyz|[a-z]x")
    for code in list(range(0x80, 0x2000)) + [0x212A, 0x212B, 0xFB00, 0xFB05]:
        c = chr(code)
        for text in (c + "x", "a" + c + "x", c * 3):
            assert found_in_text(_Ctx(text), pattern) == bool(pattern.search(text)), hex(code)


def _reference_iter_nodes(root):  # the generator-per-node walk these replace, kept as the reference
    from hygiene.walk import iter_children

    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(list(iter_children(node))))


def _reference_walk_scope(root):
    from hygiene.walk import iter_children

    stack = list(reversed(list(iter_children(root))))
    while stack:
        node = stack.pop()
        yield node
        if node.__class__ not in (cst.FunctionDef, cst.ClassDef, cst.Lambda):
            stack.extend(reversed(list(iter_children(node))))


def test_walks_give_the_reference_order_on_hygiene_itself() -> None:
    """`iter_nodes` and `walk_scope` push children through the walk's field tables: the same nodes
    in the same order as the generator-per-node walk, from every node of hygiene's own sources."""
    from pathlib import Path

    import hygiene

    for path in sorted(Path(hygiene.__file__).parent.rglob("*.py"))[:60]:
        module = cst.parse_module(path.read_text(encoding="utf-8"))
        everything = list(iter_nodes(module))
        assert everything == list(_reference_iter_nodes(module))
        for node in everything:
            if isinstance(node, (cst.Module, cst.FunctionDef, cst.ClassDef, cst.IndentedBlock, cst.If, cst.For, cst.Call)):
                assert list(walk_module._walk_scope(node)) == list(_reference_walk_scope(node))
                assert list(iter_nodes(node)) == list(_reference_iter_nodes(node))


def test_code_of_a_token_is_what_libcst_generates() -> None:
    from hygiene.config import Config
    from hygiene.context import _TOKENS, FileContext

    source = "x = (y) + 1 + (2.5) + 3j + 'a' + b'\\x00' + ((z)) + f(w)[0] + u\"q\"\n"
    module = cst.parse_module(source)
    ctx = FileContext("a.py", "python", source, Config(root=__import__("pathlib").Path(".")), module)
    seen = 0
    for node in iter_nodes(module):
        if node.__class__ in _TOKENS:
            seen += 1
            assert ctx.code(node) == module.code_for_node(node)
    assert seen >= 10
