"""Settings that fit the file, on the page (issue 13): a file with none of the preset's columns is scored
on its own columns, as on the command line; every preset ranks the shipped sample without a question;
the sidebar's shares are the shares that counted.

Expected figures come from the core (`evaluate_file`, `ScoreResult.base_weights`) on the same inputs, so
these tests check that the page shows what the pipeline decided, not a copy of its numbers.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from scorecard.config import load_preset, preset_paths
from scorecard.pipeline import evaluate_file
from scorecard.ui.settings import shares_in_percent
from scorecard.ui.setup import FITTED_CHOICE, criterion_key
from tests.ui.apptest import open_tab, table_with
from tests.workbooks import packaging_comparison, quotes_without_preset_columns, xlsx_bytes

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
SAMPLE = ROOT / "sample_data" / "sample_event.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
THREE_COLUMNS = [
    ["Supplier", "Price", "Delivery days", "Quality rating"],
    ["Acme", 100, 10, 4],
    ["Beta", 90, 20, 3],
    ["Gamma", 120, 5, 5],
]


def uploaded(name: str, data: bytes) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.file_uploader(key="upload").upload(name, data, XLSX)
    at.run()
    ok(at)
    return at


def ok(at: AppTest) -> None:
    """No exception, no apology (an unexpected error caught), no mapping step left to answer."""
    assert not at.exception, [e.value for e in at.exception]
    assert not any("Sorry, something went wrong" in e.value for e in at.error), [e.value for e in at.error]


def leader(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Leader").replace("\\", "")


def mapping_pickers(at: AppTest) -> list[str]:
    return [box.key for box in at.selectbox if box.key and box.key.startswith("mapping.pick.")]


def ranking_order(at: AppTest) -> list[str]:
    """The suppliers as the Ranking table lists them, top first."""
    frames = [f.value for f in at.dataframe if "Rank" in f.value.columns and "Supplier" in f.value.columns]
    assert frames, "no ranking table on the page"
    return [str(name) for name in frames[0]["Supplier"]]


# --------------------------------------------------------------------------- a file without the preset's columns


def test_a_file_with_none_of_the_presets_columns_scores_on_its_own_three() -> None:
    data = xlsx_bytes({"Suppliers": THREE_COLUMNS})
    at = uploaded("three columns.xlsx", data)
    assert not mapping_pickers(at)  # no "Match your columns" form: nothing of the default to match
    expected = evaluate_file(data, "three columns.xlsx", load_preset("default")).result
    assert {c.column for c in expected.criteria} == {"Price", "Delivery days", "Quality rating"}
    assert leader(at) == expected.leader == "Gamma"
    assert at.selectbox(key="preset").value == FITTED_CHOICE
    sliders = {s.key for s in at.slider if s.key and s.key.startswith("weight.criterion.")}
    assert sliders == {criterion_key(c.key) for c in expected.criteria}  # the sidebar weighs those three
    assert ranking_order(at)[0] == "Gamma"


def test_a_preset_picked_after_the_fit_is_kept_and_its_columns_asked_for() -> None:
    """Settings the buyer chooses are never replaced: the default, picked after the fit, asks for its columns."""
    at = uploaded("three columns.xlsx", xlsx_bytes({"Suppliers": THREE_COLUMNS}))
    at.selectbox(key="preset").set_value("default")
    at.run()
    ok(at)
    assert at.selectbox(key="preset").value == "default"
    assert mapping_pickers(at)  # the default's criteria, to match or leave out
    at.selectbox(key="preset").set_value(FITTED_CHOICE)  # and back, in one click
    at.run()
    ok(at)
    assert leader(at) == "Gamma"


def test_a_preset_picked_before_the_upload_is_kept() -> None:
    """A preset chosen by the buyer is not swapped for built settings: its columns are asked for."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.selectbox(key="preset").set_value("indirect_spend")
    at.run()
    at.file_uploader(key="upload").upload(
        "three columns.xlsx", xlsx_bytes({"Suppliers": THREE_COLUMNS}), XLSX
    )
    at.run()
    ok(at)
    assert at.selectbox(key="preset").value == "indirect_spend"
    assert mapping_pickers(at)


def test_another_file_goes_back_to_the_rule() -> None:
    """Settings built from one file's columns do not follow to the next file: the sample gets the default."""
    at = uploaded("three columns.xlsx", xlsx_bytes({"Suppliers": THREE_COLUMNS}))
    at.file_uploader(key="upload").upload(SAMPLE.name, SAMPLE.read_bytes(), XLSX)
    at.run()
    ok(at)
    assert at.selectbox(key="preset").value == "default"
    assert FITTED_CHOICE not in at.selectbox(key="preset").options
    assert leader(at) == evaluate_file(SAMPLE.read_bytes(), SAMPLE.name, load_preset("default")).result.leader


FOUR_COLUMNS = [
    ["Supplier", "Total cost", "On-time delivery (%)", "Defect rate (ppm)", "ISO 9001"],
    ["Acme", 100000, 95, 300, "Yes"],
    ["Beta", 90000, 97, 800, "Yes"],
    ["Gamma", 120000, 99, 100, "No"],
]


def test_four_of_the_defaults_columns_score_once_the_missing_must_haves_are_switched_off() -> None:
    """The file has 4 of the default's 15 columns: the others are left out without a question, except the
    must-haves without a column, each asked about with "switch this must-have off" (never pre-selected);
    once switched off the page ranks as the command line does with --skip-must-have."""
    data = xlsx_bytes({"Suppliers": FOUR_COLUMNS})
    at = uploaded("four columns.xlsx", data)
    pickers = mapping_pickers(at)
    config = load_preset("default")
    strict = {r.criterion for r in config.knockouts if r.if_missing != "pass"}
    asked = {key.removeprefix("mapping.pick.") for key in pickers}
    assert asked and asked <= strict  # only must-haves whose column is absent are asked about
    for key in pickers:
        box = at.selectbox(key=key)
        assert box.value is None and box.options[-1] == "(not in my file: switch this must-have off)"
        box.set_value(box.options[-1])
    at.button(key="mapping.continue").click()
    at.run()
    ok(at)
    assert not mapping_pickers(at)
    expected = evaluate_file(data, "four columns.xlsx", config.without_must_haves(sorted(asked))).result
    assert leader(at) == expected.leader
    # every criterion but the four the file has (total cost, OTD, ppm, ISO 9001) is left out
    assert len(expected.left_out) == len(config.criteria) - 4


def sample_without(column: str) -> bytes:
    """The shipped sample with one column of its Suppliers sheet deleted."""
    book = load_workbook(io.BytesIO(SAMPLE.read_bytes()))
    sheet = book["Suppliers"]
    header = next(row for row in sheet.iter_rows() if row[0].value == "Supplier")
    position = next(cell.column for cell in header if cell.value == column)
    sheet.delete_cols(position)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_must_have_without_its_column_is_asked_about_and_a_gap_is_named() -> None:
    """Without "ISO 27001", technology_automotive asks for its must-have (ISO 9001 never stands in for
    it, so nothing is pre-selected); continuing with the gap says what is still to choose; switching the
    must-have off scores."""
    at = uploaded(SAMPLE.name, sample_without("ISO 27001"))
    at.selectbox(key="preset").set_value("technology_automotive")
    at.run()
    ok(at)
    box = at.selectbox(key="mapping.pick.iso_27001")
    assert box.value is None and "ISO 9001" in box.options
    at.button(key="mapping.continue").click()
    at.run()
    ok(at)
    assert any("Still to choose: ISO 27001 certified" in e.value.replace("\\", "") for e in at.error)
    at.selectbox(key="mapping.pick.iso_27001").set_value(
        at.selectbox(key="mapping.pick.iso_27001").options[-1]
    )
    at.button(key="mapping.continue").click()
    at.run()
    ok(at)
    config = load_preset("technology_automotive").without_must_haves(["iso_27001"])
    assert leader(at) == evaluate_file(sample_without("ISO 27001"), SAMPLE.name, config).result.leader


# --------------------------------------------------------------------------- every preset, the sample


@pytest.mark.slow
@pytest.mark.parametrize("preset", [p.stem for p in preset_paths()])
def test_every_preset_ranks_the_sample_without_a_question(preset: str) -> None:
    """Switching preset with the sample loaded gives a ranking at once (no mapping step: criteria without
    a column are left out, every must-have has its column); the leader and the order are the core's, and
    each criterion's share in the sidebar is the share that counted (0 for a left-out criterion)."""
    at = uploaded(SAMPLE.name, SAMPLE.read_bytes())
    at.selectbox(key="preset").set_value(preset)
    at.run()
    ok(at)
    assert not mapping_pickers(at), preset
    result = evaluate_file(SAMPLE.read_bytes(), SAMPLE.name, load_preset(preset)).result
    assert leader(at) == result.leader
    ranked = [s for s, rank in zip(result.suppliers, result.ranks, strict=True) if rank == rank]
    by_rank = sorted(ranked, key=lambda s: result.ranks[result.suppliers.index(s)])
    assert ranking_order(at)[: len(by_rank)] == by_rank
    # the sidebar's shares, criterion by criterion in the sidebar's order, against the scoring's own weights
    counted = shares_in_percent(dict(zip((c.key for c in result.criteria), result.base_weights, strict=True)))
    config = load_preset(preset)
    order = [c.key for category in config.categories for c in category.criteria]
    shown = [c.value.split(" · ", 1)[1] for c in at.sidebar.caption if " · **" in c.value]
    assert shown == [f"**{counted[key]:.1f}%** of the total" for key in order]
    left_out = [c.value for c in at.sidebar.caption if c.value.startswith("left out")]
    assert len(left_out) == len(result.left_out)


# --------------------------------------------------------------------------- must-haves switched off (F1, F15)


def switch_off_every_pick(at: AppTest) -> None:
    """Answer the column step as a buyer whose file has none of the columns asked for."""
    for key in mapping_pickers(at):
        box = at.selectbox(key=key)
        box.set_value(box.options[-1])
    at.button(key="mapping.continue").click()
    at.run()
    ok(at)


def switched_off_banners(at: AppTest) -> list[str]:
    return [w.value.replace("\\", "") for w in at.warning if "was switched off" in w.value.replace("\\", "")]


def test_a_switched_off_must_have_is_named_above_the_results_and_can_be_switched_back_on() -> None:
    """A buyer's comparison sheet without a financial-risk column: the column step names the must-have's bar;
    switched off, the page ranks as the settings without it would, says above the results what was not
    checked, lists it under Data quality, and "Switch it back on" asks for the column again."""
    data = packaging_comparison()
    at = uploaded("packaging rfq.xlsx", data)
    assert mapping_pickers(at) == ["mapping.pick.financial_risk"]
    box = at.selectbox(key="mapping.pick.financial_risk")
    assert "a must-have: Financial risk score must be at most 70" in box.label.replace("\\", "")
    switch_off_every_pick(at)
    config = load_preset("default").without_must_haves(["financial_risk"])
    assert leader(at) == evaluate_file(data, "packaging rfq.xlsx", config).result.leader
    (banner,) = switched_off_banners(at)
    assert banner.startswith('The must-have "Financial risk score must be at most 70" was switched off')
    assert "suppliers were not checked for Financial risk score" in banner
    assert not any("changed or flagged" in w.value for w in at.warning)  # not counted as a changed value
    open_tab(at, "Data quality")
    quality = table_with(at, "Severity")
    assert quality["What we noticed"].str.contains("switched off").sum() == 1
    at.button(key="switch_back_on.financial_risk").click()
    at.run()
    ok(at)
    assert mapping_pickers(at) == ["mapping.pick.financial_risk"]
    assert at.selectbox(key="mapping.pick.financial_risk").value is None


def test_a_chosen_preset_without_any_of_its_columns_scores_the_files_own_once_answered() -> None:
    """The buyer picks the default, then loads quotes with none of its columns: the column step asks for
    its criteria; once each is left out and the must-haves switched off, the file is scored on its own
    columns (as on the command line), not asked again, and both must-haves are named."""
    data = quotes_without_preset_columns()
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.selectbox(key="preset").set_value("indirect_spend")
    at.run()
    at.selectbox(key="preset").set_value("default")
    at.run()
    at.file_uploader(key="upload").upload("lot 4 quotes.xlsx", data, XLSX)
    at.run()
    ok(at)
    assert at.selectbox(key="preset").value == "default"
    assert len(mapping_pickers(at)) == len(load_preset("default").criteria)  # each of the chosen settings'
    switch_off_every_pick(at)
    assert not mapping_pickers(at)
    assert at.selectbox(key="preset").value == FITTED_CHOICE
    expected = evaluate_file(
        data, "lot 4 quotes.xlsx", load_preset("default").without_must_haves(["iso_9001", "financial_risk"])
    ).result
    assert leader(at) == expected.leader == "Gamma Wood"
    banners = switched_off_banners(at)
    assert len(banners) == 2 and any("ISO 9001 certified must be Yes" in b for b in banners)
    # switched back on: the chosen settings come back, and the column step asks for the must-have's column
    at.button(key="switch_back_on.iso_9001").click()
    at.run()
    ok(at)
    assert at.selectbox(key="preset").value == "default"
    box = at.selectbox(key="mapping.pick.iso_9001")
    assert box.value is None and box.options[-1] == "(not in my file: switch this must-have off)"


def test_settings_built_from_the_files_columns_name_the_presets_must_haves_as_not_applied() -> None:
    """The default gives way to the file's own columns: its must-haves were not checked, and the page says so
    (no switch-back button: the file has no column to check them against)."""
    at = uploaded("lot 4 quotes.xlsx", quotes_without_preset_columns())
    assert at.selectbox(key="preset").value == FITTED_CHOICE
    banners = [
        w.value.replace("\\", "") for w in at.warning if "was not applied" in w.value.replace("\\", "")
    ]
    assert len(banners) == 2
    assert banners[1].startswith('The must-have "Financial risk score must be at most 70" was not applied')
    assert not [b.key for b in at.button if b.key and b.key.startswith("switch_back_on.")]
