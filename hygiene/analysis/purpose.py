"""What a file's output is for: reported numbers, committed data, or an illustration.

A seed question matters most where a draw decides a reported number (a score, a loss, a trained
model). Two other kinds of code draw too, and a finding is the wrong tool for them:

- **committed data**: a dataset builder, a sample generator in a `data/` folder, a script that
  pushes a split to a hub, a script that only reshapes a data set and writes it to files (it
  trains, measures, plots and queries no model). Its output is saved and versioned; rerunning it is not how anyone
  reproduces the results, so whether it was seeded is a question for the checklist;
- **an illustration**: a notebook or script that draws toy data for a plot or a printout and
  computes no metric and trains nothing (a textbook chapter on numpy, a figure of a
  distribution, a correctness check on random inputs); a notebook that is mostly prose (a
  chapter, a tutorial); a file that saves several figures; documentation and usage examples (`docs/`, `examples/`,
  `tutorials/`).

A notebook that neither measures nor trains is taken to illustrate; a script needs a sign of it (a plot, a check
such as `np.allclose`, a timing). The extractor (`hygiene.analysis.randomness`) feeds every call's names to
`CallSignals.see`; `file_purpose` combines them with the path. The repo phase asks whether any file a program runs
reports (`Programs`): a helper with no metric is no illustration when the script that calls it computes one.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from hygiene.analysis.held_out import ENVIRONMENT_ROOTS, held_out_quantity, names_held_out

# Words of a call's last name that compute or record a result: a metric, a score, an evaluation.
_METRIC_WORDS = frozenset("""
score scores accuracy acc f1 auc roc precision recall mse mae rmse r2 error errors evaluate evaluation
eval metric metrics perplexity bleu rouge confusion report cross validate benchmark pass reward rewards regret
""".split())
_TRAINING = frozenset({"backward", "fit", "fit_generator", "train", "train_model", "partial_fit", "fit_predict", "train_on_batch", "learn",
                       "step", "compare_models", "tune_model"})  # train a model (PyCaret's too): a result
# Roots and last names of calls that show something: a plot, a check on random inputs, a timing.
_SHOWING_ROOTS = ("matplotlib", "seaborn", "plotly", "bokeh", "altair", "timeit", "time.time", "time.perf_counter")
_SHOWING = frozenset({"plot", "scatter", "hist", "imshow", "savefig", "allclose", "assert_allclose", "isclose", "timeit", "contour", "contourf", "plot_surface", "bar", "barh"})
_CHECKS = frozenset({"allclose", "assert_allclose", "isclose", "array_equal", "assert_array_equal"})
# Distances, similarities and kernels between rows compute features, not a score of a result.
_FEATURE_METRICS = "sklearn.metrics.pairwise"  # also `sklearn.metrics.pairwise_distances`
# Calls that load trained weights (what a model's constructor drew is overwritten), that save them (a checkpoint
# that another program may load), that export or trace a model (the inputs only show the tracer shapes).
_LOADING = frozenset({"load_state_dict", "from_pretrained", "load_from_checkpoint", "load_checkpoint"})
_SAVING_WEIGHTS = frozenset({"save_pretrained", "save_model", "save_checkpoint", "save_weights", "save_state"})
_EXPORTING = frozenset({"torch.onnx.export", "torch.onnx.dynamo_export", "torch.jit.trace", "torch.jit.trace_module", "torch.export.export"})
_PUBLISHING = frozenset({"push_to_hub", "save_to_disk"})  # calls that publish a data set
# Calls that write records to a data file (`json.dump`, `df.to_parquet`, `pq.write_table`).
_WRITING = frozenset({"dump", "write_table", "to_parquet", "to_csv", "to_json", "to_jsonl", "to_feather",
                      "to_pickle", "savez", "savez_compressed"})
# Calls that query or run a model: what such a program writes is model output, an experiment's result.
_MODEL_CALLS = frozenset({"generate", "create", "acreate", "complete", "chat", "invoke", "ainvoke", "predict",
                          "predict_proba", "pipeline", "LLM", "completion", "acompletion", "forward",
                          "encode_batch", "post"})  # `requests.post` to a model server
# A folder of data, or of data generation.
_DATA_DIRS = frozenset({"data", "datasets", "dataset", "data_generation", "datagen", "synthetic_data"})
# A file name that says it makes data: a generating verb and a data noun (`make_dataset.py`,
# `generate_samples.ipynb`, `diagonal_dataset_creation.py`, `buildData.py`).
_MAKING = frozenset({"generate", "generator", "gen", "create", "creation", "build", "builder", "make",
                     "synth", "synthesize", "synthesise", "synthetic", "prepare", "preprocess", "annotate"})
_DATA_NOUNS = frozenset({"data", "dataset", "datasets", "samples", "sample", "split", "splits", "problems",
                         "questions", "items", "examples", "corpus", "eval", "evals", "input", "inputs",
                         "mask", "masks", "metadata"})
# What an evaluation shows a model, made by a generating script (`generate_harmful_texts.py`: the topic file an
# evaluation reads; held-out set 29), not answers or completions, which are results.
_STIMULI = frozenset({"topics", "subtopics", "prompts", "statements", "texts", "scenarios", "personas"})
_MANY_FIGURES, _ARRAY_SAVES = 3, frozenset({"save", "savez", "savez_compressed"})
_PLACEHOLDER = re.compile(r"(?i)^(/?path/to\b|<[^>]*>|your[_ -]?(own[_ -])?(path|data|file|dir|folder)|path_to_|placeholder)")
# Calls that read the file named by their first argument.
READS = frozenset({"read_csv", "read_json", "read_parquet", "read_excel", "read_table", "read_pickle", "read_feather",
                   "open", "load", "loadtxt", "genfromtxt", "load_dataset", "File", "imread"})
# Calls that time code or read its memory use: a benchmark of a layer's speed.
_TIMING_NAMES = ("time.time", "time.perf_counter", "time.process_time", "timeit.", "torch.utils.benchmark.",
                 "torch.cuda.Event", "torch.cuda.max_memory_allocated", "torch.cuda.memory_allocated", "pynvml.",
                 "torch.utils.flop_counter.", "fvcore.nn.", "thop.", "ptflops.")
_TIMING = frozenset({"perf_counter", "elapsed_time", "max_memory_allocated", "nvmlDeviceGetMemoryInfo", "timeit"})
# Calls that read data a program measures on: a file, a dataset of a library, trained weights.
_DATASET_ROOTS = ("torchvision.datasets.", "sklearn.datasets.", "datasets.", "tensorflow_datasets.",
                  "keras.datasets.", "tensorflow.keras.datasets.", "torch_geometric.datasets.")
_DOC_DIRS = frozenset({"docs", "doc", "examples", "example", "tutorials", "tutorial"})
# Words of a folder's name that say it teaches (`keras-tutorial`, `lessons`, `ml_course`).
_TEACHING = frozenset({"tutorial", "tutorials", "course", "courses", "lesson", "lessons", "workshop", "bootcamp"})
_WORD = re.compile(r"[a-z]+")
# Words of a metric's name that say it was measured on held-out data.
_HELD_OUT = frozenset({"test", "val", "valid", "validation", "eval", "dev", "holdout", "heldout"})
# Words of a called function's name that say it evaluates (`test(epoch)`, `validate(val_loader)`,
# `evaluate_episode(...)`), unless they name data (`train_test_split`, `get_test_loader`).
_EVALUATING = frozenset({"test", "validate", "validation", "evaluate", "evaluation", "eval", "valid"})
_DATA_WORDS = frozenset({"split", "loader", "loaders", "dataset", "datasets", "data", "set", "sets", "get",
                         "load", "make", "build", "create", "download", "prepare", "path", "dir", "file"})


def _result_metric(tail: str, name: str | None) -> bool:
    """A metric of a result, not a training loss (`CrossEntropyLoss`, `binary_cross_entropy`,
    `mae_loss`: "cross" alone names a loss, and a name with "loss" in it is one), nor an evaluation
    step (`eval_with_timeout` of a calculator: "eval" says something is evaluated, not what)."""
    if name is not None and name.startswith(("sklearn.metrics", "evaluate.", "torchmetrics.")):
        return True
    if tail.isupper() or tail.endswith(("Error", "Exception", "Warning")):
        return False  # a constant or an enum member (`LossType.MSE`), an exception class
    words = _words(tail)
    return bool(words & _METRIC_WORDS - {"cross", "eval"}) and not words & {"loss", "losses", "criterion"}

# `eval_with_timeout(expr)`, `safe_eval`, `ast.literal_eval`: code or an expression is evaluated.
_EXPRESSION_WORDS = frozenset({"literal", "safe", "expr", "expression", "expressions", "timeout", "string", "str",
                               "code", "formula", "sandbox", "python", "py"})


# Calls that write numbers down (a results file, a JSON printout, a row of a table) or log them to
# a tracker; the tracker's calls count in an evaluation's scope (`validation_step`, `evaluate`).
# Posterior summaries of a Bayesian analysis (ArviZ, also re-exported by PyMC): its reported estimates.
_POSTERIOR_SUMMARIES = frozenset({"summary", "hdi", "compare", "loo", "waic"})
_TRACKING = frozenset({"log", "log_dict", "log_metrics", "log_metric", "add_scalar", "add_scalars"})
_REPORT_TABLES = frozenset({"to_markdown", "to_latex"})  # a results table rendered for a paper: measured numbers
_RECORDING = _TRACKING | _REPORT_TABLES | {"dump", "dumps", "writerow", "writerows", "savetxt", "to_csv", "to_json",
                                           "to_parquet", "to_feather", "to_excel", "safe_dump"}


def _evaluation_scope(key: str) -> bool:
    """`pkg.model.Classifier.validation_step`, `train.evaluate`: a scope named for an evaluation."""
    words = _words(key.rsplit(".", 1)[-1])
    return bool(words & _EVALUATING) and not words & _DATA_WORDS


def _evaluation_step(tail: str, name: str | None) -> bool:
    """`test(epoch)`, `validate(val_loader, model)`, `evaluate_episode(...)`: an evaluation step runs
    here. Eval mode and `torch.no_grad()` do not say so: a GAN samples its image grid in eval mode,
    an RL script computes its targets without gradients."""
    if tail == "eval":
        return False  # `model.eval()` also comes before sampling images; `eval(text)` evaluates a string
    words = _words(tail)
    return bool(words & _EVALUATING) and not words & _DATA_WORDS and not words & _EXPRESSION_WORDS and not _logs(name)


@lru_cache(maxsize=1 << 12)
def _words(text: str) -> frozenset[str]:
    """The lower-case words of a name (`valAcc`: val, acc). Memoised, bounded (65,536 names were tens
    of MB of a worker by the end of a cold scan): asked for the callee and the assigned name of every call
    and assignment of every file (issue 12); a frozenset, so no caller can change the shared answer."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text).lower()
    return frozenset(_WORD.findall(spaced))


class CallSignals:
    """What the calls of one file say about its output."""

    def __init__(self) -> None:
        self.trains = False
        self.measures = False
        self.publishes = False
        self.loads_weights = False
        self.shows = False
        self.writes = False  # writes records to a data file
        self.models = False  # queries or runs a model
        self.figures = 0  # figures saved: a file that saves several makes figures (committed images)
        self.saves_arrays = False  # `np.save(...)`: features or activations written for other programs
        self.answers = False  # generates, completes or predicts: what it writes is model output
        self.template = False  # reads a placeholder path (`'PATH/TO/DATA/FILE'`): it cannot run as it is
        self.exports = False  # exports or traces a model (`torch.onnx.export`, `torch.jit.trace`)
        self.counts_correct = False  # a value named `correct` / `n_correct`: a count of right answers...
        self.checks = False  # ...unless the file checks code on random inputs (`correct = np.allclose(...)`)
        self.eval_mode = False  # `net.eval()`: with right answers counted, an evaluation of the trained model
        self.times = False  # times code or reads its memory use (`time.time()`, `torch.cuda.Event`)
        self.reads = False  # reads a file, a library's dataset, or weights
        # Evaluates: a metric function called, an evaluation step called (`test(epoch)`,
        # `validate(loader)`), or a metric named for a held-out split (`test_acc`). A metric-named
        # value in a file that trains and evaluates nothing (`d_acc` of a GAN's discriminator, an RL
        # episode `score`) is a training statistic printed as the model trains, not a result.
        self.evaluates = False
        self.metric = False  # a metric computed (`measures` also counts `model.eval()`, for the file's purpose)
        self.scopes: dict[str, str] = {}  # scope -> "metric" or "answers": where one is computed
        self.correct_scopes: set[str] = set()  # where right answers are counted
        self.saves_weights = False  # `torch.save(...)`, `model.save_pretrained(...)`: a checkpoint for other programs
        self.scores = self.steps = False  # scores held-out data (`test_l2 = ...`); calls `test(epoch)`
        self.step_calls, self.timed = set(), set()  # `test_NSA(args)` called; scopes that time (`test_NSA` itself)

    def see_target(self, target: str, where: Callable[[], str] | None = None) -> None:
        """A value assigned to `acc`, `val_score`, `self.f1`: a measured number, however computed."""
        if target and held_out_quantity(target.rsplit(".", 1)[-1]):
            self.measures = self.evaluates = self.scores = True
            self._result(where)
        elif target and _metric_name(target.rsplit(".", 1)[-1]):
            self.measures = True
            if _result_metric(target.rsplit(".", 1)[-1], None):
                self._result(where)
            self.evaluates = self.evaluates or bool(_words(target.rsplit(".", 1)[-1]) & _HELD_OUT)
        elif target and "correct" in _words(target.rsplit(".", 1)[-1]):
            self.counts_correct = True
            if where is not None:
                self.correct_scopes.add(where())

    def _result(self, where: Callable[[], str] | None, kind: str = "metric") -> None:
        self.metric = self.metric or kind == "metric"
        if where is not None:
            key = where()
            if self.scopes.get(key) != "metric":
                self.scopes[key] = kind

    def see(self, tail: str, name: str | None, own: bool = False, where: Callable[[], str] | None = None,
            args: Callable[[], str] | None = None) -> None:
        """`own`: a function of the notebook itself, whose name says nothing (its body's calls do).
        `where`: the key of the call's scope (`hygiene.analysis.randomness`); `args`: the call's code (of a metric)."""
        if own:
            return
        if tail in _CHECKS:
            self.checks = True
        if tail in _SAVING_WEIGHTS or name in ("torch.save", "safetensors.torch.save_file"):
            self.saves_weights = True
        if _evaluation_step(tail, name):  # `trainer.test(model)`, `validate(val_loader)`: it reports what it measures
            self.evaluates = self.steps = True
            self.step_calls.add(tail)
            self._result(where)
        elif tail in _RECORDING and where is not None and (tail not in _TRACKING or _evaluation_scope(where())):
            # `print(json.dumps(results))`, `csv.writer(f).writerow([...])` after a run: its numbers are
            # written down; `self.log("val_acc", ...)` in `validation_step`: logged from an evaluation
            self.evaluates = True
            self._result(where)
            self.measures = self.measures or tail in _REPORT_TABLES
        if tail in _TIMING or (name is not None and name.startswith(_TIMING_NAMES)):
            self.times = True
            self.timed.add(where().rsplit(".", 1)[-1] if where is not None else "")
        if tail in READS or tail in _LOADING or (name is not None and name.startswith(_DATASET_ROOTS + ENVIRONMENT_ROOTS)):
            self.reads = True
        if tail in _WRITING:
            self.writes = True
        elif tail in _MODEL_CALLS:
            self.models = True
            if tail not in ("forward", "encode_batch"):
                self.answers = True
                self._result(where, "answers")
        if name in _EXPORTING:
            self.exports = True
        if tail in _ARRAY_SAVES and name is not None and name.startswith("numpy."):
            self.saves_arrays = True
        if tail in _PUBLISHING:
            self.publishes = True
        elif tail in _LOADING:
            self.loads_weights = True
        elif tail in _TRAINING:
            self.trains = True
        elif tail in _SHOWING or (name is not None and name.startswith(_SHOWING_ROOTS)):
            self.shows = True
            self.figures += tail == "savefig"
        elif name is not None and name.startswith(("arviz.", "pymc.")) and tail in _POSTERIOR_SUMMARIES:
            # `az.summary(idata)`, `az.hdi(...)`: a Bayesian analysis reports its posterior estimates
            self.measures = self.evaluates = True
            self._result(where)
        elif (name is not None and name.startswith(("sklearn.metrics", "evaluate.", "torchmetrics."))
              and not name.startswith(_FEATURE_METRICS)) or (tail and _words(tail) & _METRIC_WORDS and not _logs(name)):
            self.measures = True
            self.eval_mode = self.eval_mode or (tail == "eval" and not (name or "").startswith("builtins."))
            if tail != "eval" and _result_metric(tail, name):  # not a mode switch, nor a training loss
                self.evaluates = True
                self.scores = self.scores or (args is not None and names_held_out(args()))
                self._result(where)

    def result_scopes(self) -> dict[str, str]:
        """The scopes (`hygiene.analysis.randomness` keys) that compute a measured number that is a
        result: a metric of an evaluation, or any metric in a file that trains nothing (a scorer, a
        notebook's analysis); model answers count too (what a generation step writes is what a
        scorer turns into a number). A program reports a number when it runs one of them. Each
        scope says "metric" or "answers" (model output only)."""
        if self.metric and (self.evaluates or not self.trains):
            return dict(sorted(self.scopes.items()))
        return {k: v for k, v in sorted(self.scopes.items()) if v == "answers"}


def placeholder_path(text: str) -> bool:
    """`'PATH/TO/DATA/FILE'`, `"/path/to/data.csv"`, `'<your data>'`, `'YOUR_DATA_PATH'`: a path left
    for the user to fill in, in a template (TPOT's exported pipelines, README snippets)."""
    return bool(_PLACEHOLDER.match(text.strip("'\"").strip()))


def _logs(name: str | None) -> bool:
    """`logging.error(...)`, `logger.error(...)`, `ValueError(...)`: a log line or an exception,
    not a measured error."""
    return name is not None and (name.startswith(("logging.", "builtins."))
                                 or name.split(".", 1)[0].lower() in ("logger", "log"))


# Folders that say their code is kept for the record, not run: a finding there is a question.
_ARCHIVE_DIRS = frozenset({"deprecated", "archive", "archived", "legacy", "old", "attic", "obsolete", "unused"})


def archived(path: str) -> bool:
    """`deprecated/explore.ipynb`, `old/train_v1.py`: code its authors put aside (the file name does
    not count: `old_model.py` is live)."""
    return any(part.lower() in _ARCHIVE_DIRS for part in path.split("/")[:-1])


def in_data_folder(path: str) -> bool:
    """Is `path` under a folder of data (`data/`, `datasets/`)? Code there makes or holds data."""
    return any(p.lower() in _DATA_DIRS for p in path.split("/")[:-1])


def _metric_name(target: str) -> bool:
    return bool(_words(target) & _METRIC_WORDS)


_FIGURE_WORDS = frozenset({"plot", "plots", "plotting", "figure", "figures", "fig", "figs", "viz", "vis", "legend",
                           "visualize", "visualise", "visualization", "visualisation", "chart", "charts",
                           "visualizations", "visualisations", "visualizer", "visualiser", "plotter"})


def in_doc_dir(path: str) -> bool:
    """Is `path` documentation or a usage example of the repository's library (`examples/run_x.py`),
    or teaching material (`keras-tutorial/1.2 Introduction.ipynb`, `course/lesson_3.py`)? It
    demonstrates; what the library measures when an example runs it is the user's number, not one
    the repository reports."""
    return any(p in _DOC_DIRS for p in path.split("/")[:-1]) or teaching(path)


def teaching(path: str) -> bool:
    """Is `path` in a folder named for teaching (`keras-tutorial/`, `ml_course/`, `lessons/`)?"""
    return any(_words(p.replace("-", " ").replace("_", " ")) & _TEACHING for p in path.split("/")[:-1])


def named_for_figures(path: str) -> bool:
    """Is `path` a notebook or script named for making figures (`Plotting.ipynb`, `make_figures.py`),
    or kept in a folder for them (`plotting_utils/`, `figures/`)? What it computes shapes a picture;
    the numbers a paper reports come from elsewhere."""
    parts = path.split("/")
    return any(_words(part) & _FIGURE_WORDS for part in [*parts[:-1], parts[-1].rsplit(".", 1)[0]])


def makes_data(path: str) -> bool:
    """Is `path` a data builder by where it is and what it is called?"""
    parts = path.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    if in_data_folder(path) or any(_words(p) & (_MAKING | {"annotation"}) and _words(p) & _DATA_NOUNS for p in parts[:-1]):
        # (also a folder named for making data: `data_creation/`, `metadata_annotation/`, held-out 28; a file
        # named `annotation_sample.ipynb` holds a sample of annotations, not the code making them)
        return True
    words = _words(stem)
    # `inputgen.py`, `datagen.py`: a noun and `gen` written as one word
    compound = {w[:-3] for w in words if w.endswith("gen") and w[:-3] in _DATA_NOUNS}
    words |= compound | ({"gen"} if compound else set())
    return bool(words & _MAKING) and bool(words & (_DATA_NOUNS | _STIMULI))


def file_purpose(path: str, signals: CallSignals, notebook: Any = None) -> str:
    """"data" (its output is committed data), "reports" (it computes, trains or queries a model for answers), "shows"
    (it only illustrates), "exports" (it exports or traces a model it neither trains nor measures),
    "times" (a script that runs a model, times it and reads no data: a benchmark of speed or memory
    on made-up inputs), or "" (nothing in the file says: a helper, or a plain script).

    A notebook reports only what it measures (a model fit there whose predictions are only plotted
    illustrates), and one with more words of prose than of code is a chapter or a tutorial: text
    that explains, with code that demonstrates."""
    if signals.counts_correct and not signals.checks:
        signals.measures = signals.metric = True  # `correct = sum(answer == gold ...)`: it scores answers
        signals.scopes.update((key, "metric") for key in signals.correct_scopes)
        # right answers counted by a file that switches its network to eval mode: it evaluates the model it trains
        signals.evaluates = signals.evaluates or (signals.eval_mode and signals.trains)
    if signals.publishes or (makes_data(path) and not signals.trains) or _transforms_data(signals, notebook) \
            or _extracts_features(signals, notebook):
        return "data"
    if signals.template:
        return "shows"  # a template with placeholder paths cannot run: it produces no reported number
    if signals.exports and not (signals.trains or signals.measures) and notebook is None:
        return "exports"  # its output is a model file; random inputs only show the tracer shapes
    steps = signals.steps and not signals.step_calls <= signals.timed  # `test_speed()` calls that time are no evaluation
    if signals.times and not (signals.reads or signals.scores or steps) and notebook is None and (signals.trains or signals.models):
        return "times"  # runs a model on made-up inputs and times it: unless what it runs reads data (Programs)
    if (signals.figures > _MANY_FIGURES and not signals.scores) or in_doc_dir(path):
        return "shows"  # makes figures, or documents or demonstrates a library: its numbers are not results
    if notebook is not None:
        # a notebook that queries a model for answers and draws nothing (an LLM evaluation run in cells) reports
        # like a script; one that predicts to plot the fit illustrates
        answers = signals.answers and not (signals.figures or signals.shows)
        return "reports" if (signals.measures or answers) and (signals.scores or not _prose(notebook)) else "shows"
    if signals.trains or signals.measures:
        return "reports"
    # A script that queries or runs a model for answers (an LLM evaluation's generation step)
    # produces what is scored: its output is an experiment's result.
    return "shows" if signals.shows else "reports" if signals.answers else ""


def _transforms_data(signals: CallSignals, notebook: Any) -> bool:
    """A script that writes data files and neither trains, measures, plots nor runs a model: it
    reshapes a data set (a split written once to `train.json` / `test.json` and reused)."""
    return notebook is None and signals.writes and not (signals.trains or signals.measures or signals.shows
                                                        or signals.models or signals.loads_weights)


def _extracts_features(signals: CallSignals, notebook: Any) -> bool:
    """A script that runs a model only to save arrays (`np.save` of activations or embeddings) and
    neither trains, measures, plots nor generates answers: it builds features that other programs
    read, like a data builder."""
    return notebook is None and signals.saves_arrays and (signals.models or signals.loads_weights) \
        and not (signals.trains or signals.measures or signals.shows or signals.answers)


def _prose(notebook: Any) -> bool:
    words = {"markdown": 0, "code": 0}
    for cell in notebook.cells:
        if cell.cell_type in words:
            words[cell.cell_type] += len(cell.source.split())
    return words["markdown"] > words["code"]
