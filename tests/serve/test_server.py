"""`RoomServer`, the interface the terminal interface starts and stops serving with: it listens
when `start` returns, says where to join and with which code, counts who has a page open, and
refuses a port in use clearly, changing nothing."""

from __future__ import annotations

import socket

import httpx
import pytest

from workshop.domain.errors import AddressUnavailable, NotFound
from workshop.serve.addresses import join_urls
from workshop.serve.server import RoomServer


def test_it_serves_once_started_and_not_after_stopping(db_path, room: int) -> None:
    served = RoomServer(str(db_path), room, host="127.0.0.1", port=0)
    assert not served.running and served.code == "" and served.online() == {}
    served.start()
    try:
        assert served.running and served.port > 0
        assert served.url == f"http://127.0.0.1:{served.port}/" and served.urls == [served.url]
        assert httpx.get(served.url, timeout=10).status_code == 200
    finally:
        served.stop()
    assert not served.running
    with pytest.raises(httpx.ConnectError):
        httpx.get(served.url, timeout=5)


def test_a_port_in_use_is_refused_with_a_clear_message(db_path, room: int) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        served = RoomServer(str(db_path), room, host="127.0.0.1", port=port)
        with pytest.raises(AddressUnavailable) as refused:
            served.start()
        assert str(refused.value) == f"port: {port} is in use on this machine (another server?); choose another with --port"
        assert refused.value.exit_code == 13 and not served.running
    finally:
        taken.close()


def test_a_host_not_of_this_machine_and_an_unknown_workshop_are_refused(db_path, room: int) -> None:
    with pytest.raises(AddressUnavailable, match=r"^host: 192\.0\.2\.123 is not an address of this machine"):
        RoomServer(str(db_path), room, host="192.0.2.123", port=0).start()
    with pytest.raises(NotFound, match="^workshop: no workshop 'nope'"):
        RoomServer(str(db_path), "nope", host="127.0.0.1", port=0).start()


def test_on_every_interface_the_join_addresses_are_this_machines(db_path, room: int) -> None:
    served = RoomServer(str(db_path), room, port=0)  # 0.0.0.0, as the terminal interface starts it
    served.start()
    try:
        assert served.urls == join_urls("0.0.0.0", served.port) and served.url == served.urls[0]
        for url in served.urls:
            assert url.startswith("http://") and url.endswith(f":{served.port}/")
        assert httpx.get(f"http://127.0.0.1:{served.port}/", timeout=10).status_code == 200
    finally:
        served.stop()
