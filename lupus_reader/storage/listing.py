"""Fast reads for the window: list rows as plain tuples, one record by id, cheap existence checks.

The stores hand out full dataclasses, which is right for a few records and
too slow for ten thousand (building them costs more than the query). The
lists in the window read only the columns they show.
"""

from __future__ import annotations

from lupus_reader.storage.db import Database
from lupus_reader.storage.stores import Bookmark, Note, _bookmark, _note

# (id, label, section_title, quote, detached)
BookmarkRow = tuple[int, str, str, str, int]
# (id, section, section_title, text, detached)
NoteRow = tuple[int, str, str, str, int]


def bookmark_rows(database: Database, ids: tuple[int, ...] = ()) -> list[BookmarkRow]:
    """Bookmarks in the order they were made; only ``ids`` when given."""
    where = f" WHERE id IN ({','.join('?' * len(ids))})" if ids else ""
    cursor = database.connection.execute(
        f"SELECT id, label, section_title, quote, detached FROM bookmarks{where} ORDER BY created, id", ids
    )
    cursor.row_factory = None  # plain tuples: several times faster than sqlite3.Row
    return cursor.fetchall()


def note_rows(database: Database, ids: tuple[int, ...] = ()) -> list[NoteRow]:
    """Notes with some text, in reading order; only ``ids`` when given."""
    where = f" AND id IN ({','.join('?' * len(ids))})" if ids else ""
    cursor = database.connection.execute(
        f"SELECT id, section, section_title, text, detached FROM notes WHERE text != ''{where}"
        " ORDER BY pack, section, id",
        ids,
    )
    cursor.row_factory = None
    return cursor.fetchall()


def bookmark_by_id(database: Database, bookmark_id: int) -> Bookmark | None:
    row = database.connection.execute("SELECT * FROM bookmarks WHERE id = ?", (bookmark_id,)).fetchone()
    return _bookmark(row) if row else None


def note_by_id(database: Database, note_id: int) -> Note | None:
    row = database.connection.execute("SELECT * FROM notes WHERE id = ?", (note_id,)).fetchone()
    return _note(row) if row else None


def first_note(database: Database, pack: str, section: str) -> Note | None:
    """The note the notes pane edits for a section (the oldest, if several were kept)."""
    row = database.connection.execute(
        "SELECT * FROM notes WHERE pack = ? AND section = ? ORDER BY id LIMIT 1", (pack, section)
    ).fetchone()
    return _note(row) if row else None


def has_bookmark(database: Database, pack: str, section: str) -> bool:
    query = "SELECT EXISTS (SELECT 1 FROM bookmarks WHERE pack = ? AND section = ?)"
    return bool(database.connection.execute(query, (pack, section)).fetchone()[0])


def sections_with_notes(database: Database) -> set[str]:
    cursor = database.connection.execute("SELECT DISTINCT section FROM notes WHERE text != ''")
    cursor.row_factory = None
    return {section for (section,) in cursor.fetchall()}
