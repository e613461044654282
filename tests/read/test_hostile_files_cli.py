"""Malformed and hostile files through the command line: exit 2 and a message naming what is wrong.

Every file is built here in code (no binary blobs), written to disk and run
through `python -m scorecard validate FILE` and `score FILE`: in-process via
`scorecard.cli.main` for speed, and the few that once crashed a parser (calamine
aborts the process rather than raising) in a child process, where an abort
could only end the child. No case may print a traceback or report a bug.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from workbooks import DEFAULT_HEADER, default_row, xlsx_bytes

from scorecard.cli import main
from tests.children import scorecard_command
from tests.read.fixtures import (
    converted,
    needs_soffice,
    ods_cell,
    ods_document,
    ods_row,
    replace_parts,
    text_cell,
    with_sheet_data,
)
from tests.read.test_guard import (
    BILLION_LAUGHS,
    MiB,
    RawPart,
    deflated_zeros,
    ods_bytes,
    ole_entry,
    ole_file,
    raw_part,
    raw_zip,
    xls_bytes,
    xlsx_with,
    xlsxwriter_bytes,
)
from tests.read.test_guard import xlsx_bytes as bid_sheet_xlsx

# --------------------------------------------------------------------------- the corpus


def pdf() -> bytes:
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"


def truncated_xlsx() -> bytes:
    data = bid_sheet_xlsx()
    return data[: len(data) // 2]


def corrupt_directory() -> bytes:
    data = bytearray(bid_sheet_xlsx())
    at = data.find(b"PK\x01\x02")
    data[at : at + 60] = b"\xa5" * 60
    return bytes(data)


def bad_checksum() -> bytes:
    part = raw_part("[Content_Types].xml", b"<Types/>")
    part.crc ^= 0xFFFF
    return raw_zip([part])


def encrypted_xlsx() -> bytes:
    return ole_file(
        [
            ole_entry("\x06DataSpaces", 1),
            ole_entry("EncryptionInfo", 2, 1, 248),
            ole_entry("EncryptedPackage", 2, 2, 9000),
        ]
    )


def encrypted_zip_part() -> bytes:
    part = raw_part("xl/worksheets/sheet1.xml", b"\x00" * 40, method=zipfile.ZIP_STORED, flags=0x1)
    return raw_zip([raw_part("[Content_Types].xml", b"<Types/>"), part])


def zip_bomb() -> bytes:
    payload, crc = deflated_zeros(1024)
    return raw_zip(
        [
            raw_part("[Content_Types].xml", b"<Types/>"),
            RawPart(b"xl/worksheets/sheet1.xml", payload, crc, 1024 * MiB),
        ]
    )


def lying_zip_bomb() -> bytes:
    payload, crc = deflated_zeros(600)
    liar = RawPart(b"xl/worksheets/sheet1.xml", payload, crc, size=1000)
    return raw_zip([raw_part("[Content_Types].xml", b"<Types/>"), liar])


def external_entity() -> bytes:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&xxe;</t></si></sst>'
    )
    return xlsx_with("xl/sharedStrings.xml", xxe, xlsxwriter_bytes())


def word_document() -> bytes:
    types = (
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    return raw_zip([raw_part("[Content_Types].xml", types), raw_part("word/document.xml", b"<w:document/>")])


def xlsb() -> bytes:
    types = (
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Override PartName="/xl/workbook.bin" '
        b'ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>'
    )
    return raw_zip([raw_part("[Content_Types].xml", types), raw_part("xl/workbook.bin", b"\x83\x01\x00")])


def too_many_parts() -> bytes:
    return raw_zip([raw_part(f"xl/part{n}.xml", b"", method=zipfile.ZIP_STORED) for n in range(2001)])


def nested_zip() -> bytes:
    return replace_parts(bid_sheet_xlsx(), {"xl/embeddings/inner.bin": bid_sheet_xlsx()})


def path_traversal() -> bytes:
    return raw_zip([raw_part("[Content_Types].xml", b"<Types/>"), raw_part("../../etc/cron.d/evil", b"<x/>")])


def apple_numbers() -> bytes:
    return raw_zip([raw_part("Index/Document.iwa", b"\x00\x01"), raw_part("Metadata/Properties.plist", b"x")])


def empty_sheets() -> bytes:
    return xlsx_bytes({"Sheet1": [], "Sheet2": []})


def no_supplier_columns() -> bytes:
    return xlsx_bytes({"Notes": [["Meeting notes", "Owner"], ["Kick-off", "Buyer"]]})


def missing_must_have_column() -> bytes:
    """A must-have's column is absent (a weighted one would just be left out, and said so)."""
    header = [h for h in DEFAULT_HEADER if h != "ISO 9001"]
    row = default_row("Acme")
    del row[DEFAULT_HEADER.index("ISO 9001")]
    return xlsx_bytes({"Suppliers": [header, row]})


def supplier_codes_only() -> bytes:
    """A header row and nothing under it."""
    return xlsx_bytes({"Suppliers": [DEFAULT_HEADER]})


def far_cell() -> bytes:
    """5 KB, cells at A1 and XFD1048576: calamine would allocate 17 billion cells and abort."""
    book = openpyxl.Workbook()
    book.active["A1"] = "Supplier"
    book.active["XFD1048576"] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ods_repeat_bomb() -> bytes:
    rows = ods_row(["Supplier"]) + (
        f'<table:table-row table:number-rows-repeated="5000">{ods_cell(1, repeat=16384)}</table:table-row>'
    )
    return ods_document(f'<table:table table:name="Bids">{rows}</table:table>')


def unplaced_cells_far_down() -> bytes:
    """Cells without references in row 1,048,576: placed by counting, 40 columns wide."""
    return with_sheet_data(
        b'<row r="1">'
        + text_cell("A1", "Supplier")
        + b'</row><row r="1048576">'
        + b"<c><v>1</v></c>" * 40
        + b"</row>"
    )


@functools.cache
def hostile_xls() -> bytes:
    """A real .xls (written by LibreOffice) with one cell record moved to row 65,000, column 65,000."""
    book = openpyxl.Workbook()
    book.active.append(["Supplier", "Cost"])
    book.active.append(["Acme", 1])
    book.active.append(["Beta", 2])
    buffer = io.BytesIO()
    book.save(buffer)
    data = bytearray(converted(buffer.getvalue(), "xls"))
    at = data.find(struct.pack("<HHHH", 0x00FD, 10, 2, 0))  # LABELSST "Beta", row 3, column A
    assert at > 0
    struct.pack_into("<HH", data, at + 4, 65000, 65000)
    return bytes(data)


Case = tuple[str, Callable[[], bytes], tuple[str, ...]]
# (file name, builder, phrases the message must contain, lower-cased)
CASES: list[Case] = [
    ("empty.xlsx", lambda: b"", ("is empty (0 bytes)",)),
    ("blank.csv", lambda: b"\xef\xbb\xbf \r\n\t\r\n   ", ("only blank space",)),
    ("bids.xlsx", pdf, ("is a pdf document", "not a spreadsheet")),
    ("logo.xlsx", lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), ("png image",)),
    ("tool.xlsx", lambda: b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(100), ("windows program",)),
    ("noise.xlsx", lambda: bytes((n * 7919 + 13) % 256 for n in range(4096)), ("not a spreadsheet",)),
    (
        "bids_csv.xlsx",
        lambda: b"Supplier,Unit price\nAcme,12.50\n",
        ("really a text (csv) file", "rename it"),
    ),
    (
        "export.xls",
        lambda: b"<html><body><table><tr><td>Supplier</td></tr></table></body></html>",
        ("web page",),
    ),
    ("word.xlsx", word_document, ("word document",)),
    ("binary.xlsx", xlsb, (".xlsb",)),
    ("archive.xlsx", lambda: raw_zip([raw_part("bids/readme.txt", b"see email")]), ("zip archive",)),
    ("numbers.xlsx", apple_numbers, ("apple numbers",)),
    ("cut.xlsx", truncated_xlsx, ("is damaged",)),
    ("directory.xlsx", corrupt_directory, ("is damaged",)),
    ("checksum.xlsx", bad_checksum, ("checksum",)),
    ("no_content.ods", lambda: ods_bytes(content=False), ("is damaged", "content.xml")),
    ("locked.xlsx", encrypted_xlsx, ("password-protected",)),
    ("locked.xls", lambda: xls_bytes(password=True), ("password-protected",)),
    ("locked_part.xlsx", encrypted_zip_part, ("encrypted",)),
    ("bomb.xlsx", zip_bomb, ("too large when unpacked",)),
    ("liar.xlsx", lying_zip_bomb, ("too large when unpacked",)),
    (
        "laughs.xlsx",
        lambda: xlsx_with("xl/worksheets/sheet1.xml", BILLION_LAUGHS, bid_sheet_xlsx()),
        ("xml features",),
    ),
    ("xxe.xlsx", external_entity, ("xml features",)),
    ("parts.xlsx", too_many_parts, ("more than 2000 parts",)),
    ("nested.xlsx", nested_zip, ("files within files",)),
    ("traversal.xlsx", path_traversal, ("unsafe name",)),
    ("renamed.xls", bid_sheet_xlsx, ("really an excel workbook (.xlsx)",)),
    ("empty_sheets.xlsx", empty_sheets, ("no sheet with a table",)),
    ("notes.xlsx", no_supplier_columns, ("looks like a supplier list",)),
    ("partial.xlsx", missing_must_have_column, ("no column for 1 must-have", "--skip-must-have iso_9001")),
    ("header_only.xlsx", supplier_codes_only, ("no rows under them", "header in row 1")),
    ("repeats.ods", ods_repeat_bomb, ('sheet "bids"', "16,384 columns", "ctrl+end")),
]
# Files that made python-calamine abort the process before the reader learned to refuse them:
# run only in a child process, where a regression would end the child, not the test run.
ABORTING: list[Case] = [
    ("far_cell.xlsx", far_cell, ("xfd1048576", "ctrl+end")),
    ("unplaced.xlsx", unplaced_cells_far_down, ("ctrl+end",)),
    ("minimal.xls", xls_bytes, ("is damaged",)),
]


def test_the_corpus_is_large_enough():
    assert len(CASES) + len(ABORTING) + 1 >= 25  # +1: the oversized upload below


# --------------------------------------------------------------------------- in-process


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def assert_refused(code: int, out: str, err: str, phrases: tuple[str, ...], filename: str) -> None:
    assert code == 2, (code, out, err)
    assert "Traceback" not in out + err and "internal problem" not in err
    message = err.lower()
    assert message.startswith("scorecard could not finish:")
    for phrase in phrases:
        assert phrase in message, (phrase, err)
    assert filename.lower() in message or "sheet" in message or "column" in message, err


@pytest.mark.parametrize("command", ["validate", "score"])
@pytest.mark.parametrize(("filename", "build", "phrases"), CASES, ids=[c[0] for c in CASES])
def test_hostile_file_is_refused_with_a_clear_message(
    filename, build, phrases, command, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    path = tmp_path / filename
    path.write_bytes(build())
    output = tmp_path / "scored.xlsx"
    argv = [command, str(path)] + (["--output", str(output)] if command == "score" else [])
    assert_refused(*run_cli(argv, capsys), phrases, filename)
    assert not output.exists()


def test_upload_over_the_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.write(b"Supplier,Cost\n")
        handle.write(b"Acme,1\n" * (51 * MiB // 7))
    assert_refused(*run_cli(["validate", str(path)], capsys), ("the limit is 50 mb",), "huge.csv")


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert_refused(*run_cli(["validate", str(tmp_path / "nope.xlsx")], capsys), ("does not exist",), "nope")


# --------------------------------------------------------------------------- in a child process


@pytest.mark.slow  # a child process or a large file: the full suite runs it
@pytest.mark.parametrize(("filename", "build", "phrases"), ABORTING, ids=[c[0] for c in ABORTING])
def test_files_that_aborted_calamine_are_refused_by_the_real_command(
    filename, build, phrases, tmp_path: Path
):
    path = tmp_path / filename
    path.write_bytes(build())
    for command in ("validate", "score"):
        result = scorecard_command(command, str(path))
        assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
        assert_refused(result.returncode, result.stdout, result.stderr, phrases, filename)


@pytest.mark.slow  # a child process or a large file: the full suite runs it
@needs_soffice
def test_xls_with_a_cell_far_outside_the_sheet_is_refused_by_the_real_command(tmp_path: Path):
    path = tmp_path / "hostile.xls"
    path.write_bytes(hostile_xls())
    result = scorecard_command("validate", str(path))
    assert_refused(
        result.returncode, result.stdout, result.stderr, ("65,001 columns", "ctrl+end"), "hostile.xls"
    )


@pytest.mark.slow  # a child process or a large file: the full suite runs it
@pytest.mark.parametrize(("filename", "build", "phrases"), CASES[:6], ids=[c[0] for c in CASES[:6]])
def test_a_few_refusals_through_the_real_command(filename, build, phrases, tmp_path: Path):
    path = tmp_path / filename
    path.write_bytes(build())
    result = scorecard_command("score", str(path), "--output", str(tmp_path / "out.xlsx"))
    assert_refused(result.returncode, result.stdout, result.stderr, phrases, filename)
