"""How the app looks: text size for the whole app (menus, panels and the pane) and the theme.

Themes are plain data (lupus_reader.themes): here they become a QPalette for
the widgets, a style that draws borders and focus rings in the theme's
colours (ui/style.py) and a stylesheet for the pane. "System" follows the
desktop's light, dark or high-contrast setting, as it changes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QFont, QGuiApplication, QPalette, QStyleHints
from PySide6.QtWidgets import QApplication

from lupus_reader.state import TEXT_SCALES
from lupus_reader.themes import THEME_CHOICES, Theme, content_css, disabled_roles, palette_roles
from lupus_reader.themes import THEMES as THEME_COLOURS
from lupus_reader.ui.controller import ReaderController
from lupus_reader.ui.large_text import NATURAL_POINT_SIZE
from lupus_reader.ui.main_window import MainWindow
from lupus_reader.ui.style import ThemedStyle


def scale_app_font(app: QApplication, percent: int) -> int:
    """Every widget's text at ``percent`` of the platform's size (widgets follow the app font).

    ``percent`` is held to 50-300%; returns the percent used.
    """
    percent = min(max(int(percent), TEXT_SCALES[0]), TEXT_SCALES[-1])
    natural = app.property(NATURAL_POINT_SIZE)
    if natural is None:
        natural = app.font().pointSizeF()
        app.setProperty(NATURAL_POINT_SIZE, natural)
    size = float(natural) * percent / 100.0
    if app.font().pointSizeF() != size:  # else already so (set before the window was built)
        font = QFont(app.font())
        font.setPointSizeF(size)
        app.setFont(font)
    return percent


_HINTS: list[QStyleHints] = []


def style_hints() -> QStyleHints:
    """The app's style hints, through one wrapper kept for the app's life.

    PySide6 6.11 marks the wrapper of ``accessibility()`` dead when the
    wrapper of the ``styleHints()`` it came from is collected, though Qt
    still has both: ``styleHints().accessibility().x()`` fails the second time.
    """
    hints = QGuiApplication.styleHints()
    if not _HINTS or _HINTS[0] is not hints:
        _HINTS[:] = [hints]
    return _HINTS[0]


def system_scheme() -> Qt.ColorScheme:
    """The desktop's light or dark setting (Unknown where the platform does not say)."""
    return style_hints().colorScheme()


def system_contrast() -> Qt.ContrastPreference:
    """Whether the desktop asks for high contrast (Windows, macOS, GNOME and KDE can say so)."""
    return style_hints().accessibility().contrastPreference()


def resolve_theme(name: str) -> Theme:
    """The theme to paint with: "system" is high contrast, dark or light, as the desktop asks."""
    if name in THEME_COLOURS:
        return THEME_COLOURS[name]
    if system_contrast() == Qt.ContrastPreference.HighContrast:
        return THEME_COLOURS["contrast"]
    return THEME_COLOURS["dark" if system_scheme() == Qt.ColorScheme.Dark else "light"]


def theme_palette(theme: Theme) -> QPalette:
    palette = QPalette()
    groups = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled)
    for role_name, colour in palette_roles(theme).items():
        role = getattr(QPalette.ColorRole, role_name)
        for group in groups:
            palette.setColor(group, role, QColor(colour))
    # Separators and shadows (frames and focus rings: ThemedStyle draws them in the theme's colours).
    for role in (QPalette.ColorRole.Mid, QPalette.ColorRole.Dark, QPalette.ColorRole.Shadow):
        for group in groups:
            palette.setColor(group, role, QColor(theme.border))
    for role_name, colour in disabled_roles(theme).items():
        palette.setColor(QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, role_name), QColor(colour))
    return palette


def _menu_label(percent: int) -> str:
    return f"{percent}%"


def apply_style(app: QApplication, theme: Theme) -> None:
    """The theme's palette, and Fusion with the theme's borders and focus rings, for every widget.

    Always ours, "system" too: the palette and the borders are the ones the tests measure.
    Cheapest before the first widget is made (open_reader does so): nothing to polish again.
    """
    style = app.style()
    if isinstance(style, ThemedStyle):
        style.theme = theme
    else:
        style = ThemedStyle(theme)
        app.setStyle(style)
    _STYLE[:] = [style]  # the app owns it; Python must not collect it
    palette = theme_palette(theme)
    if app.palette() != palette:  # the same colours again would still send every widget an event
        app.setPalette(palette)


_STYLE: list[ThemedStyle] = []


class AppearanceController(QObject):
    """View > Text Size and View > Theme; applies the remembered or requested ones at start."""

    def __init__(self, window: MainWindow, reader: ReaderController) -> None:
        super().__init__(window)
        self.window = window
        self.reader = reader
        menu = window.view_menu.addMenu(self.tr("Text &Size"))
        self.scale_actions: dict[int, QAction] = {}
        self._scale_group = QActionGroup(self)
        self.text_scale_menu = menu
        for percent in TEXT_SCALES:
            self._scale_action(percent)
        themes = window.view_menu.addMenu(self.tr("&Theme"))
        labels = {
            "system": self.tr("Follow the &System"),
            "light": self.tr("&Light"),
            "dark": self.tr("&Dark"),
            "contrast": self.tr("High &Contrast"),
        }
        theme_group = QActionGroup(self)
        self.theme_actions = {}
        for name in ("system", *(choice for choice in THEME_CHOICES if choice != "system")):
            action = themes.addAction(labels[name])
            action.setCheckable(True)
            theme_group.addAction(action)
            action.triggered.connect(lambda _=False, n=name: self.set_theme(n))
            self.theme_actions[name] = action
            if name == "system":
                themes.addSeparator()
        self.theme_menu = themes
        self.theme: Theme | None = None
        self.set_theme(reader.state.theme, remember=False)
        hints = style_hints()
        hints.colorSchemeChanged.connect(self._on_system_change)
        hints.accessibility().contrastPreferenceChanged.connect(self._on_system_change)
        scale = reader.state.text_scale
        if scale != 100:
            self.set_text_scale(scale, remember=False)
        else:
            self.scale_actions[100].setChecked(True)

    def _scale_action(self, percent: int) -> QAction:
        """The menu's entry for ``percent``; a size between the menu's steps gets its own, in order."""
        action = self.scale_actions.get(percent)
        if action is not None:
            return action
        later = [step for step in sorted(self.scale_actions) if step > percent]
        action = QAction(self.text_scale_menu)
        action.setText(_menu_label(percent))
        action.setCheckable(True)
        action.setData(percent)
        self._scale_group.addAction(action)
        action.triggered.connect(lambda _=False, p=percent: self.set_text_scale(p))
        if later:
            self.text_scale_menu.insertAction(self.scale_actions[later[0]], action)
        else:
            self.text_scale_menu.addAction(action)
        self.scale_actions[percent] = action
        return action

    def set_text_scale(self, percent: int, remember: bool = True) -> None:
        """Any size from 50% to 300% (the command line, a kiosk or state.json may ask for 130%)."""
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        percent = scale_app_font(app, percent)
        self.window.reader.set_text_scale(percent)
        self.window.navigator.set_wrapping(percent > 100)
        self.reader.state.text_scale = percent
        self._scale_action(percent).setChecked(True)
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
        apply_style(app, theme)
        self.window.apply_theme(theme)
        self.window.reader.set_style_sheet(content_css(theme))
        if not first:
            self.reader.reshow()

    def _on_system_change(self, *_args: object) -> None:
        if self.reader.state.theme == "system":
            self.set_theme("system", remember=False)
