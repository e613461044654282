"""The locale a file's number formats name: read from an .xlsx's styles and an .ods's number styles, once, in
the read stage; a damaged or hostile styles part gives no locale and never stops the file."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from workbooks import xlsx_bytes

from scorecard.errors import ScorecardError
from scorecard.guard import FileKind
from scorecard.read import NumberLocale, read_workbook
from scorecard.read.number_locale import LCID_LOCALES, LOCALE_MARKS, agreed_locale, file_number_locale
from tests.read.fixtures import (
    ODS_NAMESPACES,
    converted,
    needs_soffice,
    ods_document,
    ods_row,
    replace_parts,
)

ROWS = [["Supplier", "Total cost"], ["Acme", 412500], ["Bolt", 398250]]


def formatted(*formats: str) -> bytes:
    """An .xlsx whose cost cells carry these number formats, as Excel in some locale writes them."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Suppliers"
    for row in ROWS:
        sheet.append(row)
    for row, number_format in enumerate(formats, start=2):
        sheet.cell(row=row, column=2).number_format = number_format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def styles_of(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("xl/styles.xml")


@pytest.mark.parametrize(
    ("number_format", "locale", "mark"),
    [
        ("#,##0.00 [$€-407]", "de-DE", "comma"),  # German Excel's euro format
        ('[$-40C]#,##0.00\\ "€"', "fr-FR", "comma"),  # a locale without a currency sign
        ("#,##0.00 [$EUR-10407]", "de-DE", "comma"),  # high bits (calendar) ignored
        ("[$CHF-807] #,##0.00", "de-CH", "point"),  # Swiss German writes a decimal point
        ("[$$-409]#,##0.00", "en-US", "point"),
        ("#,##0.00 [$£-809]", "en-GB", "point"),
        ("#,##0.00 [$kr.-406]", "da-DK", "comma"),
    ],
)
def test_an_xlsx_number_format_names_its_locale(number_format: str, locale: str, mark: str) -> None:
    workbook = read_workbook(formatted(number_format), "event.xlsx")
    assert workbook.number_locale == NumberLocale(locale, mark, number_format)


@pytest.mark.parametrize(
    "formats",
    [
        (),  # no custom format at all
        ("#,##0.00",),  # a custom format without a locale
        ("[$-F800]dddd, mmmm dd, yyyy",),  # the system's long date: no locale of its own
        ("#,##0.00 [$€-42D]",),  # Basque: not a locale we are sure of
        ("#,##0.00 [$€-407]", "[$$-409]#,##0.00"),  # a comma and a point locale: no evidence either way
    ],
)
def test_formats_without_one_known_locale_give_none(formats: tuple[str, ...]) -> None:
    assert read_workbook(formatted(*formats), "event.xlsx").number_locale is None


def test_formats_of_two_locales_with_one_mark_name_the_most_used() -> None:
    workbook = read_workbook(formatted("[$-407]0.0", "#,##0.00 [$€-40C]", "[$-407]0.00"), "event.xlsx")
    assert workbook.number_locale is not None
    assert (workbook.number_locale.locale, workbook.number_locale.mark) == ("de-DE", "comma")


def test_a_csv_has_no_number_locale() -> None:
    assert read_workbook(b"Supplier;Total cost\nAcme;412500\n", "event.csv").number_locale is None


@pytest.mark.parametrize(
    "styles",
    [
        b"<styleSheet><numFmts><numFmt formatCode='[$-407]0.0'",  # cut off
        b"\xff\xfe\x00garbage",  # not XML
        b"",  # empty
        b'<?xml version="1.0" encoding="UTF-8"?><a><b></a>',  # mismatched tags
    ],
)
def test_a_damaged_styles_part_gives_no_locale_and_the_cells_are_still_read(styles: bytes) -> None:
    data = replace_parts(formatted("#,##0.00 [$€-407]"), {"xl/styles.xml": styles})
    assert file_number_locale(data, FileKind.XLSX) is None


def test_a_styles_part_with_the_formats_far_down_is_not_walked_to_the_end() -> None:
    """Number formats open a styles part; in one padded with 200,000 elements first, the walk stops
    after its first few thousand elements (bounded work whatever the part holds), so the German
    format at the end is never reached and no locale is named."""
    styles = styles_of(formatted("#,##0.00 [$€-407]"))
    padded = styles.replace(b"<numFmts", b"<extLst>" + b"<ext/>" * 200_000 + b"</extLst><numFmts", 1)
    data = replace_parts(formatted("#,##0.00 [$€-407]"), {"xl/styles.xml": padded})
    assert file_number_locale(data, FileKind.XLSX) is None
    unpadded = styles.replace(b"<numFmts", b"<extLst>" + b"<ext/>" * 100 + b"</extLst><numFmts", 1)
    found = file_number_locale(replace_parts(data, {"xl/styles.xml": unpadded}), FileKind.XLSX)
    assert found is not None and found.locale == "de-DE"  # the padding itself is no obstacle


def test_entities_in_the_styles_part_are_stopped_by_the_guard_and_never_parsed() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "[$-407]"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<numFmts count="1"><numFmt numFmtId="164" formatCode="&b;0.0"/></numFmts></styleSheet>'
    )
    data = replace_parts(formatted(), {"xl/styles.xml": bomb})
    with pytest.raises(ScorecardError):
        read_workbook(data, "event.xlsx")
    assert file_number_locale(data, FileKind.XLSX) is None  # and on its own, defusedxml refuses it too


# ------------------------------------------------------------------------------------------------- .ods

NUMBER_NS = 'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
STYLE_NS = 'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'


def ods_with_number_styles(*styles: tuple[str, str]) -> bytes:
    """An .ods whose content.xml declares number styles in these (language, country) before its table."""
    declared = "".join(
        f'<number:number-style style:name="N{i}" number:language="{language}" number:country="{country}">'
        f'<number:number number:decimal-places="2"/></number:number-style>'
        for i, (language, country) in enumerate(styles)
    )
    table = '<table:table table:name="Suppliers">' + "".join(ods_row(r) for r in ROWS) + "</table:table>"
    plain = ods_document(table)
    with zipfile.ZipFile(io.BytesIO(plain)) as package:
        content = package.read("content.xml").decode()
    content = content.replace(ODS_NAMESPACES, f"{ODS_NAMESPACES} {NUMBER_NS}{STYLE_NS}", 1)
    content = content.replace(
        "<office:body>", f"<office:automatic-styles>{declared}</office:automatic-styles><office:body>"
    )
    return replace_parts(plain, {"content.xml": content.encode()})


@pytest.mark.parametrize(
    ("styles", "expected"),
    [
        ((("de", "DE"),), ("de-DE", "comma")),
        ((("en", "US"), ("en", "GB")), ("en-US", "point")),
        ((("pt", "BR"),), ("pt-BR", "comma")),
        ((("de", "DE"), ("en", "US")), None),  # two marks: no evidence
        ((("eu", "ES"),), None),  # not a locale we are sure of
    ],
)
def test_an_ods_number_style_names_its_locale(
    styles: tuple[tuple[str, str], ...], expected: tuple[str, str] | None
) -> None:
    found = read_workbook(ods_with_number_styles(*styles), "event.ods").number_locale
    assert (found and (found.locale, found.mark)) == (expected or None)


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize(("extension", "example"), [("ods", "number style"), ("xls", "[$€-407]")])
def test_libreoffice_keeps_the_locale_of_an_excel_format(extension: str, example: str) -> None:
    """An .ods keeps it on the currency symbol of a number style, an .xls in a FORMAT record."""
    found = read_workbook(
        converted(formatted("#,##0.00 [$€-407]"), extension), f"event.{extension}"
    ).number_locale
    assert found is not None and (found.locale, found.mark) == ("de-DE", "comma")
    assert example in found.example


@pytest.mark.parametrize(
    "data", [b"", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), b"not a file at all"]
)
def test_a_damaged_xls_gives_no_locale(data: bytes) -> None:
    assert file_number_locale(data, FileKind.XLS) is None


# ------------------------------------------------------------------------------------------- properties

LOCALE_IDS = sorted(LCID_LOCALES)


@settings(max_examples=25, deadline=None)
@given(
    lcid=st.sampled_from(LOCALE_IDS),
    sign=st.sampled_from(["", "€", "$", "CHF", "kr."]),
    before=st.sampled_from(["", "#,##0.00 ", "0.0"]),
    high=st.sampled_from([0, 0x10000, 0x20000]),
)
def test_any_known_locale_id_in_a_format_is_read_with_its_mark(
    lcid: int, sign: str, before: str, high: int
) -> None:
    code = f"{before}[${sign}-{lcid | high:X}]" + ("" if before else "#,##0.00")
    found = file_number_locale(formatted(code), FileKind.XLSX)
    locale = LCID_LOCALES[lcid]
    assert found == NumberLocale(locale, LOCALE_MARKS[locale], code)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*LOCALE_MARKS, "eu-ES", "xx-YY"]), max_size=6))
def test_a_locale_is_named_only_when_every_known_locale_writes_its_mark(locales: list[str]) -> None:
    """Computed another way: the set of marks of the known locales must have exactly one member."""
    found = agreed_locale([(locale, f"fmt {i}") for i, locale in enumerate(locales)])
    marks = {LOCALE_MARKS[locale] for locale in locales if locale in LOCALE_MARKS}
    if len(marks) != 1:
        assert found is None
    else:
        assert found is not None and found.mark == marks.pop() and found.locale in locales
        assert re.fullmatch(r"fmt \d+", found.example) and locales[int(found.example[4:])] == found.locale


def test_the_locale_marks_agree_with_what_the_locales_are_known_to_write() -> None:
    """A few anchors from CLDR, written out rather than taken from the table under test."""
    assert [LOCALE_MARKS[tag] for tag in ("de-DE", "fr-FR", "pt-BR", "ru-RU")] == ["comma"] * 4
    assert [LOCALE_MARKS[tag] for tag in ("de-CH", "en-US", "ja-JP", "zh-CN")] == ["point"] * 4
    assert set(LCID_LOCALES.values()) <= set(LOCALE_MARKS)


def test_an_xlsx_without_a_styles_part_gives_no_locale() -> None:
    source = xlsx_bytes({"Suppliers": ROWS})
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            if info.filename != "xl/styles.xml":
                new.writestr(info.filename, old.read(info.filename))
    assert file_number_locale(out.getvalue(), FileKind.XLSX) is None
