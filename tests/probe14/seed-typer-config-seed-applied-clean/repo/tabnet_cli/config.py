from dataclasses import asdict, dataclass
import json


@dataclass
class TrainConfig:
    data: str = "data/adult.parquet"
    hidden: int = 128
    lr: float = 1e-3
    epochs: int = 20
    batch_size: int = 256
    seed: int = 0

    def save(self, path):
        with open(path, "w") as fh:
            json.dump(asdict(self), fh, indent=2)
