"""The panel's result: the consensus with the record of how it was reached, and the tables a buyer reads."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from scorecard.config import Criterion
from scorecard.errors import Finding
from scorecard.panel.settings import CONSENSUS_METHODS, EPSILON, PanelSettings
from scorecard.report import ReportTable


@dataclass(frozen=True)
class PanelResult:
    """The panel's consensus per supplier and criterion, with the record of how it was reached.

    `consensus`: index supplier, columns panel criterion keys, NaN where nobody rated.
    `ratings`: one row per rating used (evaluator, supplier, criterion, rating, comment, row).
    `summary`: one row per supplier and criterion: consensus, count, min, max, spread, flagged.
    `disagreements`: one row per rating of each flagged pair, widest spread first.
    """

    settings: PanelSettings
    criteria: tuple[Criterion, ...]
    suppliers: tuple[str, ...]
    evaluators: tuple[str, ...]
    sheet: str
    shape: str
    consensus: pd.DataFrame
    ratings: pd.DataFrame
    summary: pd.DataFrame
    disagreements: pd.DataFrame
    findings: tuple[Finding, ...] = field(default=())

    @property
    def flagged_count(self) -> int:
        return int(self.summary["flagged"].sum())

    @property
    def moderated_count(self) -> int:
        return int(self.summary["moderated"].notna().sum())

    def method_lines(self) -> list[str]:
        """The panel's rules in words, for the workbook's Method sheet and the app."""
        s = self.settings
        labels = ", ".join(c.label for c in self.criteria)
        lines = [
            f"Evaluator panel: {len(self.evaluators)} evaluators ({', '.join(self.evaluators) or 'none'}) "
            f'rated {labels} on sheet "{self.sheet}" ({self.shape} shape).',
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
            f"({self.flagged_count} flagged)."
        )
        if self.moderated_count:
            lines.append(
                f"Moderated: {self.moderated_count} supplier and criterion pairs use the rating the panel "
                "agreed after discussion (with its reason) instead of the calculated consensus; the "
                "original ratings and the consensus before moderation are kept beside it."
            )
        lines.append(
            "Consensus ratings are the values of the panel-rated criteria; a supplier nobody rated on a "
            "criterion has no value there, and that criterion's missing-value policy applies."
        )
        return lines

    def report_tables(self) -> list[ReportTable]:
        """The `Evaluations` sheet (consensus, spread, count, flags) and the disagreements to moderate."""
        return [self.evaluations_table(), self.disagreements_table()]

    def evaluations_table(self) -> ReportTable:
        """One row per supplier and criterion, with each evaluator's rating beside the consensus."""
        labels = {c.key: c.label for c in self.criteria}
        s = self.summary
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
        if not self.ratings.empty:
            wide = self.ratings.pivot_table(
                index=["supplier", "criterion"],
                columns="evaluator",
                values="rating",
                aggfunc="first",
                sort=False,
            )
            keys = pd.MultiIndex.from_arrays([s["supplier"], s["criterion"]])
            for evaluator in self.evaluators:
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
            intro=tuple(self.method_lines()),
            formats=tuple(formats),
            highlight=highlight,
        )

    def disagreements_table(self) -> ReportTable:
        """Every rating of each pair the panel should moderate, with what was agreed so far."""
        labels = {c.key: c.label for c in self.criteria}
        d = self.disagreements
        to_moderate = pd.DataFrame(
            {
                "Supplier": d["supplier"].astype(object),
                "Criterion": d["criterion"].map(labels).astype(object),
                "Consensus": d["consensus"].astype(float),
                "Spread": d["spread"].astype(float),
                "Evaluator": d["evaluator"].astype(object),
                "Rating": d["rating"].astype(float),
                "Meaning": d["rating"].map(lambda r: self.settings.descriptor(r) or "").astype(object),
                "Comment": d["comment"].astype(object),
                "Sheet row": d["row"].astype(object),
                "Moderated rating": d["moderated"].astype(float),
                "Reason for the moderated rating": d["reason"].astype(object),
            }
        ).reset_index(drop=True)
        if self.flagged_count:
            pairs = (
                "1 supplier and criterion pair has"
                if self.flagged_count == 1
                else (f"{self.flagged_count} supplier and criterion pairs have")
            )
            intro = (
                f"{pairs} ratings {self.settings.disagreement_range:g} or more apart. Discuss them, "
                "agree a rating, and record it with the reason in the app (Evaluator panel tab); "
                f"{self.moderated_count} recorded so far. The settings file keeps them.",
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
