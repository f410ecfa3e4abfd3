"""Meeting extraction: one public entry point, extract_meetings(article) -> list[Meeting].

A pipeline of plain steps: split the article into sentences (core/extract/document.py);
find people, places, dates and meeting predicates per sentence; link every mention of
one person; pair Chinese and foreign participants of each reported meeting; then attach
date, place, mode and the topics of the meeting's own passage (core/extract/fields.py).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import lru_cache

from core.extract import confidence, frames
from core.extract.dates import find_dates
from core.extract.document import CHINA, NOT_COUNTERPART, Document, Found, Sentence, find_places, split, token_at
from core.extract.fields import Day, date_of, mode_of, passages, period_of, place_of_meeting
from core.extract.lexicon import Lexicon, fold, lexicon
from core.extract.mentions import Cluster, Mention, cluster, find_mentions, surname_index, surname_mentions
from core.extract.translit import to_latin
from core.model import Article, Meeting, Person

_WINDOW_STOP = frozenset(fold(w) for w in ("और", "तथा", "एवं", "कि", "लेकिन", "जबकि", "जिसमें", "जिसके", "जहां",
                                          "जहाँ", "जब", "क्योंकि"))
_AND = frozenset(fold(w) for w in ("और", "तथा", "एवं", "व"))
_AFTER_ONLY = frozenset(fold(w) for w in ("पहले", "लिए"))


# ----------------------------------------------------------------- pairing


def _irrealis(s: Sentence, k: int, lex: Lexicon) -> bool:
    """The verb group around a predicate says the meeting is planned, expected or off."""
    window = [k]
    for j in range(k - 1, max(-1, k - 3), -1):
        if not s.folded[j][0].isalnum():
            break
        if s.folded[j] not in _AFTER_ONLY:    # "पहले भी मुलाकात की थी" was held
            window.append(j)
    if "names" not in s.memo:                                        # "मोतेगी" is a name, not a future verb
        s.memo["names"] = {i for m in s.mentions for i in range(m.start, m.end)}
    names = s.memo["names"]
    words = 0            # a partner's name between the predicate and its verb does not count
    for j in range(k + 1, min(len(s.folded), k + 20)):
        if not s.folded[j][0].isalnum() or s.folded[j] in _WINDOW_STOP or words >= 6:
            break
        window.append(j)
        words += j not in names
    return any(lex.irrealis.match(s.tokens[j][0]) and not _after_the_fact(s.folded, j)
               for j in window if j not in names)


_AFTER = (fold("के"), fold("बाद"))
_DURING = (fold("के"), fold("दौरान"))


def _after_the_fact(folded: list[str], j: int) -> bool:
    """'मुलाकात करने के बाद': an infinitive that looks ahead but reports a held meeting."""
    return tuple(folded[j + 1:j + 3]) in (_AFTER, _DURING)


def _predicates(s: Sentence, lex: Lexicon) -> tuple[list[int], bool, set[int]]:
    """Token indices of the meeting predicates that report a held meeting; whether any
    predicate was seen; the predicates of meetings planned, possible or denied."""
    blocked = [(m.start(), m.end()) for m in lex.not_meeting.finditer(s.text)]
    found, seen, unreal = [], False, set()
    for match in lex.predicate.finditer(s.text):
        if any(a <= match.start() < b for a, b in blocked):
            continue
        seen = True
        k = token_at(s, match.start())
        if _irrealis(s, k, lex) or _conditional(s, k, lex) or _future_clause(s, k, lex):
            unreal.add(k)
        elif not _this_meeting(s, k, lex):
            found.append(k)
    return found, seen, unreal


_FUTURE = re.compile("(?:ेंगे|ेंगी|ेगा|ेगी|एंगे|एगा|एगी|ायेंगे|होगी|होगा|होंगे)$")
_PAST = frozenset(fold(w) for w in ("की", "किया", "किए", "कीं", "हुई", "हुआ", "हुए", "थे", "थी", "था", "थीं",
                                    "मिले", "मिलीं", "मिला", "चुके", "चुकी", "गई", "गए", "गया", "दी", "दिया"))


def _future_clause(s: Sentence, k: int, lex: Lexicon) -> bool:
    """'... से भेंट के अलावा वार्ता करेंगे': the clause after the predicate ends in a future
    verb and tells nothing in the past, so the meeting lies ahead."""
    end = _clause(s, k, lex)[1]
    words = [w for w in s.folded[k + 1:end] if w[:1].isalpha() or "\u0900" <= w[:1] <= "\u097f"]
    return bool(words) and bool(_FUTURE.search(words[-1])) and not _PAST & set(words)


def _conditional(s: Sentence, k: int, lex: Lexicon) -> bool:
    """'अगर वांग यी ... से मुलाकात करते हैं, तो ...': a meeting on a condition is not held."""
    start = max(0, k - 25)
    return any(s.folded[j] in lex.conditional for j in range(start, k))


def _this_meeting(s: Sentence, k: int, lex: Lexicon) -> bool:
    """'इस मुलाकात की जानकारी दी', 'इस मुलाकात में': the meeting told already, no new report."""
    before = s.folded[max(0, k - 2):k]
    if not before:
        return False
    last = before[-1]
    if lex.frames["this_meeting"].match([last], 0):
        return True
    return len(before) == 2 and bool(lex.frames["this_meeting"].match(before, 0)) and bool(
        lex.frames["modifiers"].match([last], 0))


def _bounds(s: Sentence, lex: Lexicon) -> list[tuple[int, int]]:
    """(token, where the next clause starts) of every clause boundary of a sentence (once)."""
    if "bounds" in s.memo:
        return s.memo["bounds"]
    out = s.memo["bounds"] = []
    for j in range(len(s.folded)):
        if lex.frames["boundaries"].match(s.folded, j):
            out.append((j, j + 1))
        elif lex.frames["relatives"].match(s.folded, j):
            out.append((j, j))
    return out


def _clause(s: Sentence, k: int, lex: Lexicon, bounds: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """The clause around token k: 'A met B; C met D' has two, and so has 'A said that B met C';
    a relative clause starts at its pronoun ("..., जिन्होंने ... से बात की")."""
    bounds = _bounds(s, lex) if bounds is None else bounds
    at = bisect.bisect_left(bounds, (k, -1))
    start = bounds[at - 1][1] if at > 0 else 0
    end = bounds[at][0] if at < len(bounds) and bounds[at][0] > k else (
        bounds[at + 1][0] if at + 1 < len(bounds) else len(s.folded))
    return start, end


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


def _antecedent(doc: Document, s: Sentence, before: int, want_china: bool,
                clusters: list[Cluster]) -> Mention | None:
    """The person a pronoun stands for: the nearest earlier named mention of the wanted side,
    earlier in the sentence ("X ने कहा कि उन्होंने ...") or in the three sentences before."""
    earlier = [m for m in s.mentions if before - _LOOK_BACK <= m.end <= before]
    for prev in [earlier] + [p.mentions for p in reversed(doc.sentences[max(0, s.index - 3):s.index])
                             if not p.headline]:
        for m in reversed(prev):
            if m.name and (_country(m, clusters) == CHINA) == want_china and not m.spokesperson:
                return m
    return None


_LOOK_BACK = 40      # tokens a pronoun looks back in its own sentence
_RANK = ("agent", "subject", "leader", "partner", "joint", "of_predicate", "object", "genitive", "blocked",
         "after", "outside")


def _stand_ins(s: Sentence, lex: Lexicon) -> dict[int, int]:
    """Pronouns, relative pronouns and "the delegation" of a sentence: start token -> end."""
    spans = {m.start for m in s.mentions}
    out = {}
    for j in range(len(s.folded)):
        size = (s.folded[j] in lex.pronouns or lex.frames["relatives"].match(s.folded, j)
                or lex.frames["delegations"].match(s.folded, j))
        if size and j not in spans:
            out[j] = j + (size if isinstance(size, int) else size[0])
    return out


def _slots(s: Sentence, k: int, clause: tuple[int, int], window: tuple[int, int], lex: Lexicon,
           stand_ins: dict[int, int]) -> dict[int, str]:
    """Slot of every mention (by id) and every pronoun (by -1 - token) of the window for the
    predicate at k (a window, not the whole clause: the work per predicate stays bounded)."""
    lo, hi = window
    spans = {m.start: m.end for m in s.mentions if lo <= m.start < hi + 8}
    pronouns = {j: e for j, e in stand_ins.items() if lo <= j < hi + 8}
    predicates = set(s.predicates)
    phrases = sorted([(m.start, m.end, id(m)) for m in s.mentions if lo <= m.start < hi]
                     + [(j, e, -1 - j) for j, e in pronouns.items() if j < hi], reverse=True)
    after: dict[int, str] = {}
    out: dict[int, str] = {}
    for start, end, key in phrases:       # right to left: a coordinated phrase takes the slot after it
        slot = frames.slot(s, start, end, k, clause, lex, {**spans, **pronouns}, predicates, after)
        after[start] = out[key] = slot
    return out


def _stand_in(doc: Document, s: Sentence, j: int, china_side: bool, clusters: list[Cluster],
              lex: Lexicon) -> Mention | None:
    """The person a pronoun, a relative pronoun or "the delegation" at token j stands for."""
    if lex.frames["delegations"].match(s.folded, j):
        for prev in [s] + [p for p in reversed(doc.sentences[:s.index]) if not p.headline]:
            for m in reversed(prev.mentions):
                after = frames.skip_aside(prev.folded, m.end, len(prev.folded))
                if ((prev is not s or m.end <= j) and frames.match_at(lex, "leader", prev.folded, after)
                        and (_country(m, clusters) == CHINA) == china_side):
                    return m
        return None
    return _antecedent(doc, s, j, china_side, clusters)


_SHARED = frozenset({"agent", "subject", "leader"})


def _belongs(preds: list[int], k: int, clause: tuple[int, int], m: Mention, slot: str) -> bool:
    """Whether a person is an argument of the predicate at k, not of another in the clause.

    Hindi puts a predicate's arguments before it, so a person belongs to the first
    predicate after them (or to the last one, when none follows: "X की मुलाकात Y से
    हुई"); a subject is shared by the predicates after its own ("X ने A से मुलाकात की
    और B से बात की"). "मोदी और शी की मुलाकात के बाद जयशंकर की वांग यी से मुलाकात" is two.
    `preds` are the sentence's predicates, real and unreal, in order.
    """
    at = bisect.bisect_left(preds, m.end)
    if at < len(preds) and preds[at] < clause[1]:
        own = preds[at]
    else:
        before = bisect.bisect_left(preds, m.start) - 1
        own = preds[before] if before >= 0 and preds[before] >= clause[0] else k
    return own == k or (own < k and slot in _SHARED)


_SHARED_BACK = 4      # a subject is shared with at most this many predicates after its own


def _pairs_in(doc: Document, s: Sentence, clusters: list[Cluster], lex: Lexicon,
              last: Found | None = None) -> list[Found]:
    """The Chinese x foreign dyads of the meetings a sentence reports: the sides are the
    predicate's arguments (core/extract/frames.py), not everyone the clause names."""
    found = []
    preds = sorted(set(s.predicates) | s.unreal)
    bounds, stand_ins = _bounds(s, lex), _stand_ins(s, lex)
    starts = [m.start for m in s.mentions]
    for k in s.predicates:
        a, b = _clause(s, k, lex, bounds)
        q = preds.index(k)
        lo = max(a, preds[q - _SHARED_BACK] + 1 if q >= _SHARED_BACK else 0)
        hi = preds[q + 1] if q + 1 < len(preds) and preds[q + 1] < b else b
        slots = _slots(s, k, (a, b), (lo, hi), lex, stand_ins)
        window = s.mentions[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
        people = [m for m in window if _takes_part(s, m, lex) and _belongs(preds, k, (a, b), m, slots[id(m)])]
        people.sort(key=lambda m: _RANK.index(slots[id(m)]))
        people = _unique(people)
        sides: dict[bool, list[Mention]] = {True: [], False: []}
        strong_side = {True: False, False: False}
        weak_pool: dict[bool, list[Mention]] = {}
        for china_side in (True, False):
            pool = [m for m in people if (_country(m, clusters) == CHINA if china_side
                                          else _is_counterpart(m, clusters, lex))]
            sides[china_side] = [m for m in pool if slots[id(m)] in frames.STRONG]
            strong_side[china_side] = bool(sides[china_side])
            weak_pool[china_side] = [m for m in pool if slots[id(m)] in frames.WEAK]
        reasons = []
        for china_side in (True, False):
            if sides[china_side]:
                continue
            stand_in = next((j for j in range(lo, hi) if slots.get(-1 - j) in frames.STRONG), None)
            if stand_in is not None:
                extra = _stand_in(doc, s, stand_in, china_side, clusters, lex)
                if extra:
                    sides[china_side] = [extra]
                    reasons.append("side found through a pronoun")
                    continue
            if weak_pool[china_side] and strong_side[not china_side] and not s.headline:
                sides[china_side] = weak_pool[china_side]      # "X की यात्रा के दौरान Y से मुलाकात"
                reasons.append("fallback pairing")
        if not sides[True] and not sides[False] and last and frames.both_sides(s.folded, lo, hi, lex):
            sides = {True: [last.china], False: [last.counterpart]}   # "दोनों नेता ... मिले थे"
            reasons.append("sides from 'both leaders'")
        unmarked = {id(m) for m in people if slots[id(m)] == "subject"}
        found += [Found(c, o, s, k, (a, b), tuple(reasons) + (("side without a postposition",)
                                                             if {id(c), id(o)} & unmarked else ()))
                  for c in sides[True] for o in sides[False]
                  if c.cluster != o.cluster or c.cluster < 0]
    return found


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
    day, precision, weekday, text = date_of(doc, f, before, lex)
    mode = mode_of(f.sentence, f.clause, lex)
    city, country = (None, None) if mode != "in_person" else place_of_meeting(
        doc, f, counterpart.country, lex, previous)
    reasons = list(f.reasons)
    for side, m, person in (("china", f.china, china), ("counterpart", f.counterpart, counterpart)):
        if not person.name:
            reasons.append("unnamed official")
            if m.guessed_country or (m.cluster >= 0 and not m.country):
                reasons.append("country from the dateline")
        elif not person.name_en:
            reasons.append(f"{side} name unknown to the gazetteer")
            if len(person.name.split()) == 1:
                reasons.append("name only from context")
    if f.sentence.headline:
        reasons.append("headline only")
    if precision == "none":
        reasons.append("no date")
    return Meeting(doc.article.source, doc.article.id, china, counterpart, day, precision, weekday, text,
                   city, country, mode, tuple(sorted(topics)), f.sentence.text,
                   confidence=confidence.score(tuple(reasons)), reasons=tuple(dict.fromkeys(reasons)))


def _earlier(doc: Document, main: Meeting, fs: list[Found], records: list[Meeting], lex: Lexicon) -> list[Meeting]:
    """Earlier meetings of the same pair, told with a date of their own ("दोनों नेता पिछले साल
    मई में शीआन में भी मिले थे"): one record each, beside the meeting the article reports."""
    out, seen = [], {(main.date, main.date_precision, main.weekday)}
    first = next((f for f, r in zip(fs, records) if r is main), fs[0])
    main_period = (int(main.date[:4]), int(main.date[5:7])) if main.date else period_of(doc, first, lex)
    for f, record in zip(fs, records):
        when = (record.date, record.date_precision, record.weekday)
        if f.sentence.headline or record.date_text is None or record.date_precision == "none" or when in seen:
            continue
        folded = f.sentence.folded
        lead = folded[max(0, f.predicate - 4):f.predicate]
        # An undated main report says nothing against an earlier meeting with a date of its own,
        # unless it is told in the pluperfect itself: then the dated report is the same meeting.
        unknown = main_period == (None, None) and not _pluperfect(first, lex)
        if (_pluperfect(f, lex) and not any(lex.frames["this_meeting"].match(lead, i) for i in range(len(lead)))
                and (unknown or not _compatible_dates(main_period, period_of(doc, f, lex)))):
            seen.add(when)
            out.append(replace(record, reasons=record.reasons + ("earlier meeting",),
                               confidence=confidence.score(record.reasons + ("earlier meeting",))))
    return out


def _compatible_dates(main: tuple[int | None, int | None], other: tuple[int | None, int | None]) -> bool:
    """Whether two (year, month) periods may hold the same day: "वर्ष 2025" and 2025-01-21
    may; "पिछले साल मई" and 2024-07-02 may not."""
    return all(a is None or b is None or a == b for a, b in zip(main, other))


def _pluperfect(f: Found, lex: Lexicon) -> bool:
    """The verb group says the meeting had taken place before ("मिले थे", "कर चुके हैं")."""
    verb = f.sentence.folded[f.predicate + 1:f.predicate + 9]   # "मुलाकात 2019 में नैरोबी में हुई थी"
    return any(lex.frames["earlier"].match(verb, i) for i in range(len(verb)))


def _merge(records: list[Meeting], fs: list[Found], lex: Lexicon) -> Meeting:
    """One dyad reported several times: the first report in the body.

    Later sentences about the same pair often tell other meetings ("पिछले साल भी मिले थे"),
    so a headline-only report borrows date and place from any report, and an undated first
    report borrows only the date of a later report of the same meeting (not a pluperfect one).
    """
    first = records[0]
    if fs[0].sentence.headline:
        dated = next((r for r in records if r.date_precision != "none"), first)
        placed = next((r for r in records if r.city or r.place_country), first)
    elif first.date_precision == "none":
        told_before = _pluperfect(fs[0], lex)
        same = [(r, f) for r, f in zip(records[1:], fs[1:])
                if not f.sentence.headline and (told_before or not _pluperfect(f, lex))]
        dated = next((r for r, _ in same if r.date_precision != "none"), first)
        placed = first if first.city or first.place_country or not told_before else dated
    else:
        return first
    reasons = tuple(r for r in first.reasons if r != "no date" or dated.date_precision == "none")
    return Meeting(first.source, first.article_id, first.china, first.counterpart, dated.date,
                   dated.date_precision, dated.weekday, dated.date_text, placed.city, placed.place_country,
                   first.mode, first.topics, first.evidence, confidence.score(reasons), reasons)


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


def _host(doc: Document) -> str | None:
    """The country whose officials are named without one: where a Chinese ambassador or
    consul is posted ("वानुअतु में चीन के राजदूत ने विदेश मंत्री से ..."), a mention in the
    same sentence first; else the dateline's country."""
    postings = [m.posting for s in doc.sentences for m in s.mentions
                if m.country == CHINA and m.posting and m.posting not in NOT_COUNTERPART]
    for s in doc.sentences:
        here = next((m.posting for m in s.mentions if m.country == CHINA and m.posting
                     and m.posting not in NOT_COUNTERPART), None)
        for m in s.mentions:
            if here and m.title and not m.country and not m.org and not m.official:
                m.country = here
        for a, b in zip(s.mentions, s.mentions[1:]):
            # "गोवा के राज्यपाल X और मुख्यमंत्री Y", "चीनी राष्ट्रपति शी और प्रधानमंत्री ली": one country
            joined = b.start == a.end + 1 and (s.folded[a.end] == "," or s.folded[a.end] in _AND)
            if joined and a.country and b.title and not b.country and not b.org and not b.official:
                b.country = a.country
    if postings and doc.home in (None, CHINA):
        return postings[0]
    return doc.home


def _annotate(doc: Document, lex: Lexicon) -> list[Cluster]:
    """Mentions, places, dates and predicates of every sentence, and the people."""
    for s in doc.sentences:
        s.mentions = find_mentions(s.index, s.text, s.tokens, s.folded, lex)
    year = doc.ref.year if doc.ref else doc.year_hint
    clusters = cluster([m for s in doc.sentences for m in s.mentions], lex, year, _host(doc))
    index = surname_index(clusters)
    for s in doc.sentences:
        taken = {i for m in s.mentions for i in range(m.start, m.end)}
        s.mentions = sorted(s.mentions + surname_mentions(s.index, s.text, s.tokens, s.folded, taken, clusters, lex,
                                                          index), key=lambda m: m.start)
        s.places = find_places(s, lex)
        s.predicates, s.any_predicate, s.unreal = _predicates(s, lex)
        s.dates = find_dates(s.folded, lex) if s.predicates else []   # only a meeting's date is read
    return clusters


def extract_meetings(article: Article) -> list[Meeting]:
    """Every meeting dyad the article reports, one record per Chinese x foreign pair."""
    lex = lexicon()
    if not lex.predicate.search(article.text) or not _china_hint(id(lex)).search(article.text):
        return []
    doc = split(article, lex)
    clusters = _annotate(doc, lex)
    found: dict[tuple, list[Found]] = {}
    last = None
    for s in doc.sentences:
        for f in _pairs_in(doc, s, clusters, lex, last):
            key = (_person(f.china, clusters, lex).key, _person(f.counterpart, clusters, lex).key)
            found.setdefault(key, []).append(f)
            last = f
    if not found:
        return []
    topics = passages(doc, found, lex)
    out, previous, before = [], (None, None), (None, "none", None)
    for fs in sorted(found.values(), key=lambda fs: min(f.sentence.index for f in fs if not f.sentence.headline)
                     if any(not f.sentence.headline for f in fs) else -1):
        fs.sort(key=lambda f: (f.sentence.headline, f.sentence.index))
        key = (_person(fs[0].china, clusters, lex).key, _person(fs[0].counterpart, clusters, lex).key)
        records = [_record(doc, f, clusters, topics[key], lex, previous, before) for f in fs]
        out.append(_merge(records, fs, lex))
        out += _earlier(doc, out[-1], fs, records, lex)
        if out[-1].city or out[-1].place_country:
            previous = (out[-1].city, out[-1].place_country)
        if out[-1].date_precision != "none":
            before = (out[-1].date, out[-1].date_precision, out[-1].weekday)
    return _without_vague_headlines(out)


def _without_vague_headlines(records: list[Meeting]) -> list[Meeting]:
    """A headline naming a side only by title ("राज्यपाल से मिले चीन के राजदूत") tells the
    meeting the body reports with names: it is no record of its own."""
    body = [r for r in records if "headline only" not in r.reasons]

    def told(r: Meeting) -> bool:
        return any(b.counterpart.country == r.counterpart.country
                   and (r.china.name is None or b.china.key == r.china.key)
                   and (r.counterpart.name is None or b.counterpart.key == r.counterpart.key) for b in body)
    return [r for r in records if "headline only" not in r.reasons or (r.china.name and r.counterpart.name)
            or not told(r)]

