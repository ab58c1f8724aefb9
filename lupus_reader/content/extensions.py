"""Our Markdown extensions: section ids that match the navigator, and offline links."""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree  # noqa: N813 (Python-Markdown convention)
from typing import Any

from markdown import Extension, Markdown, util
from markdown.treeprocessors import Treeprocessor

from lupus_reader.content.pack import is_absolute_url

SECTION_TAGS = ("h1", "h2", "h3")
EXTERNAL_PREFIX = "#external-"


class SectionIdProcessor(Treeprocessor):
    """Give top-level h1-h3 the ids the scanner found, in the same order."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.anchors: list[str] = []

    def run(self, root: etree.Element) -> None:
        expected = iter(self.anchors)
        used = set(self.anchors)
        spare = 0
        for element in root:
            if element.tag not in SECTION_TAGS:
                continue
            if not len(element) and not (element.text or "").strip():
                continue  # "#" alone: an empty heading, which the scanner does not count either
            anchor = next(expected, None)
            if anchor is None:
                spare += 1
                anchor = f"heading-{spare}"
                while anchor in used:
                    spare += 1
                    anchor = f"heading-{spare}"
            element.set("id", anchor)
            element.set("class", "section-heading")


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
            for index, element in enumerate(list(parent)):
                if element.tag == "a":
                    # Autolinked e-mail addresses come entity-encoded ("&#109;...").
                    href = html.unescape(element.get("href", "").replace(util.AMP_SUBSTITUTE, "&"))
                    if href and is_absolute_url(href):
                        element.set("href", f"{EXTERNAL_PREFIX}{len(self.external)}")
                        element.set("class", "external")
                        element.set("title", f"Not available offline: {href}")
                        self.external.append(href)
                elif element.tag == "img":
                    src = element.get("src", "")
                    if not src or is_absolute_url(src):
                        note = etree.Element("span", {"class": "offline-image"})
                        alt = element.get("alt") or "picture"
                        note.text = f"[{alt}: not available offline]"
                        note.tail = element.tail
                        parent.remove(element)
                        parent.insert(index, note)


class AdmonitionBoxProcessor(Treeprocessor):
    """Turn admonition divs into one-cell tables: Qt's rich text boxes tables, not divs."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, element in enumerate(list(parent)):
                classes = element.get("class", "").split()
                if element.tag != "div" or "admonition" not in classes:
                    continue
                table = etree.Element("table", {"class": " ".join(classes), "width": "100%"})
                row = etree.SubElement(table, "tr")
                cell = etree.SubElement(row, "td", {"class": " ".join(classes)})
                cell.text = element.text
                cell.extend(list(element))
                table.tail = element.tail
                parent.remove(element)
                parent.insert(index, table)


class ReaderExtension(Extension):
    """Registers both processors; the renderer sets ``anchors`` per chapter."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown API)
        self.section_ids = SectionIdProcessor(md)
        self.offline_links = OfflineLinkProcessor(md)
        # After attr_list (priority 8) so our ids win; before inline-placeholder
        # restoration does not matter for element attributes.
        md.treeprocessors.register(self.section_ids, "lupus_section_ids", 5)
        md.treeprocessors.register(self.offline_links, "lupus_offline_links", 4)
        md.treeprocessors.register(AdmonitionBoxProcessor(md), "lupus_admonition_boxes", 3)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
