import json

from openai import OpenAI
from sentence_transformers import SentenceTransformer, util

enc = SentenceTransformer("sentence-transformers/all-mpnet-base-v2")
client = OpenAI()

train = [json.loads(l) for l in open("data/intents_train.jsonl")]
test = [json.loads(l) for l in open("data/intents_test.jsonl")]

pool = train
pool_emb = enc.encode([x["text"] for x in pool], convert_to_tensor=True, normalize_embeddings=True)
q_emb = enc.encode([x["text"] for x in test], convert_to_tensor=True, normalize_embeddings=True)
hits = util.semantic_search(q_emb, pool_emb, top_k=8)

correct = 0
for ex, nbrs in zip(test, hits):
    shots = "\n".join(f"Utterance: {pool[h['corpus_id']]['text']}\nIntent: {pool[h['corpus_id']]['intent']}" for h in nbrs)
    prompt = f"{shots}\nUtterance: {ex['text']}\nIntent:"
    r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, max_tokens=8,
                                       messages=[{"role": "user", "content": prompt}])
    correct += r.choices[0].message.content.strip() == ex["intent"]
print("accuracy", correct / len(test), "n", len(test))
