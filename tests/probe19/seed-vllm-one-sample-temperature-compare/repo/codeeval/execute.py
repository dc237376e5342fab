import subprocess
import sys
import tempfile


def passes(problem, completion, timeout=10):
    code = completion + "\n\n" + problem["test"] + f"\ncheck({problem['entry_point']})\n"
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
        fh.write(code)
    try:
        return subprocess.run([sys.executable, fh.name], capture_output=True, timeout=timeout).returncode == 0
    except subprocess.TimeoutExpired:
        return False
