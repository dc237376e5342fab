import json

from expert_qa.runner import ExpertQARunner, RunConfig

items = [json.loads(l) for l in open("data/expert_questions.jsonl")]
ExpertQARunner(RunConfig()).run(items)
