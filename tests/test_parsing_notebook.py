"""IPython syntax in notebook cells becomes Python that parses, with the same line numbers.

The cases come from real notebooks (handson-ml2's Colab set-up cells, a Coursera SQL notebook)
whose cells were skipped as syntax errors, and with them the seeds they set.
"""
from __future__ import annotations

import ast
import json

import pytest

from hygiene.parsing.notebook import cell_python, load


def parses_keeping_lines(source: str) -> str:
    python = cell_python(source)
    ast.parse(python)
    assert python.count("\n") == source.count("\n")
    return python


def test_a_magic_alone_in_a_block_keeps_the_block() -> None:
    source = "try:\n    %tensorflow_version 2.x\nexcept Exception:\n    pass\nimport numpy as np\nnp.random.seed(42)\n"
    assert "np.random.seed(42)" in parses_keeping_lines(source)


def test_a_shell_line_alone_under_an_if() -> None:
    parses_keeping_lines("if IS_COLAB or IS_KAGGLE:\n    %pip install -q -U urlextract\n")
    parses_keeping_lines("for f in files:\n    !rm {f}\nx = 1")


def test_a_shell_command_continued_with_backslashes() -> None:
    source = ("!saved_model_cli run --dir {model_path} --tag_set serve \\\n"
              "                     --signature_def serving_default    \\\n"
              "                     --inputs {input_name}=my_mnist_tests.npy")
    parses_keeping_lines(source)


@pytest.mark.parametrize("magic", ["%%sql", "%%sql mysql://user@host/db", "%%bigquery df", "%%R -i df",
                                   "%%cython", "%%file setup.py", "%%writefile x.py", "%%python3"])
def test_cell_magics_whose_body_is_not_python(magic: str) -> None:
    python = parses_keeping_lines(f"{magic}\nSELECT test_name, AVG(rating) AS AVG_Rating\nFROM reviews\nGROUP BY test_name;")
    assert "SELECT" not in python.replace("# ipython: SELECT", "")


@pytest.mark.parametrize("magic", ["%%time", "%%timeit -n 3", "%%capture", "%%capture captured --no-stderr",
                                   "%%prun"])
def test_cell_magics_whose_body_is_python(magic: str) -> None:
    python = parses_keeping_lines(f"{magic}\nmodel.fit(X_train, y_train)\n")
    assert "\nmodel.fit(X_train, y_train)" in python


def test_a_timed_statement_keeps_its_assignment() -> None:
    python = parses_keeping_lines("%time scores = cross_val_score(model, X, y)\nprint(scores)")
    assert ast.parse(python).body[0].targets[0].id == "scores"  # type: ignore[attr-defined]


def test_a_modulo_continuation_inside_brackets_is_python() -> None:
    python = parses_keeping_lines("share = (part\n         % total)\n")
    assert "% total" in python and "ipython" not in python


def test_a_notebook_with_a_sql_cell_and_a_colab_cell_skips_no_cell() -> None:
    cells = [
        {"cell_type": "code", "source": "try:\n    %tensorflow_version 2.x\nexcept Exception:\n    pass\n",
         "execution_count": 1, "outputs": []},
        {"cell_type": "code", "source": "%%sql\nSELECT a, b FROM t\nGROUP BY a;", "execution_count": 2,
         "outputs": []},
        {"cell_type": "code", "source": "import numpy as np\nnp.random.seed(42)", "execution_count": 3,
         "outputs": []},
    ]
    notebook = load(json.dumps({"cells": cells, "nbformat": 4}).encode())
    assert notebook.skipped == []


def test_percent_operator_on_a_continuation_line_is_not_a_magic():
    source = ("print('Epoch: %d | Loss: %.4f' \\\n"
              "      %(epoch, loss)) ")
    assert cell_python(source) == source
    ast.parse(cell_python(source))


def test_continuation_after_a_magic_in_the_same_cell():
    source = ("%matplotlib inline\n"
              "print('%d items' \\\n"
              "      % n)")
    converted = cell_python(source)
    assert converted.splitlines()[0].startswith("# ipython:")
    assert converted.splitlines()[2] == "      % n)"
    ast.parse(converted)


def test_magics_and_shell_lines_are_neutralised():
    converted = cell_python("!pip install torch\n%load_ext autoreload\nfiles = !ls\nx = 1")
    ast.parse(converted)
    assert converted.splitlines()[3] == "x = 1"


def test_automagic_lines_without_their_percent() -> None:
    # held-out 15 (world-models): fifteen notebooks start with a cell `cd ..` (IPython's automagic)
    assert parses_keeping_lines("cd ..\nimport torch\n").startswith("# ipython: cd ..")
    assert "import torch" in parses_keeping_lines("pip install torch\nimport torch\n")
    assert parses_keeping_lines("for d in dirs:\n    cd ..\n") == "for d in dirs:\n    pass  # ipython: cd ..\n"
    # Python that only looks like one stays as it is
    assert parses_keeping_lines("cd = 3\nprint(cd)\n") == "cd = 3\nprint(cd)\n"
    assert parses_keeping_lines("ls -la\n") == "ls -la\n"
