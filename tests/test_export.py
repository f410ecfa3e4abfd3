"""CSV and JSON downloads (core/views/export.py): exact bytes, Excel-friendly, formula-safe."""
from __future__ import annotations

import csv
import io
import json

import numpy as np
import pandas as pd
import pytest

from core.views.export import neutralise, to_csv_bytes, to_json_bytes

ROWS = pd.DataFrame({
    "id": ["a1", "b2"],
    "china": ["शी चिनफिंग", None],
    "topics": [np.array(["bri", "economy"], dtype=object), np.array([], dtype=object)],
    "evidence": ["पहली पंक्ति\nदूसरी, \"उद्धरण\"", "=HYPERLINK(\"http://x\")"],
    "meetings": [3, -2],
})


def test_csv_is_exact_utf8_with_bom_and_crlf():
    assert to_csv_bytes(ROWS) == (
        "\ufeffid,china,topics,evidence,meetings\r\n"
        'a1,शी चिनफिंग,bri; economy,"पहली पंक्ति\nदूसरी, ""उद्धरण""",3\r\n'
        "b2,,,\"'=HYPERLINK(\"\"http://x\"\")\",-2\r\n").encode("utf-8")


def test_csv_reads_back_as_the_rows():
    text = to_csv_bytes(ROWS).decode("utf-8-sig")
    read = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["id"] for r in read] == ["a1", "b2"]
    assert read[0]["evidence"] == ROWS["evidence"][0]
    assert read[0]["topics"] == "bri; economy"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx", "＝1"])
def test_a_cell_a_spreadsheet_would_run_is_neutralised(cell):
    assert neutralise(cell) == "'" + cell
    out = to_csv_bytes(pd.DataFrame({"name": [cell]})).decode("utf-8-sig")
    assert next(csv.reader(io.StringIO(out.split("\r\n", 1)[1], newline="")))[0] == "'" + cell


@pytest.mark.parametrize("cell", ["शी", "a=b", "x-1", "", "'quoted"])
def test_other_cells_are_left_alone(cell):
    assert neutralise(cell) == cell


def test_numbers_are_not_neutralised_even_when_negative():
    assert to_csv_bytes(pd.DataFrame({"n": [-5, 2]})).endswith(b"-5\r\n2\r\n")


def test_a_list_cell_starting_with_a_formula_is_neutralised():
    out = to_csv_bytes(pd.DataFrame({"t": [["=cmd", "b"]]}))
    assert out.endswith(b"'=cmd; b\r\n")


def test_an_empty_frame_gives_the_header_only():
    assert to_csv_bytes(ROWS.iloc[:0]) == "\ufeffid,china,topics,evidence,meetings\r\n".encode()
    assert json.loads(to_json_bytes(ROWS.iloc[:0])) == []


def test_json_keeps_lists_nulls_and_devanagari():
    data = to_json_bytes(ROWS)
    assert "शी चिनफिंग".encode() in data                  # not \u escapes
    assert json.loads(data) == [
        {"id": "a1", "china": "शी चिनफिंग", "topics": ["bri", "economy"],
         "evidence": ROWS["evidence"][0], "meetings": 3},
        {"id": "b2", "china": None, "topics": [], "evidence": ROWS["evidence"][1], "meetings": -2}]
