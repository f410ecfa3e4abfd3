"""Every page opened by a deep link with filters: the sidebar shows them, the page obeys."""
from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from core.store.filters import Filters
from core.views import data as dashboard

from .harness import Tab, new_context, new_tab, running_app

QUERY = "country=NPL&mode=in_person&from=2018-01-01&script=latin"
FILTERS = Filters(countries=("NPL",), modes=("in_person",), date_from=date(2018, 1, 1),
                  script="latin")
PAGES = ("overview", "timeline", "map", "network", "meetings")


def assert_sidebar_shows_the_filters(tab: Tab) -> None:
    """The URL's filters are in the widgets and still in the address bar."""
    assert tab.chips("Counterpart countries") == ["Nepal · नेपाल"]
    assert tab.chips("Mode") == ["In person"]
    assert tab.date("From") == "2018-01-01"
    assert tab.checked("Names in") == "Latin"
    query = parse_qs(urlsplit(tab.page.url).query)
    assert query["country"] == ["NPL"] and query["mode"] == ["in_person"]
    assert query["script"] == ["latin"] and query["from"] == ["2018-01-01"]


def assert_clean(tab: Tab) -> None:
    """No exception box, no dialog, nothing fetched from outside localhost."""
    assert tab.page.get_by_test_id("stException").count() == 0
    assert tab.dialogs_shown() == [] and tab.dialogs == []
    assert tab.blocked == [], f"requests left localhost: {tab.blocked[:5]}"
    assert tab.errors == [], tab.errors[:3]


@pytest.mark.parametrize("name", PAGES)
def test_deep_link_restores_filters(tab: Tab, paths: dict, db_handle, name: str):
    tab.open(f"/{paths[name]}?{QUERY}")
    assert_sidebar_shows_the_filters(tab)
    CHECKS[name](tab, db_handle)
    tab.screenshot(name)
    assert_clean(tab)


def check_overview(tab: Tab, db) -> None:
    """The counts are those of the filtered meetings: one country."""
    counts = dashboard.overview(db, FILTERS).counts
    metrics = dict(zip(tab.page.get_by_test_id("stMetricLabel").all_inner_texts(),
                       tab.page.get_by_test_id("stMetricValue").all_inner_texts()))
    assert metrics["Counterpart countries"] == "1"
    assert metrics["Meetings"] == f"{counts['meetings']:,}"


def check_timeline(tab: Tab, db) -> None:
    """One row per counterpart country: only Nepal."""
    tab.page.wait_for_selector(".js-plotly-plot .ytick text")
    ticks = set(tab.page.locator(".js-plotly-plot .ytick text").all_text_contents())
    assert ticks == {"Nepal"}, ticks


def check_map(tab: Tab, db) -> None:
    """Only Nepal is shaded, and the ranked table lists only Nepal."""
    tab.page.wait_for_selector(".choroplethlocation")
    shaded = tab.page.locator(".choroplethlocation").evaluate_all(
        "ps => ps.map(p => p.__data__.loc)")
    assert shaded == ["NPL"]


def check_network(tab: Tab, db) -> None:
    """Every counterpart node is Nepali and labels are in Latin script."""
    frame = tab.network_frame()
    nodes = frame.evaluate("() => network.body.data.nodes.get()")
    expected, _ = dashboard.network(db, FILTERS, 60)
    assert nodes and len(nodes) == len(expected)
    latin = dict(zip(expected["id"], expected["latin"]))
    assert all(n["label"] == (latin[n["id"]] or n["label"]) for n in nodes)


def check_meetings(tab: Tab, db) -> None:
    """The caption counts exactly the filtered rows."""
    rows = dashboard.meeting_total(db, FILTERS)
    assert f"{rows:,} meetings match the filters" in " ".join(
        tab.page.get_by_test_id("stCaptionContainer").all_inner_texts())


CHECKS = {"overview": check_overview, "timeline": check_timeline, "map": check_map,
          "network": check_network, "meetings": check_meetings}


def test_cold_start_deep_link(browser, e2e_db, paths: dict):
    """The first request to a fresh server is a deep link: it lands on that page, no notice."""
    with running_app(e2e_db, "streamlit-cold") as url:
        context = new_context(browser)           # empty cache: a first visit, as a colleague's
        try:
            tab = new_tab(context, url)
            tab.open(f"/{paths['map']}?{QUERY}")
            assert urlsplit(tab.page.url).path == f"/{paths['map']}"
            assert tab.page.get_by_test_id("stHeading").first.inner_text().strip() == "Map"
            assert_sidebar_shows_the_filters(tab)
            assert tab.dialogs_shown() == []       # e.g. Streamlit's "Page not found"
        finally:
            context.close()
