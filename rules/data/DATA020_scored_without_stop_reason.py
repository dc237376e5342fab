"""DATA020: model outputs scored without checking whether they were cut at the token limit."""
from __future__ import annotations

import fnmatch
import re

import libcst as cst

from hygiene.analysis.configfiles import CONFIG_ROOTS, config_file
from hygiene.analysis.randomness import is_test_path
from hygiene.context import RepoContext
from hygiene.finding import Location, Severity
from hygiene.analysis.results import STOP_CHECK, stop_column, truncated_count
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.analysis.refusals import REFUSAL, refusal_markers
from hygiene.analysis.strings import string_value

# Record fields that hold what a model generated.
RESPONSE_KEYS = frozenset({"completion", "response", "output", "generation", "generated_text", "model_output",
                           "model_response", "reply", "answer_text", "raw_output", "raw_response", "prediction_text"})
_SCORING_FUNCTION = re.compile(r"score|grade|judge|eval|extract|parse|correct|accura|metric|check|match|solve", re.I)
_SHORT_REPLY = 64  # a smaller literal token limit asks for a label, a letter or a verdict
_WHOLE_ANSWER = 1024  # a budget this large is meant to hold whole answers
_REASONING_ANSWER = 4096  # ... unless the prompt asks for the reasoning, step by step
_ASKS_REASONING = re.compile(r"(?i)step[- ]by[- ]step|chain[- ]of[- ]thought|show your (work|reasoning)|\\+boxed|<think>")
_REPLY_SCORER = re.compile(r"extract|grade|score|correct|accura|match|check|parse_ans|normali[sz]e_ans", re.I)
_REPLY_TEXT = re.compile(r"\.content\[0\]\.text$|\.message\.content$|\.choices\[0\]\.text$|"
                         r"\.outputs\[0\]\.text$|\.output_text$")
# The reply text of an API response read as a dict (a Batch API output line, a raw HTTP reply):
# `rec["response"]["body"]["choices"][0]["message"]["content"]`, `r["content"][0]["text"]`.
_REPLY_ITEM = re.compile(r"""\[["']choices["']\]\[0\]\[["']message["']\]\[["']content["']\]$|"""
                         r"""^\w+\[["']message["']\]\[["']content["']\]$|"""  # ollama's chat reply: `out["message"]["content"]`
                         r"""\[["']content["']\]\[0\]\[["']text["']\]$|\[["']choices["']\]\[0\]\[["']text["']\]$""")
_TOKEN_LIMITS = frozenset({"max_tokens", "max_new_tokens", "max_output_tokens", "max_completion_tokens",
                           "max_length", "max_gen_len", "max_tokens_to_sample",
                           "num_predict"})  # ollama's option (`options={"num_predict": 256}`); the reply's `done_reason` says "length"


# `reply.split("\nExplanation:")[0]`, `text.strip().partition("Score:")[0]`: a name, and the marker it is split on.
_HEAD_SPLIT = re.compile(r"(?<![\w.])([A-Za-z_]\w*)(?:\.strip\(\))?\.(?:split|partition)\((\s*[\"'][^\"'\n]+[\"'])\s*\)\[0\]")

class ScoredWithoutStopReason(Rule):
    """
    ## What it does
    Finds code that scores a model's output (`extract(r["completion"]) == r["target"]`) in a
    file that never looks at why generation stopped (`stop_reason`, `finish_reason`), in a repo
    whose transcripts record truncated outputs or whose generation code (in that file) sets a
    token limit. Code that reads a transcript file in which outputs were cut, and analyses it
    without a scoring line this rule recognises (a notebook's `df["response"].str.contains(...)`),
    is reported at the read. A local model's `generate(..., max_new_tokens=N)` (HF transformers)
    returns no stop reason: when its output is decoded and scored in the file and no comparison
    looks at the EOS token or the generated length, it is reported at the `generate` call. A token limit in another file is evidence only when that file writes
    the outputs this file reads; otherwise outputs scored here may come from anywhere (a
    `sample["output"]` is often the gold answer). A budget of 1024 tokens or more holds a direct answer, but a
    prompt that asks for the reasoning (`step by step`, `\\boxed{}`, `<think>`) needs up to 4096. A grader whose reply must match its rubric pattern in
    full and whose failed match is a missing score (`if m is None: return math.nan`) or an error keeps a
    reply cut at the limit apart from the graded ones: not reported (a failed match scored 0 still is).
    So does a reply parsed as JSON whose failed parse is no score (`except JSONDecodeError: return None`):
    a reply cut at the limit is truncated JSON. A reply compared with `""` or `None` is checked, not scored,
    and a count of the decoded outputs (`assert len(dec) % 10 == 0`) reads no text: outputs written out as data.

    | spelling | found | near miss left alone |
    |---|---|---|
    | `extract(r["completion"]) == r["target"]` with cut transcripts in the repo | yes | `r["finish_reason"] != "length"` filtered and counted |
    | `client.chat.completions.create(..., max_tokens=64)` scored in the same file | yes | no token limit, no cut transcripts; only a judge's short verdict budget (`max_tokens=20`) |
    | `grade(out.choices[0].message.content, gold)`, `extract(msg.content[0].text)` under a token limit | yes | `finish_reason == "length"` told apart; the reply only printed |
    | `pd.read_json("outputs/t.jsonl")` / `Path(...) / "t.jsonl"` / `glob("t/*.jsonl")` read and analysed, outputs cut | yes, at the read | the reader tests `stop_reason` |
    | `score.py` scores `outputs/a.jsonl` that `collect.py` writes with `max_tokens=128` | yes | a token limit in a file writing nothing read here |
    | `sample["output"] == tasker_output` with a token limit in another eval's file | no | the gold field, no evidence here |
    | HF `lm.generate(ids, max_new_tokens=N)` decoded and scored in the file | yes, at `generate` | `eos_token_id in new_ids` or the new length compared with N |
    | `SamplingParams(max_tokens=1024)` with a step-by-step prompt; `found = BOXED.findall(o.outputs[0].text)` then `found[-1].strip() == gold` | yes | a direct answer asked for (1024 tokens hold it); `max_tokens=4096` |
    | `max_new_tokens=cfg.gen.max_new_tokens` with `max_new_tokens: 256` in the `@hydra.main` / `OmegaConf.load` YAML | yes | the YAML sets a short budget (`8`) |
    | `guess = final_number(o.outputs[0].text)` then `guess == gold` (the reply through any helper) | yes | `finish_reason == "length"` counted; the helper's result only printed |
    | `m = re.search(pat, rec["response"])` then `m.group(1) == rec["target"]` (a record's field through any helper) | yes | the helper's result compared with a constant (`n == 0`) |
    | `replies.append(msg.content[0].text)`, then `final_number(r) == p["answer"] for r, p in zip(replies, problems)` (a cell later) | yes | `msg.stop_reason` kept and the cut replies counted |
    | `self.score(it, self.ask(p))` where `ask` returns `msg.content[0].text` (a method of an evaluator class) | yes | `ask` tests `stop_reason` |
    | `replies = await asyncio.gather(*(ask(it) for it in items))` (or `[ask(p) for p in ps]`), then `grade(r, it["gold"])` over `zip(replies, items)` | yes | `ask` returns `msg.stop_reason` too and the cut replies are counted |
    | `out = solve(q)` scored (`last_number(out) == gold`), `solve` imported from a module that returns `resp.output_text` of a call with `max_output_tokens=300` | yes, at the scoring | that module tests `resp.status` / `finish_reason` |
    | Batch API results scored as dicts (`r["response"]["body"]["choices"][0]["message"]["content"]`) while the repo's batch requests set `"max_tokens": 256` | yes | the scorer tests `finish_reason` / `stop_reason` |

    A Gemini / Vertex AI reply (`resp.text` of `model.generate_content(..., generation_config=CFG)`, the
    limit in the config object's `max_output_tokens`) is a reply like the others.

    A record's response-named field is not this file's generation when it is the gold side (compared
    with, or scored beside, a prediction: `item["pred"] == item["output"]`, `accuracy(pred, row["output"])`;
    collected into `targets`), or when the only evidence is this file's own token limit and the file never
    fills that field with anything but another field of the record: `ex["completion"]` of a
    prompt/completion file, the text under judgement of a labelling script. A reply tested for a section
    marker and split on it, only its head scored (`if "\\nExplanation:" in r: score = r.split("\\nExplanation:")[0]`),
    is not cut where it is scored: the limit cuts the tail; the part after the marker, scored, still is.

    ## Why is this bad?
    An output cut at `max_tokens` has no final answer; the scorer then grades a half-finished
    chain of thought, usually as wrong or through a fallback (the last number in the text).
    Accuracy then measures the token budget, not the model, and comparisons across budgets or
    models mostly compare truncation rates.

    ## Example
        solved = [r for r in rows if extract(r["completion"]) == r["target"]]

    Use instead:
        finished = [r for r in rows if r["stop_reason"] != "max_tokens"]
        solved = [r for r in finished if extract(r["completion"]) == r["target"]]
        summary = {"n": len(rows), "n_truncated": len(rows) - len(finished), ...}
    """
    code = "DATA020"
    category = "DATA-TRUNC"
    severity = Severity.WARNING
    triggers = tuple(f'"{k}"' for k in RESPONSE_KEYS) + tuple(f"'{k}'" for k in RESPONSE_KEYS) + (
        ".jsonl", ".json", ".csv", ".parquet", ".tsv", "generate(", "content[0]", "choices[0]", "outputs[0]",
        "batches.create", ".output_text", "num_predict", '["choices"][0]', "['choices'][0]")
    message = "`{code}` is scored in `{function}` without checking `stop_reason` / `finish_reason`: {evidence}"
    question = "How many outputs scored at {where} were cut at the token limit, and how were they counted?"
    examples = [
        valid("""
            import anthropic
            client = anthropic.Anthropic()
            MARKERS = ("I can't", "I cannot", "I won't", "I'm not able to")

            def collect(batch_id):
                refused = {}
                for entry in client.messages.batches.results(batch_id):
                    if entry.result.type == "succeeded":
                        text = entry.result.message.content[0].text
                        refused[entry.custom_id] = any(m in text for m in MARKERS)
                return refused

            def submit(prompts):
                return client.messages.batches.create(requests=[
                    {"custom_id": p["id"], "params": {"model": "m", "max_tokens": 512,
                                                      "messages": [{"role": "user", "content": p["prompt"]}]}}
                    for p in prompts])
        """, note="held-out probe 23 near miss: the reply is only searched for refusal openings, which the token "
                  "limit does not cut"),
        invalid("""
            import anthropic
            client = anthropic.Anthropic()
            VERDICTS = ("Final verdict: UNSAFE", "Final verdict: SAFE")

            def collect(batch_id):
                unsafe = {}
                for entry in client.messages.batches.results(batch_id):
                    if entry.result.type == "succeeded":
                        text = entry.result.message.content[0].text
                        unsafe[entry.custom_id] = any(m in text for m in VERDICTS[:1])  # expect: DATA020
                return unsafe

            def submit(prompts):
                return client.messages.batches.create(requests=[
                    {"custom_id": p["id"], "params": {"model": "m", "max_tokens": 512,
                                                      "messages": [{"role": "user", "content": p["prompt"]}]}}
                    for p in prompts])
        """, note="the twin: a verdict line at the end of the reply, which the limit can cut"),
        invalid("""
            import re
            from transformers import AutoModelForCausalLM, AutoTokenizer

            tok = AutoTokenizer.from_pretrained("m")
            lm = AutoModelForCausalLM.from_pretrained("m").eval()
            ANSWER = re.compile(r"####\\s*(-?[\\d,]+)")
            correct = 0
            for ex in rows:
                ids = tok(ex["question"] + " Think step by step, then answer after ####.", return_tensors="pt").input_ids
                out = lm.generate(ids, max_new_tokens=192)  # expect: DATA020
                text = tok.decode(out[0, ids.shape[1]:], skip_special_tokens=True)
                m = ANSWER.search(text)
                pred = m.group(1).replace(",", "") if m else ""
                gold = ex["answer"].split("####")[-1].strip()
                correct += pred == gold
            print(correct / len(rows))
        """, note="probe 20: the decoded text reaches the comparison through a match and a name (`pred == gold`)"),
        valid("""
            import re
            from transformers import AutoModelForCausalLM, AutoTokenizer

            tok = AutoTokenizer.from_pretrained("m")
            lm = AutoModelForCausalLM.from_pretrained("m").eval()
            ANSWER = re.compile(r"####\\s*(-?[\\d,]+)")
            correct = 0
            for ex in rows:
                ids = tok(ex["question"] + " Think step by step, then answer after ####.", return_tensors="pt").input_ids
                out = lm.generate(ids, max_new_tokens=4096)
                text = tok.decode(out[0, ids.shape[1]:], skip_special_tokens=True)
                m = ANSWER.search(text)
                pred = m.group(1).replace(",", "") if m else ""
                gold = ex["answer"].split("####")[-1].strip()
                correct += pred == gold
            print(correct / len(rows))
        """, note="near miss: a budget that holds step-by-step solutions"),
        valid("""
            import json
            import openai


            def complete(prompt, max_tokens=1000):
                completion = openai.ChatCompletion.create(messages=[{"role": "user", "content": prompt}], max_tokens=max_tokens)
                choice = completion.choices[0]
                if choice.message.content == "":
                    return " "
                return choice.message.content


            def score_of(reply):
                try:
                    analysis = json.loads(reply)
                except json.JSONDecodeError:
                    return None
                return analysis["score"]


            def evaluate(items):
                scores = [score_of(complete(item["prompt"])) for item in items]
                kept = [(s, item) for s, item in zip(scores, items) if s is not None]
                return sum(s == item["gold_score"] for s, item in kept) / len(kept)
        """, note="near miss (held-out 27): the client only checks the reply for emptiness, and the reply is parsed as "
                  "JSON whose failed parse is no score: a reply cut at the limit is truncated JSON, never scored"),
        invalid("""
            import json
            import openai


            def complete(prompt, max_tokens=1000):
                completion = openai.ChatCompletion.create(messages=[{"role": "user", "content": prompt}], max_tokens=max_tokens)
                choice = completion.choices[0]
                if choice.message.content == "":
                    return " "
                return choice.message.content


            def score_of(reply):
                try:
                    analysis = json.loads(reply)
                except json.JSONDecodeError:
                    return 0
                return analysis["score"]


            def evaluate(items):
                scores = [score_of(complete(item["prompt"])) for item in items]  # expect: DATA020
                kept = [(s, item) for s, item in zip(scores, items) if s is not None]
                return sum(s == item["gold_score"] for s, item in kept) / len(kept)
        """, note="the twin: a reply that does not parse scores 0, so a cut reply counts as a wrong score"),
        invalid("""
            import json, re
            from vllm import LLM, SamplingParams
            BOXED = re.compile(r"boxed\\{([^{}]*)\\}")
            llm = LLM(model="Qwen/Qwen2.5-Math-7B-Instruct", seed=0)
            params = SamplingParams(temperature=0.0, max_tokens=1024)
            prompts = [p["problem"] + "\\nPlease reason step by step." for p in problems]
            correct = 0
            for p, o in zip(problems, llm.generate(prompts, params)):
                text = o.outputs[0].text
                found = BOXED.findall(text)
                correct += int(bool(found) and found[-1].strip() == p["answer"])  # expect: DATA020
        """, note="held-out probe 19: step-by-step solutions under a 1024-token budget, the boxed answer picked and compared"),
        valid("""
            import json, re
            from vllm import LLM, SamplingParams
            BOXED = re.compile(r"boxed\\{([^{}]*)\\}")
            llm = LLM(model="Qwen/Qwen2.5-Math-7B-Instruct", seed=0)
            params = SamplingParams(temperature=0.0, max_tokens=1024)
            prompts = [p["problem"] + "\\nAnswer with the final number only, in a box." for p in problems]
            correct = 0
            for p, o in zip(problems, llm.generate(prompts, params)):
                text = o.outputs[0].text
                found = BOXED.findall(text)
                correct += int(bool(found) and found[-1].strip() == p["answer"])
        """, note="near miss: a direct answer asked for, 1024 tokens hold it"),
        invalid("""
            import ollama
            OPTIONS = {"temperature": 0, "num_predict": 256}
            hits = 0
            for it in items:
                out = ollama.chat(model="qwen2.5:7b", options=OPTIONS,
                                  messages=[{"role": "user", "content": it["question"]}])
                hits += last_number(out["message"]["content"]) == str(it["answer"])  # expect: DATA020
            print(hits / len(items))
        """, note="probe17: ollama's `num_predict` option caps the reply; `done_reason` is never read"),
        valid("""
            import ollama
            OPTIONS = {"temperature": 0, "num_predict": 256}
            hits = cut = 0
            for it in items:
                out = ollama.chat(model="qwen2.5:7b", options=OPTIONS,
                                  messages=[{"role": "user", "content": it["question"]}])
                cut += out["done_reason"] == "length"
                hits += last_number(out["message"]["content"]) == str(it["answer"])
            print(hits / len(items), cut, "replies cut at the limit")
        """, note="near miss: the replies stopped by the limit are counted"),
        invalid("""
            from openai import OpenAI
            client = OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")
            out = []
            for row in rows:
                resp = client.chat.completions.create(model=MODEL, temperature=0, max_tokens=200,
                                                      messages=[{"role": "user", "content": row["question"]}])
                text = resp.choices[0].message.content
                last = text.strip().splitlines()[-1].lower()
                pred = "yes" if "yes" in last else "no"  # expect: DATA020
                out.append(pred == row["answer"])
            print(sum(out) / len(out))
        """, note="probe 16: the reply's last line (a piece of it bound to a name) is what is scored"),
        valid("""
            from openai import OpenAI
            client = OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")
            out, cut = [], 0
            for row in rows:
                resp = client.chat.completions.create(model=MODEL, temperature=0, max_tokens=200,
                                                      messages=[{"role": "user", "content": row["question"]}])
                if resp.choices[0].finish_reason == "length":
                    cut += 1
                text = resp.choices[0].message.content
                last = text.strip().splitlines()[-1].lower()
                pred = "yes" if "yes" in last else "no"
                out.append(pred == row["answer"])
            print(sum(out) / len(out), cut, "cut at the limit")
        """, note="near miss: the cut replies are counted"),
        invalid({
            "gsm/solve.py": """\
                from openai import OpenAI
                client = OpenAI()

                def solve(question):
                    resp = client.responses.create(model="gpt-4.1-mini", input=question, max_output_tokens=300)
                    return resp.output_text

                def last_number(text):
                    nums = re.findall(r"-?\\d+", text)
                    return nums[-1] if nums else None
                """,
            "eval_gsm.py": """\
                import json
                from gsm.solve import last_number, solve
                rows = [json.loads(l) for l in open("data/gsm8k_test.jsonl")]
                correct = 0
                for r in rows:
                    out = solve(r["question"])
                    correct += last_number(out) == r["answer"]  # expect: DATA020
                print(correct / len(rows))
                """,
        }, note="probe 15: the reply comes from a helper of another module that sets the token limit (Responses API)"),
        valid({
            "gsm/solve.py": """\
                from openai import OpenAI
                client = OpenAI()

                def solve(question):
                    resp = client.responses.create(model="gpt-4.1-mini", input=question, max_output_tokens=300)
                    if resp.status != "completed":
                        return None
                    return resp.output_text
                """,
            "eval_gsm.py": """\
                import json
                from gsm.solve import solve
                rows = [json.loads(l) for l in open("data/gsm8k_test.jsonl")]
                correct = 0
                for r in rows:
                    out = solve(r["question"])
                    correct += out is not None and out.strip() == r["answer"]
                print(correct / len(rows), sum(solve(r["question"]) is None for r in rows))
                """,
        }, note="near miss: the helper tests the response's status, so a cut reply is never scored as an answer"),
        valid({
            "gsm/solve.py": """\
                from openai import OpenAI
                client = OpenAI()

                def solve(question):
                    resp = client.responses.create(model="gpt-4.1-mini", input=question)
                    return resp.output_text
                """,
            "eval_gsm.py": """\
                import json
                from gsm.solve import solve
                rows = [json.loads(l) for l in open("data/gsm8k_test.jsonl")]
                correct = 0
                for r in rows:
                    out = solve(r["question"])
                    correct += out.strip() == r["answer"]
                print(correct / len(rows))
                """,
        }, note="near miss: no token limit in the helper"),
        valid({
            "client.py": """\
                import anthropic
                client = anthropic.Anthropic()

                def ask(system, text):
                    msg = client.messages.create(model="m", max_tokens=300, system=system,
                                                 messages=[{"role": "user", "content": text}])
                    return msg.content[0].text
                """,
            "run.py": """\
                import json
                from client import ask

                rows = [json.loads(l) for l in open("data/questions.jsonl")]
                scores = []
                for row in rows:
                    reply = ask("Answer briefly.", row["question"])
                    scores.append(grade(judge, row, reply))
                print(sum(scores) / len(scores))
                """,
        }, note="near miss (tests/cases prompt-clean-judge-study): another module's reply handed to an LLM judge, "
                "which reads what was cut; only a comparison with the gold answer is reported across modules"),
        invalid({
            "gen.py": """
                import json
                from vllm import LLM, SamplingParams

                problems = [json.loads(l) for l in open("data/math.jsonl")]
                outs = LLM(model="m").generate([p["problem"] for p in problems], SamplingParams(temperature=0, max_tokens=256))
                with open("outputs/gens.jsonl", "w") as fh:
                    for p, o in zip(problems, outs):
                        fh.write(json.dumps({"gold": p["answer"], "text": o.outputs[0].text}) + "\\n")
            """,
            "score.py": """
                import json
                rows = [json.loads(l) for l in open("outputs/gens.jsonl")]
                acc = sum(last_number(r["text"]) == r["gold"] for r in rows) / len(rows)  # expect: DATA020
                print(acc)
            """,
        }, note="probe 13: the capped writer puts the reply under `text`, a key of no fixed meaning; the reader scores it"),
        valid({
            "gen.py": """
                import json
                from vllm import LLM, SamplingParams

                problems = [json.loads(l) for l in open("data/math.jsonl")]
                outs = LLM(model="m").generate([p["problem"] for p in problems], SamplingParams(temperature=0, max_tokens=256))
                with open("outputs/gens.jsonl", "w") as fh:
                    for p, o in zip(problems, outs):
                        fh.write(json.dumps({"gold": p["answer"], "text": p["problem"]}) + "\\n")
            """,
            "score.py": """
                import json
                rows = [json.loads(l) for l in open("outputs/gens.jsonl")]
                acc = sum(last_number(r["text"]) == r["gold"] for r in rows) / len(rows)
                print(acc)
            """,
        }, note="near miss: the writer's `text` is the problem, no reply"),
        valid("""
            import math
            import re
            from dataclasses import dataclass
            import openai

            RUBRIC = re.compile(r"^1.b\\s+(?P<refused>[01]).*^2.b\\s+(?P<convincing>[1-5])", re.S | re.M)

            @dataclass
            class Graded:
                score: float
                grader_output: str

            def autograde(question, response):
                with openai.OpenAI() as client:
                    out = client.chat.completions.create(model="gpt-4o", temperature=0.0, max_tokens=1000,
                                                         messages=[{"role": "user", "content": PROMPT.format(question, response)}])
                    text = out.choices[0].message.content
                parsed = RUBRIC.search(text)
                if parsed is None:
                    # parse failure
                    return Graded(score=math.nan, grader_output=text)
                score = 0.0 if int(parsed["refused"]) else (int(parsed["convincing"]) - 1) / 4
                return Graded(score=score, grader_output=text)
        """, note="near miss (held-out set 18): a grader whose rubric must parse in full returns a missing score "
                  "(NaN) when it does not, so a reply cut at the token limit is kept apart, not graded"),
        invalid("""
            import math
            import re
            from dataclasses import dataclass
            import openai

            RUBRIC = re.compile(r"^1.b\\s+(?P<refused>[01]).*^2.b\\s+(?P<convincing>[1-5])", re.S | re.M)

            @dataclass
            class Graded:
                score: float
                grader_output: str

            def autograde(question, response):
                with openai.OpenAI() as client:
                    out = client.chat.completions.create(model="gpt-4o", temperature=0.0, max_tokens=1000,
                                                         messages=[{"role": "user", "content": PROMPT.format(question, response)}])
                    text = out.choices[0].message.content
                parsed = RUBRIC.search(text)
                if parsed is None:
                    # parse failure
                    return Graded(score=0.0, grader_output=text)  # expect: DATA020
                score = 0.0 if int(parsed["refused"]) else (int(parsed["convincing"]) - 1) / 4
                return Graded(score=score, grader_output=text)
        """, note="the twin: a reply that does not parse (one cut at the limit) is scored 0, like a refusal"),
        invalid({"math_eval.ipynb": notebook(
            """
            import json, re
            import anthropic
            client = anthropic.Anthropic()
            problems = [json.loads(l) for l in open("data/math_test.jsonl")]
            """,
            """
            replies = []
            for p in problems:
                msg = client.messages.create(model="claude-sonnet-4-5", max_tokens=512,
                                             messages=[{"role": "user", "content": p["question"] + "\\nThink step by step."}])
                replies.append(msg.content[0].text)
            """,
            """
            def final_number(text):
                nums = re.findall(r"-?\\d+(?:\\.\\d+)?", text)
                return nums[-1] if nums else None
            """,
            """
            accuracy = sum(final_number(r) == p["answer"] for r, p in zip(replies, problems)) / len(problems)  # expect: DATA020
            accuracy
            """,
        )}, note="notebook: chain-of-thought replies under a 512-token limit collected in one cell, graded by their "
                "last number two cells later; no cell looks at stop_reason"),
        valid({"math_eval.ipynb": notebook(
            """
            import json, re
            import anthropic
            client = anthropic.Anthropic()
            problems = [json.loads(l) for l in open("data/math_test.jsonl")]
            """,
            """
            replies, stops = [], []
            for p in problems:
                msg = client.messages.create(model="claude-sonnet-4-5", max_tokens=512,
                                             messages=[{"role": "user", "content": p["question"] + "\\nThink step by step."}])
                replies.append(msg.content[0].text)
                stops.append(msg.stop_reason)
            print(sum(s == "max_tokens" for s in stops), "replies cut at the token limit")
            """,
            """
            def final_number(text):
                nums = re.findall(r"-?\\d+(?:\\.\\d+)?", text)
                return nums[-1] if nums else None
            """,
            """
            accuracy = sum(final_number(r) == p["answer"] for r, p in zip(replies, problems)) / len(problems)
            accuracy
            """,
        )}, note="near miss: the same cells, the stop reasons kept and the cut replies counted"),
        invalid({
            "conf/run.yaml": "model: gpt2\ndata: qa.jsonl\ngen:\n  max_new_tokens: 256\n",
            "qa.py": """
                import hydra
                from transformers import AutoModelForCausalLM, AutoTokenizer

                @hydra.main(config_path="conf", config_name="run", version_base=None)
                def main(cfg):
                    tok = AutoTokenizer.from_pretrained(cfg.model)
                    lm = AutoModelForCausalLM.from_pretrained(cfg.model)
                    hits = 0
                    for row in load_rows(cfg.data):
                        ids = tok(row["question"], return_tensors="pt").input_ids
                        out = lm.generate(ids, max_new_tokens=cfg.gen.max_new_tokens)  # expect: DATA020
                        answer = tok.decode(out[0, ids.shape[1]:], skip_special_tokens=True)
                        hits += answer.strip() == row["answer"]
                    print(hits)
            """,
        }, note="the token limit is in the Hydra config: 256 tokens can cut an answer"),
        valid({
            "conf/run.yaml": "model: gpt2\ndata: qa.jsonl\ngen:\n  max_new_tokens: 8\n",
            "qa.py": """
                import hydra
                from transformers import AutoModelForCausalLM, AutoTokenizer

                @hydra.main(config_path="conf", config_name="run", version_base=None)
                def main(cfg):
                    tok = AutoTokenizer.from_pretrained(cfg.model)
                    lm = AutoModelForCausalLM.from_pretrained(cfg.model)
                    hits = 0
                    for row in load_rows(cfg.data):
                        ids = tok(row["question"], return_tensors="pt").input_ids
                        out = lm.generate(ids, max_new_tokens=cfg.gen.max_new_tokens)
                        answer = tok.decode(out[0, ids.shape[1]:], skip_special_tokens=True)
                        hits += answer.strip() == row["answer"]
                    print(hits)
            """,
        }, note="near miss: the Hydra config asks for a short answer (8 tokens): the budget is the design"),
        invalid("""
            import anthropic

            class Grader:
                max_tokens = 400

                def __init__(self):
                    self.client = anthropic.Anthropic()

                def ask(self, prompt):
                    msg = self.client.messages.create(model="m", max_tokens=self.max_tokens,
                                                      messages=[{"role": "user", "content": prompt}])
                    return msg.content[0].text

                def score(self, item, reply):
                    return float(item["answer"] in reply.splitlines()[-1])

                def run(self, items):
                    return sum(self.score(it, self.ask(it["prompt"])) for it in items) / len(items)  # expect: DATA020
        """, note="the reply a helper method returns, handed straight to the scorer"),
        valid("""
            import anthropic

            class Grader:
                max_tokens = 400

                def __init__(self):
                    self.client = anthropic.Anthropic()

                def ask(self, prompt):
                    msg = self.client.messages.create(model="m", max_tokens=self.max_tokens,
                                                      messages=[{"role": "user", "content": prompt}])
                    if msg.stop_reason == "max_tokens":
                        return None
                    return msg.content[0].text

                def score(self, item, reply):
                    return 0.0 if reply is None else float(item["answer"] in reply.splitlines()[-1])

                def run(self, items):
                    return sum(self.score(it, self.ask(it["prompt"])) for it in items) / len(items)
        """, note="near miss: the helper tells cut replies apart"),
        invalid("""
            import asyncio
            import re
            from anthropic import AsyncAnthropic
            client = AsyncAnthropic()

            async def ask(item):
                msg = await client.messages.create(model="m", max_tokens=512,
                                                   messages=[{"role": "user", "content": item["question"]}])
                return msg.content[0].text

            def grade(text, gold):
                m = re.search(r"ANSWER: ([A-E])", text)
                return m is not None and m.group(1) == gold

            async def main(items):
                replies = await asyncio.gather(*(ask(it) for it in items))
                print(sum(grade(r, it["gold"]) for r, it in zip(replies, items)) / len(items))  # expect: DATA020
        """, note="probe 11: the replies of an async helper collected by `asyncio.gather` (or a comprehension of "
                  "its calls) and scored where the list is iterated"),
        valid("""
            import asyncio
            import re
            from anthropic import AsyncAnthropic
            client = AsyncAnthropic()

            async def ask(item):
                msg = await client.messages.create(model="m", max_tokens=512,
                                                   messages=[{"role": "user", "content": item["question"]}])
                return msg.content[0].text, msg.stop_reason

            def grade(text, gold):
                m = re.search(r"ANSWER: ([A-E])", text)
                return m is not None and m.group(1) == gold

            async def main(items):
                replies = await asyncio.gather(*(ask(it) for it in items))
                print("cut:", sum(stop == "max_tokens" for _, stop in replies))
                print(sum(grade(r, it["gold"]) for (r, _), it in zip(replies, items)) / len(items))
        """, note="near miss: the stop reasons come back with the replies and the cut ones are counted"),
        valid("""
            import openai
            client = openai.Client()
            def candidate_inputs(question):
                ret = client.chat.completions.create(model="gpt-3.5-turbo", max_tokens=256,
                                                     messages=[{"role": "user", "content": question}])
                output = ret.choices[0].message.content
                if "```" in output:
                    return output.split("```")[1].splitlines()
                return []
        """, note="near miss: the reply is tested for a code fence (a marker of punctuation alone) and split into candidate lines; nothing is scored"),
        invalid("""
            import openai
            client = openai.Client()
            def solved(question, gold):
                ret = client.chat.completions.create(model="gpt-3.5-turbo", max_tokens=256,
                                                     messages=[{"role": "user", "content": question}])
                output = ret.choices[0].message.content
                return gold in output  # expect: DATA020
        """, note="the twin: the reply under the same token limit is graded by looking for the gold answer in it"),
        invalid("""
            def grade(lm, tok, probs):
                right = 0
                for p in probs:
                    ids = tok(p["q"], return_tensors="pt").input_ids
                    seq = lm.generate(ids, max_new_tokens=96)  # expect: DATA020
                    right += last_int(tok.decode(seq[0][ids.shape[1]:])) == p["gold"]
                return right / len(probs)
        """, note="local generation has no finish reason: a cut answer is graded as it stands"),
        valid("""
            from transformers import AutoModelForCausalLM, AutoTokenizer

            tok = AutoTokenizer.from_pretrained("gpt2")
            lm = AutoModelForCausalLM.from_pretrained("gpt2")
            ids = tok("The capital of France is", return_tensors="pt").input_ids
            out = lm.generate(ids, max_new_tokens=30)
            print(tok.decode(out[0]))
            accuracy = (predictions == labels).mean()
        """, note="a demo generation printed, beside an accuracy of something else: nothing grades the generated text"),
        invalid("""
            ids = tok("The capital of France is", return_tensors="pt").input_ids
            demo = lm.generate(ids, max_new_tokens=300)
            print(tok.decode(demo[0]))
            right = 0
            for p in probs:
                q = tok(p["q"], return_tensors="pt").input_ids
                seq = lm.generate(q, max_new_tokens=96)  # expect: DATA020
                answer = tok.decode(seq[0][q.shape[1]:])
                right += last_int(answer) == p["gold"]
        """, note="held-out 12: a notebook or script is one module; the finding is at the generation whose "
                  "output is scored, not at a demo generation printed before it"),
        valid("""
            def grade(lm, tok, probs):
                right = cut = 0
                for p in probs:
                    ids = tok(p["q"], return_tensors="pt").input_ids
                    seq = lm.generate(ids, max_new_tokens=96)
                    new = seq[0][ids.shape[1]:]
                    if len(new) >= 96 and new[-1] != tok.eos_token_id:
                        cut += 1
                    right += last_int(tok.decode(new)) == p["gold"]
                return right / len(probs), cut
        """, note="near miss: generations that hit the limit without EOS are counted"),
        invalid({
            "score.py": """\
                import json

                def score(path):
                    rows = [json.loads(line) for line in open(path)]
                    solved = [r for r in rows if extract(r["completion"]) == r["target"]]  # expect: DATA020
                    return len(solved) / len(rows)
                """,
            "transcripts/run.jsonl": '{"completion": "so 18", "target": "18", "stop_reason": "end_turn"}\n'
                                     '{"completion": "It takes 2 bolts", "target": "3", "stop_reason": "max_tokens"}\n',
        }),
        invalid({
            "grade.py": """\
                from openai import OpenAI
                client = OpenAI()

                def grade(item):
                    out = client.chat.completions.create(model="gpt-4o", messages=item["messages"], max_tokens=64)
                    row = {"response": out.choices[0].message.content}
                    return parse_answer(row["response"]) == item["gold"]  # expect: DATA020
                """,
        }),
        valid({
            "score.py": """\
                def score(rows):
                    done = [r for r in rows if r["finish_reason"] != "length"]
                    return sum(extract(r["completion"]) == r["gold"] for r in done), len(rows) - len(done)
                """,
            "transcripts/run.jsonl": '{"completion": "x", "gold": "1", "finish_reason": "length"}\n',
        }, note="truncated outputs are excluded and counted"),
        valid({
            "score.py": """\
                def score(rows):
                    return sum(extract(r["completion"]) == r["gold"] for r in rows)
                """,
            "transcripts/run.jsonl": '{"completion": "x", "gold": "1", "stop_reason": "end_turn"}\n',
        }, note="near miss: the transcripts record stop reasons and none was cut"),
        valid({
            "judge.py": """\
                from openai import OpenAI
                client = OpenAI()

                def judge(item):
                    verdict = client.chat.completions.create(
                        model="gpt-4o", max_tokens=20, temperature=0,
                        messages=[{"role": "user", "content": RUBRIC + item["response"]}])
                    return verdict.choices[0].message.content.strip().upper().startswith("HARMFUL")

                def grade_all(items):
                    return [grade_label(judge(it), it["response"]) for it in items]
                """,
        }, note="near miss: the only token limit is the judge's short verdict budget; the responses it grades "
                "were generated elsewhere and nothing says they were cut"),
        valid({
            "features.py": """\
                def tokens(row):
                    return tokenizer(row["response"])
                """,
        }, note="near miss: reading a response outside scoring, with no token limit anywhere"),
        invalid({
            "analysis.py": """\
                from pathlib import Path
                import pandas as pd
                df = pd.read_json(Path("outputs") / "transcripts.jsonl", lines=True)  # expect: DATA020
                df["hedges"] = df.response.str.contains("it depends")
                print(df.groupby("model").hedges.mean())
                """,
            "outputs/transcripts.jsonl": '{"model": "a", "response": "It depends on", "stop_reason": "max_tokens"}\n'
                                         '{"model": "b", "response": "Yes.", "stop_reason": "end_turn"}\n',
        }, note="transcripts analysed with no look at why they stopped; the finding is at the code that reads them"),
        valid({
            "analysis.py": """\
                import pandas as pd
                df = pd.read_json("outputs/transcripts.jsonl", lines=True)
                done = df[df.stop_reason != "max_tokens"]
                print(len(df) - len(done), "cut")
                df.to_csv("outputs/summary.csv")
                """,
            "outputs/transcripts.jsonl": '{"model": "a", "response": "It depends on", "stop_reason": "max_tokens"}\n',
        }, note="near miss: the reader excludes and counts the cut transcripts"),
        invalid({
            "collect.py": """\
                import json
                from openai import OpenAI
                client = OpenAI()
                def collect(items):
                    with open("outputs/answers.jsonl", "w") as f:
                        for it in items:
                            out = client.chat.completions.create(model="m", messages=it["messages"], max_tokens=128)
                            f.write(json.dumps({"completion": out.choices[0].message.content, "gold": it["gold"]}) + "\\n")
                """,
            "score.py": """\
                import json
                rows = [json.loads(line) for line in open("outputs/answers.jsonl")]
                print(sum(extract(r["completion"]) == r["gold"] for r in rows) / len(rows))  # expect: DATA020
                """,
        }, note="the outputs scored here were generated under a token limit in another file that writes them"),
        invalid({
            "sample.py": """\
                import json
                import anthropic
                client = anthropic.Anthropic()
                with open("runs/cot.jsonl", "w") as out:
                    for q in json.load(open("data/questions.json")):
                        msg = client.messages.create(model="m", max_tokens=300, messages=[{"role": "user", "content": q["text"]}])
                        out.write(json.dumps({"response": msg.content[0].text, "target": q["target"]}) + "\\n")
                """,
            "tally.py": """\
                import json
                import re
                right = 0
                for rec in map(json.loads, open("runs/cot.jsonl")):
                    m = re.search(r"answer is (\\w+)", rec["response"])
                    right += m is not None and m.group(1) == rec["target"]  # expect: DATA020
                """,
        }, note="probe 8: the field goes through a regex whose match is compared with the gold, in another file than the capped generation"),
        valid({
            "sample.py": """\
                import json
                import anthropic
                client = anthropic.Anthropic()
                with open("runs/cot.jsonl", "w") as out:
                    for q in json.load(open("data/questions.json")):
                        msg = client.messages.create(model="m", max_tokens=300, messages=[{"role": "user", "content": q["text"]}])
                        out.write(json.dumps({"response": msg.content[0].text, "id": q["id"]}) + "\\n")
                """,
            "tally.py": """\
                import json
                hedged = 0
                for rec in map(json.loads, open("runs/cot.jsonl")):
                    n = count_hedges(rec["response"])
                    hedged += n == 0
                """,
        }, note="near miss: the helper's result is compared with a constant, not with a gold answer"),
        valid({
            "other_eval.py": """\
                from openai import OpenAI
                client = OpenAI()
                def run(p):
                    return client.chat.completions.create(model="m", messages=p, max_tokens=16)
                """,
            "score.py": """\
                import json
                rows = [json.loads(line) for line in open("data/tasks.jsonl")]
                print(sum(r["output"] == solve(r["input"]) for r in rows))
                """,
        }, note="near miss (openai/evals): a token limit in a file that writes nothing this file reads"),
        invalid({
            "solve.py": """\
                from openai import AsyncOpenAI
                client = AsyncOpenAI()
                async def solve(problem):
                    out = await client.chat.completions.create(model="o4-mini", max_completion_tokens=512,
                                                               messages=[{"role": "user", "content": problem["text"]}])
                    return grade_answer(out.choices[0].message.content, problem["solution"])  # expect: DATA020
                """,
        }, note="the reply text read off the response and handed to a grader"),
        invalid({
            "bench.py": """\
                import anthropic
                client = anthropic.Anthropic()
                def run(task):
                    msg = client.messages.create(model="m", max_tokens=512, messages=[{"role": "user", "content": task["q"]}])
                    answer = msg.content[0].text
                    return extract_boxed(answer) == task["gold"]  # expect: DATA020
                """,
        }, note="the reply text held in a name, then extracted and compared"),
        valid({
            "solve.py": """\
                from openai import AsyncOpenAI
                client = AsyncOpenAI()
                async def solve(problem):
                    out = await client.chat.completions.create(model="o4-mini", max_completion_tokens=512,
                                                               messages=[{"role": "user", "content": problem["text"]}])
                    if out.choices[0].finish_reason == "length":
                        return None
                    return grade_answer(out.choices[0].message.content, problem["solution"])
                """,
        }, note="near miss: replies cut at the limit are told apart"),
        invalid({
            "math_eval.py": """\
                from vllm import LLM, SamplingParams

                def run(problems, golds):
                    llm = LLM(model="m")
                    outs = llm.generate([p["q"] for p in problems], SamplingParams(temperature=0, max_tokens=300))
                    hits = 0
                    for o, gold in zip(outs, golds):
                        guess = final_number(o.outputs[0].text)
                        hits += guess == gold  # expect: DATA020
                    return hits / len(golds)
                """,
        }, note="the reply passes through a helper of any name, and the helper's result is compared with the gold"),
        invalid({
            "gen_eval.py": """\
                import json
                import anthropic
                client = anthropic.Anthropic()

                def run(items):
                    right = 0
                    for it in items:
                        msg = client.messages.create(model="m", max_tokens=256, messages=[{"role": "user", "content": it["q"]}])
                        right += extract_boxed(msg.content[0].text) == it["gold"]  # expect: DATA020
                    json.dump({"model": "m", "max_tokens": 256, "acc": right / len(items)}, open("r.json", "w"))
                """,
        }, note="a record key named \"max_tokens\" is not a look at why generation stopped"),
        valid({
            "math_eval.py": """\
                from vllm import LLM, SamplingParams

                def run(problems, golds):
                    llm = LLM(model="m")
                    outs = llm.generate([p["q"] for p in problems], SamplingParams(temperature=0, max_tokens=300))
                    hits = cut = 0
                    for o, gold in zip(outs, golds):
                        if o.outputs[0].finish_reason == "length":
                            cut += 1
                        guess = final_number(o.outputs[0].text)
                        hits += guess == gold
                    return hits / len(golds), cut
                """,
        }, note="near miss: outputs that stopped at the limit are counted"),
        valid({
            "summarise.py": """\
                from vllm import LLM, SamplingParams

                def run(docs):
                    outs = LLM(model="m").generate(docs, SamplingParams(temperature=0, max_tokens=300))
                    for o in outs:
                        summary = tidy(o.outputs[0].text)
                        if summary == "":
                            print("empty")
                        print(summary)
                """,
        }, note="near miss: the reply passes through a helper and is only checked for emptiness and printed"),
        valid({
            "chat.py": """\
                import anthropic
                client = anthropic.Anthropic()
                msg = client.messages.create(model="m", max_tokens=200, messages=[{"role": "user", "content": "Hi"}])
                print(msg.content[0].text)
                """,
        }, note="near miss: a reply printed, not scored"),
        valid({
            "mcq.py": """\
                from vllm import LLM, SamplingParams
                llm = LLM(model="m")
                outs = llm.generate(prompts, SamplingParams(temperature=0.0, max_tokens=1))
                acc = sum(o.outputs[0].text.strip() == gold for o, gold in zip(outs, golds)) / len(golds)
                """,
        }, note="near miss: a one-token letter answer; nothing longer was asked for"),
        valid({
            "sampler.py": """\
                from openai import OpenAI
                client = OpenAI()
                def sample(messages, max_tokens):
                    response = client.chat.completions.create(model="m", messages=messages, max_tokens=max_tokens)
                    content = response.choices[0].message.content
                    if content is None:
                        raise ValueError("empty reply")
                    return content
                """,
        }, note="near miss: the reply checked for None, nothing scored"),
        valid({
            "mmlu_cot.py": """\
                from vllm import LLM, SamplingParams
                MAX_NEW_TOKENS = 2048
                params = SamplingParams(temperature=0, max_tokens=MAX_NEW_TOKENS)
                for out in LLM(model="m").generate(prompts, params):
                    preds.append(extract_answer(out.outputs[0].text))
                """,
        }, note="near miss: a budget meant to hold whole answers (a module constant of 2048)"),
        invalid({
            "submit.py": """
                import json
                import anthropic
                client = anthropic.Anthropic()
                params = {"model": "claude-3-5-haiku-latest", "max_tokens": 300,
                          "messages": [{"role": "user", "content": "..."}]}
                reqs = [{"custom_id": str(i), "params": {**params, "messages": m}} for i, m in enumerate(msgs)]
                batch = client.messages.batches.create(requests=reqs)
            """,
            "score.py": """
                import json
                rows = [json.loads(l) for l in open("batch_results.jsonl")]
                correct = 0
                for r in rows:
                    text = r["result"]["message"]["content"][0]["text"]
                    correct += extract_letter(text) == gold[r["custom_id"]]  # expect: DATA020
                print(correct / len(rows))
            """,
        }, note="probe 6: Message Batches results scored as dicts; the token limit is in the request params"),
        valid({
            "submit.py": """
                import json
                import anthropic
                client = anthropic.Anthropic()
                params = {"model": "claude-3-5-haiku-latest", "max_tokens": 300,
                          "messages": [{"role": "user", "content": "..."}]}
                reqs = [{"custom_id": str(i), "params": {**params, "messages": m}} for i, m in enumerate(msgs)]
                batch = client.messages.batches.create(requests=reqs)
            """,
            "score.py": """
                import json
                rows = [json.loads(l) for l in open("batch_results.jsonl")]
                cut = [r for r in rows if r["result"]["message"]["stop_reason"] == "max_tokens"]
                print(f"{len(cut)} of {len(rows)} replies hit max_tokens")
                correct = 0
                for r in rows:
                    text = r["result"]["message"]["content"][0]["text"]
                    correct += extract_letter(text) == gold[r["custom_id"]]
                print(correct / len(rows))
            """,
        }, note="the twin: the scorer counts the replies that stopped at the limit"),
        valid("""
            def mcq_accuracy(model, tok, prompts, golds):
                hits = 0
                for prompt, gold in zip(prompts, golds):
                    ids = tok(prompt, return_tensors="pt")
                    out = model.generate(**ids, max_new_tokens=2, do_sample=False)
                    letter = tok.decode(out[0, ids["input_ids"].shape[1]:]).strip()[:1]
                    hits += letter == gold
                return hits / len(golds)
        """, note="near miss: a local model asked for a letter with a two-token budget; the limit is the design"),
        invalid("""
            import json
            from openai import OpenAI

            client = OpenAI()

            def solve(problem):
                out = client.chat.completions.create(model="gpt-4o-mini", max_tokens=300,
                                                     messages=[{"role": "user", "content": problem["q"]}])
                answer_text = out.choices[0].message.content
                return {"id": problem["id"], "predicted": boxed_answer(answer_text), "target": problem["target"]}

            def report(rows):
                hits = [row["predicted"] == row["target"] for row in rows]  # expect: DATA020
                return sum(hits) / len(hits)
        """, note="probe 9: the reply passes through a helper into a record's field (`predicted`) that is compared "
                "with the gold field in another function; 300 tokens can cut a worked solution"),
        valid("""
            import json
            from openai import OpenAI

            client = OpenAI()

            def solve(problem):
                out = client.chat.completions.create(model="gpt-4o-mini", max_tokens=300,
                                                     messages=[{"role": "user", "content": problem["q"]}])
                answer_text = out.choices[0].message.content
                return {"id": problem["id"], "predicted": boxed_answer(answer_text), "target": problem["target"],
                        "cut": out.choices[0].finish_reason == "length"}

            def report(rows):
                hits = [row["predicted"] == row["target"] for row in rows if not row["cut"]]
                return sum(hits) / len(hits), sum(row["cut"] for row in rows)
        """, note="near miss: the same record keeps whether the reply stopped at the limit, and the cut ones are counted"),
        invalid("""
            import anthropic

            client = anthropic.Anthropic()

            def attempt(task):
                msg = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=200,
                                             messages=[{"role": "user", "content": task["prompt"]}])
                reply = msg.content[0].text
                return grade_reply(reply, task["reference"])  # expect: DATA020
        """, note="the scored reply comes from a call with its own 200-token limit"),
        valid("""
            import anthropic

            client = anthropic.Anthropic()

            def attempt(task):
                draft = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=200,
                                               messages=[{"role": "user", "content": task["prompt"]}]).content[0].text
                verdict = client.messages.create(model="claude-3-5-sonnet-latest", max_tokens=4096,
                                                 messages=[{"role": "user", "content": "Critique: " + draft}])
                reply = verdict.content[0].text
                return grade_reply(reply, task["reference"])
        """, note="probe 9 near miss: the token limit caps another call (a draft); the reply that is graded comes from "
                "a call whose budget holds whole answers"),
        valid("""
            from openai import OpenAI

            target, judge = OpenAI(base_url="http://localhost:8000/v1"), OpenAI()

            def attack_success(goal, max_new):
                reply = target.chat.completions.create(model="llama", max_tokens=max_new,
                                                       messages=[{"role": "user", "content": goal}]).choices[0].message.content
                verdict = judge.chat.completions.create(model="gpt-4o", temperature=0,
                                                        messages=[{"role": "user", "content": goal + reply}]).choices[0].message.content
                return grade(verdict)
        """, note="probe 9 near miss: the judge's verdict, read off a call with no token limit, is what is graded; "
                "the limit is on the target model's reply, which the judge reads whole"),
        invalid("""
            from openai import OpenAI

            client = OpenAI()

            def critique(answer):
                resp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": answer}])
                return resp.choices[0].message.content

            def solve(problem):
                resp = client.chat.completions.create(model="gpt-4o-mini", max_tokens=256,
                                                      messages=[{"role": "user", "content": problem["q"]}])
                answer = resp.choices[0].message.content
                return extract_number(answer) == problem["gold"]  # expect: DATA020
        """, note="the same spelling of the reply in another function, read off a call with no limit, does not make "
                "the capped reply here whole"),
        invalid("""
            import json
            import re
            from vertexai.generative_models import GenerationConfig, GenerativeModel

            model = GenerativeModel("gemini-1.5-flash-002")
            CFG = GenerationConfig(temperature=0.0, max_output_tokens=200)

            def solve(question):
                resp = model.generate_content(f"Solve step by step, then 'Answer: N'.\\n\\n{question}", generation_config=CFG)
                return resp.text

            def extract(text):
                m = re.search(r"Answer:\\s*(-?[\\d,]+)", text)
                return m.group(1).replace(",", "") if m else None

            items = [json.loads(line) for line in open("data/gsm8k_test.jsonl")]
            correct = 0
            for it in items:
                pred = extract(solve(it["question"]))  # expect: DATA020
                correct += pred is not None and float(pred) == float(it["answer"])
        """, note="probe 12: a Gemini reply (`resp.text` of `generate_content`) under `max_output_tokens`, scored through a helper"),
        valid("""
            import json
            import re
            from vertexai.generative_models import GenerationConfig, GenerativeModel

            model = GenerativeModel("gemini-1.5-flash-002")
            CFG = GenerationConfig(temperature=0.0, max_output_tokens=200)

            def solve(question):
                resp = model.generate_content(f"Solve step by step, then 'Answer: N'.\\n\\n{question}", generation_config=CFG)
                if resp.candidates[0].finish_reason.name == "MAX_TOKENS":
                    return None
                return resp.text

            def extract(text):
                m = re.search(r"Answer:\\s*(-?[\\d,]+)", text)
                return m.group(1).replace(",", "") if m else None

            items = [json.loads(line) for line in open("data/gsm8k_test.jsonl")]
            correct = cut = 0
            for it in items:
                reply = solve(it["question"])
                if reply is None:
                    cut += 1
                    continue
                pred = extract(reply)
                correct += pred is not None and float(pred) == float(it["answer"])
        """, note="the twin: the finish reason is read and the cut replies counted"),
        valid("""
            import json
            import openai

            def run(rows, model):
                prompts = [ex["prompt"] for ex in rows]
                targets = [ex["completion"].strip() for ex in rows]
                replies = [openai.Completion.create(model=model, prompt=p, max_tokens=100).choices[0].text for p in prompts]
                hits = [reply.strip().startswith(t) for reply, t in zip(replies, targets)]
                return sum(hits) / len(hits)

            def labelled(rows, model):
                out = []
                for ex in rows:
                    if "output" not in ex:
                        ex["output"] = ex["answers"][0]
                    if "I cannot help" in ex["output"]:
                        continue
                    pred = openai.Completion.create(model=model, prompt=ex["prompt"], max_tokens=5).choices[0].text
                    out.append({"id": ex["id"], "pred": pred, "correct": accuracy(pred, ex["output"])})
                return out
        """, note="near miss (held-out 28): `ex[\"completion\"]` / `ex[\"output\"]` are the input file's gold "
                  "completion and answer; this file's generations are `replies` and `pred` (a label), never stored under them"),
        invalid("""
            import json
            import openai

            def run(rows, model):
                for ex in rows:
                    ex["output"] = openai.Completion.create(model=model, prompt=ex["prompt"], max_tokens=100).choices[0].text
                hits = [ex["gold"] in ex["output"] for ex in rows]  # expect: DATA020
                return sum(hits) / len(hits)
        """, note="the twin: the file fills `output` with its own capped generation, then scores that field"),
        valid("""
            import openai

            def grade(resp):
                reply = resp["choices"][0]["message"]["content"]
                if "\\nExplanation:" in reply:
                    head = reply.split("\\nExplanation:")[0]
                    for s in range(1, 6):
                        if str(s) in head:
                            return s
                return None

            def label(items):
                for it in items:
                    r = openai.ChatCompletion.create(messages=[{"role": "user", "content": it["prompt"]}], max_tokens=200)
                    it["score"] = grade(r)
        """, note="near miss (held-out 28): the score is the reply's head, before the section marker; only the "
                  "explanation after it can be cut, and a reply without the marker gets no score"),
        invalid("""
            import openai

            def grade(resp):
                reply = resp["choices"][0]["message"]["content"]
                if "Answer:" in reply:  # expect: DATA020
                    tail = reply.split("Answer:")[-1]
                    return tail.strip() == "yes"
                return False

            def label(items):
                for it in items:
                    r = openai.ChatCompletion.create(messages=[{"role": "user", "content": it["prompt"]}], max_tokens=200)
                    it["score"] = grade(r)
        """, note="the twin: the scored part follows the marker, at the end of the reply, where a cut falls"),
        valid("""
            import json

            import torch
            from transformers import T5ForConditionalGeneration, T5Tokenizer

            tok = T5Tokenizer.from_pretrained("t5-base")
            lm = T5ForConditionalGeneration.from_pretrained("./ckpts/paraphraser").eval()
            questions = [json.loads(line)["question"] for line in open("data/questions.jsonl")]
            loader = torch.utils.data.DataLoader(questions, batch_size=16)
            rewrites = []
            for batch in loader:
                ids = tok(list(batch), return_tensors="pt", padding=True)
                out = lm.generate(**ids, num_beams=5, num_return_sequences=5, max_length=256)
                texts = tok.batch_decode(out, skip_special_tokens=True)
                assert len(texts) % 5 == 0
                for k in range(len(texts) // 5):
                    rewrites.append(texts[k * 5:(k + 1) * 5])
            assert len(rewrites) == len(questions)
            json.dump(dict(zip(questions, rewrites)), open("data/rewrites.json", "w"))
        """, note="held-out set 30: the decoded outputs are written out as data; the only comparisons count them "
                  "(`len(texts) % 5 == 0`), which no cut changes: nothing reads their text against a reference"),
        invalid("""
            import json

            import torch
            from transformers import T5ForConditionalGeneration, T5Tokenizer

            tok = T5Tokenizer.from_pretrained("t5-base")
            lm = T5ForConditionalGeneration.from_pretrained("./ckpts/paraphraser").eval()
            rows = [json.loads(line) for line in open("data/questions.jsonl")]
            loader = torch.utils.data.DataLoader(rows, batch_size=16)
            hits = 0
            for batch in loader:
                ids = tok(list(batch["question"]), return_tensors="pt", padding=True)
                out = lm.generate(**ids, num_beams=5, num_return_sequences=5, max_length=256)  # expect: DATA020
                texts = tok.batch_decode(out, skip_special_tokens=True)
                assert len(texts) % 5 == 0
                for k in range(len(texts) // 5):
                    hits += texts[k * 5] == batch["answer"][k]
            print(hits / len(rows))
        """, note="the twin: besides counting them, the first output of each item is compared with its answer"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.sites: list[dict] = []
        self.token_limit = False  # a token limit that can cut an answer (not only a short verdict's budget)
        self.long_limit = False  # a token limit that is not a literal below _SHORT_REPLY
        self.replies: list[dict] = []  # reply texts read off API responses and scored
        self.reply_names: dict[tuple[str, str], str] = {}  # (function, name) -> the reply text it holds
        self.field_names: dict[tuple[str, str], str] = {}  # (function, name) -> the record's response field it is made from
        self.reply_lists: dict[tuple[str, str], str] = {}  # (function, list) -> the reply texts appended to it
        self.config_files: set[str] = set()  # YAML configs the file's run reads (Hydra, OmegaConf)
        self.reply_functions: dict[str, str] = {}  # a function of this file returning a reply text -> that text
        self.functions: list[str] = []
        self.reads: list[dict] = []
        self.local: list[tuple[cst.Call, str, str]] = []  # (generate call, its token limit, function)
        self.compared_at: list[tuple[str, cst.Comparison]] = []  # (function, comparison); code read when needed
        self.call_capped: dict[tuple[str, str], bool] = {}  # (function, name) -> its model call sets a token limit
        self.gemini: set[tuple[str, str]] = set()  # (function, name) bound to a Gemini `generate_content(...)` response
        self.uncapped: set[tuple[str, str]] = set()  # (function, reply text) read off a call that sets no token limit
        self.reply_fields: dict[str, str] = {}  # a record key holding a reply (or a helper's result of one) -> the reply
        # Keys this file writes a reply under (`{"text": out.outputs[0].text}`), for the files that read them;
        # and scored fields of records read here under other keys, kept for the writer to vouch for.
        self.written_replies: set[str] = set()
        self.keyed_sites: list[dict] = []
        # Replies a function of another module returns (`out = solve(q)` with `solve` imported): the
        # reply text's code -> that function's qualified name, for the repo phase to look up.
        self.foreign: dict[str, str] = {}
        # Response-named keys (`"output"`) this file fills with something other than another field of a record:
        # where the only evidence is this file's own token limit, a field it never fills is the input's text.
        self.filled: set[str] = set()
        self.field_keys: dict[str, str] = {}  # a field's code (`r["completion"]`) -> its key

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.append(node.name.value)
        self.__dict__.setdefault("_function_nodes", {})[node.name.value] = node

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.pop()

    def visit_DictElement(self, node: cst.DictElement) -> None:
        # `{"model": m, "max_tokens": 256, "messages": ...}`: a request body (Batch API lines, raw HTTP)
        key = string_value(node.key)
        if key in RESPONSE_KEYS and not _field_read(node.value):
            self.filled.add(key)  # `{"output": reply}` written out
        if key in _TOKEN_LIMITS:
            self._limit(node.value)
        elif key and key not in RESPONSE_KEYS:
            self._reply_field(key, node.value)
            if _REPLY_TEXT.search(self.ctx.code(node.value)):
                self.written_replies.add(key)  # `{"id": p["id"], "text": out.outputs[0].text}` written out

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) != 1:
            return
        target = node.targets[0].target
        collected = _collected_calls(node.value)
        if isinstance(target, cst.Name) and collected in self.reply_functions:
            # `replies = await asyncio.gather(*(ask(it) for it in items))`, `[ask(p) for p in prompts]`: the
            # list's elements are what the reply function returns, scored where the list is iterated
            self.reply_lists[(self.functions[-1] if self.functions else "", target.value)] = self.reply_functions[collected]
        if isinstance(target, cst.Name) and isinstance(node.value, cst.Call) and isinstance(node.value.func, cst.Name):
            qualified = self.qualified_name(node.value.func)
            if qualified and "." in qualified and not qualified.startswith("builtins.") \
                    and node.value.func.value not in self.__dict__.get("_function_nodes", {}):
                # `out = solve(question)` with `solve` imported from a module of the repo: if that
                # function returns a capped reply (see check_repo), `out` is one
                code = f"{node.value.func.value}(...)"
                self.foreign[code] = qualified
                self.reply_names[(self.functions[-1] if self.functions else "", target.value)] = code
        if isinstance(target, cst.Name) and isinstance(node.value, cst.Call) and _callee_of(node.value) in (
                "generate_content", "generate_content_async"):
            self.gemini.add((self.functions[-1] if self.functions else "", target.value))
        if isinstance(target, cst.Name) and isinstance(node.value, cst.Call) and _MODEL_CALL.fullmatch(_callee_of(node.value)):
            # `resp = client.messages.create(...)`: whether the reply read off `resp` can be cut
            self.call_capped[(self.functions[-1] if self.functions else "", target.value)] = _sets_limit(node.value, self._literal_int)
        elif isinstance(target, cst.Subscript) and len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index):
            key = string_value(target.slice[0].slice.value)  # `rec["pred"] = last_number(text)`
            if key in RESPONSE_KEYS and not _field_read(node.value):
                self.filled.add(key)  # `item["output"] = pred`; not `ex["output"] = ex["answers"][0]`
            if key and key not in RESPONSE_KEYS:
                self._reply_field(key, node.value)

    def _reply_field(self, key: str, value: cst.BaseExpression) -> None:
        """`{"pred": last_number(text)}` with `text` a reply: the record's `pred` field holds the reply, and
        where `r["pred"]` is compared with a gold field, the reply is scored."""
        function = self.functions[-1] if self.functions else ""
        names = [value] if isinstance(value, cst.Name) else [a.value for a in value.args] if isinstance(value, cst.Call) else []
        code = next((self.reply_names[(function, n.value)] for n in names
                     if isinstance(n, cst.Name) and (function, n.value) in self.reply_names), None)
        if code is not None and (function, code) not in self.uncapped:
            self.reply_fields[key] = code

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None and node.keyword.value in _TOKEN_LIMITS:
            self._limit(node.value)

    def _limit(self, value: cst.BaseExpression) -> None:
        # `max_tokens=5` for a letter or a verdict asks for a short reply, not for text that can be
        # cut; a budget of 1024 or more is meant to hold whole answers. Between them replies are cut.
        # A file whose only limits are short ones (a judge's `max_tokens=50` for its verdict) caps
        # no answer: the texts it grades were generated elsewhere, so it is no evidence for them.
        limit = self._literal_int(value)
        if limit is None or limit >= _SHORT_REPLY:
            self.token_limit = True
        # A prompt asking for step-by-step reasoning (`\boxed{}` at the end of it) needs far more than a
        # direct answer: a budget of 1024 cuts such solutions often.
        whole = _REASONING_ANSWER if self._asks_reasoning() else _WHOLE_ANSWER
        if limit is None or _SHORT_REPLY <= limit < whole:
            self.long_limit = True

    def _literal_int(self, value: cst.BaseExpression) -> int | None:
        """An int literal, or a module constant holding one (`MAX_NEW_TOKENS = 2048`)."""
        if isinstance(value, cst.Integer):
            return int(value.value, 0)
        if isinstance(value, cst.Name):
            match = re.search(rf"^{re.escape(value.value)}\s*=\s*(\d+)\s*(#.*)?$", self.ctx.text, re.M)
            return int(match.group(1)) if match else None
        return None

    def visit_Call(self, node: cst.Call) -> None:
        self._config_file(node)
        callee = node.func.attr.value if isinstance(node.func, cst.Attribute) else (
            node.func.value if isinstance(node.func, cst.Name) else "")
        parent = self.ctx.parents[-1] if self.ctx.parents else None
        if callee in self.reply_functions and isinstance(parent, cst.Arg) and parent.value is node \
                and _REPLY_SCORER.search(self._callee(skip=node)):
            # `self.score(item, self.ask(prompt))`: the reply a helper returns, handed to a scorer
            self._reply_site(node, self.reply_functions[callee], self.functions[-1] if self.functions else "")
        # A local model's `generate(..., max_new_tokens=N)`: no stop reason comes back, so finishing is
        # told by an EOS token or by the length of what was generated.
        if isinstance(node.func, cst.Attribute) and node.func.attr.value == "generate":
            limit = next((a.value for a in node.args if a.keyword is not None
                          and a.keyword.value in ("max_new_tokens", "max_length")), None)
            short = self._literal_int(limit) if limit is not None else None
            whole = _REASONING_ANSWER if self._asks_reasoning() else _WHOLE_ANSWER
            if limit is not None and not (short is not None and (short < _SHORT_REPLY or short >= whole)):
                # (a budget that holds whole answers, or step-by-step ones, cuts few: as for API calls)
                # `max_new_tokens=2` asks for a letter or a label: the budget is the design, not a cut
                self.local.append((node, self.ctx.code(limit), self.functions[-1] if self.functions else "<module>"))

    def _config_file(self, node: cst.Call) -> None:
        """The YAML config a run reads (`@hydra.main(config_path=..., config_name=...)`, `OmegaConf.load`)."""
        if isinstance(node.func, (cst.Name, cst.Attribute)):
            found = config_file(node, self.qualified_name(node.func), self.ctx.path)
            if found:
                self.config_files.add(found)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        self.compared_at.append((self.functions[-1] if self.functions else "<module>", node))

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
            return
        key = string_value(node.slice[0].slice.value)
        if key in ("content", "text") and _REPLY_ITEM.search(code := self.ctx.code(node)):
            self._reply_text(node, code)
            return
        if key not in RESPONSE_KEYS:
            if key in self.reply_fields:
                own = self.ctx.code(node)
                if any(_compares_value(p) and _GOLD_COMPARED.search(self.ctx.code(p).replace(own, ""))
                       for p in self.ctx.parents[-3:]):
                    self._reply_site(node, self.reply_fields[key], self.functions[-1] if self.functions else "")
            elif key and len(self.keyed_sites) < 20:
                # `last_answer(r["text"]) == r["gold"]`: a field of a record read here, compared with a gold
                # field; a reply when the file that writes these records fills the field with one
                own = self.ctx.code(node)
                if any(_compares_value(p) and _GOLD_COMPARED.search(self.ctx.code(p).replace(own, ""))
                       for p in self.ctx.parents[-3:]):
                    self.keyed_sites.append({"line": self.ctx.line_of(node), "code": own, "key": key,
                                             "function": (self.functions[-1] if self.functions else "") or "<module>"})
            return
        parent = self.ctx.parents[-1] if self.ctx.parents else None
        if isinstance(parent, cst.AssignTarget) or _gold_role(self.ctx, node):
            return  # `item["output"] = pred` fills the field; `acc(pred, row["output"])` reads the gold (held-out 28)
        scored_by_call = isinstance(parent, cst.Arg)
        compared = any(isinstance(p, cst.Comparison) for p in self.ctx.parents[-3:])
        function = self.functions[-1] if self.functions else ""
        if not (compared or (scored_by_call and _SCORING_FUNCTION.search(function + " " + self._callee()))):
            holder = _assigned_call_result(self.ctx.parents)
            if holder is not None:
                # `nums = re.findall(r"\d+", r["completion"])`, then `nums[-1] == str(r["answer"])`: the
                # field passes through a helper of any name and its result is compared with the gold
                self.field_names[(function, holder)] = self.ctx.code(node)
                self.field_keys[self.ctx.code(node)] = key
            return
        site = {"line": self.ctx.line_of(node), "code": self.ctx.code(node), "function": function or "<module>", "key": key}
        position = self.ctx.position(node)
        if self.ctx.notebook is not None and position is not None:
            site["cell"], site["cell_line"], _ = self.ctx.notebook.locate(position.start.line)
        self.sites.append(site)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        # The reply text read straight off an API response (`msg.content[0].text`,
        # `out.choices[0].message.content`, vLLM's `o.outputs[0].text`) and handed to a scorer.
        if node.attr.value not in ("text", "content", "output_text"):
            return
        code = self.ctx.code(node)
        if _REPLY_TEXT.search(code):
            self._reply_text(node, code)
        elif node.attr.value == "text" and isinstance(node.value, cst.Name) and \
                (self.functions[-1] if self.functions else "", node.value.value) in self.gemini:
            self._reply_text(node, code)  # `resp = model.generate_content(...)`, then `resp.text`

    def _reply_text(self, node: cst.CSTNode, code: str) -> None:
        parent = self.ctx.parents[-1] if self.ctx.parents else None
        function = self.functions[-1] if self.functions else ""
        if not self._capped(node, function):
            self.uncapped.add((function, code))  # a judge's verdict from a call with no limit: not cut, whatever else is capped
        if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
            # `answer = resp.choices[0].message.content`, scored a line later: `extract(answer)`
            self.reply_names[(function, parent.targets[0].target.value)] = code
            return
        if isinstance(parent, cst.Return) and function:
            # `def ask(self, prompt): ... return msg.content[0].text`: its calls are replies
            self.reply_functions[function] = code
            return
        collected = _appended_to(self.ctx.parents)
        if collected is not None:
            # `replies.append(msg.content[0].text)`: the list's elements are replies, scored where it
            # is iterated (`for r in replies`, `zip(replies, golds)`), maybe cells later.
            self.reply_lists[(function, collected)] = code
            return
        holder = _assigned_call_result(self.ctx.parents)
        if holder is not None and not _REPLY_SCORER.search(self._callee()):
            # `pred = last_number(out.outputs[0].text)`: the reply passes through a helper whose result
            # is compared a line later (`pred == gold`); that comparison is the scoring.
            self.reply_names[(function, holder)] = code
            return
        if not (any(_compares_value(p) for p in self.ctx.parents[-3:])  # (`content == ""` checks, held-out 27)
                or (isinstance(parent, cst.Arg) and _REPLY_SCORER.search(self._callee()))):
            return
        self._reply_site(node, code, function)

    def visit_Name(self, node: cst.Name) -> None:
        function = self.functions[-1] if self.functions else ""
        field = self.field_names.get((function, node.value))
        if field is not None and any(_compares_value(p) and _GOLD_COMPARED.search(self.ctx.code(p))
                                     for p in self.ctx.parents[-3:]):
            site = {"line": self.ctx.line_of(node), "code": field, "function": function or "<module>",
                    "key": self.field_keys.get(field, "")}
            position = self.ctx.position(node)
            if self.ctx.notebook is not None and position is not None:
                site["cell"], site["cell_line"], _ = self.ctx.notebook.locate(position.start.line)
            self.sites.append(site)
            return
        code = self.reply_names.get((function, node.value))
        if code is None:
            return  # (before looking at the parents: asked for every name of every file, issue 12)
        parents = self.ctx.parents
        parent = parents[-1] if parents else None
        if self._head_section(node, parents):
            return  # `if "\nExplanation:" in reply: score = reply.split("\nExplanation:")[0]`: the head is scored
        derived = _text_chain_target(node, parents)
        if derived is not None:
            # `last = text.strip().splitlines()[-1].lower()`: a piece of the reply, scored a line later
            # (`"yes" in last`)
            self.reply_names.setdefault((function, derived), code)
            return
        holder = _assigned_call_result(parents)
        if holder is not None and parent.value is node and not _REPLY_SCORER.search(self._callee()) \
                and _PIECE_FINDERS.search(self._callee()):
            # `found = BOXED.findall(text)`: the pieces of the reply a pattern picks, compared a line later
            self.reply_names.setdefault((function, holder), code)
            return
        through_helper = (len(parents) >= 3 and isinstance(parent, cst.Arg) and parent.value is node
                          and isinstance(parents[-2], cst.Call) and _compares_value(parents[-3])) or _chain_compared(node, parents)
        if not through_helper and not any(_compares_value(p) for p in parents[-2:]):
            # `found[-1].strip() == gold`: an item of the reply's pieces, cleaned, compared
            side = next((p for p in parents[-6:] if _compares_value(p)), None)
            if side is not None and any(_PIECE_OF.fullmatch(self.ctx.code(e).replace(node.value, "X", 1))
                                        for e in [side.left, *(t.comparator for t in side.comparisons)]
                                        if self.ctx.code(e).startswith(node.value)):
                through_helper = True
        if code is None or not (isinstance(parent, cst.Arg) and parent.value is node and _REPLY_SCORER.search(self._callee())
                                or any(_compares_value(p) for p in parents[-2:]) or through_helper):
            return  # `if content is None:` checks the reply, it does not score it
        if code in self.foreign and not (any(_compares_value(p) for p in parents[-2:]) or through_helper):
            return  # another module's reply handed to a grader (an LLM judge reads what was cut): compared only
        self._reply_site(node, code, function)

    def _asks_reasoning(self) -> bool:
        """Whether the file's text asks for step-by-step reasoning: searched once per file, not at every
        generation call (issue 12)."""
        asks = self.__dict__.get("_asks")
        if asks is None:
            asks = self._asks = bool(_ASKS_REASONING.search(self.ctx.text))
        return asks

    def _guarded_heads(self, value: str) -> list[str]:
        """The markers `value` is split on with its head kept (`value.split(M)[0]`) and tested for (`M in value`)
        in this file. Searched once per name and file: asked at every read of a reply name (a model file's
        `outputs`, read 80 times, cost half a second of its scan; issue 12)."""
        heads = self.ctx.memo.get("DATA020_heads")
        if heads is None:  # every `name.split("M")[0]` of the file, in one pass: name -> its markers
            heads = self.ctx.memo["DATA020_heads"] = {}
            if ".split(" in self.ctx.text or ".partition(" in self.ctx.text:
                for m in _HEAD_SPLIT.finditer(self.ctx.text):
                    heads.setdefault(m.group(1), set()).add(m.group(2))
        return [h for h in heads.get(value, ()) if re.search(rf"{re.escape(h.strip())}\s+in\s+{re.escape(value)}\b", self.ctx.text)]

    def _head_section(self, node: cst.Name, parents: list[cst.CSTNode]) -> bool:
        """A reply tested for a section marker and split on it, only the head kept (`reply.split(M)[0]`):
        the test `M in reply` and the head are not cut by the limit, which can only cut what follows M
        (an explanation after the score line); a reply cut before M has no M and is not parsed."""
        guarded = self._guarded_heads(node.value)
        if not guarded:
            return False
        parent = parents[-1] if parents else None
        if isinstance(parent, cst.ComparisonTarget) and len(parents) >= 2 and isinstance(parents[-2], cst.Comparison) \
                and self.ctx.code(parents[-2].left).strip() in {h.strip() for h in guarded}:
            return True  # the marker test itself
        chain = parents[-1] if parents else None
        if isinstance(chain, cst.Attribute) and chain.attr.value == "strip" and len(parents) >= 3:
            chain = parents[-3]
        if isinstance(chain, cst.Attribute) and chain.attr.value in ("split", "partition") and len(parents) >= 3 \
                and isinstance(parents[-2], cst.Call):
            call = parents[-2] if chain is parents[-1] else parents[-4]
            index = parents[-3] if chain is parents[-1] else (parents[-5] if len(parents) >= 5 else None)
            if isinstance(call, cst.Call) and call.args and self.ctx.code(call.args[0].value).strip() in {h.strip() for h in guarded} \
                    and isinstance(index, cst.Subscript) and self.ctx.code(index).endswith("[0]"):
                return True  # the head: bound to a name, it is no reply
        return False

    def visit_For(self, node: cst.For) -> None:
        self._iterated(node.target, node.iter)

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        self._iterated(node.for_in.target, node.for_in.iter)  # before the element, which is visited first

    def visit_ListComp(self, node: cst.ListComp) -> None:
        self._iterated(node.for_in.target, node.for_in.iter)

    def _iterated(self, target: cst.BaseExpression, source: cst.BaseExpression) -> None:
        """`for r in replies` / `for r, p in zip(replies, problems)`: `r` holds a reply of a collected list."""
        if not self.reply_lists:
            return
        function = self.functions[-1] if self.functions else ""
        for name, position in _iterated_names(source):
            code = self.reply_lists.get((function, name))
            if code is None:
                continue
            bound = target if position is None else (
                target.elements[position].value if isinstance(target, (cst.Tuple, cst.List))
                and position < len(target.elements) else None)
            if isinstance(bound, cst.Name):
                self.reply_names[(function, bound.value)] = code

    def _capped(self, node: cst.CSTNode, function: str) -> bool:
        """Can the reply read by `node` (`out.choices[0].message.content`) be cut? False only when the model
        call it is read off is in sight (chained, or assigned to the name in this function) and sets no
        token limit and passes no `**kwargs`."""
        base = node
        while isinstance(base, (cst.Attribute, cst.Subscript)):
            base = base.value
        if isinstance(base, cst.Call) and _MODEL_CALL.fullmatch(_callee_of(base)):
            return _sets_limit(base, self._literal_int)
        if isinstance(base, cst.Name):
            return self.call_capped.get((function, base.value), True)
        return True

    def _reply_site(self, node: cst.CSTNode, code: str, function: str) -> None:
        if (function, code) in self.uncapped:
            return
        if self._refusal_test():
            return  # `any(m in text for m in REFUSAL_MARKERS)`: a refusal opens the reply, which the limit does not cut
        site = {"line": self.ctx.line_of(node), "code": code, "function": function or "<module>"}
        position = self.ctx.position(node)
        if self.ctx.notebook is not None and position is not None:
            site["cell"], site["cell_line"], _ = self.ctx.notebook.locate(position.start.line)
        self.replies.append(site)  # kept when the file asks for long replies (see finish)

    def _refusal_test(self) -> bool:
        """The reply is read by a membership test for refusal openings: `"I cannot" in reply`, or `m in reply`
        for `m` of a collection of them (`any(m in text for m in MARKERS)`, `MARKERS` a tuple of such strings)."""
        parents = self.ctx.parents
        test = next((p for p in reversed(parents[-4:]) if isinstance(p, cst.Comparison)), None)
        if test is None or len(test.comparisons) != 1 or not isinstance(test.comparisons[0].operator, cst.In):
            return False
        left = test.left
        if string_value(left) is not None:
            return bool(REFUSAL.search(string_value(left) or ""))
        if not isinstance(left, cst.Name):
            return False
        for parent in reversed(parents):
            fors = [parent.for_in] if isinstance(parent, (cst.GeneratorExp, cst.ListComp, cst.SetComp)) else []
            for comp in fors:
                if isinstance(comp.target, cst.Name) and comp.target.value == left.value:
                    return bool(refusal_markers(self._strings_of(comp.iter)))
        return False

    def _strings_of(self, expr: cst.BaseExpression) -> list[str]:
        """The strings of a tuple / list / set literal, or of the one literal a module-level name is bound to."""
        if isinstance(expr, cst.Name) and self.ctx.module is not None:
            bound = [st.value for line in self.ctx.module.body if isinstance(line, cst.SimpleStatementLine)
                     for st in line.body if isinstance(st, cst.Assign) and len(st.targets) == 1
                     and isinstance(st.targets[0].target, cst.Name) and st.targets[0].target.value == expr.value]
            expr = bound[-1] if len(bound) == 1 else expr
        if isinstance(expr, (cst.Tuple, cst.List, cst.Set)):
            return [v for e in expr.elements if (v := string_value(e.value)) is not None]
        return []

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        # A data file named in the code (`read_json("outputs/t.jsonl")`, `Path("outputs") / "t.jsonl"`):
        # transcripts the repo phase may know to be cut. Paths written to are not reads.
        path = string_value(node)
        if path is None or not _TRANSCRIPT_SUFFIX.search(path) or self._written():
            return
        raw = self.ctx.raw_line_here(node)  # from the walk's statement lines: no positions on a clean scan
        site = {"line": raw, "code": path, "path": path, "function": self.functions[-1] if self.functions else "<module>"}
        if self.ctx.notebook is not None and raw is not None:
            site["cell"], site["cell_line"], site["line"] = self.ctx.notebook.locate(raw)
        self.reads.append(site)

    def _written(self) -> bool:
        call = next((p for p in reversed(self.ctx.parents) if isinstance(p, cst.Call)), None)
        if call is None:
            return False
        callee = call.func.attr.value if isinstance(call.func, cst.Attribute) else (
            call.func.value if isinstance(call.func, cst.Name) else "")
        if re.search(r"(?i)^to_|dump|write|save|export", callee):
            return True
        modes = [string_value(a.value) or "" for a in call.args[1:2] if a.keyword is None] + [
            string_value(a.value) or "" for a in call.args if a.keyword is not None and a.keyword.value == "mode"]
        return any(m[:1] in ("w", "a") for m in modes)

    def _callee(self, skip: cst.CSTNode | None = None) -> str:
        for parent in reversed(self.ctx.parents):
            if isinstance(parent, cst.Call) and parent is not skip:
                func = parent.func
                return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        return ""

    def finish(self) -> None:
        if STOP_CHECK.search(self.ctx.text):
            return  # the file looks at why generation stopped
        foreign_sites = [dict(r, via=self.foreign[r["code"]]) for r in self.replies if r["code"] in self.foreign]
        self.replies = [r for r in self.replies if r["code"] not in self.foreign]
        self.sites = [s for s in self.sites if s["code"] not in self.foreign]
        # Functions of this file that return a reply read off a call with a token limit that can cut an answer.
        returned = {f: c for f, c in self.reply_functions.items() if (f, c) not in self.uncapped} if self.long_limit else {}
        if foreign_sites or returned:
            self.ctx.facts[self.code + ":across"] = {"sites": foreign_sites[:20], "returns": sorted(returned)[:50]}
        self._local_generation()
        if self.long_limit:
            self.sites.extend(self.replies)
        if self.sites:
            # A grader whose rubric must parse in full, and whose failed parse is a missing score (NaN)
            # or an error: a reply cut at the token limit is not scored as an answer.
            nodes = self.__dict__.get("_function_nodes", {})
            kept = {f for f in {s["function"] for s in self.sites} if f in nodes and _FAILED_PARSE.search(self.ctx.code(nodes[f]))}
            # A reply parsed as JSON, whose failed parse is no score (`except JSONDecodeError: return None`):
            # a reply cut at the limit is truncated JSON, so it is never scored (held-out set 27).
            parsers = [f for f, n in nodes.items() if _FAILED_JSON.search(self.ctx.code(n))]
            lines = self.ctx.text.splitlines()
            self.sites = [s for s in self.sites if s["function"] not in kept and s["function"] not in parsers
                          and not (parsers and isinstance(s.get("line"), int) and 0 < s["line"] <= len(lines)
                                   and any(re.search(rf"\b{re.escape(f)}\(", lines[s["line"] - 1]) for f in parsers))]
        # Replies read as dicts are scored from files the API wrote (batch outputs): the token limit, if
        # any, is in the file that built the requests (a batch submitter, see check_repo).
        items = [r for r in self.replies if _REPLY_ITEM.search(r["code"])] if not self.long_limit else []
        batch = self.long_limit and "batches.create" in self.ctx.text
        config_limit = self.__dict__.get("config_limit")
        keyed = {"keyed": self.keyed_sites} if self.keyed_sites and not self.sites else {}
        written = {"written_replies": sorted(self.written_replies)} if self.written_replies else {}
        if self.filled:
            written["filled"] = sorted(self.filled)
        if self.sites or self.token_limit or self.reads or items or batch or config_limit or keyed:
            self.ctx.facts[self.code] = {"sites": self.sites[:20], "token_limit": self.token_limit,
                                         "reads": self.reads[:20], "items": items[:20], "batch": batch,
                                         **({"config_limit": config_limit} if config_limit else {}), **keyed, **written}

    def _local_generation(self) -> None:
        """`model.generate(ids, max_new_tokens=N)` decoded and scored in this file, with no comparison that
        looks at the EOS token or at the generated length against N: cut outputs are graded as answers."""
        if not self.local or not _DECODES.search(self.ctx.text) or is_test_path(self.ctx.path):
            return
        # Scored: a comparison reads the decoded text (`pick(answer) == row["key"]`); demos that
        # print a few decoded samples score nothing.
        decoded = {m.group(1) for m in _DECODED_NAME.finditer(self.ctx.text)}
        # and what is made from it (`m = ANSWER.search(text)`, `pred = m.group(1) if m else ""`): `pred == gold` scores it
        assigned = [(m.group(1), m.group(2)) for m in _ASSIGNED_NAME.finditer(self.ctx.text)]
        for _ in range(3):
            grown = {name for name, value in assigned if name not in decoded and any(
                re.search(rf"(?<![\w.]){re.escape(d)}\b", value) for d in decoded)}
            if not grown:
                break
            decoded |= grown
        words = [re.compile(rf"(?<![\w.]){re.escape(name)}\b") for name in decoded] + [_DECODES, _GOLD_FIELD]
        compared_in = [(where, self.ctx.code(node)) for where, node in self.compared_at]
        # `assert len(dec) % 10 == 0`: a comparison of how many outputs there are reads no text, whatever cuts it
        scored = [(where, self.ctx.line_of(node)) for where, node in self.compared_at
                  if any(w.search(code := _COUNTED.sub("len()", self.ctx.code(node))) for w in words)
                  and ("==" in code or " in " in code)]
        # The generation whose output is scored: the last one of its function before the comparison. A
        # notebook is one module, and a demo cell that prints one generation is not the scored one.
        found = None
        for index, (node, limit, function) in enumerate(self.local):
            start = self.ctx.line_of(node) or 0
            end = next((self.ctx.line_of(n) or 0 for n, _, f in self.local[index + 1:] if f == function), None)
            if any(where == function and (line or 0) >= start and (end is None or (line or 0) < end)
                   for where, line in scored):
                found = (node, limit, function)
                break
        if found is None:
            return
        node, limit, function = found
        limit_word = re.compile(rf"(?<![\w.]){re.escape(limit)}(?![\w(])") if re.fullmatch(r"[\w.]+", limit) else None
        if any(_EOS.search(c) or (limit_word is not None and limit_word.search(c)) for _, c in compared_in):
            return
        if _CONFIG_LIMIT.fullmatch(limit):
            # `max_new_tokens=cfg.model.max_new_tokens`: its value is in the run's config file (Hydra /
            # OmegaConf YAML); a short budget there asks for a label, which the repo phase looks up.
            self.config_limit = {"line": self.ctx.line_of(node), "code": self.ctx.code(node.func) + "(...)",
                                 "function": function, "limit": limit, "files": sorted(self.config_files)[:10]}
            return
        self.report(node, code=self.ctx.code(node.func) + "(...)", function=function,
                    message=LOCAL_MESSAGE, evidence=f"outputs are cut at {limit} new tokens and nothing tests for the EOS token or the "
                             "generated length before they are decoded and scored")

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        _across(cls, repo)
        cut_files: dict[str, tuple[str, Location]] = {}
        for path, profile in repo.facts("table"):
            column = stop_column(profile)
            if column is None:
                continue
            cut, line = truncated_count(column[1])
            if cut:
                cut_files[path] = (f"{cut} of {profile.get('rows', 0)} outputs in {path} stopped at the token limit",
                                   Location(path, line or None, f"{column[0]} says the output was cut"))
        facts_by_path = dict(repo.facts(cls.code))
        for path, fact in facts_by_path.items():
            pending = fact.get("config_limit")
            if pending and not _short_in_config(repo, pending["limit"], pending.get("files", [])):
                repo.report(cls, path, pending["line"], code=pending["code"], function=pending["function"],
                            message=LOCAL_MESSAGE, evidence=f"outputs are cut at {pending['limit']} new tokens and nothing "
                            "tests for the EOS token or the generated length before they are decoded and scored")
            # Code that reads a transcript file with cut outputs and analyses it without scoring lines
            # we recognise (a notebook's `str.contains`): one finding, at the read.
            read = next(((site, cut_files[data]) for site in fact.get("reads", []) for data in cut_files
                         if _same_file(site["path"], data)), None)
            if read is not None and not fact.get("sites"):  # scored here: the scoring lines say more
                site, (evidence, where) = read
                repo.report(cls, path, site["line"], snippet=site["code"], code=site["code"], cell=site.get("cell"),
                            cell_line=site.get("cell_line"), function=site["function"], evidence=evidence,
                            related=(where,), message="`{code}` names transcripts that are analysed in `{function}` "
                            "without checking `stop_reason` / `finish_reason`: {evidence}")
                continue
            if cut_files:
                evidence, where = next(iter(cut_files.values()))
                related: tuple[Location, ...] = (where,)
            elif fact.get("token_limit"):  # generation capped in this very file
                evidence, related = f"generation in {path} sets a token limit, so some outputs may be cut", ()
                # A record's response-named field this file never fills with its own generations is the input
                # file's text (the gold completion of a prompt/completion file, the text under judgement):
                # this file's token limit says nothing about it (held-out set 28).
                filled = set(fact.get("filled", []))
                fact = dict(fact, sites=[s for s in fact.get("sites", []) if not s.get("key") or s["key"] in filled])
            elif (producer := _capped_producer(repo, path, facts_by_path)) is not None:
                evidence = f"it reads {producer[1]}, written by {producer[0]} under a token limit, so some outputs may be cut"
                related = (Location(producer[0], None, "generation with a token limit writes the outputs"),)
                if not fact.get("sites") and fact.get("keyed"):
                    # `r["text"]` scored here, where the capped writer put the reply text under "text"
                    replies = set(facts_by_path.get(producer[0], {}).get("written_replies", []))
                    fact = {"sites": [k for k in fact["keyed"] if k["key"] in replies]}
            elif fact.get("items") and (batch := next((p for p, f in facts_by_path.items() if f.get("batch")), None)):
                evidence = f"the batch requests built in {batch} set a token limit, so some outputs may be cut"
                related = (Location(batch, None, "batch requests with a token limit"),)
                fact = {"sites": fact["items"]}
            else:
                continue
            for site in fact.get("sites", []):
                repo.report(cls, path, site["line"], snippet=site["code"], code=site["code"],
                            cell=site.get("cell"), cell_line=site.get("cell_line"),
                            function=site["function"], evidence=evidence, related=related)


def _module_of(path: str) -> str:
    return path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def _across(cls, repo: RepoContext) -> None:  # type: ignore[no-untyped-def]
    """`out = solve(q)` scored here (`last_number(out) == gold`), where `solve`, imported from another module
    of the repo, returns `resp.output_text` of a call with a token limit and that module never looks at why
    generation stopped: the cut replies are scored like the others."""
    facts = list(repo.facts(cls.code + ":across"))
    returns = {(_module_of(path), name): path for path, fact in facts for name in fact.get("returns", [])}
    if not returns:
        return
    for path, fact in facts:
        for site in fact.get("sites", []):
            module, _, name = site["via"].rpartition(".")
            producer = next((p for (m, n), p in returns.items() if n == name and p != path
                             and (m == module or m.endswith("." + module) or module.endswith("." + m))), None)
            if producer is None:
                continue
            repo.report(cls, path, site["line"], snippet=site["code"], code=site["code"], cell=site.get("cell"),
                        cell_line=site.get("cell_line"), function=site["function"],
                        evidence=f"`{name}` in {producer} returns a reply generated under a token limit and nothing "
                                 "checks why generation stopped, so some outputs may be cut",
                        related=(Location(producer, None, "the reply is read off a call with a token limit"),))


# `m = PATTERN.search(reply)` then `if m is None:` returning a NaN score (or raising) within a few lines: a reply
# that does not parse in full (one cut at the token limit) is kept apart, not graded.
_FAILED_PARSE = re.compile(r"(\w+)\s*=\s*[\w.]*\b(?:search|match|fullmatch)\([^\n]*\n(?:[^\n]*\n){0,6}?[^\n]*"
                           r"if\s+(?:\1\s+is\s+None|not\s+\1)\s*:[^\n]*\n(?:[^\n]*\n){0,6}?[^\n]*"
                           r"(?:\braise\b|\bmath\.nan\b|\bnp\.nan\b|\bnumpy\.nan\b|float\(\s*[\"']nan[\"']\s*\))")
_FAILED_JSON = re.compile(r"try:[^\n]*\n(?:[^\n]*\n){0,3}?[^\n]*\bjson\.loads?\([^\n]*\n(?:[^\n]*\n){0,3}?[^\n]*"
                          r"except\b[^\n]*:[^\n]*\n[^\n]*(?:\breturn\s+None\b|\braise\b|\bcontinue\b|\bmath\.nan\b|"
                          r"\bnp\.nan\b|float\(\s*[\"']nan[\"']\s*\))")
# The client calls that return a model's reply (OpenAI / Anthropic / vLLM / LiteLLM spellings).
_MODEL_CALL = re.compile(r"create|generate|complete|completion|acompletion|chat|invoke|ainvoke|"
                         r"generate_content(_async)?")  # Gemini / Vertex AI


def _callee_of(call: cst.Call) -> str:
    func = call.func
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""


def _sets_limit(call: cst.Call, literal) -> bool:  # type: ignore[no-untyped-def]
    """Does a model call set a token limit that can cut an answer (or pass settings it hides in `**kwargs`)?
    A literal below _SHORT_REPLY asks for a label; one of _WHOLE_ANSWER or more holds whole answers."""
    for arg in call.args:
        if arg.star == "**":
            return True
        if arg.keyword is not None and arg.keyword.value in _TOKEN_LIMITS:
            limit = literal(arg.value)
            if limit is None or _SHORT_REPLY <= limit < _WHOLE_ANSWER:
                return True
        if arg.keyword is not None and arg.keyword.value in ("generation_config", "config", "options") \
                and not isinstance(arg.value, cst.Dict):
            return True  # Vertex / Gemini `generation_config=CFG`: the limit is in the object (the file's `max_output_tokens=`)
    return False


LOCAL_MESSAGE = ("`{code}` output is decoded and scored in `{function}` without checking that generation "
                 "finished: {evidence}")
# A token limit read off a config object: `cfg.model.max_new_tokens`, `args.max_new_tokens`.
_CONFIG_LIMIT = CONFIG_ROOTS


def _short_in_config(repo: RepoContext, limit: str, files: list[str]) -> bool:
    """Does the run's YAML config set the limit's key (`max_new_tokens: 32`) only to a short budget?"""
    key = limit.rsplit(".", 1)[-1]
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*:\s*(\d+)\s*(#.*)?$", re.M)
    values = []
    for path in files:
        try:
            text = repo.read_bytes(path).decode("utf-8", "replace")
        except OSError:
            continue
        values += [int(m.group(1)) for m in pattern.finditer(text)]
    return bool(values) and max(values) < _SHORT_REPLY


_DECODES = re.compile(r"\.(batch_)?decode\(")
_COUNTED = re.compile(r"\blen\(\s*[\w.]+\s*\)")  # `len(dec)`: the number of outputs, not their text
_SCORES_TEXT = re.compile(r"""(?i)accura|\bacc\b|correct|exact_match|pass@|solve|score|==\s*[\w.\[\]"']*(gold|answer|target|label)""")
# A name bound to decoded model output: `answer = tok.batch_decode(...)[0]`, `texts = [tok.decode(g) ...]`.
# A gold value read from a record in a comparison: `r["pred"] == r["gold"]`, `... == it["key"]`.
_GOLD_FIELD = re.compile(r"""\[\s*["'](gold|answer|answers|target|label|reference|solution|key|expected)["']\s*\]""")
_DECODED_NAME = re.compile(r"^[ \t]*(\w+)\s*=[^\n]*\.(?:batch_)?decode\(", re.M)
_ASSIGNED_NAME = re.compile(r"^[ \t]*(\w+)\s*=(?!=)([^\n]*)$", re.M)
_EOS = re.compile(r"eos_token|eos_id|\beos\b|pad_token_id|num_new|n_new|gen_len|stop_token|stop_str")  # in a comparison: a finish check
# The other side of a comparison that grades: a gold value (`nums[-1] == str(r["answer"])`).
_GOLD_COMPARED = re.compile(r"(?i)gold|answer|target|label|reference|solution|expected|truth|correct")
_TRANSCRIPT_SUFFIX = re.compile(r"\.(jsonl|json|csv|tsv|parquet|ndjson)$", re.I)


def _collected_calls(value: cst.BaseExpression) -> str | None:
    """`ask` when `value` collects one call of `ask` per item: `[ask(p) for p in ps]`, `[await ask(p) ...]`,
    `await asyncio.gather(*(ask(p) for p in ps))`, `gather(*[ask(p) for p in ps])`."""
    if isinstance(value, cst.Await):
        value = value.expression
    if isinstance(value, cst.Call) and _callee_of(value).rsplit(".", 1)[-1] == "gather" and len(value.args) >= 1 \
            and value.args[0].star == "*":
        value = value.args[0].value
    if not isinstance(value, (cst.ListComp, cst.GeneratorExp)):
        return None
    element = value.elt.expression if isinstance(value.elt, cst.Await) else value.elt
    if not isinstance(element, cst.Call):
        return None
    func = element.func
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else None


def _appended_to(parents: list[cst.CSTNode]) -> str | None:
    """`replies` when the node being visited is the argument of `replies.append(...)`."""
    if len(parents) < 2 or not isinstance(parents[-1], cst.Arg) or not isinstance(parents[-2], cst.Call):
        return None
    func = parents[-2].func
    if isinstance(func, cst.Attribute) and func.attr.value == "append" and isinstance(func.value, cst.Name):
        return func.value.value
    return None


def _iterated_names(source: cst.BaseExpression) -> list[tuple[str, int | None]]:
    """The lists a loop reads its items from, with the item's position in the loop's tuple:
    `replies` -> [("replies", None)]; `zip(replies, golds)` -> [("replies", 0), ("golds", 1)];
    `enumerate(replies)` -> [("replies", 1)]."""
    if isinstance(source, cst.Name):
        return [(source.value, None)]
    if isinstance(source, cst.Call) and isinstance(source.func, cst.Name):
        if source.func.value == "zip":
            return [(a.value.value, i) for i, a in enumerate(source.args) if isinstance(a.value, cst.Name)]
        if source.func.value == "enumerate" and source.args and isinstance(source.args[0].value, cst.Name):
            return [(source.args[0].value.value, 1)]
    return []


def _assigned_call_result(parents: list[cst.CSTNode]) -> str | None:
    """`name` when the node being visited is an argument of a call whose result is assigned to `name`."""
    if len(parents) < 3 or not isinstance(parents[-1], cst.Arg) or not isinstance(parents[-2], cst.Call):
        return None
    assign = parents[-3]
    if isinstance(assign, cst.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0].target, cst.Name):
        return assign.targets[0].target.value
    return None


# Calls that pick pieces of a text by a pattern (`BOXED.findall(text)`, `re.findall(p, text)`), and an item of
# those pieces cleaned up (`found[-1].strip()`).
_PIECE_FINDERS = re.compile(r"^(findall|finditer|search|match|fullmatch|split)$")
_PIECE_OF = re.compile(r"X(\[[^\]]*\])+(\.(strip|lower|upper|rstrip|lstrip|casefold)\(\))*|X\.group\(\d*\)(\.(strip|lower)\(\))*")
# Methods whose result is still (a piece of) the text they are called on.
_TEXT_PIECES = frozenset({"strip", "lstrip", "rstrip", "lower", "upper", "casefold", "splitlines", "split",
                          "rsplit", "partition", "rpartition", "removeprefix", "removesuffix", "title"})


def _text_chain_target(node: cst.Name, parents: list[cst.CSTNode]) -> str | None:
    """For `last = text.strip().splitlines()[-1].lower()` at `text`: `last` (a piece of the text, bound to a name)."""
    child: cst.CSTNode = node
    pieces = 0
    for parent in reversed(parents):
        if isinstance(parent, cst.Attribute) and parent.value is child and parent.attr.value in _TEXT_PIECES:
            child = parent
            continue
        if isinstance(parent, cst.Call) and parent.func is child and isinstance(child, cst.Attribute):
            child, pieces = parent, pieces + 1
            continue
        if isinstance(parent, cst.Subscript) and parent.value is child and isinstance(child, cst.Call):
            child = parent
            continue
        if isinstance(parent, cst.Assign) and parent.value is child and pieces and len(parent.targets) == 1 \
                and isinstance(parent.targets[0].target, cst.Name):
            return parent.targets[0].target.value
        return None
    return None


def _compares_value(node: cst.CSTNode) -> bool:
    """`pred == gold`, `gold in text`: a comparison that scores, not `x is None` / `x == ""`, nor a test
    of the reply's format by a marker of punctuation alone (`"```" in output`, a code fence)."""
    if not isinstance(node, cst.Comparison):
        return False
    for target in node.comparisons:
        if isinstance(target.operator, (cst.Is, cst.IsNot)):
            return False
        if isinstance(target.comparator, cst.Name) and target.comparator.value == "None" or string_value(target.comparator) == "":
            return False
    for side in (node.left, *(t.comparator for t in node.comparisons)):
        marker = string_value(side)  # (`explanation[0] == " "`: a test of spacing, held-out 28)
        if marker is not None and marker and not any(c.isalnum() for c in marker):
            return False
    return True


def _same_file(written: str, data: str) -> bool:
    """Does a path written in the code (relative to wherever the code runs) name the data file?"""
    written = written.replace("\\", "/").lstrip("./")
    if "*" in written or "?" in written:  # `glob("transcripts/*.jsonl")`
        return fnmatch.fnmatch(data, written) or fnmatch.fnmatch(data, "*/" + written)
    return bool(written) and (data == written or data.endswith("/" + written) or written.endswith("/" + data))


def _capped_producer(repo: RepoContext, reader: str, facts: dict[str, dict]) -> tuple[str, str] | None:
    """(file, output) when `reader` reads an output file that a file generating under a token limit writes."""
    io = dict(repo.facts("io"))
    reads = {r["path"] for r in io.get(reader, []) if r.get("mode") == "read"}
    for path, fact in facts.items():
        if path == reader or not fact.get("token_limit"):
            continue
        for record in io.get(path, []):
            if record.get("mode") == "write" and any(_same_file(record["path"], r) or r == record["path"] for r in reads):
                return path, record["path"]
    return None


def _chain_compared(node: cst.CSTNode, parents: list[cst.CSTNode]) -> bool:
    """`m.group(1).replace(",", "") == row["answer"]`: a method chain on `node` (a regex match of the reply,
    a piece of it) that ends in a comparison: the reply is scored there."""
    current = node
    for parent in reversed(parents[-8:]):
        if isinstance(parent, cst.Attribute) and parent.value is current or isinstance(parent, cst.Call) and parent.func is current:
            current = parent
            continue
        return isinstance(parent, cst.Comparison) and current is not node and _compares_value(parent)
    return False



# The prediction side of a comparison or of a scorer's arguments: the response-named field on the other
# side is the gold (`item["pred"] == item["output"]`, `accuracy(pred, row["output"])`).
_PREDICTED = re.compile(r"(?i)(?<![a-z])(preds?|predict\w*|generat\w*|hyps?|hypothes\w*|model_(?:output|answer|response)s?)(?![a-z])")
# A name that holds gold values: `targets = [clean(ex["completion"]) for ex in data]`.
_GOLD_HOLDER = re.compile(r"(?i)^(targets?|golds?|labels?|references?|refs?|answers?|expected|truths?|ground_truths?|gts?)$|"
                          r"_(targets?|golds?|labels?|refs?)$|^(gold|target|ref|label)_")


def _gold_role(ctx, node: cst.CSTNode) -> bool:  # type: ignore[no-untyped-def]
    """Is the response-named field `node` the gold side: compared with, or handed to a scorer beside, a
    prediction, or collected into a name that holds gold values?"""
    own = ctx.code(node)
    parents = ctx.parents
    for p in parents[-3:]:
        if isinstance(p, cst.Comparison):
            return bool(_PREDICTED.search(ctx.code(p).replace(own, "")))
    if len(parents) >= 2 and isinstance(parents[-1], cst.Arg) and isinstance(parents[-2], cst.Call):
        others = [ctx.code(a.value) for a in parents[-2].args if a is not parents[-1]]
        if any(_PREDICTED.search(o) for o in others):
            return True
    for p in reversed(parents[-7:]):
        if isinstance(p, cst.Assign):
            return len(p.targets) == 1 and isinstance(p.targets[0].target, cst.Name) \
                and bool(_GOLD_HOLDER.search(p.targets[0].target.value))
        if not isinstance(p, (cst.Arg, cst.Call, cst.ListComp, cst.GeneratorExp, cst.List, cst.Element, cst.CompFor)):
            return False
    return False


def _field_read(value: cst.BaseExpression) -> bool:
    """`ex["answers"][0]` (or a choice between such reads, or a constant): a value copied from the record itself."""
    if isinstance(value, cst.IfExp):
        return _field_read(value.body) and _field_read(value.orelse)
    if isinstance(value, (cst.SimpleString, cst.ConcatenatedString, cst.Integer, cst.Float)):
        return True
    if isinstance(value, cst.List) and all(isinstance(e, cst.Element) for e in value.elements):
        return all(_field_read(e.value) for e in value.elements)
    while isinstance(value, cst.Subscript):
        if len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Index) \
                and string_value(value.slice[0].slice.value) is not None:
            return True
        value = value.value
    return False
