from kedro.pipeline import Pipeline, node, pipeline

from .nodes import score_summaries, summarise


def create_pipeline(**kwargs) -> Pipeline:
    return pipeline([
        node(score_summaries, inputs=["model_summaries", "reference_summaries"], outputs="rouge_scores", name="score"),
        node(summarise, inputs="rouge_scores", outputs="rouge_summary", name="summarise"),
    ])
