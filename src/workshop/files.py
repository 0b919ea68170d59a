"""Provides writing a file the user names (an export, a comparison, a report): the file the path
names is written, whatever the path is.

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

from workshop.domain.errors import DiskFull, FileUnavailable

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


__all__ = ["refusal", "write_file"]
