"""The values a buyer's rationale template is filled with (`opportunities.rules`).

The template ('{supplier} is {rank} with {on_time_delivery_value}') is the buyer's own text from the
settings, so filling it is the stage's work, not presenting: a value without data formats as its reason
(never 0), and a raw value shows with its unit unless the template asks for a number format.
"""

from __future__ import annotations

from typing import Any


class Missing:
    """A placeholder with no number behind it: formats as its reason for any format spec."""

    def __init__(self, reason: str = "no data") -> None:
        self.reason = reason

    def __format__(self, spec: str) -> str:
        return self.reason

    def __str__(self) -> str:
        return self.reason


class Shown:
    """A raw value in a rationale: '{x_value}' shows it with its unit, '{x_value:.1f}' formats the number."""

    def __init__(self, value: Any, text: str) -> None:
        self.value = value
        self.text = text

    def __format__(self, spec: str) -> str:
        return format(self.value, spec) if spec else self.text

    def __str__(self) -> str:
        return self.text
