"""Meetings: the filtered table, downloads of exactly those rows, and one meeting's article."""
import streamlit as st

from core import dashboard as dash, export

f, db = st.session_state.filters, st.session_state.db
rows = st.cache_data(dash.meetings, show_spinner=False)(db, f)


def show_selected() -> None:
    """A row picked in the table becomes ?meeting=<id>, so the detail view is shareable too."""
    picked = st.session_state.table.selection.rows
    if picked:
        st.query_params["meeting"] = st.session_state.table_ids[picked[0]]


st.title("Meetings")
left, middle, right = st.columns([2, 1, 1])
left.caption(f"{len(rows):,} meetings match the filters; both downloads hold exactly these rows.")
middle.download_button("Download CSV", lambda: export.to_csv_bytes(rows), "meetings.csv", "text/csv",
                       on_click="ignore", key="csv")
right.download_button("Download JSON", lambda: export.to_json_bytes(rows), "meetings.json",
                      "application/json", on_click="ignore", key="json")
page = st.pagination(dash.page_count(len(rows)), key="page") if len(rows) > dash.MAX_TABLE_ROWS else 1
shown = dash.table_page(rows, page)
st.session_state.table_ids = list(shown["id"])
st.dataframe(shown, column_order=dash.TABLE_COLUMNS, column_config=dash.COLUMN_LABELS, hide_index=True,
             key="table", on_select=show_selected, selection_mode="single-row")

if meeting_id := st.query_params.get("meeting"):
    detail = st.cache_data(dash.meeting, show_spinner=False)(db, meeting_id, f.script)
    if detail is None:
        st.warning("The meeting in this link is not in the database.", icon="⚠️")
    else:
        st.subheader(dash.meeting_heading(detail))
        st.caption(dash.meeting_caption(detail))
        st.html(dash.article_html(detail))
