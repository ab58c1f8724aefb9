"""Opening packs: manifest or plain folder, zipped or not; chapters, sections and their ids."""

from __future__ import annotations

import datetime as dt
import os
import zipfile

import pytest

from lupus_reader.content.pack import ContentPack, PackError, load_pack
from lupus_reader.content.validate import check_pack

CH_ONE = """# Getting Started

Welcome to the guide.

## First Steps

Take the first step.

### Small Detail

A detail.
"""

CH_TWO = """Second Chapter Title
====================

Some words here.

A Setext Section
----------------

More words.
"""


def section_ids(pack: ContentPack) -> list[str]:
    return [s.id for s in pack.sections]


@pytest.fixture
def full_pack_files(manifest):
    return {
        "pack.toml": manifest(
            id="guide",
            title="A Full Guide",
            subtitle="Everything filled in",
            language="pt-BR",
            version="2.0.1",
            chapters=["b-second.md", "a-first.md"],  # not alphabetical: the manifest decides
            sources=[
                {"title": "Source One", "note": "An article", "url": "https://example.org/one"},
                {"title": "Source Two"},
            ],
        ),
        "a-first.md": CH_ONE,
        "b-second.md": CH_TWO,
    }


def test_manifest_pack_loads_every_field(make_pack, full_pack_files):
    pack = load_pack(make_pack(full_pack_files))

    assert pack.id == "guide"
    assert pack.title == "A Full Guide"
    assert pack.subtitle == "Everything filled in"
    assert pack.language == "pt-BR"
    assert pack.version == "2.0.1"
    assert pack.reviewed == dt.date(2026, 1, 31)
    assert pack.has_manifest
    assert [(s.title, s.note, s.url) for s in pack.sources] == [
        ("Source One", "An article", "https://example.org/one"),
        ("Source Two", "", ""),
    ]
    assert pack.warnings == []


def test_manifest_order_decides_chapter_order(make_pack, full_pack_files):
    pack = load_pack(make_pack(full_pack_files))

    assert [c.file for c in pack.chapters] == ["b-second.md", "a-first.md"]
    assert [c.title for c in pack.chapters] == ["Second Chapter Title", "Getting Started"]
    assert [c.index for c in pack.chapters] == [0, 1]


def test_sections_have_ids_levels_and_a_flat_order(make_pack, full_pack_files):
    pack = load_pack(make_pack(full_pack_files))

    assert [(s.id, s.title, s.level, s.chapter) for s in pack.sections] == [
        ("guide/b-second/second-chapter-title", "Second Chapter Title", 1, 0),
        ("guide/b-second/a-setext-section", "A Setext Section", 2, 0),
        ("guide/a-first/getting-started", "Getting Started", 1, 1),
        ("guide/a-first/first-steps", "First Steps", 2, 1),
        ("guide/a-first/small-detail", "Small Detail", 3, 1),
    ]
    assert [s.index for s in pack.sections] == list(range(5))
    assert pack.section("guide/a-first/first-steps").anchor == "first-steps"
    assert pack.section("guide/a-first/nope") is None
    first_steps = pack.section("guide/a-first/first-steps")
    assert pack.chapter_of(first_steps).file == "a-first.md"


def test_level_four_to_six_headings_are_not_sections(make_pack, manifest):
    text = "# Top\n\n#### Deep\n\ntext\n\n##### Deeper\n\n###### Deepest\n"
    pack = load_pack(make_pack({"pack.toml": manifest(), "one.md": text}))

    assert [s.title for s in pack.sections] == ["Top"]


def test_reviewed_may_be_written_as_a_string(make_pack, manifest):
    pack = load_pack(make_pack({"pack.toml": manifest(reviewed="2025-06-30"), "one.md": "# One\n"}))

    assert pack.reviewed == dt.date(2025, 6, 30)


def test_chapters_in_subfolders_get_distinct_ids(make_pack, manifest):
    files = {
        "pack.toml": manifest(chapters=["part1/intro.md", "part2/intro.md"]),
        "part1/intro.md": "# Part One\n\n[next](../part2/intro.md#part-two)\n",
        "part2/intro.md": "# Part Two\n",
    }
    pack = load_pack(make_pack(files))

    assert section_ids(pack) == ["demo/part1-intro/part-one", "demo/part2-intro/part-two"]
    assert pack.resolve_link(pack.chapters[0], "../part2/intro.md#part-two") is pack.sections[1]


def test_unknown_manifest_field_is_a_warning(make_pack, manifest):
    text = "colour = 'blue'\n" + manifest()
    pack = load_pack(make_pack({"pack.toml": text, "one.md": "# One\n"}))

    assert [(p.severity, p.message) for p in pack.warnings] == [
        ("warning", "unknown field 'colour' is ignored")
    ]


def test_manifest_with_a_byte_order_mark_opens(make_pack, manifest):
    pack = load_pack(
        make_pack({"pack.toml": b"\xef\xbb\xbf" + manifest().encode(), "one.md": b"\xef\xbb\xbf# One\n"})
    )

    assert pack.title == "Demo Guide"
    assert [s.title for s in pack.sections] == ["One"]


def test_chapter_without_headings_gets_one_section_named_after_the_file(make_pack, manifest):
    files = {"pack.toml": manifest(chapters=["side-notes.md"]), "side-notes.md": "Just some text here.\n"}
    pack, problems = check_pack(make_pack(files))

    assert pack is not None
    assert [(s.id, s.title, pack.section_words(s)) for s in pack.sections] == [
        ("demo/side-notes/side-notes", "Side Notes", 4)
    ]
    assert [str(p) for p in problems] == [
        "side-notes.md:1: warning: chapter has no heading; its file name is used as title"
    ]


# -- a plain folder of Markdown files -------------------------------------------------------------


def test_plain_folder_opens_in_file_name_order(make_pack):
    folder = make_pack(
        {
            "02-second.md": "# Second\n\nwords\n",
            "10-tenth.md": "# Tenth\n",
            "01-first.md": "# The First Chapter\n\nwords\n",
            "README.md": "# Not a chapter\n",
            "notes.txt": "not markdown",
        },
        name="My Notes",
    )
    pack = load_pack(folder)

    assert not pack.has_manifest
    assert [c.file for c in pack.chapters] == ["01-first.md", "02-second.md", "10-tenth.md"]
    assert pack.title == "The First Chapter"
    assert pack.id == "my-notes"
    assert pack.sections[0].id == "my-notes/01-first/the-first-chapter"


def test_plain_folder_ignores_markdown_in_subfolders(make_pack):
    pack = load_pack(make_pack({"a.md": "# A\n", "drafts/b.md": "# B\n"}))

    assert [c.file for c in pack.chapters] == ["a.md"]


def test_folder_without_markdown_is_not_a_pack(make_pack):
    folder = make_pack({"notes.txt": "hello"})

    with pytest.raises(PackError) as caught:
        load_pack(folder)
    assert "no pack.toml and no Markdown (.md) files" in str(caught.value)


# -- zipped packs ---------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", [None, "guide-1.0"], ids=["files at zip root", "inside one folder"])
def test_zipped_manifest_pack_opens(make_zip, full_pack_files, folder):
    pack = load_pack(make_zip(full_pack_files, folder=folder))

    assert pack.title == "A Full Guide"
    assert [c.file for c in pack.chapters] == ["b-second.md", "a-first.md"]
    assert section_ids(pack)[0] == "guide/b-second/second-chapter-title"
    assert pack.location.suffix == ".zip"


@pytest.mark.parametrize("folder", [None, "notes"], ids=["files at zip root", "inside one folder"])
def test_zipped_plain_folder_opens(make_zip, folder):
    archive = make_zip({"b.md": "# Bee\n", "a.md": "# Ay\n"}, name="Field Notes.zip", folder=folder)
    pack = load_pack(archive)

    assert [c.file for c in pack.chapters] == ["a.md", "b.md"]
    assert pack.title == "Ay"
    assert pack.id == "field-notes"


def test_zip_made_by_macos_finder_opens(tmp_path, full_pack_files):
    # Finder's "Compress" puts resource forks in __MACOSX/ beside the folder.
    archive = tmp_path / "guide.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for name, content in full_pack_files.items():
            zipped.writestr(f"guide/{name}", content)
            zipped.writestr(f"__MACOSX/guide/._{name}", b"\x00\x05\x16\x07")
    pack = load_pack(archive)

    assert pack.title == "A Full Guide"
    assert len(pack.chapters) == 2


def test_zip_entries_that_climb_out_are_ignored(tmp_path, manifest):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("pack.toml", manifest(chapters=["one.md", "../escape.md"]))
        zipped.writestr("one.md", "# One\n")
        zipped.writestr("../escape.md", "# Escaped\n")
    pack, problems = check_pack(archive)

    assert pack is not None
    assert [c.file for c in pack.chapters] == ["one.md"]
    assert "pack.toml:7: error: chapter '../escape.md' is outside the pack" in [str(p) for p in problems]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_out_of_a_folder_pack_is_not_read(make_pack, manifest, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n", encoding="utf-8")
    folder = make_pack({"pack.toml": manifest(chapters=["one.md", "link.md"]), "one.md": "# One\n"})
    (folder / "link.md").symlink_to(secret)
    pack, problems = check_pack(folder)

    assert pack is not None
    assert [c.file for c in pack.chapters] == ["one.md"]
    assert any("link.md" in str(p) and p.severity == "error" for p in problems)
    assert pack.source.exists("link.md") is False
    with pytest.raises(KeyError):
        pack.source.read_bytes("link.md")
    with pytest.raises(KeyError):
        pack.source.read_bytes("../secret.md")


# -- headings and their ids ----------------------------------------------------------------------


def test_repeated_heading_texts_get_numbered_ids_and_a_warning(make_pack, manifest):
    text = "# Overview\n\n## Risks\n\nA.\n\n## Risks\n\nB.\n\n## Risks\n\nC.\n"
    pack = load_pack(make_pack({"pack.toml": manifest(), "one.md": text}))

    assert [s.anchor for s in pack.sections] == ["overview", "risks", "risks-2", "risks-3"]
    assert [s.title for s in pack.sections] == ["Overview", "Risks", "Risks", "Risks"]
    assert [str(w) for w in pack.warnings] == [
        "one.md:7: warning: heading 'Risks' repeats id 'risks'; it gets id 'risks-2' "
        "(give it an explicit {#id} to keep links stable)",
        "one.md:11: warning: heading 'Risks' repeats id 'risks'; it gets id 'risks-3' "
        "(give it an explicit {#id} to keep links stable)",
    ]


def test_repeated_headings_in_different_chapters_do_not_clash(make_pack, manifest):
    files = {
        "pack.toml": manifest(chapters=["one.md", "two.md"]),
        "one.md": "# Summary\n",
        "two.md": "# Summary\n",
    }
    pack = load_pack(make_pack(files))

    assert section_ids(pack) == ["demo/one/summary", "demo/two/summary"]
    assert pack.warnings == []


def test_explicit_ids_are_used(make_pack, manifest):
    text = "# Introduction {#intro}\n\n## Side effects {: #side-effects .note }\n\nSetext {#st}\n---\n"
    pack = load_pack(make_pack({"pack.toml": manifest(), "one.md": text}))

    assert [(s.anchor, s.title) for s in pack.sections] == [
        ("intro", "Introduction"),
        ("side-effects", "Side effects"),
        ("st", "Setext"),
    ]


def test_duplicate_explicit_id_is_an_error(make_pack, manifest):
    text = "# One {#same}\n\ntext\n\n## Two {#same}\n"
    folder = make_pack({"pack.toml": manifest(), "one.md": text})

    with pytest.raises(PackError) as caught:
        load_pack(folder)
    assert "one.md:5: error: duplicate id 'same'" in [str(p) for p in caught.value.problems]


def test_setext_headings_are_sections(make_pack, manifest):
    text = "Big Title\n=========\n\nintro\n\nSmaller Title\n-------------\n\nbody\n"
    pack = load_pack(make_pack({"pack.toml": manifest(), "one.md": text}))

    assert [(s.title, s.level) for s in pack.sections] == [("Big Title", 1), ("Smaller Title", 2)]


def test_a_rule_after_a_blank_line_is_not_a_setext_heading(make_pack, manifest):
    text = "# Title\n\nA paragraph.\n\n---\n\nAfter the rule.\n"
    pack = load_pack(make_pack({"pack.toml": manifest(), "one.md": text}))

    assert [s.title for s in pack.sections] == ["Title"]


def test_headings_inside_fenced_code_are_not_sections(make_pack, manifest):
    text = (
        "# Real\n\n"
        "```\n# not a heading\n## nor this\n```\n\n"
        "~~~markdown\nFake\n====\n~~~\n\n"
        "````\n```\n# still code\n````\n\n"
        "## Also Real\n"
    )
    pack = load_pack(make_pack({"pack.toml": manifest(), "one.md": text}))

    assert [s.title for s in pack.sections] == ["Real", "Also Real"]


def test_headings_with_inline_markup_have_plain_titles(make_pack, manifest):
    text = "# **Bold** and *soft* `code` [link](#x)\n"
    pack = load_pack(make_pack({"pack.toml": manifest(), "one.md": text + "\n## X {#x}\n"}))

    assert pack.sections[0].title == "Bold and soft code link"
    assert pack.sections[0].anchor == "bold-and-soft-code-link"


def test_explicit_ids_may_use_any_letters(make_pack, manifest):
    text = "# Café {#café}\n\nSee [below](#über-uns).\n\n## Über uns {#über-uns}\n"
    pack = load_pack(make_pack({"pack.toml": manifest(), "one.md": text}))

    assert [s.anchor for s in pack.sections] == ["café", "über-uns"]
    assert pack.resolve_link(pack.chapters[0], "#über-uns") is pack.sections[1]


def test_heading_right_under_a_table_is_a_table_row(make_pack, manifest):
    # Python-Markdown puts "## Not a heading" in the table; the navigator must not list it.
    text = "# Costs\n\n| Item | Cost |\n|---|---|\n| Stay | High |\n## Not a heading\n\n## Next\n"
    pack = load_pack(make_pack({"pack.toml": manifest(), "one.md": text}))

    assert [s.title for s in pack.sections] == ["Costs", "Next"]


def test_escaped_characters_show_plainly_in_titles(make_pack, manifest):
    text = "# Step \\#1: \\*not\\* emphasis\n"
    pack = load_pack(make_pack({"pack.toml": manifest(), "one.md": text}))

    assert pack.sections[0].title == "Step #1: *not* emphasis"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_folder_packs_files_are_listed_as_os_walk_would(tmp_path):
    from lupus_reader.content.source import FolderSource

    folder = tmp_path / "pack"
    (folder / "images" / "small").mkdir(parents=True)
    (folder / "one.md").write_text("# One\n", encoding="utf-8")
    (folder / "images" / "small" / "dot.png").write_bytes(b"png")
    (folder / "same.md").symlink_to(folder / "one.md")  # a link inside the pack: listed
    outside = tmp_path / "secret.md"
    outside.write_text("# Secret\n", encoding="utf-8")
    (folder / "away.md").symlink_to(outside)  # out of the pack: left out
    (folder / "linked").symlink_to(folder / "images", target_is_directory=True)  # not followed
    assert FolderSource(folder).names() == ["images/small/dot.png", "one.md", "same.md"]
