"""Shared fixtures: paths, the shared eval folder, runners of `python -m core`.

Keep fixtures generic; other test modules append their own below.
"""
from __future__ import annotations

import os
import subprocess
import sys
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
