"""Weights: how the weights as set become each criterion's counted share, and the checks on them.

The vocabulary, the same in code, page and workbook: the *weight* is what the buyer set (points
or percent, per category and per criterion); the *counted share* is a criterion's share of the
total (0-1) once criteria without data are left out; the *supplier share* is the engine's, per
supplier after that supplier's own exclusions (missing: exclude).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from scorecard.config.section import ConfigError
from scorecard.config.vocabulary import CLASSIC_TOPSIS_METHODS

if TYPE_CHECKING:
    from scorecard.config.schema import Category, Config


def counted_shares(categories: tuple[Category, ...], left_out: Collection[str] = ()) -> dict[str, float]:
    """Each criterion's counted share of the total (0-1): category share x share within the category.

    Criteria in `left_out` (no column in the file, or no supplier has data on them) count 0: their
    weight is shared by the rest of their category, and a category with nothing left is left out
    and the other categories' weights re-normalised. Without `left_out` these are the shares as set.
    """
    left = set(left_out)

    def counts(weight: float, key: str) -> float:
        return 0.0 if key in left else weight

    category_total = sum(c.weight for c in categories if any(counts(k.weight, k.key) > 0 for k in c.criteria))
    shares: dict[str, float] = {}
    for category in categories:
        within = sum(counts(c.weight, c.key) for c in category.criteria)
        for c in category.criteria:
            if category_total == 0 or within == 0:
                shares[c.key] = 0.0
            else:
                shares[c.key] = category.weight / category_total * counts(c.weight, c.key) / within
    return shares


def classic_topsis_problem(config: Config) -> ConfigError | None:
    """Why `topsis_classic` cannot score this config (a weighted criterion without a raw number that is
    simply better higher or lower), or None. The settings file and the app's method switch both ask."""
    if config.aggregation != "topsis_classic":
        return None
    shares = config.effective_weights()
    not_numeric = [
        f"{c.label} ({c.method.kind}, {c.kind})"
        for c in config.criteria
        if shares[c.key] > 0
        and (c.method.kind not in CLASSIC_TOPSIS_METHODS or c.kind not in ("number", "money", "percent"))
    ]
    if not not_numeric:
        return None
    return ConfigError(
        f"In {config.source or 'the settings'}, `aggregation` is topsis_classic (textbook TOPSIS), which works "
        "on the raw numbers, but these weighted criteria have no raw number that is simply better higher or "
        "lower: " + ", ".join(not_numeric) + ".",
        hint="Use aggregation: topsis (TOPSIS on criterion scores, which takes any method), or give these "
        "criteria weight 0, or score them with min_max, ratio_to_best, linear or log_ratio.",
    )


def validated(config: Config) -> Config:
    """Checks that span the whole config: there must be something to score with."""
    if not config.criteria:
        raise ConfigError(
            f"{config.source or 'The settings'} define no criteria: add at least one under `categories`."
        )
    for category in config.categories:
        if category.weight > 0 and category.criteria and all(c.weight == 0 for c in category.criteria):
            raise ConfigError(
                f"In {config.source or 'the settings'}, `categories.{category.key}.weight` is "
                f"{category.weight:g}, but every criterion under `categories.{category.key}.criteria` "
                "has weight 0, so the category could not count.",
                hint="Give one of its criteria a weight, or set the category weight to 0.",
            )
    if (problem := classic_topsis_problem(config)) is not None:
        raise problem
    if not any(w > 0 for w in config.effective_weights().values()):
        raise ConfigError(
            f"In {config.source or 'the settings'}, every weight under `categories` is 0, "
            "so no supplier could be scored.",
            hint="Give at least one category and one of its criteria a weight above 0.",
        )
    return config
