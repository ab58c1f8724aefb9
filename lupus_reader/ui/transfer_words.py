"""What the window says after an export or import, in the UI's language (the storage floor's own
summaries, for the command line, stay English)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from lupus_reader.storage.export_format import Records
    from lupus_reader.storage.importing import ImportReport
    from lupus_reader.storage.stores import Kind


class TransferWords(QObject):
    """A QObject for tr()'s plural forms: "1 note", "2 notes"."""

    def counted(self, number: int, kind: Kind) -> str:
        if kind == "bookmarks":
            return self.tr("%n bookmark(s)", "", number)
        if kind == "notes":
            return self.tr("%n note(s)", "", number)
        return self.tr("%n question(s)", "", number)

    def counts(self, numbers: dict[Kind, int]) -> str:
        return ", ".join(self.counted(number, kind) for kind, number in numbers.items())

    def exported(self, records: Records, path: Path) -> str:
        numbers: dict[Kind, int] = {
            kind: len(records.of(kind)) for kind in ("bookmarks", "notes", "questions")
        }
        return self.tr("Saved {counts} to {path}").format(counts=self.counts(numbers), path=path)

    def imported(self, report: ImportReport) -> str:
        text = self.tr("added {added}; skipped {skipped} already there; {detached} detached").format(
            added=self.counts(report.added), skipped=sum(report.skipped.values()), detached=report.detached
        )
        if report.ticked:
            text += self.tr("; ticked {questions} already there").format(
                questions=self.counted(report.ticked, "questions")
            )
        return text
