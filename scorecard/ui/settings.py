"""What the buyer chose on the page, in one frozen object handed to the core.

The page's widgets (preset, weights, aggregation, knock-outs, the columns picked
in the mapping step) are read once per run into `PageSettings`; the core only
ever sees the `Config` it produces. Pure Python (no Streamlit), so the rules
(what a weight change means, which settings force a re-read of the columns)
are tested without a browser.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

from scorecard.config import Config
from scorecard.mapping import Candidate, with_candidates
from scorecard.panel import Moderation


@dataclass(frozen=True)
class PageSettings:
    """The buyer's choices on top of a base config (a preset or an uploaded settings file)."""

    base: Config
    category_weights: tuple[tuple[str, float], ...]
    criterion_weights: tuple[tuple[str, float], ...]
    aggregation: str
    knockouts_enabled: bool
    column_overrides: tuple[tuple[str, str], ...] = ()
    skipped_must_haves: tuple[str, ...] = ()  # must-haves the buyer switched off in the mapping step
    added: tuple[tuple[Candidate, float], ...] = ()  # columns of the file added as criteria, with weights
    moderation: tuple[Moderation, ...] | None = None  # the panel's agreed ratings; None: as the base has them

    @classmethod
    def from_config(cls, config: Config) -> PageSettings:
        """The settings exactly as the config has them: what 'reset to preset' goes back to."""
        return cls(
            base=config,
            category_weights=tuple((c.key, c.weight) for c in config.categories),
            criterion_weights=tuple((c.key, c.weight) for c in config.criteria),
            aggregation=config.aggregation,
            knockouts_enabled=config.knockouts_enabled,
        )

    def config(self) -> Config:
        """The config to score with; raises ConfigError when the weights leave nothing to score."""
        config = replace(self.base, aggregation=self.aggregation, knockouts_enabled=self.knockouts_enabled)
        if self.column_overrides:
            config = config.with_overrides(dict(self.column_overrides))
        known = {rule.criterion for rule in config.knockouts}
        skipped = [key for key in self.skipped_must_haves if key in known]
        if skipped:
            config = config.without_must_haves(skipped)
        if self.added:
            candidates = tuple(candidate for candidate, _ in self.added)
            config = with_candidates(config, {c.column: w for c, w in self.added}, candidates)
        panel = config.section("panel")
        if self.moderation is not None and panel is not None:
            moderated = panel.with_moderation(self.moderation)
            config = replace(
                config, sections=tuple((n, moderated if n == "panel" else v) for n, v in config.sections)
            )
        return config.with_weights(dict(self.category_weights), dict(self.criterion_weights))


def preset_weights(settings: PageSettings) -> PageSettings:
    """The same choices with the base config's weights: what 'compare with the preset's weights' ranks by."""
    base = PageSettings.from_config(settings.base)
    return replace(settings, category_weights=base.category_weights, criterion_weights=base.criterion_weights)


def column_settings_key(config: Config) -> str:
    """A fingerprint of everything that decides which columns are read and how, and nothing else.

    Preparing a file (finding the sheet and columns, cleaning values) depends on
    the column names, synonyms, value kinds and overrides, on optional sections
    (bids, panel) and on which criteria count at all (a missing column stops the
    scoring only for a weighted criterion), but not on how much each one weighs.
    So moving a slider re-scores without re-reading; setting a weight to 0 or
    back re-checks the columns.
    """
    data = config.to_dict()
    # must-haves stay in: one whose column is absent stops the preparing
    for key in ("name", "description", "aggregation", "bands"):
        data.pop(key, None)
    for category in data["categories"].values():
        category.pop("weight", None)
        for criterion in category["criteria"]:
            for key in ("weight", "method", "direction", "missing", "description"):
                criterion.pop(key, None)
    data["switched_off"] = [
        off.criterion for off in config.switched_off
    ]  # named in the Data quality findings
    shares = config.counted_shares()
    data["counted"] = sorted(key for key, share in shares.items() if share > 0)
    text = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def shares_in_percent(shares: Mapping[str, float], decimals: int = 1) -> dict[str, float]:
    """Shares (0-1) as percentages rounded so that they still add up to exactly 100 (largest remainder).

    Plain rounding shows 33.3 + 33.3 + 33.3 = 99.9%; a buyer checking the sum would
    rightly ask where the rest went.
    """
    total = sum(shares.values())
    if total <= 0:
        return dict.fromkeys(shares, 0.0)
    unit = 10**decimals
    exact = {key: 100 * unit * share / total for key, share in shares.items()}
    floors = {key: math.floor(value) for key, value in exact.items()}
    left = 100 * unit - sum(floors.values())
    by_remainder = sorted(exact, key=lambda key: (-(exact[key] - floors[key]), key))
    for key in by_remainder[:left]:
        floors[key] += 1
    return {key: floors[key] / unit for key in shares}
