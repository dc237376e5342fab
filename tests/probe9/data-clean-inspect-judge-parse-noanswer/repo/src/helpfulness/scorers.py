import json

from inspect_ai.model import GenerateConfig, get_model
from inspect_ai.scorer import NOANSWER, Score, Target, mean, scorer, stderr
from inspect_ai.solver import TaskState

RUBRIC = (
    "Rate the answer to the question from 1 to 10 for helpfulness.\n"
    "Question: {question}\nAnswer: {answer}\n"
    'Reply with JSON only: {{"score": <int>, "reason": <str>}}'
)


@scorer(metrics=[mean(), stderr()])
def rubric_judge(judge_model: str):
    async def score(state: TaskState, target: Target) -> Score:
        judge = get_model(judge_model, config=GenerateConfig(temperature=0))
        prompt = RUBRIC.format(question=state.input_text, answer=state.output.completion)
        result = await judge.generate(prompt)

        try:
            value = float(json.loads(result.completion)["score"])
        except (json.JSONDecodeError, KeyError, TypeError):
            return Score(value=NOANSWER, explanation="judge reply not JSON",
                         metadata={"judge_raw": result.completion})
        return Score(value=value, explanation=result.completion)

    return score
