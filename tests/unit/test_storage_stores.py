"""Bookmarks, notes and questions: what the reader keeps, and gets back after undo and restart."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lupus_reader.storage.db import LIBRARY_FILE, Database, open_database
from lupus_reader.storage.stores import (
    QUOTE_LENGTH,
    BookmarkStore,
    Change,
    NoteStore,
    QuestionStore,
)

PACK = "lupus-guide"

Reopen = Callable[[], Database]


@pytest.fixture
def reopen(tmp_path: Path) -> Iterator[Reopen]:
    """``reopen()`` opens the library afresh, as the next start of the app would."""
    opened: list[Database] = []

    def open_again() -> Database:
        database = open_database(tmp_path / LIBRARY_FILE).database
        opened.append(database)
        return database

    yield open_again
    for database in opened:
        database.close()


@pytest.fixture
def database(reopen: Reopen) -> Database:
    return reopen()


# -- bookmarks ------------------------------------------------------------------------------


def test_a_bookmark_keeps_the_exact_place_and_a_default_label(database, reopen):
    bookmarks = BookmarkStore(database)

    bookmark, change = bookmarks.add(PACK, "1.2.0", f"{PACK}/04/why", "Why doctors study it", 0.4, "q" * 500)

    assert change == Change("bookmarks", (bookmark.id,))
    assert bookmark.label == "Why doctors study it"
    assert (bookmark.pack, bookmark.pack_version, bookmark.section, bookmark.offset) == (
        PACK,
        "1.2.0",
        f"{PACK}/04/why",
        0.4,
    )
    assert bookmark.quote == "q" * QUOTE_LENGTH
    assert BookmarkStore(reopen()).all() == [bookmark]


def test_bookmarks_are_listed_by_section_and_the_offset_is_kept_within_the_section(database):
    bookmarks = BookmarkStore(database)
    low, _ = bookmarks.add(PACK, "1", f"{PACK}/a", "A", -3, "", "start")
    high, _ = bookmarks.add(PACK, "1", f"{PACK}/a", "A", 7, "", "end")
    other, _ = bookmarks.add(PACK, "1", f"{PACK}/b", "B", 0.5, "", "  middle of B  ")

    assert (low.offset, high.offset) == (0.0, 1.0)
    assert other.label == "middle of B"
    assert bookmarks.for_section(PACK, f"{PACK}/a") == [low, high]
    assert bookmarks.all() == [low, high, other]


def test_rename_a_bookmark(database, reopen):
    bookmarks = BookmarkStore(database)
    bookmark, _ = bookmarks.add(PACK, "1", f"{PACK}/a", "A", 0.1, "")

    assert bookmarks.rename(bookmark.id, "  Ask about this  ") == Change("bookmarks", (bookmark.id,))

    assert [b.label for b in BookmarkStore(reopen()).all()] == ["Ask about this"]


def test_delete_a_bookmark_and_undo_brings_back_the_same_one(database, reopen):
    bookmarks = BookmarkStore(database)
    keep, _ = bookmarks.add(PACK, "1", f"{PACK}/a", "A", 0.1, "one")
    gone, _ = bookmarks.add(PACK, "1", f"{PACK}/b", "B", 0.2, "two", "mine")

    deleted, change = bookmarks.delete(gone.id)
    assert deleted == gone and change == Change("bookmarks", (gone.id,))
    assert bookmarks.all() == [keep]

    assert bookmarks.restore(deleted) == Change("bookmarks", (gone.id,))
    assert bookmarks.restore(deleted) == Change("bookmarks", (gone.id,))  # a second undo adds nothing
    assert BookmarkStore(reopen()).all() == [keep, gone]
    assert bookmarks.delete(999_999)[0] is None


def test_undo_after_a_new_bookmark_took_the_deleted_id_keeps_both(database):
    bookmarks = BookmarkStore(database)
    gone, _ = bookmarks.add(PACK, "1", f"{PACK}/a", "A", 0.1, "deleted one")
    bookmarks.delete(gone.id)
    newer, _ = bookmarks.add(PACK, "1", f"{PACK}/b", "B", 0.9, "added since")
    assert newer.id == gone.id  # SQLite hands out the freed id again

    change = bookmarks.restore(gone)

    labels = {b.id: b.label for b in bookmarks.all()}
    assert sorted(labels.values()) == ["A", "B"]
    assert change.ids and change.ids[0] != newer.id and labels[change.ids[0]] == "A"


# -- notes ----------------------------------------------------------------------------------


def test_a_note_is_saved_updated_and_there_after_a_restart(database, reopen):
    notes = NoteStore(database)

    note, change = notes.save(None, PACK, f"{PACK}/a", "A", "a quote", "First thoughts")
    assert change == Change("notes", (note.id,)) and note.revision == 1
    note, _ = notes.save(note, PACK, f"{PACK}/a", "A", "a quote", "First thoughts, and more")

    assert note.revision == 2
    assert NoteStore(reopen()).for_section(PACK, f"{PACK}/a") == [note]


def test_a_save_over_a_revision_that_moved_on_keeps_both_texts(database):
    notes = NoteStore(database)
    original, _ = notes.save(None, PACK, f"{PACK}/a", "A", "", "v1")
    elsewhere, _ = notes.save(original, PACK, f"{PACK}/a", "A", "", "written in the other window")

    stale, _ = notes.save(original, PACK, f"{PACK}/a", "A", "", "written here, from the old revision")

    assert stale.id != elsewhere.id
    assert sorted(n.text for n in notes.all()) == [
        "written here, from the old revision",
        "written in the other window",
    ]


def test_two_stores_on_one_library_with_stale_revisions_lose_nothing(database, reopen):
    here, there = NoteStore(database), NoteStore(reopen())
    note, _ = here.save(None, PACK, f"{PACK}/a", "A", "", "start")
    mine, theirs = note, note
    written = []
    for round_ in range(5):
        mine, _ = here.save(mine, PACK, f"{PACK}/a", "A", "", f"here {round_}")
        theirs, _ = there.save(theirs, PACK, f"{PACK}/a", "A", "", f"there {round_}")
        written += [f"here {round_}", f"there {round_}"]

    latest = {n.text for n in NoteStore(reopen()).all()}
    # Each window's last text is kept; none overwrote the other's.
    assert {mine.text, theirs.text} <= latest
    assert mine.id != theirs.id
    assert latest <= set(written)


def test_sections_with_notes_leave_out_empty_notes(database):
    notes = NoteStore(database)
    notes.save(None, PACK, f"{PACK}/a", "A", "", "something")
    notes.save(None, "other", "other/b", "B", "", "more")
    notes.save(None, PACK, f"{PACK}/c", "C", "", "")

    assert notes.sections_with_notes() == {(PACK, f"{PACK}/a"), ("other", "other/b")}


def test_delete_a_note_and_undo_brings_back_the_same_note(database, reopen):
    notes = NoteStore(database)
    note, _ = notes.save(None, PACK, f"{PACK}/a", "A", "", "keep me")
    note, _ = notes.save(note, PACK, f"{PACK}/a", "A", "", "keep me, edited")

    deleted, _ = notes.delete(note.id)
    assert deleted == note and notes.all() == []
    assert notes.restore(deleted) == Change("notes", (note.id,))
    assert notes.restore(deleted) == Change("notes", (note.id,))

    assert NoteStore(reopen()).all() == [note]
    # Typing on in the restored note carries on from where it was.
    edited, _ = notes.save(note, PACK, f"{PACK}/a", "A", "", "keep me, edited again")
    assert (edited.id, edited.revision) == (note.id, 3)


def test_undo_after_a_new_note_took_the_deleted_id_loses_neither(database):
    notes = NoteStore(database)
    gone, _ = notes.save(None, PACK, f"{PACK}/a", "A", "", "the deleted note")
    notes.delete(gone.id)
    newer, _ = notes.save(None, PACK, f"{PACK}/b", "B", "", "written after the delete")
    assert newer.id == gone.id  # SQLite hands out the freed id again

    change = notes.restore(gone)
    # A late save from the window that still holds the old note must not overwrite the newer one.
    notes.save(gone, PACK, f"{PACK}/a", "A", "", "the deleted note, edited after undo")

    texts = {n.id: n.text for n in notes.all()}
    assert texts[newer.id] == "written after the delete"
    assert texts[change.ids[0]] == "the deleted note"
    assert sorted(texts.values()) == [
        "the deleted note",
        "the deleted note, edited after undo",
        "written after the delete",
    ]


# -- questions ------------------------------------------------------------------------------


GUIDE_QUESTIONS = ["Am I a candidate?", "What are the risks?"]


def test_the_guide_questions_are_added_once(database, reopen):
    questions = QuestionStore(database)

    assert questions.ensure_guide_questions(PACK, GUIDE_QUESTIONS) == Change("questions")
    assert questions.ensure_guide_questions(PACK, GUIDE_QUESTIONS) is None
    assert QuestionStore(reopen()).ensure_guide_questions(PACK, [*GUIDE_QUESTIONS, "How long?"]) is not None

    listed = questions.for_pack(PACK)
    assert [q.text for q in listed] == [*GUIDE_QUESTIONS, "How long?"]
    assert not any(q.mine or q.checked for q in listed)


def test_my_own_questions_are_added_once_and_need_words(database):
    questions = QuestionStore(database)
    questions.ensure_guide_questions(PACK, GUIDE_QUESTIONS)

    mine, change = questions.add_mine(PACK, "  Can I keep my job during treatment?  ")
    again, _ = questions.add_mine(PACK, "Can I keep my job during treatment?")

    assert change == Change("questions", (mine.id,))
    assert mine == again and mine.mine and mine.text == "Can I keep my job during treatment?"
    assert [q.text for q in questions.for_pack(PACK)][-1] == mine.text
    with pytest.raises(ValueError):
        questions.add_mine(PACK, "   ")
    assert len(questions.all()) == 3


def test_a_tick_is_kept_after_a_restart(database, reopen):
    questions = QuestionStore(database)
    questions.ensure_guide_questions(PACK, GUIDE_QUESTIONS)
    first = questions.for_pack(PACK)[0]

    questions.set_checked(first.id, True)
    assert [q.checked for q in QuestionStore(reopen()).for_pack(PACK)] == [True, False]
    questions.set_checked(first.id, False)
    assert [q.checked for q in QuestionStore(reopen()).for_pack(PACK)] == [False, False]


def test_delete_my_question_and_undo_but_never_the_guides(database, reopen):
    questions = QuestionStore(database)
    questions.ensure_guide_questions(PACK, GUIDE_QUESTIONS)
    mine, _ = questions.add_mine(PACK, "Who pays for it?")
    questions.set_checked(mine.id, True)
    mine = questions.for_pack(PACK)[-1]

    deleted, _ = questions.delete_mine(mine.id)
    assert deleted == mine
    assert questions.delete_mine(questions.for_pack(PACK)[0].id)[0] is None  # a guide question stays
    assert [q.text for q in questions.for_pack(PACK)] == GUIDE_QUESTIONS

    assert questions.restore(deleted) == Change("questions", (mine.id,))
    assert questions.restore(deleted) == Change("questions", (mine.id,))
    assert QuestionStore(reopen()).for_pack(PACK)[-1] == mine


def test_undo_after_a_new_question_took_the_deleted_id_keeps_both(database):
    questions = QuestionStore(database)
    gone, _ = questions.add_mine(PACK, "Deleted question?")
    questions.delete_mine(gone.id)
    newer, _ = questions.add_mine(PACK, "Added since?")
    assert newer.id == gone.id

    questions.restore(gone)

    assert sorted(q.text for q in questions.for_pack(PACK)) == ["Added since?", "Deleted question?"]
