"""Build tests/probe24 cases from the spec modules (blind probe, round 24): tests/probe_src/build_cases.py."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "probe_src"))

from build_cases import main  # noqa: E402

if __name__ == "__main__":
    main(HERE)
