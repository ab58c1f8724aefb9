"""When a kiosk visit ends: active, then a warning counting down, then expired (everything cleared)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Phase = Literal["active", "warning", "expired"]


@dataclass(frozen=True, slots=True)
class IdleState:
    """Where a visit stands.

    ``seconds_left`` is whole seconds until the visit ends, rounded up (0 once
    expired): in the warning, what the countdown shows. ``until_change`` is when
    to look again: seconds until the phase changes (0 once expired); in the
    warning, the shell also redraws the countdown every second.
    """

    phase: Phase
    seconds_left: int
    until_change: float


@dataclass(frozen=True, slots=True)
class IdleRules:
    """``idle_timeout_s`` without a touch or key, then a warning counting down ``warning_s``; then the end.

    With the defaults (120 s, 30 s): 120 s without a touch bring up "Still
    reading? Tap to continue", counting down from 30; a tap starts again from 0;
    at 150 s the visit is cleared. Times are seconds on one monotonic clock.
    """

    idle_timeout_s: float
    warning_s: float

    def __post_init__(self) -> None:
        if self.idle_timeout_s <= 0 or self.warning_s <= 0:
            raise ValueError("the idle timeout and the warning must both be longer than 0 s")

    @property
    def visit_ends_s(self) -> float:
        """Seconds from the last touch to the end of the visit."""
        return self.idle_timeout_s + self.warning_s

    def state(self, last_activity: float, now: float) -> IdleState:
        idle = max(0.0, now - last_activity)
        left = self.visit_ends_s - idle
        if left <= 0:
            return IdleState("expired", 0, 0.0)
        if idle >= self.idle_timeout_s:
            return IdleState("warning", math.ceil(left), left)
        return IdleState("active", math.ceil(left), self.idle_timeout_s - idle)
