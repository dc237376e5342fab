SPECS = []

# P1 braces without f inside a method's list of messages
SPECS.append(dict(
    id="prompt-method-messages-no-fprefix",
    style="llm-eval",
    description="Domain-expert QA runner class. The user message inside the method's message list is a plain string with {domain} and {question}; the f prefix is missing, so the model receives the literal braces for every item.",
    files={
        "expert_qa/runner.py": '''
            import json
            from dataclasses import dataclass

            from openai import OpenAI


            @dataclass
            class RunConfig:
                model: str = "gpt-4o-2024-08-06"
                temperature: float = 0.0
                out_path: str = "results/expert_qa.jsonl"


            class ExpertQARunner:
                def __init__(self, cfg: RunConfig):
                    self.cfg = cfg
                    self.client = OpenAI()

                def build_messages(self, domain: str, question: str):
                    return [
                        {"role": "system", "content": "You answer concisely and cite no sources."},
                        {"role": "user", "content": "You are an expert in {domain}. Answer the question below.\\n\\n{question}"},
                    ]

                def ask(self, item):
                    resp = self.client.chat.completions.create(
                        model=self.cfg.model,
                        temperature=self.cfg.temperature,
                        messages=self.build_messages(item["domain"], item["question"]),
                    )
                    return resp.choices[0].message.content

                def run(self, items):
                    with open(self.cfg.out_path, "w") as fh:
                        for item in items:
                            fh.write(json.dumps({**item, "answer": self.ask(item), "model": self.cfg.model}) + "\\n")
        ''',
        "expert_qa/__init__.py": "",
        "main.py": '''
            import json

            from expert_qa.runner import ExpertQARunner, RunConfig

            items = [json.loads(l) for l in open("data/expert_questions.jsonl")]
            ExpertQARunner(RunConfig()).run(items)
        ''',
    },
    labels=[dict(file="expert_qa/runner.py", find='"You are an expert in {domain}', category="PROMPT-FSTRING",
                 why="{domain} and {question} sit in a plain string; the f prefix is missing")],
))

# P1 twin: f-string in method
SPECS.append(dict(
    id="prompt-method-messages-fstring-clean",
    style="llm-eval",
    description="Clean twin: the same runner with an f-string user message and a JSON example that escapes its braces.",
    files={
        "expert_qa/runner.py": '''
            import json
            from dataclasses import dataclass

            from openai import OpenAI


            @dataclass
            class RunConfig:
                model: str = "gpt-4o-2024-08-06"
                temperature: float = 0.0
                out_path: str = "results/expert_qa.jsonl"


            class ExpertQARunner:
                def __init__(self, cfg: RunConfig):
                    self.cfg = cfg
                    self.client = OpenAI()

                def build_messages(self, domain: str, question: str):
                    return [
                        {"role": "system", "content": 'Reply as JSON like {"answer": "..."} and nothing else.'},
                        {"role": "user", "content": f"You are an expert in {domain}. Answer the question below.\\n\\n{question}\\n\\nFormat: {{\\"answer\\": ...}}"},
                    ]

                def ask(self, item):
                    resp = self.client.chat.completions.create(
                        model=self.cfg.model,
                        temperature=self.cfg.temperature,
                        messages=self.build_messages(item["domain"], item["question"]),
                    )
                    return resp.choices[0].message.content

                def run(self, items):
                    with open(self.cfg.out_path, "w") as fh:
                        for item in items:
                            fh.write(json.dumps({**item, "answer": self.ask(item), "model": self.cfg.model}) + "\\n")
        ''',
        "expert_qa/__init__.py": "",
        "main.py": '''
            import json

            from expert_qa.runner import ExpertQARunner, RunConfig

            items = [json.loads(l) for l in open("data/expert_questions.jsonl")]
            ExpertQARunner(RunConfig()).run(items)
        ''',
    },
))

# P2 persona system prompt built with .format and never passed (Anthropic)
SPECS.append(dict(
    id="prompt-persona-system-never-passed",
    style="llm-eval",
    description="Persona-steering experiment: a persona system prompt is built with .format for each persona, but messages.create is called without system=, so every 'persona' condition is the default assistant.",
    files={
        "persona_eval.py": '''
            import json

            import anthropic

            PERSONA_TMPL = "You are {name}, a {age}-year-old {job}. Stay in character and answer as {name} would."
            PERSONAS = [
                {"name": "Ada", "age": 34, "job": "nurse"},
                {"name": "Bo", "age": 61, "job": "farmer"},
            ]

            client = anthropic.Anthropic()
            questions = [json.loads(l)["q"] for l in open("data/opinion_questions.jsonl")]

            records = []
            for persona in PERSONAS:
                system_prompt = PERSONA_TMPL.format(**persona)
                for q in questions:
                    msg = client.messages.create(
                        model="claude-3-haiku-20240307",
                        max_tokens=200,
                        temperature=0,
                        messages=[{"role": "user", "content": q}],
                    )
                    records.append({"persona": persona["name"], "q": q, "answer": msg.content[0].text})

            with open("results/persona_answers.jsonl", "w") as fh:
                for r in records:
                    fh.write(json.dumps(r) + "\\n")
        ''',
    },
    labels=[dict(file="persona_eval.py", find="system_prompt = PERSONA_TMPL.format", category="PROMPT-UNFILLED",
                 why="the persona system prompt is built but never passed to messages.create (no system=)")],
))

# P2 twin: passed
SPECS.append(dict(
    id="prompt-persona-system-passed-clean",
    style="llm-eval",
    description="Clean twin: the persona system prompt is passed as system= to messages.create.",
    files={
        "persona_eval.py": '''
            import json

            import anthropic

            PERSONA_TMPL = "You are {name}, a {age}-year-old {job}. Stay in character and answer as {name} would."
            PERSONAS = [
                {"name": "Ada", "age": 34, "job": "nurse"},
                {"name": "Bo", "age": 61, "job": "farmer"},
            ]

            client = anthropic.Anthropic()
            questions = [json.loads(l)["q"] for l in open("data/opinion_questions.jsonl")]

            records = []
            for persona in PERSONAS:
                system_prompt = PERSONA_TMPL.format(**persona)
                for q in questions:
                    msg = client.messages.create(
                        model="claude-3-haiku-20240307",
                        max_tokens=200,
                        temperature=0,
                        system=system_prompt,
                        messages=[{"role": "user", "content": q}],
                    )
                    records.append({"persona": persona["name"], "q": q, "answer": msg.content[0].text})

            with open("results/persona_answers.jsonl", "w") as fh:
                for r in records:
                    fh.write(json.dumps(r) + "\\n")
        ''',
    },
))

# P3 template filled with .replace for some fields, another stays (template in a text file too? keep in module)
SPECS.append(dict(
    id="prompt-replace-leaves-field",
    style="llm-eval",
    description="Summarisation faithfulness judge. The judge template is filled with chained str.replace for {source} and {summary}; the {criteria} field is never replaced, so the judge sees the literal '{criteria}' and grades with no rubric.",
    files={
        "faithfulness/prompts.py": '''
            JUDGE_TEMPLATE = """You are grading a summary for faithfulness.

            Criteria:
            {criteria}

            Source document:
            {source}

            Summary:
            {summary}

            Answer FAITHFUL or UNFAITHFUL."""

            CRITERIA = "- every claim in the summary is supported by the source\\n- no numbers are changed"
        ''',
        "faithfulness/judge.py": '''
            from openai import OpenAI

            from faithfulness.prompts import JUDGE_TEMPLATE

            client = OpenAI()


            def judge(source: str, summary: str) -> bool:
                prompt = JUDGE_TEMPLATE.replace("{source}", source).replace("{summary}", summary)
                out = client.chat.completions.create(
                    model="gpt-4o", temperature=0, messages=[{"role": "user", "content": prompt}]
                )
                return out.choices[0].message.content.strip().upper().startswith("FAITHFUL")
        ''',
        "faithfulness/__init__.py": "",
        "run_judge.py": '''
            import json

            from faithfulness.judge import judge

            rows = [json.loads(l) for l in open("data/xsum_summaries.jsonl")]
            rate = sum(judge(r["document"], r["summary"]) for r in rows) / len(rows)
            print(f"faithful: {rate:.3f} of {len(rows)}")
        ''',
    },
    labels=[dict(file="faithfulness/prompts.py", find='JUDGE_TEMPLATE = """', end_find="{criteria}", category="PROMPT-UNFILLED",
                 why="{criteria} is never replaced; the judge receives the literal placeholder (anchored at the template's definition)")],
    also_ok=[dict(file="faithfulness/judge.py", find='prompt = JUDGE_TEMPLATE.replace(', category="PROMPT-UNFILLED", why="the partial fill")],
))

# P4 concatenation: second part without f prefix
SPECS.append(dict(
    id="prompt-concat-second-part-plain",
    style="llm-eval",
    description="Topic classification with a local HF pipeline. The prompt is built by concatenating an f-string with a plain string; the plain part holds {labels}, so the label list never reaches the model.",
    files={
        "classify_topics.py": '''
            import json

            import pandas as pd
            from transformers import pipeline

            LABELS = ["politics", "sports", "science", "business"]
            gen = pipeline("text-generation", model="mistralai/Mistral-7B-Instruct-v0.3", device_map="auto")

            df = pd.read_csv("data/headlines.csv")
            preds = []
            for headline in df["headline"]:
                prompt = (
                    f"Headline: {headline}\\n"
                    + "Classify the headline into exactly one of: {labels}.\\n"
                    + "Topic:"
                )
                out = gen(prompt, max_new_tokens=5, do_sample=False, return_full_text=False)[0]["generated_text"]
                preds.append(out.strip().split()[0].lower() if out.strip() else "none")
            df["pred"] = preds
            acc = (df["pred"] == df["topic"]).mean()
            json.dump({"model": "Mistral-7B-Instruct-v0.3", "acc": acc, "n": len(df)}, open("results/topics.json", "w"))
        ''',
    },
    labels=[dict(file="classify_topics.py", find='+ "Classify the headline into exactly one of: {labels}', category="PROMPT-FSTRING",
                 why="this piece of the concatenation has no f prefix; {labels} reaches the model literally")],
    also_ok=[dict(file="classify_topics.py", find='else "none"', category="DATA-DEFAULT", why="empty output becomes none")],
))

# P4 twin: template formatted in another function with **kwargs
SPECS.append(dict(
    id="prompt-template-formatted-elsewhere-clean",
    style="llm-eval",
    description="Clean twin: the template with {headline} and {labels} is a module constant filled by .format in a helper function in another module.",
    files={
        "topics/prompting.py": '''
            TOPIC_PROMPT = (
                "Headline: {headline}\\n"
                "Classify the headline into exactly one of: {labels}.\\n"
                "Topic:"
            )


            def render(template, **fields):
                return template.format(**fields)
        ''',
        "topics/__init__.py": "",
        "classify_topics.py": '''
            import json

            import pandas as pd
            from transformers import pipeline

            from topics.prompting import TOPIC_PROMPT, render

            LABELS = ["politics", "sports", "science", "business"]
            gen = pipeline("text-generation", model="mistralai/Mistral-7B-Instruct-v0.3", device_map="auto")

            df = pd.read_csv("data/headlines.csv")
            preds = []
            for headline in df["headline"]:
                prompt = render(TOPIC_PROMPT, headline=headline, labels=", ".join(LABELS))
                out = gen(prompt, max_new_tokens=5, do_sample=False, return_full_text=False)[0]["generated_text"]
                preds.append(out.strip().lower())
            df["pred"] = preds
            n_invalid = int((~df["pred"].isin(LABELS)).sum())
            acc = (df["pred"] == df["topic"]).mean()
            json.dump({"model": "Mistral-7B-Instruct-v0.3", "acc": acc, "n": len(df), "invalid": n_invalid},
                      open("results/topics.json", "w"))
        ''',
    },
))

# P5 notebook: template concatenated rather than formatted
SPECS.append(dict(
    id="prompt-notebook-template-concatenated",
    style="notebook",
    description="Notebook reward-model comparison. Cell 1 defines a rating template with {query} and {response}; a later cell builds the prompt by concatenating the template with the response instead of formatting it, so both placeholders reach the judge literally.",
    files={
        "rate_responses.ipynb": ("nb", [
            ("markdown", "# Rate responses of the two SFT checkpoints with a judge"),
            ("code", '''
                import json
                import pandas as pd
                from openai import OpenAI

                client = OpenAI()
                RATE_PROMPT = "Rate from 1 to 10 how helpful the response is to the query.\\nQuery: {query}\\nResponse: {response}\\nRating:"
            '''),
            ("code", '''
                df = pd.read_json("generations/sft_a_vs_b.jsonl", lines=True)
                df.head()
            '''),
            ("code", '''
                def rate(row):
                    prompt = RATE_PROMPT + "\\n\\n" + row["response"]
                    out = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                                         messages=[{"role": "user", "content": prompt}])
                    return out.choices[0].message.content.strip()

                df["rating"] = df.apply(rate, axis=1)
            '''),
            ("code", '''
                df["rating_num"] = pd.to_numeric(df["rating"].str.extract(r"(\\d+)")[0])
                df.groupby("checkpoint")["rating_num"].describe()
            '''),
        ]),
    },
    labels=[dict(file="rate_responses.ipynb", find='RATE_PROMPT = "Rate from 1', category="PROMPT-FSTRING",
                 why="the template's {query} and {response} are never filled; it is concatenated with the response")],
    also_ok=[dict(file="rate_responses.ipynb", find='prompt = RATE_PROMPT + ', category="PROMPT-UNFILLED", why="the splice")],
))
