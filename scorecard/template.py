"""The blank template: a supplier sheet with the settings' columns, and instructions for each column.

Built from a config, so the template always matches the preset a buyer uses.
"""

from __future__ import annotations

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
    shares = config.effective_weights()
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
                + f" Blank: the supplier {MISSING_POLICIES[c.missing]}.",
                f"{shares[c.key]:.1%}",
            )
        )
    return pd.DataFrame(
        rows, columns=["Column", "What it is", "Unit", "Example", "How it is scored", "Weight"]
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
    """Headers-only Suppliers (and Evaluations) sheets, and an Instructions sheet with an example for
    every column: example values on the data sheets would be scored as a real supplier."""
    writer = WorkbookWriter()
    instructions = instructions_frame(config)
    writer.table(ReportTable("Suppliers", pd.DataFrame(columns=instructions["Column"].tolist())))
    evaluations = evaluations_frame(config)
    if evaluations is not None:
        panel = config.section("panel")
        writer.table(
            ReportTable(
                "Evaluations",
                pd.DataFrame(columns=EVALUATION_COLUMNS),
                intro=(
                    f"One row per evaluator, supplier and criterion. Ratings: {panel.scale_words()}. A blank rating means not rated, never zero.",
                ),
            )
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
                *evaluation_examples(evaluations),
            ),
        )
    )
    writer.book.close()
    return writer.buffer.getvalue()
