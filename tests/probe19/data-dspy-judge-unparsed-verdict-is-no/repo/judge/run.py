import json

import dspy

from judge.faithfulness import is_faithful

dspy.configure(lm=dspy.LM("openai/gpt-4o-mini", temperature=0.0))
rows = [json.loads(l) for l in open("data/rag_answers.jsonl")]
scores = [is_faithful(r["context"], r["answer"]) for r in rows]
print(f"hallucination rate {1 - sum(scores) / len(scores):.3f} over {len(scores)} answers")
