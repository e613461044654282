"""The blank template: a supplier sheet with the settings' columns, and instructions for each column.

Built from a config, so the template always matches the preset a buyer uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from scorecard.config import MISSING_POLICIES, Config, Criterion
from scorecard.export import WorkbookWriter
from scorecard.report import ReportTable


def example_value(criterion: Criterion) -> object:
    """A plausible value in the unit the buyer would type."""
    method = criterion.method
    if method.kind == "categorical":
        return method.points[0][0]
    if method.kind == "linear":
        return round((method.worst + method.best) / 2, 1)
    if method.kind == "target":
        return method.target
    if method.kind == "steps":
        return method.steps[0].limit
    if criterion.kind == "money":
        return 125000
    if criterion.kind == "percent":
        return 97.5
    return 10


def instructions_frame(config: Config) -> pd.DataFrame:
    shares = config.counted_shares()
    rows = [
        (
            config.supplier_column,
            "The supplier's name, one row per supplier. Required.",
            "text",
            "Example Supplier Ltd",
            "Also found under: " + ", ".join(config.supplier_synonyms),
            "",
        )
    ]
    panel = config.section("panel") is not None
    for c in config.criteria:
        if panel and c.panel:
            continue
        also = ", ".join(c.synonyms)
        rows.append(
            (
                c.column,
                f"{c.label} ({c.category.replace('_', ' ')}). {c.description}".strip(),
                c.unit or c.kind,
                example_value(c),
                (f"Also found under: {also}. " if also else "")
                + c.method.describe(c.direction, c.unit)
                + f" A blank cell {MISSING_POLICIES[c.missing]}.",
                f"{shares[c.key]:.1%}",
            )
        )
    return pd.DataFrame(rows, columns=INSTRUCTION_COLUMNS)


INSTRUCTION_COLUMNS = ["Column", "What it is", "Unit", "Example", "How it is scored", "Weight"]
VALIDATED_ROWS = 2000  # rows of each data sheet that get the drop-down lists


def is_template_instructions(columns: Sequence[object]) -> bool:
    """Whether a sheet's header is our template's Instructions table: a filled-in template keeps that
    sheet, and it is documentation, not data, so reading it says nothing about it."""
    return [str(c).strip() for c in columns] == INSTRUCTION_COLUMNS


# the optional line-item sheets, headers only: an example row there would be read as a real bid
BID_COLUMNS = [
    "Supplier",
    "Item code",
    "Description",
    "Unit of measure",
    "Quantity",
    "Unit price",
    "Currency",
    "Lead time (days)",
    "Baseline price",
    "Incumbent",
]
BID_EXAMPLE = [
    "Example Supplier Ltd",
    "MC-1001",
    "Bracket, steel, laser cut",
    "each",
    12000,
    4.05,
    "EUR",
    28,
    4.10,
    "Example Incumbent GmbH",
]
FX_COLUMNS = ["Currency", "Rate"]
FX_EXAMPLE = ["USD", 0.92]


def choices_of(criterion: Criterion) -> list[str] | None:
    """The answers a yes/no or level column accepts (its categories), for a drop-down list."""
    if criterion.kind == "yes_no":
        return ["Yes", "No"]
    if criterion.method.kind == "categorical":
        return [label for label, _ in criterion.method.points]
    return None


def rating_range(criterion: Criterion) -> tuple[float, float] | None:
    """A rating scale's ends (a linear method on a 'rating ...' unit), for a number check."""
    if criterion.method.kind == "linear" and "rating" in criterion.unit.casefold():
        low, high = sorted((criterion.method.worst, criterion.method.best))
        return low, high
    return None


def add_drop_downs(sheet: Any, config: Config, columns: Sequence[str]) -> None:
    """Drop-down lists for yes/no and level columns, a number check for rating columns.

    A warning, not a stop: "n/a" and a blank stay possible (they mean no data), and
    a buyer pasting a supplier's own wording is told, not blocked.
    """
    by_column = {c.column: c for c in config.criteria}
    for index, name in enumerate(columns):
        criterion = by_column.get(name)
        if criterion is None:
            continue
        options = choices_of(criterion)
        scale = rating_range(criterion)
        if options:
            rule: dict[str, Any] = {
                "validate": "list",
                "source": options,
                "input_title": criterion.label[:32],
                "input_message": ("Pick one: " + ", ".join(options) + ". Blank or n/a: no data.")[:255],
            }
        elif scale:
            rule = {
                "validate": "decimal",
                "criteria": "between",
                "minimum": scale[0],
                "maximum": scale[1],
                "input_title": criterion.label[:32],
                "input_message": f"A rating from {scale[0]:g} to {scale[1]:g}. Blank: not rated."[:255],
            }
        else:
            continue
        sheet.data_validation(
            1,
            index,
            VALIDATED_ROWS,
            index,
            {
                **rule,
                "ignore_blank": True,
                "error_type": "warning",
                "error_title": "Not one of the expected answers",
                "error_message": (
                    f"{criterion.label}: Scorecard expects "
                    + (", ".join(options) if options else f"a number from {scale[0]:g} to {scale[1]:g}")
                    + ". Keep it anyway?"
                )[:255],
            },
        )


def add_rating_checks(sheet: Any, config: Config) -> None:
    """The Evaluations sheet: criteria from a list of the panel-rated ones, ratings on the panel's scale."""
    panel = config.section("panel")
    labels = [c.label for c in config.criteria if c.panel]
    criterion_at = EVALUATION_COLUMNS.index("Criterion")
    rating_at = EVALUATION_COLUMNS.index("Rating")
    sheet.data_validation(
        1,
        criterion_at,
        VALIDATED_ROWS,
        criterion_at,
        {
            "validate": "list",
            "source": labels,
            "error_type": "warning",
            "input_message": "Pick the criterion rated.",
        },
    )
    sheet.data_validation(
        1,
        rating_at,
        VALIDATED_ROWS,
        rating_at,
        {
            "validate": "decimal",
            "criteria": "between",
            "minimum": panel.scale_min,
            "maximum": panel.scale_max,
            "ignore_blank": True,
            "error_type": "warning",
            "input_title": "Rating",
            "input_message": f"{panel.scale_words()}. Blank: not rated."[:255],
            "error_message": f"Ratings are {panel.scale_min:g} to {panel.scale_max:g}. Keep it anyway?",
        },
    )


EVALUATION_COLUMNS = ["Evaluator", "Supplier", "Criterion", "Rating", "Comment"]


def evaluations_frame(config: Config) -> pd.DataFrame | None:
    """One example row per panel-rated criterion: shown on the Instructions sheet, never on the
    Evaluations sheet, so an untouched template holds no ratings to score."""
    panel = config.section("panel")
    rated = [c for c in config.criteria if c.panel]
    if panel is None or not rated:
        return None
    example = round((panel.scale_min + panel.scale_max) / 2)
    return pd.DataFrame(
        [("Your name", "Example Supplier Ltd", c.label, example, "What you saw (evidence)") for c in rated],
        columns=EVALUATION_COLUMNS,
    )


def evaluation_examples(evaluations: pd.DataFrame | None) -> tuple[str, ...]:
    """Example Evaluations rows as lines of text on the Instructions sheet (a table there would be read as data)."""
    if evaluations is None:
        return ()
    heading = "Evaluations sheet, one row per rating (" + " | ".join(EVALUATION_COLUMNS) + "), for example:"
    rows = tuple("  " + " | ".join(str(v) for v in row) for row in evaluations.itertuples(index=False))
    return (heading, *rows)


def build_template(config: Config) -> bytes:
    """Headers-only data sheets (Suppliers, Evaluations, Bids, FX rates) with drop-down lists, and an
    Instructions sheet with an example for every column: example values on the data sheets would be
    scored as a real supplier."""
    writer = WorkbookWriter()
    instructions = instructions_frame(config)
    columns = instructions["Column"].tolist()
    suppliers = writer.table(ReportTable("Suppliers", pd.DataFrame(columns=columns)))
    add_drop_downs(suppliers, config, columns)
    evaluations = evaluations_frame(config)
    panel = config.section("panel")
    if evaluations is not None:
        add_rating_checks(
            writer.table(ReportTable("Evaluations", pd.DataFrame(columns=EVALUATION_COLUMNS))), config
        )
    writer.table(ReportTable("Bids", pd.DataFrame(columns=BID_COLUMNS)))
    writer.table(ReportTable("FX rates", pd.DataFrame(columns=FX_COLUMNS)))
    panel_lines = (
        (
            f"Evaluations sheet (if a panel rates suppliers): one row per evaluator, supplier and criterion. "
            f"Ratings: {panel.scale_words()}. A blank rating means not rated, never zero.",
        )
        if evaluations is not None
        else ()
    )
    writer.table(
        ReportTable(
            "Instructions",
            instructions,
            intro=(
                f"Template for the settings: {config.name}. Add one row per supplier on the Suppliers sheet, "
                "under its headers; the Example column below shows what a row looks like.",
                "Column names may differ (see 'Also found under'); units in brackets are ignored when matching. "
                "Leave a cell blank, or write n/a, when there is no data: it is never read as 0.",
                "Percentages may be typed as 97.5, 97.5% or 0.975. Amounts may include a currency sign or code.",
                "Yes/no, level and rating columns offer a drop-down list; other answers are accepted with a warning.",
                *panel_lines,
                *evaluation_examples(evaluations),
                *example_lines(
                    "Bids sheet (optional: line items, when total cost comes from the bids), one row per supplier "
                    "and item",
                    BID_COLUMNS,
                    BID_EXAMPLE,
                ),
                *example_lines(
                    "FX rates sheet (optional: the value of 1 unit of each bid currency in your currency)",
                    FX_COLUMNS,
                    FX_EXAMPLE,
                ),
                "Leave the Bids and FX rates sheets empty (headers only) when the Suppliers sheet has the costs.",
            ),
        )
    )
    writer.book.close()
    return writer.buffer.getvalue()


def example_lines(what: str, columns: Sequence[str], example: Sequence[object]) -> tuple[str, str]:
    """An example row as text on the Instructions sheet (on its own sheet it would be read as data)."""
    return (f"{what} ({' | '.join(columns)}), for example:", "  " + " | ".join(str(v) for v in example))
