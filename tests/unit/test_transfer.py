"""Export and import: round trip byte for byte, a second import adds nothing, a bad file changes nothing."""

from __future__ import annotations

import copy
import io
import json
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from lupus_reader.content.pack import ContentPack, load_pack
from lupus_reader.storage import db, export_format, importing, transfer
from lupus_reader.storage.export_format import ExportFileError, parse_export
from lupus_reader.storage.importing import import_file
from lupus_reader.storage.stores import BookmarkStore, NoteStore, QuestionStore
from lupus_reader.storage.transfer import import_command, read_records, to_json, to_markdown

STAMP = "2026-11-25T16:11:08+00:00"
CHAPTER = """# Getting started

Welcome to the guide.

## Daily care

Drink plenty of water and rest when the flares come back.

## Questions to ask

1. Is this right for me?
2. What are the risks?
"""


def rows(database: db.Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to compare a library before and after."""
    return {
        table: [tuple(r) for r in database.query(f"SELECT * FROM {table} ORDER BY id")]
        for table in ("bookmarks", "notes", "questions")
    }


def without_stamp(text: str) -> str:
    return re.sub(r'\n  "exported_at": "[^"]*",\n', "\n", text)


@pytest.fixture
def open_db(tmp_path: Path) -> Iterator[Callable[[str], db.Database]]:
    opened: list[db.Database] = []

    def make(name: str) -> db.Database:
        database = db.open_database(tmp_path / name / db.LIBRARY_FILE).database
        opened.append(database)
        return database

    yield make
    for database in opened:
        database.close()


@pytest.fixture
def pack(make_pack, manifest) -> ContentPack:
    folder = make_pack(
        {
            "pack.toml": manifest(chapters=["one.md"], questions="one.md#questions-to-ask"),
            "one.md": CHAPTER,
        }
    )
    return load_pack(folder)


def known(pack: ContentPack) -> set[str]:
    return {section.id for section in pack.sections}


def fill(database: db.Database, pack: ContentPack) -> None:
    """A library with a bit of everything, including words that are awkward to carry."""
    start, care = pack.sections[0], pack.sections[1]
    marks, notes, questions = BookmarkStore(database), NoteStore(database), QuestionStore(database)
    marks.add(pack.id, pack.version, care.id, care.title, 0.25, "Drink plenty of water", "Water")
    marks.add(pack.id, pack.version, start.id, start.title, 0.0, "Welcome to the guide.")
    marks.add(pack.id, pack.version, care.id, care.title, 1 / 3, "rest", "Ünïcödé 🦋 “quotes” <b>")
    notes.save(None, pack.id, care.id, care.title, "Drink plenty", "Ask about\nfluids.\n\n\tTabs & <html>")
    notes.save(None, pack.id, start.id, start.title, "Welcome", "Dr. Müller — 14:00 🩺")
    questions.ensure_guide_questions(pack.id, pack.questions())
    mine, _ = questions.add_mine(pack.id, "Can I still work?")
    questions.set_checked(mine.id, True)
    guide = questions.for_pack(pack.id)[0]
    questions.set_checked(guide.id, True)
    with database.transaction() as sql:  # what re-anchoring leaves when a section went away
        sql.execute(
            "INSERT INTO notes (pack, section, section_title, quote, text, created, updated, detached)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
            (pack.id, "demo/one/gone", "A section that went", "its first words", "Kept anyway", STAMP, STAMP),
        )


def document(**changes: Any) -> dict[str, Any]:
    """A small valid export; keyword arguments replace top-level fields."""
    base: dict[str, Any] = {
        "format": "lupus-reader-export",
        "version": 1,
        "exported_at": STAMP,
        "bookmarks": [
            {"pack": "demo", "section": "demo/one/daily-care", "offset": 0.5, "quote": "Drink",
             "label": "Water", "created": STAMP},
            {"pack": "demo", "section": "demo/one/getting-started", "offset": 0, "quote": "",
             "label": "Start", "created": STAMP},
        ],
        "notes": [
            {"pack": "demo", "section": "demo/one/daily-care", "text": "My words", "created": STAMP,
             "updated": STAMP},
        ],
        "questions": [
            {"pack": "demo", "text": "Is this right for me?", "checked": True, "mine": False,
             "created": STAMP},
            {"pack": "demo", "text": "Mine?", "checked": False, "mine": True, "created": STAMP},
        ],
    }  # fmt: skip
    base.update(changes)
    return base


def encode(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


# -- the round trip --------------------------------------------------------------------------------


def test_export_import_export_gives_the_same_bytes(open_db, pack):
    first = open_db("first")
    fill(first, pack)
    exported = to_json(read_records(first))

    second = open_db("second")
    report = importing.import_records(parse_export(exported.encode()), second, known(pack))
    again = to_json(read_records(second))

    assert report.added == {"bookmarks": 3, "notes": 3, "questions": 3}
    assert report.detached == 1  # the note that was already detached
    assert without_stamp(again) == without_stamp(exported)
    assert json.loads(again)["exported_at"].endswith("+00:00")


def test_export_is_stable_and_documented_shape(open_db, pack):
    database = open_db("lib")
    fill(database, pack)
    data = json.loads(to_json(read_records(database), STAMP))

    assert list(data) == ["format", "version", "exported_at", "bookmarks", "notes", "questions"]
    assert data["format"] == "lupus-reader-export" and data["version"] == 1
    assert list(data["bookmarks"][0]) == [
        "pack", "section", "offset", "quote", "label", "created", "pack_version", "section_title", "detached"
    ]  # fmt: skip
    assert list(data["notes"][0]) == [
        "pack", "section", "text", "created", "updated", "section_title", "quote", "detached"
    ]  # fmt: skip
    assert list(data["questions"][0]) == ["pack", "text", "checked", "mine", "created"]
    # By section id, then offset: "daily-care" sorts before "getting-started".
    assert [b["offset"] for b in data["bookmarks"]] == [0.25, 1 / 3, 0.0]
    assert [q["text"] for q in data["questions"]] == [*pack.questions(), "Can I still work?"]
    assert to_json(read_records(database), STAMP) == to_json(read_records(database), STAMP)


def test_importing_the_same_file_twice_adds_nothing(open_db, pack, tmp_path):
    source = open_db("source")
    fill(source, pack)
    file = tmp_path / "export.json"
    file.write_text(to_json(read_records(source)), encoding="utf-8")
    target = open_db("target")

    first = import_file(file, target, known(pack))
    before = rows(target)
    second = import_file(file, target, known(pack))

    assert sum(first.added.values()) == 9
    assert second.added == {"bookmarks": 0, "notes": 0, "questions": 0}
    assert sum(second.skipped.values()) == 9
    assert second.changes == ()
    assert rows(target) == before
    assert second.summary() == "added 0 bookmarks, 0 notes, 0 questions; skipped 9 already there; 0 detached"


def test_a_note_with_the_same_key_but_other_words_is_kept_beside_it(open_db, tmp_path):
    database = open_db("lib")
    import_file_bytes(tmp_path, database, encode(document()))
    edited = document()
    edited["notes"][0]["text"] = "My words, and more I wrote on the other computer"

    report = import_file_bytes(tmp_path, database, encode(edited))

    assert report.added["notes"] == 1
    texts = sorted(r["text"] for r in database.query("SELECT text FROM notes"))
    assert texts == ["My words", "My words, and more I wrote on the other computer"]


def test_identical_twin_notes_both_survive_and_still_import_once(open_db, tmp_path):
    twins = document()
    twins["notes"] = twins["notes"] * 2
    database = open_db("lib")

    first = import_file_bytes(tmp_path, database, encode(twins))
    second = import_file_bytes(tmp_path, database, encode(twins))

    assert first.added["notes"] == 2
    assert second.added["notes"] == 0
    assert len(database.query("SELECT * FROM notes")) == 2


def test_a_question_already_there_is_not_added_again_but_takes_the_tick(open_db, tmp_path):
    database = open_db("lib")
    QuestionStore(database).ensure_guide_questions("demo", ["Is this right for me?"])

    report = import_file_bytes(tmp_path, database, encode(document()))

    assert report.added["questions"] == 1  # "Mine?"
    assert report.skipped["questions"] == 1
    assert report.ticked == 1
    assert "ticked 1 question already there" in report.summary()
    assert [(q.text, q.checked, q.mine) for q in QuestionStore(database).all()] == [
        ("Is this right for me?", True, False),
        ("Mine?", False, True),
    ]


def test_unknown_sections_import_as_detached(open_db, pack, tmp_path):
    data = document()
    data["notes"].append(
        {"pack": "demo", "section": "demo/one/not-in-this-guide", "text": "Hello", "created": STAMP,
         "updated": STAMP, "section_title": "Gone", "quote": "first words"}
    )  # fmt: skip
    database = open_db("lib")

    report = import_file_bytes(tmp_path, database, encode(data), known(pack))

    assert report.detached == 1
    assert "1 detached" in report.summary()
    detached = database.query("SELECT section, section_title, quote, text FROM notes WHERE detached = 1")
    assert [tuple(r) for r in detached] == [("demo/one/not-in-this-guide", "Gone", "first words", "Hello")]
    assert database.query("SELECT COUNT(*) FROM bookmarks WHERE detached = 1")[0][0] == 0


def test_without_known_sections_nothing_is_judged(open_db, tmp_path):
    database = open_db("lib")
    report = import_file_bytes(tmp_path, database, encode(document()), None)

    assert report.detached == 0


def test_unknown_fields_are_ignored_and_named(open_db, tmp_path):
    data = document(app="something newer")
    data["bookmarks"][0]["colour"] = "red"
    database = open_db("lib")

    report = import_file_bytes(tmp_path, database, encode(data))

    assert report.added["bookmarks"] == 2
    assert report.ignored_fields == ["app", "bookmarks[0].colour"]


def import_file_bytes(
    tmp_path: Path, database: db.Database, data: bytes, known_sections: set[str] | None = None
) -> importing.ImportReport:
    file = tmp_path / "import.json"
    file.write_bytes(data)
    return import_file(file, database, known_sections)


# -- files that must change nothing --------------------------------------------------------------


def _mutated(change: Callable[[dict[str, Any]], None]) -> bytes:
    data = copy.deepcopy(document())
    change(data)
    return encode(data)


def _nested(depth: int) -> bytes:
    return b'{"format": "lupus-reader-export", "version": 1, "exported_at": "2026-01-01", "notes": ' + (
        b"[" * depth + b"]" * depth + b', "bookmarks": [], "questions": []}'
    )


HOSTILE: dict[str, tuple[bytes, str]] = {
    "empty": (b"", "the file is empty"),
    "not JSON": (b"Dear doctor, my notes are below.", "not valid JSON (line 1, column 1"),
    "truncated": (encode(document())[:150], "is it complete?"),
    "not UTF-8": (b'{"format": "\xff\xfe"}', "not UTF-8"),
    "JSON array": (b"[]", "not a Lupus Reader export: the file holds an array, not an object"),
    "JSON string": (b'"hello"', "the file holds a string, not an object"),
    "no format": (encode({"version": 1}), 'it has no "format" field'),
    "wrong format": (encode(document(format="kindle-notes")), '"format" is "kindle-notes"'),
    "version 2": (encode(document(version=2)), "version 2 is newer than this Lupus Reader understands"),
    "version 0": (encode(document(version=0)), '"version": 0 is not a version'),
    "version string": (encode(document(version="1")), '"version": must be a whole number, not "1"'),
    "no version": (_mutated(lambda d: d.pop("version")), '"version": missing'),
    "bad exported_at": (encode(document(exported_at="today")), '"exported_at": must be an ISO-8601 time'),
    "list missing": (_mutated(lambda d: d.pop("questions")), '"questions": missing'),
    "list is an object": (encode(document(notes={})), "notes: must be an array, not an object"),
    "item not an object": (encode(document(notes=["hi"])), "notes[0]: must be an object, not a string"),
    "missing field": (_mutated(lambda d: d["notes"][0].pop("text")), "notes[0]: missing field 'text'"),
    "string offset": (
        _mutated(lambda d: d["bookmarks"][1].update(offset="0.5")),
        "bookmarks[1].offset: must be a number from 0 to 1, not a string",
    ),
    "offset 1.5": (
        _mutated(lambda d: d["bookmarks"][0].update(offset=1.5)),
        "bookmarks[0].offset: must be a number from 0 to 1, not 1.5",
    ),
    "offset true": (
        _mutated(lambda d: d["bookmarks"][0].update(offset=True)),
        "bookmarks[0].offset: must be a number from 0 to 1, not true/false",
    ),
    "offset NaN": (
        encode(document()).replace(b'"offset": 0.5', b'"offset": NaN'),
        "NaN is not a number JSON allows",
    ),
    "offset 1e999": (
        encode(document()).replace(b'"offset": 0.5', b'"offset": 1e999'),
        "bookmarks[0].offset: must be a number from 0 to 1, not inf",
    ),
    "huge integer": (encode(document()).replace(b'"offset": 0.5', b'"offset": ' + b"9" * 5000), "not valid"),
    "list text": (
        _mutated(lambda d: d["notes"][0].update(text=["My", "words"])),
        "notes[0].text: must be a string, not an array",
    ),
    "bool as yes": (
        _mutated(lambda d: d["questions"][1].update(checked="yes")),
        'questions[1].checked: must be true or false, not "yes"',
    ),
    "null label": (
        _mutated(lambda d: d["bookmarks"][0].update(label=None)),
        "bookmarks[0].label: must be a string, not null",
    ),
    "bad time": (
        _mutated(lambda d: d["notes"][0].update(updated="last Tuesday")),
        'notes[0].updated: must be an ISO-8601 time such as 2026-11-25T16:11:08+00:00, not "last Tuesday"',
    ),
    "200,000-char note": (
        _mutated(lambda d: d["notes"][0].update(text="x" * 200_000)),
        "notes[0].text: is 200,000 characters long; at most 100,000 are allowed",
    ),
    "long label": (
        _mutated(lambda d: d["bookmarks"][0].update(label="y" * 1_001)),
        "bookmarks[0].label: is 1,001 characters long; at most 1,000",
    ),
    "empty question": (
        _mutated(lambda d: d["questions"][1].update(text="   ")),
        "questions[1].text: must not be empty",
    ),
    "empty pack": (_mutated(lambda d: d["notes"][0].update(pack="")), "notes[0].pack: must not be empty"),
    "NUL in text": (
        _mutated(lambda d: d["notes"][0].update(text="a\x00b")),
        "notes[0].text: must not contain NUL characters",
    ),
    "lone surrogate": (
        encode(document()).replace(b'"My words"', b'"\\ud800"'),
        "notes[0].text: contains an unpaired surrogate",
    ),
    "duplicate key": (
        encode(document()).replace(b'"version": 1,', b'"version": 1, "version": 1,'),
        'the field "version" appears twice',
    ),
    "deeply nested": (_nested(100_000), "nested too deeply"),
    "nested junk in a field": (
        _mutated(lambda d: d["notes"][0].update(text=json.loads("[" * 50 + "]" * 50))),
        "notes[0].text: must be a string, not an array",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_a_bad_file_is_named_and_changes_nothing(case, open_db, pack, tmp_path):
    data, expected = HOSTILE[case]
    database = open_db("lib")
    fill(database, pack)
    before = rows(database)

    with pytest.raises(ExportFileError) as raised:
        import_file_bytes(tmp_path, database, data, known(pack))

    assert expected in str(raised.value)
    assert rows(database) == before


def test_every_problem_is_named_with_where_it_is(tmp_path):
    data = document()
    data["bookmarks"][0]["offset"] = "half"
    data["notes"][0]["text"] = 3
    data["questions"][1]["mine"] = "no"

    with pytest.raises(ExportFileError) as raised:
        parse_export(encode(data))

    assert raised.value.problems == [
        "bookmarks[0].offset: must be a number from 0 to 1, not a string",
        "notes[0].text: must be a string, not a number",
        'questions[1].mine: must be true or false, not "no"',
    ]


def test_a_long_list_of_problems_is_cut_short(tmp_path):
    data = document(notes=[1] * 40)

    with pytest.raises(ExportFileError) as raised:
        parse_export(encode(data))

    assert str(raised.value).endswith("(and 35 more problems)")


def test_too_many_entries_are_refused(monkeypatch):
    monkeypatch.setattr(export_format, "MAX_ITEMS", 1)

    with pytest.raises(ExportFileError, match=r"bookmarks: has 2 entries; at most 1 are allowed"):
        parse_export(encode(document()))


def test_a_60_mb_file_is_refused_without_reading_it_all(open_db, pack, tmp_path):
    database = open_db("lib")
    fill(database, pack)
    before = rows(database)
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.write(encode(document())[:-1] + b', "padding": "')
        handle.truncate(60 * 1024 * 1024)

    with pytest.raises(ExportFileError, match="the file is larger than 50 MB"):
        import_file(big, database, known(pack))
    assert rows(database) == before


def test_a_file_that_is_not_there_is_named(open_db, tmp_path):
    with pytest.raises(ExportFileError, match="the file cannot be read"):
        import_file(tmp_path / "missing.json", open_db("lib"))


def test_a_write_that_fails_halfway_leaves_nothing(open_db, pack, tmp_path, monkeypatch):
    """One transaction: if the last insert fails, the first ones are gone too."""
    database = open_db("lib")
    fill(database, pack)
    before = rows(database)
    records = parse_export(encode(document()))
    records.questions.append({**records.questions[0], "text": "New", "checked": 5})  # breaks a CHECK

    with pytest.raises(db.StorageError):
        importing.import_records(records, database, known(pack))
    assert rows(database) == before


# -- Markdown for people ---------------------------------------------------------------------------


def test_markdown_export_groups_by_section_with_a_checklist(open_db, pack):
    database = open_db("lib")
    fill(database, pack)

    text = to_markdown(read_records(database), [pack], STAMP)

    assert text.startswith("# My bookmarks, notes and questions\n")
    assert "Exported from Lupus Reader on 2026-11-25." in text
    assert "## Demo Guide\n" in text
    start, care = text.index("### Getting started\n"), text.index("### Daily care\n")
    assert start < care  # reading order, not alphabetical
    assert "- Bookmark **Water**: “Drink plenty of water”" in text
    assert "- Bookmark **Ünïcödé 🦋 “quotes” \\<b\\>**: “rest”" in text
    assert "> Ask about  \n> fluids.\n>\n> \tTabs & \\<html>" in text
    assert "> Dr. Müller — 14:00 🩺" in text
    checklist = (
        "- [x] Is this right for me?\n- [ ] What are the risks?\n- [x] Can I still work? *(my question)*"
    )
    assert checklist in text
    detached = text.index("### Detached\n")
    assert "Note from “A section that went”, near “its first words”:\n\n> Kept anyway" in text[detached:]
    assert text.index("### Questions for my doctor") > detached


def test_markdown_of_an_empty_library(open_db):
    text = to_markdown(read_records(open_db("lib")), [], STAMP)

    assert "Nothing is saved yet." in text


def test_markdown_without_the_pack_uses_the_stored_titles(open_db, pack):
    database = open_db("lib")
    fill(database, pack)

    text = to_markdown(read_records(database), [], STAMP)

    assert "## demo\n" in text
    assert "### Daily care\n" in text  # the title kept with the note


# -- the commands ----------------------------------------------------------------------------------


def test_import_command_refuses_a_bad_file_before_making_a_library(tmp_path):
    file = tmp_path / "bad.json"
    file.write_text('{"format": "lupus-reader-export", "version": 2}', encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()

    code = import_command(file, tmp_path / "data", out, err)

    assert code == 1
    assert out.getvalue() == ""
    assert "version 2 is newer than this Lupus Reader understands" in err.getvalue()
    assert "Nothing was changed." in err.getvalue()
    assert not (tmp_path / "data").exists()


def test_import_command_reports_a_library_it_cannot_open(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    newer = sqlite3.connect(data_dir / db.LIBRARY_FILE)
    newer.execute("PRAGMA user_version = 99")
    newer.close()
    file = tmp_path / "good.json"
    file.write_bytes(encode(document()))
    err = io.StringIO()

    assert import_command(file, data_dir, io.StringIO(), err) == 1
    assert "written by a newer Lupus Reader" in err.getvalue()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lupus_reader", *args], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.slow
def test_cli_export_import_export(tmp_path, bundled_pack):
    first, second = tmp_path / "first", tmp_path / "second"
    bundled = load_pack(bundled_pack)
    database = db.open_database(first / db.LIBRARY_FILE).database
    fill(database, bundled)
    database.close()
    exported, again = tmp_path / "out" / "export.json", tmp_path / "again.json"

    result = run_cli("--data-dir", str(first), "export", "-o", str(exported))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"exported 3 bookmarks, 3 notes, 6 questions to {exported}\n"
    assert result.stderr == ""

    result = run_cli("--data-dir", str(second), "import", str(exported))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "added 3 bookmarks, 3 notes, 6 questions; skipped 0 already there; 1 detached\n"

    result = run_cli("--data-dir", str(second), "import", str(exported))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("added 0 bookmarks, 0 notes, 0 questions; skipped 12 already there;")

    result = run_cli("--data-dir", str(second), "export", "-o", str(again))
    assert result.returncode == 0, result.stderr
    assert without_stamp(again.read_text(encoding="utf-8")) == without_stamp(
        exported.read_text(encoding="utf-8")
    )

    result = run_cli("--data-dir", str(second), "export", "--format", "md")
    assert result.returncode == 0, result.stderr
    assert "## Stem Cell Therapy for Lupus" in result.stdout
    assert "- [x] Can I still work? *(my question)*" in result.stdout


@pytest.mark.slow
def test_cli_import_of_a_bad_file_fails_and_changes_nothing(tmp_path):
    data_dir = tmp_path / "data"
    file = tmp_path / "bad.json"
    file.write_bytes(_mutated(lambda d: d["notes"][0].update(text=["x"])))

    result = run_cli("--data-dir", str(data_dir), "import", str(file))

    assert result.returncode == 1
    assert result.stdout == ""
    assert "notes[0].text: must be a string, not an array" in result.stderr
    assert not data_dir.exists()


@pytest.mark.slow
def test_cli_export_of_no_library_to_stdout_is_an_empty_export(tmp_path):
    result = run_cli("--data-dir", str(tmp_path / "data"), "export")

    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["bookmarks"], data["notes"], data["questions"]) == ([], [], [])
    assert not (tmp_path / "data").exists()  # exporting never creates a library


@pytest.mark.slow
def test_cli_export_to_a_place_it_cannot_write(tmp_path):
    target = tmp_path / "folder"
    target.mkdir()

    result = run_cli("--data-dir", str(tmp_path / "data"), "export", "-o", str(target))

    assert result.returncode == 1
    assert f"cannot write {target}" in result.stderr


def test_export_warns_when_the_file_would_not_import(open_db, tmp_path):
    database = open_db("lib")
    NoteStore(database).save(None, "demo", "demo/one/daily-care", "Daily care", "", "z" * 100_001)
    database.close()
    out, err = io.StringIO(), io.StringIO()

    code = transfer.export_command(tmp_path / "lib", "json", tmp_path / "e.json", out, err)

    assert code == 0  # the words are written all the same
    assert "warning: this export will not import as it is: notes[0].text: is 100,001" in err.getvalue()
    assert (tmp_path / "e.json").stat().st_size > 100_001


def test_import_command_says_what_it_ignored(tmp_path):
    file = tmp_path / "newer.json"
    file.write_bytes(encode(document(theme="dark")))
    out, err = io.StringIO(), io.StringIO()

    assert import_command(file, tmp_path / "data", out, err) == 0
    assert "note: ignored fields this version does not know: theme" in err.getvalue()
    assert out.getvalue().startswith("added 2 bookmarks, 1 note, 2 questions; skipped 0 already there;")


def test_a_file_of_millions_of_tiny_values_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(export_format, "MAX_VALUES", 1_000)
    junk = document(padding=[[] for _ in range(2_000)])

    with pytest.raises(ExportFileError, match="the file holds more than 1,000 values"):
        parse_export(encode(junk))


def test_commas_and_brackets_in_words_are_not_counted_as_values(monkeypatch):
    monkeypatch.setattr(export_format, "MAX_VALUES", 1_000)
    data = document()
    data["notes"][0]["text"] = 'a, [b], {c}, "d", \\ ' * 500

    assert parse_export(encode(data)).notes[0]["text"] == data["notes"][0]["text"]


@pytest.mark.slow
def test_export_and_import_never_load_qt(tmp_path):
    script = (
        "import io, sys\n"
        "from pathlib import Path\n"
        "import lupus_reader.storage.reanchor\n"
        "from lupus_reader.app import main\n"
        "sys.stdout = io.StringIO()\n"
        f"code = main(['--data-dir', {str(tmp_path)!r}, 'export', '-o', {str(tmp_path / 'e.json')!r}])\n"
        f"code += main(['--data-dir', {str(tmp_path)!r}, 'import', {str(tmp_path / 'e.json')!r}])\n"
        "sys.stdout = sys.__stdout__\n"
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0 []"
