"""Downloads of the filtered meetings: to_csv_bytes(df) and to_json_bytes(df).

Both take the very DataFrame the Meetings table shows, so a download holds exactly
the rows on screen. Cells come from article text and are untrusted: in the CSV a
cell that a spreadsheet would run as a formula is prefixed with an apostrophe.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

# A spreadsheet treats a cell starting with these as a formula (OWASP "CSV injection");
# the full-width forms are read as formulas by some locales' Excel too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
LIST_SEPARATOR = "; "


def neutralise(cell: str) -> str:
    """'=1+1' -> "'=1+1": a leading apostrophe makes a spreadsheet show the text as is."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (so Excel reads Devanagari), lists joined by '; ', formulas neutralised."""
    text = pd.DataFrame({c: [_csv_cell(v) for v in df[c]] for c in df.columns}, columns=df.columns)
    body = text.to_csv(index=False, lineterminator="\r\n")
    return ("\ufeff" + body).encode("utf-8")


def to_json_bytes(df: pd.DataFrame) -> bytes:
    """A UTF-8 JSON array of one object per row; lists stay lists, missing values are null."""
    columns = list(df.columns)
    rows = [dict(zip(columns, (_json_value(v) for v in values)))
            for values in df.itertuples(index=False, name=None)]
    return json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8")


def _is_missing(value: object) -> bool:
    """None, NaN, NaT and pd.NA; a list is never missing."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _is_list(value: object) -> bool:
    """A list cell as DuckDB returns it (numpy array) or as a caller built it (list, tuple)."""
    return isinstance(value, (list, tuple, np.ndarray))


def _csv_cell(value: object) -> str:
    """One cell as CSV text: '' when missing, lists joined, text neutralised; numbers as written."""
    if _is_list(value):
        return neutralise(LIST_SEPARATOR.join("" if _is_missing(v) else str(v) for v in _items(value)))
    if _is_missing(value):
        return ""
    if isinstance(value, (bool, np.bool_, int, np.integer, float, np.floating)):
        return str(value)            # a number is never a formula, even when negative
    return neutralise(str(value))


def _json_value(value: object) -> object:
    """One cell as a JSON value."""
    if _is_list(value):
        return [_json_value(v) for v in _items(value)]
    if _is_missing(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)                # dates and timestamps as ISO text


def _items(value: Iterable) -> list:
    """The elements of a list cell."""
    return list(value.tolist() if isinstance(value, np.ndarray) else value)
