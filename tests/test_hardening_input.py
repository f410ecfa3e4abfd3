"""Issue 4, input: bad files get one-line reasons and lose nothing; a killed ingest changes nothing.

Every test works on real files on disk and real `python -m core ingest` processes.
"""
from __future__ import annotations

import json
import os
import random
import signal
import time
from pathlib import Path

import pytest

from core.store import PAUSE_ENV, ingest, read_connection

HINDI = "काठमांडू, 5 मई। नेपाल में आज मौसम साफ रहा और किसानों ने धान की बुआई शुरू की।"
KRUTIDEV = "Hkkjr ds iz/kkuea=h us phu ds fons'k ea=h ls eqykdkr dhA nksuksa ns'kksa ds chp ppkZ gqbZA"


def bad_inputs(folder: Path) -> dict[str, str]:
    """Every class of bad input as a real file; returns source -> the expected reason."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)))
    (folder / "cp1252.txt").write_bytes("Na\u00efve caf\u00e9 \u2013 \u201cnews\u201d".encode("cp1252"))
    (folder / "krutidev.txt").write_text(KRUTIDEV, encoding="utf-8")
    (folder / "english.txt").write_text("Only English text here, nothing in Hindi.", encoding="utf-8")
    with (folder / "huge.txt").open("wb") as handle:
        line = (HINDI + "\n").encode()
        handle.write(line * (50 * 2**20 // len(line) + 1))
    (folder / "feed.jsonl").write_text(
        json.dumps({"text": HINDI + " एक"}, ensure_ascii=False) + "\n{not json\n"
        + json.dumps({"content": HINDI + " दो", "published": "2020-05-05"}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    (folder / "nocol.csv").write_text("title,url\nएक,https://example.org\n", encoding="utf-8")
    (folder / "utf16.txt").write_bytes((HINDI + " तीन").encode("utf-16"))
    (folder / "bom.txt").write_bytes((HINDI + " चार").encode("utf-8-sig"))
    (folder / "plain.txt").write_text(HINDI + " पांच", encoding="utf-8")
    return {
        "binary.txt": "binary file (contains NUL bytes), not text",
        "cp1252.txt": "not UTF-8 (looks like Windows-1252); re-save as UTF-8",
        "empty.txt": "empty file",
        "english.txt": "no Devanagari text (not Hindi)",
        "feed.jsonl#2": "malformed JSON line (Expecting property name enclosed in double quotes at column 2)",
        "huge.txt": "too large for one article (50.0 MB > 5 MB); split it or use .jsonl",
        "krutidev.txt": "looks like Hindi in a legacy font encoding (Krutidev); convert to Unicode first",
        "nocol.csv": "CSV has no text column (expected one of: text, content, body, article; found: title, url)",
    }


def test_every_bad_input_gets_its_reason_and_the_rest_is_ingested(tmp_path, run_core):
    expected = bad_inputs(tmp_path / "in")
    missing = tmp_path / "missing.txt"
    db = tmp_path / "m.duckdb"
    done = run_core("ingest", tmp_path / "in", missing, "--db", db)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    # 5 good articles (two JSONL lines, UTF-16, BOM, plain), 9 rejected inputs
    for line in ("articles read: 14", "new: 5", "duplicate: 0", "rejected: 9"):
        assert line in out.splitlines(), out
    expected = {str(tmp_path / "in" / k): v for k, v in expected.items()}
    expected[str(missing)] = "no such file or directory"
    for source, reason in expected.items():
        assert f"  {source}: {reason}" in out.splitlines()
    for good in ("feed.jsonl#1", "feed.jsonl#3", "utf16.txt", "bom.txt", "plain.txt"):
        assert f"  {tmp_path / 'in' / good}: no meeting found" in out.splitlines()
    with read_connection(db) as con:
        log = dict(con.execute("SELECT source, reason FROM ingest_log WHERE status = 'rejected'").fetchall())
        assert log == expected
        statuses = con.execute("SELECT status, count(*) FROM ingest_log GROUP BY ALL ORDER BY ALL").fetchall()
        assert statuses == [("new", 5), ("rejected", 9)]
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (5,)
        assert con.execute("SELECT count(*) FROM ingest_log WHERE status = 'new' AND reason = "
                           "'no meeting found'").fetchone() == (5,)


@pytest.mark.parametrize("point", ["in-transaction", "before-replace"])
def test_sigkill_mid_ingest_leaves_the_database_as_it_was(tmp_path, sample_db, popen_core,
                                                          hindi_articles, watch_stderr, db_snapshot,
                                                          point):
    batch = tmp_path / "batch"
    hindi_articles(batch, 200)
    bad_inputs(batch / "bad")
    before = db_snapshot(sample_db)

    proc = popen_core("ingest", batch, "--db", sample_db, "--quiet", env={PAUSE_ENV: f"{point}:120"})
    watch_stderr(proc)(f"PAUSED {point}", timeout=120)
    assert list(tmp_path.glob("m.duckdb.tmp-*")), "the batch should be in a temp copy"
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    proc.stdout.close()

    assert db_snapshot(sample_db) == before

    report = ingest([batch], sample_db)          # running the same ingest again completes it
    assert (report.new, report.rejected) == (205, 8)  # 200 + the 5 good ones among the bad files
    after = db_snapshot(sample_db)
    assert set(before["articles"]) < set(after["articles"])
    assert len(after["articles"]) == len(before["articles"]) + 205
    assert not list(tmp_path.glob("m.duckdb.tmp-*"))


def children(pid: int) -> list[int]:
    """Ids of the live child processes of pid (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_sigkill_at_an_arbitrary_moment_gives_all_or_nothing(tmp_path, sample_db, popen_core,
                                                            hindi_articles, db_snapshot):
    """No test hook: kill a real 1,500-article ingest while its extraction workers run."""
    batch = tmp_path / "batch"
    hindi_articles(batch, 1500)
    before = db_snapshot(sample_db)
    proc = popen_core("ingest", batch, "--db", sample_db, "--quiet")
    deadline = time.monotonic() + 120
    # a resource tracker and two workers: the batch is being extracted in the temp copy's shadow
    while len(children(proc.pid)) < 3 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(random.Random(7).uniform(0.1, 1.0))
    workers = children(proc.pid)
    assert len(workers) >= 2 and list(tmp_path.glob("m.duckdb.tmp-*"))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()], "extraction workers outlived the ingest"
    middle = db_snapshot(sample_db)
    assert middle == before or len(middle["articles"]) == len(before["articles"]) + 1500
    ingest([batch], sample_db)
    assert len(db_snapshot(sample_db)["articles"]) == len(before["articles"]) + 1500
