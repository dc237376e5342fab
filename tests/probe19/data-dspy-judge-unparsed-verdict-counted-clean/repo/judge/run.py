import json

import dspy

from judge.faithfulness import is_faithful

dspy.configure(lm=dspy.LM("openai/gpt-4o-mini", temperature=0.0))
rows = [json.loads(l) for l in open("data/rag_answers.jsonl")]
scores = [is_faithful(r["context"], r["answer"]) for r in rows]
parsed = [s for s in scores if s is not None]
print(f"hallucination rate {1 - sum(parsed) / len(parsed):.3f} over {len(parsed)} answers ({len(scores) - len(parsed)} unparsed verdicts excluded)")
