"""Bids stage: a bid sheet's line items -> per-supplier total cost of ownership, coverage and savings.

`analyse_bids(bids, settings, sheet=...)` reads a long (row per supplier and
item) or wide (row per item, price column per supplier) bid sheet, converts
every price to the base currency, adds freight, duty, payment-term credit and
switching cost, applies the partial-bid policy, and returns a `BidResult`:
per-supplier figures (`total_cost`, `coverage`, `average_lead_time`, savings)
that the config's cost criteria score with the engine's own price formulas,
plus the Items and Scenarios evidence (worded in `scorecard.tables`).

Its config section is `bids.section.BID_SECTION`.

Speed (issues 9 and 16). Everything is array arithmetic over quote lines: text columns are
factorised once (a column that comes in runs of equal cells, such as the supplier
and its currency in a long sheet, hashes one cell per run) and only their distinct
values are cleaned; all-number columns convert in one step; descriptions and units
are read at each item's first row; per-item and per-supplier figures are grouped
sums/minima over integer codes; no Python loop runs per row or per supplier.
Measured with `python -m benchmarks.run --only bids` (generated L event: 1,000,000
long rows, 500 suppliers x 2,000 items, EUR and USD, object cells as the reader
hands them over) against a bare `to_numeric(quantity) * to_numeric(price)`,
`groupby(supplier).sum()` on the same frame: issue 9 brought it from 5.6x to 3.4x;
issue 16 (type checks on a column's first cells before the whole column, number
cells found by type comparison instead of hashing type objects, views instead of
copies when every quote is costed) to 3.1x L / 2.9x M in the harness on a machine
shared by nine processes, 3.3x in CPU time (medians of 7); a third round (outlier
quantiles by partition instead of a sort, item codes coded block by block when a long
sheet repeats its item list) to 2.4-2.8x at L; a fourth (price cells typed in one pass, blanks
by their type) to 2.3-2.5x alone, 2.9-3.1x inside a full benchmark run, where fresh arrays cost
more page faults; a fifth (number cells typed and converted a chunk at a time, `number_cells`) to
2.4x alone, 2.6-3.2x in full runs. What is left is one or two passes over each of seven columns of Python
objects (benchmarks/README.md, "bids: fourth round"). The ratio is measured in benchmarks/,
never asserted in a test.
"""

from __future__ import annotations

import pandas as pd

from scorecard.bids.analysis import analyse_lines
from scorecard.bids.fx import event_rates
from scorecard.bids.result import BidResult
from scorecard.bids.settings import BidSettings, default_bid_settings, parse_bid_settings
from scorecard.bids.sheet import read_bid_sheet
from scorecard.clean import HintSource


def analyse_bids(
    bids: pd.DataFrame,
    settings: BidSettings,
    *,
    sheet: str,
    fx: pd.DataFrame | None = None,
    fx_sheet: str | None = None,
    decimal_hint: HintSource = None,
) -> BidResult:
    """Compare the bids of one sourcing event; raises ScorecardError for what the buyer must fix first.

    `decimal_hint`: the workbook's evidence for the decimal mark (`clean.decimal_evidence`), which the
    pipeline hands over; the Python API without it reads each number column by its own cells.
    """
    rates, sources, fx_findings = event_rates(settings, fx, fx_sheet)
    lines = read_bid_sheet(bids, settings, sheet, decimal_hint=decimal_hint)
    analysis = analyse_lines(lines, settings, rates)
    fx_used = tuple(
        (code, rates[code], sources[code])
        for code in analysis.currencies_used
        if code != settings.base_currency
    )
    return BidResult(
        suppliers=analysis.suppliers,
        items=analysis.items,
        findings=tuple(fx_findings) + analysis.findings,
        base_currency=settings.base_currency,
        quote_arrays=analysis.quotes,
        settings=settings,
        sheet=sheet,
        shape=lines.shape,
        fx_rates=fx_used,
        columns=lines.columns,
        compared_items=analysis.compared_items,
    )


__all__ = ["BidResult", "BidSettings", "analyse_bids", "default_bid_settings", "parse_bid_settings"]
