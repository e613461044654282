"""'How we read your workbook': what the layout stage decided for each sheet, and the buyer's correction.

Each sheet gets one line in the buyer's words (`SheetLayout.describe()`) and a select box with its role;
a role the buyer changes becomes a `LayoutOverrides`, the same typed correction `--sheet-role` makes on
the command line, and the pipeline reads the workbook with it.
"""

from __future__ import annotations

import streamlit as st

from scorecard.config import Config
from scorecard.layout import LayoutContext, LayoutOverrides, Role, WorkbookLayout, detect_layout
from scorecard.read import Workbook
from scorecard.ui.plain import escape
from scorecard.ui.settings import column_settings_key

ROLES_KEY = "sheet_roles"  # session state: {sheet name: role value} the buyer chose, for ROLES_FOR's file
ROLES_FOR = "sheet_roles_for"
FOUND_KEY = "sheet_roles_found"  # session state: {sheet name: role value} as detected, before any correction


def layout_cached(
    digest: str, roles: tuple[tuple[str, str], ...], workbook: Workbook, config: Config
) -> WorkbookLayout:
    """The layout once per file, correction and settings (the settings' synonyms find the columns)."""
    return layout_of(digest, roles, column_settings_key(config), workbook, config)


@st.cache_resource(max_entries=16, show_spinner=False)
def layout_of(
    digest: str, roles: tuple[tuple[str, str], ...], settings: str, _workbook: Workbook, _config: Config
) -> WorkbookLayout:
    """Cached by the file's digest, the roles the buyer chose and the column settings (not the weights)."""
    overrides = LayoutOverrides(tuple((sheet, Role(role)) for sheet, role in roles))
    return detect_layout(_workbook, LayoutContext(_config), overrides)


def chosen_roles(digest: str) -> dict[str, str]:
    """The roles the buyer picked for this file (forgotten when another file is loaded)."""
    if st.session_state.get(ROLES_FOR) != digest:
        st.session_state[ROLES_FOR] = digest
        st.session_state[ROLES_KEY] = {}
        st.session_state[FOUND_KEY] = {}
    return st.session_state[ROLES_KEY]


def found_roles(layout: WorkbookLayout, corrected: bool) -> dict[str, str]:
    """Each sheet's role as detected before the buyer corrected any. A correction is applied when the file is
    read (`derive`), so a corrected workbook can differ (a matrix no longer turned): the roles are kept from
    the first, uncorrected run of this file, which every correction follows."""
    found = st.session_state.setdefault(FOUND_KEY, {})
    if not corrected:
        found.clear()
        found.update({s.sheet: s.role.value for s in layout.sheets})
    return found


def layout_section(digest: str, workbook: Workbook, config: Config) -> LayoutOverrides:
    """Show how each sheet was read and let the buyer correct a sheet's role; returns the corrections.

    `workbook` is the file as read with those corrections (`file_settings.derived_cached`)."""
    roles = chosen_roles(digest)
    key = tuple(sorted(roles.items()))
    layout = layout_cached(digest, key, workbook, config)
    corrected = bool(roles)
    detected = found_roles(layout, corrected)
    with st.expander(
        "How we read your workbook" + (" (corrected by you)" if corrected else ""), expanded=corrected
    ):
        st.caption(
            "Each sheet's part, as Scorecard found it. If a sheet was read as the wrong thing, choose what it "
            "is: the scores follow at once."
        )
        options = [role.value for role in Role]
        for sheet in layout.sheets:
            found = detected.get(sheet.sheet, sheet.role.value)
            left, right = st.columns([3, 1])
            left.markdown(escape(sheet.describe()))  # sheet names and bidders are the file's text
            picked = right.selectbox(
                f"Sheet '{sheet.sheet}' is",
                options,
                index=options.index(roles.get(sheet.sheet, found)),
                key=f"role::{digest}::{sheet.sheet}",
            )
            if picked != found:
                roles[sheet.sheet] = picked
            else:
                roles.pop(sheet.sheet, None)
    if tuple(sorted(roles.items())) != key:
        st.rerun()  # the corrected layout is shown and scored on the next run
    return LayoutOverrides(tuple((sheet, Role(role)) for sheet, role in sorted(roles.items())))
