"""core.evaluate prints exactly what ../shared/eval/score.py prints."""
from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from core.evaluate import evaluate, norm_deva, norm_latin, prf, same_source


def as_system(gold: dict) -> dict:
    """A system record from a gold record: the first name form of each side."""
    record = copy.deepcopy(gold)
    for side in ("china", "counterpart"):
        names = record[side].pop("names")
        record[side]["name"] = names[0] if names else None
    return record


def perturbed(golds: list[dict], seed: int) -> list[dict]:
    """System records with misses, spurious records and wrong fields, reproducibly."""
    rng = random.Random(seed)
    out = []
    for gold in golds:
        record = as_system(gold)
        roll = rng.random()
        if roll < 0.15:
            continue                                            # missed
        if roll < 0.3:
            record["counterpart"]["country"] = "XXX"            # wrong country: loose match only
        elif roll < 0.45:
            record["date"], record["weekday"] = "1999-01-01", "friday"
        elif roll < 0.6:
            record["china"]["role"] = "other"
            record["location"] = {"city": "Nowhere", "country": None}
        elif roll < 0.7:
            record["counterpart"]["name_en"] = None
            record["counterpart"]["name"] = "कोई और"             # no match at all
        record["topics"] = rng.sample(["economy", "security", "bri", "health"], rng.randint(0, 2))
        record["mode"] = rng.choice(["in_person", "in_person", "phone"])
        out.append(record)
    out.append({"source": "nowhere.txt", "china": {"name": "शी"}, "counterpart": {"name": "क"}})
    rng.shuffle(out)
    return out


def write_jsonl(path: Path, records: list[dict]) -> Path:
    """Records as JSON lines."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def score_py(shared: Path, gold: Path, system: Path, *flags: str) -> list[str]:
    """The reference scorer's printed lines."""
    done = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(gold), str(system), *flags],
                          capture_output=True, text=True, encoding="utf-8", check=True)
    return done.stdout.splitlines()


def gold_files(shared: Path) -> list[Path]:
    """Every gold file beside the scorer."""
    return sorted((shared / "eval").glob("*_gold.jsonl"))


@pytest.mark.parametrize("case", ["identical", "empty", "perturbed-1", "perturbed-2", "perturbed-3"])
@pytest.mark.parametrize("verbose", [False, True])
def test_same_lines_as_score_py(shared, tmp_path, case, verbose):
    for gold in gold_files(shared):
        golds = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
        if case == "identical":
            records = [as_system(g) for g in golds]
        elif case == "empty":
            records = []
        else:
            records = perturbed(golds, seed=int(case[-1]))
        system = write_jsonl(tmp_path / f"{gold.stem}.{case}.jsonl", records)
        flags = ("--verbose",) if verbose else ()
        assert evaluate(gold, system, verbose=verbose) == score_py(shared, gold, system, *flags)


def test_cli_evaluate_matches_score_py_on_extracted_samples(shared, tmp_path, root, run_core):
    extracted = run_core("extract", root / "data" / "articles", timeout=120)
    assert extracted.returncode == 0, extracted.stderr
    system = tmp_path / "out.jsonl"
    system.write_text(extracted.stdout, encoding="utf-8")
    gold = shared / "eval" / "seeds_gold.jsonl"
    done = run_core("evaluate", gold, system, "--verbose")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == score_py(shared, gold, system, "--verbose")


# ------------------------------------------------------------------ without ../shared

GOLD = [
    {"source": "a.txt", "china": {"names": ["शी चिनफिंग", "शी"], "name_en": "Xi Jinping", "role": "head_of_state"},
     "counterpart": {"names": ["तोकायेव"], "name_en": None, "role": "head_of_state", "country": "KAZ"},
     "date": "2022-02-05", "date_precision": "day", "weekday": "saturday",
     "location": {"city": "Beijing", "country": "CHN"}, "mode": "in_person", "topics": ["bri", "economy"]},
    {"source": "dir/b.txt", "china": {"names": [], "role": "foreign_minister"},
     "counterpart": {"names": ["जयशंकर"], "name_en": "S. Jaishankar", "role": "foreign_minister", "country": "IND"},
     "date": None, "date_precision": "weekday", "weekday": "monday", "location": {}, "mode": "phone", "topics": []},
]


def test_a_small_case_by_hand(tmp_path):
    system = [
        {"source": "/data/a.txt", "china": {"name": "शी", "role": "head_of_state"},
         "counterpart": {"name": "तोकायेव", "role": "head_of_state", "country": "KAZ"},
         "date": "2022-02-05", "date_precision": "day", "weekday": "saturday",
         "location": {"city": "Beijing", "country": "CHN"}, "mode": "in_person", "topics": ["bri"]},
        {"source": "x/dir/b.txt", "china": {"name": None, "role": "foreign_minister"},
         "counterpart": {"name": "जयशंकर", "name_en": "Jaishankar", "role": "minister", "country": "IND"},
         "date": None, "date_precision": "weekday", "weekday": "monday", "mode": "video"},
        {"source": "c.txt", "china": {"name": "ली"}, "counterpart": {"name": "मोदी", "country": "IND"}},
    ]
    lines = evaluate(write_jsonl(tmp_path / "g.jsonl", GOLD), write_jsonl(tmp_path / "s.jsonl", system),
                     verbose=True)
    assert lines == [
        "SPURIOUS c.txt ली ~ मोदी IND",
        "FIELDS   b.txt जयशंकर counterpart.role foreign_minister got minister",
        "gold 2 system 3 matched 2 (ignoring country: 2, F1 0.800)",
        "F1 0.800 P 0.667 R 1.000 date 1.00 place 1.00 role 0.75 link 0.00 mode 0.50 topics 0.75",
    ]


def test_empty_against_empty(tmp_path):
    empty = write_jsonl(tmp_path / "e.jsonl", [])
    assert evaluate(empty, empty) == [
        "gold 0 system 0 matched 0 (ignoring country: 0, F1 1.000)",
        "F1 1.000 P 1.000 R 1.000 date nan place nan role nan link nan mode nan topics nan",
    ]


@pytest.mark.parametrize("a, b, same", [
    ("क़ीम", "कीम", True), ("चाँद", "चांद", True), ("शी-चिनफिंग", "शी चिनफिंग", True), ("शी", "ली", False),
])
def test_devanagari_folding(a, b, same):
    assert (norm_deva(a) == norm_deva(b)) is same


def test_latin_folding_and_sources():
    assert norm_latin("Kassym-Jomart Tokáyev") == "kassymjomarttokayev"
    assert same_source("dev/c002.txt", "../shared/corpus/dev/c002.txt")
    assert not same_source("seeds/c002.txt", "../shared/corpus/dev/c002.txt")
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0) and prf(0, 3, 0) == (0.0, 0.0, 0.0)
