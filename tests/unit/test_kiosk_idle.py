"""When a kiosk visit ends: active, then a warning counting down whole seconds, then expired."""

from __future__ import annotations

import pytest

from lupus_reader.kiosk.idle import IdleRules, IdleState

RULES = IdleRules(idle_timeout_s=120, warning_s=30)


@pytest.mark.parametrize(
    ("idle", "expected"),
    [
        (0, IdleState("active", 120, 90.0)),
        (89.5, IdleState("active", 31, 0.5)),
        (90, IdleState("warning", 30, 30.0)),
        (100.2, IdleState("warning", 20, pytest.approx(19.8))),
        (119.9, IdleState("warning", 1, pytest.approx(0.1))),
        (120, IdleState("expired", 0, 0.0)),
        (5000, IdleState("expired", 0, 0.0)),
    ],
)
def test_the_phase_follows_the_time_since_the_last_touch(idle, expected):
    assert RULES.state(last_activity=1000.0, now=1000.0 + idle) == expected


def test_a_touch_starts_again():
    assert RULES.state(last_activity=1100.0, now=1100.0).phase == "active"


def test_a_clock_that_went_back_is_no_idle_time():
    assert RULES.state(last_activity=1000.0, now=990.0) == IdleState("active", 120, 90.0)


@pytest.mark.parametrize(("timeout", "warning"), [(30, 30), (30, 40), (30, 0)])
def test_the_warning_fits_inside_the_idle_time(timeout, warning):
    with pytest.raises(ValueError):
        IdleRules(timeout, warning)
