"""The `bids` section of a settings file: its kind (name, type, parser), listed in scorecard/sections.py."""

from __future__ import annotations

from scorecard.bids.settings import BidSettings, parse_bid_settings
from scorecard.config import SectionKind

BID_SECTION = SectionKind("bids", BidSettings, parse_bid_settings)
