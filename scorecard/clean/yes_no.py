"""Yes/no columns: ticks, words in several languages and 1/0 as 'Yes'/'No'; a blank is never 'No'."""

from __future__ import annotations

import re

import numpy as np

from scorecard.clean.cells import NO_POSITIONS, CellParts, Reading, TextBlock, no_data_reading
from scorecard.clean.change_log import ChangeLog, flag_natives, mark_strings, noted, union_positions
from scorecard.clean.kinds import ValueKind
from scorecard.clean.markers import has_stray_spaces, tidy_text
from scorecard.errors import Severity

_YES_WORDS = frozenset({"yes", "y", "true", "1", "x", "✓", "✔", "☑", "✅", "ja", "j", "oui", "si", "sí"})


_YES_WORDS |= frozenset({"certified", "wahr"})


_NO_WORDS = frozenset({"no", "n", "false", "0", "✗", "✘", "✕", "❌", "nein", "non", "not certified"})


_NO_WORDS |= frozenset({"uncertified", "falsch"})


# "Yes, since 2019" / "No (expired)": a yes/no word, then punctuation, then a comment. A space
# alone is not enough ("no idea" is not a No).
_YES_NO_WITH_COMMENT = re.compile(
    r"(?P<word>yes|no|true|false|ja|nein|oui|non|si|sí|certified|not certified)\s*[,;:(\-–—.]\s*(?P<rest>.*)",
    re.I | re.S,
)


def _read_yes_no_text(raw: str) -> Reading:
    notes: list[str] = ["spaces"] if has_stray_spaces(raw) else []
    text = tidy_text(raw)
    no_data = no_data_reading(text, ValueKind.YES_NO)
    if no_data is not None:
        return no_data
    folded = text.casefold()
    if folded in _YES_WORDS or folded in _NO_WORDS:
        answer = "Yes" if folded in _YES_WORDS else "No"
        return Reading("ok", value=answer, notes=(*notes, *(() if text == answer else ("form",))))
    commented = _YES_NO_WITH_COMMENT.fullmatch(text)
    if commented:
        word = commented["word"].casefold()
        answer = "Yes" if word in _YES_WORDS else "No"
        return Reading("ok", value=answer, notes=(*notes, "comment" if commented["rest"] else "form"))
    return Reading("invalid", reason="it is not a yes/no answer")


def parse_yes_no(value: object) -> str | None:
    """'Yes', 'No' or None (no data, or not a yes/no answer) for one cell as the reader gave it.

    Accepts bools, 1/0, yes/no/y/n/true/false/x/✓/✗, ja/nein/oui/non/si,
    'certified'/'not certified', and a yes/no word followed by a comment
    ('Yes, since 2019'). A blank is None, never 'No'.
    """
    if isinstance(value, bool | np.bool_):
        return "Yes" if value else "No"
    if isinstance(value, int | float | np.integer | np.floating):
        return {1.0: "Yes", 0.0: "No"}.get(float(value))
    if isinstance(value, str):
        reading = _read_yes_no_text(value)
        return reading.value if reading.status == "ok" else None
    return None


def clean_yes_no(parts: CellParts, log: ChangeLog) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """'Yes'/'No' text; a blank stays no data, never 'No'."""
    values = np.full(parts.size, None, dtype=object)
    missing = parts.blank.copy()
    invalid = np.zeros(parts.size, dtype=bool)
    if parts.bool_pos.size:
        values[parts.bool_pos] = np.where(parts.bool_vals, "Yes", "No")
    forms: dict[str, list[str]] = {"Yes": [], "No": []}
    form_pos = _read_one_zero(parts, values, invalid, forms, log)
    flag_natives(parts, ValueKind.YES_NO, invalid, log, [parts.nan_pos, parts.when_pos, parts.other_pos])
    if parts.str_pos.size:
        block = TextBlock(parts, _read_yes_no_text)
        mark_strings(block, missing, invalid, ValueKind.YES_NO, log)
        answers = np.array([r.value if r.status == "ok" else None for r in block.readings], dtype=object)
        values[block.pos] = answers[block.codes]
        for text, reading in zip(block.texts, block.readings, strict=True):
            if reading.status == "ok" and "form" in reading.notes:
                forms[reading.value].append(repr(tidy_text(text)))
        form_pos = union_positions(parts.size, form_pos, noted(block, "form"))
        _report_text_answers(block, values, log)
    if form_pos.size:
        said = "; ".join(
            f"{', '.join(dict.fromkeys(words[:6]))} as {answer}" for answer, words in forms.items() if words
        )
        log.group(
            Severity.INFO,
            ("gave yes or no in other words", "gave yes or no in other words"),
            form_pos,
            f"read {said}",
        )
    return values, missing, invalid


def _read_one_zero(
    parts: CellParts, values: np.ndarray, invalid: np.ndarray, forms: dict[str, list[str]], log: ChangeLog
) -> np.ndarray:
    """Numbers 1 and 0 as Yes and No (noted among the forms); any other number cannot be read."""
    if not parts.num_pos.size:
        return NO_POSITIONS
    yes, no = parts.num_vals == 1, parts.num_vals == 0
    values[parts.num_pos[yes]] = "Yes"
    values[parts.num_pos[no]] = "No"
    for pos in parts.num_pos[~(yes | no)]:
        invalid[pos] = True
        log.invalid(ValueKind.YES_NO, int(pos), "only 1 and 0 can be read as yes or no")
    for found, answer in ((yes, "Yes"), (no, "No")):
        if found.any():
            forms[answer].append(repr("1" if answer == "Yes" else "0"))
    return parts.num_pos[yes | no]


def _report_text_answers(block: TextBlock, values: np.ndarray, log: ChangeLog) -> None:
    """'No data' markers, answers with a comment and stray spaces among the text answers."""
    log.markers(block)
    commented = noted(block, "comment")
    if commented.size:
        first = int(commented[0])
        log.group(
            Severity.WARNING,
            ("gave yes or no with a comment", "gave yes or no with comments"),
            commented,
            f"read the answer and ignored the comment ({log.found(first)!r} -> {values[first]})",
        )
    log.group(Severity.INFO, "had extra or invisible spaces", noted(block, "spaces"), "removed them")
