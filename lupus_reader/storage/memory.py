"""A library that lives only in memory: for screenshots, kiosks, and when the disk cannot be used."""

from __future__ import annotations

from pathlib import Path

from lupus_reader.storage.db import Database, connect, migrate

MEMORY = Path(":memory:")


def open_memory_database() -> Database:
    """The same schema and stores as on disk; nothing is ever written to a file."""
    connection = connect(MEMORY)
    migrate(connection, MEMORY)
    return Database(MEMORY, connection)
