"""`python -m pipeline extract [RAW] [OUT]`: a thin shell over `pipeline.run.run`.

The CLI is where the rooms meet: it hands the runner the per-document function
(`pipeline.extract:extract_file`) and the derived-dataset step (`derived.derive`).

Exit status: 0 the run completed (documents that failed are data, counted in the
summary); 1 the run could not complete (unreadable raw root, bad manifest.csv, workers
that will not start, unreachable scheduler, disk full); 2 bad arguments; 75 another run
holds the output root (see --wait); 130 interrupted (Ctrl-C); 143 terminated (SIGTERM).
In every case but 75 the previous outputs stay complete and readable.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sqlite3
import sys
from pathlib import Path
from types import FrameType

import pyarrow as pa

from . import derived
from .result import CONTRACT_VERSION, PIPELINE_VERSION
from .run import (
    MIN_MEMORY_MB,
    MIN_TIMEOUT,
    Limits,
    LockBusy,
    ManifestError,
    Progress,
    RunError,
    RunOptions,
    logs,
    run,
    summary,
)

log = logging.getLogger("pipeline")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUSY = 0, 1, 2, 75
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143
EXTRACT_JOB = "pipeline.extract:extract_file"  # what a worker does with each document


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `python -m pipeline`."""
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=(
        "Turn government information disclosure annual reports into Parquet datasets."))
    parser.add_argument("--version", action="version",
                        version=f"%(prog)s {PIPELINE_VERSION} (output contract {CONTRACT_VERSION})")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract a raw corpus into the six datasets",
                        description="Extract new and changed files of RAW into OUT.")
    ex.add_argument("raw", nargs="?", default="data/raw", type=Path,
                    help="raw root, walked recursively (default: data/raw)")
    ex.add_argument("out", nargs="?", default="data/clean", type=Path,
                    help="output root (default: data/clean)")
    ex.add_argument("--workers", type=_positive, default=None,
                    help="worker processes (default: every core)")
    ex.add_argument("--full", action="store_true",
                    help="re-extract every document, ignoring the cache")
    ex.add_argument("--retry-failed", action="store_true",
                    help="re-extract documents that failed on a limit (timeout, memory, crash)")
    ex.add_argument("--timeout", type=_seconds, default=Limits.timeout, metavar="SECONDS",
                    help="time limit per document (default: %(default)g)")
    ex.add_argument("--memory-limit", type=_megabytes, default=Limits.memory_mb, metavar="MB",
                    help="memory limit per document (default: %(default)d)")
    ex.add_argument("--executor", choices=("local", "dask"), default="local",
                    help="local process pool or a Dask cluster (default: local)")
    ex.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                    help="Dask scheduler address (with --executor dask)")
    ex.add_argument("--wait", action="store_true",
                    help="wait for a running extraction to finish instead of exiting with 75")
    ex.add_argument("--progress", choices=("auto", "bar", "lines", "none"), default="auto",
                    help="progress display (default: bar on a terminal, plain lines otherwise)")
    ex.add_argument("-v", "--verbose", action="count", default=0,
                    help="-v: info logs, -vv: debug logs")
    ins = sub.add_parser("inspect", help="show how one file is read: tables, matched labels, values, why not",
                         description="Show how FILE is read: its format, the tables found, each template "
                                     "row with the label it matched and its score, the values placed, "
                                     "and why anything was left out.")
    ins.add_argument("file", type=Path)
    ins.add_argument("-v", "--verbose", action="count", default=0)
    rep = sub.add_parser("report", help="write OUT/report.html, the quality page")
    rep.add_argument("out", nargs="?", default="data/clean", type=Path)
    rep.add_argument("-v", "--verbose", action="count", default=0)
    return parser


def _positive(text: str) -> int:
    """An integer of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _seconds(text: str) -> float:
    """A per-document timeout: at least MIN_TIMEOUT seconds."""
    value = float(text)
    if not value >= MIN_TIMEOUT:
        raise argparse.ArgumentTypeError(f"must be at least {MIN_TIMEOUT:g} seconds, got {text}")
    return value


def _megabytes(text: str) -> int:
    """A per-document memory limit: at least MIN_MEMORY_MB."""
    value = int(text)
    if value < MIN_MEMORY_MB:
        raise argparse.ArgumentTypeError(f"must be at least {MIN_MEMORY_MB} MB, got {value}")
    return value


def main(argv: list[str] | None = None) -> int:
    """Run the command line; the exit status."""
    args = build_parser().parse_args(argv)
    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)]
    logs.configure(level, "%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.command == "report":
        return _report(args.out)
    if args.command == "inspect":
        from .inspect import inspect

        if not args.file.is_file():
            print(f"error: {args.file} is not a file", file=sys.stderr)
            return EXIT_FAILED
        print(inspect(args.file))
        return EXIT_OK
    if args.executor == "dask" and not args.scheduler:
        print("error: --executor dask needs --scheduler tcp://HOST:PORT", file=sys.stderr)
        return EXIT_USAGE
    options = RunOptions(raw=args.raw, out=args.out, workers=args.workers, executor=args.executor,
                         scheduler=args.scheduler, full=args.full, retry_failed=args.retry_failed,
                         limits=Limits(args.timeout, args.memory_limit), wait=args.wait,
                         log_level=level, job=EXTRACT_JOB, derive=derived.derive)
    progress = Progress(enabled=args.progress != "none",
                        tty=None if args.progress == "auto" else args.progress == "bar")
    signal.signal(signal.SIGTERM, _terminate)
    # glibc malloc gives memory back; Arrow's default pool (mimalloc) keeps ~75 MB more after
    # a publish of 10,000 documents, in a process that may run for hours.
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        record = run(options, progress)
    except LockBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except (RunError, ManifestError, OSError) as exc:
        log.debug("run failed", exc_info=True)
        print(f"error: run failed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except sqlite3.Error as exc:
        print(f"error: run failed: result cache {args.out}/.cache: {exc} (delete that folder to "
              "rebuild it: documents are extracted again)", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("interrupted: previous outputs kept; rerun to finish", file=sys.stderr)
        return EXIT_INTERRUPTED
    except SystemExit as exc:
        print("terminated: previous outputs kept; rerun to finish", file=sys.stderr)
        return int(exc.code) if isinstance(exc.code, int) else EXIT_TERMINATED
    print(summary(record))
    return EXIT_OK


def _terminate(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (systemd stop, timeout): unwind like Ctrl-C so workers are stopped."""
    raise SystemExit(EXIT_TERMINATED)


def _report(out: Path) -> int:
    """`report`: the quality page of OUT; one error line when OUT holds no outputs."""
    from .store import quality

    if not (out / "documents").exists():
        print(f"error: {out} holds no outputs (no {out / 'documents'}): run "
              f"`python -m pipeline extract RAW {out}` first", file=sys.stderr)
        return EXIT_FAILED
    try:
        path = quality.write_report(out)
    except (OSError, ValueError) as exc:
        log.debug("report failed", exc_info=True)
        print(f"error: report failed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"wrote {path}")
    return EXIT_OK
