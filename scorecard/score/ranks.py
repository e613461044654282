"""Ranks and bands: who is first, and which standing band a score falls in.

Both compare totals at TIE_DECIMALS, so float noise can neither break a tie nor drop
a supplier into the band below.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from scorecard.config import Band

TIE_DECIMALS = 9  # totals equal to 9 decimals share a rank: float noise must not break a tie


def competition_ranks(totals: np.ndarray, rankable: np.ndarray) -> np.ndarray:
    """1, 2, 2, 4: ties share a rank and the next rank skips. NaN for suppliers not ranked."""
    ranks = np.full(len(totals), np.nan)
    if not rankable.any():
        return ranks
    keys = np.round(totals[rankable], TIE_DECIMALS)
    # a supplier's rank is 1 + how many are strictly ahead: in descending order, the position where
    # its run of equal keys starts (one sort and one pass; a binary search per supplier costs 3x that)
    order = np.argsort(-keys)  # equal keys get one rank, so their order among themselves does not matter
    ahead = keys[order]
    starts = np.ones(len(ahead), dtype=bool)
    starts[1:] = ahead[1:] != ahead[:-1]
    first = np.maximum.accumulate(np.where(starts, np.arange(len(ahead)), 0))
    ranked = np.empty(len(ahead))
    ranked[order] = first + 1
    ranks[rankable] = ranked
    return ranks


def bands_for(totals: np.ndarray, bands: tuple[Band, ...]) -> list[Band | None]:
    """`band_for` for every total at once: one search over the bands' lower limits."""
    return bands_of(band_codes(totals, bands), bands)


@dataclass(frozen=True)
class BandScale:
    """The bands ordered by lower limit, with their limits as arrays: worked out once per set of bands
    (`scale_of`), since the plans band a few what-ifs at a time, many times over."""

    ordered: tuple[Band, ...]
    lowers: np.ndarray
    uppers: np.ndarray
    names: np.ndarray  # object: each band's name by code, then None (no band)

    def codes(self, totals: np.ndarray) -> np.ndarray:
        """See `band_codes`."""
        if not self.ordered:
            return np.zeros(len(totals), dtype=np.intp)
        rounded = np.round(np.asarray(totals, dtype=float), TIE_DECIMALS)
        known = ~np.isnan(rounded)
        at = np.searchsorted(self.lowers, np.where(known, rounded, -np.inf), side="right") - 1
        k = np.maximum(at, 0)
        upper = self.uppers[k]
        inside = known & (at >= 0) & ((rounded < upper) | ((upper == 100) & (rounded >= 100)))
        return np.where(inside, k, len(self.ordered))


@lru_cache(maxsize=64)  # bands are settings: a handful of sets per process, bounded all the same
def scale_of(bands: tuple[Band, ...]) -> BandScale:
    """The bands' scale."""
    ordered = tuple(sorted(bands, key=lambda b: b.lower))
    names = np.array([b.name for b in ordered] + [None], dtype=object)
    return BandScale(
        ordered, np.array([b.lower for b in ordered]), np.array([b.upper for b in ordered]), names
    )


def band_codes(totals: np.ndarray, bands: tuple[Band, ...]) -> np.ndarray:
    """Each total's band as its position among the bands ordered by lower limit (`len(bands)`: none);
    see `bands_of` for the bands themselves."""
    return scale_of(bands).codes(totals)


def bands_of(codes: np.ndarray, bands: tuple[Band, ...]) -> list[Band | None]:
    """The bands of `band_codes` (None for no band)."""
    found = np.empty(len(bands) + 1, dtype=object)  # the last slot: no band
    found[: len(bands)] = scale_of(bands).ordered
    return found[codes].tolist()


def band_for(total: float, bands: tuple[Band, ...]) -> Band | None:
    """The band whose range holds the total; 100 belongs to the top band.

    The total is compared at the same precision as ties (9 decimals), so that
    float noise (79.99999999999999 for a total that is 80 by hand) cannot drop a
    supplier into the band below.
    """
    if np.isnan(total):
        return None
    total = round(float(total), TIE_DECIMALS)
    for band in bands:
        if band.lower <= total < band.upper or (band.upper == 100 and total >= 100):
            return band
    return None
