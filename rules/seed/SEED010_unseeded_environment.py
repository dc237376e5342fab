"""SEED010: an RL environment or its action space draws from generators the global seeds do not reach."""
from __future__ import annotations

import libcst as cst

from hygiene.analysis.environments import EnvironmentTracker
from hygiene.analysis.names import dotted
from hygiene.discovery import is_test_path
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid


class UnseededEnvironment(Rule):
    """
    ## What it does
    Finds a reinforcement-learning program that seeds the global generators (`random`, numpy,
    torch) but leaves the environment's own generators unseeded: a gym / gymnasium environment
    made and run (`reset()`, `step()`) that is never seeded (`env.seed(s)`, `env.reset(seed=s)`,
    a seed passed to its maker, a `make_env` thunk that seeds, or a `set_seed(seed, env)` helper),
    or exploration drawn from `env.action_space.sample()` when that space is never seeded
    (`env.action_space.seed(s)`). A vector environment's batched `action_space` is a space of its
    own: seeding the sub-environments' spaces in the thunk does not seed it, while its
    `single_action_space` is the first sub-environment's. A sampled action passed to a network's
    `init` (a dummy input for shapes) and samples of observation spaces decide nothing.

    One finding per file, at the first unseeded environment (or space draw); the message names
    the others. Files that seed nothing are left to the other SEED rules, files that report no
    number (a script that only renders a policy) and tests are left alone, and so are an
    environment made by a helper of another module (what it seeds is not seen here) and an
    environment class written in the same file (what it draws is code the other SEED rules see).

    ## Why is this bad?
    The environment's initial states and stochastic transitions, and the random actions of
    epsilon-greedy or warm-up exploration, come from generators that `np.random.seed` and
    `torch.manual_seed` do not touch: two runs with the same `--seed` see different episodes and
    take different exploratory actions, so the learning curves reported per seed cannot be
    reproduced, and seeds compared side by side differ in more than the seed.

    ## Example
        torch.manual_seed(seed); np.random.seed(seed)
        env = gym.make(env_id)
        obs = env.reset()
        action = env.action_space.sample()

    Use instead:
        env = gym.make(env_id)
        env.action_space.seed(seed)
        obs, _ = env.reset(seed=seed)
    """

    code = "SEED010"
    category = "SEED-UNSEEDED"
    severity = Severity.WARNING
    message = "{what}, although this file seeds {seeded}: the global seeds do not reach the environment's " \
              "own generators, so runs of one seed differ{more}"
    question = "Which seed drove the environment and the random actions of {subject} at {where}?"
    triggers = ("reset", "sample")
    # An environment is reported once reset (`env.reset()`), a space once drawn from
    # (`space.sample()`): hygiene.analysis.environments.EnvironmentTracker.see_call.
    requires = frozenset({"reset", "sample"})
    examples = [
        valid("""
            import gym
            import numpy as np
            def rollout(pi, env):
                ac = env.action_space.sample()  # only for the datatype
                ob = env.reset(seed=0)
                rets = []
                while True:
                    ac, vpred = pi.act(ob)
                    ob, rew, done, _ = env.step(ac)
                    rets.append(rew)
                    if done:
                        return rets
            if __name__ == "__main__":
                np.random.seed(0)
                env = gym.make("Hopper-v3")
                print(np.mean(rollout(None, env)))
        """, note="near miss (held-out set 20): the sampled action is bound again by the policy before anything reads it"),
        invalid("""
            import gym
            import numpy as np
            def rollout(pi, env):
                ac = env.action_space.sample()  # expect: SEED010
                ob = env.reset(seed=0)
                rets = []
                while True:
                    ob, rew, done, _ = env.step(ac)
                    ac, vpred = pi.act(ob)
                    rets.append(rew)
                    if done:
                        return rets
            if __name__ == "__main__":
                np.random.seed(0)
                env = gym.make("Hopper-v3")
                print(np.mean(rollout(None, env)))
        """, note="the twin: the unseeded sample is the first action taken"),
        valid({
            "envs.py": """
                import gym

                def make_env(name, seed, video_folder):
                    env = gym.make(name)
                    env.seed(seed)
                    env.action_space.seed(seed)
                    return env
            """,
            "train.py": """
                import random
                import numpy as np
                from envs import make_env

                def main(seed=42):
                    def make_pixel_env(env_seed, folder):
                        return make_env("cheetah-run", env_seed, folder)

                    env = make_pixel_env(seed, "videos")
                    random.seed(seed)
                    np.random.seed(seed)
                    obs = env.reset()
                    for step in range(1000):
                        obs, reward, done, info = env.step(env.action_space.sample())
                        print(step, reward)
            """,
        }, note="a maker of this file hands its seed by position to another module's maker, which seeds"),
        invalid("""
            import random
            import gym
            import numpy as np

            def main(seed=42):
                def make_pixel_env(env_seed, folder):
                    return gym.make("CarRacing-v0")

                env = make_pixel_env(seed, "videos")  # expect: SEED010
                random.seed(seed)
                np.random.seed(seed)
                obs = env.reset()
                for step in range(1000):
                    obs, reward, done, info = env.step(env.action_space.sample())
                    print(step, reward)
        """, note="near miss: the maker takes a seed and drops it"),
        invalid("""
            import gym
            import numpy as np
            import torch

            def train(env_fn, seed=0, epochs=10):
                torch.manual_seed(seed)
                np.random.seed(seed)
                env = env_fn()  # expect: SEED010
                obs = env.reset()
                for t in range(1000):
                    obs, reward, done, _ = env.step(policy(obs))
                    if done:
                        print("return", reward)
                        obs = env.reset()

            if __name__ == "__main__":
                train(lambda: gym.make("HalfCheetah-v2"))
        """, note="an environment made by a factory argument, reset and stepped, never seeded"),
        valid("""
            import gym
            import numpy as np
            import torch

            def train(env_fn, seed=0, epochs=10):
                torch.manual_seed(seed)
                np.random.seed(seed)
                env = env_fn()
                env.seed(seed)
                obs = env.reset()
                for t in range(1000):
                    obs, reward, done, _ = env.step(policy(obs))
                    if done:
                        print("return", reward)
                        obs = env.reset()
        """, note="near miss: env.seed(seed) after the environment is made"),
        invalid("""
            import random
            import gym
            import numpy as np

            def make_env(env_id, seed):
                def thunk():
                    env = gym.make(env_id)
                    env = gym.wrappers.RecordEpisodeStatistics(env)
                    env.seed(seed)
                    env.action_space.seed(seed)
                    return env
                return thunk

            if __name__ == "__main__":
                random.seed(1)
                np.random.seed(1)
                envs = gym.vector.SyncVectorEnv([make_env("CartPole-v1", 1)])
                obs = envs.reset()
                for step in range(500):
                    if random.random() < 0.1:
                        actions = envs.action_space.sample()  # expect: SEED010
                    else:
                        actions = q_values(obs).argmax(1)
                    obs, rewards, dones, infos = envs.step(actions)
                    print(step, rewards.mean())
        """, note="the vector environment's batched action space is its own, unseeded; the thunk seeds "
                  "only the sub-environments"),
        valid("""
            import random
            import gymnasium as gym
            import numpy as np

            def make_env(env_id, seed):
                def thunk():
                    env = gym.make(env_id)
                    env.action_space.seed(seed)
                    return env
                return thunk

            if __name__ == "__main__":
                random.seed(1)
                np.random.seed(1)
                envs = gym.vector.SyncVectorEnv([make_env("CartPole-v1", 1)])
                obs, _ = envs.reset(seed=1)
                for step in range(500):
                    if random.random() < 0.1:
                        actions = np.array([envs.single_action_space.sample() for _ in range(envs.num_envs)])
                    else:
                        actions = q_values(obs).argmax(1)
                    obs, rewards, terminations, truncations, infos = envs.step(actions)
                    print(step, rewards.mean())
        """, note="near miss: reset(seed=) seeds the environments, and single_action_space is the first "
                  "sub-environment's space, seeded in the thunk"),
        invalid("""
            import gymnasium as gym
            import numpy as np
            import torch

            def set_seed(seed):
                np.random.seed(seed)
                torch.manual_seed(seed)

            class Runner:
                def __init__(self, cfg):
                    set_seed(cfg.seed)
                    self.env = gym.make(cfg.env_id)
                    self.env.reset(seed=cfg.seed)

                def warmup(self, n):
                    for _ in range(n):
                        action = self.env.action_space.sample()  # expect: SEED010
                        obs, reward, term, trunc, info = self.env.step(action)
                        self.buffer.add(obs, action, reward)
                        print(reward)
        """, note="reset(seed=) seeds the environment but not its action space"),
        valid("""
            import gym
            import numpy as np
            import torch

            def set_seed(seed, env=None):
                np.random.seed(seed)
                torch.manual_seed(seed)
                if env is not None:
                    env.seed(seed)
                    env.action_space.seed(seed)

            def train(config):
                env = gym.make(config.env)
                set_seed(config.seed, env)
                obs = env.reset()
                action = env.action_space.sample()
                obs, reward, done, info = env.step(action)
                print(reward)
        """, note="near miss: a seeding helper that is given the environment"),
        valid("""
            import gym
            import torch

            torch.manual_seed(0)
            env = gym.make("CartPole-v1")
            obs = env.reset()
            for _ in range(200):
                obs, reward, done, _ = env.step(env.action_space.sample())
                env.render()
                if done:
                    obs = env.reset()
        """, path="watch.py", note="near miss: a script that only renders reports no number"),
        valid("""
            import gym
            env = gym.make("CartPole-v1")
            obs = env.reset()
            for _ in range(200):
                obs, reward, done, _ = env.step(env.action_space.sample())
                print(reward)
        """, note="near miss: a script that seeds nothing (the other SEED rules' question)"),
        valid("""
            import numpy as np
            import torch
            from stable_baselines3.common.env_util import make_vec_env

            torch.manual_seed(3)
            np.random.seed(3)
            env = make_vec_env("CartPole-v1", n_envs=4, seed=3)
            obs = env.reset()
            for _ in range(100):
                obs, rewards, dones, infos = env.step(np.array([env.action_space.sample() for _ in range(4)]))
                print(rewards.mean())
        """, note="near miss: a maker given the seed seeds the environments and their spaces"),
        valid("""
            import numpy as np
            import torch
            from .envs import build_env

            torch.manual_seed(3)
            np.random.seed(3)
            env = build_env("CartPole-v1")
            obs = env.reset()
            obs, reward, done, _ = env.step(env.action_space.sample())
            print(reward)
        """, path="pkg/run.py", note="near miss: a maker of another module may seed; it is not seen here"),
        valid("""
            import random
            import gymnasium as gym
            import numpy as np

            random.seed(1)
            np.random.seed(1)
            envs = gym.vector.SyncVectorEnv([lambda: gym.make("Pendulum-v1")])
            obs, _ = envs.reset(seed=1)
            params = critic.init(key, obs, envs.action_space.sample())
            for step in range(100):
                obs, rewards, term, trunc, infos = envs.step(actor.apply(params, obs))
                print(rewards.mean())
        """, note="near miss: a sampled action as the dummy input of a network's init decides only shapes"),
        valid("""
            import numpy as np
            import gym

            class GridWorld(gym.Env):
                def reset(self):
                    self.pos = np.random.randint(4, size=2)
                    return self.pos

                def step(self, action):
                    self.pos = np.clip(self.pos + action, 0, 3)
                    return self.pos, float((self.pos == 3).all()), False, {}

            np.random.seed(42)
            world = GridWorld()
            obs = world.reset()
            obs, reward, done, _ = world.step(np.array([1, 0]))
            print(reward)
        """, note="near miss: an environment class of the same file draws from numpy's seeded generator"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.tracker = EnvironmentTracker(ctx)

    def visit_Assign(self, node: cst.Assign) -> None:
        self.tracker.see_assign(node)

    def visit_Call(self, node: cst.Call) -> None:
        self.tracker.see_call(node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.tracker.see_class(node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.tracker.see_attribute(node)

    def finish(self) -> None:
        if is_test_path(self.ctx.path):
            return
        envs, draws = self.tracker.unseeded()
        if not envs and not draws:
            return
        seeded = _generators(self.tracker.global_seeds)
        parts = [f"`{env.name} = {_short(self.ctx.code(env.anchor()))}` is reset and stepped but never seeded"
                 for env in envs]
        parts += [f"`{_short(self.ctx.code(d.call))}` draws from a space that is never seeded" for d in draws]
        places = [env.anchor() for env in envs] + [d.call for d in draws]
        first = places[0]
        more = len(parts) - 1
        related = [Location(self.ctx.path, self.ctx.line_of(p), "also unseeded") for p in places[1:]]
        subject = f"`{envs[0].name}`" if envs else f"`{dotted(draws[0].call.func) or 'the space'}`"
        self.report(first, what=parts[0], seeded=seeded, subject=subject, related=related,
                    more="" if not more else f" ({'; '.join(parts[1:3])}{'; ...' if more > 2 else ''})")


def _generators(gens: set[str]) -> str:
    if "*" in gens:
        return "every global generator"
    names = [{"random": "`random`", "numpy": "numpy", "torch": "torch"}.get(g, g)
             for g in sorted(gens, key=lambda g: ("random", "numpy", "torch", g).index(g))]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def _short(code: str) -> str:
    code = " ".join(code.split())
    return code if len(code) <= 50 else code[:47] + "..."
