"""Which of ',' and '.' is the decimal mark, decided per column from all its evidence."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from scorecard.clean.cells import Reading, TextBlock
from scorecard.clean.change_log import ChangeLog, example_of
from scorecard.clean.currency import POINT_CURRENCIES
from scorecard.clean.kinds import ValueKind
from scorecard.errors import Severity


def reads_grouped(separator: str | None, convention: str | None) -> bool:
    """Whether an ambiguous separator groups thousands under the column's decimal mark."""
    return (separator == "," and convention == "point") or (separator == "." and convention == "comma")


def decimal_convention(
    block: TextBlock, currency: str | None, kind: ValueKind, others: np.ndarray
) -> tuple[str | None, int | None, str]:
    """The column's decimal mark, decided from all its cells, with the reason in words.

    In order: a vote of the values that can be read one way only ("12,345.67", "0,5"); the size
    of the column's other values (an ambiguous "412,500" among 356,200-468,900 groups thousands);
    for money, that amounts have at most two decimals (so "€ 412,500" is not 412.5 euros) or a
    currency written with a decimal point; otherwise unknown, and the column must be checked.
    """
    point = block.count(lambda r: r.status == "ok" and r.evidence == "point")
    comma = block.count(lambda r: r.status == "ok" and r.evidence == "comma")
    if point or comma:
        convention = "point" if point >= comma else "comma"
        example = block.where(lambda r: r.status == "ok" and r.evidence == convention)
        return convention, int(example[0]), ""
    ambiguous = [r for r in block.readings if r.status == "ok" and r.ambiguity and r.alt is not None]
    if not ambiguous:
        return None, None, ""
    clear = [
        float(r.value)
        for r in block.readings
        if r.status == "ok" and not r.ambiguity and isinstance(r.value, (int, float))
    ]
    if kind is ValueKind.MONEY and currency in POINT_CURRENCIES:
        return "point", None, f"as usual for amounts in {currency}"
    by_size = _convention_by_size(ambiguous, np.concatenate([others, np.asarray(clear, dtype=float)]))
    if by_size is not None:
        return by_size, None, BY_SIZE
    if kind is ValueKind.MONEY:
        separators = {r.ambiguity for r in ambiguous}
        if len(separators) == 1:
            # an amount has at most two decimals: three digits after the mark are a thousands group
            return ("point" if separators == {","} else "comma"), None, BY_CENTS
    return None, None, ""


BY_SIZE = "as the sizes of the column's other values show"


BY_CENTS = "as amounts have at most two decimals"


def _convention_by_size(ambiguous: list[Reading], others: np.ndarray) -> str | None:
    """The decimal mark under which the ambiguous values sit among the column's other values:
    each ambiguous value votes for the reading (decimal or thousands) nearer, in powers of ten, to
    the other values' middle; a vote counts only when the two readings differ clearly."""
    others = np.abs(others[np.isfinite(others) & (others != 0)])
    if others.size == 0:
        return None
    middle = float(np.median(np.log10(others)))
    grouped = decimal = 0
    for r in ambiguous:
        as_decimal, as_grouped = abs(float(r.value)), abs(float(r.alt))
        if as_decimal == 0 or as_grouped == 0:
            continue
        gap = abs(np.log10(as_decimal) - middle) - abs(np.log10(as_grouped) - middle)
        if gap > 1:
            grouped += 1
        elif gap < -1:
            decimal += 1
    if grouped and not decimal:
        separator = ambiguous[0].ambiguity
        return "point" if separator == "," else "comma"
    if decimal and not grouped:
        separator = ambiguous[0].ambiguity
        return "comma" if separator == "," else "point"
    return None


def report_separators(
    block: TextBlock,
    convention: str | None,
    evidence_pos: int | None,
    why: str,
    shown: Callable[[int], str],
    log: ChangeLog,
) -> None:
    point = block.where(lambda r: r.status == "ok" and r.evidence == "point")
    comma = block.where(lambda r: r.status == "ok" and r.evidence == "comma")
    if point.size and comma.size:
        p, c = int(point[0]), int(comma[0])
        log.add(
            Severity.WARNING,
            f"this column mixes number styles: {log.found(p)!r} (row {log.row(p)}) uses a decimal point, "
            f"{log.found(c)!r} (row {log.row(c)}) a decimal comma",
            value=log.found(c if convention == "point" else p),
            action=f"read each value as its style shows; a value that could be either is read with a "
            f"decimal {convention}, the style of most values; check the column",
        )
    if convention is not None and evidence_pos is not None:
        why = f"as in {log.found(evidence_pos)!r} (row {log.row(evidence_pos)})"
    for separator, name in ((",", "comma"), (".", "point")):
        positions = block.where(lambda r, s=separator: r.status == "ok" and r.ambiguity == s)
        if not positions.size:
            continue
        example = example_of(log, positions, shown)
        what = (
            f"has one {name} followed by three digits, so the {name} could group thousands or mark decimals",
            f"have one {name} followed by three digits, so the {name} could group thousands or mark decimals",
        )
        if convention is None:
            # never guessed silently: the buyer answers the question by writing the numbers one way
            action = (
                f"not scored: is the {name} a thousands separator or a decimal mark (e.g. "
                f"{log.found(int(positions[0]))!r} in row {log.row(int(positions[0]))})? Nothing "
                f"else in the column shows which. Write these numbers without the {name} (e.g. 1234) or "
                f"with the decimal part to two places (e.g. 1,234.00 or 1.234,00), then load the file again"
            )
            log.group(Severity.ERROR, what, positions, action)
        else:
            role = "a thousands separator" if reads_grouped(separator, convention) else "a decimal mark"
            # decided by the column's other values rather than by the cells' own style: a warning, counted
            severity = Severity.WARNING if why in (BY_SIZE, BY_CENTS) else Severity.INFO
            log.group(severity, what, positions, f"read the {name} as {role} ({example}), {why}")
