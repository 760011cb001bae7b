"""One run at a time per output root: an advisory `flock` on `OUT/.lock`.

The lock dies with its process (SIGKILL included): no stale lock files to clean up
after a crash. The file records who holds it, for the message the second run prints.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from types import TracebackType
from typing import IO

LOCK_NAME = ".lock"


class LockBusy(RuntimeError):
    """Another run holds the output root's lock."""


class RunLock:
    """`with RunLock(out, wait=False):` holds the output root's lock for a run."""

    def __init__(self, out: Path, wait: bool = False) -> None:
        self.path = out / LOCK_NAME
        self.wait = wait
        self.fh: IO[str] | None = None

    def __enter__(self) -> RunLock:
        fh = open(self.path, "a+")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | (0 if self.wait else fcntl.LOCK_NB))
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "unknown"
            fh.close()
            raise LockBusy(f"another run is writing {self.path.parent} ({holder}); "
                           "not starting (use --wait to wait for it)") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        fh.flush()
        self.fh = fh
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.fh is not None:
            self.fh.close()  # closing releases the flock
            self.fh = None
