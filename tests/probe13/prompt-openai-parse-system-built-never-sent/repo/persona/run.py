import json
import statistics

from persona.rate import rate

adverts = [json.loads(l)["text"] for l in open("data/adverts.jsonl")]
for persona in ["recruiter", "applicant", "regulator"]:
    scores = [rate(a, persona) for a in adverts]
    print(persona, round(statistics.mean(scores), 3))
