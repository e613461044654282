"""One colour per decision: the workbook, the charts and the page paint every band of every preset alike.

The workbook is written and read back with openpyxl, the chart's scale is read
from the Altair spec, the page's colour from the CSS the ranking table gets.
Readability is checked another way than the rule that picks the text colour:
by the WCAG contrast ratio of the text against its fill.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pandas as pd
import pytest

from scorecard import charts, style
from scorecard.config import Config, load_config, load_preset, preset_paths
from scorecard.export import WorkbookWriter, score_scale, write_ranking, write_scored_workbook
from scorecard.pipeline import evaluate_file
from scorecard.report import ReportTable
from scorecard.tables import DISQUALIFIED, NOT_SCORED
from scorecard.ui.results import band_style, scale_colour

PRESETS = preset_paths()


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of '#rrggbb'."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def workbook_bands(config: Config) -> dict[str, tuple[str, str]]:
    """Band name -> (fill, text colour) as the scored workbook's Ranking sheet has them."""
    names = [band.name for band in config.bands]
    ranking = ReportTable("Ranking", pd.DataFrame({"Rank": range(1, len(names) + 1), "Band": names}))
    writer = WorkbookWriter()
    write_ranking(writer, ranking, style.band_colours(config))
    writer.book.close()
    sheet = openpyxl.load_workbook(io.BytesIO(writer.buffer.getvalue()))["Ranking"]
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    return {
        cell.value: ("#" + cell.fill.fgColor.rgb[-6:].lower(), "#" + cell.font.color.rgb[-6:].lower())
        for cell in cells
    }


def page_bands(config: Config) -> dict[str, tuple[str, str]]:
    """Band name -> (fill, text colour) from the CSS the page's ranking table gives a band cell."""
    colours = style.band_colours(config)
    found = {}
    for band in config.bands:
        css = dict(part.strip().split(": ") for part in band_style(band.name, colours).split(";"))
        found[band.name] = (css["background-color"].lower(), css["color"].lower())
    return found


@pytest.mark.parametrize("path", PRESETS, ids=[p.stem for p in PRESETS])
def test_workbook_chart_and_page_paint_every_band_alike(path: Path) -> None:
    config = load_config(path)
    expected = {band.name: band.colour.lower() for band in config.bands}
    scale = charts.band_colour_scale(SimpleNamespace(config=config)).to_dict()  # type: ignore[arg-type]
    chart = dict(zip(scale["domain"], scale["range"], strict=True))
    workbook, page = workbook_bands(config), page_bands(config)
    for name, colour in expected.items():
        assert chart[name].lower() == colour
        assert workbook[name][0] == page[name][0] == colour
        assert workbook[name][1] == page[name][1], f"{name}: text colour differs between workbook and page"
        assert contrast(page[name][1], colour) >= 3, f"{name}: text on {colour} is hard to read"
    # unranked suppliers are never painted in a band's colour
    assert not {chart[DISQUALIFIED], chart[NOT_SCORED]} & set(expected.values())


@pytest.mark.parametrize(
    ("fill", "ink"),
    [
        ("#1a7f37", style.LIGHT_INK),
        ("#d64545", style.LIGHT_INK),
        ("#f2c94c", style.INK),
        ("#ffffff", style.INK),
    ],
)
def test_text_on_a_fill_is_the_more_readable_of_the_two_inks(fill: str, ink: str) -> None:
    other = style.INK if ink == style.LIGHT_INK else style.LIGHT_INK
    assert style.text_on(fill) == ink
    assert contrast(ink, fill) > contrast(other, fill)


def test_the_score_scale_is_the_same_in_the_workbook_the_heat_map_and_the_page() -> None:
    excel = score_scale()
    stops = [(excel[f"{k}_value"], excel[f"{k}_color"]) for k in ("mid", "max")]
    stops.insert(0, (0, excel["min_color"]))
    heat = charts.SCORE_SCALE.to_dict()
    assert list(zip(heat["domain"], heat["range"], strict=True)) == [(float(x), c) for x, c in stops]
    for value, colour in stops:  # the page's cell at each stop is the stop's colour
        r, g, b = (int(n) for n in re.findall(r"\d+", scale_colour(value)))
        assert f"#{r:02x}{g:02x}{b:02x}" == colour
    # between two stops the page blends linearly, as Excel's 3-colour scale does: 25 is halfway red-amber
    r, g, b = (int(n) for n in re.findall(r"\d+", scale_colour(25)))
    assert (r, g, b) == (round((0xF8 + 0xFF) / 2), round((0x69 + 0xEB) / 2), round((0x6B + 0x84) / 2))
    assert scale_colour(-10) == scale_colour(0) and scale_colour(130) == scale_colour(100)
    assert scale_colour(float("nan")) == "" and scale_colour("n/a") == ""


def test_the_scored_workbook_paints_each_suppliers_band_from_the_settings() -> None:
    """The whole path: the sample scored and written, each Band cell of the Ranking sheet read back."""
    sample = Path(__file__).resolve().parent.parent / "sample_data" / "sample_event.xlsx"
    evaluation = evaluate_file(sample.read_bytes(), sample.name, load_preset("default"))
    book = openpyxl.load_workbook(io.BytesIO(write_scored_workbook(evaluation, input_sheets=False)))
    sheet = book["Ranking"]
    header_row = next(r for r in sheet.iter_rows() if any(c.value == "Band" for c in r))
    column = next(c.column for c in header_row if c.value == "Band")
    colours = {band.name: band.colour.lower() for band in evaluation.config.bands}
    painted = 0
    for (cell,) in sheet.iter_rows(min_row=header_row[0].row + 1, min_col=column, max_col=column):
        if cell.value in colours:
            fill = "#" + cell.fill.fgColor.rgb[-6:].lower()
            assert fill == colours[cell.value]
            assert "#" + cell.font.color.rgb[-6:].lower() == style.text_on(fill)
            painted += 1
    assert painted == sum(band is not None for band in evaluation.result.bands)
