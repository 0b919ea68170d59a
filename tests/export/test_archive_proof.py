"""Import proves what it imports: an archive whose event log does not fold to its rows, that names
an unknown table or field, holds text that is not Unicode, or is larger than an archive may be is
refused naming the first offending path, and the database is left byte for byte as it was.

A property test edits a real archive's log at random (a value changed, an event dropped, duplicated
or moved, a field added): the import is refused unless the log still folds to the rows, and when
it is taken the imported workshop is the archive's rows and its replay ends there.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from export_workshop import build
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from workshop.domain.errors import InvalidInput
from workshop.engine import Engine, LoggedEvent, open_engine
from workshop.export import archive_bounds, read_archive, render
from workshop.export.archive import KINDS, SECTIONS
from workshop.replay import Replay, fold
from workshop.store.tables import ITEM_TABLES, Workshop

Data = dict[str, Any]


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Data]:
    """The Nordic workshop through all four phases, then an edit, an undo and a redo, an idea
    removed and the removal undone: its archive, as parsed."""
    engine = open_engine(str(tmp_path_factory.mktemp("source") / "w.db"))
    wid = build(engine)
    engine.edit_touchpoint(wid, "T2", feeling=-2, actor="Åse Ødegård")
    engine.undo(wid, actor="Åse Ødegård")
    engine.redo(wid, actor="Åse Ødegård")
    engine.remove_idea(wid, "I5", actor="Bjørn Kværnes")
    engine.undo(wid, actor="Bjørn Kværnes")
    yield json.loads(render("json", engine.load(wid), engine.events(wid)))
    engine.store.close()


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, Path]]:
    """A database that already holds a workshop, to import into."""
    path = tmp_path_factory.mktemp("target") / "w.db"
    engine = open_engine(str(path))
    engine.create_workshop("Allerede her – æøå", stages=["Før", "Etter"])
    engine.store.checkpoint()
    yield engine, path
    engine.store.close()


def _fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    for part in (path, path.with_name(path.name + "-wal")):
        if part.exists():
            digest.update(part.read_bytes())
    return digest.hexdigest()


def _counts(engine: Engine) -> dict[str, int]:
    with engine.store.read() as conn:
        return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
                for t in ("workshop", "event", *ITEM_TABLES)}


def _refused(target: tuple[Engine, Path], data: Data) -> str:
    """Import `data`, expecting a refusal that writes nothing; the refusal's message."""
    engine, path = target
    before, counts = _fingerprint(path), _counts(engine)
    with pytest.raises(InvalidInput) as refused:
        engine.import_archive(data)
    assert _counts(engine) == counts
    assert _fingerprint(path) == before
    return str(refused.value)


def _first(data: Data, table: str, *, adds: bool = True) -> tuple[int, int]:
    """The position (from 1) of the first event and change that adds (or changes) a `table` row."""
    for n, event in enumerate(data["events"], 1):
        for m, change in enumerate(event["changes"], 1):
            if change["t"] == table and (change["before"] is None) == adds:
                return n, m
    raise AssertionError(f"no change of {table}")


def _change(data: Data, n: int, m: int) -> dict[str, Any]:
    return data["events"][n - 1]["changes"][m - 1]


def _renumber(data: Data) -> Data:
    """Seqs 1, 2, 3 … again after events were moved, targets following the events they name."""
    new = {event["seq"]: seq for seq, event in enumerate(data["events"], 1)}
    for seq, event in enumerate(data["events"], 1):
        event["seq"] = seq
        if event["target"] is not None:
            event["target"] = new.get(event["target"], 10_000)
    return data


def _in_a_change(table: str, side: str | None, key: str, value: Any, problem: str) -> Callable[[Data], str]:
    """An edit of the first change that adds a `table` row: `key` of its `side` (or of the change
    itself) set to `value`; the refusal names that change."""

    def edit(data: Data) -> str:
        n, m = _first(data, table)
        change = _change(data, n, m)
        (change if side is None else change[side])[key] = value
        return f"events[{n}].changes[{m}].{problem}"

    edit.__name__ = f"{table} {side or 'change'} {key} {value!r}"
    return edit


IN_A_CHANGE = [
    _in_a_change("touchpoint", "after", "colour", "blå", "after.colour: is not a field of touchpoint"),
    _in_a_change("idea", None, "t", "kaffe", "t: is not a table of a workshop: 'kaffe'"),
    _in_a_change("touchpoint", "after", "feeling", "glad",
                 "after.feeling: must be a whole number from -2 to 2, not 'glad'"),
    _in_a_change("vote", None, "ref", "U1-T1", "ref: must be a reference of a vote row"),
]


def cut_log(data: Data) -> str:
    del data["events"][-12:]
    return "the log does not fold to the rows: "


def invented_text(data: Data) -> str:
    n, m = _first(data, "touchpoint")
    change = _change(data, n, m)
    change["after"]["text"] = "Ser aldri noen annonse"
    return (f"events[{n}]: the log does not fold to the rows: touchpoint {change['ref']} text is 'Ser aldri noen "
            f"annonse' from this event to the end of the log (event {len(data['events'])}), but 'Ser annonse om "
            "«levering på 1–2 dager»' in the archive's touchpoints")


def dropped_event(data: Data) -> str:
    n, _m = _first(data, "idea")
    del data["events"][n - 1]
    _renumber(data)
    return "the log does not fold"


def duplicated_event(data: Data) -> str:
    n, _m = _first(data, "touchpoint")
    data["events"].insert(n, copy.deepcopy(data["events"][n - 1]))
    _renumber(data)
    return f"events[{n + 1}].changes[1]: the log does not fold: it "


def change_before_the_workshop(data: Data) -> str:
    data["events"][0], data["events"][1] = data["events"][1], data["events"][0]
    _renumber(data)
    return "events[1].changes[1]: the log does not fold: it "


def phase_of_an_event(data: Data) -> str:
    data["events"][2]["phase"] = "what-wows"
    return "events[3].phase: is 'what-wows', but the log has the workshop in 'brief' after this event"


def undo_of_a_later_event(data: Data) -> str:
    n = next(n for n, e in enumerate(data["events"], 1) if e["target"] is not None)
    data["events"][n - 1]["target"] = data["events"][-1]["seq"]
    return f"events[{n}].target: is {data['events'][-1]['seq']}, which is not an event before it"


def counters_beyond_the_log(data: Data) -> str:
    data["counters"]["T"] = 99
    return "counters.T: is 99, but the event log counts 6"


def surrogate_in_a_row(data: Data) -> str:
    data["touchpoints"][1]["pains"][0] = "Hentestedet \ud800"
    return "touchpoints[2].pains[1]: is not valid Unicode: it holds a lone surrogate (U+D800"


def surrogate_in_a_summary(data: Data) -> str:
    data["events"][4]["summary"] = "la til \udc80"
    return "events[5].summary: is not valid Unicode"


def surrogate_in_a_change(data: Data) -> str:
    _change(data, 1, 1)["after"]["title"] = "\ud83d"
    return "events[1].changes[1].after.title: is not valid Unicode"


def nested_too_deep(data: Data) -> str:
    value: Any = "bunn"
    for _ in range(100):
        value = {"x": value}
    _change(data, 1, 1)["after"]["challenge"] = value
    return "events[1].changes[1].after.challenge.x.x.x.x.x.x.x.x.x.x: nests deeper than 16 levels"


def number_beyond_64_bits(data: Data) -> str:
    data["counters"]["T"] = 2**70
    return "counters.T: is a number beyond what workshop stores (22 digits)"


def too_many_pains(data: Data) -> str:
    data["touchpoints"][0]["pains"] = [f"Smerte {n}" for n in range(1001)]
    return "touchpoints[1].pains: holds 1,001 items; at most 1,000 may be there"


HOSTILE: list[Callable[[Data], str]] = [
    *IN_A_CHANGE, cut_log, invented_text, dropped_event,
    duplicated_event, change_before_the_workshop, phase_of_an_event, undo_of_a_later_event,
    counters_beyond_the_log, surrogate_in_a_row, surrogate_in_a_summary, surrogate_in_a_change,
    nested_too_deep, number_beyond_64_bits, too_many_pains,
]


@pytest.mark.parametrize("edit", HOSTILE, ids=lambda f: f.__name__)
def test_a_hostile_archive_is_refused_naming_the_path_and_writes_nothing(source, target, edit) -> None:
    data = copy.deepcopy(source)
    expected = edit(data)
    message = _refused(target, data)
    assert message.startswith(expected) or (expected.startswith("the log") and expected in message), message
    assert "Traceback" not in message


def test_the_untouched_archive_imports_and_replays_to_its_rows(source, target) -> None:
    engine, _path = target
    assert _folds(source)
    made = engine.import_archive(copy.deepcopy(source))
    try:
        assert made.cleaned == ()
        replay = Replay.open(engine, made.id)
        assert render("journey", replay.state_at(len(replay))) == render("journey", engine.load(made.id))
    finally:
        engine.delete_workshop(made.id)


def test_a_cut_log_names_the_event_its_history_stops_at(source, target) -> None:
    data = copy.deepcopy(source)
    # The last five: T2's feeling set to -2, undone and redone, I5 removed and put back.
    del data["events"][-5:]
    n = next(n for n, e in enumerate(data["events"], 1) if any(c["ref"] == "T2" for c in e["changes"]))
    assert _refused(target, data) == (
        f"events[{n}]: the log does not fold to the rows: touchpoint T2 feeling is 0 from this event to the end "
        f"of the log (event {len(data['events'])}), but -2 in the archive's touchpoints")


def test_a_log_cut_before_a_row_was_added_says_no_event_adds_it(source, target) -> None:
    data = copy.deepcopy(source)
    n, _m = _first(data, "pilot")
    del data["events"][n - 1:]
    data["touchpoints"][1]["feeling"] = 0  # as the log has it before the last events
    assert _refused(target, data).startswith(
        f"events[{n - 1}]: the log does not fold to the rows: the log ends here, and no event adds ")


@pytest.mark.parametrize(("text", "message"), [
    ("[" * 100_000 + "]" * 100_000, "archive: nests too deep to read"),
    ('{"format": "workshop-archive", "version": 3, "workshop": NaN}', "archive: is not JSON workshop reads: NaN"),
    ('{"format": "workshop-archive", "version": 3, "counters": {"T": 1e400}}', "counters.T: must be a finite number"),
    ('{"format": "workshop-archive", "version": 3, "counters": {"T": ' + "9" * 5000 + "}}",
     "archive: is not JSON workshop reads"),
])
def test_text_that_cannot_be_an_archive_is_refused_with_a_message(text: str, message: str, target) -> None:
    with pytest.raises(InvalidInput) as refused:
        target[0].import_archive(read_archive(text))
    assert str(refused.value).startswith(message), str(refused.value)


def test_more_values_than_an_archive_may_hold_are_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive_bounds, "MAX_VALUES", 1000)
    text = '{"format": "workshop-archive", "version": 3, "touchpoints": [' + ",".join(["{}"] * 2000) + "]}"
    with pytest.raises(InvalidInput, match=r"archive: holds more than 1,000 values"):
        read_archive(text)


def test_more_rows_than_a_list_may_hold_are_refused(source, target, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive_bounds, "MAX_ROWS", 4)
    assert _refused(target, copy.deepcopy(source)).startswith("participants: holds 5 items; at most 4")


# text an older version stored ------------------------------------------------------------------


def test_an_actor_with_an_escape_sequence_or_on_two_lines_is_cleaned_and_imports_again(source, target) -> None:
    engine, _path = target
    data = copy.deepcopy(source)
    for event in data["events"]:
        if event["actor"] == "Åse Ødegård":
            event["actor"] = "\x1b[31mÅse Ødegård\x1b[0m\x07"
        elif event["actor"] == "Bjørn Kværnes":
            event["actor"] = "Bjørn\nKværnes"
    made = engine.import_archive(data)
    try:
        assert made.cleaned and all(path.endswith(".actor") for path in made.cleaned)
        actors = {e.actor for e in engine.events(made.id)}
        assert {"Åse Ødegård", "Bjørn Kværnes"} <= actors
        assert not any("\x1b" in a or "\x07" in a or "\n" in a for a in actors)
        assert engine.undo(made.id, actor="Åse Ødegård").summary.startswith("undo: ")
        again = engine.import_archive(json.loads(render("json", engine.load(made.id), engine.events(made.id))))
        assert again.cleaned == ()
        engine.delete_workshop(again.id)
    finally:
        engine.delete_workshop(made.id)


# the property: random edits of a real log --------------------------------------------------------

_COLUMNS = {"workshop": set(Workshop.__table__.c.keys()) - {"id"}} | {
    name: set(model.__table__.c.keys()) - {"workshop_id", "ref"} for name, model in ITEM_TABLES.items()}
"""The tables' own columns: the fields a change may name (read from the store, not the check)."""

_REFS = {"touchpoint": ("stage", "persona"), "link": ("idea", "touchpoint"), "vote": ("participant", "idea"),
         "concept": ("idea",), "assumption": ("concept",), "pilot": ("concept", "tests")}
_TARGET = {"stage": "stage", "persona": "persona", "idea": "idea", "touchpoint": "touchpoint",
           "participant": "participant", "concept": "concept", "tests": "assumption"}


def _defaults() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for name, model in {"workshop": Workshop, **ITEM_TABLES}.items():
        found[name] = {}
        for column in model.__table__.c:
            if column.default is not None and column.default.is_scalar:
                found[name][column.name] = column.default.arg
            elif column.server_default is not None:
                found[name][column.name] = {"0": False, "1": True, "'{}'": {}}.get(
                    str(column.server_default.arg), str(column.server_default.arg).strip("'"))
    found["workshop"]["timers"] = {}
    return found


DEFAULTS = _defaults()


def _identity_holds(side: dict[str, Any]) -> bool:
    """Whether a workshop's uid and slug, where a change gives them, are of their form (they are
    left out of the comparison with the rows, but a uid or slug no workshop can have is no history)."""
    uid, slug = side.get("uid"), side.get("slug")
    return ((uid is None or isinstance(uid, str) and re.fullmatch(r"[0-9a-f]{8,64}", uid) is not None)
            and (slug is None or isinstance(slug, str) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) is not None
                 and not slug.isdigit()))


def _folds(data: Data) -> bool:
    """Whether the archive's log is its rows' history: every change names a table's own fields and
    starts from the rows the events before it left (folded with the replay's `fold`), each event's
    phase and target agree with the log, every reference holds after each event, and the whole
    log ends at the archive's rows and counters."""
    head: dict[str, Any] | None = None
    tables: dict[str, dict[str, dict[str, Any]]] = {}
    seqs: set[int] = set()
    last = 0
    for event in data["events"]:
        if event["seq"] <= last:
            return False
        last = event["seq"]
        for change in event["changes"]:
            t, before, after = change["t"], change["before"], change["after"]
            if t == "workshop" and not all(_identity_holds(side) for side in (before, after) if side):
                return False
            if t not in _COLUMNS or any(set(side) - _COLUMNS[t] for side in (before, after) if side):
                return False
            row = head if t == "workshop" else tables.get(t, {}).get(change["ref"])
            if t != "workshop" and head is None:
                return False
            if before is None:
                if row is not None:
                    return False
            elif row is None or after is None and t == "workshop" or any(
                    row.get(k, DEFAULTS[t].get(k)) != v for k, v in before.items() if k not in ("uid", "slug")):
                return False
            head = fold(head, tables, [change])
        if head is None or event["phase"] not in ("", head.get("phase")):
            return False
        if event["target"] is not None and event["target"] not in seqs:
            return False
        seqs.add(event["seq"])
        for t, fields in _REFS.items():
            for row in tables.get(t, {}).values():
                for name in fields:
                    value = row.get(name)
                    named = value if isinstance(value, list) else [value]
                    if any(v not in tables.get(_TARGET[name], {}) for v in named if v):
                        return False
    if head is None:
        return True
    archived = {name: data["workshop"].get(name, DEFAULTS["workshop"].get(name)) for name in _COLUMNS["workshop"]}
    if any(head.get(k, DEFAULTS["workshop"].get(k)) != v for k, v in archived.items() if k not in ("uid", "slug")):
        return False
    for key, (table, names) in SECTIONS.items():
        rows = {r["ref"]: r for r in data.get(key, [])}
        folded = tables.get(table, {})
        default = DEFAULTS[table]
        if set(rows) != set(folded) or any(folded[ref].get(n, default.get(n)) != rows[ref].get(n, default.get(n))
                                           for ref in rows for n in names):
            return False
    counted = {k: r["value"] for k, r in tables.get("counter", {}).items()}
    for kind, key in KINDS.items():
        counted[kind] = max([counted.get(kind, 0), *(int(r["ref"][1:]) for r in data.get(key, []))])
    return data["counters"] == {k: v for k, v in counted.items() if v}


EDITS = ("value", "drop", "duplicate", "field", "unknown field", "reorder", "same value")


@st.composite
def edits(draw: Any, events: int) -> list[tuple[str, int, int, int]]:
    return draw(st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, events - 1), st.integers(0, 50),
                                   st.integers(0, 50)), min_size=1, max_size=3))


def _edit(data: Data, how: str, n: int, m: int, k: int) -> None:
    events = data["events"]
    n = min(n, len(events) - 1)
    event = events[n]
    if how == "drop":
        del events[n]
    elif how == "duplicate":
        events.insert(n + 1, copy.deepcopy(event))
    elif how == "reorder":
        if n + 1 < len(events):
            events[n], events[n + 1] = events[n + 1], events[n]
    elif event["changes"]:
        change = event["changes"][m % len(event["changes"])]
        side = change["after"] if change["after"] is not None else change["before"]
        if how == "unknown field":
            side["colour"] = "blå"
        elif how == "field":
            # A field of the row, with the value it has at this point of the history.
            names = sorted(_COLUMNS[change["t"]] - set(side))
            if names:
                name = names[k % len(names)]
                rows: Any = {}
                head = None
                for earlier in events[:n]:
                    head = fold(head, rows, earlier["changes"])
                row = head if change["t"] == "workshop" else rows.get(change["t"], {}).get(change["ref"])
                if row is not None:
                    side[name] = row.get(name, DEFAULTS[change["t"]].get(name))
        else:
            name = sorted(side)[k % len(side)]
            value = side[name]
            if how == "same value":
                side[name] = copy.deepcopy(value)
            elif isinstance(value, bool):
                side[name] = not value
            elif isinstance(value, int):
                side[name] = value + 1
            elif isinstance(value, str):
                side[name] = value + " – endret"
            elif isinstance(value, list):
                side[name] = value + ["ny"]
            else:
                side[name] = 1
    _renumber(data)


def _events(data: Data) -> list[LoggedEvent]:
    return [LoggedEvent(seq=e["seq"], at=e["at"], actor=e["actor"], action=e["action"], summary=e["summary"],
                        phase=e["phase"], target=e["target"], changes=e["changes"]) for e in data["events"]]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_randomly_edited_log_is_refused_unless_it_still_folds_to_the_rows(source, target, data) -> None:
    archive = copy.deepcopy(source)
    for how, n, m, k in data.draw(edits(len(archive["events"]))):
        _edit(archive, how, n, m, k)
    folds = _folds(archive)
    event("folds" if folds else "does not fold")
    engine, path = target
    before, counts = _fingerprint(path), _counts(engine)
    try:
        made = engine.import_archive(copy.deepcopy(archive))
    except InvalidInput as refused:
        assert not folds, f"refused, though the log folds to the rows: {refused}"
        assert _counts(engine) == counts and _fingerprint(path) == before
        return
    try:
        assert folds, "imported, though the log does not fold to the rows"
        # The workshop is the archive's rows, and its replay ends at them.
        state = engine.load(made.id)
        assert engine.events(made.id) == _events(archive)
        rows = {key: [{k: v for k, v in r.items()} for r in archive[key]] for key in SECTIONS}
        exported = json.loads(render("json", state))
        assert {key: exported[key] for key in SECTIONS} == rows
        replay = Replay(engine.events(made.id), workshop_id=made.id)
        assert render("journey", replay.state_at(len(replay))) == render("journey", state)
    finally:
        engine.delete_workshop(made.id)
