"""Provides what the participant server's tests share: a participant's HTTP client (by bearer
token, or by cookie as the page is), reading the event stream, and the command line's own
message for a refusal, to compare with the server's."""

from __future__ import annotations

import json
import queue
import re
import threading
from dataclasses import dataclass, field
from typing import Any

import httpx
from typer.testing import CliRunner

from workshop.cli import app as cli_app

TIMEOUT = httpx.Timeout(20.0)


def cli(db: str, *args: str) -> tuple[int, str]:
    """Run `workshop --db DB ARGS…`; its exit code and what it said (stdout, else stderr)."""
    result = CliRunner().invoke(cli_app, ["--db", db, *[str(a) for a in args]])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, (result.stdout or result.stderr).strip()


def cli_error(db: str, *args: str) -> str:
    """The message of a command the CLI refuses, as the server should give it ("error: " left off)."""
    code, said = cli(db, *args)
    assert code != 0, said
    return said.removeprefix("error: ")


@dataclass
class Person:
    """One participant's device talking to the server."""

    url: str
    name: str
    ref: str = ""
    token: str = ""
    csrf: str = ""
    client: httpx.Client = field(default=None)  # type: ignore[assignment]
    seen: list[httpx.Response] = field(default_factory=list)
    """Every response this device received (for the leak tests)."""

    def __post_init__(self) -> None:
        if self.client is None:
            self.client = httpx.Client(base_url=self.url, timeout=TIMEOUT, follow_redirects=False,
                                       event_hooks={"response": [self._keep]})

    def _keep(self, response: httpx.Response) -> None:
        self.seen.append(response)

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers(), **kwargs.pop("headers", {})}
        response = self.client.request(method, path, headers=headers, **kwargs)
        response.read()
        return response

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, json=body, **kwargs)

    def patch(self, path: str, body: Any = None, **kwargs: Any) -> httpx.Response:
        return self.request("PATCH", path, json=body, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", path, **kwargs)

    def state(self) -> dict[str, Any]:
        response = self.get("/api/state")
        assert response.status_code == 200, response.text
        return response.json()

    def page(self) -> str:
        """The page as a browser without JavaScript gets it (with the cookie)."""
        response = self.client.get("/")
        response.read()
        assert response.status_code == 200, response.text
        found = re.search(r'<meta name="csrf-token" content="([^"]+)">', response.text)
        if found:
            self.csrf = found.group(1)
        return response.text

    def form(self, path: str, fields: dict[str, Any] | list[tuple[str, str]]) -> httpx.Response:
        """Post a form as the page does without JavaScript (cookie and CSRF field)."""
        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields)
        data: dict[str, list[str]] = {"csrf": [self.csrf]}
        for name, value in pairs:
            data.setdefault(name, []).extend(value if isinstance(value, list) else [str(value)])
        response = self.client.post(path, data=data, headers={"Origin": self.url.rstrip("/")})
        response.read()
        return response


def join(url: str, code: str, name: str, *, cookie: bool = False) -> Person:
    """Join with the code; the device then sends its bearer token (or, with `cookie`, its cookie
    and the page's CSRF token, as the page does)."""
    person = Person(url, name)
    response = person.post("/api/join", {"code": code, "name": name})
    assert response.status_code == 200, response.text
    body = response.json()
    person.ref = body["participant"]
    if cookie:
        person.page()
    else:
        person.token = body["token"]
        person.client.cookies.clear()
    return person


class Stream:
    """A participant's event stream read in a thread: its messages arrive on a queue."""

    def __init__(self, person: Person) -> None:
        self.person = person
        self.messages: queue.Queue[tuple[str, dict[str, Any]]] = queue.Queue()
        self.raw: list[str] = []
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        event = "message"
        client = httpx.Client(base_url=self.person.url, timeout=httpx.Timeout(30.0, read=None),
                              cookies=self.person.client.cookies)
        try:
            with client.stream("GET", "/api/events", headers=self.person.headers()) as response:
                self.status = response.status_code
                for line in response.iter_lines():
                    self.raw.append(line)
                    if line.startswith("event: "):
                        event = line.removeprefix("event: ")
                    elif line.startswith("data: "):
                        self.messages.put((event, json.loads(line.removeprefix("data: "))))
                    if self._done.is_set():
                        break
        except httpx.HTTPError:
            pass
        finally:
            client.close()
            self.messages.put(("closed", {}))

    def next(self, timeout: float = 10.0) -> tuple[str, dict[str, Any]]:
        return self.messages.get(timeout=timeout)

    def quiet(self, seconds: float) -> list[tuple[str, dict[str, Any]]]:
        """The messages that arrive within `seconds` (none, when nothing changed for them)."""
        got = []
        try:
            while True:
                got.append(self.messages.get(timeout=seconds))
        except queue.Empty:
            return got

    def close(self) -> None:
        self._done.set()
