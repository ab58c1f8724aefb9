"""Content packs: an opened guide's chapters and sections, and how its links resolve.

Opening a pack reads the manifest and scans each chapter for headings; it
does not render Markdown, so opening stays fast however big the pack is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lupus_reader.content.glossary import Glossary, open_glossary
from lupus_reader.content.manifest import (
    MANIFEST,
    Source,
    chapter_files,
    parse_manifest,
    plain_chapter_files,
    plain_manifest,
)
from lupus_reader.content.problems import Problem, decode
from lupus_reader.content.scan import (
    Heading,
    ScanResult,
    make_slug,
    normalize_newlines,
    scan_chapter,
    scan_headings,
    scan_words,
)
from lupus_reader.content.scan_cache import Entry, ScanCache, section_rows
from lupus_reader.content.source import PackSource, SourceError, normalize, open_source

_LIST_ITEM = re.compile(r"^ {0,3}(?:\d+[.)]|[-*+])\s+(.+?)\s*$")
# Links to the web become "#external-N": a fragment, so nothing can fetch it.
EXTERNAL_PREFIX = "#external-"


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
    _words: ScanResult | None = None  # scan_words: reading times without the whole scan

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
    def _counted(self) -> ScanResult:
        """Headings with word counts: the full scan if made, else the word count alone."""
        if self._details is not None:
            return self._details
        if self._words is None:
            self._words = scan_words(self.text)
        return self._words

    @property
    def words(self) -> int:
        return self._counted.words

    def section_words(self, section: Section) -> int:
        if not self.headings:
            return self.words
        return next(h.words for h in self._counted.headings if h.slug == section.anchor)


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
    glossary: Glossary | None = None
    warnings: list[Problem] = field(default_factory=list)
    # What was wrong with the glossary: errors for check-pack, only warnings for the reader.
    glossary_problems: list[Problem] = field(default_factory=list, repr=False)
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


def _read_text(data: bytes) -> str:
    return normalize_newlines(data.decode("utf-8-sig"))


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
            text = decode(source, file, problems)
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


def inspect_pack(path: Path, cache: ScanCache | None = None) -> tuple[ContentPack | None, list[Problem]]:
    """Open a pack as far as it opens, with the problems met on the way (check-pack adds its own)."""
    problems: list[Problem] = []
    try:
        source = open_source(path)
    except SourceError as error:
        return None, [Problem(str(path), 0, str(error))]
    names = source.names()
    if MANIFEST in names:
        manifest = parse_manifest(source, problems)
        if manifest is None:
            return None, problems
        files = chapter_files(source, manifest, problems)
        has_manifest = True
    else:
        files = plain_chapter_files(names)
        if not files:
            return None, [
                Problem(str(path), 0, "no pack.toml and no Markdown (.md) files: not a content pack")
            ]
        manifest = plain_manifest(path)
        has_manifest = False
    pack_id = manifest.get("id", "pack")
    glossary_problems: list[Problem] = []
    glossary = open_glossary(source, manifest, has_manifest, glossary_problems)
    problems.extend(glossary_problems)
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
        glossary=glossary,
        glossary_problems=glossary_problems,
    )
    if not pack.sections and not any(p.severity == "error" for p in problems):
        problems.append(Problem(str(path), 0, "the pack has no readable chapters"))
    return pack, problems


def load_pack(path: Path, cache: ScanCache | None = None) -> ContentPack:
    """Open a pack for reading; raise PackError if it cannot be read.

    Only what stops reading is checked here (manifest, files, section ids):
    a broken link is the author's problem (``check-pack`` reports it), and
    the reader is told when they click it. A broken glossary only warns: the
    pack opens without it. With a ``cache``, chapters whose files have not
    changed since the last run are not even read.
    """
    pack, problems = inspect_pack(path, cache=cache)
    glossary_problems = {id(p) for p in pack.glossary_problems} if pack is not None else set()
    errors = [p for p in problems if p.severity == "error" and id(p) not in glossary_problems]
    if pack is None or errors:
        raise PackError(path, problems)
    pack.warnings = [
        p._replace(severity="warning", message=f"{p.message} (the guide opens without its glossary)")
        if id(p) in glossary_problems and p.severity == "error"
        else p
        for p in problems
    ]
    return pack
