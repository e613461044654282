"""The upload guard: a corpus of malformed and hostile files, all built here in code, and a fuzz test.

Each refusal asserts what kind of message the buyer gets (password, not a
spreadsheet, too large, damaged...), not merely that something was raised.
"""

from __future__ import annotations

import functools
import io
import os
import random
import struct
import zipfile
import zlib
from dataclasses import dataclass

import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecard import guard
from scorecard.errors import ScorecardError
from scorecard.guard import FileKind, FileLimits, check_file, xml_check, zip_check
from scorecard.read.sheet_measures import SheetMeasures

MiB = 1024 * 1024
SMALL = FileLimits(
    max_file_bytes=4 * MiB,
    max_uncompressed_bytes=16 * MiB,
    max_member_bytes=8 * MiB,
    max_compression_ratio=200.0,
    max_members=50,
)


# --- Builders ------------------------------------------------------------------------------------


@functools.cache
def xlsx_bytes() -> bytes:
    """A small, ordinary bid sheet as openpyxl writes it."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Bids"
    sheet.append(["Supplier", "Item", "Quantity", "Unit price", "Currency", "Lead time (days)"])
    for n in range(20):
        sheet.append([f"Supplier {n % 4}", f"ITEM-{n:05d}", 10 + n, 1.25 * n, "EUR", 14])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rewrite_zip(
    source: bytes, replace: dict[str, bytes | None] | None = None, add: dict[str, bytes] | None = None
) -> bytes:
    """Copy a package, replacing (or, with None, dropping) some parts and adding others."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            content = replace.get(info.filename, old.read(info.filename))
            if content is not None:
                new.writestr(info.filename, content)
        for part, content in (add or {}).items():
            new.writestr(part, content)
    return out.getvalue()


@functools.cache
def xlsxwriter_bytes() -> bytes:
    """The same kind of sheet as xlsxwriter writes it, with a shared-strings part."""
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = workbook.add_worksheet("Bids")
    sheet.write_row(0, 0, ["Supplier", "Item", "Unit price"])
    sheet.write_row(1, 0, ["Acme", "ITEM-00001", 12.5])
    workbook.close()
    return out.getvalue()


def xlsx_with(part: str, content: bytes, source: bytes | None = None) -> bytes:
    """A copy of a real workbook with one of its parts replaced."""
    source = source or xlsx_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as package:
        assert part in package.namelist()
    return rewrite_zip(source, replace={part: content})


@dataclass
class RawPart:
    """One part of a hand-built ZIP: every header field can be made to lie."""

    name: bytes
    payload: bytes  # the packed bytes exactly as stored
    crc: int
    size: int  # declared unpacked size
    method: int = zipfile.ZIP_DEFLATED
    flags: int = 0
    local_name: bytes | None = None  # what the local header says, if it differs


def raw_part(name: str, content: bytes, method: int = zipfile.ZIP_DEFLATED, **lies: object) -> RawPart:
    payload = deflate(content) if method == zipfile.ZIP_DEFLATED else content
    part = RawPart(name.encode(), payload, zlib.crc32(content), len(content), method)
    for field_name, value in lies.items():
        setattr(part, field_name, value)
    return part


def raw_zip(parts: list[RawPart]) -> bytes:
    """Write local headers, packed bytes, central directory and end record by hand."""
    body = bytearray()
    directory = bytearray()
    for part in parts:
        offset = len(body)
        local_name = part.name if part.local_name is None else part.local_name
        body += struct.pack(
            "<4sHHHHHIIIHH", b"PK\x03\x04", 20, part.flags, part.method, 0, 0x21,
            part.crc, len(part.payload), part.size, len(local_name), 0,
        )  # fmt: skip
        body += local_name + part.payload
        directory += struct.pack(
            "<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, part.flags, part.method, 0, 0x21,
            part.crc, len(part.payload), part.size, len(part.name), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        directory += part.name
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(directory), len(body), 0)
    return bytes(body + directory + end)


def deflate(content: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return packer.compress(content) + packer.flush()


@functools.cache
def deflated_zeros(mebibytes: int) -> tuple[bytes, int]:
    """A deflate stream of `mebibytes` MiB of zeros, built in milliseconds, and its CRC.

    After a full flush the packer forgets its history, so each MiB of zeros packs
    to the same ~1 KB; repeating that block is the stream a slow packer would write.
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = packer.compress(bytes(MiB)) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    zeros = bytes(MiB)
    for _ in range(mebibytes):
        crc = zlib.crc32(zeros, crc)
    return block * mebibytes + packer.flush(), crc


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ole_entry(name: str, kind: int, start: int = 0xFFFFFFFE, size: int = 0) -> bytes:
    """One 128-byte directory entry of a compound file."""
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB3I", len(encoded), kind, 1, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        + bytes(16 + 4 + 16)
        + struct.pack("<IQ", start, size)
    )


def ole_file(entries: list[bytes], stream: bytes = b"") -> bytes:
    """A version-3 compound file: header, one directory sector (sector 0), then `stream` from sector 1."""
    header = bytearray(512)
    header[:8] = OLE_MAGIC
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<III", header, 44, 1, 0, 0)  # one FAT sector, directory at sector 0
    struct.pack_into("<I", header, 56, 4096)
    directory = b"".join([ole_entry("Root Entry", 5), *entries]).ljust(512, b"\x00")
    return bytes(header) + directory + stream


def xls_bytes(*, password: bool = False) -> bytes:
    """An .xls: a Workbook stream that opens with a BIFF8 BOF record (and FILEPASS if encrypted)."""
    bof = struct.pack("<HH", 0x0809, 16) + bytes(16)
    following = (
        struct.pack("<HH", 0x002F, 6) + bytes(6) if password else struct.pack("<HH", 0x00E1, 2) + bytes(2)
    )
    stream = (bof + following).ljust(4096, b"\x00")
    return ole_file([ole_entry("Workbook", 2, start=1, size=4096)], stream)


def ods_bytes(*, content: bool = True, manifest_doctype: bool = False) -> bytes:
    out = io.BytesIO()
    doctype = b'<!DOCTYPE manifest:manifest PUBLIC "-//OpenOffice.org//DTD Manifest 1.0//EN" "Manifest.dtd">'
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        + (doctype if manifest_doctype else b"")
        + b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        b'<manifest:file-entry manifest:full-path="/" '
        b'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        package.writestr("META-INF/manifest.xml", manifest)
        if content:
            package.writestr(
                "content.xml",
                '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
                'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
            )
    return out.getvalue()


class Watching:
    """Watches every part as the read stage's extent scan does (`SheetMeasures`), and counts what it is fed."""

    def __init__(self) -> None:
        self.measures = SheetMeasures()
        self.fed: dict[str, int] = {}
        self.closed: set[str] = set()

    def watch(self, part_name: str) -> Watching.Reader:
        return Watching.Reader(self, part_name, self.measures.watch(part_name))

    @dataclass
    class Reader:
        owner: Watching
        name: str
        scan: object  # the extent scan's reader for a worksheet part, else None

        def feed(self, chunk: bytes | memoryview) -> None:
            self.owner.fed[self.name] = self.owner.fed.get(self.name, 0) + len(chunk)
            if self.scan is not None:
                self.scan.feed(chunk)

        def close(self) -> None:
            self.owner.closed.add(self.name)
            if self.scan is not None:
                self.scan.close()


def refusal(data: bytes, filename: str, limits: FileLimits = guard.DEFAULT_LIMITS) -> str:
    """The message for a refused file, lower-cased; it must name the file and say what to do.

    Also with the read stage watching the parts (one inflate for the guard and the extent scan): the
    same refusal, and the watcher was never fed more than the caps allow.
    """
    with pytest.raises(ScorecardError) as caught:
        check_file(data, filename, limits)
    message = str(caught.value)
    assert filename in message
    assert caught.value.hint, "every refusal says what to do next"
    watching = Watching()
    with pytest.raises(ScorecardError) as watched:
        check_file(data, filename, limits, watch=watching.watch)
    assert (str(watched.value), watched.value.hint) == (message, caught.value.hint)
    assert all(size <= limits.max_member_bytes for size in watching.fed.values())
    assert sum(watching.fed.values()) <= limits.max_uncompressed_bytes
    return message.lower()


# --- Not a spreadsheet at all --------------------------------------------------------------------


def test_empty_file() -> None:
    assert "is empty (0 bytes)" in refusal(b"", "bids.xlsx")


def test_whitespace_only_file() -> None:
    assert "only blank space" in refusal(b"\xef\xbb\xbf \r\n\t\r\n   ", "bids.csv")


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "a pdf document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40), "a png image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(40), "a jpeg image"),
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + bytes(20), "a gif image"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(100), "a windows program"),
        (b"\x7fELF\x02\x01\x01" + bytes(60), "a program"),
        (b"{\\rtf1\\ansi Supplier bids}", "a rich-text (rtf) document"),
        (b"\x1f\x8b\x08\x00" + bytes(20), "a compressed (gzip) archive"),
    ],
)
def test_foreign_file_renamed_xlsx(content: bytes, what: str) -> None:
    message = refusal(content, "supplier_bids.xlsx")
    assert f"is {what}" in message
    assert "not a spreadsheet" in message


def test_csv_that_merely_starts_like_a_program_or_a_tag_is_still_csv() -> None:
    assert check_file(b"MZ Logistics,12.50,EUR\nAcme,11.00,EUR\n", "bids.csv") is FileKind.CSV
    assert check_file(b"<500 units,Unit price\n10,12.50\n", "bids.csv") is FileKind.CSV


def test_random_bytes() -> None:
    noise = bytes((n * 7919 + 13) % 256 for n in range(4096))
    assert "not a spreadsheet" in refusal(noise, "bids.xlsx")


def test_html_table_saved_as_xls() -> None:
    page = b"<html><head><meta charset='utf-8'></head><body><table><tr><td>Supplier</td></tr></table></body></html>"
    message = refusal(page, "export.xls")
    assert "a web page (html)" in message
    assert "not a spreadsheet" in message
    assert "save it again as an excel workbook (.xlsx)" in message


def test_excel_2003_xml_saved_as_xls() -> None:
    sheet = (
        b'<?xml version="1.0"?>\r\n<?mso-application progid="Excel.Sheet"?>\r\n'
        b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>'
    )
    assert "excel 2003 xml spreadsheet" in refusal(sheet, "export.xls")


def test_word_docx_renamed_xlsx() -> None:
    content_types = (
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    docx = raw_zip(
        [raw_part("[Content_Types].xml", content_types), raw_part("word/document.xml", b"<w:document/>")]
    )
    assert "is a word document, not a spreadsheet" in refusal(docx, "bids.xlsx")


def test_xlsb_is_refused_with_a_save_as_hint() -> None:
    content_types = (
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Override PartName="/xl/workbook.bin" '
        b'ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/></Types>'
    )
    xlsb = raw_zip(
        [raw_part("[Content_Types].xml", content_types), raw_part("xl/workbook.bin", b"\x83\x01\x00")]
    )
    assert "excel binary workbook (.xlsb)" in refusal(xlsb, "bids.xlsx")


def test_plain_zip_archive() -> None:
    archive = raw_zip([raw_part("bids/readme.txt", b"the bids are in the other email")])
    assert "is a zip archive, not a spreadsheet" in refusal(archive, "bids.xlsx")


def test_ole_word_document_and_outlook_email() -> None:
    assert "a word document" in refusal(ole_file([ole_entry("WordDocument", 2, 1, 4096)]), "bids.xls")
    email = ole_file([ole_entry("__properties_version1.0", 2, 1, 64)])
    assert "an outlook email" in refusal(email, "bids.xls")


# --- Damaged packages ----------------------------------------------------------------------------


def test_truncated_xlsx() -> None:
    data = xlsx_bytes()
    assert "is damaged" in refusal(data[: len(data) // 2], "bids.xlsx")


def test_corrupt_central_directory() -> None:
    data = bytearray(xlsx_bytes())
    directory = data.find(b"PK\x01\x02")
    data[directory : directory + 60] = b"\xa5" * 60
    assert "is damaged" in refusal(bytes(data), "bids.xlsx")


def test_bad_crc() -> None:
    part = raw_part("[Content_Types].xml", b"<Types/>")
    part.crc ^= 0xFFFF
    message = refusal(raw_zip([part]), "bids.xlsx")
    assert "is damaged" in message
    assert "checksum" in message


def test_a_sheet_that_fails_its_checksum_is_never_handed_over_as_whole() -> None:
    """The read stage's scan sees the chunks, but is never told the part was whole, and check_file raises."""
    sheet = raw_part(
        "xl/worksheets/sheet1.xml", b'<worksheet><sheetData><row r="1"/></sheetData></worksheet>'
    )
    sheet.crc ^= 0xFFFF
    watching = Watching()
    with pytest.raises(ScorecardError, match="checksum"):
        check_file(
            raw_zip([raw_part("[Content_Types].xml", b"<Types/>"), sheet]), "bids.xlsx", watch=watching.watch
        )
    assert watching.fed["xl/worksheets/sheet1.xml"] > 0
    assert watching.closed == {"[Content_Types].xml"}
    assert watching.measures.scan("xl/worksheets/sheet1.xml") is None


def test_header_that_understates_size_within_caps_is_damaged() -> None:
    part = raw_part("[Content_Types].xml", b"<Types>" + b" " * 5000 + b"</Types>", size=100)
    assert "is damaged" in refusal(raw_zip([part]), "bids.xlsx")


def test_local_and_central_names_disagree() -> None:
    part = raw_part("xl/workbook.xml", b"<workbook/>", local_name=b"xl/evil.xml")
    assert "headers contradict" in refusal(
        raw_zip([raw_part("[Content_Types].xml", b"<Types/>"), part]), "b.xlsx"
    )


def test_duplicate_part_names() -> None:
    parts = [
        raw_part("[Content_Types].xml", b"<Types/>"),
        raw_part("xl/a.xml", b"<a/>"),
        raw_part("xl/a.xml", b"<b/>"),
    ]
    assert "two parts named" in refusal(raw_zip(parts), "bids.xlsx")


def test_overlapping_parts() -> None:
    data = bytearray(
        raw_zip([raw_part("[Content_Types].xml", b"<Types/>"), raw_part("xl/a.xml", b"<a/>" * 50)])
    )
    # Point the second directory entry at the first part's local header.
    second = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02") + 4)
    struct.pack_into("<I", data, second + 42, 0)
    assert "is damaged" in refusal(bytes(data), "bids.xlsx")


def test_unusual_compression_method() -> None:
    part = RawPart(b"[Content_Types].xml", b"BZh91AY&SY", 0, 10, method=zipfile.ZIP_BZIP2)
    assert "method spreadsheets do not use" in refusal(raw_zip([part]), "bids.xlsx")


def test_xlsx_without_workbook_part() -> None:
    data = rewrite_zip(xlsx_bytes(), replace={"xl/workbook.xml": None})
    message = refusal(data, "bids.xlsx")
    assert "is damaged" in message
    assert "workbook" in message


def test_ods_without_content_xml() -> None:
    message = refusal(ods_bytes(content=False), "bids.ods")
    assert "is damaged" in message
    assert "content.xml" in message


def test_ole_header_claiming_more_sectors_than_the_file_holds() -> None:
    data = bytearray(xls_bytes())
    struct.pack_into("<I", data, 44, 0x7FFFFFFF)
    assert "is damaged" in refusal(bytes(data), "bids.xls")


# --- Encrypted ------------------------------------------------------------------------------------


def test_password_protected_xlsx_is_an_ole_encrypted_package() -> None:
    encrypted = ole_file(
        [
            ole_entry("\x06DataSpaces", 1),
            ole_entry("EncryptionInfo", 2, 1, 248),
            ole_entry("EncryptedPackage", 2, 2, 9000),
        ]
    )
    message = refusal(encrypted, "bids.xlsx")
    assert "password-protected" in message
    assert "file > info > protect workbook" in message


def test_password_protected_xls_has_filepass() -> None:
    assert "password-protected" in refusal(xls_bytes(password=True), "bids.xls")


def test_encrypted_zip_part() -> None:
    part = raw_part("xl/worksheets/sheet1.xml", b"\x00" * 40, method=zipfile.ZIP_STORED, flags=0x1)
    message = refusal(raw_zip([raw_part("[Content_Types].xml", b"<Types/>"), part]), "bids.xlsx")
    assert "encrypted (password-protected)" in message


# --- Too large, too many, too clever ---------------------------------------------------------------


def test_upload_over_the_size_limit() -> None:
    message = refusal(b"a,b\n" * (50 * MiB // 4 + 1), "supplier_bids.csv")
    assert "is 50.1 mb; the limit is 50 mb" in message
    assert "split the file" in message


def test_upload_over_a_smaller_size_limit() -> None:
    assert "the limit is 1 kb" in refusal(xlsx_bytes(), "bids.xlsx", FileLimits(max_file_bytes=1024))


def test_zip_bomb_streamed_into_zipfile_with_small_limits() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for _ in range(64):
                sheet.write(bytes(MiB))
    message = refusal(out.getvalue(), "bids.xlsx", SMALL)
    assert "too large when unpacked" in message
    assert "the limit is 8 mb" in message


def test_zip_bomb_of_one_gibibyte_with_default_limits() -> None:
    payload, crc = deflated_zeros(1024)
    bomb = raw_zip(
        [
            raw_part("[Content_Types].xml", b"<Types/>"),
            RawPart(b"xl/worksheets/sheet1.xml", payload, crc, 1024 * MiB),
        ]
    )
    assert len(bomb) < 2 * MiB
    assert "too large when unpacked" in refusal(bomb, "bids.xlsx")


def test_tightly_packed_part_under_the_size_caps() -> None:
    payload, crc = deflated_zeros(4)
    bomb = raw_zip(
        [
            raw_part("[Content_Types].xml", b"<Types/>"),
            RawPart(b"xl/sharedStrings.xml", payload, crc, 4 * MiB),
        ]
    )
    assert "more than 200 times its packed size" in refusal(bomb, "bids.xlsx", SMALL)


@pytest.mark.parametrize("limits", [SMALL, guard.DEFAULT_LIMITS], ids=["small", "default"])
def test_zip_bomb_whose_header_lies_about_its_size(limits: FileLimits) -> None:
    payload, crc = deflated_zeros(600)
    liar = RawPart(b"xl/worksheets/sheet1.xml", payload, crc, size=1000)
    bomb = raw_zip([raw_part("[Content_Types].xml", b"<Types/>"), liar])
    assert "too large when unpacked" in refusal(bomb, "bids.xlsx", limits)


def test_lying_header_under_the_caps_is_stopped_by_the_real_ratio() -> None:
    payload, crc = deflated_zeros(6)
    bomb = raw_zip(
        [raw_part("[Content_Types].xml", b"<Types/>"), RawPart(b"xl/styles.xml", payload, crc, size=1000)]
    )
    assert "more than 200 times its packed size" in refusal(bomb, "bids.xlsx", SMALL)


def test_many_honest_parts_over_the_total_cap() -> None:
    parts = [raw_part("[Content_Types].xml", b"<Types/>")]
    parts += [
        raw_part(f"xl/media/image{n}.png", os.urandom(MiB), method=zipfile.ZIP_STORED) for n in range(5)
    ]
    limits = FileLimits(max_file_bytes=8 * MiB, max_uncompressed_bytes=4 * MiB)
    assert "more than 4 mb together" in refusal(raw_zip(parts), "bids.xlsx", limits)


def test_too_many_parts() -> None:
    parts = [raw_part(f"xl/part{n}.xml", b"", method=zipfile.ZIP_STORED) for n in range(2001)]
    assert "more than 2000 parts" in refusal(raw_zip(parts), "bids.xlsx")


@pytest.mark.parametrize(
    "part_name",
    ["../../etc/cron.d/evil", "/etc/passwd", "C:/Windows/evil.xml", "xl\\..\\..\\evil.xml", "xl/a\x00.xml"],
)
def test_unsafe_part_names(part_name: str) -> None:
    data = raw_zip([raw_part("[Content_Types].xml", b"<Types/>"), raw_part(part_name, b"<x/>")])
    assert "unsafe name" in refusal(data, "bids.xlsx")


def test_nested_zip() -> None:
    data = rewrite_zip(xlsx_bytes(), add={"xl/embeddings/inner.bin": xlsx_bytes()})
    assert "files within files" in refusal(data, "bids.xlsx")


# --- XML a parser must never be shown --------------------------------------------------------------

BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (n, b"&lol%d;" % (n - 1) * 10) for n in range(1, 10)).replace(
        b"&lol0;", b"&lol;"
    )
    + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    b'<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)


def test_billion_laughs_in_a_sheet() -> None:
    message = refusal(xlsx_with("xl/worksheets/sheet1.xml", BILLION_LAUGHS), "bids.xlsx")
    assert "xml features" in message
    assert "attack a server" in message


def test_external_entity_in_shared_strings() -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&xxe;</t></si></sst>'
    )
    assert "xml features" in refusal(xlsx_with("xl/sharedStrings.xml", xxe, xlsxwriter_bytes()), "bids.xlsx")


def test_entity_in_utf16_sheet() -> None:
    sheet = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><worksheet/>'.encode(
        "utf-16"
    )
    assert "xml features" in refusal(xlsx_with("xl/worksheets/sheet1.xml", sheet), "bids.xlsx")


def test_utf7_sheet_that_could_hide_a_doctype() -> None:
    sheet = b'<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE x+AD4-<worksheet/>'
    assert "unusual text encoding (utf-7" in refusal(
        xlsx_with("xl/worksheets/sheet1.xml", sheet), "bids.xlsx"
    )


def _doctype_straddling(boundary: int) -> bytes:
    """Valid XML: a comment pads the prolog so the DOCTYPE starts 4 bytes before `boundary`.

    The padding is hex noise, so that the part packs like real XML and not like a bomb.
    """
    prolog = b'<?xml version="1.0"?><!--'
    padding = boundary - 4 - len(prolog) - len(b"-->")
    noise = random.Random(0).randbytes(padding // 2 + 1).hex().encode()[:padding]
    return prolog + noise + b'--><!DOCTYPE x SYSTEM "http://attacker.example/x.dtd"><worksheet/>'


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED], ids=["stored", "deflated"])
def test_doctype_split_across_a_one_mebibyte_chunk_boundary(method: int) -> None:
    boundary = zip_check.CHUNK  # 1 MiB: stored parts reach the scanner in exactly these chunks
    sheet = _doctype_straddling(boundary)
    assert sheet[boundary - 4 : boundary + 5] == b"<!DOCTYPE"
    data = raw_zip(
        [raw_part("[Content_Types].xml", b"<Types/>"), raw_part("xl/worksheets/sheet1.xml", sheet, method)]
    )
    assert "xml features" in refusal(data, "bids.xlsx")


@pytest.mark.parametrize("declaration", ["<!DOCTYPE", "<!ENTITY"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le"])
def test_scanner_finds_a_declaration_split_at_any_byte(declaration: str, encoding: str) -> None:
    prefix = ('<?xml version="1.0"?>' + " " * 2048).encode(encoding)  # past the part's 1 KB head
    needle = declaration.encode(encoding)
    for split in range(1, len(needle)):
        scanner = xml_check.PartScanner("bids.xlsx", "xl/worksheets/sheet1.xml")
        scanner.feed(prefix + needle[:split])  # half a declaration is not yet one
        with pytest.raises(ScorecardError, match="XML features"):
            scanner.feed(needle[split:] + b" x>")


# --- Extension does not match content -------------------------------------------------------------


def test_csv_renamed_xlsx() -> None:
    message = refusal(b"Supplier,Unit price\nAcme,12.50\n", "supplier_bids.xlsx")
    assert "is really a text (csv) file" in message
    assert "rename it to supplier_bids.csv" in message
    assert "save it as an excel workbook (.xlsx)" in message


def test_xlsx_renamed_xls() -> None:
    message = refusal(xlsx_bytes(), "bids.xls")
    assert "is really an excel workbook (.xlsx), but its name ends in .xls" in message
    assert "rename it to bids.xlsx" in message


def test_xls_renamed_xlsx() -> None:
    assert "rename it to bids.xls" in refusal(xls_bytes(), "bids.xlsx")


# --- Legitimate files ---------------------------------------------------------------------------------


def test_openpyxl_xlsx() -> None:
    assert check_file(xlsx_bytes(), "supplier_bids.xlsx") is FileKind.XLSX


def test_xlsxwriter_xlsx_with_upper_case_extension_and_a_folder() -> None:
    assert check_file(xlsxwriter_bytes(), "C:\\fakepath\\Supplier Bids.XLSX") is FileKind.XLSX


def test_xlsm_with_a_vba_project() -> None:
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes())) as package:
        content_types = package.read("[Content_Types].xml")
    content_types = content_types.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    ).replace(
        b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'
    )
    vba_project = ole_file([ole_entry("VBA", 1), ole_entry("PROJECT", 2, 1, 300)])
    data = rewrite_zip(
        xlsx_bytes(), replace={"[Content_Types].xml": content_types}, add={"xl/vbaProject.bin": vba_project}
    )
    assert check_file(data, "bids.xlsm") is FileKind.XLSM


def test_ods_even_with_openoffice_manifest_doctype() -> None:
    assert check_file(ods_bytes(), "bids.ods") is FileKind.ODS
    assert check_file(ods_bytes(manifest_doctype=True), "bids.ods") is FileKind.ODS


def test_xls() -> None:
    assert check_file(xls_bytes(), "bids.xls") is FileKind.XLS


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        ("Supplier;Unit price\nMüller GmbH;12,50 €\n".encode(), "bids.csv"),
        ("\ufeffSupplier,Unit price\nMüller GmbH,12.50\n".encode(), "bids.csv"),
        ("Supplier;Unit price\nMüller GmbH;12,50 €\n".encode("cp1252"), "bids.csv"),
        ("Supplier\tUnit price\nMüller GmbH\t12,50\n".encode("utf-16"), "bids.txt"),
    ],
    ids=["utf-8", "utf-8-bom", "cp1252", "utf-16"],
)
def test_csv(content: bytes, filename: str) -> None:
    assert check_file(content, filename) is FileKind.CSV


def test_svg_logo_with_a_doctype_is_not_refused() -> None:
    logo = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "svg11.dtd"><svg/>'
    assert (
        check_file(rewrite_zip(xlsx_bytes(), add={"xl/media/image1.svg": logo}), "bids.xlsx") is FileKind.XLSX
    )


def test_large_ordinary_sheet_passes_the_ratio_rule() -> None:
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="s"><v>{r % 500}</v></c><c r="B{r}"><v>{r * 7 % 5000}</v></c>'
        f'<c r="C{r}"><v>{r * 0.37:.2f}</v></c></row>'
        for r in range(1, 60_001)
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet '
        f'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>'
    ).encode()
    assert len(sheet) > 5 * MiB
    assert check_file(xlsx_with("xl/worksheets/sheet1.xml", sheet), "bids.xlsx") is FileKind.XLSX


# --- Fuzz: any bytes give a FileKind or a ScorecardError, never another exception ----------------


def _kind_or_refusal(data: bytes, filename: str) -> None:
    try:
        result = check_file(data, filename, SMALL)
    except ScorecardError:
        return
    assert isinstance(result, FileKind)


FILENAMES = st.sampled_from(
    ["bids.xlsx", "bids.xlsm", "bids.xls", "bids.ods", "bids.csv", "bids", "../x.xlsx"]
)


@settings(max_examples=200, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=2048),
        st.binary(min_size=1, max_size=2048).map(lambda tail: b"PK\x03\x04" + tail),
        st.binary(min_size=520, max_size=4096).map(lambda tail: OLE_MAGIC + tail),
    ),
    filename=FILENAMES,
)
def test_fuzz_random_bytes(data: bytes, filename: str) -> None:
    _kind_or_refusal(data, filename)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from(["xlsx", "ods", "xls"]),
    edits=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=8),
    cut=st.one_of(st.none(), st.floats(0, 1)),
    filename=FILENAMES,
)
def test_fuzz_mutated_files(
    base: str, edits: list[tuple[float, int]], cut: float | None, filename: str
) -> None:
    data = bytearray({"xlsx": xlsx_bytes, "ods": ods_bytes, "xls": xls_bytes}[base]())
    for where, value in edits:
        data[int(where * len(data))] = value
    if cut is not None:
        data = data[: int(cut * len(data))]
    _kind_or_refusal(bytes(data), filename)
