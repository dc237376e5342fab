import numpy as np
import pandas as pd
import anthropic

client = anthropic.Anthropic()
df = pd.read_csv("data/arc_challenge_test.csv")
idx = np.random.choice(len(df), size=250, replace=False)
sub = df.iloc[idx]
score = 0
for _, row in sub.iterrows():
    msg = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=5, messages=[{"role": "user", "content": row["prompt"]}])
    score += msg.content[0].text.strip()[:1] == row["answerKey"]
print(score / len(sub))
