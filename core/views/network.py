"""The officials network as one self-contained HTML page (pyvis data, vis-network 9.1.2).

Input frames, built by the dashboard from DuckDB aggregates:

nodes: one row per official
    id        str            official id (meetings.china_id / counterpart_id)
    deva      str | None     name in Devanagari
    latin     str | None     name in Latin script
    en        str | None     usual English name, when the gazetteer knows the person
    side      str            'china' | 'counterpart'
    country   str | None     ISO-3 ('CHN' for the Chinese side); None for an organisation
    meetings  int            number of meetings of this official under the filters
    titles    list[str]      distinct titles seen (a str is taken as one title)
    dates     list[str]      meeting dates, 'YYYY-MM-DD', oldest first
edges: one row per pair of officials who met
    source, target  str      official ids (order does not matter)
    meetings        int      number of meetings of the pair

Why not pyvis' own Network.generate_html(): its template loads Bootstrap from
cdn.jsdelivr.net even with cdn_resources='in_line', renders with autoescape off
(`heading` goes in raw) and switches tooltips to `innerHTML` when a title contains
'href'. pyvis builds the node and edge records here; a small hardened template
renders them with the vis-network script and CSS that pyvis ships, inlined.
"""
from __future__ import annotations

import html
import math
import zlib
from collections.abc import Iterable
from pathlib import Path

import jinja2
import networkx as nx
import pandas as pd
import pyvis
from pyvis.edge import Edge
from pyvis.network import Network

NODE_COLUMNS = ("id", "deva", "latin", "en", "side", "country", "meetings", "titles", "dates")
EDGE_COLUMNS = ("source", "target", "meetings")
SCRIPTS = ("deva", "latin", "en")

MAX_NODES = 400          # networkx lays out >= 500 nodes only with scipy, not installed
PHYSICS_LIMIT = 150      # above this many nodes, positions are computed here, physics off
HEIGHT_PX = 640
SHOWN_TITLES = 4         # titles listed in a tooltip
SHOWN_DATES = 8          # meeting dates listed in a tooltip

CHINA_COLOUR = "#c0392b"
NO_COUNTRY_COLOUR = "#7f7f7f"
# Counterpart countries: a qualitative palette without red (China) or grey (no country).
COUNTRY_PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#17becf", "#e377c2",
    "#bcbd22", "#393b79", "#637939", "#e7ba52", "#6baed6", "#98df8a",
)

_VIS_DIR = Path(pyvis.__file__).resolve().parent / "templates"
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(_VIS_DIR), autoescape=True, undefined=jinja2.StrictUndefined)

# Data reach the page only through `tojson`, which escapes < > & ' as \u003c etc., so a
# name holding "</script>" cannot close the script block. Tooltips arrive HTML-escaped
# and are turned into elements here, because vis-network shows a string title with
# innerText (entities would appear literally). Labels are drawn on the canvas as text.
_PAGE = _ENV.from_string("""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<style>{% include 'lib/vis-9.1.2/vis-network.css' %}</style>
<script>{% include 'lib/vis-9.1.2/vis-network.min.js' %}</script>
<style>
  html, body { margin: 0; font-family: sans-serif; }
  #network { width: 100%; height: {{ height }}px; border: 1px solid #ddd; box-sizing: border-box; }
  div.vis-tooltip { max-width: 420px; white-space: normal; }
</style>
</head><body>
<div id="network" data-nodes="{{ nodes|length }}" data-physics="{{ physics|lower }}"></div>
<script>
  function tooltip(escapedHtml) {
    var box = document.createElement("div");
    box.innerHTML = escapedHtml;
    return box;
  }
  var nodeList = {{ nodes|tojson }};
  nodeList.forEach(function (n) { if (n.title) { n.title = tooltip(n.title); } });
  var edgeList = {{ edges|tojson }};
  edgeList.forEach(function (e) { if (e.title) { e.title = tooltip(e.title); } });
  var network = new vis.Network(
    document.getElementById("network"),
    {nodes: new vis.DataSet(nodeList), edges: new vis.DataSet(edgeList)},
    {{ options|tojson }});
</script>
</body></html>
""")


def network_html(nodes: pd.DataFrame, edges: pd.DataFrame, script: str, top_n: int) -> str:
    """The network of the top_n officials by meetings as a standalone HTML page."""
    nodes = top_officials(nodes, top_n)
    edges = edges_among(edges, set(nodes["id"]))
    physics = len(nodes) <= PHYSICS_LIMIT
    positions = {} if physics else precomputed_layout(nodes, edges)
    net = Network(height=f"{HEIGHT_PX}px", width="100%", cdn_resources="in_line")
    biggest = max([int(m) for m in nodes["meetings"]], default=1)
    for row in nodes.itertuples(index=False):
        at = positions.get(str(row.id), {})
        net.add_node(str(row.id), **node_record(row, script, biggest), **at)
    strongest = max([int(m) for m in edges["meetings"]], default=1)
    for row in edges.itertuples(index=False):
        # pyvis' add_edge rescans every edge for a duplicate (quadratic: seconds at 3,000
        # edges); edges_among already made the pairs unique, so its Edge goes in directly.
        record = edge_record(int(row.meetings), strongest)
        net.edges.append(Edge(str(row.source), str(row.target), **record).options)
    return _PAGE.render(nodes=net.nodes, edges=net.edges, options=vis_options(physics),
                        physics=physics, height=HEIGHT_PX)


def top_officials(nodes: pd.DataFrame, top_n: int) -> pd.DataFrame:
    """The top_n rows by meetings (ties by id, so the cut is stable), at most MAX_NODES."""
    missing = [c for c in NODE_COLUMNS if c not in nodes.columns]
    if missing:
        raise ValueError(f"nodes lack columns: {', '.join(missing)}")
    n = max(0, min(int(top_n), MAX_NODES))
    ranked = nodes.assign(_id=nodes["id"].astype(str)).sort_values(
        ["meetings", "_id"], ascending=[False, True], kind="stable")
    return ranked.drop(columns="_id").head(n).reset_index(drop=True)


def edges_among(edges: pd.DataFrame, ids: set[str]) -> pd.DataFrame:
    """The edges whose two ends are both in ids, one row per unordered pair."""
    missing = [c for c in EDGE_COLUMNS if c not in edges.columns]
    if missing:
        raise ValueError(f"edges lack columns: {', '.join(missing)}")
    e = edges.assign(source=edges["source"].astype(str), target=edges["target"].astype(str))
    e = e[e["source"].isin(ids) & e["target"].isin(ids) & (e["source"] != e["target"])]
    # Both directions of a pair (A-B, B-A) become one edge carrying the sum.
    ends = e[["source", "target"]]
    e = e.assign(source=ends.min(axis=1), target=ends.max(axis=1))
    return e.groupby(["source", "target"], as_index=False)["meetings"].sum()


def node_record(row: object, script: str, biggest: int) -> dict:
    """pyvis node attributes: label in the script, colour, size, escaped tooltip."""
    meetings = int(row.meetings)
    return {
        "label": display_name(row, script),
        "title": node_tooltip(row, script),
        "color": node_colour(row.side, row.country),
        "size": 10 + 30 * math.sqrt(meetings / max(biggest, 1)),
        "shape": "dot",
    }


def edge_record(meetings: int, strongest: int) -> dict:
    """pyvis edge attributes: width by meetings and an escaped tooltip."""
    noun = "meeting" if meetings == 1 else "meetings"
    title = html.escape(f"{meetings} {noun}")
    return {"width": 1 + 7 * meetings / max(strongest, 1), "title": title}


def display_name(row: object, script: str) -> str:
    """The name in the chosen script; English falls back to Latin, any to another, then the id."""
    order = {"deva": ("deva", "latin", "en"), "latin": ("latin", "deva", "en"),
             "en": ("en", "latin", "deva")}.get(script, ("deva", "latin", "en"))
    for column in order:
        value = _text(getattr(row, column))
        if value:
            return value
    return str(row.id)


def node_tooltip(row: object, script: str) -> str:
    """Tooltip as escaped HTML: names, side and country, titles, meetings, dates."""
    name = display_name(row, script)
    others = [v for v in (_text(getattr(row, c)) for c in SCRIPTS) if v and v != name]
    side = "China" if row.side == "china" else (_text(row.country) or "international organisation")
    titles = _texts(row.titles)
    dates = _texts(row.dates)
    meetings = int(row.meetings)
    lines = [f"<b>{html.escape(name)}</b>"]
    lines += [html.escape(" · ".join(dict.fromkeys(others)))] if others else []
    lines.append(html.escape(side))
    if titles:
        more = f" (+{len(titles) - SHOWN_TITLES} more)" if len(titles) > SHOWN_TITLES else ""
        lines.append(html.escape("; ".join(titles[:SHOWN_TITLES]) + more))
    lines.append(html.escape(f"{meetings} meeting{'s' if meetings != 1 else ''}"))
    if dates:
        more = f" (+{len(dates) - SHOWN_DATES} more)" if len(dates) > SHOWN_DATES else ""
        lines.append(html.escape("Dates: " + ", ".join(dates[-SHOWN_DATES:]) + more))
    return "<br>".join(lines)


def node_colour(side: str, country: object) -> str:
    """Red for China; a stable palette colour per counterpart country; grey without one."""
    if side == "china":
        return CHINA_COLOUR
    iso3 = _text(country)
    if not iso3:
        return NO_COUNTRY_COLOUR
    # crc32, not hash(): Python's str hash changes per process, colours must not.
    return COUNTRY_PALETTE[zlib.crc32(iso3.encode("utf-8")) % len(COUNTRY_PALETTE)]


def precomputed_layout(nodes: pd.DataFrame, edges: pd.DataFrame) -> dict[str, dict]:
    """Fixed positions {id: {'x', 'y', 'physics': False}} from a seeded spring layout."""
    graph = nx.Graph()
    graph.add_nodes_from(str(i) for i in nodes["id"])
    graph.add_weighted_edges_from(
        (str(r.source), str(r.target), float(r.meetings)) for r in edges.itertuples(index=False))
    # A weak tie from every node to one hub keeps separate components and lone officials
    # near the rest; otherwise they drift to the rim and the fit-to-view shrinks the core.
    hub = object()
    graph.add_weighted_edges_from((hub, n, 0.05) for n in list(graph.nodes))
    scale = 60 * math.sqrt(max(len(graph), 1))   # room per node grows with the graph
    pos = nx.spring_layout(graph, seed=7, iterations=40, scale=scale, method="force")
    return {n: {"x": float(x), "y": float(y), "physics": False}
            for n, (x, y) in pos.items() if n is not hub}


def vis_options(physics: bool) -> dict:
    """vis-network options: live physics for small graphs, a frozen layout for large ones."""
    return {
        "nodes": {"shape": "dot", "font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {"color": {"color": "#b8b8b8", "highlight": "#555555"}, "smooth": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": not physics},
        "physics": ({"enabled": True, "solver": "forceAtlas2Based",
                     "stabilization": {"enabled": True, "iterations": 250, "fit": True}}
                    if physics else {"enabled": False}),
        "layout": {"improvedLayout": physics, "randomSeed": 7},
    }


def _text(value: object) -> str:
    """A cell as trimmed text; None, NA and NaN become ''."""
    return "" if _missing(value) else str(value).strip()


def _missing(value: object) -> bool:
    """True for the empty cells pandas and DuckDB produce: None, pd.NA, NaN."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _texts(value: object) -> list[str]:
    """A list cell (list, tuple, numpy array) or a single string as a list of texts."""
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if _missing(value) or isinstance(value, float):
        return []
    items: Iterable = value  # type: ignore[assignment]
    return [t for t in (_text(v) for v in items) if t]
