"""Result rows, statistics and the plain-text / JSON report shared by every benchmark."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class Row:
    """One figure in the report; ``limit`` is an upper bound when set (lower is better)."""

    benchmark: str
    metric: str
    value: float | None
    unit: str
    limit: float | None = None
    note: str = ""

    @property
    def status(self) -> str:
        if self.value is None:
            return "ERROR"
        if self.limit is None:
            return ""
        return "pass" if self.value <= self.limit else "FAIL"

    @property
    def target(self) -> str:
        return "" if self.limit is None else f"<= {_number(self.limit, self.unit)}"

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = asdict(self)
        data["status"] = self.status or None
        return data


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (``fraction`` 0-1): a value that was really measured."""
    ordered = sorted(values)
    rank = max(math.ceil(fraction * len(ordered)), 1)
    return ordered[rank - 1]


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


NOTE_WIDTH = 72


def _number(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "count":
        return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    digits = 1 if abs(value) < 100 else 0
    return f"{value:.{digits}f} {unit}"


def format_table(rows: Iterable[Row]) -> str:
    rows = list(rows)
    header = ("benchmark", "metric", "value", "target", "result", "note")
    cells = [
        (
            row.benchmark,
            row.metric,
            "n/a" if row.value is None else _number(row.value, row.unit),
            row.target,
            row.status,
            row.note if len(row.note) <= NOTE_WIDTH else row.note[: NOTE_WIDTH - 1] + "…",
        )
        for row in rows
    ]
    widths = [max(len(header[i]), *(len(c[i]) for c in cells)) for i in range(len(header))]
    right = {2, 3}  # numbers line up on the right

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if i in right else v.ljust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    out = [line(header), line(["-" * w for w in widths])]
    out += [line(c) for c in cells]
    checked = [r for r in rows if r.limit is not None]
    failed = [r for r in checked if r.status == "FAIL"]
    unmeasured = [r for r in checked if r.status == "ERROR"]
    errors = [r for r in rows if r.limit is None and r.status == "ERROR"]
    out.append("")
    out.append(
        f"targets: {len(checked) - len(failed) - len(unmeasured)} met, {len(failed)} not met"
        + (f", {len(unmeasured)} not measured" if unmeasured else "")
    )
    out += [
        f"  FAIL: {r.benchmark} / {r.metric} = {_number(r.value or 0, r.unit)} ({r.target})" for r in failed
    ]
    out += [f"  NOT MEASURED: {r.benchmark} / {r.metric} ({r.target})" for r in unmeasured]
    out += [f"  ERROR: {r.benchmark} / {r.metric}: {r.note}" for r in errors]
    return "\n".join(out)
