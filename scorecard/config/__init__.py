"""The scoring configuration: one schema for every preset in `configs/` and every uploaded settings file.

A config is data (YAML) read into small frozen dataclasses. Validation happens once, at parsing, and
every problem is reported in buyer's words with the key where it is (e.g.
`categories.quality.criteria[2].weight`), so a buyer editing a YAML file knows which line to fix.

The rooms: `vocabulary` (the choices and limits), `section` (reading one group of settings),
`schema` (criteria, methods, must-haves, bands), `complete` (the whole `Config` and the checks that
span it), `criteria` (parsing a criterion: one parser per method), `weights` (weights as set ->
counted shares), `parse` (a whole file), `loading` (YAML, safely), `writing` (back to YAML) and
`sections` (the typed registry of the stages' own sections). Config imports no stage: bids, panel
and opportunities each declare a `SectionKind`, and `scorecard/sections.py` lists them.
"""

from scorecard.config.complete import Config, classic_topsis_problem, validated
from scorecard.config.criteria import infer_kind, parse_criterion, parse_knockout, parse_method, yes_no_label
from scorecard.config.loading import (
    CONFIG_DIR,
    MAX_CONFIG_BYTES,
    MAX_NESTING,
    MAX_YAML_NODES,
    SettingsLoader,
    check_yaml_shape,
    load_config,
    load_preset,
    parse_config_text,
    preset_paths,
)
from scorecard.config.parse import check_bands, parse_band, parse_config
from scorecard.config.schema import (
    Band,
    Category,
    Criterion,
    Knockout,
    Method,
    Step,
    SwitchedOff,
    unit_suffix,
)
from scorecard.config.section import ConfigError, Section, describe_number, describe_value
from scorecard.config.sections import (
    SECTIONS,
    SectionKind,
    SectionRegistry,
    SectionValue,
    UnregisteredSectionError,
)
from scorecard.config.vocabulary import (
    AGGREGATIONS,
    CATEGORIES,
    CLASSIC_TOPSIS_METHODS,
    CURRENCY_UNITS,
    DIRECTIONS,
    MAX_CRITERIA,
    MAX_LIST_LENGTH,
    MAX_MAGNITUDE,
    MAX_NAME_LENGTH,
    MAX_TEXT_LENGTH,
    MAX_WEIGHT,
    METHOD_KINDS,
    MISSING_POLICIES,
    TOP_LEVEL_KEYS,
    VALUE_KINDS,
)
from scorecard.config.weights import category_totals, counted_shares
from scorecard.config.writing import (
    band_to_dict,
    config_to_dict,
    config_to_yaml,
    criterion_to_dict,
    knockout_to_dict,
    method_to_dict,
)

__all__ = [
    "AGGREGATIONS",
    "CATEGORIES",
    "CLASSIC_TOPSIS_METHODS",
    "CONFIG_DIR",
    "CURRENCY_UNITS",
    "DIRECTIONS",
    "MAX_CONFIG_BYTES",
    "MAX_CRITERIA",
    "MAX_LIST_LENGTH",
    "MAX_MAGNITUDE",
    "MAX_NAME_LENGTH",
    "MAX_NESTING",
    "MAX_TEXT_LENGTH",
    "MAX_WEIGHT",
    "MAX_YAML_NODES",
    "METHOD_KINDS",
    "MISSING_POLICIES",
    "SECTIONS",
    "TOP_LEVEL_KEYS",
    "VALUE_KINDS",
    "Band",
    "Category",
    "Config",
    "ConfigError",
    "Criterion",
    "Knockout",
    "Method",
    "Section",
    "SectionKind",
    "SectionRegistry",
    "SectionValue",
    "SettingsLoader",
    "Step",
    "SwitchedOff",
    "UnregisteredSectionError",
    "band_to_dict",
    "category_totals",
    "check_bands",
    "check_yaml_shape",
    "classic_topsis_problem",
    "config_to_dict",
    "config_to_yaml",
    "counted_shares",
    "criterion_to_dict",
    "describe_number",
    "describe_value",
    "infer_kind",
    "knockout_to_dict",
    "load_config",
    "load_preset",
    "method_to_dict",
    "parse_band",
    "parse_config",
    "parse_config_text",
    "parse_criterion",
    "parse_knockout",
    "parse_method",
    "preset_paths",
    "unit_suffix",
    "validated",
    "yes_no_label",
]
