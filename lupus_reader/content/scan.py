"""Scanner for Markdown chapters: headings (fast, at open) and links, raw HTML, words (for checks).

Opening a pack scans every chapter, so finding headings must not cost a
pass of Python code per line: one C-level regex finds the few lines that
could be headings, and only those are examined. The renderer then writes
each heading's id into its line as ``{#id}``, so the pane's ids are the
navigator's ids even where Python-Markdown and this scanner disagree.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

SECTION_LEVELS = (1, 2, 3)

# Lines that may be headings: "#..." or a setext underline ("===", "---").
_CANDIDATE = re.compile(r"\n(?:#|=+[ \t]*(?=\n|$)|-+[ \t]*(?=\n|$))")
# Python-Markdown's hash headers: no indent, no space needed after the hashes.
_ATX = re.compile(r"^(#{1,6})((?:\\.|[^\\])*?)#*$")  # as HashHeaderProcessor.RE
_HR = re.compile(r"^ {0,3}(?:(?:-[ ]{0,2}){3,}|(?:_[ ]{0,2}){3,}|(?:\*[ ]{0,2}){3,}) *$")
# The same rule as Python-Markdown's slugify_unicode (tested to agree).
_SLUG_DROP = re.compile(r"[^\w\s-]")
_SLUG_JOIN = re.compile(r"[-\s]+")


@functools.cache
def _markdown_rules() -> dict[str, Any]:
    """Python-Markdown's own patterns, so code, tables and {attrs} here are what they are there.

    Loaded on first need only: most chapters have no fences, tables or {attrs}
    in their headings, and importing Markdown costs more than scanning them.
    """
    import markdown
    from markdown.extensions.admonition import AdmonitionProcessor
    from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
    from markdown.extensions.fenced_code import FencedBlockPreprocessor
    from markdown.extensions.tables import TableProcessor

    return {
        "fenced_block": FencedBlockPreprocessor.FENCED_BLOCK_RE,
        "attr_list": AttrListTreeprocessor.HEADER_RE,
        "attrs_and_remainder": get_attrs_and_remainder,
        "admonition": AdmonitionProcessor.RE,
        # A table takes every line of its block, so "## Next" right under a
        # table (no blank line) is a row, not a heading.
        "tables": TableProcessor(markdown.Markdown().parser, {"use_align_attribute": False}),
    }


@functools.cache
def _check_rules() -> dict[str, re.Pattern[str]]:
    """Patterns only ``check-pack`` and word counts need: compiled then, not at start-up."""
    return {
        "inline_link": re.compile(r"(!?)\[((?:[^\]\\]|\\.)*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)"),
        "ref_def": re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+.*)?$"),
        "autolink": re.compile(r"<((?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//)[^>\s]*)>"),
        "automail": re.compile(r"<([^<> !]+@[^@<> ]+)>"),  # Python-Markdown's AUTOMAIL_RE
        "code_span": re.compile(r"(`+)(.+?)\1"),
        "raw_tag": re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9\-]*)([^>]*)>"),
        "word": re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*"),
    }


# A backslash escape (kept as its character), emphasis marks, or a link (kept as its text).
_MARKUP = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!|])|[*_`~]|!?\[([^\]]*)\]\([^)]*\)")


class Heading(NamedTuple):
    """A level 1-3 heading found in a chapter: a navigable section."""

    level: int
    title: str
    slug: str
    line: int
    explicit_id: bool
    words: int = 0
    source: str = ""  # the heading's inline Markdown, without hashes or {attrs}
    setext: bool = False
    start: int = 0  # character offset of the heading's first line


class Link(NamedTuple):
    """A link or image reference in a chapter, with its line number."""

    target: str
    line: int
    is_image: bool
    text: str


class RawTag(NamedTuple):
    """A raw HTML tag written in the Markdown source."""

    tag: str
    attributes: str
    line: int


class ScanResult(NamedTuple):
    headings: tuple[Heading, ...]
    links: tuple[Link, ...]
    raw_tags: tuple[RawTag, ...]
    duplicate_slugs: tuple[tuple[Heading, str], ...]
    duplicate_explicit_ids: tuple[Heading, ...]
    words: int


def plain_text(markdown_inline: str) -> str:
    """Strip the inline markup a heading may carry, keeping its words."""
    text = _MARKUP.sub(lambda m: m.group(1) or plain_text(m.group(2) or ""), markdown_inline)
    return " ".join(text.split())


def make_slug(title: str) -> str:
    return _SLUG_JOIN.sub("-", _SLUG_DROP.sub("", title).strip().lower()) or "section"


def count_words(text: str) -> int:
    return len(_check_rules()["word"].findall(text))


# Patient readers, often tired or unwell, read more slowly than the ~240 of adult averages.
WORDS_PER_MINUTE = 200


def reading_minutes(words: int) -> int:
    """Minutes a patient needs for ``words`` words (about 200 a minute), never less than 1."""
    return max(1, int(words / WORDS_PER_MINUTE + 0.5))


def normalize_newlines(text: str) -> str:
    """Lines as Markdown sees them: \\r\\n and \\r end lines; form feeds and U+2028 do not."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _split_attr_list(text: str) -> tuple[str, str | None]:
    if "{" not in text:
        return text, None
    rules = _markdown_rules()
    match = rules["attr_list"].search(text.expandtabs(4))
    if not match:
        return text, None
    # Read the braces as attr_list does, so "{#café .note}" gives the id it gives;
    # like attr_list, leave text with a stray "}" alone.
    attrs, remainder = rules["attrs_and_remainder"](match.group(1))
    if remainder:
        return text, None
    ids = [value for key, value in attrs if key == "id" and value]
    return text.expandtabs(4)[: match.start()].rstrip("#").rstrip(), ids[-1] if ids else None


def _fence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of fenced code blocks, found as Python-Markdown finds them."""
    if "```" not in text and "~~~" not in text:
        return []
    # Markdown expands tabs first; tab-free text keeps its offsets.
    searched = text.expandtabs(4) if "\t" in text else text
    rules = _markdown_rules()
    spans: list[tuple[int, int]] = []
    index = 0
    while match := rules["fenced_block"].search(searched, index):
        if match.group("attrs") and rules["attrs_and_remainder"](match.group("attrs"))[1]:
            index = match.end("attrs")  # not a valid {attrs}: Markdown skips this fence
            continue
        if searched is text:
            spans.append((match.start(), match.end()))
        else:  # map back through line numbers when tabs moved the offsets
            first = searched.count("\n", 0, match.start())
            last = first + searched.count("\n", match.start(), match.end())
            spans.append((_line_offset(text, first), _line_offset(text, last + 1)))
        index = match.end()
    return spans


def _line_offset(text: str, line_index: int) -> int:
    position = 0
    for _ in range(line_index):
        position = text.find("\n", position) + 1
        if position == 0:
            return len(text)
    return position


class _Lines:
    """Random access to the lines around a position, without splitting the text."""

    def __init__(self, text: str) -> None:
        self.text = text

    def start_before(self, start: int) -> int | None:
        """Start of the line before the line starting at ``start``; None at the top."""
        if start == 0:
            return None
        return self.text.rfind("\n", 0, start - 1) + 1

    def line_at(self, start: int) -> str:
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]


def _is_blank(line: str) -> bool:
    return not line.strip()


def _in_table(lines: _Lines, start: int, line: str) -> bool:
    """Is the line at ``start`` a row of a table (its header row included)?

    Python-Markdown tries tables before hash headings, so "# a |" over a
    "|" or "---|---" line is a table's header, not a heading.
    """
    block = [line.expandtabs(4)]
    cursor = lines.start_before(start)
    while cursor is not None:
        above = lines.line_at(cursor)
        if _is_blank(above):
            break
        block.insert(0, above.expandtabs(4))
        cursor = lines.start_before(cursor)
    end = lines.text.find("\n", start)
    if end >= 0 and not _is_blank(lines.line_at(end + 1)):
        block.append(lines.line_at(end + 1).expandtabs(4))  # the row that may make it a table
    if len(block) < 2 or "|" not in block[0]:
        return False
    return bool(_markdown_rules()["tables"].test(None, "\n".join(block)))


def _starts_block(lines: _Lines, start: int, headings_at: set[int]) -> bool:
    """Is the line at ``start`` the first line of a Markdown block?

    Only a block's first line takes a setext underline: "a\\nb\\n---" is a
    paragraph and a rule, not a heading "b".
    """
    above_start = lines.start_before(start)
    if above_start is None:
        return True
    above = lines.line_at(above_start)
    return (
        _is_blank(above)
        or above_start in headings_at
        or _HR.match(above.expandtabs(4)) is not None
        or bool(_ATX.match(above) and _ATX.match(above).group(2).strip())  # type: ignore[union-attr]
    )


_RawHeading = tuple[int, int, int, str, str | None, bool]  # start, line, level, source, explicit id, setext


def _find_headings(text: str) -> list[_RawHeading]:
    lines = _Lines(text)
    fences = _fence_spans(text)
    fence_starts = [start for start, _ in fences]
    found: list[_RawHeading] = []
    headings_at: set[int] = set()  # starts of lines already known to end a block
    line_number, counted_to = 1, 0
    padded = "\n" + text
    for match in _CANDIDATE.finditer(padded):
        start = match.start()  # offset in ``text`` of the candidate line
        span = bisect.bisect_right(fence_starts, start) - 1
        if span >= 0 and start < fences[span][1]:
            continue
        line_number += text.count("\n", counted_to, start)
        counted_to = start
        line = lines.line_at(start)
        if line.startswith("#"):
            atx = _ATX.match(line)
            if not atx or not atx.group(2).strip():
                continue
            above = lines.start_before(start)
            pipes = "|" in line or (above is not None and "|" in lines.line_at(above))
            if pipes and _in_table(lines, start, line):
                continue
            headings_at.add(start)
            level = len(atx.group(1))
            source, explicit = _split_attr_list(atx.group(2).strip())
            if level in SECTION_LEVELS and source.strip():  # "# {#x}" alone renders empty
                found.append((start, line_number, level, source, explicit, False))
            continue
        # A setext underline: the line above is the title if it starts a block.
        title_start = lines.start_before(start)
        if title_start is None:
            continue
        title_line = lines.line_at(title_start)
        expanded = title_line.expandtabs(4)
        if (
            _is_blank(title_line)
            or expanded.startswith("    ")
            or title_line.startswith("#")
            or (title_line.startswith("!!!") and _markdown_rules()["admonition"].match(title_line))
            or title_start in headings_at
            or not _starts_block(lines, title_start, headings_at)
            or ("|" in title_line and _in_table(lines, start, line))
        ):
            continue
        span = bisect.bisect_right(fence_starts, title_start) - 1
        if span >= 0 and title_start < fences[span][1]:
            continue
        headings_at.add(start)
        source, explicit = _split_attr_list(title_line.strip())
        level = 1 if line.lstrip()[0] == "=" else 2
        found.append((title_start, line_number - 1, level, source, explicit, True))
    return found


def _number(raw: list[_RawHeading], words: list[int] | None = None) -> ScanResult:
    """Give headings their slugs: explicit ids as written, duplicates suffixed, never merged."""
    seen: dict[str, int] = {}
    explicit_seen: set[str] = set()
    headings: list[Heading] = []
    duplicates: list[tuple[Heading, str]] = []
    explicit_duplicates: list[Heading] = []
    for index, (start, line, level, source, explicit, setext) in enumerate(raw):
        title = plain_text(source)
        base = explicit or make_slug(title)
        slug = base
        if explicit and base in explicit_seen:
            explicit_duplicates.append(Heading(level, title, base, line, True))
        if slug in seen:
            seen[base] += 1
            slug = f"{base}-{seen[base]}"
            while slug in seen:
                seen[base] += 1
                slug = f"{base}-{seen[base]}"
        seen.setdefault(slug, 1)
        if explicit:
            explicit_seen.add(base)
        heading = Heading(
            level, title or "Untitled", slug, line, explicit is not None,
            words[index] if words else 0, source, setext, start,
        )  # fmt: skip
        if slug != base:
            duplicates.append((heading, base))
        headings.append(heading)
    return ScanResult(
        headings=tuple(headings),
        links=(),
        raw_tags=(),
        duplicate_slugs=tuple(duplicates),
        duplicate_explicit_ids=tuple(explicit_duplicates),
        words=0,
    )


def scan_headings(text: str) -> ScanResult:
    """The sections of a chapter, fast: what opening a pack needs, no more."""
    return _number(_find_headings(normalize_newlines(text)))


def _prose_lines(text: str, skip: set[int]) -> Iterator[tuple[int, str]]:
    fences = _fence_spans(text)
    position = 0
    for number, line in enumerate(text.split("\n"), start=1):
        inside = any(start <= position < end for start, end in fences)
        if not inside and number not in skip:
            yield number, line
        position += len(line) + 1


def _heading_lines(raw: list[_RawHeading]) -> set[int]:
    lines = {line for _, line, *_ in raw}
    return lines | {line + 1 for _, line, _, _, _, setext in raw if setext}


def _count_heading_words(text: str, raw: list[_RawHeading]) -> tuple[list[int], int]:
    """Words under each heading (text before the first counts toward it), and in all."""
    starts = [line for _, line, *_ in raw]
    per_heading = [0] * len(raw)
    total = 0
    for number, line in _prose_lines(text, _heading_lines(raw)):
        words = count_words(plain_text(line))
        total += words
        if raw:
            per_heading[max(bisect.bisect_right(starts, number) - 1, 0)] += words
    return per_heading, total


def scan_words(text: str) -> ScanResult:
    """Headings with their word counts, and the total: what reading times need, without the
    link and raw-HTML rules that ``scan_chapter`` compiles and runs for authors."""
    text = normalize_newlines(text)
    raw = _find_headings(text)
    per_heading, total = _count_heading_words(text, raw)
    numbered = _number(raw, per_heading)
    return numbered._replace(words=total)


def scan_chapter(text: str) -> ScanResult:
    """Everything an author is told about: headings, links, raw HTML and word counts."""
    text = normalize_newlines(text)
    raw = _find_headings(text)
    links: list[Link] = []
    tags: list[RawTag] = []
    words_per_heading, total = _count_heading_words(text, raw)
    rules = _check_rules()
    for number, line in _prose_lines(text, _heading_lines(raw)):
        stripped = rules["code_span"].sub("", line)
        for match in rules["inline_link"].finditer(stripped):
            links.append(Link(match.group(3), number, match.group(1) == "!", match.group(2)))
        ref = rules["ref_def"].match(stripped)
        if ref:
            links.append(Link(ref.group(2), number, False, ref.group(1)))
        for match in rules["autolink"].finditer(stripped):
            links.append(Link(match.group(1), number, False, match.group(1)))
        without_autolinks = rules["autolink"].sub("", stripped)
        for match in rules["automail"].finditer(without_autolinks):
            links.append(Link(f"mailto:{match.group(1)}", number, False, match.group(1)))
        for match in rules["raw_tag"].finditer(rules["automail"].sub("", without_autolinks)):
            tags.append(RawTag(match.group(2).lower(), match.group(3), number))
    numbered = _number(raw, words_per_heading)
    return ScanResult(
        headings=numbered.headings,
        links=tuple(links),
        raw_tags=tuple(tags),
        duplicate_slugs=numbered.duplicate_slugs,
        duplicate_explicit_ids=numbered.duplicate_explicit_ids,
        words=total,
    )


# Private-use characters around a heading's number: nothing in Markdown reads them.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"


def with_heading_marks(text: str, headings: tuple[Heading, ...]) -> str:
    """The chapter with a numbered mark at the front of each section heading's text.

    The renderer finds the marks in the headings Markdown made, gives each
    the id of its section and removes the mark, so the pane and the navigator
    cannot drift apart even where they disagree about an odd line.
    """
    if not headings:
        return text
    text = normalize_newlines(text)
    parts: list[str] = []
    position = 0
    for number, heading in enumerate(headings):
        line_end = text.find("\n", heading.start)
        line = text[heading.start : len(text) if line_end < 0 else line_end]
        # The mark goes in front of the heading's words, the line otherwise
        # untouched: at the end it would make a closing "##" or "|" part of
        # the text, and a table row of a line that was none.
        rest = (line if heading.setext else line.lstrip("#")).lstrip(" \t")
        words = len(line) - len(rest) + (1 if rest.startswith("|") else 0)
        parts.append(text[position : heading.start + words])
        parts.append(f"{MARK_OPEN}{number}{MARK_CLOSE}")
        position = heading.start + words
    parts.append(text[position:])
    return "".join(parts)
