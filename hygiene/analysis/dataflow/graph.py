"""The per-file dataflow graph: what each value was derived from, as JSON-able rows.

A node is one value the code computes (or one event, such as a guard or a `break`). Its inputs
are the nodes it was computed from. The builder (`builder.py`) writes one graph per code file
during the shared walk; it is cached with the file, and the repo phase links the graphs of all
files into one `Program` (`program.py`).

Node kinds, with their inputs and the `info` keys that matter:

| kind     | what                                       | inputs                    | info                              |
|----------|--------------------------------------------|---------------------------|-----------------------------------|
| `src`    | data read from outside                     | the call's arguments      | call, role, path                  |
| `param`  | a function parameter                       | its default value         | name, index                       |
| `const`  | a string or a list of strings              |                           | value                             |
| `split`  | a train/test split or a CV splitter        | the arrays split          | call, grouped, shuffle, cv        |
| `part`   | one output of a split                      | [split]                   | index, arr (which array), role    |
| `fit`    | an estimator fit (or a statistic taken)    | [estimator, X, y]         | cls, kind, m, on, eval, stop      |
| `xform`  | a fitted transformer's output              | [fit, data]               | m                                 |
| `pred`   | a model applied to data                    | [model, data...]          | m                                 |
| `metric` | an evaluation: metric, loss, `.score`      | [truth, prediction] or [model, X, y] | metric            |
| `col`    | columns or keys of a table or record       | [table]                   | cols or except                    |
| `setcol` | a table or dict with one column assigned   | [table, value]            | col                               |
| `drop`   | a table without some columns               | [table]                   | cols                              |
| `subset` | some rows of the input                     | [data, mask or index]     | how, lo, hi                       |
| `concat` | rows of several inputs together            | the inputs                |                                   |
| `stat`   | a statistic of the input (mean, max, ...)  | [data]                    | m                                 |
| `select` | the best of several (argmax, max, sort)    | [scores]                  | m                                 |
| `llm`    | a call that sends text to a model          | the arguments             | model (literal) / model_in (input)|
| `hash`   | a hash of the inputs (a cache key)         | the inputs                |                                   |
| `call`   | a call the layer knows nothing about       | receiver and arguments    | fn (qualified), m, lits, kw       |
| `apply`  | a value called like a function (a model)   | [callee, args...]         | kw                                |
| `fn`     | a function of the repo used as a value     |                           | fn                                |
| `import` | a name imported from another module        |                           | qn                                |
| `global` | a module-level name read before it is bound|                           | name                              |
| `selfattr`| `self.x` read before any method bound it  |                           | cls, attr                         |
| `elem`   | an element of a container (loop variable)  | [container]               | index, loop                       |
| `comp`   | a comprehension                            | [element, (key)]          | filter, except, only              |
| `loop`   | a `for` / `while` head                     | [iterable or test]        |                                   |
| `guard`  | an `if` test (nodes in its body carry it)  | [test, outer guard]       | neg                               |
| `effect` | `break`, `return`, a save, in a guard      | [what it saves]           | what                              |
| `cmp`    | a comparison                               | the operands              | op, lits                          |
| `op`     | anything else derived from its inputs      | the operands              | op, text, a                       |

Every node also records its line (for notebooks: the line of the code cells joined in document
order), the guard it sits under (0 when none) and the function it belongs to (0: module level).
`info["name"]` is the variable a fresh value was first bound to.
"""
from __future__ import annotations

from array import array

import sys

from dataclasses import dataclass, field
from typing import Any

FORMAT = 1

# Row layout of a serialised node: [kind, line, inputs, info, guard, function].
KIND, LINE, INPUTS, INFO, GUARD, FUNC = range(6)

# Kinds whose value holds rows of data chosen by the node itself (not just passed through).
ROW_DEFINING = frozenset({"src", "part", "subset", "concat", "param", "elem", "global", "import", "selfattr"})
# Kinds that read their input's rows only through some of their inputs.
ROW_INPUTS: dict[str, tuple[int, ...]] = {"xform": (1,), "pred": (1, 2, 3, 4), "apply": (1, 2, 3, 4), "fit": (),
                                          "metric": (), "guard": (), "loop": (), "effect": (), "hash": ()}


@dataclass
class Function:
    """One function or method of a file: where its parameters and returns are in the graph."""

    qualname: str  # "train", "StayFeaturizer.build", "main.<locals>._call"
    line: int
    params: list[int] = field(default_factory=list)  # node ids of kind "param", in order
    returns: list[int] = field(default_factory=list)  # node ids returned
    owner: str = ""  # the class, for methods

    def to_json(self) -> list[Any]:
        return [self.qualname, self.line, self.params, self.returns, self.owner]

    @classmethod
    def from_json(cls, row: list[Any]) -> Function:
        return cls(row[0], row[1], list(row[2]), list(row[3]), row[4])


@dataclass
class Graph:
    """The dataflow graph of one file. Node 0 is a placeholder: id 0 means "no data"."""

    path: str
    module: str
    nodes: list[Any] = field(default_factory=list)  # rows: lists while built, tuples once read back
    functions: list[Function] = field(default_factory=list)  # index 0 is the module level
    # Final module-level binding of each name, and what `self.<attr>` is bound to per class.
    bindings: dict[str, int] = field(default_factory=dict)
    attributes: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    # Notebooks: joined line -> [cell, line in cell].
    cells: dict[int, list[int]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "module": self.module, "nodes": self.nodes,
                "functions": [f.to_json() for f in self.functions], "bindings": self.bindings,
                "attributes": self.attributes, "cells": {str(k): v for k, v in self.cells.items()}}

    @classmethod
    def from_json(cls, path: str, data: dict[str, Any], shared: dict[Any, Any] | None = None) -> Graph | None:
        """The graph of a file, its rows made compact (see `_compact`); `shared` is the table of
        values shared between the graphs of one program."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        return cls(path, data.get("module", ""), _compact(data["nodes"], {} if shared is None else shared),
                   [Function.from_json(r) for r in data["functions"]],
                   data.get("bindings", {}), data.get("attributes", {}),
                   {int(k): v for k, v in data.get("cells", {}).items()})


# A node of the linked program (`program.Program`) is a `Ref`: the file's index and the node id in one int.
Ref = int
SHIFT = 20
MASK = (1 << SHIFT) - 1


def ref_of(file: int, node: int) -> Ref:
    return (file << SHIFT) | node


def _compact(nodes: list[list[Any]], shared: dict[Any, Any]) -> list[Any]:
    """The rows as tuples, with equal values stored once: the repo phase holds every file's graph
    (issue 12), and decoded JSON makes one object per value. The kind and text values are interned;
    line numbers and node ids, input tuples and info dicts (keyed with their values' types, so that
    1 and True stay apart) equal to one seen before in any file of the program are that one. Rows
    and info dicts are read only: `Program.set_info` replaces an info. This takes the graphs of
    143k lines of transformers' models/ from 53 MB to 27 MB."""
    intern = sys.intern
    one = shared.setdefault
    rows: list[Any] = []
    for row in nodes:
        if not row or not isinstance(row[KIND], str):  # node 0, the placeholder
            rows.append(tuple(row))
            continue
        info = row[INFO]
        if isinstance(info, dict):
            for key, value in info.items():
                if type(value) is str:
                    info[key] = intern(value)
            try:
                info = one(("i", *((k, v, type(v)) for k, v in info.items())), info)
            except TypeError:  # a list or dict value: kept as it is
                pass
        inputs = row[INPUTS]
        if isinstance(inputs, list):
            inputs = tuple(one(i, i) for i in inputs)
            inputs = one(inputs, inputs)
        rows.append((intern(row[KIND]), one(row[LINE], row[LINE]), inputs, info, one(row[GUARD], row[GUARD]),
                     one(row[FUNC], row[FUNC]), *row[FUNC + 1:]))
    return rows


def reverse_edges(nodes: Any) -> tuple[array[int], array[int]]:
    """Who uses each node of one file, as two flat arrays (node n's users are
    `users[offsets[n]:offsets[n + 1]]`, in node order): a list per node held 70 MB on a large tree."""
    offsets = array("l", bytes(array("l").itemsize * (len(nodes) + 1)))
    for node in nodes:
        for source in node[INPUTS]:
            if source:
                offsets[source + 1] += 1
    for n in range(len(nodes)):
        offsets[n + 1] += offsets[n]
    users = array("l", bytes(array("l").itemsize * offsets[len(nodes)]))
    fill = offsets[:-1]
    for number, node in enumerate(nodes):
        for source in node[INPUTS]:
            if source:
                users[fill[source]] = number
                fill[source] += 1
    return offsets, users
