"""Builders for the read stage's tests: workbooks with hand-written sheet XML, .ods and .xls files.

Everything is built in code. `.xls` and `.ods` files that only a spreadsheet
program writes faithfully come from LibreOffice (`soffice --headless
--convert-to`); tests that need them are skipped, with the reason, where it is
not installed.
"""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from workbooks import xlsx_bytes

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed, so no .xls/.ods can be written here"
)


def replace_parts(source: bytes, parts: dict[str, bytes]) -> bytes:
    """A copy of a package with some parts replaced (or added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, parts.get(info.filename, old.read(info.filename)))
        for name, content in parts.items():
            if name not in old.namelist():
                new.writestr(name, content)
    return out.getvalue()


def with_sheet_data(sheet_data: bytes, *, before: bytes = b"", after: bytes = b"", name: str = "S") -> bytes:
    """An .xlsx whose only sheet's <sheetData> is exactly `sheet_data` (the caller writes the XML)."""
    source = xlsx_bytes({name: [["placeholder"]]})
    with zipfile.ZipFile(io.BytesIO(source)) as package:
        xml = package.read("xl/worksheets/sheet1.xml")
    start, end = xml.index(b"<sheetData"), xml.index(b"</sheetData>") + len(b"</sheetData>")
    xml = xml[:start] + before + b"<sheetData>" + sheet_data + b"</sheetData>" + after + xml[end:]
    return replace_parts(source, {"xl/worksheets/sheet1.xml": xml})


def text_cell(ref: str, text: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def number_cell(ref: str, value: float) -> bytes:
    return f'<c r="{ref}"><v>{value}</v></c>'.encode()


def blank_formatted_rows(count: int, width: int = 6, first: int = 3) -> bytes:
    """`count` rows that are formatted but empty, `width` styled empty cells each: what Excel writes
    when a buyer formats a block far below the table."""
    letters = [chr(65 + i) for i in range(width)]
    template = "".join(f'<c r="{c}%d" s="1"/>' for c in letters).encode()
    return b"".join(
        b'<row r="%d" s="1" customFormat="1">' % r + template.replace(b"%d", b"%d" % r) + b"</row>"
        for r in range(first, first + count)
    )


ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods_document(tables: str) -> bytes:
    """An .ods package around hand-written <table:table> elements."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NAMESPACES} office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        package.writestr("content.xml", content)
        package.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


def ods_cell(value: object, repeat: int = 1) -> str:
    repeated = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if value is None:
        return f"<table:table-cell{repeated}/>"
    if isinstance(value, (int, float)):
        return (
            f'<table:table-cell{repeated} office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell{repeated} office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    )


def ods_row(cells: Sequence[object], repeat: int = 1, hidden: bool = False) -> str:
    attributes = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    if hidden:
        attributes += ' table:visibility="collapse"'
    return f"<table:table-row{attributes}>" + "".join(ods_cell(v) for v in cells) + "</table:table-row>"


@functools.cache
def converted(xlsx: bytes, extension: str) -> bytes:
    """The workbook converted by LibreOffice to .xls or .ods (each call ~2 s, so cached)."""
    assert SOFFICE is not None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder, "book.xlsx")
        source.write_bytes(xlsx)
        profile = Path(folder, "profile").as_uri()  # its own profile: parallel runs do not collide
        subprocess.run(
            [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", extension,
             "--outdir", folder, str(source)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        return Path(folder, f"book.{extension}").read_bytes()
