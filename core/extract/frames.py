"""Who took part in a meeting: the argument slots of its predicate, read from postpositions.

Hindi marks a noun phrase's role with the word after it: "X ने" (agent), "Y से" /
"Y के साथ" (partner), "X और Y के बीच" (joint), "Y को" (the one called), "X के
नेतृत्व में" (a delegation's leader), and "X की ... मुलाकात" (the genitive of the
predicate noun). A person who is only the genitive of another noun ("शी के विशेष दूत",
"... के बीच बनी सहमति", "राष्ट्रपति की ओर से शुभकामनाएं") is not a side.

slot(s, start, end, k, clause, lex) -> the slot of the phrase [start, end) for the
predicate at token k; STRONG slots make a side, WEAK ones only when a side has no
strong candidate, BLOCKED never. The words live in data/gazetteer/frames.yaml.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from core.extract.lexicon import Lexicon

if TYPE_CHECKING:
    from core.extract.document import Sentence

STRONG = frozenset({"agent", "partner", "joint", "object", "leader", "of_predicate", "subject"})
WEAK = frozenset({"genitive"})           # the genitive of another noun: "X की यात्रा के दौरान"
BLOCKED = frozenset({"blocked", "after", "outside"})
_PAREN_MAX = 10
_GENITIVE_REACH = 14                    # tokens from a genitive to its predicate noun
_COORD_REACH = 8
_STOPS = frozenset({",", "।", ";", ":", "?", "!", '"'})


def skip_aside(folded: list[str], j: int, end: int) -> int:
    """Past a bracketed aside after a name: "(Kassym-Jomart Tokayev)", "(एनएसए)"."""
    if j < end and folded[j] == "(":
        close = next((i for i in range(j + 1, min(end, j + _PAREN_MAX)) if folded[i] == ")"), None)
        if close is not None:
            return close + 1
    return j


def match_at(lex: Lexicon, key: str, folded: list[str], j: int) -> int:
    """Length of the frame phrase of `key` at token j (0 if none)."""
    if j >= len(folded):
        return 0
    hit = lex.frames[key].match(folded, j)
    return hit[0] if hit else 0


def _reaches_predicate(s: Sentence, j: int, predicates: set[int], spans: dict[int, int], lex: Lexicon) -> str:
    """From token j after a genitive: 'of_predicate' if the noun it modifies is a meeting
    predicate ("X की बुधवार को Y से पेइचिंग में मुलाकात हुई"), 'blocked' if it is a blocking
    noun ("X के विशेष दूत") or a meeting that did not happen, else 'genitive'."""
    folded = s.folded
    stop = min(len(folded), j + _GENITIVE_REACH)
    while j < stop:
        if j in predicates:
            return "of_predicate"
        if j in s.unreal or match_at(lex, "blocking", folded, j):
            return "blocked"
        if j in spans:                                   # another person: "X की Y से मुलाकात"
            j = skip_aside(folded, spans[j], len(folded))
            j += match_at(lex, "partner", folded, j) or match_at(lex, "joint", folded, j)
            continue
        if folded[j] in _STOPS or match_at(lex, "agent", folded, j) or match_at(lex, "boundaries", folded, j):
            return "genitive"                            # "X के कार्यकाल में Y ने ...": another subject
        j += 1
    return "genitive"


def slot(s: Sentence, start: int, end: int, k: int, clause: tuple[int, int], lex: Lexicon,
         spans: dict[int, int], predicates: set[int], after: dict[int, str]) -> str:
    """The slot of the phrase [start, end) for the predicate at token k.

    `spans` maps each person's first token to their end; `after` holds the slots already
    found for later phrases (keyed by start), so a coordinated "X और Y से" gives X Y's slot.
    """
    if not clause[0] <= start < clause[1]:
        return "outside"
    folded = s.folded
    j = skip_aside(folded, end, clause[1])
    size = match_at(lex, "coordinators", folded, j) or (j < clause[1] and folded[j] == ",")
    if size and j + size in after:                       # "X और Y ने", "X, Y और Z से"
        return after[j + size]
    if size:                                             # "X और कई कंपनियों के प्रमुखों से": the group's postposition
        for i in range(j + size, min(clause[1], j + size + _COORD_REACH)):
            if folded[i] in _STOPS or i in spans:
                break
            for key in ("partner", "agent", "joint", "object"):
                if match_at(lex, key, folded, i):
                    return key
    for key in ("leader", "joint", "partner", "agent", "object"):
        size = match_at(lex, key, folded, j)
        if size:
            if key == "joint" and any(match_at(lex, "blocking", folded, i) for i in range(j + size, j + size + 3)):
                return "blocked"                           # "X और Y के बीच बनी सहमति"
            return key
    size = match_at(lex, "genitive", folded, j)
    if size:
        return _reaches_predicate(s, j + size, predicates, spans, lex)
    if j in predicates or (j < len(folded) and match_at(lex, "modifiers", folded, j) and j + 1 in predicates):
        return "of_predicate"                              # "मोदी-शी मुलाकात", "X मुलाकात"
    # Headlines invert: "शी से मिले ब्राज़ील के राष्ट्रपति".
    return "subject" if start < k or s.headline or not s.text.rstrip().endswith(("।", ".", "?", "!")) else "after"


def both_sides(folded: list[str], start: int, end: int, lex: Lexicon) -> bool:
    """Whether tokens start..end name "the two leaders / sides" ("दोनों नेताओं ने", "उनके बीच")."""
    return any(lex.both_sides.match(folded, j) for j in range(start, min(end, len(folded))))
