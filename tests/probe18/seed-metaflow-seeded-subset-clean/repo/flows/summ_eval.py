import json
import random

from metaflow import FlowSpec, Parameter, step


class SummEvalFlow(FlowSpec):
    n = Parameter("n", default=200)
    model = Parameter("model", default="facebook/bart-large-cnn")
    seed = Parameter("seed", default=13)

    @step
    def start(self):
        articles = [json.loads(l) for l in open("data/news_dump.jsonl")]
        self.subset = random.Random(self.seed).sample(articles, self.n)
        self.next(self.summarise)

    @step
    def summarise(self):
        from transformers import pipeline
        summ = pipeline("summarization", model=self.model)
        self.preds = [summ(a["text"], max_length=128, truncation=True)[0]["summary_text"] for a in self.subset]
        self.next(self.score)

    @step
    def score(self):
        import evaluate
        rouge = evaluate.load("rouge")
        self.rouge = rouge.compute(predictions=self.preds, references=[a["summary"] for a in self.subset])
        self.next(self.end)

    @step
    def end(self):
        print(self.model, self.n, self.seed, self.rouge)


if __name__ == "__main__":
    SummEvalFlow()
