from dataclasses import dataclass


@dataclass
class EvalConfig:
    model: str = "meta-llama/Meta-Llama-3-8B-Instruct"
    label_words: tuple = ("negative", "neutral", "positive")
    instruction: str = "Classify the sentiment of the review as one of: {labels}. Answer with one word.\n\nReview: "
    max_new_tokens: int = 4
    n_examples: int = 2000
