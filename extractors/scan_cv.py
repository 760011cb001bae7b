"""OpenCV, imported where a scan is read (it comes with the `ocr` extra)."""

from __future__ import annotations

from typing import Any

from .errors import MissingDependency


def cv() -> Any:
    """The cv2 module, or a clear error where OpenCV is not installed."""
    try:
        import cv2
    except ImportError as exc:  # not installed, or its system libraries missing (libGL, glib)
        raise MissingDependency(f"scanned: no text layer, and OpenCV cannot be loaded ({exc}; "
                                "pip install 'ogi-reports[ocr]', apt-get install libgl1 libglib2.0-0)") from None
    cv2.setNumThreads(1)  # one core per worker: the runner's pool gives the parallelism
    return cv2
