"""Opening the library: safe settings, damaged and newer files, read-only folders, a full disk."""

from __future__ import annotations

import hashlib
import os
import random
import re
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from lupus_reader.storage import db
from lupus_reader.storage.db import (
    BUSY_TIMEOUT_MS,
    LIBRARY_FILE,
    SCHEMA_VERSION,
    NewerDatabaseError,
    ReadOnlyError,
    StorageError,
    StorageFullError,
    open_database,
)
from lupus_reader.storage.stores import Note, NoteStore

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` with its sha256: what the reader has on disk."""
    return {p.name: sha(p) for p in sorted(folder.iterdir()) if p.is_file()}


def save_notes(path: Path, count: int, size: int = 200) -> list[Note]:
    opened = open_database(path)
    store = NoteStore(opened.database)
    saved = [
        store.save(None, "pack", f"s{i}", f"Section {i}", "", f"note {i} " + "w" * size)[0]
        for i in range(count)
    ]
    opened.database.close()
    return saved


def all_notes(path: Path) -> list[Note]:
    opened = open_database(path)
    try:
        return NoteStore(opened.database).all()
    finally:
        opened.database.close()


def by_id(note: Note) -> int:
    return note.id


def integrity(path: Path) -> list[tuple[str]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("PRAGMA integrity_check").fetchall()


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return tmp_path / "data" / LIBRARY_FILE


def test_a_fresh_library_has_the_schema_and_settings_for_words_that_must_not_be_lost(library):
    opened = open_database(library)
    sql = opened.database.connection

    assert opened.moved_aside is None and not opened.database.read_only
    assert sql.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert sql.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert sql.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert sql.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS > 0
    assert sql.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in sql.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"bookmarks", "notes", "questions"} <= tables
    opened.database.close()
    assert sorted(p.name for p in library.parent.iterdir()) == [LIBRARY_FILE]  # no -wal left behind


def test_notes_are_there_after_a_restart(library):
    saved = save_notes(library, 3)

    assert all_notes(library) == saved
    assert open_database(library).moved_aside is None


def _truncated_library(tmp_path: Path) -> bytes:
    source = tmp_path / "source" / LIBRARY_FILE
    save_notes(source, 40, size=2000)
    data = source.read_bytes()
    assert len(data) > 40_000
    return data[: len(data) // 2]


DAMAGED = {
    "random bytes": lambda tmp_path: random.Random(7).randbytes(20_000),
    "a truncated library": _truncated_library,
    "a text file": lambda tmp_path: b"My notes, typed elsewhere.\n" * 3,
    "a few bytes": lambda tmp_path: b"x",
    "a cut-off header": lambda tmp_path: b"SQLite format 3\x00" + b"\x10\x00",
}


@pytest.mark.parametrize("kind", DAMAGED)
def test_a_damaged_file_is_moved_aside_with_its_wal_and_shm_and_a_fresh_library_made(tmp_path, library, kind):
    content = DAMAGED[kind](tmp_path)
    library.parent.mkdir(parents=True)
    library.write_bytes(content)
    wal, shm = b"a fake write-ahead log" * 50, b"a fake shared-memory index" * 50
    Path(f"{library}-wal").write_bytes(wal)
    Path(f"{library}-shm").write_bytes(shm)

    opened = open_database(library)

    moved = opened.moved_aside
    assert moved is not None and moved.parent == library.parent
    assert re.fullmatch(r"library\.damaged-\d{8}-\d{6}(-\d+)?\.sqlite3", moved.name)
    assert moved.read_bytes() == content  # nothing deleted, not a byte changed
    assert Path(f"{moved}-wal").read_bytes() == wal
    # The -shm holds no words, only an index SQLite rebuilds from the -wal; checking a file
    # that says it is in WAL mode may refresh it. It still goes along with the file.
    moved_shm = Path(f"{moved}-shm").read_bytes()
    assert moved_shm == shm or kind == "a truncated library"
    store = NoteStore(opened.database)
    assert store.all() == []
    store.save(None, "pack", "s", "S", "", "a new note in the fresh library")
    opened.database.close()
    assert [n.text for n in all_notes(library)] == ["a new note in the fresh library"]
    assert integrity(library) == [("ok",)]


def test_a_second_damaged_file_in_the_same_second_does_not_overwrite_the_first(library):
    library.parent.mkdir(parents=True)
    moved = []
    for text in ("first", "second"):
        library.write_text(f"{text} damaged file, not a database")
        opened = open_database(library)
        opened.database.close()
        moved.append(opened.moved_aside)

    assert moved[0] != moved[1]
    assert [p.read_text() for p in moved] == [
        "first damaged file, not a database",
        "second damaged file, not a database",
    ]


def test_an_empty_file_is_an_empty_library_not_a_damaged_one(library):
    library.parent.mkdir(parents=True)
    library.touch()

    opened = open_database(library)

    assert opened.moved_aside is None
    assert opened.database.query("PRAGMA user_version")[0][0] == SCHEMA_VERSION
    assert NoteStore(opened.database).all() == []
    opened.database.close()
    assert sorted(p.name for p in library.parent.iterdir()) == [LIBRARY_FILE]


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_library_from_a_newer_version_is_refused_and_left_exactly_as_it_is(library, journal):
    save_notes(library, 2)
    with closing(sqlite3.connect(library, isolation_level=None)) as connection:
        connection.execute(f"PRAGMA journal_mode = {journal}")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = files(library.parent)
    assert list(before) == [LIBRARY_FILE]

    with pytest.raises(NewerDatabaseError) as refused:
        open_database(library)

    assert "newer Lupus Reader" in str(refused.value) and "has not been changed" in str(refused.value)
    assert files(library.parent) == before  # same bytes, and no -wal or -shm beside it


def test_a_newer_library_with_its_change_still_in_the_wal_is_refused_too(library):
    save_notes(library, 1)
    holder = sqlite3.connect(library, isolation_level=None)  # keeps the -wal from being folded in
    holder.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    try:
        with pytest.raises(NewerDatabaseError):
            open_database(library)
        assert holder.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    finally:
        holder.close()
    assert not any("damaged" in p.name for p in library.parent.iterdir())


def test_a_library_locked_by_another_instance_is_never_taken_for_damaged(library, monkeypatch):
    save_notes(library, 2)
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(library, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError, match="busy"):
            open_database(library)
    finally:
        holder.close()

    assert not any("damaged" in p.name for p in library.parent.iterdir())
    assert len(all_notes(library)) == 2


def test_a_folder_name_with_uri_characters_is_used_as_it_is(tmp_path):
    library = tmp_path / "my #1 notes?mode=ro&x=%20" / LIBRARY_FILE

    save_notes(library, 1)

    assert library.is_file()
    assert len(all_notes(library)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [library.parent.name]


# -- read-only data folder -----------------------------------------------------------------


@contextmanager
def unwritable(folder: Path) -> Iterator[None]:
    """Make ``folder`` read-only. Root ignores permissions, so it is made immutable instead."""
    if ROOT:
        done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip("running as root and chattr +i is not available to make a read-only folder")
        undo = ["chattr", "-i", str(folder)]
    else:
        folder.chmod(0o555)
    try:
        yield
    finally:
        if ROOT:
            subprocess.run(undo, check=True)
        else:
            folder.chmod(0o755)


def test_a_library_in_a_read_only_folder_can_be_read_but_not_changed(library):
    saved = save_notes(library, 3)
    before = files(library.parent)

    with unwritable(library.parent):
        opened = open_database(library)
        try:
            assert opened.database.read_only
            store = NoteStore(opened.database)
            assert store.all() == saved  # the reader still sees every note
            with pytest.raises(ReadOnlyError, match="cannot be written"):
                store.save(None, "pack", "s", "S", "", "a note that cannot be kept")
            with pytest.raises(ReadOnlyError):
                store.save(saved[0], "pack", "s0", "S", "", "an edit that cannot be kept")
        finally:
            opened.database.close()

    assert files(library.parent) == before
    assert all_notes(library) == saved


def test_a_new_library_in_a_read_only_folder_is_a_clear_error(library):
    library.parent.mkdir(parents=True)

    with unwritable(library.parent), pytest.raises(StorageError, match=r"cannot be opened in .*written"):
        open_database(library)

    assert list(library.parent.iterdir()) == []


def test_a_data_folder_that_cannot_exist_is_a_clear_error(tmp_path):
    # Works for root too: nothing can be created under a regular file.
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")

    with pytest.raises(StorageError, match="cannot be opened in"):
        open_database(blocker / "sub" / LIBRARY_FILE)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
    assert blocker.read_text() == "a file where the data folder should be"


@pytest.mark.skipif(ROOT, reason="root can write any file")
def test_a_library_file_that_cannot_be_written_opens_read_only(library):
    saved = save_notes(library, 2)
    library.chmod(0o444)
    try:
        opened = open_database(library)
        assert opened.database.read_only
        assert NoteStore(opened.database).all() == saved
        opened.database.close()
    finally:
        library.chmod(0o644)


def test_a_damaged_library_in_a_read_only_folder_is_left_in_place_with_a_clear_error(library):
    library.parent.mkdir(parents=True)
    library.write_text("not a database")

    with unwritable(library.parent), pytest.raises(StorageError, match="damaged and cannot be moved aside"):
        open_database(library)

    assert files(library.parent) == {LIBRARY_FILE: sha(library)}
    assert library.read_text() == "not a database"


# -- disk full ----------------------------------------------------------------------------


def fill_until_full(store: NoteStore, connection: sqlite3.Connection) -> tuple[list[Note], StorageFullError]:
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages + 12}")  # this connection only: a small disk
    saved: list[Note] = []
    for index in range(200):
        try:
            note, _ = store.save(None, "pack", f"s{index % 5}", "S", "", f"note {index} " + "z" * 3000)
        except StorageFullError as error:
            return saved, error
        saved.append(note)
    raise AssertionError("the small disk never filled up")


def test_a_full_disk_refuses_the_save_clearly_and_harms_nothing_saved_before(library):
    opened = open_database(library)
    store = NoteStore(opened.database)
    first, _ = store.save(None, "pack", "s", "S", "", "written before the disk filled up")

    saved, error = fill_until_full(store, opened.database.connection)

    assert "disk is full" in str(error)
    assert len(saved) >= 2
    assert sorted(store.all(), key=by_id) == [first, *saved]
    # An edit that does not fit leaves the note as it was.
    with pytest.raises(StorageFullError):
        store.save(first, "pack", "s", "S", "", "an edit far too long to fit " + "q" * 200_000)
    assert sorted(store.all(), key=by_id) == [first, *saved]
    assert not opened.database.connection.in_transaction
    opened.database.close()

    assert integrity(library) == [("ok",)]
    assert sorted(all_notes(library), key=by_id) == [first, *saved]
    # Once there is room again, saving works.
    reopened = open_database(library)
    NoteStore(reopened.database).save(first, "pack", "s", "S", "", "an edit once there is room")
    reopened.database.close()
    assert min(all_notes(library), key=by_id).text == "an edit once there is room"


def test_errors_are_described_in_words_a_reader_can_act_on():
    full = sqlite3.OperationalError("database or disk is full")
    assert isinstance(db.describe(full), StorageFullError)
    assert isinstance(
        db.describe(sqlite3.OperationalError("attempt to write a readonly database")), ReadOnlyError
    )
    busy = db.describe(sqlite3.OperationalError("database is locked"))
    assert isinstance(busy, db.BusyError) and "busy" in str(busy)
    assert isinstance(db.describe(OSError(28, "No space left on device")), StorageFullError)
    assert isinstance(db.describe(PermissionError(13, "Permission denied")), ReadOnlyError)
    assert "the backup could not be saved" in str(db.describe(full, "the backup"))


@pytest.mark.parametrize("main", ["missing", "empty"])
def test_a_wal_left_without_its_library_is_kept_not_deleted(library, main):
    library.parent.mkdir(parents=True)
    wal = b"whatever was in it" * 100
    Path(f"{library}-wal").write_bytes(wal)
    if main == "empty":
        library.touch()

    opened = open_database(library)
    opened.database.close()

    assert opened.moved_aside is not None
    assert Path(f"{opened.moved_aside}-wal").read_bytes() == wal
    assert all_notes(library) == []


def test_a_version_1_library_is_brought_up_to_date_keeping_everything(tmp_path):
    import sqlite3

    from lupus_reader.storage import db as storage

    path = tmp_path / "library.sqlite3"
    old = sqlite3.connect(path)
    # The library as version 1 made it: its tables, without the indexes and search tables added since.
    for statement in storage.statements((Path(storage.__file__).with_name("schema.sql")).read_text()):
        if not any(later in statement for later in ("bookmarks_by_time", "notes_with_text", "_fts")):
            old.execute(statement)
    old.execute(
        "INSERT INTO notes (pack, section, text, created, updated) VALUES ('p', 'p/a/b', 'kept', 't', 't')"
    )
    old.execute("PRAGMA user_version = 1")
    old.commit()
    old.close()

    database = storage.open_database(path).database
    assert database.query("PRAGMA user_version")[0][0] == storage.SCHEMA_VERSION == 3
    indexes = {row[0] for row in database.query("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"bookmarks_by_time", "notes_with_text"} <= indexes
    assert [row[0] for row in database.query("SELECT text FROM notes")] == ["kept"]


def test_a_new_library_matches_an_upgraded_one(tmp_path):
    from lupus_reader.storage import db as storage

    fresh = storage.open_database(tmp_path / "fresh.sqlite3").database
    schema = sorted(row[0] for row in fresh.query("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"))
    assert any("notes_with_text" in sql for sql in schema)
    assert fresh.query("PRAGMA user_version")[0][0] == storage.SCHEMA_VERSION
