"""What the checklist asks: data samples (transcripts whole, failures shown) and study questions."""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

from hygiene.checklist import build
from hygiene.checklist.samples import looks_failed
from hygiene.config import load
from hygiene.runner import scan


def make(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def checklist(root: Path):
    return build(scan(load(root), jobs=1, use_cache=False))


def by_kind(items, kind: str):
    return [i for i in items if i.kind == kind]


LONG = "The review praises the battery but the last sentence is clearly ironic, so: yes. " * 4


def transcript_repo(root: Path) -> Path:
    rows = [{"id": i, "prompt": f"Review {i}", "response": LONG, "stop_reason": "end_turn", "error": None}
            for i in range(40)]
    rows[17] = {"id": 17, "prompt": "Review 17", "response": "", "stop_reason": None, "error": "overloaded_error"}
    rows[29] = {"id": 29, "prompt": "Review 29", "response": "I'm sorry, I can't help with that.",
                "stop_reason": "end_turn", "error": None}
    return make(root, {
        "run.py": """
            import json
            import anthropic
            client = anthropic.Anthropic()
            def main(items):
                with open("runs/transcripts.jsonl", "w") as fh:
                    for item in items:
                        reply = client.messages.create(model="m", max_tokens=300, messages=[{"role": "user", "content": item}])
                        fh.write(json.dumps({"response": reply.content[0].text}) + "\\n")
        """,
        "runs/transcripts.jsonl": "\n".join(json.dumps(r) for r in rows) + "\n",
    })


def test_a_transcript_shows_whole_outputs_and_its_failures(tmp_path):
    items = checklist(transcript_repo(tmp_path)).items
    (data,) = by_kind(items, "data")
    assert data.title == "Look at the model outputs: `runs/transcripts.jsonl`"
    assert data.sample.transcript_fields == ("response",)
    assert data.sample.failures == 2
    shown = {line: values for line, values in data.sample.rows}
    assert any(v.get("error") == "overloaded_error" for v in shown.values()), "the failed call is shown"
    whole = [v["response"] for v in shown.values() if v["response"] == LONG]
    assert whole, "outputs are not shortened"
    assert "2 rows look like a failed, refused or cut off call" in data.detail
    assert "Out of the 40 rows, how many are like that" in data.question
    text = checklist(tmp_path).text()
    assert LONG.strip() in text  # whole in HYGIENE.md too


def test_the_sample_is_stable_until_the_file_changes(tmp_path):
    root = make(tmp_path, {
        "load.py": "import pandas as pd\ndf = pd.read_csv('data/items.csv')\n",
        "data/items.csv": "id,text\n" + "".join(f"{i},item number {i}\n" for i in range(200)),
    })
    first = [r for r in by_kind(checklist(root).items, "data")[0].sample.rows]
    assert [r for r in by_kind(checklist(root).items, "data")[0].sample.rows] == first
    assert len(first) == 3
    (root / "data/items.csv").write_text("id,text\n" + "".join(f"{i},changed {i}\n" for i in range(200)))
    assert [r for r in by_kind(checklist(root).items, "data")[0].sample.rows] != first


def test_data_nobody_reads_and_files_outside_the_repo_get_no_item(tmp_path):
    root = make(tmp_path, {
        "load.py": "import pandas as pd\ndf = pd.read_csv('/mnt/shared/items.csv')\nother = pd.read_csv('missing.csv')\n",
        "data/unused.csv": "a,b\n1,2\n",
    })
    assert by_kind(checklist(root).items, "data") == []


def test_a_folder_pattern_names_no_data_file(tmp_path):
    # Sets 18 and 19: `gdown.download(..., output=f"{download_dir}/")` (a folder, whatever it is) was
    # taken for the reader of an unrelated examples file, whose question then named the downloader.
    root = make(tmp_path, {
        "utils/download.py": """
            import gdown
            def fetch(download_dir):
                gdown.download(id="abc", output=f"{download_dir}/", quiet=False)
        """,
        "tasks/examples.jsonl": "".join(json.dumps({"question": f"q{i}", "answer": f"a{i}"}) + "\n" for i in range(12)),
        "tasks/task.py": "import json\nrows = [json.loads(l) for l in open('tasks/examples.jsonl')]\n",
    })
    [item] = by_kind(checklist(root).items, "data")
    assert "utils/download.py" not in item.question and "tasks/task.py" in item.question


def test_settings_the_code_reads_get_no_data_item_but_records_do(tmp_path):
    """A JSON object of settings (a model-to-path map, tuned hyperparameters) has no rows to look at;
    a JSON list of records read the same way does."""
    root = make(tmp_path, {
        "pred.py": """
            import json
            paths = json.load(open("config/model2path.json"))
            params = json.load(open("config/best_params.json"))
            items = json.load(open("data/questions.json"))
        """,
        "config/model2path.json": json.dumps({"llama-7b": "/models/llama-7b", "mistral-7b": "/models/mistral"}),
        "config/best_params.json": json.dumps({"depth": 6, "learning_rate": 0.05, "l2_leaf_reg": 3}),
        "data/questions.json": json.dumps([{"id": i, "question": f"q{i}", "answer": "A"} for i in range(20)]),
    })
    titles = [i.title for i in by_kind(checklist(root).items, "data")]
    assert titles == ["Look at the data: `data/questions.json`"]


def test_failure_detection():
    assert looks_failed({"response": ""}, ["response"])
    assert looks_failed({"response": "ok", "error": "timeout"}, ["response"])
    assert looks_failed({"response": "x", "stop_reason": "max_tokens"}, ["response"])
    assert looks_failed({"response": "As an AI, I cannot judge sarcasm."}, ["response"])
    assert not looks_failed({"response": "yes", "error": None, "stop_reason": "end_turn"}, ["response"])


def test_study_questions_follow_what_the_code_does(tmp_path):
    root = make(tmp_path, {
        "train.py": """
            from sklearn.model_selection import GridSearchCV, train_test_split
            X_train, X_test = train_test_split(X, test_size=0.2)
            search = GridSearchCV(model, grid).fit(X_train, y_train)
        """,
        "README.md": "| model | accuracy |\n|---|---|\n| ours | 0.91 |\n| baseline | 0.85 |\n",
    })
    ids = {i.id: i for i in by_kind(checklist(root).items, "repo")}
    assert set(ids) == {"repo-split", "repo-selection", "repo-comparison"}
    assert "`train.py:2` calls `sklearn.model_selection.train_test_split`" in ids["repo-split"].detail
    assert "REFORMS" in ids["repo-split"].reference and "L1" in ids["repo-split"].reference
    assert "`README.md:1` has a table" in ids["repo-comparison"].detail


def test_near_misses_ask_nothing_about_the_study(tmp_path):
    root = make(tmp_path, {
        # str.split is not a data split; a table of settings is not a comparison of results.
        "prep.py": "words = line.split(',')\nparts = path.rsplit('/', 1)\nchunks = np.array_split(x, 4)\n",
        "README.md": "| setting | value |\n|---|---|\n| lr | 0.001 |\n| dropout | 0.1 |\n",
        "client.py": "import requests\nr = requests.post(url, json={'x': 1}).json()\n",
    })
    assert by_kind(checklist(root).items, "repo") == []


def test_the_failed_calls_question_names_the_calls_whose_replies_are_scored(tmp_path):
    # Sets 24-27: the question landed on a helper script (a data converter, an embedding baseline)
    # first in path order, not on the judge whose replies are scored.
    call = """
        import openai
        def ask(prompt):
            return openai.OpenAI().chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])
    """
    root = make(tmp_path, {"data/convert_facts.py": call, "baselines/embedding.py": call,
                           "lib/attacks/autodan.py": call, "lib/judge/harm_evaluator.py": call,
                           "analysis/rates.py": call})
    [item] = [i for i in by_kind(checklist(root).items, "repo") if i.id == "repo-model-calls"]
    assert item.path == "lib/judge/harm_evaluator.py"
    assert item.detail.startswith("Asked because `lib/judge/harm_evaluator.py:")
    # Near miss: with no judge or scorer, a file of the study comes before the data builder and the baseline.
    (root / "lib/judge/harm_evaluator.py").unlink()
    [item] = [i for i in by_kind(checklist(root).items, "repo") if i.id == "repo-model-calls"]
    assert item.path in ("analysis/rates.py", "lib/attacks/autodan.py")


def _export(runs: list[tuple[str, str, float]]) -> str:
    """A W&B runs-table export: the tracker's header, a setting and a last logged value per run."""
    head = '"Name","State","Notes","User","Tags","Created","Runtime","Sweep","width","val/mse_loss"\n'
    return head + "".join(f'"{name}","{state}","-","","","2024-07-15T21:27:25.000Z","8588","","{512 + i}","{loss}"\n'
                          for i, (name, state, loss) in enumerate(runs))


def test_like_exports_of_a_tracker_in_one_folder_are_one_question(tmp_path):
    """Held-out set 29: a result notebook per folder reading a dozen W&B exports got one required "what did
    you notice in these rows" question per CSV. Exports of a folder are one question, required only when a
    run in them did not finish; a plain results table beside them keeps its own."""
    finished = [("azure-bush-14", "finished", 0.031), ("zesty-pine-13", "finished", 0.029)]
    root = make(tmp_path, {
        "results/widths/plot.py": "import pandas as pd\n" + "".join(
            f"df{i} = pd.read_csv('results/widths/sweep-{i}.csv')\n" for i in range(3)) +
            "table = pd.read_csv('results/widths/summary.csv')\n",
        **{f"results/widths/sweep-{i}.csv": _export(finished) for i in range(3)},
        "results/widths/summary.csv": "model,mse_loss\na,0.031\nb,0.029\n",
        "results/alpha/plot.py": "import pandas as pd\nruns = pd.read_csv('results/alpha/sweep.csv')\n",
        "results/alpha/sweep.csv": _export([*finished, ("likely-breeze-12", "crashed", 0.9)]),
    })
    data = by_kind(checklist(root).items, "data")
    exports = sorted((i for i in data if "exported runs" in i.title), key=lambda i: i.path)
    assert [i.path for i in exports] == ["results/alpha", "results/widths"]
    assert "3 files" in exports[1].title and "sweep-0.csv" in exports[1].detail
    assert [i.required for i in exports] == [True, False], "only the folder with a crashed run must be answered"
    assert "crashed" in exports[0].detail
    assert [i.path for i in data if i not in exports] == ["results/widths/summary.csv"]


def test_like_data_files_of_one_folder_are_one_question(tmp_path):
    """Held-out set 30: a study with folders of generated JSON files of one shape (a file per topic) got one
    required "what did you notice in these rows" question per file, twelve in all. Files of one folder with the
    same columns, read or written by the same code, are one question (still required); a file of another shape
    in the same folder keeps its own."""
    topic = '[{{"question": "What is {t}?", "answer_matching": "(A)", "answer_not_matching": "(B)"}}]\n'
    root = make(tmp_path, {
        "make_topics.py": "import json, glob\n" +
            "for t in ['rowing', 'chess', 'opera']:\n    json.dump(make(t), open(f'data/topics/t_{t}.json', 'w'))\n",
        "steer.py": "import json, glob\nfor f in glob.glob('data/topics/t_*.json'):\n    rows = json.load(open(f))\n"
                    "meta = json.load(open('data/topics/index.json'))\n",
        **{f"data/topics/t_{t}.json": topic.format(t=t) for t in ("rowing", "chess", "opera")},
        "data/topics/index.json": '[{"topic": "rowing", "n": 1}, {"topic": "chess", "n": 1}]\n',
    })
    data = by_kind(checklist(root).items, "data")
    assert sorted(i.path for i in data) == ["data/topics", "data/topics/index.json"]
    [folder] = [i for i in data if i.path == "data/topics"]
    assert "3 files" in folder.title and "t_chess.json" in folder.detail and folder.required


def test_a_benchmark_text_column_is_data_not_model_outputs(tmp_path):
    """Held-out set 30: "read these outputs whole" was asked of a benchmark's human-annotation CSV (`image, text,
    label`), which the code only reads: a generic `text` column at the top of a file nobody here writes with a
    model is the benchmark's input. The same column in a file a model call writes, and an unambiguous
    `response` column in a committed transcript that is only read, are still outputs."""
    caption = "A red bicycle leaning against a brick wall beside two potted plants in the afternoon sun"
    root = make(tmp_path, {
        "evaluate.py": "import pandas as pd\nanns = pd.read_csv('datasets/annotations.csv')\n"
                       "runs = pd.read_json('runs/replies.jsonl', lines=True)\n",
        "datasets/annotations.csv": "image,text,label\n" + "".join(f"img_{i}.png,{caption} {i},{i % 2}\n" for i in range(20)),
        "runs/replies.jsonl": "".join(json.dumps({"id": i, "response": LONG}) + "\n" for i in range(20)),
        "datasets/prompts.json": json.dumps({f"item_{i}": {"image": f"img_{i}.png", "text": f"{caption} {i}"}
                                             for i in range(3)}),
        "chats.py": "import json\nchats = json.load(open('runs/chats.json'))\nprompts = json.load(open('datasets/prompts.json'))\n",
        "runs/chats.json": json.dumps([{"messages": [{"role": "user", "content": "hi"},
                                                     {"role": "assistant", "content": LONG}]}] * 3),
    })
    data = {i.path: i for i in by_kind(checklist(root).items, "data")}
    assert data["datasets/annotations.csv"].title == "Look at the data: `datasets/annotations.csv`"
    assert data["runs/replies.jsonl"].title == "Look at the model outputs: `runs/replies.jsonl`"
    assert data["datasets/prompts.json"].title.startswith("Look at the data"), "records keyed by id, their own text"
    assert data["runs/chats.json"].title.startswith("Look at the model outputs"), "messages' content is a message"


def test_the_failed_calls_question_is_about_calls_that_can_fail(tmp_path):
    """Held-out set 30: the failed/refused model-call question was anchored on generation that runs in the
    process (a BART `generate`, vLLM's `LLM.generate`), which cannot time out, hit a rate limit or be refused
    by a provider. Local generation alone asks nothing; beside an API call, the question names the API call."""
    local = {
        "gen_queries.py": """
            from transformers import BartForConditionalGeneration
            model = BartForConditionalGeneration.from_pretrained("facebook/bart-base")
            out = model.generate(input_ids, max_length=64, num_beams=10, num_return_sequences=10)
        """,
        "best_of_n.py": """
            from vllm import LLM, SamplingParams
            llm = LLM(model="m")
            outs = llm.generate(prompts, SamplingParams(n=8, temperature=0.7))
        """,
    }
    root = make(tmp_path / "a", local)
    assert [i for i in by_kind(checklist(root).items, "repo") if i.id == "repo-model-calls"] == []
    root = make(tmp_path / "b", {**local, "judge.py": """
        import openai
        def ask(prompt):
            return openai.OpenAI().chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])
    """})
    [item] = [i for i in by_kind(checklist(root).items, "repo") if i.id == "repo-model-calls"]
    assert item.path == "judge.py" and "best_of_n.py" not in item.detail
