"""hygiene.spellings: examples tagged by how their code is written, for docs/spellings.md."""
import json

from hygiene.rule import Rule, invalid, valid
from hygiene.spellings import paired, table, tags


def test_shapes_come_from_the_syntax_tree():
    assert tags(valid("import numpy as np\nx = np.zeros(3)\n")) == {"module level", "numpy"}
    assert tags(valid("def f():\n    return 1\n")) == {"function"}
    asynchronous = tags(valid("import asyncio\nclass A:\n    async def go(self):\n        await asyncio.sleep(0)\n"))
    assert {"class", "async", "function", "asyncio"} <= asynchronous and "module level" not in asynchronous
    config = tags(valid("from dataclasses import dataclass\n@dataclass\nclass C:\n    seed: int = 0\n"))
    assert {"class", "dataclass"} <= config


def test_library_tags_from_absolute_imports_only():
    assert "torch" in tags(valid("from torch.utils.data import DataLoader\n"))
    assert "lightgbm" in tags(valid("import lightgbm as lgb\n"))
    # a relative import of a module that happens to be called `torch` is the project's own code
    assert "torch" not in tags(valid("from .torch import helpers\n"))


def test_files_give_notebook_module_split_and_data_tags():
    nb = {"cells": [{"cell_type": "code", "source": ["import pandas as pd\n", "df = pd.read_csv('a.csv')"]},
                    {"cell_type": "markdown", "source": ["import torch"]}]}
    example = invalid({"analysis.ipynb": json.dumps(nb), "helpers.py": "def g():\n    pass\n", "conf.yaml": "a: 1\n"})
    assert tags(example) == {"notebook", "across modules", "config or data file", "module level", "pandas", "function"}


def test_a_rule_table_counts_flagged_and_clean_examples_per_spelling():
    class Demo(Rule):
        code = "DEMO001"
        examples = [invalid("import random\nrandom.random()\n"), invalid("def f():\n    pass\n"),
                    valid("import random\nrandom.seed(0)\n")]

    rows = table(Demo)
    assert rows["module level"] == (1, 1) and rows["random (stdlib)"] == (1, 1) and rows["function"] == (1, 0)
    assert paired(rows) == 2
