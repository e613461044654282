"""The workbooks Scorecard writes for the sample, the buyers' layouts in the tests and the benchmark event.

Each case is scored through the command line, exactly as a buyer would run it, so a refactor of any stage
between reading and writing shows up here as a changed cell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "sample_event.xlsx"
PRESETS = sorted(p.stem for p in (ROOT / "configs").glob("*.yaml"))


@dataclass(frozen=True)
class Case:
    """One workbook to score: its bytes, the file name it is scored under and the command-line options."""

    name: str
    data: Callable[[], bytes]
    file_name: str
    options: tuple[str, ...] = field(default=())


def sample() -> bytes:
    return SAMPLE.read_bytes()


def questcdn() -> bytes:
    from tests.layout.published import questcdn_bid_tab

    return questcdn_bid_tab().data


def dot_unit_tab() -> bytes:
    from tests.layout.published import dot_unit_tab

    return dot_unit_tab().data


def esourcing() -> bytes:
    from tests.layout.published import esourcing_export

    return esourcing_export().data


def rfp_matrix() -> bytes:
    from tests.layout.evaluation_workbooks import rfp_matrix_rows, workbook_bytes

    return workbook_bytes({"Evaluation": rfp_matrix_rows()})


def tender() -> bytes:
    from tests.layout.evaluation_workbooks import tender_sheets, workbook_bytes

    return workbook_bytes(tender_sheets())


def evaluators() -> bytes:
    from tests.layout.evaluation_workbooks import evaluator_sheets, workbook_bytes

    return workbook_bytes(evaluator_sheets())


def score_table() -> bytes:
    from tests.layout.evaluation_workbooks import score_table_sheets, workbook_bytes

    return workbook_bytes(score_table_sheets())


def benchmark_s() -> bytes:
    from benchmarks.generate import event_workbook

    return event_workbook("S", cache=False).data


def benchmark_config(tmp: Path) -> Path:
    """The benchmark's own settings, written where the case can pass them with --config."""
    from benchmarks.generate import event_config
    from scorecard.config import config_to_yaml

    path = tmp / "benchmark.yaml"
    path.write_text(config_to_yaml(event_config()), encoding="utf-8")
    return path


# Must-haves switched off per preset (--skip-must-have); none: the sample has every preset's must-have columns.
MUST_HAVES_SKIPPED: dict[str, str] = {}


def preset_options(preset: str) -> tuple[str, ...]:
    skipped = MUST_HAVES_SKIPPED.get(preset)
    return (
        "--config",
        str(ROOT / "configs" / f"{preset}.yaml"),
        *(("--skip-must-have", skipped) if skipped else ()),
    )


CASES: tuple[Case, ...] = (
    *(Case(f"sample-{p}", sample, "sample_event.xlsx", preset_options(p)) for p in PRESETS),
    Case("sample-no-settings", sample, "sample_event.xlsx"),
    Case("questcdn-bid-tab", questcdn, "Bid Tabulation.xlsx"),
    Case("dot-unit-tab", dot_unit_tab, "unit tab.xlsx"),
    Case("esourcing-export", esourcing, "quote responses.xlsx"),
    Case("rfp-matrix", rfp_matrix, "rfp.xlsx"),
    Case("tender-70-30", tender, "tender.xlsx"),
    Case("evaluator-sheets", evaluators, "panel.xlsx"),
    Case("score-table", score_table, "scores.xlsx"),
    Case("benchmark-S", benchmark_s, "event S.xlsx", ("--config", "{benchmark}")),
)
