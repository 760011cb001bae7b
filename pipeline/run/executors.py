"""Where documents are extracted: a local pool of sandboxes, or a Dask cluster.

Both take a list of `Task`s and yield one `Outcome` per task as they finish, in
completion order. Both run each document in a `Sandbox` (a long-lived worker process
with time and memory limits), so a document fails the same way wherever it runs and
the results are identical.

Example:
    >>> pool = LocalPool(workers=4, limits=Limits(timeout=60, memory_mb=1024))  # doctest: +SKIP
    >>> for outcome in pool.run(tasks):                                          # doctest: +SKIP
    ...     print(outcome.task.path, outcome.failure or outcome.document["status"])
"""

from __future__ import annotations

import importlib
import logging
import os
import selectors
import time
import uuid
from collections import deque
from collections.abc import Iterator
from typing import Any, Protocol

from . import procfs
from .sandbox import READY, Limits, Outcome, Sandbox, Task, WorkerDied, memory_reason, run_in_sandbox, timeout_reason

log = logging.getLogger(__name__)

POLL_SECONDS = 0.25


class RunError(RuntimeError):
    """The run itself cannot go on (workers will not start, the scheduler is unreachable)."""


class Executor(Protocol):
    """Something that turns tasks into outcomes."""

    def run(self, tasks: list[Task]) -> Iterator[Outcome]:
        """One outcome per task, as they finish."""
        ...


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class LocalPool:
    """`workers` sandboxes on this machine, kept alive across documents."""

    def __init__(self, workers: int, limits: Limits, log_level: int = logging.WARNING) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.workers, self.limits, self.log_level = workers, limits, log_level

    def run(self, tasks: list[Task]) -> Iterator[Outcome]:
        """Extract every task; a worker that hangs, bloats or dies fails only its document."""
        pending = deque(tasks)
        boxes = [Sandbox(self.limits, self.log_level) for _ in range(min(self.workers, len(tasks)))]
        sel = selectors.DefaultSelector()
        failed_starts = 0
        last_poll = time.monotonic()
        try:
            for box in boxes:
                _start(sel, box)
            while pending or any(b.task is not None for b in boxes):
                for box in boxes:
                    if box.ready and box.task is None and pending:
                        box.send(pending.popleft())
                for key, _ in sel.select(timeout=POLL_SECONDS):
                    box = key.data
                    try:
                        message = box.receive()
                    except WorkerDied:
                        message = None
                    if message is None:  # the worker died
                        reason = box.death_reason()
                        busy = box.task is not None
                        failed_starts = 0 if busy else failed_starts + 1
                        if failed_starts > 2 * len(boxes):
                            raise RunError(f"workers fail to start ({reason}); see the log above")
                        log.warning("worker %d died (%s)", box.pid, reason)
                        outcome = box.finish(reason) if busy else None
                        _restart(sel, box)
                        if outcome is not None:
                            yield outcome
                        continue
                    if message == READY:
                        failed_starts = 0
                        continue
                    outcome = box.finish(message=message)
                    if box.retiring:
                        _restart(sel, box)
                    elif pending:  # hand out the next task before storing this result
                        box.send(pending.popleft())
                    yield outcome
                now = time.monotonic()
                if now - last_poll >= POLL_SECONDS:
                    last_poll = now
                    yield from self._watchdog(sel, boxes, now)
        finally:
            for box in boxes:
                box.kill()
            sel.close()

    def _watchdog(self, sel: selectors.BaseSelector, boxes: list[Sandbox],
                  now: float) -> Iterator[Outcome]:
        """Kill workers past the time or memory limit; their documents fail with the reason."""
        busy = [b for b in boxes if b.task is not None]
        if not busy:
            return
        rss = procfs.tree_rss_mb([b.pid for b in busy])
        for box in busy:
            if box.over_memory(rss[box.pid]):
                reason = memory_reason(self.limits)
            elif box.over_time(now):
                reason = timeout_reason(self.limits)
            else:
                continue
            assert box.task is not None
            log.warning("killing worker %d on %s: %s", box.pid, box.task.path, reason)
            outcome = box.finish(reason)
            _restart(sel, box)
            yield outcome


def _start(sel: selectors.BaseSelector, box: Sandbox) -> None:
    """Start a sandbox and watch its pipe."""
    box.start()
    assert box.proc is not None and box.proc.stdout is not None
    sel.register(box.proc.stdout, selectors.EVENT_READ, box)


def _restart(sel: selectors.BaseSelector, box: Sandbox) -> None:
    """Replace a dead, killed or retiring worker with a fresh one."""
    assert box.proc is not None and box.proc.stdout is not None
    sel.unregister(box.proc.stdout)
    box.kill()
    _start(sel, box)


class DaskPool:
    """The same work on a dask.distributed cluster; each Dask worker thread runs a sandbox.

    Workers need this package installed and the raw root at the same path (shared storage).
    """

    def __init__(self, scheduler: str, limits: Limits, log_level: int = logging.WARNING) -> None:
        self.scheduler, self.limits, self.log_level = scheduler, limits, log_level

    def run(self, tasks: list[Task]) -> Iterator[Outcome]:
        """Submit every task to the cluster and yield outcomes as they complete."""
        try:
            distributed: Any = importlib.import_module("distributed")
        except ImportError as exc:
            raise RunError("the dask executor needs dask.distributed: "
                           "pip install 'ogi-reports[dask]'") from exc
        try:
            # Connect timeout: Dask's own setting (DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT).
            client = distributed.Client(self.scheduler)
        except (OSError, TimeoutError) as exc:
            raise RunError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from exc
        futures: list[Any] = []
        try:
            try:
                client.wait_for_workers(1, timeout=60)
            except TimeoutError as exc:
                raise RunError(f"no Dask workers joined {self.scheduler} within 60 s") from exc
            nonce = uuid.uuid4().hex[:8]
            by_key = {f"extract-{nonce}-{t.key}": t for t in tasks}
            futures = client.map(run_in_sandbox, tasks, limits=self.limits,
                                 log_level=self.log_level, key=list(by_key), pure=False)
            for future in distributed.as_completed(futures):
                task = by_key[future.key]
                try:
                    outcome: Outcome = future.result()
                except Exception as exc:  # the Dask worker itself died or the task errored
                    outcome = Outcome(task, failure=f"crashed: {type(exc).__name__}: {exc}")
                future.release()
                yield outcome
        finally:
            if futures:
                client.cancel(futures)
            client.close()
