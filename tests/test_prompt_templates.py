"""PROMPT002 across files: which definition a use reads, and where the finding is anchored."""
from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

from hygiene.config import load
from hygiene.runner import scan
from hygiene.testing import git


def _findings(root: Path, files: dict[str, str]) -> list:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "x", date="2030-01-01T12:00:00")
    result = scan(dataclasses.replace(load(root)), jobs=1, use_cache=False)
    return [f for f in result.findings if f.rule == "PROMPT002"]


RUN = """
    import anthropic
    from prompts import JUDGE
    client = anthropic.Anthropic()

    def judge(reply):
        {body}
        return client.messages.create(model="m", max_tokens=5, messages=[{{"role": "user", "content": text}}])
"""


def test_a_same_named_template_of_another_folder_is_not_the_one_named(tmp_path: Path) -> None:
    found = _findings(tmp_path, {
        "exp_a/prompts.py": 'JUDGE = "Is this reply polite? {reply}"\n',
        "exp_a/run.py": RUN.format(body="text = JUDGE"),
        "exp_b/prompts.py": 'JUDGE = "Rate the reply from 1 to 5: {reply}"\n',
        "exp_b/run.py": RUN.format(body="text = JUDGE.format(reply=reply)"),
    })
    assert [(f.path, f.line) for f in found] == [("exp_a/run.py", 6)]
    assert "exp_a/prompts.py:1" in found[0].message and "exp_b" not in found[0].message


def test_a_template_of_the_same_file_is_reported_once_at_its_definition(tmp_path: Path) -> None:
    found = _findings(tmp_path, {"solve.py": """
        import openai
        client = openai.OpenAI()
        header = "You will solve {task}. Give the final number.\\n\\n"

        def solve(question):
            prompt = header + "Question: " + question
            return client.chat.completions.create(model="m", messages=[{"role": "user", "content": prompt}])

        def solve_twice(question):
            return client.chat.completions.create(model="m", messages=[{"role": "user", "content": header + question}])

        TASK = "arithmetic: the {task} field is filled nowhere"
        print(TASK.replace("arithmetic", "algebra"))
    """})
    assert [(f.path, f.line) for f in found] == [("solve.py", 3)]


def test_a_text_without_fields_formatted_with_values_is_reported_at_its_definition(tmp_path: Path) -> None:
    found = _findings(tmp_path, {
        "tests/prompts.py": 'CORRECTNESS_PROMPT = """Score the report from 1-5 against the answer."""\n'
                            'OTHER_PROMPT = """Question: {question}"""\n',
        "tests/evaluators.py": """
            from tests.prompts import CORRECTNESS_PROMPT, OTHER_PROMPT

            def correctness(llm, query, report, answer):
                content = CORRECTNESS_PROMPT.format(user_question=query, report=report, answer=answer)
                other = OTHER_PROMPT.format(question=query)
                return llm.invoke([{"role": "user", "content": content + other}])
        """,
    })
    assert [(f.path, f.line) for f in found] == [("tests/prompts.py", 1)]
    assert "{user_question}, {report}, {answer}" in found[0].message
