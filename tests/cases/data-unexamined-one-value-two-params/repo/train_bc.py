from dataclasses import dataclass

import numpy as np

from offline.buffer import ReturnWeighter, filter_top_returns


@dataclass
class Config:
    keep_ratio: float = 0.1
    gamma: float = 1.0
    temperature: float = 3.0
    clip_max: float = 100.0


def main(cfg: Config, data: dict) -> None:
    kept = filter_top_returns(data["rewards"], data["terminals"], cfg.keep_ratio, cfg.keep_ratio)
    weigh = ReturnWeighter(temperature=cfg.temperature, clip_max=cfg.temperature)
    weights = weigh(data["advantages"])
    print(f"kept {len(kept)} episodes, mean weight {np.mean(weights):.3f}")


if __name__ == "__main__":
    main(Config(), dict(np.load("d4rl_hopper_medium.npz")))
