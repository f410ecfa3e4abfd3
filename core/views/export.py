"""Downloads of the filtered meetings: to_csv_bytes(df) and to_json_bytes(df).

Both take the very DataFrame the Meetings table shows, so a download holds exactly
the rows on screen. Cells come from article text and are untrusted: in the CSV a
cell that a spreadsheet would run as a formula is prefixed with an apostrophe.
"""
from __future__ import annotations

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
    text = pd.DataFrame({c: _csv_column(df[c]) for c in df.columns}, index=df.index, columns=df.columns)
    body = text.to_csv(index=False, lineterminator="\r\n")
    return ("\ufeff" + body).encode("utf-8")


def to_json_bytes(df: pd.DataFrame) -> bytes:
    """A UTF-8 JSON array of one object per row; lists stay lists, missing values are null."""
    return df.to_json(orient="records", force_ascii=False).encode("utf-8")


def _csv_column(col: pd.Series) -> pd.Series:
    """One column as CSV cells; vectorised, as an export can hold 100,000 rows."""
    if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col):
        return col                   # a number is never a formula, even when negative
    if col.dtype == object and col.map(_is_list).any():      # str columns cannot hold lists
        col = col.map(lambda v: LIST_SEPARATOR.join(map(str, _items(v))) if _is_list(v) else v)
    text = col.astype("str").where(col.notna(), "") if col.dtype != "str" else col.fillna("")
    risky = text.str.startswith(FORMULA_START)
    return text.where(~risky, "'" + text)


def _is_missing(value: object) -> bool:
    """None, NaN, NaT and pd.NA; a list is never missing."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _is_list(value: object) -> bool:
    """A list cell as DuckDB returns it (numpy array) or as a caller built it (list, tuple)."""
    return isinstance(value, (list, tuple, np.ndarray))


def _items(value: Iterable) -> list:
    """The elements of a list cell."""
    return list(value.tolist() if isinstance(value, np.ndarray) else value)
