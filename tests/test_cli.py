"""python -m core: ingest, extract, export and evaluate as real subprocesses."""
from __future__ import annotations

import json

import pytest

from core import cli

CONTRACT_KEYS = {"source", "china", "counterpart", "date", "date_precision", "weekday", "date_text",
                 "location", "mode", "topics", "evidence"}


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
        f"skipped {tmp_path / 'notes.md'}: skipped: not a .txt, .jsonl or .csv file",
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
