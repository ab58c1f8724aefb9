"""Rendered chapters kept on disk, so the first page shows without loading Markdown at all.

A chapter's HTML depends only on its Markdown, its section ids, the pack's
glossary and the renderer, so it is cached under a hash of exactly those. The cache is a
convenience: anything wrong with it (missing, damaged, unwritable) means
the chapter is rendered again, never that the reader sees an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lupus_reader import __version__
from lupus_reader.content.language import text_direction
from lupus_reader.files import write_atomically

if TYPE_CHECKING:
    from lupus_reader.content.pack import Chapter, ContentPack
    from lupus_reader.content.render import Renderer

# Bump when the HTML the renderer makes for the same Markdown changes.
RENDER_REVISION = 6  # 6: soft hyphens in long words, from the pack's language (pyphen)


class CachedChapter(NamedTuple):
    html: str
    external_links: tuple[str, ...]


def chapter_key(language: str, anchors: tuple[str, ...], text: str, glossary: str = "") -> str:
    """The cache key of a chapter's page; ``glossary`` is the pack's Glossary.fingerprint, if any."""
    digest = hashlib.sha256()
    for part in (__version__, str(RENDER_REVISION), language, "\x1f".join(anchors), text, glossary):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


class RenderCache:
    """One small JSON file per rendered chapter, named by its key."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path | None:
        return None if self.folder is None else self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> CachedChapter | None:
        path = self._path(key)
        if path is None:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            html, links = data["html"], data["external_links"]
            if isinstance(html, str) and isinstance(links, list) and all(isinstance(x, str) for x in links):
                return CachedChapter(html, tuple(links))
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return None

    def put(self, key: str, chapter: CachedChapter) -> None:
        path = self._path(key)
        if path is None:
            return
        payload = json.dumps({"html": chapter.html, "external_links": list(chapter.external_links)})
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            write_atomically(path, payload.encode("utf-8"), durable=False)


def document_html(body: str, language: str) -> str:
    """Wrap a rendered body as a full document for the reader pane."""
    lang = language.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    direction = text_direction(language)  # Qt lays each block out right to left from this
    return (
        f'<html lang="{lang}" dir="{direction}"><head><meta charset="utf-8"></head>'
        f'<body dir="{direction}">{body}</body></html>'
    )


class ChapterPages:
    """Full pages for the reader pane: from memory, else from disk, else rendered.

    Markdown and the sanitizer are imported only when a chapter has to be
    rendered, so a start-up that finds its first page on disk never loads them.
    Memory is bounded by size, not count: a 10,000-section guide is ~10 MB of HTML.
    """

    def __init__(self, cache: RenderCache, memory_budget: int = 64 * 1024 * 1024) -> None:
        self.cache = cache
        self.memory_budget = memory_budget
        self._memory: OrderedDict[tuple[str, int], CachedChapter] = OrderedDict()
        self._memory_size = 0
        self._renderer: Renderer | None = None

    def has(self, pack: ContentPack, chapter: Chapter) -> bool:
        return (pack.id, chapter.index) in self._memory

    def page(self, pack: ContentPack, chapter: Chapter) -> CachedChapter:
        slot = (pack.id, chapter.index)
        found = self._memory.get(slot)
        if found is not None:
            self._memory.move_to_end(slot)
            return found
        glossary = pack.glossary.fingerprint if pack.glossary else ""
        key = chapter_key(pack.language, tuple(s.anchor for s in chapter.sections), chapter.text, glossary)
        found = self.cache.get(key)
        if found is None:
            rendered = self.renderer().render_chapter(pack, chapter)
            found = CachedChapter(document_html(rendered.html, pack.language), rendered.external_links)
            self.cache.put(key, found)
        self._remember(slot, found)
        return found

    def renderer(self) -> Renderer:
        if self._renderer is None:
            from lupus_reader.content.render import Renderer

            self._renderer = Renderer()
        return self._renderer

    def forget(self, pack_id: str) -> None:
        for slot in [slot for slot in self._memory if slot[0] == pack_id]:
            self._memory_size -= len(self._memory.pop(slot).html)

    def _remember(self, slot: tuple[str, int], chapter: CachedChapter) -> None:
        self._memory[slot] = chapter
        self._memory_size += len(chapter.html)
        while self._memory_size > self.memory_budget and len(self._memory) > 1:
            _, dropped = self._memory.popitem(last=False)
            self._memory_size -= len(dropped.html)
