"""Moderation in the Evaluator panel tab: the rating the panel agreed for a flagged disagreement, and why.

The agreed ratings live in session state (one per supplier and criterion) and
become `panel.moderation` in the settings the page scores with, so the
consensus, the scored workbook and the downloaded settings file all carry them.
"""

from __future__ import annotations

import streamlit as st

from scorecard.config import Config
from scorecard.names import same_supplier
from scorecard.panel import PANEL_SECTION, Moderation, PanelResult

MODERATION = "panel.moderation"  # {"supplier|criterion key": Moderation}


def pair_key(supplier: str, criterion: str) -> str:
    return f"{supplier}|{criterion}"


def without_pair(kept: dict[str, Moderation], supplier: str, criterion: str) -> dict[str, Moderation]:
    """The agreed ratings less any for this supplier and criterion, the supplier matched by the names
    rule: a settings file's "ACME  ltd" and the sheet's "Acme Ltd" are one pair, never two ratings."""
    return {
        key: m
        for key, m in kept.items()
        if not (m.criterion == criterion and same_supplier(m.supplier, supplier))
    }


def agreed_for(supplier: str, criterion: str) -> Moderation | None:
    """The rating the panel agreed for this pair, however the settings file spelt the supplier."""
    kept = st.session_state.get(MODERATION) or {}
    exact = kept.get(pair_key(supplier, criterion))
    if exact is not None:
        return exact
    return next(
        (m for m in kept.values() if m.criterion == criterion and same_supplier(m.supplier, supplier)), None
    )


def seed_from(config: Config) -> None:
    """A preset or settings file was loaded: its moderated ratings join the page's (same pair: the file's).

    Ratings the panel agreed are facts of the evaluation, not of a preset: choosing
    another preset keeps them, and a settings file without any does not erase them.
    """
    panel = config.section(PANEL_SECTION)
    kept = dict(st.session_state.get(MODERATION) or {})
    for agreed in panel.moderation if panel is not None else ():
        kept = without_pair(kept, agreed.supplier, agreed.criterion)
        kept[pair_key(agreed.supplier, agreed.criterion)] = agreed
    st.session_state[MODERATION] = kept


def recorded() -> tuple[Moderation, ...] | None:
    """The agreed ratings to score with; None until the page has set any (the base config's then apply)."""
    kept = st.session_state.get(MODERATION)
    return None if kept is None else tuple(kept.values())


def moderation_form(panel: PanelResult, supplier: str, criterion_label: str) -> None:
    """Inputs for one flagged pair: the agreed rating and the reason; saved together or not at all."""
    criterion = next((c.key for c in panel.criteria if c.label == criterion_label), None)
    if criterion is None:
        return
    current = agreed_for(supplier, criterion)
    low, high = panel.settings.scale_min, panel.settings.scale_max
    widget = f"moderation.{pair_key(supplier, criterion)}"
    with st.form(key=f"{widget}.form", border=False, enter_to_submit=False):
        rating_column, reason_column, button_column = st.columns([1, 3, 1], vertical_alignment="bottom")
        rating_column.number_input(
            f"Agreed rating ({low:g}-{high:g})",
            min_value=low,
            max_value=high,
            step=0.5,
            value=current.rating if current else None,
            key=f"{widget}.rating",
            placeholder="Not yet",
        )
        reason_column.text_input(
            "Reason the panel agreed it",
            value=current.reason if current else "",
            key=f"{widget}.reason",
            placeholder="e.g. roadmap reviewed in the moderation meeting",
        )
        button_column.form_submit_button(
            "Keep this rating",
            on_click=keep_rating,
            args=(supplier, criterion, widget),
            icon=":material/gavel:",
        )
    problem = st.session_state.get(f"{widget}.problem")
    if problem:
        st.error(problem, icon=":material/error:")
    if current is not None:
        st.caption(
            f"Moderated to {current.rating:g}: the consensus uses it instead of the calculated value. "
            "Clear the rating and keep to go back."
        )


def keep_rating(supplier: str, criterion: str, widget: str) -> None:
    """Store (or, with the rating cleared, remove) the agreed rating; a rating needs its reason."""
    rating = st.session_state.get(f"{widget}.rating")
    reason = str(st.session_state.get(f"{widget}.reason") or "").strip()
    st.session_state[f"{widget}.problem"] = None
    if rating is not None and not reason:
        st.session_state[f"{widget}.problem"] = (
            "Write the reason the panel agreed this rating, then keep it: the scored workbook and the "
            "settings file record it for whoever reviews the award."
        )
        return
    kept = without_pair(dict(st.session_state.get(MODERATION) or {}), supplier, criterion)
    if rating is not None:
        kept[pair_key(supplier, criterion)] = Moderation(supplier, criterion, float(rating), reason)
    st.session_state[MODERATION] = kept
