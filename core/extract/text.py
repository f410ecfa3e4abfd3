"""Text normalisation and page-furniture removal for Hindi news articles.

normalize(raw) -> one canonical string; split_header(text) -> (published, body);
cut_furniture(body) -> the article without related-post lists, disclaimers, credits
(the patterns of data/gazetteer/page.yaml).
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

from core.extract.lexicon import lexicon

# Zero-width and invisible characters that scraped pages carry inside words.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"), None)
_TRANSLATE = {
    **_INVISIBLE,
    **{0x0966 + i: str(i) for i in range(10)},          # Devanagari digits -> ASCII
    **dict.fromkeys(map(ord, "\u00a0\u2007\u202f\t\u3000"), " "),
    **dict.fromkeys(map(ord, "\u201c\u201d\u201e\u00ab\u00bb\u2033"), '"'),
    **dict.fromkeys(map(ord, "\u2018\u2019\u201a\u2032\u0060\u00b4"), "'"),
    **dict.fromkeys(map(ord, "\u2013\u2014\u2212"), "-"),
    ord("\u0965"): "\u0964",                              # double danda -> danda
}
_SPACES = re.compile(r"[ ]{2,}")
_HEADER = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})\b[ \t]*")


def normalize(raw: str) -> str:
    """Canonical form: NFC, ASCII digits and quotes, no invisible characters, LF lines."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.translate(_TRANSLATE)
    # A Latin '|' between Devanagari words is a typed danda.
    text = re.sub(r"(?<=[\u0900-\u097f]) ?\| ?", "\u0964 ", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines).strip("\n")


def split_header(text: str) -> tuple[date | None, str]:
    """An optional ' date YYYY-MM-DD' header on the first line gives the publication date."""
    match = _HEADER.match(text)
    if not match:
        return None, text
    try:
        published = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None, text[match.end():]
    return published, text[match.end():]


_FIELD = re.compile(r"^\s*(url|outlet)\s+(\S[^\n]*?)\s*(?:\n|$)", re.IGNORECASE)


def split_fields(text: str) -> tuple[dict[str, str], str]:
    """Optional ' url …' and ' outlet …' header lines at the top of a .txt, beside ' date …'."""
    fields: dict[str, str] = {}
    while match := _FIELD.match(text):
        fields.setdefault(match[1].lower(), match[2][:500])
        text = text[match.end():]
    return fields, text


@lru_cache(maxsize=4)
def _furniture(tail: tuple[str, ...], line: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """The tail and line regexes of page.yaml, compiled once."""
    def joined(patterns: tuple[str, ...]) -> re.Pattern:
        return re.compile(r"^\s*(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", re.IGNORECASE)
    return joined(tail), joined(line)


def cut_furniture(body: str) -> str:
    """The article without trailing furniture blocks and inline furniture lines
    (the patterns of data/gazetteer/page.yaml)."""
    words = lexicon().gz.page
    tail, line_start = _furniture(words.tail_patterns, words.line_patterns)
    kept: list[str] = []
    for line in body.split("\n"):
        if tail.match(line) and any(k.strip() for k in kept):
            break
        if not line_start.match(line):
            kept.append(line)
    return "\n".join(kept).strip("\n")
