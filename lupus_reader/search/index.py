"""The full-text index of one pack's sections: built in steps off the UI thread, cached on disk by content."""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import re
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from lupus_reader import __version__
from lupus_reader.content.manifest import MANIFEST
from lupus_reader.content.pack import ContentPack
from lupus_reader.search.text import section_rows
from lupus_reader.search.tokens import RAW_TOKENIZE, TOKENIZE
from lupus_reader.storage.db import uri

# Bump when the same pack would be indexed differently (columns, text cleaning, tokenizer).
INDEX_REVISION = 2  # 2: the words table
INDEX_FOLDER = "search"
KEEP_PER_PACK = 3  # index files kept per pack id: the current one and the last two others
# Sections per step: progress, and a chance to stop, every few milliseconds. Each step
# is a few SQL statements that do the work with the GIL released: the window's own
# Python code (rendering chapters after the first paint) runs beside it unhindered.
CHUNK = 250

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

SCHEMA = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE sections (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT NOT NULL,"
    " context TEXT NOT NULL, text TEXT NOT NULL)",
    "CREATE INDEX sections_by_id ON sections (id)",
    # External content: the text is stored once, in sections. prefix='1 2' makes the
    # first letters typed ("t", "tr") as fast as whole words.
    "CREATE VIRTUAL TABLE sections_fts USING fts5(id UNINDEXED, title, context, text,"
    f" content = 'sections', content_rowid = 'rowid', tokenize = '{TOKENIZE}', prefix = '1 2')",
    # Every word of the pack as written (folded) and its stem: a word being typed is
    # looked up here, as typed, since its stem need not begin like the word's.
    "CREATE TABLE words (raw TEXT PRIMARY KEY, stem TEXT NOT NULL) WITHOUT ROWID",
    # Only while building: the words as written, and a table that stems them.
    "CREATE VIRTUAL TABLE temp.raw USING fts5(title, context, text, content = '',"
    f" tokenize = '{RAW_TOKENIZE}', detail = 'none', columnsize = 0)",
    "CREATE VIRTUAL TABLE temp.raw_terms USING fts5vocab('temp', 'raw', 'row')",
    "CREATE TABLE temp.raw_words (id INTEGER PRIMARY KEY, word TEXT NOT NULL)",
    f"CREATE VIRTUAL TABLE temp.stemmer USING fts5(word, tokenize = '{TOKENIZE}')",
    "CREATE VIRTUAL TABLE temp.stems USING fts5vocab('temp', 'stemmer', 'instance')",
)
# One chunk of sections: sent as one JSON text, so a chunk is one statement, not a
# Python round trip (and a wait for the GIL) per section.
_ADD_SECTIONS = (
    "INSERT INTO sections (rowid, id, title, context, text) SELECT json_extract(value, '$[0]'),"
    " json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'),"
    " json_extract(value, '$[4]') FROM json_each(?)"
)
_INDEX_SECTIONS = tuple(
    f"INSERT INTO {table} (rowid, title, context, text)"
    " SELECT rowid, title, context, text FROM sections WHERE rowid BETWEEN ? AND ?"
    for table in ("sections_fts", "temp.raw")
)
_FILL_WORDS = (
    "INSERT INTO temp.raw_words (word) SELECT term FROM temp.raw_terms",
    "INSERT INTO temp.stemmer (rowid, word) SELECT id, word FROM temp.raw_words",
    "INSERT INTO words (raw, stem) SELECT r.word, s.term FROM temp.stems AS s"
    " JOIN temp.raw_words AS r ON r.id = s.doc",
)


@dataclass(frozen=True, slots=True)
class IndexData:
    """A ready index, to be opened by the thread that searches: a file, or a database image."""

    pack_id: str
    key: str
    path: Path | None = None
    image: bytes | None = None
    built: bool = False  # made just now (not found in the cache)


# -- the cache key -------------------------------------------------------------


def _key(pack: ContentPack, chapters: Iterable[str]) -> str:
    digest = hashlib.sha256()
    manifest = b""
    if pack.has_manifest:
        with contextlib.suppress(KeyError, OSError):
            manifest = pack.source.read_bytes(MANIFEST)
    texts = (__version__, str(INDEX_REVISION), TOKENIZE, pack.id)
    for data in (
        *(t.encode() for t in texts),
        manifest,
        *(c.encode("utf-8", "surrogatepass") for c in chapters),
    ):
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def content_key(pack: ContentPack) -> str:
    """A hash of everything the index is made from: chapter texts, manifest, revision, app version."""
    return _key(pack, (part for chapter in pack.chapters for part in (chapter.file, chapter.text)))


def stamp_key(pack: ContentPack) -> str | None:
    """The same from each chapter file's stamp (size and time, or a zip member's CRC), not its text.

    No chapter is read: at a start with a warm cache the index is found by
    this, on the same terms as the scan cache finds a chapter's sections.
    None when a file cannot be stamped.
    """
    stamps = [pack.source.stamp(chapter.file) for chapter in pack.chapters]
    if any(stamp is None for stamp in stamps):
        return None
    return _key(
        pack,
        (
            part
            for chapter, stamp in zip(pack.chapters, stamps, strict=True)
            for part in (chapter.file, str(stamp))
        ),
    )


# -- building --------------------------------------------------------------------


def _fill(
    connection: sqlite3.Connection,
    pack: ContentPack,
    keys: tuple[str, str | None],
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> bool:
    """Write the index into an empty database; False if ``cancelled`` said stop."""
    if cancelled and cancelled():
        return False
    connection.execute("PRAGMA journal_mode = OFF")  # a half-built file is thrown away, not repaired
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute("PRAGMA auto_vacuum = FULL")  # the pages 'optimize' frees go at COMMIT
    connection.execute("BEGIN")
    for statement in SCHEMA:
        connection.execute(statement)
    total = len(pack.sections)
    done = 0
    if progress:
        progress(0, total)
    rows = section_rows(pack)
    while chunk := list(itertools.islice(rows, CHUNK)):
        connection.execute(_ADD_SECTIONS, (json.dumps(chunk, ensure_ascii=False),))
        for statement in _INDEX_SECTIONS:
            connection.execute(statement, (chunk[0][0], chunk[-1][0]))
        done += len(chunk)
        if len(chunk) == CHUNK:
            if progress:
                progress(min(done, total), total)
            if cancelled and cancelled():
                return False  # the caller throws the database away (no journal to roll back)
    for statement in _FILL_WORDS:
        connection.execute(statement)
    key, stamps = keys
    meta = {"key": key, "stamps": stamps or "", "revision": str(INDEX_REVISION), "version": __version__}
    meta["pack"] = pack.id
    connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    connection.execute("INSERT INTO sections_fts (sections_fts) VALUES ('optimize')")
    connection.execute("COMMIT")
    if progress:
        progress(total, total)
    return True


def build_index(
    pack: ContentPack,
    path: Path | None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    key: str | None = None,
    stamps: str | None = None,
) -> IndexData | None:
    """Build the pack's index at ``path`` (atomically), or in memory when ``path`` is None.

    Runs in any thread (its connections are its own); ``progress(done, total)``
    is called from that thread every CHUNK sections. None if ``cancelled()``
    turned true; nothing is left behind then. Raises OSError or sqlite3.Error
    if ``path`` cannot be written.
    """
    stamps = stamps or stamp_key(pack)  # before any text is read: a later edit makes it stale
    key = key or content_key(pack)
    if path is None:
        connection = sqlite3.connect(":memory:", isolation_level=None)
        try:
            if not _fill(connection, pack, (key, stamps), progress, cancelled):
                return None
            image = connection.serialize()
        finally:
            connection.close()
        return IndexData(pack.id, key, image=image, built=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temp = Path(name)
    try:
        connection = sqlite3.connect(temp, isolation_level=None)
        try:
            done = _fill(connection, pack, (key, stamps), progress, cancelled)
        finally:
            connection.close()
        if not done:
            temp.unlink(missing_ok=True)
            return None
        try:
            os.replace(temp, path)
        except PermissionError:  # Windows: another instance has the old file open; use this one
            image = temp.read_bytes()
            temp.unlink(missing_ok=True)
            return IndexData(pack.id, key, image=image, built=True)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _prune(path)
    return IndexData(pack.id, key, path=path, built=True)


def index_file(cache_dir: Path, pack_id: str, key: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.\-]", "_", pack_id)[:60] or "pack"
    return cache_dir / INDEX_FOLDER / f"{safe}-{key[:32]}.sqlite3"


def _prune(path: Path) -> None:
    """Remove older indexes of the same pack (beyond KEEP_PER_PACK) and temp files left by a crash."""
    stem = path.name[: -len("-" + "0" * 32 + ".sqlite3")]
    same = re.compile(re.escape(stem) + r"-[0-9a-f]{32}\.sqlite3")
    with contextlib.suppress(OSError):
        others: list[tuple[float, Path]] = []
        for entry in path.parent.iterdir():
            if entry != path and same.fullmatch(entry.name):
                others.append((entry.stat().st_mtime, entry))
            elif (
                entry.name.startswith(f".{stem}-")
                and entry.suffix == ".tmp"
                and time.time() - entry.stat().st_mtime > 3600  # not another instance's build
            ):
                entry.unlink(missing_ok=True)
        for _, old in sorted(others, reverse=True)[KEEP_PER_PACK - 1 :]:
            with contextlib.suppress(OSError):  # Windows: open in another instance
                old.unlink()


def _whole_index(path: Path, wanted: Callable[[dict[str, str]], bool]) -> dict[str, str] | None:
    """The meta table of the index file at ``path``, if ``wanted(meta)`` and the file is whole.

    None for anything else, a file that cannot be read included.
    """
    try:
        if not path.is_file():
            return None
        connection = sqlite3.connect(uri(path, mode="ro", immutable="1"), uri=True)
    except (OSError, sqlite3.Error):
        return None
    try:
        meta = {str(key): str(value) for key, value in connection.execute("SELECT key, value FROM meta")}
        if not wanted(meta) or connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            return None
        return meta
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def _by_stamps(cache_dir: Path, pack_id: str, stamps: str) -> IndexData | None:
    """A cached index of the pack made from chapter files stamped just so (newest first)."""
    pattern = index_file(cache_dir, pack_id, "?" * 32).name
    with contextlib.suppress(OSError):
        found = sorted(
            ((p.stat().st_mtime, p) for p in (cache_dir / INDEX_FOLDER).glob(pattern)), reverse=True
        )
        for _, path in found:
            meta = _whole_index(path, lambda meta: meta.get("stamps") == stamps)
            if meta is not None and meta.get("key"):
                return IndexData(pack_id, meta["key"], path=path)
    return None


def prepare_index(
    pack: ContentPack,
    cache_dir: Path | None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> IndexData | None:
    """The pack's index: from the cache if it holds this very content, else built (and cached).

    Meant for a worker thread. The cache is looked up by the chapter files'
    stamps first (no chapter is read), then by a hash of their text; a cached
    index of a 10,000-section pack opens in about 30 ms. A first build of that
    pack (10 MB of Markdown) takes about 1.3 s on its own and about 2 s in the
    window, beside the chapters it renders after the first paint (two cores;
    ``python -m benchmarks search``). A damaged or stale cache file is
    rebuilt; a cache that cannot be written gives an index in memory.
    """
    stamps = stamp_key(pack)
    if cache_dir is not None and stamps is not None:
        cached = _by_stamps(cache_dir, pack.id, stamps)
        if cached is not None:
            return cached
    key = content_key(pack)
    if cache_dir is None:
        return build_index(pack, None, progress, cancelled, key, stamps)
    path = index_file(cache_dir, pack.id, key)
    if _whole_index(path, lambda meta: meta.get("key") == key) is not None:
        return IndexData(pack.id, key, path=path)
    try:
        return build_index(pack, path, progress, cancelled, key, stamps)
    except (OSError, sqlite3.Error):
        return build_index(pack, None, progress, cancelled, key, stamps)
