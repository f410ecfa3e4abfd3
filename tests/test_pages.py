"""Every dashboard page under Streamlit's AppTest, on real DuckDB files.

The databases: a synthetic one (core/synth.py), an empty one (schema, no rows) and
the sample articles ingested by the real pipeline. The app finds its file through
$MEETINGS_DB. Assertions compare what a page shows with what DuckDB says.
"""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from core import store
from core.store import queries
from core.store.filters import Filters
from core.synth import build_synthetic_db
from core.views import export

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = ("pages/overview.py", "pages/timeline.py", "pages/map.py", "pages/network.py",
         "pages/meetings.py")
TIMEOUT = 60


@pytest.fixture(scope="session")
def synth_db(tmp_path_factory) -> Path:
    """A 3,000-meeting synthetic database."""
    return build_synthetic_db(tmp_path_factory.mktemp("synth") / "meetings.duckdb", 3000, seed=11)


@pytest.fixture(scope="session")
def empty_db(tmp_path_factory) -> Path:
    """A database with every table and no row."""
    path = tmp_path_factory.mktemp("empty") / "meetings.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(queries.SCHEMA)
    return path


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    """The sample articles of data/articles ingested by the real store and extractor."""
    path = tmp_path_factory.mktemp("sample") / "meetings.duckdb"
    store.build_if_missing(path, ROOT / "data" / "articles")
    return path


@pytest.fixture
def downloads(monkeypatch) -> dict[str, object]:
    """file name -> the callable a deferred st.download_button would run on click."""
    seen: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def record(self, data_callable, *args, **kwargs):
        seen[kwargs.get("file_name") or args[2]] = data_callable
        return original(self, data_callable, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return seen


def open_app(monkeypatch, db: Path, page: str | None = None, **params) -> AppTest:
    """The app run once on db with these query parameters, then on page if given."""
    monkeypatch.setenv("MEETINGS_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(params)
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def shown(at: AppTest) -> str:
    """Everything the main area shows, as one string of element protos."""
    return "\n".join(str(getattr(el, "proto", "")) for el in at.main)


def metric(at: AppTest, label: str) -> str:
    """The value of the metric with this label."""
    return next(m.value for m in at.metric if m.label == label)


def busiest_country(db: Path) -> str:
    """The counterpart country with the most meetings."""
    with store.read_connection(db) as con:
        return str(queries.top_countries(con, Filters(), 1)["iso3"][0])


def counts(db: Path, f: Filters) -> dict:
    """queries.meeting_counts of f on db."""
    with store.read_connection(db) as con:
        return queries.meeting_counts(con, f)


# ----------------------------------------------------------------- smoke

@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_synthetic_data(monkeypatch, synth_db, page):
    at = open_app(monkeypatch, synth_db, page)
    assert not at.exception
    assert not at.warning                      # no notice without a bad URL


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_an_empty_database(monkeypatch, empty_db, page):
    at = open_app(monkeypatch, empty_db, page)
    assert not at.exception
    assert at.info or at.metric or "0 meetings" in shown(at)


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_the_ingested_sample_articles(monkeypatch, sample_db, page):
    """Only what holds for any correct extractor: no error, and the counts agree with the store."""
    at = open_app(monkeypatch, sample_db, page)
    assert not at.exception
    if page == "pages/overview.py":
        assert metric(at, "Meetings") == f"{counts(sample_db, Filters())['meetings']:,}"
        assert int(metric(at, "Articles").replace(",", "")) <= 5   # five sample articles


def test_a_missing_database_is_built_from_the_articles_with_progress(monkeypatch, tmp_path):
    db = tmp_path / "fresh" / "meetings.duckdb"
    at = open_app(monkeypatch, db)
    assert not at.exception
    assert db.exists()
    assert at.get("expandable") or at.status, "the build shows a status box"
    assert store.table_counts(db)["articles"] >= 1


# ----------------------------------------------------------------- filters change the page

@pytest.mark.parametrize("page", PAGES)
def test_choosing_a_country_changes_the_page(monkeypatch, synth_db, page):
    at = open_app(monkeypatch, synth_db, page)
    before = shown(at)
    at.multiselect(key="f_countries").set_value([busiest_country(synth_db)]).run()
    assert not at.exception
    assert shown(at) != before


def test_overview_counts_follow_the_filters(monkeypatch, synth_db):
    iso3 = busiest_country(synth_db)
    at = open_app(monkeypatch, synth_db)
    at.multiselect(key="f_countries").set_value([iso3]).run()
    at.multiselect(key="f_topics").set_value(["bri"]).run()
    expected = counts(synth_db, Filters(countries=(iso3,), topics=("bri",)))
    assert metric(at, "Meetings") == f"{expected['meetings']:,}"
    assert metric(at, "Counterpart countries") == "1"


def test_meetings_table_shows_only_the_chosen_country(monkeypatch, synth_db):
    iso3 = busiest_country(synth_db)
    at = open_app(monkeypatch, synth_db, "pages/meetings.py", country=iso3)
    table = at.dataframe[0].value
    assert len(table) and set(table["country"]) == {iso3}


def test_map_table_ranks_countries_and_narrows_with_the_filter(monkeypatch, synth_db):
    at = open_app(monkeypatch, synth_db, "pages/map.py")
    ranked = at.dataframe[0].value
    assert list(ranked["meetings"]) == sorted(ranked["meetings"], reverse=True)
    at.multiselect(key="f_countries").set_value([ranked["iso3"].iloc[1]]).run()
    assert list(at.dataframe[0].value["iso3"]) == [ranked["iso3"].iloc[1]]


def test_timeline_plots_only_the_chosen_official(monkeypatch, synth_db):
    with store.read_connection(synth_db) as con:
        china = queries.top_officials(con, Filters(script="latin"), "china", 1)
    at = open_app(monkeypatch, synth_db, "pages/timeline.py", china=china["id"][0], script="latin")
    at.radio(key="rows").set_value("china").run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    rows = {y for trace in spec["data"] for y in trace["y"]}
    assert rows == {china["name"][0]}


def test_the_script_choice_changes_the_names(monkeypatch, synth_db):
    at = open_app(monkeypatch, synth_db, "pages/meetings.py")
    deva = at.dataframe[0].value["china"].iloc[0]
    at.radio(key="f_script").set_value("latin").run()
    latin = at.dataframe[0].value["china"].iloc[0]
    assert any("\u0900" <= ch <= "\u097f" for ch in deva)
    assert latin.isascii() and latin != deva


# ----------------------------------------------------------------- the URL

def test_query_parameters_restore_every_filter(monkeypatch, synth_db):
    with store.read_connection(synth_db) as con:
        opts = queries.filter_options(con)
    china, official = next(iter(opts.china_officials)), next(iter(opts.counterpart_officials))
    params = {"from": "2016-01-01", "to": "2024-06-30", "country": ["PAK", "RUS"], "region": "Asia",
              "china": china, "official": official, "role": ["head_of_state", "minister"],
              "mode": "phone", "topic": ["bri", "economy"], "q": "मंत्री", "script": "en"}
    at = open_app(monkeypatch, synth_db, "pages/meetings.py", **params)
    assert not at.exception and not at.warning
    assert at.session_state.filters == Filters(
        date_from=__import__("datetime").date(2016, 1, 1), date_to=__import__("datetime").date(2024, 6, 30),
        countries=("PAK", "RUS"), regions=("Asia",), china_officials=(china,),
        counterpart_officials=(official,), roles=("head_of_state", "minister"), modes=("phone",),
        topics=("bri", "economy"), text="मंत्री", script="en")
    assert at.multiselect(key="f_countries").value == ["PAK", "RUS"]
    assert at.text_input(key="f_text").value == "मंत्री"
    assert {k: at.query_params[k] for k in params} == {k: v for k, v in params.items()}


def test_a_deep_link_opens_the_page_with_its_filters(monkeypatch, synth_db):
    iso3 = busiest_country(synth_db)
    at = open_app(monkeypatch, synth_db, "pages/meetings.py", country=iso3, mode="phone")
    total = counts(synth_db, Filters(countries=(iso3,), modes=("phone",)))["meetings"]
    assert at.title[0].value == "Meetings"
    assert f"{total:,} meetings match" in at.caption[0].value


def test_filters_survive_a_page_switch_that_drops_the_query_string(monkeypatch, synth_db):
    at = open_app(monkeypatch, synth_db, None, topic="bri")
    at.query_params.clear()                    # the browser keeps no query string on a page switch
    at.switch_page("pages/map.py").run()
    assert at.session_state.filters.topics == ("bri",)
    assert at.query_params["topic"] == "bri"   # and the URL gets it back


def test_the_page_links_carry_the_filters(monkeypatch, synth_db):
    at = open_app(monkeypatch, synth_db, "pages/map.py", topic=["bri", "energy"], script="en")
    links = {link.proto.page: link.proto.query_string for link in at.get("page_link")}
    assert len(links) == 5
    assert set(links.values()) == {"topic=bri&topic=energy&script=en"}


def test_changing_a_widget_updates_the_url(monkeypatch, synth_db):
    at = open_app(monkeypatch, synth_db)
    at.multiselect(key="f_modes").set_value(["video"]).run()
    at.text_input(key="f_text").input("वार्ता").run()
    assert at.query_params["mode"] == "video" and at.query_params["q"] == "वार्ता"
    at.button[0].click().run()                 # Clear filters
    assert "mode" not in at.query_params and "q" not in at.query_params


@pytest.mark.parametrize("params, quoted", [
    ({"country": "ZZZ"}, "ZZZ"),
    ({"topic": "cooking"}, "cooking"),
    ({"from": "yesterday"}, "yesterday"),
    ({"script": "klingon"}, "klingon"),
    ({"official": "no-such-person"}, "no-such-person"),
])
def test_an_invalid_query_parameter_gives_a_notice_not_an_error(monkeypatch, synth_db, params, quoted):
    at = open_app(monkeypatch, synth_db, "pages/timeline.py", **params)
    assert not at.exception
    assert any(quoted in w.value.replace("\\", "") for w in at.warning)
    assert at.session_state.filters == Filters()
    assert not set(params) & set(at.query_params)     # dropped from the URL too


def test_valid_values_are_kept_next_to_invalid_ones(monkeypatch, synth_db):
    at = open_app(monkeypatch, synth_db, None, country=["ZZZ", "PAK"])
    assert at.multiselect(key="f_countries").value == ["PAK"]
    assert len(at.warning) == 1


def test_a_meeting_link_opens_its_article_with_the_evidence_highlighted(monkeypatch, synth_db):
    with store.read_connection(synth_db) as con:
        row = queries.filtered_meetings(con, Filters(), limit=1).iloc[0]
    at = open_app(monkeypatch, synth_db, "pages/meetings.py", meeting=row["id"])
    body = at.get("html")[0].proto.body
    assert f"<mark>{row['evidence']}</mark>" in body


def test_an_unknown_meeting_link_gives_a_notice(monkeypatch, synth_db):
    at = open_app(monkeypatch, synth_db, "pages/meetings.py", meeting="x' OR 1=1 --")
    assert not at.exception
    assert any("not in the database" in w.value for w in at.warning)


# ----------------------------------------------------------------- downloads

def test_csv_download_is_the_filtered_rows_byte_for_byte(monkeypatch, synth_db, downloads):
    iso3 = busiest_country(synth_db)
    at = open_app(monkeypatch, synth_db, "pages/meetings.py", country=iso3, topic="economy")
    f = Filters(countries=(iso3,), topics=("economy",))
    with store.read_connection(synth_db) as con:
        expected = queries.filtered_meetings(con, f)
    data = downloads["meetings.csv"]()
    assert data == export.to_csv_bytes(expected)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") - 1 == len(expected) == counts(synth_db, f)["meetings"]
    assert not at.exception


def test_json_download_is_the_filtered_rows(monkeypatch, synth_db, downloads):
    open_app(monkeypatch, synth_db, "pages/meetings.py", mode="video")
    records = json.loads(downloads["meetings.json"]())
    with store.read_connection(synth_db) as con:
        expected = queries.filtered_meetings(con, Filters(modes=("video",)))
    assert [r["id"] for r in records] == list(expected["id"])
    assert {r["mode"] for r in records} == {"video"}


def test_downloads_hold_every_row_not_only_the_first_table_page(monkeypatch, tmp_path, downloads):
    db = build_synthetic_db(tmp_path / "big.duckdb", 2500, seed=3)
    at = open_app(monkeypatch, db, "pages/meetings.py")
    assert len(at.dataframe[0].value) == 1000
    assert downloads["meetings.csv"]().count(b"\r\n") - 1 == 2500


def test_a_file_that_is_no_database_gets_one_sentence(monkeypatch, tmp_path):
    bad = tmp_path / "notes.duckdb"
    bad.write_text("these are notes, not a database")
    at = open_app(monkeypatch, bad)
    assert not at.exception
    assert [e.value for e in at.error] and "is not a readable meetings database" in at.error[0].value
