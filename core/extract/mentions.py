"""People in an article: titled and known-name mentions, then one cluster per person.

find_mentions(sentence, lex) finds "title + name" and gazetteer names in one sentence;
cluster(mentions, lex, year) links every mention of one person (surnames, spelling
variants, unnamed "the Pakistani president") to one Cluster.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from core.extract.lexicon import Lexicon, fold, phonetic, skeleton

_GENITIVE = frozenset(fold(w) for w in ("के", "की", "का"))
_POSTING = fold("में")
_FOR = fold("लिए")
_LOCATED = fold("स्थित")
# Tokens that end the phrase before a title ("X ने Y के राजदूत"): the title's owner is inside.
_PHRASE_STOP = frozenset(fold(w) for w in (
    "ने", "से", "को", "में", "और", "तथा", "एवं", "व", "या", "कि", "पर", "साथ", "बीच", "है", "हैं", "था", "थे",
    "थी", "आए", "आईं", "आये", "लेने", "हुए", "हुई", "किया", "दौरान", "बाद", "पहले", "जो", "ही", "भी"))
_MAX_NAME = 4
_MAX_PHRASE = 12


@dataclass
class Mention:
    """One reference to a person in one sentence."""

    sent: int
    start: int                   # token span of the whole mention (title and name)
    end: int
    name: str | None             # Devanagari as written, without the title
    name_tokens: tuple[str, ...] = ()
    title: str | None = None     # the title phrase as written
    role: str | None = None
    country: str | None = None   # from the title phrase or the gazetteer
    posting: str | None = None   # "X में ... राजदूत": the country posted in
    org: str | None = None       # an international organisation's official
    official: str | None = None  # gazetteer id
    spokesperson: bool = False
    former: bool = False
    counterpart_word: bool = False   # "चीनी समकक्ष": the role is the other side's
    surname_only: bool = False
    guessed_country: bool = False    # country from the dateline, not the text: too weak for an unnamed person
    party: bool = False              # the title is a party office ("नेकपा (एमाले) के अध्यक्ष")
    cluster: int = -1


@dataclass
class Cluster:
    """One person across the article."""

    index: int
    mentions: list[Mention] = field(default_factory=list)
    name: str | None = None
    official: str | None = None
    country: str | None = None
    role: str | None = None
    title: str | None = None
    org: str | None = None
    keys: set[str] = field(default_factory=set)   # folded surname / short forms that refer to it
    skeletons: set[str] = field(default_factory=set)


def _country_at(folded: list[str], i: int, lex: Lexicon) -> tuple[int, str] | None:
    """A country name or adjective, or a state or province ("बिहार"), starting at token i:
    (length, iso3).

    Used inside a title phrase only, where a form that is also a common word
    ("चिली", "पाक") is read as the country.
    """
    return lex.countries.match(folded, i) or lex.regions.match(folded, i)


def _place_before(folded: list[str], end: int, lex: Lexicon) -> str | None:
    """The country of a country, region or city that ends just before token `end`."""
    for size in (3, 2, 1):
        i = end - size
        if i < 0:
            continue
        hit = _country_at(folded, i, lex)
        if hit and hit[0] == size:
            return hit[1]
        city = lex.places.match(folded, i)
        if city and city[0] == size:
            return city[1].country
    return None


def _org_in(folded: list[str], start: int, end: int, lex: Lexicon) -> str | None:
    """An international organisation named in a title phrase ("संयुक्त राष्ट्र के महासचिव")."""
    for i in range(start, end):
        hit = lex.organisations.match(folded, i)
        if hit and i + hit[0] <= end:
            return hit[1]
    return None


def _title_phrase(tokens: list[tuple[str, int, int]], folded: list[str], start: int,
                  lex: Lexicon, used: set[int] = frozenset()) -> tuple[int, str | None, str | None]:
    """Scan left of a title for its owner: (phrase start, country, posting country); the
    phrase never reaches into the person named before ("राजदूत X की सिंध के मुख्यमंत्री Y")."""
    country, i = None, start - 1
    lowest = max(0, start - _MAX_PHRASE, max((u + 1 for u in used if u < start), default=0))
    while i >= lowest:
        # A country first: "बोस्निया और हर्ज़ेगोविना के" holds an "और" that would end the phrase.
        size = next((n for n in (5, 4, 3, 2, 1) if i - n + 1 >= 0
                     and (_country_at(folded, i - n + 1, lex) or (0, ""))[0] == n), 0)
        if size:
            country = country or _country_at(folded, i - size + 1, lex)[1]
            i -= size
            continue
        tok = folded[i]
        if not tok[0].isalnum() and tok not in "-" or tok in _PHRASE_STOP:
            break
        i -= 1
    # The phrase is the owner's: from its leftmost country or organisation, else the title alone
    # ("भाग लेने वाले किर्गिस्तान के राष्ट्रपति" -> "किर्गिस्तान के राष्ट्रपति").
    owners = [k for k in range(i + 1, start) if _country_at(folded, k, lex) or lex.organisations.match(folded, k)]
    if not owners and not country:                            # "गोवा के मुख्यमंत्री", "बीजिंग के मेयर"
        cities = [(k, lex.places.match(folded, k)) for k in range(i + 1, start)]
        cities = [(k, hit[1]) for k, hit in cities if hit and hit[1].kind != "venue"]
        if cities:
            owners, country = [cities[0][0]], cities[0][1].country
    phrase_start = owners[0] if owners else start
    posting = None
    if i >= 1 and folded[i] == _POSTING:
        posting = _place_before(folded, i, lex)             # "ढाका में [नियुक्त] चीन के राजदूत"
    elif i >= 2 and folded[i] == _FOR and folded[i - 1] in _GENITIVE:
        posting = _place_before(folded, i - 1, lex)         # "नेपाल के लिए चीन के राजदूत"
    located = next((k for k in range(i + 1, start) if folded[k] == _LOCATED), None)
    if located is not None and _place_before(folded, located, lex):
        posting = _place_before(folded, located, lex)       # "भारत स्थित चीनी कार्य-दूत"
        owners = [k for k in owners if k > located]
        phrase_start = owners[0] if owners else start
        country = next((_country_at(folded, k, lex)[1] for k in owners if _country_at(folded, k, lex)), None)
    if i >= 1 and folded[i] == _POSTING:
        if not posting and not country:
            # "अमेरिकी सीनेट में बहुमत के नेता", "पाकिस्तान की संसद में विपक्ष के नेता": the institution's country
            for back in (2, 3):
                hit = _country_at(folded, i - back, lex) if i - back >= 0 else None
                if hit and hit[0] < back:
                    return phrase_start, hit[1], None
    return phrase_start, country, posting


def _name_after(tokens: list[tuple[str, int, int]], folded: list[str], i: int,
                lex: Lexicon) -> tuple[int, int]:
    """The name span after a title: skip honorifics and "(एनएसए)", stop at a common word."""
    while i < len(folded):
        if folded[i].rstrip(".") in lex.honorifics or folded[i] == ".":
            i += 1
        elif folded[i] == "(" and ")" in folded[i + 1:i + 4]:
            i = folded.index(")", i) + 1
        else:
            break
    start = i
    if i < len(folded) and lex.officials.match(folded, i):
        return start, i + lex.officials.match(folded, i)[0]
    if i < len(folded) and _LATIN_NAME.match(folded[i]):
        return start, _latin_name_end(folded, i, lex)
    while i < len(folded) and i - start < _MAX_NAME:
        tok = folded[i]
        if tok == "." and i > start and len(folded[i - 1]) <= 3 and i + 1 < len(folded):
            i += 1          # an initial: "एस. जयशंकर"
            continue
        plural = i == start and tok.endswith("\u094b\u0902")     # "शहरों": a plural noun, not a name
        if plural or not _name_token(folded, i, lex, inside=i > start) or (i > start and lex.places.match(folded, i)):
            break
        i += 1
    return start, i


_LATIN_NAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’.\-]*(?:-[A-ZÀ-ÖØ-Þa-zß-öø-ÿ][a-zß-öø-ÿ'’.\-]*)*$")


def _latin_name_end(folded: list[str], i: int, lex: Lexicon) -> int:
    """End of a name written in Latin script ("पेरू के विदेश मंत्री Javier González-Olaechea ने"):
    capitalised words, two at least unless the gazetteer knows the name; never an acronym."""
    known = lex.officials_en.match([t.lower() for t in folded[i:i + _MAX_NAME]], 0)
    if known:
        return i + known[0]
    end = i
    while end < len(folded) and end - i < _MAX_NAME and _LATIN_NAME.match(folded[end]):
        end += 1
    return end if end - i >= 2 else i


def _name_token(folded: list[str], i: int, lex: Lexicon, inside: bool = False) -> bool:
    """A Devanagari word that can be part of a name: no common word, title, country, date word
    or verb form ("करेंगे", "बनने"). Inside a name a month word may be a given name ("तोंग जून")
    unless a date follows it ("जून में", "जून 2024")."""
    tok = folded[i]
    if not ("\u0900" <= tok[0] <= "\u097f" and tok[0].isalpha()) or tok in lex.stopwords:
        return False
    if lex.months.get(tok):
        nxt = folded[i + 1] if i + 1 < len(folded) else ""
        return inside and not (nxt.isdigit() or nxt in _MONTH_AFTER)
    return (not lex.titles.match(folded, i) and not lex.weekdays.get(tok) and not _country_at(folded, i, lex)
            and not _VERB_FORM.search(tok) and not _acronym(tok))


# English letter names as Hindi writes them: "यूएनजीए", "एससीओ", "आईएएनएस" are acronyms, never names.
_LETTER_NAMES = ("डब्ल्यू", "क्यू", "एक्स", "एफ", "एच", "एल", "एम", "एन", "एस", "आर", "वाई", "जेड", "ज़ेड", "आई",
                 "ए", "बी", "सी", "डी", "ई", "जी", "जे", "के", "ओ", "पी", "टी", "यू", "वी")
_ACRONYM = re.compile("(?:" + "|".join(sorted(map(fold, _LETTER_NAMES), key=len, reverse=True)) + "){3,}")


def _acronym(tok: str) -> bool:
    """A word spelled out of three or more English letter names."""
    return bool(_ACRONYM.fullmatch(tok))


_MONTH_AFTER = frozenset(fold(w) for w in ("में", "तक", "महीने", "माह", "को", "के", "की"))
# Future verb forms are never names ("करेंगे"); infinitives are stop-words ("बनने", "मिलने").
_VERB_FORM = re.compile("(?:ेंगे|ेंगी|ूंगा|ाएंगे|ाएगा|ाएगी|ायेंगे)$")    # not "ेगा": ओर्तेगा, वेगा
_OPEN = frozenset({",", "("})
_CLOSE = frozenset({",", ")"})
_COPULA = frozenset(fold(w) for w in ("है", "हैं", "थे", "थी", "थीं", "था"))
_WHO = fold("जो")


def _name_before(folded: list[str], phrase_start: int, title_end: int, lex: Lexicon) -> tuple[int, int] | None:
    """A name in apposition before its title: 'जॉन कमाऊ, केन्या के विदेश मंत्री, ने',
    'जॉन कमाऊ (केन्या के विदेश मंत्री)', 'जॉन कमाऊ, जो केन्या के विदेश मंत्री हैं, ने'."""
    after = title_end + (title_end < len(folded) and folded[title_end] in _COPULA)
    if after >= len(folded) or folded[after] not in _CLOSE:
        return None
    j = phrase_start - 1
    j -= j >= 0 and folded[j] == _WHO
    if j < 1 or folded[j] not in _OPEN:
        return None
    start = j
    while start > 0 and j - start < _MAX_NAME and _name_token(folded, start - 1, lex):
        start -= 1
    return (start, j) if start < j else None


_ROLE_RANK = ("head_of_state", "head_of_government", "vice_head", "foreign_minister", "deputy_foreign_minister",
              "special_envoy", "ambassador", "minister", "legislator", "party_official", "senior_official", "other")
_GENERIC_ROLES = frozenset({"senior_official", "party_official", "other"})
_VAGUE_TITLES = frozenset({"senior_official", "party_official"})    # a title that may hide a higher office
_AND = frozenset(fold(w) for w in ("और", "तथा", "एवं", "व"))


def _chained_title(folded: list[str], i: int, lex: Lexicon) -> tuple[int, str]:
    """'विदेश मंत्री और स्टेट काउंसलर': chained titles are one title; the highest office wins."""
    size, (role, _form) = lex.titles.match(folded, i)
    end = i + size
    while end + 1 < len(folded) and folded[end] in _AND:
        nxt = lex.titles.match(folded, end + 1)
        if not nxt:
            break
        if role == "counterpart" or (nxt[1][0] != "counterpart" and _ROLE_RANK.index(nxt[1][0]) < _ROLE_RANK.index(role)):
            role = nxt[1][0]
        if {role, nxt[1][0]} == {"vice_head", "foreign_minister"}:
            role = "foreign_minister"        # the contract: a deputy PM and FM is met as foreign minister
        end += 1 + nxt[0]
    return end - i, role


def _party_reach(folded: list[str], start: int, used: set[int]) -> int:
    """How far left a party's name may stand before its office ("दल नेकपा (एमाले) के अध्यक्ष")."""
    k = start
    while k > 0 and start - k < 6 and k - 1 not in used and folded[k - 1] not in _PHRASE_STOP - _GENITIVE:
        k -= 1
    return k


def _stands_alone(folded: list[str], j: int, lex: Lexicon) -> bool:
    """A title without a name stands for a person when a postposition, a time word or
    punctuation follows it ("विदेश मंत्री ने", "राष्ट्रपति से", "मंत्री मंगलवार को")."""
    if j >= len(folded):
        return True
    tok = folded[j]
    if not ("\u0900" <= tok[0] <= "\u097f") or tok.isdigit() or lex.weekdays.get(tok) or lex.months.get(tok):
        return True
    return any(lex.frames[key].match(folded, j) for key in ("agent", "partner", "joint", "object", "genitive",
                                                             "coordinators", "leader", "title_followers"))


def _is_spokesperson(title: str, lex: Lexicon) -> bool:
    """A spokesperson's words are a statement, never a meeting."""
    return any(word in title for word in lex.gz.spokesperson)


def _titled(sent: int, tokens: list[tuple[str, int, int]], folded: list[str], text: str,
            lex: Lexicon) -> tuple[list[Mention], set[int]]:
    """Mentions introduced by a title ("कजाकिस्तान के राष्ट्रपति कसीम जोमार्ट तोकायेव")."""
    mentions, used, i = [], set(), 0
    while i < len(folded):
        hit = lex.titles.match(folded, i)
        if not hit or lex.places.match(folded, i):
            i += 1
            continue
        size, role = _chained_title(folded, i, lex)
        phrase_start, country, posting = _title_phrase(tokens, folded, i, lex, used)
        name_start, name_end = _name_after(tokens, folded, i + size, lex)
        before = None if name_end > name_start else _name_before(folded, phrase_start, i + size, lex)
        if before and not used.intersection(range(*before)):
            name_start, name_end = before
        if name_end == name_start and not _stands_alone(folded, i + size, lex):
            i += size                    # "सलाहकार सम्मेलन", "राष्ट्रपति भवन": a title word as a modifier
            continue
        former = any(folded[k] in lex.former for k in range(phrase_start, i + 1))
        title = text[tokens[phrase_start][1]:tokens[i + size - 1][2]]
        name = text[tokens[name_start][1]:tokens[name_end - 1][2]] if name_end > name_start else None
        org = None if country else _org_in(folded, phrase_start, i + size, lex)
        party = role in _GENERIC_ROLES and any(lex.party_words.match(folded, k)
                                               for k in range(_party_reach(folded, phrase_start, used), i + size))
        role = "party_official" if party else role
        official = None
        if name:
            match = (lex.officials.match(folded, name_start)
                     or lex.officials_en.match([w.lower() for w in folded[name_start:name_end]], 0))
            official = match[1] if match and match[0] == name_end - name_start else None
        mentions.append(Mention(
            sent, min(phrase_start, name_start), max(name_end, i + size), name, tuple(folded[name_start:name_end]),
            title=title, role=None if role == "counterpart" else role, country=country, posting=posting,
            official=official, org=org, spokesperson=_is_spokesperson(title, lex), former=former,
            counterpart_word=role == "counterpart", party=party))
        used.update(range(min(phrase_start, name_start), max(name_end, i + size)))
        i = max(name_end, i + size)
    return mentions, used


def find_mentions(sent: int, text: str, tokens: list[tuple[str, int, int]], folded: list[str],
                  lex: Lexicon) -> list[Mention]:
    """Titled mentions and bare gazetteer names of one sentence.

    A leader's one-word name ("पुतिन", "मोदी") counts alone when it names one person only.
    """
    mentions, used = _titled(sent, tokens, folded, text, lex)
    i = 0
    while i < len(folded):
        hit = None if i in used else (lex.officials.match(folded, i) or lex.leader_short.match(folded, i))
        if hit:
            size, official = hit
            mentions.append(Mention(sent, i, i + size, text[tokens[i][1]:tokens[i + size - 1][2]],
                                    tuple(folded[i:i + size]), official=official))
            i += size
        else:
            if i not in used and "-" in folded[i]:
                mentions += _leader_pair(sent, i, tokens[i][0], folded[i], lex)
            i += 1
    mentions += _plural_titled(sent, tokens, folded, text, lex, used)
    return sorted(mentions, key=lambda m: m.start)


_LIST_JOINS = frozenset(fold(w) for w in (",", "और", "तथा", "एवं", "व"))


def _plural_titled(sent: int, tokens: list[tuple[str, int, int]], folded: list[str], text: str, lex: Lexicon,
                   used: set[int]) -> list[Mention]:
    """'समोआ, टोंगा और वानुअतु के प्रधानमंत्रियों से': one unnamed official per country listed."""
    out = []
    for i in range(2, len(folded)):
        hit = lex.plural_titles.match(folded, i)
        if not hit or folded[i - 1] not in _GENITIVE or i in used:
            continue
        size, (role, form) = hit
        countries, j = [], i - 2
        while j >= 0:
            found = next(((k, _country_at(folded, k, lex)) for k in range(max(0, j - 3), j + 1)
                          if (_country_at(folded, k, lex) or (0, ""))[0] == j - k + 1), None)
            if not found:
                break
            k, (_, iso3) = found
            countries.append((k, iso3))
            j = k - 1
            if j < 0 or folded[j] not in _LIST_JOINS:
                break
            j -= 1
        if len(countries) < 2 or any(k in used for k, _ in countries):
            continue
        title = text[tokens[i][1]:tokens[i + size - 1][2]]
        out += [Mention(sent, k, i + size, None, (), title=title, role=role, country=iso3) for k, iso3 in countries]
        used.update(range(countries[-1][0], i + size))
    return out


def _leader_pair(sent: int, i: int, raw: str, tok: str, lex: Lexicon) -> list[Mention]:
    """'मोदी-शी मुलाकात': a hyphenated pair of leaders' one-word names."""
    parts, raws = tok.split("-"), raw.split("-")
    hits = [lex.leader_short.match([part], 0) for part in parts]
    if len(parts) < 2 or not all(hits) or len({hit[1] for hit in hits}) < len(hits):
        return []                          # "किन-किन लोगों से": a reduplicated word, not two leaders
    return [Mention(sent, i, i + 1, r, (part,), official=hit[1]) for r, part, hit in zip(raws, parts, hits)]


def _link_official(mention: Mention, lex: Lexicon) -> str | None:
    """A gazetteer person for a name written another way (लुकाशंको ~ लुकाशेंको)."""
    if mention.official or not mention.name:
        return mention.official
    if len(mention.name_tokens) == 1:
        leader = lex.leader_short.match(list(mention.name_tokens), 0)     # "राष्ट्रपति शी"
        if leader and (not mention.country or lex.gz.officials[leader[1]].country == mention.country):
            return leader[1]
    skel = skeleton(mention.name)
    candidates = lex.full_index.get(skel, [])
    if not candidates and len(mention.name_tokens) > 1:       # the other spelling tradition: चाओ लच्ची ~ झाओ लेजी
        candidates = lex.full_index.get("~" + phonetic(mention.name), [])
    if not candidates and len(mention.name_tokens) == 1 and len(skel) >= 3:
        candidates = lex.short_index.get(skel, [])
    officials = [lex.gz.officials[c] for c in dict.fromkeys(candidates)]
    if mention.country:
        officials = [o for o in officials if o.country == mention.country]
    if len(officials) > 1 and len(mention.name_tokens) > 1:
        officials = _closest(mention.name, officials)
    return officials[0].id if len(officials) == 1 and (mention.country or len(mention.name_tokens) > 1) else None


def _closest(name: str, officials: list) -> list:
    """Of officials whose names sound alike (ली केछियांग: Li Keqiang or Liu Guozhong), the one
    spelled most like the name, when it is clearly the closest; else all of them."""
    def score(official) -> float:
        return max(difflib.SequenceMatcher(None, fold(name), fold(form)).ratio() for form in official.hi)
    ranked = sorted(officials, key=score, reverse=True)
    best, second = score(ranked[0]), score(ranked[1])
    return ranked[:1] if best >= 0.6 and best - second >= 0.1 else ranked


def _surname_keys(tokens: tuple[str, ...], country: str | None) -> set[str]:
    """The tokens that refer to a person alone: a Chinese surname comes first."""
    if len(tokens) < 2:
        return set(tokens)
    return {tokens[0]} if country == "CHN" else {tokens[-1]}


def _same_name(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """A name is the other or a contiguous part of it, allowing spelling variants."""
    if len(short) > len(full):
        return False
    for k in range(len(full) - len(short) + 1):
        part = full[k:k + len(short)]
        if all(a == b or (len(skeleton(a)) >= 3 and skeleton(a) == skeleton(b)) for a, b in zip(short, part)):
            return True
    return False


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


class _Index:
    """Clusters by official and by name token (and its skeleton), so that linking a mention
    looks at the few clusters that could hold it, not at all of them."""

    def __init__(self) -> None:
        self.official: dict[str, int] = {}
        self.token: dict[str, set[int]] = {}
        self.names: dict[int, set[tuple[str, ...]]] = {}    # each cluster's distinct names

    @staticmethod
    def keys(tokens: tuple[str, ...]) -> set[str]:
        return set(tokens) | {"~" + skeleton(t) for t in tokens if len(skeleton(t)) >= 3}

    def add(self, cluster: Cluster, mention: Mention) -> None:
        self.names.setdefault(cluster.index, set()).add(mention.name_tokens)
        if mention.official:
            self.official.setdefault(mention.official, cluster.index)
        for key in self.keys(mention.name_tokens):
            self.token.setdefault(key, set()).add(cluster.index)

    def candidates(self, mention: Mention) -> list[int]:
        # Every word of the mention must be in the cluster's names (as written or by skeleton).
        found: set[int] | None = None
        for tok in mention.name_tokens:
            here = self.token.get(tok, set()) | self.token.get("~" + skeleton(tok), set())
            found = here if found is None else found & here
        found = set(found or ())
        if mention.official in self.official:
            found.add(self.official[mention.official])
        return sorted(found)


def _join(clusters: list[Cluster], mention: Mention, index: _Index) -> Cluster:
    """The cluster this named mention belongs to, or a new one."""
    for k in index.candidates(mention):
        cluster = clusters[k]
        if mention.official and cluster.official == mention.official:
            return cluster
        country = next((m.country for m in cluster.mentions if m.country), None)
        if (cluster.official and mention.official) or not _compatible(country, mention.country):
            continue
        if any(_same_name(mention.name_tokens, names) for names in index.names[k]):
            return cluster
    clusters.append(Cluster(len(clusters)))
    return clusters[-1]


def _finish(cluster: Cluster, lex: Lexicon, year: int | None, home: str | None) -> None:
    """Name, country, role and title of a cluster from its mentions and the gazetteer."""
    named = [m for m in cluster.mentions if m.name]
    if named:
        cluster.name = max(named, key=lambda m: (len(m.name_tokens), -m.sent)).name
    official = lex.gz.officials.get(cluster.official) if cluster.official else None
    titled = [m for m in cluster.mentions if m.title and not m.counterpart_word and not m.former]
    cluster.org = next((m.org for m in cluster.mentions if m.org), None) or (official.org if official else None)
    cluster.country = next((m.country for m in cluster.mentions if m.country), None) or (
        official.country if official else (home if titled and not cluster.org else None))
    cluster.role = titled[0].role if titled else (official.role_in(year) if official else None)
    if cluster.org and not cluster.country:
        cluster.role = "other"             # the contract: officials of international organisations
    elif (official and titled and cluster.role in _VAGUE_TITLES and not titled[0].party
          and not titled[0].spokesperson):
        # "पोलित ब्यूरो सदस्य और ... कार्यालय के निदेशक वांग यी" is still the foreign minister that year;
        # "अमेरिकी विदेश सचिव" is the Secretary of State. (A governor's "राज्यपाल" is never overridden.)
        known = official.role_in(year)
        if _ROLE_RANK.index(known) < _ROLE_RANK.index(cluster.role):
            cluster.role = known
    cluster.title = titled[0].title if titled else None
    for m in named:
        cluster.keys |= _surname_keys(m.name_tokens, cluster.country)
        cluster.keys.add(" ".join(m.name_tokens))
    if official:
        cluster.keys |= {fold(s) for s in official.short}
    cluster.skeletons = {skeleton(k) for k in cluster.keys if len(skeleton(k)) >= 3}


def cluster(mentions: list[Mention], lex: Lexicon, year: int | None, home: str | None) -> list[Cluster]:
    """Group mentions into people; unnamed mentions join the one person of their kind.

    `home` is the country of the article's dateline: an unqualified title ("विदेश सचिव")
    in a New Delhi story is an Indian official.
    """
    clusters: list[Cluster] = []
    index = _Index()
    for mention in sorted((m for m in mentions if m.name), key=lambda m: -len(m.name_tokens)):
        mention.official = _link_official(mention, lex)
        found = _join(clusters, mention, index)
        found.official = found.official or mention.official
        found.mentions.append(mention)
        mention.cluster = found.index
        index.add(found, mention)
        if found.official:
            index.official.setdefault(found.official, found.index)
    for found in clusters:
        _finish(found, lex, year, home)
    kinds: dict[tuple, list[Cluster]] = {}
    for c in clusters:
        if c.country:
            kinds.setdefault((c.country, c.role), []).append(c)
    for mention in (m for m in mentions if not m.name and not m.counterpart_word):
        if not mention.country:
            mention.country, mention.guessed_country = home, True
        same = kinds.get((mention.country, mention.role), [])
        if len(same) == 1:
            same[0].mentions.append(mention)
            mention.cluster = same[0].index
    return clusters


def surname_index(clusters: list[Cluster]) -> dict[str, list[Cluster]]:
    """Clusters by the keys and skeletons that refer to them alone, built once per article."""
    index: dict[str, list[Cluster]] = {}
    for c in clusters:
        for key in c.keys | {"~" + s for s in c.skeletons}:
            index.setdefault(key, []).append(c)
    return index


def surname_mentions(sent: int, text: str, tokens: list[tuple[str, int, int]], folded: list[str],
                     taken: set[int], clusters: list[Cluster], lex: Lexicon,
                     index: dict[str, list[Cluster]] | None = None) -> list[Mention]:
    """Bare surnames of people already named ("लियू ने कहा", "जोपारोव से")."""
    index = surname_index(clusters) if index is None else index
    found = []
    for i, tok in enumerate(folded):
        if i in taken or tok in lex.stopwords or not ("\u0900" <= tok[0] <= "\u097f"):
            continue
        skel = skeleton(tok)
        owners = list({c.index: c for c in index.get(tok, []) + (index.get("~" + skel, []) if len(skel) >= 3 else [])
                       }.values())
        if len(owners) == 1:
            owner = owners[0]
            found.append(Mention(sent, i, i + 1, tokens[i][0], (tok,), country=owner.country,
                                 role=owner.role, official=owner.official, surname_only=True,
                                 cluster=owner.index))
    return found
