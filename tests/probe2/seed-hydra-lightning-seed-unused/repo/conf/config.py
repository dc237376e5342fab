from dataclasses import dataclass, field

from hydra.core.config_store import ConfigStore


@dataclass
class DataConfig:
    root: str = "data/eurosat"
    val_fraction: float = 0.1
    batch_size: int = 64


@dataclass
class TrainConfig:
    seed: int = 1234
    max_epochs: int = 20
    lr: float = 3e-4
    data: DataConfig = field(default_factory=DataConfig)


cs = ConfigStore.instance()
cs.store(name="train", node=TrainConfig)
