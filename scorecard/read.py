"""Read stage: untrusted bytes -> sheets of raw cells under their real header row.

Every file passes `guard.check_file` before any parser sees it. Cells are read
with python-calamine (fast, and it never runs macros); the header row is found
below title rows and notes; blank rows and columns are skipped, totals rows are
left out; each of those decisions is a Finding, so nothing disappears silently.
Values stay raw here: turning text into numbers is the clean stage's job.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import pandas as pd
import python_calamine

from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.guard import FileKind, FileLimits, check_file

HEADER_SEARCH_ROWS = 30
TOTAL_ROW = re.compile(r"^\s*(grand\s+|sub-?\s*)?totals?\b|^\s*sum\s*$", re.IGNORECASE)


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


def read_workbook(data: bytes, filename: str, limits: FileLimits | None = None) -> Workbook:
    """Check, then read every sheet of an uploaded file. Raises ScorecardError for files we refuse."""
    kind = check_file(data, filename, limits or FileLimits())
    digest = hashlib.sha256(data).hexdigest()
    if kind == FileKind.CSV:
        grids = [(csv_sheet_name(filename), read_csv_grid(data, filename), False, ())]
    else:
        grids = read_spreadsheet_grids(data, filename)
    sheets = []
    findings: list[Finding] = []
    for name, grid, hidden, merged in grids:
        sheet = grid_to_sheet(name, grid, hidden, merged)
        sheets.append(sheet)
        if hidden:
            findings.append(
                Finding(
                    Severity.INFO,
                    "This sheet is hidden in the workbook; it was read all the same.",
                    sheet=name,
                )
            )
    if not any(not s.is_empty for s in sheets):
        raise ScorecardError(
            f"{filename} has no sheet with a table in it.",
            hint="Put the suppliers in a sheet with a header row (e.g. Supplier, Total cost, On-time delivery) and upload again.",
        )
    return Workbook(filename, digest, kind, len(data), tuple(sheets), tuple(findings))


def csv_sheet_name(filename: str) -> str:
    stem = re.sub(r"\.[^.]*$", "", filename.rsplit("/", 1)[-1]) or "Sheet1"
    return stem[:31]


def read_csv_grid(data: bytes, filename: str) -> list[list[object]]:
    """Decode (UTF-8, UTF-8 with BOM, UTF-16, cp1252) and split on the delimiter the file uses."""
    text = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
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
    sample = text[:20000]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = max(",;\t", key=sample.count)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as error:
        raise ScorecardError(
            f"{filename} could not be read as CSV: {error}.", hint="Open it in Excel and save it as .xlsx."
        ) from None


def read_spreadsheet_grids(data: bytes, filename: str) -> list[tuple[str, list[list[object]], bool, tuple]]:
    """Raw cell grids of every worksheet, with each sheet's visibility and merged ranges."""
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        visible = {
            m.name: str(m.visible).rsplit(".", 1)[-1].lower() == "visible"
            for m in book.sheets_metadata
            if m.name
        }
        grids = []
        for meta in book.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1].lower() != "worksheet":
                continue
            sheet = book.get_sheet_by_name(meta.name)
            grid = sheet.to_python(skip_empty_area=False)
            try:
                merged = tuple(sheet.merged_cell_ranges or ())
            except Exception:  # merged ranges are a nicety; some formats do not report them
                merged = ()
            grids.append((meta.name, grid, not visible.get(meta.name, True), merged))
        return grids
    except python_calamine.PasswordError:
        raise ScorecardError(
            f"{filename} is password-protected.",
            hint="Remove the password in Excel (File > Info > Protect Workbook) and upload again.",
        ) from None
    except (
        python_calamine.CalamineError,
        python_calamine.ZipError,
        python_calamine.XmlError,
        ValueError,
        OSError,
    ) as error:
        raise ScorecardError(
            f"{filename} looks like a spreadsheet but is damaged ({type(error).__name__}).",
            hint="Open it in Excel, save it again as .xlsx, and upload the new file.",
        ) from None


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def normalise_cell(value: object) -> object:
    """Calamine gives '' for empty cells and time/timedelta for some formats; keep one notion of blank."""
    if isinstance(value, str):
        return None if not value.strip() else value
    if isinstance(value, (time, timedelta)) and not isinstance(value, datetime):
        return str(value)
    return value


def find_header_row(grid: list[list[object]]) -> int | None:
    """0-based index of the header row: the first row, among the top rows, that looks like column names.

    A header has at least two text cells and is about as wide as the data below
    it; a title ("Supplier evaluation 2026") or a note above it is one cell wide.
    """
    widths = [sum(not is_blank(v) for v in row) for row in grid]
    limit = min(len(grid), HEADER_SEARCH_ROWS)
    widest_below = [0] * (len(grid) + 1)
    for i in range(len(grid) - 1, -1, -1):
        widest_below[i] = max(widths[i], widest_below[i + 1])
    for i in range(limit):
        texts = sum(isinstance(v, str) and bool(v.strip()) and not looks_numeric(v) for v in grid[i])
        if texts >= 2 and texts >= 0.6 * widths[i] and widths[i] >= 0.5 * widest_below[min(i + 1, len(grid))]:
            return i
    for i in range(limit):
        if widths[i] >= 1:
            return i
    return None


def looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"\s*[-+(]?[\d.,\s%€$£]+\)?\s*", text))


def merged_header_fill(grid: list[list[object]], merged: tuple, header: int) -> None:
    """A header cell merged across columns names every column it spans ('Price' over 'Price' 'Price')."""
    for rng in merged:
        try:
            (r0, c0), (r1, c1) = rng
        except (TypeError, ValueError):
            continue
        if r0 <= header <= r1 and header < len(grid):
            row = grid[header]
            value = row[c0] if c0 < len(row) else None
            for c in range(c0 + 1, min(c1 + 1, len(row))):
                if is_blank(row[c]):
                    row[c] = value


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


def grid_to_sheet(name: str, grid: list[list[object]], hidden: bool, merged: tuple) -> Sheet:
    findings: list[Finding] = []
    grid = [[normalise_cell(v) for v in row] for row in grid]
    header = find_header_row(grid)
    if header is None:
        return Sheet(name, pd.DataFrame(), None, hidden, (), cells=grid)
    if header > 0:
        findings.append(
            Finding(
                Severity.INFO,
                f"The header row is row {header + 1}; the {header} row(s) above it were read as titles or notes.",
                sheet=name,
                row=header + 1,
            )
        )
    merged_header_fill(grid, merged, header)
    names = header_names(grid[header])
    width = len(names)
    keep = [c for c in range(width) if names[c] is not None]
    unnamed = [
        c
        for c in range(width)
        if names[c] is None and any(c < len(r) and not is_blank(r[c]) for r in grid[header + 1 :])
    ]
    for c in unnamed:
        findings.append(
            Finding(
                Severity.WARNING,
                f"Column {column_letter(c)} has values but no header, so it was not read.",
                sheet=name,
                row=header + 1,
                action="Give the column a header if it is needed.",
            )
        )
    rows, index = [], []
    blank_rows = 0
    rows_read = 0
    excluded: list[tuple[int, str]] = []
    for r in range(header + 1, len(grid)):
        row = grid[r]
        cells = [row[c] if c < len(row) else None for c in keep]
        if all(is_blank(v) for v in cells):
            blank_rows += 1
            continue
        rows_read += 1
        first_text = next((v for v in cells if isinstance(v, str)), None)
        if first_text is not None and TOTAL_ROW.match(first_text) and cells.index(first_text) <= 1:
            findings.append(
                Finding(
                    Severity.WARNING,
                    "This looks like a totals row, so it was left out.",
                    sheet=name,
                    row=r + 1,
                    value=first_text,
                    action="left out of the table",
                )
            )
            excluded.append((r + 1, f"totals row ({first_text})"))
            continue
        rows.append(cells)
        index.append(r + 1)
    if blank_rows:
        findings.append(
            Finding(Severity.INFO, f"{blank_rows} blank row(s) below the header were skipped.", sheet=name)
        )
    table = pd.DataFrame(
        rows, columns=[names[c] for c in keep], index=pd.Index(index, name="row"), dtype=object
    )
    return Sheet(name, table, header + 1, hidden, tuple(findings), rows_read, tuple(excluded), grid)


def column_letter(index: int) -> str:
    """0 -> A, 26 -> AA: how a buyer names a column."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
