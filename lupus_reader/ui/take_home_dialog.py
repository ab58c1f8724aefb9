"""Take my questions home: the visitor's questions and notes as QR codes a phone camera reads."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from lupus_reader.kiosk.takehome import QUIET_ZONE, QrPart, TakeHome

CODE_PIXELS = 330  # on screen: big enough for a phone a step away, small enough for four side by side


class QrCode(QWidget):
    """One code, painted module by module in black on white, whatever the theme."""

    def __init__(self, part: QrPart, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.part = part
        self.setFixedSize(QSize(CODE_PIXELS, CODE_PIXELS))
        label = f"QR code {part.number} of {part.total}" if part.total > 1 else "QR code"
        self.setAccessibleName(label)
        self.setAccessibleDescription(part.text)

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
    def __init__(self, take_home: TakeHome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("takeHomeDialog")
        self.setWindowTitle("Take my questions home")
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(16)
        if take_home.parts:
            count = len(take_home.parts)
            how = (
                "Point your phone's camera at the code"
                if count == 1
                else (f"Point your phone's camera at each of the {count} codes, in order")
            )
            intro = QLabel(
                f"{how}. Your questions and notes appear as text on your phone. Nothing is sent anywhere."
            )
        else:
            intro = QLabel(take_home.message)
        intro.setWordWrap(True)
        intro.setAccessibleName("How to take your questions home")
        layout.addWidget(intro)
        codes = QHBoxLayout()
        codes.setSpacing(24)
        self.codes = []
        for part in take_home.parts:
            column = QVBoxLayout()
            code = QrCode(part)
            self.codes.append(code)
            column.addWidget(code)
            if part.total > 1:
                number = QLabel(f"{part.number} of {part.total}")
                number.setAlignment(Qt.AlignmentFlag.AlignCenter)
                column.addWidget(number)
            codes.addLayout(column)
        layout.addLayout(codes)
        close = QPushButton("Done")
        close.setMinimumSize(120, 56)
        close.setAccessibleName("Close the QR codes")
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
