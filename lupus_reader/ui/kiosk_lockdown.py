"""Locking a visit's window down: full screen, no way out, no menus or files, and the kiosk's own tools.

``KioskGuard`` watches every event of the app: the keys a visitor could use to
leave or to reach the system do nothing, no context menu opens, and the visit's
window cannot be closed except by the kiosk itself. ``lock_down`` dresses one
visit's window: frameless and full screen, file and settings actions gone,
touch-first (kiosk_touch), the staff corner in the top-left corner and the
visit's tools ("Take my questions home", "Finish and clear") along the bottom.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QSizePolicy, QToolBar, QWidget

from lupus_reader.ui.kiosk_staff import StaffCorner
from lupus_reader.ui.kiosk_touch import make_touch_first, touch_up
from lupus_reader.ui.main_window import MainWindow

# What a visitor could use to leave, or to reach the system: none of it does anything in a kiosk.
_BLOCKED_STANDARD = (
    QKeySequence.StandardKey.Quit,
    QKeySequence.StandardKey.Close,
    QKeySequence.StandardKey.Open,
    QKeySequence.StandardKey.Save,
    QKeySequence.StandardKey.SaveAs,
    QKeySequence.StandardKey.New,
    QKeySequence.StandardKey.Print,
    QKeySequence.StandardKey.FullScreen,
    QKeySequence.StandardKey.Preferences,
    QKeySequence.StandardKey.HelpContents,
)
_BLOCKED_KEYS = (
    *("Alt+F4", "Ctrl+Q", "Ctrl+W", "Esc", "F11", "Ctrl+O", "Ctrl+P", "Ctrl+S", "Ctrl+N", "Ctrl+T"),
    *("Ctrl+Shift+Q", "Ctrl+Shift+W", "Ctrl+Shift+S", "F10", "Alt+Space", "Ctrl+Alt+Delete"),
)


def _first(sequence: QKeySequence) -> QKeyCombination:
    return sequence[0]  # type: ignore[index]  # QKeySequence is indexable; the stubs do not say so


def blocked_sequences(allow_print: bool = False) -> set[QKeyCombination]:
    """The key combinations that do nothing in a kiosk (Ctrl+P prints when printing is allowed)."""
    blocked = {_first(QKeySequence(text)) for text in _BLOCKED_KEYS}
    for standard in _BLOCKED_STANDARD:
        blocked.update(
            _first(sequence) for sequence in QKeySequence.keyBindings(standard) if sequence.count()
        )
    if allow_print:
        printing = [QKeySequence("Ctrl+P"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Print)]
        blocked -= {_first(sequence) for sequence in printing if sequence.count()}
    return blocked


class KioskGuard(QObject):
    """Every event of the app passes here: blocked keys, context menus and closing the visit stop here."""

    def __init__(self, app: QApplication, allow_print: bool) -> None:
        super().__init__(app)
        self.app = app
        self.blocked = blocked_sequences(allow_print)
        self.window: QWidget | None = None  # the visit's window, which only the kiosk closes
        self._closing = False
        app.installEventFilter(self)

    def close_window(self, window: QWidget) -> None:
        """Close ``window`` for good: the end of a visit, or staff leaving."""
        self._closing = True
        try:
            window.close()
        finally:
            self._closing = False

    def remove(self) -> None:
        self.app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent):
            if event.keyCombination() in self.blocked:
                event.accept()  # taken: no shortcut, no widget sees it
                return True
        elif kind == QEvent.Type.ContextMenu:
            return True
        elif kind == QEvent.Type.Close and watched is self.window and not self._closing:
            event.ignore()
            return True
        elif kind == QEvent.Type.Show and self._is_visit_dialog(watched):
            assert isinstance(watched, QWidget)
            touch_up(watched)  # a dialog or popup of the visit, made after the window was locked down
        return False

    def _is_visit_dialog(self, watched: QObject) -> bool:
        """A window of its own (a dialog, a popup) that belongs to the visit's window."""
        if self.window is None or not isinstance(watched, QWidget) or not watched.isWindow():
            return False
        parent = watched.parentWidget()
        while parent is not None and parent is not self.window:
            parent = parent.parentWidget()
        return parent is self.window


def _disable(action: QAction) -> None:
    action.setEnabled(False)
    action.setVisible(False)
    action.setShortcuts([])


def lock_down(
    window: MainWindow,
    *,
    allow_print: bool,
    corner: StaffCorner,
    visit_tools: list[QAction],
) -> None:
    """Make ``window`` a kiosk: full screen, nothing to leave by, touch-first, the kiosk's tools added."""
    window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
    window.menuBar().hide()
    window.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    for action in (
        window.open_folder_action,
        window.open_zip_action,
        window.quit_action,
        window.export_action,
        window.import_action,
        window.pdf_section_action,
        window.pdf_guide_action,
        window.print_guide_action,  # a whole guide is too much paper for a waiting room
        window.shortcuts_action,
        window.about_action,
    ):
        _disable(action)
    if not allow_print:
        _disable(window.print_section_action)
    window.questions_panel.pdf_button.hide()
    window.questions_panel.print_button.setVisible(allow_print)
    for dock in window.findChildren(QDockWidget):
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
    toolbar = window.findChild(QToolBar, "navigationToolbar")
    assert toolbar is not None
    # The corner lies over the window's very corner; the toolbar's tools start beyond it.
    room = QWidget()
    room.setFixedWidth(corner.width())
    first = toolbar.actions()[0] if toolbar.actions() else None
    toolbar.insertWidget(first, room) if first else toolbar.addWidget(room)
    corner.setParent(window)
    corner.move(0, 0)
    corner.raise_()
    window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, _visit_toolbar(visit_tools))
    make_touch_first(window)
    window.showFullScreen()


def _visit_toolbar(tools: list[QAction]) -> QToolBar:
    """The visit's own tools along the bottom, "Finish and clear" last and apart from the others."""
    bar = QToolBar(QCoreApplication.translate("KioskLockdown", "Your visit"))
    bar.setObjectName("visitToolbar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for tool in tools[:-1]:
        bar.addAction(tool)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    if tools:
        bar.addAction(tools[-1])
    return bar


def visit_tool(window: MainWindow, text: str, name: str, tip: str, run: Callable[[], None]) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    action.setToolTip(tip)
    action.triggered.connect(run)
    return action
