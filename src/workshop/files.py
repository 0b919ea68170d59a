"""Provides the bounded reading of the files workshop is given to read (an archive to import, the
playbook's Markdown files): only a regular file is read, never more than a limit, and never by
waiting on a named pipe or reading a device without end.

A file that cannot be read this way is refused at once with `FileUnavailable`, whose message names
the file and what is in its place (a folder, a named pipe, a device, a link to one), or how large
it is against the limit.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from workshop.domain.errors import FileUnavailable, InvalidInput

MiB = 1024 * 1024

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _size(n: int) -> str:
    return f"{n / MiB:.1f} MiB" if n >= MiB else f"{n:,} bytes"


def _where(path: Path) -> str:
    """The file as named, and where it leads when it is a link."""
    if path.is_symlink():
        return f"{path} (a link to {os.path.realpath(path)})"
    return str(path)


def read_bytes(path: str | os.PathLike[str], limit: int, *, field: str = "file") -> bytes:
    """The whole content of a regular file of at most `limit` bytes, or `FileUnavailable` naming
    `field` and the file: missing, unreadable, a folder, a FIFO, a device, a socket (or a link to
    one), or larger than `limit`. Never blocks: a FIFO is opened without waiting for a writer and
    refused, a device is never read."""
    path = Path(path)
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait until someone writes to it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        missing = f"{path} links to {os.path.realpath(path)}, which" if path.is_symlink() else str(path)
        raise FileUnavailable(f"{field}: {missing} does not exist", field) from None
    except IsADirectoryError:
        raise FileUnavailable(f"{field}: {_where(path)} is a folder, not a file", field) from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO on a system that refuses it so
            raise FileUnavailable(f"{field}: {_where(path)} is not a regular file", field) from None
        raise FileUnavailable(f"{field}: cannot read {path}: {exc.strerror}", field) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileUnavailable(f"{field}: {_where(path)} is {_kind(info.st_mode)}, not a file", field)
        if info.st_size > limit:
            raise FileUnavailable(
                f"{field}: {path} is {_size(info.st_size)}; workshop reads at most {_size(limit)} here", field)
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        got = 0
        # Read to the limit and one byte more: a file that grows while it is read (or that says
        # it is empty, as /proc's do) is still never read past the limit.
        while got <= limit:
            chunk = os.read(fd, min(limit + 1 - got, MiB))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:
            raise FileUnavailable(
                f"{field}: {path} is larger than {_size(limit)}; workshop reads at most that here", field)
        return b"".join(chunks)
    except OSError as exc:
        raise FileUnavailable(f"{field}: cannot read {path}: {exc.strerror}", field) from None
    finally:
        os.close(fd)


def read_text(path: str | os.PathLike[str], limit: int, *, field: str = "file") -> str:
    """A UTF-8 text file of at most `limit` bytes (a byte-order mark is dropped), read as
    `read_bytes` reads; text that is not UTF-8 is refused naming the file and the byte."""
    raw = read_bytes(path, limit, field=field)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(field, f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def present(path: Path) -> bool:
    """Whether something is at `path`: a file, a folder, a device, a link (even a broken one). What
    is there but cannot be read is then refused by `read_bytes` with its reason, instead of being
    taken for missing."""
    return os.path.lexists(path)


__all__ = ["MiB", "present", "read_bytes", "read_text"]
