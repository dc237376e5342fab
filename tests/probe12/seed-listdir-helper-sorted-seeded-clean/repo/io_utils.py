import os


def list_cases(root):
    return sorted(f for f in os.listdir(root) if f.endswith(".nii.gz"))
