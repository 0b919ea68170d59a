"""Provides the commands on whole workshops: new, list, show, copy, delete, phase, undo and redo,
themes, and opening the terminal interface (open, demo)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from workshop.cli.context import Session, fail, refuse_prompt, session
from workshop.cli.launch import open_tui
from workshop.cli.options import AsJson, Projector, Workshop, flag, list_option, text_option
from workshop.cli.output import done, emit, local_time, one_line, state_data, table
from workshop.domain import validate
from workshop.store.url import shown
from workshop.domain.errors import InvalidInput

app = typer.Typer()

Template = Annotated[Optional[str], typer.Option(
    "--template", metavar="NAME",
    help="The journey's stages: core-processes (the default), buyers-journey or lifecycle.")]


Challenge = text_option("--challenge", "The challenge, as \"How might we …?\"")
Stages = list_option("--stage", "A stage of your own instead of a template's; repeat, in order.", "NAME")
Facilitator = text_option("--facilitator", "Who facilitates.", "NAME")


@app.command("new")
def new(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(metavar="TITLE", help="The workshop's title.", show_default=False)],
    challenge: Challenge = None,
    template: Template = None,
    stages: Stages = None,
    facilitator: Facilitator = None,
    as_json: AsJson = False,
) -> None:
    """Create a workshop and print its id."""
    from workshop.playbook import Playbook, stage_names

    s = session(ctx)
    if stages and template:
        fail("give either --template or --stage, not both")
    book = Playbook.resolve(s.playbook, s.lang)
    names = stages
    if not names:
        template = template or "core-processes"
        names = stage_names(template, book.root, lang=book.lang)
    # The workshop keeps the playbook's folder and fingerprint, so a replay shows the room's guidance.
    wid, slug = s.engine.create_workshop(
        title, challenge=challenge, template=template or "", stages=names, facilitator=facilitator,
        playbook=book.stamp, lang=book.lang, actor=s.actor,
    )
    done(as_json, wid, slug=slug)


@app.command("list")
def list_(ctx: typer.Context, as_json: AsJson = False) -> None:
    """List the workshops, most recently changed first."""
    from workshop.cli.output import data

    summaries = session(ctx).reader.list_workshops()

    def text() -> str:
        if not summaries:
            return "No workshops yet: `workshop new TITLE` or `workshop demo`."
        return table(
            ("ID", "SLUG", "TITLE", "PHASE", "TOUCHPOINTS", "IDEAS", "PILOTS", "CHANGED"),
            [(w.id, w.slug, one_line(w.title, 48), w.phase, w.touchpoints, w.ideas, w.pilots,
              local_time(w.updated_at)) for w in summaries],
        )

    emit(as_json, {"workshops": data(summaries)}, text)


@app.command("show")
def show(ctx: typer.Context, workshop: Workshop, as_json: AsJson = False) -> None:
    """Show a workshop: the brief, the people, the journey, ideas, concepts and the pilot backlog."""
    from workshop.cli.show import render

    s = session(ctx)
    state = s.reader.load(workshop)
    s.keep_what_was_read(state.event_count)
    emit(as_json, state_data(state), lambda: render(state))


Title = text_option("--title", "The copy's title (default: the title with \"(copy)\").")


To = Annotated[Optional[str], typer.Option(
    "--to", metavar="DB", show_default=False,
    help="Another database (a file, or a URL such as postgresql+psycopg://user@host/db): the "
         "workshop moves there with its whole event log, and stays here too.")]


@app.command("copy")
def copy(
    ctx: typer.Context,
    workshop: Workshop,
    title: Title = None,
    to: To = None,
    as_json: AsJson = False,
) -> None:
    """Copy a workshop as it is now (for a new session on the same journey); print the new id.
    With --to, copy it with its whole event log into another database instead."""
    s = session(ctx)
    if to is None:
        wid, slug = s.engine.duplicate_workshop(workshop, title, actor=s.actor)
        done(as_json, wid, slug=slug)
        return
    _copy_elsewhere(s, workshop, title, to, as_json)


def _copy_elsewhere(s: Session, workshop: str, title: str | None, to: str, as_json: bool) -> None:
    from workshop.cli.io import imported
    from workshop.domain.errors import InvalidInput
    from workshop.engine import open_engine
    from workshop.store.url import same_database

    if title is not None:
        raise InvalidInput("title", "a copy into another database keeps its title and its whole "
                                    "event log; rename it there with `workshop edit brief`")
    if not to.strip():
        raise InvalidInput("to", "is empty; give a database file or URL")
    if same_database(to, s.db_path):
        raise InvalidInput("to", "names the database the workshop is in already; "
                                 "`workshop copy W` without --to makes a copy here")
    state_id = s.engine.workshop_id(workshop)  # an unknown workshop is named before anything is made
    target = open_engine(to)
    try:
        made = s.engine.copy_to(state_id, target, actor=s.actor)
    finally:
        target.store.close()
    imported(as_json, made, "the workshop", "copied", database=shown(to))


Yes = flag("--yes", "Delete without asking.")


@app.command("delete")
def delete(
    ctx: typer.Context,
    workshop: Workshop,
    yes: Yes = False,
    as_json: AsJson = False,
) -> None:
    """Delete a workshop and everything in it, including its event log (cannot be undone)."""
    engine = session(ctx).engine
    state = engine.load(workshop)
    if not yes:
        refuse_prompt("delete", "--yes")
        typer.confirm(f"Delete workshop {state.id} {state.title!r} and its {state.event_count} events?",
                      abort=True, err=True)
    engine.delete_workshop(state.id)
    done(as_json, state.id, f"deleted workshop {state.id}", deleted=True)


@app.command("phase")
def phase(
    ctx: typer.Context,
    workshop: Workshop,
    name: Annotated[str, typer.Argument(metavar="PHASE", show_default=False,
                                        help="brief, what-is, what-if, what-wows or what-works.")],
    as_json: AsJson = False,
) -> None:
    """Move the workshop to a phase (groups often go back; any phase can follow any other)."""
    s = session(ctx)
    moved = s.engine.set_phase(workshop, name, actor=s.actor)
    emit(as_json, {"id": s.engine.workshop_id(workshop), "phase": moved.value}, f"now in {moved.title}")


Actor = text_option("--actor", "Whose change to take back (default: the global --actor or "
                     "WORKSHOP_ACTOR; without one, the changes logged without an actor).", "NAME")


def _take_back(ctx: typer.Context, workshop: str, action: str, actor: str | None, as_json: bool) -> None:
    s = session(ctx)
    who = validate.name("actor", actor, required=False) if actor is not None else s.actor
    result = getattr(s.engine, action)(workshop, actor=who)
    emit(as_json, {"id": s.engine.workshop_id(workshop), "seq": result.seq,
                   "undone" if action == "undo" else "redone": result.target,
                   "summary": result.summary, "words": result.words},
         result.words)


@app.command("undo")
def undo(ctx: typer.Context, workshop: Workshop, actor: Actor = None, as_json: AsJson = False) -> None:
    """Undo your latest change (again and again): the actor's own, never anyone else's. The undo
    is itself logged; it is refused if someone has changed or built on that change since."""
    _take_back(ctx, workshop, "undo", actor, as_json)


@app.command("redo")
def redo(ctx: typer.Context, workshop: Workshop, actor: Actor = None, as_json: AsJson = False) -> None:
    """Redo your latest undone change, if you have changed nothing since."""
    _take_back(ctx, workshop, "redo", actor, as_json)


@app.command("theme")
def theme(
    ctx: typer.Context,
    workshop: Workshop,
    names: Annotated[list[str], typer.Argument(
        metavar="OLD... NEW", show_default=False,
        help="The theme's name now and its new name; several names now merge those themes into NEW "
             "(an existing theme's name merges them into it). With --idea, only NEW.")],
    ideas: Annotated[Optional[list[str]], typer.Option(
        "--idea", metavar="REF", show_default=False,
        help="Put this idea in the theme NEW instead (repeat for several, or I1,I3); NEW empty takes "
             "them out of their themes.")] = None,
    as_json: AsJson = False,
) -> None:
    """Rename a theme on every idea in it, merge several themes into one, or put several ideas in a
    theme; each is one change (one undo)."""
    s = session(ctx)
    *old, new = names
    if ideas:
        if old:
            raise InvalidInput("theme", "with --idea give only the theme the ideas go to")
        refs = [ref for item in ideas for ref in item.replace(",", " ").split()]
        changed = s.engine.set_theme(workshop, refs, new, actor=s.actor)
        emit(as_json, {"id": s.engine.workshop_id(workshop), "theme": new.strip(), "ideas": changed},
             f"put {len(changed)} idea{'s' if len(changed) != 1 else ''} in the theme: {', '.join(changed)}")
        return
    if not old:
        raise InvalidInput("theme", "give the theme's name now and its new name (or --idea)")
    if len(old) == 1:
        count = s.engine.rename_theme(workshop, old[0], new, actor=s.actor)
        text = f"renamed the theme on {count} idea{'s' if count != 1 else ''}"
    else:
        count = s.engine.merge_themes(workshop, old, new, actor=s.actor)
        text = f"merged {len(old)} themes: {count} idea{'s' if count != 1 else ''} moved"
    emit(as_json, {"id": s.engine.workshop_id(workshop), "theme": new.strip(), "ideas": count}, text)


Replay = flag("--replay", "Step through how the workshop went, read-only.")


@app.command("open")
def open_(
    ctx: typer.Context,
    workshop: Workshop,
    projector: Projector = False,
    replay: Replay = False,
) -> None:
    """Open a workshop in the terminal interface."""
    s = session(ctx)
    wid = s.engine.workshop_id(workshop)
    open_tui(s, wid, projector=projector, replay=replay)


NoTui = flag("--no-tui", "Only create the demo workshop and print its id.")


@app.command("demo")
def demo(
    ctx: typer.Context,
    no_tui: NoTui = False,
    projector: Projector = False,
    as_json: AsJson = False,
) -> None:
    """Create (or refresh) the demo workshop, a web shop whose deliveries are late, and open it."""
    from workshop.demo import build_demo
    from workshop.playbook import Playbook, normalise_lang

    s = session(ctx)
    lang = normalise_lang(s.lang) if s.lang else "nb"  # the demo room speaks Norwegian unless told
    book = Playbook.resolve(s.playbook, lang)
    wid = build_demo(s.engine, playbook=book.stamp, lang=book.lang)
    if no_tui:
        done(as_json, wid, slug=s.engine.load(wid).slug)
        return
    open_tui(s, wid, projector=projector)
