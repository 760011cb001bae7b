"""Template-aware half of the tool: national formats, recovery, checks, outputs.

Example:
    >>> import pipeline
    >>> r = pipeline.extract_file("data/raw/report.txt")   # doctest: +SKIP
    >>> r.document["status"], r.facts.head()                # doctest: +SKIP
"""

from .extract import PIPELINE_VERSION, extract_file, failed_result
from .result import DocumentResult

__version__ = PIPELINE_VERSION
__all__ = ["PIPELINE_VERSION", "DocumentResult", "__version__", "extract_file", "failed_result"]
