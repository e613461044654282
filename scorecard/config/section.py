"""Reading one group of settings: `Section` checks each value and says where a problem is.

Every stage that owns a section (bids, panel, opportunities) parses it with these helpers, so a
buyer gets the same messages with the same key paths (e.g. `panel.scale.low`) everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from scorecard.config.vocabulary import MAX_LIST_LENGTH, MAX_MAGNITUDE, MAX_NAME_LENGTH, MAX_TEXT_LENGTH
from scorecard.errors import ScorecardError, shorten


class ConfigError(ScorecardError):
    """A problem in a settings file: the message names the key and what is wrong."""


@dataclass(frozen=True)
class Section:
    """A mapping from the YAML with its path, so that every error can say where it is.

    Stage modules (bids, panel, opportunities) parse their own sections with it, so
    their settings are validated by the same rules and messages as the rest.
    """

    values: Mapping[str, Any]
    path: str
    source: str = "the settings"

    def fail(self, key: str | None, problem: str) -> ConfigError:
        where = f"{self.path}.{key}" if key and self.path else (key or self.path or "the top level")
        return ConfigError(
            f"In {self.source}, `{where}` {problem}", hint="Fix that line and load the settings again."
        )

    def check_keys(self, allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for key in self.values:
            if key not in allowed:
                raise self.fail(
                    str(key),
                    f"is not a setting Scorecard knows. Known settings here: {', '.join(sorted(allowed))}.",
                )

    def has(self, key: str) -> bool:
        return self.values.get(key) is not None

    def raw(self, key: str, default: Any = None) -> Any:
        value = self.values.get(key)
        return default if value is None else value

    def text(self, key: str, default: str | None = None, *, max_length: int = MAX_TEXT_LENGTH) -> str:
        value = self.values.get(key)
        if value is None:
            if default is None:
                raise self.fail(key, "is missing.")
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self.fail(key, f"should be a piece of text, not {describe_value(value)}.")
        text = str(value).strip()  # the loader refuses integers of hundreds of digits
        if len(text) > max_length:
            raise self.fail(
                key, f"is {len(text):,} characters long; Scorecard accepts up to {max_length:,} here."
            )
        return text

    def number(
        self,
        key: str,
        default: float | None = None,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> float:
        value = self.values.get(key)
        if value is None:
            if default is None:
                raise self.fail(key, "is missing: it needs a number.")
            return default
        return self.check_number(key, value, minimum=minimum, maximum=maximum)

    def optional_number(
        self, key: str, *, minimum: float | None = None, maximum: float | None = None
    ) -> float | None:
        value = self.values.get(key)
        return None if value is None else self.check_number(key, value, minimum=minimum, maximum=maximum)

    def check_number(
        self, key: str, value: Any, *, minimum: float | None = None, maximum: float | None = None
    ) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, f"should be a number, not {describe_value(value)}.")
        # Compared before any conversion: an int of 309 digits cannot become a float.
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(key, f"should be a number, not {describe_value(value)}.")
        if minimum is not None and value < minimum:
            raise self.fail(
                key, f"is {describe_number(value)}; it cannot be below {describe_number(minimum)}."
            )
        if maximum is not None and value > maximum:
            raise self.fail(
                key, f"is {describe_number(value)}; it cannot be above {describe_number(maximum)}."
            )
        if abs(value) > MAX_MAGNITUDE:
            raise self.fail(
                key,
                f"is {describe_value(value)}, larger than any figure Scorecard accepts "
                f"({MAX_MAGNITUDE:,.0f}); check the number of digits.",
            )
        return float(value)

    def flag(self, key: str, default: bool) -> bool:
        value = self.values.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(key, f"should be true or false, not {describe_value(value)}.")
        return value

    def choice(self, key: str, options: Iterable[str], default: str | None = None) -> str:
        options = list(options)
        value = self.text(key, default)
        if value not in options:
            raise self.fail(key, f"is {value!r}; it should be one of: {', '.join(options)}.")
        return value

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self.values.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(
            isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value
        ):
            raise self.fail(key, "should be a list of names, e.g. [TCO, Total cost].")
        if len(value) > MAX_LIST_LENGTH:
            raise self.fail(key, f"lists {len(value):,} names; Scorecard accepts up to {MAX_LIST_LENGTH}.")
        names = tuple(str(v).strip() for v in value)
        for name in names:
            if len(name) > MAX_NAME_LENGTH:
                raise self.fail(
                    key,
                    f"holds a name of {len(name):,} characters; Scorecard accepts up to {MAX_NAME_LENGTH:,}.",
                )
        return names

    def section(self, key: str, *, required: bool = False) -> Section:
        value = self.values.get(key)
        if value is None:
            if required:
                raise self.fail(key, "is missing.")
            value = {}
        if not isinstance(value, Mapping):
            raise self.fail(
                key, f"should be a group of settings (key: value lines), not {describe_value(value)}."
            )
        return Section(value, f"{self.path}.{key}" if self.path else key, self.source)

    def sections(self, key: str) -> list[Section]:
        value = self.values.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(key, f"should be a list (lines starting with '-'), not {describe_value(value)}.")
        items = []
        for index, item in enumerate(value):
            where = f"{self.path}.{key}[{index}]" if self.path else f"{key}[{index}]"
            if not isinstance(item, Mapping):
                raise Section({}, where, self.source).fail(
                    None, f"should be a group of settings, not {describe_value(item)}."
                )
            items.append(Section(item, where, self.source))
        return items


def describe_value(value: Any) -> str:
    """A value as a buyer would recognise it in their YAML file (shortened when it is huge)."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, Mapping):
        return "a group of settings"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return describe_number(value)
    return shorten(repr(value), 80)


def describe_number(value: float) -> str:
    """A number as a buyer reads it (150, 0.35, 1,000,000), or its size when it has dozens of digits."""
    if isinstance(value, int) and abs(value) >= 10**30:
        return f"a number of {len(str(abs(value)))} digits"
    if abs(value) >= 10_000 and abs(value) < 1e16 and float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:g}" if isinstance(value, float) else str(value)
