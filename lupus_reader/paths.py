"""Where user data and caches live: the per-user dirs, or --data-dir / LUPUS_READER_DATA_DIR."""

from __future__ import annotations

import os
from pathlib import Path

from lupus_reader import APP_NAME

DATA_DIR_ENV = "LUPUS_READER_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The directory for the reader's own files (state, notes); never inside the app."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().absolute()
    import platformdirs  # not needed when the dir is given, as in kiosks and tests

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def cache_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Rebuildable caches: beside the data when the data dir is overridden."""
    if override or os.environ.get(DATA_DIR_ENV):
        return data_dir(override) / "cache"
    import platformdirs

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)
