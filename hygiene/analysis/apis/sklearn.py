"""scikit-learn and friends: metrics, splitters, fitted preprocessors, estimators.

Sets hold qualified names as `hygiene.analysis.names` resolves them from public import paths
(`sklearn.metrics.f1_score`); `short(name)` gives the last part for the few places where only
the class name is known (an import from a private module path resolves to the same class name).
"""
from __future__ import annotations

import re

import libcst as cst

# Metrics whose first two arguments are (truth, prediction or score).
_METRICS = """
accuracy_score balanced_accuracy_score f1_score fbeta_score precision_score recall_score
precision_recall_fscore_support roc_auc_score average_precision_score log_loss brier_score_loss
confusion_matrix multilabel_confusion_matrix classification_report matthews_corrcoef
cohen_kappa_score jaccard_score hamming_loss zero_one_loss precision_recall_curve roc_curve
det_curve top_k_accuracy_score hinge_loss mean_squared_error root_mean_squared_error
mean_absolute_error r2_score mean_absolute_percentage_error median_absolute_error
explained_variance_score max_error mean_squared_log_error root_mean_squared_log_error
mean_pinball_loss mean_poisson_deviance mean_gamma_deviance mean_tweedie_deviance d2_tweedie_score
d2_pinball_score d2_absolute_error_score ndcg_score dcg_score label_ranking_average_precision_score
adjusted_rand_score adjusted_mutual_info_score normalized_mutual_info_score
""".split()
METRICS = frozenset(f"sklearn.metrics.{m}" for m in _METRICS) | frozenset(
    # seqeval's entity-level metrics take (y_true, y_pred) tag sequences like scikit-learn's
    f"seqeval.metrics.{m}" for m in "accuracy_score f1_score precision_score recall_score classification_report".split())
# Swapping truth and prediction changes nothing for these.
SYMMETRIC_METRICS = frozenset(f"sklearn.metrics.{m}" for m in """
accuracy_score cohen_kappa_score matthews_corrcoef hamming_loss zero_one_loss mean_squared_error
root_mean_squared_error mean_absolute_error median_absolute_error max_error adjusted_rand_score
mean_squared_log_error root_mean_squared_log_error
adjusted_mutual_info_score normalized_mutual_info_score
""".split())
SYMMETRIC_METRICS |= {"seqeval.metrics.accuracy_score"}
# Swapping changes nothing for these either, unless `average="weighted"` (weights by true support):
# F1 and Jaccard treat false positives and false negatives alike.
SYMMETRIC_UNLESS_WEIGHTED = frozenset(f"sklearn.metrics.{m}" for m in "f1_score jaccard_score".split()) | {"seqeval.metrics.f1_score"}
# Metrics whose second argument is a score or probability, not a label.
SCORE_METRICS = frozenset(f"sklearn.metrics.{m}" for m in """
roc_auc_score average_precision_score log_loss brier_score_loss precision_recall_curve roc_curve
det_curve top_k_accuracy_score hinge_loss ndcg_score dcg_score label_ranking_average_precision_score
""".split())

SPLIT_FUNCTIONS = frozenset({
    "sklearn.model_selection.train_test_split", "sklearn.cross_validation.train_test_split",
    "torch.utils.data.random_split", "torch.utils.data.dataset.random_split",
})
_SPLITTERS = """
KFold StratifiedKFold GroupKFold StratifiedGroupKFold ShuffleSplit StratifiedShuffleSplit
GroupShuffleSplit TimeSeriesSplit RepeatedKFold RepeatedStratifiedKFold LeaveOneOut LeavePOut
LeaveOneGroupOut LeavePGroupsOut PredefinedSplit
""".split()
SPLITTERS = frozenset(f"sklearn.model_selection.{s}" for s in _SPLITTERS)
GROUPED_SPLITTERS = frozenset(f"sklearn.model_selection.{s}" for s in """
GroupKFold StratifiedGroupKFold GroupShuffleSplit LeaveOneGroupOut LeavePGroupsOut TimeSeriesSplit
""".split())
CV_FUNCTIONS = frozenset(f"sklearn.model_selection.{s}" for s in """
cross_val_score cross_validate cross_val_predict GridSearchCV RandomizedSearchCV HalvingGridSearchCV
HalvingRandomSearchCV learning_curve validation_curve permutation_test_score
""".split())

# Classes that learn statistics from the data they are fit on.
_PREPROCESSORS = {
    "sklearn.preprocessing": "StandardScaler MinMaxScaler RobustScaler MaxAbsScaler QuantileTransformer "
                             "PowerTransformer OneHotEncoder OrdinalEncoder LabelEncoder LabelBinarizer "
                             "MultiLabelBinarizer KBinsDiscretizer TargetEncoder SplineTransformer",
    "sklearn.impute": "SimpleImputer KNNImputer IterativeImputer MissingIndicator",
    "sklearn.feature_selection": "SelectKBest SelectPercentile VarianceThreshold RFE RFECV SelectFromModel "
                                 "SequentialFeatureSelector GenericUnivariateSelect SelectFpr SelectFdr SelectFwe",
    "sklearn.decomposition": "PCA TruncatedSVD NMF FastICA KernelPCA IncrementalPCA SparsePCA "
                             "LatentDirichletAllocation FactorAnalysis DictionaryLearning",
    "sklearn.feature_extraction.text": "CountVectorizer TfidfVectorizer TfidfTransformer",
    "sklearn.feature_extraction": "DictVectorizer",
    "sklearn.discriminant_analysis": "LinearDiscriminantAnalysis",
    "sklearn.cross_decomposition": "PLSRegression CCA PLSCanonical",
    # Libraries of sklearn-style transformers: category encoders learn per-category statistics (target
    # encoders learn them from the labels), feature-engine's imputers, encoders, discretisers and
    # selectors, mlxtend's wrapper selectors.
    "category_encoders": "TargetEncoder LeaveOneOutEncoder CatBoostEncoder WOEEncoder JamesSteinEncoder "
                         "MEstimateEncoder GLMMEncoder QuantileEncoder SummaryEncoder CountEncoder OrdinalEncoder "
                         "OneHotEncoder BinaryEncoder BaseNEncoder HashingEncoder HelmertEncoder SumEncoder "
                         "BackwardDifferenceEncoder PolynomialEncoder",
    "feature_engine.encoding": "MeanEncoder WoEEncoder OrdinalEncoder CountFrequencyEncoder RareLabelEncoder "
                               "DecisionTreeEncoder OneHotEncoder",
    "feature_engine.imputation": "MeanMedianImputer ArbitraryNumberImputer CategoricalImputer EndTailImputer "
                                 "RandomSampleImputer",
    "feature_engine.discretisation": "EqualFrequencyDiscretiser EqualWidthDiscretiser DecisionTreeDiscretiser",
    "feature_engine.outliers": "Winsorizer OutlierTrimmer",
    "feature_engine.selection": "SelectByTargetMeanPerformance SmartCorrelatedSelection RecursiveFeatureElimination "
                                "SelectBySingleFeaturePerformance DropCorrelatedFeatures SelectByShuffling "
                                "RecursiveFeatureAddition DropConstantFeatures",
    "mlxtend.feature_selection": "SequentialFeatureSelector ExhaustiveFeatureSelector",
    # TensorFlow 1's and tflearn's text vocabularies: `fit_transform` builds the word-id table from the texts.
    "tensorflow.contrib.learn.preprocessing": "VocabularyProcessor",
    "tensorflow.contrib.learn.preprocessing.text": "VocabularyProcessor",
    "tflearn.data_utils": "VocabularyProcessor",
}
PREPROCESSORS = frozenset(f"{mod}.{cls}" for mod, names in _PREPROCESSORS.items() for cls in names.split())
# Resamplers change the rows themselves; before a split they copy test information into train.
RESAMPLERS = frozenset(
    [f"imblearn.over_sampling.{c}" for c in "SMOTE ADASYN RandomOverSampler BorderlineSMOTE SVMSMOTE "
                                             "KMeansSMOTE SMOTENC SMOTEN".split()]
    + [f"imblearn.combine.{c}" for c in "SMOTEENN SMOTETomek".split()]
    + [f"imblearn.under_sampling.{c}" for c in "RandomUnderSampler NearMiss TomekLinks "
                                               "EditedNearestNeighbours ClusterCentroids".split()]
)

# Estimators and tools whose results depend on `random_state` when it is left unset (then they
# draw from numpy's global generator). Deterministic by default, so not here: xgboost, lightgbm
# and catboost (fixed default seeds), KFold / StratifiedKFold without shuffle, PCA with its
# default solver, NMF with its default init. Not here either, because `random_state` only orders
# the steps of a solver of a convex problem, which reaches the same optimum up to its tolerance
# (the reported numbers do not change beyond their last digits): LogisticRegression(CV) with any
# solver, Ridge and RidgeClassifier with sag/saga, Lasso and ElasticNet with selection="random",
# LinearSVC and LinearSVR. A decision tree that weighs every feature at each split (no
# `max_features`) uses it only to break exact ties between equally good splits: reported only
# with `max_features` set (`_RANDOM_WHEN`). Nor a chance baseline, `DummyClassifier(strategy="stratified")`
# or "uniform": it guesses at random by design, and its score is read as chance level, which any run
# shows (the corpus's one finding of it, a course's confusion matrices, was false).
_RANDOM_STATE = {
    "sklearn.ensemble": "RandomForestClassifier RandomForestRegressor ExtraTreesClassifier ExtraTreesRegressor "
                        "GradientBoostingClassifier GradientBoostingRegressor HistGradientBoostingClassifier "
                        "HistGradientBoostingRegressor BaggingClassifier BaggingRegressor AdaBoostClassifier "
                        "AdaBoostRegressor IsolationForest RandomTreesEmbedding",
    "sklearn.tree": "DecisionTreeClassifier DecisionTreeRegressor ExtraTreeClassifier ExtraTreeRegressor",
    "sklearn.linear_model": "SGDClassifier SGDRegressor SGDOneClassSVM Perceptron PassiveAggressiveClassifier "
                            "PassiveAggressiveRegressor RANSACRegressor",
    "sklearn.svm": "SVC NuSVC",
    "sklearn.neural_network": "MLPClassifier MLPRegressor BernoulliRBM",
    "sklearn.cluster": "KMeans MiniBatchKMeans SpectralClustering BisectingKMeans",
    "sklearn.mixture": "GaussianMixture BayesianGaussianMixture",
    "sklearn.manifold": "TSNE SpectralEmbedding MDS",
    "sklearn.decomposition": "PCA TruncatedSVD NMF FastICA LatentDirichletAllocation MiniBatchDictionaryLearning",
    "sklearn.model_selection": "RandomizedSearchCV HalvingRandomSearchCV train_test_split KFold StratifiedKFold "
                               "GroupKFold ShuffleSplit StratifiedShuffleSplit GroupShuffleSplit RepeatedKFold "
                               "RepeatedStratifiedKFold",
    "sklearn.feature_selection": "mutual_info_classif mutual_info_regression",
    "sklearn.inspection": "permutation_importance",
    "sklearn.utils": "resample shuffle",
    "sklearn.kernel_approximation": "RBFSampler Nystroem",
    "sklearn.random_projection": "GaussianRandomProjection SparseRandomProjection",
    "sklearn.datasets": "make_classification make_regression make_blobs make_moons make_circles "
                        "make_multilabel_classification make_friedman1 make_sparse_spd_matrix make_swiss_roll "
                        "make_s_curve make_gaussian_quantiles make_hastie_10_2 make_low_rank_matrix "
                        "make_sparse_uncorrelated make_spd_matrix make_biclusters make_checkerboard",
    "imblearn.over_sampling": "SMOTE ADASYN RandomOverSampler BorderlineSMOTE SVMSMOTE KMeansSMOTE SMOTENC SMOTEN",
    "imblearn.under_sampling": "RandomUnderSampler NearMiss ClusterCentroids",
    "imblearn.combine": "SMOTEENN SMOTETomek",
    "umap": "UMAP",
    "umap.umap_": "UMAP",
}
RANDOM_STATE_USERS = frozenset(f"{mod}.{cls}" for mod, names in _RANDOM_STATE.items() for cls in names.split())
ANY_BUT_NONE = frozenset({"*"})
NOT_ONE = frozenset({"<1"})  # a fraction below 1.0 (`subsample=0.8`)
# Those whose randomness depends on an argument: (keyword, values that make them random, default).
_RANDOM_WHEN = {
    "train_test_split": ("shuffle", {"True"}, "True"),
    "KFold": ("shuffle", {"True"}, "False"),
    "StratifiedKFold": ("shuffle", {"True"}, "False"),
    "GroupKFold": ("shuffle", {"True"}, "False"),
    # Any value but None samples features at each split; without it, only ties are broken at random.
    "DecisionTreeClassifier": ("max_features", ANY_BUT_NONE, "None"),
    "DecisionTreeRegressor": ("max_features", ANY_BUT_NONE, "None"),
    "SVC": ("probability", {"True"}, "False"),
    "NuSVC": ("probability", {"True"}, "False"),
    "PCA": ("svd_solver", {"randomized", "arpack"}, "auto"),
    "NMF": ("init", {"random"}, "None"),
    # Gradient boosting draws only when it subsamples rows or features (or holds out rows to stop early);
    # with the defaults every tree weighs every feature on every row, and the seed only breaks ties.
    "GradientBoostingClassifier": [("max_features", ANY_BUT_NONE, "None"), ("subsample", NOT_ONE, "1.0"),
                                   ("n_iter_no_change", ANY_BUT_NONE, "None")],
    "GradientBoostingRegressor": [("max_features", ANY_BUT_NONE, "None"), ("subsample", NOT_ONE, "1.0"),
                                  ("n_iter_no_change", ANY_BUT_NONE, "None")],
}


# What reads an SVM's Platt-scaled probabilities, the only output its `random_state` changes.
_PROBABILITY_READS = re.compile(r"predict_proba|predict_log_proba|roc_auc|log_loss|brier|average_precision|CalibrationDisplay")


def platt_only(label: str, text: str) -> bool:
    """`SVC(probability=True)` in a file that never reads probabilities: its seed only feeds the internal
    cross-validation of Platt scaling, and `predict` / `decision_function` / `score` do not depend on it."""
    return label.split("(", 1)[0] in ("SVC", "NuSVC") and not _PROBABILITY_READS.search(text)


def random_state_matters(name: str, kwargs: dict) -> bool:
    """Does `name(**kwargs)` (a `RANDOM_STATE_USERS` member) draw randomness, given its arguments?

    `kwargs` maps keywords to libcst expressions; an argument we cannot read counts as random only
    where the default is random, so `KFold(shuffle=cfg.shuffle)` is left alone.
    """
    rule = _RANDOM_WHEN.get(short(name))
    if rule is None:
        return True
    if isinstance(rule, list):
        return any(_random_by(one, kwargs) for one in rule)
    return _random_by(rule, kwargs)


def _random_by(rule: tuple, kwargs: dict) -> bool:
    keyword, random_values, default = rule
    expr = kwargs.get(keyword)
    if random_values is NOT_ONE:
        if expr is None:
            return False
        return isinstance(expr, (cst.Float, cst.Integer)) and float(expr.value) < 1.0
    if expr is None:
        return default in random_values
    if random_values is ANY_BUT_NONE:
        return _literal_text(expr) != "None" and _is_literal(expr)
    value = _literal_text(expr)
    return value in random_values if value is not None else False


def _is_literal(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, (cst.SimpleString, cst.Integer, cst.Float, cst.Name)) and \
        (not isinstance(expr, cst.Name) or expr.value in ("True", "False", "None"))


def _literal_text(expr: cst.BaseExpression) -> str | None:
    if isinstance(expr, cst.Name) and expr.value in ("True", "False", "None"):
        return expr.value
    if isinstance(expr, cst.SimpleString):
        return expr.value.strip("\"'")
    return None


# Metrics that rank or calibrate by score: hard 0/1 labels in the score slot silently degrade them.
RANKING_METRICS = frozenset(f"sklearn.metrics.{m}" for m in """
roc_auc_score average_precision_score roc_curve precision_recall_curve det_curve brier_score_loss log_loss
""".split())
# Keyword names of the (truth, prediction) slots across sklearn's metrics.
TRUTH_KEYWORDS = ("y_true", "labels_true")
PREDICTION_KEYWORDS = ("y_pred", "y_score", "y_prob", "y_proba", "probas_pred", "labels_pred")


def metric_arguments(args: "list") -> tuple[object | None, object | None]:
    """(truth, prediction) argument expressions of a metric call's libcst `args`."""
    positional = [a.value for a in args if a.keyword is None and not a.star]
    truth = positional[0] if positional else None
    prediction = positional[1] if len(positional) > 1 else None
    for arg in args:
        if arg.keyword is not None:
            if arg.keyword.value in TRUTH_KEYWORDS:
                truth = arg.value
            elif arg.keyword.value in PREDICTION_KEYWORDS:
                prediction = arg.value
    return truth, prediction


def short(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def is_metric(name: str | None) -> bool:
    return name in METRICS


# Transcription and translation metrics of jiwer and sacrebleu: the error rate or score of a whole corpus.
TEXT_METRICS = frozenset(f"jiwer.{m}" for m in "wer cer mer wil wip".split()) | frozenset(
    f"sacrebleu.{m}" for m in "corpus_bleu corpus_chrf corpus_ter".split())
