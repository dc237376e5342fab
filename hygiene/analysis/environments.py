"""Reinforcement-learning environments and spaces whose own generators a file never seeds.

A gym / gymnasium environment draws from generators of its own: the environment's `np_random`
(initial states, stochastic transitions), seeded by `env.seed(s)` (gym < 0.26) or `env.reset(seed=s)`,
and one generator per space (`env.action_space.sample()`), seeded only by `space.seed(s)`. The
global seeds (`random.seed`, `np.random.seed`, `torch.manual_seed`) reach none of them. A vector
environment's batched `action_space` is a space of its own, not the sub-environments' (seeding
those in the factory thunk leaves it unseeded); its `single_action_space` is the first
sub-environment's.

`EnvironmentTracker` records, during the shared walk of one file, which names are environments
(`.reset()` and `.step()` are called on them, and the file imports an environment library or
reads their spaces), where each is made, and what seeds them anywhere in the file: a seeding
call on the same name, a seed passed to the maker (`make_vec_env(..., seed=s)`), a maker
defined in the file that seeds what it makes (a `make_env` thunk), or the environment passed to
a seeding helper (`set_seed(seed, env)`). A maker imported from another module of the repo is not
seen, so such an environment is left alone.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from hygiene.analysis.apis import rng
from hygiene.analysis.names import dotted
from hygiene.analysis.unused_draws import unused
from hygiene.context import FileContext
from hygiene.walk import nodes_outside_functions

# Libraries whose `make` returns an environment (and whose import makes `.reset()/.step()` an env).
ENV_LIBRARIES = frozenset({"gym", "gymnasium", "envpool", "procgen", "dm_control", "metaworld", "pettingzoo",
                           "minigrid", "gym_minigrid", "d4rl", "stable_baselines3", "sb3_contrib", "safety_gym",
                           "safety_gymnasium", "mujoco_py", "atari_py", "ale_py", "highway_env", "vizdoom"})
_SEED_KEYWORDS = ("seed", "seeds", "rand_seed", "random_seed", "env_seed")
SPACES = ("action_space", "observation_space", "single_action_space", "single_observation_space")
# Calls whose arguments are only looked at for their shapes (initialising a network).
_SHAPE_ONLY = frozenset({"init", "init_with_output", "tabulate", "summary", "eval_shape", "trace", "jit"})
# Calls through which a script reports what it measured (a number printed, logged or written).
_REPORTS = frozenset({"print", "log", "info", "add_scalar", "add_scalars", "log_tabular", "dump_tabular",
                      "log_metrics", "log_dict", "store", "record", "dump", "write", "writerow", "writerows", "savetxt",
                      "to_csv", "to_json", "to_parquet",
                      "save", "log_scalar", "pprint"})


@dataclass
class Environment:
    name: str
    made: list[cst.Call] = field(default_factory=list)  # calls assigned to the name, in order
    made_in: list[str] = field(default_factory=list)  # the outermost function or class of each
    used_in: set[str] = field(default_factory=set)  # where it is reset or stepped
    reset: bool = False
    step: bool = False
    seeded: bool = False

    def anchor(self) -> cst.Call:
        """The call that made the environment the code runs: the first one in a scope that resets
        or steps it (`env = make_env(...)` in `main`, not `env = gym.make(...)` inside `make_env`)."""
        return next((c for c, s in zip(self.made, self.made_in) if s in self.used_in), self.made[0])


@dataclass
class SpaceDraw:
    owner: str  # `envs` in `envs.action_space.sample()`
    space: str
    call: cst.Call


class EnvironmentTracker:
    """Feed it every call and assignment of one file; ask `unseeded()` when the walk is over."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        bindings = ctx.names.module_scope.bindings.values() if ctx.names is not None else ()
        self.imports_env = any((v or "").split(".", 1)[0] in ENV_LIBRARIES for v in bindings)
        self.envs: dict[str, Environment] = {}
        self.spaces_read: set[str] = set()
        self.space_draws: list[SpaceDraw] = []
        self.space_seeds: set[tuple[str, str]] = set()
        self.global_seeds: set[str] = set()
        self.seeding_functions: set[str] = set()  # functions of this file that seed an environment
        self.space_seeding_functions: dict[str, set[str]] = {}  # ... and the kinds of space they seed
        self.seed_helper_args: set[str] = set()  # names passed to `set_seed(seed, env)`-like helpers
        self.handing_functions: set[str] = set()  # functions here that hand their seed to another module's maker
        self.reports = False
        self.local_classes: set[str] = set()  # environments written here draw through code the other rules see
        self.imports_torch = any((v or "").startswith("torch") for v in bindings)

    def _env(self, name: str) -> Environment:
        return self.envs.setdefault(name, Environment(name))

    def _outermost(self) -> str:
        scope, outer = self.ctx.names.scope, ""
        while scope is not None and scope.kind != "module":
            outer, scope = scope.name, scope.parent
        return outer

    def _enclosing_functions(self) -> list[str]:
        names, scope = [], self.ctx.names.scope
        while scope is not None and scope.kind != "module":
            if scope.kind == "function":
                names.append(scope.name)
            scope = scope.parent
        return names

    def see_assign(self, node: cst.Assign) -> None:
        pairs: list[tuple[cst.BaseExpression, cst.BaseExpression]] = []
        for target in node.targets:
            if isinstance(target.target, cst.Tuple) and isinstance(node.value, cst.Tuple) \
                    and len(target.target.elements) == len(node.value.elements):
                pairs += [(t.value, v.value) for t, v in zip(target.target.elements, node.value.elements)]
            else:
                pairs.append((target.target, node.value))
        for target, value in pairs:
            name = dotted(target) if isinstance(target, (cst.Name, cst.Attribute)) else None
            if name and isinstance(value, cst.Call):
                env = self._env(name)
                env.made.append(value)
                env.made_in.append(self._outermost())

    def see_class(self, node: cst.ClassDef) -> None:
        self.local_classes.add(node.name.value)

    def see_attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in SPACES:
            owner = dotted(node.value)
            if owner:
                self.spaces_read.add(owner)

    def see_call(self, node: cst.Call) -> None:
        func = node.func
        tail = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        if tail in _REPORTS:
            self.reports = True
        qualified = self.ctx.names.qualified_name(func)
        event = rng.classify(qualified, node, tail, self.imports_torch)
        if isinstance(event, rng.Seed):
            self.global_seeds.update(event.gens)
        own = self.ctx.names.module_name or ""
        if qualified and qualified.split(".", 1)[0] not in ENV_LIBRARIES and not qualified.startswith((own + ".", "builtins.")) \
                and any(a.keyword is None and _names_seed(a.value) for a in node.args):
            # `make_env(name, seed, folder)` of another module inside a maker of this file: what it
            # does with the seed is not seen here, so what that maker makes is left alone
            self.handing_functions.update(self._enclosing_functions())
        if rng.seed_like(tail) or tail == "seed":
            for arg in node.args:
                if isinstance(arg.value, (cst.Name, cst.Attribute)):
                    self.seed_helper_args.add(dotted(arg.value) or "")
        if not isinstance(func, cst.Attribute):
            return
        owner = dotted(func.value)
        if owner is None:
            return
        if owner.rsplit(".", 1)[-1] in SPACES:
            base, space = owner.rsplit(".", 1) if "." in owner else ("", owner)
            self.spaces_read.add(base)
            if tail == "sample" and "action" in space and not self._shape_only():
                self.space_draws.append(SpaceDraw(base, space, node))
            elif tail == "seed" and _seed_given(node):
                self.space_seeds.add((base, space))
                for function in self._enclosing_functions():
                    self.space_seeding_functions.setdefault(function, set()).add(space.removeprefix("single_"))
            return
        if tail in ("reset", "step"):
            self._env(owner).used_in.add(self._outermost())
        if tail == "reset":
            env = self._env(owner)
            env.reset = True
            if any(a.keyword is not None and a.keyword.value == "seed" and not _is_none(a.value) for a in node.args):
                env.seeded = True
                self.seeding_functions.update(self._enclosing_functions())
        elif tail == "step":
            self._env(owner).step = True
        elif tail == "seed" and _seed_given(node) and owner.split(".", 1)[0] not in ("random", "np", "numpy", "torch"):
            self._env(owner.removesuffix(".unwrapped")).seeded = True
            self.seeding_functions.update(self._enclosing_functions())

    def _shape_only(self) -> bool:
        """`qf.init(key, obs, envs.action_space.sample())`: a dummy input whose values decide nothing."""
        for parent in reversed(self.ctx.parents):
            if isinstance(parent, cst.Call):
                func = parent.func
                tail = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
                if tail in _SHAPE_ONLY:
                    return True
            elif isinstance(parent, cst.Assign):  # `ac = space.sample()  # for the datatype`, bound again before use
                scope = next((p for p in reversed(self.ctx.parents) if isinstance(p, cst.FunctionDef)), self.ctx.module)
                return scope is not None and unused(scope, parent)
            elif isinstance(parent, cst.BaseSmallStatement):
                return False
        return False

    # -- after the walk ---------------------------------------------------------------------------
    def _maker_seeds(self, call: cst.Call) -> bool | None:
        """Does the call that made an environment seed it? None when the maker is another module's."""
        found: bool | None = False
        for sub in _calls_in(call):
            func = sub.func
            tail = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
            if any(a.keyword is not None and a.keyword.value in _SEED_KEYWORDS and not _is_none(a.value)
                   for a in sub.args):
                return True
            if tail in self.seeding_functions:
                return True
            if sub is call and tail in self.handing_functions:
                return None
            if sub is call and tail in self.local_classes:
                return None  # an environment class of this file: what it draws is this file's code
            name = self.ctx.names.qualified_name(func)
            root = (name or "").split(".", 1)[0]
            own = self.ctx.names.module_name or ""
            if name and root not in ENV_LIBRARIES and not name.startswith(own + ".") and sub is call \
                    and not name.startswith("builtins."):
                found = None  # a maker imported from elsewhere: what it does is not seen here
        return found

    def _space_unseeded(self, owner: Environment, space: str, seeded_kinds: set[str]) -> bool:
        """Is `owner.<space>` a space nothing seeds? A vector environment's batched space is its
        own (seeding the sub-environments' spaces in the thunk leaves it unseeded); its
        `single_*` space is the first sub-environment's. A library maker given a seed seeds
        the spaces too; a maker imported from elsewhere is not seen."""
        kind = space.removeprefix("single_")
        vector = any(_vector(self.ctx.names.qualified_name(c.func) or dotted(c.func) or "") for c in owner.made)
        for call in owner.made:
            for sub in _calls_in(call):
                func = sub.func
                tail = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
                if any(a.keyword is not None and a.keyword.value in _SEED_KEYWORDS and not _is_none(a.value)
                       for a in sub.args):
                    return False
                if kind in self.space_seeding_functions.get(tail, ()) and (space.startswith("single_") or not vector):
                    return False
        if space.startswith("single_") and kind in seeded_kinds:
            return False  # the first sub-environment's space, seeded where the sub-environments are made
        return self._maker_seeds(owner.anchor()) is not None

    def is_environment(self, env: Environment) -> bool:
        return env.reset and env.step and (self.imports_env or env.name in self.spaces_read)

    def unseeded(self) -> tuple[list[Environment], list[SpaceDraw]]:
        """Environments made and run in this file that nothing seeds, and draws from unseeded
        spaces; empty unless the file seeds some global generator (it means to be reproducible)
        and reports what it measures."""
        if not self.global_seeds or not self.reports:
            return [], []
        envs = []
        for env in self.envs.values():
            if not env.made or not self.is_environment(env) or env.seeded or env.name in self.seed_helper_args:
                continue
            verdicts = [self._maker_seeds(call) for call in env.made]
            if self._maker_seeds(env.anchor()) is None or any(verdicts):
                continue
            envs.append(env)
        seeded_kinds = {space.removeprefix("single_") for _, space in self.space_seeds}
        draws = []
        for draw in self.space_draws:
            owner = self.envs.get(draw.owner)
            if (draw.owner, draw.space) in self.space_seeds or owner is None or not owner.made:
                continue  # seeded, or an environment made elsewhere (the caller's to seed)
            if not self._space_unseeded(owner, draw.space, seeded_kinds):
                continue
            draws.append(draw)
        return envs, draws


def _vector(name: str) -> bool:
    """`gym.vector.SyncVectorEnv`, `gymnasium.make_vec`, `envpool.make`, SB3's `DummyVecEnv`."""
    low = name.lower()
    return "vector" in low or "vecenv" in low or "make_vec" in low or low.startswith("envpool")


def _seed_given(node: cst.Call) -> bool:
    args = [a for a in node.args if not a.star]
    return bool(args) and not _is_none(args[0].value)


def _names_seed(expr: cst.BaseExpression) -> bool:
    """`FLAGS.seed`, `args.seed + 42`, `seed`: a seed handed on by position."""
    if isinstance(expr, cst.BinaryOperation):
        return _names_seed(expr.left) or _names_seed(expr.right)
    name = dotted(expr) if isinstance(expr, (cst.Name, cst.Attribute)) else None
    return bool(name) and name.rsplit(".", 1)[-1] in _SEED_KEYWORDS


def _is_none(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "None"


def _calls_in(call: cst.Call) -> list[cst.Call]:
    """The call and the calls in its arguments (`SyncVectorEnv([make_env(i) for i in ...])`)."""
    return nodes_outside_functions(call, cst.Call)
