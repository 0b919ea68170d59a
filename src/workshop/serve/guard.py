"""Provides who a request is from and whether it may write: the session of its cookie or its
bearer token, the CSRF token a cookie's writes must carry (a bearer token is not sent by the
browser on its own, so it needs none), and the refusal of writes sent from another site."""

from __future__ import annotations

import hmac
import json
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

from workshop.serve.refusals import Forbidden, NotSignedIn
from workshop.serve.service import Service
from workshop.serve.sessions import Session

CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf"


def service(request: Request) -> Service:
    return request.app.state.service


def cookie_name(request: Request) -> str:
    return request.app.state.cookie


def client(request: Request) -> str:
    """Who is trying join codes: the client's address (each phone in the room has its own)."""
    return request.client.host if request.client else "unknown"


def session_of(request: Request) -> tuple[Session | None, str]:
    """The request's session and how it came (`bearer` or `cookie`); a bearer token that is not
    (or no longer) a session is refused rather than passed over for the cookie."""
    given = request.headers.get("authorization", "")
    if given:
        scheme, _, token = given.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise NotSignedIn("session: the Authorization header must be 'Bearer TOKEN'", "session")
        found = service(request).sessions.by_token(token.strip())
        if found is None:
            raise NotSignedIn("session: that token is not a session of this server; join again", "session")
        return found, "bearer"
    return service(request).sessions.by_cookie(request.cookies.get(cookie_name(request))), "cookie"


def same_site(request: Request) -> None:
    """Refuse a write that a page of another site made the browser send."""
    if request.headers.get("sec-fetch-site", "") == "cross-site":
        raise Forbidden("origin: the request comes from another site", "origin")
    origin = request.headers.get("origin")
    if origin is not None:
        host = request.headers.get("host", "")
        if origin == "null" or urlsplit(origin).netloc.lower() != host.lower():
            raise Forbidden("origin: the request comes from another site", "origin")


def writer(request: Request, *, form: dict[str, list[str]] | None = None) -> Session | None:
    """The session of a write, after its checks: from this site, and on a cookie with the
    session's CSRF token (the header for the API, the hidden field for a form)."""
    same_site(request)
    session, via = session_of(request)
    if session is not None and via == "cookie":
        sent = (form or {}).get(CSRF_FIELD, [""])[0] if form is not None else request.headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(sent.encode(), session.csrf.encode()):
            raise Forbidden("csrf: the request lacks this page's CSRF token; reload the page", "csrf")
    return session


def set_session_cookie(response: Response, request: Request, session: Session) -> None:
    response.set_cookie(cookie_name(request), session.cookie, httponly=True, samesite="strict", path="/")


def json_bytes(data: Any) -> bytes:
    """JSON as UTF-8; text a file from elsewhere left unencodable (a lone surrogate) is escaped."""
    try:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data, separators=(",", ":")).encode("ascii")


class JSON(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json_bytes(content)


__all__ = ["CSRF_FIELD", "CSRF_HEADER", "JSON", "client", "cookie_name", "json_bytes", "same_site",
           "service", "session_of", "set_session_cookie", "writer"]
