"""Saved news pages as text: the publication date from the byline, and the page's furniture out.

clean_page(text, lex) -> (published, text). A page saved as text carries menus and
breadcrumbs, bylines with a date in one of many formats ("Published : बुधवार, 3 जुलाई
2024", "Updated: 08 Jun 2024 10:05 IST", "Oct 10, 2023 | 07:15 AM", "2021-06-18
09:12:44"), share widgets, tags, lists of other stories ("यह भी पढ़ें", "संबंधित
खबरें", "» ..."), embedded posts with their own date line, comment forms and copyright.
None of that is the article: a related headline names other meetings, and a menu
line would be read as the headline. The words live in data/gazetteer/page.yaml.
"""
from __future__ import annotations

import re
from datetime import date

from core.extract.gazetteer import PageWords
from core.extract.lexicon import Lexicon, fold

_BODY_MIN = 60              # a line this long that ends a sentence is article text
_SHORT = 160                # furniture lines are shorter than this
_MENU_SEGMENT = 32          # a menu item is at most this long
_SENTENCE_END = re.compile(r"[।.?!\"']\s*$")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?!\d)")
_WORD = r"[^\W\d_][^\W\d_\u0900-\u0963]*|[\u0900-\u0963]+"     # a Latin or Devanagari word (vowel signs included)
_DAY_MONTH_YEAR = re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\s+({_WORD})\.?,?\s+(\d{{4}})(?!\d)")
_MONTH_DAY_YEAR = re.compile(rf"(?<![\w\u0900-\u0963])({_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)")
_TIME = re.compile(r"\d{1,2}[:.]\d{2}(?::\d{2})?")
_LETTERS = re.compile(r"[^\W\d_\u0900-\u0963]+|[\u0900-\u0963]+")
_WEEKDAYS_LATIN = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                             "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"})


def _month(word: str, words: PageWords, hindi_months: dict[str, int]) -> int | None:
    low = word.lower()
    return words.months_latin.get(low) or hindi_months.get(fold(low))


def find_date(line: str, words: PageWords, hindi_months: dict[str, int]) -> tuple[date, tuple[int, int]] | None:
    """The first calendar date written in a line, and its span."""
    candidates = []
    for match in _ISO.finditer(line):
        candidates.append((match.start(), (int(match[1]), int(match[2]), int(match[3])), match.span()))
    for match in _DAY_MONTH_YEAR.finditer(line):
        month = _month(match[2], words, hindi_months)
        if month:
            candidates.append((match.start(), (int(match[3]), month, int(match[1])), match.span()))
    for match in _MONTH_DAY_YEAR.finditer(line):
        month = _month(match[1], words, hindi_months)
        if month:
            candidates.append((match.start(), (int(match[3]), month, int(match[2])), match.span()))
    for match in _NUMERIC.finditer(line):      # Indian order: day, month, year
        candidates.append((match.start(), (int(match[3]), int(match[2]), int(match[1])), match.span()))
    for _, (year, month, day), span in sorted(candidates):
        try:
            return date(year, month, day), span
        except ValueError:
            continue
    return None


def _starts(low: str, phrases: tuple[str, ...]) -> str | None:
    """The phrase a line starts with, as a whole word."""
    for phrase in phrases:
        if low.startswith(phrase) and (len(low) == len(phrase) or not low[len(phrase)].isalnum()
                                       or not phrase[-1].isalnum()):
            return phrase
    return None


def _date_line(line: str, words: PageWords, hindi_months: dict[str, int],
               weekdays: dict[str, str]) -> tuple[date, bool, bool] | None:
    """(date, labelled, an update) when the line is a byline date and nothing more."""
    low = line.lower().strip()
    label = _starts(low, words.date_labels)
    rest = low[len(label):] if label else low
    found = find_date(rest, words, hindi_months)
    if not found:
        return None
    day, (a, b) = found
    leftover = _TIME.sub(" ", rest[:a] + " " + rest[b:])
    extra = [w for w in _LETTERS.findall(leftover)
             if w not in words.time_words and w not in _WEEKDAYS_LATIN and fold(w) not in weekdays
             and not _starts(w, words.date_labels)]
    timed = bool(_TIME.search(rest))
    if extra and not ((label or timed) and len(extra) <= 3):
        return _labelled_inside(low, words, hindi_months)     # "By X Edited By: Publish:Thu, 06 Sep 2018 ..."
    return day, bool(label), bool(label and _starts(low, words.update_labels))


def _labelled_inside(low: str, words: PageWords, hindi_months: dict[str, int]) -> tuple[date, bool, bool] | None:
    """A byline that runs several fields together: the date right after a publication label."""
    for label in words.date_labels:
        if label in words.update_labels:
            continue
        at = low.find(label)
        while at >= 0:
            found = find_date(low[at + len(label):at + len(label) + 40], words, hindi_months)
            if found and found[1][0] <= 12:
                return found[0], True, False
            at = low.find(label, at + 1)
    return None


def _is_menu(line: str, words: PageWords) -> bool:
    """'होम | देश | दुनिया', 'Home » विदेश » यूरोप' (a '|' between Hindi words is a danda by now)."""
    parts = [line]
    for sep in (*words.menu_separators, "।"):
        parts = [p for part in parts for p in part.split(sep)]
    parts = [p.strip() for p in parts if p.strip()]
    return len(parts) >= 3 and all(len(p) <= _MENU_SEGMENT and len(p.split()) <= 4 for p in parts)


def _is_body(line: str) -> bool:
    return len(line) >= _BODY_MIN and bool(_SENTENCE_END.search(line))


def clean_page(text: str, lex: Lexicon) -> tuple[date | None, str]:
    """The publication date a byline gives, and the text without the page's furniture."""
    words, hindi_months, weekdays = lex.gz.page, lex.months, lex.weekdays
    published = updated = None
    kept: list[str] = []
    related = seen_body = False
    for line in text.split("\n"):
        stripped = line.strip()
        low = stripped.lower()
        if not stripped:
            kept.append(line)
            continue
        short = len(stripped) < _SHORT and not stripped.endswith("।")
        if seen_body and _starts(low, words.tail_starts):
            break
        if _starts(low, words.related_headings):
            related = True
            continue
        if related and not _is_body(stripped):
            continue
        related = False
        dated = _date_line(stripped, words, hindi_months, weekdays) if len(stripped) < _SHORT else None
        if dated:
            day, labelled, update = dated
            if update:
                updated = updated or day
            elif labelled or not seen_body:
                published = published or day
            continue
        if short and (_starts(low, words.line_starts) or _is_menu(stripped, words)):
            continue
        if short and stripped[0] in words.list_marks:
            continue                       # an item of a list of other stories, an embedded post's credit
        seen_body = seen_body or _is_body(stripped)
        kept.append(line)
    return published or updated, "\n".join(kept).strip("\n")


_AGENCY_PATTERNS: dict[int, tuple[re.Pattern, dict[str, str]]] = {}


def _agency_pattern(wires: dict[str, tuple[str, ...]]) -> tuple[re.Pattern, dict[str, str]]:
    """One regex of every credited name, built once per gazetteer."""
    if id(wires) not in _AGENCY_PATTERNS:
        owner = {form.lower(): agency for agency, forms in wires.items() for form in forms}
        names = "|".join(re.escape(form) for form in sorted(owner, key=len, reverse=True))
        pattern = re.compile(rf"\(\s*({names})\s*\)|(?:साभार|स्रोत|source)\s*[:：\-–]?\s*({names})"
                             rf"(?![\w\u0900-\u097f])", re.IGNORECASE)
        _AGENCY_PATTERNS[id(wires)] = (pattern, owner)
    return _AGENCY_PATTERNS[id(wires)]


def agency_of(text: str, wires: dict[str, tuple[str, ...]]) -> str | None:
    """The wire service a text credits first: in a bracket ("(आईएएनएस)"), or after "साभार",
    "स्रोत:" or "Source:"; None when it credits none."""
    pattern, owner = _agency_pattern(wires)
    match = pattern.search(text)
    return owner[(match[1] or match[2]).lower()] if match else None
