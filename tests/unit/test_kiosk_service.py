"""The kiosk's systemd unit: valid, restarting all but the staff exit, which its wrapper passes on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lupus_reader.kiosk import EXIT_CONFIG, EXIT_STAFF

KIOSK = Path(__file__).resolve().parents[2] / "packaging" / "kiosk"
UNIT = KIOSK / "lupus-reader-kiosk.service"
SESSION = KIOSK / "lupus-reader-kiosk-session"
GUIDE = KIOSK.parents[1] / "docs" / "kiosk.md"


def settings(text: str) -> dict[str, list[str]]:
    """``Section.Key`` -> its values in order (a unit may repeat a key), comments and blanks left out."""
    found: dict[str, list[str]] = {}
    section = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _, value = line.partition("=")
        found.setdefault(f"{section}.{key.strip()}", []).append(value.strip())
    return found


def test_staff_exit_is_not_restarted_and_counts_as_success():
    unit = settings(UNIT.read_text(encoding="utf-8"))

    assert unit["Service.RestartPreventExitStatus"] == [str(EXIT_STAFF)]
    assert unit["Service.SuccessExitStatus"] == [str(EXIT_STAFF)]
    assert unit["Service.Restart"] == ["always"]
    assert unit["Service.RestartSec"] == ["2"]
    assert str(EXIT_CONFIG) not in " ".join(unit["Service.RestartPreventExitStatus"])


def test_the_kiosk_runs_offline_in_cage_on_a_tty_through_the_wrapper():
    unit = settings(UNIT.read_text(encoding="utf-8"))

    (command,) = unit["Service.ExecStart"]
    assert command.split()[:3] == [
        "/opt/lupus-reader/kiosk/lupus-reader-kiosk-session",
        "/opt/lupus-reader/lupus-reader",
        "--kiosk",
    ]
    assert "--config /etc/lupus-reader/kiosk.toml" in command
    assert unit["Service.PrivateNetwork"] == ["yes"]
    assert unit["Service.TTYPath"] == ["/dev/tty1"] and unit["Service.PAMName"] == ["login"]
    assert unit["Unit.Conflicts"] == ["getty@tty1.service"]
    assert "cage -- " in SESSION.read_text(encoding="utf-8")


def test_the_guide_names_both_exit_codes():
    guide = GUIDE.read_text(encoding="utf-8")

    assert f"| `{EXIT_STAFF}` |" in guide and f"| `{EXIT_CONFIG}` |" in guide


# -- systemd-analyze verify ---------------------------------------------------------------------------


def verify(unit_text: str, tmp_path: Path) -> tuple[int, list[str]]:
    """``systemd-analyze verify`` on ``unit_text``, its programs swapped for ones that exist here.

    Returns the exit status and the lines about the unit: systemd only warns
    ("..., ignoring") about many mistakes, so a good unit must give none.
    """
    unit = tmp_path / UNIT.name
    unit.write_text(
        unit_text.replace(
            "ExecStart=/opt/lupus-reader/kiosk/lupus-reader-kiosk-session /opt/lupus-reader/lupus-reader",
            f"ExecStart={SESSION} {shutil.which('true')}",
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    lines = (result.stdout + result.stderr).splitlines()
    return result.returncode, [line for line in lines if UNIT.name in line]


needs_systemd = pytest.mark.skipif(
    shutil.which("systemd-analyze") is None or shutil.which("true") is None,
    reason="systemd-analyze is not installed",
)


@needs_systemd
def test_systemd_accepts_the_unit_without_a_warning(tmp_path):
    code, complaints = verify(UNIT.read_text(encoding="utf-8"), tmp_path)

    assert code == 0 and complaints == []


@needs_systemd
@pytest.mark.parametrize(
    ("good", "bad"),
    [
        ("Restart=always", "Restart=sometimes"),
        ("RestartSec=2", "RestartSecs=2"),
        (f"RestartPreventExitStatus={EXIT_STAFF}", "RestartPreventExitStatus=staff"),
        ("ProtectSystem=full", "ProtectSystem=fully"),
        ("[Service]", "[Servce]"),
    ],
)
def test_the_check_catches_a_broken_unit(tmp_path, good, bad):
    text = UNIT.read_text(encoding="utf-8")
    assert good in text

    code, complaints = verify(text.replace(good, bad), tmp_path)

    assert code != 0 or complaints


# -- the wrapper: the exit status of the app, whatever cage does with it -----------------------------

posix_only = pytest.mark.skipif(os.name != "posix" or not Path("/bin/sh").exists(), reason="needs /bin/sh")


def run_session(tmp_path: Path, app_script: str, cage_passes_status: bool) -> int:
    """Run the wrapper with a fake cage (old: exits 0 always; new: passes the status on)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    cage = bin_dir / "cage"
    end = '"$@"; exit $?' if cage_passes_status else '"$@"; exit 0'
    cage.write_text(f'#!/bin/sh\n[ "$1" = "--" ] && shift\n{end}\n', encoding="utf-8")
    app = bin_dir / "app"
    app.write_text(f"#!/bin/sh\n{app_script}\n", encoding="utf-8")
    for program in (cage, app):
        program.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run([str(SESSION), str(app), "--kiosk"], env=env, timeout=60, check=False)
    return result.returncode


@posix_only
@pytest.mark.parametrize("cage_passes_status", [False, True], ids=["cage-0.1", "cage-0.2"])
@pytest.mark.parametrize(
    ("app_script", "expected"),
    [
        (f'[ "$1" = "--kiosk" ] && exit {EXIT_STAFF}', EXIT_STAFF),  # staff closed it
        ("exit 0", 0),
        ("exit 1", 1),  # a Python crash
        (f"exit {EXIT_CONFIG}", EXIT_CONFIG),
        ("kill -ABRT $$", 128 + 6),  # a Qt abort, as shells report it
    ],
)
def test_the_session_wrapper_passes_the_apps_status_on(tmp_path, app_script, cage_passes_status, expected):
    assert run_session(tmp_path, app_script, cage_passes_status) == expected


@posix_only
def test_the_session_wrapper_reports_cage_failing(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    cage = bin_dir / "cage"
    cage.write_text("#!/bin/sh\necho 'no GPU' >&2\nexit 1\n", encoding="utf-8")
    cage.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}

    result = subprocess.run(
        [str(SESSION), sys.executable, "-c", "pass"], env=env, capture_output=True, timeout=60, check=False
    )

    assert result.returncode == 1
