"""OLE compound files (.xls, a password-protected .xlsx, other Office files): the one reader of their structure.

Two callers, two depths. The guard must judge a file before any parser sees it and never trust its
sector chains, so it finds the few directory entries it needs by their names (`find_entries`); the read
stage, once the guard has passed the file, walks the chains to read the Workbook stream
(`CompoundFile`), every walk bounded by the file's size. Both decode entries, sizes and records here.
Pure Python on purpose: the guard stays light enough to run before numpy or pandas is imported.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
END_OF_CHAIN = 0xFFFFFFFE
ENTRY_SIZE = 128  # every directory entry sits on a 128-byte boundary
STORAGE, STREAM, ROOT = 1, 2, 5
# BIFF record types: NUMBER, RK, LABELSST, LABEL, BOOLERR, FORMULA, RSTRING, FORMULA (BIFF4) each start
# with row, column
BIFF_CELLS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6, 0x0406})
BIFF_MULRK = 0x00BD
BIFF_BOF = 0x0809
BIFF_EOF = 0x000A
BIFF_FILEPASS = 0x002F
BIFF_BOUNDSHEET = 0x0085
BIFF_ROW = 0x0208
BIFF_COLINFO = 0x007D
MAX_NAME_HITS = 1000  # per name; bounds the time a file stuffed with look-alike names can cost


@dataclass(frozen=True)
class Header:
    """The fixed 512-byte header: sector sizes and where the allocation tables start."""

    byte_order: int
    sector_size: int
    mini_size: int
    fat_count: int
    first_directory: int
    cutoff: int
    first_mini_fat: int
    mini_fat_count: int
    first_difat: int
    difat_count: int

    @classmethod
    def parse(cls, data: bytes) -> Header:
        byte_order, sector_shift, mini_shift = struct.unpack_from("<HHH", data, 28)
        fat_count, first_dir, _, cutoff, first_mini_fat, mini_fat_count, first_difat, difat_count = (
            struct.unpack_from("<IIIIIIII", data, 44)
        )
        return cls(
            byte_order,
            1 << min(sector_shift, 16),
            1 << min(mini_shift, 16),
            fat_count,
            first_dir,
            cutoff,
            first_mini_fat,
            mini_fat_count,
            first_difat,
            difat_count,
        )

    @property
    def valid(self) -> bool:
        """Little-endian, 512- or 4096-byte sectors: every real compound file."""
        return self.byte_order == 0xFFFE and self.sector_size in (512, 4096)


@dataclass(frozen=True)
class Entry:
    """One directory entry: a stream or storage, where its chain starts and how long it says it is."""

    name: str
    kind: int
    start_sector: int
    size: int


def entry_at(directory: bytes, offset: int, sector_size: int) -> Entry | None:
    """The entry at `offset`, or None where the bytes are no stream, storage or root entry."""
    length, kind = struct.unpack_from("<HB", directory, offset + 64)
    if kind not in (STORAGE, STREAM, ROOT) or not 2 <= length <= 64:
        return None
    name = directory[offset : offset + length - 2].decode("utf-16-le", "replace")
    start, size = struct.unpack_from("<IQ", directory, offset + 116)
    if sector_size == 512:
        size &= 0xFFFFFFFF  # version 3 files may leave junk in the high half
    return Entry(name, kind, start, size)


def find_entries(data: bytes, header: Header, names: Iterable[str]) -> dict[str, Entry]:
    """Entries with these names (lower-cased keys), found without walking any sector chain.

    Every entry carries its UTF-16 name, NUL-terminated, with the name's length at byte 64 and its type at
    byte 66, so a name found on a 128-byte boundary with a matching length and type is an entry.
    """
    found: dict[str, Entry] = {}
    for wanted in names:
        needle = wanted.encode("utf-16-le") + b"\x00\x00"
        position = data.find(needle, header.sector_size)
        for _ in range(MAX_NAME_HITS):
            if position < 0:
                break
            if position % ENTRY_SIZE == 0 and position + ENTRY_SIZE <= len(data):
                entry = entry_at(data, position, header.sector_size)
                if entry is not None and entry.kind in (STORAGE, STREAM) and len(entry.name) == len(wanted):
                    found[wanted.lower()] = entry
                    break
            position = data.find(needle, position + 1)
    return found


def biff_records(stream: bytes, start: int = 0) -> Iterator[tuple[int, int, int]]:
    """(record type, offset of its body, body length) for each BIFF record, in order."""
    position, end = start, len(stream)
    while position + 4 <= end:
        record, length = struct.unpack_from("<HH", stream, position)
        yield record, position + 4, length
        position += 4 + length


def words(data: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(data) // 4}I", data[: len(data) // 4 * 4])


class CompoundFile:
    """The bounded chain walker: enough of the format to read one stream, each walk bounded by the file."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        header = Header.parse(data)
        self.sector_size, self.mini_size, self.cutoff = header.sector_size, header.mini_size, header.cutoff
        self.limit = len(data) // self.sector_size + 1  # no chain can be longer than the file
        self.fat = words(b"".join(self.sector(s) for s in self.fat_sectors(header)))
        directory = self.chain_bytes(header.first_directory, self.fat)
        self.entries: dict[str, tuple[int, int]] = {}
        root = None
        for offset in range(0, len(directory) - ENTRY_SIZE + 1, ENTRY_SIZE):
            entry = entry_at(directory, offset, self.sector_size)
            if entry is None:
                continue
            if entry.kind == ROOT and root is None:
                root = entry
            elif entry.kind == STREAM:
                self.entries.setdefault(entry.name.lower(), (entry.start_sector, entry.size))
        mini_fat = self.chain_bytes(header.first_mini_fat, self.fat)
        self.mini_fat = words(mini_fat)[: header.mini_fat_count * self.sector_size // 4]
        self.mini_stream = self.chain_bytes(root.start_sector, self.fat) if root else b""

    def fat_sectors(self, header: Header) -> list[int]:
        """The allocation table's own sectors: 109 in the header, the rest on the DIFAT chain."""
        found = [s for s in struct.unpack_from("<109I", self.data, 76) if s < END_OF_CHAIN]
        sector = header.first_difat
        for _ in range(min(header.difat_count, self.limit)):
            if sector >= END_OF_CHAIN:
                break
            entries = words(self.sector(sector))
            found.extend(s for s in entries[:-1] if s < END_OF_CHAIN)
            sector = entries[-1]
        return found[: min(header.fat_count, self.limit)]

    def sector(self, number: int) -> bytes:
        start = (number + 1) * self.sector_size
        if start + self.sector_size > len(self.data):
            raise ValueError("sector outside the file")
        return self.data[start : start + self.sector_size]

    def chain(self, start: int, fat: tuple[int, ...]) -> Iterator[int]:
        sector = start
        for _ in range(len(fat) + 1):  # a chain that visits more sectors than exist loops
            if sector >= END_OF_CHAIN or sector >= len(fat):
                return
            yield sector
            sector = fat[sector]
        raise ValueError("a sector chain loops")

    def chain_bytes(self, start: int, fat: tuple[int, ...]) -> bytes:
        return b"".join(self.sector(s) for s in self.chain(start, fat))

    def stream(self, name: str) -> bytes:
        """A stream's bytes; its sector chain must hold exactly its declared size (calamine aborted
        on a file whose chain did not), else the file is damaged."""
        start, size = self.entries[name]
        if size < self.cutoff:
            sectors = list(self.chain(start, self.mini_fat))
            unit = self.mini_size
            data = b"".join(self.mini_stream[s * unit : (s + 1) * unit] for s in sectors)
        else:
            sectors = list(self.chain(start, self.fat))
            unit = self.sector_size
            data = self.chain_bytes(start, self.fat)
        if len(sectors) != -(-size // unit) or len(data) < size:
            raise ValueError(f"the {name} stream's sectors do not match its size")
        return data[:size]
