"""When a kiosk visit ends: the idle timeout, then a warning counting down whole seconds, then expired."""

from __future__ import annotations

import pytest

from lupus_reader.kiosk.idle import IdleRules, IdleState

RULES = IdleRules(idle_timeout_s=120, warning_s=30)


@pytest.mark.parametrize(
    ("idle", "expected"),
    [
        (0, IdleState("active", 150, 120.0)),
        (119.5, IdleState("active", 31, 0.5)),
        (120, IdleState("warning", 30, 30.0)),  # the countdown starts after the whole idle timeout
        (130.2, IdleState("warning", 20, pytest.approx(19.8))),
        (149.9, IdleState("warning", 1, pytest.approx(0.1))),
        (150, IdleState("expired", 0, 0.0)),
        (5000, IdleState("expired", 0, 0.0)),
    ],
)
def test_the_phase_follows_the_time_since_the_last_touch(idle, expected):
    assert RULES.state(last_activity=1000.0, now=1000.0 + idle) == expected


def test_a_touch_starts_again():
    assert RULES.state(last_activity=1100.0, now=1100.0).phase == "active"


def test_a_clock_that_went_back_is_no_idle_time():
    assert RULES.state(last_activity=1000.0, now=990.0) == IdleState("active", 150, 120.0)


def test_a_warning_longer_than_the_idle_time_counts_down_in_full():
    rules = IdleRules(idle_timeout_s=30, warning_s=60)

    assert rules.state(last_activity=0.0, now=30.0) == IdleState("warning", 60, 60.0)
    assert rules.state(last_activity=0.0, now=89.5).phase == "warning"


@pytest.mark.parametrize(("timeout", "warning"), [(30, 0), (0, 30), (-1, 20)])
def test_both_times_must_be_positive(timeout, warning):
    with pytest.raises(ValueError):
        IdleRules(timeout, warning)
