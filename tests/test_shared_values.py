"""Shared repo-wide values are dropped when the next rule does not use them, and released then."""
from hygiene.analysis.dataflow.graph import Graph
from hygiene.analysis.dataflow.program import Program
from hygiene.config import load
from hygiene.context import RepoContext


class Held:
    def __init__(self):
        self.released = 0

    def release(self):
        self.released += 1


def test_a_value_the_rule_did_not_use_is_dropped_and_released(tmp_path):
    repo = RepoContext(tmp_path, load(tmp_path), [], {})
    kept, dropped = Held(), Held()
    repo.shared("kept", lambda: kept)
    repo.shared("dropped", lambda: dropped)
    repo.forget_unused()  # both were used by this rule: both stay
    assert (kept.released, dropped.released) == (0, 0)
    repo.shared("kept", lambda: Held())
    repo.forget_unused()
    assert (kept.released, dropped.released) == (0, 1)
    again = repo.shared("dropped", lambda: Held())
    assert again is not dropped  # computed anew for a later rule that needs it


def test_a_released_program_holds_no_decoded_graph():
    prog = Program([Graph(path="a.py", module="a")])
    prog.graph(0)
    assert prog._decoded
    prog.release()
    assert not prog._decoded and all(g is None for g in prog._run)
