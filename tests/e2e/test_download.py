"""The CSV download holds exactly the filtered rows: BOM, UTF-8, formulas neutralised."""
from __future__ import annotations

import csv
import io

import duckdb

from core.store.filters import Filters
from core.views import data as dashboard

from .harness import HOSTILE_COUNTRY, Tab

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_csv_download_is_the_filtered_rows(tab: Tab, paths: dict, db_handle, e2e_db):
    tab.open(f"/{paths['meetings']}?country={HOSTILE_COUNTRY}&mode=in_person")
    with tab.page.expect_download(timeout=30_000) as info:
        tab.page.get_by_test_id("stDownloadButton").get_by_text("Download CSV").click()
    download = info.value
    data = download.path().read_bytes()
    tab.screenshot("meetings-download")

    # Byte for byte what the dashboard's one query path gives for these filters.
    f = Filters(countries=(HOSTILE_COUNTRY,), modes=("in_person",))
    assert data == dashboard.csv_download(db_handle, f)
    assert download.suggested_filename == "meetings.csv"

    assert data.startswith(b"\xef\xbb\xbf")                  # BOM: Excel reads Devanagari
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    with duckdb.connect(str(e2e_db), read_only=True) as con:
        expected = con.execute("SELECT count(*) FROM meetings WHERE counterpart_country = ? "
                               "AND mode = 'in_person'", [HOSTILE_COUNTRY]).fetchone()[0]
    assert len(body) == expected > 0
    evidence = [r[header.index(next(h for h in header if h.lower() == "evidence"))] for r in body]
    assert any(e.startswith("'=HYPERLINK(") for e in evidence)          # the hostile rows
    assert not [c for r in body for c in r if c.startswith(FORMULA_START)]
