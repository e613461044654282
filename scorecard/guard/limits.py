"""What a file may hold, and the kinds of file the guard tells apart."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MB = 1024 * 1024


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

    max_file_bytes: int = 50 * MB  # upload size
    max_uncompressed_bytes: int = 768 * MB  # sum of parts' declared AND actual sizes
    max_member_bytes: int = 512 * MB  # one part, declared and actual
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
