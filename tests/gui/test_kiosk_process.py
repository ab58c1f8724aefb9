"""The kiosk as a supervisor runs it: real processes, real exit codes, a crash and a restart."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from lupus_reader.exit_codes import EXIT_CONFIG, EXIT_FAILURE, EXIT_OK, EXIT_STAFF
from lupus_reader.resources import bundled_packs
from tests.gui.kiosk_support import PIN, PIN_HASH, SECRET

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "packaging" / "kiosk" / "lupus-reader-kiosk.service"


@pytest.fixture
def places(tmp_path: Path) -> dict[str, Path]:
    """A settings file, and the data dir and home of the kiosk's user."""
    home = tmp_path / "home"
    home.mkdir()
    config = tmp_path / "etc" / "kiosk.toml"
    config.parent.mkdir()
    config.write_text(f'pin_hash = "{PIN_HASH}"\n', encoding="utf-8")
    return {"config": config, "data": tmp_path / "data", "home": home}


def environment(places: dict[str, Path], screen: str | None = None, **extra: str) -> dict[str, str]:
    home = places["home"]
    env = dict(os.environ, HOME=str(home), KIOSK_TEST_PIN=PIN, **extra)
    env.update(
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_CONFIG_HOME=str(home / ".config"),
    )
    if screen is not None:
        width, height = (int(side) for side in screen.split("x"))
        one = {"name": "kiosk", "x": 0, "y": 0, "width": width, "height": height}
        one.update(logicalDpi=96, logicalBaseDpi=96, dpr=1)
        layout = {"synthesizedScreens": False, "screens": [one]}
        path = home.parent / f"screen-{screen}.json"
        path.write_text(json.dumps(layout), encoding="utf-8")
        env["QT_QPA_PLATFORM"] = f"offscreen:configfile={path}"
    return env


def kiosk_arguments(places: dict[str, Path]) -> list[str]:
    return ["--kiosk", "--config", str(places["config"]), "--data-dir", str(places["data"])]


def child(scenario: str, places: dict[str, Path]) -> list[str]:
    return [sys.executable, "-m", "tests.gui.kiosk_child", scenario, "--", *kiosk_arguments(places)]


def run_child(
    scenario: str, places: dict[str, Path], env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        child(scenario, places), cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def lupus_reader() -> str:
    """The installed command, as systemd's unit starts it."""
    found = shutil.which("lupus-reader", path=str(Path(sys.executable).parent))
    assert found, "lupus-reader is not installed beside this Python"
    return found


def files_holding(folder: Path, words: str) -> list[Path]:
    needle = words.encode("utf-8")
    return [path for path in folder.rglob("*") if path.is_file() and needle in path.read_bytes()]


def test_staff_exit_a_failed_visit_and_bad_settings_end_with_different_codes(
    places: dict[str, Path], tmp_path: Path
) -> None:
    staff = run_child("staff", places, environment(places))
    guide = shutil.copytree(bundled_packs()[0], tmp_path / "guide")
    places["config"].write_text(f'packs = ["{guide}"]\npin_hash = "{PIN_HASH}"\n', encoding="utf-8")
    gone = run_child("packs-gone", places, environment(places, KIOSK_TEST_PACK=str(guide)))
    places["config"].write_text(f'start_section = "nowhere"\npin_hash = "{PIN_HASH}"\n', encoding="utf-8")
    config = subprocess.run(
        [lupus_reader(), *kiosk_arguments(places)],
        env=environment(places),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert staff.returncode == EXIT_STAFF, staff.stderr
    assert gone.returncode == EXIT_FAILURE, gone.stderr
    assert "the next kiosk visit could not be opened" in gone.stderr
    assert config.returncode == EXIT_CONFIG
    assert 'start_section: there is no section "nowhere"' in config.stderr
    assert len({EXIT_OK, staff.returncode, gone.returncode, config.returncode}) == 4
    # Only the staff exit keeps the service down: a failed visit and bad settings are restarted.
    unit = UNIT.read_text(encoding="utf-8")
    assert f"RestartPreventExitStatus={staff.returncode}\n" in unit and "Restart=always\n" in unit


def test_after_a_crash_and_a_restart_nothing_of_the_visit_is_anywhere(places: dict[str, Path]) -> None:
    env = environment(places)
    running = subprocess.Popen(
        child("visit", places), cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert running.stdout is not None
        line = running.stdout.readline()
        assert line.strip() == "VISITED", running.stderr.read() if running.stderr else ""
    finally:
        running.send_signal(signal.SIGKILL)  # the crash: no clean-up of any kind
        running.wait(timeout=30)

    restarted = run_child("dump", places, env)

    assert restarted.returncode == EXIT_OK, restarted.stderr
    shown = json.loads(restarted.stdout.strip().splitlines()[-1])
    assert "About This Guide" in shown["words"]  # the fresh visit, at the start
    assert SECRET not in shown["words"] and SECRET not in shown["clipboard"]
    assert files_holding(places["home"], SECRET) == []
    data = places["data"]
    assert not data.exists() or list(data.rglob("*")) == []  # not even an empty library


def test_kiosk_screenshot_shows_the_locked_window_and_exits(places: dict[str, Path], tmp_path: Path) -> None:
    png = tmp_path / "kiosk.png"

    result = subprocess.run(
        [lupus_reader(), *kiosk_arguments(places), "--screenshot", str(png)],
        env=environment(places, screen="1280x800"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == EXIT_OK, result.stderr
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1280, 800)  # the whole screen: the kiosk is full screen
    assert not places["data"].exists()


@pytest.mark.skipif(not shutil.which("xvfb-run"), reason="xvfb-run not installed (the X11 selection needs X)")
def test_the_selection_clipboard_is_emptied_too(places: dict[str, Path]) -> None:
    env = {k: v for k, v in environment(places).items() if k != "QT_QPA_PLATFORM"}
    env["QT_QPA_PLATFORM"] = "xcb"
    command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", *child("selection", places)]

    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )

    assert result.returncode == EXIT_OK, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["before"]["selection_supported"] == "True"
    assert SECRET in seen["before"]["selection"] and SECRET in seen["before"]["clipboard"]
    assert seen["after"]["selection"] == "" and seen["after"]["clipboard"] == ""
