import os

ROOT = "data/slides"


def slide_split(frac_train=0.8):
    slides = sorted(s for s in os.listdir(ROOT) if not s.startswith("."))
    cut = int(len(slides) * frac_train)
    return slides[:cut], slides[cut:]
