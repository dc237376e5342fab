# %%
import json

import sacrebleu
from openai import OpenAI

client = OpenAI()
target_lang = "German"
pairs = [json.loads(l) for l in open("data/wmt_en_de_500.jsonl")]

# %%
def translate(src):
    messages = [
        {"role": "system", "content": "You are a professional translator."},
        {"role": "user", "content": "Translate into {target_lang}:\n\n{src}"},
    ]
    r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, messages=messages)
    return r.choices[0].message.content.strip()

# %%
hyps = [translate(p["en"]) for p in pairs]
refs = [p["de"] for p in pairs]
print(sacrebleu.corpus_bleu(hyps, [refs]).score)
