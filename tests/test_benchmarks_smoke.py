"""The benchmark suite still runs: `python -m benchmarks.run --quick` completes and records every step.

No timing is asserted (the machine is shared and noisy; benchmarks/README.md
holds the figures). What is checked is that each step ran both our code and
its baseline and wrote real numbers, so a stage whose API moves breaks this
test rather than the next full benchmark run.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.generate import SIZES, build_event_workbook, event_config, score_workload
from benchmarks.run import RESULT_KEYS, TARGETS
from scorecard.read import read_workbook

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_quick_run_completes_and_writes_every_step(tmp_path: Path) -> None:
    output = tmp_path / "results.json"
    environment = {**os.environ, "SCORECARD_BENCH_CACHE": str(tmp_path / "cache")}
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--quick", "--output", str(output)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    results = json.loads(output.read_text())
    assert list(results) == list(RESULT_KEYS)
    for step, record in results.items():
        for key in ("ours", "baseline", "ratio"):
            assert isinstance(record[key], float) and math.isfinite(record[key]) and record[key] > 0, (
                step,
                key,
            )
        assert record["target"] == TARGETS[step].ratio
        assert isinstance(record["ok"], bool)
        if abs(record["ratio"] - record["target"]) > 0.01:  # the ratio is written rounded
            assert record["ok"] == (record["ratio"] <= record["target"]), step
        assert record["unit"] == TARGETS[step].unit
        assert record["size"] in ("S", "M"), "quick runs S and M (some steps S only), the largest is kept"
        assert record["runs"] >= 1
    assert "every step within its target" in run.stdout or "over target" in run.stdout


def test_the_generated_event_reads_as_the_sizes_say() -> None:
    size = SIZES["S"]
    book = read_workbook(build_event_workbook(size), "event.xlsx")
    suppliers, bids, fx = (book.sheet(name).table for name in ("Suppliers", "Bids", "FX"))
    assert len(suppliers) == size.suppliers and suppliers.shape[1] >= 25
    assert len(bids) == size.bid_rows  # one row per supplier and item
    priced = bids["Unit price"].map(lambda v: isinstance(v, float))
    assert 0.5 < priced.mean() < 0.95, "coverage is partial"
    assert set(bids["Currency"]) == {"EUR", "USD"}
    assert set(bids["Supplier"]) == set(suppliers["Supplier"])
    assert list(fx["Currency"]) == ["EUR", "USD"]
    assert len(event_config().criteria) == 25


def test_the_scoring_workload_is_seeded_and_mixes_every_method() -> None:
    first, config = score_workload(200)
    second, _ = score_workload(200)
    assert first.values.equals(second.values)
    assert first.values.shape == (200, 30)
    assert {c.method.kind for c in config.criteria} == {
        "min_max",
        "ratio_to_best",
        "linear",
        "steps",
        "categorical",
        "target",
        "log_ratio",
    }
    assert 0 < first.values.isna().to_numpy().mean() < 0.1
