"""Transcripts are slow to compute: keep them on disk across runs."""
import hashlib

import diskcache


def clip_key(task: str, clip_path: str, language: str) -> str:
    return hashlib.sha1(repr((task, clip_path, language)).encode()).hexdigest()


class TranscriptCache:
    def __init__(self, recogniser, directory: str = ".transcripts"):
        self.recogniser = recogniser
        self.store = diskcache.Cache(directory)

    def transcribe(self, task: str, clips: list[str], language: str = "en") -> list[str]:
        texts = []
        for clip in clips:
            key = clip_key(task, clip, language)
            if key in self.store:
                texts.append(self.store[key])
                continue
            text = self.recogniser(clip)
            self.store[key] = text
            texts.append(text)
        return texts
