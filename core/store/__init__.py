"""Storage: the DuckDB file (db), one ingest batch (batch), every SQL statement (queries)
and the filter value those statements take (filters).

The names most callers need are importable from here: `from core.store import ingest`.
"""
from core.store.batch import (ExtractorBroken, IngestReport, build_if_missing, ingest, merge_officials,
                              parallel_outcomes, sequential_outcomes)
from core.store.db import (BUILD_LOCK_TIMEOUT, DEFAULT_DB, LOCK_TIMEOUT, PAUSE_ENV, DatabaseUnreadable, IngestBusy,
                           batch_log, db_version, read_connection, table_counts, writer_lock)

__all__ = ["BUILD_LOCK_TIMEOUT", "DEFAULT_DB", "LOCK_TIMEOUT", "PAUSE_ENV", "DatabaseUnreadable", "ExtractorBroken",
           "IngestBusy",
           "IngestReport", "batch_log", "build_if_missing", "db_version", "ingest", "merge_officials",
           "parallel_outcomes", "read_connection", "sequential_outcomes", "table_counts", "writer_lock"]
