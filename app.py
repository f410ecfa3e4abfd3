"""China's meetings in Hindi news: navigation and the shared sidebar of filters.

Every filter lives in the URL query string (core/store/filters.py), so a copied link, also
a deep link to one page, reproduces the view; the pages read st.session_state.filters.
"""
import streamlit as st

from core import store
from core.model import MODES, ROLES, TOPICS
from core.store.filters import MAX_DATE, MAX_TEXT, MIN_DATE, PARAMS, SCRIPTS, Filters, from_query, query_lists, to_query
from core.views import data as dash
from core.views.charts import slug_label

# An emoji favicon: a :material/...: one is fetched from fonts.gstatic.com (no internet here).
st.set_page_config(page_title="China's meetings in Hindi news", page_icon="🤝",
                   layout="wide")
PAGES = [st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:",
                 url_path="overview", default=True),
         st.Page("pages/timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
         st.Page("pages/map.py", title="Map", icon=":material/public:", url_path="map"),
         st.Page("pages/network.py", title="Network", icon=":material/hub:", url_path="network"),
         st.Page("pages/meetings.py", title="Meetings", icon=":material/table_rows:", url_path="meetings")]
# The built-in menu drops unbound query parameters on a page switch; these links carry them.
navigation = st.navigation(PAGES, position="hidden")


def open_database() -> dash.Db:
    """The database, built from data/articles with a progress bar when the file is missing."""
    path = dash.db_path()
    if not path.exists():
        with st.status("First start: building the database from data/articles…") as status:
            bar = st.progress(0.0)
            store.build_if_missing(path, dash.ARTICLES_DIR, lambda done, total: bar.progress(
                done / max(total, 1), f"{done} / {total} articles"))
            status.update(label="Database built", state="complete")
    return dash.current_db(path)


def sync_filters(opts) -> None:
    """Seed the widgets from the URL on a cold start or a URL the app did not write (back
    button), else keep what they hold, dropping values gone from the database."""
    url = query_lists({k: st.query_params.get_all(k) for k in PARAMS if k in st.query_params})
    from_url = "filters" not in st.session_state or (url and url != st.session_state.get("url"))
    if from_url:
        f, notices = from_query(url, opts)
    else:
        f, notices = dash.revalidated(dash.filters_from_widgets(st.session_state), opts)
    if from_url or notices:
        st.session_state.update(dash.widget_state(f))
    if notices:
        st.session_state.notices = (f, notices)


def write_url(f: Filters) -> None:
    """Put f in the query string, leaving the pages' own parameters alone."""
    want = query_lists(to_query(f))
    changed = {k: v for k, v in want.items() if st.query_params.get_all(k) != v}
    if changed:
        st.query_params.update(changed)        # one browser-history entry for all of them
    for key in [k for k in PARAMS if k in st.query_params and k not in want]:
        del st.query_params[key]
    st.session_state.url = want


def sidebar(opts) -> Filters:
    """The filter widgets; returns what they show."""
    countries, china = dash.country_labels(opts.countries), dash.official_labels(opts.china_officials)
    officials = dash.official_labels(opts.counterpart_officials)
    with st.sidebar:
        menu = st.container()
        shown, notices = st.session_state.get("notices", (None, []))
        for notice in notices if shown == dash.filters_from_widgets(st.session_state) else []:
            st.warning(dash.escape_markdown(notice), icon="⚠️")
        st.radio("Names in", SCRIPTS, format_func=dash.SCRIPT_LABELS.get, key="f_script", horizontal=True)
        left, right = st.columns(2)
        for column, label, key in ((left, "From", "f_from"), (right, "To", "f_to")):
            column.date_input(label, key=key, min_value=MIN_DATE, max_value=MAX_DATE, format="YYYY-MM-DD")
        st.multiselect("Counterpart countries", list(countries), format_func=countries.get,
                       key="f_countries")
        st.multiselect("Regions", opts.regions, key="f_regions")
        st.multiselect("Chinese officials", list(china), format_func=china.get, key="f_china_officials")
        st.multiselect("Counterpart officials", list(officials), format_func=officials.get,
                       key="f_counterpart_officials")
        st.multiselect("Role level (either side)", ROLES, format_func=slug_label, key="f_roles")
        st.multiselect("Mode", MODES, format_func=slug_label, key="f_modes")
        st.multiselect("Topics", TOPICS, format_func=slug_label, key="f_topics")
        st.text_input("Search names, titles and evidence", key="f_text", max_chars=MAX_TEXT)
        st.button("Clear filters", on_click=lambda: st.session_state.update(
            dash.widget_state(Filters(script=st.session_state.f_script))))
        st.caption("Every filter is in the address bar: copy it to share this view.")
    f = dash.filters_from_widgets(st.session_state)
    for page in PAGES:                          # links made last: they carry the filters just set
        menu.page_link(page, query_params=to_query(f))
    menu.divider()
    return f


st.session_state.db = open_database()
try:
    options = st.cache_data(dash.options, **dash.CACHE)(st.session_state.db)
except store.DatabaseUnreadable as unreadable:   # one sentence, not a traceback
    st.error(dash.escape_markdown(f"{unreadable}. Point MEETINGS_DB at a database built by "
                                  "`python -m core ingest`, or move this file away to rebuild it."))
    st.stop()
sync_filters(options)
st.session_state.filters = sidebar(options)
write_url(st.session_state.filters)
# With a pages/ folder present, a fresh server answers its very first request, if that is
# a deep link (/map), by running pages/map.py alone. Each page checks this mark and, when
# it is missing, runs this script in its place (see the top of every page).
st.session_state.entry = True
navigation.run()
