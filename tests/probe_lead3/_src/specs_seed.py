"""Batch 6 of the lead's third concept probe: notebooks and pipelines."""
from twin import twin

SPECS = []

# 1. A notebook prints the training score under "test accuracy".
G1 = dict(
    id="nb-train-score-printed-as-test",
    style="notebook",
    description="The notebook's last cell prints 'Test accuracy' computed with model.score on the training arrays.",
    files={
        "svm.ipynb": ("nb", [
            ("markdown", "# SVM on the digits data"),
            ("code", """
                from sklearn.datasets import load_digits
                from sklearn.model_selection import train_test_split
                from sklearn.svm import SVC
                X, y = load_digits(return_X_y=True)
                X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=42)
            """),
            ("code", """
                model = SVC(C=10, gamma=0.001).fit(X_train, y_train)
            """),
            ("code", """
                acc = model.score(X_train, y_train)
                print(f"Test accuracy: {acc:.3f}")
            """),
        ], [None, 1, 2, 3]),
    },
    labels=[dict(file="svm.ipynb", find="acc = model.score(X_train, y_train)", category="EVAL-TRAIN",
                 why="the 'test accuracy' is computed on the training split")],
)
SPECS.append(G1)
SPECS.append(twin(G1, "nb-train-score-printed-as-test-clean", "The test split is scored.",
                  {"svm.ipynb": []}))
SPECS[-1]["files"]["svm.ipynb"] = ("nb", [(k, s.replace("model.score(X_train, y_train)", "model.score(X_test, y_test)"))
                                          for k, s in G1["files"]["svm.ipynb"][1]], [None, 1, 2, 3])

# 2. A failed call's None reply labelled a refusal by a pandas apply.
G2 = dict(
    id="nb-none-reply-labelled-refusal",
    style="notebook",
    description="Failed requests stored None as the reply; the labelling lambda maps None to 'refusal', and the "
                "refusal rate per model is reported.",
    files={
        "refusals.ipynb": ("nb", [
            ("code", """
                import re
                import pandas as pd
                df = pd.read_json("outputs/replies.jsonl", lines=True)  # one row per (model, prompt); reply is None when the call failed
                REFUSAL = re.compile(r"I (can(no|')t|won't) (help|assist)", re.I)
            """),
            ("code", """
                df["label"] = df["reply"].apply(lambda r: "refusal" if r is None or REFUSAL.search(r) else "complied")
                df.groupby("model")["label"].apply(lambda s: (s == "refusal").mean())
            """),
        ], [1, 2]),
    },
    labels=[dict(file="refusals.ipynb", find='df["label"] = df["reply"].apply(lambda r: "refusal" if r is None', category="DATA-ERRORS",
                 why="a failed call (None reply) is labelled a refusal")],
)
SPECS.append(G2)
SPECS.append(twin(G2, "nb-none-reply-labelled-refusal-clean", "Failed calls get their own label.", {"refusals.ipynb": []}))
SPECS[-1]["files"]["refusals.ipynb"] = ("nb", [(k, s.replace('lambda r: "refusal" if r is None or REFUSAL.search(r) else "complied"',
                                                             'lambda r: "failed" if r is None else ("refusal" if REFUSAL.search(r) else "complied")'))
                                               for k, s in G2["files"]["refusals.ipynb"][1]], [1, 2])

# 3. Partial seeding: random is seeded, numpy (which draws the subset) is not.
G3 = dict(
    id="seed-random-seeded-numpy-subset-not",
    style="llm-eval",
    description="The script seeds Python's random but draws the evaluated subset with np.random.permutation, "
                "which nothing seeds.",
    files={
        "subset_eval.py": r'''
import json
import random

import numpy as np
from datasets import load_dataset
from openai import OpenAI

random.seed(1234)
client = OpenAI()
ds = load_dataset("truthful_qa", "generation", split="validation")
idx = np.random.permutation(len(ds))[:300]
hits = 0
for i in idx:
    row = ds[int(i)]
    reply = client.chat.completions.create(model="gpt-4o-mini", temperature=0, messages=[
        {"role": "user", "content": row["question"]}]).choices[0].message.content
    hits += any(a.lower() in reply.lower() for a in row["correct_answers"])
json.dump({"truthful_300": hits / len(idx)}, open("results/truthful.json", "w"))
''',
    },
    labels=[dict(file="subset_eval.py", find="idx = np.random.permutation(len(ds))[:300]", category="SEED-UNSEEDED",
                 why="the subset is drawn from numpy's generator, which is never seeded (only random is)")],
)
SPECS.append(G3)
SPECS.append(twin(G3, "seed-random-seeded-numpy-subset-not-clean", "numpy is seeded too.",
                  {"subset_eval.py": [("random.seed(1234)\n", "random.seed(1234)\nnp.random.seed(1234)\n")]}))

# 4. A transformers pipeline generating step-by-step answers with a 32-token budget, parsed for the final number.
G4 = dict(
    id="hf-pipeline-cot-short-budget",
    style="llm-eval",
    description="A text-generation pipeline is asked to reason step by step with max_new_tokens=32; the last number "
                "of the cut-off text is scored as the answer.",
    files={
        "gsm_pipeline.py": r'''
import json
import re

from transformers import pipeline

gen = pipeline("text-generation", model="Qwen/Qwen2.5-1.5B-Instruct", device_map="auto")
rows = [json.loads(l) for l in open("data/gsm8k_test.jsonl")]
correct = 0
for r in rows:
    out = gen(f"Question: {r['question']}\nLet's think step by step.", max_new_tokens=32, do_sample=False,
              return_full_text=False)[0]["generated_text"]
    nums = re.findall(r"-?\d+(?:\.\d+)?", out.replace(",", ""))
    correct += bool(nums) and nums[-1] == r["answer"].split("####")[-1].strip()
json.dump({"gsm8k_acc": correct / len(rows)}, open("results/gsm8k_qwen.json", "w"))
''',
    },
    labels=[dict(file="gsm_pipeline.py", find="max_new_tokens=32, do_sample=False", category="DATA-TRUNC",
                 why="a 32-token budget cuts the reasoning; the last number of the cut text is scored")],
)
SPECS.append(G4)
SPECS.append(twin(G4, "hf-pipeline-cot-short-budget-clean", "The budget holds the reasoning.",
                  {"gsm_pipeline.py": [("max_new_tokens=32,", "max_new_tokens=1024,")]}))

# 5. Few-shot examples drawn from the evaluated items (the item itself excluded).
G5 = dict(
    id="llm-shots-from-other-test-items",
    style="llm-eval",
    description="For each test item, three other test items with their answers are the demonstrations: the "
                "evaluation's own items and labels are in the prompts.",
    files={
        "icl_eval.py": r'''
import json
import random

from openai import OpenAI

client = OpenAI()
rng = random.Random(0)
test = [json.loads(l) for l in open("data/sst2_test.jsonl")]


def demo(ex):
    return f"Review: {ex['sentence']}\nSentiment: {ex['label_text']}\n\n"


hits = 0
for ex in test:
    shots = rng.sample([t for t in test if t is not ex], 3)
    prompt = "".join(demo(s) for s in shots) + f"Review: {ex['sentence']}\nSentiment:"
    out = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt, max_tokens=2, temperature=0)
    hits += out.choices[0].text.strip().lower() == ex["label_text"]
json.dump({"sst2_3shot": hits / len(test)}, open("results/sst2.json", "w"))
''',
    },
    labels=[dict(file="icl_eval.py", find="shots = rng.sample([t for t in test if t is not ex], 3)", category="LEAK-PROMPT",
                 why="demonstrations are drawn from the evaluated items")],
)
SPECS.append(G5)
SPECS.append(twin(G5, "llm-shots-from-other-test-items-clean", "Demonstrations come from the training split.",
                  {"icl_eval.py": [('test = [json.loads(l) for l in open("data/sst2_test.jsonl")]\n',
                                    'test = [json.loads(l) for l in open("data/sst2_test.jsonl")]\n'
                                    'train = [json.loads(l) for l in open("data/sst2_train.jsonl")]\n'),
                                   ("shots = rng.sample([t for t in test if t is not ex], 3)", "shots = rng.sample(train, 3)")]}))
