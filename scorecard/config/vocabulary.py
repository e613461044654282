"""The words a settings file may use (categories, methods, policies) and the limits on its size.

Each list here is the one place its choices are named: the parser checks against it, the README's
settings reference documents it, and the app's menus offer it.
"""

from __future__ import annotations

CATEGORIES: dict[str, str] = {
    "cost": "Cost",
    "risk": "Risk",
    "quality": "Quality",
    "sustainability": "Sustainability",
    "srm_fit": "SRM fit",
}
DIRECTIONS = ("higher", "lower")
MISSING_POLICIES: dict[str, str] = {
    "worst": "scores 0 (the worst score) and is flagged",
    "neutral": "scores the average of the suppliers that have data, and is flagged",
    "exclude": "is left out for that supplier and its other criteria are re-weighted, and is flagged",
    "disqualify": "disqualifies the supplier",
}
AGGREGATIONS: dict[str, str] = {
    "weighted_sum": "weighted sum of the criterion scores",
    "topsis": "TOPSIS on criterion scores (this tool's variant: vector normalisation of the 0-100 criterion "
    "scores, closeness to an ideal supplier with the best score on every criterion)",
    "topsis_classic": "TOPSIS as in Hwang and Yoon (1981): vector normalisation of the raw values, ideal = the "
    "best raw value on each criterion (highest or lowest by its direction); numeric criteria only",
}
# methods that order raw numbers one way, so textbook TOPSIS can use the raw values with the direction
CLASSIC_TOPSIS_METHODS = ("min_max", "ratio_to_best", "linear", "log_ratio")
VALUE_KINDS = ("number", "money", "percent", "yes_no", "text", "date")
CURRENCY_UNITS = frozenset(
    {"EUR", "USD", "GBP", "JPY", "CHF", "CNY", "INR", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "MXN", "BRL"}
)
METHOD_KINDS: dict[str, str] = {
    "min_max": "min-max across suppliers",
    "ratio_to_best": "ratio to the best value (lowest price / bid price)",
    "linear": "linear between a worst and a best value you set",
    "target": "closeness to a target value",
    "steps": "threshold steps",
    "categorical": "points per category (Yes/No, Low/Medium/High, A-E)",
    "log_ratio": "logarithmic price score",
}
TOP_LEVEL_KEYS = [
    "name",
    "description",
    "aggregation",
    "supplier_column",
    "categories",
    "knockouts",
    "knockouts_enabled",
    "bands",
    "column_overrides",
]

# Limits that keep any settings file cheap to score, each far above what a real event needs (the
# limits on the file itself are in `loading`).
MAX_CRITERIA = 300  # criteria over all categories; the presets use about 20
MAX_NAME_LENGTH = 200  # a key, label, column or band name
MAX_LIST_LENGTH = 100  # names in one list (synonyms)
MAX_TEXT_LENGTH = 2_000  # any other text (descriptions, rationales)
MAX_WEIGHT = 1_000_000  # weights are points or percentages; a larger figure is a typo
MAX_MAGNITUDE = 1e15  # any number in the settings: larger is a typo and would overflow totals
