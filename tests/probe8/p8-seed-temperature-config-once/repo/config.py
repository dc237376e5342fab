from dataclasses import dataclass


@dataclass
class ExpConfig:
    model: str = "gpt-4o-mini"
    temperature: float = 0.8
    max_tokens: int = 256
    data_path: str = "data/arith.jsonl"
