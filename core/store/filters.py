"""The filter value every query takes (table, charts, map, network, export), and its URL round trip.

Filters(...) is frozen and hashable, so it is also the cache key of every query.
from_query(params, options) -> (Filters, notices): values that do not exist in the
database are dropped and reported as one-line notices, never raised.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from core.model import MODES, ROLES, TOPICS

SCRIPTS = ("deva", "latin", "en")
DEFAULT_SCRIPT = "deva"
MAX_TEXT = 100        # characters of free-text search kept from a URL or the search box
MAX_VALUES = 50       # values kept per multi-valued parameter
MIN_DATE, MAX_DATE = date(1949, 10, 1), date(2099, 12, 31)   # from the founding of the PRC
_SHOWN = 40           # characters of a rejected value quoted back in a notice
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

# URL parameter name of each multi-valued field; short names keep shared links readable.
LIST_PARAMS = {
    "countries": "country", "regions": "region", "china_officials": "china",
    "counterpart_officials": "official", "roles": "role", "modes": "mode", "topics": "topic",
}
PARAMS = ("from", "to", *LIST_PARAMS.values(), "q", "script")


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the meetings down to; empty means 'no restriction'."""

    date_from: date | None = None
    date_to: date | None = None
    countries: tuple[str, ...] = ()              # ISO-3 of the counterpart's country
    regions: tuple[str, ...] = ()                # UN M49 regions of that country
    china_officials: tuple[str, ...] = ()        # official ids
    counterpart_officials: tuple[str, ...] = ()  # official ids
    roles: tuple[str, ...] = ()                  # role slugs, held by either side
    modes: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()                 # any of these topics
    text: str = ""                               # substring of names, titles or evidence
    script: str = DEFAULT_SCRIPT                 # deva | latin | en (display only)

    def is_empty(self) -> bool:
        """True when nothing restricts the rows (the script is display only)."""
        return replace(self, script=DEFAULT_SCRIPT) == Filters()


@dataclass(frozen=True)
class Options:
    """What exists in the database: the values a filter may take, with display names."""

    countries: dict[str, tuple[str, str]] = field(default_factory=dict)  # iso3 -> (en, hi)
    regions: tuple[str, ...] = ()
    # official id -> (Devanagari, Latin, English), each '' when unknown
    china_officials: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    counterpart_officials: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    date_min: date | None = None
    date_max: date | None = None

    def allowed(self, name: str) -> tuple[str, ...]:
        """The valid values of one multi-valued Filters field."""
        fixed = {"roles": ROLES, "modes": MODES, "topics": TOPICS, "regions": self.regions}
        return tuple(fixed[name]) if name in fixed else tuple(getattr(self, name))


def clean_text(text: str) -> str:
    """Search text as stored: NFC, no control characters, trimmed, at most MAX_TEXT long."""
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", text or "")).strip()
    return text[:MAX_TEXT]


def to_query(f: Filters) -> dict[str, str | list[str]]:
    """The query-string form of f: {'country': ['NPL'], 'q': 'मोदी'}, defaults left out."""
    out: dict[str, str | list[str]] = {}
    if f.date_from:
        out["from"] = f.date_from.isoformat()
    if f.date_to:
        out["to"] = f.date_to.isoformat()
    for name, param in LIST_PARAMS.items():
        if values := getattr(f, name):
            out[param] = list(values)
    if f.text:
        out["q"] = f.text
    if f.script != DEFAULT_SCRIPT:
        out["script"] = f.script
    return out


def from_query(params: Mapping[str, str | list[str]], options: Options) -> tuple[Filters, list[str]]:
    """Filters from URL parameters, keeping only values that exist; notices say what was dropped."""
    notices: list[str] = []
    values = {k: _as_list(v) for k, v in params.items()}
    kept: dict[str, object] = {}
    for name, param in LIST_PARAMS.items():
        kept[name] = _valid_values(param, values.get(param, []), options.allowed(name), notices)
    kept["date_from"] = _valid_date("from", values.get("from", []), notices)
    kept["date_to"] = _valid_date("to", values.get("to", []), notices)
    if kept["date_from"] and kept["date_to"] and kept["date_from"] > kept["date_to"]:
        kept["date_from"], kept["date_to"] = kept["date_to"], kept["date_from"]
        notices.append("The dates 'from' and 'to' were swapped: 'from' came after 'to'.")
    kept["text"] = _valid_text(values.get("q", []), notices)
    kept["script"] = _valid_script(values.get("script", []), notices)
    return Filters(**kept), notices


def query_lists(params: Mapping[str, str | list[str]]) -> dict[str, list[str]]:
    """The filter parameters of params, each as a list: the form two URLs are compared in."""
    return {k: _as_list(params[k]) for k in PARAMS if k in params}


def _as_list(value: str | list[str] | tuple[str, ...]) -> list[str]:
    """A query parameter as a list of strings (one occurrence gives a one-item list)."""
    return [value] if isinstance(value, str) else [str(v) for v in value]


def _shown(value: str) -> str:
    """A rejected value quoted back to the user, cut short: the URL is untrusted input."""
    value = _CONTROL.sub(" ", value)
    return repr(value if len(value) <= _SHOWN else value[:_SHOWN] + "…")


def _valid_values(param: str, given: list[str], allowed: tuple[str, ...],
                  notices: list[str]) -> tuple[str, ...]:
    """The given values that are allowed, deduplicated, in order; the rest become notices."""
    allowed_set, out = set(allowed), []
    for value in given:
        if value == "":
            continue
        if value not in allowed_set:
            notices.append(f"Ignored {param}={_shown(value)}: not in the database.")
        elif value not in out:
            out.append(value)
    if len(out) > MAX_VALUES:
        notices.append(f"Kept the first {MAX_VALUES} values of {param}.")
    return tuple(out[:MAX_VALUES])


def _valid_date(param: str, given: list[str], notices: list[str]) -> date | None:
    """The first value as a YYYY-MM-DD date, or None with a notice."""
    if not given or given[0] == "":
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", given[0]):
            raise ValueError
        value = date.fromisoformat(given[0])
        if not MIN_DATE <= value <= MAX_DATE:
            raise ValueError
        return value
    except ValueError:
        notices.append(f"Ignored {param}={_shown(given[0])}: not a date (YYYY-MM-DD) "
                       f"between {MIN_DATE} and {MAX_DATE}.")
        return None


def _valid_text(given: list[str], notices: list[str]) -> str:
    """The search text, cut to MAX_TEXT characters with a notice when it was longer."""
    if not given:
        return ""
    text = clean_text(given[0])
    if len(given[0].strip()) > MAX_TEXT:
        notices.append(f"The search text was cut to its first {MAX_TEXT} characters.")
    return text


def _valid_script(given: list[str], notices: list[str]) -> str:
    """The name script, or the default with a notice."""
    if not given or given[0] in ("", DEFAULT_SCRIPT):
        return DEFAULT_SCRIPT
    if given[0] in SCRIPTS:
        return given[0]
    notices.append(f"Ignored script={_shown(given[0])}: use one of {', '.join(SCRIPTS)}.")
    return DEFAULT_SCRIPT
