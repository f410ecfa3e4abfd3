"""The counterpart-country choropleth, drawn from a world outline the app serves itself.

Plotly fetches its world topojson from cdn.plot.ly unless the config's `topojsonURL`
says otherwise; an inline GeoJSON does not avoid it (plotly.js still fetches the
topojson for any trace with a `locationmode`, checked in headless Chromium). So
static/plotly-topojson/ ships that file (see static/README.md for source and licence),
Streamlit serves it (`server.enableStaticServing`), and plotly_config() points there.

Input frame, built by the dashboard from DuckDB aggregates, one row per country:
    iso3           str               ISO 3166-1 alpha-3 of the counterpart country
    country        str               display name
    meetings       int               meetings under the current filters
    top_officials  list[str] | str   most frequent counterpart officials, best first
    top_topics     list[str] | str   most frequent topics, best first
    top_china      list[str] | str   optional: most frequent Chinese officials
"""
from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

MAP_COLUMNS = ("iso3", "country", "meetings", "top_officials", "top_topics")
STATIC_DIR = Path(__file__).resolve().parents[2] / "static"
TOPOJSON_DIR = STATIC_DIR / "plotly-topojson"
# Relative on purpose: resolved against the page URL, it stays right under a
# server.baseUrlPath or a hosting proxy's path prefix, where "/app/static/" would not.
TOPOJSON_URL = "app/static/plotly-topojson/"
RESOLUTION = 50            # world_50m: 110m has no Singapore, Maldives, Bahrain, Malta...
HOVER_ITEMS = 3            # officials and topics listed in a hover
HOVER_CHARS = 60           # characters kept of each listed item
_ISO3 = re.compile(r"^[A-Z]{3}$")


def plotly_config() -> dict:
    """Config for st.plotly_chart: the local world outline, no Plotly logo."""
    return {"topojsonURL": TOPOJSON_URL, "displaylogo": False,
            "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


def choropleth(df: pd.DataFrame, selected: Sequence[str] = ()) -> tuple[go.Figure, dict]:
    """(figure, config): countries shaded by meetings, hover with officials and topics.

    Each point's `location` and customdata[0] is the ISO-3 code, which is what
    Streamlit reports back for a click (see selected_iso3). `selected` keeps the
    countries already in the filters highlighted.
    """
    missing = [c for c in MAP_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"map frame lacks columns: {', '.join(missing)}")
    rows = df[df["iso3"].astype(str).str.fullmatch(_ISO3.pattern)].reset_index(drop=True)
    iso3 = rows["iso3"].astype(str).tolist()
    china = "top_china" in rows.columns
    z = [int(m) for m in rows["meetings"]]
    trace = go.Choropleth(
        locations=iso3, locationmode="ISO-3", z=z,
        customdata=[[code, *hover_fields(row)] for code, row in zip(iso3, rows.itertuples())],
        hovertemplate=("<b>%{customdata[1]}</b><br>%{z} meetings<br>Officials: %{customdata[2]}<br>"
                       + ("Chinese officials: %{customdata[4]}<br>" if china else "")
                       + "Topics: %{customdata[3]}<extra></extra>"),
        # Both ends fixed: with zmin alone Plotly rescales to the data, and one country
        # alone would get a colour bar from 127.6 to 128.4.
        colorscale="Blues", zmin=0, zmax=max(z, default=1) or 1,
        marker_line_color="#ffffff", marker_line_width=0.5,
        colorbar={"title": {"text": "Meetings"}, "thickness": 12, "len": 0.7},
        selectedpoints=[i for i, code in enumerate(iso3) if code in set(selected)] or None,
    )
    fig = go.Figure(trace)
    fig.update_geos(
        resolution=RESOLUTION, projection_type="natural earth", showframe=False,
        showland=True, landcolor="#eeeeee", showcountries=True, countrycolor="#c8c8c8",
        showcoastlines=True, coastlinecolor="#b0b0b0", showocean=False, showlakes=False,
        lataxis_range=[-58, 85],   # Antarctica has no counterparts; give the space back
    )
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0}, height=460,
                      clickmode="event+select", dragmode=False)
    return fig, plotly_config()


def hover_fields(row: object) -> tuple[str, str, str, str]:
    """(country, officials, topics, Chinese officials) for the hover, HTML-escaped.

    Plotly renders hover text as its own small HTML dialect (<b>, <a href>, ...) and
    decodes entities, so escaping shows a hostile name as text instead of markup.
    """
    return (html.escape(_text(row.country) or _text(row.iso3)),
            html.escape(_short_list(row.top_officials)) or "—",
            html.escape(_short_list(row.top_topics)) or "—",
            html.escape(_short_list(getattr(row, "top_china", None))) or "—")


def selected_iso3(selection: Mapping | None) -> list[str]:
    """ISO-3 codes of the clicked countries in a Streamlit plotly selection.

    The selection looks like {"points": [{"location": "IND", "customdata": ["IND", ...],
    "z": 3, ...}], "point_indices": [...], "box": [], "lasso": []}.
    """
    points = (selection or {}).get("points") or []
    out: list[str] = []
    for point in points:
        custom = point.get("customdata")
        first = custom[0] if isinstance(custom, list) and custom else None
        code = point.get("location") or first
        if isinstance(code, str) and _ISO3.match(code) and code not in out:
            out.append(code)
    return out


@lru_cache(maxsize=1)
def map_iso3() -> frozenset[str]:
    """ISO-3 codes the shipped world outline can shade (other countries are not drawn)."""
    topology = json.loads((TOPOJSON_DIR / f"world_{RESOLUTION}m.json").read_text("utf-8"))
    return frozenset(g["id"] for g in topology["objects"]["countries"]["geometries"] if "id" in g)


def _short_list(value: object) -> str:
    """A list cell (or a comma-separated string) as 'a, b, c', each item cut short."""
    if isinstance(value, str):
        items: Iterable = value.split(",")
    else:
        items = value if _is_list(value) else []
    texts = [_text(v) for v in items]
    cut = [t if len(t) <= HOVER_CHARS else t[:HOVER_CHARS - 1] + "…" for t in texts if t]
    return ", ".join(cut[:HOVER_ITEMS])


def _is_list(value: object) -> bool:
    """True for list-like cells: list, tuple or numpy array (what DuckDB lists become)."""
    return hasattr(value, "__iter__") and not isinstance(value, (str, bytes, Mapping))


def _text(value: object) -> str:
    """A cell as trimmed text; None, NA and NaN become ''."""
    return "" if _missing(value) else str(value).strip()


def _missing(value: object) -> bool:
    """True for the empty cells pandas and DuckDB produce: None, pd.NA, NaN."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
