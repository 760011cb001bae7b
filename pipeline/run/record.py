"""The run record (`OUT/run.json`) and the summary a person reads at the end of a run.

The record is plain JSON for schedulers and dashboards: status (`completed`,
`failed`, `interrupted`), options, file counts (new, changed, unchanged, removed),
documents by status and by format, facts, failed checks, durations per step, and
every failed document with its reason. The last 30 records are kept in `OUT/.runs/`.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ..result import PIPELINE_VERSION
from ..store import Entry, Published
from .options import RunOptions
from .sandbox import Outcome

log = logging.getLogger(__name__)

RECORD_NAME = "run.json"
HISTORY_DIR = ".runs"
KEEP_HISTORY = 30
MAX_FAILURES_LISTED = 1000
TALLY_FIELDS = ("status", "format", "error", "n_facts", "n_check_failures")


class Clock:
    """Step durations into rec['durations']."""

    def __init__(self, rec: dict[str, Any]) -> None:
        self.rec = rec
        self.last = time.monotonic()

    def lap(self, step: str) -> None:
        """Record the seconds since the previous lap under `step`."""
        now = time.monotonic()
        self.rec["durations"][step] = round(now - self.last, 3)
        self.last = now


def start(options: RunOptions) -> dict[str, Any]:
    """A fresh record for a run with these options."""
    return {
        "run_id": f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}",
        "status": "running", "error": None,
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "finished": None,
        "host": socket.gethostname(), "pid": os.getpid(),
        "raw": str(options.raw), "out": str(options.out), "pipeline_version": PIPELINE_VERSION,
        "options": {"executor": options.executor, "scheduler": options.scheduler,
                    "workers": options.workers, "full": options.full,
                    "retry_failed": options.retry_failed, "timeout_s": options.limits.timeout,
                    "memory_limit_mb": options.limits.memory_mb},
        "durations": {}, "extracted": {"documents": 0, "by_status": {}, "limit_failures": {}},
        "_t0": time.monotonic(),
    }


def count_extracted(rec: dict[str, Any], document: dict[str, Any], outcome: Outcome) -> None:
    """Count one document extracted in this run."""
    ex = rec["extracted"]
    ex["documents"] += 1
    status = str(document.get("status"))
    ex["by_status"][status] = ex["by_status"].get(status, 0) + 1
    if outcome.failure:
        kind = outcome.failure.split(":", 1)[0]
        ex["limit_failures"][kind] = ex["limit_failures"].get(kind, 0) + 1


def outputs(published: Published) -> dict[str, Any]:
    """What the publish step did."""
    return {"changed": published.changed, "snapshot": published.snapshot,
            "shards_written": published.written, "shards_reused": published.reused}


def tally(rec: dict[str, Any], entries: list[Entry], documents: dict[str, dict[str, Any]]
          ) -> None:
    """Corpus-wide counts: every file's document row, facts and check failures once per doc_id."""
    by_status: Counter[str] = Counter()
    by_format: dict[str, Counter[str]] = {}
    failures = []
    facts = check_failures = docs_failing_checks = 0
    seen: set[str] = set()
    for e in entries:
        doc = documents.get(e.key, {})
        status, fmt = str(doc.get("status")), str(doc.get("format") or "unknown")
        by_status[status] += 1
        by_format.setdefault(fmt, Counter())[status] += 1
        if status == "failed":
            failures.append({"path": e.rel, "format": doc.get("format"), "error": doc.get("error")})
        if e.doc_id not in seen:
            seen.add(e.doc_id)
            facts += int(doc.get("n_facts") or 0)
            n_bad = int(doc.get("n_check_failures") or 0)
            check_failures += n_bad
            docs_failing_checks += n_bad > 0
    rec["documents"] = {
        "total": len(entries), "unique": len(seen), "by_status": dict(by_status.most_common()),
        "by_format": {f: sum(c.values()) for f, c in sorted(by_format.items())},
        "by_format_status": {f: dict(c.most_common()) for f, c in sorted(by_format.items())},
    }
    rec["facts"] = facts
    rec["checks"] = {"failed": check_failures, "documents_with_failures": docs_failing_checks}
    rec["failures"] = failures[:MAX_FAILURES_LISTED]
    rec["failures_not_listed"] = max(0, len(failures) - MAX_FAILURES_LISTED)


def finish(rec: dict[str, Any], out: Path, status: str, error: str | None = None) -> None:
    """Close the record and write it atomically to OUT/run.json (and the history)."""
    t0 = rec.pop("_t0", None)
    rec["status"], rec["error"] = status, error
    rec["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    if t0 is not None:
        rec["durations"]["total"] = round(time.monotonic() - t0, 3)
    text = json.dumps(rec, ensure_ascii=False, indent=1, default=str)
    try:
        history = out / HISTORY_DIR
        history.mkdir(parents=True, exist_ok=True)
        _write_atomic(history / f"{rec['run_id']}.json", text)
        for old in sorted(history.glob("*.json"))[:-KEEP_HISTORY]:
            old.unlink(missing_ok=True)
        _write_atomic(out / RECORD_NAME, text)
    except OSError as exc:  # a full disk: the last run's record must not stand for this one
        log.error("cannot write %s: %s", out / RECORD_NAME, exc)
        brief = {k: rec.get(k) for k in ("run_id", "status", "error", "started", "finished", "pid")}
        if brief["status"] == "completed":
            brief["status"] = "failed"
        brief["error"] = f"{brief['error'] + '; ' if brief['error'] else ''}run record not written: {exc}"
        (out / RECORD_NAME).unlink(missing_ok=True)
        try:
            _write_atomic(out / RECORD_NAME, json.dumps(brief, ensure_ascii=False))
        except OSError:
            pass  # no record at all rather than the last run's


def _write_atomic(path: Path, text: str) -> None:
    """Write a file under a temporary name, then rename it into place."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
