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
    at          TIMESTAMP NOT NULL,
    source      VARCHAR NOT NULL,
    article_id  VARCHAR,
    status      VARCHAR NOT NULL,         -- new | duplicate | rejected | skipped
    reason      VARCHAR,
    meetings    INTEGER NOT NULL DEFAULT 0
);
"""
