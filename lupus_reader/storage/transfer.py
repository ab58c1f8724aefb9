"""Export and import of the reader's bookmarks, notes and questions (docs/export-format.md).

JSON is the complete format, written in a stable order so that export,
import into an empty library and export again give the same bytes. An
import file is checked from top to bottom before anything is written, and
then written in one transaction: a bad file changes nothing. Markdown is
for people, to read or print; it is never imported.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from lupus_reader import APP_NAME
from lupus_reader.content.pack import ContentPack
from lupus_reader.storage import db
from lupus_reader.storage.stores import Change, Kind, now

FORMAT = "lupus-reader-export"
VERSION = 1
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ITEMS = 100_000  # per list
MAX_NOTE_CHARS = 100_000
MAX_QUESTION_CHARS = 10_000
MAX_SHORT_CHARS = 1_000  # label, quote, section title, section id
MAX_PACK_CHARS = 200  # pack id, pack version
MAX_TIME_CHARS = 40
# Values of any kind in the whole file. The largest export this version writes (MAX_ITEMS in
# every list) has about 2.5 million; a 50 MB file of "[],[],..." would have 16 million and take
# over a gigabyte of memory to parse, so it is refused before parsing.
MAX_VALUES = 4_000_000
SHOWN_PROBLEMS = 5
KINDS: tuple[Kind, ...] = ("bookmarks", "notes", "questions")

Record = dict[str, Any]
Check = Callable[[Any], "str | None"]


class ExportFileError(ValueError):
    """An import file that cannot be used; the message names what is wrong, item by item."""

    def __init__(self, problems: list[str], total: int | None = None) -> None:
        self.problems = problems
        total = total if total is not None else len(problems)
        shown = "; ".join(problems[:SHOWN_PROBLEMS])
        more = f" (and {total - SHOWN_PROBLEMS} more problems)" if total > SHOWN_PROBLEMS else ""
        super().__init__(shown + more)


# -- the fields of each kind, in the order they are written ---------------------------------------


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return "a string" if isinstance(value, str) else "a number"


def _show(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else _json_type(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _text(limit: int, empty_ok: bool = True) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return f"must be a string, not {_json_type(value)}"
        if len(value) > limit:
            return f"is {len(value):,} characters long; at most {limit:,} are allowed"
        if not empty_ok and not value.strip():
            return "must not be empty"
        if "\x00" in value:
            return "must not contain NUL characters"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "contains an unpaired surrogate (\\ud800-\\udfff), which is not text"
        return None

    return check


_DATE_START = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|T)")


def _timestamp(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"must be an ISO-8601 time string, not {_json_type(value)}"
    if len(value) <= MAX_TIME_CHARS and _DATE_START.match(value):
        try:
            dt.datetime.fromisoformat(value)
            return None
        except ValueError:
            pass
    return f"must be an ISO-8601 time such as 2026-11-25T16:11:08+00:00, not {_show(value)}"


def _offset(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"must be a number from 0 to 1, not {_json_type(value)}"
    if not (math.isfinite(value) and 0 <= value <= 1):
        return f"must be a number from 0 to 1, not {value}"
    return None


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"must be true or false, not {_show(value)}"


_REQUIRED = object()


@dataclass(frozen=True, slots=True)
class Field:
    check: Check
    default: object = _REQUIRED


_PACK = Field(_text(MAX_PACK_CHARS, empty_ok=False))
_SECTION = Field(_text(MAX_SHORT_CHARS, empty_ok=False))
_OPTIONAL_SHORT = Field(_text(MAX_SHORT_CHARS), "")
_TIME = Field(_timestamp)
_DETACHED = Field(_boolean, False)

# The JSON fields are the database columns of the same names.
FIELDS: dict[Kind, dict[str, Field]] = {
    "bookmarks": {
        "pack": _PACK,
        "section": _SECTION,
        "offset": Field(_offset),
        "quote": Field(_text(MAX_SHORT_CHARS)),
        "label": Field(_text(MAX_SHORT_CHARS)),
        "created": _TIME,
        "pack_version": Field(_text(MAX_PACK_CHARS), ""),
        "section_title": _OPTIONAL_SHORT,
        "detached": _DETACHED,
    },
    "notes": {
        "pack": _PACK,
        "section": _SECTION,
        "text": Field(_text(MAX_NOTE_CHARS)),
        "created": _TIME,
        "updated": _TIME,
        "section_title": _OPTIONAL_SHORT,
        "quote": _OPTIONAL_SHORT,
        "detached": _DETACHED,
    },
    "questions": {
        "pack": _PACK,
        "text": Field(_text(MAX_QUESTION_CHARS, empty_ok=False)),
        "checked": Field(_boolean),
        "mine": Field(_boolean),
        "created": _TIME,
    },
}
_BOOLEANS = {"detached", "checked", "mine"}
# A total order on what is exported, so the same library always gives the same file.
# Questions keep the order they were added in (the guide's order, then the reader's own):
# an import adds them in file order, so a round trip keeps it too.
_ORDER: dict[Kind, str] = {
    "bookmarks": "pack, section, offset, created",
    "notes": "pack, section, created, updated, text, quote, section_title, detached",
    "questions": "pack, mine, id",
}


@dataclass(slots=True)
class Records:
    """Bookmarks, notes and questions as the export format holds them (validated)."""

    bookmarks: list[Record] = field(default_factory=list)
    notes: list[Record] = field(default_factory=list)
    questions: list[Record] = field(default_factory=list)
    exported_at: str = ""
    ignored_fields: list[str] = field(default_factory=list)  # unknown fields seen on reading

    def of(self, kind: Kind) -> list[Record]:
        return {"bookmarks": self.bookmarks, "notes": self.notes, "questions": self.questions}[kind]

    def counts(self) -> str:
        return ", ".join(_count(len(self.of(kind)), kind) for kind in KINDS)


def _count(number: int, kind: str) -> str:
    return f"{number} {kind if number != 1 else kind[:-1]}"


# -- reading the library ---------------------------------------------------------------------------


def read_records(database: db.Database) -> Records:
    """Everything the reader keeps, in export order, read in one snapshot."""
    connection = database.connection
    records = Records()
    began = not connection.in_transaction
    if began:
        connection.execute("BEGIN")  # one consistent snapshot even while another window writes
    try:
        for kind in KINDS:
            columns = ", ".join(FIELDS[kind])
            rows = connection.execute(f"SELECT {columns} FROM {kind} ORDER BY {_ORDER[kind]}").fetchall()
            target = records.of(kind)
            for row in rows:
                record = dict(zip(FIELDS[kind], row, strict=True))
                for name in _BOOLEANS.intersection(record):
                    record[name] = bool(record[name])
                if "offset" in record:
                    record["offset"] = float(record["offset"])
                target.append(record)
    finally:
        if began and connection.in_transaction:
            connection.execute("COMMIT")
    return records


# -- writing an export -----------------------------------------------------------------------------


def to_json(records: Records, exported_at: str | None = None) -> str:
    """The JSON export: two-space indents, UTF-8 text as itself, one trailing newline."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": exported_at or now(),
        **{kind: [{name: r[name] for name in FIELDS[kind]} for r in records.of(kind)] for kind in KINDS},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def _inline(text: str) -> str:
    """Words as they are, with Markdown's special characters escaped, on one line."""
    return _INLINE_SPECIAL.sub(r"\\\1", _one_line(text))


def _quoted_block(text: str) -> list[str]:
    """A note as a Markdown block quote, line breaks kept (two trailing spaces), no raw HTML."""
    lines = text.strip("\n").replace("<", "\\<").split("\n")
    quoted = []
    for index, line in enumerate(lines):
        if not line.strip():
            quoted.append(">")
            continue
        hard_break = index + 1 < len(lines) and lines[index + 1].strip()
        quoted.append(f"> {line.rstrip()}{'  ' if hard_break else ''}")
    return quoted


def to_markdown(records: Records, packs: Iterable[ContentPack] = (), exported_at: str | None = None) -> str:
    """The export for people: by guide, then section in reading order; detached items apart."""
    by_id = {pack.id: pack for pack in packs}
    stamp = (exported_at or now())[:10]
    lines = ["# My bookmarks, notes and questions", "", f"Exported from Lupus Reader on {stamp}.", ""]
    pack_ids = sorted(
        {r["pack"] for kind in KINDS for r in records.of(kind)},
        key=lambda p: (p not in by_id, list(by_id).index(p) if p in by_id else 0, p),
    )
    if not pack_ids:
        lines += ["Nothing is saved yet.", ""]
    for pack_id in pack_ids:
        pack = by_id.get(pack_id)
        lines += [f"## {_inline(pack.title if pack else pack_id)}", ""]
        lines += _markdown_sections(records, pack_id, pack)
        questions = [q for q in records.questions if q["pack"] == pack_id]
        if questions:
            lines += ["### Questions for my doctor", ""]
            for question in questions:
                mark = "x" if question["checked"] else " "
                mine = " *(my question)*" if question["mine"] else ""
                lines.append(f"- [{mark}] {_inline(question['text'])}{mine}")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _markdown_sections(records: Records, pack_id: str, pack: ContentPack | None) -> list[str]:
    marks = [b for b in records.bookmarks if b["pack"] == pack_id]
    notes = [n for n in records.notes if n["pack"] == pack_id and n["text"].strip()]
    placed: dict[str, dict[str, list[Record]]] = {}
    detached: list[tuple[str, Record]] = []
    for kind, items in (("bookmark", marks), ("note", notes)):
        for item in items:
            if item["detached"]:
                detached.append((kind, item))
            else:
                placed.setdefault(item["section"], {"bookmark": [], "note": []})[kind].append(item)

    def title_of(section_id: str, items: list[Record]) -> str:
        section = pack.section(section_id) if pack else None
        return section.title if section else (items[0]["section_title"] or section_id)

    def position(section_id: str) -> tuple[int, str]:
        section = pack.section(section_id) if pack else None
        return (section.index, "") if section else (1 << 30, section_id)

    lines: list[str] = []
    for section_id in sorted(placed, key=position):
        section_marks, section_notes = placed[section_id]["bookmark"], placed[section_id]["note"]
        lines += [f"### {_inline(title_of(section_id, section_marks + section_notes))}", ""]
        for mark in section_marks:
            quote = f": “{_inline(mark['quote'])}”" if mark["quote"].strip() else ""
            lines.append(f"- Bookmark **{_inline(mark['label'] or 'untitled')}**{quote}")
        if section_marks:
            lines.append("")
        for note in section_notes:
            lines += [f"Note, {note['updated'][:10]}:", "", *_quoted_block(note["text"]), ""]
    if detached:
        lines += [
            "### Detached",
            "",
            "These were made in an earlier version of the guide; their place could not be found in it now.",
            "",
        ]
        for kind, item in detached:
            where = _inline(item["section_title"] or item["section"])
            quote = f" “{_inline(item['quote'])}”" if item["quote"].strip() else ""
            if kind == "bookmark":
                lines += [
                    f"- Bookmark **{_inline(item['label'] or 'untitled')}**, from “{where}”:{quote}",
                    "",
                ]
            else:
                lines += [f"Note from “{where}”{', near' + quote if quote else ''}:", ""]
                lines += [*_quoted_block(item["text"]), ""]
    return lines


# -- reading an import file ------------------------------------------------------------------------


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the field {_show(key)} appears twice in one object")
        result[key] = value
    return result


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')


def _values(data: bytes) -> int:
    """About how many JSON values ``data`` holds (one more than its separators), counted in C."""
    count = data.count(b",") + data.count(b"[") + data.count(b"{")
    if count > MAX_VALUES:  # commas and brackets inside strings do not count
        data = _JSON_STRING.sub(b'""', data)
        count = data.count(b",") + data.count(b"[") + data.count(b"{")
    return count


def parse_export(data: bytes) -> Records:
    """Check an export file completely; raise ExportFileError naming every problem found."""
    if len(data) > MAX_FILE_BYTES:
        raise ExportFileError([f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"])
    if not data.strip():
        raise ExportFileError(["the file is empty"])
    if _values(data) > MAX_VALUES:
        raise ExportFileError(
            [f"the file holds more than {MAX_VALUES:,} values; an export never needs so many"]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ExportFileError([f"the file is not UTF-8 text (byte {error.start})"]) from None
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)
    except json.JSONDecodeError as error:
        raise ExportFileError(
            [f"the file is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
             "is it complete?"]
        ) from None  # fmt: skip
    except RecursionError:
        raise ExportFileError(["the file is nested too deeply to be a Lupus Reader export"]) from None
    except ValueError as error:
        raise ExportFileError([f"the file is not valid JSON: {error}"]) from None
    if not isinstance(document, dict):
        raise ExportFileError(
            [f"not a Lupus Reader export: the file holds {_json_type(document)}, not an object"]
        )
    _check_header(document)
    problems: list[str] = []
    records = Records(exported_at=document["exported_at"])
    for key in document:
        if key not in {"format", "version", "exported_at", *KINDS}:
            records.ignored_fields.append(key)
    for kind in KINDS:
        _check_list(document, kind, records, problems)
    if problems:
        raise ExportFileError(problems[:100], len(problems))
    return records


def _check_header(document: dict[str, Any]) -> None:
    if "format" not in document:
        raise ExportFileError(['not a Lupus Reader export: it has no "format" field'])
    if document["format"] != FORMAT:
        raise ExportFileError(
            [f'not a Lupus Reader export: "format" is {_show(document["format"])}, not "{FORMAT}"']
        )
    if "version" not in document:
        raise ExportFileError(['"version": missing; a Lupus Reader export says which version it is'])
    version = document["version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise ExportFileError([f'"version": must be a whole number, not {_show(version)}'])
    if version > VERSION:
        raise ExportFileError(
            [f"version {version} is newer than this Lupus Reader understands (it reads version "
             f"{VERSION}); update Lupus Reader to import this file"]
        )  # fmt: skip
    if version < 1:
        raise ExportFileError([f'"version": {version} is not a version of this format (it starts at 1)'])
    if "exported_at" not in document:
        raise ExportFileError(['"exported_at": missing'])
    problem = _timestamp(document["exported_at"])
    if problem:
        raise ExportFileError([f'"exported_at": {problem}'])


def _check_list(document: dict[str, Any], kind: Kind, records: Records, problems: list[str]) -> None:
    if kind not in document:
        problems.append(f'"{kind}": missing (an export lists it even when it is empty: [])')
        return
    items = document[kind]
    if not isinstance(items, list):
        problems.append(f"{kind}: must be an array, not {_json_type(items)}")
        return
    if len(items) > MAX_ITEMS:
        problems.append(f"{kind}: has {len(items):,} entries; at most {MAX_ITEMS:,} are allowed")
        return
    fields = FIELDS[kind]
    target = records.of(kind)
    for index, item in enumerate(items):
        where = f"{kind}[{index}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be an object, not {_json_type(item)}")
            continue
        record: Record = {}
        for name, spec in fields.items():
            if name not in item:
                if spec.default is _REQUIRED:
                    problems.append(f"{where}: missing field {name!r}")
                else:
                    record[name] = spec.default
                continue
            problem = spec.check(item[name])
            if problem:
                problems.append(f"{where}.{name}: {problem}")
            else:
                record[name] = item[name]
        records.ignored_fields.extend(f"{where}.{name}" for name in item if name not in fields)
        if "offset" in record:
            record["offset"] = float(record["offset"])
        target.append(record)


def read_export_file(path: Path) -> Records:
    """Read and check an export file; ExportFileError says what is wrong with it."""
    try:
        with path.open("rb") as handle:  # read at most the limit: /dev/zero must not fill memory
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ExportFileError([f"the file cannot be read ({error.strerror or error})"]) from None
    return parse_export(data)


# -- importing -------------------------------------------------------------------------------------


@dataclass(slots=True)
class ImportReport:
    added: dict[Kind, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    skipped: dict[Kind, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    detached: int = 0  # of those added: their section is not in the guides here
    ticked: int = 0  # questions already here, unticked, that the file has ticked
    ignored_fields: list[str] = field(default_factory=list)
    changes: tuple[Change, ...] = ()

    def summary(self) -> str:
        added = ", ".join(_count(self.added[kind], kind) for kind in KINDS)
        text = f"added {added}; skipped {sum(self.skipped.values())} already there; {self.detached} detached"
        return text + (f"; ticked {_count(self.ticked, 'questions')} already there" if self.ticked else "")


def import_records(
    records: Records, database: db.Database, known_sections: set[str] | None = None
) -> ImportReport:
    """Add what the library does not have yet, all in one transaction (see docs/export-format.md).

    ``known_sections`` are the section ids of the open packs: a bookmark or
    note whose section is not among them is added as detached. None: do not judge.
    """
    report = ImportReport(ignored_fields=list(records.ignored_fields))
    added_ids: dict[Kind, list[int]] = {kind: [] for kind in KINDS}

    def detached(record: Record) -> bool:
        unknown = known_sections is not None and record["section"] not in known_sections
        return bool(record["detached"]) or unknown

    with database.transaction() as sql:

        def insert(kind: Kind, record: Record) -> None:
            columns = list(FIELDS[kind])
            values = [int(record[c]) if c in _BOOLEANS else record[c] for c in columns]
            cursor = sql.execute(
                f"INSERT INTO {kind} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", values
            )
            assert cursor.lastrowid is not None
            added_ids[kind].append(cursor.lastrowid)
            report.added[kind] += 1
            if kind != "questions" and record["detached"]:
                report.detached += 1

        marks = {tuple(r) for r in sql.execute("SELECT pack, section, offset, created FROM bookmarks")}
        for record in records.bookmarks:
            key = (record["pack"], record["section"], record["offset"], record["created"])
            if key in marks:
                report.skipped["bookmarks"] += 1
                continue
            marks.add(key)
            insert("bookmarks", {**record, "detached": detached(record)})

        # A note is there if one with the same place, time and words is: a different text
        # under the same key is kept beside it. Counted, so identical twins survive a round trip.
        notes = Counter(tuple(r) for r in sql.execute("SELECT pack, section, created, text FROM notes"))
        for record in records.notes:
            words = (record["pack"], record["section"], record["created"], record["text"])
            if notes[words] > 0:
                notes[words] -= 1
                report.skipped["notes"] += 1
                continue
            insert("notes", {**record, "detached": detached(record)})

        questions = {
            (r["pack"], r["text"], bool(r["mine"])): r
            for r in sql.execute("SELECT id, pack, text, mine, checked FROM questions")
        }
        seen: set[tuple[str, str, bool]] = set()
        for record in records.questions:
            ask = (record["pack"], record["text"], record["mine"])
            if ask in seen:
                report.skipped["questions"] += 1
                continue
            seen.add(ask)
            row = questions.get(ask)
            if row is None:
                insert("questions", record)
                continue
            report.skipped["questions"] += 1
            if record["checked"] and not row["checked"]:
                sql.execute("UPDATE questions SET checked = 1 WHERE id = ?", (row["id"],))
                added_ids["questions"].append(row["id"])
                report.ticked += 1
    report.changes = tuple(Change(kind, tuple(ids)) for kind, ids in added_ids.items() if ids)
    return report


def import_file(path: Path, database: db.Database, known_sections: set[str] | None = None) -> ImportReport:
    """Check the whole file, then add what is new in one transaction; a bad file changes nothing.

    Raises ExportFileError for a file that cannot be imported and
    StorageError when the library cannot be written.
    """
    return import_records(read_export_file(path), database, known_sections)


# -- the export and import commands ----------------------------------------------------------------


def _open(data_dir: Path, err: TextIO) -> db.Database | None:
    try:
        opened = db.open_database(data_dir / db.LIBRARY_FILE)
    except db.StorageError as error:
        err.write(f"{APP_NAME}: {error}\n")
        return None
    if opened.moved_aside is not None:
        err.write(
            f"{APP_NAME}: the library was damaged; it was moved to {opened.moved_aside} "
            "and a new one was started\n"
        )
    return opened.database


def open_packs(extra: Sequence[Path] = ()) -> list[ContentPack]:
    """The packs given with --pack and the bundled ones, as the reader opens them (broken ones left out)."""
    from lupus_reader import resources
    from lupus_reader.content.library import open_library

    try:
        library, _failures = open_library(extra, resources.bundled_packs())
    except OSError:
        return []
    return library.packs


def _ignored_note(fields: list[str]) -> str:
    shown = ", ".join(fields[:5]) + (f" and {len(fields) - 5} more" if len(fields) > 5 else "")
    return f"{APP_NAME}: note: ignored fields this version does not know: {shown}\n"


def export_command(
    data_dir: Path, fmt: str, output: Path | None, out: TextIO, err: TextIO, packs: Sequence[Path] = ()
) -> int:
    """``lupus-reader export [--format json|md] [-o FILE]``: 0 when written, 1 otherwise."""
    if fmt not in ("json", "md"):
        err.write(f"{APP_NAME}: unknown export format {fmt!r} (use json or md)\n")
        return 1
    records = Records()
    if (data_dir / db.LIBRARY_FILE).exists():  # an export never creates a library
        database = _open(data_dir, err)
        if database is None:
            return 1
        try:
            records = read_records(database)
        except sqlite3.Error as error:
            err.write(f"{APP_NAME}: the library in {data_dir} cannot be read: {error}\n")
            return 1
        finally:
            database.close()
    text = to_json(records) if fmt == "json" else to_markdown(records, open_packs(packs))
    if fmt == "json":
        try:  # what this version cannot import again, the reader is told now, not on the day
            parse_export(text.encode("utf-8"))
        except ExportFileError as error:
            err.write(f"{APP_NAME}: warning: this export will not import as it is: {error}\n")
    if output is None:
        out.write(text)
        return 0
    try:
        from lupus_reader.files import write_atomically

        write_atomically(output, text.encode("utf-8"))
    except OSError as error:
        err.write(f"{APP_NAME}: cannot write {output}: {error.strerror or error}\n")
        return 1
    out.write(f"exported {records.counts()} to {output}\n")
    return 0


def import_command(path: Path, data_dir: Path, out: TextIO, err: TextIO, packs: Sequence[Path] = ()) -> int:
    """``lupus-reader import FILE``: 0 when imported (even if nothing was new), 1 otherwise."""
    try:
        records = read_export_file(path)  # before the library is even opened
    except ExportFileError as error:
        err.write(f"{APP_NAME}: cannot import {path}: {error}. Nothing was changed.\n")
        return 1
    database = _open(data_dir, err)
    if database is None:
        return 1
    known = {section.id for pack in open_packs(packs) for section in pack.sections}
    try:
        report = import_records(records, database, known)
    except db.StorageError as error:
        err.write(f"{APP_NAME}: cannot import {path}: {error}. Nothing was changed.\n")
        return 1
    finally:
        database.close()
    if report.ignored_fields:
        err.write(_ignored_note(report.ignored_fields))
    out.write(report.summary() + "\n")
    return 0
