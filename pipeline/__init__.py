"""Template-aware half of the tool: national formats, recovery, the corpus runner and the store.

Rooms: `templates/` (the national formats as data), `recover/` (one document, pure),
`run/` (a corpus: walk, cache, sandboxed workers, run record), `store/` (Parquet
snapshots, schemas, the quality page). `extract.py` joins extractors and recovery
for one file; `result.py` is the output contract; `derived.py` the analysts'
datasets; `cli.py` the command line.

Example:
    >>> import pipeline
    >>> r = pipeline.extract_file("data/raw/report.txt")   # doctest: +SKIP
    >>> r.document["status"], r.facts.head()                # doctest: +SKIP
"""

from .extract import extract_file, failed_result
from .result import PIPELINE_VERSION, DocumentResult

__version__ = PIPELINE_VERSION
__all__ = ["PIPELINE_VERSION", "DocumentResult", "__version__", "extract_file", "failed_result"]
