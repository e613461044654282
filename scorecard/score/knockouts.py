"""Knock-outs (must-haves): who fails a rule, who lacks the data a rule needs, and why, in words."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scorecard.config import Config, Criterion, Knockout, unit_suffix
from scorecard.score.methods import rejected_value
from scorecard.score.values import CriterionValues, answer_texts


def rule_failures(
    rule: Knockout, criterion: Criterion, column: pd.Series, v: CriterionValues
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(fails, no value, what each failing supplier has, as shown) for one rule."""
    if rule.must_be:
        # compared on the cell's own text: an answer outside the points table is still an answer
        shown = answer_texts(column)
        absent = np.array([s is None for s in shown], dtype=bool)
        allowed = {x.casefold() for x in rule.must_be}
        fails = np.array([s is not None and s.casefold() not in allowed for s in shown], dtype=bool)
        return fails, absent, shown
    unit = unit_suffix(criterion.unit)
    limit_fails = v.numbers < rule.at_least if rule.at_least is not None else v.numbers > rule.at_most
    fails = ~v.missing & limit_fails
    shown = np.full(len(column), None, dtype=object)
    shown[fails] = [f"{x:g}{unit}" for x in v.numbers[fails]]
    return fails, v.missing, shown


def no_data_reasons(
    rule: Knockout, criterion: Criterion, column: pd.Series, v: CriterionValues, absent: np.ndarray
) -> dict[int, str]:
    """What each supplier without a usable value for a 'no data disqualifies' rule has instead."""
    cells = column.to_numpy(dtype=object)
    found: dict[int, str] = {}
    for i in np.flatnonzero(absent).tolist():
        if not rule.must_be and v.rejected is not None and v.rejected[i]:
            found[i] = rejected_value(criterion, cells[i])
        elif not rule.must_be and v.invalid[i]:
            found[i] = f"unreadable value {cells[i]!s}"
        else:
            found[i] = "no data"
    return found


def knockout_reasons(
    knockouts: tuple[Knockout, ...], config: Config, table: pd.DataFrame, values: dict[str, CriterionValues]
) -> tuple[list[list[str]], np.ndarray, np.ndarray]:
    """Per supplier, every must-have it fails, in words; who lacks data a rule needs; who fails a rule."""
    reasons: list[list[str]] = [[] for _ in range(len(table))]
    for_missing = np.zeros(len(table), dtype=bool)
    failed = np.zeros(len(table), dtype=bool)
    for rule in knockouts:
        criterion = config.criterion(rule.criterion)
        text = rule.describe(criterion.label, unit_suffix(criterion.unit))
        column, v = table[rule.criterion], values[rule.criterion]
        fails, absent, shown = rule_failures(rule, criterion, column, v)
        failed |= fails
        for i in np.flatnonzero(fails):
            reasons[i].append(f"{text} (is {shown[i]})")
        if rule.if_missing == "disqualify":
            for i, found in no_data_reasons(rule, criterion, column, v, absent).items():
                reasons[i].append(f"{text} ({found})")
            for_missing |= absent
    return reasons, for_missing, failed
