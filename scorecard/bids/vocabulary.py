"""The words of the `bids` settings: shapes, partial-bid policies, bases, column roles and their headers, figures.

Data only, kept apart from the settings' parsing so that a newcomer finds each list in one place.
"""

from __future__ import annotations

import re

from scorecard.names import header_key

SHAPES: dict[str, str] = {
    "auto": "worked out from the headers",
    "long": "one row per supplier and item",
    "wide": "one row per item with a price column per supplier (a bid tab)",
}
POLICIES: dict[str, str] = {
    "common_items": "compare suppliers only on the items every supplier quoted",
    "fill_highest": "count each item a supplier did not quote at the highest cost any supplier quoted for it",
    "fill_baseline": "count each item a supplier did not quote at its baseline price",
    "penalty": "count each item a supplier did not quote at a fill cost times a penalty factor",
    "knockout_below": "leave out suppliers whose coverage is below a threshold, then fill the gaps of the others",
}
FILL_WITH = ("highest", "baseline")
FREIGHT_BASES: dict[str, str] = {
    "per_unit": "per unit of quantity",
    "per_line": "a lump sum for the whole line",
}
DAYS_FROM = ("column", "default")
SWITCHING_BASES: dict[str, str] = {
    "per_supplier": "once for a supplier that is the incumbent on none of the items",
    "per_item": "for each item a supplier would take over from another incumbent",
}

# Column roles of a bid sheet and the header texts that identify them (compared the way
# scorecard.clean.normalise_header compares: case, spacing, punctuation and bracketed units ignored).
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "supplier": (
        "Supplier",
        "Supplier name",
        "Vendor",
        "Vendor name",
        "Bidder",
        "Company",
        "Tenderer",
        # agency spellings (issue 12): state DOT results, city bid tabs, tender portals
        "Bidder name",
        "Contractor",
        "Contractor name",
        "Company name",
        "Proposer",
        "Respondent",
        "Tenderer name",
    ),
    "item": (
        "Item code",
        "Item",
        "Item number",
        "Item no",
        "Part number",
        "Part no",
        "Part",
        "SKU",
        "Material",
        "Material number",
        "Article",
        "Article number",
        "Line item",
        "Product code",
        "Pay item",
        "Pay item no",
        "Item no.",
        "Line",
        "Line no",
        "Line number",
    ),
    "description": ("Description", "Item description", "Product", "Product description", "Item name"),
    "quantity": (
        "Quantity",
        "Qty",
        "Annual volume",
        "Annual quantity",
        "Volume",
        "Estimated annual usage",
        "EAU",
        "Annual usage",
        "Forecast quantity",
        "Est qty",
        "Est quantity",
        "Estimated quantity",
        "Bid quantity",
    ),
    "unit_price": (
        "Unit price",
        "Price",
        "Price per unit",
        "Unit cost",
        "Quoted price",
        "Bid price",
        "Net price",
        "Offer price",
        "Rate",
        "Unit rate",
        "Unit bid price",
        "Cost",
    ),
    "currency": ("Currency", "Curr", "Currency code", "CCY"),
    "unit": ("Unit of measure", "UoM", "UOM", "Unit", "Price unit", "Pricing unit"),
    "pack_size": (
        "Pack size",
        "Units per pack",
        "Pack quantity",
        "Quantity per pack",
        "Pack qty",
        "Case size",
    ),
    "lead_time": ("Lead time", "Lead time days", "Delivery time", "Delivery lead time", "Lead days"),
    "freight": ("Freight", "Freight cost", "Shipping", "Shipping cost", "Transport cost", "Delivery cost"),
    "duty_percent": ("Duty", "Duty rate", "Import duty", "Tariff", "Customs duty"),
    "payment_days": ("Payment terms", "Payment terms days", "Payment days", "Net days", "Terms"),
    "baseline_price": (
        "Baseline price",
        "Baseline",
        "Historic price",
        "Historical price",
        "Last price",
        "Last year price",
        "Current price",
        "Last paid price",
    ),
    "incumbent": ("Incumbent", "Incumbent supplier", "Current supplier", "Current vendor"),
    "notes": ("Notes", "Note", "Comments", "Comment", "Remarks", "Incoterm", "Incoterms"),
}
ROLE_LABELS: dict[str, str] = {
    "supplier": "supplier",
    "item": "item code",
    "description": "item description",
    "quantity": "quantity",
    "unit_price": "unit price",
    "currency": "currency",
    "unit": "unit of measure",
    "pack_size": "pack size",
    "lead_time": "lead time (days)",
    "freight": "freight",
    "duty_percent": "duty %",
    "payment_days": "payment terms (days)",
    "baseline_price": "baseline price",
    "incumbent": "incumbent",
    "notes": "notes",
}
# Supplier-level figures a bid analysis produces, which cost criteria can read.
FIGURES: dict[str, str] = {
    "total_cost": "total cost of ownership in the base currency",
    "coverage": "items quoted as a percentage of items requested",
    "value_coverage": "baseline value of the items quoted as a percentage of the whole baseline value",
    "average_lead_time": "quantity-weighted average lead time in days",
    "savings_vs_baseline": "saving against the baseline prices on the items quoted",
    "savings_vs_baseline_percent": "saving against the baseline as a percentage of the baseline value",
    "savings_vs_incumbent": "saving against the incumbents' quotes on the items quoted",
    "landed_savings_vs_baseline": "saving against the baseline on landed cost (freight, duty, payment terms)",
    "landed_savings_vs_incumbent": "saving against the incumbents' landed costs on the items quoted",
}
CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")

# A wide bid tab's column words: a bidder's price column and the extension beside it. They head a
# bidder's group of columns and are never a bidder themselves, also when repeated as 'Unit Price (2)'.
PRICE_HEADERS = frozenset(
    header_key(h)
    for h in ("Unit price", "Price", "Rate", "Unit cost", "Unit rate", "Bid price", "Unit bid price", "Cost")
)
TOTAL_HEADERS = frozenset(
    header_key(h)
    for h in (
        "Extension",
        "Extended",
        "Extended price",
        "Extended amount",
        "Ext",
        "Amount",
        "Total",
        "Total price",
        "Line total",
        "Bid amount",
        "Total cost",
    )
)
NUMBERED = re.compile(r"\s*\(\d+\)$")  # the number the read stage gives a repeated header


def base_key(header: str) -> str:
    """'Unit Price (2)' -> 'unit price': a repeated group's header without the read stage's number."""
    return header_key(NUMBERED.sub("", header))


def is_column_word(header: str) -> bool:
    """A price or extension header of a bidder's group ('Unit Price', 'Extension (3)'): never a bidder."""
    return base_key(header) in PRICE_HEADERS | TOTAL_HEADERS
