"""The participants' changes written together: a refused one takes back only itself, what was
acknowledged is in the database, and the server's connections answer without Nagle's delay."""

from __future__ import annotations

import asyncio
import socket

import pytest

from workshop.domain.errors import RuleRefused
from workshop.engine import Engine
from workshop.serve.server import _bind
from workshop.serve.writer import Writer


def test_a_refused_change_in_a_burst_takes_back_only_itself(engine: Engine, workshop: int) -> None:
    writer = Writer(engine.store)

    def refused() -> str:
        engine.add_idea(workshop, "Halvveis skrevet før avslaget")
        raise RuleRefused("phase: ideas are written in What If", "phase")

    async def burst() -> list[object]:
        calls = []
        for n in range(12):
            if n == 5:
                calls.append(writer.run(refused))
            else:
                calls.append(writer.run(engine.add_idea, workshop, f"Idé nummer {n} fra Åse", author="Åse"))
        return await asyncio.gather(*calls, return_exceptions=True)

    try:
        outcomes = asyncio.run(burst())
    finally:
        writer.close()
    assert isinstance(outcomes[5], RuleRefused)
    acknowledged = [o for o in outcomes if isinstance(o, str)]
    assert len(acknowledged) == 11
    state = engine.load(workshop)
    texts = [i.text for i in state.ideas]
    assert "Halvveis skrevet før avslaget" not in texts
    assert sorted(i.ref for i in state.ideas if i.text.startswith("Idé nummer")) == sorted(acknowledged)
    assert len(set(acknowledged)) == 11  # every change got its own reference


def test_a_stopped_writer_writes_what_was_waiting_and_refuses_more(engine: Engine, workshop: int) -> None:
    writer = Writer(engine.store)

    async def one() -> str:
        return await writer.run(engine.add_idea, workshop, "Siste idé før stopp")

    ref = asyncio.run(one())
    writer.close()
    assert engine.load(workshop).idea(ref).text == "Siste idé før stopp"
    with pytest.raises(RuntimeError):
        asyncio.run(one())


def test_the_servers_connections_send_each_answer_at_once() -> None:
    """asyncio turns off Nagle's algorithm only on sockets made as TCP; with it on, every answer on
    a kept-alive connection waited for the phone's delayed ACK (40 ms)."""
    listening = _bind("127.0.0.1", 0)
    port = listening.getsockname()[1]
    seen: list[int] = []

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            sock = transport.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def accept_one() -> None:
        server = await asyncio.get_running_loop().create_server(Probe, sock=listening)
        async with server:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            for _ in range(100):
                if seen:
                    break
                await asyncio.sleep(0.01)
            writer.close()

    asyncio.run(accept_one())
    assert seen and seen[0] != 0
