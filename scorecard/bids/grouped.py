"""Grouped sums, counts, minima, maxima, modes and quantiles over integer codes.

Every per-item or per-supplier figure of the bids stage is one of these over the
quote lines' integer codes (np.bincount, np.minimum.at), so a million quote lines
cost a few array passes, never a Python loop per line.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def group_sum(codes: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(codes, weights=values, minlength=n)[:n] if n else np.zeros(0)


def group_count(codes: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(codes, minlength=n)[:n] if n else np.zeros(0, dtype=np.int64)


def group_min(codes: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    out = np.full(n, np.inf)
    np.minimum.at(out, codes, values)
    return np.where(np.isinf(out), np.nan, out)


def group_max(codes: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    out = np.full(n, -np.inf)
    np.maximum.at(out, codes, values)
    return np.where(np.isinf(out), np.nan, out)


def item_mode(item: np.ndarray, values: np.ndarray, n_items: int) -> tuple[np.ndarray, np.ndarray]:
    """Per item, the value most rows give (ties: the larger); and which items had differing values.

    Used for the requested quantity, baseline price and incumbent, which a long sheet repeats on
    each supplier's row; the mode does not depend on row order.
    """
    keep = (item >= 0) & ~np.isnan(values)
    codes, vals = item[keep], values[keep]
    low, high = group_min(codes, vals, n_items), group_max(codes, vals, n_items)
    conflict = ~np.isnan(low) & (low != high)
    out = high.copy()
    if conflict.any():
        mixed = conflict[codes]
        counts = pd.DataFrame({"item": codes[mixed], "value": vals[mixed]}).value_counts().reset_index()
        counts = counts.sort_values(["item", "count", "value"], ascending=[True, False, False])
        first = counts.drop_duplicates("item")
        out[first["item"].to_numpy()] = first["value"].to_numpy(dtype=float)
    return out, conflict


def quantile_positions(start: np.ndarray, count: np.ndarray, q: float) -> tuple[np.ndarray, np.ndarray]:
    """Where each group's `q` quantile reads the values sorted within groups: the positions below and above
    it (0 for an empty group, whose quantile is NaN)."""
    position = (count - 1) * q
    ok = count > 0
    lo_idx = np.where(ok, start + np.floor(position).astype(np.int64), 0)
    hi_idx = np.where(ok, start + np.ceil(position).astype(np.int64), 0)
    return lo_idx, hi_idx


def quantile_sorted(sorted_values: np.ndarray, start: np.ndarray, count: np.ndarray, q: float) -> np.ndarray:
    """Per group quantile (linear interpolation, as numpy's default) from values sorted within groups; only
    the positions `quantile_positions` names are read, so the others need not be in order."""
    position = (count - 1) * q
    lower = np.floor(position).astype(np.int64)
    ok = count > 0
    lo_idx, hi_idx = quantile_positions(start, count, q)
    if not len(sorted_values):
        return np.full(len(count), np.nan)
    low, high = sorted_values[lo_idx], sorted_values[hi_idx]
    return np.where(ok, low + (high - low) * (position - lower), np.nan)
