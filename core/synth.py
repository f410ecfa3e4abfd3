"""A synthetic meeting database for tests and benchmarks: build_synthetic_db(path, n, seed).

Every table of the schema is filled with plausible data: a few dozen counterpart
countries with Zipf-like weights, a few hundred invented officials (no real person
is attributed an invented meeting), dates over 2013-2025 growing with time, the date
precisions, modes and topics in the proportions real articles show. The same
(n, seed) always gives the same database.
"""
from __future__ import annotations

import os
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from core import queries
from core.model import TOPICS, WEEKDAYS, stable_id

# iso3, English, Hindi, region, subregion, lat, lon, capital (en, hi)
COUNTRIES = (
    ("PAK", "Pakistan", "पाकिस्तान", "Asia", "Southern Asia", 30.4, 69.3, "Islamabad", "इस्लामाबाद"),
    ("RUS", "Russia", "रूस", "Europe", "Eastern Europe", 61.5, 105.3, "Moscow", "मास्को"),
    ("USA", "United States", "अमेरिका", "Americas", "Northern America", 37.1, -95.7, "Washington", "वाशिंगटन"),
    ("IND", "India", "भारत", "Asia", "Southern Asia", 20.6, 79.0, "New Delhi", "नई दिल्ली"),
    ("NPL", "Nepal", "नेपाल", "Asia", "Southern Asia", 28.4, 84.1, "Kathmandu", "काठमांडू"),
    ("LKA", "Sri Lanka", "श्रीलंका", "Asia", "Southern Asia", 7.9, 80.8, "Colombo", "कोलंबो"),
    ("BGD", "Bangladesh", "बांग्लादेश", "Asia", "Southern Asia", 23.7, 90.4, "Dhaka", "ढाका"),
    ("KAZ", "Kazakhstan", "कजाकिस्तान", "Asia", "Central Asia", 48.0, 66.9, "Astana", "अस्ताना"),
    ("UZB", "Uzbekistan", "उज्बेकिस्तान", "Asia", "Central Asia", 41.4, 64.6, "Tashkent", "ताशकंद"),
    ("IRN", "Iran", "ईरान", "Asia", "Southern Asia", 32.4, 53.7, "Tehran", "तेहरान"),
    ("SAU", "Saudi Arabia", "सऊदी अरब", "Asia", "Western Asia", 23.9, 45.1, "Riyadh", "रियाद"),
    ("TUR", "Turkey", "तुर्की", "Asia", "Western Asia", 38.9, 35.2, "Ankara", "अंकारा"),
    ("AFG", "Afghanistan", "अफगानिस्तान", "Asia", "Southern Asia", 33.9, 67.7, "Kabul", "काबुल"),
    ("JPN", "Japan", "जापान", "Asia", "Eastern Asia", 36.2, 138.3, "Tokyo", "टोक्यो"),
    ("KOR", "South Korea", "दक्षिण कोरिया", "Asia", "Eastern Asia", 35.9, 127.8, "Seoul", "सियोल"),
    ("PRK", "North Korea", "उत्तर कोरिया", "Asia", "Eastern Asia", 40.3, 127.5, "Pyongyang", "प्योंगयांग"),
    ("MNG", "Mongolia", "मंगोलिया", "Asia", "Eastern Asia", 46.9, 103.8, "Ulaanbaatar", "उलानबातर"),
    ("VNM", "Vietnam", "वियतनाम", "Asia", "South-eastern Asia", 14.1, 108.3, "Hanoi", "हनोई"),
    ("LAO", "Laos", "लाओस", "Asia", "South-eastern Asia", 19.9, 102.5, "Vientiane", "वियनतियान"),
    ("KHM", "Cambodia", "कंबोडिया", "Asia", "South-eastern Asia", 12.6, 105.0, "Phnom Penh", "नोम पेन्ह"),
    ("THA", "Thailand", "थाईलैंड", "Asia", "South-eastern Asia", 15.9, 101.0, "Bangkok", "बैंकॉक"),
    ("IDN", "Indonesia", "इंडोनेशिया", "Asia", "South-eastern Asia", -0.8, 113.9, "Jakarta", "जकार्ता"),
    ("SGP", "Singapore", "सिंगापुर", "Asia", "South-eastern Asia", 1.35, 103.8, "Singapore", "सिंगापुर"),
    ("MYS", "Malaysia", "मलेशिया", "Asia", "South-eastern Asia", 4.2, 102.0, "Kuala Lumpur", "कुआलालंपुर"),
    ("PHL", "Philippines", "फिलीपींस", "Asia", "South-eastern Asia", 12.9, 121.8, "Manila", "मनीला"),
    ("EGY", "Egypt", "मिस्र", "Africa", "Northern Africa", 26.8, 30.8, "Cairo", "काहिरा"),
    ("ZAF", "South Africa", "दक्षिण अफ्रीका", "Africa", "Sub-Saharan Africa", -30.6, 22.9, "Pretoria", "प्रिटोरिया"),
    ("NGA", "Nigeria", "नाइजीरिया", "Africa", "Sub-Saharan Africa", 9.1, 8.7, "Abuja", "अबुजा"),
    ("KEN", "Kenya", "केन्या", "Africa", "Sub-Saharan Africa", -0.02, 37.9, "Nairobi", "नैरोबी"),
    ("ETH", "Ethiopia", "इथियोपिया", "Africa", "Sub-Saharan Africa", 9.1, 40.5, "Addis Ababa", "अदीस अबाबा"),
    ("BRA", "Brazil", "ब्राजील", "Americas", "Latin America and the Caribbean", -14.2, -51.9, "Brasilia", "ब्रासीलिया"),
    ("ARG", "Argentina", "अर्जेंटीना", "Americas", "Latin America and the Caribbean", -38.4, -63.6, "Buenos Aires", "ब्यूनस आयर्स"),
    ("MEX", "Mexico", "मेक्सिको", "Americas", "Latin America and the Caribbean", 23.6, -102.6, "Mexico City", "मेक्सिको सिटी"),
    ("CUB", "Cuba", "क्यूबा", "Americas", "Latin America and the Caribbean", 21.5, -77.8, "Havana", "हवाना"),
    ("FRA", "France", "फ्रांस", "Europe", "Western Europe", 46.2, 2.2, "Paris", "पेरिस"),
    ("DEU", "Germany", "जर्मनी", "Europe", "Western Europe", 51.2, 10.5, "Berlin", "बर्लिन"),
    ("GBR", "United Kingdom", "ब्रिटेन", "Europe", "Northern Europe", 55.4, -3.4, "London", "लंदन"),
    ("ITA", "Italy", "इटली", "Europe", "Southern Europe", 41.9, 12.6, "Rome", "रोम"),
    ("SRB", "Serbia", "सर्बिया", "Europe", "Southern Europe", 44.0, 21.0, "Belgrade", "बेलग्रेड"),
    ("HUN", "Hungary", "हंगरी", "Europe", "Eastern Europe", 47.2, 19.5, "Budapest", "बुडापेस्ट"),
    ("AUS", "Australia", "ऑस्ट्रेलिया", "Oceania", "Australia and New Zealand", -25.3, 133.8, "Canberra", "कैनबरा"),
    ("NZL", "New Zealand", "न्यूजीलैंड", "Oceania", "Australia and New Zealand", -40.9, 174.9, "Wellington", "वेलिंगटन"),
    ("FJI", "Fiji", "फिजी", "Oceania", "Melanesia", -17.7, 178.1, "Suva", "सुवा"),
)
CHINA = ("CHN", "China", "चीन", "Asia", "Eastern Asia", 35.9, 104.2, "Beijing", "पेइचिंग")

# Invented names: (Devanagari, Latin) parts combined at random.
_CN_FAMILY = (("वांग", "Wang"), ("ली", "Li"), ("चांग", "Chang"), ("ल्यू", "Lyu"), ("चाओ", "Chao"),
              ("सुन", "Sun"), ("गाओ", "Gao"), ("लिन", "Lin"), ("हान", "Han"), ("तंग", "Tang"))
_CN_GIVEN = (("यी", "Yi"), ("मिंग", "Ming"), ("हुआ", "Hua"), ("फंग", "Fang"), ("चुन", "Chun"),
             ("वेई", "Wei"), ("दोंग", "Dong"), ("छिंग", "Chhing"), ("ल्यांग", "Lyang"), ("पिन", "Pin"))
_FIRST = (("अहमद", "Ahmad"), ("मारिया", "Maria"), ("जॉन", "John"), ("सर्गेई", "Sergei"),
          ("फातिमा", "Fatima"), ("कार्लोस", "Carlos"), ("अन्ना", "Anna"), ("राम", "Ram"),
          ("यूसुफ", "Yusuf"), ("ओल्गा", "Olga"), ("पीटर", "Peter"), ("लीला", "Leela"),
          ("इब्राहिम", "Ibrahim"), ("सोफिया", "Sofia"), ("केंजी", "Kenji"), ("अमीना", "Amina"))
_LAST = (("खान", "Khan"), ("सिल्वा", "Silva"), ("पेत्रोव", "Petrov"), ("शर्मा", "Sharma"),
         ("ओकाफोर", "Okafor"), ("मुलर", "Muller"), ("हसन", "Hasan"), ("गार्सिया", "Garcia"),
         ("तनाका", "Tanaka"), ("नोवाक", "Novak"), ("बांडा", "Banda"), ("कोवाल", "Koval"),
         ("रॉसी", "Rossi"), ("नगुयेन", "Nguyen"), ("डुबोआ", "Dubois"), ("ओलसेन", "Olsen"))

# role -> (share of counterparts, Hindi title after "<country> के")
_ROLES = {
    "head_of_state": (0.10, "राष्ट्रपति"), "head_of_government": (0.08, "प्रधानमंत्री"),
    "vice_head": (0.05, "उपराष्ट्रपति"), "foreign_minister": (0.20, "विदेश मंत्री"),
    "deputy_foreign_minister": (0.07, "उप विदेश मंत्री"), "minister": (0.15, "मंत्री"),
    "ambassador": (0.18, "राजदूत"), "special_envoy": (0.05, "विशेष दूत"),
    "senior_official": (0.05, "वरिष्ठ अधिकारी"), "party_official": (0.03, "पार्टी नेता"),
    "legislator": (0.03, "संसद अध्यक्ष"), "other": (0.01, "प्रतिनिधि"),
}
_CN_ROLES = (("head_of_state", "चीनी राष्ट्रपति"), ("head_of_government", "चीनी प्रधानमंत्री"),
             ("vice_head", "चीनी उपराष्ट्रपति"), ("foreign_minister", "चीनी विदेश मंत्री"),
             ("deputy_foreign_minister", "चीनी उप विदेश मंत्री"), ("minister", "चीनी वाणिज्य मंत्री"),
             ("ambassador", "चीनी राजदूत"), ("special_envoy", "चीन के विशेष दूत"),
             ("party_official", "चीनी कम्युनिस्ट पार्टी के नेता"))
_MODES = (("in_person", 0.78), ("phone", 0.14), ("video", 0.08))
_PRECISION = (("day", 0.84), ("month", 0.04), ("year", 0.02), ("weekday", 0.04), ("none", 0.06))
_TOPIC_WEIGHTS = np.array([9, 2, 8, 10, 3, 3, 6, 4, 4, 3, 2], dtype=float)
_MODE_VERB = {"in_person": "से मुलाकात की", "phone": "से फोन पर बात की", "video": "से वीडियो कॉल पर बात की"}
_HI_MONTHS = ("जनवरी", "फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर",
              "अक्टूबर", "नवंबर", "दिसंबर")
_HI_WEEKDAYS = ("सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार", "शनिवार", "रविवार")
_START, _DAYS = date(2013, 1, 1), (date(2025, 12, 31) - date(2013, 1, 1)).days
_AT = datetime(2026, 1, 1, 12, 0, 0)

# Article text that must stay inert wherever it is shown (issue 4).
HOSTILE = ("<script>alert('x')</script>", '<img src=x onerror="alert(1)">',
           "javascript:alert(1)", "=HYPERLINK(\"http://evil\")", "+1-2", "@SUM(A1)")


def build_synthetic_db(path: str | os.PathLike, n: int, seed: int = 7, hostile: bool = False) -> Path:
    """Write a new DuckDB file at path holding n synthetic meetings; returns the path."""
    path = Path(path)
    path.unlink(missing_ok=True)
    rng = np.random.default_rng(seed)
    china, world = _china_officials(rng), _world_officials(rng)
    meetings = _meetings(rng, n, china, world)
    if hostile:
        _make_hostile(meetings, world)
    articles = _articles(meetings)
    with duckdb.connect(str(path)) as con:
        con.execute(queries.SCHEMA)
        _insert(con, "countries", _country_table())
        _insert(con, "officials", _official_table(china + world))
        _insert(con, "articles", articles)
        _insert(con, "meetings", meetings)
        _insert(con, "ingest_log", _log_table(articles, meetings))
        con.execute("CHECKPOINT")
    return path


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, list]) -> None:
    """Insert a column dict into one schema table (the table name is one of ours, never input)."""
    batch = pa.table(columns)
    con.register("synth_batch", batch)
    names = ", ".join(f'"{c}"' for c in columns)
    con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM synth_batch")
    con.unregister("synth_batch")


def _zipf(k: int, a: float = 1.1) -> np.ndarray:
    """Zipf-like weights over k items, the first the heaviest, summing to 1."""
    w = 1.0 / np.arange(1, k + 1) ** a
    return w / w.sum()


def _name(rng: np.random.Generator, first: tuple, last: tuple) -> tuple[str, str]:
    """An invented (Devanagari, Latin) name."""
    (fd, fl), (ld, ll) = first[rng.integers(len(first))], last[rng.integers(len(last))]
    return f"{fd} {ld}", f"{fl} {ll}"


def _china_officials(rng: np.random.Generator) -> list[dict]:
    """Forty Chinese officials; the first six hold the top posts and meet the most people."""
    out = []
    for k in range(40):
        role, title = _CN_ROLES[k] if k < 6 else _CN_ROLES[rng.integers(3, len(_CN_ROLES))]
        deva, latin = _name(rng, _CN_FAMILY, _CN_GIVEN)
        out.append({"id": f"syn-chn-{k:03d}", "name": deva, "name_latin": latin,
                    "name_en": latin if k < 20 else None, "country": "CHN", "role": role, "title": title})
    return out


def _world_officials(rng: np.random.Generator) -> list[dict]:
    """Counterpart officials, more of them for the countries China meets most."""
    weights = _zipf(len(COUNTRIES), 0.9)      # COUNTRIES is listed roughly by weight
    roles, shares = list(_ROLES), np.array([s for s, _ in _ROLES.values()])
    out = []
    for (iso3, _en, hi, *_rest), w in zip(COUNTRIES, weights):
        count = max(4, int(w * 1200))
        for k in range(count):
            role = roles[rng.choice(len(roles), p=shares / shares.sum())]
            deva, latin = _name(rng, _FIRST, _LAST)
            out.append({"id": f"syn-{iso3.lower()}-{k:04d}", "name": deva, "name_latin": latin,
                        "name_en": latin if rng.random() < 0.5 else None, "country": iso3, "role": role,
                        "title": f"{hi} के {_ROLES[role][1]}", "weight": w / count})
    return out


_PERSON_COLS = tuple(f"{side}_{c}" for side in ("china", "counterpart")
                     for c in ("id", "name", "name_latin", "name_en", "role", "title")) + ("counterpart_country",)


def _meetings(rng: np.random.Generator, n: int, china: list[dict], world: list[dict]) -> dict[str, list]:
    """n meeting rows as column lists."""
    cn = rng.choice(len(china), size=n, p=_zipf(len(china), 1.2))
    # a few counterparts (leaders, foreign ministers) meet China far more often than the rest
    wp = np.array([o["weight"] for o in world]) * rng.pareto(1.5, len(world)).clip(0.1, 10)
    cp = rng.choice(len(world), size=n, p=wp / wp.sum())
    days = (_DAYS * np.sqrt(rng.random(n))).astype(int)      # more meetings in later years
    precision = rng.choice([p for p, _ in _PRECISION], size=n, p=[w for _, w in _PRECISION])
    mode = rng.choice([m for m, _ in _MODES], size=n, p=[w for _, w in _MODES])
    cols: dict[str, list] = {k: [] for k in ("id", "article_id", "source", *_PERSON_COLS, "date",
                             "date_precision", "weekday", "date_text", "city", "place_country",
                             "mode", "topics", "evidence")}
    article, in_article = 0, 0
    for i in range(n):
        if in_article >= rng.integers(1, 4):
            article, in_article = article + 1, 0
        in_article += 1
        row = _meeting_row(rng, i, article, china[cn[i]], world[cp[i]], int(days[i]),
                           str(precision[i]), str(mode[i]))
        for key, value in row.items():
            cols[key].append(value)
    return cols


def _meeting_row(rng: np.random.Generator, i: int, article: int, cn: dict, cp: dict,
                 day: int, precision: str, mode: str) -> dict:
    """One meeting row; the evidence sentence reads like the Hindi press."""
    when = _START + timedelta(days=day)
    city, place = _place(rng, cp["country"], mode)
    topics = sorted(set(rng.choice(TOPICS, size=rng.integers(0, 4), p=_TOPIC_WEIGHTS / _TOPIC_WEIGHTS.sum())))
    month, weekday = _HI_MONTHS[when.month - 1], _HI_WEEKDAYS[when.weekday()]
    date_text = {"day": f"{when.day} {month} {when.year}", "month": f"{month} {when.year}",
                 "year": f"{when.year} में", "weekday": weekday, "none": None}[precision]
    when_text = f" {date_text} को" if precision in ("day", "weekday") else ""
    evidence = f"{cn['title']} {cn['name']} ने{when_text} {cp['title']} {cp['name']} {_MODE_VERB[mode]}।"
    article_id = stable_id("synth-article", article)
    row = {"id": stable_id("synth", i), "article_id": article_id, "source": f"synth/{article:06d}.txt",
           "date": when if precision == "day" else None, "date_precision": precision,
           "weekday": WEEKDAYS[when.weekday()] if precision in ("day", "weekday") else None,
           "date_text": date_text, "city": city, "place_country": place, "mode": mode,
           "topics": [str(t) for t in topics], "evidence": evidence, "counterpart_country": cp["country"]}
    for side, person in (("china", cn), ("counterpart", cp)):
        for c in ("id", "name", "name_latin", "name_en", "role", "title"):
            row[f"{side}_{c}"] = person[c]
    return row


def _place(rng: np.random.Generator, iso3: str, mode: str) -> tuple[str | None, str | None]:
    """Where an in-person meeting happened: mostly Beijing, else the counterpart's capital."""
    if mode != "in_person" or rng.random() < 0.1:
        return None, None
    if rng.random() < 0.65:
        return "Beijing", "CHN"
    return next(c[7] for c in COUNTRIES if c[0] == iso3), iso3


def _make_hostile(meetings: dict[str, list], world: list[dict]) -> None:
    """Put hostile strings into the first meetings' names, titles and evidence."""
    for i, text in enumerate(HOSTILE[: len(meetings["id"])]):
        for col in ("counterpart_name", "counterpart_name_latin", "counterpart_name_en",
                    "counterpart_title", "china_title", "evidence"):
            meetings[col][i] = text
        meetings["counterpart_id"][i] = f"syn-hostile-{i}"
        world.append({"id": f"syn-hostile-{i}", "name": text, "name_latin": text, "name_en": text,
                      "country": meetings["counterpart_country"][i], "role": meetings["counterpart_role"][i]})


def _articles(meetings: dict[str, list]) -> dict[str, list]:
    """One article per article id, its text holding the evidence of its meetings."""
    texts: dict[str, list[str]] = {}
    sources: dict[str, str] = {}
    for aid, source, evidence in zip(meetings["article_id"], meetings["source"], meetings["evidence"]):
        texts.setdefault(aid, ["पेइचिंग, (संवाददाता)।"]).append(evidence)
        sources[aid] = source
    ids = list(texts)
    return {"id": ids, "source": [sources[a] for a in ids], "title": [None] * len(ids),
            "url": [None] * len(ids), "published": [None] * len(ids),
            "text": ["\n\n".join(texts[a] + ["दोनों पक्षों ने सहयोग बढ़ाने पर सहमति जताई।"]) for a in ids],
            "ingested_at": [_AT] * len(ids)}


def _official_table(people: list[dict]) -> dict[str, list]:
    """The officials table: one row per person, their name as the only variant."""
    return {"id": [p["id"] for p in people], "name": [p["name"] for p in people],
            "name_latin": [p["name_latin"] for p in people], "name_en": [p["name_en"] for p in people],
            "country": [p["country"] for p in people], "role": [p["role"] for p in people],
            "variants": [[p["name"]] for p in people]}


def _country_table() -> dict[str, list]:
    """The countries table for the synthetic countries and China."""
    rows = (*COUNTRIES, CHINA)
    keys = ("iso3", "name_en", "name_hi", "region", "subregion", "lat", "lon")
    return {k: [r[j] for r in rows] for j, k in enumerate(keys)}


def _log_table(articles: dict[str, list], meetings: dict[str, list]) -> dict[str, list]:
    """One 'new' ingest-log row per article, with its number of meetings."""
    n, per_article = len(articles["id"]), Counter(meetings["article_id"])
    return {"batch_id": ["synth"] * n, "at": [_AT] * n, "source": articles["source"],
            "article_id": articles["id"], "status": ["new"] * n, "reason": [None] * n,
            "meetings": [per_article[a] for a in articles["id"]]}
