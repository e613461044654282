"""The column step: a needed column not found is picked by the buyer, an unasked column can be added."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.ui.apptest import (
    XLSX,
    metric,
    no_apology,
    open_tab,
    renamed_sample,
    started,
    table_with,
)


def test_a_column_not_found_is_picked_by_the_buyer_then_scored(
    sample: bytes, leaders: tuple[str, str]
) -> None:
    data = renamed_sample(sample, "On-time delivery (%)", "Deliveries on time (%)")
    at = started()
    at.file_uploader(key="upload").upload("renamed.xlsx", data, XLSX)
    at.run()
    assert not at.exception
    assert not at.metric  # the page waits for the buyer's choice
    pickers = [box.key for box in at.selectbox if box.key and box.key.startswith("mapping.pick.")]
    assert pickers == ["mapping.pick.on_time_delivery"]  # only what the pipeline asked for
    picker = at.selectbox(key="mapping.pick.on_time_delivery")
    assert picker.options[0] == "Deliveries on time (%)"  # the closest match is offered first
    at.button(key="mapping.continue").click()
    at.run()
    assert not at.exception
    assert metric(at, "Leader") == leaders[0]  # same data, same ranking
    # the choice is part of the settings a buyer downloads
    settings_yaml = next(
        e for e in at.get("download_button") if e.proto.label.startswith("Download these settings")
    )
    assert settings_yaml is not None


def test_a_criterion_left_out_in_the_mapping_step_gets_weight_zero(sample: bytes) -> None:
    data = renamed_sample(sample, "Price validity (months)", "Validity of prices (months)")
    at = started()
    at.file_uploader(key="upload").upload("renamed.xlsx", data, XLSX)
    at.run()
    picker = at.selectbox(key="mapping.pick.price_validity")
    picker.set_value(picker.options[-1])  # "not in my file"
    at.button(key="mapping.continue").click()
    at.run()
    assert not at.exception
    assert at.slider(key="weight.criterion.price_validity").value == 0
    assert metric(at, "Leader")


def test_a_column_nobody_asked_for_can_be_added_as_a_criterion(sample: bytes) -> None:
    book = load_workbook(io.BytesIO(sample))
    sheet = book["Suppliers"]
    top = next(r for r in range(1, 20) if sheet.cell(row=r, column=1).value == "Supplier")
    width = sum(1 for cell in sheet[top] if cell.value is not None)
    sheet.cell(row=top, column=width + 1, value="Uptime (%)")
    for row in range(top + 1, sheet.max_row + 1):
        if sheet.cell(row=row, column=1).value:
            sheet.cell(row=row, column=width + 1, value=90 + row % 10)
    buffer = io.BytesIO()
    book.save(buffer)
    at = started()
    at.file_uploader(key="upload").upload("uptime.xlsx", buffer.getvalue(), XLSX)
    at.run()
    assert not at.exception
    add = at.button(key="candidate.add.uptime")
    assert add.label == "Add as a criterion"
    add.click()
    at.run()
    assert not at.exception
    no_apology(at)
    open_tab(at, "Compare")
    assert "Uptime (%)" in set(table_with(at, "Share that counted")["Criterion"])
