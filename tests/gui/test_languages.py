"""The UI in Spanish: every word of the window is translated, nothing is clipped at 200%, and a
language without a catalogue leaves the UI in English."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTableWidget,
    QTextEdit,
    QToolBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from lupus_reader import APP_DISPLAY_NAME
from lupus_reader.storage.db import BusyError
from lupus_reader.ui import i18n
from lupus_reader.ui.error_words import reason
from lupus_reader.ui.library_controller import LibraryController
from lupus_reader.ui.main_window import MainWindow
from lupus_reader.ui.search_controller import SearchController
from lupus_reader.ui.search_rows import SearchRows
from lupus_reader.ui.transfer_words import TransferWords
from tests.gui.clipping import clipped_texts
from tests.gui.conftest import OpenWindow
from tests.gui.helpers import help_dialogs
from tests.gui.kiosk_support import Clock, at_size, kiosk_session

# The same in both languages, or not words at all.
SAME_IN_BOTH = {"PDF", "PDF (*.pdf)", "OK", "Esc", "F2", "Tab", APP_DISPLAY_NAME}


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    """The UI in Spanish, as with LANGUAGE=es at start-up; English again afterwards."""
    assert i18n.install(qapp, ["es-ES", "es"]) == "es"
    yield
    assert i18n.install(qapp, ["en"]) == "en"


def _action_texts(action: QAction) -> list[str]:
    texts = [action.text(), action.iconText(), action.toolTip()]
    menu = action.menu()
    if menu is not None:
        texts += [text for child in menu.actions() for text in _action_texts(child)]
    return texts


def ui_texts(root: QWidget) -> set[str]:
    """Every word the UI itself puts on ``root`` and what is in it, spoken or shown; the guide's
    own words (the text, the navigator's rows, the lists) are content, not UI."""
    texts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel) and not widget.text().lstrip().startswith("<"):
            texts.append(widget.text())
        if isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
            texts.append(widget.placeholderText())
        if isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
            texts += [widget.tabToolTip(i) for i in range(widget.count())]
        if isinstance(widget, QTableWidget):  # the shortcuts: its headers and what each key does
            texts += [widget.horizontalHeaderItem(c).text() for c in range(widget.columnCount())]
            texts += [widget.item(row, 0).text() for row in range(widget.rowCount())]
    for action in root.findChildren(QAction):
        texts += _action_texts(action)
    return {" ".join(text.replace("&", "").split()) for text in texts} - {""}


def _words(text: str) -> bool:
    return any(part.isalpha() and len(part) > 1 for part in text.replace("…", " ").split())


def open_everything(qtbot: QtBot, window: MainWindow) -> list[QWidget]:
    """The window with its find bar, and every dialog the Help menu opens."""
    window.find_action.trigger()
    opened: list[QWidget] = [window]
    for action in (
        window.glossary_action,
        window.about_guide_action,
        window.shortcuts_action,
        window.about_action,
    ):
        before = set(window.findChildren(QDialog))
        action.trigger()
        qtbot.waitUntil(lambda b=before: any(d.isVisible() for d in set(window.findChildren(QDialog)) - b))  # type: ignore[misc]
        opened += [d for d in set(window.findChildren(QDialog)) - before if d.isVisible()]
    return opened


def window_texts(qtbot: QtBot, open_window: OpenWindow) -> tuple[set[str], MainWindow]:
    window, _ = open_window()
    texts = set().union(*(ui_texts(widget) for widget in open_everything(qtbot, window)))
    for dialog in window.findChildren(QDialog):
        dialog.close()
    return texts, window


def test_every_ui_string_is_spanish_with_a_spanish_system(
    qtbot: QtBot, open_window: OpenWindow, qapp: QApplication
) -> None:
    english, window = window_texts(qtbot, open_window)
    pack = window.findChild(SearchController).reader.library.packs[0]
    window.close()
    i18n.install(qapp, ["es"])
    try:
        spanish, window = window_texts(qtbot, open_window)
    finally:
        i18n.install(qapp, ["en"])
    assert "Archivo" in spanish and "Buscar en esta página" in spanish  # menus, the find bar: all walked
    assert "File" in english and "Find in this page" in english
    content = {f"{pack.title} — {APP_DISPLAY_NAME}"}  # the guide's own title, in its own language
    untranslated = sorted(text for text in spanish & english if _words(text))
    assert [text for text in untranslated if text not in SAME_IN_BOTH | content] == []


def kiosk_texts(qtbot: QtBot, tmp_path: Path) -> set[str]:
    """The kiosk's window with its visit tools, the staff PIN pad, the take-home codes and the
    idle countdown."""
    clock = Clock()
    with kiosk_session(qtbot, tmp_path, clock) as session:
        window = session.window
        assert window is not None
        window.notes_pane.editor.setPlainText("take this home")
        window.notes_pane.flush()
        session.show_take_home()
        session.ask_pin()
        clock.advance(121)
        session.check_idle()
        qtbot.waitUntil(lambda: session.countdown is not None and session.countdown.isVisible())
        dialogs = [d for d in window.findChildren(QDialog) if d.isVisible()]
        assert len(dialogs) == 3
        return set().union(ui_texts(window), *(ui_texts(dialog) for dialog in dialogs))


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")  # offscreen dialogs
def test_every_kiosk_string_is_spanish_with_a_spanish_system(
    qtbot: QtBot, tmp_path: Path, qapp: QApplication
) -> None:
    english = kiosk_texts(qtbot, tmp_path / "en")
    i18n.install(qapp, ["es"])
    try:
        spanish = kiosk_texts(qtbot, tmp_path / "es")
    finally:
        i18n.install(qapp, ["en"])
    assert "Terminar y borrar" in spanish and "PIN del personal" in spanish
    assert "Finish and clear" in english
    window_titles = {text for text in english if text.endswith(f" — {APP_DISPLAY_NAME}")}
    untranslated = sorted(text for text in spanish & english if _words(text))
    assert [text for text in untranslated if text not in SAME_IN_BOTH | window_titles] == []


def test_spanish_at_200_percent_in_1280_by_800_clips_nothing(
    qtbot: QtBot, open_window: OpenWindow, spanish: None
) -> None:
    """Spanish is about a quarter longer than English: still nothing cut short, panel by panel."""
    window, controller = open_window(text_scale=200)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1280, 800))
    qtbot.waitUntil(window.findChild(SearchController).is_ready)
    assert window.menuBar().actions()[0].text() == "&Archivo"
    pack = controller.library.packs[0]
    for chapter in pack.chapters[:3]:
        controller.go_to(chapter.sections[0].id)
        QApplication.processEvents()
        assert clipped_texts(window) == [], chapter.file
    for dock in window.docks:
        dock.raise_()
        QApplication.processEvents()
        assert clipped_texts(window) == [], dock.windowTitle()
    window.find_action.trigger()
    QApplication.processEvents()
    assert clipped_texts(window) == [], "find bar"
    for name, dialog in help_dialogs(qtbot, window):
        assert clipped_texts(dialog) == [], name


def test_why_a_save_failed_is_said_in_the_readers_language(
    qtbot: QtBot, open_window: OpenWindow, spanish: None
) -> None:
    """The storage floor explains itself in English (for logs); the window says the kind of trouble."""
    window, _controller = open_window(section="lupus-stem-cell-therapy/03-how-it-works/conditioning")
    library = window.findChild(LibraryController)
    connection = library.database.connection
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")  # a full disk, as SQLite meets it
    window.notes_pane.editor.setPlainText("Una nota larga. " * 400)
    window.notes_pane.flush()
    assert window.notes_pane.status.text() == (
        "No se guardó: el disco está lleno; libere algo de espacio. Su texto sigue aquí."
    )
    assert reason(OSError(errno.EROFS, "Read-only file system")) == "no se puede escribir en la carpeta"
    assert reason(BusyError("another Lupus Reader is busy")) == (
        "otro Lupus Reader está usando sus notas; inténtelo de nuevo en un momento"
    )
    # Trouble of no known kind keeps the words it came with.
    assert reason(OSError(errno.EIO, "Input/output error")) == "[Errno 5] Input/output error"


def test_dates_and_plurals_follow_the_language(spanish: None) -> None:
    assert i18n.long_date(dt.date(2025, 3, 3)) == "3 de marzo de 2025"
    assert i18n.short_date_time(dt.datetime(2025, 3, 3, 14, 5)) == "03 mar 2025, 14:05"
    rows = SearchRows()
    assert rows.tr("%n section(s)", "", 1) == "1 sección"
    assert rows.tr("%n section(s)", "", 12) == "12 secciones"
    counts = TransferWords().counts({"bookmarks": 1, "notes": 2, "questions": 0})
    assert counts == "1 marcador, 2 notas, 0 preguntas"


def test_english_plurals_come_from_the_english_catalogue() -> None:
    assert (
        TransferWords().counts({"bookmarks": 1, "notes": 2, "questions": 0})
        == "1 bookmark, 2 notes, 0 questions"
    )


@pytest.mark.parametrize(
    ("system", "chosen"),
    [
        (["es-MX", "es"], "es"),
        (["es-Latn-ES"], "es"),
        (["fi-FI", "fi", "es"], "es"),  # the next language the reader reads
        (["en-GB", "es"], "en"),  # English first wins over a translation
        (["fi", "de"], "en"),
        (["C"], "en"),
        ([], "en"),
    ],
)
def test_the_first_system_language_with_a_catalogue_is_chosen(system: list[str], chosen: str) -> None:
    assert i18n.choose_language(system, i18n.available_languages()) == chosen


# -- the system's language, read at start-up (a process of its own: Qt reads it once) ------------

_PROBE = """
import json, sys
from lupus_reader.app import ensure_application
from lupus_reader.ui import i18n
from lupus_reader.ui.main_window import MainWindow
app = ensure_application()
window = MainWindow()
print(json.dumps([i18n.language(), [a.text() for a in window.menuBar().actions()]]))
"""


def _menus_with(language: str) -> tuple[str, list[str]]:
    env = {**os.environ, "LANGUAGE": language, "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, timeout=60, check=True
    )
    chosen, menus = json.loads(result.stdout.strip().splitlines()[-1])
    return chosen, menus


def test_the_ui_follows_the_system_language() -> None:
    assert _menus_with("es_MX") == ("es", ["&Archivo", "&Editar", "&Ir", "&Ver", "Ay&uda"])


def test_a_language_without_a_translation_leaves_the_ui_in_english() -> None:
    assert _menus_with("fi") == ("en", ["&File", "&Edit", "&Go", "&View", "&Help"])
    assert _menus_with("fi:es")[0] == "es"  # the next language the reader reads, when there is one


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")  # offscreen dialogs
def test_the_spanish_kiosk_on_a_1280_by_800_screen_cuts_nothing_short(
    qtbot: QtBot, tmp_path: Path, spanish: None
) -> None:
    """The kiosk's larger touch targets leave less room: the longer Spanish words still fit."""
    with kiosk_session(qtbot, tmp_path) as session:
        window = session.window
        assert window is not None
        at_size(qtbot, window, "1280x800")
        window.find_action.trigger()
        qtbot.waitUntil(window.find_bar.isVisible)
        for dock in window.docks:
            dock.raise_()
            QApplication.processEvents()
            assert clipped_texts(window) == [], dock.windowTitle()
        for bar in window.findChildren(QTabBar):
            if bar.isVisible():
                assert all(bar.rect().contains(bar.tabRect(i)) for i in range(bar.count()))
        for toolbar in window.findChildren(QToolBar):
            for action in toolbar.actions():
                button = toolbar.widgetForAction(action)
                if action.isVisible() and not action.isSeparator() and button is not None:
                    assert button.isVisible(), f"{action.iconText()!r} went into the overflow menu"
                    assert button.width() >= button.sizeHint().width(), f"{action.iconText()!r} is cut short"
        session.show_take_home()
        session.ask_pin()
        for dialog in [d for d in window.findChildren(QDialog) if d.isVisible()]:
            QApplication.processEvents()
            assert clipped_texts(dialog) == [], dialog.objectName()
