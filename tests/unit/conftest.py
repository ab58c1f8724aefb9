"""Shared helpers for the Qt-free unit tests: packs written to tmp_path, zipped or not."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from hypothesis import settings

from lupus_reader import resources

# No example database in the work tree; in CI the same examples every run, so a red
# build is reproducible (locally each run explores new ones).
settings.register_profile("unit", database=None, deadline=None)
settings.register_profile("ci", parent=settings.get_profile("unit"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "unit")

PackFiles = Mapping[str, str | bytes]
MakePack = Callable[..., Path]
MakeZip = Callable[..., Path]
Manifest = Callable[..., str]


def _toml_value(value: object) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[\n" + "".join(f"  {_toml_value(item)},\n" for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()  # a TOML local date, written bare
    return str(value)


def manifest_text(
    chapters: list[str] | None = None,
    sources: list[dict[str, str]] | None = None,
    omit: tuple[str, ...] = (),
    **fields: object,
) -> str:
    """A pack.toml with every field filled in; ``fields`` override, ``omit`` drops keys."""
    values: dict[str, object] = {
        "id": "demo",
        "title": "Demo Guide",
        "subtitle": "A guide for tests",
        "language": "en",
        "version": "1.2.0",
        "reviewed": dt.date(2026, 1, 31),
        "chapters": chapters if chapters is not None else ["one.md"],
    }
    values.update(fields)
    lines = []
    for key, value in values.items():
        if key not in omit:
            lines.append(f"{key} = {_toml_value(value)}")
    if "sources" not in omit:
        for source in sources if sources is not None else [{"title": "Where it comes from"}]:
            lines.append("")
            lines.append("[[sources]]")
            lines.extend(f"{key} = {_toml_value(value)}" for key, value in source.items())
    return "\n".join(lines) + "\n"


def write_files(folder: Path, files: PackFiles) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return folder


@pytest.fixture
def manifest() -> Manifest:
    """``manifest(chapters=[...], title=..., omit=("id",))`` -> pack.toml text."""
    return manifest_text


@pytest.fixture
def make_pack(tmp_path: Path) -> MakePack:
    """``make_pack(files, name="demo")`` writes a pack folder under tmp_path and returns it."""

    def make(files: PackFiles, name: str = "demo") -> Path:
        return write_files(tmp_path / name, files)

    return make


@pytest.fixture
def make_zip(tmp_path: Path) -> MakeZip:
    """``make_zip(files, name="demo.zip", folder=None)``: a zipped pack, at the root or in ``folder/``."""

    def make(files: PackFiles, name: str = "demo.zip", folder: str | None = None) -> Path:
        archive = tmp_path / name
        prefix = f"{folder}/" if folder else ""
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
            if folder:
                zipped.writestr(prefix, "")  # a directory entry, as zip tools write one
            for member, content in files.items():
                zipped.writestr(prefix + member, content)
        return archive

    return make


@pytest.fixture(scope="session")
def bundled_pack() -> Path:
    packs = resources.bundled_packs()
    assert packs, "the app must ship at least one pack"
    return next(p for p in packs if p.name == "lupus-stem-cell-therapy")
