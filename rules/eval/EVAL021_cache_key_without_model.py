"""EVAL021: a cache of model responses keyed by the prompt alone while several models are run."""
from __future__ import annotations

import re

from hygiene.analysis.dataflow.program import Program, Ref, program, ref_of
from hygiene.analysis.apis import plain
from hygiene.analysis.apis import torch as torch_api
from hygiene.analysis.apis.llm import PERSISTENT_STORES
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, notebook, valid

_PROMPT_WORDS = ("prompt", "message", "msgs", "messages", "text", "query", "question", "input", "conversation",
                 "chat", "content", "request", "instruction")
_MODEL_WORDS = ("model", "engine", "deployment", "checkpoint", "ckpt", "llm", "served", "backend", "provider")
_MODEL_KEYWORDS = ("model", "model_name", "engine", "deployment_name", "model_id")
_SAMPLING_KEYWORDS = ("temperature",)
# Calls whose result carries settings a sweep sets per run (`wandb.init(...).config`).
_RUN_CONFIGS = frozenset({"wandb.init"})


class CacheKeyWithoutModel(Rule):
    """
    ## What it does
    Finds a cache of model responses whose key is a hash of the prompt (or messages) alone, or a
    dict memo (`if prompt in memo: return memo[prompt]` ... `memo[prompt] = reply`; a key hashed from
    parameters the model call sends, whatever their names, `sha256(system + user)`), while the
    model or the sampling temperature it caches for varies at run time: a loop over models or
    temperatures (through parameters and callers, in a class or a notebook, or the model handed to
    a constructor in a loop), a command-line option, a callback that calls the model of the loop's
    current run. Lookups may be `key in memo` or `memo.get(key)` (a dict, a shelve). Keys that
    hash the whole request, or a digest joined with the model into the key (a folder per model),
    are left alone; a key that names the model is still reported when it leaves out the
    temperature a loop varies (a temperature sweep reads back the first temperature's replies).
    A model or temperature read from a run's config that a sweep sets per run (`cfg =
    wandb.init(...).config`) varies at run time too.

    ## Why is this bad?
    After the first model has answered, every other model gets the first model's cached answers:
    the comparison between models (or checkpoints, or settings) compares one model with itself,
    and the results look like "no difference".

    ## Example
        def cached_completion(model, prompt):
            key = hashlib.sha256(prompt.encode()).hexdigest()
            ...
            return client.chat.completions.create(model=model, messages=[...])

    Use instead:
        key = hashlib.sha256(json.dumps([model, prompt, temperature]).encode()).hexdigest()
    """

    code = "EVAL021"
    category = "EVAL-CACHE"
    severity = Severity.ERROR
    kinds = frozenset()
    dataflow_starts = frozenset({"hash", "llm", "setcol"})
    message = "The response cache key at {where} holds `{hashed}` but not {what}, while {models}"
    question = "Does the cache keyed at {where} keep the responses of different models (and sampling settings) apart?"
    examples = [
        invalid("""
            import argparse
            import hashlib
            import shelve
            import anthropic

            client = anthropic.Anthropic()

            def ask(model, system, user, cache):
                key = hashlib.sha256((system + "\\n" + user).encode()).hexdigest()  # expect: EVAL021
                if key not in cache:
                    msg = client.messages.create(model=model, max_tokens=512, system=system,
                                                 messages=[{"role": "user", "content": user}])
                    cache[key] = msg.content[0].text
                return cache[key]

            ap = argparse.ArgumentParser()
            ap.add_argument("--model", required=True)
            args = ap.parse_args()
            with shelve.open("cache/replies") as cache:
                replies = [ask(args.model, r["system"], r["user"], cache) for r in rows]
        """, note="held-out probe 23: the key hashes the parameters the call sends (`system`, `user`), whatever they are "
                  "called; the model is a command-line option"),
        valid("""
            import argparse
            import hashlib
            import shelve
            import anthropic

            client = anthropic.Anthropic()

            def ask(model, system, user, cache):
                key = hashlib.sha256((model + "\\n" + system + "\\n" + user).encode()).hexdigest()
                if key not in cache:
                    msg = client.messages.create(model=model, max_tokens=512, system=system,
                                                 messages=[{"role": "user", "content": user}])
                    cache[key] = msg.content[0].text
                return cache[key]

            ap = argparse.ArgumentParser()
            ap.add_argument("--model", required=True)
            args = ap.parse_args()
            with shelve.open("cache/replies") as cache:
                replies = [ask(args.model, r["system"], r["user"], cache) for r in rows]
        """, note="near miss: the same key starts with the model"),
        invalid("""
            import argparse
            import json
            import os
            from openai import OpenAI

            ap = argparse.ArgumentParser()
            ap.add_argument("--model", default="gpt-4o-mini")
            ap.add_argument("--task", default="arc")
            args = ap.parse_args()
            client = OpenAI()
            path = f"cache/{args.task}.json"
            memo = json.load(open(path)) if os.path.exists(path) else {}

            def ask(prompt):
                if prompt in memo:  # expect: EVAL021
                    return memo[prompt]
                r = client.chat.completions.create(model=args.model, messages=[{"role": "user", "content": prompt}])
                memo[prompt] = r.choices[0].message.content
                return memo[prompt]

            items = [json.loads(l) for l in open(f"data/{args.task}.jsonl")]
            print(sum(ask(it["prompt"]) == it["answer"] for it in items) / len(items))
            json.dump(memo, open(path, "w"))
        """, note="lead probe 3: a memo file named for the task, keyed by the prompt, the model a command-line option "
                  "(the items' path shares the parsed options with the model: not the model)"),
        valid("""
            import argparse
            import json
            import os
            from openai import OpenAI

            ap = argparse.ArgumentParser()
            ap.add_argument("--model", default="gpt-4o-mini")
            ap.add_argument("--task", default="arc")
            args = ap.parse_args()
            client = OpenAI()
            path = f"cache/{args.task}_{args.model}.json"
            memo = json.load(open(path)) if os.path.exists(path) else {}

            def ask(prompt):
                if prompt in memo:
                    return memo[prompt]
                r = client.chat.completions.create(model=args.model, messages=[{"role": "user", "content": prompt}])
                memo[prompt] = r.choices[0].message.content
                return memo[prompt]

            items = [json.loads(l) for l in open(f"data/{args.task}.jsonl")]
            print(sum(ask(it["prompt"]) == it["answer"] for it in items) / len(items))
            json.dump(memo, open(path, "w"))
        """, note="near miss: the memo file is named per model"),
        invalid({
            "store.py": """
                import sqlite3
                from anthropic import Anthropic

                db = sqlite3.connect("replies.db")
                db.execute("CREATE TABLE IF NOT EXISTS replies (question TEXT PRIMARY KEY, reply TEXT)")
                client = Anthropic()

                def answer(model, question):
                    hit = db.execute("SELECT reply FROM replies WHERE question = ?", (question,)).fetchone()  # expect: EVAL021
                    if hit:
                        return hit[0]
                    msg = client.messages.create(model=model, max_tokens=256, messages=[{"role": "user", "content": question}])
                    db.execute("INSERT INTO replies VALUES (?, ?)", (question, msg.content[0].text))
                    return msg.content[0].text
            """,
            "compare.py": """
                from store import answer

                for model in ["claude-3-5-haiku-latest", "claude-3-5-sonnet-latest"]:
                    print(model, [answer(model, q) for q in open("questions.txt").read().splitlines()])
            """,
        }, note="lead probe 3: a sqlite table keyed by the question while a loop varies the model"),
        valid({
            "store.py": """
                import sqlite3
                from anthropic import Anthropic

                db = sqlite3.connect("replies.db")
                db.execute("CREATE TABLE IF NOT EXISTS replies (model TEXT, question TEXT, reply TEXT)")
                client = Anthropic()

                def answer(model, question):
                    hit = db.execute("SELECT reply FROM replies WHERE model = ? AND question = ?", (model, question)).fetchone()
                    if hit:
                        return hit[0]
                    msg = client.messages.create(model=model, max_tokens=256, messages=[{"role": "user", "content": question}])
                    db.execute("INSERT INTO replies VALUES (?, ?, ?)", (model, question, msg.content[0].text))
                    return msg.content[0].text
            """,
            "compare.py": """
                from store import answer

                for model in ["claude-3-5-haiku-latest", "claude-3-5-sonnet-latest"]:
                    print(model, [answer(model, q) for q in open("questions.txt").read().splitlines()])
            """,
        }, note="near miss: the query matches on the model and the question"),
        invalid({"compare_models.ipynb": notebook(
            """
            import json
            from openai import OpenAI
            client = OpenAI()
            questions = [json.loads(l)["question"] for l in open("data/questions.jsonl")]
            CACHE = {}
            """,
            """
            def ask(model, prompt):
                if prompt in CACHE:  # expect: EVAL021
                    return CACHE[prompt]
                r = client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}])
                CACHE[prompt] = r.choices[0].message.content
                return CACHE[prompt]
            """,
            """
            answers = {}
            for model in ["gpt-4o", "gpt-4o-mini", "o3-mini"]:
                answers[model] = [ask(model, q) for q in questions]
            """,
        )}, note="notebook: a memo keyed by the prompt in one cell, a loop over models in the next"),
        valid({"compare_models.ipynb": notebook(
            """
            import json
            from openai import OpenAI
            client = OpenAI()
            questions = [json.loads(l)["question"] for l in open("data/questions.jsonl")]
            CACHE = {}
            """,
            """
            def ask(model, prompt):
                if (model, prompt) in CACHE:
                    return CACHE[(model, prompt)]
                r = client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}])
                CACHE[(model, prompt)] = r.choices[0].message.content
                return CACHE[(model, prompt)]
            """,
            """
            answers = {}
            for model in ["gpt-4o", "gpt-4o-mini", "o3-mini"]:
                answers[model] = [ask(model, q) for q in questions]
            """,
        )}, note="near miss: the same cells, the memo keyed by model and prompt"),
        invalid("""
            import hashlib, json, os
            from openai import OpenAI
            client = OpenAI()
            def cached_completion(model: str, prompt: str) -> str:
                key = hashlib.sha256(prompt.encode()).hexdigest()  # expect: EVAL021
                path = os.path.join(".cache", key + ".json")
                if os.path.exists(path):
                    return json.load(open(path))["text"]
                out = client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}])
                json.dump({"text": out.choices[0].message.content}, open(path, "w"))
                return out.choices[0].message.content
            for name in ["gpt-4o-mini", "gpt-4o"]:
                answers = [cached_completion(name, p) for p in prompts]
        """),
        invalid({
            "llm_cache.py": '''
                import hashlib, json
                from pathlib import Path
                class CompletionCache:
                    def __init__(self, root):
                        self.root = Path(root)
                    @staticmethod
                    def _key(messages):
                        blob = json.dumps(messages, sort_keys=True)
                        return hashlib.sha256(blob.encode()).hexdigest()  # expect: EVAL021
                    def get_or_call(self, messages, call):
                        path = self.root / f"{self._key(messages)}.json"
                        if path.exists():
                            return json.loads(path.read_text())["text"]
                        text = call()
                        path.write_text(json.dumps({"text": text}))
                        return text
            ''',
            "answer.py": '''
                from openai import OpenAI
                from llm_cache import CompletionCache
                client = OpenAI(base_url="http://localhost:8000/v1")
                cache = CompletionCache(".cache")
                for served in ["sft", "dpo-beta0.1", "dpo-beta0.5"]:
                    for q in questions:
                        msgs = [{"role": "user", "content": q}]
                        def _call(msgs=msgs, served=served):
                            return client.chat.completions.create(model=served, messages=msgs).choices[0].message.content
                        answers.append(cache.get_or_call(msgs, _call))
            ''',
        }, note="the cache in one file, the loop over checkpoints in another"),
        invalid("""
            import anthropic
            client = anthropic.Anthropic()
            memo = {}
            def ask(prompt, temperature):
                if prompt in memo:  # expect: EVAL021
                    return memo[prompt]
                msg = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=300, temperature=temperature,
                                             messages=[{"role": "user", "content": prompt}])
                memo[prompt] = msg.content[0].text
                return memo[prompt]
            for t in [0.0, 0.5, 1.0]:
                replies = [ask(p, t) for p in prompts]
        """, note="a dict memo keyed by the prompt while a loop varies the temperature"),
        valid("""
            import anthropic
            client = anthropic.Anthropic()
            memo = {}
            def ask(prompt, temperature):
                key = (prompt, temperature)
                if key in memo:
                    return memo[key]
                msg = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=300, temperature=temperature,
                                             messages=[{"role": "user", "content": prompt}])
                memo[key] = msg.content[0].text
                return memo[key]
            for t in [0.0, 0.5, 1.0]:
                replies = [ask(p, t) for p in prompts]
        """, note="the key holds the temperature"),
        valid("""
            import anthropic
            client = anthropic.Anthropic()
            replies = {}
            for model in ["claude-3-5-haiku-latest", "claude-3-5-sonnet-latest"]:
                for prompt in prompts:
                    msg = client.messages.create(model=model, max_tokens=300, messages=[{"role": "user", "content": prompt}])
                    replies[prompt] = msg.content[0].text
        """, note="a results dict, not a cache: nothing is read back instead of calling"),
        invalid("""
            import hashlib, json, os
            from openai import OpenAI

            class Agent:
                def __init__(self, model):
                    self.client = OpenAI()
                    self.model = model

                def respond(self, prompt):
                    path = os.path.join(".cache", hashlib.md5(prompt.encode()).hexdigest() + ".json")  # expect: EVAL021
                    if os.path.exists(path):
                        return json.load(open(path))["text"]
                    r = self.client.chat.completions.create(model=self.model, messages=[{"role": "user", "content": prompt}])
                    json.dump({"text": r.choices[0].message.content}, open(path, "w"))
                    return r.choices[0].message.content

            for name in ["gpt-4o-mini", "gpt-4o"]:
                agent = Agent(name)
                print(name, [agent.respond(p) for p in prompts])
        """, note="the model given to the constructor in a loop, the disk cache shared"),
        invalid("""
            import shelve
            import anthropic
            client = anthropic.Anthropic()

            def ask(db, prompt, temperature):
                hit = db.get(prompt)  # expect: EVAL021
                if hit is not None:
                    return hit
                msg = client.messages.create(model="m", max_tokens=100, temperature=temperature,
                                             messages=[{"role": "user", "content": prompt}])
                db[prompt] = msg.content[0].text
                return db[prompt]

            with shelve.open("cache.db") as db:
                for t in (0.0, 1.0):
                    print(t, [ask(db, p, t) for p in prompts])
        """, note="a shelve looked up with .get"),
        valid("""
            import hashlib, json, os
            from openai import OpenAI

            class Agent:
                def __init__(self, model):
                    self.client = OpenAI()
                    self.model = model

                def respond(self, prompt):
                    path = os.path.join(".cache", self.model, hashlib.md5(prompt.encode()).hexdigest() + ".json")
                    if os.path.exists(path):
                        return json.load(open(path))["text"]
                    r = self.client.chat.completions.create(model=self.model, messages=[{"role": "user", "content": prompt}])
                    json.dump({"text": r.choices[0].message.content}, open(path, "w"))
                    return r.choices[0].message.content

            for name in ["gpt-4o-mini", "gpt-4o"]:
                agent = Agent(name)
                print(name, [agent.respond(p) for p in prompts])
        """, note="a folder per model: the digest of the prompt is only part of the key"),
        valid("""
            import hashlib, json
            def key(model, system, messages, temperature, max_tokens):
                payload = {"model": model, "system": system, "messages": messages, "temperature": temperature}
                return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
            def cached_call(client, cache, model, messages):
                k = key(model, None, messages, 0.0, 256)
                if k in cache:
                    return cache[k]
                cache[k] = client.messages.create(model=model, max_tokens=256, messages=messages)
                return cache[k]
        """, note="the model is part of the key"),
        valid("""
            import hashlib
            MODEL = "gpt-4o-mini"
            def cached(prompt):
                key = hashlib.sha256(prompt.encode()).hexdigest()
                if key not in CACHE:
                    CACHE[key] = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": prompt}])
                return CACHE[key]
        """, note="one fixed model"),
        invalid({
            "harness/cache.py": """
                import hashlib
                import json

                from sqlitedict import SqliteDict

                def request_key(method, args):
                    blob = json.dumps([method] + list(args))
                    return hashlib.sha256(blob.encode("utf-8")).hexdigest()  # expect: EVAL021

                class CachedModel:
                    def __init__(self, lm, path):
                        self.lm = lm
                        self.db = SqliteDict(path, autocommit=True)

                    def generate(self, requests):
                        out = []
                        for req in requests:
                            key = request_key("generate", req)
                            if key not in self.db:
                                self.db[key] = self.lm.generate(req)
                            out.append(self.db[key])
                        return out
            """,
            "run.py": """
                import sys
                from harness.cache import CachedModel
                from harness.models import load_model

                lm = CachedModel(load_model(sys.argv[1]), "cache/responses.db")
            """,
        }, note="a wrapper class around whatever model it is given, its replies in a SqliteDict keyed by the request"),
        invalid("""
            import hashlib
            import shelve

            def cached_outputs(model, prompts, db_path="outputs.shelve"):
                outputs = []
                with shelve.open(db_path) as db:
                    for prompt in prompts:
                        key = hashlib.md5(prompt.encode()).hexdigest()  # expect: EVAL021
                        if key not in db:
                            db[key] = model.generate(prompt)
                        outputs.append(db[key])
                return outputs
        """, note="a function given the model, a shelve on disk keyed by the prompt"),
        valid({
            "harness/cache.py": """
                import hashlib
                import json

                from sqlitedict import SqliteDict

                def request_key(method, model_id, args):
                    blob = json.dumps([method, model_id] + list(args))
                    return hashlib.sha256(blob.encode("utf-8")).hexdigest()

                class CachedModel:
                    def __init__(self, lm, path, model_id):
                        self.lm = lm
                        self.model_id = model_id
                        self.db = SqliteDict(path, autocommit=True)

                    def generate(self, requests):
                        out = []
                        for req in requests:
                            key = request_key("generate", self.model_id, req)
                            if key not in self.db:
                                self.db[key] = self.lm.generate(req)
                            out.append(self.db[key])
                        return out
            """,
        }, note="near miss: the key holds the model's identity"),
        valid({
            "harness/cache.py": """
                import hashlib
                import json

                from sqlitedict import SqliteDict

                class CachedModel:
                    def __init__(self, lm, path):
                        self.lm = lm
                        self.db = SqliteDict(path, autocommit=True)

                    def generate(self, requests):
                        out = []
                        for req in requests:
                            key = hashlib.sha256(json.dumps(req).encode()).hexdigest()
                            if key not in self.db:
                                self.db[key] = self.lm.generate(req)
                            out.append(self.db[key])
                        return out
            """,
            "run.py": """
                import argparse
                from harness.cache import CachedModel
                from harness.models import load_model

                parser = argparse.ArgumentParser()
                parser.add_argument("--model", required=True)
                args = parser.parse_args()
                lm = CachedModel(load_model(args.model), f"cache/{args.model.replace('/', '__')}.db")
            """,
        }, note="near miss: one cache file per model"),
        valid("""
            import hashlib

            class MemoModel:
                def __init__(self, lm):
                    self.lm = lm
                    self.memo = {}

                def generate(self, prompt):
                    key = hashlib.sha256(prompt.encode()).hexdigest()
                    if key not in self.memo:
                        self.memo[key] = self.lm.generate(prompt)
                    return self.memo[key]
        """, note="near miss: an in-memory memo lives and dies with one wrapped model"),
        invalid("""
            import hashlib, json, os
            from anthropic import Anthropic
            client = Anthropic()
            def sample(model, prompt, temperature):
                key = hashlib.md5(json.dumps([model, prompt]).encode()).hexdigest()  # expect: EVAL021
                path = f"cache/{key}.txt"
                if os.path.exists(path):
                    return open(path).read()
                text = client.messages.create(model=model, max_tokens=300, temperature=temperature,
                                              messages=[{"role": "user", "content": prompt}]).content[0].text
                open(path, "w").write(text)
                return text
            for t in (0.0, 1.0):
                outs = [sample("claude-3-5-haiku-latest", p, t) for p in prompts]
        """, note="the key names the model but not the temperature the loop varies"),
        valid("""
            import hashlib, json, os
            from anthropic import Anthropic
            client = Anthropic()
            def sample(model, prompt, temperature):
                key = hashlib.md5(json.dumps([model, prompt, temperature]).encode()).hexdigest()
                path = f"cache/{key}.txt"
                if os.path.exists(path):
                    return open(path).read()
                text = client.messages.create(model=model, max_tokens=300, temperature=temperature,
                                              messages=[{"role": "user", "content": prompt}]).content[0].text
                open(path, "w").write(text)
                return text
            for t in (0.0, 1.0):
                outs = [sample("claude-3-5-haiku-latest", p, t) for p in prompts]
        """, note="near miss: the key holds the temperature too"),
        valid("""
            import hashlib
            def file_id(path):
                return hashlib.md5(open(path, "rb").read()).hexdigest()
        """, note="a hash that is not a response cache"),
        invalid("""
            import hashlib
            import json
            import shelve

            import anthropic

            class ReplyCache:
                def __init__(self, path):
                    self.store = shelve.open(path)
                    self.client = anthropic.Anthropic()

                def __call__(self, model, messages):
                    digest = hashlib.md5(json.dumps(messages).encode()).hexdigest()  # expect: EVAL021
                    if digest not in self.store:
                        msg = self.client.messages.create(model=model, max_tokens=512, messages=messages)
                        self.store[digest] = msg.content[0].text
                    return self.store[digest]

            complete = ReplyCache("replies.db")
            answers = []
            for model_name in ["claude-3-5-haiku-latest", "claude-3-5-sonnet-latest"]:
                for item in items:
                    answers.append(complete(messages=[{"role": "user", "content": item}], model=model_name))
        """, note="probe 9: a cache class used by calling its instance (`__call__`) inside a loop over models"),
        valid("""
            import hashlib
            import json
            import shelve

            import anthropic

            class ReplyCache:
                def __init__(self, path):
                    self.store = shelve.open(path)
                    self.client = anthropic.Anthropic()

                def __call__(self, model, messages):
                    digest = hashlib.md5(json.dumps([model, messages]).encode()).hexdigest()
                    if digest not in self.store:
                        msg = self.client.messages.create(model=model, max_tokens=512, messages=messages)
                        self.store[digest] = msg.content[0].text
                    return self.store[digest]

            complete = ReplyCache("replies.db")
            answers = []
            for model_name in ["claude-3-5-haiku-latest", "claude-3-5-sonnet-latest"]:
                for item in items:
                    answers.append(complete(model_name, [{"role": "user", "content": item}]))
        """, note="near miss: the digest hashes the model with the messages"),
        invalid({
            "cached_client.py": """
                import hashlib
                import shelve
                from openai import OpenAI

                class CachedClient:
                    def __init__(self, path="cache/replies.db"):
                        self.client = OpenAI()
                        self.db = shelve.open(path)

                    def complete(self, prompt, model, temperature):
                        key = hashlib.sha256(prompt.encode()).hexdigest()  # expect: EVAL021
                        if key not in self.db:
                            r = self.client.chat.completions.create(model=model, temperature=temperature,
                                                                    messages=[{"role": "user", "content": prompt}])
                            self.db[key] = r.choices[0].message.content
                        return self.db[key]
            """,
            "run.py": """
                import wandb
                from cached_client import CachedClient

                run = wandb.init(project="arith-sweep")
                cfg = run.config
                client = CachedClient()
                for it in items:
                    reply = client.complete(it["prompt"], cfg.model, cfg.temperature)
            """,
        }, note="probe 12: a wandb sweep sets the model and temperature per run; the shelve key is the prompt alone"),
        valid({
            "cached_client.py": """
                import hashlib
                import json
                import shelve
                from openai import OpenAI

                class CachedClient:
                    def __init__(self, path="cache/replies.db"):
                        self.client = OpenAI()
                        self.db = shelve.open(path)

                    def complete(self, prompt, model, temperature):
                        key = hashlib.sha256(json.dumps([model, temperature, prompt]).encode()).hexdigest()
                        if key not in self.db:
                            r = self.client.chat.completions.create(model=model, temperature=temperature,
                                                                    messages=[{"role": "user", "content": prompt}])
                            self.db[key] = r.choices[0].message.content
                        return self.db[key]
            """,
            "run.py": """
                import wandb
                from cached_client import CachedClient

                run = wandb.init(project="arith-sweep")
                cfg = run.config
                client = CachedClient()
                for it in items:
                    reply = client.complete(it["prompt"], cfg.model, cfg.temperature)
            """,
        }, note="the twin: the key holds the model and the temperature"),
    ]

    @classmethod
    def check_repo(cls, repo) -> None:
        prog = program(repo)
        for hashed in prog.nodes("hash"):
            ingredients = prog.back(_key_parts(prog, hashed), limit=400,
                                    stop=lambda r: prog.kind(r) in ("llm", "fit", "split"))
            prompt_named = _mentions(prog, ingredients, _PROMPT_WORDS)
            if not prompt_named and not any(prog.kind(n) == "param" for n in ingredients):
                continue
            # A key that names the model may still leave out the temperature a loop varies.
            model_named = _mentions(prog, ingredients, _MODEL_WORDS)
            # (the search of every call of the program for a cache class's users only where the
            # model is missing: a key that names it is checked for the settings of its own callers)
            # A key that names no prompt holds one when a model call of its own function sends the parameters
            # it hashes (`ask(model, system, user)` hashing `system + user`); only there: following every
            # hash of parameters through callers and cache classes cost a large library 19 s (issue 12).
            served = (_calls_served(prog, hashed, users=not model_named) if prompt_named else
                      [c for c in _llm_calls_in(prog, prog.function_of(hashed)) if _sends(prog, c, ingredients)])
            for call in served:
                missing = _varying_settings(prog, call, ingredients, model_named)
                if missing:
                    cls._report(repo, prog, hashed, call, missing,
                                prog.info(hashed).get("on") or _hashed_names(prog, ingredients) or "the prompt")
                    break
        for test, key, call, store in _memo_lookups(prog):
            # the key, and where the memo itself comes from (`json.load(open(f"cache/{args.model}.json"))`)
            ingredients = prog.back([key, store], limit=200, stop=lambda r: prog.kind(r) in ("llm", "fit", "split"))
            if any(prog.kind(n) == "hash" for n in ingredients):
                continue  # a hashed key: settled above, once per cache
            model_named = _mentions(prog, ingredients, _MODEL_WORDS)
            if model_named and not _mentions(prog, ingredients, _PROMPT_WORDS):
                continue
            missing = _varying_settings(prog, call, ingredients, model_named)
            if missing:
                cls._report(repo, prog, test, call, missing, prog.info(key).get("name") or "the prompt")

        for select, columns, call in _sql_lookups(prog):
            ingredients = prog.back(prog.inputs(select)[1:], limit=200, stop=lambda r: prog.kind(r) in ("llm", "fit", "split"))
            model_named = any(w in c for c in columns for w in _MODEL_WORDS)
            if not any(w in c for c in columns for w in _PROMPT_WORDS) or any(prog.kind(n) == "hash" for n in ingredients):
                continue
            missing = _varying_settings(prog, call, ingredients, model_named)
            if missing:
                cls._report(repo, prog, select, call, missing, " and ".join(columns))
        for at, hashed, model, store in _wrapped_model_stores(prog):
            repo.report(cls, **prog.where(at), related=[Location(prog.path(store), prog.line(store), "the store opened here")],
                        message="The response cache key at {where} holds `{hashed}` but not the model, while the cache wraps "
                                "whatever model it is given (`{model}`) and keeps its replies in a file ({store}) that "
                                "another model's run reads back",
                        hashed=hashed, model=model, store=prog.describe(store))

    @classmethod
    def _report(cls, repo, prog: Program, at: Ref, call: Ref, missing: list[tuple[str, str]], hashed: str) -> None:
        what = " or ".join(dict.fromkeys("the model" if k in _MODEL_KEYWORDS else f"the {k}" for k, _ in missing))
        repo.report(cls, **prog.where(at), related=[Location(prog.path(call), prog.line(call), "model called here")],
                    hashed=hashed, what=what, models=" and ".join(d for _, d in missing))


def _calls_served(prog: Program, hashed: Ref, users: bool = True) -> list[Ref]:
    """The model calls whose responses the cache keyed by `hashed` holds (same function, its callers,
    methods of the same class, callbacks handed to them)."""
    file, fn = prog.function_of(hashed)
    owners = [(file, fn)]
    function = prog.function((file, fn)) if fn else None
    if function is not None:
        # The key is computed by a helper: the functions that call it own the cache.
        owners += [prog.function_of(c) for c in prog.callers((file, fn))]
        if function.owner:
            graph = prog.graphs[file]
            methods = [(file, i) for i, f in enumerate(graph.functions) if f.owner == function.owner]
            # A cache class (`lookup` / `store` around a `_digest` helper): the functions that call
            # its methods call the model whose replies it keeps.
            owners += methods + [prog.function_of(c) for c in _method_callers(prog, methods, function.owner, users)]
    calls: list[Ref] = []
    for owner in owners:
        calls += _llm_calls_in(prog, owner)
        for callback in _callbacks_into(prog, owner):
            calls += _llm_calls_in(prog, callback)
    return list(dict.fromkeys(calls))


def _method_callers(prog: Program, methods: list[tuple[int, int]], owner: str, search: bool = True) -> list[Ref]:
    """Calls of a class's methods: resolved ones; with `search`, also those found among every call
    of the program, through an annotated or constructed receiver (`cache: ResponseCache` ...
    `cache.get(p)`), or on a receiver named after the class (`memo.lookup(m)` for a `DiskMemo`)."""
    found = [c for m in methods for c in prog.callers(m)]
    if not search:
        return found
    qualnames = {prog.function(m).qualname: m for m in methods}
    names = {q.rsplit(".", 1)[-1] for q in qualnames}
    words = {w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", owner.rsplit(".", 1)[-1]) if len(w) > 2}
    for call in prog.everywhere("call"):
        info = prog.info(call)
        if info.get("m") not in names or call in found:
            continue
        fn = str(info.get("fn") or "").replace("()", "")
        receiver = prog.input(call, 0)
        named = str(prog.info(receiver).get("name", "")).lower() if receiver else ""
        if any(fn.endswith(q) or q.endswith(fn) and fn for q in qualnames) or (
                named and any(w in re.split(r"[_\d]+", named) for w in words)):
            found.append(call)
    return found


def _memo_lookups(prog: Program) -> list[tuple[Ref, Ref, Ref, Ref]]:
    """(membership test, key, model call, the memo) of dict-like caches: `if key in memo: return memo[key]` and
    `memo[key] = <the model's reply>` in the function that calls the model."""
    found = []
    for call in prog.nodes("llm"):
        file, fn = prog.function_of(call)
        replies = set(prog.forward([call], limit=60))
        stores = [n for n in replies if prog.kind(n) == "setcol" and len(prog.inputs(n)) > 2 and prog.input(n, 2)
                  and prog.function_of(n) == (file, fn) and prog.input(n, 1) in replies]
        for store in stores:
            key = prog.input(store, 2)
            test = next((u for u in prog.users(key) if _lookup(prog, u, key)
                         and prog.function_of(u) == (file, fn) and prog.line(u) <= prog.line(call)), None)
            if test is not None:
                found.append((test, key, call, prog.input(store, 0)))
                break
    return found


_SQL_SELECT = re.compile(r"(?is)^\s*select\b.*?\bwhere\b(.*)$")
_SQL_KEY = re.compile(r"(?i)\b(\w+)\s*(?:=|==|\bin\b|\blike\b)\s*[?:%$]")


def _sql_lookups(prog: Program) -> list[tuple[Ref, list[str], Ref]]:
    """(the query, the columns its WHERE matches on, the model call) of a SQL table used as a response
    cache: `db.execute("SELECT answer FROM cache WHERE prompt = ?", (prompt,))` in the function that
    calls the model, before the call (sqlite3, duckdb, any DB-API cursor)."""
    found = []
    for call in prog.nodes("llm"):
        file, fn = prog.function_of(call)
        for n, row in enumerate(prog.graphs[file].nodes):
            if row[0] != "call" or row[5] != fn:
                continue
            node = ref_of(file, n)
            info = prog.info(node)
            if info.get("m") != "execute" or prog.line(node) > prog.line(call):
                continue
            query = _SQL_SELECT.match(str(info.get("lits", {}).get("0", "")))
            columns = [c.lower() for c in _SQL_KEY.findall(query.group(1))] if query else []
            if columns:
                found.append((node, columns, call))
                break
    return found


def _mentions(prog: Program, ingredients: dict[Ref, Ref], words: tuple[str, ...]) -> bool:
    for node in ingredients:
        info = prog.info(node)
        for key in ("name", "a"):
            value = str(info.get(key, "")).lower()
            if value and any(w in value for w in words):
                return True
        if prog.kind(node) == "op" and info.get("op") == "dict":
            if any(any(w in str(k).lower() for w in words) for k in info.get("keys", [])):
                return True
    return False


def _sends(prog: Program, call: Ref, ingredients: dict[Ref, Ref]) -> bool:
    """Does the model `call` send a parameter the key is hashed from (`ask(model, system, user)` hashing
    `system + user` and sending both): the key holds the text sent, whatever its parts are called."""
    params = {n for n in ingredients if prog.kind(n) == "param"}
    sent = prog.back(prog.inputs(call), limit=200, stop=lambda r: prog.kind(r) in ("llm", "fit", "split", "hash"))
    return bool(params & set(sent))


def _hashed_names(prog: Program, ingredients: dict[Ref, Ref]) -> str:
    for node in ingredients:
        if prog.kind(node) == "param":
            return prog.info(node).get("name", "")
    return ""


def _llm_calls_in(prog: Program, key: tuple[int, int]) -> list[Ref]:
    file, fn = key
    graph = prog.graphs[file]
    return [ref_of(file, n) for n, node in enumerate(graph.nodes) if node[0] == "llm" and node[5] == fn]


def _callbacks_into(prog: Program, key: tuple[int, int]) -> list[tuple[int, int]]:
    """Functions passed as arguments to calls of `key` (`cache.get_or_call(msgs, _call)`)."""
    found = []
    if not key[1]:
        return found
    for call in prog.callers(key):
        for value in prog.inputs(call):
            if value and prog.kind(value) == "fn":
                target = prog.functions.get(prog.info(value).get("fn", ""))
                if target is not None:
                    found.append(target)
    return found


def _key_parts(prog: Program, hashed: Ref) -> list[Ref]:
    """The hash and what it is combined with into the key: `os.path.join(root, model, digest + ".json")`
    keeps the models apart even though the digest is of the prompt alone."""
    parts, frontier = [hashed], [hashed]
    for _ in range(3):
        following = []
        for node in frontier:
            for user in prog.users(node):
                info = prog.info(user)
                if prog.function_of(user) != prog.function_of(hashed):
                    continue
                if (prog.kind(user) == "op" and info.get("op") in ("Add", "fmt", "Divide", "tuple", "Mod")) or (
                        prog.kind(user) == "call" and info.get("m") in ("join", "format", "joinpath")):
                    following.append(user)
        parts += following
        frontier = following
    return parts


def _lookup(prog: Program, node: Ref, key: Ref) -> bool:
    """`key in memo` tested by an `if`, or `memo.get(key)` whose result is tested."""
    if prog.kind(node) == "cmp" and prog.info(node).get("op") in ("in", "not in"):
        return any(prog.kind(g) == "guard" for g in prog.users(node))
    if prog.kind(node) == "call" and prog.info(node).get("m") == "get" and prog.input(node, 1) == key:
        return any(prog.kind(u) in ("cmp", "guard") for u in prog.users(node))
    return False


def _constructor_arguments(prog: Program, param: Ref) -> list[Ref]:
    """The values passed for a parameter of `__init__` where the class is instantiated
    (`Agent(name)` in a loop gives `self.model` each name)."""
    file, fn = prog.function_of(param)
    function = prog.function((file, fn)) if fn else None
    if function is None or not function.qualname.endswith(".__init__"):
        return []
    cls = function.qualname.rsplit(".", 2)[-2]
    module = prog.graphs[file].module
    index = prog.info(param).get("index", -1) - 1  # `self` is not passed
    name = prog.info(param).get("name")
    found = []
    for call in prog.everywhere("call"):
        target = prog.info(call).get("fn") or ""
        if target != f"{module}.{cls}" and not target.endswith(f".{cls}"):
            continue
        kw = prog.info(call).get("kw", {})
        if name in kw:
            found.append(prog.input(call, kw[name]))
        elif index >= 0:
            positional = [i for n, i in enumerate(prog.inputs(call)[1:], 1) if n not in kw.values()]
            if index < len(positional) and positional[index]:
                found.append(positional[index])
    return [f for f in found if f]


def _varying_settings(prog: Program, call: Ref, ingredients: dict[Ref, Ref], model_named: bool = False) -> list[tuple[str, str]]:
    """(keyword, how it varies) for the model and the temperature of `call` that vary at run time
    (a loop over values, a command-line option) and that the key's `ingredients` do not include
    (only the temperature when the key names the model)."""
    info = prog.info(call)
    kw = info.get("kw", {})
    missing = []
    for names in ((_SAMPLING_KEYWORDS,) if model_named else (_MODEL_KEYWORDS, _SAMPLING_KEYWORDS)):
        name = next((k for k in names if k in kw), None)
        if name is None or (name in _MODEL_KEYWORDS and "model" in info):
            continue  # absent, or a string literal
        setting = prog.input(call, kw[name])
        if not setting:
            continue
        reached = dict(prog.back([setting], limit=200))
        for param in [n for n in reached if prog.kind(n) == "param"]:
            for argument in _constructor_arguments(prog, param) + _instance_call_arguments(prog, param):
                reached.update(prog.back([argument], limit=100))
        # The key holds the setting when they share a value on the setting's own way back, short of the
        # namespace it is read from: `args.model` and a key made from `args.dataset` share only `args`.
        own = set(prog.back([setting], limit=200, stop=lambda r: _namespace(prog, r)))
        own = {n for n in own if not _namespace(prog, n)}
        reads = {_read_key(prog, n) for n in own} - {None}
        if own & set(ingredients) or reads & {_read_key(prog, n) for n in ingredients} \
                or (set(reached) - set(prog.back([setting], limit=200))) & set(ingredients):
            continue
        for node in reached:
            node_info = prog.info(node)
            if prog.kind(node) == "elem" and "loop" in node_info:
                missing.append((name, f"`{name}=` takes each value of a loop ({prog.describe(node)})"))
                break
            if prog.kind(node) == "call" and node_info.get("m") == "parse_args":
                missing.append((name, f"`{name}=` comes from a command-line option ({prog.describe(node)})"))
                break
            if prog.kind(node) == "call" and plain(str(node_info.get("fn", ""))) in _RUN_CONFIGS:
                # `run = wandb.init(...)`, `cfg = run.config`: a sweep's agent sets it per run
                missing.append((name, f"`{name}=` comes from the run's config, which a sweep sets per run "
                                      f"({prog.describe(node)})"))
                break
    return missing


def _read_key(prog: Program, node: Ref) -> tuple | None:
    """`args.model` read twice is one value: (the namespace, the attribute) of an attribute read."""
    info = prog.info(node)
    if prog.kind(node) == "op" and info.get("op") == "attr" and prog.input(node, 0):
        return (prog.input(node, 0), info.get("a"))
    return None


def _namespace(prog: Program, node: Ref) -> bool:
    """A value many settings are read from: the parsed command line, a run's config."""
    info = prog.info(node)
    return prog.kind(node) == "call" and (info.get("m") in ("parse_args", "parse_known_args", "ArgumentParser")
                                          or plain(str(info.get("fn", ""))) in _RUN_CONFIGS)


def _instance_call_arguments(prog: Program, param: Ref) -> list[Ref]:
    """What fills a parameter of a class's `__call__` where an instance is called (`complete(m, msgs)` with
    `complete = ReplyCache(...)`): the arguments of those calls, positional or by keyword."""
    file, fn = prog.function_of(param)
    function = prog.function((file, fn)) if fn else None
    index, name = prog.info(param).get("index", -1), prog.info(param).get("name")
    if function is None or not function.owner or not function.qualname.endswith(".__call__") or index < 1:
        return []
    cls = function.owner.rsplit(".", 1)[-1]
    found = []
    for ctor in prog.everywhere("call"):
        if str(prog.info(ctor).get("fn", "")).rsplit(".", 1)[-1] != cls:
            continue
        for use in prog.users(ctor):
            # inputs of an instance call: (the instance, positional..., keywords...); `self` is the instance
            if prog.kind(use) != "apply" or prog.input(use, 0) != ctor:
                continue
            kw = prog.info(use).get("kw", {})
            if name in kw:
                found.append(prog.input(use, kw[name]))
            elif index < len(prog.inputs(use)) - len(kw):
                found.append(prog.input(use, index))
    return [f for f in found if f]


# Names of the object a wrapper calls for its replies (`self.lm`, `model`, `self.recogniser`).
_MODEL_OBJECT_WORDS = torch_api.MODEL_WORDS | frozenset(
    "lm llm engine backend recogniser recognizer transcriber asr agent judge chatbot tagger".split())


def _model_object(name: str) -> bool:
    words = set(torch_api.name_tokens(name))
    return bool(_MODEL_OBJECT_WORDS & words) and not (torch_api.NOT_MODEL_WORDS & words)


def _own_attribute(prog: Program, node: Ref) -> list[Ref]:
    """What `self.<attr>` (read in a method, or in a function nested in one) was bound to in the class."""
    if prog.kind(node) != "op" or prog.info(node).get("op") != "attr":
        return []
    receiver = prog.input(node, 0)
    if not receiver or prog.kind(receiver) != "param" or prog.info(receiver).get("name") != "self":
        return []
    file, fn = prog.function_of(receiver)
    owner = prog.function((file, fn)).owner if fn else ""
    bound = prog.graphs[file].attributes.get(owner, {}).get(str(prog.info(node).get("a", "")), [])
    return [ref_of(file, n) for n in bound]


def _back_through_self(prog: Program, starts: list[Ref], limit: int, stop=None) -> dict[Ref, Ref]:
    """`prog.back`, also through `self.<attr>` to what the class bound it to."""
    found: dict[Ref, Ref] = {}
    frontier = list(starts)
    for _ in range(3):
        reached = prog.back(frontier, limit=limit, stop=stop)
        new = [r for r in reached if r not in found]
        found.update(reached)
        frontier = [b for r in new for b in _own_attribute(prog, r) if b not in found]
        if not frontier:
            break
    return found


def _wrapped_model_stores(prog: Program) -> list[tuple[Ref, str, str, Ref]]:
    """(key anchor, what the key holds, the model, the store's opening) of a persistent response
    cache that wraps a model given to it: `self.dbdict[hash_args(attr, req.args)] = reply` where
    `reply` comes from calling `self.lm` (an `__init__` parameter) and `self.dbdict` is a
    `SqliteDict` (a shelve, a diskcache) whose file name does not name the model either."""
    found: list[tuple[Ref, str, str, Ref]] = []
    anchors: set[Ref] = set()
    stop = lambda r: prog.kind(r) in ("llm", "fit", "split")  # noqa: E731
    for store in prog.nodes("setcol"):
        inputs = prog.inputs(store)
        if len(inputs) < 3 or not all(inputs[:3]):
            continue
        table, value, key = inputs[:3]
        opened = next((n for n in _back_through_self(prog, [table], 60, stop)
                       if prog.kind(n) == "call" and plain(str(prog.info(n).get("fn", ""))) in PERSISTENT_STORES), None)
        if opened is None:
            continue
        model = _wrapped_model(prog, value)
        if model is None:
            continue
        ingredients = _back_through_self(prog, [key], 400, stop)
        if _mentions(prog, ingredients, _MODEL_WORDS) or any(
                _model_object(str(prog.info(n).get("name") or prog.info(n).get("a") or "")) for n in ingredients):
            continue
        if _store_named_per_model(prog, opened):
            continue
        hashes = sorted((n for n in ingredients if prog.kind(n) == "hash"), key=lambda n: (prog.path(n), prog.line(n)))
        anchor = hashes[0] if hashes else key
        if anchor in anchors:
            continue
        anchors.add(anchor)
        names = [str(prog.info(n).get("name")) for n in ingredients if prog.kind(n) == "param" and prog.info(n).get("name")]
        found.append((anchor, ", ".join(dict.fromkeys(names)) or "the request", model, opened))
    return found


def _wrapped_model(prog: Program, value: Ref) -> str | None:
    """The model whose reply `value` is, when it is an object handed in (`self.lm` bound to an
    `__init__` parameter, or a parameter): `getattr(self.lm, attr)(requests)`, `self.model.generate(x)`,
    `model.predict(batch)`."""
    reached = prog.back([value], limit=200, stop=lambda r: prog.kind(r) in ("llm", "fit", "split", "hash"))
    for node in reached:
        if prog.kind(node) in ("apply", "pred") and prog.input(node, 0):
            callee = [prog.input(node, 0)]
        elif prog.kind(node) == "call" and prog.inputs(node) and prog.inputs(node)[0] and prog.info(node).get("m") \
                and prog.info(node).get("m") in ("generate", "predict", "complete", "__call__", "loglikelihood"):
            callee = [prog.inputs(node)[0]]
        else:
            continue
        for source in _back_through_self(prog, callee, 40):
            name = str(prog.info(source).get("name", ""))
            if prog.kind(source) == "param" and _model_object(name):
                return name
    return None


def _store_named_per_model(prog: Program, opened: Ref) -> bool:
    """Does the store's file name come from the model (`SqliteDict(f"cache/{model_name}.db")`), also
    through the wrapper's constructor (`CachingLM(lm, f"{args.model}.db")`)?"""
    stop = lambda r: prog.kind(r) in ("llm", "fit", "split") or (prog.kind(r) == "op" and prog.info(r).get("op") == "attr")  # noqa: E731
    reached = dict(prog.back(prog.inputs(opened)[1:], limit=100, stop=stop))
    for param in [n for n in reached if prog.kind(n) == "param"]:
        for argument in _constructor_arguments(prog, param):
            reached.update(prog.back([argument], limit=100, stop=stop))
    return _mentions(prog, reached, _MODEL_WORDS)
