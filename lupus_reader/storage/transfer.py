"""Export of the reader's bookmarks, notes and questions (docs/export-format.md), and the commands.

JSON is the complete format, written in a stable order so that export,
import into an empty library and export again give the same bytes.
Markdown is for people, to read or print; it is never imported. The
``export`` and ``import`` commands are here; checking an import file is in
``export_format`` and adding it to the library in ``importing``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from lupus_reader import APP_NAME
from lupus_reader.content.pack import ContentPack
from lupus_reader.storage import db
from lupus_reader.storage.export_format import (
    BOOLEANS,
    FIELDS,
    FORMAT,
    KINDS,
    VERSION,
    ExportFileError,
    Record,
    Records,
    parse_export,
    read_export_file,
)
from lupus_reader.storage.importing import import_records
from lupus_reader.storage.stores import Kind, now

# A total order on what is exported, so the same library always gives the same file.
# Questions keep the order they were added in (the guide's order, then the reader's own):
# an import adds them in file order, so a round trip keeps it too.
_ORDER: dict[Kind, str] = {
    "bookmarks": "pack, section, offset, created",
    "notes": "pack, section, created, updated, text, quote, section_title, detached",
    "questions": "pack, mine, id",
}


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
                for name in BOOLEANS.intersection(record):
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
