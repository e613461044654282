"""The robustness charts draw the stability and rank-probability tables, nothing else."""

from __future__ import annotations

import math

import pytest

from scorecard import charts
from scorecard.pipeline import Evaluation
from scorecard.score import ScoreResult
from scorecard.sensitivity import WeightKind, sensitivity
from tests.charts.specs import drawn_rows, layers_by_mark


def test_stability_frame_is_the_stability_table_nearest_change_first(sample_evaluation: Evaluation) -> None:
    stability = sample_evaluation.sensitivity.stability
    frame = charts.stability_frame(stability, limit=None)
    table = stability.table[stability.table["stays_from"].notna()]
    assert len(frame) == len(table)
    assert frame["Stays first from"].to_numpy() == pytest.approx(table["stays_from"].to_numpy())
    assert frame["Stays first up to"].to_numpy() == pytest.approx(table["stays_to"].to_numpy())
    assert frame["Current share"].to_numpy() == pytest.approx(table["share"].to_numpy())
    categories = table["kind"] == WeightKind.CATEGORY
    assert all(label.endswith("(category)") for label in frame["Weight"][categories.to_numpy()])
    assert frame["Weight"].is_unique
    # today's share always lies inside the range where the leader stays first
    assert (
        (frame["Stays first from"] <= frame["Current share"] + 1e-12)
        & (frame["Current share"] <= frame["Stays first up to"] + 1e-12)
    ).all()
    for change, margin in zip(frame["Change needed"], frame["Margin"], strict=True):
        if math.isnan(change):
            assert margin == charts.NO_CHANGE
        elif abs(change) < 0.05:
            assert margin == "Within 5 points"
        elif abs(change) < 0.10:
            assert margin == "Within 10 points"
        else:
            assert margin == "Further away"
    assert len(charts.stability_frame(stability, limit=3)) == 3


def test_stability_chart_draws_the_range_as_a_bar_and_todays_share_as_a_tick(
    sample_evaluation: Evaluation,
) -> None:
    stability = sample_evaluation.sensitivity.stability
    spec = charts.stability_chart(stability).to_dict()
    marks = layers_by_mark(spec)
    bar, tick = marks["bar"][0], marks["tick"][0]
    assert bar["encoding"]["x"]["field"] == "Stays first from"
    assert bar["encoding"]["x2"]["field"] == "Stays first up to"
    assert bar["encoding"]["x"]["scale"]["domain"] == [0, 1]
    assert tick["encoding"]["x"]["field"] == "Current share"
    rows = drawn_rows(spec, bar)
    expected = charts.stability_frame(stability)
    assert [row["Weight"] for row in rows] == list(expected["Weight"])
    assert bar["encoding"]["y"]["sort"] == list(expected["Weight"])  # nearest change on top
    tooltips = {t["field"] for t in bar["encoding"]["tooltip"]}
    assert {"Taken over below by", "Taken over above by", "Change (pp)"} <= tooltips  # weight changes in pp


def test_rank_probability_frame_reads_the_table_and_leaves_out_the_unranked(result: ScoreResult) -> None:
    probabilities = sensitivity(result, draws=500).probabilities
    frame = charts.rank_probability_frame(probabilities)
    assert "Delta" not in set(frame["Supplier"])  # knocked out: no probabilities, not 0%
    table = probabilities.table.set_index("supplier")
    column = {"First place": "first", "Top 3": "top3"}
    for _, row in frame.iterrows():
        assert row["Probability"] == pytest.approx(table.loc[row["Supplier"], column[row["Measure"]]])
    assert set(frame["Measure"]) == {"First place", "Top 3"}


def test_rank_probability_chart_shows_only_suppliers_that_reach_the_top_3(
    sample_evaluation: Evaluation,
) -> None:
    probabilities = sample_evaluation.sensitivity.probabilities
    frame = charts.rank_probability_frame(probabilities)
    table = probabilities.table[probabilities.table["first"].notna()]
    contenders = table[(table["top3"] > 0) | (table["rank"] <= 3)]["supplier"]
    assert list(dict.fromkeys(frame["Supplier"])) == list(contenders)[: charts.PROBABILITY_LIMIT]
    spec = charts.rank_probability_chart(probabilities).to_dict()
    bars = layers_by_mark(spec)["bar"][0]
    assert bars["encoding"]["x"]["field"] == "Probability"
    assert bars["encoding"]["x"]["scale"]["domain"] == [0, 1]
    assert bars["encoding"]["yOffset"]["field"] == "Measure"
    assert [row["Probability"] for row in drawn_rows(spec, bars)] == pytest.approx(list(frame["Probability"]))
    assert bars["encoding"]["color"]["scale"]["domain"] == ["First place", "Top 3"]


def test_a_stability_chart_drawn_from_the_pages_frame_is_the_same_chart(
    sample_evaluation: Evaluation,
) -> None:
    # the page reads its metrics from the whole frame and hands it to the chart when every weight fits
    stability = sample_evaluation.sensitivity.stability
    frame = charts.stability_frame(stability, limit=None)
    assert 0 < len(frame) <= charts.STABILITY_LIMIT
    given = charts.stability_chart(stability, frame=frame).to_dict()
    assert given == charts.stability_chart(stability).to_dict()
    assert [row["Weight"] for row in drawn_rows(given, layers_by_mark(given)["bar"][0])] == list(
        frame["Weight"]
    )
