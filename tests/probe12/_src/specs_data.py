SPECS = []

# D1 litellm judge behind a tenacity retry; the outer wrapper returns None on any failure; Nones filtered
SPECS.append(dict(
    id="data-litellm-tenacity-judge-none-filtered",
    style="llm-eval",
    description="An LLM-as-judge scores summaries 1-10 through litellm. The call is wrapped in a tenacity retry, and an outer helper catches any exception (after retries, or when the score cannot be parsed) and returns None. run.py drops the Nones and reports the mean score over the survivors without counting how many were lost.",
    files={
        "judge/client.py": '''
            import re

            import litellm
            from tenacity import retry, stop_after_attempt, wait_exponential

            JUDGE_MODEL = "gpt-4o-mini"
            RUBRIC = (
                "Rate the summary for faithfulness to the article on a 1-10 scale.\\n"
                "Reply with 'Score: N' on the last line."
            )


            @retry(stop=stop_after_attempt(4), wait=wait_exponential(multiplier=1, min=2, max=30))
            def _complete(messages):
                resp = litellm.completion(model=JUDGE_MODEL, messages=messages, temperature=0)
                return resp.choices[0].message.content


            def judge_score(article, summary):
                try:
                    text = _complete([
                        {"role": "system", "content": RUBRIC},
                        {"role": "user", "content": f"ARTICLE:\\n{article}\\n\\nSUMMARY:\\n{summary}"},
                    ])
                    return int(re.search(r"Score:\\s*(\\d+)", text).group(1))
                except Exception:
                    return None
        ''',
        "run.py": '''
            import json
            import statistics

            from judge.client import judge_score


            def main():
                with open("data/summaries.jsonl") as fh:
                    rows = [json.loads(l) for l in fh]
                scores = [judge_score(r["article"], r["summary"]) for r in rows]
                scores = [s for s in scores if s is not None]
                print(f"mean faithfulness: {statistics.mean(scores):.2f}")


            if __name__ == "__main__":
                main()
        ''',
    },
    labels=[dict(file="judge/client.py", find="except Exception:", end_find="return None",
                 category="DATA-SWALLOW", why="any API or parse failure becomes None; run.py filters the Nones and the mean covers only the survivors, with no count of failures")],
    also_ok=[dict(file="run.py", find="scores = [s for s in scores if s is not None]",
                  category="DATA-DROP", why="the Nones are dropped uncounted before the mean")],
))

# D1c clean twin: failures counted and reported
SPECS.append(dict(
    id="data-litellm-tenacity-judge-failures-counted-clean",
    style="llm-eval",
    description="Clean twin: the same judge, but the failure is recorded and run.py reports the number of failed judgements alongside the mean.",
    files={
        "judge/client.py": '''
            import re

            import litellm
            from tenacity import retry, stop_after_attempt, wait_exponential

            JUDGE_MODEL = "gpt-4o-mini"
            RUBRIC = (
                "Rate the summary for faithfulness to the article on a 1-10 scale.\\n"
                "Reply with 'Score: N' on the last line."
            )


            @retry(stop=stop_after_attempt(4), wait=wait_exponential(multiplier=1, min=2, max=30))
            def _complete(messages):
                resp = litellm.completion(model=JUDGE_MODEL, messages=messages, temperature=0)
                return resp.choices[0].message.content


            def judge_score(article, summary):
                text = _complete([
                    {"role": "system", "content": RUBRIC},
                    {"role": "user", "content": f"ARTICLE:\\n{article}\\n\\nSUMMARY:\\n{summary}"},
                ])
                m = re.search(r"Score:\\s*(\\d+)", text)
                if m is None:
                    raise ValueError(f"unparseable judge reply: {text[-200:]!r}")
                return int(m.group(1))
        ''',
        "run.py": '''
            import json
            import statistics

            from judge.client import judge_score


            def main():
                with open("data/summaries.jsonl") as fh:
                    rows = [json.loads(l) for l in fh]
                scores, failures = [], []
                for i, r in enumerate(rows):
                    try:
                        scores.append(judge_score(r["article"], r["summary"]))
                    except Exception as exc:
                        failures.append({"index": i, "error": repr(exc)})
                print(f"judged {len(scores)}/{len(rows)}; {len(failures)} failed")
                print(f"mean faithfulness: {statistics.mean(scores):.2f}")
                with open("results/judge_failures.json", "w") as fh:
                    json.dump(failures, fh, indent=2)


            if __name__ == "__main__":
                main()
        ''',
    },
    labels=[],
))

# D2 pydantic response model; validation failure becomes label "no"
SPECS.append(dict(
    id="data-pydantic-validation-error-default-label",
    style="llm-eval",
    description="A classifier asks a Together-hosted model whether a claim is supported and parses the reply into a pydantic model. When the reply is not valid JSON for the schema, the code builds `Verdict(label='unsupported')`, so every malformed reply counts as the negative class in the F1.",
    files={
        "schema.py": '''
            from typing import Literal

            from pydantic import BaseModel


            class Verdict(BaseModel):
                label: Literal["supported", "unsupported"]
                rationale: str = ""
        ''',
        "classify.py": '''
            import json

            from pydantic import ValidationError
            from sklearn.metrics import f1_score
            from together import Together

            from schema import Verdict

            client = Together()
            MODEL = "meta-llama/Llama-3.3-70B-Instruct-Turbo"


            def classify(claim, evidence):
                out = client.chat.completions.create(
                    model=MODEL,
                    temperature=0,
                    messages=[{"role": "user", "content": (
                        "Does the evidence support the claim? Answer as JSON "
                        '{"label": "supported" | "unsupported", "rationale": "..."}\\n\\n'
                        f"Claim: {claim}\\nEvidence: {evidence}")}],
                )
                raw = out.choices[0].message.content
                try:
                    return Verdict.model_validate_json(raw)
                except ValidationError:
                    return Verdict(label="unsupported", rationale=raw)


            if __name__ == "__main__":
                rows = [json.loads(l) for l in open("data/claims.jsonl")]
                preds = [classify(r["claim"], r["evidence"]).label for r in rows]
                gold = [r["label"] for r in rows]
                print("F1(supported):", f1_score(gold, preds, pos_label="supported"))
        ''',
    },
    labels=[dict(file="classify.py", find="except ValidationError:", end_find='return Verdict(label="unsupported"',
                 category="DATA-DEFAULT", why="a reply that fails schema validation is silently counted as 'unsupported'")],
))

# D3 duckdb result store read into pandas, dropna over all columns before the per-model means
SPECS.append(dict(
    id="data-duckdb-dropna-all-columns",
    style="mixed",
    description="Runs are appended to a duckdb file; the analysis script reads the table into pandas, calls `dropna()` over all columns (the `judge_score` of failed judgements is NULL, and so is the optional `notes` column for most rows), and reports per-model means. How many rows were dropped, and for which model, is never shown.",
    files={
        "store.py": '''
            import duckdb

            DB = "results/runs.duckdb"


            def connect():
                con = duckdb.connect(DB)
                con.execute(
                    "CREATE TABLE IF NOT EXISTS runs (model VARCHAR, item_id INTEGER, judge_score DOUBLE, notes VARCHAR)"
                )
                return con


            def append(con, model, item_id, judge_score, notes=None):
                con.execute("INSERT INTO runs VALUES (?, ?, ?, ?)", [model, item_id, judge_score, notes])
        ''',
        "analyse.py": '''
            from store import connect

            con = connect()
            df = con.execute("SELECT * FROM runs").df()
            df = df.dropna()
            summary = df.groupby("model")["judge_score"].agg(["mean", "std"])
            print(summary.round(3).to_markdown())
        ''',
    },
    labels=[dict(file="analyse.py", find="df = df.dropna()",
                 category="DATA-DROP", why="dropna over all columns removes failed judgements and every row without notes; the means are over an uncounted subset")],
))

# D4 jsonlines reader with skip_invalid=True
SPECS.append(dict(
    id="data-jsonlines-skip-invalid-generations",
    style="llm-eval",
    description="Generations are streamed to a .jsonl file by several workers; some lines are truncated when a worker is killed. The scorer reads them with `jsonlines` `iter(skip_invalid=True)`, which silently skips malformed lines, and computes pass@1 over whatever parsed. The number of skipped lines is never known.",
    files={
        "score.py": '''
            import sys

            import jsonlines

            from execution import passes


            def main(path):
                n = ok = 0
                with jsonlines.open(path) as reader:
                    for rec in reader.iter(type=dict, skip_invalid=True):
                        n += 1
                        ok += passes(rec["completion"], rec["test"])
                print(f"pass@1 = {ok / n:.3f} over {n} problems")


            if __name__ == "__main__":
                main(sys.argv[1])
        ''',
        "execution.py": '''
            import subprocess
            import tempfile


            def passes(code, test, timeout=10):
                with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
                    fh.write(code + "\\n\\n" + test)
                    path = fh.name
                proc = subprocess.run(["python", path], capture_output=True, timeout=timeout)
                return proc.returncode == 0
        ''',
    },
    labels=[dict(file="score.py", find="skip_invalid=True",
                 category="DATA-SWALLOW", why="malformed generation lines are skipped silently; pass@1 is over an uncounted subset")],
))

# D4c clean twin: invalid lines counted
SPECS.append(dict(
    id="data-jsonlines-invalid-lines-counted-clean",
    style="llm-eval",
    description="Clean twin: the scorer reads every line, counts the malformed ones as failures and reports them.",
    files={
        "score.py": '''
            import json
            import sys

            from execution import passes


            def main(path):
                n = ok = bad = 0
                with open(path) as fh:
                    for line in fh:
                        n += 1
                        try:
                            rec = json.loads(line)
                        except json.JSONDecodeError:
                            bad += 1
                            continue
                        ok += passes(rec["completion"], rec["test"])
                print(f"pass@1 = {ok / n:.3f} over {n} problems ({bad} malformed lines counted as failures)")


            if __name__ == "__main__":
                main(sys.argv[1])
        ''',
        "execution.py": '''
            import subprocess
            import tempfile


            def passes(code, test, timeout=10):
                with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
                    fh.write(code + "\\n\\n" + test)
                    path = fh.name
                proc = subprocess.run(["python", path], capture_output=True, timeout=timeout)
                return proc.returncode == 0
        ''',
    },
    labels=[],
))

# D5 vertex AI: max_output_tokens with chain of thought; finish_reason never read
SPECS.append(dict(
    id="data-vertex-max-output-tokens-finish-reason-ignored",
    style="llm-eval",
    description="GSM8K-style maths with Gemini on Vertex AI. The prompt asks for step-by-step reasoning and a final 'Answer: N', but `max_output_tokens=200`; replies cut at the limit have no final answer, are parsed as wrong, and `finish_reason` is never looked at.",
    files={
        "gsm_vertex.py": '''
            import json
            import re

            import vertexai
            from vertexai.generative_models import GenerationConfig, GenerativeModel

            vertexai.init(project="my-lab", location="us-central1")
            model = GenerativeModel("gemini-1.5-flash-002")
            CFG = GenerationConfig(temperature=0.0, max_output_tokens=200)


            def solve(question):
                prompt = f"Solve step by step, then finish with 'Answer: <number>'.\\n\\n{question}"
                resp = model.generate_content(prompt, generation_config=CFG)
                return resp.text


            def extract(text):
                m = re.search(r"Answer:\\s*(-?[\\d,\\.]+)", text)
                return m.group(1).replace(",", "") if m else None


            if __name__ == "__main__":
                items = [json.loads(l) for l in open("data/gsm8k_test.jsonl")]
                correct = 0
                for it in items:
                    pred = extract(solve(it["question"]))
                    correct += pred is not None and float(pred) == float(it["answer"])
                print(f"accuracy {correct / len(items):.3f}")
        ''',
    },
    labels=[dict(file="gsm_vertex.py", find="max_output_tokens=200", end_find="pred = extract(solve(",
                 category="DATA-TRUNC", why="step-by-step replies are cut at 200 tokens and scored as wrong; finish_reason is never checked (the limit, and where the cut replies are scored)")],
))

# D6 lm-eval-harness style task: unparsed answer defaults to "A"
SPECS.append(dict(
    id="data-harness-task-unparsed-defaults-to-A",
    style="llm-eval",
    description="A task class in the style of lm-evaluation-harness for a 4-way multiple-choice benchmark with generated answers. `process_results` extracts the letter with a regex; when nothing matches it uses 'A', so refusals and rambling replies are scored as answer A (and count as correct on every item whose gold is A).",
    files={
        "tasks/medmcqa_gen.py": '''
            import re

            from lm_eval.api.task import ConfigurableTask

            LETTERS = "ABCD"


            class MedMCQAGen(ConfigurableTask):
                VERSION = 0
                DATASET_PATH = "medmcqa"

                def has_training_docs(self):
                    return True

                def has_validation_docs(self):
                    return True

                def training_docs(self):
                    return self.dataset["train"]

                def validation_docs(self):
                    return self.dataset["validation"]

                def doc_to_text(self, doc):
                    opts = "\\n".join(f"{l}. {doc[k]}" for l, k in zip(LETTERS, ["opa", "opb", "opc", "opd"]))
                    return f"Question: {doc['question']}\\n{opts}\\nAnswer with the letter only.\\nAnswer:"

                def doc_to_target(self, doc):
                    return " " + LETTERS[doc["cop"]]

                def process_results(self, doc, results):
                    reply = results[0]
                    m = re.search(r"\\b([ABCD])\\b", reply)
                    pred = m.group(1) if m else "A"
                    return {"acc": float(pred == LETTERS[doc["cop"]])}

                def aggregation(self):
                    return {"acc": "mean"}

                def higher_is_better(self):
                    return {"acc": True}
        ''',
    },
    labels=[dict(file="tasks/medmcqa_gen.py", find='pred = m.group(1) if m else "A"',
                 category="DATA-DEFAULT", why="an unparseable reply becomes answer A and is scored correct whenever the gold is A")],
))

# D6c clean twin: unparsed counted as wrong explicitly and counted
SPECS.append(dict(
    id="data-harness-task-unparsed-counted-clean",
    style="llm-eval",
    description="Clean twin: an unparseable reply is scored as incorrect and reported through its own `invalid` metric.",
    files={
        "tasks/medmcqa_gen.py": '''
            import re

            from lm_eval.api.task import ConfigurableTask

            LETTERS = "ABCD"


            class MedMCQAGen(ConfigurableTask):
                VERSION = 0
                DATASET_PATH = "medmcqa"

                def has_training_docs(self):
                    return True

                def has_validation_docs(self):
                    return True

                def training_docs(self):
                    return self.dataset["train"]

                def validation_docs(self):
                    return self.dataset["validation"]

                def doc_to_text(self, doc):
                    opts = "\\n".join(f"{l}. {doc[k]}" for l, k in zip(LETTERS, ["opa", "opb", "opc", "opd"]))
                    return f"Question: {doc['question']}\\n{opts}\\nAnswer with the letter only.\\nAnswer:"

                def doc_to_target(self, doc):
                    return " " + LETTERS[doc["cop"]]

                def process_results(self, doc, results):
                    reply = results[0]
                    m = re.search(r"\\b([ABCD])\\b", reply)
                    if m is None:
                        return {"acc": 0.0, "invalid": 1.0}
                    return {"acc": float(m.group(1) == LETTERS[doc["cop"]]), "invalid": 0.0}

                def aggregation(self):
                    return {"acc": "mean", "invalid": "mean"}

                def higher_is_better(self):
                    return {"acc": True, "invalid": False}
        ''',
    },
    labels=[],
))

# D7 percent-script notebook: librosa feature loop with except Exception: continue
SPECS.append(dict(
    id="data-percent-notebook-librosa-except-continue",
    style="notebook",
    description="A notebook exported as a percent script builds MFCC features for a speaker-ID classifier. Any recording that fails to load or featurise is skipped with `except Exception: continue`; the labels are appended in the same loop, so the set quietly shrinks and nobody knows how many (or which speakers') clips vanished.",
    files={
        "speaker_id.py": '''
            # %% [markdown]
            # # Speaker identification with MFCC + SVM

            # %%
            import os

            import librosa
            import numpy as np
            import pandas as pd
            from sklearn.model_selection import train_test_split
            from sklearn.svm import SVC

            meta = pd.read_csv("data/clips.csv")

            # %%
            X, y = [], []
            for _, row in meta.iterrows():
                try:
                    wav, sr = librosa.load(os.path.join("data/wav", row["file"]), sr=16000)
                    mfcc = librosa.feature.mfcc(y=wav, sr=sr, n_mfcc=20)
                except Exception:
                    continue
                X.append(np.concatenate([mfcc.mean(1), mfcc.std(1)]))
                y.append(row["speaker"])
            X, y = np.stack(X), np.array(y)

            # %%
            X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
            clf = SVC(C=10, gamma="scale").fit(X_tr, y_tr)
            print("speaker accuracy", clf.score(X_te, y_te))
        ''',
    },
    labels=[dict(file="speaker_id.py", find="except Exception:", end_find="continue",
                 category="DATA-SWALLOW", why="recordings that fail to load are skipped silently; the dataset shrinks by an unknown number")],
))
