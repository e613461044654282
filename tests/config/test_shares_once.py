"""Weight shares are worked out once per evaluation (issue 15): the engine's result carries the share as
set and the share that counted, and the CLI, the tables and the workbook read them from there."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import openpyxl
import pytest

import scorecard.config.weights as weights
from scorecard.cli import main
from tests.workbooks import DEFAULT_HEADER, default_row, xlsx_bytes

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "sample_event.xlsx"


@pytest.fixture
def computed(monkeypatch) -> Counter[frozenset[str]]:
    """How many times the shares were worked out, per left-out set (the memo is emptied first)."""
    counts: Counter[frozenset[str]] = Counter()
    original = weights.counted_shares

    def counting(categories, left_out=()):
        counts[frozenset(left_out)] += 1
        return original(categories, left_out)

    monkeypatch.setattr(weights, "counted_shares", counting)
    weights.shares_for.cache_clear()
    yield counts
    weights.shares_for.cache_clear()  # nothing computed under the patch outlives the test


def test_a_cli_score_run_works_the_shares_out_once(tmp_path, computed, capsys) -> None:
    assert main(["score", str(SAMPLE), "--output", str(tmp_path / "scored.xlsx")]) == 0
    assert computed == Counter({frozenset(): 1})


def test_with_a_criterion_left_out_each_set_of_shares_is_worked_out_once(tmp_path, computed, capsys) -> None:
    path = tmp_path / "thin.xlsx"
    keep = [h != "On-time delivery (%)" for h in DEFAULT_HEADER]
    rows = [DEFAULT_HEADER, default_row("Acme"), default_row("Beta")]
    path.write_bytes(
        xlsx_bytes({"Suppliers": [[v for v, k in zip(r, keep, strict=True) if k] for r in rows]})
    )
    output = tmp_path / "scored.xlsx"
    assert main(["score", str(path), "--output", str(output)]) == 0
    assert set(computed.values()) == {1}  # as set, and that counted: each once
    assert frozenset() in computed and len(computed) == 2
    # what was worked out once is what the workbook shows: on-time delivery counted 0, the rest add up to 1
    sheet = openpyxl.load_workbook(output, read_only=True)["Weights"]
    rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0] is not None]
    header = next(r for r in rows if "Share that counted" in r)
    at = {name: header.index(name) for name in ("Criterion", "Share (as set)", "Share that counted")}
    body = rows[rows.index(header) + 1 :]
    counted = {r[at["Criterion"]]: r[at["Share that counted"]] for r in body}
    as_set = {r[at["Criterion"]]: r[at["Share (as set)"]] for r in body}
    assert counted["On-time delivery"] == 0 and as_set["On-time delivery"] > 0
    assert sum(counted.values()) == pytest.approx(1) and sum(as_set.values()) == pytest.approx(1)
