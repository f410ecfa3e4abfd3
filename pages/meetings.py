"""Meetings: the filtered table, downloads of exactly those rows, and one meeting's article."""
import runpy
from pathlib import Path

import streamlit as st

from core.views import data as dash

if not st.session_state.pop("entry", False):    # run alone, not through app.py: see there
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "app.py"))
    st.stop()
f, db = st.session_state.filters, st.session_state.db
total = st.cache_data(dash.meeting_total, **dash.CACHE)(db, f)


def show_selected() -> None:
    """A row picked in the table becomes ?meeting=<id>, so the detail view is shareable too."""
    picked = st.session_state.table.selection.rows
    if picked:
        st.query_params["meeting"] = st.session_state.table_ids[picked[0]]


st.title("Meetings")
left, middle, right = st.columns([2, 1, 1])
left.caption(f"{total:,} meetings match the filters; both downloads hold exactly these rows, "
             f"the table shows them {dash.MAX_TABLE_ROWS:,} per page.")
# Generated on click, from the same filters and query as the table (core/views/data.py).
middle.download_button("Download CSV", lambda: dash.csv_download(db, f), "meetings.csv", "text/csv",
                       on_click="ignore", key="csv")
right.download_button("Download JSON", lambda: dash.json_download(db, f), "meetings.json",
                      "application/json", on_click="ignore", key="json")
pages = dash.page_count(total)
page = st.pagination(pages, key="page", bind="query-params") if pages > 1 else 1
rows = st.cache_data(dash.meeting_rows, **dash.CACHE)(db, f, page)
st.session_state.table_ids = list(rows["id"])
st.dataframe(rows, column_order=dash.TABLE_COLUMNS, column_config=dash.COLUMN_LABELS, hide_index=True,
             key="table", on_select=show_selected, selection_mode="single-row")

if meeting_id := st.query_params.get("meeting"):
    detail = st.cache_data(dash.meeting, **dash.CACHE)(db, meeting_id, f.script)
    if detail is None:
        st.warning("The meeting in this link is not in the database.", icon="⚠️")
    else:
        st.subheader(dash.meeting_heading(detail))
        st.caption(dash.meeting_caption(detail))
        st.html(dash.article_html(detail))
