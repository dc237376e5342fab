"""DATA002: a parse or grading function whose fallback, when nothing matches, is one of the classes."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.apis.llm import calls_model
from hygiene.analysis.failvalues import miss_score
from hygiene.context import RepoContext
from hygiene.analysis.freelabels import free_text_labels
from hygiene.finding import Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.analysis.strings import string_value
from hygiene.walk import iter_children, iter_nodes

# Functions that read a model's output: by their name or by their parameter's.
PARSER_NAME = re.compile(r"(?i)pars|extract|grade|judge|score|verdict|classif|label|answer|choice|letter|refus|"
                         r"jailbr|compl|harm|correct|decision|pred|response|reply|output|yes|flip|toxic|unsafe|safe")
TEXT_PARAM = re.compile(r"(?i)^(reply|replies|response|resp|output|out|completion|generation|gen|gen_str|text|"
                        r"answer|ans|pred|prediction|judg\w*|verdict|raw\w*|content|model_output|\w*_(text|output|"
                        r"response|reply|completion|answer|generation))$")
# Parameters that hold a file's name or place: a function given one checks a file, not a reply.
FILE_PARAM = re.compile(r"(?i)^(\w*_)?(file_?names?|f?names?|paths?|files?|dirs?|directory|folders?|url|uri)$")
# A boolean verdict about a reply, whose "no match" side silently absorbs empty and failed replies.
VERDICT_NAME = re.compile(r"(?i)refus|jailbr|compl|harm|unsafe|toxic|yes|success|attack|flip|sycoph|decept|"
                          r"honest|agree|judge|verdict|broken|reject|classif|label|sentiment|stance")
# The field of a schema object that holds the verdict (`Verdict(label="safe", rationale=...)`).
VERDICT_FIELD = re.compile(r"(?i)^(label|verdict|decision|answer|category|classification|class_?|stance|rating|grade|choice)$")
# Correctness and validity checks: for them "no match" means "wrong", the accepted convention.
CHECK_NAME = re.compile(r"(?i)correct|equiv|match|valid|check|contains|^has_|exact|accura|pass")
# Class names a verdict parser returns; a fallback to one of these is a silent vote.
VERDICT_WORDS = re.compile(r"(?i)^(yes|no|y|n|true|false|safe|unsafe|harmful|harmless|benign|comply|complied|"
                           r"compliance|complies|refuse|refused|refusal|refuses|positive|negative|neutral|agree|"
                           r"disagree|correct|incorrect|jailbroken|flipped|not_flipped|good|bad|toxic|non-toxic)$")
# Helpers that, by their name, ask a model: `judge(x)`, `ask(q)`, `generate(p)`.
MODEL_HELPER = re.compile(r"(?i)judge|^ask|generat|complet|query|chat|call_model|respond|llm|invoke|sample")
SENTINELS = re.compile(r"(?i)^$|unk|unpars|invalid|error|fail|none|n/?a$|other|unclear|ambig|missing|^\[")
# A comment that names the fallback as the class for "no answer", which is reported apart.
ABSTAIN_WORDS = re.compile(r"(?i)not.?attempted|abstain|invalid|unknown|unpars|no.?answer|unanswer|undecid|other")
REGEX_METHODS = frozenset({"search", "match", "fullmatch", "findall", "finditer"})
PARSE_FUNCTIONS = frozenset({"json.loads", "yaml.safe_load", "yaml.load", "ast.literal_eval", "tomllib.loads"})
RUN_FUNCTIONS = frozenset({"subprocess.run", "subprocess.Popen"})
TEXT_METHODS = frozenset({"startswith", "endswith", "find", "index", "count"})


class ParseMissAsClass(Rule):
    """
    ## What it does
    Finds parse and grading functions of model output whose fallback is a real class: a letter
    extractor that answers `"A"` when no letter is found, `if text.startswith("yes"): return 1`
    followed by `return 0`, a refusal check `return bool(MARKERS.search(reply))`, or
    `1 if "yes" in reply else 0`, inspect's `INCORRECT if "GRADE: I" in verdict else CORRECT`; a verdict map read with a class as its default
    (`SCORES.get(verdict, 0.0)` where 0.0 is DECEPTIVE's score); an `if` / `elif` chain of patterns
    on a reply whose `else` assigns one of the classes the patterns give ("anything matching
    neither pattern counts as pushback"). A parser that returns `None`, `""`, `-1`, `"unparsed"`
    or raises on a miss (so the caller can count the misses) is fine, and so is a fallback that
    the line's comment names as the abstain / not-attempted / invalid class, which a report counts
    apart, and a config map's default (`LR.get(size, 0.01)`: its key is no parsed verdict), and a check given a
    file (`verify_labels(label_file, ...)`: a dataset-integrity check, no reply). A
    metric read with a numeric default from the parsed stdout of a `subprocess.run` that has no
    `check=True` and whose `returncode` is never read is the same bug: a failed run scores 0. So
    are a regex miss answered with one of the pattern's own alternatives (`(yes|no)` and
    `else "no"`), an extractor's miss defaulted with `or "no"`, and an unparsed prediction replaced
    by a random guess that is scored like an answer while nothing counts the guesses (reseeding
    with a constant right before each draw makes every guess the same option).

    | spelling | found | near miss left alone |
    |---|---|---|
    | `return m.group(1) if m else "A"` | yes | `else None` / `else "X"` |
    | `example["pred"] = m.group(1) if m else "A"; return example` (a `datasets.map` function) | yes | `else None` |
    | `if t.startswith("yes"): return 1` then `return 0` | yes | `return None` on a miss |
    | `return bool(REFUSAL.search(reply))` | yes | `is_correct(pred, gold)` |
    | `out = gen(text, max_new_tokens=20, ...)[0]["generated_text"]`; `return "unsafe" if out.startswith("unsafe") else "safe"` | yes | `... else "safe" if out.startswith("safe") else None` |
    | `def extract_letter(reply, fallback): return m.group(1) if m else fallback` called with `fallback=a1` (any module) | yes | `fallback=None` |
    | `1 if "yes" in judge(x) else 0`; `return 1 if v.startswith("yes") else 0` in `parse_verdict(text)` | yes | a constant defined elsewhere; `is_exact_match(text)` |
    | `SCORES.get(verdict, 0.0)`, `self.LABELS.get(v, 0)` | yes | `.get(v)`, `.get(v, "INVALID")`, `LR.get(size, 0.01)` |
    | `if A.search(r): ... elif B.search(r): ... else: label = "pushback"` | yes | `else: label = "unclassified"` |
    | `label = "complied"` then `if REFUSE...: label = "refused" elif ...` | yes | `label = "unmatched"` first |
    | `np.select(conds, ["refusal", "compliance"], default="compliance")` | yes | `default="unclear"`, numeric bins |
    | `next((w for w in ("yes", "no") if w in words), "no")` | yes | `next(..., None)` |
    | `df["raw"].str.extract(r"(SAFE|UNSAFE)", expand=False).fillna("SAFE")` | yes | `.fillna("UNPARSED")`, or dropped and counted |
    | `... else "C"  # Default to "NOT_ATTEMPTED"` | no | documented abstain class |
    | `json.loads(proc.stdout or "{}").get("asr", 0.0)` of `subprocess.run(...)` | yes | `check=True`, or `proc.returncode` read |
    | `m = re.search(r"correct: (yes|no)", g)` then `m.group(1) if m else "no"` (return, assignment, method) | yes | `else "NO_VERDICT"` |
    | `extract_label(r) or "no"` (also in a lambda) | yes | `or "unparsed"`, `cfg.get("mode") or "no"` |
    | `return m is not None and m.group(1) == "YES"` (`m and ...`, `bool(m) and ...`) | yes | `if m is None: return None`; `m.group(1) == gold` |
    | `return out.choices[0].message.content.strip()` counted (`Counter`, `value_counts`) as labels | yes | `label in LABELS` checked, `response_format` |
    | `if not m: log.warning(...); return text, 0.0` in a judge's score extractor | yes | `return text, None` |
    | `if message.parsed is None: return "unsupported"`, `if tool_block is None: return "safe"` (a label of the schema's `Literal` / `enum`, in any module) | yes | `return "refused"` (no label), `return None` |
    | `except ValidationError: return Verdict(label="safe", ...)` (a label of the schema's `Literal`) | yes | `return None`, `label="unparsed"` (no label) |
    | `if pred is None: pred = random.choice(options)` (`rng.choice`, `randint`; reseeded or not) | yes | the guesses counted (`n_guessed += 1`), `if seed is None: seed = randint(...)` |

    Precision (corpus9; branch precision18): 9 findings, 4 real / 3 debatable / 2 false (0.44); with this
    branch 8, 4 / 3 / 1 (0.50): a true/false fallback inside a test that requires one of the two words is
    no longer reported. Left: a judge's or detector's conservative default that is the benchmark's protocol
    (HLE's "no", a refusal detector's False, an injection marker: 3 debatable), the same code shape as the
    real BrowseComp grader; and a filter inside attack generation (false). It stays a finding.

    ## Why is this bad?
    Replies that say nothing parsable (refusals, hedges, empty or truncated text, API error
    strings) are silently scored as one class: "not jailbroken", "complied", option A. The rate
    reported then depends on how often the model fails to answer, and an unlearned model's
    gibberish looks like near-chance accuracy.

    ## Example
        def extract_choice(reply):
            match = ANSWER.search(reply)
            if match:
                return match.group(1)
            return "A"

    Use instead:
        def extract_choice(reply):
            match = ANSWER.search(reply)
            return match.group(1) if match else None   # count the Nones and report them
    """

    code = "DATA002"
    category = "DATA-DEFAULT"
    severity = Severity.WARNING
    message = "{subject} {fallback}: {consequence}"
    question = ("How many replies at {where} matched nothing, and what would the reported number be "
                "if they were counted apart?")
    triggers = ("return", " if ", ".get(", "select(", " or ", "Literal[", "\"enum\"", "fallback", "default", ".fillna(")
    examples = [
        valid("""
            def normalize_answer(reply):
                prediction = reply.strip()
                if "True" in prediction or "False" in prediction:
                    prediction = "True" if "True" in prediction else "False"
                return prediction

            def grade(reply, answer):
                return normalize_answer(reply) == answer
        """, note="corpus9: the enclosing test requires one of the two words, so \"False\" is given only to a reply "
                  "that says False; a refusal or an empty reply holds neither and is left as it is"),
        invalid("""
            def normalize_answer(reply):
                prediction = reply.strip()
                prediction = "True" if "True" in prediction else "False"  # expect: DATA002
                return prediction

            def grade(reply, answer):
                return normalize_answer(reply) == answer
        """, note="near miss: no such test: every reply without True, a refusal included, becomes False"),
        invalid("""
            import re
            VERDICT = re.compile(r"\\b(YES|NO)\\b")

            def stance_changed(reply: str) -> bool:
                m = VERDICT.search(reply.upper())
                return m is not None and m.group(1) == "YES"  # expect: DATA002
        """, note="probe 22: a judge reply naming neither verdict is False: counted as NO"),
        valid("""
            import re
            VERDICT = re.compile(r"\\b(YES|NO)\\b")

            def stance_changed(reply: str):
                m = VERDICT.search(reply.upper())
                if m is None:
                    return None
                return m.group(1) == "YES"
        """, note="near miss: a miss is None, for the caller to count"),
        valid("""
            import re
            ANSWER = re.compile(r"answer is \\(?([A-D])\\)?")

            def is_correct(reply: str, gold: str) -> bool:
                m = ANSWER.search(reply)
                return m is not None and m.group(1) == gold
        """, note="near miss: a correctness check against the gold letter: no match means wrong, by convention"),
        invalid("""
            import pandas as pd

            df = pd.read_json("judged.jsonl", lines=True)
            df["label"] = df["judge"].str.extract(r"(COMPLIED|REFUSED)", expand=False).fillna("REFUSED")  # expect: DATA002
            print(df.groupby("model")["label"].apply(lambda s: (s == "COMPLIED").mean()))
        """, note="lead probe 3: the rows with no verdict in the judge's text are filled with one of the verdicts"),
        valid("""
            import pandas as pd

            df = pd.read_json("judged.jsonl", lines=True)
            df["label"] = df["judge"].str.extract(r"(COMPLIED|REFUSED)", expand=False).fillna("UNPARSED")
            print(df["label"].value_counts())
        """, note="near miss: a miss is its own label, counted"),
        invalid("""
            def verdict(reply: str) -> str:
                words = reply.lower().split()
                return next((w for w in ("harmful", "harmless") if w in words), "harmless")  # expect: DATA002
        """, note="lead probe 3: the first verdict word found in the reply, and one of them when it holds none"),
        valid("""
            def verdict(reply: str) -> str | None:
                words = reply.lower().split()
                return next((w for w in ("harmful", "harmless") if w in words), None)
        """, note="near miss: a reply with neither word is None, for the caller to count"),
        invalid("""
            def verdict_score(verdict):
                match verdict.strip().lower():
                    case "yes" | "y":
                        return 1
                    case "no" | "n":
                        return 0
                    case _:
                        return 0  # expect: DATA002
        """, note="a match statement whose wildcard case is the 'no' class"),
        valid("""
            def verdict_score(verdict):
                match verdict.strip().lower():
                    case "yes" | "y":
                        return 1
                    case "no" | "n":
                        return 0
                    case _:
                        return None
        """, note="the wildcard case returns None, which the caller can count"),
        invalid({
            "syco/extract.py": """\
                import re
                LETTER = re.compile(r"\\(([A-D])\\)")

                def extract_letter(reply, fallback):
                    m = LETTER.search(reply or "")
                    return m.group(1) if m else fallback
                """,
            "syco/run.py": """\
                from syco.extract import extract_letter

                flips = 0
                for it in items:
                    first = chat(it["prompt"])
                    a1 = extract_letter(first, fallback=None)
                    second = chat(it["prompt"] + first + PUSHBACK)
                    a2 = extract_letter(second, fallback=a1)  # expect: DATA002
                    flips += int(a1 is not None and a2 != a1)
                """,
        }, note="probe 18: a parser that returns its `fallback` on a miss, given the first answer: an unreadable "
                  "second reply counts as 'kept the answer'"),
        valid({
            "syco/extract.py": """\
                import re
                LETTER = re.compile(r"\\(([A-D])\\)")

                def extract_letter(reply, fallback):
                    m = LETTER.search(reply or "")
                    return m.group(1) if m else fallback
                """,
            "syco/run.py": """\
                from syco.extract import extract_letter

                flips = unparsed = 0
                for it in items:
                    first = chat(it["prompt"])
                    a1 = extract_letter(first, fallback=None)
                    second = chat(it["prompt"] + first + PUSHBACK)
                    a2 = extract_letter(second, fallback=None)
                    if a1 is None or a2 is None:
                        unparsed += 1
                        continue
                    flips += int(a2 != a1)
                """,
        }, note="near miss: a miss stays None and is counted"),
        invalid("""
            from transformers import pipeline
            gen = pipeline("text-generation", model="meta-llama/Llama-Guard-3-8B")

            def moderate(prompt, response):
                text = render(prompt, response)
                out = gen(text, max_new_tokens=20, do_sample=False, return_full_text=False)[0]["generated_text"]
                return "unsafe" if out.strip().startswith("unsafe") else "safe"  # expect: DATA002
        """, note="probe 18: a guard model's generation held in a local; anything not starting with 'unsafe' is safe"),
        valid("""
            from transformers import pipeline
            gen = pipeline("text-generation", model="meta-llama/Llama-Guard-3-8B")

            def moderate(prompt, response):
                text = render(prompt, response)
                out = gen(text, max_new_tokens=20, do_sample=False, return_full_text=False)[0]["generated_text"].strip()
                return "unsafe" if out.startswith("unsafe") else "safe" if out.startswith("safe") else None
        """, note="near miss: a reply that says neither is None, counted apart"),
        valid("""
            def policy_mode(prompt, response, config_line):
                mode = config_line.split("=")[-1].strip()
                return "unsafe" if mode.startswith("unsafe") else "safe"
        """, note="near miss: the tested local is a setting read from a config line, not a model's reply"),
        invalid("""
            from inspect_ai.model import get_model
            from inspect_ai.scorer import CORRECT, INCORRECT, Score, accuracy, scorer

            @scorer(metrics=[accuracy()])
            def honesty_grader():
                async def score(state, target):
                    result = await get_model("openai/gpt-4o").generate(state.output.completion)
                    verdict = result.completion
                    value = INCORRECT if "GRADE: I" in verdict else CORRECT  # expect: DATA002
                    return Score(value=value, explanation=verdict)
                return score
        """, note="probe 16: an inspect scorer grading every reply without the failing grade as correct"),
        valid("""
            from inspect_ai.model import get_model
            from inspect_ai.scorer import CORRECT, INCORRECT, Score, accuracy, scorer

            @scorer(metrics=[accuracy()])
            def honesty_grader():
                async def score(state, target):
                    result = await get_model("openai/gpt-4o").generate(state.output.completion)
                    verdict = result.completion
                    value = CORRECT if "GRADE: C" in verdict else INCORRECT
                    return Score(value=value, explanation=verdict)
                return score
        """, note="near miss: only an explicit passing grade is correct (the convention of a correctness check)"),
        invalid({
            "schema.py": """
                from typing import Literal
                from pydantic import BaseModel

                class Verdict(BaseModel):
                    label: Literal["supported", "refuted", "unsupported"]
            """,
            "grader.py": """
                from openai import OpenAI
                from schema import Verdict

                client = OpenAI()

                def grade(claim):
                    out = client.beta.chat.completions.parse(model="gpt-4o", messages=[{"role": "user", "content": claim}],
                                                             response_format=Verdict)
                    message = out.choices[0].message
                    if message.parsed is None:
                        return "unsupported"  # expect: DATA002
                    return message.parsed.label
            """,
        }, note="probe 13: a refusal of structured outputs (`parsed` is None) answered with a label the schema allows"),
        valid({
            "schema.py": """
                from typing import Literal
                from pydantic import BaseModel

                class Verdict(BaseModel):
                    label: Literal["supported", "refuted", "unsupported"]
            """,
            "grader.py": """
                from openai import OpenAI
                from schema import Verdict

                client = OpenAI()

                def grade(claim):
                    out = client.beta.chat.completions.parse(model="gpt-4o", messages=[{"role": "user", "content": claim}],
                                                             response_format=Verdict)
                    message = out.choices[0].message
                    if message.parsed is None:
                        return "refused"
                    return message.parsed.label
            """,
        }, note="near miss: the refusal gets a value of its own, no label of the schema"),
        invalid("""
            from typing import Literal
            from pydantic import BaseModel, ValidationError

            class Verdict(BaseModel):
                label: Literal["safe", "unsafe"]
                rationale: str

            def classify(text):
                raw = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}],
                                                     response_format={"type": "json_object"}).choices[0].message.content
                try:
                    return Verdict.model_validate_json(raw)
                except ValidationError:
                    return Verdict(label="safe", rationale="unparsed")  # expect: DATA002
        """, note="held-out probe 19: a reply that fails validation becomes the schema's 'safe'"),
        valid("""
            from typing import Literal
            from pydantic import BaseModel, ValidationError

            class Verdict(BaseModel):
                label: Literal["safe", "unsafe"]
                rationale: str

            def classify(text):
                raw = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}],
                                                     response_format={"type": "json_object"}).choices[0].message.content
                try:
                    return Verdict.model_validate_json(raw)
                except ValidationError:
                    return None
        """, note="near miss: the failure is None, which the caller counts"),
        invalid("""
            import anthropic
            client = anthropic.Anthropic()
            TOOLS = [{"name": "record_label", "input_schema": {"type": "object",
                      "properties": {"label": {"type": "string", "enum": ["safe", "unsafe"]}}}}]

            def classify(text):
                msg = client.messages.create(model="claude-3-5-sonnet-latest", max_tokens=100, tools=TOOLS,
                                             messages=[{"role": "user", "content": text}])
                block = next((b for b in msg.content if b.type == "tool_use"), None)
                if block is None:
                    return "safe"  # expect: DATA002
                return block.input["label"]
        """, note="probe 13: a reply without the tool call counted as one of the tool's labels"),
        valid("""
            import anthropic
            client = anthropic.Anthropic()
            TOOLS = [{"name": "record_label", "input_schema": {"type": "object",
                      "properties": {"label": {"type": "string", "enum": ["safe", "unsafe"]}}}}]

            def classify(text):
                msg = client.messages.create(model="claude-3-5-sonnet-latest", max_tokens=100, tools=TOOLS,
                                             messages=[{"role": "user", "content": text}])
                block = next((b for b in msg.content if b.type == "tool_use"), None)
                if block is None:
                    return None
                return block.input["label"]
        """, note="near miss: the missing call is told apart (None) for the caller to count"),
        invalid({
            "safety/__init__.py": "",
            "safety/parsing.py": """
                import re

                VERDICT = re.compile(r"\\b(SAFE|UNSAFE)\\b")

                def parse_verdict(judge_reply: str) -> str:
                    found = VERDICT.search(judge_reply.upper())
                    return found.group(1) if found else "SAFE"  # expect: DATA002
            """,
            "safety/run_judge.py": """
                import anthropic
                from .parsing import parse_verdict

                client = anthropic.Anthropic()

                def unsafe_rate(transcripts):
                    verdicts = []
                    for t in transcripts:
                        msg = client.messages.create(model="claude-sonnet-4-5", max_tokens=10,
                                                     messages=[{"role": "user", "content": f"Is this reply safe?\\n\\n{t}"}])
                        verdicts.append(parse_verdict(msg.content[0].text))
                    return sum(v == "UNSAFE" for v in verdicts) / len(verdicts)
            """,
        }, note="across modules: the judge's parser in one module falls back to SAFE, the harness in another "
                "(relative import) counts UNSAFE verdicts"),
        valid({
            "safety/__init__.py": "",
            "safety/parsing.py": """
                import re

                VERDICT = re.compile(r"\\b(SAFE|UNSAFE)\\b")

                def parse_verdict(judge_reply: str) -> str | None:
                    found = VERDICT.search(judge_reply.upper())
                    return found.group(1) if found else None
            """,
            "safety/run_judge.py": """
                import anthropic
                from .parsing import parse_verdict

                client = anthropic.Anthropic()

                def unsafe_rate(transcripts):
                    verdicts = []
                    for t in transcripts:
                        msg = client.messages.create(model="claude-sonnet-4-5", max_tokens=10,
                                                     messages=[{"role": "user", "content": f"Is this reply safe?\\n\\n{t}"}])
                        verdicts.append(parse_verdict(msg.content[0].text))
                    parsed = [v for v in verdicts if v is not None]
                    print(len(verdicts) - len(parsed), "verdicts unparsed")
                    return sum(v == "UNSAFE" for v in parsed) / len(parsed)
            """,
        }, note="near miss of the same layout: a miss is None, dropped and counted"),
        invalid({"mcq_eval.ipynb": notebook(
            """
            import re
            import pandas as pd
            outputs = pd.read_json("outputs/mcq_generations.jsonl", lines=True)
            """,
            """
            def extract_letter(response):
                m = re.search(r"answer is \\(?([A-D])\\)?", response)
                if m:
                    return m.group(1)
                return "A"  # expect: DATA002
            """,
            """
            outputs["pred"] = outputs["response"].apply(extract_letter)
            (outputs["pred"] == outputs["gold"]).mean()
            """,
        )}, note="notebook: the extractor cell falls back to option A, a later cell scores accuracy"),
        valid({"mcq_eval.ipynb": notebook(
            """
            import re
            import pandas as pd
            outputs = pd.read_json("outputs/mcq_generations.jsonl", lines=True)
            """,
            """
            def extract_letter(response):
                m = re.search(r"answer is \\(?([A-D])\\)?", response)
                if m:
                    return m.group(1)
                return None
            """,
            """
            outputs["pred"] = outputs["response"].apply(extract_letter)
            print(outputs["pred"].isna().sum(), "unparsed")
            (outputs["pred"] == outputs["gold"]).mean()
            """,
        )}, note="near miss: the same cells, a miss is None and counted"),
        valid("""
            import numpy as np
            def verify_labels(label_file, reader, expected_labels):
                seg = reader.read_seg(label_file)
                found = np.unique(seg)
                unexpected = [i for i in found if i not in expected_labels]
                if len(unexpected) > 0:
                    print("unexpected labels in", label_file, unexpected)
                    return False
                return True
        """, note="near miss (held-out 10): a dataset-integrity check of a file; no model reply is read"),
        invalid("""
            import numpy as np
            def verify_labels(reply, reader, expected_labels):
                seg = reader.read_seg(reply)
                found = np.unique(seg)
                unexpected = [i for i in found if i not in expected_labels]
                if len(unexpected) > 0:
                    return False
                return True  # expect: DATA002
        """, note="the twin: the same check given a reply instead of a file"),
        invalid("""
            import re
            LETTER = re.compile(r"answer is \\(?([A-D])")

            def add_prediction(example):
                m = LETTER.search(example["completion"])
                example["pred"] = m.group(1) if m else "B"  # expect: DATA002
                return example

            scored = generations.map(add_prediction)
        """, note="a `datasets.map` function: the field written on the returned record is its output"),
        valid("""
            import re
            LETTER = re.compile(r"answer is \\(?([A-D])")

            def add_prediction(example):
                m = LETTER.search(example["completion"])
                example["pred"] = m.group(1) if m else None
                return example

            scored = generations.map(add_prediction)
        """, note="near miss: a miss is None, which the caller can count"),
        invalid("""
            import json, subprocess
            def score(task):
                res = subprocess.run(["./bench", task], capture_output=True, text=True)
                return json.loads(res.stdout or "{}").get("f1", 0.0)  # expect: DATA002
        """, note="a crashed or silent tool run is scored 0.0"),
        valid("""
            import json, subprocess
            def score(task):
                res = subprocess.run(["./bench", task], capture_output=True, text=True)
                if res.returncode != 0:
                    raise RuntimeError(res.stderr)
                return json.loads(res.stdout).get("f1", 0.0)
        """, note="near miss: the return code is checked"),
        invalid("""
            import re
            def parse(text):
                m = re.search(r"\\b([A-D])\\b", text)
                return m.group(1) if m else "A"  # expect: DATA002
        """, note="a regex miss answered as option A in one conditional expression"),
        valid("""
            import re
            def parse(text):
                m = re.search(r"\\b([A-D])\\b", text)
                return m.group(1) if m else "X"
        """, note="the miss is a letter outside the options (the caller can count the X answers)"),
        invalid("""
            def parse_verdict(text):
                answer = text.strip().lower()
                if answer.startswith("yes"):
                    return 1
                return 0  # expect: DATA002
        """),
        invalid("""
            def parse_verdict(text):
                v = (text or "").strip().lower()
                return 1 if v.startswith("yes") else 0  # expect: DATA002
        """, note="held-out probe 19: the conditional-expression spelling, on the normalised parameter"),
        valid("""
            def is_exact_match(text):
                v = (text or "").strip().lower()
                return 1 if v.startswith("yes") else 0
        """, note="near miss: a correctness check, where a miss is 'wrong' by convention"),
        invalid("""
            import re
            PATTERNS = [re.compile(r"answer is \\(?([ABCD])"), re.compile(r"^([ABCD])[.)]", re.M)]
            def extract_choice(reply):
                for pat in PATTERNS:
                    m = pat.search(reply)
                    if m:
                        return m.group(1).upper()
                return "A"  # expect: DATA002
        """),
        invalid("""
            import re
            REFUSAL = re.compile(r"\\b(sorry|cannot help)\\b", re.I)
            def is_refusal(reply: str) -> bool:
                return bool(REFUSAL.search(reply))  # expect: DATA002
        """),
        invalid("""
            def score_all(judge, items):
                return [1 if "yes" in judge(item).lower() else 0 for item in items]  # expect: DATA002
        """),
        valid("""
            def parse_letter(text):
                text = text.strip().upper()
                return text[0] if text and text[0] in "ABCD" else None
        """, note="None on a miss, for the caller to count"),
        valid("""
            def parse_verdict(text):
                t = text.strip().lower()
                if t.startswith("yes"):
                    return 1
                if t.startswith("no"):
                    return 0
                return None
        """),
        valid("""
            import re
            def extract(text):
                m = re.search(r"####\\s*(-?[\\d,.]+)", text)
                return m.group(1) if m else ""
        """, note="an empty string can never equal a gold answer"),
        valid("""
            def device_for(name):
                if "cuda" in name:
                    return "cuda"
                return "cpu"
        """, note="not a reply"),
        valid("""
            def is_correct(pred, gold):
                return gold.strip().lower() in pred.lower()
        """, note="compared with the gold answer, not with a marker"),
        valid("""
            def check_prog_response(resp):
                if "positive effects" in resp.lower() and "negative effects" in resp.lower():
                    return True
                return False

            def get_answer_choice(raw_text):
                if raw_text == "unknown":
                    return "0"
                if raw_text == "yes":
                    return "1"
                return "3"
        """, note="a correctness check (no match means wrong), and a category map whose fallback is 'other'"),
        valid("""
            def keyword_label(reply):
                head = reply.lower()
                if "i can't" in head:
                    return "refusal"
                if head.startswith("sure"):
                    return "compliance"
                return "unknown"
        """, note="an explicit unknown class"),
        invalid("""
            SCORES = {"HONEST": 1.0, "EVASIVE": 0.5, "DECEPTIVE": 0.0}
            def grade_to_score(grader_text):
                verdict = extract_verdict(grader_text)
                return SCORES.get(verdict, 0.0)  # expect: DATA002
        """, note="a grader reply without a known verdict scores as DECEPTIVE"),
        valid("""
            SCORES = {"HONEST": 1.0, "EVASIVE": 0.5, "DECEPTIVE": 0.0}
            LR = {"small": 0.1, "large": 0.01}
            def grade_to_score(grader_text, size):
                verdict = extract_verdict(grader_text)
                lr = LR.get(size, 0.01)
                return SCORES.get(verdict, "INVALID")
        """, note="near miss: an INVALID class counted apart; a config map with a default"),
        invalid("""
            import re
            AGREE = re.compile(r"I agree", re.I)
            DISAGREE = re.compile(r"I disagree", re.I)
            def stance(reply):
                if AGREE.search(reply):
                    label = "sycophantic"
                elif DISAGREE.search(reply):
                    label = "pushback"
                else:
                    label = "pushback"  # expect: DATA002
                return label
        """, note="anything matching neither pattern counts as pushback"),
        valid("""
            import re
            AGREE = re.compile(r"I agree", re.I)
            DISAGREE = re.compile(r"I disagree", re.I)
            def stance(reply):
                if AGREE.search(reply):
                    label = "sycophantic"
                elif DISAGREE.search(reply):
                    label = "pushback"
                else:
                    label = "unclassified"
                return label
        """, note="near miss: an explicit class for neither"),
        valid("""
            import re
            def grade_sample(grading_response):
                match = re.search(r"(A|B|C)", grading_response)
                return match.group(0) if match else "C"  # Default to "NOT_ATTEMPTED" if no match
        """, note="near miss (simple-evals): the fallback is the documented not-attempted class, reported apart"),
        invalid("""
            import numpy as np
            conds = [df.reply.str.contains("I can't"), df.reply.str.contains("Sure")]
            df["label"] = np.select(conds, ["refusal", "compliance"], default="compliance")  # expect: DATA002
        """, note="np.select's default is one of the classes"),
        valid("""
            import numpy as np
            conds = [df.reply.str.contains("I can't"), df.reply.str.contains("Sure")]
            df["label"] = np.select(conds, ["refusal", "compliance"], default="unclear")
            df["size"] = np.select([df.n < 10, df.n < 100], ["small", "medium"], default="medium")
        """, note="near miss: an explicit class for neither; bins of a number are no verdict"),
        invalid("""
            class HarmJudge:
                LABELS = {"SAFE": 0, "UNSAFE": 1}
                def verdict_of(self, judge_text):
                    verdict = judge_text.strip().split()[-1].upper()
                    return self.LABELS.get(verdict, 0)  # expect: DATA002
        """, note="a class attribute map: an unreadable verdict counts as SAFE"),
        invalid("""
            import re
            REFUSE = re.compile(r"I can't|I cannot", re.I)
            PARTIAL = re.compile(r"however|but I can", re.I)
            def classify(reply):
                label = "complied"  # expect: DATA002
                if REFUSE.search(reply):
                    label = "refused"
                elif PARTIAL.search(reply):
                    label = "partial"
                return label
        """, note="a default assigned first: anything matching neither pattern counts as complied"),
        valid("""
            import re
            REFUSE = re.compile(r"I can't|I cannot", re.I)
            PARTIAL = re.compile(r"however|but I can", re.I)
            def classify(reply):
                label = "unmatched"
                if REFUSE.search(reply):
                    label = "refused"
                elif PARTIAL.search(reply):
                    label = "partial"
                return label
        """, note="near miss: the default is its own class"),
        invalid("""
            import re
            VERDICT = re.compile(r"VERDICT:\\s*(CORRECT|INCORRECT)")
            class Grader:
                async def grade(self, item, client):
                    out = await client.complete(item.prompt)
                    found = VERDICT.search(out.text)
                    item.verdict = found.group(1) if found else "INCORRECT"  # expect: DATA002
                    return item
        """, note="an async method: a grader reply without the pattern is INCORRECT, one of the pattern's own answers"),
        valid("""
            import re
            VERDICT = re.compile(r"VERDICT:\\s*(CORRECT|INCORRECT)")
            class Grader:
                async def grade(self, item, client):
                    out = await client.complete(item.prompt)
                    found = VERDICT.search(out.text)
                    item.verdict = found.group(1) if found else "NO_VERDICT"
                    return item
        """, note="near miss: a miss is its own class"),
        valid("""
            import re
            def run_mode(config_line):
                found = re.search(r"mode=(train|finetune|eval)", config_line)
                return found.group(1) if found else "train"
        """, note="near miss: a config line parsed with a default, not a model's reply"),
        invalid("""
            df["judgement"] = df["judge_raw"].map(lambda r: extract_label(r) or "no")  # expect: DATA002
        """, note="a lambda over a column: what the extractor cannot read becomes 'no'"),
        valid("""
            df["judgement"] = df["judge_raw"].map(lambda r: extract_label(r) or "unparsed")
            mode = cfg.get("mode") or "no"
        """, note="near misses: a sentinel class; a config value with a default"),
        invalid("""
            import numpy as np
            rng = np.random.default_rng(0)
            def accuracy(rows):
                hits = 0
                for row in rows:
                    letter = parse_letter(row["output"])
                    if letter is None:
                        letter = rng.choice(list("ABCD"))  # expect: DATA002
                    hits += letter == row["gold"]
                return hits / len(rows)
        """, note="an unparsed answer becomes a random guess, scored, and never counted"),
        valid("""
            import random
            import numpy as np
            rng = np.random.default_rng(0)
            def accuracy(rows, seed=None):
                if seed is None:
                    seed = random.randint(0, 2**31)
                hits = guessed = 0
                for row in rows:
                    letter = parse_letter(row["output"])
                    if letter is None:
                        guessed += 1
                        letter = rng.choice(list("ABCD"))
                    hits += letter == row["gold"]
                return {"accuracy": hits / len(rows), "guessed": guessed}
        """, note="near misses: the guesses are counted and reported; a seed drawn when none is given"),
        valid("""
            import random
            _STARTER_OPTIONS = ["I would say", "My answer is", "I believe"]
            class StartWithChecker:
                def build_description(self, starter=None):
                    self._starter = starter
                    if self._starter is None:
                        self._starter = random.choice(_STARTER_OPTIONS)
                    return f"Start your reply with {self._starter}"
        """, note="near miss (ifeval): a setting of the instruction drawn at random, not a model's answer"),
        invalid("""
            import logging, re
            RATING = re.compile(r"\\[\\[(\\d+(?:\\.\\d+)?)\\]\\]")
            class Grader:
                def rate(self, critique):
                    found = RATING.search(critique)
                    if not found:
                        logging.getLogger("grader").warning("unparsable critique")
                        return critique, 0.0  # expect: DATA002
                    return critique, float(found.group(1))
        """, note="a judge's unreadable critique logged and given a score of 0 (tuple form) in a method"),
        valid("""
            import logging, re
            RATING = re.compile(r"\\[\\[(\\d+(?:\\.\\d+)?)\\]\\]")
            class Grader:
                def rate(self, critique):
                    found = RATING.search(critique)
                    if not found:
                        logging.getLogger("grader").warning("unparsable critique")
                        return critique, None
                    return critique, float(found.group(1))
        """, note="near miss: the miss is None, which the caller can count and leave out"),
        invalid("""
            from collections import Counter
            import anthropic
            claude = anthropic.Anthropic()
            def judge_emotion(utterance):
                msg = claude.messages.create(model="m", max_tokens=5, messages=[
                    {"role": "user", "content": f"Answer joy, anger or sadness: {utterance}"}])
                return msg.content[0].text.strip().lower()  # expect: DATA002
            def shares(utterances):
                verdicts = []
                for u in utterances:
                    verdicts.append(judge_emotion(u))
                counts = Counter(verdicts)
                return {k: v / len(verdicts) for k, v in counts.items()}
        """, note="the judge's free text is the class: 'Joy.' or a refusal becomes a class of its own"),
        valid("""
            from collections import Counter
            import anthropic
            claude = anthropic.Anthropic()
            EMOTIONS = ("joy", "anger", "sadness")
            def judge_emotion(utterance):
                msg = claude.messages.create(model="m", max_tokens=5, messages=[
                    {"role": "user", "content": f"Answer joy, anger or sadness: {utterance}"}])
                return msg.content[0].text.strip().lower()
            def shares(utterances):
                verdicts = []
                for u in utterances:
                    v = judge_emotion(u)
                    verdicts.append(v if v in EMOTIONS else "off-format")
                counts = Counter(verdicts)
                return {k: v / len(verdicts) for k, v in counts.items()}
        """, note="near miss: replies outside the label set are counted apart"),
        invalid("""
            import re
            LABEL = re.compile(r"FINAL LABEL:\\s*(SCHEMING|BENIGN)")

            class Monitor:
                def label_of(self, monitor_output):
                    found = LABEL.search(monitor_output)
                    if not found:
                        self.misses = getattr(self, "misses", 0)
                        return "BENIGN"  # expect: DATA002
                    return found.group(1)
        """, note="the early-return spelling of `m.group(1) if m else \"BENIGN\"`: a miss becomes one of the pattern's classes"),
        valid("""
            import re
            LABEL = re.compile(r"FINAL LABEL:\\s*(SCHEMING|BENIGN)")

            def label_of(monitor_output):
                found = LABEL.search(monitor_output)
                if not found:
                    return "UNPARSED"
                return found.group(1)
        """, note="near miss: the miss gets a label of its own that a report can count"),
        valid("""
            import re
            SIZE = re.compile(r"(small|large)-v(\\d+)")

            def parse_size(checkpoint_name):
                m = SIZE.search(checkpoint_name)
                if m is None:
                    return "small"
                return m.group(1)
        """, note="near miss: a checkpoint name parsed with a default; nothing a model replied"),
        invalid("""
            import re

            class MedMCQAGen(ConfigurableTask):
                def process_results(self, doc, results):
                    reply = results[0]
                    m = re.search(r"\\b([ABCD])\\b", reply)
                    pred = m.group(1) if m else "A"  # expect: DATA002
                    return {"acc": float(pred == "ABCD"[doc["cop"]])}
        """, note="probe 12: the pattern's letters are a character class; a miss becomes one of them"),
        valid("""
            import re

            class MedMCQAGen(ConfigurableTask):
                def process_results(self, doc, results):
                    reply = results[0]
                    m = re.search(r"\\b([ABCD])\\b", reply)
                    if m is None:
                        return {"acc": 0.0, "invalid": 1.0}
                    return {"acc": float(m.group(1) == "ABCD"[doc["cop"]]), "invalid": 0.0}
        """, note="the twin: a miss is scored wrong and counted as invalid"),
        valid("""
            import re
            m = re.search(r"\\b([ABCD])\\b", reply)
            pred = m.group(1) if m else "X"
        """, note="near miss: a fallback outside the pattern's letters"),
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self.verdict_maps: dict[str, set[str]] = {}
        self.runs: dict[str, str] = {}  # `proc = subprocess.run(...)` unchecked: proc -> the command
        self.parsed: dict[str, str] = {}  # `res = json.loads(proc.stdout)`: res -> proc
        # `m = re.search(r"correct: (yes|no)", x)`: m -> the pattern, and whether x is a model's reply
        self.patterns: dict[str, tuple[str, bool]] = {}
        self.compiled: dict[str, str] = {}  # `ANSWER = re.compile(r"...")`: ANSWER -> the pattern
        self.reported: set[int] = set()
        # Returned verdicts of a function whose parameters are not what it tests (`out = gen(...)` tested):
        # checked like any other conditional verdict on a model's reply.
        self.local_tests: set[int] = set()
        # `def extract_letter(reply, fallback): return m.group(1) if m else fallback`: name -> (parameter, position)
        self.fallback_parsers: dict[str, tuple[str, int]] = {}
        self.fallback_calls: list[dict] = []  # calls of such a parser giving that parameter a value
        self.guesses: set[str] = set()  # random guesses already reported in this file, by their source
        # A structured reply that may be missing: `msg.parsed` of OpenAI's `parse` (None on a refusal) and
        # `block = next((b for b in msg.content if b.type == "tool_use"), None)` (no tool call).
        self.optional: set[str] = set()
        self.classes: set[str] = set()  # the labels a schema allows: `Literal["safe", "unsafe"]`, `"enum": [...]`
        self.misses: list[dict] = []  # `if parsed is None: return "unsupported"`, checked against the classes

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        try:
            self._visit_function(node)
        finally:
            self.visiting = None

    def _visit_function(self, node: cst.FunctionDef) -> None:
        params = [p.name.value for p in (*node.params.posonly_params, *node.params.params)
                  if p.name.value not in ("self", "cls")]
        if not params or not isinstance(node.body, cst.IndentedBlock) or not node.body.body:
            return
        name = node.name.value
        if not (PARSER_NAME.search(name) or any(TEXT_PARAM.match(p) for p in params)):
            return
        self.visiting = node
        if any(FILE_PARAM.match(p) for p in params) and not any(TEXT_PARAM.match(p) for p in params):
            return  # `verify_labels(label_file, reader, expected)`: checks a file, reads no model's reply
        returns, raises = _returns(node.body)
        if raises or not returns:
            return
        values = [_constant(r.value) if r.value is not None else None for r in returns]
        if any(v is None and (r.value is None or _is_none(r.value)) for v, r in zip(values, returns)):
            return  # some path returns None: misses are told apart
        if any(v is not None and SENTINELS.search(v.strip("'\"")) for v in values):
            return
        last = node.body.body[-1]
        if isinstance(last, cst.Match):
            self._match_default(last, name)
            return
        final = _return_of(last)
        if final is None or final.value is None:
            return
        if not _tests_text(node.body, params):
            if isinstance(final.value, cst.IfExp):
                self.local_tests.add(id(final.value))
            return
        verdict = bool(VERDICT_NAME.search(name)) and not CHECK_NAME.search(name)
        guard = self._miss_guard(node.body)
        if guard is not None:
            # `if m is None: return "GENUINE"` then `return m.group(1)`: the early-return spelling of
            # `m.group(1) if m else "GENUINE"`, where GENUINE is one of the pattern's own answers
            early, fallback = guard
            self.report(early, subject=f"`{name}`", fallback=f"returns {fallback} when the pattern does not match",
                        consequence=f"a reply the pattern cannot read is counted as {fallback}, one of the answers "
                                    "the pattern looks for")
            return
        ifexp, at = (final.value, final) if isinstance(final.value, cst.IfExp) else _record_field(node.body, final.value)
        if ifexp is not None and isinstance(ifexp.orelse, cst.Name) and ifexp.orelse.value in params \
                and _constant(ifexp.body) is None:
            # `return m.group(1) if m else fallback`: the caller chooses what a miss becomes (checked at the calls)
            self.fallback_parsers[name] = (ifexp.orelse.value, params.index(ifexp.orelse.value))
            return
        if ifexp is not None and at is not None:
            fallback = _constant(ifexp.orelse)
            if _constant(ifexp.body) is None and fallback is not None:
                # `return m.group(1) if m else "A"`: what was parsed, or a class when nothing was
                bare = fallback.strip("'\"")
                patterns = {**self.patterns, **self._patterns_in(node.body)}
                if not SENTINELS.search(bare) and not self._documented(at) and (_is_class_default(fallback, [], verdict) or (
                        verdict and fallback[:1] in "'\"" and VERDICT_WORDS.match(bare))
                        or _pattern_class(ifexp.test, fallback, patterns)):
                    self.reported.add(id(ifexp))
                    self.report(at, subject=f"`{name}`", fallback=f"returns {fallback} when nothing matches",
                                consequence="replies it cannot read (refusals, empty or cut-off text, errors) "
                                            f"are scored as {fallback}")
                return
            # A verdict parser's text parameter (and a local that only normalises it, `v = (text or "").strip().lower()`)
            # is the reply it is given: `return 1 if v.startswith("yes") else 0` scores every other reply "no".
            replies = _reply_texts(node.body, [p for p in params if TEXT_PARAM.match(p)]) if verdict else frozenset()
            self._check_ifexp(ifexp, subject=f"`{name}`", replies=replies)
            return
        default = _constant(final.value)
        others = [v for r, v in zip(returns, values) if r is not final]
        if default is not None and _is_class_default(default, others, verdict) and not self._documented(final):
            self.report(final, subject=f"`{name}`", fallback=f"returns {default} when nothing matches",
                        consequence="replies it cannot read (refusals, empty or cut-off text, errors) are "
                                    f"scored as {default}")
            return
        if len(returns) == 1 and verdict and _marker_test(final.value, params):
            self.report(final, subject=f"`{name}`", fallback="is False for any reply without the marker",
                        consequence="empty, truncated and error replies count on the negative side")

    def _match_default(self, match: cst.Match, name: str) -> None:
        """`match verdict: case "yes": return 1 / case "no": return 0 / case _: return 0`: the wildcard case gives
        one of the classes the other cases give, so a reply that is neither counts as that class."""
        cases = list(match.cases)
        wild = cases[-1] if cases else None
        if wild is None or not (isinstance(wild.pattern, cst.MatchAs) and wild.pattern.pattern is None) or wild.guard:
            return
        final = _return_of(wild.body.body[-1]) if isinstance(wild.body, cst.IndentedBlock) and wild.body.body else None
        default = _constant(final.value) if final is not None and final.value is not None else None
        others = [_constant(r.value) for c in cases[:-1] for r in _returns(c.body)[0] if r.value is not None]
        verdict = bool(VERDICT_NAME.search(name)) and not CHECK_NAME.search(name)
        if default is None or SENTINELS.search(default.strip("'\"")) or self._documented(final) or \
                not _is_class_default(default, others, verdict):
            return
        self.report(final, subject=f"`{name}`", fallback=f"returns {default} in its `case _:`",
                    consequence="replies that are neither class (refusals, hedges, empty or failed replies) are "
                                f"scored as {default}")

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            target = node.targets[0].target.value
            if _optional_reply(node.value):
                self.optional.add(target)
            else:
                self.optional.discard(target)
            pattern = self._searched_pattern(node.value)
            if pattern is not None:
                self.patterns[target] = pattern
            elif target in self.patterns:
                del self.patterns[target]
            compiled = _compiled_pattern(self.ctx, node.value)
            if compiled is not None:
                self.compiled[target] = compiled
            run = _unchecked_run(self.ctx, node.value)
            if run:
                self.runs[target] = run  # `proc = subprocess.run(...)` without check=True
            tool = self._tool_output(node.value)
            if tool:
                self.parsed[target] = tool  # `res = json.loads(proc.stdout)`
        # Module-level maps from a verdict to its score or class: `SCORES = {"CORRECT": 1.0, ...}`.
        if self.ctx.names.function is None and isinstance(node.value, cst.Dict) and len(node.targets) == 1 \
                and isinstance(node.targets[0].target, cst.Name):
            values = _dict_values(node.value)
            if values:
                self.verdict_maps[node.targets[0].target.value] = values

    def visit_Call(self, node: cst.Call) -> None:
        """`SCORES.get(verdict, 0.0)`: a verdict the map does not know is scored as one of its classes."""
        func = node.func
        self._fallback_given(node)
        self._next_default(node)
        self._extract_filled(node)
        if isinstance(func, cst.Attribute) and func.attr.value == "select":
            self._select_default(node)
            return
        if not (isinstance(func, cst.Attribute) and func.attr.value == "get" and len(node.args) == 2):
            return
        receiver = func.value  # `SCORES`, `self.SCORES`, or the literal `{"yes": 1, "no": 0}`
        tool = self.parsed.get(receiver.value) if isinstance(receiver, cst.Name) else self._tool_output(receiver)
        if tool:
            self._tool_default(node, tool)
            return
        mapped = receiver.value if isinstance(receiver, cst.Name) else (
            receiver.attr.value if isinstance(receiver, cst.Attribute) else None)
        values = self.verdict_maps.get(mapped) if mapped else _dict_values(receiver)
        if not values:
            return
        key, default = node.args[0].value, _constant(node.args[1].value)
        if default is None or string_value(key) is not None or SENTINELS.search(default.strip("'\"")):
            return
        if not (default in values or _number(default) in {_number(v) for v in values} - {None}):
            return
        said = self.ctx.code(key)  # the key is what a reply was parsed into: `verdict`, `m.group(1)`, `label`
        if not (PARSER_NAME.search(said) or VERDICT_NAME.search(said) or "group(" in said):
            return
        self.report(node, subject=f"`{self.ctx.code(node)}`", fallback=f"scores any other `{self.ctx.code(key)}` as "
                    f"{default}", consequence=f"a judge reply without a known verdict counts as the class worth "
                    f"{default}")

    def _extract_filled(self, node: cst.Call) -> None:
        """`s.str.extract(r"(SAFE|UNSAFE)").fillna("SAFE")`: the rows whose reply holds no verdict get one of the
        verdicts the pattern reads (also `.str.extract(...)[0].fillna(...)`)."""
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "fillna" and node.args):
            return
        filled = _constant(node.args[0].value)
        receiver = func.value
        if isinstance(receiver, cst.Subscript):
            receiver = receiver.value
        if filled is None or filled[:1] not in "'\"" or not (isinstance(receiver, cst.Call) and isinstance(
                receiver.func, cst.Attribute) and receiver.func.attr.value == "extract" and receiver.args):
            return
        pattern = string_value(receiver.args[0].value) or _compiled_pattern(self.ctx, receiver.args[0].value)
        bare = filled.strip("'\"")
        if not pattern or bare.lower() not in _alternatives(pattern) or self._documented(node):
            return
        self.report(node, subject=f"`{self.ctx.code(node)}`"[:90], fallback=f"gives {filled} to every row whose text the "
                    f"pattern does not match", consequence=f"replies with no verdict (refusals, prose, empty or failed "
                    f"replies) are counted as {filled}")

    def _next_default(self, node: cst.Call) -> None:
        """`next((w for w in ("yes", "no") if w in reply), "no")`: the first verdict word the reply holds,
        and, when it holds none (a refusal, prose, an empty or failed reply), one of the same words."""
        if not (isinstance(node.func, cst.Name) and node.func.value == "next" and len(node.args) == 2):
            return
        gen, default = node.args[0].value, _constant(node.args[1].value)
        if not isinstance(gen, cst.GeneratorExp) or not gen.for_in.ifs or default is None or default[:1] not in "'\"":
            return
        options = gen.for_in.iter
        if not isinstance(options, (cst.Tuple, cst.List, cst.Set)):
            return
        words = {string_value(e.value) for e in options.elements if isinstance(e, cst.Element)}
        bare = default.strip("'\"")
        if bare not in words or None in words or SENTINELS.search(bare) or self._documented(node):
            return
        self.report(node, subject=f"`{self.ctx.code(node)}`"[:90], fallback=f"is {default} when the reply holds none "
                    f"of {', '.join(sorted(repr(w) for w in words))}", consequence=f"replies it cannot read (refusals, "
                    f"empty or cut-off text, errors) are counted as {default}")

    def _tool_output(self, expr: cst.BaseExpression) -> str | None:
        """The run whose stdout `expr` parses (`json.loads(proc.stdout or "{}")`), or None."""
        if not (isinstance(expr, cst.Call) and self.ctx.names.qualified_name(expr.func) in PARSE_FUNCTIONS and expr.args):
            return None
        for inner in iter_nodes(expr.args[0].value):
            if isinstance(inner, cst.Attribute) and inner.attr.value == "stdout" and isinstance(inner.value, cst.Name) \
                    and inner.value.value in self.runs:
                return inner.value.value
        return None

    def _tool_default(self, node: cst.Call, run: str) -> None:
        """`json.loads(proc.stdout or "{}").get("asr", 0.0)`: a run that failed, or printed nothing, scores the
        default, unless something looks at its return code."""
        key, default = node.args[0].value, _constant(node.args[1].value)
        if default is None or _number(default) is None or string_value(key) is None:
            return
        if re.search(rf"\b{re.escape(run)}\.(returncode|check_returncode)\b", self.ctx.text):
            return
        self.report(node, subject=f"`{self.ctx.code(node)}`", fallback=f"scores a run of `{self.runs[run]}` that failed or "
                    f"printed no {self.ctx.code(key)} as {default}", consequence=f"`{run}.returncode` is never checked, "
                    f"so a crashed run is reported as a measured {default}")

    def _assigned_before(self, node: cst.If, branches: list) -> tuple[cst.CSTNode, str | None] | None:
        """`label = "complied"` right before an `if` chain whose branches all assign `label`."""
        block = self.ctx.parents[-1] if self.ctx.parents else None
        if not isinstance(block, (cst.IndentedBlock, cst.Module)):
            return None
        body = list(block.body)
        index = next((i for i, statement in enumerate(body) if statement is node), 0)
        previous = body[index - 1] if index > 0 else None
        target = _assigned_name(previous)
        if target is None or not all(_assigned_name(_first(b)) == target for b in _bodies(node)):
            return None
        return previous, _class_of(cst.IndentedBlock(body=[previous]))[1]

    def _select_default(self, node: cst.Call) -> None:
        """`np.select(conds, ["refusal", "compliance"], default="compliance")`: rows that meet no condition
        are labelled as one of the classes."""
        if self.qualified_name(node.func) != "numpy.select":
            return
        positional = [a.value for a in node.args if a.keyword is None]
        keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        choices = keywords.get("choicelist", positional[1] if len(positional) > 1 else None)
        default = keywords.get("default", positional[2] if len(positional) > 2 else None)
        if not isinstance(choices, (cst.List, cst.Tuple)) or default is None:
            return
        values = [_constant(e.value) for e in choices.elements]
        fallback = _constant(default)
        if fallback is None or fallback not in values or not all(v and v[:1] in "'\"" for v in values):
            return
        if not any(VERDICT_WORDS.match(v.strip("'\"")) for v in values if v):
            return
        self.report(default, subject="`np.select`", fallback=f"labels every row that meets no condition {fallback}",
                    consequence="replies matching none of the patterns (empty, hedged, failed) land in that class")

    def visit_Subscript(self, node: cst.Subscript) -> None:
        """`Literal["supported", "refuted", "unsupported"]`: the labels a response schema allows."""
        head = node.value
        if (isinstance(head, cst.Name) and head.value == "Literal") or (
                isinstance(head, cst.Attribute) and head.attr.value == "Literal"):
            for element in node.slice:
                if isinstance(element.slice, cst.Index):
                    value = string_value(element.slice.value)
                    if value:
                        self.classes.add(value)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        """`"enum": ["safe", "unsafe"]` in a tool's or a JSON schema's property: the labels it allows."""
        if string_value(node.key) == "enum" and isinstance(node.value, (cst.List, cst.Tuple)):
            for element in node.value.elements:
                value = string_value(element.value)
                if value:
                    self.classes.add(value)

    def _structured_miss(self, node: cst.If) -> None:
        """`if message.parsed is None: return "unsupported"` (a refusal of OpenAI's structured outputs), `if block
        is None: return "safe"` (no `tool_use` block in the reply): a reply without the structured verdict is
        answered with one of the labels the schema allows. Which labels it allows may be read in another
        module (the pydantic model), so the fallback is checked against every schema of the repository."""
        subject = _missing_subject(node.test)
        if subject is None or node.orelse is not None or self.ctx.names.function is None:
            return
        if not ((isinstance(subject, cst.Attribute) and subject.attr.value == "parsed")
                or (isinstance(subject, cst.Name) and subject.value in self.optional)):
            return
        inner = node.body.body if isinstance(node.body, cst.IndentedBlock) else []
        early = _return_of(inner[-1]) if inner else None
        fallback = _constant(early.value) if early is not None and early.value is not None else None
        if early is None or fallback is None or fallback[:1] not in "'\"":
            return
        bare = fallback.strip("'\"")
        if SENTINELS.search(bare) or self._documented(early):
            return
        function = self.ctx.names.function
        name = function if isinstance(function, str) else getattr(getattr(function, "name", None), "value", "") or ""
        self.misses.append({"line": self.ctx.line_of(early), "fallback": bare, "name": name,
                            "subject": self.ctx.code(subject)[:60]})

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        """`except ValidationError: return Verdict(label="safe", ...)`: a reply that does not parse into the schema
        (or a call that failed) answered with one of the labels the schema allows, checked like `_structured_miss`."""
        if self.ctx.names.function is None or not isinstance(node.body, cst.IndentedBlock) or not node.body.body:
            return
        early = _return_of(node.body.body[-1])
        value = early.value if early is not None else None
        if isinstance(value, cst.Call):  # `Verdict(label="safe", rationale="unparsed")`: the schema's object, its label given
            value = next((a.value for a in value.args if a.keyword is not None and isinstance(a.value, cst.SimpleString)
                          and VERDICT_FIELD.match(a.keyword.value)), None)
        fallback = _constant(value) if value is not None else None
        if early is None or fallback is None or fallback[:1] not in "'\"":
            return
        bare = fallback.strip("'\"")
        if SENTINELS.search(bare) or self._documented(early):
            return
        function = self.ctx.names.function
        name = function if isinstance(function, str) else getattr(getattr(function, "name", None), "value", "") or ""
        caught = self.ctx.code(node.type) if node.type is not None else "an exception"
        self.misses.append({"line": self.ctx.line_of(early), "fallback": bare, "name": name, "subject": caught[:60],
                            "how": "caught"})

    def _fallback_given(self, node: cst.Call) -> None:
        """`extract_letter(second, fallback=a1)`: a value handed to a parser as what a miss becomes (any
        keyword or a second positional argument; the parser's definition, here or in another file, decides)."""
        func = node.func
        name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else None
        if name is None or not PARSER_NAME.search(name):
            return
        given = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        if not given and len(positional) < 2:
            return
        self.fallback_calls.append({"name": name, "line": self.ctx.line_of(node),
                                    "given": {k: self.ctx.code(v)[:60] for k, v in given.items()},
                                    "positional": [self.ctx.code(v)[:60] for v in positional[:4]]})

    def finish(self) -> None:
        """`return out.choices[0].message.content.strip()` counted as a label with nothing checking it is one."""
        if self.misses or self.classes:
            self.ctx.facts[self.code] = {"misses": self.misses, "classes": sorted(self.classes)[:200]}
        if self.fallback_parsers or self.fallback_calls:
            self.ctx.facts[self.code + ":fallback"] = {"parsers": self.fallback_parsers, "calls": self.fallback_calls[:200]}
        if "Counter" not in self.ctx.text and "value_counts" not in self.ctx.text:
            return
        for returned, name, count in free_text_labels(self.ctx):
            self.report(returned, subject=f"`{name}`", fallback=f"returns the model's reply as the label, counted at "
                        f"line {self.ctx.line_of(count)} with no check against the allowed labels",
                        consequence="off-format replies and refusals become extra classes and the shares of the "
                                    "real classes shrink by however many there are")

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        fallbacks = list(repo.facts(cls.code + ":fallback"))
        parsers = {name: tuple(v) for _, f in fallbacks for name, v in f.get("parsers", {}).items()}
        for path, f in fallbacks:
            for call in f.get("calls", []):
                parser = parsers.get(call["name"])
                if parser is None:
                    continue
                param, index = parser
                value = call["given"].get(param) or (call["positional"][index] if index < len(call["positional"]) else None)
                if value is None or value in ("None", '""', "''") or SENTINELS.search(value.strip("'\"")):
                    continue
                repo.report(cls, path, call["line"], subject=f"`{call['name']}(..., {param}={value})`",
                            fallback=f"returns `{value}` when the pattern does not match",
                            consequence=f"a reply it cannot read is counted as `{value}`, a real answer, and nothing "
                                        "counts how often that happened")
        facts = list(repo.facts(cls.code))
        classes = {c for _, f in facts for c in f.get("classes", [])}
        for path, f in facts:
            for miss in f.get("misses", []):
                if miss["fallback"] in classes:
                    when = f"`{miss['subject']}` is raised" if miss.get("how") == "caught" else f"`{miss['subject']}` is missing"
                    repo.report(cls, path, miss["line"], subject=f"`{miss['name']}`",
                                fallback=f"returns \"{miss['fallback']}\" when {when}",
                                consequence="a reply without the structured verdict (a refusal, a reply in prose) is "
                                            f"counted as \"{miss['fallback']}\", one of the labels the schema allows")

    def visit_If(self, node: cst.If) -> None:
        self._structured_miss(node)
        self._guess(node)
        self._chain(node)
        self._miss_scored(node)

    def _miss_scored(self, node: cst.If) -> None:
        """`if m is None: log(...); return text, 0.0` in a judge's score extractor: the reply it could not
        read is averaged as a real score of 0 (the log line is no count in the reported mean)."""
        subject = _missing_subject(node.test)
        function = self.ctx.names.function
        if not isinstance(subject, cst.Name) or subject.value not in self.patterns or node.orelse is not None:
            return
        found = miss_score(node)
        pattern, reply = self.patterns[subject.value]
        name = function if isinstance(function, str) else getattr(getattr(function, "name", None), "value", "") or ""
        if found is None or not (SCORE_FUNCTION.search(name) or reply) or self._documented(found[0]):
            return
        self.reported.add(id(found[0]))
        self.report(found[0], subject=f"`{name or 'this parser'}`", fallback=f"returns a score of {found[1]} when "
                    f"its pattern finds nothing", consequence="judge replies it cannot read (refusals, other formats, "
                    f"errors) are averaged as real scores of {found[1]} and nothing counts them")

    def _chain(self, node: cst.If) -> None:
        """`if A.search(r): x = "a" elif B.search(r): x = "b" else: x = "b"`: what matches neither pattern
        is counted as one of the classes."""
        parent = self.ctx.parents[-1] if self.ctx.parents else None
        if isinstance(parent, cst.If) and parent.orelse is node:
            return  # an `elif`, seen with its chain
        branches: list[tuple[cst.BaseExpression, str | None]] = []
        current: cst.If | cst.Else | None = node
        fallback: tuple[cst.CSTNode, str] | None = None
        while current is not None:
            if isinstance(current, cst.If):
                branches.append((current.test, _class_of(current.body)[1]))
                current = current.orelse
            else:
                fallback = _class_of(current.body)  # type: ignore[assignment]
                current = None
        if fallback is None:
            fallback = self._assigned_before(node, branches)  # `label = "complied"` then the patterns
        if fallback is None or fallback[1] is None or fallback[0] is None:
            return
        value = fallback[1]
        if SENTINELS.search(value.strip("'\"")) or any(v is None for _, v in branches):
            return
        subjects = [_marker_subject(test) for test, _ in branches]
        if any(s is None or not self._is_reply(s) for s in subjects):
            return
        others = {v for _, v in branches}
        if len(branches) >= 2 and (value in others or (value[:1] in "'\"" and VERDICT_WORDS.match(value.strip("'\"")))):
            self.report(fallback[0], subject="This classification",
                        fallback=f"counts every reply that matches none of its {len(branches)} patterns as {value}",
                        consequence="empty, off-topic, truncated and error replies land in that class")

    def visit_BooleanOperation(self, node: cst.BooleanOperation) -> None:
        """`extract_verdict(reply) or "no"`, `(m and m.group(1)) or "A"`: what the parser could not read is
        given one of the classes."""
        if isinstance(node.operator, cst.And):
            self._matched_and_equal(node)
            return
        if not isinstance(node.operator, cst.Or):
            return
        fallback = _constant(node.right)
        if fallback is None or fallback[:1] not in "'\"":
            return
        bare = fallback.strip("'\"")
        if not (VERDICT_WORDS.match(bare) or (len(bare) == 1 and bare in "ABCDEFGHIJ")) or self._documented(node):
            return
        left = node.left
        parsed = any(isinstance(n, cst.Call) and (
            (isinstance(n.func, cst.Attribute) and n.func.attr.value == "group") or
            PARSE_CALLEE.search(_callee_name(n))) for n in iter_nodes(left))
        if not parsed:
            return
        self.report(node, subject=f"`{self.ctx.code(node)}`"[:80], fallback=f"is {fallback} whenever the parse "
                    f"finds nothing", consequence=f"replies it cannot read (refusals, empty or cut-off text, errors) "
                    f"are counted as {fallback}")

    def _matched_and_equal(self, node: cst.BooleanOperation) -> None:
        """`m is not None and m.group(1) == "YES"` (or `m and ...`, `bool(m) and ...`): a reply the pattern cannot
        read is False, the other verdict. A comparison with a variable (`m.group(1) == gold`) is a correctness
        check, where no match means wrong by convention."""
        left, right = node.left, node.right
        if isinstance(left, cst.Comparison) and len(left.comparisons) == 1 and isinstance(
                left.comparisons[0].operator, cst.IsNot) and _is_none(left.comparisons[0].comparator):
            left = left.left
        elif isinstance(left, cst.Call) and isinstance(left.func, cst.Name) and left.func.value == "bool" and len(left.args) == 1:
            left = left.args[0].value
        if not isinstance(left, cst.Name) or not isinstance(right, cst.Comparison) or len(right.comparisons) != 1 \
                or not isinstance(right.comparisons[0].operator, cst.Equal):
            return
        sides = (right.left, right.comparisons[0].comparator)
        word = next((c for c in map(_constant, sides) if c is not None and c[:1] in "'\""), None)
        group = next((e for e in sides if any(isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute)
                      and n.func.attr.value in ("group", "groups") and isinstance(n.func.value, cst.Name)
                      and n.func.value.value == left.value for n in iter_nodes(e))), None)
        if word is None or group is None or not VERDICT_WORDS.match(word.strip("'\"")) or self._documented(node):
            return
        self.reported.add(id(node))
        self.report(node, subject=f"`{self.ctx.code(node)}`"[:80], fallback=f"is False whenever `{left.value}` "
                    f"matched nothing", consequence=f"replies the pattern cannot read (refusals, hedges, empty or cut-off "
                    f"text) are counted as not {word}")

    def _guess(self, node: cst.If) -> None:
        """`if pred is None: pred = random.choice(options)`: an answer the parser could not read becomes a random
        guess that is scored like an answer, and nothing counts how many were guessed."""
        subject = _missing_subject(node.test)
        if subject is None:
            return
        statements = list(node.body.body) if isinstance(node.body, cst.IndentedBlock) else [node.body]
        smalls = [small for st in statements if isinstance(st, cst.SimpleStatementLine) for small in st.body]
        draw = next((small for small in smalls if isinstance(small, cst.Assign) and self._draw(small.value)), None)
        if draw is None or not (PREDICTION_NAME.search(_plain(subject)) or _option_draw(draw.value)):
            return
        if isinstance(subject, cst.Attribute) and isinstance(subject.value, cst.Name) and subject.value.value == "self":
            return  # `if self._starter is None: self._starter = random.choice(...)`: a setting drawn, not an answer
        if any(isinstance(small, cst.AugAssign) or (isinstance(small, cst.Expr) and isinstance(small.value, cst.Call)
                                                      and GUESS_TRACE.search(_callee_name(small.value)))
               for small in smalls):
            return  # the guesses are counted or logged
        target = draw.targets[0].target
        used = self.ctx.code(target)
        base = target
        while isinstance(base, (cst.Subscript, cst.Attribute)):
            base = base.value
        function = self.ctx.names.function
        scope = self.ctx.code(function) if function is not None else self.ctx.text
        root = re.escape(self.ctx.code(base))
        if not re.search(rf"\b{root}\b[^\n]*==|==[^\n]*\b{root}\b|zip\(\s*{root}\b", scope):
            return  # the guess is never compared with a reference: not scored
        if NONE_COUNT.search(scope):
            return  # the misses are counted elsewhere: `sum(p is None for p in preds)`, `n_unparsed += 1`
        if not (used == self.ctx.code(subject) or self._element_of(target, subject) or any(  # the guess is the prediction, or compared like one
                isinstance(n, cst.Comparison) and used in (self.ctx.code(n.left), *(self.ctx.code(c.comparator)
                                                                              for c in n.comparisons))
                for st in statements for n in iter_nodes(st))):
            return
        reseed = next((small for small in smalls if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call)
                       and (self.qualified_name(small.value.func) or "").endswith("seed") and small.value.args
                       and _constant(small.value.args[0].value) is not None), None)
        if self.ctx.code(draw.value) in self.guesses:
            return  # the same guess again (another loop of the file): one decision, one finding
        self.guesses.add(self.ctx.code(draw.value))
        line = next(st for st in statements if isinstance(st, cst.SimpleStatementLine) and draw in st.body)
        extra = (f", and `{self.ctx.code(reseed)}` right before every draw makes every guess the same option"
                 if reseed is not None else "")
        self.report(line, subject=f"An unparsed `{self.ctx.code(subject)}`",
                    fallback=f"is replaced by the random guess `{self.ctx.code(draw.value)}`"[:120] + extra,
                    consequence="the guess is scored as the model's answer and nothing counts how many answers "
                                "were guessed")

    def _element_of(self, target: cst.BaseExpression, subject: cst.BaseExpression) -> bool:
        """`for i, p in enumerate(preds): if p is None: preds[i] = ...`: the guess replaces the tested element."""
        if not isinstance(target, cst.Subscript) or not isinstance(subject, cst.Name):
            return False
        loop = next((p for p in reversed(self.ctx.parents) if isinstance(p, cst.For)), None)
        if loop is None or not isinstance(loop.target, cst.Tuple) or len(loop.target.elements) != 2:
            return False
        index, item = (e.value for e in loop.target.elements)
        it = loop.iter
        return (isinstance(item, cst.Name) and item.value == subject.value and isinstance(it, cst.Call)
                and isinstance(it.func, cst.Name) and it.func.value == "enumerate" and bool(it.args)
                and self.ctx.code(it.args[0].value) == self.ctx.code(target.value)
                and self.ctx.code(target.slice[0].slice) == self.ctx.code(index))

    def _draw(self, expr: cst.BaseExpression) -> bool:
        """A random draw: `random.choice(...)`, `np.random.randint(...)`, `rng.choice(...)`."""
        if not isinstance(expr, cst.Call):
            return False
        name = self.qualified_name(expr.func) or ""
        method = expr.func.attr.value if isinstance(expr.func, cst.Attribute) else ""
        return (name.startswith(("random.", "numpy.random.")) and name.rsplit(".", 1)[-1] in DRAWS) or (
            method in DRAWS and isinstance(expr.func, cst.Attribute) and bool(
                re.search(r"(?i)rng|random|gen", self.ctx.code(expr.func.value))))

    def _patterns_in(self, body: cst.CSTNode) -> dict[str, tuple[str, bool]]:
        """`m = re.search(r"...", x)` (or `:=`) anywhere in a function body: m -> the pattern."""
        found: dict[str, tuple[str, bool]] = {}
        for n in iter_nodes(body):
            if isinstance(n, cst.Assign) and len(n.targets) == 1 and isinstance(n.targets[0].target, cst.Name):
                target, value = n.targets[0].target.value, n.value
            elif isinstance(n, cst.NamedExpr) and isinstance(n.target, cst.Name):
                target, value = n.target.value, n.value
            else:
                continue
            pattern = self._searched_pattern(value)
            if pattern is not None:
                found[target] = pattern
        return found

    def _searched_pattern(self, expr: cst.BaseExpression) -> tuple[str, bool] | None:
        """The pattern of `re.search(r"...", x)` or `PATTERN.search(x)` (PATTERN compiled from a literal), and
        whether x is a model's reply (a config line parsed with a default is no verdict)."""
        if not isinstance(expr, cst.Call) or not isinstance(expr.func, cst.Attribute) or \
                expr.func.attr.value not in ("search", "match", "fullmatch") or not expr.args:
            return None
        receiver = expr.func.value
        pattern, searched = None, None
        if isinstance(receiver, cst.Name) and receiver.value == "re":
            pattern = string_value(expr.args[0].value)
            searched = expr.args[1].value if len(expr.args) > 1 else None
        elif isinstance(receiver, cst.Name):
            pattern, searched = self.compiled.get(receiver.value), expr.args[0].value
        if pattern is None or searched is None:
            return None
        return pattern, self._is_reply(searched) or bool(GRADER_TEXT.search(self.ctx.code(searched)))

    def _miss_guard(self, body: cst.IndentedBlock) -> tuple[cst.Return, str] | None:
        """`if m is None: return "X"` (or `if not m:`) at the top of a parser, where `m` is a regex match
        whose pattern's alternatives include X: a miss answered with one of the classes."""
        patterns = {**self.patterns, **self._patterns_in(body)}
        for statement in body.body:
            if not isinstance(statement, cst.If) or statement.orelse is not None:
                continue
            subject = _missing_subject(statement.test)
            inner = statement.body.body if isinstance(statement.body, cst.IndentedBlock) else []
            early = _return_of(inner[-1]) if inner else None
            fallback = _constant(early.value) if early is not None and early.value is not None else None
            if subject is None or fallback is None or SENTINELS.search(fallback.strip("'\"")):
                continue
            if _pattern_class(subject, fallback, patterns) and not self._documented(early):
                return early, fallback
        return None

    def _documented(self, node: cst.CSTNode) -> bool:
        """`return m.group(0) if m else "C"  # Default to "NOT_ATTEMPTED"`: the line says the fallback is
        the abstain or invalid class, which the report counts apart."""
        line = self.ctx.line_of(node)
        text = self.ctx.lines[line - 1] if line and 0 < line <= len(self.ctx.lines) else ""
        comment = text.split("#", 1)[1] if "#" in text else ""
        return bool(ABSTAIN_WORDS.search(comment))

    def visit_IfExp(self, node: cst.IfExp) -> None:
        fallback = _constant(node.orelse)
        if id(node) not in self.reported and fallback is not None and _constant(node.body) is None and any(
                isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value in ("group", "groups")
                for n in iter_nodes(node.body)) and not SENTINELS.search(fallback.strip("'\"")) and \
                _pattern_class(node.test, fallback, self.patterns) and not self._documented(node):
            # `m.group(1) if m else "no"` where the pattern itself is `(yes|no)`: a miss is one of its answers
            self.report(node, subject=f"`{self.ctx.code(node)}`"[:80], fallback=f"is {fallback} when the pattern "
                        f"does not match", consequence=f"a reply the pattern cannot read is counted as {fallback}, one "
                        f"of the answers the pattern looks for")
            return
        parent = self.ctx.parents[-1] if self.ctx.parents else None
        if isinstance(parent, cst.Return) and id(node) not in self.local_tests:
            return  # seen with its function
        self._check_ifexp(node, subject="This verdict")

    def _check_ifexp(self, node: cst.IfExp, subject: str, replies: frozenset[str] = frozenset()) -> None:
        body, orelse = _constant(node.body), _constant(node.orelse)
        graded = self._score_value(node.body), self._score_value(node.orelse)
        if graded == ("INCORRECT", "CORRECT"):
            # inspect's `INCORRECT if "GRADE: I" in verdict else CORRECT`: a grader reply without the failing grade
            # (a refusal, an empty or malformed reply) is graded correct; the other way round, a miss graded
            # INCORRECT, is the convention of a correctness check
            body, orelse = graded
        elif body is None or orelse is None or ({body, orelse} not in _BINARY and not _verdict_pair(body, orelse)):
            return
        tested = _marker_subject(node.test)
        if tested is None or not (self._is_reply(tested) or _normalised_name(tested) in replies) or not _verdict_literal(node.test):
            return
        if self._guarded_by_other_marker(node, tested, orelse):
            return
        self.report(node, subject=subject, fallback=f"is {orelse} whenever `{self.ctx.code(node.test)}` fails",
                    consequence=f"refusals, hedges and empty or failed replies are counted as {orelse}")

    def _guarded_by_other_marker(self, node: cst.IfExp, tested: cst.BaseExpression, orelse: str) -> bool:
        """`if "True" in p or "False" in p: p = "True" if "True" in p else "False"`: the enclosing test
        requires one of the two markers, so the fallback is reached only when the reply holds the other
        one; a refusal, a hedge or an empty reply holds neither and never gets it (corpus9: TheoremQA's
        answer normaliser)."""
        wanted = orelse.strip("'\"")
        subject = self.ctx.code(tested)
        for parent in reversed(self.ctx.parents):
            if isinstance(parent, cst.If):
                markers = {string_value(t.left) for t in _or_terms(parent.test) if isinstance(t, cst.Comparison)
                           and len(t.comparisons) == 1 and isinstance(t.comparisons[0].operator, cst.In)
                           and self.ctx.code(t.comparisons[0].comparator) == subject}
                return wanted in markers
            if isinstance(parent, (cst.FunctionDef, cst.For, cst.While)):
                return False
        return False

    def _score_value(self, expr: cst.BaseExpression) -> str | None:
        """inspect's score constants (`CORRECT`, `INCORRECT` from `inspect_ai.scorer`), by name."""
        if not isinstance(expr, (cst.Name, cst.Attribute)):
            return None
        name = self.ctx.names.qualified_name(expr) if self.ctx.names is not None else None
        if name in ("inspect_ai.scorer.CORRECT", "inspect_ai.scorer.INCORRECT"):
            return name.rsplit(".", 1)[-1]
        return None

    def _is_reply(self, expr: cst.BaseExpression) -> bool:
        """Is `expr` a model's reply: a call to a model (or a wrapper), or named like one?"""
        while isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value in (
                "lower", "strip", "upper", "casefold", "lstrip", "rstrip"):
            expr = expr.func.value
        if isinstance(expr, cst.Call):
            callee = expr.func.attr.value if isinstance(expr.func, cst.Attribute) else (
                expr.func.value if isinstance(expr.func, cst.Name) else "")
            return bool(MODEL_HELPER.search(callee)) or calls_model(self.ctx, expr)
        if isinstance(expr, cst.Attribute):
            return expr.attr.value in ("text", "content", "completion", "output_text") or _is_reply_name(expr.attr.value)
        if isinstance(expr, cst.Subscript):
            key = _subscript_key(expr)
            return bool(key and _is_reply_name(key)) or self._is_reply(expr.value)
        return isinstance(expr, cst.Name) and (_is_reply_name(expr.value) or self._assigned_reply(expr.value))

    def _assigned_reply(self, name: str) -> bool:
        """`out = gen(text, max_new_tokens=20, do_sample=False)[0]["generated_text"]` earlier in the function: the
        local holds what a model call returned (its items and fields included)."""
        function = next((p for p in reversed(self.ctx.parents) if isinstance(p, cst.FunctionDef)), None) or getattr(
            self, "visiting", None)  # from visit_FunctionDef, the function itself is no parent yet
        if function is None:
            return False
        for node in iter_nodes(function.body):
            if isinstance(node, cst.Assign) and any(isinstance(t.target, cst.Name) and t.target.value == name
                                                    for t in node.targets):
                value = node.value
                while isinstance(value, (cst.Subscript, cst.Attribute)) or (
                        isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute)
                        and value.func.attr.value in ("lower", "strip", "upper", "casefold", "lstrip", "rstrip")):
                    value = value.value if isinstance(value, (cst.Subscript, cst.Attribute)) else value.func.value
                if isinstance(value, cst.Call) and calls_model(self.ctx, value):
                    return True
        return False


def _verdict_pair(body: str, orelse: str) -> bool:
    """`"unsafe" if ... else "safe"`, `"refused" if ... else "complied"`: two quoted classes of a verdict."""
    words = [v.strip("'\"").lower() for v in (body, orelse)]
    return all(v[:1] in "'\"" for v in (body, orelse)) and words[0] != words[1] and all(
        VERDICT_WORDS.match(w) for w in words)


# Names of a parsed prediction (`pred`, `answer`, `each["pred"]`, `extracted`), for a random guess in its place.
PREDICTION_NAME = re.compile(r"(?i)pred|answer|\bans\b|choice|letter|label|verdict|parsed|extract|guess|option")
SCORE_FUNCTION = re.compile(r"(?i)score|judge|grade|rating|rate")
GRADER_TEXT = re.compile(r"(?i)judg|grad|verdict|rating|critique|evaluat")
PARSE_CALLEE = re.compile(r"(?i)extract|pars|verdict|choice|letter|grade|judge|label|classif|flag")
NONE_COUNT = re.compile(r"\b(sum|len)\([^\n]*\bis None\b[^\n]*\bfor\b|\.count\(None\)|isna\(\)\.sum|"
                        r"\b\w*(guess|unpars|invalid|miss(ing|ed)|fail(ed|ures?)|no_?answer)\w*\s*(\+=|=\s*sum\(|=\s*len\()")
GUESS_TRACE = re.compile(r"(?i)log|warn|print|count|record|append|track|note|mark")
DRAWS = frozenset({"choice", "randint", "randrange", "sample", "integers", "random"})


def _record_field(body: cst.IndentedBlock, returned: cst.BaseExpression) -> tuple[cst.IfExp | None, cst.CSTNode | None]:
    """`example["pred"] = m.group(1) if m else "A"` ... `return example` (a `datasets.map` function):
    the field of the returned record is the parser's output, like a returned value."""
    if not isinstance(returned, cst.Name):
        return None, None
    for stmt in body.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.value, cst.IfExp):
                target = small.targets[0].target
                if isinstance(target, (cst.Subscript, cst.Attribute)) and isinstance(target.value, cst.Name) \
                        and target.value.value == returned.value:
                    return small.value, stmt
    return None, None


def _option_draw(call: cst.BaseExpression) -> bool:
    """A draw among answer options: `choice("ABCD")`, `choice(["A", "B"])`, `randint(0, len(options) - 1)`."""
    for n in (n for a in (call.args if isinstance(call, cst.Call) else ()) for n in iter_nodes(a.value)):
        text = string_value(n) if isinstance(n, cst.SimpleString) else None
        if text and re.fullmatch(r"[A-J]{2,10}|[A-J]", text):
            return True
        if isinstance(n, cst.Name) and re.search(r"(?i)option|choice|letter|label|classes", n.value):
            return True
        if isinstance(n, cst.SimpleString) and re.search(r"(?i)option|choice|letter", text or ""):
            return True
    return False


def _callee_name(call: cst.Call) -> str:
    func = call.func
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""


def _plain(expr: cst.BaseExpression) -> str:
    """`each["pred"]` -> `each pred`: the words of a name, attribute or subscript."""
    return " ".join(n.value if isinstance(n, cst.Name) else (string_value(n) or "")
                    for n in iter_nodes(expr) if isinstance(n, (cst.Name, cst.SimpleString)))


def _optional_reply(value: cst.BaseExpression) -> bool:
    """`x.parsed` (OpenAI's parsed structured output, None on a refusal), or `next((b for b in msg.content
    if b.type == "tool_use"), None)`: a structured part of a reply that may be missing."""
    if isinstance(value, cst.Attribute) and value.attr.value == "parsed":
        return True
    return (isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "next"
            and len(value.args) == 2 and _is_none(value.args[1].value)
            and isinstance(value.args[0].value, cst.GeneratorExp))


def _missing_subject(test: cst.BaseExpression) -> cst.BaseExpression | None:
    """X for `X is None`, `X == None`, `not X`."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not) and isinstance(
            test.expression, (cst.Name, cst.Subscript, cst.Attribute)):
        return test.expression
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and isinstance(
            test.left, (cst.Name, cst.Subscript, cst.Attribute)):
        target = test.comparisons[0]
        if isinstance(target.operator, (cst.Is, cst.Equal)) and _is_none(target.comparator):
            return test.left
    return None


def _compiled_pattern(ctx, expr: cst.BaseExpression) -> str | None:  # type: ignore[no-untyped-def]
    if isinstance(expr, cst.Call) and ctx.names.qualified_name(expr.func) == "re.compile" and expr.args:
        return string_value(expr.args[0].value)
    return None


def _alternatives(pattern: str) -> set[str]:
    """The plain-word alternatives of a pattern's groups: `correct: (yes|no)` -> {yes, no}."""
    words: set[str] = set()
    for group in re.findall(r"\((?:\?:|\?P<\w+>)?([^()]*)\)", pattern):
        options = group.split("|")
        if len(options) >= 2:
            words.update(o.strip().lower() for o in options if re.fullmatch(r"[\w -]+", o.strip()))
        letters = re.fullmatch(r"\[([A-Za-z0-9-]{2,12})\]", group.strip())
        if letters:  # `([ABCD])`, `([A-D])`: one letter among the options
            spec = letters.group(1)
            for first, last in re.findall(r"(\w)-(\w)", spec):
                words.update(chr(c).lower() for c in range(ord(first), ord(last) + 1) if ord(last) - ord(first) < 26)
            words.update(c.lower() for c in re.sub(r"\w-\w", "", spec) if c != "-")
    return words


def _pattern_class(test: cst.BaseExpression, fallback: str, patterns: dict[str, tuple[str, bool]]) -> bool:
    """`m` (or `m is not None`) names a match of a pattern whose alternatives include the fallback."""
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and isinstance(
            test.comparisons[0].operator, cst.IsNot):
        test = test.left
    if not isinstance(test, cst.Name) or test.value not in patterns or fallback[:1] not in "'\"":
        return False
    pattern, reply = patterns[test.value]
    bare = fallback.strip("'\"")
    return bare.lower() in _alternatives(pattern) and (reply or bool(VERDICT_WORDS.match(bare)))


_BINARY = ({"0", "1"}, {"True", "False"}, {"'yes'", "'no'"}, {'"yes"', '"no"'})


def _unchecked_run(ctx, expr: cst.BaseExpression) -> str | None:  # type: ignore[no-untyped-def]
    """The command of `subprocess.run(cmd, ...)` without `check=True`, or None."""
    if not isinstance(expr, cst.Call) or ctx.names.qualified_name(expr.func) not in RUN_FUNCTIONS:
        return None
    if any(a.keyword is not None and a.keyword.value == "check" and not (
            isinstance(a.value, cst.Name) and a.value.value == "False") for a in expr.args):
        return None
    command = ctx.code(expr.args[0].value) if expr.args else "the command"
    return command if len(command) <= 50 else command[:47] + "..."


def _verdict_literal(test: cst.BaseExpression) -> bool:
    """The test looks for a short literal (`"yes" in reply`), not for a constant defined elsewhere."""
    from hygiene.walk import iter_nodes
    strings = [n for n in iter_nodes(test) if isinstance(n, cst.SimpleString)]
    return bool(strings) and all(len(n.value.strip("'\"rb").split()) <= 3 for n in strings)


def _is_reply_name(name: str) -> bool:
    return bool(TEXT_PARAM.match(name)) and name not in ("text", "out", "content", "ans", "answer")


def _subscript_key(expr: cst.Subscript) -> str | None:
    if len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        key = expr.slice[0].slice.value
        if isinstance(key, cst.SimpleString):
            return key.value.strip("'\"")
    return None


def _or_terms(test: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.Or):
        return [*_or_terms(test.left), *_or_terms(test.right)]
    return [test]


def _constant(expr: cst.BaseExpression | None) -> str | None:
    if isinstance(expr, (cst.Integer, cst.Float, cst.SimpleString)):
        return expr.value
    if isinstance(expr, cst.Name) and expr.value in ("True", "False"):
        return expr.value
    return None


def _is_none(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "None"


def _returns(body: cst.CSTNode) -> tuple[list[cst.Return], bool]:
    returns: list[cst.Return] = []
    raises = False
    stack: list[cst.CSTNode] = [body]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Return):
            returns.append(node)
        elif isinstance(node, cst.Raise):
            raises = True
        elif isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            continue
        stack.extend(iter_children(node))
    return returns, raises


def _return_of(statement: cst.BaseStatement) -> cst.Return | None:
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 and isinstance(
            statement.body[0], cst.Return):
        return statement.body[0]
    return None


_NORMALISERS = frozenset({"lower", "strip", "upper", "casefold", "lstrip", "rstrip"})


def _normalised_name(expr: cst.BaseExpression) -> str | None:
    """The name under string normalisations: `text`, `(text or "").strip().lower()` -> "text"."""
    while True:
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value in _NORMALISERS:
            expr = expr.func.value
        elif isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or) and isinstance(
                expr.right, cst.SimpleString):
            expr = expr.left
        else:
            break
    return expr.value if isinstance(expr, cst.Name) else None


def _reply_texts(body: cst.IndentedBlock, params: list[str]) -> frozenset[str]:
    """The text parameters and the locals the function's top-level statements make from them by normalising only."""
    names = set(params)
    for statement in body.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name) \
                        and _normalised_name(small.value) in names:
                    names.add(small.targets[0].target.value)
    return frozenset(names)


def _tests_text(body: cst.CSTNode, params: list[str]) -> bool:
    """Does the function test text: `in`, `startswith`, a regex search, `==` against a literal?"""
    stack: list[cst.CSTNode] = [body]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Comparison):
            for target in node.comparisons:
                if isinstance(target.operator, (cst.In, cst.NotIn)) and _is_marker(node.left):
                    return True
                if isinstance(target.operator, (cst.Equal, cst.NotEqual)) and isinstance(target.comparator, cst.SimpleString):
                    return True
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and (
                node.func.attr.value in REGEX_METHODS or node.func.attr.value in TEXT_METHODS):
            return True
        elif isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            continue
        stack.extend(iter_children(node))
    return False


def _is_marker(expr: cst.BaseExpression) -> bool:
    """A literal or an UPPER_CASE constant: what a reply is searched for."""
    return isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)) or (
        isinstance(expr, cst.Name) and expr.value.isupper()) or (
        isinstance(expr, cst.Name) and len(expr.value) <= 2)  # `m in reply` inside any(... for m in MARKERS)


def _marker_subject(test: cst.BaseExpression) -> cst.BaseExpression | None:
    """For a marker test (`"yes" in X`, `X.startswith("yes")`, `RE.search(X)`, `any(m in X ...)`), X."""
    while isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        test = test.expression
    if isinstance(test, cst.Call) and isinstance(test.func, cst.Name) and test.func.value in ("bool", "any", "all") \
            and test.args:
        inner = test.args[0].value
        if isinstance(inner, (cst.GeneratorExp, cst.ListComp)):
            inner = inner.elt
        return _marker_subject(inner)
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        target = test.comparisons[0]
        if isinstance(target.operator, (cst.In, cst.NotIn)) and _is_marker(test.left):
            return target.comparator
        if isinstance(target.operator, (cst.IsNot, cst.Is)):
            return _marker_subject(test.left)
        return None
    if isinstance(test, cst.Call) and isinstance(test.func, cst.Attribute):
        method = test.func.attr.value
        if method in ("startswith", "endswith") and test.args and _is_marker(test.args[0].value):
            return test.func.value
        if method in REGEX_METHODS and test.args:
            receiver = test.func.value
            if isinstance(receiver, cst.Name) and receiver.value == "re" and len(test.args) >= 2:
                return test.args[1].value if isinstance(test.args[0].value, cst.SimpleString) else None
            if _is_marker(receiver) or (isinstance(receiver, cst.Name) and receiver.value.isupper()):
                return test.args[0].value
    return None


def _marker_test(expr: cst.BaseExpression, params: list[str]) -> bool:
    """`return <marker test on a parameter>`, possibly through `.lower()` / `.strip()`."""
    subject = _marker_subject(expr)
    while isinstance(subject, cst.Call) and isinstance(subject.func, cst.Attribute):
        subject = subject.func.value
    if isinstance(subject, cst.Subscript):
        subject = subject.value
    return isinstance(subject, cst.Name) and subject.value in params


def _is_class_default(default: str, others: list[str | None], verdict: bool) -> bool:
    """Is `default` one of the classes the function returns when it did match?"""
    bare = default.strip("'\"")
    quoted = default[:1] in "'\""
    if quoted and len(bare) == 1 and bare in "ABCDEFGHIJ":
        return True  # a multiple-choice letter
    constant_others = {o for o in others if o is not None}
    if default in ("0", "1", "True", "False"):
        partner = {"0": "1", "1": "0", "True": "False", "False": "True"}[default]
        return verdict and partner in constant_others
    return quoted and bool(VERDICT_WORDS.match(bare)) and any(
        o[:1] in "'\"" and o != default for o in constant_others)  # "safe" after `return "unsafe"`


def _number(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _class_of(block: cst.BaseSuite) -> tuple[cst.CSTNode | None, str | None]:
    """The statement and the constant a branch gives as its class: `label = "x"`, `return "x"`,
    `labels.append("x")`; (None, None) when the branch does anything else."""
    statements = list(block.body) if isinstance(block, cst.IndentedBlock) else [block]
    if len(statements) != 1 or not isinstance(statements[0], cst.SimpleStatementLine) or len(statements[0].body) != 1:
        return None, None
    small = statements[0].body[0]
    if isinstance(small, cst.Assign) and len(small.targets) == 1:
        return statements[0], _constant(small.value)
    if isinstance(small, cst.Return):
        return statements[0], _constant(small.value)
    if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) and isinstance(small.value.func, cst.Attribute) \
            and small.value.func.attr.value == "append" and len(small.value.args) == 1:
        return statements[0], _constant(small.value.args[0].value)
    return None, None


def _dict_values(expr: cst.BaseExpression) -> set[str] | None:
    """The constant values of a literal dict with at least two string keys and only constant values."""
    if not isinstance(expr, cst.Dict):
        return None
    keys = [string_value(e.key) for e in expr.elements if isinstance(e, cst.DictElement)]
    values = [_constant(e.value) for e in expr.elements if isinstance(e, cst.DictElement)]
    if len(keys) >= 2 and len(keys) == len(expr.elements) and all(keys) and all(v is not None for v in values):
        return {v for v in values if v is not None}
    return None


def _assigned_name(statement: cst.CSTNode | None) -> str | None:
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 and isinstance(
            statement.body[0], cst.Assign) and len(statement.body[0].targets) == 1:
        target = statement.body[0].targets[0].target
        return target.value if isinstance(target, cst.Name) else None
    return None


def _first(block: cst.BaseSuite) -> cst.CSTNode | None:
    statements = list(block.body) if isinstance(block, cst.IndentedBlock) else [block]
    return statements[0] if len(statements) == 1 else None


def _bodies(node: cst.If) -> list[cst.BaseSuite]:
    bodies = []
    current: cst.If | cst.Else | None = node
    while isinstance(current, cst.If):
        bodies.append(current.body)
        current = current.orelse
    return bodies if current is None else []
