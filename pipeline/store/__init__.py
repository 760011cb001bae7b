"""The Parquet store: atomic snapshots of the six datasets, their schemas, reading back, the quality page.

It moves `DocumentResult`s into files and knows neither file formats nor templates;
derived datasets are computed by a function handed to `publish`.
"""

from .parquet import CURRENT, ROW_GROUP_ROWS, SNAP_DIR, Entry, Loader, Published, publish, readable_text, shard_count
from .schema import DATASET_COLUMNS, DATASETS, SCHEMAS, fingerprint, schema

__all__ = ["CURRENT", "DATASETS", "DATASET_COLUMNS", "ROW_GROUP_ROWS", "SCHEMAS", "SNAP_DIR", "Entry",
           "Loader", "Published", "fingerprint", "publish", "readable_text", "schema", "shard_count"]
