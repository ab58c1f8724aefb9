"""Rendered pages on disk: a returning reader's first page without Markdown, never a wrong page."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from hypothesis import given
from hypothesis import strategies as st
from markdown.extensions.toc import slugify_unicode

from lupus_reader.content.hyphenate import without_soft_hyphens
from lupus_reader.content.pack import load_pack
from lupus_reader.content.render_cache import CachedChapter, ChapterPages, RenderCache, chapter_key
from lupus_reader.content.scan import make_slug


def test_a_page_is_rendered_once_then_read_from_disk(tmp_path, bundled_pack):
    pack = load_pack(bundled_pack)
    chapter = pack.chapters[2]
    first = ChapterPages(RenderCache(tmp_path))
    page = first.page(pack, chapter)
    assert "Conditioning" in without_soft_hyphens(page.html) and 'id="conditioning"' in page.html
    files = list(tmp_path.rglob("*.json"))
    assert len(files) == 1

    # A new session finds it on disk and never builds a renderer.
    second = ChapterPages(RenderCache(tmp_path))
    assert second.page(pack, chapter) == page
    assert second._renderer is None


def test_changed_text_or_ids_never_reuse_an_old_page():
    base = chapter_key("en", ("a", "b"), "# A\n\n# B\n")
    assert chapter_key("en", ("a", "b"), "# A\n\n# B!\n") != base
    assert chapter_key("en", ("a", "c"), "# A\n\n# B\n") != base
    assert chapter_key("de", ("a", "b"), "# A\n\n# B\n") != base
    assert chapter_key("en", ("a", "b"), "# A\n\n# B\n") == base


def test_a_damaged_or_foreign_cache_file_is_rendered_again(tmp_path, bundled_pack):
    pack = load_pack(bundled_pack)
    chapter = pack.chapters[0]
    ChapterPages(RenderCache(tmp_path)).page(pack, chapter)
    (cached,) = tmp_path.rglob("*.json")
    for damage in ("{truncated", json.dumps({"html": 5, "external_links": []}), json.dumps([1, 2])):
        cached.write_text(damage, encoding="utf-8")
        page = ChapterPages(RenderCache(tmp_path)).page(pack, chapter)
        assert "About This Guide" in page.html


def test_an_unwritable_cache_only_costs_time(tmp_path, bundled_pack):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    pages = ChapterPages(RenderCache(blocked))
    pack = load_pack(bundled_pack)
    assert "About This Guide" in pages.page(pack, pack.chapters[0]).html
    assert blocked.read_text(encoding="utf-8") == "a file where the folder should be"


def test_memory_is_bounded_by_size(bundled_pack):
    pack = load_pack(bundled_pack)
    pages = ChapterPages(RenderCache(None), memory_budget=1)
    for chapter in pack.chapters:
        pages.page(pack, chapter)
    assert [pages.has(pack, c) for c in pack.chapters].count(True) == 1  # only the latest
    pages.forget(pack.id)
    assert not any(pages.has(pack, c) for c in pack.chapters)


def test_round_trip_keeps_external_links(tmp_path):
    cache = RenderCache(tmp_path)
    cache.put("ab" * 32, CachedChapter("<p>x</p>", ("https://example.org/a",)))
    assert cache.get("ab" * 32) == CachedChapter("<p>x</p>", ("https://example.org/a",))
    assert cache.get("cd" * 32) is None


def test_a_cached_first_page_does_not_load_markdown_nh3_or_pyphen(tmp_path, bundled_pack):
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from lupus_reader.content.pack import load_pack
        from lupus_reader.content.render_cache import ChapterPages, RenderCache
        pack = load_pack(Path({str(bundled_pack)!r}))
        ChapterPages(RenderCache(Path({str(tmp_path)!r}))).page(pack, pack.chapters[0])
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("markdown", "nh3", "pyphen")))
    """)
    cold = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "'nh3'" in cold.stdout and "'pyphen'" in cold.stdout  # the page was hyphenated
    warm = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert warm.stdout.strip() == "[]"


@given(st.text(max_size=60))
def test_slugs_follow_python_markdown(title):
    expected = slugify_unicode(title, "-") or "section"
    assert make_slug(title) == expected
