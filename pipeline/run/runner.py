"""A corpus run: walk, hash, extract what is new, publish the outputs, record what happened.

`run(RunOptions(raw, out))` is what `python -m pipeline extract RAW OUT` calls:

1. take the output root's lock (one run at a time);
2. walk the raw root and read `manifest.csv`;
3. hash the files whose size or mtime changed (the others keep their known sha256),
   sniffing their format in the same read (`extractors.identify`);
4. extract every document whose (sha256, pipeline version, manifest overrides) has no
   cached result, on a local pool or a Dask cluster; each result is committed to the
   cache as it arrives, so a killed run resumes where it stopped (a legacy Word file is
   converted by LibreOffice in its worker, under that document's limits);
5. publish the six datasets from the cache (`store.publish`: atomic, incremental), with
   the derived datasets computed from them by `options.derive`;
6. drop cached results no file refers to any more, and write `OUT/run.json`.

Example:
    >>> record = run(RunOptions(Path("data/raw"), Path("data/clean"), workers=4))  # doctest: +SKIP
    >>> record["documents"]["by_status"]                                          # doctest: +SKIP
    {'ok': 41, 'partial': 2, 'failed': 1}
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

import extractors
from extractors import ExtractionError, Identity

from ..result import PIPELINE_VERSION, failed
from ..store import Entry, publish, readable_text
from . import record as records
from .cache import Cache, cache_key, pack
from .executors import DaskPool, Executor, LocalPool, RunError, default_workers
from .lock import RunLock
from .manifest import Meta, read_manifest
from .options import RunOptions
from .progress import Progress
from .sandbox import CHANGED, Outcome, Task
from .walk import SourceFile, walk

log = logging.getLogger(__name__)
SKIPS_LISTED = 100  # entries the walk left out, named in run.json (all are logged)

LIMIT_PREFIXES = ("timeout:", "memory:", "crashed:")


def run(options: RunOptions, progress: Progress | None = None) -> dict[str, Any]:
    """Bring `options.out` up to date with `options.raw`; the run record (also in run.json)."""
    if not options.raw.is_dir():
        raise RunError(f"raw root {options.raw} is not a directory")
    options.out.mkdir(parents=True, exist_ok=True)
    with RunLock(options.out, wait=options.wait):
        rec = records.start(options)
        try:
            _run_locked(options, rec, progress or Progress(0, enabled=False))
        except BaseException as exc:
            records.finish(rec, options.out, status=_status_of(exc), error=_describe(exc))
            raise
        records.finish(rec, options.out, status="completed")
    return rec


def _run_locked(options: RunOptions, rec: dict[str, Any], progress: Progress) -> None:
    """The run's steps; fills `rec` as it goes."""
    clock = records.Clock(rec)
    raw, out = options.raw.resolve(), options.out.resolve()
    manifest = read_manifest(raw)
    skips: list[str] = []
    files = walk(raw, exclude=(out,), skips=skips)
    for line in skips:
        log.warning("skipped %s", line)
    rec["skipped"] = {"count": len(skips), "first": skips[:SKIPS_LISTED]}
    clock.lap("walk")
    cache = Cache(out / ".cache")
    try:
        shas, identities = _hash(files, cache, rec)
        clock.lap("hash")
        entries, tasks, metas = _plan(files, shas, identities, manifest, cache, options, rec)
        executor = _executor(options, len(tasks))
        rec["options"]["workers"] = getattr(executor, "workers", None)
        progress.begin(len(tasks))
        moved: dict[str, str] = {}  # planned key -> key of a result read from changed bytes
        for outcome in (executor.run(tasks) if tasks else iter(())):
            document, key = _store(outcome, raw, metas[outcome.task.key], cache)
            if key != outcome.task.key:
                moved[outcome.task.key] = key
            records.count_extracted(rec, document, outcome)
            progress.advance(document)
        progress.end()
        clock.lap("extract")
        stamps = cache.stamps()
        entries = [replace(e, key=(key := moved.get(e.key, e.key)), stamp=stamps.get(key, ""))
                   for e in entries]
        published = publish(out, entries, cache.results, derive=options.derive)
        rec["outputs"] = records.outputs(published)
        clock.lap("publish")
        rec["cache"] = {"pruned": cache.prune({e.key for e in entries})}
        records.tally(rec, entries, cache.documents((e.key for e in entries), records.TALLY_FIELDS))
    finally:
        extractors.sweep_scratch()  # what workers killed mid-conversion left in the temp folder
        cache.close()


def _hash(files: list[SourceFile], cache: Cache, rec: dict[str, Any]
          ) -> tuple[dict[str, str | None], dict[str, Identity]]:
    """sha256 per path: known ones where size and mtime are unchanged (None: unreadable);
    and what the one read of each hashed file told (its format too)."""
    known = cache.files()
    shas: dict[str, str | None] = {}
    identities: dict[str, Identity] = {}
    counts = {"seen": len(files), "new": 0, "changed": 0, "unchanged": 0, "hashed": 0}
    for f in files:
        old = known.get(f.rel)
        if old is not None and old[0] == f.size and old[1] == f.mtime_ns:
            shas[f.rel] = old[2]
        else:
            counts["hashed"] += 1
            try:
                identities[f.rel] = extractors.identify(f.path)
                shas[f.rel] = identities[f.rel].sha256
            except OSError as exc:
                log.warning("cannot read %s: %s", f.path, exc)
                shas[f.rel] = None
        status = "new" if old is None else "unchanged" if old[2] == shas[f.rel] else "changed"
        counts[status] += 1
    present = {f.rel for f in files}
    counts["removed"] = sum(1 for rel in known if rel not in present)
    rec["files"] = counts
    if counts["hashed"] or counts["removed"]:  # an unchanged corpus rewrites nothing
        by_rel = {f.rel: f for f in files}
        cache.save_files({rel: (by_rel[rel].size, by_rel[rel].mtime_ns, sha)
                          for rel, sha in shas.items() if sha is not None})
    return shas, identities


def _plan(files: list[SourceFile], shas: dict[str, str | None], identities: dict[str, Identity],
          manifest: dict[str, Meta], cache: Cache, options: RunOptions, rec: dict[str, Any]
          ) -> tuple[list[Entry], list[Task], dict[str, Meta]]:
    """Output entries for every file, and the tasks for results not yet in the cache."""
    statuses = cache.statuses()
    raw = str(options.raw.resolve())
    entries: list[Entry] = []
    tasks: dict[str, Task] = {}
    metas: dict[str, Meta] = {}
    for f in files:
        meta = manifest.get(f.rel, {})
        sha = shas[f.rel]
        if sha is None:  # unreadable: record it as failed now, retry next run
            sha = _unreadable(f, options.raw, meta, cache)
            key = cache_key(sha, PIPELINE_VERSION, meta)
            entries.append(Entry(f.rel, key, sha, size=f.size, mtime_ns=f.mtime_ns))
            continue
        key = cache_key(sha, PIPELINE_VERSION, meta)
        entries.append(Entry(f.rel, key, sha, size=f.size, mtime_ns=f.mtime_ns))
        cached = statuses.get(key)
        if (options.full or cached is None or options.retry_failed and cached[0] == "failed"
                and str(cached[1] or "").startswith(LIMIT_PREFIXES)):
            if key not in tasks:
                ident = identities.get(f.rel) or _sniffed(f, sha)
                tasks[key] = Task(key, str(f.path), raw, sha, meta, f.rel, format=ident.format,
                                  size=ident.size, sniff_error=ident.error or "", job=options.job)
                metas[key] = meta
    rec["extract"] = {"tasks": len(tasks), "cached": len({e.key for e in entries}) - len(tasks)}
    log.info("%d files, %d to extract", len(files), len(tasks))
    # Biggest files first: a slow document met last would leave the other workers idle.
    sizes = {str(f.path): f.size for f in files}
    ordered = sorted(tasks.values(), key=lambda t: -sizes.get(t.path, 0))
    return entries, ordered, metas


def _sniffed(f: SourceFile, sha: str) -> Identity:
    """The format of a file whose hash is known (unchanged since an earlier run): its head only."""
    try:
        fmt = extractors.sniff(f.path)
        return Identity(sha, f.size, fmt)
    except ExtractionError as exc:
        return Identity(sha, f.size, None, str(exc))
    except OSError:
        return Identity(sha, f.size, None)  # the worker reads it again and says why


def _unreadable(f: SourceFile, raw: Path, meta: Meta, cache: Cache) -> str:
    """Cache a failed result for a file that cannot be read; its doc_id."""
    size: int | None = None
    try:
        ident = extractors.identify(f.path)
        doc_id, size = ident.sha256, ident.size
        error = "read: file changed while reading"
    except OSError as exc:
        doc_id = hashlib.sha256(f.path.as_posix().encode()).hexdigest()
        error = f"read: {type(exc).__name__}: {exc.strerror or exc}"
    result = failed(doc_id, f.rel, readable_text(error), size=size, meta=meta)
    cache.put(cache_key(doc_id, PIPELINE_VERSION, meta), result.document, pack(result))
    return doc_id


def _executor(options: RunOptions, n_tasks: int) -> Executor:
    """The local pool or the Dask cluster the options ask for."""
    if options.executor == "dask":
        if not options.scheduler:
            raise RunError("--executor dask needs --scheduler tcp://HOST:PORT")
        return DaskPool(options.scheduler, options.limits, options.log_level)
    if options.executor != "local":
        raise RunError(f"unknown executor {options.executor!r} (local or dask)")
    workers = options.workers or default_workers()
    return LocalPool(max(1, min(workers, n_tasks)), options.limits, options.log_level)


def _store(outcome: Outcome, raw: Path, meta: Meta, cache: Cache) -> tuple[dict[str, Any], str]:
    """Commit one outcome to the cache (a limit failure becomes a failed result): its row and
    the key it is stored under. A file that changed while read is stored under a key of its
    own, for this run only: the planned content's key stays free for its byte-identical copies."""
    task = outcome.task
    if outcome.failure is not None or outcome.blob is None or outcome.document is None:
        result = failed(task.sha256, task.rel, outcome.failure or "crashed: no result",
                        task.format, task.size or None, meta or None)
        result.document["seconds"] = round(outcome.seconds, 4)
        document, blob = result.document, pack(result)
        log.warning("%s: %s", task.path, outcome.failure)
    else:
        document, blob = outcome.document, outcome.blob
    # The cache and the summary see the readable path (the outputs get it at publish).
    document = dict(document, path=task.rel or document.get("path"),
                    error=readable_text(document.get("error")))
    key = task.key if document.get("error") != CHANGED else f"{task.key}~changed"
    cache.put(key, document, blob)
    return document, key


def _status_of(exc: BaseException) -> str:
    """'interrupted' for Ctrl-C and SIGTERM, 'failed' otherwise."""
    return "interrupted" if isinstance(exc, (KeyboardInterrupt, SystemExit)) else "failed"


def _describe(exc: BaseException) -> str:
    """One line for the run record."""
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
