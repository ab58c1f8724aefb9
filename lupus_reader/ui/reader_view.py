"""The content pane: a QTextBrowser that fetches nothing, routes every link, and tracks headings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QPoint, QSizeF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFont, QMouseEvent, QPaintEvent, QResizeEvent, QTextBlock, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from lupus_reader.content.hyphenate import SOFT_HYPHEN, without_soft_hyphens
from lupus_reader.ui.large_text import natural_point_size, without_shaping

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

# QImage named, not touched: PySide makes a Qt type (and its enums) when it is first used.
ResourceResolver = Callable[[QUrl], "QImage | None"]

# Where a heading counts as "being read": a fifth of the way down the pane.
READING_LINE = 0.2
MARGIN_PROBE = 30  # a point just inside the text's left margin


def block_words(block: QTextBlock, limit: int) -> str:
    """A block's words as the reader sees them (no soft hyphens), spaces made single, cut at ``limit``."""
    return " ".join(without_soft_hyphens(block.text()).split())[:limit]


def block_anchors(block: QTextBlock) -> list[str]:
    """The anchor names a block carries (a heading's id lands on its first fragment)."""
    names = block.charFormat().anchorNames()
    iterator = block.begin()
    while not names and not iterator.atEnd():
        names = iterator.fragment().charFormat().anchorNames()
        iterator += 1
    return names


class ReaderView(QTextBrowser):
    """Shows one rendered chapter; knows where each section heading sits."""

    link_clicked = Signal(QUrl)
    scrolled_by_user = Signal()
    first_paint = Signal()
    document_changed = Signal()  # another chapter is shown
    back_requested = Signal()
    forward_requested = Signal()

    def __init__(self, resolver: ResourceResolver | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        without_shaping(self)
        self.resolver = resolver
        self.refused: list[str] = []  # every URL loadResource turned away, for tests
        self._headings: list[tuple[int, str]] | None = None  # this document's, found once
        self._tops: dict[int, float] = {}  # heading index -> y, measured when first needed
        self._tops_width = -1.0
        self._programmatic = False
        self._awaiting_paint = False
        # Patients read here: a little larger than the UI font at 100% (the app's text size
        # may be set already; set_text_scale applies it).
        self._natural_point_size = max(natural_point_size(self.font().pointSizeF()) * 1.25, 12.0)
        self._base_point_size = self._natural_point_size
        self._zoom = 100
        self.document().setDocumentMargin(20)
        self.document_key: object = None
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName(self.tr("Guide text"))
        self.anchorClicked.connect(self.link_clicked)
        self.verticalScrollBar().valueChanged.connect(self._on_scroll)

    # -- content ---------------------------------------------------------

    def show_document(self, key: object, html: str) -> None:
        """Replace the pane's content; ``key`` names it (pack, chapter)."""
        self.document_key = key
        self._headings = None
        self._tops.clear()
        document = self.document()
        page = document.pageSize()
        self._programmatic = True
        try:
            # Layout suspended (a null page size) while the text is replaced: otherwise
            # clearing the old text hides the scroll bar and the new text shows it again,
            # and the pane lays the chapter out at two widths and again for its tail space.
            document.setPageSize(QSizeF(0, 0))
            self.setHtml(html)
            self._apply_tail_space()
        finally:
            # One layout, at the pane's width, which Qt does lazily: the first screen now, the
            # rest a step at a time when idle (scroll_to lays out as far as it needs).
            document.setPageSize(page)
            self._programmatic = False
        self._awaiting_paint = True
        self.document_changed.emit()

    def _apply_tail_space(self) -> None:
        """Room after the last line, so every heading can scroll to the top of the pane.

        Without it the last sections of a chapter could never be "the one being
        read", and going to one would leave it somewhere mid-screen.
        """
        tail = max(self._viewport_height() - 2 * self.fontMetrics().height(), 0)
        root = self.document().rootFrame()
        frame = root.frameFormat()
        if frame.bottomMargin() != tail:
            frame.setBottomMargin(tail)
            root.setFrameFormat(frame)
            self._tops.clear()

    def content_height(self) -> float:
        return self.document().size().height() - self.document().rootFrame().frameFormat().bottomMargin()

    def set_style_sheet(self, css: str) -> None:
        self.document().setDefaultStyleSheet(css)

    def loadResource(self, kind: int, url: QUrl | str) -> object:  # noqa: N802 (Qt API)
        """Only images that live inside the pack; everything else is refused."""
        url = QUrl(url) if isinstance(url, str) else url
        if (
            kind == QTextDocument.ResourceType.ImageResource.value
            or kind == QTextDocument.ResourceType.ImageResource
        ):
            image = self.resolver(url) if self.resolver else None
            if image is not None:
                return image
        self.refused.append(url.toString())
        return None

    # -- zoom ------------------------------------------------------------

    def set_text_scale(self, percent: int) -> None:
        """The app's text size: the pane's text follows it, at the same zoom and place."""
        here = self.position_at_top() if self.document_key is not None else None
        self._base_point_size = self._natural_point_size * percent / 100.0
        self.set_zoom(self._zoom)
        if here is not None:
            self.scroll_to(*here)

    def set_zoom(self, percent: int) -> None:
        self._zoom = percent
        font = QFont(self.document().defaultFont())
        font.setPointSizeF(self._base_point_size * percent / 100.0)
        self.document().setDefaultFont(font)
        self._tops.clear()

    # -- headings and positions -------------------------------------------
    #
    # Qt lays a long chapter out lazily: the first screen when it is shown, the
    # rest a step at a time when idle, or as far down as someone asks. So each
    # heading's place is measured only when needed: going to a section lays the
    # text out down to that heading, not to the end of the chapter.

    def _heading_blocks(self) -> list[tuple[int, str]]:
        """(block number, anchor) of every named heading, top to bottom: no layout needed."""
        if self._headings is None:
            found: list[tuple[int, str]] = []
            block = self.document().begin()
            while block.isValid():
                if block.blockFormat().headingLevel():
                    names = block_anchors(block)
                    if names:
                        found.append((block.blockNumber(), names[0]))
                block = block.next()
            self._headings = found
        return self._headings

    def _top(self, index: int) -> float:
        """Where heading ``index`` starts, laying the text out that far if it is not yet."""
        # Headings move only when the text, its width or its font changes; the
        # font (zoom) and new text clear the list themselves.
        width = self.document().textWidth()
        if self._tops_width != width:
            self._tops_width = width
            self._tops.clear()
        top = self._tops.get(index)
        if top is None:
            number = self._heading_blocks()[index][0]
            block = self.document().findBlockByNumber(number)
            top = self._tops[index] = self.document().documentLayout().blockBoundingRect(block).top()
        return top

    def _index_of(self, anchor: str) -> int | None:
        return next((i for i, (_, name) in enumerate(self._heading_blocks()) if name == anchor), None)

    def heading_top(self, anchor: str) -> float | None:
        """Where the named heading starts in the text (None: the chapter has no such heading)."""
        index = self._index_of(anchor)
        return None if index is None else self._top(index)

    def _index_above(self, y: float) -> int | None:
        """The last heading at or above ``y`` (the first, if none is), measuring no further down."""
        count = len(self._heading_blocks())
        if not count:
            return None
        index = 0
        while index + 1 < count and self._top(index + 1) <= y:
            index += 1
        return index

    def _span(self, index: int) -> tuple[float, float]:
        top = self._top(index)
        last = index + 1 >= len(self._heading_blocks())
        bottom = self.content_height() if last else self._top(index + 1)
        return top, max(bottom, top + 1.0)

    def scroll_to(self, anchor: str, fraction: float = 0.0) -> bool:
        index = self._index_of(anchor)
        if index is None:
            return False
        top = self._top(index)
        if fraction > 0.0:
            top, bottom = self._span(index)
            top += fraction * (bottom - top)
        value = round(top)
        was = self._programmatic
        self._programmatic = True
        try:
            bar = self.verticalScrollBar()
            if bar.maximum() < value:
                # Qt sets the range from a guess at the chapter's height until it has laid it
                # all out (in idle moments), and the guess can fall short of the heading.
                bar.setMaximum(value)
            bar.setValue(value)
        finally:
            self._programmatic = was
        return True

    def anchor_at_reading_line(self) -> str | None:
        """The heading being read: the last one above the reading line."""
        line = self.verticalScrollBar().value() + self._viewport_height() * READING_LINE
        index = self._index_above(line)
        return None if index is None else self._heading_blocks()[index][1]

    def position_at_top(self) -> tuple[str, float] | None:
        """(anchor, fraction) of the top edge of the pane: where to come back to."""
        value = self.verticalScrollBar().value()
        index = self._index_above(value + 0.5)
        if index is None:
            return None
        top, bottom = self._span(index)
        return self._heading_blocks()[index][1], min(max((value - top) / (bottom - top), 0.0), 1.0)

    def fraction_through(self, anchor: str) -> float:
        """How far the reading line is through the given section (0-1)."""
        index = self._index_of(anchor)
        if index is None:
            return 0.0
        top, bottom = self._span(index)
        line = self.verticalScrollBar().value() + self._viewport_height() * READING_LINE
        return min(max((line - top) / (bottom - top), 0.0), 1.0)

    def text_at_top(self, limit: int = 160) -> str:
        """The words at the top edge of the pane: a bookmark's quote."""
        block = self.cursorForPosition(QPoint(MARGIN_PROBE, 4)).block()
        while block.isValid() and not block.text().strip():
            block = block.next()
        return block_words(block, limit) if block.isValid() else ""

    def text_after(self, anchor: str, limit: int = 160) -> str:
        """The first words under a heading: a note's quote, to find its place again."""
        block = self.document().begin()
        while block.isValid() and anchor not in block_anchors(block):
            block = block.next()
        block = block.next() if block.isValid() else block
        while block.isValid() and not block.text().strip():
            block = block.next()
        return block_words(block, limit) if block.isValid() else ""

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 (Qt API)
        """What Ctrl+C and dragging copy: the selection without the page's soft hyphens."""
        data = super().createMimeDataFromSelection()
        if SOFT_HYPHEN not in data.text():
            return data
        copied = QMimeData()
        copied.setText(without_soft_hyphens(data.text()))
        if data.hasHtml():
            copied.setHtml(without_soft_hyphens(data.html()))
        return copied

    # -- events ------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        # Text rewraps at a new width: keep the reader's place, not the pixel offset.
        here = self.position_at_top() if self.document_key is not None else None
        # The scroll bar moves while the text rewraps (its range shrinks, then grows back):
        # not the reader scrolling, so the section being read stays the one it was.
        was = self._programmatic
        self._programmatic = True
        try:
            super().resizeEvent(event)
            self._tops.clear()
            self._apply_tail_space()
            if here is not None:
                self.scroll_to(*here)
        finally:
            self._programmatic = was

    def _on_scroll(self, _value: int) -> None:
        if not self._programmatic:
            self.scrolled_by_user.emit()

    def _viewport_height(self) -> int:
        # Not viewport().height(): the first Python call that returns a plain
        # QWidget makes PySide6 set up every QWidget subclass it might be (about
        # 11 ms, before the first paint). The text never scrolls sideways, so the
        # viewport is the whole area inside the frame.
        return self.maximumViewportSize().height()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)  # the viewport's paint: QAbstractScrollArea routes it here
        if self._awaiting_paint:
            self._awaiting_paint = False
            # Emit once the paint has finished, not from inside it.
            QTimer.singleShot(0, self.first_paint.emit)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if event.button() == Qt.MouseButton.BackButton:
            self.back_requested.emit()
            event.accept()
        elif event.button() == Qt.MouseButton.ForwardButton:
            self.forward_requested.emit()
            event.accept()
        else:
            super().mousePressEvent(event)
