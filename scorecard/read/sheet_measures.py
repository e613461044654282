"""One inflate for the guard and the extent scan: worksheets measured while the guard checks them.

The guard (`scorecard.guard.check_file`) inflates every part of a package under its caps; the extent scan
(`read/xlsx_extent.py`) needs each worksheet's XML too. Fed by the guard, it does not inflate them again.
"""

from __future__ import annotations

import re

from scorecard.read.xlsx_extent import SCAN_CHUNK, PieceCutter, SheetXmlScan

# Where every writer we know puts worksheets (Excel, LibreOffice, openpyxl, xlsxwriter). A sheet part
# elsewhere is measured by `scan_xlsx` itself; a part here that is no sheet costs only its scan.
_SHEET_PART = re.compile(r"(?:^|/)worksheets/[^/]+\.xml$", re.IGNORECASE)


class _PartMeasure:
    """One worksheet part, measured chunk by chunk as the guard inflates it."""

    def __init__(self) -> None:
        self.cutter = PieceCutter()
        self.scan = SheetXmlScan()
        self.waiting: list[bytes] = []  # chunks gathered up to SCAN_CHUNK: fewer, larger pieces
        self.waiting_size = 0
        self.complete = False
        self.failed = False

    def feed(self, chunk: bytes | memoryview) -> None:
        if self.failed:
            return
        self.waiting.append(bytes(chunk) if isinstance(chunk, memoryview) else chunk)
        self.waiting_size += len(chunk)
        if self.waiting_size >= SCAN_CHUNK:
            self._read(*self.waiting)
            self.waiting, self.waiting_size = [], 0

    def close(self) -> None:
        self._read(*self.waiting)
        self._read(last=True)
        self.complete = not self.failed

    def _read(self, *chunks: bytes, last: bool = False) -> None:
        """Scan the next piece (`last`: what is left); never raises, so the guard's verdict stays its own."""
        if self.failed:
            return
        try:
            piece = self.cutter.cut(*chunks) if not last else self.cutter.tail
            if piece:
                self.scan.read(piece)
        except Exception:  # e.g. a row number too long for int(): the sheet's own pass meets it and says so
            self.failed = True
        if self.failed or last:
            self.waiting, self.cutter.tail = [], b""


class SheetMeasures:
    """Worksheet parts measured during the guard's inflate, so each sheet is inflated once before calamine.

    `watch` is what the guard calls for each part (`scorecard.guard.check_file(..., watch=...)`); it sees
    chunks that passed the guard's size and ratio caps, is a bounded regex scan and never an XML parser,
    and its results are read (`scan`) only once the guard has accepted the whole file.
    """

    def __init__(self) -> None:
        self.parts: dict[str, _PartMeasure] = {}

    def watch(self, part_name: str) -> _PartMeasure | None:
        if not _SHEET_PART.search(part_name):
            return None
        measure = self.parts[part_name.lower()] = _PartMeasure()
        return measure

    def scan(self, part_name: str) -> SheetXmlScan | None:
        """The part's finished scan, or None when it was not measured whole (then `scan_xlsx` measures it)."""
        measure = self.parts.get(part_name.lower())
        return measure.scan if measure is not None and measure.complete else None
