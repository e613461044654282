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
import io
import itertools
import math
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from scorecard.errors import ScorecardError

_MB = 1024 * 1024


@dataclass(frozen=True)
class FileLimits:
    """How much a file may hold before the guard refuses it.

    Tuned on our largest legitimate workbook: 1,000,000 bid rows in long form
    (500 suppliers x 2,000 items; supplier, item, quantity, unit price, currency,
    lead time), measured with openpyxl 3.1.5 and xlsxwriter 3.3.1 (MB = MiB,
    as in the buyer's messages):

      openpyxl write-only          32.0 MB file, 9 parts, sheet1.xml 292.7 MB (9.2x)
      xlsxwriter constant_memory   31.8 MB file, 9 parts, sheet1.xml 275.6 MB (8.7x)
      xlsxwriter shared strings    31.1 MB file, 10 parts, sheet1.xml 218.5 MB (7.0x)
      1M formatted blank rows x 6  12.4 MB file, sheet2.xml 146.1 MB (11.8x)

    A sheet part is XML whose row numbers keep changing, so real sheets pack no
    tighter than about 12x. A 50 MB upload at the measured ~9x holds ~460 MB of
    sheet XML, hence 512 MB per part (1.75x our largest) and 768 MB in total
    (room for shared strings and styles beside it). A deflate bomb (up to
    1,000x) trips the 200x ratio, checked as each part unpacks, within its first
    megabyte, long before either cap. On an idle machine the guard checks the
    32 MB workbook in about 0.5 s and a 47.3 MB one (1.48M rows, 436.8 MB sheet)
    in about 0.8 s.
    """

    max_file_bytes: int = 50 * _MB  # upload size
    max_uncompressed_bytes: int = 768 * _MB  # sum of parts' declared AND actual sizes
    max_member_bytes: int = 512 * _MB  # one part, declared and actual
    max_compression_ratio: float = 200.0  # per part, unpacked/packed, for parts over 1 MB unpacked
    max_members: int = 2000


DEFAULT_LIMITS = FileLimits()


class FileKind(StrEnum):
    """What a file really is, judged by its content; the reader picks its parser by this."""

    XLSX = "xlsx"
    XLSM = "xlsm"
    CSV = "csv"
    XLS = "xls"
    ODS = "ods"


def check_file(data: bytes, filename: str, limits: FileLimits = DEFAULT_LIMITS) -> FileKind:
    """Raise ScorecardError (buyer-readable, says what to do next) or return the kind of file it really is.

    Never lets another exception type escape for any bytes: a crash here is a
    crash of the server this function exists to protect.
    """
    name = _display_name(filename)
    if not isinstance(data, bytes):
        data = bytes(data)
    if not data:
        raise ScorecardError(f"{name} is empty (0 bytes).", hint=_HINT_EMPTY)
    if len(data) > limits.max_file_bytes:
        raise ScorecardError(
            f"{name} is {_size(len(data), round_up=True)}; the limit is {_size(limits.max_file_bytes)}.",
            hint=_HINT_TOO_LARGE,
        )
    if data.startswith(_ZIP_MAGIC):
        kind = _ZipInspection(data, name, limits).kind()
    elif data.startswith(_OLE_MAGIC):
        kind = _check_ole(data, name)
    else:
        _refuse_foreign_magic(data, name)
        kind = _check_text(data, name)
    _check_extension(kind, name)
    return kind


# --- Messages -----------------------------------------------------------------------------------

_HINT_EMPTY = "Check that you picked the right file, or export it again, then upload."
_HINT_TOO_LARGE = "Remove unused sheets or split the file, then upload again."
_HINT_RESAVE = "Open it in Excel, save it again as an Excel workbook (.xlsx) and upload the new file."
_HINT_DAMAGED = (
    "Try opening it in Excel: if it opens, save it again as an Excel workbook (.xlsx) and upload "
    "the new file; if not, ask the supplier to send it again."
)
_HINT_PASSWORD = (
    "Remove the password in Excel (File > Info > Protect Workbook > Encrypt with Password, "
    "clear the password), save, and upload again."
)
_HINT_NOT_SPREADSHEET = (
    "Upload the spreadsheet itself (.xlsx, .xlsm, .xls, .ods or .csv); if you only have this file, "
    "ask the supplier for the Excel or CSV version."
)


def _damaged(name: str, why: str) -> ScorecardError:
    return ScorecardError(f"{name} is damaged ({why}) and cannot be read safely.", hint=_HINT_DAMAGED)


def _not_spreadsheet(name: str, what: str, hint: str = _HINT_NOT_SPREADSHEET) -> ScorecardError:
    return ScorecardError(f"{name} is {what}, not a spreadsheet.", hint=hint)


def _password_protected(name: str) -> ScorecardError:
    return ScorecardError(f"{name} is password-protected, so it cannot be read.", hint=_HINT_PASSWORD)


def _hostile_xml(name: str, part: str) -> ScorecardError:
    return ScorecardError(
        f"{name} contains XML features ({part}) that spreadsheets never need and that can be used "
        "to attack a server, so it was not opened.",
        hint=(
            "If it should be an ordinary spreadsheet, open it in Excel, save it again as .xlsx and "
            "upload the new file; otherwise ask the sender where it came from."
        ),
    )


def _display_name(filename: str) -> str:
    """The file's own name as the buyer knows it: no folders, no control characters, not endless."""
    base = re.split(r"[\\/]", str(filename))[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    if len(base) > 100:
        stem, dot, ext = base.rpartition(".")
        base = f"{stem[:80]}…{dot}{ext[:15]}" if dot else base[:100] + "…"
    return base or "The uploaded file"


def _size(n: int, *, round_up: bool = False) -> str:
    """'87 MB', '3.5 KB': rounded up for a file's size, so it never reads as equal to the limit."""
    if n < 1024:
        return f"{n} bytes"
    value, unit = (n / _MB, "MB") if n >= _MB else (n / 1024, "KB")
    value = math.ceil(value * 10) / 10 if round_up else round(value, 1)
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


# --- Not spreadsheets, recognised by their first bytes ------------------------------------------

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HINT_PDF = "Ask the supplier for the Excel or CSV file the PDF was made from, and upload that."
_FOREIGN_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF document", _HINT_PDF),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", _HINT_NOT_SPREADSHEET),
    (b"\xff\xd8\xff", "a JPEG image", _HINT_NOT_SPREADSHEET),
    (b"GIF87a", "a GIF image", _HINT_NOT_SPREADSHEET),
    (b"GIF89a", "a GIF image", _HINT_NOT_SPREADSHEET),
    (b"II*\x00", "a TIFF image", _HINT_NOT_SPREADSHEET),
    (b"MM\x00*", "a TIFF image", _HINT_NOT_SPREADSHEET),
    (b"\x7fELF", "a program", _HINT_NOT_SPREADSHEET),
    (b"\xca\xfe\xba\xbe", "a program", _HINT_NOT_SPREADSHEET),
    (b"\xcf\xfa\xed\xfe", "a program", _HINT_NOT_SPREADSHEET),
    (b"\x1f\x8b", "a compressed (gzip) archive", _HINT_NOT_SPREADSHEET),
    (b"Rar!\x1a\x07", "a RAR archive", _HINT_NOT_SPREADSHEET),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", _HINT_NOT_SPREADSHEET),
    (b"{\\rtf", "a rich-text (RTF) document", _HINT_NOT_SPREADSHEET),
    (b"PK\x05\x06", "an empty ZIP archive", _HINT_NOT_SPREADSHEET),
    (b"PK\x07\x08", "one piece of a split ZIP archive", _HINT_NOT_SPREADSHEET),
)


def _refuse_foreign_magic(data: bytes, name: str) -> None:
    for magic, what, hint in _FOREIGN_MAGIC:
        if data.startswith(magic):
            raise _not_spreadsheet(name, what, hint)
    # "MZ" alone could start a CSV ("MZ Logistics,..."); a Windows program also has NUL bytes.
    if data.startswith(b"MZ") and b"\x00" in data[:1024]:
        raise _not_spreadsheet(name, "a Windows program")


# --- Text: CSV, or markup pretending to be a workbook -------------------------------------------

_TEXT_CHUNK = _MB
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
        raise _not_spreadsheet(
            name,
            "a file of an unknown type (not text and not a workbook)",
            hint=(
                "If it is a spreadsheet, open it in Excel and save it as an Excel workbook (.xlsx) or "
                "as CSV UTF-8, then upload the new file."
            ),
        )
    if summary.blank:
        raise ScorecardError(f"{name} is empty: it contains only blank space.", hint=_HINT_EMPTY)
    head = summary.head.lstrip(" \t\r\n\ufeff").lower()
    if re.match(r"<[a-z?!]", head):  # a tag, not a first cell like "<500 units"
        if "urn:schemas-microsoft-com:office:spreadsheet" in head or 'progid="excel.sheet"' in head:
            raise ScorecardError(
                f"{name} is an Excel 2003 XML spreadsheet, not a real Excel workbook, so it cannot be read.",
                hint=_HINT_RESAVE,
            )
        if any(tag in head for tag in ("<html", "<table", "<!doctype html", "<body", "<head", "<meta")):
            raise _not_spreadsheet(name, "a web page (HTML)", _HINT_RESAVE)
        raise _not_spreadsheet(name, "an XML or web document", _HINT_RESAVE)
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

_OLE_ENTRY = 128
_OLE_NAMES = (
    "EncryptionInfo",
    "EncryptedPackage",
    "Workbook",
    "Book",
    "WordDocument",
    "PowerPoint Document",
    "__properties_version1.0",
)
_OLE_MAX_HITS = 1000  # per name; bounds the time a file stuffed with look-alike names can cost
_BIFF_BOF = 0x0809
_BIFF_FILEPASS = 0x002F


@dataclass(frozen=True)
class _OleEntry:
    start_sector: int
    size: int


def _ole_entries(data: bytes, sector_size: int) -> dict[str, _OleEntry]:
    """Directory entries with the names we care about, found without walking the sector chains.

    Every directory entry sits on a 128-byte boundary of the file and carries its
    UTF-16 name, NUL-terminated, with the name's length at byte 64 and its type
    (1 storage, 2 stream) at byte 66, so a match on all of these is an entry.
    """
    found: dict[str, _OleEntry] = {}
    for entry_name in _OLE_NAMES:
        needle = entry_name.encode("utf-16-le") + b"\x00\x00"
        pos = data.find(needle, sector_size)
        for _ in range(_OLE_MAX_HITS):
            if pos < 0:
                break
            if pos % _OLE_ENTRY == 0 and pos + _OLE_ENTRY <= len(data):
                name_length, entry_type = struct.unpack_from("<HB", data, pos + 64)
                if name_length == len(needle) and entry_type in (1, 2):
                    start, size = struct.unpack_from("<IQ", data, pos + 116)
                    if sector_size == 512:
                        size &= 0xFFFFFFFF  # version 3 files may leave junk in the high half
                    found[entry_name.lower()] = _OleEntry(start, size)
                    break
            pos = data.find(needle, pos + 1)
    return found


def _check_ole(data: bytes, name: str) -> FileKind:
    """An OLE compound file is an .xls, a password-protected .xlsx, or another Office document."""
    if len(data) < 512:
        raise _damaged(name, "it ends too early")
    byte_order, sector_shift = struct.unpack_from("<HH", data, 28)
    if byte_order != 0xFFFE or sector_shift not in (9, 12):
        raise _damaged(name, "its header is not valid")
    sector_size = 1 << sector_shift
    fat_sectors, mini_fat_sectors, difat_sectors = (
        struct.unpack_from("<I", data, offset)[0] for offset in (44, 64, 72)
    )
    # Counts larger than the file make some readers allocate for them and die.
    if max(fat_sectors, mini_fat_sectors, difat_sectors) > len(data) // sector_size:
        raise _damaged(name, "its header describes more data than the file holds")
    entries = _ole_entries(data, sector_size)
    if "encryptioninfo" in entries or "encryptedpackage" in entries:
        raise _password_protected(name)
    workbook = entries.get("workbook") or entries.get("book")
    if workbook is not None:
        if workbook.size > len(data):
            raise _damaged(name, "its workbook claims to be larger than the file")
        if _xls_has_filepass(data, workbook, sector_size):
            raise _password_protected(name)
        return FileKind.XLS
    if "worddocument" in entries:
        raise _not_spreadsheet(name, "a Word document")
    if "powerpoint document" in entries:
        raise _not_spreadsheet(name, "a PowerPoint presentation")
    if "__properties_version1.0" in entries:
        raise _not_spreadsheet(
            name,
            "an Outlook email",
            hint="Save the spreadsheet attached to the email to your computer and upload that file.",
        )
    raise _not_spreadsheet(name, "an older Microsoft Office file with no workbook inside")


def _xls_has_filepass(data: bytes, workbook: _OleEntry, sector_size: int) -> bool:
    """An .xls opened with a password has a FILEPASS record right after its first BOF record."""
    if workbook.size < 4096 or workbook.start_sector >= 0xFFFFFFFA:
        return False  # small streams live in the mini stream; the parser reports those itself
    offset = (workbook.start_sector + 1) * sector_size
    if offset + 4 > len(data):
        return False
    record, length = struct.unpack_from("<HH", data, offset)
    following = offset + 4 + length
    if record != _BIFF_BOF or following + 2 > len(data):
        return False
    return struct.unpack_from("<H", data, following)[0] == _BIFF_FILEPASS


# --- ZIP packages: xlsx, xlsm, ods ---------------------------------------------------------------

_CENTRAL_SIGNATURE = b"PK\x01\x02"
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_FLAG_ENCRYPTED = 0x1
_FLAG_UTF8 = 0x800
_CHUNK = _MB  # inflated bytes handled at a time: bounds memory per part
_INPUT_CHUNK = 64 * 1024  # packed bytes fed at a time: bounds the copy zlib makes of unused input
_RATIO_FLOOR = _MB  # the ratio rule only applies to parts bigger than this
_KEEP_LIMIT = 4 * _MB  # [Content_Types].xml and mimetype are kept for a closer look, up to this
_IMAGE_OR_BINARY = re.compile(
    r"\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|emz|wmz|svg|svm|ico|webp|wdp|jxr|bin|odttf)$", re.IGNORECASE
)
_OOXML_MAIN: dict[str, FileKind] = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": FileKind.XLSX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": FileKind.XLSX,
    "application/vnd.ms-excel.sheet.macroenabled.main+xml": FileKind.XLSM,
    "application/vnd.ms-excel.template.macroenabled.main+xml": FileKind.XLSM,
    "application/vnd.ms-excel.addin.macroenabled.main+xml": FileKind.XLSM,
}
_XLSB_MAIN = "application/vnd.ms-excel.sheet.binary.macroenabled.main"
_VBA_PROJECT = "application/vnd.ms-office.vbaproject"
_ODS_MIMETYPES = (
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.spreadsheet-template",
)


@dataclass(frozen=True)
class _Part:
    info: zipfile.ZipInfo
    data_start: int  # where its packed bytes begin in the file


class _ZipInspection:
    """One ZIP upload, inspected in order of cost: directory, headers, then every part's real content."""

    def __init__(self, data: bytes, name: str, limits: FileLimits) -> None:
        self.data = data
        self.view = memoryview(data)
        self.name = name
        self.limits = limits

    def kind(self) -> FileKind:
        infos = self._directory()
        names = {info.orig_filename.lower() for info in infos}
        if "[content_types].xml" not in names and "mimetype" not in names:
            raise self._foreign_zip(names)
        parts = self._parts(infos)
        kept = self._read_every_part(parts)
        if "[content_types].xml" in kept:
            return self._ooxml_kind(kept["[content_types].xml"], names)
        return self._ods_kind(kept.get("mimetype", b""), names)

    # Directory and headers: cheap, decided before anything is inflated.

    def _directory(self) -> list[zipfile.ZipInfo]:
        # zipfile builds an object per directory entry, so bound their number before it starts:
        # every entry it accepts begins with this signature, so the count is an upper bound.
        if self.data.count(_CENTRAL_SIGNATURE) > self.limits.max_members:
            raise self._too_many_parts()
        try:
            with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
                infos = archive.infolist()
        except Exception as exc:  # zipfile raises a zoo of types on hostile bytes; all mean "damaged"
            raise _damaged(self.name, "its ZIP structure is broken") from exc
        if not infos:
            raise _not_spreadsheet(self.name, "an empty ZIP archive")
        if len(infos) > self.limits.max_members:
            raise self._too_many_parts()
        return infos

    def _parts(self, infos: list[zipfile.ZipInfo]) -> list[_Part]:
        limits = self.limits
        seen: set[str] = set()
        declared_total = 0
        parts = []
        for info in infos:
            part = info.orig_filename
            if _unsafe_part_name(part):
                raise ScorecardError(
                    f"{self.name} contains a part with an unsafe name ({part!r}), as files built to "
                    "attack a server do, so it was not opened.",
                    hint=_HINT_RESAVE,
                )
            if part.lower() in seen:
                raise _damaged(self.name, f"it holds two parts named {part!r}")
            seen.add(part.lower())
            if info.flag_bits & _FLAG_ENCRYPTED:
                raise self._encrypted_part()
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _damaged(self.name, f"{part} is packed with a method spreadsheets do not use")
            if info.file_size > limits.max_member_bytes:
                raise self._part_too_large(part, info.file_size)
            declared_total += info.file_size
            if declared_total > limits.max_uncompressed_bytes:
                raise self._too_large_in_total()
            if info.file_size > _RATIO_FLOOR and info.file_size > limits.max_compression_ratio * max(
                info.compress_size, 1
            ):
                raise self._packed_too_tightly(part)
            parts.append(_Part(info, self._data_start(info)))
        parts.sort(key=lambda p: p.info.header_offset)
        for before, after in itertools.pairwise(parts):
            if before.data_start + before.info.compress_size > after.info.header_offset:
                raise _damaged(self.name, "its parts overlap each other")
        return parts

    def _data_start(self, info: zipfile.ZipInfo) -> int:
        """Check the part's local header against the directory; return where its packed bytes begin."""
        offset = info.header_offset
        if offset < 0 or offset + _LOCAL_HEADER.size > len(self.data):
            raise _damaged(self.name, "it ends too early")
        fields = _LOCAL_HEADER.unpack_from(self.data, offset)
        signature, flags, method = fields[0], fields[2], fields[3]
        name_length, extra_length = fields[9], fields[10]
        if signature != _ZIP_MAGIC:
            raise _damaged(self.name, "a part's header is missing")
        if flags & _FLAG_ENCRYPTED:
            raise self._encrypted_part()
        local_name = self.data[offset + _LOCAL_HEADER.size : offset + _LOCAL_HEADER.size + name_length]
        try:
            central_name = info.orig_filename.encode("utf-8" if info.flag_bits & _FLAG_UTF8 else "cp437")
        except UnicodeEncodeError:
            central_name = None
        # Parsers that trust different headers would see different files; refuse the ambiguity.
        if local_name != central_name or method != info.compress_type:
            raise _damaged(self.name, "a part's headers contradict each other")
        start = offset + _LOCAL_HEADER.size + name_length + extra_length
        if start + info.compress_size > len(self.data):
            raise _damaged(self.name, "it ends too early; it may have been cut off while copying")
        return start

    # Content: every part is inflated for real, because declared sizes can lie.

    def _read_every_part(self, parts: list[_Part]) -> dict[str, bytes]:
        """Inflate each part under the caps, check its CRC and scan it; keep the two parts we look into."""
        limits = self.limits
        total = 0
        kept: dict[str, bytes] = {}
        for part in parts:
            info = part.info
            part_name = info.orig_filename
            keep = part_name.lower() in ("[content_types].xml", "mimetype")
            kept_chunks: list[bytes] = []
            scanner = _PartScanner(self.name, part_name)
            size = 0
            crc = 0
            try:
                for chunk, packed in _inflate(self.view, info, part.data_start):
                    size += len(chunk)
                    total += len(chunk)
                    if size > limits.max_member_bytes:
                        raise self._part_too_large(part_name, size)
                    if total > limits.max_uncompressed_bytes:
                        raise self._too_large_in_total()
                    # The ratio so far, not over the whole part: a bomb is stopped after about a
                    # megabyte, however much padding follows it (zlib unpacks long runs of one byte
                    # at only ~120 MB/s, so reaching the caps would cost seconds).
                    if size > _RATIO_FLOOR and size > limits.max_compression_ratio * max(packed, 1):
                        raise self._packed_too_tightly(part_name)
                    crc = zlib.crc32(chunk, crc)
                    scanner.feed(chunk)
                    if keep and size <= _KEEP_LIMIT:
                        kept_chunks.append(bytes(chunk))
            except zlib.error as exc:
                raise _damaged(self.name, f"{part_name} cannot be unpacked") from exc
            except _Truncated as exc:
                raise _damaged(self.name, f"{part_name} ends too early") from exc
            scanner.close()
            if size != info.file_size or crc != info.CRC:
                raise _damaged(self.name, f"{part_name} fails its checksum")
            if keep:
                kept[part_name.lower()] = b"".join(kept_chunks)
        return kept

    # Which kind of package it is, once its content is known to be safe to look at.

    def _ooxml_kind(self, content_types: bytes, names: set[str]) -> FileKind:
        try:
            root = SafeElementTree.fromstring(content_types)
        except (ParseError, DefusedXmlException, ValueError, LookupError) as exc:
            raise _damaged(self.name, "its list of contents cannot be read") from exc
        overrides: dict[str, str] = {}
        all_types: set[str] = set()
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
            content_type = (element.get("ContentType") or "").strip().lower()
            all_types.add(content_type)
            if tag == "Override":
                overrides[(element.get("PartName") or "").lstrip("/").lower()] = content_type
        mains = {part: _OOXML_MAIN[ctype] for part, ctype in overrides.items() if ctype in _OOXML_MAIN}
        if not mains:
            if _XLSB_MAIN in all_types:
                raise ScorecardError(
                    f"{self.name} is an Excel binary workbook (.xlsb), which Scorecard cannot read.",
                    hint=_HINT_RESAVE,
                )
            if any("wordprocessingml" in ctype for ctype in all_types):
                raise _not_spreadsheet(self.name, "a Word document")
            if any("presentationml" in ctype for ctype in all_types):
                raise _not_spreadsheet(self.name, "a PowerPoint presentation")
            if any(name.startswith("xl/") for name in names):
                raise _damaged(self.name, "it has no workbook inside")
            raise _not_spreadsheet(self.name, "an Office document with no workbook inside")
        if len(mains) > 1:
            raise _damaged(self.name, "it claims to hold more than one workbook")
        [(main_part, kind)] = mains.items()
        if main_part not in names:
            raise _damaged(self.name, f"its workbook part {main_part} is missing")
        return FileKind.XLSM if _VBA_PROJECT in all_types else kind

    def _ods_kind(self, mimetype: bytes, names: set[str]) -> FileKind:
        declared = mimetype.decode("ascii", "replace").strip().lower()
        if declared in _ODS_MIMETYPES:
            if "content.xml" not in names:
                raise _damaged(self.name, "its content.xml part is missing")
            return FileKind.ODS
        if declared.startswith("application/vnd.oasis.opendocument.text"):
            raise _not_spreadsheet(self.name, "a text document (OpenDocument)")
        if declared.startswith("application/vnd.oasis.opendocument."):
            raise _not_spreadsheet(self.name, "an OpenDocument file of another kind")
        raise _not_spreadsheet(self.name, "a ZIP archive")

    def _foreign_zip(self, names: set[str]) -> ScorecardError:
        if "index/document.iwa" in names or "index.zip" in names:
            return _not_spreadsheet(
                self.name,
                "an Apple Numbers file",
                hint="In Numbers use File > Export To > Excel, then upload the .xlsx file.",
            )
        return _not_spreadsheet(
            self.name,
            "a ZIP archive",
            hint="If the spreadsheet is inside it, unzip it and upload the spreadsheet itself.",
        )

    # Refusals that need the limits.

    def _too_many_parts(self) -> ScorecardError:
        return ScorecardError(
            f"{self.name} is made of more than {self.limits.max_members} parts; real spreadsheets "
            "have far fewer, so it was not opened.",
            hint=_HINT_RESAVE,
        )

    def _part_too_large(self, part: str, size: int) -> ScorecardError:
        return ScorecardError(
            f"{self.name} is too large when unpacked: {part} holds {_size(size, round_up=True)} or more; "
            f"the limit is {_size(self.limits.max_member_bytes)}.",
            hint=_HINT_TOO_LARGE,
        )

    def _too_large_in_total(self) -> ScorecardError:
        return ScorecardError(
            f"{self.name} is too large when unpacked: its parts hold more than "
            f"{_size(self.limits.max_uncompressed_bytes)} together.",
            hint=_HINT_TOO_LARGE,
        )

    def _packed_too_tightly(self, part: str) -> ScorecardError:
        return ScorecardError(
            f"{self.name} is too large when unpacked: {part} unpacks to more than "
            f"{self.limits.max_compression_ratio:g} times its packed size, which real spreadsheets "
            "never do, so it was not opened.",
            hint=_HINT_RESAVE,
        )

    def _encrypted_part(self) -> ScorecardError:
        return ScorecardError(
            f"{self.name} has encrypted (password-protected) parts, so it cannot be read.",
            hint=(
                "Open it in Excel (or the program that packed it), remove the password, save it as an "
                "Excel workbook (.xlsx) and upload again."
            ),
        )


def _unsafe_part_name(part: str) -> bool:
    """Absolute paths, drive letters, '..' and control characters: what path-traversal attacks use."""
    if part.startswith(("/", "\\")) or "\\" in part or re.match(r"[A-Za-z]:", part):
        return True
    if any(not ch.isprintable() for ch in part):
        return True
    return ".." in part.split("/")


class _Truncated(Exception):
    """A part's packed bytes ran out before its deflate stream ended."""


def _inflate(view: memoryview, info: zipfile.ZipInfo, start: int) -> Iterator[tuple[bytes | memoryview, int]]:
    """Yield a part's real content in chunks of at most 1 MB, with the packed bytes used so far.

    Believes nothing the headers say about the unpacked size: zipfile's own stream
    stops at the declared size, so it cannot see how much a lying header hides;
    inflating the packed bytes directly can, and the caller stops as soon as a cap
    is passed, which bounds time and memory.
    """
    end = start + info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        for pos in range(start, end, _CHUNK):
            chunk = view[pos : min(pos + _CHUNK, end)]
            yield chunk, pos + len(chunk) - start
        return
    if info.compress_size == 0:
        return  # an empty part some writers store as zero packed bytes
    decompressor = zlib.decompressobj(-zlib.MAX_WBITS)
    pos = start
    pending: bytes | memoryview = b""
    while not decompressor.eof:
        if not pending:
            if pos >= end:
                raise _Truncated
            pending = view[pos : min(pos + _INPUT_CHUNK, end)]
            pos += len(pending)
        chunk = decompressor.decompress(pending, _CHUNK)
        pending = decompressor.unconsumed_tail
        if chunk:
            yield chunk, pos - len(pending) - start


# Declarations that turn an XML parser against its host: entity expansion (billion laughs)
# and external entities (XXE). Real spreadsheet XML never has them. XML may be UTF-8 or
# UTF-16 (ECMA-376 allows both), so the patterns come in each byte order.
def _declarations(*keywords: str) -> dict[str, re.Pattern[bytes]]:
    return {
        encoding: re.compile(b"|".join(re.escape(f"<!{word}".encode(encoding)) for word in keywords))
        for encoding in ("utf-8", "utf-16-le", "utf-16-be")
    }


_ANY_DECLARATION = _declarations("DOCTYPE", "ENTITY")
_ENTITY_DECLARATION = _declarations("ENTITY")
_OVERLAP = len("<!DOCTYPE".encode("utf-16-le")) - 1  # bytes kept from one chunk to the next
_HEAD = 1024  # bytes gathered before deciding a part's encoding
# Encodings that write "<!DOCTYPE" as plain ASCII bytes, plus UTF-16, which is scanned for too.
# Anything else (UTF-7, EBCDIC, UTF-32) could hide a declaration from the scan.
_SAFE_XML_ENCODINGS = {
    "utf-8",
    "utf8",
    "us-ascii",
    "ascii",
    "iso-8859-1",
    "latin-1",
    "latin1",
    "windows-1252",
    "cp1252",
    "utf-16",
    "utf16",
    "utf-16le",
    "utf-16be",
}
_XML_ENCODING = re.compile(r"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")
_NESTED_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


class _PartScanner:
    """Scans one part's content, chunk by chunk, for what a parser must never be shown.

    Looks across chunk boundaries (a declaration split over two chunks is still
    found) and decides the part's encoding from its first bytes.
    """

    def __init__(self, file_name: str, part_name: str) -> None:
        self.file_name = file_name
        self.part_name = part_name
        # Images and binary parts are never parsed as XML, and an SVG logo may carry a harmless
        # DOCTYPE; OpenOffice wrote one into META-INF/manifest.xml. Entities are refused everywhere.
        self.xml = not (_IMAGE_OR_BINARY.search(part_name) or part_name.lower() == "meta-inf/manifest.xml")
        self.head = b""
        self.pattern: re.Pattern[bytes] | None = None
        self.tail = b""

    def feed(self, chunk: bytes | memoryview) -> None:
        if self.pattern is None:
            self.head += chunk
            if len(self.head) >= _HEAD:
                self._start()
            return
        self._scan(chunk)

    def close(self) -> None:
        if self.pattern is None:
            self._start()

    def _start(self) -> None:
        head, self.head = self.head, b""
        if head.startswith(_NESTED_ZIP):
            raise ScorecardError(
                f"{self.file_name} contains another packed file ({self.part_name}) inside it; "
                "Scorecard does not open files within files.",
                hint=(
                    "Remove embedded files and objects from the workbook (or copy its sheets into a new "
                    "workbook), save it as .xlsx and upload again."
                ),
            )
        encoding = _sniff_encoding(head)
        if self.xml and encoding not in ("utf-8", "utf-16-le", "utf-16-be"):
            raise self._unusual_encoding(encoding)
        if self.xml:
            declared = _XML_ENCODING.match(head[:_HEAD].decode(encoding, "ignore").lstrip("\ufeff"))
            if declared and declared.group(1).strip().lower() not in _SAFE_XML_ENCODINGS:
                raise self._unusual_encoding(declared.group(1))
        patterns = _ANY_DECLARATION if self.xml else _ENTITY_DECLARATION
        self.pattern = patterns.get(encoding, patterns["utf-8"])
        self._scan(head)

    def _scan(self, chunk: bytes | memoryview) -> None:
        assert self.pattern is not None
        window = self.tail + chunk
        if self.pattern.search(window):
            raise _hostile_xml(self.file_name, self.part_name)
        self.tail = window[-_OVERLAP:]

    def _unusual_encoding(self, encoding: str) -> ScorecardError:
        return ScorecardError(
            f"{self.file_name} contains XML in an unusual text encoding ({encoding}, in "
            f"{self.part_name}) that spreadsheets never use and that can hide an attack on a server, "
            "so it was not opened.",
            hint=_HINT_RESAVE,
        )


def _sniff_encoding(head: bytes) -> str:
    """The encoding an XML parser would detect from the first bytes (XML 1.0, appendix F)."""
    if head.startswith((b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\x00<", b"<\x00\x00\x00")):
        return "UTF-32"
    if head.startswith(b"\x4c\x6f\xa7\x94"):
        return "EBCDIC"
    if head.startswith(codecs.BOM_UTF16_LE) or (head[:1] == b"<" and head[1:2] == b"\x00"):
        return "utf-16-le"
    if head.startswith(codecs.BOM_UTF16_BE) or (head[:1] == b"\x00" and head[1:2] == b"<"):
        return "utf-16-be"
    return "utf-8"
