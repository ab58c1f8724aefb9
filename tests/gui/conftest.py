"""Fixtures for GUI tests: a real window on the offscreen platform, with its own data dir."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lupus_reader.app import open_reader
from lupus_reader.ui import i18n
from lupus_reader.ui.appearance import scale_app_font
from lupus_reader.ui.controller import ReaderController
from lupus_reader.ui.library_controller import LibraryController
from lupus_reader.ui.main_window import MainWindow

OpenWindow = Callable[..., tuple[MainWindow, ReaderController]]


@pytest.fixture(autouse=True, scope="session")
def _ui_language(qapp: QApplication) -> None:
    """The UI's catalogues, installed as at start-up (app.ensure_application): English here."""
    i18n.install_once(qapp)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def open_window(qtbot: QtBot, data_dir: Path) -> Iterator[OpenWindow]:
    """Open the reader the way the command line does and wait until it is on screen."""

    def _open(
        packs: Sequence[Path] = (),
        section: str | None = None,
        data: Path | None = None,
        remember: bool = True,
        **options: object,
    ) -> tuple[MainWindow, ReaderController]:
        opened = open_reader(list(packs), data or data_dir, section, remember, **options)  # type: ignore[arg-type]
        assert opened is not None
        window, controller = opened
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        # Shortcuts only reach the active window, as on a real desktop.
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        library = window.findChild(LibraryController)
        qtbot.waitUntil(library.is_ready)  # lists fill in after the first paint
        return window, controller

    yield _open
    # The app font is the whole application's: put it back for the next test.
    app = QApplication.instance()
    if isinstance(app, QApplication) and app.property("lupusNaturalPointSize") is not None:
        scale_app_font(app, 100)
