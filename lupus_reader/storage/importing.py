"""Importing an export file: what the library does not have yet, added in one transaction."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lupus_reader.storage import db
from lupus_reader.storage.export_format import (
    BOOLEANS,
    FIELDS,
    KINDS,
    Record,
    Records,
    counted,
    read_export_file,
)
from lupus_reader.storage.stores import Change, Kind


@dataclass(slots=True)
class ImportReport:
    added: dict[Kind, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    skipped: dict[Kind, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    detached: int = 0  # of those added: their section is not in the guides here
    ticked: int = 0  # questions already here, unticked, that the file has ticked
    ignored_fields: list[str] = field(default_factory=list)
    changes: tuple[Change, ...] = ()

    def summary(self) -> str:
        added = ", ".join(counted(self.added[kind], kind) for kind in KINDS)
        text = f"added {added}; skipped {sum(self.skipped.values())} already there; {self.detached} detached"
        return text + (f"; ticked {counted(self.ticked, 'questions')} already there" if self.ticked else "")


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
            values = [int(record[c]) if c in BOOLEANS else record[c] for c in columns]
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
