"""PROMPT002: a template constant with `{placeholders}` is sent to a model as it is, here or in another file."""
from __future__ import annotations

import json
import posixpath
import re
from pathlib import PurePosixPath
from typing import Any

import libcst as cst

from hygiene.analysis.apis.llm import model_call_here
from hygiene.analysis.configfiles import CONFIG_ROOTS, config_file, yaml_value
from hygiene.analysis.names import dotted
from hygiene.context import FileContext, RepoContext
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.analysis.strings import TemplateLiteral, field_root, file_read_path, percent_keeps_braces, string_value, template_fields, text_literal
from hygiene.analysis.textflow import ESCAPES, FORMAT_METHODS, FORMATTED, RETURNED, SENT, TextFlow, replace_chain

SENT_AS_IS = "but is sent to the model unfilled"
HAS = "has the field(s)"
CARRIES = "every request carries the template itself"
TEMPLATE_NAME = re.compile(r"(?i)(template|tmpl|tpl|fmt|format)")
_DOLLAR_FIELD = re.compile(r"\$(?:([_a-zA-Z][_a-zA-Z0-9]*)|\{([_a-zA-Z][_a-zA-Z0-9]*)\})")  # string.Template's fields
_IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)+")  # `{target_model}`: a variable's name, meant to be filled


class TemplateSentUnfilled(Rule):
    """
    ## What it does
    Finds module-level template constants (`USER_TEMPLATE = "Request: {request}"`), and templates
    in class bodies or dataclass field defaults read as `self.SYSTEM` / `cfg.system_prompt` (in
    their own file, or in another file through an instance of the imported class, `cfg: JudgeConfig`,
    when a field names a variable such as `{topic_area}` or the sending file names it), that
    are sent to a model as they are, or after a `.replace("{field}", ...)` chain (one expression, or
    `text = T.replace(...)` then `text = text.replace(...)`; also on a template read from the run's YAML
    config, `cfg.prompt.template.replace(...)` with `@hydra.main` / `OmegaConf.load`, or such a template
    joined to the item with `+` and never filled) that leaves a field: as a message's content, a `prompt=` / `system=` argument, or an
    argument of a function of the same file that sends it. The constant may be defined in another
    file (`from prompts import USER_TEMPLATE`). Constants that are only filled (`.format`, `%`,
    `.replace`, a template library) are the normal case and are left alone. A template sent by its
    own file is reported once, at its definition (the cause, whatever splices it later); one
    imported from another file is reported where it is sent, naming the definition of the
    importing file's folder when two folders define the same name. Also a module-level text with
    no field at all that is filled with `.format(question=..., report=...)`: `str.format` drops
    the values silently, so the model never sees them (reported at the text). A template read
    from a text file (`JUDGE = Path("prompts/judge.txt").read_text()`) has the fields of that
    file, and one read from an entry of a YAML or JSON file (`yaml.safe_load(fh)["template"]` with `fh`
    of `with open("prompts/sql.yaml")`) the fields of that entry; a `.replace` chain that leaves one of them, sent directly or through a builder whose
    callers send what it returns, is reported at the chain (the file itself is not wrong). A
    `string.Template` (`$question`) filled by `safe_substitute` with some of its fields, here or in
    another file, is reported at the template: safe_substitute leaves the others in the text.
    An entry of a module-level settings dict (`CONFIG = {"system_prompt": "... {domain} ..."}`) sent
    from another file as `CONFIG["system_prompt"]` is reported at the entry. A template filled with
    `format_map(defaultdict(str, ...))` that is given no value for one of its fields (passed under
    another name; or a row of a data file the code reads, `defaultdict(str, row)`, whose keys do not include it) is
    reported at that fill: the defaultdict puts an empty string there instead of raising.
    A jinja2 template (`env.get_template("summarize.j2")` with a `FileSystemLoader` folder, or
    `Template(open(path).read())`) rendered with keyword arguments that leave out a variable it reads
    (`{{ document }}` rendered with `article=`) is reported at the render, unless the file makes
    undefined variables raise (`StrictUndefined`): jinja2 renders a missing variable as empty text.
    A template file loaded by name (`load_prompt_file(prompt_path("judge.prompt"))`,
    a `.prompt`, `.j2`, `.hbs` or `.mustache` file next to the code or in a `prompts` / `templates` folder
    of one of its parent folders) and rendered with a dict none of whose keys is a field of the file
    (`render_text(prompt_function, {"input": q, "output": a})` for `{{question}}` and `{{answer}}`) is
    reported at the render: every field renders empty (a helper such as `{{role "system"}}` is not a field).

    ## Why is this bad?
    Every request carries the template itself, braces and all, instead of the item: the model
    answers the same meaningless prompt for every row, and the scores describe that prompt.

    ## Example
        # prompts.py
        USER_TEMPLATE = "Here is a request: {request}"
        # run.py
        client.messages.create(model=MODEL, messages=[{"role": "user", "content": USER_TEMPLATE}])

    Use instead:
        content = USER_TEMPLATE.format(request=item["request"])
        client.messages.create(model=MODEL, messages=[{"role": "user", "content": content}])
    """

    code = "PROMPT002"
    category = "PROMPT-UNFILLED"
    severity = Severity.ERROR
    message = "`{name}` {has} {placeholders} {how} ({where_word} {defined}){via}: {consequence}"
    question = "Which {placeholders} did the model see at {where}? Print one request as sent."
    triggers = ("{", "import", "\"\"\"", "PROMPT", "prompt")
    examples = [
        invalid({
            "persona_prompts.py": """
                import json
                from collections import defaultdict
                TEMPLATE = "You are {persona_description}. Stay in character.\\n\\nUser: {message}\\nYou:"

                def build(row):
                    return TEMPLATE.format_map(defaultdict(str, row))  # expect: PROMPT002

                rows = [json.loads(l) for l in open("data/persona_rows.jsonl")]
                replies = [client.chat.complete(model=MODEL, messages=[{"role": "user", "content": build(r)}]) for r in rows]
            """,
            "data/persona_rows.jsonl": "".join('{"id": %d, "persona": "a cautious doctor", "message": "Should I take %d pills?"}\n' % (i, i) for i in range(8)),
        }, note="probe 24: the rows of the data file the code reads have no `persona_description`; the defaultdict "
                "fills it with an empty string"),
        valid({
            "persona_prompts.py": """
                import json
                from collections import defaultdict
                TEMPLATE = "You are {persona}. Stay in character.\\n\\nUser: {message}\\nYou:"

                def build(row):
                    return TEMPLATE.format_map(defaultdict(str, row))

                rows = [json.loads(l) for l in open("data/persona_rows.jsonl")]
                replies = [client.chat.complete(model=MODEL, messages=[{"role": "user", "content": build(r)}]) for r in rows]
            """,
            "data/persona_rows.jsonl": "".join('{"id": %d, "persona": "a cautious doctor", "message": "Should I take %d pills?"}\n' % (i, i) for i in range(8)),
        }, note="near miss: the template names the rows' keys"),
        invalid("""
            import torch
            from transformers import AutoModelForCausalLM, AutoTokenizer

            TEMPLATE = "{question}\\n{choices}\\nAnswer with the letter of the correct option.\\nAnswer:"  # expect: PROMPT002
            tok = AutoTokenizer.from_pretrained("checkpoints/rmu")
            model = AutoModelForCausalLM.from_pretrained("checkpoints/rmu").eval()

            def predict(item):
                prompt = TEMPLATE.replace("{question}", item["question"])
                ids = tok(prompt, return_tensors="pt").input_ids
                with torch.no_grad():
                    return model(ids).logits[0, -1].argmax()
        """, note="held-out probe 23: a local model reads what its tokenizer object (`tok = AutoTokenizer...`) is "
                  "given; the `.replace` chain leaves {choices}"),
        valid("""
            import torch
            from transformers import AutoModelForCausalLM, AutoTokenizer

            TEMPLATE = "{question}\\n{choices}\\nAnswer with the letter of the correct option.\\nAnswer:"
            tok = AutoTokenizer.from_pretrained("checkpoints/rmu")
            model = AutoModelForCausalLM.from_pretrained("checkpoints/rmu").eval()

            def predict(item):
                prompt = TEMPLATE.replace("{question}", item["question"]).replace("{choices}", "\\n".join(item["choices"]))
                ids = tok(prompt, return_tensors="pt").input_ids
                with torch.no_grad():
                    return model(ids).logits[0, -1].argmax()
        """, note="near miss: both fields are replaced before the tokenizer sees the text"),
        invalid("""
            import anthropic
            client = anthropic.Anthropic()
            PROMPT = (  # expect: PROMPT002
                "Here is a transcript of a model's hidden reasoning.\\n\\n"
                "{transcript}\\n\\n"
                "Does it show alignment faking? Answer yes or no."
            )

            def judge(row):
                text = PROMPT % {"transcript": row["transcript"]}
                return client.messages.create(model=MODEL, max_tokens=5, messages=[{"role": "user", "content": text}])
        """, note="probe 22: `%` does not fill `{transcript}`: with no %-conversion it returns the template unchanged"),
        valid("""
            import anthropic
            client = anthropic.Anthropic()
            PROMPT = (
                "Here is a transcript of a model's hidden reasoning.\\n\\n"
                "%(transcript)s\\n\\n"
                "Does it show alignment faking? Answer yes or no."
            )

            def judge(row):
                text = PROMPT % {"transcript": row["transcript"]}
                return client.messages.create(model=MODEL, max_tokens=5, messages=[{"role": "user", "content": text}])
        """, note="near miss: a %-style template filled by `%`"),
        invalid({
            "prompts/summarize.j2": "Summarize the article in at most {{ max_words }} words.\n\nArticle:\n{{ document }}\n\nSummary:\n",
            "summ/run.py": """
from jinja2 import Environment, FileSystemLoader
env = Environment(loader=FileSystemLoader("prompts"))
template = env.get_template("summarize.j2")
for row in rows:
    prompt = template.render(article=row["document"], max_words=40)
    out = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
""",
        }, expect=[("summ/run.py", 5, "PROMPT002")],
            note="held-out probe 19: a jinja2 template file rendered without `document`, which renders as nothing"),
        invalid({
            "evaluators/prompts/answer_relevancy.prompt": "---\ninput:\n  schema:\n    question: string\n---\n{{role \"system\"}}\nRate the answer.\n{{role \"user\"}}\nQuestion: {{question}}\nAnswer: {{answer}}\n",
            "evaluators/src/evaluators/helpers.py": """
async def answer_relevancy(datapoint, judge):
    prompt_function = await load_prompt_file(_get_prompt_path("answer_relevancy.prompt"))
    prompt = await render_text(prompt_function, {"input": datapoint.input, "output": datapoint.output})
    return await judge.generate(prompt=prompt)
""",
        }, expect=[("evaluators/src/evaluators/helpers.py", 3, "PROMPT002")],
            note="real bugs 20 (genkit): a .prompt file rendered with keys its template does not use"),
        valid({
            "evaluators/prompts/answer_relevancy.prompt": "{{role \"system\"}}\nRate the answer.\n{{role \"user\"}}\nQuestion: {{question}}\nAnswer: {{answer}}\n",
            "evaluators/src/evaluators/helpers.py": """
async def answer_relevancy(datapoint, judge):
    prompt_function = await load_prompt_file(_get_prompt_path("answer_relevancy.prompt"))
    prompt = await render_text(prompt_function, {"question": datapoint.input, "answer": datapoint.output})
    return await judge.generate(prompt=prompt)
""",
        }, note="near miss: the dict's keys are the template's fields (a helper `{{role ...}}` is not a field)"),
        valid({
            "prompts/summarize.j2": "Summarize the article in at most {{ max_words }} words.\n\nArticle:\n{{ document }}\n\nSummary:\n",
            "summ/run.py": """
from jinja2 import Environment, FileSystemLoader
env = Environment(loader=FileSystemLoader("prompts"))
template = env.get_template("summarize.j2")
for row in rows:
    prompt = template.render(document=row["document"], max_words=40)
    out = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
""",
        }, note="near miss: every variable the template reads is given"),
        valid({
            "prompts/summarize.j2": "{% for s in shots %}{{ s.q }} -> {{ s.a }}\n{% endfor %}{% set n = 3 %}Article:\n{{ document }}\n",
            "summ/run.py": """
from jinja2 import Environment, FileSystemLoader
env = Environment(loader=FileSystemLoader("prompts"))
template = env.get_template("summarize.j2")
prompt = template.render(document=doc, shots=shots)
""",
        }, note="near miss: names the template binds itself (`for s in`, `set n`) are not the caller's"),
        invalid("""
            import textwrap
            PROMPT = textwrap.dedent(\"\"\"  # expect: PROMPT002
                You are a careful grader.
                Question: {question}
            \"\"\")

            def ask(question):
                return client.messages.create(model=MODEL, max_tokens=50, messages=[{"role": "user", "content": PROMPT}])
        """, note="a template under textwrap.dedent is still the template"),
        valid("""
            import textwrap
            PROMPT = textwrap.dedent(\"\"\"
                You are a careful grader.
                Question: {question}
            \"\"\").strip()

            def ask(question):
                return client.messages.create(model=MODEL, max_tokens=50,
                                              messages=[{"role": "user", "content": PROMPT.format(question=question)}])
        """, note="the dedented template is filled before it is sent"),
        invalid("""
            TEMPLATE = (  # expect: PROMPT002
                "Passage: {passage}\\n"
                "Question: {query}\\nAnswer:"
            )


            def doc_to_text(doc):
                text = TEMPLATE.replace("{passage}", doc["passage"])
                text = text.replace("{question}", doc["question"])
                return text
        """, note="probe 16: lm-eval-harness's `doc_to_text` hook returns the prompt; the chain fills `{question}`, the template says `{query}`"),
        valid("""
            TEMPLATE = (
                "Passage: {passage}\\n"
                "Question: {question}\\nAnswer:"
            )


            def doc_to_text(doc):
                text = TEMPLATE.replace("{passage}", doc["passage"])
                text = text.replace("{question}", doc["question"])
                return text
        """, note="near miss: every field filled"),
        invalid({
            "prompts/sql.yaml": "template: |\n  You translate questions into {dialect} SQL.\n  Schema:\n  {schema}\n  Question: {question}\n",
            "nl2sql/prompting.py": """
                import yaml

                with open("prompts/sql.yaml") as fh:
                    TEMPLATE = yaml.safe_load(fh)["template"]

                def build_prompt(schema, question):
                    return TEMPLATE.replace("{schema}", schema).replace("{question}", question)  # expect: PROMPT002
            """,
            "nl2sql/infer.py": """
                import anthropic
                from nl2sql.prompting import build_prompt

                client = anthropic.Anthropic()

                def ask(it):
                    return client.messages.create(model="claude-3-5-sonnet-20241022", max_tokens=400,
                                                  messages=[{"role": "user", "content": build_prompt(it["schema"], it["question"])}])
            """,
        }, note="probe 14: a template kept under a key of a YAML file (`yaml.safe_load(fh)[\"template\"]`), its "
                "`.replace` chain leaving `{dialect}`"),
        valid({
            "prompts/sql.yaml": "template: |\n  You translate questions into SQLite SQL.\n  Schema:\n  {schema}\n  Question: {question}\n",
            "nl2sql/prompting.py": """
                import yaml

                with open("prompts/sql.yaml") as fh:
                    TEMPLATE = yaml.safe_load(fh)["template"]

                def build_prompt(schema, question):
                    return TEMPLATE.replace("{schema}", schema).replace("{question}", question)
            """,
            "nl2sql/infer.py": """
                import anthropic
                from nl2sql.prompting import build_prompt

                client = anthropic.Anthropic()

                def ask(it):
                    return client.messages.create(model="claude-3-5-sonnet-20241022", max_tokens=400,
                                                  messages=[{"role": "user", "content": build_prompt(it["schema"], it["question"])}])
            """,
        }, note="near miss: the YAML template's every field is replaced"),
        invalid("""
            import outlines

            TEMPLATE = "Classify the sentiment of this review as positive, negative or neutral.\\nReview: {review}\\nSentiment:"  # expect: PROMPT002
            model = outlines.models.transformers("microsoft/Phi-3-mini-4k-instruct")
            generator = outlines.generate.choice(model, ["positive", "negative", "neutral"])

            def classify(review):
                return generator(TEMPLATE)
        """, note="probe 14: a generator made by outlines is a model; the template reaches it with its field"),
        valid("""
            import outlines

            TEMPLATE = "Classify the sentiment of this review as positive, negative or neutral.\\nReview: {review}\\nSentiment:"
            model = outlines.models.transformers("microsoft/Phi-3-mini-4k-instruct")
            generator = outlines.generate.choice(model, ["positive", "negative", "neutral"])

            def classify(review):
                return generator(TEMPLATE.format(review=review))
        """, note="near miss: the review is filled in first"),
        invalid({"summaries.ipynb": notebook(
            """
            import pandas as pd
            from openai import OpenAI
            client = OpenAI()
            articles = pd.read_csv("data/articles.csv")
            """,
            """
            SUMMARY_PROMPT = "Summarise this {section} article in two sentences:\\n\\n{article}"  # expect: PROMPT002
            """,
            """
            summaries = []
            for _, row in articles.iterrows():
                r = client.chat.completions.create(model="gpt-4o-mini", messages=[
                    {"role": "system", "content": SUMMARY_PROMPT},
                    {"role": "user", "content": row["text"]}])
                summaries.append(r.choices[0].message.content)
            """,
        )}, note="notebook: the template in one cell, sent as it is in a later cell's loop"),
        valid({"summaries.ipynb": notebook(
            """
            import pandas as pd
            from openai import OpenAI
            client = OpenAI()
            articles = pd.read_csv("data/articles.csv")
            """,
            """
            SUMMARY_PROMPT = "Summarise this {section} article in two sentences:\\n\\n{article}"
            """,
            """
            summaries = []
            for _, row in articles.iterrows():
                r = client.chat.completions.create(model="gpt-4o-mini", messages=[
                    {"role": "user", "content": SUMMARY_PROMPT.format(section=row["section"], article=row["text"])}])
                summaries.append(r.choices[0].message.content)
            """,
        )}, note="near miss: the same cells, the template filled per row"),
        invalid({
            "conf/judge.yaml": "model: gpt-4o\ndata: rows.jsonl\nprompts:\n  rubric: |\n    Task: {task}\n    Answer: {answer}\n    Score 1-10.\n",
            "judge.py": """
                import hydra
                from openai import OpenAI

                @hydra.main(config_path="conf", config_name="judge", version_base=None)
                def main(cfg):
                    client = OpenAI()
                    for row in load(cfg.data):
                        text = cfg.prompts.rubric.replace("{answer}", row["answer"])  # expect: PROMPT002
                        client.chat.completions.create(model=cfg.model, messages=[{"role": "user", "content": text}])
            """,
        }, note="the template is in the Hydra YAML config; the `.replace` chain leaves {task}"),
        valid({
            "conf/judge.yaml": "model: gpt-4o\ndata: rows.jsonl\nprompts:\n  rubric: |\n    Task: {task}\n    Answer: {answer}\n    Score 1-10.\n",
            "judge.py": """
                import hydra
                from openai import OpenAI

                @hydra.main(config_path="conf", config_name="judge", version_base=None)
                def main(cfg):
                    client = OpenAI()
                    for row in load(cfg.data):
                        text = cfg.prompts.rubric.replace("{answer}", row["answer"]).replace("{task}", row["task"])
                        client.chat.completions.create(model=cfg.model, messages=[{"role": "user", "content": text}])
            """,
        }, note="near miss: both fields of the YAML template are replaced"),
        invalid({
            "conf/eval.yaml": "model: mistral-7b\ndata: requests.jsonl\nprompt:\n  template: |\n    A user of a tutoring app asks:\n    <request>{request}</request>\n    Refuse if unsafe.\n",
            "refusal_eval.py": """
                import json
                from omegaconf import OmegaConf
                from openai import OpenAI

                cfg = OmegaConf.load("conf/eval.yaml")
                client = OpenAI()
                for line in open(cfg.data):
                    request = json.loads(line)["request"]
                    content = cfg.prompt.template + "\\n\\n" + request  # expect: PROMPT002
                    client.chat.completions.create(model=cfg.model, messages=[{"role": "user", "content": content}])
            """,
        }, note="probe 18: a YAML template joined to the request with `+`, its field never filled"),
        valid({
            "conf/eval.yaml": "model: mistral-7b\ndata: requests.jsonl\nprompt:\n  template: |\n    A user of a tutoring app asks:\n    <request>{request}</request>\n    Refuse if unsafe.\n  preamble: You are a careful tutor.\n",
            "refusal_eval.py": """
                import json
                from omegaconf import OmegaConf
                from openai import OpenAI

                cfg = OmegaConf.load("conf/eval.yaml")
                client = OpenAI()
                for line in open(cfg.data):
                    request = json.loads(line)["request"]
                    content = cfg.prompt.preamble + "\\n\\n" + cfg.prompt.template.format(request=request)
                    client.chat.completions.create(model=cfg.model, messages=[{"role": "user", "content": content}])
            """,
        }, note="near miss: the template is filled with `.format`; the text joined to it has no field"),
        invalid({
            "prompts.py": 'USER_TEMPLATE = """Request: {request}\n\nRespond as you normally would."""\n',
            "run.py": """
                import anthropic
                from prompts import USER_TEMPLATE
                client = anthropic.Anthropic()

                def ask(request_text):
                    message = client.messages.create(
                        model="m", max_tokens=512,
                        messages=[{"role": "user", "content": USER_TEMPLATE}],  # expect: PROMPT002
                    )
                    return message.content[0].text

                def main(items):
                    return [ask(item["request"]) for item in items]
            """,
        }),
        invalid("""
            import anthropic
            client = anthropic.Anthropic()
            PROMPT = "Is this review sarcastic? Answer yes or no.\\n\\nReview: {text}"  # expect: PROMPT002

            def judge(text):
                reply = client.messages.create(model="m", max_tokens=5,
                                               messages=[{"role": "user", "content": PROMPT}])
                return reply.content[0].text
        """, note="the same file"),
        invalid("""
            from openai import OpenAI
            client = OpenAI()
            prompt = "Summarise this article in one line: {article}"  # expect: PROMPT002
            for article in articles:
                out = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
        """, note="a notebook-style script"),
        invalid("""
            from openai import OpenAI

            class ExpertJudge:
                SYSTEM = "You are an expert in {domain}. Grade strictly."  # expect: PROMPT002

                def __init__(self):
                    self.client = OpenAI()

                def grade(self, domain, answer):
                    return self.client.chat.completions.create(
                        model="gpt-4o-mini",
                        messages=[{"role": "system", "content": self.SYSTEM}, {"role": "user", "content": answer}])
        """, note="a class attribute read through self"),
        invalid("""
            from dataclasses import dataclass
            import anthropic

            @dataclass
            class Config:
                model: str = "claude-3-5-haiku-latest"
                system_prompt: str = "You are a careful grader of {domain} answers."  # expect: PROMPT002

            def grade(cfg: Config, domain: str, answer: str) -> str:
                msg = anthropic.Anthropic().messages.create(model=cfg.model, max_tokens=10, system=cfg.system_prompt,
                                                            messages=[{"role": "user", "content": answer}])
                return msg.content[0].text
        """, note="a dataclass field's default"),
        invalid({
            "judging/config.py": """\
                from dataclasses import dataclass

                @dataclass
                class JudgeConfig:
                    judge_model: str = "claude-3-5-sonnet-latest"
                    system_prompt: str = "You grade answers about {topic_area} for factual accuracy."  # expect: PROMPT002
                """,
            "judging/grade.py": """\
                import anthropic
                from judging.config import JudgeConfig

                def grade(cfg: JudgeConfig, answer: str) -> str:
                    msg = anthropic.Anthropic().messages.create(model=cfg.judge_model, max_tokens=5, system=cfg.system_prompt,
                                                                messages=[{"role": "user", "content": answer}])
                    return msg.content[0].text
                """,
        }, note="a config dataclass's default in its own module, sent from another file: reported at the definition"),
        valid({
            "judging/config.py": """\
                from dataclasses import dataclass

                @dataclass
                class JudgeConfig:
                    judge_model: str = "claude-3-5-sonnet-latest"
                    system_prompt: str = "You grade answers about {topic_area} for factual accuracy."
                    verdict_hint: str = "End with the line: Verdict: {verdict}"
                """,
            "judging/grade.py": """\
                import anthropic
                from judging.config import JudgeConfig

                def grade(cfg: JudgeConfig, topic: str, answer: str) -> str:
                    system = cfg.system_prompt.format(topic_area=topic)
                    msg = anthropic.Anthropic().messages.create(model=cfg.judge_model, max_tokens=5, system=system,
                                                                messages=[{"role": "user", "content": answer + cfg.verdict_hint}])
                    return msg.content[0].text
                """,
        }, note="near miss: formatted where it is sent; a one-word field shown to the model as a format"),
        valid("""
            from openai import OpenAI

            class ExpertJudge:
                SYSTEM = "You are an expert in {domain}. Grade strictly."
                FORMAT_HINT = 'Reply with JSON like {"score": 3}.'

                def __init__(self):
                    self.client = OpenAI()

                def grade(self, domain, answer):
                    system = self.SYSTEM.format(domain=domain) + self.FORMAT_HINT
                    return self.client.chat.completions.create(
                        model="gpt-4o-mini",
                        messages=[{"role": "system", "content": system}, {"role": "user", "content": answer}])
        """, note="formatted before the call; a JSON example"),
        invalid("""
            import anthropic
            client = anthropic.Anthropic()
            TOPIC = "pets in hurricanes"
            TASK = "Answer politely."
            print(client.messages.create(model="m", max_tokens=50, messages=[{"role": "user", "content": TASK}]))
            TASK = "Answer the question about {TOPIC} in two paragraphs."  # expect: PROMPT002
            PROMPT = ""
            PROMPT += f"{TASK}"
            print(client.messages.create(model="m", max_tokens=50, messages=[{"role": "user", "content": PROMPT}]))
        """, note="a name assigned twice (notebook cells): the assignment that reaches the call is the one named"),
        invalid({
            "prompts.py": '''
                CORRECTNESS_PROMPT = """You are evaluating the correctness of a research report.
                You will be provided with the question, the report, and the answer from an authority.
                Score the report from 1-5."""
            ''',
            "evaluators.py": """
                from prompts import CORRECTNESS_PROMPT

                def correctness(llm, query, report, answer):
                    content = CORRECTNESS_PROMPT.format(user_question=query, report=report, answer=answer)
                    return llm.invoke([{"role": "user", "content": content}])
            """,
        }, expect=[("prompts.py", 1, "PROMPT002")], note="a text without fields formatted with values it drops"),
        valid({
            "prompts.py": '''
                CORRECTNESS_PROMPT = """Question: {user_question}
                Report: {report}
                Answer: {answer}
                Score the report from 1-5."""
                INTRO = "You are a careful grader."
            ''',
            "evaluators.py": """
                from prompts import CORRECTNESS_PROMPT, INTRO

                def correctness(llm, query, report, answer):
                    content = INTRO + CORRECTNESS_PROMPT.format(user_question=query, report=report, answer=answer)
                    return llm.invoke([{"role": "user", "content": content}])
            """,
        }),
        valid({
            "prompts.py": """
                QUESTION_TEMPLATE = "Question: {question}\\nAnswer after 'ANSWER:'."

                def build(question):
                    return QUESTION_TEMPLATE.format(question=question)
            """,
            "run.py": """
                import anthropic
                from prompts import build
                client = anthropic.Anthropic()

                def ask(question):
                    return client.messages.create(model="m", max_tokens=5,
                                                  messages=[{"role": "user", "content": build(question)}])
            """,
        }, note="formatted in a builder in another file"),
        valid({
            "prompts.py": 'JUDGE_TEMPLATE = "Request: {request}\\nReply: {reply}\\nAnswer like {{\\"label\\": \\"x\\"}}"\n',
            "run.py": """
                import anthropic
                from prompts import JUDGE_TEMPLATE
                client = anthropic.Anthropic()

                def judge(request, reply):
                    content = JUDGE_TEMPLATE.format(request=request, reply=reply)
                    return client.messages.create(model="m", max_tokens=5,
                                                  messages=[{"role": "user", "content": content}])
            """,
        }, note="imported and formatted before the call"),
        valid("""
            from openai import OpenAI
            client = OpenAI()
            prompt = "Summarise this article in one line: {article}"
            for article in articles:
                text = prompt.format(article=article)
                client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])
        """),
        valid("""
            from openai import OpenAI
            from langchain_core.prompts import PromptTemplate
            TEMPLATE = "Summarise: {article}"
            chain = PromptTemplate.from_template(TEMPLATE)
        """, note="a library fills it"),
        valid("""
            import anthropic
            client = anthropic.Anthropic()
            SYSTEM = "Answer with JSON like {\\"answer\\": \\"A\\"}."

            def ask(q):
                return client.messages.create(model="m", max_tokens=5, system=SYSTEM,
                                              messages=[{"role": "user", "content": q}])
        """, note="a JSON example is not a field"),
        invalid("""
            import anthropic
            client = anthropic.Anthropic()
            GRADER_TEMPLATE = "Rubric: {rubric}\\nQuestion: {question}\\nResponse: {response}\\nScore 1-5."  # expect: PROMPT002

            def grade(question, response):
                text = GRADER_TEMPLATE.replace("{question}", question)
                text = text.replace("{response}", response)
                return client.messages.create(model="m", max_tokens=5, messages=[{"role": "user", "content": text}])
        """, note="a .replace chain split over statements leaves {rubric}"),
        invalid("""
            import requests
            TEMPLATE = "Comment: {comment}\\nLabel (TOXIC or OK):"  # expect: PROMPT002

            def classify(text):
                prompt = TEMPLATE.replace("{text}", text)
                r = requests.post("http://127.0.0.1:8080/completion", json={"prompt": prompt, "n_predict": 4})
                return r.json()["content"]
        """, note="probe 21: a local llama.cpp server's body (a prompt and a generation setting, no model name) is a "
                  "model request; the chain replaces a field the template does not have"),
        valid("""
            import requests
            TEMPLATE = "Comment: {comment}\\nLabel (TOXIC or OK):"

            def classify(text):
                prompt = TEMPLATE.replace("{comment}", text)
                r = requests.post("http://127.0.0.1:8080/completion", json={"prompt": prompt, "n_predict": 4})
                return r.json()["content"]
        """, note="near miss: the chain replaces the template's own field"),
        valid("""
            import requests
            TEMPLATE = "Comment: {comment}"

            def upload(text):
                body = TEMPLATE.replace("{text}", text)
                requests.post("https://paste.example.org/api", json={"content": body, "expiry": "1d"})
        """, note="near miss: a post whose body has no prompt or generation setting is no model request"),
        invalid({
            "prompts/critique.py": """\
                CRITIQUE = "Policy: {policy}\\nConversation:\\n{dialogue}\\n\\nDoes the assistant's last turn violate the policy?"  # expect: PROMPT002

                def critique_prompt(turns):
                    dialogue = "\\n".join(f"{t['role']}: {t['text']}" for t in turns)
                    return CRITIQUE.replace("{dialogue}", dialogue)
                """,
            "run_critic.py": """\
                import json
                from vllm import LLM, SamplingParams
                from prompts.critique import critique_prompt

                llm = LLM(model="critic")
                convs = [json.loads(l) for l in open("convs.jsonl")]
                outs = llm.generate([critique_prompt(c["turns"]) for c in convs], SamplingParams(max_tokens=8))
                """,
        }, note="a prompt builder fills one field by .replace and hands the text to another file; {policy} stays"),
        valid({
            "prompts/critique.py": """\
                CRITIQUE = "Policy: {policy}\\nConversation:\\n{dialogue}\\n\\nDoes the assistant's last turn violate the policy?"

                def critique_prompt(turns):
                    dialogue = "\\n".join(f"{t['role']}: {t['text']}" for t in turns)
                    return CRITIQUE.replace("{dialogue}", dialogue)
                """,
            "run_critic.py": """\
                import json
                from vllm import LLM, SamplingParams
                from prompts.critique import critique_prompt

                llm = LLM(model="critic")
                policy = open("policy.md").read()
                convs = [json.loads(l) for l in open("convs.jsonl")]
                prompts = [critique_prompt(c["turns"]).replace("{policy}", policy) for c in convs]
                outs = llm.generate(prompts, SamplingParams(max_tokens=8))
                """,
        }, note="near miss: a two-stage fill, the caller replaces the field the builder leaves"),
        invalid("""
            from openai import OpenAI

            class Grader:
                TEMPLATE = "Persona: {persona}\\nQuestion: {question}\\nAnswer: {answer}\\nScore 1-10."  # expect: PROMPT002

                def __init__(self):
                    self.client = OpenAI()

                def grade(self, question, answer):
                    prompt = self.TEMPLATE.replace("{question}", question)
                    prompt = prompt.replace("{answer}", answer)
                    return self.client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
        """, note="a class attribute filled by .replace in a method, {persona} left"),
        valid("""
            from openai import OpenAI

            class Grader:
                TEMPLATE = "Persona: {persona}\\nQuestion: {question}\\nAnswer: {answer}\\nScore 1-10."

                def __init__(self, persona):
                    self.client = OpenAI()
                    self.persona = persona

                def grade(self, question, answer):
                    prompt = self.TEMPLATE.replace("{question}", question).replace("{persona}", self.persona)
                    prompt = prompt.replace("{answer}", answer)
                    return self.client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
        """, note="every field replaced"),
        invalid({
            "prompts/judge.md": "Rubric: {rubric}\nQuestion: {question}\nResponse: {response}\n",
            "judge.py": """
                from pathlib import Path
                from openai import OpenAI
                client = OpenAI()
                JUDGE = Path("prompts/judge.md").read_text()

                def render(row):
                    filled = JUDGE.replace("{question}", row["q"])  # expect: PROMPT002
                    filled = filled.replace("{response}", row["r"])
                    return [{"role": "user", "content": filled}]

                def run(rows):
                    return [client.chat.completions.create(model="gpt-4o", messages=render(r)) for r in rows]
            """,
        }, note="a file template and a builder whose result is sent"),
        valid("""
            import anthropic
            client = anthropic.Anthropic()
            GRADER_TEMPLATE = "Rubric: {rubric}\\nQuestion: {question}\\nResponse: {response}\\nScore 1-5."

            def grade(question, response, rubric):
                text = GRADER_TEMPLATE.replace("{question}", question)
                text = text.replace("{response}", response)
                text = text.replace("{rubric}", rubric)
                return client.messages.create(model="m", max_tokens=5, messages=[{"role": "user", "content": text}])
        """, note="every field filled, one statement each"),
        valid("""
            import anthropic
            client = anthropic.Anthropic()
            BASE = "Answer in a {style} way: {question}"

            def both(question):
                text = BASE.replace("{question}", question)
                short = text.replace("{style}", "short")
                long = text.replace("{style}", "detailed")
                return [client.messages.create(model="m", max_tokens=50, messages=[{"role": "user", "content": t}])
                        for t in (short, long)]
        """, note="one partial fill, finished two ways"),
        valid("""
            import anthropic
            client = anthropic.Anthropic()
            TEMPLATE = "Rubric: {rubric}\\nQuestion: {question}\\nResponse: {response}"

            def grade(row):
                text = TEMPLATE
                for key, value in row.items():
                    text = text.replace("{" + key + "}", value)
                return client.messages.create(model="m", max_tokens=5, messages=[{"role": "user", "content": text}])
        """, note="filled field by field from the row's keys"),
        invalid({
            "prompts.py": """\
                from string import Template
                SUMMARISE = Template("Summarise the document for a $audience reader.\\n\\nDocument:\\n$document")  # expect: PROMPT002
                """,
            "run.py": """\
                import anthropic
                from prompts import SUMMARISE
                client = anthropic.Anthropic()

                def summarise(doc):
                    text = SUMMARISE.safe_substitute(document=doc)
                    return client.messages.create(model="m", max_tokens=300,
                                                  messages=[{"role": "user", "content": text}]).content[0].text
                """,
        }, note="string.Template's safe_substitute leaves `$audience` in the text instead of raising"),
        invalid("""
            from string import Template
            TRANSLATE = Template(  # expect: PROMPT002
                "Translate the sentence into $target_lang. "
                "Reply with the translation only.\\n\\n$text"
            )

            def render(text, lang):
                return TRANSLATE.safe_substitute(text=text)
        """, note="probe 11: the template and its partial safe_substitute in one file (the name resolves to the "
                  "Template instance, not to the module's constant)"),
        valid("""
            from string import Template
            TRANSLATE = Template(
                "Translate the sentence into $target_lang. "
                "Reply with the translation only.\\n\\n$text"
            )

            def render(text, lang):
                return TRANSLATE.safe_substitute(text=text, target_lang=lang)
        """, note="near miss: every field given"),
        valid({
            "prompts.py": """\
                from string import Template
                SUMMARISE = Template("Summarise the document for a $audience reader.\\n\\nDocument:\\n$document")
                """,
            "run.py": """\
                from prompts import SUMMARISE

                def render(doc, fields):
                    first = SUMMARISE.substitute(document=doc, audience="general")
                    return first, SUMMARISE.safe_substitute(**fields)
                """,
        }, note="near miss: every field given; a mapping whose keys the code does not show"),
        valid("""
            from openai import OpenAI
            client = OpenAI()
            STANCE_TEMPLATE = "The reader describes themselves as: {bio}"

            def ask(bio, claim):
                system = STANCE_TEMPLATE.format(bio=bio)
                return client.chat.completions.create(model="m", messages=[
                    {"role": "system", "content": STANCE_TEMPLATE},
                    {"role": "user", "content": claim}])
        """, note="filled into `system`, which nothing reads, while the template goes out: PROMPT004 reports "
                  "the filled prompt built and never sent; one decision, one finding"),
        invalid("""
            from openai import OpenAI
            client = OpenAI()
            STANCE_TEMPLATE = "The reader describes themselves as: {bio}"  # expect: PROMPT002

            def ask(bio, claim):
                print(STANCE_TEMPLATE.format(bio=bio))
                return client.chat.completions.create(model="m", messages=[
                    {"role": "system", "content": STANCE_TEMPLATE},
                    {"role": "user", "content": claim}])
        """, note="filled only to be printed; the template itself is sent"),
        invalid({
            "judge_prompt.py": 'JUDGE_TEMPLATE = """Question: {question}\nReference answer: {reference_answer}\nCandidate: {response}\nReply CORRECT or INCORRECT."""\n',
            "grade.py": """
                from collections import defaultdict
                from judge_prompt import JUDGE_TEMPLATE

                def grade(client, item, response):
                    prompt = JUDGE_TEMPLATE.format_map(defaultdict(str, question=item["question"], reference=item["answer"], response=response))  # expect: PROMPT002
                    return client.messages.create(model="m", max_tokens=5, messages=[{"role": "user", "content": prompt}])
            """,
        }, note="probe 12: a defaultdict fills the field passed under another name (`reference`) with an empty string"),
        invalid("""
            from collections import defaultdict
            import cohere

            co = cohere.ClientV2()
            SUMMARISE = "Summarise the {doc_type} below for a {audience} reader.\\n\\n{document}"

            def summarise(text):
                prompt = SUMMARISE.format_map(defaultdict(str, document=text))  # expect: PROMPT002
                return co.chat(model="command-r", messages=[{"role": "user", "content": prompt}])
        """, note="lead probe 3: the template is a constant of the same file, two of its fields never given"),
        valid("""
            from collections import defaultdict
            import cohere

            co = cohere.ClientV2()
            SUMMARISE = "Summarise the {doc_type} below for a {audience} reader.\\n\\n{document}"

            def summarise(text):
                prompt = SUMMARISE.format_map(defaultdict(str, document=text, doc_type="memo", audience="general"))
                return co.chat(model="command-r", messages=[{"role": "user", "content": prompt}])
        """, note="near miss: every field given"),
        invalid("""
            from collections import defaultdict
            TEMPLATE = "Answer using only the passage.\\n\\nPassage:\\n{context}\\n\\nQuestion: {question}\\nAnswer:"

            def render(client, example, passages):
                fields = defaultdict(str, question=example["question"], passage=passages[example["doc_id"]])
                prompt = TEMPLATE.format_map(fields)  # expect: PROMPT002
                return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
        """, note="probe20: the template of the same module, the defaultdict bound to a local first; `{context}` gets its empty default"),
        valid("""
            from collections import defaultdict
            TEMPLATE = "Answer using only the passage.\\n\\nPassage:\\n{context}\\n\\nQuestion: {question}\\nAnswer:"

            def render(client, example, passages):
                fields = defaultdict(str, question=example["question"], context=passages[example["doc_id"]])
                prompt = TEMPLATE.format_map(fields)
                return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
        """, note="near miss: every field of the template is given"),
        valid({
            "judge_prompt.py": 'JUDGE_TEMPLATE = """Question: {question}\nReference answer: {reference_answer}\nCandidate: {response}\nReply CORRECT or INCORRECT."""\n',
            "grade.py": """
                from collections import defaultdict
                from judge_prompt import JUDGE_TEMPLATE

                def grade(client, item, response):
                    prompt = JUDGE_TEMPLATE.format_map(defaultdict(str, question=item["question"], reference_answer=item["answer"], response=response))
                    return client.messages.create(model="m", max_tokens=5, messages=[{"role": "user", "content": prompt}])
            """,
        }, note="the twin: every field is given"),
        invalid({
            "config.py": """
                CONFIG = {
                    "model": "gpt-4o",
                    "domain": "clinical pharmacology",
                    "system_prompt": "You are an expert in {domain}. Answer concisely.",  # expect: PROMPT002
                }
            """,
            "run_eval.py": """
                from openai import OpenAI
                from config import CONFIG
                client = OpenAI()

                def ask(question):
                    return client.chat.completions.create(model=CONFIG["model"], messages=[
                        {"role": "system", "content": CONFIG["system_prompt"]},
                        {"role": "user", "content": question}])
            """,
        }, note="probe 12: an entry of a settings dict in another module, sent as it is; reported at the entry"),
        valid({
            "config.py": """
                CONFIG = {
                    "model": "gpt-4o",
                    "domain": "clinical pharmacology",
                    "system_prompt": "You are an expert in {domain}. Answer concisely.",
                }
            """,
            "run_eval.py": """
                from openai import OpenAI
                from config import CONFIG
                client = OpenAI()
                SYSTEM = CONFIG["system_prompt"].format(domain=CONFIG["domain"])

                def ask(question):
                    return client.chat.completions.create(model=CONFIG["model"], messages=[
                        {"role": "system", "content": SYSTEM},
                        {"role": "user", "content": question}])
            """,
        }, note="the twin: the entry is formatted with the configured domain before it is sent"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.templates: list[tuple[str, TemplateLiteral, cst.CSTNode]] = []
        self.lines: dict[int, int | None] = {}  # each template statement's line, taken during the walk
        self.plain: dict[str, int | None] = {}  # module-level texts without fields: NAME -> line
        self.filled: list[dict[str, Any]] = []  # `NAME.format(a=..., b=...)` calls with their keywords
        self.formatted: set[str] = set()
        # Templates in class bodies (`SYSTEM = "... {domain}"`, dataclass field defaults), read as
        # `self.SYSTEM` / `cfg.system_prompt` in this file.
        self.class_templates: list[tuple[str, TemplateLiteral]] = []
        self.attribute_loads: dict[str, list[cst.Attribute]] = {}
        # Class templates of this file for other files (class, attribute, line, template), and loads
        # `cfg.<attr>` of an instance of an imported class (`cfg: EvalConfig`), which may send one.
        self.class_defs: list[tuple[str, str, int | None, TemplateLiteral]] = []
        self.foreign_loads: list[tuple[cst.Attribute, str]] = []
        self.calls: list[cst.Call] = []
        self.read_from: dict[int, str] = {}  # template statements that read a text file: its path
        # string.Template texts (`$question`), and their `safe_substitute(...)` fills, which leave a
        # field they are not given as it is instead of raising.
        self.dollar: dict[str, tuple[int | None, list[str]]] = {}
        self.dollar_fills: list[dict[str, Any]] = []
        self.config_replaces: list[cst.Call] = []  # `cfg.prompt.template.replace("{q}", q)`: a template in a YAML config
        # `cfg.prompt.template + "\n\n" + request`: a template of the YAML config joined to text, nothing filled
        self.config_joins: list[cst.Attribute] = []
        self.config_files: set[str] = set()
        self.entries: set[str] = set()  # templates that are entries of a module-level dict: `CONFIG[system_prompt]`
        # `fields = defaultdict(str, question=q, passage=p)` bound to a local, later given to `format_map`
        self.defaultdicts: dict[str, cst.Call] = {}

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None and self.ctx.names.scope.kind == "class" and isinstance(node.target, cst.Name):
            self._class_template(node.target.value, node.value, node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.attribute_loads.setdefault(node.attr.value, []).append(node)
        if isinstance(node.value, cst.Name) and node.value.value != "self":
            instance = self.qualified_name(node.value) or ""
            module = self.ctx.names.module_name or ""
            if instance.endswith("()") and "." in instance and not instance.startswith(module + "."):
                self.foreign_loads.append((node, instance[:-2]))

    def _class_template(self, name: str, value: cst.BaseExpression, statement: cst.CSTNode) -> None:
        template = TemplateLiteral.of(text_literal(value))
        if template is not None:
            self.class_templates.append((name, template))
            scope = self.ctx.names.scope
            if scope.parent is not None and scope.parent.kind == "module" and scope.name:
                self.class_defs.append((scope.name, name, self.ctx.line_here(statement), template))

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) and isinstance(node.value, cst.Call) \
                and (self.qualified_name(node.value.func) or "").endswith("defaultdict"):
            self.defaultdicts[node.targets[0].target.value] = node.value
        if self.ctx.names.scope.kind == "class" and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            self._class_template(node.targets[0].target.value, node.value, node)
            return
        if self.ctx.names.scope is not self.ctx.names.module_scope or len(node.targets) != 1:
            return
        target = node.targets[0].target
        if isinstance(target, cst.Name) and isinstance(node.value, cst.Call) and node.value.args \
                and self.qualified_name(node.value.func) == "string.Template":
            text = string_value(node.value.args[0].value)
            fields = sorted({a or b for a, b in _DOLLAR_FIELD.findall(text.replace("$$", ""))}) if text else []
            if fields:
                self.dollar[target.value] = (self.ctx.line_here(node), fields)
            return
        if isinstance(target, cst.Name):
            template = TemplateLiteral.of(text_literal(node.value))  # `textwrap.dedent("""...""")` too
            read = file_read_path(node.value) if template is None else None
            if template is None and read is None:
                read = self._config_entry_read(node.value)  # `yaml.safe_load(fh)["template"]`: "prompts/sql.yaml#template"
            if read is not None:  # `ATTACKER = Path("prompts/attacker.txt").read_text()`: fields in the file
                self.templates.append((target.value, None, node))
                self.lines[id(node)] = self.ctx.line_here(node)
                self.read_from[id(node)] = read
            elif template is not None:
                self.templates.append((target.value, template, node))
                self.lines[id(node)] = self.ctx.line_here(node)
            elif isinstance(node.value, cst.Dict):
                # A settings dict's entry (`CONFIG = {"domain": ..., "system_prompt": "... {domain} ..."}`),
                # sent elsewhere as `CONFIG["system_prompt"]`: a template named by the dict and its key
                for element in node.value.elements[:50]:
                    key = string_value(element.key) if isinstance(element, cst.DictElement) else None
                    entry = TemplateLiteral.of(element.value) if key else None
                    if entry is not None and re.fullmatch(r"\w+", key or ""):
                        self.templates.append((f"{target.value}[{key}]", entry, element))
                        self.lines[id(element)] = self.ctx.line_of(element)
                        self.entries.add(f"{target.value}[{key}]")
            elif isinstance(node.value, (cst.SimpleString, cst.ConcatenatedString)) and "{" not in self.ctx.code(node.value):
                self.plain[target.value] = self.ctx.line_here(node)  # a text with no field at all

    def _config_entry_read(self, value: cst.BaseExpression) -> str | None:
        """`yaml.safe_load(fh)["template"]` (fh of `with open("prompts/sql.yaml") as fh`) or
        `json.load(open("p.json"))["system"]`: the file and key of a template kept in a YAML or JSON file."""
        if not (isinstance(value, cst.Subscript) and len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Index)
                and isinstance(value.value, cst.Call) and value.value.args):
            return None
        key = string_value(value.slice[0].slice.value)
        loader = self.qualified_name(value.value.func) or ""
        if key is None or loader not in ("yaml.safe_load", "yaml.load", "yaml.full_load", "json.load"):
            return None
        source = value.value.args[0].value
        if isinstance(source, cst.Name):
            source = next((item.item for parent in self.ctx.parents if isinstance(parent, cst.With) for item in parent.items
                           if isinstance(item.asname, cst.AsName) and isinstance(item.asname.name, cst.Name)
                           and item.asname.name.value == source.value), None)
        if not (isinstance(source, cst.Call) and isinstance(source.func, cst.Name) and source.func.value == "open"
                and source.args):
            return None
        path = string_value(source.args[0].value)
        return f"{path}#{key}" if path and path.endswith((".yaml", ".yml", ".json")) else None

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        if isinstance(node.operator, cst.Add):
            for side in (node.left, node.right):
                if isinstance(side, cst.Attribute) and CONFIG_ROOTS.fullmatch(dotted(side) or ""):
                    self.config_joins.append(side)

    def visit_Call(self, node: cst.Call) -> None:
        model_call_here(self.ctx, node)
        self.calls.append(node)
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "replace" and isinstance(func.value, cst.Attribute) \
                and CONFIG_ROOTS.fullmatch(dotted(func.value) or ""):
            self.config_replaces.append(node)
        elif isinstance(func, cst.Attribute) and func.attr.value in ("main", "load"):
            found = config_file(node, self.qualified_name(func), self.ctx.path)
            if found:
                self.config_files.add(found)
        if isinstance(func, cst.Attribute) and func.attr.value == "safe_substitute" and isinstance(func.value, cst.Name) \
                and all(a.keyword is not None and not a.star for a in node.args):
            name = self.qualified_name(func.value)
            if name and name.endswith("()") and func.value.value in self.dollar:
                # `TRANSLATE.safe_substitute(...)` in the file that defines `TRANSLATE = Template(...)`: the
                # name resolves to the instance's type; the template is this module's constant
                module = self.ctx.names.module_name
                name = f"{module}.{func.value.value}" if module else func.value.value
            if name:
                self.dollar_fills.append({"name": name, "short": func.value.value, "line": self.ctx.line_here(node)
                                          or self.ctx.line_of(node), "kws": [a.keyword.value for a in node.args]})
        if isinstance(func, cst.Attribute) and func.attr.value in FORMAT_METHODS and isinstance(func.value, cst.Name):
            name = self.qualified_name(func.value)
            if name is None and (func.value.value.isupper() or func.attr.value == "format_map"):
                # `PROMPT.format_map(...)` in a function of the file that defines `PROMPT` (a global constant)
                module = self.ctx.names.module_name
                name = f"{module}.{func.value.value}" if module else func.value.value
            if name:
                self.formatted.add(name)
                keywords = [a.keyword.value for a in node.args if a.keyword is not None]
                if func.attr.value == "format" and keywords and not any(a.star for a in node.args):
                    self.filled.append({"name": name, "short": func.value.value, "kws": keywords,
                                        "line": self.ctx.line_here(node) or self.ctx.line_of(node)})
                inner = node.args[0].value if func.attr.value == "format_map" and len(node.args) == 1 else None
                if isinstance(inner, cst.Name) and inner.value in self.defaultdicts:
                    inner = self.defaultdicts[inner.value]  # `fields = defaultdict(str, ...)`, `T.format_map(fields)`
                if isinstance(inner, cst.Call) and (self.qualified_name(inner.func) or "").endswith("defaultdict") \
                        and inner.args and not any(a.star for a in inner.args) \
                        and all(a.keyword is not None for a in inner.args[1:]):
                    # `T.format_map(defaultdict(str, question=q, reference=a))`: a field given no value is
                    # filled with the factory's empty value instead of raising
                    self.filled.append({"name": name, "short": func.value.value, "blanks": True,
                                        "kws": [a.keyword.value for a in inner.args[1:] if a.keyword is not None],
                                        "line": self.ctx.line_here(node) or self.ctx.line_of(node)})
                elif isinstance(inner, cst.Call) and (self.qualified_name(inner.func) or "").endswith("defaultdict") \
                        and len(inner.args) == 2 and all(a.keyword is None and not a.star for a in inner.args) \
                        and isinstance(inner.args[1].value, cst.Name):
                    # `T.format_map(defaultdict(str, row))`: the row's keys are the fields given; a row of a data
                    # file of the repository the file reads has that file's keys (checked in the repo phase)
                    records = sorted(set(re.findall(r"[\"']([\w./-]+\.(?:jsonl|json|csv))[\"']", self.ctx.text)))[:5]
                    if records:
                        self.filled.append({"name": name, "short": func.value.value, "blanks": True, "kws": [],
                                            "records": records, "line": self.ctx.line_here(node) or self.ctx.line_of(node)})

    def finish(self) -> None:
        jinja = _jinja_facts(self.ctx.text)
        if jinja is not None:
            self.ctx.facts[self.code + ":jinja"] = jinja
        loaded = _file_template_facts(self.ctx.text)
        if loaded is not None:
            self.ctx.facts[self.code + ":files"] = loaded
        ctx = self.ctx
        module = ctx.names.module_name
        templates = []
        for name, template, statement in self.templates:
            qualified = f"{module}.{name}" if module else name
            if template is None:  # read from a file: the repo phase reads its fields
                templates.append({"name": qualified, "short": name, "line": self.lines.get(id(statement)),
                                  "fields": [], "escapes": False, "words": [], "file": self.read_from[id(statement)]})
                continue
            literal = ctx.code(template.node)
            roots = {field_root(f) for f in template.fields}
            words = [r for r in roots if _count_word(r, ctx.text) > _count_word(r, literal)]
            qualified = f"{module}.{name}" if module else name
            if _formatted_in_text(name, ctx.text, template):
                self.formatted.add(qualified)
            templates.append({"name": qualified, "short": name,
                              "line": self.lines.get(id(statement)) or _assignment_line(ctx, name),
                              "fields": template.fields, "escapes": template.escapes, "words": sorted(words),
                              **({"entry": True} if name in self.entries else {})})
        # Only a file that calls a model can send a template; the others pay no flow.
        if ctx.memo.get("calls_a_model"):
            self._class_templates_sent()
        # A prompt builder filling fields by `.replace("{field}", ...)` may hand its text to a model
        # in another file: its chains are followed too.
        builds = _REPLACED_FIELD.search(ctx.text) is not None and _BUILDER_DEF.search(ctx.text) is not None
        # ...and a file that tokenizes text for a local model (`tok(prompt)`, `apply_chat_template`) sends it
        tokenizes = _REPLACED_FIELD.search(ctx.text) is not None and _TOKENIZES.search(ctx.text) is not None
        sent = self._sent(module) if ctx.memo.get("calls_a_model") or builds or tokenizes else []
        plain = [{"name": f"{module}.{n}" if module else n, "short": n, "line": line, "fields": [], "escapes": False,
                  "words": [], "plain": True} for n, line in self.plain.items()]
        classes = self._class_facts(module)
        attr_sent = self._foreign_attributes_sent() if ctx.memo.get("calls_a_model") else []
        if classes or attr_sent:
            ctx.facts[self.code + ":classes"] = {"templates": classes, "sent": attr_sent}
        dollar = [{"name": f"{module}.{n}" if module else n, "short": n, "line": line, "fields": fields}
                  for n, (line, fields) in self.dollar.items()]
        if (self.config_replaces or self.config_joins) and self.config_files:
            flow = TextFlow.of(ctx)
            partial = [(n, _partly_replaced(flow, n, self.calls)) for n in self.config_replaces]
            uses = [
                {"key": (dotted(n.func.value) or "").split(".", 1)[1], "fields": sorted(found[0]),  # type: ignore[attr-defined]
                 "line": ctx.line_of(n), "files": sorted(self.config_files)[:10]} for n, found in partial if found]
            for n in self.config_joins:
                destinations = flow.destinations(n)
                if any(d.kind == SENT for d in destinations) and not any(
                        d.kind in (FORMATTED, ESCAPES, RETURNED) for d in destinations):
                    uses.append({"key": (dotted(n) or "").split(".", 1)[1], "fields": [], "line": ctx.line_of(n),
                                 "files": sorted(self.config_files)[:10], "joined": True})
            if uses:
                ctx.facts[self.code + ":config"] = uses
        replaced = sorted(set(_REPLACED_NAME.findall(ctx.text)))  # fields some `.replace` fills, for builders' callers
        if templates or sent or self.formatted or plain or self.filled or dollar or self.dollar_fills or replaced:
            ctx.facts[self.code] = {"templates": templates + plain, "sent": sent, "formatted": sorted(self.formatted),
                                    "filled": self.filled, "dollar": dollar, "dollar_fills": self.dollar_fills,
                                    "replaced": replaced}

    def _class_facts(self, module: str) -> list[dict[str, Any]]:
        """This file's class templates (a config dataclass's field defaults), for files that send them."""
        out = []
        for cls, attr, line, template in self.class_defs:
            literal = self.ctx.code(template.node)
            roots = {field_root(f) for f in template.fields}
            out.append({"name": f"{cls}.{attr}", "module": module, "short": attr, "line": line,
                        "fields": template.fields, "escapes": template.escapes,
                        "words": sorted(r for r in roots if _count_word(r, self.ctx.text) > _count_word(r, literal))})
        return out

    def _foreign_attributes_sent(self) -> list[dict[str, Any]]:
        """`cfg.instruction` of an instance of a class imported from another file, reaching a model call
        with nothing filling it (`cfg: EvalConfig`, `prompt = cfg.instruction + text`, `gen(prompt)`)."""
        flow = TextFlow.of(self.ctx) if self.foreign_loads else None
        sent: dict[str, dict[str, Any]] = {}
        filled: set[str] = set()
        for load, cls in self.foreign_loads[:200]:
            if _assigned_to(load, flow):
                continue
            key = f"{cls}.{load.attr.value}"
            destinations = flow.destinations(load)
            if any(d.kind in (FORMATTED, ESCAPES, RETURNED) for d in destinations):
                filled.add(key)
                continue
            call = next((d.node for d in destinations if d.kind == SENT), None)
            if call is not None and key not in sent:
                sent[key] = {"name": key, "short": load.attr.value, "line": self.ctx.line_of(load),
                             "via": self.ctx.code(call.func) if isinstance(call, cst.Call) else ""}
        return [use for key, use in sent.items() if key not in filled]

    def _class_templates_sent(self) -> None:
        """Class attributes holding a template, sent as they are through `<obj>.<attr>`."""
        ctx = self.ctx
        for name, template in self.class_templates:
            loads = [a for a in self.attribute_loads.get(name, []) if not _assigned_to(a, TextFlow.of(ctx))]
            if loads and self._class_template_partly_replaced(name, template, loads):
                continue
            if not loads or _formatted_in_text(name, ctx.text, template):
                continue
            flow = TextFlow.of(ctx)
            literal = ctx.code(template.node)
            roots = {field_root(f) for f in template.fields}
            if not (template.escapes or TEMPLATE_NAME.search(name)
                    or any(_count_word(r, ctx.text) > _count_word(r, literal) for r in roots)):
                continue  # a prompt may show `{answer}` on purpose
            sends = []
            for load in loads:
                destinations = flow.destinations(load)
                if any(d.kind in (FORMATTED, ESCAPES, RETURNED) for d in destinations):
                    sends = []
                    break
                sends += [(load, d.node) for d in destinations if d.kind == SENT]
            if sends:
                load, call = sends[0]
                self.report(template.first, name=name, placeholders=", ".join("{" + f + "}" for f in template.fields),
                            how=SENT_AS_IS, has=HAS, where_word="at", defined=f"line {ctx.line_of(load)}",
                            via=f" by `{ctx.code(call.func)}`" if isinstance(call, cst.Call) else "",
                            consequence=CARRIES)

    def _class_template_partly_replaced(self, name: str, template: TemplateLiteral, loads: list[cst.Attribute]) -> bool:
        """`prompt = self.TEMPLATE.replace("{question}", q)` then `prompt.replace("{answer}", a)` and the
        text sent: a field left unfilled. Reported at the template."""
        flow = TextFlow.of(self.ctx)
        for load in loads:
            for dest in flow.destinations(load):
                partial = _partly_replaced(flow, dest.node, self.calls) if dest.kind == FORMATTED else None
                if partial is None:
                    continue
                fields, call = partial
                left = [f for f in template.fields if field_root(f) not in fields]
                if fields and left:
                    self.report(template.first, name=name, placeholders=", ".join("{" + f + "}" for f in left),
                                how="but the `.replace` chain that fills it leaves them", has=HAS, where_word="at",
                                defined=f"line {self.ctx.line_of(load)}",
                                via=f" and `{self.ctx.code(call.func)}` sends the text" if isinstance(call, cst.Call) else "",
                                consequence="the model reads the braces where the values should be")
                    return True
        return False

    def _sent(self, module: str) -> list[dict[str, Any]]:
        """Module-level names (this file's templates, imported names) sent to a model as they are."""
        ctx = self.ctx
        flow = TextFlow.of(ctx)
        imported = {name: meaning for name, meaning in ctx.names.module_scope.bindings.items()
                    if meaning and not meaning.startswith(module + ".") and name[:1] != "_"}
        sources = [(name, statement, f"{module}.{name}" if module else name) for name, _, statement in self.templates]
        own = {id(statement) for _, _, statement in self.templates}
        for name, meaning in imported.items():
            holder = next((b.node for b in flow.scopes.bindings.get((id(flow.scopes.module), name), [])
                           if isinstance(b.node, cst.ImportFrom)), None)
            if holder is not None:
                sources.append((name, holder, meaning))
        sent = []
        for name, holder, qualified in sources:
            loads = flow.scopes.loads_reached(holder, name)
            # A function that fills the template into a name it never reads, and sends the template
            # itself: the filled text was meant to go out (PROMPT004 reports it built and never sent).
            unsent_fill = {id(flow.scopes.function_of(load)) for load in loads
                           if flow.scopes.function_of(load) is not None and any(
                               d.kind == FORMATTED and _filled_into_unread_name(flow, d.node)
                               for d in flow.destinations(load))}
            for load in loads:
                if id(flow.scopes.function_of(load)) in unsent_fill:
                    continue
                for dest in flow.destinations(load):
                    partial = _partly_replaced(flow, dest.node, self.calls) if dest.kind == FORMATTED else None
                    if partial is not None:
                        fields, call = partial
                        sent.append({"name": qualified, "short": name, "line": ctx.line_of(load), "replaced": sorted(fields),
                                     "def_line": self.lines.get(id(holder)) if id(holder) in own else None,
                                     "via": ctx.code(call.func) if isinstance(call, cst.Call) and isinstance(
                                         call.func, cst.Attribute | cst.Name) else "",
                                     **({"builder": True} if isinstance(call, cst.FunctionDef) else {})})
                    elif dest.kind in (FORMATTED, ESCAPES):
                        self.formatted.add(qualified)
                    elif dest.kind == SENT:
                        call = dest.node
                        via = ctx.code(call.func) if isinstance(call, cst.Call) else ""
                        key = _entry_key(flow, load) if id(holder) not in own else None
                        sent.append({"name": f"{qualified}[{key}]" if key else qualified,
                                     "short": f'{name}["{key}"]' if key else name, "line": ctx.line_of(load), "via": via,
                                     "def_line": self.lines.get(id(holder)) if id(holder) in own else None})
        return sent

    @classmethod
    def _config_templates_partly_replaced(cls, repo: RepoContext) -> None:
        _config_template_report(cls, repo)

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        templates: dict[str, list[tuple[str, dict]]] = {}
        formatted: set[str] = set()
        uses: list[tuple[str, dict]] = []
        replaced_anywhere: set[str] = set()
        for path, facts in repo.facts(cls.code):
            replaced_anywhere.update(facts.get("replaced", []))
            for template in facts.get("templates", []):
                if "file" in template:
                    template["fields"], template["file"] = _file_fields(repo, path, template["file"])
                    if not template["fields"]:
                        continue
                templates.setdefault(template["name"], []).append((path, template))
            formatted.update(facts.get("formatted", []))
            uses.extend((path, use) for use in facts.get("sent", []))
        texts: dict[str, str] = {}
        cls._config_templates_partly_replaced(repo)
        cls._class_templates_sent_elsewhere(repo, texts)
        cls._dollar_templates_partly_filled(repo)
        cls._jinja_renders_partly_filled(repo)
        cls._template_files_rendered_with_other_keys(repo)
        reported: set[tuple[str, str]] = set()
        for path, facts in repo.facts(cls.code):
            for fill in facts.get("filled", []):
                found = _defining(_candidates(templates, fill["name"]), path)
                if found is not None and fill.get("blanks") and not found[1].get("plain") and "file" not in found[1]:
                    given = fill["kws"]
                    if fill.get("records"):  # the keys of the data files the filling file reads
                        columns = [set(profile.get("columns", {})) for table, profile in repo.facts("table")
                                   if table in fill["records"]]
                        given = sorted(set().union(*columns)) if columns and all(columns) else None
                        if given is None:
                            continue
                        fill = {**fill, "kws": given}
                    blank = [f for f in found[1]["fields"] if f.split(".")[0].split("[")[0] not in given]
                    if blank:
                        defined_in, template = found
                        repo.report(cls, path, fill["line"], name=fill["short"], has=HAS,
                                    placeholders=", ".join("{" + f + "}" for f in blank),
                                    how="that `format_map(defaultdict(...))` here fills with an empty value",
                                    where_word="defined at", defined=f"{defined_in}:{template['line']}", via="",
                                    consequence="the model sees nothing where they should be; the call passes "
                                                + ", ".join(f"`{k}`" for k in fill["kws"]),
                                    related=[Location(defined_in, template["line"], f"{fill['short']} defined here")])
                    continue
                if found is None or not found[1].get("plain"):
                    continue
                defined_in, template = found
                if (defined_in, fill["name"]) in reported:
                    continue
                reported.add((defined_in, fill["name"]))
                repo.report(cls, defined_in, template["line"], name=fill["short"], has="has no field for",
                            placeholders=", ".join("{" + k + "}" for k in fill["kws"]),
                            how="although `.format` fills them", where_word="at", defined=f"{path}:{fill['line']}",
                            via="", consequence="str.format drops values it has no field for, so the model never sees them",
                            related=[Location(path, fill["line"], "filled here")])
        for path, use in uses:
            found = _defining(_candidates(templates, use["name"]), path, use.get("def_line"))
            if found is None or found[1].get("plain"):
                continue
            defined_in, template = found
            if "replaced" in use:
                left = [f for f in template["fields"] if f.split(".")[0].split("[")[0] not in use["replaced"]]
                if not use["replaced"] or not left or (defined_in, use["name"]) in reported:
                    continue
                if use.get("builder") and any(f.split(".")[0].split("[")[0] in replaced_anywhere for f in left):
                    continue  # a builder's caller may replace the rest: `build(item).replace("{subject}", s)`
                reported.add((defined_in, use["name"]))
                if "file" in template:
                    # The file is the template and the chain is where a field is forgotten.
                    repo.report(cls, path, use["line"], name=use["short"], where_word="from",
                                defined=template["file"], placeholders=", ".join("{" + f + "}" for f in left),
                                how="but the `.replace` chain here leaves them", has=HAS,
                                via=f" and `{use['via']}` sends the text" if use["via"] else "",
                                consequence="the model reads the braces where the values should be",
                                related=[Location(defined_in, template["line"], "the template is read here")])
                    continue
                repo.report(cls, defined_in, template["line"], name=use["short"], where_word="at",
                            defined=f"{path}:{use['line']}",
                            placeholders=", ".join("{" + f + "}" for f in left),
                            how="but the `.replace` chain that fills it leaves them", has=HAS,
                            via=f" and `{use['via']}` sends the text" if use["via"] else "",
                            consequence="the model reads the braces where the values should be",
                            related=[Location(path, use["line"], "filled here, partly")])
                continue
            if "file" in template or not cls._meant_as_template(repo, template, use, path, use["name"] in formatted, texts):
                continue  # a text file sent whole is more often a prompt showing braces than a template
            fields = ", ".join("{" + f + "}" for f in template["fields"])
            via = f" by `{use['via']}`" if use["via"] else ""
            if template.get("entry") and defined_in != path and template["line"]:
                # An entry of a settings dict in another file (`CONFIG["system_prompt"]`): the entry is
                # the cause, reported once at its definition, naming where it is sent.
                if (defined_in, use["name"]) in reported:
                    continue
                reported.add((defined_in, use["name"]))
                repo.report(cls, defined_in, template["line"], name=use["short"], defined=f"{path}:{use['line']}",
                            placeholders=fields, via=via, where_word="at", how=SENT_AS_IS, has=HAS, consequence=CARRIES,
                            related=[Location(path, use["line"], f"{use['short']} sent here")])
                continue
            if defined_in == path and template["line"]:
                # Defined in this file: the template is the cause, and one finding covers every use.
                if (path, use["name"]) in reported:
                    continue
                reported.add((path, use["name"]))
                repo.report(cls, path, template["line"], name=use["short"], defined=f"line {use['line']}",
                            placeholders=fields, via=via, where_word="at", how=SENT_AS_IS, has=HAS, consequence=CARRIES,
                            related=[Location(path, use["line"], f"{template['short']} sent here")])
                continue
            repo.report(cls, path, use["line"], name=use["short"], defined=f"{defined_in}:{template['line']}",
                        placeholders=fields, via=via, where_word="here", how=SENT_AS_IS, has=HAS, consequence=CARRIES,
                        related=[Location(defined_in, template["line"], f"{template['short']} defined here")])

    @classmethod
    def _dollar_templates_partly_filled(cls, repo: RepoContext) -> None:
        """`QA = Template("... $context ... $question")` filled by `QA.safe_substitute(question=q)`:
        safe_substitute leaves `$context` in the text instead of raising. Reported at the template."""
        templates: dict[str, list[tuple[str, dict]]] = {}
        for path, facts in repo.facts(cls.code):
            for template in facts.get("dollar", []):
                templates.setdefault(template["name"], []).append((path, template))
        reported: set[tuple[str, str]] = set()
        for path, facts in repo.facts(cls.code):
            for fill in facts.get("dollar_fills", []):
                found = _defining(_candidates(templates, fill["name"]), path)
                if found is None:
                    continue
                defined_in, template = found
                left = [f for f in template["fields"] if f not in fill["kws"]]
                if not left or (defined_in, template["name"]) in reported:
                    continue
                reported.add((defined_in, template["name"]))
                repo.report(cls, defined_in, template["line"], name=template["short"], has=HAS,
                            placeholders=", ".join("$" + f for f in left),
                            how="but the `safe_substitute` that fills it leaves them", where_word="at",
                            defined=f"{path}:{fill['line']}", via="",
                            consequence="safe_substitute keeps a field it is not given as it is, so the model reads "
                                        "the placeholder where the text should be",
                            related=[Location(path, fill["line"], "filled here, partly")])

    @classmethod
    def _jinja_renders_partly_filled(cls, repo: RepoContext) -> None:
        """`env.get_template("summarize.j2").render(article=doc)` where the template reads `{{ document }}`: jinja2's
        default `Undefined` renders a variable it is not given as an empty string. Reported at the render."""
        for path, facts in repo.facts(cls.code + ":jinja"):
            folder = path.rpartition("/")[0]
            for render in facts["renders"]:
                source = facts["templates"].get(render["template"])
                if source is None:
                    continue
                text = source.get("text")
                if text is None:
                    for base in [*facts["dirs"], ""]:
                        for candidate in {posixpath.normpath(posixpath.join(base, source["file"])),
                                          posixpath.normpath(posixpath.join(folder, base, source["file"]))}:
                            if candidate.startswith(("..", "/")):
                                continue
                            try:
                                text = repo.read_bytes(candidate).decode("utf-8", "replace")
                                break
                            except (OSError, ValueError):
                                continue
                        if text is not None:
                            break
                if text is None:
                    continue
                left = [v for v in jinja_variables(text) if v not in render["kws"]]
                if left:
                    repo.report(cls, path, render["line"], name=render["template"], has=HAS,
                                placeholders=", ".join("{{ " + v + " }}" for v in left),
                                how="but the `render` that fills it is not given them", where_word="at",
                                defined=f"{path}:{render['line']}", via="",
                                consequence="jinja2 renders a variable it is not given as an empty string, so the model "
                                            "reads nothing where the text should be")

    @classmethod
    def _template_files_rendered_with_other_keys(cls, repo: RepoContext) -> None:
        """`render_text(prompt_function, {"input": q, "output": a})` where the loaded `.prompt` file reads
        `{{question}}` and `{{answer}}`: the values are given under names the template does not use, and the
        fields it does use render empty. Reported at the render when none of the values given fills a field."""
        for path, facts in repo.facts(cls.code + ":files"):
            for render in facts["renders"]:
                found = _find_template_file(repo, path, render["file"])
                if found is None:
                    continue
                fields = list(dict.fromkeys(_BARE_VARIABLE.findall(found[1])))
                if not fields or set(fields) & set(render["keys"]):
                    continue
                repo.report(cls, path, render["line"], name=render["file"], has=HAS,
                            placeholders=", ".join("{{" + f + "}}" for f in fields),
                            how="but the render that fills it is given " + ", ".join(f"`{k}`" for k in render["keys"]),
                            where_word="at", defined=f"{path}:{render['line']}", via="",
                            consequence="no value reaches a field of the template, so the model reads empty fields "
                                        "where the text should be",
                            related=[Location(found[0], 1, f"{render['file']}, the template loaded")])

    @classmethod
    def _class_templates_sent_elsewhere(cls, repo: RepoContext, texts: dict[str, str]) -> None:
        """A class attribute template (a config dataclass's default) sent unfilled from another file:
        reported at its definition, once."""
        defined: dict[str, list[tuple[str, dict]]] = {}  # "Class.attr" -> (file, template)
        for path, facts in repo.facts(cls.code + ":classes"):
            for template in facts.get("templates", []):
                defined.setdefault(template["name"], []).append((path, template))
        reported: set[tuple[str, str]] = set()
        for path, facts in repo.facts(cls.code + ":classes"):
            for use in facts.get("sent", []):
                module, _, short = use["name"].rpartition(".")
                module, _, klass = module.rpartition(".")  # `pkg.config` . `EvalConfig` . `instruction`
                found = _defining([(p, t) for p, t in defined.get(f"{klass}.{short}", [])
                                   if module == t["module"] or module.endswith("." + t["module"])
                                   or p.rsplit(".", 1)[0].replace("/", ".").endswith(module)], path)
                if found is None or found[0] == path or (found[0], use["name"]) in reported:
                    continue  # a template sent by its own file is reported there
                defined_in, template = found
                roots = {field_root(f) for f in template["fields"]}
                if not (cls._meant_as_template(repo, template, use, path, False, texts)
                        or any(_IDENTIFIER.fullmatch(r) for r in roots)):
                    continue  # `{answer}` may be shown on purpose; `{topic_area}` names a variable
                reported.add((defined_in, use["name"]))
                repo.report(cls, defined_in, template["line"], name=template["short"], has=HAS,
                            placeholders=", ".join("{" + f + "}" for f in template["fields"]), how=SENT_AS_IS,
                            where_word="at", defined=f"{path}:{use['line']}",
                            via=f" by `{use['via']}`" if use["via"] else "", consequence=CARRIES,
                            related=[Location(path, use["line"], f"{template['short']} sent here")])

    @staticmethod
    def _meant_as_template(repo: RepoContext, template: dict, use: dict, path: str, formatted: bool,
                           texts: dict[str, str]) -> bool:
        """A prompt may show `{answer}` to the model on purpose; ask for a sign the braces are fields."""
        if formatted or template["escapes"] or template["words"] or TEMPLATE_NAME.search(template["short"]):
            return True
        if path not in texts:
            try:
                texts[path] = (repo.root / path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                texts[path] = ""
        roots = {field_root(f) for f in template["fields"]}
        return any(re.search(rf"\b{re.escape(r)}\b", texts[path]) for r in roots)


def _entry_key(flow: TextFlow, load: cst.CSTNode) -> str | None:
    """`"system_prompt"` of `CONFIG["system_prompt"]`: the key a load of an imported dict reads."""
    parent = flow.scopes.parent.get(id(load))
    if isinstance(parent, cst.Subscript) and parent.value is load and len(parent.slice) == 1 \
            and isinstance(parent.slice[0].slice, cst.Index):
        return string_value(parent.slice[0].slice.value)
    return None


def _filled_into_unread_name(flow: TextFlow, call: cst.CSTNode) -> bool:
    """`system = T.format(...)` where nothing reads `system` afterwards."""
    statement = flow.scopes.parent.get(id(call))
    if not (isinstance(statement, cst.Assign) and statement.value is call and len(statement.targets) == 1
            and isinstance(statement.targets[0].target, cst.Name)):
        return False
    return not flow.scopes.loads_reached(statement, statement.targets[0].target.value)


def _file_fields(repo: RepoContext, path: str, read: str) -> tuple[list[str], str]:
    """The fields of the text file a template was read from (relative to the repo or to the
    reading file's folder), and its path in the repo."""
    folder = str(PurePosixPath(path).parent)
    read, _, key = read.partition("#")  # `prompts/sql.yaml#template`: one entry of a YAML / JSON file
    for relative in ([read] if not read.startswith("./") else []) + [f"{folder}/{read}".removeprefix("./")]:
        relative = relative.removeprefix("./")
        try:
            text = (repo.root / relative).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if key:
            entry = _json_entry(text, key) if relative.endswith(".json") else yaml_value(text, key)
            return (template_fields(entry) if entry else []), relative
        return template_fields(text), relative
    return [], read


def _json_entry(text: str, key: str) -> str | None:
    try:
        value = json.loads(text).get(key)
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def _assigned_to(attribute: cst.Attribute, flow: TextFlow) -> bool:
    parent = flow.scopes.parent.get(id(attribute))
    if isinstance(parent, cst.AssignTarget) or (isinstance(parent, (cst.AnnAssign, cst.AugAssign)) and parent.target is attribute):
        return True
    return False


_REPLACED_NAME = re.compile(r"""\.replace\(\s*[rbu]?["']\{(\w+)\}["']""")
_REPLACED_FIELD = re.compile(r"""\.replace\(\s*[rbu]?["']\{\w+\}["']""")
_TOKENIZES = re.compile(r"(?i)tokenizer|apply_chat_template")
_BUILDER_DEF = re.compile(r"(?im)^\s*def\s+(\w*(prompt|messages|_query\b|(build|make|format|render)_(input|question|request|text|example))|"
                          r"doc_to_text\b)")
# Builders whose return value is the text a model reads, by their name; lm-eval-harness's `doc_to_text` hook
# (named by a task YAML, `doc_to_text: !function utils.doc_to_text`) and a harness's `format_example`.
_PROMPT_BUILDER = re.compile(r"(?i)prompt|messages|_query$|^(build|make|format|render)_(input|question|request|text|example)|"
                             r"^doc_to_text$")


def _config_template_report(cls: type, repo: RepoContext) -> None:
    """`cfg.prompt.template.replace("{question}", q)` sent to a model, the template in the run's YAML
    config (`prompt: template: |` with `{domain}` and `{question}`): the fields the chain leaves."""
    for path, found in repo.facts(cls.code + ":config"):  # type: ignore[attr-defined]
        for use in found:
            for config in use["files"]:
                try:
                    text = repo.read_bytes(config).decode("utf-8", "replace")
                except OSError:
                    continue
                value = yaml_value(text, use["key"])
                left = sorted(set(re.findall(r"\{(\w+)\}", value or "")) - set(use["fields"]))
                if left and use.get("joined"):
                    repo.report(cls, path, use["line"], name=f"cfg.{use['key']}", config=config,
                                placeholders=", ".join(f"{{{f}}}" for f in left),
                                message="`{name}` (from {config}) has {placeholders}, but it is joined to the text with "
                                        "`+` and never filled: the model reads the braces where the values should be")
                    break
                if left:
                    repo.report(cls, path, use["line"], name=f"cfg.{use['key']}", config=config,
                                placeholders=", ".join(f"{{{f}}}" for f in left),
                                message="`{name}` (from {config}) has {placeholders}, which the `.replace` chain that "
                                        "fills it leaves: the model reads the braces where the values should be")
                    break


def _partly_replaced(flow: TextFlow, node: cst.CSTNode, calls: list[cst.Call]) -> tuple[set[str], cst.CSTNode] | None:
    """(the fields filled, the model call) when `node` starts a `.replace("{field}", ...)` chain whose
    text goes to a model and nothing else fills it."""
    if not isinstance(node, cst.Call):
        return None
    chain = replace_chain(flow, node)
    if chain is None:
        return None
    fields, outer = chain
    destinations = flow.destinations(outer)
    if destinations and all(d.kind == RETURNED for d in destinations):
        # A builder (`def messages_for(item): user = T.replace(...); return [...]`) whose callers
        # in this file send what it returns.
        function = flow.scopes.function_of(outer)
        via = flow.sent_by_callers(function, calls) if function is not None else None
        if via is None and function is not None and _PROMPT_BUILDER.search(function.name.value):
            # `def build_prompt(item)` filling some fields by `.replace` and returning the text to
            # callers in other files: the chain is the filling, and what it leaves goes out as it is
            return fields, function
        return (fields, via) if via is not None else None
    sent = next((d.node for d in destinations if d.kind == SENT), None)
    if sent is None or any(d.kind in (FORMATTED, ESCAPES, RETURNED) for d in destinations):
        return None
    return fields, sent


def _candidates(templates: dict[str, list[tuple[str, dict]]], name: str) -> list[tuple[str, dict]]:
    """Definitions of the qualified `name`; for `tests.prompts.X` also `prompts.X` defined in
    `tests/prompts.py` (a folder without `__init__.py` names its modules without the folder)."""
    found = templates.get(name)
    if found:
        return found
    module, _, short = name.rpartition(".")
    out = []
    for key, entries in templates.items():
        if name.endswith("." + key):
            out += [(path, t) for path, t in entries
                    if path.rsplit(".", 1)[0].replace("/", ".").endswith(module)]
    return out


def _defining(candidates: list[tuple[str, dict]], path: str, line: int | None = None) -> tuple[str, dict] | None:
    """The definition a use in `path` reads: its own file's (the assignment that reaches it, when a
    notebook assigns the name in several cells), else the only one of that module name, else the
    one in the same folder (two scripts folders may both have a `prompts.py`)."""
    own = [c for c in candidates if c[0] == path]
    if own:
        return next((c for c in own if line is not None and c[1]["line"] == line), own[-1] if line is None else None) or own[0]
    if len(candidates) == 1:
        return candidates[0]
    folder = path.rsplit("/", 1)[0] if "/" in path else ""
    near = [c for c in candidates if (c[0].rsplit("/", 1)[0] if "/" in c[0] else "") == folder]
    return near[0] if len(near) == 1 else None


def _count_word(word: str, text: str) -> int:
    return len(re.findall(rf"\b{re.escape(word)}\b", text))


def _formatted_in_text(name: str, text: str, template: TemplateLiteral | None = None) -> bool:
    """`name.format(`, `name %` ... anywhere in the file; `%` does not fill a template with `{fields}` and
    no %-conversion (it returns the text unchanged)."""
    percent = "|%" if template is None or not percent_keeps_braces(string_value(template.node) or template.text) else ""
    return re.search(rf"\b{re.escape(name)}\s*(\.\s*(format|format_map|replace|substitute|safe_substitute)\s*\({percent})",
                     text) is not None


def _assignment_line(ctx: FileContext, name: str) -> int | None:
    """The line of `NAME = ...` at the module's top level, found in the text (no position metadata)."""
    match = re.search(rf"^{re.escape(name)}\s*(:[^=\n]*)?=(?!=)", ctx.text, re.M)
    if match is None:
        return None
    line = ctx.text.count("\n", 0, match.start()) + 1
    return ctx.notebook.locate(line)[2] if ctx.notebook is not None else line


# jinja2 in a file: the template folders of its loaders, the templates bound to names, and the renders.
_JINJA_LOADER = re.compile(r"FileSystemLoader\(\s*(?:searchpath\s*=\s*)?[\"']([^\"']+)[\"']")
_JINJA_FILE = re.compile(r"^\s*(\w+)\s*=\s*\w+\.get_template\(\s*[\"']([^\"']+)[\"']\s*\)", re.M)
_JINJA_READ = re.compile(r"^\s*(\w+)\s*=\s*(?:jinja2\.)?Template\(\s*(?:open\(\s*|Path\(\s*|pathlib\.Path\(\s*)"
                         r"[\"']([^\"']+)[\"']\s*\)\.read(?:_text)?\(\)", re.M)
_JINJA_RENDER = re.compile(r"\b(\w+)\.render\(([^()]*(?:\([^()]*\)[^()]*)*)\)")
_JINJA_VARIABLE = re.compile(r"\{\{-?\s*([A-Za-z_]\w*)|\{%-?\s*(?:if|elif)\s+(?:not\s+)?([A-Za-z_]\w*)|"
                             r"\{%-?\s*for\s+[\w\s,]+\s+in\s+([A-Za-z_]\w*)")
_JINJA_BOUND = re.compile(r"\{%-?\s*(?:for\s+([\w\s,]+?)\s+in|set\s+(\w+)|macro\s+(\w+))")
_JINJA_GLOBALS = frozenset({"loop", "range", "true", "false", "none", "True", "False", "None", "self", "caller",
                            "varargs", "kwargs", "lipsum", "dict", "cycler", "joiner", "namespace"})


def jinja_variables(text: str) -> list[str]:
    """The variables a jinja2 template reads from its caller: not those its own `for` / `set` / `macro` bind."""
    bound = {name.strip() for m in _JINJA_BOUND.finditer(text) for group in m.groups() if group
             for name in group.split(",")}
    found = [next(g for g in m.groups() if g) for m in _JINJA_VARIABLE.finditer(text)]
    return list(dict.fromkeys(v for v in found if v not in bound and v not in _JINJA_GLOBALS))


# A template file loaded by name into a variable by a loader of the project or a library
# (`prompt_function = await load_prompt_file(_get_prompt_path("answer_relevancy.prompt"))`), and a render call
# given that variable and a dict of values (`render_text(prompt_function, {"question": q, "answer": a})`).
_FILE_LOAD = re.compile(r"^\s*(\w+)\s*=\s*(?:await\s+)?[\w.]*(?:load|read|get|open)\w*\(.*?[\"']([^\"'()]+\."
                        r"(?:prompt|j2|jinja|jinja2|hbs|handlebars|mustache))[\"']", re.M)
_FILE_RENDER = re.compile(r"\b[\w.]*render\w*\(\s*(\w+)\s*,\s*\{([^{}]*)\}\s*\)")
_DICT_KEY = re.compile(r"[\"'](\w+)[\"']\s*:")
# A bare variable of a handlebars / mustache / jinja template: `{{question}}`, `{{ answer }}`, not a helper
# given arguments (`{{role "system"}}`) nor a block (`{{#if x}}`, `{{/if}}`).
_BARE_VARIABLE = re.compile(r"\{\{-?\s*([A-Za-z_]\w*)\s*-?\}\}")


def _file_template_facts(text: str) -> dict[str, Any] | None:
    """Template files a file loads by name and renders with a dict literal of values."""
    if "render" not in text:
        return None
    loads = [(m.start(), m.group(1), m.group(2)) for m in _FILE_LOAD.finditer(text)]
    if not loads:
        return None
    renders = []
    for m in _FILE_RENDER.finditer(text):
        # the file last loaded into the variable before the render (one name may be loaded in several branches)
        loaded = [file for at, name, file in loads if name == m.group(1) and at < m.start()]
        if loaded and "**" not in m.group(2):
            keys = _DICT_KEY.findall(m.group(2))
            if keys:
                renders.append({"template": m.group(1), "file": loaded[-1], "keys": keys,
                                "line": text.count("\n", 0, m.start()) + 1})
    return {"renders": renders} if renders else None


def _find_template_file(repo: RepoContext, path: str, name: str) -> tuple[str, str] | None:
    """(path, text) of a template file named `name` next to the file that loads it, or in a `prompts` /
    `templates` folder of one of its parent folders (a loader that builds the path from the name)."""
    folder = path.rpartition("/")[0]
    parts = folder.split("/") if folder else []
    for depth in range(len(parts), -1, -1):
        base = "/".join(parts[:depth])
        for sub in ("", "prompts", "templates"):
            candidate = posixpath.normpath(posixpath.join(base, sub, name))
            if candidate.startswith(("..", "/")):
                continue
            try:
                return candidate, repo.read_bytes(candidate).decode("utf-8", "replace")
            except (OSError, ValueError):
                continue
    return None


def _jinja_facts(text: str) -> dict[str, Any] | None:
    """The jinja2 templates a file renders with keyword arguments only, unless it makes undefined variables raise."""
    if "jinja2" not in text or ".render(" not in text or "StrictUndefined" in text:
        return None
    templates: dict[str, dict[str, str]] = {m.group(1): {"file": m.group(2)} for m in _JINJA_FILE.finditer(text)}
    templates.update({m.group(1): {"file": m.group(2)} for m in _JINJA_READ.finditer(text)})
    renders = []
    for m in _JINJA_RENDER.finditer(text):
        if m.group(1) not in templates or "**" in m.group(2) or not m.group(2).strip():
            continue
        keywords = re.findall(r"(?:^|,)\s*(\w+)\s*=(?!=)", m.group(2))
        if keywords:
            renders.append({"template": m.group(1), "kws": keywords, "line": text.count("\n", 0, m.start()) + 1})
    if not renders:
        return None
    return {"dirs": [m.group(1) for m in _JINJA_LOADER.finditer(text)], "templates": templates, "renders": renders}
