"""The gazetteer loader accepts the shipped data and rejects malformed entries by name."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from core.extract.gazetteer import DEFAULT_DIR, GazetteerError, load_gazetteer
from core.model import ROLES


def test_shipped_gazetteer_loads_and_is_complete():
    gz = load_gazetteer(DEFAULT_DIR)
    members = [c for c in gz.countries.values() if c.status == "member"]
    assert len(members) == 193
    assert {"VAT", "PSE", "TWN", "HKG", "MAC", "CHN"} <= gz.countries.keys()
    capitals = {c.country for c in gz.cities if c.kind == "capital"}
    assert len(capitals) >= 190
    assert len(gz.officials) >= 300
    assert {o.country for o in gz.officials.values() if o.country == "CHN"}
    for form in ("पेइचिंग", "बीजिंग", "थ्येनचिन", "तियानजिन", "शंघाई"):
        assert any(form in c.hi for c in gz.cities), form
    xi = next(o for o in gz.officials.values() if o.en == "Xi Jinping")
    assert {"शी चिनफिंग", "शी जिनपिंग"} <= set(xi.hi)


def test_every_official_role_is_a_contract_slug():
    gz = load_gazetteer(DEFAULT_DIR)
    assert {span.role for o in gz.officials.values() for span in o.roles} <= set(ROLES)


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "gz"
    shutil.copytree(DEFAULT_DIR, folder)
    return folder


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


BROKEN = [
    pytest.param("countries.yaml", lambda d: d[0].update(iso3="XX1"), "bad ISO-3", id="bad-iso3"),
    pytest.param("countries.yaml", lambda d: d.append(dict(d[0])), "duplicate ISO-3", id="duplicate-country"),
    pytest.param("countries.yaml", lambda d: d[0].update(region="Atlantis"), "unknown region", id="unknown-region"),
    pytest.param("countries.yaml", lambda d: d[0].update(lat=123.0), "out of range", id="bad-coordinates"),
    pytest.param("cities.yaml", lambda d: d[0].update(country="ZZZ"), "unknown country", id="city-unknown-country"),
    pytest.param("officials_china.yaml", lambda d: d[0]["roles"][0].update(role="emperor"), "unknown role",
                 id="unknown-role"),
    pytest.param("officials_china.yaml", lambda d: d.append(dict(d[0])), "duplicate id", id="duplicate-official"),
    pytest.param("officials_china.yaml", lambda d: d[0].update(hi=["Xi Jinping"]), "no Devanagari",
                 id="latin-name"),
    pytest.param("officials_china.yaml", lambda d: d[0].update(nickname="x"), "unknown keys", id="unknown-key"),
    pytest.param("topics.yaml", lambda d: d["topics"].update(astrology=["ज्योतिष"]), "unknown topic",
                 id="unknown-topic"),
    pytest.param("titles.yaml", lambda d: d["titles"]["minister"].append("राष्ट्रपति"), "under both",
                 id="title-under-two-roles"),
    pytest.param("meeting_words.yaml", lambda d: d["predicates"].append("(unclosed"), "bad pattern",
                 id="bad-regex"),
]


@pytest.mark.parametrize("name,change,message", BROKEN)
def test_malformed_entry_is_rejected_with_its_name(tmp_path, name, change, message):
    folder = _copy(tmp_path)
    _edit(folder / name, change)
    with pytest.raises(GazetteerError, match=message) as info:
        load_gazetteer(folder)
    assert name in str(info.value)


def test_every_entry_names_its_source():
    for path in DEFAULT_DIR.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries = data if isinstance(data, list) else [data]
        assert all(e.get("source") for e in entries), path.name
