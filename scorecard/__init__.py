"""Scorecard: a vendor-evaluation scorecard for procurement teams.

The package is a one-way pipeline (read -> clean -> map -> bids -> score ->
analyse -> present/export); only `scorecard.ui` imports Streamlit.
"""

__version__ = "0.1.0"
