"""RESULT007: a number reported in the README or a report that no result file holds."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hygiene.context import RepoContext
from hygiene.finding import Location, Severity
from hygiene.parsing.cells import output_text
from hygiene.analysis.producers import writes_by_target
from hygiene.analysis.settings_results import settings_results
from hygiene.analysis.results import is_result_path, metric_key, result_numbers
from hygiene.rule import Rule, invalid, notebook, valid

# A claim: a number with decimals, as a percentage or not, standing alone (not part of a
# version, a date, an identifier, a unit or a range).
# A full stop after the number ends the sentence (`an AUROC of 0.93.`); `1.2.3` is a version.
_NUMBER = re.compile(r"(?<![\w.\-/~≈±^@#$])(\d{1,3}\.\d{1,4})(\s?%)?(?![\w\-/×]|\.\w|\d|\s?(x|×|pp|points?|-point)\b)")
_METRIC_WORDS = re.compile(r"accura|\bacc\b|\bf1\b|auroc|auprc|\bauc\b|precision|recall|score|\brate\b|rates\b|"
                           r"error|rmse|\bmae\b|\bmse\b|bleu|rouge|exact.match|pass@|win.rate|\basr\b|\bece\b|"
                           r"brier|perplexity|truthful|reaches|achieves|gets|obtains|solves|solved|resolves|"
                           r"succe(ss|eds?|eded)|ndcg|\bmrr\b|\bmap@|recall@|hits@", re.I)
# Prose about someone else's numbers, approximate figures, or settings rather than results.
_NOT_OURS = re.compile(r"paper|et al|reported (by|in|for)|prior work|literature|published|original|sota|"
                       r"state of the art|\bchance\b|random baseline", re.I)
# A run's settings: a table row naming one is a settings table; in a sentence only the number the setting
# word stands next to is a setting (`at temperature 0.7 the refusal rate is 12.5%`: 12.5% is still a result).
_SETTING_WORDS = (r"\blr\b|learning.rate|dropout|smoothing|temperature|top.?[pk]\b|weight.decay|\bwd\b|momentum|"
                  r"threshold|alpha|lambda|epochs?\b")
_SETTING = re.compile(_SETTING_WORDS, re.I)
_SETTING_BEFORE = re.compile(r"(" + _SETTING_WORDS + r")\W{0,3}(\s*(=|:|of|at|is|was|to|set to|equal to|with)\b)*\s*[=:]?\s*$", re.I)
_SETTING_AFTER = re.compile(r"^\s*%?\s*(" + _SETTING_WORDS + r")", re.I)
# A version (`PyTorch 2.0`, `Python 3.11`) or an approximation (`about 3.11`, `~2.85`) just before.
_VERSION_OR_APPROX = re.compile(r"(\b(python|pytorch|torch|tensorflow|tf|keras|jax|cuda|cudnn|numpy|pandas|sklearn|"
                                r"scikit-learn|transformers|vllm|version|release|ubuntu|gpt|llama|claude|gemini|"
                                r"mistral|qwen)[- ]?|\b(about|around|roughly|approximately|approx\.?|nearly|almost|"
                                r"circa|some)\s+|[~≈]\s*)$", re.I)
# A whole percentage in a sentence (`reaches a safety of 87%`, `catches 92% of triggered completions`): a result
# written without decimals. Two digits only (`2%` is a budget or a step more often than a result), and not a share
# of the data or a setting (`80% of the data`, `a 20% held-out split`, `the top 10%`, `30% dropout`).
_WHOLE_PERCENT = re.compile(r"(?<![\w.\-/~≈±^@#$])([1-9]\d)\s?%(?![\w\-/]|\.\d|\s?(x|×|pp|points?|-point)\b)")
_WHOLE_SHARE_AFTER = re.compile(r"^\s*(of\s+(the\s+|our\s+|all\s+|each\s+|every\s+)?(data|dataset|corpus|train\w*|rows|"
                                r"examples|samples|items|images|prompts|questions|documents|tokens|compute|budget|layers|"
                                r"heads|neurons|features|vocab\w*|weights|parameters|traffic|users)\b|for\s+(train|test|"
                                r"valid|eval|held|hold)|(\w+[\s-]+)?(split|hold-?out|held[\s-]out|subset|sample|budget|"
                                r"train\w*|test\w*|validation|dropout|sparsity|noise|mask\w*|quantile|percentile|"
                                r"warm-?up|increase|decrease|improvement|reduction|drop|gain|more|less|fewer|faster|"
                                r"slower|higher|lower|better|worse|relative|absolute))", re.I)
_WHOLE_SHARE_BEFORE = re.compile(r"\b(top|bottom|first|last|up to|at most|at least|over|under|below|above|than|by|"
                                 r"within|random|held out|hold out|holding out|sample|subsample|keep|keeping|drop|"
                                 r"dropping|mask|masking|prune|pruning|use|using|remaining|rest|threshold|budget|"
                                 r"from|to|between|and|or|warm-?up|dropout|smoothing|sparsity|noise|decay|mixup|cutmix|"
                                 r"augmentation|ratio)\s*(a|an|the|of|=|:)?\s*[*_]*$", re.I)
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}")
_LATEX_ROW = re.compile(r"&.*\\\\")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LATEX_RULE = re.compile(r"^\s*\\(toprule|midrule|bottomrule|hline|cline|cmidrule)\b")
_SPREAD = re.compile(r"±|\\pm\b|\+/?-")


def _claims(text: str, latex: bool) -> list[dict[str, Any]]:
    """Claim-like numbers: [{line, value, decimals, percent, table}] with `table` the first line
    of the table the number sits in (0 for prose)."""
    out: list[dict[str, Any]] = []
    fenced = False
    table_start = 0
    header: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if latex and table_start and _LATEX_RULE.match(line):
            continue  # `\midrule` inside a tabular: the same table goes on
        if fenced or line.lstrip().startswith(("#", "%", "\\section", "\\caption", "\\label")):
            table_start = 0
            continue
        in_table = bool(_TABLE_ROW.match(line) or (latex and _LATEX_ROW.search(line)))
        if not in_table:
            table_start = 0
        elif not table_start:
            table_start = number
            header = _metric_words(line)  # the metrics the table's columns name
        if in_table and _TABLE_RULE.match(line):
            continue
        if _NOT_OURS.search(line) or (in_table and _SETTING.search(line)):
            continue
        setting = not in_table and _SETTING.search(line)
        if latex and not in_table:
            line = line + _macro_words(line)  # `\newcommand{\ourAcc}{87.9}`: the macro's name says what it holds
        cells = re.split(r"\||&", line) if in_table else [line]
        label = cells[1 if line.lstrip().startswith("|") else 0].strip() if in_table and len(cells) > 1 else ""
        # Whole-number cells of a table row (`| benign | 350 | 4.8% |`): a count the results may hold
        ints = sorted({int(m.group(1).replace(",", "")) for cell in cells[(2 if line.lstrip().startswith("|") else 1):]
                       if (m := _COUNT_CELL.match(cell))}) if in_table else []
        for position, cell in enumerate(cells):
            if in_table and position <= (1 if line.lstrip().startswith("|") else 0):
                continue  # the row's label (a model name, a setting), not a result
            if in_table and "(" in cell:
                cell = cell.split("(", 1)[0]  # intervals and notes in parentheses
            # `93.1 $\pm$ 0.2`, `93.1 ± 0.2`: the spread is no claim to check, but a number of the document
            spread = _SPREAD.search(cell) if in_table else None
            if not in_table and not _METRIC_WORDS.search(line):
                continue
            for match in _NUMBER.finditer(cell):
                if _VERSION_OR_APPROX.search(cell[:match.start()].replace("*", "")):
                    continue
                if setting and (_SETTING_BEFORE.search(cell[:match.start()].replace("*", ""))
                                or _SETTING_AFTER.match(cell[match.end():])):
                    continue  # `temperature 0.7`, `0.1 dropout`: a setting of the run, not a result
                digits = match.group(1)
                out.append({"line": number, "value": float(digits), "decimals": len(digits.split(".")[1]),
                            "percent": bool(match.group(2)), "table": table_start, "text": match.group(0).strip(),
                            "label": label, "words": header if in_table else _metric_words(line),
                            **({"splits": splits} if not in_table and (splits := _split_words(line)) else {}),
                            **({"ints": ints[:8]} if ints else {}),
                            **({"spread": True} if spread and match.start() > spread.start() else {})})
            for match in (_WHOLE_PERCENT.finditer(cell) if not in_table else ()):
                before, after = cell[:match.start()].replace("*", ""), cell[match.end():].replace("*", "")
                bracket = before.rsplit("(", 1)[1] if before.count("(") > before.count(")") else ""
                if _VERSION_OR_APPROX.search(before) or _WHOLE_SHARE_BEFORE.search(before) or _SETTING.search(bracket) \
                        or _WHOLE_SHARE_AFTER.match(after) or (setting and (_SETTING_BEFORE.search(before)
                                                                            or _SETTING_AFTER.match(after))):
                    continue
                out.append({"line": number, "value": float(match.group(1)), "decimals": 0, "percent": True,
                            "table": 0, "text": match.group(0).strip(), "label": "", "words": _metric_words(line),
                            **({"splits": splits} if (splits := _split_words(line)) else {})})
    return out


# A LaTeX macro holding a number (`\newcommand{\ourAcc}{87.9}`, `\def\bestFone{91.2}`): a paper's headline
# numbers, typed once and used in the abstract and the text.
_MACRO = re.compile(r"\\(?:re)?newcommand\*?\s*\{?\\([A-Za-z]+)\}?\s*\{[^{}]*\d[^{}]*\}|\\def\s*\\([A-Za-z]+)\s*\{[^{}]*\d[^{}]*\}")


def _macro_words(line: str) -> str:
    """The words of a number macro's name (`ourAcc` -> ` our Acc`, `test_f1` has no macro), appended to the line so
    that the metric words test sees them; '' for any other line."""
    match = _MACRO.search(line)
    if match is None:
        return ""
    name = match.group(1) or match.group(2)
    return " " + re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)


_COUNT_CELL = re.compile(r"^\s*(\d{2,3}(?:,\d{3})+|\d{2,7})\s*$")
_DECOY_STEPS = (-7, -3, 3, 7)
MAX_UNTIED = 3      # sentences or table rows read in a document no other number ties to the results
SMALL_RESULTS = 60  # numbers in the result files for that: a small summary, not a sweep


class _NumberIndex:
    """The result numbers rounded to 1-4 decimals, read as they are, as percentages and as
    fractions: a claim is supported when its rounded value is there (`hygiene.analysis.results.supports`,
    in constant time per claim)."""

    def __init__(self, numbers: list[float]) -> None:
        self.numbers = numbers
        self.plain: dict[int, set[int]] = {}
        self.percent: dict[int, set[int]] = {}

    def _keys(self, decimals: int) -> tuple[set[int], set[int]]:
        if decimals not in self.plain:
            scale = 10 ** decimals
            plain: set[int] = set()
            percent: set[int] = set()
            for number in self.numbers:
                for candidate, into in ((number, (plain, percent)), (number * 100, (plain, percent)),
                                        (number / 100, (plain,))):
                    scaled = candidate * scale
                    if abs(scaled) < 1e12:  # both neighbours of a half: rounding either way is support
                        for key in {int(scaled + 0.5 - 1e-6) if scaled >= 0 else -int(-scaled + 0.5 - 1e-6),
                                    int(scaled + 0.5 + 1e-6) if scaled >= 0 else -int(-scaled + 0.5 + 1e-6)}:
                            for bucket in into:
                                bucket.add(key)
            self.plain[decimals], self.percent[decimals] = plain, percent
        return self.plain[decimals], self.percent[decimals]

    def supports(self, value: float, decimals: int, percent: bool) -> bool:
        plain, percents = self._keys(decimals)
        return round(value * 10 ** decimals) in (percents if percent else plain)


class ClaimNotInResults(Rule):
    """
    ## What it does
    Finds numbers reported in README.md, other Markdown files, Quarto reports and LaTeX tables, next to
    numbers the result files do hold, that no result file (JSON, JSONL, CSV, TSV, parquet) and
    no saved notebook output contains, allowing for rounding and for percentages written as
    fractions. Result files are those the repository's code writes, those the document names, and
    files with metric columns under results/, outputs/ and the like (their producer may be gone). Only result-like numbers are read: table cells and figures in sentences about a
    metric, not versions, dates, counts, settings, approximations or other papers' numbers. A
    document is read against the results only when at least two of its numbers (or half of
    them) are found there, one of
    them with three significant digits or more: one match, or a two-digit one (`0.85`, which a training
    log's losses round to), can be chance. A table row is read when one of its numbers
    is in the results or its label names a result file or a condition a result file keeps (a key
    like `by_system.retrieval`, a `model` column's value, its words in any order; a switch the result
    files record both ways, `"retrieval": true` in one and `false` in another); other rows quote
    baselines, and a table's unsupported numbers are one finding. A spread after `±` or `\\pm` is
    not read as a claim. A whole percentage in a sentence (`a safety of 87%`) is a claim, unless it is a share of the
    data or a setting (`80% of the prompts`, `a 20% held-out split`, `the top 10%`, `30% more`); `rate` with the words
    before it names a metric (`false positive rate` is `false_positive_rate`). A sentence naming a split (`a test ROC-AUC of 0.913`) is about a small result
    file that keys its scores by split (`{"valid": 0.902, "test": 0.871}`); a file under `results/` named
    for its metric (`beir_ndcg10.json`) is a result file; a report written by the repository's code
    (`open("REPORT.md", "w")` in `make_report.py`) whose claim is a string typed into that code is
    reported at the string, where the number is fixed. A YAML or TOML file the code writes under a
    results folder (`results/eval.toml`) is a result file too, its numbers read like a JSON document's.
    A Streamlit dashboard that shows a result file of the repository and types its headline figure in
    (`st.metric("Test F1", "0.912")`, a label naming a metric) is read the same way, at the literal.

    On the precision corpus this rule has one finding, debatable (a table copied from the paper whose
    other cells the repository's notebooks reproduce): too few to judge its precision.

    ## Why is this bad?
    A claim that no saved result supports was copied from an older run, typed by hand, or
    computed somewhere nobody can check. Readers take the README's number as the result.

    ## Example
        | model  | accuracy |
        | gpt-4o | 68.4%    |
        The best model reaches **71.3%** accuracy.     <- results/accuracy.json: 0.684 only

    Use instead:
        The best model reaches **68.4%** accuracy.     <- or save the run that gave 71.3%
    """
    code = "RESULT007"
    category = "RESULT-CLAIM"
    severity = Severity.WARNING
    kinds = frozenset({"text", "notebook", "python"})
    message = "{text} in {path}:{line} appears in no result file or saved notebook output ({sources})"
    question = "Which run produced the {text} reported at {where}, and where is its result file?"
    examples = [
        invalid({
            "README.md": "# Control\n\nWith a 2% audit budget, trusted monitoring reaches a safety of 87% at 93.4% usefulness.\n",
            "eval.py": "import json\njson.dump(res, open('results/tm.json', 'w'))\n",
            "results/tm.json": '{"audit_budget": 0.02, "n": 1500, "safety": 0.812, "usefulness": 0.934}\n',
        }, expect=[("README.md", 3, "RESULT007")], note="probe 24: a whole percentage is a claim too (0.812 is 81%)"),
        valid({
            "README.md": "# Control\n\nWith a 2% audit budget, trusted monitoring reaches a safety of 81% at 93.4% usefulness.\n"
                         "We hold out 20% of the prompts and use the top 10% of scores; 30% more runs did not help.\n"
                         "Fine-tuned (lr 1e-5, 5 epochs, warmup 10%) with dropout 15%.\n",
            "eval.py": "import json\njson.dump(res, open('results/tm.json', 'w'))\n",
            "results/tm.json": '{"audit_budget": 0.02, "n": 1500, "safety": 0.812, "usefulness": 0.934}\n',
        }, note="near miss: 81% is 0.812 rounded; shares of the data, a top fraction and a relative change are no results"),
        invalid({
            "REPORT.md": "# Probes\n\nThe probe catches 92% of triggered completions at a 3.1% false positive rate.\n",
            "probe.py": "import json\njson.dump(out, open('results/probe_eval.json', 'w'))\n",
            "results/probe_eval.json": '{"layer": 16, "n_test": 800, "catch_rate": 0.874, "false_positive_rate": 0.031}\n',
        }, expect=[("REPORT.md", 3, "RESULT007")],
            note="probe 24: `false positive rate` names the file's `false_positive_rate`, so the sentence is about it"),
        valid({
            "REPORT.md": "# Probes\n\nThe probe catches 87% of triggered completions at a 3.1% false positive rate.\n",
            "probe.py": "import json\njson.dump(out, open('results/probe_eval.json', 'w'))\n",
            "results/probe_eval.json": '{"layer": 16, "n_test": 800, "catch_rate": 0.874, "false_positive_rate": 0.031}\n',
        }, note="near miss: both numbers are the file's"),
        invalid({
            "README.md": "# Intent probe\n\nOn the test set the probe reaches a **macro-F1 of 0.874**, see `results/metrics.yaml`.\n",
            "results/metrics.yaml": "model: all-MiniLM-L6-v2\nn_test: 3080\ntest_macro_f1: 0.851\n",
        }, expect=[("README.md", 3, "RESULT007")], note="a YAML metrics file the README names as where its number is"),
        valid({
            "README.md": "# Intent probe\n\nOn the test set the probe reaches a **macro-F1 of 0.851**, see `results/metrics.yaml`.\n",
            "results/metrics.yaml": "model: all-MiniLM-L6-v2\nn_test: 3080\ntest_macro_f1: 0.851\n",
        }, note="the number is the YAML file's"),
        invalid({
            "README.md": "# Keyword spotting\n\nThe CNN reaches **94.8% accuracy** on the test set.\n",
            "evaluate.py": "import tomli_w\ntomli_w.dump({'split': 'test', 'n': n, 'accuracy': acc}, open('results/eval.toml', 'wb'))\n",
            "results/eval.toml": 'split = "test"\nn = 11005\naccuracy = 0.9126\n',
        }, expect=[("README.md", 3, "RESULT007")],
            note="held-out probe 19: the results are a TOML file the code writes; the README's number is not in it"),
        valid({
            "README.md": "# Keyword spotting\n\nThe CNN reaches **91.26% accuracy** on the test set.\n",
            "evaluate.py": "import tomli_w\ntomli_w.dump({'split': 'test', 'n': n, 'accuracy': acc}, open('results/eval.toml', 'wb'))\n",
            "results/eval.toml": 'split = "test"\nn = 11005\naccuracy = 0.9126\n',
        }, note="near miss: the README quotes the TOML results"),
        invalid({
            "README.md": "# QA\n\nExact match is 41.3% on the dev set.\n",
            "grade.py": "import yaml\nyaml.safe_dump({'exact_match': em, 'n': n}, open('results/metrics.yaml', 'w'))\n",
            "results/metrics.yaml": "exact_match: 0.4713\nn: 800\n",
        }, expect=[("README.md", 3, "RESULT007")],
            note="the same with YAML results under results/"),
        valid({
            "README.md": "# QA\n\nExact match is 47.1% on the dev set.\n",
            "grade.py": "import yaml\nyaml.safe_dump({'exact_match': em, 'n': n}, open('results/metrics.yaml', 'w'))\n",
            "results/metrics.yaml": "exact_match: 0.4713\nn: 800\n",
        }, note="near miss: the README's number is the YAML file's"),
        invalid({
            "dashboard/app.py": "import json\nimport streamlit as st\nmetrics = json.load(open('results/metrics.json'))\n"
                                "st.title('Results')\nst.metric('Test F1', '0.912')\nst.metric('Documents', metrics['n_documents'])\n",
            "results/metrics.json": '{"split": "test", "n_documents": 640, "micro_f1": 0.874}\n',
        }, expect=[("dashboard/app.py", 5, "RESULT007")],
            note="held-out probe 19: a Streamlit headline metric typed in, the results file says 0.874"),
        valid({
            "dashboard/app.py": "import json\nimport streamlit as st\nmetrics = json.load(open('results/metrics.json'))\n"
                                "st.title('Results')\nst.metric('Test F1', '0.874')\nst.metric('Documents', metrics['n_documents'])\n",
            "results/metrics.json": '{"split": "test", "n_documents": 640, "micro_f1": 0.874}\n',
        }, note="near miss: the typed figure is the file's"),
        valid({
            "dashboard/app.py": "import streamlit as st\nst.title('Demo')\nst.metric('Temperature', '21.5')\nst.metric('Accuracy', '0.91')\n",
        }, note="near miss: an app that shows no result file of the repository"),
        invalid({
            "paper/numbers.tex": "% headline numbers\n\\newcommand{\\ourAcc}{87.9}\n\\newcommand{\\probeAcc}{80.1}\n",
            "results/main.json": '{"dataset": "cub200", "methods": {"linear probe": {"acc": 0.801}, "ours": {"acc": 0.852}}}\n',
            "make_tables.py": "import json\nres = json.load(open('results/main.json'))\n",
        }, expect=[("paper/numbers.tex", 2, "RESULT007")],
            note="probe17: a number macro typed by hand (its name says accuracy) that no results file holds"),
        valid({
            "paper/numbers.tex": "% headline numbers\n\\newcommand{\\ourAcc}{85.2}\n\\newcommand{\\probeAcc}{80.1}\n"
                                 "\\newcommand{\\numClasses}{200}\n\\newcommand{\\lrValue}{0.001}\n",
            "results/main.json": '{"dataset": "cub200", "methods": {"linear probe": {"acc": 0.801}, "ours": {"acc": 0.852}}}\n',
            "make_tables.py": "import json\nres = json.load(open('results/main.json'))\n",
        }, note="near miss: the macros quote the results; a macro not named for a metric is no claim"),
        invalid({
            "report.md": "| prompt set | n | refusal rate |\n|---|---|---|\n| harmful | 520 | 96.3% |\n| benign borderline | 350 | 4.8% |\n",
            "results/summary.json": '{"model": "m", "n_harmful": 520, "n_benign": 350, "refusal_rate_harmful": 0.963, '
                                    '"over_refusal_rate_benign": 0.071}\n',
            "eval.py": "import json\njson.dump(summary, open('results/summary.json', 'w'))\n",
        }, expect=[("report.md", 4, "RESULT007")],
            note="probe 15: the row's count (350) is one the results file holds, so the row reports this run"),
        valid({
            "report.md": "| prompt set | n | refusal rate |\n|---|---|---|\n| harmful | 520 | 96.3% |\n| benign borderline | 350 | 7.1% |\n",
            "results/summary.json": '{"model": "m", "n_harmful": 520, "n_benign": 350, "refusal_rate_harmful": 0.963, '
                                    '"over_refusal_rate_benign": 0.071}\n',
            "eval.py": "import json\njson.dump(summary, open('results/summary.json', 'w'))\n",
        }, note="near miss: the row quotes the file"),
        valid({
            "README.md": "| Method | Accuracy (%) | Questions |\n|---|---|---|\n| GPT-3.5 | 57.1 | 500 |\n| zero-shot | 61.4 | 500 |\n| CoT | 70.2 | 500 |\n",
            "results/eval.csv": "method,accuracy,n\nzero-shot,0.614,500\ncot,0.702,500\n",
            "evaluate.py": "rows.to_csv('results/eval.csv')\n",
        }, note="near miss (tests/cases result-readme-table-quoted-row): every row shares the count, so it does not make "
                "the quoted row ours"),
        invalid({
            "README.md": "| model | accuracy (%) |\n|---|---|\n| Llama-3.1-8B | 71.3 |\n| Qwen2.5-7B | 75.0 |\n",
            "results/summary.json": '{"llama-3.1-8b": {"accuracy": 0.667, "n": 6}, "qwen2.5-7b": {"accuracy": 0.75, "n": 8}}\n',
            "merge.py": "import json\njson.dump(summary, open('results/summary.json', 'w'))\n",
        }, expect=[("README.md", 3, "RESULT007")],
            note="probe 10: the row names a model the results file keeps as a key with dots of its own "
                 "(`llama-3.1-8b`), so the row is the authors' result, and 71.3 is not in the file"),
        valid({
            "README.md": "| model | accuracy (%) |\n|---|---|\n| Llama-3.1-8B | 66.7 |\n| Qwen2.5-7B | 75.0 |\n",
            "results/summary.json": '{"llama-3.1-8b": {"accuracy": 0.667, "n": 6}, "qwen2.5-7b": {"accuracy": 0.75, "n": 8}}\n',
            "merge.py": "import json\njson.dump(summary, open('results/summary.json', 'w'))\n",
        }, note="near miss: both rows quote the file"),
        invalid({
            "paper/table.tex": "\\begin{tabular}{lc}\n\\toprule\nModel & EM \\\\\n\\midrule\nLlama-3-8B (closed-book) & 68.9 \\\\\nLlama-3-8B + retrieval & 74.6 \\\\\n\\bottomrule\n\\end{tabular}\n",
            "results/eval_base.json": '{"model": "llama-3-8b", "retrieval": false, "n": 3610, "em": 0.6893}\n',
            "results/eval_rag.json": '{"model": "llama-3-8b", "retrieval": true, "k": 5, "n": 3610, "em": 0.7158}\n',
        }, expect=[("paper/table.tex", 6, "RESULT007")],
            note="probe 11: a LaTeX row named by a switch the result files record both ways (`retrieval`: "
                 "true in one, false in the other) is one of their conditions, not a quoted baseline"),
        valid({
            "paper/table.tex": "\\begin{tabular}{lc}\n\\toprule\nModel & EM \\\\\n\\midrule\nLlama-3-8B (closed-book) & 68.9 \\\\\nLlama-3-8B + retrieval & 71.6 \\\\\n\\bottomrule\n\\end{tabular}\n",
            "results/eval_base.json": '{"model": "llama-3-8b", "retrieval": false, "n": 3610, "em": 0.6893}\n',
            "results/eval_rag.json": '{"model": "llama-3-8b", "retrieval": true, "k": 5, "n": 3610, "em": 0.7158}\n',
        }, note="near miss: the row quotes the file"),
        invalid({
            "paper/tables/main.tex": "\\begin{tabular}{lcc}\n\\toprule\nMethod & ARC-C & HellaSwag \\\\\n\\midrule\n"
                                     "Baseline & 28.3 & 52.1 \\\\\nOurs & 30.1 & 78.9 \\\\\n\\bottomrule\n\\end{tabular}\n",
            "results/baseline.json": '{"model": "pythia-1.4b", "scores": {"arc_challenge": 0.283, "hellaswag": 0.521}}\n',
            "results/ours.json": '{"model": "pythia-1.4b+ours", "scores": {"arc_challenge": 0.301, "hellaswag": 0.762}}\n',
        }, expect=[("paper/tables/main.tex", 6, "RESULT007")],
            note="probe 13: result files that keep their metrics under `scores`, by task (`scores.hellaswag`), are "
                 "the repository's results; the hand-edited 78.9 is in neither"),
        valid({
            "paper/tables/main.tex": "\\begin{tabular}{lcc}\n\\toprule\nMethod & ARC-C & HellaSwag \\\\\n\\midrule\n"
                                     "Baseline & 28.3 & 52.1 \\\\\nOurs & 30.1 & 76.2 \\\\\n\\bottomrule\n\\end{tabular}\n",
            "results/baseline.json": '{"model": "pythia-1.4b", "scores": {"arc_challenge": 0.283, "hellaswag": 0.521}}\n',
            "results/ours.json": '{"model": "pythia-1.4b+ours", "scores": {"arc_challenge": 0.301, "hellaswag": 0.762}}\n',
        }, note="near miss: every cell is in a result file"),
        invalid({
            "README.md": "After fine-tuning, the classifier reaches 88.7% accuracy on the held-out test set.\n",
            "results/summary.json": '{"accuracy": 0.861, "macro_f1": 0.842, "n_test": 2000}\n',
            "finetune.ipynb": notebook(
                """
                import json
                from sklearn.metrics import accuracy_score, f1_score
                """,
                """
                summary = {"accuracy": accuracy_score(y_test, preds), "macro_f1": f1_score(y_test, preds, average="macro"),
                           "n_test": len(y_test)}
                json.dump(summary, open("results/summary.json", "w"))
                """,
            ),
        }, expect=[("README.md", 1, "RESULT007")],
            note="notebook: a cell writes the results file, which holds 86.1, not the README's 88.7"),
        valid({
            "README.md": "After fine-tuning, the classifier reaches 86.1% accuracy on the held-out test set.\n",
            "results/summary.json": '{"accuracy": 0.861, "macro_f1": 0.842, "n_test": 2000}\n',
            "finetune.ipynb": notebook(
                """
                import json
                from sklearn.metrics import accuracy_score, f1_score
                """,
                """
                summary = {"accuracy": accuracy_score(y_test, preds), "macro_f1": f1_score(y_test, preds, average="macro"),
                           "n_test": len(y_test)}
                json.dump(summary, open("results/summary.json", "w"))
                """,
            ),
        }, note="near miss: the README quotes the notebook's results file"),
        invalid({
            "README.md": "The probe reaches an AUROC of 0.91 on the deception split.\n",
            "outputs/probe_metrics.json": '{"auroc": 0.874, "layer": 18, "n": 640}\n',
            "probing/__init__.py": "",
            "probing/io.py": """
                import json
                from pathlib import Path

                def save_metrics(metrics, name):
                    Path("outputs").mkdir(exist_ok=True)
                    Path(f"outputs/{name}_metrics.json").write_text(json.dumps(metrics))
            """,
            "probing/train_probe.py": """
                from sklearn.metrics import roc_auc_score
                from .io import save_metrics

                def main(scores, labels):
                    save_metrics({"auroc": roc_auc_score(labels, scores), "layer": 18, "n": len(labels)}, "probe")
            """,
        }, expect=[("README.md", 1, "RESULT007")],
            note="across modules: a helper of another module writes the metrics file; the README's AUROC is not in it"),
        valid({
            "README.md": "The probe reaches an AUROC of 0.874 on the deception split.\n",
            "outputs/probe_metrics.json": '{"auroc": 0.874, "layer": 18, "n": 640}\n',
            "probing/__init__.py": "",
            "probing/io.py": """
                import json
                from pathlib import Path

                def save_metrics(metrics, name):
                    Path("outputs").mkdir(exist_ok=True)
                    Path(f"outputs/{name}_metrics.json").write_text(json.dumps(metrics))
            """,
            "probing/train_probe.py": """
                from sklearn.metrics import roc_auc_score
                from .io import save_metrics

                def main(scores, labels):
                    save_metrics({"auroc": roc_auc_score(labels, scores), "layer": 18, "n": len(labels)}, "probe")
            """,
        }, note="near miss of the same layout: the README quotes the saved AUROC"),
        valid({
            "README.md": "After fine-tuning, the classifier reaches 88.7% accuracy on the held-out test set.\n",
            "results/summary.json": '{"accuracy": 0.861, "macro_f1": 0.842, "n_test": 2000}\n',
            "finetune.ipynb": notebook(
                """
                import json
                from sklearn.metrics import accuracy_score, f1_score
                """,
                """
                summary = {"accuracy": accuracy_score(y_test, preds), "macro_f1": f1_score(y_test, preds, average="macro"),
                           "n_test": len(y_test)}
                json.dump(summary, open("results/summary.json", "w"))
                """,
                ("""
                print(f"test accuracy after the longer schedule: {accuracy_score(y_test, preds_long):.1%}")
                """, "test accuracy after the longer schedule: 88.7%\\n"),
            ),
        }, note="near miss: the README's number is a stored output of the notebook"),
        invalid({
            "README.md": """\
                | model | accuracy |
                |---|---|
                | gpt-4o | 68.4% |

                The best model reaches **71.3%** accuracy.
                """,
            "results/accuracy.json": '[{"model": "gpt-4o", "accuracy": 0.684, "n": 1000}]\n',
            "evaluate.py": 'import json\njson.dump(rows, open("results/accuracy.json", "w"))\n',
        }, expect=[("README.md", 5, "RESULT007")], note="the file the repo's code writes holds 68.4, not 71.3"),
        invalid({
            "README.md": """\
                | model | WMDP-bio | MMLU |
                |---|---|---|
                | rmu | 31.2 | 64.6 |

                Scores from `results/rmu.json`.
                """,
            "results/rmu.json": '{"wmdp-bio": {"accuracy": 31.2}, "mmlu": {"accuracy": 63.2}}\n',
        }, expect=[("README.md", 3, "RESULT007")], note="the document names the file it is read against"),
        invalid({
            "docs/results.md": """\
                | model | acc | f1 | auroc |
                |---|---|---|---|
                | base | 71.2 | 0.655 | 0.802 |
                | tuned | 74.9 | 0.690 | 0.861 |
                """,
            "outputs/base/metrics.json": '{"acc": 0.712, "f1": 0.655, "auroc": 0.802}\n',
            "outputs/tuned/metrics.json": '{"acc": 0.731, "f1": 0.671, "auroc": 0.848}\n',
            "train.py": 'import json\nfrom pathlib import Path\n'
                        'json.dump(m, open(f"outputs/{args.name}/metrics.json", "w"))\n',
        }, expect=[("docs/results.md", 4, "RESULT007")],
            note="three numbers of one table row differ from the run's file: one finding for the table"),
        valid({
            "README.md": """\
                | method | accuracy | AUROC |
                |---|---|---|
                | Perspective API | 0.781 | 0.842 |
                | ours | 0.874 | 0.897 |
                """,
            "results/final.json": '{"model": "ours", "accuracy": 0.874, "auroc": 0.897}\n',
            "evaluate.py": 'import json\njson.dump(summary, open("results/final.json", "w"))\n',
        }, note="near miss: a baseline row quoted from elsewhere, in a table whose own row is supported"),
        invalid({
            "README.md": "We fine-tune DistilBERT on SST-2; it reaches a validation accuracy of 91.3%.\n",
            "results/eval.json": '{"model": "distilbert", "eval_accuracy": 0.9014, "eval_loss": 0.287}\n',
            "train.py": 'import json\njson.dump(metrics, open("results/eval.json", "w"))\n',
        }, expect=[("README.md", 1, "RESULT007")],
            note="one sentence, one number: the accuracy the code saved is another"),
        invalid({
            "README.md": "Requires torch 2.1.2.\nThe probe separates honest from deceptive answers with an AUROC of 0.93.\n",
            "outputs/probe.json": '{"layer": 16, "n_test": 812, "auroc": 0.8813}\n',
            "probe.py": 'from pathlib import Path\nPath("outputs/probe.json").write_text(text)\n',
        }, expect=[("README.md", 2, "RESULT007")], note="the number ends the sentence; the version is not a claim"),
        invalid({
            "report.qmd": "---\ntitle: Probes\n---\n\nThe layer-20 probe reaches an AUROC of 0.94 on held-out transcripts.\n",
            "results/probe_auroc.json": '{"layer": 20, "n_test": 412, "auroc": 0.91}\n',
            "train_probe.py": 'import json\njson.dump(out, open("results/probe_auroc.json", "w"))\n',
        }, expect=[("report.qmd", 5, "RESULT007")], note="held-out probe 23: a Quarto report is a document like a README"),
        valid({
            "report.qmd": "---\ntitle: Probes\n---\n\nThe layer-20 probe reaches an AUROC of 0.91 on held-out transcripts.\n",
            "results/probe_auroc.json": '{"layer": 20, "n_test": 412, "auroc": 0.91}\n',
            "train_probe.py": 'import json\njson.dump(out, open("results/probe_auroc.json", "w"))\n',
        }, note="near miss: the report quotes the saved AUROC"),
        invalid({
            "README.md": "The attacks succeed on 71.8% of the behaviours (judge at temperature 0.0, lr 0.5 of the attacker).\n",
            "results/asr.json": '{"target": "gpt-4o-mini", "n": 320, "asr": 0.762}\n',
            "attack.py": 'import json\njson.dump(out, open("results/asr.json", "w"))\n',
        }, expect=[("README.md", 1, "RESULT007")],
            note="held-out probe 23: a sentence that names its settings still claims its result; only the numbers "
                 "next to a setting word are settings"),
        valid({
            "README.md": "The attacks succeed on 76.2% of the behaviours (judge at temperature 0.7, top-p 0.95).\n",
            "results/asr.json": '{"target": "gpt-4o-mini", "n": 320, "asr": 0.762}\n',
            "attack.py": 'import json\njson.dump(out, open("results/asr.json", "w"))\n',
        }, note="near miss: the result is saved; 0.7 and 0.95 are the settings the words before them name"),
        valid({
            "README.md": "We fine-tune DistilBERT on SST-2; it reaches a validation accuracy of 90.1%.\n",
            "results/eval.json": '{"model": "distilbert", "eval_accuracy": 0.9014, "eval_loss": 0.287}\n',
            "train.py": 'import json\njson.dump(metrics, open("results/eval.json", "w"))\n',
        }, note="the same sentence with the saved number"),
        valid({
            "README.md": "Our detector keeps a false positive rate of 2.5% on benign traffic.\n",
            "results/eval.json": '{"model": "distilbert", "eval_accuracy": 0.9014, "eval_loss": 0.287}\n',
            "train.py": 'import json\njson.dump(metrics, open("results/eval.json", "w"))\n',
        }, note="near miss: a sentence about a metric no result file keeps"),
        invalid({
            "README.md": """\
                | Model | Accuracy | Macro-F1 |
                |---|---|---|
                | ours | 84.1 | 0.80 |
                """,
            "results/metrics.json": '{"accuracy": 0.826, "macro_f1": 0.79, "n_test": 1500}\n',
            "eval.py": 'import json\njson.dump(summary, open("results/metrics.json", "w"))\n',
        }, expect=[("README.md", 3, "RESULT007")],
            note="a one-row table whose columns name the metrics of a small results file, none of them matching"),
        valid({
            "README.md": """\
                | Model | Accuracy |
                |---|---|
                | GPT-4 | 86.4 |
                | Claude 2 | 78.5 |
                | Llama-2-70B | 68.9 |
                | Mistral-7B | 60.1 |
                """,
            "results/metrics.json": '{"accuracy": 0.826, "n_test": 1500}\n',
            "eval.py": 'import json\njson.dump(summary, open("results/metrics.json", "w"))\n',
        }, note="near miss: a leaderboard of other models' numbers, none of them this repo's run"),
        invalid({
            "paper/table.tex": "Model & Acc & AUROC \\\\\n\\midrule\nOurs & 0.874 & 0.912 \\\\\n",
            "results/final.json": '{"model": "ours", "accuracy": 0.874, "auroc": 0.897}\n',
            "evaluate.py": 'import json\njson.dump(summary, open("results/final.json", "w"))\n',
        }, expect=[("paper/table.tex", 3, "RESULT007")],
            note="a LaTeX row with one supported number: the other is not in the file the code writes"),
        invalid({
            "README.md": """\
                | system | win rate vs. GPT-4 |
                |---|---|
                | llama-7b base | 12.6 |
                | llama-7b dpo | 18.1 |
                | SFT Llama-7B (ours) | 44.0 |
                """,
            "outputs/alpaca_eval.jsonl": '{"model": "llama-7b/base", "win_rate": 0.1262}\n'
                                         '{"model": "llama-7b/dpo", "win_rate": 0.1809}\n'
                                         '{"model": "ours/sft-llama-7b", "win_rate": 0.4120}\n',
            "judge.py": 'import json\nwith open("outputs/alpaca_eval.jsonl", "a") as f:\n    f.write(json.dumps(row))\n',
        }, expect=[("README.md", 5, "RESULT007")],
            note="probe 6: the row's label is the result's model name with its words in another order"),
        valid({
            "README.md": """\
                | system | win rate vs. GPT-4 |
                |---|---|
                | llama-7b base | 12.6 |
                | llama-7b dpo | 18.1 |
                | SFT Llama-7B (ours) | 41.2 |
                """,
            "outputs/alpaca_eval.jsonl": '{"model": "llama-7b/base", "win_rate": 0.1262}\n'
                                         '{"model": "llama-7b/dpo", "win_rate": 0.1809}\n'
                                         '{"model": "ours/sft-llama-7b", "win_rate": 0.4120}\n',
            "judge.py": 'import json\nwith open("outputs/alpaca_eval.jsonl", "a") as f:\n    f.write(json.dumps(row))\n',
        }, note="the twin: every row is in the file"),
        invalid({
            "README.md": """\
                | retriever | EM | F1 |
                |---|---|---|
                | BM25 | 0.412 | 0.503 |
                | Contriever | 0.455 | 0.549 |
                | **Ours (RAG + rerank)** | 0.521 | 0.617 |
                """,
            "results/nq_open.csv": "retriever,em,f1\nbm25,0.412,0.503\ncontriever,0.455,0.549\nrerank,0.497,0.590\n",
            "evaluate.py": 'import pandas as pd\npd.DataFrame(rows).to_csv("results/nq_open.csv", index=False)\n',
        }, expect=[("README.md", 5, "RESULT007")],
            note="probe 9: the row labelled as the authors' own (`Ours`) is no quoted baseline: its numbers must be in "
                 "the results file that supports the table's other rows"),
        valid({
            "README.md": """\
                | retriever | EM | F1 |
                |---|---|---|
                | BM25 | 0.412 | 0.503 |
                | Contriever | 0.455 | 0.549 |
                | **Ours (RAG + rerank)** | 0.497 | 0.590 |
                """,
            "results/nq_open.csv": "retriever,em,f1\nbm25,0.412,0.503\ncontriever,0.455,0.549\nrerank,0.497,0.590\n",
            "evaluate.py": 'import pandas as pd\npd.DataFrame(rows).to_csv("results/nq_open.csv", index=False)\n',
        }, note="the twin: the authors' row is the file's rerank row"),
        invalid({
            "paper/sections/results.tex": "Detector & ECE & AUPRC \\\\\n\\midrule\n"
                                          "kNN & 0.041 $\\pm$ 0.004 & 0.778 $\\pm$ 0.011 \\\\\n"
                                          "ours & 0.030 $\\pm$ 0.002 & 0.846 $\\pm$ 0.009 \\\\\n",
            "results/runs.csv": "detector,seed,ece,auprc\nknn,0,0.041,0.778\nours,0,0.031,0.812\n",
        }, expect=[("paper/sections/results.tex", 4, "RESULT007")],
            note="probe 6: a results/ file that no code here writes is still the repository's results; "
                 "the spread after \\pm is not a claim"),
        valid({
            "paper/sections/results.tex": "Detector & ECE & AUPRC \\\\\n\\midrule\n"
                                          "kNN & 0.041 $\\pm$ 0.004 & 0.778 $\\pm$ 0.011 \\\\\n"
                                          "ours & 0.031 $\\pm$ 0.002 & 0.812 $\\pm$ 0.009 \\\\\n",
            "results/runs.csv": "detector,seed,ece,auprc\nknn,0,0.041,0.778\nours,0,0.031,0.812\n",
        }, note="the twin: the means are in the file; the spreads (\\pm) are not read as claims"),
        valid({
            "README.md": """\
                | model | MMLU | GSM8K | HumanEval |
                |---|---|---|---|
                | gpt-4 | 86.4 | 92.0 | 67.0 |
                | claude-2 | 78.5 | 88.0 | 71.2 |
                | llama-2-70b | 68.9 | 56.8 | 29.9 |
                """,
            "configs/eval.json": '{"lr": 0.864, "warmup": 0.785, "weights": [0.689, 0.1, 0.2]}\n',
            "data/questions.json": '[{"id": 1, "difficulty": 0.92}, {"id": 2, "difficulty": 0.568}]\n',
        }, note="near miss: a leaderboard copied from papers; no file the code writes or the README names"),
        valid({
            "README.md": """\
                Accuracy **68.4%** (n=1,000, Python 3.11.2, released 2024.05).
                Chance accuracy is 25.0%; the original paper reports 70.1% accuracy.
                Trained with lr 0.001 and dropout 0.15 for 3 epochs; 2.5x faster than before.
                """,
            "results/accuracy.json": '{"accuracy": 0.6842}\n',
        }, note="near misses: rounding, versions, chance, other papers, settings, ratios"),
        valid({
            "README.md": "Our model reaches an accuracy of 91.3%.\n",
        }, note="no result file at all: nothing anchors the README to saved results"),
        valid({
            "README.md": """\
                Training takes about 4 days and gets a val loss of about 3.11, or ~2.85 after finetuning.
                Our best run gets a loss of 1.47 and an error rate of 0.12.
                Note that this repo uses PyTorch 2.0 by default; on errors, pass `--compile=False`.
                """,
            "sizing.ipynb": '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", '
                            '"metadata": {}, "execution_count": 1, "source": "print(ratio)", "outputs": [{"output_type": '
                            '"stream", "name": "stdout", "text": "flops ratio 2.0\\n"}]}]}',
        }, note="near miss (nanoGPT): approximate figures and a version, and the one match is by chance"),
        valid({
            "README.md": """\
                | model | accuracy |
                |---|---|
                | probe | 91.2 |
                """,
            "results/other.json": '{"auroc": 0.970}\n',
            "probe.ipynb": '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", '
                           '"metadata": {}, "execution_count": 1, "source": "print(acc)", "outputs": [{"output_type": '
                           '"stream", "name": "stdout", "text": "test accuracy 0.9117\\n"}]}]}',
        }, note="supported by a saved notebook output"),
        valid({
            "README.md": """\
                | Method | Test Accuracy | Test ECE | AUROC |
                |---|---|---|---|
                | Softmax | 95.98 | 0.85 | 94.44 |
                | Ensemble | 96.59 | 0.76 | 97.73 |
                | ours | 95.97 | 0.85 | 98.09 |
                """,
            "notebooks/toy.ipynb": '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", '
                                   '"metadata": {}, "execution_count": 1, "source": "train(model)", "outputs": [{"output_type": '
                                   '"stream", "name": "stdout", "text": "Epoch 0 Loss: 0.763293\\nEpoch 143 Loss: 0.008530\\n"}]}]}',
        }, note="near miss (held-out 14): a paper's table whose only matches are its two-digit cells, rounded from a "
                "toy notebook's training losses (0.763293, 0.008530 as a percentage): chance, not the table's run"),
        invalid({
            "README.md": """\
                | Method | Test Accuracy | Test ECE | AUROC |
                |---|---|---|---|
                | Softmax | 95.98 | 0.85 | 94.44 |
                | Ensemble | 96.59 | 0.76 | 97.73 |
                | ours | 95.97 | 0.85 | 98.09 |
                """,
            "notebooks/cifar.ipynb": '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", '
                                     '"metadata": {}, "execution_count": 1, "source": "evaluate(model)", "outputs": [{"output_type": '
                                     '"stream", "name": "stdout", "text": "softmax acc 0.9598 ece 0.0085 auroc 0.9444\\n'
                                     'ensemble acc 0.9659 ece 0.0076 auroc 0.9773\\nours acc 0.9597 ece 0.0085 auroc 0.9671\\n"}]}]}',
        }, expect=[("README.md", 5, "RESULT007")],
            note="the twin: the notebook evaluates the table's methods, and the last AUROC differs from the table's"),
        valid({
            "docs/leaderboard.md": "| model | robustness |\n|---|---|\n" + "".join(
                f"| m{i} | {(i * 211 + 5) % 1000 / 1000:.3f} |\n" for i in range(12)),
            "examples/attack.ipynb": '{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": '
                                     '"code", "metadata": {}, "execution_count": 1, "source": "print(scores)", '
                                     '"outputs": [{"output_type": "stream", "name": "stdout", "text": "'
                                     + " ".join(f"{(i * 37 % 1000) / 1000:.3f}" for i in range(300)) + '\\n"}]}]}',
        }, note="near miss (promptbench): an output full of numbers matches a third of the table, but no more "
                "than numbers next to the claimed ones would: chance, not support"),
        valid({
            "prompts/results_log.md": "".join(f"Acc: {50 + i * 0.1:.2f}%, prompt: variant {i}\n" for i in range(200)),
            "results/best.json": '{"accuracy": [0.5, 0.51, 0.523]}\n',
        }, note="near miss (promptbench): a Markdown log of 200 runs of which a result file holds three"),
        invalid({
            "README.md": "With Claude the agent solves **47.3%** of the 500 tasks, ahead of GPT-4o (38.6%) and Llama (25.4%); see `results/summary.json`.\n",
            "results/summary.json": '{"n_tasks": 500, "success_rate": {"claude": 0.412, "gpt-4o": 0.386, "llama": 0.254}}\n',
        }, expect=[("README.md", 1, "RESULT007")],
            note="probe 12: a sentence that says what share of the tasks the agent solves is a result"),
        valid({
            "README.md": "With Claude the agent solves **41.2%** of the 500 tasks, ahead of GPT-4o (38.6%) and Llama (25.4%); see `results/summary.json`.\n",
            "results/summary.json": '{"n_tasks": 500, "success_rate": {"claude": 0.412, "gpt-4o": 0.386, "llama": 0.254}}\n',
        }, note="the twin: the file holds every number"),
        invalid({
            "docs/report.md": "| system | nDCG@10 |\n|---|---|\n| BM25 | 0.665 |\n| dense (e5-base) | 0.641 |\n| hybrid (RRF) | 0.517 |\n\nScores from `results/beir_scifact.json`.\n",
            "results/beir_scifact.json": '{"dataset": "scifact", "n_queries": 300, "ndcg@10": {"bm25": 0.665, "dense": 0.641, "hybrid": 0.493}}\n',
        }, expect=[("docs/report.md", 5, "RESULT007")],
            note="probe 12: a row label with a note in parentheses (`hybrid (RRF)`) names the condition the file keeps"),
        valid({
            "docs/report.md": "| system | nDCG@10 |\n|---|---|\n| BM25 | 0.665 |\n| dense (e5-base) | 0.641 |\n| ColBERT (Khattab and Zaharia) | 0.671 |\n\nScores from `results/beir_scifact.json`.\n",
            "results/beir_scifact.json": '{"dataset": "scifact", "n_queries": 300, "ndcg@10": {"bm25": 0.665, "dense": 0.641, "hybrid": 0.493}}\n',
        }, note="near miss: a baseline row whose label names no condition of the results is quoted from elsewhere"),
        invalid({
            "README.md": "| model | test C-index |\n|---|---|\n| Cox PH (penalizer 0.1) | 0.724 |\n| Random survival forest | 0.781 |\n\nScores from `results/survival_metrics.json`.\n",
            "results/survival_metrics.json": '{"n_test": 412, "coxph": {"c_index": 0.724}, "rsf": {"c_index": 0.752}}\n',
        }, expect=[("README.md", 4, "RESULT007")],
            note="probe 14: a row label of several words names the condition a result file keeps by its initials "
                 "(`Random survival forest` beside `rsf`)"),
        valid({
            "README.md": "| model | test C-index |\n|---|---|\n| Cox PH (penalizer 0.1) | 0.724 |\n| Gradient boosted trees | 0.781 |\n\nScores from `results/survival_metrics.json`.\n",
            "results/survival_metrics.json": '{"n_test": 412, "coxph": {"c_index": 0.724}, "rsf": {"c_index": 0.752}}\n',
        }, note="near miss: a row whose initials (`gbt`) name no condition of the results quotes a baseline from elsewhere"),
        invalid({
            "README.md": "# GraphConv on BBBP\n\nThe default settings reach a **test ROC-AUC of 0.913** on the scaffold split.\n",
            "results/summary.json": '{"model": "GraphConvModel", "split": "scaffold", "n_test": 204, "valid": 0.902, "test": 0.871}\n',
            "train.py": "import json\njson.dump({'model': 'GraphConvModel', 'split': 'scaffold', 'n_test': 204, 'valid': v, 'test': t}, open('results/summary.json', 'w'))\n",
        }, expect=[("README.md", 3, "RESULT007")],
            note="probe 18: a small result file keys its scores by split (`\"test\": 0.871`); a sentence naming that split's "
                 "metric (`test ROC-AUC of 0.913`) claims the number the file should hold"),
        valid({
            "README.md": "# GraphConv on BBBP\n\nThe default settings reach a **test ROC-AUC of 0.871** on the scaffold split.\n",
            "results/summary.json": '{"model": "GraphConvModel", "split": "scaffold", "n_test": 204, "valid": 0.902, "test": 0.871}\n',
            "train.py": "import json\njson.dump({'model': 'GraphConvModel', 'split': 'scaffold', 'n_test': 204, 'valid': v, 'test': t}, open('results/summary.json', 'w'))\n",
        }, note="near miss: the sentence quotes the split's number the file holds"),
        invalid({
            "make_report.py": "import json\nres = json.load(open('results/beir_ndcg10.json'))\nlines = ['# BEIR nDCG@10', '', '| dataset | BM25 | ours |', '|---|---|---|']\nfor ds, r in sorted(res['per_dataset'].items()):\n    lines.append(f\"| {ds} | {r['bm25']:.3f} | {r['ours']:.3f} |\")\nlines += ['', 'Our bi-encoder improves nDCG@10 by 14.2% on average over BM25.']\nopen('REPORT.md', 'w').write('\\n'.join(lines))\n",
            "results/beir_ndcg10.json": '{"model": "ours-e5", "per_dataset": {"fiqa": {"bm25": 0.236, "ours": 0.297}, "scifact": {"bm25": 0.665, "ours": 0.701}, "trec-covid": {"bm25": 0.656, "ours": 0.612}}}\n',
            "REPORT.md": "# BEIR nDCG@10\n\n| dataset | BM25 | ours |\n|---|---|---|\n| fiqa | 0.236 | 0.297 |\n| scifact | 0.665 | 0.701 |\n| trec-covid | 0.656 | 0.612 |\n\nOur bi-encoder improves nDCG@10 by 14.2% on average over BM25.\n",
        }, expect=[("make_report.py", 6, "RESULT007")],
            note="probe 18: a results file named for its metric (`beir_ndcg10.json`); the report's headline gain is a string "
                 "typed into the generator that writes the report, reported there"),
        valid({
            "make_report.py": "import json\nres = json.load(open('results/beir_ndcg10.json'))\nlines = ['# BEIR nDCG@10', '', '| dataset | BM25 | ours |', '|---|---|---|']\nfor ds, r in sorted(res['per_dataset'].items()):\n    lines.append(f\"| {ds} | {r['bm25']:.3f} | {r['ours']:.3f} |\")\ngain = 100 * sum(r['ours'] / r['bm25'] - 1 for r in res['per_dataset'].values()) / len(res['per_dataset'])\nlines += ['', f'Our bi-encoder improves nDCG@10 by {gain:.1f}% on average over BM25.']\nopen('REPORT.md', 'w').write('\\n'.join(lines))\n",
            "results/beir_ndcg10.json": '{"model": "ours-e5", "per_dataset": {"fiqa": {"bm25": 0.236, "ours": 0.297}, "scifact": {"bm25": 0.665, "ours": 0.701}, "trec-covid": {"bm25": 0.656, "ours": 0.612}}}\n',
            "REPORT.md": "# BEIR nDCG@10\n\n| dataset | BM25 | ours |\n|---|---|---|\n| fiqa | 0.236 | 0.297 |\n| scifact | 0.665 | 0.701 |\n| trec-covid | 0.656 | 0.612 |\n",
        }, note="near miss: the generator computes the gain from the results it reads"),
    ]

    def finish(self) -> None:
        nb = self.ctx.notebook
        if nb is None:
            # A Streamlit app's typed headline metrics, kept with its text for the repository phase
            # (which result files it shows): read there, every edit of any file would re-run the rule.
            text = self.ctx.text
            if self.ctx.kind == "python" and "streamlit" in text and _DASHBOARD.search(text):
                typed = _typed_dashboard_metrics(text)
                if typed:
                    self.ctx.facts[self.code] = {"dashboard": typed, "text": text[:MAX_DASHBOARD]}
            return
        numbers: list[float] = []
        for cell in nb.cells:
            for output in cell.outputs:
                for match in re.finditer(r"-?\d+\.\d+", output_text(output)[:20000]):
                    numbers.append(float(match.group()))
        if numbers:
            self.ctx.facts[self.code] = {"numbers": numbers[:5000]}

    def check_file(self) -> None:
        path = self.ctx.path
        if not path.lower().endswith((".md", ".markdown", ".qmd", ".tex")):
            return
        try:
            text = Path(getattr(self.ctx, "abspath")).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        claims = _claims(text, latex=path.lower().endswith(".tex"))
        if claims:
            self.ctx.facts[self.code] = {"claims": claims, "names": _names(text)}

    @classmethod
    def check_repo(cls, repo: RepoContext) -> None:
        tables = {path: profile for path, profile in repo.facts("table")}
        written = set(writes_by_target(repo, frozenset(tables))) if tables else set()
        kept_as_settings = settings_results(repo)  # `results/eval.toml`, `runs/metrics.yaml` the code writes
        tables.update(kept_as_settings)
        written.update(kept_as_settings)
        notebook_numbers: list[float] = []
        notebooks: list[str] = []
        for path, facts in repo.facts(cls.code):
            if "numbers" in facts:
                notebook_numbers.extend(facts["numbers"])
                notebooks.append(path)
        numbers_of = {path: list(result_numbers(profile)) for path, profile in tables.items()}
        cls._dashboards(repo, tables, written, numbers_of)
        for path, facts in repo.facts(cls.code):
            claims = facts.get("claims", [])
            if not claims:
                continue
            for found, profile in _yaml_results(repo, path, facts.get("names", [])).items():
                if found not in tables:  # a YAML metrics file the document names: its `key: number` lines
                    tables[found], numbers_of[found] = profile, list(result_numbers(profile))
            # Only files the repository's code writes, or that the document names, are its
            # results: a leaderboard copied from a paper is not checked against a config.
            named = _named(facts.get("names", []), path, tables)
            sources = [s for s in tables if numbers_of[s] and (s in written or s in named or _kept_results(s, tables[s]))]
            sources += notebooks
            numbers = [n for s in sources if s in numbers_of for n in numbers_of[s]] + notebook_numbers
            if not numbers:
                continue
            metrics = {key.rsplit(".", 1)[-1].strip("[]").lower() for s in sources if s in tables
                       for key in [*tables[s].get("columns", {}), *(leaf[0] for leaf in tables[s].get("leaves", []))]
                       if metric_key(key)}
            conditions = {slug for s in sources if s in tables for slug in _condition_names(tables[s])}
            splits = {key for s in sources if s in tables for key in _split_keys(tables[s])}
            cls._check_document(repo, path, claims, _NumberIndex(numbers), sources, metrics, conditions,
                                _varying_flags([tables[s] for s in sources if s in tables]), splits)

    @classmethod
    def _dashboards(cls, repo: RepoContext, tables: dict[str, Any], written: set[str], numbers_of: dict[str, list[float]]) -> None:
        """A Streamlit app that shows the results files and types its headline figure in by hand
        (`st.metric("Test F1", "0.912")` beside `json.load(open("results/metrics.json"))`): reported at the
        literal when no result file holds the number."""
        for path, facts in repo.facts(cls.code):
            if "dashboard" not in facts:
                continue
            typed, text = facts["dashboard"], facts["text"]
            shown = [p for p in tables if numbers_of.get(p) and (p in text or p.rsplit("/", 1)[-1] in text)]
            if not typed or not shown:
                continue  # an app that reads no result file of the repository is not checked against them
            index = _NumberIndex([n for p in tables if p in written or p in shown or _kept_results(p, tables[p])
                                  for n in numbers_of.get(p, [])])
            for line, label, number in typed:
                percent = number.endswith("%")
                digits = number.rstrip("%")
                decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
                if not index.supports(float(digits), decimals, percent):
                    repo.report(cls, path, line, snippet=number, text=f"\"{label}\" {number}",
                                sources=f"checked {', '.join(shown[:3])}",
                                message="{text} is typed into the dashboard and appears in no result file ({sources}): "
                                        "the app shows it whatever the results are")

    @classmethod
    def _check_document(cls, repo: RepoContext, path: str, claims: list[dict[str, Any]], index: _NumberIndex,
                        sources: list[str], metrics: set[str], conditions: set[str] = frozenset(),
                        flags: set[str] = frozenset(), splits: set[str] = frozenset()) -> None:
        shown = ", ".join(sources[:3]) + (f" and {len(sources) - 3} more" if len(sources) > 3 else "")
        support = [index.supports(c["value"], c["decimals"], c["percent"]) for c in claims]
        # Counted over distinct numbers: a log repeating one score a hundred times is one match.
        distinct = {(c["value"], c["decimals"], c["percent"]): ok for c, ok in zip(claims, support)}
        found, total = sum(distinct.values()), len(distinct)
        if not found and not any(c.get("words") for c in claims):
            return
        # One number matching by chance does not tie the document's prose to the results; a table
        # row is read only when it is ours (below), so one match there is enough.
        prose = not (found < min(2, total) and 2 * found < total)
        # Numbers beside the claimed ones (a few last-digit steps away) match as often when the
        # results hold many numbers: then the matches are chance, and the document is not read;
        # nor is one whose numbers mostly come from elsewhere (a log of runs kept as Markdown).
        decoys = sum(index.supports(value + step * 10 ** -decimals, decimals, percent)
                     for value, decimals, percent in distinct for step in _DECOY_STEPS) / len(_DECOY_STEPS)
        # A two-digit number (`0.85`, `76`) is what a training log's losses round to by the dozen: a
        # document is tied to the results only by a match of three significant digits or more.
        specific = any(ok and _digits(value, decimals) >= 3 for (value, decimals, _), ok in distinct.items())
        tied = found >= 2 * decoys + 1 and 10 * found >= total and specific
        # Untied, only a few sentences naming a metric that a small result file keeps are read:
        # `84.1% accuracy` in the README beside {"accuracy": 0.826} is a claim about that file.
        # The words and the keys compared without separators: "exact match" names `exact_match`.
        joined = {re.sub(r"[\s_\-]+", "", k) for k in metrics}
        named = [c for c in claims if (not c["table"] or len({d["line"] for d in claims if d["table"] == c["table"]})
                                       <= MAX_UNTIED) and (any(re.sub(r"[\s_\-]+", "", w) in k for w in c.get("words", []) for k in joined)
                                                           or set(c.get("splits", ())) & splits)]
        if not tied and not (named and len({c["line"] for c in named}) <= MAX_UNTIED and len(index.numbers) <= SMALL_RESULTS):
            return
        prose = prose and tied
        # A table row is ours when one of its numbers is in the results or its label names a result
        # file (`| tuned | ... |` beside outputs/tuned/metrics.json) or a condition a result file
        # keeps (`| retrieval | 0.791 |` beside {"by_system": {"retrieval": 0.768}}), or its label says it
        # is the authors' own (`| student (ours) |`); other rows quote baselines.
        ours = {c["line"] for c, ok in zip(claims, support) if ok and c["table"] and not c.get("spread")}
        # A row whose count is one the result files hold (`| benign borderline | 350 | 4.8% |` beside
        # {"n_benign": 350}) reports our run on those items.
        counts = {int(n) for n in index.numbers if isinstance(n, (int, float)) and float(n).is_integer() and 10 <= n < 10**7}
        # ...a count that tells the row apart: one every row shares (`| GPT-3.5 | 57.1 | 500 |` beside our two
        # runs on the same 500 questions) says nothing of whose number the row quotes.
        rows_with: dict[tuple[int, int], set[int]] = {}
        for c in claims:
            for n in c.get("ints", ()):
                rows_with.setdefault((c["table"], n), set()).add(c["line"])
        ours |= {c["line"] for c in claims if c["table"] and any(
            n in counts and len(rows_with[(c["table"], n)]) == 1 for n in c.get("ints", ()))}
        names = {_slug(part) for s in sources for part in re.split(r"[/.]", s) if len(part) > 2} | set(conditions)
        # A note in parentheses after the label (`hybrid (RRF)`, `dense (e5-base)`) qualifies the
        # condition the words before it name.
        # A label of three or more words may name the condition by its initials (`Random survival forest`
        # beside {"rsf": {...}}).
        ours |= {c["line"] for c in claims if c["table"] and c.get("label") and any(
            _slug(label) in names or _token_key(label) in names or _initials(label) in names
            for label in {c["label"], _unqualified(c["label"])} if label)
            or c["table"] and c.get("label") and (_OURS.search(c["label"])
                                                  or set(re.findall(r"[a-z0-9_]+", c["label"].lower())) & flags)}
        missing: dict[int, list[dict[str, Any]]] = {}
        related = tuple(Location(s) for s in sources[:3])
        for claim, ok in zip(claims, support):
            # A sentence is about the results when the document is tied to them, or when it names a
            # metric that a result file keeps (`84.1% accuracy` beside {"accuracy": 0.826}).
            about = prose or claim in named
            row_ours = claim["line"] in ours if tied else claim in named
            if ok or claim.get("spread") or (claim["table"] and not row_ours) or (not claim["table"] and not about):
                continue
            if claim["table"]:
                missing.setdefault(claim["table"], []).append(claim)
                continue
            generator = _generator_line(repo, path, claim["text"])
            if generator is not None:
                # `REPORT.md` written by `make_report.py`, the sentence a string typed into the generator: the number is
                # fixed there, whatever the results say when the report is made again
                repo.report(cls, generator[0], generator[1], snippet=claim["text"], text=claim["text"],
                            sources=f"checked {shown}", related=(Location(path, claim["line"], "the report it writes"),
                                                                 *related),
                            message="{text} is typed into the code that writes " + path + ", and appears in no result "
                                    "file or saved notebook output ({sources}): the report states it whatever the results are")
                continue
            repo.report(cls, path, claim["line"], snippet=claim["text"], text=claim["text"],
                        sources=f"checked {shown}", related=related)
        # One finding per table: one answer (where is the run behind this table?) settles it.
        for cells in missing.values():
            first = cells[0]
            text = first["text"] if len(cells) == 1 else (
                f"{first['text']} and {len(cells) - 1} more number{'s' if len(cells) > 2 else ''} of the table "
                f"({', '.join(c['text'] for c in cells[1:4])}{', ...' if len(cells) > 4 else ''})")
            repo.report(cls, path, first["line"], snippet=first["text"], text=text,
                        sources=f"checked {shown}", related=related)


# A row the authors label as their own (`Ours`, `student (ours)`, `our method`, `proposed`): never a quoted baseline.
_OURS = re.compile(r"(?i)\bours\b|\bour (method|model|approach|system)\b|\bproposed\b")
_FILE_NAME = re.compile(r"[\w.\-/]*\w\.(?:jsonl?|ndjson|csv|tsv|parquet|ya?ml)\b|(?<![\w./])[A-Za-z_][\w.\-]*(?:/[\w.\-]+)*/(?=[\s`)\]|,;:]|$)")


_RATE_PHRASE = re.compile(r"((?:\b[A-Za-z][A-Za-z\-]+\s+){1,3})rates?\b")
_FILLERS = frozenset({"a", "an", "the", "of", "at", "with", "its", "our", "their", "and", "or", "in", "on", "to", "is",
                      "was", "by", "for", "this", "that", "low", "high", "lower", "higher", "overall", "mean", "average"})
_VERBS = frozenset({"reaches", "achieves", "gets", "obtains", "score", "rate", "rates", "solves", "solved", "resolves"})
# `succeeds on`, `success rate`: the success rate, kept as `success_rate`, or as `asr` for an attack
_SUCCESS = ("success", "asr")


def _digits(value: float, decimals: int) -> int:
    """Significant digits of a number as written with `decimals` decimals (`0.85` 2, `95.98` 4)."""
    return len(f"{abs(value):.{decimals}f}".replace(".", "").lstrip("0"))


# A sentence naming the split its number is for (`a test ROC-AUC of 0.913`): a small result file that keys its
# scores by split (`{"valid": 0.902, "test": 0.871}`) holds the number the sentence claims.
_SPLIT_WORD = re.compile(r"(?i)\b(test|valid|validation|val|dev|held[- ]out)\b")
_SPLIT_KEYS = {"test": "test", "valid": "valid", "validation": "valid", "val": "valid", "dev": "valid",
               "held-out": "test", "held out": "test", "heldout": "test"}


def _split_words(line: str) -> list[str]:
    return sorted({_SPLIT_KEYS[m.group(1).lower()] for m in _SPLIT_WORD.finditer(line)})


def _split_keys(profile: dict[str, Any]) -> set[str]:
    """The split names a result file keys a number by (`{"test": 0.871}`, a `test` column)."""
    keys = [leaf[0] for leaf in profile.get("leaves", []) if isinstance(leaf[1], (int, float))]
    keys += list(profile.get("columns", {}))
    return {_SPLIT_KEYS[last] for key in keys if (last := key.rsplit(".", 1)[-1].strip("[]").lower()) in _SPLIT_KEYS}


def _metric_words(line: str) -> list[str]:
    """The metric names a sentence mentions (`accura`, `f1`), for matching result files' keys."""
    words = {m.group(0).lower() for m in _METRIC_WORDS.finditer(line)} - _VERBS
    # `rate` alone names no metric; with the words before it it does (`false positive rate`, kept as
    # `false_positive_rate`; `catch rate`)
    words |= {" ".join(w for w in m.group(1).lower().split() if w not in _FILLERS)[-40:] + " rate"
              for m in _RATE_PHRASE.finditer(line) if set(m.group(1).lower().split()) - _FILLERS}
    if any(w.startswith("succe") for w in words):
        words = {w for w in words if not w.startswith("succe")} | set(_SUCCESS)
    return sorted(words)


def _condition_names(profile: dict[str, Any]) -> set[str]:
    """The conditions a result file keeps: the keys above its numbers (`by_system.retrieval`), its
    short text values (`{"model": "retrieval", ...}`) and the text cells of its columns."""
    found: set[str] = set()
    for key, value, _ in profile.get("leaves", [])[:500]:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            parts = re.split(r"[.\[\]\"]", key)
            found.update(_slug(part) for part in parts)
            # a name with dots of its own (`{"llama-3.1-8b": {"accuracy": ...}}`): the keys above the number, joined back
            found.update(_slug(".".join(parts[:end])) for end in range(2, len(parts)))
        elif isinstance(value, str) and len(value) <= 40:
            found.update((_slug(value), _token_key(value)))
    for stats in profile.get("columns", {}).values():
        if stats.get("strings") and not stats.get("numbers"):
            for shown in (str(top[0]) for top in stats.get("top", []) if len(str(top[0])) <= 40):
                found.update((_slug(shown), _token_key(shown)))
    return {name for name in found if len(name) > 2 and not name.isdigit()}


def _varying_flags(profiles: list[dict[str, Any]]) -> set[str]:
    """Switches the result files record both ways (`{"retrieval": true, ...}` in one, `false` in another):
    the study's conditions. A table row whose label names one (`Llama-3-8B + retrieval`) is a row of
    those results, not a quoted baseline."""
    seen: dict[str, set[bool]] = {}
    for profile in profiles:
        for key, value, _ in profile.get("leaves", [])[:500]:
            if isinstance(value, bool):
                name = re.split(r"[.\[\]\"]", key.strip("[]."))[-1].lower()
                if len(name) > 2:
                    seen.setdefault(name, set()).add(value)
    return {name for name, values in seen.items() if len(values) == 2}


def _unqualified(label: str) -> str:
    """`hybrid (RRF)` -> `hybrid`: the label before a parenthesised note, when something is left."""
    head = label.split("(", 1)[0].strip(" *_`")
    return head if len(_slug(head)) > 2 and head != label.strip(" *_`") else ""


def _initials(label: str) -> str:
    """`Random survival forest` -> `rsf`: the first letters of a label of three or more words ("" otherwise)."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9]*", label)
    return "".join(w[0].lower() for w in words) if len(words) >= 3 else ""


def _token_key(text: str) -> str:
    """The words of a name in any order: `**pythia-1.4b-distill (ours)**` is `ours/pythia-1.4b-distill`."""
    return "~" + " ".join(sorted(set(re.findall(r"[a-z0-9]+", text.lower()))))


_RESULTS_FOLDERS = frozenset({"results", "result", "outputs", "output", "runs", "metrics", "scores"})


def _kept_results(path: str, profile: dict[str, Any]) -> bool:
    """A file under the repository's results/ (outputs/, runs/ at the root) with metric columns or keys:
    its results even when the code that wrote them is not in it (a cluster job, a deleted script)."""
    return path.split("/", 1)[0].lower() in _RESULTS_FOLDERS and is_result_path(path) and (any(_metric_path(key) for key in [
        *profile.get("columns", {}), *(leaf[0] for leaf in profile.get("leaves", [])[:500])]) or _named_for_metric(path, profile))


# A dashboard's headline figure typed in: `st.metric("Test F1", "0.912")`, `col.metric("Accuracy", 0.87)`
# (Streamlit), the value a literal number (or a string holding one).
MAX_DASHBOARD = 200_000  # characters of an app's text kept to find the result files it names
_DASHBOARD = re.compile(r"^\s*(?:import streamlit|from streamlit\b)", re.M)
_TYPED_METRIC = re.compile(r"""\.metric\(\s*(?:label\s*=\s*)?(["'])([^"'\n]{1,60})\1\s*,\s*(?:value\s*=\s*)?"""
                           r"""(["']?)(-?\d{1,3}(?:\.\d{1,4})?)(\s?%)?\3\s*[,)]""")


def _typed_dashboard_metrics(text: str) -> list[tuple[int, str, str]]:
    """(line, label, number as typed) of each headline metric typed into a Streamlit app whose label names a metric."""
    found = []
    for match in _TYPED_METRIC.finditer(text):
        label, number, percent = match.group(2), match.group(4), match.group(5) or ""
        if _METRIC_WORDS.search(label) and "." in number + ("." if percent else ""):
            found.append((text.count("\n", 0, match.start()) + 1, label, number + percent.strip()))
    return found


def _generator_line(repo: RepoContext, document: str, text: str) -> tuple[str, int] | None:
    """(path, line) of a string literal holding `text` (`"... by 14.2% on average ..."`) in a Python file that names
    the document it writes (`open("REPORT.md", "w")`): a report generator with the number typed in."""
    name = document.rsplit("/", 1)[-1]
    for source in repo.files("python"):
        try:
            code = repo.read_bytes(source.path).decode("utf-8", "replace")
        except OSError:
            continue
        if name not in code or text not in code:
            continue
        for number, line in enumerate(code.split("\n"), start=1):
            if text in line and re.search(r"[\"']", line) and not line.lstrip().startswith("#"):
                return source.path, number
    return None


def _named_for_metric(path: str, profile: dict[str, Any]) -> bool:
    """A file whose name names the metric its numbers are (`results/beir_ndcg10.json` keyed by dataset and
    system, `wer_by_model.csv`), holding numbers."""
    stem = path.rsplit("/", 1)[-1].split(".", 1)[0]
    words = [re.sub(r"@?\d+$", "", w) for w in re.split(r"[_\-]", stem) if w]
    return any(w and metric_key(w) for w in words) and any(
        isinstance(leaf[1], float) for leaf in profile.get("leaves", [])[:500]) or (
        any(w and metric_key(w) for w in words) and bool(profile.get("columns")))


# A key that holds metrics by task or condition (`{"scores": {"hellaswag": 0.762}}`, `metrics.arc`).
_METRIC_GROUPS = frozenset({"scores", "metrics", "accuracies", "results"})


def _metric_path(key: str) -> bool:
    """A metric's key, or a leaf under a key that groups metrics by task (`scores.hellaswag`)."""
    return metric_key(key) or any(part.strip("[]").lower() in _METRIC_GROUPS for part in key.split(".")[:-1])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


_YAML_LEAF = re.compile(r"^[ \t]*([A-Za-z_][\w.@/-]*)[ \t]*:[ \t]*(-?\d+(?:\.\d+)?(?:[eE]-?\d+)?)[ \t]*(?:#.*)?$", re.M)


def _yaml_results(repo: RepoContext, document: str, names: list[str]) -> dict[str, dict[str, Any]]:
    """YAML files the document names (`see results/metrics.yaml`), as profiles of their `key: number` lines.
    YAML is not read as a result file on its own (most YAML in a repository is configuration); a
    document that names one as where its numbers are makes it one."""
    folder = document.rsplit("/", 1)[0] + "/" if "/" in document else ""
    out: dict[str, dict[str, Any]] = {}
    for name in names:
        if not name.endswith((".yaml", ".yml")):
            continue
        for path in dict.fromkeys((name, folder + name)):
            try:
                text = repo.read_bytes(path)[:1_000_000].decode("utf-8", "replace")
            except (OSError, ValueError):
                continue
            leaves = [(key, float(value), "") for key, value in _YAML_LEAF.findall(text)]
            if any(metric_key(key) for key, _, _ in leaves):  # metrics, not a configuration's settings
                out[path] = {"leaves": leaves}
            break
    return out


def _names(text: str) -> list[str]:
    """File and folder names a document mentions (`results/summary.json`, `outputs/`)."""
    return sorted({m.group(0).strip("./") or m.group(0) for m in _FILE_NAME.finditer(text)})[:200]


def _named(names: list[str], document: str, paths: dict[str, Any]) -> set[str]:
    """The data files a document names: by path (from the root or its own folder), by file name,
    or by a folder they sit in."""
    folder = document.rsplit("/", 1)[0] + "/" if "/" in document else ""
    found = set()
    for name in names:
        for path in paths:
            if name.endswith("/") or "." not in name.rsplit("/", 1)[-1]:
                prefix = name.rstrip("/") + "/"
                if path.startswith(prefix) or path.startswith(folder + prefix):
                    found.add(path)
            elif path == name or path == folder + name or path.endswith("/" + name):
                found.add(path)
    return found
