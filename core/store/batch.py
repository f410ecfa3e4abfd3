"""One ingest batch: read the inputs, extract the new articles (in worker processes for
large batches), write every row into a copy of the database in one transaction, swap.

ingest(paths, db) -> IngestReport; build_if_missing(db, folder) for a first start.
Re-ingesting the same input adds nothing; every read item gets one ingest_log row.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
import secrets
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pyarrow as pa

from core.extract.reader import Rejected, estimate_items, read_inputs
from core.model import Article, Meeting, Person
from core.store import events, queries
from core.store.db import (BUILD_LOCK_TIMEOUT, DEFAULT_DB, LOCK_TIMEOUT, DatabaseUnreadable, live_path, pause_for_tests,
                           remove_stale_temps, swap, writer_lock)

# An extractor that fails on this many articles in a row before any success is broken
# (e.g. an invalid gazetteer): stop instead of rejecting a whole corpus one by one.
BROKEN_AFTER = 10
CHUNK = 500    # items read, extracted and written at a time: an ingest streams its inputs

Progress = Callable[[int, int], None]
Extractor = Callable[[Article], list[Meeting]]
# articles -> their meetings, or an error message, one per article in input order
Outcomes = Callable[[list[Article]], Iterator["list[Meeting] | str"]]
PARALLEL_FROM = 400   # fewer new articles than this are not worth starting worker processes
# One article's extraction may take this long (seconds, wall clock) before it is rejected as
# "extraction failed (took over N s)", so that no input holds the writer lock for minutes.
ARTICLE_BUDGET = float(os.environ.get("MEETINGS_ARTICLE_BUDGET", "20"))



class ExtractorBroken(RuntimeError):
    """The extractor failed on every one of the first articles: a code or data bug, not bad input."""


@dataclass
class IngestReport:
    """What one ingest batch did; `reasons` lists (source, reason) of rejected and skipped."""

    batch_id: str
    db_path: str
    read: int = 0
    new: int = 0
    duplicate: int = 0
    rejected: int = 0
    skipped: int = 0
    meetings_added: int = 0
    reasons: list[tuple[str, str]] = field(default_factory=list)
    no_meeting: list[str] = field(default_factory=list)     # sources of new articles without one
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)   # phase -> seconds

    def timed(self, phase: str, started: float) -> None:
        """Add the time since started (time.monotonic()) to a phase."""
        self.timings[phase] = self.timings.get(phase, 0.0) + time.monotonic() - started


# ------------------------------------------------------------------ writers

def ingest(paths: Iterable[str | os.PathLike], db_path: str | os.PathLike = DEFAULT_DB,
           progress: Progress | None = None, *, extractor: Extractor | None = None,
           lock_timeout: float = LOCK_TIMEOUT, workers: int = 1, reextract: bool = False) -> IngestReport:
    """Read, extract and store one batch atomically; re-ingesting the same input adds nothing.

    workers > 1 extracts large batches in that many processes (default extractor only).
    reextract=True extracts articles already stored again and replaces their meetings
    (after the extractor or the gazetteer improved), in the same single transaction.
    """
    db = live_path(db_path)
    if db.is_dir():
        raise DatabaseUnreadable(f"{db} is a directory, not a meetings database")
    if extractor is not None:
        outcomes = sequential_outcomes(extractor)
    else:
        outcomes = parallel_outcomes(workers) if workers > 1 else sequential_outcomes(_default_extractor())
    with writer_lock(db, lock_timeout):
        return _ingest_locked(list(paths), db, progress, outcomes, reextract)


def build_if_missing(db_path: str | os.PathLike, articles_dir: str | os.PathLike,
                     progress: Progress | None = None, *,
                     extractor: Extractor | None = None) -> bool:
    """Build the database from a folder when the file is missing; True if it built it."""
    db = live_path(db_path)
    if db.exists():
        return False
    with writer_lock(db, BUILD_LOCK_TIMEOUT):
        if db.exists():          # another process built it while we waited
            return False
        _ingest_locked([articles_dir], db, progress,
                       sequential_outcomes(extractor or _default_extractor()))
    return True


def _ingest_locked(paths: list, db: Path, progress: Progress | None,
                   outcomes: Outcomes, reextract: bool = False) -> IngestReport:
    """The batch, with the writer lock held: copy, write, swap."""
    started = time.monotonic()
    report = IngestReport(batch_id=_batch_id(), db_path=str(db))
    remove_stale_temps(db)
    if db.with_name(db.name + ".wal").exists():
        # Only a read-write connection to the live file leaves a WAL; copying the file
        # without it would lose those writes, and the stale WAL would then corrupt ours.
        raise RuntimeError(f"{db}.wal exists: the database was written outside `python -m core "
                           "ingest`; open it once with duckdb to checkpoint it, then retry")
    temp = db.with_name(f"{db.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        phase = time.monotonic()
        if db.exists():
            shutil.copyfile(db, temp)
        report.timed("copy", phase)
        _write_copy(temp, db, paths, report, progress, outcomes, reextract)
        phase = time.monotonic()
        swap(temp, db)
        report.timed("swap", phase)
    except BaseException:
        for leftover in (temp, temp.with_name(temp.name + ".wal")):
            leftover.unlink(missing_ok=True)
        raise
    report.seconds = time.monotonic() - started
    return report


def _write_copy(temp: Path, db: Path, paths: list, report: IngestReport,
                progress: Progress | None, outcomes: Outcomes, reextract: bool = False) -> None:
    """Read, extract and write the batch into the private copy, CHUNK items at a time: the
    inputs are streamed and each chunk committed to the copy, so memory stays bounded
    however large they are. The live file changes only at the swap, all at once."""
    try:
        con = duckdb.connect(str(temp))
        con.execute(queries.SCHEMA)
    except duckdb.Error as error:
        raise DatabaseUnreadable(f"{db} is not a meetings database ({str(error).splitlines()[0][:160]}); "
                                 "nothing was changed") from None
    try:
        batch = _Batch(report, datetime.now(timezone.utc).replace(tzinfo=None), progress,
                       estimate_items(paths) if progress else 0)
        con.begin()
        batch.write_countries(con)
        items = iter(read_inputs(paths))
        while True:
            phase = time.monotonic()
            chunk = list(itertools.islice(items, CHUNK))
            report.timed("read", phase)
            if not chunk:
                break
            phase = time.monotonic()
            existing = {} if reextract else _existing(con, queries.EXISTING_ARTICLE_IDS, _article_ids(chunk))
            batch.classify(chunk, existing, outcomes)
            report.timed("extract", phase)
            phase = time.monotonic()
            if reextract:
                _replace_stored(con, [a["id"] for a in batch.articles])
            batch.write(con)
            # Each chunk is committed to the private copy, so that DuckDB need not hold the
            # whole batch in memory; the batch is still all or nothing: the copy replaces the
            # live file only when every chunk is in, and is deleted if anything fails.
            con.commit()
            con.begin()
            report.timed("write", phase)
        batch.finish()
        phase = time.monotonic()
        rebuild_events(con)
        report.timed("events", phase)
        pause_for_tests("in-transaction", db)
        phase = time.monotonic()
        con.commit()
        con.execute(queries.CHECKPOINT)
        report.timed("write", phase)
    finally:
        con.close()


_EVENT_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("china_id", pa.string()), ("counterpart_id", pa.string()),
    ("counterpart_country", pa.string()), ("date", pa.date32()), ("date_precision", pa.string()),
    ("city", pa.string()), ("place_country", pa.string()), ("mode", pa.string()),
    ("topics", pa.list_(pa.string())), ("reports", pa.int32()), ("outlets", pa.list_(pa.string())),
    ("article_ids", pa.list_(pa.string())), ("first_reported", pa.date32()),
    ("disagreements", pa.list_(pa.string()))])


def rebuild_events(con: duckdb.DuckDBPyConnection) -> None:
    """Every event again from every stored report: a fresh and an incremental build agree."""
    cursor = con.execute(queries.EVENT_REPORTS)
    names = [d[0] for d in cursor.description]
    reports = [dict(zip(names, row)) for row in cursor.fetchall()]
    built, event_of = events.build_events(reports)
    con.execute(queries.DELETE_EVENTS)
    _insert(con, queries.INSERT_EVENTS, "batch_events", built, _EVENT_SCHEMA)
    _insert(con, queries.SET_EVENT_IDS, "batch_event_of",
            [{"id": k, "event_id": v} for k, v in event_of.items()],
            pa.schema([("id", pa.string()), ("event_id", pa.string())]))


def _replace_stored(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    """Drop the stored rows of articles about to be written again, with their meetings."""
    con.register("batch_ids", pa.table({"id": pa.array(ids, pa.string())}))
    try:
        con.execute(queries.DELETE_BATCH_MEETINGS)
        con.execute(queries.DELETE_BATCH_ARTICLES)
    finally:
        con.unregister("batch_ids")


def sequential_outcomes(extractor: Extractor) -> Outcomes:
    """Extract in this process, in order; an exception becomes that article's error message."""
    def outcomes(articles: list[Article]) -> Iterator[list[Meeting] | str]:
        for article in articles:
            yield _outcome(extractor, article)
    return outcomes


class _OverBudget(Exception):
    """Raised by the timer when one article's extraction takes too long."""


def _over_budget(signum: int, frame: object) -> None:
    raise _OverBudget


def _outcome(extractor: Extractor, article: Article) -> list[Meeting] | str:
    """One article's meetings, or why not: 'ErrorType: message' when the extractor raised,
    'took over N s' when it ran past the budget (the batch goes on without it)."""
    timer = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if timer:
        previous = signal.signal(signal.SIGALRM, _over_budget)
        signal.setitimer(signal.ITIMER_REAL, ARTICLE_BUDGET)
    try:
        return list(extractor(article))
    except _OverBudget:
        return f"took over {ARTICLE_BUDGET:g} s"
    except Exception as error:  # noqa: BLE001 - one bad article must not stop the batch
        return f"{type(error).__name__}: {' '.join(str(error).split())[:200]}"
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _worker_start(parent: int) -> None:
    """Worker initializer: exit as soon as the ingest process is gone (even after kill -9)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)
    threading.Thread(target=watch, daemon=True).start()


def _extract_chunk(articles: list[Article]) -> list[list[Meeting] | str]:
    """Worker process: the default extractor over one chunk of articles."""
    extractor = _default_extractor()
    return [_outcome(extractor, article) for article in articles]


def parallel_outcomes(workers: int, chunk: int = 50) -> Outcomes:
    """Extract with the default extractor in worker processes, results in input order."""
    def outcomes(articles: list[Article]) -> Iterator[list[Meeting] | str]:
        if len(articles) < PARALLEL_FROM or workers < 2:
            yield from sequential_outcomes(_default_extractor())(articles)
            return
        # spawn, not fork: this process has DuckDB's threads running.
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_worker_start, initargs=(os.getpid(),))
        try:
            chunks = [articles[i:i + chunk] for i in range(0, len(articles), chunk)]
            for results in pool.map(_extract_chunk, chunks):
                yield from results
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    return outcomes


def _default_extractor() -> Extractor:
    """core.extract.extract_meetings, looked up at call time."""
    from core.extract import extract_meetings
    return extract_meetings


def _batch_id() -> str:
    """A sortable, unique batch id: '20250831T101500Z-1a2b3c'."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ-") + secrets.token_hex(3)


def _article_ids(items: list[Article | Rejected]) -> list[str]:
    """Ids of the articles among the read items."""
    return [item.id for item in items if isinstance(item, Article)]


def _existing(con: duckdb.DuckDBPyConnection, sql: str, ids: list[str]) -> dict[str, tuple]:
    """Rows of a batch_ids query keyed by their first column (the id)."""
    con.register("batch_ids", pa.table({"id": pa.array(ids, pa.string())}))
    try:
        return {row[0]: row for row in con.execute(sql).fetchall()}
    finally:
        con.unregister("batch_ids")


# ------------------------------------------------------------------ the batch

_LOG_SCHEMA = pa.schema([("batch_id", pa.string()), ("at", pa.timestamp("us")),
                         ("source", pa.string()), ("article_id", pa.string()),
                         ("status", pa.string()), ("reason", pa.string()),
                         ("meetings", pa.int32())])
_ARTICLE_SCHEMA = pa.schema([("id", pa.string()), ("source", pa.string()),
                             ("title", pa.string()), ("url", pa.string()),
                             ("published", pa.date32()), ("text", pa.string()),
                             ("ingested_at", pa.timestamp("us")), ("outlet", pa.string()),
                             ("agency", pa.string())])
_OFFICIAL_SCHEMA = pa.schema([("id", pa.string()), ("name", pa.string()),
                              ("name_latin", pa.string()), ("name_en", pa.string()),
                              ("country", pa.string()), ("role", pa.string()),
                              ("variants", pa.list_(pa.string()))])
_COUNTRY_SCHEMA = pa.schema([("iso3", pa.string()), ("name_en", pa.string()),
                             ("name_hi", pa.string()), ("region", pa.string()),
                             ("subregion", pa.string()), ("lat", pa.float64()),
                             ("lon", pa.float64())])
_PERSON_COLUMNS = ("id", "name", "name_latin", "name_en", "role", "title")
_MEETING_SCHEMA = pa.schema(
    [("id", pa.string()), ("article_id", pa.string()), ("source", pa.string())]
    + [(f"china_{c}", pa.string()) for c in _PERSON_COLUMNS]
    + [(f"counterpart_{c}", pa.string()) for c in _PERSON_COLUMNS]
    + [("counterpart_country", pa.string()), ("date", pa.date32()),
       ("date_precision", pa.string()), ("weekday", pa.string()), ("date_text", pa.string()),
       ("city", pa.string()), ("place_country", pa.string()), ("mode", pa.string()),
       ("topics", pa.list_(pa.string())), ("evidence", pa.string()),
       ("confidence", pa.float64()), ("reasons", pa.list_(pa.string()))])


class _Batch:
    """The rows one ingest adds, chunk by chunk, inside the single write transaction."""

    def __init__(self, report: IngestReport, at: datetime, progress: Progress | None = None,
                 total: int = 0) -> None:
        self.report, self.at = report, at
        self.articles: list[dict] = []
        self.meetings: dict[str, dict] = {}
        self.people: list[Person] = []
        self.log: list[dict] = []
        self.first_source: dict[str, str] = {}     # article id -> where it was first read, whole batch
        self.progress, self.total, self.done = progress, total, 0
        self.succeeded = self.failed = 0
        if progress:
            progress(0, total)

    def _tick(self) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.done, max(self.total, self.done))

    def finish(self) -> None:
        """The last progress call, done of done, when the estimate was off."""
        if self.progress and self.done != self.total:
            self.progress(self.done, self.done)

    def classify(self, items: list[Article | Rejected], existing: dict[str, tuple],
                 outcomes: Outcomes) -> None:
        """Sort every read item into new, duplicate, rejected or skipped; extract the new."""
        plan: list[tuple[Article | Rejected, str, str | None]] = []
        for item in items:
            if isinstance(item, Rejected):
                plan.append((item, item.status, item.reason))
            elif item.id in existing:
                plan.append((item, "duplicate", "already in the database"))
            elif item.id in self.first_source:
                plan.append((item, "duplicate", f"same text as {self.first_source[item.id]} in this batch"))
            else:
                self.first_source[item.id] = item.source
                plan.append((item, "new", None))
        for _, status, _ in plan:
            if status != "new":
                self._tick()
        new = [item for item, status, _ in plan if status == "new"]
        extracted = self._extract(new, outcomes)
        for item, status, reason in plan:   # the log follows the input order
            if status == "new":
                self._add_article(item, extracted[item.id])
            else:
                self._log(item.source, getattr(item, "id", None), status, reason)

    def _extract(self, new: list[Article], outcomes: Outcomes) -> dict[str, list[Meeting] | str]:
        """Article id -> its meetings or an error message; stops early on a broken extractor."""
        extracted: dict[str, list[Meeting] | str] = {}
        for article, outcome in zip(new, outcomes(new)):
            extracted[article.id] = outcome
            self.succeeded += not isinstance(outcome, str)
            self.failed += isinstance(outcome, str)
            if isinstance(outcome, str) and not self.succeeded and self.failed >= BROKEN_AFTER:
                raise ExtractorBroken(f"extraction failed on the first {self.failed} articles "
                                      f"({outcome}); nothing was written")
            self._tick()
        return extracted

    def _add_article(self, article: Article, outcome: list[Meeting] | str) -> None:
        """Store one new article and its meetings; an extraction error rejects it instead."""
        if isinstance(outcome, str):
            self._log(article.source, article.id, "rejected", f"extraction failed ({outcome})")
            return
        meetings = outcome
        added = 0
        for meeting in meetings:
            if meeting.id not in self.meetings:
                self.meetings[meeting.id] = _meeting_row(meeting)
                self.people += [meeting.china, meeting.counterpart]
                added += 1
        self.articles.append(_article_row(article, self.at))
        self._log(article.source, article.id, "new", None if added else "no meeting found", added)

    def _log(self, source: str, article_id: str | None, status: str,
             reason: str | None, meetings: int = 0) -> None:
        """One ingest_log row, counted in the report."""
        report = self.report
        report.read += 1
        setattr(report, status, getattr(report, status) + 1)
        report.meetings_added += meetings
        if status in ("rejected", "skipped"):
            report.reasons.append((source, reason or status))
        elif status == "new" and not meetings:
            report.no_meeting.append(source)
        self.log.append({"batch_id": report.batch_id, "at": self.at, "source": source,
                         "article_id": article_id, "status": status, "reason": reason,
                         "meetings": meetings})

    def write(self, con: duckdb.DuckDBPyConnection) -> None:
        """The rows of this chunk, inside the caller's transaction; then they are let go."""
        _insert(con, queries.INSERT_ARTICLES, "batch_articles", self.articles, _ARTICLE_SCHEMA)
        _insert(con, queries.INSERT_MEETINGS, "batch_meetings",
                list(self.meetings.values()), _MEETING_SCHEMA)
        officials = merge_officials(
            _existing(con, queries.EXISTING_OFFICIALS, sorted({p.key for p in self.people})),
            self.people)
        con.register("batch_officials", pa.Table.from_pylist(officials, _OFFICIAL_SCHEMA))
        con.execute(queries.DELETE_BATCH_OFFICIALS)
        con.execute(queries.INSERT_OFFICIALS)
        con.unregister("batch_officials")
        _insert(con, queries.INSERT_INGEST_LOG, "batch_log", self.log, _LOG_SCHEMA)
        self.articles, self.meetings, self.people, self.log = [], {}, [], []

    def write_countries(self, con: duckdb.DuckDBPyConnection) -> None:
        """Refresh the countries table from the gazetteer; keep the old one if it cannot load."""
        try:
            rows = country_rows()
        except Exception as error:  # noqa: BLE001 - regions are auxiliary; articles still go in
            self.report.warnings.append(f"countries not refreshed: {error}")
            return
        con.execute(queries.DELETE_COUNTRIES)
        _insert(con, queries.INSERT_COUNTRIES, "batch_countries", rows, _COUNTRY_SCHEMA)


def _insert(con: duckdb.DuckDBPyConnection, sql: str, name: str,
            rows: list[dict], schema: pa.Schema) -> None:
    """Register rows as an Arrow table under a fixed name and run one INSERT ... SELECT."""
    if not rows:
        return
    con.register(name, pa.Table.from_pylist(rows, schema))
    try:
        con.execute(sql)
    finally:
        con.unregister(name)


def country_rows() -> list[dict]:
    """One countries-table row per gazetteer country."""
    from core.extract.gazetteer import load_gazetteer
    return [{"iso3": c.iso3, "name_en": c.en, "name_hi": c.hi[0] if c.hi else c.en,
             "region": c.region, "subregion": c.subregion, "lat": c.lat, "lon": c.lon}
            for c in load_gazetteer().countries.values()]


def _article_row(article: Article, at: datetime) -> dict:
    """An articles-table row."""
    return {"id": article.id, "source": article.source, "title": article.title,
            "url": article.url, "published": article.published, "text": article.text,
            "ingested_at": at, "outlet": article.outlet, "agency": article.agency}


def _meeting_row(meeting: Meeting) -> dict:
    """A meetings-table row: the two people flattened into china_* and counterpart_*."""
    row = {"id": meeting.id, "article_id": meeting.article_id, "source": meeting.source}
    for side, person in (("china", meeting.china), ("counterpart", meeting.counterpart)):
        row.update({f"{side}_id": person.key, f"{side}_name": person.name,
                    f"{side}_name_latin": person.name_latin, f"{side}_name_en": person.name_en,
                    f"{side}_role": person.role, f"{side}_title": person.title})
    row.update(counterpart_country=meeting.counterpart.country, date=_iso_date(meeting.date),
               date_precision=meeting.date_precision, weekday=meeting.weekday,
               date_text=meeting.date_text, city=meeting.city,
               place_country=meeting.place_country, mode=meeting.mode,
               topics=list(meeting.topics), evidence=meeting.evidence,
               confidence=meeting.confidence, reasons=list(meeting.reasons))
    return row


def _iso_date(value: str | None) -> date | None:
    """'2022-02-05' -> date; None or a malformed value -> None."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


# ------------------------------------------------------------------ officials

def merge_officials(existing: dict[str, tuple], people: list[Person]) -> list[dict]:
    """One row per person key: fullest name, first English name, latest role, all variants."""
    merged: dict[str, dict] = {}
    for key, row in existing.items():
        _, name, name_latin, name_en, country, role, variants = row
        merged[key] = {"id": key, "name": name, "name_latin": name_latin, "name_en": name_en,
                       "country": country, "role": role, "variants": list(variants or [])}
    for person in people:
        row = merged.setdefault(person.key, {
            "id": person.key, "name": None, "name_latin": None, "name_en": None,
            "country": person.country, "role": person.role, "variants": []})
        _merge_person(row, person)
    return [merged[key] for key in sorted(merged)]


def _merge_person(row: dict, person: Person) -> None:
    """Fold one mention of a person into their officials row."""
    if person.name and len(person.name) > len(row["name"] or ""):
        row["name"], row["name_latin"] = person.name, person.name_latin
    row["name_latin"] = row["name_latin"] or person.name_latin
    row["name_en"] = row["name_en"] or person.name_en
    row["country"] = row["country"] or person.country
    if person.role != "other" or not row["role"]:
        row["role"] = person.role
    if person.name and person.name not in row["variants"]:
        row["variants"] = sorted([*row["variants"], person.name])
