"""The Compare tab: suppliers side by side and why one ranks above another."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from scorecard.config import load_preset
from scorecard.pipeline import evaluate_file
from scorecard.score import ScoreResult
from scorecard.tables import ranking_frame
from scorecard.tables.explain import strengths
from scorecard.ui.results import compare as compare_page
from tests.ui.apptest import (
    QUALITY_WEIGHT,
    SAMPLE,
    WEIGHT,
    loaded,
    open_tab,
    plain,
    table_with,
)


def test_compare_explains_the_gap_between_the_leader_and_the_runner_up(sample: bytes) -> None:
    at = loaded(sample)
    open_tab(at, "Compare")
    result = evaluate_file(sample, SAMPLE.name, load_preset("default")).result
    first, second = list(ranking_frame(result)["Supplier"][:2])
    assert at.multiselect(key="compare.suppliers").value == [first, second]
    assert plain(at.subheader[0].value) == f"Why {first} ranks above {second}"
    gap = table_with(at, "Difference")
    total = gap[gap["Criterion"] == "Total"].iloc[0]
    expected = result.totals[result.index_of(first)] - result.totals[result.index_of(second)]
    assert total["Difference"] == pytest.approx(expected, abs=1e-9)


def test_the_buyers_comparison_survives_a_weight_change(sample: bytes) -> None:
    at = loaded(sample)
    open_tab(at, "Compare")
    names = at.multiselect(key="compare.suppliers").options
    at.multiselect(key="compare.suppliers").set_value([names[4], names[2], names[3]])
    at.run()
    at.slider(key=WEIGHT).set_value(QUALITY_WEIGHT)
    at.run()
    assert at.multiselect(key="compare.suppliers").value == [names[4], names[2], names[3]]
    open_tab(at, "Ranking")
    open_tab(at, "Compare")  # and a trip to another tab, where the widget is not drawn
    assert at.multiselect(key="compare.suppliers").value == [names[4], names[2], names[3]]
    # with three suppliers, the buyer picks which two to explain; by default the two best of them
    result = evaluate_file(
        sample, SAMPLE.name, load_preset("default").with_weights({"quality": QUALITY_WEIGHT})
    ).result
    best_two = sorted([names[4], names[2], names[3]], key=lambda n: -result.totals[result.index_of(n)])[:2]
    assert [at.selectbox(key="compare.first").value, at.selectbox(key="compare.second").value] == best_two


def test_compare_says_what_to_pick_when_the_choice_cannot_be_compared(sample: bytes) -> None:
    at = loaded(sample)
    open_tab(at, "Compare")
    names = at.multiselect(key="compare.suppliers").options
    at.multiselect(key="compare.suppliers").set_value([names[0]])
    at.run()
    assert "Pick at least two suppliers." in [plain(i.value) for i in at.info]
    assert not at.get("vega_lite_chart")  # no chart of one supplier against nobody
    at.multiselect(key="compare.suppliers").set_value(names[:3])
    at.run()
    at.selectbox(key="compare.second").set_value(at.selectbox(key="compare.first").value)
    at.run()
    assert "Pick two different suppliers to explain the gap between them." in [
        plain(i.value) for i in at.info
    ]
    assert not any(s.value.startswith(("Why ", "How ")) for s in at.subheader)


# ---------------------------------------------------------------------- one supplier against the field


def field_points(result: ScoreResult, supplier: str) -> pd.Series:
    """Points vs field worked out another way: the field read from the Ranking's Rank column, averages
    by pandas over its rows (NaN skipped), by criterion label."""
    ranking = ranking_frame(result)
    field = ranking.loc[ranking["Rank"].notna(), "Supplier"]
    labels = [c.label for c in result.criteria]
    scores = pd.DataFrame(result.scores, index=list(result.suppliers), columns=labels)
    weights = pd.Series(result.weights[result.index_of(supplier)], index=labels)
    return weights * (scores.loc[supplier] - scores.loc[list(field)].mean())


def test_a_supplier_is_explained_against_the_qualified_field(sample: bytes, monkeypatch) -> None:
    built: list[str] = []
    monkeypatch.setattr(
        compare_page, "strengths", lambda result, name: built.append(name) or strengths(result, name)
    )
    at = loaded(sample)
    open_tab(at, "Compare")
    result = evaluate_file(sample, SAMPLE.name, load_preset("default")).result
    ranking = ranking_frame(result)
    supplier = ranking["Supplier"].iloc[8]
    assert at.selectbox(key="compare.explained").value == ranking["Supplier"].iloc[0]  # the leader first
    at.selectbox(key="compare.explained").set_value(supplier)
    built.clear()
    at.run()
    assert built == [supplier]  # the rerun explains the picked supplier only

    points = field_points(result, supplier)
    weighted = points[result.weights[result.index_of(supplier)] > 0]
    strongest = weighted[weighted >= 0.05].sort_values(ascending=False).head(3)
    weakest = weighted[weighted <= -0.05].sort_values().head(3)
    sentence = next(plain(m.value) for m in at.markdown if plain(m.value).startswith(f"{supplier} ("))
    total = result.totals[result.index_of(supplier)]
    assert sentence.startswith(
        f"{supplier} ({total:.1f} points, rank {int(ranking['Rank'].iloc[8])}) is strongest on "
    )
    gains, losses = sentence.split(" is strongest on ", 1)[1].split("; weakest on ")
    for part, expected in ((gains, strongest), (losses, weakest)):
        named = re.findall(r"(?:^|, )([^,(]+) \([^()]*, ([+-]\d+\.\d) points\)", part)
        assert [(label, float(p)) for label, p in named] == [
            (label, round(p, 1)) for label, p in expected.items()
        ]
    # the points add up to the total: what the field's averages would score at these weights, plus them
    line = next(plain(m.value) for m in at.markdown if " points = " in plain(m.value))
    shown_total, field_part, sign, gained = re.match(
        r"(\d+\.\d\d) points = (\d+\.\d\d) .*\) ([+-]) (\d+\.\d\d) ", line
    ).groups()
    assert float(shown_total) == round(total, 2)
    assert float(gained) * (1 if sign == "+" else -1) == round(points.sum(), 2)
    assert float(field_part) == pytest.approx(total - points.sum(), abs=0.011)
    table = table_with(at, "Points vs field").set_index("Criterion")
    assert table["Points vs field"].to_numpy() == pytest.approx(points.to_numpy())
    assert "Points vs field = the criterion's weight" in " ".join(c.value for c in at.caption)


def test_no_data_reads_as_no_data_in_the_explanation(sample: bytes) -> None:
    """Carbon intensity blank for everyone: left out, with no score, field average or points: the cells
    are empty, not 0, and the table prints an empty number cell as "no data"."""
    at = loaded(blanked(sample, "Carbon intensity (tCO2e per EUR m)"))
    open_tab(at, "Compare")
    element = next(f for f in at.dataframe if "Points vs field" in f.value.columns)
    assert element.proto.placeholder == "no data"
    row = element.value.set_index("Criterion").loc["Carbon intensity"]
    assert row["Value"] == "no data"
    assert row[["Score", "Field average", "Points vs field"]].isna().all()
    assert row["Weight"] == 0
    assert row["Note"].startswith("no data: left out for every supplier")


def blanked(sample: bytes, header: str) -> bytes:
    """The sample with one column of the Suppliers sheet emptied for every supplier."""
    book = load_workbook(io.BytesIO(sample))
    sheet = book["Suppliers"]
    column = next(c.column for row in sheet.iter_rows(max_row=10) for c in row if c.value == header)
    for (cell,) in sheet.iter_rows(min_row=5, min_col=column, max_col=column):
        cell.value = None
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_under_topsis_the_points_are_a_guide_and_no_sum_is_claimed(sample: bytes) -> None:
    at = loaded(sample)
    at.radio(key="aggregation").set_value("topsis")
    at.run()
    open_tab(at, "Compare")
    notes = " ".join(c.value for c in at.caption)
    assert "Under TOPSIS the total is a closeness to the ideal supplier" in notes
    assert "do not add up to the total" in notes
    assert not any(" points = " in plain(m.value) for m in at.markdown)
    leader = at.selectbox(key="compare.explained").value
    assert any(plain(m.value).startswith(f"{leader} (") for m in at.markdown)
