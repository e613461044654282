"""Score every golden case and write its digest: `python -m tests.golden.build [CASE ...]`.

Run it only for a change that is meant to change what a buyer sees, and say in the commit which cells moved
and why; a refactor must leave every digest as it is.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from tests.golden.cases import CASES, Case, benchmark_config
from tests.golden.digest import digest

DIGESTS = Path(__file__).with_name("digests")


def scored_workbook(case: Case, tmp: Path) -> bytes:
    """The workbook `python -m scorecard score` writes for the case (run in this process)."""
    from scorecard.cli import main

    source = tmp / case.file_name
    source.write_bytes(case.data())
    output = tmp / f"scored {case.file_name}"
    options = [str(benchmark_config(tmp)) if o == "{benchmark}" else o for o in case.options]
    code = main(["score", str(source), "--output", str(output), *options])
    if code != 0:
        raise RuntimeError(f"{case.name}: score exited {code}")
    return output.read_bytes()


def digest_path(case: Case) -> Path:
    return DIGESTS / f"{case.name}.json"


def main(names: list[str]) -> None:
    chosen = [c for c in CASES if not names or c.name in names]
    for case in chosen:
        with tempfile.TemporaryDirectory() as tmp:
            found = digest(scored_workbook(case, Path(tmp)))
        digest_path(case).write_text(json.dumps(found, indent=0) + "\n", encoding="utf-8")
        print(f"{case.name}: {sum(map(len, found.values()))} rows in {len(found)} sheets")


if __name__ == "__main__":
    main(sys.argv[1:])
