"""Imports every module of the layout stage that registers detectors, so the registry is full.

A new layout module is added to LAYOUT_MODULES; a module listed but not in this copy of the
package (being written on another branch) is skipped.
"""

from __future__ import annotations

import importlib
import importlib.util

LAYOUT_MODULES = ("sheets", "bid_tabs", "turned", "criteria_sheet", "submissions")

for _name in LAYOUT_MODULES:
    if importlib.util.find_spec(f"scorecard.layout.{_name}") is not None:
        importlib.import_module(f"scorecard.layout.{_name}")
