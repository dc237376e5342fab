from kedro.pipeline import Pipeline, node, pipeline

from .nodes import fit_and_score, split, vectorise


def create_pipeline(**kwargs) -> Pipeline:
    return pipeline([
        node(vectorise, ["tickets", "params:model"], ["X", "y"], name="vectorise"),
        node(split, ["X", "y", "params:model"], ["X_tr", "X_te", "y_tr", "y_te"], name="split"),
        node(fit_and_score, ["X_tr", "X_te", "y_tr", "y_te", "params:model"], "metrics", name="fit"),
    ])
