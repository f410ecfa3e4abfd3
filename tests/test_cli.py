"""python -m core: ingest, extract, export and evaluate as real subprocesses."""
from __future__ import annotations

import json

import pytest

from core import cli

CONTRACT_KEYS = {"source", "china", "counterpart", "date", "date_precision", "weekday", "date_text",
                 "location", "mode", "topics", "evidence", "confidence", "confidence_reasons"}


def test_ingest_prints_the_summary_and_is_idempotent(tmp_path, root, run_core):
    db = tmp_path / "m.duckdb"
    missing = tmp_path / "missing.txt"
    first = run_core("ingest", root / "data" / "articles", missing, "--db", db, timeout=120)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[:6] == [f"database: {db}", "articles read: 6", "new: 5", "duplicate: 0",
                         "rejected: 1", "skipped: 0"]
    assert lines[6].startswith("meetings added: ") and int(lines[6].split(": ")[1]) > 0
    assert f"  {missing}: no such file or directory" in lines
    assert first.stderr == ""                       # no progress bar for 6 items off a TTY
    assert not [line for line in lines if line.endswith("no meeting found")]   # every sample has one

    again = run_core("ingest", root / "data" / "articles", "--db", db, timeout=120)
    assert again.stdout.splitlines()[1:7] == ["articles read: 5", "new: 0", "duplicate: 5",
                                              "rejected: 0", "skipped: 0", "meetings added: 0"]


def test_extract_prints_contract_records(root, run_core):
    done = run_core("extract", root / "data" / "articles", timeout=120)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert records, "the samples report meetings"
    for record in records:
        assert set(record) == CONTRACT_KEYS
        assert 0 < record["confidence"] <= 1 and isinstance(record["confidence_reasons"], list)
        assert record["source"].startswith(str(root / "data" / "articles"))
    assert any("\u0900" <= ch <= "\u097f" for ch in done.stdout)   # ensure_ascii=False


def test_extract_reports_rejections_on_stderr(tmp_path, run_core):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.md").write_text("notes", encoding="utf-8")
    done = run_core("extract", tmp_path, tmp_path / "missing.txt")
    assert done.returncode == 0
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"rejected {tmp_path / 'empty.txt'}: empty file",
        f"skipped {tmp_path / 'notes.md'}: not a .txt, .jsonl or .csv file",
        f"rejected {tmp_path / 'missing.txt'}: no such file or directory",
    ]


def test_evaluate_needs_existing_files(tmp_path, run_core):
    done = run_core("evaluate", tmp_path / "gold.jsonl", tmp_path / "system.jsonl")
    assert done.returncode == 1
    assert done.stderr.strip() == f"error: no such file: {tmp_path / 'gold.jsonl'}"


def test_usage_errors_exit_2(run_core):
    assert run_core("ingest").returncode == 2
    assert run_core("frobnicate").returncode == 2


@pytest.mark.parametrize("total, shown", [(10, False), (cli.LARGE_INPUT, True)])
def test_progress_bar_only_on_large_input_off_a_tty(capsys, total, shown):
    progress, close = cli._progress_bar(enabled=True)
    for done in range(total + 1):
        progress(done, total)
    close()
    err = capsys.readouterr().err
    assert (f"{total}/{total}" in err) is shown


# ------------------------------------------------------------------ export

def export_df(db, **filters):
    """What the dashboard's query returns for these filters."""
    from core.store import read_connection
    from core.store.filters import Filters
    from core.store.queries import filtered_meetings
    with read_connection(db) as con:
        return filtered_meetings(con, Filters(**filters))


def test_export_csv_is_the_dashboard_download(sample_db, run_core):
    from core.views.export import to_csv_bytes
    done = run_core("export", "--db", sample_db, "--format", "csv", "--level", "reports",
                    "--out", sample_db.with_suffix(".csv"))
    assert done.returncode == 0, done.stderr
    df = export_df(sample_db)
    assert len(df) > 0
    assert done.stderr.strip() == f"exported {len(df)} meetings to {sample_db.with_suffix('.csv')}"
    data = sample_db.with_suffix(".csv").read_bytes()
    assert data.startswith("\ufeff".encode()) and data == to_csv_bytes(df)


def test_export_jsonl_with_filters_to_stdout(sample_db, run_core):
    df = export_df(sample_db)
    country, topic = df["country"].dropna().iloc[0], df["topics"].iloc[0][0]
    done = run_core("export", "--db", sample_db, "--format", "jsonl", "--level", "reports", "--country", country.lower(),
                    "--topic", topic, "--from", "2000-01-01", "--to", "2030-12-31", "--script", "en")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    from datetime import date
    expected = export_df(sample_db, countries=(country,), topics=(topic,), date_from=date(2000, 1, 1),
                         date_to=date(2030, 12, 31), script="en")
    assert [r["id"] for r in rows] == list(expected["id"]) and rows
    assert all(r["country"] == country and topic in r["topics"] for r in rows)


def test_export_search_text_is_just_text(sample_db, run_core):
    done = run_core("export", "--db", sample_db, "--format", "jsonl", "--search", "'; DROP TABLE meetings; --")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr.strip() == "exported 0 events"
    assert len(export_df(sample_db)) > 0


def test_export_parquet_keeps_list_columns(sample_db, run_core):
    import pandas as pd
    out = sample_db.with_suffix(".parquet")
    done = run_core("export", "--db", sample_db, "--format", "parquet", "--level", "reports", "--out", out,
                    "--mode", "in_person")
    assert done.returncode == 0, done.stderr
    back = pd.read_parquet(out)
    assert list(back["id"]) == list(export_df(sample_db, modes=("in_person",))["id"])
    assert all(len(t) >= 0 for t in back["topics"])


def test_export_neutralises_formulas(tmp_path, run_core):
    from core.model import Meeting, Person
    from core.store import ingest
    article = tmp_path / "a.txt"
    article.write_text("बीजिंग में आज बैठक हुई।", encoding="utf-8")

    def hostile(art):
        side = Person(name="=HYPERLINK(\"http://x\")", name_latin="@SUM(A1)", name_en=None,
                      role="minister", title="+1", country="NPL", key="npl:x")
        china = Person(name="-2+3", name_latin=None, name_en=None, role="minister", title=None,
                       country="CHN", key="chn:y")
        return [Meeting(source=art.source, article_id=art.id, china=china, counterpart=side,
                        evidence="=cmd|' /C calc'!A0")]

    db = tmp_path / "m.duckdb"
    ingest([article], db, extractor=hostile)
    done = run_core("export", "--db", db, "--format", "csv", "--level", "reports", "--script", "deva")
    text = done.stdout
    for cell in ("'=HYPERLINK", "'-2+3", "'+1", "'=cmd|"):
        assert cell in text
    assert ",=" not in text and ",+" not in text and ",-" not in text


def test_export_errors(tmp_path, sample_db, run_core):
    assert run_core("export", "--db", sample_db, "--format", "parquet").returncode == 2
    assert run_core("export", "--db", sample_db, "--format", "csv", "--country", "K1").returncode == 2
    assert run_core("export", "--db", sample_db, "--format", "csv", "--from", "2020-13-01").returncode == 2
    missing = run_core("export", "--db", tmp_path / "none.duckdb", "--format", "csv")
    assert missing.returncode == 1
    assert missing.stderr.strip() == (f"error: no database at {tmp_path / 'none.duckdb'}; "
                                      "run `python -m core ingest` first")


# ------------------------------------------------------------------ bench

def test_bench_prints_its_table(tmp_path, run_core, hindi_articles):
    hindi_articles(tmp_path / "real" / "paper", 12)
    done = run_core("bench", "--articles", "40", "--extract-articles", "30", "--corpus", tmp_path / "real",
                    timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split()[:5] == ["benchmark", "articles", "seconds", "art/s", "meetings"]
    rows = {line.split("  ")[0].strip(): line for line in lines[2:] if line and not line.startswith(("gaz", "gen"))}
    assert rows.keys() == {"extract, synthetic (1 process)", "extract, real (1 process)",
                           *(f"extract, one {kb} KB sentence without a danda" for kb in (8, 16, 32, 64)),
                           "extract, one article of 5,000 meeting sentences",
                           "ingest, synthetic -> fresh DuckDB (CLI, end to end)",
                           "events, rebuilt from 400 synthetic meetings"}
    assert " 12 " in rows["extract, real (1 process)"] and "new 40;" in rows[
        "ingest, synthetic -> fresh DuckDB (CLI, end to end)"]


def test_the_synthetic_corpus_is_reproducible():
    from core.bench import SyntheticCorpus
    one, two, other = SyntheticCorpus(5), SyntheticCorpus(5), SyntheticCorpus(6)
    texts = [one.article(i) for i in range(30)]
    assert texts == [two.article(i) for i in range(30)]
    assert texts != [other.article(i) for i in range(30)]
    assert one.planted > 0 and all(any("\u0900" <= c <= "\u097f" for c in t) for t in texts)


def test_long_reason_lists_are_capped():
    from core.store import IngestReport
    report = IngestReport("b", "db", reasons=[(f"s{i}", "empty file") for i in range(cli.SHOWN + 3)],
                          no_meeting=["x.txt"])
    lines = cli.format_report(report).splitlines()
    assert f"  s{cli.SHOWN - 1}: empty file" in lines and f"  s{cli.SHOWN}: empty file" not in lines
    assert "  ... and 3 more rejected or skipped (all in the ingest_log table)" in lines
    assert "  x.txt: no meeting found" in lines


def test_an_ingest_that_stores_nothing_and_rejects_something_exits_3(tmp_path, run_core):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG not text")
    done = run_core("ingest", bad, "--db", tmp_path / "m.duckdb")
    assert done.returncode == cli.NOTHING_INGESTED
    assert f"  {bad}: binary file (PNG), not text" in done.stdout.splitlines()


@pytest.mark.parametrize("content", [b"some notes, not a database", b"DUCK" * 4096])
def test_ingest_into_a_file_that_is_no_database_says_so_in_one_line(tmp_path, root, run_core, content):
    db = tmp_path / "notes.duckdb"
    db.write_bytes(content)
    done = run_core("ingest", root / "data" / "articles", "--db", db, timeout=120)
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: {db} is not a meetings database") and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert db.read_bytes() == content                     # nothing was changed


def test_ingest_into_a_directory_says_so(tmp_path, root, run_core):
    done = run_core("ingest", root / "data" / "articles", "--db", tmp_path, timeout=120)
    assert done.returncode == 1 and done.stderr == f"error: {tmp_path} is a directory, not a meetings database\n"


def test_export_from_a_file_that_is_no_database_says_so(tmp_path, run_core):
    db = tmp_path / "notes.duckdb"
    db.write_text("not a database")
    done = run_core("export", "--db", db, "--format", "csv")
    assert done.returncode == 1 and "is not a readable meetings database" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("where", ["missing-folder/out.csv", "."])
def test_export_into_a_missing_folder_or_onto_a_directory_says_so(tmp_path, sample_db, run_core, where):
    out = tmp_path / where
    done = run_core("export", "--db", sample_db, "--format", "csv", "--out", out)
    assert done.returncode == 2 and done.stderr.startswith(f"error: --out {out}")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("options", "said"), [
    (["--country", "ZZZ"], "country='ZZZ'"),
    (["--region", "asia"], "region='asia'"),
    (["--china", "bogus"], "china='bogus'"),
    (["--from", "2025-01-01", "--to", "2024-01-01"], "swapped"),
    (["--search", "\x01\x02"], "nothing to search for"),
])
def test_export_names_a_filter_value_that_cannot_match(sample_db, run_core, options, said):
    done = run_core("export", "--db", sample_db, "--format", "csv", *options)
    assert done.returncode == 2 and said in done.stderr and "Nothing was exported." in done.stderr
    assert done.stdout == ""


def test_more_workers_than_cores_are_capped(tmp_path, root, run_core):
    done = run_core("ingest", root / "data" / "articles", "--db", tmp_path / "m.duckdb", "--workers", "64",
                    timeout=120)
    assert done.returncode == 0 and "using" in done.stderr and "cores here" in done.stderr


def test_a_newline_in_a_file_name_stays_on_its_report_line(tmp_path, run_core):
    odd = tmp_path / "two\nlines.txt"
    odd.write_bytes(b"")
    done = run_core("ingest", odd, "--db", tmp_path / "m.duckdb")
    assert f"  {tmp_path}/two\\nlines.txt: empty file" in done.stdout.splitlines()



def test_export_events_gives_one_line_per_meeting_reported_three_times(tmp_path, run_core):
    sentence = "चीनी विदेश मंत्री वांग यी ने 3 मई 2024 को नेपाल के विदेश मंत्री नारायण काजी श्रेष्ठ से मुलाकात की।"
    for n, (outlet, lead) in enumerate([("अखबार एक", "बीजिंग, 3 मई (आईएएनएस)।"), ("अखबार दो", "काठमांडू।"),
                                        ("अखबार तीन", "नई दिल्ली।")]):
        folder = tmp_path / "in" / f"o{n}"
        folder.mkdir(parents=True)
        (folder / "a.txt").write_text(f" date 2024-05-04\n outlet {outlet}\n{lead} {sentence} यह खबर {n} है।",
                                      encoding="utf-8")
    db = tmp_path / "m.duckdb"
    assert run_core("ingest", tmp_path / "in", "--db", db, timeout=120).returncode == 0
    done = run_core("export", "--db", db, "--format", "jsonl")
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["reports"] == 3 and len(rows[0]["article_ids"]) == 3
    assert sorted(rows[0]["outlets"]) == ["अखबार एक", "अखबार तीन", "अखबार दो"]
    assert rows[0]["date"] == "2024-05-03" and rows[0]["china_id"] == "gz:wang-yi"
    reports = run_core("export", "--db", db, "--format", "jsonl", "--level", "reports")
    assert len(reports.stdout.splitlines()) == 3
