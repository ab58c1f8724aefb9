"""After the first paint, start-up's objects are frozen out of the cyclic collector, which resumes."""

from __future__ import annotations

import gc

from lupus_reader.app import settle_memory


def test_settle_memory_freezes_what_start_up_made_and_resumes_collection() -> None:
    gc.disable()
    try:
        settle_memory()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_settle_memory_leaves_a_running_collector_alone() -> None:
    # A kiosk never pauses the collector: its visits come and go and must stay collectable.
    assert gc.isenabled()
    settle_memory()
    assert gc.get_freeze_count() == 0
