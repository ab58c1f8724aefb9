"""Daily copies of the library made with SQLite's backup API, and putting one back (no Qt).

A backup is a whole, self-contained library file (no -wal beside it), written
to a temporary name, flushed to disk, then renamed: a crash or a full disk
leaves yesterday's backups as they were, never half a file under a real name.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import tempfile
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from lupus_reader import APP_NAME
from lupus_reader.storage.db import (
    LIBRARY_FILE,
    SCHEMA_VERSION,
    Database,
    NewerDatabaseError,
    StorageError,
    connect,
    describe,
    error_code,
    header_version,
    migrate,
    move_aside,
)

BACKUP_FOLDER = "backups"
KEEP = 7
_BACKUP_NAME = re.compile(r"library-(\d{4}-\d{2}-\d{2})\.sqlite3")
_TEMP_PREFIX = ".library-"
_STALE_TEMP_SECONDS = 3600
NOTHING_CHANGED = "Nothing was changed."


def backup_name(day: dt.date) -> str:
    return f"library-{day.isoformat()}.sqlite3"


def backups(folder: Path) -> list[Path]:
    """The backups in ``folder``, newest first."""
    try:
        found = [p for p in folder.iterdir() if _BACKUP_NAME.fullmatch(p.name) and p.is_file()]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name, reverse=True)


def make_daily_backup(
    database: Database, folder: Path, keep: int = KEEP, today: dt.date | None = None
) -> Path | None:
    """Copy the open library into ``folder`` once a day, keeping the newest ``keep`` copies.

    Returns the new backup, or None if today's exists already. Raises a
    StorageError (StorageFullError, ReadOnlyError) if it cannot be written;
    the backups already there are left as they were.
    """
    target = folder / backup_name(today or dt.date.today())
    if target.exists():
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(folder)
        temp = _copy(database.connection, folder)
        os.replace(temp, target)
        _sync_folder(folder)
    except (sqlite3.Error, OSError) as error:
        raise describe(error, "today's backup") from error
    for old in [p for p in backups(folder) if p != target][max(keep, 1) - 1 :]:
        with suppress(OSError):  # a backup that cannot be removed now is removed another day
            old.unlink()
    return target


@dataclass(frozen=True)
class Contents:
    """What a library holds, to tell the reader what a restore brought back."""

    notes: int
    bookmarks: int
    questions: int

    def __str__(self) -> str:
        return f"{self.notes} note(s), {self.bookmarks} bookmark(s), {self.questions} question(s)"


def check_backup(backup: Path) -> Contents:
    """Make sure ``backup`` is a library this version can use; StorageError says why not."""
    connection = _open_backup(backup)
    try:
        return _contents(connection)
    finally:
        connection.close()


def restore(backup: Path, data_dir: Path) -> Path | None:
    """Put ``backup`` in place of the library in ``data_dir``; return where the old library went.

    The backup is checked first and a StorageError raised, with nothing changed,
    if it is not a healthy library this version can open, or if Lupus Reader has
    the library open. The old library (with its -wal/-shm files) is renamed, never
    deleted; None if there was none.
    """
    library = data_dir / LIBRARY_FILE
    source = _open_backup(backup)
    try:
        if library.is_file() and _in_use(library):
            raise StorageError(
                f"Lupus Reader has the library in {data_dir} open: close it, then restore again. "
                + NOTHING_CHANGED
            )
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            temp = _copy(source, data_dir)
        except (sqlite3.Error, OSError) as error:
            raise _unchanged(error) from error
    finally:
        source.close()
    aside: Path | None = None
    had_library = library.exists()
    try:
        # A -wal left without its library would be replayed onto the restored one: it goes too.
        if had_library or any(p.exists() for p in _companions(library)):
            aside = move_aside(library, "before-restore")
        os.replace(temp, library)
        _sync_folder(data_dir)
    except OSError as error:
        temp.unlink(missing_ok=True)
        if aside is not None and not library.exists():
            _put_back(aside, library)
        raise _unchanged(error) from error
    return aside if had_library else None


def restore_command(backup: Path, data_dir: Path, out: TextIO, err: TextIO) -> int:
    """``lupus-reader restore BACKUP``: 0 when the backup is in place, 1 (reason on ``err``) if not."""
    try:
        contents = check_backup(backup)
        aside = restore(backup, data_dir)
    except StorageError as error:
        err.write(f"{APP_NAME}: cannot restore: {error}\n")
        return 1
    out.write(f"Restored your library in {data_dir} from {backup}: {contents}.\n")
    if aside is not None:
        out.write(f"The library you had before is kept, unchanged, as {aside}\n")
    else:
        out.write("There was no library there before.\n")
    out.write("Start Lupus Reader to see it (it must be closed while restoring).\n")
    return 0


# -- helpers ---------------------------------------------------------------------------------


def _copy(source: sqlite3.Connection, folder: Path) -> Path:
    """Copy with the backup API into a new temporary file in ``folder``, flushed to disk."""
    fd, name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".tmp", dir=folder)
    os.close(fd)
    temp = Path(name)
    try:
        target = sqlite3.connect(temp, isolation_level=None)
        try:
            source.backup(target)
            # The copy carries the library's WAL flag; a backup must be one file on its own.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        _sync_file(temp)
    except BaseException:
        for leftover in (temp, *_companions(temp), temp.with_name(temp.name + "-journal")):
            leftover.unlink(missing_ok=True)
        raise
    return temp


def _open_backup(backup: Path) -> sqlite3.Connection:
    """A read-only connection to a backup that passed every check; StorageError if one fails."""

    def refuse(reason: str) -> StorageError:
        return StorageError(f"{backup} {reason}. {NOTHING_CHANGED}")

    if not backup.is_file():
        raise refuse("does not exist" if not backup.exists() else "is not a file")
    try:
        version = header_version(backup)
    except OSError as error:
        raise refuse(f"cannot be read ({error.strerror or error})") from error
    if version is None:
        raise refuse("is not a Lupus Reader library (it is not an SQLite database)")
    if version > SCHEMA_VERSION:
        raise NewerDatabaseError(
            f"{backup} was made by a newer Lupus Reader (library version {version}; this one knows "
            f"up to {SCHEMA_VERSION}): restore it with the newer version. {NOTHING_CHANGED}"
        )
    # Immutable: reading the backup must not even add a -shm file beside it. A -wal beside
    # it holds part of its contents, so then it is read the ordinary way.
    connection = connect(backup, read_only=True, immutable=not _companions(backup)[0].exists())
    try:
        result = connection.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise refuse(f"is damaged ({result})")
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise NewerDatabaseError(
                f"{backup} was made by a newer Lupus Reader (library version {version}); {NOTHING_CHANGED}"
            )
        missing = _missing_columns(connection, version)
        if missing:
            raise refuse(f"is not a Lupus Reader library (it has no {', '.join(missing)})")
    except sqlite3.Error as error:
        connection.close()
        damaged = error_code(error) in ("SQLITE_CORRUPT", "SQLITE_NOTADB")
        raise refuse(f"{'is damaged' if damaged else 'cannot be read'} ({error})") from error
    except BaseException:
        connection.close()
        raise
    return connection


def _missing_columns(connection: sqlite3.Connection, version: int) -> list[str]:
    """The tables (and, at this version, columns) of a library that ``connection`` lacks."""
    if version < 1:
        return ["bookmarks, notes or questions tables"]
    wanted = _expected_columns()
    have = {table: {row[1] for row in connection.execute(f"PRAGMA table_info({table})")} for table in wanted}
    tables = [f"{table} table" for table in wanted if not have[table]]
    if tables or version < SCHEMA_VERSION:  # an older library's columns are its migrations' business
        return tables
    return [f"{table}.{column} column" for table in wanted for column in sorted(wanted[table] - have[table])]


def _expected_columns() -> dict[str, set[str]]:
    connection = connect(Path(":memory:"))
    try:
        migrate(connection, Path(":memory:"))
        return {
            table: {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
            for table in ("bookmarks", "notes", "questions")
        }
    finally:
        connection.close()


def _contents(connection: sqlite3.Connection) -> Contents:
    def count(table: str) -> int:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    return Contents(count("notes"), count("bookmarks"), count("questions"))


def _in_use(library: Path) -> bool:
    """Does another process have the library open? An open WAL connection keeps a lock on it."""
    try:
        connection = sqlite3.connect(library, isolation_level=None, timeout=0)
    except sqlite3.Error:
        return False
    try:
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as error:
        return "locked" in str(error).lower() or "busy" in str(error).lower()
    except sqlite3.Error:
        return False  # a damaged library: it is moved aside all the same
    finally:
        connection.close()


def _unchanged(error: sqlite3.Error | OSError) -> StorageError:
    """The reader-facing error (same class, e.g. StorageFullError), saying the library is as it was."""
    problem = describe(error, "the restored library")
    return type(problem)(f"{problem}. {NOTHING_CHANGED}")


def _companions(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _put_back(aside: Path, library: Path) -> None:
    """Undo move_aside after a failed restore, so the reader keeps the library they had."""
    with suppress(OSError):
        for moved, original in zip(_companions(aside), _companions(library), strict=True):
            if moved.exists():
                moved.rename(original)
        aside.rename(library)


def _remove_stale_temps(folder: Path) -> None:
    """Temporary copies left by a crash; recent ones may belong to another instance at work."""
    cutoff = time.time() - _STALE_TEMP_SECONDS
    for leftover in folder.glob(f"{_TEMP_PREFIX}*.tmp*"):
        with suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def _sync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (POSIX; Windows has no directory fsync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
