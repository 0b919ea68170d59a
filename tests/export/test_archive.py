"""The JSON archive: export, import into another database, export again gives the same text;
the workshop, its rows and its log come back exactly; a damaged archive changes nothing."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from workshop.domain.errors import InvalidInput
from workshop.engine import Engine, open_engine
from workshop.export import read_archive, render
from workshop.export.archive import EVENT_FIELDS, SECTIONS, WORKSHOP_FIELDS
from workshop.export.archive_check import EVENT, ROWS, WORKSHOP
from workshop.store.tables import ITEM_TABLES, Event, Workshop


@pytest.fixture
def fresh(tmp_path: Path) -> Engine:
    engine = open_engine(str(tmp_path / "other.db"))
    yield engine
    engine.store.close()


def _archive(built) -> str:
    return render("json", built.state, built.events)


def test_round_trip_gives_the_same_archive_rows_log_and_markdown(nordic, fresh: Engine) -> None:
    text = _archive(nordic)
    wid, slug = fresh.import_archive(read_archive(text))
    assert slug == nordic.state.slug
    assert render("json", fresh.load(wid), fresh.events(wid)) == text
    head_a, rows_a = nordic.engine._raw(nordic.id)
    head_b, rows_b = fresh._raw(wid)
    assert {k: v for k, v in head_a.items() if k != "id"} == {k: v for k, v in head_b.items() if k != "id"}
    assert rows_a == rows_b  # counters and links included
    assert fresh.events(wid) == nordic.events
    for what in ("journey", "backlog", "report", "csv"):
        assert render(what, fresh.load(wid), fresh.events(wid)) == render(what, nordic.state, nordic.events)


def test_the_imported_workshop_goes_on_working(nordic, fresh: Engine) -> None:
    wid, _ = fresh.import_archive(read_archive(_archive(nordic)))
    # T6 was added and removed before the export: its number is not given out again.
    assert fresh.add_touchpoint(wid, "Får takkebrev i posten", stage="S5") == "T7"
    fresh.undo(wid)
    assert fresh.undo(wid).summary == "undo: made pilot P3 'Kart-prototype i appen' from concept C3"
    assert [p.ref for p in fresh.load(wid).pilots] == ["P1", "P2"]


def test_an_archive_without_its_log_still_restores_the_workshop(nordic, fresh: Engine) -> None:
    data = read_archive(render("json", nordic.state))
    assert data["events"] == [] and data["counters"]["T"] == 5  # taken from the highest reference
    wid, _ = fresh.import_archive(data)
    assert render("journey", fresh.load(wid)) == render("journey", nordic.state)
    assert fresh.events(wid) == []


def test_importing_twice_gives_a_new_uid_and_slug_and_says_so(nordic, fresh: Engine) -> None:
    data = read_archive(_archive(nordic))
    first = fresh.import_archive(copy.deepcopy(data))
    second = fresh.import_archive(copy.deepcopy(data))
    assert first.changed == ()
    assert second.changed == ("uid", "slug")
    assert second.slug == f"{nordic.state.slug}-2" and second.uid != nordic.state.uid
    again = json.loads(render("json", fresh.load(second.id), fresh.events(second.id)))
    original = json.loads(_archive(nordic))
    assert again["workshop"].pop("uid") != original["workshop"].pop("uid")
    assert again["workshop"].pop("slug") != original["workshop"].pop("slug")
    assert again == original


def _damaged(data: dict, path: str, value: object) -> dict:
    data = copy.deepcopy(data)
    *parents, last = path.split("/")
    node = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if value is KeyError:
        del node[last]
    else:
        node[int(last) if isinstance(node, list) else last] = value
    return data


@pytest.mark.parametrize(("path", "value", "message"), [
    ("format", "something-else", "format: is 'something-else', not 'workshop-archive'"),
    ("version", 5, "version: the archive is version 5, written by a newer workshop"),
    ("version", "1", "version: must be a whole number"),
    ("workshop/title", "", "workshop.title: must not be empty"),
    ("workshop/title", "Linje\nto", "workshop.title: must be one line"),
    ("workshop/created_at", KeyError, "workshop.created_at: is required"),
    ("workshop/colour", "blå", "workshop.colour: is not a field"),
    ("touchpoints/2/feeling", 7, "touchpoints[T3].feeling: must be a whole number from -2 to 2, not 7"),
    ("touchpoints/0/text", "Ser annonse\ud800", "touchpoints[1].text: is not valid Unicode: it holds a lone surrogate"),
    ("touchpoints/1/stage", "S9", "touchpoints[T2].stage: refers to stage S9"),
    ("touchpoints/1/ref", "T01", "touchpoints[2].ref: must be a reference like T1"),
    ("touchpoints/1/ref", "T1", "touchpoints[T1]: appears twice"),
    ("ideas/0/text", "x" * 2001, "ideas[I1].text: is 2001 characters long"),
    ("votes/0/dots", 9, "votes: U1 has 10 dots; each participant has 3"),
    ("pilots/0/tests", ["A3"], "pilots[P1].tests: assumption A3 belongs to another concept"),
    ("pilots/0/end_date", "2025-03-01", "pilots[P1].end_date: 2025-03-01 is before the start"),
    ("counters/T", 2, "counters.T: is 2, but T5 is in the archive"),
    ("events/3/seq", 1, "events[4].seq: is 1; it must be greater than 3"),
    ("events/0/changes/0/after/title", "Linje\nto", "events[1].changes[1].after.title: must be one line"),
    ("events/0/summary", "x" * 100_001, "events[1].summary: is 100,001 characters long"),
])
def test_a_damaged_archive_is_refused_naming_the_field_and_changes_nothing(
    nordic, fresh: Engine, path: str, value: object, message: str
) -> None:
    data = json.loads(_archive(nordic))
    before = fresh.list_workshops()
    with pytest.raises(InvalidInput) as refused:
        fresh.import_archive(_damaged(data, path, value))
    assert str(refused.value).startswith(message), str(refused.value)
    assert fresh.list_workshops() == before
    with fresh.store.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM event").scalar() == 0


@pytest.mark.parametrize(("text", "message"), [
    ("", "archive: is not valid JSON (line 1, column 1"),
    ("{\"format\": \"workshop-archive\", ", "archive: is not valid JSON"),
    ("[1, 2]", "archive: must be a JSON object"),
    ("{\"version\": 1}", "format: has no format field"),
    ("{\"format\": \"workshop-archive\"}", "version: is required"),
    ("{\"format\": \"workshop-archive\", \"version\": 99}", "version: the archive is version 99"),
])
def test_reading_text_that_is_not_an_archive_says_why(text: str, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        read_archive(text)
    assert str(refused.value).startswith(message)


def test_the_format_covers_every_column_of_the_database() -> None:
    """A new column must be added to the archive format (and its version raised) on purpose."""
    assert set(WORKSHOP_FIELDS) == set(Workshop.__table__.c.keys()) - {"id"} == set(WORKSHOP)
    for key, (table, fields) in SECTIONS.items():
        columns = set(ITEM_TABLES[table].__table__.c.keys()) - {"workshop_id", "ref"}
        assert set(fields) == columns == set(ROWS[key][1]), table
    assert set(ITEM_TABLES) - {t for t, _ in SECTIONS.values()} == {"counter"}
    columns = set(Event.__table__.c.keys()) - {"id", "workshop_id", "payload"}
    assert set(EVENT_FIELDS) == set(EVENT) == columns | {"changes"}
