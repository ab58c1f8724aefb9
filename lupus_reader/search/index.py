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
from collections.abc import Callable
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


def content_key(pack: ContentPack) -> str:
    """A hash of everything the index is made from: chapter texts, manifest, revision, app version."""
    digest = hashlib.sha256()

    def part(data: bytes) -> None:
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)

    for text in (__version__, str(INDEX_REVISION), TOKENIZE, pack.id):
        part(text.encode("utf-8", "surrogatepass"))
    manifest = b""
    if pack.has_manifest:
        with contextlib.suppress(KeyError, OSError):
            manifest = pack.source.read_bytes(MANIFEST)
    part(manifest)
    for chapter in pack.chapters:
        part(chapter.file.encode("utf-8", "surrogatepass"))
        part(chapter.text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


# -- building --------------------------------------------------------------------


def _fill(
    connection: sqlite3.Connection,
    pack: ContentPack,
    key: str,
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
    meta = {"key": key, "revision": str(INDEX_REVISION), "version": __version__, "pack": pack.id}
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
) -> IndexData | None:
    """Build the pack's index at ``path`` (atomically), or in memory when ``path`` is None.

    Runs in any thread (its connections are its own); ``progress(done, total)``
    is called from that thread every CHUNK sections. None if ``cancelled()``
    turned true; nothing is left behind then. Raises OSError or sqlite3.Error
    if ``path`` cannot be written.
    """
    key = key or content_key(pack)
    if path is None:
        connection = sqlite3.connect(":memory:", isolation_level=None)
        try:
            if not _fill(connection, pack, key, progress, cancelled):
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
            done = _fill(connection, pack, key, progress, cancelled)
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


def _usable(path: Path, key: str) -> bool:
    """Is the file a whole index of exactly this content? Anything unreadable is not."""
    try:
        if not path.is_file():
            return False
        connection = sqlite3.connect(uri(path, mode="ro", immutable="1"), uri=True)
    except (OSError, sqlite3.Error):
        return False
    try:
        row = connection.execute("SELECT value FROM meta WHERE key = 'key'").fetchone()
        if row is None or row[0] != key:
            return False
        return bool(connection.execute("PRAGMA quick_check").fetchone()[0] == "ok")
    except sqlite3.Error:
        return False
    finally:
        connection.close()


def prepare_index(
    pack: ContentPack,
    cache_dir: Path | None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> IndexData | None:
    """The pack's index: from the cache if it holds this very content, else built (and cached).

    Meant for a worker thread: it reads every chapter to hash it (a cached
    index of a 10,000-section pack opens in about 30 ms), and a first build of
    that pack (10 MB of Markdown) takes about 1.3 s on its own and about 2 s in
    the window, beside the chapters it renders after the first paint (two
    cores; ``python -m benchmarks search``). A damaged or stale cache file is
    rebuilt; a cache that cannot be written gives an index in memory.
    """
    key = content_key(pack)
    if cache_dir is None:
        return build_index(pack, None, progress, cancelled, key)
    path = index_file(cache_dir, pack.id, key)
    if _usable(path, key):
        return IndexData(pack.id, key, path=path)
    try:
        return build_index(pack, path, progress, cancelled, key)
    except (OSError, sqlite3.Error):
        return build_index(pack, None, progress, cancelled, key)
