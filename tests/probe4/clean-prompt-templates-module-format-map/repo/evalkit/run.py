import json

from openai import OpenAI

from evalkit import prompts

client = OpenAI()


def chat(content: str, model: str) -> str:
    out = client.chat.completions.create(model=model, temperature=0,
                                         messages=[{"role": "user", "content": content}])
    return out.choices[0].message.content


def translate(sentence: str, pair: dict) -> str:
    fields = {"sentence": sentence, **pair}
    return chat(prompts.TRANSLATE_USER.format_map(fields), "gpt-4o-mini")


def judge(source: str, candidate: str) -> int:
    raw = chat(prompts.JUDGE_USER.format(source=source, candidate=candidate), "gpt-4o")
    return int(json.loads(raw)["adequacy"])


if __name__ == "__main__":
    pair = {"src_lang": "German", "tgt_lang": "English"}
    src = open("data/deu.devtest").read().splitlines()[:200]
    scores = []
    for s in src:
        scores.append(judge(s, translate(s, pair)))
    print(json.dumps({"mean_adequacy": sum(scores) / len(scores), "n": len(scores)}))
