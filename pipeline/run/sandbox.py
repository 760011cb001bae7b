"""A long-lived worker process that extracts documents one at a time, under limits.

`Sandbox` starts `python -m pipeline.run.worker` once and feeds it tasks over a pipe, so
the imports (pandas alone costs 0.36 s) are paid once per worker, not per document.
The parent side enforces the limits, because a hung or crashed child cannot report
on itself:

- time: a document running past `timeout` seconds gets its worker killed;
- memory: the worker's resident memory (with its child processes, e.g. LibreOffice) is
  polled and the worker killed past `memory_mb`; RLIMIT_AS inside the worker is a
  backstop that turns a sudden huge allocation into MemoryError;
- crash: a worker that dies (segfault, OOM killer) is noticed by end of file on its pipe.

In each case the document gets a failure that says which limit, a fresh worker is
started, and the run goes on. The local pool (`executors.LocalPool`) drives several
sandboxes at once; a Dask task drives one synchronously (`run_in_sandbox`).
"""

from __future__ import annotations

import os
import pickle
import selectors
import signal
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from . import procfs

_HEADER = struct.Struct("!Q")
READY = "ready"
# Test-only fault injection: the worker kills itself on files whose name contains this.
CRASH_ENV = "OGI_TEST_CRASH_ON"
# The error of a document whose file changed while it was read: its result is stored under
# a key of its own, never under the planned content's (a byte-identical copy keeps it).
CHANGED = "read: file changed while the run was reading it; it is read again on the next run"
PARENT_ENV = "OGI_WORKER_PARENT"


@dataclass(frozen=True)
class Limits:
    """Per-document limits: wall-clock seconds and resident memory in MB.

    Below `MIN_TIMEOUT` seconds or `MIN_MEMORY_MB` every document would fail on the limit
    (a worker alone takes about 150 MB), and those failures would be cached: refused.
    """

    timeout: float = 120.0
    memory_mb: int = 2048

    def __post_init__(self) -> None:
        if not self.timeout >= MIN_TIMEOUT:  # also NaN
            raise ValueError(f"timeout must be at least {MIN_TIMEOUT:g} s, got {self.timeout:g}")
        if self.memory_mb < MIN_MEMORY_MB:
            raise ValueError(f"memory limit must be at least {MIN_MEMORY_MB} MB, got {self.memory_mb}")


MIN_TIMEOUT = 1.0
MIN_MEMORY_MB = 256


@dataclass(frozen=True)
class Task:
    """One document to extract: plain data, picklable for pipes and Dask."""

    key: str
    path: str
    raw_root: str
    sha256: str
    meta: dict[str, Any] = field(default_factory=dict)
    rel: str = ""  # the path relative to the raw root, as the outputs show it
    format: str | None = None  # sniffed while planning, in the same read as the hash
    size: int = 0
    sniff_error: str = ""  # why sniffing found no format
    job: str = "pipeline.extract:extract_file"  # the per-document function, `module:name`


@dataclass(frozen=True)
class Outcome:
    """What became of a task: the packed result, or the limit that stopped it."""

    task: Task
    blob: bytes | None = None
    document: dict[str, Any] | None = None
    failure: str | None = None  # "timeout: ...", "memory: ...", "crashed: ..."
    seconds: float = 0.0


class WorkerDied(RuntimeError):
    """The worker process ended (its pipe closed)."""


def write_message(stream: IO[bytes], obj: object) -> None:
    """Send one length-prefixed pickle."""
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def read_message(stream: IO[bytes]) -> Any:
    """Receive one length-prefixed pickle; WorkerDied at end of file."""
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise WorkerDied("worker closed its pipe")
    size = _HEADER.unpack(head)[0]
    data = stream.read(size)
    if len(data) < size:
        raise WorkerDied("worker closed its pipe mid-message")
    return pickle.loads(data)


class Sandbox:
    """The parent's handle on one worker process."""

    def __init__(self, limits: Limits, log_level: int = 30) -> None:
        self.limits = limits
        self.log_level = log_level
        self.proc: subprocess.Popen[bytes] | None = None
        self.ready = False
        self.task: Task | None = None
        self.started = 0.0
        self.n_done = 0
        self.retiring = False

    def start(self) -> None:
        """Launch the worker process (it reports READY once its imports are done)."""
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])
        env[PARENT_ENV] = str(os.getpid())
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        # One thread per worker: the pool is the parallelism; BLAS threads would oversubscribe.
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            env.setdefault(var, "1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline.run.worker", str(self.limits.memory_mb),
             str(self.log_level)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, close_fds=True)
        self.ready = False
        self.retiring = False  # the worker said it exits after its last answer
        self.task = None

    @property
    def pid(self) -> int:
        """The worker's process id."""
        assert self.proc is not None
        return self.proc.pid

    def fileno(self) -> int:
        """The pipe the worker answers on (for selectors)."""
        assert self.proc is not None and self.proc.stdout is not None
        return self.proc.stdout.fileno()

    def send(self, task: Task) -> None:
        """Give the (ready, idle) worker one task."""
        assert self.proc is not None and self.proc.stdin is not None and self.ready
        self.task, self.started = task, time.monotonic()
        try:
            write_message(self.proc.stdin, task)
        except (BrokenPipeError, OSError):
            pass  # the worker died; the end of file on its output says so

    def receive(self) -> Any:
        """The worker's next message: READY or (document, blob, retiring)."""
        assert self.proc is not None and self.proc.stdout is not None
        message = read_message(self.proc.stdout)
        if message == READY:
            self.ready = True
        return message

    def over_time(self, now: float) -> bool:
        """True when the current task has run past the time limit."""
        return self.task is not None and now - self.started > self.limits.timeout

    def over_memory(self, rss_mb: float) -> bool:
        """True when busy and `rss_mb` (the worker with its children) exceeds the limit."""
        return self.task is not None and rss_mb > self.limits.memory_mb

    def death_reason(self) -> str:
        """'crashed: worker died (signal 9)' or '(exit status 1)', after the pipe closed."""
        assert self.proc is not None
        code = self.proc.wait()
        how = f"signal {-code}" if code < 0 else f"exit status {code}"
        return f"crashed: worker died ({how})"

    def kill(self) -> None:
        """Kill the worker and whatever it started (a hung LibreOffice), then reap it."""
        if self.proc is not None and self.proc.poll() is None:
            for pid in procfs.descendants(self.proc.pid):
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:  # already gone
                    pass
            self.proc.kill()
        if self.proc is not None:
            self.proc.wait()
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream is not None:
                    try:
                        stream.close()
                    except OSError:  # a half-written task to a dead worker
                        pass
        self.ready = False

    def finish(self, reason: str | None = None, message: Any = None) -> Outcome:
        """The outcome of the current task, from a message or a failure reason."""
        assert self.task is not None
        seconds = time.monotonic() - self.started
        task, self.task = self.task, None
        if reason is not None:
            return Outcome(task, failure=reason, seconds=seconds)
        document, blob, self.retiring = message
        self.n_done += 1
        return Outcome(task, blob=blob, document=document, seconds=seconds)


def timeout_reason(limits: Limits) -> str:
    """The error of a document that ran out of time."""
    return f"timeout: exceeded {limits.timeout:g} s"


def memory_reason(limits: Limits) -> str:
    """The error of a document that ran out of memory."""
    return f"memory: exceeded {limits.memory_mb} MB"


_local = threading.local()


def run_in_sandbox(task: Task, limits: Limits, log_level: int = 30) -> Outcome:
    """Run one task synchronously in this thread's sandbox (how Dask workers use it)."""
    box: Sandbox | None = getattr(_local, "box", None)
    if (box is None or box.limits != limits or box.retiring or box.proc is None
            or box.proc.poll() is not None):
        if box is not None:
            box.kill()
        box = _local.box = Sandbox(limits, log_level)
        box.start()
    with selectors.DefaultSelector() as sel:
        sel.register(box.fileno(), selectors.EVENT_READ)
        while True:
            if box.ready and box.task is None:
                box.send(task)
            if sel.select(timeout=0.2):
                try:
                    message = box.receive()
                except WorkerDied:
                    reason = box.death_reason()
                    box.kill()
                    if box.task is None:
                        raise RuntimeError(f"worker failed to start: {reason}") from None
                    _local.box = None
                    return box.finish(reason)
                if message != READY:
                    return box.finish(message=message)
                continue
            rss = procfs.tree_rss_mb([box.pid])[box.pid]
            if box.over_time(time.monotonic()) or box.over_memory(rss):
                reason = (memory_reason(limits) if box.over_memory(rss)
                          else timeout_reason(limits))
                box.kill()
                _local.box = None
                return box.finish(reason)


def close_local() -> None:
    """Stop this thread's sandbox, if any (it would also end with this process)."""
    box: Sandbox | None = getattr(_local, "box", None)
    if box is not None:
        box.kill()
        _local.box = None
