"""The presets in configs/: they load, round-trip, score real-looking data, and say what a buyer expects."""

from __future__ import annotations

import re

import numpy as np
import pytest

from scorecard.config import (
    METHOD_KINDS,
    MISSING_POLICIES,
    Config,
    config_to_yaml,
    load_preset,
    parse_config,
    parse_config_text,
    preset_paths,
)
from scorecard.score import score
from scorecard.suppliers import SupplierTable
from scorecard.tables import criteria_frame, ranking_frame, reason_texts

PRESETS = [p.stem for p in preset_paths()]
INDUSTRY_PRESETS = [
    "manufacturing_retail",
    "healthcare_construction",
    "technology_automotive",
    "consumer_goods_energy",
    "indirect_spend",
]


@pytest.fixture(scope="module")
def presets() -> dict[str, Config]:
    return {name: load_preset(name) for name in PRESETS}


def test_default_comes_first_and_every_industry_preset_ships() -> None:
    assert PRESETS[0] == "default"
    assert set(INDUSTRY_PRESETS) <= set(PRESETS)


@pytest.mark.parametrize("name", PRESETS)
def test_preset_round_trips_through_data_and_yaml(name: str, presets: dict[str, Config]) -> None:
    config = presets[name]
    assert parse_config(config.to_dict()) == config
    assert parse_config_text(config_to_yaml(config), f"{name}.yaml") == config


@pytest.mark.parametrize("name", PRESETS)
def test_preset_describes_itself_to_a_buyer(name: str, presets: dict[str, Config]) -> None:
    config = presets[name]
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", config.description.strip()) if s]
    assert 2 <= len(sentences) <= 4, config.description
    assert config.name and config.name != "Test settings"
    for criterion in config.criteria:
        assert criterion.description, f"{name}: {criterion.key} has no description"
        assert criterion.label and criterion.column


@pytest.mark.parametrize("name", PRESETS)
def test_preset_bands_match_the_default(name: str, presets: dict[str, Config]) -> None:
    assert presets[name].bands == presets["default"].bands


def test_shared_criteria_use_the_same_column_and_unit_everywhere(presets: dict[str, Config]) -> None:
    """One sample workbook should work with several presets, so a key means one column."""
    seen: dict[str, tuple[str, str, str, str]] = {}
    for name, config in presets.items():
        for c in config.criteria:
            signature = (c.column, c.unit, c.kind, c.direction)
            if c.key in seen:
                assert signature == seen[c.key][:4], f"{name}.{c.key} differs from another preset"
            seen[c.key] = signature
    columns = [sig[0] for sig in seen.values()]
    assert len(columns) == len(set(columns)), "two different criteria read the same column"


def test_every_method_and_missing_policy_is_used_somewhere(presets: dict[str, Config]) -> None:
    criteria = [c for config in presets.values() for c in config.criteria]
    assert {c.method.kind for c in criteria} == set(METHOD_KINDS)
    assert {c.missing for c in criteria} == set(MISSING_POLICIES)
    knockouts = [k for config in presets.values() for k in config.knockouts]
    assert {k.if_missing for k in knockouts} == {"pass", "disqualify"}
    assert any(k.must_be for k in knockouts) and any(k.at_least is not None for k in knockouts)
    assert any(k.at_most is not None for k in knockouts)


@pytest.mark.parametrize("name", PRESETS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_preset_scores_a_generated_table(name: str, seed: int, presets: dict[str, Config], factory) -> None:
    config = presets[name]
    table = factory.generated_table(config, suppliers=12, seed=seed, missing_rate=0.1, invalid_rate=0.03)
    result = score(table, config)
    scored = ~np.isnan(result.totals)
    assert np.allclose(result.contributions[scored].sum(axis=1), result.totals[scored], atol=1e-9)
    assert np.all((result.totals[scored] >= 0) & (result.totals[scored] <= 100))
    assert len(ranking_frame(result)) == 12
    assert criteria_frame(result)["Data"].ne("ok").sum() == result.missing.sum()


def test_one_sample_table_works_with_every_preset(presets: dict[str, Config], factory) -> None:
    """A workbook holding the union of all preset columns scores under each preset."""
    columns: dict[str, list[object]] = {}
    for config in presets.values():
        generated = factory.generated_table(config, suppliers=6, seed=7, missing_rate=0.0)
        for key in generated.values.columns:
            columns.setdefault(key, list(generated.values[key]))
    table = SupplierTable.from_records(
        {f"Supplier {i + 1:02d}": {k: v[i] for k, v in columns.items()} for i in range(6)}
    )
    for config in presets.values():
        result = score(table, config)
        assert not result.missing.any()


def test_healthcare_is_cost_led_with_quality_as_a_gate(presets: dict[str, Config]) -> None:
    config = presets["healthcare_construction"]
    assert config.category_shares()["cost"] >= 0.5
    gates = {k.criterion for k in config.knockouts}
    assert {"iso_9001", "iso_13485", "audit_score", "defect_rate"} <= gates
    weights = config.counted_shares()
    assert weights["iso_9001"] == 0 and weights["iso_13485"] == 0


def test_healthcare_iso_13485_blank_passes_but_no_fails(presets: dict[str, Config], factory) -> None:
    config = presets["healthcare_construction"]
    base = factory.generated_table(config, suppliers=3, seed=3, missing_rate=0.0).values
    base = base.assign(iso_9001="Yes", audit_score=85.0, defect_rate=200.0, safety_incident_rate=1.0)
    base["iso_13485"] = ["Yes", None, "No"]
    result = score(SupplierTable(base), config)
    assert result.qualified.tolist() == [True, True, False]
    assert "ISO 13485 certified must be Yes (is No)" in reason_texts(result, 2)


def test_manufacturing_stresses_delivery_lead_time_freight_country_and_capacity(
    presets: dict[str, Config],
) -> None:
    keys = {c.key for c in presets["manufacturing_retail"].criteria}
    assert {"on_time_delivery", "lead_time", "freight_cost", "country_risk", "capacity_utilisation"} <= keys


def test_technology_requires_information_security(presets: dict[str, Config]) -> None:
    config = presets["technology_automotive"]
    keys = {c.key for c in config.criteria}
    assert {"iso_27001", "soc_2", "ip_protection", "rd_spend", "ppap_status", "iatf_16949"} <= keys
    assert any(k.criterion == "iso_27001" and k.must_be == ("Yes",) for k in config.knockouts)


def test_consumer_goods_puts_sustainability_first(presets: dict[str, Config]) -> None:
    config = presets["consumer_goods_energy"]
    shares = config.category_shares()
    assert max(shares, key=shares.get) == "sustainability"
    medal = config.criterion("ecovadis_medal").method
    assert [label for label, _ in medal.points] == ["Platinum", "Gold", "Silver", "Bronze", "No medal"]


def test_indirect_spend_scores_service_not_defects(presets: dict[str, Config]) -> None:
    keys = {c.key for c in presets["indirect_spend"].criteria}
    assert "defect_rate" not in keys
    assert {
        "sla_attainment",
        "response_time",
        "notice_period",
        "licence_terms",
        "customer_references",
    } <= keys


@pytest.mark.parametrize("name", PRESETS)
def test_rating_criteria_are_panel_rated_and_the_panel_section_round_trips(
    name: str, presets: dict[str, Config]
) -> None:
    config = presets[name]
    ratings = [c for c in config.criteria if c.unit == "rating 1-5" and c.key != "customer_references"]
    if ratings:  # evaluators' 1-5 ratings come from the panel, as in the default preset
        assert all(c.panel for c in ratings)
        assert config.section("panel") is not None
    data = config.to_dict()
    again = parse_config(data).to_dict()
    assert again.get("panel") == data.get("panel")
