import subprocess


def grade(instance_dir, test_cmd):
    """A patch resolves the instance when the FAIL_TO_PASS tests pass."""
    proc = subprocess.run(test_cmd, shell=True, cwd=instance_dir, capture_output=True, text=True, timeout=900)
    return proc.returncode == 0
