"""Errors an extractor raises; their messages end up in `documents.error`."""

from __future__ import annotations


class ExtractionError(Exception):
    """A file could not be read; the message says why in one readable line."""


class EmptyFile(ExtractionError):
    """The file has no bytes, or only whitespace."""


class UnsupportedFormat(ExtractionError):
    """No extractor recognises the file's content."""


class ScannedDocument(ExtractionError):
    """A paged document without a text layer (needs OCR)."""


class MissingDependency(ExtractionError):
    """A tool the format needs (LibreOffice, ...) is not installed."""


class UnsafeFile(ExtractionError):
    """A file refused before reading: absurd sizes, zip bombs, encryption."""
