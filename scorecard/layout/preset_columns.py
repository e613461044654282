"""A supplier list of the buyer's own that is not our template (an e-sourcing export: price, payment terms,
validity): scored on the default preset's criteria it has columns for, with the preset's weights."""

from __future__ import annotations

from dataclasses import replace

from scorecard.config import Config, load_preset, parse_config
from scorecard.errors import Finding, Severity
from scorecard.layout import Role, WorkbookLayout
from scorecard.layout.own_settings import DEFAULT_PRESET
from scorecard.mapping import ColumnMatch, map_columns
from scorecard.read import Sheet, Workbook

FEW_COLUMNS = (
    0.25  # below this share of the preset's columns, the sheet is the buyer's own list, not the template
)


def preset_columns(workbook: Workbook, layout: WorkbookLayout) -> tuple[Config, str, list[Finding]] | None:
    """A supplier list of the buyer's own (an e-sourcing export: price, payment terms, validity) is scored on
    the default preset's criteria that it has columns for, with the preset's weights; the others are left out
    and named. Only when the list has at least two of them and too few to be the template (which would
    otherwise stop with "does not look like a supplier list"), and no bid or evaluations sheet computes more."""
    if layout.with_role(Role.LONG_BIDS, Role.WIDE_BIDS, Role.EVALUATIONS):
        return None
    preset = load_preset(DEFAULT_PRESET)
    best = best_list(workbook, layout, preset)
    if best is None:
        return None
    sheet, found = best
    if not 2 <= len(found) < FEW_COLUMNS * len(preset.criteria):
        return None
    keep = {m.key for m in found}
    data = preset_data(preset, keep)
    left_out = [c.label for c in preset.criteria if c.key not in keep]
    data["name"] = f"{preset.name}, on the columns of {workbook.filename}"
    data["description"] = (
        f"The default preset's criteria that sheet \"{sheet.name}\" has columns for, with the preset's weights; "
        f"left out: {', '.join(left_out)}."
    )
    config = replace(parse_config(data, data["name"]), switched_off=preset.fitted_without(keep))
    source = f'the columns of sheet "{sheet.name}"'
    finding = Finding(
        Severity.WARNING,
        f"This sheet has columns for {len(keep)} of the default preset's {len(preset.criteria)} criteria "
        f"({', '.join(m.label for m in found)}); it is scored on those, with the preset's weights. "
        f"Left out, as the file has no data for them: {', '.join(left_out)}.",
        sheet=sheet.name,
        action="choose a preset or load a settings file to score other criteria",
    )
    return config, source, [finding]


def best_list(
    workbook: Workbook, layout: WorkbookLayout, preset: Config
) -> tuple[Sheet, list[ColumnMatch]] | None:
    """The supplier list (with a supplier column) that has columns for the most of the preset's criteria."""
    best = None
    for sheet_layout in layout.with_role(Role.SUPPLIERS):
        sheet = workbook.sheet(sheet_layout.sheet)
        if sheet.is_empty:
            continue
        mapping = map_columns(sheet, preset)
        found = [m for m in mapping.criteria if m.column is not None]
        if mapping.supplier.column is not None and (best is None or len(found) > len(best[1])):
            best = (sheet, found)
    return best


def preset_data(preset: Config, keep: set[str]) -> dict:
    """The preset as data with only the criteria in `keep` (empty categories, knock-outs on others and the
    bid, panel and segment sections, which name criteria the list does not have, left out)."""
    data = preset.to_dict()
    for category in list(data["categories"]):
        kept = [c for c in data["categories"][category]["criteria"] if c["key"] in keep]
        if kept:
            data["categories"][category]["criteria"] = kept
        else:
            del data["categories"][category]
    data["knockouts"] = [k for k in data["knockouts"] if k["criterion"] in keep]
    for name, _ in preset.sections:
        del data[name]
    return data
