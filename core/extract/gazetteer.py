"""One validating loader for the language data in data/gazetteer/.

load_gazetteer() -> Gazetteer with countries, cities, officials, title words,
topic keywords and meeting words; any malformed entry raises GazetteerError
naming the file and the entry.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from core.model import ROLES, TOPICS, WEEKDAYS

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "data" / "gazetteer"
REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")


class GazetteerError(ValueError):
    """A gazetteer file is malformed: the message names the file and the entry."""


@dataclass(frozen=True)
class Country:
    iso3: str
    en: str
    hi: tuple[str, ...]
    adj: tuple[str, ...]
    lat: float
    lon: float
    region: str
    subregion: str
    status: str
    ambiguous: tuple[str, ...] = ()


@dataclass(frozen=True)
class City:
    en: str
    country: str
    hi: tuple[str, ...]
    kind: str                  # capital | city | venue
    city: str | None = None    # venues: the city they are in
    ambiguous: tuple[str, ...] = ()


@dataclass(frozen=True)
class Organisation:
    id: str
    en: str
    hi: tuple[str, ...]


@dataclass(frozen=True)
class RoleSpan:
    role: str
    start: int | None
    end: int | None


@dataclass(frozen=True)
class Official:
    id: str
    en: str
    country: str | None
    org: str | None
    hi: tuple[str, ...]
    short: tuple[str, ...]
    roles: tuple[RoleSpan, ...]

    def role_in(self, year: int | None) -> str:
        """The role held in a year (the latest role when the year is unknown)."""
        if year is not None:
            for span in reversed(self.roles):
                if (span.start or 0) <= year <= (span.end or 9999):
                    return span.role
        return self.roles[-1].role if self.roles else "other"


@dataclass(frozen=True)
class PageWords:
    """page.yaml: the furniture of a saved news page, lower-cased."""

    date_labels: tuple[str, ...]
    update_labels: tuple[str, ...]
    months_latin: dict[str, int]
    time_words: tuple[str, ...]
    line_starts: tuple[str, ...]
    tail_starts: tuple[str, ...]
    related_headings: tuple[str, ...]
    list_marks: tuple[str, ...]
    menu_separators: tuple[str, ...]
    tail_patterns: tuple[str, ...] = ()       # regexes: plain-text furniture to the end
    line_patterns: tuple[str, ...] = ()       # regexes: one line of plain-text furniture


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, Country]
    cities: tuple[City, ...]
    officials: dict[str, Official]
    organisations: dict[str, Organisation]
    titles: dict[str, str]                 # title phrase -> role slug
    spokesperson: tuple[str, ...]
    counterpart_words: tuple[str, ...]
    honorifics: tuple[str, ...]
    former: tuple[str, ...]
    party_words: tuple[str, ...]           # a title phrase with one of these is a party office
    topics: dict[str, str]                 # keyword -> topic slug
    predicates: tuple[str, ...]
    not_meeting: tuple[str, ...]
    irrealis: tuple[str, ...]
    phone: tuple[str, ...]
    video: tuple[str, ...]
    pronouns: tuple[str, ...]
    not_participant: tuple[str, ...]
    both_sides: tuple[str, ...]
    conditional: tuple[str, ...]           # "अगर": the meeting after it is a condition
    months: dict[str, int]                 # month name -> 1..12
    weekdays: dict[str, str]               # weekday name -> english weekday
    relative_days: dict[str, int]          # "कल" -> -1
    last_words: tuple[str, ...]
    last_month: tuple[str, ...]
    this_month: tuple[str, ...]
    numbers: dict[str, int]                # "दो" -> 2
    days_ago: tuple[str, ...]              # "दिन पहले"
    same_day: tuple[str, ...]              # "उसी दिन"
    last_year: tuple[str, ...]             # "पिछले साल"
    year_blockers: tuple[str, ...]         # "स्थापित": a year that dates no meeting
    stopwords: frozenset[str]
    agencies: tuple[str, ...]
    frames: dict[str, tuple[str, ...]] = field(default_factory=dict)   # slot -> word phrases (frames.yaml)
    regions: dict[str, str] = field(default_factory=dict)               # region form -> iso3 (regions.yaml)
    wires: dict[str, tuple[str, ...]] = field(default_factory=dict)     # agency -> printed names (wires.yaml)
    page: PageWords | None = None                                       # page.yaml
    sources: dict[str, str] = field(default_factory=dict)


def nfc(text: str) -> str:
    """Unicode NFC with single spaces: the form all gazetteer lookups use."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _read(path: Path) -> Any:
    """Parse one YAML file, naming it in any error."""
    try:
        with path.open(encoding="utf-8") as handle:
            # libyaml's C loader reads the gazetteer ~10x faster than the pure-Python one.
            return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as exc:
        raise GazetteerError(f"{path.name}: cannot read: {exc}") from exc


def _forms(where: str, value: Any, required: bool = True) -> tuple[str, ...]:
    """A list of Devanagari forms, normalised; empty lists only when optional."""
    if value is None:
        value = []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GazetteerError(f"{where}: expected a list of non-empty strings, got {value!r}")
    forms = tuple(dict.fromkeys(nfc(v) for v in value))
    if required and not forms:
        raise GazetteerError(f"{where}: needs at least one Hindi form")
    for form in forms:
        if not _DEVANAGARI.search(form):
            raise GazetteerError(f"{where}: {form!r} has no Devanagari")
    return forms


def _check_keys(where: str, entry: Any, required: set[str], optional: set[str]) -> None:
    """Every entry is a mapping with its required keys and no unknown ones."""
    if not isinstance(entry, dict):
        raise GazetteerError(f"{where}: expected a mapping, got {entry!r}")
    missing, unknown = required - entry.keys(), entry.keys() - required - optional
    if missing:
        raise GazetteerError(f"{where}: missing {sorted(missing)}")
    if unknown:
        raise GazetteerError(f"{where}: unknown keys {sorted(unknown)}")


def _unique(where: str, seen: dict[str, str], form: str, owner: str) -> None:
    """A Hindi form may name only one thing in its file family."""
    if seen.setdefault(form, owner) != owner:
        raise GazetteerError(f"{where}: {form!r} names both {seen[form]} and {owner}")


def _countries(path: Path) -> dict[str, Country]:
    """countries.yaml: ISO-3 keyed, unique names and adjectives."""
    out: dict[str, Country] = {}
    seen: dict[str, str] = {}
    for i, entry in enumerate(_read(path) or []):
        where = f"{path.name}[{i}]"
        _check_keys(where, entry, {"iso3", "en", "hi", "lat", "lon", "region", "subregion", "status", "source"},
                    {"adj", "ambiguous"})
        iso3 = str(entry["iso3"])
        where = f"{path.name} {iso3}"
        if not _ISO3.match(iso3):
            raise GazetteerError(f"{where}: bad ISO-3 code")
        if iso3 in out:
            raise GazetteerError(f"{where}: duplicate ISO-3 code")
        if entry["region"] not in REGIONS:
            raise GazetteerError(f"{where}: unknown region {entry['region']!r}")
        if entry["status"] not in ("member", "observer", "territory"):
            raise GazetteerError(f"{where}: unknown status {entry['status']!r}")
        lat, lon = float(entry["lat"]), float(entry["lon"])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise GazetteerError(f"{where}: coordinates out of range ({lat}, {lon})")
        hi, adj = _forms(where, entry["hi"]), _forms(where, entry.get("adj"), required=False)
        for form in hi + adj:
            _unique(where, seen, form, iso3)
        out[iso3] = Country(iso3, str(entry["en"]), hi, adj, lat, lon, entry["region"],
                            str(entry["subregion"]), entry["status"],
                            _forms(where, entry.get("ambiguous"), required=False))
    return out


def _cities(path: Path, countries: dict[str, Country]) -> tuple[City, ...]:
    """cities.yaml: each city in a known country, venues in a known city."""
    out: list[City] = []
    seen: dict[str, str] = {}
    keys: set[tuple[str, str]] = set()
    for i, entry in enumerate(_read(path) or []):
        where = f"{path.name}[{i}]"
        _check_keys(where, entry, {"en", "country", "hi", "kind", "source"}, {"city", "lat", "lon", "ambiguous"})
        where = f"{path.name} {entry['en']}"
        if entry["country"] not in countries:
            raise GazetteerError(f"{where}: unknown country {entry['country']!r}")
        if entry["kind"] not in ("capital", "city", "venue"):
            raise GazetteerError(f"{where}: unknown kind {entry['kind']!r}")
        key = (str(entry["en"]), str(entry["country"]))
        if key in keys:
            raise GazetteerError(f"{where}: duplicate city")
        keys.add(key)
        hi = _forms(where, entry["hi"])
        for form in hi:
            _unique(where, seen, form, "/".join(key))
        out.append(City(key[0], key[1], hi, entry["kind"], entry.get("city"),
                        _forms(where, entry.get("ambiguous"), required=False)))
    names = {(c.en, c.country) for c in out if c.kind != "venue"}
    for city in out:
        if city.kind == "venue" and (city.city, city.country) not in names:
            raise GazetteerError(f"{path.name} {city.en}: venue in unknown city {city.city!r}")
    return tuple(out)


def _roles(where: str, value: Any) -> tuple[RoleSpan, ...]:
    """An official's roles, each a known slug with optional years."""
    if not isinstance(value, list) or not value:
        raise GazetteerError(f"{where}: roles must be a non-empty list")
    spans = []
    for span in value:
        _check_keys(where, span, {"role"}, {"from", "to", "title_en"})
        if span["role"] not in ROLES:
            raise GazetteerError(f"{where}: unknown role {span['role']!r}")
        spans.append(RoleSpan(span["role"], span.get("from"), span.get("to")))
    return tuple(spans)


def _organisations(path: Path) -> dict[str, Organisation]:
    """organisations.yaml: id, English name, Hindi forms."""
    data = _read(path)
    _check_keys(path.name, data, {"source", "organisations"}, set())
    out: dict[str, Organisation] = {}
    for i, entry in enumerate(data["organisations"]):
        _check_keys(f"{path.name}[{i}]", entry, {"id", "en", "hi"}, set())
        if entry["id"] in out:
            raise GazetteerError(f"{path.name} {entry['id']}: duplicate id")
        out[entry["id"]] = Organisation(entry["id"], entry["en"], _forms(f"{path.name} {entry['id']}", entry["hi"]))
    return out


def _officials(paths: list[Path], countries: dict[str, Country],
               organisations: dict[str, Organisation]) -> dict[str, Official]:
    """officials_*.yaml: unique ids across files, known countries and roles."""
    out: dict[str, Official] = {}
    for path in paths:
        for i, entry in enumerate(_read(path) or []):
            where = f"{path.name}[{i}]"
            _check_keys(where, entry, {"id", "en", "country", "hi", "roles", "source"}, {"org", "short"})
            pid = str(entry["id"])
            where = f"{path.name} {pid}"
            if not _SLUG.match(pid):
                raise GazetteerError(f"{where}: id must be a lower-case slug")
            if pid in out:
                raise GazetteerError(f"{where}: duplicate id")
            country = entry["country"]
            if country is not None and country not in countries:
                raise GazetteerError(f"{where}: unknown country {country!r}")
            if country is None and not entry.get("org"):
                raise GazetteerError(f"{where}: needs a country or an org")
            if entry.get("org") and entry["org"] not in organisations:
                raise GazetteerError(f"{where}: unknown org {entry['org']!r} (see organisations.yaml)")
            out[pid] = Official(pid, str(entry["en"]), country, entry.get("org"), _forms(where, entry["hi"]),
                                _forms(where, entry.get("short"), required=False), _roles(where, entry["roles"]))
    return out


def _titles(path: Path) -> dict[str, Any]:
    """titles.yaml: title phrases under known role slugs."""
    data = _read(path)
    _check_keys(path.name, data, {"source", "titles", "spokesperson", "counterpart", "honorifics", "former",
                                  "party_words"}, set())
    titles: dict[str, str] = {}
    for role, forms in data["titles"].items():
        if role not in ROLES:
            raise GazetteerError(f"{path.name}: unknown role {role!r}")
        for form in _forms(f"{path.name} {role}", forms):
            if titles.setdefault(form, role) != role:
                raise GazetteerError(f"{path.name}: title {form!r} under both {titles[form]} and {role}")
    return {"titles": titles, "spokesperson": _forms(path.name, data["spokesperson"]),
            "counterpart_words": _forms(path.name, data["counterpart"]),
            "honorifics": _forms(path.name, data["honorifics"]), "former": _forms(path.name, data["former"]),
            "party_words": _forms(path.name, data["party_words"]), "source": data["source"]}


def _topics(path: Path) -> dict[str, str]:
    """topics.yaml: keywords under known topic slugs, each keyword once."""
    data = _read(path)
    _check_keys(path.name, data, {"source", "topics"}, set())
    out: dict[str, str] = {}
    for topic, words in data["topics"].items():
        if topic not in TOPICS:
            raise GazetteerError(f"{path.name}: unknown topic {topic!r}")
        for word in _forms(f"{path.name} {topic}", words):
            if out.setdefault(word, topic) != topic:
                raise GazetteerError(f"{path.name}: keyword {word!r} under both {out[word]} and {topic}")
    return out


def _patterns(where: str, value: Any) -> tuple[str, ...]:
    """A list of regular expressions that must compile."""
    if not isinstance(value, list) or not value:
        raise GazetteerError(f"{where}: expected a non-empty list")
    out = []
    for pattern in value:
        try:
            re.compile(str(pattern))
        except re.error as exc:
            raise GazetteerError(f"{where}: bad pattern {pattern!r}: {exc}") from exc
        out.append(nfc(str(pattern)))
    return tuple(out)


def _words(path: Path) -> dict[str, Any]:
    """meeting_words.yaml: predicate, negative and mode patterns."""
    data = _read(path)
    keys = ("predicates", "not_meeting", "irrealis", "phone", "video", "pronouns", "not_participant", "both_sides")
    _check_keys(path.name, data, {"source", "conditional", *keys}, set())
    out = {key: _patterns(f"{path.name} {key}", data[key]) for key in keys}
    out["conditional"] = _forms(f"{path.name} conditional", data["conditional"])
    return out


def _calendar(path: Path) -> dict[str, Any]:
    """calendar.yaml: months 1-12, the seven weekdays, relative day offsets."""
    data = _read(path)
    keys = {"months", "weekdays", "relative_days", "last", "last_month", "this_month", "numbers", "days_ago",
            "same_day", "last_year", "year_blockers"}
    _check_keys(path.name, data, {"source", *keys}, set())
    if sorted(data["months"]) != list(range(1, 13)):
        raise GazetteerError(f"{path.name}: months must be 1..12")
    if sorted(data["weekdays"]) != sorted(WEEKDAYS):
        raise GazetteerError(f"{path.name}: weekdays must be the seven English weekdays")
    months = {form: int(m) for m, forms in data["months"].items() for form in _forms(path.name, forms)}
    weekdays = {form: day for day, forms in data["weekdays"].items() for form in _forms(path.name, forms)}
    relative = {form: int(k) for k, forms in data["relative_days"].items() for form in _forms(path.name, forms)}
    return {"months": months, "weekdays": weekdays, "relative_days": relative,
            "last_words": _forms(path.name, data["last"]), "last_month": _forms(path.name, data["last_month"]),
            "this_month": _forms(path.name, data["this_month"]),
            "numbers": {form: int(n) for n, forms in data["numbers"].items() for form in _forms(path.name, forms)},
            "days_ago": _forms(path.name, data["days_ago"]), "same_day": _forms(path.name, data["same_day"]),
            "last_year": _forms(path.name, data["last_year"]),
            "year_blockers": _forms(path.name, data["year_blockers"])}


FRAME_KEYS = ("agent", "partner", "joint", "object", "leader", "genitive", "coordinators", "blocking",
              "modifiers", "boundaries", "relatives", "delegations", "title_followers", "earlier", "this_meeting")


def _regions(path: Path, countries: dict[str, Country], cities: tuple[City, ...]) -> dict[str, str]:
    """regions.yaml: states and provinces, each form unique and no country's or city's name."""
    data = _read(path)
    _check_keys(path.name, data, {"source", "regions"}, set())
    taken = {form for c in countries.values() for form in c.hi + c.adj} | {form for c in cities for form in c.hi}
    out: dict[str, str] = {}
    for n, entry in enumerate(data["regions"] or []):
        where = f"{path.name} #{n + 1}"
        _check_keys(where, entry, {"en", "country", "hi", "source"}, set())
        if entry["country"] not in countries:
            raise GazetteerError(f"{where} ({entry['en']}): unknown country {entry['country']!r}")
        for form in _forms(f"{where} ({entry['en']})", entry["hi"]):
            if form in taken:
                raise GazetteerError(f"{where}: {form!r} is already a country or city name")
            _unique(where, out, form, entry["country"] + ":" + entry["en"])
    return {form: owner.split(":")[0] for form, owner in out.items()}


def _wires(path: Path) -> dict[str, tuple[str, ...]]:
    """wires.yaml: each wire service with the names it is printed with, each name once."""
    data = _read(path)
    _check_keys(path.name, data, {"source", "wires"}, set())
    if not isinstance(data["wires"], dict) or not data["wires"]:
        raise GazetteerError(f"{path.name}: wires must map each agency to its names")
    seen: dict[str, str] = {}
    out = {}
    for agency, forms in data["wires"].items():
        if not isinstance(forms, list) or not forms or not all(isinstance(f, str) and f.strip() for f in forms):
            raise GazetteerError(f"{path.name} {agency}: expected a list of names")
        out[str(agency)] = tuple(nfc(f) for f in forms)
        for form in out[str(agency)]:
            _unique(f"{path.name} {agency}", seen, form, str(agency))
    return out


def _frames(path: Path) -> dict[str, tuple[str, ...]]:
    """frames.yaml: the postpositions and words that tell who took part in a meeting."""
    data = _read(path)
    _check_keys(path.name, data, {"source", *FRAME_KEYS}, set())
    out = {}
    for key in FRAME_KEYS:
        value = data[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise GazetteerError(f"{path.name} {key}: expected a list of non-empty strings, got {value!r}")
        out[key] = tuple(dict.fromkeys(nfc(v) for v in value))
    return out


def _strings(where: str, value: Any) -> tuple[str, ...]:
    """A non-empty list of non-empty strings, NFC and lower-cased."""
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise GazetteerError(f"{where}: expected a list of non-empty strings, got {value!r}")
    return tuple(dict.fromkeys(nfc(v).lower() for v in value))


def _page(path: Path) -> PageWords:
    """page.yaml: date labels, English month names, furniture line starts, list marks, menu separators."""
    data = _read(path)
    keys = [f.name for f in PageWords.__dataclass_fields__.values()]
    _check_keys(path.name, data, {"source", *keys}, set())
    months = data["months_latin"]
    if not isinstance(months, dict) or sorted(months) != list(range(1, 13)):
        raise GazetteerError(f"{path.name}: months_latin must be 1..12")
    patterns = ("tail_patterns", "line_patterns")
    words = {key: _strings(f"{path.name} {key}", data[key]) for key in keys if key not in ("months_latin", *patterns)}
    latin = {form: int(m) for m, forms in months.items() for form in _strings(f"{path.name} months_latin", forms)}
    regexes = {key: _patterns(f"{path.name} {key}", data[key]) for key in patterns}
    return PageWords(months_latin=latin, **words, **regexes)


def _word_list(path: Path, key: str) -> tuple[str, ...]:
    """A file holding one list of Devanagari words under `key`, and its source."""
    data = _read(path)
    _check_keys(path.name, data, {"source", key}, set())
    return _forms(path.name, data[key])


@lru_cache(maxsize=4)
def load_gazetteer(folder: Path = DEFAULT_DIR) -> Gazetteer:
    """Read and validate every gazetteer file of a folder."""
    folder = Path(folder)
    countries = _countries(folder / "countries.yaml")
    cities = _cities(folder / "cities.yaml", countries)
    organisations = _organisations(folder / "organisations.yaml")
    officials = _officials(sorted(folder.glob("officials_*.yaml")), countries, organisations)
    titles, words = _titles(folder / "titles.yaml"), _words(folder / "meeting_words.yaml")
    sources = {"titles": titles.pop("source")}
    return Gazetteer(countries, cities, officials, organisations, topics=_topics(folder / "topics.yaml"),
                     stopwords=frozenset(_word_list(folder / "stopwords.yaml", "words")),
                     agencies=_word_list(folder / "agencies.yaml", "agencies"), sources=sources,
                     frames=_frames(folder / "frames.yaml"), page=_page(folder / "page.yaml"),
                     regions=_regions(folder / "regions.yaml", countries, cities),
                     wires=_wires(folder / "wires.yaml"),
                     **titles, **words, **_calendar(folder / "calendar.yaml"))
