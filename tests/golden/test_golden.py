"""Every workbook the sample, the buyers' layouts and the benchmark event produce is the same, cell for cell,
as when its digest was last written (`python -m tests.golden.build`): a refactor changes no cell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.golden.build import digest_path, scored_workbook
from tests.golden.cases import CASES, Case
from tests.golden.digest import row_hash, workbook_rows


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_scored_workbook_is_cell_for_cell_unchanged(case: Case, tmp_path: Path) -> None:
    expected: dict[str, list[str]] = json.loads(digest_path(case).read_text(encoding="utf-8"))
    rows = workbook_rows(scored_workbook(case, tmp_path))
    assert list(rows) == list(expected), "the workbook's sheets changed"
    for sheet, texts in rows.items():
        for number, (found, want) in enumerate(zip(texts, expected[sheet], strict=False), start=1):
            assert row_hash(found) == want, f"sheet {sheet!r}, row {number} changed; it now reads {found}"
        assert len(texts) == len(expected[sheet]), (
            f"sheet {sheet!r} has {len(texts)} rows, was {len(expected[sheet])}"
        )
