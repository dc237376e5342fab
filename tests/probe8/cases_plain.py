"""Plain, textbook spellings: what a grader writes first."""


def define(case):
    case("p8-leak-plain-scaler", "sklearn",
         "Textbook leak: StandardScaler().fit_transform(X) on the whole feature matrix, then train_test_split, then "
         "an SVM; the scaler's mean and variance include the test rows.",
         {
             "README.md": """
                 # breast-cancer-svm
                 `python svm.py`
             """,
             "svm.py": """
                 from sklearn.datasets import load_breast_cancer
                 from sklearn.metrics import accuracy_score
                 from sklearn.model_selection import train_test_split
                 from sklearn.preprocessing import StandardScaler
                 from sklearn.svm import SVC

                 X, y = load_breast_cancer(return_X_y=True)
                 scaler = StandardScaler()
                 X_scaled = scaler.fit_transform(X)  #@LEAK-PREPROC
                 X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, test_size=0.2, random_state=0)
                 clf = SVC(kernel="rbf", C=1.0).fit(X_train, y_train)
                 print("test accuracy:", accuracy_score(y_test, clf.predict(X_test)))
             """,
         })

    case("p8-eval-plain-train-accuracy", "sklearn",
         "Textbook train-set evaluation: the script fits a decision tree on the training split and prints "
         "'Test accuracy' computed on X_train / y_train.",
         {
             "README.md": """
                 # titanic-tree
                 `python tree.py`
             """,
             "tree.py": """
                 import pandas as pd
                 from sklearn.metrics import accuracy_score
                 from sklearn.model_selection import train_test_split
                 from sklearn.tree import DecisionTreeClassifier

                 df = pd.read_csv("data/titanic_clean.csv")
                 X = df[["pclass", "sex_male", "age", "sibsp", "parch", "fare"]]
                 y = df["survived"]
                 X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=10)
                 model = DecisionTreeClassifier(max_depth=6, random_state=10)
                 model.fit(X_train, y_train)
                 y_pred = model.predict(X_train)  #@EVAL-TRAIN+1
                 print("Test accuracy:", accuracy_score(y_train, y_pred))
             """,
         })

    case("p8-eval-plain-dropout-train-mode", "torch",
         "Textbook eval-mode bug: an MLP with Dropout is trained, then test accuracy is computed in the same "
         "function without calling model.eval(), so dropout is active during the test pass.",
         {
             "README.md": """
                 # mnist-mlp
                 `python mlp.py`
             """,
             "mlp.py": """
                 import torch
                 import torch.nn as nn
                 from torch.utils.data import DataLoader
                 from torchvision import datasets, transforms

                 torch.manual_seed(0)
                 tf = transforms.ToTensor()
                 train_dl = DataLoader(datasets.MNIST("data", train=True, download=True, transform=tf), batch_size=128, shuffle=True)
                 test_dl = DataLoader(datasets.MNIST("data", train=False, download=True, transform=tf), batch_size=1000)

                 model = nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Dropout(0.5), nn.Linear(512, 10))
                 opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)

                 for epoch in range(5):
                     model.train()
                     for x, y in train_dl:
                         opt.zero_grad()
                         loss = nn.functional.cross_entropy(model(x), y)
                         loss.backward()
                         opt.step()

                 correct = 0
                 with torch.no_grad():
                     for x, y in test_dl:
                         correct += (model(x).argmax(dim=1) == y).sum().item()  #@EVAL-MODE
                 print(f"test accuracy {correct / len(test_dl.dataset):.4f}")
             """,
         })

    case("p8-data-plain-inner-merge", "llm-eval",
         "Predictions are merged with the gold labels by id with an inner join before accuracy; items whose "
         "prediction is missing (failed generations were not written) disappear from the denominator and the "
         "count is never compared with the gold set.",
         {
             "README.md": """
                 # nli-eval
                 `python score.py`
             """,
             "score.py": """
                 import pandas as pd

                 gold = pd.read_json("data/anli_r3_test.jsonl", lines=True)[["uid", "label"]]
                 pred = pd.read_json("outputs/predictions.jsonl", lines=True)[["uid", "pred"]]
                 merged = gold.merge(pred, on="uid", how="inner")  #@DATA-DROP
                 acc = (merged["label"] == merged["pred"]).mean()
                 print(f"accuracy: {acc:.4f}")
             """,
         })

    case("p8-result-plain-nan", "sklearn",
         "Results JSON for five seeds of a regression model where two seeds have NaN R2 (a diverged run), and the "
         "summary mean in the same file is NaN too; the README still quotes the run as finished.",
         {
             "README.md": """
                 # energy-mlp
                 Five seeds of an MLP regressor; see `results/seeds.json`.
             """,
             "run_seeds.py": """
                 import json

                 import numpy as np
                 import pandas as pd
                 from sklearn.metrics import r2_score
                 from sklearn.model_selection import train_test_split
                 from sklearn.neural_network import MLPRegressor

                 df = pd.read_csv("data/energy.csv")
                 X, y = df.drop(columns=["heating_load"]).to_numpy(), df["heating_load"].to_numpy()
                 X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
                 out = {}
                 for seed in range(5):
                     m = MLPRegressor(hidden_layer_sizes=(64, 64), learning_rate_init=0.05, random_state=seed).fit(X_tr, y_tr)
                     out[f"seed_{seed}"] = float(r2_score(y_te, m.predict(X_te)))
                 out["mean"] = float(np.mean(list(out.values())))
                 json.dump({"model": "MLPRegressor(64,64)", "n_test": len(y_te), "r2": out}, open("results/seeds.json", "w"), indent=2)
             """,
             "results/seeds.json": """
                 {
                   "model": "MLPRegressor(64,64)",
                   "n_test": 154,
                   "r2": {
                     "seed_0": 0.9123,
                     "seed_1": NaN, #@RESULT-SUSPECT+5
                     "seed_2": 0.9071,
                     "seed_3": NaN,
                     "seed_4": 0.9188,
                     "mean": NaN
                   }
                 }
             """,
         })

    case("p8-seed-plain-shuffle-subset", "llm-eval",
         "Textbook unseeded subset: random.shuffle(questions) then the first 100 are evaluated, with no seed "
         "anywhere, so every run scores a different subset.",
         {
             "README.md": """
                 # trivia-100
                 `python quick_eval.py`
             """,
             "quick_eval.py": """
                 import json
                 import random

                 from openai import OpenAI

                 client = OpenAI()
                 questions = [json.loads(l) for l in open("data/triviaqa_dev.jsonl")]
                 random.shuffle(questions)  #@SEED-UNSEEDED+1
                 subset = questions[:100]

                 hits = 0
                 for q in subset:
                     r = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                                        messages=[{"role": "user", "content": q["question"]}])
                     hits += any(a.lower() in r.choices[0].message.content.lower() for a in q["aliases"])
                 print(f"accuracy on 100 random questions: {hits / len(subset):.2f}")
             """,
         })

    case("p8-clean-seed-shuffle-seeded", "llm-eval",
         "Clean twin of the quick trivia eval: the subset is drawn with random.Random(0), and the ids of the "
         "subset are saved with the score.",
         {
             "README.md": """
                 # trivia-100
                 `python quick_eval.py`
             """,
             "quick_eval.py": """
                 import json
                 import random

                 from openai import OpenAI

                 SEED = 0
                 client = OpenAI()
                 questions = [json.loads(l) for l in open("data/triviaqa_dev.jsonl")]
                 subset = random.Random(SEED).sample(questions, 100)

                 hits = 0
                 for q in subset:
                     r = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                                        messages=[{"role": "user", "content": q["question"]}])
                     hits += any(a.lower() in r.choices[0].message.content.lower() for a in q["aliases"])
                 print(f"accuracy on 100 questions (seed {SEED}): {hits / len(subset):.2f}")
                 json.dump({"model": "gpt-4o-mini", "seed": SEED, "n": len(subset), "accuracy": hits / len(subset),
                            "ids": [q["id"] for q in subset]}, open("results/quick_eval.json", "w"))
             """,
         })
