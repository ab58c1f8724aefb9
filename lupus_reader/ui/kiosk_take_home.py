"""Take my questions home: the visitor's questions and notes as QR codes a phone camera reads.

The codes are as big as the screen allows (up to CODE_MAX_PX) and as many as fit
side by side are shown at once; more are a tap on "Next codes" away. The dialog
always fits inside the kiosk's window, its Done button included.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from lupus_reader.kiosk.takehome import QUIET_ZONE, QrPart, TakeHome, TakeHomeWords
from lupus_reader.ui.kiosk_touch import buttons_at_least

CODE_MAX_PX = 420  # a phone reads it from a step away; bigger only makes fewer fit
CODE_MIN_PX = 240  # 2 px a module even for the biggest code (125 modules with the quiet zone)
GAP_PX = 24
MARGIN_PX = 24


def take_home_words() -> TakeHomeWords:
    """The take-home text's headings and messages in the UI's language (the phone shows them too)."""
    return TakeHomeWords(
        title=QCoreApplication.translate("TakeHome", "My questions for the doctor"),
        questions=QCoreApplication.translate("TakeHome", "Questions:"),
        notes=QCoreApplication.translate("TakeHome", "My notes:"),
        nothing=QCoreApplication.translate(
            "TakeHome", "There is nothing to take home yet: tick a question or write a note."
        ),
        too_long=QCoreApplication.translate(
            "TakeHome",
            "This is too long to take home as QR codes (about {count} characters too many). "
            "Remove some notes or questions and try again.",
        ),
    )


BUTTON_SIZE = (120, 56)


class QrCode(QWidget):
    """One code, painted module by module in black on white, whatever the theme."""

    def __init__(self, part: QrPart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.part = part
        self.set_pixels(CODE_MAX_PX)
        label = (
            self.tr("QR code {number} of {count}").format(number=part.number, count=part.total)
            if part.total > 1
            else self.tr("QR code")
        )
        self.setAccessibleName(label)
        self.setAccessibleDescription(part.text)

    def set_pixels(self, pixels: int) -> None:
        self.setFixedSize(QSize(pixels, pixels))

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        modules = self.part.size + 2 * QUIET_ZONE
        cell = min(self.width(), self.height()) / modules
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("black"))
        for y, row in enumerate(self.part.matrix):
            for x, dark in enumerate(row):
                if dark:
                    # A hair over one cell, so no seams show between neighbours.
                    painter.drawRect(
                        QRectF((x + QUIET_ZONE) * cell, (y + QUIET_ZONE) * cell, cell + 0.5, cell + 0.5)
                    )
        painter.end()


class TakeHomeDialog(QDialog):
    """The codes, a page of them at a time; "Previous codes" and "Next codes" when they do not all fit."""

    def __init__(self, take_home: TakeHome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("takeHomeDialog")
        self.setWindowTitle(self.tr("Take my questions home"))
        self.setModal(True)
        buttons_at_least(self, *BUTTON_SIZE)
        self.page = 0
        self.per_page = max(1, len(take_home.parts))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN_PX, MARGIN_PX, MARGIN_PX, MARGIN_PX)
        layout.setSpacing(16)
        if take_home.parts:
            count = len(take_home.parts)
            how = self.tr("Point your phone's camera at each of the %n code(s), in order.", "", count)
            rest = self.tr("Your questions and notes appear as text on your phone. Nothing is sent anywhere.")
            intro = QLabel(f"{how} {rest}")
        else:
            intro = QLabel(take_home.message)
        intro.setWordWrap(True)
        intro.setAccessibleName(self.tr("How to take your questions home"))
        layout.addWidget(intro)
        codes = QHBoxLayout()
        codes.setSpacing(GAP_PX)
        self.codes: list[QrCode] = []
        self._columns: list[QWidget] = []
        for part in take_home.parts:
            column = QWidget()
            stack = QVBoxLayout(column)
            stack.setContentsMargins(0, 0, 0, 0)
            code = QrCode(part)
            self.codes.append(code)
            stack.addWidget(code)
            if part.total > 1:
                number = QLabel(self.tr("{number} of {count}").format(number=part.number, count=part.total))
                number.setAlignment(Qt.AlignmentFlag.AlignCenter)
                stack.addWidget(number)
            codes.addWidget(column)
            self._columns.append(column)
        layout.addLayout(codes)
        self.previous_button = QPushButton(self.tr("◀ Previous codes"))
        self.next_button = QPushButton(self.tr("Next codes ▶"))
        self.done_button = QPushButton(self.tr("Done"))
        self.done_button.setAccessibleName(self.tr("Close the QR codes"))
        buttons = QHBoxLayout()
        buttons.setSpacing(GAP_PX)
        self.previous_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self.done_button.clicked.connect(self.accept)
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        layout.addLayout(buttons)

    # -- fitting the room ---------------------------------------------------------------

    def room(self) -> QRect:
        """Where the dialog must fit: the kiosk's window, within the screen's free area."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)
        parent = self.parentWidget()
        return area.intersected(parent.window().geometry()) if parent is not None else area

    def fit(self, room: QRect) -> None:
        """The biggest codes that fit, as many to a page as fit side by side; centred in ``room``."""
        pixels = CODE_MAX_PX
        while True:
            self._lay_out(pixels, room.width())
            needed = self.sizeHint()
            if (needed.width() <= room.width() and needed.height() <= room.height()) or pixels <= CODE_MIN_PX:
                break
            pixels = max(CODE_MIN_PX, pixels * 9 // 10)
        size = needed.boundedTo(room.size())
        self.setFixedSize(size)  # a dialog its own size: no window manager stretches it off screen
        self.move(room.center() - QRect(0, 0, size.width(), size.height()).center())

    def _lay_out(self, pixels: int, width: int) -> None:
        for code in self.codes:
            code.set_pixels(pixels)
        if self.codes:
            room = width - 2 * MARGIN_PX
            self.per_page = max(1, min(len(self.codes), (room + GAP_PX) // (pixels + GAP_PX)))
        self.show_page(min(self.page, self.pages() - 1))

    def pages(self) -> int:
        return max(1, -(-len(self.codes) // self.per_page))

    def show_page(self, page: int) -> None:
        self.page = max(0, min(page, self.pages() - 1))
        shown = range(self.page * self.per_page, (self.page + 1) * self.per_page)
        for index, column in enumerate(self._columns):
            column.setVisible(index in shown)
        paging = self.pages() > 1
        self.previous_button.setVisible(paging)
        self.next_button.setVisible(paging)
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < self.pages() - 1)
        layout = self.layout()
        if layout is not None:
            layout.activate()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        self.fit(self.room())
        super().showEvent(event)
