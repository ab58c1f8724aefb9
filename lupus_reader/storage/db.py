"""Opening the library database: pragmas, transactions, migrations, and what to do with a broken file.

SQLite settings for words people cannot afford to lose: WAL (readers never
block the writer), synchronous=FULL (a commit survives a power cut),
foreign keys on, and a busy timeout so two app instances wait for each
other instead of failing.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

LIBRARY_FILE = "library.sqlite3"
BUSY_TIMEOUT_MS = 10_000
# How every full-text index reads words (the library's notes and questions here, each
# pack's sections in search/), so "transplanted" finds "transplant" and "Sjogren"
# finds "Sjögren" in all of them. schema.sql spells it out too (a test checks they agree).
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"


def statements(script: str) -> list[str]:
    """Split an SQL script into statements (executescript would COMMIT our transaction)."""
    found: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            found.append(current.strip())
            current = ""
    return found


def _create(connection: sqlite3.Connection) -> None:
    """A new library gets schema.sql, which is always the whole current schema."""
    script = (Path(__file__).resolve().parent / "schema.sql").read_text(encoding="utf-8")
    for statement in statements(script):
        connection.execute(statement)


def _step(*sql: str) -> Callable[[sqlite3.Connection], None]:
    def run(connection: sqlite3.Connection) -> None:
        for statement in sql:
            connection.execute(statement)

    return run


# Step N takes an existing library from user_version N-1 to N, inside one
# transaction. A new library is made from schema.sql straight at the last
# version, so every step here must also be in schema.sql.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _create,
    # Lists in the window: bookmarks in the order made, and the sections that have notes.
    2: _step(
        "CREATE INDEX IF NOT EXISTS bookmarks_by_time ON bookmarks (created, id)",
        "CREATE INDEX IF NOT EXISTS notes_with_text ON notes (section) WHERE text != ''",
    ),
    # Search: FTS5 indexes over notes and questions, kept in step by triggers, filled now.
    3: _step(
        "CREATE VIRTUAL TABLE IF NOT EXISTS notes_fts USING fts5(text, section_title, quote,"
        f" content = 'notes', content_rowid = 'id', tokenize = '{FTS_TOKENIZE}')",
        "CREATE TRIGGER IF NOT EXISTS notes_fts_insert AFTER INSERT ON notes BEGIN"
        " INSERT INTO notes_fts (rowid, text, section_title, quote)"
        " VALUES (new.id, new.text, new.section_title, new.quote); END",
        "CREATE TRIGGER IF NOT EXISTS notes_fts_delete AFTER DELETE ON notes BEGIN"
        " INSERT INTO notes_fts (notes_fts, rowid, text, section_title, quote)"
        " VALUES ('delete', old.id, old.text, old.section_title, old.quote); END",
        "CREATE TRIGGER IF NOT EXISTS notes_fts_update AFTER UPDATE OF id, text, section_title, quote"
        " ON notes BEGIN INSERT INTO notes_fts (notes_fts, rowid, text, section_title, quote)"
        " VALUES ('delete', old.id, old.text, old.section_title, old.quote);"
        " INSERT INTO notes_fts (rowid, text, section_title, quote)"
        " VALUES (new.id, new.text, new.section_title, new.quote); END",
        "CREATE VIRTUAL TABLE IF NOT EXISTS questions_fts USING fts5(text, content = 'questions',"
        f" content_rowid = 'id', tokenize = '{FTS_TOKENIZE}')",
        "CREATE TRIGGER IF NOT EXISTS questions_fts_insert AFTER INSERT ON questions BEGIN"
        " INSERT INTO questions_fts (rowid, text) VALUES (new.id, new.text); END",
        "CREATE TRIGGER IF NOT EXISTS questions_fts_delete AFTER DELETE ON questions BEGIN"
        " INSERT INTO questions_fts (questions_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
        "CREATE TRIGGER IF NOT EXISTS questions_fts_update AFTER UPDATE OF id, text ON questions BEGIN"
        " INSERT INTO questions_fts (questions_fts, rowid, text) VALUES ('delete', old.id, old.text);"
        " INSERT INTO questions_fts (rowid, text) VALUES (new.id, new.text); END",
        "INSERT INTO notes_fts (notes_fts) VALUES ('rebuild')",
        "INSERT INTO questions_fts (questions_fts) VALUES ('rebuild')",
    ),
}
SCHEMA_VERSION = max(MIGRATIONS)


class StorageError(Exception):
    """The library cannot be used; the message says why in words a reader understands."""


class NewerDatabaseError(StorageError):
    """The file was written by a newer Lupus Reader; it is left exactly as it is."""


class StorageFullError(StorageError):
    """The disk is full (or the database hit its size limit): nothing was written."""


class ReadOnlyError(StorageError):
    """The data folder cannot be written: the library can be read, not changed."""


class BusyError(StorageError):
    """Another Lupus Reader holds the library: nothing was written; a moment later it may be."""


_FULL = {"SQLITE_FULL"}
_READ_ONLY = {"SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH"}
_BUSY = {"SQLITE_BUSY", "SQLITE_LOCKED"}
# The file itself is bad (not an I/O hiccup): a library is moved aside for it.
DAMAGED = frozenset({"SQLITE_NOTADB", "SQLITE_CORRUPT"})


def error_code(error: sqlite3.Error) -> str:
    """The primary result code's name ("SQLITE_READONLY" for "SQLITE_READONLY_DBMOVED"), or ""."""
    name = str(getattr(error, "sqlite_errorname", "") or "")
    return "_".join(name.split("_")[:2])


def describe(error: sqlite3.Error | OSError, what: str = "it") -> StorageError:
    """Turn an error during a write into one a reader can act on; ``what`` names what was not saved."""
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return StorageFullError(f"the disk is full, so {what} could not be saved; free some space")
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR):
            return ReadOnlyError(f"the data folder cannot be written to, so {what} could not be saved")
        return StorageError(f"{what} could not be saved ({error.strerror or error})")
    code, text = error_code(error), str(error).lower()
    if code in _FULL or (not code and "full" in text):
        return StorageFullError(f"the disk is full, so {what} could not be saved; free some space")
    if code in _READ_ONLY or (not code and any(w in text for w in ("readonly", "read-only", "unable to"))):
        return ReadOnlyError(f"the data folder cannot be written to, so {what} could not be saved")
    if code in _BUSY or (not code and ("locked" in text or "busy" in text)):
        return BusyError(f"another Lupus Reader is busy with the library; {what} could not be saved")
    return StorageError(f"{what} could not be saved ({error})")


@dataclass
class Database:
    """One open library file. Use ``transaction()`` for every write."""

    path: Path
    connection: sqlite3.Connection
    read_only: bool = False

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error; sqlite3 errors become StorageError."""
        if self.read_only:
            raise ReadOnlyError("the data folder cannot be written to, so it could not be saved")
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise describe(error) from error
        try:
            yield self.connection
            self.connection.execute("COMMIT")
        except BaseException as error:
            if self.connection.in_transaction:
                # A failed ROLLBACK (SQLite already rolled back after a full disk) must not
                # hide the error the reader needs to see.
                with suppress(sqlite3.Error):
                    self.connection.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise describe(error) from error
            raise

    def query(self, sql: str, parameters: tuple[object, ...] = ()) -> list[sqlite3.Row]:
        return self.connection.execute(sql, parameters).fetchall()

    def close(self) -> None:
        self.connection.close()


class Opened(NamedTuple):
    database: Database
    moved_aside: Path | None = None  # where a damaged library was put, to tell the reader


def uri(path: Path, **parameters: str) -> str:
    """A ``file:`` URI for ``path``: percent-encoded, so "#", "?" or "%" in a folder name are safe."""
    query = "&".join(f"{key}={value}" for key, value in parameters.items())
    base = "file::memory:" if str(path) == ":memory:" else path.absolute().as_uri()
    return base + (f"?{query}" if query else "")


def connect(path: Path, read_only: bool = False, immutable: bool = False) -> sqlite3.Connection:
    """A connection with our pragmas. It opens lazily: the first statement that reads the file fails."""
    parameters = {"mode": "ro", **({"immutable": "1"} if immutable else {})} if read_only else {}
    connection = sqlite3.connect(
        uri(path, **parameters), uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
    )
    connection.row_factory = sqlite3.Row
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Open an existing library for reading only, even in a folder that cannot be written.

    A WAL library needs its -shm file, which a read-only folder cannot hold. When
    there is no -wal file either, nobody can be writing (a writer needs one), so the
    file alone is the whole library and SQLite may read it as immutable. (SQLite says
    CANTOPEN or READONLY_DIRECTORY, depending on why the folder cannot be written.)
    """
    connection = connect(path, read_only=True)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except sqlite3.Error as error:
        connection.close()
        unwritable_folder = error_code(error) in ("SQLITE_CANTOPEN", "SQLITE_READONLY")
        if not unwritable_folder or _companion(path, "-wal").exists():
            raise
    connection = connect(path, read_only=True, immutable=True)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def _companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _user_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


SQLITE_HEADER = b"SQLite format 3\x00"


def header_version(path: Path) -> int | None:
    """The user_version written in the file's header, read without SQLite (so nothing is created)."""
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        return None
    return int.from_bytes(header[60:64], "big", signed=True)


def _newer(path: Path, version: int) -> NewerDatabaseError:
    return NewerDatabaseError(
        f"{path} was written by a newer Lupus Reader (library version {version}; this one "
        f"knows up to {SCHEMA_VERSION}). It has not been changed: open it with the newer version."
    )


Health = Literal["ok", "damaged", "unknown"]


def health(path: Path) -> Health:
    """Is the file a healthy SQLite library? Refuses (NewerDatabaseError) one from a newer version.

    "damaged" when the file does not start with SQLite's header, or SQLite finds it
    malformed, or quick_check finds a fault. A file that is locked by another
    instance or cannot be opened is "unknown", and must never be moved aside for it.
    An empty file is an empty library.
    """
    if path.stat().st_size == 0:
        return "ok"
    version = header_version(path)
    if version is None:
        # SQLite takes a file shorter than a page for an empty database: it would write
        # over it (and delete a -wal beside it), so that is checked here first.
        return "damaged"
    if version > SCHEMA_VERSION:
        raise _newer(path, version)  # before any connection, which could add -wal/-shm files
    try:
        connection = connect_read_only(path)
    except sqlite3.Error as error:
        return "damaged" if error_code(error) in DAMAGED else "unknown"
    try:
        version = _user_version(connection)
        if version > SCHEMA_VERSION:
            raise _newer(path, version)
        return "ok" if connection.execute("PRAGMA quick_check").fetchone()[0] == "ok" else "damaged"
    except sqlite3.Error as error:
        return "damaged" if error_code(error) in DAMAGED else "unknown"
    finally:
        connection.close()


def move_aside(path: Path, reason: str = "damaged") -> Path:
    """Rename a library and its -wal/-shm files under a timestamped name; never delete them."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{reason}-{stamp}{path.suffix}")
    counter = 1
    while target.exists() or any(_companion(target, s).exists() for s in ("-wal", "-shm")):
        counter += 1
        target = path.with_name(f"{path.stem}.{reason}-{stamp}-{counter}{path.suffix}")
    for suffix in ("-wal", "-shm"):
        companion = _companion(path, suffix)
        if companion.exists():
            companion.rename(_companion(target, suffix))
    if path.exists():  # a -wal and -shm left without their library are moved all the same
        path.rename(target)
    return target


def _refuse_newer(connection: sqlite3.Connection, path: Path) -> None:
    version = _user_version(connection)
    if version > SCHEMA_VERSION:
        connection.close()
        raise _newer(path, version)


def migrate(connection: sqlite3.Connection, path: Path) -> None:
    _refuse_newer(connection, path)
    version = _user_version(connection)
    for step in range(version + 1, SCHEMA_VERSION + 1):
        connection.execute("BEGIN IMMEDIATE")
        try:
            current = _user_version(connection)
            if current >= step:  # another instance got here first
                connection.execute("ROLLBACK")
                continue
            MIGRATIONS[step](connection)
            if current == 0:  # schema.sql made it whole: no step after this one applies
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                connection.execute("COMMIT")
                return
            connection.execute(f"PRAGMA user_version = {step}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                with suppress(sqlite3.Error):
                    connection.execute("ROLLBACK")
            raise


def _open_for_reading(path: Path) -> sqlite3.Connection | None:
    """The library read-only, if it can be read as it is (not newer, not in need of migrating)."""
    try:
        connection = connect_read_only(path)
    except sqlite3.Error:
        return None
    try:
        _refuse_newer(connection, path)
        if _user_version(connection) == SCHEMA_VERSION:
            return connection
    except sqlite3.Error:
        pass
    connection.close()  # an older library cannot be shown without migrating it, which needs writing
    return None


def open_database(path: Path) -> Opened:
    """Open (or create) the library at ``path``.

    A file that is not a healthy SQLite database is moved aside, with its
    -wal and -shm files, and a fresh library is made; ``moved_aside`` says
    where the old one went. A library from a newer version is refused and left
    untouched. A folder that cannot be written gives a read-only library if
    one exists there, else StorageError.
    """
    moved: Path | None = None
    try:
        exists = path.is_file() and path.stat().st_size > 0
        wal = _companion(path, "-wal")
        if not exists and wal.is_file() and wal.stat().st_size > 0:
            # A -wal without its library (SQLite writes the library's first page before
            # ever making one): SQLite would delete it on seeing an empty library. Keep it.
            moved = move_aside(path, "damaged")
        elif exists and health(path) == "damaged":
            try:
                moved = move_aside(path)
            except OSError as error:
                raise StorageError(
                    f"the library {path} is damaged and cannot be moved aside: {error.strerror or error}"
                ) from error
    except OSError as error:  # the folder cannot even be looked into
        raise StorageError(f"the library cannot be opened in {path.parent}: {error}") from error
    connection: sqlite3.Connection | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file() and not os.access(path, os.W_OK):
            raise PermissionError(errno.EACCES, "the library file cannot be written", str(path))
        connection = connect(path)
        _refuse_newer(connection, path)  # before anything writes to it
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        migrate(connection, path)
    except NewerDatabaseError:
        raise
    except (sqlite3.Error, OSError) as error:
        if connection is not None:
            connection.close()
        problem = describe(error)
        if isinstance(problem, ReadOnlyError) and path.is_file() and path.stat().st_size > 0:
            reader = _open_for_reading(path)
            if reader is not None:
                return Opened(Database(path, reader, read_only=True), moved)
        reason = {
            ReadOnlyError: "the folder cannot be written to",
            StorageFullError: "the disk is full; free some space",
        }.get(type(problem), f"{error.strerror or error}" if isinstance(error, OSError) else str(error))
        kind: type[StorageError] = type(problem)
        if isinstance(error, sqlite3.Error) and error_code(error) in _BUSY:
            reason = "another Lupus Reader is busy with it; try again in a moment"
        elif isinstance(error, FileExistsError | NotADirectoryError):
            reason, kind = "a file is in the way where a folder should be", StorageError
        raise kind(f"the library cannot be opened in {path.parent}: {reason}") from error
    return Opened(Database(path, connection), moved)
