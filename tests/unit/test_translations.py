"""The committed catalogues: up to date with the sources, complete, and compiled from what is committed.

scripts/update-translations runs again into a temporary folder (lupdate over
the sources, then lrelease) and must give back exactly the committed files.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "translations"
QM_DIR = ROOT / "lupus_reader" / "resources" / "translations"
CATALOGUES = sorted(TS_DIR.glob("lupus_reader_*.ts"))
PLACEHOLDER = re.compile(r"\{\w*\}|%n")


def test_there_is_a_spanish_catalogue_and_each_has_its_compiled_file() -> None:
    assert TS_DIR / "lupus_reader_es.ts" in CATALOGUES
    assert sorted(path.stem for path in QM_DIR.glob("*.qm")) == [path.stem for path in CATALOGUES]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The catalogues as scripts/update-translations makes them from the sources now."""
    work = tmp_path_factory.mktemp("translations")
    ts_dir, qm_dir = work / "ts", work / "qm"
    shutil.copytree(TS_DIR, ts_dir)
    env = {"PATH": "/usr/bin:/bin", "TS_DIR": str(ts_dir), "QM_DIR": str(qm_dir)}
    env["VENV_BIN"] = str(Path(sys.executable).parent)
    subprocess.run([str(ROOT / "scripts" / "update-translations")], env=env, check=True, timeout=120)
    return ts_dir, qm_dir


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.stem)
def test_the_catalogue_is_up_to_date_with_the_sources(
    catalogue: Path, regenerated: tuple[Path, Path]
) -> None:
    """Every tr() string of the sources is in it, none that is gone: else run scripts/update-translations."""
    fresh = regenerated[0] / catalogue.name
    assert _sources(fresh) == _sources(catalogue)
    assert fresh.read_text(encoding="utf-8") == catalogue.read_text(encoding="utf-8")


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.stem)
def test_the_compiled_catalogue_is_the_committed_one(catalogue: Path, regenerated: tuple[Path, Path]) -> None:
    name = catalogue.with_suffix(".qm").name
    assert (regenerated[1] / name).read_bytes() == (QM_DIR / name).read_bytes()


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.stem)
def test_every_message_is_translated_with_the_same_placeholders(catalogue: Path) -> None:
    problems = []
    for context, message in _messages(catalogue):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") in ("unfinished", "obsolete", "vanished"):
            problems.append(f"{context}: {source!r} is {translation.get('type')}")
            continue
        forms = [form.text or "" for form in translation.iter("numerusform")] or [translation.text or ""]
        wanted = set(PLACEHOLDER.findall(source))
        for number, form in enumerate(forms):
            found = set(PLACEHOLDER.findall(form))
            if number == 0 and len(forms) > 1:
                found.add("%n")  # "the code" for one: the number may go unsaid
            if not form.strip() or found != wanted:
                problems.append(f"{context}: {source!r} -> {form!r}")
    assert problems == []


def _messages(catalogue: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(catalogue).getroot()
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def _sources(catalogue: Path) -> set[tuple[str, str]]:
    return {(context, message.findtext("source") or "") for context, message in _messages(catalogue)}
