"""Content packs: the manifest, chapters and sections of a guide, and their problems.

Opening a pack reads the manifest and scans each chapter for headings; it
does not render Markdown, so opening stays fast however big the pack is.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from lupus_reader.content.scan import (
    Heading,
    ScanResult,
    make_slug,
    normalize_newlines,
    scan_chapter,
    scan_headings,
)
from lupus_reader.content.scan_cache import Entry, ScanCache, section_rows
from lupus_reader.content.source import PackSource, SourceError, normalize, open_source

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
}
_LIST_ITEM = re.compile(r"^ {0,3}(?:\d+[.)]|[-*+])\s+(.+?)\s*$")
# Links to the web become "#external-N": a fragment, so nothing can fetch it.
EXTERNAL_PREFIX = "#external-"
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp"}

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with a pack, located as ``file:line``."""

    file: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: {self.message}"


class PackError(Exception):
    """A pack cannot be opened; ``problems`` says why, file by file."""

    def __init__(self, location: Path, problems: list[Problem]) -> None:
        self.location = location
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"] or problems
        first = errors[0] if errors else Problem(str(location), 0, "unknown problem")
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{first}{more}")


@dataclass(slots=True)
class Section:
    """One navigable section: a level 1-3 heading and the text under it. Read-only by convention.

    (Not frozen: a frozen dataclass is three times slower to make, and a big
    pack makes ten thousand of these while it opens.)
    """

    id: str
    title: str
    level: int
    chapter: int
    anchor: str
    index: int
    size: int  # characters of Markdown: the section's weight in reading progress


@dataclass(slots=True)
class Chapter:
    index: int
    file: str
    stem: str
    title: str
    # None until first needed, when the sections came from the scan cache.
    _text: str | None
    _headings: tuple[Heading, ...] | None
    sections: list[Section] = field(default_factory=list)
    _details: ScanResult | None = None
    _source: PackSource | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            assert self._source is not None
            try:
                self._text = _read_text(self._source.read_bytes(self.file))
            except (KeyError, UnicodeDecodeError):
                self._text = ""  # gone or broken since the pack was opened
        return self._text

    @property
    def headings(self) -> tuple[Heading, ...]:
        """The headings with where they stand in the text (for rendering), scanned on first need."""
        if self._headings is None:
            self._headings = scan_headings(self.text).headings
        return self._headings

    @property
    def scan(self) -> ScanResult:
        """The full scan (links, raw HTML, words): made when first asked for, not at open."""
        if self._details is None:
            self._details = scan_chapter(self.text)
        return self._details

    @property
    def words(self) -> int:
        return self.scan.words

    def section_words(self, section: Section) -> int:
        if not self.headings:
            return self.words
        return next(h.words for h in self.scan.headings if h.slug == section.anchor)


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    note: str = ""
    url: str = ""


@dataclass(slots=True)
class ContentPack:
    """An opened pack: manifest data, chapters, and a flat list of sections."""

    id: str
    title: str
    language: str
    version: str
    reviewed: dt.date | None
    subtitle: str
    sources: list[Source]
    chapters: list[Chapter]
    source: PackSource
    has_manifest: bool
    questions_ref: str = ""  # the section whose list is the "questions for your doctor"
    warnings: list[Problem] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    _by_id: dict[str, Section] = field(default_factory=dict)
    _chapter_by_file: dict[str, Chapter] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for chapter in self.chapters:
            self._chapter_by_file[chapter.file] = chapter
            for section in chapter.sections:
                self.sections.append(section)
                self._by_id[section.id] = section

    @property
    def location(self) -> Path:
        return self.source.location

    @property
    def words(self) -> int:
        return sum(chapter.words for chapter in self.chapters)

    def section_words(self, section: Section) -> int:
        return self.chapters[section.chapter].section_words(section)

    def section(self, section_id: str) -> Section | None:
        return self._by_id.get(section_id)

    def section_text(self, section: Section) -> str:
        """The Markdown of one section: from its heading to the next section's heading."""
        chapter = self.chapters[section.chapter]
        starts = [h.start for h in chapter.headings]
        if not starts:
            return chapter.text
        index = next((i for i, h in enumerate(chapter.headings) if h.slug == section.anchor), None)
        if index is None:
            return ""
        end = starts[index + 1] if index + 1 < len(starts) else len(chapter.text)
        return chapter.text[starts[index] : end]

    def questions_section(self) -> Section | None:
        if not self.questions_ref or not self.chapters:
            return None
        return self.resolve_link(self.chapters[0], self.questions_ref)

    def questions(self) -> list[str]:
        """The guide's own questions for the doctor: the list items of its questions section."""
        section = self.questions_section()
        if section is None:
            return []
        found = []
        for line in self.section_text(section).splitlines():
            match = _LIST_ITEM.match(line)
            if match:
                found.append(" ".join(match.group(1).split()))
        return found

    def chapter_of(self, section: Section) -> Chapter:
        return self.chapters[section.chapter]

    def resolve_link(self, from_chapter: Chapter, href: str) -> Section | None:
        """The section a relative link in ``from_chapter`` points at, if any."""
        target = resolve_target(from_chapter.file, href)
        if target is None:
            return None
        file, anchor = target
        chapter = self._chapter_by_file.get(file) if file else from_chapter
        if chapter is None or not chapter.sections:
            return None
        if not anchor:
            return chapter.sections[0]
        return next((s for s in chapter.sections if s.anchor == anchor), None)

    def resource_path(self, from_chapter: Chapter, href: str) -> str | None:
        """A pack-relative file path for an image reference, or None if outside."""
        target = resolve_target(from_chapter.file, href)
        if target is None or not target[0]:
            return None
        return target[0]


# What a URL parser ignores before reading a URL (the WHATWG URL standard):
# tabs and newlines anywhere, control characters and spaces at either end.
# "/\t/host" is "//host" to a browser, so look at the URL as a parser will.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_URL_EDGE = "".join(chr(code) for code in range(0x21))


def is_absolute_url(href: str) -> bool:
    """True for anything that names a scheme or host: it cannot open offline."""
    href = _URL_IGNORED.sub("", href).strip(_URL_EDGE).strip()
    if href.startswith(("//", "\\\\", "/\\", "\\/")):
        return True
    return re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", href) is not None


def resolve_target(from_file: str, href: str) -> tuple[str, str] | None:
    """Split a relative href into (pack-relative file or "", fragment); None if external."""
    href = href.strip()
    if not href or is_absolute_url(href) or href.startswith("/"):
        return None
    path, _, fragment = href.partition("#")
    path = path.split("?", 1)[0]
    if not path:
        return "", fragment
    base = from_file.rsplit("/", 1)[0] + "/" if "/" in from_file else ""
    clean = normalize(base + path)
    if clean is None:
        return None
    return clean, fragment


def _line_of_key(text: str, key: str) -> int:
    key = re.escape(key)
    match = re.search(rf"(?m)^\s*(?:{key}\s*=|\[\[?\s*{key}\s*\]\]?)", text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


_UNREADABLE = "file cannot be read (missing, damaged, unreadable, too big or outside the pack)"


def _read_text(data: bytes) -> str:
    return normalize_newlines(data.decode("utf-8-sig"))


def _decode(source: PackSource, name: str, problems: list[Problem]) -> str | None:
    try:
        data = source.read_bytes(name)
    except KeyError:
        problems.append(Problem(name, 0, _UNREADABLE))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.append(
            Problem(name, line, f"not valid UTF-8 (byte {data[error.start]:#04x}); save the file as UTF-8")
        )
        return None
    if not text.strip():
        problems.append(Problem(name, 1, "file is empty"))
        return None
    return text


def _parse_manifest(source: PackSource, problems: list[Problem]) -> dict[str, Any] | None:
    text = _decode(source, MANIFEST, problems)
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


def _chapter_files_from_manifest(
    source: PackSource, manifest: dict[str, Any], problems: list[Problem]
) -> list[str]:
    files: list[str] = []
    line = manifest.get("chapters_line", 1)
    for name in manifest.get("chapters", []):
        clean = normalize(name)
        if clean is None:
            problems.append(Problem(MANIFEST, line, f"chapter '{name}' is outside the pack"))
        elif not clean.lower().endswith((".md", ".markdown")):
            problems.append(Problem(MANIFEST, line, f"chapter '{name}' is not a Markdown (.md) file"))
        elif clean in files:
            problems.append(Problem(MANIFEST, line, f"chapter '{name}' is listed twice"))
        elif not source.exists(clean):
            problems.append(Problem(MANIFEST, line, f"chapter file '{name}' is missing"))
        else:
            files.append(clean)
    return files


def _report_duplicates(file: str, scan: ScanResult, problems: list[Problem]) -> None:
    for heading, base in scan.duplicate_slugs:
        problems.append(
            Problem(
                file,
                heading.line,
                f"heading '{heading.title}' repeats id '{base}'; it gets id '{heading.slug}' "
                "(give it an explicit {#id} to keep links stable)",
                "warning",
            )
        )
    for heading in scan.duplicate_explicit_ids:
        problems.append(Problem(file, heading.line, f"duplicate id '{heading.slug}'"))


def _build_chapters(
    pack_id: str,
    source: PackSource,
    files: Iterable[str],
    problems: list[Problem],
    cache: ScanCache | None = None,
) -> list[Chapter]:
    chapters: list[Chapter] = []
    stems: dict[str, str] = {}
    section_index = 0
    remembered = cache.load(source.location) if cache else {}
    scanned: dict[str, Entry] = {}
    for file in files:
        stamp = source.stamp(file)
        known = remembered.get(file)
        text: str | None = None
        headings: tuple[Heading, ...] | None = None
        if known is not None and stamp is not None and known[0] == stamp:
            length, rows = known[1], known[2]
            scanned[file] = known
        else:
            text = _decode(source, file, problems)
            if text is None:
                continue
            text = normalize_newlines(text)
            scan = scan_headings(text)
            headings, length, rows = scan.headings, len(text), section_rows(scan.headings)
            _report_duplicates(file, scan, problems)
            if stamp is not None and not scan.duplicate_explicit_ids:
                scanned[file] = (stamp, length, rows)
        stem = make_slug(file.rsplit(".", 1)[0].replace("/", "-"))
        if stem in stems:
            problems.append(Problem(file, 0, f"chapter id '{stem}' is also used by {stems[stem]}"))
            continue
        stems[stem] = file
        if not rows:
            problems.append(
                Problem(file, 1, "chapter has no heading; its file name is used as title", "warning")
            )
        title = rows[0][1] if rows else stem.replace("-", " ").title()
        chapter = Chapter(len(chapters), file, stem, title, text, headings, _source=source)
        rows = rows or ((1, title, stem, 0),)
        ends = [row[3] for row in rows[1:]] + [length]
        prefix = f"{pack_id}/{stem}/"
        for (level, heading_title, slug, start), end in zip(rows, ends, strict=True):
            chapter.sections.append(
                Section(prefix + slug, heading_title, level, chapter.index, slug, section_index,
                        max(end - start, 1))
            )  # fmt: skip
            section_index += 1
        chapters.append(chapter)
    if cache is not None and scanned != remembered:
        cache.save(source.location, scanned)
    return chapters


def _check_links(pack: ContentPack, problems: list[Problem]) -> None:
    for chapter in pack.chapters:
        for link in chapter.scan.links:
            target = link.target.strip()
            if not target:
                problems.append(Problem(chapter.file, link.line, f"link '{link.text}' has no target"))
                continue
            if is_absolute_url(target):
                kind = "image" if link.is_image else "link"
                problems.append(
                    Problem(
                        chapter.file,
                        link.line,
                        f"absolute URL {target} cannot open offline; the {kind} will show as unavailable",
                        "warning",
                    )
                )
                continue
            resolved = resolve_target(chapter.file, target)
            if resolved is None:
                problems.append(Problem(chapter.file, link.line, f"link to {target} points outside the pack"))
                continue
            file, anchor = resolved
            if link.is_image or (file and not file.lower().endswith((".md", ".markdown"))):
                if not file or not pack.source.exists(file):
                    problems.append(Problem(chapter.file, link.line, f"file {target} is not in the pack"))
                elif link.is_image and Path(file).suffix.lower() not in IMAGE_SUFFIXES:
                    problems.append(Problem(chapter.file, link.line, f"{target} is not an image", "warning"))
                continue
            if pack.resolve_link(chapter, target) is None:
                what = f"section '#{anchor}'" if anchor else "chapter"
                where = f" in {file}" if file else ""
                problems.append(Problem(chapter.file, link.line, f"link to missing {what}{where}: {target}"))


def _check_raw_html(pack: ContentPack, problems: list[Problem]) -> None:
    from lupus_reader.content.render import ALLOWED_TAGS

    for chapter in pack.chapters:
        for tag in chapter.scan.raw_tags:
            if tag.tag not in ALLOWED_TAGS:
                message = f"raw HTML <{tag.tag}> will be stripped"
            elif tag.attributes.strip():
                message = f"raw HTML <{tag.tag}> attributes will be stripped; use Markdown instead"
            else:
                continue
            problems.append(Problem(chapter.file, tag.line, message, "warning"))


def _check_rendering(pack: ContentPack, problems: list[Problem]) -> None:
    """Every section must come out of the renderer as a heading with its id."""
    from lupus_reader.content.render import Renderer

    renderer = Renderer()
    for chapter in pack.chapters:
        html = renderer.render_chapter(pack, chapter).html
        for heading in chapter.headings:
            if f'id="{heading.slug}"' not in html:
                problems.append(
                    Problem(
                        chapter.file,
                        heading.line,
                        f"heading '{heading.title}' does not render as a heading "
                        "(is it inside raw HTML or a list?)",
                    )
                )


def _inspect(
    path: Path, full: bool, cache: ScanCache | None = None
) -> tuple[ContentPack | None, list[Problem]]:
    problems: list[Problem] = []
    try:
        source = open_source(path)
    except SourceError as error:
        return None, [Problem(str(path), 0, str(error))]
    names = source.names()
    if MANIFEST in names:
        manifest = _parse_manifest(source, problems)
        if manifest is None:
            return None, problems
        files = _chapter_files_from_manifest(source, manifest, problems)
        has_manifest = True
    else:
        files = sorted(
            (
                n
                for n in names
                if "/" not in n
                and n.lower().endswith((".md", ".markdown"))
                and n.lower() not in {"readme.md", "license.md"}
            ),
            key=str.lower,
        )
        if not files:
            return None, [
                Problem(str(path), 0, "no pack.toml and no Markdown (.md) files: not a content pack")
            ]
        stem = path.name.removesuffix(".zip")
        manifest = {
            "id": make_slug(stem.lower())[:64],
            "language": "und",
            "version": "0",
            "subtitle": "",
            "sources": [],
        }
        has_manifest = False
    pack_id = manifest.get("id", "pack")
    chapters = _build_chapters(pack_id, source, files, problems, cache)
    if not has_manifest and chapters:
        manifest["title"] = chapters[0].title
    pack = ContentPack(
        id=pack_id,
        title=manifest.get("title", pack_id),
        language=manifest.get("language", "und"),
        version=manifest.get("version", "0"),
        reviewed=manifest.get("reviewed"),
        subtitle=manifest.get("subtitle", ""),
        sources=manifest.get("sources", []),
        chapters=chapters,
        source=source,
        has_manifest=has_manifest,
        questions_ref=manifest.get("questions", ""),
    )
    if not pack.sections and not any(p.severity == "error" for p in problems):
        problems.append(Problem(str(path), 0, "the pack has no readable chapters"))
    if full:
        if pack.questions_ref and not pack.questions():
            problems.append(
                Problem(
                    MANIFEST, 1, f"'questions' must name a section with a list: {pack.questions_ref} has none"
                )
            )
        _check_links(pack, problems)
        _check_raw_html(pack, problems)
        _check_rendering(pack, problems)
    return pack, problems


def check_pack(path: Path) -> tuple[ContentPack | None, list[Problem]]:
    """Open a pack as far as possible and list every problem an author should see."""
    return _inspect(path, full=True)


def load_pack(path: Path, cache: ScanCache | None = None) -> ContentPack:
    """Open a pack for reading; raise PackError if it cannot be read.

    Only what stops reading is checked here (manifest, files, section ids):
    a broken link is the author's problem (``check-pack`` reports it), and
    the reader is told when they click it. With a ``cache``, chapters whose
    files have not changed since the last run are not even read.
    """
    pack, problems = _inspect(path, full=False, cache=cache)
    errors = [p for p in problems if p.severity == "error"]
    if pack is None or errors:
        raise PackError(path, problems)
    pack.warnings = problems
    return pack
