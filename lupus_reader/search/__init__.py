"""Searching the guides and the reader's own notes and questions (no Qt).

How a window uses it:

* In a worker thread, per pack: ``data = prepare_index(pack, cache_dir,
  progress, cancelled)``. It hashes the pack, reuses the cached index or
  builds one (see index.py for how long that takes), and returns plain data.
  ``progress(done, total)`` is called from the worker; None means cancelled.
* On the UI thread: ``searcher = Searcher(database.connection)`` once, then
  ``searcher.attach(data)`` as each pack's index arrives (cheap: opens a file),
  and ``searcher.search(text)`` on every keystroke (a few milliseconds).
  Notes and the reader's own questions are searchable at once: their index
  lives in the library database and triggers keep it in step with every save.
  ``searcher.broken()`` names packs whose index file turned out damaged:
  prepare them again.
* No hits: ``searcher.suggestions(text, terms=glossary_terms(packs))``. To
  highlight in the reading pane: ``highlight_spans(text, result.query)``.
"""

from __future__ import annotations

from lupus_reader.search.index import INDEX_REVISION, IndexData, build_index, content_key, prepare_index
from lupus_reader.search.pack_index import RANK_LIMIT, Hit, Kind, PackIndex
from lupus_reader.search.query import Query, highlight_spans, parse_query
from lupus_reader.search.searcher import DEFAULT_LIMIT, KINDS, Searcher, SearchResult
from lupus_reader.search.suggest import Suggester, glossary_terms
from lupus_reader.search.text import BREADCRUMB, plain_text
from lupus_reader.search.tokens import MARK_END, MARK_START, marked_html, marked_spans, unmarked

__all__ = [
    "BREADCRUMB",
    "DEFAULT_LIMIT",
    "INDEX_REVISION",
    "KINDS",
    "MARK_END",
    "MARK_START",
    "RANK_LIMIT",
    "Hit",
    "IndexData",
    "Kind",
    "PackIndex",
    "Query",
    "SearchResult",
    "Searcher",
    "Suggester",
    "build_index",
    "content_key",
    "glossary_terms",
    "highlight_spans",
    "marked_html",
    "marked_spans",
    "parse_query",
    "plain_text",
    "prepare_index",
    "unmarked",
]
