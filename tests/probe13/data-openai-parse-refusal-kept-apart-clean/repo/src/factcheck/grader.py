from openai import OpenAI

from factcheck.schema import Verdict

client = OpenAI()
SYSTEM = "Decide whether the evidence supports, refutes, or does not address the claim."


def grade(claim: str, evidence: str, model: str = "gpt-4o-2024-08-06") -> str:
    completion = client.beta.chat.completions.parse(
        model=model,
        temperature=0,
        messages=[
            {"role": "system", "content": SYSTEM},
            {"role": "user", "content": f"Claim: {claim}\n\nEvidence: {evidence}"},
        ],
        response_format=Verdict,
    )
    message = completion.choices[0].message
    if message.parsed is None:
        return "refused"
    return message.parsed.label
