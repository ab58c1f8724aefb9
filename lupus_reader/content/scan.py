"""Line scanner for Markdown chapters: headings, links and raw HTML, with line numbers.

The scanner runs on every chapter when a pack opens, so it must stay cheap
(one pass over the lines, no Markdown parsing). Rendering uses the headings
it finds, in the same order, so the ids in the navigator and in the pane are
the same ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import markdown
from markdown.extensions.admonition import AdmonitionProcessor
from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.tables import TableProcessor
from markdown.extensions.toc import slugify_unicode

SECTION_LEVELS = (1, 2, 3)

# Python-Markdown's hash headers: no indent, no space needed after the hashes.
_ATX = re.compile(r"^(#{1,6})((?:\\.|[^\\])*?)#*$")  # as HashHeaderProcessor.RE
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
# Python-Markdown's own fence pattern, so code blocks here are code blocks
# there: a fence opens at the margin and only the same fence closes it.
_FENCED_BLOCK = FencedBlockPreprocessor.FENCED_BLOCK_RE
# attr_list's own header pattern: at least one space before the braces.
_ATTR_LIST = AttrListTreeprocessor.HEADER_RE
_INLINE_LINK = re.compile(r"(!?)\[((?:[^\]\\]|\\.)*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
_REF_DEF = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+.*)?$")
_AUTOLINK = re.compile(r"<((?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//)[^>\s]*)>")
_AUTOMAIL = re.compile(r"<([^<> !]+@[^@<> ]+)>")  # Python-Markdown's AUTOMAIL_RE
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_RAW_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9\-]*)([^>]*)>")
_HR = re.compile(r"^ {0,3}(?:(?:-[ ]{0,2}){3,}|(?:_[ ]{0,2}){3,}|(?:\*[ ]{0,2}){3,}) *$")
# Lines that cannot be a setext title. Python-Markdown tries setext before lists
# and quotes, so "- item" or "> quote" over "===" is a heading there; only code,
# hash headings and admonitions come first.
_NOT_SETEXT_TEXT = re.compile(r"^( {4,}|#|\s*$)")
_ADMONITION = AdmonitionProcessor.RE
_LIST_ITEM = re.compile(r"^ {0,3}(?:[*+-]|\d+\.) +")
# The tables extension's own test: a table takes every line of its block, so
# "## Next" right under a table (no blank line) is a row, not a heading.
_TABLES = TableProcessor(markdown.Markdown().parser, {"use_align_attribute": False})
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# A backslash escape (kept as its character), emphasis marks, or a link (kept as its text).
_MARKUP = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!|])|[*_`~]|!?\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True, slots=True)
class Heading:
    """A level 1-3 heading found in a chapter: a navigable section."""

    level: int
    title: str
    slug: str
    line: int
    explicit_id: bool
    words: int = 0


@dataclass(frozen=True, slots=True)
class Link:
    """A link or image reference in a chapter, with its line number."""

    target: str
    line: int
    is_image: bool
    text: str


@dataclass(frozen=True, slots=True)
class RawTag:
    """A raw HTML tag written in the Markdown source."""

    tag: str
    attributes: str
    line: int


@dataclass(frozen=True, slots=True)
class ScanResult:
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
    return slugify_unicode(title, "-") or "section"


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def _split_attr_list(text: str) -> tuple[str, str | None]:
    match = _ATTR_LIST.search(text.expandtabs(4))
    if not match:
        return text, None
    # Read the braces as attr_list does, so "{#café .note}" gives the id it gives;
    # like attr_list, leave text with a stray "}" alone.
    attrs, remainder = get_attrs_and_remainder(match.group(1))
    if remainder:
        return text, None
    ids = [value for key, value in attrs if key == "id" and value]
    return text.expandtabs(4)[: match.start()].rstrip("#").rstrip(), ids[-1] if ids else None


def _fenced_lines(text: str) -> set[int]:
    """Line numbers (from 1) inside fenced code blocks, found as Python-Markdown finds them."""
    # Markdown expands tabs first; line structure is unchanged by it.
    text = text.expandtabs(4)
    inside: set[int] = set()
    index = 0
    while match := _FENCED_BLOCK.search(text, index):
        if match.group("attrs") and get_attrs_and_remainder(match.group("attrs"))[1]:
            index = match.end("attrs")  # not a valid {attrs}: Markdown skips this fence
            continue
        first = text.count("\n", 0, match.start()) + 1
        last = first + text.count("\n", match.start(), match.end())
        inside.update(range(first, last + 1))
        index = match.end()
    return inside


def _table_end(lines: list[str], number: int) -> int:
    """The last line of a table whose block starts at line ``number``, or 0 if it is no table."""
    block: list[str] = []
    for line in lines[number - 1 :]:
        expanded = line.expandtabs(4)
        if not expanded.strip(" "):
            break
        block.append(expanded)
    if len(block) > 1 and _TABLES.test(None, "\n".join(block)):
        return number + len(block) - 1
    return 0


def _iter_prose_lines(lines: list[str], text: str) -> Iterator[tuple[int, str, bool]]:
    """Yield (line number, line, inside fenced code) for every line."""
    fenced = _fenced_lines(text) if ("```" in text or "~~~" in text) else set()
    for number, line in enumerate(lines, start=1):
        yield number, line, number in fenced


class _Blocks:
    r"""Where Python-Markdown starts a new block: only a block's first line takes a setext underline.

    "a\nb\n---" is a paragraph and a rule there, not a heading "b"; blocks start
    after blank lines, hash headings, rules, fenced code and indented code.
    """

    def __init__(self) -> None:
        self.start = True
        self.after_list = False  # indented blocks after a list continue it, not code

    def code(self) -> None:
        self.start, self.after_list = True, False

    def advance(self, number: int, line: str, heading: bool) -> None:
        expanded = line.expandtabs(4)
        # A first line of one to three spaces is not a block end (four are empty code).
        blank = not expanded.strip(" ") and (number > 1 or not line or len(expanded) >= 4)
        indented = not blank and expanded.startswith("    ")
        if self.start and not blank and not indented:
            self.after_list = _LIST_ITEM.match(expanded) is not None
        indented_code = self.start and indented and not self.after_list
        self.start = blank or heading or indented_code or _HR.match(expanded) is not None


def scan_chapter(text: str) -> ScanResult:
    """Find headings, links and raw HTML in one chapter's Markdown."""
    # Lines as Markdown sees them: \r\n and \r are newlines, form feeds and
    # Unicode line separators are not (str.splitlines would split on those).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    raw: list[tuple[int, int, str, str | None]] = []  # line, level, title, explicit id
    links: list[Link] = []
    tags: list[RawTag] = []
    word_lines: list[tuple[int, int]] = []  # line, words
    previous = ""
    previous_is_text = False  # the line above could carry a setext underline
    blocks = _Blocks()
    table_end = 0
    for number, line, in_code in _iter_prose_lines(lines, text):
        if in_code:
            previous, previous_is_text = "", False
            blocks.code()
            continue
        if number > table_end and blocks.start and "|" in line and not line.startswith(("    ", "\t")):
            table_end = _table_end(lines, number)
        in_table = number <= table_end
        atx = None if in_table else _ATX.match(line)
        setext = _SETEXT.match(line) if previous_is_text and not in_table else None
        if atx and atx.group(2).strip():
            level = len(atx.group(1))
            title, explicit = _split_attr_list(atx.group(2).strip())
            if level in SECTION_LEVELS and title.strip():  # "# {#x}" alone renders empty
                raw.append((number, level, plain_text(title), explicit))
        elif setext and not line.startswith(" "):
            level = 1 if setext.group(1)[0] == "=" else 2
            title, explicit = _split_attr_list(previous.strip())
            word_lines.pop()  # the underlined line is the heading, not body text
            raw.append((number - 1, level, plain_text(title), explicit))
            previous, previous_is_text = "", False
            blocks.advance(number, line, heading=True)
            continue
        else:
            word_lines.append((number, count_words(plain_text(line))))
        if line.startswith("    ") or line.startswith("\t"):
            # Indented lines are code or admonition bodies: prose for links,
            # but never headings.
            pass
        stripped = _CODE_SPAN.sub("", line)
        for match in _INLINE_LINK.finditer(stripped):
            links.append(Link(match.group(3), number, match.group(1) == "!", match.group(2)))
        ref = _REF_DEF.match(stripped)
        if ref:
            links.append(Link(ref.group(2), number, False, ref.group(1)))
        for match in _AUTOLINK.finditer(stripped):
            links.append(Link(match.group(1), number, False, match.group(1)))
        for match in _AUTOMAIL.finditer(_AUTOLINK.sub("", stripped)):
            links.append(Link(f"mailto:{match.group(1)}", number, False, match.group(1)))
        for match in _RAW_TAG.finditer(_AUTOMAIL.sub("", _AUTOLINK.sub("", stripped))):
            tags.append(RawTag(match.group(2).lower(), match.group(3), number))
        previous = line
        previous_is_text = (
            not in_table
            and blocks.start
            and not atx
            and not _NOT_SETEXT_TEXT.match(line.expandtabs(4))
            and not _ADMONITION.match(line)
        )
        blocks.advance(number, line, heading=atx is not None)
    return _finish(raw, links, tags, word_lines)


def _finish(
    raw: list[tuple[int, int, str, str | None]],
    links: list[Link],
    tags: list[RawTag],
    word_lines: list[tuple[int, int]],
) -> ScanResult:
    seen: dict[str, int] = {}
    explicit_seen: set[str] = set()
    headings: list[Heading] = []
    duplicates: list[tuple[Heading, str]] = []
    explicit_duplicates: list[Heading] = []
    # Words belong to the heading above them; text before the first heading
    # counts toward the first one.
    starts = [line for line, *_ in raw]
    words_per_heading = [0] * len(raw)
    cursor = 0
    for line, words in word_lines:
        while cursor + 1 < len(starts) and line > starts[cursor + 1]:
            cursor += 1
        if words_per_heading:
            words_per_heading[cursor] += words
    for index, (line, level, title, explicit) in enumerate(raw):
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
            level, title or "Untitled", slug, line, explicit is not None, words_per_heading[index]
        )
        if slug != base:
            duplicates.append((heading, base))
        headings.append(heading)
    return ScanResult(
        headings=tuple(headings),
        links=tuple(links),
        raw_tags=tuple(tags),
        duplicate_slugs=tuple(duplicates),
        duplicate_explicit_ids=tuple(explicit_duplicates),
        words=sum(words for _, words in word_lines),
    )
