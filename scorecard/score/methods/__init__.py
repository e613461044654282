"""Scoring methods: one unit per method behind a registry, and the rules every method shares.

Adding a method is one file in this package (a scoring function and `register(...)`),
imported below, plus its test; its settings (parameters, description) live in the
settings schema. Shared here: which numbers a method can score (its domain), the field
that sets a relative method's bar, and the 0-100 clip.
"""

from __future__ import annotations

import numpy as np

from scorecard.answers import answer_text
from scorecard.config import Criterion
from scorecard.score.methods import (  # noqa: F401 - each module registers its method
    categorical,
    linear,
    log_ratio,
    min_max,
    ratio_to_best,
    steps,
    target,
)
from scorecard.score.methods.registry import METHODS, Domain, ScoringMethod, method_of, register
from scorecard.score.notes import Note, NoteKind
from scorecard.score.values import CriterionValues

# the methods whose bar is set by the field (the qualified suppliers), not by the settings alone
RELATIVE_METHODS: frozenset[str] = frozenset(kind for kind, method in METHODS.items() if method.relative)

__all__ = [
    "METHODS",
    "RELATIVE_METHODS",
    "Domain",
    "ScoringMethod",
    "clip_scores",
    "domain_problem",
    "method_scores",
    "out_of_domain",
    "raw_scores",
    "register",
    "rejected_value",
    "usable_values",
]


def method_name(criterion: Criterion) -> str:
    """The method as a buyer reads it in a sentence ('ratio to best')."""
    return criterion.method.kind.replace("_", " ")


def out_of_domain(criterion: Criterion, v: CriterionValues) -> np.ndarray:
    """Numbers the criterion's method cannot score (see `Domain`): a ratio needs a positive value to divide by."""
    domain = method_of(criterion).domain(criterion)
    if domain is None:
        return np.zeros(len(v.numbers), dtype=bool)
    return ~v.missing & domain.rejects(v.numbers)


def domain_problem(criterion: Criterion) -> str:
    """Why a number outside the method's domain cannot be scored, in the buyer's words."""
    if method_of(criterion).domain(criterion) is Domain.ABOVE_ZERO:
        return f"0 or below cannot be scored by {method_name(criterion)}: a value must be above 0 (the method divides by it)"
    return f"below 0 cannot be scored by {method_name(criterion)}: a value must be 0 or more (scores are a share of the best)"


def rejected_value(criterion: Criterion, value: object) -> str:
    """What is wrong with one out-of-domain cell, e.g. '0 cannot be scored by ratio to best (a value must be above 0)'."""
    try:
        shown = f"{float(value):g}"  # type: ignore[arg-type]
    except (TypeError, ValueError):
        shown = answer_text(value) or "the value"
    domain = method_of(criterion).domain(criterion) or Domain.ZERO_OR_MORE
    return f"{shown} cannot be scored by {method_name(criterion)} (a value must be {domain.value})"


def usable_values(criterion: Criterion, v: CriterionValues) -> tuple[CriterionValues, list[str]]:
    """The values with out-of-domain numbers turned into flagged, unreadable values (and a note saying so).

    Done before knock-outs, so that a rejected value is treated exactly like any
    other unusable one: by the criterion's missing policy and the knock-out's `if_missing`.
    """
    rejected = out_of_domain(criterion, v)
    if not rejected.any():
        return v, []
    numbers = np.where(rejected, np.nan, v.numbers)
    flagged = CriterionValues(numbers, v.labels, v.missing | rejected, v.invalid | rejected, rejected)
    return flagged, [Note(NoteKind.OUT_OF_DOMAIN, criterion)]


def bar_setters(
    criterion: Criterion, usable: np.ndarray, reference: np.ndarray
) -> tuple[np.ndarray | None, list[str]]:
    """The suppliers whose values set a relative method's bar: the qualified ones with a usable value.

    If none of them has one, every supplier with a usable value sets it, so that a
    disqualified supplier's value is still shown scored rather than flagged as missing;
    None when nobody has a usable value at all.
    """
    field = reference & usable
    if field.any():
        return field, []
    if not usable.any():
        return None, [Note(NoteKind.NOBODY_USABLE, criterion)]
    return usable, [Note(NoteKind.DISQUALIFIED_SET_THE_BAR, criterion)]


def raw_scores(
    criterion: Criterion, v: CriterionValues, reference: np.ndarray
) -> tuple[np.ndarray, list[Note]]:
    """One criterion's scores as its method gives them, before the 0-100 clip (see `method_scores`):
    all NaN when nobody has a usable value to set a relative method's bar."""
    method = method_of(criterion)
    usable = ~v.missing
    notes: list[Note] = []
    field: np.ndarray | None = reference & usable
    if method.relative:
        field, notes = bar_setters(criterion, usable, reference)
        if field is None:
            return np.full(len(v.numbers), np.nan), notes
    # Cells may hold any finite float (1e308 too): overflow to inf is clipped to 0 or 100 below.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        raw, method_notes = method.scores(criterion, v.numbers, field)
    # a registered method may note in its own words; the built-in ones return typed notes
    return raw, notes + [
        note if isinstance(note, Note) else Note(NoteKind.METHOD, criterion, text=str(note))
        for note in method_notes
    ]


def clip_scores(scores: np.ndarray, missing: np.ndarray, criteria: tuple[Criterion, ...]) -> None:
    """Clip raw scores to 0-100 in place: one criterion's row, or a (criterion, supplier) array at once.

    Suppliers outside the qualified field's range (e.g. a disqualified bid below the lowest
    qualified price) are clipped rather than scoring above the best. A usable value that
    scored NaN is a method's bug, never a gap to fill: it is raised, naming the criterion.
    """
    np.clip(scores, 0.0, 100.0, out=scores)
    wrong = np.isnan(scores)
    wrong &= ~missing
    if wrong.any():
        criterion = criteria[int(np.flatnonzero(wrong.any(axis=-1))[0]) if wrong.ndim > 1 else 0]
        raise ValueError(f"{criterion.label}: a usable value scored NaN ({criterion.method.kind})")


def method_scores(
    criterion: Criterion, v: CriterionValues, reference: np.ndarray
) -> tuple[np.ndarray, list[Note]]:
    """0-100 scores for one criterion (NaN where there is no usable value) and notes.

    `v` has already been through `usable_values`, so out-of-domain numbers are
    flagged missing and invalid there, once. `reference` marks the suppliers whose
    values may set the bar for relative methods (the qualified ones, see `bar_setters`).
    The engine scores all criteria as one array (`raw_scores` per row, then one clip).
    """
    raw, notes = raw_scores(criterion, v, reference)
    scores = np.array(raw, dtype=float)  # a copy: a method may hand back its input
    clip_scores(scores, v.missing, (criterion,))
    np.copyto(scores, np.nan, where=v.missing)
    return scores, notes
