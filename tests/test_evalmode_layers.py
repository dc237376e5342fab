"""`evalmode.layers.LayerReads` (the walk's answer) equals `evalmode.words.unread_layers` (a walk of
each class again) for every class: issue 12 moved the second into the first."""
from __future__ import annotations

import textwrap
from pathlib import Path
from types import SimpleNamespace

import libcst as cst

from hygiene.analysis.evalmode.layers import LayerReads
from hygiene.analysis.evalmode.words import unread_layers
from hygiene.walk import Dispatch, iter_nodes, walk

SAMPLE = textwrap.dedent('''
    import torch.nn as nn

    @register(nn.Identity())
    class FNO(nn.Module):
        def __init__(self, width):
            super().__init__()
            self.conv = nn.Conv1d(width, width, 1)
            self.bn0 = nn.BatchNorm1d(width)
            self.bn1 = nn.BatchNorm1d(width)
            self.drop = nn.Dropout(0.1)

            class Inner(nn.Module):
                def __init__(self):
                    self.norm = nn.LayerNorm(4)
                    self.used = nn.Linear(4, 4)

                def forward(self, x):
                    return self.used(x)

        def forward(self, x):
            return self.drop(self.conv(x))


    class Listed(nn.Module):
        def __init__(self):
            self.bn = nn.BatchNorm1d(3)

        def forward(self, x):
            for m in self.children():
                x = m(x)
            return x


    class Plain:
        def __init__(self):
            self.bn = nn.BatchNorm1d(3)
''')


class _Recorder:
    """What the collector does for `LayerReads`: records each class, with its bases, before it."""

    def __init__(self) -> None:
        self.classes: list[SimpleNamespace] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(SimpleNamespace(node=node, bases=[b for b in node.bases], unread=set()))


def _compare(module: cst.Module) -> int:
    recorder = _Recorder()
    walk(module, Dispatch([recorder, LayerReads(recorder.classes)]), [])
    for info in recorder.classes:
        assert info.unread == (unread_layers(info.node) if info.bases else set()), info.node.name.value
    return sum(bool(info.unread) for info in recorder.classes)


def test_the_walk_gives_each_class_what_a_walk_of_the_class_gives():
    module = cst.parse_module(SAMPLE)
    assert _compare(module) == 2  # FNO (its batch norms; Inner's layer norm is inside it too) and Inner
    recorder = _Recorder()
    walk(module, Dispatch([recorder, LayerReads(recorder.classes)]), [])
    assert [sorted(c.unread) for c in recorder.classes] == [["BatchNorm1d", "LayerNorm"], ["LayerNorm"], [], []]
    assert sum(isinstance(n, cst.ClassDef) for n in iter_nodes(module)) == 4


def test_the_same_on_every_class_of_this_repository():
    root = Path(__file__).resolve().parents[1]
    for path in sorted((root / "hygiene").rglob("*.py"))[:200]:
        _compare(cst.parse_module(path.read_text()))
