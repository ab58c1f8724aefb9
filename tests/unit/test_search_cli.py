"""``lupus-reader search`` as a person or a script runs it: results, JSON, no matches, the notes file."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lupus_reader.app import main
from lupus_reader.storage.db import LIBRARY_FILE, open_database
from lupus_reader.storage.stores import NoteStore, QuestionStore
from tests.unit.search_guide import write_guide


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    return write_guide(tmp_path / "guide")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_results_are_listed_with_section_id_title_and_snippet(capsys, guide, data):
    code, out, _ = run(capsys, "--data-dir", str(data), "search", "transplant", "nurse", "--pack", str(guide))

    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "1. [Transplant] basics  (care/01-care/transplant-basics)"
    assert lines[1] == "   Kidney care › Transplant basics"
    assert "Ask the [transplant] [nurse] what happens" in lines[2]


def test_json_for_scripts(capsys, guide, data):
    code, out, _ = run(
        capsys, "--data-dir", str(data), "--pack", str(guide), "search", '"blood counts"', "--json"
    )

    assert code == 0
    report = json.loads(out)
    assert set(report) == {"query", "terms", "sections_matched", "results", "suggestions"}
    assert report["query"] == '"blood counts"' and report["terms"] == ["blood", "counts"]
    first = report["results"][0]
    assert set(first) == {
        "kind", "pack", "section", "title", "breadcrumb", "snippet", "highlights",
        "note_id", "question_id", "score",
    }  # fmt: skip
    assert (first["kind"], first["pack"], first["section"]) == ("section", "care", "care/01-care/blood-tests")
    start, end = first["highlights"][0]
    assert first["snippet"][start:end] == "blood counts"
    assert "\x02" not in first["snippet"]


def test_no_matches_says_so_and_still_succeeds(capsys, guide, data):
    code, out, _ = run(capsys, "--data-dir", str(data), "--pack", str(guide), "search", "kidny ")
    assert code == 0
    assert out.splitlines()[0] == 'No matches for "kidny ".'
    assert "Kidney care" in out  # a close title

    # The glossary's terms too, as in the window (listed first on a tie).
    code, out, _ = run(capsys, "--data-dir", str(data), "--pack", str(guide), "search", "nefritis ")
    assert code == 0
    assert out.splitlines()[1].startswith("Did you mean: Nephritis;")

    code, out, _ = run(capsys, "--data-dir", str(data), "--pack", str(guide), "search", "zqzqzq", "--json")
    assert code == 0 and json.loads(out)["results"] == []

    code, out, _ = run(capsys, "--data-dir", str(data), "search", "AND(", '"', "*")
    assert code == 0


def test_the_limit_counts_every_result_notes_first(capsys, guide, data):
    opened = open_database(data / LIBRARY_FILE).database
    NoteStore(opened).save(None, "care", "care/01-care/energy", "Energy", "", "Fatigue diary")
    QuestionStore(opened).add_mine("care", "Why the fatigue?")
    opened.close()

    def numbered(*options: str) -> list[str]:
        code, out, _ = run(
            capsys, "--data-dir", str(data), "--pack", str(guide), "search", "fatigue", *options
        )
        assert code == 0
        return [line for line in out.splitlines() if line[:1].isdigit()]

    assert numbered("--limit", "1") == ["1. Your note: Energy  (care/01-care/energy)"]
    assert [line.split(":")[0] for line in numbered("--limit", "3")] == [
        "1. Your note",
        "2. Your question",
        "3. [Fatigue]  (care/02-living/fatigue)",
    ]
    _, out, _ = run(
        capsys, "--data-dir", str(data), "--pack", str(guide), "search", "fatigue", "--json", "--limit", "2"
    )
    assert [r["kind"] for r in json.loads(out)["results"]] == ["note", "question"]
    with pytest.raises(SystemExit) as stopped:
        main(["--data-dir", str(data), "search", "the", "--limit", "0"])
    assert stopped.value.code == 2


def test_the_readers_notes_are_searched_and_their_file_left_as_it_was(capsys, guide, data):
    opened = open_database(data / LIBRARY_FILE).database
    NoteStore(opened).save(None, "care", "care/01-care/energy", "Energy", "", "Try the <b>afternoon</b> nap")
    QuestionStore(opened).add_mine("care", "Is an afternoon nap fine?")
    opened.close()
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data.iterdir() if p.is_file()}

    code, out, _ = run(capsys, "--data-dir", str(data), "--pack", str(guide), "search", "afternoon", "--json")

    assert code == 0
    kinds = [(r["kind"], r["section"], r["snippet"]) for r in json.loads(out)["results"]]
    assert kinds == [
        ("note", "care/01-care/energy", "Try the <b>afternoon</b> nap"),
        ("question", None, "Is an afternoon nap fine?"),
    ]
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data.iterdir() if p.is_file()}
    assert after == before  # not even a -wal or -shm file beside it

    _, out, _ = run(capsys, "--data-dir", str(data), "--pack", str(guide), "search", "afternoon")
    assert "1. Your note: Energy  (care/01-care/energy)" in out
    assert "2. Your question: Is an [afternoon] nap fine?  (care, your questions)" in out


def test_no_library_is_created_by_searching(capsys, guide, data):
    code, _, _ = run(capsys, "--data-dir", str(data), "--pack", str(guide), "search", "nurse")
    assert code == 0
    assert not (data / LIBRARY_FILE).exists()
    assert list((data / "cache" / "search").glob("care-*.sqlite3"))  # the index is cached, though


def test_a_pack_that_does_not_open_is_reported_the_rest_searched_and_the_exit_says_so(capsys, tmp_path, data):
    missing = tmp_path / "missing"
    code, out, err = run(capsys, "--data-dir", str(data), "search", "stem", "cells", "--pack", str(missing))
    assert code == 1  # a script asked for that pack: it learns that it was not searched
    assert str(missing) in err
    assert "Stem Cell" in out  # the bundled guide still was


def test_search_never_loads_qt(guide, tmp_path):
    script = textwrap.dedent(
        f"""
        import io, sys
        from lupus_reader.app import main
        sys.stdout = io.StringIO()
        code = main(["--data-dir", {str(tmp_path / "data")!r}, "search", "nurse", "--pack", {str(guide)!r}])
        found = "Transplant basics" in sys.stdout.getvalue()
        sys.stdout = sys.__stdout__
        qt = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6"))
        print(code, found, qt)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0 True []"
