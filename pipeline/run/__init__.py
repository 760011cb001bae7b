"""Corpus runs: walk the raw root, cache by content, extract in sandboxed workers or on Dask, record.

The API is this module (as kedro's `runner/`): `run(RunOptions(raw, out), progress)`
brings an output root up to date and returns the run record. The runner knows
neither file formats nor templates: it moves `DocumentResult`s produced by the
per-document function it is handed (`RunOptions.job`) and publishes them with the
derived step it is handed (`RunOptions.derive`).

Modules: `walk` (the raw root's files), `manifest` (crawler metadata), `cache`
(results by content key), `lock` (one run at a time), `sandbox` and `worker` (a
document under time and memory limits), `executors` (local pool, Dask), `progress`,
`record` (run.json and the summary), `procfs` (memory readings), `runner` (the steps).
"""

from .executors import RunError
from .lock import LockBusy
from .manifest import ManifestError
from .options import RunOptions
from .progress import Progress, summary
from .runner import run
from .sandbox import MIN_MEMORY_MB, MIN_TIMEOUT, Limits

__all__ = ["MIN_MEMORY_MB", "MIN_TIMEOUT", "Limits", "LockBusy", "ManifestError", "Progress", "RunError",
           "RunOptions", "run", "summary"]
