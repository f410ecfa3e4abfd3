"""core.views.geo: the choropleth uses only the world outline the app serves itself."""
from __future__ import annotations

import hashlib
import json
import re
import tomllib

import pandas as pd
import pytest

from core.views import geo
from core.views.geo import choropleth, selected_iso3

HOSTILE = "<img src=x onerror=window.__xss=1>"
URL = re.compile(r"(https?:)?//[\w.-]+\.\w", re.I)


def _frame() -> pd.DataFrame:
    """Four countries, one with hostile names, one with a bad code."""
    return pd.DataFrame({
        "iso3": ["IND", "NPL", "SGP", "bad!"],
        "country": ["India", HOSTILE, "Singapore", "Nowhere"],
        "meetings": [3, 1, 2, 7],
        "top_officials": [["A", "B", "C", "D"], ["<script>window.__xss=1</script>"], [], []],
        "top_topics": [["bri", "economy"], "security", [], None],
    })


def test_figure_and_config_reference_no_external_url():
    fig, config = choropleth(_frame())
    text = fig.to_json() + json.dumps(config)
    assert not URL.search(text), URL.search(text)


def test_config_points_plotly_at_the_shipped_outline():
    _, config = choropleth(_frame())
    url = config["topojsonURL"]
    assert not url.startswith(("/", "http")), "relative, so it works under a base path"
    served = geo.STATIC_DIR / url.removeprefix("app/static/") / f"world_{geo.RESOLUTION}m.json"
    assert served.is_file()
    assert choropleth(_frame())[0].layout.geo.resolution == geo.RESOLUTION


def test_locations_are_iso3_and_carried_in_customdata():
    trace = choropleth(_frame())[0].data[0]
    assert trace.locationmode == "ISO-3"
    assert list(trace.locations) == ["IND", "NPL", "SGP"]          # 'bad!' dropped
    assert [c[0] for c in trace.customdata] == list(trace.locations)
    assert list(trace.z) == [3, 1, 2]
    assert (trace.zmin, trace.zmax) == (0, 3)          # the scale starts at zero meetings


def test_hover_fields_are_escaped_and_short():
    trace = choropleth(_frame())[0].data[0]
    india, nepal, singapore = (list(c) for c in trace.customdata)
    assert nepal[1] == "&lt;img src=x onerror=window.__xss=1&gt;"
    assert nepal[2] == "&lt;script&gt;window.__xss=1&lt;/script&gt;"
    assert india[2] == "A, B, C" and india[3] == "bri, economy"
    assert singapore[2] == "—" and nepal[3] == "security"
    assert "<img" not in choropleth(_frame())[0].to_json()


def test_chinese_officials_join_the_hover_when_given():
    fig, _ = choropleth(_frame().assign(top_china=[["Wang Yi"], [], ["<b>x</b>"], []]))
    trace = fig.data[0]
    assert "Chinese officials: %{customdata[4]}" in trace.hovertemplate
    assert [c[4] for c in trace.customdata] == ["Wang Yi", "—", "&lt;b&gt;x&lt;/b&gt;"]
    assert "Chinese" not in choropleth(_frame())[0].data[0].hovertemplate


def test_selected_countries_stay_highlighted():
    trace = choropleth(_frame(), selected=["SGP"])[0].data[0]
    assert list(trace.selectedpoints) == [2]
    assert choropleth(_frame())[0].data[0].selectedpoints is None


def test_missing_columns_are_reported():
    with pytest.raises(ValueError, match="top_topics"):
        choropleth(_frame().drop(columns="top_topics"))


def test_empty_frame_gives_an_empty_map():
    fig, _ = choropleth(_frame().iloc[0:0])
    assert list(fig.data[0].locations) == []


# What Streamlit 1.67 put in st.plotly_chart(...).selection after a click on India
# (recorded from a real click in headless Chromium).
CLICK = {"points": [{"curve_number": 0, "point_number": 0, "point_index": 0, "location": "IND",
                     "z": 3, "ct": [79.35, 22.34], "customdata": ["IND", "India", "A", "bri"]}],
         "point_indices": [0], "box": [], "lasso": []}


@pytest.mark.parametrize("selection,expected", [
    (CLICK, ["IND"]),
    ({"points": [{"customdata": ["NPL", "Nepal"]}]}, ["NPL"]),          # no location: customdata
    ({"points": [{"location": "IND"}, {"location": "IND"}, {"location": "NPL"}]}, ["IND", "NPL"]),
    ({"points": [{"location": "<b>"}, {"location": 5}, {}]}, []),
    ({"points": [], "box": [], "lasso": []}, []),
    ({}, []),
    (None, []),
])
def test_selected_iso3(selection, expected):
    assert selected_iso3(selection) == expected


def test_shipped_outline_matches_its_record():
    path = geo.TOPOJSON_DIR / f"world_{geo.RESOLUTION}m.json"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert digest in (geo.STATIC_DIR / "README.md").read_text("utf-8")
    assert (geo.TOPOJSON_DIR / "LICENSE.plotly.js").is_file()


def test_outline_has_the_small_states_and_iso3_ids():
    ids = geo.map_iso3()
    assert {"SGP", "MDV", "BHR", "MLT", "MUS", "SYC", "HKG", "MAC", "TWN", "CHN", "IND"} <= ids
    assert all(re.fullmatch(r"[A-Z]{3}", i) for i in ids)


def test_every_synthetic_country_is_on_the_map():
    synth = pytest.importorskip("core.synth")
    assert set(synth.COUNTRIES) <= geo.map_iso3()


def test_streamlit_serves_the_static_folder(root):
    """Without static serving the browser cannot load the outline and the map stays blank."""
    config = root / ".streamlit" / "config.toml"
    assert config.is_file(), ".streamlit/config.toml is missing"
    server = tomllib.loads(config.read_text("utf-8")).get("server", {})
    assert server.get("enableStaticServing") is True
