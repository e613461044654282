"""The Bids tab's chart: each supplier's total cost of ownership, lowest first."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from scorecard.bids import BidResult
from scorecard.charts.rows import rows_height

NOT_ELIGIBLE = "Cannot be awarded"


def bid_totals(bids: BidResult) -> pd.DataFrame:
    """Per supplier with a total: total cost of ownership, coverage, saving and whether it can be awarded."""
    suppliers = bids.suppliers
    frame = pd.DataFrame(
        {
            "Supplier": suppliers.index.astype(str).to_numpy(dtype=object),
            "Total cost": suppliers["total_cost"].to_numpy(dtype=float),
            "Coverage": suppliers["coverage"].to_numpy(dtype=float) / 100,
            "Items quoted": suppliers["items_quoted"].to_numpy(dtype=float),
            "Items requested": suppliers["items_requested"].to_numpy(dtype=float),
            "Price saving vs baseline": suppliers["savings_vs_baseline"].to_numpy(dtype=float),
            "Can be awarded": [bids.eligible(str(name)) for name in suppliers.index],
        }
    )
    frame = frame[frame["Total cost"].notna()].sort_values("Total cost", kind="stable")
    frame["Bid"] = np.where(
        ~frame["Can be awarded"].to_numpy(dtype=bool),
        NOT_ELIGIBLE,
        np.where(frame["Items quoted"] < frame["Items requested"], "Partial bid", "Full bid"),
    )
    return frame.reset_index(drop=True)


def bid_totals_chart(bids: BidResult) -> alt.Chart:
    """Each supplier's total cost of ownership, lowest first; partial bids and suppliers that cannot be
    awarded (disqualified, not evaluated) each in their own colour, named in the legend and the tooltip."""
    frame = bid_totals(bids)
    cur = bids.base_currency
    return (
        alt.Chart(
            frame,
            title=alt.TitleParams(
                f"Total cost of ownership ({cur})",
                subtitle="Lowest first. Partial bids include the value filled in for the items not quoted; "
                "grey bars cannot be awarded (disqualified or not evaluated).",
            ),
        )
        .mark_bar(cornerRadiusEnd=2)
        .encode(
            x=alt.X("Total cost:Q", title=f"Total cost of ownership ({cur})", axis=alt.Axis(format="~s")),
            y=alt.Y("Supplier:N", sort=list(frame["Supplier"]), title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color(
                "Bid:N",
                scale=alt.Scale(
                    domain=["Full bid", "Partial bid", NOT_ELIGIBLE], range=["#4e79a7", "#f28e2b", "#bab0ac"]
                ),
                legend=alt.Legend(orient="bottom", title=None),
            ),
            tooltip=[
                alt.Tooltip("Supplier:N"),
                alt.Tooltip("Total cost:Q", format=",.0f", title=f"Total cost ({cur})"),
                alt.Tooltip("Coverage:Q", format=".0%"),
                alt.Tooltip("Items quoted:Q"),
                alt.Tooltip("Items requested:Q"),
                alt.Tooltip(
                    "Price saving vs baseline:Q", format=",.0f", title=f"Price saving vs baseline ({cur})"
                ),
                alt.Tooltip("Bid:N"),
            ],
        )
        .properties(height=rows_height(len(frame), 20))
    )
