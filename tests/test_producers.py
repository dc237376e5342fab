"""hygiene.analysis.modules and hygiene.analysis.producers on real scans of real git repositories."""
from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

from hygiene.config import load
from hygiene.analysis.modules import import_graph
from hygiene.analysis.producers import code_signature, resolved_io, staleness, writes_by_target
from hygiene.runner import scan
from hygiene.testing import git

from tests.test_history import commit


def repo_of(root: Path):
    config = dataclasses.replace(load(root), exclude=(".git/",))
    return scan(config, jobs=1, use_cache=False).repo


def test_import_graph_resolves_repo_modules(tmp_path: Path) -> None:
    files = {
        "kws/__init__.py": "",
        "kws/engine.py": "from .data import load\n",
        "kws/data.py": "import numpy\n",
        "train.py": "from kws.engine import run_eval\nimport json\nfrom helpers import x\n",
        "scripts/helpers.py": "",
        "tools/helpers.py": "",
        "scripts/run.py": "import helpers\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    graph = import_graph(repo_of(tmp_path))
    assert graph.imported_by("train.py") == {"kws/engine.py"}  # `helpers` is ambiguous from the root
    assert graph.imported_by("scripts/run.py") == {"scripts/helpers.py"}  # its own folder wins
    assert graph.closure("train.py") == ["kws/engine.py", "kws/data.py"]


def test_config_attributes_resolve_through_imports(tmp_path: Path) -> None:
    (tmp_path / "kws").mkdir()
    (tmp_path / "kws/__init__.py").write_text("")
    (tmp_path / "kws/config.py").write_text(
        "from dataclasses import dataclass\n@dataclass\nclass Config:\n    out: str = 'results/kws.json'\n")
    (tmp_path / "train.py").write_text(
        "from pathlib import Path\nfrom kws.config import Config\ncfg = Config()\nPath(cfg.out).write_text('{}')\n")
    (tmp_path / "other.py").write_text("from pathlib import Path\nPath(cfg.out).write_text('{}')\n")
    io = resolved_io(repo_of(tmp_path))
    assert [(r["path"], r["line"]) for r in io["train.py"]] == [("results/kws.json", 4)]
    assert "other.py" not in io  # it imports nothing that defines `out`


def test_writes_link_patterns_to_tracked_files(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "2025-01-01T00:00:00", {
        "run.py": "for m in models:\n    open(f'results/preds_{m}.jsonl', 'w')\n",
        "exp/plot.py": "open('out/fig.json', 'w')\nopen(f'{d}.json', 'w')\n",
        "summarize.py": "open('results/summary.json', 'w')\nopen(f'results/{x}.json', 'w')\n",
        "results/preds_a.jsonl": "", "results/preds_b.jsonl": "", "results/summary.json": "{}",
        "exp/out/fig.json": "{}", "results/sub/deep.json": "{}",
    })
    repo = repo_of(tmp_path)
    from hygiene.analysis.history import history_of
    targets = writes_by_target(repo, history_of(repo).tracked_paths())
    assert {t: [w.site for w in ws] for t, ws in targets.items()} == {
        "results/preds_a.jsonl": ["run.py:2"],
        "results/preds_b.jsonl": ["run.py:2"],
        "results/summary.json": ["summarize.py:1"],  # the exact write wins over `results/*.json`
        "exp/out/fig.json": ["exp/plot.py:1"],  # relative to the script's folder
    }


def test_code_signature_ignores_comments_docstrings_and_layout() -> None:
    before = b'"""Grade."""\ndef f(a):\n    """Doc."""\n    return a == 1\n'
    after = b'# grading\ndef f(a):\n\n    return (a ==\n            1)  # exact\n'
    changed = b"def f(a):\n    return a == 2\n"
    assert code_signature("g.py", before) == code_signature("g.py", after)
    assert code_signature("g.py", before) != code_signature("g.py", changed)
    assert code_signature("g.py", b"def (:\n") == "def (:"  # unparsable: compared as text


SCORE = ("import json\nfrom grade import ok\nrows = open('preds.jsonl').read().split()\n"
         "json.dump(sum(ok(r) for r in rows), open('results/s.json', 'w'))\n")


def _stale_repo(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    commit(root, "2025-01-10T00:00:00", {"score.py": SCORE, "grade.py": "def ok(a):\n    return a\n",
                                         "preds.jsonl": "1\n", "results/s.json": "{\"acc\": 0.5}\n"})
    commit(root, "2025-02-03T00:00:00", {"grade.py": "def ok(a):\n    return not a\n"})
    commit(root, "2025-02-04T00:00:00", {"preds.jsonl": "2\n"})


def test_a_changed_import_and_input_make_a_result_stale(tmp_path: Path) -> None:
    _stale_repo(tmp_path)
    [verdict] = staleness(repo_of(tmp_path))
    assert verdict.path == "results/s.json" and verdict.stale and not verdict.unknown
    # what the writer imports comes before its inputs
    assert [(c.path, c.role, c.change.day, c.read_at) for c in verdict.culprits] == [
        ("grade.py", "import", "2025-02-03", ""), ("preds.jsonl", "input", "2025-02-04", "score.py:3")]


def test_a_module_the_writing_code_never_names_made_nothing_of_the_file(tmp_path: Path) -> None:
    # Set 19 (first scan): every notebook and script of a textbook imports a package-version checker
    # and calls it for its printout; a later change to the checker does not make the figures stale.
    git(tmp_path, "init", "-q", "-b", "main")
    script = ("import json\nfrom env_check import check_packages\nfrom grade import ok\n"
              "check_packages({'numpy': '1.21'})\nrows = open('preds.jsonl').read().split()\n"
              "json.dump(sum(ok(r) for r in rows), open('results/s.json', 'w'))\n")
    commit(tmp_path, "2025-01-10T00:00:00", {"score.py": script, "grade.py": "def ok(a):\n    return a\n",
                                             "env_check.py": "def check_packages(d):\n    print(d)\n",
                                             "preds.jsonl": "1\n", "results/s.json": "{\"acc\": 0.5}\n"})
    commit(tmp_path, "2025-02-03T00:00:00", {"env_check.py": "def check_packages(d):\n    print('OK', d)\n"})
    assert staleness(repo_of(tmp_path)) == [] or not staleness(repo_of(tmp_path))[0].stale
    commit(tmp_path, "2025-02-04T00:00:00", {"grade.py": "def ok(a):\n    return not a\n"})  # near miss: used
    [verdict] = staleness(repo_of(tmp_path))
    assert verdict.stale and [c.path for c in verdict.culprits] == ["grade.py"]


def test_regenerated_results_are_fresh(tmp_path: Path) -> None:
    _stale_repo(tmp_path)
    commit(tmp_path, "2025-02-05T00:00:00", {"results/s.json": "{\"acc\": 1}\n"})
    [verdict] = staleness(repo_of(tmp_path))
    assert not verdict.stale and not verdict.uncommitted and not verdict.culprits


def test_uncommitted_producer(tmp_path: Path) -> None:
    _stale_repo(tmp_path)
    commit(tmp_path, "2025-02-05T00:00:00", {"results/s.json": "{\"acc\": 1}\n"})
    (tmp_path / "grade.py").write_text("def ok(a):\n    return a > 0\n")
    [verdict] = staleness(repo_of(tmp_path))
    assert verdict.uncommitted and not verdict.stale
    assert [(c.path, c.change, c.uncommitted) for c in verdict.culprits] == [("grade.py", None, True)]
    (tmp_path / "results/s.json").write_text("{\"acc\": 0}\n")  # regenerated, not committed yet
    assert staleness(repo_of(tmp_path)) == []


def test_shallow_clone_reports_what_it_cannot_tell(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    origin.mkdir()
    _stale_repo(origin)
    clones = {}
    for depth in (1, 2):
        clone = tmp_path / f"depth{depth}"
        subprocess.run(["git", "clone", "-q", "--depth", str(depth), f"file://{origin}", str(clone)],
                       check=True, capture_output=True)
        clones[depth] = staleness(repo_of(clone))
    [one] = clones[1]
    assert one.unknown and not one.stale  # everything is dated by the one commit there is
    [two] = clones[2]
    # The boundary (grade.py's change) dates the results from above; the later input change is known.
    assert two.stale and two.change.boundary
    assert [c.path for c in two.culprits] == ["preds.jsonl"]


def test_stale_results_end_to_end_with_notes(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    origin.mkdir()
    _stale_repo(origin)
    run = subprocess.run([str(Path(__import__("sys").executable)), "-m", "hygiene", "check", "--no-llm",
                          "--no-cache", "."], cwd=origin, capture_output=True, text=True)
    assert run.returncode == 1
    assert ("results/s.json RESULT020 `results/s.json` (committed 2025-01-10) is older than `grade.py` "
            "(changed 2025-02-03), which produces it via score.py:4; so did `preds.jsonl`") in run.stdout
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True,
                   capture_output=True)
    run = subprocess.run([str(Path(__import__("sys").executable)), "-m", "hygiene", "check", "--no-llm",
                          "--no-cache", "."], cwd=clone, capture_output=True, text=True)
    assert "RESULT020 `" not in run.stdout
    assert "shallow git clone" in run.stdout
    assert "could not tell whether these files are older than the code that writes them" in run.stdout
    assert "results/s.json" in run.stdout


def test_only_the_imported_definitions_of_a_module_count(tmp_path: Path) -> None:
    utils_v1 = ("import json\nSEP = '\\n'\n\ndef write_jsonl(path, rows):\n    open(path, 'w').write(SEP.join(map(json.dumps, rows)))\n\n"
                "def plot(x):\n    return x\n")
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "2025-01-10T00:00:00", {
        "utils.py": utils_v1,
        "make.py": "from utils import write_jsonl\nwrite_jsonl('data/bench.jsonl', [1])\n",
        "report.py": "from pathlib import Path\nfrom utils import plot, write_jsonl\nPath('results/r.json').write_text(str(plot(1)))\n",
        "data/bench.jsonl": "1\n", "results/r.json": "1\n"})
    commit(tmp_path, "2025-02-01T00:00:00", {"utils.py": utils_v1.replace("return x", "return 2 * x")})
    verdicts = {v.path: v for v in staleness(repo_of(tmp_path))}
    assert not verdicts["data/bench.jsonl"].stale  # write_jsonl and the SEP it uses are unchanged
    assert verdicts["results/r.json"].stale  # plot changed
    commit(tmp_path, "2025-02-02T00:00:00", {"utils.py": utils_v1.replace("SEP = '\\n'", "SEP = '\\r\\n'")})
    verdicts = {v.path: v for v in staleness(repo_of(tmp_path))}
    assert verdicts["data/bench.jsonl"].stale  # a constant write_jsonl uses changed


LOADER_V1 = '''import os
import pandas as pd


class Loader:
    @staticmethod
    def data_root():
        cwd = os.getcwd()
        steps = 0
        while os.path.basename(cwd) not in ["proj", "proj_main"]:
            cwd = os.path.dirname(cwd)
            steps += 1
        return os.path.join(*([".."] * steps + ["data"]))

    def load(self, name):
        return pd.read_json(os.path.join(self.data_root(), name + "_v1.json"))
'''


def test_a_change_of_where_files_are_found_is_no_change() -> None:
    # Held-out set 27 (RESULT020): a loader's folder lookup was rewritten twice after the results
    # (another folder name in the cwd walk, then a package-resource lookup); what it computes did not change.
    renamed = LOADER_V1.replace('["proj", "proj_main"]', '["proj", "proj_main", "proj-repo"]')
    resource = LOADER_V1.replace("import os\n", "import os\nfrom pkg_resources import resource_filename\n").replace(
        LOADER_V1[LOADER_V1.index("        cwd = os.getcwd()"):LOADER_V1.index("\n\n    def load")],
        '        prefix = resource_filename("proj", f"/../data")\n        return prefix')
    assert resource != LOADER_V1
    base = code_signature("loader.py", LOADER_V1.encode())
    assert code_signature("loader.py", renamed.encode()) == base
    assert code_signature("loader.py", resource.encode()) == base
    folder = ("import os\nDATA_DIR = 'data'\nOUT = os.path.join(DATA_DIR, 'x.json')\n",
              "import os\nfrom pathlib import Path\nDATA_DIR = Path(__file__).parent / '..' / 'data'\n"
              "OUT = os.path.join(DATA_DIR, 'x.json')\n")
    assert code_signature("m.py", folder[0].encode()) == code_signature("m.py", folder[1].encode())
    # Near misses: the file read changes, or a function named for a path computes no path.
    assert code_signature("loader.py", LOADER_V1.replace("_v1.json", "_v2.json").encode()) != base
    moved = LOADER_V1.replace('+ ["data"]', '+ ["data", "questions_v2.json"]')
    assert code_signature("loader.py", moved.encode()) != base
    weights = "def path_weights(g):\n    return g.sum() / {}\n"
    assert code_signature("g.py", weights.format(2).encode()) != code_signature("g.py", weights.format(3).encode())
    files = ("DATA_FILE = 'data/test_v1.csv'\n", "DATA_FILE = 'data/test_v2.csv'\n")
    assert code_signature("m.py", files[0].encode()) != code_signature("m.py", files[1].encode())
    versions = ("DATA_DIR = 'data/v1'\n", "DATA_DIR = 'data/v2'\n")  # another folder of data
    assert code_signature("m.py", versions[0].encode()) != code_signature("m.py", versions[1].encode())
    models = ("MODEL_DIR = 'models/bert-base'\n", "MODEL_DIR = 'models/roberta-large'\n")  # another model
    assert code_signature("m.py", models[0].encode()) != code_signature("m.py", models[1].encode())
    prompt = ("prefix = 'Answer:'\n", "prefix = 'Answer briefly:'\n")
    assert code_signature("m.py", prompt[0].encode()) != code_signature("m.py", prompt[1].encode())
