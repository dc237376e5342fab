import httpx

ENDPOINT = "https://api.openai.com/v1/chat/completions"


def build_messages(context: str, question: str):
    user = ("Use only the context below to answer.\n\nContext:\n{context}\n\n"
            f"Question: {question}\nAnswer in one sentence.")
    return [{"role": "system", "content": "You answer questions about company policy."},
            {"role": "user", "content": user}]


def answer(client: httpx.Client, context: str, question: str, model: str = "gpt-4o-mini") -> str:
    r = client.post(ENDPOINT, json={"model": model, "temperature": 0, "messages": build_messages(context, question)})
    r.raise_for_status()
    return r.json()["choices"][0]["message"]["content"]
