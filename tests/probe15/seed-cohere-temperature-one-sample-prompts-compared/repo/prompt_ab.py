import json
import os

import cohere

co = cohere.ClientV2(api_key=os.environ["CO_API_KEY"])
VARIANTS = {
    "terse": "Classify the sentiment as positive, negative or neutral. One word.",
    "polite": "Please read the review carefully and tell me whether its sentiment is positive, negative or neutral. One word.",
}
items = [json.loads(l) for l in open("data/reviews_dev.jsonl")]

acc = {}
for name, instr in VARIANTS.items():
    hits = 0
    for it in items:
        r = co.chat(model="command-r-plus", temperature=0.9,
                    messages=[{"role": "system", "content": instr}, {"role": "user", "content": it["text"]}])
        hits += r.message.content[0].text.strip().lower().startswith(it["label"])
    acc[name] = hits / len(items)
print(acc, "difference", acc["polite"] - acc["terse"])
