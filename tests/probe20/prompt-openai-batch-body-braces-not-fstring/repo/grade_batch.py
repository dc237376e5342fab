import json

MODEL = "gpt-4o-2024-08-06"
RUBRIC = "Score the answer from 1 (wrong) to 10 (fully correct and complete). Reply with the number only."


def request_line(i, row):
    content = "Question: {row['question']}\nAnswer to grade: {row['answer']}\n\n" + RUBRIC
    return {"custom_id": f"grade-{i}", "method": "POST", "url": "/v1/chat/completions",
            "body": {"model": MODEL, "temperature": 0, "max_tokens": 3,
                     "messages": [{"role": "user", "content": content}]}}


def main():
    rows = [json.loads(l) for l in open("outputs/answers.jsonl")]
    with open("batch/grade_requests.jsonl", "w") as fh:
        for i, row in enumerate(rows):
            fh.write(json.dumps(request_line(i, row)) + "\n")


if __name__ == "__main__":
    main()
