"""A small progress bar (tqdm is not installed here): redraws in place on a terminal, prints every 10% otherwise."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, label: str, stream=sys.stderr):
        self.total, self.label, self.stream = max(total, 1), label, stream
        self.done, self.start, self.last_decile = 0, time.time(), -1
        self.tty = getattr(stream, "isatty", lambda: False)()
        self.note = ""

    def update(self, n: int = 1, note: str = "") -> None:
        self.done += n
        self.note = note or self.note
        frac = self.done / self.total
        elapsed = time.time() - self.start
        eta = elapsed / frac - elapsed if frac > 0 else 0
        line = f"{self.label} [{'#' * int(frac * 30):<30}] {self.done}/{self.total} {elapsed:5.0f}s eta {eta:4.0f}s {self.note}"
        if self.tty:
            self.stream.write("\r" + line[:160])
            if self.done >= self.total:
                self.stream.write("\n")
        elif int(frac * 10) != self.last_decile:
            self.last_decile = int(frac * 10)
            self.stream.write(line + "\n")
        self.stream.flush()
