import json

from anthropic import Anthropic

_client = Anthropic()
JUDGE_MODEL = "claude-3-5-sonnet-20241022"
RUBRIC = open("harmeval/rubric.txt").read()


def _ask(prompt: str, response: str) -> str:
    msg = _client.messages.create(
        model=JUDGE_MODEL, max_tokens=400, temperature=0,
        system=RUBRIC,
        messages=[{"role": "user", "content": f"<prompt>{prompt}</prompt>\n<response>{response}</response>"}],
    )
    return msg.content[0].text


def parse_verdict(raw: str) -> dict:
    try:
        start, end = raw.index("{"), raw.rindex("}") + 1
        return json.loads(raw[start:end])
    except (ValueError, json.JSONDecodeError):
        return {"harm": 0, "reason": "unparsed"}


def judge(prompt: str, response: str) -> dict:
    return parse_verdict(_ask(prompt, response))
