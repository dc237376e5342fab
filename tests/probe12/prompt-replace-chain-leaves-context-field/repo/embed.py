from sentence_transformers import SentenceTransformer

_m = SentenceTransformer("all-MiniLM-L6-v2")


def embed(text):
    return _m.encode(text, normalize_embeddings=True)
