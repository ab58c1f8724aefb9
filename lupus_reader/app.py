"""Entry point: parse the command line, then run a subcommand or open the window."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lupus_reader import APP_DISPLAY_NAME, APP_NAME, __version__, paths, resources
from lupus_reader.exit_codes import EXIT_CONFIG, EXIT_FAILURE, EXIT_OK
from lupus_reader.themes import THEME_CHOICES

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from lupus_reader.storage.db import Database
    from lupus_reader.ui.controller import ReaderController
    from lupus_reader.ui.library_controller import LibraryController
    from lupus_reader.ui.main_window import MainWindow
    from lupus_reader.ui.print_controller import PrintController
    from lupus_reader.ui.questions_controller import QuestionsController

SCREENSHOT_TIMEOUT_MS = 30_000
# What a kiosk takes from its settings file only (--kiosk refuses these options).
_KIOSK_SETTINGS = {"pack": "packs", "section": "start_section", "text_scale": "text_scale", "theme": "theme"}


COMMANDS = ("check-pack", "export", "import", "restore", "search", "kiosk-pin")


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """The command line; ``with_commands`` False leaves out the subcommands (see parse_arguments)."""
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
        "--kiosk",
        action="store_true",
        help="run as a clinic kiosk with the settings of --config (see KIOSK.md)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="the kiosk settings (default: kiosk.toml in the per-user config dir)",
    )
    parser.add_argument(
        "--text-scale",
        type=_text_scale,
        metavar="PERCENT",
        help="text size of the whole app, 50 to 300 (remembered, like View > Text Size)",
    )
    parser.add_argument(
        "--theme",
        choices=THEME_CHOICES,
        help="colours: follow the system (default), light, dark or high contrast (remembered)",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
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
    search = commands.add_parser(
        "search",
        help="search the guides and your notes and questions",
        description="Exit status 0 with or without matches; 1 when a --pack cannot be opened "
        "(the other packs are still searched) or nothing can be searched.",
    )
    search.add_argument("query", nargs="+", metavar="QUERY", help="words; quote a phrase")
    # Its own dest: a subcommand's default would overwrite "lupus-reader --pack P search ...".
    search.add_argument(
        "--pack", dest="search_packs", action="append", type=Path, default=[], metavar="PATH",
        help="also search this content pack (folder or .zip); may be repeated",
    )  # fmt: skip
    search.add_argument(
        "--limit", type=_count, default=20, metavar="N",
        help="at most N results in all: your notes, your questions, then sections (default 20)",
    )  # fmt: skip
    search.add_argument("--json", action="store_true", help="print a machine-readable report")
    kiosk_pin = commands.add_parser("kiosk-pin", help="set the staff PIN that closes the kiosk")
    # Its own dest: a subcommand's default would overwrite "lupus-reader --config FILE kiosk-pin".
    kiosk_pin.add_argument(
        "--config", dest="pin_config", type=Path, metavar="FILE", help="the kiosk settings to write"
    )
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


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {value!r}")
    return number


def parse_arguments(argv: Sequence[str] | None = None) -> tuple[argparse.ArgumentParser, argparse.Namespace]:
    """The parser and what it read.

    Opening the window, the usual case, names no subcommand: its parser is made
    without them (six more parsers cost about 5 ms of start-up, most of it
    argparse looking for its own translations). Anything it does not know,
    help included, goes to the whole parser, for the whole message.
    """
    words = list(sys.argv[1:] if argv is None else argv)
    if not {"-h", "--help", *COMMANDS} & set(words):
        parser = build_parser(with_commands=False)
        parser.exit_on_error = False
        try:
            args, unknown = parser.parse_known_args(words)
        except argparse.ArgumentError:
            unknown = words
        if not unknown:
            parser.exit_on_error = True  # main() may still call parser.error()
            return parser, args
    parser = build_parser()
    return parser, parser.parse_args(words)


def main(argv: Sequence[str] | None = None) -> int:
    parser, args = parse_arguments(argv)
    if args.config and not (args.kiosk or args.command == "kiosk-pin"):
        parser.error("--config goes with --kiosk or kiosk-pin")
    if args.kiosk:
        for option, setting in _KIOSK_SETTINGS.items():
            if getattr(args, option):
                flag = "--" + option.replace("_", "-")
                parser.error(f"{flag} does not go with --kiosk: set {setting} in the kiosk settings file")
    if args.command in ("check-pack", "search"):
        from lupus_reader import cli
    if args.command == "check-pack":
        return cli.check_pack_command(args.path, args.json, sys.stdout)
    if args.command in ("export", "import"):
        from lupus_reader.storage import transfer

        data = paths.data_dir(args.data_dir)
        if args.command == "export":
            return transfer.export_command(data, args.format, args.output, sys.stdout, sys.stderr, args.pack)
        return transfer.import_command(args.file, data, sys.stdout, sys.stderr, args.pack)
    if args.command == "search":
        return cli.search_command(
            " ".join(args.query),
            [*args.pack, *args.search_packs],
            paths.data_dir(args.data_dir),
            paths.cache_dir(args.data_dir),
            args.limit,
            args.json,
            sys.stdout,
            sys.stderr,
        )
    if args.command == "restore":
        from lupus_reader.storage import backup

        return backup.restore_command(args.backup, paths.data_dir(args.data_dir), sys.stdout, sys.stderr)
    if args.command == "kiosk-pin":
        from lupus_reader.kiosk.commands import kiosk_pin_command

        return kiosk_pin_command(args.pin_config or args.config, sys.stdout, sys.stderr)
    # Read before Qt is loaded: a kiosk with bad settings says why and never starts unlocked.
    args.kiosk_policy = None
    if args.kiosk:
        from lupus_reader.kiosk.commands import policy_for_start

        args.kiosk_policy = policy_for_start(args.config, sys.stderr)
        if args.kiosk_policy is None:
            return EXIT_CONFIG
    if args.self_test or (args.screenshot and not _has_display()):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return _run_gui(args)


def _has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or sys.platform != "linux"


def _run_gui(args: argparse.Namespace) -> int:
    # Start-up makes tens of thousands of objects that live as long as the app
    # (modules, classes, a pack's sections): the cyclic collector is paused
    # while they are made and then told to leave them alone (settle_memory).
    gc.disable()
    import_qt_free_floor()
    app = ensure_application()
    if args.self_test:
        gc.enable()
        from lupus_reader.content.library import installed_packs, open_library
        from lupus_reader.ui.self_test import run_self_test

        requested = [*installed_packs(paths.data_dir(args.data_dir)), *args.pack]
        library, failures = open_library(requested, resources.bundled_packs())
        ok, report = run_self_test(library, failures)
        print(report, file=sys.stdout if ok else sys.stderr)
        return EXIT_OK if ok else EXIT_FAILURE

    if args.kiosk_policy is not None:
        from lupus_reader.ui.kiosk_shell import run_kiosk

        gc.enable()
        return run_kiosk(app, args.kiosk_policy, paths.data_dir(args.data_dir), args.screenshot)
    opened = open_reader(
        args.pack,
        paths.data_dir(args.data_dir),
        args.section,
        remember=not args.screenshot,
        cache_dir=paths.cache_dir(args.data_dir),
        text_scale=args.text_scale,
        theme=args.theme,
        notice=not args.screenshot,  # a picture of the window shows the guide, not the notice
    )
    if opened is None:
        return EXIT_FAILURE
    window, _controller = opened
    if not args.screenshot:
        return app.exec()
    return screenshot_at_first_paint(app, window, args.screenshot)


def screenshot_at_first_paint(app: QApplication, window: MainWindow, target: Path) -> int:
    """Run until the window's content is first painted, save the window as a PNG there, and quit."""
    from PySide6.QtCore import Qt, QTimer

    result = {"code": EXIT_FAILURE}

    def grab() -> None:
        # Quality 80 is a lighter zlib level: a third faster than the default, and no bigger.
        saved = window.grab().save(str(target), "PNG", 80)
        if not saved:
            print(f"{APP_NAME}: cannot write the screenshot to {target}", file=sys.stderr)
        result["code"] = EXIT_OK if saved else EXIT_FAILURE
        app.exit(result["code"])

    def too_slow() -> None:
        print(
            f"{APP_NAME}: the content was not painted within {SCREENSHOT_TIMEOUT_MS // 1000} s",
            file=sys.stderr,
        )
        app.exit(EXIT_FAILURE)

    window.reader.first_paint.connect(grab, Qt.ConnectionType.SingleShotConnection)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, too_slow)
    app.exec()
    return result["code"]


def open_storage(data_dir: Path, remember: bool, empty: bool = False) -> tuple[Database, str]:
    """The library in ``data_dir``, and a problem to tell the reader.

    Without ``remember`` (screenshots) it is a copy in memory: shown, never written.
    ``empty`` (a kiosk visit) starts from nothing, in memory, and never reads the file.
    """
    from PySide6.QtCore import QCoreApplication

    from lupus_reader.storage.db import LIBRARY_FILE, StorageError, open_database
    from lupus_reader.storage.memory import open_memory_database

    if empty:
        return open_memory_database(), ""

    if not remember:
        return open_memory_database(copy_of=data_dir / LIBRARY_FILE), ""
    try:
        opened = open_database(data_dir / LIBRARY_FILE)
    except StorageError as error:
        from lupus_reader.ui.error_words import reason

        message = QCoreApplication.translate(
            "App",
            "Your notes and bookmarks cannot be opened: {error}. "
            "Anything you write now is kept only until you close the window.",
        ).format(error=reason(error))
        return open_memory_database(), message
    if opened.moved_aside is not None:
        return opened.database, QCoreApplication.translate(
            "App",
            "Your notes file was damaged, so a new one was started. "
            "The old file was kept, untouched, at {path}.",
        ).format(path=opened.moved_aside)
    return opened.database, ""


def import_qt_free_floor() -> None:
    """Import the Qt-free modules the window uses before Qt itself is imported.

    Once PySide6 is loaded, the first import statement that names a module
    makes it read that module's source (looking for ``__feature__``
    switches): a few hundred microseconds a module. What these modules import
    among themselves before Qt is loaded is never read; only the few that the
    UI names directly are. The list only makes start-up quicker: a module
    missing from it still works.
    """
    import lupus_reader.content.library
    import lupus_reader.content.render_cache
    import lupus_reader.state
    import lupus_reader.storage.listing
    import lupus_reader.storage.memory  # noqa: F401


def ensure_application() -> QApplication:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    from lupus_reader.ui import i18n

    i18n.install_once(app)  # before any window: every tr() call after this is in the UI's language
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
    notice: bool = True,
) -> tuple[MainWindow, ReaderController] | None:
    """Open the packs and show the window, as the command line does; None if nothing opens."""
    opened = build_reader(
        pack_paths, data_dir, section, remember, cache_dir, text_scale, theme, notice=notice
    )
    return (opened.window, opened.controller) if opened is not None else None


class Reader(NamedTuple):
    """A window and the controllers behind it (a kiosk works through them)."""

    window: MainWindow
    controller: ReaderController
    library: LibraryController
    questions: QuestionsController
    printing: PrintController


def build_reader(
    pack_paths: Sequence[Path],
    data_dir: Path,
    section: str | None = None,
    remember: bool = True,
    cache_dir: Path | None = None,
    text_scale: int | None = None,
    theme: str | None = None,
    kiosk: bool = False,
    notice: bool = True,
) -> Reader | None:
    """``open_reader``, giving the controllers too; None if nothing opens.

    A ``kiosk`` visit shows exactly ``pack_paths`` (the bundled guide when there
    are none), all of which must open, over an empty library in memory that
    reads and writes no file.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from lupus_reader.content.library import installed_packs, open_library
    from lupus_reader.content.scan_cache import ScanCache
    from lupus_reader.state import ReadingState, load_state
    from lupus_reader.ui.appearance import AppearanceController, apply_style, resolve_theme, scale_app_font
    from lupus_reader.ui.controller import ReaderController
    from lupus_reader.ui.guide_info import GuideInfoController
    from lupus_reader.ui.library_controller import LibraryController
    from lupus_reader.ui.main_window import MainWindow
    from lupus_reader.ui.print_controller import PrintController
    from lupus_reader.ui.questions_controller import QuestionsController
    from lupus_reader.ui.search_controller import SearchController

    scans = ScanCache(cache_dir / "sections" if cache_dir else None)
    if kiosk:
        from lupus_reader.kiosk.content import kiosk_pack_paths

        library, failures = open_library(kiosk_pack_paths(pack_paths), [], scans)
    else:
        # Packs given on the command line win over installed ones, which win over the bundled.
        requested = [*installed_packs(data_dir), *pack_paths]
        library, failures = open_library(requested, resources.bundled_packs(), scans)
    if not library.packs or (kiosk and failures):
        for failure in failures:
            print(f"{APP_NAME}: {failure.describe()}", file=sys.stderr)
        if not library.packs:
            print(f"{APP_NAME}: no content pack could be opened", file=sys.stderr)
        return None  # a kiosk shows all its guides or none
    state = load_state(data_dir) if remember else ReadingState()
    if text_scale is not None:
        state.text_scale = text_scale
    if theme is not None:
        state.theme = theme
    app = QApplication.instance()
    if isinstance(app, QApplication):
        # Style, colours and text size before the first widget: nothing to redo, and the
        # first frame is laid out in its final font (the status bar not cut at 200%).
        apply_style(app, resolve_theme(state.theme))
        scale_app_font(app, state.text_scale)
    window = MainWindow()
    controller = ReaderController(window, library, state, data_dir if remember else None, cache_dir)
    for failure in failures:
        controller.report_broken_pack(failure.path, failure.error, fallback=True)
    database, problem = open_storage(data_dir, remember, empty=kiosk)
    if problem:
        print(f"{APP_NAME}: {problem}", file=sys.stderr)
        window.banner.show_message(problem)
    library_controller = LibraryController(window, controller, database)
    questions = QuestionsController(library_controller)
    printing = PrintController(window, controller)
    AppearanceController(window, controller)
    SearchController(window, controller, database, cache_dir, library_controller)
    GuideInfoController(window, controller, notice)
    window.show()
    controller.start(section)
    window.reader.first_paint.connect(settle_memory)
    if isinstance(app, QApplication):  # queued: the first frame is not kept waiting for a PNG
        window.reader.first_paint.connect(lambda: QTimer.singleShot(0, lambda: set_window_icon(app)))
    return Reader(window, controller, library_controller, questions, printing)


def settle_memory() -> None:
    """Once the first page is up: what exists now lives as long as the app.

    Freezing moves it out of the cyclic collector's way (gc.freeze), so later
    collections, while the reader types or scrolls, look only at new objects:
    shorter pauses on a big pack, and a quicker exit. Then collection resumes.
    Only after a start-up that paused the collector (not in a kiosk, whose
    visits come and go: their objects must stay collectable).
    """
    if gc.isenabled():
        return
    gc.freeze()
    gc.enable()
