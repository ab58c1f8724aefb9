"""The manifest of a pack (pack.toml, checked field by field), or what a plain folder of Markdown implies."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from lupus_reader.content.problems import Problem, Severity, decode
from lupus_reader.content.scan import make_slug
from lupus_reader.content.source import PackSource, normalize

MANIFEST = "pack.toml"
_PACK_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_KNOWN_KEYS = {
    "id",
    "title",
    "subtitle",
    "language",
    "version",
    "reviewed",
    "sources",
    "chapters",
    "questions",
    "glossary",
}


class Source(NamedTuple):
    title: str
    note: str = ""
    url: str = ""


def _line_of_key(text: str, key: str) -> int:
    key = re.escape(key)
    match = re.search(rf"(?m)^\s*(?:{key}\s*=|\[\[?\s*{key}\s*\]\]?)", text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def parse_manifest(source: PackSource, problems: list[Problem]) -> dict[str, Any] | None:
    """The manifest's fields that are usable; a Problem for each one that is not. None if unreadable."""
    text = decode(source, MANIFEST, problems)
    if text is None:
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        problems.append(Problem(MANIFEST, int(match.group(1)) if match else 1, f"not valid TOML: {error}"))
        return None
    manifest: dict[str, Any] = {}

    def bad(key: str, message: str, severity: Severity = "error") -> None:
        problems.append(Problem(MANIFEST, _line_of_key(text, key), message, severity))

    for key in sorted(set(data) - _KNOWN_KEYS):
        bad(key, f"unknown field '{key}' is ignored", "warning")
    for key in ("id", "title", "language", "version"):
        value = data.get(key)
        if value is None:
            problems.append(Problem(MANIFEST, 1, f"missing field '{key}'"))
        elif not isinstance(value, str) or not value.strip():
            bad(key, f"field '{key}' must be a non-empty string")
        else:
            manifest[key] = value.strip()
    if "id" in manifest and not _PACK_ID.match(manifest["id"]):
        bad("id", "field 'id' must be lowercase letters, digits, '.', '_' or '-' (at most 64)")
        del manifest["id"]
    if "language" in manifest and not _LANGUAGE.match(manifest["language"]):
        bad("language", "field 'language' must be a language tag such as 'en' or 'pt-BR'")
        del manifest["language"]
    subtitle = data.get("subtitle", "")
    manifest["subtitle"] = subtitle if isinstance(subtitle, str) else ""
    questions = data.get("questions", "")
    if isinstance(questions, str):
        manifest["questions"] = questions.strip()
    else:
        bad(
            "questions", "field 'questions' must name a section, such as \"09-questions.md#questions-to-ask\""
        )
    if "glossary" in data:  # checked with the glossary itself: a bad one must not stop reading
        manifest["glossary"] = data["glossary"]
        manifest["glossary_line"] = _line_of_key(text, "glossary")
    reviewed = data.get("reviewed")
    if reviewed is None:
        problems.append(
            Problem(MANIFEST, 1, "missing field 'reviewed' (the date the guide was last reviewed)")
        )
    elif isinstance(reviewed, dt.date) and not isinstance(reviewed, dt.datetime):
        manifest["reviewed"] = reviewed
    else:
        try:
            manifest["reviewed"] = dt.date.fromisoformat(str(reviewed))
        except ValueError:
            bad("reviewed", "field 'reviewed' must be a date such as 2026-11-25")
    manifest["sources"] = _parse_sources(data.get("sources"), lambda m: bad("sources", m))
    if "sources" not in data:
        problems.append(
            Problem(MANIFEST, 1, "no 'sources' listed: say where the content comes from", "warning")
        )
    chapters = data.get("chapters")
    if chapters is None:
        problems.append(Problem(MANIFEST, 1, "missing field 'chapters' (the ordered list of chapter files)"))
    elif not isinstance(chapters, list) or not chapters or not all(isinstance(c, str) for c in chapters):
        bad("chapters", "field 'chapters' must be a non-empty list of file names")
    else:
        manifest["chapters"] = chapters
        manifest["chapters_line"] = _line_of_key(text, "chapters")
    return manifest


def _parse_sources(value: Any, bad: Any) -> list[Source]:
    if value is None:
        return []
    if not isinstance(value, list):
        bad("field 'sources' must be a list of [[sources]] tables")
        return []
    sources: list[Source] = []
    for item in value:
        if isinstance(item, dict) and isinstance(item.get("title"), str) and item["title"].strip():
            sources.append(Source(item["title"].strip(), str(item.get("note", "")), str(item.get("url", ""))))
        else:
            bad("each [[sources]] entry needs a 'title'")
    return sources


def chapter_files(source: PackSource, manifest: dict[str, Any], problems: list[Problem]) -> list[str]:
    """The chapter files the manifest lists, in its order; a Problem for each that cannot be one."""
    files: list[str] = []
    listed: set[str] = set()  # "listed twice" by a set: a pack may have hundreds of chapters
    line = manifest.get("chapters_line", 1)
    for name in manifest.get("chapters", []):
        clean = normalize(name)
        if clean is None:
            problems.append(Problem(MANIFEST, line, f"chapter '{name}' is outside the pack"))
        elif not clean.lower().endswith((".md", ".markdown")):
            problems.append(Problem(MANIFEST, line, f"chapter '{name}' is not a Markdown (.md) file"))
        elif clean in listed:
            problems.append(Problem(MANIFEST, line, f"chapter '{name}' is listed twice"))
        elif not source.exists(clean):
            problems.append(Problem(MANIFEST, line, f"chapter file '{name}' is missing"))
        else:
            files.append(clean)
            listed.add(clean)
    return files


def plain_chapter_files(names: Iterable[str]) -> list[str]:
    """Without a manifest: the Markdown files at the top of the pack, by name (not README or LICENSE)."""
    return sorted(
        (
            n
            for n in names
            if "/" not in n
            and n.lower().endswith((".md", ".markdown"))
            and n.lower() not in {"readme.md", "license.md"}
        ),
        key=str.lower,
    )


def plain_manifest(path: Path) -> dict[str, Any]:
    """Without a manifest: an id from the folder or archive name; the title comes from the first chapter."""
    stem = path.name.removesuffix(".zip")
    return {
        "id": make_slug(stem.lower())[:64],
        "language": "und",
        "version": "0",
        "subtitle": "",
        "sources": [],
    }
