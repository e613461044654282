"""The first screen and the upload: what a buyer sees before and just after choosing a file, and bad files."""

from __future__ import annotations

import pytest

from scorecard.config import load_preset
from scorecard.errors import ScorecardError
from scorecard.pipeline import evaluate_file
from scorecard.read import read_workbook
from scorecard.tables import leader_sentence
from scorecard.ui import steps
from tests.ui.apptest import (
    SAMPLE,
    XLSX,
    loaded,
    metric,
    no_apology,
    plain,
    started,
)


def test_first_screen_offers_upload_sample_and_template() -> None:
    at = started()
    assert at.title[0].value == "Scorecard"
    uploader = at.file_uploader(key="upload")
    assert set(uploader.allowed_type) >= {".xlsx", ".xlsm", ".csv"}
    assert at.button(key="sample").label == "Try it with the sample data"
    labels = [e.proto.label for e in at.get("download_button")]
    assert "Download the blank template" in labels
    assert not at.metric  # nothing is scored before there is a file
    assert not at.error


def test_uploading_the_sample_shows_the_leader_and_its_margin(
    sample: bytes, leaders: tuple[str, str]
) -> None:
    at = loaded(sample)
    evaluation = evaluate_file(sample, SAMPLE.name, load_preset("default"))
    result = evaluation.result
    assert metric(at, "Leader") == leaders[0]
    assert (
        plain(at.success[0].value) == leader_sentence(result, evaluation.first_place) == evaluation.headline
    )
    assert metric(at, "Lead over 2nd") == result.lead.points
    assert (
        metric(at, "Suppliers ranked")
        == f"{int((result.ranks == result.ranks).sum())} of {len(result.suppliers)}"
    )
    no_apology(at)


def test_the_sample_button_scores_the_sample(leaders: tuple[str, str]) -> None:
    at = started()
    at.button(key="sample").click()
    at.run()
    assert not at.exception
    assert metric(at, "Leader") == leaders[0]
    assert any("(sample data)" in m.value for m in at.markdown)  # the folded file line


def test_a_pdf_renamed_xlsx_is_refused_with_its_message_not_a_traceback() -> None:
    pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    with pytest.raises(ScorecardError) as expected:
        read_workbook(pdf, "bids.xlsx")
    at = started()
    at.file_uploader(key="upload").upload("bids.xlsx", pdf, XLSX)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [str(expected.value)]
    assert not at.metric


def test_a_sheet_without_suppliers_says_what_to_add() -> None:
    data = b"Item,Quantity\nBolt,100\nNut,200\n"
    at = started()
    at.file_uploader(key="upload").upload("items.csv", data, "text/csv")
    at.run()
    assert not at.exception
    assert any("looks like a supplier list" in e.value for e in at.error)
    no_apology(at)


def test_an_unexpected_error_gets_an_apology_not_a_traceback(
    sample: bytes, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("a bug in the reader")

    monkeypatch.setattr(steps, "read_workbook", broken)
    at = started()
    at.file_uploader(key="upload").upload(SAMPLE.name, sample, XLSX)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [steps.APOLOGY.format(what="reading your file")]
    assert "a bug in the reader" in caplog.text  # logged with its traceback for us, not shown to the buyer
