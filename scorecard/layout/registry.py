"""The one table of sheet detectors: role -> detector, tried in priority order.

A new sheet layout is one module that defines a detector and calls `register`
at import time, plus its test; `scorecard/layout/__init__.py` imports the
modules so their detectors are in the table before any workbook is looked at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scorecard.layout import LayoutContext, Role, SheetLayout
    from scorecard.read import Sheet

Detector = Callable[["Sheet", "LayoutContext"], "SheetLayout | None"]


@dataclass(frozen=True)
class Registered:
    """One detector in the table: higher priority is asked first; the first that answers wins."""

    role: Role
    detect: Detector
    priority: int


DETECTORS: list[Registered] = []


def register(role: Role, detector: Detector, priority: int = 50) -> None:
    """Add a detector for `role`: asked before every detector of lower priority (ties: first registered)."""
    DETECTORS.append(Registered(role, detector, priority))
    DETECTORS.sort(key=lambda r: -r.priority)  # stable: equal priorities keep their registration order


def detectors_for(role: Role) -> list[Registered]:
    """The detectors of one role, in the order they are asked (used when the buyer names a sheet's role)."""
    return [r for r in DETECTORS if r.role == role]
