"""The Evaluations and Disagreements to moderate sheets, built from the panel's result."""

from __future__ import annotations

import math

from scorecard.tables import panel_method_lines, panel_tables
from tests.panel.data import run


def test_the_evaluations_and_disagreements_sheets() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Innovation", 1, "No roadmap shared"),
        ("Ben", "Acme Ltd", "Innovation", 4, "Strong R&D"),
        ("Anna", "Cobalt SA", "Innovation", 2),
    ]
    result = run(rows, {"evaluator_weights": {"Anna": 2}})
    evaluations, disagreements = panel_tables(result)
    assert evaluations.title == "Evaluations"
    assert list(evaluations.frame.columns[:8]) == [
        "Supplier",
        "Criterion",
        "Consensus",
        "Ratings",
        "Lowest",
        "Highest",
        "Spread",
        "To moderate",
    ]
    acme = evaluations.frame[
        (evaluations.frame["Supplier"] == "Acme Ltd") & (evaluations.frame["Criterion"] == "Innovation")
    ].iloc[0]
    # weighted (2 x 1 + 1 x 4) / 3 = 2
    assert acme["Consensus"] == 2 and acme["To moderate"] == "Yes" and acme["Rating: Ben"] == 4
    not_rated = evaluations.frame[evaluations.frame["Supplier"] == "Borealis GmbH"].iloc[0]
    assert not_rated["Ratings"] == 0 and math.isnan(not_rated["Consensus"])
    assert evaluations.highlight["To moderate"].sum() == 1
    assert disagreements.frame[["Evaluator", "Rating", "Meaning", "Comment"]].values.tolist() == [
        ["Anna", 1.0, "Poor", "No roadmap shared"],
        ["Ben", 4.0, "Excellent", "Strong R&D"],
    ]


def test_the_panel_rules_in_words() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Innovation", 1, "No roadmap shared"),
        ("Ben", "Acme Ltd", "Innovation", 4, "Strong R&D"),
        ("Anna", "Cobalt SA", "Innovation", 2),
    ]
    result = run(rows, {"evaluator_weights": {"Anna": 2}})
    text = " ".join(panel_method_lines(result))
    for words in (
        "weighted mean",
        "0 to 4 (0 Unacceptable",
        "Anna 2",
        "2 or more apart",
        "1 flagged",
        "never 0",
    ):
        assert words in text
