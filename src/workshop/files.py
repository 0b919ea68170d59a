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


class Unreadable(FileUnavailable):
    """A file that `read_bytes` refuses; `reason` says why without naming the file again (for a
    message that names it already, as a playbook problem does)."""

    def __init__(self, field: str, path: Path, reason: str) -> None:
        super().__init__(f"{field}: {path} {reason}", field)
        self.reason = reason


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _size(n: int) -> str:
    return f"{n / MiB:.1f} MiB" if n >= MiB else f"{n:,} bytes"


def _linked(path: Path) -> str:
    """", a link to …," when `path` is a symbolic link, else nothing."""
    return f" (a link to {os.path.realpath(path)})" if path.is_symlink() else ""


def read_bytes(path: str | os.PathLike[str], limit: int, *, field: str = "file") -> bytes:
    """The whole content of a regular file of at most `limit` bytes, or `Unreadable` naming
    `field` and the file: missing, unreadable, a folder, a FIFO, a device, a socket (or a link to
    one), or larger than `limit`. Never blocks: a FIFO is opened without waiting for a writer and
    refused, a device is never read."""
    path = Path(path)
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait until someone writes to it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise Unreadable(field, path, f"{_linked(path)} does not exist".lstrip()) from None
    except IsADirectoryError:
        raise Unreadable(field, path, f"is a folder{_linked(path)}, not a file") from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO on a system that refuses it so
            raise Unreadable(field, path, f"is not a regular file{_linked(path)}") from None
        raise Unreadable(field, path, f"cannot be read: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(field, path, f"is {_kind(info.st_mode)}{_linked(path)}, not a file")
        too_large = f"; workshop reads at most {_size(limit)} here"
        if info.st_size > limit:
            raise Unreadable(field, path, f"is {_size(info.st_size)}{too_large}")
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
            raise Unreadable(field, path, f"is larger than {_size(limit)}{too_large}")
        return b"".join(chunks)
    except OSError as exc:
        raise Unreadable(field, path, f"cannot be read: {exc.strerror}") from None
    finally:
        os.close(fd)


def decode(raw: bytes, path: str | os.PathLike[str], *, field: str = "file") -> str:
    """UTF-8 text (a byte-order mark dropped), or `InvalidInput` naming the file and the byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(field, f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def read_text(path: str | os.PathLike[str], limit: int, *, field: str = "file") -> str:
    """A UTF-8 text file of at most `limit` bytes, read as `read_bytes` reads (see `decode`)."""
    return decode(read_bytes(path, limit, field=field), path, field=field)


def present(path: Path) -> bool:
    """Whether something is at `path`: a file, a folder, a device, a link (even a broken one). What
    is there but cannot be read is then refused by `read_bytes` with its reason, instead of being
    taken for missing."""
    return os.path.lexists(path)


__all__ = ["MiB", "Unreadable", "decode", "present", "read_bytes", "read_text"]
