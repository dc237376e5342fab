import json

import evaluate

bleu = evaluate.load("sacrebleu")
rouge = evaluate.load("rouge")

rows = [json.loads(l) for l in open("outputs/summaries.jsonl")]
generated = [r["generated"] for r in rows]
gold = [r["human_summary"] for r in rows]

scores = {
    "bleu": bleu.compute(predictions=gold, references=[[g] for g in generated])["score"],
    "rougeL": rouge.compute(predictions=generated, references=gold)["rougeL"],
}
print(json.dumps(scores, indent=2))
