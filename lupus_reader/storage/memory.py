"""A library that lives only in memory: for screenshots, kiosks, and when the disk cannot be used."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from lupus_reader.storage.db import SCHEMA_VERSION, Database, connect, migrate, uri

MEMORY = Path(":memory:")


def open_memory_database(copy_of: Path | None = None) -> Database:
    """The same schema and stores as on disk; nothing is ever written to a file.

    ``copy_of`` starts from a copy of a library file (read, never changed), so
    a screenshot shows the reader's own notes without any risk to them.
    """
    connection = connect(MEMORY)
    if copy_of is not None and copy_of.is_file():
        try:
            source = sqlite3.connect(uri(copy_of, mode="ro"), uri=True)
            try:
                if source.execute("PRAGMA user_version").fetchone()[0] <= SCHEMA_VERSION:
                    source.backup(connection)
            finally:
                source.close()
        except sqlite3.Error:
            connection.close()
            connection = connect(MEMORY)  # unreadable: start empty, the file stays as it is
    migrate(connection, MEMORY)
    return Database(MEMORY, connection)
