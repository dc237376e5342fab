import json

import lm_eval
from lm_eval.tasks import TaskManager

results = lm_eval.simple_evaluate(
    model="hf",
    model_args="pretrained=meta-llama/Llama-3.1-8B-Instruct,dtype=bfloat16",
    tasks=["clinic_triage"],
    task_manager=TaskManager(include_path="tasks"),
    batch_size=8,
)
json.dump(results["results"], open("results/clinic_triage.json", "w"), indent=2)
print(results["results"]["clinic_triage"])
