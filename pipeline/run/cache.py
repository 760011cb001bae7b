"""The per-document result cache under `OUT/.cache/`: what survives between and across runs.

One SQLite database (`cache.sqlite`, WAL journal) with two tables:

- `files`: path -> size, mtime_ns, sha256. Lets a re-run skip hashing a file whose size
  and mtime have not changed, as make and rsync decide.
- `results`: cache key -> the document's `documents` row (JSON) and its whole result
  (`store.packed`: the other outputs' rows as compressed Arrow tables). The key covers the file's sha256, the
  pipeline version and the manifest overrides, so any of them changing re-extracts.

Every result is committed as soon as it arrives, so a run killed at any moment (SIGKILL
included) loses at most the documents in flight; SQLite keeps the database consistent.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..result import Record
from ..store.packed import Packed, pack, unpack

__all__ = ["Cache", "Packed", "cache_key", "pack", "unpack"]

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER,
                                  sha256 TEXT);
CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, sha256 TEXT, status TEXT, error TEXT,
                                    stamp TEXT, document TEXT, blob BLOB);
"""
SCHEMA_VERSION = 4  # bump when SCHEMA or the packed results change: an old cache is dropped, not misread


def cache_key(sha256: str, version: str, meta: dict[str, Any] | None) -> str:
    """The result cache key: content, pipeline version and manifest overrides."""
    text = json.dumps([sha256, version, meta or {}], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:40]




class Cache:
    """The cache database of one output root; only the holder of the run lock writes it."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / "cache.sqlite"
        try:
            self.db = self._open()
        except sqlite3.DatabaseError as exc:
            # A damaged cache (a full disk, a copy cut short) must not stop every later run:
            # it is moved aside, kept for inspection, and rebuilt by extracting again.
            aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}")
            log.warning("cache %s unreadable (%s): moved to %s, rebuilding", self.path, exc, aside.name)
            for suffix in ("", "-wal", "-shm"):
                part = Path(f"{self.path}{suffix}")
                if part.exists():
                    part.replace(Path(f"{aside}{suffix}"))
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            # NORMAL survives a killed process (not a power cut) at a fraction of FULL's fsyncs.
            db.execute("PRAGMA synchronous=NORMAL")
            if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                db.executescript("DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS results;")
                db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            db.executescript(SCHEMA)
            db.execute("SELECT count(*) FROM files").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def files(self) -> dict[str, tuple[int, int, str]]:
        """Known files: path -> (size, mtime_ns, sha256)."""
        rows = self.db.execute("SELECT path, size, mtime_ns, sha256 FROM files")
        return {p: (s, m, h) for p, s, m, h in rows}

    def save_files(self, entries: dict[str, tuple[int, int, str]]) -> None:
        """Replace the known files with `entries` in one transaction."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute("DELETE FROM files")
            self.db.executemany("INSERT INTO files VALUES (?, ?, ?, ?)",
                                ((p, s, m, h) for p, (s, m, h) in entries.items()))

    def statuses(self) -> dict[str, tuple[str, str | None]]:
        """Cached keys -> (status, error)."""
        return {k: (s, e) for k, s, e in self.db.execute("SELECT key, status, error FROM results")}

    def stamps(self) -> dict[str, str]:
        """Cached keys -> a digest of the stored result (it changes when a key is re-extracted)."""
        return dict(self.db.execute("SELECT key, stamp FROM results"))

    def put(self, key: str, document: Record, blob: bytes) -> None:
        """Store one document's result, committed at once."""
        stamp = hashlib.sha256(blob).hexdigest()[:16]
        self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (key, document.get("doc_id"), document.get("status"), document.get("error"),
                         stamp, json.dumps(document, ensure_ascii=False), blob))

    def documents(self, keys: Iterable[str], fields: tuple[str, ...]) -> dict[str, Record]:
        """Some fields of the `documents` rows of the given keys (only those: memory stays small)."""
        wanted = set(keys)
        out: dict[str, Record] = {}
        for key, doc in self.db.execute("SELECT key, document FROM results"):
            if key in wanted:
                row = json.loads(doc)
                out[key] = {f: row.get(f) for f in fields}
        return out

    def results(self, keys: Iterable[str]) -> Iterator[tuple[str, Packed]]:
        """The cached results of `keys`, one at a time (memory stays flat)."""
        for key in keys:
            row = self.db.execute("SELECT blob FROM results WHERE key = ?", (key,)).fetchone()
            if row is None:
                raise KeyError(f"result {key} is not in the cache")
            yield key, unpack(row[0])

    def prune(self, keep: set[str]) -> int:
        """Drop results no longer referenced (removed files, old versions); how many."""
        stale = [(k,) for (k,) in self.db.execute("SELECT key FROM results") if k not in keep]
        if stale:
            with self.db:
                self.db.execute("BEGIN")
                self.db.executemany("DELETE FROM results WHERE key = ?", stale)
        return len(stale)
