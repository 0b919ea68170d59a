"""Provides the join addresses: every address of this machine that a phone in the room can reach
when the server listens on all of them, the best one first."""

from __future__ import annotations

import ipaddress
import socket

ALL = ("0.0.0.0", "")
"""Hosts that mean every IPv4 address of this machine."""


def _rank(address: ipaddress.IPv4Address) -> tuple[int, int]:
    # A room's network is nearly always a home or office one (192.168/16, then 10/8, then
    # 172.16/12); a public address may work too; loopback reaches only this machine.
    if address.is_loopback:
        return (9, int(address))
    for n, net in enumerate(("192.168.0.0/16", "10.0.0.0/8", "172.16.0.0/12")):
        if address in ipaddress.ip_network(net):
            return (n, int(address))
    return (5, int(address))


def machine_addresses() -> list[str]:
    """The IPv4 addresses of this machine's network interfaces that are up, best first; loopback
    last and link-local (169.254/16, no network to speak of) left out."""
    import psutil

    stats = psutil.net_if_stats()
    found: set[ipaddress.IPv4Address] = set()
    for name, entries in psutil.net_if_addrs().items():
        if name in stats and not stats[name].isup:
            continue
        for entry in entries:
            if entry.family != socket.AF_INET:
                continue
            try:
                address = ipaddress.IPv4Address(entry.address)
            except ValueError:
                continue
            if not address.is_link_local and not address.is_unspecified:
                found.add(address)
    return [str(a) for a in sorted(found, key=_rank)]


def join_urls(host: str, port: int) -> list[str]:
    """The addresses to join at: for every interface (`0.0.0.0`), each address a phone can reach
    (this machine's own loopback only when there is no other); else the one address given."""
    if host in ALL:
        addresses = machine_addresses()
        reachable = [a for a in addresses if not ipaddress.IPv4Address(a).is_loopback]
        addresses = reachable or ["127.0.0.1"]
    else:
        addresses = [host]
    return [f"http://{_bracketed(a)}:{port}/" for a in addresses]


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host


__all__ = ["ALL", "join_urls", "machine_addresses"]
