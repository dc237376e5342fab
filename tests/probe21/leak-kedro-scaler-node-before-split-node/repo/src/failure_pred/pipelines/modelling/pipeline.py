from kedro.pipeline import Pipeline, node, pipeline

from .nodes import evaluate_model, preprocess, split_data, train_model


def create_pipeline(**kwargs) -> Pipeline:
    return pipeline([
        node(preprocess, inputs=["raw_sensors", "params:numeric_cols"], outputs="preprocessed", name="preprocess"),
        node(split_data, inputs=["preprocessed", "params:split"], outputs=["X_train", "X_test", "y_train", "y_test"], name="split"),
        node(train_model, inputs=["X_train", "y_train"], outputs="classifier", name="train"),
        node(evaluate_model, inputs=["classifier", "X_test", "y_test"], outputs="metrics", name="evaluate"),
    ])
