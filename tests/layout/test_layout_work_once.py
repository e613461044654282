"""A score run decides the layout twice (from the file alone, then with the settings); the expensive per-sheet
work in it is done once per sheet, and a supplier list's rows are never read as an evaluation matrix's."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from scorecard.cli import main
from scorecard.layout import bid_tabs, matrix
from scorecard.layout.matrix_cells import grid_of
from scorecard.read import read_workbook
from tests.layout.evaluation_workbooks import rfp_matrix_rows, workbook_bytes
from tests.workbooks import DEFAULT_HEADER, default_row, xlsx_bytes

SUPPLIERS = [f"Supplier {i:02d} Ltd" for i in range(40)]
ITEMS = [("P-1", "Steel bracket", 100), ("P-2", "Hinge", 250), ("P-3", "Bolt M8", 1000)]


def supplier_list_and_bids() -> bytes:
    """A supplier list under a title (so the matrix search has 30 candidate names rows) and a long bid sheet."""
    suppliers = [["Supplier evaluation, spring tender"], [], DEFAULT_HEADER]
    suppliers += [default_row(name, cost=90_000 + 1_000 * i) for i, name in enumerate(SUPPLIERS)]
    bids: list[list[object]] = [["Supplier", "Item code", "Description", "Quantity", "Unit price"]]
    for i, name in enumerate(SUPPLIERS):
        bids += [
            [name, code, text, quantity, 2.5 + i / 10 + k] for k, (code, text, quantity) in enumerate(ITEMS)
        ]
    return xlsx_bytes({"Suppliers": suppliers, "Bids": bids})


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each piece of expensive per-sheet layout work was done: a searched sheet's grid, a names
    row's criterion rows, a bid sheet's bidder column factorised."""
    done: Counter[str] = Counter()

    def grid(sheet):
        done[f"grid {sheet.name}"] += 1
        return grid_of(sheet)

    plain_rows = matrix.criterion_rows

    def rows(*args):
        done["criterion rows"] += 1
        return plain_rows(*args)

    def factorize(values, **options):
        done[f"bidders {values.name}"] += 1
        return pd.factorize(values, **options)

    monkeypatch.setattr(matrix, "grid_of", grid)
    monkeypatch.setattr(matrix, "criterion_rows", rows)
    monkeypatch.setattr(bid_tabs, "pd", SimpleNamespace(factorize=factorize))  # bid_tabs' only use of pandas
    return done


def test_a_score_run_does_each_sheets_layout_work_once(
    tmp_path: Path, work: Counter[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "event.xlsx"
    path.write_bytes(supplier_list_and_bids())
    assert main(["score", str(path), "--output", str(tmp_path / "scored.xlsx")]) == 0
    assert "Supplier 00 Ltd" in capsys.readouterr().out
    # the supplier list is searched for a matrix once; its rows are never read as criteria (no Criterion
    # heading, no weight column); the bid sheet's bidders are counted once for both decisions
    assert work == Counter({"grid Suppliers": 1, "bidders Supplier": 1})


def test_a_matrix_still_has_its_rows_read(work: Counter[str]) -> None:
    book = read_workbook(workbook_bytes({"Evaluation": rfp_matrix_rows()}), "m.xlsx")
    found = matrix.read_matrix(book.sheet("Evaluation"))
    assert found is not None and len(found.criteria) >= 2
    assert work["grid Evaluation"] == 1 and work["criterion rows"] >= 1


WORDS = ["Criterion", "Criteria", "Evaluation criteria", "Weight", "Weight (%)", "Multiplier", "Total",
         "TOTAL", "Rank", "Score", "Notes", "Quality", "Delivery", "Price", "Service", "Acme", "Beta",
         "Gamma", "Supplier", "Item", "Scoring scale 1-5"]  # fmt: skip


def random_grid(rng: random.Random) -> list[list[object]]:
    """A small sheet that is sometimes an evaluation matrix: a header of words, labels and weights and
    scores below, blanks, totals, stray words and numbers."""
    width = rng.randint(3, 7)
    rows: list[list[object]] = []
    for _ in range(rng.randint(3, 14)):
        kind = rng.random()
        if kind < 0.25:
            row = [rng.choice(WORDS) if rng.random() < 0.8 else None for _ in range(width)]
        elif kind < 0.35:
            row = [None] * width
        else:
            row = [rng.choice([*WORDS[10:15], None])]
            row.append(rng.choice([None, 10, 20, 25, 40, 0.3, 0.2, 0.5]))
            row += [rng.choice([None, 1, 2, 3, 4, 5, 7, 60]) for _ in range(width - 2)]
        rows.append(row)
    return rows


def test_skipping_the_rows_gives_the_same_answer_as_reading_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """On seeded random sheets, every names row reads the same with and without the early answer."""
    rng = random.Random(16)
    grids = [random_grid(rng) for _ in range(1500)]
    grids.append(grid_of(read_workbook(workbook_bytes({"E": rfp_matrix_rows()}), "m.xlsx").sheet("E")))

    def answers() -> list[object]:
        return [matrix.matrix_at("Sheet", g, r) for g in grids for r in range(len(g))]

    quick = answers()
    monkeypatch.setattr(matrix, "may_say_criteria", lambda *_: True)  # every names row reads its rows
    assert quick == answers()
    assert sum(a is not None for a in quick) >= 20  # matrices were found, not only refusals compared
