"""Run the benchmarks and print one table: ``python -m benchmarks [startup|switching] [options]``.

Exit status is 0 when every measurement was made, whether or not its target
was met (this is a report, not a test); 1 when a benchmark could not run.
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

from benchmarks import startup, switching
from benchmarks.report import Row, format_table

BENCHMARKS = ("startup", "switching")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description="Measure Lupus Reader and print one table."
    )
    parser.add_argument(
        "which",
        nargs="*",
        metavar="BENCHMARK",
        help=f"one or more of {', '.join(BENCHMARKS)} (default: all)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        metavar="N",
        help=f"start-up runs per candidate (default {startup.DEFAULT_RUNS}) and rounds over "
        f"the bundled guide's sections in the switching benchmark (default {switching.DEFAULT_ROUNDS})",
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
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    unknown = sorted(set(args.which) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    chosen = [name for name in BENCHMARKS if not args.which or name in args.which]
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
                )
            else:
                rows += switching.measure(args.runs or switching.DEFAULT_ROUNDS, args.switches, log=log)
        except Exception as error:  # a report: say what broke, still print the rest
            traceback.print_exc()
            broken.append(name)
            rows.append(Row(name, "could not run", None, "", note=str(error)[:120]))
    elapsed = time.perf_counter() - began
    broken += sorted({row.benchmark for row in rows if row.value is None} - set(broken))

    if args.json:
        from PySide6 import __version__ as pyside_version

        report = {
            "benchmarks": chosen,
            "elapsed_s": round(elapsed, 1),
            "python": platform.python_version(),
            "pyside6": pyside_version,
            "machine": {"system": platform.system(), "cpus": os.cpu_count()},
            "rows": [row.to_json() for row in rows],
            "failed_targets": [f"{r.benchmark} / {r.metric}" for r in rows if r.status == "FAIL"],
            "errors": broken,
        }
        print(json.dumps(report, indent=2))
    else:
        print(format_table(rows))
        print(f"total time {elapsed:.0f} s on {os.cpu_count()} CPUs, Python {platform.python_version()}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
