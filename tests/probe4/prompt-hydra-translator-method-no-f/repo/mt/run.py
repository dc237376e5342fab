import json

import hydra
import sacrebleu
from omegaconf import DictConfig

from mt.translator import Translator


@hydra.main(config_path="../conf", config_name="flores", version_base=None)
def main(cfg: DictConfig) -> None:
    tr = Translator(model=cfg.model, src_lang=cfg.src_lang, tgt_lang=cfg.tgt_lang)
    src = open(cfg.data.src).read().splitlines()[: cfg.data.limit]
    ref = open(cfg.data.ref).read().splitlines()[: cfg.data.limit]
    hyp = [tr(s) for s in src]
    chrf = sacrebleu.corpus_chrf(hyp, [ref]).score
    json.dump({"model": cfg.model, "pair": f"{cfg.src_lang}-{cfg.tgt_lang}", "chrf": chrf, "n": len(src)},
              open(cfg.out, "w"))
    print(f"chrF {chrf:.1f}")


if __name__ == "__main__":
    main()
