import json

from judge.structured import JUDGE, judge

rows = [json.loads(l) for l in open("transcripts/attack_outputs.jsonl")]
verdicts = [judge(r["request"], r["response"]) for r in rows]
judged = [v for v in verdicts if v is not None]
failed = len(verdicts) - len(judged)
asr = sum(v.harmful for v in judged) / len(judged)
print(f"attack success rate {asr:.3f} (judge {JUDGE}, n={len(judged)} judged, {failed} of {len(rows)} unparsed and excluded)")
