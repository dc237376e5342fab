import json
import statistics

from grader.agents import make_grader

for lang in ["German", "Swahili", "Japanese"]:
    grader = make_grader(lang)
    pairs = [json.loads(l) for l in open(f"data/mt_{lang.lower()}.jsonl")]
    grades = [grader.run_sync(f"Source: {p['src']}\nTranslation: {p['hyp']}").output for p in pairs]
    print(lang, statistics.mean(g.adequacy for g in grades), statistics.mean(g.fluency for g in grades))
