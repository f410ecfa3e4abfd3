"""End-to-end fixtures: a real DuckDB file, `streamlit run app.py`, Debian's Chromium.

Session fixtures build the database (synthetic meetings plus officials with hostile
names), start the app on a free localhost port with MEETINGS_DB pointing at it, and
launch Chromium through the Python playwright package (executable_path, never a
downloaded browser). Every browser context aborts requests that leave localhost, so
each test also shows the page works offline. Screenshots go to test-artifacts/.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from .harness import CHROMIUM, CHROMIUM_ARGS, ROOT, Tab, add_hostile_officials, new_context, new_tab, running_app


def pytest_configure(config: pytest.Config) -> None:
    """Register the e2e marker (select with -m e2e, leave out with -m 'not e2e')."""
    config.addinivalue_line("markers", "e2e: drives the running app in headless Chromium")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test here e2e; skip them, saying why, only when Chromium is absent."""
    here = Path(__file__).parent
    missing = not os.access(CHROMIUM, os.X_OK)
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)
            if missing:
                item.add_marker(pytest.mark.skip(
                    reason=f"Debian chromium not found at {CHROMIUM} "
                           "(apt-get install chromium; scripts/test.sh installs it)"))


@pytest.fixture(scope="session")
def e2e_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DuckDB file of 3,000 synthetic meetings (core.synth, with its hostile rows) plus
    the hostile officials of harness.add_hostile_officials."""
    from core import synth
    path = synth.build_synthetic_db(tmp_path_factory.mktemp("e2e") / "meetings.duckdb", 3000,
                                    seed=11, hostile=True)
    add_hostile_officials(path)
    return path


@pytest.fixture(scope="session")
def db_handle(e2e_db: Path):
    """core.views.data's handle of the e2e database, to compute what a page should show."""
    from core.views import data as dashboard
    return dashboard.current_db(e2e_db)


@pytest.fixture(scope="session")
def app_url(e2e_db: Path, context) -> Iterator[str]:
    """The app over e2e_db, shared by the session's tests.

    One visit to the root first: cold-start behaviour is test_cold_start_deep_link's
    subject alone, so a cold-start bug fails that test, not whichever test runs first.
    """
    with running_app(e2e_db) as url:
        warm = new_tab(context, url)
        warm.open("/")
        warm.page.close()
        yield url


@pytest.fixture(scope="session")
def paths() -> dict[str, str]:
    """URL path of each page by its file name, read from app.py: {'map': 'world-map', ...}.

    The default page is served at the root ('' here): Streamlit answers its url_path
    with "Page not found".
    """
    app = (ROOT / "app.py").read_text("utf-8")
    calls = re.findall(r'st\.Page\(\s*"pages/(\w+)\.py"([^)]*)\)', app)
    assert calls, "no st.Page('pages/...') in app.py"
    found = {}
    for name, args in calls:
        url_path = re.search(r'url_path="([^"]+)"', args)
        found[name] = "" if re.search(r"default\s*=\s*True", args) else (
            url_path.group(1) if url_path else name)
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by the playwright package."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def context(browser) -> Iterator[object]:
    """One browser context for the session: its pages share the HTTP cache.

    Each page is its own Streamlit session (one websocket each), so tests stay apart.
    """
    ctx = new_context(browser)
    yield ctx
    ctx.close()


@pytest.fixture
def tab(context, app_url: str) -> Iterator[Tab]:
    """A fresh offline page on the shared app."""
    t = new_tab(context, app_url)
    yield t
    t.page.close()
