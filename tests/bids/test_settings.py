"""The `bids` settings section: parsed, validated with the key path named, and round-tripped through a file."""

from __future__ import annotations

import pytest
import yaml

from scorecard.bids import BidSettings, parse_bid_settings
from scorecard.bids.settings import SwitchingCostSettings
from scorecard.config import (
    ConfigError,
    Section,
    config_to_yaml,
    load_preset,
    parse_config,
    parse_config_text,
)


def criteria_of_default() -> dict:
    return {c.key: c for c in load_preset("default").criteria}


def test_settings_parse_validate_and_round_trip() -> None:
    raw = {
        "shape": "long",
        "fx_rates": {"usd": 0.92, "GBP": 1.17},
        "partial_bid_policy": "penalty",
        "penalty_factor": 1.3,
        "freight": {"column_basis": "per_line", "lump_sum": 500},
        "duty_percent": 4,
        "payment_terms": {"annual_rate_percent": 8, "days_from": "column", "default_days": 30},
        "switching_cost": 2500,
        "unit_factors": {"Box of 12": 12},
        "columns": {"unit_price": ["Net price EUR"]},
    }
    parsed = parse_bid_settings(Section(raw, "bids"), criteria_of_default())
    assert parsed.base_currency == "EUR"  # from the total cost criterion's unit
    assert dict(parsed.fx_rates) == {"USD": 0.92, "GBP": 1.17}
    assert parsed.switching_cost == SwitchingCostSettings(2500.0, "per_supplier")
    again = parse_bid_settings(
        Section(yaml.safe_load(yaml.safe_dump(parsed.to_dict())), "bids"), criteria_of_default()
    )
    assert again == parsed


@pytest.mark.parametrize(
    ("raw", "path"),
    [
        ({"payment_terms": {"annual_rate_percent": "six"}}, "bids.payment_terms.annual_rate_percent"),
        ({"partial_bid_policy": "cheapest"}, "bids.partial_bid_policy"),
        ({"fx_rates": {"USD": 0}}, "bids.fx_rates.USD"),
        ({"fx_rates": {"EUR": 2}}, "bids.fx_rates.EUR"),
        ({"base_currency": "USD"}, "bids.base_currency"),
        ({"columns": {"price_thing": ["x"]}}, "bids.columns.price_thing"),
        ({"criteria": {"total_cost": "nonexistent"}}, "bids.criteria.total_cost"),
        ({"freight": {"basis": "per_unit"}}, "bids.freight.basis"),
        ({"coverage_threshold": 120}, "bids.coverage_threshold"),
    ],
)
def test_settings_errors_name_the_key_path(raw: dict, path: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_bid_settings(Section(raw, "bids"), criteria_of_default())
    assert f"`{path}`" in str(error.value)


def test_bids_section_round_trips_through_a_config_file() -> None:
    config = load_preset("default")
    data = config.to_dict()
    data["bids"] = {"fx_rates": {"USD": 0.9}, "partial_bid_policy": "common_items", "duty_percent": 3}
    parsed = parse_config(data)
    settings = parsed.section("bids")
    assert isinstance(settings, BidSettings)
    again = parse_config_text(config_to_yaml(parsed), "saved.yaml").section("bids")
    assert again == settings
    assert again.partial_bid_policy == "common_items"
