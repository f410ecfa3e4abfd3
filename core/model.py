"""The records the project passes around: articles in, meetings out.

The meeting record follows the shared contract (../shared/eval/README.md): one
dyad of one Chinese official and one counterpart, as reported in one article.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cached_property

ROLES = (
    "head_of_state", "head_of_government", "vice_head", "foreign_minister",
    "deputy_foreign_minister", "minister", "ambassador", "special_envoy",
    "senior_official", "party_official", "legislator", "other",
)
TOPICS = (
    "security", "health", "bri", "economy", "technology", "energy",
    "multilateral", "people", "sovereignty", "conflict", "environment",
)
MODES = ("in_person", "phone", "video")
DATE_PRECISIONS = ("day", "month", "year", "weekday", "none")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def stable_id(*parts: object) -> str:
    """A short, stable hex id of the given parts: 'a1b2c3d4e5f60718'."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """One normalised article: body text with page furniture already cut off."""

    source: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    outlet: str | None = None     # the publication: metadata, else the URL's domain, else the folder
    agency: str | None = None     # the wire service credited in the text (IANS, PTI, Xinhua, CMG ...)

    @cached_property
    def id(self) -> str:
        """Stable id from the normalised content, so re-ingest changes nothing (hashed once:
        every meeting id of the article includes it)."""
        return stable_id(self.text)


@dataclass(frozen=True)
class Person:
    """One side of a meeting, as the article names them."""

    name: str | None          # Devanagari as written, without the title; None if unnamed
    name_latin: str | None    # readable Latin (schwa deleted, no diacritics)
    name_en: str | None       # usual English name when the gazetteer knows the person
    role: str                 # a slug of ROLES
    title: str | None         # the title phrase as written
    country: str | None       # ISO-3; None for an international organisation
    key: str                  # stable person key: gazetteer id, or country + folded name

    def contract(self, with_country: bool) -> dict:
        """The contract's JSON shape of this side."""
        out = {"name": self.name, "name_latin": self.name_latin, "name_en": self.name_en,
               "role": self.role, "title": self.title}
        if with_country:
            out["country"] = self.country
        return out


@dataclass(frozen=True)
class Meeting:
    """One meeting dyad, with where, when, how and about what."""

    source: str
    article_id: str
    china: Person
    counterpart: Person
    date: str | None = None            # YYYY-MM-DD when the day is known
    date_precision: str = "none"
    weekday: str | None = None
    date_text: str | None = None       # the date expression as written
    city: str | None = None            # English city name
    place_country: str | None = None   # ISO-3 of where it took place
    mode: str = "in_person"
    topics: tuple[str, ...] = field(default_factory=tuple)
    evidence: str = ""
    confidence: float = 1.0            # 0-1; see core/extract/confidence.py
    reasons: tuple[str, ...] = ()      # what lowered the confidence

    @property
    def id(self) -> str:
        """Stable id of this dyad in this article."""
        return stable_id(self.article_id, self.china.key, self.counterpart.key, self.date)

    def contract(self) -> dict:
        """The contract's JSON record (../shared/eval/README.md)."""
        return {
            "source": self.source,
            "china": self.china.contract(with_country=False),
            "counterpart": self.counterpart.contract(with_country=True),
            "date": self.date, "date_precision": self.date_precision,
            "weekday": self.weekday, "date_text": self.date_text,
            "location": {"city": self.city, "country": self.place_country},
            "mode": self.mode, "topics": list(self.topics), "evidence": self.evidence,
            "confidence": self.confidence, "confidence_reasons": list(self.reasons),
        }

    def as_row(self) -> dict:
        """A flat dict for storage."""
        row = asdict(self)
        row["topics"] = list(self.topics)
        row["reasons"] = list(self.reasons)
        return row
