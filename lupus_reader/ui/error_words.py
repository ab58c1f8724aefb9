"""Why something could not be saved or opened, in the reader's language.

The storage floor is Qt-free and explains itself in English, for the command
line and for logs. Its error classes, and an OSError's errno, say what kind of
trouble it was: that is what the window tells the reader, translated. Trouble
of no known kind keeps the words it came with.
"""

from __future__ import annotations

import errno

from PySide6.QtCore import QCoreApplication

from lupus_reader.storage.db import BusyError, NewerDatabaseError, ReadOnlyError, StorageFullError

_FULL = (errno.ENOSPC, errno.EDQUOT)
_NOT_WRITABLE = (errno.EACCES, errno.EPERM, errno.EROFS)


def reason(error: Exception) -> str:
    """Why, as a clause to follow "could not be saved: " (no capital, no full stop)."""
    translate = QCoreApplication.translate
    number = error.errno if isinstance(error, OSError) else None
    if isinstance(error, StorageFullError) or number in _FULL:
        return translate("ErrorWords", "the disk is full; free some space")
    if isinstance(error, ReadOnlyError) or number in _NOT_WRITABLE:
        return translate("ErrorWords", "the folder cannot be written to")
    if isinstance(error, BusyError):
        return translate("ErrorWords", "another Lupus Reader is busy with your notes; try again in a moment")
    if isinstance(error, NewerDatabaseError):
        return translate(
            "ErrorWords", "a newer Lupus Reader saved them, and they are left as they are; open them with it"
        )
    return str(error).rstrip(".")
