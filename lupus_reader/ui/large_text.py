"""Text that stays whole at any size: side panel titles in the app's font, placeholders that fit.

Qt draws a dock's own title in the font the title had when the dock was made
(QDockWidget keeps a copy), so at 200% it stays small; and a tabbed dock says
its name twice, on its tab and in its title. Here a tabbed panel has no title
bar (its tab names it) and a panel on its own has a compact one of ours.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QStyle,
    QToolButton,
    QWidget,
)

# The app's property holding its font's point size before any text scaling.
NATURAL_POINT_SIZE = "lupusNaturalPointSize"


def natural_point_size(fallback: float) -> float:
    """The app font's size at 100%, once text scaling has begun; else ``fallback``."""
    app = QCoreApplication.instance()
    natural = app.property(NATURAL_POINT_SIZE) if app is not None else None
    return float(natural) if natural is not None else fallback


def without_shaping(widget: QWidget) -> None:
    """The widget's text laid out without OpenType shaping wherever its script does not need it.

    For Latin text shaping only adds kerning and ligatures, and it was a third of
    the time it takes to show another section of a big guide (the pane lays out
    and the navigator draws every row anew). Scripts that need shaping still get
    it (QFont.PreferNoShaping). Only this hint is set: the widget still follows
    the app's font and text size.
    """
    font = QFont()
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    widget.setFont(font)


class PanelTitle(QWidget):
    """A panel's name in the app's font, and a button to close it (View shows it again)."""

    def __init__(self, dock: QDockWidget) -> None:
        super().__init__(dock)
        title = dock.windowTitle()
        self.label = QLabel(title)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip(self.tr("Close {panel} (View › {panel} shows it again)").format(panel=title))
        close.setAccessibleName(self.tr("Close the {panel} panel").format(panel=title))
        close.clicked.connect(dock.close)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 2, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)


class NoTitle(QWidget):
    """An empty title bar (a tabbed panel's tab already names it): a gap under the tabs, so the
    panel's own border is not drawn against theirs."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        # 8 px, a touch target's gap in a kiosk too; not QWidget's "no hint" (-1), which the dock
        # would add to its height.
        return QSize(0, 8)


class PanelTitles(QObject):
    """Gives each dock of ``window`` no title bar while it is tabbed, and ours when it is not."""

    def __init__(self, window: QMainWindow, docks: Sequence[QDockWidget]) -> None:
        super().__init__(window)
        self.window = window
        self.docks = list(docks)
        self._titles = {dock: PanelTitle(dock) for dock in self.docks}
        self._blank = {dock: NoTitle(dock) for dock in self.docks}
        for widget in (*self._titles.values(), *self._blank.values()):
            widget.hide()  # shown only as a dock's title bar
        self._pending = False
        for dock in self.docks:
            dock.visibilityChanged.connect(self.update_soon)
            dock.topLevelChanged.connect(self.update_soon)
            dock.dockLocationChanged.connect(self.update_soon)
        self.update()

    def update_soon(self, *_args: object) -> None:
        """After the dock area has settled (tabbing and untabbing change several docks at once)."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.update)  # dropped if the window goes first

    def update(self) -> None:
        self._pending = False
        for dock in self.docks:
            tabbed = not dock.isFloating() and bool(self.window.tabifiedDockWidgets(dock))
            wanted = self._blank[dock] if tabbed else self._titles[dock]
            old = dock.titleBarWidget()
            if old is not wanted:
                dock.setTitleBarWidget(wanted)
                if old is not None:
                    old.hide()
                wanted.show()


class PlaceholderFit(QObject):
    """Shows the longest wording of the field's hint that fits, as its width, font or hint change.

    ``shorter`` gives a hint's shorter wordings, longest first; a hint without
    any (progress, say) is shown as it is.
    """

    def __init__(self, field: QLineEdit, shorter: Mapping[str, Sequence[str]]) -> None:
        super().__init__(field)
        self.field = field
        self.shorter = shorter
        self._full = field.placeholderText()  # the hint as the app set it
        self._shown = self._full
        field.installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.Show):
            self.fit()
        elif kind == QEvent.Type.Paint and self.field.placeholderText() != self._shown:
            self.fit()  # the app set another hint (before it is painted, so it never shows cut)
        return False

    def fit(self) -> None:
        field = self.field
        if field.placeholderText() != self._shown:
            self._full = field.placeholderText()
        margins = field.textMargins()
        frame = field.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, field)
        # The frame, QLineEdit's own 2 px a side, the clear button (about as wide as the field is high).
        room = field.width() - 2 * frame - 4 - margins.left() - margins.right()
        if field.isClearButtonEnabled():
            room -= field.height()
        metrics = field.fontMetrics()
        wordings = [self._full, *self.shorter.get(self._full, ())]
        text = next((w for w in wordings if metrics.horizontalAdvance(w) <= room), wordings[-1])
        self._shown = text
        if field.placeholderText() != text:
            field.setPlaceholderText(text)
