"""Golden files: the five shipped sample articles against their gold annotations."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.evaluate import field_scores, load, match, prf
from core.extract import extract_meetings
from core.extract.reader import read_inputs

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev"
DEV_GOLD = ROOT.parent / "shared" / "eval" / "dev_gold.jsonl"


def _system(folder: Path) -> list[dict]:
    records = []
    for article in read_inputs([folder]):
        if hasattr(article, "text"):
            records += [m.contract() for m in extract_meetings(article)]
    return json.loads(json.dumps(records))


def test_samples_match_their_gold_exactly():
    golds, systems = load(ROOT / "tests" / "golden" / "seeds_gold.jsonl"), _system(ROOT / "data" / "articles")
    pairs = match(golds, systems)
    assert prf(len(pairs), len(golds), len(systems))[2] == 1.0
    scores = field_scores(golds, systems, pairs)
    for name in ("date", "place", "role", "mode"):
        assert getattr(scores, name).value() == 1.0, name
    assert scores.topics >= 0.7


@pytest.mark.skipif(not DEV_GOLD.exists(), reason="../shared/eval is not beside this checkout")
def test_dev_set_f1():
    golds, systems = load(DEV_GOLD), _system(DEV)
    assert prf(len(match(golds, systems)), len(golds), len(systems))[2] >= 0.9
