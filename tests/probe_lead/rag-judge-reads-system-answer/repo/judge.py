import pandas as pd
from openai import OpenAI

client = OpenAI()
PROMPT = "Is the answer faithful to the document?\nQuestion: {q}\nDocument: {d}\nAnswer: {a}\nReply [[Yes]] or [[No]]."


def judge(q, d, a):
    out = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": PROMPT.format(q=q, d=d, a=a)}])
    return int("[[Yes]]" in out.choices[0].message.content)


df = pd.read_csv("labeled.tsv", sep="\t")
qcol = "Query" if "Query" in df.columns else "Question"
scores = []
for _, row in df.iterrows():
    scores.append(judge(row[qcol], row["Document"], row["Answer"]))
df["pred"] = scores
print((df["pred"] == df["Answer_Faithfulness_Label"]).mean())
