"""Why an order that decides something is a checklist question rather than a finding (SEED007, SEED008):
the file's purpose by where it sits and what it is called (`hygiene.analysis.purpose`)."""
from __future__ import annotations

from hygiene.analysis.purpose import _FIGURE_WORDS, _words, in_data_folder, named_for_figures, teaching


def order_ask(path: str, function: str | None) -> str:
    """Why an order that decides something in `path` (in `function`) is a checklist question rather
    than a finding (SEED007, SEED008), or "": a data builder's output is committed data; teaching
    material demonstrates; a plotting helper (`utils/plots.py`, `def plot_results`) orders a legend
    or the panels of a figure, not a reported number."""
    if in_data_folder(path):
        return "its output is committed data (a data builder), not a reported number"
    if teaching(path):
        return "it is teaching material (a tutorial or a course): what it computes demonstrates, it is not a reported number"
    if demo(path):
        return "it is a demo (`demo/`, `demo.ipynb`): the files it picks are examples to show, not a reported number"
    if named_for_figures(path) or (function and _words(function.replace("_", " ")) & _FIGURE_WORDS):
        return "it decides a figure (the order of a legend, of panels or colours), not a reported number"
    return ""


def demo(path: str) -> bool:
    """Is `path` a demo by its folder or name (`Demo/Inference.ipynb`, `demos/`, `demo_tts.py`)?"""
    parts = path.split("/")
    return any(_words(part.replace("-", " ").replace("_", " ")) & _DEMO for part in [*parts[:-1], parts[-1].rsplit(".", 1)[0]])


_DEMO = frozenset({"demo", "demos", "showcase", "playground"})
