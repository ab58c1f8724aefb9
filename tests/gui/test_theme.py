"""Themes: the real palette and the pane's real colours in light, dark and contrast (WCAG 1.4.3, 1.4.11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lupus_reader.state import load_state
from lupus_reader.themes import THEMES, contrast_ratio
from lupus_reader.ui import appearance
from lupus_reader.ui.appearance import style_hints
from tests.gui.conftest import OpenWindow

Role = QPalette.ColorRole


@pytest.fixture(autouse=True)
def _restore_palette() -> object:
    app = QApplication.instance()
    palette, style = QApplication.palette(), app.style().name()
    yield
    app.setStyle(style)
    QApplication.setPalette(palette)


def _hex(colour: object) -> str:
    return colour.name()  # type: ignore[attr-defined]


def pane_colours(window) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    """(body text, first heading, background) as the pane paints them."""
    document = window.reader.document()
    block = document.begin()
    heading = body = None
    while block.isValid() and (heading is None or body is None):
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
        colour = cursor.charFormat().foreground().color()
        if block.blockFormat().headingLevel() and heading is None:
            heading = _hex(colour)
        elif not block.blockFormat().headingLevel() and block.text().strip() and body is None:
            body = _hex(colour)
        block = block.next()
    background = _hex(window.reader.viewport().palette().color(Role.Base))
    return body, heading, background  # type: ignore[return-value]


@pytest.mark.parametrize("name", ["light", "dark", "contrast"])
def test_real_palette_and_pane_meet_wcag_contrast(qtbot: QtBot, open_window: OpenWindow, name: str) -> None:
    window, _ = open_window(theme=name)
    theme = THEMES[name]
    text_ratio = 7.0 if name == "contrast" else 4.5
    palette = QApplication.palette()
    assert _hex(palette.color(Role.Base)) == theme.base
    for fg, bg in (
        (Role.Text, Role.Base),
        (Role.WindowText, Role.Window),
        (Role.ButtonText, Role.Button),
        (Role.HighlightedText, Role.Highlight),
        (Role.PlaceholderText, Role.Base),
        (Role.Link, Role.Base),
        (Role.ToolTipText, Role.ToolTipBase),
    ):
        ratio = contrast_ratio(_hex(palette.color(fg)), _hex(palette.color(bg)))
        assert ratio >= text_ratio, (fg, bg, ratio)
    # Focus rings and selection edges are drawn in the highlight colour: 3:1 against what they sit on.
    for bg in (Role.Base, Role.Window):
        assert contrast_ratio(_hex(palette.color(Role.Highlight)), _hex(palette.color(bg))) >= 3.0
    assert contrast_ratio(_hex(palette.color(Role.Mid)), _hex(palette.color(Role.Window))) >= 3.0
    body, heading, background = pane_colours(window)
    assert background == theme.base
    assert body == theme.text and heading == theme.heading
    assert contrast_ratio(body, background) >= text_ratio
    assert contrast_ratio(heading, background) >= text_ratio


def test_theme_menu_switches_live_and_is_remembered(
    qtbot: QtBot, open_window: OpenWindow, data_dir: Path
) -> None:
    window, controller = open_window(theme="light")
    section = controller.current.id
    appearance_actions = [a for a in window.findChildren(type(window.find_action)) if a.text() == "&Dark"]
    appearance_actions[0].trigger()
    assert _hex(QApplication.palette().color(Role.Base)) == THEMES["dark"].base
    # Widgets take a new application palette from posted events.
    qtbot.waitUntil(lambda: _hex(window.reader.viewport().palette().color(Role.Base)) == THEMES["dark"].base)
    body, _, background = pane_colours(window)
    assert (body, background) == (THEMES["dark"].text, THEMES["dark"].base)
    assert controller.current.id == section  # the same place, laid out again
    controller.save()
    assert load_state(data_dir).theme == "dark"


def test_following_a_light_system_paints_the_tested_light_theme(
    qtbot: QtBot, open_window: OpenWindow
) -> None:
    window, _ = open_window(theme="system")  # the offscreen desktop says neither light nor dark
    palette = window.reader.palette()
    assert _hex(palette.color(Role.Window)) == THEMES["light"].window
    assert _hex(palette.color(Role.Base)) == THEMES["light"].base
    assert window.theme is THEMES["light"]


def test_following_the_system_into_dark_and_high_contrast(
    qtbot: QtBot, open_window: OpenWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desktop switches to dark, then asks for high contrast: the window follows both, live.

    The offscreen platform cannot change its colour scheme (QStyleHints.setColorScheme
    does nothing there), so the desktop's answer is replaced and its signal sent.
    """
    window, controller = open_window(theme="system")
    hints = style_hints()
    monkeypatch.setattr(appearance, "system_scheme", lambda: Qt.ColorScheme.Dark)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    qtbot.waitUntil(lambda: _hex(window.reader.viewport().palette().color(Role.Base)) == THEMES["dark"].base)
    assert pane_colours(window)[0] == THEMES["dark"].text
    monkeypatch.setattr(appearance, "system_contrast", lambda: Qt.ContrastPreference.HighContrast)
    hints.accessibility().contrastPreferenceChanged.emit(Qt.ContrastPreference.HighContrast)
    qtbot.waitUntil(
        lambda: _hex(window.reader.viewport().palette().color(Role.Base)) == THEMES["contrast"].base
    )
    assert window.theme is THEMES["contrast"]
    assert pane_colours(window)[0] == THEMES["contrast"].text
    assert controller.state.theme == "system"  # still following: the choice kept is the system's
