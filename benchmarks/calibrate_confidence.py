"""How well `confidence` predicts a right record: precision per confidence band and per reason.

Run from the project root:  .venv/bin/python benchmarks/calibrate_confidence.py [GOLD SYSTEM ...]

Records come from two sources: the shape tables of tests/test_extract_shapes.py (a
record is right when its pair is among the row's expected pairs), and any gold/system
file pairs given on the command line (matched as ../shared/eval/score.py matches).
The visible gold sets alone are too clean to calibrate on: their records are all right.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from core.evaluate import BANDS, load, match  # noqa: E402
from test_extract_shapes import DATED, SHAPES, extract, pairs  # noqa: E402


def shape_records() -> list[tuple[dict, bool]]:
    """(record, right) for every record the extractor gives on the shape rows."""
    out = []
    for param in SHAPES:
        text, expected, published, _ = param.values
        for record in extract(text, published):
            out.append((record, next(iter(pairs([record]))) in expected))
    for param in DATED:
        text, published, expected = param.values
        for record in extract(text, published):
            out.append((record, (record["date"], record["date_precision"], record["weekday"]) == expected))
    return out


def gold_records(paths: list[str]) -> list[tuple[dict, bool]]:
    out = []
    for gold_path, system_path in zip(paths[::2], paths[1::2]):
        golds, systems = load(gold_path), load(system_path)
        right = {s for _, s in match(golds, systems)}
        out += [(record, k in right) for k, record in enumerate(systems)]
    return out


def main(argv: list[str]) -> None:
    records = shape_records() + gold_records(argv)
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for record, right in records:
        value = record["confidence"]
        band = next(f"{a:.1f}-{min(b, 1.0):.1f}" for a, b in BANDS if a <= value < b)
        rows[f"band {band}"][right] += 1
        for reason in record["confidence_reasons"] or ["(none)"]:
            rows[f"reason {reason}"][right] += 1
    print(f"{len(records)} records")
    print("| group | records | precision |\n|---|---:|---:|")
    for key in sorted(rows, key=lambda k: (not k.startswith("band"), k)):
        wrong, ok = rows[key]
        print(f"| {key} | {ok + wrong} | {ok / (ok + wrong):.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
