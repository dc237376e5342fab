"""LEAK006: a whole evaluation record, gold answer included, formatted into the text sent to a model."""
from __future__ import annotations

import posixpath
import re
from collections import deque
from collections.abc import Callable

import libcst as cst

from hygiene.analysis.dataflow.program import SHIFT, Program, Ref, Stack, program
from hygiene.analysis.dataflow.queries import (call_name, derived_from_prediction, module_binding, parameters, same_file,
                                              text_inputs, value_name)
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.analysis.strings import placeholders, string_value

GOLD_KEYS = frozenset({"answer", "answers", "gold", "gold_answer", "label", "labels", "target", "answerkey",
                       "answer_key", "correct", "correct_answer", "correct_option", "correct_choice", "solution",
                       "ground_truth", "reference", "reference_answer", "expected", "expected_answer", "gt"})
# Calls that turn a whole record into text or into another whole record.
_WHOLE = frozenset({"items", "values", "to_dict", "to_json", "copy", "dumps", "dump", "str", "repr", "format",
                    "join", "to_string", "as_dict", "asdict", "model_dump", "model_dump_json", "dict"})


class AnswerInPrompt(Rule):
    """
    ## What it does
    Finds a whole evaluation record (a dict or a table row) written into the text sent to a model
    when the record holds the gold answer: every field formatted into the prompt
    (`f"{k}: {v}" for k, v in row.items()`, `json.dumps(row)`, `str(row)`), with no filter that
    drops the answer field, or a template (also one imported from another module) whose
    placeholders include it (`TEMPLATE.format(**item)` with `{key}`; a `string.Template`'s `$key`
    filled by `substitute(**item)`; a jinja2 template's `{{ item.key }}` filled by `render(item=item)`;
    `"{q[key]}".format(q=item)`; a template kept in a text file of the repository and read into a
    string, `open("prompts/qa.txt").read().format(**item)`), also under another key the
    code fills from the answer (`row["hint"] = f"({row['target']})"`). The gold field is one the code
    compares with the model's reply or names like an answer (`answer`, `label`, `gold`, ...). Also
    finds a single gold value interpolated into the prompt that the same call's reply is then
    graded against (`f"...Answer ({gold}):"`, then `reply.startswith(gold)`; also in a helper whose caller grades
    its reply against the same field of the record it passed), or the item's worked
    solution (`hint=item["solution"]`) when the reply is graded against another gold field of the item; a value only named
    like an instruction (`keyword`) is not taken for an answer. A formatter that writes a record's
    answer under a flag (`def render(ex, include_answer=True)`) counts when the call for the graded
    record leaves the flag at a true default or passes `True`; the finding is at that call. A
    formatter whose text marks the gold option (`mark = "*" if i == item["label"] else " "`), called
    for the text sent to a model, shows the answer as well (at the mark). A record sent whole
    (`item.model_dump_json()`, `json.dumps(asdict(problem))`) whose answer is read only from another
    loop variable over the same records (`p == it.answer` over `zip(preds, items)`) holds that answer
    too; a dump that picks its fields (`exclude={"answer"}`, `include=...`) does not send it whole.

    ## Why is this bad?
    The model reads the answer in its prompt and copies it, so accuracy measures reading, not the
    ability being evaluated. It is easy to miss because the prompt is assembled generically, far
    from where the record's fields are known.

    ## Example
        def render(row):
            return "\\n".join(f"{key}: {value}" for key, value in row.items() if key != "id")

    Use instead:
        def render(row):
            return f"Question: {row['question']}\\nChoices: {row['choices']}"
    """

    code = "LEAK006"
    category = "LEAK-PROMPT"
    severity = Severity.ERROR
    dataflow_starts = frozenset({"llm"})
    triggers = (" else ",)
    message = "Every field of `{record}` is written into the prompt at {where}, including `{gold}`, the answer compared with the model's reply at {compared}"
    question = "Does the prompt built at {where} from `{record}` leave out `{gold}`, the gold answer?"
    examples = [
        invalid("""
            from openai import OpenAI
            client = OpenAI()
            TEMPLATE = "Reference material:\\n{reference}\\n\\nQuestion: {question}\\nAnswer:"

            def ask(row):
                prompt = TEMPLATE.format(reference=row["answer"], question=row["question"])  # expect: LEAK006
                r = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": prompt}])
                return r.choices[0].message.content.strip()

            em = sum(ask(r).lower() == r["answer"].lower() for r in rows) / len(rows)
        """, note="probe 24: the record's gold field fills a slot of the prompt in a helper; its caller grades the reply "
                  "against the same field of the record it passed"),
        valid("""
            from openai import OpenAI
            client = OpenAI()
            TEMPLATE = "Reference material:\\n{reference}\\n\\nQuestion: {question}\\nAnswer:"

            def ask(row):
                prompt = TEMPLATE.format(reference=row["passage"], question=row["question"])
                r = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": prompt}])
                return r.choices[0].message.content.strip()

            em = sum(ask(r).lower() == r["answer"].lower() for r in rows) / len(rows)
        """, note="near miss: the slot gets the passage; the answer is only what the reply is graded against"),
        invalid("""
            import json
            from smolagents import CodeAgent, InferenceClientModel

            TASK = "Solve the problem.\\nProblem: {problem}\\nHint: {hint}\\nReturn only the final number."
            agent = CodeAgent(tools=[], model=InferenceClientModel(model_id="Qwen/Qwen2.5-Coder-32B-Instruct"))
            items = [json.loads(l) for l in open("data/aime.jsonl")]
            correct = 0
            for it in items:
                task = TASK.format(problem=it["problem"], hint=it["solution"])  # expect: LEAK006
                answer = str(agent.run(task)).strip()
                correct += answer == str(it["answer"])
        """, note="held-out probe 23: an agent's task (smolagents `run`) is sent to its model; the hint is the item's "
                  "worked solution, which ends in the answer the reply is graded against"),
        valid("""
            import json
            from smolagents import CodeAgent, InferenceClientModel

            TASK = "Solve the problem.\\nProblem: {problem}\\nHint: {hint}\\nReturn only the final number."
            agent = CodeAgent(tools=[], model=InferenceClientModel(model_id="Qwen/Qwen2.5-Coder-32B-Instruct"))
            items = [json.loads(l) for l in open("data/aime.jsonl")]
            correct = 0
            for it in items:
                task = TASK.format(problem=it["problem"], hint=it["hint"])
                answer = str(agent.run(task)).strip()
                correct += answer == str(it["answer"])
        """, note="near miss: the hint is the item's generic hint field"),
        invalid("""
            import json
            from dataclasses import asdict, dataclass
            from anthropic import Anthropic
            client = Anthropic()

            @dataclass
            class Problem:
                question: str
                options: list
                correct_option: str

            def solve(problem):
                msg = client.messages.create(model="claude-sonnet-4-5", max_tokens=800, messages=[
                    {"role": "user", "content": "Solve this problem:\\n" + json.dumps(asdict(problem))}])  # expect: LEAK006
                return msg.content[0].text.strip()[-1]

            problems = [Problem(**json.loads(l)) for l in open("data/problems.jsonl")]
            replies = [solve(pr) for pr in problems]
            print(sum(r == pr.correct_option for r, pr in zip(replies, problems)) / len(problems))
        """, note="the record is sent whole; its answer is read only from another loop variable over the same list"),
        valid("""
            import json
            from pydantic import BaseModel
            from openai import OpenAI
            client = OpenAI()

            class Problem(BaseModel):
                question: str
                options: list[str]
                correct_option: str

            def solve(problem):
                text = problem.model_dump_json(exclude={"correct_option"})
                out = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])
                return out.choices[0].message.content.strip()[-1]

            problems = [Problem.model_validate_json(l) for l in open("data/problems.jsonl")]
            replies = [solve(pr) for pr in problems]
            print(sum(r == pr.correct_option for r, pr in zip(replies, problems)) / len(problems))
        """, note="near miss: the dump excludes the answer field"),
        valid("""
            from anthropic import Anthropic
            client = Anthropic()
            def render(item):
                options = "\\n".join(f"{'ABCD'[i]}. {o}" for i, o in enumerate(item["options"]))
                return f"{item['question']}\\n{options}\\nAnswer:"
            correct = 0
            for item in items:
                reply = client.messages.create(model="m", max_tokens=4, messages=[{"role": "user", "content": render(item)}])
                correct += reply.content[0].text.strip()[:1] == item["answer"]
        """, note="near miss: the loop variables over one record's options are no records; the graded item sends named fields"),
        invalid("""
            from anthropic import Anthropic

            client = Anthropic()
            hits = 0
            for it in items:
                msg = client.messages.create(
                    model="claude-3-5-haiku-latest", max_tokens=3,
                    messages=[{"role": "user", "content": it["question"]},
                              {"role": "assistant", "content": f"Answer: ({it['answer_letter']}"}],  # expect: LEAK006
                )
                hits += (f"({it['answer_letter']}" + msg.content[0].text).startswith(f"({it['answer_letter']})")
        """, note="lead probe 3: the assistant prefill holds the gold letter; the graded text is the gold in its format"),
        valid("""
            from anthropic import Anthropic

            client = Anthropic()
            hits = 0
            for it in items:
                msg = client.messages.create(
                    model="claude-3-5-haiku-latest", max_tokens=3,
                    messages=[{"role": "user", "content": it["question"]},
                              {"role": "assistant", "content": "Answer: ("}],
                )
                hits += ("(" + msg.content[0].text).startswith(f"({it['answer_letter']})")
        """, note="near miss: the prefill stops before the letter"),
        invalid({
            "templates.py": """
                from string import Template

                QA = Template("Passage: $passage\\nQuestion: $question\\nWorked answer: $answer\\nAnswer:")
            """,
            "run.py": """
                import json
                from openai import OpenAI
                from templates import QA

                client = OpenAI()
                rows = [json.loads(l) for l in open("data/dev.jsonl")]
                hits = 0
                for row in rows:
                    prompt = QA.substitute(row)  # expect: LEAK006
                    out = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
                    hits += out.choices[0].message.content.strip() == row["answer"]
                print(hits / len(rows))
            """,
        }, note="lead probe 3: a string.Template of another module filled with the record as a mapping; its $answer is the gold"),
        valid({
            "templates.py": """
                from string import Template

                QA = Template("Passage: $passage\\nQuestion: $question\\nAnswer:")
            """,
            "run.py": """
                import json
                from openai import OpenAI
                from templates import QA

                client = OpenAI()
                rows = [json.loads(l) for l in open("data/dev.jsonl")]
                hits = 0
                for row in rows:
                    prompt = QA.substitute(row)
                    out = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
                    hits += out.choices[0].message.content.strip() == row["answer"]
                print(hits / len(rows))
            """,
        }, note="near miss: the mapping holds the answer, but the template has no placeholder for it"),
        invalid("""
            import pandas as pd
            df = pd.read_csv("data/sst2_test.csv")
            prompts = [f"Review: {row.sentence}\\nGold sentiment: {row.label}\\nSentiment:" for row in df.itertuples()]  # expect: LEAK006
            preds = []
            for p in prompts:
                m = client.messages.create(model=MODEL, max_tokens=5, messages=[{"role": "user", "content": p}])
                preds.append(m.content[0].text.strip().lower())
            acc = (pd.Series(preds) == df["label"]).mean()
        """, note="`row.label` of `df.itertuples()` is the column `df[\"label\"]` the replies are compared with"),
        valid("""
            import pandas as pd
            df = pd.read_csv("data/sst2_test.csv")
            prompts = [f"Review: {row.sentence}\\nSentiment:" for row in df.itertuples()]
            preds = []
            for p in prompts:
                m = client.messages.create(model=MODEL, max_tokens=5, messages=[{"role": "user", "content": p}])
                preds.append(m.content[0].text.strip().lower())
            acc = (pd.Series(preds) == df["label"]).mean()
        """, note="only the review is in the prompt"),
        invalid("""
            from dataclasses import dataclass

            @dataclass
            class Item:
                question: str
                target: str

                def render(self):
                    return f"{self.question} The correct option is {self.target}. Answer:"  # expect: LEAK006

            items = [Item(**json.loads(line)) for line in open("test.jsonl")]
            for it in items:
                msg = client.messages.create(model=MODEL, max_tokens=5, messages=[{"role": "user", "content": it.render()}])
                correct += msg.content[0].text.strip().startswith(it.target)
        """, note="a record's method writes its own gold field (`self.target`) into the prompt"),
        valid("""
            from dataclasses import dataclass

            @dataclass
            class Item:
                question: str
                target: str

                def render(self):
                    return f"{self.question} Answer with one letter:"

            items = [Item(**json.loads(line)) for line in open("test.jsonl")]
            for it in items:
                msg = client.messages.create(model=MODEL, max_tokens=5, messages=[{"role": "user", "content": it.render()}])
                correct += msg.content[0].text.strip().startswith(it.target)
        """, note="the method renders the question only; the target is compared with the reply"),
        invalid("""
            for ex in examples:
                out = client.chat.completions.create(model=MODEL, messages=[  # expect: LEAK006
                    {"role": "user", "content": f"{ex.question} (hint: {ex.answer}) Answer:"}])
                hits += out.choices[0].message.content.strip() == ex.answer
        """, note="the gold field read by attribute"),
        valid("""
            for ex in examples:
                out = client.chat.completions.create(model=MODEL, messages=[
                    {"role": "user", "content": f"{ex.question} Choose one of: {', '.join(task.labels)}"}])
                reply = out.choices[0].message.content.strip()
                valid_reply = reply in task.labels
                hits += reply == ex.label
        """, note="the task's label set (every option) is in the prompt, and a reply is checked against it for validity"),
        invalid({
            "mc/format.py": """\
                LETTERS = "ABCDE"

                def format_item(item):
                    lines = [item["question"]]
                    for i, choice in enumerate(item["choices"]):
                        mark = "*" if i == item["label"] else " "  # expect: LEAK006
                        lines.append(f"{mark}{LETTERS[i]}. {choice}")
                    return "\\n".join(lines)
                """,
            "mc/run.py": """\
                from vllm import LLM, SamplingParams
                from mc.format import format_item

                llm = LLM("Qwen/Qwen2.5-7B-Instruct")
                outs = llm.generate([format_item(it) for it in items], SamplingParams(temperature=0.0, max_tokens=4))
                """,
        }, note="probe 11: a formatter (written to show items to a person) marks the gold option, and its text is "
                "the prompt: the gold reaches the model through a test, not a value"),
        valid({
            "mc/format.py": """\
                LETTERS = "ABCDE"

                def format_item(item):
                    lines = [item["question"]]
                    for i, choice in enumerate(item["choices"]):
                        lines.append(f"{LETTERS[i]}. {choice}")
                    return "\\n".join(lines)

                def show_item(item):
                    for i, choice in enumerate(item["choices"]):
                        mark = "*" if i == item["label"] else " "
                        print(f"{mark}{LETTERS[i]}. {choice}")
                """,
            "mc/run.py": """\
                from vllm import LLM, SamplingParams
                from mc.format import format_item

                llm = LLM("Qwen/Qwen2.5-7B-Instruct")
                outs = llm.generate([format_item(it) for it in items], SamplingParams(temperature=0.0, max_tokens=4))
                """,
        }, note="near miss: the prompt's formatter has no mark; the marking one only prints for a person"),
        valid({
            "mc/format.py": """\
                LETTERS = "ABCDE"

                def format_item(item):
                    lines = [item["question"]]
                    for i, choice in enumerate(item["choices"]):
                        mark = "*" if i == item["label"] else " "
                        lines.append(f"{mark}{LETTERS[i]}. {choice}")
                    return "\\n".join(lines)
                """,
            "mc/run.py": """\
                from vllm import LLM, SamplingParams
                from mc.format import format_item

                llm = LLM("Qwen/Qwen2.5-7B-Instruct")
                block = "\\n\\n".join(format_item(shot) for shot in train_shots)
                outs = llm.generate([block + "\\n\\n" + it["question"] for it in items], SamplingParams(temperature=0.0))
                """,
        }, note="near miss: the marking formatter writes the demonstrations, whose answers are shown on purpose"),
        invalid("""
            import json
            import random
            from openai import OpenAI
            SHOT = "Q: {question}\\nA: {answer}\\n\\n"
            client = OpenAI()
            train = [json.loads(l) for l in open("train.jsonl")]
            test = [json.loads(l) for l in open("dev.jsonl")]
            prefix = "".join(SHOT.format(**s) for s in random.Random(0).sample(train, 5))
            hits = 0
            for item in test:
                prompt = prefix + SHOT.format(**item)  # expect: LEAK006
                out = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt, max_tokens=16)
                pred = out.choices[0].text.strip()
                hits += pred.lower() in [a.lower() for a in item["aliases"]]
        """, note="probe 10: the demonstrations' template, `{answer}` included, reused for the graded item; the reply "
                  "is compared with another field (`aliases`), so only the placeholder's name says it is the answer"),
        valid("""
            import json
            import random
            from openai import OpenAI
            SHOT = "Q: {question}\\nA: {answer}\\n\\n"
            QUERY = "Q: {question}\\nA:"
            client = OpenAI()
            train = [json.loads(l) for l in open("train.jsonl")]
            test = [json.loads(l) for l in open("dev.jsonl")]
            prefix = "".join(SHOT.format(**s) for s in random.Random(0).sample(train, 5))
            hits = 0
            for item in test:
                prompt = prefix + QUERY.format(**item)
                out = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt, max_tokens=16)
                pred = out.choices[0].text.strip()
                hits += pred.lower() in [a.lower() for a in item["aliases"]]
        """, note="near miss: the demonstrations carry their answers (they are meant to); the graded item has its own "
                  "template without `{answer}`"),
        invalid("""
            import json
            from string import Template
            from openai import OpenAI
            PROMPT = Template("Question: $question\\nOptions: $choices\\nReference: ${answer}\\nReply with one letter.")
            client = OpenAI()
            items = [json.loads(l) for l in open("data/test.jsonl")]
            correct = 0
            for it in items:
                text = PROMPT.substitute(**it)  # expect: LEAK006
                out = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
                correct += out.choices[0].message.content.strip() == it["answer"]
        """, note="a string.Template whose `${answer}` is filled from the graded record"),
        valid("""
            import json
            from string import Template
            from openai import OpenAI
            PROMPT = Template("Question: $question\\nOptions: $choices\\nReply with one letter.")
            client = OpenAI()
            items = [json.loads(l) for l in open("data/test.jsonl")]
            correct = 0
            for it in items:
                text = PROMPT.safe_substitute(**it)
                out = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
                correct += out.choices[0].message.content.strip() == it["answer"]
        """, note="near miss: the template fills the question and the options only"),
        invalid({
            "prompts/qa.txt": "Question: {question}\nHint: the expected answer is {answer}\nAnswer:\n",
            "eval.py": """\
                import json
                from openai import OpenAI
                client = OpenAI()
                TEMPLATE = open("prompts/qa.txt").read()
                items = [json.loads(l) for l in open("data/test.jsonl")]
                right = 0
                for it in items:
                    prompt = TEMPLATE.format(**it)  # expect: LEAK006
                    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
                    right += reply.choices[0].message.content.strip() == it["answer"]
                """,
        }, note="the template lives in a text file of the repository, read into a string and filled from the record"),
        valid({
            "prompts/qa.txt": "Question: {question}\nAnswer:\n",
            "eval.py": """\
                import json
                from openai import OpenAI
                client = OpenAI()
                TEMPLATE = open("prompts/qa.txt").read()
                items = [json.loads(l) for l in open("data/test.jsonl")]
                right = 0
                for it in items:
                    prompt = TEMPLATE.format(**it)
                    reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
                    right += reply.choices[0].message.content.strip() == it["answer"]
                """,
        }, note="near miss: the template file has no answer placeholder"),
        invalid("""
            import json
            import jinja2
            import anthropic
            client = anthropic.Anthropic()
            env = jinja2.Environment()
            TMPL = env.from_string("{{ item.question }}\\n{% for c in item.choices %}- {{ c }}\\n{% endfor %}(gold: {{ item.answer }})")
            items = [json.loads(l) for l in open("data/val.jsonl")]
            score = 0
            for item in items:
                prompt = TMPL.render(item=item)  # expect: LEAK006
                msg = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=8,
                                             messages=[{"role": "user", "content": prompt}])
                score += msg.content[0].text.strip() == item["answer"]
        """, note="a jinja2 template given the record by name writes `item.answer`"),
        valid("""
            import json
            import jinja2
            import anthropic
            client = anthropic.Anthropic()
            env = jinja2.Environment()
            TMPL = env.from_string("{{ item.question }}\\n{% for c in item.choices %}- {{ c }}\\n{% endfor %}Answer:")
            items = [json.loads(l) for l in open("data/val.jsonl")]
            score = 0
            for item in items:
                prompt = TMPL.render(item=item)
                msg = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=8,
                                             messages=[{"role": "user", "content": prompt}])
                score += msg.content[0].text.strip() == item["answer"]
        """, note="near miss: the jinja2 template reads the question and the choices of the record only"),
        invalid("""
            from openai import OpenAI
            client = OpenAI()
            ASK = "Q: {q[question]}\\nA (for reference: {q[label]}):"

            def accuracy(rows):
                hits = 0
                for row in rows:
                    text = ASK.format(q=row)  # expect: LEAK006
                    out = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=text, max_tokens=4)
                    hits += out.choices[0].text.strip() == row["label"]
                return hits / len(rows)
        """, note="`str.format` given the record under a name, its fields read in the template (`{q[label]}`)"),
        invalid("""
            import pandas as pd
            from transformers import pipeline
            gen = pipeline("text-generation", model="meta-llama/Llama-3.2-1B-Instruct")
            df = pd.read_csv("boolq_val.csv")
            df["prompt"] = df["passage"] + "\\nQ: " + df["question"] + "? (answer: " + df["answer"].astype(str) + ")\\nA:"  # expect: LEAK006
            df["pred"] = [gen(p, max_new_tokens=3)[0]["generated_text"][len(p):].strip().lower() for p in df["prompt"]]
            print(df["pred"].str.startswith(df["answer"].astype(str).str.lower()).mean())
        """, note="a prompt column built from the frame's columns, the answer among them, and the replies compared "
                  "with the same column after they are added to the frame"),
        valid("""
            import pandas as pd
            from transformers import pipeline
            gen = pipeline("text-generation", model="meta-llama/Llama-3.2-1B-Instruct")
            df = pd.read_csv("boolq_val.csv")
            df["prompt"] = df["passage"] + "\\nQ: " + df["question"] + "?\\nA:"
            df["pred"] = [gen(p, max_new_tokens=3)[0]["generated_text"][len(p):].strip().lower() for p in df["prompt"]]
            print(df["pred"].str.startswith(df["answer"].astype(str).str.lower()).mean())
        """, note="near miss: the prompt column holds the passage and the question only"),
        valid("""
            import pandas as pd
            from openai import OpenAI
            client = OpenAI()
            PROMPT = "Is the answer supported by the document?\\nQuestion: {q}\\nDocument: {d}\\nAnswer: {a}\\nSay [[Yes]] or [[No]]."

            def judge(q, d, a):
                out = client.chat.completions.create(model="gpt-4o", messages=[
                    {"role": "user", "content": PROMPT.format(q=q, d=d, a=a)}])
                return int("[[Yes]]" in out.choices[0].message.content)

            df = pd.read_csv("labeled.tsv", sep="\\t")
            qcol = "Query" if "Query" in df.columns else "Question"
            preds = []
            for _, row in df.iterrows():
                question = row[qcol]
                preds.append(judge(question, row["Document"], row["Answer"]))
            df["pred"] = preds
            print((df["pred"] == df["Faithful_Label"]).mean())
        """, note="near miss (held-out set 24): a judge of a RAG system reads the system's `Answer`; the gold is the "
                  "label column, compared with the verdicts, and the question is read under a key chosen at run time"),
        invalid("""
            import anthropic
            client = anthropic.Anthropic()
            LABELS = ["entailment", "neutral", "contradiction"]

            def render(pair, with_label=True):
                text = f"Premise: {pair['premise']}\\nHypothesis: {pair['hypothesis']}\\nRelation:"
                if with_label:
                    text += f" {LABELS[pair['label']]}\\n\\n"
                return text

            demos = "".join(render(p) for p in train_pairs[:6])
            hits = 0
            for pair in test_pairs:
                msg = client.messages.create(model="m", max_tokens=5, messages=[{"role": "user", "content": demos + render(pair)}])  # expect: LEAK006
                hits += msg.content[0].text.strip() == LABELS[pair["label"]]
        """, note="probe 8: a demonstration formatter whose answer flag defaults to on, called for the test item without turning it off"),
        valid("""
            import anthropic
            client = anthropic.Anthropic()
            LABELS = ["entailment", "neutral", "contradiction"]

            def render(pair, with_label=True):
                text = f"Premise: {pair['premise']}\\nHypothesis: {pair['hypothesis']}\\nRelation:"
                if with_label:
                    text += f" {LABELS[pair['label']]}\\n\\n"
                return text

            demos = "".join(render(p) for p in train_pairs[:6])
            hits = 0
            for pair in test_pairs:
                msg = client.messages.create(model="m", max_tokens=5, messages=[{"role": "user", "content": demos + render(pair, with_label=False)}])
                hits += msg.content[0].text.strip() == LABELS[pair["label"]]
        """, note="the twin: the test item is rendered with the flag off"),
        valid("""
            import anthropic
            client = anthropic.Anthropic()
            LABELS = ["entailment", "neutral", "contradiction"]

            def render(pair, with_label=False):
                text = f"Premise: {pair['premise']}\\nHypothesis: {pair['hypothesis']}\\nRelation:"
                if with_label:
                    text += f" {LABELS[pair['label']]}\\n\\n"
                return text

            demos = "".join(render(p, True) for p in train_pairs[:6])
            hits = 0
            for pair in test_pairs:
                msg = client.messages.create(model="m", max_tokens=5, messages=[{"role": "user", "content": demos + render(pair)}])
                hits += msg.content[0].text.strip() == LABELS[pair["label"]]
        """, note="near miss: the flag defaults to off and only the demonstrations turn it on"),
        invalid("""
            LETTERS = "ABCD"

            def fmt(q, show):
                return q["stem"] + "\\nAnswer:" + (f" {LETTERS[q['gold']]}" if show else "")

            def run(client, questions):
                right = 0
                for q in questions:
                    out = client.chat.completions.create(model="m", messages=[{"role": "user", "content": fmt(q, True)}])  # expect: LEAK006
                    right += out.choices[0].message.content.strip() == LETTERS[q["gold"]]
                return right
        """, note="a conditional expression, the flag passed on for the graded question"),
        valid("""
            LETTERS = "ABCD"

            def fmt(q, show):
                return q["stem"] + "\\nAnswer:" + (f" {LETTERS[q['gold']]}" if show else "")

            def run(client, questions):
                right = 0
                for q in questions:
                    out = client.chat.completions.create(model="m", messages=[{"role": "user", "content": fmt(q, False)}])
                    right += out.choices[0].message.content.strip() == LETTERS[q["gold"]]
                return right
        """, note="near miss: the conditional expression's flag passed off for the graded question"),
        invalid("""
            from transformers import AutoModelForCausalLM, AutoTokenizer
            SHOT = "Premise: {premise}\\nHypothesis: {hypothesis}\\nLabel: {label}\\n\\n"
            tokenizer = AutoTokenizer.from_pretrained("gpt2")
            lm = AutoModelForCausalLM.from_pretrained("gpt2")

            def named(example):
                return {**example, "premise": example["premise"].strip()}

            def predict(example, demos):
                text = demos + SHOT.format(**named(example))  # expect: LEAK006
                ids = tokenizer.encode(text, return_tensors="pt")
                out = lm.generate(ids, max_new_tokens=3)
                return tokenizer.decode(out[0, ids.shape[1]:]).strip()

            hits = sum(predict(ex, DEMOS) == ex["label"] for ex in test_set)
        """, note="a local model: the demonstration template, answer placeholder included, formats the query too"),
        valid("""
            from transformers import AutoModelForCausalLM, AutoTokenizer
            SHOT = "Premise: {premise}\\nHypothesis: {hypothesis}\\nLabel: {label}\\n\\n"
            QUERY = "Premise: {premise}\\nHypothesis: {hypothesis}\\nLabel:"
            tokenizer = AutoTokenizer.from_pretrained("gpt2")
            lm = AutoModelForCausalLM.from_pretrained("gpt2")

            def named(example):
                return {**example, "premise": example["premise"].strip()}

            def predict(example, demos):
                text = demos + QUERY.format(**named(example))
                ids = tokenizer.encode(text, return_tensors="pt")
                out = lm.generate(ids, max_new_tokens=3)
                return tokenizer.decode(out[0, ids.shape[1]:]).strip()

            hits = sum(predict(ex, DEMOS) == ex["label"] for ex in test_set)
        """, note="near miss: the query template stops before the label"),
        invalid({
            "format.py": '''
                def render(row: dict) -> str:
                    lines = [f"{key}: {value}" for key, value in row.items() if key != "id"]  # expect: LEAK006
                    return "Answer with one letter.\\n\\n" + "\\n".join(lines)
            ''',
            "evaluate.py": '''
                import json
                from openai import OpenAI
                from format import render
                client = OpenAI()
                rows = [json.loads(line) for line in open("data/test.jsonl")]
                correct = 0
                for row in rows:
                    out = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": render(row)}])
                    correct += out.choices[0].message.content.strip() == row["answer"]
            ''',
        }, note="the formatter in another file"),
        valid({
            "format.py": '''
                def render(row: dict) -> str:
                    lines = [f"{key}: {value}" for key, value in row.items() if key not in ("id", "answer")]
                    return "Answer with one letter.\\n\\n" + "\\n".join(lines)
            ''',
            "evaluate.py": '''
                import json
                from openai import OpenAI
                from format import render
                client = OpenAI()
                rows = [json.loads(line) for line in open("data/test.jsonl")]
                correct = 0
                for row in rows:
                    out = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": render(row)}])
                    correct += out.choices[0].message.content.strip() == row["answer"]
            ''',
        }, note="near miss of the same layout: the formatter drops the answer field"),
        invalid({
            "evals/__init__.py": "",
            "evals/prompting.py": '''
                import json

                class PromptBuilder:
                    def __init__(self, instruction: str):
                        self.instruction = instruction

                    def build(self, record: dict) -> str:
                        return self.instruction + "\\n\\n" + json.dumps(record, indent=2)  # expect: LEAK006
            ''',
            "evals/run.py": '''
                import asyncio
                import json
                from anthropic import AsyncAnthropic
                from .prompting import PromptBuilder

                client = AsyncAnthropic()
                builder = PromptBuilder("Solve the problem. Reply with the final number only.")

                async def grade(record):
                    reply = await client.messages.create(model="claude-sonnet-4-5", max_tokens=16,
                                                         messages=[{"role": "user", "content": builder.build(record)}])
                    return reply.content[0].text.strip() == str(record["solution"])

                async def main():
                    records = [json.loads(line) for line in open("data/gsm_test.jsonl")]
                    scores = await asyncio.gather(*(grade(r) for r in records))
                    print(sum(scores) / len(scores))
            ''',
        }, note="across modules: a prompt-builder class serialises the whole record, an async harness in "
                "another module (relative import) grades the reply against the record's solution"),
        valid({
            "evals/__init__.py": "",
            "evals/prompting.py": '''
                import json

                class PromptBuilder:
                    def __init__(self, instruction: str):
                        self.instruction = instruction

                    def build(self, record: dict) -> str:
                        shown = {k: v for k, v in record.items() if k != "solution"}
                        return self.instruction + "\\n\\n" + json.dumps(shown, indent=2)
            ''',
            "evals/run.py": '''
                import asyncio
                import json
                from anthropic import AsyncAnthropic
                from .prompting import PromptBuilder

                client = AsyncAnthropic()
                builder = PromptBuilder("Solve the problem. Reply with the final number only.")

                async def grade(record):
                    reply = await client.messages.create(model="claude-sonnet-4-5", max_tokens=16,
                                                         messages=[{"role": "user", "content": builder.build(record)}])
                    return reply.content[0].text.strip() == str(record["solution"])

                async def main():
                    records = [json.loads(line) for line in open("data/gsm_test.jsonl")]
                    scores = await asyncio.gather(*(grade(r) for r in records))
                    print(sum(scores) / len(scores))
            ''',
        }, note="near miss: the builder drops the graded field before serialising"),
        invalid({"eval.ipynb": notebook(
            """
            import json
            import anthropic
            client = anthropic.Anthropic()
            items = [json.loads(l) for l in open("data/mcq_test.jsonl")]
            """,
            """
            def make_prompt(ex):
                body = "\\n".join(f"{k}: {v}" for k, v in ex.items())  # expect: LEAK006
                return "Pick the correct option.\\n" + body
            """,
            """
            correct = 0
            for ex in items:
                msg = client.messages.create(model="claude-sonnet-4-5", max_tokens=4,
                                             messages=[{"role": "user", "content": make_prompt(ex)}])
                correct += msg.content[0].text.strip() == ex["answer"]
            correct / len(items)
            """,
        )}, note="notebook: the formatter in one cell, the graded loop in the next"),
        valid({"eval.ipynb": notebook(
            """
            import json
            import anthropic
            client = anthropic.Anthropic()
            items = [json.loads(l) for l in open("data/mcq_test.jsonl")]
            """,
            """
            def make_prompt(ex):
                body = "\\n".join(f"{k}: {v}" for k, v in ex.items() if k in ("question", "options"))
                return "Pick the correct option.\\n" + body
            """,
            """
            correct = 0
            for ex in items:
                msg = client.messages.create(model="claude-sonnet-4-5", max_tokens=4,
                                             messages=[{"role": "user", "content": make_prompt(ex)}])
                correct += msg.content[0].text.strip() == ex["answer"]
            correct / len(items)
            """,
        )}, note="near miss: the same cells, the formatter keeps only the question and options"),
        invalid("""
            import json
            import pandas as pd
            reviews = pd.read_csv("reviews_test.csv")
            hits = 0
            for _, row in reviews.iterrows():
                prompt = "Classify the sentiment of this review: " + json.dumps(row.to_dict())  # expect: LEAK006
                reply = client.messages.create(model="claude-sonnet-4-5", max_tokens=5, messages=[{"role": "user", "content": prompt}])
                hits += reply.content[0].text.strip() == row["label"]
        """, note="a pandas row with its label column, serialised whole"),
        invalid("""
            import json
            PROMPT = "Question: {question}\\nOptions: {choices}\\nThe answer is {answer}. Explain:"
            items = [json.loads(l) for l in open("dev.jsonl")]
            for item in items:
                text = PROMPT.format(**item)  # expect: LEAK006
                out = client.chat.completions.create(model="m", messages=[{"role": "user", "content": text}])
                correct += parse(out.choices[0].message.content) == item["answer"]
        """, note="the template itself has the answer's placeholder"),
        valid("""
            import json
            PROMPT = "Passage: {context}\\nQuestion: {question}\\nAnswer:"
            items = [json.loads(l) for l in open("dev.jsonl")]
            shots = "\\n\\n".join(PROMPT.format(**s) + " " + s["answer"] for s in train_items[:3])
            for item in items:
                out = client.chat.completions.create(model="m", messages=[{"role": "user", "content": shots + PROMPT.format(**item)}])
                correct += out.choices[0].message.content == item["answer"]
        """, note="format(**row) fills only the template's placeholders; demonstrations carry their answers on purpose"),
        valid("""
            def render(row):
                return f"Question: {row['question']}\\nChoices: {row['choices']}"
            for row in rows:
                reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": render(row)}])
                correct += reply.choices[0].message.content == row["answer"]
        """, note="only the fields the question needs"),
        valid("""
            import json
            for row in rows:
                shown = {k: v for k, v in row.items() if k not in ("answer", "id")}
                reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": json.dumps(shown)}])
                correct += reply.choices[0].message.content == row["answer"]
        """, note="the answer field is filtered out"),
        valid("""
            import json
            for row in rows:
                shown = json.dumps({k: row[k] for k in ("question", "options")})
                reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": shown}])
                correct += reply.choices[0].message.content == row["answer_idx"]
        """, note="near miss (held-out probe 19): only the fields a written-out list of names picks"),
        invalid("""
            import json
            for row in rows:
                shown = json.dumps({k: row[k] for k in ("question", "options", "answer_idx")})  # expect: LEAK006
                reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": shown}])
                correct += reply.choices[0].message.content == row["answer_idx"]
        """, note="the twin: the list of names includes the gold field"),
        valid("""
            import json
            for doc in documents:
                reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Summarise: " + json.dumps(doc)}])
                summaries.append(reply.choices[0].message.content)
        """, note="no gold answer: a record without an answer field"),
        invalid("""
            LETTERS = "ABCD"
            async def ask(client, item):
                gold = LETTERS[item["answer_idx"]]
                prompt = f"{item['question']}\\nAnswer ({gold}):"  # expect: LEAK006
                msg = await client.messages.create(model="claude-3-5-haiku-latest", max_tokens=5, messages=[{"role": "user", "content": prompt}])
                return msg.content[0].text.strip().startswith(gold)
        """, note="an f-string that interpolates the gold letter the reply is graded against"),
        valid("""
            LETTERS = "ABCD"
            async def ask(client, item):
                gold = LETTERS[item["answer_idx"]]
                prompt = f"{item['question']}\\nAnswer:"
                msg = await client.messages.create(model="claude-3-5-haiku-latest", max_tokens=5, messages=[{"role": "user", "content": prompt}])
                return msg.content[0].text.strip().startswith(gold)
        """, note="the gold letter only graded against"),
        valid("""
            for row in rows:
                answer = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": row["question"]}])
                reply = answer.choices[0].message.content
                verdict = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": f"Reference: {row['answer']}\\nResponse: {reply}\\nCorrect?"}])
                correct += verdict.choices[0].message.content.strip() == "yes"
        """, note="a judge prompt holds the reference on purpose; the judge's reply is not graded against it"),
        invalid({
            "prompts.py": '''
                GRADER = "Question: {stem}\\nOptions: {options}\\nThe key is {key}.\\nReply with one letter."
            ''',
            "run.py": '''
                from prompts import GRADER
                for item in items:
                    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": GRADER.format(**item)}])  # expect: LEAK006
                    correct += reply.choices[0].message.content.strip()[:1] == item["key"]
            ''',
        }, note="a template imported from another module, with a placeholder for the graded field"),
        valid("""
            for item in items:
                word = item["keyword"]
                prompt = f"Write a short story that uses the word {word}."
                reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
                followed += word in reply.choices[0].message.content
        """, note="instruction following: the prompt names what the reply must contain on purpose"),
        invalid("""
            TEMPLATE = "Question: {q}\\nOptions: {opts}\\nAnswer: {a}\\nExplain the answer."
            for row in rows:
                prompt = TEMPLATE.format(q=row["question"], opts=row["options"], a=row["answer"])  # expect: LEAK006
                reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
                correct += reply.choices[0].message.content.strip() == row["answer"]
        """, note="the graded field passed to the template by name"),
        valid("""
            TEMPLATE = "Question: {q}\\nOptions: {opts}\\nAnswer:"
            for row in rows:
                prompt = TEMPLATE.format(q=row["question"], opts=row["options"])
                reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])
                correct += reply.choices[0].message.content.strip() == row["answer"]
        """, note="only the question's fields in the template"),
        invalid("""
            import json
            from openai import OpenAI

            PROMPT = "Question: {question}\\nChoices: {choices}\\n(reference letter: {ref_letter})\\nAnswer with a letter."


            def is_correct(reply, row):
                return reply.strip()[:1].upper() == row["ref_letter"]


            client = OpenAI()
            rows = [json.loads(l) for l in open("eval.jsonl")]
            hits = 0
            for row in rows:
                out = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": PROMPT.format(**row)}])  # expect: LEAK006
                hits += is_correct(out.choices[0].message.content, row)
            print(hits / len(rows))
        """, note="the graded field (under a name no list knows) compared inside a helper"),
        valid("""
            import json
            from openai import OpenAI

            PROMPT = "Question: {question}\\nChoices: {choices}\\nAnswer with a letter."


            def is_correct(reply, row):
                return reply.strip()[:1].upper() == row["ref_letter"]


            client = OpenAI()
            rows = [json.loads(l) for l in open("eval.jsonl")]
            hits = 0
            for row in rows:
                out = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": PROMPT.format(**row)}])
                hits += is_correct(out.choices[0].message.content, row)
            print(hits / len(rows))
        """, note="the same harness without the placeholder"),
        invalid("""
            import datasets
            from openai import OpenAI

            ASK = "{premise}\\nHypothesis: {hypothesis}\\n{context_note}\\nEntailment, neutral or contradiction?"
            client = OpenAI()
            correct = 0
            for item in datasets.load_dataset("snli", split="test"):
                item = dict(item)
                item["context_note"] = "(annotators chose %s)" % item["label"]  # expect: LEAK006
                reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": ASK.format(**item)}])
                correct += reply.choices[0].message.content.strip() == item["label"]
        """, note="the gold label written into another field of the record, which a template placeholder fills"),
        valid("""
            import datasets
            from openai import OpenAI

            ASK = "{premise}\\nHypothesis: {hypothesis}\\n{context_note}\\nEntailment, neutral or contradiction?"
            client = OpenAI()
            correct = 0
            for item in datasets.load_dataset("snli", split="test"):
                item = dict(item)
                item["context_note"] = "(genre: %s)" % item["genre"]
                reply = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": ASK.format(**item)}])
                correct += reply.choices[0].message.content.strip() == item["label"]
        """, note="the extra field made from a non-answer field"),
        valid("""
            import numpy as np
            from transformers import pipeline
            def evaluate(dataset, rep_reader, hidden_layers):
                rep_pipeline = pipeline("rep-reading", model=model, tokenizer=tokenizer)
                results = {"val": [], "test": []}
                for t, eval_data in [("val", dataset["val"]), ("test", dataset["test"])]:
                    H_tests = rep_pipeline(eval_data["data"], rep_reader=rep_reader, hidden_layers=hidden_layers)
                    labels = eval_data["labels"]
                    for layer in hidden_layers:
                        H_test = [H[layer] for H in H_tests]
                        results[t].append(np.mean([labels[i].index(1) == np.argmax(H) for i, H in enumerate(H_test)]))
                return results
        """, note="only the `data` field reaches the model; `labels` is used for scoring only"),
    ]

    def visit_IfExp(self, node: cst.IfExp) -> None:
        """`mark = "*" if i == item["label"] else " "` in a function: the text it builds differs at the gold
        option. Kept as a fact; the repo phase reports it when that function's text reaches a model."""
        function = self.ctx.names.function
        gold = _gold_test(node.test)
        if function is None or gold is None or _DEMO_WORDS.search(function.name.value):
            return  # `format_shot(ex)`: a demonstration shows its answer on purpose
        texts = [string_value(b) for b in (node.body, node.orelse)]
        if any(t is None for t in texts) or texts[0] == texts[1]:
            return
        marks = self.ctx.facts.setdefault(self.code + ":marks", [])
        if len(marks) < 20:
            marks.append({"fn": function.name.value, "line": self.ctx.line_of(node), "gold": gold,
                          "marks": [t for t in texts if t is not None]})

    @classmethod
    def _gold_marked(cls, repo, prog: Program, reported: set[Ref]) -> None:
        """A formatter whose text marks the gold option (`"*" if i == item["label"] else " "`), called for
        the text a model is sent."""
        marks = {(path, m["fn"]): m for path, facts in repo.facts(cls.code + ":marks") for m in facts}
        if not marks:
            return
        done: set[tuple[str, str]] = set()
        for call in prog.nodes("llm"):
            starts = text_inputs(prog, call)
            for node, _, _ in prog.trace_back([(s, ()) for s in starts], limit=400,
                                              stop=lambda r: prog.kind(r) in ("llm", "pred", "fit", "metric")):
                key = prog.callee(node) if prog.kind(node) == "call" else None
                if key is None:
                    continue
                where = (prog.graph(key[0]).path, prog.function(key).qualname.rsplit(".", 1)[-1])
                mark = marks.get(where)
                if mark is None or where in done or any(
                        _DEMO_WORDS.search(str(prog.info(i).get("name", ""))) for i in prog.inputs(node)[1:] if i):
                    continue  # `format_item(shot)` for each demonstration: their answers are shown on purpose
                done.add(where)
                repo.report(cls, where[0], mark["line"],
                            related=[Location(prog.path(call), prog.line(call), "sent to the model here")],
                            message="the text `{record}` builds at {where} differs at the gold option: it marks the "
                                    "option that equals `{gold}` with {marks}, and that text is sent to the model at {compared}",
                            question="Does the prompt built by `{record}` at {where} show which option is `{gold}`?",
                            record=where[1], gold=mark["gold"], marks=" / ".join(repr(m) for m in mark["marks"]),
                            compared=prog.describe(call))

    @classmethod
    def check_repo(cls, repo) -> None:
        prog = program(repo)
        reported: set[Ref] = set()
        cls._gold_marked(repo, prog, reported)
        for call in prog.nodes("llm"):
            starts = text_inputs(prog, call)
            for record, gold, compared, formatted in _whole_records(prog, starts, _file_reader(repo)):
                if formatted in reported:
                    continue
                reported.add(formatted)
                if "\0" in gold:  # a field made from the gold answer: the finding is where it is made
                    field, source = gold.split("\0")
                    if record in reported:
                        continue
                    reported.add(record)
                    repo.report(cls, **prog.where(record),
                                related=[Location(prog.path(formatted), prog.line(formatted), "record formatted here"),
                                         Location(prog.path(call), prog.line(call), "sent to the model here")],
                                message="`{gold}` is made from the gold answer `{source}` at {where}, and the prompt "
                                        "sent at {sent} fills its `{gold}` placeholder from the same record",
                                question="Should the field `{gold}`, made from the answer `{source}` at {where}, reach "
                                         "the prompt sent at {sent}?",
                                record=value_name(prog, record, "the record"), gold=field, source=source,
                                sent=prog.describe(call), compared="")
                    continue
                # `TEMPLATE.format(**item)` / `PROMPT.substitute(item)` with a `{key}` / `$key` placeholder
                template = "**" in prog.info(formatted).get("kw", {}) or (
                    prog.kind(formatted) == "call" and call_name(prog.info(formatted)) in ("substitute", "safe_substitute", "format_map"))
                repo.report(cls, **prog.where(formatted),
                            related=[Location(prog.path(call), prog.line(call), "sent to the model here"),
                                     Location(prog.path(compared), prog.line(compared), "gold answer used here")],
                            **({"message": "`{record}` fills a template at {where} whose placeholder `{gold}` is the answer "
                                           "compared with the model's reply at {compared}"} if template else {}),
                            record=value_name(prog, record, "the record"), gold=gold,
                            compared=prog.describe(compared))
            for gold, entered, compared in _gold_in_text(prog, call, starts):
                if entered in reported:
                    continue
                reported.add(entered)
                # a call written over several lines: the line the gold is read on, inside the statement
                at = gold if prog.path(gold) == prog.path(entered) and 0 < prog.line(gold) - prog.line(entered) < 20 \
                    and prog.kind(entered) == "op" and prog.info(entered).get("op") in ("fmt", "dict", "Add") else entered
                repo.report(cls, **prog.where(at),
                            related=[Location(prog.path(call), prog.line(call), "sent to the model here"),
                                     Location(prog.path(compared), prog.line(compared), "compared with the reply here")],
                            message="`{gold}`, the item's worked solution, is written into the prompt at {where}, and the reply is "
                                    "graded at {compared} against the answer it contains" if _solution_field(prog, gold) else
                                    "`{gold}`, which the model's reply is compared with at {compared}, is written into the prompt at {where}",
                            question="Does the prompt built at {where} contain `{gold}`, the answer the reply is graded against at {compared}?",
                            gold=_attribute_name(prog, gold) or value_name(prog, gold, "the gold answer"),
                            compared=prog.describe(compared), record="", )


_DEMO_WORDS = re.compile(r"(?i)shot|demo|exemplar|example|icl|context")


def _gold_key(expr: cst.BaseExpression) -> str | None:
    """`item["label"]`, `ex.answer`, `row["answer_idx"]`: the gold field read, as written."""
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        key = string_value(expr.slice[0].slice.value)
    elif isinstance(expr, cst.Attribute):
        key = expr.attr.value
    else:
        return None
    if key is None:
        return None
    tokens = re.findall(r"[a-z]+", key.lower())
    return key if key.lower() in GOLD_KEYS or (tokens and tokens[0] in ("answer", "gold", "label", "correct")) else None


def _gold_test(test: cst.BaseExpression) -> str | None:
    """`i == item["label"]`, `choice == ex.answer`, `letter in row["gold"]`: a test of an option against
    the gold field (the code of the gold read), else None."""
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1 \
            or not isinstance(test.comparisons[0].operator, (cst.Equal, cst.In)):
        return None
    for side in (test.left, test.comparisons[0].comparator):
        if _gold_key(side) is not None:
            return cst.Module([]).code_for_node(side)
    return None


def _whole_records(prog: Program, starts: list[Ref], read: Callable[[str, str], str] = lambda a, b: "",
                   ) -> list[tuple[Ref, str, Ref, Ref]]:
    """(record, its gold field, where the gold is used, where the record is formatted) for each
    record that reaches `starts` whole, never through one of its fields."""
    found = []
    queue: deque[tuple[Ref, Stack, frozenset, frozenset | None, Ref, Ref, bool]] = deque(
        (s, (), frozenset(), None, 0, 0, False) for s in starts)
    seen: set[tuple[Ref, Stack]] = set()
    while queue and len(seen) < 3000:
        ref, stack, dropped, only, consumer, template_site, keyed = queue.popleft()
        if (ref, stack) in seen:
            continue
        seen.add((ref, stack))
        kind = prog.kind(ref)
        info = prog.info(ref)
        if kind in ("col", "metric", "fit", "split", "hash", "llm", "cmp", "select", "stat", "apply", "pred") and consumer:
            continue  # a field, a number or a model reply: not the record itself
        if kind == "col" and info.get("cols") and "?" not in info["cols"]:
            continue  # `model(eval_data["data"])`: a named field sent, not the whole record
        listed = _listed_keys(prog, prog.input(ref, 1)) if kind == "elem" and consumer else None
        if listed is not None:
            only = listed  # `{k: row[k] for k in ("question", "options")}`: the fields named in the loop's list
        elif (kind == "col" and "?" in info.get("cols", ())) or (kind == "elem" and not set(info) - {"name"} and consumer and _loop_item(
                prog, prog.input(ref, 0))):
            keyed = True  # `row[query_key]`: some field, which one unknown; only a field compared with a reply is gold
        if consumer and kind == "call" and prog.callee(ref) is None and call_name(info) in _FILLS:
            # a template filled from a record: `PROMPT.substitute(**item)`, `tmpl.render(item=item)`,
            # `TEMPLATE.format(q=row)` with `{q[answer]}`; each record reaches only its placeholders
            filled = _filled_fields(prog, ref, info, read)
            for index, fields in filled.items():
                queue.append((prog.input(ref, index), stack, dropped, fields, ref, ref, keyed))
            if filled:
                continue
        if kind == "call" and prog.callee(ref) is None and call_name(info) not in _WHOLE:
            continue  # a library call: what it keeps of its arguments is unknown
        if kind == "call" and {"exclude", "include"} & set(info.get("kw", {})):
            continue  # `item.model_dump_json(exclude={"answer"})`: the fields dumped are chosen
        if kind == "op" and info.get("op") in ("attr",) and consumer:
            continue
        if kind == "comp":
            if "except" in info:
                dropped = dropped | frozenset(k.lower() for k in info["except"])
            if "only" in info:
                only = frozenset(k.lower() for k in info["only"])
        if kind == "call" and "**" in info.get("kw", {}) and (info.get("op") == "fmt" or call_name(info) in ("format", "format_map")):
            # `TEMPLATE.format(**row)` fills only the template's placeholders; an unknown template: silent
            template = info.get("text") or _template_text(prog, prog.input(ref, 0)) or _module_constant(prog, info.get("fn"))
            only = frozenset(p.split(".")[0].split("[")[0].lower() for p in placeholders(template))
            template_site = ref  # the record is formatted here, whatever helper reshapes it on the way
        if consumer and kind == "setcol" and only is not None and info.get("col", "").lower() in only:
            source = _from_gold(prog, ref)
            if source is not None:
                field, used = source
                found.append((ref, f"{info['col']}\0{field}", used, consumer))
                continue  # `row["hint"] = f"({row['target']})"`, then `TEMPLATE.format(**row)` with `{hint}`
        if consumer and kind in ("elem", "global", "import", "part", "src", "param", "selfattr"):
            gold = _gold_field(prog, ref, dropped, only, named=not keyed)
            if gold is not None:
                field, used = gold
                found.append((ref, field, used, template_site or _formatting_site(prog, consumer)))
                continue
        here = ref if kind not in ("param",) else consumer
        for nxt, nstack in prog.back_step(ref, stack, rows=False):
            if kind == "comp" and nxt in info.get("filter", []):
                continue
            queue.append((nxt, nstack, dropped, only, here or ref, template_site, keyed))
    return found


# Calls that fill a template's placeholders from their keyword arguments (`**record` or `name=record`).
_FILLS = frozenset({"substitute", "safe_substitute", "render", "format_map", "format"})
# Placeholders of the other template languages: string.Template's `$name` / `${name}`, jinja2's
# `{{ item.answer }}` and `{% if item.answer %}`.
_DOLLAR = re.compile(r"\$\{?([A-Za-z_]\w*)")
_JINJA = re.compile(r"\{[{%]-?\s*(?:if|elif|for\s+\w+\s+in)?\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[['\"]?\w+['\"]?\])*)")


def _filled_fields(prog: Program, call: Ref, info: dict, read: Callable[[str, str], str]) -> dict[int, frozenset | None]:
    """For a call filling a template whose text is known, {input index: the fields of the record
    given there that the template writes, or None when it writes the whole value}. Empty when the
    template's text is unknown or no keyword is given."""
    keywords = info.get("kw", {})
    if not keywords and call_name(info) in ("substitute", "safe_substitute", "format_map") and len(prog.inputs(call)) > 1 \
            and prog.input(call, 1):
        keywords = {"**": 1}  # `PROMPT.substitute(row)`, `TEMPLATE.format_map(row)`: the mapping fills the placeholders
    if not keywords:
        return {}
    text = _fill_template(prog, call, info, read)
    if not text:
        return {}
    names = set(placeholders(text)) | set(_DOLLAR.findall(text)) | set(_JINJA.findall(text))
    paths = [re.sub(r"\[['\"]?(\w+)['\"]?\]", r".\1", n).split(".") for n in names]
    filled: dict[int, frozenset | None] = {}
    for name, index in keywords.items():
        if name == "**":
            filled[index] = frozenset(p[0].lower() for p in paths)
        elif any(p == [name] for p in paths):
            filled[index] = None  # `"{item}".format(item=row)`: the whole record as text
        else:
            filled[index] = frozenset(p[1].lower() for p in paths if p[0] == name and len(p) > 1)
    return filled


def _fill_template(prog: Program, call: Ref, info: dict, read: Callable[[str, str], str]) -> str:
    """The text of the template `call` fills: a string literal or constant, a template object made from
    one (`Template("...")`, `env.from_string(...)`), or a file of the repository read into a string
    (`open("prompts/qa.txt").read()`)."""
    receiver = prog.input(call, 0)
    if receiver:
        for node in prog.back([receiver], limit=12):
            node_info = prog.info(node)
            if prog.kind(node) == "const" and isinstance(node_info.get("value"), str):
                return node_info["value"]
            if prog.kind(node) == "call" and node_info.get("template"):
                return node_info["template"]
            if prog.kind(node) == "src" and node_info.get("path"):
                return read(prog.path(node), node_info["path"])
    return _module_constant(prog, info.get("fn")) or str(info.get("text", ""))


def _listed_keys(prog: Program, key: Ref) -> frozenset | None:
    """The names a subscript's key runs over when it is the variable of a loop over a written-out
    list of strings (`for k in ("question", "options")`), else None."""
    if not key or prog.kind(key) != "elem":
        return None
    source = prog.input(key, 0)
    names = prog.info(source).get("value") if source and prog.kind(source) == "const" else None
    if isinstance(names, list) and names and all(isinstance(n, str) for n in names):
        return frozenset(n.lower() for n in names)
    return None


def _loop_item(prog: Program, ref: Ref) -> bool:
    """`row` of `for _, row in df.iterrows()` or `for row in rows`: one record of a loop (subscripting it
    by a variable picks one of its fields, not one of many records)."""
    return bool(ref) and prog.kind(ref) == "elem" and bool(prog.info(ref).get("loop"))


def _file_reader(repo) -> Callable[[str, str], str]:  # type: ignore[no-untyped-def]
    """Read a template file a program opens, by its path from the root or from the program's folder."""
    def read(program: str, path: str) -> str:
        folder = program.rpartition("/")[0]
        for candidate in {posixpath.normpath(path), posixpath.normpath(posixpath.join(folder, path))}:
            if candidate.startswith(("..", "/")):
                continue  # outside the repository
            try:
                data = repo.read_bytes(candidate)
            except (OSError, ValueError):
                continue
            return data[:200_000].decode("utf-8", "replace")
        return ""
    return read


_COMPARING_CALLS = frozenset({"startswith", "endswith", "__eq__", "count", "find", "index", "match", "fullmatch", "search"})


def _gold_in_text(prog: Program, call: Ref, starts: list[Ref]) -> list[tuple[Ref, Ref, Ref]]:
    """(gold value, where it enters the prompt, where the reply is compared with it) for a value
    written into the text of `call` that the same call's reply is then graded against
    (`f"...Answer ({gold}):"`, then `reply.startswith(gold)`)."""
    replies = prog.forward(list(prog.users(call)), stop=lambda r: prog.kind(r) in ("metric", "llm", "fit"), limit=400)
    found: list[tuple[Ref, Ref, Ref]] = []
    for node, stack, parent in prog.trace_back([(s, ()) for s in starts], limit=600,
                                           stop=lambda r: prog.kind(r) in ("llm", "pred", "fit", "metric", "src")):
        kind, info = prog.kind(node), prog.info(node)
        if not parent or node in replies or kind not in ("col", "elem", "subset", "op", "call", "selfattr") or (
                kind == "op" and info.get("op") in ("fmt", "dict", "tuple", "list", "lambda")) or (
                kind == "op" and info.get("op") == "attr" and not _item_field(prog, node)):
            continue  # `item.answer` is a field read like `item["answer"]`; `reply.text` passes its value on
        if not _gold_like(prog, node):
            continue  # `f"Include the word {keyword}"`, then `keyword in reply`: the instruction, not an answer
        compared = _graded(prog, _same_field(prog, node), replies)
        entered = parent
        if not compared and stack and not _answer_turned_off(prog, node, stack[-1]):
            # `format_example(ex)` writes `ex["answer"]` into the text (a shot formatter whose
            # `include_answer` defaults to True) and the caller grades the reply against the same
            # field of the record it passed: the finding is at that call
            compared = _graded(prog, _caller_field(prog, node, stack[-1]), replies, lookups=True)
            # a helper that always writes the field (no flag turns it off; a method's own `self.answer`):
            # the finding is where it writes it; a formatter with a flag: at the call that leaves it on
            entered = parent if kind == "selfattr" or not _flagged(prog, node, stack[-1]) else stack[-1]
        if not compared and not stack and kind == "col" and prog.kind(prog.input(node, 0)) == "param":
            # `TEMPLATE.format(reference=row["answer"])` in `ask(row)`, whose caller grades `ask(r)` against
            # `r["answer"]`: the trace began inside the function, so its callers are looked at here
            for site in prog.callers(prog.function_of(prog.input(node, 0)), 20):
                if _answer_turned_off(prog, node, site):
                    continue  # `ask(item, show_answer=False)`: the call leaves the answer out
                compared = _graded(prog, _caller_field(prog, node, site), replies, lookups=True)
                if compared:
                    break
        if not compared and _solution_field(prog, node):
            # `hint=item["solution"]` in the prompt, the reply graded against `item["answer"]`: the worked
            # solution of the item carries the answer it is graded on
            record = prog.input(node, 0)
            compared = _graded(prog, [u for u in prog.users(record) if u != node and prog.kind(u) == "col"
                                      and _gold_word(str((prog.info(u).get("cols") or [""])[0]))], replies)
        if compared:
            found.append((node, entered, compared))
    return found


# Fields holding an item's worked solution: text that ends in the answer the item is graded on.
_SOLUTION_KEYS = frozenset({"solution", "solutions", "reference_solution", "worked_solution", "full_solution",
                            "canonical_solution", "gold_solution", "solution_text"})


def _solution_field(prog: Program, node: Ref) -> bool:
    """`item["solution"]`: one field of a record, named for its worked solution."""
    cols = prog.info(node).get("cols", [])
    return prog.kind(node) == "col" and len(cols) == 1 and str(cols[0]).lower() in _SOLUTION_KEYS \
        and bool(prog.input(node, 0))


def _caller_field(prog: Program, node: Ref, call: Ref) -> list[Ref]:
    """When `node` reads one field of a parameter (`ex["answer"]` in `format_example(ex)`), the reads
    of the same field of the record `call` passes for it."""
    cols = prog.info(node).get("cols", [])
    key = prog.callee(call)
    if prog.kind(node) == "selfattr" and key is not None and prog.function(key).owner and prog.info(call).get("m"):
        # `self.target` in a method the caller runs as `item.render()`: the caller's `item.target`
        return _attribute_reads(prog, prog.input(call, 0), prog.info(node).get("attr"))
    record = prog.input(node, 0) if prog.kind(node) == "col" and len(cols) == 1 else 0
    if not record or prog.kind(record) != "param" or key is None or prog.function_of(record) != key:
        return []
    argument = prog.argument(call, key, record)
    if not argument:
        return []
    return [u for u in prog.users(argument) if prog.kind(u) == "col" and prog.info(u).get("cols") == cols]


def _item_field(prog: Program, node: Ref) -> bool:
    """`ex.answer` of a loop's item or a parameter (one record each time), not `task.labels` of one
    object for the whole run (the label set every prompt may list)."""
    record = prog.input(node, 0)
    return _gold_word(prog.info(node).get("a") or "") and bool(record) and prog.kind(record) in ("elem", "param")


def _attribute_name(prog: Program, node: Ref) -> str:
    """`self.target`, `item.answer`: a field read by attribute, as written ("" for other values)."""
    info = prog.info(node)
    if prog.kind(node) == "selfattr":
        return f"self.{info.get('attr')}"
    if prog.kind(node) == "op" and info.get("op") == "attr" and info.get("a"):
        return f"{value_name(prog, prog.input(node, 0), 'the record')}.{info['a']}"
    return ""


def _attribute_reads(prog: Program, record: Ref, attr: str | None) -> list[Ref]:
    """The reads `record.attr` of one object (the gold read by attribute, as `row["answer"]` by key)."""
    if not record or not attr:
        return []
    return [u for u in prog.users(record) if prog.kind(u) == "op" and prog.info(u).get("op") == "attr"
            and prog.info(u).get("a") == attr and prog.input(u, 0) == record]


def _literal(prog: Program, call: Ref, key: tuple[int, int], param: Ref) -> object:
    """The literal `call` passes for `param` (`format_item(item, False)`), else the node's constant, else None."""
    info = prog.info(param)
    lits = prog.info(call).get("lits", {})
    method = bool(prog.function(key).owner) and bool(prog.info(call).get("m"))
    index = str(info.get("index", -1) - (1 if method else 0))
    if info.get("name") in lits:
        return lits[info["name"]]
    if index in lits:
        return lits[index]
    value = prog.argument(call, key, param)
    return prog.info(value).get("value") if value and prog.kind(value) == "const" else None


def _false(prog: Program, call: Ref, key: tuple[int, int], param: Ref) -> bool:
    return _literal(prog, call, key, param) in (False, 0) and _literal(prog, call, key, param) is not None


def _flagged(prog: Program, node: Ref, call: Ref) -> bool:
    """Can the called function leave `node` out: it sits under an `if`, or a parameter has a flag's default?"""
    key = prog.callee(call)
    return key is None or bool(prog.guard(node)) or any(
        prog.info(p).get("on") is not None or (prog.passed(call, key, p) and _literal(prog, call, key, p) in (True, False))
        for p in parameters(prog, key))  # a default flag, or a flag the call passes (`fmt(q, True)`)


def _answer_turned_off(prog: Program, node: Ref, call: Ref) -> bool:
    """`node` sits under `if <flag>:` for a parameter of the called function that `call` passes
    (any value but a literal true: the caller decides) or that defaults to something false."""
    key = prog.callee(call)
    if key is None:
        return False
    guard = prog.guard(node)
    for _ in range(8):
        if not guard:
            # no `if` statement (`f" {ex['answer']}" if with_answer else ""`): the call turns a flag off
            # (`format_item(item, False)`) or leaves one at a false default
            return any(_false(prog, call, key, p) if prog.passed(call, key, p) else prog.info(p).get("on") == 0
                       for p in parameters(prog, key))
        test = prog.input(guard, 0)
        if test and prog.kind(test) == "param" and prog.function_of(test) == key:
            if not prog.passed(call, key, test):
                return not prog.info(test).get("on")  # `include_answer=True` left to its default
            return _literal(prog, call, key, test) not in (True, 1)
        guard = prog.input(guard, 1)
    return False


def _graded(prog: Program, values: list[Ref], replies: dict[Ref, Ref], lookups: bool = False) -> Ref:
    """Where one of `values` (or `value.strip().lower()` of it) is compared with a reply."""
    frontier = list(values)
    for _ in range(4):
        following = []
        for value, user in ((v, u) for v in frontier for u in prog.users(v)):
            uinfo = prog.info(user)
            if user in replies and ((prog.kind(user) == "cmp" and uinfo.get("op") in ("==", "!=", "in")) or prog.kind(user) == "metric"
                                    or (prog.kind(user) == "call" and uinfo.get("m") in _COMPARING_CALLS)):
                return user
            own = prog.input(user, 0) == value  # a method of the gold itself (`gold.astype(str)`, `.str`)
            if (user not in replies or own) and ((prog.kind(user) == "call" and prog.callee(user) is None) or (
                    own and prog.kind(user) == "op" and uinfo.get("op") == "attr")):
                following.append(user)  # `.strip().lower()`, pandas' `.str.lower()`: the gold, reshaped
            if lookups and prog.kind(user) == "elem" and prog.input(user, 1) == value and user not in replies:
                following.append(user)  # `LETTERS[row["answer"]]`: a lookup keyed by the gold
            if user not in replies and prog.kind(user) == "op" and uinfo.get("op") in ("fmt", "Add"):
                following.append(user)  # `reply.startswith(f"({gold})")`: the gold in its expected format
        frontier = following[:20]
    return 0


_GOLD_TOKENS = frozenset({"answer", "answers", "gold", "label", "labels", "target", "targets", "correct", "solution",
                          "reference", "truth", "expected", "gt", "ans", "answerkey"})


def _same_field(prog: Program, node: Ref) -> list[Ref]:
    """`node`, and when it reads one field of a record, every read of that field of the same record
    (`row["answer"]` in the prompt and `row["answer"]` again where the reply is graded)."""
    cols = prog.info(node).get("cols", [])
    if prog.kind(node) == "op" and prog.info(node).get("op") == "attr":
        record, attr = prog.input(node, 0), prog.info(node).get("a")
        rows = prog.input(record, 0) if record and prog.kind(record) == "elem" else 0
        frame = prog.input(rows, 0) if rows and prog.info(rows).get("m") in ("itertuples", "iterrows") else 0
        columns = [u for u in prog.users(frame) if prog.kind(u) == "col" and prog.info(u).get("cols") == [attr]] if frame else []
        return [node] + [u for u in _attribute_reads(prog, record, attr) if u != node] + columns  # `row.label`, `df["label"]`
    record = prog.input(node, 0) if prog.kind(node) == "col" and len(cols) == 1 else 0
    if not record:
        return [node]
    # the same frame after columns are added to it (`df["pred"] = preds`, then `df["answer"]` read again)
    versions, frontier = [record], [record]
    for _ in range(6):
        frontier = [u for r in frontier for u in prog.users(r) if prog.kind(u) == "setcol" and prog.input(u, 0) == r]
        versions += frontier
    return [node] + [u for v in versions for u in prog.users(v)
                     if u != node and prog.kind(u) == "col" and prog.info(u).get("cols") == cols]


def _gold_like(prog: Program, value: Ref) -> bool:
    """Whether a value is named like a gold answer, or read from such a field (`LETTERS[item["answer_idx"]]`)."""
    for node in prog.back([value], limit=12):
        info = prog.info(node)
        words = [info.get("name") or ""] + [c for c in info.get("cols", []) if isinstance(c, str)]
        if node == value:  # the field itself read by attribute (`item.answer`, `self.target`)
            words += [info.get("a") or "", info.get("attr") or ""] if prog.kind(node) in ("op", "selfattr") else []
        if any(_gold_word(word) for word in words):
            return True
    return False


def _gold_word(word: str) -> bool:
    tokens = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", word.replace("_", " "))
    return word.lower() in GOLD_KEYS or any(t.lower() in _GOLD_TOKENS for t in tokens)


def _template_text(prog: Program, ref: Ref) -> str:
    """The text of a string constant (`PROMPT = \"...{question}...\"`), else ""."""
    if ref and prog.kind(ref) == "const" and isinstance(prog.info(ref).get("value"), str):
        return prog.info(ref)["value"]
    return ""


def _module_constant(prog: Program, fn: str | None) -> str:
    """The text of `prompts.GRADER_PROMPT` in `prompts.GRADER_PROMPT.format(...)`, a template imported from a module."""
    module, _, rest = (fn or "").rpartition(".")
    module, _, name = module.rpartition(".")
    bound = module_binding(prog, module, name) if rest in _FILLS else 0
    if bound and prog.kind(bound) == "call" and isinstance(prog.info(bound).get("template"), str):
        return prog.info(bound)["template"]  # `MATH_PROMPT = Template("...$solution...")` in `prompts.py`
    return _template_text(prog, bound) if bound else ""


def _gold_field(prog: Program, record: Ref, dropped: frozenset, only: frozenset | None,
                named: bool = True) -> tuple[str, Ref] | None:
    """A field of `record` that is the gold answer: compared with a model's output (also inside a
    helper the record is handed to, `is_correct(reply, row)`), or named so (`named`: when the record
    reaches the prompt whole, not through a read whose key is unknown)."""
    for user in _field_reads(prog, record):
        if prog.kind(user) != "col":
            continue
        cols = prog.info(user).get("cols", [])
        if len(cols) != 1 or not isinstance(cols[0], str):
            continue
        field = cols[0]
        low = field.lower()
        if low in dropped or (only is not None and low not in only):
            continue
        compared = _compared_with_output(prog, user)
        if compared:
            return field, compared
        if low in GOLD_KEYS and named:
            return field, user
    if named and only is None and not any(prog.kind(u) == "col" for u in _field_reads(prog, record)):
        sibling = _sibling_gold(prog, record, dropped)  # a record no field of which is read where it is sent
        if sibling is not None:
            return sibling
    listed = sorted(p for p in (only or ()) if p in GOLD_KEYS and p not in dropped)
    if listed:
        # `SHOT.format(**item)` with `{answer}` for the graded item: the template writes the answer
        # in, although the code compares the reply with another field (`item["aliases"]`). A
        # demonstration formatted the same way is not graded, so it is not reported.
        for user in _field_reads(prog, record):
            compared = _compared_with_output(prog, user) if prog.kind(user) == "col" else 0
            if compared:
                return listed[0], compared
    return None


def _sibling_gold(prog: Program, record: Ref, dropped: frozenset) -> tuple[str, Ref] | None:
    """`[ask(it) for it in items]` sends each record whole (`item.model_dump_json()`), and `p == it.answer`
    over `zip(preds, items)` grades the replies: the gold field is read from another loop variable over the
    same records, never from the one sent. (field, the comparison) when such a read is compared with the
    model's output."""
    if not (prog.kind(record) == "param" or (prog.kind(record) == "elem" and "loop" in prog.info(record))):
        return None  # only a record a loop or a call hands over (`LABELS[i]` is an element, not a record)
    handed = prog.back([record], limit=40, stop=lambda r: r != record and prog.kind(r) != "param")
    containers = {prog.input(n, 0) for n in handed if prog.kind(n) == "elem" and "loop" in prog.info(n)} - {0}
    for container in containers:
        for elem in prog.users(container):
            if prog.kind(elem) != "elem" or "loop" not in prog.info(elem):
                continue
            for read in prog.users(elem):
                kind, info = prog.kind(read), prog.info(read)
                field = info.get("a") if kind == "op" and info.get("op") == "attr" else \
                    (info.get("cols") or [None])[0] if kind == "col" and len(info.get("cols") or []) == 1 else None
                if isinstance(field, str) and field.lower() in GOLD_KEYS and field.lower() not in dropped:
                    compared = _compared_with_output(prog, read)
                    if compared:
                        return field, compared
    return None


def _from_gold(prog: Program, setcol: Ref) -> tuple[str, Ref] | None:
    """(the gold field, where it is read) when the value assigned to a record's field is made
    from the record's gold answer: a field named like an answer, or one compared with a reply."""
    value = prog.input(setcol, 1)
    if not value:
        return None
    for node in prog.back([value], limit=60, stop=lambda r: prog.kind(r) in ("llm", "fit", "pred", "metric")):
        cols = prog.info(node).get("cols", []) if prog.kind(node) == "col" else []
        if len(cols) != 1 or not isinstance(cols[0], str) or cols[0] == prog.info(setcol).get("col"):
            continue
        if cols[0].lower() in GOLD_KEYS or _graded_field(prog, node, cols[0]):
            return cols[0], node
    return None


def _graded_field(prog: Program, read: Ref, field: str) -> bool:
    """Whether the field `read` reads is, somewhere in its file, compared with a model's output."""
    others = [r for r in prog.nodes_in(read >> SHIFT, "col") if same_file(r, read) and prog.info(r).get("cols") == [field]]
    return any(_compared_with_output(prog, r) for r in others[:20])


def _field_reads(prog: Program, record: Ref) -> list[Ref]:
    """The uses of `record`, and of the parameter it fills in a function of the repo it is passed to."""
    found = list(prog.users(record))
    for call in [u for u in found if prog.kind(u) == "call" and prog.callee(u) is not None][:8]:
        key = prog.callee(call)
        for param in parameters(prog, key):
            if prog.argument(call, key, param) == record:
                found.extend(prog.users(param))
    return found


def _compared_with_output(prog: Program, field: Ref) -> Ref:
    frontier = [field]
    for _ in range(5):
        following = []
        for node in frontier:
            for user in prog.users(node):
                if prog.kind(user) == "cmp" and prog.info(user).get("op") in ("==", "!=", "in"):
                    others = [i for i in prog.inputs(user) if i and i != node]
                    if any(derived_from_prediction(prog, o) for o in others):
                        return user
                elif prog.kind(user) == "metric":
                    return user
                elif prog.kind(user) in ("call", "op", "comp", "elem"):  # `[a.lower() for a in row["aliases"]]` too
                    following.append(user)
        frontier = following[:20]
    return 0


def _formatting_site(prog: Program, consumer: Ref) -> Ref:
    """The first node after the record on its way into the prompt, skipping parameters."""
    return consumer
