"""Overview: how many meetings the filters select, over time, and with whom."""
import runpy
from pathlib import Path

import streamlit as st

from core.views import charts
from core.views import data as dash

if not st.session_state.pop("entry", False):    # run alone, not through app.py: see there
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "app.py"))
    st.stop()
f, db = st.session_state.filters, st.session_state.db
data = st.cache_data(dash.overview, **dash.CACHE)(db, f)
counts = data.counts

st.title("Overview")
cells = st.columns(5)
cells[0].metric("Meetings", f"{counts['meetings']:,}")
cells[1].metric("Counterpart countries", f"{counts['countries']:,}")
cells[2].metric("Officials", f"{counts['officials']:,}")
cells[3].metric("Articles", f"{counts['articles']:,}")
cells[4].metric("With a known date", f"{counts['dated_share']:.0%}")

if not counts["meetings"]:
    st.info("The database holds no meetings yet." if f.is_empty() else "No meeting matches these filters.")
else:
    st.subheader("Meetings per month")
    st.plotly_chart(charts.month_bars(data.per_month), key="per_month")
    left, right = st.columns(2)
    left.subheader("Top counterpart countries")
    left.plotly_chart(charts.ranked_bars(data.countries, "country"), key="top_countries")
    right.subheader("Top Chinese officials")
    right.plotly_chart(charts.ranked_bars(data.china, "name"), key="top_china")
    st.subheader("Most recent meetings")
    st.dataframe(data.recent, column_order=dash.RECENT_COLUMNS, column_config=dash.COLUMN_LABELS,
                 hide_index=True)
