import json
from collections import defaultdict

import cohere

co = cohere.ClientV2()
PROMPT = "Translate the following sentence into {target_lang}. Reply with the translation only.\n\n{text}"


def translate(text: str) -> str:
    prompt = PROMPT.format_map(defaultdict(str, text=text))
    res = co.chat(model="command-r-plus", messages=[{"role": "user", "content": prompt}])
    return res.message.content[0].text


pairs = [json.loads(l) for l in open("data/flores_de.jsonl")]
hyps = [translate(p["src"]) for p in pairs]
json.dump({"hyps": hyps, "refs": [p["ref"] for p in pairs]}, open("outputs/de_hyps.json", "w"))
