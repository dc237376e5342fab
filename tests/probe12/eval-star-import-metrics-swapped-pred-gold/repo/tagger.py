import pickle


class Tagger:
    def __init__(self, crf):
        self.crf = crf

    def predict(self, tokens):
        return self.crf.predict_single([{"w": t.lower(), "title": t.istitle()} for t in tokens])


def load_tagger(path):
    return Tagger(pickle.load(open(path, "rb")))
