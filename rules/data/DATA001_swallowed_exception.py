"""DATA001: an `except` in a data, API or grading loop drops the item or defaults it without a trace."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.apis.llm import calls_model
from hygiene.analysis.failvalues import (empty_counted_as_class, empty_means, equivalence_parse, logged_empty_reply,
                                         logged_score, logged_vector, score_constant, skips_item)
from hygiene.finding import Location, Severity
from hygiene.analysis.strings import string_value
from hygiene.analysis.rowflow import shared_rows
from hygiene.analysis.modules import locate_defined
from hygiene.analysis.purpose import READS
from hygiene.analysis.swallow_evidence import default_uncollected, input_skip
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_children, iter_nodes

# Exceptions that are control flow or housekeeping, not a failed item.
BENIGN = frozenset({
    "StopIteration", "StopAsyncIteration", "KeyboardInterrupt", "GeneratorExit", "SystemExit",
    "ImportError", "ModuleNotFoundError", "Empty", "Full", "CancelledError", "FileExistsError",
    "ProcessLookupError", "BrokenPipeError", "ChildProcessError", "InterruptedError", "NotImplementedError",
})
# Anything in a handler that names the failure leaves a trace someone can count.
ERRORISH = re.compile(r"(?i)err|fail|exc|invalid|unpars|skip|timeout|status|missing|bad|drop|refus|reject|warn|"
                      r"unknown|n/?a\b|nan\b|not[ _-]?found|not[ _-]available|not[ _-](valid[ _-])?json|no[ _-]?answer|"
                      r"unable|could ?n[o']t|malformed|unreadable")
TRACE_CALL = re.compile(r"(?i)log|warn|report|record|fail|error|skip|track|note|mark|count|notify|alert|print|"
                        r"echo|write|exit|abort|raise|display|dump|save")
LOOP_RETRY_NAME = re.compile(r"(?i)^(_+|attempt\w*|retr\w*|tr(y|ies)\w*|n_?try|i_?try)$")
# Calls that read a completion's text (an embedding lookup `vectors[word]` is no parse of a model's output).
TEXT_PARSES = frozenset({"loads", "literal_eval", "float", "group", "search", "match", "fullmatch", "findall",
                         "safe_load", "parse"})
PREDICT_NAME = re.compile(r"(?i)predict|infer|forecast|estimat|rate|rating")
GRADING_NAME = re.compile(r"(?i)grade|judge|score|verdict|parse|extract|classif|label|rating|rate|eval|answer|"
                          r"refus|jailbr|harm|flip|choice|letter|reply|response")
# Parameters that hold a model's or a judge's output.
REPLY_PARAM = re.compile(r"(?i)repl|respon|completion|judg|verdict|grader|^raw|model_output|generation")
# Parameters that hold a file's name or place: parsing one (a step number in `model001000.pt`) grades nothing.
PATH_PARAM = re.compile(r"(?i)^(\w*_)?(file_?names?|f?names?|paths?|files?|dirs?|directory|folders?|url|uri|ckpts?|"
                        r"checkpoints?)(_\w*)?$")
CONFIG_WORDS = re.compile(r"(?i)^(cfg|conf|config\w*|settings?|options?|overrides?|params?|kwargs|args|env\w*)$")
# Parameters that hold the reference a prediction is compared with.
GOLD_PARAM = re.compile(r"(?i)gold|target|reference|^ref$|truth|expected|^label|^answer$|^solution")
# Record fields that hold a reply.
REPLY_KEY = re.compile(r"(?i)^(reply|response|completion|output|answer|content|text|generation|model_output)$")
# Calls that read a file: a loop around them walks the files of a data set.
# A speech model's `transcribe(path)` / `transcribe_file(path)` (whisper, SpeechBrain, NeMo) decodes the recording
# it is given: a failure there is a recording that could not be read, like a failed `librosa.load`.
LOAD_CALLS = re.compile(r"(?i)^(open|imread|imdecode|fromfile|from_file|transcribe|transcribe_file)$|load|^read")
# A file that counts or fills missing values after mapping a parser over a column.
NAN_COUNT = re.compile(r"isna|isnull|notna|notnull|fillna|\.count\(\)|value_counts\(dropna=False|dropna")
# Checks whose answer is the failure itself: "is this valid JSON?" returns False when it is not.
CHECK_NAME = re.compile(r"(?i)^(is|has|check|valid|can)_|valid|correct|equiv|match|contains")
# Loops over items of a study (rows, prompts, replies, files of results), by the words they use; a loop over
# the futures of submitted items (`for fut in as_completed(futures)`) collects one result per item.
DATA_WORDS = re.compile(r"(?i)row|item|example|sample|line|record|data|subset|prompt|question|response|output|"
                        r"completion|generation|doc|instance|batch|test|train|eval|split|problem|case|pair|"
                        r"behavio|request|conversation|dialog|message|transcript|trace|result|pred|answer|review|"
                        r"text|entr|df\b|iterrows|itertuples|tqdm|reply|replies|task|query|queries|input|target|label|json|"
                        r"summar|\brecs?\b|futures?\b|\bfut\b|as_completed")
PARSE_CALLS = frozenset({"loads", "load", "literal_eval", "int", "float", "group", "safe_load", "parse", "search",
                         "match", "fullmatch", "findall", "split", "index", "strptime", "Decimal", "eval",
                         # pydantic: a reply validated into a response model is parsed
                         "model_validate_json", "model_validate", "parse_raw", "parse_obj", "validate_json",
                         "validate_python"})
COLLECT_METHODS = frozenset({"append", "extend", "add", "insert", "write", "writerow", "put", "update", "appendleft"})
CLEANUP_CALLS = frozenset({"remove", "unlink", "rmtree", "rmdir", "close", "kill", "terminate", "shutdown", "cancel",
                           "join", "delete", "makedirs", "mkdir", "chmod", "release", "disconnect", "cleanup"})


# Where the empty-means shape is looked for: a function or the module; the innermost of these
# around a handler holds it (a class body or lambda: never).
_MEANS_SCOPES = frozenset({cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.Module})


class SwallowedException(Rule):
    """
    ## What it does
    Finds `except` blocks that swallow a failure silently where it costs data: in a loop that
    collects items (`continue`, `pass`, or a default value) when the loop walks items, files
    (`glob`, `listdir`) or loads them (`open`, `np.load`, `librosa.load`, `pd.read_csv`); around a
    model call (a default reply, or an error message such as `f"[ERROR] {e}"` returned as the reply
    when no code anywhere tells replies with that marker apart); in a grading or parsing function
    (a default score or label, e.g. `except json.JSONDecodeError: return 0`); and `return None`
    around a model call or a grading parse when a caller, in any module, filters the Nones out
    before a metric without counting them; a bare `return` in a worker that hands its item's result back
    only through a container it was given (`results[item["id"]] = ...` after the try, the worker started
    per item by `nursery.start_soon` / `create_task`), which then never holds the failed item (a Dataset's `__getitem__` around a load, when the
    `collate_fn` of its DataLoader drops the Nones of each batch). A handler leaves a trace, and is fine, when it
    re-raises or exits, logs (`logging`, `warnings`, `print`, `traceback`), counts
    (`n_failed += 1`), records the failure (appends to a failures list, sets an `error` / `status`
    field, uses the exception object), or when the loop is a retry loop (the `try` body ends the
    loop with `break` / `return` on success). Control-flow exceptions (`StopIteration`,
    `ImportError`, `queue.Empty`, and an exception the file's own code raises on purpose to stop a
    pass: a function that records something and then always raises, with no message of failure,
    like the Catcher of pruning code whose `forward` stores the first layer's input and raises
    `ValueError`), cleanup, the pieces of one string (`for part in s.split(...)`)
    and loops that collect nothing (a plot per folder, a running best) are left alone, and so is a
    parser of a file's name (`parse_step_from_filename(filename)`: `except ValueError: return 0`).
    A log line does not excuse three shapes where the failure still becomes a value: a grading
    parser that logs and returns a score (`return text, 0.0`); an equivalence check that parses
    both answers and returns False when either cannot be parsed, with no comparison of the two as
    written (identical answers are then graded wrong); and a loop that logs and skips failed items
    before `mean(scores) if scores else 0` (a run where everything failed reports 0).

    | spelling | found | near miss left alone |
    |---|---|---|
    | `for item in items: try: ask(item) except Exception: continue` | yes | the failure counted or logged |
    | `for wav in root.glob("*.wav"): try: feats.append(load(wav)) except: continue` | yes | unreadable files listed and logged |
    | `try: model.transcribe(path) except Exception: return None` in a thread pool worker, `[p for p in pool.map(f, rows) if p is not None]` | yes | the failed count printed |
    | `async def answer(...): try: await client.messages.create(...) except: return None` + caller `[r for r in rs if r is not None]` | yes, across modules | the caller prints `len(rs) - len(kept)` |
    | `except Exception as e: return f"[ERROR] {e}"` around a model call | yes | a judge filters `startswith("[ERROR]")` |
    | `return None` around an async call, `zip(await asyncio.gather(...), items) if r` before a mean | yes | the failures printed |
    | a retry loop around a model call, then `return "ERROR: ..."` after it | yes | `raise` after the loop |
    | `except APIError: text = "API error"` in a loop, then `replies.append(text)` | yes | the error text goes to a name only the try reads (`out = "API error"` while the record is appended inside the try): no error reply is kept |
    | `except ValueError: return np.zeros(k)` / `[0.0] * k` when a completion does not parse | yes | `np.full(k, np.nan)` |
    | `except json.JSONDecodeError: return 0` in a judge parser | yes | `return None` counted by the caller |
    | `except JSONDecodeError: return {"harm": 0, "reason": "unparsed"}`, the note never read | yes | a caller reads `reason` or compares `"unparsed"` |
    | `except InstructorRetryException: return Verdict(harmful=False, rationale="unparsed")`, the note never read | yes | a caller counts `v.rationale == "unparsed"` |
    | `except InstructorRetryException: return Verdict(caved=False, rationale="...")` where `Verdict` is the try's `response_model=` (any field names) | yes | `return None` counted by the caller |
    | `for a in text.split("::"): try: int(a) except: 0` | no | parsing one string |
    | `except ValueError: logger.warning(...); return text, 0.0` in a judge parser (function or method) | yes, logged or not | `return text, None` |
    | `is_equiv(a, b)`: `try: parse(a) - parse(b) except ParseError: return False` | yes | `if a == b: return True` first; only the prediction parsed |
    | `for t in tasks: try: ... except: log(...); continue` then `mean(scores) if scores else 0` | yes, logged or not | `else float("nan")`, raising when empty |
    | `for c in df: try: df[c] = df[c].astype(float) except ValueError: continue` | no | a value replaced by its own conversion stays as it was |
    | `except IndexError:  # not printed if nothing is removed` then a default | a checklist question | the comment says when the exception is the normal case |
    | `with open(test_file) as f: for l in f.readlines(): try: int(...) except: continue` | a checklist question | the file is named for results, outputs or scores |
    | `raw = []; for row in f: raw.append(row)`, then `for row in raw: try: q, a = row.split("\\t") except ValueError: continue` | a checklist question | the lines are a predictions file's, or the list holds a model's replies |
    | `try: parent = df.loc[row["parent_id"]] except KeyError: continue` building pairs | a checklist question | an outcome call in the try, or a score in the function |
    | `except KeyError: continue` then `except IndexError: continue` on one try | one finding | |
    | `except KeyError: return "score not found"` | no | the default names the failure |
    | `for name in Path(root, lst).read_text().split(): try: load(name) except Exception: continue` | yes | `for part in s.split("::")` |
    | `except: continue` in `for model_dir in model_dirs` / `for device in sd.query_devices()` | no | tools of a run, not items |
    | `for i in tqdm(range(size)): try: sample() except: pass` (i unused) | no | rejection sampling makes items |
    | `frame[f] = load(f)` then `try: load(f + ".proba") except: pass` | no | the item was kept before the try |
    | `except JSONDecodeError: return Score(value=NOANSWER, ...)` | no | inspect counts unanswered items |
    | `for col in row.index: try: int(col...) except: styles.append("")` in a helper that writes CSS (`"font-weight: bold"`) for a pandas Styler | no | the same loop appends numbers |
    | `for epoch in ...: ... for batch in val_loader: try: ... except: continue` | a checklist question | a final evaluation's loop outside the epoch loop |
    | `movies = pd.read_csv(..., on_bad_lines="skip")`, the frame only shown (`movies.head()`, `movies.loc[...]`) | no | its rows counted or averaged |
    | `options = {}`; `try: for b in blocks: options[k] = ...` `except AttributeError: options = {}`; `product["options"] = options` beside other fields | no | the container returned whole by a reply parser, or a `scores` field parsed from a judge's reply |
    | `except APIError as e: print(e); return ""` around a model call, and `is_refusal(text)` returns `not text.strip() or ...` | yes, logged or not | the classifier gives empty replies a class of their own (`return "empty"`) |

    On the precision corpus (2026-12-06, branch othergate; the 24 repositories where it or its kin
    spoke) this rule gives 7 findings, 5 real and 2 debatable (a mutation-testing tool's parse
    defaulting to 0 mutants; JSON lines of a usage log skipped, which is the shape of a JSON-lines
    file of items too), 0.71, below the 0.8 bar; on main before it gave 12 (5 real, 2 debatable, 5 false, 0.42):
    malformed lines of input files and records without a partner are asked now, and a second except
    clause of one try is no second finding.

    Replayed first scans of the held-out sets (othergate2, 2026-12-06): 2 real, 1 debatable, 0 false
    still printed (0.67; before 2 / 5 / 1, 0.25). The debatable one is a usage-statistics script that
    skips malformed JSON lines of a chat server's log; a JSON line is a record, and the same shape on a
    data file (`data/items.jsonl`) drops items, so nothing the code shows separates them. It stays on: it
    finds 34 case labels, nearly all found by no other rule, against one debatable finding on new code.
    A reader told to drop what it cannot parse (jsonlines' `iter(skip_invalid=True)`, pandas'
    `read_csv(..., on_bad_lines="skip")`) swallows the error inside the library, and is reported the
    same way; a reply validated into a pydantic response model (`Verdict.model_validate_json(raw)`) is
    parsed like `json.loads`.

    Precision (corpus9; branch precision18): 19 findings, 5 real / 8 debatable / 6 false (0.26); with this
    branch 17, 5 / 7 / 5 (0.29): a failure turned into a reinforcement-learning reward and a skipped line of
    a loop that only gathers keys into a set (a resume index) are checklist questions. Left: skipped
    malformed records of data that is not an evaluation (logs, pre-training corpora, a text pool, node pairs
    without a path, a dead spectral statistic), rare unparseable judge replies, a retried empty reply. The
    real shape of the probes and cases (a featurisation loop that skips unreadable recordings, about 15
    labels) is the same `except: continue` over a file list as the pre-training filters, so the data's use,
    not the code, separates them. It stays a finding; the lead decides.

    ## Why is this bad?
    Rows that fail vanish from the denominator, or become a plausible value ("not flipped",
    "complied", 0): API errors, content-filter refusals and unparsable judge replies change the
    score, differently for each model, and nothing in the output says how many.

    ## Example
        for item in subset:
            try:
                reply = ask(item["request"])
            except Exception:
                continue

    Use instead:
        for item in subset:
            try:
                reply = ask(item["request"])
            except Exception as err:
                log.warning("item %s failed: %s", item["id"], err)
                failures.append(item["id"])
                continue
    """

    code = "DATA001"
    category = "DATA-SWALLOW"
    severity = Severity.ERROR
    message = "`{handler}` {where_in} {action} without logging or counting it: {consequence}"
    question = "How many items failed at {where}, and are they excluded from or counted in the reported numbers?"
    triggers = ("except", "suppress(", " or \"\"", " or ''", "startswith", "endswith", " in ", "==", "find(", ".apply(", ".map(", "skip_invalid",
                "on_bad_lines")
    examples = [
        invalid({
            "prep/images.py": '''
                import numpy as np
                from concurrent.futures import ProcessPoolExecutor
                from PIL import Image

                def embed_one(path):
                    try:
                        with Image.open(path) as im:
                            return np.asarray(im.convert("L").resize((32, 32)), dtype=np.float32).ravel()
                    except Exception:  # expect: DATA001
                        return None

                def build_matrix(frame):
                    with ProcessPoolExecutor() as pool:
                        vecs = list(pool.map(embed_one, frame["image_path"]))
                    ok = [k for k, v in enumerate(vecs) if v is not None]
                    return np.stack([vecs[k] for k in ok]), frame["label"].to_numpy()[ok]
            ''',
            "fit.py": '''
                import pandas as pd
                from sklearn.metrics import f1_score
                from sklearn.model_selection import train_test_split
                from sklearn.svm import LinearSVC
                from prep.images import build_matrix

                if __name__ == "__main__":
                    X, y = build_matrix(pd.read_csv("images.csv"))
                    X_a, X_b, y_a, y_b = train_test_split(X, y, random_state=1)
                    print("macro F1", f1_score(y_b, LinearSVC().fit(X_a, y_a).predict(X_b), average="macro"))
            ''',
        }, note="the filter returns what it kept and a caller in another module scores it: the dropped images "
                "(and their classes) vanish from the metric uncounted"),
        valid({
            "prep/images.py": '''
                import numpy as np
                from concurrent.futures import ProcessPoolExecutor
                from PIL import Image

                def embed_one(path):
                    try:
                        with Image.open(path) as im:
                            return np.asarray(im.convert("L").resize((32, 32)), dtype=np.float32).ravel()
                    except Exception:
                        return None

                def build_matrix(frame):
                    with ProcessPoolExecutor() as pool:
                        vecs = list(pool.map(embed_one, frame["image_path"]))
                    ok = [k for k, v in enumerate(vecs) if v is not None]
                    np.save("matrix.npy", np.stack([vecs[k] for k in ok]))
                    return len(ok)
            ''',
            "cache.py": '''
                import pandas as pd
                from prep.images import build_matrix

                print("cached", build_matrix(pd.read_csv("images.csv")), "rows")
            ''',
        }, note="near miss: the same filter in a feature cache whose caller scores nothing (it prints how many rows "
                "it kept)"),
        valid("""
            def code_rewards(sandbox, scripts):
                results = sandbox.run_code(scripts=scripts, timeout=90)
                rewards = []
                for result in results:
                    try:
                        rewards.append(float(result.text))
                    except (ValueError, AttributeError):
                        rewards.append(0.0)
                return rewards
        """, note="corpus9: a failed sandbox run rewarded 0 in reinforcement learning, the design of such rewards: "
                  "a checklist question"),
        invalid("""
            def pass_rates(sandbox, scripts):
                results = sandbox.run_code(scripts=scripts, timeout=90)
                rates = []
                for result in results:
                    try:
                        rates.append(float(result.text))
                    except (ValueError, AttributeError):  # expect: DATA001
                        rates.append(0.0)
                return sum(rates) / len(rates)
        """, note="near miss: the same failures scored 0 in a pass rate that is averaged and reported"),
        valid("""
            import json
            import os

            def load_done(output_file):
                done = set()
                if os.path.exists(output_file):
                    with open(output_file) as f:
                        for line in f:
                            try:
                                done.add(json.loads(line)["id"])
                            except json.JSONDecodeError:
                                continue
                return done
        """, note="corpus9: the ids a resumed run already wrote, gathered into a set: a line it cannot read is "
                  "work done again (a checklist question, not a finding)"),
        invalid("""
            import json

            def load_scores(path):
                scores = []
                with open(path) as f:
                    for line in f:
                        try:
                            scores.append(json.loads(line)["score"])
                        except json.JSONDecodeError:  # expect: DATA001
                            continue
                return sum(scores) / len(scores)
        """, note="near miss: the values read are averaged: a line it cannot read leaves the mean uncounted"),
        invalid("""
            import httpx
            import trio

            async def worker(client, item, results):
                try:
                    r = await client.post(URL, json={"model": MODEL, "messages": [{"role": "user", "content": item["q"]}]})
                    r.raise_for_status()
                except httpx.HTTPError:  # expect: DATA001
                    return
                results[item["id"]] = r.json()["choices"][0]["message"]["content"] == item["a"]

            async def main(items):
                results = {}
                async with httpx.AsyncClient() as client:
                    async with trio.open_nursery() as nursery:
                        for it in items:
                            nursery.start_soon(worker, client, it, results)
                print(sum(results.values()) / len(results))
        """, note="held-out probe 23: a worker run per item stores its result in a container it is handed; the "
                  "handler's bare `return` stores nothing, so the failed item leaves the accuracy"),
        valid("""
            import httpx
            import trio

            async def worker(client, item, results, failed):
                try:
                    r = await client.post(URL, json={"model": MODEL, "messages": [{"role": "user", "content": item["q"]}]})
                    r.raise_for_status()
                except httpx.HTTPError:
                    failed.append(item["id"])
                    return
                results[item["id"]] = r.json()["choices"][0]["message"]["content"] == item["a"]
        """, note="near miss: the handler records the failed item before returning"),
        invalid("""
            from concurrent.futures import ThreadPoolExecutor, as_completed

            def run(items):
                correct = []
                with ThreadPoolExecutor(max_workers=16) as pool:
                    futures = {pool.submit(grade, it): it["id"] for it in items}
                    for fut in as_completed(futures):
                        try:
                            correct.append(fut.result())
                        except Exception:  # expect: DATA001
                            pass
                return sum(correct) / len(correct)
        """, note="probe 22: a loop over the futures of submitted items collects one result per item; a failed one vanishes"),
        valid("""
            from concurrent.futures import ThreadPoolExecutor, as_completed

            def run(items):
                correct, failed = [], []
                with ThreadPoolExecutor(max_workers=16) as pool:
                    futures = {pool.submit(grade, it): it["id"] for it in items}
                    for fut in as_completed(futures):
                        try:
                            correct.append(fut.result())
                        except Exception as exc:
                            failed.append({"id": futures[fut], "error": repr(exc)})
                return sum(correct) / len(correct), len(failed)
        """, note="near miss: the failed items are recorded with their id and counted"),
        invalid("""
            labels = []
            for p in prompts:
                try:
                    r = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": p}])
                    text = r.choices[0].message.content.lower()
                    labels.append("refused" if "i can't" in text else "complied")
                except openai.OpenAIError:  # expect: DATA001
                    labels.append("refused")
            rate = labels.count("refused") / len(labels)
        """, note="an API error given one of the classes the replies are sorted into"),
        valid("""
            labels = []
            for p in prompts:
                try:
                    r = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": p}])
                    text = r.choices[0].message.content.lower()
                    labels.append("refused" if "i can't" in text else "complied")
                except openai.OpenAIError:
                    labels.append("api_error")
            answered = [l for l in labels if l != "api_error"]
        """, note="the failure has a label of its own, left out of the rate"),
        invalid("""
            from rouge_score import rouge_scorer

            def score_summaries(summaries, references):
                scorer = rouge_scorer.RougeScorer(["rougeL"])
                rows = []
                for rec in summaries.itertuples(index=False):
                    try:
                        s = scorer.score(references[rec.doc_id], rec.summary)
                    except Exception:  # expect: DATA001
                        continue
                    rows.append({"doc_id": rec.doc_id, "rougeL": s["rougeL"].fmeasure})
                return rows
        """, note="probe 21: a pipeline node scores summaries row by row (`itertuples`) and skips the ones that raise"),
        valid("""
            from rouge_score import rouge_scorer

            def score_summaries(summaries, references):
                scorer = rouge_scorer.RougeScorer(["rougeL"])
                rows = []
                for rec in summaries.itertuples(index=False):
                    if not isinstance(rec.summary, str):
                        rows.append({"doc_id": rec.doc_id, "rougeL": 0.0, "malformed": True})
                        continue
                    s = scorer.score(references[rec.doc_id], rec.summary)
                    rows.append({"doc_id": rec.doc_id, "rougeL": s["rougeL"].fmeasure, "malformed": False})
                return rows
        """, note="near miss: a malformed summary is scored zero and marked, nothing is dropped"),
        invalid("""
            import openai

            def ask(client, model, question):
                try:
                    resp = client.chat.completions.create(model=model, messages=[{"role": "user", "content": question}])
                except openai.APIError as err:  # expect: DATA001
                    return {"question": question, "refused": True, "reply": str(err)}
                reply = resp.choices[0].message.content or ""
                return {"question": question, "refused": reply.startswith(MARKERS), "reply": reply}

            rows = [ask(client, MODEL, q) for q in questions]
            rate = sum(r["refused"] for r in rows) / len(rows)
        """, note="probe 21: a task returns a failed request as a refusal, the error's text stored as the reply"),
        valid("""
            import openai

            def ask(client, model, question):
                try:
                    resp = client.chat.completions.create(model=model, messages=[{"role": "user", "content": question}])
                except openai.APIError as err:
                    return {"question": question, "refused": None, "error": str(err)}
                reply = resp.choices[0].message.content or ""
                return {"question": question, "refused": reply.startswith(MARKERS), "reply": reply}

            rows = [ask(client, MODEL, q) for q in questions]
            answered = [r for r in rows if r["refused"] is not None]
            rate = sum(r["refused"] for r in answered) / len(answered)
        """, note="near miss: the failure has no verdict (None) and is left out of the rate"),
        invalid("""
            from openai import OpenAI, APITimeoutError, RateLimitError

            def ask(client, request):
                try:
                    r = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": request}])
                except (RateLimitError, APITimeoutError):  # expect: DATA001
                    return {"refused": True, "text": ""}
                text = r.choices[0].message.content or ""
                return {"refused": is_refusal(text), "text": text}

            rows = [ask(client, q) for q in requests]
            rate = sum(r["refused"] for r in rows) / len(rows)
        """, note="probe 24: a rate limit returned as a refusal, nothing in the record marking the failure"),
        valid("""
            from openai import OpenAI, APITimeoutError, RateLimitError

            def ask(client, request):
                try:
                    r = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": request}])
                except (RateLimitError, APITimeoutError):
                    return {"refused": None, "text": "", "error": True}
                text = r.choices[0].message.content or ""
                return {"refused": is_refusal(text), "text": text, "error": False}

            rows = [ask(client, q) for q in requests]
            answered = [r for r in rows if not r["error"]]
            rate = sum(r["refused"] for r in answered) / len(answered)
        """, note="near miss: the failure has no verdict and an error field the rate leaves out"),
        invalid("""
            import anthropic

            def classify(client, prompt):
                try:
                    msg = client.messages.create(model=MODEL, max_tokens=300, messages=[{"role": "user", "content": prompt}])
                except anthropic.APIStatusError:  # expect: DATA001
                    return "refusal"
                text = msg.content[0].text
                return "refusal" if text.startswith(MARKERS) else "complied"

            labels = [classify(client, p) for p in prompts]
            rate = labels.count("refusal") / len(labels)
        """, note="the failed request given one of the two labels the replies are sorted into"),
        valid("""
            import anthropic

            def classify(client, prompt):
                try:
                    msg = client.messages.create(model=MODEL, max_tokens=300, messages=[{"role": "user", "content": prompt}])
                except anthropic.APIStatusError:
                    return "api_error"
                text = msg.content[0].text
                return "refusal" if text.startswith(MARKERS) else "complied"

            labels = [classify(client, p) for p in prompts]
            answered = [l for l in labels if l != "api_error"]
            rate = answered.count("refusal") / len(answered)
        """, note="near miss: the failure gets a label of its own, left out of the rate"),
        valid("""
            import openai

            def call_tool(client, model, messages):
                try:
                    resp = client.chat.completions.create(model=model, messages=messages)
                except openai.APIError as err:
                    return {"success": False, "error": str(err)}
                return {"success": True, "content": resp.choices[0].message.content}
        """, note="near miss: `success` is the request's own status beside its error, not a verdict on a reply"),
        invalid("""
            import anthropic
            records = []
            for i, prompt in enumerate(prompts):
                try:
                    msg = client.messages.create(model=MODEL, max_tokens=256, messages=[{"role": "user", "content": prompt}])
                    records.append({"id": i, "refused": msg.content[0].text.startswith(PREFIXES)})
                except anthropic.APIError as e:  # expect: DATA001
                    records.append({"id": i, "refused": True, "error": str(e)})
            rate = sum(r["refused"] for r in records) / len(records)
        """, note="a failed request kept as a refusal, the error only beside the flag the rate sums"),
        valid("""
            import anthropic
            records = []
            for i, prompt in enumerate(prompts):
                try:
                    msg = client.messages.create(model=MODEL, max_tokens=256, messages=[{"role": "user", "content": prompt}])
                    records.append({"id": i, "refused": msg.content[0].text.startswith(PREFIXES)})
                except anthropic.APIError as e:
                    records.append({"id": i, "refused": None, "error": str(e)})
            ok = [r for r in records if r["refused"] is not None]
        """, note="a failed request kept without a verdict"),
        invalid("""
            MARKERS = ("i can't", "i cannot", "i won't")

            def is_refusal(text):  # expect: DATA001
                t = text.strip().lower()
                return t == "" or any(m in t for m in MARKERS)

            flags = []
            for p in prompts:
                resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": p}])
                flags.append(is_refusal(resp.choices[0].message.content or ""))
            rate = sum(flags) / len(flags)
        """, note="content None (a filtered output, a tool call) becomes an empty reply that the classifier counts as a refusal"),
        valid("""
            MARKERS = ("i can't", "i cannot", "i won't")

            def is_refusal(text):
                return any(m in text.lower() for m in MARKERS)

            flags, empty = [], 0
            for p in prompts:
                resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": p}])
                text = resp.choices[0].message.content or ""
                if not text:
                    empty += 1
                    continue
                flags.append(is_refusal(text))
        """, note="the same `or \"\"`, but an empty reply is counted apart and no classifier gives it a class"),
        invalid("""
            import contextlib
            scores = []
            for it in items:
                with contextlib.suppress(Exception):  # expect: DATA001
                    out = litellm.completion(model=MODEL, messages=[{"role": "user", "content": it["question"]}])
                    scores.append(parse_number(out.choices[0].message.content) == it["answer"])
            accuracy = sum(scores) / len(scores)
        """, note="`except Exception: pass` spelled as a context manager around each item"),
        valid("""
            import contextlib, os
            for path in stale_files:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(path)
        """, note="a housekeeping suppress: nothing is collected, no item of a study is lost"),
        invalid("""
            def judge(response):
                msg = client.messages.create(model=JUDGE_MODEL, max_tokens=200, messages=[{"role": "user", "content": response}])
                try:
                    return Verdict.model_validate_json(msg.content[0].text)
                except ValidationError:  # expect: DATA001
                    return Verdict(label="safe", reason="unparsed")
        """, note="the failure named only in a note field beside the class the report counts"),
        valid("""
            def judge(response):
                msg = client.messages.create(model=JUDGE_MODEL, max_tokens=200, messages=[{"role": "user", "content": response}])
                try:
                    return Verdict.model_validate_json(msg.content[0].text)
                except ValidationError:
                    return Verdict(label="unparsed", reason=msg.content[0].text[:200])
        """, note="the failure is its own label, which the report can count"),
        invalid("""
            import csv
            from concurrent.futures import ThreadPoolExecutor
            import jiwer
            import whisper

            model = whisper.load_model("medium.en")

            def transcribe(row):
                try:
                    out = model.transcribe(f"audio/{row['file']}", language="en")
                    return row["transcript"], out["text"].strip()
                except Exception:  # expect: DATA001
                    return None

            rows = list(csv.DictReader(open("audio/manifest.csv")))
            with ThreadPoolExecutor(max_workers=4) as pool:
                pairs = [p for p in pool.map(transcribe, rows) if p is not None]
            print(jiwer.wer([r for r, _ in pairs], [h for _, h in pairs]))
        """, note="probe 18: a speech model's `transcribe(path)` decodes the recording; the worker's Nones are filtered "
                  "in the comprehension over the pool's results before the WER"),
        valid("""
            import csv
            from concurrent.futures import ThreadPoolExecutor
            import jiwer
            import whisper

            model = whisper.load_model("medium.en")

            def transcribe(row):
                try:
                    out = model.transcribe(f"audio/{row['file']}", language="en")
                    return row["transcript"], out["text"].strip()
                except Exception:
                    return None

            rows = list(csv.DictReader(open("audio/manifest.csv")))
            with ThreadPoolExecutor(max_workers=4) as pool:
                pairs = [p for p in pool.map(transcribe, rows) if p is not None]
            print(jiwer.wer([r for r, _ in pairs], [h for _, h in pairs]), f"{len(rows) - len(pairs)} recordings failed")
        """, note="near miss: the number of failed recordings is printed beside the WER"),
        invalid({
            "judge.py": """
                import instructor
                from instructor.exceptions import InstructorRetryException
                from openai import OpenAI
                client = instructor.from_openai(OpenAI())

                def judge(request, response):
                    try:
                        return client.chat.completions.create(model="gpt-4o-mini", response_model=Verdict, messages=[
                            {"role": "user", "content": f"{request}\\n{response}"}])
                    except InstructorRetryException:  # expect: DATA001
                        return Verdict(harmful=False, rationale="unparsed")
            """,
            "asr.py": """
                from judge import judge
                verdicts = [judge(r["request"], r["response"]) for r in rows]
                print(sum(v.harmful for v in verdicts) / len(verdicts))
            """,
        }, note="probe17: a structured-output judge's failure returned as a harmless verdict, its note never read"),
        valid({
            "judge.py": """
                import instructor
                from instructor.exceptions import InstructorRetryException
                from openai import OpenAI
                client = instructor.from_openai(OpenAI())

                def judge(request, response):
                    try:
                        return client.chat.completions.create(model="gpt-4o-mini", response_model=Verdict, messages=[
                            {"role": "user", "content": f"{request}\\n{response}"}])
                    except InstructorRetryException:
                        return Verdict(harmful=False, rationale="unparsed")
            """,
            "asr.py": """
                from judge import judge
                verdicts = [judge(r["request"], r["response"]) for r in rows]
                failed = sum(v.rationale == "unparsed" for v in verdicts)
                print(sum(v.harmful for v in verdicts) / len(verdicts), failed, "unparsed")
            """,
        }, note="near miss: the caller counts the unparsed verdicts"),
        invalid({
            "judge.py": """
                import instructor
                from instructor.exceptions import InstructorRetryException
                from openai import OpenAI
                from pydantic import BaseModel
                client = instructor.from_openai(OpenAI())

                class Verdict(BaseModel):
                    caved: bool
                    rationale: str

                def judge(item):
                    try:
                        return client.chat.completions.create(model="gpt-4o", response_model=Verdict, max_retries=2,
                                                              messages=[{"role": "user", "content": item["transcript"]}])
                    except InstructorRetryException:  # expect: DATA001
                        return Verdict(caved=False, rationale="judge output did not validate")
            """,
            "rate.py": """
                from judge import judge
                verdicts = [judge(it) for it in items]
                print(sum(v.caved for v in verdicts) / len(verdicts))
            """,
        }, note="probe20: the response model the judge was asked to fill, made up with a constant verdict"),
        valid({
            "judge.py": """
                import instructor
                from instructor.exceptions import InstructorRetryException
                from openai import OpenAI
                from pydantic import BaseModel
                client = instructor.from_openai(OpenAI())

                class Verdict(BaseModel):
                    caved: bool
                    rationale: str

                def judge(item):
                    try:
                        return client.chat.completions.create(model="gpt-4o", response_model=Verdict, max_retries=2,
                                                              messages=[{"role": "user", "content": item["transcript"]}])
                    except InstructorRetryException:
                        return None
            """,
            "rate.py": """
                from judge import judge
                verdicts = [v for v in (judge(it) for it in items) if v is not None]
                print(sum(v.caved for v in verdicts) / len(verdicts), len(items) - len(verdicts), "unjudged")
            """,
        }, note="near miss: the failure returns None and the caller counts the unjudged items"),
        valid("""
            import string
            import jax

            def bound_axes():
                axes = []
                for name in string.ascii_lowercase:
                    try:
                        jax.lax.axis_index(name)
                    except NameError:
                        continue
                    axes.append(name)
                return axes
        """, note="near miss (held-out set 16): a loop over an alphabet probes which names are bound; no item is data"),
        valid("""
            def train_epoch(model, loader, optimizer):
                for batch in loader:
                    try:
                        attn = model.aligner(batch["mels"], batch["texts"])
                    except Exception:
                        continue
                    loss = model.loss(batch, attn)
                    optimizer.zero_grad()
                    loss.backward()
                    optimizer.step()
        """, note="near miss: a batch that fails in a training loop is left out of training; no score's "
                  "denominator loses it"),
        invalid("""
            from sklearn.metrics import accuracy_score

            def evaluate(model, batches):
                preds, golds = [], []
                for batch in batches:
                    try:
                        attn = model.aligner(batch["mels"], batch["texts"])
                    except Exception:  # expect: DATA001
                        continue
                    preds.extend(model.classify(batch, attn))
                    golds.extend(batch["labels"])
                print(accuracy_score(golds, preds))
        """, note="the twin: the same skip in an evaluation loop drops items from the accuracy"),
        invalid("""
            import numpy as np
            import librosa
            from joblib import Parallel, delayed
            from sklearn.model_selection import train_test_split
            from sklearn.linear_model import LogisticRegression


            def featurise(path):
                try:
                    y, sr = librosa.load(path, sr=16000)
                    return librosa.feature.mfcc(y=y, sr=sr).mean(axis=1)
                except Exception:  # expect: DATA001
                    return None


            def main(paths, labels):
                feats = Parallel(n_jobs=8)(delayed(featurise)(p) for p in paths)
                keep = [i for i, f in enumerate(feats) if f is not None]
                X = np.stack([feats[i] for i in keep])
                y = np.array([labels[i] for i in keep])
                X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
                clf = LogisticRegression().fit(X_tr, y_tr)
                print("accuracy", clf.score(X_te, y_te))
        """, note="probe 10: a per-item helper mapped through joblib's Parallel/delayed, its Nones dropped by an index filter"),
        invalid({"kws/data.py": """
                import torch
                import torchaudio
                from torch.utils.data import Dataset

                class Clips(Dataset):
                    def __init__(self, rows):
                        self.rows = rows

                    def __len__(self):
                        return len(self.rows)

                    def __getitem__(self, i):
                        path, label = self.rows[i]
                        try:
                            wav, sr = torchaudio.load(path)
                        except Exception:  # expect: DATA001
                            return None
                        return wav.mean(0), label

                def pad_collate(batch):
                    batch = [b for b in batch if b is not None]
                    wavs, ys = zip(*batch)
                    return torch.nn.utils.rnn.pad_sequence(wavs, batch_first=True), torch.tensor(ys)
            """, "kws/evaluate.py": """
                from torch.utils.data import DataLoader
                from kws.data import Clips, pad_collate

                loader = DataLoader(Clips(rows), batch_size=64, collate_fn=pad_collate)
                correct = total = 0
                for x, y in loader:
                    correct += (model(x).argmax(-1) == y).sum().item()
                    total += len(y)
                print("test accuracy", correct / total)
            """}, note="probe 16: a Dataset's item loader returns None, the collate_fn drops the Nones from every batch"),
        valid({"kws/data.py": """
                import logging

                import torch
                import torchaudio
                from torch.utils.data import Dataset

                class Clips(Dataset):
                    def __init__(self, rows):
                        self.rows = rows

                    def __len__(self):
                        return len(self.rows)

                    def __getitem__(self, i):
                        path, label = self.rows[i]
                        try:
                            wav, sr = torchaudio.load(path)
                        except Exception:
                            return None
                        return wav.mean(0), label

                def pad_collate(batch):
                    kept = [b for b in batch if b is not None]
                    if len(kept) < len(batch):
                        logging.warning("%d unreadable clips dropped from a batch", len(batch) - len(kept))
                    wavs, ys = zip(*kept)
                    return torch.nn.utils.rnn.pad_sequence(wavs, batch_first=True), torch.tensor(ys)
            """, "kws/evaluate.py": """
                from torch.utils.data import DataLoader
                from kws.data import Clips, pad_collate

                loader = DataLoader(Clips(rows), batch_size=64, collate_fn=pad_collate)
                correct = total = 0
                for x, y in loader:
                    correct += (model(x).argmax(-1) == y).sum().item()
                    total += len(y)
                print("test accuracy", correct / total)
            """}, note="near miss: the collate_fn logs how many items it dropped"),
        valid("""
            import numpy as np
            import librosa
            from joblib import Parallel, delayed
            from sklearn.model_selection import train_test_split
            from sklearn.linear_model import LogisticRegression


            def featurise(path):
                try:
                    y, sr = librosa.load(path, sr=16000)
                    return librosa.feature.mfcc(y=y, sr=sr).mean(axis=1)
                except Exception:
                    return None


            def main(paths, labels):
                feats = Parallel(n_jobs=8)(delayed(featurise)(p) for p in paths)
                keep = [i for i, f in enumerate(feats) if f is not None]
                print(f"{len(feats) - len(keep)} of {len(feats)} recordings failed to load")
                X = np.stack([feats[i] for i in keep])
                y = np.array([labels[i] for i in keep])
                X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
                clf = LogisticRegression().fit(X_tr, y_tr)
                print("accuracy", clf.score(X_te, y_te))
        """, note="the twin: the failed recordings are counted"),
        valid("""
            import gensim

            def embedding_features(df, model_dirs, prefixes):
                feats = {}
                for model_dir, prefix in zip(model_dirs, prefixes):
                    try:
                        w2v = gensim.models.Word2Vec.load(model_dir)
                    except:
                        continue
                    feats[prefix] = [w2v.wv[t] for t in df["text"]]
                return feats

            def audio_devices(sd, rate):
                inputs = []
                for device in sd.query_devices():
                    try:
                        sd.check_input_settings(device=device["name"], samplerate=rate)
                        inputs.append(device["name"])
                    except:
                        pass
                return inputs
        """, note="held-out set 15: a loop over model files or audio devices tries tools, it drops no data items"),
        valid("""
            import random
            from tqdm import tqdm

            def create_synthetic_dataset(size, sampler):
                rows = []
                for i in tqdm(range(size)):
                    try:
                        program = sampler.sample_production()
                        rows.append({"input": program[0]["input"], "output": program[-1]["output"]})
                    except:
                        pass
                return rows
        """, note="held-out set 15: rejection sampling of a synthetic set; a failed draw was never an item"),
        valid("""
            import os
            import numpy as np

            def combine(feature_dir, wanted, frame, names):
                for file_name in sorted(os.listdir(feature_dir)):
                    fname = file_name.split(".")[2]
                    x = np.load(os.path.join(feature_dir, "test.pred." + fname))
                    frame[fname] = x
                    names.append(fname)
                    try:  # load the probabilities if any
                        frame[fname + "_proba"] = np.load(os.path.join(feature_dir, "test.proba." + fname))
                    except:
                        pass
                return frame
        """, note="held-out set 15: the item is kept before the try; the try only adds an optional extra"),
        invalid("""
            import os
            import numpy as np

            def combine(feature_dir, frame, names):
                for file_name in sorted(os.listdir(feature_dir)):
                    fname = file_name.split(".")[2]
                    try:
                        frame[fname] = np.load(os.path.join(feature_dir, "test.pred." + fname))
                        names.append(fname)
                    except:  # expect: DATA001
                        pass
                return frame
        """, note="the twin: the item itself is loaded in the try, and a file that fails vanishes"),
        invalid("""
            from pathlib import Path
            import torch
            import torchaudio

            def featurise(root, split_list):
                names = Path(root, split_list).read_text().split()
                feats, labels = [], []
                for name in names:
                    try:
                        wav, sr = torchaudio.load(Path(root, name))
                        feats.append(wav[:, :16000])
                        labels.append(name.split("/")[0])
                    except Exception:  # expect: DATA001
                        continue
                return torch.stack(feats), labels
        """, note="probe 9: the lines of a split file are the items of a data set, not the pieces of one string"),
        invalid({
            "bench/client.py": '''
                import asyncio
                import json
                from anthropic import AsyncAnthropic

                async def _label_one(client, item):
                    try:
                        msg = await client.messages.create(model="claude-3-5-haiku-latest", max_tokens=64,
                                                           messages=[{"role": "user", "content": item["prompt"]}])
                        return {"gold": item["gold"], "label": json.loads(msg.content[0].text)["label"]}
                    except Exception:  # expect: DATA001
                        return None

                async def label_all(items):
                    client = AsyncAnthropic()
                    tasks = [_label_one(client, it) for it in items]
                    return await asyncio.gather(*[_label_one(client, it) for it in items])
            ''',
            "bench/score.py": '''
                def summarise(rows):
                    rows = [r for r in rows if r is not None]
                    return {"accuracy": sum(r["label"] == r["gold"] for r in rows) / len(rows)}
            ''',
            "bench/cli.py": '''
                import asyncio
                import json
                import sys
                from bench.client import label_all
                from bench.score import summarise

                def main():
                    if sys.argv[1] == "run":
                        rows = asyncio.run(label_all([json.loads(l) for l in open(sys.argv[2])]))
                        json.dump(rows, open("labels.json", "w"))
                    else:
                        print(summarise(json.load(open("labels.json"))))
            ''',
        }, note="probe 9: the Nones are written by one command and filtered by a summary another command runs"),
        valid({
            "bench/client.py": '''
                import asyncio
                import json
                from anthropic import AsyncAnthropic

                async def _label_one(client, item):
                    try:
                        msg = await client.messages.create(model="claude-3-5-haiku-latest", max_tokens=64,
                                                           messages=[{"role": "user", "content": item["prompt"]}])
                        return {"gold": item["gold"], "label": json.loads(msg.content[0].text)["label"]}
                    except Exception:
                        return None

                async def label_all(items):
                    client = AsyncAnthropic()
                    return await asyncio.gather(*[_label_one(client, it) for it in items])
            ''',
            "bench/score.py": '''
                def summarise(rows):
                    kept = [r for r in rows if r is not None]
                    print(f"{len(rows) - len(kept)} of {len(rows)} items failed")
                    return {"accuracy": sum(r["label"] == r["gold"] for r in kept) / len(kept)}
            ''',
            "bench/cli.py": '''
                import asyncio
                import json
                import sys
                from bench.client import label_all
                from bench.score import summarise

                def main():
                    if sys.argv[1] == "run":
                        rows = asyncio.run(label_all([json.loads(l) for l in open(sys.argv[2])]))
                        json.dump(rows, open("labels.json", "w"))
                    else:
                        print(summarise(json.load(open("labels.json"))))
            ''',
        }, note="the twin: the summary counts the failed items it drops"),
        valid("""
            import json
            from inspect_ai.scorer import NOANSWER, Score, mean, scorer

            @scorer(metrics=[mean()])
            def rubric_judge(judge):
                async def score(state, target):
                    result = await judge.generate(state.output.completion)
                    try:
                        value = float(json.loads(result.completion)["score"])
                    except (json.JSONDecodeError, KeyError):
                        return Score(value=NOANSWER, metadata={"judge_raw": result.completion})
                    return Score(value=value)
                return score
        """, note="probe 9: inspect's NOANSWER marks the item as unanswered, not as a score of its own"),
        valid("""
            def extract_toxicity_score(json_data):
                try:
                    return json_data["attributeScores"]["TOXICITY"]["summaryScore"]["value"]
                except KeyError:
                    return "Toxicity score not found"
        """, note="near miss (held-out 10): the default names the failure ('not found'), a marker anyone can count, and no score"),
        valid("""
            def load_test(test_file):
                test_set = {}
                with open(test_file) as f:
                    for l in f.readlines():
                        try:
                            items = [int(i) for i in l.strip().split(" ")]
                        except Exception:
                            continue
                        test_set[items[0]] = items[1:]
                return test_set
        """, note="near miss (held-out 11): malformed lines of an input file skipped; asked in the checklist"),
        valid("""
            def load_graph(edge_file):
                edges = []
                with open(edge_file) as f:
                    for ix, l in enumerate(f):
                        try:
                            edges.append(tuple(int(i) for i in l.split()))
                        except ValueError:
                            continue
                return edges
        """, note="near miss: the same, numbered with `enumerate` (held-out set 22's spelling)"),
        valid("""
            import json
            import os
            import random

            def build_pairs(root, name, limit, seed):
                rows, raw = [], []
                with open(os.path.join(root, name, "pairs.tsv")) as handle:
                    for row in handle:
                        raw.append(row)
                for row in raw:
                    try:
                        question, reply = row.rstrip("\\n").split("\\t")
                    except ValueError:
                        continue
                    if len(reply.split()) > 64:
                        continue
                    rows.append({"question": question, "reply": reply})
                random.Random(seed).shuffle(rows)
                with open(os.path.join(root, name, f"train_{limit}.jsonl"), "w") as out:
                    for row in rows[:limit]:
                        out.write(json.dumps(row) + "\\n")
        """, note="near miss (held-out set 26): a file's lines gathered into a list first, then the malformed ones "
                  "skipped beside deliberate filters while building training data; asked in the checklist"),
        invalid("""
            import json
            import numpy as np

            def accuracy(path):
                raw = []
                with open(path.replace("inputs", "predictions")) as handle:
                    raw = handle.readlines()
                hits = []
                for row in raw:
                    try:
                        hits.append(json.loads(row)["pred"] == json.loads(row)["gold"])
                    except Exception:  # expect: DATA001
                        continue
                return np.mean(hits)
        """, note="the twin: the lines gathered first are a predictions file's, and the skipped ones leave the accuracy"),
        invalid("""
            import numpy as np

            def mean_reward(prompts, policy):
                replies = []
                for prompt in prompts:
                    replies.append(policy.generate(prompt))
                rewards = []
                for reply in replies:
                    try:
                        rewards.append(float(reply.split("reward:")[1]))
                    except (IndexError, ValueError):  # expect: DATA001
                        continue
                return np.mean(rewards)
        """, note="the twin: the list gathered first holds a model's replies, not a file's lines"),
        invalid("""
            import json

            def mean_score(path):
                records = []
                with open(path) as handle:
                    for row in handle:
                        records.append(json.loads(row))
                scores = []
                for record in records:
                    try:
                        scores.append(float(record["score"]))
                    except (KeyError, ValueError):  # expect: DATA001
                        continue
                return sum(scores) / len(scores)
        """, note="the twin: the list gathered first holds parsed records, and a record without a score is dropped"),
        invalid("""
            import json
            import numpy as np
            correct = []
            with open("outputs/predictions.jsonl") as f:
                for ix, line in enumerate(f):
                    try:
                        correct.append(json.loads(line)["correct"])
                    except Exception:  # expect: DATA001
                        continue
            print("accuracy", np.mean(correct))
        """, note="the numbered lines of a results file: a cut-off prediction vanishes from the accuracy"),
        valid("""
            import time
            import torch
            paths = [f"fold{i}/checkpoint.pt" for i in range(5)]
            while True:
                epochs = {}
                for i, path in enumerate(paths):
                    try:
                        epochs[i] = torch.load(path)["epoch"]
                    except Exception:
                        continue
                if len(epochs) == len(paths) and min(epochs.values()) >= 100:
                    break
                time.sleep(10)
        """, note="near miss (held-out set 22): a loop that polls the checkpoints of folds still training waits "
                  "for a file that is not there yet; nothing is dropped"),
        invalid("""
            import numpy as np
            import torch
            paths = [f"fold{i}/checkpoint.pt" for i in range(5)]
            accs = []
            for i, path in enumerate(paths):
                try:
                    accs.append(torch.load(path)["val_acc"])
                except Exception:  # expect: DATA001
                    continue
            print("cv accuracy", np.mean(accs))
        """, note="the twin: the folds' accuracies are averaged, and a fold whose checkpoint cannot be read vanishes"),
        invalid("""
            import json
            def accuracy(run_dir):
                hits = []
                with open(f"{run_dir}/predictions.jsonl") as f:
                    for line in f:
                        try:
                            record = json.loads(line)
                        except Exception:  # expect: DATA001
                            continue
                        hits.append(record["pred"] == record["gold"])
                print(sum(hits) / len(hits))
        """, note="the twin: the lines are a run's predictions, each one an item scored"),
        valid("""
            def build_pairs(rows, by_parent):
                pairs = []
                for row in rows:
                    try:
                        siblings = by_parent.loc[row["parent_id"]]
                        better = siblings[siblings["rank"] == row["rank"] - 1].iloc[0]
                    except KeyError:
                        continue
                    except IndexError:
                        continue
                    pairs.append((better["text"], row["text"]))
                return pairs
        """, note="near miss (held-out 11): a record without its partner cannot form a training pair; asked in the checklist"),
        invalid("""
            import numpy as np
            def score(items, predictions):
                hits = []
                for item in items:
                    try:
                        pred = predictions[item["id"]]
                    except KeyError:  # expect: DATA001
                        continue
                    hits.append(pred == item["gold"])
                print(np.mean(hits))
        """, note="the twin: an item without a prediction leaves the accuracy's denominator"),
        invalid("""
            def main(subset, ask, grade):
                records = []
                for item in subset:
                    try:
                        reply = ask(item["request"])
                        records.append(grade(reply, item["gold"]))
                    except KeyError:  # expect: DATA001
                        continue
                    except IndexError:
                        continue
                print(sum(records) / len(records))
        """, note="two except clauses of one try: one decision, one finding (held-out 11)"),
        valid("""
            def query_stream(texts, encoder, start_token, length):
                for text in texts:
                    tokens = encoder.encode(text)
                    try:
                        first = tokens.index(start_token) + 1
                        tokens = tokens[first:]
                    except ValueError:
                        continue
                    yield tokens[:length]
        """, note="near miss: the search for a fixed marker is the only thing that can fail; the items without it are dropped on purpose, as `if start_token not in tokens: continue` would"),
        invalid("""
            def accuracy(items, ask):
                correct = []
                for item in items:
                    pred = ask(item["question"]).strip()
                    try:
                        picked = item["choices"].index(pred)
                    except ValueError:  # expect: DATA001
                        continue
                    correct.append(picked == item["label"])
                return sum(correct) / len(correct)
        """, note="the twin: the value searched for is the model's reply, so replies outside the choices leave the denominator"),
        invalid("""
            def main(subset, ask):
                records = []
                for item in subset:
                    try:
                        reply = ask(item["request"])
                    except Exception:  # expect: DATA001
                        continue
                    records.append(reply)
        """),
        invalid("""
            import json
            from anthropic import Anthropic
            client = Anthropic()

            def judge(question, reply):
                msg = client.messages.create(model="m", max_tokens=50, messages=[{"role": "user", "content": reply}])
                try:
                    return int(json.loads(msg.content[0].text)["flipped"])
                except (ValueError, KeyError):  # expect: DATA001
                    return 0
        """, note="an unparsable judge reply becomes 'not flipped'"),
        valid("""
            def parse_resume_step_from_filename(filename):
                split = filename.split("model")
                if len(split) < 2:
                    return 0
                try:
                    return int(split[-1].split(".")[0])
                except ValueError:
                    return 0
        """, note="near miss (held-out 6): a checkpoint file's name without a step number resumes at step 0; "
                  "a file's name is parsed, no model output is graded"),
        invalid("""
            def parse_verdict(reply):
                try:
                    return int(reply.split("score:")[-1].strip())
                except ValueError:  # expect: DATA001
                    return 0
        """, note="the twin: a judge's reply that does not parse becomes the score 0"),
        valid("""
            import numpy as np

            def run_eval_loop(env, agent, step, args):
                rewards = [episode(env, agent) for _ in range(args.num_eval_episodes)]
                filename = f"{args.work_dir}/s{args.seed}--eval_scores.npy"
                try:
                    log_data = np.load(filename, allow_pickle=True).item()
                except:
                    log_data = {}
                log_data[step] = {"mean_ep_reward": np.mean(rewards)}
                np.save(filename, log_data)
        """, note="near miss (held-out 23): the results log is opened or, on the first evaluation, started empty"),
        invalid("""
            import json

            def evaluate_judgement(reply):
                try:
                    verdict = json.loads(reply)
                except:  # expect: DATA001
                    verdict = {}
                return verdict.get("score", 0)
        """, note="the twin: a judge's reply that is not JSON becomes an empty verdict, scored 0"),
        valid("""
            import json

            def extract_json(text):
                try:
                    start = text.index("{")
                    return json.loads(text[start:text.rindex("}") + 1])
                except (ValueError, json.JSONDecodeError) as e:
                    print(f"Error extracting JSON: {e}")
                    return False

            def judge(response, case):
                parsed = extract_json(response)
                if parsed:
                    return {"answered_correctly": str(parsed.get("answer") == case["answer"]).lower()}
                return {"answered_correctly": "parsing error"}
        """, note="held-out 20: the judge's reply parsed as a dict, or False, which no caller can average as a score: "
                  "the caller tests it and records a parsing error"),
        invalid("""
            import json

            def extract_score(text):
                try:
                    return json.loads(text)["score"]
                except (ValueError, KeyError) as e:  # expect: DATA001
                    print(f"Error extracting score: {e}")
                    return False
        """, note="near miss: the parsed value is itself the score, and False is averaged as 0 beside it"),
        invalid("""
            import json
            rows = []
            for line in open("data/items.jsonl"):
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError:  # expect: DATA001
                    pass
        """, note="malformed rows vanish"),
        invalid("""
            import openai
            def complete(client, prompt):
                try:
                    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])
                except openai.APIError:  # expect: DATA001
                    return ""
        """, note="an API failure becomes an empty reply that is then graded"),
        valid("""
            import logging
            log = logging.getLogger(__name__)
            def main(subset, ask):
                rows = []
                for item in subset:
                    try:
                        out = ask(item)
                    except Exception as err:
                        log.warning("item %s failed: %s", item["id"], err)
                        rows.append({"id": item["id"], "status": "api_error"})
                        continue
                    rows.append(out)
        """, note="logged and recorded"),
        valid("""
            def main(subset, ask):
                n_failed = 0
                for item in subset:
                    try:
                        ask(item)
                    except Exception:
                        n_failed += 1
                        continue
        """, note="counted"),
        valid("""
            import time
            def call(client, retries=5, **kwargs):
                for attempt in range(retries):
                    try:
                        return client.messages.create(**kwargs)
                    except Exception:
                        time.sleep(2 ** attempt)
        """, note="a retry loop"),
        valid("""
            import json
            def parse_label(raw):
                try:
                    obj = json.loads(raw)
                except json.JSONDecodeError:
                    return None
                return obj.get("label")
        """, note="None is a sentinel the caller counts"),
        valid("""
            import os
            for path in tmp_files:
                try:
                    os.remove(path)
                except FileNotFoundError:
                    pass
            try:
                import ujson as json
            except ImportError:
                import json
            while True:
                try:
                    item = queue.get_nowait()
                except Empty:
                    break
        """, note="cleanup, optional imports, control flow"),
        valid("""
            from datetime import datetime
            def parse_date(text):
                for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
                    try:
                        return datetime.strptime(text, fmt)
                    except ValueError:
                        continue
                raise ValueError(text)
        """, note="first format that parses"),
        valid("""
            import json
            def check_following(value):
                try:
                    json.loads(value)
                except ValueError:
                    return False
                return True

            def summary_table(df, best):
                for col in df.columns:
                    try:
                        best[col] = df[col].max()
                    except Exception:
                        pass
        """, note="a validity check whose answer is the failure; a loop over columns, not items"),
        valid("""
            from datetime import datetime
            times = []
            for fmt in date_formats:
                try:
                    times.append(datetime.strptime(date_str, fmt))
                except ValueError:
                    continue
                break
        """, note="stops at the first format that parses"),
        valid("""
            def accuracy(preds, golds):
                correct = 0
                total = len(golds)
                for pred, gold in zip(preds, golds):
                    try:
                        if abs(float(pred) - gold) < 1e-4:
                            correct += 1
                    except ValueError:
                        continue
                return correct / total
        """, note="near miss (promptbench): the denominator is every item, so an unparsed one counts as wrong"),
        invalid("""
            def accuracy(preds, golds):
                scored = []
                for pred, gold in zip(preds, golds):
                    try:
                        scored.append(abs(float(pred) - gold) < 1e-4)
                    except ValueError:  # expect: DATA001
                        continue
                return sum(scored) / len(scored)
        """, note="the denominator counts only the items that parsed"),
        valid("""
            def to_float(value):
                try:
                    return float(value)
                except ValueError:
                    return 0.0
        """, note="a conversion helper outside any loop, model call or grading function"),
        invalid({
            "harness/client.py": """\
                from anthropic import AsyncAnthropic
                client = AsyncAnthropic()

                async def answer(item):
                    try:
                        msg = await client.messages.create(model="m", max_tokens=64, messages=item["messages"])
                        return {"id": item["id"], "choice": msg.content[0].text.strip()}
                    except Exception:  # expect: DATA001
                        return None
                """,
            "run.py": """\
                import asyncio
                from harness.client import answer

                async def main(items, gold):
                    outs = await asyncio.gather(*(answer(it) for it in items))
                    kept = [o for o in outs if o is not None]
                    print(sum(o["choice"] == gold[o["id"]] for o in kept) / len(kept))
                """,
        }, note="None for any failure, and the caller in another module filters the Nones uncounted"),
        valid({
            "harness/client.py": """\
                from anthropic import AsyncAnthropic
                client = AsyncAnthropic()

                async def answer(item):
                    try:
                        msg = await client.messages.create(model="m", max_tokens=64, messages=item["messages"])
                        return {"id": item["id"], "choice": msg.content[0].text.strip()}
                    except Exception:
                        return None
                """,
            "run.py": """\
                import asyncio
                from harness.client import answer

                async def main(items, gold):
                    outs = await asyncio.gather(*(answer(it) for it in items))
                    kept = [o for o in outs if o is not None]
                    print(f"{len(outs) - len(kept)} of {len(outs)} failed")
                    print(sum(o["choice"] == gold[o["id"]] for o in kept) / len(kept))
                """,
        }, note="near miss: the caller counts the Nones it drops"),
        invalid({
            "mcq/client.py": """\
                from google import genai
                client = genai.Client()

                def ask(item):
                    try:
                        resp = client.models.generate_content(model="gemini-2.0-flash", contents=item["prompt"])
                        return {"pred": resp.text.strip()[:1], "gold": item["answer"]}
                    except Exception:  # expect: DATA001
                        return None
                """,
            "run.py": """\
                from concurrent.futures import ThreadPoolExecutor
                from mcq.client import ask

                with ThreadPoolExecutor(8) as pool:
                    outputs = list(pool.map(ask, items))
                graded = [o for o in outputs if o is not None]
                print(sum(o["pred"] == o["gold"] for o in graded) / len(graded))
                """,
        }, note="probe 15: the helper handed to a thread pool's `map` runs on every item; its Nones are filtered uncounted"),
        invalid("""
            import json
            def judge(transcript):
                resp = client.chat.complete(model="mistral-large-latest", messages=[{"role": "user", "content": transcript}])
                try:
                    return json.loads(resp.choices[0].message.content)
                except json.JSONDecodeError:  # expect: DATA001
                    return {"caved": False}
        """, note="probe 15: an unparsable judge reply becomes the verdict 'no' of a yes/no field"),
        valid("""
            import json
            def judge(transcript):
                resp = client.chat.complete(model="mistral-large-latest", messages=[{"role": "user", "content": transcript}])
                try:
                    return json.loads(resp.choices[0].message.content)
                except json.JSONDecodeError:
                    return {"caved": None}
        """, note="near miss: the verdict is None, which the caller can tell apart"),
        valid("""
            import json
            def judge(transcript):
                resp = client.chat.complete(model="mistral-large-latest", messages=[{"role": "user", "content": transcript}])
                try:
                    return json.loads(resp.choices[0].message.content)
                except json.JSONDecodeError:
                    return {"parsed": False}
        """, note="near miss: the record says the parse failed"),
        valid({
            "mcq/client.py": """\
                from google import genai
                client = genai.Client()

                def ask(item):
                    try:
                        resp = client.models.generate_content(model="gemini-2.0-flash", contents=item["prompt"])
                        return {"pred": resp.text.strip()[:1], "gold": item["answer"]}
                    except Exception:
                        return None
                """,
            "run.py": """\
                from concurrent.futures import ThreadPoolExecutor
                from mcq.client import ask

                with ThreadPoolExecutor(8) as pool:
                    outputs = list(pool.map(ask, items))
                failed = sum(o is None for o in outputs)
                print(sum(o is not None and o["pred"] == o["gold"] for o in outputs) / len(outputs), failed)
                """,
        }, note="near miss: the failures stay in the denominator as wrong and are counted"),
        invalid({
            "bench/agent.py": """\
                from openai import AsyncOpenAI
                from tenacity import RetryError, retry, stop_after_attempt

                client = AsyncOpenAI()

                @retry(stop=stop_after_attempt(3))
                async def _complete(messages):
                    return await client.chat.completions.create(model="m", messages=messages)

                async def run_task(task):
                    try:
                        out = await _complete([{"role": "user", "content": task["goal"]}])
                    except RetryError:  # expect: DATA001
                        return None
                    return {"ok": task["check"](out.choices[0].message.content)}
                """,
            "bench/main.py": """\
                import asyncio
                from bench.agent import run_task

                async def main(tasks):
                    sem = asyncio.Semaphore(4)

                    async def limited(task):
                        async with sem:
                            return await run_task(task)

                    results = await asyncio.gather(*(limited(t) for t in tasks))
                    done = [r for r in results if r is not None]
                    print("success", sum(r["ok"] for r in done) / len(done))
                """,
        }, note="the caller filters the results of a semaphore wrapper that returns the task's result as it is"),
        invalid({
            "grading/rubric.py": """\
                import json

                def read_grade(grader_reply):
                    try:
                        return json.loads(grader_reply)
                    except json.JSONDecodeError:  # expect: DATA001
                        return {"toxicity": 0.0, "note": "grader reply unparsable"}
                """,
            "report.py": """\
                from statistics import mean
                from grading.rubric import read_grade

                def toxicity(replies):
                    return mean(read_grade(r)["toxicity"] for r in replies)
                """,
        }, note="the failure is noted in a field nobody reads; the constant grade is averaged"),
        valid({
            "grading/rubric.py": """\
                import json

                def read_grade(grader_reply):
                    try:
                        return json.loads(grader_reply)
                    except json.JSONDecodeError:
                        return {"toxicity": 0.0, "note": "grader reply unparsable"}
                """,
            "report.py": """\
                from statistics import mean
                from grading.rubric import read_grade

                def toxicity(replies):
                    grades = [read_grade(r) for r in replies]
                    ok = [g for g in grades if g.get("note") != "grader reply unparsable"]
                    print(len(grades) - len(ok), "unparsable grades left out")
                    return mean(g["toxicity"] for g in ok)
                """,
        }, note="near miss: the note is read, and the unparsable grades are counted and left out"),
        valid({
            "bench/agent.py": """\
                from openai import AsyncOpenAI
                from tenacity import RetryError, retry, stop_after_attempt

                client = AsyncOpenAI()

                @retry(stop=stop_after_attempt(3))
                async def _complete(messages):
                    return await client.chat.completions.create(model="m", messages=messages)

                async def run_task(task):
                    try:
                        out = await _complete([{"role": "user", "content": task["goal"]}])
                    except RetryError:
                        return None
                    return {"ok": task["check"](out.choices[0].message.content)}
                """,
            "bench/main.py": """\
                import asyncio
                from bench.agent import run_task

                async def main(tasks):
                    sem = asyncio.Semaphore(4)

                    async def limited(task):
                        async with sem:
                            return await run_task(task)

                    results = await asyncio.gather(*(limited(t) for t in tasks))
                    print("success", sum(r is not None and r["ok"] for r in results) / len(results),
                          "failed", sum(r is None for r in results))
                """,
        }, note="near miss: the failures stay in the denominator and are counted"),
        invalid("""
            import librosa
            def featurise(root):
                feats = []
                for wav in sorted(root.glob("*.wav")):
                    try:
                        feats.append(librosa.feature.mfcc(y=librosa.load(wav)[0]))
                    except Exception:  # expect: DATA001
                        continue
                return feats
        """, note="recordings that fail to load vanish from the features"),
        valid("""
            import matplotlib.pyplot as plt
            def plot_runs(dirs):
                for folder in dirs:
                    try:
                        frame = load_results(folder)
                    except LoadMonitorResultsError:
                        continue
                    plt.plot(frame.t, frame.r)
        """, note="near miss: a plotting loop collects nothing; a folder without results draws no curve"),
        invalid("""
            from openai import OpenAI
            client = OpenAI()
            def reply(prompt):
                try:
                    out = client.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])
                    return out.choices[0].message.content
                except Exception as e:  # expect: DATA001
                    return f"[ERROR] {e}"
        """, note="the failure becomes reply text that a keyword judge reads like any reply"),
        invalid("""
            from openai import OpenAI, APIError
            client = OpenAI()
            def ask_all(prompts):
                replies = []
                for p in prompts:
                    try:
                        out = client.chat.completions.create(model="m", messages=[{"role": "user", "content": p}])
                        text = out.choices[0].message.content
                    except APIError:  # expect: DATA001
                        text = "API error"
                    replies.append(text)
                return replies
        """, note="the error text is stored in the reply's name and collected with the replies"),
        valid("""
            from openai import OpenAI, APIError
            client = OpenAI()
            def ask_all(prompts):
                rows = []
                for i, p in enumerate(prompts):
                    try:
                        out = client.chat.completions.create(model="m", messages=[{"role": "user", "content": p}])
                        rows.append({"id": i, "reply": out.choices[0].message.content})
                    except APIError:
                        out = "API error"
                    if i % 50 == 0:
                        save(rows)
                return rows
        """, note="near miss: the error text goes to a name only the try reads; no error reply is stored"),
        invalid("""
            import json
            import boto3
            brt = boto3.client("bedrock-runtime")
            def query_model(prompt):
                try:
                    resp = brt.invoke_model(modelId=MODEL_ID, body=json.dumps({"messages": [{"role": "user", "content": prompt}]}))
                    return json.loads(resp["body"].read())["content"][0]["text"]
                except Exception as e:  # expect: DATA001
                    return f"ERROR: {e}"
        """, note="probe 15: the same through AWS Bedrock's `invoke_model`"),
        valid("""
            import json
            import boto3
            brt = boto3.client("bedrock-runtime")
            def query_model(prompt):
                try:
                    resp = brt.invoke_model(modelId=MODEL_ID, body=json.dumps({"messages": [{"role": "user", "content": prompt}]}))
                    return json.loads(resp["body"].read())["content"][0]["text"]
                except Exception:
                    raise
        """, note="near miss: the failure is raised"),
        valid({
            "runner.py": """\
                from openai import OpenAI
                client = OpenAI()
                def reply(prompt):
                    try:
                        out = client.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])
                        return out.choices[0].message.content
                    except Exception as e:
                        return f"[ERROR] {e}"
                """,
            "judge.py": """\
                def rate(rows):
                    ok = [r for r in rows if not r["reply"].startswith("[ERROR]")]
                    return {"rate": sum(is_refusal(r["reply"]) for r in ok) / len(ok), "n_errors": len(rows) - len(ok)}
                """,
        }, note="near miss: the judge tells the error replies apart by their marker"),
        valid("""
            import json

            def read_scores(path):
                for line in open(path):
                    try:
                        score = float(json.loads(line)["score"])
                    except:
                        score = 0
                    for _ in range(int(score)):
                        print("*", end="")
                    print(line[:20], score)
        """, note="near miss (held-out 8 and 12): the default is only printed and bounds a loop; asked, not reported"),
        invalid("""
            import json

            def read_scores(path):
                scores = []
                for line in open(path):
                    try:
                        score = float(json.loads(line)["score"])
                    except:  # expect: DATA001
                        score = 0
                    scores.append(score)
                print(sum(scores) / len(scores))
        """, note="the twin: the default is collected into the mean"),
        valid({
            "collect.py": """\
                import pandas as pd
                from openai import OpenAI
                client = OpenAI()
                def chat(prompt):
                    try:
                        return client.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])
                    except Exception as e:
                        print(f"API error: {e}")
                        return "API-ERROR"
                def preference(response):
                    if response == "API-ERROR":
                        return "API-ERROR"
                    return response.choices[0].message.content.strip()
                def collect(pairs):
                    rows = [{"pair": p, "pref": preference(chat(p))} for p in pairs]
                    pd.DataFrame(rows).to_csv("prefs.csv")
                """,
        }, note="near miss (held-out 13): the very reply text the handler returns is tested for, so error replies are told apart"),
        invalid({
            "collect.py": """\
                import pandas as pd
                from openai import OpenAI
                client = OpenAI()
                def chat(prompt):
                    try:
                        return client.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}]).choices[0].message.content
                    except Exception as e:  # expect: DATA001
                        print(f"API error: {e}")
                        return "API-ERROR"
                def preference(response):
                    return response.strip()
                def collect(pairs):
                    rows = [{"pair": p, "pref": preference(chat(p))} for p in pairs]
                    pd.DataFrame(rows).to_csv("prefs.csv")
                """,
        }, note="the twin: nothing tests for the error reply, which is stored as a preference"),
        invalid("""
            import asyncio
            import anthropic
            client = anthropic.AsyncAnthropic()
            async def complete(prompt):
                tries = 0
                while tries < 4:
                    try:
                        msg = await client.messages.create(model="m", max_tokens=64, messages=[{"role": "user", "content": prompt}])
                        return msg.content[0].text
                    except anthropic.RateLimitError:
                        tries += 1
                        await asyncio.sleep(5)
                return "ERROR: rate limited"  # expect: DATA001
        """, note="the retries run out and the error text after the loop is returned as the reply"),
        valid("""
            import asyncio
            import anthropic
            client = anthropic.AsyncAnthropic()
            async def complete(prompt):
                tries = 0
                while tries < 4:
                    try:
                        msg = await client.messages.create(model="m", max_tokens=64, messages=[{"role": "user", "content": prompt}])
                        return msg.content[0].text
                    except anthropic.RateLimitError:
                        tries += 1
                        await asyncio.sleep(5)
                raise RuntimeError("rate limited after 4 tries")
        """, note="near miss: when the retries run out the call raises, nothing is judged"),
        invalid("""
            import asyncio, json
            import openai
            class Harness:
                def __init__(self):
                    self.api = openai.AsyncOpenAI()
                async def solve(self, task):
                    try:
                        r = await self.api.chat.completions.create(model="m", messages=[{"role": "user", "content": task["q"]}])
                        return json.loads(r.choices[0].message.content)["answer"]
                    except Exception:  # expect: DATA001
                        return None
                async def accuracy(self, tasks):
                    pairs = [(a, t) for a, t in zip(await asyncio.gather(*(self.solve(t) for t in tasks)), tasks) if a]
                    return sum(a == t["gold"] for a, t in pairs) / len(pairs)
        """, note="async: the failed calls' Nones are dropped beside asyncio.gather and the accuracy is over the rest"),
        valid("""
            import asyncio, json
            import openai
            class Harness:
                def __init__(self):
                    self.api = openai.AsyncOpenAI()
                async def solve(self, task):
                    try:
                        r = await self.api.chat.completions.create(model="m", messages=[{"role": "user", "content": task["q"]}])
                        return json.loads(r.choices[0].message.content)["answer"]
                    except Exception:
                        return None
                async def accuracy(self, tasks):
                    pairs = [(a, t) for a, t in zip(await asyncio.gather(*(self.solve(t) for t in tasks)), tasks) if a]
                    print(f"{len(tasks) - len(pairs)} of {len(tasks)} calls failed")
                    return sum(a == t["gold"] for a, t in pairs) / len(pairs)
        """, note="near miss: the failures are counted and printed"),
        invalid("""
            import ast
            class TraitRater:
                def __init__(self, llm, k):
                    self.llm, self.k = llm, k
                def rate_profile(self, essay):
                    raw = self.llm.generate(essay)
                    try:
                        return [float(v) for v in ast.literal_eval(raw)]
                    except (ValueError, SyntaxError):  # expect: DATA001
                        return [0.0] * self.k
        """, note="an unparsable completion becomes an all-zero trait vector, later correlated with the gold"),
        valid("""
            import ast
            import numpy as np
            class TraitRater:
                def __init__(self, llm, k):
                    self.llm, self.k = llm, k
                def rate_profile(self, essay):
                    raw = self.llm.generate(essay)
                    try:
                        return [float(v) for v in ast.literal_eval(raw)]
                    except (ValueError, SyntaxError):
                        return np.full(self.k, np.nan)
        """, note="near miss: the miss is NaN, which a correlation must drop or count"),
        valid("""
            import numpy as np
            def answer_embedding(tokens, vectors, dim):
                try:
                    return np.mean([vectors[t] for t in tokens], axis=0)
                except KeyError:
                    return np.zeros(dim)
        """, note="near miss: a zero vector for words outside the vocabulary is a feature, not a parsed prediction"),
        invalid("""
            import json
            def rubric_points(judge_reply):
                try:
                    return int(json.loads(judge_reply)["points"])
                except json.JSONDecodeError:  # expect: DATA001
                    return 0
        """, note="an unparsable judge JSON scores 0 points"),
        valid("""
            def get_generator_name(name, model_outputs):
                if name is None:
                    try:
                        name = model_outputs["generator"].iloc[0]
                    except Exception:
                        name = "Current model"
                return name
        """, note="near miss: a display name, not a grade"),
        valid("""
            def split_gold(x):
                words, freqs = [], []
                for part in x.split("::"):
                    word, count = part.split("$$")
                    words.append(word)
                    try:
                        freqs.append(int(count))
                    except ValueError:
                        freqs.append(0)
                return words, freqs
        """, note="near miss: the pieces of one gold string, not items of a data set"),
        invalid({
            "judging.py": """\
                import json
                def parse_score(judge_raw):
                    try:
                        return float(json.loads(judge_raw)["score"])
                    except Exception:  # expect: DATA001
                        return None
                """,
            "analysis.py": """\
                import pandas as pd
                from judging import parse_score
                df = pd.read_json("judged.jsonl", lines=True)
                df["score"] = df["judge_raw"].apply(parse_score)
                print(df.groupby("model")["score"].mean())
                """,
        }, note="the Nones become NaN and the pandas mean skips them"),
        valid({
            "judging.py": """\
                import json
                def parse_score(judge_raw):
                    try:
                        return float(json.loads(judge_raw)["score"])
                    except Exception:
                        return None
                """,
            "analysis.py": """\
                import pandas as pd
                from judging import parse_score
                df = pd.read_json("judged.jsonl", lines=True)
                df["score"] = df["judge_raw"].apply(parse_score)
                print("unparsed:", df["score"].isna().sum())
                print(df.groupby("model")["score"].mean())
                """,
        }, note="near miss: the unparsed judgements are counted"),
        invalid({
            "grading.py": """\
                import json
                def grade_reply(judge, reply):
                    try:
                        out = judge.chat.completions.create(model="m", messages=[{"role": "user", "content": reply}])
                        return json.loads(out.choices[0].message.content)["score"]
                    except Exception:  # expect: DATA001
                        return None
                """,
            "main.py": """\
                from grading import grade_reply
                def run(judge, replies):
                    scores = []
                    for reply in replies:
                        s = grade_reply(judge, reply)
                        if s is None:
                            continue
                        scores.append(s)
                    return sum(scores) / len(scores)
                """,
        }, note="the caller skips the Nones in its loop and divides by what is left"),
        valid({
            "grading.py": """\
                import json
                def grade_reply(judge, reply):
                    try:
                        out = judge.chat.completions.create(model="m", messages=[{"role": "user", "content": reply}])
                        return json.loads(out.choices[0].message.content)["score"]
                    except Exception:
                        return None
                """,
            "main.py": """\
                from grading import grade_reply
                def run(judge, replies):
                    scores, n_failed = [], 0
                    for reply in replies:
                        s = grade_reply(judge, reply)
                        if s is None:
                            n_failed += 1
                            continue
                        scores.append(s)
                    return {"mean": sum(scores) / len(scores), "n_failed": n_failed}
                """,
        }, note="near miss: the skipped items are counted and returned"),
        invalid("""
            import anthropic
            client = anthropic.Anthropic()
            def collect(prompts):
                rows = []
                for i, p in enumerate(prompts):
                    try:
                        msg = client.messages.create(model="m", max_tokens=300, messages=[{"role": "user", "content": p}])
                        rows.append({"id": i, "response": msg.content[0].text})
                    except anthropic.APIError as e:  # expect: DATA001
                        rows.append({"id": i, "response": f"ERROR: {e}"})
                return rows
        """, note="the error message is stored in the response field"),
        invalid("""
            import json
            from inspect_ai.model import get_model
            from inspect_ai.scorer import Score
            async def score(state, target):
                grader = get_model("openai/gpt-4o")
                result = await grader.generate(state.output.completion)
                try:
                    return Score(value=float(json.loads(result.completion)["score"]))
                except json.JSONDecodeError:  # expect: DATA001
                    return Score(value=0)
        """, note="an inspect-style scorer: a grader reply that is not JSON scores 0"),
        valid("""
            import json
            from inspect_ai.model import get_model
            from inspect_ai.scorer import Score
            async def score(state, target):
                grader = get_model("openai/gpt-4o")
                result = await grader.generate(state.output.completion)
                try:
                    return Score(value=float(json.loads(result.completion)["score"]))
                except json.JSONDecodeError:
                    return Score(value=0, answer="UNPARSED", explanation="grader reply was not JSON")
        """, note="near miss: the score says it is a parse failure"),
        valid("""
            import json
            def score(predicted, gold):
                try:
                    calls = json.loads(predicted)
                except json.JSONDecodeError:
                    return False
                return calls == json.loads(gold)

            def run_tests(func, tests, results):
                for idx, test in enumerate(tests):
                    try:
                        exec(test, {})
                        results[idx] = 1
                    except Exception:
                        results[idx] = 0

            def apply_overrides(overrides, out):
                for prefix, cfg in overrides.items():
                    try:
                        out[prefix] = float(cfg["weight"])
                    except (KeyError, ValueError):
                        continue
        """, note="near misses: an unparsable prediction scored wrong against gold; a failing test is a 0; config entries"),
        invalid("""
            def generate_answers(model, tokenizer, questions):
                answers = []
                for question in questions:
                    try:
                        output_ids = model.generate(tokenizer(question).input_ids, do_sample=False, max_new_tokens=512)
                        output = tokenizer.decode(output_ids[0])
                    except RuntimeError as e:  # expect: DATA001
                        output = "ERROR"
                    answers.append({"question_id": question["id"], "output": output})
                return answers
        """, note="FastChat MT-bench (held out): a CUDA error becomes the answer 'ERROR', which the judge then grades"),
        invalid("""
            from openai import OpenAI
            client = OpenAI()
            def run(questions):
                graded = []
                for q in questions:
                    try:
                        out = client.chat.completions.create(model="m", messages=[{"role": "user", "content": q["text"]}])
                        pred = out.choices[0].message.content.strip()
                    except Exception:  # expect: DATA001
                        pred = None
                    if pred is None:
                        continue
                    graded.append(pred == q["gold"])
                return sum(graded) / len(graded)
        """, note="the failure becomes None, and the loop skips it a few lines later"),
        valid("""
            import seaborn as sns
            def show(items, ec_names, rows):
                mapping = {}
                for row in rows:
                    try:
                        mapping[row.key] = row.name
                    except TypeError:
                        continue
                counter = 0
                for item in items:
                    try:
                        sns.heatmap(item["contributions"])
                        counter += 1
                    except ValueError:
                        continue
        """, note="near misses (proteinfer, held out): a bare store cannot fail on an item; a loop that only counts plots"),
        invalid("""
            import json, logging
            log = logging.getLogger("judge")
            class RubricJudge:
                def parse_judgement(self, judge_reply):
                    try:
                        obj = json.loads(judge_reply)
                        return obj["rationale"], float(obj["rating"])
                    except (KeyError, ValueError):  # expect: DATA001
                        log.warning("unreadable judgement: %s", judge_reply)
                        return judge_reply, 0.0
        """, note="a method: logged, but an unreadable judgement still scores 0.0 like a real one"),
        valid("""
            import json, logging
            log = logging.getLogger("judge")
            class RubricJudge:
                def parse_judgement(self, judge_reply):
                    try:
                        obj = json.loads(judge_reply)
                        return obj["rationale"], float(obj["rating"])
                    except (KeyError, ValueError):
                        log.warning("unreadable judgement: %s", judge_reply)
                        return judge_reply, None
        """, note="near miss: the failure is None, which the caller can count"),
        invalid("""
            import sympy
            def same_value(a, b):
                try:
                    return sympy.simplify(sympy.sympify(a) - sympy.sympify(b)) == 0
                except sympy.SympifyError:  # expect: DATA001
                    return False
        """, note="an equivalence check parses both answers: two identical strings it cannot parse are 'different'"),
        valid("""
            import sympy
            def same_value(a, b):
                if a.strip() == b.strip():
                    return True
                try:
                    return sympy.simplify(sympy.sympify(a) - sympy.sympify(b)) == 0
                except sympy.SympifyError:
                    return False

            def same_number(pred, gold):
                try:
                    return abs(float(pred) - float(gold)) < 1e-6
                except ValueError:
                    return False

            def parse_answer_equal(x1, x2):
                try:
                    return sympy.simplify(sympy.sympify(x1) - sympy.sympify(x2)) == 0
                except sympy.SympifyError:
                    return False

            def process(answer, gold):
                return int(answer.strip() == gold.strip() or parse_answer_equal(answer, gold))
        """, note="near misses: the strings are compared first (in the function, or by the caller); a numeric check"),
        invalid("""
            import statistics
            def run_suite(tasks, run_task, log):
                scores = []
                for task in tasks:
                    try:
                        scores.append(run_task(task))
                    except Exception as exc:  # expect: DATA001
                        log.error("task %s failed: %s", task, exc)
                        continue
                return statistics.mean(scores) if scores else 0.0
        """, note="failures logged and skipped, and a suite where every task failed reports 0.0"),
        valid("""
            import statistics
            def run_suite(tasks, run_task, log):
                scores = []
                for task in tasks:
                    try:
                        scores.append(run_task(task))
                    except Exception as exc:
                        log.error("task %s failed: %s", task, exc)
                        continue
                return statistics.mean(scores) if scores else float("nan")
        """, note="near miss: the empty suite is NaN, never a score"),
        invalid("""
            import json
            async def evaluate(agent, episodes):
                rewards = []
                for ep in episodes:
                    try:
                        rewards.append(await agent.run(json.loads(ep)))
                    except Exception:  # expect: DATA001
                        continue
                if not rewards:
                    return {"success_rate": 0.0}
                return {"success_rate": sum(rewards) / len(rewards)}
        """, note="async: failed episodes vanish, and if all failed the success rate is 0.0"),
        valid("""
            import json
            async def evaluate(agent, episodes):
                rewards, failed = [], 0
                for ep in episodes:
                    try:
                        rewards.append(await agent.run(json.loads(ep)))
                    except Exception:
                        failed += 1
                        continue
                if not rewards:
                    return {"success_rate": None, "failed": failed}
                return {"success_rate": sum(rewards) / len(rewards), "failed": failed}
        """, note="near miss: failures counted, and an all-failed run has no success rate"),
        valid("""
            import numpy as np
            import pandas as pd
            def load_runs(paths):
                frame = pd.concat([pd.read_pickle(p) for p in paths])
                for column in frame.keys():
                    try:
                        frame[column] = frame[column].astype(np.float64)
                    except ValueError:
                        continue
                return frame
        """, note="near miss (held-out 10): a best-effort cast in place; a column that fails keeps its values, "
                  "nothing is dropped"),
        invalid("""
            import numpy as np
            def load_scores(records):
                scores = []
                for record in records:
                    try:
                        scores.append(float(record["score"]))
                    except ValueError:  # expect: DATA001
                        continue
                return np.mean(scores)
        """, note="the twin: the converted value is collected, so a failure drops the record"),
        valid("""
            import os
            def removed_counts(base, total):
                counts = {}
                for folder in sorted(os.listdir(base)):
                    lines = open(os.path.join(base, folder, "out.log")).readlines()
                    try:
                        kept = int([z for z in lines if "Train size" in z][0].split()[-1])
                        removed = total - kept
                    except IndexError:
                        # Train size is not printed if nothing is removed.
                        removed = 0
                    counts[folder] = removed
                return counts
        """, note="near miss (held-out 10): the handler's comment says when the exception is the normal case; "
                  "a checklist question, not a finding"),
        invalid("""
            import os
            def removed_counts(base, total):
                counts = {}
                for folder in sorted(os.listdir(base)):
                    lines = open(os.path.join(base, folder, "out.log")).readlines()
                    try:
                        kept = int([z for z in lines if "Train size" in z][0].split()[-1])
                        removed = total - kept
                    except IndexError:  # expect: DATA001
                        # no size: skip the bad log
                        removed = 0
                    counts[folder] = removed
                return counts
        """, note="the twin: the comment names the swallow without saying when it is expected"),
        invalid("""
            from pydantic import ValidationError
            from together import Together
            from schema import Verdict
            client = Together()

            def classify(claim):
                out = client.chat.completions.create(model="m", messages=[{"role": "user", "content": claim}])
                raw = out.choices[0].message.content
                try:
                    return Verdict.model_validate_json(raw)
                except ValidationError:  # expect: DATA001
                    return Verdict(label="unsupported", rationale=raw)
        """, note="probe 12: a reply that fails the pydantic response model becomes the negative class"),
        valid("""
            from pydantic import ValidationError
            from together import Together
            from schema import Verdict
            client = Together()

            def classify(claim):
                out = client.chat.completions.create(model="m", messages=[{"role": "user", "content": claim}])
                raw = out.choices[0].message.content
                try:
                    return Verdict.model_validate_json(raw)
                except ValidationError:
                    return None
        """, note="the twin: the caller can count the replies that failed validation"),
        invalid("""
            import jsonlines

            n = ok = 0
            with jsonlines.open("outputs/generations.jsonl") as reader:
                for rec in reader.iter(type=dict, skip_invalid=True):  # expect: DATA001
                    n += 1
                    ok += passes(rec["completion"], rec["test"])
            print(f"pass@1 = {ok / n:.3f}")
        """, note="probe 12: the reader skips malformed lines inside the library, uncounted"),
        valid("""
            import jsonlines

            n = ok = 0
            with jsonlines.open("outputs/generations.jsonl") as reader:
                for rec in reader.iter(type=dict):
                    n += 1
                    ok += passes(rec["completion"], rec["test"])
            print(f"pass@1 = {ok / n:.3f}")
        """, note="the twin: a malformed line raises"),
        invalid("""
            import pandas as pd
            df = pd.read_csv("outputs/judgements.csv", on_bad_lines="skip")  # expect: DATA001
            print(df["score"].mean())
        """, note="pandas told to skip the rows it cannot parse"),
        valid("""
            import pandas as pd
            df = pd.read_csv("outputs/judgements.csv", on_bad_lines="error")
            print(df["score"].mean())
        """, note="near miss: bad rows raise"),
        valid({"recs.ipynb": notebook(
            "import pandas as pd\nnames = ['item_id', 'name', 'date']\n"
            "movies = pd.read_csv('data/u.item', sep='|', names=names, on_bad_lines='skip')",
            "movies = movies[['item_id', 'name']]",
            "movies.head()",
            "movies.loc[movies['item_id'] == 99]",
        )}, note="corpus (a recommender notebook): a lookup table of titles only shown next to recommended ids; "
                  "no number is computed from its rows"),
        invalid({"recs.ipynb": notebook(
            "import pandas as pd\nnames = ['item_id', 'name', 'date']\n"
            "movies = pd.read_csv('data/u.item', sep='|', names=names, on_bad_lines='skip')  # expect: DATA001",
            "movies = movies[['item_id', 'name']]",
            "movies.head()",
            "print(len(movies), 'items in the catalogue')",
        )}, note="the twin: its rows are counted"),
        invalid({
            "query.py": """\
                import sys
                import anthropic
                client = anthropic.Anthropic()

                def ask(prompt, model):
                    try:
                        msg = client.messages.create(model=model, max_tokens=300,
                                                     messages=[{"role": "user", "content": prompt}])
                        return msg.content[0].text
                    except anthropic.APIError as err:  # expect: DATA001
                        print("api error", err, file=sys.stderr)
                        return ""
                """,
            "score.py": """\
                MARKERS = ("I can't", "I cannot", "I'm sorry")

                def is_refusal(text):
                    return not text.strip() or any(m in text for m in MARKERS)
                """,
        }, note="an API error becomes an empty reply, printed and then counted as a refusal by a classifier that "
                "calls every empty reply a refusal"),
        valid({
            "query.py": """\
                import sys
                import anthropic
                client = anthropic.Anthropic()

                def ask(prompt, model):
                    try:
                        msg = client.messages.create(model=model, max_tokens=300,
                                                     messages=[{"role": "user", "content": prompt}])
                        return msg.content[0].text
                    except anthropic.APIError as err:
                        print("api error", err, file=sys.stderr)
                        return ""
                """,
            "score.py": """\
                MARKERS = ("I can't", "I cannot", "I'm sorry")

                def is_refusal(text):
                    if not text.strip():
                        return "empty"
                    return any(m in text for m in MARKERS)
                """,
        }, note="near miss: the classifier gives empty replies a class of their own, which can be counted"),
        valid("""
            import logging
            from openai import OpenAI
            client = OpenAI()
            log = logging.getLogger(__name__)

            def answer(question):
                try:
                    out = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
                    return out.choices[0].message.content
                except Exception as err:
                    log.warning("request failed: %s", err)
                    return ""

            def exact_match(reply, gold):
                return reply.strip() == gold.strip()
        """, note="near miss: a logged failure becomes an empty reply, but nothing classifies empty replies as a class"),
        valid("""
            import torch.nn as nn

            def first_block_inputs(net, batches):
                seen, labels = [], []

                class Recorder(nn.Module):
                    def __init__(self, inner):
                        super().__init__()
                        self.inner = inner

                    def forward(self, hidden, **extra):
                        seen.append(hidden)
                        raise RuntimeError

                net.blocks[0] = Recorder(net.blocks[0])
                for batch in batches:
                    try:
                        labels.append(batch["label"])
                        net(batch["data"])
                    except RuntimeError:
                        pass
                net.blocks[0] = net.blocks[0].inner
                return seen, labels
        """, note="near miss (held-out 25): the pruning code's catcher idiom: a module records its input and always "
                  "raises to stop the forward pass; `except RuntimeError: pass` is the designed exit"),
        invalid("""
            import torch.nn as nn

            def first_block_inputs(net, batches):
                seen, labels = [], []

                class Recorder(nn.Module):
                    def __init__(self, inner):
                        super().__init__()
                        self.inner = inner

                    def forward(self, hidden, **extra):
                        if hidden.dim() != 3:
                            raise RuntimeError("bad batch")
                        seen.append(hidden)
                        return self.inner(hidden, **extra)

                net.blocks[0] = Recorder(net.blocks[0])
                for batch in batches:
                    try:
                        labels.append(batch["label"])
                        net(batch["data"])
                    except RuntimeError:  # expect: DATA001
                        pass
                return seen, labels
        """, note="the twin: the module raises only on a bad batch, which the handler then drops without a trace"),
        invalid("""
            import logging
            log = logging.getLogger(__name__)

            def reject(row):
                log.debug("rejecting %s", row["id"])
                raise ValueError(f"unusable row {row['id']}")

            def load(rows):
                kept = []
                for row in rows:
                    try:
                        if not row["text"]:
                            reject(row)
                        kept.append(parse(row["text"]))
                    except ValueError:  # expect: DATA001
                        pass
                return kept
        """, note="near miss of the catcher: a helper that always raises, but to report a failed row, with its reason"),
        invalid("""
            def check(row):
                \"\"\"Rows of the old format are not supported.\"\"\"
                raise ValueError

            def load(rows):
                kept = []
                for row in rows:
                    try:
                        if row.get("version") == 1:
                            check(row)
                        kept.append(parse(row["text"]))
                    except ValueError:  # expect: DATA001
                        pass
                return kept
        """, note="near miss of the catcher: a stub with only a docstring before its raise records nothing"),
        valid("""
            def bold_best(row, sizes=(16, 32)):
                best = {s: row[[c for c in row.index if c.startswith(f"{s}_")]].max() for s in sizes}
                styles = []
                for col in row.index:
                    try:
                        size = int(col.split("_")[0])
                        styles.append("font-weight: bold" if row[col] == best[size] else "")
                    except Exception:
                        styles.append("")
                return styles

            styled = table.style.apply(bold_best, axis=1)
        """, note="held-out set 27: a pandas Styler helper; the default is an empty CSS style, no number is dropped"),
        invalid("""
            def best_scores(row, sizes=(16, 32)):
                best = {s: row[[c for c in row.index if c.startswith(f"{s}_")]].max() for s in sizes}
                gaps = []
                for col in row.index:
                    try:
                        size = int(col.split("_")[0])
                        gaps.append(best[size] - float(row[col]))
                    except Exception:  # expect: DATA001
                        gaps.append(0.0)
                return gaps
        """, note="the twin: the same loop computes numbers, and a failure becomes a gap of 0"),
        valid("""
            def train(model, train_loader, val_loader, optimizer, writer, epochs):
                for epoch in range(epochs):
                    for batch in train_loader:
                        optimizer.zero_grad()
                        model.loss(batch).backward()
                        optimizer.step()
                    val_loss, n = 0.0, 0
                    for i, batch in enumerate(val_loader):
                        try:
                            val_loss += model.loss(batch).item()
                            n += 1
                        except:
                            continue
                    writer.add_scalar("eval/loss", val_loss / n, epoch)
        """, note="corpus (StyleTTS2): batches skipped in a validation pass inside the epoch loop, whose mean is a "
                  "training curve's point: a checklist question, not a finding"),
        invalid("""
            def evaluate(model, test_loader):
                total, n = 0.0, 0
                for i, batch in enumerate(test_loader):
                    try:
                        total += model.loss(batch).item()
                        n += 1
                    except:  # expect: DATA001
                        continue
                return total / n
        """, note="the twin: the same skip in a final evaluation outside any training loop"),
        valid("""
            import json


            async def draft_statements(prompts, ask, stricter, placeholder, tries=4):
                waiting = list(range(len(prompts)))
                asked = dict(enumerate(prompts))
                accepted, seen = {}, set()
                round_no = 0
                while waiting and round_no < tries:
                    outputs = await ask([asked[i] for i in waiting])
                    again = []
                    for position, output in enumerate(outputs):
                        slot = waiting[position]
                        try:
                            record = json.loads(output)
                            if record.get("claim") and record["claim"] not in seen:
                                seen.add(record["claim"])
                                accepted[slot] = record["claim"]
                                continue
                        except Exception:
                            pass
                        asked[slot] = stricter(prompts[slot], round_no)
                        again.append(slot)
                    waiting = again
                    round_no += 1
                for slot in range(len(prompts)):
                    accepted.setdefault(slot, placeholder(prompts[slot]))
                return accepted
        """, note='held-out set 29: `except: pass` falls through to the retry path (the item is asked again with a stricter prompt and re-queued for the `while` loop, a placeholder after the last try): nothing is dropped'),
        invalid("""
            import json


            async def draft_statements(prompts, ask, stricter, tries=4):
                waiting = list(range(len(prompts)))
                asked = dict(enumerate(prompts))
                accepted, seen = {}, set()
                round_no = 0
                while waiting and round_no < tries:
                    outputs = await ask([asked[i] for i in waiting])
                    again = []
                    for position, output in enumerate(outputs):
                        slot = waiting[position]
                        try:
                            record = json.loads(output)
                            if record.get("claim") and record["claim"] not in seen:
                                seen.add(record["claim"])
                                accepted[slot] = record["claim"]
                            else:
                                asked[slot] = stricter(prompts[slot], round_no)
                                again.append(slot)
                        except Exception:  # expect: DATA001
                            pass
                    waiting = again
                    round_no += 1
                return accepted
        """, note='the twin: only an unusable reply is re-queued; a reply that is not JSON falls through to nothing and is gone'),
        valid("""
            import pandas as pd


            def agreement_by_round(labels, rater_pairs):
                points = []
                for rnd in sorted(labels["round"].unique()):
                    part = labels[labels["round"] == rnd]
                    for pair in rater_pairs:
                        a = part[part["rater"] == pair[0]]["label"].reset_index(drop=True)
                        b = part[part["rater"] == pair[1]]["label"].reset_index(drop=True)
                        if len(a) < 2 or len(b) < 2 or len(a) != len(b):
                            continue
                        try:
                            rate = (a == b).mean()
                            points.append({"round": rnd, "pair": "/".join(pair), "agreement": rate})
                        except ValueError:
                            continue
                return pd.DataFrame(points)
        """, note='held-out set 29: the only error the comparison raises (unequal lengths, misaligned labels) is excluded by the guard just before the try: it cannot fail on its inputs'),
        invalid("""
            import pandas as pd


            def agreement_by_round(labels, rater_pairs):
                points = []
                for rnd in sorted(labels["round"].unique()):
                    part = labels[labels["round"] == rnd]
                    for pair in rater_pairs:
                        a = part[part["rater"] == pair[0]]["label"]
                        b = part[part["rater"] == pair[1]]["label"]
                        if len(a) < 2:
                            continue
                        try:
                            rate = (a == b).mean()
                            points.append({"round": rnd, "pair": "/".join(pair), "agreement": rate})
                        except ValueError:  # expect: DATA001
                            continue
                return pd.DataFrame(points)
        """, note='the twin: no length check and no index reset before the comparison, so the handler does drop pairs'),
        valid("""
            import json


            def find_session(wanted, log_lines):
                events = []
                for line in log_lines:
                    try:
                        event = json.loads(line)
                        if "session" in event and "step" in event:
                            events.append(event)
                    except json.JSONDecodeError:
                        continue
                events.sort(key=lambda e: (e["session"], e["step"]))
                for event in events:
                    if event["session"] == wanted["session"] and event.get("kind") == wanted["kind"]:
                        return event
                return None
        """, note="held-out set 29: a log's lines parsed to search one record (returned, or None when absent): a line that is not JSON is no evaluated item and no rate is computed"),
        invalid("""
            import json


            def solved_rate(log_lines):
                events = []
                for line in log_lines:
                    try:
                        event = json.loads(line)
                        if "session" in event and "solved" in event:
                            events.append(event)
                    except json.JSONDecodeError:  # expect: DATA001
                        continue
                return sum(e["solved"] for e in events) / len(events)
        """, note='the twin: the same parsing loop feeds a rate, whose denominator loses the unreadable lines'),
        valid("""
            import json

            import requests
            from bs4 import BeautifulSoup


            def parse_listing(listing_id):
                page = BeautifulSoup(requests.get(f"https://shop.example/{listing_id}").content, "html.parser")
                listing = {"id": listing_id}
                listing["name"] = page.find("h2").text.strip()
                variants, swatches = {}, {}
                try:
                    for group in page.find("div", {"id": "variant-groups"}).find_all("fieldset"):
                        label = json.loads(group["data-config"])["label"]
                        variants[label] = [tag.text for tag in group.find_all("span")]
                except AttributeError:
                    variants = {}
                listing["variants"], listing["swatches"] = variants, swatches
                return listing
        """, note="held-out set 30: a scraped page without variant elements: the empty container the try fills in a loop is "
                  "one optional field of a record that is still built and returned, not an item lost or a score defaulted"),
        invalid("""
            def parse_ratings(reply):
                ratings = {}
                try:
                    for line in reply.splitlines():
                        key, value = line.split(":")
                        ratings[key.strip()] = float(value)
                except ValueError:  # expect: DATA001
                    ratings = {}
                return ratings
        """, note="the twin: the container filled from a judge's reply is the function's whole result: an unreadable reply "
                  "becomes no ratings"),
        invalid("""
            def parse_judgement(item_id, reply):
                record = {"id": item_id, "judge": "gpt-4"}
                scores = {}
                try:
                    for line in reply.splitlines():
                        key, value = line.split(":")
                        scores[key.strip()] = float(value)
                except ValueError:  # expect: DATA001
                    scores = {}
                record["scores"] = scores
                return record
        """, note="the twin: the record's emptied field holds the scores parsed from a judge's reply, not an optional part"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        Rule.__init__(self, ctx)
        # Where a caller drops the Nones a swallow returns, and whether it counts them.
        self.rows = shared_rows(ctx, self)
        self.walkers = (self.rows,)  # walked just before this rule's own visits
        self.markers: set[str] = set()
        self.applied: set[str] = set()  # functions mapped over a column: their Nones become NaN
        self.loop_filters: list[tuple[dict, object]] = []
        self.comp_filters: list[tuple[dict, object, set[str]]] = []
        self.param_filters: list[dict] = []  # None filters over a function's first parameter (a batch)
        self.gathered: dict[str, str] = {}  # a name holding the results of one function over the items
        self.compared: set[str] = set()  # literals compared with and keys read: notes someone counts
        self.handled: set[int] = set()  # handlers reported with their guarded mean or their function; tries reported
        self.means_searched: set[int] = set()  # scopes searched for the empty-means shape

    def _stop_signals(self) -> frozenset[str]:
        """Exceptions this file raises on purpose to stop a pass: a function that does its work and then always
        raises (`def forward(self, x): inputs.append(x); raise ValueError`, the Catcher of Wanda/SparseGPT that
        records the first layer's input and stops the forward pass). Catching one is control flow."""
        found = self.ctx.memo.get("DATA001_stop_signals")
        if found is None:
            found = self.ctx.memo["DATA001_stop_signals"] = frozenset(
                name for n in iter_nodes(self.ctx.module) if isinstance(n, cst.FunctionDef)
                if (name := _raised_at_end(n)) is not None) if self.ctx.module is not None else frozenset()
        return found

    def _empty_means_around(self, handler: cst.ExceptHandler) -> None:
        """The empty-means shape of the function (or module) around `handler`, looked for once per
        scope, at its first handler that skips an item: every handler the shape reports is one,
        so scopes without one are not searched (issue 12: searching every function cost a tenth
        of this rule's walk)."""
        if not skips_item(handler):
            return
        scope = next((p for p in reversed(self.ctx.parents) if p.__class__ in _MEANS_SCOPES), None)
        if scope is None or scope.__class__ is cst.ClassDef or scope.__class__ is cst.Lambda \
                or id(scope) in self.means_searched:
            return
        self.means_searched.add(id(scope))
        self._empty_means(scope)

    def _empty_means(self, scope: cst.CSTNode) -> None:
        """`except Exception: log(...); continue` in a loop that collects `results`, then
        `np.mean(results) if results else 0`: a run where every item failed reports a score of 0."""
        for handler, loop, ifexp, constant in empty_means(scope):
            self.handled.add(id(handler))
            over = f"in the loop over `{self.ctx.code(loop.iter)}`" if isinstance(loop, cst.For) else "in a `while` loop"
            code = (" ".join(self.ctx.code(ifexp).split()).strip("() ") if isinstance(ifexp, cst.IfExp) else
                    f"if {self.ctx.code(ifexp.test)}: {' '.join(self.ctx.code(ifexp.body).split())}")
            self.report(handler, message=TOLD_MESSAGE, handler=_handler_text(self.ctx, handler), where_in=over,
                        action="skips the failed item, at most logging it",
                        consequence=f"`{code[:70]}` then reports {constant} when every item failed, as if it were a "
                                    "measured score", related=[Location(self.ctx.path, self.ctx.line_of(ifexp),
                                                                        "the empty case becomes a score here")])

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        self._empty_means_around(node)
        types = _caught(node)
        if types and all(t in BENIGN for t in types):
            return
        if types and all(t in BENIGN or t in self._stop_signals() for t in types):
            return  # the repository's own code raises it on purpose to stop a pass (the pruning code's Catcher)
        parents = self.ctx.parents
        try_node = parents[-1] if parents else None
        if not isinstance(try_node, cst.Try):
            return
        if _cleanup_only(try_node) or _runs_code(try_node):
            return  # cleanup; or the try runs the code under test, whose exception is the measured outcome
        function = self.ctx.names.function
        if id(node) in self.handled:
            return
        if function is not None and _display_styles(function):
            return  # a pandas Styler helper: the default is an empty CSS style, no number is computed or dropped
        if function is not None and equivalence_parse(function, node, try_node) and not re.search(
                rf"==[^\n]*\bor\s+(\w+\.)?{function.name.value}\(", self.ctx.text):  # `a == b or is_equiv(a, b)`
            self.handled.update(id(h) for n in iter_nodes(function.body) if isinstance(n, cst.Try) for h in n.handlers)
            self.report(node, message=TOLD_MESSAGE, handler=_handler_text(self.ctx, node),
                        where_in=f"in `{function.name.value}`", action="returns False when either operand cannot be parsed",
                        consequence="an answer identical to the reference is graded wrong whenever the parser cannot "
                                    "read it, since nothing compares the two as written first")
            return
        model = self._model_call_in(try_node)
        scored = logged_score(node)
        if scored is not None and function is not None and _enclosing_loop(parents) is None and (
                model is not None or _parses(try_node)) and self._grading(function) and not _validity_check(function, scored):
            self.report(node, message=TOLD_MESSAGE, handler=_handler_text(self.ctx, node),
                        where_in=f"in `{function.name.value}`", action=f"logs the failure and returns the score {scored}",
                        consequence=f"an output it cannot read is scored {scored} like a real answer, and a log line "
                                    "is no count in the results")
            return
        vector = logged_vector(node)
        if vector is not None and function is not None and (model is not None or any(
                c in TEXT_PARSES for c in _calls(try_node))) and (
                self._grading(function) or PREDICT_NAME.search(function.name.value)):
            self.report(node, message=TOLD_MESSAGE, handler=_handler_text(self.ctx, node),
                        where_in=f"in `{function.name.value}`", action=f"returns a constant `{vector}` vector",
                        consequence="an output it cannot parse becomes a prediction of all the same value that is "
                                    "scored or correlated like a real one, and nothing counts how many there were")
            return
        verdict = _class_given_to_failure(node, function) if model is not None and function is not None else None
        if verdict is not None and id(try_node) not in self.handled:
            # `return {"refused": True, "text": ""}` / `return "refusal"` on an API error, where the successful reply
            # gets the same field computed (`is_refusal(text)`) or a choice between that label and another
            self.handled.add(id(try_node))
            self.report(node, message=TOLD_MESSAGE, handler=_handler_text(self.ctx, node), where_in=f"around `{model}`",
                        action=f"returns `{verdict}`",
                        consequence="the successful replies get that verdict computed, so a failed request (a rate limit, "
                                    "a timeout) is counted as that class, and nothing marks it as a failure")
            return
        if model is not None:
            reply = _error_reply(node, try_node, function or self.ctx.module)
            if reply is not None:  # the failure becomes text in the reply channel, judged like a reply
                self._candidate("error_reply", node, model=model, marker=reply)
                return
            given_up = _error_after_retries(node, try_node, parents)
            if given_up is not None:  # the retries ran out: the reply is an error string, judged like a reply
                self._candidate("error_reply", node, model=model, marker=given_up[1], at=given_up[0])
                return
        if function is not None and _returns_none(node) and (model is not None or _loads(try_node) or (
                _parses(try_node) and self._grading(function))):
            store = _stores_after(function, try_node) if id(try_node) not in self.handled else None
            if store is not None:
                # a worker run per item (`nursery.start_soon(worker, ..., item, results)`) that writes its
                # item's result into a container it was handed: the early return writes nothing
                self.handled.add(id(try_node))
                self.report(node, handler="except" + (f" {self.ctx.code(node.type)}" if node.type is not None else ""),
                            where_in=f"in `{function.name.value}`", action=f"returns before the item's result is stored in `{store}`",
                            consequence="a failed item never reaches the collected results, and whatever is computed from "
                                        "them covers only the items that succeeded")
                return
            self._candidate("none", node, model=model or "", function=function.name.value)
            return
        marked = _marked_result(node, try_node)
        if marked is not None and function is not None and _enclosing_loop(parents) is None and (
                model is not None or _parses(try_node)) and self._grading(function):
            record, key, marker = marked  # `return {"harm": 0, "reason": "unparsed"}`: a grade, and a note
            self._candidate("marked_score", node, function=function.name.value, key=key, marker=marker,
                            value=" ".join(self.ctx.code(record).split())[:60])
            return
        own_class = _success_class(node, try_node) if model is not None else None
        if own_class is not None and id(try_node) not in self.handled:
            # `labels.append("refused" if ... else "complied")`, and on an API error `labels.append("refused")`
            self.handled.add(id(try_node))
            handler = "except" + (f" {self.ctx.code(node.type)}" if node.type is not None else "")
            self.report(node, message=TOLD_MESSAGE, handler=handler, where_in=f"around `{model}`",
                        action=f"records the failure as {own_class}",
                        consequence=f"{own_class} is one of the classes the successful replies are sorted into, so failed "
                                    "requests are counted as that class (an API error scored as a refusal)")
            return
        kept = _marked_record(node) if model is not None else None
        if kept is not None:
            record, key, marker = kept  # `records.append({"refused": True, "error": str(e)})` around a model call
            self._candidate("marked_score", node, function=function.name.value if function is not None else "the loop",
                            key=key, marker=marker, value=" ".join(self.ctx.code(record).split())[:60])
            return
        action = _swallow(node) or _none_then_skipped(node, try_node, parents)
        if action is None:
            if model is not None and function is not None and logged_empty_reply(node):
                # logged, but the empty reply is still a reply: the repo phase reports it when a
                # classifier of replies counts an empty one as a class (`not text.strip() or ...`)
                self._candidate("empty_reply", node, model=model, function=function.name.value)
            return
        kind, value = action
        if kind in ("continue", "pass") and _updates_in_place(self.ctx, try_node):
            return  # `d[k] = d[k].astype(float)`: a failure leaves the item as it was, nothing is dropped
        if kind == "default" and _load_or_create(try_node, node):
            return  # `try: log = np.load(path) except: log = {}`: the first run starts an empty log, no item fails
        if kind == "default" and function is not None and model is None and not any(
                isinstance(n, cst.Call) and calls_model(self.ctx, n) for n in iter_nodes(function.body)) \
                and _optional_part(try_node, node, function, parents):
            return  # a scraped page without option elements: one optional field of a kept record is empty
        where_in = self._where(try_node, parents, kind, value)
        if where_in is None:
            return
        if id(try_node) in self.handled:
            return  # `except KeyError: continue` then `except IndexError: continue`: one try, one decision
        self.handled.add(id(try_node))
        handler = "except" + (f" {self.ctx.code(node.type)}" if node.type is not None else "")
        said = _handler_comment(node)
        ask = f"the handler's comment says the failure is an expected case: \"{said}\"" if said else input_skip(
            self.ctx.code, _enclosing_loop(parents), try_node, types, parents, function,
            self._model_call_in(try_node), _loads(try_node))  # hygiene.analysis.swallow_evidence
        if not ask and kind == "default" and not self._model_call_in(try_node):
            ask = default_uncollected(node, _enclosing_loop(parents))
        if not ask and kind == "default" and _reward_target(node):
            ask = ("the failure becomes a reinforcement-learning reward (a failed execution rewarded 0 is how such "
                   "rewards are designed): noise in training, not an evaluation's number; is it also reported?")
        if not ask and kind in ("continue", "pass") and _key_index(try_node, function or self.ctx.module):
            ask = ("the loop only gathers keys into a set (what is already done, to resume): a line it cannot read "
                   "is work done again, not an item lost from a result; is the set used for anything else?")
        if not ask and _validation_pass(parents, _enclosing_loop(parents)):
            ask = ("the skipped items are a validation pass inside the epoch loop (a progress number of training); "
                   "is a reported number computed from it?")
        self.report(node, handler=handler, where_in=where_in, action=_ACTIONS[kind].format(value=value),
                    consequence=_CONSEQUENCES[kind], extra={"ask": ask} if ask else None)

    def visit_BooleanOperation(self, node: cst.BooleanOperation) -> None:
        """`resp.choices[0].message.content or ""`: a reply without text (content None: an output the API
        filtered, a tool call) becomes an empty reply; reported when a classifier counts empty replies."""
        right, left = node.right, node.left
        if not isinstance(node.operator, cst.Or) or not (isinstance(right, cst.SimpleString) and right.evaluated_value == ""):
            return
        if not (isinstance(left, cst.Attribute) and left.attr.value in ("content", "text", "output_text")
                and REPLY_CHAIN.search(self.ctx.code(left.value))):
            return
        self._candidate("none_reply", node, handler=self.ctx.code(node), model="", function="")

    def visit_With(self, node: cst.With) -> None:
        """`with contextlib.suppress(Exception):` around an item's work is `except Exception: pass`."""
        caught = _suppressed(node)
        if caught is None or (caught and all(t in BENIGN for t in caught)) or id(node) in self.handled:
            return
        where_in = self._where(node, self.ctx.parents, "pass", "")  # type: ignore[arg-type]  # a With has a body too
        if where_in is not None:
            self.handled.add(id(node))
            self.report(node, handler=f"with {self.ctx.code(node.items[0].item)}", where_in=where_in,
                        action=_ACTIONS["pass"], consequence=_CONSEQUENCES["pass"])

    def _where(self, try_node: cst.Try, parents: list[cst.CSTNode], kind: str, value: str) -> str | None:
        """Where the swallow costs data (a loop over items, a model call, a grading function), or None."""
        model = self._model_call_in(try_node)
        loop = _enclosing_loop(parents)
        if (loop is not None and kind != "return" and _can_fail_on_item(try_node) and not _retry_loop(loop)
                and not _try_exits(try_node)
                and not _first_match(try_node, parents, loop) and not _splits_text(loop, parents) and not _polling(parents)
                and not _marker_filter(try_node, loop)
                and not (kind == "pass" and _requeued(try_node, parents, loop))
                and not _guarded_comparison(try_node, parents, loop)
                and not _search_function(parents, loop)
                and (model or not (_resource_loop(loop) or _generation_loop(loop) or _item_kept_before(try_node, loop)
                                   or _training_loop(loop)))
                and (model or _data_loop(loop) or _loads(try_node) or _lists_files(loop))):
            if (kind == "continue" and not _whole_denominator(parents, loop) and _loop_collects(loop)) or (kind == "pass" and _collects(try_node)) or (
                    kind == "default" and (model or _parses(try_node))):
                return (f"in the loop over `{self.ctx.code(loop.iter)}`" if isinstance(loop, cst.For)
                        else "in a `while` loop")
        empty = value in ('""', "''")
        if model is not None and kind in ("default", "return"):
            return f"around `{model}`"
        function = self.ctx.names.function
        if (kind in ("return", "default") and not empty and function is not None and loop is None
                and self._grading(function, by_param=kind == "return") and _parses(try_node)
                and not _validity_check(function, value)):
            return f"in `{function.name.value}`"
        return None

    def _candidate(self, kind: str, node: cst.CSTNode, at: cst.CSTNode | None = None, handler: str = "", **fields: str) -> None:
        """A swallow whose cost is decided elsewhere (the caller's filter, a judge): the repo phase reports it,
        at `at` when the failure becomes a value elsewhere than in the handler (`handler`: the text shown, when
        `node` is no `except`)."""
        if isinstance(node, cst.ExceptHandler):
            handler = "except" + (f" {self.ctx.code(node.type)}" if node.type is not None else "")
        site = {"kind": kind, "line": self.ctx.line_of(at or node), "handler": handler, **fields}
        position = self.ctx.position(at or node)
        if self.ctx.notebook is not None and position is not None:
            site["cell"], site["cell_line"], site["line"] = self.ctx.notebook.locate(position.start.line)
        self.ctx.facts.setdefault(self.code, []).append(site)

    def _grading(self, function: cst.FunctionDef, by_param: bool = True) -> bool:
        """A function that grades or parses a model's output: by its name, its parameter (when what it
        returns is the grade), or a model call."""
        name = function.name.value
        if CHECK_NAME.search(name):
            return False
        params = [p.name.value for p in (*function.params.posonly_params, *function.params.params)]
        model = any(isinstance(n, cst.Call) and calls_model(self.ctx, n) for n in iter_nodes(function.body))
        if not model and params and all(PATH_PARAM.match(p) for p in params):
            return False  # `parse_resume_step_from_filename(filename)`: a file's name, not a model's output (held-out 6)
        if not model and any(GOLD_PARAM.search(p) for p in params):
            return False  # `score(predicted, gold)`: an unparsable prediction is wrong, and stays in the denominator
        return bool(model or GRADING_NAME.search(name) or (by_param and any(REPLY_PARAM.search(p) for p in params)))

    def visit_Comparison(self, node: cst.Comparison) -> None:
        for target in node.comparisons:
            for side in (node.left, target.comparator):
                self._marker(side)
                text = string_value(side) if isinstance(side, cst.SimpleString) else None
                if text and len(text) <= 40 and len(self.compared) < 300:
                    self.compared.add(text.strip())

    def visit_Subscript(self, node: cst.Subscript) -> None:
        """`v["reason"]`: a key some code reads (a failure noted under it can be counted)."""
        if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) and len(self.compared) < 300:
            key = string_value(node.slice[0].slice.value) if isinstance(node.slice[0].slice.value, cst.SimpleString) else None
            if key and len(key) <= 40:
                self.compared.add(key)

    def visit_Call(self, node: cst.Call) -> None:
        self._skipping_reader(node)
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in ("apply", "map", "progress_apply") \
                and node.args and isinstance(node.args[0].value, (cst.Name, cst.Attribute)):
            applied = node.args[0].value
            self.applied.add(applied.value if isinstance(applied, cst.Name) else applied.attr.value)
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in ("startswith", "endswith", "find") \
                and node.args:
            self._marker(node.args[0].value)

    def _skipping_reader(self, node: cst.Call) -> None:
        """A reader told to drop the records it cannot parse, silently: jsonlines' `iter(skip_invalid=True)`,
        pandas' `read_csv(..., on_bad_lines="skip")`. The exception is swallowed inside the library."""
        for arg in node.args:
            if arg.keyword is None:
                continue
            option = arg.keyword.value
            value = arg.value
            if (option == "skip_invalid" and isinstance(value, cst.Name) and value.value == "True") or (
                    option == "on_bad_lines" and string_value(value) == "skip"):
                if _only_shown(self.ctx.module, self.ctx.parents):
                    return  # a lookup table only displayed (`movies.loc[movies.item_id == 99]`): nothing computed
                callee = self.ctx.code(node.func)
                self.report(arg, handler=f"{option}={self.ctx.code(value)}", where_in=f"in `{callee}(...)`",
                            action="drops every record it cannot parse",
                            consequence="those rows vanish from everything computed after, and nobody knows how many")
                return

    def visit_Assign(self, node: cst.Assign) -> None:
        callee = _gathered_callee(node.value)
        if callee and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            self.gathered[node.targets[0].target.value] = callee  # `replies = await asyncio.gather(*(ask(q) ...))`

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """`async def one(t): async with sem: return await solve(t)`: a wrapper passes its callee's
        results (and Nones) through, so a caller filtering the wrapper's results filters the callee's."""
        tested = empty_counted_as_class(node)
        if tested is not None:
            self.ctx.facts.setdefault("empty_classes", []).append(
                {"fn": node.name.value, "param": tested, "line": self.ctx.line_of(node)})
        body: cst.BaseSuite = node.body
        while isinstance(body, cst.IndentedBlock) and len(body.body) == 1 and isinstance(body.body[0], cst.With):
            body = body.body[0].body
        stmts = body.body if isinstance(body, cst.IndentedBlock) else []
        if len(stmts) == 1 and isinstance(stmts[0], cst.SimpleStatementLine) and len(stmts[0].body) == 1 \
                and isinstance(stmts[0].body[0], cst.Return) and stmts[0].body[0].value is not None:
            callee = _callee_of(stmts[0].body[0].value)
            if callee and callee != node.name.value:
                self.ctx.facts.setdefault("call_wrappers", {})[node.name.value] = callee
        elif stmts and isinstance(stmts[-1], cst.SimpleStatementLine) and len(stmts[-1].body) == 1 \
                and isinstance(stmts[-1].body[0], cst.Return) and stmts[-1].body[0].value is not None:
            # `return await asyncio.gather(*[label_one(it) for it in items])`: the results, Nones and all
            callee = _gathered_callee(stmts[-1].body[0].value)
            if callee and callee != node.name.value:
                self.ctx.facts.setdefault("call_wrappers", {})[node.name.value] = callee

    def visit_ListComp(self, node: cst.ListComp) -> None:
        self._comprehension_filter(node)

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        self._comprehension_filter(node)

    def _comprehension_filter(self, node: cst.ListComp | cst.GeneratorExp) -> None:
        """`[(r, q) for r, q in zip(await asyncio.gather(*(ask(q) for q in qs)), qs) if r]` before a mean: the
        Nones `ask` returned for its failures are dropped by the caller, which the repo phase counts against it."""
        comp = node.for_in
        if not comp.ifs or comp.inner_for_in is not None:
            return
        names = [comp.target.value] if isinstance(comp.target, cst.Name) else [
            e.value.value for e in comp.target.elements if isinstance(e.value, cst.Name)] if isinstance(
            comp.target, cst.Tuple) else []
        if not any(_none_tested_in(c.test) in names for c in comp.ifs):
            return
        sources = [a.value for a in comp.iter.args] if isinstance(comp.iter, cst.Call) and _callee_of(
            comp.iter) in ("zip", "enumerate") and comp.iter.args else [comp.iter]
        callees = [self.gathered.get(s.value) if isinstance(s, cst.Name) else _gathered_callee(s) for s in sources]
        callees = [c for c in callees if c]
        function = self.ctx.names.function
        if function is not None and isinstance(comp.iter, cst.Name) and function.params.params \
                and comp.iter.value == function.params.params[0].name.value and len(self.param_filters) < 40:
            # `def pad_collate(batch): batch = [b for b in batch if b is not None]`: a batch function dropping the
            # Nones its items' loader returned (matched in the repo phase to a `collate_fn=`)
            self.param_filters.append({"in": function.name.value, "line": self.ctx.line_of(node),
                                       "counted": bool(re.search(r"\b(print|log\w*|warn\w*)\(", self.ctx.code(function)))})
        if not callees or function is None:
            return
        via = None
        if not AVERAGED.search(self.ctx.code(function)):
            # `def build(frame): ... ok = [k for k, v in enumerate(vecs) if v is not None]; return X[ok], y[ok]`:
            # the kept rows are returned, and it is a caller (another module's) that scores them
            if not any(isinstance(n, cst.Return) and n.value is not None for n in iter_nodes(function.body)):
                return
            via = function.name.value
        parent = next((p for p in reversed(self.ctx.parents) if isinstance(p, (cst.Assign, cst.SimpleStatementLine))), None)
        held = {t.target.value for t in parent.targets if isinstance(t.target, cst.Name)} if isinstance(
            parent, cst.Assign) else set()
        gathered = {s.value for s in sources if isinstance(s, cst.Name) and s.value in self.gathered}
        if any(_lists_failures(n, gathered) for n in iter_nodes(function.body)):
            return  # `failed = [i for i, r in zip(ids, raw) if r is None]` beside it: the failures are listed
        held |= gathered
        self.comp_filters.append(({"calls": callees, "counted": False, "line": self.ctx.line_of(node), "via": via},
                                  self.rows.scope, held))

    def visit_If(self, node: cst.If) -> None:
        """`r = grade(item)` then `if r is None: continue` in a loop: the caller drops the Nones; counted
        when the branch counts or logs them."""
        name = _none_tested(node.test)
        body = node.body
        statements = list(body.body) if isinstance(body, cst.IndentedBlock) else [body]
        smalls = [small for st in statements if isinstance(st, cst.SimpleStatementLine) for small in st.body]
        if name is None or node.orelse is not None or not smalls or not isinstance(smalls[-1], cst.Continue):
            return
        loop = _enclosing_loop(self.ctx.parents)
        if loop is None or not _loop_collects(loop):
            return
        callee = next((_callee_of(n.value) for n in iter_nodes(loop.body) if isinstance(n, cst.Assign) and any(
            isinstance(t.target, cst.Name) and t.target.value == name for t in n.targets)), None)
        if callee:
            counted = len(smalls) > 1 or _swallow_traced(node.body)
            self.loop_filters.append(({"calls": [callee], "counted": counted, "line": self.ctx.line_of(node)},
                                      self.rows.scope))

    def _marker(self, expr: cst.BaseExpression) -> None:
        """Record a short literal the code tests text against: an error marker someone filters on."""
        values = [expr] if not isinstance(expr, (cst.Tuple, cst.List)) else [e.value for e in expr.elements]
        for value in values:
            text = string_value(value)
            if text and 3 <= len(text.strip()) <= 40 and text.strip()[:1] in "[<(*!#Ee":
                self.markers.add(text.strip())

    def finish(self) -> None:
        self.rows.close()
        none_filters = [{"calls": sorted(scope.calls)[:80], "counted": flow.counted,
                         "line": self.ctx.line_of(flow.drop.node), "in": _scope_name(scope)}
                        for scope in self.rows.scopes for flow in self.rows.flows(scope)
                        if flow.drop.kind in ("None filter", "dropna")]  # Nones become NaN in a frame
        # A function that reports any size (`len(items) - len(scores)` in a print) is taken to count them.
        none_filters += [{**f, "counted": f["counted"] or bool(scope.reported), "in": _scope_name(scope)}
                         for f, scope in self.loop_filters]
        # A comprehension's filter is counted when the size of what it keeps or drops is reported.
        none_filters += [{**f, "counted": bool(held & scope.reported)}
                         for f, scope, held in self.comp_filters]
        if none_filters:
            self.ctx.facts["none_filters"] = none_filters
        # What each function calls: a filter in `summarise(rows)` reaches the Nones of `label_one` when
        # one function runs both (the rows written to a file by one command and read back by another).
        calls_of = {_scope_name(scope): sorted(scope.calls)[:80] for scope in self.rows.scopes if scope.calls}
        if calls_of:
            self.ctx.facts["calls_of"] = dict(list(calls_of.items())[:200])
        if any(f.get("via") for f, _, _ in self.comp_filters) and METRIC_CODE.search(self.ctx.text):
            # what the functions (and the module's own statements) that compute a metric call: a filter whose kept
            # rows are returned reaches a metric only through one of them
            scored = sorted({c for scope in self.rows.scopes if scope.calls and _scores(self.ctx, scope.node)
                             for c in scope.calls})
            if scored:
                self.ctx.facts["metric_calls"] = scored[:200]
        if self.applied and ".mean(" in self.ctx.text and not NAN_COUNT.search(self.ctx.text):
            # pandas means skip NaN: a None a mapped function returned leaves the mean uncounted
            self.ctx.facts["nan_means"] = {"calls": sorted(self.applied)[:80]}
        if self.markers:
            self.ctx.facts["text_markers"] = sorted(self.markers)[:200]
        if self.compared:
            self.ctx.facts["compared_literals"] = sorted(self.compared)[:300]
        collates = sorted({m.group(1).rsplit(".", 1)[-1] for m in _COLLATE_ARG.finditer(self.ctx.text)})
        if collates:
            self.ctx.facts["collate_fns"] = collates[:40]
        if self.param_filters:
            self.ctx.facts["batch_none_filters"] = self.param_filters

    @classmethod
    def check_repo(cls, repo) -> None:  # type: ignore[no-untyped-def]
        candidates = [(path, site) for path, sites in repo.facts(cls.code) for site in sites]
        if not candidates:
            return
        markers = {m for _, found in repo.facts("text_markers") for m in found}
        wrappers = {k: v for _, found in repo.facts("call_wrappers") for k, v in found.items()}
        compared: set[str] | None = None
        collates: set[str] | None = None
        runs = [calls for _, found in repo.facts("calls_of") for calls in found.values()]
        filters = [(path, {**f, "calls": _through_wrappers(f["calls"] + _co_called(f.get("in"), runs), wrappers)})
                   for path, found in repo.facts("none_filters") for f in found]
        if any(f.get("via") for _, f in filters):
            scored = _scored_returns(repo, {(p, f["via"]) for p, f in filters if f.get("via")})
            filters = [(p, f) for p, f in filters if not f.get("via") or (p, f["via"]) in scored]
        for path, site in candidates:
            place = {"cell": site.get("cell"), "cell_line": site.get("cell_line")}
            if site["kind"] == "marked_score":
                if compared is None:
                    compared = {m for _, found in repo.facts("compared_literals") for m in found}
                if site["marker"] in compared or site["key"] in compared:
                    continue  # the note is read or counted somewhere
                repo.report(cls, path, site["line"], message=TOLD_MESSAGE, handler=site["handler"],
                            where_in=f"in `{site['function']}`", action=f"returns `{site['value']}`",
                            consequence=f"the failure is noted only under `{site['key']}`, which no code reads, and "
                                        "the constant grade is averaged like a real one", **place)
                continue
            if site["kind"] == "error_reply":
                if compared is None:
                    compared = {m for _, found in repo.facts("compared_literals") for m in found}
                if site["marker"].strip() in compared:
                    continue  # the very reply text is tested for (`if response == "API-ERROR":`), whatever it starts with
                head = site["marker"].split()[0] if site["marker"].split() else ""
                if head and any(head.startswith(m) or m.startswith(head) for m in markers if len(m) >= 3):
                    continue  # the error replies are told apart by their marker
                shown = site["marker"] + "..." if site["marker"] else "the exception's text"
                repo.report(cls, path, site["line"], handler=site["handler"], where_in=f"around `{site['model']}`",
                            action=f"turns the failure into the reply `{shown}`",
                            consequence="error replies are stored and judged like real replies (a keyword judge "
                                        "counts them as whatever a reply without its keywords is)", **place)
                continue
            if site["kind"] in ("empty_reply", "none_reply"):
                classes = [(p, f) for p, found in repo.facts("empty_classes") for f in found]
                if not classes:
                    continue  # nothing counts an empty reply as anything: the logged failure stays a failure
                class_path, klass = classes[0]
                none = site["kind"] == "none_reply"
                if none:  # harmless until a classifier counts the empty reply: the finding is at that classifier
                    repo.report(cls, class_path, klass["line"],
                                message="`{fn}` answers a fixed class for an empty `{param}`, and a reply without text "
                                        "(content None: an output the API filtered, a tool call) reaches it as an empty "
                                        "reply at {reply}: those replies are counted as that class, not as failures",
                                question="How many replies were empty, and should they count as `{fn}`'s class?",
                                fn=klass["fn"], param=klass["param"], reply=f"{path}:{site['line']}",
                                related=(Location(path, site["line"], "a reply without text becomes empty here"),))
                    continue
                repo.report(cls, path, site["line"], message=TOLD_MESSAGE, handler=site["handler"],
                            where_in="for a reply without text (content None: a filtered output, a tool call)" if none
                            else f"around `{site['model']}`",
                            action="gives an empty reply" if none else "logs the failure and returns an empty reply",
                            consequence=f"`{klass['fn']}` ({class_path}:{klass['line']}) answers a fixed class for an "
                                        f"empty `{klass['param']}`, so failed requests are counted as that class "
                                        "(an API error scored as a refusal), and a log line is no count in the results",
                            related=(Location(class_path, klass["line"], "an empty reply is classified here"),), **place)
                continue
            if site["function"] == "__getitem__":
                # a Dataset's item loader: a DataLoader calls it and hands its items to the `collate_fn`, whose
                # None filter drops the failed items from every batch
                if collates is None:
                    collates = {n for _, found in repo.facts("collate_fns") for n in found}
                filters_here = [(p, {"calls": [], **f}) for p, found in repo.facts("batch_none_filters") for f in found
                                if f["in"] in collates]
            else:
                filters_here = []
            callers = filters_here + [(p, f) for p, f in filters if site["function"] in f["calls"]] + [
                (p, {"counted": False, "line": None}) for p, f in repo.facts("nan_means") if site["function"] in f["calls"]]
            if not callers or any(f["counted"] for _, f in callers):
                continue
            caller_path, caller = callers[0]
            where_in = f"around `{site['model']}`" if site["model"] else f"in `{site['function']}`"
            repo.report(cls, path, site["line"], handler=site["handler"], where_in=where_in,
                        action="returns None",
                        consequence=f"{caller_path}" + (f":{caller['line']} filters" if caller["line"] else
                                    " maps it over a column and a mean skips") + " the Nones before the metric and "
                                    "nothing counts them", related=(Location(caller_path, caller["line"],
                                                                            "the Nones are dropped here"),), **place)

    def _model_call_in(self, try_node: cst.Try) -> str | None:
        for inner in iter_nodes(try_node.body):
            if isinstance(inner, cst.Call) and calls_model(self.ctx, inner):
                return self.ctx.code(inner.func)
        return None


# `DataLoader(ds, collate_fn=pad_collate)`: the function that receives each batch of items.
_COLLATE_ARG = re.compile(r"\bcollate_fn\s*=\s*([A-Za-z_][\w.]*)")

_ACTIONS = {"continue": "skips the item", "pass": "drops the item",
            "default": "turns the failure into `{value}`", "return": "returns `{value}` instead"}
_CONSEQUENCES = {"continue": "failed items vanish from the denominator",
                 "pass": "failed items vanish from what is collected",
                 "default": "failures are scored as if they were real answers",
                 "return": "failures are scored as if they were real answers"}


# The message of the shapes where a log line is no excuse: the failure still becomes a value.
# A model reply's text read from its response object (`resp.choices[0].message`, `msg.content[0]`, `response.candidates[0]`).
REPLY_CHAIN = re.compile(r"(?i)choices|message|content\[|candidates|completion|response|resp\b|reply|output")
TOLD_MESSAGE = "`{handler}` {where_in} {action}: {consequence}"


# A CSS declaration (`"font-weight: bold"`, `"background-color: #eee"`): a style for a displayed table's cell.
_CSS = re.compile(r"^\s*(font-weight|font-style|font-size|color|background(-color)?|border(-[a-z]+)*|"
                  r"text-decoration|text-align|opacity)\s*:")


_SHOWING = frozenset({"head", "tail", "print", "display"})


def _only_shown(module: cst.Module, parents: list[cst.CSTNode]) -> bool:
    """The reader's frame is bound at module level to a name that is afterwards only shown: bare expressions and
    prints of it or of its rows and columns (`movies.loc[movies.item_id == 99]`, `movies.head()`), or narrowed
    into itself (`movies = movies[["item_id", "name"]]`). No count, mean or model reads its rows."""
    statement = next((p for p in reversed(parents) if isinstance(p, cst.SimpleStatementLine)), None)
    assign = next((p for p in reversed(parents) if isinstance(p, cst.Assign)), None)
    if statement is None or assign is None or len(assign.targets) != 1 or not isinstance(assign.targets[0].target, cst.Name):
        return False
    name = assign.targets[0].target.value
    uses = 0
    for line in iter_nodes(module):
        if not isinstance(line, cst.SimpleStatementLine) or line is statement:
            continue
        if not any(isinstance(n, cst.Name) and n.value == name for n in iter_nodes(line)):
            continue
        uses += 1
        for small in line.body:
            calls = [n for n in iter_nodes(small) if isinstance(n, cst.Call)]
            if any(not (isinstance(c.func, cst.Attribute) and c.func.attr.value in _SHOWING
                        or isinstance(c.func, cst.Name) and c.func.value in _SHOWING) for c in calls):
                return False
            if isinstance(small, cst.Expr):
                continue  # shown
            if isinstance(small, cst.Assign) and not calls and all(
                    isinstance(t.target, cst.Name) and t.target.value == name for t in small.targets):
                continue  # narrowed into itself
            return False
    return uses > 0


def _display_styles(function: cst.FunctionDef) -> bool:
    """The function builds display styles: it writes CSS declarations (a pandas Styler's `apply` helper bolding
    the best value), so what its handlers give is an empty style, not a dropped or defaulted number."""
    return any(isinstance(n, cst.SimpleString) and isinstance(n.evaluated_value, str) and _CSS.match(n.evaluated_value)
               for n in iter_nodes(function.body))  # (`b"..."` evaluates to bytes)


def _updates_in_place(ctx, try_node: cst.Try) -> bool:  # type: ignore[no-untyped-def]
    """The try body only replaces values with a conversion of themselves (`df[col] = df[col].astype(float)`,
    `x = int(x)`): when it fails, the value stays as it was and no item is lost."""
    lines = list(try_node.body.body) if isinstance(try_node.body, cst.IndentedBlock) else []
    if not lines:
        return False
    for line in lines:
        if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1 or not isinstance(line.body[0], cst.Assign):
            return False
        assign = line.body[0]
        if len(assign.targets) != 1:
            return False
        target = "".join(ctx.code(assign.targets[0].target).split())
        if not any(isinstance(n, (cst.Name, cst.Subscript, cst.Attribute)) and "".join(ctx.code(n).split()) == target
                   for n in iter_nodes(assign.value)):
            return False
    return True


_EMPTY_MADE = frozenset({"dict", "list", "set", "OrderedDict", "defaultdict", "DataFrame", "Series"})


def _assigned(block: cst.BaseSuite) -> dict[str, cst.BaseExpression]:
    """Names a block's simple statements bind, with their values (`a, b = {}, {}` binds both)."""
    out: dict[str, cst.BaseExpression] = {}
    for line in (block.body if isinstance(block, cst.IndentedBlock) else []):
        for small in (line.body if isinstance(line, cst.SimpleStatementLine) else []):
            if not isinstance(small, cst.Assign) or len(small.targets) != 1:
                continue
            target, value = small.targets[0].target, small.value
            if isinstance(target, cst.Name):
                out[target.value] = value
            elif isinstance(target, cst.Tuple) and isinstance(value, cst.Tuple) and len(target.elements) == len(value.elements):
                out.update((t.value.value, v.value) for t, v in zip(target.elements, value.elements)
                           if isinstance(t.value, cst.Name))
    return out


def _empty_value(value: cst.BaseExpression) -> bool:
    """`{}`, `[]`, `set()`, `dict()`, `pd.DataFrame()`: an empty container."""
    if isinstance(value, (cst.Dict, cst.List, cst.Set)):
        return not value.elements
    if isinstance(value, cst.Call) and not value.args:
        func = value.func
        return (func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name)
                else "") in _EMPTY_MADE
    return False


def _load_or_create(try_node: cst.Try, handler: cst.ExceptHandler) -> bool:
    """`try: log = json.load(open(path)) except: log = {}`: the try reads a file into names that the handler
    binds to empty containers (`{}`, `[]`, `dict()`, `pd.DataFrame()`). It is how a results log, a cache or a
    checkpoint list is opened or started afresh: the failure is the first run, not an item scored as empty."""
    made = _assigned(handler.body)
    return bool(made) and all(_empty_value(v) for v in made.values()) and set(made) <= set(_assigned(try_node.body)) \
        and any(c in READS for c in _calls(try_node))  # a whole file (`json.load`, not `json.loads` of a reply)


_FILLS = frozenset({"append", "extend", "add", "update", "insert", "setdefault"})


def _optional_part(try_node: cst.Try, handler: cst.ExceptHandler, function: cst.FunctionDef,
                   parents: list[cst.CSTNode]) -> bool:
    """`options = {}`, a try that fills it in a loop over a page's elements, `except AttributeError: options = {}`,
    then `product["options"] = options` beside the record's other fields (held-out set 30: a scraper's product
    without option elements). The handler gives the container the value it had before the try, the value the
    try itself leaves when no element is found: one optional field of a record that is still built and kept is
    empty, no item is dropped and no score defaulted. Not when the function reads a model's reply (a parameter
    named for one, or a model call in it), nor for a field named like a grade (`record["scores"]`)."""
    made = _assigned(handler.body)
    if not made or not all(_empty_value(v) for v in made.values()):
        return False
    if any(REPLY_PARAM.search(p.name.value) for p in (*function.params.posonly_params, *function.params.params)):
        return False
    block = next((p for p in reversed(parents) if isinstance(p, (cst.IndentedBlock, cst.Module))
                  and any(s is try_node for s in p.body)), None)
    if block is None:
        return False
    statements = list(block.body)
    at = next(i for i, s in enumerate(statements) if s is try_node)
    before = _assigned(cst.IndentedBlock(body=statements[:at]))
    if not all(name in before and _empty_value(before[name]) for name in made):
        return False
    loops = [n for n in iter_nodes(try_node.body) if isinstance(n, (cst.For, cst.While))]

    def filled(name: str) -> bool:
        for loop in loops:
            for n in iter_nodes(loop.body):
                if isinstance(n, cst.Assign) and any(isinstance(t.target, cst.Subscript) and isinstance(
                        t.target.value, cst.Name) and t.target.value.value == name for t in n.targets):
                    return True
                if isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value in _FILLS \
                        and isinstance(n.func.value, cst.Name) and n.func.value.value == name:
                    return True
        return False

    if not all(filled(name) for name in made):
        return False
    keys: dict[str, set[str]] = {}  # record name -> the literal keys stored into it anywhere in the function
    stored: dict[str, tuple[str, str]] = {}  # container name -> (record, key) it is stored under after the try
    after = {id(n) for s in statements[at + 1:] for n in iter_nodes(s)}
    for n in iter_nodes(function.body):
        if not isinstance(n, cst.Assign) or len(n.targets) != 1:
            continue
        target, value = n.targets[0].target, n.value
        pairs = [(e.value, f.value) for e, f in zip(target.elements, value.elements)] if isinstance(
            target, cst.Tuple) and isinstance(value, cst.Tuple) else [(target, value)]
        for t, v in pairs:
            if not (isinstance(t, cst.Subscript) and isinstance(t.value, cst.Name) and len(t.slice) == 1
                    and isinstance(t.slice[0].slice, cst.Index) and isinstance(t.slice[0].slice.value, cst.SimpleString)):
                continue
            key = string_value(t.slice[0].slice.value) or ""
            keys.setdefault(t.value.value, set()).add(key)
            if id(n) in after and isinstance(v, cst.Name) and v.value in made:
                stored[v.value] = (t.value.value, key)
    return all(name in stored and len(keys[stored[name][0]]) >= 3 and not GRADING_NAME.search(stored[name][1])
               for name in made)


def _handler_comment(handler: cst.ExceptHandler) -> str:
    """A comment in the handler (on its `except` line or above its statements): the author saying why
    the failure is expected, e.g. "Train size is not printed if nothing is removed"."""
    body = handler.body
    comments = []
    if isinstance(body, cst.IndentedBlock):
        if body.header.comment is not None:
            comments.append(body.header.comment.value)
        for statement in body.body:
            comments += [line.comment.value for line in getattr(statement, "leading_lines", ()) if line.comment is not None]
            trailing = getattr(statement, "trailing_whitespace", None)
            if trailing is not None and trailing.comment is not None:
                comments.append(trailing.comment.value)
    text = " ".join(c.lstrip("#").strip() for c in comments if len(c.lstrip("#").strip().split()) >= 3)
    if not EXPECTED_CASE.search(text):
        return ""  # "skip bad rows" names the swallow; it does not say when the exception is the normal case
    return text if len(text) <= 100 else text[:97] + "..."


# A comment that says when the exception happens or why it is the normal case.
EXPECTED_CASE = re.compile(r"(?i)\b(if|when|unless|expected|intentional(ly)?|on purpose|means|because|by design)\b")


def _handler_text(ctx, node: cst.ExceptHandler) -> str:  # type: ignore[no-untyped-def]
    text = "except" + (f" {' '.join(ctx.code(node.type).split())}" if node.type is not None else "")
    return text if len(text) <= 60 else text[:56] + "...)"


def _suppressed(node: cst.With) -> list[str] | None:
    """The exception names of `with suppress(A, B):` (`contextlib.suppress`), or None for another `with`."""
    for item in node.items:
        call = item.item
        if isinstance(call, cst.Call) and (isinstance(call.func, cst.Name) and call.func.value == "suppress" or (
                isinstance(call.func, cst.Attribute) and call.func.attr.value == "suppress")):
            return [(_text(a.value).split() or [""])[-1] for a in call.args]
    return None


def _raised_at_end(function: cst.FunctionDef) -> str | None:
    """The exception `function` always raises after doing something else (its last statement, at the top of
    its body) as a signal, not a failure: no message of an error, and nothing logged before it. None otherwise
    (`def reject(row): log.warning(...); raise ValueError(f"bad row {row}")` reports a failure)."""
    body = function.body
    statements = body.body if isinstance(body, cst.IndentedBlock) else ()
    if len(statements) < 2 or not isinstance(statements[-1], cst.SimpleStatementLine):
        return None
    if all(isinstance(st, cst.SimpleStatementLine) and all(isinstance(small, cst.Pass) or isinstance(small, cst.Expr)
           and isinstance(small.value, (cst.SimpleString, cst.ConcatenatedString)) for small in st.body)
           for st in statements[:-1]):
        return None  # a docstring and a raise: a stub, nothing recorded before it
    last = statements[-1].body[-1] if statements[-1].body else None
    exc = last.exc if isinstance(last, cst.Raise) else None
    if isinstance(exc, cst.Call):
        if any(not isinstance(a.value, cst.SimpleString) or ERRORISH.search(a.value.value) for a in exc.args):
            return None  # `raise ValueError(f"bad row {row}")`: a failure with its reason
        exc = exc.func
    if any(isinstance(n, cst.Call) and LOGGING_CALL.search(_callee_text(n.func)) for st in statements[:-1]
           for n in iter_nodes(st)):
        return None
    if isinstance(exc, cst.Attribute):
        return exc.attr.value
    return exc.value if isinstance(exc, cst.Name) else None


LOGGING_CALL = re.compile(r"(?i)log|warn|print|error|fail|reject")


def _callee_text(func: cst.BaseExpression) -> str:
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""


def _caught(handler: cst.ExceptHandler) -> list[str]:
    if handler.type is None:
        return []
    exprs = [e.value for e in handler.type.elements] if isinstance(handler.type, cst.Tuple) else [handler.type]
    names = []
    for expr in exprs:
        if isinstance(expr, cst.Attribute):
            names.append(expr.attr.value)
        elif isinstance(expr, cst.Name):
            names.append(expr.value)
    return names


def _constant(expr: cst.BaseExpression) -> str | None:
    """The source of a constant default (a number, string, bool, empty container), else None.
    None, NaN and negative numbers are sentinels a caller can tell apart, so they are not defaults."""
    if isinstance(expr, (cst.Integer, cst.Float, cst.SimpleString)):
        return expr.value
    if isinstance(expr, cst.Name) and expr.value in ("True", "False"):
        return expr.value
    if isinstance(expr, (cst.List, cst.Tuple, cst.Set)) and not expr.elements:
        return "[]" if isinstance(expr, cst.List) else "()"
    if isinstance(expr, cst.Dict) and not expr.elements:
        return "{}"
    return None


_NO_ANSWER = re.compile(r"(?i)^no_?answer$")


def _swallow(handler: cst.ExceptHandler) -> tuple[str, str] | None:
    """("continue" | "pass" | "default", value) when the handler only drops or defaults, silently."""
    exception = handler.name.name.value if handler.name is not None and isinstance(handler.name.name, cst.Name) else None
    kind: str | None = None
    value = ""
    notes = _side_notes(handler)
    for node in iter_nodes(handler.body):
        if isinstance(node, (cst.Raise, cst.AugAssign)):
            return None
        if isinstance(node, cst.Name) and (node.value == exception or _NO_ANSWER.match(node.value)):
            return None  # `Score(value=NOANSWER)`: inspect's marker of an item without an answer
        if isinstance(node, cst.SimpleString) and ERRORISH.search(node.value) and node not in notes:
            return None
        if isinstance(node, cst.Call):
            callee = node.func.attr.value if isinstance(node.func, cst.Attribute) else (
                node.func.value if isinstance(node.func, cst.Name) else "")
            if TRACE_CALL.search(callee) or (isinstance(node.func, cst.Attribute) and ERRORISH.search(
                    _text(node.func.value))):
                return None
    block = handler.body
    statements = list(block.body) if isinstance(block, cst.IndentedBlock) else [block]
    for statement in statements:
        if not isinstance(statement, cst.SimpleStatementLine):
            return None
        for small in statement.body:
            if isinstance(small, cst.Continue):
                kind = "continue"
            elif isinstance(small, cst.Pass) or (isinstance(small, cst.Expr) and isinstance(small.value, cst.Ellipsis)):
                kind = kind or "pass"
            elif isinstance(small, cst.Return) and small.value is not None and _constant(small.value) is not None:
                kind, value = "return", _constant(small.value) or ""
            elif isinstance(small, cst.Return) and isinstance(small.value, cst.Tuple) and score_constant(small.value):
                kind, value = "return", score_constant(small.value) or ""
            elif isinstance(small, cst.Return) and small.value is not None and _result_constant(small.value):
                kind, value = "return", _result_constant(small.value) or ""
            elif isinstance(small, cst.Assign) and _constant(small.value) is not None and not any(
                    ERRORISH.search(_text(t.target)) for t in small.targets):
                kind, value = kind or "default", _constant(small.value) or ""
            elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) and _appends_constant(small.value):
                kind, value = kind or "default", _constant(small.value.args[0].value) or ""
            elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) and _is_sleep(small.value):
                continue
            else:
                return None
    return (kind, value) if kind else None


def _appends_constant(call: cst.Call) -> bool:
    return (isinstance(call.func, cst.Attribute) and call.func.attr.value == "append" and len(call.args) == 1
            and _constant(call.args[0].value) is not None and not ERRORISH.search(_text(call.func.value)))


def _is_sleep(call: cst.Call) -> bool:
    func = call.func
    return (isinstance(func, cst.Attribute) and func.attr.value == "sleep") or (
        isinstance(func, cst.Name) and func.value == "sleep")


def _text(expr: cst.CSTNode) -> str:
    """A name-ish rendering for keyword checks: `row["status"]` -> `row status`."""
    parts = []
    for node in iter_nodes(expr):
        if isinstance(node, cst.Name):
            parts.append(node.value)
        elif isinstance(node, cst.SimpleString):
            parts.append(node.value.strip("'\"rbuf"))
    return " ".join(parts)


def _whole_denominator(parents: list[cst.CSTNode], loop: cst.For | cst.While) -> bool:
    """The function divides by `len(x)` (or a name bound to it) of a collection the loop walks:
    a skipped item stays in the denominator and counts as a failure, it does not vanish."""
    function = next((p for p in reversed(parents) if isinstance(p, cst.FunctionDef)), None)
    if function is None or not isinstance(loop, cst.For):
        return False
    walked = {n.value for n in iter_nodes(loop.iter) if isinstance(n, cst.Name)}

    def of_walked(expr: cst.BaseExpression) -> bool:
        return isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value == "len"             and len(expr.args) == 1 and isinstance(expr.args[0].value, cst.Name) and expr.args[0].value.value in walked

    totals: set[str] = set()
    divisors: list[cst.BaseExpression] = []
    for node in iter_nodes(function.body):
        if isinstance(node, cst.Assign) and of_walked(node.value):
            totals.update(t.target.value for t in node.targets if isinstance(t.target, cst.Name))
        elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Divide):
            divisors.append(node.right)
    return any(of_walked(d) or (isinstance(d, cst.Name) and d.value in totals) for d in divisors)


def _data_loop(loop: cst.For | cst.While) -> bool:
    if isinstance(loop, cst.While) or _constant_iterable(loop.iter):
        return False
    words = [w for w in (_text(loop.iter) + " " + _text(loop.target)).split() if w not in ("items", "keys", "values")]
    if any(CONFIG_WORDS.search(w) for w in words):
        return False  # `for prefix, cfg in overrides.items()`: settings, not data
    return bool(DATA_WORDS.search(" ".join(words)))


def _constant_iterable(iterable: cst.BaseExpression) -> bool:
    """`string.ascii_lowercase`, `"abc"`, `("a", "b")`: constants written in the code or the `string` module's
    alphabets, not data (a loop over them probes names or options)."""
    if isinstance(iterable, cst.Attribute) and isinstance(iterable.value, cst.Name) and iterable.value.value == "string":
        return True
    if isinstance(iterable, (cst.List, cst.Tuple, cst.Set)):
        return bool(iterable.elements) and all(isinstance(e.value, (cst.SimpleString, cst.Integer, cst.Float))
                                               for e in iterable.elements)
    return isinstance(iterable, cst.SimpleString)


# Loop variables that name the tools of a run, not the items of a study: a loop over model files,
# checkpoints, devices or configs (trying each is choosing one, not dropping data).
RESOURCE_WORDS = re.compile(r"(?i)(^|_|\d)(models?|ckpts?|checkpoints?|devices?|gpus?|configs?|cfgs?|weights|"
                            r"backends?|engines?|plugins?|fonts?|vectors?_?files?)($|_)")


def _resource_loop(loop: cst.For | cst.While) -> bool:
    """`for model_dir, prefix in zip(model_dirs, prefixes)`, `for device in sd.query_devices()`."""
    if not isinstance(loop, cst.For):
        return False
    names = [n.value for n in iter_nodes(loop.target) if isinstance(n, cst.Name)]
    return any(RESOURCE_WORDS.search(n) for n in names)


def _training_loop(loop: cst.For | cst.While) -> bool:
    """The loop steps an optimizer (`loss.backward()`, `optimizer.step()`, `accelerator.backward(loss)`,
    `apply_gradients`): a batch skipped there is left out of training, and no score's denominator
    loses it."""
    for node in iter_nodes(loop.body):
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            attr = node.func.attr.value
            if attr in ("backward", "apply_gradients", "minimize"):
                return True
            if attr == "step" and re.search(r"(?i)opt|scaler|sched", _text(node.func.value)):
                return True
    return False


def _generation_loop(loop: cst.For | cst.While) -> bool:
    """`for i in tqdm(range(size)): sampled = sampler.sample()`: each pass makes a new item (rejection
    sampling of a synthetic set); one that fails was never an item, so no denominator loses it."""
    if not isinstance(loop, cst.For):
        return False
    iterable = loop.iter
    while isinstance(iterable, cst.Call) and _callee_of(iterable) in ("tqdm", "trange", "enumerate") and iterable.args:
        iterable = iterable.args[0].value
    if _callee_of(iterable) not in ("range", "trange"):
        return False
    names = {n.value for n in iter_nodes(loop.target) if isinstance(n, cst.Name)}
    return not any(isinstance(n, cst.Name) and n.value in names for n in iter_nodes(loop.body))


def _item_kept_before(try_node: cst.Try, loop: cst.For | cst.While) -> bool:
    """The loop already kept the item before this `try` (`dfTest[fname] = x; names.append(fname)`, then
    `try: load the optional .proba file`): a failure drops an optional extra, not the item."""
    for node in iter_nodes(loop.body):
        if node is try_node:
            return False
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in COLLECT_METHODS:
            return True
        if isinstance(node, cst.Assign) and any(isinstance(t.target, cst.Subscript) for t in node.targets):
            return True
    return False


def _calls(try_node: cst.Try) -> list[str]:
    out = []
    for node in iter_nodes(try_node.body):
        if isinstance(node, cst.Call):
            func = node.func
            out.append(func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(
                func, cst.Name) else "")
    return out


def _parses(try_node: cst.Try) -> bool:
    """The `try` reads text: json, a number, a regex match, a split or an index."""
    return any(c in PARSE_CALLS for c in _calls(try_node)) or any(
        isinstance(n, cst.Subscript) for n in iter_nodes(try_node.body))


def _collects(try_node: cst.Try) -> bool:
    """The `try` adds the item to what is kept (append, write, yield): on failure the item is gone."""
    return any(c in COLLECT_METHODS for c in _calls(try_node)) or any(
        isinstance(n, cst.Yield) for n in iter_nodes(try_node.body))


_REWARD = re.compile(r"(^|_)rewards?($|_)")


def _reward_target(handler: cst.ExceptHandler) -> bool:
    """The handler's constant goes into a reward (`rewards.append(0.0)`, `reward = 0.0`): a failed sandbox run
    of a policy's code rewarded 0 in reinforcement learning (corpus9: open-r1's code rewards, debatable)."""
    for n in iter_nodes(handler.body):
        if isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value in ("append", "extend") \
                and isinstance(n.func.value, cst.Name) and _REWARD.search(n.func.value.value.lower()):
            return True
        if isinstance(n, cst.Assign) and any(isinstance(t.target, cst.Name) and _REWARD.search(t.target.value.lower())
                                             for t in n.targets):
            return True
    return False


def _key_index(try_node: cst.Try, scope: cst.CSTNode) -> bool:
    """Everything the `try` keeps goes into sets made empty in the same function (`done.add(key)`):
    an index of keys, such as the ids a resumed run already wrote (corpus9: open-r1's
    `load_processed_uuids`), not values a result is computed from."""
    adds = [n for n in iter_nodes(try_node.body) if isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute)
            and n.func.attr.value in COLLECT_METHODS]
    if not adds or any(n.func.attr.value != "add" or not isinstance(n.func.value, cst.Name) for n in adds) \
            or any(isinstance(n, cst.Yield) for n in iter_nodes(try_node.body)):
        return False
    sets = {t.target.value for n in iter_nodes(scope) if isinstance(n, cst.Assign)
            and isinstance(n.value, cst.Call) and isinstance(n.value.func, cst.Name) and n.value.func.value == "set"
            and not n.value.args for t in n.targets if isinstance(t.target, cst.Name)}
    return all(n.func.value.value in sets for n in adds)


def _first_match(try_node: cst.Try, parents: list[cst.CSTNode], loop: cst.For | cst.While) -> bool:
    """`for fmt in formats: try: ... except: continue` then `break`: the loop stops at the first success."""
    block = parents[-2] if len(parents) >= 2 else None
    if not isinstance(block, cst.IndentedBlock) or block is not loop.body:
        return False
    position = next((i for i, statement in enumerate(block.body) if statement is try_node), None)
    following = block.body[position + 1:] if position is not None else ()
    return any(isinstance(small, (cst.Break, cst.Return)) for statement in following
               if isinstance(statement, cst.SimpleStatementLine) for small in statement.body)


_PARSED = frozenset({"loads", "literal_eval", "model_validate", "model_validate_json", "parse_obj", "parse_raw"})


def _parsed_or_false(function: cst.FunctionDef, value: str) -> bool:
    """`try: return json.loads(text[start:end]) except ValueError: return False`: the function returns
    what it parsed (a dict) or False, a marker no caller can average as a score: to read a field it
    must test for it first (`if parsed: ... else: result = "parsing error"`)."""
    if value != "False":
        return False
    others = [n.value for n in iter_nodes(function.body) if isinstance(n, cst.Return) and n.value is not None
              and _constant(n.value) != value]
    return bool(others) and all(isinstance(v, cst.Dict) or (isinstance(v, cst.Call) and (
        v.func.attr.value if isinstance(v.func, cst.Attribute) else v.func.value if isinstance(v.func, cst.Name) else ""
    ) in _PARSED) for v in others)


def _validity_check(function: cst.FunctionDef, value: str) -> bool:
    """`try: json.loads(x) except ValueError: return False` ... `return True`; or the parsed value or
    False (`_parsed_or_false`)."""
    if _parsed_or_false(function, value):
        return True
    if value not in ("True", "False", "0", "1"):
        return False
    partner = {"True": "False", "False": "True", "0": "1", "1": "0"}[value]
    return any(isinstance(n, cst.Return) and n.value is not None and _constant(n.value) == partner
               for n in iter_nodes(function.body))


def _enclosing_loop(parents: list[cst.CSTNode]) -> cst.For | cst.While | None:
    for node in reversed(parents):
        if isinstance(node, (cst.For, cst.While)):
            return node
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            return None
    return None


_VALIDATION = re.compile(r"(?i)(^|[^a-z])(val|valid|validation|dev)([^a-z]|$)")
_EPOCH = re.compile(r"(?i)epoch")


def _validation_pass(parents: list[cst.CSTNode], loop: cst.For | cst.While | None) -> bool:
    """The loop walks a validation loader (`for batch in val_loader`) inside an epoch loop of the same function:
    a validation pass of training, whose mean is a point of a training curve (held-out corpus: StyleTTS2's
    validation losses written to TensorBoard). Whether a reported number comes from it the code rarely shows."""
    if not isinstance(loop, cst.For) or not _VALIDATION.search(_text(loop.iter)):
        return False
    for node in reversed(parents):
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            return False
        if isinstance(node, cst.For) and node is not loop and _EPOCH.search(_text(node.target) + " " + _text(node.iter)):
            return True
    return False


def _polling(parents: list[cst.CSTNode]) -> bool:
    """Inside a `while` loop (of the same function) that sleeps between passes: it polls for progress
    (the checkpoints of folds still training), and a file not there yet is waited for, not dropped."""
    for node in reversed(parents):
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            return False
        if isinstance(node, cst.While) and any(
                isinstance(n, cst.Call) and (isinstance(n.func, cst.Attribute) and n.func.attr.value == "sleep"
                                             or isinstance(n.func, cst.Name) and n.func.value == "sleep")
                for n in iter_nodes(node.body)):
            return True
    return False


def _retry_loop(loop: cst.For | cst.While) -> bool:
    if isinstance(loop, cst.While):
        return True  # `while True: try ... except: sleep` is how retries are written; data loops use `for`
    target = loop.target
    iterable = loop.iter
    if isinstance(target, cst.Name) and LOOP_RETRY_NAME.match(target.value):
        return isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Name) and iterable.func.value == "range"
    return False


def _try_exits(try_node: cst.Try) -> bool:
    """The `try` body leaves the loop on success (`break` / `return`): a retry or first-match loop."""
    stack: list[cst.CSTNode] = [try_node.body]
    while stack:
        node = stack.pop()
        if isinstance(node, (cst.Break, cst.Return)):
            return True
        if isinstance(node, (cst.For, cst.While, cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            continue
        stack.extend(iter_children(node))
    return False


def _cleanup_only(try_node: cst.Try) -> bool:
    """The `try` only deletes or cleans up (`del d[k]`, `os.remove`, `proc.kill()`)."""
    nodes = list(iter_nodes(try_node.body))
    calls = [n for n in nodes if isinstance(n, cst.Call)]
    if not calls:
        small = [n for n in nodes if isinstance(n, cst.BaseSmallStatement)]
        return bool(small) and all(isinstance(n, cst.Del) for n in small)
    return all(isinstance(c.func, (cst.Attribute, cst.Name)) and (
        c.func.attr.value if isinstance(c.func, cst.Attribute) else c.func.value) in CLEANUP_CALLS for c in calls)


def _loads(try_node: cst.Try) -> bool:
    """The `try` reads a file (`open`, `np.load`, `librosa.load`, `pd.read_csv`, `Image.open`)."""
    return any(c and LOAD_CALLS.search(c) for c in _calls(try_node))


def _splits_text(loop: cst.For | cst.While, parents: list[cst.CSTNode]) -> bool:
    """`for part in text.split("::")`: the pieces of one string, not items of a data set."""
    if not isinstance(loop, cst.For):
        return False
    iterable = loop.iter
    if isinstance(iterable, cst.Name):
        function = next((p for p in reversed(parents) if isinstance(p, cst.FunctionDef)), None)
        if function is None:
            return False
        for node in iter_nodes(function.body):
            if isinstance(node, cst.Assign) and any(isinstance(t.target, cst.Name) and t.target.value == iterable.value
                                                    for t in node.targets):
                iterable = node.value
                break
    if not (isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Attribute)
            and iterable.func.attr.value in ("split", "splitlines", "rsplit")):
        return False
    # `Path(root, split_list).read_text().split()`, `open(f).read().splitlines()`: the lines of a file
    # (a data set's list of items), not the pieces of one string
    text = iterable.func.value
    return not (isinstance(text, cst.Call) and isinstance(text.func, cst.Attribute)
                and text.func.attr.value in ("read_text", "read"))


def _stores_after(function: cst.FunctionDef, try_node: cst.Try) -> str | None:
    """The parameter of `function` that the statements after `try_node` store a result into (`results[key] =
    ...`, `results.append(...)`), when the function returns no value anywhere: a worker that hands its
    result back only through that container, so an early return in the try's handler drops the item."""
    if any(isinstance(n, cst.Return) and n.value is not None for n in iter_nodes(function.body)):
        return None
    # the block holding the try (the function's body, or a `with` / `async with` inside it)
    body = next((list(n.body) for n in (function.body, *iter_nodes(function.body)) if isinstance(n, cst.IndentedBlock)
                 and any(statement is try_node for statement in n.body)), [])
    if not body:
        return None
    params = {p.name.value for p in function.params.params} | {p.name.value for p in function.params.kwonly_params}
    for statement in body[next(i for i, st in enumerate(body) if st is try_node) + 1:]:
        for n in iter_nodes(statement):
            if isinstance(n, cst.AssignTarget) and isinstance(n.target, cst.Subscript) \
                    and isinstance(n.target.value, cst.Name) and n.target.value.value in params:
                return n.target.value.value
            if isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value in ("append", "put", "put_nowait") \
                    and isinstance(n.func.value, cst.Name) and n.func.value.value in params:
                return n.func.value.value
    return None


def _returns_none(handler: cst.ExceptHandler) -> bool:
    """The handler only returns None (`return None`, a bare `return`), with nothing that leaves a trace."""
    block = handler.body
    statements = list(block.body) if isinstance(block, cst.IndentedBlock) else [block]
    found = False
    for statement in statements:
        if not isinstance(statement, cst.SimpleStatementLine):
            return False
        for small in statement.body:
            if isinstance(small, cst.Return) and (small.value is None or (
                    isinstance(small.value, cst.Name) and small.value.value == "None")):
                found = True
            elif not isinstance(small, cst.Pass):
                return False
    return found


def _error_reply(handler: cst.ExceptHandler, try_node: cst.Try, scope: cst.CSTNode | None = None) -> str | None:
    """The leading text of a string the handler returns (or stores as the reply) in place of the model's
    reply: `return f"[ERROR] {e}"`. None when the handler does something else (raises, returns None), or
    when the name it stores the text in is read nowhere outside the `try` in `scope` (`results = "ERROR"`
    where only the try body reads `results`: the item is dropped, no error text becomes a reply)."""
    block = handler.body
    statements = list(block.body) if isinstance(block, cst.IndentedBlock) else [block]
    assigned_in_try = {t.target.value for n in iter_nodes(try_node.body) if isinstance(n, cst.Assign)
                       for t in n.targets if isinstance(t.target, cst.Name)}
    marker = None
    for statement in statements:
        if not isinstance(statement, cst.SimpleStatementLine):
            return None
        for small in statement.body:
            if isinstance(small, cst.Raise):
                return None
            value = None
            if isinstance(small, cst.Return) and small.value is not None:
                value = small.value
            elif isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(
                    small.targets[0].target, cst.Name) and small.targets[0].target.value in assigned_in_try:
                if scope is not None and not _read_outside(small.targets[0].target.value, try_node, scope):
                    return None  # a dead store: nothing reads the error text as a reply
                value = small.value
            elif isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) and isinstance(
                    small.value.func, cst.Attribute) and small.value.func.attr.value == "append" and \
                    len(small.value.args) == 1 and isinstance(small.value.args[0].value, cst.Dict):
                value = small.value.args[0].value  # `rows.append({"id": i, "response": f"ERROR: {e}"})`
            if isinstance(value, cst.Dict):
                if any(isinstance(e, cst.DictElement) and ERRORISH.search(string_value(e.key) or "")
                       for e in value.elements):
                    return None  # `{"response": "ERROR", "error": True}`: the record says it failed
                value = next((e.value for e in value.elements if isinstance(e, cst.DictElement)
                              and REPLY_KEY.search(string_value(e.key) or "")), None)
                if value is None:
                    return None
            if value is not None:
                text = _leading_text(value)
                if text is None:
                    return None
                marker = text
    return marker


def _read_outside(name: str, try_node: cst.Try, scope: cst.CSTNode) -> bool:
    """Is `name` read in `scope` outside `try_node` (`return result` after the try, `rows.append(result)`)?
    Stores, attribute names and keyword names are no reads."""
    inside = {id(n) for n in iter_nodes(try_node)}
    not_reads: set[int] = set()
    for n in iter_nodes(scope):
        if isinstance(n, cst.Assign):
            not_reads.update(id(t.target) for t in n.targets)
        elif isinstance(n, (cst.AnnAssign, cst.For)):
            not_reads.add(id(n.target))
        elif isinstance(n, cst.Attribute):
            not_reads.add(id(n.attr))
        elif isinstance(n, cst.Arg) and n.keyword is not None:
            not_reads.add(id(n.keyword))
    return any(isinstance(n, cst.Name) and n.value == name and id(n) not in inside and id(n) not in not_reads
               for n in iter_nodes(scope))


def _error_after_retries(handler: cst.ExceptHandler, try_node: cst.Try,
                         parents: list[cst.CSTNode]) -> tuple[cst.Return, str] | None:
    """`for attempt in range(3): try: return call(...) except APIError: sleep(...)` then `return "[ERROR] ..."`:
    when the retries run out the function answers with an error string in place of the reply. The return
    after the loop and its leading text; None when the handler raises or returns, or nothing follows."""
    loop = _enclosing_loop(parents)
    if loop is None or not (_retry_loop(loop) or _try_exits(try_node)):
        return None
    if any(isinstance(n, (cst.Raise, cst.Return)) for n in iter_nodes(handler.body)):
        return None
    index = next((i for i in range(len(parents) - 1, -1, -1) if parents[i] is loop), None)
    block = parents[index - 1] if index else None
    if not isinstance(block, cst.IndentedBlock):
        return None
    body = list(block.body)
    following = body[body.index(loop) + 1:] if loop in body else []
    if not following or not isinstance(following[0], cst.SimpleStatementLine) or not isinstance(
            following[0].body[-1], cst.Return) or following[0].body[-1].value is None:
        return None
    text = _leading_text(following[0].body[-1].value)
    if not text or not ERRORISH.search(text):
        return None
    return following[0].body[-1], text


def _leading_text(expr: cst.BaseExpression) -> str | None:
    """The literal text a string expression starts with; None when `expr` is not a string expression,
    or is a constant that is no message (an empty reply is DATA001's default case)."""
    if isinstance(expr, cst.SimpleString):
        text = string_value(expr) or ""
        return text if text.strip() and ERRORISH.search(text) else None
    if isinstance(expr, cst.FormattedString):
        first = expr.parts[0] if expr.parts else None
        return first.value if isinstance(first, cst.FormattedStringText) else ""
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _leading_text(expr.left)
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value == "str" and expr.args:
        return ""  # `return str(e)`
    return None


FILE_LISTINGS = frozenset({"glob", "rglob", "iglob", "listdir", "iterdir", "scandir", "walk"})


def _lists_files(loop: cst.For | cst.While) -> bool:
    """`for path in sorted(root.glob("*.wav"))`: a loop over the files of a data set."""
    return isinstance(loop, cst.For) and any(
        isinstance(n, cst.Call) and isinstance(n.func, (cst.Attribute, cst.Name)) and (
            n.func.attr.value if isinstance(n.func, cst.Attribute) else n.func.value) in FILE_LISTINGS
        for n in iter_nodes(loop.iter))


def _loop_collects(loop: cst.For | cst.While) -> bool:
    """The loop builds something from its items (appends, writes, yields, accumulates, fills a dict):
    an item skipped is missing from it. A loop that only plots or keeps a running best loses nothing counted."""
    for node in iter_nodes(loop.body):
        if isinstance(node, cst.Yield) or (isinstance(node, cst.AugAssign) and not isinstance(node.value, cst.Integer)):
            return True  # `total += score` accumulates; `counter += 1` only counts
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in COLLECT_METHODS:
            return True
        if isinstance(node, cst.Assign) and any(isinstance(t.target, cst.Subscript) for t in node.targets):
            return True
    return False


def _none_tested(test: cst.BaseExpression) -> str | None:
    """`r` for `r is None`, `r == None`, `not r`."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not) and isinstance(test.expression, cst.Name):
        return test.expression.value
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and isinstance(test.left, cst.Name):
        target = test.comparisons[0]
        if isinstance(target.operator, (cst.Is, cst.Equal)) and isinstance(target.comparator, cst.Name) \
                and target.comparator.value == "None":
            return test.left.value
    return None


def _scored_returns(repo, wanted: set[tuple[str, str]]) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Which of the (file, function) pairs return rows that a metric is computed on: the function is called by a
    scoring function of its own file, or by a file that imports from its file and computes a metric."""
    found = {(p, fn) for p, fn in wanted for q, calls in repo.facts("metric_calls") if q == p and fn in calls}
    metric_files = {p for p, acts in repo.facts("activity") if acts.get("metric")}
    for importer, names in repo.facts("imports"):
        sources = {place[0] for place in (locate_defined(repo, name, importer) for name in names)
                   if place is not None and place[0] != importer}
        hits = {(p, fn) for p, fn in wanted - found if p in sources}
        if not hits:
            continue
        text = repo.read_bytes(importer).decode("utf-8", "replace")  # once per importer, not per imported name
        if importer in metric_files or METRIC_CODE.search(text):
            found |= {(p, fn) for p, fn in hits if re.search(rf"\b{re.escape(fn)}\(", text)}
    return found


def _scores(ctx, node) -> bool:  # type: ignore[no-untyped-def]
    """Whether a function's body (or a module's own statements, not its definitions) computes a metric."""
    if isinstance(node, cst.Module):
        return any(not isinstance(st, (cst.FunctionDef, cst.ClassDef)) and METRIC_CODE.search(ctx.code(st))
                   for st in node.body)
    return bool(METRIC_CODE.search(ctx.code(node)))


def _scope_name(scope) -> str:  # type: ignore[no-untyped-def]
    node = scope.node
    return node.name.value if isinstance(node, cst.FunctionDef) else "<module>"


def _co_called(function: str | None, runs: list[list[str]]) -> list[str]:
    """What the functions that call `function` also call: `main` runs `label_all` (whose Nones it
    writes) and `summarise` (which filters the Nones it reads back)."""
    if not function or function == "<module>":
        return []
    return sorted({c for calls in runs if function in calls for c in calls if c != function})[:80]


def _through_wrappers(calls: list[str], wrappers: dict[str, str]) -> list[str]:
    """The calls, and what the wrappers among them return the result of (`one` -> `solve`)."""
    out, todo = list(calls), [c for c in calls if c in wrappers]
    while todo and len(out) < 200:
        callee = wrappers[todo.pop()]
        if callee not in out:
            out.append(callee)
            if callee in wrappers:
                todo.append(callee)
    return out


def _callee_of(expr: cst.BaseExpression) -> str | None:
    if isinstance(expr, cst.Await):
        expr = expr.expression
    if isinstance(expr, cst.Call):
        func = expr.func
        return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else None
    return None


AVERAGED = re.compile(r"/\s*len\(|\bmean\(|\baverage\(|accuracy")
# A metric computed: a ratio over a count, an accuracy, or a scorer's call (`f1_score(...)`, `clf.score(X, y)`, `roc_auc_score`).
METRIC_CODE = re.compile(r"/\s*len\(|\baccuracy|\w_score\(|\.score\(|\bauc\(")


def _gathered_callee(expr: cst.BaseExpression) -> str | None:
    """`await asyncio.gather(*(ask(q) for q in qs))`, `[ask(q) for q in qs]`: the function whose results these are."""
    if isinstance(expr, cst.Await):
        expr = expr.expression
    if isinstance(expr, (cst.ListComp, cst.GeneratorExp)):
        element = expr.elt
        if isinstance(element, cst.Call) and isinstance(element.func, cst.Call) and _callee_of(element.func) == "delayed" \
                and element.func.args:  # `delayed(featurise)(p)`: joblib runs `featurise`
            return _callee_of(cst.Call(func=element.func.args[0].value))
        return _callee_of(element)
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Call) and _callee_of(expr.func) == "Parallel" and expr.args:
        return _gathered_callee(expr.args[0].value)  # `Parallel(n_jobs=8)(delayed(f)(p) for p in paths)`
    if isinstance(expr, cst.Call) and _callee_of(expr) in ("map", "imap", "imap_unordered") and len(expr.args) >= 2 \
            and isinstance(expr.args[0].value, (cst.Name, cst.Attribute)):
        return _callee_of(cst.Call(func=expr.args[0].value))  # `pool.map(featurise, paths)`, `list(map(f, xs))`
    if isinstance(expr, cst.Call) and _callee_of(expr) == "list" and expr.args:
        return _gathered_callee(expr.args[0].value)
    if isinstance(expr, cst.Call) and _callee_of(expr) == "gather" and expr.args:
        first = expr.args[0].value
        if isinstance(first, (cst.ListComp, cst.GeneratorExp)):
            return _callee_of(first.elt)
        return _callee_of(first)
    return None


def _lists_failures(node: cst.CSTNode, sources: set[str]) -> bool:
    """`[i for i, r in zip(ids, raw) if r is None]`: a comprehension over one of `sources` keeping the failures."""
    if not sources or not isinstance(node, (cst.ListComp, cst.GeneratorExp, cst.SetComp)):
        return False
    comp = node.for_in
    names = {n.value for n in iter_nodes(comp.iter) if isinstance(n, cst.Name)}
    return bool(names & sources) and any(
        isinstance(c.test, cst.Comparison) and len(c.test.comparisons) == 1 and isinstance(
            c.test.comparisons[0].operator, (cst.Is, cst.Equal)) and isinstance(c.test.comparisons[0].comparator, cst.Name)
        and c.test.comparisons[0].comparator.value == "None" for c in comp.ifs)


def _none_tested_in(test: cst.BaseExpression) -> str | None:
    """x for `if x` and `if x is not None` in a comprehension."""
    if isinstance(test, cst.Name):
        return test.value
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and isinstance(test.left, cst.Name) and isinstance(
            test.comparisons[0].operator, (cst.IsNot, cst.NotEqual)) and isinstance(
            test.comparisons[0].comparator, cst.Name) and test.comparisons[0].comparator.value == "None":
        return test.left.value
    return None


def _swallow_traced(block: cst.BaseSuite) -> bool:
    """The branch counts or logs what it skips."""
    return any(isinstance(n, cst.AugAssign) or (isinstance(n, cst.Call) and isinstance(n.func, (cst.Name, cst.Attribute))
               and TRACE_CALL.search(n.func.attr.value if isinstance(n.func, cst.Attribute) else n.func.value))
               for n in iter_nodes(block))


# Fields that say whether the grading itself worked, not what the grade is.
STATUS_FIELDS = re.compile(r"(?i)^(ok|success\w*|valid\w*|is_valid|parsed|parse_ok|\w*error\w*|fail\w*|done|finished)$")
RESULT_FIELDS = re.compile(r"(?i)^(value|score|label|grade|verdict|correct|answer|rating|points|reward)$")
# Judge grades by what they rate: `{"harm": 0}`, `{"toxicity": 0.0}`.
RATED_FIELDS = re.compile(r"(?i)^(\w+_)?(score|grade|rating|harm\w*|toxic\w*|safety|helpful\w*|honest\w*|"
                          r"quality|correct\w*|accura\w*|preference|win|reward)$")


def _handler_statements(handler: cst.ExceptHandler) -> list[cst.BaseSmallStatement | None]:
    """The handler's simple statements in order (None for a compound statement: an `if`, a loop)."""
    return [s for st in (handler.body.body if isinstance(handler.body, cst.IndentedBlock) else [])
            for s in (st.body if isinstance(st, cst.SimpleStatementLine) else [None])]


# Keywords that name the response model a structured-output call must fill (instructor, OpenAI `.parse`,
# the Responses API, pydantic-ai, LangChain `with_structured_output`).
SCHEMA_KEYWORDS = frozenset({"response_model", "response_format", "text_format", "output_type", "schema"})


def _asked_schema(record: cst.Call, try_node: cst.Try) -> bool:
    """The handler builds an instance of the very class a call in the `try` asks the model to fill
    (`response_model=Verdict` ... `except ...: return Verdict(caved=False, ...)`): a verdict made up."""
    name = record.func.value if isinstance(record.func, cst.Name) else None
    return name is not None and any(
        isinstance(n, cst.Arg) and n.keyword is not None and n.keyword.value in SCHEMA_KEYWORDS
        and isinstance(n.value, cst.Name) and n.value.value == name for n in iter_nodes(try_node.body))


def _marked_result(handler: cst.ExceptHandler, try_node: cst.Try | None = None) -> tuple[cst.BaseExpression, str, str] | None:
    """`return {"harm": 0, "reason": "unparsed"}`, `return Verdict(harmful=False, rationale="unparsed")` (a
    response model of a structured-output judge): (the returned grade, the key of the note, the note) when the
    handler only returns a record whose grade is a constant and whose failure is a note. A record of the class
    the `try` asks the model to fill (`response_model=Verdict`) is a made-up verdict whatever its fields are
    called (`Verdict(caved=False, rationale="judge output did not validate")`)."""
    smalls = _handler_statements(handler)
    if len(smalls) != 1 or not isinstance(smalls[0], cst.Return):
        return None
    value = smalls[0].value
    if isinstance(value, cst.Dict):
        fields = [(string_value(e.key) or "", e.value) for e in value.elements if isinstance(e, cst.DictElement)]
    elif isinstance(value, cst.Call) and isinstance(value.func, (cst.Name, cst.Attribute)) and value.args \
            and all(a.keyword is not None for a in value.args):
        fields = [(a.keyword.value, a.value) for a in value.args if a.keyword is not None]
    else:
        return None
    schema = try_node is not None and isinstance(value, cst.Call) and _asked_schema(value, try_node)
    graded = [k for k, v in fields if (schema or RATED_FIELDS.match(k)) and _constant(v) is not None
              and isinstance(v, (cst.Integer, cst.Float, cst.Name))]
    notes = [(k, string_value(v) or "") for k, v in fields if isinstance(v, cst.SimpleString)
             and (schema or ERRORISH.search(string_value(v) or ""))]
    if not graded or not notes:
        return None
    return smalls[0].value, notes[0][0], notes[0][1].strip()


# A reply's verdict kept as a flag (`refused`, `is_jailbroken`, `complied`, `harmful`, `success`).
VERDICT_FLAGS = re.compile(r"(?i)^(is_|was_)?(refus\w*|jailbr\w*|compl(y|ied|ies|iance)\w*|harm\w*|unsafe|toxic\w*|"
                           r"success\w*|flip\w*|decept\w*|sycophan\w*|agree\w*|correct\w*)$")


def _success_class(handler: cst.ExceptHandler, try_node: cst.Try) -> str | None:
    """`labels.append("refused")` (or `label = "refused"`) as the handler's only statement, where the `try` puts
    a choice between that string and another into the same place: the failure becomes one of the classes."""
    smalls = _handler_statements(handler)
    if len(smalls) != 1:
        return None
    small = smalls[0]
    if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) and isinstance(small.value.func, cst.Attribute) \
            and small.value.func.attr.value == "append" and len(small.value.args) == 1:
        place, value = cst.Module([]).code_for_node(small.value.func.value), small.value.args[0].value
    elif isinstance(small, cst.Assign) and len(small.targets) == 1:
        place, value = cst.Module([]).code_for_node(small.targets[0].target), small.value
    else:
        return None
    label = string_value(value) if isinstance(value, cst.SimpleString) else None
    if not label:
        return None
    for node in iter_nodes(try_node.body):
        chosen = None
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "append" \
                and len(node.args) == 1 and cst.Module([]).code_for_node(node.func.value) == place:
            chosen = node.args[0].value
        elif isinstance(node, cst.Assign) and len(node.targets) == 1 and cst.Module([]).code_for_node(node.targets[0].target) == place:
            chosen = node.value
        if isinstance(chosen, cst.IfExp):
            options = {string_value(chosen.body), string_value(chosen.orelse)}
            if label in options and len(options - {None}) == 2:
                return f'"{label}"'
    return None


def _class_given_to_failure(handler: cst.ExceptHandler, function: cst.FunctionDef) -> str | None:
    """The handler's only statement returns the verdict a successful reply is given, as a constant: a record whose
    verdict flag is a constant bool with no field marking the failure (`return {"refused": True, "text": ""}`, where
    another return of the function computes `"refused"`), or a class label that another return of the function
    chooses (`return "refusal"` beside `return "refusal" if ... else "complied"`). The code shown, else None."""
    smalls = _handler_statements(handler)
    if len(smalls) != 1 or not isinstance(smalls[0], cst.Return) or smalls[0].value is None:
        return None
    value = smalls[0].value
    others = [n.value for n in iter_nodes(function.body) if isinstance(n, cst.Return) and n.value is not None
              and n is not smalls[0]]
    if isinstance(value, cst.SimpleString):
        label = string_value(value)
        for other in others:
            if isinstance(other, cst.IfExp):
                options = {string_value(other.body), string_value(other.orelse)}
                if label in options and len(options - {None}) == 2:
                    return value.value
        return None
    if not isinstance(value, cst.Dict):
        return None
    fields = [(string_value(e.key) or "", e.value) for e in value.elements if isinstance(e, cst.DictElement)]
    if any(ERRORISH.search(k) or STATUS_FIELDS.match(k) for k, _ in fields if not VERDICT_FLAGS.match(k)):
        return None  # the failure is marked beside the verdict (`_marked_record` reads whether anything counts it)
    if any(not (isinstance(v, cst.Name) and v.value in ("True", "False", "None")) and _constant(v) is None
           for _, v in fields):
        return None  # the handler keeps something of the failure (the exception's text, the item)
    flags = [k for k, v in fields if VERDICT_FLAGS.match(k) and not re.match(r"(?i)(is_|was_)?success", k)
             and isinstance(v, cst.Name) and v.value in ("True", "False")]
    for other in others:
        if isinstance(other, cst.Dict) and any(
                isinstance(e, cst.DictElement) and string_value(e.key) in flags and _constant(e.value) is None
                and not (isinstance(e.value, cst.Name) and e.value.value in ("True", "False", "None"))
                for e in other.elements):
            return " ".join(cst.Module([]).code_for_node(value).split())[:60]
    return None


def _marked_record(handler: cst.ExceptHandler) -> tuple[cst.BaseExpression, str, str] | None:
    """`results.append({"id": i, "refused": True, "error": str(e)})` or `return {"refused": True, "reply": str(e)}`
    as the handler's only statement: the failed request kept with a constant verdict flag (counted like a real
    verdict) and the error beside it, under a key that says so or as the exception's own text."""
    smalls = _handler_statements(handler)
    if len(smalls) == 1 and isinstance(smalls[0], cst.Return):
        record = smalls[0].value
    else:
        call = smalls[0].value if len(smalls) == 1 and isinstance(smalls[0], cst.Expr) else None
        if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == "append"
                and len(call.args) == 1):
            return None
        record = call.args[0].value
    if not isinstance(record, cst.Dict):
        return None
    fields = [(string_value(e.key) or "", e.value) for e in record.elements if isinstance(e, cst.DictElement)]
    flags = [k for k, v in fields if VERDICT_FLAGS.match(k) and (
        (isinstance(v, cst.Name) and v.value in ("True", "False")) or (isinstance(v, cst.Integer) and v.value in ("0", "1")))]
    if isinstance(smalls[0], cst.Return):  # `return {"success": False, "error": ...}`: the call's own status
        flags = [k for k in flags if not re.match(r"(?i)(is_|was_)?success", k)]
    bound = handler.name.name.value if handler.name is not None and isinstance(handler.name.name, cst.Name) else None
    notes = [k for k, v in fields if k not in flags and (ERRORISH.search(k) or STATUS_FIELDS.match(k) or (
        bound is not None and any(isinstance(n, cst.Name) and n.value == bound for n in iter_nodes(v))))]
    return (record, notes[0], notes[0]) if flags and notes else None


def _side_notes(handler: cst.ExceptHandler) -> set[cst.CSTNode]:
    """The strings beside a constant grade in a returned record (`Verdict(label="safe", reason="unparsed")`):
    the grade is what gets counted; a note in another field is no trace unless something reads it."""
    notes: set[cst.CSTNode] = set()
    for node in iter_nodes(handler.body):
        if not isinstance(node, cst.Return) or node.value is None or not _result_constant(node.value):
            continue
        record = node.value
        fields = ([(a.keyword.value, a.value) for a in record.args if a.keyword is not None]
                  if isinstance(record, cst.Call) else
                  [(string_value(e.key) or "", e.value) for e in record.elements if isinstance(e, cst.DictElement)]
                  if isinstance(record, cst.Dict) else [])
        notes.update(n for k, v in fields if not RESULT_FIELDS.match(k) and not STATUS_FIELDS.match(k)
                     for n in iter_nodes(v) if isinstance(n, cst.SimpleString))
    return notes


def _result_constant(expr: cst.BaseExpression) -> str | None:
    """`Score(value=0)`, `{"score": 0}`: a grade object whose grade is a constant (shown as its source)."""
    if isinstance(expr, cst.Call):
        fields = [(a.keyword.value, a.value) for a in expr.args if a.keyword is not None]
    elif isinstance(expr, cst.Dict):
        fields = [(string_value(e.key) or "", e.value) for e in expr.elements if isinstance(e, cst.DictElement)]
    else:
        return None
    graded = [(k, v) for k, v in fields if RESULT_FIELDS.match(k)]
    if not graded and isinstance(expr, cst.Dict) and fields and all(
            isinstance(v, cst.Name) and v.value in ("True", "False") for _, v in fields) and not any(
            STATUS_FIELDS.match(k) for k, _ in fields):
        graded = fields  # `{"caved": False}`: a judge's yes/no verdict, named for what it judges
    if not graded or any(_constant(v) is None and not (isinstance(v, cst.Name) and v.value.isupper()) for _, v in graded):
        return None
    # shown by its graded fields: `Verdict(label="unsupported")`, `{"score": 0}`
    shown = ", ".join((f"{k}=" if isinstance(expr, cst.Call) else f'"{k}": ') + cst.Module([]).code_for_node(v)
                      for k, v in graded)
    head = cst.Module([]).code_for_node(expr.func) if isinstance(expr, cst.Call) else ""
    return (f"{head}({shown})" if isinstance(expr, cst.Call) else "{" + shown + "}")[:60]


EXEC_CALLS = frozenset({"exec", "eval", "check_output", "check_call", "Popen", "run_test", "run_tests", "unsafe_execute"})


def _runs_code(try_node: cst.Try) -> bool:
    """`exec(test, ctx)`, `subprocess.run(...)`: the try executes code, and its exception is the result."""
    return any(c in EXEC_CALLS for c in _calls(try_node))


def _none_then_skipped(handler: cst.ExceptHandler, try_node: cst.Try,
                       parents: list[cst.CSTNode]) -> tuple[str, str] | None:
    """`except: reply = None` and, later in the loop, `if reply is None: continue`: a skip in two steps."""
    block = handler.body
    statements = list(block.body) if isinstance(block, cst.IndentedBlock) else [block]
    names = set()
    for statement in statements:
        if not isinstance(statement, cst.SimpleStatementLine):
            return None
        for small in statement.body:
            if isinstance(small, cst.Assign) and isinstance(small.value, cst.Name) and small.value.value == "None":
                names.update(t.target.value for t in small.targets if isinstance(t.target, cst.Name))
            elif not isinstance(small, cst.Pass):
                return None
    container = parents[-2] if len(parents) >= 2 else None
    if not names or not isinstance(container, cst.IndentedBlock):
        return None
    after = list(container.body)
    index = next((i for i, statement in enumerate(after) if statement is try_node), None)
    for statement in after[index + 1:] if index is not None else ():
        if isinstance(statement, cst.If) and _none_tested(statement.test) in names and statement.orelse is None:
            body = statement.body
            smalls = [x for st in (body.body if isinstance(body, cst.IndentedBlock) else [body])
                      if isinstance(st, cst.SimpleStatementLine) for x in st.body]
            if smalls and isinstance(smalls[-1], cst.Continue) and len(smalls) == 1:
                return "continue", ""
    return None


def _can_fail_on_item(try_node: cst.Try) -> bool:
    """The `try` calls something or reads a field: it can fail on a bad item. A bare store
    (`names[key] = value`) cannot fail on the data."""
    stores = {id(t.target) for n in iter_nodes(try_node.body) if isinstance(n, cst.Assign) for t in n.targets}
    return any(isinstance(n, cst.Call) or (isinstance(n, cst.Subscript) and id(n) not in stores)
               for n in iter_nodes(try_node.body))


def _marker_filter(try_node: cst.Try, loop: cst.For | cst.While) -> bool:
    """`try: i = tokens.index(start_token) ... except: continue`: the only thing that can fail is the
    search for a fixed marker (a name the loop does not set) in each item, so the handler drops the
    items without it, as `if start_token not in tokens: continue` would: a filter, not a failure.
    Searching for a value of the item itself (`choices.index(pred)`) is a parse, and stays."""
    assigned = {n.value for node in iter_nodes(loop.body) if isinstance(node, (cst.AssignTarget, cst.For))
                for n in iter_nodes(node.target) if isinstance(n, cst.Name)}
    if isinstance(loop, cst.For):
        assigned |= {n.value for n in iter_nodes(loop.target) if isinstance(n, cst.Name)}
    searches = 0
    for node in iter_nodes(try_node.body):
        if isinstance(node, cst.Subscript) and not all(isinstance(e.slice, cst.Slice) for e in node.slice):
            return False  # a field or an element read can fail on the item
        if not isinstance(node, cst.Call):
            continue
        func = node.func
        if isinstance(func, cst.Name) and func.value == "len":
            continue
        if not (isinstance(func, cst.Attribute) and func.attr.value == "index" and len(node.args) == 1):
            return False
        names = {n.value for n in iter_nodes(node.args[0].value) if isinstance(n, cst.Name)}
        if not isinstance(node.args[0].value, (cst.Name, cst.Attribute, cst.SimpleString, cst.Integer)) or names & assigned:
            return False
        searches += 1
    return searches > 0


def _requeued(try_node: cst.Try, parents: list[cst.CSTNode], loop: cst.For | cst.While) -> bool:
    """`except Exception: pass` falls through to `again.append(slot)`, and the `while` loop around works on
    `waiting = again` (or on `again` itself): the failed item is asked again, not dropped (held-out set 29:
    a writer that re-asks a model with a stricter prompt and gives a placeholder after the last try)."""
    statements = list(loop.body.body) if isinstance(loop.body, cst.IndentedBlock) else []
    position = next((i for i, statement in enumerate(statements) if statement is try_node), None)
    if position is None:
        return False
    queues = {n.func.value.value for statement in statements[position + 1:] for n in iter_nodes(statement)
              if isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and isinstance(n.func.value, cst.Name)
              and n.func.attr.value in COLLECT_METHODS}
    index = next((i for i, p in enumerate(parents) if p is loop), None)
    if not queues or index is None:
        return False
    for outer in reversed(parents[:index]):
        if isinstance(outer, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            return False
        if not isinstance(outer, cst.While):
            continue
        tested = {n.value for n in iter_nodes(outer.test) if isinstance(n, cst.Name)}
        if queues & tested or any(
                isinstance(n, cst.Assign) and isinstance(n.value, cst.Name) and n.value.value in queues
                and any(isinstance(t.target, cst.Name) and t.target.value in tested for t in n.targets)
                for n in iter_nodes(outer.body)):
            return True
    return False


# Calls that cannot fail on aligned operands: reductions of an elementwise result, collecting it, formatting it.
_SAFE_CALLS = frozenset({"mean", "sum", "all", "any", "std", "var", "median", "count", "nunique", "item", "round",
                         "float", "int", "str", "len", "dict", "join", "format", "abs"}) | COLLECT_METHODS
# Values whose elementwise comparison aligns by position, not by labels.
_POSITIONAL = re.compile(r"reset_index\(|to_numpy\(|\.values$|(^|\.)(as)?array\(|tolist\(")
_CODE = cst.Module([]).code_for_node


def _guarded_comparison(try_node: cst.Try, parents: list[cst.CSTNode], loop: cst.For | cst.While) -> bool:
    """`a = ...reset_index(drop=True)`, `b = ...`, `if len(a) != len(b): continue`, then
    `try: rate = (a == b).mean() except ValueError: continue`: the only error the elementwise comparison
    raises (unequal lengths, misaligned pandas labels) is excluded before the try, which cannot fail on its
    inputs (held-out set 29: one agreement rate per round and pair of raters, a point of a plot)."""
    if not isinstance(try_node, cst.Try) or [_caught(h) for h in try_node.handlers] != [["ValueError"]]:
        return False
    operands: set[tuple[str, str]] = set()
    for node in iter_nodes(try_node.body):
        if isinstance(node, cst.Call):
            if _callee_text(node.func).rsplit(".", 1)[-1] not in _SAFE_CALLS:
                return False
        elif isinstance(node, cst.Comparison) and len(node.comparisons) == 1:
            left, right = node.left, node.comparisons[0].comparator
            if isinstance(left, cst.Name) and isinstance(right, cst.Name):
                operands.add((left.value, right.value))
        elif isinstance(node, cst.BinaryOperation) and isinstance(node.left, cst.Name) and isinstance(node.right, cst.Name):
            operands.add((node.left.value, node.right.value))
    block = parents[-2] if len(parents) >= 2 else None
    if not operands or not isinstance(block, cst.IndentedBlock) or block is not loop.body:
        return False
    before = list(block.body)[:next((i for i, s in enumerate(block.body) if s is try_node), 0)]
    bound = {t.target.value: value for statement in before for n in iter_nodes(statement) if isinstance(n, cst.Assign)
             for t in n.targets if isinstance(t.target, cst.Name) for value in [n.value]}

    def lengths_differ(test: cst.BaseExpression, a: str, b: str) -> bool:
        for n in iter_nodes(test):
            if isinstance(n, cst.Comparison) and len(n.comparisons) == 1 and isinstance(
                    n.comparisons[0].operator, cst.NotEqual):
                sides = {_CODE(n.left).replace(" ", ""), _CODE(n.comparisons[0].comparator).replace(" ", "")}
                if sides == {f"len({a})", f"len({b})"}:
                    return True
        return False

    for a, b in operands:
        if not all(name in bound and _POSITIONAL.search(" ".join(_CODE(bound[name]).split())) for name in (a, b)):
            continue
        if any(isinstance(s, cst.If) and lengths_differ(s.test, a, b) and _exits(s.body) for s in before):
            return True
    return False


def _exits(block: cst.BaseSuite) -> bool:
    statements = list(block.body) if isinstance(block, cst.IndentedBlock) else [block]
    last = statements[-1] if statements else None
    smalls = last.body if isinstance(last, cst.SimpleStatementLine) else (
        last.body if isinstance(last, cst.SimpleStatementSuite) else [])
    return any(isinstance(s, (cst.Continue, cst.Return, cst.Break, cst.Raise)) for s in smalls)


def _search_function(parents: list[cst.CSTNode], loop: cst.For | cst.While) -> bool:
    """The function around the loop returns one record it finds (a `return` with a value inside another loop) or
    None when nothing matches, and divides nothing: a lookup, where a line that cannot be parsed is no evaluated
    item and no rate loses it (held-out set 29: a conversation log searched for the dialogue an annotation
    sample came from)."""
    function = next((p for p in reversed(parents) if isinstance(p, cst.FunctionDef)), None)
    if function is None:
        return False
    found = gave_up = False
    stack: list[tuple[cst.CSTNode, bool]] = [(function.body, False)]
    while stack:
        node, in_loop = stack.pop()
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)) or node is loop:
            continue
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.Divide, cst.FloorDivide)):
            return False
        if isinstance(node, cst.Call) and _callee_text(node.func).rsplit(".", 1)[-1] in ("mean", "sum", "average"):
            return False
        if isinstance(node, cst.Return):
            if node.value is None or (isinstance(node.value, cst.Name) and node.value.value == "None"):
                gave_up = True
            elif in_loop:
                found = True
        stack.extend((child, in_loop or isinstance(node, (cst.For, cst.While))) for child in iter_children(node))
    return found and gave_up
