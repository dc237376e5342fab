"""Copies of one script give one finding (hygiene.analysis.copies)."""
from __future__ import annotations

from hygiene.analysis.copies import COPY_NOTE, one_report_per_copy, one_report_per_export
from hygiene.finding import Finding, Severity


def finding(path: str, line: int, snippet: str = "", message: str = "m", context: str = "main") -> Finding:
    return Finding("LEAK003", "LEAK-SELECT", Severity.ERROR, message, path, line, snippet=snippet, context=context)


def test_the_same_code_in_copies_of_one_script_is_one_finding() -> None:
    found = one_report_per_copy([finding("clone/train.py", 12, "best = max(accs)"),
                                 finding("defect/train.py", 14, "best = max(accs)"),
                                 finding("complex/train.py", 13, "best = max(accs)")])
    assert [(f.path, f.line) for f in found] == [("clone/train.py", 12)]
    assert {r.path for r in found[0].related} == {"complex/train.py", "defect/train.py"}


def test_repo_findings_match_by_message_without_their_own_path() -> None:
    found = one_report_per_copy([finding("a/train.py", 6, message="chosen at a/train.py:6 by `ds[\"test\"]`"),
                                 finding("b/train.py", 7, message="chosen at b/train.py:7 by `ds[\"test\"]`")])
    assert [f.path for f in found] == ["a/train.py"]


def test_near_misses_stay_apart() -> None:
    kept = [finding("clone/train.py", 12, "best = max(accs)"),
            finding("clone/eval.py", 12, "best = max(accs)"),             # another file name
            finding("defect/train.py", 12, "best = max(val_accs)"),       # other code
            finding("complex/train.py", 12, "best = max(accs)", context="sweep"),  # another function
            finding("clone/train.py", 30, "best = max(accs)")]            # twice in one file: two findings
    assert len(one_report_per_copy(kept)) == 5


def test_a_notebook_exported_under_another_name_is_one_finding() -> None:
    # A book chapter kept as a notebook and as nbconvert's script of it, named differently.
    kept = [finding("ch04/Feature Selection.ipynb", 79, "rfc = RandomForestClassifier()", context=""),
            finding("ch04/feature_selection.py", 167, "rfc = RandomForestClassifier()", context=""),
            finding("ch04/feature_selection.py", 206, "pca = PCA(n_components=3)", context=""),  # not in the notebook
            finding("ch05/tune.py", 40, "rfc = RandomForestClassifier()", context="")]  # another folder
    found = one_report_per_export(kept)
    assert [(f.path, f.line) for f in found] == [("ch04/Feature Selection.ipynb", 79),
                                                 ("ch04/feature_selection.py", 206), ("ch05/tune.py", 40)]
    # The script's place is named on the notebook's finding, as a copy's place is.
    assert [(r.path, r.line, r.note) for r in found[0].related] == [("ch04/feature_selection.py", 167, COPY_NOTE)]
    assert not found[1].related


def test_a_repo_finding_on_a_notebook_and_its_export_is_one_finding() -> None:
    # held-out 4: LEAK001 (a repo-phase finding: no matched code) on a chapter notebook and on its
    # exported script; the messages differ only in their own file's places.
    nb, py = "ch04/Feature Selection.ipynb", "ch04/feature_selection.py"
    said = "PCA fit on `bc_X` at {p}{at} (rows of `bc_pca`), which is split into train and test at {p}{at2}"
    kept = [Finding("LEAK001", "LEAK-PREPROC", Severity.ERROR, said.format(p=nb, at=" cell 28, line 3", at2=" cell 31, line 1"), nb, 100),
            Finding("LEAK001", "LEAK-PREPROC", Severity.ERROR, said.format(p=py, at=":206", at2=":222"), py, 206),
            Finding("LEAK001", "LEAK-PREPROC", Severity.ERROR, said.format(p=py, at=":300", at2=":310").replace("PCA", "LDA"), py, 300)]
    found = one_report_per_export(kept)
    assert [(f.path, f.line) for f in found] == [(nb, 100), (py, 300)]  # another fit stays
    assert [(r.path, r.line) for r in found[0].related] == [(py, 206)]


def test_one_decision_repeated_under_other_names_and_twice_in_a_file_is_one_finding() -> None:
    from hygiene.analysis.copies import SAME_NOTE, one_report_per_decision

    said = "the median used to fillna ({p} cell {c}, line 19), `zscore()` ({p} cell {c}, line 20) on rows of `x`, split after"
    found = one_report_per_decision([
        finding("class_04_2.ipynb", 135, message=said.format(p="class_04_2.ipynb", c=17), context=""),
        finding("class_05_2.ipynb", 34, message=said.format(p="class_05_2.ipynb", c=6), context=""),
        finding("class_05_2.ipynb", 120, message=said.format(p="class_05_2.ipynb", c=10), context=""),
    ])
    assert [(f.path, f.line) for f in found] == [("class_04_2.ipynb", 135)]
    assert [(r.path, r.line, r.note) for r in found[0].related] == [("class_05_2.ipynb", 34, SAME_NOTE),
                                                                     ("class_05_2.ipynb", 120, SAME_NOTE)]


def test_short_matched_code_a_question_or_another_scope_keeps_its_own_finding() -> None:
    from hygiene.analysis.copies import one_report_per_decision

    short = [finding("a.py", 3, "except Exception:"), finding("b.py", 9, "except Exception:")]
    assert len(one_report_per_decision(short)) == 2            # too little code to call them one decision
    long_code = "scaler = StandardScaler().fit(features_all)"
    asked = Finding("LEAK003", "LEAK-SELECT", Severity.ERROR, "m", "b.py", 4, snippet=long_code, context="main",
                    extra={"ask": "a tutorial"})
    assert len(one_report_per_decision([finding("a.py", 3, long_code), asked])) == 2
    assert len(one_report_per_decision([finding("a.py", 3, long_code), finding("b.py", 4, long_code, context="other")])) == 2
    assert len(one_report_per_decision([finding("a.py", 3, long_code), finding("b.py", 4, long_code)])) == 1


def test_one_rule_twice_on_one_line_is_one_finding() -> None:
    # Set 18 (first scan): the mean and the std of one normalisation on one line gave two findings
    # of one rule; set 17: two columns of one diverged row of a results CSV. One line, one answer.
    from hygiene.analysis.copies import one_report_per_line
    mean = finding("eval.py", 109, "ref.mean()", message="fit on the test part: `ref.mean()`")
    std = finding("eval.py", 109, "ref.std()", message="fit on the test part: `ref.std()`")
    found = one_report_per_line([std, mean])
    assert len(found) == 1
    assert found[0].message.startswith("fit on the test part: `ref.mean()`")  # the first by column, then text
    assert "`ref.std()`" in found[0].message and "one line, one finding" in found[0].message
    assert found[0].extra["folded"] == [std.fingerprint]


def test_other_rules_lines_files_or_a_question_on_one_line_stay_apart() -> None:
    import dataclasses
    from hygiene.analysis.copies import one_report_per_line
    base = finding("eval.py", 109, "ref.mean()")
    kept = [base,
            dataclasses.replace(base, rule="LEAK001"),                  # another rule
            finding("eval.py", 110, "ref.std()"),                        # another line
            finding("test.py", 109, "ref.std()"),                        # another file
            dataclasses.replace(finding("eval.py", 109, "ref.std()"), extra={"ask": True}),  # a question
            finding("README.md", None, message="claim")]                 # no line
    assert len(one_report_per_line(kept)) == 6
