from transformers import pipeline


def load_recogniser(model_id: str, device: int = 0):
    asr = pipeline("automatic-speech-recognition", model=model_id, device=device)
    return lambda path: asr(path)["text"]
