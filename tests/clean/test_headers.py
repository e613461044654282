"""normalise_header: headers reduced for matching."""

from __future__ import annotations

import pytest

from scorecard.clean import (
    normalise_header,
)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("On-time delivery (%)", "on time delivery"),
        ("Unit price [EUR]", "unit price"),
        ("  Lead   time (days) ", "lead time"),
        ("Lead_time\xa0(weeks)", "lead time"),
        ("Audit score (0-100)", "audit score"),
        ("Rating (1 to 5)", "rating"),
        ("Carbon intensity (tCO2e per EUR m)", "carbon intensity"),
        ("Price (€/unit)", "price"),
        ("Qualität", "qualitat"),
        ("Délai de livraison", "delai de livraison"),
        ("Certified (ISO 9001)", "certified iso 9001"),
        ("ISO 9001?", "iso 9001"),
        ("OTD %", "otd"),
        ("SUPPLIER", "supplier"),
        ("", ""),
    ],
)
def test_normalise_header(header: str, expected: str) -> None:
    assert normalise_header(header) == expected
