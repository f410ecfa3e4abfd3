"""Events: the reports of one meeting across articles and outlets become one event.

build_events(reports) -> (events, event_of). A report is one meetings row with its
article's outlet and publication date. Reports are one event when they name the same
two officials (gazetteer ids; an official the gazetteer does not know is one person
across articles when the country and the consonant skeleton of the name agree), the
same mode, and compatible dates: the same day; or a day against a month, a weekday or
no date in an article published within the week after that day. Two meetings of the
same pair on different days stay two events, and so do two records of one article.

Events are rebuilt from every stored report at each ingest, inside its transaction:
a fresh build and an incremental one give the same events, with the same ids.
"""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from core.extract.lexicon import skeleton
from core.model import stable_id

WEEK = timedelta(days=7)
_PRECISION_RANK = {"day": 0, "month": 1, "weekday": 2, "year": 3, "none": 4}


def person_key(pid: str, country: str | None, name: str | None) -> str:
    """The person an event is about: a gazetteer id, else country and name skeleton."""
    if pid.startswith("gz:") or not name:
        return pid
    return f"{country}:{skeleton(name)}"


def _day(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def build_events(reports: list[dict]) -> tuple[list[dict], dict[str, str]]:
    """(event rows, report id -> event id). Deterministic: the input order does not matter."""
    groups: dict[tuple, list[dict]] = {}
    for r in reports:
        key = (person_key(r["china_id"], "CHN", r.get("china_name")),
               person_key(r["counterpart_id"], r.get("counterpart_country"), r.get("counterpart_name")),
               r["mode"])
        groups.setdefault(key, []).append(r)
    events, event_of = [], {}
    for key in sorted(groups):
        for anchor, members in _split(groups[key]):
            event = _event(key, anchor, members)
            events.append(event)
            event_of.update({r["id"]: event["event_id"] for r in members})
    return events, event_of


def _split(reports: list[dict]) -> list[tuple[str, list[dict]]]:
    """The reports of one pair and mode, grouped into meetings: (anchor, reports)."""
    by_day: dict[date, list[dict]] = {}
    rest = []
    for r in sorted(reports, key=lambda r: r["id"]):
        day = _day(r.get("date")) if r.get("date_precision") == "day" else None
        if day:
            by_day.setdefault(day, []).append(r)
        else:
            rest.append(r)
    loose: list[dict] = []
    for r in rest:           # a month, a weekday or nothing: the day it was published a week after
        published = _day(r.get("published"))
        # One article's two records of a pair are two meetings ("... also met last May").
        days = [d for d in by_day if published and d <= published <= d + WEEK
                and r["article_id"] not in {m["article_id"] for m in by_day[d]}]
        if days:
            by_day[max(days)].append(r)
        else:
            loose.append(r)
    out = [(day.isoformat(), members) for day, members in sorted(by_day.items())]
    # Undated reports published within a week of each other tell one meeting.
    loose.sort(key=lambda r: (_day(r.get("published")) or date.max, r["id"]))
    current: list[dict] = []
    for r in loose:
        published = _day(r.get("published"))
        first = _day(current[0].get("published")) if current else None
        same_article = r["article_id"] in {m["article_id"] for m in current}
        if current and (same_article or not (published and first and published - first <= WEEK)):
            out.append((_anchor(current), current))
            current = []
        current.append(r)
    if current:
        out.append((_anchor(current), current))
    return out


def _anchor(members: list[dict]) -> str:
    first = _day(members[0].get("published"))
    return f"published:{first.isoformat()}" if first else f"report:{members[0]['id']}"


def _event(key: tuple, anchor: str, members: list[dict]) -> dict:
    """One event row from its reports: the most precise date, the most reported place."""
    best = min(members, key=lambda r: (_PRECISION_RANK.get(r.get("date_precision"), 9), r["id"]))
    places = Counter((r.get("city"), r.get("place_country")) for r in members
                     if r.get("city") or r.get("place_country"))
    (city, place_country), _ = places.most_common(1)[0] if places else ((None, None), 0)
    dates = sorted({str(_day(r.get("date"))) for r in members if r.get("date_precision") == "day"})
    disagreements = []
    if len(dates) > 1:
        disagreements.append("dates: " + ", ".join(dates))
    if len(places) > 1:
        disagreements.append("places: " + ", ".join(f"{c or '?'} ({p or '?'})" for c, p in sorted(
            places, key=lambda cp: (str(cp[0]), str(cp[1])))))
    published = sorted(d for d in (_day(r.get("published")) for r in members) if d)
    return {
        "event_id": stable_id("event", *key, anchor),
        "china_id": best["china_id"], "counterpart_id": best["counterpart_id"],
        "counterpart_country": best.get("counterpart_country"),
        "date": _day(best.get("date")) if best.get("date_precision") == "day" else None,
        "date_precision": best.get("date_precision") or "none", "city": city, "place_country": place_country,
        "mode": key[2], "topics": sorted({t for r in members for t in (r.get("topics") or [])}),
        "reports": len(members),
        "outlets": sorted({r["outlet"] for r in members if r.get("outlet")}),
        "article_ids": sorted({r["article_id"] for r in members}),
        "first_reported": published[0] if published else None,
        "disagreements": disagreements,
    }
