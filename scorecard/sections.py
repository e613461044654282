"""The optional settings sections and the stage that owns each: the one list `scorecard.config` parses with.

Adding a section to the settings file: declare a `SectionKind` in the stage's package
and add it here. The package hands `stage_sections` to the registry (`scorecard/__init__.py`), which
calls it the first time a settings file is parsed, so no entry point can forget it and config never
imports a stage. The order here is the order the sections are written back to YAML.
"""

from __future__ import annotations

from typing import Any

from scorecard.bids.section import BID_SECTION
from scorecard.config import SectionKind
from scorecard.opportunities.section import OPPORTUNITY_SECTION
from scorecard.panel.settings import PANEL_SECTION


def stage_sections() -> tuple[SectionKind[Any], ...]:
    """Every stage's own section, in the order they are written back."""
    return (BID_SECTION, PANEL_SECTION, OPPORTUNITY_SECTION)
