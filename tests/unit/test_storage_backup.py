"""Daily backups (one a day, the last seven) and `lupus-reader restore`, which never makes things worse."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from lupus_reader.storage import backup as backups_module
from lupus_reader.storage.backup import (
    BACKUP_FOLDER,
    backups,
    check_backup,
    make_daily_backup,
    restore,
    restore_command,
)
from lupus_reader.storage.db import (
    LIBRARY_FILE,
    SCHEMA_VERSION,
    Database,
    NewerDatabaseError,
    StorageError,
    StorageFullError,
    open_database,
)
from lupus_reader.storage.stores import Note, NoteStore

DAY = dt.date(2026, 3, 1)


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its sha256."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write_notes(data_dir: Path, *texts: str) -> list[Note]:
    opened = open_database(data_dir / LIBRARY_FILE)
    store = NoteStore(opened.database)
    saved = [store.save(None, "pack", f"s{i}", "S", "", text)[0] for i, text in enumerate(texts)]
    opened.database.close()
    return saved


def texts_in(library: Path) -> list[str]:
    """The notes in a library file, read without changing it."""
    with closing(sqlite3.connect(f"{library.as_uri()}?mode=ro&immutable=1", uri=True)) as connection:
        return sorted(row[0] for row in connection.execute("SELECT text FROM notes"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def database(data_dir: Path):
    opened = open_database(data_dir / LIBRARY_FILE)
    yield opened.database
    opened.database.close()


# -- daily backups --------------------------------------------------------------------------


def test_one_backup_a_day_holding_every_note(data_dir, database):
    NoteStore(database).save(None, "pack", "s", "S", "", "my first note")
    folder = data_dir / BACKUP_FOLDER

    made = make_daily_backup(database, folder, today=DAY)

    assert made == folder / "library-2026-03-01.sqlite3"
    assert make_daily_backup(database, folder, today=DAY) is None
    assert texts_in(made) == ["my first note"]
    # A backup is one whole file: no -wal it depends on, no temporary file left over.
    assert sorted(p.name for p in folder.iterdir()) == [made.name]
    with closing(sqlite3.connect(made)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert check_backup(made).notes == 1


def test_a_backup_is_made_the_next_day_and_only_the_newest_seven_are_kept(data_dir, database):
    folder = data_dir / BACKUP_FOLDER
    folder.mkdir(parents=True)
    (folder / "README.txt").write_text("not a backup, left alone")
    store = NoteStore(database)
    for day in range(10):
        store.save(None, "pack", "s", "S", "", f"note of day {day}")
        assert make_daily_backup(database, folder, today=DAY + dt.timedelta(days=day)) is not None

    kept = backups(folder)

    assert [p.name for p in kept] == [f"library-2026-03-{day:02d}.sqlite3" for day in range(10, 3, -1)]
    assert (folder / "README.txt").read_text() == "not a backup, left alone"
    assert len(texts_in(kept[0])) == 10 and len(texts_in(kept[-1])) == 4


def test_a_backup_dated_before_the_others_is_kept_all_the_same(data_dir, database):
    folder = data_dir / BACKUP_FOLDER
    for day in range(7):
        make_daily_backup(database, folder, today=DAY + dt.timedelta(days=day))

    made = make_daily_backup(database, folder, today=DAY - dt.timedelta(days=30), keep=7)

    assert made in backups(folder) and len(backups(folder)) == 7


def test_a_backup_that_cannot_be_written_says_why_and_leaves_the_others(tmp_path, database):
    blocker = tmp_path / "backups-is-a-file"
    blocker.write_text("in the way")

    with pytest.raises(StorageError, match="backup could not be saved"):
        make_daily_backup(database, blocker / "backups", today=DAY)
    assert blocker.read_text() == "in the way"


class FullDisk:
    """A connection whose backup runs out of room (SQLite's own message for it)."""

    def backup(self, target: sqlite3.Connection, **_: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")


def test_a_full_disk_during_a_backup_leaves_no_half_file_and_keeps_yesterdays(data_dir, database):
    folder = data_dir / BACKUP_FOLDER
    yesterday = make_daily_backup(database, folder, today=DAY)
    before = tree(folder)

    with pytest.raises(StorageFullError, match="disk is full"):
        make_daily_backup(Database(database.path, FullDisk()), folder, today=DAY + dt.timedelta(days=1))

    assert tree(folder) == before and yesterday is not None


# -- restore --------------------------------------------------------------------------------


def test_restore_puts_the_backup_back_and_keeps_the_library_it_replaces(data_dir):
    write_notes(data_dir, "kept in the backup")
    opened = open_database(data_dir / LIBRARY_FILE)
    made = make_daily_backup(opened.database, data_dir / BACKUP_FOLDER, today=DAY)
    opened.database.close()
    write_notes(data_dir, "written after the backup")
    assert made is not None

    aside = restore(made, data_dir)

    assert aside is not None and aside.parent == data_dir
    assert re.fullmatch(r"library\.before-restore-\d{8}-\d{6}(-\d+)?\.sqlite3", aside.name)
    assert sorted(texts_in(aside)) == ["kept in the backup", "written after the backup"]
    opened = open_database(data_dir / LIBRARY_FILE)
    assert opened.moved_aside is None
    assert [n.text for n in NoteStore(opened.database).all()] == ["kept in the backup"]
    NoteStore(opened.database).save(None, "pack", "x", "X", "", "and life goes on")
    opened.database.close()
    assert not [p for p in data_dir.iterdir() if p.name.endswith(".tmp")]
    assert tree(data_dir / BACKUP_FOLDER) == {made.name: tree(data_dir / BACKUP_FOLDER)[made.name]}


def test_restore_into_a_data_dir_without_a_library(tmp_path, data_dir, database):
    NoteStore(database).save(None, "pack", "s", "S", "", "from another computer")
    made = make_daily_backup(database, tmp_path / "elsewhere", today=DAY)
    assert made is not None
    empty = tmp_path / "new-data"

    assert restore(made, empty) is None

    assert texts_in(empty / LIBRARY_FILE) == ["from another computer"]


def _garbage(folder: Path) -> Path:
    path = folder / "garbage.sqlite3"
    path.write_bytes(bytes(range(256)) * 40)
    return path


def _text(folder: Path) -> Path:
    path = folder / "notes.txt"
    path.write_text("I meant to restore my notes, not this\n")
    return path


def _empty(folder: Path) -> Path:
    path = folder / "empty.sqlite3"
    path.touch()
    return path


def _missing(folder: Path) -> Path:
    return folder / "no-such-backup.sqlite3"


def _another_apps_database(folder: Path) -> Path:
    path = folder / "recipes.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
        connection.commit()
    return path


def _library_missing_a_table(folder: Path) -> Path:
    path = folder / "partial.sqlite3"
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.commit()
    return path


def _newer(folder: Path) -> Path:
    path = folder / "newer.sqlite3"
    write_notes(folder / "newer-data", "from the future")
    (folder / "newer-data" / LIBRARY_FILE).rename(path)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        connection.commit()
    return path


def _truncated(folder: Path) -> Path:
    source = folder / "whole"
    write_notes(source, *[f"note {i} " + "t" * 3000 for i in range(30)])
    data = (source / LIBRARY_FILE).read_bytes()
    path = folder / "truncated.sqlite3"
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


BAD_BACKUPS = {
    "garbage": (_garbage, "not an SQLite database"),
    "text": (_text, "not an SQLite database"),
    "empty": (_empty, "not an SQLite database"),
    "missing": (_missing, "does not exist"),
    "another app's database": (_another_apps_database, "not a Lupus Reader library"),
    "a library missing a table": (_library_missing_a_table, "bookmarks table"),
    "newer": (_newer, "newer Lupus Reader"),
    "truncated": (_truncated, "is damaged"),
}


@pytest.mark.parametrize("kind", BAD_BACKUPS)
def test_restoring_a_bad_backup_changes_nothing_and_says_why(tmp_path, data_dir, kind):
    write_notes(data_dir, "the library I have now")
    make, reason = BAD_BACKUPS[kind]
    bad = make(tmp_path)
    before, bad_before = tree(data_dir), tree(tmp_path)

    with pytest.raises(StorageError, match=reason):
        restore(bad, data_dir)
    out, err = io.StringIO(), io.StringIO()
    code = restore_command(bad, data_dir, out, err)

    assert code == 1 and out.getvalue() == ""
    assert re.search(reason, err.getvalue()) and "Nothing was changed" in err.getvalue()
    assert err.getvalue().startswith("lupus-reader: cannot restore: ")
    assert tree(data_dir) == before
    assert tree(tmp_path) == bad_before  # not even a -shm beside the file it was given
    if kind == "newer":
        with pytest.raises(NewerDatabaseError):
            check_backup(bad)


def test_restore_while_the_library_is_open_changes_nothing(data_dir, database):
    NoteStore(database).save(None, "pack", "s", "S", "", "typed in the open window")
    made = make_daily_backup(database, data_dir / BACKUP_FOLDER, today=DAY)
    assert made is not None
    NoteStore(database).save(None, "pack", "s", "S", "", "typed after the backup")

    out, err = io.StringIO(), io.StringIO()
    assert restore_command(made, data_dir, out, err) == 1

    assert "close it" in err.getvalue() and "Nothing was changed" in err.getvalue()
    assert len(NoteStore(database).all()) == 2
    assert not any("before-restore" in p.name for p in data_dir.iterdir())


def test_restore_command_says_what_came_back_and_where_the_old_library_is(data_dir):
    write_notes(data_dir, "one", "two")
    opened = open_database(data_dir / LIBRARY_FILE)
    made = make_daily_backup(opened.database, data_dir / BACKUP_FOLDER, today=DAY)
    opened.database.close()
    assert made is not None
    out, err = io.StringIO(), io.StringIO()

    assert restore_command(made, data_dir, out, err) == 0

    assert err.getvalue() == ""
    message = out.getvalue()
    assert f"from {made}" in message and "2 note(s)" in message
    aside = next(p for p in data_dir.iterdir() if "before-restore" in p.name)
    assert f"kept, unchanged, as {aside}" in message
    assert "must be closed" in message


def test_a_failed_copy_leaves_the_current_library_in_place(data_dir, tmp_path, monkeypatch):
    write_notes(data_dir, "current")
    source = tmp_path / "source"
    write_notes(source, "from the backup")
    before = tree(data_dir)

    def no_room(*_: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups_module, "_copy", no_room)
    with pytest.raises(StorageFullError, match="Nothing was changed"):
        restore(source / LIBRARY_FILE, data_dir)

    assert tree(data_dir) == before


# -- through the real command line ------------------------------------------------------------


def run_cli(data_dir: Path, backup: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lupus_reader", "--data-dir", str(data_dir), "restore", str(backup)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
def test_lupus_reader_restore_on_the_command_line(tmp_path, data_dir):
    write_notes(data_dir, "in the backup")
    opened = open_database(data_dir / LIBRARY_FILE)
    made = make_daily_backup(opened.database, data_dir / BACKUP_FOLDER, today=DAY)
    opened.database.close()
    write_notes(data_dir, "after the backup")
    assert made is not None
    before = tree(data_dir)

    refused = run_cli(data_dir, _garbage(tmp_path))
    assert refused.returncode == 1 and "not an SQLite database" in refused.stderr
    assert refused.stdout == "" and tree(data_dir) == before

    done = run_cli(data_dir, made)
    assert done.returncode == 0, done.stderr
    assert "Restored your library" in done.stdout and "before-restore" in done.stdout
    assert texts_in(data_dir / LIBRARY_FILE) == ["in the backup"]


def test_a_wal_left_without_its_library_is_moved_aside_not_replayed_onto_the_restored_one(tmp_path, data_dir):
    other = tmp_path / "other"
    write_notes(other, "from an unrelated library")
    holder = sqlite3.connect(other / LIBRARY_FILE, isolation_level=None)
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute("UPDATE notes SET text = 'only in the wal'")
    data_dir.mkdir()
    wal = (other / f"{LIBRARY_FILE}-wal").read_bytes()
    holder.close()
    (data_dir / f"{LIBRARY_FILE}-wal").write_bytes(wal)
    source = tmp_path / "source"
    write_notes(source, "from the backup")

    assert restore(source / LIBRARY_FILE, data_dir) is None

    assert texts_in(data_dir / LIBRARY_FILE) == ["from the backup"]
    opened = open_database(data_dir / LIBRARY_FILE)
    assert [n.text for n in NoteStore(opened.database).all()] == ["from the backup"]
    opened.database.close()
    kept = [p for p in data_dir.iterdir() if p.name.endswith("-wal") and "before-restore" in p.name]
    assert [p.read_bytes() for p in kept] == [wal]


def test_a_failed_last_step_puts_the_old_library_back(data_dir, tmp_path, monkeypatch):
    write_notes(data_dir, "current")
    source = tmp_path / "source"
    write_notes(source, "from the backup")
    before = tree(data_dir)
    real_replace = backups_module.os.replace

    def refuse_library(src: object, dst: object) -> None:
        if Path(str(dst)).name == LIBRARY_FILE:
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(backups_module.os, "replace", refuse_library)
    with pytest.raises(StorageError, match="Nothing was changed"):
        restore(source / LIBRARY_FILE, data_dir)

    assert tree(data_dir) == before
