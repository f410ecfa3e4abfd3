"""Plotly figures of the dashboard, built from the DuckDB aggregates of core/store/queries.py.

Plotly renders hover text, tick labels and legend entries as a small HTML dialect
(<b>, <br>, <a href>), so every value that came from an article is HTML-escaped
first; Plotly shows the escaped entities as the literal characters.
"""
from __future__ import annotations

import html
from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

SPECIAL_LABELS = {"bri": "Belt and Road", "in_person": "In person", "people": "People-to-people"}
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939")
_MARGIN = {"l": 10, "r": 10, "t": 30, "b": 10}
_WRAP = 90       # characters per hover line of the evidence sentence


def slug_label(slug: object) -> str:
    """'head_of_state' -> 'Head of state'; 'bri' -> 'Belt and Road'."""
    text = str(slug or "")
    return SPECIAL_LABELS.get(text, text.replace("_", " ").capitalize())


def esc(value: object) -> str:
    """Text for Plotly's HTML dialect: missing -> '', everything else escaped."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


_MONTH_MS = 26 * 24 * 3600 * 1000


def _count_ticks(counts: pd.Series) -> dict:
    """Whole-number ticks for an axis of counts (no '0.5 meetings')."""
    top = int(counts.max()) if len(counts) else 0
    return {"tick0": 0, "dtick": max(1, round(top / 5))}


def month_bars(per_month: pd.DataFrame) -> go.Figure:
    """Meetings per calendar month (columns month 'YYYY-MM', meetings)."""
    # One month wide, centred on its month: with few months Plotly would stretch each bar over years.
    fig = go.Figure(go.Bar(x=list(per_month["month"]), y=list(per_month["meetings"]), xperiod="M1",
                           xperiodalignment="middle", width=_MONTH_MS,
                           marker_color=PALETTE[0], hovertemplate="%{x|%b %Y}: %{y} meetings<extra></extra>"))
    fig.update_layout(margin=_MARGIN, height=300, xaxis_title=None, yaxis_title="meetings")
    fig.update_xaxes(type="date")
    fig.update_yaxes(**_count_ticks(per_month["meetings"]))
    return fig


def ranked_bars(df: pd.DataFrame, label: str, value: str = "meetings") -> go.Figure:
    """A horizontal bar per row, largest on top; labels escaped (they are names)."""
    labels = [esc(v) or "—" for v in df[label]]
    fig = go.Figure(go.Bar(x=list(df[value])[::-1], y=labels[::-1], orientation="h",
                           marker_color=PALETTE[0], hovertemplate="%{y}: %{x}<extra></extra>"))
    fig.update_layout(margin=_MARGIN, height=max(200, 28 * len(df) + 40), yaxis_type="category")
    fig.update_xaxes(**_count_ticks(df[value]))
    return fig


def timeline(points: pd.DataFrame, axis_title: str, colour_title: str) -> go.Figure:
    """One marker per dated meeting: x = date, y = axis, colour = colour, hover = hover.

    points comes from with_hover(queries.timeline_points(...)); numpy arrays, because
    Plotly validates Python lists element by element.
    """
    fig = go.Figure()
    order = list(dict.fromkeys(points["axis_label"]))          # busiest first
    for k, (colour, group) in enumerate(sorted(points.groupby("colour", dropna=False), key=_by_str)):
        fig.add_trace(go.Scatter(
            x=group["date"].to_numpy(dtype=object), y=group["axis_label"].to_numpy(dtype=object),
            mode="markers", name=esc(slug_label(colour)),
            marker={"color": PALETTE[k % len(PALETTE)], "size": 9},
            customdata=group["hover"].to_numpy(dtype=object), hovertemplate="%{customdata}<extra></extra>"))
    fig.update_layout(margin=_MARGIN, height=max(320, 24 * len(order) + 120),
                      legend_title_text=esc(colour_title), hoverlabel={"align": "left"})
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=order[::-1],
                     title=esc(axis_title))
    fig.update_xaxes(type="date", title=None)
    return fig


TIMELINE_COLUMNS = ("date", "axis", "axis_label", "colour", "hover")   # what timeline() reads
_HOVER_COLUMNS = ("china", "china_title", "counterpart", "counterpart_title", "country", "date", "city",
                  "place_country", "mode", "topics", "evidence")


def with_hover(points: pd.DataFrame) -> pd.DataFrame:
    """points with 'hover' (see meeting_hover) and 'axis_label' (the escaped row name)."""
    # Plain Python lists: reading Arrow-backed cells one by one is ten times slower.
    columns = [points[c].astype(object).where(points[c].notna(), None).tolist() for c in _HOVER_COLUMNS]
    return points.assign(hover=[meeting_hover(*cells) for cells in zip(*columns)],
                         axis_label=[esc(a) or "—" for a in points["axis"].astype(object).tolist()])


def meeting_hover(china: object, china_title: object, counterpart: object, counterpart_title: object,
                  country: object, date: object, city: object, place_country: object, mode: object,
                  topics: object, evidence: object) -> str:
    """Hover of one meeting: both names and titles, date, place, mode, topics, evidence."""
    place = ", ".join(p for p in (esc(city), esc(place_country)) if p)
    lines = [f"<b>{esc(china)}</b> · {esc(china_title)}",
             f"<b>{esc(counterpart)}</b> · {esc(counterpart_title)} ({esc(country)})",
             " · ".join(p for p in (esc(date), place, esc(slug_label(mode))) if p)]
    if names := ", ".join(esc(slug_label(t)) for t in _items(topics)):
        lines.append(f"Topics: {names}")
    lines += [esc(part) for part in _wrap(str(evidence or ""), _WRAP)[:6]]
    return "<br>".join(lines)


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most about width characters, broken at spaces (textwrap is 10x slower)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line] if line else lines


def _by_str(item: tuple) -> str:
    """Sort key of a (colour, group) pair; missing colours last."""
    return "~" if item[0] is None or item[0] != item[0] else str(item[0])


def _items(value: object) -> Iterable:
    """The elements of a list cell (numpy array, list) or nothing."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return list(value)
    return []
