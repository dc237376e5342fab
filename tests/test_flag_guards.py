"""hygiene.analysis.flag_guards: a draw behind an opt-in flag counts only when some caller sets the flag,
by keyword, by position, through `**kwargs` or through a subclass's `super().__init__`."""
from __future__ import annotations

import textwrap
from pathlib import Path

import libcst as cst
import pytest

from hygiene.analysis.flag_guards import FACT, FlagGuardExtractor
from hygiene.analysis.names import NameResolver
from hygiene.context import FileContext
from hygiene.walk import Dispatch, walk

from hygiene.config import Config
from hygiene.runner import scan

LIBRARY = """
import random

class Pool:
    def __init__(self, items, shuffle=False):
        self.items = list(items)
        if shuffle:
            random.shuffle(self.items)
"""


def _seed001(root: Path, run: str, extra: str = "") -> list[tuple[str, int | None]]:
    (root / "pool.py").write_text(textwrap.dedent(LIBRARY).lstrip() + textwrap.dedent(extra))
    (root / "run.py").write_text(textwrap.dedent(run).lstrip())
    result = scan(Config(root=root), jobs=1, use_cache=False)
    return [(f.path, f.line) for f in result.findings if f.rule == "SEED001"]


@pytest.mark.parametrize("call, reported", [
    ("Pool(['a', 'b'])", False),
    ("Pool(['a', 'b'], shuffle=False)", False),
    ("Pool(['a', 'b'], shuffle=True)", True),
    ("Pool(['a', 'b'], True)", True),
    ("Pool(['a', 'b'], **options)", True),
])
def test_a_flag_no_caller_sets_hides_the_draw(tmp_path: Path, call: str, reported: bool) -> None:
    run = f"""
    from pool import Pool

    if __name__ == "__main__":
        print(accuracy({call}.items))
    """
    assert bool(_seed001(tmp_path, run)) is reported


def _facts(source: str) -> dict:
    text = textwrap.dedent(source)
    module = cst.parse_module(text)
    resolver = NameResolver(module, "pool")
    ctx = FileContext("pool.py", "python", text, Config(), module, resolver)
    extractor = FlagGuardExtractor(ctx)
    walk(module, Dispatch([resolver, extractor]), ctx.parents)
    extractor.finish()
    return ctx.facts[FACT]


def test_the_guard_and_the_calls_that_could_set_it_are_recorded() -> None:
    facts = _facts(LIBRARY + """

class ShuffledPool(Pool):
    def __init__(self, items):
        super().__init__(items, shuffle=True)

class Quiet(Pool):
    def __init__(self, items):
        Pool.__init__(self, items)
""")
    assert facts["guards"] == [{"callee": "Pool", "param": "shuffle", "index": 1, "default": "f", "on": "t",
                                "start": 7, "end": 8}]  # `if shuffle:` and its body
    # super() sets it (a truthy literal); `Pool.__init__(self, items)` passes only `items`
    assert facts["calls"]["Pool"] == [["?", {"shuffle": "t"}, 0], ["?", {}, 0]]


def test_an_else_branch_and_a_stored_constructor_flag_are_guards() -> None:
    facts = _facts("""
import random

def load(rows, deterministic=False):
    if deterministic:
        order = rows
    else:
        order = random.sample(rows, len(rows))
    return order

class Images:
    def __init__(self, files, multiscale=True):
        self.multiscale = multiscale
        self.size = 416

    def collate(self, batch):
        if self.multiscale and len(batch) > 1:
            self.size = random.choice([320, 416])
        return batch
""")
    assert [(g["callee"], g["param"], g["on"], g["default"], g["start"], g["end"]) for g in facts["guards"]] == [
        ("load", "deterministic", "t", "f", 5, 6), ("load", "deterministic", "f", "f", 7, 8),
        ("Images", "multiscale", "t", "t", 17, 18)]


def test_a_reassigned_flag_is_not_a_guard() -> None:
    facts = _facts("""
import random

def load(rows, shuffle=None):
    shuffle = shuffle or DEFAULT
    if shuffle:
        random.shuffle(rows)
""")
    assert "guards" not in facts


PROGRAMS = {
    "data.py": """
        import random

        class Images:
            def __init__(self, files, multiscale=True):
                self.files = files
                self.multiscale = multiscale

            def __getitem__(self, i):
                if self.multiscale:
                    return resize(self.files[i], random.choice([320, 416]))
                return self.files[i]

        def load_data(files, deterministic=False):
            if deterministic:
                return list(files)
            else:
                return random.sample(files, len(files))
    """,
    "test.py": """
        from data import Images, load_data

        if __name__ == "__main__":
            ds = Images(load_data(files(), deterministic=True), multiscale=False)
            print(accuracy(model, ds))
    """,
}


@pytest.mark.parametrize("train, reported", [
    (None, []),  # the only program switches both blocks off
    ("""
        import random
        from data import Images, load_data

        if __name__ == "__main__":
            random.seed(0)
            print(accuracy(fit(Images(load_data(files())))))
    """, []),  # the program that switches them on seeds
    ("""
        from data import Images, load_data

        if __name__ == "__main__":
            print(accuracy(fit(Images(load_data(files())))))
    """, [("data.py", 10)]),  # near miss: a program that switches them on and seeds nothing
])
def test_a_program_whose_calls_switch_a_flag_off_does_not_run_its_draws(tmp_path: Path, train: str | None,
                                                                          reported: list) -> None:
    for name, text in PROGRAMS.items():
        (tmp_path / name).write_text(textwrap.dedent(text).lstrip())
    if train:
        (tmp_path / "train.py").write_text(textwrap.dedent(train).lstrip())
    result = scan(Config(root=tmp_path), jobs=1, use_cache=False)
    assert [(f.path, f.line) for f in result.findings if f.rule == "SEED001"] == reported


FEATURES = """
import torch

class Features(torch.nn.Module):
    def __init__(self, d, k, proj=None):
        super().__init__()
        if proj is None:
            proj = torch.randn(d, k) / d ** 0.5
        self.proj = proj

    def forward(self, x):
        return torch.relu(x @ self.proj)
"""


@pytest.mark.parametrize("call, reported", [
    ("Features(8, 4, proj=fixed)", False),  # every caller fills the default: the fallback draw never runs
    ("Features(8, 4, fixed)", False),
    ("Features(**settings)", False),  # `settings` is a dict of the file that names `proj`
    ("Features(8, 4)", True),  # near miss: a caller leaves it to the fallback
    ("Features(8, 4, proj=None)", True),
    ("Features(**options)", True),  # near miss: nothing in the file names `proj`
])
def test_a_fallback_under_is_none_that_every_caller_fills_is_not_run(tmp_path: Path, call: str,
                                                                      reported: bool) -> None:
    """Held-out set 31: `if W is None: W = torch.randn(...)` in a constructor both programs call with `W`."""
    (tmp_path / "feats.py").write_text(textwrap.dedent(FEATURES).lstrip())
    settings = '{"d": 8, "k": 4, "proj": fixed}' if "settings" in call else "{}"
    (tmp_path / "run.py").write_text(textwrap.dedent(f"""
        import torch
        from sklearn.metrics import accuracy_score
        from feats import Features

        if __name__ == "__main__":
            fixed = read_projection()
            settings = {settings}
            options = load_options()
            net = {call}
            x, y = read_split("test")
            print("test accuracy", accuracy_score(y, net(x).argmax(1)))
    """).lstrip())
    result = scan(Config(root=tmp_path), jobs=1, use_cache=False)
    assert bool([f for f in result.findings if f.rule == "SEED003" and not f.extra.get("ask")]) is reported


BENCH = """
import argparse
from random import shuffle

from sklearn.metrics import accuracy_score


def run(args):
    order = sorted(load_tasks())
    if args.random_order:
        shuffle(order)
    return [accuracy_score(*evaluate(t)) for t in order]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--random_order", dest="random_order", default=False, action="store_true")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print(run(args))
"""


@pytest.mark.parametrize("script, reported", [
    ("python bench.py --repeat 10\npython bench.py --repeat 10 --lr 0.1\n", False),  # no script opts in
    ("python bench.py --repeat 10\npython bench.py --repeat 10 --random_order\n", True),  # near miss: one does
    ("python bench.py --random-order\n", True),
    ('FLAGS="--random_order"\npython bench.py --repeat 10 $FLAGS\n', True),  # near miss: passed through a variable
    (None, True),  # near miss: no run scripts say how the program is run
])
def test_a_draw_under_an_opt_in_option_no_run_script_passes_is_not_run(tmp_path: Path, script: str | None,
                                                                        reported: bool) -> None:
    """Held-out set 31 (a continual-learning benchmark): `if args.rand_split_order: shuffle(...)`, and none of
    the nine run scripts passes `--rand_split_order`."""
    from hygiene.testing import git
    (tmp_path / "bench.py").write_text(textwrap.dedent(BENCH).lstrip())
    if script:
        (tmp_path / "run_all.sh").write_text(script)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "code", date="2025-01-01T12:00:00")
    result = scan(Config(root=tmp_path), jobs=1, use_cache=False)
    assert bool([f for f in result.findings if f.rule == "SEED001" and not f.extra.get("ask")]) is reported
