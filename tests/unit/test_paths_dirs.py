"""Where the reader keeps its files: --data-dir, LUPUS_READER_DATA_DIR, else the user's data dir."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from lupus_reader import paths
from lupus_reader.app import build_parser


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    return home


def test_data_dir_option_wins(clean_env, monkeypatch, tmp_path):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "from-env"))
    args = build_parser().parse_args(["--data-dir", str(tmp_path / "from-option")])

    assert paths.data_dir(args.data_dir) == tmp_path / "from-option"
    assert paths.cache_dir(args.data_dir) == tmp_path / "from-option" / "cache"


def test_environment_variable(clean_env, monkeypatch, tmp_path):
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "from-env"))

    assert paths.data_dir() == tmp_path / "from-env"
    assert paths.cache_dir() == tmp_path / "from-env" / "cache"


def test_relative_and_home_overrides_become_absolute(clean_env, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)

    assert paths.data_dir("relative/dir") == tmp_path / "relative" / "dir"
    assert paths.data_dir("~/reader") == clean_env / "reader"


def test_empty_environment_variable_is_ignored(clean_env, monkeypatch):
    monkeypatch.setenv(paths.DATA_DIR_ENV, "")

    assert paths.data_dir().is_relative_to(clean_env)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG layout")
def test_default_is_under_the_users_home(clean_env):
    assert paths.data_dir() == clean_env / ".local" / "share" / "lupus-reader"
    assert paths.cache_dir() == clean_env / ".cache" / "lupus-reader"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG layout")
def test_default_follows_xdg_data_home(clean_env, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))

    assert paths.data_dir() == tmp_path / "xdg-data" / "lupus-reader"


def test_default_is_never_inside_the_app(clean_env):
    app_folder = Path(paths.__file__).resolve().parent

    assert not paths.data_dir().resolve().is_relative_to(app_folder)
