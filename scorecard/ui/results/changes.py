"""What changed: each supplier's move against the previous settings (or the preset's weights), in one line."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

import streamlit as st

from scorecard.changes import RankChanges, Standing, rank_changes
from scorecard.config import Config
from scorecard.score import ScoreResult
from scorecard.ui.plain import escape
from scorecard.words import plural

CHANGES_LAST = "changes.last"  # (file digest, settings fingerprint, Standing) of the latest run
CHANGES_BEFORE = "changes.before"  # the Standing under the settings before the latest change
AGAINST_PRESET = "changes.against_preset"


def settings_fingerprint(config: Config) -> str:
    return hashlib.sha256(json.dumps(config.to_dict(), sort_keys=True, default=str).encode()).hexdigest()


def ranking_changes(
    result: ScoreResult, digest: str, preset_result: Callable[[], ScoreResult | None]
) -> tuple[RankChanges | None, str]:
    """Moves against the previous settings (or, with the toggle on, the preset's weights), and what they are.

    The standing is remembered per file: a new file starts without moves. The
    previous standing only moves on when the settings change, so reruns for
    other reasons (a tab opened) keep showing the moves of the last change.
    """
    now = Standing.of(result)
    fingerprint = settings_fingerprint(result.config)
    last = st.session_state.get(CHANGES_LAST)
    if last is None or last[0] != digest:
        st.session_state[CHANGES_BEFORE] = None
    elif last[1] != fingerprint:
        st.session_state[CHANGES_BEFORE] = last[2]
    st.session_state[CHANGES_LAST] = (digest, fingerprint, now)
    if st.session_state.get(AGAINST_PRESET):
        preset = preset_result()
        if preset is None:
            return None, "the preset's weights"
        return rank_changes(Standing.of(preset), now), "the preset's weights"
    before: Standing | None = st.session_state.get(CHANGES_BEFORE)
    return (None if before is None else rank_changes(before, now)), "the previous settings"


def change_line(changes: RankChanges | None, against: str) -> None:
    """One line under the summary: what the last change did to the leader and the bands; and the toggle."""
    text_column, toggle_column = st.columns([5, 2], vertical_alignment="center")
    note = changes.note(against) if changes is not None else None
    with text_column:
        if note:
            st.info(escape(note), icon=":material/swap_vert:")
        elif changes is not None:
            st.caption(
                f"Compared with {against}: "
                + (f"{plural(changes.moved, 'supplier')} moved" if changes.moved else "no supplier moved")
                + "; the leader and the bands are the same. See the Move column."
            )
        else:
            st.caption("Change a weight, the method or the must-haves: the Move column shows who moved.")
    toggle_column.toggle(
        "Compare with the preset's weights",
        key=AGAINST_PRESET,
        help="Moves against the ranking with the preset's (or your settings file's) own weights, "
        "instead of against your previous change.",
    )
