"""Network: officials as nodes (red: China), pairs who met as edges, for the top N officials."""
import runpy
from pathlib import Path

import streamlit as st

from core.views import data as dash

if not st.session_state.pop("entry", False):    # run alone, not through app.py: see there
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "app.py"))
    st.stop()
f, db = st.session_state.filters, st.session_state.db
st.title("Network")
top_n = st.slider("Officials shown (the busiest on each side)", min_value=10, max_value=300,
                  value=60, step=10, key="top", bind="query-params")
page, nodes, edges = st.cache_data(dash.network_page, **dash.CACHE)(db, f, top_n)

if not nodes:
    st.info("No meeting matches these filters.")
else:
    st.caption(f"{nodes:,} officials and {edges:,} pairs. Node size: meetings; edge width: meetings "
               "of the pair. Red: Chinese officials; other colours: counterpart countries.")
    st.iframe(page, height=dash.NETWORK_HEIGHT)
