"""An article as sentences: headline, agency dateline, paragraphs; the reference date;
the cities and venues each sentence names.

split(article, lex) -> Document. Sentence and Document carry what later steps find
(mentions, places, dates, predicates); Found is one Chinese x foreign pair as found
in one sentence.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from core.extract.dates import DateExpr, years_in
from core.extract.gazetteer import City
from core.extract.lexicon import Lexicon, fold, tokenize
from core.extract.mentions import Mention
from core.model import Article

CHINA = "CHN"
NOT_COUNTERPART = frozenset({"CHN", "HKG", "MAC"})   # Chinese officials meeting Chinese officials
_SENTENCE_END = re.compile(r"(?<=[।?!])\s*|(?<=[^\s.]{3}\.)\s+")
# Web Hindi often ends a sentence with a full stop after a short verb ("मुलाकात की. 2020 में ..."),
# which the rule above leaves alone so that initials stay ("एस. जयशंकर", "डॉ. ली").
_SHORT_VERB_END = re.compile(r"(?<=\s)(?:की|है|हैं|थी|थे|था|थीं|गई|गए|गया|दी|दिए|ली|लिए|हो|हुई|हुए|हुआ|रहे|रही|रहा)\.(?=\s)")
_HEADLINE_MAX = 250
_DATELINE = re.compile(
    r"^(?P<place>[^\d,()।:]{2,40}?)\s*(?:,\s*(?P<day>\d{1,2})\s+(?P<month>[^\s,()]+)(?:\s*,?\s*(?P<year>\d{4}))?)?"
    r"\s*,?\s*(?:\((?P<agency>[^)]{1,40})\))\s*[।:.\-]?\s*")
_DATELINE_BARE = re.compile(r"^(?P<place>[^\d,()।:]{2,30}?)\s*[:।]\s+")
# "ढाका, 9 मई 2022।": a dated dateline without an agency
_DATELINE_DATED = re.compile(
    r"^(?P<place>[^\d,()।:]{2,30}?)\s*,?\s*(?P<day>\d{1,2})\s+(?P<month>[^\s,()]+)(?:\s*,?\s*(?P<year>\d{4}))?\s*[।:]\s*")
_PLACE_CONTEXT = frozenset(fold(w) for w in ("में", "के", "की", "का", "स्थित", ",", "("))   # "बाली (इंडोनेशिया)"


@dataclass
class Sentence:
    """One sentence with everything found in it."""

    index: int
    para: int
    text: str
    headline: bool
    lead: bool
    tokens: list[tuple[str, int, int]]
    folded: list[str]
    mentions: list[Mention] = field(default_factory=list)
    places: list[tuple[int, City]] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    predicates: list[int] = field(default_factory=list)
    any_predicate: bool = False
    unreal: set[int] = field(default_factory=set)   # predicates of planned, possible or denied meetings
    memo: dict = field(default_factory=dict)        # per-sentence results the fields of its meetings share


@dataclass
class Document:
    """An article split into sentences, with its reference date and dateline."""

    article: Article
    sentences: list[Sentence]
    ref: date | None
    year_hint: int | None
    dateline_city: City | None
    dateline_date: DateExpr | None
    home: str | None


@dataclass
class Found:
    """One dyad as found in one sentence."""

    china: Mention
    counterpart: Mention
    sentence: Sentence
    predicate: int
    clause: tuple[int, int]
    reasons: tuple[str, ...] = ()     # what makes this pair less certain (see core/extract/confidence.py)


# ------------------------------------------------------------------ splitting


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _headlines(paras: list[str]) -> int:
    """How many first lines are headlines: short lines without a sentence end, before the article
    (a saved page may carry a site's title line and the story's headline)."""
    n = 0
    while (n < min(3, len(paras) - 1) and len(paras[n]) <= _HEADLINE_MAX
           and not re.search(r"[।.?!:\"']$", paras[n]) and not _DATELINE.match(paras[n])):
        n += 1
    return n


def _place_of(name: str, lex: Lexicon) -> City | None:
    """The gazetteer city a dateline names ('बीजिंग/वॉशिंगटन' -> Beijing)."""
    folded = [fold(t) for t, _, _ in tokenize(name.split("/")[0])]
    hit = lex.places.match(folded, 0) if folded else None
    return hit[1] if hit and hit[0] == len(folded) else None


def _dateline(para: str, lex: Lexicon) -> tuple[City | None, DateExpr | None, str]:
    """Agency dateline at the start of the first paragraph: (city, date, rest of text)."""
    match = _DATELINE.match(para)
    if match and not _place_of(match["place"], lex) and _country_of(match["agency"], lex):
        # "ब्यूनस आयर्स (अर्जेंटीना)।": a city the gazetteer lacks, in a country it knows
        country = _country_of(match["agency"], lex)
        return City("", country, (match["place"].strip(),), "city"), None, para[match.end():]
    if not (match and (_place_of(match["place"], lex) or fold(match["agency"].strip()) in _agencies(lex))):
        match = _DATELINE_DATED.match(para)
        match = match if match and _place_of(match["place"], lex) else None
    if match:
        expr = None
        month = lex.months.get(fold(match["month"] or ""))
        if match["day"] and month:
            expr = DateExpr(0, 0, day=int(match["day"]), month=month,
                            year=int(match["year"]) if match["year"] else None)
        return _place_of(match["place"], lex), expr, para[match.end():]
    match = _DATELINE_BARE.match(para)
    if match and _place_of(match["place"], lex):
        return _place_of(match["place"], lex), None, para[match.end():]
    return None, None, para


def _country_of(text: str, lex: Lexicon) -> str | None:
    """The country a bracket of a dateline names exactly, if any."""
    folded = [fold(t) for t, _, _ in tokenize(text.strip())]
    hit = lex.countries.match(folded, 0) if folded else None
    return hit[1] if hit and hit[0] == len(folded) else None


def _agencies(lex: Lexicon) -> frozenset[str]:
    return frozenset(fold(a) for a in lex.gz.agencies)


def _reference_date(article: Article, dateline: DateExpr | None, year_hint: int | None) -> date | None:
    """The publication date: the header or metadata, else the dateline's day."""
    if article.published:
        if dateline and dateline.day and dateline.month and not _near(article.published, dateline):
            return None        # a site's top-bar date, not the article's: its dateline says another day
        return article.published
    if dateline and (dateline.year or year_hint):
        try:
            return date(dateline.year or year_hint, dateline.month, dateline.day)
        except ValueError:
            return None
    return None


def _sentences(para: str) -> list[str]:
    """A paragraph's sentences: at a danda, ?, !, or a full stop that ends a sentence."""
    out = []
    for piece in _SENTENCE_END.split(para):
        start = 0
        for match in _SHORT_VERB_END.finditer(piece):
            out.append(piece[start:match.end()].strip())
            start = match.end()
        out.append(piece[start:].strip())
    return out


def _near(published: date, dateline: DateExpr) -> bool:
    """A dateline's day is the publication day or up to three days before it."""
    for year in (published.year, published.year - 1):
        try:
            day = date(dateline.year or year, dateline.month, dateline.day)
        except ValueError:
            return False
        if 0 <= (published - day).days <= 3:
            return True
    return False


def split(article: Article, lex: Lexicon) -> Document:
    """Sentences with paragraph numbers, the headline flagged, the dateline parsed off."""
    paras = _paragraphs(article.text)
    headline = _headlines(paras)
    city = expr = None
    sentences: list[Sentence] = []
    heads = {para.strip() for para in paras[:headline]}
    for p, para in enumerate(paras):
        is_head = p < headline or para.strip() in heads     # a headline repeated in the page (a caption)
        if p == headline:
            city, expr, para = _dateline(para, lex)
        for k, text in enumerate(s.strip() for s in _sentences(para) if s.strip()):
            tokens = tokenize(text)           # offsets into the stripped text the sentence keeps
            sentences.append(Sentence(len(sentences), p, text, is_head, p == headline and k == 0,
                                      tokens, [fold(t) for t, _, _ in tokens]))
    years = [y for s in sentences for y in years_in(s.folded, lex)]
    year_hint = max((y for y in years if not article.published or y <= article.published.year), default=None)
    ref = _reference_date(article, expr, year_hint)
    return Document(article, sentences, ref, year_hint, city, expr, city.country if city else None)


# ------------------------------------------------------------ per sentence


def find_places(s: Sentence, lex: Lexicon) -> list[tuple[int, City]]:
    """Cities and venues named in a sentence (a common-word form needs a postposition); a city
    inside an organisation's name is none ("शंघाई सहयोग संगठन")."""
    found, i = [], 0
    while i < len(s.folded):
        org = lex.organisations.match(s.folded, i)
        hit = lex.places.match(s.folded, i)
        if org and (not hit or hit[0] <= org[0]):
            i += org[0]
            continue
        if hit:
            size, city = hit
            after = s.folded[i + size] if i + size < len(s.folded) else ""
            if size > 1 or s.folded[i] not in lex.ambiguous or after in _PLACE_CONTEXT:
                found.append((i, city))
            i += size
        else:
            i += 1
    return found


def token_at(s: Sentence, offset: int) -> int:
    """Index of the token that contains a character offset (or the next one after it)."""
    if "ends" not in s.memo:
        s.memo["ends"] = [end for _, _, end in s.tokens]
    return min(bisect.bisect_right(s.memo["ends"], offset), len(s.tokens) - 1)
