"""`[tool.hygiene]` in pyproject.toml, read once into one frozen `Config`.

Keys are written with dashes in TOML (`fail-on`) and read with underscores here. Unknown keys are
an error that names the key, because a misspelt `ignore` that silently does nothing is exactly the
kind of silent failure this tool exists to catch.
"""
from __future__ import annotations

import dataclasses
import difflib
import fnmatch
import functools
import hashlib
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hygiene.finding import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


class ConfigError(Exception):
    """A configuration problem the user must fix; the CLI prints it and exits 2."""


DEFAULT_EXCLUDES = (
    ".git/", ".hg/", ".svn/", ".venv/", "venv/", "env/", ".env/", "virtualenv/", "__pycache__/",
    ".mypy_cache/", ".pytest_cache/", ".ruff_cache/", ".tox/", ".nox/", ".hygiene_cache/",
    "node_modules/", "site-packages/", "build/", "dist/", "*.egg-info/", ".ipynb_checkpoints/",
    "vendor/", "vendored/", "third_party/", "_vendor/", "wandb/", "mlruns/", "lightning_logs/",
)


@dataclass(frozen=True)
class LLMConfig:
    """`[tool.hygiene.llm]`: the LLM reviewer (hygiene.llm). Token and cost caps stop it cleanly."""

    model: str = ""  # empty: hygiene.llm.DEFAULT_MODEL, a model in the SDK's own list
    verify_model: str = ""  # the cheaper second pass; empty: hygiene.llm.DEFAULT_VERIFY_MODEL
    base_url: str = ""  # empty: ANTHROPIC_BASE_URL, else the SDK's default endpoint
    max_input_tokens: int = 60_000  # per request, measured with the token-counting endpoint
    max_output_tokens: int = 4_096
    max_total_tokens: int = 400_000  # input + output over the whole review
    max_cost_usd: float = 2.0
    max_findings: int = 10
    min_confidence: float = 0.7  # the verification pass drops candidates below this
    verify: bool = True
    concurrency: int = 4
    timeout_s: float = 120.0
    max_retries: int = 3  # on 429, 529, 5xx, timeouts and dropped connections
    retry_base_s: float = 1.0  # exponential backoff from here, unless the server says retry-after
    retry_max_s: float = 60.0
    batch: bool = False  # the Message Batches API (half price, slower) when there are enough requests
    batch_min_requests: int = 4
    batch_poll_s: float = 15.0
    batch_timeout_s: float = 3_600.0
    line_slack: int = 3  # how far quoted code may sit from the line the model named
    data_samples: int = 6  # data and result files sampled for context
    sample_lines: int = 5
    price_input: float = 0.0  # USD per million tokens; 0: hygiene.llm's table for the model
    price_output: float = 0.0
    prompt_file: str = ""  # replaces the built-in review instructions (path from the project root)
    verify_prompt_file: str = ""
    extra_instructions: str = ""


@dataclass(frozen=True)
class ChecklistConfig:
    path: str = "HYGIENE.md"
    # Items at or above this severity must be answered before `hygiene check` passes; None
    # (`require = "none"`) makes every item optional.
    require: Severity | None = Severity.WARNING
    min_words: int = 8
    data_samples: int = 3
    max_field_chars: int = 240


@dataclass(frozen=True)
class Config:
    root: Path = Path(".")
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    rules_paths: tuple[str, ...] = ()
    max_file_size: int = 2_000_000  # bytes, Python sources and notebooks
    max_data_file_size: int = 0  # 0: no limit, data files are streamed
    cache_dir: str = ".hygiene_cache"
    baseline: str = ""  # findings accepted when hygiene was adopted (hygiene.baseline); from the root
    # Rules whose precision measured on public research code (hygiene/data/precision.json, 3 or more
    # judged findings; debatable counted as wrong) is below this ask checklist questions instead of
    # reporting findings (issue 10); 0: every rule as its own `default` says. `select` overrides.
    min_precision: float = 0.0
    checklist: ChecklistConfig = field(default_factory=ChecklistConfig)
    llm: LLMConfig = field(default_factory=LLMConfig)
    source: str = ""  # where the settings came from, for messages

    # -- rule selection -------------------------------------------------------------------------
    def rule_enabled(self, code: str, category: str, default: str = "finding") -> bool:
        if default == "off" and code not in self.select:
            return False
        if self.select and not _matches_any(code, category, self.select):
            return False
        return not _matches_any(code, category, self.ignore)

    def demoted(self, code: str, default: str) -> bool:
        """The rule's findings go to the checklist as optional questions instead of findings."""
        if code in self.select:
            return False
        return default == "question" or (self.min_precision > 0 and measured_precision(code) < self.min_precision)

    def ignored_in_file(self, path: str, code: str, category: str) -> bool:
        for pattern, selectors in self.per_file_ignores.items():
            if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(path, pattern.rstrip("/") + "/*"):
                if _matches_any(code, category, selectors):
                    return True
        return False

    def severity_for(self, code: str, category: str, default: Severity) -> Severity:
        for selector in (code, category, category.split("-", 1)[0]):
            if selector in self.severity:
                return self.severity[selector]
        return default

    def fingerprint(self) -> str:
        """What changes per-file results: everything but paths and the LLM and checklist settings."""
        relevant = {
            "select": self.select, "ignore": self.ignore, "rules_paths": self.rules_paths,
            "max_file_size": self.max_file_size,
        }
        return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:16]


def _matches_any(code: str, category: str, selectors: tuple[str, ...]) -> bool:
    """A selector is a code (`SEED001`), a code prefix (`SEED`), a category or a family."""
    family = category.split("-", 1)[0]
    return any(sel in ("ALL", category, family) or code.startswith(sel) for sel in selectors)


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above `start` that has a [tool.hygiene] table, else the nearest one."""
    start = start.resolve()
    first: Path | None = None
    for folder in (start, *start.parents) if start.is_dir() else (start.parent, *start.parent.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            first = first or candidate
            try:
                if "hygiene" in _read_toml(candidate).get("tool", {}):
                    return candidate
            except ConfigError:
                return candidate  # let load() report the syntax error
        if (folder / ".git").exists():
            break
    return first


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None


def _strings(value: Any, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"[tool.hygiene] {key}: expected a list of strings, got {value!r}")


def _build(cls: type, table: dict[str, Any], prefix: str, converters: dict[str, Any]) -> Any:
    known = {f.name: f for f in dataclasses.fields(cls)}
    kwargs: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key not in known or key in ("root", "source"):
            options = ", ".join(sorted(k.replace("_", "-") for k in known if k not in ("root", "source")))
            raise ConfigError(f"[tool.hygiene{prefix}] unknown key {raw_key!r} (known: {options})")
        convert = converters.get(key)
        try:
            kwargs[key] = convert(value, raw_key) if convert else _typed(known[key], value, raw_key, prefix)
        except ValueError as exc:
            raise ConfigError(f"[tool.hygiene{prefix}] {raw_key}: {exc}") from None
    return cls(**kwargs)


# Lowest (and highest) values that make sense; a value outside them is an error naming the key:
# `min-words = -5` would make every answer count. (low, high, low included)
_BOUNDS: dict[str, tuple[float | None, float | None, bool]] = {
    "max_file_size": (1, None, True), "max_data_file_size": (0, None, True),
    "min_words": (1, None, True), "data_samples": (0, None, True), "max_field_chars": (20, None, True),
    "max_input_tokens": (1, None, True), "max_output_tokens": (1, None, True), "max_total_tokens": (1, None, True),
    "max_cost_usd": (0, None, True), "max_findings": (0, None, True), "min_confidence": (0, 1, True),
    "concurrency": (1, None, True), "timeout_s": (0, None, False), "max_retries": (0, None, True),
    "retry_base_s": (0, None, True), "retry_max_s": (0, None, True), "batch_min_requests": (1, None, True),
    "batch_poll_s": (0, None, False), "batch_timeout_s": (0, None, False), "line_slack": (0, None, True),
    "sample_lines": (0, None, True), "price_input": (0, None, True), "price_output": (0, None, True),
    "min_precision": (0, 1, True),
}


def precision_figures() -> dict:
    """Per-rule precision measured by benchmarks/precision.py on public research repositories
    (hygiene/data/precision.json); {} when the file is missing or unreadable."""
    from importlib.resources import files
    try:
        return json.loads(files("hygiene").joinpath("data/precision.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


@functools.lru_cache(maxsize=None)
def measured_precision(code: str, least: int = 3) -> float:
    """The rule's precision on the precision corpus (real / judged, debatable counted as wrong), or 1.0
    when it has fewer than `least` judged findings there: too few to judge it by."""
    counts = _rule_counts().get(code, {})
    judged = sum(counts.get(k, 0) for k in ("TP", "debatable", "FP"))
    return counts.get("TP", 0) / judged if judged >= least else 1.0


@functools.lru_cache(maxsize=1)
def _rule_counts() -> dict:
    return precision_figures().get("rules", {})


def _in_bounds(name: str, value: float) -> None:
    low, high, inclusive = _BOUNDS.get(name, (None, None, True))
    if low is not None and (value < low if inclusive else value <= low):
        bound = f"at least {low:g}" if inclusive else f"more than {low:g}"
        raise ValueError(f"must be {bound}, got {value!r}")
    if high is not None and value > high:
        raise ValueError(f"must be at most {high:g}, got {value!r}")


def _typed(f: dataclasses.Field, value: Any, key: str, prefix: str) -> Any:
    default = f.default if f.default is not dataclasses.MISSING else None
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError(f"expected true or false, got {value!r}")
    elif isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected an integer, got {value!r}")
        _in_bounds(f.name, value)
    elif isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"expected a number, got {value!r}")
        value = float(value)
        _in_bounds(f.name, value)
    elif isinstance(default, str):
        if not isinstance(value, str):
            raise ValueError(f"expected a string, got {value!r}")
    elif isinstance(default, tuple):
        value = _strings(value, key)
    return value


def _optional_severity(value: Any, key: str) -> Severity | None:
    if str(value).strip().lower() == "none":
        return None
    try:
        return Severity.parse(value)
    except ValueError:
        names = ", ".join(s.name.lower() for s in Severity)
        raise ValueError(f"unknown value {value!r} (expected one of: {names}, none)") from None


def _severity_map(value: Any, key: str) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise ValueError(f"expected a table of CODE = \"error\"|\"warning\"|\"info\", got {value!r}")
    return {k: Severity.parse(v) for k, v in value.items()}


def _per_file(value: Any, key: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ValueError(f"expected a table of \"glob\" = [\"CODE\", ...], got {value!r}")
    return {k: _strings(v, f"{key}.{k}") for k, v in value.items()}


def load(root: Path, pyproject: Path | None = None) -> Config:
    """The configuration for a scan of `root`: its pyproject.toml, else defaults."""
    root = root.resolve()
    path = pyproject or find_pyproject(root)
    table: dict[str, Any] = {}
    if path is not None:
        table = dict(_read_toml(path).get("tool", {}).get("hygiene", {}))
    sub_checklist = table.pop("checklist", {})
    sub_llm = table.pop("llm", {})
    if not isinstance(sub_checklist, dict) or not isinstance(sub_llm, dict):
        raise ConfigError("[tool.hygiene] checklist and llm must be tables")
    config = _build(Config, table, "", {
        "severity": _severity_map, "fail_on": lambda v, k: Severity.parse(v),
        "per_file_ignores": _per_file,
    })
    checklist = _build(ChecklistConfig, sub_checklist, ".checklist", {"require": _optional_severity})
    llm = _build(LLMConfig, sub_llm, ".llm", {})
    return dataclasses.replace(config, root=root, checklist=checklist, llm=llm,
                               source=str(path) if path and table is not None else "")


# -- rule codes that exist ----------------------------------------------------------------------
# Selectors that name no rule of the catalogue but are still real: every rule, and the LLM reviewer.
_SPECIAL_SELECTORS = ("ALL", "LLM")


def check_selectors(config: Config, rules: Iterable[Any], select: Iterable[str] = (),
                    ignore: Iterable[str] = ()) -> None:
    """A ConfigError naming the first selector (in the configuration, then on the command line)
    that matches no rule, with the nearest real one: a typo in `select` would turn the checker off
    and let everything pass, a typo in `ignore` would silently ignore nothing."""
    rules = list(rules)
    codes = {r.code for r in rules}
    groups = {r.category for r in rules} | {r.category.split("-", 1)[0] for r in rules}
    known = codes | groups | set(_SPECIAL_SELECTORS)

    def exists(selector: str) -> bool:
        return selector in known or any(code.startswith(selector) for code in codes)

    places: list[tuple[str, Iterable[str]]] = [
        ("[tool.hygiene] select", config.select), ("[tool.hygiene] ignore", config.ignore),
        *((f"[tool.hygiene] per-file-ignores {pattern!r}", selectors)
          for pattern, selectors in config.per_file_ignores.items()),
        ("[tool.hygiene] severity", config.severity.keys()),
        ("--select", select), ("--ignore", ignore),
    ]
    for where, selectors in places:
        for selector in selectors:
            if exists(selector):
                continue
            nearest = difflib.get_close_matches(selector.upper(), sorted(known), n=1, cutoff=0.5)
            hint = f" (did you mean {nearest[0]!r}?)" if nearest else ""
            raise ConfigError(f"{where}: unknown rule code {selector!r}{hint}; `hygiene rules` lists the codes, "
                              "categories and families")
