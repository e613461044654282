"""Map stage: columns found by name and synonym, overrides, suggestions, duplicates, excluded rows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from scorecard.clean import clean_column
from scorecard.cli import main
from scorecard.config import CONFIG_DIR, load_config, load_preset
from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.mapping import build_supplier_table, choose_supplier_sheet, map_columns
from scorecard.mapping import table as mapping_table
from scorecard.pipeline import evaluate_file
from scorecard.read import read_workbook
from scorecard.score import lead_of
from scorecard.tables import data_quality_table, leader_sentence, method_lines
from scorecard.tables.mapping import exclusion_reason
from tests.workbooks import DEFAULT_HEADER, default_row, xlsx_bytes


@pytest.fixture(scope="module")
def config():
    return load_preset("default")


def read(rows, name="Suppliers"):
    return read_workbook(xlsx_bytes({name: rows}), "event.xlsx")


def test_columns_are_found_by_synonym_ignoring_case_spacing_and_units(config):
    header = [
        "VENDOR",
        "tco",
        "Payment  terms",
        "Price validity",
        "Credit risk",
        "Country risk",
        "BCP",
        "OTD [%]",
        "PPM",
        "ISO9001",
        "ESG score",
        "CO2 intensity",
        "ISO14001",
        "Responsiveness",
        "Innovation",
        "Collaboration",
    ]
    sheet = read([header, default_row("Acme")]).sheets[0]
    mapping = map_columns(sheet, config)
    assert mapping.supplier.column == "VENDOR"
    assert not mapping.not_found
    assert mapping.column_for("on_time_delivery") == "OTD [%]"
    assert {m.how for m in mapping.criteria} <= {"column name", "synonym"}


def test_missing_weighted_column_is_left_out_and_its_suggestion_named(config):
    header = [h if h != "On-time delivery (%)" else "On time deliveries" for h in DEFAULT_HEADER]
    sheet = read([header, default_row("Acme")]).sheets[0]
    mapping = map_columns(sheet, config)
    mapped = build_supplier_table(sheet, mapping, config)
    assert "on_time_delivery" in mapped.table.absent
    notes = [f.message for f in mapped.findings if "No column for On-time delivery" in f.message]
    assert notes and "left out" in notes[0] and "On time deliveries" in notes[0]
    assert "shared among" in notes[0]


def test_override_wins_and_a_wrong_override_names_the_column(config):
    header = [h if h != "On-time delivery (%)" else "Delivery KPI" for h in DEFAULT_HEADER]
    sheet = read([header, default_row("Acme")]).sheets[0]
    mapping = map_columns(sheet, config.with_overrides({"on_time_delivery": "Delivery KPI"}))
    assert mapping.column_for("on_time_delivery") == "Delivery KPI"
    with pytest.raises(ScorecardError, match='column "Nope"'):
        map_columns(sheet, config.with_overrides({"on_time_delivery": "Nope"}))


def test_every_row_is_scored_or_excluded_with_its_reason(config):
    rows = [DEFAULT_HEADER, default_row("Acme"), default_row(None), default_row("Beta"), ["Total", 300_000]]
    sheet = read(rows).sheets[0]
    mapped = build_supplier_table(sheet, map_columns(sheet, config), config)
    assert mapped.table.suppliers == ("Acme", "Beta")
    assert mapped.rows_read == len(mapped.table.suppliers) + len(mapped.exclusions)
    assert sorted(exclusion_reason(e) for e in mapped.exclusions) == [
        "no supplier name",
        "totals row (Total)",
    ]


def test_duplicate_suppliers_are_kept_apart_and_reported(config):
    rows = [DEFAULT_HEADER, default_row("Acme"), default_row(" acme  "), default_row("Beta")]
    sheet = read(rows).sheets[0]
    mapped = build_supplier_table(sheet, map_columns(sheet, config), config)
    assert mapped.table.suppliers == ("Acme (row 2)", "acme (row 3)", "Beta")
    assert sum("appears in rows 2 and 3" in f.message for f in mapped.findings) == 2


def test_supplier_codes_keep_leading_zeros_and_na_is_a_name(config):
    rows = [DEFAULT_HEADER, default_row("00123"), default_row("NA")]
    sheet = read(rows).sheets[0]
    mapped = build_supplier_table(sheet, map_columns(sheet, config), config)
    assert mapped.table.suppliers == ("00123", "NA")


def test_supplier_sheet_is_chosen_by_its_columns(config):
    data = xlsx_bytes(
        {"Read me": [["Notes"], ["This workbook..."]], "Data": [DEFAULT_HEADER, default_row("Acme")]}
    )
    workbook = read_workbook(data, "e.xlsx")
    assert choose_supplier_sheet(workbook, config).name == "Data"


def test_unreadable_value_is_flagged_not_guessed(config):
    rows = [DEFAULT_HEADER, default_row("Acme", otd="about ninety"), default_row("Beta")]
    sheet = read(rows).sheets[0]
    mapped = build_supplier_table(sheet, map_columns(sheet, config), config)
    assert mapped.table.values.loc["Acme", "on_time_delivery"] == "about ninety"


def test_the_mapping_used_is_in_the_method_sheet_and_printed_by_validate(config, tmp_path, capsys):
    """An override ('your choice') and a synonym both show where a buyer looks: Method sheet and validate."""
    header = [h if h != "On-time delivery (%)" else "Delivery KPI" for h in DEFAULT_HEADER]
    header[header.index("Defect rate (ppm)")] = "PPM"
    data = xlsx_bytes({"Suppliers": [header, default_row("Acme"), default_row("Beta", cost=90_000)]})
    overridden = config.with_overrides({"on_time_delivery": "Delivery KPI"})
    evaluation = evaluate_file(data, "event.xlsx", overridden)
    method = dict_lines(method_lines(evaluation))
    assert 'On-time delivery: sheet "Suppliers", column "Delivery KPI" (your choice)' in method["Column"]
    assert 'Defect rate: sheet "Suppliers", column "PPM" (synonym)' in method["Column"]
    assert method["Supplier sheet"] == ["Suppliers"]
    assert method["Rows read"] == ["2 supplier rows read = 2 scored + 0 excluded (see Data quality)."]

    settings = tmp_path / "settings.yaml"
    settings.write_text(
        Path(CONFIG_DIR / "default.yaml").read_text()
        + "\ncolumn_overrides:\n  on_time_delivery: Delivery KPI\n"
    )
    workbook = tmp_path / "event.xlsx"
    workbook.write_bytes(data)
    assert main(["validate", str(workbook), "--config", str(settings)]) == 0
    printed = capsys.readouterr().out
    assert 'On-time delivery: sheet "Suppliers", column "Delivery KPI" (your choice)' in printed
    assert 'Defect rate: sheet "Suppliers", column "PPM" (synonym)' in printed
    assert "Rows: 2 read = 2 suppliers + 0 excluded" in printed


def dict_lines(lines):
    grouped = {}
    for item, detail in lines:
        grouped.setdefault(item, []).append(detail)
    return grouped


def test_data_quality_sheet_lists_every_finding_and_exclusion_with_where_and_what(config):
    rows = [
        ["Supplier evaluation"],
        DEFAULT_HEADER,
        default_row("Acme", otd="95%"),
        default_row(None),
        default_row("Beta", cost="n/a"),
        ["Total", 200_000],
    ]
    evaluation = evaluate_file(xlsx_bytes({"Suppliers": rows}), "event.xlsx", config)
    frame = data_quality_table(evaluation).frame
    assert list(frame.columns) == [
        "Severity",
        "Sheet",
        "Row",
        "Column",
        "Value found",
        "What we noticed",
        "What was done",
    ]
    assert set(frame["Severity"]) <= {"error", "warning", "info"}
    # each excluded row is listed once, by the finding that explains it (no name; a totals row)
    assert frame["Row"].eq(4).sum() == 1 and "no supplier name" in frame[frame["Row"].eq(4)].iloc[0, 5]
    assert frame["Row"].eq(6).sum() == 1 and "totals row" in frame[frame["Row"].eq(6)].iloc[0, 5]
    cost = frame[(frame["Column"] == "Total cost (EUR)") & frame["Row"].eq(5)]
    assert not cost.empty and (cost["Value found"] == "n/a").any()
    # and the policy applied to that cell without a value is listed too
    assert cost["What was done"].str.contains("disqualifies").any()
    mapped = evaluation.prepared.suppliers
    assert mapped.rows_read == len(evaluation.result.suppliers) + len(mapped.exclusions) == 4


def test_supplier_sheet_ties_go_to_the_visible_sheet_named_like_a_supplier_list(config):
    sheet = [DEFAULT_HEADER, default_row("Acme")]
    data = xlsx_bytes({"Copy": sheet, "Old suppliers": sheet, "Suppliers": sheet}, hidden=["Old suppliers"])
    assert choose_supplier_sheet(read_workbook(data, "e.xlsx"), config).name == "Suppliers"
    data = xlsx_bytes({"Copy": sheet, "Suppliers": sheet}, hidden=["Suppliers"])
    assert choose_supplier_sheet(read_workbook(data, "e.xlsx"), config).name == "Copy"


def test_overrides_do_not_stop_the_supplier_sheet_being_found(config):
    """An override names a column of the supplier sheet; other sheets must not trip over it."""
    header = [h if h != "On-time delivery (%)" else "Delivery KPI" for h in DEFAULT_HEADER]
    data = xlsx_bytes(
        {"Notes": [["Comment", "Owner"], ["x", "y"]], "Suppliers": [header, default_row("Acme")]}
    )
    workbook = read_workbook(data, "e.xlsx")
    chosen = choose_supplier_sheet(workbook, config.with_overrides({"on_time_delivery": "Delivery KPI"}))
    assert chosen.name == "Suppliers"


def iso_9001_unweighted(tmp_path: Path, extra: str = "", if_missing: str = "") -> Path:
    """The default settings with ISO 9001 at weight 0 (its must-have kept), as a file."""
    text = (CONFIG_DIR / "default.yaml").read_text()
    block = "        weight: 25\n        method: {type: categorical"
    assert text.count(block) == 1
    text = text.replace(block, "        weight: 0\n        method: {type: categorical")
    if if_missing:
        text = text.replace('    must_be: "Yes"\n', f'    must_be: "Yes"\n    if_missing: {if_missing}\n')
    path = tmp_path / "settings.yaml"
    path.write_text(text + extra)
    return path


def without(column: str, rows: list[list[object]]) -> list[list[object]]:
    at = DEFAULT_HEADER.index(column)
    return [[v for i, v in enumerate(r) if i != at] for r in rows]


def test_a_must_have_without_its_column_is_required_even_at_weight_0(tmp_path):
    rows = without("ISO 9001", [DEFAULT_HEADER, default_row("Acme"), default_row("Beta")])
    data = xlsx_bytes({"Suppliers": rows})
    config = load_config(iso_9001_unweighted(tmp_path))
    with pytest.raises(
        ScorecardError, match=r"no column for 1 must-have.*ISO 9001 certified must be Yes"
    ) as error:
        evaluate_file(data, "event.xlsx", config)
    assert "--skip-must-have iso_9001" in str(error.value)
    # knock-outs off: only noted, and nobody is disqualified
    off = load_config(iso_9001_unweighted(tmp_path, extra="\nknockouts_enabled: false\n"))
    result = evaluate_file(data, "event.xlsx", off).result
    assert result.qualified.all()


def test_a_must_have_that_passes_without_data_needs_no_column(tmp_path):
    rows = without("ISO 9001", [DEFAULT_HEADER, default_row("Acme"), default_row("Beta")])
    config = load_config(iso_9001_unweighted(tmp_path, if_missing="pass"))
    evaluation = evaluate_file(xlsx_bytes({"Suppliers": rows}), "event.xlsx", config)
    assert evaluation.result.qualified.all()
    notes = [f.message for f in evaluation.findings if "No column for ISO 9001" in f.message]
    assert notes and "lets a supplier without data pass" in notes[0]


def test_every_error_of_a_column_is_shown_as_full_sentences_before_the_hint(config, monkeypatch):
    def errors(values, kind, *, sheet, column, **options):
        cleaned = clean_column(values, kind, sheet=sheet, column=column, **options)
        found = [
            Finding(Severity.ERROR, f"Problem {i} in the dates", sheet=sheet, row=i, column=column)
            for i in range(1, 6)
        ]
        return replace(cleaned, findings=(*cleaned.findings, *found))

    monkeypatch.setattr(mapping_table, "clean_column", errors)
    sheet = read([DEFAULT_HEADER, default_row("Acme")]).sheets[0]
    with pytest.raises(ScorecardError) as caught:
        build_supplier_table(sheet, map_columns(sheet, config), config)
    text = str(caught.value)
    assert "Problem 1 in the dates. Problem 2 in the dates. Problem 3 in the dates." in text
    assert "And 2 more problem(s)" in text and "Problem 4" not in text
    assert text.index("more problem(s)") < text.index("Correct the column")


def test_numeric_criteria_reach_the_engine_as_float_unless_a_cell_is_unreadable(config):
    rows = [DEFAULT_HEADER, default_row("Acme", otd="about ninety"), default_row("Beta", cost=None)]
    sheet = read(rows).sheets[0]
    values = build_supplier_table(sheet, map_columns(sheet, config), config).table.values
    assert values["total_cost"].dtype == "float64"
    assert values["total_cost"].isna().tolist() == [False, True]  # a blank stays no data, never 0
    assert values["on_time_delivery"].dtype == object  # the unreadable text is kept for the engine
    assert values.at["Acme", "on_time_delivery"] == "about ninety"
    assert values["country_risk"].dtype == object  # a label, not a number


def ranked(totals: list[float], ranks: list[float], names: list[str]) -> SimpleNamespace:
    """Just what leader_sentence reads from a result."""
    order = np.array(sorted(range(len(totals)), key=lambda i: -totals[i]))
    lead = lead_of(np.array(totals), np.array(ranks, dtype=float), order, tuple(names))
    return SimpleNamespace(
        suppliers=tuple(names), totals=np.array(totals), ranks=np.array(ranks), ranked_order=order, lead=lead
    )


def test_leader_sentence_gap_adds_up_as_printed():
    sentence = leader_sentence(ranked([86.34, 83.86], [1, 2], ["Acme", "Beta"]))
    assert sentence == "Acme leads with 86.3 points, 2.4 points ahead of Beta (83.9)."
    photo = leader_sentence(ranked([80.04, 80.01], [1, 2], ["Acme", "Beta"]))
    assert photo == (
        "Acme leads with 80.04 points, 0.03 points ahead of Beta (80.01): a near tie (a lead under 1 point)."
    )
    # a finish that differs only at the third decimal never reads "0.00 ahead"
    closer = leader_sentence(ranked([80.004, 80.001], [1, 2], ["Acme", "Beta"]))
    assert "0.003 points ahead of Beta (80.001)" in closer


def test_three_way_tie_reads_as_a_list():
    sentence = leader_sentence(ranked([70.0, 70.0, 70.0, 50.0], [1, 1, 1, 4], ["A", "B", "C", "D"]))
    assert sentence == "A, B and C tie for first place with 70.0 points."


def test_a_sheet_with_none_of_the_settings_columns_names_what_was_looked_for(config):
    """No weighted criterion has a column: the run stops naming the sheet, the settings and the first six
    criteria looked for (a closest column named where one fits), and how many more."""
    sheet = read([["Supplier", "Comment", "Defects found"], ["Acme", "ok", 3], ["Beta", "late", 5]]).sheets[0]
    with pytest.raises(ScorecardError) as caught:
        build_supplier_table(sheet, map_columns(sheet, config), config)
    text = str(caught.value)
    weighted = [c for c in config.criteria if config.counted_shares()[c.key] > 0]
    assert f'Sheet "{sheet.name}" has none of the columns the settings {config.name} score on' in text
    assert weighted[0].label in text and f"and {len(config.criteria) - 6} more." in text
