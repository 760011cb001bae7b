"""The six Parquet datasets under the output root, replaced atomically, rewritten only where needed.

Layout of `OUT/`::

    documents -> .current/documents      (fixed symlinks analysts read through)
    facts     -> .current/facts          ... files, checks, tables, sections likewise
    .current  -> .snap/<run id>          (swapped in one atomic rename)
    .snap/<run id>/<dataset>/part-<shard>-<digest>.parquet
    .snap/<run id>/manifest.json         (the digest of every shard)

A run writes a new snapshot beside the current one and, once it is complete, renames
a new `.current` link over the old: readers see the old outputs or the new, never a
mix or a half-written file, whenever the run dies. Documents are spread over shards
by doc_id; a shard whose documents (path and cache key) are unchanged is hard-linked
from the previous snapshot, so a small change rewrites a few files, and an unchanged
corpus rewrites nothing. `files` (every input path with its doc_id, size and mtime) is
one file per snapshot: touching a file rewrites it and links every shard. Rows are
streamed into Parquet row groups: memory does not grow with the corpus. The previous
snapshot is kept (a reader may still be on it); older ones are deleted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
import uuid
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar, cast

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..result import CONTRACT_VERSION, PIPELINE_VERSION, DocumentResult, Record
from .packed import ROWS, Packed, as_arrow
from .schema import DATASETS, SCHEMAS, fingerprint

log = logging.getLogger(__name__)

STORE_FORMAT = 1
DOCS_PER_SHARD = 256
MAX_SHARDS = 4096
ROW_GROUP_ROWS = 20_000
SNAP_DIR, CURRENT = ".snap", ".current"
DERIVED_PART = "part-00000.parquet"
FILES = "files"  # one file per snapshot (path -> doc_id, size, mtime), not sharded:
SHARDED = tuple(d for d in DATASETS if d != FILES)  # touching a file must not rewrite its shard

T = TypeVar("T")
Loader = Callable[[list[str]], Iterable[tuple[str, DocumentResult | Packed]]]
# Datasets computed from the finished six (e.g. cross-year joins), written into the same snapshot.
Deriver = Callable[[Path], dict[str, pd.DataFrame]]


@dataclass(frozen=True)
class Entry:
    """One input file in the outputs: its path, its result's cache key and stamp, its doc_id."""

    rel: str
    key: str
    doc_id: str
    stamp: str = ""  # changes when the same key is extracted again (--full, --retry-failed)
    size: int | None = None
    mtime_ns: int | None = None


@dataclass(frozen=True)
class Published:
    """What `publish` did: whether outputs changed, shards written and reused, seconds."""

    changed: bool
    written: int
    reused: int
    seconds: float
    snapshot: str


def shard_count(n_docs: int) -> int:
    """A power of two giving about DOCS_PER_SHARD documents per shard."""
    n = 1
    while n * DOCS_PER_SHARD < n_docs and n < MAX_SHARDS:
        n *= 2
    return n


def plan(entries: list[Entry]) -> tuple[dict[int, list[Entry]], dict[str, str]]:
    """Entries by shard (sorted by path) and each shard's digest, keyed 'part-00003'."""
    n = shard_count(len(entries))
    shards: dict[int, list[Entry]] = {i: [] for i in range(n)}
    for e in sorted(entries, key=lambda e: e.rel):
        shards[zlib.crc32(e.doc_id.encode()) % n].append(e)
    salt = f"{STORE_FORMAT}\n{fingerprint()}\n{n}\n"
    digests = {}
    for i, items in shards.items():
        text = salt + "".join(f"{e.rel}\t{e.key}\t{e.stamp}\n" for e in items)
        digests[f"part-{i:05d}"] = hashlib.sha256(text.encode()).hexdigest()[:12]
    return shards, digests


def files_digest(entries: list[Entry]) -> str:
    """What the `files` dataset holds: every path with its doc_id, size and mtime."""
    text = "".join(f"{e.rel}\t{e.doc_id}\t{e.size}\t{e.mtime_ns}\n" for e in sorted(entries, key=lambda e: e.rel))
    return hashlib.sha256(f"{fingerprint()}\n{text}".encode()).hexdigest()[:12]


def current_snapshot(out: Path) -> tuple[Path, dict[str, str], str] | None:
    """The live snapshot directory, its shard digests and its files digest; None if missing
    or incomplete."""
    try:
        snap = out / os.readlink(out / CURRENT)
        manifest = json.loads((snap / "manifest.json").read_text())
        digests: dict[str, str] = manifest["shards"]
        derived: list[str] = manifest.get("derived", [])
        files = str(manifest.get("files", ""))
    except (OSError, ValueError, KeyError):
        return None
    complete = all((snap / d / f"{p}-{h}.parquet").is_file()
                   for p, h in digests.items() for d in SHARDED)
    complete = complete and all((snap / d / DERIVED_PART).is_file() for d in (FILES, *derived))
    return (snap, digests, files) if complete else None


def publish(out: Path, entries: list[Entry], load: Loader, run_id: str = "",
            derive: Deriver | None = None) -> Published:
    """Make the six datasets under `out` hold exactly `entries`, swapping them in atomically.

    `derive(snapshot)` returns further datasets computed from the new six (read from
    the snapshot directory before it goes live); they are swapped in with them.
    """
    start = time.perf_counter()
    _sweep_unfinished(out / SNAP_DIR)
    shards, digests = plan(entries)
    files = files_digest(entries)
    current = current_snapshot(out)
    if current is not None and current[1:] == (digests, files) and links_ok(out):
        return Published(False, 0, len(digests), time.perf_counter() - start, current[0].name)
    log.info("publishing %d documents in %d shards", len(entries), len(digests))
    run_id = run_id or f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
    snaps = out / SNAP_DIR
    tmp = snaps / f"{run_id}.tmp"
    for d in DATASETS:
        (tmp / d).mkdir(parents=True, exist_ok=True)
    written = reused = 0
    for i, items in shards.items():
        part = f"part-{i:05d}"
        name = f"{part}-{digests[part]}.parquet"
        if current is not None and current[1].get(part) == digests[part]:
            for d in SHARDED:
                _link_or_copy(current[0] / d / name, tmp / d / name)
            reused += 1
        else:
            write_shard(tmp, name, items, load)
            written += 1
    write_files(tmp / FILES / DERIVED_PART, entries)
    derived = write_derived(tmp, derive) if derive is not None else []
    manifest = {"store_format": STORE_FORMAT, "run_id": run_id, "documents": len(entries),
                "shards": digests, "files": files, "derived": derived}
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1))
    final = snaps / run_id
    os.rename(tmp, final)
    _swap_link(out / CURRENT, f"{SNAP_DIR}/{run_id}")
    for d in (*DATASETS, *derived):
        _ensure_link(out, d)
    collect_garbage(out, keep={run_id, current[0].name if current else ""})
    log.info("published %s: %d shards written, %d reused", run_id, written, reused)
    return Published(True, written, reused, time.perf_counter() - start, run_id)


def write_shard(snap: Path, name: str, entries: list[Entry], load: Loader) -> None:
    """Stream one shard's rows into its Parquet files: a doc_id's `documents` row and other
    rows once, under its first path (all copies of a doc_id fall in one shard)."""
    writers = {d: pq.ParquetWriter(snap / d / name, stamped(SCHEMAS[d]), compression="zstd")
               for d in SHARDED}
    copies = Counter(e.doc_id for e in entries)
    documents: list[Record] = []
    pending: dict[str, list[pa.Table]] = {d: [] for d in ROWS}  # rows in columns, never as dicts
    try:
        seen: set[str] = set()
        by_key = _results(entries, load)
        for entry in entries:
            result = next(by_key)
            if entry.doc_id in seen:  # identical files: one row per doc_id
                continue
            seen.add(entry.doc_id)
            documents.append(dict(result.document, path=entry.rel, n_files=copies[entry.doc_id],
                                  error=readable_text(result.document.get("error"))))
            for d, tables in pending.items():
                tables.append(as_arrow(result, d))
                if sum(t.num_rows for t in tables) >= ROW_GROUP_ROWS:
                    _write(writers[d], tables)
            if len(documents) >= ROW_GROUP_ROWS:
                _write(writers["documents"], [pa.Table.from_pylist(documents, schema=SCHEMAS["documents"])])
                documents.clear()
        _write(writers["documents"], [pa.Table.from_pylist(documents, schema=SCHEMAS["documents"])])
        for d, tables in pending.items():
            _write(writers[d], tables or [SCHEMAS[d].empty_table()])
    finally:
        for w in writers.values():
            w.close()


def write_files(target: Path, entries: list[Entry]) -> None:
    """The `files` dataset: one row per input path, with its doc_id, size and mtime."""
    with pq.ParquetWriter(target, stamped(SCHEMAS[FILES]), compression="zstd") as writer:
        ordered = sorted(entries, key=lambda e: e.rel)
        for start in range(0, max(len(ordered), 1), ROW_GROUP_ROWS):
            rows = [{"path": e.rel, "doc_id": e.doc_id, "size": e.size, "mtime": _instant(e.mtime_ns)}
                    for e in ordered[start:start + ROW_GROUP_ROWS]]
            writer.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[FILES]))


def _instant(mtime_ns: int | None) -> datetime | None:
    """A file's modification time as a UTC instant (microseconds)."""
    if mtime_ns is None:
        return None
    return datetime.fromtimestamp(mtime_ns // 1000 / 1e6, tz=timezone.utc)


def stamped(schema: pa.Schema) -> pa.Schema:
    """The schema with the key-value metadata every Parquet file carries: which pipeline
    wrote it, for which output contract and store layout (`ogi.*` keys)."""
    return schema.with_metadata({**(schema.metadata or {}), b"ogi.pipeline_version": PIPELINE_VERSION.encode(),
                                 b"ogi.contract_version": CONTRACT_VERSION.encode(),
                                 b"ogi.store_format": str(STORE_FORMAT).encode()})


def write_derived(snap: Path, derive: Deriver) -> list[str]:
    """Write each derived frame as one Parquet file under `snap`; their names."""
    names = []
    for name, frame in derive(snap).items():
        if name in DATASETS:
            raise ValueError(f"a derived dataset cannot replace {name!r}")
        (snap / name).mkdir()
        table = pa.Table.from_pandas(frame, preserve_index=False)
        pq.write_table(table.replace_schema_metadata(stamped(table.schema).metadata),
                       snap / name / DERIVED_PART, compression="zstd")
        names.append(name)
    return sorted(names)


def _results(entries: list[Entry], load: Loader) -> Iterator[DocumentResult | Packed]:
    """The entries' results in entry order."""
    for _key, result in load([e.key for e in entries]):
        yield result


def readable_text(value: T) -> T:
    """A string with stray surrogates (undecodable file-name bytes) replaced; others as given."""
    if isinstance(value, str):
        return cast(T, value.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))
    return value


def _write(writer: pq.ParquetWriter, tables: list[pa.Table]) -> None:
    """Write buffered tables as one row group, or in groups of ROW_GROUP_ROWS where one document
    alone is larger (an empty table still fixes the schema)."""
    if tables:
        table = pa.concat_tables(tables)
        big = table.num_rows > 2 * ROW_GROUP_ROWS
        writer.write_table(table, row_group_size=ROW_GROUP_ROWS if big else max(1, table.num_rows))
    tables.clear()


def _link_or_copy(src: Path, dst: Path) -> None:
    """Hard-link an unchanged part file (copy where links are not supported)."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _swap_link(link: Path, target: str) -> None:
    """Point `link` at `target` in one atomic rename."""
    tmp = link.with_name(f"{link.name}.{os.getpid()}.tmp")
    if tmp.is_symlink():
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, link)


def links_ok(out: Path) -> bool:
    """True when every dataset name is the symlink into `.current`."""
    return all(_is_our_link(out, d) for d in DATASETS)


def _is_our_link(out: Path, dataset: str) -> bool:
    """True when OUT/<dataset> is the link to .current/<dataset>."""
    path = out / dataset
    return path.is_symlink() and os.readlink(path) == f"{CURRENT}/{dataset}"


def _ensure_link(out: Path, dataset: str) -> None:
    """Make OUT/<dataset> the link into `.current`, moving an old real directory aside."""
    if _is_our_link(out, dataset):
        return
    path = out / dataset
    if path.is_dir() and not path.is_symlink():  # outputs of an older layout
        aside = out / SNAP_DIR / f"legacy-{uuid.uuid4().hex[:6]}"
        aside.mkdir(parents=True)
        os.rename(path, aside / dataset)
    _swap_link(path, f"{CURRENT}/{dataset}")


def _sweep_unfinished(snaps: Path) -> None:
    """Remove snapshots a killed run left half-written (`<run>.tmp`): the caller holds the
    run lock, so none is being written; an unchanged re-run sweeps them too."""
    if snaps.is_dir():
        for child in snaps.glob("*.tmp"):
            shutil.rmtree(child, ignore_errors=True)


def collect_garbage(out: Path, keep: set[str]) -> None:
    """Delete snapshots other than `keep`, and leftovers of killed runs."""
    snaps = out / SNAP_DIR
    if not snaps.is_dir():
        return
    for child in snaps.iterdir():
        if child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)

