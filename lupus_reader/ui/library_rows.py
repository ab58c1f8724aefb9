"""How the reader's records read in the lists: bookmark and note rows as words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from lupus_reader.ui.record_list import Record


def _changed_guide() -> str:
    """After the title of a record whose place in the guide is gone."""
    return " " + QCoreApplication.translate("LibraryRows", "(changed guide)")


def bookmark_row(record: Record) -> tuple[str, str, str]:
    """(id, label, section_title, quote, detached) -> text, tooltip, text to rename from."""
    _, label, section_title, quote, detached = record
    marker = _changed_guide() if detached else ""
    return f"{label} — {section_title}{marker}", quote, label


def note_row(record: Record) -> tuple[str, str, str]:
    """(id, section, section_title, text, detached) -> text, tooltip, (not renamed)."""
    _, section, section_title, text, detached = record
    marker = _changed_guide() if detached else ""
    return f"{section_title or section}{marker}: {' '.join(text.split())[:80]}", text[:500], ""
