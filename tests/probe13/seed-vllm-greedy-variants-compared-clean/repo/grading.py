import subprocess
import tempfile


def passes_tests(code: str, problem: dict) -> bool:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
        fh.write(code + "\n\n" + problem["tests"])
    return subprocess.run(["python", fh.name], capture_output=True, timeout=10).returncode == 0
