"""The DuckDB file: where it lives, read-only readers, the writer lock, the atomic swap.

DuckDB allows one writing process and no readers in other processes while it
writes. The dashboard reads the live file from another process, so an ingest never
writes it: under an exclusive lock (writer_lock) it writes a copy in the same folder
(core/store/batch.py), then swap() fsyncs the copy and atomically renames it over the
live file. A kill at any point leaves the live file as it was; readers see the old
file or the new one, never a half.
"""
from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from core.store import queries

DEFAULT_DB = Path(__file__).resolve().parents[2] / "data" / "meetings.duckdb"


def live_path(db_path: str | os.PathLike) -> Path:
    """The file an ingest writes: a symbolic link's target, so that the link stays a link."""
    path = Path(db_path)
    return path.resolve() if path.is_symlink() else path
LOCK_TIMEOUT = 30.0          # seconds a second ingest waits for the first one
BUILD_LOCK_TIMEOUT = 600.0   # a dashboard's first start waits for a build in progress
# Test-only: "<point>:<seconds>" pauses the ingest at in-transaction or before-replace
# (until <db>.resume exists), so tests can kill or overlap a real ingest at a known moment.
PAUSE_ENV = "CORE_INGEST_TEST_PAUSE"


class DatabaseUnreadable(RuntimeError):
    """The database file is not a DuckDB file, is damaged, or is a directory."""


class IngestBusy(RuntimeError):
    """Another process holds the writer lock of this database."""



# ------------------------------------------------------------------ readers

@contextmanager
def read_connection(db_path: str | os.PathLike) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for one use; never hold it across dashboard reruns.

    It always reads the newest committed file. DuckDB hands a new connection to a path
    the database instance already open in this process, and an ingest replaces the file
    by renaming a copy over it: while one Streamlit session (a thread) still holds a
    connection, `duckdb.connect(path)` in another would read the old, replaced file. So
    each read opens a private in-memory database and ATTACHes the file as it is now.
    """
    path = Path(db_path)
    if not path.exists():
        raise FileNotFoundError(f"no database at {path}; run `python -m core ingest` first")
    if path.is_dir():
        raise DatabaseUnreadable(f"{path} is a directory, not a meetings database")
    con = duckdb.connect()
    try:
        try:
            con.execute(queries.ATTACH_READ_ONLY, [str(path)])
            con.execute(queries.USE_ATTACHED)
        except duckdb.Error as error:
            raise DatabaseUnreadable(f"{path} is not a readable meetings database "
                                     f"({str(error).splitlines()[0][:160]})") from None
        yield con
    finally:
        con.close()


def db_version(db_path: str | os.PathLike) -> tuple[int, int]:
    """(mtime_ns, size) of the live file, (0, 0) if missing: a cache key that changes per ingest."""
    try:
        stat = os.stat(db_path)
    except FileNotFoundError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


def table_counts(db_path: str | os.PathLike) -> dict[str, int]:
    """Row counts of every table: {'articles': 5, 'meetings': 12, ...}."""
    with read_connection(db_path) as con:
        cursor = con.execute(queries.TABLE_COUNTS)
        names = [d[0] for d in cursor.description]
        return dict(zip(names, cursor.fetchone()))


def batch_log(db_path: str | os.PathLike, batch_id: str) -> list[dict]:
    """The ingest_log rows of one batch in input order: [{'source', 'article_id', 'status', ...}]."""
    with read_connection(db_path) as con:
        cursor = con.execute(queries.BATCH_LOG, [batch_id])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


@contextmanager
def writer_lock(db: Path, timeout: float) -> Iterator[None]:
    """The exclusive writer lock on <db>.lock; released by the kernel if the process dies."""
    db.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(db.with_name(db.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IngestBusy(f"another ingest is writing {db}") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)   # closing the descriptor releases the flock


def remove_stale_temps(db: Path) -> None:
    """Temp copies left by a killed ingest; safe because we hold the writer lock."""
    for stale in db.parent.glob(f"{db.name}.tmp-*"):
        stale.unlink(missing_ok=True)


def swap(temp: Path, db: Path) -> None:
    """fsync the finished copy and rename it over the live file, then fsync the folder."""
    if temp.with_name(temp.name + ".wal").exists():
        raise RuntimeError(f"{temp} still has a write-ahead log after CHECKPOINT; not swapping")
    with temp.open("rb+") as handle:
        os.fsync(handle.fileno())
    if db.exists():                   # the new file keeps the old one's mode and owner
        stat = db.stat()
        os.chmod(temp, stat.st_mode & 0o7777)
        try:
            os.chown(temp, stat.st_uid, stat.st_gid)
        except PermissionError:
            pass                      # only root may give a file away; the mode still holds
    pause_for_tests("before-replace", db)
    os.replace(temp, db)
    folder = os.open(db.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def pause_for_tests(point: str, db: Path) -> None:
    """Test-only: at a named point, sleep the given seconds or until <db>.resume appears."""
    wanted, _, seconds = os.environ.get(PAUSE_ENV, "").partition(":")
    if wanted != point:
        return
    print(f"PAUSED {point}", file=sys.stderr, flush=True)
    resume, deadline = db.with_name(db.name + ".resume"), time.monotonic() + float(seconds or 30)
    while time.monotonic() < deadline and not resume.exists():
        time.sleep(0.02)
    resume.unlink(missing_ok=True)


