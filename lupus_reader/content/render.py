"""Markdown to sanitized HTML: Python-Markdown, then nh3 with no URL schemes at all."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import markdown
import nh3
from markdown.extensions.admonition import AdmonitionExtension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.def_list import DefListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension

from lupus_reader.content.extensions import ReaderExtension
from lupus_reader.content.glossary import Glossary
from lupus_reader.content.hyphenate import hyphenate_html
from lupus_reader.content.pack import Chapter, ContentPack, is_absolute_url
from lupus_reader.content.render_cache import document_html
from lupus_reader.content.scan import MARK_CLOSE, MARK_OPEN, Heading, scan_headings, with_heading_marks

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "dd",
        "del",
        "div",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
_ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "table": {"width"},
    "abbr": {"title"},
}


def _only_relative(tag: str, attribute: str, value: str) -> str | None:
    # nh3 drops URLs with schemes; this also drops scheme-less network paths
    # such as //host/x, which Qt would otherwise treat as a remote file.
    if attribute in {"href", "src"} and is_absolute_url(value):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags={"script", "style", "iframe", "object", "embed", "template", "svg", "math"},
    attributes={key: set(value) for key, value in _ATTRIBUTES.items()},
    attribute_filter=_only_relative,
    url_schemes=set(),
    link_rel=None,
    strip_comments=True,
)


# nh3 writes normalized tags, so an <img> that lost its remote src is easy to find.
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)([^>]*)>")
_STRAY_MARK = re.compile(f"{MARK_OPEN}\\d*{MARK_CLOSE}?")
_ALT = re.compile(r'\salt="([^"]*)"')


def _offline_image(match: re.Match[str]) -> str:
    alt = _ALT.search(match.group(1))
    label = alt.group(1) if alt and alt.group(1) else "picture"
    return f'<span class="offline-image">[{label}: not available offline]</span>'


def sanitize(fragment: str) -> str:
    """Keep only safe tags and relative URLs: nothing that could run or fetch.

    Raw-HTML images whose remote source was removed become a visible note
    rather than an empty image the pane would try to load.
    """
    cleaned = _IMG_WITHOUT_SRC.sub(_offline_image, _CLEANER.clean(fragment))
    # A heading mark left where Markdown made no heading (raw HTML) is not text.
    return _STRAY_MARK.sub("", cleaned) if MARK_OPEN in cleaned else cleaned


@dataclass(frozen=True, slots=True)
class RenderedChapter:
    html: str
    external_links: tuple[str, ...]


class Renderer:
    """Renders chapters to HTML; one Markdown instance reused for speed."""

    def __init__(self) -> None:
        self._extension = ReaderExtension()
        # Extension instances, not names: names make Markdown search every
        # installed package's entry points, which costs ~30 ms at start-up.
        self._md = markdown.Markdown(
            extensions=[
                TableExtension(use_align_attribute=True),
                AdmonitionExtension(),
                AttrListExtension(),
                FencedCodeExtension(),
                SaneListExtension(),
                DefListExtension(),
                self._extension,
            ],
            output_format="html",
        )

    def render_markdown(
        self, text: str, headings: tuple[Heading, ...] | None = None, glossary: Glossary | None = None
    ) -> RenderedChapter:
        """Render one chapter; section headings get the ids the scanner gave them.

        With a ``glossary``, the first occurrence of each term in each section
        links to its definition (see glossary_links).
        """
        if headings is None:
            headings = scan_headings(text).headings
        self._md.reset()
        self._extension.section_ids.anchors = tuple(h.slug for h in headings)
        self._extension.glossary_links.glossary = glossary
        body = self._md.convert(with_heading_marks(text, headings))
        external = tuple(self._extension.offline_links.external)
        return RenderedChapter(sanitize(body), external)

    def render_chapter(self, pack: ContentPack, chapter: Chapter) -> RenderedChapter:
        rendered = self.render_markdown(chapter.text, chapter.headings, pack.glossary)
        if not chapter.headings:
            # A chapter without headings still needs its one section's anchor.
            title = html.escape(chapter.title)
            anchor = chapter.sections[0].anchor
            heading = f'<h1 id="{anchor}">{title}</h1>'
            rendered = RenderedChapter(heading + rendered.html, rendered.external_links)
        # Last, on the sanitized page: glossary terms were found in the unhyphenated words.
        return RenderedChapter(hyphenate_html(rendered.html, pack.language), rendered.external_links)


def glossary_html(
    pack: ContentPack,
    title: str = "Glossary",
    also: str = "Also called",
    empty: str = "This guide has no glossary.",
) -> str:
    """The pack's glossary as a page for the reader pane: every term, alphabetically, sanitized.

    Each term's ``<dt>`` has the id its links point at (``glossary-<slug>``),
    so a glossary link followed inside this page lands on its entry. ``title``,
    ``also`` and ``empty`` are the page's own words, for a translated UI to replace.
    """
    parts = [f'<h1 id="glossary">{html.escape(title)}</h1>']
    terms = pack.glossary.sorted_terms() if pack.glossary else []
    if terms:
        parts.append('<dl class="glossary">')
        for term in terms:
            parts.append(f'<dt id="{html.escape(term.href[1:])}"><b>{html.escape(term.name)}</b></dt>')
            parts.append(f"<dd>{html.escape(term.definition)}</dd>")
            if term.aliases:
                forms = ", ".join(html.escape(alias) for alias in term.aliases)
                parts.append(f'<dd class="glossary-aliases">{html.escape(also)}: {forms}</dd>')
        parts.append("</dl>")
    else:
        parts.append(f"<p>{html.escape(empty)}</p>")
    return document_html(sanitize("\n".join(parts)), pack.language)
