import json

from omegaconf import OmegaConf
from openai import OpenAI

cfg = OmegaConf.load("conf/eval.yaml")
client = OpenAI(base_url=cfg.endpoint, api_key="none")

with open(cfg.out, "w") as out:
    for line in open(cfg.data):
        request = json.loads(line)["request"]
        content = cfg.prompt.template + "\n\n" + request
        r = client.chat.completions.create(model=cfg.model, temperature=0,
                                           messages=[{"role": "user", "content": content}])
        out.write(json.dumps({"request": request, "reply": r.choices[0].message.content}) + "\n")
