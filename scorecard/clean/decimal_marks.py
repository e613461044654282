"""Which of ',' and '.' is the decimal mark, decided per column from all its evidence.

A value such as "1,234" or "1.234" (one separator followed by exactly three
digits, one to three digits before it, not starting with 0) is ambiguous: a
thousands separator or a decimal mark. The column decides, never the cell. In
order: the column's values that can be read one way only ("12,345.67", "1.234,5",
"0,5", "1.234.567") vote, one vote per cell; for money, a currency written with
a decimal point (USD, GBP, JPY, CHF, ...). Then the other evidence: the decimal
mark the rest of the workbook shows (the sheet's hint), followed unless the
sizes of the column's other values or, for money, the two-decimals rule say the
opposite (then nothing is guessed; against the file's format locale, the column
wins); without it, the sizes ("412,500" among 356,200-468,900 groups thousands),
then the two-decimals rule ("€ 412,500" is not 412.5 euros). Where the sheet's
hint comes from (its other columns, else the other sheets, else the locale the
file's number formats name) is decided once, in `decimal_evidence`, for the
supplier sheet and the bid sheets alike. A column no evidence settles is left
undecided: its ambiguous cells get no value and an error asks the buyer which
mark is meant.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from scorecard.clean.cells import Reading, TextBlock
from scorecard.clean.change_log import ChangeLog, example_of
from scorecard.clean.currency import POINT_CURRENCIES
from scorecard.clean.kinds import ValueKind
from scorecard.errors import Finding, Severity

BY_SIZE = "as the sizes of the column's other values show"
BY_CENTS = "as amounts have at most two decimals"
# What evidence against the sheet's decimal mark says, in the question to the buyer
_UNFIT_SIZE = "these values would not fit the sizes of the column's other values"
_UNFIT_CENTS = "these amounts would have three decimals"
SPLIT = "split"  # the sizes show a comma grouping thousands in one cell and a point in another
_SPLIT_SIZES = (
    "By the sizes of the column's other values both a comma and a point group thousands here, which no one "
    "decimal mark gives"
)
_UNFIT_OWN = "the column's other cells, but read that way these values would not fit the numbers typed in it"
_ASKED = "not scored: is the "  # how the question to the buyer starts (`asks_decimal_mark` looks for it)


@dataclass(frozen=True)
class DecimalHint:
    """The decimal mark the rest of the workbook shows, and where: a cell of the sheet's other columns,
    of another sheet (`sheet`), or the locale of the file's number formats (`locale`)."""

    mark: str  # "point" or "comma"
    column: str
    row: int | None
    example: str
    sheet: str | None = None  # another sheet of the workbook; None: the sheet being read
    locale: str | None = None  # the file's number formats name this locale (then `example` is a format)
    overruled: str = ""  # weaker evidence that showed the other mark, said in the warning

    def source(self) -> str:
        """Who shows the mark and where, e.g. "the sheet's other columns show ('4,5' in column 'Rating')"."""
        if self.locale is not None:
            return f"the file's number formats show (locale {self.locale}, e.g. {self.example!r})"
        at = f", row {self.row}" if self.row is not None else ""
        who = "the sheet's other columns show" if self.sheet is None else f"sheet {self.sheet!r} shows"
        return f"{who} ({self.example!r} in column {self.column!r}{at})"

    def reason(self) -> str:
        return f"as {self.source()}{self.overruled}"


@dataclass(frozen=True)
class Decision:
    """A column's decimal mark (None: undecided), the cell that showed it, why, and what disagreed."""

    mark: str | None
    shown_at: int | None = None  # position of a cell of the column that can be read one way only
    why: str = ""
    conflict: str = ""  # evidence that disagreed, said in the question to the buyer
    inferred: bool = False  # decided by evidence beyond the column's own cells and currency: a warning


# The sheet's hint as a column is handed it: the hint itself, or a function that looks it up when first
# asked (a million-row bid sheet's columns are scanned for their style only when a column needs it).
HintSource = DecimalHint | Callable[[], DecimalHint | None] | None


def resolved(hint: HintSource) -> DecimalHint | None:
    """The hint itself, looked up now if it was handed over as a function."""
    return hint() if callable(hint) else hint


def reads_grouped(separator: str | None, convention: str | None) -> bool:
    """Whether an ambiguous separator groups thousands under the column's decimal mark."""
    return (separator == "," and convention == "point") or (separator == "." and convention == "comma")


def _mark_where_grouped(separator: str | None) -> str:
    """The decimal mark under which `separator` groups thousands."""
    return "point" if separator == "," else "comma"


def decimal_convention(
    block: TextBlock,
    currency: str | None,
    kind: ValueKind,
    others: np.ndarray,
    hint: HintSource = None,
) -> Decision:
    """The column's decimal mark, decided from all its cells and the sheet's hint (see module doc)."""
    own = _own_style(block)
    ambiguous = [r for r in block.readings if r.status == "ok" and r.ambiguity and r.alt is not None]
    if not ambiguous:
        return own or Decision(None)
    if own is not None:
        return _own_style_fits(own, ambiguous, others)
    if kind is ValueKind.MONEY and currency in POINT_CURRENCIES:
        return Decision("point", why=f"as usual for amounts in {currency}")
    clear = [float(r.value) for r in block.readings if r.status == "ok" and not r.ambiguity]
    by_size = _convention_by_size(ambiguous, np.concatenate([others, np.asarray(clear, dtype=float)]))
    if by_size == SPLIT:  # no mark, and so no hint, can read them all as their sizes show
        return Decision(None, conflict=_SPLIT_SIZES)
    return _weigh_other_evidence(by_size, _by_cents(ambiguous, kind), resolved(hint))


def _by_cents(ambiguous: list[Reading], kind: ValueKind) -> str | None:
    """An amount has at most two decimals: three digits after the only mark used are a thousands group."""
    separators = {r.ambiguity for r in ambiguous}
    if kind is not ValueKind.MONEY or len(separators) != 1:
        return None
    return _mark_where_grouped(separators.pop())


def _own_style(block: TextBlock) -> Decision | None:
    """The vote of the column's values that can be read one way only ('12,345.67', '0,5'), if any."""
    point = block.count(lambda r: r.status == "ok" and r.evidence == "point")
    comma = block.count(lambda r: r.status == "ok" and r.evidence == "comma")
    if not (point or comma):
        return None
    mark = "point" if point >= comma else "comma"
    shown = block.where(lambda r: r.status == "ok" and r.evidence == mark)
    return Decision(mark, shown_at=int(shown[0]))


def _own_style_fits(own: Decision, ambiguous: list[Reading], typed: np.ndarray) -> Decision:
    """The style of the column's other cells, unless the values it gives are a thousand times off the
    numbers typed in the column: '980,000' beside 1,100,000 and '1.250.000' is not 980 (review finding
    F2). Only typed numbers weigh here: the style cells' own sizes ('0.25') say nothing."""
    by_typed = _convention_by_size(ambiguous, typed)
    if by_typed is not None and by_typed != own.mark:
        return Decision(None, conflict=f"The decimal {own.mark} is the style of {_UNFIT_OWN}")
    return own


def _weigh_other_evidence(by_size: str | None, by_cents: str | None, hint: DecimalHint | None) -> Decision:
    """The sheet's hint when nothing in the column contradicts it; else the sizes, then the cents rule.

    Cells of the workbook that contradict the column's sizes or cents make a question. The locale of the
    file's number formats is weaker evidence (it is the author's Excel, not what was typed, often pasted
    from a supplier's quote): the column's own evidence wins over it, and the warning says so.
    """
    if hint is not None:
        against = [
            why
            for mark, why in ((by_size, _UNFIT_SIZE), (by_cents, _UNFIT_CENTS))
            if mark and mark != hint.mark
        ]
        if not against:
            return Decision(hint.mark, why=hint.reason(), inferred=True)
        if hint.locale is None:
            conflict = f"The decimal {hint.mark} is what {hint.source()}, but read that way {against[0]}"
            return Decision(None, conflict=conflict)
    decided = _by_the_column(by_size, by_cents)
    if hint is not None and decided.mark is not None and decided.mark != hint.mark:
        said = f"{decided.why}, although the decimal {hint.mark} is what {hint.source()}"
        return Decision(decided.mark, why=said, inferred=True)
    return decided


def _by_the_column(by_size: str | None, by_cents: str | None) -> Decision:
    """The mark the column's other values' sizes show, else the two-decimals rule for amounts."""
    if by_size is not None:
        return Decision(by_size, why=BY_SIZE, inferred=True)
    if by_cents is not None:
        return Decision(by_cents, why=BY_CENTS, inferred=True)
    return Decision(None)


def _convention_by_size(ambiguous: list[Reading], others: np.ndarray) -> str | None:
    """The decimal mark under which the ambiguous values sit among the column's other values:
    each ambiguous value votes for the reading (decimal or thousands) nearer, in powers of ten, to
    the other values' middle; a vote counts only when the two readings differ clearly. SPLIT when the
    votes need two marks ('98.000' and '112,500' beside 125,000)."""
    others = np.abs(others[np.isfinite(others) & (others != 0)])
    if others.size == 0:
        return None
    middle = float(np.median(np.log10(others)))
    marks = set()  # the decimal mark each clear vote implies: '98.000' and '112,500' as thousands imply two
    for r in ambiguous:
        as_decimal, as_grouped = abs(float(r.value)), abs(float(r.alt))  # never 0: '0,123' is not ambiguous
        gap = abs(np.log10(as_decimal) - middle) - abs(np.log10(as_grouped) - middle)
        if gap > 1:
            marks.add(_mark_where_grouped(r.ambiguity))
        elif gap < -1:
            marks.add("comma" if r.ambiguity == "," else "point")
    if len(marks) > 1:
        return SPLIT
    return marks.pop() if marks else None


def report_separators(
    block: TextBlock,
    decision: Decision,
    shown: Callable[[int], str],
    log: ChangeLog,
) -> None:
    """Say how the column's separators were read: a mix of styles, each decision and why, or the question."""
    convention = decision.mark
    point = block.where(lambda r: r.status == "ok" and r.evidence == "point")
    comma = block.where(lambda r: r.status == "ok" and r.evidence == "comma")
    if point.size and comma.size:
        p, c = int(point[0]), int(comma[0])
        log.add(
            Severity.WARNING,
            f"this column mixes number styles: {log.found(p)!r} (row {log.row(p)}) uses a decimal point, "
            f"{log.found(c)!r} (row {log.row(c)}) a decimal comma",
            value=log.found(c if convention == "point" else p),
            action=f"read each value as its style shows; a value that could be either is read with a "
            f"decimal {convention}, the style of most values; check the column",
        )
    why = decision.why
    if convention is not None and decision.shown_at is not None:
        why = f"as in {log.found(decision.shown_at)!r} (row {log.row(decision.shown_at)})"
    for separator, name in ((",", "comma"), (".", "point")):
        positions = block.where(lambda r, s=separator: r.status == "ok" and r.ambiguity == s)
        if not positions.size:
            continue
        what = (
            f"has one {name} followed by three digits, so the {name} could group thousands or mark decimals",
            f"have one {name} followed by three digits, so the {name} could group thousands or mark decimals",
        )
        if convention is None:
            log.group(Severity.ERROR, what, positions, _question(name, positions, decision.conflict, log))
        else:
            role = "a thousands separator" if reads_grouped(separator, convention) else "a decimal mark"
            # decided by evidence beyond the cells' own style: a warning, counted in the banner
            severity = Severity.WARNING if decision.inferred else Severity.INFO
            example = example_of(log, positions, shown)
            log.group(severity, what, positions, f"read the {name} as {role} ({example}), {why}")


def _question(name: str, positions: np.ndarray, conflict: str, log: ChangeLog) -> str:
    """Never guessed silently: the buyer answers by writing the numbers one way."""
    first = int(positions[0])
    because = f"{conflict}." if conflict else "Nothing else in the column or the sheet shows which."
    return (
        f"{_ASKED}{name} a thousands separator or a decimal mark (e.g. "
        f"{log.found(first)!r} in row {log.row(first)})? {because} Write these numbers without the "
        f"{name} (e.g. 1234) or with the decimal part to two places (e.g. 1,234.00 or 1.234,00), "
        "then load the file again"
    )


def asks_decimal_mark(finding: Finding) -> bool:
    """Whether a finding is the question no evidence could answer: which mark a column's ',' or '.' is.
    Whoever reads such a column stops there (exit 2 on the command line), never scoring a guess."""
    return finding.severity is Severity.ERROR and (finding.action or "").startswith(_ASKED)
