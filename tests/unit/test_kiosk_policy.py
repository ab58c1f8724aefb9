"""The kiosk settings file: defaults, every bad value named by its field and line, no PIN refused."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from lupus_reader.kiosk.policy import (
    THEMES,
    KioskConfigError,
    KioskPolicy,
    hash_pin,
    load_policy,
    render_policy,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin("2468")  # the real cost, once: load_policy refuses weak hashes


@pytest.fixture
def write(tmp_path: Path, pin_hash: str):
    """``write(text, pin=True)``: a kiosk.toml in tmp_path holding ``text`` (and a PIN)."""

    def make(text: str, pin: bool = True) -> Path:
        path = tmp_path / "kiosk.toml"
        path.write_text(text + (f'\npin_hash = "{pin_hash}"\n' if pin else ""), encoding="utf-8")
        return path

    return make


def problem_of(path: Path, **kwargs: bool) -> str:
    with pytest.raises(KioskConfigError) as caught:
        load_policy(path, **kwargs)
    return str(caught.value)


def test_a_file_with_only_the_pin_has_every_default(write, pin_hash):
    policy = load_policy(write(""))

    assert policy == KioskPolicy(pin_hash=pin_hash)
    assert (policy.idle_timeout_s, policy.warning_s, policy.text_scale) == (120, 30, 150)
    assert (policy.theme, policy.allow_qr, policy.allow_print, policy.packs) == ("light", True, False, ())
    assert policy.idle_rules.state(0, 0).seconds_left == 150  # 120 s idle, then a 30 s countdown


def test_every_setting_is_read(write, tmp_path):
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "guide.zip").write_bytes(b"")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    text = f"""
idle_timeout_s = 300
warning_s = 45
start_section = "what-is-lupus"
packs = ["packs/guide.zip", "{elsewhere}"]
text_scale = 200
theme = "contrast"
allow_qr = false
allow_print = true
"""
    policy = load_policy(write(text))

    assert policy.idle_timeout_s == 300 and policy.warning_s == 45
    assert policy.start_section == "what-is-lupus"
    assert policy.packs == (tmp_path / "packs" / "guide.zip", elsewhere)  # relative to the file's folder
    assert (policy.text_scale, policy.theme) == (200, "contrast")
    assert (policy.allow_qr, policy.allow_print) == (False, True)


@pytest.mark.parametrize(
    ("line", "field", "words"),
    [
        ("idle_timeout_s = 10", "idle_timeout_s", "from 30 to 3600 seconds, not 10"),
        ("idle_timeout_s = 99999", "idle_timeout_s", "not 99999"),
        ('idle_timeout_s = "120"', "idle_timeout_s", 'whole number of seconds, not "120"'),
        ("idle_timeout_s = 120.5", "idle_timeout_s", "not 120.5"),
        ("warning_s = 19", "warning_s", "from 20 to 600 seconds, not 19"),
        ("warning_s = true", "warning_s", "not true"),
        ("start_section = 3", "start_section", "must be text"),
        ('start_section = "two words"', "start_section", "no spaces"),
        ('packs = "guide.zip"', "packs", "must be a list of paths"),
        ("packs = [1]", "packs", "item 1 must be the path of a pack"),
        ('packs = ["missing.zip"]', "packs", "item 1: there is no pack at"),
        ("text_scale = 50", "text_scale", "from 100 to 300 (percent), not 50"),
        ('text_scale = "large"', "text_scale", "whole number"),
        ('theme = "blue"', "theme", 'one of "light", "dark", "contrast", "system", not "blue"'),
        ('allow_qr = "yes"', "allow_qr", 'true or false, not "yes"'),
        ("allow_print = 1", "allow_print", "true or false, not 1"),
    ],
)
def test_each_bad_value_is_named_by_its_field_and_line(write, line, field, words):
    path = write(f"# kiosk\n{line}\n")

    message = problem_of(path)

    assert f"{path}:2: {field}: " in message
    assert words in message


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ('"hunter2"', "must look like 'pbkdf2-sha256$ITERATIONS$SALT$HASH'"),
        ('"pbkdf2-sha256$many$c2FsdHNhbHQ=$aGFzaA=="', "whole number"),
        ('"pbkdf2-sha256$600000$not base64$aGFzaA=="', "base64"),
        ('"pbkdf2-sha256$600000$c2FsdHNhbHQ=$aGFzaA=="', "the hash 32"),
        ("1234", "must be the text kiosk-pin writes"),
    ],
)
def test_a_bad_pin_hash_is_named_and_never_shown(write, value, words):
    path = write(f"pin_hash = {value}", pin=False)

    message = problem_of(path)

    assert f"{path}:1: pin_hash: " in message and words in message
    assert "hunter2" not in message


def test_a_weak_pin_hash_is_refused(write):
    path = write(f'pin_hash = "{hash_pin("2468", iterations=1000)}"', pin=False)

    assert "pin_hash: is too weak (1,000 iterations)" in problem_of(path)


def test_an_unknown_key_is_refused_by_name(write):
    path = write("idle_timeout_s = 120\nidle_timout = 60\n")

    message = problem_of(path)

    assert f"{path}:2: idle_timout: unknown setting 'idle_timout'" in message
    assert "idle_timeout_s, warning_s" in message  # the settings there are, to compare


def test_a_table_is_an_unknown_key(write):
    path = write("[kiosk]\nidle_timeout_s = 120\n", pin=False)

    assert "kiosk: unknown setting 'kiosk'" in problem_of(path)


def test_the_warning_counts_down_after_the_idle_time_whatever_their_lengths(write):
    policy = load_policy(write("idle_timeout_s = 60\nwarning_s = 90\n"))

    assert policy.idle_rules.state(0, 59).phase == "active"
    assert policy.idle_rules.state(0, 60).phase == "warning"  # after the whole idle time
    assert policy.idle_rules.state(0, 60).seconds_left == 90  # the whole warning to count down


def test_every_problem_is_named_at_once(write):
    path = write('theme = "blue"\ntext_scale = 20\nmystery = 1\n', pin=False)

    with pytest.raises(KioskConfigError) as caught:
        load_policy(path)

    assert [p.field for p in caught.value.problems] == ["theme", "text_scale", "mystery", "pin_hash"]
    assert [p.line for p in caught.value.problems] == [1, 2, 3, 0]


def test_no_pin_refuses_to_start_and_says_how_to_set_one(write):
    path = write('theme = "dark"\n', pin=False)

    message = problem_of(path)

    assert "pin_hash: no staff PIN is set" in message
    assert f"kiosk-pin --config {path}" in message
    assert load_policy(path, require_pin=False).theme == "dark"  # what kiosk-pin reads first


def test_an_empty_pin_hash_is_no_pin(write):
    path = write('pin_hash = ""', pin=False)

    assert "no staff PIN is set" in problem_of(path)


def test_a_missing_file_says_how_to_make_one(tmp_path):
    path = tmp_path / "nowhere" / "kiosk.toml"

    message = problem_of(path)

    assert message.startswith(f"{path}: there is no kiosk settings file here")
    assert f"kiosk-pin --config {path}" in message


def test_invalid_toml_names_the_line(write):
    path = write('theme = "dark"\nwarning_s = \nallow_qr = true\n', pin=False)

    message = problem_of(path)

    assert message.startswith(f"{path}:2: is not valid TOML")


def test_a_file_that_is_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_bytes(b'theme = "dark"\nstart_section = "\xe9t\xe9"\n')

    assert problem_of(path).startswith(f"{path}:2: is not UTF-8 text")


def test_a_folder_is_not_a_settings_file(tmp_path):
    assert "cannot be read" in problem_of(tmp_path)


def test_a_written_policy_reads_back_the_same(tmp_path, pin_hash):
    (tmp_path / "packs").mkdir()
    inside, outside = tmp_path / "packs", tmp_path.parent
    policy = KioskPolicy(
        idle_timeout_s=600,
        warning_s=20,
        start_section="été",
        packs=(inside, outside),
        text_scale=300,
        theme="dark",
        allow_qr=False,
        allow_print=True,
        pin_hash=pin_hash,
    )
    path = tmp_path / "kiosk.toml"

    text = render_policy(policy, tmp_path)
    path.write_text(text, encoding="utf-8")

    assert '"packs",' in text and f'"{outside}",' in text  # relative inside the folder, else absolute
    assert load_policy(path) == policy


@pytest.mark.parametrize("theme", THEMES)
def test_every_theme_reads_back(tmp_path, theme):
    path = tmp_path / "kiosk.toml"
    path.write_text(render_policy(KioskPolicy(theme=theme), tmp_path), encoding="utf-8")

    assert load_policy(path, require_pin=False).theme == theme


def test_the_shipped_example_has_the_defaults_and_no_pin():
    example = ROOT / "packaging" / "kiosk" / "kiosk.example.toml"

    assert example.read_text(encoding="utf-8") == render_policy(KioskPolicy(), example.parent)
    assert load_policy(example, require_pin=False) == KioskPolicy()
    with pytest.raises(KioskConfigError, match="no staff PIN is set"):
        load_policy(example)


def test_the_guide_lists_every_setting_with_its_default():
    guide = (ROOT / "docs" / "kiosk.md").read_text(encoding="utf-8")

    for field in dataclasses.fields(KioskPolicy):
        default = render_policy(KioskPolicy(), ROOT).split(f"\n{field.name} = ")[1].split("\n")[0]
        assert f"| `{field.name}` |" in guide, field.name
        assert f"| `{field.name}` | `{default}` |" in guide, (field.name, default)
