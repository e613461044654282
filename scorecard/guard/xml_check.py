"""XML parts scanned as they inflate: no DOCTYPE or ENTITY declarations, in any encoding a parser accepts."""

from __future__ import annotations

import codecs
import re

from scorecard.errors import ScorecardError
from scorecard.guard.messages import HINT_RESAVE, hostile_xml


def _declarations(*keywords: str) -> dict[str, re.Pattern[bytes]]:
    return {
        encoding: re.compile(b"|".join(re.escape(f"<!{word}".encode(encoding)) for word in keywords))
        for encoding in ("utf-8", "utf-16-le", "utf-16-be")
    }


_ANY_DECLARATION = _declarations("DOCTYPE", "ENTITY")
_ENTITY_DECLARATION = _declarations("ENTITY")
_OVERLAP = len("<!DOCTYPE".encode("utf-16-le")) - 1  # bytes kept from one chunk to the next
_IMAGE_OR_BINARY = re.compile(
    r"\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|emz|wmz|svg|svm|ico|webp|wdp|jxr|bin|odttf)$", re.IGNORECASE
)  # parts never scanned as XML
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


class PartScanner:
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
        data = chunk if isinstance(chunk, bytes) else bytes(chunk)  # `in` on a memoryview compares items
        # Every declaration holds a "!" byte, in each encoding scanned for: a chunk and tail without one
        # (nearly all of a sheet) cannot hold one, and memchr says so 20x faster than the search.
        if b"!" not in data and b"!" not in self.tail:
            self.tail = (self.tail + data[-_OVERLAP:])[-_OVERLAP:]
            return
        window = self.tail + data
        if self.pattern.search(window):
            raise hostile_xml(self.file_name, self.part_name)
        self.tail = window[-_OVERLAP:]

    def _unusual_encoding(self, encoding: str) -> ScorecardError:
        return ScorecardError(
            f"{self.file_name} contains XML in an unusual text encoding ({encoding}, in "
            f"{self.part_name}) that spreadsheets never use and that can hide an attack on a server, "
            "so it was not opened.",
            hint=HINT_RESAVE,
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
