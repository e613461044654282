"""The sidebar's weights: a slider per category and criterion, each with the share it really gets.

The sidebar is drawn before the file is read, so each share is a slot: filled
with the shares as set, then (`show_scored_shares`, once the file is prepared
and scored) with the shares that counted, where a criterion nobody could be
scored on gets 0 and its weight goes to the rest of its category, exactly as
on the Weights sheet.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping

import streamlit as st

from scorecard.config import Config, category_totals
from scorecard.score import ScoreResult
from scorecard.tables import shares_by_criterion
from scorecard.ui.plain import escape
from scorecard.ui.settings import shares_in_percent

SHARE_SLOTS = "setup.share_slots"  # this run's sidebar slots for the shares: {widget key: st.empty()}
TOTAL_SLOT = "shares.total"


def category_key(key: str) -> str:
    return f"weight.category.{key}"


def criterion_key(key: str) -> str:
    return f"weight.criterion.{key}"


def slider_range(config: Config) -> tuple[float, float]:
    """Slider maximum and step that fit the preset's own numbers (35/20/25 or 0.35/0.2/0.25)."""
    top = max([c.weight for c in config.categories] + [c.weight for c in config.criteria] + [0.0])
    if top <= 1:
        return 1.0, 0.01
    if top <= 100:
        return 100.0, 1.0
    scale = 10.0 ** math.ceil(math.log10(top))
    return scale, scale / 100


def percent_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def weight_sliders(base: Config, config: Config | None) -> None:
    """Category sliders, then criterion sliders per category, each with the share it really gets.

    The sidebar is drawn before the file is read, so each share is a slot: filled with the shares as
    set, then (`show_scored_shares`, once the file is prepared and scored) with the shares that
    counted, where a criterion without a column in the file gets 0 and its weight goes to the rest of
    its category, exactly as on the Weights sheet.
    """
    top, step = slider_range(base)
    slots: dict[str, object] = {}
    st.subheader("Weights")
    st.caption("Weights are relative: they are scaled so that the shares add up to 100%.")
    for category in base.categories:
        if not category.criteria:
            continue
        help_text = f"Relative weight of the {escape(category.label)} category."
        weight_slider(
            escape(category.label), category_key(category.key), category.weight, (top, step), help_text
        )
        slots[category_key(category.key)] = st.empty()
    slots[TOTAL_SLOT] = st.empty()
    for category in base.categories:
        if not category.criteria:
            continue
        with st.expander(f"{escape(category.label)} criteria"):
            for criterion in category.criteria:
                help_text = escape(criterion.description) if criterion.description else None
                weight_slider(
                    escape(criterion.label),
                    criterion_key(criterion.key),
                    criterion.weight,
                    (top, step),
                    help_text,
                )
                slots[criterion_key(criterion.key)] = st.empty()
    st.session_state[SHARE_SLOTS] = slots
    if config is not None:
        show_counted_shares(config, config.counted_shares(), config.category_shares(), ())
    else:  # settings that leave nothing to score: no share to show
        for slot in slots.values():
            slot.caption("–")  # type: ignore[attr-defined]


def weight_slider(
    label: str, key: str, weight: float, scale: tuple[float, float], help_text: str | None
) -> None:
    """One weight's slider on the settings' own scale (0-1, 0-100 or larger), never capping a weight set higher."""
    top, step = scale
    st.slider(
        label,
        min_value=0.0,
        max_value=max(top, float(weight)),
        step=step,
        format="%.0f" if step >= 1 else "%.2f",
        key=key,
        help=help_text,
    )


def show_scored_shares(config: Config, result: ScoreResult) -> None:
    """The sidebar's shares become the shares that counted in `result`, as on the Weights sheet. A criterion
    of the page's settings that the scoring did not use (a bid tab alone is scored only on what its bids
    provide) counted 0 and reads as left out."""
    _, counted = shares_by_criterion(result)
    shares = dict.fromkeys((c.key for c in config.criteria), 0.0) | counted
    categories = dict.fromkeys((c.key for c in config.categories), 0.0) | category_totals(
        result.config.categories, counted
    )
    left_out = {*result.left_out, *(c.key for c in config.criteria if c.key not in counted)}
    show_counted_shares(config, shares, categories, left_out)


def show_counted_shares(
    config: Config, shares: Mapping[str, float], categories: Mapping[str, float], left_out: Collection[str]
) -> None:
    """Write each category's and criterion's share of the total into the sidebar's slots: the shares as
    set, or (`show_scored_shares`) the shares that counted, `left_out` naming the criteria not scored on."""
    slots: Mapping[str, object] = st.session_state.get(SHARE_SLOTS, {})
    category_shares = shares_in_percent(categories)
    criterion_shares = shares_in_percent(shares)
    for category in config.categories:
        if (slot := slots.get(category_key(category.key))) is not None:
            slot.caption(  # type: ignore[attr-defined]
                f"{escape(category.label)}: **{percent_text(category_shares.get(category.key))}** of the total"
            )
        inside = within_category(config, category.key, shares)
        for criterion in category.criteria:
            if (slot := slots.get(criterion_key(criterion.key))) is None:
                continue
            where = (
                "left out: nobody could be scored on it (no column in the file, or no data)"
                if criterion.key in left_out
                else f"{percent_text(inside.get(criterion.key))} of {escape(category.label)}"
            )
            slot.caption(  # type: ignore[attr-defined]
                f"{where} · **{percent_text(criterion_shares.get(criterion.key))}** of the total"
            )
    if (slot := slots.get(TOTAL_SLOT)) is not None:
        slot.caption(f"All categories together: {sum(category_shares.values()):.1f}%")  # type: ignore[attr-defined]


def within_category(config: Config, key: str, shares: Mapping[str, float]) -> dict[str, float]:
    """Each criterion's share of its own category, in percent adding up to 100."""
    members = {c.key: shares[c.key] for c in config.category(key).criteria}
    return shares_in_percent(members) if sum(members.values()) > 0 else dict.fromkeys(members, 0.0)
