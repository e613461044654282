"""Read stage: untrusted bytes -> sheets of raw cells under their real header row.

Every file passes `guard.check_file` before any parser sees it. Then, before
python-calamine loads a sheet, a bounded scan of that sheet's own bytes (the
sheet XML of an .xlsx, the content.xml of an .ods, the BIFF records of an .xls)
measures how far its cells reach: calamine allocates the whole rectangle from A1
to the last cell at once and aborts the process (SIGABRT, not an exception) when
that fails, so a 5 KB file with cells at A1 and XFD1048576 would take the
server down. The same scan finds what calamine does not report: hidden rows and
columns, and formulas saved without a value.

Cells are read with python-calamine (fast, and it never runs macros); the header
row is found below title rows and notes (also a header over two rows, under a
merged cell); blank rows and columns are skipped, totals rows are left out;
each of those decisions is a Finding, so nothing disappears silently. Values
stay raw here: turning text into numbers is the clean stage's job.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import struct
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from operator import itemgetter
from xml.parsers import expat

import numpy as np
import pandas as pd
import python_calamine
from defusedxml import ElementTree as SafeElementTree

from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.guard import FileKind, FileLimits, check_file

HEADER_SEARCH_ROWS = 30
# Cells (rows x columns, counted from A1) a sheet may span to be read. Our largest legitimate
# workbook is 1,000,000 bid rows x about 10 columns; calamine holds about 32 bytes a cell, so
# the limit caps one sheet at about 0.5 GB inside calamine plus 8 bytes a cell in Python.
MAX_SHEET_CELLS = 16_000_000
# Named columns in one sheet, and characters kept of one header: a bid tab with two columns per
# bidder for 500 bidders stays well inside; 16,000 headers or one of 32,000 characters is not a table.
MAX_HEADERS = 2_000
MAX_HEADER_LENGTH = 255
MAX_LISTED = 20  # cells named one by one in a finding before the rest are counted
_HINT_STRAY = (
    "Delete the stray cells far below or to the right of the table (in Excel, Ctrl+End jumps to the "
    "last used cell), save, and upload again."
)
_HINT_RESAVE = "Open it in Excel, save it again as an Excel workbook (.xlsx), and upload the new file."


# --------------------------------------------------------------------------- the stage's values


@dataclass(frozen=True)
class Sheet:
    """One sheet's table: header texts as columns, 1-based spreadsheet row numbers as the index."""

    name: str
    table: pd.DataFrame
    header_row: int | None
    hidden: bool = False
    findings: tuple[Finding, ...] = ()
    rows_read: int = 0  # data rows below the header that held anything, totals rows included
    excluded_rows: tuple[tuple[int, str], ...] = ()  # (row, reason) for rows read but left out here
    cells: list[list[object]] = field(default_factory=list, compare=False, repr=False)  # the grid as received

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(str(c) for c in self.table.columns)

    @property
    def is_empty(self) -> bool:
        return self.table.empty


@dataclass(frozen=True)
class Workbook:
    """A buyer's file as received: its sheets, fingerprint and what was noticed while reading it."""

    filename: str
    sha256: str
    kind: FileKind
    size: int
    sheets: tuple[Sheet, ...]
    findings: tuple[Finding, ...] = ()

    def sheet(self, name: str) -> Sheet:
        for s in self.sheets:
            if s.name == name:
                return s
        raise ScorecardError(
            f'The file {self.filename} has no sheet called "{name}".',
            hint=f"Sheets: {', '.join(self.sheet_names)}.",
        )

    @property
    def sheet_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.sheets)

    @property
    def all_findings(self) -> tuple[Finding, ...]:
        return self.findings + tuple(f for s in self.sheets for f in s.findings)


@dataclass(frozen=True)
class SheetLayout:
    """What a bounded scan of one sheet's bytes found before any parser loaded it.

    `height` and `width` reach from A1 to the farthest cell holding something
    (an upper bound when the file leaves cell positions implicit); rows are
    1-based, columns 0-based, as a buyer counts rows and as grids index columns.
    """

    height: int = 0
    width: int = 0
    hidden_rows: tuple[int, ...] = ()
    hidden_columns: tuple[int, ...] = ()
    formulas_without_value: tuple[tuple[int, int], ...] = ()
    formulas_without_value_count: int = 0

    @property
    def area(self) -> int:
        return self.height * self.width


@dataclass
class _RawSheet:
    name: str
    grid: list[list[object]]
    hidden: bool = False
    merged: tuple = ()
    layout: SheetLayout | None = None


# --------------------------------------------------------------------------- entry point


def read_workbook(data: bytes, filename: str, limits: FileLimits | None = None) -> Workbook:
    """Check, then read every sheet of an uploaded file. Raises ScorecardError for files we refuse."""
    kind = check_file(data, filename, limits or FileLimits())
    digest = hashlib.sha256(data).hexdigest()
    if kind == FileKind.CSV:
        raw_sheets = [_RawSheet(csv_sheet_name(filename), read_csv_grid(data, filename))]
    else:
        raw_sheets = read_spreadsheet_grids(data, filename, kind)
    sheets = []
    findings: list[Finding] = []
    for raw in raw_sheets:
        sheets.append(grid_to_sheet(raw.name, raw.grid, raw.hidden, raw.merged, raw.layout))
        if raw.hidden:
            findings.append(
                Finding(
                    Severity.INFO,
                    "This sheet is hidden in the workbook; it was read all the same.",
                    sheet=raw.name,
                    action="read",
                )
            )
    if not any(not s.is_empty for s in sheets):
        headed = [s for s in sheets if s.header_row is not None]
        if headed:
            where = ", ".join(f'sheet "{s.name}" (header in row {s.header_row})' for s in headed)
            raise ScorecardError(
                f"{filename} has column headers but no rows under them: {where}.",
                hint="Fill in one row per supplier under the header row and upload again.",
            )
        raise ScorecardError(
            f"{filename} has no sheet with a table in it.",
            hint="Put the suppliers in a sheet with a header row (e.g. Supplier, Total cost, On-time delivery) and upload again.",
        )
    return Workbook(filename, digest, kind, len(data), tuple(sheets), tuple(findings))


# --------------------------------------------------------------------------- CSV


def csv_sheet_name(filename: str) -> str:
    stem = re.sub(r"\.[^.]*$", "", re.split(r"[\\/]", filename)[-1]) or "Sheet1"
    return stem[:31]


def read_csv_grid(data: bytes, filename: str) -> list[list[object]]:
    """Decode (UTF-8, UTF-8 with BOM, UTF-16, cp1252) and split on the delimiter the file uses."""
    text = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        raise ScorecardError(
            f"{filename} is not readable text.", hint="Save it from Excel as 'CSV UTF-8' and upload again."
        )
    text = text.replace("\x00", "")
    sample = text[:20000]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = max(",;\t", key=sample.count)
    csv.field_size_limit(10_000_000)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ScorecardError(
            f"{filename} could not be read as CSV: {error}.", hint="Open it in Excel and save it as .xlsx."
        ) from None
    # A CSV cell of spaces is a blank, as in a spreadsheet; cheap here, since CSV is parsed in Python.
    return [[cell if cell.strip() else None for cell in row] for row in rows]


# --------------------------------------------------------------------------- spreadsheets


def read_spreadsheet_grids(data: bytes, filename: str, kind: FileKind) -> list[_RawSheet]:
    """Raw cell grids of every worksheet, with visibility, merged ranges and the scan's layout.

    Every sheet is measured first; calamine only loads sheets whose cells fit MAX_SHEET_CELLS.
    """
    try:
        if kind in (FileKind.XLSX, FileKind.XLSM):
            layouts = scan_xlsx(data)
        elif kind == FileKind.ODS:
            layouts = scan_ods(data)
        else:
            layouts = scan_xls(data)
    except ScorecardError:
        raise
    except Exception as error:  # hostile bytes raise a zoo of types here; all of them mean "damaged"
        raise ScorecardError(
            f"{filename} looks like a spreadsheet but is damaged ({type(error).__name__} while checking it).",
            hint=_HINT_RESAVE,
        ) from None
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        raw_sheets = []
        for meta in book.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1].lower() != "worksheet" or not meta.name:
                continue
            layout = layouts.get(meta.name)
            if layout is None:
                raise ScorecardError(
                    f'{filename}: sheet "{meta.name}" could not be measured before reading, so it was not opened.',
                    hint=_HINT_RESAVE,
                )
            refuse_absurd_extent(meta.name, layout)
            sheet = book.get_sheet_by_name(meta.name)
            grid = sheet.to_python(skip_empty_area=False)
            try:
                merged = tuple(sheet.merged_cell_ranges or ())
            except Exception:  # merged ranges are a nicety; some formats do not report them
                merged = ()
            hidden = str(meta.visible).rsplit(".", 1)[-1].lower() != "visible"
            raw_sheets.append(_RawSheet(meta.name, grid, hidden, merged, layout))
        return raw_sheets
    except python_calamine.PasswordError:
        raise ScorecardError(
            f"{filename} is password-protected.",
            hint="Remove the password in Excel (File > Info > Protect Workbook) and upload again.",
        ) from None
    except (
        python_calamine.CalamineError,
        python_calamine.ZipError,
        python_calamine.XmlError,
        python_calamine.WorksheetNotFound,
        ValueError,
        OSError,
    ) as error:
        raise ScorecardError(
            f"{filename} looks like a spreadsheet but is damaged ({type(error).__name__}).",
            hint=_HINT_RESAVE,
        ) from None


def refuse_absurd_extent(name: str, layout: SheetLayout) -> None:
    """A sheet whose cells span more than MAX_SHEET_CELLS is refused before calamine allocates it."""
    if layout.area > MAX_SHEET_CELLS:
        last = f"{column_letter(layout.width - 1)}{layout.height}"
        raise ScorecardError(
            f"Its cells reach from A1 to {last} ({layout.height:,} rows x {layout.width:,} columns, "
            f"{layout.area:,} cells); Scorecard reads sheets of up to {MAX_SHEET_CELLS:,} cells, "
            "so the file was not opened.",
            sheet=name,
            hint=_HINT_STRAY,
        )


# --------------------------------------------------------------------------- scanning .xlsx


_SCAN_CHUNK = 1 << 20
_TAIL_LIMIT = 8 << 20  # an element longer than this is scanned in pieces
# Any r="..." reference: of a cell (letters and digits) or of a row (digits only).
_ANY_REF = re.compile(rb'\sr="([A-Za-z]*)([0-9]+)"')
_LETTERS = re.compile(rb'\sr="([A-Za-z]+)[0-9]')
# The reference of a cell with content: a self-closing <c .../> is a formatted empty cell, which
# calamine skips (a sheet may hold a million of them), so the exact pass leaves it out.
_CONTENT_REF = re.compile(rb'\sr="([A-Za-z]+)([0-9]+)"[^>]*(?<!/)>')
_ROW_REF = re.compile(rb'<(?:[\w.-]+:)?row\b[^>]*?\sr="([0-9]+)"')
# <c> and <row> without a reference are placed by counting from the element before them.
_UNPLACED = re.compile(rb'<(?:c|row)(?=[\s/>])(?![^>]*\sr=")')
_UNPLACED_PREFIXED = re.compile(rb'<[A-Za-z_][\w.-]*:(?:c|row)(?=[\s/>])(?![^>]*\sr=")')
_HIDDEN_ROW = re.compile(rb'<(?:[\w.-]+:)?row\b[^>]*?\shidden="(?:1|true)"[^>]*>')
_ROW_NUMBER = re.compile(rb'\sr="([0-9]+)"')
_COL_TAG = re.compile(rb"<(?:[\w.-]+:)?col\b([^>]*)>")
_ATTRIBUTE = re.compile(rb'([\w:.-]+)\s*=\s*"([^"]*)"')
_FORMULA_CELL = re.compile(
    rb"<(?:[\w.-]+:)?c\b([^>]*)(?<!/)>((?:(?!</(?:[\w.-]+:)?c>).)*?<(?:[\w.-]+:)?f\b.*?)</(?:[\w.-]+:)?c>",
    re.S,
)
_CACHED_VALUE = re.compile(rb"<(?:[\w.-]+:)?v\b[^>]*>\s*[^<\s]|<(?:[\w.-]+:)?is\b", re.S)
_CELL_REF = re.compile(rb'\sr="([A-Za-z]+)([0-9]+)"')


def scan_xlsx(data: bytes) -> dict[str, SheetLayout]:
    """Each worksheet's layout, by sheet name, from a streaming scan of its XML (bounded memory)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = {info.filename.lower(): info.filename for info in archive.infolist()}
        workbook_part = _main_part(archive, names)
        folder = workbook_part.rsplit("/", 1)[0] if "/" in workbook_part else ""
        rels_part = f"{folder}/_rels/{workbook_part.rsplit('/', 1)[-1]}.rels".lstrip("/")
        targets: dict[str, str] = {}
        if rels_part.lower() in names:
            for element in SafeElementTree.fromstring(archive.read(names[rels_part.lower()])).iter():
                if element.get("Id") and element.get("Target"):
                    targets[element.get("Id")] = element.get("Target")
        layouts: dict[str, SheetLayout] = {}
        for element in SafeElementTree.fromstring(archive.read(names[workbook_part.lower()])).iter():
            if not isinstance(element.tag, str) or element.tag.rsplit("}", 1)[-1] != "sheet":
                continue
            name = element.get("name")
            relationship = next((v for k, v in element.attrib.items() if k.endswith("}id")), "")
            target = targets.get(relationship)
            if not name or not target:
                continue
            part = _resolve(folder, target).lower()
            if part in names:
                member = names[part]
                layouts[name] = scan_sheet_xml(lambda member=member: _pieces(archive, member))
        return layouts


def _main_part(archive: zipfile.ZipFile, names: dict[str, str]) -> str:
    """The workbook part named by the package's root relationships (usually xl/workbook.xml)."""
    if "_rels/.rels" in names:
        for element in SafeElementTree.fromstring(archive.read(names["_rels/.rels"])).iter():
            target = element.get("Target") or ""
            if (element.get("Type") or "").endswith("/officeDocument"):
                part = _resolve("", target)
                if part.lower() in names:
                    return names[part.lower()]
    return names.get("xl/workbook.xml", "xl/workbook.xml")


def _resolve(folder: str, target: str) -> str:
    """A relationship target as a part name: relative to the folder, or absolute from the root."""
    path = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}".lstrip("/")
    parts: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _chunks(stream: io.BufferedIOBase) -> Iterator[bytes]:
    while chunk := stream.read(_SCAN_CHUNK):
        yield chunk


def _pieces(archive: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    """A part's XML in about 1 MB pieces, each cut just before a <row>, so no row is split."""
    tail = b""
    with archive.open(member) as stream:
        for chunk in _chunks(stream):
            buffer = tail + chunk
            cut = max(buffer.rfind(b"<row"), buffer.rfind(b":row "))
            cut = buffer.rfind(b"<", 0, cut + 1) if cut > 0 else -1
            if cut <= 0 or len(buffer) - cut > _TAIL_LIMIT:
                cut = buffer.rfind(b"<")
            if cut <= 0 or len(buffer) - cut > _TAIL_LIMIT:
                cut = len(buffer)
            piece, tail = buffer[:cut], buffer[cut:]
            if piece:
                yield piece
    if tail:
        yield tail


def column_index(letters: bytes | str) -> int:
    """'A' -> 0, 'XFD' -> 16383: a column's letters as a grid index."""
    text = letters if isinstance(letters, str) else letters.decode("ascii")
    index = 0
    for ch in text.upper():
        index = index * 26 + ord(ch) - 64
    return index - 1


def _rows_up_to(row: int) -> str:
    """A regex (text) for row numbers from 1 to `row`, leading zeros allowed.

    Written as a trie of digits ('1(?:[0-5][0-9]{4}|6(?:...))') so the engine
    tries each digit once: this runs against every cell of the sheet.
    """
    digits = str(max(row, 1))

    def at_most(rest: str) -> str:  # numbers of len(rest) digits, leading zeros allowed, up to rest
        head, tail = int(rest[0]), rest[1:]
        if not tail:
            return f"[0-{head}]"
        same = f"{head}{at_most(tail)}"
        return f"(?:{same}|[0-{head - 1}][0-9]{{{len(tail)}}})" if head else same

    first, tail = int(digits[0]), digits[1:]
    options = [f"{first}{at_most(tail)}" if tail else f"[1-{first}]"]
    if tail and first > 1:
        options.append(f"[1-{first - 1}][0-9]{{{len(tail)}}}")
    if tail:
        options.append(f"[1-9][0-9]{{0,{len(tail) - 1}}}")
    return f"0*(?:{'|'.join(options)})"


def _columns_up_to(width: int) -> str:
    """A regex (text) for column letters from A to the `width`-th column."""
    letters = column_letter(max(width, 1) - 1)
    size = len(letters)
    options = [f"[A-Z]{{1,{size - 1}}}"] if size > 1 else []
    for i, ch in enumerate(letters):
        if ch > "A":
            options.append(f"{letters[:i]}[A-{chr(ord(ch) - 1)}][A-Z]{{{size - i - 1}}}")
    options.append(letters)
    return f"(?:{'|'.join(options)})"


def _outside(height: int, width: int) -> re.Pattern[bytes]:
    """A <c> that does not start with a reference inside rows 1..height and columns 1..width.

    Written as a negative lookahead after the literal '<c', so the regex engine
    skips from cell to cell in C: the whole check costs about 0.1 s for 1,000,000
    cells. A match is either out of bounds or written unusually (no reference,
    or not as the first attribute); either way the exact pass looks at it.
    """
    inside = f'\\s+r="{_columns_up_to(width)}{_rows_up_to(height)}"'
    return re.compile(rf"<c(?=[\s/>])(?!{inside})".encode())


_MAIN_NAMESPACES = (b"spreadsheetml/2006/main", b"ooxml/spreadsheetml/main")
_PREFIX_DECLARATION = re.compile(
    rb'xmlns:[\w.-]+\s*=\s*"[^"]*(?:spreadsheetml/2006/main|ooxml/spreadsheetml/main)"'
)


def _unplaced(piece: bytes, prefixed: bool) -> int:
    count = len(_UNPLACED.findall(piece))
    if prefixed:
        count += len(_UNPLACED_PREFIXED.findall(piece))
    return count


def scan_sheet_xml(open_pieces: Callable[[], Iterable[bytes]]) -> SheetLayout:
    """Extent, hidden rows and columns, and formulas without values, from a worksheet's XML.

    The first pass bounds the extent from above with almost no Python per cell:
    rows are written in order, so a piece's last reference is its largest row,
    and one regex search (`_outside`) confirms that no cell of the piece lies
    beyond the bounds so far; a piece where one does is counted exactly. When
    the bound is over MAX_SHEET_CELLS, a second, exact pass counts only cells
    that hold something, since formatted empty cells (which calamine skips)
    carry references too. Elements with a namespace prefix (legal, rare) are
    always counted exactly.
    """
    height = width = unplaced = 0
    hidden_rows: set[int] = set()
    hidden_columns: set[int] = set()
    formulas: list[tuple[int, int]] = []
    formula_count = 0
    first = True
    prefixed = False
    check: re.Pattern[bytes] | None = None
    for piece in open_pieces():
        if not prefixed and any(piece.find(uri) >= 0 for uri in _MAIN_NAMESPACES):
            prefixed = bool(_PREFIX_DECLARATION.search(piece))
        last = piece.rfind(b' r="')
        found = _ANY_REF.match(piece, last) if last >= 0 else None
        if found and int(found.group(2)) > height:
            height = int(found.group(2))
            check = None
        if width == 0 and b"<c" in piece:
            width = max((column_index(c) + 1 for c in set(_LETTERS.findall(piece))), default=0)
            check = None
        if check is None:
            check = _outside(height, width)
        if prefixed or check.search(piece):
            pairs = _ANY_REF.findall(piece)
            if pairs:
                height = max(height, max(map(int, map(itemgetter(1), pairs))))
                width = max(width, max((column_index(c) + 1 for c, _ in set(pairs) if c), default=0))
                check = None
            unplaced += _unplaced(piece, prefixed)
        if first:
            hidden_columns.update(_hidden_columns(piece))
            first = False
        if b'hidden="' in piece:
            for match in _HIDDEN_ROW.finditer(piece):
                number_match = _ROW_NUMBER.search(match.group(0))
                if number_match:
                    hidden_rows.add(int(number_match.group(1)))
            if b"<col" in piece:
                hidden_columns.update(_hidden_columns(piece))
        if b"<f" in piece or prefixed:
            for match in _FORMULA_CELL.finditer(piece):
                if _CACHED_VALUE.search(match.group(2)):
                    continue
                formula_count += 1
                ref = _CELL_REF.search(b" " + match.group(1))
                if ref and len(formulas) < MAX_LISTED:
                    formulas.append((int(ref.group(2)), column_index(ref.group(1))))
    # a cell without a reference sits one column right of the one before it, a row without one
    # one row below: bound both by how many there are
    height, width = height + unplaced, width + unplaced
    if height * width > MAX_SHEET_CELLS:
        height, width = _exact_extent(open_pieces)
    return SheetLayout(
        height=height,
        width=width,
        hidden_rows=tuple(sorted(hidden_rows)),
        hidden_columns=tuple(sorted(hidden_columns)),
        formulas_without_value=tuple(formulas),
        formulas_without_value_count=formula_count,
    )


def _exact_extent(open_pieces: Callable[[], Iterable[bytes]]) -> tuple[int, int]:
    """Rows and columns from A1 to the farthest cell that holds something (formatted empty cells left out)."""
    height = width = unplaced = row_tags = 0
    for piece in open_pieces():
        pairs = _CONTENT_REF.findall(piece)
        if pairs:
            height = max(height, max(map(int, map(itemgetter(1), pairs))))
            width = max(width, max(column_index(c) + 1 for c in set(map(itemgetter(0), pairs))))
        count = _unplaced(piece, prefixed=True)
        if count:
            unplaced += count
            row_tags = max(row_tags, max((int(r) for r in _ROW_REF.findall(piece)), default=0))
    if unplaced:
        height, width = max(height, row_tags) + unplaced, width + unplaced
    return height, width


def _hidden_columns(piece: bytes) -> set[int]:
    found: set[int] = set()
    for match in _COL_TAG.finditer(piece):
        attributes = {k.rsplit(b":", 1)[-1]: v for k, v in _ATTRIBUTE.findall(match.group(1))}
        if attributes.get(b"hidden") in (b"1", b"true"):
            try:
                low, high = int(attributes.get(b"min", b"0")), int(attributes.get(b"max", b"0"))
            except ValueError:
                continue
            # Excel hides "the rest of the sheet" as one range up to column 16384: keep it bounded
            found.update(range(max(low, 1) - 1, min(high, low + 16384)))
    return found


# --------------------------------------------------------------------------- scanning .ods

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
        for chunk in _chunks(stream):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    return scan.layouts


# --------------------------------------------------------------------------- scanning .xls

_END_OF_CHAIN = 0xFFFFFFFE
# NUMBER, RK, LABELSST, LABEL, BOOLERR, FORMULA, RSTRING, FORMULA (BIFF4): each starts with row, column
_BIFF_CELLS = {0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6, 0x0406}
_BIFF_MULRK = 0x00BD
_BIFF_BOF = 0x0809
_BIFF_EOF = 0x000A
_BIFF_BOUNDSHEET = 0x0085
_BIFF_ROW = 0x0208
_BIFF_COLINFO = 0x007D


class _Ole:
    """Just enough of the OLE compound-file format to read one stream, every chain walk bounded."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.sector_size = 1 << struct.unpack_from("<H", data, 30)[0]
        self.mini_size = 1 << struct.unpack_from("<H", data, 32)[0]
        self.limit = len(data) // self.sector_size + 1  # no chain can be longer than the file
        fat_count, first_dir, _, cutoff, first_mini_fat, mini_fat_count, first_difat, difat_count = (
            struct.unpack_from("<IIIIIIII", data, 44)
        )
        self.cutoff = cutoff
        fat_sectors = [s for s in struct.unpack_from("<109I", data, 76) if s < _END_OF_CHAIN]
        sector = first_difat
        for _ in range(min(difat_count, self.limit)):
            if sector >= _END_OF_CHAIN:
                break
            entries = struct.unpack_from(f"<{self.sector_size // 4}I", self.sector(sector))
            fat_sectors.extend(s for s in entries[:-1] if s < _END_OF_CHAIN)
            sector = entries[-1]
        fat_sectors = fat_sectors[: min(fat_count, self.limit)]
        self.fat = np.frombuffer(b"".join(self.sector(s) for s in fat_sectors), dtype="<u4")
        directory = self.chain_bytes(first_dir, self.fat)
        self.entries: dict[str, tuple[int, int]] = {}
        root = None
        for offset in range(0, len(directory) - 127, 128):
            length, kind = struct.unpack_from("<HB", directory, offset + 64)
            if kind not in (1, 2, 5) or not 2 <= length <= 64:
                continue
            name = directory[offset : offset + length - 2].decode("utf-16-le", "replace")
            start, size = struct.unpack_from("<IQ", directory, offset + 116)
            if kind == 5 and root is None:
                root = (start, size)
            elif kind == 2:
                self.entries.setdefault(name.lower(), (start, size & 0xFFFFFFFF))
        self.mini_fat = np.frombuffer(self.chain_bytes(first_mini_fat, self.fat), dtype="<u4")[
            : mini_fat_count * self.sector_size // 4
        ]
        self.mini_stream = self.chain_bytes(root[0], self.fat) if root else b""

    def sector(self, number: int) -> bytes:
        start = (number + 1) * self.sector_size
        if start + self.sector_size > len(self.data):
            raise ValueError("sector outside the file")
        return self.data[start : start + self.sector_size]

    def chain(self, start: int, fat: np.ndarray) -> Iterator[int]:
        sector = start
        for _ in range(len(fat) + 1):  # a chain that visits more sectors than exist loops
            if sector >= _END_OF_CHAIN or sector >= len(fat):
                return
            yield sector
            sector = int(fat[sector])
        raise ValueError("a sector chain loops")

    def chain_bytes(self, start: int, fat: np.ndarray) -> bytes:
        return b"".join(self.sector(s) for s in self.chain(start, fat))

    def stream(self, name: str) -> bytes:
        """A stream's bytes; its sector chain must hold exactly its declared size (calamine aborted
        on a file whose chain did not), else the file is damaged."""
        start, size = self.entries[name]
        if size < self.cutoff:
            sectors = list(self.chain(start, self.mini_fat))
            unit = self.mini_size
            data = b"".join(self.mini_stream[s * unit : (s + 1) * unit] for s in sectors)
        else:
            sectors = list(self.chain(start, self.fat))
            unit = self.sector_size
            data = self.chain_bytes(start, self.fat)
        if len(sectors) != -(-size // unit) or len(data) < size:
            raise ValueError(f"the {name} stream's sectors do not match its size")
        return data[:size]


def scan_xls(data: bytes) -> dict[str, SheetLayout]:
    """Each worksheet's layout, by name, from one walk over the BIFF records of the Workbook stream."""
    ole = _Ole(data)
    stream = ole.stream("workbook") if "workbook" in ole.entries else ole.stream("book")
    names_by_offset: dict[int, str] = {}
    layouts: dict[str, SheetLayout] = {}
    position = 0
    current: str | None = None
    height = width = 0
    hidden_rows: list[int] = []
    hidden_columns: list[int] = []
    end = len(stream)
    while position + 4 <= end:
        record, length = struct.unpack_from("<HH", stream, position)
        body = position + 4
        if record == _BIFF_BOUNDSHEET and length >= 8:
            offset, _, _, name_length, flags = struct.unpack_from("<IBBBB", stream, body)
            raw = stream[body + 8 : body + length]
            name = (
                raw[: name_length * 2].decode("utf-16-le", "replace")
                if flags & 1
                else raw[:name_length].decode("latin-1")
            )
            names_by_offset[offset] = name
        elif record == _BIFF_BOF:
            current = names_by_offset.get(position)
            height = width = 0
            hidden_rows, hidden_columns = [], []
        elif record == _BIFF_EOF and current is not None:
            layouts[current] = SheetLayout(height, width, tuple(hidden_rows), tuple(hidden_columns))
            current = None
        elif current is not None and length >= 4:
            if record in _BIFF_CELLS or record == _BIFF_MULRK:
                row, column = struct.unpack_from("<HH", stream, body)
                if record == _BIFF_MULRK and length >= 6:
                    column = struct.unpack_from("<H", stream, body + length - 2)[0]
                height = max(height, row + 1)
                width = max(width, column + 1)
                if height * width > MAX_SHEET_CELLS:
                    refuse_absurd_extent(current, SheetLayout(height, width))
            elif record == _BIFF_ROW and length >= 16:
                row, options = (
                    struct.unpack_from("<H", stream, body)[0],
                    struct.unpack_from("<H", stream, body + 12)[0],
                )
                if options & 0x20 and len(hidden_rows) < 10_000:
                    hidden_rows.append(row + 1)
            elif record == _BIFF_COLINFO and length >= 10:
                first, last, _, _, options = struct.unpack_from("<HHHHH", stream, body)
                if options & 1:
                    hidden_columns.extend(range(first, min(last + 1, first + 256)))
        position = body + length
    if not names_by_offset or set(names_by_offset.values()) - set(layouts):
        raise ValueError("the workbook's list of sheets does not match its sheets")
    return layouts


# --------------------------------------------------------------------------- from a grid to a table


def is_blank(value: object) -> bool:
    """Blank as a cell or a table value can be: None, NaN (pandas may hand either) or spaces."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, float) and value != value)


def normalise_cell(value: object) -> object:
    """Calamine gives '' for empty cells and time/timedelta for some formats; keep one notion of blank."""
    if isinstance(value, str):
        return None if not value.strip() else value
    if isinstance(value, (time, timedelta)) and not isinstance(value, datetime):
        return str(value)
    return value


def find_header_row(grid: list[list[object]]) -> int | None:
    """0-based index of the header row: the first row, among the top rows, that looks like column names.

    A header holds text (numbers such as years or item numbers count as names
    when the row holds text too), at least two cells, and is about as wide as
    the data below it; a title ("Supplier evaluation 2026") or a note above it
    is narrower.
    """
    top = [[normalise_cell(v) for v in row] for row in grid[: HEADER_SEARCH_ROWS + 20]]
    widths = [sum(v is not None for v in row) for row in top]
    limit = min(len(top), HEADER_SEARCH_ROWS)
    widest_below = [0] * (len(top) + 1)
    for i in range(len(top) - 1, -1, -1):
        widest_below[i] = max(widths[i], widest_below[i + 1])
    for i in range(limit):
        texts = sum(isinstance(v, str) and not looks_numeric(v) for v in top[i])
        labels = texts + sum(is_label_number(v) for v in top[i])
        below = widest_below[min(i + 1, len(top))]
        if texts >= 1 and widths[i] >= 2 and labels >= 0.6 * widths[i] and widths[i] >= 0.6 * below:
            return i
    for i in range(limit):
        if widths[i] >= 1:
            return i
    return None


def is_label_number(value: object) -> bool:
    """A whole number or a date in a header row names a column (a year, an item number, a month)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return float(value).is_integer()
    return isinstance(value, (date, datetime))


def looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"\s*[-+(]?[\d.,\s%€$£]+\)?\s*", text))


def merged_header_fill(rows: list[list[object]], merged: Iterable, first: int, count: int = 1) -> None:
    """A header cell merged across columns names every column it spans ('Price' over 'Price' 'Price').

    calamine reports merged ranges as ((first_row, first_col), (last_row, last_col)),
    0-based from A1; `rows` are the header rows starting at grid row `first`.
    The value sits in the range's top-left cell, which may be above the header.
    """
    for rng in merged:
        try:
            (r0, c0), (r1, c1) = rng
        except (TypeError, ValueError):
            continue
        if r1 < first or r0 >= first + count or c1 <= c0:
            continue
        value = rows[r0 - first][c0] if first <= r0 < first + count and c0 < len(rows[r0 - first]) else None
        if value is None:
            continue
        for r in range(max(r0, first), min(r1, first + count - 1) + 1):
            row = rows[r - first]
            for c in range(c0, min(c1 + 1, len(row))):
                if row[c] is None:
                    row[c] = value


def second_header_row(header: list[object], below: list[object] | None, merged: Iterable, first: int) -> bool:
    """Is the row under the header a second header row ('Price' over 'Unit' and 'Total')?

    Only when the header has a cell spanning several columns (merged, or a name
    followed by blank header cells) and the row below holds text, no numbers,
    with its texts under such spans.
    """
    if below is None or not any(v is not None for v in below):
        return False
    if any(v is not None and not (isinstance(v, str) and not looks_numeric(v)) for v in below):
        return False
    spans: set[int] = set()
    for rng in merged:
        try:
            (r0, c0), (r1, c1) = rng
        except (TypeError, ValueError):
            continue
        if r0 <= first <= r1 and c1 > c0:
            spans.update(range(c0, c1 + 1))
    # Without merge information, a blank header cell after a name continues that name's span.
    for c in range(1, len(header)):
        if header[c] is None and (header[c - 1] is not None or c - 1 in spans):
            spans.update((c - 1, c))
    # every sub-name sits under a span (or repeats the name above it, as a vertical merge does):
    # a first data row of text has a supplier name under "Supplier", which is no span
    for c, value in enumerate(below):
        if value is None or c in spans:
            continue
        above = header[c] if c < len(header) else None
        if above is None or normalise_text(str(value)) != normalise_text(str(above)):
            return False
    return any(c in spans and v is not None for c, v in enumerate(below))


def capped_headers(cells: list[object], sheet: str, row: int, findings: list[Finding]) -> list[object]:
    """Refuse a sheet with more named columns than any table has; cut over-long headers, saying so.

    Both bound the work of every later step (matching, messages) for any file within the upload limit.
    """
    named = sum(not is_blank(cell) for cell in cells)
    if named > MAX_HEADERS:
        raise ScorecardError(
            f"The header row has {named:,} column names; Scorecard reads up to {MAX_HEADERS:,} columns per sheet.",
            sheet=sheet,
            row=row,
            hint="Delete the columns that are not needed (or move them to another workbook) and upload again.",
        )
    capped = list(cells)
    for c, cell in enumerate(cells):
        if isinstance(cell, str) and len(cell) > MAX_HEADER_LENGTH:
            capped[c] = cell[:MAX_HEADER_LENGTH]
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"The header of column {column_letter(c)} is {len(cell):,} characters long; its first "
                    f"{MAX_HEADER_LENGTH} characters were kept as the column's name.",
                    sheet=sheet,
                    row=row,
                    action="Shorten the header to a name (put notes in a cell comment) if the column is needed.",
                )
            )
    return capped


def header_names(cells: list[object]) -> list[str | None]:
    """Header texts, trimmed, with repeats numbered ('Price', 'Price (2)') so every column has a name."""
    names: list[str | None] = []
    seen: dict[str, int] = {}
    for cell in cells:
        if is_blank(cell):
            names.append(None)
            continue
        text = re.sub(r"\s+", " ", str(cell).replace("\xa0", " ")).strip()
        if isinstance(cell, float) and cell.is_integer():
            text = str(int(cell))
        if isinstance(cell, (datetime, date)):
            text = cell.isoformat()[:10]
        key = text.casefold()
        seen[key] = seen.get(key, 0) + 1
        names.append(text if seen[key] == 1 else f"{text} ({seen[key]})")
    return names


_TOTALS_LABEL = re.compile(
    r"(?i:grand\s*|sub[\s-]*|overall\s+)?(?i:totals?|sum|averages?|avg\.?|mean|median|min(?:imum)?"
    r"|max(?:imum)?|count)"
    r"(\s*(:|\(.*\)|[-–].*|(?i:of|for|all)\s.*|[A-Z]{3}|[€$£]))?\s*:?"
)
_SUMMARY_WORD = re.compile(r"(?i)\b(averages?|avg|mean|median|min(imum)?|max(imum)?|count)\b")


def is_totals_label(text: str) -> bool:
    """'Total', 'TOTAL:', 'Grand total', 'Sub-total', 'Subtotal (EUR)', 'Sum', and the summary rows a
    spreadsheet adds under a list ('Average', 'Mean', 'Median', 'Min', 'Max', 'Count'): never a supplier.
    Not 'Total Logistics Ltd' or 'Maximus GmbH'."""
    return bool(_TOTALS_LABEL.fullmatch(text.replace("\xa0", " ").strip()))


def grid_to_sheet(
    name: str,
    grid: list[list[object]],
    hidden: bool = False,
    merged: tuple = (),
    layout: SheetLayout | None = None,
) -> Sheet:
    """The table under the header row, with every decision about the grid recorded as a finding.

    Works on whole columns (numpy) rather than cell by cell: this runs on a
    million bid rows.
    """
    findings: list[Finding] = []
    header = find_header_row(grid)
    if header is None:
        return Sheet(
            name, pd.DataFrame(), None, hidden, tuple(_layout_findings(name, layout, {}, None)), cells=grid
        )
    width = max(map(len, grid), default=0)
    header_rows = [
        [normalise_cell(v) for v in grid[r]] + [None] * (width - len(grid[r]))
        for r in range(header, min(header + 2, len(grid)))
    ]
    merged_header_fill(header_rows, merged, header, len(header_rows))
    two_rows = len(header_rows) == 2 and second_header_row(header_rows[0], header_rows[1], merged, header)
    if two_rows:
        top, sub = header_rows
        for c in range(1, width):
            # without merge information ('Price' then a blank over 'Unit', 'Total'), a blank top
            # cell over a sub-name belongs to the name on its left
            if top[c] is None and sub[c] is not None:
                top[c] = top[c - 1]
        combined: list[object] = []
        for c in range(width):
            parts = [str(v) for v in (top[c], sub[c]) if v is not None]
            if len(parts) == 2 and normalise_text(parts[0]) == normalise_text(parts[1]):
                parts = parts[:1]
            combined.append(" ".join(parts) if parts else None)
        header_cells = combined
        findings.append(
            Finding(
                Severity.INFO,
                f"The header spans rows {header + 1} and {header + 2}; each column is named by both "
                "(e.g. 'Price Unit').",
                sheet=name,
                row=header + 2,
                action="two header rows read as one",
            )
        )
    else:
        header_cells = header_rows[0]
    first_data = header + (2 if two_rows else 1)
    if header > 0:
        findings.append(
            Finding(
                Severity.INFO,
                f"The header row is row {header + 1}; the {header} row(s) above it were read as titles or notes.",
                sheet=name,
                row=header + 1,
                action="rows above the header not read as data",
            )
        )
    header_cells = capped_headers(header_cells, name, header + (2 if two_rows else 1), findings)
    names = header_names(header_cells)
    block, blank = data_block(grid[first_data:], width)
    has_values = ~blank.all(axis=0) if block.size else np.zeros(width, dtype=bool)
    keep = [c for c in range(width) if names[c] is not None]
    for c in range(width):
        if names[c] is None and has_values[c]:
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"Column {column_letter(c)} has values but no header, so it was not read.",
                    sheet=name,
                    row=header + 1,
                    action="Give the column a header if it is needed.",
                )
            )
    rows_blank = blank[:, keep].all(axis=1) if keep else np.ones(len(block), dtype=bool)
    totals = totals_rows(block, blank, keep) & ~rows_blank
    row_numbers = np.arange(first_data + 1, first_data + 1 + len(block))
    excluded: list[tuple[int, str]] = []
    for position in np.flatnonzero(totals):
        label = next(v for v in block[position, keep[:2]] if isinstance(v, str))
        row = int(row_numbers[position])
        kind = "summary row" if _SUMMARY_WORD.match(label.strip()) else "totals row"
        findings.append(
            Finding(
                Severity.WARNING,
                f"This looks like a {kind} ({label.strip()}), not a supplier, so it was left out and not scored.",
                sheet=name,
                row=row,
                value=label,
                action="left out of the table",
            )
        )
        excluded.append((row, f"{kind} ({label.strip()})"))
    blank_count = int(rows_blank.sum())
    if blank_count and (~rows_blank).any():
        last_data = int(np.flatnonzero(~rows_blank)[-1])
        inner = int(rows_blank[:last_data].sum())
        if inner:
            findings.append(
                Finding(
                    Severity.INFO,
                    f"{inner} blank row(s) between the header and the last row were skipped.",
                    sheet=name,
                    action="skipped",
                )
            )
    take = np.flatnonzero(~rows_blank & ~totals)
    if len(take) == len(block) and keep == list(range(width)):
        data = block  # the usual large case: nothing to leave out, so no copy
    else:
        data = block[np.ix_(take, keep)] if keep else np.empty((len(take), 0), dtype=object)
    table = pd.DataFrame(
        data,
        columns=[names[c] for c in keep],
        index=pd.Index(row_numbers[take], name="row"),
        dtype=object,
        copy=False,
    )
    column_names = {c: names[c] for c in keep}
    findings.extend(_layout_findings(name, layout, column_names, table.index))
    rows_read = int((~rows_blank).sum())
    return Sheet(name, table, header + 1, hidden, tuple(findings), rows_read, tuple(excluded), grid)


def normalise_text(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip().casefold()


def data_block(rows: list[list[object]], width: int) -> tuple[np.ndarray, np.ndarray]:
    """The rows below the header as a 2-D object array (None for blanks) and its blank mask.

    calamine's grids are rectangular; CSV rows may be ragged and are padded.
    """
    if not rows or width == 0:
        return np.empty((0, width), dtype=object), np.ones((0, width), dtype=bool)
    if len(set(map(len, rows))) > 1:
        rows = [row[:width] + [None] * (width - len(row)) if len(row) != width else row for row in rows]
    block = np.empty((len(rows), width), dtype=object)
    block[:] = rows
    # Blank is '' (calamine) or None (CSV): both are falsy, so test truth in C first and compare
    # only the few falsy cells (zeros, False, blanks) in Python.
    blank = ~block.astype(bool)
    if blank.any():
        falsy = block[blank]
        blank[blank] = np.equal(falsy, "") | np.equal(falsy, None)
        block[blank] = None
    # other values calamine hands over that are not data: time of day and durations as text
    return block, blank


def totals_rows(block: np.ndarray, blank: np.ndarray, keep: list[int]) -> np.ndarray:
    """Rows whose first text, in one of the first two columns, is a totals label."""
    result = np.zeros(len(block), dtype=bool)
    if not keep or not len(block):
        return result
    decided = np.zeros(len(block), dtype=bool)
    for c in keep[:2]:
        codes, uniques = pd.factorize(block[:, c], use_na_sentinel=True)
        is_text = np.array([isinstance(u, str) for u in uniques], dtype=bool)
        is_total = np.array([isinstance(u, str) and is_totals_label(u) for u in uniques], dtype=bool)
        valid = codes >= 0
        text_here = np.zeros(len(block), dtype=bool)
        total_here = np.zeros(len(block), dtype=bool)
        text_here[valid] = is_text[codes[valid]]
        total_here[valid] = is_total[codes[valid]]
        result |= ~decided & total_here
        decided |= text_here
    return result


def _layout_findings(
    sheet: str,
    layout: SheetLayout | None,
    column_names: dict[int, str | None],
    table_rows: pd.Index | None,
) -> list[Finding]:
    """Hidden rows and columns that hold data, and formulas saved without a value, as findings."""
    if layout is None:
        return []
    findings: list[Finding] = []
    data_rows = set(table_rows) if table_rows is not None else set()
    hidden_rows = [r for r in layout.hidden_rows if r in data_rows]
    if hidden_rows:
        findings.append(
            Finding(
                Severity.WARNING,
                f"{len(hidden_rows)} row(s) with data are hidden in the workbook ({row_list(hidden_rows)}); "
                "they were read and used all the same.",
                sheet=sheet,
                row=hidden_rows[0],
                action="read; delete the rows if they should not count",
            )
        )
    for c in layout.hidden_columns:
        if column_names.get(c):
            findings.append(
                Finding(
                    Severity.WARNING,
                    f"Column {column_letter(c)} is hidden in the workbook; it was read and used all the same.",
                    sheet=sheet,
                    column=column_names[c],
                    action="read; delete the column if it should not count",
                )
            )
    for row, c in layout.formulas_without_value:
        findings.append(
            Finding(
                Severity.WARNING,
                f"Cell {column_letter(c)}{row} holds a formula that was saved without its result, "
                "so it was read as blank.",
                sheet=sheet,
                row=row,
                column=column_names.get(c) or column_letter(c),
                action="read as blank; open the file in Excel, let it calculate, save and upload again",
            )
        )
    more = layout.formulas_without_value_count - len(layout.formulas_without_value)
    if more > 0:
        findings.append(
            Finding(
                Severity.WARNING,
                f"{more} more formula cell(s) were saved without their results and were read as blank.",
                sheet=sheet,
                action="read as blank; open the file in Excel, let it calculate, save and upload again",
            )
        )
    return findings


def row_list(rows: list[int], limit: int = MAX_LISTED) -> str:
    """'rows 5-9, 12' : consecutive rows as ranges, the first `limit` ranges named."""
    ranges: list[tuple[int, int]] = []
    for r in rows:
        if ranges and r == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], r)
        else:
            ranges.append((r, r))
    words = [f"{a}-{b}" if b > a else str(a) for a, b in ranges[:limit]]
    if len(ranges) > limit:
        words.append("...")
    return ("rows " if len(rows) > 1 else "row ") + ", ".join(words)


def column_letter(index: int) -> str:
    """0 -> A, 26 -> AA: how a buyer names a column."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
