"""Headless subcommands that need no window: check-pack (more to come)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from lupus_reader.content.validate import check_pack


def check_pack_command(path: Path, as_json: bool, out: TextIO) -> int:
    """Validate a pack for its authors: 0 when it has no errors, 1 otherwise."""
    pack, problems = check_pack(path)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    summary = None
    if pack is not None:
        summary = {
            "id": pack.id,
            "title": pack.title,
            "version": pack.version,
            "language": pack.language,
            "reviewed": pack.reviewed.isoformat() if pack.reviewed else None,
            "chapters": len(pack.chapters),
            "sections": len(pack.sections),
            "words": pack.words,
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
        }
        out.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        return 1 if errors else 0
    for problem in problems:
        out.write(f"{problem}\n")
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
