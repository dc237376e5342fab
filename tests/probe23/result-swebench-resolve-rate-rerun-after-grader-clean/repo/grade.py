import subprocess


def grade(instance_dir, test_cmd, pass_to_pass_cmd):
    """A patch resolves the instance when the FAIL_TO_PASS tests pass and the PASS_TO_PASS tests still pass."""
    proc = subprocess.run(test_cmd, shell=True, cwd=instance_dir, capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        return False
    keep = subprocess.run(pass_to_pass_cmd, shell=True, cwd=instance_dir, capture_output=True, text=True, timeout=900)
    return keep.returncode == 0
