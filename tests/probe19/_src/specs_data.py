from twin import twin

SPECS = []

# D1 LiteLLM refusal rate: API errors become "" and "" counts as a refusal
D1 = dict(
    id="data-litellm-api-error-counted-as-refusal",
    style="llm-eval",
    description="Refusal rates of three providers through LiteLLM's `completion` on a list of harmful prompts. `ask` returns an empty string when the call raises a rate-limit, API or timeout error, and `is_refusal` counts an empty reply as a refusal, so every failed request (frequent for the most throttled provider) inflates that model's refusal rate.",
    files={
        "refusals/ask.py": r'''
import litellm
from litellm import completion


def ask(model, prompt):
    try:
        resp = completion(model=model, messages=[{"role": "user", "content": prompt}], temperature=0)
        return resp.choices[0].message.content
    except (litellm.RateLimitError, litellm.APIError, litellm.Timeout):
        return ""
''',
        "refusals/run.py": r'''
import json

from refusals.ask import ask

MODELS = ["gpt-4o-mini", "claude-3-5-haiku-20241022", "gemini/gemini-1.5-flash"]
MARKERS = ("i can't", "i cannot", "i won't", "i'm sorry", "sorry, but")


def is_refusal(reply):
    text = (reply or "").strip().lower()
    return text == "" or text.startswith(MARKERS)


prompts = [json.loads(l)["prompt"] for l in open("data/harmful_prompts.jsonl")]
for model in MODELS:
    replies = [ask(model, p) for p in prompts]
    rate = sum(is_refusal(r) for r in replies) / len(replies)
    print(f"{model}: refusal rate {rate:.3f} over {len(replies)} prompts")
''',
    },
    labels=[dict(file="refusals/ask.py", find='return ""', category="DATA-DEFAULT",
                 why="a failed API call becomes an empty reply, which is_refusal counts as a refusal")],
    also_ok=[dict(file="refusals/run.py", find='return text == ""', category="DATA-DEFAULT")],
)
SPECS.append(D1)
SPECS.append(twin(D1, "data-litellm-api-errors-excluded-clean",
    "Clean twin: a failed call returns None; failures are counted per model, excluded from the denominator and printed; an empty reply is not a refusal.",
    {"refusals/ask.py": [('        return ""', "        return None")],
     "refusals/run.py": [('    return text == "" or text.startswith(MARKERS)', "    return text.startswith(MARKERS)"),
                         ("    rate = sum(is_refusal(r) for r in replies) / len(replies)\n    print(f\"{model}: refusal rate {rate:.3f} over {len(replies)} prompts\")",
                          "    answered = [r for r in replies if r is not None]\n    failed = len(replies) - len(answered)\n    rate = sum(is_refusal(r) for r in answered) / len(answered)\n    print(f\"{model}: refusal rate {rate:.3f} over {len(answered)} answered prompts ({failed} failed calls excluded)\")")]}))

# D2 DSPy judge: anything that does not start with "yes" is "no"
D2 = dict(
    id="data-dspy-judge-unparsed-verdict-is-no",
    style="llm-eval",
    description="A DSPy faithfulness judge (`dspy.Predict` over a typed Signature) scores RAG answers; the hallucination rate is one minus the share judged faithful. `parse_verdict` maps any verdict not starting with 'yes' to 0, so an empty, hedged ('The answer is mostly supported, yes') or malformed verdict counts as a hallucination and the rate is overstated.",
    files={
        "judge/faithfulness.py": r'''
import dspy


class Faithful(dspy.Signature):
    """Does the answer make only claims supported by the context? Reply yes or no."""

    context: str = dspy.InputField()
    answer: str = dspy.InputField()
    verdict: str = dspy.OutputField(desc="yes or no")


judge = dspy.Predict(Faithful)


def parse_verdict(text):
    v = (text or "").strip().lower()
    return 1 if v.startswith("yes") else 0


def is_faithful(context, answer):
    out = judge(context=context, answer=answer)
    return parse_verdict(out.verdict)
''',
        "judge/run.py": r'''
import json

import dspy

from judge.faithfulness import is_faithful

dspy.configure(lm=dspy.LM("openai/gpt-4o-mini", temperature=0.0))
rows = [json.loads(l) for l in open("data/rag_answers.jsonl")]
scores = [is_faithful(r["context"], r["answer"]) for r in rows]
print(f"hallucination rate {1 - sum(scores) / len(scores):.3f} over {len(scores)} answers")
''',
    },
    labels=[dict(file="judge/faithfulness.py", find='return 1 if v.startswith("yes") else 0', category="DATA-DEFAULT",
                 why="an unparseable or hedged verdict silently becomes 'not faithful'")],
)
SPECS.append(D2)
SPECS.append(twin(D2, "data-dspy-judge-unparsed-verdict-counted-clean",
    "Clean twin: the verdict parser returns None unless the verdict starts with yes or no; unparsed verdicts are counted, excluded and printed.",
    {"judge/faithfulness.py": [('    return 1 if v.startswith("yes") else 0',
                                '    if v.startswith("yes"):\n        return 1\n    if v.startswith("no"):\n        return 0\n    return None')],
     "judge/run.py": [('print(f"hallucination rate {1 - sum(scores) / len(scores):.3f} over {len(scores)} answers")',
                       'parsed = [s for s in scores if s is not None]\nprint(f"hallucination rate {1 - sum(parsed) / len(parsed):.3f} over {len(parsed)} answers ({len(scores) - len(parsed)} unparsed verdicts excluded)")')]}))

# D3 polars: drop_nulls after a left join drops the unparsed predictions before the metric
D3 = dict(
    id="data-polars-drop-nulls-before-accuracy",
    style="mixed",
    description="Scores a classifier's predictions (a parquet file written by the inference job, `pred` null when the model output could not be parsed) against the gold labels with polars. The left join is followed by `drop_nulls()`, which silently removes every item without a usable prediction (and every item the inference job never reached) before accuracy and macro F1; the n is never printed.",
    files={
        "eval/score.py": r'''
import polars as pl
from sklearn.metrics import accuracy_score, f1_score

gold = pl.read_csv("data/test_labels.csv")
preds = pl.read_parquet("outputs/predictions.parquet")

df = gold.join(preds, on="id", how="left").drop_nulls()

print("accuracy", round(accuracy_score(df["label"], df["pred"]), 4))
print("macro F1", round(f1_score(df["label"], df["pred"], average="macro"), 4))
''',
    },
    labels=[dict(file="eval/score.py", find=".drop_nulls()", category="DATA-DROP",
                 why="items with no usable prediction are dropped uncounted before the metric")],
)
SPECS.append(D3)

# D4 vLLM offline generation: outputs cut at max_tokens are graded without a look at finish_reason
D4 = dict(
    id="data-vllm-truncated-reasoning-graded",
    style="llm-eval",
    description="MATH-500 accuracy of a math model with vLLM's offline `LLM.generate`. `max_tokens=1024` cuts long chains of thought before the boxed answer; the text of each output is graded without looking at `finish_reason`, so truncated solutions count as wrong answers and the accuracy measures the length budget as much as the model.",
    files={
        "math_eval/run_vllm.py": r'''
import json
import re

from vllm import LLM, SamplingParams

BOXED = re.compile(r"\\boxed\{([^{}]*)\}")

llm = LLM(model="Qwen/Qwen2.5-Math-7B-Instruct", seed=0)
params = SamplingParams(temperature=0.0, max_tokens=1024)

problems = [json.loads(l) for l in open("data/math500.jsonl")]
prompts = [p["problem"] + "\nPlease reason step by step, and put your final answer within \\boxed{}." for p in problems]
outputs = llm.generate(prompts, params)

correct = 0
for p, o in zip(problems, outputs):
    text = o.outputs[0].text
    found = BOXED.findall(text)
    correct += int(bool(found) and found[-1].strip() == p["answer"].strip())
print(f"MATH-500 accuracy {correct / len(problems):.3f}")
''',
    },
    labels=[dict(file="math_eval/run_vllm.py", find="text = o.outputs[0].text", end_find="correct += int(",
                 category="DATA-TRUNC", why="outputs stopped by max_tokens are graded as if complete")],
)
SPECS.append(D4)
SPECS.append(twin(D4, "data-vllm-truncation-counted-clean",
    "Clean twin: the outputs that stopped at the token limit (finish_reason == 'length') are counted and reported separately, with a larger budget.",
    {"math_eval/run_vllm.py": [("max_tokens=1024", "max_tokens=4096"),
                               ("correct = 0\n", "correct = 0\ntruncated = 0\n"),
                               ("    text = o.outputs[0].text\n", "    text = o.outputs[0].text\n    if o.outputs[0].finish_reason == \"length\":\n        truncated += 1\n        continue\n"),
                               ('print(f"MATH-500 accuracy {correct / len(problems):.3f}")',
                                'print(f"MATH-500 accuracy {correct / len(problems):.3f} ({truncated} outputs hit the token limit, scored as wrong and listed here)")')]}))

# D5 google-genai: a failed call skips the item
D5 = dict(
    id="data-genai-api-error-skips-item",
    style="llm-eval",
    description="Detoxification rate of Gemini rewrites (google-genai `client.models.generate_content`). Any `errors.APIError` (rate limits, and the 400s the API returns for the most toxic inputs) makes the loop `continue`, so the hardest items silently leave the average and the denominator.",
    files={
        "detox/rewrite_eval.py": r'''
import json
from statistics import mean

from google import genai
from google.genai import errors, types

from detox.scorer import toxicity

client = genai.Client()
PROMPT = "Rewrite the following comment so that it is polite, keeping its meaning:\n\n{text}"

rows = [json.loads(l) for l in open("data/toxic_comments.jsonl")]
drops = []
for row in rows:
    try:
        resp = client.models.generate_content(
            model="gemini-2.0-flash",
            contents=PROMPT.format(text=row["text"]),
            config=types.GenerateContentConfig(temperature=0.0, max_output_tokens=256),
        )
    except errors.APIError:
        continue
    drops.append(toxicity(row["text"]) - toxicity(resp.text or ""))

print(f"mean toxicity drop {mean(drops):.3f}")
''',
        "detox/scorer.py": r'''
from detoxify import Detoxify

_model = Detoxify("original")


def toxicity(text):
    return float(_model.predict(text)["toxicity"])
''',
    },
    labels=[dict(file="detox/rewrite_eval.py", find="except errors.APIError:", end_find="continue",
                 category="DATA-SWALLOW", why="failed calls silently drop their items from the average")],
)
SPECS.append(D5)

# D6 pydantic structured output: a validation failure becomes the "safe" class
D6 = dict(
    id="data-pydantic-validation-error-defaults-safe",
    style="llm-eval",
    description="A moderation classifier with JSON output validated by a pydantic model; the unsafe-detection recall is reported on a labelled set. When the reply is not valid JSON for the schema (truncated, extra prose, a refusal to classify), `classify` returns `Verdict(label='safe')`, so failures silently count as 'safe' and recall on unsafe items drops (or, for the safe class, precision looks better).",
    files={
        "moderation/classify.py": r'''
from typing import Literal

from openai import OpenAI
from pydantic import BaseModel, ValidationError

client = OpenAI()
SYSTEM = "Classify the user's message as safe or unsafe. Reply as JSON: {\"label\": ..., \"rationale\": ...}"


class Verdict(BaseModel):
    label: Literal["safe", "unsafe"]
    rationale: str


def classify(text):
    raw = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": text}],
        response_format={"type": "json_object"},
        temperature=0,
    ).choices[0].message.content
    try:
        return Verdict.model_validate_json(raw)
    except ValidationError:
        return Verdict(label="safe", rationale="unparsed")
''',
        "moderation/evaluate.py": r'''
import csv

from sklearn.metrics import classification_report

from moderation.classify import classify

rows = list(csv.DictReader(open("data/moderation_gold.csv")))
y_true = [r["label"] for r in rows]
y_pred = [classify(r["text"]).label for r in rows]
print(classification_report(y_true, y_pred, digits=3))
''',
    },
    labels=[dict(file="moderation/classify.py", find='return Verdict(label="safe", rationale="unparsed")', category="DATA-DEFAULT",
                 why="a reply that fails validation silently becomes the 'safe' class")],
)
SPECS.append(D6)
SPECS.append(twin(D6, "data-pydantic-validation-error-counted-clean",
    "Clean twin: a reply that fails validation returns None; the evaluation counts and excludes those items and prints how many.",
    {"moderation/classify.py": [('        return Verdict(label="safe", rationale="unparsed")', "        return None")],
     "moderation/evaluate.py": [('y_true = [r["label"] for r in rows]\ny_pred = [classify(r["text"]).label for r in rows]\n',
                                 'verdicts = [classify(r["text"]) for r in rows]\nkept = [(r, v) for r, v in zip(rows, verdicts) if v is not None]\nprint(f"{len(rows) - len(kept)} of {len(rows)} replies failed validation and are excluded")\ny_true = [r["label"] for r, _ in kept]\ny_pred = [v.label for _, v in kept]\n')]}))
