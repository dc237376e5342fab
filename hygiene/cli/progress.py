"""A progress bar for long scans: click's, on stderr, only on a terminal and only once a scan has run
for more than a second, so a warm re-run or a small repository finishes without one."""
from __future__ import annotations

import sys
import time

import click


class Progress:
    DELAY = 1.0

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.monotonic()
        self.bar = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or done >= total:
            return
        if self.bar is None:
            if time.monotonic() - self.started < self.DELAY:
                return
            self.bar = click.progressbar(length=total, label="hygiene: checking files", file=sys.stderr,
                                         show_pos=True, show_eta=False)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.update(self.bar.length - self.shown)
            self.bar.__exit__(None, None, None)
            self.bar = None
