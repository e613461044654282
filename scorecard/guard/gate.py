"""The gate every uploaded file passes before any parser sees it.

A spreadsheet upload is untrusted input, and parsers are not built to survive
hostile bytes: python-calamine aborts the whole process when an allocation
fails, and openpyxl spent minutes and gigabytes on a 5.8 MB zip bomb. In the
Streamlit app that takes the server down for every user. So `check_file`
decides what a file really is from cheap, bounded inspection (magic bytes, the
ZIP directory, a capped streaming inflate of every part) and refuses, in the
buyer's words, anything a parser should not be shown.
"""

from __future__ import annotations

import codecs
import re
import struct
from dataclasses import dataclass

from scorecard.errors import ScorecardError
from scorecard.guard.limits import DEFAULT_LIMITS, MB, FileKind, FileLimits
from scorecard.guard.messages import (
    HINT_EMPTY,
    HINT_NOT_SPREADSHEET,
    HINT_RESAVE,
    HINT_TOO_LARGE,
    damaged,
    display_name,
    not_spreadsheet,
    password_protected,
    size_text,
)
from scorecard.guard.ole import BIFF_BOF, BIFF_FILEPASS, OLE_MAGIC, Entry, Header, biff_records, find_entries
from scorecard.guard.zip_check import ZIP_MAGIC, PartWatch, ZipInspection


def check_file(
    data: bytes, filename: str, limits: FileLimits = DEFAULT_LIMITS, watch: PartWatch | None = None
) -> FileKind:
    """Raise ScorecardError (buyer-readable, says what to do next) or return the kind of file it really is.

    Never lets another exception type escape for any bytes: a crash here is a
    crash of the server this function exists to protect. `watch` hands a ZIP
    package's parts, as they are inflated and checked, to a scan that would
    otherwise inflate them again (see `zip_check.PartReader`).
    """
    name = display_name(filename)
    if not isinstance(data, bytes):
        data = bytes(data)
    if not data:
        raise ScorecardError(f"{name} is empty (0 bytes).", hint=HINT_EMPTY)
    if len(data) > limits.max_file_bytes:
        raise ScorecardError(
            f"{name} is {size_text(len(data), round_up=True)}; the limit is {size_text(limits.max_file_bytes)}.",
            hint=HINT_TOO_LARGE,
        )
    if data.startswith(ZIP_MAGIC):
        kind = ZipInspection(data, name, limits, watch).kind()
    elif data.startswith(OLE_MAGIC):
        kind = _check_ole(data, name)
    else:
        _refuse_foreign_magic(data, name)
        kind = _check_text(data, name)
    _check_extension(kind, name)
    return kind


# --- Not spreadsheets, recognised by their first bytes ------------------------------------------

_HINT_PDF = "Ask the supplier for the Excel or CSV file the PDF was made from, and upload that."
_FOREIGN_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF document", _HINT_PDF),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", HINT_NOT_SPREADSHEET),
    (b"\xff\xd8\xff", "a JPEG image", HINT_NOT_SPREADSHEET),
    (b"GIF87a", "a GIF image", HINT_NOT_SPREADSHEET),
    (b"GIF89a", "a GIF image", HINT_NOT_SPREADSHEET),
    (b"II*\x00", "a TIFF image", HINT_NOT_SPREADSHEET),
    (b"MM\x00*", "a TIFF image", HINT_NOT_SPREADSHEET),
    (b"\x7fELF", "a program", HINT_NOT_SPREADSHEET),
    (b"\xca\xfe\xba\xbe", "a program", HINT_NOT_SPREADSHEET),
    (b"\xcf\xfa\xed\xfe", "a program", HINT_NOT_SPREADSHEET),
    (b"\x1f\x8b", "a compressed (gzip) archive", HINT_NOT_SPREADSHEET),
    (b"Rar!\x1a\x07", "a RAR archive", HINT_NOT_SPREADSHEET),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", HINT_NOT_SPREADSHEET),
    (b"{\\rtf", "a rich-text (RTF) document", HINT_NOT_SPREADSHEET),
    (b"PK\x05\x06", "an empty ZIP archive", HINT_NOT_SPREADSHEET),
    (b"PK\x07\x08", "one piece of a split ZIP archive", HINT_NOT_SPREADSHEET),
)


def _refuse_foreign_magic(data: bytes, name: str) -> None:
    for magic, what, hint in _FOREIGN_MAGIC:
        if data.startswith(magic):
            raise not_spreadsheet(name, what, hint)
    # "MZ" alone could start a CSV ("MZ Logistics,..."); a Windows program also has NUL bytes.
    if data.startswith(b"MZ") and b"\x00" in data[:1024]:
        raise not_spreadsheet(name, "a Windows program")


# --- Text: CSV, or markup pretending to be a workbook -------------------------------------------

_TEXT_CHUNK = MB
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class _TextSummary:
    head: str  # the first few KB, enough to recognise markup
    blank: bool  # nothing but whitespace (and BOMs)


def _decode_text(data: bytes, encoding: str) -> _TextSummary | None:
    """Decode in 1 MB chunks (bounded memory); None if these bytes are not text in `encoding`."""
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    head = ""
    blank = True
    try:
        for pos in range(0, len(data), _TEXT_CHUNK):
            text = decoder.decode(view[pos : pos + _TEXT_CHUNK], final=pos + _TEXT_CHUNK >= len(data))
            if "\x00" in text:
                return None
            if len(head) < 4096:
                head += text[: 4096 - len(head)]
            if blank and text.strip(" \t\r\n\f\v\ufeff"):
                blank = False
    except UnicodeDecodeError:
        return None
    return _TextSummary(head=head, blank=blank)


def _check_text(data: bytes, name: str) -> FileKind:
    """CSV if the bytes are text (UTF-8, UTF-8 with BOM, cp1252, or UTF-16 with BOM) and not markup."""
    if data.startswith(_UTF16_BOMS):
        summary = _decode_text(data, "utf-16")
    elif b"\x00" in data:
        summary = None
    else:
        summary = _decode_text(data, "utf-8-sig") or _decode_text(data, "cp1252")
    if summary is None:
        raise not_spreadsheet(
            name,
            "a file of an unknown type (not text and not a workbook)",
            hint=(
                "If it is a spreadsheet, open it in Excel and save it as an Excel workbook (.xlsx) or "
                "as CSV UTF-8, then upload the new file."
            ),
        )
    if summary.blank:
        raise ScorecardError(f"{name} is empty: it contains only blank space.", hint=HINT_EMPTY)
    head = summary.head.lstrip(" \t\r\n\ufeff").lower()
    if re.match(r"<[a-z?!]", head):  # a tag, not a first cell like "<500 units"
        if "urn:schemas-microsoft-com:office:spreadsheet" in head or 'progid="excel.sheet"' in head:
            raise ScorecardError(
                f"{name} is an Excel 2003 XML spreadsheet, not a real Excel workbook, so it cannot be read.",
                hint=HINT_RESAVE,
            )
        if any(tag in head for tag in ("<html", "<table", "<!doctype html", "<body", "<head", "<meta")):
            raise not_spreadsheet(name, "a web page (HTML)", HINT_RESAVE)
        raise not_spreadsheet(name, "an XML or web document", HINT_RESAVE)
    return FileKind.CSV


# --- Extension -----------------------------------------------------------------------------------

_KIND_WORDS: dict[FileKind, str] = {
    FileKind.XLSX: "an Excel workbook (.xlsx)",
    FileKind.XLSM: "a macro-enabled Excel workbook (.xlsm)",
    FileKind.XLS: "an Excel 97-2003 workbook (.xls)",
    FileKind.ODS: "an OpenDocument spreadsheet (.ods)",
    FileKind.CSV: "a text (CSV) file",
}
_OOXML_EXTENSIONS = (".xlsx", ".xlsm", ".xltx", ".xltm")
_KIND_EXTENSIONS: dict[FileKind, tuple[str, ...]] = {
    FileKind.XLSX: _OOXML_EXTENSIONS,  # xlsx/xlsm mix-ups are harmless: both parsers read both
    FileKind.XLSM: _OOXML_EXTENSIONS,
    FileKind.XLS: (".xls", ".xlt"),
    FileKind.ODS: (".ods", ".ots"),
    FileKind.CSV: (".csv", ".txt", ".tsv"),
}


def _check_extension(kind: FileKind, name: str) -> None:
    """Refuse a file whose name promises another format: simple and explicit beats guessing for the buyer."""
    stem, dot, ext = name.rpartition(".")
    extension = f".{ext.lower()}" if dot and stem else ""
    if extension in _KIND_EXTENSIONS[kind]:
        return
    stem = stem if extension else name
    ends = f"its name ends in {extension}" if extension else "its name has no extension"
    if kind is FileKind.CSV:
        hint = (
            f"Rename it to {stem}.csv, or open it in Excel and save it as an Excel workbook (.xlsx), "
            "then upload again."
        )
    else:
        hint = f"Rename it to {stem}.{kind.value} and upload again."
    raise ScorecardError(f"{name} is really {_KIND_WORDS[kind]}, but {ends}.", hint=hint)


# --- OLE compound files: .xls, or an encrypted workbook, or another Office file -----------------

_OLE_NAMES = (
    "EncryptionInfo",
    "EncryptedPackage",
    "Workbook",
    "Book",
    "WordDocument",
    "PowerPoint Document",
    "__properties_version1.0",
)


def _check_ole(data: bytes, name: str) -> FileKind:
    """An OLE compound file is an .xls, a password-protected .xlsx, or another Office document."""
    if len(data) < 512:
        raise damaged(name, "it ends too early")
    header = Header.parse(data)
    if not header.valid:
        raise damaged(name, "its header is not valid")
    # Counts larger than the file make some readers allocate for them and die.
    if max(header.fat_count, header.mini_fat_count, header.difat_count) > len(data) // header.sector_size:
        raise damaged(name, "its header describes more data than the file holds")
    entries = find_entries(data, header, _OLE_NAMES)
    if "encryptioninfo" in entries or "encryptedpackage" in entries:
        raise password_protected(name)
    workbook = entries.get("workbook") or entries.get("book")
    if workbook is not None:
        if workbook.size > len(data):
            raise damaged(name, "its workbook claims to be larger than the file")
        if _xls_has_filepass(data, workbook, header.sector_size):
            raise password_protected(name)
        return FileKind.XLS
    if "worddocument" in entries:
        raise not_spreadsheet(name, "a Word document")
    if "powerpoint document" in entries:
        raise not_spreadsheet(name, "a PowerPoint presentation")
    if "__properties_version1.0" in entries:
        raise not_spreadsheet(
            name,
            "an Outlook email",
            hint="Save the spreadsheet attached to the email to your computer and upload that file.",
        )
    raise not_spreadsheet(name, "an older Microsoft Office file with no workbook inside")


def _xls_has_filepass(data: bytes, workbook: Entry, sector_size: int) -> bool:
    """An .xls opened with a password has a FILEPASS record right after its first BOF record."""
    if workbook.size < 4096 or workbook.start_sector >= 0xFFFFFFFA:
        return False  # small streams live in the mini stream; the parser reports those itself
    offset = (workbook.start_sector + 1) * sector_size
    if offset + 4 > len(data):
        return False
    record, _, length = next(biff_records(data, offset))
    following = offset + 4 + length
    if record != BIFF_BOF or following + 2 > len(data):
        return False
    return struct.unpack_from("<H", data, following)[0] == BIFF_FILEPASS  # the next record's type
