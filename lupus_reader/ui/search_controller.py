"""Search: indexes built off the UI thread after the first paint, queries as the reader types.

Each pack's index is prepared in a worker thread (from the cache when the pack
is unchanged, built otherwise, with progress in the status bar and the search
field); the window never waits for it. Queries run on the UI thread: a few
milliseconds each. Opening a section result goes to its section and hands the
hits to the find bar, so every hit in the pane is highlighted and Enter / F3
step through them; opening a note shows the note, its matched words marked.
"""

from __future__ import annotations

import contextlib
import html
import threading
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal, SignalInstance

from lupus_reader.content.pack import ContentPack
from lupus_reader.storage.db import Database
from lupus_reader.ui.controller import ReaderController
from lupus_reader.ui.main_window import MainWindow
from lupus_reader.ui.search_rows import result_row, summary

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressBar

    from lupus_reader.search import Hit, IndexData, Searcher
    from lupus_reader.storage.stores import Change
    from lupus_reader.ui.library_controller import LibraryController

RESULT_LIMIT = 50
INDEX_DELAY_MS = 200


class _Bridge(QObject):
    """Carries a worker thread's news to the UI thread (queued signals)."""

    progress = Signal(str, int, int)  # pack id, done, total
    ready = Signal(int, object)  # generation, IndexData
    failed = Signal(str, int, str)  # pack id, generation, reason


class SearchController(QObject):
    # Every open pack's index is attached: searches now see all of them.
    ready = Signal()

    def __init__(
        self,
        window: MainWindow,
        reader: ReaderController,
        database: Database,
        cache_dir: Path | None,
        library: LibraryController | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.reader = reader
        self.library = library
        self.cache_dir = cache_dir  # prepare_index keeps its files in cache_dir/search
        self._connection = database.connection
        self._searcher: Searcher | None = None
        self.panel = window.search_panel
        self._bridge = _Bridge(self)
        self._bridge.progress.connect(self._on_progress)
        self._bridge.ready.connect(self._on_ready)
        self._bridge.failed.connect(self._on_failed)
        self._counter = 0  # numbers each worker; a pack's latest one is its generation
        self._generations: dict[str, int] = {}
        self._closing = False
        self._preparing: dict[str, tuple[int, int]] = {}  # pack id -> (done, total)
        self._sources: dict[str, ContentPack] = {}  # pack id -> the pack its index is (being) made from
        self._repaired: set[str] = set()  # packs whose damaged index was rebuilt once already
        self._progress_bar: QProgressBar | None = None
        self.last_query = ""
        self.panel.query_changed.connect(self.run_query)
        self.panel.hit_activated.connect(self.open_hit)
        self.panel.suggestion_picked.connect(self._use_suggestion)
        self.panel.cleared.connect(lambda: window.show_navigator(True))
        window.search_action.triggered.connect(self.panel.focus_field)
        reader.packs_changed.connect(self.index_packs)
        window.closing.connect(self.close)
        if library is not None:
            library.changed.connect(self._on_library_changed)
        window.notes_pane.editor.textChanged.connect(self._unmark_note)
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

    def index_packs(self, again: Collection[str] = ()) -> None:
        """Prepare the index of each open pack not yet (being) indexed as it is now, and of ``again``.

        Each in its own worker thread. A pack whose index is attached, or on
        its way, from this very pack is left alone: it is not hashed again.
        """
        packs = list(self.reader.library.packs)
        open_ids = {pack.id for pack in packs}
        for pack_id in {*self._sources, *self.searcher.packs} - open_ids:
            self.searcher.detach(pack_id)
            self._forget(pack_id)
        for pack in packs:
            if self._sources.get(pack.id) is pack and pack.id not in again:
                continue
            self._counter += 1
            self._generations[pack.id] = self._counter  # an older worker for this pack stops
            self._sources[pack.id] = pack
            self._preparing[pack.id] = (0, max(len(pack.sections), 1))
            thread = threading.Thread(
                target=self._prepare, args=(pack, self._counter), name=f"search-index-{pack.id}", daemon=True
            )
            thread.start()
        self._show_preparing()

    def _forget(self, pack_id: str) -> None:
        self._sources.pop(pack_id, None)
        self._preparing.pop(pack_id, None)
        self._generations.pop(pack_id, None)

    def _current(self, pack_id: str, generation: int) -> bool:
        return not self._closing and self._generations.get(pack_id) == generation

    def _prepare(self, pack: ContentPack, generation: int) -> None:
        from lupus_reader.search import prepare_index

        bridge = self._bridge
        try:
            data = prepare_index(
                pack,
                self.cache_dir,
                progress=lambda done, total: _emit(bridge.progress, pack.id, done, total),
                cancelled=lambda: not self._current(pack.id, generation),
            )
        except Exception as error:  # a worker must report its failure, never die silently
            _emit(bridge.failed, pack.id, generation, str(error) or type(error).__name__)
            return
        if data is not None:
            _emit(bridge.ready, generation, data)

    def _on_progress(self, pack_id: str, done: int, total: int) -> None:
        if pack_id in self._preparing:
            self._preparing[pack_id] = (done, total)
            self._show_preparing(building=True)

    def _on_ready(self, generation: int, data: IndexData) -> None:
        if not self._current(data.pack_id, generation):
            return
        self.searcher.attach(data)
        self._preparing.pop(data.pack_id, None)
        self._show_preparing()
        if self.panel.is_searching():
            self.run_query(self.panel.field.text())
        if self.is_ready():
            self.ready.emit()

    def _on_failed(self, pack_id: str, generation: int, reason: str) -> None:
        if not self._current(pack_id, generation):
            return
        self._forget(pack_id)  # tried again when the packs change
        self._show_preparing()
        self.panel.set_status(
            self.tr("Search cannot look in “{guide}”: {reason}").format(
                guide=html.escape(pack_id), reason=html.escape(reason)
            )
        )

    def is_ready(self) -> bool:
        """Is every open pack's index attached?"""
        return not self._preparing and set(self.searcher.packs) >= {p.id for p in self.reader.library.packs}

    def _show_preparing(self, building: bool = False) -> None:
        """Progress in the search field's placeholder and, while an index is built, in the status bar."""
        done = sum(d for d, _ in self._preparing.values())
        total = sum(t for _, t in self._preparing.values())
        if not (self._preparing and total):
            self.panel.field.setPlaceholderText(self.tr("Search the guide and your notes"))
            if self._progress_bar is not None:
                self.window.statusBar().removeWidget(self._progress_bar)
                self._progress_bar.deleteLater()
                self._progress_bar = None
            return
        percent = min(100, 100 * done // total)
        self.panel.field.setPlaceholderText(self.tr("Preparing search… {percent}%").format(percent=percent))
        if building and self._progress_bar is None:
            from PySide6.QtWidgets import QProgressBar

            bar = QProgressBar()
            bar.setRange(0, 100)
            bar.setFormat(self.tr("Preparing search… {percent}%").format(percent="%p"))
            bar.setAccessibleName(self.tr("Preparing search"))
            widest = self.tr("Preparing search… {percent}%").format(percent=100)
            bar.setMaximumWidth(bar.fontMetrics().horizontalAdvance(widest) + 24)
            self.window.statusBar().insertPermanentWidget(0, bar)
            self._progress_bar = bar
        if self._progress_bar is not None:
            self._progress_bar.setValue(percent)

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
        self._repair()
        if not result.hits:
            if self._preparing:
                self.panel.show_results(
                    [], self.tr("Still preparing search for this guide: results follow shortly.")
                )
                return
            from lupus_reader.search import glossary_terms

            terms = glossary_terms(self.reader.library.packs)
            self.panel.show_no_matches(text, self.searcher.suggestions(text, terms=terms))
            return
        rows = [result_row(hit) for hit in result.hits]
        self.panel.show_results(rows, summary(result, bool(self._preparing)))

    def _repair(self) -> None:
        """Prepare again (once) the packs whose index a search found damaged; meanwhile they are skipped."""
        damaged = tuple(pack for pack in self.searcher.broken() if pack not in self._repaired)
        if damaged and not self._closing:
            self._repaired.update(damaged)
            self.index_packs(again=damaged)

    def _on_library_changed(self, change: Change) -> None:
        """A note or question was saved, changed or deleted: results on show are brought up to date."""
        if change.kind in ("notes", "questions") and self.panel.is_searching():
            self.run_query(self.panel.field.text())

    def _use_suggestion(self, text: str) -> None:
        self.panel.field.setText(text)
        self.panel.flush()

    def open_hit(self, hit: Hit) -> None:
        """Go to the hit's section with every hit highlighted; a note or question opens its panel."""
        from lupus_reader.search import highlight_spans, parse_query

        query = parse_query(self.last_query)
        if hit.kind == "question":
            self.window.show_dock(self.window.questions_panel)
            return
        if hit.kind == "note" and hit.note_id is not None and self.library is not None:
            self.library.open_note(hit.note_id)
            if self.window.navigator.current_section() == hit.section_id:
                self._show_note_hits(lambda text: highlight_spans(text, query))
            return
        if not self.reader.go_to(hit.section_id):
            self.panel.set_status(self.tr("That section is no longer in the open guides."))
            return
        self.window.find_bar.show_hits(lambda text: highlight_spans(text, query), self.last_query)
        self.window.reader.setFocus(Qt.FocusReason.OtherFocusReason)

    def _unmark_note(self) -> None:
        """A note's matched words are unmarked as soon as it is edited (or another is shown)."""
        editor = self.window.notes_pane.editor
        if editor.extraSelections():
            editor.setExtraSelections([])

    def _show_note_hits(self, spans: Callable[[str], list[tuple[int, int]]]) -> None:
        """Mark the matched words in the note now shown, and put the cursor at the first."""
        from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
        from PySide6.QtWidgets import QTextEdit

        from lupus_reader.ui.find_bar import utf16_spans

        if self.window.find_bar.isVisible():
            self.window.find_bar.close_bar()  # the hits of an earlier search are not this note's
        editor = self.window.notes_pane.editor
        text = editor.toPlainText()
        marked = QTextCharFormat()
        background, foreground = self.window.find_bar.match_colours
        marked.setBackground(QColor(background))
        marked.setForeground(QColor(foreground))
        selections = []
        for start, end in utf16_spans(text, spans(text)):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(editor.document())
            selection.cursor.setPosition(start)
            selection.cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.format = marked
            selections.append(selection)
        editor.setExtraSelections(selections)
        if selections:
            cursor = QTextCursor(selections[0].cursor)
            cursor.clearSelection()
            editor.setTextCursor(cursor)
            editor.ensureCursorVisible()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)


def _emit(signal: SignalInstance, *args: object) -> None:
    with contextlib.suppress(RuntimeError):  # the window is gone (closed, or a screenshot taken)
        signal.emit(*args)
