"""Several submissions per supplier: one is scored by a stated rule, the others are listed with sheet and row."""

from __future__ import annotations

from datetime import datetime

import pytest

from scorecard.errors import Severity
from scorecard.layout import LayoutContext, detect_layout
from scorecard.layout.submissions import one_submission_each, round_number
from scorecard.pipeline import evaluate_file
from scorecard.read import Exclusion, LeftOut, read_workbook
from scorecard.tables import ranking_frame
from scorecard.tables.mapping import exclusion_reason
from tests.layout.evaluation_workbooks import esourcing_rows, workbook_bytes
from tests.workbooks import DEFAULT_HEADER, default_row


def reduced(rows, name: str = "Quotes"):
    workbook = read_workbook(workbook_bytes({name: rows}), "q.xlsx")
    return one_submission_each(workbook, detect_layout(workbook, LayoutContext()))


def kept_rows(rows) -> dict[str, int]:
    workbook, _ = reduced(rows)
    table = workbook.sheet("Quotes").table
    return {str(name): int(row) for row, name in table["Supplier"].items()}


def test_the_flagged_quote_is_kept_even_when_it_is_not_the_latest():
    kept = kept_rows(esourcing_rows())
    # Cartonia's round 3 is flagged; Boxmaster's round 2 is; PackRight and Fluteco quoted once
    assert kept == {"PackRight Ltd": 8, "Boxmaster GmbH": 9, "Cartonia SA": 11, "Fluteco": 12}
    rows = esourcing_rows()
    rows[9][3], rows[10][3] = "Yes", "No"  # now Cartonia's round 2 is the flagged one
    assert kept_rows(rows)["Cartonia SA"] == 10


def test_without_a_flag_the_latest_round_counts_then_the_latest_date():
    header = ["Supplier", "Round", "Total price (EUR)", "Payment terms (days)"]
    assert kept_rows(
        [header, ["Acme", "Round 2", 90, 30], ["Acme", "Round 1", 100, 30], ["Beta", 1, 95, 60]]
    ) == {
        "Acme": 2,
        "Beta": 4,
    }
    header = ["Supplier", "Submitted", "Total price (EUR)", "Payment terms (days)"]
    rows = [
        header,
        ["Acme", datetime(2026, 3, 2, 9, 0), 90, 30],
        ["Acme", datetime(2026, 3, 1, 17, 0), 100, 30],
        ["Beta", datetime(2026, 3, 1), 95, 60],
    ]
    assert kept_rows(rows)["Acme"] == 2


def test_each_set_aside_quote_is_a_finding_with_sheet_row_and_the_rule():
    workbook, findings = reduced(esourcing_rows())
    assert [(f.sheet, f.row) for f in findings] == [("Quotes", 6), ("Quotes", 7), ("Quotes", 10)]
    assert all(f.severity == Severity.WARNING for f in findings)
    assert 'rule: the row flagged in "Is best", else the latest "Round"' in findings[0].message
    assert findings[0].action == "not scored; row 9 is scored instead"
    excluded = {e.row: e for e in workbook.sheet("Quotes").excluded_rows}
    assert excluded[10] == Exclusion(10, LeftOut.EARLIER_SUBMISSION, supplier="Cartonia SA", scored_row=11)
    assert exclusion_reason(excluded[10]) == "earlier submission of Cartonia SA (row 11 is scored)"


def test_the_same_supplier_in_other_spelling_is_one_supplier():
    rows = esourcing_rows()
    rows[8][0] = "BOXMASTER  gmbh"
    assert "Boxmaster GmbH" not in kept_rows(rows) and "BOXMASTER  gmbh" in kept_rows(rows)


def test_a_list_without_round_date_or_flag_columns_is_left_as_it_is():
    rows = [DEFAULT_HEADER, default_row("Acme"), default_row("Acme", cost=90_000), default_row("Beta")]
    workbook, findings = reduced(rows, "Suppliers")
    assert findings == [] and len(workbook.sheet("Suppliers").table) == 3
    # the map stage still scores both rows apart and says so, as before this change
    ranking = ranking_frame(evaluate_file(workbook_bytes({"Suppliers": rows}), "s.xlsx", None).result)
    assert {"Acme (row 2)", "Acme (row 3)"} <= set(ranking["Supplier"])


@pytest.mark.parametrize(
    ("text", "number"),
    [(2, 2.0), ("2", 2.0), ("Round 3", 3.0), ("R2", 2.0), ("v1.5", 1.5), ("Rev B", 2.0), (None, None)],
)
def test_round_spellings(text, number):
    assert round_number(text) == number


def test_a_superseded_quote_never_counts_while_a_current_one_does():
    header = ["Supplier", "Status", "Total price (EUR)", "Payment terms (days)"]
    rows = [
        header,
        ["Acme", "Submitted", 90, 30],
        ["Acme", "Superseded", 80, 60],
        ["Beta", "Withdrawn", 95, 60],  # its only quote: still listed, never silently dropped
    ]
    assert kept_rows(rows) == {"Acme": 2, "Beta": 4}
    _, findings = reduced(rows)
    assert [f.row for f in findings] == [3]
    assert 'rule: a row not marked superseded or withdrawn in "Status"' in findings[0].message
