LETTERS = "ABCDE"


class ChatMCAdapter:
    def __init__(self, client, model):
        self.client = client
        self.model = model

    def messages(self, inst):
        opts = "\n".join(f"{LETTERS[i]}. {c}" for i, c in enumerate(inst.choices))
        return [
            {"role": "system", "content": "You are an expert in {subject}. Answer with one letter."},
            {"role": "user", "content": f"{inst.question}\n{opts}"},
        ]

    def predict(self, inst):
        r = self.client.chat.completions.create(model=self.model, temperature=0, max_tokens=2,
                                                messages=self.messages(inst))
        return LETTERS.index(r.choices[0].message.content.strip()[0])
