"""Issue 4, concurrent use: two ingests at once, and a reader process while one writes.

Real `python -m core ingest` processes; the reader is a real second process using
core.store.read_connection, exactly as the dashboard does. A paused ingest (the
test-only CORE_INGEST_TEST_PAUSE hook) resumes when <db>.resume appears.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from core.store import PAUSE_ENV


def resume(db: Path) -> None:
    """Let a paused ingest of db go on."""
    db.with_name(db.name + ".resume").touch()


def _paused_first_ingest(tmp_path, sample_db, popen_core, hindi_articles, watch_stderr, db_snapshot):
    """Two folders of 30 articles (a, b); an ingest of a paused inside its transaction, and the DB before."""
    hindi_articles(tmp_path / "a", 30)
    hindi_articles(tmp_path / "b", 30, start=100)
    before = db_snapshot(sample_db)
    first = popen_core("ingest", tmp_path / "a", "--db", sample_db, "--quiet",
                       env={PAUSE_ENV: "in-transaction:120"})
    watch_stderr(first)("PAUSED in-transaction", timeout=120)
    return first, before


def test_a_second_ingest_stops_with_a_clear_message(tmp_path, sample_db, popen_core, run_core,
                                                    hindi_articles, watch_stderr, db_snapshot):
    first, before = _paused_first_ingest(tmp_path, sample_db, popen_core, hindi_articles, watch_stderr,
                                         db_snapshot)

    second = run_core("ingest", tmp_path / "b", "--db", sample_db, "--lock-timeout", "0.3", timeout=120)
    assert second.returncode == 1
    assert second.stderr.strip() == (f"error: another ingest is writing {sample_db}; "
                                     "try again when it has finished")
    assert db_snapshot(sample_db) == before

    resume(sample_db)
    assert first.wait(timeout=120) == 0
    assert "new: 30" in first.stdout.read().splitlines()
    first.stdout.close()
    after = db_snapshot(sample_db)
    assert len(after["articles"]) == len(before["articles"]) + 30
    assert not list(tmp_path.glob("m.duckdb.tmp-*"))


def test_a_second_ingest_waits_for_the_first(tmp_path, sample_db, popen_core, hindi_articles,
                                             watch_stderr, db_snapshot):
    first, before = _paused_first_ingest(tmp_path, sample_db, popen_core, hindi_articles, watch_stderr,
                                         db_snapshot)
    second = popen_core("ingest", tmp_path / "b", "--db", sample_db, "--quiet", "--lock-timeout", "120")
    time.sleep(1.0)
    assert second.poll() is None                  # still waiting for the lock
    assert db_snapshot(sample_db) == before
    resume(sample_db)
    assert first.wait(timeout=120) == 0
    assert second.wait(timeout=120) == 0, second.stderr.read()
    for proc in (first, second):
        assert "new: 30" in proc.stdout.read().splitlines()
        proc.stdout.close()
    second.stderr.close()
    assert len(db_snapshot(sample_db)["articles"]) == len(before["articles"]) + 60


READER = textwrap.dedent("""
    import json, sys, time
    from core.store import read_connection
    db, target, limit = sys.argv[1], int(sys.argv[2]), time.monotonic() + float(sys.argv[3])
    counts, errors, reads, reads_after = [], [], 0, 0
    while time.monotonic() < limit and reads_after < 20:
        try:
            with read_connection(db) as con:
                n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
                con.execute("SELECT * FROM ingest_log ORDER BY rowid DESC LIMIT 5").fetchall()
            reads += 1
            if not counts or counts[-1] != n:
                counts.append(n)
            reads_after += n == target
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
        if reads == 1:
            print("READY", file=sys.stderr, flush=True)
        time.sleep(0.005)
    print(json.dumps({"counts": counts, "reads": reads, "errors": errors[:5], "n_errors": len(errors)}))
""")


def test_a_reader_process_sees_no_lock_error_and_then_the_new_rows(tmp_path, root, sample_db,
                                                                   popen_core, hindi_articles,
                                                                   watch_stderr, db_snapshot):
    hindi_articles(tmp_path / "a", 50)
    before = len(db_snapshot(sample_db)["articles"])
    reader = subprocess.Popen([sys.executable, "-c", READER, str(sample_db), str(before + 50), "120"],
                              cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watch_stderr(reader)("READY", timeout=60)

    writer = popen_core("ingest", tmp_path / "a", "--db", sample_db, "--quiet",
                        env={PAUSE_ENV: "in-transaction:120"})
    watch_stderr(writer)("PAUSED in-transaction", timeout=120)
    time.sleep(0.5)                               # the reader keeps reading during the write
    resume(sample_db)
    assert writer.wait(timeout=120) == 0
    writer.stdout.close()
    assert reader.wait(timeout=120) == 0
    result = json.loads(reader.stdout.read())
    reader.stdout.close()

    assert result["n_errors"] == 0, result["errors"]
    assert result["counts"] == [before, before + 50]
    assert result["reads"] > 20
