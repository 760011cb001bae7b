"""What a corpus run is asked to do: `RunOptions`, plain data shared by the runner and its record."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .sandbox import Limits

Deriver = Callable[[Path], dict[str, pd.DataFrame]]


@dataclass(frozen=True)
class RunOptions:
    """What to run on and how; `workers=None` means every core.

    `job` names the per-document function a worker calls (`module:function`, taking
    `(path, raw_root, meta, identity)` and returning a `DocumentResult`);
    `derive` computes the derived datasets from a new snapshot before it goes live.
    Both are handed in by the caller (the CLI), so the runner knows neither file
    formats nor templates.
    """

    raw: Path
    out: Path
    workers: int | None = None
    executor: str = "local"
    scheduler: str | None = None
    full: bool = False
    retry_failed: bool = False
    limits: Limits = field(default_factory=Limits)
    wait: bool = False
    log_level: int = logging.WARNING
    job: str = "pipeline.extract:extract_file"
    derive: Deriver | None = None
