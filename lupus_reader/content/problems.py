"""What can be wrong with a pack, file by file, and reading its text files so that a bad one says so."""

from __future__ import annotations

from typing import Literal, NamedTuple

from lupus_reader.content.source import PackSource

Severity = Literal["error", "warning"]

_UNREADABLE = "file cannot be read (missing, damaged, unreadable, too big or outside the pack)"


class Problem(NamedTuple):
    """Something wrong with a pack, located as ``file:line``."""

    file: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: {self.message}"


def decode(source: PackSource, name: str, problems: list[Problem]) -> str | None:
    """The text of a pack file, or None with a Problem saying why (unreadable, not UTF-8, empty)."""
    try:
        data = source.read_bytes(name)
    except KeyError:
        problems.append(Problem(name, 0, _UNREADABLE))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.append(
            Problem(name, line, f"not valid UTF-8 (byte {data[error.start]:#04x}); save the file as UTF-8")
        )
        return None
    if not text.strip():
        problems.append(Problem(name, 1, "file is empty"))
        return None
    return text
