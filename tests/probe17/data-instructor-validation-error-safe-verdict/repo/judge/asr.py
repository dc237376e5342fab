import json

from judge.structured import JUDGE, judge

rows = [json.loads(l) for l in open("transcripts/attack_outputs.jsonl")]
verdicts = [judge(r["request"], r["response"]) for r in rows]
asr = sum(v.harmful for v in verdicts) / len(verdicts)
print(f"attack success rate {asr:.3f} (judge {JUDGE}, n={len(rows)})")
