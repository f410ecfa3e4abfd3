"""Readable plain-ASCII Latin for Devanagari personal names: 'महेंद्र बहादुर पांडे' -> 'Mahendra Bahadur Pande'.

Three steps per word: decide which inherent schwas Hindi does not pronounce and
write them out with a virama (our own rules, below); let `indic_transliteration`
render the result in SLP1, which is lossless and one symbol per sound; map SLP1 to
the plain ASCII researchers expect (ś -> sh, c -> ch, no diacritics).

Schwa rules (after Narasimhan, Sproat & Kiraz 2004; Choudhury et al. 2004):
- a word-final schwa goes, unless it is the word's only vowel ('व' -> 'Va') or
  follows a conjunct ending in a glide or sonorant ('महेंद्र' -> 'Mahendra',
  'मित्र' -> 'Mitra', 'सूर्य' -> 'Surya'); after a reph only र/य keep it
  ('धर्म' -> 'Dharm');
- scanning right to left, a medial schwa goes in the context V C _ C V, where both
  vowels are still pronounced; this keeps first-syllable schwas and never deletes
  two neighbours ('राजनाथ' -> 'Rajnath', 'जवाहरलाल' -> 'Javaharlal');
- a schwa carrying anusvara, candrabindu or visarga is never deleted; anusvara and
  visarga count as consonants in the context, candrabindu only nasalises.

Deliberate readings, each tested: 'ियू' stays 'iyu' ('लियू' -> 'Liyu'), we write
what the letters say rather than guess the pinyin; 'ऐ' is always 'ai' ('हैरिस' ->
'Hairis'); 'ज्ञ' is 'gy' as Hindi says it ('ज्ञानेश' -> 'Gyanesh'); anusvara
before a word-final ह is 'ng' ('सिंह' -> 'Singh'); a final '-वाल' is '-wal'
('केजरीवाल' -> 'Kejriwal'); 'वांग' is 'Wang', the one pinyin surname whose
v-reading would hide a very common name. Otherwise व is always v.

Initials: a whole token that is a Latin letter's Hindi name ('एस', 'डब्ल्यू') reads
as that letter, but only when another token follows ('मोदी जी' is 'Modi Ji').
Runs of whitespace become one space; non-Devanagari text is left as it is.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from indic_transliteration import sanscript

_NUKTA = "\u093c"
_VIRAMA = "\u094d"
_ANUSVARA = "\u0902"
_VISARGA = "\u0903"
_CANDRABINDU = ("\u0900", "\u0901")
_ZERO_WIDTH = ("\u200c", "\u200d")
_MATRAS = frozenset(
    [chr(c) for c in range(0x093E, 0x094D)] + ["\u093a", "\u093b", "\u094e", "\u094f"]
    + ["\u0955", "\u0956", "\u0957", "\u0962", "\u0963"]
)
_INDEPENDENT_VOWELS = frozenset(
    [chr(c) for c in range(0x0904, 0x0915)] + ["\u0960", "\u0961"]
    + [chr(c) for c in range(0x0972, 0x0978)]
)
# Conjunct endings after which Hindi still says the final schwa (putra, surya,
# shukla, padma, krishna, yagya); after a reph only र/य keep it (sarv, dharm, but arya).
_FINAL_KEEPERS = frozenset("रयवलमनणञ")
_KEEPERS_AFTER_REPH = frozenset("रय")

# English-borrowed vowels SLP1 has no symbol for: candra o/e read as o/e.
_CANDRA_VOWELS = str.maketrans({"ऑ": "ओ", "ॉ": "ो", "ऍ": "ए", "ॅ": "े"})

# Hindi names of the Latin letters, read as initials ('एस जयशंकर' -> 'S Jayshankar').
_INITIALS = {
    unicodedata.normalize("NFC", k): v
    for k, v in {
        "ए": "A", "बी": "B", "सी": "C", "डी": "D", "ई": "E", "एफ": "F", "एफ़": "F",
        "जी": "G", "एच": "H", "आई": "I", "जे": "J", "के": "K", "एल": "L",
        "एम": "M", "एन": "N", "ओ": "O", "पी": "P", "क्यू": "Q", "आर": "R",
        "एस": "S", "टी": "T", "यू": "U", "वी": "V", "डब्ल्यू": "W", "एक्स": "X",
        "वाई": "Y", "जेड": "Z", "ज़ेड": "Z",
    }.items()
}
# Whole words whose rule-based reading would hide a well-known spelling.
_WORD_EXCEPTIONS = {"वांग": "wang"}

# SLP1 symbol -> plain ASCII. Two-symbol keys first: nukta letters ('0', ऱ is 'r2')
# and ज्ञ, which Hindi pronounces 'gy'.
_W = "\x01"  # stands for English w, which SLP1 lacks (its 'w' is ट)
_SLP1_TO_ASCII = {
    "k0": "q", "K0": "kh", "g0": "gh", "j0": "z", "P0": "f", "q0": "r", "Q0": "rh",
    "Y0": "y", "n0": "n", "L0": "l", "r2": "r", "jY": "gy",
    "a": "a", "A": "a", "i": "i", "I": "i", "u": "u", "U": "u", "f": "ri", "F": "ri",
    "x": "li", "X": "li", "e": "e", "E": "ai", "o": "o", "O": "au",
    "M": "n", "~": "n", "H": "h", "'": "", _W: "w",
    "k": "k", "K": "kh", "g": "g", "G": "gh", "N": "n",
    "c": "ch", "C": "chh", "j": "j", "J": "jh", "Y": "n",
    "w": "t", "W": "th", "q": "d", "Q": "dh", "R": "n",
    "t": "t", "T": "th", "d": "d", "D": "dh", "n": "n",
    "p": "p", "P": "ph", "b": "b", "B": "bh", "m": "m",
    "y": "y", "r": "r", "l": "l", "v": "v", "S": "sh", "z": "sh", "s": "s",
    "h": "h", "L": "l",
}
_SLP1_TOKEN = re.compile(r"[kKgjPqQYnL]0|r2|jY|.", re.S)
# Anusvara is m before a labial (ambani, champa), n elsewhere; फ़ (P0) is not one.
_ANUSVARA_LABIAL = re.compile(r"M(?=[pbBm]|P(?!0))")
# 'सिंह' is said 'singh', not 'sinh'.
_ANUSVARA_FINAL_H = re.compile(r"M(?=h$)")
# The surname suffix -वाल is conventionally '-wal' (Kejriwal, Agrawal, Jaiswal).
_WAL_SUFFIX = re.compile(r"(?<=.)vAl$")

_DEVANAGARI_RUN = re.compile(r"[\u0900-\u097f\u200c\u200d]+")
_PART_SEPARATOR = re.compile(r"([-'’])")


class _Phone(NamedTuple):
    """One sound of a word: kind 'C' consonant, 'N' anusvara, 'H' visarga, 'V' vowel, 'A' schwa."""

    kind: str
    letter: str = ""
    pos: int = -1  # for 'A': where a virama goes to silence it
    deletable: bool = False


def _is_consonant_letter(ch: str) -> bool:
    """Whether ch is a Devanagari consonant letter (क..ह, precomposed nukta forms)."""
    return "\u0915" <= ch <= "\u0939" or "\u0958" <= ch <= "\u095f" or "\u0978" <= ch <= "\u097f"


def _consonant_phones(word: str, i: int) -> tuple[list[_Phone], int]:
    """The consonant at word[i] and its vowel, if any: ([C, V|A] or [C], next index)."""
    j = i + 2 if word[i + 1:i + 2] == _NUKTA else i + 1
    phones = [_Phone("C", word[i])]
    nxt = word[j:j + 1]
    if nxt == _VIRAMA:
        return phones, j + 1
    if nxt in _MATRAS:
        return phones + [_Phone("V", nxt)], j + 1
    # A schwa that carries a nasal or visarga is always said.
    plain = nxt not in (_ANUSVARA, _VISARGA, *_CANDRABINDU)
    return phones + [_Phone("A", pos=j, deletable=plain)], j


def _phones(word: str) -> list[_Phone]:
    """Devanagari word -> sounds: 'कमला' -> [C क, A, C म, A, C ल, V ा]."""
    out: list[_Phone] = []
    i = 0
    while i < len(word):
        ch = word[i]
        if _is_consonant_letter(ch):
            phones, i = _consonant_phones(word, i)
            out.extend(phones)
            continue
        if ch in _INDEPENDENT_VOWELS:
            out.append(_Phone("V", ch))
        elif ch == _ANUSVARA:
            out.append(_Phone("N", ch))
        elif ch == _VISARGA:
            out.append(_Phone("H", ch))
        i += 1
    return out


def _keeps_final_schwa(phones: list[_Phone], k: int) -> bool:
    """Whether the word-final schwa at index k is still said: 'मित्र' yes, 'जोमार्ट' no."""
    if sum(p.kind in "VA" for p in phones) == 1:
        return True  # a one-letter word: 'व' is 'va', not 'v'
    cluster: list[str] = []
    j = k - 1
    while j >= 0 and phones[j].kind == "C":
        cluster.insert(0, phones[j].letter)
        j -= 1
    if len(cluster) < 2 or cluster[-1] not in _FINAL_KEEPERS:
        return False
    return cluster[-2] != "र" or cluster[-1] in _KEEPERS_AFTER_REPH


def _is_vowel(phones: list[_Phone], k: int, deleted: set[int]) -> bool:
    """Whether phones[k] exists and is a vowel that is still pronounced."""
    return 0 <= k < len(phones) and phones[k].kind in "VA" and k not in deleted


def _is_consonant(phones: list[_Phone], k: int) -> bool:
    """Whether phones[k] exists and is a consonant (anusvara and visarga count)."""
    return 0 <= k < len(phones) and phones[k].kind in "CNH"


def _silent_schwas(phones: list[_Phone]) -> set[int]:
    """Indices of the schwas Hindi drops, scanning right to left: 'राजनाथ' -> {ज's, थ's}."""
    deleted: set[int] = set()
    last = len(phones) - 1
    for k in range(last, -1, -1):
        if phones[k].kind != "A" or not phones[k].deletable:
            continue
        if k == last:
            if not _keeps_final_schwa(phones, k):
                deleted.add(k)
        elif (_is_vowel(phones, k - 2, deleted) and _is_consonant(phones, k - 1)
              and _is_consonant(phones, k + 1) and _is_vowel(phones, k + 2, deleted)):
            deleted.add(k)
    return deleted


def _with_schwa_deletion(word: str) -> str:
    """Devanagari word with silent schwas written out: 'राजनाथ' -> 'राज्नाथ्'."""
    phones = _phones(word)
    cuts = sorted((phones[k].pos for k in _silent_schwas(phones)), reverse=True)
    for pos in cuts:
        word = word[:pos] + _VIRAMA + word[pos:]
    return word


def _slp1_to_ascii(slp1: str) -> str:
    """SLP1 -> plain ASCII: 'maheMdra' -> 'mahendra', 'SI' -> 'shi'."""
    slp1 = _WAL_SUFFIX.sub(_W + "Al", slp1)
    slp1 = _ANUSVARA_FINAL_H.sub("ng", slp1)
    slp1 = _ANUSVARA_LABIAL.sub("m", slp1)
    return "".join(_SLP1_TO_ASCII.get(t, t) for t in _SLP1_TOKEN.findall(slp1))


def _word_to_latin(word: str) -> str:
    """One run of Devanagari letters -> capitalised ASCII: 'पांडे' -> 'Pande'."""
    word = word.translate(_CANDRA_VOWELS)
    for zw in _ZERO_WIDTH:
        word = word.replace(zw, "")
    latin = _WORD_EXCEPTIONS.get(word)
    if latin is None:
        slp1 = sanscript.transliterate(_with_schwa_deletion(word), sanscript.DEVANAGARI, sanscript.SLP1)
        latin = _slp1_to_ascii(slp1)
    return latin[:1].upper() + latin[1:]


def _part_to_latin(part: str) -> str:
    """A hyphen/apostrophe-free part; non-Devanagari text passes through: 'जी20' -> 'Ji20'."""
    return _DEVANAGARI_RUN.sub(lambda m: _word_to_latin(m.group()), part)


@lru_cache(maxsize=65536)
def _token_to_latin(token: str, may_be_initial: bool) -> str:
    """One whitespace-free token: 'इंग-वेन' -> 'Ing-Ven', 'एस' -> 'S' if may_be_initial."""
    if may_be_initial:
        letter = _INITIALS.get(token.rstrip("."))
        if letter is not None:
            return letter + token[len(token.rstrip(".")):]
    return "".join(_part_to_latin(p) for p in _PART_SEPARATOR.split(token))


def to_latin(name: str | None) -> str:
    """Devanagari name -> readable ASCII Latin: 'नरेंद्र मोदी' -> 'Narendra Modi'."""
    if not name:
        return ""
    tokens = unicodedata.normalize("NFC", name).split()
    # An initial stands before a surname; a trailing 'जी' is the honorific ('मोदी जी').
    last = len(tokens) - 1
    return " ".join(_token_to_latin(t, i < last) for i, t in enumerate(tokens))
