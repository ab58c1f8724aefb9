"""Start-up benchmark child: the reader started as ``--screenshot`` starts it, timed to search ready.

Where ``lupus-reader --screenshot PNG`` exits at the first paint, this waits
on: the search indexes are prepared after the first paint (from the cache, when
warm), then QUERY is typed into the search field, and once its results are
listed it saves the window (results and all) to PNG and exits 0. It exits 1 if
the query found nothing or it took more than 60 s.

    python benchmarks/search_ready.py PNG QUERY [--pack PATH]... --data-dir DIR
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

TIMEOUT_MS = 60_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("png", type=Path)
    parser.add_argument("query")
    parser.add_argument("--pack", action="append", type=Path, default=[])
    parser.add_argument("--data-dir", type=Path, required=True)
    args = parser.parse_args(argv)

    from PySide6.QtCore import QTimer

    from lupus_reader import paths
    from lupus_reader.app import ensure_application, open_reader

    gc.disable()  # as _run_gui does; open_reader's first-paint hook turns it back on
    app = ensure_application()
    opened = open_reader(
        args.pack,
        paths.data_dir(str(args.data_dir)),
        remember=False,
        cache_dir=paths.cache_dir(str(args.data_dir)),
        notice=False,
    )
    if opened is None:
        return 1
    window, _ = opened
    from lupus_reader.ui.search_controller import SearchController

    search = window.findChild(SearchController)
    result = {"code": 1}

    def ask() -> None:
        window.search_panel.field.setText(args.query)
        window.search_panel.flush()
        if window.search_panel.results.rows.rowCount():
            result["code"] = 0 if window.grab().save(str(args.png), "PNG", 80) else 1
        else:
            print(f"search_ready: no results for {args.query!r}", file=sys.stderr)
        app.quit()

    def too_slow() -> None:
        print(f"search_ready: search not ready within {TIMEOUT_MS // 1000} s", file=sys.stderr)
        app.quit()

    search.ready.connect(ask)
    QTimer.singleShot(TIMEOUT_MS, too_slow)
    app.exec()
    return result["code"]


if __name__ == "__main__":
    sys.exit(main())
