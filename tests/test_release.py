"""What a release promises (issue 13): the distribution name, one version everywhere, install
snippets and tags that agree, a changelog entry, and a release workflow that checks the wheel."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from hygiene import __version__

ROOT = Path(__file__).parents[1]
# `hygiene` on the public package index is someone else's project; see CHANGELOG.md 0.1.0.
DISTRIBUTION = "research-hygiene"


def documents() -> dict[str, str]:
    """Every file a user copies install commands or tags from."""
    paths = [ROOT / "README.md", ROOT / "CHANGELOG.md", ROOT / "action.yml", ROOT / ".pre-commit-hooks.yaml",
             *ROOT.glob("docs/**/*.md"), *ROOT.glob("examples/*/README.md"), *ROOT.glob(".github/workflows/*.yml"),
             *ROOT.glob("hygiene/**/*.py"), *ROOT.glob("hygiene/data/*.yml")]
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in paths}


def test_the_distribution_has_a_name_of_its_own_and_the_command_stays_hygiene():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["name"] == DISTRIBUTION
    assert project["scripts"] == {"hygiene": "hygiene.cli:main"}


def test_no_snippet_installs_the_other_projects_distribution():
    wrong = re.compile(r"pip install\s+(?:-\S+\s+)*['\"]?hygiene(?:\[|['\"\s`]|$)", re.M)
    for name, text in documents().items():
        assert not wrong.search(text), f"{name} installs `hygiene`, someone else's project on the package index"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"pip install {DISTRIBUTION}" in readme


def test_every_tag_reference_is_this_version():
    tag = f"v{__version__}"
    seen = 0
    for name, text in documents().items():
        for ref in re.findall(r"hygiene-dev/hygiene@([\w.\-]+)", text):
            assert ref == tag, f"{name}: hygiene-dev/hygiene@{ref}, expected @{tag}"
            seen += 1
        for rev in re.findall(r"repo: https://github\.com/hygiene-dev/hygiene,?\s+rev: ([\w.\-{}]+)", text):
            # hygiene/cli/starter.py writes the version in: `rev: v{__version__}`.
            assert rev in (tag, "v{__version__}"), f"{name}: rev {rev}, expected {tag}"
            seen += 1
    assert seen >= 4  # README and `hygiene init`: the pre-commit rev and the action's uses


def test_version_is_printed_and_is_the_packaged_one():
    proc = subprocess.run([sys.executable, "-m", "hygiene", "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == f"hygiene, version {__version__}"
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "hygiene.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_the_changelog_has_an_entry_for_this_version():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[?{re.escape(__version__)}\]?", text, re.M)


def test_the_release_workflow_builds_checks_smoke_tests_and_publishes_on_a_tag():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    on = workflow.get("on", workflow.get(True))  # PyYAML reads the key `on` as True
    assert on["push"]["tags"] == ["v*"]
    jobs = workflow["jobs"]
    build = "\n".join(step.get("run", "") for step in jobs["build"]["steps"])
    assert "python -m build" in build and "twine check --strict" in build
    assert ".ci/smoke_wheel.py" in build
    publish = jobs["publish"]
    assert publish["needs"] == "build" and publish["permissions"] == {"id-token": "write"}
    assert "refs/tags/v" in publish["if"]
    assert any(s.get("uses", "").startswith("pypa/gh-action-pypi-publish@") for s in publish["steps"])
    # Trusted publishing: no token anywhere.
    assert "password" not in str(publish) and "secrets." not in str(publish)
