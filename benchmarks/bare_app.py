"""The start-up baseline: the least a Qt reader window can do, screenshotted at first paint.

A plain QMainWindow with a QSplitter holding a QTreeView (a few items) beside a
QTextBrowser showing the source article as plain text.  It waits for the first
paint of the browser's viewport, grabs the window to a PNG and exits 0, the
same way ``lupus-reader --screenshot`` does.  It imports nothing but PySide6 so
the comparison with the reader measures what the reader adds.  It does touch the
``Qt`` enum namespace (``Qt.Orientation``), as any real Qt program does: PySide6
builds that namespace on first use, about 25 ms on a 2-core machine.

    python benchmarks/bare_app.py OUT.png [--text FILE ...]

Without ``--text`` it reads /work/shared/source/lupus-stem-cell-therapy-article.txt,
or, when that file is absent, the bundled pack's chapters concatenated.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ARTICLE = Path("/work/shared/source/lupus-stem-cell-therapy-article.txt")
BUNDLED_PACKS = Path(__file__).resolve().parent.parent / "lupus_reader" / "resources" / "packs"
TIMEOUT_MS = 30_000


def default_text_files() -> list[Path]:
    """The article if this machine has it, else the bundled guide's chapter files."""
    if ARTICLE.is_file():
        return [ARTICLE]
    return sorted(BUNDLED_PACKS.glob("*/*.md"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bare Qt baseline for the start-up benchmark.")
    parser.add_argument("out", type=Path, help="PNG to write")
    parser.add_argument("--text", type=Path, nargs="+", help="text file(s) to show")
    args = parser.parse_args(argv)
    files = args.text or default_text_files()
    if not files:
        print("bare_app: no text to show", file=sys.stderr)
        return 1
    text = "\n\n".join(f.read_text(encoding="utf-8") for f in files)
    return show_and_grab(text, args.out)


def show_and_grab(text: str, out: Path) -> int:
    """Show the bare window with ``text``, save it to ``out`` at first paint, return the exit code."""
    # Qt is imported here so the start-up benchmark can import this module without Qt.
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QTextBrowser, QTreeView

    class FirstPaint(QObject):
        """Calls ``grab`` once, just after the watched widget's first paint has finished."""

        done = False

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                QTimer.singleShot(0, grab)
            return False

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.setWindowTitle("Bare baseline")
    model = QStandardItemModel(window)
    for title in ("About this guide", "What it is", "How it works", "Where it stands"):
        item = QStandardItem(title)
        item.appendRow(QStandardItem(f"{title}: details"))
        model.appendRow(item)
    tree = QTreeView()
    tree.setHeaderHidden(True)
    tree.setModel(model)
    tree.expandToDepth(0)
    browser = QTextBrowser()
    browser.setPlainText(text)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(tree)
    splitter.addWidget(browser)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([300, 900])
    window.setCentralWidget(splitter)
    window.resize(1200, 800)  # the reader's default size
    result = {"code": 1}

    def grab() -> None:
        result["code"] = 0 if window.grab().save(str(out), "PNG") else 1
        app.quit()

    def too_slow() -> None:
        print("bare_app: no paint within 30 s", file=sys.stderr)
        app.quit()

    watcher = FirstPaint()
    browser.viewport().installEventFilter(watcher)
    QTimer.singleShot(TIMEOUT_MS, too_slow)
    window.show()
    app.exec()
    return result["code"]


if __name__ == "__main__":
    sys.exit(main())
