"""How far an .xls sheet's cells reach, from one walk over the BIFF records of its Workbook stream."""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from scorecard.guard.ole import (
    BIFF_BOF,
    BIFF_BOUNDSHEET,
    BIFF_CELLS,
    BIFF_COLINFO,
    BIFF_EOF,
    BIFF_MULRK,
    BIFF_ROW,
    CompoundFile,
    biff_records,
)
from scorecard.read.values import MAX_SHEET_CELLS, SheetLayout, refuse_absurd_extent

MAX_HIDDEN_ROWS = 10_000  # listed one by one; more than this is a damaged or hostile file's doing


@dataclass
class _XlsScan:
    """The walk's state: sheet names by the offset of their BOF record, and the sheet being measured."""

    stream: bytes
    names_by_offset: dict[int, str] = field(default_factory=dict)
    layouts: dict[str, SheetLayout] = field(default_factory=dict)
    current: str | None = None
    height: int = 0
    width: int = 0
    hidden_rows: list[int] = field(default_factory=list)
    hidden_columns: list[int] = field(default_factory=list)

    def sheet_name(self, body: int, length: int) -> None:
        offset, _, _, name_length, flags = struct.unpack_from("<IBBBB", self.stream, body)
        raw = self.stream[body + 8 : body + length]
        wide = flags & 1
        self.names_by_offset[offset] = (
            raw[: name_length * 2].decode("utf-16-le", "replace")
            if wide
            else raw[:name_length].decode("latin-1")
        )

    def sheet_starts(self, position: int) -> None:
        self.current = self.names_by_offset.get(position)
        self.height = self.width = 0
        self.hidden_rows, self.hidden_columns = [], []

    def sheet_ends(self) -> None:
        if self.current is not None:
            hidden = (tuple(self.hidden_rows), tuple(self.hidden_columns))
            self.layouts[self.current] = SheetLayout(self.height, self.width, *hidden)
            self.current = None

    def cell(self, record: int, body: int, length: int) -> None:
        row, column = struct.unpack_from("<HH", self.stream, body)
        if record == BIFF_MULRK and length >= 6:
            column = struct.unpack_from("<H", self.stream, body + length - 2)[0]  # the run's last column
        self.height = max(self.height, row + 1)
        self.width = max(self.width, column + 1)
        if self.height * self.width > MAX_SHEET_CELLS and self.current is not None:
            refuse_absurd_extent(self.current, SheetLayout(self.height, self.width))

    def row(self, body: int) -> None:
        row = struct.unpack_from("<H", self.stream, body)[0]
        options = struct.unpack_from("<H", self.stream, body + 12)[0]
        if options & 0x20 and len(self.hidden_rows) < MAX_HIDDEN_ROWS:
            self.hidden_rows.append(row + 1)

    def columns(self, body: int) -> None:
        first, last, _, _, options = struct.unpack_from("<HHHHH", self.stream, body)
        if options & 1:
            self.hidden_columns.extend(range(first, min(last + 1, first + 256)))

    def record(self, record: int, body: int, length: int) -> None:
        if record == BIFF_BOUNDSHEET and length >= 8:
            self.sheet_name(body, length)
        elif record == BIFF_BOF:
            self.sheet_starts(body - 4)
        elif record == BIFF_EOF:
            self.sheet_ends()
        elif self.current is None or length < 4:
            return
        elif record in BIFF_CELLS or record == BIFF_MULRK:
            self.cell(record, body, length)
        elif record == BIFF_ROW and length >= 16:
            self.row(body)
        elif record == BIFF_COLINFO and length >= 10:
            self.columns(body)


def scan_xls(data: bytes) -> dict[str, SheetLayout]:
    """Each worksheet's layout, by name, from one walk over the BIFF records of the Workbook stream."""
    ole = CompoundFile(data)
    scan = _XlsScan(ole.stream("workbook") if "workbook" in ole.entries else ole.stream("book"))
    for record, body, length in biff_records(scan.stream):
        scan.record(record, body, length)
    if not scan.names_by_offset or set(scan.names_by_offset.values()) - set(scan.layouts):
        raise ValueError("the workbook's list of sheets does not match its sheets")
    return scan.layouts
