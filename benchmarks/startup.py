"""Start-up benchmark: process spawn to first painted section, against a bare Qt window.

Each candidate is a child process that opens its window, waits for the first
paint of the content, saves a PNG and exits; we time spawn to exit (wall
clock) and read the child's peak RSS from ``os.wait4``.  Candidates run
interleaved, one run each per round with the order rotated every round, so
they share the machine's noise; a discarded warm-up round fills the disk cache.

Candidates: ``bare_app.py`` (the baseline), the reader on its bundled guide,
and the reader on generated 2,000- and 10,000-section packs (``--pack``).
The bundled guide and the 10,000-section pack also run to "search ready"
(``search_ready.py``: the first paint, then every search index opened from the
warm cache, which starts after the first paint, then a query answered): issue
5's target is that ratio, 10,000 sections / bundled, at most 1.2.
Every child gets ``QT_QPA_PLATFORM=offscreen``. Each reader candidate keeps one
data dir across its runs, as a returning reader does (the warm-up run fills its
page cache); "first start" runs the bundled guide with a fresh, empty data dir
every time, as on the day the app is installed.  Bytecode
caches go to a temp ``PYTHONPYCACHEPREFIX`` (written in the warm-up round), so runs
see what an installed app sees even in a ``PYTHONDONTWRITEBYTECODE`` shell.

    python -m benchmarks startup [--runs N] [--json]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import bare_app, search_ready
from benchmarks.packgen import generate_pack
from benchmarks.refcounts import PAD_CODE
from benchmarks.report import Row, median, ratio
from benchmarks.screen import offscreen_platform

NAME = "startup"
DEFAULT_RUNS = 7
BIG_PACKS = (2_000, 10_000)
TARGET_RATIO = 1.3
# Issue 5: with its search index warm, the 10,000-section pack starts within 1.2x the bundled guide,
# to the first paint and to search ready.
BIG_PACK_TARGETS = {10_000: 1.2}
SEARCH_READY_PACKS = (10_000,)  # also timed to search ready, against the bundled guide
SEARCH_QUERY = "transplant"  # in the bundled guide and in every generated pack
CHILD_TIMEOUT_S = 60
Log = Callable[[str], None]


@dataclass(slots=True)
class Candidate:
    label: str
    command: Callable[[Path, Path], list[str]]  # (png, data dir) -> argv
    wall_ms: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    fresh_data: bool = False  # a new empty data dir for every run
    data_label: str = ""  # share the data dir of the candidate with this label (default: its own)


def reader_command(padded: bool = False) -> list[str]:
    """The installed ``lupus-reader`` script beside this Python, else ``python -m lupus_reader``.

    ``padded`` starts the same ``main()`` after refcounts.PAD_CODE.
    """
    if padded:
        return [
            sys.executable,
            "-c",
            f"{PAD_CODE}import sys\nfrom lupus_reader.app import main\nsys.exit(main())",
        ]
    script = Path(sys.executable).with_name("lupus-reader")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "lupus_reader"]


def child_environment(data_dir: Path, pycache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = offscreen_platform()
    env["LUPUS_READER_DATA_DIR"] = str(data_dir)  # belt and braces: never the user's own
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    # A user's install has bytecode caches; a PYTHONDONTWRITEBYTECODE shell would make every
    # run compile the app from source.  Keep the caches in our temp dir, out of the work tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def run_child(
    argv: list[str], png: Path, data_dir: Path, cwd: Path, pycache: Path
) -> tuple[float, float | None, str]:
    """(wall ms, peak RSS MB or None, error or "") for one child run."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=cwd) as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, cwd=cwd, env=child_environment(data_dir, pycache), stdout=subprocess.DEVNULL, stderr=errors
        )
        rss: float | None = None
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(process.pid, 0)
            elapsed = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            # Linux reports kilobytes, macOS bytes.
            rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        else:  # pragma: no cover - Windows: time only
            process.wait(CHILD_TIMEOUT_S)
            elapsed = time.perf_counter() - start
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    problem = ""
    if process.returncode != 0:
        lines = [line.strip() for line in stderr.splitlines() if "propagateSizeHints" not in line]
        cause = next((line for line in lines if "Fatal Python error" in line), "")
        cause = cause or next((line for line in reversed(lines) if line), "no message")
        where = next((line for line in lines if line.startswith("File ")), "")
        problem = f"exit {process.returncode}: {cause}" + (f" [{where}]" if where else "")
    elif not png.is_file() or png.stat().st_size == 0:
        problem = "no screenshot written"
    return elapsed * 1000.0, rss, problem


def _candidates(packs: dict[int, Path], padded: bool) -> list[Candidate]:
    bare_script = Path(bare_app.__file__).resolve()
    text = [str(f) for f in bare_app.default_text_files()]
    reader = reader_command(padded)
    found = [
        Candidate("bare", lambda png, _data: [sys.executable, str(bare_script), str(png), "--text", *text]),
        Candidate("bundled", lambda png, data: [*reader, "--screenshot", str(png), "--data-dir", str(data)]),
        Candidate(
            "first",
            lambda png, data: [*reader, "--screenshot", str(png), "--data-dir", str(data)],
            fresh_data=True,
        ),
    ]
    for sections, folder in packs.items():
        found.append(
            Candidate(
                f"{sections}",
                lambda png, data, folder=folder: [
                    *reader,
                    "--screenshot",
                    str(png),
                    "--data-dir",
                    str(data),
                    "--pack",
                    str(folder),
                ],
            )
        )
    ready = [sys.executable, str(Path(search_ready.__file__).resolve())]
    found.append(
        Candidate(
            "bundled-search",
            lambda png, data: [*ready, str(png), SEARCH_QUERY, "--data-dir", str(data)],
            data_label="bundled",
        )
    )
    for sections in SEARCH_READY_PACKS:
        if sections in packs:
            found.append(
                Candidate(
                    f"{sections}-search",
                    lambda png, data, folder=packs[sections]: [
                        *ready,
                        str(png),
                        SEARCH_QUERY,
                        "--data-dir",
                        str(data),
                        "--pack",
                        str(folder),
                    ],
                    data_label=f"{sections}",
                )
            )
    return found


def run_interleaved(
    candidates: list[Candidate], runs: int, work: Path, pycache: Path, log: Log, name: str
) -> None:
    """Run every candidate once per round (round 0 a discarded warm-up), in an order
    rotated each round so they share the machine's noise; fill in their figures."""
    for round_number in range(runs + 1):
        if not candidates:
            return
        log(f"{name}: round {round_number}/{runs}{' (warm-up)' if round_number == 0 else ''}")
        shift = round_number % len(candidates)
        for candidate in candidates[shift:] + candidates[:shift]:
            run_dir = work / f"run-{round_number}-{candidate.label}"
            run_dir.mkdir()
            png = run_dir / "window.png"
            shared = candidate.data_label or candidate.label
            data = run_dir / "data" if candidate.fresh_data else work / f"data-{shared}"
            wall, rss, problem = run_child(candidate.command(png, data), png, data, run_dir, pycache)
            shutil.rmtree(run_dir, ignore_errors=True)
            if problem:
                if problem not in candidate.errors:
                    log(f"{name}: {candidate.label} failed: {problem}")
                candidate.errors.append(problem)
            elif round_number > 0:
                candidate.wall_ms.append(wall)
                if rss is not None:
                    candidate.rss_mb.append(rss)


def measure(
    runs: int, big_packs: tuple[int, ...] = BIG_PACKS, log: Log = lambda _: None, padded: bool = False
) -> list[Row]:
    """Interleaved start-up runs of every candidate; ``padded``: see refcounts.py."""
    runs = max(runs, 1)
    work = Path(tempfile.mkdtemp(prefix="lupus-bench-startup-"))
    try:
        packs: dict[int, Path] = {}
        for sections in big_packs:
            log(f"startup: generating a {sections}-section pack")
            packs[sections] = generate_pack(work / f"pack-{sections}", sections)
            log("startup: building its search index (a returning reader's is warm)")
            warm_search_index(packs[sections], work / f"data-{sections}")
        candidates = _candidates(packs, padded)
        run_interleaved(candidates, runs, work, work / "pycache", log, "startup")
        return _rows(candidates, runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def warm_search_index(pack: Path, data: Path) -> None:
    """Build and cache the pack's search index in ``data``, as the window does after its first paint."""
    # --data-dir before the subcommand: it is the main parser's option.
    argv = [sys.executable, "-m", "lupus_reader", "--data-dir", str(data), "search", "x", "--pack", str(pack)]
    subprocess.run(argv, check=True, capture_output=True, timeout=CHILD_TIMEOUT_S)
    if not list((data / "cache" / "search").glob("*")):
        raise RuntimeError(f"no search index was cached under {data}")


def _med(values: list[float]) -> float | None:
    return median(values) if values else None


def _describe(candidate: Candidate) -> str:
    if candidate.label.endswith("-search"):
        return _describe(Candidate(candidate.label.removesuffix("-search"), candidate.command))
    if candidate.label == "bare":
        return "bare Qt window"
    if candidate.label == "bundled":
        return "reader, bundled guide"
    if candidate.label == "first":
        return "reader, bundled guide, first start"
    return f"reader, {int(candidate.label):,}-section pack"


def timing_rows(name: str, c: Candidate, what: str, runs: int, until: str = "painted exit") -> list[Row]:
    """A candidate's start-up time (median, worst), and its failures if any."""
    rows = []
    if c.errors:
        failed = f"{len(c.errors)} of {runs + 1} runs (incl. warm-up) failed: {c.errors[0]}"
        rows.append(Row(name, f"{what}: every run exits 0 with a PNG", None, "", note=failed))
    if c.wall_ms:
        note = f"median of {len(c.wall_ms)}, worst {max(c.wall_ms):.0f} ms"
        rows.append(Row(name, f"{what}: spawn to {until}", _med(c.wall_ms), "ms", note=note))
    return rows


def memory_rows(name: str, c: Candidate, what: str) -> list[Row]:
    """A candidate's peak memory (median, worst)."""
    if not c.rss_mb:
        return []
    note = f"median of {len(c.rss_mb)}, worst {max(c.rss_mb):.1f} MB"
    return [Row(name, f"{what}: peak RSS", _med(c.rss_mb), "MB", note=note)]


def _rows(candidates: list[Candidate], runs: int) -> list[Row]:
    by_label = {c.label: c for c in candidates}
    bare, bundled, first = by_label["bare"], by_label["bundled"], by_label["first"]

    def timing(c: Candidate) -> list[Row]:
        return timing_rows(NAME, c, _describe(c), runs)

    def memory(c: Candidate) -> list[Row]:
        return memory_rows(NAME, c, _describe(c))

    bare_ms, bundled_ms = _med(bare.wall_ms), _med(bundled.wall_ms)
    bare_rss, bundled_rss = _med(bare.rss_mb), _med(bundled.rss_mb)
    rows = [
        *timing(bare),
        *timing(bundled),
        Row(NAME, "time ratio reader / bare", ratio(bundled_ms, bare_ms), "x", TARGET_RATIO),
        *memory(bare),
        *memory(bundled),
        Row(NAME, "peak RSS ratio reader / bare", ratio(bundled_rss, bare_rss), "x", TARGET_RATIO),
        *timing(first),
        Row(NAME, "time ratio first start / bare", ratio(_med(first.wall_ms), bare_ms), "x"),
    ]
    for candidate in candidates[3:]:
        if candidate.label.endswith("-search"):
            continue
        size = f"{int(candidate.label):,}-section pack"
        ms, rss = _med(candidate.wall_ms), _med(candidate.rss_mb)
        rows += [
            *timing(candidate),
            Row(
                NAME,
                f"time ratio {size} / bundled",
                ratio(ms, bundled_ms),
                "x",
                BIG_PACK_TARGETS.get(int(candidate.label), TARGET_RATIO),
                note="search index warm",
            ),
            *memory(candidate),
        ]
        if rss is not None:
            rows.append(Row(NAME, f"peak RSS ratio {size} / bundled", ratio(rss, bundled_rss), "x"))
    return rows + _search_ready_rows(by_label, runs)


def _search_ready_rows(by_label: dict[str, Candidate], runs: int) -> list[Row]:
    """Spawn to search ready (warm indexes, a query answered), and the big packs against the bundled guide."""
    bundled = by_label.get("bundled-search")
    if bundled is None:
        return []
    until = "search ready (warm index, query answered)"
    rows = timing_rows(NAME, bundled, _describe(bundled), runs, until)
    for sections in SEARCH_READY_PACKS:
        big = by_label.get(f"{sections}-search")
        if big is None:
            continue
        rows += timing_rows(NAME, big, _describe(big), runs, until)
        rows.append(
            Row(
                NAME,
                f"time ratio {sections:,}-section pack / bundled, to search ready",
                ratio(_med(big.wall_ms), _med(bundled.wall_ms)),
                "x",
                BIG_PACK_TARGETS.get(sections, TARGET_RATIO),
                note="search index warm",
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    from benchmarks.__main__ import main as run_all

    return run_all([NAME, *(argv if argv is not None else sys.argv[1:])])


if __name__ == "__main__":
    sys.exit(main())
