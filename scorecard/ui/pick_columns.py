"""The mapping step: the columns the buyer decides before scoring, picked or left out in one click each,
and the columns nobody asked for, offered as criteria.

A suggestion is pre-selected only when it is certain; pressing "Use these
columns" with a gap says what is still to choose. The picks are stored in the
session (`ui.setup` keys) and turned into settings by `PageSettings.config()`.
"""

from __future__ import annotations

import streamlit as st

from scorecard.config import Config, unit_suffix
from scorecard.mapping import (
    SUPPLIER,
    Candidate,
    ColumnMapping,
    ColumnMatch,
    shown_headers,
    unchecked_must_haves,
)
from scorecard.pipeline import Prepared
from scorecard.read import Workbook
from scorecard.ui.file_settings import BASE, mark_explicit
from scorecard.ui.plain import escape
from scorecard.ui.setup import ADDED, FITTED_FROM, OVERRIDES, PRESET, SKIPPED_MUST_HAVES, load_base, slug
from scorecard.ui.weights import category_key, criterion_key

MAPPING_SHEET = "mapping.sheet"  # the sheet the picked columns belong to
KEEP_OUT = "(not in my file: leave this criterion out)"
SWITCH_OFF = "(not in my file: switch this must-have off)"
MAPPING_GAP = "mapping.gap"  # what is still to choose after "Use these columns" was pressed with a gap


def needed_columns(mapping: ColumnMapping, config: Config) -> list[ColumnMatch]:
    """Columns the buyer decides before scoring: the supplier name, a must-have's column, a weighted
    criterion with a column that might hold it, or (when nothing of the settings was found) every
    weighted criterion. Any other absent column is left out without asking, and the banner says so.
    Criteria another sheet calculates are never asked for."""
    absent = {m.key: m for m in mapping.not_found}
    if SUPPLIER in absent:
        return [absent[SUPPLIER]]
    shares = config.counted_shares()
    weighted = [m for m in mapping.criteria if shares.get(m.key, 0) > 0]
    if weighted and all(m.key in absent for m in weighted):
        return weighted
    must_haves = unchecked_must_haves(mapping, config)
    # a weighted criterion with a column that might hold it: confirm it or leave it out, in one click
    suggested = [m.key for m in weighted if m.key in absent and m.suggestions and m.key not in must_haves]
    return [absent[key] for key in dict.fromkeys([*must_haves, *suggested])]


def answered_without_a_column(mapping: ColumnMapping, config: Config) -> bool:
    """Whether the buyer has been through the mapping step on this sheet and none of the settings' weighted
    criteria has a column even so (each one left out, or its must-have switched off): asking again would go
    round in circles, so the file's own columns are scored instead (`pipeline.settings_for_file`)."""
    if st.session_state.get(MAPPING_SHEET) != mapping.sheet:
        return False
    shares = config.counted_shares()
    weighted = [m for m in mapping.criteria if shares.get(m.key, 0) > 0]
    return all(m.column is None and m.how != "calculated" for m in weighted)


def mapping_step(workbook: Workbook, config: Config, sheet_name: str, needed: list[ColumnMatch]) -> None:
    """Let the buyer pick each missing column from the sheet, leave a criterion out, or switch a
    must-have off, in one click each; a suggestion is pre-selected only when it is certain."""
    sheet = workbook.sheet(sheet_name)
    must_haves = set(unchecked_must_haves(column_mapping_of(needed, sheet_name), config))
    st.warning(
        f'Some columns the scoring needs were not found in sheet "{escape(sheet_name)}". Pick them below '
        "(closest matches first), leave a criterion out, or switch a must-have off, then continue.",
        icon=":material/table_view:",
    )
    gap = st.session_state.get(MAPPING_GAP)
    if gap:
        st.error(escape(gap), icon=":material/error:")
    with st.container(border=True):
        st.subheader("Match your columns")
        for match in needed:
            options = [*match.suggestions, *(c for c in sheet.columns if c not in match.suggestions)]
            if match.key in must_haves:
                options.append(SWITCH_OFF)
            elif match.key != SUPPLIER:
                options.append(KEEP_OUT)
            looked_for = (
                config.supplier_column if match.key == SUPPLIER else config.criterion(match.key).column
            )
            unsure = (
                f" Closest: {shown_headers(match.suggestions)}; not certain enough to pick it for you, so check it."
                if match.suggestions and not match.certain
                else ""
            )
            st.selectbox(
                escape(match.label + (must_have_words(config, match.key) if match.key in must_haves else "")),
                options,
                index=0 if match.suggestions and match.certain else None,
                key=f"mapping.pick.{match.key}",
                placeholder="Pick the column that holds it",
                help=escape(f'Scorecard looked for "{looked_for}" and its usual synonyms.{unsure}'),
            )
        st.button(
            "Use these columns",
            type="primary",
            key="mapping.continue",
            on_click=apply_picks,
            args=(sheet_name, [m.key for m in needed], {m.key: m.label for m in needed}),
            icon=":material/check:",
        )
    st.stop()


def must_have_words(config: Config, key: str) -> str:
    """The must-have on `key` in words, for the picker's label: ' (a must-have: Financial risk score must be at
    most 70)'."""
    rule = next(r for r in config.knockouts if r.criterion == key)
    criterion = config.criterion(key)
    return f" (a must-have: {rule.describe(criterion.label, unit_suffix(criterion.unit))})"


def column_mapping_of(needed: list[ColumnMatch], sheet: str) -> ColumnMapping:
    """The needed matches as a mapping, to ask which of them are must-haves."""
    supplier = ColumnMatch(SUPPLIER, "Supplier name", "", "found")
    return ColumnMapping(sheet, supplier, tuple(m for m in needed if m.key != SUPPLIER))


def apply_picks(sheet: str, keys: list[str], labels: dict[str, str] | None = None) -> None:
    """Store the picked columns, criteria left out and must-haves switched off, so that the next run
    scores with them; a list left empty is named, not silently redrawn.

    A criterion left out gets weight 0; if that empties its category, the category
    gets weight 0 too, so the settings stay valid without a second trip to the sidebar.
    """
    base: Config = st.session_state[BASE]
    labels = labels or {}
    unpicked = [labels.get(key, key) for key in keys if st.session_state.get(f"mapping.pick.{key}") is None]
    if unpicked:
        st.session_state[MAPPING_GAP] = (
            f"Still to choose: {', '.join(unpicked)}. Pick a column for each, or choose to leave it out "
            "(or to switch the must-have off)."
        )
        return
    st.session_state[MAPPING_GAP] = None
    overrides = dict(st.session_state.get(OVERRIDES, {}))
    skipped = set(st.session_state.get(SKIPPED_MUST_HAVES, ()))
    for key in keys:
        choice = st.session_state.get(f"mapping.pick.{key}")
        if choice == KEEP_OUT:
            st.session_state[criterion_key(key)] = 0.0
        elif choice == SWITCH_OFF:
            skipped.add(key)
        else:
            overrides[key] = choice
    st.session_state[OVERRIDES] = overrides
    st.session_state[SKIPPED_MUST_HAVES] = sorted(skipped)
    st.session_state[MAPPING_SHEET] = sheet
    for category in base.categories:
        weights = [st.session_state.get(criterion_key(c.key), c.weight) for c in category.criteria]
        if category.criteria and not any(w > 0 for w in weights):
            st.session_state[category_key(category.key)] = 0.0


def can_switch_back_on(key: str) -> bool:
    """Whether the buyer switched the must-have on `key` off in the mapping step, of the settings in use or
    of those chosen before the file's own columns were scored instead."""
    if key not in st.session_state.get(SKIPPED_MUST_HAVES, ()):
        return False
    return any(key in {rule.criterion for rule in config.knockouts} for config in switchable_settings())


def switchable_settings() -> list[Config]:
    chosen = st.session_state.get(FITTED_FROM)
    return [st.session_state[BASE], *([chosen[1]] if chosen and chosen[1] is not None else [])]


def switch_back_on(key: str) -> None:
    """Undo "switch this must-have off": the next run asks for its column again in the mapping step. When the
    file's own columns were scored instead, the settings chosen before come back, to match their columns."""
    st.session_state[SKIPPED_MUST_HAVES] = [
        k for k in st.session_state.get(SKIPPED_MUST_HAVES, ()) if k != key
    ]
    st.session_state.pop(f"mapping.pick.{key}", None)
    base: Config = st.session_state[BASE]
    chosen = st.session_state.get(FITTED_FROM)
    if any(rule.criterion == key for rule in base.knockouts) or not chosen or chosen[1] is None:
        return
    st.session_state[PRESET] = chosen[0]
    mark_explicit()
    load_base(chosen[1])
    st.session_state[MAPPING_SHEET] = None  # ask again, rather than fit again at once


def offer_candidates(prepared: Prepared) -> None:
    """Columns no criterion uses that could be scored: 'add as a criterion', with its weight, in one
    place above the results; the guessed category, direction and method are shown before adding."""
    candidates = prepared.candidates
    added: dict = dict(st.session_state.get(ADDED, {}))
    if not candidates and not added:
        return
    with st.expander(f"Other columns you could score ({len(candidates)})", icon=":material/add_circle:"):
        for candidate in candidates:
            left, right, button = st.columns([4, 1, 1], vertical_alignment="bottom")
            left.markdown(escape(candidate.describe()))
            weight = right.number_input(
                "Weight",
                min_value=0.0,
                value=10.0,
                step=5.0,
                key=f"candidate.weight.{slug(candidate.column)}",
            )
            button.button(
                "Add as a criterion",
                key=f"candidate.add.{slug(candidate.column)}",
                on_click=add_candidate,
                args=(candidate, weight),
            )
        for column, (candidate, weight) in added.items():
            left, button = st.columns([5, 1], vertical_alignment="bottom")
            left.markdown(escape(f"Added: {candidate.describe()}, weight {weight:g} within its category"))
            button.button(
                "Remove", key=f"candidate.remove.{slug(column)}", on_click=remove_candidate, args=(column,)
            )


def add_candidate(candidate: Candidate, weight: float) -> None:
    added = dict(st.session_state.get(ADDED, {}))
    added[candidate.column] = (candidate, float(weight))
    st.session_state[ADDED] = added


def remove_candidate(column: str) -> None:
    added = dict(st.session_state.get(ADDED, {}))
    added.pop(column, None)
    st.session_state[ADDED] = added
