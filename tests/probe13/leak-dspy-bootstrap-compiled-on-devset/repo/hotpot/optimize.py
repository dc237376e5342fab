import dspy
from dspy.datasets import HotPotQA
from dspy.evaluate import Evaluate
from dspy.teleprompt import BootstrapFewShot

from hotpot.program import MultiHop

dspy.settings.configure(lm=dspy.LM("openai/gpt-4o-mini", temperature=0), rm=dspy.ColBERTv2(url="http://localhost:8893/api/search"))

data = HotPotQA(train_seed=1, train_size=200, eval_seed=2023, dev_size=300, test_size=0)
trainset = [x.with_inputs("question") for x in data.train]
devset = [x.with_inputs("question") for x in data.dev]


def exact_match(example, pred, trace=None):
    return dspy.evaluate.answer_exact_match(example, pred)


optimizer = BootstrapFewShot(metric=exact_match, max_bootstrapped_demos=4, max_labeled_demos=8)
compiled = optimizer.compile(MultiHop(), trainset=devset)

evaluate = Evaluate(devset=devset, metric=exact_match, num_threads=8, display_progress=True)
score = evaluate(compiled)
print(f"compiled MultiHop EM on dev: {score}")
compiled.save("artifacts/multihop_compiled.json")
