"""What `action.yml` runs: `python -m hygiene.github.action`.

Reads GitHub's environment (`GITHUB_EVENT_PATH`, `GITHUB_REPOSITORY`, `GITHUB_API_URL`,
`GITHUB_STEP_SUMMARY`, `GITHUB_OUTPUT`, `GITHUB_WORKSPACE`) and the action's inputs
(`HYGIENE_*`, `GITHUB_TOKEN`, `ANTHROPIC_API_KEY`), then:

1. on a pull request, asks GitHub for the changed files and checks them with the whole repository
   as context (`hygiene check --focus`); on any other event, checks everything;
2. prints the findings as workflow-command annotations (this step's stdout) and writes SARIF;
3. writes the findings and the checklist into the job summary;
4. keeps one pull-request comment with the open checklist questions up to date;
5. sets the outputs `findings`, `open-items`, `sarif-file` and `failed`: `failed` is true exactly
   when `hygiene check` fails (required checklist questions open, unanswered findings at or above
   `fail-on`, files that could not be checked), and the action's last step then fails the job.

The check itself is `hygiene check` in a subprocess, so the action decides nothing the CLI does
not: one definition of what passes. A problem talking to GitHub (a fork's read-only token) is a
warning, never a failed check.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hygiene.github.api import GitHub, GitHubError, changed_files, upsert_comment

SCANNED_SUFFIXES = (".py", ".ipynb", ".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".parquet", ".md",
                    ".markdown", ".qmd", ".tex", ".rst", ".toml")
MAX_SUMMARY_FINDINGS = 50
MAX_COMMENT_ITEMS = 25
# GitHub drops a job summary over 1 MiB whole; the checklist (with its data samples) is what
# grows, so it is what gets cut, leaving room for the findings.
MAX_SUMMARY_BYTES = 1_000_000


@dataclass
class Settings:
    workspace: Path
    repository: str
    api_url: str
    token: str
    event_name: str
    event: dict[str, Any]
    paths: list[str]
    fail_on: str
    sarif_file: str
    comment: bool
    verify_authors: bool
    llm: bool
    summary_file: Path | None
    output_file: Path | None
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def from_env(cls, env: dict[str, str]) -> Settings:
        event: dict[str, Any] = {}
        event_path = env.get("GITHUB_EVENT_PATH")
        if event_path and Path(event_path).is_file():
            event = json.loads(Path(event_path).read_text(encoding="utf-8"))
        truthy = lambda name, default: env.get(name, default).strip().lower() in ("true", "1", "yes")  # noqa: E731
        return cls(
            workspace=Path(env.get("GITHUB_WORKSPACE") or os.getcwd()),
            repository=env.get("GITHUB_REPOSITORY", ""),
            api_url=env.get("GITHUB_API_URL", "https://api.github.com"),
            token=env.get("GITHUB_TOKEN", ""),
            event_name=env.get("GITHUB_EVENT_NAME", ""),
            event=event,
            paths=(env.get("HYGIENE_PATHS") or ".").split(),
            fail_on=env.get("HYGIENE_FAIL_ON", "").strip(),
            sarif_file=env.get("HYGIENE_SARIF_FILE", "hygiene.sarif").strip() or "hygiene.sarif",
            comment=truthy("HYGIENE_COMMENT", "true"),
            verify_authors=truthy("HYGIENE_VERIFY_AUTHORS", "true"),
            llm=bool(env.get("ANTHROPIC_API_KEY", "").strip()),
            summary_file=Path(env["GITHUB_STEP_SUMMARY"]) if env.get("GITHUB_STEP_SUMMARY") else None,
            output_file=Path(env["GITHUB_OUTPUT"]) if env.get("GITHUB_OUTPUT") else None,
        )

    @property
    def pull_number(self) -> int | None:
        pr = self.event.get("pull_request") or {}
        number = pr.get("number") or self.event.get("number")
        return int(number) if number else None


def focus_files(settings: Settings, api: GitHub | None) -> list[str] | None:
    """The pull request's changed files that hygiene reads, or None to check everything."""
    number = settings.pull_number
    if number is None or api is None or not settings.repository:
        return None
    try:
        files = changed_files(api, settings.repository, number)
    except GitHubError as exc:
        settings.warnings.append(f"could not list the pull request's files, so everything was checked: {exc}")
        return None
    wanted = [f for f in files if f.lower().endswith(SCANNED_SUFFIXES) and (settings.workspace / f).exists()]
    return wanted


def run_check(settings: Settings, focus: list[str] | None, report_json: Path) -> int:
    argv = [sys.executable, "-m", "hygiene", "check", "--format", "github", "--checklist", "read",
            "--write-report", f"json:{report_json}", "--write-report", f"sarif:{settings.sarif_file}"]
    if settings.fail_on:
        argv += ["--fail-on", settings.fail_on]
    if settings.verify_authors:
        argv.append("--verify-authors")
    if not settings.llm:
        argv.append("--no-llm")
    if focus is not None:  # an empty focus: no changed file hygiene reads, repo-level questions only
        argv += ["--focus", *focus]
    else:
        argv += settings.paths
    proc = subprocess.run(argv, cwd=settings.workspace, stdout=sys.stdout, stderr=subprocess.PIPE, text=True)
    if proc.stderr:
        sys.stderr.write(proc.stderr)
    return proc.returncode


def checklist_markdown(settings: Settings) -> str:
    """The checklist as HYGIENE.md would read, with code excerpts and data samples."""
    proc = subprocess.run([sys.executable, "-m", "hygiene", "checklist", "--format", "md"],
                          cwd=settings.workspace, capture_output=True, text=True)
    return proc.stdout if proc.returncode == 0 else ""


def _cell(text: Any) -> str:
    return str(text or "").replace("|", "\\|").replace("\n", " ")


def summary_markdown(report: dict[str, Any], checklist_md: str, focus: list[str] | None) -> str:
    findings = report.get("findings", [])
    checklist = report.get("checklist") or {}
    blocking = checklist.get("blocking", 0)
    scope = f"{len(focus)} changed file(s) with the repository as context" if focus is not None else "the repository"
    lines = [
        "# hygiene",
        "",
        f"Checked {scope}: **{len(findings)} finding(s)**, "
        f"**{blocking} required checklist question(s) open** ({checklist.get('path', 'HYGIENE.md')}).",
        "",
    ]
    if findings:
        lines += ["| Where | Rule | Category | Message |", "|---|---|---|---|"]
        for f in findings[:MAX_SUMMARY_FINDINGS]:
            where = f"{f['path']}:{f['line']}" if f.get("line") else f["path"]
            source = " (LLM)" if f.get("source") == "llm" else ""
            lines.append(f"| `{_cell(where)}` | {f['rule']}{source} | {f['category']} | {_cell(f['message'])} |")
        if len(findings) > MAX_SUMMARY_FINDINGS:
            lines.append(f"\n… and {len(findings) - MAX_SUMMARY_FINDINGS} more in the SARIF report.")
        lines.append("")
    for d in report.get("diagnostics", []):
        lines.append(f"- {'⚠️' if d.get('kind') == 'error' else 'ℹ️'} `{_cell(d['path'])}`: {_cell(d['message'])}")
    for note in report.get("notes", []):
        lines.append(f"- ℹ️ {_cell(note)}")
    head = "\n".join(lines) + "\n"
    if checklist_md:
        details = "\n".join(["", "<details><summary>The confusion checklist</summary>", "", checklist_md, "",
                             "</details>"]) + "\n"
        if len(head.encode("utf-8")) + len(details.encode("utf-8")) > MAX_SUMMARY_BYTES:
            path = checklist.get("path", "HYGIENE.md")
            details = (f"\nThe confusion checklist is too long for the job summary: see `{path}` "
                       f"(`hygiene checklist` prints it).\n")
        head += details
    return head


def comment_markdown(report: dict[str, Any]) -> str:
    checklist = report.get("checklist") or {}
    items = [i for i in checklist.get("items", []) if i.get("status") == "open" and i.get("required")]
    path = checklist.get("path", "HYGIENE.md")
    if not items:
        answered = checklist.get("required_answered", 0)
        return (f"### hygiene: every required checklist question is answered\n\n"
                f"{answered} required question(s) answered in `{path}`. Thank you for looking at your own data.\n")
    lines = [f"### hygiene: {len(items)} checklist question(s) to answer before merging", "",
             f"Answer them in `{path}` (run `hygiene answer` locally) and push; this comment updates itself.", ""]
    for item in items[:MAX_COMMENT_ITEMS]:
        where = f"`{item['path']}:{item['line']}`" if item.get("path") and item.get("line") else (
            f"`{item['path']}`" if item.get("path") else "the study")
        # Named as in `hygiene check`'s own list: the rule, else what kind of question it is.
        label = item.get("rule") or {"data": "data", "repo": "study"}.get(item.get("kind", ""), item.get("kind"))
        lines.append(f"- [ ] **{_cell(label)}** at {where}: {item['question']}")
    if len(items) > MAX_COMMENT_ITEMS:
        lines.append(f"- … and {len(items) - MAX_COMMENT_ITEMS} more in `{path}` and the job summary.")
    return "\n".join(lines) + "\n"


def set_outputs(settings: Settings, values: dict[str, str]) -> None:
    if settings.output_file is None:
        return
    with settings.output_file.open("a", encoding="utf-8") as fh:
        for key, value in values.items():
            fh.write(f"{key}={value}\n")


def main(env: dict[str, str] | None = None) -> int:
    settings = Settings.from_env(dict(os.environ if env is None else env))
    api = GitHub(settings.api_url, settings.token) if settings.token else None
    focus = focus_files(settings, api)
    with tempfile.TemporaryDirectory(prefix="hygiene-action-") as tmp:
        report_json = Path(tmp) / "report.json"
        code = run_check(settings, focus, report_json)
        if code not in (0, 1) or not report_json.exists():
            print("::error title=hygiene::hygiene could not complete the check (see the log above)")
            set_outputs(settings, {"findings": "0", "open-items": "0", "sarif-file": "", "failed": "true"})
            return 2
        report = json.loads(report_json.read_text(encoding="utf-8"))
    checklist = report.get("checklist") or {}
    blocking = int(checklist.get("blocking", 0))
    if settings.summary_file is not None:
        with settings.summary_file.open("a", encoding="utf-8") as fh:
            fh.write(summary_markdown(report, checklist_markdown(settings), focus))
    number = settings.pull_number
    if settings.comment and number is not None and api is not None:
        try:
            action, _ = upsert_comment(api, settings.repository, number, comment_markdown(report))
            print(f"hygiene: pull-request comment {action}")
        except GitHubError as exc:
            settings.warnings.append(f"could not write the pull-request comment: {exc}")
    for warning in settings.warnings:
        print(f"::warning title=hygiene::{warning}")
    sarif = settings.sarif_file if (settings.workspace / settings.sarif_file).exists() else ""
    set_outputs(settings, {"findings": str(len(report.get("findings", []))), "open-items": str(blocking),
                           "sarif-file": sarif, "failed": "true" if code == 1 else "false"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
