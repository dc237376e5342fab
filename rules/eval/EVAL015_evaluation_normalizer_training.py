"""EVAL015: an evaluation environment wrapped in a running normalizer that is left in training mode."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.labelwords import EVAL_WORDS, expression_names, says
from hygiene.analysis.strings import string_value
from hygiene.analysis.modules import locate_defined
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, valid, notebook

# Wrappers whose running mean and variance update on every step while they are in training mode.
NORMALIZERS = ("VecNormalize", "NormalizeObservation", "NormalizeReward")
# How the updating is switched off: SB3's `training`, gymnasium's `update_running_mean`.
# Calls whose environment argument is the one evaluated.
EVALUATORS = frozenset({"evaluate_policy", "EvalCallback"})
FREEZE_FLAGS = frozenset({"training", "update_running_mean"})


def _false(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value in ("False", "None")


class _Scope:
    def __init__(self) -> None:
        # call, wrapper, said eval, its ** dict, the name it is assigned to, frozen by a keyword
        self.wraps: list[tuple[cst.Call, str, bool, str | None, str | None, bool, int]] = []
        self.eval_kwargs: dict[str, cst.CSTNode] = {}  # dict name -> where an eval branch set it
        # names of keyword dicts switched out of training; environments with when (a count of events)
        self.frozen: set[str] = set()
        self.frozen_envs: list[tuple[str, int]] = []
        self.events = 0
        self.evaluated: set[str] = set()  # names handed to `evaluate_policy` or `EvalCallback`
        self.trained: set[str] = set()  # names handed to a model as its `env=` (trained on)
        self.name = ""  # the function's name
        self.returned: set[str] = set()  # names returned, and "()" for a wrapper call returned as it is
        self.results: dict[str, tuple[str, int, bool]] = {}  # name -> (repo function it holds, line, named eval)
        self.switched = False  # something here is switched to evaluation (`vec_norm.eval()`, `x.training = False`)


class EvaluationNormalizerTraining(Rule):
    """
    ## What it does
    Finds an environment used for evaluation wrapped in a normalizer with running statistics
    (stable-baselines3's `VecNormalize`, created or `VecNormalize.load`ed; gymnasium's
    `NormalizeObservation`) that is never switched out of training mode: no `training=False`
    (SB3) or `update_running_mean = False` (gymnasium). The evaluation environment is recognised
    by its name (`eval_env`, `test_env`), by `evaluate_policy` or `EvalCallback` receiving it, by an
    `if eval_env:` branch around it, or by the keyword
    dict an evaluation branch fills (`kwargs["norm_reward"] = False`) before `VecNormalize(env,
    **kwargs)`.

    ## Why is this bad?
    In training mode the wrapper updates its observation mean and variance on every evaluation
    step, so the policy is scored on inputs normalized by statistics that drift with the evaluation
    episodes themselves (and, with `norm_reward`, on rescaled rewards). The reported return depends
    on how long evaluation ran and differs from what the trained agent sees; the statistics saved
    afterwards are contaminated by evaluation data.

    ## Example
        if eval_env:
            kwargs["norm_reward"] = False
        env = VecNormalize(env, **kwargs)

    Use instead:
        if eval_env:
            kwargs.update(norm_reward=False, training=False)
        env = VecNormalize(env, **kwargs)
    """

    code = "EVAL015"
    category = "EVAL-MODE"
    severity = Severity.WARNING
    message = ("`{wrapper}` normalizes the evaluation environment ({what}) but is never taken out of training "
               "mode: its running statistics keep updating on the evaluation episodes")
    question = "Should the evaluation `{wrapper}` at {where} be frozen (`training=False`, `norm_reward=False`)?"
    triggers = NORMALIZERS + ("evaluate_policy", "EvalCallback", "eval_env")  # a caller of a normalizing helper
    examples = [
        invalid("""
            from stable_baselines3.common.vec_env import VecNormalize

            def maybe_normalize(self, env, eval_env):
                kwargs = dict(self.normalize_kwargs)
                if eval_env:
                    kwargs["norm_reward"] = False  # expect: EVAL015
                return VecNormalize(env, **kwargs)
        """),
        invalid("""
            from stable_baselines3.common.vec_env import VecNormalize
            def wrap(env, path, for_eval, extra):
                if os.path.exists(path):
                    env = VecNormalize.load(path, env)
                    if for_eval:
                        env.training = False
                elif extra is not None:
                    options = dict(extra)
                    if for_eval:
                        options.update(gamma=0.9)
                        options["norm_reward"] = False  # expect: EVAL015
                    env = VecNormalize(env, **options)
                return env
        """, note="the loaded branch is frozen, the created one is not"),
        invalid("""
            from stable_baselines3.common.vec_env import DummyVecEnv, VecNormalize
            eval_env = DummyVecEnv([make_env])
            eval_env = VecNormalize.load("stats.pkl", eval_env)  # expect: EVAL015
            mean_reward, _ = evaluate_policy(model, eval_env)
        """),
        invalid("""
            from stable_baselines3.common import vec_env
            def build(test_env):
                return vec_env.VecNormalize(test_env, norm_obs=True, norm_reward=False)  # expect: EVAL015
        """),
        invalid("""
            import gymnasium as gym
            env_for_eval = gym.wrappers.NormalizeObservation(gym.make("Hopper-v4"))  # expect: EVAL015
        """),
        invalid("""
            from stable_baselines3.common.vec_env import VecNormalize
            from stable_baselines3.common.evaluation import evaluate_policy
            def score(run, venv):
                scorer = VecNormalize.load(f"{run}/vecnormalize.pkl", venv)  # expect: EVAL015
                agent = PPO.load(f"{run}/model.zip", env=scorer)
                return evaluate_policy(agent, scorer, n_eval_episodes=20)
        """, note="evaluated by evaluate_policy, whatever its name"),
        valid("""
            from stable_baselines3 import SAC
            from stable_baselines3.common.vec_env import DummyVecEnv, VecNormalize
            from stable_baselines3.common.evaluation import evaluate_policy
            vec_env = VecNormalize(DummyVecEnv([make]), norm_obs=True)
            model = SAC(env=vec_env, policy="MlpPolicy").learn(10_000)
            mean_return, _ = evaluate_policy(model=model, env=vec_env, n_eval_episodes=20)
            plain = VecNormalize(DummyVecEnv([make]), norm_obs=False, norm_reward=False)
            evaluate_policy(model, plain)
        """, note="the training environment reused, or a wrapper that normalizes nothing"),
        valid("""
            from stable_baselines3.common.vec_env import VecNormalize
            def maybe_normalize(self, env, eval_env):
                kwargs = dict(self.normalize_kwargs)
                if eval_env:
                    kwargs["norm_reward"] = False
                    kwargs["training"] = False
                return VecNormalize(env, **kwargs)
        """, note="the evaluation branch switches training off too"),
        valid("""
            from stable_baselines3.common.vec_env import VecNormalize
            eval_env = VecNormalize.load("stats.pkl", eval_env)
            eval_env.training = False
            eval_env.norm_reward = False
            eval_env = VecNormalize(eval_env, training=False, norm_reward=False)
        """),
        valid("""
            from stable_baselines3.common.vec_env import VecNormalize
            env = VecNormalize(train_env, norm_obs=True, norm_reward=False)
            model.learn(100_000)
        """, note="a training environment: its statistics should update"),
        valid("""
            import gymnasium as gym
            eval_env = gym.wrappers.NormalizeObservation(gym.make("Hopper-v4"))
            eval_env.update_running_mean = False
        """),
        invalid({
            "rl/envs.py": '''
                from stable_baselines3.common.vec_env import DummyVecEnv, VecNormalize

                def load_normalized(env_id, stats_path):
                    venv = DummyVecEnv([lambda: gym.make(env_id)])
                    return VecNormalize.load(stats_path, venv)
            ''',
            "rl/evaluate.py": '''
                from stable_baselines3 import PPO
                from stable_baselines3.common.evaluation import evaluate_policy
                from rl.envs import load_normalized

                def main(run_dir):
                    model = PPO.load(f"{run_dir}/model.zip")
                    eval_env = load_normalized("Hopper-v4", f"{run_dir}/vecnormalize.pkl")  # expect: EVAL015
                    return evaluate_policy(model, eval_env, n_eval_episodes=20)
            ''',
        }, note="across modules: the normalizer loaded by a helper of another module, the evaluation never freezes it"),
        valid({
            "rl/envs.py": '''
                from stable_baselines3.common.vec_env import DummyVecEnv, VecNormalize

                def load_normalized(env_id, stats_path):
                    venv = DummyVecEnv([lambda: gym.make(env_id)])
                    return VecNormalize.load(stats_path, venv)
            ''',
            "rl/evaluate.py": '''
                from stable_baselines3 import PPO
                from stable_baselines3.common.evaluation import evaluate_policy
                from rl.envs import load_normalized

                def main(run_dir):
                    model = PPO.load(f"{run_dir}/model.zip")
                    eval_env = load_normalized("Hopper-v4", f"{run_dir}/vecnormalize.pkl")
                    eval_env.training = False
                    eval_env.norm_reward = False
                    return evaluate_policy(model, eval_env, n_eval_episodes=20)
            ''',
        }, note="near miss: the caller freezes the statistics"),
        invalid({"eval_policy.ipynb": notebook(
            """
            from stable_baselines3.common.vec_env import DummyVecEnv, VecNormalize
            from stable_baselines3.common.evaluation import evaluate_policy
            eval_env = DummyVecEnv([make_env])
            eval_env = VecNormalize.load("logs/vecnormalize.pkl", eval_env)  # expect: EVAL015
            """,
            """
            mean_reward, std_reward = evaluate_policy(model, eval_env, n_eval_episodes=10)
            """,
        )}, note="notebook: the statistics loaded in one cell, evaluated in the next, never frozen"),
        valid({
            "rl/envs.py": '''
                from stable_baselines3.common.vec_env import DummyVecEnv, VecNormalize

                def make_vec_envs(env_id, n):
                    return VecNormalize(DummyVecEnv([lambda: gym.make(env_id)] * n))

                def get_vec_normalize(venv):
                    return venv if isinstance(venv, VecNormalize) else None
            ''',
            "rl/evaluation.py": '''
                from rl.envs import get_vec_normalize, make_vec_envs

                def evaluate(actor_critic, obs_rms, env_id):
                    eval_envs = make_vec_envs(env_id, 4)
                    vec_norm = get_vec_normalize(eval_envs)
                    if vec_norm is not None:
                        vec_norm.eval()
                        vec_norm.obs_rms = obs_rms
                    return run_episodes(actor_critic, eval_envs)
            ''',
        }, note="near miss: the caller freezes the wrapper it gets back from the environment (a2c-ppo-acktr's evaluation.py)"),
        valid({"eval_policy.ipynb": notebook(
            """
            from stable_baselines3.common.vec_env import DummyVecEnv, VecNormalize
            from stable_baselines3.common.evaluation import evaluate_policy
            eval_env = DummyVecEnv([make_env])
            eval_env = VecNormalize.load("logs/vecnormalize.pkl", eval_env)
            """,
            """
            eval_env.training = False
            mean_reward, std_reward = evaluate_policy(model, eval_env, n_eval_episodes=10)
            """,
        )}, note="near miss: frozen in the evaluation cell"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._scopes: list[_Scope] = [_Scope()]
        self._helpers: dict[str, str] = {}  # function of this module -> the unfrozen normalizer it returns
        self._pending: list[dict] = []  # an evaluation environment made by a repo function, never frozen here

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._scopes.append(_Scope())
        self._scopes[-1].name = node.name.value if len(self._scopes) == 2 else ""

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._decide(self._scopes.pop())

    def finish(self) -> None:
        while self._scopes:
            self._decide(self._scopes.pop())
        if self._helpers or self._pending:
            self.ctx.facts[self.code] = {"helpers": self._helpers, "pending": self._pending[:20]}

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        """An evaluation environment made by a function of the repo (another module) that returns a normalizer
        in training mode, and never frozen by the caller."""
        helpers = {(path, h): w for path, facts in repo.facts(cls.code) for h, w in facts.get("helpers", {}).items()}
        for path, facts in repo.facts(cls.code):
            for site in facts.get("pending", []):
                wrapper = helpers.get(locate_defined(repo, site["callee"], path, site["module"]))  # type: ignore[arg-type]
                if wrapper:
                    repo.report(cls, path, site["line"], wrapper=wrapper,
                                what=f"made by `{site['callee'].rsplit('.', 1)[-1]}`, {site['what']}")

    def visit_Return(self, node: cst.Return) -> None:
        value = node.value
        if isinstance(value, cst.Name):
            self._scopes[-1].returned.add(value.value)
        elif isinstance(value, cst.Call) and self._wrapper(value):
            self._scopes[-1].returned.add("()")

    # -- what the scope does ------------------------------------------------------------------
    def visit_Call(self, node: cst.Call) -> None:
        terminal = node.func.attr.value if isinstance(node.func, cst.Attribute) else getattr(node.func, "value", None)
        if terminal == "eval" and isinstance(node.func, cst.Attribute) and not node.args:
            self._scopes[-1].switched = True  # `get_vec_normalize(eval_envs).eval()`: the caller freezes it
        if terminal in EVALUATORS:
            for arg in node.args[:2]:
                if isinstance(arg.value, cst.Name) and (arg.keyword is None or arg.keyword.value in ("env", "eval_env")):
                    self._scopes[-1].evaluated.add(arg.value.value)
        elif terminal != "load":  # `PPO.load(path, env=...)` attaches it for evaluation; a constructor trains on it
            for arg in node.args:
                if arg.keyword is not None and arg.keyword.value == "env" and isinstance(arg.value, cst.Name):
                    self._scopes[-1].trained.add(arg.value.value)
        wrapper = self._wrapper(node)
        if wrapper is None:
            return
        frozen = any(a.keyword is not None and a.keyword.value in FREEZE_FLAGS and _false(a.value) for a in node.args)
        switched_off = {a.keyword.value for a in node.args if a.keyword is not None and _false(a.value)}
        if {"norm_obs", "norm_reward"} <= switched_off:
            return  # it normalizes nothing
        star = next((a.value.value for a in node.args if a.star == "**" and isinstance(a.value, cst.Name)), None)
        parent = self.ctx.parents[-1] if self.ctx.parents else None
        target = None
        if isinstance(parent, cst.Assign) and isinstance(parent.targets[0].target, cst.Name):
            target = parent.targets[0].target.value
        scope = self._scopes[-1]
        scope.events += 1
        scope.wraps.append((node, wrapper, self._says_eval(node), star, target, frozen, scope.events))

    def visit_Assign(self, node: cst.Assign) -> None:
        scope = self._scopes[-1]
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) and isinstance(node.value, cst.Call):
            callee = self.qualified_name(node.value.func)
            name = node.targets[0].target.value
            if callee and "." in callee and "()" not in callee and not self._wrapper(node.value) \
                    and not callee.startswith(("stable_baselines3.", "gym.", "gymnasium.")):
                scope.events += 1
                scope.results[name] = (callee, self.ctx.line_here(node) or 0, says(name, EVAL_WORDS))
            else:
                scope.results.pop(name, None)  # rebound: whatever wraps it now is judged as a wrap of this scope
        for target in node.targets:
            key, owner = self._assigned_key(target.target)
            if key in FREEZE_FLAGS and _false(node.value) and owner:
                scope.events += 1
                if isinstance(target.target, cst.Attribute):
                    scope.frozen_envs.append((owner, scope.events))
                else:
                    scope.frozen.add(owner)
            if key == "norm_reward" and owner and self._in_eval_branch():
                scope.eval_kwargs.setdefault(owner, node)
            if isinstance(target.target, cst.Name) and isinstance(node.value, cst.Dict):
                keys = {string_value(e.key) for e in node.value.elements if isinstance(e, cst.DictElement)}
                for element in node.value.elements:
                    if (isinstance(element, cst.DictElement) and string_value(element.key) in FREEZE_FLAGS
                            and _false(element.value)):
                        scope.frozen.add(target.target.value)
                if "norm_reward" in keys and self._in_eval_branch():
                    scope.eval_kwargs.setdefault(target.target.value, node)

    def _assigned_key(self, target: cst.BaseExpression) -> tuple[str | None, str | None]:
        if isinstance(target, cst.Attribute):
            return target.attr.value, target.value.value if isinstance(target.value, cst.Name) else "?"
        if isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name) and len(target.slice) == 1:
            index = target.slice[0].slice
            if isinstance(index, cst.Index):
                return string_value(index.value), target.value.value
        return None, None

    # -- evaluation or not --------------------------------------------------------------------
    def _wrapper(self, node: cst.Call) -> str | None:
        name = self.qualified_name(node.func) or ""
        for wrapper in NORMALIZERS:
            if name.endswith("." + wrapper) or name == wrapper:
                return wrapper
            if name.endswith(f".{wrapper}.load") and wrapper == "VecNormalize":
                return "VecNormalize.load"
        return None

    def _in_eval_branch(self) -> bool:
        parents = self.ctx.parents
        for i, parent in enumerate(parents[:-1]):
            if isinstance(parent, cst.If) and parents[i + 1] is parent.body:
                if any(says(n, EVAL_WORDS) for n in expression_names(parent.test)):
                    return True
        return False

    def _says_eval(self, node: cst.Call) -> bool:
        if self._in_eval_branch():
            return True
        parent = self.ctx.parents[-1] if self.ctx.parents else None
        if isinstance(parent, (cst.Assign, cst.AnnAssign)):
            targets = [t.target for t in parent.targets] if isinstance(parent, cst.Assign) else [parent.target]
            if any(says(n, EVAL_WORDS) for t in targets for n in expression_names(t)):
                return True
        envs = [a.value for a in node.args if a.keyword is None and not a.star][:2]
        return any(isinstance(e, cst.Name) and says(e.value, EVAL_WORDS) for e in envs)

    def _decide(self, scope: _Scope) -> None:
        frozen_names = {name for name, _ in scope.frozen_envs}
        for name, (callee, line, said_eval) in scope.results.items():
            if not scope.switched and not frozen_names and (said_eval or (name in scope.evaluated and name not in scope.trained)):
                self._pending.append({"callee": callee, "module": self.ctx.names.module_name, "line": line,
                                      "what": "by its name" if said_eval else "handed to the evaluation"})
        if scope.name:
            for call, wrapper, said_eval, star, target, frozen, when in scope.wraps:
                later = {name for name, at in scope.frozen_envs if at > when}
                if not (frozen or star in scope.frozen or target in later or "?" in later or said_eval) and (
                        target in scope.returned or ("()" in scope.returned and target is None)):
                    self._helpers[scope.name] = wrapper  # returned in training mode: its callers decide
        for call, wrapper, said_eval, star, target, frozen, when in scope.wraps:
            later = {name for name, at in scope.frozen_envs if at > when}
            if frozen or star in scope.frozen or target in later or "?" in later:
                continue
            if star is not None and star in scope.eval_kwargs:
                self.report(scope.eval_kwargs[star], wrapper=wrapper,
                            what=f"the keywords `{star}` an evaluation branch sets")
                return
            if said_eval or (target in scope.evaluated and target not in scope.trained):
                what = "by its name or branch" if said_eval else "handed to the evaluation"
                self.report(call, wrapper=wrapper, what=what)
                return
