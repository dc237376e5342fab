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


def test_a_value_built_from_another_keeps_it_for_the_rules_that_use_either(tmp_path):
    """SEED002..SEED005 read the grouped draws, built from the programs, which SEED006 reads
    directly: the programs are built once (issue 12)."""
    repo = RepoContext(tmp_path, load(tmp_path), [], {})
    base = Held()
    built: list[str] = []
    repo.shared("groups", lambda: built.append("groups") or [repo.shared("base", lambda: built.append("base") or base)])
    repo.forget_unused()
    repo.shared("groups", lambda: Held())  # the next rule reads only the value built from `base`
    repo.forget_unused()
    assert repo.shared("base", lambda: Held()) is base and built == ["groups", "base"] and not base.released


def test_a_kept_value_outlives_rules_that_do_not_use_it(tmp_path):
    repo = RepoContext(tmp_path, load(tmp_path), [], {})
    kept = Held()
    repo.shared("graph", lambda: kept, keep=True)
    repo.forget_unused()
    repo.forget_unused()  # a rule that did not use it
    assert repo.shared("graph", lambda: Held()) is kept and not kept.released
