"""Meeting extraction: one public entry point, extract_meetings(article) -> list[Meeting].

A pipeline of plain steps: split the article into sentences (headline, dateline,
paragraphs); find people, places, dates and meeting predicates per sentence; link
every mention of one person; pair Chinese and foreign participants of each reported
meeting; then attach date, place, mode and the topics of the meeting's own passage.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from core.dates import DateExpr, find_dates, resolve, years_in
from core.gazetteer import City
from core.lexicon import Lexicon, fold, lexicon, tokenize
from core.mentions import Cluster, Mention, cluster, find_mentions, surname_mentions
from core.model import Article, Meeting, Person
from core.translit import to_latin

CHINA = "CHN"
NOT_COUNTERPART = frozenset({"CHN", "HKG", "MAC"})   # Chinese officials meeting Chinese officials
_SENTENCE_END = re.compile(r"(?<=[।?!])\s*|(?<=[^\s.]{3}\.)\s+")
_HEADLINE_MAX = 250
_DATELINE = re.compile(
    r"^(?P<place>[^\d,()।:]{2,40}?)\s*(?:,\s*(?P<day>\d{1,2})\s+(?P<month>[^\s,()]+)(?:\s*,?\s*(?P<year>\d{4}))?)?"
    r"\s*(?:\((?P<agency>[^)]{1,40})\))\s*[।:.\-]?\s*")
_DATELINE_BARE = re.compile(r"^(?P<place>[^\d,()।:]{2,30}?)\s*[:।]\s+")
_CLAUSE_STOP = frozenset(fold(w) for w in ("जबकि", "वहीं", "लेकिन", "परंतु", "किंतु", ";"))
_WINDOW_STOP = frozenset(fold(w) for w in ("और", "तथा", "एवं", "कि", "लेकिन", "जबकि", "जिसमें", "जिसके", "जहां",
                                          "जहाँ", "जब", "क्योंकि"))
_AFTER_ONLY = frozenset(fold(w) for w in ("पहले", "लिए"))
_PLACE_CONTEXT = frozenset(fold(w) for w in ("में", "के", "की", "का", "स्थित", ","))


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


# ------------------------------------------------------------------ splitting

def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _is_headline(paras: list[str]) -> bool:
    """A first line without a sentence end, followed by the article, is its headline."""
    return len(paras) > 1 and len(paras[0]) <= _HEADLINE_MAX and not re.search(r"[।.?!:\"']$", paras[0])


def _place_of(name: str, lex: Lexicon) -> City | None:
    """The gazetteer city a dateline names ('बीजिंग/वॉशिंगटन' -> Beijing)."""
    folded = [fold(t) for t, _, _ in tokenize(name.split("/")[0])]
    hit = lex.places.match(folded, 0) if folded else None
    return hit[1] if hit and hit[0] == len(folded) else None


def _dateline(para: str, lex: Lexicon) -> tuple[City | None, DateExpr | None, str]:
    """Agency dateline at the start of the first paragraph: (city, date, rest of text)."""
    match = _DATELINE.match(para)
    if match and (_place_of(match["place"], lex) or fold(match["agency"].strip()) in _agencies(lex)):
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


def _agencies(lex: Lexicon) -> frozenset[str]:
    return frozenset(fold(a) for a in lex.gz.agencies)


def _reference_date(article: Article, dateline: DateExpr | None, year_hint: int | None) -> date | None:
    """The publication date: the header or metadata, else the dateline's day."""
    if article.published:
        return article.published
    if dateline and (dateline.year or year_hint):
        try:
            return date(dateline.year or year_hint, dateline.month, dateline.day)
        except ValueError:
            return None
    return None


def _split(article: Article, lex: Lexicon) -> Document:
    """Sentences with paragraph numbers, the headline flagged, the dateline parsed off."""
    paras = _paragraphs(article.text)
    headline = _is_headline(paras)
    city = expr = None
    sentences: list[Sentence] = []
    for p, para in enumerate(paras):
        is_head = headline and p == 0
        if p == int(headline):
            city, expr, para = _dateline(para, lex)
        for k, text in enumerate(s for s in _SENTENCE_END.split(para) if s.strip()):
            tokens = tokenize(text)
            sentences.append(Sentence(len(sentences), p, text.strip(), is_head, p == int(headline) and k == 0,
                                      tokens, [fold(t) for t, _, _ in tokens]))
    years = [y for s in sentences for y in years_in(s.folded)]
    year_hint = max((y for y in years if not article.published or y <= article.published.year), default=None)
    ref = _reference_date(article, expr, year_hint)
    return Document(article, sentences, ref, year_hint, city, expr, city.country if city else None)


# ------------------------------------------------------------ per sentence

def _places(s: Sentence, lex: Lexicon) -> list[tuple[int, City]]:
    """Cities and venues named in a sentence (a common-word form needs a postposition)."""
    found, i = [], 0
    while i < len(s.folded):
        hit = lex.places.match(s.folded, i)
        if hit:
            size, city = hit
            after = s.folded[i + size] if i + size < len(s.folded) else ""
            if size > 1 or s.folded[i] not in lex.ambiguous or after in _PLACE_CONTEXT:
                found.append((i, city))
            i += size
        else:
            i += 1
    return found


def _token_at(s: Sentence, offset: int) -> int:
    """Index of the token that contains a character offset."""
    for k, (_, start, end) in enumerate(s.tokens):
        if start <= offset < end or start > offset:
            return k
    return len(s.tokens) - 1


def _irrealis(s: Sentence, k: int, lex: Lexicon) -> bool:
    """The verb group around a predicate says the meeting is planned, expected or off."""
    window = [k]
    for j in range(k - 1, max(-1, k - 3), -1):
        if not s.folded[j][0].isalnum():
            break
        if s.folded[j] not in _AFTER_ONLY:    # "पहले भी मुलाकात की थी" was held
            window.append(j)
    for j in range(k + 1, min(len(s.folded), k + 7)):
        if not s.folded[j][0].isalnum() or s.folded[j] in _WINDOW_STOP:
            break
        window.append(j)
    names = {i for m in s.mentions for i in range(m.start, m.end)}   # "मोतेगी" is a name, not a future verb
    return any(lex.irrealis.match(s.tokens[j][0]) and not _after_the_fact(s.folded, j)
               for j in window if j not in names)


_AFTER = (fold("के"), fold("बाद"))
_DURING = (fold("के"), fold("दौरान"))


def _after_the_fact(folded: list[str], j: int) -> bool:
    """'मुलाकात करने के बाद': an infinitive that looks ahead but reports a held meeting."""
    return tuple(folded[j + 1:j + 3]) in (_AFTER, _DURING)


def _predicates(s: Sentence, lex: Lexicon) -> tuple[list[int], bool]:
    """Token indices of the meeting predicates that report a held meeting."""
    blocked = [(m.start(), m.end()) for m in lex.not_meeting.finditer(s.text)]
    found, seen = [], False
    for match in lex.predicate.finditer(s.text):
        if any(a <= match.start() < b for a, b in blocked):
            continue
        seen = True
        k = _token_at(s, match.start())
        if not _irrealis(s, k, lex):
            found.append(k)
    return found, seen


def _clause(s: Sentence, k: int) -> tuple[int, int]:
    """The clause around token k: 'A met B; C met D' has two."""
    start = max((j + 1 for j in range(k) if s.folded[j] in _CLAUSE_STOP), default=0)
    end = next((j for j in range(k + 1, len(s.folded)) if s.folded[j] in _CLAUSE_STOP), len(s.folded))
    return start, end


# ----------------------------------------------------------------- pairing

def _takes_part(s: Sentence, m: Mention, lex: Lexicon) -> bool:
    """Named in the sentence but not a participant: a spokesperson, an inviter, a former official."""
    if m.spokesperson or m.former or (not m.name and m.cluster < 0 and m.guessed_country):
        return False
    rest = s.text[s.tokens[m.end - 1][2]:] if m.end - 1 < len(s.tokens) else ""
    return not lex.not_participant.match(rest.lstrip())


def _country(m: Mention, clusters: list[Cluster]) -> str | None:
    return clusters[m.cluster].country if m.cluster >= 0 and clusters[m.cluster].country else m.country


def _is_counterpart(m: Mention, clusters: list[Cluster], lex: Lexicon) -> bool:
    """A foreign official: another country, or an international organisation."""
    country = _country(m, clusters)
    if country:
        return country not in NOT_COUNTERPART
    official = lex.gz.officials.get(m.official or "")
    return bool(m.org or (m.cluster >= 0 and clusters[m.cluster].org) or (official and official.org))


def _unique(mentions: list[Mention]) -> list[Mention]:
    """One mention per person (the first)."""
    seen, out = set(), []
    for m in mentions:
        key = m.cluster if m.cluster >= 0 else id(m)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def _antecedent(doc: Document, s: Sentence, want_china: bool, clusters: list[Cluster]) -> Mention | None:
    """The person a pronoun stands for: the nearest earlier mention of the wanted side."""
    for prev in reversed(doc.sentences[max(0, s.index - 3):s.index]):
        if prev.headline:
            continue
        for m in reversed(prev.mentions):
            if m.name and (_country(m, clusters) == CHINA) == want_china and not m.spokesperson:
                return m
    return None


def _pairs_in(doc: Document, s: Sentence, clusters: list[Cluster], lex: Lexicon) -> list[Found]:
    """Every Chinese x foreign dyad of the meetings a sentence reports."""
    found = []
    for k in s.predicates:
        a, b = _clause(s, k)
        people = _unique([m for m in s.mentions if a <= m.start < b and _takes_part(s, m, lex)])
        china = [m for m in people if _country(m, clusters) == CHINA]
        others = [m for m in people if _is_counterpart(m, clusters, lex)]
        if (not china or not others) and any(t in lex.pronouns for t in s.folded[a:b]):
            extra = _antecedent(doc, s, not china, clusters)
            if extra:
                (china if not china else others).append(extra)
        found += [Found(c, o, s, k, (a, b)) for c in china for o in others if c.cluster != o.cluster or c.cluster < 0]
    return found


# ------------------------------------------------------------- the fields

def _pick_date(s: Sentence, k: int, clause: tuple[int, int]) -> DateExpr | None:
    """The date of the clause: the most specific, the nearest before the predicate."""
    dates = [d for d in s.dates if clause[0] <= d.start < clause[1]]
    if not dates:
        return None
    return max(dates, key=lambda d: (d.rank, d.start <= k, -abs(k - d.start)))


Day = tuple[str | None, str, str | None]      # (date, precision, weekday)


def _date_of(doc: Document, f: Found, before: Day) -> tuple[str | None, str, str | None, str | None]:
    """(date, precision, weekday, expression as written) of a found meeting."""
    expr = _pick_date(f.sentence, f.predicate, f.clause)
    if expr is not None and expr.same_day:        # "उसी दिन": the day of the meeting before
        return (*before, f.sentence.text[f.sentence.tokens[expr.start][1]:f.sentence.tokens[expr.end - 1][2]])
    text = None
    if expr is not None:
        text = f.sentence.text[f.sentence.tokens[expr.start][1]:f.sentence.tokens[expr.end - 1][2]]
    elif f.sentence.lead and doc.dateline_date:
        expr = doc.dateline_date
    # A year comes from the publication date or the sentence itself; a year named
    # elsewhere in the article may be a historical one.
    sentence_years = years_in(f.sentence.folded)
    day, precision, weekday = resolve(expr, doc.ref, sentence_years[0] if sentence_years else None)
    return day, precision, weekday, text


def _city_place(city: City, lex: Lexicon) -> tuple[str, str]:
    """(city, country) of a city, or of the city a venue is in."""
    if city.kind == "venue" and city.city:
        return city.city, city.country
    return city.en, city.country


_HERE = frozenset(fold(w) for w in ("यहां", "यहाँ", "यहीं"))


def _place_of_meeting(doc: Document, f: Found, cp_country: str | None, lex: Lexicon,
                      previous: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    """Where it took place: the clause's city, an ambassador's posting, the paragraph,
    the place of the meeting reported just before, the dateline, the country visited."""
    s = f.sentence
    if doc.dateline_city and _HERE & set(s.folded[f.clause[0]:f.clause[1]]):
        return _city_place(doc.dateline_city, lex)          # "यहां": where the dateline is
    spans = [(m.start, m.end) for m in s.mentions]
    for i, city in s.places:
        if f.clause[0] <= i < f.clause[1] and not any(a <= i < b for a, b in spans):
            return _city_place(city, lex)
    for m in (f.china, f.counterpart):
        if m.posting and m.sent == s.index:
            return None, m.posting
    for prev in reversed(doc.sentences[:s.index]):
        if prev.para != s.para or prev.headline:
            break
        if prev.places:
            return _city_place(prev.places[-1][1], lex)
    if previous != (None, None):
        return previous
    if doc.dateline_city and doc.dateline_city.country in (CHINA, cp_country):
        return _city_place(doc.dateline_city, lex)
    return None, _visited(s, f.clause, lex)


_VISIT = frozenset(fold(w) for w in ("यात्रा", "दौरे", "दौरा", "राजकीय", "आधिकारिक"))


def _visited(s: Sentence, clause: tuple[int, int], lex: Lexicon) -> str | None:
    """'चीन की राजकीय यात्रा पर आए': the country being visited."""
    for i in range(clause[0], clause[1] - 2):
        hit = lex.countries.match(s.folded, i)
        if hit and s.folded[i + hit[0]] in (fold("की"), fold("के")) and s.folded[i + hit[0] + 1] in _VISIT:
            return hit[1]
    return None


def _mode(s: Sentence, clause: tuple[int, int], lex: Lexicon) -> str:
    text = s.text[s.tokens[clause[0]][1]:s.tokens[clause[1] - 1][2]] if s.tokens else s.text
    if lex.video.search(text):
        return "video"
    return "phone" if lex.phone.search(text) else "in_person"


def _topics_of(s: Sentence, lex: Lexicon) -> set[str]:
    """Topic slugs named in a sentence; a longer keyword consumes its words."""
    found, i, folded = set(), 0, s.folded
    titles = {k for m in s.mentions for k in range(m.start, m.end)}   # "रक्षा मंत्री" is a title, not a topic
    while i < len(folded):
        if i in titles:
            i += 1
            continue
        hit = lex.topic_words.match(folded, i)
        stem = lex.topic_stems.match(folded, i)
        if hit and (stem is None or hit[0] >= stem[0]):
            found.add(hit[1].topic)
            i += hit[0]
        elif stem is not None:
            found.add(stem[1])
            i += stem[0]
        else:
            i += 1
    return found


# ----------------------------------------------------------------- topics

def _people(s: Sentence) -> set:
    """The people a sentence mentions: clusters, or the mention itself when unlinked."""
    return {m.cluster if m.cluster >= 0 else ("unlinked", id(m)) for m in s.mentions if not m.spokesperson}


def _passages(doc: Document, found: dict[tuple, list[Found]], lex: Lexicon) -> dict[tuple, set[str]]:
    """Topics per dyad from its own passage: the sentences that follow it and stay on it."""
    members = {key: {f.china.cluster for f in fs} | {f.counterpart.cluster for f in fs} for key, fs in found.items()}
    where = {}
    for key, fs in found.items():
        for f in fs:
            where.setdefault(f.sentence.index, set()).add(key)
    both = [" " + " ".join(fold(t) for t, _, _ in tokenize(w)) + " " for w in lex.gz.both_sides]
    topics: dict[tuple, set[str]] = {key: set() for key in found}
    focus, last, para = set(), set(), -1
    for s in doc.sentences:
        people = _people(s)
        related = {key for key, ids in members.items() if ids & people}
        if s.index in where:
            focus = where[s.index]
        elif related:
            strangers = people - set().union(*members.values())
            focus = set() if s.any_predicate and strangers else (focus & related or related)
        elif people:
            focus = set()
        elif any(w in " " + " ".join(s.folded) + " " for w in both):
            focus = last
        elif s.para != para:
            focus = set()
        para = s.para
        for key in focus:
            topics[key] |= _topics_of(s, lex)
        last = focus or last
    return topics


# ------------------------------------------------------------------ records

def _person(m: Mention, clusters: list[Cluster], lex: Lexicon, role: str | None = None) -> Person:
    """One side of a record, from the person's cluster (fullest name, first title)."""
    c = clusters[m.cluster] if m.cluster >= 0 else None
    name = (c.name if c else None) or m.name
    official = lex.gz.officials.get((c.official if c else None) or m.official or "")
    country = (c.country if c else None) or m.country or (official.country if official else None)
    role = role or (c.role if c else None) or m.role or "other"
    title = (c.title if c else None) or m.title
    if official:
        key = f"gz:{official.id}"
    elif name:
        key = f"{country}:{fold(name)}"
    else:
        key = f"{country}:unnamed:{role}"
    return Person(name, to_latin(name) if name else None, official.en if official else None,
                  role, title, country, key)


def _record(doc: Document, f: Found, clusters: list[Cluster], topics: set[str], lex: Lexicon,
            previous: tuple[str | None, str | None] = (None, None),
            before: Day = (None, "none", None)) -> Meeting:
    counterpart = _person(f.counterpart, clusters, lex)
    china = _person(f.china, clusters, lex)
    # "अपने चीनी / भारतीय समकक्ष": a counterpart holds the other side's office.
    if f.china.counterpart_word and china.role == "other":
        china = _person(f.china, clusters, lex, counterpart.role)
    if f.counterpart.counterpart_word and counterpart.role == "other":
        counterpart = _person(f.counterpart, clusters, lex, china.role)
    day, precision, weekday, text = _date_of(doc, f, before)
    mode = _mode(f.sentence, f.clause, lex)
    city, country = (None, None) if mode != "in_person" else _place_of_meeting(
        doc, f, counterpart.country, lex, previous)
    return Meeting(doc.article.source, doc.article.id, china, counterpart, day, precision, weekday, text,
                   city, country, mode, tuple(sorted(topics)), f.sentence.text)


def _merge(records: list[Meeting], from_headline: bool) -> Meeting:
    """One dyad reported several times: the first report in the body.

    Later sentences about the same pair often name other dates ("बातचीत में ... 9 मई
    की वर्षगांठ"), so only a headline-only report borrows date and place from them.
    """
    first = records[0]
    if not from_headline:
        return first
    dated = next((r for r in records if r.date_precision != "none"), first)
    placed = next((r for r in records if r.city or r.place_country), first)
    return Meeting(first.source, first.article_id, first.china, first.counterpart, dated.date,
                   dated.date_precision, dated.weekday, dated.date_text, placed.city, placed.place_country,
                   first.mode, first.topics, first.evidence)


# ----------------------------------------------------------------- pipeline

@lru_cache(maxsize=1)
def _china_hint(lex_id: int) -> re.Pattern:
    """A quick test that an article mentions China or a Chinese official at all."""
    lex = lexicon()
    forms = list(lex.gz.countries[CHINA].hi + lex.gz.countries[CHINA].adj) if CHINA in lex.gz.countries else ["चीन"]
    forms += [form for o in lex.gz.officials.values() if o.country == CHINA for form in o.hi]
    forms += [form for o in lex.gz.officials.values() if o.country == CHINA for form in o.short
              if lex.leader_short.match([fold(form)], 0)]          # "शी", not the many "ली"s
    forms += [form for c in lex.gz.cities if c.country == CHINA for form in c.hi]
    forms += list(lex.gz.counterpart_words)
    joined = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))
    return re.compile(rf"(?<![\u0900-\u097f])(?:{joined})")


def _annotate(doc: Document, lex: Lexicon) -> list[Cluster]:
    """Mentions, places, dates and predicates of every sentence, and the people."""
    for s in doc.sentences:
        s.mentions = find_mentions(s.index, s.text, s.tokens, s.folded, lex)
    year = doc.ref.year if doc.ref else doc.year_hint
    clusters = cluster([m for s in doc.sentences for m in s.mentions], lex, year, doc.home)
    for s in doc.sentences:
        taken = {i for m in s.mentions for i in range(m.start, m.end)}
        s.mentions = sorted(s.mentions + surname_mentions(s.index, s.text, s.tokens, s.folded, taken, clusters, lex),
                            key=lambda m: m.start)
        s.places = _places(s, lex)
        s.predicates, s.any_predicate = _predicates(s, lex)
        s.dates = find_dates(s.folded, lex) if s.predicates else []   # only a meeting's date is read
    return clusters


def extract_meetings(article: Article) -> list[Meeting]:
    """Every meeting dyad the article reports, one record per Chinese x foreign pair."""
    lex = lexicon()
    if not lex.predicate.search(article.text) or not _china_hint(id(lex)).search(article.text):
        return []
    doc = _split(article, lex)
    clusters = _annotate(doc, lex)
    found: dict[tuple, list[Found]] = {}
    for s in doc.sentences:
        for f in _pairs_in(doc, s, clusters, lex):
            key = (_person(f.china, clusters, lex).key, _person(f.counterpart, clusters, lex).key)
            found.setdefault(key, []).append(f)
    if not found:
        return []
    topics = _passages(doc, found, lex)
    out, previous, before = [], (None, None), (None, "none", None)
    for fs in sorted(found.values(), key=lambda fs: min(f.sentence.index for f in fs if not f.sentence.headline)
                     if any(not f.sentence.headline for f in fs) else -1):
        fs.sort(key=lambda f: (f.sentence.headline, f.sentence.index))
        key = (_person(fs[0].china, clusters, lex).key, _person(fs[0].counterpart, clusters, lex).key)
        records = [_record(doc, f, clusters, topics[key], lex, previous, before) for f in fs]
        out.append(_merge(records, fs[0].sentence.headline))
        if out[-1].city or out[-1].place_country:
            previous = (out[-1].city, out[-1].place_country)
        if out[-1].date_precision != "none":
            before = (out[-1].date, out[-1].date_precision, out[-1].weekday)
    return out
