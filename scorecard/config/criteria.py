"""Parsing a criterion: its scoring method (one small parser per method), value kind and must-haves.

A method's parameters are checked against the criterion's direction here, once, so that the engine
never meets a linear scale whose best end is its worst or a staircase where a better value scores less.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping

from scorecard.config.schema import Criterion, Knockout, Method, Step
from scorecard.config.section import Section
from scorecard.config.vocabulary import (
    CURRENCY_UNITS,
    DIRECTIONS,
    MAX_NAME_LENGTH,
    MAX_WEIGHT,
    METHOD_KINDS,
    MISSING_POLICIES,
    VALUE_KINDS,
)

CRITERION_KEYS = (
    "key",
    "label",
    "column",
    "synonyms",
    "unit",
    "kind",
    "direction",
    "weight",
    "method",
    "missing",
    "panel",
    "description",
)


def parse_method(section: Section, direction: str) -> Method:
    """The scoring method of a criterion; `direction` decides which end of a linear scale or step is best."""
    raw = section.values.get("method")
    if raw is None:
        raise section.fail("method", f"is missing. Choose one of: {', '.join(METHOD_KINDS)}.")
    if isinstance(raw, str):
        raw = {"type": raw}
    if not isinstance(raw, Mapping):
        raise section.fail(
            "method", "should be a method name (e.g. min_max) or a group with `type:` and its settings."
        )
    m = Section(raw, f"{section.path}.method", section.source)
    kind = m.choice("type", METHOD_KINDS)
    return METHOD_PARSERS[kind](m, direction)


def parse_relative(m: Section, direction: str) -> Method:
    """min_max and ratio_to_best take no parameters: the suppliers' own values set the scale."""
    m.check_keys(["type"])
    return Method(m.text("type"))


def parse_linear(m: Section, direction: str) -> Method:
    m.check_keys(["type", "worst", "best"])
    worst, best = m.number("worst"), m.number("best")
    if worst == best:
        raise m.fail("best", "must differ from `worst`, otherwise no value can be placed between them.")
    if (best > worst) != (direction == "higher"):
        raise m.fail(
            "best",
            f"is {best:g} and `worst` is {worst:g}, but the criterion says {direction} is better. "
            "Swap them or change `direction`.",
        )
    return Method("linear", worst=worst, best=best)


def parse_target(m: Section, direction: str) -> Method:
    m.check_keys(["type", "target", "tolerance"])
    return Method("target", target=m.number("target"), tolerance=m.number("tolerance", minimum=1e-12))


def parse_steps(m: Section, direction: str) -> Method:
    m.check_keys(["type", "steps", "otherwise"])
    steps = []
    word = "at_least" if direction == "higher" else "at_most"
    for s in m.sections("steps"):
        s.check_keys([word, "score"])
        steps.append(Step(s.number(word), s.number("score", minimum=0, maximum=100)))
    if not steps:
        raise m.fail("steps", f"needs at least one step, e.g. - {{{word}: 98, score: 100}}.")
    steps.sort(key=lambda s: s.limit, reverse=direction == "higher")
    limits = [s.limit for s in steps]
    if len(set(limits)) != len(limits):
        raise m.fail("steps", f"use the same `{word}` value twice; give each step its own limit.")
    otherwise = m.number("otherwise", 0.0, minimum=0, maximum=100)
    # a better value must never score less: the steps are a staircase, not a lottery
    for better, worse in itertools.pairwise([*steps, Step(math.nan, otherwise)]):
        if better.points < worse.points:
            where = f"{word} {worse.limit:g}" if not math.isnan(worse.limit) else "otherwise"
            raise m.fail(
                "steps",
                f"give {better.points:g} points at {word} {better.limit:g} but {worse.points:g} at {where}, "
                f"so a better value would score less. Make the points fall as the values get worse.",
            )
    return Method("steps", steps=tuple(steps), otherwise=otherwise)


def parse_categorical(m: Section, direction: str) -> Method:
    m.check_keys(["type", "points"])
    points_raw = m.values.get("points")
    if not isinstance(points_raw, Mapping) or not points_raw:
        raise m.fail(
            "points", "should list each category with its points, e.g. {Low: 100, Medium: 50, High: 0}."
        )
    points_section = Section(points_raw, f"{m.path}.points", m.source)
    points = []
    for label, value in points_raw.items():
        name = yes_no_label(label) if isinstance(label, bool) else str(label).strip()
        points.append((name, points_section.check_number(str(label), value, minimum=0, maximum=100)))
    seen = [p[0].casefold() for p in points]
    if len(set(seen)) != len(seen):
        raise m.fail("points", "lists the same category twice (names are compared ignoring case).")
    return Method("categorical", points=tuple(points))


def parse_log_ratio(m: Section, direction: str) -> Method:
    m.check_keys(["type", "a"])
    if direction != "lower":
        raise m.fail("type", "log_ratio is a price formula and needs `direction: lower`.")
    return Method("log_ratio", log_base=m.number("a", 2.0, minimum=1.0001))


# one parser per method in METHOD_KINDS
METHOD_PARSERS: dict[str, Callable[[Section, str], Method]] = {
    "min_max": parse_relative,
    "ratio_to_best": parse_relative,
    "linear": parse_linear,
    "target": parse_target,
    "steps": parse_steps,
    "categorical": parse_categorical,
    "log_ratio": parse_log_ratio,
}


def yes_no_label(value: bool) -> str:
    """YAML reads `Yes:` as true; the buyer meant the word."""
    return "Yes" if value else "No"


def infer_kind(unit: str, method: Method) -> str:
    """The value kind a criterion holds when its settings do not say: from its method and unit."""
    if method.kind == "categorical":
        labels = {label.casefold() for label, _ in method.points}
        return "yes_no" if labels <= {"yes", "no"} else "text"
    if unit == "%":
        return "percent"
    if unit.upper() in CURRENCY_UNITS:
        return "money"
    return "number"


def parse_criterion(section: Section, category: str) -> Criterion:
    section.check_keys(CRITERION_KEYS)
    key = section.text("key", max_length=MAX_NAME_LENGTH)
    if not key.replace("_", "").isalnum():
        raise section.fail(
            "key", f"is {key!r}; use letters, digits and underscores only (e.g. on_time_delivery)."
        )
    label = section.text("label", key.replace("_", " ").capitalize(), max_length=MAX_NAME_LENGTH)
    direction = section.choice("direction", DIRECTIONS, "higher")
    unit = section.text("unit", "")
    method = parse_method(section, direction)
    kind = section.choice("kind", VALUE_KINDS, infer_kind(unit, method))
    if method.kind == "categorical" and kind not in ("text", "yes_no"):
        raise section.fail(
            "kind", f"is {kind}, but a categorical method scores text labels; use kind: text or yes_no."
        )
    if method.kind != "categorical" and kind in ("text", "yes_no", "date"):
        raise section.fail(
            "kind", f"is {kind}, but method {method.kind} needs numbers; use the categorical method."
        )
    return Criterion(
        key=key,
        label=label,
        category=category,
        column=section.text("column", label, max_length=MAX_NAME_LENGTH),
        synonyms=section.text_list("synonyms"),
        unit=unit,
        kind=kind,
        direction=direction,
        weight=section.number("weight", minimum=0, maximum=MAX_WEIGHT),
        method=method,
        missing=section.choice("missing", MISSING_POLICIES, "worst"),
        panel=section.flag("panel", False),
        description=section.text("description", ""),
    )


def parse_knockout(section: Section, criteria: Mapping[str, Criterion]) -> Knockout:
    section.check_keys(["criterion", "must_be", "at_least", "at_most", "if_missing"])
    key = section.text("criterion")
    if key not in criteria:
        raise section.fail(
            "criterion",
            f"is {key!r}, which is not a criterion key in this config. Known: {', '.join(criteria)}.",
        )
    rules = [k for k in ("must_be", "at_least", "at_most") if section.has(k)]
    if len(rules) != 1:
        raise section.fail(None, "needs exactly one rule: must_be, at_least or at_most.")
    if_missing = section.choice("if_missing", ["disqualify", "pass"], "disqualify")
    criterion = criteria[key]
    if rules[0] == "must_be":
        return Knockout(key, must_be=must_be_labels(section, criterion), if_missing=if_missing)
    if criterion.kind in ("text", "yes_no"):
        raise section.fail(rules[0], f"compares numbers, but {criterion.label} holds text; use must_be.")
    if rules[0] == "at_least":
        return Knockout(key, at_least=section.number("at_least"), if_missing=if_missing)
    return Knockout(key, at_most=section.number("at_most"), if_missing=if_missing)


def must_be_labels(section: Section, criterion: Criterion) -> tuple[str, ...]:
    """The answers a must-have accepts; only a text or yes/no criterion has answers to compare."""
    raw = section.values["must_be"]
    values = raw if isinstance(raw, list) else [raw]
    if not values or any(isinstance(v, (Mapping, list)) or v is None for v in values):
        raise section.fail(
            "must_be", 'should be an answer or a list of answers, e.g. "Yes" or [Gold, Platinum].'
        )
    labels = tuple(yes_no_label(v) if isinstance(v, bool) else str(v).strip() for v in values)
    if criterion.kind not in ("text", "yes_no"):
        raise section.fail(
            "must_be", f"compares text, but {criterion.label} holds numbers; use at_least or at_most."
        )
    return labels
