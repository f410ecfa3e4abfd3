"""Timeline: one marker per dated meeting; undated meetings counted and listed below."""
import runpy
from pathlib import Path

import streamlit as st

from core.store.queries import TIMELINE_AXES, TIMELINE_COLOURS
from core.views import charts
from core.views import data as dash

if not st.session_state.pop("entry", False):    # run alone, not through app.py: see there
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "app.py"))
    st.stop()
f, db = st.session_state.filters, st.session_state.db
st.title("Timeline")
left, right = st.columns(2)
axis = left.radio("Rows", TIMELINE_AXES, format_func=dash.AXIS_LABELS.get, horizontal=True,
                  key="rows", bind="query-params")
colour = right.radio("Colour", TIMELINE_COLOURS, format_func=dash.COLOUR_LABELS.get, horizontal=True,
                     key="colour", bind="query-params")
data = st.cache_data(dash.timeline, **dash.CACHE)(db, f, axis, colour)

if data.points.empty:
    st.info("No dated meeting matches these filters.")
else:
    st.plotly_chart(charts.timeline(data.points, dash.AXIS_LABELS[axis], dash.COLOUR_LABELS[colour]),
                    key="timeline")
    st.caption(dash.timeline_caption(data))

undated = int(data.undated_counts["meetings"].sum())
st.subheader(f"Meetings without a known day: {undated:,}")
if undated:
    st.dataframe(data.undated_counts, column_config=dash.COLUMN_LABELS, hide_index=True)
    st.dataframe(data.undated, column_order=dash.UNDATED_COLUMNS, column_config=dash.COLUMN_LABELS,
                 hide_index=True)
    if undated > len(data.undated):
        st.caption(f"Listing the first {len(data.undated):,}; the Meetings page lists and exports all.")
