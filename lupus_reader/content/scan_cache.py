"""The sections of each chapter, remembered between runs, so opening a big pack costs a stat per file.

Keyed by each chapter file's size and modification time (or, in a zip, its
size and CRC): a changed file is scanned again. Like every cache here it is
only a shortcut; anything wrong with it means the pack is scanned afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from lupus_reader import __version__
from lupus_reader.content.scan import Heading
from lupus_reader.files import write_atomically

# Bump when the scanner finds different headings in the same text.
SCAN_REVISION = 2


# Per heading, what the navigator needs: level, title, slug and where it starts.
SectionRow = tuple[int, str, str, int]
Entry = tuple[str, int, tuple[SectionRow, ...]]  # stamp, length of the text, rows


def section_rows(headings: tuple[Heading, ...]) -> tuple[SectionRow, ...]:
    return tuple((h.level, h.title, h.slug, h.start) for h in headings)


class ScanCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _file(self, location: Path) -> Path | None:
        if self.folder is None:
            return None
        name = hashlib.sha256(str(location.absolute()).encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / f"{name[:32]}.json"

    def load(self, location: Path) -> dict[str, Entry]:
        """file -> (stamp, length of its text, section rows), for one pack."""
        path = self._file(location)
        if path is None:
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("revision") != [__version__, SCAN_REVISION]:
                return {}
            chapters = data["chapters"].items()
            return {file: (str(stamp), int(length), _rows(rows)) for file, (stamp, length, rows) in chapters}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def save(self, location: Path, chapters: dict[str, Entry]) -> None:
        path = self._file(location)
        if path is None:
            return
        payload = json.dumps(
            {"revision": [__version__, SCAN_REVISION], "pack": str(location), "chapters": chapters}
        )
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            write_atomically(path, payload.encode("utf-8"), durable=False)


def _rows(rows: Any) -> tuple[SectionRow, ...]:
    """The cached rows, each checked (a damaged cache is ignored); one pass, no call per row."""
    found = tuple((level, title, slug, start) for level, title, slug, start in rows)
    if not all(
        type(level) is int and type(title) is str and type(slug) is str and type(start) is int
        for level, title, slug, start in found
    ):
        raise TypeError("not a section")
    return found
