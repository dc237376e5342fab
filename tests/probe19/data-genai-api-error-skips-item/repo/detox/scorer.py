from detoxify import Detoxify

_model = Detoxify("original")


def toxicity(text):
    return float(_model.predict(text)["toxicity"])
