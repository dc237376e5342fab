"""How strong the evidence is that an unseeded draw changes a number the repository reports.

A seed finding is worth printing only where a researcher would act on it: the draw runs, unseeded,
in a program that produces reported numbers, so two runs of the same command report different
ones. `hygiene.analysis.programs` says which programs run a draw without seeding it, and
`hygiene.analysis.purpose` what each program's output is. Here the two become one decision,
applied by every SEED rule about unseeded draws (`hygiene.analysis.unseeded_draws`):

- **a finding** (strong evidence): some program that runs the draw unseeded reports a number, and
  is not named for a demonstration, an inference run, a visualisation, an export or a timing, nor
  is it an imported module's own `__main__` self-test, nor a program the repository's run scripts
  leave out while running the others of its folder (`hygiene.analysis.run_scripts`). It reports a
  number when code it runs (the scopes it walks, not every file it imports) computes a metric of
  an evaluation (a metric function, an evaluation step such as `test(epoch)` or `trainer.test()`,
  a metric named for a held-out split; in a file that trains nothing, any metric) or queries a
  model for answers (`hygiene.analysis.purpose` `result_scopes`), or when it is a script that
  trains a model and saves its weights and another program of the repository loads trained
  weights and measures them (a checkpoint and its evaluation script). Also a finding: such a
  program seeds other generators but not this one (its author wants repeatable runs and missed
  one);
- **a checklist question** (weak evidence), with the reason in `extra["ask"]`:
  - "trains": the programs train or run a model but report no measured number: they print
    training losses or statistics (a GAN's discriminator accuracy, an RL episode score), or save
    samples, image grids or checkpoints that no program of the repository evaluates;
  - "unrun": the repository's run scripts launch other programs of the folder, never these;
  - "data", "illustration", "exports": what the programs' output is (`hygiene.analysis.purpose`);
  - "unknown": no program that runs it unseeded is seen to train or measure anything, so whether
    the draw changes any reported number is not established (a plain script that prints samples,
    a server-less CLI, a generator whose use the analysis cannot follow);
  - "smoke": the programs that run it are modules other code imports, run by their own `__main__`
    block (a layer's smoke test on a toy configuration, a timing of its kernels);
  - "demo": every program that runs it unseeded is named for a demo, an example, a tutorial,
    inference, a visualisation, an export or a timing run (`demo.py`, `inference.ipynb`,
    `example_comparison.ipynb`, `visualize_attention.py`, `speed_test.py`): its numbers show
    something, they are not a paper's results.

The evidence is per program: a draw reached by a training script and by a demo is a finding
(the training script's numbers depend on it). Also questions: "timing" (every program that runs it
times a model on made-up inputs and reads no data, `hygiene.analysis.purpose`), and, applied by
`hygiene.analysis.unseeded_draws` from `hygiene.analysis.seed_comments`, "commented" (the programs
keep their seeding call commented out), "variance" (the file refits the unseeded model in a
loop and reports the spread), "unclaimed" (a notebook that seeds nothing and quotes no number in its prose,
hygiene.analysis.notebook_claims) and "bootstrap" (the file resamples in a loop and takes percentiles of the
resamples), "contrast" (the file makes the same call on data again with a `random_state`, a lesson on seeding)
and "passk" (a sampled generation in a file that estimates pass@k from several samples per problem).
"""
from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hygiene.analysis.programs import DrawSite, Programs

REASONS = {
    "data": "its output is committed data (a data builder), not a reported number",
    "illustration": "no program that runs it reports a measured number: it illustrates (toy data, a plot, a tutorial)",
    "exports": "it exports or traces a model and reports no measured number: random inputs only give the tracer shapes",
    "unknown": ("no program that runs it unseeded is seen to train or measure anything, so whether the draw "
                "changes a reported number is not established"),
    "smoke": ("it runs only in the `__main__` block of a module that other code imports (a smoke test on a toy "
              "configuration, a timing): no reported number comes from that run"),
    "commented": ("the program keeps its seeding call in a comment (`# torch.manual_seed(1)`): running unseeded "
                  "was a choice (runs averaged, a variance shown); is it the one the results were made with?"),
    "variance": ("the file repeats the unseeded run in a loop and computes the spread of the results: it shows "
                 "the run-to-run variation on purpose; are the other results seeded?"),
    "unclaimed": ("the notebook seeds nothing anywhere and its prose quotes no number: its printed results change "
                  "from run to run, as a demonstration's do; is any of them quoted or compared elsewhere?"),
    "bootstrap": ("the file draws again and again in a loop (a bootstrap, or the mean over hundreds of random "
                  "splits) and keeps only percentiles or the average: random on purpose, and with many resamples the estimate "
                  "hardly moves; is it seeded where exact repeats matter?"),
    "contrast": ("the file makes the same call again with a `random_state`: the unseeded one is shown for contrast "
                 "(a lesson on seeding); are the numbers anyone quotes those of the seeded call?"),
    "passk": ("the file estimates pass@k from several sampled completions per problem (the unbiased estimator): "
              "sampling is the protocol, and the estimator averages its spread; are n and the temperature reported?"),
    "timing": ("the programs that run it time a model on made-up inputs and read no data: what they print is "
               "seconds and memory, not a result"),
    "trains": ("the programs that run it unseeded train or run a model but compute no evaluation metric: they "
               "print training losses or statistics, or save samples, images or checkpoints that no program of the "
               "repository is seen to evaluate (a metric script that reads them from a path given on its command "
               "line is not followed), so no reported number is seen to depend on it; do the saved outputs feed "
               "a reported metric?"),
    "unrun": ("none of the repository's run scripts launches the programs that run it, while they launch other "
              "programs of the same folder: a mode kept from a copied baseline or an old entry point is not how the "
              "reported numbers were made; is it run?"),
    "demo": ("the programs that run it unseeded are named for a demo, inference, a visualisation, an export or "
             "a timing run: what they print shows something, it is not a reported result"),
}

# Words of a program's file name (or of its folder) that say it demonstrates, infers, shows, times
# or debugs rather than produces results (`debug.py` loads a checkpoint and stops at a breakpoint);
# a deployment runtime (`YOLOv7trt.ipynb`, `export_openvino.py`) runs a trained model for speed,
# its inputs and outputs are no result.
_DEMO_WORDS = frozenset("""
demo demos inference infer interactive playground play enjoy visualize visualise visualization visualisation
vis viz export onnx profile profiler profiling speed timing latency throughput smoke sanity
deploy deployment tensorrt trt openvino coreml tflite debug debugging scratch
""".split())
# Words that name a usage example when the name says of what (`example_comparison`,
# `stability_gap_example`); a bare `example.py` is what snippets and issue reports call any script.
_EXAMPLE_WORDS = frozenset({"example", "tutorial"})
_WORD = re.compile(r"[a-z]+")


def _words(text: str) -> set[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text).replace("_", " ").replace("-", " ").lower()
    return set(_WORD.findall(spaced))


def named_for_demo(path: str) -> bool:
    """`demo.py`, `inference.ipynb`, `scripts/visualize_attention.py`, `demo/run.py`, `speed_test.py`,
    `example_comparison.ipynb`, `stability_gap_example.py`: a usage example shows what the code does;
    the numbers a paper reports come from the experiment scripts."""
    parts = path.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    words = _words(stem)
    return bool(words & _DEMO_WORDS) or (bool(words & _EXAMPLE_WORDS) and len(words) > 1) or any(p.lower() in ("demo", "demos", "inference") for p in parts[:-1])


def usage_example(entry: str, gen: str, progs: Programs) -> bool:
    """A bare `example.py` while reporting programs of another folder seed `gen` (pna's PyTorch Geometric port
    of its layer, whose paper programs seed from `--seed`): the repository's experiments are those; the example
    shows the layer in use (held-out set 31). Alone in its repository, `example.py` may be the experiment."""
    if posixpath.basename(entry) not in ("example.py", "examples.py"):
        return False
    folder = posixpath.dirname(entry)
    return any(gen in seeded and progs.uses.get(other) == "reports" and posixpath.dirname(other) != folder
               for other, seeded in getattr(progs, "seeded", {}).items())


def named_for_example_only(path: str) -> bool:
    """`benchmarking/example_classification.py`: named a usage example, and by no word of a demo,
    an inference, a visualisation, an export or a timing run (nor in such a folder)."""
    parts = path.split("/")
    words = _words(parts[-1].rsplit(".", 1)[0])
    return named_for_demo(path) and not words & _DEMO_WORDS \
        and not any(p.lower() in ("demo", "demos", "inference") for p in parts[:-1])


def self_test(entry: str, progs: Programs) -> bool:
    """Is `entry` a module that other files import (by its name, whatever package path they use),
    run here by its own `if __name__ == "__main__":` block: a layer's smoke test on a toy config,
    a timing of its kernels?"""
    facts = progs.files[entry]
    if not facts.get("main") or not facts.get("classes"):
        return False  # a module of classes (layers, models, environments) with a self-test
    # (imported only by other modules' own `__main__` smoke tests, a script is no library)
    imported = getattr(progs, "imported_outside_main", progs.imported)
    tails = getattr(progs, "_imported_tails", None)
    if tails is None:  # `from models.FEDformer import Model` imports `FEDformer/models/FEDformer.py`
        # ...but `from .generic_eval import main` imports a function `main` of a module, not `main.py`:
        # the last part of a name whose head is a module file (not a package) names what is in it.
        stems = getattr(progs, "source_stems", set())
        ends = {"/".join(parts[i:]) for stem in stems for parts in [stem.split("/")] for i in range(len(parts))}
        # ...and `from lib.anp.module import X` imports the package `lib/anp/`, not a script `bin/anp.py`.
        packages = {"/".join(parts[i:j]) for stem in stems for parts in [stem.split("/")]
                    for i in range(len(parts)) for j in range(i + 1, len(parts))}
        tails = {name.rsplit(".", 1)[-1] for name in imported
                 if "." in name and name.rsplit(".", 1)[0].replace(".", "/") not in ends
                 and name.replace(".", "/") not in packages}
        progs._imported_tails = tails  # type: ignore[attr-defined]
    if facts["module"] in imported:
        return _imported_here(entry, facts["module"], progs)
    return facts["module"].rsplit(".", 1)[-1] in tails


def _imported_here(entry: str, module: str, progs: Programs) -> bool:
    """Is the file `entry`, named `module`, the one its importers import? A bare name that several
    script folders each have a file of (`gnn.py` beside every example's `main.py`) is imported by
    `from gnn import GNN` from its importer's own folder: the script of another folder is not it."""
    if "." in module:
        return True
    if len(progs.module_paths.get(module, ())) < 2:
        return True
    folders = getattr(progs, "_importing_folders", None)
    if folders is None:  # bare module name -> the folders of the files that import it, once per scan
        folders = {}
        for path, facts in progs.files.items():
            for events in facts["scopes"].values():
                for event in events:
                    if event[0] == "c" and event[2] < 0:
                        folders.setdefault(event[1].split(".")[0], set()).add(path.rsplit("/", 1)[0] if "/" in path else "")
        progs._importing_folders = folders  # type: ignore[attr-defined]
    return (entry.rsplit("/", 1)[0] if "/" in entry else "") in folders.get(module, ())


def reports_number(entry: str, progs: Programs) -> bool:
    """Does `entry` produce a number the repository reports? Some file it runs computes a metric of
    an evaluation, or any metric where nothing is trained, or queries a model for answers
    (`hygiene.analysis.purpose` `result_scopes`); or it is a script that trains a model and saves
    its weights, and another program of the repository loads trained weights and measures them (a
    checkpoint and its evaluation script: which checkpoint it loads is a path given at run time,
    so any such program counts)."""
    if progs.measured.get(entry):
        return True
    mine = progs.visited.get(entry, set())
    if entry.endswith(".ipynb") or not any(progs.files[p].get("trains") for p in mine) \
            or not any(progs.files[p].get("saves") for p in mine):
        return False  # a notebook's model stays in it; a sampler writes samples; a model never saved is not evaluated
    return any(other != entry for other in progs.evaluators)


def evidence(site: DrawSite, progs: Programs, unrun: frozenset[str] = frozenset()) -> str:
    """"" when a program that runs `site` unseeded produces reported numbers (a finding), else the
    key of `REASONS` that makes it a checklist question. `unrun`: the programs the repository's run
    scripts leave out while running others of their folder (`hygiene.analysis.run_scripts`)."""
    uses = {e: progs.uses.get(e, "") for e in site.unseeded_by}
    if all(usage_example(e, site.gen, progs) for e in uses):
        return "demo"
    candidates = [e for e, u in uses.items() if u == "reports" and not named_for_demo(e) and not self_test(e, progs)]
    real = [e for e in candidates if e not in unrun]
    # A program that seeds other generators wants repeatable runs and missed this one.
    if any(reports_number(e, progs) or site.seeds_of.get(e) for e in real):
        return ""
    if real:
        return "trains"
    if candidates:
        return "unrun"
    if any(u == "reports" and not named_for_demo(e) for e, u in uses.items()):
        return "smoke"
    if any(u == "reports" for u in uses.values()):
        return "demo"
    kinds = set(uses.values())
    if kinds == {"times"}:
        return "timing"
    if kinds and kinds <= {"data", "exports"} and len(kinds) == 1:
        return kinds.pop()
    if "" in kinds:
        if any(u == "" and site.seeds_of.get(e) and not named_for_demo(e) for e, u in uses.items()):
            return ""  # it seeds other generators: its author wants the runs repeatable, and missed this one
        return "demo" if all(named_for_demo(e) for e in uses) else "unknown"
    return "illustration"


def anchor_rank(entry: str, progs: Programs) -> int:
    """Where a group of programs that seed nothing is best reported (lower first): a program that
    trains and reports a number (`train.py`), then one that reports a number (`eval.py`, which scores
    a checkpoint), then the rest."""
    if not reports_number(entry, progs):
        return 2
    return 0 if any(progs.files[p].get("trains") for p in progs.visited.get(entry, ())) else 1


def finding_evidence(repo, finding, entries: list[str]) -> str:
    """The evidence of `evidence` for any finding in code that `entries` run (not only a draw):
    "" when one of them produces reported numbers, else the reason it does not."""
    from hygiene.analysis.programs import DrawSite, programs
    from hygiene.analysis.run_scripts import not_run

    progs = programs(repo)
    site = DrawSite(finding.path, -1, "", "", "", False, "", "", finding.context, unseeded_by=list(entries))
    return evidence(site, progs, not_run(repo, progs.entries))
