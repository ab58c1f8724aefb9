"""Search: indexes built off the UI thread after the first paint, queries as the reader types.

Each pack's index is prepared in a worker thread (from the cache when the pack
is unchanged, built otherwise, with progress in the search panel); the window
never waits for it. Queries run on the UI thread: a few milliseconds each.
Opening a result goes to its section and hands the hits to the find bar, so
every hit in the pane is highlighted and Enter / F3 step through them.
"""

from __future__ import annotations

import contextlib
import html
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal, SignalInstance

from lupus_reader.content.pack import ContentPack
from lupus_reader.storage.db import Database
from lupus_reader.ui.controller import ReaderController
from lupus_reader.ui.main_window import MainWindow

if TYPE_CHECKING:
    from lupus_reader.search import Hit, IndexData, Searcher

RESULT_LIMIT = 50
INDEX_DELAY_MS = 200


class _Bridge(QObject):
    """Carries a worker thread's news to the UI thread (queued signals)."""

    progress = Signal(str, int, int)  # pack id, done, total
    ready = Signal(int, object)  # generation, IndexData
    failed = Signal(int, str, str)  # generation, pack id, reason


class SearchController(QObject):
    def __init__(
        self, window: MainWindow, reader: ReaderController, database: Database, cache_dir: Path | None
    ) -> None:
        super().__init__(window)
        self.window = window
        self.reader = reader
        self.cache_dir = cache_dir  # prepare_index keeps its files in cache_dir/search
        self._connection = database.connection
        self._searcher: Searcher | None = None
        self.panel = window.search_panel
        self._bridge = _Bridge(self)
        self._bridge.progress.connect(self._on_progress)
        self._bridge.ready.connect(self._on_ready)
        self._bridge.failed.connect(self._on_failed)
        self._generation = 0
        self._closing = False
        self._preparing: dict[str, tuple[int, int]] = {}  # pack id -> (done, total)
        self._threads: list[threading.Thread] = []
        self.last_query = ""
        self.panel.query_changed.connect(self.run_query)
        self.panel.hit_activated.connect(self.open_hit)
        self.panel.suggestion_picked.connect(self._use_suggestion)
        self.panel.cleared.connect(lambda: window.show_navigator(True))
        window.search_action.triggered.connect(self.panel.focus_field)
        reader.packs_changed.connect(self.index_packs)
        window.closing.connect(self.close)
        # Indexing starts a moment after the first page is on screen: it never competes with it.
        window.reader.first_paint.connect(
            lambda: QTimer.singleShot(INDEX_DELAY_MS, self.index_packs),
            Qt.ConnectionType.SingleShotConnection,
        )

    @property
    def searcher(self) -> Searcher:
        # The search package is imported once it is needed, after the first paint.
        if self._searcher is None:
            from lupus_reader.search import Searcher

            self._searcher = Searcher(self._connection)
        return self._searcher

    # -- indexes ----------------------------------------------------------------------

    def index_packs(self) -> None:
        """(Re)prepare the index of every open pack, each in its own worker thread."""
        self._generation += 1
        generation = self._generation
        packs = list(self.reader.library.packs)
        for pack_id in self.searcher.packs:
            if all(pack.id != pack_id for pack in packs):
                self.searcher.detach(pack_id)
        for pack in packs:
            self._preparing[pack.id] = (0, max(len(pack.sections), 1))
            thread = threading.Thread(
                target=self._prepare, args=(pack, generation), name=f"search-index-{pack.id}", daemon=True
            )
            self._threads.append(thread)
            thread.start()
        self._show_preparing()

    def _prepare(self, pack: ContentPack, generation: int) -> None:
        from lupus_reader.search import prepare_index

        bridge = self._bridge
        try:
            data = prepare_index(
                pack,
                self.cache_dir,
                progress=lambda done, total: _emit(bridge.progress, pack.id, done, total),
                cancelled=lambda: self._closing or generation != self._generation,
            )
        except Exception as error:  # a worker must report its failure, never die silently
            _emit(bridge.failed, generation, pack.id, str(error) or type(error).__name__)
            return
        if data is not None:
            _emit(bridge.ready, generation, data)

    def _on_progress(self, pack_id: str, done: int, total: int) -> None:
        if pack_id in self._preparing:
            self._preparing[pack_id] = (done, total)
            self._show_preparing()

    def _on_ready(self, generation: int, data: IndexData) -> None:
        if generation != self._generation or self._closing:
            return
        self.searcher.attach(data)
        self._preparing.pop(data.pack_id, None)
        self._show_preparing()
        if self.panel.is_searching():
            self.run_query(self.panel.field.text())

    def _on_failed(self, generation: int, pack_id: str, reason: str) -> None:
        if generation != self._generation:
            return
        self._preparing.pop(pack_id, None)
        self.panel.set_status(f"Search cannot look in “{html.escape(pack_id)}”: {html.escape(reason)}")

    def is_ready(self) -> bool:
        """Is every open pack's index attached?"""
        return not self._preparing and set(self.searcher.packs) >= {p.id for p in self.reader.library.packs}

    def _show_preparing(self) -> None:
        done = sum(d for d, _ in self._preparing.values())
        total = sum(t for _, t in self._preparing.values())
        if self._preparing and total:
            self.panel.field.setPlaceholderText(f"Preparing search… {min(100, 100 * done // total)}%")
        else:
            self.panel.field.setPlaceholderText("Search the guide and your notes")

    def close(self) -> None:
        self._closing = True
        if self._searcher is not None:
            self._searcher.close()

    # -- queries ----------------------------------------------------------------------

    def run_query(self, text: str) -> None:
        self.last_query = text
        if not text.strip():
            return
        self.window.show_navigator(False)
        result = self.searcher.search(text, RESULT_LIMIT)
        if not result.hits:
            if self._preparing:
                self.panel.show_results([], "Still preparing search for this guide: results follow shortly.")
                return
            terms = [
                term
                for pack in self.reader.library.packs
                if pack.glossary is not None
                for term in (t.name for t in pack.glossary)
            ]
            self.panel.show_no_matches(text, self.searcher.suggestions(text, terms=terms))
            return
        rows = [_row(hit) for hit in result.hits]
        counts = {
            kind: sum(1 for hit in result.hits if hit.kind == kind)
            for kind in ("section", "note", "question")
        }
        matched = result.sections_matched
        sections = (
            f"more than {matched - 1} sections"
            if result.more_sections
            else (f"{matched} section{'s' if matched != 1 else ''}")
        )
        parts = [sections]
        if counts["note"]:
            parts.append(f"{counts['note']} of your notes")
        if counts["question"]:
            parts.append(f"{counts['question']} of your questions")
        summary = ", ".join(parts)
        if result.more_sections or matched > counts["section"]:
            summary += f" (best {counts['section']} shown)"
        if self._preparing:
            summary += " · still preparing search, more may follow"
        self.panel.show_results(rows, summary)

    def _use_suggestion(self, text: str) -> None:
        self.panel.field.setText(text)
        self.panel.flush()

    def open_hit(self, hit: Hit) -> None:
        """Go to the hit's section with every hit highlighted; a note or question opens its panel too."""
        from lupus_reader.search import highlight_spans

        query = self.last_query
        if hit.kind == "question":
            self.window.show_dock(self.window.questions_panel)
            return
        if not self.reader.go_to(hit.section_id):
            self.panel.set_status("That section is no longer in the open guides.")
            return
        self.window.find_bar.show_hits(lambda text: highlight_spans(text, query), query)
        if hit.kind == "note":
            self.window.show_dock(self.window.notes_pane)
        self.window.reader.setFocus(Qt.FocusReason.OtherFocusReason)


def _emit(signal: SignalInstance, *args: object) -> None:
    with contextlib.suppress(RuntimeError):  # the window is gone (closed, or a screenshot taken)
        signal.emit(*args)


def _row(hit: Hit) -> tuple[str, str, Hit]:
    """(what a screen reader says, the row's HTML, the hit) for one result."""
    from lupus_reader.search import marked_html, unmarked

    title = marked_html(hit.title_marked) if hit.title_marked else html.escape(hit.title)
    snippet = marked_html(hit.snippet)
    if hit.kind == "question":
        return f"Your question: {unmarked(hit.title_marked)}", f"<b>Your question:</b> {title}", hit
    if hit.kind == "note":
        spoken = f"Your note in {hit.title}: {unmarked(hit.snippet)}"
        where = f"{html.escape(hit.title)}<br><small>{html.escape(hit.breadcrumb)}</small>"
        rich = f"<b>Your note</b> · {where}<br>{snippet}"
        return spoken, rich, hit
    spoken = f"{hit.title}, in {hit.breadcrumb}: {unmarked(hit.snippet)}"
    rich = f"<b>{title}</b><br><small>{html.escape(hit.breadcrumb)}</small><br>{snippet}"
    return spoken, rich, hit
