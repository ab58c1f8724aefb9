"""Sections remembered between runs: the same navigator, fewer files read, never stale."""

from __future__ import annotations

import os
import time

import pytest

from lupus_reader.content.pack import PackError, load_pack
from lupus_reader.content.render import Renderer
from lupus_reader.content.scan_cache import ScanCache
from lupus_reader.content.source import FolderSource


def sections(pack):
    return [(s.id, s.title, s.level, s.index, s.size) for s in pack.sections]


def test_a_warm_open_lists_the_same_sections_and_reads_no_chapter(tmp_path, bundled_pack, monkeypatch):
    cache = ScanCache(tmp_path / "cache")
    cold = load_pack(bundled_pack, cache)
    reads: list[str] = []
    original = FolderSource.read_bytes
    monkeypatch.setattr(
        FolderSource, "read_bytes", lambda self, name: reads.append(name) or original(self, name)
    )

    warm = load_pack(bundled_pack, cache)

    assert sections(warm) == sections(cold)
    assert [c.title for c in warm.chapters] == [c.title for c in cold.chapters]
    # The manifest and the glossary only (a page's cache key needs the glossary anyway).
    assert reads == ["pack.toml", "glossary.toml"]
    # A chapter is read when it is needed, and renders with the same ids.
    html = Renderer().render_chapter(warm, warm.chapters[2]).html
    assert [s.anchor for s in warm.chapters[2].sections] == [
        a for a in ("how-the-treatment-works", "collection", "conditioning", "transplant",
                    "recovery-and-follow-up") if f'id="{a}"' in html
    ]  # fmt: skip
    assert reads == ["pack.toml", "glossary.toml", warm.chapters[2].file]


def test_a_changed_chapter_is_scanned_again(tmp_path, make_pack, manifest):
    folder = make_pack({"pack.toml": manifest(), "one.md": "# First\n\ntext\n"})
    cache = ScanCache(tmp_path / "cache")
    assert [s.title for s in load_pack(folder, cache).sections] == ["First"]
    chapter = folder / "one.md"
    chapter.write_text("# First\n\ntext\n\n## Added later\n\nmore\n", encoding="utf-8")
    later = time.time() + 5
    os.utime(chapter, (later, later))  # even on a filesystem with coarse times

    assert [s.title for s in load_pack(folder, cache).sections] == ["First", "Added later"]


def test_a_damaged_cache_means_a_fresh_scan(tmp_path, bundled_pack):
    cache = ScanCache(tmp_path / "cache")
    expected = sections(load_pack(bundled_pack, cache))
    for damage in ("", "{", '{"revision": 1}', '{"revision": ["0", 1], "chapters": []}', "[1, 2]"):
        for stored in (tmp_path / "cache").glob("*.json"):
            stored.write_text(damage, encoding="utf-8")
        assert sections(load_pack(bundled_pack, cache)) == expected
    rows_wrong = next((tmp_path / "cache").glob("*.json"))
    rows_wrong.write_text(rows_wrong.read_text().replace('"', "'"), encoding="utf-8")
    assert sections(load_pack(bundled_pack, cache)) == expected


def test_an_unwritable_cache_still_opens_the_pack(tmp_path, bundled_pack):
    blocked = tmp_path / "cache"
    blocked.write_text("not a folder", encoding="utf-8")
    assert len(load_pack(bundled_pack, ScanCache(blocked)).sections) == 31
    assert blocked.read_text(encoding="utf-8") == "not a folder"


def test_a_chapter_with_an_error_is_never_cached(tmp_path, make_pack, manifest):
    folder = make_pack({"pack.toml": manifest(), "one.md": "# A {#x}\n\n# B {#x}\n"})
    cache = ScanCache(tmp_path / "cache")
    for _ in range(2):  # the second open must report it again, not trust a cache
        with pytest.raises(PackError, match="duplicate id 'x'"):
            load_pack(folder, cache)
