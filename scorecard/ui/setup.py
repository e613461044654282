"""Setup, in the sidebar: preset, weights with their effective shares, aggregation, knock-outs, settings file.

Widget values live in `st.session_state` under the keys below and are read
into one `PageSettings` per run. Changing the preset, loading a settings file
or pressing reset rewrites those keys in a callback (before the widgets are
drawn), which is the only moment Streamlit allows it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import streamlit as st

from scorecard.config import AGGREGATIONS, Config, ConfigError, config_to_yaml, parse_config_text, unit_suffix
from scorecard.errors import ScorecardError
from scorecard.ui import moderation
from scorecard.ui.file_settings import BASE, EXPLICIT, FROM_FILE, apply_pending, file_config, mark_explicit
from scorecard.ui.plain import escape
from scorecard.ui.settings import PageSettings
from scorecard.ui.steps import LOG, presets
from scorecard.ui.weights import category_key, criterion_key, weight_sliders

UPLOADED = "setup.uploaded"  # the buyer's settings file, once loaded
SETTINGS_ERROR = "setup.settings_error"
PRESET = "preset"
YOUR_SETTINGS = "(your settings file)"
AGGREGATION = "aggregation"
KNOCKOUTS = "knockouts"
SETTINGS_UPLOAD = "settings_upload"
OVERRIDES = "mapping.overrides"  # columns the buyer picked in the mapping step: {criterion key: column}
SKIPPED_MUST_HAVES = "mapping.skipped_must_haves"  # must-haves switched off in the mapping step
ADDED = "mapping.added"  # columns of the file added as criteria: {column: (Candidate, weight)}
FITTED = "setup.fitted"  # settings built from the file's own columns (pipeline.settings_for_file), or None
FITTED_PENDING = "setup.fitted_pending"  # True: make them the base at the top of the next run
FITTED_CHOICE = "(built from your file's columns)"
FITTED_FROM = "setup.fitted_from"  # (preset box choice, base config) in use when the settings were fitted


# --------------------------------------------------------------------------- state and callbacks


def init_state() -> None:
    """First run of a session: start from the default preset."""
    if BASE not in st.session_state:
        name, config = next(iter(presets().items()))
        st.session_state[PRESET] = name
        load_base(config)


def load_base(config: Config) -> None:
    """Make `config` the starting point and put every widget back to its values."""
    st.session_state[BASE] = config
    moderation.seed_from(config)  # agreed panel ratings belong to the settings, not to the reset button
    reset_widgets()


def reset_widgets() -> None:
    """Weights, aggregation and knock-outs back to the base config's values (the reset button)."""
    config: Config = st.session_state[BASE]
    for category in config.categories:
        st.session_state[category_key(category.key)] = float(category.weight)
        for criterion in category.criteria:
            st.session_state[criterion_key(criterion.key)] = float(criterion.weight)
    st.session_state[AGGREGATION] = config.aggregation
    st.session_state[KNOCKOUTS] = config.knockouts_enabled


def on_preset_change() -> None:
    st.session_state[SETTINGS_ERROR] = None  # another preset is the way out of a broken settings file
    choice = st.session_state[PRESET]
    if choice == FITTED_CHOICE:
        mark_explicit()
        config = st.session_state.get(FITTED)
    elif choice == FROM_FILE:
        st.session_state[EXPLICIT] = False  # back to the rule: the file's own settings
        config = file_config()
    else:
        mark_explicit()  # a preset picked by the buyer wins over the file's own settings
        config = st.session_state.get(UPLOADED) if choice == YOUR_SETTINGS else presets().get(choice)
    if config is not None:
        load_base(config)


def on_settings_upload() -> None:
    """A settings file was chosen: validate it; on success it becomes the base, else say what to fix."""
    uploaded = st.session_state.get(SETTINGS_UPLOAD)
    st.session_state[SETTINGS_ERROR] = None
    if uploaded is None:
        return
    try:
        config = parse_config_text(uploaded.getvalue(), uploaded.name)
    except ScorecardError as error:
        st.session_state[SETTINGS_ERROR] = str(error)
        return
    except Exception:  # a bug, or a limit of the YAML library: our words, never Streamlit's error box
        LOG.exception("Unexpected error while reading the settings file %r", uploaded.name)
        st.session_state[SETTINGS_ERROR] = (
            f"{uploaded.name} could not be read as a settings file; the settings you had are still in use. "
            "Upload a .yaml file saved from Scorecard, or pick a preset. If the file came from Scorecard, "
            "please report it (this is a bug)."
        )
        return
    st.session_state[UPLOADED] = config
    st.session_state[PRESET] = YOUR_SETTINGS
    mark_explicit()
    load_base(config)


# --------------------------------------------------------------------------- reading the widgets


def current_settings() -> PageSettings:
    """The widgets' values as one settings object (valid or not: `config()` says)."""
    base: Config = st.session_state[BASE]
    state = st.session_state
    known = {c.key for c in base.criteria}
    return PageSettings(
        base=base,
        category_weights=tuple(
            (c.key, float(state.get(category_key(c.key), c.weight))) for c in base.categories
        ),
        criterion_weights=tuple(
            (c.key, float(state.get(criterion_key(c.key), c.weight))) for c in base.criteria
        ),
        aggregation=state.get(AGGREGATION, base.aggregation),
        knockouts_enabled=bool(state.get(KNOCKOUTS, base.knockouts_enabled)),
        # only picks the current settings know: a pick made under another preset does not carry over
        column_overrides=tuple(
            sorted((k, v) for k, v in state.get(OVERRIDES, {}).items() if k == "supplier" or k in known)
        ),
        skipped_must_haves=tuple(sorted(k for k in state.get(SKIPPED_MUST_HAVES, ()) if k in known)),
        added=tuple(state.get(ADDED, {}).values()),
        moderation=moderation.recorded(),
    )


# --------------------------------------------------------------------------- the sidebar


def setup_sidebar() -> tuple[PageSettings, Config | None, str | None]:
    """Draw the setup; return the settings, the config they give (None if invalid) and why not."""
    init_state()
    apply_pending(load_base, PRESET, presets())  # the file's own settings, parked by the previous run
    apply_fitted()  # or settings built from the file's columns, parked by the previous run
    settings = current_settings()
    try:
        config: Config | None = settings.config()
        problem = None
    except ConfigError as error:
        config, problem = None, str(error)
    problem = st.session_state.get(SETTINGS_ERROR) or problem  # a settings file that could not be loaded
    with st.sidebar:
        st.header("Setup")
        preset_picker(settings.base)
        weight_sliders(settings.base, config)
        method_and_knockouts(settings.base)
        st.button(
            "Reset to the preset's values",
            key="reset",
            on_click=reset_widgets,
            icon=":material/restart_alt:",
            width="stretch",
        )
        settings_file(config)
    return settings, config, problem


def may_fit_to_file() -> bool:
    """Whether the settings may give way to settings built from the file's columns: only when the buyer
    did not choose them (a preset picked, a settings file loaded, or the built settings themselves).
    A preset the buyer picks is kept, and its columns are matched in the mapping step."""
    return not st.session_state.get(EXPLICIT)


def fit_to_file(fitted: Config) -> None:
    """The file holds none of the settings' columns: score its own columns instead, as the command line
    does (`pipeline.settings_for_file`). Parked and the page rerun, so the sidebar shows their weights;
    they stay in the preset box to go back to after trying a preset."""
    st.session_state[FITTED] = fitted
    st.session_state[FITTED_PENDING] = True
    st.session_state[FITTED_FROM] = (st.session_state.get(PRESET), st.session_state.get(BASE))
    st.rerun()


def apply_fitted() -> None:
    """At the top of a run, before the sidebar is drawn: make the settings built from the file's columns
    the base. They win over the default preset as a preset picked by the buyer would."""
    if not st.session_state.pop(FITTED_PENDING, False):
        return
    st.session_state[PRESET] = FITTED_CHOICE
    mark_explicit()
    load_base(st.session_state[FITTED])


def forget_fitted() -> None:
    """Another file: settings built from the previous file's columns mean nothing for it. If they were
    in use, the choice goes back to the rule (the file's own settings, else the default preset)."""
    if st.session_state.get(FITTED) is None:
        return
    if st.session_state.get(BASE) == st.session_state[FITTED]:
        st.session_state[EXPLICIT] = False
    st.session_state[FITTED] = None
    st.session_state[FITTED_FROM] = None


def preset_picker(base: Config) -> None:
    options = list(presets())
    if st.session_state.get(UPLOADED) is not None:
        options.append(YOUR_SETTINGS)
    if st.session_state.get(FITTED) is not None:
        options.append(FITTED_CHOICE)
    if file_config() is not None:
        options.append(FROM_FILE)
    st.selectbox(
        "Preset",
        options,
        key=PRESET,
        on_change=on_preset_change,
        # titles fixed at draw time: the format function then needs no session state (AppTest calls it outside a run)
        format_func={name: preset_title(name) for name in options}.__getitem__,
        help="A starting point of criteria, weights, must-haves and bands for a kind of sourcing event.",
    )
    st.caption(escape(base.description) if base.description else "No description in these settings.")


def preset_title(name: str) -> str:
    if name == FITTED_CHOICE:
        fitted: Config | None = st.session_state.get(FITTED)
        return fitted.name if fitted else name
    if name == YOUR_SETTINGS:
        uploaded: Config | None = st.session_state.get(UPLOADED)
        return f"Your settings: {uploaded.name}" if uploaded else name
    config = presets().get(name)
    return config.name if config else name


def method_and_knockouts(base: Config) -> None:
    st.subheader("Method")
    st.radio(
        "How criterion scores are combined",
        list(AGGREGATIONS),
        key=AGGREGATION,
        format_func=lambda key: {
            "weighted_sum": "Weighted sum",
            "topsis": "TOPSIS on criterion scores",
            "topsis_classic": "TOPSIS, textbook (raw values)",
        }.get(key, key),
        captions=[AGGREGATIONS[key][:1].upper() + AGGREGATIONS[key][1:] for key in AGGREGATIONS],
    )
    st.toggle("Apply the must-haves (knock-outs)", key=KNOCKOUTS)
    if base.knockouts:
        rules = []
        for rule in base.knockouts:
            criterion = base.criterion(rule.criterion)
            rules.append("- " + escape(rule.describe(criterion.label, unit_suffix(criterion.unit))))
        st.caption(
            "A supplier that fails one is listed apart, unranked, with the reason:\n" + "\n".join(rules)
        )
    else:
        st.caption("These settings have no must-haves.")


def settings_file(config: Config | None) -> None:
    """Download the current settings as YAML, or load a settings file back."""
    st.subheader("Settings file")
    if config is not None:
        st.download_button(
            "Download these settings (.yaml)",
            data=config_to_yaml(config),
            file_name=f"{slug(config.name)}.yaml",
            mime="application/x-yaml",
            key="settings_download",
            on_click="ignore",
            icon=":material/download:",
            width="stretch",
        )
    st.file_uploader(
        "Load a settings file",
        type=["yaml", "yml"],
        key=SETTINGS_UPLOAD,
        on_change=on_settings_upload,
        help="A .yaml file downloaded from Scorecard (or edited from one).",
    )
    error = st.session_state.get(SETTINGS_ERROR)
    if error:
        st.error(escape(error), icon=":material/error:")


def slug(name: str) -> str:
    """A file name from a settings name: 'Default (balanced direct materials)' -> 'default-balanced-direct-materials'."""
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "scorecard-settings"


def mapping_overrides() -> Mapping[str, str]:
    return st.session_state.get(OVERRIDES, {})
