"""The evaluator panel as a buyer reads it: the Evaluations sheet and the disagreements to moderate."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from scorecard.panel.settings import CONSENSUS_METHODS, EPSILON
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
        intro=tuple(panel_method_lines(result)),
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


def panel_method_lines(result: PanelResult) -> list[str]:
    """The panel's rules in words: the Evaluations sheet's introduction and the app."""
    s = result.settings
    labels = ", ".join(c.label for c in result.criteria)
    lines = [
        f"Evaluator panel: {len(result.evaluators)} evaluators ({', '.join(result.evaluators) or 'none'}) "
        f'rated {labels} on sheet "{result.sheet}" ({result.shape} shape).',
        f"Rating scale: {s.scale_words()}. A blank rating means not rated, never "
        f"{s.scale_min:g}; ratings outside the scale are not used and are reported.",
    ]
    weighted = bool(s.evaluator_weights)
    what = ("weighted " if weighted else "") + CONSENSUS_METHODS[s.consensus]
    if s.consensus == "trimmed_mean":
        what += (
            f": the lowest and highest {s.trim_share:.0%} of the ratings for each supplier and criterion "
            f"(rounded down, e.g. {math.floor(5 * s.trim_share + EPSILON)} of 5, "
            f"{math.floor(3 * s.trim_share + EPSILON)} of 3) are set aside and the rest averaged"
        )
    elif s.consensus == "median" and weighted:
        what += ": the rating at which half the evaluators' total weight is reached"
    lines.append(f"Consensus per supplier and criterion: the {what}.")
    if weighted:
        listed = ", ".join(f"{name} {w:g}" for name, w in s.evaluator_weights)
        lines.append(f"Evaluator weights: {listed}; anyone not listed counts 1.")
    lines.append(
        f"Disagreement: where the highest and lowest rating of a supplier on a criterion are "
        f"{s.disagreement_range:g} or more apart, the pair is flagged for the panel to moderate "
        f"({result.flagged_count} flagged)."
    )
    if result.moderated_count:
        lines.append(
            f"Moderated: {result.moderated_count} supplier and criterion pairs use the rating the panel "
            "agreed after discussion (with its reason) instead of the calculated consensus; the "
            "original ratings and the consensus before moderation are kept beside it."
        )
    lines.append(
        "Consensus ratings are the values of the panel-rated criteria; a supplier nobody rated on a "
        "criterion has no value there, and that criterion's missing-value policy applies."
    )
    return lines
