"""Entry point: parse the command line, then run a subcommand or open the window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lupus_reader import APP_DISPLAY_NAME, APP_NAME, __version__, cli, paths, resources

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from lupus_reader.storage.db import Database
    from lupus_reader.ui.controller import ReaderController
    from lupus_reader.ui.main_window import MainWindow

EXIT_OK = 0
EXIT_FAILURE = 1
SCREENSHOT_TIMEOUT_MS = 30_000


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_NAME, description="An offline reader for patient-education guides."
    )
    parser.add_argument(
        "--pack",
        action="append",
        type=Path,
        default=[],
        metavar="PATH",
        help="open this content pack (folder or .zip); may be repeated",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"keep your reading place here (default: per-user data dir; or ${paths.DATA_DIR_ENV})",
    )
    parser.add_argument("--section", metavar="ID", help="open at this section id")
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="PNG",
        help="save a picture of the window once the content is painted, then exit",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open and render every pack, print a summary, exit 0 if all is well",
    )
    parser.add_argument(
        "--text-scale",
        type=_text_scale,
        metavar="PERCENT",
        help="text size of the whole app, 50 to 300 (remembered, like View > Text Size)",
    )
    parser.add_argument(
        "--theme",
        choices=("system", "light", "dark", "contrast"),
        help="colours: follow the system (default), light, dark or high contrast (remembered)",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check-pack", help="validate a content pack for authors")
    check.add_argument("path", type=Path, metavar="PATH")
    check.add_argument("--json", action="store_true", help="print a machine-readable report")
    export = commands.add_parser("export", help="write your bookmarks, notes and questions to a file")
    export.add_argument(
        "--format",
        choices=("json", "md"),
        default="json",
        help="json: complete, for import (default); md: for people, to read or print",
    )
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here instead of stdout")
    imports = commands.add_parser("import", help="add bookmarks, notes and questions from an export file")
    imports.add_argument("file", type=Path, metavar="FILE")
    restore = commands.add_parser("restore", help="put back the library from one of its backups")
    restore.add_argument("backup", type=Path, metavar="BACKUP")
    return parser


def _text_scale(value: str) -> int:
    from lupus_reader.state import TEXT_SCALES

    try:
        percent = int(value.strip().rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a percentage: {value!r}") from None
    if not TEXT_SCALES[0] <= percent <= TEXT_SCALES[-1]:
        raise argparse.ArgumentTypeError(f"{percent}% is outside {TEXT_SCALES[0]}-{TEXT_SCALES[-1]}%")
    return percent


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check-pack":
        return cli.check_pack_command(args.path, args.json, sys.stdout)
    if args.command in ("export", "import"):
        from lupus_reader.storage import transfer

        data = paths.data_dir(args.data_dir)
        if args.command == "export":
            return transfer.export_command(data, args.format, args.output, sys.stdout, sys.stderr, args.pack)
        return transfer.import_command(args.file, data, sys.stdout, sys.stderr, args.pack)
    if args.command == "restore":
        from lupus_reader.storage import backup

        return backup.restore_command(args.backup, paths.data_dir(args.data_dir), sys.stdout, sys.stderr)
    if args.self_test or (args.screenshot and not _has_display()):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return _run_gui(args)


def _has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or sys.platform != "linux"


def _run_gui(args: argparse.Namespace) -> int:
    # Qt is imported only here, so check-pack and friends start fast and headless.
    from PySide6.QtCore import QTimer

    app = ensure_application()
    if args.self_test:
        from lupus_reader.content.library import installed_packs, open_library
        from lupus_reader.ui.self_test import run_self_test

        requested = [*installed_packs(paths.data_dir(args.data_dir)), *args.pack]
        library, failures = open_library(requested, resources.bundled_packs())
        ok, report = run_self_test(library, failures)
        print(report, file=sys.stdout if ok else sys.stderr)
        return EXIT_OK if ok else EXIT_FAILURE

    opened = open_reader(
        args.pack,
        paths.data_dir(args.data_dir),
        args.section,
        remember=not args.screenshot,
        cache_dir=paths.cache_dir(args.data_dir),
        text_scale=args.text_scale,
        theme=args.theme,
    )
    if opened is None:
        return EXIT_FAILURE
    window, _controller = opened
    if not args.screenshot:
        return app.exec()

    target: Path = args.screenshot
    result = {"code": EXIT_FAILURE}

    def grab() -> None:
        # Quality 80 is a lighter zlib level: a third faster than the default, and no bigger.
        saved = window.grab().save(str(target), "PNG", 80)
        if not saved:
            print(f"{APP_NAME}: cannot write the screenshot to {target}", file=sys.stderr)
        result["code"] = EXIT_OK if saved else EXIT_FAILURE
        app.quit()

    def too_slow() -> None:
        print(
            f"{APP_NAME}: the content was not painted within {SCREENSHOT_TIMEOUT_MS // 1000} s",
            file=sys.stderr,
        )
        app.quit()

    window.reader.first_paint.connect(grab)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, too_slow)
    app.exec()
    return result["code"]


def open_storage(data_dir: Path, remember: bool) -> tuple[Database, str]:
    """The library in ``data_dir``, and a problem to tell the reader.

    Without ``remember`` (screenshots) it is a copy in memory: shown, never written.
    """
    from lupus_reader.storage.db import LIBRARY_FILE, StorageError, open_database
    from lupus_reader.storage.memory import open_memory_database

    if not remember:
        return open_memory_database(copy_of=data_dir / LIBRARY_FILE), ""
    try:
        opened = open_database(data_dir / LIBRARY_FILE)
    except StorageError as error:
        message = (
            f"Your notes and bookmarks cannot be opened: {error} "
            "Anything you write now is kept only until you close the window."
        )
        return open_memory_database(), message
    if opened.moved_aside is not None:
        return opened.database, (
            "Your notes file was damaged, so a new one was started. The old file was kept, "
            f"untouched, at {opened.moved_aside}."
        )
    return opened.database, ""


def ensure_application() -> QApplication:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    return app


def set_window_icon(app: QApplication) -> None:
    """The window and task bar icon; set after the first paint (icons are not free to load)."""
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(resources.icon_path("lupus-reader.png"))))


def open_reader(
    pack_paths: Sequence[Path],
    data_dir: Path,
    section: str | None = None,
    remember: bool = True,
    cache_dir: Path | None = None,
    text_scale: int | None = None,
    theme: str | None = None,
) -> tuple[MainWindow, ReaderController] | None:
    """Open the packs and show the window, as the command line does; None if nothing opens."""
    from lupus_reader.content.library import installed_packs, open_library
    from lupus_reader.content.scan_cache import ScanCache
    from lupus_reader.state import ReadingState, load_state
    from lupus_reader.ui.appearance import AppearanceController
    from lupus_reader.ui.controller import ReaderController
    from lupus_reader.ui.library_controller import LibraryController
    from lupus_reader.ui.main_window import MainWindow
    from lupus_reader.ui.print_controller import PrintController
    from lupus_reader.ui.questions_controller import QuestionsController

    scans = ScanCache(cache_dir / "sections" if cache_dir else None)
    # Packs given on the command line win over installed ones, which win over the bundled.
    requested = [*installed_packs(data_dir), *pack_paths]
    library, failures = open_library(requested, resources.bundled_packs(), scans)
    if not library.packs:
        for failure in failures:
            print(f"{APP_NAME}: {failure.describe()}", file=sys.stderr)
        print(f"{APP_NAME}: no content pack could be opened", file=sys.stderr)
        return None
    state = load_state(data_dir) if remember else ReadingState()
    if text_scale is not None:
        state.text_scale = text_scale
    if theme is not None:
        state.theme = theme
    window = MainWindow()
    controller = ReaderController(window, library, state, data_dir if remember else None, cache_dir)
    for failure in failures:
        controller.report_broken_pack(failure.path, failure.error, fallback=True)
    database, problem = open_storage(data_dir, remember)
    if problem:
        print(f"{APP_NAME}: {problem}", file=sys.stderr)
        window.banner.show_message(problem)
    library_controller = LibraryController(window, controller, database)
    QuestionsController(library_controller)
    PrintController(window, controller)
    AppearanceController(window, controller)
    window.show()
    controller.start(section)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        window.reader.first_paint.connect(lambda: set_window_icon(app))
    return window, controller
