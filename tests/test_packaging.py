"""The wheel built from this repo, installed outside the checkout, finds every rule."""
from __future__ import annotations

import subprocess
import sys
import sysconfig
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).parents[1]


def build_wheel(tmp_path: Path) -> Path:
    """Build from the tracked files only, in a copy: a stale build/lib in the checkout (a module
    that moved away) would otherwise end up in the wheel beside its new home."""
    source = tmp_path / "source"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout
    for name in filter(None, files.decode().split("\0")):
        src = ROOT / name
        if src.is_file():
            dst = source / name
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(src.read_bytes())
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(source)],
                   check=True, capture_output=True, timeout=300)
    return dist


def rule_codes_in_tree() -> set[str]:
    return {p.name.split("_", 1)[0] for p in (ROOT / "rules").rglob("*.py") if p.name != "__init__.py"}


def test_package_list_matches_the_tree():
    """pyproject lists packages by hand (find cannot remap rules/); none may be forgotten."""
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "hygiene").rglob("__init__.py")}
    on_disk |= {".".join(("hygiene", "catalogue", *init.parent.relative_to(ROOT / "rules").parts))
                for init in (ROOT / "rules").rglob("__init__.py")}
    assert listed == on_disk


def test_wheel_installs_outside_the_checkout_with_every_rule(tmp_path):
    dist = build_wheel(tmp_path)
    (wheel,) = dist.glob("research_hygiene-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)  # this environment's pip installs into it (--python)
    python = env_dir / "bin" / "python"
    # Dependencies come from this test environment through a plain path entry: .pth files
    # found there are not processed, so this checkout's editable install stays out of sight.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    hygiene = env_dir / "bin" / "hygiene"
    listing = subprocess.run([str(hygiene), "rules", "--format", "json"], cwd=tmp_path,
                             check=True, capture_output=True, text=True).stdout
    import json

    codes = {r["code"] for r in json.loads(listing)}
    where = subprocess.run([str(python), "-c", "import hygiene, hygiene.catalogue; print(hygiene.__file__)"],
                           cwd=tmp_path, check=True, capture_output=True, text=True).stdout
    assert str(env_dir) in where, where
    assert codes - {"HYG001", "HYG002"} == rule_codes_in_tree()


def test_the_wheel_passes_the_readmes_first_command_and_prints_its_version(tmp_path):
    """What the release workflow checks before publishing (.ci/smoke_wheel.py), on the same wheel
    build: installed outside the checkout, `hygiene check` on the example exits 1 with findings."""
    from hygiene import __version__

    dist = build_wheel(tmp_path)
    (wheel,) = dist.glob(f"research_hygiene-{__version__}-py3-none-any.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    proc = subprocess.run([sys.executable, str(ROOT / ".ci" / "smoke_wheel.py"), "--installed",
                           str(env_dir / "bin" / "hygiene"), "--version", __version__],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "smoke test passed" in proc.stdout
