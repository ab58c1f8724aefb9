"""The packs a window shows: the ones asked for, then the bundled ones (no Qt)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from lupus_reader.content.pack import ContentPack, PackError, Section, load_pack
from lupus_reader.content.scan_cache import ScanCache


class PackFailure(NamedTuple):
    """A pack that was asked for but could not be opened."""

    path: Path
    error: PackError

    def describe(self) -> str:
        return f"The content pack at {self.path} could not be opened: {self.error}"


class Library:
    """An ordered set of packs with lookups across them by section id."""

    def __init__(self, packs: Iterable[ContentPack]) -> None:
        self.packs: list[ContentPack] = []
        self._size_before: dict[str, list[int]] = {}
        for pack in packs:
            self.add(pack)

    def add(self, pack: ContentPack) -> None:
        """Add a pack, replacing one with the same id (a newer copy of a guide)."""
        self.packs = [p for p in self.packs if p.id != pack.id] + [pack]
        self._size_before[pack.id] = [0, *itertools.accumulate(s.size for s in pack.sections)]

    def find(self, section_id: str) -> tuple[ContentPack, Section] | None:
        pack_id = section_id.split("/", 1)[0]
        for pack in self.packs:
            if pack.id == pack_id:
                section = pack.section(section_id)
                return (pack, section) if section else None
        return None

    def first_section(self) -> Section | None:
        return next((p.sections[0] for p in self.packs if p.sections), None)

    def neighbour(self, section_id: str, step: int) -> Section | None:
        found = self.find(section_id)
        if found is None:
            return None
        pack, section = found
        index = section.index + step
        return pack.sections[index] if 0 <= index < len(pack.sections) else None

    def progress(self, pack: ContentPack, section: Section, fraction: float) -> float:
        """Share of the pack read up to ``fraction`` of ``section`` (0-1), by text length."""
        before = self._size_before[pack.id]
        total = before[-1]
        if total == 0:
            return (section.index + fraction) / max(len(pack.sections), 1)
        return (before[section.index] + fraction * section.size) / total


PACKS_FOLDER = "packs"


def installed_packs(data_dir: Path) -> list[Path]:
    """Packs put in the data dir's ``packs`` folder (folders and .zip files), in name order.

    This is how a clinic updates a guide without touching the app: a pack
    here with the same id as the bundled one replaces it.
    """
    folder = data_dir / PACKS_FOLDER
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [p for p in entries if not p.name.startswith(".") and (p.is_dir() or p.suffix.lower() == ".zip")]


def open_library(
    requested: Iterable[Path], bundled: Iterable[Path], cache: ScanCache | None = None
) -> tuple[Library, list[PackFailure]]:
    """Open the requested packs, then bundled ones not overridden by id."""
    failures: list[PackFailure] = []
    opened: list[ContentPack] = []
    for path in requested:
        try:
            opened.append(load_pack(path, cache))
        except PackError as error:
            failures.append(PackFailure(path, error))
    ids = {pack.id for pack in opened}
    for path in bundled:
        try:
            pack = load_pack(path, cache)
        except PackError as error:
            failures.append(PackFailure(path, error))
            continue
        if pack.id not in ids:
            opened.append(pack)
    return Library(opened), failures
