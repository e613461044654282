"""How far an .xlsx sheet's cells reach, measured from its XML before calamine allocates for it."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from operator import itemgetter

from defusedxml import ElementTree as SafeElementTree

from scorecard.read.cells import MAX_LISTED, column_index, column_letter
from scorecard.read.values import MAX_SHEET_CELLS, SheetLayout

SCAN_CHUNK = 1 << 20
_TAIL_LIMIT = 8 << 20  # an element longer than this is scanned in pieces
# Any r="..." reference: of a cell (letters and digits) or of a row (digits only).
_ANY_REF = re.compile(rb'\sr="([A-Za-z]*)([0-9]+)"')
_LETTERS = re.compile(rb'\sr="([A-Za-z]+)[0-9]')
# The reference of a cell with content: a self-closing <c .../> is a formatted empty cell, which
# calamine skips (a sheet may hold a million of them), so the exact pass leaves it out.
_CONTENT_REF = re.compile(rb'\sr="([A-Za-z]+)([0-9]+)"[^>]*(?<!/)>')
_ROW_REF = re.compile(rb'<(?:[\w.-]+:)?row\b[^>]*?\sr="([0-9]+)"')
# <c> and <row> without a reference are placed by counting from the element before them.
_UNPLACED = re.compile(rb'<(?:c|row)(?=[\s/>])(?![^>]*\sr=")')
_UNPLACED_PREFIXED = re.compile(rb'<[A-Za-z_][\w.-]*:(?:c|row)(?=[\s/>])(?![^>]*\sr=")')
_HIDDEN_ROW = re.compile(rb'<(?:[\w.-]+:)?row\b[^>]*?\shidden="(?:1|true)"[^>]*>')
_ROW_NUMBER = re.compile(rb'\sr="([0-9]+)"')
_COL_TAG = re.compile(rb"<(?:[\w.-]+:)?col\b([^>]*)>")
_ATTRIBUTE = re.compile(rb'([\w:.-]+)\s*=\s*"([^"]*)"')
_FORMULA_CELL = re.compile(
    rb"<(?:[\w.-]+:)?c\b([^>]*)(?<!/)>((?:(?!</(?:[\w.-]+:)?c>).)*?<(?:[\w.-]+:)?f\b.*?)</(?:[\w.-]+:)?c>",
    re.S,
)
_CACHED_VALUE = re.compile(rb"<(?:[\w.-]+:)?v\b[^>]*>\s*[^<\s]|<(?:[\w.-]+:)?is\b", re.S)
_CELL_REF = re.compile(rb'\sr="([A-Za-z]+)([0-9]+)"')


def scan_xlsx(
    data: bytes, measured: Callable[[str], SheetXmlScan | None] | None = None
) -> dict[str, SheetLayout]:
    """Each worksheet's layout, by sheet name, from a streaming scan of its XML (bounded memory).

    A sheet part the guard's inflate already measured (`measured`, see `read/sheet_measures.py`)
    is not inflated again here.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = {info.filename.lower(): info.filename for info in archive.infolist()}
        layouts: dict[str, SheetLayout] = {}
        for name, part in _sheet_parts(archive, names):
            pieces = partial(_pieces, archive, names[part])
            scan = measured(part) if measured else None
            layouts[name] = scan.layout(pieces) if scan else scan_sheet_xml(pieces)
        return layouts


def _sheet_parts(archive: zipfile.ZipFile, names: dict[str, str]) -> Iterator[tuple[str, str]]:
    """Each worksheet's name and part (lower case), as the workbook part and its relationships list them."""
    workbook_part = _main_part(archive, names)
    folder = workbook_part.rsplit("/", 1)[0] if "/" in workbook_part else ""
    rels_part = f"{folder}/_rels/{workbook_part.rsplit('/', 1)[-1]}.rels".lstrip("/")
    targets: dict[str, str] = {}
    if rels_part.lower() in names:
        for element in SafeElementTree.fromstring(archive.read(names[rels_part.lower()])).iter():
            if element.get("Id") and element.get("Target"):
                targets[element.get("Id")] = element.get("Target")
    for element in SafeElementTree.fromstring(archive.read(names[workbook_part.lower()])).iter():
        if not isinstance(element.tag, str) or element.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        name = element.get("name")
        relationship = next((v for k, v in element.attrib.items() if k.endswith("}id")), "")
        target = targets.get(relationship)
        if name and target and _resolve(folder, target).lower() in names:
            yield name, _resolve(folder, target).lower()


def _main_part(archive: zipfile.ZipFile, names: dict[str, str]) -> str:
    """The workbook part named by the package's root relationships (usually xl/workbook.xml)."""
    if "_rels/.rels" in names:
        for element in SafeElementTree.fromstring(archive.read(names["_rels/.rels"])).iter():
            target = element.get("Target") or ""
            if (element.get("Type") or "").endswith("/officeDocument"):
                part = _resolve("", target)
                if part.lower() in names:
                    return names[part.lower()]
    return names.get("xl/workbook.xml", "xl/workbook.xml")


def _resolve(folder: str, target: str) -> str:
    """A relationship target as a part name: relative to the folder, or absolute from the root."""
    path = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}".lstrip("/")
    parts: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def xml_chunks(stream: io.BufferedIOBase) -> Iterator[bytes]:
    while chunk := stream.read(SCAN_CHUNK):
        yield chunk


class PieceCutter:
    """Cuts a part's XML, fed in chunks of any size, into pieces that end just before a <row>.

    So no row (and no element shorter than _TAIL_LIMIT) is split between two pieces, whoever
    inflates the part: the guard's pass (`read/sheet_measures.py`) or zipfile's stream (`_pieces`).
    """

    def __init__(self) -> None:
        self.tail = b""

    def cut(self, *chunks: bytes) -> bytes:
        """The next piece (possibly empty); the rest waits for the next chunks."""
        last = chunks[-1] if chunks else b""
        at = last.rfind(b"<row")
        if at > 0:  # the usual case: cut in the last chunk, copying each byte once
            piece = b"".join((self.tail, *chunks[:-1], memoryview(last)[:at]))
            self.tail = last[at:]
            return piece
        buffer = b"".join((self.tail, *chunks))
        cut = max(buffer.rfind(b"<row"), buffer.rfind(b":row "))
        cut = buffer.rfind(b"<", 0, cut + 1) if cut > 0 else -1
        if cut <= 0 or len(buffer) - cut > _TAIL_LIMIT:
            cut = buffer.rfind(b"<")
        if cut <= 0 or len(buffer) - cut > _TAIL_LIMIT:
            cut = len(buffer)
        piece, self.tail = buffer[:cut], buffer[cut:]
        return piece


def _pieces(archive: zipfile.ZipFile, member: str) -> Iterator[bytes]:
    """A part's XML in about 1 MB pieces, each cut just before a <row>, so no row is split."""
    cutter = PieceCutter()
    with archive.open(member) as stream:
        for chunk in xml_chunks(stream):
            if piece := cutter.cut(chunk):
                yield piece
    if cutter.tail:
        yield cutter.tail


def _rows_up_to(row: int) -> str:
    """A regex (text) for row numbers from 1 to `row`, leading zeros allowed.

    Written as a trie of digits ('1(?:[0-5][0-9]{4}|6(?:...))') so the engine
    tries each digit once: this runs against every cell of the sheet.
    """
    digits = str(max(row, 1))

    def at_most(rest: str) -> str:  # numbers of len(rest) digits, leading zeros allowed, up to rest
        head, tail = int(rest[0]), rest[1:]
        if not tail:
            return f"[0-{head}]"
        same = f"{head}{at_most(tail)}"
        return f"(?:{same}|[0-{head - 1}][0-9]{{{len(tail)}}})" if head else same

    first, tail = int(digits[0]), digits[1:]
    options = [f"{first}{at_most(tail)}" if tail else f"[1-{first}]"]
    if tail and first > 1:
        options.append(f"[1-{first - 1}][0-9]{{{len(tail)}}}")
    if tail:
        options.append(f"[1-9][0-9]{{0,{len(tail) - 1}}}")
    return f"0*(?:{'|'.join(options)})"


def _columns_up_to(width: int) -> str:
    """A regex (text) for column letters from A to the `width`-th column."""
    letters = column_letter(max(width, 1) - 1)
    size = len(letters)
    options = [f"[A-Z]{{1,{size - 1}}}"] if size > 1 else []
    for i, ch in enumerate(letters):
        if ch > "A":
            options.append(f"{letters[:i]}[A-{chr(ord(ch) - 1)}][A-Z]{{{size - i - 1}}}")
    options.append(letters)
    return f"(?:{'|'.join(options)})"


def _outside(height: int, width: int) -> re.Pattern[bytes]:
    """A <c> that does not start with a reference inside rows 1..height and columns 1..width.

    Written as a negative lookahead after the literal '<c', so the regex engine
    skips from cell to cell in C: the whole check costs about 0.1 s for 1,000,000
    cells. A match is either out of bounds or written unusually (no reference,
    or not as the first attribute); either way the exact pass looks at it.
    """
    inside = f'\\s+r="{_columns_up_to(width)}{_rows_up_to(height)}"'
    # the reference test first: it fails at once for an ordinary cell (15% faster than the other order)
    return re.compile(rf"<c(?!{inside})(?=[\s/>])".encode())


_MAIN_NAMESPACES = (b"spreadsheetml/2006/main", b"ooxml/spreadsheetml/main")
_PREFIX_DECLARATION = re.compile(
    rb'xmlns:[\w.-]+\s*=\s*"[^"]*(?:spreadsheetml/2006/main|ooxml/spreadsheetml/main)"'
)


def _unplaced(piece: bytes, prefixed: bool) -> int:
    count = len(_UNPLACED.findall(piece))
    if prefixed:
        count += len(_UNPLACED_PREFIXED.findall(piece))
    return count


@dataclass
class SheetXmlScan:
    """What one worksheet's XML has shown so far, piece by piece."""

    height: int = 0
    width: int = 0
    unplaced: int = 0
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    formulas: list[tuple[int, int]] = field(default_factory=list)
    formula_count: int = 0
    prefixed: bool = False
    check: re.Pattern[bytes] | None = None
    pieces: int = 0  # read so far: the first one holds the column settings

    def read(self, piece: bytes) -> None:
        """Take in the next piece. Each `in` test first looks for a letter cell XML rarely holds (memchr
        speed), since the full test steps through every '<' of the piece."""
        first = self.pieces == 0
        self.pieces += 1
        if not self.prefixed and b"m" in piece and any(piece.find(uri) >= 0 for uri in _MAIN_NAMESPACES):
            self.prefixed = bool(_PREFIX_DECLARATION.search(piece))
        self.bound(piece)
        if first and b"col" in piece:
            self.hidden_columns.update(_hidden_columns(piece))
        if b"h" in piece and b'hidden="' in piece:
            self.hidden(piece)
        if self.prefixed or (b"f" in piece and b"<f" in piece):
            self.formulas_without_value(piece)

    def layout(self, open_pieces: Callable[[], Iterable[bytes]]) -> SheetLayout:
        """The sheet's layout once every piece is read; `open_pieces` reads the XML again for the exact pass."""
        # a cell without a reference sits one column right of the one before it, a row without one
        # one row below: bound both by how many there are
        height, width = self.height + self.unplaced, self.width + self.unplaced
        if height * width > MAX_SHEET_CELLS:
            height, width = _exact_extent(open_pieces)
        return SheetLayout(
            height=height,
            width=width,
            hidden_rows=tuple(sorted(self.hidden_rows)),
            hidden_columns=tuple(sorted(self.hidden_columns)),
            formulas_without_value=tuple(self.formulas),
            formulas_without_value_count=self.formula_count,
        )

    def bound(self, piece: bytes) -> None:
        """Raise the extent to this piece's: its last reference, confirmed by one search (`_outside`)."""
        last = piece.rfind(b' r="')
        found = _ANY_REF.match(piece, last) if last >= 0 else None
        if found and int(found.group(2)) > self.height:
            self.height = int(found.group(2))
            self.check = None
        if self.width == 0 and b"<c" in piece:
            self.width = max((column_index(c) + 1 for c in set(_LETTERS.findall(piece))), default=0)
            self.check = None
        if self.check is None:
            self.check = _outside(self.height, self.width)
        if self.prefixed or self.check.search(piece):
            pairs = _ANY_REF.findall(piece)
            if pairs:
                self.height = max(self.height, max(map(int, map(itemgetter(1), pairs))))
                self.width = max(
                    self.width, max((column_index(c) + 1 for c, _ in set(pairs) if c), default=0)
                )
                self.check = None
            self.unplaced += _unplaced(piece, self.prefixed)

    def hidden(self, piece: bytes) -> None:
        for match in _HIDDEN_ROW.finditer(piece):
            number_match = _ROW_NUMBER.search(match.group(0))
            if number_match:
                self.hidden_rows.add(int(number_match.group(1)))
        if b"<col" in piece:
            self.hidden_columns.update(_hidden_columns(piece))

    def formulas_without_value(self, piece: bytes) -> None:
        for match in _FORMULA_CELL.finditer(piece):
            if _CACHED_VALUE.search(match.group(2)):
                continue
            self.formula_count += 1
            ref = _CELL_REF.search(b" " + match.group(1))
            if ref and len(self.formulas) < MAX_LISTED:
                self.formulas.append((int(ref.group(2)), column_index(ref.group(1))))


def scan_sheet_xml(open_pieces: Callable[[], Iterable[bytes]]) -> SheetLayout:
    """Extent, hidden rows and columns, and formulas without values, from a worksheet's XML.

    The first pass bounds the extent from above with almost no Python per cell:
    rows are written in order, so a piece's last reference is its largest row,
    and one regex search (`_outside`) confirms that no cell of the piece lies
    beyond the bounds so far; a piece where one does is counted exactly. When
    the bound is over MAX_SHEET_CELLS, a second, exact pass counts only cells
    that hold something, since formatted empty cells (which calamine skips)
    carry references too. Elements with a namespace prefix (legal, rare) are
    always counted exactly.
    """
    scan = SheetXmlScan()
    for piece in open_pieces():
        scan.read(piece)
    return scan.layout(open_pieces)


def _exact_extent(open_pieces: Callable[[], Iterable[bytes]]) -> tuple[int, int]:
    """Rows and columns from A1 to the farthest cell that holds something (formatted empty cells left out)."""
    height = width = unplaced = row_tags = 0
    for piece in open_pieces():
        pairs = _CONTENT_REF.findall(piece)
        if pairs:
            height = max(height, max(map(int, map(itemgetter(1), pairs))))
            width = max(width, max(column_index(c) + 1 for c in set(map(itemgetter(0), pairs))))
        count = _unplaced(piece, prefixed=True)
        if count:
            unplaced += count
            row_tags = max(row_tags, max((int(r) for r in _ROW_REF.findall(piece)), default=0))
    if unplaced:
        height, width = max(height, row_tags) + unplaced, width + unplaced
    return height, width


def _hidden_columns(piece: bytes) -> set[int]:
    found: set[int] = set()
    for match in _COL_TAG.finditer(piece):
        attributes = {k.rsplit(b":", 1)[-1]: v for k, v in _ATTRIBUTE.findall(match.group(1))}
        if attributes.get(b"hidden") in (b"1", b"true"):
            try:
                low, high = int(attributes.get(b"min", b"0")), int(attributes.get(b"max", b"0"))
            except ValueError:
                continue
            # Excel hides "the rest of the sheet" as one range up to column 16384: keep it bounded
            found.update(range(max(low, 1) - 1, min(high, low + 16384)))
    return found
