"""How the app looks: text size for the whole app (menus, panels and the pane) and the theme."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QActionGroup, QFont
from PySide6.QtWidgets import QApplication

from lupus_reader.state import TEXT_SCALES
from lupus_reader.ui.controller import ReaderController
from lupus_reader.ui.main_window import MainWindow

_NATURAL_POINT_SIZE = "lupusNaturalPointSize"  # the app font's size before any scaling


def scale_app_font(app: QApplication, percent: int) -> None:
    """Every widget's text at ``percent`` of the platform's size (widgets follow the app font)."""
    natural = app.property(_NATURAL_POINT_SIZE)
    if natural is None:
        natural = app.font().pointSizeF()
        app.setProperty(_NATURAL_POINT_SIZE, natural)
    font = QFont(app.font())
    font.setPointSizeF(float(natural) * percent / 100.0)
    app.setFont(font)


class AppearanceController(QObject):
    """View > Text Size; applies the remembered or requested size at start."""

    def __init__(self, window: MainWindow, reader: ReaderController) -> None:
        super().__init__(window)
        self.window = window
        self.reader = reader
        menu = window.view_menu.addMenu("Text &Size")
        self.scale_actions = {}
        group = QActionGroup(self)
        for percent in TEXT_SCALES:
            action = menu.addAction(f"{percent}%")
            action.setCheckable(True)
            action.setData(percent)
            group.addAction(action)
            action.triggered.connect(lambda _=False, p=percent: self.set_text_scale(p))
            self.scale_actions[percent] = action
        self.text_scale_menu = menu
        if reader.state.text_scale != 100:
            self.set_text_scale(reader.state.text_scale, remember=False)
        self.scale_actions[reader.state.text_scale].setChecked(True)

    def set_text_scale(self, percent: int, remember: bool = True) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        scale_app_font(app, percent)
        self.window.reader.set_text_scale(percent)
        self.window.navigator.set_wrapping(percent > 100)
        self.reader.state.text_scale = percent
        self.scale_actions[percent].setChecked(True)
        if remember:
            self.reader.remember_soon()
