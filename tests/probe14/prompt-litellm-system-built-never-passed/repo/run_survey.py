import json

from steer.chat import answer_survey

MODEL = "gpt-4o-mini"


def main():
    personas = json.load(open("data/personas.json"))
    questions = [json.loads(l)["text"] for l in open("data/survey.jsonl")]
    with open("outputs/answers.jsonl", "w") as fh:
        for p in personas:
            for q in questions:
                fh.write(json.dumps({"model": MODEL, "persona": p["name"], "question": q,
                                     "answer": answer_survey(MODEL, p, q)}) + "\n")


if __name__ == "__main__":
    main()
