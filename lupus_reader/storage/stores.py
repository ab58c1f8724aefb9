"""Bookmarks, notes and questions: dataclasses in, dataclasses out, one transaction per write.

Every write returns a ``Change`` naming what changed, so the window can
refresh only the views concerned.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Literal, NamedTuple

from lupus_reader.storage.db import Database

Kind = Literal["bookmarks", "notes", "questions"]
QUOTE_LENGTH = 160


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Change(NamedTuple):
    kind: Kind
    ids: tuple[int, ...] = ()


class Bookmark(NamedTuple):
    id: int
    pack: str
    pack_version: str
    section: str
    section_title: str
    offset: float
    quote: str
    label: str
    created: str
    detached: bool = False


class Note(NamedTuple):
    id: int
    pack: str
    section: str
    section_title: str
    quote: str
    text: str
    created: str
    updated: str
    revision: int
    detached: bool = False


class Question(NamedTuple):
    id: int
    pack: str
    text: str
    checked: bool
    mine: bool
    created: str


def _bookmark(row: sqlite3.Row) -> Bookmark:
    return Bookmark(**{**dict(row), "detached": bool(row["detached"])})


def _note(row: sqlite3.Row) -> Note:
    return Note(**{**dict(row), "detached": bool(row["detached"])})


def _question(row: sqlite3.Row) -> Question:
    return Question(
        row["id"], row["pack"], row["text"], bool(row["checked"]), bool(row["mine"]), row["created"]
    )


def _same(row: sqlite3.Row, kept: Bookmark | Note | Question, *fields: str) -> bool:
    """Is ``row`` the very item ``kept`` was (not another one given the same id since)?"""
    return all(row[field] == getattr(kept, field) for field in fields)


def _inserted(cursor: sqlite3.Cursor) -> tuple[int, ...]:
    """The id an INSERT OR IGNORE gave its row: none if it was ignored."""
    return (cursor.lastrowid,) if cursor.rowcount and cursor.lastrowid is not None else ()


class BookmarkStore:
    def __init__(self, database: Database) -> None:
        self.db = database

    def all(self) -> list[Bookmark]:
        return [_bookmark(r) for r in self.db.query("SELECT * FROM bookmarks ORDER BY created, id")]

    def for_section(self, pack: str, section: str) -> list[Bookmark]:
        rows = self.db.query("SELECT * FROM bookmarks WHERE pack = ? AND section = ? ORDER BY offset, id",
                             (pack, section))  # fmt: skip
        return [_bookmark(r) for r in rows]

    def add(self, pack: str, pack_version: str, section: str, section_title: str, offset: float,
            quote: str, label: str = "") -> tuple[Bookmark, Change]:  # fmt: skip
        offset = min(max(float(offset), 0.0), 1.0)
        with self.db.transaction() as sql:
            cursor = sql.execute(
                "INSERT INTO bookmarks (pack, pack_version, section, section_title, offset, quote, label,"
                " created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (pack, pack_version, section, section_title, offset, quote[:QUOTE_LENGTH],
                 label.strip() or section_title or section, now()),
            )  # fmt: skip
            row = sql.execute("SELECT * FROM bookmarks WHERE id = ?", (cursor.lastrowid,)).fetchone()
        bookmark = _bookmark(row)
        return bookmark, Change("bookmarks", (bookmark.id,))

    def rename(self, bookmark_id: int, label: str) -> Change:
        with self.db.transaction() as sql:
            sql.execute("UPDATE bookmarks SET label = ? WHERE id = ?", (label.strip(), bookmark_id))
        return Change("bookmarks", (bookmark_id,))

    def delete(self, bookmark_id: int) -> tuple[Bookmark | None, Change]:
        """Delete and return the bookmark, so "Undo" can put it back exactly."""
        with self.db.transaction() as sql:
            row = sql.execute("SELECT * FROM bookmarks WHERE id = ?", (bookmark_id,)).fetchone()
            sql.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))
        return (_bookmark(row) if row else None), Change("bookmarks", (bookmark_id,))

    def restore(self, bookmark: Bookmark) -> Change:
        """Undo a delete: the same bookmark, with the same id unless a new one has taken it."""
        values = (bookmark.pack, bookmark.pack_version, bookmark.section, bookmark.section_title,
                  bookmark.offset, bookmark.quote, bookmark.label, bookmark.created,
                  int(bookmark.detached))  # fmt: skip
        with self.db.transaction() as sql:
            row = sql.execute("SELECT * FROM bookmarks WHERE id = ?", (bookmark.id,)).fetchone()
            if row is not None and _same(row, bookmark, "pack", "section", "created"):
                return Change("bookmarks", (bookmark.id,))  # already back (maybe renamed since)
            columns = "pack, pack_version, section, section_title, offset, quote, label, created, detached"
            if row is None:
                sql.execute(f"INSERT INTO bookmarks (id, {columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (bookmark.id, *values))  # fmt: skip
                return Change("bookmarks", (bookmark.id,))
            # SQLite reuses the highest id once it is deleted: a bookmark added since has it.
            cursor = sql.execute(
                f"INSERT OR IGNORE INTO bookmarks ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values
            )
        return Change("bookmarks", _inserted(cursor))


class NoteStore:
    def __init__(self, database: Database) -> None:
        self.db = database

    def all(self) -> list[Note]:
        return [_note(r) for r in self.db.query("SELECT * FROM notes ORDER BY pack, section, id")]

    def for_section(self, pack: str, section: str) -> list[Note]:
        rows = self.db.query(
            "SELECT * FROM notes WHERE pack = ? AND section = ? ORDER BY id", (pack, section)
        )
        return [_note(r) for r in rows]

    def sections_with_notes(self) -> set[tuple[str, str]]:
        rows = self.db.query("SELECT DISTINCT pack, section FROM notes WHERE text != ''")
        return {(r["pack"], r["section"]) for r in rows}

    def save(self, note: Note | None, pack: str, section: str, section_title: str, quote: str,
             text: str) -> tuple[Note, Change]:  # fmt: skip
        """Save the text of ``note`` (or a new note for the section).

        If another window saved that note since it was read here (its revision
        moved on), this text is kept as a new note beside it: neither is lost.
        """
        stamp = now()
        with self.db.transaction() as sql:
            updated = 0
            if note is not None:
                updated = sql.execute(
                    "UPDATE notes SET text = ?, updated = ?, revision = revision + 1"
                    " WHERE id = ? AND revision = ? AND created = ? AND pack = ? AND section = ?",
                    (text, stamp, note.id, note.revision, note.created, note.pack, note.section),
                ).rowcount
            if updated:
                note_id = note.id  # type: ignore[union-attr]
            else:
                note_id = sql.execute(
                    "INSERT INTO notes (pack, section, section_title, quote, text, created, updated)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (pack, section, section_title, quote[:QUOTE_LENGTH], text, stamp, stamp),
                ).lastrowid
            row = sql.execute("SELECT * FROM notes WHERE id = ?", (note_id,)).fetchone()
        saved = _note(row)
        return saved, Change("notes", (saved.id,))

    def delete(self, note_id: int) -> tuple[Note | None, Change]:
        with self.db.transaction() as sql:
            row = sql.execute("SELECT * FROM notes WHERE id = ?", (note_id,)).fetchone()
            sql.execute("DELETE FROM notes WHERE id = ?", (note_id,))
        return (_note(row) if row else None), Change("notes", (note_id,))

    def restore(self, note: Note) -> Change:
        """Undo a delete: the same note, with the same id unless a new one has taken it.

        SQLite hands the highest id out again once it is deleted, so a note written
        between the delete and the undo may hold it; the deleted note then comes
        back under a new id (in the returned Change) rather than not at all.
        """
        values = (note.pack, note.section, note.section_title, note.quote, note.text, note.created,
                  note.updated, note.revision, int(note.detached))  # fmt: skip
        columns = "pack, section, section_title, quote, text, created, updated, revision, detached"
        with self.db.transaction() as sql:
            row = sql.execute("SELECT * FROM notes WHERE id = ?", (note.id,)).fetchone()
            if row is None:
                sql.execute(f"INSERT INTO notes (id, {columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (note.id, *values))  # fmt: skip
            elif not _same(row, note, "pack", "section", "created"):
                note_id = sql.execute(
                    f"INSERT INTO notes ({columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values
                ).lastrowid
                return Change("notes", (note_id,) if note_id is not None else ())
        return Change("notes", (note.id,))


class QuestionStore:
    def __init__(self, database: Database) -> None:
        self.db = database

    def for_pack(self, pack: str) -> list[Question]:
        rows = self.db.query("SELECT * FROM questions WHERE pack = ? ORDER BY mine, id", (pack,))
        return [_question(r) for r in rows]

    def all(self) -> list[Question]:
        return [_question(r) for r in self.db.query("SELECT * FROM questions ORDER BY pack, mine, id")]

    def ensure_guide_questions(self, pack: str, texts: list[str]) -> Change | None:
        """Make sure the guide's own questions are in the checklist (never duplicated)."""
        known = {q.text for q in self.for_pack(pack) if not q.mine}
        missing = [text for text in texts if text not in known]
        if not missing:
            return None
        stamp = now()
        with self.db.transaction() as sql:
            sql.executemany(
                "INSERT OR IGNORE INTO questions (pack, text, mine, created) VALUES (?, ?, 0, ?)",
                [(pack, text, stamp) for text in missing],
            )
        return Change("questions")

    def add_mine(self, pack: str, text: str) -> tuple[Question, Change]:
        text = text.strip()
        if not text:
            raise ValueError("a question needs some words")
        with self.db.transaction() as sql:
            sql.execute("INSERT OR IGNORE INTO questions (pack, text, mine, created) VALUES (?, ?, 1, ?)",
                        (pack, text, now()))  # fmt: skip
            row = sql.execute("SELECT * FROM questions WHERE pack = ? AND text = ? AND mine = 1",
                              (pack, text)).fetchone()  # fmt: skip
        question = _question(row)
        return question, Change("questions", (question.id,))

    def set_checked(self, question_id: int, checked: bool) -> Change:
        with self.db.transaction() as sql:
            sql.execute("UPDATE questions SET checked = ? WHERE id = ?", (int(checked), question_id))
        return Change("questions", (question_id,))

    def delete_mine(self, question_id: int) -> tuple[Question | None, Change]:
        with self.db.transaction() as sql:
            row = sql.execute("SELECT * FROM questions WHERE id = ? AND mine = 1", (question_id,)).fetchone()
            sql.execute("DELETE FROM questions WHERE id = ? AND mine = 1", (question_id,))
        return (_question(row) if row else None), Change("questions", (question_id,))

    def restore(self, question: Question) -> Change:
        """Undo a delete: the same question, with the same id unless a new one has taken it."""
        values = (question.pack, question.text, int(question.checked), int(question.mine), question.created)
        with self.db.transaction() as sql:
            row = sql.execute("SELECT * FROM questions WHERE id = ?", (question.id,)).fetchone()
            if row is not None and _same(row, question, "pack", "text", "mine", "created"):
                return Change("questions", (question.id,))  # already back (maybe ticked since)
            if row is None:
                cursor = sql.execute(
                    "INSERT OR IGNORE INTO questions (id, pack, text, checked, mine, created)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (question.id, *values),
                )
            else:  # the id went to a question added since; the same words may be back already
                cursor = sql.execute(
                    "INSERT OR IGNORE INTO questions (pack, text, checked, mine, created)"
                    " VALUES (?, ?, ?, ?, ?)",
                    values,
                )
        return Change("questions", _inserted(cursor))
