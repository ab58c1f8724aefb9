"""Kiosk take-home and printing: QR codes that fit the screen, and paper without a file dialog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from lupus_reader.kiosk.takehome import QUIET_ZONE
from lupus_reader.ui import kiosk_print
from lupus_reader.ui.kiosk_shell import KioskSession
from tests.gui.kiosk_support import SIZES, at_size, global_rect, kiosk_session, show_panel, visible_windows


@pytest.fixture
def session(qtbot: QtBot, tmp_path: Path) -> Iterator[KioskSession]:
    with kiosk_session(qtbot, tmp_path) as running:
        yield running


@pytest.fixture
def printing_session(qtbot: QtBot, tmp_path: Path) -> Iterator[KioskSession]:
    with kiosk_session(qtbot, tmp_path, allow_print=True) as running:
        yield running


# -- take home ------------------------------------------------------------------------------------


def test_take_my_questions_home_shows_a_qr_code(qtbot: QtBot, session: KioskSession) -> None:
    window = session.window
    window.notes_pane.editor.setPlainText("Ask about fertility")  # not saved yet: the code has it anyway
    session.show_take_home()
    dialog = window.findChild(QWidget, "takeHomeDialog")
    qtbot.waitUntil(dialog.isVisible)
    assert len(dialog.codes) == 1
    code = dialog.codes[0]
    assert "Ask about fertility" in code.part.text
    assert code.width() >= 300 and code.part.size >= 21
    # What is painted is the code: each module's centre is dark exactly where the matrix says.
    image = code.grab().toImage()
    modules = code.part.size + 2 * QUIET_ZONE
    cell = code.width() / modules
    for y, row in enumerate(code.part.matrix):
        for x, dark in enumerate(row):
            pixel = image.pixelColor(int((x + QUIET_ZONE + 0.5) * cell), int((y + QUIET_ZONE + 0.5) * cell))
            assert (pixel.lightness() < 128) is dark, (x, y)
    corner = image.pixelColor(int(cell), int(cell))  # the quiet zone stays light
    assert corner.lightness() > 200


@pytest.mark.parametrize("size", list(SIZES))
def test_four_codes_fit_the_screen_a_page_at_a_time(qtbot: QtBot, session: KioskSession, size: str) -> None:
    window = session.window
    at_size(qtbot, window, size)
    lines = (f"line {i} about my symptoms and medicines, word word word" for i in range(60))
    window.notes_pane.editor.setPlainText("\n".join(lines))
    session.show_take_home()
    dialog = window.findChild(QWidget, "takeHomeDialog")
    qtbot.waitUntil(dialog.isVisible)
    assert len(dialog.codes) == 4
    screen = window.geometry()

    shown: list[int] = []
    while True:
        assert screen.contains(dialog.frameGeometry()), (dialog.frameGeometry(), screen)
        done = dialog.done_button
        assert done.isVisible() and screen.contains(global_rect(done))
        page = [code.part.number for code in dialog.codes if code.isVisible()]
        assert page and all(screen.contains(global_rect(dialog.codes[n - 1])) for n in page)
        assert all(dialog.codes[n - 1].width() >= 240 for n in page)  # 2 px a module and more
        shown += page
        if not dialog.next_button.isVisible() or not dialog.next_button.isEnabled():
            break
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert shown == [1, 2, 3, 4]  # every code, once, in order


# -- printing ---------------------------------------------------------------------------------------


def _watch_for_system_dialogs(found: list[str]) -> None:
    """The system's print dialog or a file dialog would run a loop of its own: close it, remember it."""

    def look() -> None:
        for widget in visible_windows():
            if isinstance(widget, QPrintDialog | QFileDialog):
                found.append(type(widget).__name__)
                widget.reject()

    for delay in (300, 900, 1800):
        QTimer.singleShot(delay, look)


def _pdf_printer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The 'default printer' of this test: a PDF in tmp_path, standing in for paper."""
    target = tmp_path / "printed.pdf"

    def printer() -> QPrinter:
        made = QPrinter(QPrinter.PrinterMode.HighResolution)
        made.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        made.setOutputFileName(str(target))
        return made

    monkeypatch.setattr(kiosk_print, "default_printer", printer)
    return target


@pytest.mark.parametrize("how", ["Ctrl+P", "Print… in Questions"])
def test_printing_asks_the_kiosks_own_question_and_never_offers_a_file(
    qtbot: QtBot, printing_session: KioskSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    window = printing_session.window
    printed = _pdf_printer(tmp_path, monkeypatch)
    system_dialogs: list[str] = []
    _watch_for_system_dialogs(system_dialogs)

    if how == "Ctrl+P":
        qtbot.keyClick(window.reader, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    else:
        show_panel(qtbot, window, "Questions")
        qtbot.mouseClick(window.questions_panel.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(QWidget, "kioskPrint") is not None, timeout=3000)
    confirm = window.findChild(QWidget, "kioskPrint")
    qtbot.mouseClick(confirm.print_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: printed.is_file() and printed.stat().st_size > 0)
    assert system_dialogs == []
    assert not any(isinstance(w, QPrintDialog | QFileDialog) for w in QApplication.allWidgets())


def test_without_a_printer_the_kiosk_says_so(
    qtbot: QtBot, printing_session: KioskSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kiosk_print, "default_printer", lambda: None)
    window = printing_session.window
    show_panel(qtbot, window, "Questions")
    qtbot.mouseClick(window.questions_panel.print_button, Qt.MouseButton.LeftButton)

    confirm = window.findChild(QWidget, "kioskPrint")
    qtbot.waitUntil(confirm.isVisible)

    assert "No printer is ready" in confirm.message.text()
    assert not confirm.print_button.isVisible()
