"""Bundled packs and icons: files next to this module, from source and frozen alike."""

from __future__ import annotations

from pathlib import Path

# A source checkout, a wheel and a PyInstaller bundle (which sets __file__ and
# collects the data files beside it) all keep these files on disk, next to
# this module: plain paths, and no importlib.resources to load at start-up.
_ROOT = Path(__file__).resolve().parent


def _root() -> Path:
    return _ROOT


def bundled_packs() -> list[Path]:
    """Folders of the packs that ship with the app, in name order."""
    packs = _root() / "packs"
    return sorted(p for p in packs.iterdir() if p.is_dir() and (p / "pack.toml").is_file())


def icon_path(name: str) -> Path:
    return _root() / "icons" / name


def translations_dir() -> Path:
    """The UI's compiled translation catalogues (lupus_reader_<lang>.qm)."""
    return _root() / "translations"
