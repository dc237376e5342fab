"""One habit, one finding: the same code of one rule repeated in one file is folded into the first."""
from __future__ import annotations

from hygiene.finding import Finding, Severity
from hygiene.grouping import group_findings


def _finding(line: int, snippet: str, path: str = "house.ipynb", rule: str = "EVAL003", ask: bool = False) -> Finding:
    return Finding(rule=rule, category="EVAL-ARGS", severity=Severity.WARNING, message=f"swapped at {line}",
                   path=path, line=line, snippet=snippet, extra={"ask": "why"} if ask else {})


def test_the_same_swap_for_five_models_is_one_finding():
    found = [_finding(93, "r2_score(y_train_pred, y_train)")] + \
        [_finding(100 + 10 * i, f"r2_score(y_train_pred{i}, y_train)") for i in range(1, 5)]
    out = group_findings(found, [])
    assert len(out) == 1
    assert out[0].line == 93
    assert "4 more times in this file" in out[0].message
    assert sorted(r.line for r in out[0].related) == [110, 120, 130, 140]
    assert len(out[0].extra["folded"]) == 4


def test_prefixed_names_are_the_same_habit():
    found = [_finding(96, "metrics.confusion_matrix(y_pred, y_test, [1,0])"),
             _finding(104, "metrics.confusion_matrix(svc_y_pred, y_test, [1,0])")]
    assert len(group_findings(found, [])) == 1


def test_other_code_other_files_other_rules_and_questions_stay_apart():
    found = [_finding(10, "r2_score(y_train_pred, y_train)"),
             _finding(20, "r2_score(y_train, y_train_pred)"),  # another order: another decision
             _finding(30, "r2_score(y_train_pred, y_train)", path="other.ipynb"),
             _finding(40, "r2_score(y_train_pred, y_train)", rule="EVAL020"),
             _finding(50, "r2_score(y_train_pred, y_train)", ask=True)]
    assert len(group_findings(found, [])) == 5


def _seed(line: int, rule: str, message: str, path: str = "main.py", **extra) -> Finding:
    return Finding(rule=rule, category="SEED-UNSEEDED", severity=Severity.WARNING, message=message,
                   path=path, line=line, snippet=f"draw_{line}()", extra=dict(extra))


def test_unseeded_generators_of_one_file_are_one_seeding_decision():
    found = [_seed(108, "SEED001", "`random.sample(memory, 32)` is unseeded"),
             _seed(130, "SEED010", "`env = gym.make(...)` is never seeded"),
             _seed(12, "SEED001", "another file's draw", path="other.py")]
    out = group_findings(found, [])
    assert [(f.path, f.line) for f in out] == [("main.py", 108), ("other.py", 12)]
    assert "also unseeded in this file: `env = gym.make(...)` is never seeded" in out[0].message
    assert [r.line for r in out[0].related] == [130]


def test_program_groups_and_questions_are_not_folded_into_a_file_decision():
    found = [_seed(5, "SEED010", "env unseeded"),
             _seed(9, "SEED002", "numpy draw", group="program:train.py"),
             _seed(20, "SEED003", "torch draw", ask="a demo")]
    assert len(group_findings(found, [])) == 3


def test_the_same_call_on_another_model_is_the_same_habit():
    # A notebook that scores hard labels for its logistic regression and then its forest: one fix.
    found = [_finding(121, "roc_auc_score(y_test, logreg.predict(X_test))", rule="EVAL004"),
             _finding(124, "roc_auc_score(y_test, rf.predict(X_test))", rule="EVAL004")]
    out = group_findings(found, [])
    assert [f.line for f in out] == [121]
    assert [r.line for r in out[0].related] == [124]


def test_another_method_or_other_data_is_another_habit():
    found = [_finding(10, "roc_auc_score(y_test, rf.predict(X_test))", rule="EVAL004"),
             _finding(20, "roc_auc_score(y_test, rf.decision_path(X_test))", rule="EVAL004"),
             _finding(30, "roc_auc_score(y_train, rf.predict(X_train))", rule="EVAL004")]
    assert len(group_findings(found, [])) == 3


def test_the_same_mistake_on_the_validation_and_the_test_split_is_one_habit():
    found = [_finding(254, "roc_curve(y_val, clf.predict(x_val_encoded))", rule="EVAL004"),
             _finding(273, "roc_curve(y_test, clf.predict(x_test_encoded))", rule="EVAL004")]
    assert [f.line for f in group_findings(found, [])] == [254]
