"""Searching the attached pack indexes and the library's notes and questions, as the reader types."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from lupus_reader.search.index import IndexData
from lupus_reader.search.pack_index import RANK_LIMIT, Hit, Kind, PackIndex, like_pattern, literal_snippet
from lupus_reader.search.query import Query, parse_query
from lupus_reader.search.suggest import Suggester
from lupus_reader.search.tokens import MARK_END, MARK_START, folded, stems

KINDS: tuple[Kind, ...] = ("note", "question", "section")
DEFAULT_LIMIT = 20  # of each kind: a screenful; ask again with more for "show more"
# bm25 weights of the notes index columns (text, section_title, quote).
NOTE_RANK = "bm25(10.0, 2.0, 1.0)"
NOTE_SNIPPET_TOKENS = 20


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Hits for a query: the reader's notes, then own questions, then sections (title hits first)."""

    query: Query
    hits: tuple[Hit, ...] = ()
    # Sections matched in all packs, each pack counted up to RANK_LIMIT + 1: when
    # more_sections, there were more than that (say "more than N").
    sections_matched: int = 0
    more_sections: bool = False
    pending: tuple[str, ...] = field(default=())  # packs asked for whose index is not attached yet

    @property
    def terms(self) -> tuple[str, ...]:
        """The words searched for (the word being typed as typed, and whole words it may become)."""
        return self.query.words


class Searcher:
    """Searches the attached pack indexes and the library's notes and questions.

    Not thread-safe: create it, attach indexes and search on one thread (the UI's).
    ``library`` is the library database's connection (or None: sections only).
    """

    def __init__(self, library: sqlite3.Connection | None = None) -> None:
        self.library = library
        self._indexes: dict[str, PackIndex] = {}
        self._suggester: tuple[object, Suggester] | None = None  # (what it was made from, it)

    @property
    def packs(self) -> list[str]:
        """Ids of the packs whose index is attached."""
        return list(self._indexes)

    def attach(self, data: IndexData) -> None:
        """Start searching a pack's index (replacing an older one of the same pack)."""
        self.detach(data.pack_id)
        self._indexes[data.pack_id] = PackIndex(data)

    def detach(self, pack_id: str) -> None:
        old = self._indexes.pop(pack_id, None)
        if old is not None:
            old.close()

    def broken(self) -> list[str]:
        """Packs whose index turned out damaged while searching: run prepare_index for them again."""
        return [pack for pack, index in self._indexes.items() if index.broken]

    def close(self) -> None:
        for pack_id in list(self._indexes):
            self.detach(pack_id)

    def search(
        self,
        text: str,
        limit: int = DEFAULT_LIMIT,
        kinds: Collection[Kind] = KINDS,
        packs: Collection[str] | None = None,
    ) -> SearchResult:
        """Up to ``limit`` hits of each kind for what was typed; never raises for any ``text``.

        ``packs`` limits every kind to these pack ids (default: all attached
        packs and every note). Packs in ``packs`` not attached yet are named in
        ``pending``. A word being typed also finds the whole words it may
        become; text without a word the index knows is found as it stands.
        """
        query = parse_query(text)
        typing = query.typing
        if typing is not None:
            query = query.with_alternatives(self._completions(typing.words[-1], packs))
        pending = tuple(p for p in packs or () if p not in self._indexes)
        if limit <= 0 or not (query.terms or query.literal):
            return SearchResult(query, pending=pending)
        found: list[Hit] = []
        if "note" in kinds:
            found += self._notes(query, limit, packs)
        if "question" in kinds:
            found += self._questions(query, limit, packs)
        matched, more = 0, False
        if "section" in kinds:
            sections: list[Hit] = []
            for index in self._chosen(packs):
                if query.literal:
                    hits = index.literal(query.literal, limit)
                    count = len(hits)
                else:
                    hits, count = index.search(query, limit)
                sections += hits
                matched += count
                more = more or count > RANK_LIMIT
            found += sorted(sections, key=_order)[:limit]
        return SearchResult(query, tuple(found), matched, more, pending)

    def suggestions(self, text: str, limit: int = 5, terms: Iterable[str] = ()) -> list[str]:
        """Section titles (and ``terms``, e.g. a glossary) close to ``text``: for "no matches"."""
        extra = tuple(terms)
        made_from = (tuple((pack, index.key) for pack, index in self._indexes.items()), extra)
        if self._suggester is None or self._suggester[0] != made_from:
            titles = [title for index in self._indexes.values() for title in index.titles()]
            self._suggester = (made_from, Suggester(titles, extra))
        return self._suggester[1].suggest(text, limit)

    def _chosen(self, packs: Collection[str] | None) -> list[PackIndex]:
        return [index for pack, index in self._indexes.items() if packs is None or pack in packs]

    def _completions(self, word: str, packs: Collection[str] | None) -> list[str]:
        """Whole words of the packs that ``word`` (still being typed) begins, beyond what its stem finds."""
        start, stem = folded([word])[0], stems([word])[0]
        by_stem: dict[str, str] = {}
        for index in self._chosen(packs):
            for whole, stemmed in index.completions(start, stem):
                by_stem[stemmed] = min(whole, by_stem.get(stemmed, whole))
        return sorted(by_stem.values())

    def _library_rows(self, sql: str, parameters: list[object]) -> list[tuple[Any, ...]]:
        if self.library is None:
            return []
        try:
            cursor = self.library.execute(sql, parameters)
            cursor.row_factory = None
            return cursor.fetchall()
        except sqlite3.Error:  # a library without the search tables (or busy): sections only
            return []

    def _note_hit(self, row: tuple[Any, ...]) -> Hit:
        note_id, pack, section, title, marked, snippet, score = row
        index = self._indexes.get(pack)
        place = index.section(section) if index else None
        breadcrumb = place[1] if place else title
        return Hit("note", pack, section, title, breadcrumb, snippet, marked, score, note_id=note_id)

    def _notes(self, query: Query, limit: int, packs: Collection[str] | None) -> list[Hit]:
        where, values = _pack_filter("n.pack", packs)
        if query.literal:
            rows = self._library_rows(
                "SELECT n.id, n.pack, n.section, n.section_title, n.section_title, n.text, 0.0"
                f" FROM notes AS n WHERE n.text LIKE ? ESCAPE '\\'{where} ORDER BY n.id DESC LIMIT ?",
                [like_pattern(query.literal), *values, limit],
            )
            return [self._note_hit((*row[:5], literal_snippet(row[5], query.literal), 0.0)) for row in rows]
        expression = query.fts()
        counted = self._library_rows(
            "SELECT count(*) FROM (SELECT 1 FROM notes_fts WHERE notes_fts MATCH ? LIMIT ?)",
            [expression, RANK_LIMIT + 1],
        )
        if not counted or not counted[0][0]:
            return []
        # As for sections: ranking a thousand notes that all say "fatigue" costs more than it
        # tells; the newest come first then.
        order = "notes_fts.rank" if counted[0][0] <= RANK_LIMIT else "notes_fts.rowid DESC"
        rows = self._library_rows(
            "SELECT n.id, n.pack, n.section, n.section_title, highlight(notes_fts, 1, ?, ?),"
            f" snippet(notes_fts, 0, ?, ?, '…', {NOTE_SNIPPET_TOKENS}), notes_fts.rank"
            " FROM notes_fts JOIN notes AS n ON n.id = notes_fts.rowid"
            f" WHERE notes_fts MATCH ? AND notes_fts.rank MATCH ? AND n.text != ''{where}"
            f" ORDER BY {order} LIMIT ?",
            [MARK_START, MARK_END, MARK_START, MARK_END, expression, NOTE_RANK, *values, limit],
        )
        return [self._note_hit(row) for row in rows]

    def _questions(self, query: Query, limit: int, packs: Collection[str] | None) -> list[Hit]:
        where, values = _pack_filter("q.pack", packs)
        if query.literal:
            rows = self._library_rows(
                "SELECT q.id, q.pack, q.text, q.text, 0.0 FROM questions AS q"
                f" WHERE q.mine = 1 AND q.text LIKE ? ESCAPE '\\'{where} ORDER BY q.id LIMIT ?",
                [like_pattern(query.literal), *values, limit],
            )
            rows = [(*row[:3], literal_snippet(row[3], query.literal, 0), 0.0) for row in rows]
        else:
            rows = self._library_rows(
                "SELECT q.id, q.pack, q.text, highlight(questions_fts, 0, ?, ?), questions_fts.rank"
                " FROM questions_fts JOIN questions AS q ON q.id = questions_fts.rowid"
                f" WHERE questions_fts MATCH ? AND q.mine = 1{where} ORDER BY questions_fts.rank LIMIT ?",
                [MARK_START, MARK_END, query.fts(), *values, limit],
            )
        return [
            Hit("question", pack, "", text, "", marked, marked, score, question_id=question_id)
            for question_id, pack, text, marked, score in rows
        ]


def _order(hit: Hit) -> tuple[bool, bool, float]:
    """Title hits first, then by bm25; hits that came in reading order keep it (a stable sort)."""
    return not hit.title_hit, not hit.ranked, hit.score if hit.ranked else 0.0


def _pack_filter(column: str, packs: Collection[str] | None) -> tuple[str, list[object]]:
    if packs is None:
        return "", []
    return f" AND {column} IN ({', '.join('?' * len(packs))})", list(packs)
