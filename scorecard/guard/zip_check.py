"""ZIP packages (xlsx, xlsm, ods): directory, headers, then every part inflated under caps, in order of cost."""

from __future__ import annotations

import io
import itertools
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from scorecard.errors import ScorecardError
from scorecard.guard.limits import MB, FileKind, FileLimits
from scorecard.guard.messages import HINT_RESAVE, HINT_TOO_LARGE, damaged, not_spreadsheet, size_text
from scorecard.guard.xml_check import PartScanner

# --- ZIP packages: xlsx, xlsm, ods ---------------------------------------------------------------

ZIP_MAGIC = b"PK\x03\x04"
_CENTRAL_SIGNATURE = b"PK\x01\x02"
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_FLAG_ENCRYPTED = 0x1
_FLAG_UTF8 = 0x800
CHUNK = MB  # inflated bytes handled at a time: bounds memory per part
_INPUT_CHUNK = 64 * 1024  # packed bytes fed at a time: bounds the copy zlib makes of unused input
_RATIO_FLOOR = MB  # the ratio rule only applies to parts bigger than this
_KEEP_LIMIT = 4 * MB  # [Content_Types].xml and mimetype are kept for a closer look, up to this
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


class PartReader(Protocol):
    """Whoever else wants a part's content as the guard inflates it (the read stage's extent scan).

    Fed each chunk after it passed the size and ratio caps, closed once the part's size and checksum
    are right. It must be a bounded scan, never a parser: the part's own XML checks end with the part,
    and the file's verdict with the last part, so it may only use what it saw once `check_file` returned.
    """

    def feed(self, chunk: bytes | memoryview) -> None: ...

    def close(self) -> None: ...


PartWatch = Callable[[str], PartReader | None]  # a part's name -> its reader, or None to leave it


@dataclass(frozen=True)
class _Part:
    info: zipfile.ZipInfo
    data_start: int  # where its packed bytes begin in the file


class ZipInspection:
    """One ZIP upload, inspected in order of cost: directory, headers, then every part's real content."""

    def __init__(self, data: bytes, name: str, limits: FileLimits, watch: PartWatch | None = None) -> None:
        self.data = data
        self.view = memoryview(data)
        self.name = name
        self.limits = limits
        self.watch = watch  # one inflate for the guard and the read stage's scans

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
            raise damaged(self.name, "its ZIP structure is broken") from exc
        if not infos:
            raise not_spreadsheet(self.name, "an empty ZIP archive")
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
                    hint=HINT_RESAVE,
                )
            if part.lower() in seen:
                raise damaged(self.name, f"it holds two parts named {part!r}")
            seen.add(part.lower())
            if info.flag_bits & _FLAG_ENCRYPTED:
                raise self._encrypted_part()
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise damaged(self.name, f"{part} is packed with a method spreadsheets do not use")
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
                raise damaged(self.name, "its parts overlap each other")
        return parts

    def _data_start(self, info: zipfile.ZipInfo) -> int:
        """Check the part's local header against the directory; return where its packed bytes begin."""
        offset = info.header_offset
        if offset < 0 or offset + _LOCAL_HEADER.size > len(self.data):
            raise damaged(self.name, "it ends too early")
        fields = _LOCAL_HEADER.unpack_from(self.data, offset)
        signature, flags, method = fields[0], fields[2], fields[3]
        name_length, extra_length = fields[9], fields[10]
        if signature != ZIP_MAGIC:
            raise damaged(self.name, "a part's header is missing")
        if flags & _FLAG_ENCRYPTED:
            raise self._encrypted_part()
        local_name = self.data[offset + _LOCAL_HEADER.size : offset + _LOCAL_HEADER.size + name_length]
        try:
            central_name = info.orig_filename.encode("utf-8" if info.flag_bits & _FLAG_UTF8 else "cp437")
        except UnicodeEncodeError:
            central_name = None
        # Parsers that trust different headers would see different files; refuse the ambiguity.
        if local_name != central_name or method != info.compress_type:
            raise damaged(self.name, "a part's headers contradict each other")
        start = offset + _LOCAL_HEADER.size + name_length + extra_length
        if start + info.compress_size > len(self.data):
            raise damaged(self.name, "it ends too early; it may have been cut off while copying")
        return start

    # Content: every part is inflated for real, because declared sizes can lie.

    def _read_every_part(self, parts: list[_Part]) -> dict[str, bytes]:
        """Inflate each part under the caps, check its CRC and scan it; keep the two parts we look into."""
        total = 0
        kept: dict[str, bytes] = {}
        for part in parts:
            part_name = part.info.orig_filename
            keep = part_name.lower() in ("[content_types].xml", "mimetype")
            reader = self.watch(part_name) if self.watch else None
            kept_chunks: list[bytes] = []
            total = self._read_part(part, total, kept_chunks if keep else None, reader)
            if reader:
                reader.close()
            if keep:
                kept[part_name.lower()] = b"".join(kept_chunks)
        return kept

    def _read_part(self, part: _Part, total: int, kept: list[bytes] | None, reader: PartReader | None) -> int:
        """Inflate one part under the caps (`total`: unpacked so far, returned with this part's added)."""
        limits = self.limits
        info = part.info
        part_name = info.orig_filename
        scanner = PartScanner(self.name, part_name)
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
                if kept is not None and size <= _KEEP_LIMIT:
                    kept.append(bytes(chunk))
                if reader:
                    reader.feed(chunk)
        except zlib.error as exc:
            raise damaged(self.name, f"{part_name} cannot be unpacked") from exc
        except _Truncated as exc:
            raise damaged(self.name, f"{part_name} ends too early") from exc
        scanner.close()
        if size != info.file_size or crc != info.CRC:
            raise damaged(self.name, f"{part_name} fails its checksum")
        return total

    # Which kind of package it is, once its content is known to be safe to look at.

    def _ooxml_kind(self, content_types: bytes, names: set[str]) -> FileKind:
        try:
            root = SafeElementTree.fromstring(content_types)
        except (ParseError, DefusedXmlException, ValueError, LookupError) as exc:
            raise damaged(self.name, "its list of contents cannot be read") from exc
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
            raise self._no_workbook(all_types, names)
        if len(mains) > 1:
            raise damaged(self.name, "it claims to hold more than one workbook")
        [(main_part, kind)] = mains.items()
        if main_part not in names:
            raise damaged(self.name, f"its workbook part {main_part} is missing")
        return FileKind.XLSM if _VBA_PROJECT in all_types else kind

    def _no_workbook(self, all_types: set[str], names: set[str]) -> ScorecardError:
        """An Office package without a workbook: say what it is instead."""
        if _XLSB_MAIN in all_types:
            return ScorecardError(
                f"{self.name} is an Excel binary workbook (.xlsb), which Scorecard cannot read.",
                hint=HINT_RESAVE,
            )
        if any("wordprocessingml" in ctype for ctype in all_types):
            return not_spreadsheet(self.name, "a Word document")
        if any("presentationml" in ctype for ctype in all_types):
            return not_spreadsheet(self.name, "a PowerPoint presentation")
        if any(name.startswith("xl/") for name in names):
            return damaged(self.name, "it has no workbook inside")
        return not_spreadsheet(self.name, "an Office document with no workbook inside")

    def _ods_kind(self, mimetype: bytes, names: set[str]) -> FileKind:
        declared = mimetype.decode("ascii", "replace").strip().lower()
        if declared in _ODS_MIMETYPES:
            if "content.xml" not in names:
                raise damaged(self.name, "its content.xml part is missing")
            return FileKind.ODS
        if declared.startswith("application/vnd.oasis.opendocument.text"):
            raise not_spreadsheet(self.name, "a text document (OpenDocument)")
        if declared.startswith("application/vnd.oasis.opendocument."):
            raise not_spreadsheet(self.name, "an OpenDocument file of another kind")
        raise not_spreadsheet(self.name, "a ZIP archive")

    def _foreign_zip(self, names: set[str]) -> ScorecardError:
        if "index/document.iwa" in names or "index.zip" in names:
            return not_spreadsheet(
                self.name,
                "an Apple Numbers file",
                hint="In Numbers use File > Export To > Excel, then upload the .xlsx file.",
            )
        return not_spreadsheet(
            self.name,
            "a ZIP archive",
            hint="If the spreadsheet is inside it, unzip it and upload the spreadsheet itself.",
        )

    # Refusals that need the limits.

    def _too_many_parts(self) -> ScorecardError:
        return ScorecardError(
            f"{self.name} is made of more than {self.limits.max_members} parts; real spreadsheets "
            "have far fewer, so it was not opened.",
            hint=HINT_RESAVE,
        )

    def _part_too_large(self, part: str, size: int) -> ScorecardError:
        return ScorecardError(
            f"{self.name} is too large when unpacked: {part} holds {size_text(size, round_up=True)} or more; "
            f"the limit is {size_text(self.limits.max_member_bytes)}.",
            hint=HINT_TOO_LARGE,
        )

    def _too_large_in_total(self) -> ScorecardError:
        return ScorecardError(
            f"{self.name} is too large when unpacked: its parts hold more than "
            f"{size_text(self.limits.max_uncompressed_bytes)} together.",
            hint=HINT_TOO_LARGE,
        )

    def _packed_too_tightly(self, part: str) -> ScorecardError:
        return ScorecardError(
            f"{self.name} is too large when unpacked: {part} unpacks to more than "
            f"{self.limits.max_compression_ratio:g} times its packed size, which real spreadsheets "
            "never do, so it was not opened.",
            hint=HINT_RESAVE,
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
        for pos in range(start, end, CHUNK):
            chunk = view[pos : min(pos + CHUNK, end)]
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
        chunk = decompressor.decompress(pending, CHUNK)
        pending = decompressor.unconsumed_tail
        if chunk:
            yield chunk, pos - len(pending) - start


# Declarations that turn an XML parser against its host: entity expansion (billion laughs)
# and external entities (XXE). Real spreadsheet XML never has them. XML may be UTF-8 or
