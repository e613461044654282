"""A money column's header that names a currency is read as that currency (review finding F19)."""

from __future__ import annotations

from scorecard.errors import Severity
from scorecard.pipeline import prepare_file
from tests.workbooks import DEFAULT_HEADER, default_row, xlsx_bytes


def test_a_cost_column_whose_header_names_another_currency_is_flagged() -> None:
    """Review finding F19: 'Total cost (USD)' under EUR settings was read silently as euros."""
    header = ["Total cost (USD)" if h == DEFAULT_HEADER[1] else h for h in DEFAULT_HEADER]
    prepared = prepare_file(
        xlsx_bytes({"Suppliers": [header, default_row("Acme"), default_row("Bolt")]}), "e.xlsx", None
    )
    (said,) = [f for f in prepared.findings if "USD" in f.message]
    assert said.severity is Severity.WARNING and said.column == "Total cost (USD)"
    assert "set up in EUR, but the values in this column are in USD" in said.message
