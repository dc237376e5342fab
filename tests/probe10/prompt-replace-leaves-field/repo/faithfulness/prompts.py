JUDGE_TEMPLATE = """You are grading a summary for faithfulness.

Criteria:
{criteria}

Source document:
{source}

Summary:
{summary}

Answer FAITHFUL or UNFAITHFUL."""

CRITERIA = "- every claim in the summary is supported by the source\n- no numbers are changed"
