import json

import hydra
import torch
from omegaconf import DictConfig
from transformers import AutoModelForCausalLM, AutoTokenizer


@hydra.main(config_path="conf", config_name="config", version_base=None)
def main(cfg: DictConfig) -> None:
    tok = AutoTokenizer.from_pretrained(cfg.model.name)
    model = AutoModelForCausalLM.from_pretrained(cfg.model.name, torch_dtype=torch.bfloat16,
                                                 device_map="auto")
    rows = [json.loads(l) for l in open(hydra.utils.to_absolute_path(cfg.data.path))]
    out = []
    for row in rows:
        prompt = (cfg.prompt.template.replace("{question}", row["question"])
                  .replace("{domain}", row["domain"]))
        ids = tok.apply_chat_template([{"role": "user", "content": prompt}],
                                      add_generation_prompt=True, return_tensors="pt").to(model.device)
        gen = model.generate(ids, max_new_tokens=cfg.model.max_new_tokens, do_sample=False)
        answer = tok.decode(gen[0, ids.shape[1]:], skip_special_tokens=True).strip()
        out.append({"id": row["id"], "answer": answer, "gold": row["answer"],
                    "correct": answer.lower() == row["answer"].lower()})
    with open(cfg.out, "w") as f:
        for r in out:
            f.write(json.dumps(r) + "\n")
    print("accuracy", sum(r["correct"] for r in out) / len(out))


if __name__ == "__main__":
    main()
