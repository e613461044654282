"""The locale a file's number formats were written in, and the decimal mark it implies.

Evidence for a column whose own cells cannot tell ',' from '.': Excel tags a
number format (.xlsx styles, .xls FORMAT records) with the locale it was made in (`#,##0.00 [$€-407]`: 0x407 is
de-DE, which writes a decimal comma); LibreOffice gives its number styles a
`number:language` and `number:country`. Read once, after the guard (no DTDs,
no entities, every part's size capped), from the top of the parts only (number
formats come before the cells). A part that cannot be read gives no locale,
never an error: this is a hint, not the data.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from defusedxml import ElementTree as SafeElementTree

from scorecard.guard import FileKind
from scorecard.guard.ole import BIFF_BOF, CompoundFile, biff_records

# The decimal mark of locales we are sure of (CLDR), by Windows locale id and by language tag.
_COMMA = "comma"
_POINT = "point"
LOCALE_MARKS: dict[str, str] = {
    **dict.fromkeys(
        ("de-DE", "de-AT", "fr-FR", "fr-BE", "fr-CA", "es-ES", "it-IT", "nl-NL", "nl-BE", "pt-BR", "pt-PT"),
        _COMMA,
    ),
    **dict.fromkeys(("ru-RU", "pl-PL", "cs-CZ", "sv-SE", "da-DK", "fi-FI", "nb-NO", "tr-TR"), _COMMA),
    **dict.fromkeys(("de-CH", "en-US", "en-GB", "en-AU", "en-CA", "en-IE", "es-MX"), _POINT),
    **dict.fromkeys(("ja-JP", "zh-CN", "ko-KR"), _POINT),
}
LCID_LOCALES: dict[int, str] = {
    0x407: "de-DE", 0xC07: "de-AT", 0x807: "de-CH", 0x40C: "fr-FR", 0x80C: "fr-BE", 0xC0C: "fr-CA",
    0xC0A: "es-ES", 0x80A: "es-MX", 0x410: "it-IT", 0x413: "nl-NL", 0x813: "nl-BE", 0x416: "pt-BR",
    0x816: "pt-PT", 0x419: "ru-RU", 0x415: "pl-PL", 0x405: "cs-CZ", 0x41D: "sv-SE", 0x406: "da-DK",
    0x40B: "fi-FI", 0x414: "nb-NO", 0x41F: "tr-TR", 0x409: "en-US", 0x809: "en-GB", 0xC09: "en-AU",
    0x1009: "en-CA", 0x1809: "en-IE", 0x411: "ja-JP", 0x804: "zh-CN", 0x412: "ko-KR",
}  # fmt: skip
# '[$€-407]', '[$-407]', '[$EUR-10407]': the hex digits after the dash; the low 16 bits are the locale
_LCID_TAG = re.compile(r"\[\$[^\]\-]*-([0-9A-Fa-f]{1,8})\]")
_STYLE_ELEMENTS = 5_000  # elements looked at per part: number formats are a few dozen, at the top
BIFF_FORMAT = 0x041E  # an .xls number format: index, then the format code as a BIFF8 string
_NUMBER = "{urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0}"
_STYLE_NAME = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}name"


@dataclass(frozen=True)
class NumberLocale:
    """The locale the file's number formats name, the decimal mark it writes, and a format that shows it."""

    locale: str  # a language tag, e.g. "de-DE"
    mark: str  # "comma" or "point"
    example: str  # the number format (xlsx) or number style (ods) that names the locale


def file_number_locale(data: bytes, kind: FileKind) -> NumberLocale | None:
    """The file's number locale, if its tagged number formats agree on one decimal mark; else None."""
    try:
        if kind == FileKind.XLS:
            found = list(_xls_locales(data))
        elif kind not in (FileKind.XLSX, FileKind.XLSM, FileKind.ODS):
            return None
        else:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                found = list(_ods_locales(archive) if kind == FileKind.ODS else _xlsx_locales(archive))
    except Exception:  # a damaged or hostile styles part: no hint, the cells are still read
        return None
    return agreed_locale(found)


def agreed_locale(found: list[tuple[str, str]]) -> NumberLocale | None:
    """From (locale, example) pairs: the most used locale whose mark all known locales share, else None."""
    known = [(locale, example) for locale, example in found if locale in LOCALE_MARKS]
    if len({LOCALE_MARKS[locale] for locale, _ in known}) != 1:
        return None  # none, or formats of a comma and a point locale: no evidence either way
    locale = Counter(locale for locale, _ in known).most_common(1)[0][0]
    example = next(example for tag, example in known if tag == locale)
    return NumberLocale(locale, LOCALE_MARKS[locale], example)


def _xlsx_locales(archive: zipfile.ZipFile) -> Iterator[tuple[str, str]]:
    """The locales named by the number formats (`<numFmt formatCode=...>`) of the styles part."""
    member = next((n for n in archive.namelist() if n.lower() == "xl/styles.xml"), None)
    if member is None:
        return
    for element in _first_elements(archive, member):
        if _local(element.tag) != "numFmt":
            continue
        yield from _format_locales(element.get("formatCode") or "")


def _format_locales(code: str) -> Iterator[tuple[str, str]]:
    """The known locales an Excel number format names ('#,##0.00 [$€-407]' names de-DE)."""
    for tag in _LCID_TAG.findall(code):
        locale = LCID_LOCALES.get(int(tag, 16) & 0xFFFF)
        if locale:
            yield locale, code


def _xls_locales(data: bytes) -> Iterator[tuple[str, str]]:
    """The locales named by the FORMAT records of an .xls (BIFF8), which come before the first sheet."""
    ole = CompoundFile(data)
    stream = ole.stream("workbook") if "workbook" in ole.entries else ole.stream("book")
    for number, (record, body, length) in enumerate(biff_records(stream)):
        if number > _STYLE_ELEMENTS or (record == BIFF_BOF and body > 4):
            return  # the workbook's globals end where the first sheet begins
        if record != BIFF_FORMAT or length < 5:
            continue
        size, flags = struct.unpack_from("<HB", stream, body + 2)
        raw = stream[body + 5 : body + min(length, 5 + size * 2)]
        code = raw.decode("utf-16-le", "replace") if flags & 1 else raw[:size].decode("latin-1")
        yield from _format_locales(code)


def _ods_locales(archive: zipfile.ZipFile) -> Iterator[tuple[str, str]]:
    """The locales of the number styles in styles.xml and content.xml: `number:language` and
    `number:country` on a style or on its currency symbol (where LibreOffice keeps Excel's [$€-407])."""
    for member in ("styles.xml", "content.xml"):
        if member not in archive.namelist():
            continue
        style = ""
        for element in _first_elements(archive, member, stop="body"):
            if not element.tag.startswith(_NUMBER):
                continue
            style = element.get(_STYLE_NAME) or style
            language, country = element.get(f"{_NUMBER}language"), element.get(f"{_NUMBER}country")
            if language and country:
                yield f"{language.lower()}-{country.upper()}", f"number style {style}"


def _first_elements(
    archive: zipfile.ZipFile, member: str, stop: str = ""
) -> Iterator[SafeElementTree.Element]:
    """The part's first elements as they open, up to `stop` (an element's local name) or _STYLE_ELEMENTS."""
    with archive.open(member) as stream:
        events = SafeElementTree.iterparse(stream, events=("start",))
        for _, element in islice(events, _STYLE_ELEMENTS):
            if stop and _local(element.tag) == stop:
                return
            yield element


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
