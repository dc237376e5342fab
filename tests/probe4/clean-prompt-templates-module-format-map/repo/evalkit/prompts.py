TRANSLATE_USER = "Translate this {src_lang} sentence into {tgt_lang}:\n\n{sentence}"

JUDGE_USER = (
    "Source: {source}\nCandidate translation: {candidate}\n"
    'Rate adequacy from 1 to 5. Reply as JSON: {{"adequacy": <int>}}'
)
