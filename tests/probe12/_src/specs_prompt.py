SPECS = []

# P1 module-level config dict with a {domain} template never formatted
SPECS.append(dict(
    id="prompt-config-dict-system-template-unformatted",
    style="llm-eval",
    description="Experiment settings live in a module-level CONFIG dict, including a system prompt 'You are an expert in {domain}...'. The runner passes `CONFIG['system_prompt']` straight into the messages, so the model is literally told it is an expert in '{domain}'.",
    files={
        "config.py": '''
            CONFIG = {
                "model": "gpt-4o-2024-08-06",
                "temperature": 0.0,
                "max_tokens": 512,
                "domain": "clinical pharmacology",
                "system_prompt": "You are an expert in {domain}. Answer concisely and cite the mechanism.",
                "data": "data/pharm_qa.jsonl",
            }
        ''',
        "run_eval.py": '''
            import json

            from openai import OpenAI

            from config import CONFIG

            client = OpenAI()


            def ask(question):
                r = client.chat.completions.create(
                    model=CONFIG["model"],
                    temperature=CONFIG["temperature"],
                    max_tokens=CONFIG["max_tokens"],
                    messages=[
                        {"role": "system", "content": CONFIG["system_prompt"]},
                        {"role": "user", "content": question},
                    ],
                )
                return r.choices[0].message.content


            if __name__ == "__main__":
                rows = [json.loads(l) for l in open(CONFIG["data"])]
                out = [{"id": r["id"], "answer": ask(r["question"])} for r in rows]
                with open("outputs/answers.jsonl", "w") as fh:
                    for o in out:
                        fh.write(json.dumps(o) + "\\n")
        ''',
    },
    labels=[dict(file="config.py", find='"system_prompt": "You are an expert in {domain}',
                 category="PROMPT-FSTRING", why="the {domain} placeholder is never filled; the literal braces reach the model")],
    also_ok=[dict(file="run_eval.py", find='{"role": "system", "content": CONFIG["system_prompt"]}', category="PROMPT-FSTRING", why="where the unfilled template is sent")],
))

# P1c clean twin: formatted with the domain
SPECS.append(dict(
    id="prompt-config-dict-system-template-formatted-clean",
    style="llm-eval",
    description="Clean twin: the runner fills the system prompt with the configured domain before sending it.",
    files={
        "config.py": '''
            CONFIG = {
                "model": "gpt-4o-2024-08-06",
                "temperature": 0.0,
                "max_tokens": 512,
                "domain": "clinical pharmacology",
                "system_prompt": "You are an expert in {domain}. Answer concisely and cite the mechanism.",
                "data": "data/pharm_qa.jsonl",
            }
        ''',
        "run_eval.py": '''
            import json

            from openai import OpenAI

            from config import CONFIG

            client = OpenAI()
            SYSTEM = CONFIG["system_prompt"].format(domain=CONFIG["domain"])


            def ask(question):
                r = client.chat.completions.create(
                    model=CONFIG["model"],
                    temperature=CONFIG["temperature"],
                    max_tokens=CONFIG["max_tokens"],
                    messages=[
                        {"role": "system", "content": SYSTEM},
                        {"role": "user", "content": question},
                    ],
                )
                return r.choices[0].message.content


            if __name__ == "__main__":
                rows = [json.loads(l) for l in open(CONFIG["data"])]
                out = [{"id": r["id"], "answer": ask(r["question"])} for r in rows]
                with open("outputs/answers.jsonl", "w") as fh:
                    for o in out:
                        fh.write(json.dumps(o) + "\\n")
        ''',
    },
    labels=[],
))

# P2 harness-style task class: doc_to_text returns a brace template without f
SPECS.append(dict(
    id="prompt-harness-doc-to-text-missing-f",
    style="llm-eval",
    description="A task class in lm-evaluation-harness style. `doc_to_text` returns 'Passage: {passage}\\nQuestion: {question}?\\nAnswer:' without the f prefix, so every request is the same literal template and the model never sees the passage or the question.",
    files={
        "tasks/boolq_custom.py": '''
            from lm_eval.api.task import ConfigurableTask


            class BoolQCustom(ConfigurableTask):
                VERSION = 1
                DATASET_PATH = "super_glue"
                DATASET_NAME = "boolq"

                def has_training_docs(self):
                    return True

                def has_validation_docs(self):
                    return True

                def training_docs(self):
                    return self.dataset["train"]

                def validation_docs(self):
                    return self.dataset["validation"]

                def doc_to_text(self, doc):
                    passage, question = doc["passage"], doc["question"]
                    return "Passage: {passage}\\nQuestion: {question}?\\nAnswer:"

                def doc_to_target(self, doc):
                    return " " + ["no", "yes"][doc["label"]]

                def doc_to_choice(self, doc):
                    return ["no", "yes"]
        ''',
    },
    labels=[dict(file="tasks/boolq_custom.py", find='return "Passage: {passage}',
                 category="PROMPT-FSTRING", why="no f prefix: the literal {passage}/{question} reach the model")],
))

# P3 litellm: system prompt built with .format and never passed
SPECS.append(dict(
    id="prompt-litellm-persona-system-built-not-passed",
    style="llm-eval",
    description="A persona-consistency experiment: for each persona a system prompt is built with `.format(...)`, but the `litellm.completion` call only sends the user turn, so every 'persona' condition is the same unconditioned model.",
    files={
        "personas.py": '''
            PERSONA_TMPL = (
                "You are {name}, a {age}-year-old {occupation} from {city}. "
                "Stay in character and answer as this person would."
            )

            PERSONAS = [
                {"name": "Maria", "age": 67, "occupation": "retired nurse", "city": "Porto"},
                {"name": "Dev", "age": 24, "occupation": "software engineer", "city": "Pune"},
                {"name": "Tom", "age": 45, "occupation": "farmer", "city": "Iowa"},
            ]
        ''',
        "survey.py": '''
            import json

            import litellm

            from personas import PERSONA_TMPL, PERSONAS

            MODEL = "claude-3-5-sonnet-20241022"


            def answer(persona, question):
                system = PERSONA_TMPL.format(**persona)
                resp = litellm.completion(
                    model=MODEL,
                    temperature=0,
                    messages=[{"role": "user", "content": question}],
                )
                return resp.choices[0].message.content


            if __name__ == "__main__":
                questions = [json.loads(l)["q"] for l in open("data/survey.jsonl")]
                out = []
                for p in PERSONAS:
                    for q in questions:
                        out.append({"persona": p["name"], "q": q, "a": answer(p, q)})
                json.dump(out, open("outputs/persona_answers.json", "w"), indent=1)
        ''',
    },
    labels=[dict(file="survey.py", find="system = PERSONA_TMPL.format(**persona)",
                 category="PROMPT-UNFILLED", why="the persona system prompt is built and never passed to the completion call")],
))

# P3c clean twin: system passed
SPECS.append(dict(
    id="prompt-litellm-persona-system-passed-clean",
    style="llm-eval",
    description="Clean twin: the persona system prompt is the first message of the call.",
    files={
        "personas.py": '''
            PERSONA_TMPL = (
                "You are {name}, a {age}-year-old {occupation} from {city}. "
                "Stay in character and answer as this person would."
            )

            PERSONAS = [
                {"name": "Maria", "age": 67, "occupation": "retired nurse", "city": "Porto"},
                {"name": "Dev", "age": 24, "occupation": "software engineer", "city": "Pune"},
                {"name": "Tom", "age": 45, "occupation": "farmer", "city": "Iowa"},
            ]
        ''',
        "survey.py": '''
            import json

            import litellm

            from personas import PERSONA_TMPL, PERSONAS

            MODEL = "claude-3-5-sonnet-20241022"


            def answer(persona, question):
                system = PERSONA_TMPL.format(**persona)
                resp = litellm.completion(
                    model=MODEL,
                    temperature=0,
                    messages=[{"role": "system", "content": system}, {"role": "user", "content": question}],
                )
                return resp.choices[0].message.content


            if __name__ == "__main__":
                questions = [json.loads(l)["q"] for l in open("data/survey.jsonl")]
                out = []
                for p in PERSONAS:
                    for q in questions:
                        out.append({"persona": p["name"], "q": q, "a": answer(p, q)})
                json.dump(out, open("outputs/persona_answers.json", "w"), indent=1)
        ''',
    },
    labels=[],
))

# P4 .replace fills two fields; {context} stays
SPECS.append(dict(
    id="prompt-replace-chain-leaves-context-field",
    style="llm-eval",
    description="A RAG evaluation loads its prompt template from a text file and fills it with chained `.replace('{question}', ...)`; the template also has a `{context}` field that no replace fills, so the retrieved passages never reach the model (which sees the literal '{context}').",
    files={
        "prompts/rag_answer.txt": '''
            Use the context below to answer the question. If the answer is not in the context, say "unknown".

            Context:
            {context}

            Question: {question}
            Answer:
        ''',
        "rag_eval.py": '''
            import json
            from pathlib import Path

            from openai import OpenAI

            from retriever import top_k

            client = OpenAI()
            TEMPLATE = Path("prompts/rag_answer.txt").read_text()


            def answer(question):
                passages = top_k(question, k=5)
                ctx = "\\n\\n".join(p["text"] for p in passages)
                prompt = TEMPLATE.replace("{question}", question)
                r = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                                   messages=[{"role": "user", "content": prompt}])
                return r.choices[0].message.content.strip()


            if __name__ == "__main__":
                qa = [json.loads(l) for l in open("data/nq_dev.jsonl")]
                em = sum(answer(x["question"]).lower() == x["answer"].lower() for x in qa) / len(qa)
                print(f"EM {em:.3f}")
        ''',
        "retriever.py": '''
            import json

            import numpy as np

            from embed import embed

            DOCS = [json.loads(l) for l in open("data/passages.jsonl")]
            MATRIX = np.load("data/passages.npy")


            def top_k(query, k=5):
                q = embed(query)
                idx = np.argsort(-(MATRIX @ q))[:k]
                return [DOCS[i] for i in idx]
        ''',
        "embed.py": '''
            from sentence_transformers import SentenceTransformer

            _m = SentenceTransformer("all-MiniLM-L6-v2")


            def embed(text):
                return _m.encode(text, normalize_embeddings=True)
        ''',
    },
    labels=[dict(file="rag_eval.py", find='prompt = TEMPLATE.replace("{question}", question)',
                 category="PROMPT-UNFILLED", why="{context} is never replaced: the retrieved passages (ctx) are computed and never reach the prompt")],
))

# P5 format_map with defaultdict(str) silently blanks a field
SPECS.append(dict(
    id="prompt-format-map-defaultdict-blanks-field",
    style="llm-eval",
    description="A judge template is filled with `format_map(defaultdict(str, ...))` so missing keys do not raise. The caller passes `question` and `response` but the template's reference field is `{reference_answer}` and the caller names it `reference`, so the judge sees an empty reference for every item.",
    files={
        "judge_prompt.py": '''
            JUDGE_TEMPLATE = """You are grading an answer against a reference.

            Question: {question}
            Reference answer: {reference_answer}
            Candidate answer: {response}

            Reply CORRECT or INCORRECT."""
        ''',
        "grade.py": '''
            import json
            from collections import defaultdict

            from anthropic import Anthropic

            from judge_prompt import JUDGE_TEMPLATE

            client = Anthropic()


            def grade(item, response):
                prompt = JUDGE_TEMPLATE.format_map(
                    defaultdict(str, question=item["question"], reference=item["answer"], response=response)
                )
                msg = client.messages.create(model="claude-3-5-haiku-20241022", max_tokens=5, temperature=0,
                                             messages=[{"role": "user", "content": prompt}])
                return msg.content[0].text.strip().upper().startswith("CORRECT")


            if __name__ == "__main__":
                rows = [json.loads(l) for l in open("outputs/responses.jsonl")]
                acc = sum(grade(r["item"], r["response"]) for r in rows) / len(rows)
                print(f"judge accuracy {acc:.3f}")
        ''',
    },
    labels=[dict(file="grade.py", find="prompt = JUDGE_TEMPLATE.format_map(", end_find="defaultdict(str, question=",
                 category="PROMPT-UNFILLED", why="{reference_answer} is filled by the defaultdict with an empty string: the reference is passed under another key")],
))

# P6 percent notebook: f-string missing inside a list of messages in a later cell
SPECS.append(dict(
    id="prompt-percent-notebook-messages-missing-f",
    style="notebook",
    description="A percent-format notebook builds chat messages for a translation eval. The user turn is 'Translate into {target_lang}:\\n\\n{src}' in a list of dicts without an f prefix, so the model receives the braces literally.",
    files={
        "translate_eval.py": '''
            # %%
            import json

            import sacrebleu
            from openai import OpenAI

            client = OpenAI()
            target_lang = "German"
            pairs = [json.loads(l) for l in open("data/wmt_en_de_500.jsonl")]

            # %%
            def translate(src):
                messages = [
                    {"role": "system", "content": "You are a professional translator."},
                    {"role": "user", "content": "Translate into {target_lang}:\\n\\n{src}"},
                ]
                r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, messages=messages)
                return r.choices[0].message.content.strip()

            # %%
            hyps = [translate(p["en"]) for p in pairs]
            refs = [p["de"] for p in pairs]
            print(sacrebleu.corpus_bleu(hyps, [refs]).score)
        ''',
    },
    labels=[dict(file="translate_eval.py", find='"Translate into {target_lang}',
                 category="PROMPT-FSTRING", why="missing f prefix in the user message: {target_lang} and {src} reach the model literally")],
))
