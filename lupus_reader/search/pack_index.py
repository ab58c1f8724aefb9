"""Searching one pack's index: ranked sections, title hits first, snippets with the matches marked."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Literal

from lupus_reader.search.index import IndexData
from lupus_reader.search.query import MARK_END, MARK_START, Query, clean, marked_html, unmarked
from lupus_reader.search.text import BREADCRUMB
from lupus_reader.storage.db import error_code, uri

Kind = Literal["section", "note", "question"]
# bm25 costs ~2 µs a match, and ranking thousands of them tells the reader nothing:
# above this many, the title hits come first (ranked, if they are few enough) and
# then the rest in reading order, so a search stays within a few milliseconds.
RANK_LIMIT = 500
SNIPPET_TOKENS = 20
# bm25 weights of (id, title, context, text): a hit in the title counts as ten in the text.
SECTION_RANK = "bm25(0.0, 10.0, 2.0, 1.0)"


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result. ``snippet`` and ``title_marked`` hold MARK_START/MARK_END around matches."""

    kind: Kind
    pack_id: str
    section_id: str  # "" for a question: it belongs to the pack's checklist, not to a section
    title: str
    breadcrumb: str  # "Chapter › Section › Subsection"
    snippet: str
    title_marked: str
    score: float  # bm25: lower is better
    note_id: int | None = None
    question_id: int | None = None
    ranked: bool = True  # False: one of very many matches, in reading order (see RANK_LIMIT)

    @property
    def title_hit(self) -> bool:
        return MARK_START in self.title_marked

    @property
    def snippet_html(self) -> str:
        """The snippet as safe HTML: everything escaped, the matched words in <b>."""
        return marked_html(self.snippet)

    @property
    def title_html(self) -> str:
        return marked_html(self.title_marked)

    @property
    def snippet_text(self) -> str:
        return unmarked(self.snippet)


_DAMAGED = {"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_IOERR", "SQLITE_CANTOPEN"}


class PackIndex:
    """One pack's index, opened for searching. Use it on the thread that opened it."""

    def __init__(self, data: IndexData) -> None:
        self.pack_id = data.pack_id
        self.key = data.key
        self.broken = False  # set when a search found the file damaged: prepare it again
        if data.path is not None:
            self.connection = sqlite3.connect(uri(data.path, mode="ro", immutable="1"), uri=True)
        else:
            self.connection = sqlite3.connect(":memory:")
            self.connection.deserialize(data.image or b"")
        self._titles: list[str] | None = None

    def close(self) -> None:
        self.connection.close()

    def stored(self, terms: list[str]) -> list[str]:
        """Which of these folded, stemmed terms the index holds."""
        if not terms or self.broken:
            return []
        marks = ", ".join("?" * len(terms))
        try:
            rows = self.connection.execute(f"SELECT term FROM sections_terms WHERE term IN ({marks})", terms)
            return [row[0] for row in rows]
        except sqlite3.Error as error:
            self._failed(error)
            return []

    def titles(self) -> list[str]:
        if self._titles is None:
            try:
                self._titles = [r[0] for r in self.connection.execute("SELECT title FROM sections")]
            except sqlite3.Error as error:
                self._failed(error)
                return []
        return self._titles

    def section(self, section_id: str) -> tuple[str, str] | None:
        """(title, breadcrumb) of a section in this index."""
        try:
            row = self.connection.execute(
                "SELECT title, context FROM sections WHERE id = ?", (section_id,)
            ).fetchone()
        except sqlite3.Error as error:
            self._failed(error)
            return None
        return None if row is None else (row[0], _breadcrumb(row[1], row[0]))

    def search(self, query: Query, limit: int) -> tuple[list[Hit], int]:
        """The best ``limit`` sections for the query, title hits first, and how many matched.

        The count stops at RANK_LIMIT + 1 ("more than RANK_LIMIT"): counting
        further costs time and changes nothing the reader sees.
        """
        expression = query.fts()
        if not expression or limit <= 0 or self.broken:
            return [], 0
        try:
            total = self._count(expression)
            if total <= RANK_LIMIT:
                hits = self._hits(expression, limit, ranked=True) if total else []
                return sorted(hits, key=lambda hit: not hit.title_hit), total
            titled = f"{{title context}} : ({expression})"
            hits = self._hits(titled, limit, ranked=self._count(titled) <= RANK_LIMIT)
            if len(hits) < limit:
                seen = {hit.section_id for hit in hits}
                rest = self._hits(expression, limit + len(seen), ranked=False)
                hits += [hit for hit in rest if hit.section_id not in seen]
            return hits[:limit], total
        except sqlite3.Error as error:
            self._failed(error)
        try:
            found = self._literal(query.text, limit)  # never expected: the expression is always valid
            return found, len(found)
        except sqlite3.Error as error:
            self._failed(error, always=True)
            return [], 0

    def _count(self, expression: str) -> int:
        """Matches, counted up to RANK_LIMIT + 1."""
        sql = "SELECT count(*) FROM (SELECT 1 FROM sections_fts WHERE sections_fts MATCH ? LIMIT ?)"
        return int(self.connection.execute(sql, (expression, RANK_LIMIT + 1)).fetchone()[0])

    def _hits(self, expression: str, limit: int, ranked: bool) -> list[Hit]:
        order = "ORDER BY rank" if ranked else ""
        rows = self.connection.execute(
            "SELECT id, title, context, highlight(sections_fts, 1, :on, :off),"
            f" snippet(sections_fts, 3, :on, :off, '…', {SNIPPET_TOKENS}), rank"
            f" FROM sections_fts WHERE sections_fts MATCH :query AND rank MATCH :rank {order} LIMIT :limit",
            {"on": MARK_START, "off": MARK_END, "query": expression, "rank": SECTION_RANK, "limit": limit},
        )
        return [
            Hit("section", self.pack_id, id_, title, _breadcrumb(context, title), snippet, marked, score,
                ranked=ranked)
            for id_, title, context, marked, snippet, score in rows
        ]  # fmt: skip

    def _literal(self, text: str, limit: int) -> list[Hit]:
        """The typed text as it stands, anywhere in a title or text (case-insensitive for ASCII)."""
        needle = " ".join(clean(text).split())
        if not needle:
            return []
        like = "%" + re.sub(r"([\\%_])", r"\\\1", needle) + "%"
        rows = self.connection.execute(
            "SELECT id, title, context, text FROM sections"
            " WHERE title LIKE :like ESCAPE '\\' OR text LIKE :like ESCAPE '\\' LIMIT :limit",
            {"like": like, "limit": limit},
        )
        return [
            Hit("section", self.pack_id, id_, title, _breadcrumb(context, title),
                _literal_snippet(text, needle), _literal_snippet(title, needle, 0), 0.0)
            for id_, title, context, text in rows
        ]  # fmt: skip

    def _failed(self, error: sqlite3.Error, always: bool = False) -> None:
        if always or error_code(error) in _DAMAGED:
            self.broken = True


def _breadcrumb(context: str, title: str) -> str:
    return f"{context}{BREADCRUMB}{title}" if context else title


def _literal_snippet(text: str, needle: str, around: int = 60) -> str:
    at = text.lower().find(needle.lower())
    if at < 0:
        return text[: around * 2] if around else text
    start = max(at - around, 0) if around else 0
    end = at + len(needle) + around if around else len(text)
    stop = at + len(needle)
    before = "…" if start > 0 else ""
    after = "…" if end < len(text) else ""
    return f"{before}{text[start:at]}{MARK_START}{text[at:stop]}{MARK_END}{text[stop:end]}{after}"
