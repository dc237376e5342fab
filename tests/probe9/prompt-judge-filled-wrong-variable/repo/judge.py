import json
import sys

import anthropic

JUDGE = (
    "You are checking a summary for faithfulness.\n\n<source>\n{source}\n</source>\n\n"
    "<summary>\n{summary}\n</summary>\n\nIs every claim in the summary supported by the source? "
    "Answer YES or NO."
)
client = anthropic.Anthropic()


def judge(row):
    content = JUDGE.format(source=row["document"], summary=row["document"])
    msg = client.messages.create(
        model="claude-3-5-sonnet-20241022", max_tokens=5, temperature=0,
        messages=[{"role": "user", "content": content}],
    )
    return msg.content[0].text.strip().upper().startswith("YES")


rows = [json.loads(l) for l in open(sys.argv[1])]
verdicts = [judge(r) for r in rows]
print(f"faithful: {sum(verdicts)}/{len(rows)}")
