"""Section-switching benchmark: ``controller.go_to`` through layout and paint, in-process.

A worker process builds the real MainWindow and ReaderController the way
``app.open_reader`` does (offscreen, ``ReadingState()``, no data dir), shows the
window, waits for its first paint, then times each switch as::

    controller.go_to(section_id); QApplication.processEvents(); reader.viewport().repaint()

so a figure covers Markdown rendering (when the chapter is not in the
controller's cache), ``setHtml``, layout, heading lookup, navigator sync and a
full repaint of the pane. Each pack is measured twice: "pre-rendered", once
the idle pre-rendering that follows the first paint is done (what a reader
meets a moment after opening; the targets apply here), and "just opened",
with pre-rendering stopped, so every first visit renders its Markdown.
It runs on the bundled guide (every section, in a
new shuffled order each round) and on a generated 2,000-section pack (random
switches).  Switches are also split by kind: a chapter whose HTML had to be
rendered, another chapter whose HTML was cached, and a scroll within the
chapter already shown.

Each pack gets its own worker process, which streams one JSON line per switch,
so a crash of the app code loses nothing measured before it and is reported
with the error.  The worker also tracks the reference counts of None, True and
False: a binding that returns them without a new reference makes them drift
down until CPython < 3.12 aborts ("deallocating None").

    python -m benchmarks switching [--runs ROUNDS] [--switches N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.packgen import generate_pack
from benchmarks.refcounts import pad_refcounts
from benchmarks.report import Row, median, percentile
from benchmarks.screen import offscreen_platform

NAME = "switching"
DEFAULT_ROUNDS = 7
DEFAULT_SWITCHES = 500
GENERATED_SECTIONS = 2_000
TARGET_MEDIAN_MS = 16.0
TARGET_WORST_MS = 100.0
SEED = 20261125
WORKER_TIMEOUT_S = 600
KINDS = {
    "render": "new chapter, Markdown rendered",
    "cached": "other chapter, HTML cached",
    "scroll": "same chapter, scroll only",
}
# Objects that C extensions often return without taking a reference.
SINGLETONS = {"None": None, "True": True, "False": False}
Log = Callable[[str], None]


@dataclass(slots=True)
class Timings:
    total_ms: list[float] = field(default_factory=list)
    go_to_ms: list[float] = field(default_factory=list)  # the go_to call alone
    by_kind: dict[str, list[float]] = field(default_factory=lambda: {kind: [] for kind in KINDS})
    refs_lost_per_switch: dict[str, float] = field(default_factory=dict)
    refs_left: dict[str, int] = field(default_factory=dict)
    planned: int = 0
    error: str = ""


# -- worker (runs in its own process) -----------------------------------------


def _worker(pack: Path | None, count: int, rounds: int, seed: int, warm: bool) -> int:
    os.environ["QT_QPA_PLATFORM"] = offscreen_platform()  # before the first QApplication
    from PySide6.QtWidgets import QApplication

    from lupus_reader import resources
    from lupus_reader.content.library import open_library
    from lupus_reader.state import ReadingState
    from lupus_reader.ui.appearance import apply_style, resolve_theme
    from lupus_reader.ui.controller import ReaderController
    from lupus_reader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    # The window as the reader sees it: the app's own style draws every border and row.
    apply_style(app, resolve_theme("light"))
    library, failures = open_library([pack] if pack else [], resources.bundled_packs())
    if failures or not library.packs:
        print(f"the pack does not open: {failures[0].describe() if failures else 'no pack'}", file=sys.stderr)
        return 1
    rng = random.Random(seed)
    ids = [s.id for s in library.packs[0].sections]
    if pack is None:
        order = [i for _ in range(rounds) for i in rng.sample(ids, len(ids))]
    else:
        order = [rng.choice(ids) for _ in range(count)]

    window = MainWindow()
    controller = ReaderController(window, library, ReadingState(), None)
    painted: list[bool] = []
    window.reader.first_paint.connect(lambda: painted.append(True))
    window.show()
    controller.start(None)
    deadline = time.monotonic() + 30
    while not painted and time.monotonic() < deadline:
        app.processEvents()
    if not painted:
        print("the reader pane was never painted", file=sys.stderr)
        return 1
    if warm:
        # As a reader finds it a moment after opening: every chapter pre-rendered in idle time.
        while controller.prerender_pending() and time.monotonic() < deadline + 120:
            app.processEvents()
    else:
        # Straight after opening: every first visit renders its chapter's Markdown.
        controller.stop_prerender()

    viewport = window.reader.viewport()
    out = sys.stdout
    out.write(json.dumps({"planned": len(order)}) + "\n")
    refs_before = {name: sys.getrefcount(obj) for name, obj in SINGLETONS.items()}
    for number, section_id in enumerate(order, start=1):
        found = library.find(section_id)
        assert found is not None
        pack_found, section = found
        chapter = pack_found.chapter_of(section)
        shown = getattr(controller, "_shown", None)
        if shown is not None and shown[1] is chapter:
            kind = "scroll"
        else:
            kind = "cached" if controller.pages.has(pack_found, chapter) else "render"
        start = time.perf_counter()
        if not controller.go_to(section_id):
            print(f"go_to({section_id!r}) refused a section of the pack", file=sys.stderr)
            return 1
        called = time.perf_counter()
        app.processEvents()
        viewport.repaint()
        end = time.perf_counter()
        out.write(json.dumps({"ms": (end - start) * 1e3, "go_to": (called - start) * 1e3, "kind": kind}))
        out.write("\n")
        if number % 50 == 0:
            out.flush()
    refs_after = {name: sys.getrefcount(obj) for name, obj in SINGLETONS.items()}
    lost = {name: (refs_before[name] - refs_after[name]) / len(order) for name in SINGLETONS}
    out.write(json.dumps({"refs_lost_per_switch": lost, "refs_left": refs_after}) + "\n")
    out.flush()
    window.close()
    return 0


# -- parent -------------------------------------------------------------------


def _run_worker(args: list[str], log: Log) -> Timings:
    command = [sys.executable, "-m", "benchmarks.switching", "--worker", *args]
    env = dict(os.environ, QT_QPA_PLATFORM=offscreen_platform())
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryFile() as errors:
        done = subprocess.run(
            command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=errors, timeout=WORKER_TIMEOUT_S
        )
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    timings = Timings()
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue  # a line cut short by a crash
        if "planned" in record:
            timings.planned = record["planned"]
        elif "ms" in record:
            timings.total_ms.append(record["ms"])
            timings.go_to_ms.append(record["go_to"])
            timings.by_kind[record["kind"]].append(record["ms"])
        else:
            timings.refs_lost_per_switch = record["refs_lost_per_switch"]
            timings.refs_left = record["refs_left"]
    if done.returncode != 0:
        lines = [line for line in stderr.splitlines() if line.strip() and "propagateSizeHints" not in line]
        fatal = next((line for line in lines if "Fatal Python error" in line), lines[-1] if lines else "")
        where = next((line.strip() for line in lines if line.strip().startswith("File ")), "")
        timings.error = f"worker exit {done.returncode} after {len(timings.total_ms)} switches: {fatal}"
        log(f"switching: {timings.error}\n  {where}")
    return timings


def _rows(label: str, timings: Timings, targets: bool = True) -> list[Row]:
    rows: list[Row] = []
    if timings.error:
        rows.append(Row(NAME, f"{label}: all switches completed", None, "", note=timings.error[:160]))
    total = timings.total_ms
    if not total:
        return rows
    n = f"n={len(total)}" + ("" if len(total) == timings.planned else f" of {timings.planned}")
    rows += [
        Row(
            NAME,
            f"{label}: median switch",
            median(total),
            "ms",
            TARGET_MEDIAN_MS if targets else None,
            f"{n}; go_to() alone {median(timings.go_to_ms):.1f} ms",
        ),
        Row(NAME, f"{label}: p95 switch", percentile(total, 0.95), "ms", note=n),
        Row(NAME, f"{label}: worst switch", max(total), "ms", TARGET_WORST_MS if targets else None, n),
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
    if timings.refs_lost_per_switch:
        name, lost = max(timings.refs_lost_per_switch.items(), key=lambda item: item[1])
        note = f"worst: {name}"
        if lost > 0:
            note += f"; Python aborts in ~{timings.refs_left[name] / lost:,.0f} more switches"
        # A leaking binding loses one per call; caches filling up move a few either way.
        rows.append(Row(NAME, f"{label}: None/True/False refs lost per switch", lost, "count", 0.5, note))
    return rows


def measure(
    rounds: int = DEFAULT_ROUNDS,
    switches: int = DEFAULT_SWITCHES,
    sections: int = GENERATED_SECTIONS,
    log: Log = lambda _: None,
    padded: bool = False,
) -> list[Row]:
    """Run one worker on the bundled guide and one on a generated pack; ``padded``: see refcounts.py."""
    rounds, switches = max(rounds, 1), max(switches, 1)
    pad = ["--pad-refcounts"] if padded else []
    rows: list[Row] = []
    work = Path(tempfile.mkdtemp(prefix="lupus-bench-switching-"))
    try:
        folder = generate_pack(work / "pack", sections)
        packs = [
            ("bundled guide", ["--rounds", str(rounds)]),
            (f"{sections:,}-section pack", ["--pack", str(folder), "--count", str(switches)]),
        ]
        for label, args in packs:
            # The targets apply to reading as it is a moment after opening, when
            # idle pre-rendering is done; straight after opening is reported too.
            for warm, when in ((True, "pre-rendered"), (False, "just opened")):
                log(f"switching: {label}, {when}")
                flags = [*args, "--seed", str(SEED), *pad, *(["--warm"] if warm else [])]
                rows += _rows(f"{label}, {when}", _run_worker(flags, log), targets=warm)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--worker" in argv:
        parser = argparse.ArgumentParser(prog="python -m benchmarks.switching --worker")
        parser.add_argument("--worker", action="store_true")
        parser.add_argument("--pack", type=Path)
        parser.add_argument("--count", type=int, default=DEFAULT_SWITCHES)
        parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS)
        parser.add_argument("--seed", type=int, default=SEED)
        parser.add_argument("--pad-refcounts", action="store_true")
        parser.add_argument("--warm", action="store_true", help="wait for idle pre-rendering first")
        args = parser.parse_args(argv)
        if args.pad_refcounts:
            pad_refcounts()
        return _worker(args.pack, args.count, args.rounds, args.seed, args.warm)
    from benchmarks.__main__ import main as run_all

    return run_all([NAME, *argv])


if __name__ == "__main__":
    sys.exit(main())
