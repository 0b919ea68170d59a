"""Provides the files workshop reads and writes at the user's word.

Reading (an archive to import, the playbook's Markdown files) is bounded: only a regular file is
read, never more than a limit, and never by waiting on a named pipe or reading a device without
end. A file that cannot be read this way is refused at once with `FileUnavailable`, whose message
names the file and what is in its place (a folder, a named pipe, a device, a link to one), or how
large it is against the limit.

Writing (an export, a comparison, a report) writes the file the path names, whatever the path is:

- A symbolic link is followed: the file it points to is written and the link stays a link.
- A device, a named pipe or a socket (`/dev/stdout`, `/dev/fd/3`, a FIFO another program reads)
  is written as a stream, in place: never replaced by a regular file.
- A regular file is replaced whole or not at all: the text goes to a temporary file beside the
  real file, is flushed to disk, then renamed over it, so a crash never leaves half a file. The
  replaced file keeps its permissions (and, where allowed, its owner); a new file gets the
  permissions the user's umask gives every new file.
- A full disk is told as a full disk, and the file is left as it was.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from workshop.domain.errors import DiskFull, FileUnavailable, InvalidInput

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

# writing ---------------------------------------------------------------------------------------

_NO_ROOM = (errno.ENOSPC, errno.EDQUOT)
_MAX_LINKS = 40


def _through_proc(path: Path) -> bool:
    """Whether the path leads through /proc (as `/dev/stdout` and `/dev/fd/N` do): a process's
    open file, which is written where the process has it open, never replaced."""
    current = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        parent = os.path.realpath(os.path.dirname(current))
        current = os.path.join(parent, os.path.basename(current))
        if current == "/proc" or current.startswith("/proc/"):
            return True
        if not os.path.islink(current):
            return False
        current = os.path.normpath(os.path.join(parent, os.readlink(current)))
    return False


def refusal(field: str, path: Path, exc: OSError, doing: str = "write", *, kept: str = "it was left "
            "as it was") -> Exception:
    """The user-facing error for an `OSError` met writing `path`: a full disk, a folder in a
    file's place, a part of the path that is a file, or what the system said."""
    if exc.errno in _NO_ROOM:
        return DiskFull(f"{field}: disk full: there is no room left to write {path}; {kept}. Free "
                        "some space and try again", field)
    if exc.errno == errno.EISDIR:
        return FileUnavailable(f"{field}: {path} is a folder; give a file name", field)
    if exc.errno == errno.ENOTDIR:
        return FileUnavailable(f"{field}: cannot {doing} {path}: a part of that path is a file, "
                               "not a folder", field)
    return FileUnavailable(f"{field}: cannot {doing} {path}: {exc.strerror or exc}", field)


def _write_stream(path: Path, data: bytes, field: str) -> None:
    """Write to a device, a pipe or a process's open file, where it stands (appending, as a
    shell's `>>` would, so a file a shell opened for the command is never cut)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_NOCTTY)
    except OSError as exc:
        raise refusal(field, path, exc) from None
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except OSError as exc:
        raise refusal(field, path, exc, kept="what was written before it stopped stays there") from None
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make a rename in `folder` survive a crash (where the system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _replace(path: Path, real: Path, data: bytes, field: str, existing: os.stat_result | None) -> None:
    """Write a regular file whole or not at all: a temporary file beside it, renamed over it."""
    folder = real.parent
    if not folder.is_dir():
        raise FileUnavailable(f"{field}: the folder {folder} does not exist", field)
    temp = folder / f".{real.name}.{secrets.token_hex(4)}.tmp"
    try:
        # 0o666 less the umask: the permissions any new file of this user gets.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666)
    except OSError as exc:
        raise refusal(field, path, exc) from None
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if existing is not None:
                os.fchmod(fd, stat.S_IMODE(existing.st_mode))
                if (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
                    try:
                        os.fchown(fd, existing.st_uid, existing.st_gid)
                    except OSError:
                        pass  # only the owner's own files, or root, may change hands
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, real)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise refusal(field, path, exc) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def write_file(path: Path | str, content: str | bytes, field: str = "out") -> None:
    """Write `content` (text as UTF-8) to the file `path` names; see the module's description.

    Raises `FileUnavailable` (a folder in a file's place, a folder that does not exist, no
    permission) or `DiskFull`, naming `field`.
    """
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        existing: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise refusal(field, path, exc) from None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise FileUnavailable(f"{field}: {path} is a folder; give a file name", field)
    if existing is not None and (not stat.S_ISREG(existing.st_mode) or _through_proc(path)):
        _write_stream(path, data, field)
        return
    _replace(path, Path(os.path.realpath(path)), data, field, existing)


__all__ = ["MiB", "Unreadable", "decode", "present", "read_bytes", "read_text", "refusal", "write_file"]
