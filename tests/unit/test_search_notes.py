"""The reader's notes and own questions are found as they are saved, and gone when deleted."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from lupus_reader.content.pack import ContentPack, load_pack
from lupus_reader.search import Searcher, marked_html, unmarked
from lupus_reader.storage import db as storage
from lupus_reader.storage.db import FTS_TOKENIZE, LIBRARY_FILE, SCHEMA_VERSION, Database, open_database
from lupus_reader.storage.memory import open_memory_database
from lupus_reader.storage.stores import NoteStore, QuestionStore
from tests.unit.search_guide import open_searcher, write_guide

TRANSPLANT = "care/01-care/transplant-basics"


@pytest.fixture
def pack(tmp_path: Path) -> ContentPack:
    return load_pack(write_guide(tmp_path / "guide"))


@pytest.fixture
def database(tmp_path: Path) -> Database:
    return open_database(tmp_path / "data" / LIBRARY_FILE).database


def found(searcher: Searcher, text: str, kind: str) -> list[str]:
    return [unmarked(hit.snippet) for hit in searcher.search(text).hits if hit.kind == kind]


def fts_intact(database: Database) -> None:
    """SQLite's own check that each index holds exactly what its table holds."""
    for table in ("notes_fts", "questions_fts"):
        database.connection.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")


def test_a_note_is_found_once_saved_changed_with_it_and_gone_once_deleted(pack, database, tmp_path):
    searcher = open_searcher(pack, tmp_path / "cache", database.connection)
    notes = NoteStore(database)

    note, _ = notes.save(
        None,
        "care",
        TRANSPLANT,
        "Transplant basics",
        "Ask the transplant nurse",
        "Ask about hydroxychloroquine",
    )
    hit = searcher.search("hydroxychloroquine").hits[0]
    assert (hit.kind, hit.note_id, hit.section_id, hit.pack_id) == ("note", note.id, TRANSPLANT, "care")
    assert hit.breadcrumb == "Kidney care › Transplant basics"
    assert marked_html(hit.snippet) == "Ask about <b>hydroxychloroquine</b>"

    changed, _ = notes.save(note, "care", TRANSPLANT, "Transplant basics", "", "Ask about methotrexate")
    assert found(searcher, "hydroxychloroquine", "note") == []
    assert found(searcher, "methotrexates ", "note") == ["Ask about methotrexate"]  # stems too

    deleted, _ = notes.delete(changed.id)
    assert found(searcher, "methotrexate", "note") == []
    assert deleted is not None
    notes.restore(deleted)
    assert found(searcher, "methotrexate", "note") == ["Ask about methotrexate"]
    fts_intact(database)


def test_notes_come_before_sections_and_an_emptied_note_is_not_found(pack, database, tmp_path):
    searcher = open_searcher(pack, tmp_path / "cache", database.connection)
    notes = NoteStore(database)
    note, _ = notes.save(None, "care", TRANSPLANT, "Transplant basics", "", "My nurse is called Sam")

    kinds = [hit.kind for hit in searcher.search("nurse").hits]
    assert kinds == ["note", "section"]

    notes.save(note, "care", TRANSPLANT, "Transplant basics", "", "")
    assert (
        found(searcher, "transplant", "note") == []
    )  # the section title is still indexed, the note is empty
    fts_intact(database)


def test_a_note_is_searched_by_its_section_title_and_quote(pack, database, tmp_path):
    searcher = open_searcher(pack, tmp_path / "cache", database.connection)
    NoteStore(database).save(None, "care", TRANSPLANT, "Transplant basics", "before, during and after", "Yes")
    assert found(searcher, "during", "note") == ["Yes"]
    # Placed again in a changed guide, under its new title:
    database.connection.execute("UPDATE notes SET section_title = 'Getting a new organ'")
    assert found(searcher, "organ", "note") == ["Yes"]
    assert found(searcher, "basics", "note") == []
    fts_intact(database)


def test_own_questions_are_found_and_the_guides_are_not(pack, database, tmp_path):
    searcher = open_searcher(pack, tmp_path / "cache", database.connection)
    questions = QuestionStore(database)
    questions.ensure_guide_questions("care", ["How long is the hospital stay?"])
    mine, _ = questions.add_mine("care", "Can I travel after the transplant?")

    hits = [hit for hit in searcher.search("travel").hits if hit.kind == "question"]
    assert [(h.question_id, h.pack_id, h.title, h.section_id) for h in hits] == [
        (mine.id, "care", "Can I travel after the transplant?", "")
    ]
    assert marked_html(hits[0].title_marked) == "Can I <b>travel</b> after the transplant?"
    assert found(searcher, "hospital", "question") == []

    questions.set_checked(mine.id, True)
    assert len(found(searcher, "travel", "question")) == 1
    deleted, _ = questions.delete_mine(mine.id)
    assert found(searcher, "travel", "question") == []
    assert deleted is not None
    questions.restore(deleted)
    assert len(found(searcher, "travel", "question")) == 1
    fts_intact(database)


def test_search_limits_notes_to_the_packs_asked_for(pack, database, tmp_path):
    searcher = open_searcher(pack, tmp_path / "cache", database.connection)
    NoteStore(database).save(None, "other", "other/a/b", "Elsewhere", "", "fatigue diary")
    assert found(searcher, "diary", "note") == ["fatigue diary"]
    assert [h.kind for h in searcher.search("diary", packs=["care"]).hits] == []
    # A note on a pack without an index is still shown, under its own section title.
    assert searcher.search("diary").hits[0].breadcrumb == "Elsewhere"


def version_2_library(path: Path) -> None:
    """A library as version 2 wrote it: schema.sql without the search tables, with some notes."""
    connection = sqlite3.connect(path)
    script = (Path(storage.__file__).with_name("schema.sql")).read_text(encoding="utf-8")
    for statement in storage.statements(script):
        if "_fts" not in statement:
            connection.execute(statement)
    connection.executemany(
        "INSERT INTO notes (pack, section, section_title, text, created, updated)"
        " VALUES (?, ?, ?, ?, 't', 't')",
        [("care", TRANSPLANT, "Transplant basics", "Bring the infusion diary"),
         ("care", "care/02-living/sleep", "Sleep", "Melatonin helped")],
    )  # fmt: skip
    connection.executemany(
        "INSERT INTO questions (pack, text, mine, created) VALUES ('care', ?, ?, 't')",
        [("Who pays for the infusion?", 1), ("What is an infusion?", 0)],
    )
    connection.execute("PRAGMA user_version = 2")
    connection.commit()
    connection.close()


def test_a_version_2_library_is_migrated_and_its_notes_become_searchable(pack, tmp_path):
    path = tmp_path / "data" / LIBRARY_FILE
    path.parent.mkdir()
    version_2_library(path)

    database = open_database(path).database

    assert database.query("PRAGMA user_version")[0][0] == SCHEMA_VERSION == 3
    searcher = open_searcher(pack, tmp_path / "cache", database.connection)
    assert found(searcher, "infusion", "note") == ["Bring the infusion diary"]
    assert found(searcher, "infusion", "question") == ["Who pays for the infusion?"]
    assert found(searcher, "melatonin", "note") == ["Melatonin helped"]
    NoteStore(database).save(None, "care", TRANSPLANT, "Transplant basics", "", "New infusion note")
    assert len(found(searcher, "infusion", "note")) == 2
    fts_intact(database)


def test_a_migrated_library_has_the_same_search_tables_as_a_new_one(tmp_path):
    path = tmp_path / "old.sqlite3"
    version_2_library(path)
    upgraded = open_database(path).database
    fresh = open_database(tmp_path / "new.sqlite3").database

    def objects(database: Database) -> set[tuple[str, str]]:
        rows = database.query("SELECT type, name FROM sqlite_master WHERE name LIKE '%fts%'")
        return {(row[0], row[1]) for row in rows}

    assert objects(upgraded) == objects(fresh)
    assert {name for _, name in objects(fresh)} >= {"notes_fts", "questions_fts", "notes_fts_update"}


def test_a_copy_in_memory_of_a_version_2_library_is_searchable_and_the_file_untouched(pack, tmp_path):
    path = tmp_path / "data" / LIBRARY_FILE
    path.parent.mkdir()
    version_2_library(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()

    memory = open_memory_database(copy_of=path)

    searcher = open_searcher(pack, None, memory.connection)
    assert found(searcher, "melatonin", "note") == ["Melatonin helped"]
    NoteStore(memory).save(None, "care", TRANSPLANT, "Transplant basics", "", "kept in memory only")
    assert found(searcher, "memory", "note") == ["kept in memory only"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_library_without_search_tables_still_gives_sections(pack, tmp_path):
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    searcher = open_searcher(pack, None, connection)
    assert [hit.kind for hit in searcher.search("nurse").hits] == ["section"]


def test_the_library_reads_words_as_the_pack_indexes_do(tmp_path):
    """schema.sql spells the tokenizer out; a new and a migrated library both use FTS_TOKENIZE."""
    path = tmp_path / "old.sqlite3"
    version_2_library(path)
    for database in (open_database(path).database, open_database(tmp_path / "new.sqlite3").database):
        tables = database.query("SELECT name, sql FROM sqlite_master WHERE sql LIKE '%USING fts5(%'")
        assert {row[0] for row in tables} == {"notes_fts", "questions_fts"}
        for _, sql in tables:
            assert f"tokenize = '{FTS_TOKENIZE}'" in sql
