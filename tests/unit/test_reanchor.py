"""When the guide changes: bookmarks and notes follow their section id, then their quote; none is dropped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lupus_reader.content.pack import ContentPack, load_pack
from lupus_reader.storage import db
from lupus_reader.storage.reanchor import Reanchored, normalize, reanchor
from lupus_reader.storage.stores import BookmarkStore, NoteStore

STAMP = "2026-11-25T16:11:08+00:00"

VERSION_1 = """# Living with lupus

Welcome to the guide.

## Daily care

Drink plenty of **water** and rest when the flares come back.

## Old topic

This section is taken out of the next version of the guide.

## Stays the same {#stays}

Nothing changes in this part between the two versions.
"""

# "Daily care" is renamed (so its id changes) but keeps its words; "Old topic" is gone;
# "stays" keeps its explicit id under a new title.
VERSION_2 = """# Living with lupus

Welcome to the guide, second edition.

## Looking after yourself

Drink plenty of water and rest
when the flares come back.

## Still the same {#stays}

Nothing changes in this part between the two versions.
"""


@pytest.fixture
def packs(make_pack, manifest) -> tuple[ContentPack, ContentPack]:
    first = make_pack({"pack.toml": manifest(version="1.0"), "one.md": VERSION_1}, name="v1")
    second = make_pack({"pack.toml": manifest(version="2.0"), "one.md": VERSION_2}, name="v2")
    return load_pack(first), load_pack(second)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[db.Database]:
    opened = db.open_database(tmp_path / "data" / db.LIBRARY_FILE).database
    yield opened
    opened.close()


def rows(database: db.Database) -> dict[str, list[tuple[object, ...]]]:
    return {
        table: [tuple(r) for r in database.query(f"SELECT * FROM {table} ORDER BY id")]
        for table in ("bookmarks", "notes")
    }


def mark_and_note(database: db.Database, pack: ContentPack, section_id: str, quote: str) -> None:
    section = pack.section(section_id)
    assert section is not None
    BookmarkStore(database).add(pack.id, pack.version, section.id, section.title, 0.5, quote)
    NoteStore(database).save(None, pack.id, section.id, section.title, quote, f"note on {section.title}")


@pytest.fixture
def library(database, packs) -> db.Database:
    v1, _ = packs
    mark_and_note(database, v1, "demo/one/daily-care", "Drink plenty of water and rest when")
    mark_and_note(database, v1, "demo/one/old-topic", "This section is taken out of the next version")
    mark_and_note(database, v1, "demo/one/stays", "Nothing changes in this part")
    return database


def test_the_guide_changing_moves_keeps_and_detaches(library, packs):
    _, v2 = packs
    before = rows(library)

    result = reanchor(library, [v2])

    assert (result.kept, result.moved, result.detached) == (2, 2, 2)
    marks = {b.quote[:7]: b for b in BookmarkStore(library).all()}
    moved = marks["Drink p"]
    assert (moved.section, moved.section_title, moved.pack_version, moved.detached) == (
        "demo/one/looking-after-yourself", "Looking after yourself", "2.0", False
    )  # fmt: skip
    gone = marks["This se"]
    assert (gone.section, gone.section_title, gone.pack_version, gone.detached) == (
        "demo/one/old-topic", "Old topic", "1.0", True
    )  # fmt: skip
    assert gone.quote == "This section is taken out of the next version"
    kept = marks["Nothing"]
    assert (kept.section, kept.section_title, kept.pack_version, kept.detached) == (
        "demo/one/stays", "Still the same", "2.0", False
    )  # fmt: skip
    notes = {n.text: n for n in NoteStore(library).all()}
    assert notes["note on Daily care"].section == "demo/one/looking-after-yourself"
    assert notes["note on Daily care"].section_title == "Looking after yourself"
    assert notes["note on Old topic"].detached is True
    assert notes["note on Old topic"].section_title == "Old topic"
    assert notes["note on Old topic"].quote == "This section is taken out of the next version"
    assert notes["note on Stays the same"].section_title == "Still the same"
    # Nothing deleted, nothing made: the same rows by id, their words untouched.
    after = rows(library)
    for table in ("bookmarks", "notes"):
        assert [r[0] for r in after[table]] == [r[0] for r in before[table]]
    words = {n.id: (n.text, n.created, n.updated, n.revision) for n in NoteStore(library).all()}
    assert words == {r[0]: r[5:9] for r in before["notes"]}
    assert {c.kind: len(c.ids) for c in result.changes} == {"bookmarks": 3, "notes": 3}


def test_running_twice_changes_nothing_more(library, packs):
    _, v2 = packs
    reanchor(library, [v2])
    after_first = rows(library)

    again = reanchor(library, [v2])

    assert rows(library) == after_first
    assert again == Reanchored(kept=4, moved=0, detached=2, changes=())


def test_nothing_to_do_writes_nothing_even_read_only(library, packs, tmp_path):
    v1, _ = packs
    assert reanchor(library, [v1]) == Reanchored(kept=6)
    read_only = db.Database(library.path, db.connect(library.path, read_only=True), read_only=True)
    try:
        assert reanchor(read_only, [v1]) == Reanchored(kept=6)
    finally:
        read_only.close()


def test_a_detached_one_comes_back_when_its_section_does(library, packs):
    v1, v2 = packs
    reanchor(library, [v2])

    result = reanchor(library, [v1])

    assert result.detached == 0
    gone = next(b for b in BookmarkStore(library).all() if b.section == "demo/one/old-topic")
    assert (gone.detached, gone.pack_version) == (False, "1.0")


def test_packs_not_given_are_left_alone(library, packs):
    _, v2 = packs
    BookmarkStore(library).add("other", "3", "other/x/y", "Y", 0.0, "quote")
    before = [b for b in BookmarkStore(library).all() if b.pack == "other"]

    reanchor(library, [v2])

    assert [b for b in BookmarkStore(library).all() if b.pack == "other"] == before


def test_a_short_quote_is_placed_only_on_a_whole_title(database, packs):
    v1, v2 = packs
    BookmarkStore(database).add(v1.id, v1.version, "demo/one/old-topic", "Old topic", 0.1, "water")
    BookmarkStore(database).add(v1.id, v1.version, "demo/one/gone-too", "Gone", 0.2, "Still the same")
    BookmarkStore(database).add(v1.id, v1.version, "demo/one/gone-three", "Gone", 0.3, "")

    result = reanchor(database, [v2])

    assert (result.moved, result.detached) == (1, 2)
    placed = {b.offset: (b.section, b.detached) for b in BookmarkStore(database).all()}
    assert placed == {
        0.1: ("demo/one/old-topic", True),  # "water" is in a section, but too short to trust
        0.2: ("demo/one/stays", False),
        0.3: ("demo/one/gone-three", True),  # no quote, nothing to go by
    }


def test_two_bookmarks_that_would_collide_are_both_kept(database, packs):
    _, v2 = packs
    with database.transaction() as sql:
        for section in ("demo/one/old-a", "demo/one/old-b"):
            sql.execute(
                "INSERT INTO bookmarks (pack, pack_version, section, section_title, offset, quote, label,"
                " created) VALUES ('demo', '1.0', ?, 'Old', 0.5, 'Drink plenty of water', 'x', ?)",
                (section, STAMP),
            )

    result = reanchor(database, [v2])

    assert (result.moved, result.detached) == (1, 1)
    assert len(BookmarkStore(database).all()) == 2


def test_normalize_reads_markdown_as_a_reader_sees_it():
    assert normalize("## Daily *care* {#x}\n\n1. Drink **plenty**\nof [water](a.md).") == (
        "daily care drink plenty of water."
    )
    assert normalize("  Drink   PLENTY\tof water ") == "drink plenty of water"
