"""The scored workbook's zip level: xlsxwriter's internals it relies on are pinned, and checked here."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import xlsxwriter
import xlsxwriter.workbook

from scorecard.export import WorkbookWriter, package


def raw_deflate(data: bytes, level: int) -> int:
    """The size of `data` deflated as a zip entry (raw stream) at `level`."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return len(compressor.compress(data) + compressor.flush())


def entry_sizes(data: bytes) -> dict[str, tuple[bytes, int]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: (archive.read(info), info.compress_size) for info in archive.infolist()}


def words(n: int) -> list[str]:
    """Varied text, so that zlib's levels give different sizes."""
    return [f"supplier {i * 7919 % 100_003} item {i * 104_729 % 65_521} note {i % 97}" for i in range(n)]


def test_our_workbooks_are_compressed_at_the_chosen_level() -> None:
    writer = WorkbookWriter()
    sheet = writer.add_sheet("Notes")
    for r, text in enumerate(words(3_000)):
        sheet.write_string(r, 0, text)
    sizes = entry_sizes(writer.close())
    content, stored = sizes["xl/sharedStrings.xml"]
    assert raw_deflate(content, package.ZIP_LEVEL) != raw_deflate(content, 6)  # the check can tell them apart
    assert stored == raw_deflate(content, package.ZIP_LEVEL)
    for name, (content, stored) in sizes.items():
        assert stored == raw_deflate(content, package.ZIP_LEVEL), name


def test_other_xlsxwriter_workbooks_keep_the_default_level() -> None:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    for r, text in enumerate(words(3_000)):
        sheet.write_string(r, 0, text)
    book.close()
    content, stored = entry_sizes(buffer.getvalue())["xl/sharedStrings.xml"]
    assert stored == raw_deflate(content, zlib.Z_DEFAULT_COMPRESSION)


def test_xlsxwriter_still_builds_its_entries_with_our_zip_info() -> None:
    """If xlsxwriter stops naming `ZipInfo` in its workbook module, the level would silently be lost."""
    assert xlsxwriter.workbook.ZipInfo is package.LevelledZipInfo
    assert "ZipInfo(" in Path(xlsxwriter.workbook.__file__).read_text(encoding="utf-8")
    package.install()  # a second call changes nothing
    assert xlsxwriter.workbook.ZipInfo is package.LevelledZipInfo


def test_the_level_is_only_set_inside_the_block() -> None:
    assert package.LEVEL.get() is None
    with package.zip_level(1):
        assert package.LevelledZipInfo("a.xml")._compresslevel == 1
    assert package.LevelledZipInfo("a.xml")._compresslevel is None
