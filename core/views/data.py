"""Data for the dashboard's pages, one function per view; each opens its own read-only
connection, so nothing is held between reruns.

Every loader takes a Db (path and file version) and a Filters value: both are hashable,
so the pages cache results per (filters, db version) and refresh after an ingest.
Also here: widget state <-> Filters, option labels, and the evidence highlight.
"""
from __future__ import annotations

import html
import urllib.parse
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd

from core import store
from core.store import queries
from core.store.filters import LIST_PARAMS, Filters, Options, clean_text, from_query, to_query
from core.views import charts, export
from core.views.network import network_html

ARTICLES_DIR = Path(__file__).resolve().parents[2] / "data" / "articles"
DB_ENV = "MEETINGS_DB"
SCRIPT_LABELS = {"deva": "देवनागरी", "latin": "Latin", "en": "English"}
NETWORK_HEIGHT = 660        # px of the network iframe (core.views.network draws 640 px)
MAX_UNDATED_LISTED = 500
# st.cache_data options of every loader: a bounded cache, so old db versions and rare
# filter sets are dropped on a long-running shared server.
CACHE = {"show_spinner": False, "max_entries": 64}
MAX_TABLE_ROWS = 1000       # rows per page of the Meetings table; downloads hold all rows
AXIS_LABELS = {"country": "Country", "china": "Chinese official"}
COLOUR_LABELS = {"role": "Counterpart's role", "region": "Region"}
TABLE_COLUMNS = ("date", "date_precision", "china", "china_title", "counterpart", "counterpart_title",
                 "country_name", "city", "place_country", "mode", "topics", "confidence", "evidence", "source")
RECENT_COLUMNS = ("date", "china", "counterpart", "counterpart_title", "country_name", "mode", "evidence")
UNDATED_COLUMNS = ("date_precision", "date_text", "china", "counterpart", "country_name", "evidence",
                   "source")
MAP_COLUMNS = ("country", "meetings", "top_officials", "top_topics")
COLUMN_LABELS = {"date": "Date", "date_precision": "Precision", "date_text": "Date as written",
                 "china": "Chinese official", "china_title": "Chinese official's title",
                 "counterpart": "Counterpart", "counterpart_title": "Counterpart's title",
                 "country_name": "Country", "city": "Place", "place_country": "Place (country)",
                 "mode": "Mode", "topics": "Topics", "evidence": "Evidence", "source": "Source",
                 "meetings": "Meetings", "country": "Country", "top_officials": "Top officials",
                 "top_topics": "Top topics", "confidence": "Confidence"}
# Session-state key of the sidebar widget of each Filters field.
WIDGET_KEYS = {"date_from": "f_from", "date_to": "f_to", **{n: f"f_{n}" for n in LIST_PARAMS},
               "text": "f_text", "script": "f_script"}


@dataclass(frozen=True)
class Db:
    """Where the database is and which version of the file: the cache key of every read."""

    path: str
    version: tuple[int, int]


@dataclass(frozen=True)
class Overview:
    """The Overview page: counts and the four small tables."""

    counts: dict
    per_month: pd.DataFrame
    countries: pd.DataFrame
    china: pd.DataFrame
    recent: pd.DataFrame


@dataclass(frozen=True)
class Timeline:
    """The Timeline page: plotted points, their totals, and the meetings without a day."""

    points: pd.DataFrame
    dated: int
    undated_counts: pd.DataFrame
    undated: pd.DataFrame


def db_path() -> Path:
    """The database file: $MEETINGS_DB, else data/meetings.duckdb."""
    return Path(os.environ.get(DB_ENV) or store.DEFAULT_DB)


def current_db(path: Path) -> Db:
    """The Db handle of path as it is now on disk."""
    return Db(str(path), store.db_version(path))


def options(db: Db) -> Options:
    """What the sidebar filters may take."""
    with store.read_connection(db.path) as con:
        return queries.filter_options(con)


def overview(db: Db, f: Filters) -> Overview:
    """Counts, meetings per month, top countries, top Chinese officials, latest meetings."""
    with store.read_connection(db.path) as con:
        return Overview(queries.meeting_counts(con, f), queries.meetings_per_month(con, f),
                        queries.top_countries(con, f, 10), queries.top_officials(con, f, "china", 10),
                        queries.filtered_meetings(con, f, limit=10))


def timeline(db: Db, f: Filters, axis: str, colour: str) -> Timeline:
    """Dated meetings to plot, and the undated ones counted by precision and listed."""
    with store.read_connection(db.path) as con:
        points = charts.with_hover(queries.timeline_points(con, f, axis, colour))
        precisions = queries.precision_counts(con, f)
        undated = queries.filtered_meetings(con, f, limit=MAX_UNDATED_LISTED, dated=False)
    dated = precisions["dated"].astype(bool)
    # Only what the page shows: the cache copies the value on every rerun.
    return Timeline(points[list(charts.TIMELINE_COLUMNS)], int(precisions.loc[dated, "meetings"].sum()),
                    precisions.loc[~dated, ["date_precision", "meetings"]].reset_index(drop=True),
                    undated[list(UNDATED_COLUMNS)])


def country_map(db: Db, f: Filters) -> pd.DataFrame:
    """iso3, country, region, meetings, top_officials, top_china, top_topics per counterpart country."""
    with store.read_connection(db.path) as con:
        return queries.country_summary(con, f)


def network(db: Db, f: Filters, top_n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(nodes, edges) of the top_n officials, in core.views.network's input shape."""
    with store.read_connection(db.path) as con:
        return queries.network_nodes(con, f, top_n), queries.network_edges(con, f, top_n)


def network_page(db: Db, f: Filters, top_n: int) -> tuple[str, int, int]:
    """(self-contained HTML, nodes, edges) of the officials network."""
    nodes, edges = network(db, f, top_n)
    return network_html(nodes, edges, f.script, top_n), len(nodes), len(edges)


def meeting_total(db: Db, f: Filters) -> int:
    """How many meetings f selects."""
    with store.read_connection(db.path) as con:
        return int(queries.meeting_counts(con, f)["meetings"])


def meeting_rows(db: Db, f: Filters, page: int) -> pd.DataFrame:
    """One page (1-based) of the meetings f selects: the rows the table shows."""
    with store.read_connection(db.path) as con:
        return queries.filtered_meetings(con, f, MAX_TABLE_ROWS, (max(page, 1) - 1) * MAX_TABLE_ROWS)


def csv_download(db: Db, f: Filters) -> bytes:
    """Every meeting f selects as CSV: the table's query without the paging."""
    with store.read_connection(db.path) as con:
        return export.to_csv_bytes(queries.filtered_meetings(con, f))


def json_download(db: Db, f: Filters) -> bytes:
    """Every meeting f selects as JSON: the table's query without the paging."""
    with store.read_connection(db.path) as con:
        return export.to_json_bytes(queries.filtered_meetings(con, f))


def meeting(db: Db, meeting_id: str, script: str) -> dict | None:
    """One meeting with its article text, or None when the id is unknown."""
    with store.read_connection(db.path) as con:
        return queries.meeting_detail(con, meeting_id, script)


def page_count(rows: int) -> int:
    """Pages of the Meetings table for this many rows (at least one)."""
    return max(1, -(-rows // MAX_TABLE_ROWS))


# ----------------------------------------------------------------- presentation

def timeline_caption(t: Timeline) -> str:
    """What the timeline shows out of what the filters select."""
    rows = t.points["axis"].nunique()
    return (f"{len(t.points):,} of {t.dated:,} meetings with a known day, on the {rows} busiest rows; "
            "narrow the filters to see more.") if len(t.points) < t.dated else (
            f"All {t.dated:,} meetings with a known day.")


def meeting_heading(m: Mapping) -> str:
    """'Chinese official – counterpart (country)' as Markdown-safe text."""
    china, counterpart, country = (_or_dash(m[k]) for k in ("china", "counterpart", "country_name"))
    return escape_markdown(f"{china} – {counterpart} ({country})")


def meeting_caption(m: Mapping) -> str:
    """'date (precision) · place · mode · source' as Markdown-safe text."""
    when = f"{m['date'] or m['date_text'] or 'no date'} ({m['date_precision']})"
    parts = (when, ", ".join(p for p in (_text(m["city"]), _text(m["place_country"])) if p),
             str(m["mode"]).replace("_", " "), _text(m["source"]))
    return escape_markdown(" · ".join(p for p in parts if p))


def article_html(m: Mapping) -> str:
    """Both titles, the evidence and the article with the evidence highlighted, all escaped."""
    titles = (f"<p><b>{html.escape(_or_dash(m['china_title']))}</b> · "
              f"<b>{html.escape(_or_dash(m['counterpart_title']))}</b></p>")
    title = f"<h4>{html.escape(m['article_title'])}</h4>" if _text(m.get("article_title")) else ""
    return titles + title + _origin(m) + highlight_evidence(m.get("article_text"), m.get("evidence"))


def _origin(m: Mapping) -> str:
    """Outlet, wire credit, publication date and a link to the original (http and https only)."""
    parts = [html.escape(str(m[k])) for k in ("article_outlet", "article_agency", "article_published")
             if _text(m.get(k))]
    url = str(m.get("article_url") or "")
    if urllib.parse.urlsplit(url).scheme in ("http", "https"):
        parts.append(f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer">'
                     "original</a>")
    return f"<p>{' · '.join(parts)}</p>" if parts else ""


def highlight_evidence(text: str | None, evidence: str | None) -> str:
    """The article as escaped HTML paragraphs with the evidence sentence in <mark>."""
    text, evidence = text or "", (evidence or "").strip()
    at = text.find(evidence) if evidence else -1
    if at < 0:
        body = html.escape(text)
    else:   # split first, then escape each piece: the markup is ours, never the article's
        body = (html.escape(text[:at]) + "<mark>" + html.escape(evidence) + "</mark>"
                + html.escape(text[at + len(evidence):]))
    paragraphs = [p for p in re.split(r"\n\s*\n", body) if p.strip()]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)


def escape_markdown(text: str) -> str:
    """Text shown through st.markdown/st.warning with every Markdown character escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=])", r"\\\1", text)


def official_labels(names: Mapping[str, tuple[str, str, str]]) -> dict[str, str]:
    """id -> 'Xi Jinping · शी चिनफिंग' (English or Latin, then Devanagari): the search finds either."""
    return _unique({k: (en or latin, deva) for k, (deva, latin, en) in names.items()})


def country_labels(names: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """iso3 -> 'Nepal · नेपाल'."""
    return _unique(names)


def _unique(forms: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """id -> its distinct forms joined by ' · '; a label seen before gets its id appended."""
    labels: dict[str, str] = {}
    seen: set[str] = set()
    for key, names in forms.items():
        label = " · ".join(dict.fromkeys(n for n in names if n)) or key
        labels[key] = f"{label} [{key}]" if label in seen else label
        seen.add(labels[key])
    return labels


# ----------------------------------------------------------------- widget state

def widget_state(f: Filters) -> dict[str, object]:
    """Session-state values of the sidebar widgets that show f."""
    state: dict[str, object] = {WIDGET_KEYS[n]: list(getattr(f, n)) for n in LIST_PARAMS}
    return state | {"f_from": f.date_from, "f_to": f.date_to, "f_text": f.text, "f_script": f.script}


def filters_from_widgets(state: Mapping[str, object]) -> Filters:
    """The Filters value the sidebar widgets show now."""
    values = {name: state.get(key) for name, key in WIDGET_KEYS.items()}
    lists = {n: tuple(values[n] or ()) for n in LIST_PARAMS}
    return Filters(date_from=_date(values["date_from"]), date_to=_date(values["date_to"]), **lists,
                   text=clean_text(str(values["text"] or "")), script=str(values["script"] or "deva"))


def revalidated(f: Filters, opts: Options) -> tuple[Filters, list[str]]:
    """f with values no longer in the database dropped (the file may have changed)."""
    kept, notices = from_query(to_query(f), opts)
    return replace(kept, text=f.text), notices


def _text(value: object) -> str:
    """A cell as text; None and NaN become ''."""
    return "" if value is None or value != value else str(value)


def _or_dash(value: object) -> str:
    """A cell as text, '—' when missing."""
    return _text(value) or "—"


def _date(value: object) -> date | None:
    """A date widget's value: a date, or None when empty."""
    return value if isinstance(value, date) else None
