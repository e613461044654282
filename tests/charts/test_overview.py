"""The Overview charts: no data is its own state; bands in the colours of the settings."""

from __future__ import annotations

import math

import pytest

from scorecard import charts
from scorecard.score import ScoreResult
from scorecard.tables import DISQUALIFIED


def test_heat_map_keeps_no_data_as_its_own_state(result: ScoreResult) -> None:
    frame = charts.score_matrix(result)
    gamma_rating = frame[(frame["Supplier"] == "Gamma") & (frame["Criterion"] == "Rating")].iloc[0]
    assert gamma_rating["No data"]
    assert math.isnan(gamma_rating["Score"])
    assert gamma_rating["Value"] == "no data"
    assert not frame[frame["Supplier"] == "Acme"]["No data"].any()
    assert len(frame) == 4 * len(result.criteria)  # ranked suppliers x criteria


def test_scatter_uses_the_band_colours_of_the_settings(result: ScoreResult) -> None:
    spec = charts.category_scatter(result, "cost", "quality").to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert scale["domain"][: len(result.config.bands)] == [b.name for b in result.config.bands]
    assert scale["range"][: len(result.config.bands)] == [b.colour for b in result.config.bands]
    positions = charts.category_positions(result)
    assert positions.set_index("Supplier").loc["Delta", "Band"] == DISQUALIFIED
    k = result.category_keys.index("cost")
    assert positions["Cost"].to_numpy() == pytest.approx(result.category_scores[:, k], nan_ok=True)
