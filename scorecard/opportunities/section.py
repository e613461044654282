"""The `opportunities` section of a settings file: its kind (name, type, parser), listed in scorecard/sections.py."""

from __future__ import annotations

from scorecard.config import SectionKind
from scorecard.opportunities.settings import OpportunitySettings, parse_opportunity_settings

OPPORTUNITY_SECTION = SectionKind("opportunities", OpportunitySettings, parse_opportunity_settings)
