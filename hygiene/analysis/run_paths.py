"""Does the path a results file is written to name the run's settings?

`results/{model}-lr-{lr}/{dataset}/train-{n}-{seed}/results.json` is a record of the run even when the
JSON inside holds only `{"score": 71.3}`: the folder says which model, data, sample size and seed
made it, and every run writes its own file. A path with one variable part (`os.path.join(args.out,
"metrics.json")`, `f"results/{name}.json"`) says nothing of the sort: one folder or one name, and the
settings are not in it.

Read from the code that names the file (the `open(...)` or the writer call): the names it uses are
followed to their assignments in the same file (up to five levels: `results_path = make_path(dataset,
split, out)`, `out = os.path.join(root, f"{model}-{loss}")`), a folder a loop walks to what the loop
walks over (`for split_dir in glob(f"{dataset_path}/train-{n}-*")`: a summary written beside the runs
it reads is named by them), and the variable parts that are not folders (`output_dir`, `root`,
`__file__`) are counted. Two or more name the run.
"""
from __future__ import annotations

import re

_IDENT = re.compile(r"(?<![\w.'\"])([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)(\s*\()?")
# Parts of a path that are places, not settings: folders, files, roots, and the modules that join them.
_PLACE = re.compile(r"(^|_|\.)(dir|dirs|directory|folder|root|base|path|paths|file|filename|fname|prefix|out|output|"
                    r"outputs|save|parent|home|cwd|tmp|f|fh|fp|f_out|fout|writer)$|^__file__$", re.I)
_NOT_PARTS = frozenset({"os", "os.path", "os.path.join", "join", "str", "int", "float", "format", "open", "Path",
                        "pathlib", "pathlib.Path", "makedirs", "exist_ok", "json", "json.dump", "json.dumps", "True",
                        "False", "None", "mode", "encoding", "w", "a", "sort_keys", "indent", "replace", "strip",
                        "absolute", "resolve", "parent", "with", "as", "if", "else", "not", "and", "or", "in", "f"})


def settings_in_path(text: str, target: str) -> list[str]:
    """The settings the path of the write in `target` (its code and the `with open(...)` around it) is
    made of, followed through assignments of `text`; empty when fewer than two."""
    return settings_named(text, _path_args(target))


def settings_named(text: str, paths: list[str]) -> list[str]:
    """The settings the path expressions `paths` (code) are made of, followed through assignments of
    `text`; empty when fewer than two."""
    parts: list[str] = []
    seen: set[str] = set()
    frontier = [n for path in paths for n in _names(path)]
    for _ in range(5):
        following: list[str] = []
        for name in frontier:
            if name in seen:
                continue
            seen.add(name)
            values = _assigned(text, name)
            if not values and _PLACE.search(name.rsplit(".", 1)[-1]):
                values = _looped_over(text, name)  # `for split_dir in glob(f"{root}/{dataset}/train-*")`
            if not values:
                if not _PLACE.search(name.rsplit(".", 1)[-1]):
                    parts.append(name)
                continue
            for value in values:
                following.extend(_names(value))
        frontier = following
    settings = list(dict.fromkeys(p for p in parts if not _PLACE.search(p.rsplit(".", 1)[-1])))
    return settings if len(settings) >= 2 else []


_OPENS = re.compile(r"\b(open|to_csv|to_json|to_parquet|to_excel|savetxt|write_text)\s*\(")


def _path_args(target: str) -> list[str]:
    """The first argument of each `open(...)` (or a table's `to_csv(...)`) in `target`: the path."""
    found = []
    for match in _OPENS.finditer(target):
        depth, start = 0, match.end()
        for i in range(start, len(target)):
            ch = target[i]
            if ch in "([{":
                depth += 1
            elif ch in ")]}":
                if depth == 0:
                    found.append(target[start:i])
                    break
                depth -= 1
            elif ch == "," and depth == 0:
                found.append(target[start:i])
                break
    return found


def _names(code: str) -> list[str]:
    """Variable names read in `code` (not called functions, not string contents)."""
    code = re.sub(r"(['\"])(?:(?!\1).)*\1", lambda m: _fields(m.group(0)), code)
    found = []
    for match in _IDENT.finditer(code):
        name, call = match.group(1), match.group(2)
        if call and "." in name:  # `model_id.split("/")[-1]` reads `model_id`
            name, call = name.rsplit(".", 1)[0], None
        if call or name in _NOT_PARTS or name.split(".", 1)[0] in ("os", "json", "pathlib", "shutil"):
            continue
        found.append(name)
    return found


def _fields(literal: str) -> str:
    """The expressions of an f-string's fields (`f"{model}-{seed}"` -> ` model seed `); other text dropped."""
    return " " + " ".join(re.findall(r"\{([^{}:!]+)", literal)) + " "


def _looped_over(text: str, name: str) -> list[str]:
    """What a `for` loop that binds `name` walks over (`for i, run_dir in enumerate(dirs):` -> `enumerate(dirs)`)."""
    pattern = rf"(?m)^[ \t]*(?:async[ \t]+)?for[ \t]+[^\n=]*?(?<![\w.]){re.escape(name)}(?![\w])[^\n=]*?[ \t]in[ \t]+(.*?):[ \t]*(?:#.*)?$"
    return [m.group(1) for m in re.finditer(pattern, text)]


def _assigned(text: str, name: str) -> list[str]:
    """The right-hand sides of `name = ...` (one line each, or a bracketed continuation) in `text`."""
    values = []
    for match in re.finditer(rf"(?m)^[ \t]*{re.escape(name)}[ \t]*=(?!=)[ \t]*(.*)$", text):
        value = match.group(1)
        if value.rstrip().endswith(","):  # `learning_rate=learning_rate,`: a keyword argument, not a binding
            continue
        if value.count("(") > value.count(")"):  # `output_path = (` over several lines
            rest = text[match.end():match.end() + 400]
            value += rest.split("\n\n", 1)[0]
        values.append(value)
    return values
