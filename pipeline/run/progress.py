"""What a person sees of a run: a progress bar on a terminal, plain lines under cron, a summary."""

from __future__ import annotations

import sys
import time
from typing import IO, Any

from ..result import STATUSES

BAR_WIDTH = 28


class Progress:
    """Extraction progress: a redrawn bar on a TTY, else one plain line every `interval` s."""

    def __init__(self, total: int = 0, stream: IO[str] | None = None, enabled: bool = True,
                 tty: bool | None = None, interval: float = 30.0) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = self.stream.isatty() if tty is None else tty
        self.interval = interval if not self.tty else 0.1
        self.total, self.done, self.failed = total, 0, 0
        self.t0 = self.last = time.monotonic()

    def begin(self, total: int) -> None:
        """Start counting `total` documents."""
        self.total, self.done, self.failed = total, 0, 0
        self.t0 = self.last = time.monotonic()
        if self.enabled and total and not self.tty:
            self._line(f"extract: {total} documents to extract")

    def advance(self, document: dict[str, Any]) -> None:
        """Count one finished document."""
        self.done += 1
        self.failed += document.get("status") == "failed"
        now = time.monotonic()
        if self.enabled and (now - self.last >= self.interval or self.done == self.total):
            self.last = now
            self._draw(now)

    def end(self) -> None:
        """Finish the bar's line."""
        if self.enabled and self.tty and self.total:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, now: float) -> None:
        """One update: the bar or a plain line."""
        elapsed = max(now - self.t0, 1e-9)
        rate = self.done / elapsed
        eta = (self.total - self.done) / rate if rate else 0.0
        pct = 100 * self.done / max(self.total, 1)
        stats = (f"{self.done}/{self.total} {pct:3.0f}%  {rate:.1f} docs/s  "
                 f"ETA {_clock(eta)}  failed {self.failed}")
        if self.tty:
            fill = int(BAR_WIDTH * self.done / max(self.total, 1))
            self.stream.write(f"\rextract [{'#' * fill}{'.' * (BAR_WIDTH - fill)}] {stats}\x1b[K")
            self.stream.flush()
        else:
            self._line(f"extract: {stats}")

    def _line(self, text: str) -> None:
        """A plain line with a timestamp (cron mail, journald)."""
        self.stream.write(f"{time.strftime('%H:%M:%S')} {text}\n")
        self.stream.flush()


def _clock(seconds: float) -> str:
    """H:MM:SS."""
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


def _counts(counts: dict[str, int]) -> str:
    """'ok 3, failed 1', statuses in their usual order."""
    order = {s: i for i, s in enumerate(STATUSES)}
    items = sorted(counts.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
    return ", ".join(f"{k} {v:,}" for k, v in items) or "none"


def _plural(n: int, word: str) -> str:
    """'1 document', '2 documents'."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def summary(rec: dict[str, Any], command: str = "python -m pipeline extract") -> str:
    """The end-of-run summary: files, documents by status and format, facts, checks, reruns."""
    files, docs, ex = rec.get("files", {}), rec.get("documents", {}), rec["extracted"]
    lines = [f"{rec['raw']} -> {rec['out']}: {rec['status']} in "
             f"{rec['durations'].get('total', 0):.1f} s"]
    if files:
        lines.append(f"files      {files['seen']:,} seen: {files['new']:,} new, "
                     f"{files['changed']:,} changed, {files['unchanged']:,} unchanged, "
                     f"{files['removed']:,} removed")
    secs = rec["durations"].get("extract", 0.0)
    rate = f", {ex['documents'] / secs:.1f} docs/s" if ex["documents"] and secs else ""
    lines.append(f"extracted  {_plural(ex['documents'], 'document')} ({_counts(ex['by_status'])}) "
                 f"in {secs:.1f} s{rate}")
    if docs:
        lines.append(f"documents  {docs['total']:,}: {_counts(docs['by_status'])}")
        width = max((len(f) for f in docs["by_format_status"]), default=0)
        for fmt, counts in docs["by_format_status"].items():
            lines.append(f"  {fmt:<{width}} {sum(counts.values()):>7,}: {_counts(counts)}")
        checks = rec["checks"]
        lines.append(f"facts      {rec['facts']:,}; failed checks {checks['failed']:,} in "
                     f"{_plural(checks['documents_with_failures'], 'document')}")
    out = rec.get("outputs")
    if out:
        lines.append("outputs    " + (f"updated: {out['shards_written']} shards written, "
                                      f"{out['shards_reused']} unchanged" if out["changed"]
                                      else "unchanged (nothing to rewrite)"))
    lines += _advice(rec, command)
    return "\n".join(lines)


def _advice(rec: dict[str, Any], command: str) -> list[str]:
    """What to look at and what to rerun."""
    if rec["status"] != "completed":
        return [f"error      {rec.get('error')}", "rerun      the same command: documents "
                "already extracted are kept and not redone"]
    lines = []
    failures = rec.get("failures", [])
    limits: dict[str, int] = {}
    for f in failures:
        kind = str(f.get("error") or "").split(":", 1)[0]
        if kind in ("timeout", "memory", "crashed"):
            limits[kind] = limits.get(kind, 0) + 1
    if failures:
        n_failed = len(failures) + rec.get("failures_not_listed", 0)
        lines.append(f"failed     {_plural(n_failed, 'document')}: reasons under \"failures\" in "
                     f"{rec['out']}/run.json and in documents.error")
    if limits:
        opts = rec["options"]
        lines.append(f"rerun      {sum(limits.values())} failed on a worker limit "
                     f"({_counts(limits)}): {command} {rec['raw']} {rec['out']} --retry-failed "
                     f"--timeout {2 * opts['timeout_s']:g} "
                     f"--memory-limit {2 * opts['memory_limit_mb']}")
    return lines
