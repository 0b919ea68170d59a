"""Provides `RoomServer`: the participant server of one workshop, uvicorn serving the app in a
background thread, for `workshop serve` (which waits in the foreground) and for the terminal
interface's `j` (which goes on with the facilitator's work); where to join, the join code, and
who has a page open."""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import socket
import threading
from pathlib import Path

import uvicorn

from workshop.domain.errors import AddressUnavailable
from workshop.engine import Engine, open_engine
from workshop.replay.follow import Follower
from workshop.serve.addresses import join_urls
from workshop.serve.app import make_app
from workshop.serve.hub import Hub
from workshop.serve.service import Service
from workshop.serve.sessions import JoinGuard

START_SECONDS = 15.0
"""How long `start` waits for the server to listen before giving up."""

LOG = logging.getLogger("workshop.serve")
_LOGGERS = ("workshop.serve", "uvicorn", "uvicorn.error")


def log_file() -> Path:
    """Where the server writes what went wrong on its side (a bug, a thread that died): never on
    the terminal, which may be the facilitator's app. `WORKSHOP_LOG_DIR`, else the user log
    folder, as the app's own reports."""
    env = os.environ.get("WORKSHOP_LOG_DIR")
    if env:
        return Path(env) / "serve.log"
    from platformdirs import user_log_dir

    return Path(user_log_dir("workshop", appauthor=False)) / "serve.log"


def _keep_logs() -> None:
    target = log_file()
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        logger.propagate = False
        if not any(getattr(h, "baseFilename", None) == str(target) for h in logger.handlers):
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                logger.addHandler(logging.NullHandler())
                continue
            handler = logging.FileHandler(target, encoding="utf-8", delay=True)  # made on the first record
            handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
            handler.setLevel(logging.WARNING)
            logger.addHandler(handler)


def _bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so that a port in use is a clear refusal (uvicorn would
    only log it and exit the thread).

    The protocol is named: asyncio turns off Nagle's delay only on sockets that say they are TCP,
    and with it on every answer on a kept-alive connection waited 40 ms for the phone's ACK."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM,
                         socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host or "0.0.0.0", port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise AddressUnavailable(f"port: {port} is in use on this machine (another server?); choose "
                                     "another with --port", "port") from None
        if exc.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT) or isinstance(exc, socket.gaierror):
            raise AddressUnavailable(f"host: {host} is not an address of this machine", "host") from None
        if exc.errno == errno.EACCES:
            raise AddressUnavailable(f"port: {port} needs privileges to listen on; choose one from 1024 up",
                                     "port") from None
        raise AddressUnavailable(f"port: cannot listen on {host}:{port} ({exc.strerror})", "port") from None
    return sock


class RoomServer:
    """Serves the participant pages of `workshop` from the database `db`, on `host:port` (port 0:
    any free port)."""

    def __init__(self, db: str, workshop: int | str, *, host: str = "0.0.0.0", port: int = 8765,
                 guard: JoinGuard | None = None) -> None:
        self.db = db
        self.workshop = workshop
        self.host = host
        self.port = port
        self.guard = guard
        self.urls: list[str] = []
        """Every address to join at (every address of this machine a phone can reach, when
        serving on all of them), the best first."""
        self._service: Service | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._failed: BaseException | None = None
        self._stopping = False
        self._engine: Engine | None = None

    # starting and stopping -----------------------------------------------------------------

    def start(self) -> None:
        """Listen and serve in a background thread; returns once the server takes requests.
        A port in use (or a host not of this machine) is an `AddressUnavailable`."""
        if self.running:
            return
        _keep_logs()
        engine = open_engine(self.db)
        try:
            wid = engine.workshop_id(self.workshop)
            sock = _bind(self.host, self.port)
        except BaseException:
            engine.store.close()
            raise
        self._engine = engine
        self.port = sock.getsockname()[1]
        self.urls = join_urls(self.host, self.port)
        self._service = Service(engine, wid, Hub(Follower(engine, wid)), guard=self.guard)
        self._stopping, self._failed = False, None
        app = make_app(self._service, cookie=f"workshop-{self.port}", stopping=lambda: self._stopping)
        config = uvicorn.Config(app, log_config=None, access_log=False, log_level="warning", lifespan="on",
                                timeout_graceful_shutdown=3, timeout_keep_alive=5)
        self._server = uvicorn.Server(config)
        started = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(sock, started), name=f"serve-{self.port}",
                                        daemon=True)
        self._thread.start()
        started.wait(START_SECONDS)
        if not self._server.started:
            self.stop()
            why = f" ({self._failed})" if self._failed else ""
            raise AddressUnavailable(f"port: the participant server did not start on {self.port}{why}", "port")

    def _run(self, sock: socket.socket, started: threading.Event) -> None:
        assert self._server is not None

        async def serve() -> None:
            watcher = asyncio.create_task(_announce(self._server, started))
            try:
                await self._server.serve(sockets=[sock])
            finally:
                watcher.cancel()

        try:
            asyncio.run(serve())
        except BaseException as exc:  # noqa: BLE001 - the thread's end is reported by start()
            self._failed = exc
            LOG.error("the participant server stopped: %s", exc, exc_info=exc)
        finally:
            sock.close()
            started.set()

    def stop(self) -> None:
        """Stop serving: every open page is told the session has ended; returns once stopped."""
        self._stopping = True
        if self._server is not None:
            self._server.should_exit = True
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=10)
        if self._service is not None:
            self._service.close()
        if self._engine is not None:
            self._engine.store.close()
        # The code and the sessions die with the server.
        self._server = self._thread = self._engine = self._service = None

    @property
    def running(self) -> bool:
        return bool(self._server is not None and self._server.started and not self._stopping
                    and self._thread is not None and self._thread.is_alive())

    # what the facilitator sees ---------------------------------------------------------------

    @property
    def url(self) -> str:
        """The best join address."""
        return self.urls[0] if self.urls else f"http://{self.host}:{self.port}/"

    @property
    def code(self) -> str:
        """The join code (dies with the server)."""
        return self._service.code if self._service is not None else ""

    def rotate_code(self) -> str:
        """A new join code: the old one stops working; who joined with it stays."""
        if self._service is None:
            raise AddressUnavailable("server: the participant server is not running", "server")
        return self._service.rotate_code()

    def online(self) -> dict[str, int]:
        """Participant reference → their pages open now (each holds one event stream)."""
        return self._service.hub.online() if self._service is not None and self.running else {}


async def _announce(server: uvicorn.Server, started: threading.Event) -> None:
    while not server.started:
        await asyncio.sleep(0.02)
    started.set()


__all__ = ["RoomServer", "START_SECONDS", "log_file"]
