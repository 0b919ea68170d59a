"""Provides what goes in and out of the database: `export` (Markdown, CSV for a tracker, JSON
archive, the printable journey map and the emotion curve), `import`
of an archive, and `log`, the event log as readable lines."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from workshop.cli.context import fail, session
from workshop.cli.options import AsJson, Workshop
from workshop.cli.output import data, done, emit, local_time, one_line, table
from workshop.files import write_file

if TYPE_CHECKING:
    from workshop.engine.archive import Imported

app = typer.Typer()


class What(str, enum.Enum):
    journey = "journey"
    backlog = "backlog"
    report = "report"
    csv = "csv"
    json = "json"
    map = "map"
    curve = "curve"


class Tracker(str, enum.Enum):
    generic = "generic"
    jira = "jira"
    azure = "azure"


class Fence(str, enum.Enum):
    backticks = "backticks"
    azure = "azure"
    none = "none"


def write_out(out: Path | None, content: str) -> None:
    """Print `content`, or write it to the file `--out` names (`-` is the standard output)."""
    if out is None or str(out) == "-":
        typer.echo(content, nl=not content.endswith("\n"))
    else:
        write_file(out, content, "out")


@app.command("export")
def export(
    ctx: typer.Context, workshop: Workshop,
    what: Annotated[What, typer.Option("--what", help="journey map, pilot backlog, full report (Markdown), "
                                                      "backlog as CSV, the JSON archive, the printable "
                                                      "journey map (HTML) or the emotion curve (SVG).")] = What.report,
    mermaid: Annotated[Fence, typer.Option(
        "--mermaid", help="How diagrams are fenced: backticks (GitHub, GitLab, Obsidian, Notion), "
                          "azure (Azure DevOps) or none (Confluence).")] = Fence.backticks,
    tracker: Annotated[Optional[Tracker], typer.Option(
        "--tracker", show_default=False,
        help="The CSV's layout: generic (the default), jira (Jira Cloud's CSV importer) or azure "
             "(Azure Boards' CSV import).")] = None,
    bom: Annotated[bool, typer.Option("--bom", help="Start the CSV with a byte order mark, for Excel on Windows.")] = False,
    out: Annotated[Optional[Path], typer.Option("--out", metavar="FILE", show_default=False,
                                                help="Write to this file instead of printing (`-`: print).")] = None,
    at: Annotated[Optional[str], typer.Option(
        "--at", metavar="EVENT|TIME", show_default=False,
        help="The workshop as it was after this event number or at this time (ISO, local unless "
             "an offset is given).")] = None,
) -> None:
    """Export a workshop as Markdown, CSV, a JSON archive, a printable map or the emotion curve (as
    it is, or as it was --at a point)."""
    from workshop.export import render

    if what is not What.csv and (tracker is not None or bom):
        fail(f"{'--tracker' if tracker is not None else '--bom'} applies only to --what csv", 2)

    s = session(ctx)
    engine = s.reader
    if at is not None:
        from workshop.replay import state_at_point

        state, events = state_at_point(engine, workshop, at)
    else:
        state = engine.load(workshop)
        # The archive holds the whole log; the report counts its changes; the rest need none of it.
        events = (engine.events(state.id) if what is What.json
                  else engine.events(state.id, changes=False) if what is What.report else [])
    s.keep_what_was_read(state.event_count)
    content = render(what.value, state, events, mermaid=mermaid.value,
                     tracker=(tracker or Tracker.generic).value, bom=bom)
    if isinstance(content, bytes):
        content = content.decode("utf-8")
    write_out(out, content)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A JSON archive made by `export --what json`.",
                                         show_default=False)],
    as_json: AsJson = False,
) -> None:
    """Import a workshop from a JSON archive, with its event log; print the new id."""
    from workshop.export.archive import read_archive
    from workshop.export.archive_bounds import MAX_BYTES
    from workshop.files import read_text

    s = session(ctx)
    # Read (bounded, a regular file only) and checked before the database is opened.
    data = read_archive(read_text(file, MAX_BYTES))
    made = s.engine.import_archive(data, actor=s.actor)
    imported(as_json, made, "the archive", "imported")


def imported(as_json: bool, made: Imported, source: str, verb: str, **extra: str) -> None:
    """Confirm an import (or a copy into another database), with notes on what had to change."""
    if made.changed and not as_json:
        taken = " and ".join(made.changed)
        were = "were" if len(made.changed) > 1 else "was"
        typer.echo(f"note: {source}'s {taken} {were} already in this database; {verb} as {made.slug}", err=True)
    if made.cleaned and not as_json:
        many = len(made.cleaned) != 1
        typer.echo(f"note: {len(made.cleaned)} text{'s' if many else ''} of {source} held control characters "
                   f"or terminal escape sequences, removed as from pasted text: {', '.join(made.cleaned[:5])}"
                   f"{' …' if len(made.cleaned) > 5 else ''}", err=True)
    done(as_json, made.id, slug=made.slug, changed=list(made.changed), cleaned=list(made.cleaned), **extra)


@app.command("log")
def log(ctx: typer.Context, workshop: Workshop, as_json: AsJson = False) -> None:
    """Show the event log: every change, in order, with its local time and who made it."""
    engine = session(ctx).reader
    wid = engine.workshop_id(workshop)
    events = engine.events(wid)
    emit(as_json, {"id": wid, "events": data(events)}, lambda: table(
        ("SEQ", "TIME", "ACTOR", "SUMMARY"),
        [(e.seq, local_time(e.at), e.actor or "—", one_line(e.summary)) for e in events]))
