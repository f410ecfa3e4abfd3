"""The fields of a found meeting: its date, its place, its mode and the topics of its own passage.

date_of, place_of_meeting and mode_of read one Found; passages reads the whole
document once and gives every pair the topics of the sentences that stay on it.
"""
from __future__ import annotations

from core.extract import frames
from core.extract.dates import DateExpr, find_dates, period, resolve, years_in
from core.extract.document import CHINA, Document, Found, Sentence
from core.extract.gazetteer import City
from core.extract.lexicon import Lexicon, fold

_HAPPENED = frozenset(fold(w) for w in ("हुए", "हुई", "हुआ", "हुईं"))
_DAYTIME = frozenset(fold(w) for w in ("को", "की", "के", "रात", "शाम", "सुबह", "दोपहर", "तड़के"))


def _other_event(s: Sentence, d: DateExpr) -> bool:
    """'सोमवार की रात हुई झड़प के बाद ... बात की': the date of another event, not the meeting's."""
    j = d.end
    while j < len(s.folded) and s.folded[j] in _DAYTIME:
        j += 1
    if j >= len(s.folded) or s.folded[j] not in _HAPPENED:
        return False
    after = set(range(j + 1, j + 3))
    return not after & (set(s.predicates) | s.unreal)


def _pick_date(s: Sentence, k: int, clause: tuple[int, int]) -> DateExpr | None:
    """The date of the clause: the most specific, the nearest before the predicate."""
    dates = [d for d in s.dates if clause[0] <= d.start < clause[1] and not _other_event(s, d)]
    if not dates:
        return None
    return max(dates, key=lambda d: (d.rank, d.start <= k, -abs(k - d.start)))


Day = tuple[str | None, str, str | None]      # (date, precision, weekday)


def date_of(doc: Document, f: Found, before: Day, lex: Lexicon) -> tuple[str | None, str, str | None, str | None]:
    """(date, precision, weekday, expression as written) of a found meeting."""
    expr = _pick_date(f.sentence, f.predicate, f.clause)
    if expr is not None and expr.same_day:        # "उसी दिन": the day of the meeting before
        return (*before, f.sentence.text[f.sentence.tokens[expr.start][1]:f.sentence.tokens[expr.end - 1][2]])
    text = None
    source = f.sentence
    if expr is None and not (f.sentence.lead and doc.dateline_date):
        source, expr = _date_before(doc, f, lex)           # "12 मई को ली ने ... भेंट की। ली ने टोगो के ..."
    if expr is not None:
        text = source.text[source.tokens[expr.start][1]:source.tokens[expr.end - 1][2]]
    elif f.sentence.lead and doc.dateline_date:
        expr = doc.dateline_date
    # A year comes from the publication date or the sentence itself; a year named
    # elsewhere in the article may be a historical one.
    sentence_years = _memo(source, ("years",), lambda: years_in(source.folded, lex))
    day, precision, weekday = resolve(expr, doc.ref, sentence_years[0] if sentence_years else None)
    return day, precision, weekday, text


def _sides(f: Found) -> set[int]:
    """The clusters of a found meeting's two people."""
    return {m.cluster for m in (f.china, f.counterpart) if m.cluster >= 0}


def _previous_about(doc: Document, f: Found) -> Sentence | None:
    """The sentence just before a meeting's, in the body, when it names one of its people
    (state media give each sentence its own paragraph: "2 सितंबर को शी ने पेइचिंग में कई
    नेताओं से भेंट की।" then "शी ने इरिट्रिया के राष्ट्रपति से मुलाकात की।")."""
    s, people = f.sentence, _sides(f)
    for prev in reversed(doc.sentences[max(0, s.index - 2):s.index]):   # one sentence may lie between
        if prev.headline:
            return None
        if people & {m.cluster for m in prev.mentions}:
            return prev
    return None


def _date_before(doc: Document, f: Found, lex: Lexicon) -> tuple[Sentence, DateExpr | None]:
    """The date of a meeting told just before about one of the same people (the visit or
    round of meetings this one belongs to); else the date of the next sentence in the
    paragraph, when it names them and tells no meeting of its own ("... मुलाकात की। बुधवार
    को श्री सुन राजभवन पहुंचे।")."""
    s, people = f.sentence, _sides(f)
    prev = _previous_about(doc, f)
    if prev is not None and prev.predicates and prev.dates:
        return prev, _pick_date(prev, prev.predicates[0], (0, len(prev.folded)))
    nxt = doc.sentences[s.index + 1] if s.index + 1 < len(doc.sentences) else None
    if (nxt is not None and nxt.para == s.para and not nxt.any_predicate
            and people & {m.cluster for m in nxt.mentions}):
        dates = find_dates(nxt.folded, lex)
        if dates:
            return nxt, max(dates, key=lambda d: d.rank)
    return s, None


def period_of(doc: Document, f: Found, lex: Lexicon) -> tuple[int | None, int | None]:
    """(year, month) the clause's own date expression points at, as far as known."""
    expr = _pick_date(f.sentence, f.predicate, f.clause)
    sentence_years = _memo(f.sentence, ("years",), lambda: years_in(f.sentence.folded, lex))
    return period(expr, doc.ref, sentence_years[0] if sentence_years else None)


def _city_place(city: City, lex: Lexicon) -> tuple[str, str]:
    """(city, country) of a city, or of the city a venue is in."""
    if city.kind == "venue" and city.city:
        return city.city, city.country
    return city.en or None, city.country          # "" : a dateline city the gazetteer lacks


_HERE = frozenset(fold(w) for w in ("यहां", "यहाँ", "यहीं"))
_THERE = frozenset(fold(w) for w in ("वहां", "वहाँ", "वहीं"))
_WHERE = frozenset(fold(w) for w in ("जहां", "जहाँ"))


def place_of_meeting(doc: Document, f: Found, cp_country: str | None, lex: Lexicon,
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
    where = s.folded[f.clause[0] - 1] if f.clause[0] > 0 else ""
    if where in _WHERE:                                       # "शंघाई पहुंचे, जहां उन्होंने ..."
        earlier = [city for i, city in s.places if i < f.clause[0]]
        if earlier:
            return _city_place(earlier[-1], lex)
    if _THERE & set(s.folded[f.clause[0]:f.clause[1]]):      # "गोवा पहुंचे थे। वहां उन्होंने ..."
        for prev in reversed(doc.sentences[max(0, s.index - 2):s.index]):
            if prev.places and not prev.headline:
                return _city_place(prev.places[-1][1], lex)
    for m in (f.china, f.counterpart):
        if m.posting and m.sent == s.index:
            if s.lead and doc.dateline_city and doc.dateline_city.country == m.posting:
                return _city_place(doc.dateline_city, lex)      # "काठमांडू। नेपाल में चीन के राजदूत ..."
            return None, m.posting
    for prev in reversed(doc.sentences[:s.index]):
        if prev.para != s.para or prev.headline:
            break
        if prev.places:
            return _city_place(prev.places[-1][1], lex)
    before = _previous_about(doc, f)
    if before is not None and before.places:          # "... ने पेइचिंग में कई नेताओं से भेंट की।\n शी ने X से ..."
        return _city_place(before.places[-1][1], lex)
    if previous != (None, None):
        return previous
    if doc.dateline_city and doc.dateline_city.country in (CHINA, cp_country):
        return _city_place(doc.dateline_city, lex)
    visited = _visited(s, f.clause, lex)
    for prev in reversed(doc.sentences[max(0, s.index - 2):s.index]):
        if visited or prev.para != s.para or prev.headline:
            break
        visited = _visited(prev, (0, len(prev.folded)), lex)   # "X इन दिनों चीन के दौरे पर हैं। उन्होंने ..."
    return None, visited


_VISIT = frozenset(fold(w) for w in ("यात्रा", "दौरे", "दौरा", "राजकीय", "आधिकारिक"))
_STAY = frozenset(fold(w) for w in ("ठहरने", "प्रवास", "रहने", "रुकने", "मौजूदगी"))
_ARRIVE = frozenset(fold(w) for w in ("पहुंचे", "पहुँचे", "पहुंचीं", "पहुंची", "पहुंचा", "आए", "आईं"))


def _memo(s: Sentence, key: tuple, compute):
    """A result computed once per sentence (and clause): many meetings may share a clause."""
    if key not in s.memo:
        s.memo[key] = compute()
    return s.memo[key]


def _visited(s: Sentence, clause: tuple[int, int], lex: Lexicon) -> str | None:
    """'चीन की राजकीय यात्रा पर आए': the country being visited."""
    return _memo(s, ("visited", clause), lambda: _find_visited(s, clause, lex))


def _find_visited(s: Sentence, clause: tuple[int, int], lex: Lexicon) -> str | None:
    for i in range(clause[0], clause[1] - 1):
        hit = lex.countries.match(s.folded, i)
        if not hit or i + hit[0] >= len(s.folded):
            continue
        nxt = s.folded[i + hit[0]]
        after = s.folded[i + hit[0] + 1] if i + hit[0] + 1 < len(s.folded) else ""
        if (nxt in _ARRIVE or (nxt in (fold("की"), fold("के")) and after in _VISIT)
                or (nxt == fold("में") and after in _STAY)):          # "अमेरिका में ठहरने के दौरान"
            return hit[1]
    return None


def mode_of(s: Sentence, clause: tuple[int, int], lex: Lexicon) -> str:
    """in_person, phone or video, from the words of the clause."""
    return _memo(s, ("mode", clause), lambda: _find_mode(s, clause, lex))


def _find_mode(s: Sentence, clause: tuple[int, int], lex: Lexicon) -> str:
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


def passages(doc: Document, found: dict[tuple, list[Found]], lex: Lexicon) -> dict[tuple, set[str]]:
    """Topics per dyad from its own passage: the sentences that follow it and stay on it."""
    members = {key: {f.china.cluster for f in fs} | {f.counterpart.cluster for f in fs} for key, fs in found.items()}
    where = {}
    for key, fs in found.items():
        for f in fs:
            where.setdefault(f.sentence.index, set()).add(key)
    topics: dict[tuple, set[str]] = {key: set() for key in found}
    everyone = set().union(*members.values())
    keys_of: dict = {}
    for key, ids in members.items():
        for person in ids:
            keys_of.setdefault(person, set()).add(key)
    focus, last, para = set(), set(), -1
    for s in doc.sentences:
        people = _people(s)
        related = set().union(*(keys_of.get(p, set()) for p in people))
        if s.index in where:
            focus = where[s.index]
        elif related:
            strangers = people - everyone
            focus = set() if s.any_predicate and strangers else (focus & related or related)
        elif people:
            focus = set()
        elif frames.both_sides(s.folded, 0, len(s.folded), lex):
            focus = last
        elif s.para != para:
            focus = set()
        para = s.para
        for key in focus:
            topics[key] |= _topics_of(s, lex)
        last = focus or last
    return topics
