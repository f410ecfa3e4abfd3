"""Fast lookup structures built once from the gazetteer.

Text is matched token by token: every gazetteer phrase is a tuple of folded tokens,
looked up longest-first at each position (a dict per category, no giant regex).
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from core.extract.gazetteer import DEFAULT_DIR, Gazetteer, load_gazetteer

_LETTERS = "\u0900-\u0963\u0970-\u097f"
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f"
TOKEN = re.compile(rf"[{_LETTERS}{_LATIN}0-9]+(?:[-'][{_LETTERS}{_LATIN}0-9]+)*|[^\s{_LETTERS}{_LATIN}0-9]")
_FOLD = str.maketrans({"\u093c": None, "\u0901": "\u0902"})
_VOWEL_SIGNS = re.compile("[\u093a-\u094f\u0951-\u0957\u0962\u0963\u0900-\u0903]")
_VOWELS = re.compile("[\u0904-\u0914\u0960\u0961\u0972-\u0977]")


@lru_cache(maxsize=1 << 18)
def fold(token: str) -> str:
    """Spelling-insensitive form: no nukta, candrabindu as anusvara (as the scorer folds)."""
    return unicodedata.normalize("NFD", token).translate(_FOLD)


@lru_cache(maxsize=1 << 16)
def skeleton(name: str) -> str:
    """Consonant skeleton of a name, for variant spellings (क़ीम ~ क़ैम, जापारोव ~ जोपारोव)."""
    text = _VOWEL_SIGNS.sub("", fold(name).replace("-", " "))
    return _VOWELS.sub("", text).replace(" ", "")


# Consonants by where and how they are said, one class each: aspiration, voicing,
# retroflexion and nukta fall away, and so do the semivowels. The two ways of writing
# Chinese names in Hindi then meet: चाओ लच्ची ~ झाओ लेजी, ली खछ्यांग ~ ली केछियांग,
# च्यांग ज़ाइतोंग ~ जियांग ज़ाइदोंग, ली ह्वेई ~ ली हुई.
_CLASSES = {**dict.fromkeys("कखगघक़ख़ग़", "K"), **dict.fromkeys("चछजझज़", "C"),
            **dict.fromkeys("टठडढतथदधड़ढ़", "T"), **dict.fromkeys("पफबभफ़", "P"),
            **dict.fromkeys("सशष", "S"), **dict.fromkeys("नणञङंँ", "N"), "म": "M", "ल": "L",
            "र": "R", "ह": "H"}
_CLASSES.pop("\u093c", None)      # the nukta of the composed letters above is no consonant


@lru_cache(maxsize=1 << 16)
def phonetic(name: str) -> str:
    """A coarse sound key of a name: consonant classes per word, repeats merged."""
    words = []
    for word in unicodedata.normalize("NFC", name).replace("-", " ").split():
        key = ""
        for ch in unicodedata.normalize("NFD", word):
            cls = _CLASSES.get(unicodedata.normalize("NFC", ch)) or _CLASSES.get(ch)
            if cls and not key.endswith(cls):
                key += cls
        words.append(key)
    return " ".join(words)


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Word and punctuation tokens with their character offsets."""
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


class PhraseTable:
    """Phrases as token tuples, matched longest-first at a token position."""

    def __init__(self) -> None:
        self._table: dict[tuple[str, ...], Any] = {}
        self._longest: dict[str, int] = {}

    def add(self, phrase: str, value: Any) -> None:
        """Register a phrase (first registration wins)."""
        key = tuple(fold(t) for t, _, _ in tokenize(phrase))
        if key and key not in self._table:
            self._table[key] = value
            self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))

    def match(self, folded: list[str], i: int) -> tuple[int, Any] | None:
        """The longest phrase starting at token i: (length, value), or None."""
        longest = self._longest.get(folded[i])
        if not longest:
            return None
        for size in range(min(longest, len(folded) - i), 0, -1):
            value = self._table.get(tuple(folded[i:i + size]))
            if value is not None:
                return size, value
        return None


@dataclass(frozen=True)
class TopicWord:
    topic: str


@dataclass
class Lexicon:
    gz: Gazetteer
    countries: PhraseTable          # -> iso3 (names and adjectives)
    places: PhraseTable             # -> City (cities and venues)
    officials: PhraseTable          # full names -> official id
    officials_en: PhraseTable       # English names, lower-cased -> official id ("Xi Jinping" in Hindi text)
    leader_short: PhraseTable       # one-word names of leaders that name one person only
    organisations: PhraseTable      # -> organisation id
    titles: PhraseTable             # -> (role, title form)
    plural_titles: PhraseTable      # "प्रधानमंत्रियों", "विदेश मंत्रियों" -> (role, singular form)
    honorifics: frozenset[str]
    former: frozenset[str]
    stopwords: frozenset[str]
    ambiguous: frozenset[str]       # country/city forms that are also common words
    topic_words: PhraseTable        # -> TopicWord
    topic_stems: TopicStems
    predicate: re.Pattern
    not_meeting: re.Pattern
    irrealis: re.Pattern
    phone: re.Pattern
    video: re.Pattern
    pronouns: frozenset[str]
    conditional: frozenset[str]
    both_sides: PhraseTable              # "दोनों नेताओं": the pair just reported
    not_participant: re.Pattern
    short_index: dict[str, list[str]]    # skeleton of a short or last-name form -> official ids
    full_index: dict[str, list[str]]     # skeleton of a full name -> official ids
    months: dict[str, int]
    weekdays: dict[str, str]
    relative_days: PhraseTable
    last_words: frozenset[str]
    month_relative: PhraseTable          # -> "last" | "this"
    numbers: dict[str, int]
    days_ago: PhraseTable
    same_day: PhraseTable
    last_year: PhraseTable
    regions: PhraseTable                 # state or province -> iso3
    year_blockers: PhraseTable
    frames: dict[str, PhraseTable]       # slot -> its words (frames.yaml), matched after a mention
    party_words: PhraseTable             # a title phrase holding one is a party office


def _alternation(patterns: tuple[str, ...]) -> re.Pattern:
    """One regex of word-initial alternatives."""
    joined = "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))
    return re.compile(rf"(?<![{_LETTERS}])(?:{joined})")


def _words(forms: tuple[str, ...]) -> re.Pattern:
    """A regex of whole words or phrases."""
    joined = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![{_LETTERS}])(?:{joined})(?![{_LETTERS}])")


def _phrases(forms: tuple[str, ...]) -> PhraseTable:
    """A table of phrases that stand for themselves."""
    table = PhraseTable()
    for form in forms:
        table.add(form, form)
    return table


def _official_tables(gz: Gazetteer) -> tuple[PhraseTable, dict[str, list[str]], dict[str, list[str]]]:
    """Full-name table and skeleton indexes of short and full names."""
    table, short, full = PhraseTable(), {}, {}
    for official in gz.officials.values():
        for form in official.hi:
            table.add(form, official.id)
            full.setdefault(skeleton(form), []).append(official.id)
            if official.country == "CHN" and len(form.split()) == 2:
                table.add(form.replace(" ", ""), official.id)    # run together: "हानचंग", "वांगयी"
            if len(form.split()) > 1:
                full.setdefault("~" + phonetic(form), []).append(official.id)
        for form in official.short:
            short.setdefault(skeleton(form), []).append(official.id)
    return table, short, full


_LEADERS = frozenset({"head_of_state", "head_of_government", "vice_head", "foreign_minister"})


def _leader_short(gz: Gazetteer) -> PhraseTable:
    """One-word names that no other gazetteer person, country or city uses: of leaders,
    and of other officials when the name is distinctive."""
    owners: dict[str, set[str]] = {}
    for official in gz.officials.values():
        for form in official.short:
            owners.setdefault(fold(form), set()).add(official.id)
        for form in official.hi:    # the surname: first for a Chinese name, last for others
            tokens = form.split()
            surname = tokens[0] if official.country == "CHN" else tokens[-1]
            owners.setdefault(fold(surname), set()).add(official.id)
    places = {fold(f) for c in gz.cities for f in c.hi} | {fold(f) for c in gz.countries.values() for f in c.hi + c.adj}
    stop = {fold(w) for w in gz.stopwords}
    table = PhraseTable()
    for official in gz.officials.values():
        leader = bool(_LEADERS & {span.role for span in official.roles})
        for form in official.short:
            key = fold(form)
            # Below the leaders, only a distinctive name stands alone ("डोभाल", not "ली").
            if (len(owners[key]) == 1 and key not in places and key not in stop
                    and len(key) >= (2 if leader else 4)):
                table.add(form, official.id)
    return table


@dataclass
class TopicStems:
    """Stems that match a word's beginning: one regex for one-word stems, a dict for longer ones."""

    single: re.Pattern | None
    single_topic: dict[str, str]
    multi: dict[str, list[tuple[tuple[str, ...], str]]]

    def match(self, folded: list[str], i: int) -> tuple[int, str] | None:
        """(words covered, topic) of the longest stem at token i."""
        for key, topic in self.multi.get(folded[i], ()):
            end = i + len(key) - 1
            if end < len(folded) and tuple(folded[i:end]) == key[:-1] and folded[end].startswith(key[-1]):
                return len(key), topic
        hit = self.single.match(folded[i]) if self.single else None
        return (1, self.single_topic[hit.group()]) if hit else None


def _topic_tables(gz: Gazetteer) -> tuple[PhraseTable, TopicStems]:
    """Whole-word topic phrases, and stems that match a word's beginning."""
    words, single, multi = PhraseTable(), {}, {}
    for keyword, topic in gz.topics.items():
        if not keyword.endswith("*"):
            words.add(keyword, TopicWord(topic))
            continue
        key = tuple(fold(t) for t, _, _ in tokenize(keyword[:-1]))
        if len(key) == 1:
            single[key[0]] = topic
        else:
            multi.setdefault(key[0], []).append((key, topic))
    for entries in multi.values():
        entries.sort(key=lambda item: -len(item[0]))
    pattern = "|".join(re.escape(s) for s in sorted(single, key=len, reverse=True))
    return words, TopicStems(re.compile(pattern) if pattern else None, single, multi)


def build_lexicon(gz: Gazetteer) -> Lexicon:
    """Compile every lookup structure the extractor needs."""
    countries, places, titles, relative, month_rel = (PhraseTable() for _ in range(5))
    ambiguous: set[str] = set()
    for country in gz.countries.values():
        for form in country.hi + country.adj:
            countries.add(form, country.iso3)
        ambiguous.update(fold(a) for a in country.ambiguous)
    for city in sorted(gz.cities, key=lambda c: c.kind != "venue"):
        for form in city.hi:
            places.add(form, city)
        ambiguous.update(fold(a) for a in city.ambiguous)
    plural_titles = PhraseTable()
    for form, role in gz.titles.items():
        titles.add(form, (role, form))
        plural = _plural(form)
        if plural:
            plural_titles.add(plural, (role, form))
    for form in gz.counterpart_words:
        titles.add(form, ("counterpart", form))
    for form, offset in gz.relative_days.items():
        relative.add(form, offset)
    for form in gz.last_month:
        month_rel.add(form, "last")
    for form in gz.this_month:
        month_rel.add(form, "this")
    officials, short_index, full_index = _official_tables(gz)
    officials_en = PhraseTable()
    for official in gz.officials.values():
        officials_en.add(official.en.lower(), official.id)
    leader_short = _leader_short(gz)
    organisations = PhraseTable()
    for org in gz.organisations.values():
        for form in org.hi:
            organisations.add(form, org.id)
    topic_words, topic_stems = _topic_tables(gz)
    return Lexicon(
        gz=gz, countries=countries, places=places, officials=officials, officials_en=officials_en,
        leader_short=leader_short,
        organisations=organisations,
        titles=titles, plural_titles=plural_titles,
        honorifics=frozenset(fold(h.rstrip(".")) for h in gz.honorifics),
        former=frozenset(fold(f) for f in gz.former),
        stopwords=frozenset(fold(w) for w in gz.stopwords), ambiguous=frozenset(ambiguous),
        topic_words=topic_words, topic_stems=topic_stems,
        predicate=_alternation(gz.predicates), not_meeting=_alternation(gz.not_meeting),
        irrealis=re.compile(rf"^(?:{'|'.join(gz.irrealis)})$"),
        phone=_words(gz.phone), video=_words(gz.video),
        pronouns=frozenset(fold(p) for p in gz.pronouns),
        conditional=frozenset(fold(w) for w in gz.conditional), both_sides=_phrases(gz.both_sides),
        not_participant=re.compile("|".join(f"(?:{p})" for p in gz.not_participant)),
        short_index=short_index, full_index=full_index,
        months={fold(k): v for k, v in gz.months.items()},
        weekdays={fold(k): v for k, v in gz.weekdays.items()},
        relative_days=relative, last_words=frozenset(fold(w) for w in gz.last_words),
        month_relative=month_rel,
        numbers={fold(k): v for k, v in gz.numbers.items()}, days_ago=_phrases(gz.days_ago),
        same_day=_phrases(gz.same_day),
        last_year=_phrases(gz.last_year), year_blockers=_phrases(gz.year_blockers),
        regions=_regions_table(gz),
        frames={key: _phrases(forms) for key, forms in gz.frames.items()},
        party_words=_phrases(gz.party_words),
    )


def _plural(form: str) -> str | None:
    """The oblique plural of a title: 'प्रधानमंत्री' -> 'प्रधानमंत्रियों', 'राजदूत' -> 'राजदूतों'."""
    head, _, last = form.rpartition(" ")
    if last.endswith("ी"):
        plural = last[:-1] + "ियों"
    elif last[-1:] in "ािुूेैोौंः":
        return None
    else:
        plural = last + "ों"
    return f"{head} {plural}".strip()


def _regions_table(gz: Gazetteer) -> PhraseTable:
    table = PhraseTable()
    for form, iso3 in gz.regions.items():
        table.add(form, iso3)
    return table


def lexicon(folder: Path | None = None) -> Lexicon:
    """The lexicon of a gazetteer folder (MEETINGS_GAZETTEER, else data/gazetteer), built once."""
    return _lexicon(Path(folder or os.environ.get("MEETINGS_GAZETTEER") or DEFAULT_DIR).resolve())


@lru_cache(maxsize=4)
def _lexicon(folder: Path) -> Lexicon:
    return build_lexicon(load_gazetteer(folder))
