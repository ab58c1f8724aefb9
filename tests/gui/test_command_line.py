"""The command line as a person or a script runs it: real processes, real files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from lupus_reader import __version__
from tests.gui.helpers import pane_text, write_pack


def run(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lupus_reader", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or dict(os.environ),
    )


@pytest.fixture
def broken_pack(tmp_path: Path) -> Path:
    manifest = (
        'id = "broken"\ntitle = "Broken"\nchapters = ["missing.md"]\n'
        'language = "en"\nversion = "1"\nreviewed = 2026-01-01\n'
    )
    return write_pack(tmp_path / "broken", {"pack.toml": manifest})


def assert_is_window_picture(path: Path) -> QImage:
    image = QImage(str(path))
    assert not image.isNull(), "the screenshot is not a readable PNG"
    assert image.width() >= 640 and image.height() >= 400
    # A real picture of the window has many colours, not a blank canvas.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20
    return image


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"lupus-reader {__version__}"


def test_screenshot_saves_a_picture_of_the_window(tmp_path: Path) -> None:
    png = tmp_path / "shot.png"
    result = run("--screenshot", str(png), "--data-dir", str(tmp_path / "data"))
    assert result.returncode == 0, result.stderr
    assert_is_window_picture(png)
    # A screenshot run leaves the reader's saved place alone.
    assert not (tmp_path / "data" / "state.json").exists()


def test_screenshot_of_a_chosen_section(tmp_path: Path) -> None:
    png = tmp_path / "risks.png"
    section = "lupus-stem-cell-therapy/07-benefits-and-risks/possible-risks"
    result = run("--screenshot", str(png), "--section", section, "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 0, result.stderr
    assert_is_window_picture(png)


def test_screenshot_to_an_unwritable_place_fails_clearly(tmp_path: Path) -> None:
    result = run("--screenshot", str(tmp_path / "no" / "such" / "dir" / "x.png"), "--data-dir", str(tmp_path))
    assert result.returncode == 1
    assert "cannot write the screenshot" in result.stderr


def test_self_test_reports_every_section() -> None:
    result = run("--self-test")
    assert result.returncode == 0, result.stderr
    assert "self-test ok: 1 pack(s), 10 chapters, 31 sections" in result.stdout
    assert result.stdout.rstrip().endswith("hyphenated: en")  # the English guide's long words break


def test_self_test_fails_on_a_broken_pack(broken_pack: Path) -> None:
    result = run("--self-test", "--pack", str(broken_pack))
    assert result.returncode == 1
    assert "self-test FAILED" in result.stderr
    assert "missing.md" in result.stderr


def test_a_broken_pack_is_reported_and_the_bundled_guide_opens(broken_pack: Path, tmp_path: Path) -> None:
    png = tmp_path / "fallback.png"
    result = run("--pack", str(broken_pack), "--screenshot", str(png), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 0, result.stderr
    assert f"cannot open the content pack {broken_pack}" in result.stderr
    assert "chapter file 'missing.md' is missing" in result.stderr
    assert_is_window_picture(png)


def test_broken_pack_message_in_the_window(qtbot, open_window, broken_pack: Path) -> None:  # type: ignore[no-untyped-def]
    window, _controller = open_window(packs=[broken_pack])
    assert window.banner.isVisible()
    text = window.banner.label.text()
    assert str(broken_pack) in text and "could not be opened" in text and "bundled guide" in text
    assert "Stem Cell Therapy for Lupus" in window.windowTitle()
    assert "About This Guide" in pane_text(window)


def test_check_pack_from_the_command_line(broken_pack: Path) -> None:
    good = run(
        "check-pack", str(Path(__file__).parents[2] / "lupus_reader/resources/packs/lupus-stem-cell-therapy")
    )
    assert good.returncode == 0
    assert "10 chapters, 31 sections" in good.stdout
    bad = run("check-pack", str(broken_pack))
    assert bad.returncode == 1
    assert "pack.toml:3: error: chapter file 'missing.md' is missing" in bad.stdout


def test_data_dir_from_the_environment(tmp_path: Path) -> None:
    env = dict(os.environ, LUPUS_READER_DATA_DIR=str(tmp_path / "from-env"))
    script = "from lupus_reader import paths; print(paths.data_dir())"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == str(tmp_path / "from-env")


@pytest.mark.skipif(not shutil.which("Xvfb") and not os.environ.get("CI"), reason="Xvfb not installed")
def test_real_x11_window_under_xvfb(tmp_path: Path) -> None:
    """The xcb platform loads (its Debian libraries are installed) and paints a real window."""
    assert shutil.which("Xvfb"), "CI must install xvfb (see the README's test command)"
    display = ":97"
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        png = tmp_path / "x11.png"
        for _ in range(50):  # wait for the X server socket
            if Path(f"/tmp/.X11-unix/X{display[1:]}").exists():
                break
            subprocess.run(["sleep", "0.1"], check=True)
        result = run("--screenshot", str(png), "--data-dir", str(tmp_path / "d"), env=env)
        assert result.returncode == 0, result.stderr
        assert_is_window_picture(png)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)


def test_a_screenshot_shows_the_library_but_never_writes_it(tmp_path: Path) -> None:
    import hashlib
    import sqlite3

    data = tmp_path / "data"
    data.mkdir()
    library = data / "library.sqlite3"
    connection = sqlite3.connect(library)
    connection.execute("CREATE TABLE kept (x)")
    connection.execute("PRAGMA user_version = 0")
    connection.commit()
    connection.close()
    before = hashlib.sha256(library.read_bytes()).hexdigest()
    result = run("--screenshot", str(tmp_path / "s.png"), "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert hashlib.sha256(library.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in data.iterdir() if not p.name.startswith("cache")) == ["library.sqlite3"]


def test_a_pack_dropped_into_the_data_folder_replaces_the_bundled_guide(tmp_path: Path) -> None:
    data = tmp_path / "data"
    update = write_pack(data / "packs" / "guide-v2", {
        "pack.toml": 'id = "lupus-stem-cell-therapy"\ntitle = "Updated guide"\nlanguage = "en"\n'
                     'version = "2.0.0"\nreviewed = 2027-01-01\nchapters = ["01.md"]\n',
        "01.md": "# What is new\n\nThis edition was reviewed again.\n",
    })  # fmt: skip
    assert update.is_dir()
    result = run("--self-test", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert "self-test ok: 1 pack(s), 1 chapters, 1 sections" in result.stdout
