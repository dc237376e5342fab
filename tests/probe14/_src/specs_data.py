from twin import twin

SPECS = []

# D1 text-to-SQL execution accuracy: a predicted query that fails to run is skipped, not counted wrong
D1 = dict(
    id="data-text2sql-exec-error-skipped",
    style="llm-eval",
    description="A text-to-SQL evaluation asks a model served behind an OpenAI-compatible endpoint for SQL, runs the predicted and gold queries on each question's sqlite database and compares the result sets. run_query() swallows every sqlite error and returns None; the scoring loop `continue`s past questions whose predicted query returned None, so queries that do not even execute leave the denominator and the execution accuracy is over the survivors; the number skipped is never reported.",
    files={
        "text2sql/db.py": r'''
import sqlite3
from pathlib import Path

DB_ROOT = Path("data/databases")


def run_query(db_id: str, sql: str):
    path = DB_ROOT / db_id / f"{db_id}.sqlite"
    try:
        with sqlite3.connect(path) as conn:
            rows = conn.execute(sql).fetchall()
        return set(rows)
    except Exception:
        return None
''',
        "text2sql/generate.py": r'''
import os

from openai import OpenAI

client = OpenAI(base_url=os.environ.get("LLM_BASE_URL", "http://localhost:8000/v1"), api_key="EMPTY")
MODEL = "defog/sqlcoder-7b-2"


def predict_sql(question: str, schema: str) -> str:
    resp = client.chat.completions.create(
        model=MODEL,
        temperature=0,
        max_tokens=512,
        messages=[
            {"role": "system", "content": "Write one SQLite query. Reply with SQL only."},
            {"role": "user", "content": f"Schema:\n{schema}\n\nQuestion: {question}"},
        ],
    )
    return resp.choices[0].message.content.strip().strip("`")
''',
        "evaluate.py": r'''
import json

from text2sql.db import run_query
from text2sql.generate import MODEL, predict_sql


def main():
    items = [json.loads(l) for l in open("data/dev.jsonl")]
    correct, scored = 0, 0
    for it in items:
        pred = predict_sql(it["question"], it["schema"])
        pred_rows = run_query(it["db_id"], pred)
        if pred_rows is None:
            continue
        gold_rows = run_query(it["db_id"], it["gold_sql"])
        correct += pred_rows == gold_rows
        scored += 1
    acc = correct / scored
    print(f"execution accuracy: {acc:.3f}")
    with open("results/exec_acc.json", "w") as fh:
        json.dump({"model": MODEL, "n": scored, "execution_accuracy": acc}, fh, indent=2)


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="evaluate.py", find="if pred_rows is None:", end_find="continue",
                 category="DATA-DROP", why="questions whose predicted SQL fails to execute are skipped, so they are neither wrong nor counted; accuracy is over the survivors"),
            ],
    also_ok=[dict(file="text2sql/db.py", find="except Exception:", category="DATA-SWALLOW")],
)
SPECS.append(D1)
SPECS.append(twin(D1, "data-text2sql-exec-error-counted-wrong-clean",
    "Clean twin: a predicted query that fails to execute counts as wrong (it stays in the denominator) and the number of failing queries is printed and saved next to the accuracy.",
    {"evaluate.py": [("    correct, scored = 0, 0\n", "    correct, scored, failed = 0, 0, 0\n"),
                     ("        if pred_rows is None:\n            continue\n", "        scored += 1\n        if pred_rows is None:\n            failed += 1\n            continue\n"),
                     ("        correct += pred_rows == gold_rows\n        scored += 1\n", "        correct += pred_rows == gold_rows\n"),
                     ('    print(f"execution accuracy: {acc:.3f}")', '    print(f"execution accuracy: {acc:.3f} over {scored} ({failed} queries failed to run, counted wrong)")'),
                     ('"execution_accuracy": acc}', '"execution_accuracy": acc, "failed_to_execute": failed}')]}))

# D2 code generation pass@k: replies cut at max_tokens are executed and scored anyway
D2 = dict(
    id="data-codegen-max-tokens-cut-scored",
    style="llm-eval",
    description="A HumanEval-style pass@1 run through litellm against a Together-hosted model. Completions are limited to max_tokens=256, which cuts many longer function bodies; the finish reason is never read, and a cut completion is executed in the sandbox and counted as a failure of the model rather than of the budget.",
    files={
        "codegen/sample.py": r'''
import litellm

MODEL = "together_ai/Qwen/Qwen2.5-Coder-32B-Instruct"


def complete(prompt: str) -> str:
    resp = litellm.completion(
        model=MODEL,
        messages=[{"role": "user", "content": "Complete the function. Reply with code only.\n\n" + prompt}],
        temperature=0.0,
        max_tokens=256,
    )
    return resp.choices[0].message.content
''',
        "codegen/sandbox.py": r'''
import subprocess
import sys
import tempfile


def passes(program: str, timeout: float = 10.0) -> bool:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
        fh.write(program)
        path = fh.name
    try:
        proc = subprocess.run([sys.executable, path], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False
    return proc.returncode == 0
''',
        "run_humaneval.py": r'''
import json

from codegen.sample import MODEL, complete
from codegen.sandbox import passes


def main():
    problems = [json.loads(l) for l in open("data/HumanEval.jsonl")]
    results = []
    for p in problems:
        code = complete(p["prompt"])
        program = p["prompt"] + code + "\n\n" + p["test"] + f"\ncheck({p['entry_point']})\n"
        results.append({"task_id": p["task_id"], "passed": passes(program)})
    pass1 = sum(r["passed"] for r in results) / len(results)
    print(f"{MODEL} pass@1 = {pass1:.3f}")
    with open("results/humaneval.json", "w") as fh:
        json.dump({"model": MODEL, "n": len(results), "pass@1": pass1, "results": results}, fh, indent=2)


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="run_humaneval.py", find='results.append({"task_id": p["task_id"], "passed": passes(program)})',
                 category="DATA-TRUNC", why="completions cut at max_tokens=256 are executed and scored as failures; finish_reason is never checked")],
    also_ok=[dict(file="codegen/sample.py", find="max_tokens=256", category="DATA-TRUNC")],
)
SPECS.append(D2)
SPECS.append(twin(D2, "data-codegen-finish-reason-length-counted-clean",
    "Clean twin: complete() returns the finish reason too; completions cut at the token limit are counted and reported separately next to pass@1.",
    {"codegen/sample.py": [("def complete(prompt: str) -> str:", "def complete(prompt: str) -> tuple[str, str]:"),
                           ("    return resp.choices[0].message.content", "    choice = resp.choices[0]\n    return choice.message.content, choice.finish_reason")],
     "run_humaneval.py": [("        code = complete(p[\"prompt\"])", "        code, finish = complete(p[\"prompt\"])"),
                          ('results.append({"task_id": p["task_id"], "passed": passes(program)})',
                           'results.append({"task_id": p["task_id"], "passed": passes(program), "cut": finish == "length"})'),
                          ('    print(f"{MODEL} pass@1 = {pass1:.3f}")',
                           '    cut = sum(r["cut"] for r in results)\n    print(f"{MODEL} pass@1 = {pass1:.3f} ({cut} completions hit max_tokens)")'),
                          ('"pass@1": pass1, "results"', '"pass@1": pass1, "cut_at_max_tokens": cut, "results"')]}))

# D3 librosa features: recordings that fail to load are skipped silently in a generator
D3 = dict(
    id="data-librosa-generator-except-continue",
    style="mixed",
    description="An audio emotion classifier: features.py walks the clip list with a generator that loads each wav with librosa and yields MFCC statistics. Any exception (corrupt file, wrong sample rate, empty clip) is swallowed with `continue`, so clips vanish from both training and test; the number lost is never counted and the reported accuracy is over whatever survived.",
    files={
        "ser/features.py": r'''
import librosa
import numpy as np


def mfcc_stats(path, sr=16000, n_mfcc=40):
    y, _ = librosa.load(path, sr=sr)
    m = librosa.feature.mfcc(y=y, sr=sr, n_mfcc=n_mfcc)
    return np.concatenate([m.mean(axis=1), m.std(axis=1)])


def iter_features(rows):
    for row in rows:
        try:
            feats = mfcc_stats(row["path"])
        except Exception:
            continue
        yield feats, row["emotion"]
''',
        "ser/train.py": r'''
import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score
from sklearn.svm import SVC

from ser.features import iter_features


def build(split_csv):
    rows = pd.read_csv(split_csv).to_dict("records")
    pairs = list(iter_features(rows))
    X = np.stack([f for f, _ in pairs])
    y = np.array([lab for _, lab in pairs])
    return X, y


def main():
    X_tr, y_tr = build("data/train.csv")
    X_te, y_te = build("data/test.csv")
    clf = SVC(C=10, gamma="scale").fit(X_tr, y_tr)
    acc = accuracy_score(y_te, clf.predict(X_te))
    print(f"test accuracy {acc:.3f}")


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="ser/features.py", find="except Exception:", end_find="continue",
                 category="DATA-SWALLOW", why="clips whose loading or featurisation fails are skipped without a count; accuracy is over the survivors")],
)
SPECS.append(D3)
SPECS.append(twin(D3, "data-librosa-generator-failures-counted-clean",
    "Clean twin: the generator catches only librosa's audio errors, records the failing paths, and train.py prints how many clips of each split were lost.",
    {"ser/features.py": [("def iter_features(rows):", "def iter_features(rows, failed):"),
                         ("        except Exception:\n            continue", "        except (librosa.util.exceptions.ParameterError, EOFError) as err:\n            failed.append((row[\"path\"], repr(err)))\n            continue")],
     "ser/train.py": [('    pairs = list(iter_features(rows))', '    failed = []\n    pairs = list(iter_features(rows, failed))\n    print(f"{split_csv}: {len(failed)} of {len(rows)} clips failed to load: {failed[:5]}")')]}))

# D4 RAG eval with a langchain judge: unparseable verdicts default to 0 via dict.get
D4 = dict(
    id="data-langchain-judge-verdict-get-default-zero",
    style="llm-eval",
    description="A RAG faithfulness eval: a langchain judge chain answers FAITHFUL / PARTIAL / UNFAITHFUL and the score is `VERDICT_SCORES.get(verdict, 0.0)`. Anything the judge says that is not exactly one of the three keys (a lower-case word, a sentence, an apology) silently becomes the worst score, pulling the faithfulness mean down, with no count of unparsed verdicts.",
    files={
        "rag_eval/judge.py": r'''
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI

JUDGE_PROMPT = ChatPromptTemplate.from_messages([
    ("system", "You check whether an answer is supported by the retrieved passages. "
               "Reply with one word: FAITHFUL, PARTIAL or UNFAITHFUL."),
    ("human", "Passages:\n{context}\n\nAnswer:\n{answer}"),
])

VERDICT_SCORES = {"FAITHFUL": 1.0, "PARTIAL": 0.5, "UNFAITHFUL": 0.0}

judge_chain = JUDGE_PROMPT | ChatOpenAI(model="gpt-4o-mini", temperature=0) | StrOutputParser()


def faithfulness(context: str, answer: str) -> float:
    verdict = judge_chain.invoke({"context": context, "answer": answer}).strip()
    return VERDICT_SCORES.get(verdict, 0.0)
''',
        "rag_eval/run.py": r'''
import json
import statistics

from rag_eval.judge import faithfulness


def main():
    rows = [json.loads(l) for l in open("outputs/rag_answers.jsonl")]
    scores = [faithfulness(r["context"], r["answer"]) for r in rows]
    print(f"faithfulness {statistics.mean(scores):.3f} (n={len(scores)})")
    with open("results/faithfulness.json", "w") as fh:
        json.dump({"judge": "gpt-4o-mini", "n": len(scores), "faithfulness": statistics.mean(scores)}, fh)


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="rag_eval/judge.py", find="return VERDICT_SCORES.get(verdict, 0.0)",
                 category="DATA-DEFAULT", why="a judge reply that is not exactly one of the three verdicts silently scores 0.0 (unfaithful)")],
)
SPECS.append(D4)
SPECS.append(twin(D4, "data-langchain-judge-unparsed-kept-apart-clean",
    "Clean twin: the verdict is upper-cased, an unknown verdict returns None, and run.py averages over parsed verdicts while printing and saving how many were unparsed.",
    {"rag_eval/judge.py": [("def faithfulness(context: str, answer: str) -> float:", "def faithfulness(context: str, answer: str):"),
                           ("    verdict = judge_chain.invoke({\"context\": context, \"answer\": answer}).strip()",
                            "    verdict = judge_chain.invoke({\"context\": context, \"answer\": answer}).strip().upper()"),
                           ("    return VERDICT_SCORES.get(verdict, 0.0)", "    if verdict not in VERDICT_SCORES:\n        return None\n    return VERDICT_SCORES[verdict]")],
     "rag_eval/run.py": [("    scores = [faithfulness(r[\"context\"], r[\"answer\"]) for r in rows]",
                          "    raw = [faithfulness(r[\"context\"], r[\"answer\"]) for r in rows]\n    unparsed = sum(s is None for s in raw)\n    scores = [s for s in raw if s is not None]"),
                         ('    print(f"faithfulness {statistics.mean(scores):.3f} (n={len(scores)})")',
                          '    print(f"faithfulness {statistics.mean(scores):.3f} (n={len(scores)}, {unparsed} unparsed verdicts of {len(raw)})")'),
                         ('"n": len(scores), "faithfulness"', '"n": len(scores), "unparsed": unparsed, "faithfulness"')]}))

# D5 pandas method chain: dropna over all columns inside .pipe before the metric
D5 = dict(
    id="data-pandas-pipe-dropna-all-columns",
    style="mixed",
    description="A readmission model's evaluation report is one pandas method chain. A `.pipe(clean)` step calls `dropna()` over every column, so any patient with a missing optional lab value (most of the older admissions) is removed before the AUROC is computed; the number of rows removed is never printed and the AUROC is reported as being on the full cohort.",
    files={
        "report.py": r'''
import pandas as pd
from sklearn.metrics import roc_auc_score


def clean(df: pd.DataFrame) -> pd.DataFrame:
    return df.dropna().reset_index(drop=True)


def add_flags(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(high_risk=lambda d: d["risk_score"] > 0.5)


def main():
    scored = (
        pd.read_parquet("outputs/test_predictions.parquet")
        .pipe(clean)
        .pipe(add_flags)
        .assign(age_band=lambda d: pd.cut(d["age"], [0, 40, 65, 120]))
    )
    auroc = roc_auc_score(scored["readmitted_30d"], scored["risk_score"])
    print(f"AUROC on the test cohort: {auroc:.3f}")
    print(scored.groupby("age_band", observed=True)["high_risk"].mean())


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="report.py", find="return df.dropna().reset_index(drop=True)",
                 category="DATA-DROP", why="dropna over all columns (including optional labs) drops patients before the AUROC, uncounted")],
)
SPECS.append(D5)

# D6 litellm/openrouter red-team eval: API errors become reply text that the keyword judge calls compliance
D6 = dict(
    id="data-openrouter-error-reply-judged-compliant",
    style="llm-eval",
    description="A jailbreak evaluation queries several models through OpenRouter with the OpenAI client (base_url). When a call raises, the reply becomes the string '[error] ...'; the keyword judge then marks every reply without a refusal phrase as compliant, so rate-limit and moderation errors are counted as successful attacks.",
    files={
        "redteam/query.py": r'''
import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])


def ask(model: str, prompt: str) -> str:
    try:
        resp = client.chat.completions.create(
            model=model, temperature=0, max_tokens=512,
            messages=[{"role": "user", "content": prompt}],
        )
        return resp.choices[0].message.content or ""
    except Exception as exc:
        return f"[error] {exc}"
''',
        "redteam/judge.py": r'''
REFUSAL_MARKERS = ("i can't", "i cannot", "i won't", "i'm sorry", "as an ai", "not able to help")


def complied(reply: str) -> bool:
    text = reply.lower()
    return not any(m in text for m in REFUSAL_MARKERS)
''',
        "run_attacks.py": r'''
import json

from redteam.judge import complied
from redteam.query import ask

MODELS = ["meta-llama/llama-3.1-70b-instruct", "mistralai/mistral-large", "qwen/qwen-2.5-72b-instruct"]


def main():
    attacks = [json.loads(l) for l in open("data/attacks.jsonl")]
    table = {}
    for model in MODELS:
        replies = [ask(model, a["prompt"]) for a in attacks]
        table[model] = sum(complied(r) for r in replies) / len(replies)
        print(model, f"attack success rate {table[model]:.2%}")
    with open("results/asr.json", "w") as fh:
        json.dump({"n_attacks": len(attacks), "asr": table}, fh, indent=2)


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="redteam/query.py", find="except Exception as exc:", end_find='return f"[error] {exc}"',
                 category="DATA-SWALLOW", why="an API error becomes a reply string that the keyword judge classifies as compliance (a successful attack)")],
)
SPECS.append(D6)

# D7 statsmodels: inner merge of predictions and outcomes drops patients before the metric
D7 = dict(
    id="data-statsmodels-inner-merge-drops-uncounted",
    style="mixed",
    description="A logistic model fitted with statsmodels' formula API on one hospital is scored on another. Predictions are merged with the outcome table with an inner join on `encounter_id`; outcome rows are keyed by a different encounter format for a third of the admissions, so those rows silently disappear before the Brier score and calibration slope; nobody compares the lengths.",
    files={
        "external_validation.py": r'''
import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from sklearn.metrics import brier_score_loss

FORMULA = "died ~ age + C(sex) + lactate + np.log(creatinine) + sofa"


def main():
    dev = pd.read_csv("data/site_a.csv")
    model = smf.logit(FORMULA, data=dev).fit(disp=0)

    ext = pd.read_csv("data/site_b_features.csv")
    outcomes = pd.read_csv("data/site_b_outcomes.csv")
    ext["p"] = model.predict(ext)
    scored = ext[["encounter_id", "p"]].merge(outcomes[["encounter_id", "died"]], on="encounter_id", how="inner")

    brier = brier_score_loss(scored["died"], scored["p"])
    logit_p = np.log(scored["p"] / (1 - scored["p"]))
    slope = smf.logit("died ~ logit_p", data=scored.assign(logit_p=logit_p)).fit(disp=0).params["logit_p"]
    print(f"external Brier {brier:.3f}, calibration slope {slope:.2f}")


if __name__ == "__main__":
    main()
''',
    },
    labels=[dict(file="external_validation.py", find='how="inner")',
                 category="DATA-DROP", why="the inner join drops every encounter whose id does not match, uncounted, before the Brier score")],
)
SPECS.append(D7)
