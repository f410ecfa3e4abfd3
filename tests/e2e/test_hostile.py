"""Names with markup render as text in the network and the meetings table; nothing runs."""
from __future__ import annotations

from .harness import HOSTILE_MEETING, IMG, IMG_OFFICIAL, SCRIPT, SCRIPT_OFFICIAL, Tab


def test_network_labels_and_tooltips_are_text(tab: Tab, paths: dict):
    tab.open(f"/{paths['network']}?country=NPL&script=latin")
    frame = tab.network_frame()
    labels = frame.evaluate("() => Object.fromEntries(network.body.data.nodes.get()"
                            ".map(n => [n.id, n.label]))")
    assert labels[IMG_OFFICIAL] == IMG and labels[SCRIPT_OFFICIAL] == SCRIPT

    # Hover the <img> official: the tooltip shows the name as text, with no element made of it.
    frame.evaluate("() => network.stopSimulation()")       # so the node stays where measured
    iframe = tab.page.locator("iframe").first
    iframe.scroll_into_view_if_needed()
    x, y = frame.evaluate("""() => { const p = network.canvasToDOM(
        network.getPositions(['e2e-xss-img'])['e2e-xss-img']); return [p.x, p.y]; }""")
    box = iframe.bounding_box()
    tab.page.mouse.move(box["x"] + x - 8, box["y"] + y - 8)
    tab.page.mouse.move(box["x"] + x, box["y"] + y, steps=4)
    tooltip = frame.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    assert IMG in tooltip.inner_text()
    assert tooltip.locator("img, script").count() == 0
    assert frame.locator("img").count() == 0
    tab.screenshot("network-hostile")
    assert tab.xss_flags() == [None] * len(tab.page.frames)
    assert tab.dialogs == [] and tab.blocked == []


def test_meetings_table_and_article_show_markup_as_text(tab: Tab, paths: dict):
    tab.open(f"/{paths['meetings']}?country=NPL&script=latin&q=__xss&meeting={HOSTILE_MEETING}")
    # The grid draws on a canvas and mirrors the visible cells in an accessible <table>.
    table = tab.page.get_by_test_id("stDataFrame").first.locator("table")
    table.wait_for(state="attached", timeout=30_000)
    cells = table.inner_text()
    assert IMG in cells and SCRIPT in cells
    assert table.locator("img, script").count() == 0
    main = tab.page.get_by_test_id("stMain")
    heading = main.get_by_test_id("stHeading").filter(has_text="__xss").first.inner_text()
    assert IMG in heading                                   # the detail view's heading
    assert main.locator('img[src="x"], img[src$="/x"]').count() == 0
    tab.screenshot("meetings-hostile")
    assert tab.xss_flags() == [None] * len(tab.page.frames)
    assert tab.dialogs == [] and tab.blocked == []
