"""Our Markdown extensions: section ids, offline links and images, glossary terms, admonitions as boxes."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree  # noqa: N813 (Python-Markdown convention)
from typing import Any

from markdown import Extension, Markdown, util
from markdown.treeprocessors import Treeprocessor

from lupus_reader.content.glossary_links import GlossaryLinkProcessor
from lupus_reader.content.pack import EXTERNAL_PREFIX, is_absolute_url
from lupus_reader.content.scan import MARK_CLOSE, MARK_OPEN

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


_MARK = re.compile(f"{MARK_OPEN}(\\d+){MARK_CLOSE}")


class SectionIdProcessor(Treeprocessor):
    """Give each heading that carries a scanner's mark its section's id, and drop the mark."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.anchors: tuple[str, ...] = ()

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag in _HEADINGS:
                self._claim(element)

    def _claim(self, heading: etree.Element) -> None:
        # The mark starts the heading's words; search every text and tail to be sure.
        for node in heading.iter():
            for attribute in ("text", "tail"):
                value = getattr(node, attribute)
                if (node is heading and attribute == "tail") or not value or MARK_OPEN not in value:
                    continue
                for match in _MARK.finditer(value):
                    if int(match.group(1)) < len(self.anchors):
                        heading.set("id", self.anchors[int(match.group(1))])
                setattr(node, attribute, _MARK.sub("", value))


class OfflineLinkProcessor(Treeprocessor):
    """Turn remote links into inert "offline" links and remote images into a note.

    The sanitizer would drop the URLs anyway; this keeps the reader informed
    instead of showing a dead link or a broken image.
    """

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.external: list[str] = []

    def run(self, root: etree.Element) -> None:
        self.external = []
        for parent in root.iter():
            for element in list(parent):
                if element.tag == "a":
                    # Autolinked e-mail addresses come entity-encoded ("&#109;...").
                    href = html.unescape(element.get("href", "").replace(util.AMP_SUBSTITUTE, "&"))
                    if href and is_absolute_url(href):
                        element.set("href", f"{EXTERNAL_PREFIX}{len(self.external)}")
                        element.set("class", "external")
                        element.set("title", f"Not available offline: {href}")
                        self.external.append(href)
                        # Say it in the text too: a greyed link alone is easy to miss.
                        note = etree.Element("span", {"class": "offline-note"})
                        note.text = " (web link, not available offline)"
                        note.tail = element.tail
                        element.tail = None
                        parent.insert(list(parent).index(element) + 1, note)
                elif element.tag == "img":
                    src = element.get("src", "")
                    if not src or is_absolute_url(src):
                        note = etree.Element("span", {"class": "offline-image"})
                        alt = element.get("alt") or "picture"
                        note.text = f"[{alt}: not available offline]"
                        note.tail = element.tail
                        position = list(parent).index(element)
                        parent.remove(element)
                        parent.insert(position, note)


class AdmonitionBoxProcessor(Treeprocessor):
    """Turn admonition divs into one-cell tables: Qt's rich text boxes tables, not divs."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for element in list(parent):
                classes = element.get("class", "").split()
                if element.tag != "div" or "admonition" not in classes:
                    continue
                table = etree.Element("table", {"class": " ".join(classes), "width": "100%"})
                row = etree.SubElement(table, "tr")
                cell = etree.SubElement(row, "td", {"class": " ".join(classes)})
                cell.text = element.text
                cell.extend(list(element))
                table.tail = element.tail
                position = list(parent).index(element)
                parent.remove(element)
                parent.insert(position, table)


class ReaderExtension(Extension):
    """Registers our processors; the renderer sets ``anchors`` and ``glossary`` per chapter."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown API)
        self.section_ids = SectionIdProcessor(md)
        self.offline_links = OfflineLinkProcessor(md)
        self.glossary_links = GlossaryLinkProcessor(md)
        # After the inline processor (20), which makes the <a> and <img> elements.
        md.treeprocessors.register(self.glossary_links, "lupus_glossary_links", 6)
        md.treeprocessors.register(self.section_ids, "lupus_section_ids", 5)
        md.treeprocessors.register(self.offline_links, "lupus_offline_links", 4)
        md.treeprocessors.register(AdmonitionBoxProcessor(md), "lupus_admonition_boxes", 3)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
