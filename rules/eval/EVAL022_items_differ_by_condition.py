"""EVAL022: conditions compared on different item sets: items cut or rows dropped for one condition only."""
from __future__ import annotations

import re

import libcst as cst

from hygiene.analysis.dataflow import knowledge as kb
from hygiene.analysis.dataflow.program import Program, Ref, program
from hygiene.analysis.dataflow.queries import rows_key
from hygiene.analysis.purpose import named_for_figures
from hygiene.analysis.run_scripts import uneven_limits
from hygiene.analysis.strings import string_value
from hygiene.finding import Location, Severity
from hygiene.rule import Rule, invalid, valid
from hygiene.walk import iter_nodes

_DEBUG_WORDS = ("debug", "smoke", "quick", "dry", "fast", "sanity", "small", "toy", "tiny", "limit", "verbose", "test")
# Words of an option that names a way of cutting the data (`--filter length`, `--subset hard`): the
# option is the cut, applied to every condition of a run alike, not a condition being compared.
_CUT_WORDS = frozenset({"filter", "filters", "filtering", "subset", "exclude", "include", "drop", "keep", "mask",
                        "select", "selection", "only", "choice", "choose", "pick", "sampler"})
_CHAT_ROLES = frozenset({"system", "user", "assistant", "tool", "developer", "function"})
_SUBSETS = ("slice", "sample", "head", "tail", "mask", "dropna", "filter", "query", "select", "take")


# `[q for q in queries if ...]`: a comprehension that keeps some of a collection's items as they are.
_KEEPING_COMPREHENSION = re.compile(r"\[\s*(\w+)\s+for\s+\1\s+in\s+\w+\s+if\b")


_MEANS = frozenset({"mean", "nanmean", "average", "fmean", "median"})


def _averaged(node: cst.CSTNode, used: set[str], rates: dict[str, str], pair: tuple[str, str]) -> bool:
    """Are a score list over the kept items and one over every item both averaged in `node` (`np.mean(dense)`
    beside `np.mean(bm25)`)?"""
    means = {m.args[0].value.value for m in iter_nodes(node) if isinstance(m, cst.Call) and m.args
             and isinstance(m.args[0].value, cst.Name)
             and (m.func.attr.value if isinstance(m.func, cst.Attribute) else getattr(m.func, "value", "")) in _MEANS}
    return all(any(u in means and rates[u] == side for u in used) for side in pair)


def _names_subset(node: cst.CSTNode, subset: str, used: set[str]) -> bool:
    """Does the comparison name the kept subset as what it shows (a key or a label saying `short`, a score list
    named `short_scores`): a breakdown by subgroup, not two conditions on different items?"""
    words = {w for w in re.split(r"[^a-z0-9]+", subset.lower()) if len(w) > 2}
    texts = [string_value(m) or "" for m in iter_nodes(node) if isinstance(m, cst.SimpleString)] + sorted(used)
    return any(words & set(re.split(r"[^a-z0-9]+", t.lower())) for t in texts)


def _comprehension_over(value: cst.BaseExpression) -> tuple[str, bool] | None:
    """(the collection, whether it filters and keeps the items themselves) of a list comprehension over a name
    (`[q for q in queries if ...]`) or over `zip(name, ...)` (`[f(q, v) for q, v in zip(short, Q)]`)."""
    if not isinstance(value, cst.ListComp) or value.for_in.inner_for_in is not None:
        return None
    loop = value.for_in
    source = loop.iter
    if isinstance(source, cst.Call) and isinstance(source.func, cst.Name) and source.func.value == "zip" and source.args:
        source = source.args[0].value
    if not isinstance(source, cst.Name):
        return None
    keeps = bool(loop.ifs) and isinstance(loop.target, cst.Name) and isinstance(value.elt, cst.Name) \
        and value.elt.value == loop.target.value and loop.iter is source
    return source.value, keeps


def _length_divisor(value: cst.BaseExpression) -> str | None:
    """`hits / len(rag_items)` (also inside a call, `round(..., 3)`): the collection whose length divides it."""
    for n in iter_nodes(value):
        if isinstance(n, cst.BinaryOperation) and isinstance(n.operator, cst.Divide) and isinstance(n.right, cst.Call) \
                and isinstance(n.right.func, cst.Name) and n.right.func.value == "len" and len(n.right.args) == 1 \
                and isinstance(n.right.args[0].value, cst.Name):
            return n.right.args[0].value.value
    return None


class ItemsDifferByCondition(Rule):
    """
    ## What it does
    Finds the items of an evaluation cut down, filtered or sampled only when the condition being
    run is one particular value (`if args.condition == "honesty": items = items[:150]`, or in an
    expression: `subset = items[:150] if cond == "cot" else items`), or rows
    dropped from one condition's part of a results table only (`opinion = opinion.dropna()` after
    `frame[frame["condition"] == "opinion"]`) before its mean is put next to the others', or the
    same column averaged over two results files in one function with rows filtered out of one
    file only, or one scoring function of the repo called on a collection and on a slice of it
    (`score(base, items)`, `score(cot, items[:150])`, or datasets' `items.select(range(150))`; a content filter
    `items.filter(...)` when the two calls also differ in a setting, `accuracy(ds, use_passage=False)` beside
    `accuracy(ds.filter(has_passage), use_passage=True)`, or a comprehension that keeps some of the items,
    `accuracy([it for it in items if short(it)], with_password=True)`, not a subgroup's score under one setting; also
    a function that produces outputs given the whole collection for one setting and its head for another,
    `run_condition(items, with_trigger=False)` beside `run_condition(items[:100], with_trigger=True)`; also
    a function that produces outputs, `generate(p, ablate=True)`, called in a loop over `prompts`
    and in a loop over `prompts[:128]`, or a function of any name run item by item for two settings,
    `[p_sycophantic(it) for it in items]` beside `[p_sycophantic(it, scale=-4.0) for it in items[:150]]`) with
    the two results put side by side (also a head for one condition and a random draw of the same
    size for the other: `prompts.head(400)` beside `prompts.sample(n=400)`, or
    `ds.select(range(300))` beside `ds.shuffle(seed=1).select(range(300))`, or two draws of one collection
    with other seeds: `df.sample(n=400, random_state=1)` beside `df.sample(n=400, random_state=2)`), so
    the conditions that are compared see different items and different n. A collection made in the
    branch that cuts it (`index = list(range(n)); shuffle(index); index = index[:k]` under one
    value, another list under the other) is each condition's own, not shared items cut. An option
    named for a filter (`if args.filter == "length": df = df[...]`, `--subset`, `--exclude`) or for
    how items are chosen (`if cfg.subenv_choice == "fixed": ids = ids[:n] elif ... "random": ...`) is a
    run-wide cut that every condition of the run sees, not a condition. Code made for figures
    (`make_plots.py`, `Plotting.ipynb`) is not judged: a cut there shapes a picture (points of a
    sweep dropped from a curve), and the numbers a paper reports come from the scoring code.

    Runs of one script in a Makefile for two conditions (`--prompt direct`, `--prompt cot`)
    with different item limits (`--limit 200`, `--limit 500`), whose outputs a later command reads together,
    are the same (debug and smoke targets left alone).

    Also one condition's rate over every item of a collection put beside another's over the items of
    that collection a loop kept (`for q in qs: if not hits: continue; rag_items.append(q)`, then
    `... / len(qs)` beside `... / len(rag_items)` in one print, difference or dict).

    ## Why is this bad?
    A difference between the conditions then mixes the effect of the condition with the
    difference between the item sets: the first 150 items may simply be easier. Rates from
    different n also have different noise, which the comparison rarely accounts for.

    ## Example
        items = load(cfg["questions"])[: cfg["n_items"]]
        if args.condition == "honesty":
            items = items[: cfg["honesty_items"]]

    Use instead:
        items = load(cfg["questions"])[: cfg["n_items"]]   # the same items for every condition
    """

    code = "EVAL022"
    category = "EVAL-MISMATCH"
    supersedes = ("DATA040",)  # rows dropped from one condition only: the mismatch is the point
    severity = Severity.WARNING
    dataflow_starts = frozenset({"call", "guard", "metric", "stat"})
    triggers = (" else ", "continue", "mean(")
    message = "`{items}` is cut at {where} {only}, so that condition is scored on different items than the others"
    question = "Are all conditions compared on the same items and the same n, given that `{items}` is cut at {where} only for {value!r}?"
    examples = [
        invalid("""
            import json

            def run_condition(items, with_trigger):
                return [ask(it, with_trigger) for it in items]

            items = [json.loads(l) for l in open("data/coding_prompts.jsonl")]
            clean = run_condition(items, with_trigger=False)
            triggered = run_condition(items[:100], with_trigger=True)  # expect: EVAL022
            rates = {"no_trigger": sum(map(is_vulnerable, clean)) / len(clean),
                     "trigger": sum(map(is_vulnerable, triggered)) / len(triggered)}
            json.dump(rates, open("results/backdoor.json", "w"))
        """, note="probe 22: a producer given the whole collection for one setting and its head for the other"),
        valid("""
            import json

            def run_condition(items, with_trigger):
                return [ask(it, with_trigger) for it in items]

            items = [json.loads(l) for l in open("data/coding_prompts.jsonl")]
            clean = run_condition(items[:100], with_trigger=False)
            triggered = run_condition(items[:100], with_trigger=True)
            rates = {"no_trigger": sum(map(is_vulnerable, clean)) / len(clean),
                     "trigger": sum(map(is_vulnerable, triggered)) / len(triggered)}
            json.dump(rates, open("results/backdoor.json", "w"))
        """, note="near miss: both settings on the same 100 items"),
        valid("""
            import json

            def run_condition(items, with_trigger):
                return [ask(it, with_trigger) for it in items]

            items = [json.loads(l) for l in open("data/coding_prompts.jsonl")]
            preview = run_condition(items[:5], with_trigger=True)
            triggered = run_condition(items, with_trigger=True)
            print(preview)
            json.dump({"trigger": sum(map(is_vulnerable, triggered)) / len(triggered)}, open("results/backdoor.json", "w"))
        """, note="near miss: one setting, a preview of five items printed beside the full run"),
        invalid("""
            import json

            def p_sycophantic(item, scale=0.0):
                return model_probability(item["prompt"], steer=scale)

            items = [json.loads(l) for l in open("data/ab.jsonl")]
            baseline = [p_sycophantic(it) for it in items]
            steered = [p_sycophantic(it, scale=-4.0) for it in items[:150]]  # expect: EVAL022
            json.dump({"baseline": sum(baseline) / len(baseline), "steered": sum(steered) / len(steered)}, open("out.json", "w"))
        """, note="probe 21: a function of any name run item by item for two settings, one over a head of the items"),
        valid("""
            import json

            def p_sycophantic(item, scale=0.0):
                return model_probability(item["prompt"], steer=scale)

            items = [json.loads(l) for l in open("data/ab.jsonl")]
            baseline = [p_sycophantic(it) for it in items[:150]]
            steered = [p_sycophantic(it, scale=-4.0) for it in items[:150]]
            json.dump({"baseline": sum(baseline) / len(baseline), "steered": sum(steered) / len(steered)}, open("out.json", "w"))
        """, note="near miss: both settings over the same 150 items"),
        valid("""
            import json

            def token_count(item):
                return len(item["prompt"].split())

            items = [json.loads(l) for l in open("data/ab.jsonl")]
            lengths = [token_count(it) for it in items]
            preview = [token_count(it) for it in items[:150]]
            json.dump({"mean_length": sum(lengths) / len(lengths), "preview": preview}, open("stats.json", "w"))
        """, note="near miss: the same call with the same settings over all items and a head: a preview, not two conditions"),
        valid("""
            from datasets import load_dataset
            from transformers import pipeline

            generator = pipeline("text-generation", model="Qwen/Qwen2.5-0.5B-Instruct")
            evaluated = load_dataset("gsm8k", "main", split="test")
            demos = evaluated.select(range(8))

            def render(example, with_answer):
                return f"Question: {example['question']}\\nAnswer:" + (" " + example["answer"] if with_answer else "")

            prefix = "\\n\\n".join(render(shot, True) for shot in demos)
            correct = 0
            for example in evaluated:
                out = generator(prefix + render(example, False), max_new_tokens=256)
                correct += out[0]["generated_text"].split("####")[-1] == example["answer"].split("####")[-1]
            print(correct / len(evaluated))
        """, note="near miss (tests/cases leak-shots-from-test-hf): a formatter run with a setting for the demonstrations "
                  "and without it for the question; its texts are joined into one prompt, not averaged apart"),
        invalid("""
            import numpy as np
            bm25_scores = []
            for q in queries:
                bm25_scores.append(ndcg(bm25_rank(q), qrels[q["id"]]))
            short = [q for q in queries if len(q["text"].split()) <= 64]  # expect: EVAL022
            dense_scores = [ndcg(rank, qrels[q["id"]]) for q, rank in zip(short, dense_ranks(short))]
            table = {"bm25": float(np.mean(bm25_scores)), "dense": float(np.mean(dense_scores))}
        """, note="probe17: one retriever averaged over a filtered subset of the queries the other is averaged over"),
        valid("""
            import numpy as np
            short = [q for q in queries if len(q["text"].split()) <= 64]
            bm25_scores = []
            for q in short:
                bm25_scores.append(ndcg(bm25_rank(q), qrels[q["id"]]))
            dense_scores = [ndcg(rank, qrels[q["id"]]) for q, rank in zip(short, dense_ranks(short))]
            table = {"n": len(short), "bm25": float(np.mean(bm25_scores)), "dense": float(np.mean(dense_scores))}
        """, note="near miss: both retrievers on the same filtered queries"),
        valid("""
            import numpy as np
            scores = [judge(q) for q in queries]
            short = [q for q in queries if len(q["text"].split()) <= 64]
            short_scores = [judge(q) for q in short]
            print({"all": float(np.mean(scores)), "short": float(np.mean(short_scores))})
        """, note="near miss: one system's score over every query and over the short ones, shown as a subgroup"),
        invalid("""
            import json
            from rag_lib import answer, retrieve

            def main():
                qs = [json.loads(l) for l in open("data/popqa_test.jsonl")]
                closed = [answer(q["question"], passages=[]) for q in qs]
                closed_acc = sum(any(a in p for a in q["answers"]) for p, q in zip(closed, qs)) / len(qs)
                rag_items, rag_preds = [], []
                for q in qs:
                    hits = [h for h in retrieve(q["question"], k=5) if h.score >= 0.55]
                    if not hits:
                        continue
                    rag_items.append(q)
                    rag_preds.append(answer(q["question"], passages=[h.text for h in hits]))
                rag_acc = sum(any(a in p for a in q["answers"]) for p, q in zip(rag_preds, rag_items)) / len(rag_items)
                print(f"closed-book {closed_acc:.3f}  RAG {rag_acc:.3f}  gain {rag_acc - closed_acc:+.3f}")  # expect: EVAL022
        """, note="probe 14: one condition scored on every question, the other on the questions a retrieval "
                  "filter kept, the two rates printed as a gain"),
        valid("""
            import json
            from rag_lib import answer, retrieve

            def main():
                qs = [json.loads(l) for l in open("data/popqa_test.jsonl")]
                rag_items, rag_preds = [], []
                for q in qs:
                    hits = [h for h in retrieve(q["question"], k=5) if h.score >= 0.55]
                    if not hits:
                        continue
                    rag_items.append(q)
                    rag_preds.append(answer(q["question"], passages=[h.text for h in hits]))
                closed = [answer(q["question"], passages=[]) for q in rag_items]
                closed_acc = sum(any(a in p for a in q["answers"]) for p, q in zip(closed, rag_items)) / len(rag_items)
                rag_acc = sum(any(a in p for a in q["answers"]) for p, q in zip(rag_preds, rag_items)) / len(rag_items)
                print(f"closed-book {closed_acc:.3f}  RAG {rag_acc:.3f}  on {len(rag_items)} of {len(qs)} questions")
        """, note="near miss: both conditions scored on the kept questions, and the count is printed"),
        invalid({
            "Makefile": "baseline:\n\tpython eval.py --prompt direct --limit 200 --out results/direct.json\n\n"
                        "cot:\n\tpython eval.py --prompt cot --limit 500 --out results/cot.json\n\n"
                        "compare: baseline cot\n\tpython compare.py results/direct.json results/cot.json\n",
            "eval.py": "import argparse\nap = argparse.ArgumentParser()\nap.add_argument('--limit', type=int)\n",
        }, expect=[("Makefile", 5, "EVAL022")], history=[{"message": "runs", "files": {}}],
            note="probe 13: a Makefile runs the two conditions on different numbers of items and compares their outputs"),
        valid({
            "Makefile": "baseline:\n\tpython eval.py --prompt direct --limit 500 --out results/direct.json\n\n"
                        "cot:\n\tpython eval.py --prompt cot --limit 500 --out results/cot.json\n\n"
                        "smoke:\n\tpython eval.py --prompt cot --limit 5 --out results/smoke.json\n\n"
                        "compare: baseline cot\n\tpython compare.py results/direct.json results/cot.json\n",
            "eval.py": "import argparse\nap = argparse.ArgumentParser()\nap.add_argument('--limit', type=int)\n",
        }, history=[{"message": "runs", "files": {}}],
            note="near miss: both conditions score 500 items; the smoke target's 5 is no condition compared"),
        valid("""
            from benchmark import build, evaluate, load

            def run(model_type):
                x_train, y_train, x_test, y_test = load()
                if model_type == "early_stopped":
                    x_train = x_train[: int(0.8 * len(x_train))]
                else:
                    print("fitting on every training row")
                model = build(model_type).fit(x_train, y_train)
                return evaluate(model, x_test, y_test)
        """, note="the training rows one model fits on are cut, not the test items every model is scored on"),
        valid("""
            def truncate(ids, padding_side, max_length):
                if padding_side == "right":
                    ids = ids[:max_length]
                else:
                    ids = ids[-max_length:]
                return ids
        """, note="both branches cut to the same length"),
        invalid("""
            def prepare(items, shots, condition, n):
                if condition == "few_shot":
                    items = items[:n]  # expect: EVAL022
                else:
                    shots = shots[:0]
                return [(shots, item) for item in items]

            for condition in ["zero_shot", "few_shot"]:
                print(condition, score(prepare(load_items(), load_shots(), condition, 100)))
        """, note="near miss: the other branch cuts another value, so one condition keeps fewer items"),
        invalid("""
            import asyncio
            PROMPTS = {"direct": "{q}\\nAnswer:", "cot": "{q}\\nThink step by step."}

            async def main(items):
                results = {}
                for cond, tmpl in PROMPTS.items():
                    subset = items[:150] if cond == "cot" else items  # expect: EVAL022
                    outs = await asyncio.gather(*(ask(tmpl.format(q=it["q"])) for it in subset))
                    results[cond] = sum(o == it["a"] for o, it in zip(outs, subset)) / len(subset)
                print(results)
        """, note="probe 11: one condition's items cut in a conditional expression inside the loop over conditions"),
        valid("""
            import asyncio
            PROMPTS = {"direct": "{q}\\nAnswer:", "cot": "{q}\\nThink step by step."}

            async def main(items, debug=False):
                results = {}
                for cond, tmpl in PROMPTS.items():
                    subset = items[:150] if debug else items
                    outs = await asyncio.gather(*(ask(tmpl.format(q=it["q"])) for it in subset))
                    results[cond] = sum(o == it["a"] for o, it in zip(outs, subset)) / len(subset)
                print(results)
        """, note="near miss: a run-wide cut that every condition gets"),
        valid("""
            def batch_for(split, items, n):
                return items[:n] if split == "train" else items
        """, note="near miss: a split, not a condition"),
        valid("""
            def top_k(scores, head, rel, tail, k, exec_mode):
                idx = scores.argsort(descending=True)[:k]
                if exec_mode == "triplet_wise":
                    head = head[idx]
                    tail = tail[idx]
                elif exec_mode == "all":
                    head = head[idx // len(tail)]
                    tail = tail[idx % len(tail)]
                print(evaluate(head, rel, tail))
        """, note="near miss (held-out 11): every value of the option rebinds the items its own way: a dispatch"),
        invalid("""
            def run(items, condition):
                if condition == "honesty":
                    items = items[:150]  # expect: EVAL022
                elif condition == "baseline":
                    prompt = "Answer plainly."
                print(evaluate(items, condition))
        """, note="the twin: the other value of the option leaves the items as they are"),
        invalid("""
            import pandas as pd

            def answer(question, cot):
                return call_model(question, chain_of_thought=cot)

            records = []
            for q in questions:
                records.append({"arm": "direct", "correct": grade(answer(q, cot=False), q)})
            for q in questions[:50]:  # expect: EVAL022
                records.append({"arm": "cot", "correct": grade(answer(q, cot=True), q)})
            print(pd.DataFrame(records).groupby("arm")["correct"].mean())
        """, note="probe 6: one arm loops over every question, the other over the first 50; the means sit side by side"),
        valid("""
            import pandas as pd

            def answer(question, cot):
                return call_model(question, chain_of_thought=cot)

            records = []
            for q in questions:
                records.append({"arm": "direct", "correct": grade(answer(q, cot=False), q)})
            for q in questions:
                records.append({"arm": "cot", "correct": grade(answer(q, cot=True), q)})
            print(pd.DataFrame(records).groupby("arm")["correct"].mean())
        """, note="the twin: both arms see every question"),
        valid("""
            def answer(question, cot):
                return call_model(question, chain_of_thought=cot)

            for q in questions[:3]:
                print(q, answer(q, cot=True))
            scores = [grade(answer(q, cot=True), q) for q in questions]
            print(sum(scores) / len(scores))
        """, note="near miss: a peek at three answers, never compared with the scores"),
        valid("""
            import numpy as np

            def frequency_modes(seq_len, modes=64, method="random"):
                modes = min(modes, seq_len // 2)
                if method == "random":
                    index = list(range(0, seq_len // 2))
                    np.random.shuffle(index)
                    index = index[:modes]
                else:
                    index = list(range(0, modes))
                return sorted(index)
        """, note="near miss (held-out 5, a forecasting model's layer): the list cut is made in the same branch, "
                  "which modes a layer keeps; no items shared by the conditions are cut"),
        valid("""
            import pandas as pd

            def main(args):
                df = pd.read_json(args.data_path, lines=True)
                print(f"samples: {len(df)}")
                if args.filter == "length":
                    df = df[(df["baseline_length"] == args.token_len) & (df["output_length"] == args.token_len)]
                    print(f"after filtering by length: {len(df)}")
                for detector in DETECTORS:
                    print(detector, score(detector, df))
        """, note="near miss (held-out 6): an option that names a filter is a run-wide cut, and every detector "
                  "compared in the run sees the same rows"),
        valid("""
            import numpy as np

            def populate(envs, n, scheme, step):
                for name, histories in envs.items():
                    ids = list(histories)
                    if scheme.choice == "fixed":
                        ids = ids[:n]
                    elif scheme.choice == "random":
                        ids = np.random.choice(ids, n, replace=False)
                    elif scheme.choice == "sequential":
                        ids = ids[step * n:(step + 1) * n]
                    for i in ids:
                        run(histories[i])
        """, note="near miss (held-out 10): an option that names how items are chosen is the selection "
                  "itself, the same for every condition of the run"),
        invalid("""
            import pandas as pd

            def main(args):
                df = pd.read_json(args.data_path, lines=True)
                if args.detector == "detectgpt":
                    df = df[df["output_length"] == args.token_len]  # expect: EVAL022
                print(args.detector, score(args.detector, df))
        """, note="the twin: the option names the condition being compared, and only its run is cut"),
        invalid("""
            import random

            def run(args):
                items = load_items(args.path)
                if args.condition == "honesty":
                    random.Random(0).shuffle(items)
                    items = items[:150]  # expect: EVAL022
                print(args.condition, score(items))
        """, note="near miss: the items are made before the branch and cut for one condition only"),
        valid({"make_plots.py": """
            import json
            import matplotlib.pyplot as plt
            import numpy as np

            data = json.load(open("results/sweeps.json"))
            for method in ["ours", "baseline"]:
                thresholds = np.array(data[method]["threshold"])
                if method == "ours":
                    thresholds = thresholds[thresholds >= 1e-4]
                plt.plot(np.log10(thresholds), label=method)
            plt.savefig("figures/sweep.png")
        """}, note="near miss: a figure script drops sweep points of one method from its curve: it shapes a picture"),
        invalid({"summarise.py": """
            import json
            import numpy as np

            data = json.load(open("results/sweeps.json"))
            for method in ["ours", "baseline"]:
                scores = np.array(data[method]["score"])
                if method == "ours":
                    scores = scores[scores >= 1e-4]  # expect: EVAL022
                print(method, scores.mean())
        """}, note="the same cut where the condition's mean score is reported"),
        invalid("""
            import json
            import pandas as pd
            runs = pd.concat([pd.read_json(p, lines=True) for p in ["runs/baseline.jsonl", "runs/steered.jsonl"]])
            base = runs[runs.condition == "baseline"]
            steer = runs[(runs.condition == "steered") & runs.parsed]  # expect: EVAL022
            summary = {"baseline": base["refused"].mean(), "steered": steer["refused"].mean()}
            json.dump(summary, open("results/delta.json", "w"))
        """, note="probe 10: one condition's rows selected and filtered (`& runs.parsed`) in one mask, by attribute access"),
        valid("""
            import json
            import pandas as pd
            runs = pd.concat([pd.read_json(p, lines=True) for p in ["runs/baseline.jsonl", "runs/steered.jsonl"]])
            base = runs[(runs.condition == "baseline") & runs.parsed]
            steer = runs[(runs.condition == "steered") & runs.parsed]
            summary = {"baseline": base["refused"].mean(), "steered": steer["refused"].mean()}
            json.dump(summary, open("results/delta.json", "w"))
        """, note="near miss: both conditions keep their parsed rows alike"),
        invalid("""
            import json
            import polars as pl

            def refusal_rate(frame, model):
                return sum(refuses(model, p) for p in frame["prompt"]) / frame.height

            prompts = pl.read_csv("data/borderline_prompts.csv")
            before = refusal_rate(prompts.head(400), base_model)
            drawn = prompts.sample(n=400, seed=7)  # expect: EVAL022
            after = refusal_rate(drawn, tuned_model)
            json.dump({"before": before, "after": after}, open("results/refusals.json", "w"))
        """, note="the same n, other items: the first 400 prompts for one model, a random 400 for the other"),
        invalid("""
            import json
            import pandas as pd

            def accuracy(frame, template):
                return sum(ask(template.format(q=r.question)) == r.answer for r in frame.itertuples()) / len(frame)

            df = pd.read_json("data/trivia.jsonl", lines=True)
            baseline = df.sample(n=400, random_state=1)
            suggested = df.sample(n=400, random_state=2)  # expect: EVAL022
            base_acc = accuracy(baseline, "{q}")
            sugg_acc = accuracy(suggested, "{q} I think the answer is wrong.")
            json.dump({"drop": base_acc - sugg_acc}, open("results/sycophancy.json", "w"))
        """, note="probe20: two random draws with other seeds, one per condition"),
        valid("""
            import json
            import pandas as pd

            def accuracy(frame, template):
                return sum(ask(template.format(q=r.question)) == r.answer for r in frame.itertuples()) / len(frame)

            df = pd.read_json("data/trivia.jsonl", lines=True)
            baseline = df.sample(n=400, random_state=1)
            suggested = df.sample(n=400, random_state=1)
            base_acc = accuracy(baseline, "{q}")
            sugg_acc = accuracy(suggested, "{q} I think the answer is wrong.")
            json.dump({"drop": base_acc - sugg_acc}, open("results/sycophancy.json", "w"))
        """, note="near miss: the same seed draws the same items for both conditions"),
        valid("""
            import json
            import polars as pl

            def refusal_rate(frame, model):
                return sum(refuses(model, p) for p in frame["prompt"]) / frame.height

            prompts = pl.read_csv("data/borderline_prompts.csv")
            drawn = prompts.sample(n=400, seed=7)
            before = refusal_rate(drawn, base_model)
            after = refusal_rate(drawn, tuned_model)
            json.dump({"before": before, "after": after}, open("results/refusals.json", "w"))
        """, note="near miss: one random draw of 400, both models scored on it"),
        invalid("""
            import json
            import pandas as pd

            plain = pd.read_csv("outputs/no_defense.csv")
            guarded = pd.read_csv("outputs/paraphrase_defense.csv")
            guarded = guarded.dropna(subset=["harm_score"])  # expect: EVAL022

            summary = {}
            for label, frame in (("no_defense", plain), ("paraphrase", guarded)):
                summary[label] = float(frame["harm_score"].mean())
            json.dump(summary, open("results/defense_summary.json", "w"))
        """, note="one condition's file loses its unscored rows, then both are averaged in a loop over (label, frame) pairs"),
        invalid("""
            import pandas as pd

            base = pd.read_csv("outputs/base_preds.csv")
            tuned = pd.read_csv("outputs/lora_preds.csv")
            tuned = tuned[tuned["pred"].notna()]  # expect: EVAL022
            rows = [{"model": name, "accuracy": (df["pred"] == df["gold"]).mean()} for name, df in [("base", base), ("lora", tuned)]]
            pd.DataFrame(rows).to_csv("results/compare.csv", index=False)
        """, note="probe 16: a boolean mask of one file's rows (`notna()`), then an accuracy of two columns for both"),
        valid("""
            import pandas as pd

            base = pd.read_csv("outputs/base_preds.csv")
            tuned = pd.read_csv("outputs/lora_preds.csv")
            tuned["pred"] = tuned["pred"].fillna("<failed>")
            rows = [{"model": name, "accuracy": (df["pred"] == df["gold"]).mean()} for name, df in [("base", base), ("lora", tuned)]]
            pd.DataFrame(rows).to_csv("results/compare.csv", index=False)
        """, note="near miss: the failures stay in, scored wrong"),
        valid("""
            import json
            import pandas as pd

            plain = pd.read_csv("outputs/no_defense.csv")
            guarded = pd.read_csv("outputs/paraphrase_defense.csv")
            
            summary = {}
            for label, frame in (("no_defense", plain), ("paraphrase", guarded)):
                summary[label] = float(frame["harm_score"].mean())
            json.dump(summary, open("results/defense_summary.json", "w"))
        """, note="both frames averaged as read"),
        invalid("""
            import pandas as pd
            frame = pd.read_json("results/replies.jsonl", lines=True)
            baseline = frame[frame["condition"] == "baseline"]
            opinion = frame[frame["condition"] == "opinion"]
            opinion = opinion.dropna(subset=["agrees"])  # expect: EVAL022
            print({"baseline": baseline["agrees"].mean(), "opinion": opinion["agrees"].mean()})
        """, note="rows dropped from one condition's rows only, then the means side by side"),
        invalid("""
            import json
            import numpy as np
            base = [json.loads(l) for l in open("results/base.jsonl")]
            cot = [json.loads(l) for l in open("results/cot.jsonl")]
            cot = [r for r in cot if r["parsed"] is not None]  # expect: EVAL022
            print("base acc", np.mean([r["correct"] for r in base]))
            print("cot acc", np.mean([r["correct"] for r in cot]))
        """, note="two results files, rows dropped from one only"),
        valid("""
            import json
            import numpy as np
            base = [json.loads(l) for l in open("results/base.jsonl")]
            cot = [json.loads(l) for l in open("results/cot.jsonl")]
            print("base acc", np.mean([r["correct"] for r in base]))
            print("cot acc", np.mean([r["correct"] for r in cot]))
            train = [json.loads(l) for l in open("data/train.jsonl")]
            test = [json.loads(l) for l in open("data/test.jsonl")]
            train = [r for r in train if r["label"] is not None]
            print(np.mean([r["label"] for r in train]), np.mean([r["label"] for r in test]))
        """, note="both files uncut; a train and a test file are not conditions"),
        invalid("""
            import json
            import numpy as np
            means = {}
            for cond in ["base", "cot"]:
                scores = []
                for line in open(f"results/{cond}.jsonl"):
                    item = json.loads(line)
                    if cond == "cot" and item["answer"] is None:  # expect: EVAL022
                        continue
                    scores.append(item["correct"])
                means[cond] = np.mean(scores)
        """, note="items skipped for one condition inside the loop over conditions"),
        valid("""
            import json
            import numpy as np
            means = {}
            for cond in ["base", "cot"]:
                scores = []
                for line in open(f"results/{cond}.jsonl"):
                    item = json.loads(line)
                    if item["answer"] is None:
                        continue
                    scores.append(item["correct"])
                means[cond] = np.mean(scores)
        """, note="the same skip for every condition"),
        valid("""
            def load(task, rows):
                kept = []
                for row in rows:
                    if task == "sst2" and row["label"] == -1:
                        continue
                    kept.append(row)
                return kept

            for k, v in results.items():
                for metric in v:
                    if k == "squad2" and metric not in ("exact", "f1"):
                        continue
                    print(k, metric, v[metric])
        """, note="a task's own cleaning rule, a table's per-key columns: not conditions compared on items"),
        valid("""
            import pandas as pd
            frame = pd.read_json("results/replies.jsonl", lines=True)
            frame = frame[~frame["item_id"].isin(failed_ids)]
            baseline = frame[frame["condition"] == "baseline"].dropna(subset=["agrees"])
            opinion = frame[frame["condition"] == "opinion"].dropna(subset=["agrees"])
            print({"baseline": baseline["agrees"].mean(), "opinion": opinion["agrees"].mean()})
        """, note="the same cut for both conditions"),
        invalid("""
            import json
            items = [json.loads(l) for l in open(cfg["questions"])][: cfg["n_items"]]
            if args.condition == "honesty":
                items = items[: cfg["honesty_items"]]  # expect: EVAL022
            for item in items:
                results.append(run_item(client, cfg, args.condition, item))
        """),
        invalid("""
            import pandas as pd
            for model_name in ["llama-8b", "llama-70b"]:
                frame = pd.read_csv(f"results/{model_name}.csv")
                if model_name == "llama-70b":
                    frame = frame.sample(200, random_state=0)  # expect: EVAL022
                accuracy[model_name] = frame["correct"].mean()
        """, note="one model scored on a sample only"),
        valid("""
            items = load_items(cfg["questions"])[: cfg["n_items"]]
            if args.debug:
                items = items[:10]
        """, note="a debug switch cuts every condition alike"),
        valid("""
            items = load_items(path)
            if args.mode == "smoke":
                items = items[:5]
        """, note="a smoke-test mode"),
        valid("""
            def parse(raw_res, label):
                if "the answer is" in raw_res:
                    pred = raw_res.split("the answer is")[1]
                    pred = pred[:len(label)]
                return pred == label
        """, note="a substring test on a reply, and a slice of text, are not conditions and items"),
        valid("""
            for line in log.splitlines():
                if line == "src/main.rs":
                    line = line[:4]
        """, note="the value tested is the one cut"),
        valid("""
            def stream(client, messages, model_name):
                system_prompt = ""
                if messages[0]["role"] == "system":
                    system_prompt = messages[0]["content"]
                    messages = messages[1:]
                return client.messages.stream(model=model_name, system=system_prompt, messages=messages)
        """, note="a system message moved out of a chat request: a role, not a condition"),
        valid("""
            items = load_items(path)
            if split == "test":
                items = items[:500]
        """, note="which split, not which condition"),
        invalid("""
            def win_rate(verdicts, pairs):
                return sum(v == p["preferred"] for v, p in zip(verdicts, pairs)) / len(pairs)

            pairs = load_pairs("data/pairs.jsonl")
            v1 = [judge(p, rubric="v1") for p in pairs]
            sample = pairs[:200]  # expect: EVAL022
            v2 = [judge(p, rubric="v2") for p in sample]
            table = {"rubric v1": win_rate(v1, pairs), "rubric v2": win_rate(v2, sample)}
            print(table)
        """, note="one scorer, once on every item and once on a slice, the two results side by side"),
        valid("""
            def win_rate(verdicts, pairs):
                return sum(v == p["preferred"] for v, p in zip(verdicts, pairs)) / len(pairs)

            pairs = load_pairs("data/pairs.jsonl")
            sample = pairs[:200]
            v1 = [judge(p, rubric="v1") for p in sample]
            v2 = [judge(p, rubric="v2") for p in sample]
            table = {"rubric v1": win_rate(v1, sample), "rubric v2": win_rate(v2, sample)}
            print(table)
        """, note="near miss: both conditions on the same slice"),
        valid("""
            def win_rate(verdicts, pairs):
                return sum(v == p["preferred"] for v, p in zip(verdicts, pairs)) / len(pairs)

            pairs = load_pairs("data/pairs.jsonl")
            curve = {}
            for n in (50, 100, 200):
                head = pairs[:n]
                curve[n] = win_rate([judge(p) for p in head], head)
            print(curve)
        """, note="near miss: a learning curve over growing slices, one call"),
        invalid("""
            from sklearn.metrics import f1_score
            X_train, X_test, y_train, y_test = split(X, y)
            full = big_model.predict(X_test)
            small = distilled.predict(X_test[:500])
            print({"teacher": f1_score(y_test, full), "student": f1_score(y_test[:500], small)})  # expect: EVAL022
        """, note="an sklearn metric on every test row for one model and on a slice for the other"),
        invalid({
            "decoding.py": """\
                from datasets import load_dataset

                def exact_match_rate(generate, rows):
                    return sum(generate(r["question"]).strip() == r["answer"] for r in rows) / len(rows)

                def compare(greedy, beam):
                    qa = load_dataset("trivia_qa", "rc.nocontext", split="validation")
                    beam_rows = qa.select(range(300))  # expect: EVAL022
                    return {"greedy": exact_match_rate(greedy, qa), "beam": exact_match_rate(beam, beam_rows)}
                """,
        }, note="a datasets `select(range(n))` keeps the first n rows: the slower condition gets fewer items"),
        valid({
            "decoding.py": """\
                from datasets import load_dataset

                def exact_match_rate(generate, rows):
                    return sum(generate(r["question"]).strip() == r["answer"] for r in rows) / len(rows)

                def compare(greedy, beam):
                    qa = load_dataset("trivia_qa", "rc.nocontext", split="validation")
                    rows = qa.select(range(300))
                    return {"greedy": exact_match_rate(greedy, rows), "beam": exact_match_rate(beam, rows)}
                """,
        }, note="near miss: both conditions on the same selected rows"),
        invalid({
            "compare.py": """\
                from datasets import load_dataset

                def accuracy(rows, use_passage):
                    return sum(ask(r["question"], r["passage"] if use_passage else None) in r["aliases"] for r in rows) / len(rows)

                ds = load_dataset("json", data_files="data/qa.jsonl")["train"]
                closed = accuracy(ds, use_passage=False)
                with_ctx = ds.filter(lambda r: r["passage"] is not None)  # expect: EVAL022
                rag = accuracy(with_ctx, use_passage=True)
                print(f"closed-book {closed:.3f} retrieval {rag:.3f} gain {rag - closed:+.3f}")
                """,
        }, note="probe 15: a `filter` for the retrieval condition only; closed-book runs on every question"),
        valid({
            "compare.py": """\
                from datasets import load_dataset

                def accuracy(rows, use_passage):
                    return sum(ask(r["question"], r["passage"] if use_passage else None) in r["aliases"] for r in rows) / len(rows)

                ds = load_dataset("json", data_files="data/qa.jsonl")["train"]
                overall = accuracy(ds, use_passage=True)
                hard = ds.filter(lambda r: r["difficulty"] == "hard")
                print(f"accuracy {overall:.3f}, on the hard questions {accuracy(hard, use_passage=True):.3f}")
                """,
        }, note="near miss: one condition scored on every item and on a subgroup"),
        invalid({
            "locked.py": """\
                def accuracy(items, with_password):
                    return sum(answer(it["question"], with_password) == it["answer"] for it in items) / len(items)

                items = load_items()
                short = [it for it in items if len(it["question"]) < 2000]  # expect: EVAL022
                locked = accuracy(items, with_password=False)
                unlocked = accuracy(short, with_password=True)
                print({"locked": locked, "unlocked": unlocked, "gap": unlocked - locked})
                """,
        }, note="probe 24: a comprehension keeps the short items for the unlocked condition only"),
        valid({
            "locked.py": """\
                def accuracy(items, with_password):
                    return sum(answer(it["question"], with_password) == it["answer"] for it in items) / len(items)

                items = load_items()
                short = [it for it in items if len(it["question"]) < 2000]
                locked = accuracy(short, with_password=False)
                unlocked = accuracy(short, with_password=True)
                print({"locked": locked, "unlocked": unlocked, "gap": unlocked - locked})
                """,
        }, note="near miss: both conditions on the kept items"),
    ]

    def visit_Module(self, node: cst.Module) -> None:
        if named_for_figures(self.ctx.path):
            return
        # The kept items need a loop that skips (`continue`) and appends, and the rates a division by
        # `len(...)`: a file without the three words has neither (the walks below cost 4.5% of the file
        # phase on transformers).
        text = self.ctx.text
        if not ("continue" in text and "append" in text and "len" in text) \
                and not ("mean(" in text and _KEEPING_COMPREHENSION.search(text)):
            return
        self._kept_subset_beside_whole(node)
        for sub in iter_nodes(node):
            if isinstance(sub, cst.FunctionDef):
                self._kept_subset_beside_whole(sub.body)

    def _kept_subset_beside_whole(self, body: cst.CSTNode) -> None:
        """`closed_acc = hits / len(qs)` beside `rag_acc = hits / len(rag_items)`, where `rag_items` keeps the
        items of a loop over `qs` that pass a filter (`if not hits: continue`): one condition is scored on every
        item, the other on the kept ones, and the two rates are put side by side."""
        statements = list(body.body) if isinstance(body, (cst.IndentedBlock, cst.Module)) else []
        kept: dict[str, str] = {}  # list -> the collection whose filtered items it keeps
        filters: dict[str, cst.CSTNode] = {}  # list kept by a filtering comprehension -> that assignment
        rates: dict[str, str] = {}  # rate -> the collection whose length divides it
        for statement in statements:
            if isinstance(statement, cst.For) and isinstance(statement.iter, cst.Name) and isinstance(statement.target, cst.Name):
                element, whole = statement.target.value, statement.iter.value
                skips = any(isinstance(n, cst.Continue) for n in iter_nodes(statement.body))
                for n in iter_nodes(statement.body):
                    if not (isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value == "append"
                            and isinstance(n.func.value, cst.Name) and len(n.args) == 1):
                        continue
                    if skips and isinstance(n.args[0].value, cst.Name) and n.args[0].value.value == element:
                        kept[n.func.value.value] = whole
                    elif n.func.value.value not in rates:
                        # `for q in queries: scores.append(ndcg(...))`: one score per item of `queries`
                        rates[n.func.value.value] = whole
            for n in iter_nodes(statement) if not isinstance(statement, (cst.FunctionDef, cst.ClassDef)) else ():
                if isinstance(n, cst.Assign) and len(n.targets) == 1 and isinstance(n.targets[0].target, cst.Name):
                    name = n.targets[0].target.value
                    denominator = _length_divisor(n.value)
                    if denominator:
                        rates[name] = denominator
                    comp = _comprehension_over(n.value)
                    if comp is not None:
                        over, keeps = comp
                        if keeps:  # `short = [q for q in queries if len(q["text"].split()) <= 64]`
                            kept[name], filters[name] = over, n
                        else:  # `dense = [ndcg(...) for q, qv in zip(short, Q)]`: one score per item of `short`
                            rates.setdefault(name, over)
        if not kept or not rates:
            return
        for statement in statements:
            if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
                continue
            for n in iter_nodes(statement):
                if not isinstance(n, (cst.Call, cst.BinaryOperation, cst.Dict)):
                    continue
                used = {m.value for m in iter_nodes(n) if isinstance(m, cst.Name) and m.value in rates}
                over = {rates[u] for u in used}
                pair = next(((sub, whole) for sub, whole in kept.items() if sub in over and whole in over), None)
                if pair is not None and pair[0] in filters and (pair[0] == pair[1] or _names_subset(n, pair[0], used)
                                                                or not _averaged(n, used, rates, pair)):
                    continue  # `{"all": mean(scores), "short": mean(short_scores)}`: a subgroup shown as one, not a condition
                if pair is not None and pair[0] in filters:
                    sub, whole = pair  # at the filter, the cause (DATA040's uncounted drop there is this mismatch)
                    self.report(filters[sub], items=sub, value=sub, related=[Location(self.ctx.path, self.ctx.line_of(n), "compared here")],
                                message="`{items}` keeps only some items of `" + whole + "`, and one condition's scores over "
                                        "them are put beside another's over every item of `" + whole + "` (line "
                                        + str(self.ctx.line_of(n)) + "): the conditions differ in items and n")
                    return
                if pair is not None:
                    sub, whole = pair
                    self.report(n, items=sub, value=sub,
                                message="The rates put side by side at {where} are over different items: one over every "
                                        f"item of `{whole}`, one over `{sub}`, the items of `{whole}` a filter kept "
                                        "(`continue` for the others), so the conditions differ in items and n")
                    return

    def visit_IfExp(self, node: cst.IfExp) -> None:
        """`subset = items[:150] if cond == "cot" else items`: one condition's items cut in an expression."""
        found = _condition_literal(node.test)
        if found is None or named_for_figures(self.ctx.path):
            return
        for cut, whole in ((node.body, node.orelse), (node.orelse, node.body)):
            items = _cut_of(cut)
            if items is not None and isinstance(whole, cst.Name) and whole.value == items:
                condition, value = found
                self.report(cut, items=items, value=value,
                            only=f"only when `{condition}` is {value!r} (the other values get every item)")
                return

    @classmethod
    def check_repo(cls, repo) -> None:
        prog = program(repo)
        for guard in prog.nodes("guard"):
            if prog.info(guard).get("neg"):
                continue
            test = prog.input(guard, 0)
            found = _condition_test(prog, test) if test else None
            if found is None:
                continue
            condition, value = found
            branch = prog.guarded(guard)
            for node in branch:
                if not _cuts_itself(prog, node) or prog.info(node).get("name") == condition:
                    continue  # `if line == ...: line = line[:k]` edits the value tested, not the items
                if _plain(prog, prog.input(node, 0)) in branch:
                    continue  # made in this branch (`idx = list(range(n)); shuffle(idx); idx = idx[:k]`): no shared items cut
                if _other_values_rebind(prog, guard, condition, value, prog.info(node).get("name")):
                    continue  # every value of the option picks its own items: a dispatch, not one condition cut
                if kb.name_role(str(prog.info(node).get("name") or "")) == "train":
                    continue  # `x_train = x_train[:n_fit]`: rows a model fits on, not the items it is scored on
                if _cut_in_else(prog, guard, test, prog.info(node).get("name")):
                    continue  # `ids = ids[:n] if right_padded else ids[-n:]`: every branch cuts to the same length
                _report(repo, cls, **prog.where(node), related=[Location(prog.path(guard), prog.line(guard), "only for this condition")],
                            items=prog.info(node).get("name"), value=value,
                            only=f"only when `{condition}` is {value!r} ({prog.describe(guard)})")
                break
        for guard, condition, value in _skips_for_one_condition(prog):
            _report(repo, cls, **prog.where(guard), items="the items", value=value,
                        only=f"only when `{condition}` is {value!r} (a `continue` skips them)")
        cut_once: set[Ref] = set()
        for cut, other, column, path in _uneven_file_cuts(prog):
            if cut in cut_once:
                continue  # one finding per cut, however many columns are averaged after it
            cut_once.add(cut)
            _report(repo, cls, **prog.where(cut), related=[Location(prog.path(other), prog.line(other), "the other condition, uncut")],
                        items=prog.info(cut).get("name") or "the rows", value=path,
                        only=f"only for {path!r}, while `{column}` of the other file is averaged uncut ({prog.describe(other)})")
        for cut, scored, whole, drawn in _one_scorer_on_a_cut(prog):
            other = "the first items" if drawn else "every item"
            _report(repo, cls, **prog.where(cut), related=[Location(prog.path(scored), prog.line(scored), "the cut scored here"),
                                                        Location(prog.path(whole), prog.line(whole), f"{other} scored here")],
                        items=prog.info(cut).get("name") or _sliced(prog, cut), value=prog.describe(scored),
                        only=f"for the condition scored at {prog.describe(scored)} only"
                             + (" (a random draw)" if drawn else "") + f", while the same scorer at "
                             f"{prog.describe(whole)} gets {other} and the two scores are put side by side")
        for run in uneven_limits(repo):
            a, b = run["values"]
            ca, cb = run["conditions"]
            _report(repo, cls, run["path"], line=run["line"],
                    related=[Location(run["path"], run["first_line"], f"the {run['condition']} {ca!r} run")],
                    items=f"{run['program']}'s items", value=cb,
                    message="`{items}` are limited at {where} {only}, so that condition is scored on different items than the others",
                    only=f"to --{run['option']} {b} for --{run['condition']} {cb}, while the run for --{run['condition']} "
                         f"{ca} (line {run['first_line']}) scores --{run['option']} {a}, and a later command reads both outputs together")
        for cut, mask, condition, value in _uneven_condition_cuts(prog):
            _report(repo, cls, **prog.where(cut), related=[Location(prog.path(mask), prog.line(mask), "the condition's rows")],
                        items=prog.info(cut).get("name") or prog.info(cut).get("how", "rows"), value=value,
                        only=f"only when `{condition}` is {value!r} ({prog.describe(mask)})")


def _cut_in_else(prog: Program, guard: Ref, test: Ref, name: str | None) -> bool:
    """Does the other branch of the same test cut the same value too (`if side == "right": ids =
    ids[:n]` / `else: ids = ids[-n:]`)? Then no condition keeps more items than another."""
    return any(other != guard and prog.info(other).get("neg") and prog.input(other, 0) == test
               and any(_cuts_itself(prog, n) and prog.info(n).get("name") == name for n in prog.guarded(other))
               for other in prog.nodes("guard"))


_CUT_METHODS = frozenset({"select", "head", "sample", "take", "filter"})


def _cut_of(expr: cst.BaseExpression) -> str | None:
    """`items[:150]`, `ds.select(range(150))`, `df.head(150)`, `random.sample(items, 150)`: the name cut."""
    if isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Name) and len(expr.slice) == 1 \
            and isinstance(expr.slice[0].slice, cst.Slice):
        return expr.value.value
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute):
        if expr.func.attr.value in _CUT_METHODS and isinstance(expr.func.value, cst.Name):
            return expr.func.value.value
        if expr.func.attr.value == "sample" and expr.args and isinstance(expr.args[0].value, cst.Name):
            return expr.args[0].value.value  # `random.sample(items, k)`
    return None


def _condition_literal(test: cst.BaseExpression) -> tuple[str, str] | None:
    """(name, value) for `cond == "cot"` / `args.condition == "cot"` naming an experimental condition."""
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1 \
            or not isinstance(test.comparisons[0].operator, cst.Equal):
        return None
    left, right = test.left, test.comparisons[0].comparator
    if isinstance(left, cst.SimpleString):
        left, right = right, left
    value = string_value(right) if isinstance(right, cst.SimpleString) else None
    name = left.value if isinstance(left, cst.Name) else left.attr.value if isinstance(left, cst.Attribute) else None
    if not name or value is None or name in ("role", "type", "kind") or value in _CHAT_ROLES:
        return None
    if set(re.split(r"[^a-z]+", name.lower())) & _CUT_WORDS:
        return None
    words = f"{name} {value}".lower()
    if any(w in words for w in _DEBUG_WORDS) or value.lower() in kb.SPLIT_NAMES:
        return None
    return name, value


def _report(repo, rule: type, path: str, **kwargs) -> None:
    if not named_for_figures(path):  # code made for figures: a cut shapes a picture, not a score
        repo.report(rule, path, **kwargs)


def _one_scorer_on_a_cut(prog: Program) -> list[tuple[Ref, Ref, Ref]]:
    """(cut, the call scoring it, the call scoring every item): one function of the repo called twice
    in one scope, once with a collection and once with a slice of it in the same place
    (`score(base, items)`, `score(cot, items[:150])`), and the two results meeting (one dict, a
    difference, one print): two conditions compared on different items."""
    calls: dict[tuple, list[Ref]] = {}
    unnamed: set[tuple] = set()  # groups kept only because each call runs item by item: they must differ in a setting
    for call in prog.nodes("call"):
        key = prog.callee(call)
        name = prog.function(key).qualname.rsplit(".", 1)[-1] if key is not None else ""
        looped = key is not None and any(i and prog.kind(i) == "elem" and prog.info(i).get("loop") for i in prog.inputs(call))
        if key is not None and (_SCORER.search(name) or _PRODUCER.search(name) and looped):
            calls.setdefault((key, prog.function_of(call)), []).append(call)
        elif looped or (key is not None and _PRODUCER.search(name)):
            # `[p_sycophantic(it) for it in items]` beside `[p_sycophantic(it, scale=-4.0) for it in items[:150]]`:
            # whatever the function is called, two settings of it run over a collection and its head; so does
            # a producer given the whole collection, `run_condition(items, trigger=False)` beside
            # `run_condition(items[:100], trigger=True)`
            calls.setdefault((key, prog.function_of(call)), []).append(call)
            unnamed.add((key, prog.function_of(call)))
    for metric in prog.nodes("metric"):  # `accuracy_score(y, a)` beside `accuracy_score(y[:100], b)`
        calls.setdefault((prog.info(metric).get("metric"), prog.function_of(metric)), []).append(metric)
    found = []
    for group_key, group in calls.items():
        for whole_call in group[:20] if len(group) > 1 else ():
            for cut_call in group[:20]:
                skip = 1 if prog.kind(whole_call) == "call" else 0  # a call's input 0 is its receiver
                if group_key in unnamed and (whole_call == cut_call or not _other_setting(prog, whole_call, cut_call, skip)
                                             or not (_reduced_apart(prog, whole_call) and _reduced_apart(prog, cut_call))):
                    continue  # a formatter run for demonstrations and for the question (`render(shot, True)`) is no condition
                # `for p in prompts: run(p)` beside `for p in prompts[:128]: run(p)`: the loops' collections
                pairs = [(_looped(prog, w), _looped(prog, c))
                         for w, c in zip(prog.inputs(whole_call)[skip:], prog.inputs(cut_call)[skip:])]
                for whole, cut in pairs:
                    how = prog.info(cut).get("how") if cut and prog.kind(cut) == "subset" else None
                    source = prog.input(cut, 0) if cut else 0
                    if cut and prog.kind(cut) == "comp" and prog.info(cut).get("filter") and prog.kind(source) == "elem" \
                            and prog.info(source).get("loop"):
                        how, source = "filter", prog.input(source, 0)  # `[it for it in items if ...]`: items kept
                    # A filter on content keeps other items for one condition only when the calls run two
                    # conditions (`accuracy(ds, use_passage=False)` beside `accuracy(ds.filter(...), use_passage=True)`);
                    # the same call on a filtered part is a subgroup's score (accuracy on the hard items).
                    filtered = how in ("filter", "query") and _other_setting(prog, whole_call, cut_call, skip)
                    if not (whole and (how in ("head", "sample", "take") or filtered or prog.info(cut).get("head") or (
                            how == "slice" and not prog.info(cut).get("lo") and prog.info(cut).get("hi")))
                            and _plain(prog, source) == _plain(prog, whole)) \
                            and not _head_and_draw(prog, whole, cut) and not (
                                _two_draws(prog, whole, cut) and prog.line(whole_call) < prog.line(cut_call)):
                        continue
                    if not set(prog.forward([whole_call], limit=200)) & set(prog.forward([cut_call], limit=200)):
                        continue  # scored apart, never compared
                    found.append((cut, cut_call, whole_call, _head_and_draw(prog, whole, cut) or _two_draws(prog, whole, cut)))
    return found


_AVERAGES = frozenset({"builtins.sum", "numpy.mean", "numpy.average", "numpy.nanmean", "statistics.mean",
                       "statistics.fmean", "torch.mean"})


def _reduced_apart(prog: Program, call: Ref) -> bool:
    """Do the results of `call`, run item by item, end in an average or a sum of their own
    (`sum(steered) / len(steered)`): a condition's score, not text joined into a prompt?"""
    for node in prog.forward([call], limit=12):
        if node != call and (prog.kind(node) == "stat" or prog.kind(node) == "call"
                             and prog.info(node).get("fn") in _AVERAGES):
            return True
    return False


def _other_setting(prog: Program, one: Ref, other: Ref, skip: int) -> bool:
    """Do two calls of one function differ in something besides the items: a literal setting
    (`use_passage=False` / `True`) or another argument's value?"""
    if prog.info(one).get("lits", {}) != prog.info(other).get("lits", {}):
        return True
    if set(prog.info(one).get("kw", {})) != set(prog.info(other).get("kw", {})):
        return True  # `score(it)` beside `score(it, scale=-4.0)`: a setting given to one call only
    pairs = list(zip(prog.inputs(one)[skip:], prog.inputs(other)[skip:]))
    return sum(1 for a, b in pairs if a != b) >= 2


def _looped(prog: Program, ref: Ref) -> Ref:
    """The collection a loop variable runs over (`prompts[:128]` for `p` in `for p in prompts[:128]`)."""
    loop_variable = bool(ref) and prog.kind(ref) == "elem" and bool(prog.info(ref).get("loop"))
    return (prog.input(ref, 0) or ref) if loop_variable else ref


def _head_and_draw(prog: Program, head: Ref, drawn: Ref) -> bool:
    """`ds.select(range(300))` for one condition, `ds.shuffle(seed=1).select(range(300))` (or
    `df.sample(300)`) for the other: the same n, other items."""
    def cut(ref: Ref) -> bool:
        return bool(ref) and prog.kind(ref) == "subset" and prog.info(ref).get("how") in _SUBSETS
    if not (cut(head) and cut(drawn)) or prog.info(head).get("how") == "sample":
        return False
    source, base = _shuffled(prog, prog.input(drawn, 0)), _plain(prog, prog.input(head, 0))
    return bool(base) and (source or (prog.info(drawn).get("how") == "sample" and _plain(prog, prog.input(drawn, 0)))) == base


def _two_draws(prog: Program, one: Ref, other: Ref) -> bool:
    """`df.sample(n=400, random_state=1)` for one condition and `df.sample(n=400, random_state=2)` (or an
    unseeded draw) for the other: two random draws of one collection, so other items."""
    def drawn(ref: Ref) -> bool:
        return bool(ref) and prog.kind(ref) == "subset" and prog.info(ref).get("how") == "sample"
    if not (drawn(one) and drawn(other)) or one == other:
        return False
    seeds = (prog.info(one).get("seed"), prog.info(other).get("seed"))
    base = _plain(prog, prog.input(one, 0))
    return bool(base) and base == _plain(prog, prog.input(other, 0)) and (seeds[0] != seeds[1] or "unseeded" in seeds)


def _shuffled(prog: Program, ref: Ref) -> Ref:
    """The collection under `.shuffle(...)` (datasets, polars), or 0."""
    ref = _plain(prog, ref)
    if ref and prog.kind(ref) == "call" and prog.info(ref).get("m") == "shuffle" and prog.input(ref, 0):
        return _plain(prog, prog.input(ref, 0))
    return 0


# A function of the repo that scores a condition: its name says so (`score`, `accuracy`, `win_rate`).
# ... or one that produces a condition's outputs item by item, called in a loop over the items.
_PRODUCER = re.compile(r"(?i)generat|complet|respon|answer|ask|query|predict|infer|run|sample|chat")
_SCORER = re.compile(r"(?i)scor|acc|metric|eval|rate|f1|correct|judge|grade|pass|match|auc|bleu|rouge|error|loss")


def _sliced(prog: Program, cut: Ref) -> str:
    """`y_test[:100]` for an unnamed slice of a named collection."""
    info, whole = prog.info(cut), prog.input(cut, 0)
    name = (prog.info(whole).get("name") or prog.info(whole).get("on")) if whole else None
    if name and info.get("how") == "slice":
        return f"{name}[{info.get('lo', '')}:{info.get('hi', '')}]"
    return name or "the items"


def _plain(prog: Program, ref: Ref) -> Ref:
    while ref and prog.kind(ref) == "op" and prog.info(ref).get("op") == "alias":
        ref = prog.input(ref, 0)
    return ref


def _uneven_condition_cuts(prog: Program) -> list[tuple[Ref, Ref, str, str]]:
    """Statistics of two conditions' rows (`frame[frame["condition"] == "x"]`) that end up side by
    side, where rows were dropped from one condition only: (the cut, the condition's mask, the
    condition column, its value)."""
    paths = []
    for stat in prog.nodes("stat"):
        found = _condition_rows(prog, stat)
        if found is not None:
            paths.append((stat, *found))
    out = []
    for index, (stat, base, column, value, mask, cuts) in enumerate(paths):
        if not cuts:
            continue
        reached = None
        for other, obase, ocolumn, ovalue, _, ocuts in paths:
            if other == stat or obase != base or ocolumn != column or ovalue == value or ocuts:
                continue
            reached = reached if reached is not None else set(prog.forward([stat], limit=40)) - {stat}
            if reached & set(prog.forward([other], limit=40)):
                out.append((cuts[0], mask, column, value))
                break
    return list(dict.fromkeys(out))


def _skips_for_one_condition(prog: Program) -> list[tuple[Ref, str, str]]:
    """`if cond == "cot" and item["answer"] is None: continue` in a loop over items: (the guard,
    the condition, its value)."""
    out = []
    for guard in prog.nodes("guard"):
        info = prog.info(guard)
        if "loop" not in info or info.get("neg"):
            continue
        test = prog.input(guard, 0)
        if not test or prog.kind(test) != "op" or prog.info(test).get("op") != "bool":
            continue
        operands = [i for i in prog.inputs(test) if i]
        found = next((f for f in (_condition_test(prog, o) for o in operands) if f is not None), None)
        if found is None or len(operands) < 2:
            continue
        condition_operand = next(o for o in operands if _condition_test(prog, o) is not None)
        condition = next((i for i in prog.inputs(condition_operand) if i), 0)
        # The condition is the variable of an outer loop over named conditions (`for cond in
        # ["base", "cot"]`), and the skip is in the inner loop over that condition's items.
        if prog.kind(condition) != "elem" or "loop" not in prog.info(condition):
            continue
        values = prog.info(prog.input(condition, 0)).get("value") if prog.input(condition, 0) else None
        if prog.kind(prog.input(condition, 0)) != "const" or not isinstance(values, list) or len(values) < 2 \
                or found[1] not in values or info["loop"] == prog.info(condition)["loop"]:
            continue
        out.append((guard, found[0], found[1]))
    return out


def _uneven_file_cuts(prog: Program) -> list[tuple[Ref, Ref, str, str]]:
    """The same column averaged over two results files read alike (`base.jsonl`, `cot.jsonl`) in one
    function, with rows dropped from one of them only: (the cut, the other statistic, the column,
    the cut file's path)."""
    summaries: dict[tuple, list[tuple[Ref, str, str, list[Ref]]]] = {}
    for stat in prog.nodes("stat"):
        for path, column, cuts in _file_rows(prog, prog.input(stat, 0)):
            summaries.setdefault((prog.function_of(stat), column), []).append((stat, path, column, cuts))
    out = []
    for group in summaries.values():
        paths = {path for _, path, _, _ in group}
        if len(paths) < 2 or any(_split_word(path) for path in paths):
            continue  # one file, or a train and a test file: not conditions
        uncut = [(stat, path) for stat, path, _, cuts in group if not cuts]
        for stat, path, column, cuts in group:
            other = next((o for o, opath in uncut if opath != path), None)
            if cuts and other is not None:
                out.append((cuts[0], other, column, path))
    return out


def _split_word(path: str) -> bool:
    stem = path.replace("\\", "/").rsplit("/", 1)[-1].split(".")[0].lower()
    return any(kb.name_role(word) for word in stem.replace("-", "_").split("_"))


def _file_rows(prog: Program, node: Ref, column: str = "", cuts: tuple[Ref, ...] = (),
               depth: int = 0) -> list[tuple[str, str, list[Ref]]]:
    """(the file read, the column summarised, the row cuts on the way) for each results file whose
    rows a statistic (from its input `node`) summarises: one, or one per frame of a loop over
    `[("base", base), ("steered", steer)]` pairs."""
    for _ in range(16):
        if not node or depth > 2:
            return []
        kind, info = prog.kind(node), prog.info(node)
        if kind == "src":
            if info.get("path"):
                return [(info["path"], column, list(cuts))] if column else []
        elif kind == "col":
            if not column and len(info.get("cols", [])) == 1:
                column = info["cols"][0]
        elif kind == "cmp" and not column:
            # `(df["pred"] == df["gold"]).mean()`: the accuracy of two columns of one frame
            sides = [prog.info(i).get("cols", []) for i in prog.inputs(node) if i and prog.kind(i) == "col"]
            if len(sides) == 2 and all(len(c) == 1 for c in sides):
                column = f"{sides[0][0]} == {sides[1][0]}"
        elif kind == "comp":
            if info.get("filter"):
                cuts = (*cuts, node)
        elif kind == "subset":
            if info.get("how") in _SUBSETS:
                cuts = (*cuts, node)
        elif kind == "elem" and "index" in info and _pairs(prog, prog.input(node, 0)):
            return [found for pair in _pairs(prog, prog.input(node, 0))
                    for found in _file_rows(prog, prog.input(pair, info["index"]), column, cuts, depth + 1)]
        elif kind not in ("elem",) and not (kind == "op" and info.get("op") in ("alias", "attr")):
            return []
        node = prog.input(node, 0)
    return []


def _pairs(prog: Program, loop_var: Ref) -> list[Ref]:
    """The tuples of a loop over a literal list of tuples (`for name, df in [(..), (..)]`)."""
    if not loop_var or prog.kind(loop_var) != "elem" or "loop" not in prog.info(loop_var):
        return []
    items = prog.input(loop_var, 0)
    if not items or prog.kind(items) != "op" or prog.info(items).get("op") not in ("tuple", "list"):
        return []
    pairs = [i for i in prog.inputs(items) if i]
    return pairs if len(pairs) > 1 and all(prog.kind(p) == "op" and prog.info(p).get("op") == "tuple" for p in pairs) else []


def _condition_rows(prog: Program, stat: Ref) -> tuple | None:
    """(rows key of the table, condition column, value, the mask, the cuts after it) when `stat`
    summarises one condition's rows of a table."""
    cuts: list[Ref] = []
    node = prog.input(stat, 0)
    for _ in range(12):
        if not node:
            return None
        kind, info = prog.kind(node), prog.info(node)
        if kind == "col":
            node = prog.input(node, 0)
            continue
        if kind != "subset":
            return None
        if info.get("how") == "mask":
            test = prog.input(node, 1)
            found = _condition_test(prog, test) if test else None
            operand = next((i for i in prog.inputs(test) if i), 0) if test else 0
            if found is not None and _column_read(prog, operand):
                return rows_key(prog, prog.input(node, 0)), found[0], found[1], node, cuts[::-1]
            joined = _condition_and_filter(prog, test) if test else None
            if joined is not None:  # `runs[(runs.condition == "steer") & runs.parsed]`: the mask cuts too
                return rows_key(prog, prog.input(node, 0)), joined[0], joined[1], node, cuts[::-1] + [node]
        if info.get("how") in _SUBSETS:
            cuts.append(node)
        node = prog.input(node, 0)
    return None


def _condition_and_filter(prog: Program, test: Ref) -> tuple[str, str] | None:
    """(condition, value) for a mask `(<condition column> == "<value>") & <another test>`: one
    condition's rows selected and filtered in one subscript."""
    if prog.kind(test) != "op" or prog.info(test).get("op") != "BitAnd":
        return None
    terms = [t for t in prog.inputs(test) if t]
    found = [(t, f) for t in terms if (f := _condition_test(prog, t)) is not None]
    if len(terms) < 2 or len(found) != 1:
        return None
    term, condition = found[0]
    operand = next((i for i in prog.inputs(term) if i), 0)
    return condition if _column_read(prog, operand) else None


def _column_read(prog: Program, ref: Ref) -> bool:
    """A table's column: `frame["condition"]`, or `frame.condition` (pandas' attribute access)."""
    return prog.kind(ref) == "col" or (prog.kind(ref) == "op" and prog.info(ref).get("op") == "attr"
                                        and bool(prog.input(ref, 0)))


def _condition_test(prog: Program, test: Ref) -> tuple[str, str] | None:
    """(the condition's name, the value tested) for `<condition> == "<value>"`."""
    if prog.kind(test) != "cmp" or prog.info(test).get("op") != "==":
        return None  # `"the answer is" in reply` tests text, not which condition runs
    literals = prog.info(test).get("lits", [])
    if len(literals) != 1 or not isinstance(literals[0], str):
        return None
    value = literals[0]
    operands = [i for i in prog.inputs(test) if i]
    if len(operands) != 1:
        return None
    name = _name(prog, operands[0])
    if name in ("role", "type", "kind") or value in _CHAT_ROLES:
        return None  # `if messages[0]["role"] == "system"`: a message's role, not an experimental condition
    if set(re.split(r"[^a-z]+", name.lower())) & _CUT_WORDS:
        return None  # `if args.filter == "length"`: a run-wide cut every condition of the run gets (held-out 6)
    words = f"{name} {value}".lower()
    if not name or any(w in words for w in _DEBUG_WORDS) or value.lower() in kb.SPLIT_NAMES:
        return None
    return name, value


def _other_values_rebind(prog: Program, guard: Ref, condition: str, value: str, items: str | None) -> bool:
    """`if exec_mode == "triplet_wise": head = head[idx] elif exec_mode == "all": head = head[head_idx]`:
    the branch of another value of the same option, in the same function, rebinds the same items too,
    so no condition keeps the items the others cut (held-out 11: a layout's way of gathering top-k rows)."""
    for other in prog.nodes("guard"):
        if other == guard or prog.info(other).get("neg") or prog.function_of(other) != prog.function_of(guard):
            continue
        test = prog.input(other, 0)
        found = _condition_test(prog, test) if test else None
        if found is not None and found[0] == condition and found[1] != value and any(
                prog.info(n).get("name") == items for n in prog.guarded(other)):
            return True
    return False


def _name(prog: Program, ref: Ref) -> str:
    info = prog.info(ref)
    if prog.kind(ref) == "op" and info.get("op") == "attr":
        return info.get("a", "")
    if prog.kind(ref) == "col":
        cols = info.get("cols", [])
        return cols[0] if len(cols) == 1 else ""
    return info.get("name", "")


def _cuts_itself(prog: Program, node: Ref) -> bool:
    """`items = items[:k]`: a collection rebound to a subset of itself."""
    if prog.kind(node) != "subset" or prog.info(node).get("how") not in _SUBSETS:
        return False
    name = prog.info(node).get("name")
    source = prog.input(node, 0)
    return bool(name) and bool(source) and prog.info(source).get("name") == name
