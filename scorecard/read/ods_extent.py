"""How far an .ods sheet's cells reach, measured from content.xml before calamine allocates for it."""

from __future__ import annotations

import io
import zipfile
from xml.parsers import expat

from scorecard.read.cells import MAX_LISTED
from scorecard.read.values import MAX_SHEET_CELLS, SheetLayout, refuse_absurd_extent
from scorecard.read.xlsx_extent import xml_chunks

_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


class _OdsScan:
    """Walks content.xml with expat (no DTDs: the guard refused them) and measures each table.

    Repeated rows and cells (`number-rows-repeated`, `number-columns-repeated`) are
    what make a tiny .ods file describe millions of cells; calamine expands the ones
    that hold a value, so those are counted, and the walk stops as soon as a
    table passes MAX_SHEET_CELLS.
    """

    def __init__(self) -> None:
        self.layouts: dict[str, SheetLayout] = {}
        self.table: str | None = None
        self.depth = 0
        self.row = 0  # rows before the current one
        self.row_repeat = 1
        self.column = 0
        self.height = 0
        self.width = 0
        self.hidden_rows: list[int] = []
        self.hidden_columns: list[int] = []
        self.columns_declared = 0
        self.cell_repeat = 0
        self.cell_has_value = False
        self.in_cell = 0

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        name = tag.rsplit(" ", 1)[-1]
        space = tag.rsplit(" ", 1)[0] if " " in tag else ""
        if space != _TABLE_NS:
            if self.in_cell and space != _OFFICE_NS:
                self.cell_has_value = True  # text inside a cell
            return
        if name == "table" and self.table is None:
            self.table = attributes.get(f"{_TABLE_NS} name", f"Sheet{len(self.layouts) + 1}")
            self.row = self.height = self.width = self.columns_declared = 0
            self.hidden_rows, self.hidden_columns = [], []
        elif self.table is None:
            return
        elif name == "table-column":
            repeat = _repeat(attributes.get(f"{_TABLE_NS} number-columns-repeated"))
            if attributes.get(f"{_TABLE_NS} visibility", "visible") != "visible":
                start = self.columns_declared
                self.hidden_columns.extend(range(start, min(start + repeat, start + MAX_LISTED)))
            self.columns_declared += repeat
        elif name == "table-row":
            self.row_repeat = _repeat(attributes.get(f"{_TABLE_NS} number-rows-repeated"))
            self.column = 0
            if attributes.get(f"{_TABLE_NS} visibility", "visible") != "visible":
                start = self.row + 1
                self.hidden_rows.extend(range(start, min(start + self.row_repeat, start + MAX_LISTED)))
        elif name in ("table-cell", "covered-table-cell"):
            self.in_cell += 1
            self.cell_repeat = _repeat(attributes.get(f"{_TABLE_NS} number-columns-repeated"))
            self.cell_has_value = any(key.startswith(_OFFICE_NS) for key in attributes) or bool(
                attributes.get(f"{_TABLE_NS} formula")
            )

    def end(self, tag: str) -> None:
        name = tag.rsplit(" ", 1)[-1]
        if self.table is None or not tag.startswith(_TABLE_NS):
            return
        if name in ("table-cell", "covered-table-cell"):
            self.in_cell -= 1
            if self.cell_has_value:
                self.width = max(self.width, self.column + self.cell_repeat)
                self.height = max(self.height, self.row + self.row_repeat)
                self.check()
            self.column += self.cell_repeat
            self.cell_has_value = False
        elif name == "table-row":
            self.row += self.row_repeat
        elif name == "table":
            self.layouts[self.table] = SheetLayout(
                self.height, self.width, tuple(self.hidden_rows), tuple(self.hidden_columns)
            )
            self.table = None

    def check(self) -> None:
        layout = SheetLayout(self.height, self.width)
        if layout.area > MAX_SHEET_CELLS:
            refuse_absurd_extent(self.table or "", layout)


def _repeat(value: str | None) -> int:
    try:
        return max(int(value), 1) if value else 1
    except ValueError:
        return 1


def scan_ods(data: bytes) -> dict[str, SheetLayout]:
    """Each table's layout, by name, from a streaming walk of content.xml."""
    scan = _OdsScan()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as stream:
        for chunk in xml_chunks(stream):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    return scan.layouts
