"""Where a pack's files come from: a folder or a zip archive, read safely."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import zipfile

# A pack is text and a few images; anything bigger is a mistake or an attack.
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_ZIP_TOTAL_BYTES = 512 * 1024 * 1024


class SourceError(Exception):
    """A pack's files cannot be read at all (not a folder, bad zip, ...)."""


def normalize(relpath: str) -> str | None:
    """Return a clean pack-relative posix path, or None if it leaves the pack."""
    if not relpath or "\\" in relpath or "\0" in relpath:
        return None
    if relpath.startswith("/"):
        return None
    clean = posixpath.normpath(relpath)
    if clean == "." or clean.startswith("../") or clean == "..":
        return None
    return clean


class PackSource:
    """Read-only access to the files of one pack, confined to the pack."""

    location: Path

    def names(self) -> list[str]:
        raise NotImplementedError

    def read_bytes(self, relpath: str) -> bytes:
        """Bytes of a file inside the pack; KeyError if absent or outside the pack."""
        raise NotImplementedError

    def stamp(self, relpath: str) -> str | None:
        """Something that changes whenever the file does (size and time, or CRC); None if absent."""
        raise NotImplementedError

    def exists(self, relpath: str) -> bool:
        clean = normalize(relpath)
        return clean is not None and clean in self._name_set()

    def _name_set(self) -> frozenset[str]:
        cached: frozenset[str] | None = getattr(self, "_names_cache", None)
        if cached is None:
            cached = frozenset(self.names())
            self._names_cache = cached
        return cached


class FolderSource(PackSource):
    def __init__(self, folder: Path) -> None:
        self.location = folder
        self._root = folder.resolve()

    def names(self) -> list[str]:
        # As os.walk lists them (linked folders not followed), but from scandir's entries alone:
        # no lstat per file to find the links (a pack may hold hundreds of files).
        found: list[str] = []
        pending = [(str(self._root), "")]
        while pending:
            folder, relative = pending.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                name = relative + entry.name
                if entry.is_dir():
                    if not entry.is_symlink():
                        pending.append((entry.path, name + "/"))
                elif not entry.is_symlink() or self._inside(Path(entry.path)):
                    found.append(name)  # a symlink pointing out of the pack is left out
        return sorted(found)

    def _inside(self, path: Path) -> bool:
        try:
            path.resolve().relative_to(self._root)
        except (ValueError, OSError):
            return False
        return True

    def stamp(self, relpath: str) -> str | None:
        clean = normalize(relpath)
        try:
            status = os.stat(os.path.join(self._root, clean)) if clean is not None else None
        except OSError:
            return None
        return None if status is None else f"{status.st_size}:{status.st_mtime_ns}"

    def read_bytes(self, relpath: str) -> bytes:
        clean = normalize(relpath)
        if clean is None:
            raise KeyError(relpath)
        path = (self._root / clean).resolve()
        try:
            path.relative_to(self._root)
        except ValueError:
            raise KeyError(relpath) from None
        if not path.is_file():
            raise KeyError(relpath)
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise KeyError(relpath)
            return path.read_bytes()
        except OSError as error:  # unreadable (permissions, I/O): say so, do not crash
            raise KeyError(f"{relpath}: {error}") from None


class ZipSource(PackSource):
    """A zipped pack: its files at the root, or inside one top-level folder."""

    def __init__(self, archive: Path) -> None:
        self.location = archive
        try:
            import zipfile  # only zipped packs need it: kept off the start-up path

            self._zip = zipfile.ZipFile(archive)
            infos = [info for info in self._zip.infolist() if not info.is_dir()]
        except (zipfile.BadZipFile, OSError) as error:
            raise SourceError(f"{archive.name} is not a readable zip archive ({error})") from None
        total = sum(info.file_size for info in infos)
        if total > MAX_ZIP_TOTAL_BYTES:
            raise SourceError(f"{archive.name} unpacks to {total} bytes, more than a pack may hold")
        # macOS "Compress" adds __MACOSX/ (resource forks) beside the folder.
        names = {info.filename: info for info in infos if not info.filename.startswith("__MACOSX/")}
        prefix = ""
        tops = {PurePosixPath(name).parts[0] for name in names if name}
        has_root_content = any("/" not in name for name in names)
        if not has_root_content and len(tops) == 1:
            prefix = next(iter(tops)) + "/"
        self._members: dict[str, zipfile.ZipInfo] = {}
        for name, info in names.items():
            if not name.startswith(prefix):
                continue
            clean = normalize(name[len(prefix) :])
            if clean is not None:
                self._members[clean] = info

    def names(self) -> list[str]:
        return sorted(self._members)

    def stamp(self, relpath: str) -> str | None:
        info = self._members.get(normalize(relpath) or "")
        return None if info is None else f"{info.file_size}:{info.CRC}"

    def read_bytes(self, relpath: str) -> bytes:
        clean = normalize(relpath)
        info = self._members.get(clean or "")
        if info is None or info.file_size > MAX_FILE_BYTES:
            raise KeyError(relpath)
        import zipfile
        import zlib

        try:
            return self._zip.read(info)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError) as error:
            # A damaged member fails in zlib or ends early, not only as BadZipFile.
            raise KeyError(f"{relpath}: {error}") from None


def open_source(path: Path) -> PackSource:
    if path.is_dir():
        return FolderSource(path)
    if path.is_file():
        import zipfile

        if zipfile.is_zipfile(path):
            return ZipSource(path)
        raise SourceError(f"{path} is neither a folder nor a .zip archive")
    raise SourceError(f"{path} does not exist")
