"""The file's own settings in the app: an evaluation matrix or a criteria sheet sets the criteria and weights.

The rule is `layout.derive.choose_config`, the same as on the command line: a
preset or settings file the buyer chose explicitly wins; otherwise the file's
own settings (or the default preset when the file implies none). The sidebar
is drawn before the file is read, and Streamlit lets a widget's value change
only before the widget is drawn, so a change of settings is parked in the
session and applied at the top of the next run (`apply_pending`), then the
page reruns once. The sliders then work on the file's criteria as on a preset.
"""

from __future__ import annotations

import streamlit as st

from scorecard.config import Config
from scorecard.layout import LayoutOverrides, Role
from scorecard.layout.derive import Derived, choose_config, derive
from scorecard.ui.layout import chosen_roles
from scorecard.ui.steps import read_cached

FROM_FILE = "Settings from your file"  # shown as it is (the caption under it says which sheets)
BASE = "setup.base"  # the Config the page starts from: a preset, the file's own or the buyer's settings file
FILE_CONFIG = "setup.file_config"  # the settings the current file implies, or None
EXPLICIT = "setup.explicit"  # True once the buyer picked a preset or loaded a settings file
PENDING = "setup.pending"  # settings to make the base at the top of the next run


def derived_cached(digest: str, name: str, data: bytes) -> Derived:
    """The file as the pipeline reads it, with the sheet roles the buyer corrected under "How we read your
    workbook": the same `derive` call as the command line's `--sheet-role`, so a correction can make or
    unmake an evaluation matrix (and the settings it implies), not only relabel the turned sheet."""
    roles = tuple(sorted(chosen_roles(digest).items()))
    return derived_of(digest, name, roles, data)


@st.cache_resource(max_entries=16, show_spinner="Reading how your workbook is laid out...")
def derived_of(digest: str, name: str, roles: tuple[tuple[str, str], ...], _data: bytes) -> Derived:
    """Read once per content, then (once per correction) turn matrices round and find the file's settings."""
    overrides = LayoutOverrides(tuple((sheet, Role(role)) for sheet, role in roles))
    return derive(read_cached(digest, name, _data), overrides=overrides)


def use_file_settings(derived: Derived) -> None:
    """Unless the buyer chose settings explicitly, score with the file's own (or the default preset): when
    that is not what the sidebar shows, park it and rerun so the sidebar is drawn with it."""
    st.session_state[FILE_CONFIG] = derived.config
    if st.session_state.get(EXPLICIT):
        return
    wanted = choose_config(derived, None)
    if st.session_state.get(BASE) != wanted:
        st.session_state[PENDING] = wanted
        st.rerun()


def apply_pending(load_base, preset_state: str, presets: dict[str, Config]) -> None:
    """At the top of a run, before the sidebar is drawn: make the parked settings the base, and point the
    preset box at them (the file's own entry, or the preset they are)."""
    wanted: Config | None = st.session_state.pop(PENDING, None)
    if wanted is None:
        return
    name = next((key for key, config in presets.items() if config == wanted), FROM_FILE)
    st.session_state[preset_state] = name
    load_base(wanted)


def mark_explicit() -> None:
    """The buyer picked a preset (not the file's own entry) or loaded a settings file: that choice wins."""
    st.session_state[EXPLICIT] = True


def file_config() -> Config | None:
    return st.session_state.get(FILE_CONFIG)
