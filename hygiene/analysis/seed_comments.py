"""Choices an author made about seeding: seed lines commented out (`# torch.manual_seed(1)`, `#
np.random.seed(1)`), and runs repeated unseeded to report their spread.

A program that runs a draw unseeded while its own files keep the seeding call in a comment was
made unseeded on purpose (measures averaged over several unseeded runs, a variance shown) or left
that way while experimenting: either way the author decided, and the right tool is a checklist
question that points at the commented line, not a finding that says the seed was forgotten. The
`seed_comments` fact of a code file lists the generators whose seeding call is commented out
("*" for a helper that seeds them all: `set_seed`, `seed_everything`).

The same holds for a file that repeats a training run in a loop whose counter nothing reads (`for i in
range(100): rf = RandomForestClassifier(); rf.fit(X, y); aucs.append(auc)`; a bootstrap that only
resamples is not a repeat) and computes the spread of what
the runs give (`np.std(aucs)`), while it seeds other draws (`random_state=3`): it shows how much an
unseeded run varies, on purpose. Its fact `seed_repeats` is True. (A file that seeds nothing and
reports the mean and spread of unseeded repetitions has not chosen: that stays a finding.)

And a file that makes an unseeded call on data again with a `random_state` and otherwise the same arguments
(`train_test_split(X, y, test_size=0.3)`, then under a heading "random_state argument" the same call with
`random_state=10`) shows the unseeded call as the contrast, a lesson on seeding: its fact `seeded_calls`
lists the seeded calls' keys (`call_key`). An estimator made again with a seed
(`RandomForestRegressor(n_estimators=100)` beside `RandomForestRegressor(n_estimators=100, random_state=0)`)
is not that: its constructor takes no data, and the seeded one fits other data in another section.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

import libcst as cst

from hygiene.context import FileContext

if TYPE_CHECKING:
    from hygiene.context import RepoContext

FACT = "seed_comments"
REPEATS = "seed_repeats"
BOOTSTRAP = "seed_bootstrap"
EPISODES = "seed_episodes"
SEEDED_CALLS = "seeded_calls"
# A draw repeated by a loop that only resamples (`[np.random.choice(n, k) for _ in range(b)]`).
_RESAMPLES = re.compile(r"\b(choice|randint|integers|sample|resample|permutation|shuffle|bootstrap|multinomial)\s*\(")
_QUANTILES = frozenset({"percentile", "quantile", "nanpercentile", "nanquantile"})
_SPLITS = re.compile(r"\b(train_test_split|random_split|ShuffleSplit|permutation|shuffle)\s*\(")


def _count(call: cst.Call) -> int:
    """How many times `range(...)` with literal bounds runs (0 when a bound is not a literal)."""
    bounds = [a.value for a in call.args if a.keyword is None]
    if not 1 <= len(bounds) <= 2 or not all(isinstance(b, cst.Integer) for b in bounds):
        return 0
    values = [b.evaluated_value for b in bounds]  # type: ignore[attr-defined]
    return values[0] if len(values) == 1 else values[1] - values[0]
_REFITS = re.compile(r"\.(fit|train|fit_predict|partial_fit)\(|\b(fit|train|train_model)\(")
# A seed the file does pass elsewhere (`random_state=3`, `torch.manual_seed(0)`): it knows how to seed.
_SEEDS = re.compile(r"(?m)^[^#\n]*(random_state\s*=\s*\d|\b(manual_seed|set_seed|seed_everything)\s*\(|random\.seed\s*\()")
# A standard error or a confidence interval of a mean: `1.96 * std / sqrt(n)`, `sem(...)`.
# Training in the file: its draws (initialisation, shuffles) are not what an evaluation's interval measures.
_TRAINS = re.compile(r"\.backward\(|\.fit\(|\.step\(\)|\bTrainer\(|\.train\(\)")
_INTERVAL = re.compile(r"\bsqrt\(|\b1\.96\b|\bsem\(|\bconfidence|\bconf_int")
_SPREAD = frozenset({"std", "stdev", "pstdev", "var", "variance", "sem", "nanstd"})
_COMMENTED = re.compile(r"(?m)^[ \t]*#+[ \t]*(?:[\w.]+\.)?(manual_seed(?:_all)?|seed|set_seed|seed_everything|"
                        r"set_random_seed|seed_all)[ \t]*\(")
_GENERATOR = {"manual_seed": "torch", "manual_seed_all": "torch"}


def _generator(line: str, call: str) -> str | None:
    if call in _GENERATOR:
        return _GENERATOR[call]
    if call == "seed":
        if re.search(r"\b(np|numpy)\.random\.seed", line):
            return "numpy"
        return "random" if re.search(r"\brandom\.seed", line) else None
    return "*"


class SeedCommentExtractor:
    kinds = frozenset({"python", "notebook"})

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.repeats = False  # a loop over `range(...)` whose counter its body never reads
        self.spread = False  # a standard deviation or variance computed
        self.resamples = False  # a loop over `range(b)` that only draws again (a bootstrap, a Monte Carlo estimate)
        self.quantiles = False  # percentiles of what was drawn
        self.averaged_splits = False  # a hundred or more fresh random splits, refit each time
        self.averages = False  # a mean taken
        self.seeded_calls: set[str] = set()  # `train_test_split(X,y,test_size=0.3)` made with a `random_state`
        self.episodes = False  # a hundred or more repetitions collected (`for _ in range(600): accs.append(...)`)
        self.counts: dict[str, int] = {}  # `n_episodes = 600`: names bound to an integer literal

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) and isinstance(node.value, cst.Integer):
            self.counts[node.targets[0].target.value] = int(node.value.value.replace("_", ""), 0)

    def visit_For(self, node: cst.For) -> None:
        if not isinstance(node.iter, cst.Call) or not isinstance(node.iter.func, cst.Name) \
                or node.iter.func.value != "range" or not isinstance(node.target, cst.Name):
            return
        name, body = node.target.value, self.ctx.code(node.body)
        bounds = [a.value for a in node.iter.args if a.keyword is None]
        times = _count(node.iter) or (self.counts.get(bounds[0].value, 0) if len(bounds) == 1
                                      and isinstance(bounds[0], cst.Name) else 0)
        if times >= 100 and ".append(" in body:
            self.episodes = True  # an estimate over many random repetitions (episodes, trials, simulations)
        if name == "_" or not re.search(rf"\b{re.escape(name)}\b", body):
            if _REFITS.search(body):
                self.repeats = True  # the same training run again (a bootstrap that only resamples is no repeat)
                # hundreds of fresh splits averaged (`for i in range(1, 1000): train_test_split(...)`): a Monte Carlo mean
                self.averaged_splits = self.averaged_splits or (_count(node.iter) >= 100 and bool(_SPLITS.search(body)))
            elif _RESAMPLES.search(body):
                self.resamples = True

    def visit_CompFor(self, node: cst.CompFor) -> None:
        """`samples = [np.random.choice(n, k) for _ in range(b)]`: a bootstrap's resamples."""
        if isinstance(node.iter, cst.Call) and isinstance(node.iter.func, cst.Name) and node.iter.func.value == "range" \
                and isinstance(node.target, cst.Name) and node.target.value == "_" and self.ctx.parents \
                and _RESAMPLES.search(self.ctx.code(self.ctx.parents[-1])):
            self.resamples = True

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        tail = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        if any(a.keyword is not None and a.keyword.value == "random_state"
               and not (isinstance(a.value, cst.Name) and a.value.value == "None") for a in node.args):
            self.seeded_calls.add(call_key(node))
        if tail in _SPREAD:
            self.spread = True
        elif tail in _QUANTILES:
            self.quantiles = True
        elif tail in ("mean", "average", "nanmean"):
            self.averages = True

    def finish(self) -> None:
        if self.seeded_calls:
            self.ctx.facts[SEEDED_CALLS] = sorted(self.seeded_calls)
        if self.repeats and self.spread and _SEEDS.search(self.ctx.text):
            self.ctx.facts[REPEATS] = True
        if self.episodes and self.spread and _INTERVAL.search(self.ctx.text) and not _TRAINS.search(self.ctx.text):
            self.ctx.facts[EPISODES] = True
        if (self.resamples and self.quantiles) or (self.averaged_splits and (self.averages or self.spread)):
            self.ctx.facts[BOOTSTRAP] = True  # percentile bands of resamples, or the mean over hundreds of splits
        if "seed" not in self.ctx.text:
            return
        found = set()
        for match in _COMMENTED.finditer(self.ctx.text):
            line = self.ctx.text[match.start():self.ctx.text.find("\n", match.start()) % (len(self.ctx.text) + 1)]
            generator = _generator(line, match.group(1))
            if generator:
                found.add(generator)
        if found:
            self.ctx.facts[FACT] = sorted(found)


def call_key(node: cst.Call) -> str:
    """A call's callee and arguments without its `random_state` and whitespace: `train_test_split(X,y,test_size=0.3)`."""
    func = node.func
    name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
    args = [cst.Module([]).code_for_node(a.value) if a.keyword is None else
            f"{a.keyword.value}={cst.Module([]).code_for_node(a.value)}"
            for a in node.args if a.keyword is None or a.keyword.value != "random_state"]
    return re.sub(r"\s+", "", f"{name}({','.join(args)})")


def seeded_again(repo: RepoContext, path: str, code: str) -> bool:
    """Does `path` make the unseeded call `code`, which is given data (`train_test_split(X, y, ...)`), again
    with a `random_state` and otherwise the same arguments? A lesson that shows the unseeded split and then
    how `random_state` fixes it."""
    seeded = repo.shared("seeded_calls", lambda: {p: set(keys) for p, keys in repo.facts(SEEDED_CALLS)}).get(path)
    if not seeded:
        return False
    try:
        node = cst.parse_expression(code)
    except (cst.ParserSyntaxError, ValueError):
        return False
    # The same data split or resampled again (`train_test_split(X, y, ...)`): an estimator's constructor
    # (`RandomForestRegressor(n_estimators=100)`) takes no data, and the same settings seeded elsewhere in a
    # chapter are another model, not the lesson's contrast.
    data = isinstance(node, cst.Call) and any(a.keyword is None and a.star == "" and isinstance(a.value, (cst.Name, cst.Attribute, cst.Subscript))
                                              for a in node.args)
    return data and call_key(node) in seeded


def commented_seeds(repo: RepoContext) -> dict[str, set[str]]:
    """Per file, the generators whose seeding call is commented out."""
    return repo.shared("seed_comments", lambda: {path: set(gens) for path, gens in repo.facts(FACT)})


def repeats_for_spread(repo: RepoContext, path: str) -> bool:
    """Does `path` repeat unseeded runs to report their spread?"""
    return path in repo.shared("seed_repeats", lambda: {p for p, _ in repo.facts(REPEATS)})


def resamples_for_estimate(repo: RepoContext, path: str) -> bool:
    """Does `path` draw again and again in a loop (a bootstrap, a Monte Carlo estimate) and take
    percentiles of what it drew (a confidence band, not a mean and spread of a few runs)?"""
    return path in repo.shared("seed_bootstrap", lambda: {p for p, _ in repo.facts(BOOTSTRAP)})


def estimates_episodes(repo: RepoContext, path: str) -> bool:
    """Does the program `path` train nothing and report the mean of a hundred or more random repetitions with
    its interval (few-shot evaluation's 600 episodes, `mean +- 1.96 * std / sqrt(n)`)? Its draws, in whatever
    file, are the protocol's sampling, and the interval it prints is their variance."""
    return path in repo.shared("seed_episodes", lambda: {p for p, _ in repo.facts(EPISODES)})


def seed_commented_out(repo: RepoContext, gen: str, files: set[str]) -> bool:
    """Does one of `files` keep a seeding call of `gen` in a comment?"""
    comments = commented_seeds(repo)
    return any(gen in comments.get(f, ()) or "*" in comments.get(f, ()) for f in files)
