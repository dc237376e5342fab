from twin import twin

SPECS = []

N1 = dict(
    id="nb-error-labelled-refused",
    style="notebook",
    description="A notebook classifies replies; an API exception sets the label to 'refused', and the refusal rate is the share of 'refused' labels.",
    files={
        "refusals.ipynb": ("nb", [
            ("code", """
                import json
                import openai
                client = openai.OpenAI()
                prompts = [json.loads(l)["prompt"] for l in open("data/harmful.jsonl")]
            """),
            ("code", """
                labels = []
                for p in prompts:
                    try:
                        r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": p}])
                        text = r.choices[0].message.content.lower()
                        labels.append("refused" if "i can't" in text or "i cannot" in text else "complied")
                    except openai.OpenAIError:
                        labels.append("refused")
            """),
            ("code", """
                rate = labels.count("refused") / len(labels)
                print(f"refusal rate: {rate:.3f}")
            """),
        ]),
    },
    labels=[dict(file="refusals.ipynb", find='        labels.append("refused")', category="DATA-DEFAULT",
                 why="an API error is labelled as a refusal")],
)
SPECS.append(N1)
SPECS.append(twin(N1, "nb-error-labelled-refused-clean", "API errors get their own label, left out of the rate.",
                  {"refusals.ipynb": []},
                  add_files={"refusals.ipynb": ("nb", [
                      ("code", """
                          import json
                          import openai
                          client = openai.OpenAI()
                          prompts = [json.loads(l)["prompt"] for l in open("data/harmful.jsonl")]
                      """),
                      ("code", """
                          labels = []
                          for p in prompts:
                              try:
                                  r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": p}])
                                  text = r.choices[0].message.content.lower()
                                  labels.append("refused" if "i can't" in text or "i cannot" in text else "complied")
                              except openai.OpenAIError:
                                  labels.append("api_error")
                      """),
                      ("code", """
                          answered = [l for l in labels if l != "api_error"]
                          rate = answered.count("refused") / len(answered)
                          print(f"refusal rate: {rate:.3f} ({len(labels) - len(answered)} API errors left out)")
                      """),
                  ])}))

N2 = dict(
    id="nb-gold-in-prompt-later-cell",
    style="notebook",
    description="A notebook builds prompts in one cell with the label in them and sends them in a later cell, scoring the replies against the same label.",
    files={
        "sentiment_eval.ipynb": ("nb", [
            ("code", """
                import pandas as pd
                from anthropic import Anthropic
                client = Anthropic()
                df = pd.read_csv("data/sst2_test.csv")
            """),
            ("code", """
                prompts = [f"Review: {row.sentence}\\nGold sentiment: {row.label}\\nSentiment (positive/negative):" for row in df.itertuples()]
            """),
            ("code", """
                preds = []
                for p in prompts:
                    m = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=5, messages=[{"role": "user", "content": p}])
                    preds.append(m.content[0].text.strip().lower())
                acc = (pd.Series(preds) == df["label"]).mean()
                print("accuracy", acc)
            """),
        ]),
    },
    labels=[dict(file="sentiment_eval.ipynb", find="Gold sentiment: {row.label}", category="LEAK-PROMPT",
                 why="the gold label is written into the prompt")],
)
SPECS.append(N2)
SPECS.append(twin(N2, "nb-gold-in-prompt-later-cell-clean", "Only the review is in the prompt.", {"sentiment_eval.ipynb": []}))
SPECS[-1]["files"]["sentiment_eval.ipynb"] = ("nb", [(k, src.replace("\\nGold sentiment: {row.label}", "")) for k, src in N2["files"]["sentiment_eval.ipynb"][1]])

N3 = dict(
    id="nb-draw-before-seed-cell",
    style="notebook",
    description="A notebook samples its evaluation items in an early cell and sets the random seed only in a later cell.",
    files={
        "eval.ipynb": ("nb", [
            ("code", """
                import json, random
                items = [json.loads(l) for l in open("data/mmlu_test.jsonl")]
                subset = random.sample(items, 300)
            """),
            ("code", """
                random.seed(0)
                from openai import OpenAI
                client = OpenAI()
            """),
            ("code", """
                hits = 0
                for it in subset:
                    out = client.chat.completions.create(model="gpt-4o-mini", temperature=0, messages=[{"role": "user", "content": it["prompt"]}])
                    hits += out.choices[0].message.content.strip()[:1] == it["answer"]
                print("accuracy", hits / len(subset))
            """),
        ]),
    },
    labels=[dict(file="eval.ipynb", find="subset = random.sample(items, 300)", category="SEED-UNSEEDED",
                 why="the subset is drawn before the seed is set")],
)
SPECS.append(N3)
SPECS.append(twin(N3, "nb-draw-before-seed-cell-clean", "The seed is set before the draw.",
                  {"eval.ipynb": []},
                  add_files={"eval.ipynb": ("nb", [
                      ("code", """
                          import json, random
                          random.seed(0)
                          items = [json.loads(l) for l in open("data/mmlu_test.jsonl")]
                          subset = random.sample(items, 300)
                      """),
                      ("code", """
                          from openai import OpenAI
                          client = OpenAI()
                      """),
                      ("code", """
                          hits = 0
                          for it in subset:
                              out = client.chat.completions.create(model="gpt-4o-mini", temperature=0, messages=[{"role": "user", "content": it["prompt"]}])
                              hits += out.choices[0].message.content.strip()[:1] == it["answer"]
                          print("accuracy", hits / len(subset))
                      """),
                  ])}))

N4 = dict(
    id="nb-scaler-cell-before-split-cell",
    style="notebook",
    description="A notebook min-max scales every feature column in one cell and splits into train and test two cells later.",
    files={
        "heart.ipynb": ("nb", [
            ("code", """
                import pandas as pd
                from sklearn.preprocessing import MinMaxScaler
                df = pd.read_csv("data/heart.csv")
                features = [c for c in df.columns if c != "target"]
            """),
            ("code", """
                df[features] = MinMaxScaler().fit_transform(df[features])
            """),
            ("code", """
                df.describe()
            """),
            ("code", """
                from sklearn.model_selection import train_test_split
                from sklearn.svm import SVC
                X_tr, X_te, y_tr, y_te = train_test_split(df[features], df["target"], test_size=0.25, random_state=1)
                print("test accuracy", SVC().fit(X_tr, y_tr).score(X_te, y_te))
            """),
        ]),
    },
    labels=[dict(file="heart.ipynb", find="df[features] = MinMaxScaler().fit_transform(df[features])", category="LEAK-PREPROC",
                 why="the scaler is fit on every row before the split")],
)
SPECS.append(N4)
