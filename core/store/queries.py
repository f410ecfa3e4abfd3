"""Every SQL statement of the project, in one place.

Values always travel as parameters (`?`), never pasted into the SQL text.
Sections: schema, writes (ingest), reads (dashboard and export).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.store.filters import Filters, Options

if TYPE_CHECKING:                # only for annotations: the writes section needs neither
    import duckdb
    import pandas as pd

# --------------------------------------------------------------------- schema

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id          VARCHAR PRIMARY KEY,      -- stable id of the normalised text
    source      VARCHAR NOT NULL,         -- path (or path#row) it was read from
    title       VARCHAR,
    url         VARCHAR,
    published   DATE,
    text        VARCHAR NOT NULL,         -- normalised body, furniture cut off
    ingested_at TIMESTAMP NOT NULL,
    outlet      VARCHAR,                  -- the publication (metadata, the URL's domain, the folder)
    agency      VARCHAR                   -- the wire service the text credits (IANS, PTI, CMG ...)
);
ALTER TABLE articles ADD COLUMN IF NOT EXISTS outlet VARCHAR;
ALTER TABLE articles ADD COLUMN IF NOT EXISTS agency VARCHAR;
CREATE TABLE IF NOT EXISTS officials (
    id          VARCHAR PRIMARY KEY,      -- gazetteer id, or country + folded name
    name        VARCHAR,                  -- Devanagari, fullest form seen
    name_latin  VARCHAR,
    name_en     VARCHAR,
    country     VARCHAR,                  -- ISO-3; NULL for an international organisation
    role        VARCHAR NOT NULL,
    variants    VARCHAR[] NOT NULL        -- every Devanagari form seen
);
CREATE TABLE IF NOT EXISTS meetings (
    id                  VARCHAR PRIMARY KEY,
    article_id          VARCHAR NOT NULL,
    source              VARCHAR NOT NULL,
    china_id            VARCHAR NOT NULL,
    china_name          VARCHAR,
    china_name_latin    VARCHAR,
    china_name_en       VARCHAR,
    china_role          VARCHAR NOT NULL,
    china_title         VARCHAR,
    counterpart_id      VARCHAR NOT NULL,
    counterpart_name    VARCHAR,
    counterpart_name_latin VARCHAR,
    counterpart_name_en VARCHAR,
    counterpart_role    VARCHAR NOT NULL,
    counterpart_title   VARCHAR,
    counterpart_country VARCHAR,
    date                DATE,
    date_precision      VARCHAR NOT NULL,
    weekday             VARCHAR,
    date_text           VARCHAR,
    city                VARCHAR,
    place_country       VARCHAR,
    mode                VARCHAR NOT NULL,
    topics              VARCHAR[] NOT NULL,
    evidence            VARCHAR NOT NULL,
    confidence          DOUBLE NOT NULL DEFAULT 1.0,   -- 0-1 (core/extract/confidence.py)
    reasons             VARCHAR[] NOT NULL DEFAULT []  -- what lowered the confidence
);
-- Files written before the confidence columns existed get them on the next ingest.
ALTER TABLE meetings ADD COLUMN IF NOT EXISTS confidence DOUBLE DEFAULT 1.0;
ALTER TABLE meetings ADD COLUMN IF NOT EXISTS reasons VARCHAR[] DEFAULT [];
ALTER TABLE meetings ADD COLUMN IF NOT EXISTS event_id VARCHAR;     -- core/store/events.py
CREATE TABLE IF NOT EXISTS events (      -- one row per meeting however many reports tell it
    event_id            VARCHAR PRIMARY KEY,
    china_id            VARCHAR NOT NULL,
    counterpart_id      VARCHAR NOT NULL,
    counterpart_country VARCHAR,
    date                DATE,
    date_precision      VARCHAR NOT NULL,
    city                VARCHAR,
    place_country       VARCHAR,
    mode                VARCHAR NOT NULL,
    topics              VARCHAR[] NOT NULL,
    reports             INTEGER NOT NULL,
    outlets             VARCHAR[] NOT NULL,
    article_ids         VARCHAR[] NOT NULL,
    first_reported      DATE,
    disagreements       VARCHAR[] NOT NULL
);
CREATE TABLE IF NOT EXISTS countries (   -- copied from the gazetteer at every ingest
    iso3        VARCHAR PRIMARY KEY,
    name_en     VARCHAR NOT NULL,
    name_hi     VARCHAR NOT NULL,
    region      VARCHAR NOT NULL,         -- UN M49 region
    subregion   VARCHAR NOT NULL,
    lat         DOUBLE,
    lon         DOUBLE
);
CREATE TABLE IF NOT EXISTS ingest_log (
    batch_id    VARCHAR NOT NULL,
    "at"        TIMESTAMP NOT NULL,       -- quoted: AT is a keyword in DuckDB 2
    source      VARCHAR NOT NULL,
    article_id  VARCHAR,
    status      VARCHAR NOT NULL,         -- new | duplicate | rejected | skipped
    reason      VARCHAR,
    meetings    INTEGER NOT NULL DEFAULT 0
);
"""

# Readers (core/store/db.py): a private in-memory database with the file attached read-only,
# so that every read sees the file as it is now, not an instance DuckDB keeps open.
ATTACH_READ_ONLY = "ATTACH ? AS meetings_db (READ_ONLY)"
USE_ATTACHED = "USE meetings_db"

# --------------------------------------------------------------------- writes
# Ingest (core/store/batch.py). A batch travels as Arrow tables registered under the fixed
# names batch_ids, batch_articles, batch_meetings, batch_officials, batch_countries
# and batch_log: values never enter the SQL text.

EXISTING_ARTICLE_IDS = "SELECT id FROM articles WHERE id IN (SELECT id FROM batch_ids)"

# Re-extraction (ingest --reextract): the batch's articles and their meetings are replaced.
DELETE_BATCH_MEETINGS = "DELETE FROM meetings WHERE article_id IN (SELECT id FROM batch_ids)"
DELETE_BATCH_ARTICLES = "DELETE FROM articles WHERE id IN (SELECT id FROM batch_ids)"

EXISTING_OFFICIALS = """
SELECT id, name, name_latin, name_en, country, role, variants
FROM officials WHERE id IN (SELECT id FROM batch_ids)
"""

INSERT_ARTICLES = """
INSERT INTO articles (id, source, title, url, published, text, ingested_at, outlet, agency)
SELECT id, source, title, url, published, text, ingested_at, outlet, agency FROM batch_articles
"""

_MEETING_COLUMNS = """id, article_id, source,
    china_id, china_name, china_name_latin, china_name_en, china_role, china_title,
    counterpart_id, counterpart_name, counterpart_name_latin, counterpart_name_en,
    counterpart_role, counterpart_title, counterpart_country,
    date, date_precision, weekday, date_text, city, place_country, mode, topics, evidence,
    confidence, reasons"""

INSERT_MEETINGS = (f"INSERT OR IGNORE INTO meetings ({_MEETING_COLUMNS})\n"
                   f"SELECT {_MEETING_COLUMNS} FROM batch_meetings")

# Officials are merged in Python (fullest name, union of variants), then replaced.
DELETE_BATCH_OFFICIALS = "DELETE FROM officials WHERE id IN (SELECT id FROM batch_officials)"

INSERT_OFFICIALS = """
INSERT INTO officials (id, name, name_latin, name_en, country, role, variants)
SELECT id, name, name_latin, name_en, country, role, variants FROM batch_officials
"""

DELETE_COUNTRIES = "DELETE FROM countries"

INSERT_COUNTRIES = """
INSERT INTO countries (iso3, name_en, name_hi, region, subregion, lat, lon)
SELECT iso3, name_en, name_hi, region, subregion, lat, lon FROM batch_countries
"""

INSERT_INGEST_LOG = """
INSERT INTO ingest_log (batch_id, "at", source, article_id, status, reason, meetings)
SELECT batch_id, "at", source, article_id, status, reason, meetings FROM batch_log
"""

CHECKPOINT = "CHECKPOINT"

# Events (core/store/events.py), rebuilt from every report inside the ingest transaction.
EVENT_REPORTS = """
SELECT m.id, m.article_id, m.china_id, m.china_name, m.counterpart_id, m.counterpart_name,
       m.counterpart_country, m.mode, m.date, m.date_precision, m.city, m.place_country, m.topics,
       a.outlet, a.published
FROM meetings m LEFT JOIN articles a ON a.id = m.article_id
"""
DELETE_EVENTS = "DELETE FROM events"
INSERT_EVENTS = """
INSERT INTO events SELECT event_id, china_id, counterpart_id, counterpart_country, date, date_precision, city,
       place_country, mode, topics, reports, outlets, article_ids, first_reported, disagreements FROM batch_events
"""
SET_EVENT_IDS = """
UPDATE meetings SET event_id = b.event_id FROM batch_event_of b WHERE meetings.id = b.id
"""

_TABLES = ("articles", "officials", "meetings", "countries", "ingest_log", "events")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


def insert_from_synth(table: str, columns: tuple[str, ...]) -> str:
    """INSERT of a registered `synth_batch` into a schema table (core/synth.py); names checked."""
    if table not in _TABLES or not all(_IDENTIFIER.match(c) for c in columns):
        raise ValueError(f"not a schema table or column: {table} {columns}")
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({names}) SELECT {names} FROM synth_batch"

TABLE_COUNTS = """
SELECT (SELECT count(*) FROM articles) AS articles,
       (SELECT count(*) FROM meetings) AS meetings,
       (SELECT count(*) FROM officials) AS officials,
       (SELECT count(*) FROM countries) AS countries,
       (SELECT count(*) FROM ingest_log) AS ingest_log,
       (SELECT count(*) FROM events) AS events
"""

BATCH_LOG = """
SELECT source, article_id, status, reason, meetings FROM ingest_log
WHERE batch_id = ? ORDER BY rowid
"""


# ---------------------------------------------------------------------- reads
# The dashboard and the export. Every read below starts from _filtered(f): one WHERE
# clause built from one Filters value by the template table _FILTER_SQL, with every
# value a parameter. The identifiers a caller may choose (a name column per script,
# a timeline axis, a colour) come only from the whitelist _IDENTIFIERS.

# Filters field -> condition on meetings m; each ? receives the field's value.
_FILTER_SQL = (
    ("date_from", "m.date >= ?"),
    ("date_to", "m.date <= ?"),
    ("countries", "list_contains(?::VARCHAR[], m.counterpart_country)"),
    ("regions", "m.counterpart_country IN "
                "(SELECT iso3 FROM countries WHERE list_contains(?::VARCHAR[], region))"),
    ("china_officials", "list_contains(?::VARCHAR[], m.china_id)"),
    ("counterpart_officials", "list_contains(?::VARCHAR[], m.counterpart_id)"),
    ("roles", "(list_contains(?::VARCHAR[], m.china_role) "
              "OR list_contains(?::VARCHAR[], m.counterpart_role))"),
    ("modes", "list_contains(?::VARCHAR[], m.mode)"),
    ("topics", "list_has_any(m.topics, ?::VARCHAR[])"),
    ("text", "(" + " OR ".join(
        # contains() takes the text literally: % _ ' ; -- are just characters here. Only
        # Latin columns are lower-cased (Devanagari has no case): lower() over every
        # evidence sentence made a search ten times slower at 100,000 meetings.
        f"contains(lower(m.{c}), lower(?))" if c.endswith(("_latin", "_en")) else f"contains(m.{c}, ?)"
        for c in ("china_name", "china_name_latin", "china_name_en", "china_title", "counterpart_name",
                  "counterpart_name_latin", "counterpart_name_en", "counterpart_title", "evidence"))
     + ")"),
)

_NAME_ORDER = {"deva": ("name", "name_latin", "name_en"),   # fall back to what is known
               "latin": ("name_latin", "name_en", "name"),
               "en": ("name_en", "name_latin", "name")}
_NO_COUNTRY = {"deva": "अंतरराष्ट्रीय संगठन", "latin": "International organisation",
               "en": "International organisation"}


def _build_identifiers() -> dict[tuple[str, ...], str]:
    """Every SQL expression a caller may pick, keyed by (kind, choice, script)."""
    out: dict[tuple[str, ...], str] = {}
    for side in ("china", "counterpart"):
        out[("side", side, "")] = side
    for script, order in _NAME_ORDER.items():
        for side in ("china", "counterpart"):
            out[("name", side, script)] = "coalesce(" + ", ".join(f"f.{side}_{c}" for c in order) + ")"
        country = "c.name_hi, c.name_en" if script == "deva" else "c.name_en"
        out[("country", "", script)] = f"coalesce({country}, f.counterpart_country, '{_NO_COUNTRY[script]}')"
        out[("axis", "country", script)] = out[("country", "", script)]
        out[("axis", "china", script)] = out[("name", "china", script)]
    out[("axis_key", "country", "")] = "coalesce(f.counterpart_country, '')"
    out[("axis_key", "china", "")] = "f.china_id"
    out[("colour", "role", "")] = "f.counterpart_role"
    out[("colour", "region", "")] = "coalesce(c.region, 'International')"
    return out


_IDENTIFIERS = _build_identifiers()
TIMELINE_AXES = ("country", "china")
TIMELINE_COLOURS = ("role", "region")


def _ident(kind: str, choice: str = "", script: str = "") -> str:
    """The whitelisted SQL expression for a choice; anything else raises ValueError."""
    try:
        return _IDENTIFIERS[(kind, choice, script)]
    except KeyError:
        raise ValueError(f"not a known {kind}: {choice!r} {script!r}") from None


def filter_where(f: Filters) -> tuple[str, list]:
    """('m.date >= ? AND ...', [params]) for f over meetings m; 'TRUE' when f is empty."""
    clauses, params = [], []
    for name, sql in _FILTER_SQL:
        value = getattr(f, name)
        if value:
            clauses.append(sql)
            params.extend([list(value) if isinstance(value, tuple) else value] * sql.count("?"))
    return " AND ".join(clauses) or "TRUE", params


def _filtered(f: Filters) -> tuple[str, list]:
    """The CTE `f` of the filtered meetings, and its parameters; every read starts here."""
    where, params = filter_where(f)
    return f"WITH f AS (SELECT m.* FROM meetings m WHERE {where})", params


def _df(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> pd.DataFrame:
    """Run one read and return a DataFrame."""
    # Through Arrow: four times faster than .df() for string columns (100,000 rows: 0.15 s).
    return con.sql(sql, params=params).to_arrow_table().to_pandas()


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[tuple]:
    """Run one small read and return its rows as tuples."""
    return con.sql(sql, params=params or []).fetchall()


def _meeting_select(script: str) -> str:
    """The columns of one meeting row as the table and the export show it."""
    return f"""
SELECT f.id, strftime(f.date, '%Y-%m-%d') AS date, f.date_precision, f.weekday, f.date_text,
       {_ident("name", "china", script)} AS china, f.china_title, f.china_role,
       {_ident("name", "counterpart", script)} AS counterpart, f.counterpart_title,
       f.counterpart_role, f.counterpart_country AS country, {_ident("country", "", script)} AS country_name,
       f.city, f.place_country, f.mode, f.topics, f.evidence, f.source,
       f.article_id, f.china_id, f.counterpart_id, f.confidence, f.reasons AS confidence_reasons
FROM f LEFT JOIN countries c ON c.iso3 = f.counterpart_country"""


def filtered_meetings(con: duckdb.DuckDBPyConnection, f: Filters, limit: int | None = None,
                      offset: int = 0, dated: bool | None = None) -> pd.DataFrame:
    """THE query path: the meetings f selects, newest first, names in f.script; one row each.

    The table pages through it with limit/offset; the downloads take it whole.
    """
    where, params = filter_where(f)
    where += {None: "", True: " AND m.date IS NOT NULL", False: " AND m.date IS NULL"}[dated]
    if limit is None:
        cte = f"WITH f AS (SELECT m.* FROM meetings m WHERE {where})"
    else:   # sort and cut the ids first, then fetch the wide rows of that page only
        cte = (f"WITH page AS (SELECT m.id FROM meetings m WHERE {where}\n"
               "ORDER BY m.date DESC NULLS LAST, m.id LIMIT ? OFFSET ?),\n"
               "f AS (SELECT m.* FROM meetings m WHERE m.id IN (SELECT id FROM page))")
        params = [*params, limit, offset]
    return _df(con, f"{cte}{_meeting_select(f.script)}\nORDER BY f.date DESC NULLS LAST, f.id", params)


def meeting_counts(con: duckdb.DuckDBPyConnection, f: Filters) -> dict[str, float]:
    """{'meetings', 'countries', 'officials', 'articles', 'dated', 'dated_share'} of f's meetings."""
    cte, params = _filtered(f)
    [row] = _rows(con, f"""{cte}
SELECT count(*) AS meetings, count(DISTINCT counterpart_country) AS countries,
       (SELECT count(*) FROM (SELECT china_id FROM f UNION SELECT counterpart_id FROM f)) AS officials,
       count(DISTINCT article_id) AS articles, count(date) AS dated
FROM f""", params)
    counts = dict(zip(("meetings", "countries", "officials", "articles", "dated"), row))
    counts["dated_share"] = counts["dated"] / counts["meetings"] if counts["meetings"] else 0.0
    return counts


def meetings_per_month(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """month ('2022-02'), meetings: f's meetings with a known day, per calendar month."""
    cte, params = _filtered(f)
    return _df(con, f"""{cte}
SELECT strftime(date_trunc('month', date), '%Y-%m') AS month, count(*) AS meetings
FROM f WHERE date IS NOT NULL GROUP BY 1 ORDER BY 1""", params)


def precision_counts(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """dated, date_precision, meetings: f's meetings with and without a known day, per precision."""
    cte, params = _filtered(f)
    return _df(con, f"""{cte}
SELECT date IS NOT NULL AS dated, date_precision, count(*) AS meetings FROM f
GROUP BY 1, 2 ORDER BY 1 DESC, 3 DESC, 2""", params)


def top_countries(con: duckdb.DuckDBPyConnection, f: Filters, limit: int = 10) -> pd.DataFrame:
    """iso3, country, region, meetings: the counterpart countries f's meetings involve most."""
    cte, params = _filtered(f)
    return _df(con, f"""{cte}
SELECT f.counterpart_country AS iso3, {_ident("country", "", f.script)} AS country,
       coalesce(any_value(c.region), '') AS region, count(*) AS meetings
FROM f LEFT JOIN countries c ON c.iso3 = f.counterpart_country
GROUP BY 1, 2 ORDER BY meetings DESC, iso3 NULLS LAST LIMIT ?""", [*params, limit])


def top_officials(con: duckdb.DuckDBPyConnection, f: Filters, side: str = "china",
                  limit: int = 10) -> pd.DataFrame:
    """id, name, title, country, meetings: the officials of one side who meet most."""
    cte, params = _filtered(f)
    side = _ident("side", side)
    side_country = "'CHN'" if side == "china" else "f.counterpart_country"
    return _df(con, f"""{cte}
SELECT f.{side}_id AS id, min({_ident("name", side, f.script)}) AS name,
       mode(f.{side}_title) AS title, any_value({side_country}) AS country, count(*) AS meetings
FROM f GROUP BY 1 ORDER BY meetings DESC, id LIMIT ?""", [*params, limit])


def timeline_points(con: duckdb.DuckDBPyConnection, f: Filters, axis: str, colour: str,
                    max_rows: int = 30, max_points: int = 1500) -> pd.DataFrame:
    """Dated meetings of the max_rows busiest axis values, newest max_points: one point each."""
    cte, params = _filtered(f)
    # The busiest rows and the newest points are chosen on three narrow columns; only the
    # chosen meetings are read in full (the wide columns of every meeting cost 3x more).
    return _df(con, f"""{cte},
t AS (SELECT f.id, f.date, {_ident("axis_key", axis)} AS axis_key FROM f WHERE f.date IS NOT NULL),
busiest AS (SELECT axis_key FROM t GROUP BY 1 ORDER BY count(*) DESC, axis_key LIMIT ?),
chosen AS (SELECT id FROM t WHERE axis_key IN (SELECT axis_key FROM busiest)
           ORDER BY date DESC, id LIMIT ?)
SELECT f.id, strftime(f.date, '%Y-%m-%d') AS date, {_ident("axis", axis, f.script)} AS axis,
       {_ident("colour", colour)} AS colour, {_ident("name", "china", f.script)} AS china, f.china_title,
       {_ident("name", "counterpart", f.script)} AS counterpart, f.counterpart_title,
       f.counterpart_country AS country, f.city, f.place_country, f.mode, f.topics, f.evidence
FROM (SELECT * FROM meetings WHERE id IN (SELECT id FROM chosen)) AS f
LEFT JOIN countries c ON c.iso3 = f.counterpart_country
ORDER BY f.date DESC, f.id""", [*params, max_rows, max_points])


def country_summary(con: duckdb.DuckDBPyConnection, f: Filters, top: int = 3) -> pd.DataFrame:
    """iso3, country, region, meetings, top_officials, top_china, top_topics: one row per country."""
    cte, params = _filtered(f)
    return _df(con, f"""{cte},
people AS (SELECT iso3, side, id, min(name) AS name,
                  row_number() OVER (PARTITION BY iso3, side ORDER BY count(*) DESC, id) AS r
           FROM (SELECT counterpart_country AS iso3, 'counterpart' AS side, counterpart_id AS id,
                        {_ident("name", "counterpart", f.script)} AS name FROM f
                 UNION ALL
                 SELECT counterpart_country, 'china', china_id, {_ident("name", "china", f.script)} FROM f)
           WHERE iso3 IS NOT NULL GROUP BY iso3, side, id QUALIFY r <= ?),
people_top AS (SELECT iso3, list(name ORDER BY r) FILTER (WHERE side = 'counterpart') AS top_officials,
                      list(name ORDER BY r) FILTER (WHERE side = 'china') AS top_china
               FROM people GROUP BY iso3),
topics_top AS (SELECT iso3, list(topic ORDER BY r) AS top_topics
               FROM (SELECT iso3, topic, row_number() OVER (PARTITION BY iso3 ORDER BY count(*) DESC, topic) AS r
                     FROM (SELECT counterpart_country AS iso3, unnest(topics) AS topic FROM f)
                     WHERE iso3 IS NOT NULL GROUP BY 1, 2 QUALIFY r <= ?)
               GROUP BY iso3)
SELECT f.counterpart_country AS iso3, {_ident("country", "", f.script)} AS country,
       coalesce(c.region, '') AS region, f.meetings,
       coalesce(p.top_officials, []) AS top_officials, coalesce(p.top_china, []) AS top_china,
       coalesce(t.top_topics, []) AS top_topics
FROM (SELECT counterpart_country, count(*) AS meetings FROM f
      WHERE counterpart_country IS NOT NULL GROUP BY 1) AS f
LEFT JOIN countries c ON c.iso3 = f.counterpart_country
LEFT JOIN people_top p ON p.iso3 = f.counterpart_country
LEFT JOIN topics_top t ON t.iso3 = f.counterpart_country
ORDER BY f.meetings DESC, iso3""", [*params, top, top])


_NETWORK_ENDS = """ends AS (
    SELECT china_id AS id, 'china' AS side, 'CHN' AS country, china_title AS title,
           china_name AS name, china_name_latin AS name_latin, china_name_en AS name_en, date FROM f
    UNION ALL
    SELECT counterpart_id, 'counterpart', counterpart_country, counterpart_title,
           counterpart_name, counterpart_name_latin, counterpart_name_en, date FROM f),
ranked AS (SELECT id, side, row_number() OVER (PARTITION BY side ORDER BY count(*) DESC, id) AS r
           FROM ends GROUP BY id, side),
-- A few Chinese officials take part in most meetings; ranking each side on its own and
-- taking one Chinese official per three counterparts keeps pairs (edges) in the top N.
busiest AS (SELECT id FROM ranked
            ORDER BY r * CASE side WHEN 'china' THEN 3 ELSE 1 END, side, id LIMIT ?)"""


def network_nodes(con: duckdb.DuckDBPyConnection, f: Filters, top_n: int,
                  max_dates: int = 50) -> pd.DataFrame:
    """id, deva, latin, en, side, country, meetings, titles, dates (newest max_dates, oldest first)."""
    cte, params = _filtered(f)
    return _df(con, f"""{cte}, {_NETWORK_ENDS}
SELECT id, max(name) AS deva, max(name_latin) AS latin, max(name_en) AS en, any_value(side) AS side,
       any_value(country) AS country, count(*) AS meetings,
       list(DISTINCT title ORDER BY title) FILTER (WHERE title IS NOT NULL) AS titles,
       list_reverse((list(DISTINCT strftime(date, '%Y-%m-%d') ORDER BY strftime(date, '%Y-%m-%d') DESC)
                     FILTER (WHERE date IS NOT NULL))[1:?]) AS dates
FROM ends WHERE id IN (SELECT id FROM busiest)
GROUP BY id ORDER BY meetings DESC, id""", [*params, top_n, max_dates])   # ? in text order


def network_edges(con: duckdb.DuckDBPyConnection, f: Filters, top_n: int) -> pd.DataFrame:
    """source (Chinese official), target (counterpart), meetings: pairs among network_nodes' officials."""
    cte, params = _filtered(f)
    return _df(con, f"""{cte}, {_NETWORK_ENDS}
SELECT china_id AS source, counterpart_id AS target, count(*) AS meetings
FROM f WHERE china_id IN (SELECT id FROM busiest) AND counterpart_id IN (SELECT id FROM busiest)
GROUP BY 1, 2 ORDER BY meetings DESC, source, target""", [*params, top_n])


def meeting_detail(con: duckdb.DuckDBPyConnection, meeting_id: str, script: str) -> dict | None:
    """One meeting (the table's columns) with its article's title, url and text; None if unknown."""
    sql = f"""WITH f AS (SELECT * FROM meetings WHERE id = ?)
SELECT x.*, a.title AS article_title, a.url AS article_url, a.text AS article_text,
       a.outlet AS article_outlet, a.agency AS article_agency, a.published AS article_published
FROM ({_meeting_select(script)}) x LEFT JOIN articles a ON a.id = x.article_id"""
    rows = _df(con, sql, [meeting_id]).to_dict("records")
    return rows[0] if rows else None


def filter_options(con: duckdb.DuckDBPyConnection) -> Options:
    """What the filters may take: counterpart countries, regions, officials (busiest first), dates."""
    countries = _rows(con, """
SELECT m.counterpart_country, coalesce(any_value(c.name_en), m.counterpart_country),
       coalesce(any_value(c.name_hi), any_value(c.name_en), m.counterpart_country)
FROM meetings m LEFT JOIN countries c ON c.iso3 = m.counterpart_country
WHERE m.counterpart_country IS NOT NULL GROUP BY 1 ORDER BY 2""")
    regions = _rows(con, """
SELECT DISTINCT region FROM countries
WHERE iso3 IN (SELECT counterpart_country FROM meetings) ORDER BY 1""")
    [(first, last)] = _rows(con, "SELECT min(date), max(date) FROM meetings")
    return Options(countries={iso3: (en, hi) for iso3, en, hi in countries},
                   regions=tuple(r for (r,) in regions),
                   china_officials=_officials(con, "china"),
                   counterpart_officials=_officials(con, "counterpart"),
                   date_min=first, date_max=last)


def _officials(con: duckdb.DuckDBPyConnection, side: str) -> dict[str, tuple[str, str, str]]:
    """id -> (Devanagari, Latin, English) of one side's officials, busiest first."""
    side = _ident("side", side)
    rows = _rows(con, f"""
SELECT {side}_id, coalesce(max({side}_name), ''), coalesce(max({side}_name_latin), ''),
       coalesce(max({side}_name_en), '')
FROM meetings GROUP BY 1 ORDER BY count(*) DESC, 1""")
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def filtered_events(con: duckdb.DuckDBPyConnection, f: Filters) -> pd.DataFrame:
    """The events of the meetings f selects (an event is in when any of its reports is), with
    both officials' names in f.script, newest first."""
    cte, params = _filtered(f)
    return _df(con, f"""{cte}
SELECT e.event_id, e.china_id, {_official_name("ch", f.script)} AS china, e.counterpart_id,
       {_official_name("cp", f.script)} AS counterpart, e.counterpart_country AS country,
       strftime(e.date, '%Y-%m-%d') AS date, e.date_precision, e.city, e.place_country, e.mode, e.topics,
       e.reports, e.outlets, e.article_ids, strftime(e.first_reported, '%Y-%m-%d') AS first_reported,
       e.disagreements
FROM events e
LEFT JOIN officials ch ON ch.id = e.china_id
LEFT JOIN officials cp ON cp.id = e.counterpart_id
WHERE e.event_id IN (SELECT event_id FROM f)
ORDER BY e.date DESC NULLS LAST, e.event_id""", params)


def _official_name(alias: str, script: str) -> str:
    """An officials row's name in a script, falling back to what is known."""
    order = {"deva": ("name", "name_latin", "name_en"), "latin": ("name_latin", "name_en", "name"),
             "en": ("name_en", "name_latin", "name")}[script]
    return "coalesce(" + ", ".join(f"{alias}.{column}" for column in order) + ")"
