"""Searching one pack's index: ranked sections, title hits first, snippets with the matches marked."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Literal

from lupus_reader.search.index import IndexData
from lupus_reader.search.query import Query
from lupus_reader.search.text import BREADCRUMB
from lupus_reader.search.tokens import MARK_END, MARK_START
from lupus_reader.storage.db import DAMAGED, error_code, uri

Kind = Literal["section", "note", "question"]
# bm25 costs ~2 µs a match, and ranking thousands of them tells the reader nothing:
# above this many, the title hits come first (ranked, if they are few enough) and
# then the rest in reading order, so a search stays within a few milliseconds.
RANK_LIMIT = 500
SNIPPET_TOKENS = 20
# bm25 weights of (id, title, context, text): a hit in the title counts as ten in the text.
SECTION_RANK = "bm25(0.0, 10.0, 2.0, 1.0)"
# Whole words offered for a word being typed (see Query.with_alternatives); a few
# at most in practice: porter changes only the ends of words.
MAX_COMPLETIONS = 64
LABELS = {"note": "Your note", "question": "Your question", "section": ""}


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
    def label(self) -> str:
        """What the reader is told a hit is: "Your note", "Your question", or "" for the guide's text."""
        return LABELS[self.kind]

    @property
    def title_hit(self) -> bool:
        return MARK_START in self.title_marked


# An index is only a cache: unlike the library (which is moved aside only when
# DAMAGED), one that cannot even be read is simply built again.
_REBUILD = DAMAGED | {"SQLITE_IOERR", "SQLITE_CANTOPEN"}


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

    def completions(self, start: str, stem: str) -> list[tuple[str, str]]:
        """(word, stem) of the index's words beginning with ``start`` whose stem does not begin with ``stem``.

        ``start`` is the word being typed as the index folds it, and ``stem``
        what porter makes of it: a prefix query finds the stems that begin with
        ``stem`` already; these are the others (one word per stem).
        """
        if not start or self.broken:
            return []
        try:
            rows = self.connection.execute(
                "SELECT min(raw), stem FROM words WHERE raw >= :start AND raw < :start || char(1114111)"
                " AND substr(stem, 1, length(:stem)) != :stem GROUP BY stem ORDER BY 1 LIMIT :limit",
                {"start": start, "stem": stem, "limit": MAX_COMPLETIONS},
            )
            return [(word, stemmed) for word, stemmed in rows]
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
            return [], 0

    def literal(self, needle: str, limit: int) -> list[Hit]:
        """Sections whose title or text holds ``needle`` as it stands (case-insensitive for ASCII).

        For a query the index cannot read as words ("☺", "%"), in reading order.
        """
        if not needle or limit <= 0 or self.broken:
            return []
        like = like_pattern(needle)
        try:
            rows = self.connection.execute(
                "SELECT id, title, context, text FROM sections"
                " WHERE title LIKE :like ESCAPE '\\' OR text LIKE :like ESCAPE '\\' LIMIT :limit",
                {"like": like, "limit": limit},
            ).fetchall()
        except sqlite3.Error as error:
            self._failed(error)
            return []
        return [
            Hit("section", self.pack_id, id_, title, _breadcrumb(context, title),
                literal_snippet(text, needle), literal_snippet(title, needle, 0), 0.0, ranked=False)
            for id_, title, context, text in rows
        ]  # fmt: skip

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

    def _failed(self, error: sqlite3.Error) -> None:
        if error_code(error) in _REBUILD:
            self.broken = True


def like_pattern(needle: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') for text holding ``needle`` anywhere."""
    return "%" + re.sub(r"([\\%_])", r"\\\1", needle) + "%"


def _breadcrumb(context: str, title: str) -> str:
    return f"{context}{BREADCRUMB}{title}" if context else title


def literal_snippet(text: str, needle: str, around: int = 60) -> str:
    """``text`` around the first ``needle`` (``around`` characters either side; 0: all), the needle marked."""
    found = re.search(re.escape(needle), text, re.IGNORECASE)
    if found is None:
        return text[: around * 2] if around else text
    at, stop = found.span()
    start = max(at - around, 0) if around else 0
    end = stop + around if around else len(text)
    before = "…" if start > 0 else ""
    after = "…" if end < len(text) else ""
    return f"{before}{text[start:at]}{MARK_START}{text[at:stop]}{MARK_END}{text[stop:end]}{after}"
