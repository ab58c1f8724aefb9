"""Headless subcommands that need no window: check-pack, search."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from lupus_reader.content.validate import check_pack

if TYPE_CHECKING:
    from lupus_reader.content.readability import ReadabilitySummary, SectionReadability


def check_pack_command(path: Path, as_json: bool, out: TextIO) -> int:
    """Validate a pack for its authors: 0 when it has no errors, 1 otherwise.

    Reading grades and times are information: they never fail a pack.
    """
    # Loaded here, not at the top: every start of the app imports this module.
    from lupus_reader.content.readability import pack_readability, summarize

    pack, problems = check_pack(path)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    summary = None
    readability: list[SectionReadability] = []
    overall: ReadabilitySummary | None = None
    if pack is not None:
        readability = pack_readability(pack)
        overall = summarize(readability, pack.words)
        summary = {
            "id": pack.id,
            "title": pack.title,
            "version": pack.version,
            "language": pack.language,
            "reviewed": pack.reviewed.isoformat() if pack.reviewed else None,
            "chapters": len(pack.chapters),
            "sections": len(pack.sections),
            "words": pack.words,
            "minutes": overall.minutes,
            "median_grade": overall.median,
            "glossary_terms": len(pack.glossary) if pack.glossary else 0,
        }
    if as_json:
        report = {
            "pack": str(path),
            "ok": not errors,
            "summary": summary,
            "problems": [
                {"file": p.file, "line": p.line, "severity": p.severity, "message": p.message}
                for p in problems
            ],
            "readability": [
                {
                    "section": r.section_id,
                    "title": r.title,
                    "file": r.file,
                    "line": r.line,
                    "words": r.words,
                    "grade": r.grade,
                    "minutes": r.minutes,
                }
                for r in readability
            ],
        }
        out.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        return 1 if errors else 0
    for problem in problems:
        out.write(f"{problem}\n")
    if overall is not None and readability:
        _write_readability(readability, overall, out)
    if errors:
        out.write(f"{path}: {len(errors)} error(s), {len(warnings)} warning(s): the pack will not open\n")
        return 1
    assert summary is not None
    out.write(
        f"{path}: ok: '{summary['title']}' ({summary['id']} {summary['version']}): "
        f"{summary['chapters']} chapters, {summary['sections']} sections, {summary['words']} words"
        f"{f', {len(warnings)} warning(s)' if warnings else ''}\n"
    )
    return 0


def _write_readability(sections: list[SectionReadability], overall: ReadabilitySummary, out: TextIO) -> None:
    """One ``file:line: info:`` line per section, then the median grade, the hardest section, the time."""
    for section in sections:
        grade = "no grade" if section.grade is None else f"grade {section.grade:.1f}"
        out.write(
            f"{section.file}:{section.line}: info: {grade}, {section.words} words, "
            f"{section.minutes} min: {section.title}\n"
        )
    hardest = overall.hardest
    if overall.median is None or hardest is None:
        grades = "no reading grade (Flesch-Kincaid grades English text only)"
    else:
        grades = (
            f"median grade {overall.median:.1f}; hardest {hardest.grade:.1f} "
            f"at {hardest.file}:{hardest.line} ({hardest.title})"
        )
    out.write(f"readability: {grades}; about {overall.minutes} min to read\n")


def search_command(
    query: str,
    pack_paths: Sequence[Path],
    data_dir: Path,
    cache_dir: Path | None,
    limit: int,
    as_json: bool,
    out: TextIO,
    err: TextIO,
) -> int:
    """Search the guides and the reader's notes and questions, and print at most ``limit`` results.

    Your notes come first, then your own questions, then the guides' sections
    (best first), as in the window. Exit 0 with matches or without; 1 when
    nothing could be searched, or a pack named with --pack could not be opened
    (the others are still searched and printed: a script learns of it).
    """
    from lupus_reader import APP_NAME, resources
    from lupus_reader.content.library import installed_packs, open_library
    from lupus_reader.content.scan_cache import ScanCache
    from lupus_reader.search import Searcher, glossary_terms, marked_spans, prepare_index
    from lupus_reader.storage.db import LIBRARY_FILE

    scans = ScanCache(cache_dir / "sections" if cache_dir else None)
    requested = [*installed_packs(data_dir), *pack_paths]  # as the window opens them
    library, failures = open_library(requested, resources.bundled_packs(), scans)
    for failure in failures:
        err.write(f"{APP_NAME}: {failure.describe()}\n")
    if not library.packs:
        err.write(f"{APP_NAME}: no content pack could be opened\n")
        return 1
    named = {path.resolve() for path in pack_paths}
    code = 1 if any(failure.path.resolve() in named for failure in failures) else 0
    notes = _library_copy(data_dir / LIBRARY_FILE)
    searcher = Searcher(notes)
    try:
        for pack in library.packs:
            data = prepare_index(pack, cache_dir)
            if data is not None:
                searcher.attach(data)
        result = searcher.search(query, limit=limit)
        hits = result.hits[:limit]
        hints = [] if hits else searcher.suggestions(query, terms=glossary_terms(library.packs))
    finally:
        searcher.close()
        if notes is not None:
            notes.close()
    if as_json:
        results = []
        for hit in hits:
            snippet, spans = marked_spans(hit.snippet)
            results.append(
                {
                    "kind": hit.kind,
                    "pack": hit.pack_id,
                    "section": hit.section_id or None,
                    "title": hit.title,
                    "breadcrumb": hit.breadcrumb,
                    "snippet": snippet,
                    "highlights": [list(span) for span in spans],
                    "note_id": hit.note_id,
                    "question_id": hit.question_id,
                    "score": round(hit.score, 6),
                }
            )
        report = {
            "query": query,
            "terms": list(result.terms),
            "sections_matched": result.sections_matched,
            "results": results,
            "suggestions": hints,
        }
        out.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        return code
    if not hits:
        out.write(f'No matches for "{query}".\n')
        if hints:
            out.write("Did you mean: " + "; ".join(hints) + "\n")
        return code
    for number, hit in enumerate(hits, 1):
        where = hit.section_id or f"{hit.pack_id}, your questions"
        label = f"{hit.label}: " if hit.label else ""
        out.write(f"{number}. {label}{_bracketed(hit.title_marked)}  ({where})\n")
        if hit.breadcrumb and hit.breadcrumb != hit.title:
            out.write(f"   {hit.breadcrumb}\n")
        if hit.kind != "question":
            out.write(f"   {_bracketed(hit.snippet)}\n")
    return code


def _bracketed(marked: str) -> str:
    from lupus_reader.search import MARK_END, MARK_START

    return marked.replace(MARK_START, "[").replace(MARK_END, "]")


def _library_copy(path: Path) -> sqlite3.Connection | None:
    """The reader's library copied into memory and brought up to date there; the file is only read.

    Read as immutable when no -wal file is beside it (no app has it open), so
    not even a -shm file is made. None when there is none, or it cannot be read.
    """
    from lupus_reader.storage.db import SCHEMA_VERSION, connect, migrate

    if not path.is_file():
        return None
    memory = Path(":memory:")
    try:
        source = connect(path, read_only=True, immutable=not path.with_name(path.name + "-wal").exists())
        try:
            if source.execute("PRAGMA user_version").fetchone()[0] > SCHEMA_VERSION:
                return None
            copy = connect(memory)
            source.backup(copy)
        finally:
            source.close()
        migrate(copy, memory)
    except sqlite3.Error:
        return None
    return copy
