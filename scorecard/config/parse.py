"""Parsing a whole settings file: the top level, categories, bands and the stages' own sections.

`parse_config` is the only way data becomes a `Config`: every check runs here (or in the parsers it
calls), and every problem is a `ConfigError` naming the key where it is.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import Any

from scorecard.config.complete import Config, validated
from scorecard.config.criteria import parse_criterion, parse_knockout
from scorecard.config.schema import Band, Category, Criterion
from scorecard.config.section import ConfigError, Section
from scorecard.config.sections import SECTIONS, SectionValue
from scorecard.config.vocabulary import (
    AGGREGATIONS,
    CATEGORIES,
    MAX_CRITERIA,
    MAX_NAME_LENGTH,
    MAX_WEIGHT,
    TOP_LEVEL_KEYS,
)


def parse_config(data: Any, source: str = "the settings") -> Config:
    """Validate config data (as loaded from YAML) and return a Config, or raise ConfigError saying where."""
    if not isinstance(data, Mapping):
        raise ConfigError(f"{source} should be a YAML file of settings (key: value lines); it is not.")
    top = Section(data, "", source)
    top.check_keys(TOP_LEVEL_KEYS + list(SECTIONS.names()))
    supplier = top.section("supplier_column")
    supplier.check_keys(["column", "synonyms"])
    categories = parse_categories(top.section("categories", required=True))
    all_criteria = {c.key: c for cat in categories for c in cat.criteria}
    knockouts = tuple(parse_knockout(s, all_criteria) for s in top.sections("knockouts"))
    bands = check_bands([parse_band(s) for s in top.sections("bands")], top.fail)
    overrides_raw = top.section("column_overrides")
    for key in overrides_raw.values:
        if key not in all_criteria and key != "supplier":  # "supplier": the column with the supplier names
            raise overrides_raw.fail(str(key), "is not a criterion key in this config.")
    sections = parse_stage_sections(top, all_criteria)
    config = Config(
        name=top.text("name", max_length=MAX_NAME_LENGTH),
        description=top.text("description", ""),
        aggregation=top.choice("aggregation", AGGREGATIONS, "weighted_sum"),
        supplier_column=supplier.text("column", "Supplier", max_length=MAX_NAME_LENGTH),
        supplier_synonyms=supplier.text_list("synonyms"),
        categories=categories,
        knockouts=knockouts,
        bands=bands,
        knockouts_enabled=top.flag("knockouts_enabled", True),
        column_overrides=tuple(sorted((str(k), overrides_raw.text(str(k))) for k in overrides_raw.values)),
        source=source,
        sections=sections,
    )
    return validated(config)


def parse_stage_sections(
    top: Section, criteria: Mapping[str, Criterion]
) -> tuple[tuple[str, SectionValue], ...]:
    """The optional sections the file holds, each parsed by the stage that registered it."""
    return tuple(
        (kind.name, kind.parse(top.section(kind.name), criteria))
        for kind in SECTIONS.kinds()
        if top.values.get(kind.name) is not None
    )


def parse_categories(section: Section) -> tuple[Category, ...]:
    """The categories in their fixed order, each with its weight and criteria; criterion keys are unique."""
    section.check_keys(CATEGORIES)
    categories = []
    keys_seen: dict[str, str] = {}
    for cat_key in CATEGORIES:
        if cat_key not in section.values:
            continue
        cat = section.section(cat_key)
        cat.check_keys(["weight", "criteria"])
        criteria = []
        for item in cat.sections("criteria"):
            if len(keys_seen) >= MAX_CRITERIA:
                raise item.fail(
                    None,
                    f"is one criterion too many: Scorecard scores up to {MAX_CRITERIA} criteria in all.",
                )
            criterion = parse_criterion(item, cat_key)
            if criterion.key in keys_seen:
                raise item.fail(
                    "key", f"{criterion.key!r} is used twice (also in {keys_seen[criterion.key]})."
                )
            keys_seen[criterion.key] = item.path
            criteria.append(criterion)
        categories.append(
            Category(cat_key, cat.number("weight", minimum=0, maximum=MAX_WEIGHT), tuple(criteria))
        )
    return tuple(categories)


def parse_band(section: Section) -> Band:
    section.check_keys(["name", "from", "to", "colour"])
    colour = section.text("colour", "#888888")
    if not (
        len(colour) == 7
        and colour.startswith("#")
        and all(ch in "0123456789abcdefABCDEF" for ch in colour[1:])
    ):
        raise section.fail("colour", f"is {colour!r}; write a colour as #RRGGBB, e.g. #2e7d32.")
    lower = section.number("from", minimum=0, maximum=100)
    upper = section.number("to", minimum=0, maximum=100)
    if upper <= lower:
        raise section.fail("to", f"is {upper:g}, which is not above `from` ({lower:g}).")
    return Band(section.text("name", max_length=MAX_NAME_LENGTH), lower, upper, colour)


def check_bands(bands: list[Band], fail: Callable[[str, str], ConfigError]) -> tuple[Band, ...]:
    """Bands must cover 0-100 with no gap and no overlap; 100 itself belongs to the top band."""
    if not bands:
        raise fail(
            "bands",
            "is missing: list the score bands, e.g. - {name: Preferred, from: 65, to: 80, colour: '#7fbf7b'}.",
        )
    ordered = sorted(bands, key=lambda b: b.lower)
    if ordered[0].lower != 0:
        raise fail("bands", f"start at {ordered[0].lower:g}; the lowest band must start at 0.")
    if ordered[-1].upper != 100:
        raise fail("bands", f"end at {ordered[-1].upper:g}; the highest band must end at 100.")
    for below, above in itertools.pairwise(ordered):
        if above.lower > below.upper:
            raise fail(
                "bands",
                f"leave a gap between {below.upper:g} ({below.name}) and {above.lower:g} ({above.name}).",
            )
        if above.lower < below.upper:
            raise fail(
                "bands",
                f"overlap: {below.name} ends at {below.upper:g} but {above.name} starts at {above.lower:g}.",
            )
    names = [b.name for b in ordered]
    if len(set(names)) != len(names):
        raise fail("bands", "use the same name twice.")
    return tuple(reversed(ordered))
