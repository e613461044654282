"""Run the performance benchmarks: `python -m benchmarks.run [--quick] [--only STEP] [--output PATH]`.

Each step times our pipeline stage and a bare baseline doing the least work
that gives a comparable answer, in the same process, interleaved (ours,
baseline, then baseline, ours, ...), and keeps the median of each. The
machine is shared and noisy, so only the ratio ours / baseline is judged,
never a time. See benchmarks/README.md for the steps, baselines and targets.

`--quick` runs sizes S and M only (the CI smoke test runs it); the full run
adds L and is what benchmarks/results.json records.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import statistics
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from benchmarks.generate import (
    BIDS_SHEET,
    EVENT_CRITERIA,
    FX_SHEET,
    SIZES,
    EventWorkbook,
    cache_dir,
    event_config,
    event_workbook,
    score_workload,
)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.json"
STEPS = (
    "read",
    "score",
    "bids",
    "sensitivity",
    "export",
    "rerun",
    "event",
    "plans",
    "tabs",
    "startup",
    "memory",
)
# what results.json holds: the steps, the read step judged against a second baseline (openpyxl) too
RESULT_KEYS = (STEPS[0], "read_vs_openpyxl", *STEPS[1:])


@dataclass(frozen=True)
class Target:
    """The ratio ours / baseline a step must stay at or below, and the baseline in words."""

    ratio: float | None  # None: shown for context only, not judged and not written to results.json
    baseline: str
    unit: str = "s"  # what ours and the baseline are measured in: seconds, or MB of peak memory


TARGETS: dict[str, Target] = {
    "read": Target(2.0, "python-calamine: the same sheets as raw Python grids, no cleaning"),
    "read_vs_openpyxl": Target(
        0.25, 'pandas.read_excel(engine="openpyxl") of every sheet (ours >= 4x faster)'
    ),
    "score": Target(3.0, "numpy: min-max of the numeric matrix, weighted sum, argsort"),
    "score_from_cells": Target(
        None,
        "numpy after bare pandas: the table's cells to numbers (to_numeric, label points), then as score",
    ),
    "bids": Target(3.0, "pandas: to_numeric(quantity) x to_numeric(price), groupby(supplier).sum()"),
    "sensitivity": Target(2.0, "numpy: 2,000 weight vectors drawn, one matrix product, argsort ranks"),
    "export": Target(
        1.5,
        "raw-stream floor: the same tables and input grids as inline-string sheet XML, zip at zlib level 1",
    ),
    "rerun": Target(2.0, "the same app rerun after a weight change with the 20-supplier event S loaded"),
    "event": Target(
        2.0,
        "child process: bare calamine read of the file into Python grids + the raw-stream write of those grids",
    ),
    "plans": Target(3.0, "one score() call on the same table"),
    "tabs": Target(2.0, "the Ranking tab's rerun after a weight change (ours: the slowest other tab's)"),
    "startup": Target(3.0, "python -c pass in a child process (ours: python -m scorecard --version)"),
    "memory": Target(
        3.0, "peak RSS of a child reading the same file with calamine into Python grids", unit="MB"
    ),
}


@dataclass
class Comparison:
    """Timings of ours and the baseline for one step at one size."""

    step: str
    size: str
    workload: str
    ours: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)

    @property
    def ours_s(self) -> float:
        return statistics.median(self.ours)

    @property
    def baseline_s(self) -> float:
        return statistics.median(self.baseline)

    @property
    def ratio(self) -> float:
        return self.ours_s / self.baseline_s

    @property
    def target(self) -> Target:
        return TARGETS[self.step]

    @property
    def ok(self) -> bool | None:
        return None if self.target.ratio is None else self.ratio <= self.target.ratio

    def record(self) -> dict[str, Any]:
        unit = self.target.unit
        timed = (
            {"ours_s": round(self.ours_s, 4), "baseline_s": round(self.baseline_s, 4)} if unit == "s" else {}
        )
        return {
            "ours": round(self.ours_s, 4),
            "baseline": round(self.baseline_s, 4),
            "unit": unit,
            **timed,
            "ratio": round(self.ratio, 3),
            "target": self.target.ratio,
            "ok": self.ok,
            "size": self.size,
            "workload": self.workload,
            "baseline_is": self.target.baseline,
            "runs": len(self.ours),
        }


def timed(work: Callable[[], object]) -> float:
    """Wall time of one call, after a full collection so that no earlier garbage is charged to it."""
    gc.collect()
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


HEAVY_S = 1.0  # a warm-up round longer than this is kept as a sample: such a call has no first-call effects


def interleaved(
    comparisons: list[Comparison], candidates: dict[str, Callable[[], object]], runs: int
) -> None:
    """Run `ours` and each baseline up to `runs` times, alternating the order every round.

    `candidates` maps "ours" and baseline names to calls; each comparison takes
    ours and the baseline named by its step. The first round warms up (first
    allocations, caches the app would have filled already) and is dropped,
    unless it was long enough to count. Rounds stop early once BUDGET.seconds
    have passed (the quick run sets a budget so that it stays short).
    """
    names = list(candidates)
    samples: dict[str, list[float]] = {name: [] for name in names}
    started = time.perf_counter()
    warm = {name: timed(call) for name, call in candidates.items()}
    if sum(warm.values()) > HEAVY_S:
        for name in names:
            samples[name].append(warm[name])
    while len(samples["ours"]) < runs and (
        not samples["ours"] or time.perf_counter() - started < BUDGET.seconds
    ):
        for name in names if len(samples["ours"]) % 2 == 0 else reversed(names):
            samples[name].append(timed(candidates[name]))
    for comparison in comparisons:
        comparison.ours = samples["ours"]
        comparison.baseline = samples[comparison.step]


@dataclass
class Budget:
    """Seconds one comparison may take before it stops adding rounds (the full run has no limit)."""

    seconds: float = float("inf")


BUDGET = Budget()


# ---------------------------------------------------------------------- workloads, built once per run


@cache
def event(size: str) -> EventWorkbook:
    return event_workbook(size)


@cache
def config() -> Any:
    return event_config()


@cache
def workbook(size: str) -> Any:
    from scorecard.read import read_workbook

    book = event(size)
    return read_workbook(book.data, book.filename)


@cache
def evaluation(size: str) -> Any:
    from scorecard.pipeline import evaluate, prepare

    scored = evaluate(prepare(workbook(size), config()), config())
    scored.report_tables  # noqa: B018 - built once here: the export step times writing them
    return scored


def read_clean(data: bytes, filename: str) -> object:
    """Our read: check and read every sheet, then clean the supplier sheet, the bid lines and the FX rates.

    Cleaning only: the bid analysis (totals, coverage) is the bids step, so this
    does not call `pipeline.prepare`, which runs both.
    """
    from scorecard.bids.fx import read_fx_sheet
    from scorecard.bids.sheet import read_bid_sheet
    from scorecard.mapping import build_supplier_table, choose_supplier_sheet, map_columns
    from scorecard.read import read_workbook

    settings = config().section("bids")
    book = read_workbook(data, filename)
    suppliers = choose_supplier_sheet(book, config())
    mapped = build_supplier_table(suppliers, map_columns(suppliers, config()), config())
    lines = read_bid_sheet(book.sheet(BIDS_SHEET).table, settings, BIDS_SHEET)
    rates = read_fx_sheet(book.sheet(FX_SHEET).table, settings, FX_SHEET)
    return mapped, lines, rates


def calamine_grids(data: bytes) -> list[list[list[object]]]:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return [book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names]


def openpyxl_frames(data: bytes) -> dict[str, pd.DataFrame]:
    return pd.read_excel(io.BytesIO(data), sheet_name=None, engine="openpyxl")


# ---------------------------------------------------------------------- steps


def measure_read(size: str, runs: int, with_openpyxl: bool) -> list[Comparison]:
    book = event(size)
    workload = (
        f"{size}: {book.size.suppliers} suppliers x {book.size.items} items, {len(book.data) / 1e6:.1f} MB"
    )
    comparisons = [Comparison("read", size, workload)]
    candidates: dict[str, Callable[[], object]] = {
        "ours": lambda: read_clean(book.data, book.filename),
        "read": lambda: calamine_grids(book.data),
    }
    if with_openpyxl:
        comparisons.append(Comparison("read_vs_openpyxl", size, workload))
        candidates["read_vs_openpyxl"] = lambda: openpyxl_frames(book.data)
    interleaved(comparisons, candidates, runs)
    return comparisons


SCORE_SUPPLIERS = {"S": 1_000, "M": 3_000, "L": 10_000}


def numeric_matrix(table: Any, criteria: Any) -> tuple[np.ndarray, np.ndarray]:
    """The baseline's input: every criterion as numbers (labels as their points), higher always better."""
    columns = []
    for criterion in criteria:
        cells = table.values[criterion.key]
        if criterion.method.kind == "categorical":
            points = {label: value for label, value in criterion.method.points}
            numbers = cells.map(lambda v, points=points: points.get(v, np.nan) if v is not None else np.nan)
        else:
            numbers = pd.to_numeric(cells, errors="coerce")
        sign = -1.0 if criterion.direction == "lower" else 1.0
        columns.append(sign * numbers.to_numpy(dtype=float, na_value=np.nan))
    weights = np.array([criterion.weight for criterion in criteria], dtype=float)
    return np.column_stack(columns), weights / weights.sum()


def bare_min_max_rank(matrix: np.ndarray, weights: np.ndarray) -> np.ndarray:
    low, high = np.nanmin(matrix, axis=0), np.nanmax(matrix, axis=0)
    scaled = np.nan_to_num((matrix - low) / np.where(high > low, high - low, 1.0))
    return np.argsort(-(scaled @ weights))


def measure_score(size: str, runs: int) -> list[Comparison]:
    from scorecard.score import score

    suppliers = SCORE_SUPPLIERS[size]
    table, settings = score_workload(suppliers)
    matrix, weights = numeric_matrix(table, settings.criteria)
    workload = f"{suppliers:,} suppliers x {len(settings.criteria)} criteria"
    comparisons = [Comparison("score", size, workload), Comparison("score_from_cells", size, workload)]
    interleaved(
        comparisons,
        {
            "ours": lambda: score(table, settings),
            "score": lambda: bare_min_max_rank(matrix, weights),
            "score_from_cells": lambda: bare_min_max_rank(*numeric_matrix(table, settings.criteria)),
        },
        runs,
    )
    return comparisons


def measure_bids(size: str, runs: int) -> list[Comparison]:
    from scorecard.bids import analyse_bids

    book = workbook(size)
    frame = book.sheet(BIDS_SHEET).table
    fx = book.sheet(FX_SHEET).table
    settings = config().section("bids")

    def bare() -> object:
        quantity = pd.to_numeric(frame["Quantity"], errors="coerce")
        price = pd.to_numeric(frame["Unit price"], errors="coerce")
        return (quantity * price).groupby(frame["Supplier"]).sum()

    comparison = Comparison("bids", size, f"{len(frame):,} bid rows (long form), EUR and USD")
    interleaved(
        [comparison],
        {
            "ours": lambda: analyse_bids(frame, settings, sheet=BIDS_SHEET, fx=fx, fx_sheet=FX_SHEET),
            "bids": bare,
        },
        runs,
    )
    return [comparison]


def measure_sensitivity(size: str, runs: int) -> list[Comparison]:
    from scorecard.score import score
    from scorecard.sensitivity import sensitivity

    suppliers = SIZES[size].suppliers
    table, settings = score_workload(suppliers, criteria=EVENT_CRITERIA)
    result = score(table, settings)
    normalised = np.nan_to_num(result.scores) / 100.0
    base = np.asarray(result.base_weights, dtype=float)

    def bare() -> object:
        rng = np.random.default_rng(7)
        draws = base[:, None] * rng.uniform(0.75, 1.25, size=(len(base), 2000))
        draws /= draws.sum(axis=0, keepdims=True)
        order = np.argsort(-(normalised @ draws), axis=0)
        return np.bincount(order[0], minlength=len(normalised))

    comparison = Comparison(
        "sensitivity", size, f"{suppliers} suppliers x {len(settings.criteria)} criteria, 2,000 draws"
    )
    interleaved([comparison], {"ours": lambda: sensitivity(result, draws=2000), "sensitivity": bare}, runs)
    return [comparison]


def floor_export(scored: Any) -> bytes:
    """The export's floor: every table and input grid of the scored workbook as a raw inline-string stream."""
    from benchmarks.floor import raw_stream

    sheets: list[tuple[str, list[list[object]]]] = []
    for table in scored.report_tables:
        frame = table.frame
        cells = frame.astype(object).where(frame.notna(), None)
        sheets.append(
            (table.title, [[str(c) for c in frame.columns], *map(list, cells.itertuples(index=False))])
        )
    sheets += [(source.name, source.cells) for source in scored.workbook.sheets]
    return raw_stream(sheets)


def measure_export(size: str, runs: int) -> list[Comparison]:
    from scorecard.export import write_scored_workbook

    scored = evaluation(size)
    rows = sum(len(s.cells) for s in scored.workbook.sheets)
    comparison = Comparison(
        "export", size, f"{len(scored.report_tables)} tables + {rows:,} input rows ({size})"
    )
    interleaved(
        [comparison],
        {"ours": lambda: write_scored_workbook(scored), "export": lambda: floor_export(scored)},
        runs,
    )
    return [comparison]


APP = ROOT / "app.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WEIGHT_SLIDER = "weight.category.risk"


def loaded_app(book: EventWorkbook) -> Any:
    """The page with a workbook uploaded and scored, as a buyer has it before moving a weight."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(APP), default_timeout=900)
    app.run()
    if app.exception:
        raise RuntimeError(f"the app failed to start: {[e.value for e in app.exception]}")
    app.file_uploader(key="upload").upload(book.filename, book.data, XLSX)
    app.run()
    if app.exception:
        raise RuntimeError(f"the app failed on {book.filename}: {[e.value for e in app.exception]}")
    if not app.metric:
        raise RuntimeError(f"the app scored nothing for {book.filename}: {[e.value for e in app.error]}")
    return app


def weight_change(app: Any) -> Callable[[], object]:
    """One buyer action: move the risk weight (alternately up and down), and the page reruns."""
    keys = [s.key for s in app.slider]
    key = WEIGHT_SLIDER if WEIGHT_SLIDER in keys else next(k for k in keys if str(k).startswith("weight."))
    values = iter(np.tile([70.0, 10.0], 1000))

    def rerun() -> object:
        app.slider(key=key).set_value(float(next(values)))
        app.run()
        if app.exception:
            raise RuntimeError([e.value for e in app.exception])
        return app

    return rerun


def measure_rerun(size: str, runs: int) -> list[Comparison]:
    import streamlit as st

    st.cache_data.clear()  # nothing left over from an earlier step: both pages read their file here
    st.cache_resource.clear()
    small, large = loaded_app(event("S")), loaded_app(event(size))
    comparison = Comparison(
        "rerun", size, f"{SIZES[size].suppliers} suppliers x {SIZES[size].items} items vs S"
    )
    interleaved([comparison], {"ours": weight_change(large), "rerun": weight_change(small)}, runs)
    return [comparison]


def event_files(size: str) -> tuple[Path, Path]:
    """The event workbook and its settings as files, for the child processes of the end-to-end steps."""
    import tempfile

    import yaml

    from benchmarks.generate import config_data

    folder = Path(tempfile.gettempdir()) / "scorecard-benchmarks-files"
    folder.mkdir(parents=True, exist_ok=True)
    book = event(size)
    workbook_path = folder / book.filename
    if not workbook_path.exists() or workbook_path.stat().st_size != len(book.data):
        workbook_path.write_bytes(book.data)
    settings = folder / "event-settings.yaml"
    settings.write_text(yaml.safe_dump(config_data(), sort_keys=False))
    return workbook_path, settings


def child_environment() -> dict[str, str]:
    """The children's environment: compiled modules kept between runs, as on a buyer's installed copy.

    Where PYTHONDONTWRITEBYTECODE is set (as on this project's shared machines), every child would compile
    each of our ~300 modules again (about 0.3-0.9 s), which no installed copy does after its first run.
    The compiled files go to a folder beside the generated workbooks, never into the repository; the
    untimed warm-up round fills it, and the baseline's children get the same environment.
    """
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environment["PYTHONPYCACHEPREFIX"] = str(cache_dir() / "pycache")
    return environment


def child(*args: str) -> Callable[[], object]:
    """A call that runs a command in a fresh Python process (what a buyer's command line costs)."""
    import subprocess

    def run() -> object:
        return subprocess.run(
            [sys.executable, *args], cwd=ROOT, check=True, capture_output=True, env=child_environment()
        )

    return run


def measure_event(size: str, runs: int) -> list[Comparison]:
    """End to end on the command line: read, score, analyse, write the scored workbook, in a child process."""
    workbook_path, settings = event_files(size)
    out = workbook_path.with_name(f"scored-{size}.xlsx")
    floor_out = workbook_path.with_name(f"floor-{size}.xlsx")
    book = event(size)
    comparison = Comparison(
        "event", size, f"python -m scorecard score, {book.size.suppliers} suppliers x {book.size.items} items"
    )
    candidates = {
        "ours": child(
            "-m", "scorecard", "score", str(workbook_path), "--config", str(settings), "--output", str(out)
        ),
        "event": child("-m", "benchmarks.floor", "write", str(workbook_path), str(floor_out)),
    }
    interleaved([comparison], candidates, runs)
    return [comparison]


def measure_memory(size: str, runs: int) -> list[Comparison]:
    """Peak memory of the end-to-end run against a bare calamine read of the same file (both children)."""
    import subprocess

    workbook_path, settings = event_files(size)
    out = workbook_path.with_name(f"scored-{size}.xlsx")
    commands = {
        "ours": [
            *("-m", "scorecard", "score", str(workbook_path), "--config", str(settings), "--output", str(out))
        ],
        "memory": ["-m", "benchmarks.floor", "read", str(workbook_path)],
    }
    comparison = Comparison("memory", size, f"peak RSS (MB), {size} event end to end")
    samples: dict[str, list[float]] = {"ours": [], "memory": []}
    for _ in range(runs):
        for name, args in commands.items():
            done = subprocess.run(
                [sys.executable, "-m", "benchmarks.floor", "peak", "--", sys.executable, *args],
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
                env=child_environment(),
            )
            samples[name].append(float(done.stdout.strip().splitlines()[-1]))
    comparison.ours, comparison.baseline = samples["ours"], samples["memory"]
    return [comparison]


def measure_startup(size: str, runs: int) -> list[Comparison]:
    comparison = Comparison("startup", size, "python -m scorecard --version vs python -c pass")
    interleaved(
        [comparison], {"ours": child("-m", "scorecard", "--version"), "startup": child("-c", "pass")}, runs
    )
    return [comparison]


def all_plans(result: Any, table: Any) -> object:
    """Every ranked supplier's improvement plan, as the opportunities stage works them out."""
    from scorecard.opportunities import settings_for
    from scorecard.opportunities.best import best_in_class
    from scorecard.opportunities.plans import improvement_plans

    best, settings = best_in_class(result, table), settings_for(result.config).plans
    return improvement_plans(result, table, result.suppliers, best, settings)


def measure_plans(size: str, runs: int) -> list[Comparison]:
    from scorecard.score import score

    suppliers = SIZES[size].suppliers
    table, settings = score_workload(suppliers, criteria=EVENT_CRITERIA)
    result = score(table, settings)
    comparison = Comparison(
        "plans", size, f"all {suppliers} suppliers' plans, {suppliers} x {len(settings.criteria)} criteria"
    )
    interleaved(
        [comparison],
        {"ours": lambda: all_plans(result, table), "plans": lambda: score(table, settings)},
        runs,
    )
    return [comparison]


TAB_WEIGHTS = np.arange(5.0, 96.0, 5.0)  # 19 settings cycled: more than the app keeps, so every rerun scores


def tab_rerun(app: Any, tab: str, weights: Iterator[float]) -> Callable[[], object]:
    """Open `tab` and move a weight to a setting not seen lately: the rerun a buyer waits for in that tab."""
    keys = [s.key for s in app.slider]
    key = WEIGHT_SLIDER if WEIGHT_SLIDER in keys else next(k for k in keys if str(k).startswith("weight."))

    def rerun() -> object:
        app.session_state["tabs"] = tab
        app.slider(key=key).set_value(float(next(weights)))
        app.run()
        if app.exception:
            raise RuntimeError([e.value for e in app.exception])
        return app

    return rerun


def measure_tabs(size: str, runs: int) -> list[Comparison]:
    """Each tab's rerun after a weight change against the Ranking tab's; the slowest tab is the figure."""
    import itertools

    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    app = loaded_app(event(size))
    weights = itertools.cycle(TAB_WEIGHTS.tolist())
    labels = [str(tab.label) for tab in app.tabs]  # the page's own tabs, as the buyer sees them
    if "Ranking" not in labels:
        raise RuntimeError(f"the page shows no Ranking tab to compare with: {labels}")
    tabs = [label for label in labels if label != "Ranking"]
    candidates: dict[str, Callable[[], object]] = {"ranking": tab_rerun(app, "Ranking", weights)}
    for name in tabs:
        candidates[name] = tab_rerun(app, name, weights)
    per_tab = [Comparison("tabs", size, name) for name in tabs]
    samples: dict[str, list[float]] = {name: [] for name in candidates}
    for call in candidates.values():
        call()  # warm: the tab's first draw
    for round_number in range(runs):
        order = list(candidates) if round_number % 2 == 0 else list(reversed(candidates))
        for name in order:
            samples[name].append(timed(candidates[name]))
    for comparison in per_tab:
        comparison.ours, comparison.baseline = samples[comparison.workload], samples["ranking"]
        print(
            f"    {comparison.workload}: {comparison.ours_s:.3f} s vs Ranking {comparison.baseline_s:.3f} s"
        )
    slowest = max(per_tab, key=lambda c: c.ours_s)
    slowest.workload = f"slowest tab ({slowest.workload}) vs Ranking, {size} event"
    return [slowest]


# ---------------------------------------------------------------------- the plan

RUNS = {"S": 7, "M": 5, "L": 3}
QUICK_BUDGET_S = 8.0


def plan(quick: bool, only: set[str]) -> Iterator[tuple[str, Callable[[], list[Comparison]]]]:
    """(label, measurement) in order: every step at each size, the largest size last."""
    sizes = ["S", "M"] if quick else ["S", "M", "L"]
    for step in STEPS:
        if only and step not in only:
            continue
        for size in sizes:
            runs = RUNS[size]
            if step == "read":
                # openpyxl needs ~45 s for M on a busy machine: quick compares it on S only, full on S and L
                with_openpyxl = size == "S" or (size == "L" and not quick)
                yield (
                    f"read {size}",
                    lambda size=size, runs=runs, o=with_openpyxl: measure_read(size, runs, o),
                )
            elif step == "score":
                yield f"score {size}", lambda size=size, runs=runs: measure_score(size, max(runs, 5))
            elif step == "bids":
                # at L a round takes about a second: 5, not 3, so one slow round does not set the median
                yield f"bids {size}", lambda size=size, runs=runs: measure_bids(size, max(runs, 5))
            elif step == "sensitivity":
                yield f"sensitivity {size}", lambda size=size: measure_sensitivity(size, 7)
            elif step == "export" and size != "L":  # the target is set for M
                yield f"export {size}", lambda size=size, runs=runs: measure_export(size, runs)
            elif step == "rerun" and size == "M":  # M against S
                yield f"rerun {size}", lambda size=size: measure_rerun(size, 7)
            elif step == "event" and size != "L" and (size == "S" or not quick):  # the target is set for M
                yield f"event {size}", lambda size=size: measure_event(size, 3 if size == "M" else 5)
            elif step == "memory" and size != "L" and (size == "S" or not quick):
                yield f"memory {size}", lambda size=size: measure_memory(size, 1 if size == "M" else 2)
            elif step == "plans" and (size != "L" or not quick):  # 500 x 25 at L
                yield f"plans {size}", lambda size=size: measure_plans(size, 15)
            elif step == "tabs" and size != "L" and (size == "S" or not quick):  # the sample-sized S and M
                yield f"tabs {size}", lambda size=size: measure_tabs(size, 5)
            elif step == "startup" and size == "S":
                yield "startup", lambda size=size: measure_startup(size, 7)


def table_text(comparisons: list[Comparison]) -> str:
    lines = [
        f"{'step':<17} {'size':<4} {'ours s':>9} {'base s':>9} {'ratio':>7} {'target':>7}  ok   runs  workload",
        "-" * 110,
    ]
    for c in comparisons:
        lines.append(
            f"{c.step:<17} {c.size:<4} {c.ours_s:>9.4f} {c.baseline_s:>9.4f} {c.ratio:>7.2f} "
            f"{target_text(c.target):>7}  {ok_text(c.ok):<4} {len(c.ours):>4}  {c.workload}"
            + ("" if c.target.unit == "s" else f" (in {c.target.unit}, not s)")
        )
    return "\n".join(lines)


def target_text(target: Target) -> str:
    return "-" if target.ratio is None else f"<= {target.ratio:g}"


def ok_text(ok: bool | None) -> str:
    return "info" if ok is None else "yes" if ok else "NO"


def environment_text() -> str:
    """What the figures were measured on, since only ratios travel between machines."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    blas = {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if k in os.environ}
    note = f"; {blas} set (slows numpy's BLAS)" if blas else ""
    return (
        f"python {sys.version.split()[0]}, numpy {np.__version__}, pandas {pd.__version__}, "
        f"{os.cpu_count()} CPUs, load average {load:.1f}{note}"
    )


def write_results(path: Path, comparisons: list[Comparison], merge: bool) -> dict[str, Any]:
    """Each step at the largest size measured; with `--only`, other steps keep their earlier figures."""
    results: dict[str, Any] = {}
    if merge and path.exists():
        results = {key: upgraded(record) for key, record in json.loads(path.read_text()).items()}
    order = {"S": 0, "M": 1, "L": 2}
    for c in sorted(comparisons, key=lambda c: order[c.size]):
        if c.step in RESULT_KEYS:
            results[c.step] = c.record()
    ordered = {key: results[key] for key in RESULT_KEYS if key in results}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(ordered, indent=2) + "\n")
    return ordered


def upgraded(record: dict[str, Any]) -> dict[str, Any]:
    """A record written before the steps had units (time only) in today's shape."""
    if "ours" in record:
        return record
    described = {**record, "baseline_is": record.get("baseline", "")}
    described.pop("baseline", None)
    head = {"ours": record["ours_s"], "baseline": record["baseline_s"], "unit": "s"}
    return {**head, **described}


def profile(step: str, size: str) -> None:
    """Our side of one step under cProfile, once, warm: the top entries by own and cumulative time."""
    book = event(size)
    calls: dict[str, Callable[[], object]] = {
        "read": lambda: read_clean(book.data, book.filename),
        "bids": lambda: measure_bids_once(size),
        "export": lambda: export_once(size),
    }
    if step == "score":
        from scorecard.score import score

        table, settings = score_workload(SCORE_SUPPLIERS[size])
        calls["score"] = lambda: score(table, settings)
    if step == "sensitivity":
        from scorecard.score import score
        from scorecard.sensitivity import sensitivity

        table, settings = score_workload(SIZES[size].suppliers, criteria=EVENT_CRITERIA)
        result = score(table, settings)
        calls["sensitivity"] = lambda: sensitivity(result, draws=2000)
    if step == "plans":
        from scorecard.score import score

        table, settings = score_workload(SIZES[size].suppliers, criteria=EVENT_CRITERIA)
        result = score(table, settings)
        calls["plans"] = lambda: all_plans(result, table)
    if step == "rerun":
        # the page runs in AppTest's script thread, which cProfile does not see
        raise SystemExit(
            "Profile the rerun with py-spy (pip install py-spy): start a loop of reruns after loading the "
            "workbook, then `py-spy record --pid PID --duration 20 --format raw -o rerun.txt`; "
            "benchmarks/README.md shows the loop."
        )
    work = calls[step]
    work()
    profiler = cProfile.Profile()
    profiler.runcall(work)
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(20)


def measure_bids_once(size: str) -> object:
    from scorecard.bids import analyse_bids

    book = workbook(size)
    settings = config().section("bids")
    return analyse_bids(
        book.sheet(BIDS_SHEET).table,
        settings,
        sheet=BIDS_SHEET,
        fx=book.sheet(FX_SHEET).table,
        fx_sheet=FX_SHEET,
    )


def export_once(size: str) -> object:
    from scorecard.export import write_scored_workbook

    return write_scored_workbook(evaluation(size))


def warm_imports() -> None:
    """Import every stage before timing, so that no measurement pays for an import."""
    import scorecard.bids
    import scorecard.bids.fx
    import scorecard.export
    import scorecard.pipeline
    import scorecard.read
    import scorecard.score
    import scorecard.sensitivity  # noqa: F401


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes S and M only (a few minutes)")
    parser.add_argument(
        "--only", action="append", choices=STEPS, default=[], help="run this step (repeatable)"
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the results (JSON)")
    parser.add_argument("--profile", choices=STEPS, help="profile our side of one step instead of timing")
    parser.add_argument("--size", choices=list(SIZES), default="L", help="the size --profile uses")
    args = parser.parse_args(argv)
    if args.profile:
        profile(args.profile, args.size)
        return 0
    if args.quick:
        BUDGET.seconds = QUICK_BUDGET_S
    warm_imports()
    print(environment_text(), flush=True)
    started = time.perf_counter()
    comparisons: list[Comparison] = []
    failed: list[str] = []
    for label, measurement in plan(args.quick, set(args.only)):
        step_start = time.perf_counter()
        try:
            found = measurement()
        except Exception as error:  # one broken stage must not cost the figures of the others
            failed.append(label)
            print(f"  {label}: FAILED: {type(error).__name__}: {error}", flush=True)
            traceback.print_exc()
            continue
        comparisons.extend(found)
        summary = ", ".join(f"{c.step} {c.ratio:.2f}x" for c in found)
        print(f"  {label}: {summary} ({time.perf_counter() - step_start:.0f} s)", flush=True)
    print()
    print(table_text(comparisons))
    results = write_results(args.output, comparisons, merge=bool(args.only))
    missed = [step for step, record in results.items() if not record["ok"]]
    print(f"\n{len(results)} steps written to {args.output} in {time.perf_counter() - started:.0f} s", end="")
    print(f"; over target: {', '.join(missed)}" if missed else "; every step within its target")
    if failed:
        print(f"FAILED: {', '.join(failed)} (see the tracebacks above)")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
