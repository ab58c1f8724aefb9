"""Where a click on a link goes: ContentPack.resolve_link and resolve_target."""

from __future__ import annotations

import pytest

from lupus_reader.content.pack import ContentPack, load_pack, resolve_target


@pytest.fixture
def pack(make_pack, manifest) -> ContentPack:
    return load_pack(
        make_pack(
            {
                "pack.toml": manifest(chapters=["one.md", "guide/two.md", "empty-ish.md"]),
                "one.md": "# One\n\n## Risks\n\ntext\n",
                "guide/two.md": "# Two\n\n## Steps {#steps}\n\ntext\n",
                "empty-ish.md": "No heading at all.\n",
                "img/a.png": b"\x89PNG",
            }
        )
    )


def chapter(pack: ContentPack, file: str):
    return next(c for c in pack.chapters if c.file == file)


@pytest.mark.parametrize(
    ("from_file", "href", "expected"),
    [
        ("one.md", "#risks", "demo/one/risks"),
        ("one.md", "#one", "demo/one/one"),
        ("one.md", "one.md#risks", "demo/one/risks"),
        ("one.md", "guide/two.md#steps", "demo/guide-two/steps"),
        ("one.md", "guide/two.md", "demo/guide-two/two"),
        ("one.md", "./guide/../guide/two.md#steps", "demo/guide-two/steps"),
        ("one.md", " guide/two.md#steps ", "demo/guide-two/steps"),
        ("one.md", "guide/two.md?x=1#steps", "demo/guide-two/steps"),
        ("guide/two.md", "../one.md#risks", "demo/one/risks"),
        ("guide/two.md", "#steps", "demo/guide-two/steps"),
        ("one.md", "empty-ish.md", "demo/empty-ish/empty-ish"),
    ],
)
def test_relative_links_reach_their_section(pack, from_file, href, expected):
    section = pack.resolve_link(chapter(pack, from_file), href)

    assert section is not None
    assert section.id == expected


@pytest.mark.parametrize(
    ("from_file", "href"),
    [
        ("one.md", "#nope"),
        ("one.md", "guide/two.md#risks"),  # the anchor is in another chapter
        ("one.md", "missing.md"),
        ("one.md", "two.md"),  # relative to one.md, not guide/
        ("guide/two.md", "one.md"),  # relative to guide/
        ("one.md", "../one.md"),  # outside the pack
        ("guide/two.md", "../../one.md"),
        ("one.md", "/one.md"),
        ("one.md", "https://example.org/one.md"),
        ("one.md", "//example.org/one.md"),
        ("one.md", "file:///etc/passwd"),
        ("one.md", "mailto:someone@example.org"),
        ("one.md", "javascript:alert(1)"),
        ("one.md", "\\\\server\\share\\one.md"),
        ("one.md", "img/a.png"),  # a file, not a chapter
        ("one.md", ""),
    ],
)
def test_links_that_go_nowhere_resolve_to_none(pack, from_file, href):
    assert pack.resolve_link(chapter(pack, from_file), href) is None


@pytest.mark.parametrize(
    ("from_file", "href", "expected"),
    [
        ("one.md", "#anchor", ("", "anchor")),
        ("one.md", "file.md#anchor", ("file.md", "anchor")),
        ("one.md", "file.md", ("file.md", "")),
        ("guide/two.md", "file.md", ("guide/file.md", "")),
        ("guide/two.md", "../file.md#a", ("file.md", "a")),
        ("guide/two.md", "./sub/../x.md", ("guide/x.md", "")),
        ("one.md", "img/a.png?v=2", ("img/a.png", "")),
        ("one.md", "../x", None),
        ("guide/two.md", "../../x", None),
        ("one.md", "..", None),
        ("one.md", "/etc/passwd", None),
        ("one.md", "http://example.org/x.md", None),
        ("one.md", "https://example.org/x.md#a", None),
        ("one.md", "mailto:a@example.org", None),
        ("one.md", "//example.org/x", None),
        ("one.md", "C:\\x.md", None),
        ("one.md", "a\\b.md", None),
        ("one.md", "", None),
        ("one.md", "   ", None),
    ],
)
def test_resolve_target(from_file, href, expected):
    assert resolve_target(from_file, href) == expected


def test_resource_path_for_images(pack):
    one = chapter(pack, "one.md")
    two = chapter(pack, "guide/two.md")

    assert pack.resource_path(one, "img/a.png") == "img/a.png"
    assert pack.resource_path(two, "../img/a.png") == "img/a.png"
    assert pack.resource_path(one, "../img/a.png") is None
    assert pack.resource_path(one, "https://example.org/a.png") is None
    assert pack.resource_path(one, "#only-an-anchor") is None
