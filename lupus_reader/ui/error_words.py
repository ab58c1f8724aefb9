"""Why something could not be saved or opened, in the reader's language.

The storage floor is Qt-free and explains itself in English, for the command
line and for logs. Its error classes (and its `describe` of an OSError) say what kind of
trouble it was: that is what the window tells the reader, translated. Trouble
of no known kind keeps the words it came with.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from lupus_reader.storage.db import BusyError, NewerDatabaseError, ReadOnlyError, StorageFullError, describe


def reason(error: Exception) -> str:
    """Why, as a clause to follow "could not be saved: " (no capital, no full stop)."""
    translate = QCoreApplication.translate
    kind = describe(error) if isinstance(error, OSError) else error  # the floor's reading of an errno
    if isinstance(kind, StorageFullError):
        return translate("ErrorWords", "the disk is full; free some space")
    if isinstance(kind, ReadOnlyError):
        return translate("ErrorWords", "the folder cannot be written to")
    if isinstance(kind, BusyError):
        return translate("ErrorWords", "another Lupus Reader is busy with your notes; try again in a moment")
    if isinstance(kind, NewerDatabaseError):
        return translate(
            "ErrorWords", "a newer Lupus Reader saved them, and they are left as they are; open them with it"
        )
    return str(error).rstrip(".")
