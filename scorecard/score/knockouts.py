"""Knock-outs (must-haves): who fails a rule, who lacks the data a rule needs, and why, in words."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np
import pandas as pd

from scorecard.config import Config, Criterion, Knockout, unit_suffix
from scorecard.score.methods import rejected_value
from scorecard.score.values import CriterionValues, answer_codes

Reasons = defaultdict[int, list[str]]  # supplier position -> why it is out; only those out have an entry


def add_reasons(reasons: Reasons, rows: np.ndarray, texts: Iterable[str]) -> None:
    """Append one reason to each of the given suppliers (rows and texts aligned)."""
    for i, why in zip(rows.tolist(), texts, strict=True):
        reasons[i].append(why)


def rule_failures(
    rule: Knockout, criterion: Criterion, column: pd.Series, v: CriterionValues, text: str
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(fails, no value, the reason of each failing supplier in row order) for one rule."""
    if rule.must_be:
        # compared on the cell's own text: an answer outside the points table is still an answer
        codes, distinct = answer_codes(column)
        allowed = {x.casefold() for x in rule.must_be}
        absent = np.array([s is None for s in distinct], dtype=bool)
        fails = np.array([s is not None and s.casefold() not in allowed for s in distinct], dtype=bool)
        why = np.array(
            [f"{text} (is {s})" if failing else "" for s, failing in zip(distinct, fails, strict=True)],
            dtype=object,
        )
        return fails[codes], absent[codes], why[codes[fails[codes]]].tolist()
    unit = unit_suffix(criterion.unit)
    limit_fails = v.numbers < rule.at_least if rule.at_least is not None else v.numbers > rule.at_most
    fails = ~v.missing & limit_fails
    return fails, v.missing, [f"{text} (is {x:g}{unit})" for x in v.numbers[fails].tolist()]


def unusable_cells(
    rows: np.ndarray, column: pd.Series, v: CriterionValues, criterion: Criterion
) -> list[str]:
    """What each of these suppliers has instead of a usable value: a rejected or unreadable value, or no data."""
    flagged = v.invalid[rows] | (v.rejected[rows] if v.rejected is not None else False)
    if not flagged.any():
        return ["no data"] * len(rows)
    cells = column.to_numpy(dtype=object)[rows]
    found = []
    for k, i in enumerate(rows.tolist()):
        if v.rejected is not None and v.rejected[i]:
            found.append(rejected_value(criterion, cells[k]))
        elif v.invalid[i]:
            found.append(f"unreadable value {cells[k]!s}")
        else:
            found.append("no data")
    return found


def knockout_reasons(
    knockouts: tuple[Knockout, ...], config: Config, table: pd.DataFrame, values: dict[str, CriterionValues]
) -> tuple[Reasons, np.ndarray, np.ndarray]:
    """Per supplier out, every must-have it fails, in words; who lacks data a rule needs; who fails a rule.

    Sparse on purpose: 10,000 empty lists cost more (allocation and garbage collection) than the scoring.
    """
    reasons: Reasons = defaultdict(list)
    for_missing = np.zeros(len(table), dtype=bool)
    failed = np.zeros(len(table), dtype=bool)
    for rule in knockouts:
        criterion = config.criterion(rule.criterion)
        text = rule.describe(criterion.label, unit_suffix(criterion.unit))
        column, v = table[rule.criterion], values[rule.criterion]
        fails, absent, why = rule_failures(rule, criterion, column, v, text)
        failed |= fails
        add_reasons(reasons, np.flatnonzero(fails), why)
        if rule.if_missing == "disqualify":
            rows = np.flatnonzero(absent)
            found = ["no data"] * len(rows) if rule.must_be else unusable_cells(rows, column, v, criterion)
            add_reasons(reasons, rows, (f"{text} ({what})" for what in found))
            for_missing |= absent
    return reasons, for_missing, failed
