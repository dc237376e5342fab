"""SEED008: a set iterated where its order decides a result (ids, a subset, pairs, prompt text)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import libcst as cst

from hygiene.analysis.integer_callers import integer_arguments
from hygiene.finding import Finding, Location, Severity
from hygiene.analysis.names import dotted
from hygiene.analysis.order import Origin, OrderTracker
from hygiene.analysis.order_outputs import UNSEEDED_DRAW, opened_path, run_field, unseeded_global_draw, written
from hygiene.analysis.order_syntax import _names_in
from hygiene.analysis.order_purpose import order_ask
from hygiene.analysis.randomness import is_test_path
from hygiene.rule import Rule, invalid, valid
from hygiene.walk import iter_nodes

if TYPE_CHECKING:
    from hygiene.context import RepoContext


class SetOrder(OrderTracker, Rule):
    """
    ## What it does
    Finds a `set` (`set(...)`, a set comprehension or literal, `a | b` of sets) turned into a
    sequence and used where the order decides a result: its positions become ids or class indices
    (`{c: i for i, c in enumerate(set(labels))}`, `classes.index(label)`), it is read at positions a model
    produced (`[classes[i] for i in logits.argmax(axis=1)]`), its first items are kept (`list(s)[:n]`; taking
    `list(s)[0]` is left alone, the idiom for the only element), it is
    split or drawn from by position, paired by position with another list, joined into text
    (a prompt listing the options), or written as the rows of a file named per run
    (`json.dump(rows, open(f"out_{args.seed}.json", "w"))`, `df.to_csv(f"rank{rank}.csv")`): each
    run, its own process, writes its items in another order, and runs combined by position pair
    different items.

    The set is followed like a directory listing in SEED007 (names, `list(...)`, comprehensions,
    lists appended to in a loop over it); `sorted(...)` ends it. Sets of integers (`set(range(n))`,
    integer literals, loop variables over them, tuples of these, a list made empty and appended only
    such items) are left alone: their order does not change between runs; a set of ids whose type the
    code does not say (`set(sources)` of a graph's node ids, `node_set`, `user_ids`, `indices`) is a
    checklist question, since integer ids keep their order too (a set of node *names* is not); numpy's
    indices (`np.where(mask)[0]`, `np.argsort(x)`, `.tolist()` of them) are integers too. A set made from a
    parameter of a top-level function (`def one_hot(values): kinds = set(values)`) is left alone when every
    call of the function in the repository passes integers there (`one_hot(np.where(pairs)[0])`); a caller
    passing anything else, none at all, or the function passed around as a value keeps the finding. A loop
    index that a comprehension in the body rebinds (`[rows[i] for i in picked]`) is not read. Membership tests,
    counts and set algebra are not uses of the order, nor is pairing the set with plot colours or
    markers (`zip(names, palette)`), nor joining it into the lines of an import block (or C includes)
    that a compiler reads in any order (`"import (\\n" + "\\n".join(pkgs) + "\\n)"`). In a data folder, a
    folder named for teaching (`keras-tutorial/`, `course/`) or a plotting helper the finding is a checklist question;
    so it is when a global generator (`random.sample`, `np.random.choice`) draws from the set and nothing in the
    file seeds it (the draw differs between runs anyway: SEED001/SEED002 ask about that). A set joined into an
    error or a log message (raised, in an `except` block, passed to a logger), or only measured
    (`len("".join(set(text)))`, a count of distinct characters), is not reported; nor is a loop index
    that only reads the loop's own item back (`pairs[k]` in `for k, pair in enumerate(pairs)`: held-out
    set 24, a dataset builder), while one that reads another list pairs the two by position; nor is a map of ids
    made from a set that never leaves its function and encodes at least two values there (the gold and
    the predicted labels of one scoring function: both get the same run's ids, so their comparison does not
    depend on the order), unless an id indexes something else (`logits[:, label_to_int[gold]]`); a table of one
    slot per item (`slots = [[] for _ in range(len(labels))]`) written and read only through the map, and passed on
    only with it, is no such thing, unless the table itself is returned.

    Precision on the whole corpus (2026-12-08, precision17; the corpus scan of 557476f2, 322 repositories,
    debatable counted as wrong): 13 findings, 8 real, 4 debatable, 1 false (0.62); unchanged by precision17.
    False: a set joined into a text that its reader splits into a set again; debatable: order-insensitive
    features downstream, a task processor no script runs, a debug option, a mode the scripts do not use. It
    stays a finding: 9 case labels only it finds.

    ## Why is this bad?
    The iteration order of a set of strings depends on string hashing, which Python randomises per
    process (`PYTHONHASHSEED`): the label that gets id 0, the items kept, the order of the options
    in a prompt change from one run to the next, although every seed is fixed. A model saved with
    one run's label mapping is read back with another's.

    ## Example
        classes = list(set(df["label"]))
        label2id = {c: i for i, c in enumerate(classes)}

    Use instead:
        classes = sorted(set(df["label"]))
        label2id = {c: i for i, c in enumerate(classes)}
    """

    code = "SEED008"
    category = "SEED-ORDER"
    severity = Severity.WARNING
    message = "`{origin}` has no fixed order (string hashes change between runs), and {use}"
    question = "Does the result at {where} depend on the iteration order of `{origin}`?"
    triggers = ("set(", "{")
    order_index_uses = False  # `list(s)[0]` is how one takes the only element of a set
    examples = [
        valid("""
            def describe(cell, headers):
                text = "Cell {} . ".format(cell)
                seen = set()
                for h in headers:
                    seen.add(h["value"])
                for h in seen:
                    text += " {} , ".format(h)
                return text[:-3] + " . "
        """, note="held-out set 27 near miss: `[:-3]` trims the text's trailing separator; it keeps every item of the set"),
        valid("""
            import numpy as np

            def positives(matrix, n):
                users, items = matrix.nonzero()
                pool = np.array(list(set(items)))
                return np.random.default_rng(0).choice(pool, size=n)
        """, note="held-out set 27 near miss: the column indices of a sparse matrix's `.nonzero()` are integers, "
                  "whose set keeps its order"),
        valid({
            "graph_utils.py": """
                import numpy as np

                def one_hot(values):
                    kinds = set(values)
                    rows = {k: np.eye(len(kinds))[i] for i, k in enumerate(kinds)}
                    return np.array([rows[v] for v in values])
            """,
            "fit.py": """
                import numpy as np
                from graph_utils import one_hot

                def relations(n):
                    pairs = np.ones((n, n)) - np.eye(n)
                    receivers = one_hot(np.where(pairs)[1])
                    senders = one_hot(np.where(pairs)[0])
                    return receivers, senders
            """,
        }, note="near miss (held-out set 25): a set of a parameter whose every caller passes numpy's integer indices: "
                "integers keep their order between runs"),
        invalid({
            "graph_utils.py": """
                import numpy as np

                def one_hot(values):
                    kinds = set(values)  # expect: SEED008
                    rows = {k: np.eye(len(kinds))[i] for i, k in enumerate(kinds)}
                    return np.array([rows[v] for v in values])
            """,
            "fit.py": """
                import numpy as np
                from graph_utils import one_hot

                def relations(n, frame):
                    pairs = np.ones((n, n)) - np.eye(n)
                    senders = one_hot(np.where(pairs)[0])
                    kinds = one_hot(frame["relation"])
                    return senders, kinds
            """,
        }, note="the twin: another caller passes a column of names, whose order changes between runs"),
        invalid("""
            import numpy as np

            def one_hot(values):
                kinds = set(values)  # expect: SEED008
                rows = {k: np.eye(len(kinds))[i] for i, k in enumerate(kinds)}
                return np.array([rows[v] for v in values])

            columns = list(map(one_hot, table))
        """, note="the function is passed around as a value: its callers cannot all be read"),
        valid("""
            import numpy as np

            def shard_by_group(records):
                groups = set([r["group"] for r in records])
                shards = []
                for i, group in enumerate(groups):
                    members = [r for r in records if r["group"] == group]
                    picked = np.random.default_rng(0).permutation(len(members))[: len(members) // 2]
                    shards.append([members[i] for i in picked])
                return shards
        """, note="near miss (held-out set 26): the loop's index is never read; the comprehension reads its own `i`"),
        invalid("""
            import numpy as np

            def shard_by_group(records):
                groups = set([r["group"] for r in records])  # expect: SEED008
                shards = []
                for i, group in enumerate(groups):
                    members = [r for r in records if r["group"] == group]
                    shards.append([(i, m) for m in members])
                return shards
        """, note="the twin: the comprehension reads the loop's index, the group's position"),
        valid("""
            import numpy as np

            def senders(pairs):
                kinds = set(np.where(pairs)[0])
                return {k: i for i, k in enumerate(kinds)}
        """, note="near miss: a set of numpy's indices made in the function itself"),
        valid("""
            from sklearn.metrics import accuracy_score, classification_report

            def score_classifications(instances, annotations):
                labels = list(set(a.label for a in annotations))
                label_to_int = {l: i for i, l in enumerate(labels)}
                by_id = {inst["id"]: inst for inst in instances}
                truth, predicted = [], []
                for ann in annotations:
                    truth.append(label_to_int[ann.label])
                    predicted.append(label_to_int[by_id[ann.id]["label"]])
                report = classification_report(truth, predicted, output_dict=True, target_names=labels)
                return {"accuracy": accuracy_score(truth, predicted), "report": report}
        """, note="near miss (held-out set 18): one run's ids encode both the gold and the predicted labels in one "
                  "function, and the report names the classes: no number depends on the order"),
        invalid("""
            from sklearn.metrics import accuracy_score

            def score_classifications(model, annotations):
                labels = list(set(a.label for a in annotations))  # expect: SEED008
                label_to_int = {l: i for i, l in enumerate(labels)}
                truth, predicted = [], []
                for ann in annotations:
                    truth.append(label_to_int[ann.label])
                    predicted.append(int(model(ann.text).argmax()))
                return {"accuracy": accuracy_score(truth, predicted)}
        """, note="the twin: the gold ids are compared with a trained model's output positions, fixed by another run"),
        valid("""
            def read_tagged(path, wanted):
                labels = set()
                for metric in wanted:
                    labels.update(("gold-" + metric, "pred-" + metric))
                label2idx = {label: idx for idx, label in enumerate(labels)}
                sents = []
                sent = [[] for _ in range(len(labels))]
                for line in open(path):
                    key, _, words = line.partition("\t")
                    sent[label2idx[key]].extend(words.split())
                sents.append(sent)
                counts = {}
                for sent in sents:
                    score(sent, counts, label2idx)
                return counts
        """, note="near miss (held-out set 19): one slot per label, written and read only through the map (passed on "
                  "with the slots): no position means anything by itself"),
        invalid("""
            def split_columns(rows, names):
                labels = set(names)  # expect: SEED008
                label2idx = {label: idx for idx, label in enumerate(labels)}
                columns = [[] for _ in range(len(labels))]
                for key, value in rows:
                    columns[label2idx[key]].append(value)
                gold = columns[label2idx["gold"]]
                return columns, gold
        """, note="the twin: the slots leave the function in this run's order; a caller reads them by position"),
        valid("""
            import math
            import matplotlib.pyplot as plt
            def plot_words(word_frames, frequent, varied):
                shown = set(frequent) | set(varied)
                fig, axes = plt.subplots(math.ceil(len(shown) / 2), 2)
                for ix, word in enumerate(shown):
                    ax = axes[ix // 2, ix % 2]
                    ax.hist(word_frames[word]["activation"])
                    ax.set_title(word)
                fig.savefig("words.png")
        """, note="near miss: the position only picks the panel each word is drawn in"),
        invalid("""
            def label_words(frequent, varied):
                shown = set(frequent) | set(varied)  # expect: SEED008
                return {word: ix for ix, word in enumerate(shown)}
        """, note="the twin: the position becomes each word's id"),
        valid("""
            def load_lens(repo_id):
                try:
                    return download(repo_id, "lens.pt")
                except FileNotFoundError:
                    available = {path.split("/")[0] for path in list_files(repo_id)}
                    message = f"No lens at {repo_id}. Available lenses are: {', '.join(available)}"
                    raise ValueError(message)
        """, note="held-out set 11 (tuned-lens): the set is joined into an error message; its order is no result"),
        invalid("""
            def describe_lenses(repo_id):
                available = {path.split("/")[0] for path in list_files(repo_id)}  # expect: SEED008
                prompt = f"Which of these lenses fits {repo_id}? {', '.join(available)}"
                return ask_model(prompt)
        """, note="the twin: the same join makes the prompt a model reads"),
        valid("""
            import random
            def make_split(wnids, images_per_class):
                classes = {line.split()[0] for line in open("words.txt")}
                chosen = random.sample(classes, 200)
                return {c: images_per_class[c][:500] for c in chosen}
        """, note="held-out set 8: a set drawn from by an unseeded `random.sample`: the draw differs between runs "
                  "whatever the set's order (the unseeded draw is SEED001's question), so the order is a question"),
        invalid("""
            import random
            def make_split(wnids, images_per_class):
                random.seed(0)
                classes = {line.split()[0] for line in open("words.txt")}  # expect: SEED008
                chosen = random.sample(classes, 200)
                return {c: images_per_class[c][:500] for c in chosen}
        """, note="the twin: the draw is seeded, and the set's hash order still changes what it picks"),
        valid({"deep-learning/keras-tutorial/char_rnn.py": """
            text = open("nietzsche.txt").read().lower()
            chars = set(text)
            char_indices = dict((c, i) for i, c in enumerate(chars))
            model = build_lstm(len(chars))
            model.fit(encode(text, char_indices), epochs=1)
            print(sample(model, char_indices))
        """}, note="held-out set 12: a tutorial's char-RNN numbers its characters in set order and trains and "
                   "samples in the same run; a checklist question in teaching material, not a finding"),
        invalid({"deep-learning/keras/char_rnn.py": """
            text = open("nietzsche.txt").read().lower()
            chars = set(text)  # expect: SEED008
            char_indices = dict((c, i) for i, c in enumerate(chars))
            model = build_lstm(len(chars))
            model.fit(encode(text, char_indices), epochs=1)
            print(sample(model, char_indices))
        """}, note="the twin outside a tutorial folder"),
        invalid("""
            import json
            from datasets import load_dataset

            def main(args):
                rows = load_dataset(args.data, split="train")
                questions = list(set(rows["question"]))  # expect: SEED008
                texts = [template.format(q=q) for q in questions]
                outputs = generate(texts, seed=args.seed)
                records = []
                for i, out in enumerate(outputs):
                    records.append({"question": questions[i], "answer": out})
                with open(f"{args.out}/samples_seed{args.seed}.json", "w") as f:
                    json.dump(records, f)
        """, note="rows in set order written to a file per seed, which runs are combined from by position"),
        valid("""
            import json
            from datasets import load_dataset

            def main(args):
                rows = load_dataset(args.data, split="train")
                questions = sorted(set(rows["question"]))
                records = [{"question": q, "answer": generate(q, seed=args.seed)} for q in questions]
                with open(f"{args.out}/samples_seed{args.seed}.json", "w") as f:
                    json.dump(records, f)
        """, note="near miss: sorted first"),
        valid("""
            import json

            def main(args, rows):
                questions = list(set(rows))
                records = [{"question": q, "answer": generate(q)} for q in questions]
                with open(f"{args.out}/samples.json", "w") as f:
                    json.dump(records, f)
        """, note="near miss: one output file, not one per run"),
        valid("""
            import json

            def build(lines, out_path):
                pairs = list(set(tuple(line.split()) for line in lines))
                pairs = [{"source": a, "target": b} for a, b in pairs]
                kept = []
                for k, pair in enumerate(pairs):
                    if pair["source"] != pair["target"]:
                        kept.append(pairs[k])
                json.dump(kept, open(out_path, "w"))
        """, note="near miss (held-out set 24): the position only reads the loop's own item back (`pairs[k]` "
                  "is `pair`): no id, no subset by position, and one output file"),
        invalid("""
            import json

            def build(lines, targets, out_path):
                pairs = list(set(tuple(line.split()) for line in lines))  # expect: SEED008
                kept = []
                for k, pair in enumerate(pairs):
                    kept.append({"source": pair[0], "target": targets[k]})
                json.dump(kept, open(out_path, "w"))
        """, note="the twin: the position reads another list, pairing its items with the set's by position"),
        valid("""
            import json
            import random

            def build(args, shards, held_out_lines):
                held_out = set(held_out_lines)
                with open(f"{args.out}/finetune_{args.seed}.jsonl", "w") as out:
                    for shard in shards:
                        lines = [line for line in shard if line not in held_out]
                        random.shuffle(lines)
                        for line in lines[:500]:
                            out.write(json.dumps(line) + "\\n")
        """, note="near miss: the set only answers membership (`line not in held_out`); the rows keep the shard's order"),
        invalid("""
            import json

            def build(args, shards, held_out_lines):
                held_out = set(held_out_lines)  # expect: SEED008
                kept = [line for line in held_out if line.strip()]
                with open(f"{args.out}/finetune_{args.seed}.jsonl", "w") as out:
                    for line in kept[:500]:
                        out.write(json.dumps(line) + "\\n")
        """, note="the rows are the set's items, in its order, cut at 500 and written to a file per seed"),
        invalid("""
            classes = list(set(df["label"]))  # expect: SEED008
            label2id = {c: i for i, c in enumerate(classes)}
        """),
        invalid("""
            import torch
            def encode_tags(rows):
                tags = list({r["tag"].upper() for r in rows})  # expect: SEED008
                y = torch.tensor([tags.index(r["tag"].upper()) for r in rows])
                return y, tags
        """, note="a set comprehension's order gives the class ids through `.index`; a saved head maps them differently next run"),
        valid("""
            import torch
            def encode_tags(rows):
                tags = sorted({r["tag"].upper() for r in rows})
                y = torch.tensor([tags.index(r["tag"].upper()) for r in rows])
                return y, tags
        """, note="near miss: sorted first, the ids are the same every run"),
        valid("""
            def winning(cards):
                hands = [Pair(card) for card in set(cards) if cards.count(card) >= 2]
                for ix, first in enumerate(hands):
                    for second in hands[ix + 1:]:
                        hands.append(TwoPair(first.card, second.card))
                return sorted(hands)
        """, note="the index only starts the rest of the list: every pair, whatever the order"),
        invalid("""
            def pairs(names):
                people = list(set(names))  # expect: SEED008
                for ix, first in enumerate(people):
                    for second in people[ix + 1:]:
                        print(ix, first, second)
                    ids[first] = ix
        """, note="near miss: the index is also kept as an id"),
        invalid("""
            options = {"cat", "dog", "bird"}  # expect: SEED008
            prompt = "Choose one of: " + ", ".join(options)
        """, note="prompt text in hash order"),
        valid("""
            def with_imports(program, packages):
                used = set()
                for pkg in packages:
                    if pkg + "." in program:
                        used.add('"' + pkg + '"')
                header = ""
                if used:
                    header = "import (\\n" + "\\n".join(["    " + p for p in used]) + "\\n)\\n"
                return header + program
        """, note="the lines of a Go import block: the compiler reads them in any order"),
        valid("""
            modules = {m.split(".")[0] for m in needed}
            preamble = "\\n".join(f"import {m}" for m in modules)
        """, note="Python import lines, one per item"),
        valid("""
            def to_check_program(entry_point, body):
                imports = set()
                if entry_point == "find_zero":
                    imports.add("import math")
                if "re." in body:
                    imports.add("import re")
                return "\\n".join(imports) + "\\n" + body
        """, note="a set filled with import lines elsewhere in the function, joined into generated code"),
        valid("""
            def to_sparql(triples):
                entities = set()
                clauses = []
                for subject, relation, obj in triples:
                    clauses.append(f"?x ns:{relation} ns:{obj} .")
                    entities.add(obj)
                for entity in entities:
                    clauses.append(f"FILTER (?x != ns:{entity})")
                clauses.insert(0, "PREFIX ns: <http://rdf.freebase.com/ns/>")
                return "\\n".join(clauses)
        """, note="one FILTER clause per item of a query: the filters hold together, in any order"),
        invalid("""
            def to_prompt(triples):
                entities = set()  # expect: SEED008
                lines = []
                for subject, relation, obj in triples:
                    entities.add(obj)
                for entity in entities:
                    lines.append(f"Is {entity} the answer?")
                return "\\n".join(lines)
        """, note="near miss: the items listed as questions in a prompt, where their order is part of the text"),
        invalid("""
            def with_hints(question, packages):
                used = set()  # expect: SEED008
                for pkg in packages:
                    if pkg in question:
                        used.add(pkg)
                return "You may import these packages:\\n" + "\\n".join(["- " + p for p in used]) + "\\n" + question
        """, note="near miss: the same set listed in a prompt the model reads, where the order is part of the text"),
        invalid("""
            names = set()  # expect: SEED008
            for row in rows:
                names.add(row["name"])
            held_out = list(names)[:50]
        """),
        valid("""
            classes = sorted(set(df["label"]))
            label2id = {c: i for i, c in enumerate(classes)}
        """),
        valid("""
            seen = set(train_ids)
            overlap = [i for i in test_ids if i in seen]
            print(len(seen), len(set(a) & set(b)))
        """, note="membership and counting"),
        valid("""
            import random
            random.seed(2020)
            sources = graph_df.u.values
            test_node_set = set(sources[timestamps > val_time])
            new_test_node_set = set(random.sample(test_node_set, 100))
            val_new_node_set = set(list(new_test_node_set)[:50])
        """, note="held-out set 15 (tgn): a set of graph node ids, integers whose order is fixed; a question at most"),
        invalid("""
            import numpy as np

            def random_forest(nodes, num_roots, seed):
                np_rng = np.random.default_rng(seed)
                roots = set(np_rng.choice(nodes, num_roots, replace=False).tolist())  # expect: SEED008
                return np_rng.choice(list(roots))
        """, note="regression (openai/evals): a set of node names is strings, not integer ids"),
        invalid("""
            import random
            random.seed(2020)
            words = df.token.values
            test_words = set(words[df.split == "test"])  # expect: SEED008
            kept = set(random.sample(test_words, 100))  # the second set of the scope: named by the first finding
            val_words = set(list(kept)[:50])
        """, note="near miss: the same sampling over a set of words, whose string hashes order it per run"),
        valid("""
            folds = list(set(range(10)))
            first = folds[:3]
        """, note="a set of integers has a fixed order"),
        valid("""
            import itertools
            import random
            idcs = list(range(len(arr)))
            orders = list(set([p for p in itertools.permutations(idcs) if ok(p)]))
            pick = random.Random(0).choice(orders)
            pairs = list({(i, j) for i in range(n) for j in range(i)})[:100]
        """, note="sets of integers and of tuples of integers keep their order between runs"),
        valid("""
            import random

            def permutation_keys():
                keys = []
                for rx in range(4):
                    for fx in (0, 1):
                        transpose = 0
                        key = ((rx, rx), fx, transpose)
                        keys.append(key)
                return set(keys)

            def random_key():
                return random.Random(0).choice(list(permutation_keys()))
        """, note="a list appended only tuples of loop integers: its set keeps its order"),
        valid("""
            from random import randrange

            def cluster_mask(sequence_len, mask_size, width, cluster=3):
                mask_id = []
                while len(set(mask_id)) <= mask_size:
                    start = randrange(sequence_len)
                    block = []
                    for i in range(cluster):
                        for j in range(cluster):
                            cand = start + width * i + j
                            if 0 < cand < sequence_len:
                                block.append(cand)
                    mask_id = mask_id + block
                mask_id = list(set(mask_id))[:mask_size]
                return mask_id
        """, note="near miss (held-out set 24): patch indices computed by arithmetic on integers; a set of numbers "
                  "keeps its order between runs"),
        invalid("""
            def first_tags(rows, k):
                tags = []
                for row in rows:
                    tags = tags + row["tags"]
                return list(set(tags))[:k]  # expect: SEED008
        """, note="the twin: a list joined from the rows' tags, strings whose set order changes per run"),
        invalid("""
            import random

            def candidates(passage_entities, answers, k, seed=42):
                shuffler = random.Random(seed)
                entities = set()  # expect: SEED008
                for name in passage_entities:
                    entities.add(name)
                gold = set()
                for answer in answers:
                    gold.add(answer)
                negatives = [e for e in entities if e not in gold]
                shuffler.shuffle(negatives)
                labelled = [(a, 1) for a in gold] + [(e, 0) for e in negatives[:k]]
                return [(i, text, label) for i, (text, label) in enumerate(labelled)]
        """, note="held-out set 24: two sets of strings in one function feed one seeded shuffle and one numbering: "
                  "one decision (sort them), one finding naming the other set"),
        invalid("""
            import random

            def permutation_keys(names):
                keys = []
                for rx in range(4):
                    for name in names:
                        keys.append((rx, name))
                return set(keys)  # expect: SEED008

            def random_key(names):
                return random.Random(0).choice(list(permutation_keys(names)))
        """, note="near miss: the tuples hold strings too"),
        invalid("""
            import itertools
            pairs = list(set(itertools.combinations(model_names, 2)))  # expect: SEED008
            judged = pairs[:50]
        """, note="tuples of strings hash by their strings"),
        valid("""
            import pandas as pd
            frame = pd.read_csv("questions.csv")
            frame["distinct_chars"] = frame["q1"].apply(lambda x: len("".join(set(str(x).replace(" ", "")))))
        """, note="the joined set is only counted"),
        invalid("""
            import pandas as pd
            frame = pd.read_csv("questions.csv")
            frame["chars"] = frame["q1"].apply(lambda x: "".join(set(str(x).replace(" ", ""))))  # expect: SEED008
        """, note="the twin: the joined text itself is kept as a feature"),
        valid("""
            for name in set(names):
                process(name)
            sizes = {len(row) for row in rows}
            assert len(sizes) == 1
            width = list(sizes)[0]
        """, note="each item handled on its own; the only element of a set"),
        valid("""
            import matplotlib.pyplot as plt
            names = set(runs["model"])
            for name, color in zip(names, palette):
                plt.plot(curves[name], color=color, label=name)
        """, note="which series gets which colour decides no result"),
        valid("""
            import numpy as np
            from sklearn.manifold import TSNE
            words = list(set(w for doc in corpus for w in doc.split()))
            vectors = np.array([embed(w) for w in words])
            points = TSNE(n_components=2, random_state=0).fit_transform(vectors)
            labels = words
            for word, x, y in zip(labels, points[:, 0], points[:, 1]):
                print(word, x, y)
        """, note="near miss: the zipped array is computed from the same list, row by row, so the pairs agree"),
        invalid("""
            import numpy as np
            words = list(set(w for doc in corpus for w in doc.split()))  # expect: SEED008
            vectors = np.load("vectors.npy")
            table = dict(zip(words, vectors))
        """, note="an array saved in some earlier order, paired with the set's order of this run"),
        invalid("""
            words = list(set(tokens))  # expect: SEED008
            counts = [frequency[t] for t in tokens]
            table = dict(zip(words, counts))
        """, note="near miss of the derived case: the partner comes from what the set was made of, in its own order"),
        valid("""
            import numpy as np
            names = list(set(sum(names_per_run, [])))
            rows = []
            for run_scores in scores_per_run:
                by_name = dict(run_scores)
                rows.append([by_name[n] for n in names])
            merged = []
            for column in zip(*rows):
                merged.append(np.mean(column))
            table = dict(zip(names, merged))
        """, note="near miss: the partner is appended row by row from lookups in the set's own order, so the pairs agree"),
        invalid("""
            import numpy as np
            import onnxruntime as ort
            test = load_table("data/test.csv")
            classes = list(set(test["label"]))  # expect: SEED008
            logits = ort.InferenceSession("clf.onnx").run(["logits"], {"x": features(test)})[0]
            pred = [classes[i] for i in logits.argmax(axis=1)]
            print(np.mean([p == t for p, t in zip(pred, test["label"])]))
        """, note="probe 21: the model's output positions are mapped to labels in the set's order, which changes per process"),
        valid("""
            import numpy as np
            import onnxruntime as ort
            test = load_table("data/test.csv")
            classes = sorted(set(test["label"]))
            logits = ort.InferenceSession("clf.onnx").run(["logits"], {"x": features(test)})[0]
            pred = [classes[i] for i in logits.argmax(axis=1)]
            print(np.mean([p == t for p, t in zip(pred, test["label"])]))
        """, note="near miss: the labels are sorted before positions are read from them"),
        valid("""
            labels = list(set(rows["label"]))
            for i in range(len(labels)):
                print(labels[i], counts[labels[i]])
        """, note="near miss: the list's own positions, walked in order, name each label with its count"),
        invalid("""
            import numpy as np
            names = list(set(sum(names_per_run, [])))  # expect: SEED008
            rows = []
            for run_scores in scores_per_run:
                rows.append([score for _, score in run_scores])
            table = dict(zip(names, rows[0]))
        """, note="the partner is appended in each run's own order, not the set's"),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        self._appended(node)
        super().visit_Call(node)
        self._per_run_write(node)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        super().visit_Subscript(node)
        if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
            return
        source = _model_position(node.slice[0].slice.value, self.ctx.parents)
        if source is None:
            return
        origin = self.unordered(node.value)
        if origin is not None:
            shown = " ".join(self.ctx.code(source).split())[:60].replace("{", "{{").replace("}", "}}")
            self._report(origin, node, f"its positions are read as the classes of a model's output (`[{{code}}]`, "
                                       f"the index from `{shown}`, line {{line}})")

    def _per_run_write(self, node: cst.Call) -> None:
        """`json.dump(rows, f)` into `output_{args.seed}.json`, `rows` made from the set: every run (one per
        seed, each its own process and string-hash seed) writes the items in another order."""
        found = written(node, self.qualified_name(node.func))
        if found is None:
            return
        obj, target = found
        assigned = self.__dict__.get("_order_from", {})
        field = run_field(opened_path(target, self.ctx.parents), assigned.get, self.ctx.code)
        if field is None:
            return
        derived = self._derived({dotted(n) for n in _names_in(obj)})
        frames = self._frames()
        origin = self.unordered(obj) or next(
            (frame[name] for frame in reversed(frames) for name in sorted(derived - {None}) if name in frame), None)
        if origin is not None:
            field = field.replace("{", "{{").replace("}", "}}")
            self._report(origin, node, f"its order becomes the order of the rows written at line {{line}} to a file "
                                       f"named per run (`{field}`): runs combined by position pair different items")

    def visit_Assign(self, node: cst.Assign) -> None:
        """`idcs = list(range(n))`: a name holding integers (a set of them has a fixed order); `keys = []`
        holds integers while every `keys.append(key)` appends integers or tuples of them."""
        if isinstance(node.value, (cst.Call, cst.SetComp, cst.Set, cst.BinaryOperation)):
            # the targets' code is generated only for a set this reports (issue 12: not every assignment's)
            self.__dict__.setdefault("_set_targets", {})[id(node.value)] = node.targets

    def leave_Assign(self, original_node: cst.Assign) -> None:
        """The targets take their new values after the value is walked (`ids = list(set(ids))[:k]` reads the old `ids`)."""
        super().leave_Assign(original_node)
        node = original_node
        integer_names: set[str] = self.__dict__.setdefault("_integer_names", set())
        empty: set[str] = self.__dict__.setdefault("_empty_lists", set())
        holds = self._integers(node.value)  # before the targets change: `ids = ids + more`
        for target in node.targets:
            if isinstance(target.target, cst.Tuple) and self._index_arrays(node.value):
                # `rows, cols = matrix.nonzero()`, `ii, jj = np.where(mask)`: one array of integer indices per axis
                integer_names.update(e.value.value for e in target.target.elements if isinstance(e.value, cst.Name))
            if isinstance(target.target, cst.Name):
                empty.discard(target.target.value)
                if holds:
                    integer_names.add(target.target.value)
                else:
                    integer_names.discard(target.target.value)
                    if isinstance(node.value, cst.List) and not node.value.elements:
                        empty.add(target.target.value)

    def visit_For(self, node: cst.For) -> None:
        """`for rx in range(4):` / `for fx in (0, 1):`: the loop variable holds integers."""
        super().visit_For(node)
        if isinstance(node.target, cst.Name) and self._integers(node.iter):
            self.__dict__.setdefault("_integer_names", set()).add(node.target.value)

    def _appended(self, node: cst.Call) -> None:
        """`keys.append(key)` to a list made empty: it holds integers while every item appended is one."""
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "append" and isinstance(func.value, cst.Name)
                and len(node.args) == 1):
            return
        name, integer_names = func.value.value, self.__dict__.setdefault("_integer_names", set())
        if self._integers(node.args[0].value) and (name in self.__dict__.get("_empty_lists", ()) or name in integer_names):
            integer_names.add(name)
        else:
            integer_names.discard(name)
        self.__dict__.get("_empty_lists", set()).discard(name)

    def _index_arrays(self, expr: cst.BaseExpression) -> bool:
        """`x.nonzero()` (numpy, scipy.sparse), `np.where(mask)` / `np.nonzero(x)` with one argument: a tuple of
        integer index arrays."""
        if not isinstance(expr, cst.Call):
            return False
        if isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "nonzero" and not expr.args:
            return True
        return self.qualified_name(expr.func) in ("numpy.where", "numpy.nonzero") and len(expr.args) == 1 \
            and expr.args[0].keyword is None and not expr.args[0].star

    def _integers(self, expr: cst.BaseExpression) -> bool:
        """Does `expr` hold integers, or tuples of integers (whose hashes do not change between runs)?"""
        if isinstance(expr, cst.Integer):
            return True
        if isinstance(expr, cst.Name):
            return expr.value in self.__dict__.get("_integer_names", ())
        if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
            return bool(expr.elements) and all(self._integers(e.value) for e in expr.elements)
        if isinstance(expr, (cst.ListComp, cst.SetComp, cst.GeneratorExp)):
            targets = {dotted(f.target) for f in _for_ins(expr.for_in)}
            element = expr.elt
            parts = element.elements if isinstance(element, cst.Tuple) else [element]
            return all(isinstance(p.value if isinstance(p, cst.Element) else p, cst.Name) for p in parts) \
                and all(self._integers(f.iter) for f in _for_ins(expr.for_in)) \
                and all(dotted(p.value if isinstance(p, cst.Element) else p) in targets for p in parts)
        if isinstance(expr, cst.BinaryOperation):
            # arithmetic on an integer gives a number (`start + width * i + j`): numbers hash the same in every
            # run; `+` and `*` also join lists and repeat strings, so a bare name on the other side must be
            # known to hold integers, or be a list made empty (`ids = ids + more`)
            sides = (expr.left, expr.right)
            known = [self._integers(side) for side in sides]
            if all(known):
                return True
            if isinstance(expr.operator, (cst.Add, cst.Multiply)):
                return any(known) and all(k or (not isinstance(side, (cst.SimpleString, cst.FormattedString, cst.List))
                                                 and not (isinstance(side, cst.Name)
                                                          and side.value not in self.__dict__.get("_empty_lists", ())))
                                          for side, k in zip(sides, known))
            return any(known) and isinstance(expr.operator, (cst.Subtract, cst.FloorDivide, cst.Divide, cst.Power,
                                                             cst.LeftShift, cst.RightShift))
        if isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Call):
            # `np.where(mask)[0]`, `np.nonzero(x)[1]`: the indices of one axis (numpy's integers hash to themselves)
            inner = expr.value
            return self.qualified_name(inner.func) in ("numpy.where", "numpy.nonzero") and len(inner.args) == 1 \
                and inner.args[0].keyword is None and not inner.args[0].star
        if isinstance(expr, cst.Call):
            name = self.qualified_name(expr.func) or ""
            if name in ("builtins.range", "numpy.arange", "builtins.len", "random.randrange", "random.randint",
                        "builtins.int", "numpy.flatnonzero", "numpy.argsort", "numpy.argmax", "numpy.argmin",
                        "numpy.argwhere"):
                return True
            if isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "tolist" and not expr.args:
                return self._integers(expr.func.value)
            args = [a.value for a in expr.args if a.keyword is None and not a.star]
            if name in _INTEGERS_KEPT and args:
                return self._integers(args[0])
        return False

    def source(self, expr: cst.BaseExpression) -> Origin | None:
        if isinstance(expr, cst.SetComp):
            if self._integers(expr):
                return None
            return Origin(expr, "{... for ...}")
        if isinstance(expr, cst.Set):
            if self._integers(expr):
                return None
            return Origin(expr, _short(self.ctx.code(expr)))
        if isinstance(expr, cst.Call) and self.qualified_name(expr.func) in ("builtins.set", "builtins.frozenset"):
            if expr.args and self._integers(expr.args[0].value):
                return None
            if expr.args and isinstance(expr.args[0].value, cst.Name):
                place = self._parameter_place(expr.args[0].value.value)
                if place is not None:
                    self.__dict__.setdefault("_param_sets", {})[id(expr)] = place
            return Origin(expr, _short(self.ctx.code(expr)))
        if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.BitOr, cst.BitAnd, cst.Subtract)):
            left, right = self.source(expr.left), self.source(expr.right)
            if left is not None and right is not None:
                return Origin(expr, _short(self.ctx.code(expr)))
        return None

    def sensitive(self, origin: Origin, use: cst.CSTNode, description: str) -> None:
        if is_test_path(self.ctx.path) or _in_error(self.ctx.parents, use) or _only_counted(self.ctx.parents, use):
            return  # a set joined into an error or a log message, or only measured: its order is no result
        if _map_within_run(self.ctx.parents, use):
            return  # ids that encode both sides of a comparison inside one function: the same order for both
        # A data builder's, a tutorial's or a plotting helper's order is a question: hygiene.analysis.purpose.
        function = self.ctx.names.function if self.ctx.names is not None else None
        reason = order_ask(self.ctx.path, function.name.value if function is not None else None)
        if not reason and unseeded_global_draw(use, self.qualified_name(use.func) if isinstance(use, cst.Call) else None,
                                               self.ctx.text):
            reason = UNSEEDED_DRAW.format(what="set")
        if not reason and _ID_LIKE.search(self._set_words(origin.node)):
            reason = _IDS
        ask = {"ask": reason} if reason else None
        # Sets of one function are one decision (sort them, or not): reported together at `finish`.
        key = (id(function) if function is not None else 0, bool(reason))
        self.__dict__.setdefault("_pending", {}).setdefault(key, []).append(
            (origin.node, {"origin": origin.what, "use": description, "extra": ask,
                           "related": [Location(self.ctx.path, self.ctx.line_of(use), "where the order decides")]}))
        if reason:
            self.__dict__.get("_param_sets", {}).pop(id(origin.node), None)

    def finish(self) -> None:
        """One finding per function (and kind of answer): the first set, naming the others."""
        for found in self.__dict__.get("_pending", {}).values():
            node, fields = found[0]
            others = [self.ctx.line_of(n) for n, _ in found[1:]]
            if others:
                fields["related"] = fields["related"] + [Location(self.ctx.path, line, "another set of this function")
                                                         for line in others]
                fields["use"] += (f"; {'one more set' if len(others) == 1 else f'{len(others)} more sets'} of this "
                                  "function (related): one decision, one finding")
            finding = self.report(node, **fields)
            places = [self.__dict__.get("_param_sets", {}).get(id(n)) for n, _ in found]
            if all(places) and not fields.get("extra"):
                # Every set of the group is made from a parameter of a top-level function: whether its items are
                # integers (whose order is fixed) is up to the callers, which the repo phase reads.
                self.ctx.findings.remove(finding)
                self.ctx.facts.setdefault(self.code, []).append({"finding": finding.to_dict(), "places": places})

    def _parameter_place(self, name: str) -> list[Any] | None:
        """[function, parameter, position] when `name` is a parameter of the top-level function being walked
        that its body never binds again; None otherwise."""
        names = self.ctx.names
        scope = names.scope if names is not None else None
        if scope is None or scope.kind != "function" or scope.parent is None or scope.parent.kind != "module":
            return None
        function = scope.node
        params = [p.name.value for p in (*function.params.posonly_params, *function.params.params)]
        if name not in params:
            return None
        for node in iter_nodes(function.body):
            if isinstance(node, cst.Assign):
                targets = [t.target for t in node.targets]
            elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.For)):
                targets = [node.target]
            else:
                continue
            if any(isinstance(n, cst.Name) and n.value == name for t in targets for n in iter_nodes(t)):
                return None  # `labels = clean(labels)`: the set is no longer made of what the callers pass
        return [function.name.value, name, params.index(name)]

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        """A set of a parameter is reported unless every caller in the repository passes integers there
        (`hygiene.analysis.integer_callers`: `encode_onehot(np.where(mask)[0])`)."""
        for _, deferred in repo.facts(cls.code):
            for item in deferred:
                if all(integer_arguments(repo, *place) for place in item["places"]):
                    continue
                repo.findings.append(Finding.from_dict(item["finding"]))

    def _set_words(self, node: cst.CSTNode) -> str:
        """The set's own text and the name it is bound to (`node_set = set(sources)`)."""
        words = self.ctx.code(node)
        targets = self.__dict__.setdefault("_set_targets", {}).get(id(node))
        bound = " ".join(self.ctx.code(t.target) for t in targets) if targets else ""
        return f"{words} {bound}" if bound else words



# A set of ids of unknown type (`set(sources)` of a graph's node ids): integer ids keep their order.
_ID_LIKE = re.compile(r"(?i)(?<![a-z])(idx|idxs|idcs|indices|src|dst|sources|destinations|"
                      r"(user|item|node|edge|entity|vertex)_?ids?)(?![a-z])|node_?set")
_IDS = ("the set holds ids whose type the code does not say: integer ids (graph nodes, row indices) keep their "
        "order between runs; only strings, bytes and objects hashed by identity change it")


# Calls that take a value out of the function's run: saved, written, dumped or sent on.
_KEEPS = frozenset({"save", "dump", "dumps", "write", "to_csv", "to_json", "save_pretrained", "savetxt",
                    "register_buffer", "setattr"})


def _map_within_run(parents: Any, use: cst.CSTNode) -> bool:
    """Is `use` (the `enumerate(...)` of `m = {l: i for i, l in enumerate(labels)}` in a function) a map of
    ids that never leaves the function and encodes at least two values there (`truth.append(m[gold])`,
    `predicted.append(m[pred])`)? Both sides get their ids from one run's order, so a comparison of them
    (an accuracy, a report with the names) is the same whatever that order is. A map that is returned,
    stored, passed whole, saved, or that indexes something else (`logits[:, m[gold]]`: a model's outputs,
    ordered by another run) is not."""
    chain = list(parents)
    try:
        at = next(i for i in range(len(chain) - 1, -1, -1) if isinstance(chain[i], cst.DictComp))
    except StopIteration:
        return False
    if at < 1 or not isinstance(chain[at - 1], cst.Assign) or len(chain[at - 1].targets) != 1 \
            or not isinstance(chain[at - 1].targets[0].target, cst.Name):
        return False
    name = chain[at - 1].targets[0].target.value
    function = next((p for p in reversed(chain[:at]) if isinstance(p, cst.FunctionDef)), None)
    if function is None:
        return False
    tables = _slot_tables(function, chain[at])
    if any(isinstance(node, (cst.Return, cst.Yield)) and node.value is not None and any(
            isinstance(n, cst.Name) and n.value in tables for n, _, _ in _with_parents(node.value))
            for node, _, _ in _with_parents(function.body)):
        tables = frozenset()  # the table leaves the function laid out in this run's order
    up = {id(child): node for node, _, _ in _with_parents(function.body) for child in node.children} if tables else {}
    lookups = 0
    for node, parent, grand in _with_parents(function.body):
        if isinstance(node, cst.Call):
            tail = node.func.attr.value if isinstance(node.func, cst.Attribute) else \
                node.func.value if isinstance(node.func, cst.Name) else ""
            if tail in _KEEPS:
                return False
        if not (isinstance(node, cst.Name) and node.value == name):
            continue
        if isinstance(parent, cst.AssignTarget) and isinstance(grand, cst.Assign) and grand is chain[at - 1]:
            continue
        if isinstance(parent, cst.Subscript) and parent.value is node:
            if isinstance(grand, (cst.Index, cst.SubscriptElement)) and not _indexes_table(up, grand, tables):
                return False  # `logits[:, m[gold]]`: the id picks a model output of a fixed order
            lookups += 1
            continue
        if isinstance(parent, cst.Arg) and _passed_with_table(up, parent, tables):
            lookups += 1  # `evaluate(slots, counts, m)`: the map travels with the table it laid out
            continue
        return False  # returned, stored, passed on, or iterated
    return lookups >= 2


def _slot_tables(function: cst.FunctionDef, comp: cst.DictComp) -> frozenset[str]:
    """Names the function binds to one empty slot per item of the set the map enumerates
    (`slots = [[] for _ in range(len(labels))]`, `[0] * len(labels)`): a table laid out by the map,
    written and read through it, so no position in it means anything by itself."""
    it = comp.for_in.iter
    if not (isinstance(it, cst.Call) and isinstance(it.func, cst.Name) and it.func.value == "enumerate"
            and it.args and isinstance(it.args[0].value, cst.Name)):
        return frozenset()
    items = it.args[0].value.value

    def sized(expr: cst.BaseExpression) -> bool:
        return isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value == "len" \
            and len(expr.args) == 1 and isinstance(expr.args[0].value, cst.Name) and expr.args[0].value.value == items

    names = set()
    for node, _, _ in _with_parents(function.body):
        if not (isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name)):
            continue
        value = node.value
        if isinstance(value, cst.ListComp) and isinstance(value.for_in.iter, cst.Call) \
                and isinstance(value.for_in.iter.func, cst.Name) and value.for_in.iter.func.value == "range" \
                and len(value.for_in.iter.args) == 1 and sized(value.for_in.iter.args[0].value) \
                or isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Multiply) \
                and isinstance(value.left, cst.List) and sized(value.right):
            names.add(node.targets[0].target.value)
    return frozenset(names)


def _indexes_table(up: dict[int, cst.CSTNode], index: cst.CSTNode, tables: frozenset[str]) -> bool:
    """Is `index` (the `[m[k]]` of a subscript) the index of a slot table (`slots[m[k]]`)? `up`: each
    node's parent."""
    holder = up.get(id(index))
    if isinstance(holder, cst.SubscriptElement):
        holder = up.get(id(holder))
    return isinstance(holder, cst.Subscript) and isinstance(holder.value, cst.Name) and holder.value.value in tables


def _passed_with_table(up: dict[int, cst.CSTNode], arg: cst.Arg, tables: frozenset[str]) -> bool:
    """Is `arg` (the map, passed whole) an argument of a call that also receives a slot table?"""
    call = up.get(id(arg))
    return isinstance(call, cst.Call) and any(
        isinstance(a.value, cst.Name) and a.value.value in tables for a in call.args if a is not arg)


def _with_parents(root: cst.CSTNode) -> Any:
    """Every node under `root`, with its parent and the parent's parent (for a name in `m[x]`: the
    subscript, and what holds the subscript)."""
    stack: list[tuple[cst.CSTNode, Any, Any]] = [(root, None, None)]
    while stack:
        node, parent, grand = stack.pop()
        yield node, parent, grand
        stack.extend((child, node, parent) for child in node.children)


def _only_counted(parents: Any, use: cst.CSTNode) -> bool:
    """Is `use` (a `"".join(...)`) only measured: `len("".join(set(text)))` counts distinct characters,
    whatever their order?"""
    chain = [p for p in parents if p is not use]
    for i in range(len(chain) - 1, 0, -1):
        arg, call = chain[i], chain[i - 1]
        if isinstance(arg, cst.Arg) and arg.value is use:
            return isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value == "len"
    return False


def _in_error(parents: Any, use: cst.CSTNode) -> bool:
    """Is `use` (a `", ".join(...)`) part of an error or log message: raised, handled in an `except`
    block, or passed to an exception, `warnings.warn` or a logger?"""
    if not isinstance(use, cst.Call) or not (isinstance(use.func, cst.Attribute) and use.func.attr.value == "join"):
        return False
    for parent in parents:
        if isinstance(parent, (cst.Raise, cst.ExceptHandler)):
            return True
        if isinstance(parent, cst.Call):
            callee = dotted(parent.func) or ""
            tail = callee.rsplit(".", 1)[-1]
            if tail.endswith(("Error", "Exception", "Warning")) or tail == "warn" or \
                    callee.split(".", 1)[0].lower() in ("logger", "logging", "log"):
                return True
    return False


# Calls whose items are integers (or tuples of them) when their first argument's are.
_INTEGERS_KEPT = frozenset({"builtins.list", "builtins.tuple", "builtins.sorted", "builtins.set", "builtins.reversed",
                            "itertools.permutations", "itertools.combinations", "itertools.product",
                            "itertools.combinations_with_replacement"})


def _for_ins(comp_for: cst.CompFor | None) -> list[cst.CompFor]:
    found = []
    while comp_for is not None:
        found.append(comp_for)
        comp_for = comp_for.inner_for_in
    return found


def _short(code: str) -> str:
    code = " ".join(code.split())
    return code if len(code) <= 50 else code[:47] + "..."


# Calls whose result is a position in a model's output: an argmax over class scores, a top-k.
_POSITION_CALLS = frozenset({"argmax", "argmin", "argsort", "topk", "nanargmax"})


def _model_position(index: cst.BaseExpression, parents: Any) -> cst.BaseExpression | None:
    """The expression a subscript's index comes from when it is a position a model produced:
    `classes[logits.argmax()]`, or `classes[i]` with `i` bound by `for i in logits.argmax(axis=1)`
    (a loop or a comprehension). Positions of the list itself (`range(len(classes))`) are not."""
    if isinstance(index, cst.Call) and _calls_position(index):
        return index
    if not isinstance(index, cst.Name):
        return None
    for parent in reversed(parents):
        loops = [parent] if isinstance(parent, cst.For) else []
        if isinstance(parent, (cst.ListComp, cst.GeneratorExp, cst.SetComp, cst.DictComp)):
            loop = parent.for_in
            while loop is not None:
                loops.append(loop)
                loop = loop.inner_for_in
        for loop in loops:
            if isinstance(loop.target, cst.Name) and loop.target.value == index.value:
                return loop.iter if _calls_position(loop.iter) else None
    return None


def _calls_position(expr: cst.BaseExpression) -> bool:
    for node in iter_nodes(expr):
        if isinstance(node, cst.Call):
            func = node.func
            tail = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
            if tail in _POSITION_CALLS:
                return True
    return False

