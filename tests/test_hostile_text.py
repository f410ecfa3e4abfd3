"""Names, titles and evidence holding HTML, script or formulas stay inert text everywhere
the dashboard shows them: table, chart hovers, map, network, article view, CSV.

The database is a synthetic one whose first meetings carry core.synth.HOSTILE strings
in names, titles and evidence; the pages are driven by AppTest and what they send to
the browser is inspected.
"""
from __future__ import annotations

import csv
import html
import io
import json
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from core import store
from core.store import queries
from core.store.filters import Filters
from core.synth import HOSTILE, build_synthetic_db
from core.views import charts
from core.views import data as dash

APP = str(Path(__file__).resolve().parent.parent / "app.py")
RAW = ("<script", "<img", "<svg", "<iframe")   # must never reach the browser as markup
# Markdown/HTML elements: their body is rendered, so raw markup there would be live.
RENDERED = ("markdown", "caption", "alert", "heading", "html", "title", "subheader", "text")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """500 synthetic meetings, the first few with hostile strings."""
    return build_synthetic_db(tmp_path_factory.mktemp("hostile") / "m.duckdb", 500, seed=2, hostile=True)


def hostile_app(monkeypatch, db: Path, page: str, **params) -> AppTest:
    """The page on the hostile database, filtered to the meetings whose text says 'alert'."""
    monkeypatch.setenv("MEETINGS_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"q": "alert", **params})
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


def rendered_bodies(at: AppTest) -> list[str]:
    """The text of every element the browser renders as Markdown or HTML."""
    bodies = []
    for el in at.main:
        proto = getattr(el, "proto", None)
        if getattr(el, "type", "") in RENDERED or type(el).__name__.lower() in RENDERED:
            bodies.append(str(getattr(proto, "body", "")) + str(getattr(el, "value", "")))
    return bodies


def assert_no_raw_markup(texts) -> None:
    """None of the texts holds a hostile tag or handler as live markup."""
    for text in texts:
        for raw in RAW:
            assert raw not in text, text[:300]


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/timeline.py", "pages/map.py",
                                  "pages/network.py", "pages/meetings.py"])
def test_no_page_renders_hostile_text_as_markup(monkeypatch, db, page):
    at = hostile_app(monkeypatch, db, page)
    assert_no_raw_markup(rendered_bodies(at))


def test_the_table_shows_hostile_names_as_plain_data(monkeypatch, db):
    at = hostile_app(monkeypatch, db, "pages/meetings.py")
    table = at.dataframe[0].value
    assert set(HOSTILE[:3]) <= set(table["counterpart"])   # shown verbatim, as grid text


def test_timeline_hover_and_labels_are_escaped(monkeypatch, db):
    at = hostile_app(monkeypatch, db, "pages/timeline.py", script="latin")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    texts = [t for trace in spec["data"] for t in [*trace["customdata"], *trace["y"], trace["name"]]]
    assert_no_raw_markup(texts)
    assert any(html.escape(HOSTILE[0]) in t for t in texts)


def test_map_hover_is_escaped(monkeypatch, db):
    at = hostile_app(monkeypatch, db, "pages/map.py")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert_no_raw_markup(json.dumps(spec["data"], ensure_ascii=False).split('"'))


def test_network_page_carries_no_hostile_markup(monkeypatch, db):
    at = hostile_app(monkeypatch, db, "pages/network.py")
    page = next(el for el in at.main if getattr(el, "type", "") == "iframe").proto.srcdoc
    data = page[page.index("var nodeList"):]
    assert_no_raw_markup([data])
    assert "alert" in data                                  # the names are there, escaped


def test_article_view_escapes_the_article_and_highlights_the_evidence(monkeypatch, db):
    with store.read_connection(db) as con:
        row = queries.filtered_meetings(con, Filters(text="<img")).iloc[0]
    at = hostile_app(monkeypatch, db, "pages/meetings.py", meeting=row["id"])
    body = at.get("html")[0].proto.body
    assert_no_raw_markup([body])
    assert f"<mark>{html.escape(row['evidence'])}</mark>" in body
    heading = at.subheader[0].value
    assert "<img" not in heading.replace("\\<", "&lt;")     # Markdown-escaped, shown as text


def test_highlight_escapes_before_marking():
    out = dash.highlight_evidence("<b>x</b> said <script>go()</script>. Then.", "<script>go()</script>")
    assert out == "<p>&lt;b&gt;x&lt;/b&gt; said <mark>&lt;script&gt;go()&lt;/script&gt;</mark>. Then.</p>"


def test_highlight_without_the_evidence_in_the_text_only_escapes():
    assert dash.highlight_evidence("a <i>b</i>\n\nc", "missing") == "<p>a &lt;i&gt;b&lt;/i&gt;</p><p>c</p>"


def test_hover_of_a_hostile_meeting_is_escaped():
    hover = charts.meeting_hover("<b>x</b>", "t", HOSTILE[1], "javascript:alert(1)", "PAK", "2020-01-01",
                                 "<svg onload=1>", "CHN", "in_person", ["<i>bri</i>"], HOSTILE[0])
    assert_no_raw_markup([hover])
    assert "<svg" not in hover and "<i>" not in hover and "&lt;b&gt;x&lt;/b&gt;" in hover


def test_markdown_escaping_neutralises_links_and_tags():
    text = dash.escape_markdown("[click](javascript:alert(1)) <img src=x onerror=alert(1)> **b**")
    assert "](" not in text.replace("\\]\\(", "") and "<img" not in text.replace("\\<", "")


def test_csv_of_hostile_meetings_neutralises_every_formula(monkeypatch, db):
    seen = {}
    monkeypatch.setattr(MediaFileManager, "add_deferred",
                        lambda self, data, *a, **k: seen.setdefault(k.get("file_name"), data) and "id")
    hostile_app(monkeypatch, db, "pages/meetings.py", q="")
    rows = list(csv.reader(io.StringIO(seen["meetings.csv"]().decode("utf-8-sig"), newline="")))
    cells = [c for r in rows[1:] for c in r]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=HYPERLINK(\"http://evil\")" in cells and "'@SUM(A1)" in cells and "'+1-2" in cells


def test_hostile_url_values_become_inert_notices(monkeypatch, db):
    monkeypatch.setenv("MEETINGS_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"country": "<script>alert(1)</script>", "script": "[x](javascript:alert(1))"})
    at.run()
    assert not at.exception and len(at.warning) == 2
    assert_no_raw_markup([w.value.replace("\\<", "&lt;") for w in at.warning])
    assert all("](" not in w.value for w in at.warning)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>x</script>", "ftp://a.b/c"])
def test_only_web_links_to_the_original_are_drawn(url):
    from core.views.data import article_html
    page = article_html({"china_title": "t", "counterpart_title": "t", "article_title": None,
                         "article_url": url, "article_outlet": "<b>x</b>", "article_text": "", "evidence": ""})
    assert "<a " not in page and "&lt;b&gt;x&lt;/b&gt;" in page


def test_a_web_link_to_the_original_is_escaped():
    from core.views.data import article_html
    page = article_html({"china_title": "t", "counterpart_title": "t", "article_title": None,
                         "article_url": 'https://example.com/a"onmouseover="x', "article_text": "", "evidence": ""})
    assert 'href="https://example.com/a&quot;onmouseover=&quot;x"' in page
