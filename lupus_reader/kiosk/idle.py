"""When a kiosk visit ends: active, then a warning counting down, then expired (everything cleared)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Phase = Literal["active", "warning", "expired"]


@dataclass(frozen=True, slots=True)
class IdleState:
    """Where a visit stands.

    ``seconds_left`` is what the countdown shows: whole seconds until the visit
    ends, rounded up (0 once expired). ``until_change`` is when to look again:
    seconds until the phase changes (0 once expired); in the warning, the shell
    also redraws the countdown every second.
    """

    phase: Phase
    seconds_left: int
    until_change: float


@dataclass(frozen=True, slots=True)
class IdleRules:
    """A visit ends ``idle_timeout_s`` after the last touch or key; the warning fills its last ``warning_s``.

    With the defaults (120 s, 30 s): 90 s without a touch shows "Are you still
    there?" counting down from 30; any touch starts again from 0; at 120 s the
    visit is cleared. Times are seconds on one monotonic clock.
    """

    idle_timeout_s: float
    warning_s: float

    def __post_init__(self) -> None:
        if not 0 < self.warning_s < self.idle_timeout_s:
            raise ValueError("the warning must be longer than 0 s and shorter than the idle timeout")

    def state(self, last_activity: float, now: float) -> IdleState:
        idle = max(0.0, now - last_activity)
        left = self.idle_timeout_s - idle
        if left <= 0:
            return IdleState("expired", 0, 0.0)
        if left <= self.warning_s:
            return IdleState("warning", math.ceil(left), left)
        return IdleState("active", math.ceil(left), left - self.warning_s)
