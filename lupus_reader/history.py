"""Back/forward history of reading positions (plain Python, no Qt)."""

from __future__ import annotations

from typing import NamedTuple

MAX_ENTRIES = 100


class Location(NamedTuple):
    """A reading position: a section and how far into it (0.0-1.0)."""

    section_id: str
    offset: float = 0.0


class History:
    def __init__(self, back: list[Location] | None = None, forward: list[Location] | None = None) -> None:
        self.back: list[Location] = list(back or [])[-MAX_ENTRIES:]
        self.forward: list[Location] = list(forward or [])[-MAX_ENTRIES:]

    def visit(self, leaving: Location | None) -> None:
        """Record the position being left for a new destination."""
        if leaving is not None and (not self.back or self.back[-1] != leaving):
            self.back.append(leaving)
            del self.back[:-MAX_ENTRIES]
        self.forward.clear()

    def go_back(self, current: Location | None) -> Location | None:
        if not self.back:
            return None
        if current is not None:
            self.forward.append(current)
            del self.forward[:-MAX_ENTRIES]
        return self.back.pop()

    def go_forward(self, current: Location | None) -> Location | None:
        if not self.forward:
            return None
        if current is not None:
            self.back.append(current)
            del self.back[:-MAX_ENTRIES]
        return self.forward.pop()

    def can_go_back(self) -> bool:
        return bool(self.back)

    def can_go_forward(self) -> bool:
        return bool(self.forward)
