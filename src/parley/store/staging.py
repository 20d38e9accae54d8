"""Writers never open the live store file: they write a private copy and swap it in when done.

DuckDB lets one process open a file for writing only while no other process has it open at all, so a
writer working on the live file would lock out `parley serve` and every query for the whole ingest.
Instead a writer (Store opened for writing on a file):

1. takes `<db>.lock` (flock, exclusive, never waits): one writer per store; a second one fails at
   once with a message naming the store;
2. works in `<db>.ingest`: a copy of the live file made under the lock (through a temporary name,
   so the staging file is always whole), or the one a killed writer left, which DuckDB's own WAL
   replay brings back to its last committed batch — a rerun resumes there;
3. when done, checkpoints and closes it, then renames it over the live file (fsynced): readers see
   the old store or the new one, never a mix, and readers that have the old file open keep reading
   it until they reopen.
"""
from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import duckdb

from parley.errors import StoreError


def wal(path: Path) -> Path:
    """DuckDB's write-ahead log beside a database file."""
    return path.with_name(path.name + ".wal")


def file_version(path: Path) -> tuple[int, ...] | None:
    """What changes whenever the file at path is replaced or written: identity, size and mtime of the
    file and of its WAL; None when there is no file."""
    try:
        main = path.stat()
    except OSError:
        return None
    try:
        log = wal(path).stat()
        extra = (log.st_size, log.st_mtime_ns)
    except OSError:
        extra = (-1, -1)
    return (main.st_dev, main.st_ino, main.st_size, main.st_mtime_ns, *extra)


class Staging:
    """The writer's lock on a live store file and its private working copy (see the module docstring)."""

    def __init__(self, live: Path) -> None:
        self.live = live
        self.path = live.with_name(live.name + ".ingest")
        self.lock = live.with_name(live.name + ".lock")
        self._fd = _acquire(self.lock, live)
        try:
            if not self.path.exists():
                self._prepare()
        except BaseException:
            self.release()
            raise

    def _prepare(self) -> None:
        """Make the staging file: the live store (its WAL folded in) or a new empty database, renamed into place whole."""
        tmp = self.path.with_name(self.path.name + ".tmp")
        for leftover in (tmp, wal(tmp)):
            leftover.unlink(missing_ok=True)
        try:
            if self.live.exists():
                shutil.copyfile(self.live, tmp)
                if wal(self.live).exists():
                    shutil.copyfile(wal(self.live), wal(tmp))
            con = duckdb.connect(str(tmp))  # replays a copied WAL; creates the file when there was no store
            con.execute("CHECKPOINT")
            con.close()
            _fsync(tmp)
            tmp.replace(self.path)
            _fsync(self.path.parent)
        except (OSError, duckdb.Error) as exc:
            raise StoreError(f"{self.live}: cannot make the working copy {self.path} ({exc})") from exc

    def publish(self) -> None:
        """Swap the closed, checkpointed staging file in as the live store."""
        if wal(self.path).exists():
            raise StoreError(f"{self.path}: not checkpointed; left in place, the next ingest resumes from it")
        try:
            _fsync(self.path)
            wal(self.live).unlink(missing_ok=True)  # folded into the staging file when it was made
            self.path.replace(self.live)
            _fsync(self.live.parent)
        except OSError as exc:
            raise StoreError(f"{self.live}: could not replace it with {self.path} ({exc})") from exc

    def release(self) -> None:
        """Let the next writer in; safe to call twice."""
        if self._fd >= 0:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = -1


def _acquire(lock: Path, live: Path) -> int:
    """An open descriptor holding an exclusive flock on lock; StoreError at once when another writer holds it."""
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"{live}: cannot open store ({exc})") from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        os.close(fd)
        raise StoreError(
            f"{live}: another ingest{f' (pid {holder})' if holder else ''} is writing to this store; "
            "wait for it to finish, or ingest into another --db"
        ) from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
    return fd


def _fsync(path: Path) -> None:
    """Flush a file's (or a directory's entries') data to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
