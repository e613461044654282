"""The machine's floor for reading and writing a workbook, and a peak-memory probe, for the benchmarks.

`raw_stream` writes grids as the least an .xlsx can be: one inline-string
worksheet XML per sheet, in a zip at zlib level 1, no styles, no shared
strings, no checks. Nothing a buyer would get (no formats, no formula guard,
no escapes of control characters), so it is only ever a baseline.

Run as a child process so that its time and memory are its own:

    python -m benchmarks.floor write EVENT.xlsx OUT.xlsx   # bare calamine read + raw-stream write
    python -m benchmarks.floor read EVENT.xlsx             # bare calamine read into Python grids
    python -m benchmarks.floor peak -- COMMAND ...         # run COMMAND, print its peak RSS in MB
"""

from __future__ import annotations

import io
import resource
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from typing import Any

HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
BOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def letters(count: int) -> list[str]:
    names = []
    for index in range(1, count + 1):
        name = ""
        while index:
            index, rem = divmod(index - 1, 26)
            name = chr(65 + rem) + name
        names.append(name)
    return names


def sheet_xml(rows: Sequence[Sequence[Any]]) -> bytes:
    """One worksheet: numbers as numbers, everything else as inline text; blanks skipped."""
    width = max((len(row) for row in rows), default=0)
    columns = letters(width)
    parts = [f"{HEAD}<worksheet {MAIN_NS}><sheetData>"]
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            kind = type(value)
            if kind is float or kind is int:
                cells.append(f'<c r="{columns[c]}{r}"><v>{value!r}</v></c>')
            elif kind is bool:
                cells.append(f'<c r="{columns[c]}{r}" t="b"><v>{int(value)}</v></c>')
            else:
                text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                cells.append(f'<c r="{columns[c]}{r}" t="inlineStr"><is><t>{text}</t></is></c>')
        if cells:
            parts.append(f'<row r="{r}">{"".join(cells)}</row>')
    parts.append("</sheetData></worksheet>")
    return "".join(parts).encode()


def raw_stream(sheets: Sequence[tuple[str, Sequence[Sequence[Any]]]]) -> bytes:
    """An .xlsx of these (name, grid) sheets, written as plainly and as fast as the format allows."""
    count = len(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{SHEET_TYPE}"/>'
        for n in range(1, count + 1)
    )
    entries = "".join(
        f'<sheet name="S{n}" sheetId="{n}" r:id="rId{n}"/>' for n in range(1, count + 1)
    )  # names shortened: the floor does not check Excel's naming rules
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{RELATION}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, count + 1)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'{HEAD}<Types xmlns="{PACKAGE}/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{BOOK_TYPE}"/>{overrides}</Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'{HEAD}<Relationships xmlns="{PACKAGE}/relationships"><Relationship Id="rId1" '
            f'Type="{RELATION}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml", f"{HEAD}<workbook {MAIN_NS} {REL_NS}><sheets>{entries}</sheets></workbook>"
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{HEAD}<Relationships xmlns="{PACKAGE}/relationships">{rels}</Relationships>',
        )
        for n, (_, rows) in enumerate(sheets, start=1):
            archive.writestr(f"xl/worksheets/sheet{n}.xml", sheet_xml(rows))
    return buffer.getvalue()


def calamine_grids(data: bytes) -> list[tuple[str, list[list[Any]]]]:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return [
        (name, book.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in book.sheet_names
    ]


def peak_mb(command: Sequence[str]) -> float:
    """Run a command to the end and return its peak resident memory (this process's only child)."""
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Linux: kilobytes


def main(argv: list[str]) -> int:
    mode, *rest = argv
    if mode == "write":
        source, target = rest
        with open(source, "rb") as handle:
            grids = calamine_grids(handle.read())
        with open(target, "wb") as handle:
            handle.write(raw_stream(grids))
    elif mode == "read":
        with open(rest[0], "rb") as handle:
            calamine_grids(handle.read())
    elif mode == "peak":
        print(f"{peak_mb(rest[1:] if rest[:1] == ['--'] else rest):.1f}")
    else:
        raise SystemExit(f"unknown mode {mode!r}: write, read or peak")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
