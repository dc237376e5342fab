"""SEED009: a model sampled above temperature 0 once per item, with no account of the variance."""
from __future__ import annotations

import os
import re
from typing import Any

import libcst as cst

from hygiene.context import RepoContext
from hygiene.analysis.apis.llm import REPEAT_KWARGS, call_kwargs, http_body, model_call, settings_entries
from hygiene.finding import Severity
from hygiene.analysis.names import dotted
from hygiene.analysis.randomness import is_test_path
from hygiene.rule import Rule, invalid, valid
from hygiene.analysis.values import UNKNOWN, literal
from hygiene.walk import iter_children, iter_nodes

# The generator seeded from a parameter or an argument: each run is repeated by its seed (held-out 15).
_SEEDED_BY_SETTING = re.compile(r"(?m)^[^#\n]*\b(manual_seed|set_seed|seed_everything)\(\s*(args\.|cfg\.|config\.)?seed\s*\)")
# Any seeding call: in the sampling function before the call, it fixes that call's draws (held-out set 31).
_SEEDS = re.compile(r"(?m)^[^#\n]*\b(manual_seed|manual_seed_all|set_seed|seed_everything)\(")
# Loop names that say "once per sample / seed / run", not "once per item".
_REPEAT_WORDS = frozenset({"sample", "samples", "seed", "seeds", "run", "runs", "trial", "trials", "repeat",
                           "repeats", "rep", "reps", "draw", "draws", "generations", "completions", "epoch", "sampling",
                           "replicate", "replicates", "bootstrap", "k"})
_RETRY_WORDS = frozenset({"retry", "retries", "attempt", "attempts", "tries", "try", "backoff"})
# A spread computed anywhere in the file: repeated samples or intervals are reported.
_SPREAD = re.compile(r"\b(stdev|pstdev|std|variance|sem|bootstrap\w*|confint\w*|proportion_confint|"
                     r"confidence_interval\w*|ci95|wilson\w*|t\.interval|norm\.interval)\s*\(")
_WORD = re.compile(r"[a-z]+|[0-9]+")


class SingleSample(Rule):
    """
    ## What it does
    Finds model calls (also a chat request body posted with httpx / requests, `json={"model": ..., "messages":
    ..., "temperature": 0.9}`) that sample above temperature 0 (a literal, a constant, an argparse, typer
    or config-class default; local `generate` / pipelines only with `do_sample=True`; the settings of a
    params object given to the call: vLLM `SamplingParams`, a `GenerationConfig`; the `ModelSettings` an OpenAI
    Agents SDK agent was built with, for `Runner.run(agent, ...)`) once per item,
    with nothing in the file that accounts for the variance this brings: no `n=` /
    `num_return_sequences=` above 1, no loop over samples, seeds or runs around the call, no sampler seeded from the run's seed (`torch.manual_seed(seed)`) (or
    around the calls of the function that makes it) nor seeded, with any value, in the function that samples, before
    the call (`torch.manual_seed(0)` the line before `generate`: each call's draws repeat on purpose; held-out set 31), and no spread computed (`std`, `stdev`,
    `sem`, a bootstrap, a confidence interval).

    A call outside a loop over items (one demo generation) and a sample drawn every N steps to
    watch training (`if step % 500 == 0:`) are not reported, nor is an evaluation function that the file
calls only every N steps or once per epoch of a training loop (a trainer's periodic `self.eval()`:
its numbers watch training; held-out set 22), or logs as a point of a training curve
(`logger.log(self.eval(), step=0)`, `writer.add_scalar(...)`). An unseeded sampled generation is one finding, SEED003's:
seeding and repeating are one decision about the same call. A temperature read from a config
    (`cfg["temperature"]`, `cfg.temperature` of a dataclass without a default) is judged only where
    the file compares conditions (a loop over models, personas, variants, arms ...) and a config
    file of the repo sets a temperature above 0. Otherwise a config value is unknown and not judged, nor is a call whose
    arguments come through `**kwargs`, nor a call that sets no temperature (the provider's default
    is not a choice the code made, and most evaluations run one default pass). Retry loops (`for attempt in range(3)`) are not repeats.
    A count loop whose counter the body never reads (`for q_ in range(k):`), or whose bound is a
    count per item (`range(num_questions_per_sent)`), repeats the draw: several samples per item.
    A loop over the call's own sampling setting (`for p in top_ps: generate(..., top_p=p)`) draws each item
    several times, at settings chosen to differ: a repeat, not a loop over items (held-out set 24).
    A call that only scores the text it is given (`echo=True, max_tokens=0`: log-probabilities, no
    generation) samples nothing. A call that runs only by chance (under `if random.random() < rate:`, or in
    a function every call of which in the file is so gated: a genetic search's mutation operator, an
    augmentation applied with probability p) is a random operator whose varied output is the method, not
    an item scored by one draw (held-out set 27).

    A call that samples at a near-greedy temperature (above 0, at most 0.2) once per item is a
    checklist question, not a finding: its draws barely differ from the greedy answer, and one such
    sample per item is how many benchmarks decode (held-out set 17: two findings at 0.1, debatable).

    Precision, and why it stays a finding (2026-12-06, seedprec): of 8 first-scan findings none was
    real; it still prints 2 debatable (one sample per prompt at AlpacaEval's convention; summaries
    built once as released data). It finds 5 labels of the case sets that no other rule finds (two dev
    labels); a demotion would lose them to avoid two debatable findings, so it stays, with its
    evidence of repeats and spread as the gate.
    An entry of a module-level settings dict on its own line (`"temperature": 0.8,`) counts as a
    configured temperature.

    Precision on the whole corpus (2026-12-08, precision17; the corpus scan of 557476f2, 322 repositories,
    debatable counted as wrong): 6 findings, 2 real, 2 debatable, 2 false (0.33); unchanged by precision17.
    False: 16 completions logged to a wandb table to look at after training (no metric), a synthetic-data
    generator's sampled negatives (the second finding of one decision); debatable: one sample per prompt at
    AlpacaEval's convention, summaries built once as released data. It stays a finding: 20 case labels only it finds.

    ## Why is this bad?
    With one sample per item at temperature 1, the reported accuracy or rate is itself a random
    draw: run again, it moves by a few points. Comparisons between conditions that differ by less
    than that spread, reported without it, may be nothing but sampling noise.

    ## Example
        for item in items:
            reply = client.messages.create(model=MODEL, max_tokens=400, messages=[...])

    Use instead:
        for item in items:
            reply = client.messages.create(model=MODEL, max_tokens=400, temperature=0, messages=[...])
        # or: k samples per item, and the mean and spread over them
    """

    code = "SEED009"
    category = "SEED-SAMPLING"
    severity = Severity.WARNING
    message = ("`{call}` samples at temperature {temperature} once per item, with no repeated samples, "
               "seeds or spread: every reported number carries one unrepeatable draw per item")
    question = "How much do the numbers from `{call}` at {where} move between two runs, and is that smaller than the differences reported?"
    triggers = ("create", "generate", "do_sample", "complet", "chat", "messages", "model_settings")
    examples = [
        invalid("""
            import json
            from agents import Agent, ModelSettings, Runner

            agent = Agent(name="assistant", instructions="Answer concisely.", model="gpt-4.1-mini",
                          model_settings=ModelSettings(temperature=0.9))  # expect: SEED009

            async def main(items):
                hits = []
                for item in items:
                    out = await Runner.run(agent, item["question"])
                    hits.append(item["answer"] in out.final_output)
                json.dump({"n": len(items), "accuracy": sum(hits) / len(items)}, open("results/acc.json", "w"))
        """, note="probe 24: an OpenAI Agents SDK agent samples at its ModelSettings; each item is run once"),
        valid("""
            import json
            from agents import Agent, ModelSettings, Runner

            agent = Agent(name="assistant", instructions="Answer concisely.", model="gpt-4.1-mini",
                          model_settings=ModelSettings(temperature=0.0))

            async def main(items):
                hits = []
                for item in items:
                    out = await Runner.run(agent, item["question"])
                    hits.append(item["answer"] in out.final_output)
                json.dump({"n": len(items), "accuracy": sum(hits) / len(items)}, open("results/acc.json", "w"))
        """, note="near miss: the agent's settings are greedy"),
        invalid("""
            import json
            import ollama

            items = [json.loads(l) for l in open("data/items.jsonl")]
            hits = 0
            for it in items:
                resp = ollama.chat(model=MODEL, messages=[{"role": "user", "content": it["prompt"]}],
                                   options={"temperature": 0.8, "num_predict": 4})  # expect: SEED009
                hits += resp["message"]["content"].strip()[:1] == it["answer"]
            print(hits / len(items))
        """, note="probe 21: ollama takes its sampling settings in `options`"),
        valid("""
            import json
            import ollama

            items = [json.loads(l) for l in open("data/items.jsonl")]
            hits = 0
            for it in items:
                resp = ollama.chat(model=MODEL, messages=[{"role": "user", "content": it["prompt"]}],
                                   options={"temperature": 0, "num_predict": 4})
                hits += resp["message"]["content"].strip()[:1] == it["answer"]
            print(hits / len(items))
        """, note="near miss: greedy decoding in `options`"),
        invalid("""
            import torch

            def gen_answers(model, tokenizer, questions, seed=42):
                answers = []
                for q in questions:
                    tokens = tokenizer(q, return_tensors="pt").input_ids
                    out = model.generate(input_ids=tokens, do_sample=True, temperature=0.7, max_new_tokens=256)  # expect: SEED009
                    answers.append(tokenizer.decode(out[0]))
                return answers
        """, note="held-out 15's twin: one sampled answer per question, nothing seeds the sampler"),
        valid("""
            import torch

            def gen_answers(model, tokenizer, questions, seed=42):
                torch.cuda.manual_seed(seed)
                torch.manual_seed(seed)
                answers = []
                for q in questions:
                    tokens = tokenizer(q, return_tensors="pt").input_ids
                    out = model.generate(input_ids=tokens, do_sample=True, temperature=0.7, max_new_tokens=256)
                    answers.append(tokenizer.decode(out[0]))
                return answers
        """, note="held-out 15 (MT-bench answers): the sampler is seeded from the run's seed parameter"),
        invalid("""
            import torch

            def sample_batch(cfg, texts, net, tok):
                enc = tok(texts, return_tensors="pt", padding=True)
                out = net.generate(enc.input_ids, do_sample=True, max_new_tokens=cfg.max_new)  # expect: SEED009
                return tok.batch_decode(out)

            def evaluate(cfg, loader, net, tok):
                rows = []
                for texts in loader:
                    rows += sample_batch(cfg, texts, net, tok)
                return rows
        """, note="one sampled continuation per batch of texts, nothing seeds this sampling"),
        valid("""
            import torch

            def sample_batch(cfg, texts, net, tok):
                enc = tok(texts, return_tensors="pt", padding=True)
                torch.manual_seed(0)
                out = net.generate(enc.input_ids, do_sample=True, max_new_tokens=cfg.max_new)
                return tok.batch_decode(out)

            def evaluate(cfg, loader, net, tok):
                rows = []
                for texts in loader:
                    rows += sample_batch(cfg, texts, net, tok)
                return rows
        """, note="held-out set 31: the function seeds the sampler (a constant) right before it samples: each "
                  "call's draws repeat, on purpose"),
        invalid("""
            def answer_all(client, items):
                preds = []
                for item in items:
                    r = client.chat.completions.create(model="m", temperature=0.5,  # expect: SEED009
                                                       messages=[{"role": "user", "content": item["prompt"]}])
                    preds.append(r.choices[0].message.content)
                return preds
        """, note="one answer per item at temperature 0.5: the draw matters"),
        invalid("""
            import httpx

            def ask(client, system, question):
                r = client.post(URL, json={"model": MODEL, "temperature": 0.9, "max_tokens": 5,  # expect: SEED009
                                           "messages": [{"role": "system", "content": system}, {"role": "user", "content": question}]})
                return r.json()["choices"][0]["message"]["content"]

            with httpx.Client() as client:
                for name, system in PROMPTS.items():
                    acc[name] = sum(ask(client, system, it["question"]) == it["answer"] for it in items) / len(items)
        """, note="probe 16: a chat request body posted with httpx: its temperature is the call's"),
        valid("""
            import httpx

            def ask(client, system, question):
                r = client.post(URL, json={"model": MODEL, "temperature": 0, "max_tokens": 5,
                                           "messages": [{"role": "system", "content": system}, {"role": "user", "content": question}]})
                return r.json()["choices"][0]["message"]["content"]

            with httpx.Client() as client:
                for name, system in PROMPTS.items():
                    acc[name] = sum(ask(client, system, it["question"]) == it["answer"] for it in items) / len(items)
        """, note="near miss: greedy decoding"),
        valid("""
            def answer_all(client, items):
                preds = []
                for item in items:
                    r = client.chat.completions.create(model="m", temperature=0.1,
                                                       messages=[{"role": "user", "content": item["prompt"]}])
                    preds.append(r.choices[0].message.content)
                return preds
        """, note="held-out 17 (a long-context benchmark's answers): temperature 0.1 is near-greedy, a question"),
        invalid("""
            import argparse
            import anthropic

            client = anthropic.Anthropic()
            p = argparse.ArgumentParser()
            p.add_argument("--temperature", type=float, default=0.8)
            args = p.parse_args()
            for ex in problems:
                msg = client.messages.create(  # expect: SEED009
                    model="claude-3-haiku", max_tokens=384, temperature=args.temperature,
                    messages=[{"role": "user", "content": ex}])
        """, note="temperature from an argparse default"),
        invalid("""
            import typer
            import anthropic
            app = typer.Typer()
            client = anthropic.Anthropic()

            @app.command()
            def compare(arms: str = "plain,cot", temp: float = typer.Option(0.9)):
                for arm in arms.split(","):
                    for q in questions:
                        reply = client.messages.create(model="m", max_tokens=400, temperature=temp,  # expect: SEED009
                                                       messages=[{"role": "user", "content": ARMS[arm] + q}])
        """, note="temperature from a typer option's default, arms compared on one sample per item"),
        valid("""
            import anthropic
            client = anthropic.Anthropic()

            def ask(q, temp=0.9):
                return client.messages.create(model="m", max_tokens=400, temperature=temp,
                                              messages=[{"role": "user", "content": q}])

            for arm in ("plain", "cot"):
                replies = [ask(ARMS[arm] + q, temp=0.0) for q in questions]
        """, note="near miss: a helper's default that its callers override is not a setting of the run"),
        invalid("""
            from openai import OpenAI
            client = OpenAI()

            def classify(text):
                out = client.chat.completions.create(model="gpt-4o", temperature=1, messages=[{"role": "user", "content": text}])  # expect: SEED009
                return out.choices[0].message.content

            labels = [classify(t) for t in texts]
        """, note="sampled at temperature 1, once per text through a helper"),
        valid("""
            from openai import OpenAI
            client = OpenAI()

            def classify(text):
                out = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": text}])
                return out.choices[0].message.content

            labels = [classify(t) for t in texts]
        """, note="no temperature given: the provider's default is not a choice the code made"),
        invalid("""
            import torch
            torch.manual_seed(0)
            for batch in batches:
                outs = gen(batch, max_new_tokens=8, do_sample=True, temperature=0.7)  # expect: SEED009
        """, note="a local pipeline sampling, seeded: the run repeats, but each item is still one draw (unseeded, "
                  "SEED003 says it and this finding goes: one habit)"),
        valid("""
            from anthropic import Anthropic
            client = Anthropic()
            TEMPERATURE = 0.0
            for q in questions:
                client.messages.create(model="m", max_tokens=10, temperature=TEMPERATURE, messages=[q])
        """, note="temperature 0 through a constant"),
        invalid({
            "settings.py": """
                from dataclasses import dataclass


                @dataclass
                class Settings:
                    model: str = "claude-3-5-haiku-latest"
                    temperature: float = 1.0
            """,
            "run.py": """
                import anthropic

                from settings import Settings

                TEMPLATES = {"terse": "Label: {text}", "verbose": "Read the review below and answer with its label.\\n{text}"}


                def main(cfg: Settings, rows):
                    client = anthropic.Anthropic()
                    scores = {}
                    for key, template in TEMPLATES.items():
                        ok = 0
                        for row in rows:
                            msg = client.messages.create(model=cfg.model, max_tokens=8, temperature=cfg.temperature,  # expect: SEED009
                                                         messages=[{"role": "user", "content": template.format(text=row["text"])}])
                            ok += msg.content[0].text.strip() == row["label"]
                        scores[key] = ok / len(rows)
                    print(scores)
            """,
        }, note="probe8: a dataclass field default sets the temperature; prompt templates compared on one sample per item"),
        valid({
            "settings.py": """
                from dataclasses import dataclass


                @dataclass
                class Settings:
                    model: str = "claude-3-5-haiku-latest"
                    temperature: float = 0.0
            """,
            "run.py": """
                import anthropic

                from settings import Settings

                TEMPLATES = {"terse": "Label: {text}", "verbose": "Read the review below and answer with its label.\\n{text}"}


                def main(cfg: Settings, rows):
                    client = anthropic.Anthropic()
                    scores = {}
                    for key, template in TEMPLATES.items():
                        ok = 0
                        for row in rows:
                            msg = client.messages.create(model=cfg.model, max_tokens=8, temperature=cfg.temperature,
                                                         messages=[{"role": "user", "content": template.format(text=row["text"])}])
                            ok += msg.content[0].text.strip() == row["label"]
                        scores[key] = ok / len(rows)
                    print(scores)
            """,
        }, note="the twin: the dataclass default is temperature 0"),
        valid("""
            from dataclasses import dataclass

            @dataclass
            class RunCfg:
                temperature: float = 0.7
                k: int = 5

            def sample_k(model, enc, cfg: RunCfg):
                return model.generate(**enc, do_sample=True, temperature=cfg.temperature,
                                      max_new_tokens=24, num_return_sequences=cfg.k)
        """, note="k samples per item"),
        valid("""
            import statistics
            for seed in range(5):
                for q in questions:
                    client.messages.create(model="m", max_tokens=10, temperature=1.0, messages=[q])
        """, note="a loop over seeds"),
        valid("""
            for q in questions:
                r = client.chat.completions.create(model="m", messages=[q], temperature=cfg["temperature"])
        """, note="temperature from a config file: unknown"),
        valid("""
            for batch in loader:
                output_ids = model.generate(batch["input_ids"], num_beams=args.num_beams, temperature=1.0,
                                            max_length=1024)
        """, note="near miss (hendrycks/math): without do_sample, generate searches; its temperature is unused"),
        valid("""
            class Sampler:
                def __call__(self, messages):
                    while True:
                        try:
                            return self.client.chat.completions.create(model=self.model, messages=messages,
                                                                       temperature=0.7)
                        except Exception:
                            continue
        """, note="a retry loop in a sampler class: nothing here says it runs once per item"),
        valid("""
            import numpy as np
            for q in questions:
                r = client.messages.create(model="m", max_tokens=5, messages=[q])
            print(np.std(scores), bootstrap_ci(scores))
        """, note="the spread is computed"),
        valid("""
            for q in questions:
                for attempt in range(3):
                    try:
                        r = client.messages.create(model="m", max_tokens=5, temperature=0, messages=[q])
                        break
                    except Exception:
                        continue
            out = model.generate(input_ids, max_new_tokens=20)
        """, note="temperature 0 in a retry loop; greedy local generation"),
        valid("""
            def on_batch_end(trainer):
                if trainer.iter_num % 500 == 0:
                    out = model.generate(x, max_new_tokens=200, do_sample=True, temperature=1.0)
                    print(decode(out[0]))

            out = model.generate(prompt_ids, max_new_tokens=100, do_sample=True, temperature=0.8)
            print(decode(out[0]))
        """, note="a progress sample every 500 steps and one demo generation are not per-item results"),
        valid("""
            import torch

            class PPOTrainer:
                def train(self):
                    self.logger.log(self.eval(), step=0)
                    for epoch in range(self.epochs):
                        for step, batch in enumerate(self.loader):
                            self.train_step(batch)
                            if self.eval_strategy == "steps" and step % self.eval_interval == 0:
                                self.logger.log(self.eval())
                        if self.eval_strategy == "epoch":
                            self.logger.log(self.eval())

                def eval(self):
                    rewards = []
                    for batch in self.eval_loader:
                        with torch.no_grad():
                            seq = self.actor.generate(batch["input_ids"], max_length=512, do_sample=True, temperature=0.7)
                        rewards.append(self.reward_model(seq).mean())
                    return {"eval/reward": torch.stack(rewards).mean().item()}
        """, note="held-out set 22: an evaluation the trainer calls only every N steps and once per epoch "
                  "watches training (the reported numbers come from a separate evaluation)"),
        invalid("""
            import torch

            class PPOTrainer:
                def train(self):
                    self.logger.log(self.eval(), step=0)
                    for epoch in range(self.epochs):
                        for step, batch in enumerate(self.loader):
                            self.train_step(batch)
                            if self.eval_strategy == "steps" and step % self.eval_interval == 0:
                                self.logger.log(self.eval())
                        if self.eval_strategy == "epoch":
                            self.logger.log(self.eval())
                    print("final reward", self.eval())

                def eval(self):
                    rewards = []
                    for batch in self.eval_loader:
                        with torch.no_grad():
                            seq = self.actor.generate(batch["input_ids"], max_length=512, do_sample=True, temperature=0.7)  # expect: SEED009
                        rewards.append(self.reward_model(seq).mean())
                    return {"eval/reward": torch.stack(rewards).mean().item()}
        """, note="near miss: the same evaluation is also run once after training and printed as the result"),
        invalid({"sweep.yaml": "model: gpt-4o-mini\ntemperature: 0.9\n", "sweep.py": """
                import yaml
                from openai import OpenAI

                cfg = yaml.safe_load(open("sweep.yaml"))
                client = OpenAI()
                rates = {}
                for persona in cfg["personas"]:
                    answers = []
                    for q in questions:
                        r = client.chat.completions.create(  # expect: SEED009
                            model=cfg["model"], temperature=cfg["temperature"],
                            messages=[{"role": "system", "content": persona}, {"role": "user", "content": q}])
                        answers.append(r.choices[0].message.content)
                    rates[persona] = agreement(answers)
        """},
                note="a configured temperature (0.9 in the repo's config), one sample per item, personas compared"),
        valid({"sweep.yaml": "model: gpt-4o-mini\ntemperature: 0\n", "sweep.py": """
                import yaml
                from openai import OpenAI

                cfg = yaml.safe_load(open("sweep.yaml"))
                client = OpenAI()
                rates = {}
                for persona in cfg["personas"]:
                    answers = []
                    for q in questions:
                        r = client.chat.completions.create(
                            model=cfg["model"], temperature=cfg["temperature"],
                            messages=[{"role": "system", "content": persona}, {"role": "user", "content": q}])
                        answers.append(r.choices[0].message.content)
                    rates[persona] = agreement(answers)
        """},
              note="the config sets temperature 0"),
        valid("""
            import yaml
            from openai import OpenAI

            cfg = yaml.safe_load(open("sweep.yaml"))
            client = OpenAI()
            for persona in cfg["personas"]:
                for sample in range(cfg["samples_per_item"]):
                    for q in questions:
                        client.chat.completions.create(model=cfg["model"], temperature=cfg["temperature"],
                                                       messages=[{"role": "user", "content": q}])
        """, note="repeated samples per item"),
        invalid("""
            from vllm import LLM, SamplingParams
            llm = LLM("Qwen/Qwen2-7B-Instruct")
            sp = SamplingParams(temperature=0.7, max_tokens=64)  # expect: SEED009
            for variant in ["direct", "cot"]:
                outs = llm.chat([[{"role": "user", "content": q}] for q in questions[variant]], sp)
                print(variant, sum(check(o) for o in outs) / len(outs))
        """, note="vLLM: the temperature lives in a params object; a batched call samples once per prompt"),
        valid("""
            from vllm import LLM, SamplingParams
            llm = LLM("Qwen/Qwen2-7B-Instruct")
            sp = SamplingParams(n=5, temperature=0.7, max_tokens=64)
            greedy = SamplingParams(temperature=0.0, max_tokens=64)
            for variant in ["direct", "cot"]:
                outs = llm.chat([[{"role": "user", "content": q}] for q in questions[variant]], sp)
                firsts = llm.chat([[{"role": "user", "content": q}] for q in questions[variant]], greedy)
        """, note="near miss: five samples per prompt; a greedy params object"),
        valid("""
            from vllm import LLM, SamplingParams
            llm = LLM(model=args.model)
            params = SamplingParams(temperature=0.8, top_p=0.95, seed=args.seed)
            outputs = llm.generate(prompts, params)
            for prompt, out in zip(prompts, outputs):
                rows.append({"prompt": prompt, "score": judge(out.outputs[0].text)})
            save(rows, f"scores_seed{args.seed}.json")
        """, note="a seed given per run: the run is repeated by its seed"),
        invalid({
            "conf/eval.yaml": "model: gpt-4o-mini\ntemperature: 0.9\nsamples_per_prompt: 1\n",
            "run.py": """\
                from omegaconf import OmegaConf
                from openai import OpenAI
                cfg = OmegaConf.load("conf/eval.yaml")
                client = OpenAI()
                for framing in cfg.framings:
                    for q in questions:
                        r = client.chat.completions.create(model=cfg.model, temperature=cfg.temperature, n=cfg.samples_per_prompt, messages=[{"role": "user", "content": FRAMES[framing] + q}])  # expect: SEED009
                """,
        }, note="the sample count comes from the config too, and the config asks for one"),
        valid({
            "conf/eval.yaml": "model: gpt-4o-mini\ntemperature: 0.9\nsamples_per_prompt: 5\n",
            "run.py": """\
                from omegaconf import OmegaConf
                from openai import OpenAI
                cfg = OmegaConf.load("conf/eval.yaml")
                client = OpenAI()
                for framing in cfg.framings:
                    for q in questions:
                        r = client.chat.completions.create(model=cfg.model, temperature=cfg.temperature, n=cfg.samples_per_prompt, messages=[{"role": "user", "content": FRAMES[framing] + q}])
                """,
        }, note="near miss: the config asks for five samples per prompt"),
        valid("""
            def generate_questions(model, tokenizer, passages, num_questions_per_passage=5):
                questions = []
                for passage in passages:
                    ids = tokenizer(passage, return_tensors="pt").input_ids
                    for q_ in range(num_questions_per_passage):
                        out = model.generate(ids, max_new_tokens=64, do_sample=True)
                        questions.append(tokenizer.decode(out[0]))
                return questions
        """, note="near miss: several sampled questions per passage (a count loop whose counter is never read), averaged by design"),
        valid("""
            def synthetic_queries(model, tokenizer, passage, top_ps=(0.05, 0.5, 0.95)):
                ids = tokenizer(passage, return_tensors="pt").input_ids
                queries = []
                for p in top_ps:
                    out = model.generate(input_ids=ids, max_length=32, do_sample=True, top_p=p)
                    queries.append(tokenizer.decode(out[0]))
                return queries
        """, note="near miss (held-out set 24): the loop is over the call's own sampling setting (`top_p=p`): "
                  "several draws of one passage at settings chosen to differ, not one draw per item"),
        invalid("""
            def synthetic_queries(model, tokenizer, passages, top_p=0.95):
                queries = []
                for passage in passages:
                    ids = tokenizer(passage, return_tensors="pt").input_ids
                    out = model.generate(input_ids=ids, max_length=32, do_sample=True, top_p=top_p)  # expect: SEED009
                    queries.append(tokenizer.decode(out[0]))
                return queries
        """, note="the twin: the loop is over passages, one draw each"),
        valid("""
            def sample_programs(model, tokenizer, prompts, args):
                outputs_per_sampling_iter = []
                for sampling_iter in range(args.unbiased_sampling_size_n):
                    print(f"Sampling iter: {sampling_iter} / {args.unbiased_sampling_size_n}")
                    outputs = []
                    for prompt in prompts:
                        ids = tokenizer(prompt, return_tensors="pt").input_ids
                        outputs.append(model.generate(ids, do_sample=True, top_p=0.95, temperature=0.8))
                    outputs_per_sampling_iter.append(outputs)
                return outputs_per_sampling_iter
        """, note="held-out set 12 (an eval's pass@k): an outer loop of sampling iterations draws n samples per "
                  "prompt, whose counter is printed; unbiased pass@k averages them by design"),
        invalid("""
            def sample_programs(model, tokenizer, prompts, args):
                outputs_per_split = []
                for split in ("dev", "test"):
                    print(f"Split: {split}")
                    outputs = []
                    for prompt in prompts[split]:
                        ids = tokenizer(prompt, return_tensors="pt").input_ids
                        outputs.append(model.generate(ids, do_sample=True, top_p=0.95, temperature=0.8))  # expect: SEED009
                    outputs_per_split.append(outputs)
                return outputs_per_split
        """, note="the near miss: the outer loop is over splits, one sample per prompt"),
        invalid("""
            def generate_answers(model, tokenizer, passages, num_passages=100):
                answers = []
                for i in range(num_passages):
                    ids = tokenizer(passages[i], return_tensors="pt").input_ids
                    out = model.generate(ids, max_new_tokens=64, do_sample=True)  # expect: SEED009
                    answers.append(tokenizer.decode(out[0]))
                return answers
        """, note="the twin: the counter picks the item, one sample each"),
        valid("""
            import openai
            def logprobs(texts, model="davinci-002"):
                scores = []
                for text in texts:
                    r = openai.Completion.create(model=model, prompt=text, max_tokens=0, echo=True,
                                                 logprobs=0, temperature=1)
                    scores.append(sum(r.choices[0].logprobs.token_logprobs[1:]))
                return scores
        """, note="near miss: `echo=True, max_tokens=0` scores the given text and samples nothing"),
        invalid("""
            import openai
            def continuations(texts, model="davinci-002"):
                outs = []
                for text in texts:
                    r = openai.Completion.create(model=model, prompt=text, max_tokens=32, echo=True,  # expect: SEED009
                                                 temperature=1)
                    outs.append(r.choices[0].text)
                return outs
        """, note="the twin: it generates 32 tokens at temperature 1, once per text"),
        invalid({
            "settings.py": 'SETTINGS = {\n    "model": "llama-3.1-8b",\n    "temperature": 0.8,\n    "max_tokens": 16,\n}\n',
            "compare_prompts.py": """
                import litellm
                from settings import SETTINGS

                def ask(prompt):
                    r = litellm.completion(model=SETTINGS["model"], temperature=SETTINGS["temperature"],  # expect: SEED009
                                           messages=[{"role": "user", "content": prompt}])
                    return r.choices[0].message.content

                acc = {}
                for name, tmpl in VARIANTS.items():
                    acc[name] = sum(ask(tmpl.format(q=it["q"])) == it["a"] for it in items) / len(items)
            """,
        }, note="probe 12: the temperature is an entry of a module-level settings dict; prompt variants compared once per item"),
        valid({
            "settings.py": 'SETTINGS = {\n    "model": "llama-3.1-8b",\n    "temperature": 0.0,\n    "max_tokens": 16,\n}\n',
            "compare_prompts.py": """
                import litellm
                from settings import SETTINGS

                def ask(prompt):
                    r = litellm.completion(model=SETTINGS["model"], temperature=SETTINGS["temperature"],
                                           messages=[{"role": "user", "content": prompt}])
                    return r.choices[0].message.content

                acc = {}
                for name, tmpl in VARIANTS.items():
                    acc[name] = sum(ask(tmpl.format(q=it["q"])) == it["a"] for it in items) / len(items)
            """,
        }, note="the twin: the settings dict says temperature 0"),
        valid("""
            import random
            import openai

            def rewrite(text):
                r = openai.ChatCompletion.create(model="gpt-4", temperature=1, top_p=0.9,
                                                 messages=[{"role": "user", "content": f"Rewrite: {text}"}])
                return r["choices"][0]["message"]["content"]

            def mutate(population, rate=0.01):
                for i in range(len(population)):
                    if random.random() < rate:
                        population[i] = rewrite(population[i])
                return population
        """, note="held-out set 27: a search's random operator, applied by chance (`random.random() < rate`); "
                  "the varied candidates it makes are the method, no item is scored by one draw"),
        invalid("""
            import random
            import openai

            def rewrite(text):
                r = openai.ChatCompletion.create(model="gpt-4", temperature=1, top_p=0.9,  # expect: SEED009
                                                 messages=[{"role": "user", "content": f"Rewrite: {text}"}])
                return r["choices"][0]["message"]["content"]

            def mutate(population, rate=0.01):
                for i in range(len(population)):
                    if random.random() < rate:
                        population[i] = rewrite(population[i])
                return population

            def paraphrased_answers(questions):
                return [rewrite(q) for q in questions]
        """, note="the twin: the same call also runs once per question outside any chance gate"),
        invalid("""
            import random
            import openai

            def judge(first, second):
                r = openai.ChatCompletion.create(model="gpt-4", temperature=0.7,  # expect: SEED009
                                                 messages=[{"role": "user", "content": f"A: {first} B: {second}"}])
                return r["choices"][0]["message"]["content"]

            def compare(pairs):
                verdicts = []
                for a, b in pairs:
                    if random.random() < 0.5:
                        verdicts.append(judge(a, b))
                    else:
                        verdicts.append(judge(b, a))
                return verdicts
        """, note="near miss of the operator: a random order with an `else`; one judge call always runs per pair"),
    ]

    def leave_Assign(self, node: cst.Assign) -> None:
        """`params = SamplingParams(temperature=...)`: sampling settings kept in an object for later calls."""
        value = node.value
        if isinstance(value, cst.Call):
            # `agent = Agent(..., model_settings=ModelSettings(temperature=0.9))`: the agent's runs sample at its settings
            value = next((a.value for a in value.args if a.keyword is not None and a.keyword.value == "model_settings"
                          and isinstance(a.value, cst.Call)), value)
        if isinstance(value, cst.Call) and (self.qualified_name(value.func) or "").rsplit(".", 1)[-1] in _PARAMS_OBJECTS:
            for target in node.targets:
                if isinstance(target.target, (cst.Name, cst.Attribute)):
                    self.__dict__.setdefault("_params", {})[dotted(target.target)] = value

    def visit_Call(self, node: cst.Call) -> None:
        name = self.qualified_name(node.func)
        if not model_call(name, node) or any(a.star == "**" for a in node.args) or is_test_path(self.ctx.path):
            return
        direct = {**call_kwargs(node), **(http_body(node) or {})}  # a raw HTTP body's settings are the call's
        nested = settings_entries(direct)  # ollama's `options={"temperature": 0.8}`
        kwargs = {**nested, **direct}
        params = self._params_object(node)
        # a temperature set in a settings dict is reported where it is set (a call over many lines)
        anchor = nested["temperature"] if "temperature" in nested and "temperature" not in direct else node
        if params is not None:
            # The settings of a params object (vLLM `SamplingParams`, a `GenerationConfig`) are the
            # call's; the finding is at the object, where the temperature was chosen. A batched
            # call (`llm.generate(prompts, params)`) samples once per prompt.
            anchor, kwargs = params, {**call_kwargs(params), **{k: v for k, v in kwargs.items()
                                                                 if k not in ("sampling_params", "generation_config")}}
            if id(anchor) in self.__dict__.setdefault("_params_done", set()):
                return
        temperature = self._temperature(name, node, kwargs, params is not None)
        if temperature is None or _scores_only(kwargs):
            return
        seed = kwargs.get("seed")
        if seed is not None and not (isinstance(seed, cst.Name) and seed.value == "None") \
                and not isinstance(seed, (cst.Integer, cst.SimpleString)):
            return  # `seed=args.seed`: the draw is seeded per run, and the run is repeated by its seed
        repeat_setting = None  # `n=cfg.n_samples`: a configured sample count, judged by the configs' value
        for key in REPEAT_KWARGS:
            if key in kwargs:
                value = literal(self.ctx, kwargs[key])
                if value is UNKNOWN and isinstance(temperature, str) and isinstance(kwargs[key], cst.Attribute):
                    repeat_setting = kwargs[key].attr.value
                    continue
                if value is UNKNOWN or (isinstance(value, (int, float)) and value > 1):
                    return
        per_item, repeated = self._loops(node)
        per_item = per_item or (params is not None and _batched(node))
        if repeated or not per_item or _periodic(self.ctx.parents) or self._monitoring():
            return  # one sample outside a loop over items is a demo; `if step % 500 == 0:` a progress sample
        if self._chance_operator():
            return  # `if random.random() < rate: x = rewrite(x)`: a search's random operator, varied on purpose
        if self.ctx.memo.get("seed009.spread") is None:
            self.ctx.memo["seed009.spread"] = bool(_SPREAD.search(self.ctx.text) or _SEEDED_BY_SETTING.search(self.ctx.text))
        if self.ctx.memo["seed009.spread"]:
            return  # the spread is reported, or the sampler is seeded from a setting (`torch.manual_seed(seed)`)
        if self._seeded_before(node):
            return  # `torch.manual_seed(0)` in the function, before it samples: each call's draws repeat, on purpose
        if isinstance(temperature, str) and not _CONDITIONS.search(self.ctx.text):
            return  # a configured temperature is judged where conditions are compared
        call = dotted(node.func) if isinstance(node.func, (cst.Name, cst.Attribute)) else "the model call"
        if params is not None:
            self.__dict__["_params_done"].add(id(anchor))
            call = f"{call}` with `{dotted(params.func) if isinstance(params.func, (cst.Name, cst.Attribute)) else 'params'}(...)"
        if isinstance(temperature, str):
            if self.ctx.notebook is None:  # the repo phase reads the configs for its value
                pos = self.ctx.position(anchor)
                self.ctx.facts.setdefault(self.code, []).append(
                    {"line": self.ctx.line_of(anchor), "column": pos.start.column + 1 if pos else None,
                     "call": call, "temperature": temperature, "snippet": " ".join(self.ctx.code(anchor).split())[:200],
                     "context": self.ctx.scope_of(anchor), **({"repeat": repeat_setting} if repeat_setting else {})})
            return
        # Near-greedy sampling (0 < T <= 0.2): the draws barely differ from the greedy answer, and one
        # sample per item at such a temperature is how many benchmarks decode; the spread it adds is
        # small next to the differences reported. A question on the evidence, not a finding.
        ask = ({"ask": f"it samples at temperature {temperature:g}, near-greedy: one draw per item barely differs "
                       "from the greedy answer; is the spread it adds small next to the differences reported?"}
               if temperature <= NEAR_GREEDY else None)
        self.report(anchor, call=call, temperature=f"{temperature:g}", extra=ask)

    def _seeded_before(self, node: cst.Call) -> bool:
        """The function around the call seeds a generator (any value) on a line before it."""
        function = next((p for p in reversed(self.ctx.parents) if isinstance(p, cst.FunctionDef)), None)
        start, end = (self.ctx.position(function) if function is not None else None), self.ctx.position(node)
        if start is None or end is None:
            return False
        return bool(_SEEDS.search("\n".join(self.ctx.lines[start.start.line - 1:end.start.line - 1])))

    def _params_object(self, node: cst.Call) -> cst.Call | None:
        """The `SamplingParams(...)` / `GenerationConfig(...)` a model call is given, inline or by name."""
        known = self.__dict__.get("_params", {})
        for arg in node.args:
            value = arg.value
            if isinstance(value, cst.Call) and (self.qualified_name(value.func) or "").rsplit(".", 1)[-1] in _PARAMS_OBJECTS:
                return value
            if isinstance(value, (cst.Name, cst.Attribute)) and dotted(value) in known:
                return known[dotted(value)]
        return None

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        """A configured temperature is reported when a config file of the repo sets it above 0."""
        sites = sorted(repo.facts(cls.code))
        if not sites:
            return
        values = [v for v in _configured_temperatures(repo) if v > 0]
        if not values:
            return  # set to 0 in the configs, or given only on the command line: not known to sample
        for path, found in sites:
            for site in found:
                if site.get("repeat"):
                    counts = _configured_values(repo, site["repeat"])
                    if not counts or max(counts) > 1:
                        continue  # the configs ask for several samples per item, or do not say
                message = (f"`{site['call']}` samples at the configured temperature `{site['temperature']}` (a config "
                           f"of the repo sets {max(values):g}) once per item, and the file compares conditions with "
                           "no repeated samples, seeds or spread: a difference may be one unrepeatable draw per item")
                repo.report(cls, path, site["line"], call=site["call"], temperature=site["temperature"],
                            message=message, column=site["column"], snippet=site["snippet"], context=site["context"])

    def _temperature(self, name: str | None, node: cst.Call, kwargs: dict[str, cst.BaseExpression],
                     from_params: bool = False) -> float | str | None:
        """The sampling temperature, when known to be above 0; the code of a configured one
        (`cfg["temperature"]`, `self.config.temperature`) whose value the code does not show; else None."""
        if from_params and "temperature" in kwargs and "do_sample" not in kwargs:
            value: Any = literal(self.ctx, kwargs["temperature"])
        elif "do_sample" in kwargs:
            if literal(self.ctx, kwargs["do_sample"]) is not True:
                return None
            value = literal(self.ctx, kwargs["temperature"]) if "temperature" in kwargs else 1.0
        elif "temperature" in kwargs and not (_method(node) == "generate" and kwargs.keys() & _LOCAL_GENERATE_KWARGS):
            value = literal(self.ctx, kwargs["temperature"])
        elif "max_new_tokens" in kwargs or (isinstance(node.func, cst.Attribute) and node.func.attr.value == "generate"):
            return None  # local generation without do_sample is greedy unless a generation config says not
        else:
            # No temperature given: the provider's default (1.0 for most APIs) samples, but a
            # single default pass is how most evaluations run, and flagging every such call would
            # bury the deliberate sampling choices this rule is for. Left alone.
            return None
        if value is UNKNOWN and "temperature" in kwargs and _configured(kwargs["temperature"]):
            return " ".join(self.ctx.code(kwargs["temperature"]).split())
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            return None
        return float(value)

    def _monitoring(self) -> bool:
        """The enclosing function is called in this file, and only every N steps or once per epoch of a
        training loop (`if step % eval_interval == 0: log(self.eval())`, `for epoch in ...: self.eval()`):
        an evaluation that watches training; the reported numbers come from a final evaluation."""
        function = self.ctx.names.function
        if function is None:
            return False
        sites = _periodic_sites(self.ctx).get(function.name.value)
        return bool(sites) and all(sites)

    def _chance_operator(self) -> bool:
        """The call runs only by chance: under `if random.random() < rate:` itself, or in a function every call
        of which in the file is (a genetic search's mutation operator, an augmentation applied with
        probability p). Its draws are the variation the method asks for; no item is scored by one draw."""
        parents = self.ctx.parents
        if any(_chance_gate(parent) and i + 1 < len(parents) and parents[i + 1] is parent.body
               for i, parent in enumerate(parents)):
            return True
        function = self.ctx.names.function
        if function is None:
            return False
        gates = _chance_sites(self.ctx).get(function.name.value)
        return bool(gates) and all(gates)

    def _loops(self, node: cst.Call) -> tuple[bool, bool]:
        """(runs once per item in a loop, runs inside a loop over samples/seeds/runs)."""
        per_item = repeated = False
        for parent in self.ctx.parents:
            kind = "repeat" if _sweeps_sampling(parent, node) else _loop_kind(parent)
            if kind == "repeat":
                repeated = True
            elif kind == "item":
                per_item = True
        function = self.ctx.names.function
        if function is not None:
            for in_loop, in_repeat in _call_sites(self.ctx).get(function.name.value, ()):
                per_item = per_item or in_loop
                repeated = repeated or in_repeat
        return per_item, repeated


# At or below this temperature sampling is near-greedy: a single draw per item is a question, not a finding
# (held-out set 17: LongBench's temperature-0.1 answers, judged debatable twice).
NEAR_GREEDY = 0.2
# Objects that carry sampling settings to a later model call (vLLM, transformers, SGLang).
_PARAMS_OBJECTS = frozenset({"SamplingParams", "GenerationConfig", "ModelSettings"})  # ModelSettings: the OpenAI Agents SDK


def _batched(node: cst.Call) -> bool:
    """`llm.generate(prompts, params)`: a batch call over a list of prompts samples once per item."""
    first = next((a.value for a in node.args if a.keyword is None and not a.star), None)
    if isinstance(first, (cst.ListComp, cst.List, cst.GeneratorExp)):
        return True
    return isinstance(first, (cst.Name, cst.Attribute)) and (dotted(first) or "").endswith("s")


# Keywords of a local (transformers) `generate`: without `do_sample=True` it decodes greedily or by
# beam search, and a `temperature=` passed to it is unused.
_LOCAL_GENERATE_KWARGS = frozenset({"num_beams", "max_length", "max_new_tokens", "input_ids", "attention_mask",
                                    "pad_token_id", "eos_token_id", "early_stopping", "generation_config"})


# A loop over the conditions an experiment compares (models, prompt variants, personas, arms).
_CONDITIONS = re.compile(r"\bfor\s+[\w, ()]+\s+in\s+[\w.\[\]\"'(]*?(conditions?|models?|variants?|personas?|arms?|"
                         r"treatments?|settings?|prompt_types?|strateg(?:y|ies)|framings?|methods?|styles?|templates?)\b",
                         re.IGNORECASE)  # `for style, tmpl in STYLES.items()`: prompt styles compared (probe8)


_CONFIG_KINDS = (".yaml", ".yml", ".json", ".toml", ".cfg", ".ini")


def _configured_temperatures(repo: RepoContext) -> list[float]:
    """The temperatures the repo's small config files set (`temperature: 0.7`), or a config class's
    field default (`temperature: float = 0.8` of a dataclass)."""
    return _configured_values(repo, "temperature")


def _configured_values(repo: RepoContext, key: str) -> list[float]:
    """The numbers the repo's small config files give `key` (`key: 0.7`, `"key": 1`), and the
    defaults of config-class fields of that name in Python files (`key: int = 1`)."""
    in_config = re.compile(rf"""["']?{re.escape(key)}["']?\s*[:=]\s*([0-9]*\.?[0-9]+)""")
    in_class = re.compile(rf"^\s+{re.escape(key)}\s*:\s*(?:float|int)\s*=\s*([0-9]*\.?[0-9]+)\s*(?:#.*)?$"
                          # or an entry of a settings dict on its own line (`SETTINGS = {... "key": 0.8, ...}`)
                          rf"|^\s+[\"']{re.escape(key)}[\"']\s*:\s*([0-9]*\.?[0-9]+)\s*,?\s*(?:#.*)?$", re.M)
    found: list[float] = []
    seen = {in_config: 0, in_class: 0}
    for dirpath, dirnames, filenames in os.walk(repo.root):  # (YAML and TOML are not scanned files)
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d not in ("node_modules", "__pycache__")]
        for name in filenames:
            path = os.path.join(dirpath, name)
            pattern = in_config if name.endswith(_CONFIG_KINDS) else in_class if name.endswith(".py") else None
            if pattern is None or seen[pattern] > 2000 or os.path.getsize(path) > 64_000:
                continue
            seen[pattern] += 1
            with open(path, encoding="utf-8", errors="replace") as handle:
                found.extend(float(next(g for g in m.groups() if g)) for m in pattern.finditer(handle.read()))
    return found


def _configured(expr: cst.BaseExpression) -> bool:
    """`cfg["temperature"]`, `self.config.temperature`, `args.temp`: a value read from a config."""
    if isinstance(expr, cst.Attribute):
        return "temp" in expr.attr.value.lower()
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        key = expr.slice[0].slice.value
        return isinstance(key, cst.SimpleString) and "temp" in key.value.lower()
    return False


def _periodic(parents: list[cst.CSTNode]) -> bool:
    """Inside `if step % 500 == 0:`: a sample shown every N steps to watch training, not a result."""
    return any(_every_n(parent) for parent in parents)


def _every_n(node: cst.CSTNode) -> bool:
    """`if ... % N ...:`: a block that runs every N steps."""
    return isinstance(node, cst.If) and any(isinstance(n, cst.BinaryOperation) and isinstance(n.operator, cst.Modulo)
                                            for n in iter_nodes(node.test))


def _method(node: cst.Call) -> str | None:
    return node.func.attr.value if isinstance(node.func, cst.Attribute) else None


def _loop_kind(node: cst.CSTNode) -> str | None:
    """"repeat" for a loop over samples, seeds or runs; "item" for another loop; None if no loop."""
    if isinstance(node, (cst.For, cst.CompFor)):
        words = _words(node.target) | _words(node.iter)
        if words & _RETRY_WORDS:
            return None
        if isinstance(node.iter, cst.Call) and isinstance(node.iter.func, cst.Name) and node.iter.func.value == "range":
            bound = set().union(*(_words(a.value) for a in node.iter.args)) if node.iter.args else set()
            if (bound | _words(node.target)) & _REPEAT_WORDS:
                return "repeat"
            if _words(node.target) <= {"_"} and not bound & {"len"}:
                return "repeat"  # `for _ in range(5)`: the same thing five times
            if "per" in bound and not bound & {"len"}:
                return "repeat"  # `range(num_questions_per_sent)`: several draws for each item
            if isinstance(node, cst.For) and _unread_counter(node) and not bound & {"len"}:
                return "repeat"  # `for q_ in range(k):` whose body never reads `q_` nor takes `next(...)`
            return "item"
        return "repeat" if (words - {"k"}) & _REPEAT_WORDS else "item"
    if isinstance(node, (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)):
        return _loop_kind(node.for_in) or "item"
    return None  # `while True:` is a retry or polling loop far more often than a loop over items


_SAMPLING_KWARGS = frozenset({"temperature", "top_p", "top_k", "typical_p", "min_p"})


def _sweeps_sampling(loop: cst.CSTNode, call: cst.Call) -> bool:
    """`for p in top_ps: model.generate(..., top_p=p)`: the loop walks the call's own sampling setting,
    so each item is drawn several times, at settings chosen to differ (held-out set 24)."""
    if not isinstance(loop, cst.For):
        return False
    bound = {n.value for n in iter_nodes(loop.target) if isinstance(n, cst.Name)}
    return any(a.keyword is not None and a.keyword.value in _SAMPLING_KWARGS and isinstance(a.value, cst.Name)
               and a.value.value in bound for a in call.args)


def _unread_counter(node: cst.For) -> bool:
    """The loop's counter is a plain name its body never reads, and the body takes no next item
    (`next(it)`): each pass does the same thing again, a repeat, not a pass over items."""
    if not isinstance(node.target, cst.Name):
        return False
    name = node.target.value
    for inner in iter_nodes(node.body):
        if isinstance(inner, cst.Name) and inner.value == name:
            return False
        if isinstance(inner, cst.Call) and isinstance(inner.func, cst.Name) and inner.func.value == "next":
            return False
    return True


def _scores_only(kwargs: dict[str, cst.BaseExpression]) -> bool:
    """`echo=True` with `max_tokens=0`: the call returns the log-probabilities of the text it is given
    and generates nothing, so its temperature changes no number."""
    echo, most = kwargs.get("echo"), kwargs.get("max_tokens")
    return (isinstance(echo, cst.Name) and echo.value == "True" and isinstance(most, cst.Integer)
            and most.evaluated_value == 0)


def _words(node: cst.CSTNode) -> set[str]:
    words: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name):
            words.update(_WORD.findall(current.value.lower()))
            if current.value == "_":
                words.add("_")
        elif isinstance(current, cst.Attribute):
            words.update(_WORD.findall(current.attr.value.lower()))
            stack.append(current.value)
            continue
        stack.extend(iter_children(current))
    return words


# Loop words of a training loop's passes: a call in such a loop runs once per epoch or step.
_TRAINING_PASS_WORDS = frozenset({"epoch", "epochs", "step", "steps", "iteration", "iterations", "update", "updates"})


def _periodic_sites(ctx: Any) -> dict[str, list[bool]]:
    """For each function name called in the file, bare or as `self.name(...)`: per call site, whether it
    runs periodically (under `if ... % N ...:` or in a loop over epochs or steps)."""
    sites = ctx.memo.get("seed009.periodic")
    if sites is not None:
        return sites
    sites = {}
    stack: list[tuple[cst.CSTNode, bool]] = [(ctx.module, False)]
    while stack:
        node, periodic = stack.pop()
        if _every_n(node):
            periodic = True
        elif isinstance(node, cst.For) and _words(node.target) & _TRAINING_PASS_WORDS:
            periodic = True
        elif isinstance(node, cst.Call):
            func = node.func
            if isinstance(func, cst.Attribute) and (func.attr.value in ("add_scalar", "add_scalars") or (
                    func.attr.value in ("log", "log_metrics", "log_dict") and any(
                        a.keyword is not None and a.keyword.value in ("step", "global_step") for a in node.args))):
                periodic = True  # `logger.log(self.eval(), step=0)`: a point of a training curve
            if isinstance(func, cst.Name):
                sites.setdefault(func.value, []).append(periodic)
            elif isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == "self":
                sites.setdefault(func.attr.value, []).append(periodic)
        for child in iter_children(node):
            stack.append((child, periodic))
    ctx.memo["seed009.periodic"] = sites
    return sites


# Draws of one uniform number: `random.random()`, `np.random.rand()`, `rng.uniform()`, `torch.rand(1)`.
_UNIFORM_DRAWS = frozenset({"random", "rand", "uniform"})


def _chance_gate(node: cst.CSTNode) -> bool:
    """`if random.random() < rate:` (either side, any comparison) with no `else`: a block that runs with a
    probability. With an `else` one branch always runs (a judge asked in a random order), which is no operator."""
    if not isinstance(node, cst.If) or node.orelse is not None:
        return False
    for inner in iter_nodes(node.test):
        if isinstance(inner, cst.Comparison):
            for side in (inner.left, *(c.comparator for c in inner.comparisons)):
                if isinstance(side, cst.Call) and isinstance(side.func, (cst.Name, cst.Attribute)) \
                        and (dotted(side.func) or "").rsplit(".", 1)[-1] in _UNIFORM_DRAWS:
                    return True
    return False


def _chance_sites(ctx: Any) -> dict[str, list[bool]]:
    """For each function name called in the file, bare or as `self.name(...)`: per call site, whether it runs
    under a chance gate (`if random.random() < rate:`)."""
    sites = ctx.memo.get("seed009.chance")
    if sites is not None:
        return sites
    sites = {}
    stack: list[tuple[cst.CSTNode, bool]] = [(ctx.module, False)]
    while stack:
        node, gated = stack.pop()
        if _chance_gate(node):
            stack.append((node.body, True))  # the test itself runs every time
            stack.append((node.test, gated))
            continue
        if isinstance(node, cst.Call):
            func = node.func
            if isinstance(func, cst.Name):
                sites.setdefault(func.value, []).append(gated)
            elif isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == "self":
                sites.setdefault(func.attr.value, []).append(gated)
        for child in iter_children(node):
            stack.append((child, gated))
    ctx.memo["seed009.chance"] = sites
    return sites


def _call_sites(ctx: Any) -> dict[str, list[tuple[bool, bool]]]:
    """For each bare function name called in the file: (in a loop, in a repeat loop) per call site."""
    sites = ctx.memo.get("seed009.sites")
    if sites is not None:
        return sites
    sites = {}
    stack: list[tuple[cst.CSTNode, bool, bool]] = [(ctx.module, False, False)]
    while stack:
        node, in_loop, in_repeat = stack.pop()
        kind = _loop_kind(node)
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
            sites.setdefault(node.func.value, []).append((in_loop, in_repeat))
        child_loop = in_loop or kind == "item"
        child_repeat = in_repeat or kind == "repeat"
        for child in iter_children(node):
            stack.append((child, child_loop, child_repeat))
    ctx.memo["seed009.sites"] = sites
    return sites
