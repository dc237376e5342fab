import dspy


class MultiHop(dspy.Module):
    def __init__(self, hops: int = 2):
        super().__init__()
        self.gen_query = dspy.ChainOfThought("context, question -> search_query")
        self.retrieve = dspy.Retrieve(k=3)
        self.answer = dspy.ChainOfThought("context, question -> answer")
        self.hops = hops

    def forward(self, question):
        context = []
        for _ in range(self.hops):
            q = self.gen_query(context=context, question=question).search_query
            context += self.retrieve(q).passages
        return self.answer(context=context, question=question)
