"""Evaluator panels: consensus by hand, blanks, weights, disagreement, unknown names, both sheet shapes."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.config import ConfigError, config_to_yaml, parse_config, parse_config_text
from scorecard.errors import Severity
from scorecard.panel import (
    PanelResult,
    PanelSettings,
    apply_panel,
    group_consensus,
    panel_consensus,
)
from scorecard.score import score
from scorecard.suppliers import SupplierTable

SHEET = "Evaluations"
SUPPLIERS = ("Acme Ltd", "Borealis GmbH", "Cobalt SA")


def config_data(panel: dict[str, Any] | None = None) -> dict[str, Any]:
    """A small config: price plus two panel-rated criteria on a 0-4 scale."""
    return {
        "name": "Panel test",
        "categories": {
            "cost": {
                "weight": 50,
                "criteria": [
                    {
                        "key": "price",
                        "label": "Price",
                        "unit": "EUR",
                        "direction": "lower",
                        "weight": 1,
                        "method": "ratio_to_best",
                        "missing": "disqualify",
                    }
                ],
            },
            "srm_fit": {
                "weight": 50,
                "criteria": [
                    {
                        "key": "responsiveness",
                        "label": "Responsiveness",
                        "column": "Responsiveness (0-4)",
                        "synonyms": ["Service responsiveness"],
                        "unit": "rating 0-4",
                        "weight": 1,
                        "method": {"type": "linear", "worst": 0, "best": 4},
                        "missing": "neutral",
                        "panel": True,
                    },
                    {
                        "key": "innovation",
                        "label": "Innovation",
                        "unit": "rating 0-4",
                        "weight": 1,
                        "method": {"type": "linear", "worst": 0, "best": 4},
                        "missing": "worst",
                        "panel": True,
                    },
                ],
            },
        },
        "bands": [{"name": "Good", "from": 50, "to": 100}, {"name": "Weak", "from": 0, "to": 50}],
        "panel": {} if panel is None else panel,
    }


def load(panel: dict[str, Any] | None = None):
    config = parse_config(config_data(panel), "test settings")
    return config, config.section("panel")


def long_sheet(
    rows: list[tuple], columns: tuple[str, ...] = ("Evaluator", "Supplier", "Criterion", "Rating", "Comment")
):
    """An evaluations sheet as the reading stage hands it over: header texts, sheet rows from 2."""
    frame = pd.DataFrame(
        [list(r) + [None] * (len(columns) - len(r)) for r in rows], columns=list(columns), dtype=object
    )
    frame.index = range(2, 2 + len(frame))
    return frame


def run(rows: list[tuple], panel: dict[str, Any] | None = None, **kwargs: Any) -> PanelResult:
    config, panel_settings = load(panel)
    frame = rows if isinstance(rows, pd.DataFrame) else long_sheet(rows)
    return panel_consensus(frame, panel_settings, config.criteria, SUPPLIERS, sheet=SHEET, **kwargs)


def pair(result: PanelResult, supplier: str, criterion: str) -> pd.Series:
    s = result.summary
    return s[(s["supplier"] == supplier) & (s["criterion"] == criterion)].iloc[0]


# --------------------------------------------------------------------------- consensus by hand


def test_mean_by_hand() -> None:
    # (1 + 2 + 4) / 3 = 2.3333
    result = run(
        [
            ("Anna", "Acme Ltd", "Responsiveness", 1),
            ("Ben", "Acme Ltd", "Responsiveness", 2),
            ("Cleo", "Acme Ltd", "Responsiveness", 4),
        ]
    )
    assert result.consensus.loc["Acme Ltd", "responsiveness"] == pytest.approx(7 / 3)
    row = pair(result, "Acme Ltd", "responsiveness")
    assert (row["count"], row["min"], row["max"], row["spread"]) == (3, 1, 4, 3)


def test_median_by_hand_odd_and_even() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Responsiveness", 1),
        ("Ben", "Acme Ltd", "Responsiveness", 2),
        ("Cleo", "Acme Ltd", "Responsiveness", 4),  # sorted 1, 2, 4 -> middle one: 2
        ("Anna", "Cobalt SA", "Innovation", 1),
        ("Ben", "Cobalt SA", "Innovation", 2),
        ("Cleo", "Cobalt SA", "Innovation", 3),
        ("Dev", "Cobalt SA", "Innovation", 4),  # (2 + 3) / 2 = 2.5
    ]
    result = run(rows, {"consensus": "median"})
    assert result.consensus.loc["Acme Ltd", "responsiveness"] == 2
    assert result.consensus.loc["Cobalt SA", "innovation"] == 2.5


def test_trimmed_mean_by_hand() -> None:
    # five ratings 0, 2, 3, 3, 4; trim 0.2 sets aside floor(0.2 x 5) = 1 at each end (0 and 4):
    # (2 + 3 + 3) / 3 = 2.6667, where the plain mean is 12 / 5 = 2.4
    five = [(name, "Acme Ltd", "Innovation", r) for name, r in zip("ABCDE", (3, 0, 4, 2, 3), strict=True)]
    # three ratings: floor(0.2 x 3) = 0 set aside, so the trimmed mean is the mean (1 + 1 + 4) / 3 = 2
    three = [(name, "Borealis GmbH", "Innovation", r) for name, r in zip("ABC", (1, 4, 1), strict=True)]
    result = run(five + three, {"consensus": "trimmed_mean", "trim_share": 0.2})
    assert result.consensus.loc["Acme Ltd", "innovation"] == pytest.approx(8 / 3)
    assert result.consensus.loc["Borealis GmbH", "innovation"] == pytest.approx(2.0)
    # trim 0.4: floor(0.4 x 5) = 2 at each end leaves the middle 3
    result = run(five, {"consensus": "trimmed_mean", "trim_share": 0.4})
    assert result.consensus.loc["Acme Ltd", "innovation"] == 3
    assert run(five).consensus.loc["Acme Ltd", "innovation"] == pytest.approx(2.4)


def test_evaluator_weights_by_hand() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Innovation", 4),
        ("Ben", "Acme Ltd", "Innovation", 1),
        ("Cleo", "Acme Ltd", "Innovation", 1),
    ]
    # weighted mean: (2 x 4 + 1 x 1 + 1 x 1) / (2 + 1 + 1) = 10 / 4 = 2.5; unweighted 6 / 3 = 2
    result = run(rows, {"evaluator_weights": {"anna": 2}})  # names compare ignoring case
    assert result.consensus.loc["Acme Ltd", "innovation"] == pytest.approx(2.5)
    assert run(rows).consensus.loc["Acme Ltd", "innovation"] == pytest.approx(2.0)
    # weighted median, weights 1, 1, 3 on sorted ratings 1, 1, 4: cumulative 1, 2, 5 of 5;
    # half (2.5) is first reached at the rating 4
    result = run(rows, {"consensus": "median", "evaluator_weights": {"Anna": 3}})
    assert result.consensus.loc["Acme Ltd", "innovation"] == 4
    # weights 1, 1, 2: cumulative 1, 2, 4 of 4 lands exactly on half at the second 1: (1 + 4) / 2
    result = run(rows, {"consensus": "median", "evaluator_weights": {"Anna": 2}})
    assert result.consensus.loc["Acme Ltd", "innovation"] == 2.5


def test_weighted_trimmed_mean_by_hand() -> None:
    # ratings 0 (A), 2 (B, weight 3), 3 (C), 3 (D), 4 (E): 0 and 4 set aside;
    # (3 x 2 + 3 + 3) / (3 + 1 + 1) = 12 / 5 = 2.4
    rows = [(name, "Acme Ltd", "Innovation", r) for name, r in zip("ABCDE", (0, 2, 3, 3, 4), strict=True)]
    result = run(rows, {"consensus": "trimmed_mean", "trim_share": 0.2, "evaluator_weights": {"B": 3}})
    assert result.consensus.loc["Acme Ltd", "innovation"] == pytest.approx(2.4)


def test_weight_for_an_evaluator_who_rated_nothing_is_reported() -> None:
    result = run([("Anna", "Acme Ltd", "Innovation", 3)], {"evaluator_weights": {"Anne": 2}})
    assert any("Anne" in f.message and f.severity == Severity.WARNING for f in result.findings)


# --------------------------------------------------------------------------- blanks and bad cells


def test_blank_is_not_rated_never_zero() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Innovation", 4),
        ("Ben", "Acme Ltd", "Innovation", None),
        ("Cleo", "Acme Ltd", "Innovation", "  "),
        ("Dev", "Acme Ltd", "Innovation", "N/A"),
        ("Eve", "Acme Ltd", "Innovation", 2),
    ]
    result = run(rows)
    # (4 + 2) / 2 = 3; had the blanks counted as 0 it would be 6 / 5 = 1.2
    assert result.consensus.loc["Acme Ltd", "innovation"] == 3
    assert pair(result, "Acme Ltd", "innovation")["count"] == 2
    assert not [f for f in result.findings if f.row in (3, 4, 5)]
    # a real 0 is a rating
    result = run([("Anna", "Acme Ltd", "Innovation", 0), ("Eve", "Acme Ltd", "Innovation", 2)])
    assert result.consensus.loc["Acme Ltd", "innovation"] == 1


def test_ratings_outside_the_scale_and_unreadable_are_warned_and_not_used() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Innovation", 5),
        ("Ben", "Acme Ltd", "Innovation", -1),
        ("Cleo", "Acme Ltd", "Innovation", "great"),
        ("Dev", "Acme Ltd", "Innovation", 2),
    ]
    result = run(rows)
    assert result.consensus.loc["Acme Ltd", "innovation"] == 2
    warned = {f.row for f in result.findings if f.severity == Severity.WARNING}
    assert {2, 3, 4} <= warned
    outside = next(f for f in result.findings if f.row == 2)
    assert "outside the scale" in outside.message and outside.column == "Rating" and outside.sheet == SHEET


def test_descriptor_words_are_read_as_their_points() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Innovation", "Good"),
        ("Ben", "Acme Ltd", "Innovation", "1 - Poor"),
        ("Cleo", "Acme Ltd", "Innovation", "2,5"),
    ]
    result = run(rows)
    # Good = 3, Poor = 1, 2,5 = 2.5 -> (3 + 1 + 2.5) / 3
    assert result.consensus.loc["Acme Ltd", "innovation"] == pytest.approx(6.5 / 3)


def test_duplicate_rating_by_the_same_evaluator_is_warned_and_the_later_one_used() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Innovation", 1),
        ("Ben", "Acme Ltd", "Innovation", 3),
        ("ANNA ", "acme ltd", "innovation", 2),
    ]
    result = run(rows)
    # Anna's later 2 replaces her 1: (3 + 2) / 2
    assert result.consensus.loc["Acme Ltd", "innovation"] == 2.5
    duplicate = next(f for f in result.findings if "twice" in f.message)
    assert duplicate.severity == Severity.WARNING and duplicate.row == 4 and "row 2" in duplicate.message


# --------------------------------------------------------------------------- names


def test_unknown_supplier_and_criterion_are_reported_with_their_row() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Innovation", 3),
        ("Anna", "Acme Limited", "Innovation", 1),
        ("Anna", "Borealis GmbH", "Inovation", 1),
        ("Anna", "Cobalt SA", "Price", 4),
    ]
    result = run(rows)
    by_row = {f.row: f for f in result.findings if f.severity == Severity.ERROR}
    assert set(by_row) == {3, 4, 5}
    assert by_row[3].value == "Acme Limited" and by_row[3].column == "Supplier" and by_row[3].sheet == SHEET
    assert 'Did you mean "Acme Ltd"' in by_row[3].message
    assert by_row[4].value == "Inovation" and 'Did you mean "Innovation"' in by_row[4].message
    assert "not panel-rated" in by_row[5].message and "panel: true" in by_row[5].action
    # and none of them was counted anywhere
    assert len(result.ratings) == 1


def test_names_match_ignoring_case_spacing_and_punctuation() -> None:
    rows = [
        ("Anna", "  ACME   ltd ", "responsiveness (0-4)", 3),
        ("Ben", "acmeltd", "SERVICE-responsiveness", 1),
        ("Cleo", "Acme Ltd", "responsiveness", 2),
    ]
    result = run(rows)
    assert pair(result, "Acme Ltd", "responsiveness")["count"] == 3
    assert not [f for f in result.findings if f.severity == Severity.ERROR]


# --------------------------------------------------------------------------- nobody rated


def test_a_supplier_nobody_rated_follows_the_criterion_missing_policy() -> None:
    config, panel_settings = load()
    rows = [
        ("Anna", "Acme Ltd", "Responsiveness", 4),
        ("Ben", "Acme Ltd", "Responsiveness", 2),
        ("Anna", "Borealis GmbH", "Responsiveness", 1),
        ("Anna", "Acme Ltd", "Innovation", 2),
        ("Anna", "Borealis GmbH", "Innovation", 4),
    ]
    result = panel_consensus(long_sheet(rows), panel_settings, config.criteria, SUPPLIERS, sheet=SHEET)
    assert math.isnan(result.consensus.loc["Cobalt SA", "responsiveness"])
    assert math.isnan(result.consensus.loc["Cobalt SA", "innovation"])
    assert any("Cobalt SA" in f.message and "Responsiveness" in f.message for f in result.findings)

    table = SupplierTable.from_records({s: {"price": 100.0} for s in SUPPLIERS})
    table, _ = apply_panel(table, result)
    scored = score(table, config)
    i, cobalt = scored.index_of("Acme Ltd"), scored.index_of("Cobalt SA")
    resp, innov = scored.criterion_index("responsiveness"), scored.criterion_index("innovation")
    # Acme: consensus (4 + 2) / 2 = 3 -> linear 0..4 -> 75; Borealis 1 -> 25
    assert scored.scores[i, resp] == pytest.approx(75)
    # responsiveness is `neutral`: Cobalt gets the average of those with data, (75 + 25) / 2 = 50
    assert scored.scores[cobalt, resp] == pytest.approx(50)
    # innovation is `worst`: Cobalt scores 0, and both are flagged missing
    assert scored.scores[cobalt, innov] == 0
    assert scored.missing[cobalt, resp] and scored.missing[cobalt, innov]
    assert not scored.missing[i, resp]


def test_apply_panel_replaces_sheet_values_and_says_so() -> None:
    result = run([("Anna", "Acme Ltd", "Innovation", 3), ("Ben", "Acme Ltd", "Innovation", 2)])
    table = SupplierTable.from_records(
        {
            "Acme Ltd": {"price": 1.0, "innovation": 4},
            "Borealis GmbH": {"price": 2.0, "innovation": 1},
            "Cobalt SA": {"price": 3.0, "innovation": None},
        }
    )
    new, findings = apply_panel(table, result)
    assert new.values.loc["Acme Ltd", "innovation"] == 2.5
    assert math.isnan(new.values.loc["Borealis GmbH", "innovation"])
    assert "responsiveness" in new.values.columns
    assert table.values.loc["Acme Ltd", "innovation"] == 4  # the input is not changed
    assert {f.value for f in findings} == {"4", "1"}
    borealis = next(f for f in findings if f.value == "1")
    assert "nobody on the panel rated" in borealis.message and "missing-value policy" in borealis.action


# --------------------------------------------------------------------------- shapes


def wide_sheet() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "Supplier": ["Acme Ltd", "Acme Ltd", "Borealis GmbH", "Cobalt SA"],
            "Criterion": ["Responsiveness", "Innovation", "Innovation", "Innovation"],
            "Anna": [4, 3, None, 2],
            "Anna comment": ["Same-day answers", None, None, None],
            "Ben": [1, "3", 2, None],
            "Comments - Ben": ["Two late quotes", None, None, None],
            "Cleo": [3, None, 2, 4],
        },
        dtype=object,
    )
    frame.index = range(5, 9)
    return frame


def wide_as_long() -> pd.DataFrame:
    rows = []
    for _, record in wide_sheet().iterrows():
        for evaluator in ("Anna", "Ben", "Cleo"):
            comment = record.get(f"{evaluator} comment") or record.get(f"Comments - {evaluator}")
            rows.append((evaluator, record["Supplier"], record["Criterion"], record[evaluator], comment))
    return long_sheet(rows)


def test_long_and_wide_shapes_give_the_same_consensus() -> None:
    wide = run(wide_sheet())
    long = run(wide_as_long())
    assert (wide.shape, long.shape) == ("wide", "long")
    pd.testing.assert_frame_equal(wide.consensus, long.consensus)
    pd.testing.assert_frame_equal(wide.summary, long.summary)
    assert wide.evaluators == ("Anna", "Ben", "Cleo")
    # Acme, responsiveness: 4, 1, 3 -> mean 8 / 3, spread 3, flagged, with each evaluator's comment
    assert wide.consensus.loc["Acme Ltd", "responsiveness"] == pytest.approx(8 / 3)
    d = wide.disagreements
    said = d[(d["supplier"] == "Acme Ltd") & (d["criterion"] == "responsiveness")].set_index("evaluator")
    assert (
        said.loc["Ben", "comment"] == "Two late quotes" and said.loc["Anna", "comment"] == "Same-day answers"
    )
    assert said.loc["Ben", "row"] == 5
    assert not [f for f in wide.findings if f.severity != Severity.INFO]


def test_wide_shape_with_a_notes_column_reports_it_once() -> None:
    frame = wide_sheet()
    frame["Site"] = ["Lyon plant"] * 4
    result = run(frame)
    notes = [f for f in result.findings if f.column == "Site"]
    assert len(notes) == 1 and notes[0].severity == Severity.INFO
    assert "Site" not in result.evaluators


def test_wide_shape_leaves_the_buyers_own_average_out() -> None:
    frame = wide_sheet().rename(columns={"Cleo": "Mark"})
    frame["Average"] = [2.7, 3.0, 2.0, 3.0]
    result = run(frame)
    assert result.evaluators == ("Anna", "Ben", "Mark")  # Mark is an evaluator, Average is not
    pd.testing.assert_frame_equal(result.consensus, run(wide_sheet()).consensus)
    note = next(f for f in result.findings if "not read" in f.message)
    assert "Average" in note.message and note.severity == Severity.INFO


def test_shape_can_be_forced_and_a_mismatch_says_what_is_missing() -> None:
    from scorecard.errors import ScorecardError

    with pytest.raises(ScorecardError, match="long shape the settings ask for") as error:
        run(wide_sheet(), {"shape": "long"})
    assert "evaluator" in str(error.value) and "Anna" in str(error.value)
    with pytest.raises(ScorecardError, match="does not fit either shape"):
        run(long_sheet([("x", "y")], columns=("Who", "What")))


def test_column_synonyms_from_the_settings_are_used() -> None:
    frame = long_sheet(
        [("Anna", "Acme Ltd", "Innovation", 3)], columns=("Panellist", "Bidder", "Area", "Rating")
    )
    result = run(frame, {"columns": {"evaluator": ["Panellist"], "criterion": ["Area"]}})
    assert result.consensus.loc["Acme Ltd", "innovation"] == 3


# --------------------------------------------------------------------------- disagreement


def test_disagreement_is_flagged_at_the_threshold_and_not_below() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Innovation", 1),
        ("Ben", "Acme Ltd", "Innovation", 3),  # range 2: flagged
        ("Anna", "Borealis GmbH", "Innovation", 1),
        ("Ben", "Borealis GmbH", "Innovation", 2.5),  # 1.5
        ("Anna", "Cobalt SA", "Innovation", 4),
    ]  # a single rating has no spread to flag
    result = run(rows)
    assert pair(result, "Acme Ltd", "innovation")["flagged"]
    assert not pair(result, "Borealis GmbH", "innovation")["flagged"]
    assert not pair(result, "Cobalt SA", "innovation")["flagged"]
    assert set(result.disagreements["supplier"]) == {"Acme Ltd"}
    assert list(result.disagreements["evaluator"]) == ["Anna", "Ben"]
    # configurable: at 1.5 Borealis is flagged too; at 3 neither
    assert pair(run(rows, {"disagreement_range": 1.5}), "Borealis GmbH", "innovation")["flagged"]
    assert run(rows, {"disagreement_range": 3}).flagged_count == 0


def test_report_tables_and_method_lines() -> None:
    rows = [
        ("Anna", "Acme Ltd", "Innovation", 1, "No roadmap shared"),
        ("Ben", "Acme Ltd", "Innovation", 4, "Strong R&D"),
        ("Anna", "Cobalt SA", "Innovation", 2),
    ]
    result = run(rows, {"evaluator_weights": {"Anna": 2}})
    evaluations, disagreements = result.report_tables()
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
    text = " ".join(result.method_lines())
    for words in (
        "weighted mean",
        "0 to 4 (0 Unacceptable",
        "Anna 2",
        "2 or more apart",
        "1 flagged",
        "never 0",
    ):
        assert words in text


def test_an_evaluations_sheet_read_from_a_workbook() -> None:
    """The reading stage's frame (header texts, sheet row numbers, raw cells) goes straight in."""
    import io

    import openpyxl

    from scorecard.read import read_workbook

    book = openpyxl.Workbook()
    book.active.title = "Suppliers"
    book.active.append(["Supplier", "Price"])
    sheet = book.create_sheet(SHEET)
    sheet.append(["Panel ratings, 0 = Unacceptable to 4 = Excellent"])
    sheet.append([])
    sheet.append(
        ["Supplier", "Criterion", "Anna", "Anna comment", "Ben", "Ben comment", "Cleo", "Cleo comment"]
    )
    sheet.append(["Acme Ltd", "Responsiveness", 4, "Same-day answers", 1, "Two late quotes", 3, None])
    sheet.append(["Acme Lmtd", "Innovation", 2, None, 2, None, 2, None])
    sheet.append(["Borealis GmbH", "Innovation", "n/a", None, 3, None, "", None])
    data = io.BytesIO()
    book.save(data)
    frame = read_workbook(data.getvalue(), "event.xlsx").sheet(SHEET).table
    result = run(frame)
    assert result.shape == "wide" and result.evaluators == ("Anna", "Ben", "Cleo")
    assert result.consensus.loc["Acme Ltd", "responsiveness"] == pytest.approx(8 / 3)
    assert result.consensus.loc["Borealis GmbH", "innovation"] == 3  # n/a and blank are not rated
    unknown = next(f for f in result.findings if f.severity == Severity.ERROR)
    assert (unknown.sheet, unknown.row, unknown.value) == (SHEET, 5, "Acme Lmtd")
    assert set(result.disagreements["row"]) == {4}


def test_the_default_preset_takes_a_panel_on_a_1_to_5_scale() -> None:
    """What the sample event needs: the default preset's relationship ratings marked panel-rated."""
    import yaml

    from scorecard.config import CONFIG_DIR

    data = yaml.safe_load((CONFIG_DIR / "default.yaml").read_text())
    for criterion in data["categories"]["srm_fit"]["criteria"]:
        criterion["panel"] = True
    data["panel"] = {
        "scale": {"min": 1, "max": 5, "descriptors": {1: "Poor", 3: "Acceptable", 5: "Excellent"}}
    }
    config = parse_config(data, "default with a panel")
    panel_settings = config.section("panel")
    assert panel_settings.disagreement_range == 2  # half the width of 1-5
    frame = long_sheet(
        [
            ("Buyer", "Acme Ltd", "Responsiveness (1-5)", 5),
            ("Quality engineer", "Acme Ltd", "Responsiveness", 2),
            ("Plant manager", "Acme Ltd", "Partnership", 4),  # a synonym of collaboration
        ]
    )
    result = panel_consensus(frame, panel_settings, config.criteria, SUPPLIERS, sheet=SHEET)
    assert result.consensus.loc["Acme Ltd", "responsiveness"] == 3.5
    assert result.consensus.loc["Acme Ltd", "collaboration"] == 4
    assert pair(result, "Acme Ltd", "responsiveness")["flagged"]  # 5 - 2 = 3 >= 2


# --------------------------------------------------------------------------- settings


def test_default_settings_and_round_trip_through_yaml() -> None:
    config, panel_settings = load()
    assert panel_settings == PanelSettings()
    assert panel_settings.disagreement_range == 2 and panel_settings.descriptor(3) == "Good"
    custom = {
        "scale": {"min": 1, "max": 5, "descriptors": {1: "Poor", 5: "Excellent"}},
        "consensus": "trimmed_mean",
        "trim_share": 0.25,
        "evaluator_weights": {"Quality engineer": 2},
        "shape": "wide",
        "columns": {"evaluator": ["Panellist"]},
    }
    data = config_data(custom)
    for c in data["categories"]["srm_fit"]["criteria"]:
        c["unit"], c["method"] = "rating 1-5", {"type": "linear", "worst": 1, "best": 5}
    config = parse_config(data, "custom")
    again = parse_config_text(config_to_yaml(config), "downloaded")
    assert again.section("panel") == config.section("panel")
    assert config.section("panel").disagreement_range == 2  # half the scale's width, 4 / 2
    assert "Panellist" in config.section("panel").names_for("evaluator")


@pytest.mark.parametrize(
    ("panel", "where"),
    [
        ({"scale": {"min": 4, "max": 0}}, "`panel.scale.max`"),
        ({"scale": {"descriptors": {7: "Superb"}}}, "`panel.scale.descriptors.7`"),
        ({"consensus": "mode"}, "`panel.consensus`"),
        ({"consensus": "trimmed_mean", "trim_share": 0.5}, "`panel.trim_share`"),
        ({"trim_share": 0.2}, "`panel.trim_share`"),
        ({"evaluator_weights": {"Anna": "high"}}, "`panel.evaluator_weights.Anna`"),
        ({"evaluator_weights": {"Anna": 0}}, "`panel.evaluator_weights.Anna`"),
        ({"disagreement_range": 5}, "`panel.disagreement_range`"),
        ({"shape": "tall"}, "`panel.shape`"),
        ({"columns": {"rater": ["Who"]}}, "`panel.columns.rater`"),
        ({"scale": {"min": 1, "max": 5}}, "`panel.scale`"),  # criteria are scored 0-4
        ({"colour": "red"}, "`panel.colour`"),
    ],
)
def test_settings_errors_name_the_key(panel: dict[str, Any], where: str) -> None:
    with pytest.raises(ConfigError) as error:
        load(panel)
    assert where in str(error.value)


def test_a_panel_section_without_panel_criteria_is_an_error() -> None:
    data = config_data()
    for c in data["categories"]["srm_fit"]["criteria"]:
        c["panel"] = False
    with pytest.raises(ConfigError, match=r"`panel`.*panel: true"):
        parse_config(data, "test")


# --------------------------------------------------------------------------- the maths, as properties


ratings_strategy = st.lists(
    st.tuples(st.integers(0, 5), st.integers(0, 4), st.integers(1, 3)), min_size=0, max_size=40
)


@settings(max_examples=150, deadline=None)
@given(
    ratings_strategy, st.sampled_from(["mean", "median", "trimmed_mean"]), st.sampled_from([0.0, 0.2, 0.34])
)
def test_group_consensus_matches_a_plain_computation(rows, method, trim) -> None:
    groups = np.array([g for g, _, _ in rows], dtype=np.int64)
    values = np.array([r for _, r, _ in rows], dtype=float)
    weights = np.array([w for _, _, w in rows], dtype=float)
    stats = group_consensus(groups, values, weights, 6, method, trim)
    for g in range(6):
        mine = [(r, w) for gg, r, w in rows if gg == g]
        assert stats.count[g] == len(mine)
        if not mine:
            assert math.isnan(stats.consensus[g])
            continue
        # expand each rating by its (integer) weight: weighting is then plain repetition
        expanded = sorted(r for r, w in mine for _ in range(w))
        rs = sorted(r for r, _ in mine)
        if method == "mean":
            expected = float(np.mean(expanded))
        elif method == "median":
            expected = float(np.median(expanded))
        else:
            cut = math.floor(len(rs) * trim + 1e-9)
            # ties at a cut with different weights: the function sets aside the earlier rating (stable order)
            order = sorted(range(len(mine)), key=lambda k: mine[k][0])
            kept = [mine[k] for k in order[cut : len(mine) - cut]]
            expected = sum(r * w for r, w in kept) / sum(w for _, w in kept)
        assert stats.consensus[g] == pytest.approx(expected)
        assert min(rs) - 1e-9 <= stats.consensus[g] <= max(rs) + 1e-9
        assert (stats.lowest[g], stats.highest[g]) == (min(rs), max(rs))
