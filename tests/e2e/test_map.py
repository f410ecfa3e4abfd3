"""The map draws its countries with every non-localhost request aborted, and a click
on a country narrows the filters (sidebar and URL) to it."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from core.store.filters import Filters
from core.views import data as dashboard

from .harness import IMG, SCRIPT, Tab

OUTLINE = "/app/static/plotly-topojson/world_50m.json"


def shaded(tab: Tab) -> list[str]:
    """ISO-3 codes of the countries the choropleth has drawn."""
    tab.page.wait_for_selector(".choroplethlocation", timeout=30_000)
    paths = tab.page.locator(".choroplethlocation")
    return paths.evaluate_all("ps => ps.map(p => p.__data__.loc)")   # d3's bound datum


def test_map_renders_offline_from_the_served_outline(tab: Tab, paths: dict, db_handle):
    outline = []
    tab.page.on("response",
                lambda r: outline.append((r.url, r.status)) if OUTLINE in r.url else None)
    tab.open(f"/{paths['map']}")
    expected = set(dashboard.country_map(db_handle, Filters())["iso3"])
    assert set(shaded(tab)) == expected
    assert tab.page.locator(".geo .landlayer path, .geo .layer.land path").count() >= 1  # base map
    assert [status for _, status in outline] == [200]
    assert tab.blocked == [], f"requests left localhost: {tab.blocked[:5]}"
    tab.screenshot("map-offline")


def test_click_on_a_country_narrows_the_filters(tab: Tab, paths: dict):
    tab.open(f"/{paths['map']}")
    assert "IND" in shaded(tab)
    india = tab.page.locator(".choroplethlocation").nth(shaded(tab).index("IND"))
    box = india.bounding_box()
    tab.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.page.wait_for_function("() => new URL(location.href).searchParams.get('country') === 'IND'",
                               timeout=30_000)
    tab.settle()
    assert parse_qs(urlsplit(tab.page.url).query)["country"] == ["IND"]
    assert tab.chips("Counterpart countries") == ["India · भारत"]
    assert shaded(tab) == ["IND"]
    tab.screenshot("map-clicked")
    assert tab.dialogs == [] and tab.blocked == []


def test_hover_shows_hostile_names_as_text(tab: Tab, paths: dict):
    tab.open(f"/{paths['map']}?country=NPL&script=latin")
    assert shaded(tab) == ["NPL"]
    box = tab.page.locator(".choroplethlocation").first.bounding_box()
    tab.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.page.wait_for_selector(".hoverlayer .hovertext", timeout=10_000)
    hover = tab.page.locator(".hoverlayer").text_content()
    assert IMG in hover and SCRIPT in hover
    assert tab.page.locator(".hoverlayer img, .hoverlayer script").count() == 0
    assert tab.xss_flags() == [None] * len(tab.page.frames) and tab.dialogs == []
