"""The sidebar: presets, weights, must-haves and reset re-score without re-reading; the settings object behind it."""

from __future__ import annotations

import pytest

from scorecard.config import load_preset, preset_paths
from scorecard.errors import ScorecardError
from scorecard.pipeline import evaluate_file
from scorecard.ui import settings as page_settings
from scorecard.ui import steps
from scorecard.ui.settings import PageSettings, column_settings_key, shares_in_percent
from tests.layout.published import questcdn_bid_tab
from tests.ui.apptest import (
    QUALITY_WEIGHT,
    SAMPLE,
    WEIGHT,
    loaded,
    metric,
    no_apology,
    plain,
    started,
)


def test_sidebar_shows_the_preset_its_description_and_shares_adding_to_100() -> None:
    at = started()
    preset = load_preset("default")
    assert at.selectbox(key="preset").value == "default"
    captions = [c.value for c in at.sidebar.caption]
    assert preset.description in [plain(c) for c in captions]  # shown escaped: it comes from a file
    assert "All categories together: 100.0%" in captions
    cost_share = shares_in_percent(preset.category_shares())["cost"]
    assert f"Cost: **{cost_share:.1f}%** of the total" in captions


def test_changing_a_weight_changes_the_leader_without_reading_the_file_again(
    sample: bytes, leaders: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"read": 0, "prepare": 0}
    real_read, real_prepare = steps.read_workbook, steps.prepare

    def counting_read(*args: object, **kwargs: object) -> object:
        calls["read"] += 1
        return real_read(*args, **kwargs)

    def counting_prepare(*args: object, **kwargs: object) -> object:
        calls["prepare"] += 1
        return real_prepare(*args, **kwargs)

    monkeypatch.setattr(steps, "read_workbook", counting_read)
    monkeypatch.setattr(steps, "prepare", counting_prepare)
    at = loaded(sample)
    assert metric(at, "Leader") == leaders[0]
    at.slider(key=WEIGHT).set_value(QUALITY_WEIGHT)
    at.run()
    assert not at.exception
    assert metric(at, "Leader") == leaders[1]
    assert leaders[1] in plain(at.success[0].value)
    assert calls == {"read": 1, "prepare": 1}
    # the shares follow the sliders and still add up to 100%
    captions = [c.value for c in at.sidebar.caption]
    assert "All categories together: 100.0%" in captions


def test_reset_puts_the_presets_weights_back(sample: bytes, leaders: tuple[str, str]) -> None:
    at = loaded(sample)
    at.slider(key=WEIGHT).set_value(QUALITY_WEIGHT)
    at.run()
    assert metric(at, "Leader") == leaders[1]
    at.button(key="reset").click()
    at.run()
    assert at.slider(key=WEIGHT).value == load_preset("default").category("quality").weight
    assert metric(at, "Leader") == leaders[0]


def test_knockouts_off_ranks_every_supplier(sample: bytes) -> None:
    at = loaded(sample)
    before = metric(at, "Suppliers ranked")
    at.toggle(key="knockouts").set_value(False)
    at.run()
    config = load_preset("default")
    result = evaluate_file(sample, SAMPLE.name, config.with_weights()).result
    assert before != metric(at, "Suppliers ranked")
    assert metric(at, "Suppliers ranked") == f"{len(result.suppliers)} of {len(result.suppliers)}"


def test_all_weights_zero_says_what_to_do(sample: bytes) -> None:
    preset = load_preset("default")
    with pytest.raises(ScorecardError) as expected:
        preset.with_weights(dict.fromkeys((c.key for c in preset.categories), 0))
    at = loaded(sample)
    for category in preset.categories:
        at.slider(key=f"weight.category.{category.key}").set_value(0.0)
    at.run()
    assert not at.exception
    assert any(str(expected.value) in plain(e.value) for e in at.main.error)
    assert not at.metric
    # in the sliders' words: no settings file's name or keys (a buyer moved a slider; F9 of the review)
    shown = next(plain(e.value) for e in at.main.error if str(expected.value) in plain(e.value))
    assert shown.startswith("Every weight is at 0") and ".yaml" not in shown and "`" not in shown


def test_a_category_whose_criteria_are_all_at_zero_is_named_in_the_sliders_words(sample: bytes) -> None:
    at = loaded(sample)
    cost = load_preset("default").category("cost")
    for criterion in cost.criteria:
        at.slider(key=f"weight.criterion.{criterion.key}").set_value(0.0)
    at.run()
    assert not at.exception
    shown = [plain(e.value) for e in at.main.error]
    assert any(s.startswith("The Cost weight is") and "every criterion in Cost is at 0" in s for s in shown)
    assert not any(".yaml" in s or "`" in s for s in shown)
    assert not at.metric


def test_choosing_another_preset_scores_with_it(sample: bytes) -> None:
    at = loaded(sample)
    at.selectbox(key="preset").set_value("indirect_spend")
    at.run()
    assert not at.exception
    preset = load_preset("indirect_spend")
    assert preset.description in [plain(c.value) for c in at.sidebar.caption]
    no_apology(at)


def test_a_column_picked_under_one_preset_does_not_follow_to_another(sample: bytes) -> None:
    """The settings stay loadable: a pick for a criterion the new preset lacks is dropped."""
    at = loaded(sample)
    at.session_state["mapping.overrides"] = {"defect_rate": "Defect rate (ppm)"}
    at.selectbox(key="preset").set_value("indirect_spend")
    at.run()
    assert not at.exception
    assert "defect_rate" not in {c.key for c in load_preset("indirect_spend").criteria}
    # the sample's Evaluations sheet rates criteria this preset lacks (panel errors, listed in Data
    # quality); what must not appear is a refusal of the dropped pick
    assert not [e.value for e in at.error if "map a column" in e.value or "defect_rate" in e.value]
    no_apology(at)


# the default preset stays in the fast lane; the others take several seconds each
@pytest.mark.parametrize(
    "preset",
    [pytest.param(p.stem, marks=[] if p.stem == "default" else [pytest.mark.slow]) for p in preset_paths()],
)
def test_every_preset_ranks_the_sample_with_one_click_at_most(sample: bytes, preset: str) -> None:
    """Switching preset with the sample loaded gives a ranking: criteria without a column are left out;
    a must-have without its column is asked about once, and switching it off scores."""
    at = loaded(sample)
    at.selectbox(key="preset").set_value(preset)
    at.run()
    assert not at.exception
    no_apology(at)
    pickers = [box.key for box in at.selectbox if box.key and box.key.startswith("mapping.pick.")]
    if pickers:
        for key in pickers:
            box = at.selectbox(key=key)
            assert box.value is None or box.value in box.options  # nothing uncertain is chosen for the buyer
            box.set_value(box.options[-1])  # "not in my file: switch this must-have off / leave it out"
        at.button(key="mapping.continue").click()
        at.run()
        assert not at.exception
    assert metric(at, "Leader"), preset
    result = evaluate_file(
        sample,
        SAMPLE.name,
        load_preset(preset).without_must_haves([k.removeprefix("mapping.pick.") for k in pickers]),
    ).result
    assert metric(at, "Leader") == result.leader


def test_page_settings_give_the_config_with_the_buyers_choices() -> None:
    preset = load_preset("default")
    settings = PageSettings.from_config(preset)
    assert settings.config() == preset
    changed = PageSettings(
        base=preset,
        category_weights=(("cost", 50.0),),
        criterion_weights=(("iso_9001", 0.0),),
        aggregation="topsis",
        knockouts_enabled=False,
        column_overrides=(("on_time_delivery", "OTD"),),
    )
    config = changed.config()
    assert config.category("cost").weight == 50
    assert config.criterion("iso_9001").weight == 0
    assert config.aggregation == "topsis" and not config.knockouts_enabled
    assert dict(config.column_overrides)["on_time_delivery"] == "OTD"


def test_column_key_ignores_weights_but_not_columns_or_what_counts() -> None:
    preset = load_preset("default")
    key = column_settings_key(preset)
    assert column_settings_key(preset.with_weights({"cost": 80}, {"total_cost": 5})) == key
    assert column_settings_key(preset.with_weights(criteria={"innovation": 0})) != key
    assert column_settings_key(preset.with_overrides({"on_time_delivery": "OTD"})) != key


@pytest.mark.parametrize(
    ("shares", "expected"),
    [
        ({"a": 1, "b": 1, "c": 1}, {"a": 33.4, "b": 33.3, "c": 33.3}),
        ({"a": 0.35, "b": 0.65}, {"a": 35.0, "b": 65.0}),
        ({"a": 0.0, "b": 0.0}, {"a": 0.0, "b": 0.0}),
    ],
)
def test_shown_shares_add_up_to_exactly_100(shares: dict[str, float], expected: dict[str, float]) -> None:
    assert page_settings.shares_in_percent(shares) == expected
    if any(shares.values()):
        assert round(sum(page_settings.shares_in_percent(shares).values()), 6) == 100.0


def test_a_bid_tab_alone_shows_the_shares_that_counted_in_its_scoring() -> None:
    """A bid tab is scored only on what its bids provide: the sidebar shows the shares of that scoring (the
    Weights sheet's), so the settings' other criteria read as left out at 0% and the total stays 100%."""
    published = questcdn_bid_tab()
    at = loaded(published.data, "city bid tab.xlsx")
    assert not at.error, [e.value for e in at.error]
    captions = [plain(c.value) for c in at.sidebar.caption]
    assert "All categories together: 100.0%" in captions
    left_out = [c for c in captions if c.startswith("left out: nobody could be scored on it")]
    assert left_out and all(c.endswith("· **0.0%** of the total") for c in left_out)
    counted = [c for c in captions if " of the total" in c and not c.startswith(("left out", "All"))]
    assert any("**0.0%**" not in c for c in counted)  # what the bids provide counted
