"""Glossary terms in running text become links to their definitions: the first time in each section.

Only the first occurrence per section is marked, not every one: a paragraph
full of underlined words is harder to read, and a screen reader announces
every link. The first time a word comes up in a section is where a reader
who jumped there needs it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree  # noqa: N813 (Python-Markdown convention)

from markdown import Markdown, util
from markdown.treeprocessors import Treeprocessor

from lupus_reader.content.glossary import Glossary, Term

# Headings start sections (a new section marks its terms again); h4-h6 only label text.
_SECTION_HEADINGS = frozenset({"h1", "h2", "h3"})
# Nothing inside these is running text: titles, links, code, the head of a table column.
_SKIPPED = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "abbr", "th", "script"})
_SKIPPED_CLASSES = frozenset({"admonition-title", "offline-note", "offline-image"})
# Raw HTML in the text stays a placeholder until after tree processors run.
_RAW_OPEN = re.compile(r"^<\s*(a|code|pre|kbd|abbr|h[1-6])\b", re.IGNORECASE)
_RAW_CLOSE = re.compile(r"^<\s*/\s*(a|code|pre|kbd|abbr|h[1-6])\s*>", re.IGNORECASE)


class GlossaryLinkProcessor(Treeprocessor):
    """Wrap a term's first occurrence per section in ``<a href="#glossary-slug" class="glossary">``.

    The renderer sets ``glossary`` before each chapter; None marks nothing.
    """

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.glossary: Glossary | None = None
        self._seen: set[str] = set()
        self._raw_depth = 0

    def run(self, root: etree.Element) -> None:
        if not self.glossary:
            return
        self._seen = set()
        self._raw_depth = 0
        self._walk(root, self.glossary)

    def _walk(self, element: etree.Element, glossary: Glossary) -> None:
        # Document order: an element's text, then each child and the child's tail.
        if element.tag in _SECTION_HEADINGS:
            self._seen.clear()
        if element.tag in _SKIPPED or _SKIPPED_CLASSES & set(element.get("class", "").split()):
            return
        children = list(element)
        head, links = self._mark(element.text, glossary)
        if links:
            element.text = head
            for position, link in enumerate(links):
                element.insert(position, link)
        for child in children:
            self._walk(child, glossary)
            head, links = self._mark(child.tail, glossary)
            if links:
                child.tail = head
                position = list(element).index(child) + 1
                for offset, link in enumerate(links):
                    element.insert(position + offset, link)

    def _mark(self, text: str | None, glossary: Glossary) -> tuple[str, list[etree.Element]]:
        """``text`` split into what stays text and the links that follow it (each with its tail)."""
        if not text or isinstance(text, util.AtomicString):
            return text or "", []
        pieces: list[str] = []
        links: list[etree.Element] = []
        position = 0
        for segment in util.HTML_PLACEHOLDER_RE.finditer(text):
            self._marks_in(text, position, segment.start(), glossary, pieces, links)
            self._append(segment.group(), pieces, links)
            self._pass_raw_html(segment.group(1))
            position = segment.end()
        self._marks_in(text, position, len(text), glossary, pieces, links)
        if not links:
            return text, []
        return pieces[0], links

    def _marks_in(
        self,
        text: str,
        start: int,
        end: int,
        glossary: Glossary,
        pieces: list[str],
        links: list[etree.Element],
    ) -> None:
        """Mark terms in text[start:end], adding plain text to the last piece (or a link's tail)."""
        cursor = start
        if self._raw_depth == 0:
            for match, term in glossary.find(text[start:end]):
                if term.slug in self._seen:
                    continue
                self._seen.add(term.slug)
                self._append(text[cursor : start + match.start()], pieces, links)
                links.append(_link(term, match.group()))
                cursor = start + match.end()
        self._append(text[cursor:end], pieces, links)

    @staticmethod
    def _append(text: str, pieces: list[str], links: list[etree.Element]) -> None:
        if links:
            links[-1].tail = (links[-1].tail or "") + text
        elif pieces:
            pieces[0] += text
        else:
            pieces.append(text)

    def _pass_raw_html(self, index: str) -> None:
        """Keep count of raw-HTML links and code we are inside: no term is marked there."""
        blocks = self.md.htmlStash.rawHtmlBlocks
        raw = blocks[int(index)] if int(index) < len(blocks) else ""
        if not isinstance(raw, str):
            return
        if _RAW_OPEN.match(raw) and not raw.rstrip().endswith("/>"):
            self._raw_depth += 1
        elif _RAW_CLOSE.match(raw):
            self._raw_depth = max(self._raw_depth - 1, 0)


def _link(term: Term, text: str) -> etree.Element:
    # The definition rides along as a tooltip; the UI catches "#glossary-..." to show it in place.
    link = etree.Element("a", {"href": term.href, "class": "glossary", "title": term.definition})
    link.text = text
    return link
