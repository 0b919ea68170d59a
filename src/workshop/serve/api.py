"""Provides the JSON API (documented in `docs/api.md`), which the participant page itself uses:
join, what this participant may see now, touchpoints, ideas, changes to their own items, dots,
and the stream of Server-Sent Events that tells the page when its view changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from workshop.serve import inputs
from workshop.serve.guard import (
    JSON, client, json_bytes, same_site, service, session_of, set_session_cookie, writer,
)
from workshop.serve.views import participant_view

KEEP_ALIVE_SECONDS = 15.0
"""A comment line this often keeps an idle stream open through phones' and proxies' timeouts."""


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _seen(view: dict) -> dict:
    """What goes out as the participant's state: their view, and the server's time so the page
    can count a running timer down by the facilitator's clock, not the phone's."""
    return {**view, "now": now()}


async def join(request: Request) -> Response:
    """`POST /api/join {"code", "name"}` → the participant and a bearer token, and the page's
    session cookie."""
    same_site(request)  # nobody's page elsewhere may sign a browser in here
    inputs_ = inputs.fields(await inputs.read_json(request), inputs.JOIN, "a join")
    made, person = await service(request).join(inputs_["code"], inputs_["name"], client(request))
    response = JSON({"participant": person.ref, "name": person.name, "token": made.token})
    set_session_cookie(response, request, made)
    return response


async def leave(request: Request) -> Response:
    """`POST /api/leave`: end this session (the page's "Not you?")."""
    session = writer(request)
    if session is not None:
        service(request).sessions.end(session)
    response = Response(status_code=204)
    response.delete_cookie(request.app.state.cookie, path="/")
    return response


async def state(request: Request) -> Response:
    """`GET /api/state`: what this participant may see now."""
    session, _via = session_of(request)
    person, current = await service(request).who(session)
    return JSON(_seen(participant_view(current, person.ref)))


async def add_touchpoint(request: Request) -> Response:
    session = writer(request)
    data = inputs.fields(await inputs.read_json(request), inputs.TOUCHPOINT, "a touchpoint")
    return JSON({"id": await service(request).add_touchpoint(session, data)}, status_code=201)


async def add_idea(request: Request) -> Response:
    session = writer(request)
    data = inputs.fields(await inputs.read_json(request), inputs.IDEA, "an idea")
    return JSON({"id": await service(request).add_idea(session, data)}, status_code=201)


async def edit_item(request: Request) -> Response:
    session = writer(request)
    ref = request.path_params["ref"]
    schema, what = inputs.edit_schema(ref.strip()[:1].upper())
    data = inputs.fields(await inputs.read_json(request), schema, what, partial=True)
    return JSON({"id": await service(request).edit(session, ref, data)})


async def remove_item(request: Request) -> Response:
    session = writer(request)
    return JSON({"id": await service(request).remove(session, request.path_params["ref"])})


async def cast_vote(request: Request) -> Response:
    session = writer(request)
    data = inputs.fields(await inputs.read_json(request), inputs.VOTE, "a vote")
    return JSON(await service(request).vote(session, data["idea"]), status_code=201)


async def withdraw_vote(request: Request) -> Response:
    session = writer(request)
    return JSON(await service(request).vote(session, request.path_params["idea"], take_back=True))


async def done_voting(request: Request) -> Response:
    session = writer(request)
    return JSON(await service(request).done_voting(session, done=request.method == "POST"))


def _message(event: str, data: object) -> bytes:
    return b"event: " + event.encode() + b"\ndata: " + json_bytes(data) + b"\n\n"


async def events(request: Request) -> Response:
    """`GET /api/events`: one `state` message now and then one whenever this participant's view
    changes; `ended` when their session ends or the server stops."""
    session, _via = session_of(request)
    rooms = service(request)
    person, _current = await rooms.who(session)
    hub = rooms.hub

    async def stream() -> AsyncIterator[bytes]:
        hub.connect(person.ref)
        try:
            yield b"retry: 2000\n\n"
            sent = None
            while True:
                if hub.closed:
                    yield _message("ended", {"reason": hub.closed})
                    return
                current = hub.state
                me = current.participant(person.ref)
                if me is None or me.blocked:
                    rooms.sessions.end_all(person.ref)
                    yield _message("ended", {"reason": "removed"})
                    return
                if rooms.sessions.by_token(session.token) is None:
                    yield _message("ended", {"reason": "left"})
                    return
                view = participant_view(current, person.ref)
                if view != sent:
                    yield _message("state", _seen(view))
                    sent = view
                if not await hub.changed(KEEP_ALIVE_SECONDS):
                    yield b": still here\n\n"
        finally:
            hub.disconnect(person.ref)

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


ROUTES = [
    Route("/api/join", join, methods=["POST"]),
    Route("/api/leave", leave, methods=["POST"]),
    Route("/api/state", state, methods=["GET"]),
    Route("/api/events", events, methods=["GET"]),
    Route("/api/touchpoints", add_touchpoint, methods=["POST"]),
    Route("/api/ideas", add_idea, methods=["POST"]),
    Route("/api/items/{ref}", edit_item, methods=["PATCH"]),
    Route("/api/items/{ref}", remove_item, methods=["DELETE"]),
    Route("/api/votes", cast_vote, methods=["POST"]),
    Route("/api/votes/{idea}", withdraw_vote, methods=["DELETE"]),
    Route("/api/done", done_voting, methods=["POST", "DELETE"]),
]

__all__ = ["ROUTES"]
