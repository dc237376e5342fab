from dataclasses import dataclass

from datasets import load_dataset

from mathbench.disk import load_cached, store_cached


@dataclass
class TaskConfig:
    dataset: str = "gsm8k"
    split: str = "test"
    n_shots: int = 8
    temperature: float = 0.0
    max_tokens: int = 512


class MathTask:
    def __init__(self, cfg: TaskConfig):
        self.cfg = cfg

    def shots(self) -> str:
        train = load_dataset(self.cfg.dataset, "main", split="train").select(range(self.cfg.n_shots))
        return "\n\n".join(f"Q: {r['question']}\nA: {r['answer']}" for r in train)

    def request(self, problem: dict, shots: str) -> dict:
        return {
            "prompt": f"{shots}\n\nQ: {problem['question']}\nA:",
            "temperature": self.cfg.temperature,
            "max_tokens": self.cfg.max_tokens,
            "stop": ["\n\nQ:"],
        }

    def requests(self) -> list[dict]:
        name = f"{self.cfg.dataset}-{self.cfg.split}-{self.cfg.n_shots}shot-t{self.cfg.temperature}-max{self.cfg.max_tokens}"
        cached = load_cached(name)
        if cached is not None:
            return cached
        shots = self.shots()
        problems = load_dataset(self.cfg.dataset, "main", split=self.cfg.split)
        built = [self.request(p, shots) for p in problems]
        store_cached(name, built)
        return built
