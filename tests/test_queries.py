"""The reads of core/store/queries.py: one WHERE clause, parameters only, aggregates that agree.

Every aggregate is checked against filtered_meetings (the rows the table and the
export show) for the same Filters: the screen, the charts and the download agree.
"""
from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pytest

from core.store import queries
from core.store.filters import Filters
from core.synth import build_synthetic_db

CASES = {
    "all": Filters(),
    "country": Filters(countries=("PAK", "NPL")),
    "region": Filters(regions=("Europe", "Africa")),
    "dates": Filters(date_from=date(2019, 1, 1), date_to=date(2020, 12, 31)),
    "roles": Filters(roles=("head_of_state",)),
    "topics": Filters(topics=("bri", "health"), modes=("in_person",)),
    "text": Filters(text="विदेश मंत्री", script="latin"),
    "nothing": Filters(countries=("PAK",), regions=("Europe",)),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """A 4,000-meeting synthetic database, with one evidence full of SQL metacharacters."""
    path = build_synthetic_db(tmp_path_factory.mktemp("q") / "m.duckdb", 4000, seed=5)
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE meetings SET evidence = ? WHERE id = (SELECT min(id) FROM meetings)",
                    ["सौदा 50% off_now; it's \"done\" -- ok"])
    return path


@pytest.fixture(scope="module")
def con(db):
    """A read-only connection for the whole module."""
    with duckdb.connect(str(db), read_only=True) as connection:
        yield connection


@pytest.fixture(scope="module")
def everything(con) -> pd.DataFrame:
    """Every meeting row, with the raw columns the filters look at."""
    return con.execute("SELECT m.*, c.region FROM meetings m LEFT JOIN countries c "
                       "ON c.iso3 = m.counterpart_country").df()


def test_values_never_enter_the_sql_text():
    f = Filters(date_from=date(2020, 1, 1), countries=("PAK",), regions=("Asia",),
                china_officials=("x'y",), counterpart_officials=("z",), roles=("minister",),
                modes=("phone",), topics=("bri",), text="'; DROP TABLE meetings; --")
    sql, params = queries.filter_where(f)
    assert sql.count("?") == len(params)
    for value in ("2020", "PAK", "Asia", "x'y", "minister", "phone", "bri", "DROP"):
        assert value not in sql
    assert "'; DROP TABLE meetings; --" in params


def test_an_empty_filter_selects_everything():
    assert queries.filter_where(Filters(script="en")) == ("TRUE", [])


@pytest.mark.parametrize("name", CASES)
def test_counts_agree_with_the_rows(con, name):
    f = CASES[name]
    rows = queries.filtered_meetings(con, f)
    counts = queries.meeting_counts(con, f)
    assert counts["meetings"] == len(rows) == rows["id"].nunique()
    assert counts["countries"] == rows["country"].nunique()
    assert counts["articles"] == rows["article_id"].nunique()
    assert counts["officials"] == len(set(rows["china_id"]) | set(rows["counterpart_id"]))
    assert counts["dated"] == rows["date"].notna().sum()


@pytest.mark.parametrize("name", CASES)
def test_aggregates_add_up_to_the_rows(con, name):
    f = CASES[name]
    rows = queries.filtered_meetings(con, f)
    assert queries.meetings_per_month(con, f)["meetings"].sum() == rows["date"].notna().sum()
    precisions = queries.precision_counts(con, f)
    assert precisions["meetings"].sum() == len(rows)
    assert precisions.loc[~precisions["dated"], "meetings"].sum() == rows["date"].isna().sum()
    summary = queries.country_summary(con, f)
    assert summary["meetings"].sum() == rows["country"].notna().sum()
    top = queries.top_countries(con, f, 5)
    assert list(top["meetings"]) == list(rows["country"].value_counts(dropna=False).head(5))
    china = queries.top_officials(con, f, "china", 3)
    assert list(china["meetings"]) == list(rows["china_id"].value_counts().head(3))


@pytest.mark.parametrize("name", CASES)
def test_each_filter_keeps_exactly_the_matching_meetings(con, everything, name):
    f = CASES[name]
    expected = everything
    if f.countries:
        expected = expected[expected["counterpart_country"].isin(f.countries)]
    if f.regions:
        expected = expected[expected["region"].isin(f.regions)]
    if f.date_from:
        expected = expected[expected["date"].dt.date.ge(f.date_from).fillna(False)]
    if f.date_to:
        expected = expected[expected["date"].dt.date.le(f.date_to).fillna(False)]
    if f.roles:
        expected = expected[expected["china_role"].isin(f.roles) | expected["counterpart_role"].isin(f.roles)]
    if f.modes:
        expected = expected[expected["mode"].isin(f.modes)]
    if f.topics:
        expected = expected[expected["topics"].map(lambda t: bool(set(t) & set(f.topics)))]
    if f.text:
        haystack = expected[["china_name", "china_title", "counterpart_name", "counterpart_title",
                             "evidence"]].fillna("").agg(" ".join, axis=1)
        expected = expected[haystack.str.contains(f.text, regex=False)]
    assert set(queries.filtered_meetings(con, f)["id"]) == set(expected["id"])


@pytest.mark.parametrize("text", ["50% off_now", "it's \"done\" --", "; it"])
def test_search_text_is_literal(con, text):
    rows = queries.filtered_meetings(con, Filters(text=text))
    assert len(rows) == 1 and "50% off_now" in rows["evidence"].iloc[0]


def test_search_ignores_case_in_latin_names(con):
    name = queries.filtered_meetings(con, Filters(script="latin"), limit=1)["counterpart"].iloc[0]
    rows = queries.filtered_meetings(con, Filters(text=name.upper(), script="latin"))
    assert len(rows) and name in set(rows["counterpart"]) | set(rows["china"])


def test_percent_and_underscore_are_not_wildcards(con):
    assert queries.filtered_meetings(con, Filters(text="5_%")).empty


def test_names_follow_the_script_with_fallbacks(con):
    deva = queries.filtered_meetings(con, Filters(), limit=50)
    latin = queries.filtered_meetings(con, Filters(script="latin"), limit=50)
    english = queries.filtered_meetings(con, Filters(script="en"), limit=50)
    raw = con.execute("SELECT id, counterpart_name_latin, counterpart_name_en FROM meetings").df().set_index("id")
    assert all(any("\u0900" <= ch <= "\u097f" for ch in n) for n in deva["counterpart"])
    assert list(latin["counterpart"]) == list(raw.loc[latin["id"], "counterpart_name_latin"])
    fallback = raw.loc[english["id"]].apply(lambda r: r.counterpart_name_en if isinstance(
        r.counterpart_name_en, str) else r.counterpart_name_latin, axis=1)
    assert list(english["counterpart"]) == list(fallback)


def test_the_table_pages_through_the_same_rows(con):
    whole = queries.filtered_meetings(con, Filters(topics=("economy",)))
    pages = [queries.filtered_meetings(con, Filters(topics=("economy",)), 500, k * 500) for k in range(3)]
    assert list(pd.concat(pages)["id"]) == list(whole["id"].head(1500))


def test_timeline_points_are_filtered_dated_and_capped(con):
    f = CASES["topics"]
    points = queries.timeline_points(con, f, "country", "region", max_rows=5, max_points=200)
    rows = queries.filtered_meetings(con, f, dated=True)
    assert len(points) == 200 and set(points["id"]) <= set(rows["id"])
    assert points["date"].notna().all() and points["axis"].nunique() <= 5


def test_network_nodes_and_edges_share_one_top_n(con):
    nodes = queries.network_nodes(con, Filters(), 20)
    edges = queries.network_edges(con, Filters(), 20)
    assert len(nodes) == 20 and set(nodes["side"]) == {"china", "counterpart"}
    assert set(edges["source"]) | set(edges["target"]) <= set(nodes["id"])
    assert edges["meetings"].sum() <= queries.meeting_counts(con, Filters())["meetings"]


@pytest.mark.parametrize("axis, colour", [("country; DROP TABLE meetings", "role"),
                                          ("country", "region) --")])
def test_identifiers_come_only_from_the_whitelist(con, axis, colour):
    with pytest.raises(ValueError):
        queries.timeline_points(con, Filters(), axis, colour)


def test_a_side_outside_the_whitelist_is_refused(con):
    with pytest.raises(ValueError):
        queries.top_officials(con, Filters(), "china_id FROM meetings; --")


def test_meeting_detail_brings_the_article_and_refuses_unknown_ids(con):
    row = queries.filtered_meetings(con, Filters(), limit=1).iloc[0]
    detail = queries.meeting_detail(con, row["id"], "en")
    assert detail["id"] == row["id"] and row["evidence"] in detail["article_text"]
    assert queries.meeting_detail(con, "' OR '1'='1", "en") is None


def test_filter_options_list_what_exists(con, everything):
    opts = queries.filter_options(con)
    assert set(opts.countries) == set(everything["counterpart_country"].dropna())
    assert set(opts.china_officials) == set(everything["china_id"])
    assert set(opts.counterpart_officials) == set(everything["counterpart_id"])
    assert opts.date_min == everything["date"].min().date()


def test_every_read_works_on_an_empty_database(tmp_path):
    path = tmp_path / "empty.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(queries.SCHEMA)
        f = Filters(text="x")
        assert queries.meeting_counts(con, f)["meetings"] == 0
        for frame in (queries.filtered_meetings(con, f), queries.meetings_per_month(con, f),
                      queries.top_countries(con, f), queries.top_officials(con, f, "counterpart"),
                      queries.timeline_points(con, f, "china", "role"), queries.country_summary(con, f),
                      queries.network_nodes(con, f, 10), queries.network_edges(con, f, 10),
                      queries.precision_counts(con, f)):
            assert frame.empty
        assert queries.filter_options(con).countries == {}
