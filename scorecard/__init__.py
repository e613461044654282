"""Scorecard: a vendor-evaluation scorecard for procurement teams.

The package is a one-way pipeline (read -> clean -> map -> bids -> score ->
analyse -> present/export); only `scorecard.ui` imports Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scorecard.config.sections import SECTIONS, SectionKind

__version__ = "0.1.0"


def _stage_sections() -> Iterable[SectionKind[Any]]:
    """The stages' own settings sections, loaded when the first settings file is parsed (the stages
    import pandas; `python -m scorecard --help` must not)."""
    from scorecard.sections import stage_sections

    return stage_sections()


SECTIONS.load_with(_stage_sections)
