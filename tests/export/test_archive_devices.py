"""Participants' own devices in the JSON archive (version 3): the rules `open_join` and
`anonymous`, and each participant's `joined` and `blocked`, come back exactly; a version-2 archive
(recorded by version 2 and kept in tests/data) is still imported, with their defaults, and cannot
carry them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workshop.domain.errors import InvalidInput
from workshop.engine import Engine, open_engine
from workshop.export import read_archive, render
from workshop.export.archive import VERSION

V2_ARCHIVE = Path(__file__).resolve().parents[1] / "data" / "workshop-v2.archive.json"


@pytest.fixture
def fresh(tmp_path: Path) -> Engine:
    other = open_engine(str(tmp_path / "other.db"))
    yield other
    other.store.close()


def test_the_rules_and_flags_of_own_devices_come_back_exactly(engine: Engine, workshop: int, fresh: Engine) -> None:
    engine.add_participant(workshop, "Kari Nordmann")
    engine.set_rules(workshop, open_join=True, anonymous="always")
    engine.join_participant(workshop, "Kari Nordmann")
    engine.join_participant(workshop, "Liv Ørnes", create=True)
    engine.set_access(workshop, "Liv Ørnes", blocked=True)
    text = render("json", engine.load(workshop), engine.events(workshop))
    data = json.loads(text)
    assert data["version"] == VERSION == 4
    assert (data["workshop"]["open_join"], data["workshop"]["anonymous"]) == (True, "always")
    assert [(p["name"], p["joined"], p["blocked"]) for p in data["participants"]] == [
        ("Åse Ødegård", False, False), ("Kari Nordmann", True, False), ("Liv Ørnes", True, True)]
    wid, _ = fresh.import_archive(read_archive(text))
    assert render("json", fresh.load(wid), fresh.events(wid)) == text
    assert fresh.load(wid).participant("U3").blocked


def test_a_version_2_archive_is_imported_with_the_defaults(fresh: Engine) -> None:
    text = V2_ARCHIVE.read_text(encoding="utf-8")
    original = json.loads(text)
    assert original["version"] == 2 and original["workshop"]["timers"]
    wid, _ = fresh.import_archive(read_archive(text))
    state = fresh.load(wid)
    assert (state.open_join, state.anonymous) == (False, "silent")
    assert all(not p.joined and not p.blocked for p in state.participants)
    again = json.loads(render("json", state, fresh.events(wid)))
    assert again.pop("version") == VERSION and original.pop("version") == 2
    assert (again["workshop"].pop("open_join"), again["workshop"].pop("anonymous")) == (False, "silent")
    for person in again["participants"]:
        assert (person.pop("joined"), person.pop("blocked"), person.pop("done_voting")) == (False, False, False)
    assert again == original


@pytest.mark.parametrize(("where", "field"), [("workshop", "open_join"), ("workshop", "anonymous"),
                                              ("participants", "joined"), ("participants", "blocked")])
def test_a_version_2_archive_cannot_carry_them(fresh: Engine, where: str, field: str) -> None:
    data = json.loads(V2_ARCHIVE.read_text(encoding="utf-8"))
    target = data[where] if where == "workshop" else data[where][0]
    target[field] = True
    label = "workshop" if where == "workshop" else "participants[U1]"
    with pytest.raises(InvalidInput) as refused:
        fresh.import_archive(data)
    assert str(refused.value) == f"{label}.{field}: is not a field of this archive version"
    assert fresh.list_workshops() == []


def test_damaged_device_fields_are_refused_naming_them(engine: Engine, workshop: int, fresh: Engine) -> None:
    data = json.loads(render("json", engine.load(workshop), engine.events(workshop)))
    data["workshop"]["anonymous"] = "sometimes"
    with pytest.raises(InvalidInput, match=r"^workshop\.anonymous: must be one of: silent, always, never"):
        fresh.import_archive(data)
    data["workshop"]["anonymous"] = "never"
    data["participants"][0]["joined"] = "yes"
    with pytest.raises(InvalidInput, match=r"^participants\[U1\]\.joined: must be true or false"):
        fresh.import_archive(data)
    assert fresh.list_workshops() == []
