"""The search field and its results, above the navigator: type, see results, pick one.

Only intents leave this widget (``query_changed``, ``hit_activated``,
``suggestion_picked``); the search controller runs the queries and fills the
list. Rows are rich text: the title, where it is in the guide, and a snippet
with the matched words in bold, painted by a small delegate.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractItemDelegate

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
HIT_ROLE = Qt.ItemDataRole.UserRole + 2
# Typing pauses this long before a query runs: one query per burst of keys, not per key.
DEBOUNCE_MS = 90
ROW_PADDING = 6
MAX_KEPT_HEIGHTS = 1000
# Rows laid out at once; the rest follow in the next moments: the first results show sooner.
LAYOUT_BATCH = 12
# "No matches for …" repeats at most this much of the query: a pasted page is cut.
ECHO_CHARS = 40


def _rich_row_delegate(view: QListView) -> QAbstractItemDelegate:
    """Paints each row's HTML, wrapped to the list's width.

    Made with the first results: the style classes it needs cost start-up time to load.
    """
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QPainter, QTextDocument
    from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

    class RichRowDelegate(QStyledItemDelegate):
        """Paints each row's HTML, wrapped to the list's width."""

        def __init__(self, parent: QListView) -> None:
            super().__init__(parent)
            self.heights: dict[tuple[str, int, str], int] = {}  # (HTML, width, font) -> height

        def _document(
            self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex, colour: str = ""
        ) -> QTextDocument:
            document = QTextDocument()
            document.setDefaultFont(option.font)
            document.setDocumentMargin(ROW_PADDING)
            if colour:
                document.setDefaultStyleSheet(f"body {{ color: {colour}; }} small {{ color: {colour}; }}")
            document.setHtml(str(index.data(HTML_ROLE) or ""))
            document.setTextWidth(max(option.rect.width(), 50))
            return document

        def paint(
            self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
        ) -> None:
            item = QStyleOptionViewItem(option)
            self.initStyleOption(item, index)
            item.text = ""  # the background, selection and focus from the style; the text from the HTML
            style = item.widget.style() if item.widget else QApplication.style()
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            colour = item.palette.highlightedText() if selected else item.palette.text()
            document = self._document(option, index, colour.color().name())
            painter.save()
            painter.translate(option.rect.topLeft())
            document.drawContents(painter, QRectF(0, 0, option.rect.width(), option.rect.height()))
            painter.restore()

        def sizeHint(  # noqa: N802 (Qt API)
            self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
        ) -> QSize:
            view = self.parent()
            width = view.viewport().width() if isinstance(view, QListView) else option.rect.width()
            key = (str(index.data(HTML_ROLE) or ""), width, option.font.key())
            height = self.heights.get(key)
            if height is None:
                option = QStyleOptionViewItem(option)
                option.rect.setWidth(width)
                height = round(self._document(option, index).size().height())
                if len(self.heights) > MAX_KEPT_HEIGHTS:
                    self.heights.clear()
                self.heights[key] = height
            return QSize(width, height)

    return RichRowDelegate(view)


class ResultList(QListView):
    """The results; Enter or a click opens one."""

    activated_hit = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = QStandardItemModel(self)
        self.setModel(self.rows)
        self._delegate: QAbstractItemDelegate | None = None
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(True)
        self.setFrameShape(QListView.Shape.NoFrame)  # the window's left_stack draws the border
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(LAYOUT_BATCH)
        self.setAccessibleName(self.tr("Search results"))
        self.setAccessibleDescription(self.tr("Enter or a click opens a result at its first match"))
        # A click, or Enter (below); not ``activated`` too, or a double-click would open it twice.
        self.clicked.connect(self._emit)

    def _emit(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is not None:
            self.activated_hit.emit(hit)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._emit(self.currentIndex())
        else:
            super().keyPressEvent(event)

    def set_rows(self, rows: Sequence[tuple[str, str, object]]) -> None:
        """(spoken text, HTML, hit) per row."""
        if rows and self._delegate is None:
            self._delegate = _rich_row_delegate(self)
            self.setItemDelegate(self._delegate)
        self.rows.clear()
        for spoken, rich, hit in rows:
            item = QStandardItem(spoken)
            item.setData(rich, HTML_ROLE)
            item.setData(hit, HIT_ROLE)
            item.setToolTip(spoken)
            self.rows.appendRow(item)
        if rows:
            self.setCurrentIndex(self.rows.index(0, 0))


class SearchField(QLineEdit):
    """Down goes to the results, Enter opens the current one, Esc clears."""

    down = Signal()
    enter = Signal()
    escape = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter.emit()
        elif event.key() == Qt.Key.Key_Escape and self.text():
            self.escape.emit()
        else:
            super().keyPressEvent(event)


class SearchPanel(QWidget):
    """The field and a line saying how it went; ``results`` is placed by the window."""

    query_changed = Signal(str)  # debounced
    hit_activated = Signal(object)
    suggestion_picked = Signal(str)
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = SearchField()
        self.field.setPlaceholderText(self.tr("Search the guide and your notes"))
        self.field.setAccessibleName(self.tr("Search the guide and your notes"))
        self.field.setClearButtonEnabled(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Search status"))
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setOpenExternalLinks(False)
        self.status.linkActivated.connect(self._on_link)
        self.status.hide()
        self.results = ResultList()  # the window puts it where the navigator is
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.field)
        layout.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit_query)
        self.field.textChanged.connect(self._on_text_changed)
        self.field.down.connect(self._into_results)
        self.field.enter.connect(self._open_current)
        self.field.escape.connect(self.clear)
        self.results.activated_hit.connect(self.hit_activated)

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def clear(self) -> None:
        self.field.clear()

    def is_searching(self) -> bool:
        return bool(self.field.text().strip())

    def _on_text_changed(self, text: str) -> None:
        if text.strip():
            self._timer.start()
        else:
            self._timer.stop()
            self.results.set_rows([])
            self.status.hide()
            self.cleared.emit()

    def _emit_query(self) -> None:
        self.query_changed.emit(self.field.text())

    def flush(self) -> None:
        """Run the pending query now (Enter pressed before the pause ended)."""
        if self._timer.isActive():
            self._timer.stop()
            self._emit_query()

    def _into_results(self) -> None:
        self.flush()
        if self.results.rows.rowCount():
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)
            self.results.setCurrentIndex(self.results.rows.index(0, 0))

    def _open_current(self) -> None:
        self.flush()
        index = self.results.currentIndex()
        if not index.isValid() and self.results.rows.rowCount():
            index = self.results.rows.index(0, 0)
        hit = index.data(HIT_ROLE) if index.isValid() else None
        if hit is not None:
            self.hit_activated.emit(hit)

    def _on_link(self, href: str) -> None:
        if href.startswith("suggest:"):
            self.suggestion_picked.emit(href.removeprefix("suggest:"))

    # -- what the controller shows ----------------------------------------------------

    def show_results(self, rows: Sequence[tuple[str, str, object]], summary: str) -> None:
        self.results.set_rows(rows)
        self.set_status(summary)

    def show_no_matches(self, query: str, suggestions: list[str]) -> None:
        self.results.set_rows([])
        words = " ".join(query.split())
        echo = words if len(words) <= ECHO_CHARS else words[: ECHO_CHARS - 1].rstrip() + "…"
        # A zero-width space every few letters of a long word: the label may wrap it, not widen the panel.
        echo = re.sub(r"(\S{8})(?=\S)", "\\1\u200b", echo)
        text = self.tr("No matches for “{query}”.").format(query=html.escape(echo))
        if suggestions:
            links = ", ".join(
                f'<a href="suggest:{html.escape(s, quote=True)}">{html.escape(s)}</a>' for s in suggestions
            )
            text += "<br>" + self.tr("Did you mean: {words}?").format(words=links)
        self.set_status(text)

    def set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
