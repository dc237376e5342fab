import os

AUDIO_EXT = (".flac", ".wav")


def list_recordings(root):
    return [os.path.join(root, name) for name in sorted(os.listdir(root))
            if name.endswith(AUDIO_EXT)]
