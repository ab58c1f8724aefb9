"""check-pack: everything an author should fix, beyond what stops a pack from opening.

Links, raw HTML and rendering are checked here, not when the reader opens a
pack: reading must stay fast, and a broken link is the author's problem.
"""

from __future__ import annotations

from pathlib import Path

from lupus_reader.content.manifest import MANIFEST
from lupus_reader.content.pack import ContentPack, inspect_pack, is_absolute_url, resolve_target
from lupus_reader.content.problems import Problem

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp"}


def check_pack(path: Path) -> tuple[ContentPack | None, list[Problem]]:
    """Open a pack as far as possible and list every problem an author should see."""
    pack, problems = inspect_pack(path)
    if pack is None:
        return pack, problems
    if pack.questions_ref and not pack.questions():
        message = f"'questions' must name a section with a list: {pack.questions_ref} has none"
        problems.append(Problem(MANIFEST, 1, message))
    _check_links(pack, problems)
    _check_raw_html(pack, problems)
    _check_rendering(pack, problems)
    return pack, problems


def _check_links(pack: ContentPack, problems: list[Problem]) -> None:
    for chapter in pack.chapters:
        for link in chapter.scan.links:
            target = link.target.strip()
            if not target:
                problems.append(Problem(chapter.file, link.line, f"link '{link.text}' has no target"))
                continue
            if is_absolute_url(target):
                kind = "image" if link.is_image else "link"
                problems.append(
                    Problem(
                        chapter.file,
                        link.line,
                        f"absolute URL {target} cannot open offline; the {kind} will show as unavailable",
                        "warning",
                    )
                )
                continue
            resolved = resolve_target(chapter.file, target)
            if resolved is None:
                problems.append(Problem(chapter.file, link.line, f"link to {target} points outside the pack"))
                continue
            file, anchor = resolved
            if link.is_image or (file and not file.lower().endswith((".md", ".markdown"))):
                if not file or not pack.source.exists(file):
                    problems.append(Problem(chapter.file, link.line, f"file {target} is not in the pack"))
                elif link.is_image and Path(file).suffix.lower() not in IMAGE_SUFFIXES:
                    problems.append(Problem(chapter.file, link.line, f"{target} is not an image", "warning"))
                continue
            if pack.resolve_link(chapter, target) is None:
                what = f"section '#{anchor}'" if anchor else "chapter"
                where = f" in {file}" if file else ""
                problems.append(Problem(chapter.file, link.line, f"link to missing {what}{where}: {target}"))


def _check_raw_html(pack: ContentPack, problems: list[Problem]) -> None:
    # The renderer (Markdown, nh3) loads only when a pack is checked: cli imports this module at every start.
    from lupus_reader.content.render import ALLOWED_TAGS

    for chapter in pack.chapters:
        for tag in chapter.scan.raw_tags:
            if tag.tag not in ALLOWED_TAGS:
                message = f"raw HTML <{tag.tag}> will be stripped"
            elif tag.attributes.strip():
                message = f"raw HTML <{tag.tag}> attributes will be stripped; use Markdown instead"
            else:
                continue
            problems.append(Problem(chapter.file, tag.line, message, "warning"))


def _check_rendering(pack: ContentPack, problems: list[Problem]) -> None:
    """Every section must come out of the renderer as a heading with its id."""
    from lupus_reader.content.render import Renderer

    renderer = Renderer()
    for chapter in pack.chapters:
        html = renderer.render_chapter(pack, chapter).html
        for heading in chapter.headings:
            if f'id="{heading.slug}"' not in html:
                problems.append(
                    Problem(
                        chapter.file,
                        heading.line,
                        f"heading '{heading.title}' does not render as a heading "
                        "(is it inside raw HTML or a list?)",
                    )
                )
