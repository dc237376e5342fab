import argparse
import json

from openai import OpenAI

from mathbench.task import MathTask, TaskConfig

parser = argparse.ArgumentParser()
parser.add_argument("--temperature", type=float, default=0.0)
parser.add_argument("--model", default="gpt-4o-mini")
args = parser.parse_args()

client = OpenAI()
task = MathTask(TaskConfig(temperature=args.temperature))
outputs = []
for req in task.requests():
    reply = client.completions.create(model=args.model, prompt=req["prompt"], temperature=req["temperature"],
                                      max_tokens=req["max_tokens"], stop=req["stop"])
    outputs.append(reply.choices[0].text)
json.dump(outputs, open(f"outputs_t{args.temperature}.json", "w"))
