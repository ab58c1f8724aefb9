"""How the app looks: text size for the whole app (menus, panels and the pane) and the theme.

Themes are plain data (lupus_reader.themes): here they become a QPalette for
the widgets and a stylesheet for the pane. "System" follows the desktop's
light or dark setting, as it changes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QActionGroup, QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from lupus_reader.state import TEXT_SCALES, THEMES
from lupus_reader.themes import THEMES as THEME_COLOURS
from lupus_reader.themes import Theme, content_css, disabled_roles, palette_roles
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


def resolve_theme(name: str) -> Theme:
    """The theme to paint with: "system" is light or dark as the desktop is."""
    if name in THEME_COLOURS:
        return THEME_COLOURS[name]
    dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    return THEME_COLOURS["dark" if dark else "light"]


def theme_palette(theme: Theme) -> QPalette:
    palette = QPalette()
    groups = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled)
    for role_name, colour in palette_roles(theme).items():
        role = getattr(QPalette.ColorRole, role_name)
        for group in groups:
            palette.setColor(group, role, QColor(colour))
    # Frames and separators: Fusion draws them from these.
    for role in (QPalette.ColorRole.Mid, QPalette.ColorRole.Dark, QPalette.ColorRole.Shadow):
        for group in groups:
            palette.setColor(group, role, QColor(theme.border))
    for role_name, colour in disabled_roles(theme).items():
        palette.setColor(QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, role_name), QColor(colour))
    return palette


class AppearanceController(QObject):
    """View > Text Size and View > Theme; applies the remembered or requested ones at start."""

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
        themes = window.view_menu.addMenu("&Theme")
        labels = {
            "system": "Follow the &System",
            "light": "&Light",
            "dark": "&Dark",
            "contrast": "High &Contrast",
        }
        theme_group = QActionGroup(self)
        self.theme_actions = {}
        for name in THEMES:
            action = themes.addAction(labels[name])
            action.setCheckable(True)
            theme_group.addAction(action)
            action.triggered.connect(lambda _=False, n=name: self.set_theme(n))
            self.theme_actions[name] = action
        self.theme_menu = themes
        self.theme: Theme | None = None
        self.set_theme(reader.state.theme, remember=False)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme)
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

    # -- theme -----------------------------------------------------------------------

    def set_theme(self, name: str, remember: bool = True) -> None:
        theme = resolve_theme(name)
        self.reader.state.theme = name
        self.theme_actions[name].setChecked(True)
        if remember:
            self.reader.remember_soon()
        if theme is self.theme:
            return
        first = self.theme is None
        self.theme = theme
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        # At start with the desktop's own light colours there is nothing to change:
        # the platform's palette is the system's, and restyling costs start-up time.
        if not (first and name == "system" and not theme.dark):
            if app.style().name().lower() != "fusion":
                app.setStyle("Fusion")  # the style that paints with the palette it is given
            app.setPalette(theme_palette(theme))
        self.window.apply_theme(theme)
        self.window.reader.set_style_sheet(content_css(theme))
        if not first:
            self.reader.reshow()

    def _on_system_scheme(self, _scheme: Qt.ColorScheme) -> None:
        if self.reader.state.theme == "system":
            self.set_theme("system", remember=False)
