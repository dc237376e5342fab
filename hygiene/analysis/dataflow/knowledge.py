"""What library calls do to data, as far as the dataflow layer needs to know.

The sklearn and model-call knowledge lives in `hygiene.analysis.apis`; this module adds what the layer
needs beyond it: which calls read a dataset, which ones cut out a subset, which reduce data to a
statistic, which train or save a model, and what a variable's name says about the part of the
data it holds (`X_test`, `val_loader`, `train_df`).
"""
from __future__ import annotations

import re

from hygiene.analysis.apis import plain
from hygiene.analysis.apis.sklearn import (CV_FUNCTIONS, GROUPED_SPLITTERS, METRICS, PREPROCESSORS, RESAMPLERS,
                                  SPLIT_FUNCTIONS, SPLITTERS)

__all__ = ["CV_FUNCTIONS", "GROUPED_SPLITTERS", "METRICS", "PREPROCESSORS", "RESAMPLERS", "SPLIT_FUNCTIONS",
           "SPLITTERS"]

# Calls that read a dataset (their result is "the full data" unless a split or a name says more).
LOADERS = frozenset({
    "pandas.read_csv", "pandas.read_json", "pandas.read_parquet", "pandas.read_table", "pandas.read_excel",
    "pandas.read_pickle", "pandas.read_feather", "pandas.read_sql", "pandas.read_hdf", "pandas.read_fwf",
    "polars.read_csv", "polars.read_parquet", "polars.read_ndjson", "polars.read_json", "polars.scan_parquet",
    "numpy.load", "numpy.loadtxt", "numpy.genfromtxt", "json.load", "json.loads", "jsonlines.open",
    "pickle.load", "joblib.load", "torch.load", "builtins.open", "io.open", "csv.reader", "csv.DictReader",
    "datasets.load_dataset", "datasets.load_from_disk", "datasets.Dataset.from_pandas",
    "datasets.Dataset.from_dict", "datasets.Dataset.from_list", "datasets.Dataset.from_json",
    "datasets.Dataset.from_csv", "scipy.io.loadmat", "h5py.File",
})
LOADER_PREFIXES = ("sklearn.datasets.load_", "sklearn.datasets.fetch_", "torchvision.datasets.",
                   "tensorflow.keras.datasets.", "keras.datasets.", "torchaudio.datasets.", "torchtext.datasets.")
LOADER_METHODS = frozenset({"read_text", "read_bytes", "readlines"})

# Methods and functions that keep some rows of their input (a subset of the same items).
SUBSET_METHODS = frozenset({"head", "tail", "sample", "dropna", "drop_duplicates", "query", "nlargest", "nsmallest",
                            "select", "take", "filter", "unique", "shard"})
DEDUP_METHODS = frozenset({"drop_duplicates", "unique"})
SAMPLERS = frozenset({"random.sample", "random.choices", "numpy.random.choice", "numpy.random.permutation",
                      "sklearn.utils.resample", "sklearn.utils.shuffle"})
SAMPLER_METHODS = frozenset({"sample", "choice", "choices", "permutation"})
# Reductions that turn data into a statistic: used to fill or rescale data, they are a fit.
STAT_METHODS = frozenset({"mean", "median", "std", "var", "min", "max", "mode", "quantile", "sum", "nanmean",
                          "nanmedian", "nanstd", "nanmax", "nanmin", "percentile", "nanpercentile"})
STAT_FUNCTIONS = frozenset(f"numpy.{m}" for m in ("mean", "median", "std", "var", "min", "max", "nanmean",
                                                  "nanmedian", "nanstd", "nanvar", "nanmin", "nanmax",
                                                  "percentile", "nanpercentile", "quantile", "amin", "amax"))
# Picking the best of several: argmax over scores, max with a key, sorting by score.
SELECT_FUNCTIONS = frozenset({"numpy.argmax", "numpy.argmin", "numpy.nanargmax", "numpy.nanargmin",
                              "builtins.max", "builtins.min", "builtins.sorted", "torch.argmax", "torch.argmin"})
SELECT_METHODS = frozenset({"idxmax", "idxmin", "argmax", "argmin"})
CONCAT_FUNCTIONS = frozenset({"pandas.concat", "numpy.concatenate", "numpy.vstack", "numpy.hstack", "numpy.append",
                              "numpy.r_", "torch.cat", "torch.utils.data.ConcatDataset", "datasets.concatenate_datasets",
                              "itertools.chain"})
FIT_METHODS = frozenset({"fit", "fit_transform", "fit_resample", "fit_sample", "fit_predict", "partial_fit", "fit_on_texts",
                         "adapt", "train_from_iterator"})
# Resamplers return new rows: imbalanced-learn's `fit_resample` and its name before 0.4, `fit_sample`.
RESAMPLE_METHODS = frozenset({"fit_resample", "fit_sample"})
TRANSFORM_METHODS = frozenset({"transform", "texts_to_sequences", "texts_to_matrix"})
PREDICT_METHODS = frozenset({"predict", "predict_proba", "predict_log_proba", "decision_function",
                             "score_samples", "generate"})
SCORE_METHODS = frozenset({"score", "evaluate"})
# Library functions that score a model on the rows given: `f(model, rows, ...)` (LightFM's evaluation module).
MODEL_EVALUATORS = frozenset(f"lightfm.evaluation.{f}" for f in ("precision_at_k", "recall_at_k", "auc_score",
                                                                  "reciprocal_rank"))
# Calls on a receiver that change it in place.
MUTATORS = frozenset({"append", "extend", "add", "update", "insert", "setdefault", "appendleft", "extendleft"})
# Saving a model or a checkpoint, or keeping a copy of one: what a selection keeps.
SAVE_FUNCTIONS = frozenset({"torch.save", "joblib.dump", "pickle.dump", "copy.deepcopy", "copy.copy", "shutil.copyfile",
                            "shutil.copy", "shutil.copy2"})
SAVE_METHODS = frozenset({"save", "save_pretrained", "save_model", "save_weights", "save_checkpoint",
                          "state_dict", "save_state"})
# Losses are evaluations too when their inputs are predictions and labels.
LOSS_FUNCTIONS = frozenset(f"torch.nn.functional.{f}" for f in (
    "cross_entropy", "nll_loss", "mse_loss", "l1_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits",
    "smooth_l1_loss", "kl_div", "huber_loss"))
HASHERS = frozenset({"hashlib.md5", "hashlib.sha1", "hashlib.sha256", "hashlib.sha512", "hashlib.blake2b",
                     "hashlib.sha224", "hashlib.sha384", "builtins.hash", "hashlib.new", "xxhash.xxh64"})
# Early stopping and keep-the-best callbacks and arguments.
STOPPING_NAMES = ("EarlyStopping", "ModelCheckpoint", "early_stopping", "EarlyStoppingCallback", "ReduceLROnPlateau")
# Keywords of a fit call that hand it its training data: scikit-learn's `X`, text vectorizers', and the AutoML fits'
# (AutoGluon `fit(train_data=...)`, H2O `train(training_frame=...)`, FLAML `fit(X_train=...)`).
TRAINING_KEYWORDS = ("X", "x", "raw_documents", "texts", "train_data", "training_frame", "X_train")
# Keywords of a fit call that hand it held-out data to watch (Lightning's `Trainer().fit(model, train, val)` also by position).
HELD_OUT_KEYWORDS = ("validation_data", "eval_set", "X_val", "val_dataloaders", "tuning_data", "validation_frame")
# AutoML searches: their fit chooses learners and hyperparameters on the held-out data it is given
# (FLAML `fit(..., X_val=, y_val=)`, AutoGluon `fit(train, tuning_data=)`, H2O `train(..., validation_frame=)`).
SELECTING_FITS = frozenset({"flaml.AutoML", "flaml.automl.AutoML", "flaml.automl.automl.AutoML",
                            "autogluon.tabular.TabularPredictor", "autogluon.timeseries.TimeSeriesPredictor",
                            "autogluon.multimodal.MultiModalPredictor", "h2o.automl.H2OAutoML"})
# Pipeline frameworks' node constructors: `node(func, inputs, outputs)` wires datasets by name (Kedro).
PIPELINE_NODES = frozenset({"kedro.pipeline.node", "kedro.pipeline.node.node", "kedro.pipeline.modular_pipeline.node"})
# Hyperparameter searches that maximise (or minimise) what an objective function of the repo returns.
OBJECTIVE_SEARCHES = ("optuna.create_study.optimize", "optuna.study.Study.optimize", "optuna.Study.optimize",
                      "hyperopt.fmin", "skopt.gp_minimize", "skopt.forest_minimize", "skopt.gbrt_minimize",
                      "bayes_opt.BayesianOptimization",
                      # Ray Tune: the trainable's `report({...})` is what the search maximises
                      "ray.tune.Tuner", "ray.tune.tuner.Tuner", "ray.tune.run", "ray.tune.tune.run")
# What a trainable hands its search (Ray Tune's `train.report({...})`, `tune.report(...)`, `session.report`).
TRIAL_REPORTS = ("ray.train.report", "ray.tune.report", "ray.air.session.report", "ray.train.session.report")
# Training functions that take held-out data by keyword and stop or keep the best round on it.
BOOSTER_TRAINERS = {"lightgbm.train": "valid_sets", "xgboost.train": "evals", "lightgbm.engine.train": "valid_sets",
                    "xgboost.training.train": "evals", "catboost.train": "eval_set"}
STOPPING_KEYWORDS = frozenset({"early_stopping_rounds", "load_best_model_at_end", "early_stopping"})

SPLIT_NAMES = {"train": "train", "training": "train", "test": "test", "testing": "test", "val": "val",
               "valid": "val", "validation": "val", "dev": "val", "eval": None, "holdout": "test"}

# Attributes of data objects that are not columns or record fields.
DATA_ATTRIBUTES = frozenset({
    "values", "shape", "columns", "index", "loc", "iloc", "at", "iat", "T", "dtypes", "dtype", "str", "dt",
    "cat", "size", "ndim", "empty", "name", "data", "dataset", "device", "items", "keys", "features",
    "num_rows", "column_names", "info", "plot", "sparse", "real", "imag", "flat", "nbytes", "grad",
    "array", "groups", "indices", "sampler", "batch_size", "targets", "classes",
})

_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_TEST_TOKENS = frozenset({"test", "tests", "testing", "te", "tst", "hold", "holdout", "heldout", "held"})
_VAL_TOKENS = frozenset({"val", "va", "vali", "valid", "validation", "dev", "development"})
_TRAIN_TOKENS = frozenset({"train", "training", "tr", "trn", "fit"})
_PREFIXES = (("train", "train"), ("test", "test"), ("valid", "val"), ("holdout", "test"))


def name_role(name: str) -> str | None:
    """What part of the data a variable's name says it holds: "train", "test", "val" or None.

    `X_test`, `te_idx`, `test_loader`, `testset`, `dev_df`, `X_fit` and `hold_out` say so;
    `values`, `latest` and `contest` do not. Two different roles in one name say nothing.
    """
    found: set[str] = set()
    for token in _TOKEN.findall(name.replace("_", " ")):
        low = token.lower()
        if low in _TEST_TOKENS:
            found.add("test")
        elif low in _VAL_TOKENS:
            found.add("val")
        elif low in _TRAIN_TOKENS:
            found.add("train")
        else:
            for prefix, role in _PREFIXES:
                if low.startswith(prefix) and low != "trainer":
                    found.add(role)
    return found.pop() if len(found) == 1 else None


def literal_role(text: str) -> str | None:
    """The split a string literal names: "test", `split="validation"`, `"data/sciq_test.jsonl"`."""
    low = text.strip().lower()
    if low in SPLIT_NAMES:
        return SPLIT_NAMES[low]
    if "/" in low or "." in low:
        stem = low.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return name_role(stem) if len(stem) < 60 else None
    return None


def is_loader(name: str | None) -> bool:
    if name is None:
        return False
    bare = plain(name)
    return bare in LOADERS or bare.startswith(LOADER_PREFIXES)


def is_class_name(name: str) -> bool:
    last = name.rsplit(".", 1)[-1]
    return bool(last) and last[0].isupper()


# Functions that rescale columns with statistics of the rows they are given (a scaler fit and
# applied in one call). `sklearn.preprocessing.normalize` works row by row and is not here.
SCALING_FUNCTIONS = frozenset({"sklearn.preprocessing.scale", "sklearn.preprocessing.minmax_scale",
                               "sklearn.preprocessing.robust_scale", "sklearn.preprocessing.maxabs_scale",
                               "sklearn.preprocessing.quantile_transform", "sklearn.preprocessing.power_transform",
                               "scipy.stats.zscore"})
# Functions that keep the columns whose test against the labels they are given passes (a supervised
# selector fit and applied in one call): `select_features(X, y)`.
SELECTION_FUNCTIONS = frozenset({"tsfresh.select_features", "tsfresh.feature_selection.select_features",
                                 "tsfresh.feature_selection.selection.select_features",
                                 "tsfresh.extract_relevant_features",
                                 "tsfresh.convenience.relevant_extraction.extract_relevant_features"})
# Compositions of transformers; a Pipeline is one too when it is fit to transform (`fit_transform`).
TRANSFORMER_COMPOSITIONS = frozenset({"sklearn.compose.ColumnTransformer", "sklearn.compose.make_column_transformer",
                                      "sklearn.pipeline.FeatureUnion", "sklearn.pipeline.make_union"})
PIPELINES = frozenset({"sklearn.pipeline.Pipeline", "sklearn.pipeline.make_pipeline", "imblearn.pipeline.Pipeline",
                       "imblearn.pipeline.make_pipeline"})


# Factories that build whatever class a config names (Hydra's `_target_`): the method called on
# the object says what it is.
CONFIG_FACTORIES = frozenset({"hydra.utils.instantiate", "hydra.utils.call"})


def fit_kind(cls: str | None, method: str = "fit") -> str:
    """"preproc", "resample" or "model" for the class an estimator was made from."""
    if cls is None:
        return "model"
    bare = plain(cls)
    if bare in PREPROCESSORS or bare.endswith(("Tokenizer", "Vectorizer", "Scaler", "Imputer", "Normalizer")):
        return "preproc"
    if bare in TRANSFORMER_COMPOSITIONS or (bare in PIPELINES and method == "fit_transform"):
        return "preproc"
    if bare in CONFIG_FACTORIES and method == "fit_transform":
        return "preproc"  # `instantiate(cfg.preprocess).fit_transform(X)`: the config names a transformer
    if bare in RESAMPLERS:
        return "resample"
    return "model"


_UNSUPERVISED = ("sklearn.cluster.", "sklearn.mixture.", "sklearn.decomposition.", "sklearn.covariance.",
                 "sklearn.manifold.", "sklearn.neighbors.KernelDensity", "sklearn.neighbors.NearestNeighbors",
                 "sklearn.ensemble.IsolationForest", "sklearn.svm.OneClassSVM", "hdbscan.", "umap.")


def unsupervised(cls: str | None) -> bool:
    """A clustering, density or decomposition model: its `.score()` measures fit to its own data."""
    return bool(cls) and plain(cls).startswith(_UNSUPERVISED)


# Learning only the set of labels is harmless: it is a vocabulary, not a statistic of the rows.
LABEL_VOCABULARY = frozenset({"sklearn.preprocessing.LabelEncoder", "sklearn.preprocessing.LabelBinarizer",
                              "sklearn.preprocessing.MultiLabelBinarizer"})

GROUP_WORDS = frozenset({"subject", "patient", "participant", "person", "user", "customer", "speaker", "author",
                         "writer", "individual", "donor", "household", "family", "session", "recording", "prompt",
                         "document", "doc", "conversation", "dialog", "dialogue", "video", "site", "hospital",
                         "hadm", "mouse", "animal", "worker", "annotator", "driver", "client", "account",
                         "player", "student", "child", "case", "study", "trial", "group", "cluster", "source",
                         "shopper", "buyer", "visitor", "member", "learner", "respondent"})
_GROUP_BARE = frozenset({"patient", "participant", "speaker", "user", "user_id", "group", "groups"})


# Bare column names that, set once per file or loop iteration, tag rows of one person or recording
# (`rec["subject"] = subject`); bare `subject` alone is also a topic (MMLU), so not a group column.
UNIT_WORDS = frozenset({"subject", "patient", "participant", "speaker", "user", "session", "recording", "animal",
                        "mouse", "donor", "individual", "person", "driver", "player", "student", "worker", "annotator"})


# Window statistics over neighbouring rows (pandas `rolling(7).mean()`, polars `rolling_mean(7)`,
# `ewm_mean`, cumulative sums): they include the current row unless lagged first.
WINDOW_METHODS = frozenset({"rolling", "expanding", "ewm", "cumsum", "cummean", "cumprod", "cummax", "cummin",
                            "rolling_mean", "rolling_sum", "rolling_std", "rolling_var", "rolling_min", "rolling_max",
                            "rolling_median", "rolling_quantile", "rolling_map", "rolling_apply", "ewm_mean", "ewm_std",
                            "ewm_var", "cum_sum", "cum_prod", "cum_max", "cum_min", "cum_count"})
# Values of earlier rows: lags and differences (pandas and polars spell them alike).
LAG_METHODS = frozenset({"shift", "diff", "pct_change", "lag"})
# Methods that put a table's rows in the order of a column (pandas `sort_values`, polars `sort`,
# `set_index` of a time column); the column is a literal argument.
ORDER_METHODS = frozenset({"sort_values", "sort", "sort_by", "set_index", "orderBy", "order_by"})


def name_tokens(name: str) -> list[str]:
    """`PatientID` -> ["patient", "id"], `visit_key` -> ["visit", "key"]."""
    return [t.lower() for t in _TOKEN.findall(name.replace("_", " "))]


# `load_dataset("csv", data_files=...)`: a builder name whose data is the `data_files` argument.
BUILDER_FORMATS = frozenset({"csv", "json", "parquet", "text", "arrow", "pandas"})


def is_group_column(name: str) -> bool:
    """`subject_id`, `PatientID`, `user`, `doc_id`: a column naming who or what a row belongs to."""
    low = name.lower()
    if low in _GROUP_BARE:
        return True
    tokens = [t.lower() for t in _TOKEN.findall(name.replace("_", " "))]
    if len(tokens) < 2 or tokens[-1] not in ("id", "ids", "key", "uuid", "no", "number", "code"):
        return False
    # `treatment_group_key`, `control_group_id`: the arm of an experiment, not an entity whose rows repeat.
    words = [t for i, t in enumerate(tokens[:-1]) if not (t == "group" and i and tokens[i - 1] in _ARMS)]
    return any(t in GROUP_WORDS for t in words)


_ARMS = frozenset({"treatment", "treated", "control", "experiment", "experimental", "intervention", "placebo",
                   "arm", "variant", "test", "age"})


TIME_WORDS = frozenset({"date", "time", "timestamp", "ts", "datetime", "day", "month", "year", "week", "hour"})


def is_time_column(name: str) -> bool:
    tokens = [t.lower() for t in _TOKEN.findall(name.replace("_", " "))]
    return bool(tokens) and (tokens[-1] in TIME_WORDS or tokens[0] in ("date", "timestamp", "datetime"))


def random_valid_split(bare: str, method: str, keywords: dict) -> bool:
    """fastai's `ImageDataLoaders.from_df(df, ..., valid_pct=0.2)`: a random split of the frame's rows."""
    return "fastai" in bare and method.startswith("from_") and "valid_pct" in keywords
