"""Provides the SQLModel tables: one per kind of thing a workshop holds, plus the event log.

Every item is keyed by its workshop and its short reference (T3, I12...), and refers to other
items by reference, so a row reads the same in the database, in the event log and in an archive.
"""

from __future__ import annotations

from typing import Any, Optional

from sqlalchemy import (JSON, BigInteger, Boolean, Column, ForeignKeyConstraint, Index, Integer, String, Text,
                        UniqueConstraint, false, text, true)
from sqlmodel import Field, SQLModel

from workshop.store.shape import Shape, Shapes


def _ws_fk() -> Any:
    return Field(foreign_key="workshop.id", primary_key=True, ondelete="CASCADE")


def _added_flag(default: bool = False) -> Any:
    """A yes/no column added by a migration: a default in the table itself, so the rows written
    before it have a value and a new file's table reads the same as a migrated one's."""
    return Field(default=default, sa_column=Column(Boolean, nullable=False,
                                                   server_default=true() if default else false()))


def _item_fk(column: str, table: str) -> ForeignKeyConstraint:
    return ForeignKeyConstraint(["workshop_id", column], [f"{table}.workshop_id", f"{table}.ref"])


class Workshop(SQLModel, table=True):
    __tablename__ = "workshop"
    # A deleted workshop's id is never handed out again, so a script's id cannot change meaning.
    __table_args__ = {"sqlite_autoincrement": True}
    id: Optional[int] = Field(default=None, primary_key=True)
    uid: str = Field(unique=True)
    slug: str = Field(unique=True)
    title: str
    challenge: str = ""
    scope: str = ""
    success_measures: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    constraints: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    date: Optional[str] = None
    facilitator: str = ""
    template: str = ""
    phase: str = "brief"
    dots_per_participant: int = 3
    cap_per_idea: Optional[int] = None
    blind: bool = True
    revealed: bool = False
    silent: bool = False
    playbook: str = ""
    lang: str = "en"
    created_at: str = ""
    # Last, as schema version 2 added it to version 1's table (see `workshop.store.db.MIGRATIONS`).
    timers: dict[str, Any] = Field(default_factory=dict, sa_column=Column(
        JSON, nullable=False, server_default=text("'{}'")))
    """The phase timers: phase -> {"timebox": seconds, "elapsed": seconds, "since": UTC time or null}
    (see `workshop.domain.timers`)."""
    # Schema version 3 added the rules of the participants' own devices.
    open_join: bool = _added_flag()
    """Participants joining from a device may add their own name."""
    anonymous: str = Field(default="silent", sa_column=Column(
        String, nullable=False, server_default=text("'silent'")))
    """When other participants see who wrote an item: silent (hidden while silent brainstorming is
    on), always (always hidden) or never (never hidden)."""


class Counter(SQLModel, table=True):
    """The next number for each kind of reference, so a removed T3 is never reused."""

    __tablename__ = "counter"
    workshop_id: int = _ws_fk()
    ref: str = Field(primary_key=True)
    value: int = 0


class Participant(SQLModel, table=True):
    __tablename__ = "participant"
    workshop_id: int = _ws_fk()
    ref: str = Field(primary_key=True)
    name: str
    role: str = ""
    facilitator: bool = False
    # Schema version 3: participants on their own devices.
    joined: bool = _added_flag()
    """Has joined from a device at least once."""
    blocked: bool = _added_flag()
    """The facilitator has removed their access: no session, no new join."""
    # Schema version 4: who is done voting.
    done_voting: bool = _added_flag()
    """Has said (or the facilitator has marked) they are done spending their dots."""


class Persona(SQLModel, table=True):
    __tablename__ = "persona"
    workshop_id: int = _ws_fk()
    ref: str = Field(primary_key=True)
    name: str
    description: str = ""


class Stage(SQLModel, table=True):
    __tablename__ = "stage"
    workshop_id: int = _ws_fk()
    ref: str = Field(primary_key=True)
    name: str
    position: int


class Touchpoint(SQLModel, table=True):
    __tablename__ = "touchpoint"
    __table_args__ = (
        _item_fk("stage", "stage"),
        _item_fk("persona", "persona"),
    )
    workshop_id: int = _ws_fk()
    ref: str = Field(primary_key=True)
    stage: str
    position: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    channel: Optional[str] = None
    persona: Optional[str] = None
    feeling: Optional[int] = None
    pains: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    evidence: str = ""
    evidence_count: Optional[int] = None
    moment_of_truth: bool = False
    author: str = ""


class Criterion(SQLModel, table=True):
    __tablename__ = "criterion"
    workshop_id: int = _ws_fk()
    ref: str = Field(primary_key=True)
    text: str
    position: int


class Idea(SQLModel, table=True):
    __tablename__ = "idea"
    workshop_id: int = _ws_fk()
    ref: str = Field(primary_key=True)
    text: str
    author: str = ""
    theme: str = ""
    hidden: bool = False
    position: int = 0


class Link(SQLModel, table=True):
    """An idea linked to a touchpoint."""

    __tablename__ = "link"
    __table_args__ = (
        _item_fk("idea", "idea"),
        _item_fk("touchpoint", "touchpoint"),
    )
    workshop_id: int = _ws_fk()
    ref: str = Field(primary_key=True)
    idea: str
    touchpoint: str


class Vote(SQLModel, table=True):
    """The dots one participant has put on one idea."""

    __tablename__ = "vote"
    __table_args__ = (
        _item_fk("participant", "participant"),
        _item_fk("idea", "idea"),
        UniqueConstraint("workshop_id", "participant", "idea"),
    )
    workshop_id: int = _ws_fk()
    ref: str = Field(primary_key=True)
    participant: str
    idea: str
    dots: int


class Concept(SQLModel, table=True):
    __tablename__ = "concept"
    __table_args__ = (_item_fk("idea", "idea"),)
    workshop_id: int = _ws_fk()
    ref: str = Field(primary_key=True)
    idea: str
    big_idea: str = ""
    benefits: str = ""
    execution: str = ""
    rationale: str = ""
    effect: Optional[int] = None
    cost: Optional[int] = None
    wow: bool = False


class Assumption(SQLModel, table=True):
    __tablename__ = "assumption"
    __table_args__ = (_item_fk("concept", "concept"),)
    workshop_id: int = _ws_fk()
    ref: str = Field(primary_key=True)
    concept: str
    text: str
    kind: str
    critical: bool = False
    test: str = ""


class Pilot(SQLModel, table=True):
    __tablename__ = "pilot"
    __table_args__ = (_item_fk("concept", "concept"),)
    workshop_id: int = _ws_fk()
    ref: str = Field(primary_key=True)
    concept: str
    name: str
    hypothesis: str = ""
    metric: str = ""
    owner: str = ""
    start_date: Optional[str] = None
    end_date: Optional[str] = None
    budget: str = ""
    scope: str = ""
    tests: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    status: str = "proposed"
    decision: Optional[str] = None
    learnings: str = ""
    pin: Optional[int] = None


class Event(SQLModel, table=True):
    """One change, in order: what was done, by whom, when, and the rows before and after."""

    __tablename__ = "event"
    __table_args__ = (
        UniqueConstraint("workshop_id", "seq"),
        Index("ix_event_phase", "workshop_id", "action"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", ondelete="CASCADE")
    seq: int
    at: str
    actor: str = ""
    action: str
    target: Optional[int] = None
    """For an undo or a redo: the seq of the event it undoes or redoes."""
    summary: str = ""
    phase: str = ""
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


ITEM_TABLES: dict[str, type[SQLModel]] = {
    "counter": Counter,
    "participant": Participant,
    "persona": Persona,
    "stage": Stage,
    "touchpoint": Touchpoint,
    "criterion": Criterion,
    "idea": Idea,
    "link": Link,
    "vote": Vote,
    "concept": Concept,
    "assumption": Assumption,
    "pilot": Pilot,
}
"""Item tables in an order where every table comes after the ones it refers to."""


def _whole_numbers_of_64_bits() -> None:
    """Every whole-number column holds what SQLite's INTEGER holds (64 bits) on PostgreSQL too,
    where a plain INTEGER holds 32; SQLite's own columns stay INTEGER (the id a row alias)."""
    for model in (Workshop, Event, *ITEM_TABLES.values()):
        for column in model.__table__.columns:  # type: ignore[attr-defined]
            if type(column.type) is Integer:
                column.type = BigInteger().with_variant(Integer(), "sqlite")


_whole_numbers_of_64_bits()


def _shape(table: Any) -> Shape:
    return Shape(table.name, [c.name for c in table.columns],
                 json_columns={c.name for c in table.columns if isinstance(c.type, JSON)},
                 flags={c.name for c in table.columns if isinstance(c.type, Boolean)},
                 defaults={c.name: c.default.arg for c in table.columns
                           if c.default is not None and c.default.is_scalar})


SHAPES = Shapes(_shape(Workshop.__table__), _shape(Event.__table__),
                {name: _shape(model.__table__) for name, model in ITEM_TABLES.items()})
"""Every table's shape, for the engine's plain SQL."""
