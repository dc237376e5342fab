"""The README's rule list is generated from the rules' docstrings and must be current."""
from __future__ import annotations

from pathlib import Path

from hygiene.docs import BEGIN, END, replace_block, rules_table
from hygiene.rule import DOC_SECTIONS
from hygiene.ruleset import load_rules

README = Path(__file__).parents[1] / "README.md"


def test_readme_rule_list_is_current():
    text = README.read_text(encoding="utf-8")
    assert BEGIN in text and END in text
    assert replace_block(text, rules_table(load_rules())) == text, (
        "README rule list is stale: run `python -m hygiene.docs` to regenerate it")


def test_every_rule_documents_the_four_sections():
    for rule in load_rules():
        doc = rule.documentation()
        for section in DOC_SECTIONS:
            assert section in doc, f"{rule.code} docstring lacks {section!r}"
        assert rule.question, f"{rule.code} has no checklist question"
        assert rule.message, f"{rule.code} has no message"
        assert any(e.valid for e in rule.examples), f"{rule.code} has no valid example"
        assert any(not e.valid for e in rule.examples), f"{rule.code} has no invalid example"


def test_readme_workflow_is_the_one_hygiene_init_prints():
    from hygiene.cli.starter import workflow

    assert "```yaml\n" + workflow() + "```" in README.read_text(encoding="utf-8")


def test_readme_pre_commit_snippet_is_the_one_hygiene_init_prints_and_names_our_hook():
    import yaml

    from hygiene import __version__
    from hygiene.cli.starter import PRE_COMMIT, workflow

    assert "```yaml\n" + PRE_COMMIT + "```" in README.read_text(encoding="utf-8")
    (repo,) = yaml.safe_load(PRE_COMMIT)["repos"]
    manifest = yaml.safe_load((README.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in repo["hooks"]] == [h["id"] for h in manifest]
    assert repo["rev"] == f"v{__version__}"
    # The same repository as the action the workflow uses.
    (action,) = [s["uses"] for s in yaml.safe_load(workflow())["jobs"]["hygiene"]["steps"]
                 if "hygiene" in s.get("uses", "")]
    assert repo["repo"].endswith("/" + action.split("@")[0])


def test_the_precision_line_reports_judged_findings_with_debatable_counted_as_wrong():
    from hygiene.docs import precision_line

    figures = {"date": "2026-12-05", "repos": 20, "lines": 300000,
               "rules": {"SEED001": {"findings": 10, "TP": 6, "debatable": 2, "FP": 1, "unjudged": 1, "repos": 4}}}
    line = precision_line("SEED001", figures)
    assert "0.67" in line and "6 of 9" in line and "4 of 20 public research repositories" in line
    assert "no finding in 20" in precision_line("SEED002", figures)


def test_explain_shows_the_default_and_the_measured_precision():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "hygiene", "explain", "SEED001"], capture_output=True, text=True)
    assert out.returncode == 0
    assert "Default: " in out.stdout and "Precision on real code: " in out.stdout


# -- issue 13: generated documentation that cannot drift ----------------------------------------
def test_generated_documentation_is_current():
    """The rule pages (docs/rules/), the README's rule list and its sample output of the shipped
    example all come from the code; after a rule changes, `python -m hygiene.docs` regenerates them."""
    from hygiene.docs import stale

    out_of_date = stale()
    assert not out_of_date, f"stale: {', '.join(out_of_date)}; run `python -m hygiene.docs` to regenerate"


def test_one_page_per_rule_and_an_index_by_family():
    from hygiene.docs import FAMILIES, family_of, rule_pages

    rules = load_rules()
    pages = rule_pages(rules)
    assert set(pages) == {f"docs/rules/{r.code}.md" for r in rules} | {"docs/rules/index.md"}
    index = pages["docs/rules/index.md"]
    for rule in rules:
        page = pages[f"docs/rules/{rule.code}.md"]
        assert page.startswith(f"# {rule.code}: ") and "## Why is this bad?" in page and rule.category in page
        assert f"[`{rule.code}`]({rule.code}.md)" in index
        # Each rule sits under its family's heading.
        heading = f"## {family_of(rule)}: {FAMILIES[family_of(rule)]}"
        assert index.index(heading) < index.index(f"[`{rule.code}`]")


def test_the_readme_sample_is_the_output_of_the_readme_command_on_the_example():
    from hygiene.docs import OUTPUT_BEGIN, OUTPUT_END

    text = README.read_text(encoding="utf-8")
    sample = text[text.index(OUTPUT_BEGIN):text.index(OUTPUT_END)]
    assert "$ hygiene check examples/sentiment-study" in sample
    assert "Traceback" not in sample
    import re

    shown = re.search(r"checklist: HYGIENE\.md: 0 of (\d+) required questions answered", sample)
    listed = len(re.findall(r"^      (?:[A-Z]+\d{3}|data|study) ", sample, re.M))
    more = re.search(r"… and (\d+) more", sample)
    # Every required question is either listed or counted in "… and N more".
    assert shown and listed + (int(more.group(1)) if more else 0) == int(shown.group(1))
    assert re.search(r"^    \d+ findings \(\d+ files checked\)$", sample, re.M)


def test_without_figures_the_precision_line_says_it_was_not_measured():
    from hygiene.docs import precision_line

    assert precision_line("SEED001", {}) == "Precision on real code: not measured yet."
