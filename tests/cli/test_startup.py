"""`python -m scorecard --help` and `--version` answer without importing the pipeline's heavy libraries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("numpy", "pandas", "xlsxwriter", "openpyxl", "python_calamine", "streamlit", "altair", "scipy")


def imported_modules(*args: str) -> set[str]:
    """Top-level module names the command imported (from -X importtime, which lists every import)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "scorecard", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert "scorecard" in names  # the listing worked
    return names


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_help_and_version_import_nothing_heavy(flag: str) -> None:
    heavy = sorted(set(HEAVY) & imported_modules(flag))
    assert not heavy, f"python -m scorecard {flag} imported {heavy}"


def test_scoring_still_finds_everything_it_imports_late(tmp_path) -> None:
    """The late imports in cli.run are real: a score run from a fresh process works end to end."""
    sample = ROOT / "sample_data" / "sample_event.xlsx"
    out = tmp_path / "scored.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "scorecard", "score", str(sample), "--output", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert out.stat().st_size > 0 and "Scored workbook written to" in done.stdout
