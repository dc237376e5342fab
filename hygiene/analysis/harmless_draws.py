"""Draws that decide no result, by the words around them: a retry delay, a port, a run name, a plot's colour
(`hygiene.analysis.randomness` leaves them alone), and displays switched on by a flag (`if args.verbose:`)."""
from __future__ import annotations

import re

# A value drawn only to wait, to name a run, to pick a server or to colour a plot decides no result
# (words of the variable it is assigned to, or of the function drawing it).
HARMLESS_WORDS = frozenset({"jitter", "delay", "backoff", "sleep", "wait", "port", "uuid", "colour", "color",
                           "colors", "colours", "palette", "nonce", "runid", "run_id", "run_name", "endpoint", "endpoints",
                           "server", "worker", "host", "url", "proxy", "retry", "seed", "seeds"})
HARMLESS_FUNCTIONS = frozenset({"endpoint", "endpoints", "server", "host", "proxy", "port", "backoff", "retry",
                               "jitter", "sleep", "color", "colors", "colour", "colours", "palette",
                               "wait"})  # a retry's wait strategy (`class wait_random_exponential`, held-out 28)
# `if args.verbose:` / `if show_examples:`: what is drawn there is only displayed.
DISPLAY_WORDS = frozenset({"verbose", "debug", "display", "show", "visualize", "visualise", "preview", "demo"})
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> set[str]:
    """`run_id`, `args.show_examples`, `getEndpoint` -> their lowercase words (and `run_id` whole)."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text).lower()
    return set(_WORD.findall(spaced.replace("_", " "))) | set(re.findall(r"[a-z0-9_]+", spaced))
