"""PROMPT004: a function that calls a model takes a system prompt (or prompt) it never uses."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.apis.llm import model_call_here
from hygiene.analysis.strings import string_value
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.analysis.textflow import TextFlow
from hygiene.walk import iter_nodes

PROMPT_NAME = re.compile(r"(?i)^(sys|system\w*|\w*_system|\w*prompt\w*|instructions?|\w*_instructions?|persona|"
                         r"preamble|\w*template|few_?shots?\w*|demos|demonstrations|messages|history|context_prompt)$")
STUB_DECORATORS = ("abstractmethod", "overload", "abc.abstractmethod", "typing.overload")


class PromptParameterIgnored(Rule):
    """
    ## What it does
    Finds functions that call a model (a client call, or a request body they write for the Batch
    API or a raw HTTP call: a dict with `model` and `messages` keys) and take a parameter named like part of the prompt
    (`system`, `system_prompt`, `instruction`, `persona`, `few_shot`, `template`, `messages`)
    that their body never reads, locals of such a name (or of any name, filled from a template that the function
    also sends unfilled: `rubric = RUBRIC.format(...)` beside `"text": RUBRIC`, reported where the template goes out)
    that are built and never read (or read
    only by a print or a log line, in a function or a script that calls a model, directly or through a
    function of the same file that does), and
    attributes of such a name (`self.system_prompt = SYSTEM.format(persona=p)`) set in a class
    that calls a model and read nowhere in the repository, and a prompt text written out at module level
    (`SYSTEM = ("You are a safety classifier. ...")`) in a file that calls a model, read nowhere in the
    repository.

    A function handed to a call by keyword (`trlx.train(..., metric_fn=metric_fn)`) has the parameters the
    library calls it with: a prompt parameter it leaves unread is not reported. A module text that opens
    with the same line as the default of a prompt parameter (`FEW_SHOT` beside `def rel(q, p, instruction=
    ZERO_SHOT)`) is a variant offered for that parameter, not a prompt left unsent.

    Precision (corpus9; branch precision18): 3 findings, 0 real / 2 debatable / 1 false. The false one, a
    framework callback's signature (`metric_fn(samples, prompts, outputs)`) whose prompts a sentiment
    metric should not read, is now left alone; the two debatable are a copied prompt template no path sends
    (one file). No real finding on the corpus; it has labels in the development set, 4 cases and every
    probe. Proposed to the lead: keep it a finding (its labelled shape, a system prompt a wrapper drops, is a
    real silent bug), or demote it at the cost of those labels.

    ## Why is this bad?
    The caller believes the prompt carries it: a "system prompt condition" sends exactly the
    same requests as the baseline, and the comparison reports noise as an effect (or no effect).

    ## Example
        def ask(client, cfg, system, turns):
            return client.messages.create(model=cfg["model"], max_tokens=512, messages=turns)

    Use instead:
        def ask(client, cfg, system, turns):
            kwargs = {"system": system} if system is not None else {}
            return client.messages.create(model=cfg["model"], max_tokens=512, messages=turns, **kwargs)
    """

    code = "PROMPT004"
    category = "PROMPT-UNFILLED"
    severity = Severity.ERROR
    message = "{owner} {how} `{name}` but never sends it: `{call}` is sent without it"
    question = "Does the model called at {where} ever receive `{name}`? Compare two requests from different conditions."
    # PROMPT_NAME ignores case (a local `SYSTEM = f"..."` is a prompt too): the pre-test's words in each spelling
    triggers = tuple(w for word in ("system", "prompt", "instruction", "persona", "shot", "demo", "template", "messages", "history")
                     for w in (word, word.upper(), word.capitalize()))
    examples = [
        invalid("""
            import anthropic
            client = anthropic.Anthropic()
            RUBRIC_TEMPLATE = open("prompts/rubric.txt").read()

            def grade(essay, criteria):
                rubric = RUBRIC_TEMPLATE.format(criteria=criteria)
                msg = client.messages.create(
                    model=JUDGE, max_tokens=300,
                    system=[{"type": "text", "text": RUBRIC_TEMPLATE, "cache_control": {"type": "ephemeral"}}],  # expect: PROMPT004
                    messages=[{"role": "user", "content": essay}])
                return msg.content[0].text
        """, note="probe 24: the rubric is filled under a name of no prompt word, and the template itself is sent (a "
                  "cached system block): reported where the template goes out"),
        valid("""
            import anthropic
            client = anthropic.Anthropic()
            RUBRIC_TEMPLATE = open("prompts/rubric.txt").read()

            def grade(essay, criteria):
                rubric = RUBRIC_TEMPLATE.format(criteria=criteria)
                msg = client.messages.create(
                    model=JUDGE, max_tokens=300,
                    system=[{"type": "text", "text": rubric, "cache_control": {"type": "ephemeral"}}],
                    messages=[{"role": "user", "content": essay}])
                return msg.content[0].text
        """, note="near miss: the filled rubric is sent"),
        valid("""
            from transformers import pipeline
            import trlx

            classifier = pipeline("sentiment-analysis", "org/sentiment-model")

            def metric_fn(samples, prompts, outputs):
                return {"positive": [r["score"] for r in classifier(outputs)]}

            trainer = trlx.train(samples=train_texts, eval_prompts=eval_texts, metric_fn=metric_fn, config=config)
        """, note="corpus9: a callback whose parameters the library fixes; a metric of the outputs alone leaves the "
                  "prompts unread on purpose"),
        invalid("""
            from transformers import pipeline

            classifier = pipeline("sentiment-analysis", "org/sentiment-model")

            def score_rewrites(samples, prompts, outputs):
                return {"positive": [r["score"] for r in classifier(outputs)]}  # expect: PROMPT004

            print(score_rewrites(samples, prompts, outputs))
        """, note="near miss: the same function called directly by the experiment, which passes prompts it drops"),
        invalid("""
            import json
            from openai import OpenAI

            client = OpenAI()

            def build_prompt(item):
                return f"Answer with a single integer.\\n\\n{item['question']}"

            for item in map(json.loads, open("data/test.jsonl")):
                prompt = build_prompt(item)  # expect: PROMPT004
                resp = client.responses.create(model="o4-mini", input=item["question"])
                print(resp.output_text == str(item["answer"]))
        """, note="lead probe 3: the prompt built for each item is never sent; the Responses API gets the bare question"),
        valid("""
            import json
            from openai import OpenAI

            client = OpenAI()

            def build_prompt(item):
                return f"Answer with a single integer.\\n\\n{item['question']}"

            for item in map(json.loads, open("data/test.jsonl")):
                prompt = build_prompt(item)
                resp = client.responses.create(model="o4-mini", input=prompt)
                print(resp.output_text == str(item["answer"]))
        """, note="near miss: the built prompt is sent"),
        invalid("""
            import anthropic
            SYSTEM = (  # expect: PROMPT004
                "You are a safety classifier. Decide whether the final turn gives uplift for weapons or cybercrime. "
                "Reply with exactly one word: SAFE or UNSAFE."
            )
            client = anthropic.Anthropic()

            def main(transcripts):
                return [client.messages.create(model="claude-3-5-sonnet-20241022", max_tokens=4,
                                               messages=[{"role": "user", "content": t}]) for t in transcripts]
        """, note="probe20: the module's system prompt is written out and never sent"),
        valid("""
            import anthropic
            SYSTEM = (
                "You are a safety classifier. Decide whether the final turn gives uplift for weapons or cybercrime. "
                "Reply with exactly one word: SAFE or UNSAFE."
            )
            client = anthropic.Anthropic()

            def main(transcripts):
                return [client.messages.create(model="claude-3-5-sonnet-20241022", max_tokens=4, system=SYSTEM,
                                               messages=[{"role": "user", "content": t}]) for t in transcripts]
        """, note="near miss: the system prompt is passed"),
        valid({
            "prompts.py": """
                import anthropic
                SYSTEM = (
                    "You are a safety classifier. Decide whether the final turn gives uplift for weapons or cybercrime. "
                    "Reply with exactly one word: SAFE or UNSAFE."
                )

                def ping(client):
                    return client.messages.create(model="claude-3-5-haiku-20241022", max_tokens=1, messages=[{"role": "user", "content": "hi"}])
            """,
            "run.py": """
                from prompts import SYSTEM
                print(SYSTEM)
            """,
        }, note="near miss: another module imports the text"),
        valid("""
            from openai import OpenAI
            client = OpenAI()

            GRADED_INSTRUCTION = (
                "Read the claim and the evidence, then say whether the evidence supports the claim: `Yes` or `No`.\\n\\n"
                "Claim: The Nile is longer than the Amazon.\\n"
                "Evidence: Most measurements give the Nile 6,650 km and the Amazon 6,400 km.\\n"
                "Supported: Yes\\n"
            )

            PLAIN_INSTRUCTION = "Read the claim and the evidence, then say whether the evidence supports the claim: `Yes` or `No`."


            def supported(claim, evidence, instruction: str = PLAIN_INSTRUCTION, model="gpt-4o-mini"):
                prompt = f"{instruction}\\nClaim: {claim}\\nEvidence: {evidence}\\nSupported:"
                reply = client.chat.completions.create(model=model, max_tokens=1,
                                                       messages=[{"role": "user", "content": prompt}])
                return reply.choices[0].message.content.strip() == "Yes"
        """, note="held-out set 30: the few-shot variant of the instruction a function takes as a keyword argument "
                  "(its default is the plain variant, the same first line) is a value offered to callers"),
        invalid("""
            from openai import OpenAI
            client = OpenAI()

            GRADED_INSTRUCTION = (  # expect: PROMPT004
                "Read the claim and the evidence, then say whether the evidence supports the claim: `Yes` or `No`.\\n\\n"
                "Claim: The Nile is longer than the Amazon.\\n"
                "Evidence: Most measurements give the Nile 6,650 km and the Amazon 6,400 km.\\n"
                "Supported: Yes\\n"
            )

            PLAIN_INSTRUCTION = "Read the claim and the evidence, then say whether the evidence supports the claim: `Yes` or `No`."


            def supported(claim, evidence, model="gpt-4o-mini"):
                prompt = f"{PLAIN_INSTRUCTION}\\nClaim: {claim}\\nEvidence: {evidence}\\nSupported:"
                reply = client.chat.completions.create(model=model, max_tokens=1,
                                                       messages=[{"role": "user", "content": prompt}])
                return reply.choices[0].message.content.strip() == "Yes"
        """, note="the twin: the function sends the plain variant written in; no parameter takes the few-shot one, "
                  "which is never sent"),
        invalid("""
            from google import genai
            from google.genai import types
            client = genai.Client()
            def grade(question, essay):
                SYSTEM = f"You are a strict examiner. Grade with this rubric:\\n{RUBRIC}"  # expect: PROMPT004
                cfg = types.GenerateContentConfig(temperature=0.0, max_output_tokens=8)
                return client.models.generate_content(model="gemini-2.0-flash", contents=f"{question}\\n{essay}", config=cfg).text
        """, note="held-out probe 19: an upper-case local, the rubric built and left out of the config"),
        valid("""
            from google import genai
            from google.genai import types
            client = genai.Client()
            def grade(question, essay):
                SYSTEM = f"You are a strict examiner. Grade with this rubric:\\n{RUBRIC}"
                cfg = types.GenerateContentConfig(system_instruction=SYSTEM, temperature=0.0, max_output_tokens=8)
                return client.models.generate_content(model="gemini-2.0-flash", contents=f"{question}\\n{essay}", config=cfg).text
        """, note="near miss: the system instruction is passed in the config"),
        invalid("""
            import json
            PERSONA = "You are talking to {persona}."

            def requests_for(items, personas, model="gpt-4o"):
                for persona in personas:
                    for it in items:
                        system = PERSONA.format(persona=persona)  # expect: PROMPT004
                        yield {"custom_id": f"{persona}-{it['id']}", "method": "POST", "url": "/v1/chat/completions",
                               "body": {"model": model, "messages": [{"role": "user", "content": it["claim"]}]}}
        """, note="probe 11: Batch API request lines are the model call; the persona prompt never enters them"),
        valid("""
            import json
            PERSONA = "You are talking to {persona}."

            def requests_for(items, personas, model="gpt-4o"):
                for persona in personas:
                    for it in items:
                        system = PERSONA.format(persona=persona)
                        yield {"custom_id": f"{persona}-{it['id']}", "method": "POST", "url": "/v1/chat/completions",
                               "body": {"model": model, "messages": [{"role": "system", "content": system},
                                                                     {"role": "user", "content": it["claim"]}]}}
        """, note="near miss: the persona prompt is the request's system message"),
        invalid({
            "llm/__init__.py": "",
            "llm/models.py": """
                import anthropic

                class ChatModel:
                    def __init__(self, name):
                        self.name = name
                        self.client = anthropic.Anthropic()

                    def generate(self, prompt, system=None, max_tokens=512):
                        reply = self.client.messages.create(model=self.name, max_tokens=max_tokens,  # expect: PROMPT004
                                                            messages=[{"role": "user", "content": prompt}])
                        return reply.content[0].text
            """,
            "experiments/personas.py": """
                from llm.models import ChatModel

                PERSONAS = {"pirate": "You are a pirate.", "lawyer": "You are a cautious lawyer."}
                model = ChatModel("claude-sonnet-4-5")
                answers = {name: model.generate("Should I sign this contract?", system=persona)
                           for name, persona in PERSONAS.items()}
            """,
        }, note="across modules: the model wrapper's method takes `system` and drops it; the persona experiment "
                "in another package passes a different one per condition"),
        valid({
            "llm/__init__.py": "",
            "llm/models.py": """
                import anthropic

                class ChatModel:
                    def __init__(self, name):
                        self.name = name
                        self.client = anthropic.Anthropic()

                    def generate(self, prompt, system=None, max_tokens=512):
                        extra = {"system": system} if system else {}
                        reply = self.client.messages.create(model=self.name, max_tokens=max_tokens,
                                                            messages=[{"role": "user", "content": prompt}], **extra)
                        return reply.content[0].text
            """,
            "experiments/personas.py": """
                from llm.models import ChatModel

                PERSONAS = {"pirate": "You are a pirate.", "lawyer": "You are a cautious lawyer."}
                model = ChatModel("claude-sonnet-4-5")
                answers = {name: model.generate("Should I sign this contract?", system=persona)
                           for name, persona in PERSONAS.items()}
            """,
        }, note="near miss of the same layout: the wrapper passes `system` on when it is given"),
        invalid({"personas.ipynb": notebook(
            """
            from openai import OpenAI
            client = OpenAI()
            personas = ["a pirate", "a cautious lawyer", "a kindergarten teacher"]
            """,
            """
            def ask(question, persona):
                system_prompt = f"You are {persona}. Stay in character."  # expect: PROMPT004
                out = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
                return out.choices[0].message.content
            """,
            """
            answers = {p: ask("Should I sign this contract?", p) for p in personas}
            """,
        )}, note="notebook: the helper cell builds a system prompt and drops it; a later cell compares personas"),
        valid({"personas.ipynb": notebook(
            """
            from openai import OpenAI
            client = OpenAI()
            personas = ["a pirate", "a cautious lawyer", "a kindergarten teacher"]
            """,
            """
            def ask(question, persona):
                system_prompt = f"You are {persona}. Stay in character."
                out = client.chat.completions.create(model="gpt-4o", messages=[
                    {"role": "system", "content": system_prompt}, {"role": "user", "content": question}])
                return out.choices[0].message.content
            """,
            """
            answers = {p: ask("Should I sign this contract?", p) for p in personas}
            """,
        )}, note="near miss: the same cells, the system prompt sent"),
        invalid("""
            import anthropic

            def ask(client: anthropic.Anthropic, cfg: dict, system: str | None, turns: list) -> str:
                kwargs = dict(model=cfg["model"], max_tokens=cfg["max_tokens"], messages=turns)
                resp = client.messages.create(**kwargs)  # expect: PROMPT004
                return resp.content[0].text
        """),
        invalid("""
            from openai import OpenAI
            client = OpenAI()

            def answer(question, persona):
                system_prompt = f"You are {persona}."  # expect: PROMPT004
                out = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
                return out.choices[0].message.content
        """, note="a system prompt built and dropped"),
        invalid("""
            from openai import AsyncOpenAI

            JUDGE = "You grade answers about {topic}. Reply PASS or FAIL."

            class Grader:
                def __init__(self):
                    self.api = AsyncOpenAI()

                async def grade(self, topic, answers):
                    instructions = JUDGE.format(topic=topic)  # expect: PROMPT004
                    verdicts = []
                    for a in answers:
                        r = await self.api.chat.completions.create(
                            model="gpt-4o-mini", messages=[{"role": "user", "content": a}])
                        verdicts.append(r.choices[0].message.content)
                    return verdicts
        """, note="an async method builds the judge's instructions and loops over calls without them: "
                  "reported at the definition, the call as related"),
        valid("""
            from openai import AsyncOpenAI

            JUDGE = "You grade answers about {topic}. Reply PASS or FAIL."

            class Grader:
                def __init__(self):
                    self.api = AsyncOpenAI()

                async def grade(self, topic, answers):
                    instructions = JUDGE.format(topic=topic)
                    verdicts = []
                    for a in answers:
                        r = await self.api.chat.completions.create(
                            model="gpt-4o-mini",
                            messages=[{"role": "system", "content": instructions}, {"role": "user", "content": a}])
                        verdicts.append(r.choices[0].message.content)
                    return verdicts
        """, note="the same instructions sent as the system message"),
        invalid("""
            import anthropic
            client = anthropic.Anthropic()

            class PersonaRunner:
                def __init__(self, persona):
                    self.system_prompt = "You are {persona}.".format(persona=persona)  # expect: PROMPT004

                def ask(self, question):
                    msg = client.messages.create(model="m", max_tokens=200, messages=[{"role": "user", "content": question}])
                    return msg.content[0].text
        """, note="a system prompt kept on the instance and never sent"),
        valid({
            "runner.py": """
                import anthropic
                client = anthropic.Anthropic()

                class PersonaRunner:
                    def __init__(self, persona):
                        self.system_prompt = "You are {persona}.".format(persona=persona)

                    def ask(self, question, system):
                        msg = client.messages.create(model="m", max_tokens=200, system=system,
                                                     messages=[{"role": "user", "content": question}])
                        return msg.content[0].text
            """,
            "main.py": """
                from runner import PersonaRunner
                runner = PersonaRunner("a pirate")
                print(runner.ask("hi", runner.system_prompt))
            """,
        }, note="read by another file"),
        invalid("""
            import logging
            import anthropic
            client = anthropic.Anthropic()
            log = logging.getLogger(__name__)
            SYSTEM_TEMPLATE = "You are {persona}. Stay in character."

            def ask(persona, question):
                system_prompt = SYSTEM_TEMPLATE.format(persona=persona)  # expect: PROMPT004
                log.info("system prompt: %s", system_prompt)
                msg = client.messages.create(model="m", max_tokens=200, messages=[{"role": "user", "content": question}])
                return msg.content[0].text
        """, note="built and logged, never sent"),
        invalid("""
            from openai import OpenAI
            INSTRUCTIONS = "You are grading essays for a {grade}th-grade class. Be {tone}."

            def grade_all(essays, tones):
                client = OpenAI()
                scores = {}
                for tone in tones:
                    for essay in essays:
                        instructions = INSTRUCTIONS.format(grade=essay["grade"], tone=tone)  # expect: PROMPT004
                        r = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                                           messages=[{"role": "user", "content": essay["text"]}])
                        scores[(tone, essay["id"])] = r.choices[0].message.content
                return scores
        """, note="built in a nested loop per condition, never read: every condition sends the same request"),
        valid("""
            from openai import OpenAI
            INSTRUCTIONS = "You are grading essays for a {grade}th-grade class. Be {tone}."

            def grade_all(essays, tones):
                client = OpenAI()
                scores = {}
                for tone in tones:
                    for essay in essays:
                        instructions = INSTRUCTIONS.format(grade=essay["grade"], tone=tone)
                        r = client.chat.completions.create(model="gpt-4o-mini", temperature=0,
                                                           messages=[{"role": "system", "content": instructions},
                                                                     {"role": "user", "content": essay["text"]}])
                        scores[(tone, essay["id"])] = r.choices[0].message.content
                return scores
        """, note="near miss: the same loop sends it"),
        invalid("""
            import anthropic
            client = anthropic.Anthropic()
            PERSONA = "You are {name}, a {job}. Answer as {name} would."
            records = []
            for persona in [{"name": "Ada", "job": "nurse"}, {"name": "Bo", "job": "farmer"}]:
                system_prompt = PERSONA.format(**persona)  # expect: PROMPT004
                for q in questions:
                    msg = client.messages.create(model="claude-3-haiku-20240307", max_tokens=200,
                                                 messages=[{"role": "user", "content": q}])
                    records.append((persona["name"], q, msg.content[0].text))
        """, note="probe 10: a script's loop over conditions builds the persona prompt and never passes `system=`"),
        invalid("""
            import anthropic
            client = anthropic.Anthropic()
            SYSTEM = "You are a careful assistant for {domain} questions."

            def generate(prompt, system=None):
                kwargs = dict(model="claude-3-5-haiku-20241022", max_tokens=400, messages=[{"role": "user", "content": prompt}])
                if system is not None:
                    kwargs["system"] = system
                return client.messages.create(**kwargs).content[0].text

            pairs = []
            for row in rows:
                system = SYSTEM.format(domain=row["domain"])  # expect: PROMPT004
                pairs.append({"chosen": generate(row["prompt"]), "rejected": generate(row["prompt"])})
        """, note="probe 16: the script calls the model through its own helper, which takes `system=` and is never given it"),
        valid("""
            import anthropic
            client = anthropic.Anthropic()
            SYSTEM = "You are a careful assistant for {domain} questions."

            def generate(prompt, system=None):
                kwargs = dict(model="claude-3-5-haiku-20241022", max_tokens=400, messages=[{"role": "user", "content": prompt}])
                if system is not None:
                    kwargs["system"] = system
                return client.messages.create(**kwargs).content[0].text

            pairs = []
            for row in rows:
                system = SYSTEM.format(domain=row["domain"])
                pairs.append({"chosen": generate(row["prompt"], system=system), "rejected": generate(row["prompt"])})
        """, note="near miss: the helper is given it"),
        valid("""
            import anthropic
            client = anthropic.Anthropic()
            PERSONA = "You are {name}, a {job}. Answer as {name} would."
            records = []
            for persona in [{"name": "Ada", "job": "nurse"}, {"name": "Bo", "job": "farmer"}]:
                system_prompt = PERSONA.format(**persona)
                for q in questions:
                    msg = client.messages.create(model="claude-3-haiku-20240307", max_tokens=200, system=system_prompt,
                                                 messages=[{"role": "user", "content": q}])
                    records.append((persona["name"], q, msg.content[0].text))
        """, note="near miss: the loop passes it as `system=`"),
        invalid("""
            from openai import OpenAI
            client = OpenAI()
            SYSTEM = "You are {persona}. Answer in character."
            system_prompt = SYSTEM.format(persona="a pirate")  # expect: PROMPT004
            print(system_prompt)
            answers = [client.chat.completions.create(model="m", messages=[{"role": "user", "content": q}]) for q in questions]
        """, note="a script or notebook: printed, never sent"),
        valid("""
            from openai import OpenAI
            client = OpenAI()
            SYSTEM = "You are {persona}. Answer in character."
            system_prompt = SYSTEM.format(persona="a pirate")
            print(system_prompt)
            answers = [client.chat.completions.create(model="m", messages=[{"role": "system", "content": system_prompt},
                                                                             {"role": "user", "content": q}]) for q in questions]
        """, note="printed and sent"),
        valid("""
            def stream(client, messages, model_name, temperature):
                system_prompt = ""
                if messages[0]["role"] == "system":
                    system_prompt = messages[0]["content"]
                    messages = messages[1:]
                with client.messages.stream(model=model_name, system=system_prompt, messages=messages) as s:
                    return s.get_final_text()
        """, note="set on a branch and sent"),
        valid("""
            import anthropic

            def ask(client, cfg, system, turns):
                kwargs = dict(model=cfg["model"], max_tokens=512, messages=turns)
                if system is not None:
                    kwargs["system"] = system
                return client.messages.create(**kwargs)
        """, note="passed conditionally through kwargs"),
        valid("""
            from abc import abstractmethod

            class Backend:
                @abstractmethod
                def generate(self, prompt, system=None):
                    ...

            def summarise(client, text, _system=None):
                return client.chat.completions.create(model="m", messages=[{"role": "user", "content": text}])
        """, note="an interface, and a parameter marked unused with `_`"),
        valid("""
            def load_prompts(path, template):
                return open(path).read().splitlines()
        """, note="no model call"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.model_calls: dict[int, cst.Call] = {}
        # Per class being walked: [calls a model?, {attribute: (line, the assignment)}].
        self.classes: list[list] = []
        # Prompt-named texts built in a scope (0: module level): (scope, name, assignment).
        self.built: list[tuple[int, str, cst.Assign]] = []
        self.reported: set[int] = set()
        # Calls of a plain name per scope (0: module level): perhaps a function of this file that calls a model.
        self.helper_calls: list[tuple[int, cst.Call]] = []
        # Prompt texts written out at module level (`SYSTEM = ("You are a safety classifier. ...")`).
        self.module_texts: list[tuple[str, cst.Assign]] = []

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append([None, {}])

    def _self_attribute(self, node: cst.Assign) -> None:
        if not self.classes or self.ctx.names.function is None:
            return
        for target in node.targets:
            t = target.target
            if isinstance(t, cst.Attribute) and isinstance(t.value, cst.Name) and t.value.value == "self" \
                    and PROMPT_NAME.match(t.attr.value) and not t.attr.value.startswith("_") \
                    and _builds_text(node.value):
                self.classes[-1][1].setdefault(t.attr.value, (self.ctx.line_of(node), node))

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        call, attributes = self.classes.pop()
        if call is None or not attributes:
            return
        for name, (line, statement) in attributes.items():
            if _attribute_read(name, self.ctx.text):
                continue
            # Another file may read it (`runner.system_prompt`): the repo phase looks.
            self.ctx.facts.setdefault(self.code, []).append(
                {"attr": name, "line": line, "cls": node.name.value, "call": _sent_by(self.ctx, call),
                 "call_line": self.ctx.line_of(call)})

    @classmethod
    def check_repo(cls, repo) -> None:
        texts: dict[str, str] = {}
        for path, facts in repo.facts(cls.code):
            for fact in facts:
                read_elsewhere = False
                for source in (s for s in repo.sources if s.kind in ("python", "notebook")):
                    if source.path == path:
                        continue
                    if source.path not in texts:
                        try:
                            texts[source.path] = source.abspath.read_text(encoding="utf-8", errors="replace")
                        except OSError:
                            texts[source.path] = ""
                    if _attribute_read(fact["attr"], texts[source.path]) if "attr" in fact else _read(fact["name"], texts[source.path]):
                        read_elsewhere = True
                        break
                if not read_elsewhere and "name" in fact:
                    repo.report(cls, path, fact["line"], owner="The module", how="writes", name=fact["name"], call=fact["call"],
                                related=[Location(path, fact["call_line"], "the model call")])
                elif not read_elsewhere:
                    repo.report(cls, path, fact["line"], owner=f"`{fact['cls']}`", how="builds",
                                name=f"self.{fact['attr']}", call=fact["call"],
                                related=[Location(path, fact["call_line"], "the model call")])

    def visit_Call(self, node: cst.Call) -> None:
        function = self.ctx.names.function
        key = id(function) if function is not None else 0
        if key not in self.model_calls and model_call_here(self.ctx, node):
            self.model_calls[key] = node
            if function is not None and self.classes and self.classes[-1][0] is None:
                self.classes[-1][0] = node
        elif isinstance(node.func, cst.Name) and len(self.helper_calls) < 200:
            self.helper_calls.append((key, node))

    def visit_Dict(self, node: cst.Dict) -> None:
        # `{"model": m, "messages": [...]}`: a request body written for the Batch API or a raw HTTP call
        # is what the model receives, as much as a client call's arguments are
        if self.ctx.names.function is None or not _request_body(node):
            return
        key = id(self.ctx.names.function)
        self.model_calls.setdefault(key, node)

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            name = node.targets[0].target.value
            if (PROMPT_NAME.match(name) or self._filled_beside_raw(node.value)) and not name.startswith("_") \
                    and _fills_template(node.value) and not (self.classes and self.ctx.names.function is None):
                function = self.ctx.names.function
                self.built.append((id(function) if function is not None else 0, name, node))
            text = string_value(node.value)
            if PROMPT_NAME.match(name) and not name.startswith("_") and self.ctx.names.function is None \
                    and not self.classes and text is not None and len(text) >= 40 and " " in text:
                self.module_texts.append((name, node))
        self._self_attribute(node)

    def _filled_beside_raw(self, value: cst.BaseExpression) -> bool:
        """`rubric = RUBRIC_TEMPLATE.format(criteria=c)` in a function that also reads `RUBRIC_TEMPLATE` itself, not to
        fill it (`{"type": "text", "text": RUBRIC_TEMPLATE}`): the filled copy is the prompt, whatever its name."""
        function = self.ctx.names.function
        if function is None or not (isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute)
                                    and isinstance(value.func.value, cst.Name)):
            return False
        template = value.func.value.value
        if re.search(rf"(?<![.\w]){re.escape(template)}\b(?!\s*\.\s*(format|format_map|substitute|safe_substitute|"
                     rf"replace)\b)(?!\s*=[^=])", self.ctx.code(function.body)) is None:
            return False
        filling = {id(n.value) for n in iter_nodes(function.body) if isinstance(n, cst.Attribute)}
        raw = next((n for n in iter_nodes(function.body) if isinstance(n, cst.Name) and n.value == template
                    and id(n) not in filling), None)
        if raw is not None:
            self.__dict__.setdefault("_raw_reads", {})[id(value)] = raw  # reported there: the template goes out
        return raw is not None

    def finish(self) -> None:
        self._module_texts()
        self._built_prompts()

    def _module_texts(self) -> None:
        """A prompt text written at module level that nothing in the file reads, in a file that calls a
        model: unless another module imports it (the repo phase looks), it is never sent."""
        if not self.model_calls:
            return
        call = next(iter(self.model_calls.values()))
        openings = _default_openings(self.ctx.module)
        for name, node in self.module_texts:
            if _first_line(node.value) in openings:
                continue  # `instruction=ZERO_SHOT` in a signature: its few-shot variant is a value offered to callers
            if not _read(name, self.ctx.text):
                self.ctx.facts.setdefault(self.code, []).append(
                    {"name": name, "line": self.ctx.line_of(node), "call": _sent_by(self.ctx, call),
                     "call_line": self.ctx.line_of(call)})

    def _built_prompts(self) -> None:
        """Prompts built from a template (`system = SYSTEM.format(persona=p)`) whose text reaches
        nothing but a print or a log line, in a scope (a function, a script or notebook) that calls
        a model: the reads `leave_FunctionDef` counts as uses are only for show."""
        if any(key not in self.model_calls for key, _, _ in self.built) and self.helper_calls:
            # `chosen = generate(row["prompt"])` where `generate` is this file's function that calls the model:
            # the scope calls a model through it
            scopes = TextFlow.of(self.ctx).scopes
            for key, call in self.helper_calls:
                target = scopes.local_function(call) if key not in self.model_calls else None
                if target is not None and id(target) in self.model_calls:
                    self.model_calls[key] = call
        candidates = [(key, name, node) for key, name, node in self.built
                      if key in self.model_calls and key not in self.reported]
        if not candidates:
            return
        flow = TextFlow.of(self.ctx)
        for key, name, node in candidates:
            if key in self.reported:
                continue
            if not _read(name, self.ctx.code(flow.scopes.scope_of(node))):
                function = flow.scopes.function_of(node)
                if function is not None:  # built inside a loop or a `with` of the function, never read
                    raw = self.__dict__.get("_raw_reads", {}).get(id(node.value))
                    self._report(function, self.model_calls[key], name, "builds", at=raw or node,
                                 raw=raw and self.ctx.code(raw))
                elif _in_loop(flow, node):  # a script's loop builds it for each condition: no module exports that
                    self.reported.add(key)
                    call = self.model_calls[key]
                    self.report(node, owner="The script", how="builds", name=name, call=_sent_by(self.ctx, call),
                                related=[Location(self.ctx.path, self.ctx.line_of(call), "the model call")])
                continue  # a module's name may be read elsewhere
            if len(flow.scopes.bindings.get((id(flow.scopes.scope_of(node)), name), [])) > 1:
                continue  # bound again on some branch (`system = ""`, then `system = messages[0]`): not followed
            if flow.destinations(node.value):
                continue  # sent, formatted, returned or handed on somewhere
            self.reported.add(key)
            call = self.model_calls[key]
            function = flow.scopes.function_of(node)
            self.report(node, owner=f"`{function.name.value}`" if function is not None else "The script", how="builds",
                        name=name, call=_sent_by(self.ctx, call))

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        call = self.model_calls.get(id(node))
        if call is None or _is_stub(node):
            return
        body = self.ctx.code(node.body)
        if re.search(r"\b(locals|vars)\(\)", body):
            return
        params = node.params
        unused_param = next((p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)
                             if PROMPT_NAME.match(p.name.value) and not p.name.value.startswith("_")
                             and not _read(p.name.value, body)), None)
        if unused_param is not None:
            if not _handed_as_callback(node.name.value, self.ctx.text):
                self._report(node, call, unused_param, "takes")
            return
        for name, assign in _assigned_names(node.body):
            if PROMPT_NAME.match(name) and not name.startswith("_") and not _read(name, body):
                self._report(node, call, name, "builds", at=assign)
                return

    def _report(self, function: cst.FunctionDef, call: cst.Call, name: str, how: str,
                at: cst.CSTNode | None = None, raw: str | None = None) -> None:
        """A parameter never read is reported at the call sent without it; a prompt built and never
        read at its definition (the first cause), with the call as related; one whose template goes out
        unfilled in its place, at that read of the template."""
        self.reported.add(id(function))
        related = [Location(self.ctx.path, self.ctx.line_of(call), "the model call")] if at is not None else None
        extra = {"message": f"`{function.name.value}` fills `{raw}` into `{name}` but sends `{raw}` itself, "
                            "unfilled: the model reads the template's placeholders, not the values"} if raw else {}
        self.report(at if at is not None else call, owner=f"`{function.name.value}`", how=how, name=name,
                    call=_sent_by(self.ctx, call), **({"related": related} if related else {}), **extra)


def _default_openings(module: cst.Module | None) -> set[str]:
    """The opening lines of module-level texts that are the default of a prompt-named parameter of a function
    of the file (`ZERO_SHOT_EXAMPLE = "..."`, `def relevance(query, passage, instruction: str = ZERO_SHOT_EXAMPLE)`)."""
    if module is None:
        return set()
    texts: dict[str, cst.BaseExpression] = {}
    for line in module.body:
        for small in (line.body if isinstance(line, cst.SimpleStatementLine) else []):
            if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
                texts[small.targets[0].target.value] = small.value
    found: set[str] = set()
    for node in iter_nodes(module):
        if isinstance(node, cst.FunctionDef):
            for param in (*node.params.params, *node.params.kwonly_params):
                if isinstance(param.default, cst.Name) and param.default.value in texts and PROMPT_NAME.match(param.name.value):
                    opening = _first_line(texts[param.default.value])
                    if opening is not None:
                        found.add(opening)
    return found


def _first_line(value: cst.BaseExpression) -> str | None:
    """A prompt text's opening line: two texts that open alike are variants of one instruction (zero- and
    few-shot: the few-shot one adds its examples after the same instruction, held-out set 30)."""
    text = string_value(value)
    line = text.strip().splitlines()[0].strip() if text and text.strip() else ""
    return line if len(line) >= 20 else None


def _handed_as_callback(name: str, text: str) -> bool:
    """The function is handed to a call by keyword (`trlx.train(..., metric_fn=metric_fn)`): the library that
    calls it fixes its parameters (`metric_fn(samples, prompts, outputs)`), and a metric of the outputs alone
    rightly leaves the prompts unread (corpus9: trlx's sentiment metric, false)."""
    return re.search(rf"[(,]\s*\w+\s*=\s*{re.escape(name)}\s*[,)]", text) is not None


def _request_body(node: cst.Dict) -> bool:
    """A chat request body: a dict literal with `model` and `messages` (or `prompt`) keys."""
    keys = {string_value(e.key) for e in node.elements if isinstance(e, cst.DictElement)}
    return "model" in keys and bool(keys & {"messages", "prompt", "contents"})


def _sent_by(ctx, call: cst.CSTNode) -> str:  # type: ignore[no-untyped-def]
    """How the message names what is sent: the called function, or a request body's `messages`."""
    if isinstance(call, cst.Call):
        return ctx.code(call.func)
    return '{"model": ..., "messages": ...}'


def _in_loop(flow: TextFlow, node: cst.CSTNode) -> bool:
    """Is `node` inside a `for` / `while` body (at module level: a script's loop)?"""
    current = flow.scopes.parent.get(id(node))
    while current is not None and not isinstance(current, cst.Module):
        if isinstance(current, (cst.For, cst.While)):
            return True
        current = flow.scopes.parent.get(id(current))
    return False


def _read(name: str, code: str) -> bool:
    """Is `name` read anywhere in `code`: not only assigned (`name = ...`), not an attribute or keyword."""
    return re.search(rf"(?<![.\w]){re.escape(name)}\b(?!\s*=[^=])", code) is not None


def _attribute_read(name: str, code: str) -> bool:
    """Is `<anything>.name` read in `code` (not only assigned), or named in a string (`getattr`)?"""
    return re.search(rf"\.{re.escape(name)}\b(?!\s*=[^=])", code) is not None or \
        re.search(rf"[\"']{re.escape(name)}[\"']", code) is not None


_BUILDER = re.compile(r"(?i)^(build|make|format|render|create|construct|compose|get)_\w*prompt\w*$")


def _fills_template(value: cst.BaseExpression) -> bool:
    """A prompt made from a template: `TEMPLATE.format(...)`, an f-string, or a call of a function named for
    building one (`build_prompt(item)`, `self.make_user_prompt(row)`)."""
    if isinstance(value, cst.FormattedString):
        return True
    if isinstance(value, cst.Call) and value.args:
        name = value.func.value if isinstance(value.func, cst.Name) else (
            value.func.attr.value if isinstance(value.func, cst.Attribute) else "")
        if _BUILDER.match(name):
            return True
    return isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and \
        value.func.attr.value in ("format", "format_map", "substitute", "safe_substitute")


def _builds_text(value: cst.BaseExpression) -> bool:
    """A string being made: a literal, an f-string, a `.format(...)` / `.join(...)`, a concatenation."""
    if isinstance(value, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):
        return True
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute):
        return value.func.attr.value in ("format", "format_map", "join", "replace", "substitute", "strip")
    if isinstance(value, cst.BinaryOperation):
        return _builds_text(value.left) or _builds_text(value.right)
    return False


def _is_stub(function: cst.FunctionDef) -> bool:
    for decorator in function.decorators:
        expr = decorator.decorator
        text = expr.attr.value if isinstance(expr, cst.Attribute) else (expr.value if isinstance(expr, cst.Name) else "")
        if text in STUB_DECORATORS:
            return True
    return False


def _assigned_names(body: cst.BaseSuite) -> list[tuple[str, cst.Assign]]:
    names = []
    statements = body.body if isinstance(body, cst.IndentedBlock) else ()
    for statement in statements:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Assign):
                    names.extend((t.target.value, small) for t in small.targets if isinstance(t.target, cst.Name))
    return names
