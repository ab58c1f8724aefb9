"""Run the benchmarks and print one table: ``python -m benchmarks [BENCHMARK ...] [--all] [options]``.

Without names it runs startup, switching, library and search.  ``bundle`` (two
PyInstaller builds of a clone of HEAD, then the frozen apps' sizes and start-up;
about a minute and a half) runs only when named, ``python -m benchmarks bundle``,
or with ``--all``, which runs every benchmark of the project.

Exit status is 0 whether or not targets are met, and also when the app under
test crashed (an ERROR row says so): this is a report, not a test.  It is 1
only when the harness itself broke (a Python exception in a benchmark).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import traceback
from collections.abc import Sequence
from importlib import metadata

from benchmarks import bundle, library, search, startup, switching
from benchmarks.report import Row, format_table

BENCHMARKS = ("startup", "switching", "library", "search", "bundle")
DEFAULT = ("startup", "switching", "library", "search")  # bundle builds two bundles: only when asked for


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description="Measure Lupus Reader and print one table."
    )
    parser.add_argument(
        "which",
        nargs="*",
        metavar="BENCHMARK",
        help=f"one or more of {', '.join(BENCHMARKS)} (default: {', '.join(DEFAULT)})",
    )
    parser.add_argument(
        "--all", action="store_true", help="run every benchmark, bundle (two PyInstaller builds) included"
    )
    parser.add_argument(
        "--runs",
        type=int,
        metavar="N",
        help=f"start-up runs per candidate (default {startup.DEFAULT_RUNS}) and rounds over "
        f"the bundled guide's sections in the switching benchmark (default {switching.DEFAULT_ROUNDS}); "
        f"start-up runs and panel openings per library in the library benchmark "
        f"(default {library.DEFAULT_RUNS}); rounds over the queries in the search benchmark "
        f"(default {search.DEFAULT_RUNS}); frozen start-up runs per candidate in the bundle benchmark "
        f"(default {bundle.DEFAULT_RUNS})",
    )
    parser.add_argument(
        "--switches",
        type=int,
        default=switching.DEFAULT_SWITCHES,
        metavar="N",
        help=f"random switches in the generated pack (default {switching.DEFAULT_SWITCHES})",
    )
    parser.add_argument(
        "--no-big-packs",
        action="store_true",
        help="start-up: skip the generated 2,000- and 10,000-section packs",
    )
    parser.add_argument(
        "--pad-refcounts",
        action="store_true",
        help="run the reader with None/True/False made practically immortal, as on Python 3.12+ "
        "(works around PySide6 6.12's refcount leak on 3.11; see benchmarks/refcounts.py)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    unknown = sorted(set(args.which) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    wanted = BENCHMARKS if args.all else args.which or DEFAULT
    chosen = [name for name in BENCHMARKS if name in wanted]
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")

    def log(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    began = time.perf_counter()
    rows: list[Row] = []
    broken: list[str] = []
    for name in chosen:
        try:
            if name == "startup":
                rows += startup.measure(
                    args.runs or startup.DEFAULT_RUNS,
                    () if args.no_big_packs else startup.BIG_PACKS,
                    log,
                    padded=args.pad_refcounts,
                )
            elif name == "bundle":
                rows += bundle.measure(args.runs or bundle.DEFAULT_RUNS, log)
            elif name == "search":
                rows += search.measure(args.runs or search.DEFAULT_RUNS, log)
            elif name == "library":
                rows += library.measure(args.runs or library.DEFAULT_RUNS, log, padded=args.pad_refcounts)
            else:
                rows += switching.measure(
                    args.runs or switching.DEFAULT_ROUNDS, args.switches, log=log, padded=args.pad_refcounts
                )
        except Exception as error:  # a report: say what broke, still print the rest
            traceback.print_exc()
            broken.append(name)
            rows.append(Row(name, "could not run", None, "", note=str(error)[:120]))
    elapsed = time.perf_counter() - began
    try:
        pyside = metadata.version("PySide6-Essentials")
    except metadata.PackageNotFoundError:
        pyside = "unknown"
    setting = f"Python {platform.python_version()}, PySide6 {pyside}, {os.cpu_count()} CPUs"
    if args.pad_refcounts:
        setting += ", --pad-refcounts"

    if args.json:
        report = {
            "benchmarks": chosen,
            "elapsed_s": round(elapsed, 1),
            "python": platform.python_version(),
            "pyside6": pyside,
            "pad_refcounts": args.pad_refcounts,
            "machine": {"system": platform.system(), "cpus": os.cpu_count()},
            "rows": [row.to_json() for row in rows],
            "failed_targets": [f"{r.benchmark} / {r.metric}" for r in rows if r.status == "FAIL"],
            "errors": [f"{r.benchmark} / {r.metric}: {r.note}" for r in rows if r.value is None],
            "harness_errors": broken,
        }
        print(json.dumps(report, indent=2))
    else:
        print(format_table(rows))
        print(f"total time {elapsed:.0f} s ({setting})")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
