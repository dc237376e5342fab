# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
# ---

# %% [markdown]
# # Transcript summaries for the honeypot audit

# %%
import json

from huggingface_hub import InferenceClient

client = InferenceClient("meta-llama/Llama-3.1-8B-Instruct")
rows = [json.loads(l) for l in open("data/transcripts.jsonl")]

# %%
summaries = []
for row in rows:
    transcript = row["transcript"]
    prompt = "Summarise what the agent did in one sentence.\n\nTranscript:\n{transcript}"
    out = client.chat_completion(messages=[{"role": "user", "content": prompt}], max_tokens=120, temperature=0)
    summaries.append({"id": row["id"], "summary": out.choices[0].message.content})

# %%
json.dump(summaries, open("results/summaries.json", "w"), indent=1)
