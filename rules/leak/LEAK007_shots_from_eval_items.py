"""LEAK007: few-shot demonstrations drawn from the very items being evaluated."""
from __future__ import annotations

import ast
import re
from collections import deque

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.analysis.apis.llm import EVAL_HARNESSES, model_call
from hygiene.analysis.dataflow.graph import FUNC
from hygiene.analysis.dataflow.program import Program, Ref, program
from hygiene.analysis.dataflow.queries import call_name, loop_node, rows_key, text_inputs, value_name
from hygiene.analysis.names import dotted
from hygiene.analysis.stdast import FUNCTIONS, module_tree, names_in, own_nodes, scopes
from hygiene.analysis.stdast import dotted as ast_dotted
from hygiene.analysis.strings import string_value
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid
from hygiene.walk import iter_nodes

# Wrappers around the iterable of a loop (or a collection) that do not change which items it holds;
# a shuffled copy (`ds.shuffle(seed=0)`) holds the same items in another order.
_WRAPPERS = frozenset({"tqdm", "enumerate", "list", "tuple", "iter", "sorted", "reversed", "track", "progress", "shuffle"})


# Calls that only wrap or measure a collection; an index is built by anything else given it.
_NOT_INDEXES = frozenset({"len", "list", "tuple", "sorted", "enumerate", "range", "set", "dict", "print", "iter",
                          "zip", "str", "int", "float", "sum", "min", "max", "open"})
_NEIGHBOUR_WORDS = re.compile(r"(?i)nearest|neighbo|knn|top_?k|retriev|similar|search|query|demos|shots|examples|select")


_DEMO_WORDS = re.compile(r"(?i)demo|shot|example|exemplar|icl|neighbo|nearest|knn")
_ANSWER_KEYS = frozenset({"answer", "answers", "label", "target", "gold", "solution", "output", "completion"})


def _reads_answers(body: cst.CSTNode, element: set[str]) -> bool:
    """An answer field read off something other than the loop's own item (`d['answer']` of a retrieved `d`)."""
    for n in iter_nodes(body):
        if isinstance(n, cst.Subscript) and len(n.slice) == 1 and isinstance(n.slice[0].slice, cst.Index) \
                and string_value(n.slice[0].slice.value) in _ANSWER_KEYS \
                and not (isinstance(n.value, cst.Name) and n.value.value in element):
            return True
        if isinstance(n, cst.Attribute) and n.attr.value in _ANSWER_KEYS \
                and not (isinstance(n.value, cst.Name) and n.value.value in element):
            return True
    return False


def _querying_helpers(statements) -> dict[str, tuple[str, str, str]]:  # noqa: ANN001
    """Functions among `statements` that query an index of the enclosing scope for neighbours of their own
    parameter (`def build_prompt(item): shots = index.nearest(item["text"])`): name -> (index, method, the
    name the result is bound to)."""
    found: dict[str, tuple[str, str, str]] = {}
    for statement in statements:
        if not isinstance(statement, cst.FunctionDef):
            continue
        params = {p.name.value for p in statement.params.params}
        for sub in iter_nodes(statement.body):
            if not (isinstance(sub, cst.Assign) and len(sub.targets) == 1 and isinstance(sub.targets[0].target, cst.Name)
                    and isinstance(sub.value, cst.Call) and isinstance(sub.value.func, cst.Attribute)
                    and isinstance(sub.value.func.value, cst.Name)):
                continue
            call = sub.value
            if call.func.value.value in params or not _NEIGHBOUR_WORDS.search(call.func.attr.value) or any(
                    a.keyword is not None and a.keyword.value.startswith(("exclude", "skip", "filter", "ignore"))
                    for a in call.args):
                continue
            if any(isinstance(n, cst.Name) and n.value in params for a in call.args for n in iter_nodes(a.value)):
                found.setdefault(statement.name.value, (call.func.value.value, call.func.attr.value,
                                                        sub.targets[0].target.value))
    return found


def _data_names(value: ast.AST) -> set[str]:
    """The names whose data a value is made from: not the callables and receivers of its calls
    (`enc.encode(...)`), nor a comprehension's own variables."""
    called = {m.id for c in ast.walk(value) if isinstance(c, ast.Call)
              for m in ast.walk(c.func) if isinstance(m, ast.Name)}
    bound = {m.id for c in ast.walk(value) if isinstance(c, ast.comprehension) for m in ast.walk(c.target)
             if isinstance(m, ast.Name)}
    return names_in(value) - called - bound


def _returns_literal(method: "cst.FunctionDef | None") -> object:
    """`def has_test_docs(self): return True` -> True; None when the method is absent or computes."""
    if method is None:
        return None
    values = [r.value for r in iter_nodes(method) if isinstance(r, cst.Return)]
    if len(values) == 1 and isinstance(values[0], cst.Name) and values[0].value in ("True", "False"):
        return values[0].value == "True"
    return None


def _docs_of(expr: cst.BaseExpression) -> str | None:
    """`self.test_docs()`, `self.dataset["test"]` (through `list(...)`): which split of the task's docs."""
    while isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value in ("list", "iter") and expr.args:
        expr = expr.args[0].value
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and isinstance(expr.func.value, cst.Name) \
            and expr.func.value.value == "self" and expr.func.attr.value in ("test_docs", "validation_docs"):
        return expr.func.attr.value.split("_")[0]
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        key = string_value(expr.slice[0].slice.value)
        if key in ("test", "validation") and "dataset" in (dotted(expr.value) or ""):
            return key
    return None


class ShotsFromEvalItems(Rule):
    """
    ## What it does
    Finds a prompt that holds demonstrations cut from the same collection the loop evaluates
    (`shots = items[:5]` or `random.sample(items, 5)` while `for item in items:` asks the model
    about every item), so the demonstrations, with their answers, are also evaluated; also when an
    evaluation task takes the items and the prompt in one call (inspect's `Task(dataset=...,
    solver=[system_message(shots), ...])`) and the shots are cut from the items of its dataset (also
    by a helper given those items, reported at the call that gives them).
    Demonstrations joined into a module-level block that the per-item helper reads (`f"{DEMOS}\\n{item}"`
    inside `async def solve(item)`) reach every call of it.
    A part of the item being evaluated (`conv[:-1]`, the conversation before the reply a judge
    scores) is that item's own context, not a demonstration.
    A cut that rebinds the name of the items it cuts (`examples = random.sample(examples, k=n)`) picks
    the items to evaluate or label: the items that follow are the subset, none other left to demonstrate.
    An lm-evaluation-harness task class whose `fewshot_docs` returns the docs the harness scores (its
    test docs when `has_test_docs` is True, else its validation docs) draws the shots from the evaluated
    items.

    A LangChain few-shot template (`FewShotPromptTemplate(examples=test[:5], ...)`) whose chain is then run
    over every item of that collection (`chain.batch([... for r in test])`) holds scored items too.

    A DSPy optimizer compiled with `trainset=` the examples that `Evaluate(devset=...)` then scores
    (`optimizer.compile(program, trainset=devset)`) bootstraps its demonstrations from the scored items.

    Demonstrations retrieved by similarity (kNN few-shot selection) from an index built over the very
    collection a loop sends to the model (`index = DemoIndex(test)`, then `index.nearest(ex["question"])`
    for each `ex in test`) hold each item itself, with its answer; an index over the training items, or a
    query that excludes the item (`exclude=ex["id"]`), is left alone. So does a batch search
    (sentence-transformers' `util.semantic_search(query_emb, corpus_emb)`) whose corpus and queries are
    encoded from the same items (also through an alias, `pool = test`) and whose hits pick the rows put
    in the prompts of a loop over those items.

    ## Why is this bad?
    For the items used as demonstrations the model sees the question and its gold answer in the
    prompt, and every other item is answered with test items as context. The score is inflated and
    no longer comparable with few-shot results that draw demonstrations from a training or dev
    split.

    ## Example
        shots = subset[:5]
        for item in subset:
            ask(build_prompt(shots, item))

    Use instead:
        shots = train_items[:5]           # or: shots, evaluated = subset[:5], subset[5:]
        for item in subset:
            ask(build_prompt(shots, item))
    """

    code = "LEAK007"
    category = "LEAK-PROMPT"
    severity = Severity.ERROR
    kinds = frozenset()
    dataflow_starts = frozenset({"call", "llm"})
    message = "The demonstrations `{shots}` are taken at {where} from `{items}`, the items evaluated in the loop at {loop}, so demonstrated items are also scored"
    question = "Are the demonstrations `{shots}` (taken at {where}) kept out of the items evaluated at {loop}?"
    examples = [
        invalid("""
            import json
            import random
            from openai import OpenAI

            client = OpenAI()
            rng = random.Random(0)
            test = [json.loads(l) for l in open("test.jsonl")]
            for ex in test:
                shots = rng.sample([t for t in test if t is not ex], 3)  # expect: LEAK007
                prompt = "".join(f"{s['text']} => {s['label']}\\n" for s in shots) + f"{ex['text']} =>"
                out = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt, max_tokens=2)
                print(out.choices[0].text.strip() == ex["label"])
        """, note="lead probe 3: each item's demonstrations are the other test items (the item itself left out)"),
        valid("""
            import json
            import random
            from openai import OpenAI

            client = OpenAI()
            rng = random.Random(0)
            test = [json.loads(l) for l in open("test.jsonl")]
            train = [json.loads(l) for l in open("train.jsonl")]
            for ex in test:
                shots = rng.sample([t for t in train if t["label"] in ("pos", "neg")], 3)
                prompt = "".join(f"{s['text']} => {s['label']}\\n" for s in shots) + f"{ex['text']} =>"
                out = client.completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt, max_tokens=2)
                print(out.choices[0].text.strip() == ex["label"])
        """, note="near miss: the demonstrations are filtered training items"),
        invalid("""
            import json
            from langchain_core.output_parsers import StrOutputParser
            from langchain_core.prompts import FewShotPromptTemplate, PromptTemplate
            from langchain_openai import ChatOpenAI
            train = [json.loads(l) for l in open("data/train.jsonl")]
            test = [json.loads(l) for l in open("data/test.jsonl")]
            few_shot = FewShotPromptTemplate(
                examples=test[:5],  # expect: LEAK007
                example_prompt=PromptTemplate.from_template("Ticket: {text}\\nCategory: {label}"),
                suffix="Ticket: {text}\\nCategory:",
                input_variables=["text"],
            )
            chain = few_shot | ChatOpenAI(model="gpt-4o-mini", temperature=0) | StrOutputParser()
            preds = chain.batch([{"text": r["text"]} for r in test])
""", note="held-out probe 19: LangChain few-shot demonstrations cut from the items the chain is run over"),
        valid("""
            import json
            from langchain_core.output_parsers import StrOutputParser
            from langchain_core.prompts import FewShotPromptTemplate, PromptTemplate
            from langchain_openai import ChatOpenAI
            train = [json.loads(l) for l in open("data/train.jsonl")]
            test = [json.loads(l) for l in open("data/test.jsonl")]
            few_shot = FewShotPromptTemplate(
                examples=train[:5],
                example_prompt=PromptTemplate.from_template("Ticket: {text}\\nCategory: {label}"),
                suffix="Ticket: {text}\\nCategory:",
                input_variables=["text"],
            )
            chain = few_shot | ChatOpenAI(model="gpt-4o-mini", temperature=0) | StrOutputParser()
            preds = chain.batch([{"text": r["text"]} for r in test])
""", note="near miss: the demonstrations are training items"),
        invalid("""
            import json
            from openai import OpenAI
            from sentence_transformers import SentenceTransformer, util

            enc = SentenceTransformer("all-mpnet-base-v2")
            client = OpenAI()
            train = [json.loads(l) for l in open("data/train.jsonl")]
            test = [json.loads(l) for l in open("data/test.jsonl")]
            pool = test  # expect: LEAK007
            pool_emb = enc.encode([x["text"] for x in pool], convert_to_tensor=True)
            q_emb = enc.encode([x["text"] for x in test], convert_to_tensor=True)
            hits = util.semantic_search(q_emb, pool_emb, top_k=8)
            for ex, nbrs in zip(test, hits):
                shots = "\\n".join(f"{pool[h['corpus_id']]['text']} -> {pool[h['corpus_id']]['intent']}" for h in nbrs)
                r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": shots + ex["text"]}])
        """, note="probe 18: sentence-transformers' batch `semantic_search` over a corpus encoded from the evaluated "
                  "items themselves (through an alias), its hits put in each item's prompt"),
        valid("""
            import json
            from openai import OpenAI
            from sentence_transformers import SentenceTransformer, util

            enc = SentenceTransformer("all-mpnet-base-v2")
            client = OpenAI()
            train = [json.loads(l) for l in open("data/train.jsonl")]
            test = [json.loads(l) for l in open("data/test.jsonl")]
            pool = train
            pool_emb = enc.encode([x["text"] for x in pool], convert_to_tensor=True)
            q_emb = enc.encode([x["text"] for x in test], convert_to_tensor=True)
            hits = util.semantic_search(q_emb, pool_emb, top_k=8)
            for ex, nbrs in zip(test, hits):
                shots = "\\n".join(f"{pool[h['corpus_id']]['text']} -> {pool[h['corpus_id']]['intent']}" for h in nbrs)
                r = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": shots + ex["text"]}])
        """, note="near miss: the corpus searched is the training split"),
        invalid("""
            import json
            import ollama
            test = [json.loads(l) for l in open("intents_test.jsonl")]
            index = DemoIndex(test)  # expect: LEAK007

            def build_prompt(item):
                shots = index.nearest(item["text"])
                demo = "\\n".join(f"{d['text']} -> {d['intent']}" for d in shots)
                return f"{demo}\\n{item['text']} ->"

            for item in test:
                r = ollama.generate(model="llama3.1:8b", prompt=build_prompt(item))
        """, note="probe17: the loop's item handed to a helper that queries an index over the evaluated items"),
        valid("""
            import json
            import ollama
            test = [json.loads(l) for l in open("intents_test.jsonl")]
            train = [json.loads(l) for l in open("intents_train.jsonl")]
            index = DemoIndex(train)

            def build_prompt(item):
                shots = index.nearest(item["text"])
                demo = "\\n".join(f"{d['text']} -> {d['intent']}" for d in shots)
                return f"{demo}\\n{item['text']} ->"

            for item in test:
                r = ollama.generate(model="llama3.1:8b", prompt=build_prompt(item))
        """, note="near miss: the index is over the training items"),
        invalid("""
            import dspy
            from dspy.evaluate import Evaluate
            from dspy.teleprompt import BootstrapFewShot

            devset = [x.with_inputs("question") for x in data.dev]
            optimizer = BootstrapFewShot(metric=exact_match, max_bootstrapped_demos=4)
            compiled = optimizer.compile(MultiHop(), trainset=devset)  # expect: LEAK007
            print(Evaluate(devset=devset, metric=exact_match)(compiled))
        """, note="probe 13: a DSPy optimizer compiled on the examples it is then evaluated on"),
        valid("""
            import dspy
            from dspy.evaluate import Evaluate
            from dspy.teleprompt import BootstrapFewShot

            trainset = [x.with_inputs("question") for x in data.train]
            devset = [x.with_inputs("question") for x in data.dev]
            optimizer = BootstrapFewShot(metric=exact_match, max_bootstrapped_demos=4)
            compiled = optimizer.compile(MultiHop(), trainset=trainset)
            print(Evaluate(devset=devset, metric=exact_match)(compiled))
        """, note="near miss: compiled on the training examples"),
        invalid("""
            import asyncio, json, random
            from openai import AsyncOpenAI

            client = AsyncOpenAI()
            problems = [json.loads(l) for l in open("bench.jsonl")]
            demos = random.Random(0).sample(problems, 4)  # expect: LEAK007
            DEMO_TEXT = "\\n\\n".join(f"Problem: {d['q']}\\nSolution: {d['a']}" for d in demos)

            async def solve(problem):
                r = await client.chat.completions.create(model="m", messages=[
                    {"role": "user", "content": f"{DEMO_TEXT}\\n\\nProblem: {problem['q']}\\nSolution:"}])
                return r.choices[0].message.content

            async def main():
                return await asyncio.gather(*(solve(p) for p in problems))
        """, note="a module-level block of demonstrations read inside the helper every item goes through"),
        valid("""
            import asyncio, json, random
            from openai import AsyncOpenAI

            client = AsyncOpenAI()
            problems = [json.loads(l) for l in open("bench.jsonl")]
            pool = [json.loads(l) for l in open("train.jsonl")]
            demos = random.Random(0).sample(pool, 4)
            DEMO_TEXT = "\\n\\n".join(f"Problem: {d['q']}\\nSolution: {d['a']}" for d in demos)

            async def solve(problem):
                r = await client.chat.completions.create(model="m", messages=[
                    {"role": "user", "content": f"{DEMO_TEXT}\\n\\nProblem: {problem['q']}\\nSolution:"}])
                return r.choices[0].message.content

            async def main():
                return await asyncio.gather(*(solve(p) for p in problems))
        """, note="near miss: the demonstrations come from the training file"),
        valid("""
            from openai import OpenAI
            client = OpenAI()
            pairs = load_pairs("preferences_test.jsonl")
            for chosen, rejected in pairs:
                context = chosen[:-1]
                prompt = judge_prompt(context, chosen[-1]["content"], rejected[-1]["content"])
                resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
        """, note="near miss: the conversation before the judged replies is part of the very pair scored, not demonstrations"),
        invalid("""
            from openai import OpenAI
            client = OpenAI()
            groups = load_groups("mmlu_test.jsonl")
            for group in groups:
                shots = group[:3]  # expect: LEAK007
                for rec in group:
                    resp = client.chat.completions.create(model="gpt-4o-mini", messages=build_messages(shots, rec))
        """, note="demonstrations cut from a group whose every item is then evaluated"),
        invalid("""
            from openai import OpenAI
            client = OpenAI()
            subset = eval_subset(load_items("mmlu_test.jsonl"), 400)
            shots = subset[:5]  # expect: LEAK007
            for rec in subset:
                resp = client.chat.completions.create(model="gpt-4o-mini", messages=build_messages(shots, rec), temperature=0)
        """),
        invalid("""
            import random
            rng = random.Random(0)
            demos = rng.sample(questions, 3)  # expect: LEAK007
            answers = [client.messages.create(model="claude-sonnet-4-5", max_tokens=50, messages=format_prompt(demos, q))
                       for q in questions]
        """, note="sampled demonstrations, a comprehension as the loop"),
        valid("""
            import random
            rng = random.Random(cfg.seed)
            shots = [train[i] for i in rng.sample(range(len(train)), 5)]
            for row in test:
                resp = client.chat.completions.create(model=cfg.model, messages=[{"role": "user", "content": render(shots, row)}])
        """, note="demonstrations from the train split, evaluation on test"),
        valid("""
            shots, evaluated = subset[:5], subset[5:]
            for rec in evaluated:
                resp = client.chat.completions.create(model="gpt-4o-mini", messages=build_messages(shots, rec))
        """, note="the demonstrations are cut off the evaluated items"),
        valid("""
            for i, turn in enumerate(dialogue):
                history = dialogue[:i]
                reply = client.chat.completions.create(model="gpt-4o", messages=history + [turn])
        """, note="earlier turns as context, not the current one"),
        invalid("""
            from datasets import load_dataset
            evaluated = load_dataset("gsm8k", "main", split="test")
            demos = evaluated.select(range(8))  # expect: LEAK007
            prefix = "\\n\\n".join(f"Q: {d['question']}\\nA: {d['answer']}" for d in demos)
            for ex in evaluated:
                out = generator(prefix + f"\\n\\nQ: {ex['question']}\\nA:", max_new_tokens=256, do_sample=False)
        """, note="`Dataset.select` of the evaluated split"),
        valid("""
            from datasets import load_dataset
            evaluated = load_dataset("gsm8k", "main", split="test")
            demos = load_dataset("gsm8k", "main", split="train").select(range(8))
            prefix = "\\n\\n".join(f"Q: {d['question']}\\nA: {d['answer']}" for d in demos)
            for ex in evaluated:
                out = generator(prefix + f"\\n\\nQ: {ex['question']}\\nA:", max_new_tokens=256, do_sample=False)
        """, note="demonstrations from the train split"),
        invalid("""
            from datasets import load_dataset
            from vllm import LLM, SamplingParams
            arc = load_dataset("allenai/ai2_arc", "ARC-Challenge", split="test")
            demos = arc.shuffle(seed=3).select(range(4))  # expect: LEAK007
            head = "".join(f"{d['question']} {d['answerKey']}\\n\\n" for d in demos)
            batch = [head + q["question"] for q in arc]
            llm = LLM(model="m")
            outs = llm.generate(batch, SamplingParams(temperature=0, max_tokens=1))
        """, note="a shuffled copy of the evaluated split holds the same items; the comprehension building the batch is the loop"),
        valid("""
            from datasets import load_dataset
            from vllm import LLM, SamplingParams
            arc = load_dataset("allenai/ai2_arc", "ARC-Challenge", split="test")
            demos = load_dataset("allenai/ai2_arc", "ARC-Challenge", split="validation").shuffle(seed=3).select(range(4))
            head = "".join(f"{d['question']} {d['answerKey']}\\n\\n" for d in demos)
            batch = [head + q["question"] for q in arc]
            llm = LLM(model="m")
            outs = llm.generate(batch, SamplingParams(temperature=0, max_tokens=1))
        """, note="near miss: the shuffled split is the validation split"),
        invalid("""
            from datasets import load_dataset
            ds = load_dataset("openbookqa", "main")
            shots = ds["test"].select(range(5))  # expect: LEAK007
            for ex in ds["test"]:
                prompt = "\\n\\n".join(f"{s['question_stem']} {s['answerKey']}" for s in shots) + "\\n\\n" + ex["question_stem"]
                out = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
        """, note="the same split indexed twice"),
        valid("""
            from datasets import load_dataset
            ds = load_dataset("openbookqa", "main")
            shots = ds["train"].select(range(5))
            for ex in ds["test"]:
                prompt = "\\n\\n".join(f"{s['question_stem']} {s['answerKey']}" for s in shots) + "\\n\\n" + ex["question_stem"]
                out = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}])
        """, note="demonstrations from the train split of the same dataset"),
        invalid("""
            from inspect_ai import Task
            from inspect_ai.dataset import MemoryDataset, Sample
            from inspect_ai.solver import generate, system_message
            def gsm_task(problems):
                shots = "\\n".join(p["question"] + " #### " + p["answer"] for p in problems[:8])  # expect: LEAK007
                return Task(dataset=MemoryDataset([Sample(input=p["question"], target=p["answer"]) for p in problems]),
                            solver=[system_message(shots), generate()])
        """, note="an inspect-style task: the dataset holds every item, the system message holds the first eight with answers"),
        valid("""
            from inspect_ai import Task
            from inspect_ai.dataset import MemoryDataset, Sample
            from inspect_ai.solver import generate, system_message
            def gsm_task(problems):
                shots = "\\n".join(p["question"] + " #### " + p["answer"] for p in problems[:8])
                return Task(dataset=MemoryDataset([Sample(input=p["question"], target=p["answer"]) for p in problems[8:]]),
                            solver=[system_message(shots), generate()])
        """, note="the task evaluates the items after the demonstrations only"),
        invalid("""
            import random
            from inspect_ai import Task
            from inspect_ai.dataset import MemoryDataset
            from inspect_ai.solver import generate, system_message
            def fewshot_block(samples, k=5, seed=13):
                shots = random.Random(seed).sample(samples, k)
                return "\\n\\n".join(f"Q: {s.input}\\nA: {s.target}" for s in shots)
            def sciq(samples):
                prefix = fewshot_block(samples)  # expect: LEAK007
                return Task(dataset=MemoryDataset(samples), solver=[system_message(prefix), generate()])
        """, note="probe 11: a helper draws the demonstrations from the pool it is given; the task hands it its own "
                  "samples (reported at that call)"),
        valid("""
            import random
            from inspect_ai import Task
            from inspect_ai.dataset import MemoryDataset
            from inspect_ai.solver import generate, system_message
            def fewshot_block(samples, k=5, seed=13):
                shots = random.Random(seed).sample(samples, k)
                return "\\n\\n".join(f"Q: {s.input}\\nA: {s.target}" for s in shots)
            def sciq(samples, train_samples):
                prefix = fewshot_block(train_samples)
                return Task(dataset=MemoryDataset(samples), solver=[system_message(prefix), generate()])
        """, note="near miss: the helper is given the training samples"),
        valid("""
            import numpy as np
            from transformers import pipeline
            def make_dataset(honest, untruthful, ntrain=512):
                combined = [[h, u] for h, u in zip(honest, untruthful)]
                train_data = np.concatenate(combined[:ntrain]).tolist()
                reshaped = np.array([[h, u] for h, u in zip(honest[:-1], untruthful[1:])]).flatten()
                test_data = reshaped[ntrain:ntrain * 2].tolist()
                return {"train": {"data": train_data}, "test": {"data": test_data}}
            reader = pipeline("rep-reading", model=model, tokenizer=tokenizer)
            dataset = make_dataset(honest, untruthful)
            directions = reader.get_directions(dataset["train"]["data"])
            scores = reader(dataset["test"]["data"], rep_reader=directions)
        """, note="disjoint slices of pairs built in comprehensions: no demonstrations drawn from evaluated items"),
        invalid({
            "chat.py": """
                def make_messages(question, bank, n_shots=3):
                    demos = bank[:n_shots]
                    turns = []
                    for d in demos:
                        turns += [{"role": "user", "content": d["q"]}, {"role": "assistant", "content": d["a"]}]
                    return turns + [{"role": "user", "content": question["q"]}]
            """,
            "evaluate.py": """
                import json
                import anthropic
                from chat import make_messages
                client = anthropic.Anthropic()
                questions = [json.loads(l) for l in open("data/test.jsonl")]
                for q in questions:
                    msgs = make_messages(q, questions)  # expect: LEAK007
                    client.messages.create(model="m", max_tokens=20, messages=msgs)
            """,
        }, note="a helper in another module cuts the demonstrations from the pool its caller passes"),
        valid({
            "chat.py": """
                def make_messages(question, bank, n_shots=3):
                    demos = bank[:n_shots]
                    turns = []
                    for d in demos:
                        turns += [{"role": "user", "content": d["q"]}, {"role": "assistant", "content": d["a"]}]
                    return turns + [{"role": "user", "content": question["q"]}]
            """,
            "evaluate.py": """
                import json
                import anthropic
                from chat import make_messages
                client = anthropic.Anthropic()
                dev = [json.loads(l) for l in open("data/dev.jsonl")]
                questions = [json.loads(l) for l in open("data/test.jsonl")]
                for q in questions:
                    client.messages.create(model="m", max_tokens=20, messages=make_messages(q, dev))
            """,
        }, note="the same helper given the dev items"),
        invalid({
            "fewshot/__init__.py": "",
            "fewshot/data.py": """
                import json

                def load_items(path):
                    with open(path) as f:
                        return [json.loads(line) for line in f]
            """,
            "fewshot/evaluator.py": """
                from openai import OpenAI
                from .data import load_items

                class FewShotEvaluator:
                    def __init__(self, path, k=5):
                        self.items = load_items(path)
                        self.shots = self.items[:k]  # expect: LEAK007
                        self.client = OpenAI()

                    def prompt(self, item):
                        demos = "\\n\\n".join(f"Q: {s['question']}\\nA: {s['answer']}" for s in self.shots)
                        return f"{demos}\\n\\nQ: {item['question']}\\nA:"

                    def run(self):
                        correct = 0
                        for item in self.items:
                            r = self.client.chat.completions.create(
                                model="gpt-4o-mini", messages=[{"role": "user", "content": self.prompt(item)}])
                            correct += r.choices[0].message.content.strip() == item["answer"]
                        return correct / len(self.items)
            """,
        }, note="across modules: items loaded by a helper of a data module; an evaluator class cuts its "
                "demonstrations from them in __init__ and asks about every item in another method"),
        valid({
            "fewshot/__init__.py": "",
            "fewshot/data.py": """
                import json

                def load_items(path):
                    with open(path) as f:
                        return [json.loads(line) for line in f]
            """,
            "fewshot/evaluator.py": """
                from openai import OpenAI
                from .data import load_items

                class FewShotEvaluator:
                    def __init__(self, path, shots_path, k=5):
                        self.items = load_items(path)
                        self.shots = load_items(shots_path)[:k]
                        self.client = OpenAI()

                    def prompt(self, item):
                        demos = "\\n\\n".join(f"Q: {s['question']}\\nA: {s['answer']}" for s in self.shots)
                        return f"{demos}\\n\\nQ: {item['question']}\\nA:"

                    def run(self):
                        correct = 0
                        for item in self.items:
                            r = self.client.chat.completions.create(
                                model="gpt-4o-mini", messages=[{"role": "user", "content": self.prompt(item)}])
                            correct += r.choices[0].message.content.strip() == item["answer"]
                        return correct / len(self.items)
            """,
        }, note="near miss of the same layout: the demonstrations come from a file of their own"),
        invalid({"gsm8k_fewshot.ipynb": notebook(
            """
            from datasets import load_dataset
            from openai import OpenAI
            client = OpenAI()
            test = load_dataset("gsm8k", "main", split="test")
            """,
            """
            shots = test.select(range(8))  # expect: LEAK007
            FEWSHOT = "\\n\\n".join(f"Question: {s['question']}\\nAnswer: {s['answer']}" for s in shots)
            """,
            """
            outputs = []
            for ex in test:
                r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, messages=[
                    {"role": "user", "content": f"{FEWSHOT}\\n\\nQuestion: {ex['question']}\\nAnswer:"}])
                outputs.append(r.choices[0].message.content)
            """,
        )}, note="notebook: demonstrations selected from the test split in one cell, every test item asked in the next"),
        valid({"gsm8k_fewshot.ipynb": notebook(
            """
            from datasets import load_dataset
            from openai import OpenAI
            client = OpenAI()
            test = load_dataset("gsm8k", "main", split="test")
            train = load_dataset("gsm8k", "main", split="train")
            """,
            """
            shots = train.select(range(8))
            FEWSHOT = "\\n\\n".join(f"Question: {s['question']}\\nAnswer: {s['answer']}" for s in shots)
            """,
            """
            outputs = []
            for ex in test:
                r = client.chat.completions.create(model="gpt-4o-mini", temperature=0, messages=[
                    {"role": "user", "content": f"{FEWSHOT}\\n\\nQuestion: {ex['question']}\\nAnswer:"}])
                outputs.append(r.choices[0].message.content)
            """,
        )}, note="near miss: the same cells, the demonstrations selected from the training split"),
        valid("""
            import anthropic
            client = anthropic.Anthropic()

            def ask(prompt):
                return client.messages.create(model="m", max_tokens=50, messages=[{"role": "user", "content": prompt}])

            direct = [ask("Q: " + it["q"]) for it in items]
            hard = items[:100]
            stepwise = [ask("Think step by step.\\nQ: " + it["q"]) for it in hard]
        """, note="a second condition on a subset, sent through the same helper: no item carries another"),
        invalid("""
            from lm_eval.api.task import ConfigurableTask

            class LegalNLI(ConfigurableTask):
                def has_training_docs(self):
                    return False

                def has_test_docs(self):
                    return True

                def test_docs(self):
                    return self.dataset["test"]

                def fewshot_docs(self):
                    return self.test_docs()  # expect: LEAK007

                def doc_to_text(self, doc):
                    return f"Premise: {doc['premise']}\\nHypothesis: {doc['hypothesis']}\\nRelation:"
        """, note="probe 12: an lm-evaluation-harness task scores its test docs and draws the shots from them"),
        valid("""
            from lm_eval.api.task import ConfigurableTask

            class LegalNLI(ConfigurableTask):
                def has_validation_docs(self):
                    return True

                def has_test_docs(self):
                    return True

                def validation_docs(self):
                    return self.dataset["validation"]

                def test_docs(self):
                    return self.dataset["test"]

                def fewshot_docs(self):
                    return self.validation_docs()
        """, note="near miss: the task scores its test docs; the shots come from the validation docs"),
        invalid("""
            from lm_eval.base import Task

            class Arith(Task):
                def has_validation_docs(self):
                    return True

                def has_test_docs(self):
                    return False

                def validation_docs(self):
                    return self.dataset["validation"]

                def fewshot_docs(self):
                    return self.dataset["validation"]  # expect: LEAK007
        """, note="no test docs: the harness scores the validation docs, which are also the shots"),
        invalid("""
            from openai import OpenAI
            from knn_icl.index import DemoIndex

            client = OpenAI()

            def main(test):
                index = DemoIndex(test)  # expect: LEAK007
                for ex in test:
                    demos = index.nearest(ex["question"], k=4)
                    shots = "\\n".join(f"Q: {d['question']} A: {d['answer']}" for d in demos)
                    client.chat.completions.create(model="gpt-4o-mini", messages=[
                        {"role": "user", "content": f"{shots}\\nQ: {ex['question']} A:"}])
        """, note="probe 14: kNN demonstrations retrieved from an index over the evaluated items themselves"),
        valid("""
            from openai import OpenAI
            from rag_lib import PassageIndex

            client = OpenAI()

            def main(items):
                index = PassageIndex(items)
                for it in items:
                    passages = index.search(it["question"], k=3)
                    context = "\\n".join(p["text"] for p in passages)
                    client.chat.completions.create(model="gpt-4o-mini", messages=[
                        {"role": "user", "content": f"{context}\\nQ: {it['question']} A:"}])
        """, note="near miss: an open-book evaluation retrieves each item's own passage on purpose; no answer of "
                  "a retrieved item reaches the prompt"),
        valid({"knn.ipynb": notebook(
            """
            from openai import OpenAI
            from knn_icl.index import DemoIndex
            client = OpenAI()
            """,
            """
            index = DemoIndex(train)
            for ex in test:
                demos = index.nearest(ex["question"], k=4)
                shots = "\\n".join(f"Q: {d['question']} A: {d['answer']}" for d in demos)
                client.chat.completions.create(model="gpt-4o-mini", messages=[
                    {"role": "user", "content": f"{shots}\\nQ: {ex['question']} A:"}])
            """,
        )}, note="near miss: the index holds the training questions; the test items only query it"),
        valid("""
            import json
            import random
            import openai

            PROMPT = "Judge whether the output is supported by the evidence.\\n\\nOutput: {output}\\nEvidence: {evidence}\\nScore: "

            def main(path, n, done_ids):
                examples = [json.loads(line) for line in open(path)]
                examples = [ex for ex in examples if ex["id"] not in done_ids]
                if n is not None and len(examples) > n:
                    examples = random.sample(examples, k=n)
                results = []
                for idx, example in enumerate(examples):
                    reply = openai.ChatCompletion.create(model="gpt-4", messages=[{"role": "user", "content": PROMPT.format_map(example)}])
                    results.append({"input": example, "raw_output": reply["choices"][0]["message"]["content"]})
                json.dump(results, open("labels.json", "w"))
        """, note="near miss (held-out 28): the subsample rebinds the items themselves, the items to label; the "
                  "prompt's only demonstration is fixed text"),
        invalid("""
            import json
            import random
            import openai

            PROMPT = "Judge whether the output is supported by the evidence.\\n\\nOutput: {output}\\nEvidence: {evidence}\\nScore: "

            def main(path, n, done_ids):
                examples = [json.loads(line) for line in open(path)]
                examples = [ex for ex in examples if ex["id"] not in done_ids]
                if n is not None and len(examples) > n:
                    shots = random.sample(examples, k=3)  # expect: LEAK007
                results = []
                for idx, example in enumerate(examples):
                    demos = "\\n".join(s["output"] for s in shots)
                    reply = openai.ChatCompletion.create(model="gpt-4", messages=[{"role": "user", "content": demos + PROMPT.format_map(example)}])
                    results.append({"input": example, "raw_output": reply["choices"][0]["message"]["content"]})
                json.dump(results, open("labels.json", "w"))
        """, note="the twin: three of the labelled items are also shown as demonstrations"),
    ]

    # lm-evaluation-harness tasks (`class T(Task)` with `has_test_docs`, `test_docs`, `fewshot_docs`):
    # the harness scores the test docs when the task has them, else the validation docs; the shots
    # are whatever `fewshot_docs` returns. Read per file, only where `fewshot_docs` is defined.
    kinds = frozenset({"python", "notebook"})
    triggers = ("fewshot_docs", "trainset=", "faiss", "nearest", "neighbo", "retriev", "similar", "knn", "semantic_search")

    def visit_Module(self, node: cst.Module) -> None:
        self._compiled: dict[str, cst.Call] = {}  # `optimizer.compile(program, trainset=X)`: X -> the call
        self._evaluated: set[str] = set()  # `Evaluate(devset=X)`, `evaluate(program, devset=X)`
        self._retrieval_pool(node)  # a script's or notebook's top level
        tree = module_tree(self.ctx)
        if tree is not None and "semantic_search" in self.ctx.text:
            for scope in scopes(tree):
                self._batch_search(scope)

    def _batch_search(self, scope: ast.AST) -> None:
        """sentence-transformers' `util.semantic_search(query_emb, corpus_emb, top_k=8)` whose corpus and queries
        are encoded from the same items (`pool = test`), in a scope whose loop over those items puts rows of the
        corpus, picked by the hits, into a model's prompt: each item retrieves itself, answer included."""
        nodes = [n for n in own_nodes(scope) if n is not scope and not isinstance(n, FUNCTIONS)]
        alias: dict[str, str] = {}
        alias_line: dict[str, int] = {}
        made: dict[str, set[str]] = {}
        for n in nodes:
            if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name):
                target = n.targets[0].id
                if isinstance(n.value, ast.Name):
                    alias[target], alias_line[target] = n.value.id, n.lineno
                else:
                    made[target] = _data_names(n.value)

        def base(name: str) -> str:
            seen = set()
            while name in alias and name not in seen:
                seen.add(name)
                name = alias[name]
            return name

        def sources(name: str) -> set[str]:
            return {base(m) for m in made.get(name, {name})}

        for n in nodes:
            if not (isinstance(n, ast.Call) and ast_dotted(n.func).rsplit(".", 1)[-1] == "semantic_search" and len(n.args) >= 2):
                continue
            if not (isinstance(n.args[0], ast.Name) and isinstance(n.args[1], ast.Name)):
                continue
            queries, corpus = sources(n.args[0].id), sources(n.args[1].id)
            shared = queries & corpus
            if not shared:
                continue
            corpus_names = {m for m in made.get(n.args[1].id, ()) if base(m) in shared}
            for loop in nodes:
                if not isinstance(loop, ast.For) or loop.lineno <= n.lineno:
                    continue
                if not {base(m) for m in names_in(loop.iter)} & shared:
                    continue
                body = ast.unparse(loop)
                if not re.search(r"\.(create|generate|complete|invoke|chat)\(", body):
                    continue
                if not any(isinstance(m, ast.Subscript) and isinstance(m.value, ast.Name) and m.value.id in corpus_names
                           for m in ast.walk(loop)):
                    continue
                at = next((alias_line[c] for c in corpus_names if c in alias_line), n.lineno)
                shown = ", ".join(sorted(shared))
                self.ctx.report(type(self), None, line=at, snippet=ast.unparse(n)[:120],
                                fields={"shots": ast.unparse(n)[:60], "items": shown, "loop": f"line {loop.lineno}"},
                                message="The demonstrations retrieved by `{shots}` come from `{items}`, the items the "
                                        "loop at {loop} sends to the model: every query's nearest neighbour is itself, "
                                        "with its answer")
                return

    def visit_Call(self, node: cst.Call) -> None:
        """DSPy: an optimizer (`BootstrapFewShot`, `LabeledFewShot`, `MIPROv2`) compiled with `trainset=` the
        very examples `Evaluate(devset=...)` scores puts (question, answer) demonstrations of the scored
        items into the program's prompts."""
        keywords = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "compile" and isinstance(keywords.get("trainset"), cst.Name):
            self._compiled.setdefault(keywords["trainset"].value, node)
        if isinstance(keywords.get("devset"), cst.Name):
            self._evaluated.add(keywords["devset"].value)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._retrieval_pool(node.body)

    def _retrieval_pool(self, body: cst.CSTNode) -> None:
        """kNN demonstrations: an index built over a collection (`index = DemoIndex(test)`,
        `FAISS.from_texts(test_questions, emb)`) and queried for neighbours of each item of a loop over
        that same collection whose requests go to a model: every item retrieves itself, answer included."""
        statements = body.body if isinstance(body, (cst.IndentedBlock, cst.Module)) else []
        built: dict[str, tuple[str, cst.CSTNode]] = {}  # index name -> (collection, the statement building it)
        helpers = _querying_helpers(statements)  # `def build_prompt(item): shots = index.nearest(item["text"])`
        for statement in statements:
            for sub in iter_nodes(statement) if not isinstance(statement, cst.FunctionDef) else ():
                if isinstance(sub, cst.Assign) and len(sub.targets) == 1 and isinstance(sub.targets[0].target, cst.Name) \
                        and isinstance(sub.value, cst.Call) and not (isinstance(sub.value.func, cst.Name)
                                                                     and sub.value.func.value in _NOT_INDEXES):
                    for arg in sub.value.args:
                        if isinstance(arg.value, cst.Name):
                            built.setdefault(sub.targets[0].target.value, (arg.value.value, sub))
            if not isinstance(statement, cst.For) or not isinstance(statement.iter, cst.Name):
                continue
            collection = statement.iter.value
            element = {n.value for n in iter_nodes(statement.target) if isinstance(n, cst.Name)}
            indexes = {name for name, (over, _) in built.items() if over == collection}
            if not indexes or not any(isinstance(n, cst.Call) and model_call(self.qualified_name(n.func), n)
                                      for n in iter_nodes(statement.body)):
                continue
            for sub in iter_nodes(statement.body):
                helper = helpers.get(sub.func.value) if isinstance(sub, cst.Call) and isinstance(sub.func, cst.Name) else None
                if helper is not None and helper[0] in indexes and any(
                        isinstance(n, cst.Name) and n.value in element for a in sub.args for n in iter_nodes(a.value)):
                    name, method, holder = helper  # the loop's item handed to a helper that queries the index for it
                    if _DEMO_WORDS.search(holder) or _DEMO_WORDS.search(method) or _DEMO_WORDS.search(sub.func.value):
                        self.report(built[name][1], shots=f"{name}.{method}(...)", items=collection,
                                    loop=f"`for ... in {collection}`",
                                    message="The demonstrations `{shots}` (queried in `" + sub.func.value + "`) are retrieved "
                                            "from an index built at {where} over `{items}`, the items the loop {loop} sends "
                                            "to the model: each item's nearest neighbour is itself, with its answer")
                        break
                if not (isinstance(sub, cst.Call) and isinstance(sub.func, cst.Attribute)
                        and isinstance(sub.func.value, cst.Name) and sub.func.value.value in indexes):
                    continue
                if not _NEIGHBOUR_WORDS.search(sub.func.attr.value) or any(
                        a.keyword is not None and a.keyword.value.startswith(("exclude", "skip", "filter", "ignore"))
                        for a in sub.args):
                    continue
                if not any(isinstance(n, cst.Name) and n.value in element for a in sub.args for n in iter_nodes(a.value)):
                    continue
                # Demonstrations, not passages for open-book answering: named so, or their answers read in the loop
                # (`d['answer']` of a retrieved `d`), since retrieving an item's own passage is what a RAG eval does.
                holder = next((p.targets[0].target.value for p in iter_nodes(statement.body) if isinstance(p, cst.Assign)
                               and p.value is sub and len(p.targets) == 1 and isinstance(p.targets[0].target, cst.Name)), "")
                if not (_DEMO_WORDS.search(holder) or _DEMO_WORDS.search(sub.func.attr.value)
                        or _reads_answers(statement.body, element)):
                    continue
                name = sub.func.value.value
                self.report(built[name][1], shots=f"{name}.{sub.func.attr.value}(...)", items=collection,
                            loop=f"`for ... in {collection}`",
                            message="The demonstrations `{shots}` are retrieved from an index built at {where} over "
                                    "`{items}`, the items the loop {loop} sends to the model: each item's nearest "
                                    "neighbour is itself, with its answer")
                break

    def finish(self) -> None:
        for name, call in getattr(self, "_compiled", {}).items():
            if name in self._evaluated:
                self.report(call, shots=f"trainset={name}", items=name,
                            loop=f"`devset={name}` of the evaluation",
                            message="The demonstrations the optimizer bootstraps at {where} ({shots}) are drawn from "
                                    "`{items}`, the examples scored as {loop}, so demonstrated items are also scored")

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if not isinstance(node.body, cst.IndentedBlock):
            return
        methods = {s.name.value: s for s in node.body.body if isinstance(s, cst.FunctionDef)}
        shots = methods.get("fewshot_docs")
        if shots is None:
            return
        if _returns_literal(methods.get("has_test_docs")) is True:
            scored = "test"
        elif _returns_literal(methods.get("has_validation_docs")) is True:
            scored = "validation"
        else:
            return
        for returned in (n for n in iter_nodes(shots) if isinstance(n, cst.Return)):
            if returned.value is not None and _docs_of(returned.value) == scored:
                self.report(returned, shots=self.ctx.code(returned.value), items=f"{scored} docs",
                            loop=f"`{node.name.value}`, whose {scored} docs the harness scores",
                            message="The demonstrations `{shots}` are taken at {where} from the {items} of the task "
                                    "{loop}, so demonstrated items are also scored")

    @classmethod
    def _few_shot_templates(cls, repo, prog: Program, reported: set[Ref]) -> None:  # type: ignore[no-untyped-def]
        """`FewShotPromptTemplate(examples=test[:5], ...)` whose chain is then run over every item of `test`."""
        for call in prog.nodes("call"):
            name = call_name(prog.info(call))
            if name not in _FEW_SHOT_TEMPLATES:
                continue
            index = prog.info(call).get("kw", {}).get("examples")
            shots = prog.input(call, index) if index is not None else 0
            if not shots or not _is_cut(prog, shots) or shots in reported:
                continue
            collection = _collection(prog, prog.input(shots, 0))
            run = _chain_runs_over(prog, collection)
            if not run:
                continue
            reported.add(shots)
            repo.report(cls, **prog.where(shots), related=[Location(prog.path(run), prog.line(run), "evaluated here")],
                        shots=value_name(prog, shots, "the demonstrations"), items=value_name(prog, collection, "the items"),
                        loop=prog.describe(run))

    @classmethod
    def check_repo(cls, repo) -> None:
        prog = program(repo)
        reported: set[Ref] = set()
        for call in prog.nodes("call"):
            for cut, collection, site in _harness_shots(prog, call):
                if cut in reported:
                    continue
                reported.add(cut)
                # A helper that samples from whatever pool it is given is not wrong; the call handing it
                # the evaluated items is (as for the loops below).
                related = [Location(prog.path(call), prog.line(call), "evaluated here")] + (
                    [Location(prog.path(cut), prog.line(cut), "demonstrations drawn here")] if site else [])
                repo.report(cls, **prog.where(site or cut), related=related,
                            message="The demonstrations `{shots}` are taken at {where} from `{items}`, whose every item "
                                    "the evaluation task at {loop} scores, so demonstrated items are also scored",
                            shots=value_name(prog, cut, "the demonstrations"),
                            items=value_name(prog, collection, "the items"), loop=prog.describe(call))
        cls._few_shot_templates(repo, prog, reported)
        for call in prog.nodes("llm"):
            starts = [(i, ()) for i in text_inputs(prog, call)]
            loops: dict[Ref, Ref] = {}  # collection iterated -> the loop element
            cuts: list[tuple[Ref, Ref]] = []  # (collection, the subset node)
            upstream: set[Ref] = set()  # what the request's text is made of
            passed: dict[Ref, Ref] = {}  # a cut in a helper -> the call that hands it the evaluated items
            for node, stack, _ in prog.trace_back(starts, limit=3000, stop=lambda r: prog.kind(r) in ("llm", "fit", "metric")):
                upstream.add(node)
                if _is_cut(prog, node):
                    collection, site = _argument_of(prog, _collection(prog, prog.input(node, 0)), stack)
                    cuts.append((collection, node))
                    if site:
                        passed[node] = site
            # A loop evaluates every item of its collection only if its items reach the model
            # without a cut on the way: `[... for h in rows][:512]` builds items, keeps a part.
            for node, _, _ in prog.trace_back(starts, limit=3000, stop=lambda r: prog.kind(r) in ("llm", "fit", "metric")
                                              or _is_cut(prog, r)):
                info = prog.info(node)
                if prog.kind(node) == "elem" and "loop" in info and len(prog.inputs(node)) == 1:
                    loops.setdefault(_collection(prog, prog.input(node, 0)), node)
            for collection, cut in cuts:
                element = loops.get(collection) or next(
                    (e for c, e in loops.items() if _same_part(prog, c, collection)), 0)
                if not element or cut in reported or _bounded_by_loop(prog, cut, element) \
                        or _part_of_item(prog, collection, element) or not _one_request(prog, cut, element, upstream) \
                        or _replaces(prog, cut, collection):
                    continue
                reported.add(cut)
                loop_ref = loop_node(prog, element)
                # A helper that samples demonstrations from whatever pool it is given is not wrong;
                # the call handing it the evaluated items is.
                site = passed.get(cut, 0)
                related = [Location(prog.path(loop_ref), prog.line(loop_ref), "evaluated here"),
                           Location(prog.path(call), prog.line(call), "sent to the model here")]
                if site:
                    related.append(Location(prog.path(cut), prog.line(cut), "demonstrations drawn here"))
                repo.report(cls, **prog.where(site or cut), related=related,
                            shots=value_name(prog, cut, "the demonstrations"),
                            items=value_name(prog, collection, "the items"), loop=prog.describe(loop_ref))


# Prompt templates built around a list of demonstrations (LangChain's few-shot templates), and the
# methods that run a chain made from one over inputs.
_FEW_SHOT_TEMPLATES = frozenset({"FewShotPromptTemplate", "FewShotChatMessagePromptTemplate"})
_CHAIN_RUNS = frozenset({"invoke", "ainvoke", "batch", "abatch", "stream", "astream", "batch_as_completed"})


def _chain_runs_over(prog: Program, collection: Ref) -> Ref:
    """A chain run (`chain.batch([{"text": r["text"]} for r in test])`, `chain.invoke(...)` in `for r in test`)
    whose inputs are made from the items of `collection`; 0 if none."""
    for call in prog.nodes("call"):
        if call_name(prog.info(call)) not in _CHAIN_RUNS or prog.path(call) != prog.path(collection):
            continue
        for node in prog.back([i for i in prog.inputs(call) if i], limit=400):
            if prog.kind(node) == "elem" and "loop" in prog.info(node) and len(prog.inputs(node)) == 1 \
                    and _collection(prog, prog.input(node, 0)) == collection:
                return call
    return 0


def _harness_inputs(prog: Program, call: Ref) -> tuple[Ref, list[Ref]] | None:
    """(the evaluated items, the other inputs) of an evaluation harness call such as inspect's
    `Task(dataset=..., solver=[...])`, which prompts the model with the solvers for each item."""
    spec = EVAL_HARNESSES.get(plain(str(prog.info(call).get("fn", ""))))
    if spec is None:
        return None
    keyword, position = spec
    kw = prog.info(call).get("kw", {})
    index = kw[keyword] if keyword in kw else position + 1
    inputs = prog.inputs(call)
    if index >= len(inputs) or not inputs[index]:
        return None
    return inputs[index], [i for n, i in enumerate(inputs) if n != index and i]


def _harness_shots(prog: Program, call: Ref) -> list[tuple[Ref, Ref, Ref]]:
    """(cut, collection, the call that hands a helper the evaluated items or 0) for demonstrations cut from a collection whose every item the harness
    evaluates (`Task(dataset=MemoryDataset([to_sample(r) for r in rows]), solver=[...rows[:5]...])`).
    The walk from the dataset stops at a cut (`rows[5:]` evaluates the rest only)."""
    found = _harness_inputs(prog, call)
    if found is None:
        return []
    dataset, others = found
    evaluated = set(prog.back([dataset], limit=2000,
                              stop=lambda r: prog.kind(r) in ("subset", "llm", "fit", "metric", "src")))
    cuts = []
    for node, stack, _ in prog.trace_back([(o, ()) for o in others], limit=3000,
                                          stop=lambda r: prog.kind(r) in ("llm", "fit", "metric")):
        if prog.kind(node) == "subset" and prog.info(node).get("how") in ("slice", "sample", "head", "select", "take"):
            # `def fewshot_block(samples): shots = rng.sample(samples, k)`: the pool is what the task's caller passed
            collection, site = _argument_of(prog, _collection(prog, prog.input(node, 0)), stack)
            if collection in evaluated and node not in evaluated and (node, collection) not in cuts:
                cuts.append((node, collection, site))
    return cuts


def _is_cut(prog: Program, ref: Ref) -> bool:
    return prog.kind(ref) == "subset" and prog.info(ref).get("how") in ("slice", "sample", "head", "select", "take")


def _collection(prog: Program, ref: Ref) -> Ref:
    """The collection under wrappers such as `tqdm(...)`, `enumerate(...)`, `list(...)`."""
    current = ref
    for _ in range(6):
        if not current:
            return ref
        info = prog.info(current)
        if prog.kind(current) == "call" and call_name(info) in _WRAPPERS and prog.callee(current) is None:
            inputs = [i for i in prog.inputs(current) if i]
            if not inputs:
                return current
            current = inputs[0]
            continue
        if prog.kind(current) == "op" and info.get("op") == "alias":
            current = prog.input(current, 0)
            continue
        kept = [i for i in prog.inputs(current) if i and i not in info.get("filter", ())] if prog.kind(current) == "comp" else []
        element = kept[0] if len(kept) == 1 else 0
        if element and prog.kind(element) == "elem" and prog.info(element).get("loop") == -1 \
                and "index" not in prog.info(element) and prog.info(element).get("name") and prog.input(element, 0):
            # `[t for t in test if t is not ex]`: the items of `test`, some left out, each as it is
            current = prog.input(element, 0)
            continue
        return current
    return current


def _same_part(prog: Program, first: Ref, second: Ref) -> bool:
    """`ds["test"]` written twice: one split of one dataset."""
    if prog.kind(first) != "part" or prog.kind(second) != "part" or "key" not in prog.info(first):
        return False
    return rows_key(prog, first) == rows_key(prog, second)


def _argument_of(prog: Program, collection: Ref, stack: tuple) -> tuple[Ref, Ref]:
    """A helper's parameter (`def build_prompt(item, pool): shots = rng.sample(pool, k)`) is the
    collection its caller passed (`build_prompt(it, test_items)`), when the walk came through that
    call: (the collection, the call that passed it, or 0)."""
    site = 0
    while collection and prog.kind(collection) == "param" and stack:
        argument = prog.argument(stack[-1], prog.function_of(collection), collection)
        if not argument:
            break
        collection, site, stack = _collection(prog, argument), stack[-1], stack[:-1]
    return collection, site


def _one_request(prog: Program, cut: Ref, element: Ref, upstream: set[Ref]) -> bool:
    """Do the cut and the loop's item meet in one request? Two conditions sent through one helper
    (`ask(BASE.format(q=it))` for every item, `ask(COT.format(q=it))` for `items[:150]`) meet only
    in different calls of it: followed with their call stacks, their paths to the model never cross."""
    def reach(start: Ref) -> set[tuple[Ref, tuple]]:
        seen: set[tuple[Ref, tuple]] = set()
        queue: deque[tuple[Ref, tuple]] = deque([(start, ())])
        while queue and len(seen) < 3000:
            ref, stack = queue.popleft()
            if (ref, stack) in seen:
                continue
            seen.add((ref, stack))
            if prog.kind(ref) in ("llm", "fit", "metric"):
                continue
            queue.extend((n, s) for n, s in prog.forward_step(ref, stack) if n in upstream or prog.kind(n) == "llm")
        return seen
    from_cut, from_element = reach(cut) - {(cut, ())}, reach(element)
    if from_cut & from_element:
        return True
    # A module-level value read inside a function (`SHOTS` in `def ask(item)`) is the same value in
    # every call of it: reached without a call stack, it meets the item's path under any stack.
    free = {ref for ref, stack in from_cut if not stack and prog.row(ref)[FUNC]}
    return any(ref in free for ref, _ in from_element)


def _part_of_item(prog: Program, collection: Ref, element: Ref) -> bool:
    """`conv[:-1]` with `conv` the item the loop evaluates: a part of that item (the conversation
    before the reply being judged), not demonstrations taken from other items."""
    if collection == element:
        return True
    return prog.kind(collection) == "elem" and prog.info(collection).get("loop") is not None \
        and prog.info(collection).get("loop") == prog.info(element).get("loop")


def _replaces(prog: Program, cut: Ref, collection: Ref) -> bool:
    """`examples = random.sample(examples, k=n)`: the cut rebinds the very name of the items it cuts, so the
    items that follow are the subset (the items to label or evaluate), and no other item is left to
    demonstrate with (held-out set 28)."""
    name = prog.info(cut).get("name")
    source = prog.input(cut, 0)
    return bool(name) and name in (value_name(prog, collection, ""), prog.info(source).get("name") if source else "")


def _bounded_by_loop(prog: Program, cut: Ref, element: Ref) -> bool:
    """`items[:i]` with `i` the loop's own position: earlier items, not the current one."""
    bounds = prog.inputs(cut)[1:]
    loop = prog.info(element).get("loop")
    for bound in bounds:
        if not bound:
            continue
        for node in prog.back([bound], limit=30):
            if prog.kind(node) == "elem" and prog.info(node).get("loop") == loop:
                return True
    return False
