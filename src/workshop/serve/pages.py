"""Provides the participant pages: HTML rendered on the server from the participant's view, with
forms that post and work without JavaScript (the page's script, when it runs, sends the same
forms to the JSON API instead and keeps the page live). User text is data, never markup: the
templates escape everything they are given."""

from __future__ import annotations

import re
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from workshop.domain.errors import AccessRemoved, WorkshopError
from workshop.domain.model import WorkshopState
from workshop.domain.text import visible
from workshop.domain.timers import clock_text, parse_moment, utc_now
from workshop.domain.values import CHANNELS, FEELINGS
from workshop.serve import inputs, refusals
from workshop.serve.api import now
from workshop.serve.guard import client, cookie_name, same_site, service, session_of, set_session_cookie, writer
from workshop.serve.refusals import NotSignedIn
from workshop.serve.views import participant_view
from workshop.serve.words import fill, room_words, strings

_REF = re.compile(r"^[A-Z]\d{1,9}$")


def _shown(value: Any) -> Any:
    # Text another program left with a control character in it shows the character as a mark;
    # what the templates mark safe themselves (the JSON blocks) goes out as it is.
    return visible(value) if isinstance(value, str) and not isinstance(value, Markup) else value


TEMPLATES = Environment(loader=PackageLoader("workshop.serve", "templates"), autoescape=True,
                        finalize=_shown, trim_blocks=True, lstrip_blocks=True)
TEMPLATES.filters["fill"] = lambda pattern, **values: fill(pattern, **values)


def timer_text(view: dict[str, Any], s: dict[str, str]) -> str:
    """The phase timer in words at this moment (the page's script counts it on)."""
    clock = view.get("timer")
    if not clock:
        return ""
    used = clock["elapsed"]
    if clock["running"] and clock["since"]:
        used += (utc_now() - parse_moment(clock["since"])).total_seconds()
    left = clock["timebox"] - used
    words = fill(s["timer_left"], time=clock_text(left)) if left >= 0 else fill(s["timer_over"], time=clock_text(-left))
    return words if clock["running"] else f"{words} ({s['timer_paused']})"


def _page(request: Request, template: str, state: WorkshopState, status: int = 200, **context: Any) -> Response:
    s = strings(state.lang)
    words = room_words(state)
    feelings = [(n, f"{n:+d}".replace("+0", "0").replace("-", "−") + f" {words['feelings'][n]}") for n in sorted(FEELINGS)]
    values = {"error": None, "typed": {}, "notice": "", "csrf": "", "message": ""} | context
    html = TEMPLATES.get_template(template).render(
        s=s, words=words, lang=state.lang or "en", title=state.title, feelings=feelings,
        channels=[(c, words["channels"][c]) for c in CHANNELS], **values)
    return HTMLResponse(html, status_code=status)


async def _room(request: Request, status: int = 200, **context: Any) -> Response:
    """The participant's page for the phase the workshop is in, or the join page when the
    request has no session (or one that has ended)."""
    rooms = service(request)
    try:
        session, _via = session_of(request)
        person, state = await rooms.who(session)
    except (NotSignedIn, AccessRemoved) as refused:
        state = await rooms.hub.fresh()
        note = "" if request.cookies.get(cookie_name(request)) is None else (
            "access_removed" if isinstance(refused, AccessRemoved) else "session_gone")
        response = _page(request, "join.html", state, 200, step="code", message=note and strings(state.lang)[note])
        if note:
            response.delete_cookie(cookie_name(request), path="/")
        return response
    view = participant_view(state, person.ref)
    return _page(request, "room.html", state, status, view=view, csrf=session.csrf,
                 timer=timer_text(view, strings(state.lang)), now=now(),
                 idea_texts={i["ref"]: i["text"] for i in view.get("ideas", [])}, **context)


async def home(request: Request) -> Response:
    saved = request.query_params.get("saved", "")
    removed = request.query_params.get("removed", "")
    notice = ""
    s = strings((await service(request).hub.fresh()).lang)
    if _REF.match(saved):
        notice = fill(s["saved"], ref=saved)
    elif _REF.match(removed):
        notice = fill(s["removed"], ref=removed)
    return await _room(request, notice=notice)


def _one(form: dict[str, list[str]], name: str) -> str:
    return (form.get(name) or [""])[0]


async def join(request: Request) -> Response:
    """The join form: first the code, then (with the right code) the name."""
    rooms = service(request)
    state = await rooms.hub.fresh()
    code = ""
    try:
        same_site(request)
        form = await inputs.read_form(request)
        code, name = _one(form, "code"), _one(form, "name").strip() or _one(form, "own_name").strip()
        if not name:
            state = await rooms.check_code(code, client(request))
            return _page(request, "join.html", state, step="name", code=code, names=rooms.names(state),
                         open_join=state.open_join)
        made, _person = await rooms.join(code, name, client(request))
    except WorkshopError as refused:
        step = "name" if refusals.field(refused) == "name" else "code"
        message = strings(state.lang).get(getattr(refused, "key", ""), "") or refused.message
        return _page(request, "join.html", state, refusals.status(refused), step=step, message=message,
                     code=code if step == "name" else "", names=rooms.names(state), open_join=state.open_join)
    response = RedirectResponse("/", status_code=303)
    set_session_cookie(response, request, made)
    return response


async def leave(request: Request) -> Response:
    form = await inputs.read_form(request)
    session = writer(request, form=form)
    if session is not None:
        service(request).sessions.end(session)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(cookie_name(request), path="/")
    return response


def _touchpoint_fields(form: dict[str, list[str]]) -> dict[str, Any]:
    feeling = _one(form, "feeling")
    return {"text": _one(form, "text"), "stage": _one(form, "stage"),
            "feeling": int(feeling) if re.fullmatch(r"-?\d", feeling) else None,
            "pains": [line.strip() for line in _one(form, "pains").splitlines() if line.strip()],
            "channel": _one(form, "channel") or None}


def _idea_fields(form: dict[str, list[str]]) -> dict[str, Any]:
    return {"text": _one(form, "text"), "touchpoints": form.get("touchpoints", [])}


async def _post(request: Request, act: Any, typed_from: Any = None, back: str = "/") -> Response:
    """Run a form's action; then back to the page, or the page again with the refusal next to
    what was typed."""
    form: dict[str, list[str]] = {}
    try:
        form = await inputs.read_form(request)
        session = writer(request, form=form)
        done = await act(session, form)
    except WorkshopError as refused:
        if isinstance(refused, (NotSignedIn, AccessRemoved)):
            return await _room(request)
        typed = typed_from(form) if typed_from else {}
        return await _room(request, refusals.status(refused), typed=typed,
                           error={"message": refused.message, "field": refusals.field(refused)})
    return RedirectResponse(back.format(done=done), status_code=303)


async def add_touchpoint(request: Request) -> Response:
    return await _post(request, lambda session, form: service(request).add_touchpoint(
        session, _touchpoint_fields(form)), _touchpoint_fields, "/?saved={done}")


async def add_idea(request: Request) -> Response:
    return await _post(request, lambda session, form: service(request).add_idea(
        session, _idea_fields(form)), _idea_fields, "/?saved={done}")


async def vote(request: Request) -> Response:
    return await _post(request, lambda session, form: service(request).vote(session, _one(form, "idea")))


async def unvote(request: Request) -> Response:
    return await _post(request, lambda session, form: service(request).vote(
        session, _one(form, "idea"), take_back=True))


async def done_voting(request: Request) -> Response:
    return await _post(request, lambda session, _form: service(request).done_voting(session))


async def not_done_voting(request: Request) -> Response:
    return await _post(request, lambda session, _form: service(request).done_voting(session, done=False))


async def edit_page(request: Request, status: int = 200, **context: Any) -> Response:
    """The form to change one of the participant's own items (back to the page when it is not
    theirs, or its phase is over)."""
    ref = request.path_params["ref"].strip().upper()
    rooms = service(request)
    try:
        session, _via = session_of(request)
        person, state = await rooms.who(session)
    except WorkshopError:
        return await _room(request)
    view = participant_view(state, person.ref)
    kind = "touchpoints" if ref[:1] == "T" else "ideas"
    item = next((i for i in view.get(kind, []) if i["ref"] == ref and i["mine"]), None)
    if item is None or not view["can"][kind]:
        return RedirectResponse("/", status_code=303)
    return _page(request, "edit.html", state, status, view=view, item=item, kind=kind, csrf=session.csrf,
                 **context)


async def edit_item(request: Request) -> Response:
    ref = request.path_params["ref"]
    pick = _touchpoint_fields if ref.strip()[:1].upper() == "T" else _idea_fields
    form: dict[str, list[str]] = {}
    try:
        form = await inputs.read_form(request)
        session = writer(request, form=form)
        done = await service(request).edit(session, ref, pick(form))
    except WorkshopError as refused:
        if isinstance(refused, (NotSignedIn, AccessRemoved)):
            return await _room(request)
        return await edit_page(request, refusals.status(refused), typed=pick(form) if form else {},
                               error={"message": refused.message, "field": refusals.field(refused)})
    return RedirectResponse(f"/?saved={done}", status_code=303)


async def remove_item(request: Request) -> Response:
    return await _post(request, lambda session, form: service(request).remove(
        session, request.path_params["ref"]), None, "/?removed={done}")


ROUTES = [
    Route("/", home, methods=["GET"]),
    Route("/join", join, methods=["POST"]),
    Route("/leave", leave, methods=["POST"]),
    Route("/touchpoints", add_touchpoint, methods=["POST"]),
    Route("/ideas", add_idea, methods=["POST"]),
    Route("/votes", vote, methods=["POST"]),
    Route("/votes/remove", unvote, methods=["POST"]),
    Route("/done", done_voting, methods=["POST"]),
    Route("/done/remove", not_done_voting, methods=["POST"]),
    Route("/items/{ref}", edit_page, methods=["GET"]),
    Route("/items/{ref}", edit_item, methods=["POST"]),
    Route("/items/{ref}/delete", remove_item, methods=["POST"]),
]

__all__ = ["ROUTES", "TEMPLATES", "timer_text"]
