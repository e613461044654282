"""What a cell of an evaluation matrix can be: a label or a number (a score, a weight, 'x4'), and the words
that name its columns and rows (Criterion, Weight, a supplier's column, TOTAL, Rank, the rating scale, who scored)."""

from __future__ import annotations

import math
import re

from scorecard.names import header_key
from scorecard.read import Sheet, looks_numeric

CRITERION_HEADERS = {
    "criterion",
    "criteria",
    "evaluation criteria",
    "evaluation criterion",
    "award criteria",
    "award criterion",
    "requirement",
    "requirements",
    "question",
    "questions",
    "factor",
    "factors",
    "attribute",
    "aspect",
    "element",
    "sub criteria",
    "sub criterion",
    "quality criteria",
    "quality criterion",
    "scoring criteria",
}
WEIGHT_HEADER = re.compile(
    r"^(weight|weights|weighting|weightings|wt|weight %|weighting %|multiplier|importance|"
    r"points available|available points|max points|maximum points|max marks|marks available)\b"
)
# columns beside the scores that are not a supplier: notes, the maximum, the buyer's own summaries
NOT_A_SUPPLIER = re.compile(
    r"^(comments?|notes?|remarks?|evidence|guidance|scoring guidance|ref|reference|no|nr|number|id|item|section|"
    r"max|maximum|max score|maximum score|scale|score range|average|mean|median|min|minimum|total|sum|unit|"
    r"category|type|owner|evaluator|criteria|criterion|description|weighted)\b"
)
SUPPLIER_WORDS = re.compile(
    r"^(supplier|suppliers|supplier name|vendor|vendors|vendor name|bidder|bidders|bidder name|company|"
    r"tenderer|contractor|proposer|respondent|name)$"
)
ITEM_WORDS = re.compile(
    r"^(item|items|item no|item code|line|line no|line item|pay item|sku|part|part no|qty|quantity|est qty|"
    r"estimated quantity|unit|uom|unit of measure)$"
)
TOTAL_LABEL = re.compile(
    r"^(grand total|total|totals|total score|total points|weighted score|weighted scores|weighted total|"
    r"total weighted score|overall|overall score|final score|score|sum|quality score|quality total|"
    r"total quality score)\b"
)
RANK_LABEL = re.compile(r"^(rank|ranking|position|place|overall rank)\b")
SCALE_TEXT = re.compile(r"(?<![\d.])(0|1)\s*(?:-|–|to)\s*(4|5|7|10|20|100)(?![\d.])")
SCALE_WORDS = re.compile(r"scal|scor|rat|mark|point", re.IGNORECASE)
SCORE_WORDS = re.compile(r"^(score|scores|rating|ratings|points|mark|marks|raw score|score 1 5|score 0 10)$")


def cell(value: object) -> object:
    """One notion of blank (calamine gives ''), text trimmed."""
    if isinstance(value, str):
        text = " ".join(value.replace("\xa0", " ").split())
        return text or None
    return value


def number(value: object) -> float | None:
    """A score or weight: numbers, and text such as '25%', '4', 'x4' (a multiplier)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        text = value.strip().lower().lstrip("x×").strip()
        text = text.rstrip("%").strip().replace(",", "")
        try:
            found = float(text)
        except ValueError:
            return None
        return found if math.isfinite(found) else None
    return None


def is_label(value: object) -> bool:
    return isinstance(value, str) and not looks_numeric(value)


def text_key(value: object) -> str:
    return header_key(str(value)) if value is not None else ""


def grid_of(sheet: Sheet) -> list[list[object]]:
    rows = [[cell(v) for v in row] for row in sheet.cells]
    width = max(map(len, rows), default=0)
    return [row + [None] * (width - len(row)) for row in rows]


def headed_as_criteria(label_header: object) -> bool:
    """The label column is headed Criterion (Criteria, Requirement ...): on its own enough to say so."""
    return is_label(label_header) and text_key(label_header) in CRITERION_HEADERS


EVALUATOR_LABEL = re.compile(
    r"^(evaluator|evaluator name|assessor|scorer|reviewer|panel member|evaluated by|rater)\s*:?\s*(.*)$",
    re.IGNORECASE,
)


def evaluator_named(rows: list[list[object]]) -> str | None:
    """'Evaluator: Anna Berg' (in one cell or in the next cell) above the matrix, if the sheet says who scored."""
    for row in rows:
        for c, value in enumerate(row):
            if not isinstance(value, str):
                continue
            match = EVALUATOR_LABEL.match(value.strip())
            if not match:
                continue
            rest = match.group(2).strip()
            if rest:
                return rest
            following = next((v for v in row[c + 1 :] if v is not None), None)
            if isinstance(following, str) and following.strip():
                return following.strip()
    return None
