"""kiosk-pin sets the PIN and keeps the rest; --kiosk with bad settings neither starts nor loads Qt."""

from __future__ import annotations

import getpass
import io
import os
import subprocess
import sys
import textwrap

import pytest

from lupus_reader import app
from lupus_reader.kiosk import EXIT_CONFIG
from lupus_reader.kiosk.commands import kiosk_pin_command
from lupus_reader.kiosk.policy import KioskPolicy, hash_pin, load_policy, verify_pin


def answers(monkeypatch: pytest.MonkeyPatch, *typed: str) -> list[str]:
    """Type ``typed`` at getpass's prompts, one each; the prompts asked are returned."""
    prompts: list[str] = []
    queue = list(typed)

    def fake_getpass(prompt: str = "Password: ", stream: object = None) -> str:
        prompts.append(prompt)
        if not queue:
            raise EOFError
        return queue.pop(0)

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    return prompts


QUICK_PIN_HASH = hash_pin("2468", iterations=100_000)  # the least a settings file may hold


def run_main(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = app.main(list(argv))
    finally:
        sys.stdout, sys.stderr = stdout, stderr
    return code, out.getvalue(), err.getvalue()


def test_kiosk_pin_makes_a_settings_file_that_opens_the_kiosk(tmp_path, monkeypatch):
    path = tmp_path / "etc" / "lupus-reader" / "kiosk.toml"
    prompts = answers(monkeypatch, "135790", "135790")

    code, out, err = run_main("kiosk-pin", "--config", str(path))

    assert code == 0, err
    assert prompts == ["New staff PIN (4 to 12 digits): ", "The same PIN again: "]
    assert f"Staff PIN set in {path}" in out
    policy = load_policy(path)
    assert verify_pin("135790", policy.pin_hash)
    assert policy == KioskPolicy(pin_hash=policy.pin_hash)  # every other setting at its default
    assert "135790" not in path.read_text(encoding="utf-8")
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o640


def test_config_before_the_subcommand_works_too(tmp_path, monkeypatch):
    path = tmp_path / "kiosk.toml"
    answers(monkeypatch, "2468", "2468")

    code, _out, err = run_main("--config", str(path), "kiosk-pin")

    assert code == 0, err
    assert verify_pin("2468", load_policy(path).pin_hash)


def test_changing_the_pin_keeps_every_other_setting_and_comment(tmp_path, monkeypatch):
    (tmp_path / "guide").mkdir()
    path = tmp_path / "kiosk.toml"
    old_hash = hash_pin("1111")
    text = (
        "# Front desk kiosk, room 2\n"
        "theme = 'contrast'   # for the low-vision clinic\n"
        'packs = [\n  "guide",\n]\n'
        f'pin_hash = "{old_hash}"  # set 2026-11-25\n'
        "idle_timeout_s = 300\n"
    )
    path.write_text(text, encoding="utf-8")
    os.chmod(path, 0o604)
    answers(monkeypatch, "2222", "2222")

    err = io.StringIO()

    assert kiosk_pin_command(path, io.StringIO(), err) == 0, err.getvalue()
    new_text = path.read_text(encoding="utf-8")
    new_hash = load_policy(path).pin_hash
    assert new_text == text.replace(f'pin_hash = "{old_hash}"', f'pin_hash = "{new_hash}"')
    assert verify_pin("2222", new_hash) and not verify_pin("1111", new_hash)
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o604  # the file keeps its permissions


def test_a_file_without_a_pin_gets_one_added(tmp_path, monkeypatch):
    path = tmp_path / "kiosk.toml"
    path.write_text("text_scale = 200", encoding="utf-8")  # no newline at the end
    answers(monkeypatch, "86420", "86420")

    assert kiosk_pin_command(path, io.StringIO(), io.StringIO()) == 0

    policy = load_policy(path)
    assert policy.text_scale == 200 and verify_pin("86420", policy.pin_hash)
    assert path.read_text(encoding="utf-8").startswith("text_scale = 200\npin_hash = ")


def test_a_pin_hash_written_oddly_is_rewritten_whole(tmp_path, monkeypatch):
    path = tmp_path / "kiosk.toml"
    path.write_text(f"warning_s = 25\npin_hash = '{hash_pin('1111')}'\n", encoding="utf-8")
    answers(monkeypatch, "2222", "2222")

    assert kiosk_pin_command(path, io.StringIO(), io.StringIO()) == 0

    policy = load_policy(path)
    assert policy.warning_s == 25 and verify_pin("2222", policy.pin_hash)
    assert "# The staff PIN, as a salted slow hash" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        (("1234", "1235"), "the two PINs are not the same"),
        (("12ab", "12ab"), "only the digits 0 to 9"),
        (("123", "123"), "4 to 12 digits, not 3"),
        (("",), "the PIN is empty"),
        ((), "cancelled"),  # Ctrl+D at the first prompt
    ],
)
def test_a_bad_pin_changes_nothing(tmp_path, monkeypatch, typed, words):
    path = tmp_path / "kiosk.toml"
    answers(monkeypatch, *typed)

    code, _out, err = run_main("kiosk-pin", "--config", str(path))

    assert code == 1
    assert words in err and "the PIN was not changed" in err
    assert not path.exists()


def test_a_broken_settings_file_is_not_overwritten(tmp_path, monkeypatch):
    path = tmp_path / "kiosk.toml"
    path.write_text('theme = "blue"\n', encoding="utf-8")
    prompts = answers(monkeypatch, "2468", "2468")

    code, _out, err = run_main("kiosk-pin", "--config", str(path))

    assert code == EXIT_CONFIG
    assert f"{path}:1: theme:" in err and "fix the settings file first" in err
    assert prompts == []  # asked nothing
    assert path.read_text(encoding="utf-8") == 'theme = "blue"\n'


def test_kiosk_with_good_settings_hands_them_to_the_window(tmp_path, monkeypatch):
    path = tmp_path / "kiosk.toml"
    path.write_text(f'theme = "dark"\npin_hash = "{hash_pin("2468")}"\n', encoding="utf-8")
    started: list[object] = []
    monkeypatch.setattr(app, "_run_gui", lambda args: started.append(args.kiosk_policy) or 0)

    assert run_main("--kiosk", "--config", str(path))[0] == 0
    assert run_main()[0] == 0

    assert isinstance(started[0], KioskPolicy) and started[0].theme == "dark"
    assert started[1] is None  # not a kiosk


@pytest.mark.parametrize(
    ("option", "setting"),
    [
        (["--section", "lupus-stem-cell-therapy/01-about/about-this-guide"], "start_section"),
        (["--pack", "guide.zip"], "packs"),
        (["--text-scale", "200"], "text_scale"),
        (["--theme", "dark"], "theme"),
    ],
)
def test_a_kiosk_takes_its_settings_from_its_file_only(tmp_path, capsys, option, setting):
    path = tmp_path / "kiosk.toml"
    path.write_text(f'pin_hash = "{QUICK_PIN_HASH}"\n', encoding="utf-8")

    with pytest.raises(SystemExit) as caught:
        app.main(["--kiosk", "--config", str(path), *option])

    assert caught.value.code == 2
    assert (
        f"{option[0]} does not go with --kiosk: set {setting} in the kiosk settings file"
        in capsys.readouterr().err
    )


def test_config_without_kiosk_is_a_usage_error(tmp_path):
    with pytest.raises(SystemExit) as caught:
        run_main("--config", str(tmp_path / "kiosk.toml"))
    assert caught.value.code == 2


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("warning_s = 10\n", "kiosk.toml:1: warning_s: must be from 20 to 600 seconds, not 10"),
        ('theme = "dark"\n', "kiosk.toml: pin_hash: no staff PIN is set"),
        (None, "kiosk.toml: there is no kiosk settings file here"),
        (
            f'start_section = "nowhere"\npin_hash = "{QUICK_PIN_HASH}"\n',
            'kiosk.toml:1: start_section: there is no section "nowhere" in the guides shown',
        ),
    ],
)
def test_kiosk_with_bad_settings_exits_before_qt_is_loaded(tmp_path, text, words):
    path = tmp_path / "kiosk.toml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    # A fresh interpreter: pytest-qt has already loaded PySide6 into this one.
    script = textwrap.dedent(
        f"""
        import sys
        from lupus_reader.app import main
        code = main(["--kiosk", "--config", {str(path)!r}])
        qt = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6"))
        print(code, qt)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )

    assert result.stdout.strip() == f"{EXIT_CONFIG} []", result.stderr
    assert words in result.stderr
    assert f"the kiosk did not start (exit code {EXIT_CONFIG})" in result.stderr


def test_the_command_line_exits_with_the_config_code(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text("idle_timeout_s = 5\n", encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "-m", "lupus_reader", "--kiosk", "--config", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == EXIT_CONFIG
    assert "idle_timeout_s: must be from 30 to 3600 seconds, not 5" in result.stderr
