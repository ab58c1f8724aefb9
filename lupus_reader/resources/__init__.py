"""Bundled packs and icons, found through importlib.resources from source and frozen alike."""

from __future__ import annotations

import functools
from importlib.resources import files
from pathlib import Path


@functools.cache
def _root() -> Path:
    # Both a source checkout and a PyInstaller bundle keep these files on
    # disk, so the Traversable is a real path; packs are read as folders.
    return Path(str(files(__name__)))


def bundled_packs() -> list[Path]:
    """Folders of the packs that ship with the app, in name order."""
    packs = _root() / "packs"
    return sorted(p for p in packs.iterdir() if p.is_dir() and (p / "pack.toml").is_file())


def icon_path(name: str) -> Path:
    return _root() / "icons" / name


def translations_dir() -> Path:
    """The UI's compiled translation catalogues (lupus_reader_<lang>.qm)."""
    return _root() / "translations"
