"""check-pack as an author runs it: exit code, ``file:line: severity: message`` lines, JSON."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from lupus_reader.app import main
from lupus_reader.cli import check_pack_command

GOOD_CHAPTER = "# One\n\nSome words.\n"


def run_check(path: Path, as_json: bool = False) -> tuple[int, str]:
    out = io.StringIO()
    code = check_pack_command(path, as_json, out)
    return code, out.getvalue()


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": error: " in line or ": warning: " in line]


# -- the bundled pack -----------------------------------------------------------------------------


def test_bundled_pack_passes_with_a_summary(bundled_pack, capsys):
    code = main(["check-pack", str(bundled_pack)])
    out = capsys.readouterr().out

    assert code == 0
    assert problem_lines(out) == []
    # The summary is the last line; reading grades (info lines) come before it.
    summary = re.fullmatch(
        r".*: ok: 'Stem Cell Therapy for Lupus' \(lupus-stem-cell-therapy 1\.0\.0\): "
        r"(\d+) chapters, (\d+) sections, (\d+) words\n",
        out.splitlines(keepends=True)[-1],
    )
    assert summary, out
    chapters, sections, words = map(int, summary.groups())
    assert chapters == 10
    assert sections > chapters
    assert words > 1000


def test_bundled_pack_json_report(bundled_pack, capsys):
    code = main(["check-pack", str(bundled_pack), "--json"])
    report = json.loads(capsys.readouterr().out)

    assert code == 0
    assert report["ok"] is True
    assert report["problems"] == []
    assert report["pack"] == str(bundled_pack)
    summary = report["summary"]
    assert summary["id"] == "lupus-stem-cell-therapy"
    assert summary["title"] == "Stem Cell Therapy for Lupus"
    assert summary["language"] == "en"
    assert summary["reviewed"] == "2026-11-25"
    assert summary["chapters"] == 10
    assert summary["sections"] > 10
    assert summary["words"] > 1000


def test_warnings_are_counted_in_the_summary(make_pack, manifest):
    folder = make_pack({"pack.toml": manifest(), "one.md": GOOD_CHAPTER + "\n[site](https://example.org)\n"})
    code, out = run_check(folder)

    assert code == 0
    assert out.splitlines()[-1].endswith("1 chapters, 1 sections, 3 words, 1 warning(s)")


# -- manifest errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("id", "missing field 'id'"),
        ("title", "missing field 'title'"),
        ("language", "missing field 'language'"),
        ("version", "missing field 'version'"),
        ("reviewed", "missing field 'reviewed' (the date the guide was last reviewed)"),
        ("chapters", "missing field 'chapters' (the ordered list of chapter files)"),
    ],
)
def test_missing_manifest_field_is_an_error(make_pack, manifest, field, message):
    folder = make_pack({"pack.toml": manifest(omit=(field,)), "one.md": GOOD_CHAPTER})
    code, out = run_check(folder)

    assert code == 1
    assert f"pack.toml:1: error: {message}" in problem_lines(out)
    assert out.splitlines()[-1].endswith("the pack will not open")


def test_missing_sources_is_only_a_warning(make_pack, manifest):
    folder = make_pack({"pack.toml": manifest(omit=("sources",)), "one.md": GOOD_CHAPTER})
    code, out = run_check(folder)

    assert code == 0
    assert problem_lines(out) == [
        "pack.toml:1: warning: no 'sources' listed: say where the content comes from"
    ]


@pytest.mark.parametrize(
    ("field", "value", "line", "message"),
    [
        ("id", 42, 1, "field 'id' must be a non-empty string"),
        ("id", "Has Spaces", 1, "field 'id' must be lowercase letters, digits, '.', '_' or '-' (at most 64)"),
        ("title", "   ", 2, "field 'title' must be a non-empty string"),
        ("title", ["a", "b"], 2, "field 'title' must be a non-empty string"),
        (
            "language",
            "english language",
            4,
            "field 'language' must be a language tag such as 'en' or 'pt-BR'",
        ),
        ("version", 1.5, 5, "field 'version' must be a non-empty string"),
        ("reviewed", "last spring", 6, "field 'reviewed' must be a date such as 2026-11-25"),
        ("chapters", "one.md", 7, "field 'chapters' must be a non-empty list of file names"),
        ("chapters", [], 7, "field 'chapters' must be a non-empty list of file names"),
        ("chapters", [1, 2], 7, "field 'chapters' must be a non-empty list of file names"),
    ],
)
def test_bad_field_types_point_at_their_line(make_pack, manifest, field, value, line, message):
    folder = make_pack({"pack.toml": manifest(**{field: value}), "one.md": GOOD_CHAPTER})
    code, out = run_check(folder)

    assert code == 1
    assert f"pack.toml:{line}: error: {message}" in problem_lines(out)


def test_sources_must_be_tables_with_titles(make_pack, manifest):
    folder = make_pack({"pack.toml": manifest(sources=[{"note": "no title"}]), "one.md": GOOD_CHAPTER})
    code, out = run_check(folder)

    assert code == 1
    assert "pack.toml:10: error: each [[sources]] entry needs a 'title'" in problem_lines(out)


def test_toml_syntax_error_reports_its_line(make_pack):
    text = 'id = "demo"\ntitle = "Demo"\nlanguage = en\n'
    code, out = run_check(make_pack({"pack.toml": text, "one.md": GOOD_CHAPTER}))

    assert code == 1
    [line] = problem_lines(out)
    assert line.startswith("pack.toml:3: error: not valid TOML: ")


def test_empty_manifest_is_an_error(make_pack):
    code, out = run_check(make_pack({"pack.toml": "\n \n", "one.md": GOOD_CHAPTER}))

    assert code == 1
    assert problem_lines(out) == ["pack.toml:1: error: file is empty"]


# -- chapter files --------------------------------------------------------------------------------


def test_missing_chapter_file(make_pack, manifest):
    folder = make_pack({"pack.toml": manifest(chapters=["one.md", "two.md"]), "one.md": GOOD_CHAPTER})
    code, out = run_check(folder)

    assert code == 1
    assert problem_lines(out) == ["pack.toml:7: error: chapter file 'two.md' is missing"]


def test_chapter_listed_twice(make_pack, manifest):
    folder = make_pack({"pack.toml": manifest(chapters=["one.md", "one.md"]), "one.md": GOOD_CHAPTER})
    code, out = run_check(folder)

    assert code == 1
    assert problem_lines(out) == ["pack.toml:7: error: chapter 'one.md' is listed twice"]


def test_chapter_that_is_not_markdown(make_pack, manifest):
    folder = make_pack({"pack.toml": manifest(chapters=["one.txt"]), "one.txt": GOOD_CHAPTER})
    code, out = run_check(folder)

    assert code == 1
    assert "pack.toml:7: error: chapter 'one.txt' is not a Markdown (.md) file" in problem_lines(out)


def test_non_utf8_chapter_names_the_line_of_the_bad_byte(make_pack, manifest):
    latin1 = "# Título\n\nLine two\n\nCafé au lait\n".encode("latin-1")
    code, out = run_check(make_pack({"pack.toml": manifest(), "one.md": latin1}))

    assert code == 1
    assert problem_lines(out) == [
        "one.md:1: error: not valid UTF-8 (byte 0xed); save the file as UTF-8",
    ]
    later = b"# Title\n\nfine\n\nCaf\xe9\n"
    code, out = run_check(make_pack({"pack.toml": manifest(), "one.md": later}, name="later"))
    assert problem_lines(out) == ["one.md:5: error: not valid UTF-8 (byte 0xe9); save the file as UTF-8"]


def test_empty_chapter_is_an_error(make_pack, manifest):
    folder = make_pack(
        {"pack.toml": manifest(chapters=["one.md", "two.md"]), "one.md": GOOD_CHAPTER, "two.md": "\n\n  \n"}
    )
    code, out = run_check(folder)

    assert code == 1
    assert problem_lines(out) == ["two.md:1: error: file is empty"]


def test_duplicate_explicit_ids(make_pack, manifest):
    text = "# A {#same}\n\nx\n\n## B {#same}\n"
    code, out = run_check(make_pack({"pack.toml": manifest(), "one.md": text}))

    assert code == 1
    assert "one.md:5: error: duplicate id 'same'" in problem_lines(out)


# -- links ----------------------------------------------------------------------------------------


@pytest.fixture
def two_chapters(manifest):
    def files(link_line: str) -> dict[str, str]:
        return {
            "pack.toml": manifest(chapters=["one.md", "other.md"]),
            "one.md": f"# One\n\n## Here\n\n{link_line}\n",
            "other.md": "# Other\n\n## There\n",
        }

    return files


@pytest.mark.parametrize(
    "link",
    ["[a](other.md#there)", "[a](other.md)", "[a](#here)", "[a](./other.md#other)", "[a](one.md#here)"],
)
def test_good_links_pass(make_pack, two_chapters, link):
    code, out = run_check(make_pack(two_chapters(link)))

    assert code == 0, out
    assert problem_lines(out) == []


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("[a](other.md#nope)", "link to missing section '#nope' in other.md: other.md#nope"),
        ("[a](#nope)", "link to missing section '#nope': #nope"),
        ("[a](missing.md)", "link to missing chapter in missing.md: missing.md"),
        ("[a](missing.md#there)", "link to missing section '#there' in missing.md: missing.md#there"),
        ("[a](../outside.md)", "link to ../outside.md points outside the pack"),
        ("[a]()", "link 'a' has no target"),
        ("![pic](pictures/none.png)", "file pictures/none.png is not in the pack"),
    ],
)
def test_broken_links_are_errors_on_their_line(make_pack, two_chapters, link, message):
    code, out = run_check(make_pack(two_chapters(link)))

    assert code == 1
    assert problem_lines(out) == [f"one.md:5: error: {message}"]


def test_link_check_skips_code(make_pack, two_chapters):
    files = two_chapters("`[a](#nope)`\n\n```\n[b](missing.md)\n```")
    code, out = run_check(make_pack(files))

    assert code == 0, out


def test_images_in_the_pack_pass_and_other_files_warn(make_pack, two_chapters):
    files = two_chapters("![diagram](img/diagram.png) ![notes](img/notes.txt)")
    files["img/diagram.png"] = "png"
    files["img/notes.txt"] = "text"
    code, out = run_check(make_pack(files))

    assert code == 0
    assert problem_lines(out) == ["one.md:5: warning: img/notes.txt is not an image"]


# -- warnings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("<script>alert(1)</script>", "raw HTML <script> will be stripped"),
        ('<iframe src="x.html"></iframe>', "raw HTML <iframe> will be stripped"),
        (
            '<div onclick="alert(1)">hi</div>',
            "raw HTML <div> attributes will be stripped; use Markdown instead",
        ),
        ("<style>p { color: red }</style>", "raw HTML <style> will be stripped"),
    ],
)
def test_raw_html_that_will_be_stripped_warns(make_pack, manifest, html, message):
    text = f"# One\n\ntext\n\n{html}\n"
    code, out = run_check(make_pack({"pack.toml": manifest(), "one.md": text}))

    assert code == 0
    assert f"one.md:5: warning: {message}" in problem_lines(out)


def test_plain_allowed_html_does_not_warn(make_pack, manifest):
    text = "# One\n\nH<sub>2</sub>O and <kbd>Ctrl</kbd> and <br>\n"
    code, out = run_check(make_pack({"pack.toml": manifest(), "one.md": text}))

    assert code == 0
    assert problem_lines(out) == []


@pytest.mark.parametrize(
    ("markdown", "url", "kind"),
    [
        ("[site](http://example.org/page)", "http://example.org/page", "link"),
        ("[site](https://example.org/page)", "https://example.org/page", "link"),
        ("[write](mailto:team@example.org)", "mailto:team@example.org", "link"),
        ("<mailto:team@example.org>", "mailto:team@example.org", "link"),
        ("<team@example.org>", "mailto:team@example.org", "link"),
        ("<https://example.org>", "https://example.org", "link"),
        ("[host](//cdn.example.org/x)", "//cdn.example.org/x", "link"),
        ("![photo](https://example.org/p.png)", "https://example.org/p.png", "image"),
        ("[ref][r]\n\n[r]: https://example.org/ref", "https://example.org/ref", "link"),
    ],
)
def test_absolute_urls_warn_they_cannot_open_offline(make_pack, manifest, markdown, url, kind):
    text = f"# One\n\ntext\n\n{markdown}\n"
    code, out = run_check(make_pack({"pack.toml": manifest(), "one.md": text}))

    assert code == 0
    lines = problem_lines(out)
    assert lines, out
    assert all(line.startswith("one.md:") for line in lines)
    assert (
        f"warning: absolute URL {url} cannot open offline; the {kind} will show as unavailable" in lines[0]
    ), lines


# -- JSON output ----------------------------------------------------------------------------------


def test_json_report_lists_problems_with_location_and_severity(make_pack, manifest, capsys):
    text = "# One\n\n[gone](#nope)\n\n[site](https://example.org)\n"
    folder = make_pack({"pack.toml": manifest(), "one.md": text})
    code = main(["check-pack", str(folder), "--json"])
    report = json.loads(capsys.readouterr().out)

    assert code == 1
    assert report["ok"] is False
    assert report["summary"]["chapters"] == 1
    assert report["problems"] == [
        {
            "file": "one.md",
            "line": 3,
            "severity": "error",
            "message": "link to missing section '#nope': #nope",
        },
        {
            "file": "one.md",
            "line": 5,
            "severity": "warning",
            "message": "absolute URL https://example.org cannot open offline; "
            "the link will show as unavailable",
        },
    ]


def test_json_report_for_an_unopenable_pack_has_no_summary(make_pack, capsys):
    folder = make_pack({"pack.toml": "id = [", "one.md": GOOD_CHAPTER})
    code = main(["check-pack", str(folder), "--json"])
    report = json.loads(capsys.readouterr().out)

    assert code == 1
    assert report["ok"] is False
    assert report["summary"] is None
    assert [p["file"] for p in report["problems"]] == ["pack.toml"]
    assert report["problems"][0]["line"] == 1


# -- not a pack at all ----------------------------------------------------------------------------


def test_path_that_does_not_exist(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    code = main(["check-pack", str(missing)])
    out = capsys.readouterr().out

    assert code == 1
    assert f"{missing}: error: {missing} does not exist" in out


def test_file_that_is_not_a_zip(tmp_path, capsys):
    fake = tmp_path / "pack.zip"
    fake.write_text("this is not a zip archive", encoding="utf-8")
    code = main(["check-pack", str(fake), "--json"])
    report = json.loads(capsys.readouterr().out)

    assert code == 1
    assert report["problems"] == [
        {
            "file": str(fake),
            "line": 0,
            "severity": "error",
            "message": f"{fake} is neither a folder nor a .zip archive",
        }
    ]


def test_damaged_zip_member_is_reported_not_a_crash(tmp_path, make_zip, manifest):
    archive = make_zip({"pack.toml": manifest(), "one.md": GOOD_CHAPTER + "Lots of words. " * 200})
    with zipfile.ZipFile(archive) as zipped:
        info = zipped.getinfo("one.md")
    data = bytearray(archive.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)  # the compressed bytes
    data[start : start + 16] = b"\xff" * 16
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    code, out = run_check(damaged)

    assert code == 1
    assert problem_lines(out) == [
        "one.md: error: file cannot be read (missing, damaged, unreadable, too big or outside the pack)"
    ]


def test_unreadable_chapter_is_reported_not_a_crash(make_pack, manifest, monkeypatch):
    folder = make_pack({"pack.toml": manifest(), "one.md": GOOD_CHAPTER})
    real_read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "one.md":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    code, out = run_check(folder)

    assert code == 1
    assert problem_lines(out) == [
        "one.md: error: file cannot be read (missing, damaged, unreadable, too big or outside the pack)"
    ]
