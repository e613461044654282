"""The evaluator panel as a buyer reads it: the Evaluations sheet and the disagreements to moderate."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from scorecard.report import ReportTable

if TYPE_CHECKING:
    from scorecard.panel.result import PanelResult


def panel_tables(result: PanelResult) -> list[ReportTable]:
    """The `Evaluations` sheet (consensus, spread, count, flags) and the disagreements to moderate."""
    return [evaluations_table(result), disagreements_table(result)]


def evaluations_table(result: PanelResult) -> ReportTable:
    """One row per supplier and criterion, with each evaluator's rating beside the consensus."""
    labels = {c.key: c.label for c in result.criteria}
    s = result.summary
    frame = pd.DataFrame(
        {
            "Supplier": s["supplier"].astype(object),
            "Criterion": s["criterion"].map(labels).astype(object),
            "Consensus": s["consensus"].astype(float),
            "Ratings": s["count"].astype(int),
            "Lowest": s["min"].astype(float),
            "Highest": s["max"].astype(float),
            "Spread": s["spread"].astype(float),
            "To moderate": np.where(
                s["moderated"].notna(), "Moderated", np.where(s["flagged"], "Yes", "")
            ).astype(object),
            "Moderated rating": s["moderated"].astype(float),
            "Reason for the moderated rating": s["reason"].astype(object),
            "Consensus before moderation": s["panel_consensus"].astype(float),
        }
    ).reset_index(drop=True)
    formats: list[tuple[str, Any]] = [
        ("Consensus", "number"),
        ("Ratings", "integer"),
        ("Lowest", "number"),
        ("Highest", "number"),
        ("Spread", "number"),
        ("Moderated rating", "number"),
        ("Consensus before moderation", "number"),
    ]
    if not result.ratings.empty:
        wide = result.ratings.pivot_table(
            index=["supplier", "criterion"],
            columns="evaluator",
            values="rating",
            aggfunc="first",
            sort=False,
        )
        keys = pd.MultiIndex.from_arrays([s["supplier"], s["criterion"]])
        for evaluator in result.evaluators:
            column = f"Rating: {evaluator}"
            frame[column] = wide[evaluator].reindex(keys).to_numpy(dtype=float)
            formats.append((column, "number"))
    highlight = pd.DataFrame(False, index=frame.index, columns=frame.columns)
    flagged = s["flagged"].to_numpy(dtype=bool)
    highlight["Spread"] = flagged
    highlight["To moderate"] = flagged
    return ReportTable(
        "Evaluations",
        frame,
        intro=tuple(result.method_lines()),
        formats=tuple(formats),
        highlight=highlight,
    )


def disagreements_table(result: PanelResult) -> ReportTable:
    """Every rating of each pair the panel should moderate, with what was agreed so far."""
    labels = {c.key: c.label for c in result.criteria}
    d = result.disagreements
    to_moderate = pd.DataFrame(
        {
            "Supplier": d["supplier"].astype(object),
            "Criterion": d["criterion"].map(labels).astype(object),
            "Consensus": d["consensus"].astype(float),
            "Spread": d["spread"].astype(float),
            "Evaluator": d["evaluator"].astype(object),
            "Rating": d["rating"].astype(float),
            "Meaning": d["rating"].map(lambda r: result.settings.descriptor(r) or "").astype(object),
            "Comment": d["comment"].astype(object),
            "Sheet row": d["row"].astype(object),
            "Moderated rating": d["moderated"].astype(float),
            "Reason for the moderated rating": d["reason"].astype(object),
        }
    ).reset_index(drop=True)
    if result.flagged_count:
        pairs = (
            "1 supplier and criterion pair has"
            if result.flagged_count == 1
            else (f"{result.flagged_count} supplier and criterion pairs have")
        )
        intro = (
            f"{pairs} ratings {result.settings.disagreement_range:g} or more apart. Discuss them, "
            "agree a rating, and record it with the reason in the app (Evaluator panel tab); "
            f"{result.moderated_count} recorded so far. The settings file keeps them.",
        )
    else:
        intro = ("No ratings are far enough apart to need moderation.",)
    return ReportTable(
        "Disagreements to moderate",
        to_moderate,
        intro=intro,
        formats=(
            ("Consensus", "number"),
            ("Spread", "number"),
            ("Rating", "number"),
            ("Moderated rating", "number"),
        ),
    )
