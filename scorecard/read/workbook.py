"""The read stage's entry point: check the file, measure each sheet's extent, then let calamine (or csv) read it."""

from __future__ import annotations

import csv
import hashlib
import io
import re

import python_calamine

from scorecard.errors import Finding, ScorecardError, Severity
from scorecard.guard import FileKind, FileLimits, check_file
from scorecard.read.number_locale import file_number_locale
from scorecard.read.ods_extent import scan_ods
from scorecard.read.sheet_measures import SheetMeasures
from scorecard.read.table import grid_to_sheet
from scorecard.read.values import HINT_RESAVE, RawSheet, SheetLayout, Workbook, refuse_absurd_extent
from scorecard.read.xls_extent import scan_xls
from scorecard.read.xlsx_extent import scan_xlsx


def read_workbook(data: bytes, filename: str, limits: FileLimits | None = None) -> Workbook:
    """Check, then read every sheet of an uploaded file. Raises ScorecardError for files we refuse."""
    measured = SheetMeasures()  # worksheets measured during the guard's inflate, not inflated again
    kind = check_file(data, filename, limits or FileLimits(), watch=measured.watch)
    digest = hashlib.sha256(data).hexdigest()
    if kind == FileKind.CSV:
        raw_sheets = [RawSheet(csv_sheet_name(filename), read_csv_grid(data, filename))]
    else:
        raw_sheets = read_spreadsheet_grids(data, filename, kind, measured)
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
    locale = None if kind == FileKind.CSV else file_number_locale(data, kind)
    return Workbook(filename, digest, kind, len(data), tuple(sheets), tuple(findings), locale)


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


def read_spreadsheet_grids(
    data: bytes, filename: str, kind: FileKind, measured: SheetMeasures | None = None
) -> list[RawSheet]:
    """Raw cell grids of every worksheet, with visibility, merged ranges and the scan's layout.

    Every sheet is measured first; calamine only loads sheets whose cells fit MAX_SHEET_CELLS.
    """
    layouts = measure_sheets(data, filename, kind, measured)
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
                    hint=HINT_RESAVE,
                )
            refuse_absurd_extent(meta.name, layout)
            sheet = book.get_sheet_by_name(meta.name)
            grid = sheet.to_python(skip_empty_area=False)
            try:
                merged = tuple(sheet.merged_cell_ranges or ())
            except Exception:  # merged ranges are a nicety; some formats do not report them
                merged = ()
            hidden = str(meta.visible).rsplit(".", 1)[-1].lower() != "visible"
            raw_sheets.append(RawSheet(meta.name, grid, hidden, merged, layout))
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
            hint=HINT_RESAVE,
        ) from None


def measure_sheets(
    data: bytes, filename: str, kind: FileKind, measured: SheetMeasures | None = None
) -> dict[str, SheetLayout]:
    """Each worksheet's layout before calamine sees it (`measured`: those the guard's inflate measured)."""
    try:
        if kind in (FileKind.XLSX, FileKind.XLSM):
            return scan_xlsx(data, measured.scan if measured else None)
        if kind == FileKind.ODS:
            return scan_ods(data)
        return scan_xls(data)
    except ScorecardError:
        raise
    except Exception as error:  # hostile bytes raise a zoo of types here; all of them mean "damaged"
        raise ScorecardError(
            f"{filename} looks like a spreadsheet but is damaged ({type(error).__name__} while checking it).",
            hint=HINT_RESAVE,
        ) from None
