"""The app's evaluation cache: one evaluation per (file, sheet, settings), one workbook per choice."""

from __future__ import annotations

import io

import openpyxl
import pytest
from workbooks import DEFAULT_HEADER, default_row, xlsx_bytes

from scorecard import export
from scorecard.config import load_preset
from scorecard.pipeline import evaluate, prepare
from scorecard.read import read_workbook
from scorecard.ui.cache import EvaluationCache


@pytest.fixture(scope="module")
def prepared():
    rows = [DEFAULT_HEADER, *(default_row(f"Supplier {i}", cost=90_000 + 1_000 * i) for i in range(5))]
    return prepare(read_workbook(xlsx_bytes({"Suppliers": rows}), "rfq.xlsx"), load_preset("default"))


def counting(prepared, config, calls: list[int]):
    def build():
        calls.append(1)
        return evaluate(prepared, config)

    return build


def test_same_settings_give_the_same_evaluation_and_its_analyses(prepared) -> None:
    cache, calls = EvaluationCache(), []
    config = load_preset("default")
    first = cache.evaluation(("file", "Suppliers", config), counting(prepared, config, calls))
    again = cache.evaluation(("file", "Suppliers", load_preset("default")), counting(prepared, config, calls))
    assert again is first and len(calls) == 1
    assert again.sensitivity is first.sensitivity  # computed once, kept with the evaluation


def test_a_weight_change_scores_anew_and_moving_back_finds_the_first(prepared) -> None:
    cache, calls = EvaluationCache(), []
    config = load_preset("default")
    categories = {c.key: c.weight for c in config.categories}
    heavier = config.with_weights({**categories, "risk": 70.0}, {c.key: c.weight for c in config.criteria})
    first = cache.evaluation(("file", "S", config), counting(prepared, config, calls))
    moved = cache.evaluation(("file", "S", heavier), counting(prepared, heavier, calls))
    back = cache.evaluation(("file", "S", config), counting(prepared, config, calls))
    assert moved is not first and back is first and len(calls) == 2
    assert moved.result.totals.tolist() != first.result.totals.tolist()


def test_oldest_evaluation_is_dropped_first(prepared) -> None:
    cache, calls = EvaluationCache(size=2), []
    config = load_preset("default")
    for key in ("a", "b", "a", "c"):  # "a" was used after "b", so "b" goes
        cache.evaluation(key, counting(prepared, config, calls))
    assert list(cache.entries) == ["a", "c"] and len(calls) == 3


def test_workbook_is_written_once_per_choice(prepared, monkeypatch) -> None:
    cache, writes = EvaluationCache(), []
    config = load_preset("default")
    evaluation = cache.evaluation("key", lambda: evaluate(prepared, config))
    real = export.write_scored_workbook

    def counted(scored, *, input_sheets: bool = True) -> bytes:
        writes.append(input_sheets)
        return real(scored, input_sheets=input_sheets)

    monkeypatch.setattr("scorecard.ui.cache.write_scored_workbook", counted)
    full = cache.workbook(evaluation, input_sheets=True)
    assert cache.workbook(evaluation, input_sheets=True) is full
    lean = cache.workbook(evaluation, input_sheets=False)
    assert writes == [True, False]
    assert "Input Suppliers" in openpyxl.load_workbook(io.BytesIO(full)).sheetnames
    assert "Input Suppliers" not in openpyxl.load_workbook(io.BytesIO(lean)).sheetnames
    # an evaluation no longer kept is written without being stored
    other = evaluate(prepared, config)
    cache.workbook(other, input_sheets=True)
    cache.workbook(other, input_sheets=True)
    assert writes == [True, False, True, True]
