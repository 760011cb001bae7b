"""Log set-up shared by the command line and the workers.

Third-party parsers log what they think of a file's innards: pdfminer warns once per
glyph about a font descriptor without a FontBBox, which every Chromium-printed PDF
has (thousands of lines for one corpus, none of them actionable). Those loggers are
held at ERROR unless the run asks for debug output (`-vv`).
"""

from __future__ import annotations

import logging
import sys

CHATTY = ("pdfminer", "pdfplumber", "fontTools")


def configure(level: int, fmt: str) -> None:
    """Log to stderr at `level`, with the chatty libraries held at ERROR above debug."""
    logging.basicConfig(level=level, stream=sys.stderr, format=fmt)
    if level > logging.DEBUG:
        for name in CHATTY:
            logging.getLogger(name).setLevel(logging.ERROR)
