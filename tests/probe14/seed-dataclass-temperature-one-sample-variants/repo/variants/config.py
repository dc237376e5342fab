from dataclasses import dataclass, field


@dataclass
class RunConfig:
    model: str = "openrouter/meta-llama/llama-3.1-8b-instruct"
    temperature: float = 0.7
    max_tokens: int = 512
    variants: list = field(default_factory=lambda: ["plain", "cot"])
    data: str = "data/strategyqa_dev.jsonl"
