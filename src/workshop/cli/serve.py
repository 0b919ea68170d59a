"""Provides `workshop serve W`: the participant pages of a workshop served to the room's network
in the foreground, with the join address, the code and a QR code printed first, until Ctrl+C or
SIGTERM (the only command that loads the web server)."""

from __future__ import annotations

import json
import signal
import threading
from typing import Annotated

import typer

from workshop.cli.context import fail, refuse_in_batch, session
from workshop.cli.options import AsJson, Workshop
from workshop.domain.text import visible

app = typer.Typer()

Host = Annotated[str, typer.Option(
    "--host", metavar="HOST",
    help="The address to listen on: 0.0.0.0 (the default) for every network of this machine, "
         "127.0.0.1 for this machine alone, or one of its addresses.")]
Port = Annotated[int, typer.Option("--port", metavar="PORT", min=0, max=65535,
                                   help="The port to listen on (0: any free port).")]


def _banner(title: str, urls: list[str], code: str) -> str:
    from workshop.serve import qr

    lines = [f"Serving {visible(title)!r} to participants on their own devices.", ""]
    lines.append(f"  Join at  {urls[0]}")
    lines += [f"           {url}" for url in urls[1:]]
    lines += [f"  Code     {code}", ""]
    lines += ["  " + line for line in qr.lines(urls[0])]
    lines += ["", "Ctrl+C stops serving."]
    return "\n".join(lines)


@app.command("serve")
def serve(
    ctx: typer.Context,
    workshop: Workshop,
    host: Host = "0.0.0.0",
    port: Port = 8765,
    as_json: AsJson = False,
) -> None:
    """Serve a workshop's participant pages to the room's network (join address, code, QR code)."""
    refuse_in_batch("`serve`")
    from workshop.serve.server import RoomServer

    s = session(ctx)
    title = s.engine.load(workshop).title  # an unknown workshop is refused before anything listens
    db = s.db_path
    s.close()
    server = RoomServer(db, workshop, host=host, port=port)
    server.start()
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda _sig, _frame: stop.set())
    try:
        if as_json:
            typer.echo(json.dumps({"url": server.url, "urls": server.urls, "code": server.code}))
        else:
            typer.echo(_banner(title, server.urls, server.code))
        while not stop.wait(0.25):
            if not server.running:
                fail("the participant server stopped unexpectedly", 1)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.stop()
    if not as_json:
        typer.echo("Stopped serving; the join code no longer works.")
