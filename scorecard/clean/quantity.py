"""Number, money and percent columns: typed values, currency and the liberties taken, reported."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from scorecard.clean.cells import CellParts, TextBlock
from scorecard.clean.change_log import (
    ChangeLog,
    cell_count,
    example_of,
    flag_natives,
    mark_strings,
    noted,
    show_value,
)
from scorecard.clean.currency import header_currency
from scorecard.clean.decimal_marks import HintSource, decimal_convention, reads_grouped, report_separators
from scorecard.clean.kinds import ValueKind
from scorecard.clean.percent import reconcile_percent
from scorecard.clean.quantity_text import read_quantity_text, unit_family
from scorecard.errors import Severity


def clean_quantity(
    parts: CellParts,
    kind: ValueKind,
    log: ChangeLog,
    decimal_hint: HintSource = None,
    column_numbers: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, str | None]:
    """Numbers, amounts and percentages: NaN where there is no value. `column_numbers`: numbers typed in
    other cells of the same column that the caller read itself (evidence for the decimal mark)."""
    values = np.full(parts.size, np.nan)
    missing = parts.blank.copy()
    invalid = np.zeros(parts.size, dtype=bool)
    bare = np.zeros(parts.size, dtype=bool)  # numbers without a % sign: a percent column may rescale them

    if parts.num_pos.size:
        finite = np.isfinite(parts.num_vals)
        values[parts.num_pos[finite]] = parts.num_vals[finite]
        bare[parts.num_pos[finite]] = True
        for pos in parts.num_pos[~finite]:
            invalid[pos] = True
            log.invalid(kind, int(pos), "it is infinite")
    flag_natives(parts, kind, invalid, log, [parts.nan_pos, parts.bool_pos, parts.when_pos, parts.other_pos])

    def shown(pos: int) -> str:
        return show_value(values[pos]) + ("%" if kind is ValueKind.PERCENT else "")

    currency = stated = stated_currency(kind, log)
    block = TextBlock(parts, lambda text: read_quantity_text(text, kind)) if parts.str_pos.size else None
    if block is not None:
        mark_strings(block, missing, invalid, kind, log)
        currencies = _currency_cells(block)
        main_currency = max(currencies, key=lambda code: currencies[code].size) if currencies else None
        others = values[~np.isnan(values)]  # the cells typed as numbers: their size is evidence too
        if column_numbers is not None:
            others = np.concatenate([others, column_numbers])
        decision = decimal_convention(block, main_currency, kind, others, decimal_hint)
        convention = decision.mark
        chosen = [
            (r.alt if reads_grouped(r.ambiguity, convention) and r.alt is not None else r.value)
            if r.status == "ok"
            else np.nan
            for r in block.readings
        ]
        values[block.pos] = np.asarray(chosen, dtype=np.float64)[block.codes]
        bare[block.pos] = block.mask(lambda r: r.status == "ok" and not r.percent_sign)[block.codes]
        if kind is ValueKind.MONEY:
            currency = _report_currencies(currencies, missing | invalid, log, stated)
        if kind is ValueKind.PERCENT:
            reconcile_percent(values, bare, log)
        report_separators(block, decision, shown, log)
        if convention is None:  # an ambiguous value is not guessed: it has no value until the buyer says
            unsure = block.where(lambda r: r.status == "ok" and r.ambiguity is not None and r.alt is not None)
            invalid[unsure] = True
            values[unsure] = np.nan
            bare[unsure] = False
        _report_quantity_notes(block, kind, shown, log)
    elif kind is ValueKind.PERCENT:
        reconcile_percent(values, bare, log)
    return values, missing, invalid, currency


def stated_currency(kind: ValueKind, log: ChangeLog) -> str | None:
    """The currency a money column's header names ('Annual spend (EUR)'): cells that name none are in it."""
    return header_currency(log.column) if kind is ValueKind.MONEY else None


def _currency_cells(block: TextBlock) -> dict[str, np.ndarray]:
    """Cell positions per currency named in the text, most used first."""
    codes = sorted({r.currency for r in block.readings if r.status == "ok" and r.currency})
    found = {code: block.where(lambda r, c=code: r.status == "ok" and r.currency == c) for code in codes}
    return dict(sorted(found.items(), key=lambda item: -item[1].size))


def _report_currencies(
    currencies: dict[str, np.ndarray], no_value: np.ndarray, log: ChangeLog, stated: str | None = None
) -> str | None:
    """The column's currency; a mix is an error, because amounts in different currencies don't compare.

    `stated`: the currency the header names; the cells that name none are in it, so a cell naming another
    one is a mix too ('$1,200' under 'Annual spend (EUR)')."""
    if not currencies:
        return stated
    if len(currencies) > 1 or (stated is not None and stated not in currencies):
        listed = ", ".join(
            f"{code} ({cell_count(positions.size)}, e.g. row {log.row(int(positions[0]))})"
            for code, positions in currencies.items()
        )
        if stated is not None and stated not in currencies:
            listed += f", {stated} (named in the header {log.column!r})"
        log.add(
            Severity.ERROR,
            f"this column mixes currencies: {listed}",
            value=log.found(int(next(iter(currencies.values()))[0])),
            action="read the amounts as written, without converting; give every amount in one currency "
            "or split the column by currency",
        )
        return None
    ((code, named),) = currencies.items()
    if stated is not None:
        return stated  # the header says it: cells without a currency are not assumed, they are told
    unnamed = np.ones(no_value.size, dtype=bool)
    unnamed[named] = False
    unnamed &= ~no_value
    log.group(
        Severity.INFO,
        ("had no currency", "had no currency"),
        np.flatnonzero(unnamed),
        f"assumed {code}, like the rest of the column",
    )
    return code


_AS_TEXT: dict[ValueKind, tuple[str, str]] = {
    ValueKind.NUMBER: ("was a number stored as text", "were numbers stored as text"),
    ValueKind.MONEY: ("was an amount written as text", "were amounts written as text"),
    ValueKind.PERCENT: ("was a percentage written as text", "were percentages written as text"),
}
# The liberties taken with a cell's text: (note, severity, what the cells did, what was done).
_LIBERTIES: tuple[tuple[str, Severity, str | tuple[str, str], str], ...] = (
    ("spaces", Severity.INFO, "had extra or invisible spaces", "removed them"),
    (
        "negative style",
        Severity.INFO,
        "showed a negative number in brackets or with a trailing minus",
        "read as negative ({example})",
    ),
    ("net", Severity.INFO, "gave payment terms such as 'Net 30'", "read the number of days ({example})"),
    (
        "qualifier",
        Severity.WARNING,
        ("gave a bound or an estimate, not a value", "gave bounds or estimates, not values"),
        "read the number itself ({example}); check that scoring it as exact is fair",
    ),
    (
        "scale",
        Severity.WARNING,
        "used an abbreviation for thousands or millions",
        "multiplied out ({example})",
    ),
    (
        "currency ignored",
        Severity.WARNING,
        "named a currency in a column of plain numbers",
        "read the amount ({example}) and ignored the currency; map the column as money if it holds amounts",
    ),
)


def _report_quantity_notes(
    block: TextBlock, kind: ValueKind, shown: Callable[[int], str], log: ChangeLog
) -> None:
    """Grouped findings for the liberties taken with text: one per kind of liberty, not per cell."""
    log.markers(block)
    as_text = ("text", Severity.INFO, _AS_TEXT[kind], "read as numbers ({example})")
    for note, severity, what, action in (as_text, *_LIBERTIES):
        positions = noted(block, note)
        if positions.size:
            log.group(severity, what, positions, action.format(example=example_of(log, positions, shown)))
    _report_units(block, shown, log)


def _report_units(block: TextBlock, shown: Callable[[int], str], log: ChangeLog) -> None:
    """Units written after the numbers, one finding per unit; a mix of units is a warning."""
    units: dict[str, np.ndarray] = {}
    for unit in dict.fromkeys(unit_family(r.unit) for r in block.readings if r.status == "ok" and r.unit):
        units[unit] = block.where(
            lambda r, u=unit: r.status == "ok" and bool(r.unit) and unit_family(r.unit) == u
        )
    for unit, positions in units.items():
        log.group(
            Severity.INFO,
            f"gave the unit {unit!r} after the number",
            positions,
            f"read the number without the unit ({example_of(log, positions, shown)})",
        )
    if len(units) > 1:
        listed = ", ".join(f"{unit!r} ({cell_count(positions.size)})" for unit, positions in units.items())
        log.add(
            Severity.WARNING,
            f"this column gives values in different units: {listed}",
            action="read the numbers as written, without converting; give every value in one unit",
        )
