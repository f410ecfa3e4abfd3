"""Helpers of the end-to-end tests: the hostile database rows, the app process, a browser tab."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import duckdb

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
START_TIMEOUT = 90.0       # seconds for `streamlit run` to answer /_stcore/health
IDLE_TIMEOUT = 45_000      # ms for a script run to finish in the browser

# Hostile officials: if either string ran as markup, window.__xss would be set.
IMG = "<img src=x onerror=window.__xss=1>"
SCRIPT = "<script>window.__xss=1</script>"
FORMULA = '=HYPERLINK("http://evil.example/","click") ' + IMG
HOSTILE_COUNTRY = "NPL"
IMG_OFFICIAL, SCRIPT_OFFICIAL = "e2e-xss-img", "e2e-xss-script"
HOSTILE_MEETING = "e2e-xss-meeting-000"


def add_hostile_officials(path: Path) -> None:
    """Two Nepali counterparts named with markup, busier than anyone else, so every view
    (network top N, map hover, table) shows them; their evidence starts with a formula."""
    with duckdb.connect(str(path)) as con:
        busiest = con.execute("SELECT max(n) FROM (SELECT count(*) AS n FROM meetings "
                              "GROUP BY counterpart_id)").fetchone()[0]
        # Copies of one real Nepali meeting, k = 0, 1, 2, ...: even k the <img> official,
        # odd k the <script> one; names, title and evidence replaced.
        con.execute("""
INSERT INTO meetings
SELECT t.* REPLACE ('e2e-xss-meeting-' || lpad(r.k::VARCHAR, 3, '0') AS id,
                    r.official AS counterpart_id, r.name AS counterpart_name,
                    r.name AS counterpart_name_latin, r.name AS counterpart_name_en,
                    r.name AS counterpart_title, ? AS evidence)
FROM (SELECT * FROM meetings WHERE counterpart_country = ? ORDER BY id LIMIT 1) t,
     (SELECT range AS k, CASE WHEN range % 2 = 0 THEN ? ELSE ? END AS official,
             CASE WHEN range % 2 = 0 THEN ? ELSE ? END AS name
      FROM range(?)) r""", [FORMULA, HOSTILE_COUNTRY, IMG_OFFICIAL, SCRIPT_OFFICIAL,
                            IMG, SCRIPT, 2 * (busiest + 5)])
        con.execute("""
INSERT INTO officials
SELECT DISTINCT counterpart_id, counterpart_name, counterpart_name_latin, counterpart_name_en,
       counterpart_country, counterpart_role, [counterpart_name]
FROM meetings WHERE id LIKE 'e2e-xss-meeting-%'""")
        con.execute("CHECKPOINT")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(db: Path, log_name: str = "streamlit", root: Path = ROOT) -> Iterator[str]:
    """`streamlit run app.py` on a free port over db; yields its URL, stops it on exit."""
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    log_path = ARTIFACTS / f"{log_name}.log"
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
            cwd=root, env={**os.environ, "MEETINGS_DB": str(db)}, stdout=log,
            stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, proc, log_path)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wait_healthy(url: str, proc: subprocess.Popen, log_path: Path) -> None:
    """Poll /_stcore/health until it says ok; raise with the log's tail if the app dies."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    tail = log_path.read_text("utf-8", "replace")[-3000:]
    raise RuntimeError(f"streamlit did not become healthy (exit code {proc.poll()}):\n{tail}")


@dataclass
class Tab:
    """One browser page and what it tried to do: requests to other hosts, dialogs, errors."""

    page: object
    base: str
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        """Go to base + path (a deep link with its query string) and wait for the run to end."""
        self.page.goto(self.base + path)
        self.settle()

    def settle(self) -> None:
        """Wait until the script run has finished and no element is still a placeholder."""
        idle = '[data-testid="stApp"][data-test-script-state="notRunning"]'
        for _ in range(2):   # a run can trigger one more (widgets seeded from the URL)
            self.page.wait_for_selector(idle, timeout=IDLE_TIMEOUT)
            self.page.wait_for_function(
                "() => !document.querySelector('[data-testid=stSkeleton]')", timeout=IDLE_TIMEOUT)
            self.page.wait_for_timeout(250)

    def dialogs_shown(self) -> list[str]:
        """Text of Streamlit modal dialogs on screen (e.g. 'Page not found')."""
        return self.page.get_by_test_id("stDialog").all_inner_texts()

    def widget(self, testid: str, label: str):
        """The sidebar widget of this kind whose label is exactly label."""
        sidebar = self.page.get_by_test_id("stSidebar")
        return sidebar.get_by_test_id(testid).filter(
            has=self.page.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True))

    def chips(self, label: str) -> list[str]:
        """The values a sidebar multiselect shows as chips."""
        return [t.strip() for t in self.widget("stMultiSelect", label)
                .locator("[data-tag]").all_inner_texts()]

    def checked(self, label: str) -> str:
        """The option label a sidebar radio has checked."""
        checked = self.widget("stRadio", label).locator("label:has(input:checked)")
        return checked.inner_text().strip()

    def date(self, label: str) -> str:
        """The text a sidebar date input shows."""
        return self.widget("stDateInput", label).locator("input").input_value()

    def network_frame(self):
        """The frame holding the vis-network graph, once the graph exists."""
        self.page.wait_for_selector("iframe", timeout=IDLE_TIMEOUT)
        for _ in range(200):
            for frame in self.page.frames[1:]:
                if frame.evaluate("() => typeof network === 'object'"):
                    return frame
            self.page.wait_for_timeout(100)
        raise AssertionError("no frame holds the vis network")

    def xss_flags(self) -> list[object]:
        """window.__xss in the page and in every frame (the network runs in an iframe)."""
        return [frame.evaluate("() => window.__xss") for frame in self.page.frames]

    def screenshot(self, name: str) -> Path:
        """A full-page PNG in test-artifacts/."""
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


def new_context(browser):
    """A browser context; pages opened in one share its HTTP cache (the app's 5 MB of JS)."""
    return browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)


def new_tab(context, base: str) -> Tab:
    """A page that can reach only localhost; dialogs are recorded and dismissed."""
    page = context.new_page()
    tab = Tab(page=page, base=base)

    def route(r) -> None:
        parts = urlsplit(r.request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
            tab.blocked.append(r.request.url)
            r.abort()
        else:
            r.continue_()

    page.route("**/*", route)
    page.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: tab.errors.append(str(e)))
    return tab
