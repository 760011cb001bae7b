"""LibreOffice headless conversion (legacy .doc/.wps to .docx), isolated and bounded.

Each soffice run gets its own user profile (`-env:UserInstallation=…`): two runs
sharing a profile block on its lock, so parallel workers would collide. A fresh
profile costs ~0.7 s to create, so the first successful run's profile is kept as a
template for this process and copied for the next ones. Every run has a timeout
after which its whole process group is killed, and its temporary files are removed.
One soffice process converting many files (`convert_batch`) is ~4x cheaper per file
than one process per file.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from multiprocessing.util import Finalize
from pathlib import Path

from .errors import ExtractionError, MissingDependency

log = logging.getLogger(__name__)

INSTALL_HINT = "apt-get install libreoffice-writer-nogui"
SOFFICE_ENV = "OGI_SOFFICE"  # path of the soffice binary, when not on PATH
TIMEOUT = 120.0  # seconds for one file
BATCH_TIMEOUT = (60.0, 20.0)  # seconds for a batch: base + per file
_FILTERS = {"docx": "docx:MS Word 2007 XML", "doc": "doc:MS Word 97", "rtf": "rtf:Rich Text Format"}

_template: Path | None = None
_template_lock = threading.Lock()


class ConversionError(ExtractionError):
    """LibreOffice ran but produced no output (damaged file, crash, timeout)."""


def soffice() -> str:
    """Path of the soffice binary; MissingDependency saying what to install otherwise."""
    found = os.environ.get(SOFFICE_ENV) or shutil.which("soffice") or shutil.which("libreoffice")
    if not found or not os.access(found, os.X_OK):
        raise MissingDependency(
            f"LibreOffice is needed to read legacy Word files (.doc/.wps): install it "
            f"(e.g. `{INSTALL_HINT}`) or set {SOFFICE_ENV}")
    return found


def convert(path: Path, out_dir: Path, target: str = "docx",
            timeout: float = TIMEOUT) -> Path:
    """Convert one file; the converted file in `out_dir`, or ConversionError."""
    result = convert_batch([path], out_dir, target=target, timeout=timeout)[path]
    if isinstance(result, ExtractionError):
        raise result
    return result


def convert_batch(paths: Sequence[Path], out_dir: Path, target: str = "docx",
                  timeout: float | None = None, per_file: float | None = None
                  ) -> dict[Path, Path | ExtractionError]:
    """Convert many files with one soffice process: path -> converted file or its error.

    Outputs are written to `out_dir` as `<index>.<target>` (index in `paths`); the
    caller owns and removes them. Files a crashed or timed-out batch left unconverted
    are retried one by one, so one bad file cannot fail its neighbours. `timeout` bounds
    the batch and each retry; else `per_file` (a run's per-document limit) scales the
    batch's limit and bounds each retry, so a file that hangs LibreOffice costs about
    that much, not minutes.
    """
    if not paths:
        return {}
    binary = soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    limit, alone = limits(len(paths), timeout, per_file)
    outcome = _run(binary, list(paths), out_dir, target, limit)
    results: dict[Path, Path | ExtractionError] = {}
    for i, path in enumerate(paths):
        out = out_dir / f"{i:05d}.{target}"
        if out.exists() and out.stat().st_size > 0:
            results[path] = out
        elif len(paths) > 1 and outcome != "ok":
            retried = _run(binary, [path], out_dir / f"retry-{i:05d}", target, alone)
            single = out_dir / f"retry-{i:05d}" / f"00000.{target}"
            if single.exists() and single.stat().st_size > 0:
                results[path] = single.replace(out)
            else:
                results[path] = ConversionError(_message(retried, target))
            shutil.rmtree(out_dir / f"retry-{i:05d}", ignore_errors=True)
        else:
            results[path] = ConversionError(_message(outcome, target))
    return results


def limits(n: int, timeout: float | None = None, per_file: float | None = None) -> tuple[float, float]:
    """Seconds for a batch of `n` files and for one file retried alone (see `convert_batch`)."""
    if timeout is not None:
        return timeout, timeout
    if per_file is not None:
        return min(BATCH_TIMEOUT[0], max(10.0, 3 * per_file)) + min(BATCH_TIMEOUT[1], per_file) * n, per_file
    return BATCH_TIMEOUT[0] + BATCH_TIMEOUT[1] * n, TIMEOUT


def _message(outcome: str, target: str) -> str:
    """The error for a file LibreOffice did not convert."""
    if outcome.startswith("timed out"):
        return f"LibreOffice conversion to {target} {outcome}"
    detail = "" if outcome == "ok" else f": {outcome}"
    return f"LibreOffice could not convert the file to {target} (damaged or unsupported{detail})"


def _run(binary: str, paths: list[Path], out_dir: Path, target: str, timeout: float) -> str:
    """One soffice process over `paths` (linked in as 00000.doc, ...): 'ok' or what failed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    work = scratch("soffice")
    try:
        profile = work / "profile"
        if _template is not None:
            shutil.copytree(_template, profile, symlinks=True)
        inputs = []
        for i, path in enumerate(paths):
            # LibreOffice names outputs after inputs and guesses filters from extensions:
            # a neutral name per input keeps both under our control (files are sniffed).
            link = work / f"{i:05d}.{'doc' if target == 'docx' else 'docx'}"  # others: tests' fixtures
            os.symlink(Path(path).resolve(), link)
            inputs.append(str(link))
        cmd = [*offline(), binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--nodefault", "--nologo", "--convert-to", _FILTERS[target],
               "--outdir", str(out_dir), *inputs]
        started = time.monotonic()
        outcome = _wait(subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                         stdin=subprocess.DEVNULL, start_new_session=True),
                        timeout)
        log.debug("soffice: %d file(s) in %.2f s: %s", len(paths), time.monotonic() - started,
                  outcome)
        if outcome == "ok":
            _keep_template(profile)
        return outcome
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _wait(proc: subprocess.Popen[bytes], timeout: float) -> str:
    """Wait for soffice; on timeout kill its whole process group (oosplash + soffice.bin)."""
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        return f"timed out after {timeout:g} s"
    if proc.returncode != 0:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        return f"soffice exit status {proc.returncode} {tail[0]}".strip()
    return "ok"


@functools.cache
def offline() -> tuple[str, ...]:
    """The command prefix that runs LibreOffice without network, in a network namespace of its
    own (`unshare -n`, or `-rn` where a user namespace is needed), dying with its caller,
    as far as the system allows.

    Documents link images and fields to URLs; converting them, LibreOffice fetches them
    (a request to any host the crawler's machine reaches). Without namespaces (some
    containers), conversion runs as before and a warning says so once.
    """
    # `setpriv --pdeathsig KILL`: the conversion dies with the process that started it. With a
    # PID namespace, soffice is its init: when it dies, the kernel kills soffice.bin with it.
    setpriv, tool = shutil.which("setpriv"), shutil.which("unshare")
    dies = (setpriv, "--pdeathsig", "KILL") if setpriv and _works((setpriv, "--pdeathsig", "KILL")) else ()
    for prefix in (("-n", "--pid", "--fork", "--kill-child"), ("-rn", "--pid", "--fork", "--kill-child"),
                   ("-n",), ("-rn",)):
        if tool and _works((*dies, tool, *prefix)):
            return (*dies, tool, *prefix)
    log.warning("no network namespace available (unshare -n): LibreOffice conversion keeps network access")
    return dies


def _works(prefix: tuple[str, ...]) -> bool:
    """True when `prefix true` runs here."""
    try:
        return subprocess.run([*prefix, "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _keep_template(profile: Path) -> None:
    """Keep the first working profile as this process's template (removed at exit)."""
    global _template
    with _template_lock:
        if _template is not None or not profile.is_dir():
            return
        keep = scratch("soffice-profile")
        try:
            shutil.copytree(profile, keep / "profile", symlinks=True)
        except OSError:
            shutil.rmtree(keep, ignore_errors=True)
            return
        _template = keep / "profile"
        # multiprocessing runs its finalizers when a forked worker exits (atexit does
        # not) and at interpreter exit in the parent.
        Finalize(None, shutil.rmtree, args=(keep, True), exitpriority=0)


# Scratch folders name their process: `ogi-soffice-<pid>-…`, `ogi-doc-<pid>-…`.
_SCRATCH = re.compile(r"ogi-(?:soffice-profile|soffice|doc)-(\d+)-")


def scratch(kind: str) -> Path:
    """A new temporary folder `ogi-<kind>-<pid>-…` for a conversion (the caller removes it).

    A worker killed mid-conversion (past its time or memory limit) cannot remove its
    folders, so the first one a process makes sweeps those of processes no longer alive.
    """
    _sweep_once()
    return Path(tempfile.mkdtemp(prefix=f"ogi-{kind}-{os.getpid()}-"))


def sweep_scratch() -> int:
    """Remove this user's scratch folders whose process is gone; how many were removed."""
    removed = 0
    with os.scandir(tempfile.gettempdir()) as entries:
        for entry in entries:
            m = _SCRATCH.match(entry.name)
            try:
                mine = entry.is_dir(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_uid == os.getuid()
            except OSError:
                continue
            if m and mine and not _alive(int(m.group(1))):
                shutil.rmtree(entry.path, ignore_errors=True)
                removed += 1
    return removed


@functools.cache
def _sweep_once() -> int:
    return sweep_scratch()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
