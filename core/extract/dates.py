"""Date expressions in a sentence, and their resolution against a reference date.

find_dates(folded_tokens, lex) -> [DateExpr]; resolve(expr, ref, year_hint) ->
(ISO date or None, precision, weekday or None).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from core.extract.lexicon import Lexicon, fold
from core.model import WEEKDAYS

_DAY = re.compile(r"^(\d{1,2})(?:-\d{1,2})?$")
_YEAR = re.compile(r"^(19[5-9]\d|20\d\d)$")
_WEEK_WORDS = frozenset(fold(w) for w in ("सप्ताह", "हफ्ते", "हफ़्ते", "हफ्ता", "सप्ताहांत"))
_ORDINAL_AFTER = frozenset(fold(w) for w in ("वीं", "वें", "वां", "वी", "वे"))


@dataclass(frozen=True)
class DateExpr:
    start: int                      # token index of the first token
    end: int                        # token index after the last token
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: str | None = None
    offset: int | None = None       # relative day offset ("कल" = -1)
    last: bool = False              # "पिछले शुक्रवार": strictly before the reference
    month_shift: int | None = None  # "पिछले महीने" = -1, "इस महीने" = 0
    vague: bool = False             # "पिछले सप्ताह": a date is said, no day is known
    same_day: bool = False          # "उसी दिन": the day of the meeting reported before
    year_shift: int | None = None   # "पिछले साल [मई में]" = -1

    @property
    def rank(self) -> int:
        """How much the expression says: a full date beats a weekday beats nothing."""
        if self.day:
            return 5
        if self.weekday or self.offset is not None or self.same_day:
            return 4
        if self.month or self.month_shift is not None:
            return 3
        if self.year_shift is not None:
            return 2
        return 2 if self.year else 1


def _day_month(folded: list[str], i: int, lex: Lexicon) -> DateExpr | None:
    """'5 फरवरी [2022]', '16-17 मई', '16 से 17 मई'."""
    match = _DAY.match(folded[i])
    if not match:
        return None
    j = i + 1
    if j + 1 < len(folded) and folded[j] == fold("से") and _DAY.match(folded[j + 1]):
        j += 2
    if j >= len(folded) or folded[j] not in lex.months:
        return None
    day, month, end = int(match[1]), lex.months[folded[j]], j + 1
    if not 1 <= day <= 31:
        return None
    k = end + 1 if end < len(folded) and folded[end] == "," else end
    if k < len(folded) and _YEAR.match(folded[k]) and not _blocked_year(folded, k, lex):
        return DateExpr(i, k + 1, day=day, month=month, year=int(folded[k]))
    return DateExpr(i, end, day=day, month=month)


_TARIKH = frozenset(fold(w) for w in ("तारीख", "तारीख़", "तारीख़", "तिथि"))


def _day_only(folded: list[str], i: int) -> DateExpr | None:
    """'12 तारीख को' (CMG style): a day of the publication month."""
    match = _DAY.match(folded[i])
    if match and i + 1 < len(folded) and folded[i + 1] in _TARIKH and 1 <= int(match[1]) <= 31:
        return DateExpr(i, i + 2, day=int(match[1]))
    return None


def _month(folded: list[str], i: int, lex: Lexicon) -> DateExpr | None:
    """'जून में', 'मई 2024'."""
    month = lex.months.get(folded[i])
    if not month or (i > 0 and _DAY.match(folded[i - 1])):
        return None
    if i + 1 < len(folded) and _YEAR.match(folded[i + 1]):
        return DateExpr(i, i + 2, month=month, year=int(folded[i + 1]))
    if i + 1 < len(folded) and folded[i + 1] in (fold("में"), fold("को"), fold("के")):
        return DateExpr(i, i + 1, month=month)
    return None


def _weekday(folded: list[str], i: int, lex: Lexicon) -> DateExpr | None:
    """'बुधवार को', 'पिछले शुक्रवार', 'मंगलवार शाम'."""
    weekday = lex.weekdays.get(folded[i])
    if not weekday:
        return None
    last = i > 0 and folded[i - 1] in lex.last_words
    return DateExpr(i - last, i + 1, weekday=weekday, last=last)


def _relative(folded: list[str], i: int, lex: Lexicon) -> DateExpr | None:
    """'कल', 'आज', 'पिछले महीने', 'पिछले सप्ताह'."""
    hit = lex.month_relative.match(folded, i)
    if hit:
        return DateExpr(i, i + hit[0], month_shift=-1 if hit[1] == "last" else 0)
    if folded[i] in lex.last_words and i + 1 < len(folded) and folded[i + 1] in _WEEK_WORDS:
        return DateExpr(i, i + 2, vague=True)
    hit = lex.same_day.match(folded, i)
    if hit:
        return DateExpr(i, i + hit[0], same_day=True)
    hit = lex.relative_days.match(folded, i)
    if hit:
        return DateExpr(i, i + hit[0], offset=hit[1])
    count = int(folded[i]) if folded[i].isdigit() and len(folded[i]) <= 2 else lex.numbers.get(folded[i])
    ago = lex.days_ago.match(folded, i + 1) if count and i + 1 < len(folded) else None
    if ago:
        return DateExpr(i, i + 1 + ago[0], offset=-count)                # "दो दिन पहले"
    return None


def _year(folded: list[str], i: int, lex: Lexicon) -> DateExpr | None:
    """'2019 में' (a year alone; not '2022 पेइचिंग ओलंपिक', not '1975 में स्थापित')."""
    if (_YEAR.match(folded[i]) and i + 1 < len(folded) and folded[i + 1] == fold("में")
            and not _blocked_year(folded, i, lex)):
        return DateExpr(i, i + 1, year=int(folded[i]))
    return None


def _blocked_year(folded: list[str], i: int, lex: Lexicon) -> bool:
    """A founding, an anniversary, 'since 1950': the year at i dates no meeting."""
    return any(lex.year_blockers.match(folded, j) for j in range(i + 1, min(len(folded), i + 4)))


def _last_year(folded: list[str], i: int, lex: Lexicon) -> DateExpr | None:
    """'पिछले साल' (precision year), 'पिछले साल मई में' (precision month)."""
    hit = lex.last_year.match(folded, i)
    if not hit:
        return None
    j = i + hit[0]
    month = lex.months.get(folded[j]) if j < len(folded) else None
    return DateExpr(i, j + bool(month), month=month, year_shift=-1)


def find_dates(folded: list[str], lex: Lexicon) -> list[DateExpr]:
    """Every date expression of a tokenised sentence, left to right, not overlapping."""
    found, i = [], 0
    while i < len(folded):
        expr = (_day_month(folded, i, lex) or _day_only(folded, i) or _weekday(folded, i, lex)
                or _last_year(folded, i, lex) or _relative(folded, i, lex) or _month(folded, i, lex)
                or _year(folded, i, lex))
        if expr and not (expr.end < len(folded) and folded[expr.end] in _ORDINAL_AFTER):
            found.append(expr)
            i = expr.end
        else:
            i += 1
    return found


def years_in(folded: list[str], lex: Lexicon | None = None) -> list[int]:
    """Four-digit years named in a token list (not '2030 तक', a target; with a lexicon, not
    a founding or an anniversary)."""
    return [int(t) for k, t in enumerate(folded)
            if _YEAR.match(t) and not (k + 1 < len(folded) and folded[k + 1] == fold("तक"))
            and not (lex and _blocked_year(folded, k, lex))]


def _safe_date(year: int, month: int, day: int) -> date | None:
    """A calendar date, or None for 31 February."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_result(day: date | None) -> tuple[str | None, str, str | None]:
    """A known day: ISO date, precision 'day', its weekday."""
    if day is None:
        return None, "none", None
    return day.isoformat(), "day", WEEKDAYS[day.weekday()]


def resolve(expr: DateExpr | None, ref: date | None,
            year_hint: int | None) -> tuple[str | None, str, str | None]:
    """(date, precision, weekday) of an expression, against the publication date."""
    if expr is None or expr.vague:
        return None, "none", None
    if expr.day and expr.month:
        year = expr.year or (ref.year if ref else year_hint)
        if year is None:
            return None, "none", None
        day = _safe_date(year, expr.month, expr.day)
        if day and ref and not expr.year and day > ref + timedelta(days=7):
            day = _safe_date(year - 1, expr.month, expr.day)   # a past meeting, last year
        return _day_result(day)
    if expr.day and ref:
        # "12 तारीख": this month's 12th, or last month's if that is still ahead.
        month = date(ref.year, ref.month, 1)
        if expr.day > ref.day:
            month = (month - timedelta(days=1)).replace(day=1)
        return _day_result(_safe_date(month.year, month.month, expr.day))
    if expr.day:
        return None, "none", None
    if expr.weekday:
        if ref is None:
            return None, "weekday", expr.weekday
        back = (ref.weekday() - WEEKDAYS.index(expr.weekday)) % 7
        return _day_result(ref - timedelta(days=back or (7 if expr.last else 0)))
    if expr.offset is not None:
        return _day_result(ref + timedelta(days=expr.offset)) if ref else (None, "none", None)
    if expr.month or expr.month_shift is not None:
        known = expr.month is not None or ref is not None
        return None, "month" if known else "none", None
    if expr.year_shift is not None:
        return (None, "year", None) if ref or year_hint else (None, "none", None)
    return (None, "year", None) if expr.year else (None, "none", None)


def period(expr: DateExpr | None, ref: date | None, year_hint: int | None) -> tuple[int | None, int | None]:
    """(year, month) an expression points at, as far as known: to tell two meetings apart."""
    if expr is None or expr.vague or expr.same_day:
        return None, None
    day, _, _ = resolve(expr, ref, year_hint)
    if day:
        return int(day[:4]), int(day[5:7])
    base = ref or (date(year_hint, 1, 1) if year_hint else None)
    if expr.month_shift is not None and base:
        first = date(base.year, base.month, 1)
        shifted = (first - timedelta(days=1)).replace(day=1) if expr.month_shift < 0 else first
        return shifted.year, shifted.month
    year = expr.year or (base.year + expr.year_shift if base and expr.year_shift else None)
    if year is None and expr.month and ref:
        year = ref.year if expr.month <= ref.month else ref.year - 1
    return year, expr.month
