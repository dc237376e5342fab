"""Scalar leaves of a JSON text with the line each one is on.

The standard library parses JSON without positions; rules about result files need to point at
the line of a metric. This tokenizer walks text that `json.loads` has already accepted, so it can
trust the structure and only tracks the path (`models.sft.mean_rating`, `[2].accuracy`) and lines.
"""
from __future__ import annotations

import json
import re
from typing import Any

from hygiene.parsing.records import Leaf

_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|-?Infinity|NaN|true|false|null|'
                    r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[{}\[\]:,]")


def leaves_with_lines(text: str, value: Any, limit: int) -> tuple[list[Leaf], bool]:
    """(leaves in document order, True when more than `limit` were left out)."""
    leaves: list[Leaf] = []
    # Each frame: [is_object, current key or index, expecting a key]
    stack: list[list[Any]] = []
    line, last = 1, 0
    for match in _TOKEN.finditer(text):
        start = match.start()
        line += text.count("\n", last, start)
        last = start
        token = match.group()
        if token in "{[":
            if stack and stack[-1][0] is False:
                stack[-1][1] += 1
            stack.append([token == "{", -1, token == "{"])
            continue
        if token in "}]":
            if stack:
                stack.pop()
            continue
        if token == ":":
            if stack:
                stack[-1][2] = False
            continue
        if token == ",":
            if stack and stack[-1][0]:
                stack[-1][2] = True
            continue
        frame = stack[-1] if stack else None
        if frame is not None and frame[0] and frame[2]:
            frame[1] = json.loads(token)  # a key
            continue
        if frame is not None and not frame[0]:
            frame[1] += 1
        if len(leaves) >= limit:
            return leaves, True
        leaves.append(Leaf(_path(stack), json.loads(token), line))
    return leaves, False


def _path(stack: list[list[Any]]) -> str:
    out = ""
    for is_object, key, _ in stack:
        if is_object:
            text = str(key)
            if any(ch in text for ch in '.[]"') or not text:
                out += "[" + json.dumps(text) + "]"  # a key that would read as a path
            else:
                out += f".{text}" if out else text
        else:
            out += f"[{key}]"
    return out
