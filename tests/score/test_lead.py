"""One number per fact (issue 14): the lead over the runner-up is rounded once (`ScoreResult.lead`) and
the banner, the metric, the Compare tab, the Method sheet and the command line all print that value.

Each surface is reached through the function it calls: the banner and the command line print
`leader_sentence` (via `Evaluation.headline`), the metric prints `result.lead.points`, the Method
sheet writes `lead_lines`.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from sensitivity.problems import random_problem

from scorecard.config import load_preset
from scorecard.export import write_scored_workbook
from scorecard.pipeline import evaluate_file
from scorecard.score import NEAR_TIE_POINTS, lead_of
from scorecard.sensitivity import rank_probabilities
from scorecard.tables import lead_lines, leader_sentence
from scorecard.tables.explain import compare

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "sample_event.xlsx"
AHEAD = re.compile(r"leads with (\S+) points, (\S+) points? ahead of .* \((\S+)\)")


def surfaces(result, first_place):
    """(banner gap, metric gap, workbook gap, banner sentence, workbook sentence) for one result."""
    banner = leader_sentence(result, first_place)
    metric = result.lead.points
    lines = dict(lead_lines(result, first_place))
    found = AHEAD.search(banner)
    return (
        (found.group(2) if found else "–"),
        metric,
        lines["Lead over 2nd (points)"],
        banner,
        lines["Result"],
    )


@pytest.mark.parametrize("aggregation", ["weighted_sum", "topsis"])
def test_banner_metric_and_workbook_lead_agree_on_200_random_events(aggregation: str) -> None:
    near_ties = 0
    for seed in range(100):
        result, _ = random_problem(seed, aggregation)
        lead = result.lead
        first_place = None
        if lead.near_tie:
            near_ties += 1
            first_place = rank_probabilities(result, draws=50, seed=seed).first_place(lead.leader)
        banner_gap, metric_gap, workbook_gap, banner, workbook = surfaces(result, first_place)
        assert banner == workbook
        if lead.runner_up is None:
            assert metric_gap == workbook_gap == "–"
            continue
        assert banner_gap == metric_gap == workbook_gap, (seed, banner)
        # it adds up on paper: the printed totals' difference is the printed gap
        top, runner_up = AHEAD.search(banner).group(1, 3)
        assert f"{float(top) - float(runner_up):.{lead.digits}f}" == metric_gap
        # and it is the real lead, to the precision shown
        order = [i for i in result.ranked_order if not np.isnan(result.ranks[i])]
        real = result.totals[order[0]] - result.totals[order[1]]
        assert abs(float(metric_gap) - real) <= 10.0**-lead.digits + 1e-12
        assert ("a near tie" in banner) == (real < NEAR_TIE_POINTS and float(metric_gap) < NEAR_TIE_POINTS)
        if first_place is not None:
            assert "of weight draws" in banner
        # the Compare tab, leader against runner-up, states the same gap
        assert (
            f"leads {lead.runner_up} by {metric_gap} points"
            in compare(result, lead.leader, lead.runner_up).sentence
        )
    assert near_ties  # the random events include close races, so the near-tie wording is exercised


def test_photo_finishes_never_read_as_zero_and_ties_share_first() -> None:
    rng = np.random.default_rng(14)
    for _ in range(200):
        top = float(rng.uniform(40, 90))
        gap = float(10.0 ** rng.uniform(-6, 1))
        totals = np.array([top, top - gap])
        lead = lead_of(totals, np.array([1.0, 2.0]), np.array([0, 1]), ("A", "B"))
        assert float(lead.points) > 0, (top, gap)
        assert lead.near_tie == (lead.gap < NEAR_TIE_POINTS)
    tie = lead_of(np.array([70.0, 70.0]), np.array([1.0, 1.0]), np.array([0, 1]), ("A", "B"))
    assert tie.tied == ("A", "B") and not tie.near_tie and tie.points == "–"


@pytest.mark.slow  # reads and scores the sample end to end (about 4 s here)
def test_the_samples_banner_command_line_and_method_sheet_say_the_same(tmp_path, capsys) -> None:
    """The issue's case: the sample's 0.5-point lead reads as a near tie with its odds, everywhere."""
    from scorecard.cli import main

    evaluation = evaluate_file(SAMPLE.read_bytes(), SAMPLE.name, load_preset("default"))
    headline = evaluation.headline
    assert "0.5 points ahead of Rheinland Präzision GmbH" in headline
    assert "a near tie" in headline and "first in 99.9% of weight draws" in headline
    book = openpyxl.load_workbook(
        io.BytesIO(write_scored_workbook(evaluation)), read_only=True, data_only=True
    )
    method = {row[0]: row[1] for row in book["Method"].iter_rows(values_only=True) if row and row[0]}
    assert method["Result"] == headline
    assert method["Lead over 2nd (points)"] == evaluation.result.lead.points == "0.5"
    assert main(["score", str(SAMPLE), "--output", str(tmp_path / "out.xlsx")]) == 0
    assert headline in capsys.readouterr().out
