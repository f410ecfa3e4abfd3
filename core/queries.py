"""Every SQL statement of the project, in one place.

Values always travel as parameters (`?`), never pasted into the SQL text.
Sections: schema, writes (ingest), reads (dashboard and export).
"""
from __future__ import annotations

# --------------------------------------------------------------------- schema

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id          VARCHAR PRIMARY KEY,      -- stable id of the normalised text
    source      VARCHAR NOT NULL,         -- path (or path#row) it was read from
    title       VARCHAR,
    url         VARCHAR,
    published   DATE,
    text        VARCHAR NOT NULL,         -- normalised body, furniture cut off
    ingested_at TIMESTAMP NOT NULL
);
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
    evidence            VARCHAR NOT NULL
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

# --------------------------------------------------------------------- writes
# Ingest (core/store.py). A batch travels as Arrow tables registered under the fixed
# names batch_ids, batch_articles, batch_meetings, batch_officials, batch_countries
# and batch_log: values never enter the SQL text.

EXISTING_ARTICLE_IDS = "SELECT id FROM articles WHERE id IN (SELECT id FROM batch_ids)"

EXISTING_OFFICIALS = """
SELECT id, name, name_latin, name_en, country, role, variants
FROM officials WHERE id IN (SELECT id FROM batch_ids)
"""

INSERT_ARTICLES = """
INSERT INTO articles (id, source, title, url, published, text, ingested_at)
SELECT id, source, title, url, published, text, ingested_at FROM batch_articles
"""

_MEETING_COLUMNS = """id, article_id, source,
    china_id, china_name, china_name_latin, china_name_en, china_role, china_title,
    counterpart_id, counterpart_name, counterpart_name_latin, counterpart_name_en,
    counterpart_role, counterpart_title, counterpart_country,
    date, date_precision, weekday, date_text, city, place_country, mode, topics, evidence"""

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

TABLE_COUNTS = """
SELECT (SELECT count(*) FROM articles) AS articles,
       (SELECT count(*) FROM meetings) AS meetings,
       (SELECT count(*) FROM officials) AS officials,
       (SELECT count(*) FROM countries) AS countries,
       (SELECT count(*) FROM ingest_log) AS ingest_log
"""

BATCH_LOG = """
SELECT source, article_id, status, reason, meetings FROM ingest_log
WHERE batch_id = ? ORDER BY rowid
"""
