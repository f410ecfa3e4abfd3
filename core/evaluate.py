"""Score meeting records against a gold file, exactly as ../shared/eval/score.py does.

The project cannot import ../shared at run time and researchers annotate their own
gold sets, so the scorer is reimplemented here; tests/test_evaluate.py checks that
both print the same lines. evaluate(gold_path, system_path, verbose) -> printed lines.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePath

NUKTA = "\u093c"
CHANDRABINDU, ANUSVARA = "\u0901", "\u0902"


def norm_deva(name: str | None) -> tuple[str, ...]:
    """Devanagari name as comparable words: nukta dropped, chandrabindu as anusvara."""
    text = unicodedata.normalize("NFD", name or "")
    text = text.replace(NUKTA, "").replace(CHANDRABINDU, ANUSVARA)
    return tuple(re.sub(r"[^\w\s]", " ", text).split())


def norm_latin(name: str | None) -> str:
    """Latin name as lower-case letters only, diacritics removed: 'Xi Jinping' -> 'xijinping'."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z]", "", text.lower())


def same_source(gold_src: object, sys_src: object) -> bool:
    """The gold source (a file name or a relative path) is the tail of the system's path."""
    gold_parts = PurePath(str(gold_src)).parts
    sys_parts = PurePath(str(sys_src or "")).parts
    return len(sys_parts) >= len(gold_parts) and sys_parts[-len(gold_parts):] == gold_parts


def side_matches(gold_side: dict, sys_side: dict | None) -> bool:
    """Same person: English names agree, or the Devanagari name is one of the gold's forms."""
    sys_side = sys_side or {}
    if gold_side.get("name_en") and sys_side.get("name_en"):
        if norm_latin(gold_side["name_en"]) == norm_latin(sys_side["name_en"]):
            return True
    name = norm_deva(sys_side.get("name"))
    if not gold_side["names"]:  # an unnamed official: the role must agree
        return not name and gold_side.get("role") == sys_side.get("role")
    return bool(name) and any(name == norm_deva(v) for v in gold_side["names"])


def record_matches(gold: dict, got: dict, need_country: bool = True) -> bool:
    """Same source, same counterpart country (unless loose), both sides the same people."""
    if not same_source(gold["source"], got.get("source")):
        return False
    if need_country and gold["counterpart"].get("country") != (got.get("counterpart") or {}).get("country"):
        return False
    return (side_matches(gold["china"], got.get("china"))
            and side_matches(gold["counterpart"], got.get("counterpart")))


def match(golds: list[dict], systems: list[dict], need_country: bool = True) -> list[tuple[int, int]]:
    """Greedy pairing in gold order: each gold takes the first unused system record that matches."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for gi, gold in enumerate(golds):
        for si, got in enumerate(systems):
            if si not in used and record_matches(gold, got, need_country):
                pairs.append((gi, si))
                used.add(si)
                break
    return pairs


def prf(n_match: int, n_gold: int, n_sys: int) -> tuple[float, float, float]:
    """Precision, recall, F1; an empty system against an empty gold is perfect."""
    p = n_match / n_sys if n_sys else (1.0 if not n_gold else 0.0)
    r = n_match / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Tally:
    """Share of checks that passed; nan when nothing was checked."""

    hit: int = 0
    n: int = 0

    def add(self, ok: bool) -> None:
        """Count one check."""
        self.n += 1
        self.hit += bool(ok)

    def value(self) -> float:
        """hit / n, or nan."""
        return self.hit / self.n if self.n else math.nan


def load(path: str | Path) -> list[dict]:
    """One JSON object per non-blank line."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _date_ok(gold: dict, got: dict) -> bool:
    """Date, precision and weekday all right."""
    return (gold.get("date") == got.get("date")
            and gold.get("date_precision") == got.get("date_precision")
            and (gold.get("weekday") or None) == (got.get("weekday") or None))


def _jaccard(gold: dict, got: dict) -> float:
    """Topic overlap; two empty topic lists agree fully."""
    gt, st = set(gold.get("topics") or []), set(got.get("topics") or [])
    return len(gt & st) / len(gt | st) if gt | st else 1.0


@dataclass
class FieldScores:
    """Per-field accuracy over the matched pairs."""

    date: Tally
    place: Tally
    role: Tally
    link: Tally
    mode: Tally
    topics: float


def field_scores(golds: list[dict], systems: list[dict], pairs: list[tuple[int, int]]) -> FieldScores:
    """Date, place, role, link, mode and topic overlap over matched pairs."""
    scores = FieldScores(Tally(), Tally(), Tally(), Tally(), Tally(), math.nan)
    jaccards: list[float] = []
    for gi, si in pairs:
        gold, got = golds[gi], systems[si]
        scores.date.add(_date_ok(gold, got))
        gloc, sloc = gold.get("location") or {}, got.get("location") or {}
        if gloc.get("city"):
            scores.place.add(norm_latin(gloc["city"]) == norm_latin(sloc.get("city")))
        if gloc.get("country"):
            scores.place.add(gloc["country"] == sloc.get("country"))
        for side in ("china", "counterpart"):
            scores.role.add(gold[side].get("role") == (got.get(side) or {}).get("role"))
            if gold[side].get("name_en"):
                scores.link.add(norm_latin(gold[side]["name_en"])
                                == norm_latin((got.get(side) or {}).get("name_en")))
        scores.mode.add(gold.get("mode") == got.get("mode"))
        jaccards.append(_jaccard(gold, got))
    if jaccards:
        scores.topics = sum(jaccards) / len(jaccards)
    return scores


def _source_key(src: object) -> str:
    """The file name of a source path."""
    return PurePath(str(src or "")).name


def _first_name(side: dict) -> str:
    """The gold's first name form, or '(unnamed <role>)'."""
    return side["names"][0] if side["names"] else "(unnamed " + str(side.get("role")) + ")"


def verbose_lines(golds: list[dict], systems: list[dict], pairs: list[tuple[int, int]]) -> list[str]:
    """MISSED, SPURIOUS and FIELDS lines, as score.py --verbose prints them."""
    lines: list[str] = []
    matched_g, matched_s = {gi for gi, _ in pairs}, {si for _, si in pairs}
    for gi, gold in enumerate(golds):
        if gi not in matched_g:
            lines.append(_join("MISSED  ", _source_key(gold["source"]), _first_name(gold["china"]),
                               "~", _first_name(gold["counterpart"]), gold["counterpart"].get("country")))
    for si, got in enumerate(systems):
        if si not in matched_s:
            china, other = got.get("china") or {}, got.get("counterpart") or {}
            lines.append(_join("SPURIOUS", _source_key(got.get("source")), china.get("name"),
                               "~", other.get("name"), other.get("country")))
    for gi, si in pairs:
        diffs = _field_diffs(golds[gi], systems[si])
        if diffs:
            lines.append(_join("FIELDS  ", _source_key(golds[gi]["source"]),
                               _first_name(golds[gi]["counterpart"]), "; ".join(diffs)))
    return lines


def _join(*parts: object) -> str:
    """print()'s rendering of several arguments."""
    return " ".join(str(p) for p in parts)


def _field_diffs(gold: dict, got: dict) -> list[str]:
    """What differs in one matched pair: date, roles, city, place country."""
    diffs: list[str] = []
    if not _date_ok(gold, got):
        diffs.append(f"date {gold.get('date')}/{gold.get('date_precision')}/{gold.get('weekday')} "
                     f"got {got.get('date')}/{got.get('date_precision')}/{got.get('weekday')}")
    for side in ("china", "counterpart"):
        if gold[side].get("role") != (got.get(side) or {}).get("role"):
            diffs.append(f"{side}.role {gold[side].get('role')} got {(got.get(side) or {}).get('role')}")
    gloc, sloc = gold.get("location") or {}, got.get("location") or {}
    if gloc.get("city") and norm_latin(gloc["city"]) != norm_latin(sloc.get("city")):
        diffs.append(f"city {gloc['city']} got {sloc.get('city')}")
    if gloc.get("country") and gloc["country"] != sloc.get("country"):
        diffs.append(f"place.country {gloc['country']} got {sloc.get('country')}")
    return diffs


def summary_lines(golds: list[dict], systems: list[dict]) -> list[str]:
    """The two closing lines: counts, then F1 P R and per-field accuracy."""
    pairs, loose = match(golds, systems), match(golds, systems, need_country=False)
    p, r, f = prf(len(pairs), len(golds), len(systems))
    _, _, f_loose = prf(len(loose), len(golds), len(systems))
    s = field_scores(golds, systems, pairs)
    return [
        f"gold {len(golds)} system {len(systems)} matched {len(pairs)} "
        f"(ignoring country: {len(loose)}, F1 {f_loose:.3f})",
        f"F1 {f:.3f} P {p:.3f} R {r:.3f} date {s.date.value():.2f} place {s.place.value():.2f} "
        f"role {s.role.value():.2f} link {s.link.value():.2f} mode {s.mode.value():.2f} "
        f"topics {s.topics:.2f}",
    ]


def evaluate(gold_path: str | Path, system_path: str | Path, verbose: bool = False,
             calibration: bool = False) -> list[str]:
    """Every line score.py prints for these files, in order; with calibration, then the
    precision of the system's records per confidence band and per reason."""
    golds, systems = load(gold_path), load(system_path)
    lines = verbose_lines(golds, systems, match(golds, systems)) if verbose else []
    lines += summary_lines(golds, systems)
    return lines + calibration_lines(golds, systems) if calibration else lines


BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01))


def calibration_lines(golds: list[dict], systems: list[dict]) -> list[str]:
    """Precision of the records in each confidence band and with each reason: whether a
    record's `confidence` (an extra field of the project's output) means what it says."""
    right = {s for _, s in match(golds, systems)}
    rows: dict[str, list[int]] = {}
    for k, record in enumerate(systems):
        value = float(record.get("confidence", 1.0))
        band = next(f"confidence {a:.1f}-{min(b, 1.0):.1f}" for a, b in BANDS if a <= value < b)
        for key in [band] + [f"reason: {r}" for r in record.get("confidence_reasons", [])]:
            rows.setdefault(key, [0, 0])[k in right] += 1
    out = []
    for key in sorted(rows, key=lambda k: (not k.startswith("confidence"), k)):
        wrong, ok = rows[key]
        out.append(f"{key}: {ok + wrong} records, precision {ok / (ok + wrong):.2f}")
    return out
