import subprocess
import tempfile


def passes(code, test, timeout=10):
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
        fh.write(code + "\n\n" + test)
        path = fh.name
    proc = subprocess.run(["python", path], capture_output=True, timeout=timeout)
    return proc.returncode == 0
