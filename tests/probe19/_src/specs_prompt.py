from twin import twin

SPECS = []

# P1 google-genai: the grader's system instruction is built and never passed in the config
P1 = dict(
    id="prompt-genai-system-instruction-not-in-config",
    style="llm-eval",
    description="A Gemini grader (google-genai) for short essay answers. The rubric is assembled into a `SYSTEM` instruction, but the `GenerateContentConfig` passed to `generate_content` only sets the temperature and the output length, so the model grades without the rubric.",
    files={
        "essay/grade_gemini.py": r'''
import csv
import re

from google import genai
from google.genai import types

client = genai.Client()
RUBRIC = open("rubric.md").read()


def grade(question, essay):
    SYSTEM = f"You are a strict examiner. Grade the essay from 0 to 5 using this rubric:\n{RUBRIC}\nReply with the grade only."
    cfg = types.GenerateContentConfig(temperature=0.0, max_output_tokens=8)
    resp = client.models.generate_content(model="gemini-2.0-flash", contents=f"Question: {question}\n\nEssay:\n{essay}", config=cfg)
    m = re.search(r"[0-5]", resp.text or "")
    return int(m.group()) if m else None


rows = list(csv.DictReader(open("data/essays.csv")))
grades = [grade(r["question"], r["essay"]) for r in rows]
valid = [g for g in grades if g is not None]
print(f"mean grade {sum(valid) / len(valid):.2f} ({len(grades) - len(valid)} ungraded)")
''',
        "rubric.md": "5: complete and correct; 3: partly correct; 0: off topic.\n",
    },
    labels=[dict(file="essay/grade_gemini.py", find="SYSTEM = f\"You are a strict examiner.", end_find="cfg = types.GenerateContentConfig(",
                 category="PROMPT-UNFILLED", why="the system instruction with the rubric is built and never passed to the model")],
)
SPECS.append(P1)
SPECS.append(twin(P1, "prompt-genai-system-instruction-passed-clean",
    "Clean twin: the system instruction is passed in the GenerateContentConfig.",
    {"essay/grade_gemini.py": [("cfg = types.GenerateContentConfig(temperature=0.0, max_output_tokens=8)",
                                "cfg = types.GenerateContentConfig(system_instruction=SYSTEM, temperature=0.0, max_output_tokens=8)")]}))

# P2 Cohere persona survey: the system message is a plain string with {persona}
P2 = dict(
    id="prompt-cohere-persona-braces-not-fstring",
    style="llm-eval",
    description="A persona-conditioned opinion survey with Cohere's ClientV2: each persona answers the same Likert questions and the spread across personas is reported. The system message is a plain string 'You are {persona}. ...' (the f was lost), so every 'persona' receives the literal braces and the spread measures noise.",
    files={
        "survey/run_personas.py": r'''
import json
import re

import cohere

co = cohere.ClientV2()
PERSONAS = [l.strip() for l in open("data/personas.txt") if l.strip()]
QUESTIONS = [json.loads(l) for l in open("data/likert_questions.jsonl")]

answers = {}
for persona in PERSONAS:
    scores = []
    for q in QUESTIONS:
        res = co.chat(
            model="command-r-plus-08-2024",
            messages=[
                {"role": "system", "content": "You are {persona}. Answer every survey question in character, with a single number from 1 (strongly disagree) to 5 (strongly agree)."},
                {"role": "user", "content": q["text"]},
            ],
            temperature=0.0,
        )
        m = re.search(r"[1-5]", res.message.content[0].text)
        scores.append(int(m.group()) if m else None)
    answers[persona] = scores

json.dump(answers, open("results/persona_answers.json", "w"), indent=1)
''',
    },
    labels=[dict(file="survey/run_personas.py", find='{"role": "system", "content": "You are {persona}.', category="PROMPT-FSTRING",
                 why="the system message lacks the f prefix, so '{persona}' reaches the model literally")],
)
SPECS.append(P2)
SPECS.append(twin(P2, "prompt-cohere-persona-fstring-clean",
    "Clean twin: the system message is an f-string.",
    {"survey/run_personas.py": [('{"role": "system", "content": "You are {persona}.', '{"role": "system", "content": f"You are {persona}.')]}))

# P3 lm-evaluation-harness task YAML with single braces (lm-eval renders Jinja: {{ }})
P3 = dict(
    id="prompt-lm-eval-yaml-single-brace-field",
    style="llm-eval",
    description="A custom lm-evaluation-harness task for clinical triage notes. `doc_to_text` is written `Patient note: {note}`, with single braces; lm-eval renders these strings as Jinja templates, where a field is `{{note}}`, so every prompt contains the literal text '{note}' and no patient note.",
    files={
        "tasks/clinic_triage/clinic_triage.yaml": r'''
task: clinic_triage
dataset_path: json
dataset_kwargs:
  data_files:
    test: data/triage_test.jsonl
test_split: test
output_type: generate_until
doc_to_text: "Patient note: {note}\nTriage level (1 = resuscitation ... 5 = non-urgent):"
doc_to_target: "{{level}}"
generation_kwargs:
  until: ["\n"]
  max_gen_toks: 4
  do_sample: false
metric_list:
  - metric: exact_match
    aggregation: mean
    higher_is_better: true
''',
        "run_eval.py": r'''
import json

import lm_eval
from lm_eval.tasks import TaskManager

results = lm_eval.simple_evaluate(
    model="hf",
    model_args="pretrained=meta-llama/Llama-3.1-8B-Instruct,dtype=bfloat16",
    tasks=["clinic_triage"],
    task_manager=TaskManager(include_path="tasks"),
    batch_size=8,
)
json.dump(results["results"], open("results/clinic_triage.json", "w"), indent=2)
print(results["results"]["clinic_triage"])
''',
    },
    labels=[dict(file="tasks/clinic_triage/clinic_triage.yaml", find='doc_to_text: "Patient note: {note}', category="PROMPT-FSTRING",
                 why="single braces in an lm-eval (Jinja) template are not a field; the note never reaches the model")],
)
SPECS.append(P3)
SPECS.append(twin(P3, "prompt-lm-eval-yaml-jinja-field-clean",
    "Clean twin: the field is written {{note}}.",
    {"tasks/clinic_triage/clinic_triage.yaml": [('doc_to_text: "Patient note: {note}', 'doc_to_text: "Patient note: {{note}}')]}))

# P4 Jinja2 template file: the code renders a variable name the template does not use
P4 = dict(
    id="prompt-jinja-render-wrong-variable-name",
    style="llm-eval",
    description="Summarisation prompts are kept in Jinja2 files. `prompts/summarize.j2` uses `{{ document }}`, but the code renders it with `article=...`; Jinja2's default Undefined renders the missing variable as an empty string, so the model is asked to summarise nothing and the ROUGE scores measure hallucinated summaries.",
    files={
        "prompts/summarize.j2": r'''
Summarize the following news article in at most {{ max_words }} words.

Article:
{{ document }}

Summary:
''',
        "summ/run.py": r'''
import json

import evaluate
from jinja2 import Environment, FileSystemLoader
from openai import OpenAI

env = Environment(loader=FileSystemLoader("prompts"))
template = env.get_template("summarize.j2")
client = OpenAI()
rouge = evaluate.load("rouge")

rows = [json.loads(l) for l in open("data/xsum_sample.jsonl")]
preds = []
for row in rows:
    prompt = template.render(article=row["document"], max_words=40)
    out = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}], temperature=0)
    preds.append(out.choices[0].message.content)
print(rouge.compute(predictions=preds, references=[r["summary"] for r in rows]))
''',
    },
    labels=[dict(file="summ/run.py", find='prompt = template.render(article=row["document"], max_words=40)', category="PROMPT-UNFILLED",
                 why="the template's {{ document }} is never supplied (the code passes article=) and renders empty")],
    also_ok=[dict(file="prompts/summarize.j2", find="{{ document }}", category="PROMPT-UNFILLED")],
)
SPECS.append(P4)
SPECS.append(twin(P4, "prompt-jinja-render-matching-variable-clean",
    "Clean twin: the code renders the template with document=..., the name the template uses.",
    {"summ/run.py": [('prompt = template.render(article=row["document"], max_words=40)', 'prompt = template.render(document=row["document"], max_words=40)')]}))

# P5 string.Template.safe_substitute leaves $context in the prompt
P5 = dict(
    id="prompt-string-template-safe-substitute-leaves-field",
    style="llm-eval",
    description="A retrieval-augmented QA run with vLLM's offline `LLM.chat`. The prompt is a `string.Template` with `$context` and `$question`; `safe_substitute` is called with the question only (the retrieved passages are joined into `passages` and never passed), and safe_substitute leaves `$context` in place without raising, so the 'RAG' numbers are closed-book numbers.",
    files={
        "rag/answer.py": r'''
import json
from string import Template

from vllm import LLM, SamplingParams

from rag.retrieve import top_k

PROMPT = Template("Answer the question using the context.\n\nContext:\n$context\n\nQuestion: $question\nAnswer:")

llm = LLM(model="meta-llama/Llama-3.1-8B-Instruct", seed=0)
params = SamplingParams(temperature=0.0, max_tokens=64)

questions = [json.loads(l) for l in open("data/nq_open_dev.jsonl")]
conversations = []
for q in questions:
    passages = "\n\n".join(p["text"] for p in top_k(q["question"], k=5))
    conversations.append([{"role": "user", "content": PROMPT.safe_substitute(question=q["question"])}])

outputs = llm.chat(conversations, params)
em = sum(any(a.lower() in o.outputs[0].text.lower() for a in q["answers"]) for q, o in zip(questions, outputs)) / len(questions)
print(f"EM (contains) {em:.3f}")
''',
        "rag/retrieve.py": r'''
import bm25s

_retriever = bm25s.BM25.load("index/wiki_bm25", load_corpus=True)


def top_k(query, k=5):
    docs, _ = _retriever.retrieve(bm25s.tokenize([query]), k=k)
    return list(docs[0])
''',
    },
    labels=[dict(file="rag/answer.py", find='PROMPT = Template(', end_find='PROMPT.safe_substitute(question=q["question"])', category="PROMPT-UNFILLED",
                 why="safe_substitute leaves $context unfilled; the retrieved passages are never put in the prompt")],
)
SPECS.append(P5)
