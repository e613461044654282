"""The `bids` section of a config: how an event's bid sheet is read and costed.

Everything that changes a bid total (currency rates, freight, duty, payment
terms, switching cost, the partial-bid policy) is a setting the buyer can see,
change and save back to YAML, so the totals in the workbook are reproducible.
Validation uses the config's `Section` helpers, so every error names its key
(e.g. `bids.payment_terms.annual_rate_percent`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from scorecard.bids.vocabulary import (
    COLUMN_SYNONYMS,
    CURRENCY_CODE,
    DAYS_FROM,
    FIGURES,
    FILL_WITH,
    FREIGHT_BASES,
    POLICIES,
    ROLE_LABELS,
    SHAPES,
    SWITCHING_BASES,
)
from scorecard.config import CURRENCY_UNITS, ConfigError, Criterion, Section


@dataclass(frozen=True)
class FreightSettings:
    """Freight: a Freight column read per unit or per line, and defaults when the sheet has none."""

    column_basis: str = "per_unit"
    per_unit: float = 0.0  # base currency per unit of quantity, where the sheet gives no freight
    lump_sum: float = 0.0  # base currency, once per supplier with at least one compared quote


@dataclass(frozen=True)
class PaymentTermsSettings:
    """Days of credit valued at an annual rate: credit = extended price x rate x days / 365."""

    annual_rate_percent: float = 0.0
    days_from: str = "column"
    default_days: float = 0.0


@dataclass(frozen=True)
class SwitchingCostSettings:
    """A one-off cost of moving business away from an incumbent, in the base currency."""

    amount: float = 0.0
    basis: str = "per_supplier"


@dataclass(frozen=True)
class OneOffCostSettings:
    """One-off costs of awarding business to a supplier (tooling, NRE, qualification), in the base currency.

    They are part of that supplier's total cost of ownership, and a cherry-pick pays them once for
    each supplier it uses: splitting an award is only cheaper when the item savings cover them.
    """

    per_supplier: float = 0.0  # every supplier awarded any item
    suppliers: tuple[tuple[str, float], ...] = ()  # a named supplier's own quoted tooling/NRE, on top

    def for_supplier(self, name: str) -> float:
        own = dict((key.casefold(), amount) for key, amount in self.suppliers)
        return self.per_supplier + own.get(name.strip().casefold(), 0.0)


@dataclass(frozen=True)
class OutlierSettings:
    """When a quote is flagged as a possible error (it is never removed); 0 turns a test off."""

    below_median_fraction: float = 0.5
    iqr_factor: float = 3.0
    min_quotes: int = 3


@dataclass(frozen=True)
class BidSettings:
    """Everything that decides how a bid sheet becomes supplier totals; frozen so results are reproducible."""

    shape: str = "auto"
    base_currency: str = "EUR"
    fx_rates: tuple[tuple[str, float], ...] = ()  # currency -> base currency per 1 unit of it
    partial_bid_policy: str = "fill_highest"
    penalty_factor: float = 1.2
    fill_with: str = "highest"
    coverage_threshold: float = 80.0  # percent of items requested
    freight: FreightSettings = field(default_factory=FreightSettings)
    duty_percent: float = 0.0
    payment_terms: PaymentTermsSettings = field(default_factory=PaymentTermsSettings)
    switching_cost: SwitchingCostSettings = field(default_factory=SwitchingCostSettings)
    one_off_costs: OneOffCostSettings = field(default_factory=OneOffCostSettings)
    award_only_qualified: bool = True  # scenarios award only suppliers that passed the knock-outs
    outliers: OutlierSettings = field(default_factory=OutlierSettings)
    unit_factors: tuple[tuple[str, float], ...] = ()  # unit-of-measure text -> units of quantity it holds
    columns: tuple[tuple[str, tuple[str, ...]], ...] = ()  # role -> extra header texts, tried first
    supplier_columns: tuple[str, ...] = ()  # wide sheets: the price columns, when headers cannot tell
    criteria: tuple[tuple[str, str], ...] = ()  # bid figure -> criterion key that reads it

    def synonyms(self, role: str) -> tuple[str, ...]:
        """Header texts for a column role: the buyer's own first, then the built-in ones."""
        return dict(self.columns).get(role, ()) + COLUMN_SYNONYMS[role]

    def to_dict(self) -> dict[str, Any]:
        """YAML-ready data; `parse_bid_settings` of it gives an equal BidSettings."""
        return {
            "shape": self.shape,
            "base_currency": self.base_currency,
            "fx_rates": dict(self.fx_rates),
            "partial_bid_policy": self.partial_bid_policy,
            "penalty_factor": self.penalty_factor,
            "fill_with": self.fill_with,
            "coverage_threshold": self.coverage_threshold,
            "freight": {
                "column_basis": self.freight.column_basis,
                "per_unit": self.freight.per_unit,
                "lump_sum": self.freight.lump_sum,
            },
            "duty_percent": self.duty_percent,
            "payment_terms": {
                "annual_rate_percent": self.payment_terms.annual_rate_percent,
                "days_from": self.payment_terms.days_from,
                "default_days": self.payment_terms.default_days,
            },
            "switching_cost": {"amount": self.switching_cost.amount, "basis": self.switching_cost.basis},
            "one_off_costs": {
                "per_supplier": self.one_off_costs.per_supplier,
                "suppliers": dict(self.one_off_costs.suppliers),
            },
            "award_only_qualified": self.award_only_qualified,
            "outliers": {
                "below_median_fraction": self.outliers.below_median_fraction,
                "iqr_factor": self.outliers.iqr_factor,
                "min_quotes": self.outliers.min_quotes,
            },
            "unit_factors": dict(self.unit_factors),
            "columns": {role: list(names) for role, names in self.columns},
            "supplier_columns": list(self.supplier_columns),
            "criteria": dict(self.criteria),
        }


def parse_bid_settings(section: Section, criteria: Mapping[str, Criterion]) -> BidSettings:
    """Validate the `bids` section; every problem names its key path and what to write instead."""
    section.check_keys([f.name for f in fields(BidSettings)])  # one key per setting, named alike
    figure_map = parse_figure_criteria(section, criteria)
    cost_unit = money_unit_of(criteria, dict(figure_map).get("total_cost"))
    base = currency_code(section, "base_currency", section.text("base_currency", cost_unit or "EUR"))
    if cost_unit and base != cost_unit:
        raise section.fail(
            "base_currency",
            f"is {base}, but the total cost criterion is in {cost_unit}. Use the same currency in both, "
            "or convert the criterion's unit.",
        )
    return BidSettings(
        shape=section.choice("shape", SHAPES, "auto"),
        base_currency=base,
        fx_rates=parse_fx_rates(section.section("fx_rates"), base),
        partial_bid_policy=section.choice("partial_bid_policy", POLICIES, "fill_highest"),
        penalty_factor=section.number("penalty_factor", 1.2, minimum=1.0),
        fill_with=section.choice("fill_with", FILL_WITH, "highest"),
        coverage_threshold=section.number("coverage_threshold", 80.0, minimum=0, maximum=100),
        freight=parse_freight(section.section("freight")),
        duty_percent=section.number("duty_percent", 0.0, minimum=0, maximum=1000),
        payment_terms=parse_payment_terms(section.section("payment_terms")),
        switching_cost=parse_switching_cost(section),
        one_off_costs=parse_one_off_costs(section.section("one_off_costs")),
        award_only_qualified=section.flag("award_only_qualified", True),
        outliers=parse_outliers(section.section("outliers")),
        unit_factors=parse_unit_factors(section.section("unit_factors")),
        columns=parse_columns(section.section("columns")),
        supplier_columns=section.text_list("supplier_columns"),
        criteria=figure_map,
    )


def parse_freight(freight: Section) -> FreightSettings:
    freight.check_keys(["column_basis", "per_unit", "lump_sum"])
    return FreightSettings(
        column_basis=freight.choice("column_basis", FREIGHT_BASES, "per_unit"),
        per_unit=freight.number("per_unit", 0.0, minimum=0),
        lump_sum=freight.number("lump_sum", 0.0, minimum=0),
    )


def parse_payment_terms(terms: Section) -> PaymentTermsSettings:
    terms.check_keys(["annual_rate_percent", "days_from", "default_days"])
    return PaymentTermsSettings(
        annual_rate_percent=terms.number("annual_rate_percent", 0.0, minimum=0, maximum=100),
        days_from=terms.choice("days_from", DAYS_FROM, "column"),
        default_days=terms.number("default_days", 0.0, minimum=0, maximum=3650),
    )


def parse_outliers(outliers: Section) -> OutlierSettings:
    outliers.check_keys(["below_median_fraction", "iqr_factor", "min_quotes"])
    min_quotes = outliers.number("min_quotes", 3, minimum=2)
    if min_quotes != int(min_quotes):
        raise outliers.fail("min_quotes", f"is {min_quotes:g}; it should be a whole number of quotes.")
    return OutlierSettings(
        below_median_fraction=outliers.number("below_median_fraction", 0.5, minimum=0, maximum=1),
        iqr_factor=outliers.number("iqr_factor", 3.0, minimum=0),
        min_quotes=int(min_quotes),
    )


def currency_code(section: Section, key: str, value: str) -> str:
    code = value.strip().upper()
    if not CURRENCY_CODE.match(code):
        raise section.fail(key, f"is {value!r}; write a three-letter currency code such as EUR or USD.")
    return code


def parse_fx_rates(section: Section, base: str) -> tuple[tuple[str, float], ...]:
    """Rates as base currency per one unit of each currency (USD: 0.92 means 1 USD = 0.92 of the base)."""
    rates: dict[str, float] = {}
    for key, value in section.values.items():
        code = currency_code(section, str(key), str(key))
        rate = section.check_number(str(key), value, minimum=0)
        if rate <= 0:
            raise section.fail(str(key), "is 0; a rate must be above 0.")
        if code == base and rate != 1:
            raise section.fail(
                str(key), f"is {rate:g}, but {base} is the base currency, so its rate is 1. Remove this line."
            )
        if code in rates:
            raise section.fail(str(key), "is listed twice.")
        rates[code] = rate
    return tuple(sorted(rates.items()))


def parse_switching_cost(section: Section) -> SwitchingCostSettings:
    raw = section.values.get("switching_cost")
    if raw is not None and not isinstance(raw, Mapping):
        return SwitchingCostSettings(amount=section.number("switching_cost", minimum=0))
    switching = section.section("switching_cost")
    switching.check_keys(["amount", "basis"])
    return SwitchingCostSettings(
        amount=switching.number("amount", 0.0, minimum=0),
        basis=switching.choice("basis", SWITCHING_BASES, "per_supplier"),
    )


def parse_one_off_costs(section: Section) -> OneOffCostSettings:
    """`one_off_costs: {per_supplier: 5000, suppliers: {Acme: 12000}}`: tooling/NRE per awarded supplier."""
    section.check_keys(["per_supplier", "suppliers"])
    named = section.section("suppliers")
    return OneOffCostSettings(
        per_supplier=section.number("per_supplier", 0.0, minimum=0),
        suppliers=tuple(
            (str(name).strip(), named.number(name, minimum=0)) for name in named.values if named.has(name)
        ),
    )


def parse_unit_factors(section: Section) -> tuple[tuple[str, float], ...]:
    factors: dict[str, float] = {}
    for key, value in section.values.items():
        factor = section.check_number(str(key), value, minimum=0)
        if factor <= 0:
            raise section.fail(str(key), "is 0; a unit must hold more than 0 units of quantity.")
        factors[unit_key(str(key))] = factor
    return tuple(sorted(factors.items()))


def unit_key(text: str) -> str:
    """How unit-of-measure texts are compared: case and spacing ignored ('Box of 12' = 'box  of 12')."""
    return " ".join(text.casefold().split())


def parse_columns(section: Section) -> tuple[tuple[str, tuple[str, ...]], ...]:
    roles = []
    for key in section.values:
        if key not in COLUMN_SYNONYMS:
            raise section.fail(
                str(key), f"is not a bid sheet column Scorecard knows. Known: {', '.join(COLUMN_SYNONYMS)}."
            )
        names = section.text_list(str(key))
        if not names:
            raise section.fail(str(key), "should list at least one header text, e.g. [Net price].")
        roles.append((str(key), names))
    return tuple(sorted(roles))


def parse_figure_criteria(section: Section, criteria: Mapping[str, Criterion]) -> tuple[tuple[str, str], ...]:
    """Which criterion reads which bid figure; by default each figure feeds the criterion of the same key."""
    if not section.has("criteria"):
        return tuple((figure, figure) for figure in FIGURES if figure in criteria)
    mapping = section.section("criteria")
    mapping.check_keys(FIGURES)
    pairs = []
    for figure in FIGURES:
        if not mapping.has(figure):
            continue
        key = mapping.text(figure)
        if key not in criteria:
            raise mapping.fail(
                figure,
                f"is {key!r}, which is not a criterion key in this config. Known: {', '.join(criteria)}.",
            )
        if criteria[key].kind in ("text", "yes_no", "date"):
            raise mapping.fail(figure, f"names {key}, which holds {criteria[key].kind} values, not numbers.")
        pairs.append((figure, key))
    keys = [key for _, key in pairs]
    duplicated = sorted({key for key in keys if keys.count(key) > 1})
    if duplicated:
        raise mapping.fail(None, f"feeds criterion {duplicated[0]} from two figures; choose one.")
    return tuple(pairs)


def money_unit_of(criteria: Mapping[str, Criterion], key: str | None) -> str | None:
    if key is None or key not in criteria:
        return None
    unit = criteria[key].unit.strip().upper()
    return unit if unit in CURRENCY_UNITS else None


def default_bid_settings(criteria: Mapping[str, Criterion]) -> BidSettings:
    """The settings used when a config has no `bids` section (base currency from the total cost criterion)."""
    return parse_bid_settings(Section({}, "bids"), criteria)


# the words live in bids.vocabulary; the stages that read them from here keep doing so
__all__ = [
    "COLUMN_SYNONYMS",
    "FIGURES",
    "FREIGHT_BASES",
    "POLICIES",
    "ROLE_LABELS",
    "SHAPES",
    "SWITCHING_BASES",
    "BidSettings",
    "ConfigError",
    "default_bid_settings",
    "parse_bid_settings",
]
