"""Buyers' own workbooks scored with no settings file: `score FILE` exits 0, finds exactly the suppliers a
buyer counts, and puts first the one the sheet's own data and weights make first (worked out here with numpy,
from the same numbers the workbook is built from, not from Scorecard's output)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from scorecard.cli import main
from scorecard.config import config_to_yaml, load_preset
from scorecard.layout.derive import Derived, choose_config, derive
from scorecard.pipeline import evaluate_file, read_file
from scorecard.read import read_workbook
from scorecard.tables import ranking_frame
from tests.layout.evaluation_workbooks import (
    BIDDER_PRICES,
    BIDDERS,
    EVALUATOR_SCORES,
    PANEL_CRITERIA,
    QUALITY_CRITERIA,
    QUALITY_SCORES,
    RFP_CRITERIA,
    RFP_SCORES,
    RFP_VENDORS,
    TENDER_PRICES,
    TENDERERS,
    esourcing_rows,
    evaluator_sheets,
    rfp_matrix_rows,
    score_table_sheets,
    tender_sheets,
    workbook_bytes,
)


def scored(tmp_path: Path, name: str, data: bytes, capsys, *extra: str) -> pd.DataFrame:
    """Run `score` on the file as a buyer would and return the Ranking sheet of the workbook it writes."""
    path = tmp_path / name
    path.write_bytes(data)
    output = tmp_path / f"scored {name}"
    assert main(["score", str(path), "--output", str(output), *extra]) == 0, capsys.readouterr().err
    sheet = load_workbook(output, read_only=True)["Ranking"]
    rows = [r for r in sheet.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(rows) if r and "Supplier" in r)
    frame = pd.DataFrame(rows[header + 1 :], columns=rows[header]).dropna(subset=["Supplier"])
    return frame.set_index("Supplier")


def assert_scores(ranking: pd.DataFrame, names: Sequence[str], expected: Sequence[float]) -> None:
    """Each supplier's Score on the Ranking sheet is the figure worked out another way (to 0.01)."""
    for name, value in zip(names, expected, strict=True):
        assert ranking.at[name, "Score"] == pytest.approx(value, abs=0.01), name


def validated(tmp_path: Path, name: str, data: bytes, capsys) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["validate", str(path)]) == 0, capsys.readouterr().err
    return capsys.readouterr().out


# --------------------------------------------------------------------------- a weighted RFP matrix


def test_rfp_matrix_is_scored_with_its_own_weights_and_scale(tmp_path, capsys):
    weights = np.array([w for _, w in RFP_CRITERIA], dtype=float)
    scores = np.array(RFP_SCORES, dtype=float)
    totals = weights @ scores  # the sheet's own SUMPRODUCT row
    ranking = scored(tmp_path, "rfp.xlsx", workbook_bytes({"Evaluation": rfp_matrix_rows()}), capsys)
    assert sorted(ranking.index) == sorted(RFP_VENDORS)  # no TOTAL or Rank "supplier", no twins
    assert ranking.index[0] == RFP_VENDORS[int(np.argmax(totals))] == "Beta Systems"
    assert RFP_VENDORS[int(np.argmax(scores.sum(axis=0)))] != "Beta Systems"  # the weights decide it
    # linear between the scale's ends (1 -> 0, 5 -> 100), weighted by the sheet's own %
    expected = (totals - weights.sum()) / (4 * weights.sum()) * 100
    assert_scores(ranking, RFP_VENDORS, expected)


def test_rfp_matrix_validate_prints_the_layout_and_the_settings_it_read(tmp_path, capsys):
    out = validated(tmp_path, "rfp.xlsx", workbook_bytes({"Evaluation": rfp_matrix_rows()}), capsys)
    assert "evaluation matrix" in out
    assert "4 suppliers in columns C-F (names in row 5)" in out
    assert "Settings: From your file: rfp.xlsx" in out
    assert "'TOTAL' row matches the sum of weight x score" in out
    assert "'Rank' row agrees" in out


def test_rfp_matrix_total_that_disagrees_is_named_with_its_cell(tmp_path, capsys):
    rows = rfp_matrix_rows(total_override={0: 999})
    out = validated(tmp_path, "rfp.xlsx", workbook_bytes({"Evaluation": rows}), capsys)
    assert 'sheet "Evaluation", row 11, column "C"' in out
    assert "'TOTAL' for Acme Software is 999, but its scores and weights give 355" in out


def test_rfp_matrix_settings_download_reproduces_the_scores(tmp_path, capsys):
    data = workbook_bytes({"Evaluation": rfp_matrix_rows(weights_as_fractions=True)})
    _, config = read_file(data, "rfp.xlsx", None)
    settings = tmp_path / "from the file.yaml"
    settings.write_text(config_to_yaml(config))
    direct = scored(tmp_path, "rfp.xlsx", data, capsys)
    again = scored(tmp_path, "rfp.xlsx", data, capsys, "--config", str(settings))
    pd.testing.assert_series_equal(direct["Score"], again["Score"])
    assert list(direct.index) == list(again.index)


def test_weights_changed_in_code_change_the_leader_like_the_app_sliders():
    data = workbook_bytes({"Evaluation": rfp_matrix_rows()})
    _, config = read_file(data, "rfp.xlsx", None)
    price = next(c.key for c in config.criteria if c.label == "Price")
    heavier = config.with_weights(
        categories={c.key: 100.0 if c.key == "cost" else c.weight for c in config.categories},
        criteria={price: 100.0},
    )
    result = evaluate_file(data, "rfp.xlsx", heavier).result
    assert ranking_frame(result).iloc[0]["Supplier"] == "Beta Systems"
    no_price = config.with_weights(categories={"cost": 0.0})
    leader = ranking_frame(evaluate_file(data, "rfp.xlsx", no_price).result).iloc[0]["Supplier"]
    weights = np.array([w for label, w in RFP_CRITERIA if label != "Price"], dtype=float)
    scores = np.array([s for (label, _), s in zip(RFP_CRITERIA, RFP_SCORES, strict=True) if label != "Price"])
    assert leader == RFP_VENDORS[int(np.argmax(weights @ scores))] == "Gamma Tech"


# --------------------------------------------------------------------------- a 70/30 quality/price tender


def test_quality_price_tender_scores_quality_from_the_matrix_and_price_from_the_price_sheet(tmp_path, capsys):
    weights = np.array([w for _, w in QUALITY_CRITERIA], dtype=float)
    quality = weights @ np.array(QUALITY_SCORES, dtype=float) / 10  # out of 70
    prices = np.array(TENDER_PRICES)
    totals = quality + 30 * prices.min() / prices  # the summary sheet's Total (100)
    ranking = scored(tmp_path, "tender.xlsx", workbook_bytes(tender_sheets()), capsys)
    assert sorted(ranking.index) == sorted(TENDERERS)
    assert ranking.index[0] == TENDERERS[int(np.argmax(totals))] == "Keystone Services"
    assert TENDERERS[int(np.argmax(quality))] != "Keystone Services"  # price moves it to the top
    assert_scores(ranking, TENDERERS, totals)


def test_tender_validate_says_where_price_and_its_weight_come_from(tmp_path, capsys):
    out = validated(tmp_path, "tender.xlsx", workbook_bytes(tender_sheets()), capsys)
    assert 'Price from sheet "Price", column "Tendered price (GBP)", counts 30% of the total' in out
    assert "'Quality score (out of 70)' row matches" in out


# --------------------------------------------------------------------------- evaluator sheets + a price sheet


def test_three_evaluator_sheets_and_a_price_sheet_become_a_panel(tmp_path, capsys):
    multipliers = np.array([m for _, m in PANEL_CRITERIA], dtype=float)
    consensus = np.mean([np.array(g, dtype=float) for g in EVALUATOR_SCORES.values()], axis=0)
    prices = np.array(BIDDER_PRICES)
    points = multipliers @ consensus + 40 * prices.min() / prices  # out of 10 x 5 + 40 = 90
    ranking = scored(tmp_path, "panel.xlsx", workbook_bytes(evaluator_sheets()), capsys)
    assert sorted(ranking.index) == sorted(BIDDERS)
    assert ranking.index[0] == BIDDERS[int(np.argmax(points))]
    assert_scores(ranking, BIDDERS, points / 90 * 100)


def test_evaluator_panel_flags_disagreement_and_names_the_evaluators(tmp_path, capsys):
    sheets = evaluator_sheets()
    # Chloe rates Vendor A's delivery plan 0 where the others gave 3: a gap of 3 on a 0-5 scale
    sheets["Evaluator 3"][6][2] = 0
    out = validated(tmp_path, "panel.xlsx", workbook_bytes(sheets), capsys)
    assert "3 evaluators, 1 rating(s) to moderate" in out
    for evaluator in EVALUATOR_SCORES:
        assert f"Read as {evaluator}'s scores" in out


# --------------------------------------------------------------------------- an e-sourcing export with resubmissions


def test_esourcing_export_keeps_one_quote_per_supplier_and_scores_the_columns_it_has(tmp_path, capsys):
    ranking = scored(tmp_path, "quotes.xlsx", workbook_bytes({"Quote responses": esourcing_rows()}), capsys)
    assert sorted(ranking.index) == ["Boxmaster GmbH", "Cartonia SA", "Fluteco", "PackRight Ltd"]
    # the flagged (Is best) quote of each supplier, worked out by hand from the rows
    kept = {
        "Boxmaster GmbH": (171_300, 60, 12),
        "Cartonia SA": (172_500, 45, 9),
        "PackRight Ltd": (181_250, 60, 12),
        "Fluteco": (199_000, 90, 12),
    }
    preset = load_preset("default")
    weight = {c.key: c.weight for c in preset.criteria}
    price, terms, validity = (np.array(v, dtype=float) for v in zip(*kept.values(), strict=True))
    total = (
        weight["total_cost"] * 100 * price.min() / price
        + weight["payment_terms"] * np.clip((terms - 30) / 60, 0, 1) * 100
        + weight["price_validity"] * np.clip((validity - 3) / 9, 0, 1) * 100
    ) / (weight["total_cost"] + weight["payment_terms"] + weight["price_validity"])
    names = list(kept)
    assert ranking.index[0] == names[int(np.argmax(total))]
    assert_scores(ranking, names, total)


def test_esourcing_export_validate_lists_the_set_aside_quotes_by_row(tmp_path, capsys):
    out = validated(tmp_path, "quotes.xlsx", workbook_bytes({"Quote responses": esourcing_rows()}), capsys)
    assert "Rows: 7 read = 4 suppliers + 3 excluded" in out
    assert "Excluded: row 6: earlier submission of Boxmaster GmbH (row 9 is scored)" in out
    assert "(row " not in out.split("Excluded")[0].split("Columns:")[0]  # no "Cartonia SA (row 11)" twins


# --------------------------------------------------------------------------- a vendor score table + a criteria sheet


@pytest.mark.parametrize("snake_case", [True, False], ids=["snake_case", "Title Case"])
def test_score_table_with_a_criteria_sheet_uses_its_weights_and_directions(tmp_path, capsys, snake_case):
    sheets = score_table_sheets(snake_case)
    table = pd.DataFrame(sheets["vendor_scores"][1:], columns=range(6)).set_index(0)
    weights = {row[0]: row[1] for row in sheets["criteria"][1:]}
    directions = {row[0]: row[2] for row in sheets["criteria"][1:]}
    total = pd.Series(0.0, index=table.index)
    for position, key in enumerate(weights, start=1):
        values = table[position].map({"Yes": 1.0, "No": 0.0}) if key == "iso_certified" else table[position]
        values = values.astype(float)
        low, high = values.min(), values.max()
        share = (
            (values - low) / (high - low) if directions[key] == "higher" else (high - values) / (high - low)
        )
        total += weights[key] * 100 * share
    ranking = scored(tmp_path, "vendors.xlsx", workbook_bytes(sheets), capsys)
    assert sorted(ranking.index) == sorted(table.index)
    assert ranking.index[0] == total.idxmax()
    for name in table.index:
        assert ranking.at[name, "Score"] == pytest.approx(total[name], abs=0.01)


def test_an_explicit_preset_wins_over_the_criteria_sheet():
    data = workbook_bytes(score_table_sheets())
    derived = derive(read_workbook(data, "vendors.xlsx"))
    assert derived.config is not None and derived.config.name == "From your file: vendors.xlsx"
    preset = load_preset("indirect_spend")
    assert choose_config(derived, preset) is preset
    _, config = read_file(data, "vendors.xlsx", preset)
    assert config is preset


def test_a_file_that_implies_no_settings_gets_the_default_preset():
    derived = Derived(
        read_workbook(workbook_bytes({"S": [["Supplier", "Total cost (EUR)"], ["Acme", 1]]}), "s.xlsx"),
        None,
        None,
    )
    assert choose_config(derived, None).name == load_preset("default").name


def test_tender_summary_total_is_cross_checked_and_a_wrong_one_is_named(tmp_path, capsys):
    out = validated(tmp_path, "tender.xlsx", workbook_bytes(tender_sheets()), capsys)
    assert 'sheet "Summary", column "Total (100)": The sheet\'s own "Total (100)" matches' in out
    sheets = tender_sheets()
    sheets["Summary"][4][3] = 99.0  # Keystone's total typed over
    out = validated(tmp_path, "tender.xlsx", workbook_bytes(sheets), capsys)
    assert 'sheet "Summary", row 5, column "Total (100)"' in out and "is 99, but the matrix scores" in out


def test_two_lots_with_the_same_criteria_are_not_a_panel_of_two_evaluators():
    lot = [["Criterion", "Weight (%)"], ["Quality", 60], ["Service", 40]]
    first = [lot[0] + ["Acme", "Beta"], lot[1] + [4, 3], lot[2] + [3, 5]]
    second = [lot[0] + ["Gamma", "Delta"], lot[1] + [5, 2], lot[2] + [2, 4]]
    derived = derive(read_workbook(workbook_bytes({"Lot 1": first, "Lot 2": second}), "lots.xlsx"))
    assert derived.config.section("panel") is None
    assert any(f.sheet == "Lot 2" and "is the one scored" in f.message for f in derived.findings)


def test_a_rating_problem_on_an_evaluator_sheet_is_named_on_that_sheet_not_on_a_made_one():
    """Review finding F8: the evaluator sheets are stacked into an evaluations table the buyer's file does not
    have; a rating off the scale, or a score typed as a word, is named at the cell the buyer typed it in."""
    sheets = evaluator_sheets()
    sheets["Evaluator 3"][6][2] = 9  # Chloe Martin, second criterion, first bidder: off the 0-5 scale
    sheets["Evaluator 2"][5][3] = "good"  # Ben Okafor, first criterion, second bidder: a word, not a score
    evaluation = evaluate_file(workbook_bytes(sheets), "panel.xlsx", None)
    in_file = set(sheets)
    assert {f.sheet for f in evaluation.findings} - {None} <= in_file
    off_scale = next(f for f in evaluation.findings if "rating 9 is outside the scale" in f.message)
    assert (off_scale.sheet, off_scale.row, off_scale.column) == ("Evaluator 3", 7, BIDDERS[0])
    word = next(f for f in evaluation.findings if "not a number on the 0 to 5 scale" in f.message)
    assert (word.sheet, word.row, word.column) == ("Evaluator 2", 6, BIDDERS[1])
    assert word.value == "good"
    assert not any("From sheet" in f.message for f in evaluation.findings)  # our own columns, not the buyer's


def test_a_score_typed_as_a_word_on_a_matrix_is_named_at_its_cell(tmp_path, capsys):
    """A matrix scored on its own: a score cell holding 'good' is no score, and the buyer is told where."""
    rows = rfp_matrix_rows()
    rows[6][3] = "good"  # Technical architecture (row 7), the second vendor (column D)
    evaluation = evaluate_file(workbook_bytes({"Evaluation": rows}), "rfp.xlsx", None)
    said = [f for f in evaluation.findings if f.value == "good"]
    assert len(said) == 1
    assert (said[0].sheet, said[0].row, said[0].column) == ("Evaluation", 7, "D")
    assert said[0].message.startswith(f"{RFP_VENDORS[1]}'s score for 'Technical architecture' is not a number")
    out = validated(tmp_path, "rfp.xlsx", workbook_bytes({"Evaluation": rows}), capsys)
    assert 'sheet "Evaluation", row 7, column "D"' in out
