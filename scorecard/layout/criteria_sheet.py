"""A criteria sheet in the workbook: `criterion, weight, direction` sets how the score table is scored.

Small teams keep a row per vendor with snake_case or title-case columns
(`on_time_delivery`, `Unit Price`) and a separate `criteria` sheet listing each
criterion with its weight and which way is better. That sheet is the settings:
each criterion is matched to its column of the score table by the one header
rule, scored min-max across the suppliers (its best value 100, its worst 0) in
the stated direction, with the stated weight. Unless the buyer chose a preset
explicitly (see `derive.choose_config`), those are the settings used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from scorecard.config import CATEGORIES, Config
from scorecard.errors import Finding, Severity
from scorecard.layout import LayoutContext, Role, SheetLayout, WorkbookLayout
from scorecard.layout.matrix_cells import SUPPLIER_WORDS, number
from scorecard.layout.own_settings import DerivedCriterion, settings_from
from scorecard.layout.registry import register
from scorecard.names import HeaderKeys, first_header, header_key
from scorecard.read import Sheet, Workbook

CRITERION = (
    "criterion",
    "criteria",
    "criterion name",
    "name",
    "metric",
    "kpi",
    "factor",
    "measure",
    "attribute",
)
WEIGHT = (
    "weight",
    "weights",
    "weighting",
    "importance",
    "points",
    "weight pct",
    "weight percent",
)
DIRECTION = (
    "direction",
    "better",
    "better if",
    "goal",
    "objective",
    "optimise",
    "optimize",
    "sense",
    "higher is better",
    "polarity",
    "type",
)
CATEGORY = ("category", "group", "area", "pillar")
RATERS = ("evaluator", "assessor", "rater", "scorer")
COLUMN = ("column", "field", "header", "column name", "data column")
NAMED_FOR_CRITERIA = re.compile(r"criteri|weight|scoring|settings|config|model", re.IGNORECASE)
HIGHER = {
    "higher",
    "high",
    "max",
    "maximise",
    "maximize",
    "maximum",
    "benefit",
    "more",
    "up",
    "+",
    "asc",
    "yes",
    "true",
    "higher is better",
    "more is better",
    "larger",
    "bigger",
}
LOWER = {
    "lower",
    "low",
    "min",
    "minimise",
    "minimize",
    "minimum",
    "cost",
    "less",
    "down",
    "-",
    "desc",
    "no",
    "false",
    "lower is better",
    "less is better",
    "smaller",
}
CATEGORY_NAMES = {header_key(v): k for k, v in CATEGORIES.items()} | {
    "commercial": "cost",
    "price": "cost",
    "srm": "srm_fit",
    "relationship": "srm_fit",
    "esg": "sustainability",
    "technical": "quality",
    "delivery": "quality",
}
MAX_CRITERIA = 60


@dataclass(frozen=True)
class CriteriaColumns:
    criterion: str
    weight: str
    direction: str | None
    category: str | None
    column: str | None


def criteria_columns(sheet: Sheet) -> CriteriaColumns | None:
    """The criterion and weight columns (direction, category and column when present), or None."""
    if sheet.is_empty or len(sheet.table) > MAX_CRITERIA:
        return None
    headers = HeaderKeys(sheet.columns)
    criterion, weight = headers.first(CRITERION), headers.first(WEIGHT)
    if criterion is None or weight is None:
        return None
    if headers.first(RATERS, like=SUPPLIER_WORDS) is not None:
        return None  # ratings of suppliers (an evaluations sheet), which has Criterion and Weight too
    found = CriteriaColumns(
        criterion, weight, headers.first(DIRECTION), headers.first(CATEGORY), headers.first(COLUMN)
    )
    if has_score_columns(sheet, {v for v in vars(found).values() if v}):
        return None
    if found.direction is None and not NAMED_FOR_CRITERIA.search(sheet.name):
        return None  # 'Criterion, Weight' alone is a criteria sheet only when the sheet is named so
    if sum(number(v) is not None for v in sheet.table[weight]) < 1:
        return None
    return found


def has_score_columns(sheet: Sheet, known: set[str]) -> bool:
    """A matrix also has Criterion and Weight, then a score column per supplier: numbers in a column other
    than the criteria sheet's own mean scores."""
    return any(
        sum(number(v) is not None for v in sheet.table[header]) >= 2
        for header in sheet.columns
        if header not in known
    )


def detect_criteria_sheet(sheet: Sheet, context: LayoutContext) -> SheetLayout | None:
    """The layout detector: a small table of criteria with their weights (and directions)."""
    found = criteria_columns(sheet)
    if found is None:
        return None
    columns = tuple((role, h) for role, h in vars(found).items() if h)
    return SheetLayout.of_table(
        sheet,
        Role.CRITERIA,
        columns=columns,
        note=f"{len(sheet.table)} criteria with their weights",
    )


register(Role.CRITERIA, detect_criteria_sheet, priority=85)


def direction_of(value: object) -> str | None:
    if value is None:
        return None
    return (
        "higher"
        if str(value).strip().casefold() in HIGHER
        else ("lower" if str(value).strip().casefold() in LOWER else None)
    )


def from_criteria_sheet(
    workbook: Workbook, layout: WorkbookLayout
) -> tuple[Config | None, str, list[Finding]] | None:
    """The settings a criteria sheet gives the workbook's score table (None when it names no usable column),
    with what was noticed; None when the workbook has no criteria sheet and score table."""
    criteria_layout = layout.first(Role.CRITERIA)
    scores_layout = layout.first(Role.SUPPLIERS)
    if criteria_layout is None or scores_layout is None:
        return None
    sheet = workbook.sheet(criteria_layout.sheet)
    scores = workbook.sheet(scores_layout.sheet)
    found = criteria_columns(sheet)
    if found is None:
        return None
    findings: list[Finding] = []
    criteria: list[DerivedCriterion] = []
    for row, values in sheet.table.iterrows():
        criterion = criterion_of(values, int(row), found, sheet.name, scores, findings)
        if criterion is not None:
            criteria.append(criterion)
    if not criteria or not any(c.weight > 0 for c in criteria):
        findings.append(
            Finding(
                Severity.WARNING,
                f'The criteria sheet names no column of sheet "{scores.name}" with a weight, so it is not used.',
                sheet=sheet.name,
                action="scored without it",
            )
        )
        return None, "", findings
    source = f'the criteria sheet "{sheet.name}" (for sheet "{scores.name}")'
    config = settings_from(
        criteria,
        name=f"From your file: {workbook.filename}",
        description=f"Criteria, weights and directions from {source} of {workbook.filename}; "
        "each scored min-max across the suppliers.",
    )
    findings.append(
        Finding(
            Severity.INFO,
            f"The criteria, weights and directions were read from {source}: "
            + ", ".join(f"{c.label} ({c.direction} is better)" for c in config.criteria)
            + ".",
            sheet=sheet.name,
            action="used as the settings (a preset chosen explicitly would win)",
        )
    )
    return config, source, findings


def criterion_of(
    values: pd.Series, row: int, found: CriteriaColumns, sheet: str, scores: Sheet, findings: list[Finding]
) -> DerivedCriterion | None:
    """One row of the criteria sheet as a criterion on its column of the score table (None for a blank row
    or a criterion with no column there, said in a finding); a weight or direction that cannot be read is
    said, and counts 0 / higher is better."""
    name = values[found.criterion]
    if name is None or not str(name).strip():
        return None
    name = str(name).strip()
    wanted = values[found.column] if found.column and values[found.column] is not None else name
    column = first_header(scores.columns, [str(wanted)])
    where = {"sheet": sheet, "row": row}
    if column is None:
        findings.append(
            Finding(
                Severity.WARNING,
                f'Criterion {name!r} has no column on sheet "{scores.name}", so it is left out of the scoring.',
                **where,
                column=found.criterion,
                value=name,
                action=f'name a column of "{scores.name}" exactly like the criterion',
            )
        )
        return None
    category = None
    if found.category and values[found.category] is not None:
        category = CATEGORY_NAMES.get(header_key(str(values[found.category])))
    kind, method = column_kind(scores.table[column])
    return DerivedCriterion(
        label=readable(name),
        column=column,
        weight=weight_of(values, found, name, where, findings),
        direction=direction_or_higher(values, found, name, where, findings),
        method=method,
        kind=kind,
        category=category,
    )


def weight_of(
    values: pd.Series, found: CriteriaColumns, name: str, where: dict, findings: list[Finding]
) -> float:
    """The criterion's weight; one that cannot be read (or is below 0) counts 0, said in a finding."""
    weight = number(values[found.weight])
    if weight is not None and weight >= 0:
        return weight
    findings.append(
        Finding(
            Severity.WARNING,
            f"Criterion {name!r} has no weight that can be read, so it counts 0.",
            **where,
            column=found.weight,
            value=None if values[found.weight] is None else str(values[found.weight]),
            action="give it a number (e.g. 25 or 25%)",
        )
    )
    return 0.0


def direction_or_higher(
    values: pd.Series, found: CriteriaColumns, name: str, where: dict, findings: list[Finding]
) -> str:
    """Whether higher or lower is better, as the sheet says; higher when it does not say, in a finding."""
    direction = direction_of(values[found.direction]) if found.direction else None
    if direction is not None:
        return direction
    stated = None if not found.direction else values[found.direction]
    findings.append(
        Finding(
            Severity.WARNING,
            f"Criterion {name!r} does not say whether higher or lower is better; higher is assumed.",
            **where,
            column=found.direction,
            value=None if stated is None else str(stated),
            action="write higher or lower in the direction column",
        )
    )
    return "higher"


def column_kind(values: pd.Series) -> tuple[str | None, object]:
    """Yes/no columns score Yes 100, No 0; anything else is scored min-max as a number."""
    texts = {str(v).strip().casefold() for v in values if isinstance(v, str) and str(v).strip()}
    if texts and texts <= {"yes", "no", "y", "n"}:
        return "yes_no", {"type": "categorical", "points": {"Yes": 100, "No": 0}}
    return "number", "min_max"


def readable(name: str) -> str:
    """'on_time_delivery' -> 'On time delivery': snake_case names read as words; other names stay as typed."""
    if "_" in name and " " not in name:
        words = name.replace("_", " ").strip()
        return words[:1].upper() + words[1:]
    return name
