"""Section-switching benchmark: ``controller.go_to`` through layout and paint, in-process.

Builds the real MainWindow and ReaderController the way ``app._run_gui`` does
(offscreen, ``ReadingState()``, no data dir), shows the window, waits for its
first paint, then times each switch as::

    controller.go_to(section_id); QApplication.processEvents(); reader.viewport().repaint()

so a figure covers Markdown rendering (when the chapter is not in the
controller's cache), ``setHtml``, layout, heading lookup, navigator sync and a
full repaint of the pane.  Runs on the bundled guide (every section, in a new
shuffled order each round) and on a generated 2,000-section pack (random
switches).  Switches are also split by kind: a chapter whose HTML had to be
rendered, another chapter whose HTML was cached, and a scroll within the
chapter already shown.

    python -m benchmarks switching [--runs ROUNDS] [--switches N] [--json]
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.packgen import generate_pack
from benchmarks.report import Row, median, percentile
from lupus_reader.content.library import Library, open_library

NAME = "switching"
DEFAULT_ROUNDS = 7
DEFAULT_SWITCHES = 500
GENERATED_SECTIONS = 2_000
TARGET_MEDIAN_MS = 16.0
TARGET_WORST_MS = 100.0
SEED = 20261125
KINDS = {
    "render": "new chapter, Markdown rendered",
    "cached": "other chapter, HTML cached",
    "scroll": "same chapter, scroll only",
}
Log = Callable[[str], None]


@dataclass(slots=True)
class Timings:
    total_ms: list[float] = field(default_factory=list)
    go_to_ms: list[float] = field(default_factory=list)  # the go_to call alone
    by_kind: dict[str, list[float]] = field(default_factory=lambda: {kind: [] for kind in KINDS})


def _application() -> object:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before the first QApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    if app.platformName() != "offscreen":
        raise RuntimeError(f"a QApplication on '{app.platformName()}' already exists; run offscreen")
    return app


def time_switches(library: Library, section_ids: list[str], log: Log) -> Timings:
    """Open a window on ``library`` and time ``go_to`` for each id in turn."""
    from PySide6.QtWidgets import QApplication

    from lupus_reader.state import ReadingState
    from lupus_reader.ui.controller import ReaderController
    from lupus_reader.ui.main_window import MainWindow

    window = MainWindow()
    controller = ReaderController(window, library, ReadingState(), None)
    painted: list[bool] = []
    window.reader.first_paint.connect(lambda: painted.append(True))
    window.show()
    controller.start(None)
    deadline = time.monotonic() + 30
    while not painted and time.monotonic() < deadline:
        QApplication.processEvents()
    if not painted:
        raise RuntimeError("the reader pane was never painted")

    viewport = window.reader.viewport()
    timings = Timings()
    for number, section_id in enumerate(section_ids, start=1):
        found = library.find(section_id)
        if found is None:
            raise RuntimeError(f"no section {section_id!r} in the library")
        pack, section = found
        chapter = pack.chapter_of(section)
        shown = getattr(controller, "_shown", None)
        cache = getattr(controller, "_rendered", {})
        if shown is not None and shown[1] is chapter:
            kind = "scroll"
        else:
            kind = "cached" if (pack.id, chapter.index) in cache else "render"
        start = time.perf_counter()
        if not controller.go_to(section_id):
            raise RuntimeError(f"go_to({section_id!r}) refused a section of the pack")
        called = time.perf_counter()
        QApplication.processEvents()
        viewport.repaint()
        end = time.perf_counter()
        timings.total_ms.append((end - start) * 1000)
        timings.go_to_ms.append((called - start) * 1000)
        timings.by_kind[kind].append((end - start) * 1000)
        if number % 100 == 0:
            log(f"switching: {number}/{len(section_ids)}")
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return timings


def _rows(label: str, timings: Timings) -> list[Row]:
    total = timings.total_ms
    n = len(total)
    go_to = median(timings.go_to_ms)
    rows = [
        Row(
            NAME,
            f"{label}: median switch",
            median(total),
            "ms",
            TARGET_MEDIAN_MS,
            f"n={n}; go_to() alone {go_to:.1f} ms",
        ),
        Row(NAME, f"{label}: p95 switch", percentile(total, 0.95), "ms", note=f"n={n}"),
        Row(NAME, f"{label}: worst switch", max(total), "ms", TARGET_WORST_MS, f"n={n}"),
    ]
    for kind, title in KINDS.items():
        values = timings.by_kind[kind]
        if values:
            rows.append(
                Row(
                    NAME,
                    f"{label}: {title}, median",
                    median(values),
                    "ms",
                    note=f"n={len(values)}, worst {max(values):.1f} ms",
                )
            )
    return rows


def measure(
    rounds: int = DEFAULT_ROUNDS,
    switches: int = DEFAULT_SWITCHES,
    sections: int = GENERATED_SECTIONS,
    log: Log = lambda _: None,
) -> list[Row]:
    _application()
    from lupus_reader import resources

    rng = random.Random(SEED)
    bundled = resources.bundled_packs()
    library, failures = open_library([], bundled)
    if failures or not library.packs:
        raise RuntimeError(f"the bundled guide does not open: {failures}")
    ids = [s.id for s in library.packs[0].sections]
    order: list[str] = []
    for _ in range(max(rounds, 1)):
        order += rng.sample(ids, len(ids))
    log(f"switching: bundled guide, {len(order)} switches")
    rows = _rows("bundled guide", time_switches(library, order, log))

    work = Path(tempfile.mkdtemp(prefix="lupus-bench-switching-"))
    try:
        folder = generate_pack(work / "pack", sections)
        library, failures = open_library([folder], bundled)
        if failures:
            raise RuntimeError(f"the generated pack does not open: {failures[0].describe()}")
        ids = [s.id for s in library.packs[0].sections]
        order = [rng.choice(ids) for _ in range(max(switches, 1))]
        log(f"switching: {sections}-section pack, {len(order)} switches")
        rows += _rows(f"{sections:,}-section pack", time_switches(library, order, log))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    from benchmarks.__main__ import main as run_all

    return run_all([NAME, *(argv if argv is not None else sys.argv[1:])])


if __name__ == "__main__":
    sys.exit(main())
