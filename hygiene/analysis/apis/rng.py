"""Random number generators: which calls seed them and which calls draw from them.

A program has a few *global* generators that a seed call controls for everything drawn after it:
Python's `random`, numpy's legacy `np.random.*`, torch's default generator. Many libraries draw
from one of them when no seed is passed: scikit-learn with `random_state=None`, pandas'
`DataFrame.sample`, and Hugging Face `datasets`' `shuffle` / `train_test_split` use numpy's global
state; `DataLoader(shuffle=True)` and `random_split` without a `generator=` use torch's.
Generator objects made without a seed (`np.random.default_rng()`, `random.Random()`) take fresh
entropy from the OS, so no global seed controls them.

`classify(name, node, tail, imports_torch)` says what one call does to randomness:

- `Seed(gens, callee)`: seeds the named generators (`"*"`: a helper such as `set_seed`, taken to
  seed all of them; `callee` lets the repo phase use the helper's own body when it is in the repo);
- `Draw(gen, kind, label, lazy)`: draws from `gen` ("random", "numpy", "torch", or "fresh" for a
  generator nothing can seed); `lazy` draws happen later than the call (a DataLoader shuffles when
  iterated, an estimator when fitted), which matters for "a seed set after the draw";
- None: neither (a seeded generator object, a draw given its own `random_state=` / `generator=`).
"""
from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.apis.llm import SAMPLING_KWARGS, call_kwargs, model_call
from hygiene.analysis.apis.sklearn import RANDOM_STATE_USERS, random_state_matters
from hygiene.analysis.strings import string_value

GENERATORS = ("random", "numpy", "torch")
# The draws of Python's `random` module (module-level functions use one hidden global Random).
PY_DRAWS = frozenset("""
random randint randrange choice choices sample shuffle uniform gauss normalvariate lognormvariate
betavariate expovariate gammavariate triangular vonmisesvariate paretovariate weibullvariate
getrandbits randbytes binomialvariate
""".split())
# Everything under numpy.random that is not a draw from the legacy global generator.
NUMPY_NOT_DRAWS = frozenset("""
seed get_state set_state default_rng RandomState Generator SeedSequence BitGenerator PCG64
PCG64DXSM MT19937 Philox SFC64 bit_generator mtrand
""".split())
# Generator objects that take OS entropy when made without a seed.
FRESH_WITHOUT_SEED = frozenset({
    "random.Random", "numpy.random.default_rng", "numpy.random.RandomState", "numpy.random.PCG64",
    "numpy.random.MT19937", "numpy.random.Philox", "numpy.random.SFC64", "numpy.random.PCG64DXSM",
})
TORCH_DRAWS = frozenset(f"torch.{n}" for n in """
rand randn randint randperm rand_like randn_like randint_like normal bernoulli multinomial poisson
""".split())
TORCH_INIT = frozenset("""
uniform_ normal_ trunc_normal_ xavier_uniform_ xavier_normal_ kaiming_uniform_ kaiming_normal_
orthogonal_ sparse_
""".split())
# In-place tensor methods that fill a tensor from torch's generator (`w.data.normal_(0, 0.02)`).
TENSOR_DRAW_METHODS = frozenset("""
normal_ uniform_ random_ bernoulli_ exponential_ geometric_ cauchy_ log_normal_
""".split())
# Layers whose constructor draws the initial weights from torch's generator.
TORCH_LAYERS = frozenset(f"torch.nn.{n}" for n in """
Linear Bilinear LazyLinear Conv1d Conv2d Conv3d ConvTranspose1d ConvTranspose2d ConvTranspose3d Embedding
EmbeddingBag LSTM GRU RNN LSTMCell GRUCell RNNCell MultiheadAttention Transformer TransformerEncoderLayer
TransformerDecoderLayer
""".split())
TORCH_SAMPLERS = frozenset(f"torch.utils.data.{n}" for n in """
RandomSampler SubsetRandomSampler WeightedRandomSampler sampler.RandomSampler
sampler.SubsetRandomSampler sampler.WeightedRandomSampler
""".split())
DATALOADERS = frozenset({"torch.utils.data.DataLoader", "torch.utils.data.dataloader.DataLoader"})
# Stable-Baselines3 algorithms: made without `seed=`, they draw the policy's initial weights and
# the actions they explore from torch's global generator (and reset the environment unseeded).
RL_ALGORITHMS = frozenset("PPO A2C DQN SAC TD3 DDPG HerReplayBuffer TQC QRDQN RecurrentPPO MaskablePPO TRPO ARS CrossQ".split())
RANDOM_SPLIT = frozenset({"torch.utils.data.random_split", "torch.utils.data.dataset.random_split"})
# Global seeders that need an argument: called without one (or with None) they seed from the clock.
GLOBAL_SEEDS = {
    "random.seed": ("random",), "numpy.random.seed": ("numpy",),
    "torch.manual_seed": ("torch",), "torch.random.manual_seed": ("torch",),
    "torch.cuda.manual_seed": ("torch",), "torch.cuda.manual_seed_all": ("torch",),
    "lightning.seed_everything": ("*",), "lightning.pytorch.seed_everything": ("*",),
    "pytorch_lightning.seed_everything": ("*",), "lightning.fabric.seed_everything": ("*",),
    "lightning_fabric.seed_everything": ("*",),
}
# Helpers from libraries that seed random, numpy and torch together without "seed" in the name.
SEED_HELPERS = frozenset({"transformers.enable_full_determinism",
                          "transformers.trainer_utils.enable_full_determinism",
                          # Yandex's `zero` (renamed `delu`): seeds random, numpy and torch in one call
                          "zero.improve_reproducibility", "zero.random.init", "delu.improve_reproducibility"})
# Trainers that seed every global generator in their constructor (`set_seed(args.seed)`; the
# arguments' seed defaults to 42): what a program draws after making one is seeded, and so are
# the trainer's own shuffling, dropout and `compute_loss` noise. Lightning's Trainer does not seed.
SEEDING_TRAINERS = frozenset({
    "transformers.Trainer", "transformers.Seq2SeqTrainer", "transformers.trainer.Trainer",
    "transformers.trainer_seq2seq.Seq2SeqTrainer", "trl.SFTTrainer", "trl.DPOTrainer", "trl.PPOTrainer",
    "trl.RewardTrainer", "trl.GRPOTrainer", "trl.ORPOTrainer", "trl.KTOTrainer", "trl.CPOTrainer",
    "trl.trainer.SFTTrainer", "trl.trainer.DPOTrainer", "trl.trainer.GRPOTrainer", "setfit.Trainer",
    "setfit.SetFitTrainer", "sentence_transformers.SentenceTransformerTrainer",
})
# Lightning's command-line entry point seeds every generator before it builds the model and the data
# module: `seed_everything_default` is True by default (a seed drawn and saved in the run's config,
# config.yaml), or the seed given; only `False` / `None` leave the run unseeded.
LIGHTNING_CLIS = frozenset({"lightning.pytorch.cli.LightningCLI", "lightning.pytorch.LightningCLI",
                            "pytorch_lightning.cli.LightningCLI", "pytorch_lightning.utilities.cli.LightningCLI",
                            "lightning.LightningCLI"})
# Calls with "seed" in the name that do not seed a global generator.
NOT_SEEDS = frozenset({"torch.seed", "torch.random.seed", "torch.cuda.seed", "torch.cuda.seed_all",
                       "torch.initial_seed", "torch.random.initial_seed", "numpy.random.SeedSequence"})
# Keyword arguments through which a call gets its own seed or generator.
OWN_SEED_KWARGS = ("random_state", "seed", "generator", "rng", "random_seed")


# MCMC samplers that take their own seed: PyMC 4+ draws each chain's seed from a fresh generator when
# `random_seed` is left out (no global seed reaches it); PyMC3 and emcee draw from numpy's global one.
MCMC_SAMPLERS = {
    **{f"pymc.{n}": "fresh" for n in ("sample", "sample_smc", "sample_prior_predictive", "sample_posterior_predictive")},
    **{f"pymc3.{n}": "numpy" for n in ("sample", "sample_prior_predictive", "sample_posterior_predictive")},
}

# peft's wrappers that add freshly drawn adapter weights to a (loaded) model.
PEFT_WRAPPERS = frozenset({"peft.get_peft_model", "peft.mapping.get_peft_model", "peft.mapping_func.get_peft_model"})


@dataclass(frozen=True)
class Seed:
    gens: tuple[str, ...]
    callee: str = ""  # the helper's qualified name, when the seed is a helper call


@dataclass(frozen=True)
class Draw:
    gen: str
    kind: str  # random | random-fresh | numpy | fresh | torch | init | loader | sklearn | sample | generate
    label: str  # what the message calls it, e.g. "DataLoader(shuffle=True)"
    lazy: bool = False


def _is_none(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "None"


def _positional(node: cst.Call) -> list[cst.Arg]:
    return [a for a in node.args if a.keyword is None and not a.star]


def _has_star_kwargs(node: cst.Call) -> bool:
    return any(a.star == "**" for a in node.args)


def _seeded_kwarg(kwargs: dict[str, cst.BaseExpression], names: tuple[str, ...] = OWN_SEED_KWARGS) -> bool:
    """A seed or generator is passed (anything but a literal None counts: a variable, a config)."""
    return any(name in kwargs and not _is_none(kwargs[name]) for name in names)


def _literal_true(expr: cst.BaseExpression | None) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "True"


def _seed_argument(node: cst.Call) -> bool:
    args = [a for a in node.args if not a.star]
    if any(a.star for a in node.args):
        return True
    return bool(args) and not _is_none(args[0].value)


def seed_like(tail: str) -> bool:
    """`set_seed`, `seed_everything`, `fix_seeds`, `init_seeds`: a seeding helper by its name."""
    low = tail.lower()
    return "seed" in low and low != "seed" and not low.startswith(("get", "initial", "seed_worker")) \
        and "sequence" not in low and "seeded" not in low


def randomness_setter(tail: str, node: cst.Call) -> bool:
    """`zero.set_randomness(args["seed"])`, `fix_randomness(seed)`, `make_deterministic(42)`: a helper
    (of a library the rules do not know) named for setting the randomness and handed a seed."""
    low = tail.lower()
    if not (low.startswith(("set_", "fix_", "make_", "init_")) and ("random" in low or "determinis" in low)):
        return False
    return any(isinstance(a.value, cst.Integer) or "seed" in cst.Module([]).code_for_node(a.value).lower()
               for a in node.args if not a.star)


# Roots of the qualified names `_by_name` knows, and method names `_by_method` knows: any other
# call is settled by two set lookups (this runs on every call of every file).
_KNOWN_ROOTS = frozenset({"random", "numpy", "torch", "sklearn", "imblearn", "umap", "lightning",
                          "pytorch_lightning", "lightning_fabric", "transformers", "trl", "setfit",
                          "sentence_transformers", "stable_baselines3", "sb3_contrib", "zero", "delu", "peft",
                          "pymc", "pymc3", "pycaret"})
_KNOWN_METHODS = TENSOR_DRAW_METHODS | {"sample", "shuffle", "train_test_split"}


def classify(name: str | None, node: cst.Call, tail: str, imports_torch: bool) -> Seed | Draw | None:
    """What the call `node` (callee `name`, last part `tail`) does to the program's randomness."""
    if tail not in _KNOWN_METHODS and "seed" not in tail.lower() and (
            name is None or name.split(".", 1)[0] not in _KNOWN_ROOTS):
        # (not an unresolved `obj.set_randomness(...)`, which may set an instance's own state)
        known = name is not None or isinstance(node.func, cst.Name)
        return Seed(("*",), plain(name) if name else tail) if known and randomness_setter(tail, node) else None
    bare = plain(name) if name else None
    if bare is not None:
        found = _by_name(bare, name or "", node, tail)
        if found is not None:
            return found if not isinstance(found, bool) else None
    kwargs = call_kwargs(node)
    if bare is None or not bare.startswith(("random.", "numpy.", "torch.")):
        if tail in TENSOR_DRAW_METHODS and imports_torch and isinstance(node.func, cst.Attribute) \
                and "generator" not in kwargs:
            return Draw("torch", "torch", f".{tail}()")
        if bare is not None and bare.startswith("tensorflow."):
            return None  # `tf.data` `d.shuffle(buffer_size=n)`: TensorFlow's own seeds, not numpy's generator
        other = _by_method(node, tail, kwargs)
        if other is not None:
            return other
    if bare is not None and randomness_setter(tail, node):
        # a known library's helper named for setting the randomness and handed a seed
        # (`zero.set_randomness(args["seed"])`): `zero` is a known root, so the early test above skips it
        return Seed(("*",), bare)
    if tail == "seed" and bare is not None and "." in bare and bare.rsplit(".", 2)[-2][:1].islower() \
            and bare not in NOT_SEEDS and _seed_argument(node):
        # A library module's `seed(value)` (audiotools' `util.seed(0)` seeds random, numpy and torch); an
        # object's `env.seed(0)` is not resolved to a module and seeds only that object.
        return Seed(("*",), bare)
    if seed_like(tail) and (bare is None or bare not in NOT_SEEDS) and isinstance(node.func, (cst.Name, cst.Attribute)):
        # An unresolved `obj.seed_everything()` may be an instance's own seeding (env.seed):
        # only names and module attributes count as global helpers.
        # `seed_everything` says what it seeds: Lightning Fabric's method (`fabric.seed_everything(3407)`
        # on a `fabric` handed to `main` by `fabric.launch`) seeds random, numpy and torch.
        if isinstance(node.func, cst.Attribute) and bare is None:
            return Seed(("*",), tail) if tail == "seed_everything" and _seed_argument(node) else None
        return Seed(("*",), bare or tail)
    return None


def _by_name(bare: str, name: str, node: cst.Call, tail: str) -> Seed | Draw | bool | None:
    """Calls known by their qualified name; True means "known, and neutral"."""
    kwargs = call_kwargs(node)
    if bare in GLOBAL_SEEDS:
        return Seed(GLOBAL_SEEDS[bare], bare) if _seed_argument(node) else True
    if bare in SEED_HELPERS or bare in SEEDING_TRAINERS:
        return Seed(("*",), bare)
    if bare in LIGHTNING_CLIS:
        default = kwargs.get("seed_everything_default")
        off = default is not None and (_is_none(default) or (isinstance(default, cst.Name) and default.value == "False"))
        return True if off else Seed(("*",), bare)
    if bare in NOT_SEEDS:
        return True
    if bare in PEFT_WRAPPERS:
        # `get_peft_model(model, LoraConfig(...))`: the adapters' A matrices are drawn from torch's generator (the
        # loaded weights stay; these are new, so no later load replaces them)
        return Draw("torch", "adapter", "get_peft_model(...) adapter weights")
    if "()" in name:
        return _instance_call(bare, name, node, tail)
    if bare in FRESH_WITHOUT_SEED:
        kind = "random-fresh" if bare == "random.Random" else "fresh"
        return Draw("fresh", kind, f"{bare.rsplit('.', 1)[-1]}()") if not _seed_argument(node) else True
    if bare.startswith("random.") and bare[7:] in PY_DRAWS:
        return Draw("random", "random", bare)
    if bare.startswith("numpy.random."):
        rest = bare[13:]
        if "." not in rest and rest not in NUMPY_NOT_DRAWS and rest[:1].islower():
            return Draw("numpy", "numpy", f"np.random.{rest}")
        return True
    if bare.startswith("torch."):
        return _torch(bare, node, kwargs)
    if bare.startswith(("stable_baselines3.", "sb3_contrib.")) and bare.rsplit(".", 1)[-1] in RL_ALGORITHMS:
        return True if _seeded_kwarg(kwargs, ("seed",)) or _has_star_kwargs(node) else Draw(
            "torch", "init", f"{bare.rsplit('.', 1)[-1]}(...) without `seed=`")
    if bare in MCMC_SAMPLERS:
        return True if _seeded_kwarg(kwargs, ("random_seed",)) or _has_star_kwargs(node) else Draw(
            MCMC_SAMPLERS[bare], "sklearn", f"pm.{tail}")
    if bare.startswith("pycaret.") and tail == "setup":  # with no `session_id`, PyCaret draws one from `random`
        return True if _seeded_kwarg(kwargs, ("session_id",)) or _has_star_kwargs(node) else Draw(
            "random", "random", "setup() without `session_id`")
    if bare in RANDOM_STATE_USERS or bare.startswith("sklearn.datasets.make_"):  # (not load_*/fetch_*)
        return _sklearn(bare, node, kwargs)
    return None


def _instance_call(bare: str, name: str, node: cst.Call, tail: str) -> Seed | Draw | bool | None:
    """A method on an object made by a call: `random.Random(s).sample`, `np.random.default_rng()`."""
    maker = name.split("()", 1)[0]
    if maker in ("random.Random", "numpy.random.default_rng", "numpy.random.RandomState",
                 "numpy.random.Generator", "torch.Generator"):
        return True  # the generator object itself was classified where it was made
    if maker in DATALOADERS or maker in TORCH_SAMPLERS:
        return True
    cls = maker.rsplit(".", 1)[-1]
    if tail in ("sample", "shuffle", "train_test_split") and cls[:1].isupper() \
            and maker.split(".", 1)[0] not in _FRAME_LIBRARIES:
        return True  # `TensorActivationStore(...).shuffle()`: a class's own method, not a data frame's
    return None


# Libraries whose objects' `.sample` / `.shuffle()` / `.train_test_split` draw from numpy's generator.
_FRAME_LIBRARIES = frozenset({"pandas", "datasets", "polars", "modin", "dask", "cudf", "pyspark", "builtins"})


def _torch(bare: str, node: cst.Call, kwargs: dict[str, cst.BaseExpression]) -> Draw | bool | None:
    if "generator" in kwargs:
        return True
    if bare in TORCH_DRAWS:
        return Draw("torch", "torch", bare)
    if bare.startswith("torch.nn.init.") and bare[14:] in TORCH_INIT:
        return Draw("torch", "torch", bare)
    if bare in TORCH_LAYERS:
        return Draw("torch", "init", f"{bare.rsplit('.', 1)[-1]}(...) weight initialisation")
    if bare in DATALOADERS:
        if _literal_true(kwargs.get("shuffle")) and "sampler" not in kwargs and "batch_sampler" not in kwargs:
            return Draw("torch", "loader", "DataLoader(shuffle=True)", lazy=True)
        return True
    if bare in TORCH_SAMPLERS:
        return Draw("torch", "loader", bare.rsplit(".", 1)[-1], lazy=True)
    if bare in RANDOM_SPLIT:
        return True if len(_positional(node)) >= 3 else Draw("torch", "torch", "random_split")
    return None


def _sklearn(bare: str, node: cst.Call, kwargs: dict[str, cst.BaseExpression]) -> Draw | bool | None:
    if _has_star_kwargs(node) or _seeded_kwarg(kwargs, ("random_state",)):
        return True
    if not random_state_matters(bare, kwargs):
        return True
    short = bare.rsplit(".", 1)[-1]
    is_class = short[:1].isupper()
    return Draw("numpy", "sklearn", f"{short}(...)" if is_class else short, lazy=is_class)


def _by_method(node: cst.Call, tail: str, kwargs: dict[str, cst.BaseExpression]) -> Draw | None:
    """Draws known by method name on objects we cannot resolve: pandas and `datasets` objects."""
    if not isinstance(node.func, cst.Attribute) or _has_star_kwargs(node):
        return None
    if isinstance(node.func.value, cst.Name) and node.func.value.value in ("self", "cls"):
        return None  # `self.sample(1)` in `RandomCycler.__next__`: the class's own method, not a data frame's
    positional = _positional(node)
    if tail == "sample":
        # DataFrame / Series / GroupBy `.sample(n=...)` or `.sample(frac=...)` (polars takes `seed=`).
        pandas_like = bool(kwargs.keys() & {"n", "frac"}) and not (kwargs.keys() & {"k", "sample_shape"})
        if len(positional) == 1 and not kwargs:
            value = positional[0].value
            pandas_like = isinstance(value, cst.Integer)
        if pandas_like and len(positional) <= 1 and not _seeded_kwarg(kwargs):
            return Draw("numpy", "sample", ".sample(...)")
        return None
    if tail == "shuffle" and not _seeded_kwarg(kwargs):
        # Hugging Face `Dataset.shuffle()` takes no positional argument; an RNG's `shuffle(x)` does.
        if not positional and not kwargs.keys() - {"keep_in_memory", "buffer_size", "load_from_cache_file",
                                                   "indices_cache_file_name", "writer_batch_size"}:
            return Draw("numpy", "sample", ".shuffle()")
        return None
    if tail == "train_test_split" and not positional and kwargs.keys() & {"test_size", "train_size"} \
            and not _seeded_kwarg(kwargs):
        if "shuffle" in kwargs and not _literal_true(kwargs["shuffle"]):
            return None
        return Draw("numpy", "sample", ".train_test_split(...)")
    return None


def sampling_kwargs(node: cst.Call) -> dict[str, cst.BaseExpression]:
    """The sampling arguments of a model call (`temperature`, `n`, `do_sample`, ...)."""
    return {k: v for k, v in call_kwargs(node).items() if k in SAMPLING_KWARGS or k in (
        "num_return_sequences", "best_of", "candidate_count", "num_samples")}


def local_sampling(name: str | None, node: cst.Call) -> bool:
    """A local generation call that samples from torch's generator (`do_sample=True`)."""
    kwargs = call_kwargs(node)
    callee = node.func.attr.value if isinstance(node.func, cst.Attribute) else \
        node.func.value if isinstance(node.func, cst.Name) else ""
    if callee.endswith(("Config", "Params", "Arguments", "Args")):
        return False  # `GenerationConfig(do_sample=True)`: settings, drawn from where they are used
    receiver = node.func.value if isinstance(node.func, cst.Attribute) else None
    owner = receiver.attr.value if isinstance(receiver, cst.Attribute) else \
        receiver.value if isinstance(receiver, cst.Name) else ""
    if callee[:1].isupper() or (callee == "remote" and owner[:1].isupper()):
        return False  # `PPOTrainer(...)`, a Ray actor `PPOTrainer.remote(..., do_sample=True)`: an object keeps the setting
    return _literal_true(kwargs.get("do_sample")) and model_call(name, node)


def literal_string(expr: cst.BaseExpression | None) -> str | None:
    return string_value(expr) if expr is not None else None


def builds_workers(tail: str, node: cst.Call) -> bool:
    """A loader with worker processes, built directly or by a helper named for one (`DataLoader(ds,
    num_workers=4)`, `distrib.loader(ds, num_workers=args.workers)`): PyTorch seeds each worker's `random`,
    numpy and torch from torch's generator."""
    return "loader" in tail.lower() and any(
        a.keyword is not None and a.keyword.value == "num_workers"
        and not (isinstance(a.value, cst.Integer) and a.value.value == "0") for a in node.args)


def loads_released(tail: str, node: cst.Call) -> bool:
    """Builds a model with released weights (`vit_base(pretrained=True)`, `load_pretrained(model)`), which
    replace the initial ones its constructor drew."""
    return tail.startswith("load_pretrained") or any(
        a.keyword is not None and a.keyword.value == "pretrained" and isinstance(a.value, cst.Name)
        and a.value.value == "True" for a in node.args)
