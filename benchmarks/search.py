"""Search benchmark: building a 10,000-section pack's index, and query latency as a reader types.

On a pack from ``benchmarks.packgen`` (10,000 sections, ~10 MB of Markdown;
its small vocabulary makes every word common, the hard case for ranking):

* the first build (``prepare_index`` into an empty cache dir: hashing,
  reading, stripping Markdown, FTS5), the index file's size, and a second
  start's ``prepare_index`` (find the cached file by the chapter files' stamps, check it);
* ``Searcher.search`` latency, median and p95 over ``--runs`` rounds, for
  (a) prefixes as typed ("t", "tr", "tra", ... for several words),
  (b) single words (typed with a space after them: whole words),
  (c) quoted phrases. A library of 1,000 notes is searched alongside, as
  in the window. Targets: median <= 5 ms, p95 <= 20 ms, for each kind.
* for reference: "no matches" for a misspelt query as the window runs it
  (the search, then suggestions from the titles and the glossaries' terms),
  the first suggestions after an index is attached (the title list is made
  then), text without a word the index knows ("☺", found as it stands by a
  scan of every section), and ``highlight_spans`` over a whole chapter's text
  (what highlighting the reading pane costs).

    python -m benchmarks search [--runs N] [--json]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from benchmarks.packgen import generate_pack
from benchmarks.report import Row, median, percentile

NAME = "search"
DEFAULT_RUNS = 5
SECTIONS = 10_000
WORDS_PER_SECTION = 150  # ~10 MB of Markdown
NOTES = 1_000
TARGET_MEDIAN_MS = 5.0
TARGET_P95_MS = 20.0
SEED = 20261127

TYPED = ("transplant", "infection", "medicines", "fatigue", "kidney", "questions", "platelets", "remission")
WORDS = ("lupus ", "fever ", "vaccines ", "insurance ", "rheumatologist ", "diary ", "consent ", "Sjogren ")
PHRASES = (
    '"blood counts"',
    '"stem cells"',
    '"side effects"',
    '"the transplant nurse"',
    '"signs of infection"',
    '"questions you bring along"',
    '"white blood cells"',
    '"central line"',
)
NOTE_WORDS = ("lupus", "flare", "fatigue", "pain", "kidney", "transplant", "nurse", "fever", "blood", "tired")
Log = Callable[[str], None]


def _typed() -> list[str]:
    return [word[:n] for word in TYPED for n in range(1, len(word) + 1)]


def _timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


def measure(runs: int = DEFAULT_RUNS, log: Log = print) -> list[Row]:
    from lupus_reader import resources
    from lupus_reader.content.pack import load_pack
    from lupus_reader.search import Searcher, glossary_terms, highlight_spans, prepare_index
    from lupus_reader.storage.memory import open_memory_database
    from lupus_reader.storage.stores import NoteStore

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="lupus-search-bench-") as temp:
        folder = generate_pack(Path(temp) / "pack", SECTIONS, WORDS_PER_SECTION, seed=1)
        markdown = sum(p.stat().st_size for p in folder.glob("*.md"))
        log(f"search: generated {SECTIONS:,} sections, {markdown / 1e6:.1f} MB of Markdown")
        cache = Path(temp) / "cache"
        pack = load_pack(folder)
        began = time.perf_counter()
        data = prepare_index(pack, cache)
        build_s = time.perf_counter() - began
        assert data is not None and data.built and data.path is not None
        size = data.path.stat().st_size
        log(f"search: built the index in {build_s:.2f} s ({size / 1e6:.1f} MB)")
        again = load_pack(folder)
        began = time.perf_counter()
        reused = prepare_index(again, cache)
        reuse_s = time.perf_counter() - began
        assert reused is not None and not reused.built

        database = open_memory_database()
        notes = NoteStore(database)
        rng = random.Random(SEED)
        for _ in range(NOTES):
            section = rng.choice(pack.sections)
            notes.save(None, pack.id, section.id, section.title, "", " ".join(rng.choices(NOTE_WORDS, k=12)))
        searcher = Searcher(database.connection)
        searcher.attach(reused)
        groups = {"prefixes as typed": _typed(), "single words": list(WORDS), "phrases": list(PHRASES)}
        for queries in groups.values():  # warm the page cache and the statement cache
            for query in queries:
                searcher.search(query)
        times: dict[str, list[float]] = {name: [] for name in groups}
        for _ in range(runs):
            for name, queries in groups.items():
                times[name] += [_timed(partial(searcher.search, query)) for query in queries]
        misspelt = ["kidny care", "infectoin", "rheumatolgist", "pregnacy planing"]
        terms = glossary_terms([pack, load_pack(resources.bundled_packs()[0])])

        def no_matches(query: str) -> None:  # what the window does for each keystroke that finds nothing
            searcher.search(query)
            searcher.suggestions(query, terms=terms)

        first_suggestions = []
        for _ in range(runs):
            cold = Searcher()
            cold.attach(reused)
            first_suggestions.append(_timed(partial(cold.suggestions, "fatige", terms=terms)))
            cold.close()
        no_matches("kidny")  # the suggester is made once for these packs and terms
        nothing = [_timed(partial(no_matches, q)) for q in misspelt * runs]
        symbols = [_timed(partial(searcher.search, q)) for q in ["☺", "→ ", "€"] * runs]
        chapter = " ".join(pack.section_text(s) for s in pack.chapters[0].sections)
        spans = [_timed(lambda: highlight_spans(chapter, "transplant nurse")) for _ in range(runs * 4)]
        searcher.close()
        database.close()

    setting = f"{SECTIONS:,} sections, {markdown / 1e6:.1f} MB Markdown"
    rows.append(Row(NAME, "index build (first open)", build_s * 1000, "ms", note=setting))
    rows.append(Row(NAME, "index size on disk", size / 1e6, "MB"))
    rows.append(Row(NAME, "cached index open (found by file stamps + check)", reuse_s * 1000, "ms"))
    everything: list[float] = []
    for name, values in times.items():
        everything += values
        count = f"{len(values)} searches, {len(values) // runs} queries x {runs}"
        rows.append(Row(NAME, f"{name}: median", median(values), "ms", TARGET_MEDIAN_MS, note=count))
        rows.append(Row(NAME, f"{name}: p95", percentile(values, 0.95), "ms", TARGET_P95_MS))
    rows.append(Row(NAME, "all queries: max", max(everything), "ms", note=f"with {NOTES:,} notes"))
    rows.append(
        Row(NAME, "no matches (search + suggestions): median", median(nothing), "ms", TARGET_MEDIAN_MS,
            note=f"with {len(terms)} glossary terms")
    )  # fmt: skip
    rows.append(
        Row(NAME, "no matches (search + suggestions): p95", percentile(nothing, 0.95), "ms", TARGET_P95_MS)
    )
    rows.append(Row(NAME, "first suggestions (title list made): median", median(first_suggestions), "ms"))
    rows.append(Row(NAME, "text without words (scan): median", median(symbols), "ms", note='"☺", "→", "€"'))
    size_kb = len(chapter) // 1000
    rows.append(Row(NAME, "highlight_spans, one chapter: median", median(spans), "ms", note=f"{size_kb} KB"))
    return rows


def main() -> int:
    import argparse
    import json

    from benchmarks.report import format_table

    parser = argparse.ArgumentParser(prog="python -m benchmarks.search")
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = measure(args.runs, lambda message: print(message, file=sys.stderr))
    print(json.dumps([r.to_json() for r in rows], indent=2) if args.json else format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
