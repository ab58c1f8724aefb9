"""Library benchmark: bookmarks and notes panels, note saves and start-up with a big library.

The issue's targets, with 10,000 notes (spread over the bundled guide's
sections) and 10,000 bookmarks in ``library.sqlite3``:

* **Panels open in at most 100 ms.**  A worker process builds the real window
  with ``app.open_reader`` (offscreen, ``remember=True``), waits for the first
  paint, the lists being filled and idle pre-rendering, then times, for the
  Bookmarks and the All Notes dock, with another tab in front::

      library._refresh(Change(kind)); dock.show(); dock.raise_()
      QApplication.processEvents(); widget.viewport().repaint()

  (what ``LibraryController._settle`` does for each list, plus showing and
  painting the dock).  Median and worst of ``--runs``; the same on an empty
  library for reference.  The worker also times ``_settle`` as a whole
  (the UI is blocked that long just after the first paint), a note saved
  through the window (``save_note``, which refreshes the notes list),
  opening a bookmark or a note from its panel, and ``open_storage`` alone.
* **A note save commits in a median of at most 5 ms.**  ``NoteStore.save`` on a
  copy of the 10,000-note file, opened with ``open_database`` (WAL,
  synchronous=FULL, a real file in the temp dir): updates of existing notes
  and new notes, interleaved, median and p95 of each.  A 4 KiB write + fsync
  in the same folder is given as the disk's floor.
* **Start-up stays within 1.1x of an empty library.**  Whole process:
  ``lupus-reader --screenshot PNG --data-dir D`` with the big library against
  an empty data dir (screenshot mode shows an in-memory copy of the library
  and grabs the window after the lists are filled).  Normal start, in-process:
  a fresh worker per run times ``open_reader()`` to the first paint of the
  text, and on to the lists being filled, with the big library against an
  empty one (the normal start opens the file with ``open_database``, which
  runs ``quick_check``, and reads the current section's note).  Candidates run
  interleaved, one run each per round, the order rotated every round; round 0
  is a discarded warm-up that also writes the bytecode caches (kept in a temp
  ``PYTHONPYCACHEPREFIX``, as startup.py does).

Every child gets ``QT_QPA_PLATFORM=offscreen``.

    python -m benchmarks library [--runs N] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
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
from typing import TYPE_CHECKING

from benchmarks.refcounts import pad_refcounts
from benchmarks.report import Row, median, percentile, ratio
from benchmarks.screen import offscreen_platform
from benchmarks.startup import child_environment, reader_command, run_child

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from lupus_reader.ui.controller import ReaderController
    from lupus_reader.ui.library_controller import LibraryController
    from lupus_reader.ui.main_window import MainWindow

NAME = "library"
DEFAULT_RUNS = 7
NOTES = 10_000
BOOKMARKS = 10_000
SAVES = 400  # half updates of existing notes, half new notes
WARM_SAVES = 20
WINDOW_SAVES = 15
TARGET_PANEL_MS = 100.0
TARGET_SAVE_MS = 5.0
TARGET_RATIO = 1.1
SEED = 20261126
WORKER_TIMEOUT_S = 180
LIBRARY_FILE = "library.sqlite3"
Log = Callable[[str], None]

VOCABULARY = (
    "lupus flare fatigue joints pain rash kidneys doctor appointment medication dose prednisone "
    "hydroxychloroquine sleep tired morning swelling fever blood test results ask about side effects "
    "stem cell transplant week better worse today nurse clinic insurance travel sun protection diet "
    "exercise stress family work mycophenolate infusion scan follow-up fertility vaccine infection"
)
WORDS = VOCABULARY.split()


# -- the library ----------------------------------------------------------------


def _words(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(low, high)))


def _note_text(rng: random.Random) -> str:
    return "\n\n".join(_words(rng, 5, 30) for _ in range(rng.randint(1, 3)))


def _guide() -> tuple[str, str, list[tuple[str, str]]]:
    """(pack id, pack version, [(section id, title)]) of the bundled guide."""
    from lupus_reader import resources
    from lupus_reader.content.library import open_library

    library, failures = open_library([], resources.bundled_packs())
    if not library.packs:
        raise RuntimeError(f"the bundled guide does not open: {failures[0].describe() if failures else '?'}")
    pack = library.packs[0]
    return pack.id, pack.version, [(s.id, s.title) for s in pack.sections]


def fill_library(path: Path, notes: int, bookmarks: int, seed: int = SEED) -> Path:
    """A library at ``path`` (made by the app's own ``open_database``) holding the given numbers.

    Notes are spread evenly over the bundled guide's sections; everything goes in
    with ``executemany`` in one transaction.
    """
    from lupus_reader.storage.db import open_database

    pack, version, sections = _guide()
    rng = random.Random(seed)
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)

    def stamp(seconds: int) -> str:
        return (start + dt.timedelta(seconds=seconds)).isoformat(timespec="seconds")

    note_rows = []
    for number in range(notes):
        section, title = sections[number % len(sections)]
        created = number * 3_000 + rng.randint(0, 2_000)
        note_rows.append(
            (pack, section, title, _words(rng, 8, 25)[:160], _note_text(rng), stamp(created),
             stamp(created + rng.randint(0, 500_000)), rng.randint(1, 20))
        )  # fmt: skip
    bookmark_rows = []
    for number in range(bookmarks):
        section, title = rng.choice(sections)
        label = title if rng.random() < 0.7 else _words(rng, 2, 6)
        bookmark_rows.append(
            (pack, version, section, title, round(rng.random(), 4), _words(rng, 8, 25)[:160], label,
             stamp(number * 3_000 + rng.randint(0, 2_000)))
        )  # fmt: skip
    database = open_database(path).database
    try:
        with database.transaction() as sql:
            sql.executemany(
                "INSERT INTO notes (pack, section, section_title, quote, text, created, updated, revision)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                note_rows,
            )
            sql.executemany(
                "INSERT INTO bookmarks (pack, pack_version, section, section_title, offset, quote, label,"
                " created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                bookmark_rows,
            )
    finally:
        database.close()  # the last connection checkpoints the WAL into the file
    return path


def _data_dir(folder: Path, library: Path | None) -> Path:
    """A data dir holding a copy of ``library``, or nothing at all."""
    folder.mkdir(parents=True)
    if library is not None:
        shutil.copy2(library, folder / LIBRARY_FILE)
    return folder


def _filesystem(path: Path) -> str:
    """The type of the file system ``path`` is on (Linux), else ""."""
    try:
        mounts = Path("/proc/self/mounts").read_text().splitlines()
    except OSError:
        return ""
    best, kind = "", ""
    resolved = str(path.resolve())
    for line in mounts:
        parts = line.split()
        if (
            len(parts) > 2
            and (resolved + "/").startswith(parts[1].rstrip("/") + "/")
            and len(parts[1]) > len(best)
        ):
            best, kind = parts[1], parts[2]
    return kind


# -- note saves (in this process: the stores are Qt-free) ---------------------------


@dataclass(slots=True)
class Saves:
    update_ms: list[float] = field(default_factory=list)
    new_ms: list[float] = field(default_factory=list)
    fsync_ms: list[float] = field(default_factory=list)
    settings: str = ""
    filesystem: str = ""


def measure_saves(library: Path, folder: Path, saves: int = SAVES, seed: int = SEED) -> Saves:
    """``NoteStore.save`` on a copy of ``library``: updates and new notes, interleaved."""
    from lupus_reader.storage.db import open_database
    from lupus_reader.storage.stores import NoteStore

    folder.mkdir(parents=True)
    path = folder / LIBRARY_FILE
    shutil.copy2(library, path)
    result = Saves(filesystem=_filesystem(folder))
    rng = random.Random(seed)
    pack, _version, sections = _guide()
    database = open_database(path).database
    try:
        journal = database.connection.execute("PRAGMA journal_mode").fetchone()[0]
        synchronous = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}.get(
            database.connection.execute("PRAGMA synchronous").fetchone()[0], "?"
        )
        result.settings = f"{journal.upper()}, synchronous={synchronous}"
        store = NoteStore(database)
        existing = [note for section, _title in sections for note in store.for_section(pack, section)]
        rng.shuffle(existing)
        for number in range(WARM_SAVES + saves):
            if number % 2 == 0 and existing:
                note = existing.pop()
                text = note.text + " " + _words(rng, 1, 5)
                began = time.perf_counter()
                store.save(note, note.pack, note.section, note.section_title, note.quote, text)
                took = (time.perf_counter() - began) * 1e3
                target = result.update_ms
            else:
                section, title = rng.choice(sections)
                quote, text = _words(rng, 8, 25)[:160], _note_text(rng)
                began = time.perf_counter()
                store.save(None, pack, section, title, quote, text)
                took = (time.perf_counter() - began) * 1e3
                target = result.new_ms
            if number >= WARM_SAVES:
                target.append(took)
    finally:
        database.close()
    # The disk's floor: a commit with synchronous=FULL waits for at least one fsync.
    probe = folder / "fsync-probe"
    block = os.urandom(4096)
    with probe.open("wb") as handle:
        for _ in range(50):
            began = time.perf_counter()
            handle.write(block)
            handle.flush()
            os.fsync(handle.fileno())
            result.fsync_ms.append((time.perf_counter() - began) * 1e3)
    return result


# -- workers (each in its own process, offscreen) ------------------------------------


def _emit(metric: str, ms: float) -> None:
    sys.stdout.write(json.dumps({"metric": metric, "ms": ms}) + "\n")
    sys.stdout.flush()


def _open_window(
    data_dir: Path,
) -> tuple[QApplication, MainWindow, ReaderController, LibraryController, float]:
    """(app, window, reader controller, library controller, perf_counter before open_reader)."""
    os.environ["QT_QPA_PLATFORM"] = offscreen_platform()  # before the first QApplication
    from lupus_reader import paths
    from lupus_reader.app import ensure_application, open_reader
    from lupus_reader.ui.library_controller import LibraryController

    app = ensure_application()
    began = time.perf_counter()
    opened = open_reader([], data_dir, None, remember=True, cache_dir=paths.cache_dir(data_dir))
    if opened is None:
        raise RuntimeError("open_reader opened nothing")
    window, controller = opened
    library = window.findChild(LibraryController)
    if library is None:
        raise RuntimeError("the window has no LibraryController")
    return app, window, controller, library, began


def _first_paint_worker(data_dir: Path) -> int:
    """One normal start: open_reader() to the first paint, and on to the lists being filled."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    app, window, _controller, library, began = _open_window(data_dir)
    returned = time.perf_counter()
    marks: dict[str, float] = {}

    class PaintWatch(QObject):
        """Installed after the reader's own filter, so it sees the first paint first.

        Its zero timer is posted before the one that emits ``first_paint``, so
        the mark lands once the paint is done and before the slots of
        ``first_paint`` (pre-rendering, ``_settle``) run.
        """

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
            if event.type() == QEvent.Type.Paint and "paint" not in marks:
                marks["paint"] = 0.0
                QTimer.singleShot(0, lambda: marks.__setitem__("paint", time.perf_counter()))
            return False

    watch = PaintWatch(window)
    window.reader.viewport().installEventFilter(watch)

    def wait_for_lists() -> None:
        # The lists fill in just after the first paint (a zero timer): poll for it.
        if library.is_ready():
            marks["lists"] = time.perf_counter()
            app.quit()
        else:
            QTimer.singleShot(1, wait_for_lists)

    window.reader.first_paint.connect(wait_for_lists)
    QTimer.singleShot(30_000, app.quit)
    app.exec()
    if "lists" not in marks or not marks.get("paint"):
        print("the reader pane was never painted", file=sys.stderr)
        return 1
    if not library.is_ready():
        print("the lists were not filled at the first paint", file=sys.stderr)
        return 1
    _emit("open_reader", (returned - began) * 1e3)
    _emit("first_paint", (marks["paint"] - began) * 1e3)
    # Wall-clock time of the first paint: the parent turns it into spawn-to-paint.
    _emit("paint_epoch", time.time() * 1e3 - (time.perf_counter() - marks["paint"]) * 1e3)
    _emit("lists", (marks["lists"] - began) * 1e3)
    _emit("paint_to_lists", (marks["lists"] - marks["paint"]) * 1e3)
    window.close()
    return 0


def _panels_worker(data_dir: Path, runs: int, seed: int) -> int:
    from lupus_reader.app import open_storage
    from lupus_reader.storage.db import health
    from lupus_reader.storage.stores import Change

    app, window, controller, library, _began = _open_window(data_dir)
    deadline = time.monotonic() + 60
    while not library.is_ready() and time.monotonic() < deadline:
        app.processEvents()
    if not library.is_ready():
        print("the lists were never filled (no first paint)", file=sys.stderr)
        return 1
    while controller.prerender_pending() and time.monotonic() < deadline:
        app.processEvents()  # measure the panels as they are a moment after opening
    controller.stop_prerender()
    app.processEvents()

    rng = random.Random(seed)
    bookmarks = library.bookmarks.all()
    notes = [n for n in library.notes.all() if n.text.strip()]
    expected = {"bookmarks": len(bookmarks), "notes": len(notes)}
    sys.stdout.write(json.dumps({"rows": expected}) + "\n")
    docks = {dock.widget(): dock for dock in window.docks}
    panels = {"bookmarks": window.bookmarks_list, "notes": window.notes_list}
    stores = {"bookmarks": library.bookmarks.all, "notes": library.notes.all}

    for number in range(runs + 1):  # round 0 is a warm-up
        for kind, widget in panels.items():
            window.show_dock(window.notes_pane)  # another tab in front: this list is hidden
            app.processEvents()
            if not widget.visibleRegion().isEmpty():  # a tab behind another stays "visible"
                print(f"the {kind} list can still be seen behind the Notes tab", file=sys.stderr)
                return 1
            dock = docks[widget]
            began = time.perf_counter()
            library._refresh(Change(kind))
            refreshed = time.perf_counter()
            dock.show()
            dock.raise_()
            app.processEvents()
            widget.viewport().repaint()
            painted = time.perf_counter()
            if widget.model().rowCount() != expected[kind] or widget.visibleRegion().isEmpty():
                print(
                    f"the {kind} panel shows {widget.model().rowCount()} of {expected[kind]}", file=sys.stderr
                )
                return 1
            query_began = time.perf_counter()
            stores[kind]()
            queried = time.perf_counter()
            if number > 0:
                _emit(f"panel:{kind}", (painted - began) * 1e3)
                _emit(f"panel:{kind}:refresh", (refreshed - began) * 1e3)
                _emit(f"panel:{kind}:show", (painted - refreshed) * 1e3)
                _emit(f"store:{kind}", (queried - query_began) * 1e3)

    for number in range(runs + 1):
        began = time.perf_counter()
        library._settle()
        app.processEvents()
        if number > 0:
            _emit("fill_lists", (time.perf_counter() - began) * 1e3)
    place = getattr(library, "place_in_current_guides", None)  # re-anchoring, where the app has it
    for number in range(runs + 1 if place is not None else 0):
        began = time.perf_counter()
        place()
        if number > 0:
            _emit("reanchor", (time.perf_counter() - began) * 1e3)

    for number in range(runs + 1):
        began = time.perf_counter()
        database, _problem = open_storage(data_dir, True)
        opened = time.perf_counter()
        database.close()
        checked_began = time.perf_counter()
        health(data_dir / LIBRARY_FILE)
        checked = time.perf_counter()
        if number > 0:
            _emit("open_storage", (opened - began) * 1e3)
            _emit("health", (checked - checked_began) * 1e3)

    # Opening a bookmark or a note from its panel: find it, go there, paint.
    sections = [s.id for pack in controller.library.packs for s in pack.sections]
    for kind, items, open_one in (
        ("open_bookmark", bookmarks, library.open_bookmark),
        ("open_note", notes, library.open_note),
    ):
        if not items:
            continue
        for number in range(runs + 1):
            controller.go_to(rng.choice(sections))
            app.processEvents()
            began = time.perf_counter()
            open_one(rng.choice(items).id)
            app.processEvents()
            window.reader.viewport().repaint()
            if number > 0:
                _emit(kind, (time.perf_counter() - began) * 1e3)

    # A note saved through the window, as the notes pane does a second after the last keystroke.
    with_note = next((n.section for n in notes), sections[0])
    controller.go_to(with_note)
    app.processEvents()
    text = _note_text(rng)
    for number in range(WINDOW_SAVES + 1):
        text += " " + _words(rng, 1, 3)
        began = time.perf_counter()
        library.save_note(text)
        app.processEvents()
        if number > 0:
            _emit("save_note", (time.perf_counter() - began) * 1e3)
    window.close()
    return 0


# -- parent -----------------------------------------------------------------------


@dataclass(slots=True)
class Worker:
    metrics: dict[str, list[float]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add(self, metric: str, ms: float) -> None:
        self.metrics.setdefault(metric, []).append(ms)

    def get(self, metric: str) -> list[float]:
        return self.metrics.get(metric, [])


def _run_worker(args: list[str], data_dir: Path, pycache: Path, into: Worker, keep: bool = True) -> str:
    """Run a worker; add what it measured to ``into`` when ``keep``; an error or ""."""
    command = [sys.executable, "-m", "benchmarks.library", "--worker", *args, "--data-dir", str(data_dir)]
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryFile() as errors:
        spawned = time.time() * 1e3
        try:
            done = subprocess.run(
                command,
                cwd=root,
                env=child_environment(data_dir, pycache),
                stdout=subprocess.PIPE,
                stderr=errors,
                timeout=WORKER_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired:
            return f"worker timed out after {WORKER_TIMEOUT_S} s"
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue  # a line cut short by a crash
        if "rows" in record:
            into.rows = record["rows"]
        elif keep and record["metric"] == "paint_epoch":
            into.add("spawn_to_paint", record["ms"] - spawned)
        elif keep:
            into.add(record["metric"], record["ms"])
    if done.returncode == 0:
        return ""
    lines = [line for line in stderr.splitlines() if line.strip() and "propagateSizeHints" not in line]
    fatal = next((line for line in lines if "Fatal Python error" in line), lines[-1] if lines else "")
    where = next((line.strip() for line in lines if line.strip().startswith("File ")), "")
    return f"worker exit {done.returncode}: {fatal.strip()}" + (f" [{where}]" if where else "")


@dataclass(slots=True)
class Startup:
    label: str
    screenshot_ms: list[float] = field(default_factory=list)
    normal: Worker = field(default_factory=Worker)
    errors: list[str] = field(default_factory=list)


def _med(values: list[float]) -> float | None:
    return median(values) if values else None


def _spread(values: list[float], unit: str = "ms") -> str:
    return f"median of {len(values)}, worst {max(values):.1f} {unit}" if values else ""


def measure(
    runs: int = DEFAULT_RUNS,
    log: Log = lambda _: None,
    padded: bool = False,
    notes: int = NOTES,
    bookmarks: int = BOOKMARKS,
    saves: int = SAVES,
) -> list[Row]:
    """Every library figure; ``padded``: see refcounts.py."""
    runs = max(runs, 1)
    pad = ["--pad-refcounts"] if padded else []
    work = Path(tempfile.mkdtemp(prefix="lupus-bench-library-"))
    pycache = work / "pycache"
    try:
        log(f"library: filling a library with {notes:,} notes and {bookmarks:,} bookmarks")
        began = time.perf_counter()
        big = fill_library(work / "big" / LIBRARY_FILE, notes, bookmarks)
        fill_s = time.perf_counter() - began
        empty = fill_library(work / "empty" / LIBRARY_FILE, 0, 0)
        size_mb = big.stat().st_size / 1e6
        log(f"library: {size_mb:.1f} MB in {fill_s:.1f} s; note saves")
        saved = measure_saves(big, work / "saves", saves)

        panels: dict[str, Worker] = {}
        for label, library in (("big", big), ("empty", empty)):
            log(f"library: panels, {label} library")
            worker = panels[label] = Worker()
            problem = _run_worker(
                ["panels", "--runs", str(runs), *pad],
                _data_dir(work / f"panels-{label}", library),
                pycache,
                worker,
            )
            if problem:
                log(f"library: panels, {label} library: {problem}")
                worker.errors.append(problem)

        candidates = [Startup("big"), Startup("empty")]
        libraries = {"big": big, "empty": empty}
        # Screenshot runs get no library at all when empty ("an empty data dir"); normal
        # runs an empty library file, as a returning reader with no notes has.
        shot_dirs = {
            c.label: _data_dir(work / f"shot-{c.label}", big if c.label == "big" else None)
            for c in candidates
        }
        normal_dirs = {c.label: _data_dir(work / f"normal-{c.label}", libraries[c.label]) for c in candidates}
        reader = reader_command(padded)
        jobs = [(c, kind) for c in candidates for kind in ("screenshot", "normal")]
        for round_number in range(runs + 1):  # round 0 is the warm-up
            log(f"library: start-up round {round_number}/{runs}{' (warm-up)' if round_number == 0 else ''}")
            shift = round_number % len(jobs)
            for candidate, kind in jobs[shift:] + jobs[:shift]:
                if kind == "screenshot":
                    run_dir = work / f"run-{round_number}-{candidate.label}"
                    run_dir.mkdir()
                    png = run_dir / "window.png"
                    data = shot_dirs[candidate.label]
                    argv = [*reader, "--screenshot", str(png), "--data-dir", str(data)]
                    wall, _rss, problem = run_child(argv, png, data, run_dir, pycache)
                    shutil.rmtree(run_dir, ignore_errors=True)
                    if not problem and round_number > 0:
                        candidate.screenshot_ms.append(wall)
                else:
                    problem = _run_worker(
                        ["first-paint", *pad], normal_dirs[candidate.label], pycache, candidate.normal,
                        keep=round_number > 0,
                    )  # fmt: skip
                if problem:
                    if problem not in candidate.errors:
                        log(f"library: start-up, {candidate.label} library, {kind}: {problem}")
                    candidate.errors.append(f"{kind}: {problem}")
        return _rows(notes, bookmarks, size_mb, fill_s, saved, panels, candidates)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _rows(
    notes: int,
    bookmarks: int,
    size_mb: float,
    fill_s: float,
    saved: Saves,
    panels: dict[str, Worker],
    startup: list[Startup],
) -> list[Row]:
    size = f"{notes // 1000}k notes + {bookmarks // 1000}k bookmarks"
    rows: list[Row] = [
        Row(NAME, f"library file, {size}", size_mb, "MB", note=f"filled in {fill_s:.1f} s (executemany)")
    ]
    titles = {"bookmarks": "Bookmarks", "notes": "All Notes"}

    # Panels.
    for label in ("big", "empty"):
        worker = panels[label]
        which = size if label == "big" else "empty library"
        for problem in worker.errors:
            rows.append(Row(NAME, f"{which}: panels worker completed", None, "", note=problem[:160]))
        for kind, title in titles.items():
            values = worker.get(f"panel:{kind}")
            if not values:
                continue
            shown = worker.rows.get(kind, 0)
            parts = (
                f"{shown:,} rows: refresh {_med(worker.get(f'panel:{kind}:refresh')) or 0:.0f} ms "
                f"(store.all() {_med(worker.get(f'store:{kind}')) or 0:.0f}) "
                f"+ show/paint {_med(worker.get(f'panel:{kind}:show')) or 0:.0f} ms"
            )
            limit = TARGET_PANEL_MS if label == "big" else None
            rows += [
                Row(NAME, f"{which}: {title} panel opens, median", median(values), "ms", limit, parts),
                Row(
                    NAME, f"{which}: {title} panel opens, worst", max(values), "ms", limit, f"n={len(values)}"
                ),
            ]
        fill = worker.get("fill_lists")
        if fill:
            note = _spread(fill)
            if worker.get("reanchor"):
                note += f"; of which re-anchoring {_med(worker.get('reanchor')) or 0:.1f} ms"
            rows.append(Row(NAME, f"{which}: _settle() after first paint", median(fill), "ms", note=note))

    # Saves.
    where = f"{saved.settings}, on {saved.filesystem or 'the temp dir'}"
    for kind, values in (("update of a note", saved.update_ms), ("new note", saved.new_ms)):
        if values:
            rows += [
                Row(NAME, f"{size}: NoteStore.save, {kind}, median", median(values), "ms", TARGET_SAVE_MS,
                    f"n={len(values)}; {where}"),
                Row(NAME, f"{size}: NoteStore.save, {kind}, p95", percentile(values, 0.95), "ms",
                    note=f"worst {max(values):.1f} ms"),
            ]  # fmt: skip
    if saved.fsync_ms:
        rows.append(
            Row(NAME, "disk floor: 4 KiB write + fsync, median", median(saved.fsync_ms), "ms",
                note=f"n={len(saved.fsync_ms)}, same folder; a FULL commit waits for one or more")
        )  # fmt: skip
    for label in ("big", "empty"):
        values = panels[label].get("save_note")
        if values:
            which = size if label == "big" else "empty library"
            rows.append(
                Row(NAME, f"{which}: save_note() via window, median", median(values), "ms",
                    note=f"{_spread(values)}; includes the notes list refresh")
            )  # fmt: skip
    for metric, title in (("open_bookmark", "open a bookmark from its panel"), ("open_note", "open a note")):
        values = panels["big"].get(metric)
        if values:
            rows.append(Row(NAME, f"{size}: {title}", median(values), "ms", note=_spread(values)))

    # Start-up.
    by_label = {c.label: c for c in startup}
    big, empty = by_label["big"], by_label["empty"]
    for candidate in startup:
        if candidate.errors:
            rows.append(
                Row(NAME, f"start-up, {candidate.label} library: every run succeeds", None, "",
                    note=f"{len(candidate.errors)} failed: {candidate.errors[0]}")
            )  # fmt: skip

    def pair(
        title: str, big_values: list[float], empty_values: list[float], limit: float | None
    ) -> list[Row]:
        found = []
        if big_values:
            found.append(Row(NAME, f"{title}, {size}", median(big_values), "ms", note=_spread(big_values)))
        if empty_values:
            found.append(Row(NAME, f"{title}, empty", median(empty_values), "ms", note=_spread(empty_values)))
        found.append(
            Row(NAME, f"{title}: ratio big / empty", ratio(_med(big_values), _med(empty_values)), "x", limit)
        )
        return found

    rows += pair("start-up --screenshot, spawn to exit", big.screenshot_ms, empty.screenshot_ms, TARGET_RATIO)
    rows += pair("normal start, spawn to first paint", big.normal.get("spawn_to_paint"),
                 empty.normal.get("spawn_to_paint"), TARGET_RATIO)  # fmt: skip
    rows += pair("normal start, open_reader() to first paint", big.normal.get("first_paint"),
                 empty.normal.get("first_paint"), None)  # fmt: skip
    rows += pair("normal start, open_reader() to lists filled", big.normal.get("lists"),
                 empty.normal.get("lists"), None)  # fmt: skip
    for label, candidate in (("big", big), ("empty", empty)):
        which = size if label == "big" else "empty"
        values = candidate.normal.get("paint_to_lists")
        if values:
            rows.append(
                Row(NAME, f"normal start, first paint to lists filled, {which}", median(values), "ms",
                    note=f"{_spread(values)}; the window does not respond meanwhile")
            )  # fmt: skip
    for label in ("big", "empty"):
        values = panels[label].get("open_storage")
        if values:
            which = size if label == "big" else "empty"
            rows.append(
                Row(NAME, f"open_storage() alone, {which}", median(values), "ms",
                    note=f"{_spread(values)}; of which health()/quick_check "
                    f"{_med(panels[label].get('health')) or 0:.1f} ms")
            )  # fmt: skip
    return rows


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--worker" in argv:
        parser = argparse.ArgumentParser(prog="python -m benchmarks.library --worker")
        parser.add_argument("--worker", choices=("panels", "first-paint"), required=True)
        parser.add_argument("--data-dir", type=Path, required=True)
        parser.add_argument("--runs", type=int, default=DEFAULT_RUNS)
        parser.add_argument("--seed", type=int, default=SEED)
        parser.add_argument("--pad-refcounts", action="store_true")
        args = parser.parse_args(argv)
        if args.pad_refcounts:
            pad_refcounts()
        if args.worker == "panels":
            return _panels_worker(args.data_dir, args.runs, args.seed)
        return _first_paint_worker(args.data_dir)
    from benchmarks.__main__ import main as run_all

    return run_all([NAME, *argv])


if __name__ == "__main__":
    sys.exit(main())
