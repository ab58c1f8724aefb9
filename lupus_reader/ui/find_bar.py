"""Find in page: a bar under the text with a match count, next and previous; Esc closes it.

It also steps through the hits of a search: the controller hands it a
function that finds them in the page's text, and the bar shows them the same
way as a find.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable

from PySide6.QtCore import QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget

from lupus_reader.content.hyphenate import SOFT_HYPHEN, without_soft_hyphens
from lupus_reader.themes import LIGHT
from lupus_reader.ui.large_text import PlaceholderFit

# A page with more matches than this shows "more than 1000": counting on would
# only make typing slow on a big chapter.
MAX_MATCHES = 1000
RECOUNT_DELAY_MS = 120
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_spans(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) offsets into a Python string as Qt positions in the same text.

    Qt counts UTF-16 units: a character beyond U+FFFF (🙂, 𝐀) is two of them
    and one Python character, so every offset after one moves up by one.
    """
    astral = [match.start() for match in _ASTRAL.finditer(text)] if not text.isascii() else []
    if not astral:
        return list(spans)
    return [
        (start + bisect.bisect_left(astral, start), end + bisect.bisect_left(astral, end))
        for start, end in spans
    ]


def shown_spans(text: str, spans: Callable[[str], list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """``spans`` found in the text as the reader sees it, as offsets into ``text`` itself.

    The page has soft hyphens in its long words (see content.hyphenate): the
    search engine's spans are found in the words without them, then moved past
    each soft hyphen before them, so a hit covers its whole word.
    """
    if SOFT_HYPHEN not in text:
        return spans(text)
    # Where each soft hyphen would be in the text without them: the offset of the character after it.
    gaps = [match.start() - count for count, match in enumerate(re.finditer(SOFT_HYPHEN, text))]
    found = []
    for start, end in spans(without_soft_hyphens(text)):
        shown_start = start + bisect.bisect_right(gaps, start)
        shown_end = end - 1 + bisect.bisect_right(gaps, end - 1) + 1 if end > start else shown_start
        found.append((shown_start, shown_end))
    return found


def find_all(document_owner: QTextEdit, pattern: QRegularExpression) -> tuple[list[QTextCursor], bool]:
    """Every match of ``pattern`` in the pane's text, in order, and whether there were more."""
    found: list[QTextCursor] = []
    document = document_owner.document()
    cursor = document.find(pattern, 0)
    while not cursor.isNull():
        if len(found) >= MAX_MATCHES:
            return found, True
        if cursor.hasSelection():
            found.append(cursor)
            cursor = document.find(pattern, cursor)
        else:  # an empty match: step over it, or the loop never ends
            cursor = document.find(pattern, cursor.position() + 1)
    return found, False


def literal_pattern(text: str) -> QRegularExpression:
    """What a reader typed, found as it is, whatever its case, and across the page's soft hyphens."""
    pattern = "\\x{00ad}*".join(QRegularExpression.escape(c) for c in without_soft_hyphens(text))
    return QRegularExpression(pattern, QRegularExpression.PatternOption.CaseInsensitiveOption)


class FindBar(QWidget):
    """Finds in the pane it is given; ``closed`` when it hides, so focus can go back to the text."""

    closed = Signal()

    def __init__(self, pane: QTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.pane = pane
        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("Find in this page"))
        self.field.setAccessibleName(self.tr("Find in this page"))
        self.field.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Matches"))
        # Room for a count that does not jump as it grows; "Searched words: " takes more when it shows.
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance(self._of("000", "000")))
        PlaceholderFit(self.field, {self.field.placeholderText(): (self.tr("Find"),)})  # large text
        self.previous_button = self._button(
            "▲", self.tr("Previous match (Shift+Enter)"), self.tr("Previous match")
        )
        self.next_button = self._button("▼", self.tr("Next match (Enter)"), self.tr("Next match"))
        close = self._button("✕", self.tr("Close (Esc)"), self.tr("Close find bar"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(close)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        close.clicked.connect(self.close_bar)
        self._recount = QTimer(self)
        self._recount.setSingleShot(True)
        self._recount.setInterval(RECOUNT_DELAY_MS)
        self._recount.timeout.connect(self.refresh)
        self.field.textEdited.connect(self._on_edited)
        self._pattern: QRegularExpression | None = None
        self._spans: Callable[[str], list[tuple[int, int]]] | None = None
        self._label = ""  # "Searched words" while stepping through a search's hits
        # Every match: background, text (the window passes its theme's at once).
        self._match_colours = (LIGHT.find_match_background, LIGHT.find_match_text)
        self.matches: list[QTextCursor] = []
        self.more = False
        self.current = -1
        self.hide()

    def _button(self, text: str, tip: str, name: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(name)
        return button

    # -- opening and closing ------------------------------------------------

    def open_find(self) -> None:
        """Ctrl+F: show the bar with the field ready to type (what the reader selected, if anything)."""
        selected = without_soft_hyphens(self.pane.textCursor().selectedText()).strip()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self._label = ""
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self.refresh()

    def show_hits(self, spans: Callable[[str], list[tuple[int, int]]], query: str) -> None:
        """Step through a search's hits: every one highlighted, the first below the top made current.

        ``spans`` gives the (start, end) of each hit in the pane's raw text; it
        is asked again whenever another page is shown.
        """
        self.field.setText(query)
        self._label = self.tr("Searched words")
        self._spans = spans
        self.show()
        self._find(select_first=True)

    def close_bar(self) -> None:
        self.hide()
        self.matches = []
        self.current = -1
        self.pane.setExtraSelections([])
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.step(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
        else:
            super().keyPressEvent(event)

    # -- finding ------------------------------------------------------------

    def _on_edited(self, _text: str) -> None:
        self._label = ""
        self._recount.start()

    def refresh(self) -> None:
        """Find the field's text again (new text typed, or another page shown)."""
        if not self.isVisible():
            return
        if not self._label:
            text = self.field.text()
            self._pattern = literal_pattern(text) if text.strip() else None
            self._spans = None
        self._find(select_first=True)

    def _find(self, select_first: bool) -> None:
        self._recount.stop()
        if self._spans is not None:
            text = self.pane.document().toRawText()
            self.matches, self.more = self._cursors(utf16_spans(text, shown_spans(text, self._spans))), False
        elif self._pattern is None:
            self.matches, self.more = [], False
        else:
            self.matches, self.more = find_all(self.pane, self._pattern)
        self.current = -1
        if self.matches and select_first:
            # The first match at or below the top of the pane, so finding does not jump back.
            top = self.pane.cursorForPosition(self.pane.rect().topLeft()).position()
            self.current = next((i for i, c in enumerate(self.matches) if c.position() >= top), 0)
        self._show()

    def _cursors(self, spans: list[tuple[int, int]]) -> list[QTextCursor]:
        """Cursors over these Qt positions (see utf16_spans)."""
        found = []
        for start, end in spans[:MAX_MATCHES]:
            cursor = QTextCursor(self.pane.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            found.append(cursor)
        return found

    def step(self, direction: int) -> None:
        """Next (1) or previous (-1) match; F3 and Shift+F3 come here only while the bar is open."""
        if not self.isVisible():
            return
        if not self.matches:
            self.refresh()
            return
        self.current = (self.current + direction) % len(self.matches)
        self._show()

    def _show(self) -> None:
        from PySide6.QtGui import QColor, QPalette, QTextCharFormat  # not needed before the first find

        palette = self.pane.palette()
        every = QTextCharFormat()
        every.setBackground(QColor(self._match_colours[0]))
        every.setForeground(QColor(self._match_colours[1]))
        now = QTextCharFormat()
        now.setBackground(palette.color(QPalette.ColorRole.Highlight))
        now.setForeground(palette.color(QPalette.ColorRole.HighlightedText))
        selections = []
        for index, cursor in enumerate(self.matches):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = now if index == self.current else every
            selections.append(selection)
        self.pane.setExtraSelections(selections)
        if 0 <= self.current < len(self.matches):
            cursor = QTextCursor(self.matches[self.current])
            cursor.clearSelection()
            self.pane.setTextCursor(cursor)
            self.pane.ensureCursorVisible()
        self.count.setText(self.describe())
        self.previous_button.setEnabled(len(self.matches) > 1)
        self.next_button.setEnabled(len(self.matches) > 1)

    @property
    def match_colours(self) -> tuple[str, str]:
        """The background and text colour of every match but the current one."""
        return self._match_colours

    def set_colours(self, background: str, text: str) -> None:
        """The theme's colours for every match (the current one is the selection's)."""
        self._match_colours = (background, text)
        if self.matches:
            self._show()

    def describe(self) -> str:
        """What the count label says: "3 of 12", "No matches"."""
        prefix = f"{self._label}: " if self._label else ""
        if self._pattern is None and self._spans is None:
            return ""
        if not self.matches:
            return prefix + self.tr("No matches")
        total = (
            self.tr("more than {count}").format(count=MAX_MATCHES) if self.more else str(len(self.matches))
        )
        return prefix + self._of(str(self.current + 1), total)

    def _of(self, current: str, total: str) -> str:
        return self.tr("{current} of {total}").format(current=current, total=total)
