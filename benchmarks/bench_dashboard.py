"""How fast the dashboard renders on a large synthetic database, measured with AppTest.

    .venv/bin/python benchmarks/bench_dashboard.py [--meetings 100000] [--db PATH]

Per page: the first visit after the app's first load (its queries not cached yet),
a rerun with nothing changed (cached), and filter changes (each a new filter set, so
uncached: a topic, a country, a free-text search). Targets: first visit < 1.5 s, a
filter change < 0.5 s. AppTest runs the whole script in-process, as the server does,
without the browser's drawing time. Every figure is the median of --repeat rounds,
each starting with empty caches; the load average is printed because a busy machine
slows every figure.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
import streamlit.logger  # noqa: E402
from streamlit import config  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from core import store  # noqa: E402
from core.store import queries  # noqa: E402
from core.store.filters import Filters  # noqa: E402
from core.synth import build_synthetic_db  # noqa: E402

# Clearing caches outside a server logs a notice per call; loggers made later read the config.
config.set_option("logger.level", "error")
streamlit.logger.set_log_level("error")
PAGES = ("overview", "timeline", "map", "network", "meetings")
FIRST_VISIT_TARGET, FILTER_TARGET = 1.5, 0.5


def timed(run) -> float:
    """Seconds one AppTest run takes; an exception in the app aborts the benchmark."""
    start = time.perf_counter()
    at = run()
    seconds = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"the app raised: {at.exception[0].value}")
    return seconds


def filter_changes(db: Path) -> list[tuple[str, object]]:
    """(widget key, value) of the filter changes measured on every page."""
    with store.read_connection(db) as con:
        country = str(queries.top_countries(con, Filters(), 3)["iso3"].iloc[2])
    return [("f_topics", ["bri"]), ("f_countries", [country]), ("f_text", "मंत्री")]


def bench_page(page: str, changes: list[tuple[str, object]]) -> dict[str, float]:
    """Timings of one page in a fresh session with empty caches."""
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    first = timed(lambda: at.switch_page(f"pages/{page}.py").run())
    cached = timed(lambda: at.run())
    changed = []
    for key, value in changes:
        widget = at.text_input(key=key) if key == "f_text" else at.multiselect(key=key)
        changed.append(timed(lambda: widget.set_value(value).run()))
        at.button[0].click().run()             # Clear filters before the next change
    return {"first": first, "cached": cached, "filter_median": statistics.median(changed),
            "filter_worst": max(changed)}


def median_of(rounds: list[dict[str, float]]) -> dict[str, float]:
    """The median of each figure over the rounds."""
    return {k: statistics.median(r[k] for r in rounds) for k in rounds[0]}


def main() -> None:
    """Build (or reuse) the database, time every page, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, help="reuse (or create) the synthetic database here")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per page (median reported)")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="bench-")) / "meetings.duckdb"
    if not db.exists():
        start = time.perf_counter()
        build_synthetic_db(db, args.meetings, seed=args.seed)
        print(f"built {args.meetings:,} synthetic meetings in {time.perf_counter() - start:.1f} s: {db}")
    os.environ["MEETINGS_DB"] = str(db)
    with store.read_connection(db) as con:
        total = queries.meeting_counts(con, Filters())["meetings"]

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    print(f"\n{total:,} meetings, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"app's first load (imports, options): {timed(lambda: app.run()):.2f} s\n")
    print("| page | first visit (s) | rerun, cached (s) | filter change, median (s) | worst (s) |")
    print("|---|---:|---:|---:|---:|")
    ok, changes = True, filter_changes(db)
    for page in PAGES:
        t = median_of([bench_page(page, changes) for _ in range(args.repeat)])
        ok &= t["first"] < FIRST_VISIT_TARGET and t["filter_worst"] < FILTER_TARGET
        print(f"| {page} | {t['first']:.2f} | {t['cached']:.2f} | {t['filter_median']:.2f} "
              f"| {t['filter_worst']:.2f} |")
    print(f"\ntargets: first visit < {FIRST_VISIT_TARGET} s, filter change < {FILTER_TARGET} s: "
          f"{'met' if ok else 'NOT met'} (load average at the end {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
