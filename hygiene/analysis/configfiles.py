"""YAML run configs a script reads (Hydra, OmegaConf), and a value under a dotted key in one.

`@hydra.main(config_path="conf", config_name="eval")` and `OmegaConf.load("conf/eval.yaml")` name
the config file of a run; code then reads `cfg.prompt.template` or `cfg.gen.max_new_tokens`. YAML
files are not scanned, so a rule records the file's path during the walk and reads it in the repo
phase with `repo.read_bytes` (the replay key then covers that file only). The reader here knows
the plain subset of YAML these configs use: nested mappings by indentation, plain or quoted
scalars, and `|` / `>` block scalars; PyYAML is not a dependency.
"""
from __future__ import annotations

import posixpath
import re

import libcst as cst

from hygiene.analysis.strings import string_value

# `cfg.model.max_new_tokens`, `config.prompt.template`: a value read off a run's config object.
CONFIG_ROOTS = re.compile(r"(cfg|conf|config|hparams|hp|opt|settings|params)(\.\w+)+")
_KEY = re.compile(r"^(\s*)([\w.-]+)\s*:\s*(.*?)\s*$")


def config_file(call: cst.Call, qualified: str | None, path: str) -> str | None:
    """The config file (relative to the repo root) that `call` names, for the file at `path`."""
    name = qualified or ""
    if name == "hydra.main":
        kw = {a.keyword.value: string_value(a.value) for a in call.args if a.keyword is not None}
        config_name = kw.get("config_name")
        if not config_name:
            return None
        folder = "/".join(p for p in (path.rpartition("/")[0], kw.get("config_path") or "") if p)
        stem = config_name if config_name.endswith((".yaml", ".yml")) else config_name + ".yaml"
        return posixpath.normpath(f"{folder}/{stem}" if folder else stem)
    if name.endswith("OmegaConf.load") and call.args:
        literal = string_value(call.args[0].value)
        return posixpath.normpath(literal) if literal else None
    return None


def yaml_value(text: str, dotted: str) -> str | None:
    """The scalar under `a.b.c` in a YAML document (a block scalar joined with its newlines)."""
    want = dotted.split(".")
    path: list[tuple[int, str]] = []  # (indent, key) of the mappings we are in
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _KEY.match(line)
        if m is None:
            continue
        indent, key, rest = len(m.group(1)), m.group(2), m.group(3)
        while path and path[-1][0] >= indent:
            path.pop()
        path.append((indent, key))
        if [k for _, k in path] != want:
            continue
        rest = re.sub(r"\s+#.*$", "", rest) if not rest.startswith(("'", '"')) else rest
        if rest[:1] in ("|", ">"):
            block = []
            for following in lines[number + 1:]:
                if following.strip() and len(following) - len(following.lstrip()) <= indent:
                    break
                block.append(following.strip())
            return "\n".join(block).strip()
        if rest[:1] in ("'", '"') and rest[-1:] == rest[:1]:
            return rest[1:-1]
        return rest
    return None
