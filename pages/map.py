"""Map: counterpart countries shaded by meetings; a click narrows the filters to that country."""
import runpy
from pathlib import Path

import streamlit as st

from core.views import data as dash
from core.views import geo

if not st.session_state.pop("entry", False):    # run alone, not through app.py: see there
    runpy.run_path(str(Path(__file__).resolve().parents[1] / "app.py"))
    st.stop()
f, db = st.session_state.filters, st.session_state.db


def narrow_to_clicked() -> None:
    """A click on a country puts it as the only country in the sidebar filter."""
    clicked = geo.selected_iso3(st.session_state.map.selection)
    if clicked:
        st.session_state[dash.WIDGET_KEYS["countries"]] = clicked[:1]


st.title("Map")
data = st.cache_data(dash.country_map, **dash.CACHE)(db, f)
if data.empty:
    st.info("No meeting with a counterpart country matches these filters.")
else:
    left, right = st.columns([3, 2])
    figure, config = geo.choropleth(data, selected=f.countries)
    left.plotly_chart(figure, config=config, key="map", on_select=narrow_to_clicked,
                      selection_mode="points")
    left.caption("Click a country to narrow every page to it; clear it in the sidebar.")
    right.dataframe(data, column_order=dash.MAP_COLUMNS, column_config=dash.COLUMN_LABELS,
                    hide_index=True)
