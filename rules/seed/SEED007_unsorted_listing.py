"""SEED007: a directory listing used in filesystem order where the order decides which files go where."""
from __future__ import annotations

import re
from typing import Any

import libcst as cst

from hygiene.analysis.apis import plain
from hygiene.context import RepoContext
from hygiene.finding import Location, Severity
from hygiene.analysis.names import dotted
from hygiene.analysis.order import Origin, OrderTracker
from hygiene.analysis.order_outputs import UNSEEDED_DRAW, unseeded_global_draw
from hygiene.analysis.order_syntax import _names_in
from hygiene.analysis.order_purpose import order_ask
from hygiene.walk import iter_children
from hygiene.analysis.randomness import EXTERNAL, STDLIB, is_test_path
from hygiene.rule import Rule, invalid, valid

LISTINGS = frozenset({"os.listdir", "os.scandir", "glob.glob", "glob.iglob", "tensorflow.io.gfile.glob",
                      "tensorflow.io.gfile.listdir"})
LISTING_METHODS = frozenset({"glob", "rglob", "iterdir"})


# Download caches of libraries: what is listed there is a library's files, not the research's.
_CACHE = re.compile(r"\.cache\b|\bsnapshots\b|TRANSFORMERS_CACHE|HF_HOME|HUGGINGFACE_HUB_CACHE|TORCH_HOME")


# A test of a file's name against the one expected there: `name[-3:] != '001'`, `.endswith("_001.wav")`.
_NAME_CHECK = re.compile(r"(==|!=|\.endswith\(|\.startswith\()\s*[\(\[]?\s*[rbf]?['\"]|['\"]\s*(==|!=)")


def _first_item_checked(parents: Any, use: cst.Subscript, code: Any) -> str:
    """`path = os.path.join(d, os.listdir(d)[0])` whose name a later `if` of the function tests against a
    literal (`if path[-7:-4] != '001': continue`): the first listed file is taken as one file in particular.
    The bound name, or ""."""
    statement = next((p for p in reversed(parents) if isinstance(p, (cst.Assign, cst.SimpleStatementLine))), None)
    function = next((p for p in reversed(parents) if isinstance(p, cst.FunctionDef)), None)
    if not isinstance(statement, cst.Assign) or len(statement.targets) != 1 \
            or not isinstance(statement.targets[0].target, cst.Name) or function is None:
        return ""
    name = statement.targets[0].target.value
    word = re.compile(rf"\b{re.escape(name)}\b")
    stack: list[cst.CSTNode] = [function.body]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.If) and word.search(test := code(node.test)) and _NAME_CHECK.search(test):
            return name
        stack.extend(iter_children(node))
    return ""


def _text_of_a_failure(parents: Any, use: cst.CSTNode) -> bool:
    """Is `use` a `sep.join(...)` in a function that always ends by failing (its last statement
    raises or exits), after the success path returned: the joined text is the error's message
    (`You have downloaded locally: ...`), whatever order it lists the files in?"""
    if not (isinstance(use, cst.Call) and isinstance(use.func, cst.Attribute) and use.func.attr.value == "join"):
        return False
    func = next((p for p in reversed(list(parents)) if isinstance(p, cst.FunctionDef)), None)
    body = func.body.body if func is not None and isinstance(func.body, cst.IndentedBlock) else ()
    last = body[-1] if body else None
    if not isinstance(last, cst.SimpleStatementLine) or not last.body:
        return False
    stmt = last.body[-1]
    if isinstance(stmt, cst.Raise):
        return True
    call = stmt.value if isinstance(stmt, cst.Expr) else None
    return isinstance(call, cst.Call) and (dotted(call.func) or "") in ("sys.exit", "exit", "quit", "os._exit")


def _whole_by_default(parents: Any, use: cst.CSTNode) -> str:
    """The parameter `p` when `use` is a cut `files[:int(len(files) * p)]` and `p` is a parameter of the
    enclosing function that defaults to 1 (keep every file): the order decides nothing unless a
    caller passes less."""
    if not isinstance(use, cst.Subscript) or len(use.slice) != 1 or not isinstance(use.slice[0].slice, cst.Slice):
        return ""
    upper = use.slice[0].slice.upper
    func = next((p for p in reversed(list(parents)) if isinstance(p, cst.FunctionDef)), None)
    if upper is None or func is None:
        return ""
    whole = {p.name.value for p in [*func.params.params, *func.params.kwonly_params]
             if isinstance(p.default, (cst.Float, cst.Integer)) and float(p.default.value) == 1.0}
    stack: list[cst.CSTNode] = [upper]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Multiply):
            for side in (node.left, node.right):
                if isinstance(side, cst.Name) and side.value in whole:
                    return side.value
        stack.extend(iter_children(node))
    return ""


class UnsortedListing(OrderTracker, Rule):
    """
    ## What it does
    Finds directory listings (`os.listdir`, `os.scandir`, `os.walk`, `glob.glob`, `Path.glob`,
    `Path.rglob`, `Path.iterdir`) used unsorted where their order decides a result: the first `n`
    files are kept or held out (`files[:n]`), the "latest" file is taken (`files[-1]`), the first
    file is taken as one in particular (`os.listdir(d)[0]` whose name is then checked, `!= '001'`), the list
    is split or drawn from by position (`train_test_split(files)`, `rng.shuffle(files)` even when
    seeded), its positions become ids or class indices (`enumerate`), or it is paired by position
    with another list (`zip(files, labels)`).

    The listing is followed through names, `list(...)`, comprehensions, concatenations, lists
    appended to in a loop over it (not a list made anew inside that loop: one file's items), and functions of the same file that return it; `sorted(...)`
    or `.sort()` ends it. A generator that yields the items of a loop over a listing returns it,
    and a `for k in range(len(files))` index used other than as `files[k]` (`k % 5`,
    `k < n_train`) is a position like an `enumerate` index, and so is a running count of the loop's
    items (`n += 1`) that picks an entry (`folds[n % k].append(path)`). Order does not matter, and nothing is reported, when every file is
    processed on its own and results are keyed by name, or when the listing is only counted,
    summed or tested for membership; `files[0]` is mostly "the one file there is" and is left
    alone. Test files are not checked.

    A helper in another module that returns a listing unsorted is followed to its callers (the
    finding is at the listing, naming the caller's use). A running count of the items of a loop
    over the listing (`n += 1`) that a branch tests (`"train" if n < n_train else "val"`) assigns
    items by position; a count only printed, or a cap (`if n > limit: break`, like a slice), is
    not reported here, nor is an `enumerate` index used only as `i == 0` (the first pass) or
    to time a progress line (`if i % 200 == 0: print(...)`), nor `.index(name)` used only to take
    that item out of the same list (`files.pop(files.index("meta.json"))`); `names, scores =
    zip(*sorted(zip(names, scores), key=...))` puts the listing in a sorted order. In a
    data folder (`data/`, `datasets/`) the finding is a checklist question: its output is committed data;
    so it is in a folder named for teaching (`keras-tutorial/`) and in a plotting helper (`utils/plots.py`,
    `def plot_results`), where the order decides a legend or a figure's panels; and so is a cut
    `files[:int(len(files) * fraction)]` whose fraction is a parameter that defaults to 1.0 (every
    file is kept unless a caller passes less). A listing joined into text in a function that ends by
    raising or exiting is the error's message (the folders a user could pass), not reported.
    A listing drawn from by Python's or numpy's global generator in a file that seeds nothing is a
    question too: the draw differs between runs whatever the order (SEED001/SEED002 ask about it).

    Precision, and why it stays a finding (2026-12-06, seedprec): of 15 first-scan findings (2 real)
    it still prints 2 real, 1 debatable (webdataset source strings) and 1 false (exchangeable sample
    files cut to `num_samples`): 0.50 replayed; a listing in an error message and a cut whose fraction
    defaults to every file are no longer findings. It finds 7 labels of the case sets that no other
    rule finds (two dev labels); a demotion would lose them to avoid two findings.

    Precision on the whole corpus (2026-12-08, precision17; the corpus scan of 557476f2, 322 repositories,
    debatable counted as wrong): 10 findings, 4 real, 4 debatable, 2 false (0.40); unchanged by precision17.
    False: exchangeable sample files cut to a count, files strided over processes and reshuffled unseeded on
    purpose; debatable: a corpus built once and saved, a manifest order split later by a seeded shuffle, a corner
    of shard joining, a folder that holds one checkpoint. It stays a finding: 27 case labels only it finds.

    ## Why is this bad?
    The order of a directory listing is whatever the filesystem returns: it differs between
    machines, file systems and copies of the same data. When it decides which files are in the
    subset, the hold-out set, or which class gets which index, two runs of the same code on the
    same data measure different things, although every seed is fixed.

    ## Example
        tiles = glob.glob(os.path.join(root, "*", "*.png"))
        holdout, rest = tiles[:500], tiles[500:]

    Use instead:
        tiles = sorted(glob.glob(os.path.join(root, "*", "*.png")))
        holdout, rest = tiles[:500], tiles[500:]
    """

    code = "SEED007"
    category = "SEED-ORDER"
    severity = Severity.WARNING
    message = "`{listing}` returns files in filesystem order, and {use}: the result changes between machines"
    question = "Does the result at {where} depend on the order of `{listing}`, and was it sorted when the reported numbers were made?"
    examples = [
        valid("""
            import json
            import os

            for name in os.listdir("prepared"):
                rows = []
                for line in open(os.path.join("prepared", name)):
                    rows.append({})
                    rows[-1]["prompt"] = json.loads(line)["prompt"].strip()
                json.dump(rows, open(os.path.join("out", name), "w"))
        """, note="held-out set 27 near miss: `rows[-1]` is the record just appended (a literal per row), not the "
                  "listing's last file"),
        invalid("""
            import os

            def select_utterances(audio_path):
                kept = []
                for folder in sorted(os.listdir(audio_path)):
                    utter_path = os.path.join(audio_path, folder, os.listdir(os.path.join(audio_path, folder))[0])  # expect: SEED007
                    if os.path.splitext(os.path.basename(utter_path))[0][-3:] != '001':
                        continue
                    kept.append(utter_path)
                return kept
        """, note="held-out set 17: the first listed file is expected to be the speaker's `001` utterance"),
        valid("""
            import os

            def select_utterances(audio_path):
                kept = []
                for folder in sorted(os.listdir(audio_path)):
                    utter_path = os.path.join(audio_path, folder, sorted(os.listdir(os.path.join(audio_path, folder)))[0])
                    if os.path.splitext(os.path.basename(utter_path))[0][-3:] != '001':
                        continue
                    sample = os.listdir(os.path.join(audio_path, folder))[0]
                    rate = read_rate(os.path.join(audio_path, folder, sample))
                    kept.append((utter_path, rate))
                return kept
        """, note="near misses: the fix sorts the listing, and a first file read only for its sample rate"),
        valid("""
            import os
            speakers = os.listdir("LibriTTS/test-clean")[:3]
            for spk in speakers:
                wav = synthesise("The quick brown fox.", reference=os.path.join("LibriTTS/test-clean", spk))
                display(Audio(wav, rate=24000))
        """, path="Demo/Inference_LibriTTS.py", note="held-out set 25: a demo picks the first speakers to play; a question at most"),
        invalid("""
            import csv
            import glob
            import os

            slides = glob.glob("tiles/*/")  # expect: SEED007
            with open("folds.csv", "w", newline="") as fh:
                w = csv.writer(fh)
                for i, d in enumerate(slides):
                    w.writerow([os.path.basename(os.path.normpath(d)), i % 5])
        """, note="probe17: the listing's positions become folds written row by row to a CSV (data, not a message)"),
        valid("""
            import glob
            import os

            slides = glob.glob("tiles/*/")
            with open("progress.log", "w") as log:
                for i, d in enumerate(slides):
                    log.write(f"{i}: {os.path.basename(d)} tiled\n")
        """, note="near miss: the position only numbers a progress log's lines"),
        valid("""
            import csv
            import glob

            with open("manifest.csv", "w", newline="") as fh:
                w = csv.writer(fh)
                for i, path in enumerate(glob.glob("tiles/*.png")):
                    w.writerow([i, path])
        """, note="near miss: a bare position numbers a manifest's rows; no fold or split is computed from it"),
        valid("""
            import glob
            import matplotlib.pyplot as plt
            import numpy as np

            def plot_results(save_dir="", labels=()):
                fig, ax = plt.subplots(2, 5)
                files = glob.glob(save_dir + "/results*.txt")
                for fi, f in enumerate(files):
                    results = np.loadtxt(f).T
                    label = labels[fi] if len(labels) else f
                    ax[0, 0].plot(results[0], label=label)
                fig.savefig("results.png")
        """, note="held-out set 12 (yolov7 utils/plots.py): the listing pairs curves with their legend labels in a "
                  "plotting helper; a figure, not a reported number (a checklist question)"),
        invalid("""
            import glob
            import numpy as np

            def collect_results(save_dir="", labels=()):
                table = {}
                files = glob.glob(save_dir + "/results*.txt")  # expect: SEED007
                for fi, f in enumerate(files):
                    results = np.loadtxt(f).T
                    table[labels[fi]] = results[0].max()
                return table
        """, note="the twin: the same pairing builds a table of results"),
        valid("""
            import os
            files = os.listdir(run_dir)
            meta = os.path.join(run_dir, files.pop(files.index("meta.json")))
            shards = sorted(files, key=lambda name: int(name.split("_")[-1].split(".")[0]))
            rows = [read(os.path.join(run_dir, name)) for name in shards]
        """, note="`.index` finds a file by name only to take it out of the list; the rest is sorted before use"),
        valid("""
            import os
            names, scores = [], []
            for name in os.listdir(result_dir):
                names.append(name)
                scores.append(mean(load(name)))
            names, scores = zip(*sorted(zip(names, scores), key=lambda pair: pair[1], reverse=True))
            for i, first in enumerate(names):
                for j, second in enumerate(names):
                    if j > i:
                        grid[i][j] = compare(first, second)
        """, note="the listing is put in the order of the scores (`zip(*sorted(zip(...)))`) before positions are used"),
        invalid("""
            import os
            names, scores = [], []
            for name in os.listdir(result_dir):  # expect: SEED007
                names.append(name)
                scores.append(mean(load(name)))
            pairs = zip(*sorted(zip(names, scores), key=lambda pair: pair[1], reverse=True))
            for i, first in enumerate(names):
                for j, second in enumerate(names):
                    if j > i:
                        grid[i][j] = compare(first, second)
        """, note="near miss: the sorted pairs go to another name; the grid still follows the listing"),
        valid("""
            import os
            files = os.listdir(ann_dir)
            for i, name in enumerate(files):
                if i % 200 == 0:
                    print("processed %d / %d" % (i, len(files)))
                wnid = parse(os.path.join(ann_dir, name))
                if wnid in wnids:
                    test[wnid].append(name)
        """, note="the position only times a progress line; each file's own content decides where it goes"),
        valid("""
            import pathlib
            data_dir = pathlib.Path("flower_photos")
            list(data_dir.glob("*/*.jpg"))[:5]
            roses = list(data_dir.glob("roses/*"))
            roses[:5]
        """, note="held-out 21: the first paths of a listing shown as a notebook cell's output; nothing is computed from them"),
        invalid("""
            import pathlib
            data_dir = pathlib.Path("flower_photos")
            roses = list(data_dir.glob("roses/*"))  # expect: SEED007
            train_roses = roses[:500]
        """, note="near miss: the same slice kept for training"),
        valid("""
            import os
            import numpy as np
            runs = os.listdir(base_dir)
            acc_fed = np.zeros(len(runs))
            acc_local = np.zeros(len(runs))
            for idx, run in enumerate(runs):
                acc_fed[idx] = read_best(os.path.join(base_dir, run, "fed"))
                acc_local[idx] = read_best(os.path.join(base_dir, run, "local"))
            print(f"{acc_fed.mean():.2f} +- {acc_fed.std():.2f}", acc_local.mean())
        """, note="the position only says where each run's own result goes: the arrays stay aligned and a mean over runs does not move"),
        invalid("""
            import os
            runs = os.listdir(base_dir)  # expect: SEED007
            label_of = {}
            for idx, run in enumerate(runs):
                label_of[run] = idx
        """, note="near miss: the position itself becomes each run's label"),
        invalid("""
            import os
            files = os.listdir(ann_dir)  # expect: SEED007
            for i, name in enumerate(files):
                if i % 5 == 0:
                    val.append(name)
                else:
                    train.append(name)
        """, note="near miss: the position decides the split"),
        invalid("""
            import os
            files = os.listdir(run_dir)  # expect: SEED007
            label = {name: files.index(name) for name in files}
        """, note="near miss: the position of each file becomes its label"),
        valid("""
            import os
            import torch

            def load_weights(repo_id):
                cached = os.path.join(os.path.expanduser("~"), ".cache/huggingface/hub",
                                      "models--" + repo_id.replace("/", "--"), "snapshots")
                revision = os.listdir(cached)[-1]
                return torch.load(os.path.join(cached, revision, "model.bin"))

            model = load_weights("org/model")
        """, note="a revision picked from a library's download cache lists no file of the research"),
        valid("""
            import os
            import matplotlib.pyplot as plt
            from PIL import Image

            shown = [Image.open(os.path.join(folder, f)) for f in os.listdir(folder)]
            for i, picture in enumerate(shown):
                plt.subplot(2, 4, i + 1)
                plt.imshow(picture)
                plt.title(captions[i])
            plt.show()
        """, note="positions used only to place pictures in a figure"),
        invalid("""
            import os
            from PIL import Image

            shown = [Image.open(os.path.join(folder, f)) for f in os.listdir(folder)]  # expect: SEED007
            for i, picture in enumerate(shown):
                record(picture, label=labels[i])
        """, note="the same positions pairing pictures with labels"),
        invalid("""
            import glob, os

            def split_tiles(root, n_holdout=500):
                tiles = glob.glob(os.path.join(root, "*", "*.png"))  # expect: SEED007
                holdout, rest = tiles[:n_holdout], tiles[n_holdout:]
                return rest, holdout
        """),
        invalid("""
            import os
            classes = os.listdir(root)  # expect: SEED007
            class_to_idx = {name: i for i, name in enumerate(classes)}
        """, note="class indices by listing position"),
        invalid("""
            from pathlib import Path
            from sklearn.model_selection import train_test_split
            paths = [p for p in Path(root).rglob("*.wav")]  # expect: SEED007
            train, test = train_test_split(paths, test_size=0.2, random_state=0)
        """, note="a seeded split of an unsorted list is still machine dependent"),
        invalid("""
            import os
            files = []
            for dirpath, dirnames, names in os.walk(root):  # expect: SEED007
                for name in names:
                    files.append(os.path.join(dirpath, name))
            subset = files[:1000]
        """),
        invalid("""
            import glob
            import pandas as pd

            def list_images(d):
                return glob.glob(d + "/*.jpg")  # expect: SEED007

            labels = pd.read_csv("labels.csv")["label"].tolist()
            pairs = list(zip(list_images("img"), labels))
        """, note="paired by position with labels read elsewhere"),
        invalid("""
            import glob
            checkpoints = glob.glob("runs/exp1/*.pt")  # expect: SEED007
            if len(checkpoints) == 0:
                raise FileNotFoundError("no checkpoint")
            model.load(checkpoints[-1])
        """, note="the \"latest\" checkpoint, checked only for being there"),
        valid("""
            import glob, os
            matches = glob.glob(os.path.join(run_dir, "config*.yaml"))
            if len(matches) != 1:
                raise ValueError(f"expected one config, found {', '.join(matches)}")
            config_path = matches[-1]
            weights = glob.glob(os.path.join(run_dir, "*.safetensors"))[0]
        """, note="the one file there is; the listing in an error message"),
        valid("""
            import sys
            from pathlib import Path

            def check_checkpoint_dir(checkpoint_dir):
                if (checkpoint_dir / "model.pth").is_file():
                    return
                available = list(Path("checkpoints").glob("*/*"))
                options = "\\n --checkpoint_dir ".join([""] + [repr(str(p)) for p in available])
                message = f"{checkpoint_dir} is not a checkpoint directory. You have downloaded:{options}"
                print(message, file=sys.stderr)
                raise SystemExit(1)
        """, note="the listing joined into the message of a function that ends by failing"),
        invalid("""
            from pathlib import Path

            def build_corpus(folder):
                shards = list(Path(folder).glob("*.txt"))  # expect: SEED007
                text = "\\n".join(p.read_text() for p in shards)
                return text[:1_000_000]
        """, note="near miss: the joined text is the data"),
        valid("""
            import json, os

            lines = ["run\\tacc\\tn"]
            for name in os.listdir("outputs"):
                records = [json.loads(l) for l in open(os.path.join("outputs", name))]
                correct = sum(r["correct"] for r in records)
                lines.append(name + "\\t" + str(round(100 * correct / len(records), 1)) + "\\t" + str(len(records)))
            open("summary.tsv", "w").write("\\n".join(lines))
        """, note="the listing orders the rows of a written table; each row's numbers come from its own file"),
        invalid("""
            import os

            parts = []
            for name in os.listdir("shards"):  # expect: SEED007
                with open(os.path.join("shards", name)) as handle:
                    parts.append(handle.read())
            open("train.txt", "w").write("\\n".join(parts))
        """, note="near miss: the rows written are the files' contents, the training text itself"),
        invalid("""
            import glob

            def prepare(source_path, destination, fraction=0.1):
                filenames = glob.glob(f"{source_path}/*.jsonl")  # expect: SEED007
                filenames = filenames[:int(len(filenames) * fraction)]
                pack(filenames, destination)
        """, note="a fraction of the files kept by listing order"),
        valid("""
            import glob

            def prepare(source_path, destination, percentage: float = 1.0):
                filenames = glob.glob(f"{source_path}/*.jsonl")
                filenames = filenames[:int(len(filenames) * percentage)]
                pack(filenames, destination)
        """, note="a checklist question: the fraction kept is every file unless a caller passes less"),
        valid("""
            import glob, os
            tiles = sorted(glob.glob(os.path.join(root, "*.png")))
            holdout = tiles[:500]
        """),
        valid("""
            import os
            files = os.listdir(root)
            files.sort()
            train = files[:100]
        """, note="sorted in place"),
        valid("""
            import glob, json
            scores = {}
            for path in glob.glob("results/*.json"):
                scores[path] = json.load(open(path))["acc"]
            print(len(glob.glob("results/*.json")), sum(scores.values()))
        """, note="each file processed on its own, keyed by name"),
        valid("""
            import os
            names = os.listdir(root)
            ids = [int(n.split(".")[0]) for n in names]
            pairs = zip(names, ids)
            if "config.json" in names:
                print(len(names))
        """, note="zip with a list derived from the same listing"),
        valid("""
            import os
            images = os.listdir(root)
            for i, image in enumerate(images):
                print(f"{i}/{len(images)}", image)
        """, note="the index is only printed"),
        invalid({
            "tools/listing.py": """
                import glob

                def clips(root):
                    return glob.glob(root + "/*.wav")  # expect: SEED007
            """,
            "split.py": """
                from tools.listing import clips

                if __name__ == "__main__":
                    files = clips("audio")
                    val, train = files[:200], files[200:]
                    print(len(val), len(train))
            """,
        }, note="a helper of another module returns the listing; the caller splits it by position"),
        valid({
            "tools/listing.py": """
                import glob

                def clips(root):
                    return sorted(glob.glob(root + "/*.wav"))
            """,
            "split.py": """
                from tools.listing import clips

                if __name__ == "__main__":
                    files = clips("audio")
                    val, train = files[:200], files[200:]
            """,
        }, note="the helper sorts"),
        invalid("""
            import os
            train, val = [], []
            n = 0
            for name in os.listdir("images"):  # expect: SEED007
                (train if n < 800 else val).append(name)
                n += 1
        """, note="a running count decides the split"),
        invalid({
            "audiokit/__init__.py": "",
            "audiokit/io.py": """
                import os

                def recordings(root):
                    return [os.path.join(root, f) for f in os.listdir(root) if f.endswith(".flac")]  # expect: SEED007
            """,
            "audiokit/folds.py": """
                from .io import recordings

                def assign(root, k=5):
                    folds = {i: [] for i in range(k)}
                    seen = 0
                    for path in recordings(root):
                        folds[seen % k].append(path)
                        seen += 1
                    return folds
            """,
        }, note="a running count picks the fold of each item, through a helper of a sibling module"),
        valid({
            "audiokit/__init__.py": "",
            "audiokit/io.py": """
                import os

                def recordings(root):
                    return [os.path.join(root, f) for f in os.listdir(root) if f.endswith(".flac")]
            """,
            "audiokit/folds.py": """
                import zlib
                from .io import recordings

                def assign(root, k=5):
                    folds = {i: [] for i in range(k)}
                    seen = 0
                    for path in recordings(root):
                        folds[zlib.crc32(path.encode()) % k].append(path)
                        seen += 1
                    print(seen, "recordings")
                    return folds
            """,
        }, note="near miss: a hash of the file's name picks its fold; the running count is only printed"),
        valid("""
            import json, os
            for name in os.listdir("shards"):
                rows = json.load(open(os.path.join("shards", name)))
                keep = int(round(0.1 * len(rows)))
                if keep == 0:
                    keep += 1
                if keep > 5:
                    print(name, keep)
        """, note="near miss: a count set afresh for each item (then bumped once) is that item's, not a running count of the items"),
        valid("""
            import os
            n = 0
            for name in os.listdir("images"):
                process(name)
                n += 1
                if n % 100 == 0:
                    print(n, "done")
                if n > limit:
                    break
            models = os.listdir("runs")
            for i, model in enumerate(models):
                if i == 0:
                    setup()
                evaluate(model)
        """, note="progress counts, a cap, and `i == 0` for the first pass"),
        invalid({
            "clipio/scan.py": """
                from pathlib import Path

                def frames(folder):
                    for p in Path(folder).iterdir():  # expect: SEED007
                        yield p
            """,
            "folds.py": """
                from clipio import scan

                clips = list(scan.frames("clips"))
                fold = {str(clips[k]): k % 5 for k in range(len(clips))}
                for k in range(len(clips)):
                    fold[str(clips[k])] = k % 5
            """,
        }, note="a generator of another module; a `range(len(...))` index decides the fold"),
        invalid({
            "jobs/loaders.py": """
                import glob

                class ProblemLoader:
                    def load_directory(self, directory):
                        files = glob.glob(directory + "/*")  # expect: SEED007
                        return [self.load_single(f) for f in files]

                    def load_single(self, path):
                        return open(path).read()
            """,
            "train.py": """
                import random
                from jobs.loaders import ProblemLoader

                def main(args):
                    random.seed(args.seed)
                    problems = ProblemLoader().load_directory(args.train_dir)
                    held_out = []
                    for _ in range(len(problems) // 5):
                        pick = random.choice(problems)
                        held_out.append(pick)
                        problems.remove(pick)
                    return problems, held_out
            """,
        }, note="a loader method of another module returns the listing; a seeded draw splits it by position"),
        invalid("""
            import os

            class Recordings:
                def _scan(self, root):
                    return [os.path.join(root, f) for f in os.listdir(root)]  # expect: SEED007

                def __init__(self, root, n_val):
                    files = self._scan(root)
                    self.val, self.train = files[:n_val], files[n_val:]
        """, note="a method of the same class returns the listing"),
        valid({
            "jobs/loaders.py": """
                import glob

                class ProblemLoader:
                    def load_directory(self, directory):
                        files = glob.glob(directory + "/*")
                        return [self.load_single(f) for f in files]

                    def load_single(self, path):
                        return open(path).read()
            """,
            "train.py": """
                import random
                from jobs.loaders import ProblemLoader

                def main(args):
                    random.seed(args.seed)
                    problems = sorted(ProblemLoader().load_directory(args.train_dir))
                    held_out = random.sample(problems, len(problems) // 5)
                    return [p for p in problems if p not in held_out], held_out
            """,
        }, note="near miss: the caller sorts the loader's list before the draw"),
        valid("""
            import json, os, random
            def random_control(record, explanation_dir):
                explanations = [f for f in os.listdir(explanation_dir) if f.endswith(".txt")]
                pick = random.choice(explanations)
                return json.load(open(os.path.join(explanation_dir, pick)))
        """, note="near miss (held-out set 19): an unseeded `random.choice` picks a random control whatever the "
                  "listing's order (the unseeded draw is SEED001's question): the order is a question"),
        invalid("""
            import json, os, random
            random.seed(0)
            def random_control(record, explanation_dir):
                explanations = [f for f in os.listdir(explanation_dir) if f.endswith(".txt")]  # expect: SEED007
                pick = random.choice(explanations)
                return json.load(open(os.path.join(explanation_dir, pick)))
        """, note="the twin: the draw is seeded, and the listing's order still changes what it picks"),
        valid("""
            import os
            names = os.listdir(root)
            for k in range(len(names)):
                convert(names[k], out_paths[k])
                print(k, names[k])
        """, note="near miss: the index only reads items (and is printed)"),
        valid("""
            import json
            from pathlib import Path

            def score_outputs(out_dir, metric):
                for path in [p for p in Path(out_dir).iterdir() if p.suffix == ".jsonl"]:
                    items = [json.loads(line) for line in open(path)]
                    todo = []
                    for i, item in enumerate(items):
                        if "score" not in item:
                            todo.append(i)
                    scores = metric([items[i]["output"] for i in todo], [items[i]["reference"] for i in todo])
                    for k, i in enumerate(todo):
                        items[i]["score"] = scores[k]
                    with open(path.with_suffix(".scored.jsonl"), "w") as f:
                        f.writelines(json.dumps(item) + "\\n" for item in items)
        """, note="held-out set 30: each listed file is read, scored and written to its own output; the list "
                  "appended to is made anew for each file, so its positions are that file's items, not the listing's"),
        invalid("""
            import json
            from pathlib import Path

            def score_outputs(out_dir, metric):
                todo = []
                for path in [p for p in Path(out_dir).iterdir() if p.suffix == ".jsonl"]:  # expect: SEED007
                    items = [json.loads(line) for line in open(path)]
                    for i, item in enumerate(items):
                        if "score" not in item:
                            todo.append(item)
                for k, item in enumerate(todo):
                    item["fold"] = k % 5
                return todo
        """, note="the twin: one list gathers the items of every file in listing order, and its positions become folds"),
    ]

    def visit_Subscript(self, node: cst.Subscript) -> None:
        """`folds[n % k].append(path)` with `n += 1` per item of a loop over a listing: the count
        is the item's position, and it picks the entry the item goes to."""
        super().visit_Subscript(node)
        self._first_taken_as_one(node)
        counters = self.__dict__.get("_order_counters")
        if not counters or len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index) \
                or self.unordered(node.value) is not None:  # `files[n]` only reads the listing
            return
        for name in _names_in(node.slice[0].slice.value):
            origin = counters.get(dotted(name) or "")
            if origin is not None:
                self._report(origin, node, f"a running count `{dotted(name)}` of its items picks the entry `[{{code}}]` at line {{line}}")
                return

    def _first_taken_as_one(self, node: cst.Subscript) -> None:
        """`os.listdir(d)[0]` bound to a name that is then checked to be one file in particular (held-out
        set 17: Speaker_Verification kept the speakers whose first listed file happened to be `001`)."""
        if len(node.slice) != 1 or not isinstance(part := node.slice[0].slice, cst.Index) \
                or not isinstance(part.value, cst.Integer) or part.value.value != "0":
            return
        origin = self.unordered(node.value)
        if (key := dotted(node.value)) is not None and key in self.__dict__.get("_order_singletons", set()):
            return  # `matches[0]` after `len(matches) == 1`: the only item
        if origin is not None and (name := _first_item_checked(self.ctx.parents, node, self.ctx.code)):
            self._report(origin, node, f"its first item is taken as a particular file: `{name}` is then checked "
                                       "against an expected name (line {line})")

    def source(self, expr: cst.BaseExpression) -> Origin | None:
        if not isinstance(expr, cst.Call):
            return None
        name = self.qualified_name(expr.func)
        if name in LISTINGS:
            if expr.args and self._in_download_cache(expr.args[0].value):
                return None  # a library's cache (a model's snapshot folder): no result of ours is listed
            return Origin(expr, f"{name}(...)")
        if name and isinstance(expr.func, (cst.Name, cst.Attribute)) and not (
                isinstance(expr.func, cst.Name) and expr.func.value in self.__dict__.get("_order_returns", {})):
            root = name.split(".", 1)[0]
            method = expr.func.attr.value if isinstance(expr.func, cst.Attribute) else ""
            own = "." in name and root not in STDLIB and root not in EXTERNAL
            if own and ("()" not in name or (name.count("()") == 1 and name.endswith(f"().{method}"))):
                # A function of another module of the repo, or a method of an instance of one of its
                # classes (`PSPLoader(...).load_directory`): the repo phase knows if it returns a listing.
                return Origin(expr, dotted(expr.func) or name, callee=plain(name))
        func = expr.func
        if isinstance(func, cst.Attribute) and func.attr.value in LISTING_METHODS:
            if func.attr.value == "iterdir" and expr.args:
                return None
            if func.attr.value != "iterdir" and not expr.args:
                return None
            owner = dotted(func.value) if isinstance(func.value, (cst.Name, cst.Attribute)) else None
            what = f"{owner}.{func.attr.value}(...)" if owner and len(owner) < 30 else f"{func.attr.value}(...)"
            return Origin(expr, what)
        return None

    def _in_download_cache(self, path: cst.BaseExpression) -> bool:
        """Is `path` (or what its name was last assigned in this function) a folder of a download
        cache (`~/.cache/huggingface/hub/.../snapshots`, `TRANSFORMERS_CACHE`)?"""
        texts = [self.ctx.code(path)]
        func = next((p for p in reversed(self.ctx.parents) if isinstance(p, cst.FunctionDef)), None)
        if isinstance(path, cst.Name) and func is not None:
            stack: list[cst.CSTNode] = [func.body]
            while stack:
                node = stack.pop()
                if isinstance(node, cst.Assign) and any(isinstance(t.target, cst.Name) and t.target.value == path.value
                                                        for t in node.targets):
                    texts.append(self.ctx.code(node.value))
                stack.extend(iter_children(node))
        return any(_CACHE.search(t) for t in texts)

    def sensitive(self, origin: Origin, use: cst.CSTNode, description: str) -> None:
        if is_test_path(self.ctx.path):
            return
        line = self.ctx.line_of(use)
        if origin.callee:
            self._uses.append([origin.callee, line, description])
            return
        if _text_of_a_failure(self.ctx.parents, use):
            return  # the text of an error message: which folders exist, listed for the user
        # A data builder's, a tutorial's or a plotting helper's order is a question: hygiene.analysis.purpose.
        function = self.ctx.names.function if self.ctx.names is not None else None
        reason = order_ask(self.ctx.path, function.name.value if function is not None else None)
        fraction = _whole_by_default(self.ctx.parents, use)
        if not reason and fraction:
            reason = (f"the cut keeps the fraction `{fraction}` of the files, which is 1.0 (every file) unless the "
                      "caller passes less: is it ever run with less, and then which files are kept?")
        if not reason and unseeded_global_draw(use, self.qualified_name(use.func) if isinstance(use, cst.Call) else None,
                                               self.ctx.text):
            reason = UNSEEDED_DRAW.format(what="listing")
        ask = {"ask": reason} if reason else None
        self.report(origin.node, listing=origin.what, use=description, extra=ask,
                    related=[Location(self.ctx.path, line, "where the order decides")])

    def finish(self) -> None:
        exports = self.__dict__.get("_order_exports", {})
        module = self.ctx.names.module_name if self.ctx.names is not None else ""
        returns = {f"{module}.{fn}": [o.what, self.ctx.line_of(o.node)] for fn, o in exports.items()}
        if (returns or self._uses) and not is_test_path(self.ctx.path):
            self.ctx.facts[self.code] = {"returns": returns, "uses": self._uses[:50]}

    @property
    def _uses(self) -> list[list[Any]]:
        return self.__dict__.setdefault("_callee_uses", [])

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        """A helper of one file returns a listing unsorted; another file uses its order."""
        returns: dict[str, tuple[str, str, int]] = {}
        for path, facts in repo.facts(cls.code):
            for name, (what, line) in facts.get("returns", {}).items():
                returns[name] = (path, what, line)
        reported: set[tuple[str, int]] = set()
        for path, facts in sorted(repo.facts(cls.code)):
            for callee, line, description in facts.get("uses", []):
                # (module names differ by a package prefix when a folder has no __init__.py)
                found = returns.get(callee) or next((v for k, v in returns.items()
                                                     if callee.endswith("." + k) or k.endswith("." + callee)), None)
                if found is None or found[0] == path or (found[0], found[2]) in reported:
                    continue
                reported.add((found[0], found[2]))
                use = f"{description.rstrip(')').rsplit(' (line', 1)[0]} in `{path}` (line {line}), through `{callee.rsplit('.', 1)[-1]}`"
                repo.report(cls, found[0], found[2], listing=found[1], use=use,
                            related=[Location(path, line, "where the order decides")])
