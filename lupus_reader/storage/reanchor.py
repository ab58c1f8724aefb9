"""Placing bookmarks and notes again when a guide changes: by section id, then by quote; never dropping one.

A bookmark or note whose section is still in the pack stays (its section
title follows the guide). One whose section is gone is looked for by its
quote, in the Markdown of each section of the same pack; found, it moves
there. Not found, it is marked detached and keeps its section id, title and
quote, so it can still be shown, and placed by a later version of the guide.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from lupus_reader.content.pack import ContentPack, Section
from lupus_reader.content.scan import plain_text
from lupus_reader.storage.db import Database
from lupus_reader.storage.stores import Change, Kind

# A quote shorter than this (after normalizing) is placed only where it is a whole
# section title: "Risks" alone would match the first section that mentions risks.
MIN_QUOTE = 12
# Line starts that are Markdown block syntax, not words: headings, quotes, list markers.
_BLOCK_MARK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|(?:[-*+]|\d{1,9}[.)])\s+)*")
_ATTR_LIST = re.compile(r"\s*\{[^{}]*\}\s*#*\s*$")


def normalize(text: str) -> str:
    """Words as a reader sees them: no Markdown markup, whitespace collapsed, case folded."""
    words = []
    for line in text.split("\n"):
        line = _BLOCK_MARK.sub("", line)
        if "{" in line:
            line = _ATTR_LIST.sub("", line)  # a heading's "{#id}" is not shown
        words.append(plain_text(line))
    return " ".join(" ".join(words).split()).casefold()


@dataclass(frozen=True, slots=True)
class Reanchored:
    """What a pass found: counted over every bookmark and note of the packs given."""

    kept: int = 0
    moved: int = 0
    detached: int = 0
    changes: tuple[Change, ...] = ()  # the rows actually written, for the views to refresh


class _Finder:
    """Finds a section of one pack by a quote; reads the pack's text only when first asked."""

    def __init__(self, pack: ContentPack) -> None:
        self.pack = pack
        self._sections: list[tuple[Section, str, str]] | None = None

    def sections(self) -> list[tuple[Section, str, str]]:
        if self._sections is None:
            self._sections = [
                (s, normalize(s.title), normalize(self.pack.section_text(s))) for s in self.pack.sections
            ]
        return self._sections

    def place(self, quote: str) -> Section | None:
        wanted = normalize(quote)
        if not wanted:
            return None
        for section, title, _text in self.sections():
            if title == wanted:
                return section
        if len(wanted) < MIN_QUOTE:
            return None
        return next((section for section, _title, text in self.sections() if wanted in text), None)


# (id, new section, new title, new detached, new pack_version or None for notes)
_Update = tuple[int, str, str, int, "str | None"]


@dataclass(slots=True)
class _Plan:
    kept: int = 0
    moved: int = 0
    detached: int = 0
    updates: dict[Kind, list[_Update]] = field(default_factory=lambda: {"bookmarks": [], "notes": []})


def _plan(
    connection: sqlite3.Connection, packs: dict[str, ContentPack], finders: dict[str, _Finder]
) -> _Plan:
    plan = _Plan()
    for kind, updates in plan.updates.items():
        for pack_id, pack in packs.items():
            query = f"SELECT * FROM {kind} WHERE pack = ? ORDER BY id"
            rows = connection.execute(query, (pack_id,)).fetchall()
            # Moving a bookmark must not give two the same (section, offset, created).
            taken = (
                {(r["section"], r["offset"], r["created"]) for r in rows} if kind == "bookmarks" else set()
            )
            for row in rows:
                version = pack.version if kind == "bookmarks" else None
                old_version = row["pack_version"] if kind == "bookmarks" else None
                section = pack.section(row["section"])
                if section is not None:
                    plan.kept += 1
                else:
                    section = finders.setdefault(pack_id, _Finder(pack)).place(row["quote"])
                    if section is not None and kind == "bookmarks":
                        key = (section.id, row["offset"], row["created"])
                        if key in taken:
                            section = None
                        else:
                            taken.discard((row["section"], row["offset"], row["created"]))
                            taken.add(key)
                    if section is not None:
                        plan.moved += 1
                target = (section.id, section.title, 0, version) if section else None
                if target is None:
                    plan.detached += 1  # kept as it was, with the version it was last placed in
                    target = (row["section"], row["section_title"], 1, old_version)
                if target != (row["section"], row["section_title"], row["detached"], old_version):
                    updates.append((row["id"], *target))
    return plan


def needs_reanchoring(database: Database, packs: Iterable[ContentPack]) -> bool:
    """A quick look (no full read): is any bookmark or note of these packs out of place?

    True when one points at a section the pack no longer has, under another
    title, or is detached (it may fit again). Reading the distinct places is
    a few milliseconds even for ten thousand notes; a full pass is not.
    """
    packs = list(packs)
    titles = {section.id: section.title for pack in packs for section in pack.sections}
    pack_ids = {pack.id for pack in packs}
    cursor = database.connection.execute(
        "SELECT DISTINCT pack, section, section_title, detached FROM bookmarks"
        " UNION SELECT DISTINCT pack, section, section_title, detached FROM notes"
    )
    cursor.row_factory = None
    return any(
        pack in pack_ids and (detached or titles.get(section) != title)
        for pack, section, title, detached in cursor.fetchall()
    )


def reanchor(database: Database, packs: Iterable[ContentPack]) -> Reanchored:
    """Place every bookmark and note of the given packs in their current version; delete nothing.

    Reads first and writes only if something changed (so a second pass, or a
    read-only library with nothing to change, writes nothing). Raises
    StorageError if there is something to write and the library cannot be written.
    """
    by_id = {pack.id: pack for pack in packs}
    finders: dict[str, _Finder] = {}
    plan = _plan(database.connection, by_id, finders)
    if any(plan.updates.values()):
        with database.transaction() as sql:
            plan = _plan(sql, by_id, finders)  # again under the write lock: another window may have written
            sql.executemany(
                "UPDATE bookmarks SET section = ?, section_title = ?, detached = ?, pack_version = ?"
                " WHERE id = ?",
                [(*update[1:], update[0]) for update in plan.updates["bookmarks"]],
            )
            sql.executemany(
                "UPDATE notes SET section = ?, section_title = ?, detached = ? WHERE id = ?",
                [(*update[1:4], update[0]) for update in plan.updates["notes"]],
            )
    changes = tuple(
        Change(kind, tuple(update[0] for update in updates))
        for kind, updates in plan.updates.items()
        if updates
    )
    return Reanchored(plan.kept, plan.moved, plan.detached, changes)
