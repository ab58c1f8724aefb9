"""The text of a pack as the index holds it: each section's title, the titles above it, its plain words."""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Iterator

from lupus_reader.content.pack import ContentPack
from lupus_reader.search.tokens import clean

BREADCRUMB = " › "

_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,}).*$", re.MULTILINE)  # the fence line; the code stays
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.MULTILINE)
_RULE = re.compile(r"^[ \t|:\-*_]*(?:-{3,}|\*{3,}|_{3,})[ \t|:\-*_]*$", re.MULTILINE)  # and table heads
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.\-]*:[^<>\s]*|[^<>\s@]+@[^<>\s]+)>")
_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|cite|code|em|i|kbd|mark|q|s|small|span|strong|sub|sup|u)\b[^<>]*>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9\-]*(?:\s[^<>]*)?/?>")  # a block's tag parts words: a space
_LINK = re.compile(r"!?\[((?:[^\[\]\\]|\\.)*)\](?:\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)|\[[^\]\n]*\])")
_ATTRS = re.compile(r"\{[:#.][^{}\n]*\}")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_UNDERSCORES = re.compile(r"(?<![^\W_])_+|_+(?![^\W_])")  # emphasis, not snake_case
# Emphasis and code marks go; heading hashes, quote marks and table pipes become spaces.
_MARKUP = str.maketrans(
    {"*": None, "`": None, "~": None, "#": " ", ">": " ", "|": " ", "\x02": " ", "\x03": " "}
)


def plain_text(markdown: str) -> str:
    """The words of some Markdown, for the index and its snippets: no markup, no URLs, one line.

    Regular expressions and str.translate, not the renderer: rendering and
    sanitizing 10,000 sections takes many seconds, this a fraction of one; the
    tokenizer ignores punctuation anyway, and what is left is what a snippet
    shows. Each pattern runs only on text that can hold what it removes.
    """
    text = markdown
    if "<!--" in text:
        text = _COMMENT.sub(" ", text)
    if "```" in text or "~~~" in text:
        text = _FENCE.sub("", text)
    if "]:" in text:
        text = _LINK_DEFINITION.sub("", text)
    if "---" in text or "***" in text or "___" in text:
        text = _RULE.sub("", text)
    if "<" in text:
        text = _TAG.sub(" ", _INLINE_TAG.sub("", _AUTOLINK.sub(" ", text)))
    if "[" in text:
        text = _LINK.sub(r"\1", text)
    if "{" in text:
        text = _ATTRS.sub("", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "_" in text:
        text = _UNDERSCORES.sub("", text)
    text = text.translate(_MARKUP).replace("\n- ", "\n").replace("\n+ ", "\n")
    if "&" in text:
        text = html.unescape(text)
    return unicodedata.normalize("NFC", " ".join(text.split()))


Row = tuple[int, str, str, str, str]  # rowid, section id, title, context, text


def section_rows(pack: ContentPack) -> Iterator[Row]:
    """Every section of the pack: its id, title, the titles above it, and its plain text."""
    rowid = 0
    for chapter in pack.chapters:
        text = chapter.text
        headings = chapter.headings
        starts = [h.start for h in headings]
        by_slug = {h.slug: h for h in headings}
        above: list[tuple[int, str]] = []
        for section in chapter.sections:
            while above and above[-1][0] >= section.level:
                above.pop()
            context = BREADCRUMB.join(title for _, title in above)
            above.append((section.level, section.title))
            heading = by_slug.get(section.anchor)
            if not headings:
                body = text
            elif heading is None:
                body = ""
            else:
                index = bisect.bisect_right(starts, heading.start)
                end = starts[index] if index < len(starts) else len(text)
                # The heading's own line (two for an underlined one) is the title column.
                lines = text[heading.start : end].split("\n", 2 if heading.setext else 1)
                body = lines[-1] if len(lines) > (2 if heading.setext else 1) else ""
            rowid += 1
            title = unicodedata.normalize("NFC", clean(section.title))
            yield rowid, section.id, title, context, plain_text(body)
