"""The shipped sample and template: realistic, in step with the default preset, and a golden ranking."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import openpyxl
import pytest

from scorecard.config import load_preset
from scorecard.errors import ScorecardError
from scorecard.pipeline import evaluate_file
from scorecard.tables import ranking_frame
from scorecard.template import BID_COLUMNS, instructions_frame

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "sample_event.xlsx"
TEMPLATE = ROOT / "sample_data" / "template.xlsx"
sys.path.insert(0, str(ROOT / "sample_data"))
import build_samples  # noqa: E402


def sheet_values(data: bytes) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {s.title: [tuple(r) for r in s.iter_rows(values_only=True)] for s in book.worksheets}


def test_committed_files_match_the_builder():
    """Run `python sample_data/build_samples.py` when this fails."""
    assert sheet_values(SAMPLE.read_bytes()) == sheet_values(build_samples.build_sample())
    assert sheet_values(TEMPLATE.read_bytes()) == sheet_values(
        build_samples.build_template(load_preset("default"))
    )


@pytest.fixture(scope="module")
def evaluation():
    return evaluate_file(SAMPLE.read_bytes(), SAMPLE.name, load_preset("default"))


def test_golden_ranking(evaluation):
    ranking = ranking_frame(evaluation.result)
    ranked = ranking.dropna(subset=["Rank"])
    assert list(ranked["Supplier"][:3]) == [
        "Nordic Steelworks AB",
        "Rheinland Präzision GmbH",
        "Osaka Fine Components KK",
    ]
    assert list(ranked["Rank"][:3]) == [1, 2, 3]
    assert ranked["Score"].iloc[0] - ranked["Score"].iloc[1] < 2.5  # a close race at the top


def test_sample_is_realistic(evaluation):
    result = evaluation.result
    assert len(result.suppliers) >= 15
    disqualified = {s for s, q in zip(result.suppliers, result.qualified, strict=True) if not q}
    assert disqualified == {"Hanoi Mechanical JSC", "São Paulo Forjados Ltda"}
    assert 0 < result.missing.sum() <= 10
    assert len({str(v) for v in build_samples.SUPPLIERS for v in [v[1]]}) >= 10  # countries


def test_template_lists_every_column_with_unit_and_example():
    values = sheet_values(TEMPLATE.read_bytes())
    config = load_preset("default")
    header = [v for v in values["Suppliers"][0] if v]
    assert header == [config.supplier_column, *(c.column for c in config.criteria if not c.panel)]
    rows = values["Instructions"]
    start = next(i for i, r in enumerate(rows) if r[0] == "Column")
    documented = {r[0]: r for r in rows[start + 1 :]}
    for c in config.criteria:
        if not c.panel:
            assert documented[c.column][2] and documented[c.column][3] is not None
    evaluations = values["Evaluations"]
    start = next(i for i, r in enumerate(evaluations) if r[0] == "Evaluator")
    assert start == 0  # the header in row 1: nothing above it for the reader to report
    assert evaluations[start + 1 :] == []  # headers only: an example rating would be scored
    examples = " ".join(str(r[0]) for r in rows if r[0])
    assert all(f"| {c.label} |" in examples for c in config.criteria if c.panel)


def test_the_untouched_template_has_no_suppliers_and_says_what_to_do():
    assert [r for r in sheet_values(TEMPLATE.read_bytes())["Suppliers"][1:] if any(r)] == []
    with pytest.raises(ScorecardError, match="no suppliers yet") as caught:
        evaluate_file(TEMPLATE.read_bytes(), TEMPLATE.name, load_preset("default"))
    assert "Add one row per supplier" in str(caught.value)


def test_a_template_with_one_supplier_row_scores_it_with_the_panel_not_rated_yet():
    config = load_preset("default")
    book = openpyxl.load_workbook(TEMPLATE)
    book["Suppliers"].append(instructions_frame(config)["Example"].tolist())
    buffer = io.BytesIO()
    book.save(buffer)
    result = evaluate_file(buffer.getvalue(), "filled.xlsx", config).result
    assert result.suppliers == ("Example Supplier Ltd",)
    assert result.rank_of(0) == 1


def with_supplier_sheet_column(header: str, values: dict[str, object]) -> bytes:
    """The sample with an extra supplier-sheet column, filled for the named suppliers."""
    book = openpyxl.load_workbook(SAMPLE)
    sheet = book["Suppliers"]
    header_row = next(r for r in sheet.iter_rows(min_row=1, max_row=10) if r[0].value == "Supplier")[0].row
    column = sheet.max_column + 1
    sheet.cell(header_row, column, header)
    for row in range(header_row + 1, sheet.max_row + 1):
        name = sheet.cell(row, 1).value
        if name in values:
            sheet.cell(row, column, values[name])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_supplier_sheet_cost_column_is_read_and_a_different_bid_total_wins_with_a_warning(evaluation):
    supplier = evaluation.result.suppliers[0]
    calculated = evaluation.prepared.table.values.at[supplier, "total_cost"]
    data = with_supplier_sheet_column("Total cost (EUR)", {supplier: 1234.0})
    prepared = evaluate_file(data, SAMPLE.name, load_preset("default")).prepared
    assert prepared.table.values.at[supplier, "total_cost"] == pytest.approx(calculated)
    warned = [f for f in prepared.findings if f.column == "Total cost (EUR)" and f.value == "1234.0"]
    assert len(warned) == 1
    assert "supplier sheet says 1,234" in warned[0].message and '"Bids"' in warned[0].message
    assert f"{calculated:,.6g}" in warned[0].message
    assert prepared.sources["total_cost"].describe() == 'calculated from bid sheet "Bids"'


def test_a_supplier_sheet_rating_column_reaches_the_panel_check(evaluation):
    supplier = evaluation.result.suppliers[0]
    data = with_supplier_sheet_column("Responsiveness (1-5)", {supplier: 1})
    prepared = evaluate_file(data, SAMPLE.name, load_preset("default")).prepared
    warned = [f for f in prepared.findings if f.column == "Responsiveness (1-5)"]
    assert len(warned) == 1 and "the supplier sheet says" in warned[0].message


def test_criteria_sheet_names_each_source(evaluation):
    frame = evaluation.report_tables[1].frame
    source = dict(zip(frame["Criterion"], frame["Source"], strict=False))
    assert source["Total cost of ownership"] == 'calculated from bid sheet "Bids"'
    assert source["Responsiveness"] == 'panel consensus on sheet "Evaluations"'
    assert source["On-time delivery"].startswith("Suppliers / row ")


def test_panel_drives_the_rated_criteria_and_flags_the_disagreement(evaluation):
    panel = evaluation.prepared.panel
    assert panel is not None and panel.evaluators == ("Buyer", "Quality engineer", "Plant manager")
    flagged = panel.disagreements[["supplier", "criterion"]].drop_duplicates()
    assert flagged.values.tolist() == [["Shenzhen Brightway Manufacturing Co.", "innovation"]]
    result = evaluation.result
    i, j = result.index_of("Shenzhen Brightway Manufacturing Co."), result.criterion_index("innovation")
    assert result.raw.iloc[i, j] == pytest.approx((5 + 2 + 4) / 3)


def test_bids_drive_total_cost_and_can_be_recomputed_by_hand(evaluation):
    bids = evaluation.prepared.bids
    assert bids is not None and bids.base_currency == "EUR"
    lines = [row for row in build_samples.bid_rows()]
    result = evaluation.result
    j = result.criterion_index("total_cost")

    def by_hand(supplier: str) -> float:
        own = [r for r in lines if r[0] == supplier]
        rate = build_samples.USD_PER_EUR_RATE if own[0][6] == "USD" else 1.0
        return sum(r[4] * r[5] * rate for r in own)

    for supplier in ("Nordic Steelworks AB", "Ohio Valley Fabrication Inc."):  # full coverage, EUR and USD
        assert result.raw.iloc[result.index_of(supplier), j] == pytest.approx(by_hand(supplier), rel=1e-12)
    partial = bids.suppliers.loc["Shenzhen Brightway Manufacturing Co."]
    assert partial["items_quoted"] == 10 and partial["items_requested"] == 12
    assert partial["total_cost"] > by_hand("Shenzhen Brightway Manufacturing Co.")  # unquoted items filled


# --------------------------------------------------------------------------- a template that guides


def validations(sheet: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, object]:
    """Header of each validated column -> its rule (openpyxl reads back what the template wrote)."""
    headers = {cell.column_letter: cell.value for cell in sheet[1]}
    out = {}
    for rule in sheet.data_validations.dataValidation:
        (first,) = str(rule.sqref).split()
        out[headers[first.split(":")[0].rstrip("0123456789")]] = rule
    return out


@pytest.mark.parametrize("preset", ["default", "indirect_spend", "healthcare_construction"])
def test_template_offers_drop_downs_for_every_yes_no_level_and_rating_column(preset: str) -> None:
    config = load_preset(preset)
    book = openpyxl.load_workbook(io.BytesIO(build_samples.build_template(config)))
    rules = validations(book["Suppliers"])
    header = [c.value for c in book["Suppliers"][1]]
    for c in config.criteria:
        if c.column not in header:
            continue  # panel-rated: on the Evaluations sheet
        if c.kind == "yes_no":
            assert rules[c.column].type == "list" and rules[c.column].formula1 == '"Yes,No"', c.column
        elif c.method.kind == "categorical":
            labels = ",".join(label for label, _ in c.method.points)
            assert rules[c.column].formula1 == f'"{labels}"', c.column
        elif c.method.kind == "linear" and "rating" in c.unit.casefold():
            rule = rules[c.column]
            low, high = sorted((c.method.worst, c.method.best))
            assert (rule.type, float(rule.formula1), float(rule.formula2)) == ("decimal", low, high)
        else:
            assert c.column not in rules, c.column  # amounts, days, scores: any number
    for rule in rules.values():
        assert rule.errorStyle == "warning" and rule.allow_blank  # n/a and blanks stay possible
    panel = config.section("panel")
    if panel is not None:
        rated = validations(book["Evaluations"])
        assert (
            rated["Criterion"].formula1 == '"' + ",".join(c.label for c in config.criteria if c.panel) + '"'
        )
        bounds = (float(rated["Rating"].formula1), float(rated["Rating"].formula2))
        assert bounds == (panel.scale_min, panel.scale_max)


def test_template_has_optional_bids_and_fx_sheets_and_plain_wording() -> None:
    values = sheet_values(TEMPLATE.read_bytes())
    assert values["Bids"] == [tuple(BID_COLUMNS)]
    assert values["FX rates"] == [("Currency", "Rate")]
    text = " ".join(str(v) for row in values["Instructions"] for v in row if v)
    assert "Blank: the supplier disqualifies" not in text
    assert "A blank cell disqualifies the supplier." in text
    assert "Example Supplier Ltd | MC-1001" in text and "USD | 0.92" in text  # the example rows, as text


def test_a_filled_in_template_uploads_without_a_note_about_its_instructions() -> None:
    """Two suppliers typed from the Example column, ratings, a bid per supplier and an FX rate."""
    config = load_preset("default")
    book = openpyxl.load_workbook(TEMPLATE)
    example = instructions_frame(config)["Example"].tolist()
    for name in ("Alpha Components Ltd", "Beta Machining GmbH"):
        book["Suppliers"].append([name, *example[1:]])
        for c in config.criteria:
            if c.panel:
                book["Evaluations"].append(["Buyer", name, c.label, 3, None])
        book["Bids"].append(
            [name, "MC-1", "Bracket", "each", 100, 4.0 if name.startswith("A") else 5.0, "USD"]
        )
    book["FX rates"].append(["USD", 0.92])
    buffer = io.BytesIO()
    book.save(buffer)
    evaluation = evaluate_file(buffer.getvalue(), "filled.xlsx", config)
    assert not [f for f in evaluation.findings if f.sheet == "Instructions"]
    assert {f.sheet for f in evaluation.findings} <= {"Suppliers", "Bids", "FX rates", "Evaluations"}
    result = evaluation.result
    assert result.leader == "Alpha Components Ltd"  # the cheaper bid, everything else equal
    assert evaluation.prepared.bids is not None
    assert evaluation.prepared.panel is not None and evaluation.prepared.panel.ratings.shape[0] == 6


def test_the_sample_has_the_messy_cells_its_read_me_promises(evaluation) -> None:
    values = sheet_values(SAMPLE.read_bytes())
    cells = [v for row in values["Suppliers"] for v in row]
    assert any(isinstance(v, str) and v.startswith(("€", "EUR ")) for v in cells)  # amounts typed as text
    assert "TBD" in cells and "n/a" in cells and None in cells
    read_me = " ".join(str(r[0]) for r in values["Read me"] if r[0])
    assert "amounts typed as text, 'n/a', 'TBD' and blanks" in read_me
    said = [f.message for f in evaluation.findings]
    assert any("'TBD'" in m for m in said) and any("'n/a'" in m for m in said)
    assert evaluation.result.leader  # and it still scores
