"""Shared fixtures: paths, the shared eval folder, runners of `python -m core`.

Keep fixtures generic; other test modules append their own below.
"""
from __future__ import annotations

import hashlib
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "data" / "articles"


@pytest.fixture(scope="session")
def root() -> Path:
    """The project folder."""
    return ROOT


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (eval gold, scorer, corpora); the test is skipped when it is absent."""
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip("../shared is not present")
    return SHARED


def _run_core(*args: str | os.PathLike, env: dict | None = None, timeout: float = 60,
              cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run `python -m core ARGS` in a subprocess and capture its text output."""
    return subprocess.run([sys.executable, "-m", "core", *map(str, args)], cwd=cwd,
                          env={**os.environ, **(env or {})}, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout)


def _popen_core(*args: str | os.PathLike, env: dict | None = None) -> subprocess.Popen:
    """Start `python -m core ARGS` in the background, stdout and stderr as pipes."""
    return subprocess.Popen([sys.executable, "-m", "core", *map(str, args)], cwd=ROOT,
                            env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")


@pytest.fixture(scope="session")
def run_core():
    """run_core(*args, env=None, timeout=60) -> CompletedProcess of `python -m core ARGS`."""
    return _run_core


@pytest.fixture(scope="session")
def popen_core():
    """popen_core(*args, env=None) -> a running `python -m core ARGS` (text pipes)."""
    return _popen_core


def _write_hindi_articles(folder: Path, n: int, start: int = 0) -> list[Path]:
    """n distinct short Hindi news articles with no meeting in them, as .txt files."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        path = folder / f"article_{i:05d}.txt"
        path.write_text(f"लखनऊ, {i % 28 + 1} मार्च। शहर में आज मौसम साफ रहा और तापमान {20 + i % 15} डिग्री "
                        f"दर्ज किया गया। नगर निगम ने सड़क संख्या {i} की मरम्मत का काम शुरू किया।\n"
                        "स्थानीय लोगों ने कहा कि काम जल्दी पूरा होना चाहिए।\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="session")
def hindi_articles():
    """hindi_articles(folder, n, start=0) -> paths of n distinct Hindi .txt articles."""
    return _write_hindi_articles


def _watch_stderr(proc: subprocess.Popen):
    """wait(text, timeout=30): block until a stderr line of proc contains text, else fail."""
    lines: queue.Queue = queue.Queue()

    def pump() -> None:
        for line in proc.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()

    def wait(text: str, timeout: float = 30) -> None:
        deadline, seen = time.monotonic() + timeout, []
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            seen.append(line)
            if text in line:
                return
        pytest.fail(f"never saw {text!r} on stderr; last lines: {seen[-5:]}")

    return wait


@pytest.fixture(scope="session")
def watch_stderr():
    """watch_stderr(proc) -> wait(text, timeout=30), reading proc's stderr in a thread."""
    return _watch_stderr


def _db_snapshot(db: Path) -> dict:
    """Digest, row ids and log size of a database: what 'nothing changed' is compared on."""
    import duckdb
    con = duckdb.connect(str(db), read_only=True)
    try:
        ids = {t: sorted(r[0] for r in con.execute(f"SELECT id FROM {t}").fetchall())
               for t in ("articles", "meetings", "officials")}
        log = con.execute("SELECT count(*) FROM ingest_log").fetchone()[0]
    finally:
        con.close()
    return {"sha256": hashlib.sha256(db.read_bytes()).hexdigest(), **ids, "log": log}


@pytest.fixture(scope="session")
def db_snapshot():
    """db_snapshot(db) -> {'sha256', 'articles', 'meetings', 'officials', 'log'} of a database file."""
    return _db_snapshot


@pytest.fixture(scope="session")
def _sample_db_template(tmp_path_factory) -> Path:
    """The five sample articles ingested once per run (real extractor, real gazetteer)."""
    from core.store import ingest
    db = tmp_path_factory.mktemp("sample_db") / "samples.duckdb"
    ingest([SAMPLES], db)
    return db


@pytest.fixture
def sample_db(_sample_db_template, tmp_path) -> Path:
    """A fresh copy of the sample database at tmp_path / 'm.duckdb'."""
    import shutil
    db = tmp_path / "m.duckdb"
    shutil.copyfile(_sample_db_template, db)
    return db
