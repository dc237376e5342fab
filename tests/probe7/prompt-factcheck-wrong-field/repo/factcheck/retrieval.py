import requests

SEARCH_URL = "http://localhost:8080/search"


def top_docs(query: str, k: int = 5) -> list[str]:
    hits = requests.get(SEARCH_URL, params={"q": query, "k": k}, timeout=30).json()["hits"]
    return [h["snippet"] for h in hits]
