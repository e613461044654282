"""Must-haves switched off: never silent. The buyer switches a must-have off when the file has no column to
check it against (`--skip-must-have KEY`, or "Switch this must-have off" in the app's column step); from then
on every report names it, in these words: the Method sheet, a Data quality warning, the command line's
summary and the page's results.
"""

from __future__ import annotations

from scorecard.config import Config, SwitchedOff
from scorecard.errors import Finding, Severity

SKIP_MUST_HAVE = "--skip-must-have"  # the command-line option that switches a must-have off
SWITCH_BACK_ON = "Switch it back on"  # the page's button that undoes it


def how_to_check_again(off: SwitchedOff) -> str:
    """How to switch the must-have back on: on the command line and in the app when the buyer switched it
    off; when settings fitted to the file left it out, by giving the file its column."""
    if not off.chosen:
        return "to check it, add its column to the file and score again"
    return (
        f"to check it, add its column to the file and score again without {SKIP_MUST_HAVE} {off.criterion} "
        f'(in the app: "{SWITCH_BACK_ON}", then pick the column)'
    )


def switched_off_sentence(off: SwitchedOff) -> str:
    """What was switched off, what that means for the ranking, and how to switch it back on."""
    how = "was switched off" if off.chosen else "was not applied"
    return (
        f'The must-have "{off.rule}" {how}: suppliers were not checked for {off.label} (the file has no '
        f"column for it), so a supplier that would fail it can still rank; {how_to_check_again(off)}."
    )


def switched_off_findings(config: Config, sheet: str | None = None) -> list[Finding]:
    """One Data quality warning per must-have switched off."""
    return [
        Finding(
            Severity.WARNING,
            f'Must-have "{off.rule}" {"switched off" if off.chosen else "not applied"}: suppliers were not '
            f"checked for {off.label} (the file has no column for it).",
            sheet=sheet,
            action=how_to_check_again(off),
        )
        for off in config.switched_off
    ]
