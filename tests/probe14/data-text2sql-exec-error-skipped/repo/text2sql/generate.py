import os

from openai import OpenAI

client = OpenAI(base_url=os.environ.get("LLM_BASE_URL", "http://localhost:8000/v1"), api_key="EMPTY")
MODEL = "defog/sqlcoder-7b-2"


def predict_sql(question: str, schema: str) -> str:
    resp = client.chat.completions.create(
        model=MODEL,
        temperature=0,
        max_tokens=512,
        messages=[
            {"role": "system", "content": "Write one SQLite query. Reply with SQL only."},
            {"role": "user", "content": f"Schema:\n{schema}\n\nQuestion: {question}"},
        ],
    )
    return resp.choices[0].message.content.strip().strip("`")
