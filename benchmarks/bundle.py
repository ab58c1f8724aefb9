"""Bundle benchmark: the frozen reader against a frozen bare PySide6 app, size and start-up.

Slow (two PyInstaller builds, about a minute on 2 CPUs), so ``python -m
benchmarks`` leaves it out: run it by name, ``python -m benchmarks bundle``, or
with everything else, ``python -m benchmarks --all``.  Linux only, as
``scripts/build-bundle`` and CI are.

What is built.  When the repository is a git checkout, the code is taken from a
temporary ``git clone`` of its committed HEAD, so uncommitted edits (which the
first row's note counts) neither get into the bundle nor break the build; when
it is not a git checkout, from a copy of the working tree (without ``.venv``,
``build``, ``dist`` and caches).  ``build.spec`` puts that copy first on
``sys.path``, ahead of an editable install's finder; the benchmark checks in
PyInstaller's Analysis TOC that the bundled ``lupus_reader`` came from it.
Both builds use the Python running the benchmark (``sys.executable``, so the
same PyInstaller) and a private, empty PyInstaller cache
(``PYINSTALLER_CONFIG_DIR`` in the temp dir), one after the other, bare first:

* bare: ``benchmarks/bare_app.py`` frozen with plain ``pyinstaller --onedir
  --windowed --clean`` and nothing else: PyInstaller's default hooks, no
  excludes, no strip, no filtering, i.e. what a plain PyInstaller build of a
  PySide6 app gives;
* reader: ``scripts/build-bundle`` as it stands (``build.spec``, then the
  extras and the release archive ``dist/lupus-reader-*.tar.gz``).

Sizes are apparent sizes (``du --apparent-size`` style: the bytes of every
file and symlink, not following links, directories not counted), in MB of
2**20 bytes, like ``du -h`` and the RSS figures.  Targets: the reader's folder
is no larger than the bare one; the archive is at most 60 MB.  The three
largest files of the reader's folder are listed to show where its size goes.

Start-up, as in startup.py: each child opens its window offscreen
(``QT_QPA_PLATFORM=offscreen``), saves a PNG at the first paint and exits; we
time spawn to exit and read peak RSS from ``os.wait4``.  Candidates run
interleaved, the order rotated every round, after a discarded warm-up round:
the frozen bare app (``bare-app PNG --text ARTICLE``), the frozen reader
(``lupus-reader --screenshot PNG --data-dir D``) with one data dir kept across
its runs, as a returning reader has (target: at most 1.3x the bare app's
median time and peak RSS), and the frozen reader's first start with a fresh,
empty data dir every run (no target).

    python -m benchmarks bundle [--runs N] [--json]
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from benchmarks import bare_app
from benchmarks.report import Row, median, ratio
from benchmarks.startup import Candidate, memory_rows, run_interleaved, timing_rows

NAME = "bundle"
DEFAULT_RUNS = 9
TARGET_RATIO = 1.3
ARCHIVE_LIMIT_MB = 60.0
MB = 1024 * 1024
BUILD_TIMEOUT_S = 600
LARGEST_FILES = 3
ROOT = Path(__file__).resolve().parent.parent
APP = "lupus-reader"
BARE = "bare-app"
# Left out of the copy when the repository is not a git checkout (top level only, and __pycache__).
NOT_COPIED = {".git", ".venv", "venv", "build", "dist", ".mypy_cache", ".pytest_cache", ".ruff_cache"}
PYINSTALLER_LOG = re.compile(r"^\d+ (DEBUG|INFO|WARNING|DEPRECATION) ")
Log = Callable[[str], None]


@dataclass(slots=True)
class Build:
    """One build: the one-folder bundle, the archive if any, wall time and what went wrong."""

    label: str
    seconds: float | None = None
    folder: Path | None = None
    archive: Path | None = None
    error: str = ""


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True, timeout=120
    ).stdout.strip()


def snapshot_source(repo: Path, into: Path) -> str:
    """Put the code to build in ``into``; say what it is (committed HEAD or the working tree)."""
    try:
        toplevel = Path(_git("rev-parse", "--show-toplevel", cwd=repo)).resolve()
    except (OSError, subprocess.SubprocessError):
        toplevel = None
    if toplevel == repo.resolve():
        head = _git("rev-parse", "HEAD", cwd=repo)
        _git("clone", "-q", "--no-checkout", str(repo), str(into), cwd=repo)
        _git("checkout", "-q", "--detach", head, cwd=into)
        dirty = len(_git("status", "--porcelain", cwd=repo).splitlines())
        left_out = f" ({dirty} uncommitted changes left out)" if dirty else ""
        return f"built from a clone of HEAD {head[:7]}{left_out}"

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = Path(folder).resolve() == repo.resolve()
        return {
            n for n in names if n == "__pycache__" or n.endswith(".egg-info") or (top and n in NOT_COPIED)
        }

    shutil.copytree(repo, into, symlinks=True, ignore=ignore)
    return "built from a copy of the working tree (not a git checkout)"


def _last_error(stderr: str, returncode: int) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    messages = [line for line in lines if not PYINSTALLER_LOG.match(line)]
    return f"exit {returncode}: {(messages or lines or ['no message'])[-1]}"


def _timed_build(build: Build, argv: list[str], cwd: Path, cache: Path) -> None:
    env = dict(os.environ)
    env["PYTHON"] = sys.executable  # scripts/build-bundle runs PyInstaller with it
    env["PYINSTALLER_CONFIG_DIR"] = str(cache)  # a private cache: no one else's build interferes
    start = time.perf_counter()
    try:
        done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        build.error = f"no result within {BUILD_TIMEOUT_S} s"
        return
    build.seconds = time.perf_counter() - start
    if done.returncode != 0:
        build.error = _last_error(done.stderr, done.returncode)


def build_bare(source: Path, work: Path, cache: Path) -> Build:
    """``bare_app.py`` frozen with plain PyInstaller options: one folder, windowed, default hooks."""
    build = Build("bare")
    folder = work / "bare"
    folder.mkdir()
    script = source / "benchmarks" / "bare_app.py"
    shutil.copy2(script if script.is_file() else Path(bare_app.__file__), folder / "bare_app.py")
    argv = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN"]
    argv += ["--onedir", "--windowed", "--name", BARE, "--distpath", "dist", "--workpath", "build"]
    argv += ["--specpath", ".", "bare_app.py"]
    _timed_build(build, argv, folder, cache)
    if (folder / "dist" / BARE / BARE).is_file():
        build.folder = folder / "dist" / BARE
    return build


def build_reader(source: Path, cache: Path) -> Build:
    """``scripts/build-bundle`` in the snapshot: the real folder and release archive."""
    build = Build("reader")
    _timed_build(build, [str(source / "scripts" / "build-bundle")], source, cache)
    if (source / "dist" / APP / APP).is_file():
        build.folder = source / "dist" / APP
    archives = sorted((source / "dist").glob(f"{APP}-*.tar.gz"))
    build.archive = archives[-1] if archives else None
    # build.spec must have bundled the snapshot's package, not an editable install elsewhere.
    for toc in (source / "build").glob("*/Analysis-00.toc"):
        text = toc.read_text(encoding="utf-8", errors="replace")
        if "lupus_reader" in text and str(source / "lupus_reader") not in text:
            build.error = build.error or f"{toc.name} names no lupus_reader under {source}"
            build.folder = None
    return build


def folder_size(folder: Path) -> tuple[int, int]:
    """(apparent bytes, file count) of every file and symlink under ``folder``, links not followed."""
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_symlink() or path.is_file():
            total += path.lstat().st_size
            count += 1
    return total, count


def largest_files(folder: Path, how_many: int) -> list[tuple[int, str]]:
    sizes = [
        (path.lstat().st_size, str(path.relative_to(folder)))
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    ]
    return sorted(sizes, reverse=True)[:how_many]


def _start_up(bare: Build, reader: Build, runs: int, work: Path, log: Log) -> list[Candidate]:
    """Interleaved frozen start-up runs; round 0 is a discarded warm-up."""
    text = [str(path) for path in bare_app.default_text_files()]
    candidates: list[Candidate] = []
    if bare.folder is not None:
        exe = str(bare.folder / BARE)
        candidates.append(Candidate("bare", lambda png, _data: [exe, str(png), "--text", *text]))
    if reader.folder is not None:
        app = str(reader.folder / APP)
        candidates += [
            Candidate("reader", lambda png, data: [app, "--screenshot", str(png), "--data-dir", str(data)]),
            Candidate(
                "first",
                lambda png, data: [app, "--screenshot", str(png), "--data-dir", str(data)],
                fresh_data=True,
            ),
        ]
    # Frozen apps ignore the bytecode cache folder run_child passes on.
    run_interleaved(candidates, runs, work, work / "pycache", log, "bundle")
    return candidates


def measure(runs: int = DEFAULT_RUNS, log: Log = lambda _: None) -> list[Row]:
    """Build both bundles in a temp dir, measure them, remove everything; the rows of the report."""
    runs = max(runs, 1)
    work = Path(tempfile.mkdtemp(prefix="lupus-bench-bundle-"))
    try:
        source = work / "src"
        log("bundle: taking a snapshot of the source")
        origin = snapshot_source(ROOT, source)
        cache = work / "pyinstaller-cache"
        log("bundle: building the bare PySide6 app (PyInstaller defaults)")
        bare = build_bare(source, work, cache)
        log(f"bundle: building the reader (scripts/build-bundle), {origin}")
        reader = build_reader(source, cache)
        candidates = _start_up(bare, reader, runs, work, log)
        return _rows(bare, reader, origin, {c.label: c for c in candidates}, runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _med(values: list[float]) -> float | None:
    return median(values) if values else None


def _mb(size: int | None) -> float | None:
    return None if size is None else size / MB


def _build_rows(bare: Build, reader: Build, origin: str) -> list[Row]:
    try:
        pyinstaller = f"PyInstaller {metadata.version('pyinstaller')}"
    except metadata.PackageNotFoundError:
        pyinstaller = "PyInstaller"
    rows = [
        Row(NAME, "build bare app: pyinstaller --onedir --windowed", bare.seconds, "s", note=pyinstaller),
        Row(NAME, "build reader: scripts/build-bundle", reader.seconds, "s", note=origin),
    ]
    if bare.error:
        rows.append(Row(NAME, "bare app build succeeds", None, "", note=bare.error))
    if reader.error:
        built = "; the folder was built" if reader.folder else ""
        rows.append(Row(NAME, "scripts/build-bundle succeeds", None, "", note=reader.error + built))
    return rows


def _size_rows(bare: Build, reader: Build) -> list[Row]:
    bare_bytes, bare_files = folder_size(bare.folder) if bare.folder else (None, 0)
    reader_bytes, reader_files = folder_size(reader.folder) if reader.folder else (None, 0)
    bare_mb, reader_mb = _mb(bare_bytes), _mb(reader_bytes)
    rows = [
        Row(
            NAME, "bare app folder", bare_mb, "MB", note=f"{bare_files} files" if bare.folder else bare.error
        ),
        Row(
            NAME,
            "reader folder (dist/lupus-reader)",
            reader_mb,
            "MB",
            bare_mb,  # no larger than the bare app's
            note=f"{reader_files} files" if reader.folder else reader.error,
        ),
        Row(NAME, "folder size ratio reader / bare", ratio(reader_mb, bare_mb), "x"),
    ]
    archive = reader.archive
    rows.append(
        Row(
            NAME,
            "release archive (.tar.gz)",
            _mb(archive.stat().st_size) if archive else None,
            "MB",
            ARCHIVE_LIMIT_MB,
            note=f"{archive.name}, {archive.stat().st_size / 1e6:.1f} MB decimal"
            if archive
            else reader.error or "no archive written",
        )
    )
    if reader.folder:
        for place, (size, name) in enumerate(largest_files(reader.folder, LARGEST_FILES), 1):
            rows.append(Row(NAME, f"reader folder, largest file #{place}", size / MB, "MB", note=name))
    return rows


def _start_up_rows(found: dict[str, Candidate], runs: int) -> list[Row]:
    describe = {
        "bare": "frozen bare app",
        "reader": "frozen reader",
        "first": "frozen reader, first start",
        "": "frozen app that was not built",
    }
    empty = Candidate("", lambda _png, _data: [])  # a build failed: its rows say n/a
    bare, reader, first = (found.get(label, empty) for label in ("bare", "reader", "first"))

    def timing(c: Candidate) -> list[Row]:
        return timing_rows(NAME, c, describe[c.label], runs)

    def memory(c: Candidate) -> list[Row]:
        return memory_rows(NAME, c, describe[c.label])

    bare_ms, bare_rss = _med(bare.wall_ms), _med(bare.rss_mb)
    returning = "returning reader: one data dir kept across runs"
    return [
        *timing(bare),
        *timing(reader),
        Row(
            NAME,
            "frozen time ratio reader / bare",
            ratio(_med(reader.wall_ms), bare_ms),
            "x",
            TARGET_RATIO,
            note=returning,
        ),
        *memory(bare),
        *memory(reader),
        Row(
            NAME,
            "frozen peak RSS ratio reader / bare",
            ratio(_med(reader.rss_mb), bare_rss),
            "x",
            TARGET_RATIO,
        ),
        *timing(first),
        *memory(first),
        Row(
            NAME,
            "frozen time ratio first start / bare",
            ratio(_med(first.wall_ms), bare_ms),
            "x",
            note="a fresh, empty data dir every run",
        ),
    ]


def _rows(bare: Build, reader: Build, origin: str, found: dict[str, Candidate], runs: int) -> list[Row]:
    return [*_build_rows(bare, reader, origin), *_size_rows(bare, reader), *_start_up_rows(found, runs)]


def main(argv: list[str] | None = None) -> int:
    from benchmarks.__main__ import main as run_all

    return run_all([NAME, *(argv if argv is not None else sys.argv[1:])])


if __name__ == "__main__":
    sys.exit(main())
