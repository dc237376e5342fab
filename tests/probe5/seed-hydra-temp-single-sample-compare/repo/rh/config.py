from dataclasses import dataclass, field

from hydra.core.config_store import ConfigStore


@dataclass
class SamplingCfg:
    model: str = "gpt-4o-mini"
    temperature: float = 0.8
    max_tokens: int = 1024
    n_samples: int = 1


@dataclass
class ExperimentCfg:
    sampling: SamplingCfg = field(default_factory=SamplingCfg)
    tasks_path: str = "data/impossible_tasks.jsonl"
    conditions: tuple = ("baseline", "scratchpad")


ConfigStore.instance().store(name="experiment", node=ExperimentCfg)
