import json

from openai import OpenAI

client = OpenAI()
LANGS = ["German", "French", "Swahili"]
sentences = [l.strip() for l in open("data/flores_dev.en") if l.strip()]

out = []
for language in LANGS:
    for sentence in sentences:
        prompt = "Translate the following sentence into {language}. Reply with the translation only.\n\n{sentence}"
        resp = client.chat.completions.create(
            model="gpt-4o-mini", temperature=0, messages=[{"role": "user", "content": prompt}]
        )
        out.append({"language": language, "src": sentence, "hyp": resp.choices[0].message.content})

json.dump(out, open("outputs/translations.json", "w"), ensure_ascii=False, indent=1)
