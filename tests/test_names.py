from __future__ import annotations

from hygiene.analysis.names import module_name_for
from tests.helpers import calls


def _names(source: str, module_name: str = "pkg.mod") -> dict:
    return calls(source, lambda ctx, node: ctx.names.qualified_name(node.func), module_name)


def test_import_aliases_resolve():
    seen = _names("""
        import numpy as np
        import torch as T
        from sklearn.model_selection import train_test_split as tts
        import os.path
        np.random.rand(3)
        tts(X, y)
        T.manual_seed(0)
        os.path.join("a")
    """)
    assert seen["np.random.rand"] == "numpy.random.rand"
    assert seen["tts"] == "sklearn.model_selection.train_test_split"
    assert seen["T.manual_seed"] == "torch.manual_seed"
    assert seen["os.path.join"] == "os.path.join"


def test_instances_aliases_and_self_attributes():
    seen = _names("""
        from sklearn.preprocessing import StandardScaler
        import numpy
        scaler = StandardScaler()
        scaler.fit(X)
        npr = numpy.random
        npr.seed(1)
        class Judge:
            def __init__(self):
                self.scaler = StandardScaler()
            def run(self, X):
                self.scaler.transform(X)
    """)
    assert seen["scaler.fit"] == "sklearn.preprocessing.StandardScaler().fit"
    assert seen["npr.seed"] == "numpy.random.seed"
    assert seen["self.scaler.transform"] == "sklearn.preprocessing.StandardScaler().transform"


def test_shadowing_by_parameters_and_assignment():
    seen = _names("""
        import random
        def draw(random):
            random.choice([1, 2])
        def other():
            random = Thing()
            random.shuffle(x)
        random.sample(x, 2)
    """)
    assert seen["random.choice"] is None
    assert seen["random.shuffle"] is None
    assert seen["random.sample"] == "random.sample"


def test_function_local_imports_stay_local():
    seen = _names("""
        def f():
            import numpy as np
            np.zeros(1)
        np.ones(1)
    """)
    assert seen["np.zeros"] == "numpy.zeros"
    assert seen["np.ones"] is None


def test_local_definitions_and_relative_imports():
    seen = _names("""
        from .features import preprocess
        from . import utils
        from ..common import seed_all
        def helper():
            pass
        helper()
        preprocess(X)
        utils.load()
        seed_all(0)
        print("x")
    """, module_name="pkg.sub.mod")
    assert seen["helper"] == "pkg.sub.mod.helper"
    assert seen["preprocess"] == "pkg.sub.features.preprocess"
    assert seen["utils.load"] == "pkg.sub.utils.load"
    assert seen["seed_all"] == "pkg.common.seed_all"
    assert seen["print"] == "builtins.print"


def test_annotated_parameters_are_instances():
    seen = _names("""
        import torch.nn as nn
        def evaluate(model: nn.Module, loader):
            model.eval()
            loader.dataset.sample()
    """)
    assert seen["model.eval"] == "torch.nn.Module().eval"
    assert seen["loader.dataset.sample"] is None


def test_module_names_follow_packages():
    packages = frozenset({"src/pkg", "icu"})
    assert module_name_for("src/pkg/mod.py", packages) == "pkg.mod"
    assert module_name_for("icu/features.py", packages) == "icu.features"
    assert module_name_for("icu/__init__.py", packages) == "icu"
    assert module_name_for("scripts/train.py", packages) == "train"
    assert module_name_for("train.py", packages) == "train"


def test_star_import_of_a_known_module_binds_its_known_names_only():
    seen = _names("""
        from sklearn.metrics import *
        from mylib.helpers import *
        classification_report(a, b)
        mystery(a)
    """)
    assert seen["classification_report"] == "sklearn.metrics.classification_report"
    assert seen["mystery"] is None


def test_remembered_answers_follow_rebinding_and_scope_swaps():
    """`qualified_name` remembers its answers per node (issue 12) only while no binding changes and
    only for the scope asked from: a look-ahead query before a rebinding, and a query with the scope
    set to the module's (`apis.llm._static_name`), answer as a fresh resolution would."""
    import libcst as cst

    from hygiene.analysis.names import NameResolver
    from hygiene.walk import Dispatch, iter_nodes, walk

    module = cst.parse_module(
        "import torch\n"
        "def f(example):\n"
        "    example = example.copy()\n"
        "    example = torch.load(p)\n"
        "    example.pop('x')\n"
    )
    resolver = NameResolver(module, "pkg.mod")
    pops = [n for n in iter_nodes(module) if isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value == "pop"]
    seen: list[tuple[str | None, str | None]] = []

    class Asker:
        def visit_Assign(self, node: cst.Assign) -> None:  # asks ahead, before the rebinding
            resolver.qualified_name(pops[0].func)

        def visit_Call(self, node: cst.Call) -> None:
            if node is pops[0]:
                here = resolver.qualified_name(node.func)
                saved, resolver.scope = resolver.scope, resolver.module_scope
                try:
                    at_module = resolver.qualified_name(node.func)
                finally:
                    resolver.scope = saved
                seen.append((here, at_module))

    walk(module, Dispatch([resolver, Asker()]), [])
    assert seen == [("torch.load().pop", None)]


def test_binding_names_through_tuples_and_stars():
    import libcst as cst

    from hygiene.analysis.names import binding_names, binds_only_names

    target = cst.parse_expression("(a, [b, *rest], self.x, d[k])")
    assert [n.value for n in binding_names(target)] == ["a", "b", "rest"]
    assert not binds_only_names(target)
    assert binds_only_names(cst.parse_expression("(a, [b, *rest])"))
    assert not binds_only_names(cst.parse_expression("self.x"))
