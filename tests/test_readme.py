"""The README's settings reference lists every key and choice the schema accepts (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

from scorecard.bids.settings import FIGURES, POLICIES, BidSettings
from scorecard.config import (
    AGGREGATIONS,
    CATEGORIES,
    METHOD_KINDS,
    MISSING_POLICIES,
    SECTIONS,
    TOP_LEVEL_KEYS,
    VALUE_KINDS,
)
from scorecard.opportunities.settings import (
    CLAUSE_SUBJECTS,
    COMPARATORS,
    PRIORITIES,
    RULE_KEYS,
    SCALE_KINDS,
    SEGMENT_KEYS,
)
from scorecard.panel import CONSENSUS_METHODS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
REFERENCE = README[README.index("### Settings reference") : README.index("## Development")]
DOCUMENTED = set(re.findall(r"`([a-z_0-9]+)`", REFERENCE))

# keys whose values are the buyer's own names (currencies, suppliers, roles), not schema keys
USER_MAPS = {"fx_rates", "unit_factors", "columns", "criteria", "suppliers"}


def bid_keys(data: dict) -> set[str]:
    keys = set()
    for key, value in data.items():
        keys.add(key)
        if isinstance(value, dict) and key not in USER_MAPS:
            keys |= bid_keys(value)
    return keys


def test_every_key_and_choice_of_the_schema_is_in_the_settings_reference() -> None:
    expected = (
        set(TOP_LEVEL_KEYS)
        | set(SECTIONS.names())
        | set(CATEGORIES)
        | set(AGGREGATIONS)
        | set(METHOD_KINDS)
        | set(MISSING_POLICIES)
        | set(VALUE_KINDS)
        | bid_keys(BidSettings().to_dict())
        | set(POLICIES)
        | set(FIGURES)
        | set(CONSENSUS_METHODS)
        | set(RULE_KEYS)
        | set(CLAUSE_SUBJECTS)
        | set(COMPARATORS)
        | set(SCALE_KINDS)
    )
    expected = {k for k in expected if re.fullmatch(r"[a-z_0-9]+", k)} | {p.casefold() for p in PRIORITIES}
    documented = DOCUMENTED | {k.casefold() for k in re.findall(r"`([A-Za-z_]+)`", REFERENCE)}
    assert not expected - documented, sorted(expected - documented)
    # segments' names and approaches are keyed by segment: the reference says so
    assert "names" in DOCUMENTED and "approaches" in DOCUMENTED and SEGMENT_KEYS


def test_the_readme_states_the_tie_rule_and_the_all_equal_rule() -> None:
    assert "Ties" in README and "9 decimals share a rank" in README and "next rank is skipped" in README
    assert "scores **100 for\n  all of them**" in README or "100 for all" in README.replace("**", "").replace(
        "\n  ", " "
    )


def test_every_command_line_option_is_in_the_readme() -> None:
    """The README's command-line section names each option the parser accepts (--skip-must-have was missing)."""
    from scorecard.cli import build_parser

    section = README[README.index("## Command line") : README.index("## What you get")]
    parser = build_parser()
    commands = next(a for a in parser._actions if a.choices and isinstance(a.choices, dict)).choices
    options = {
        flag
        for command in commands.values()
        for action in command._actions
        for flag in action.option_strings
        if flag.startswith("--") and flag != "--help"
    }
    assert options and not {o for o in options if o not in section}, sorted(
        o for o in options if o not in section
    )
