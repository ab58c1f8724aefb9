"""The frozen bundle, started as a clinic would start it: offline, with its own data dir.

Runs when LUPUS_READER_BUNDLE names the built executable (``.ci/run`` sets it
after ``scripts/build-bundle``); otherwise these tests are skipped.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lupus_reader import __version__, resources
from lupus_reader.content.pack import load_pack

BUNDLE = os.environ.get("LUPUS_READER_BUNDLE", "")
pytestmark = pytest.mark.skipif(not BUNDLE, reason="no bundle built (set LUPUS_READER_BUNDLE)")


def offline() -> list[str]:
    """Cut the network off where the system allows it (a user namespace with no interfaces)."""
    try:
        works = subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        works = False
    return ["unshare", "-rn"] if works else []


def run(
    *args: str, frozen: bool = True, timeout: float = 120, language: str = "en"
) -> subprocess.CompletedProcess[str]:
    command = [BUNDLE] if frozen else [sys.executable, "-m", "lupus_reader"]
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["LANGUAGE"] = language
    return subprocess.run(
        [*offline(), *command, *args], capture_output=True, text=True, timeout=timeout, env=env
    )


def messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "propagateSizeHints" not in line]


def test_the_bundle_knows_its_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"lupus-reader {__version__}"


def test_self_test_renders_every_section_of_the_bundled_guide(tmp_path: Path) -> None:
    sections = sum(len(load_pack(path).sections) for path in resources.bundled_packs())
    result = run("--self-test", "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 0, result.stderr
    assert f"self-test ok: 1 pack(s), 10 chapters, {sections} sections" in result.stdout
    # pyphen's dictionaries were shipped: the English guide's long words got their soft hyphens.
    assert result.stdout.rstrip().endswith("hyphenated: en")


def test_screenshot_is_a_real_picture_of_the_window(tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    png = tmp_path / "frozen.png"
    result = run("--screenshot", str(png), "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    assert not image.isNull() and image.width() >= 640 and image.height() >= 400
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20


def test_the_frozen_app_speaks_spanish_with_a_spanish_system(tmp_path: Path) -> None:
    """The window drawn with LANGUAGE=es is not the English one; with a language the app does not
    have (Finnish), it is the English one, pixel for pixel."""
    pictures = {}
    for language in ("en", "es", "fi"):
        png = tmp_path / f"{language}.png"
        data = tmp_path / f"data-{language}"
        result = run("--screenshot", str(png), "--data-dir", str(data), language=language)
        assert result.returncode == 0, result.stderr
        pictures[language] = png.read_bytes()
    assert pictures["es"] != pictures["en"]
    assert pictures["fi"] == pictures["en"]


def test_a_broken_pack_gets_the_same_message_as_from_source(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "pack.toml").write_text('id = "broken"\ntitle = "Broken"\n', encoding="utf-8")
    args = ("--pack", str(broken), "--screenshot", str(tmp_path / "b.png"), "--data-dir", str(tmp_path / "d"))
    frozen, source = run(*args), run(*args, frozen=False)
    assert frozen.returncode == source.returncode == 0
    assert messages(frozen.stderr) == messages(source.stderr)
    assert any("cannot open the content pack" in line for line in messages(frozen.stderr))


def test_no_network_or_tls_code_is_shipped() -> None:
    folder = Path(BUNDLE).parent
    names = [path.name for path in folder.rglob("*")]
    for unwanted in ("libQt6Network", "libssl", "libcrypto", "libqtuiotouchplugin", "libqvnc", "libgnutls"):
        assert not [name for name in names if name.startswith(unwanted)], unwanted
    # Of Qt's translations, only the standard buttons and dialogs of the languages the UI ships in.
    ours = sorted(path.stem for path in resources.translations_dir().glob("*.qm"))
    assert ours == ["lupus_reader_en", "lupus_reader_es"]
    qt = sorted(path.name for path in (folder / "_internal" / "PySide6" / "Qt" / "translations").iterdir())
    assert qt == ["qtbase_es.qm"]
    shipped = folder / "_internal" / "lupus_reader" / "resources" / "translations"
    assert sorted(path.stem for path in shipped.glob("*.qm")) == ours


def test_running_writes_nothing_into_the_bundle(tmp_path: Path) -> None:
    folder = Path(BUNDLE).parent
    before = sorted(str(p) for p in folder.rglob("*"))
    run("--screenshot", str(tmp_path / "s.png"), "--data-dir", str(tmp_path / "data"))
    assert sorted(str(p) for p in folder.rglob("*")) == before
    assert (tmp_path / "data" / "cache").is_dir()  # caches went to the data dir
