"""Provides `make_app`: the participant server's Starlette application for one workshop, built from
its service (the routes of the pages and of the API, the assets served from the package, the
headers every response carries) and turning every refusal into its status and message."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from importlib import resources

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from workshop.domain.errors import WorkshopError
from workshop.serve import api, pages, refusals
from workshop.serve.guard import JSON
from workshop.serve.service import Service

LOG = logging.getLogger("workshop.serve")

ASSETS = {"room.js": "text/javascript; charset=utf-8", "room.css": "text/css; charset=utf-8",
          "icon.svg": "image/svg+xml"}
"""Everything a page loads besides itself, served from the package: nothing from the internet."""

HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                               "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
"""What every response says: the page runs only the script and style of this server, is shown
in no other site's frame, tells no other site where it came from (but its own forms still carry
their origin: with `no-referrer` a browser sends `Origin: null`, which is refused), and is never
cached (it holds what this participant may see now)."""


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def asset(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in ASSETS:
        raise HTTPException(404)
    content = (resources.files("workshop.serve") / "static" / name).read_bytes()
    return Response(content, media_type=ASSETS[name])


def _refusal(request: Request, exc: WorkshopError) -> Response:
    status = refusals.status(exc)
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, refusals.TooMany) else None
    if _wants_json(request):
        return JSON(refusals.body(exc), status_code=status, headers=headers)
    return HTMLResponse(f"<!doctype html><title>{status}</title><p>{_escape(exc.message)}</p>"
                        '<p><a href="/">Back</a></p>', status_code=status, headers=headers)


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


async def _on_refusal(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, WorkshopError)
    return _refusal(request, exc)


async def _on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    words = {404: "not found: there is no such page or API call", 405: "method: not allowed here"}
    message = words.get(exc.status_code, str(exc.detail))
    refused = refusals.Refused(message, "path" if exc.status_code == 404 else "method")
    refused.status = exc.status_code
    return _refusal(request, refused)


async def _on_error(request: Request, exc: Exception) -> Response:
    # A bug, never a participant's mistake: logged in full here, and nothing of it in the answer.
    LOG.error("unexpected error serving %s %s", request.method, request.url.path, exc_info=exc)
    if _wants_json(request):
        return JSON({"error": "server: something went wrong on the server; try again", "field": None},
                    status_code=500)
    return HTMLResponse("<!doctype html><p>Something went wrong on the server; try again.</p>", status_code=500)


class _Headers:
    """Adds `HEADERS` to every response (and the stream's, which must not be buffered)."""

    def __init__(self, app: Callable) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: dict) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _v in message.get("headers", [])}
                extra = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items() if k.lower().encode() not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, sending)


def make_app(service: Service, *, cookie: str, stopping: Callable[[], bool] = lambda: False) -> Starlette:
    """The application serving `service`'s workshop; `cookie` names its session cookie (one per
    server, so two on one machine keep their sessions apart), `stopping` says when the server is
    shutting down (the event streams then end, so it can)."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        import asyncio

        task = asyncio.create_task(service.hub.follow(stopping))
        try:
            yield
        finally:
            service.hub.close("stopped")
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    app = Starlette(
        routes=[*pages.ROUTES, *api.ROUTES, Route("/static/{name}", asset, methods=["GET"])],
        exception_handlers={WorkshopError: _on_refusal, HTTPException: _on_http, Exception: _on_error},
        lifespan=lifespan,
    )
    app.state.service = service
    app.state.cookie = cookie
    app.add_middleware(_Headers)  # type: ignore[arg-type]
    return app


__all__ = ["ASSETS", "HEADERS", "make_app"]
