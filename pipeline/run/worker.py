"""The worker process behind `sandbox.Sandbox`: `python -m pipeline.run.worker MEMORY_MB LOG_LEVEL`.

Protocol (length-prefixed pickles): the worker sends READY once its imports are
done, then answers each `Task` read from stdin with `(documents row, packed result,
retiring)`, computed by the task's `job` (the per-document function the run was
handed, e.g. `pipeline.extract:extract_file`). It exits at end of input, and retires itself (answers, then exits) after
a MemoryError or when its heap has grown past half the limit, so that one bloated
document does not tax the next ones. Stray prints from libraries go to stderr: the
protocol has stdout to itself.
"""

from __future__ import annotations

import ctypes
import gc
import importlib
import logging
import os
import resource
import signal
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import IO, Any

import extractors

from ..result import DocumentResult, failed
from . import logs, procfs
from .cache import pack
from .sandbox import (
    CHANGED,
    CRASH_ENV,
    PARENT_ENV,
    READY,
    Limits,
    Task,
    WorkerDied,
    memory_reason,
    read_message,
    write_message,
)

log = logging.getLogger(__name__)


def serve(memory_mb: int, log_level: int) -> None:
    """Answer tasks from stdin until it closes."""
    out: IO[bytes] = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    inp = sys.stdin.buffer
    _die_with_parent()
    logs.configure(log_level, "%(asctime)s worker %(process)d %(levelname)s %(name)s: %(message)s")
    _limit_address_space(memory_mb)
    write_message(out, READY)
    while True:
        try:
            task = read_message(inp)
        except WorkerDied:
            return
        document, blob, retiring = run_task(task, memory_mb)
        write_message(out, (document, blob, retiring))
        if retiring:
            log.info("worker retires after %s (%.0f MB resident)", task.path,
                     procfs.self_rss_mb())
            return


def run_task(task: Task, memory_mb: int) -> tuple[dict[str, Any], bytes, bool]:
    """Extract one document: its documents row, its packed result, and whether to retire."""
    path, raw_root = Path(task.path), Path(task.raw_root)
    crash_on = os.environ.get(CRASH_ENV)
    if crash_on and crash_on in path.name:
        os.kill(os.getpid(), signal.SIGKILL)
    out_of_memory = False
    result: DocumentResult | None = None
    # What planning learnt in its one read of the file; a task made without it reads it here.
    identity = (extractors.Identity(task.sha256, task.size, task.format, task.sniff_error or None)
                if task.format or task.sniff_error else None)
    try:
        result = _job(task.job)(path, raw_root, task.meta or None, identity)
        # extract_file turns any exception into a failed document; find MemoryError in it.
        out_of_memory = "MemoryError" in str(result.document.get("error") or "")
    except MemoryError:
        out_of_memory = True
    if out_of_memory:
        result = None
        gc.collect()
        result = failed(task.sha256, task.rel, memory_reason(Limits(memory_mb=memory_mb)),
                        task.format, task.size or None, task.meta or None)
    assert result is not None
    if _changed(path, task):
        # Read from other bytes than the ones planned: its result is not that content's.
        log.warning("%s changed while the run was reading it", path)
        result = failed(task.sha256, task.rel, CHANGED, task.format, task.size or None, task.meta or None)
    retiring = out_of_memory or procfs.self_rss_mb() > memory_mb / 2
    return result.document, pack(result), retiring


@cache
def _job(name: str) -> Callable[..., DocumentResult]:
    """The per-document function a task names (`module:function`)."""
    module, _, function = name.partition(":")
    job: Callable[..., DocumentResult] = getattr(importlib.import_module(module), function)
    return job


def _changed(path: Path, task: Task) -> bool:
    """True when the file's bytes, read again after extraction, are not the ones hashed
    while planning (a crawler rewriting it during the run)."""
    if not task.sha256:
        return False
    try:
        return extractors.identify(path).sha256 != task.sha256
    except OSError:
        return True


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies (a SIGKILLed run leaves no orphans)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    expected = os.environ.get(PARENT_ENV)
    if expected and os.getppid() != int(expected):  # the parent died before prctl took effect
        os._exit(1)


def _limit_address_space(memory_mb: int) -> None:
    """Cap virtual memory at today's size plus twice the limit: a backstop for the watchdog."""
    current = procfs.self_vm_mb()
    if current <= 0:
        return
    cap = int((current + 2 * memory_mb) * 1024 * 1024)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, resource.RLIM_INFINITY))
    except (ValueError, OSError):
        log.debug("cannot set RLIMIT_AS", exc_info=True)


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which decides
    serve(int(sys.argv[1]), int(sys.argv[2]))
