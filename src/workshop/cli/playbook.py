"""Provides `workshop playbook`: copy the bundled playbook to adapt it, check a playbook file by
file, and show a phase guide in the terminal."""

from __future__ import annotations

import errno
import json
import shutil
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from workshop.domain.errors import InvalidInput
from workshop.files import refusal
from workshop.paths import bundled_playbook

INVALID = InvalidInput.exit_code
"""Exit code for a playbook with problems."""

app = typer.Typer(
    name="playbook",
    help="The facilitation playbook: phase guides, prompts, the room's words and journey templates.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _session_value(ctx: typer.Context, name: str) -> Optional[str]:
    """A global option (`workshop --lang … playbook …`) when the command itself was given none."""
    value = getattr(ctx.obj, name, None) if ctx.obj is not None else None
    return str(value) if value else None


def _first_os_error(exc: shutil.Error) -> OSError:
    """The first file `copytree` could not copy, as an `OSError` (it gathers them all)."""
    for _source, _target, why in exc.args[0] if exc.args and isinstance(exc.args[0], list) else []:
        if isinstance(why, OSError):
            return why
        text = str(why)
        if "No space left" in text:
            return OSError(errno.ENOSPC, text)
    return OSError(errno.EIO, str(exc))


@app.command("init")
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="A new or empty folder for your copy.")],
) -> None:
    """Copy the bundled playbook to DIR, to edit and use with --playbook DIR."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InvalidInput("DIR", f"{folder} already exists and is not an empty folder; choose a new one")
    existed = folder.exists()
    try:
        shutil.copytree(bundled_playbook(), folder, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", ".*"))
    except OSError as exc:  # shutil.Error, which gathers every file not copied, is one too
        # Half a playbook is worse than none: what was copied goes, the folder is as it was.
        if not existed:
            shutil.rmtree(folder, ignore_errors=True)
        elif folder.is_dir():
            for made in folder.iterdir():
                if made.is_dir() and not made.is_symlink():
                    shutil.rmtree(made, ignore_errors=True)
                else:
                    made.unlink(missing_ok=True)
        cause = _first_os_error(exc) if isinstance(exc, shutil.Error) else exc
        raise refusal("DIR", folder, cause, "copy the playbook to", kept="nothing was left there") from None
    typer.echo(f"Copied the playbook to {folder}.")
    typer.echo("Edit its Markdown files, then check them and use them:")
    typer.echo(f"  workshop playbook check {folder}")
    typer.echo(f"  workshop --playbook {folder} …   (or set WORKSHOP_PLAYBOOK={folder})")


@app.command("check")
def check(
    ctx: typer.Context,
    folder: Annotated[Optional[Path], typer.Argument(
        metavar="[DIR]", help="The playbook to check (default: --playbook, WORKSHOP_PLAYBOOK, else the bundled one).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the problems as JSON.")] = False,
) -> None:
    """Check every file of a playbook; each problem is printed as file:line: what is wrong."""
    from workshop.playbook import Playbook
    from workshop.playbook import check as check_folder
    from workshop.playbook.checker import checked_files

    # A folder named on the command line keeps its spelling, so problems read as the user wrote it.
    root = folder if folder else Playbook.resolve(_session_value(ctx, "playbook")).root
    problems = check_folder(root)
    if as_json:
        typer.echo(json.dumps({"playbook": str(root), "files": checked_files(root),
                               "problems": [{"file": p.file, "line": p.line, "message": p.message} for p in problems]},
                              ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            typer.echo(str(problem), err=True)
    if problems:
        if not as_json:
            typer.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {root}", err=True)
        raise typer.Exit(INVALID)
    if not as_json:
        typer.echo(f"{root}: all {checked_files(root)} files are fine.")


@app.command("show")
def show(
    ctx: typer.Context,
    phase: Annotated[str, typer.Argument(help="brief, what-is, what-if, what-wows or what-works.")],
    lang: Annotated[Optional[str], typer.Option("--lang", help="Language of the guide (en, nb; default WORKSHOP_LANG).")] = None,
    playbook: Annotated[Optional[Path], typer.Option(
        "--playbook", metavar="DIR", help="A playbook folder (default WORKSHOP_PLAYBOOK, else the bundled one).")] = None,
    raw: Annotated[bool, typer.Option("--raw", help="Print the guide's Markdown as it is, without formatting.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the guide as JSON.")] = False,
) -> None:
    """Print the guide for a phase, in the room's language (English when it has none, and says so)."""
    from workshop.playbook import Playbook

    book = Playbook.resolve(playbook or _session_value(ctx, "playbook"), lang or _session_value(ctx, "lang"))
    guide = book.guide(phase)
    if as_json:
        typer.echo(json.dumps(_guide_data(guide), ensure_ascii=False, indent=2))
    elif raw:
        if guide.note:
            typer.echo(guide.note, err=True)
        from workshop.files import read_text
        from workshop.playbook.markdown import MAX_FILE

        typer.echo(read_text(guide.path, MAX_FILE, field="guide"), nl=False)
    else:
        _render(guide, book.vocabulary)


def _guide_data(guide: Any) -> dict[str, Any]:
    return {
        "phase": guide.phase, "title": guide.title, "timebox": guide.timebox,
        "activities": [{"name": a.name, "minutes": a.minutes} for a in guide.activities],
        "lang": guide.lang, "requested": guide.requested, "fallback": guide.fallback,
        "note": guide.note, "file": str(guide.path), "sections": guide.sections, "body": guide.body,
    }


def _render(guide: Any, words: Any) -> None:
    """The guide laid out for a terminal: title, timebox and activities, a visible fallback note,
    then the Markdown body."""
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False, emoji=False)
    head = Text()
    head.append(guide.title, style="bold")
    head.append(f"\n{words.phase(guide.phase)} · {guide.timebox} min · {guide.lang}", style="dim")
    console.print(Panel(head, expand=True))
    if guide.note:
        console.print(Panel(Text(guide.note), border_style="yellow", title="!", title_align="left"))
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(justify="right", style="dim")
    table.add_column()
    table.add_column(justify="right")
    for number, activity in enumerate(guide.activities, start=1):
        table.add_row(f"{number}.", Text(activity.name), f"{activity.minutes} min")
    console.print(table)
    console.print()
    body = guide.body
    first, _, rest = body.partition("\n")
    if first.strip() == f"# {guide.title}":  # the panel above already shows the title
        body = rest.lstrip("\n")
    console.print(Markdown(body, hyperlinks=False))
    console.print(Text(str(guide.path), style="dim"))
