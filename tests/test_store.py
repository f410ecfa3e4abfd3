"""core.store: idempotent ingest, one transaction, officials merging, readers, the lock."""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import duckdb
import pytest

from core import store
from core.model import Article, Meeting, Person
from core.store import IngestBusy, batch, build_if_missing, db_version, ingest, queries, read_connection, writer_lock

XI = "शी चिनफिंग"


def person(name: str | None, key: str, country: str | None, role: str = "foreign_minister",
           name_en: str | None = None) -> Person:
    """A Person with what storage needs."""
    return Person(name=name, name_latin=name and f"latin:{name}", name_en=name_en, role=role,
                  title="विदेश मंत्री", country=country, key=key)


def fake_extractor(article: Article) -> list[Meeting]:
    """Meetings read off marker lines 'MEET <china key> <china name> ~ <counterpart> <ISO3>'."""
    out = []
    for line in article.text.split("\n"):
        if line.startswith("MEET "):
            china_name, other = line[5:].split(" ~ ")
            other_name, iso3 = other.rsplit(" ", 1)
            china = person(china_name, "xi-jinping", "CHN", "head_of_state",
                           "Xi Jinping" if len(china_name) > 5 else None)
            counterpart = person(other_name, f"{iso3}:{other_name.split()[-1]}", iso3)
            out.append(Meeting(source=article.source, article_id=article.id, china=china,
                               counterpart=counterpart, date="2024-05-01", date_precision="day",
                               weekday="wednesday", city="Beijing", place_country="CHN",
                               mode="phone", topics=("economy", "bri"), evidence=line))
    return out


def article_file(folder: Path, name: str, *meet_lines: str) -> Path:
    """A Hindi .txt article with optional MEET marker lines for fake_extractor."""
    folder.mkdir(parents=True, exist_ok=True)
    body = [f"समाचार {name}: बीजिंग में आज बातचीत हुई।", *meet_lines]
    path = folder / name
    path.write_text("\n".join(body), encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three articles: two with meetings (one person under two spellings), one with none."""
    folder = tmp_path / "in"
    article_file(folder, "a.txt", f"MEET {XI} ~ करीम मासिमोव KAZ", f"MEET {XI} ~ एर्दोगान TUR")
    article_file(folder, "b.txt", "MEET शी ~ क. मासिमोव KAZ")
    article_file(folder, "c.txt")
    return folder


@pytest.fixture(autouse=True)
def no_gazetteer(monkeypatch):
    """Two countries instead of the lead's gazetteer, which may be mid-edit."""
    monkeypatch.setattr(batch, "country_rows", lambda: [
        {"iso3": "KAZ", "name_en": "Kazakhstan", "name_hi": "कजाकिस्तान", "region": "Asia",
         "subregion": "Central Asia", "lat": 48.0, "lon": 67.0},
        {"iso3": "TUR", "name_en": "Türkiye", "name_hi": "तुर्की", "region": "Asia",
         "subregion": "Western Asia", "lat": 39.0, "lon": 35.0}])


def rows(db: Path, sql: str) -> list[tuple]:
    """All rows of a query on a read-only connection."""
    with read_connection(db) as con:
        return con.execute(sql).fetchall()


def run(paths, db: Path, **kwargs) -> store.IngestReport:
    """ingest() with the fake extractor."""
    return ingest(paths, db, extractor=fake_extractor, **kwargs)


def test_ingest_stores_articles_meetings_officials_countries_and_log(tmp_path, corpus):
    db = tmp_path / "m.duckdb"
    report = run([corpus], db)
    assert (report.read, report.new, report.duplicate, report.rejected, report.meetings_added) == (3, 3, 0, 0, 3)
    assert rows(db, "SELECT count(*) FROM articles") == [(3,)]
    [meeting] = rows(db, "SELECT china_name, counterpart_name, counterpart_country, date, weekday, "
                         "city, place_country, mode, topics FROM meetings WHERE counterpart_country = 'TUR'")
    assert meeting == (XI, "एर्दोगान", "TUR", date(2024, 5, 1), "wednesday", "Beijing", "CHN", "phone",
                       ["economy", "bri"])
    assert rows(db, "SELECT iso3, region FROM countries ORDER BY iso3") == [("KAZ", "Asia"), ("TUR", "Asia")]
    log = rows(db, "SELECT source, status, reason, meetings FROM ingest_log ORDER BY source")
    assert [(Path(s).name, st, r, m) for s, st, r, m in log] == [
        ("a.txt", "new", None, 2), ("b.txt", "new", None, 1), ("c.txt", "new", "no meeting found", 0)]


def test_meeting_ids_are_the_model_ids(tmp_path, corpus):
    db = tmp_path / "m.duckdb"
    run([corpus], db)
    expected = {m.id for p in sorted(corpus.iterdir())
                for m in fake_extractor(next(iter(batch.read_inputs([p]))))}
    assert {r[0] for r in rows(db, "SELECT id FROM meetings")} == expected


def test_reingest_is_idempotent(tmp_path, corpus):
    db = tmp_path / "m.duckdb"
    run([corpus], db)
    tables = ("articles", "meetings", "officials", "countries")
    before = {t: rows(db, f"SELECT * EXCLUDE (ingested_at) FROM {t} ORDER BY ALL") if t == "articles"
              else rows(db, f"SELECT * FROM {t} ORDER BY ALL") for t in tables}
    again = run([corpus], db)
    assert (again.new, again.duplicate, again.meetings_added) == (0, 3, 0)
    after = {t: rows(db, f"SELECT * EXCLUDE (ingested_at) FROM {t} ORDER BY ALL") if t == "articles"
             else rows(db, f"SELECT * FROM {t} ORDER BY ALL") for t in tables}
    assert after == before
    assert rows(db, "SELECT DISTINCT reason FROM ingest_log WHERE status = 'duplicate'") == [
        ("already in the database",)]


def test_the_same_text_twice_in_one_batch(tmp_path):
    one = article_file(tmp_path, "one.txt", f"MEET {XI} ~ एर्दोगान TUR")
    two = tmp_path / "two.txt"
    two.write_bytes(one.read_bytes())
    report = run([one, two], tmp_path / "m.duckdb")
    assert (report.new, report.duplicate, report.meetings_added) == (1, 1, 1)
    assert rows(tmp_path / "m.duckdb", "SELECT reason FROM ingest_log WHERE status = 'duplicate'") == [
        (f"same text as {one} in this batch",)]


def test_officials_are_merged_across_articles_and_batches(tmp_path, corpus):
    db = tmp_path / "m.duckdb"
    run([corpus / "b.txt"], db)       # first only the short forms
    assert rows(db, "SELECT name, name_en, variants FROM officials WHERE id = 'xi-jinping'") == [
        ("शी", None, ["शी"])]
    run([corpus], db)                 # then the full name and an English name
    assert rows(db, "SELECT id, name, name_latin, name_en, country, role, variants FROM officials "
                    "WHERE id = 'xi-jinping'") == [
        ("xi-jinping", XI, f"latin:{XI}", "Xi Jinping", "CHN", "head_of_state", sorted([XI, "शी"]))]
    assert rows(db, "SELECT name, variants FROM officials WHERE id = 'KAZ:मासिमोव'") == [
        ("करीम मासिमोव", sorted(["करीम मासिमोव", "क. मासिमोव"]))]
    assert rows(db, "SELECT count(*) FROM officials") == [(3,)]


def test_merge_keeps_a_known_role_over_other():
    rows_ = store.merge_officials({}, [person("अ ब", "k", "NPL", "ambassador"), person("ब", "k", "NPL", "other")])
    assert [(r["name"], r["role"], r["variants"]) for r in rows_] == [("अ ब", "ambassador", ["अ ब", "ब"])]


def test_an_extractor_crash_rejects_only_that_article(tmp_path, corpus):
    def flaky(article: Article) -> list[Meeting]:
        if article.source.endswith("b.txt"):
            raise ValueError("bad\nthing")
        return fake_extractor(article)

    db = tmp_path / "m.duckdb"
    report = ingest([corpus], db, extractor=flaky)
    assert (report.new, report.rejected, report.meetings_added) == (2, 1, 2)
    assert report.reasons == [(str(corpus / "b.txt"), "extraction failed (ValueError: bad thing)")]
    assert run([corpus], db).new == 1        # not stored, so a fixed extractor picks it up


def test_a_failing_write_leaves_the_live_file_untouched(tmp_path, corpus, monkeypatch):
    db = tmp_path / "m.duckdb"
    run([corpus / "a.txt"], db)
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    monkeypatch.setattr(queries, "INSERT_INGEST_LOG", "INSERT INTO no_such_table SELECT 1")
    with pytest.raises(duckdb.Error):
        run([corpus], db)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "m.duckdb", "m.duckdb.lock"]


def test_the_batch_is_written_only_into_the_private_copy_inside_transactions(tmp_path, corpus, monkeypatch):
    calls: list[str] = []
    opened: list[str] = []
    real_connect = duckdb.connect
    monkeypatch.setattr(batch, "CHUNK", 2)          # three articles: two chunks, each committed

    class Spy:
        def __init__(self, con): self.con = con
        def __getattr__(self, name): return getattr(self.con, name)
        def begin(self): calls.append("begin"); return self.con.begin()
        def commit(self): calls.append("commit"); return self.con.commit()
        def execute(self, sql, *args):
            if sql.lstrip().startswith(("INSERT", "DELETE")):
                calls.append("write")
            return self.con.execute(sql, *args)

    def connect(*a, **k):
        opened.append(str(a[0]) if a else "")
        return Spy(real_connect(*a, **k))

    monkeypatch.setattr(batch.duckdb, "connect", connect)
    db = tmp_path / "m.duckdb"
    run([corpus], db)
    assert opened and all(".tmp-" in path for path in opened)     # never the live file
    assert calls[0] == "begin" and calls[-1] == "commit"
    depth = 0
    for call in calls:                                              # no write outside a transaction
        depth += {"begin": 1, "commit": -1}.get(call, 0)
        assert depth in (0, 1) and (call != "write" or depth == 1)
    assert calls.count("commit") >= 2 and store.table_counts(db)["articles"] == 3


def test_stale_temp_files_are_removed(tmp_path, corpus):
    db = tmp_path / "m.duckdb"
    run([corpus / "a.txt"], db)
    for name in ("m.duckdb.tmp-1-dead", "m.duckdb.tmp-1-dead.wal"):
        (tmp_path / name).write_bytes(b"half a database")
    run([corpus], db)
    assert not list(tmp_path.glob("m.duckdb.tmp-*"))


def test_build_if_missing_reports_progress_and_builds_once(tmp_path, corpus):
    db = tmp_path / "sub" / "m.duckdb"
    seen: list[tuple[int, int]] = []
    assert build_if_missing(db, corpus, lambda done, total: seen.append((done, total)),
                            extractor=fake_extractor)
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert not build_if_missing(db, corpus, extractor=fake_extractor)
    assert rows(db, "SELECT count(*) FROM articles") == [(3,)]


def test_an_empty_batch_still_creates_the_schema(tmp_path):
    db = tmp_path / "m.duckdb"
    report = run([tmp_path / "missing"], db)
    assert report.rejected == 1
    assert rows(db, "SELECT count(*) FROM articles") == [(0,)]


def test_readers_are_read_only_and_versioned(tmp_path, corpus):
    db = tmp_path / "m.duckdb"
    assert db_version(db) == (0, 0)
    with pytest.raises(FileNotFoundError, match="no database at"):
        with read_connection(db):
            pass
    run([corpus / "a.txt"], db)
    first = db_version(db)
    with read_connection(db) as con, pytest.raises(duckdb.Error):
        con.execute("DELETE FROM articles")
    run([corpus], db)
    assert db_version(db) != first


def test_a_held_lock_makes_a_second_ingest_stop(tmp_path, corpus):
    db = tmp_path / "m.duckdb"
    with writer_lock(db, timeout=1):
        with pytest.raises(IngestBusy, match=f"another ingest is writing {db}"):
            run([corpus], db, lock_timeout=0.2)
    assert run([corpus], db).new == 3


def test_the_real_samples_ingest(tmp_path, root):
    report = ingest([root / "data" / "articles"], tmp_path / "m.duckdb")
    assert (report.read, report.new, report.rejected) == (5, 5, 0)


def test_an_extractor_failing_on_everything_stops_the_batch(tmp_path, hindi_articles):
    def broken(article: Article) -> list[Meeting]:
        raise OSError("countries.yaml: cannot read")

    db = tmp_path / "m.duckdb"
    run([article_file(tmp_path / "first", "a.txt")], db)
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    with pytest.raises(store.ExtractorBroken, match=r"extraction failed on the first 10 articles "
                       r"\(OSError: countries.yaml: cannot read\); nothing was written"):
        ingest([hindi_articles(tmp_path / "in", 30)[0].parent], db, extractor=broken)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest


def test_parallel_extraction_gives_the_sequential_result(tmp_path, root, monkeypatch):
    from core.bench import SyntheticCorpus
    from core.extract import extract_meetings
    from core.extract.reader import make_article
    synth = SyntheticCorpus(seed=11)
    articles = [make_article(f"s/{i}.txt", synth.article(i)) for i in range(40)]
    monkeypatch.setattr(batch, "PARALLEL_FROM", 5)
    parallel = list(store.parallel_outcomes(2, chunk=7)(articles))
    assert parallel == list(store.sequential_outcomes(extract_meetings)(articles))
    assert sum(map(len, parallel)) > 0

    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    ingest([root / "data" / "articles"], one)
    ingest([root / "data" / "articles"], two, workers=2)
    sql = "SELECT * EXCLUDE (source) FROM meetings ORDER BY id"
    assert rows(one, sql) == rows(two, sql) and rows(one, sql)


def test_a_live_wal_from_a_foreign_writer_stops_the_ingest(tmp_path, corpus):
    db = tmp_path / "m.duckdb"
    run([corpus / "a.txt"], db)
    db.with_name("m.duckdb.wal").write_bytes(b"someone wrote here")
    with pytest.raises(RuntimeError, match=r"m.duckdb.wal exists: the database was written outside"):
        run([corpus], db)
    assert rows(db, "SELECT count(*) FROM articles") == [(1,)]


def test_batch_log_lists_a_batch_in_input_order(tmp_path, corpus):
    db = tmp_path / "m.duckdb"
    run([corpus / "c.txt"], db)
    report = run([corpus / "b.txt", tmp_path / "missing", corpus / "c.txt"], db)
    log = store.batch_log(db, report.batch_id)
    assert [(Path(r["source"]).name, r["status"], r["reason"], r["meetings"]) for r in log] == [
        ("b.txt", "new", None, 1), ("missing", "rejected", "no such file or directory", 0),
        ("c.txt", "duplicate", "already in the database", 0)]


def test_reextract_replaces_the_meetings_of_stored_articles(tmp_path, corpus):
    db = tmp_path / "m.duckdb"
    ingest([corpus], db, extractor=fake_extractor)
    before = store.table_counts(db)
    assert before["meetings"] == 3

    def fewer(article: Article) -> list[Meeting]:     # an "improved" extractor: only Kazakhstan
        return [m for m in fake_extractor(article) if m.counterpart.country == "KAZ"]

    report = ingest([corpus], db, extractor=fewer, reextract=True)
    after = store.table_counts(db)
    assert (after["articles"], after["meetings"]) == (before["articles"], 2)
    assert report.meetings_added == 2
    with read_connection(db) as con:
        assert {r[0] for r in con.execute("SELECT counterpart_country FROM meetings").fetchall()} == {"KAZ"}


def test_reextract_keeps_an_article_whose_extraction_fails(tmp_path, corpus):
    db = tmp_path / "m.duckdb"
    ingest([corpus], db, extractor=fake_extractor)

    def broken_on_a(article: Article) -> list[Meeting]:
        if article.source.endswith("a.txt"):
            raise ValueError("boom")
        return fake_extractor(article)

    ingest([corpus], db, extractor=broken_on_a, reextract=True)
    assert store.table_counts(db)["meetings"] == 3


def test_a_read_after_a_swap_sees_the_new_file_while_another_thread_holds_the_old(tmp_path, corpus):
    """Streamlit sessions are threads of one process: one still holds a connection when an
    ingest swaps the file; the other thread's next read must see the new rows."""
    import threading
    db = tmp_path / "m.duckdb"
    run([corpus / "a.txt"], db)
    held, release, results = threading.Event(), threading.Event(), {}

    def old_session() -> None:
        with read_connection(db) as con:
            results["old"] = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            held.set()
            release.wait(30)

    def new_session() -> None:
        with read_connection(db) as con:
            results["new"] = con.execute("SELECT count(*) FROM articles").fetchone()[0]

    holder = threading.Thread(target=old_session)
    holder.start()
    assert held.wait(30)
    run([corpus], db)                       # swaps a new file in while the old one is open
    reader = threading.Thread(target=new_session)
    reader.start()
    reader.join(30)
    release.set()
    holder.join(30)
    assert results["old"] == 1
    assert results["new"] == store.table_counts(db)["articles"] > 1


@pytest.mark.parametrize("content", [b"this is not a database", b""])
def test_a_file_that_is_no_database_is_named_in_one_line(tmp_path, content):
    db = tmp_path / "notes.duckdb"
    db.write_bytes(content)
    with pytest.raises(store.DatabaseUnreadable, match="is not a readable meetings database"):
        with read_connection(db):
            pass


def test_a_directory_is_no_database(tmp_path):
    with pytest.raises(store.DatabaseUnreadable, match="is a directory"):
        with read_connection(tmp_path):
            pass


def test_the_swap_keeps_the_file_mode(tmp_path, corpus):
    db = tmp_path / "m.duckdb"
    run([corpus / "a.txt"], db)
    db.chmod(0o600)
    run([corpus], db)
    assert db.stat().st_mode & 0o777 == 0o600


def test_a_symlinked_database_stays_a_link_and_its_target_is_written(tmp_path, corpus):
    target = tmp_path / "real" / "m.duckdb"
    target.parent.mkdir()
    run([corpus / "a.txt"], target)
    link = tmp_path / "link.duckdb"
    link.symlink_to(target)
    run([corpus], link)
    assert link.is_symlink() and link.resolve() == target
    assert store.table_counts(target)["articles"] > 1


def test_an_article_over_the_time_budget_is_rejected_and_the_batch_goes_on(tmp_path, corpus, monkeypatch):
    import time as clock

    def slow_on_a(article: Article) -> list[Meeting]:
        if article.source.endswith("a.txt"):
            clock.sleep(5)
        return fake_extractor(article)

    monkeypatch.setattr(batch, "ARTICLE_BUDGET", 0.2)
    report = ingest([corpus], tmp_path / "m.duckdb", extractor=slow_on_a)
    reasons = dict(report.reasons)
    assert reasons[str(corpus / "a.txt")] == "extraction failed (took over 0.2 s)"
    assert report.new >= 1


def test_articles_keep_url_outlet_and_agency(tmp_path):
    folder = tmp_path / "paper"
    folder.mkdir()
    (folder / "a.txt").write_text(" url https://www.example.com/x\nबीजिंग, 31 अगस्त (आईएएनएस)। चीनी विदेश मंत्री वांग यी ने "
                                  "नेपाल के विदेश मंत्री से मुलाकात की।", encoding="utf-8")
    db = tmp_path / "m.duckdb"
    run([folder], db)
    assert rows(db, "SELECT url, outlet, agency FROM articles") == [("https://www.example.com/x", "example.com", "IANS")]


def test_a_fresh_and_an_incremental_build_give_the_same_events(tmp_path, corpus):
    whole, parts = tmp_path / "whole.duckdb", tmp_path / "parts.duckdb"
    run([corpus], whole)
    for name in sorted(p.name for p in corpus.iterdir()):
        run([corpus / name], parts)
    query = "SELECT * FROM events ORDER BY event_id"
    assert rows(whole, query) == rows(parts, query) and rows(whole, query)
    assert rows(whole, "SELECT count(*) FROM meetings WHERE event_id IS NULL") == [(0,)]
