"""--self-test: open every pack, render every section, and check what a reader would get."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence

from PySide6.QtGui import QTextDocument

from lupus_reader.content.hyphenate import SOFT_HYPHEN
from lupus_reader.content.library import Library, PackFailure
from lupus_reader.content.render import Renderer
from lupus_reader.content.render_cache import document_html
from lupus_reader.themes import THEMES, content_css

_REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.\-]*:|//)""", re.IGNORECASE)


def run_self_test(library: Library, failures: Sequence[PackFailure]) -> tuple[bool, str]:
    """Return (ok, a short report) for the packs the app would show."""
    problems: list[str] = []
    for failure in failures:
        problems.append(f"the content pack at {failure.path} cannot be opened:")
        problems += [f"  {p}" for p in failure.error.problems if p.severity == "error"]
    started = time.perf_counter()
    renderer = Renderer()
    css = content_css(THEMES["light"])
    chapters = sections = words = 0
    hyphenated: set[str] = set()  # the languages whose pages came out with soft hyphens
    for pack in library.packs:
        for chapter in pack.chapters:
            rendered = renderer.render_chapter(pack, chapter)
            if SOFT_HYPHEN in rendered.html:
                hyphenated.add(pack.language)
            if _REMOTE.search(rendered.html):
                problems.append(f"{pack.id}/{chapter.file}: rendered HTML still names a remote URL")
            document = QTextDocument()
            document.setDefaultStyleSheet(css)
            document.setHtml(document_html(rendered.html, pack.language))
            anchors = _anchors(document)
            for section in chapter.sections:
                if section.anchor not in anchors:
                    problems.append(f"{section.id}: heading not found in the rendered page")
            if not document.toPlainText().strip():
                problems.append(f"{pack.id}/{chapter.file}: renders as an empty page")
            chapters += 1
            sections += len(chapter.sections)
            words += chapter.words
    elapsed = (time.perf_counter() - started) * 1000
    if not library.packs:
        problems.append("no content pack could be opened")
    if problems:
        return False, "self-test FAILED:\n" + "\n".join(f"  {p}" for p in problems)
    return True, (
        f"self-test ok: {len(library.packs)} pack(s), {chapters} chapters, "
        f"{sections} sections, {words} words rendered in {elapsed:.0f} ms, "
        f"hyphenated: {', '.join(sorted(hyphenated)) or 'none'}"
    )


def _anchors(document: QTextDocument) -> set[str]:
    names: set[str] = set()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            names.update(iterator.fragment().charFormat().anchorNames())
            iterator += 1
        block = block.next()
    return names
