"""The scored workbook's zip: every part compressed at one chosen zlib level instead of xlsxwriter's default.

xlsxwriter deflates every part at zlib's default level (6); at M that was
about half the export's time (65 MB of sheet XML). `ZIP_LEVEL` is chosen by
measurement (benchmarks/README.md, "export"). xlsxwriter offers no option for
it, so its workbook module's `ZipInfo` (the name its `_store_workbook` uses for
each part) is replaced once by `LevelledZipInfo`, which takes the level of the
writer closing the workbook in this thread (a context variable) and otherwise
keeps the default: any other xlsxwriter workbook in the process is written as
before. Both the name and the stdlib's per-entry level are internals, pinned
and checked by tests/export/test_package.py.
"""

from __future__ import annotations

import contextvars
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

import xlsxwriter
import xlsxwriter.workbook

ZIP_LEVEL = 1  # see benchmarks/README.md, "export": what each level costs and gives at M
LEVEL: contextvars.ContextVar[int | None] = contextvars.ContextVar("scorecard_zip_level", default=None)


class LevelledZipInfo(zipfile.ZipInfo):
    """A zip entry compressed at the level of the writer closing the workbook (zlib's default otherwise)."""

    __slots__ = ()

    def __init__(self, filename: str = "NoName", date_time: tuple[int, ...] = (1980, 1, 1, 0, 0, 0)) -> None:
        super().__init__(filename, date_time)
        level = LEVEL.get()
        if level is not None:
            self._compresslevel = level  # stdlib: the entry's own level (3.13+: alias of compress_level)


def install() -> None:
    """Have xlsxwriter build its zip entries as `LevelledZipInfo` (once; fails loudly if the name moved)."""
    module = xlsxwriter.workbook
    current = getattr(module, "ZipInfo", None)
    if current is LevelledZipInfo:
        return
    if current is not zipfile.ZipInfo:
        raise RuntimeError(
            f"xlsxwriter {xlsxwriter.__version__} no longer builds its zip entries with zipfile.ZipInfo; "
            "install the version pinned in requirements.txt"
        )
    module.ZipInfo = LevelledZipInfo


@contextmanager
def zip_level(level: int | None) -> Iterator[None]:
    """Workbooks closed in this block (this thread or task only) are compressed at `level`."""
    token = LEVEL.set(level)
    try:
        yield
    finally:
        LEVEL.reset(token)


install()
