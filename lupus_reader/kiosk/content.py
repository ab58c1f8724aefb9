"""The guides a kiosk shows: exactly the packs its settings list, or the bundled guide when they list none.

Checked when the kiosk starts, before any window: each pack must open, no
guide may be listed twice, and the start section must be in one of them. A
kiosk that would show a broken guide, or start somewhere that does not exist,
does not start; its settings file is named with the field to fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from lupus_reader import APP_NAME, resources
from lupus_reader.content.library import Library
from lupus_reader.content.pack import ContentPack, PackError, load_pack


def kiosk_pack_paths(packs: Sequence[Path]) -> list[Path]:
    """What a kiosk opens: ``packs`` (the settings' list) exactly, or the bundled guide when it is empty."""
    return list(packs) if packs else resources.bundled_packs()


def content_problems(packs: Sequence[Path], start_section: str) -> list[tuple[str, str]]:
    """(field, message) for each thing that would break the kiosk's guides; none when all is well."""
    problems: list[tuple[str, str]] = []
    opened: list[ContentPack] = []
    first_item: dict[str, int] = {}
    for number, path in enumerate(kiosk_pack_paths(packs), 1):
        try:
            pack = load_pack(path)
        except PackError as error:
            if packs:
                problems.append(("packs", f"item {number}: the pack at {path} cannot be opened: {error}"))
            else:
                message = (
                    f"is empty, and the guide bundled with the app cannot be opened ({error}); "
                    "reinstall the app, or list a guide here"
                )
                problems.append(("packs", message))
            continue
        if pack.id in first_item:
            earlier = first_item[pack.id]
            message = f"items {earlier} and {number} are the same guide ({pack.id}); list each guide once"
            problems.append(("packs", message))
            continue
        first_item[pack.id] = number
        opened.append(pack)
    if start_section and opened and not problems:
        library = Library(opened)
        if library.find(start_section) is None:
            problems.append(("start_section", _no_such_section(start_section, opened)))
    return problems


def _no_such_section(wanted: str, packs: Sequence[ContentPack]) -> str:
    ids = [section.id for pack in packs for section in pack.sections]
    close = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.6)
    hint = f'did you mean "{close[0]}"? ' if close else ""
    return (
        f'there is no section "{wanted}" in the guides shown; {hint}'
        f'the ids are listed by: {APP_NAME} check-pack --json PACK (or set "" for the first section)'
    )
