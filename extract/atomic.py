"""Crash-safe file writes and an inter-process lock.

A reader must only ever see a complete old file or a complete new one, whatever moment the writer dies
at. So every write goes to a hidden temp file in the same directory (same filesystem, so the rename is
atomic), is fsync'ed, and only then replaces the target with ``os.replace``. Temp files are named
``.<target name>.<random>.tmp``: hidden, with a suffix no output has, so nobody mistakes a leftover of a
killed writer for data, and ``remove_stale_temps`` can find exactly the ones that belong to a target.

Generic on purpose: the extractor uses it for ``facts.csv``, the build for the curated dataset.
"""

from __future__ import annotations

import errno
import fcntl
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO

TEMP_SUFFIX = ".tmp"
DEFAULT_CHUNK = 1 << 20


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


def _target_mode(target: Path) -> int:
    """Keep the mode of the file being replaced; a new file gets the usual 0666 & ~umask.

    mkstemp creates 0600 files, which would silently hide the dataset from an app run by another user.
    """
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(directory: Path) -> None:
    # The rename itself lives in the directory entry; without this a power cut can undo it.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:  # some filesystems refuse fsync on directories; the rename is still atomic
        if exc.errno not in (errno.EINVAL, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _open_temp(target: Path) -> tuple[int, Path]:
    """A new temp file beside ``target`` with the mode ``target`` will have."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=TEMP_SUFFIX, dir=target.parent)
    os.fchmod(fd, _target_mode(target))
    return fd, Path(tmp_name)


def stage_bytes(
    target: Path | str,
    data: bytes,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    on_chunk: Callable[[], None] | None = None,
) -> Path:
    """Write ``data`` to a durable temp file beside ``target`` and return its path (target untouched).

    ``on_chunk`` runs after each chunk; tests use it to slow the write down so they can kill it midway.
    On any error the temp file is removed.
    """
    fd, tmp = _open_temp(Path(target))
    try:
        with os.fdopen(fd, "wb") as fh:
            view = memoryview(data)
            for pos in range(0, len(view), max(1, chunk_size)):
                fh.write(view[pos:pos + chunk_size])
                if on_chunk is not None:
                    fh.flush()
                    on_chunk()
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


@contextmanager
def atomic_open(path: Path | str, mode: str = "w", encoding: str | None = "utf-8",
                newline: str | None = "") -> Iterator[IO]:
    """Stream into ``path`` without holding the content in memory: write to the yielded file; it
    replaces ``path`` only if the block ends without an exception (else ``path`` stays as it was).

    ``mode`` is "w" or "wb"; text mode defaults to UTF-8 with no newline translation.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open writes whole files: mode 'w' or 'wb', not {mode!r}")
    target = Path(path)
    fd, tmp = _open_temp(target)
    text_args = {"encoding": encoding, "newline": newline} if mode == "w" else {}
    try:
        with os.fdopen(fd, mode, **text_args) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        commit({target: tmp})
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def commit(staged: Mapping[Path, Path]) -> None:
    """Move staged temp files onto their targets (target -> temp). Each rename is atomic."""
    for target, tmp in staged.items():
        os.replace(tmp, target)
    for directory in sorted({t.parent for t in staged}):
        _fsync_dir(directory)


def atomic_write_many(
    files: Mapping[Path | str, bytes],
    *,
    chunk_size: int = DEFAULT_CHUNK,
    on_chunk: Callable[[], None] | None = None,
) -> None:
    """Replace several files, none of them before all are written and synced.

    A crash while staging leaves every target as it was. Only the renames at the end are not one
    transaction (POSIX has none for several files), but each file alone is always whole.
    """
    staged: dict[Path, Path] = {}
    try:
        for target, data in files.items():
            staged[Path(target)] = stage_bytes(target, data, chunk_size=chunk_size, on_chunk=on_chunk)
        commit(staged)
    except BaseException:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path | str, data: bytes, **kwargs) -> None:
    """Replace ``path`` with ``data`` atomically (see the module docstring)."""
    atomic_write_many({Path(path): data}, **kwargs)


def atomic_write_text(path: Path | str, text: str, encoding: str = "utf-8", **kwargs) -> None:
    """Replace ``path`` with ``text`` atomically. No newline translation: what you pass is what lands."""
    atomic_write_bytes(path, text.encode(encoding), **kwargs)


def remove_stale_temps(target: Path | str) -> list[Path]:
    """Delete temp files a killed writer left beside ``target``; return what was removed.

    Call it only while holding the lock that guards ``target``, or a live writer's temp file goes too.
    """
    target = Path(target)
    if not target.parent.is_dir():
        return []
    removed = []
    for tmp in sorted(target.parent.glob(f"{_temp_prefix(target)}*{TEMP_SUFFIX}")):
        tmp.unlink(missing_ok=True)
        removed.append(tmp)
    return removed


@contextmanager
def locked(path: Path | str, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` (created if missing) for the duration of the block.

    The kernel drops the lock when the process dies, however it dies, so a killed holder never leaves
    a stale lock behind. ``on_wait`` is called once if another process holds the lock, before blocking.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
