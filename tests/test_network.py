"""core.views.network: the officials graph page — inlined, escaped, capped, laid out."""
from __future__ import annotations

import html
import json
import re

import numpy as np
import pandas as pd
import pytest

from core.views import network
from core.views.network import network_html

HOSTILE = "<img src=x onerror=window.__xss=1></script><script>window.__xss=1</script>"


def _nodes(n: int = 6, hostile: str = HOSTILE) -> pd.DataFrame:
    """n officials: o0 (hostile name) and o1 on the Chinese side, the rest counterparts."""
    rows = []
    for i in range(n):
        china = i < 2
        rows.append({"id": f"o{i}", "deva": f"नाम {i}", "latin": f"Naam {i}",
                     "en": f"Name {i}" if i % 2 else None,
                     "side": "china" if china else "counterpart",
                     "country": "CHN" if china else ("NPL", "IND", None)[i % 3],
                     "meetings": n - i, "titles": [f"मंत्री {i}", "राजदूत"],
                     "dates": [f"2024-01-{d:02d}" for d in range(1, 4)]})
    rows[0].update(deva=hostile, latin=hostile, en=hostile, titles=[hostile])
    return pd.DataFrame(rows)


def _edges(n: int = 6) -> pd.DataFrame:
    """Every counterpart met o0 (i meetings) and o1 (once)."""
    rows = [("o0", f"o{i}", i) for i in range(2, n)]
    rows += [("o1", f"o{i}", 1) for i in range(2, n)]
    return pd.DataFrame(rows, columns=["source", "target", "meetings"])


def _embedded(page: str, var: str) -> list[dict]:
    """The JSON list the page assigns to `var` (nodeList / edgeList)."""
    match = re.search(rf"var {var} = (\[.*?\]);\n", page, re.S)
    assert match, f"{var} not found"
    return json.loads(match.group(1))


def test_page_loads_nothing_from_the_network():
    page = network_html(_nodes(), _edges(), "deva", 10)
    assert not re.search(r"<script[^>]*\ssrc\s*=", page, re.I)
    assert not re.search(r"<link[^>]*\shref\s*=", page, re.I)
    assert not re.search(r"""(@import|url\(\s*['"]?\s*(https?:)?//)""", page, re.I)
    assert not re.search(r"""(src|href)\s*=\s*['"]?(https?:)?//""", page, re.I)
    assert "cdn.jsdelivr.net" not in page and "cdnjs.cloudflare.com" not in page


def test_vis_network_is_inlined():
    page = network_html(_nodes(), _edges(), "deva", 10)
    assert "vis-network" in page and "9.1.2" in page
    assert "new vis.Network(" in page
    assert len(page) > 300_000          # the library itself, not a reference to it


def test_hostile_name_cannot_close_the_script_block():
    page = network_html(_nodes(), _edges(), "deva", 10)
    assert page.count("</script>") == 2          # closes the library's block and ours, no more
    assert "<img src=x" not in page and "<script>window" not in page
    assert "\\u003c/script\\u003e" in page


def test_label_is_the_raw_text_and_tooltip_is_escaped():
    nodes = _embedded(network_html(_nodes(), _edges(), "latin", 10), "nodeList")
    hostile = next(n for n in nodes if n["id"] == "o0")
    assert hostile["label"] == HOSTILE                       # drawn on the canvas as text
    assert html.escape(HOSTILE) in hostile["title"]          # HTML, but only entities
    assert "<img" not in hostile["title"] and "<script" not in hostile["title"]
    assert set(re.findall(r"<(/?\w+)", hostile["title"])) <= {"b", "/b", "br"}


def test_edge_tooltips_are_escaped_text():
    edges = _embedded(network_html(_nodes(), _edges(), "deva", 10), "edgeList")
    assert edges and all(re.fullmatch(r"\d+ meetings?", e["title"]) for e in edges)


@pytest.mark.parametrize("script,expected", [
    ("deva", ["नाम 1", "नाम 2", "नाम 3"]),
    ("latin", ["Naam 1", "Naam 2", "Naam 3"]),
    ("en", ["Name 1", "Naam 2", "Name 3"]),       # no English name: Latin
    ("bogus", ["नाम 1", "नाम 2", "नाम 3"]),
])
def test_labels_follow_the_script(script, expected):
    nodes = _embedded(network_html(_nodes(), _edges(), script, 10), "nodeList")
    labels = {n["id"]: n["label"] for n in nodes}
    assert [labels["o1"], labels["o2"], labels["o3"]] == expected


def test_label_falls_back_to_the_id_without_any_name():
    frame = _nodes().assign(deva=None, latin=None, en=None)
    nodes = _embedded(network_html(frame, _edges(), "en", 10), "nodeList")
    assert {n["label"] for n in nodes} == {f"o{i}" for i in range(6)}


def test_tooltip_lists_titles_meetings_and_dates():
    nodes = _embedded(network_html(_nodes(), _edges(), "deva", 10), "nodeList")
    o2 = next(n for n in nodes if n["id"] == "o2")["title"]
    assert "मंत्री 2; राजदूत" in o2 and "4 meetings" in o2
    assert "Dates: 2024-01-01, 2024-01-02, 2024-01-03" in o2
    assert o2.split("<br>")[2] == "international organisation"        # o2 has no country
    o3 = next(n for n in nodes if n["id"] == "o3")["title"]
    assert o3.split("<br>")[2] == "NPL"


def test_colour_by_side_and_country_and_size_by_meetings():
    page = network_html(_nodes(), _edges(), "deva", 10)
    nodes = {n["id"]: n for n in _embedded(page, "nodeList")}
    assert nodes["o0"]["color"] == nodes["o1"]["color"] == network.CHINA_COLOUR
    assert nodes["o4"]["color"] == network.node_colour("counterpart", "IND")
    assert nodes["o2"]["color"] == network.NO_COUNTRY_COLOUR
    assert nodes["o4"]["color"] != network.CHINA_COLOUR
    assert nodes["o0"]["size"] > nodes["o3"]["size"] > nodes["o5"]["size"]


def test_country_colour_is_stable_and_never_china_red():
    codes = ["IND", "NPL", "PAK", "USA", "RUS", "BRA"]
    first = [network.node_colour("counterpart", c) for c in codes]
    assert first == [network.node_colour("counterpart", c) for c in codes]
    assert network.CHINA_COLOUR not in first


def test_cap_keeps_the_busiest_and_only_their_edges():
    page = network_html(_nodes(), _edges(), "deva", 3)
    assert [n["id"] for n in _embedded(page, "nodeList")] == ["o0", "o1", "o2"]
    pairs = {(e["from"], e["to"]) for e in _embedded(page, "edgeList")}
    assert pairs == {("o0", "o2"), ("o1", "o2")}


def test_cap_is_clamped():
    assert len(network.top_officials(_nodes(8), 10_000)) == 8
    assert network.top_officials(_nodes(8), -1).empty
    assert len(network.top_officials(_nodes(network.MAX_NODES + 5), 10_000)) == network.MAX_NODES


def test_both_directions_of_a_pair_are_one_edge():
    edges = pd.DataFrame([("a", "b", 2), ("b", "a", 3), ("a", "a", 9), ("a", "z", 1)],
                         columns=["source", "target", "meetings"])
    out = network.edges_among(edges, {"a", "b"})
    assert out.to_dict("records") == [{"source": "a", "target": "b", "meetings": 5}]


def test_small_graph_uses_physics_and_no_fixed_positions():
    page = network_html(_nodes(), _edges(), "deva", 10)
    assert 'data-physics="true"' in page
    assert all("x" not in n for n in _embedded(page, "nodeList"))


def test_large_graph_is_laid_out_in_python_and_physics_is_off():
    n = network.PHYSICS_LIMIT + 30
    page = network_html(_nodes(n), _edges(n), "deva", n)
    nodes = _embedded(page, "nodeList")
    assert 'data-physics="false"' in page and '"physics": {"enabled": false}' in page
    assert len(nodes) == n
    assert all(isinstance(v["x"], float) and v["physics"] is False for v in nodes)
    again = _embedded(network_html(_nodes(n), _edges(n), "deva", n), "nodeList")
    assert [(v["x"], v["y"]) for v in nodes] == [(v["x"], v["y"]) for v in again]   # seeded


def test_list_cells_may_be_numpy_arrays_as_duckdb_returns_them():
    frame = _nodes().assign(titles=[np.array(["a", "b"])] * 6,
                            dates=[np.array([], dtype=object)] * 6)
    nodes = _embedded(network_html(frame, _edges(), "deva", 10), "nodeList")
    assert "a; b" in nodes[2]["title"] and "Dates" not in nodes[2]["title"]


def test_empty_graph_renders():
    page = network_html(_nodes().iloc[0:0], _edges().iloc[0:0], "deva", 10)
    assert _embedded(page, "nodeList") == [] and _embedded(page, "edgeList") == []


def test_missing_columns_are_reported():
    with pytest.raises(ValueError, match="titles"):
        network_html(_nodes().drop(columns="titles"), _edges(), "deva", 10)
    with pytest.raises(ValueError, match="meetings"):
        network_html(_nodes(), _edges().drop(columns="meetings"), "deva", 10)


def test_real_database_aggregates_render(tmp_path):
    """The dashboard's DuckDB aggregates, with hostile names, go through unchanged."""
    synth = pytest.importorskip("core.synth")
    from core.store.filters import Filters
    from core.views import data as dashboard
    path = synth.build_synthetic_db(tmp_path / "m.duckdb", 400, seed=3, hostile=True)
    db = dashboard.current_db(path)
    nodes, edges = dashboard.network(db, Filters(), 400)
    assert set(network.NODE_COLUMNS) <= set(nodes.columns)
    assert set(network.EDGE_COLUMNS) <= set(edges.columns)
    page = network_html(nodes, edges, "latin", 400)
    labels = {n["label"] for n in _embedded(page, "nodeList")}
    assert any("<script>" in label for label in labels)       # present, as text
    assert page.count("</script>") == 2
