"""Nothing from a file is rendered as markup: links, bold, LaTeX, auto-linked URLs stay plain text.

A payload workbook (supplier names, evaluator comments and a sheet name that
carry Markdown, LaTeX and bare URLs) and a payload settings file (criterion
labels, description, band and settings names) are loaded into the page with
AppTest, every tab is opened, and every text Streamlit would render as
Markdown (bodies, labels, help tooltips, captions, expander and tab labels) is
collected from the page's element tree. None may hold a payload's markup
unescaped; each payload must be seen at least once (escaped), so the walk
cannot pass by missing the texts it checks.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml
from google.protobuf.message import Message
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest
from workbooks import xlsx_bytes

from scorecard.config import config_to_dict, load_preset
from scorecard.ui.plain import WORD_JOINER, escape
from tests.ui.test_analyses import PAGE_TABS

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
SAMPLE = ROOT / "sample_data" / "sample_event.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

SHEET_PAYLOAD = "Open the [corrected file](https://evil.example/fix) **now**"
# supplier names: (payload, the fragments that would render as markup if left raw)
SUPPLIER_PAYLOADS = (
    "Acme **Bold** https://evil.example/b Metals",
    "Beta $x^2$ www.evil.example Castings",
    "Gamma https://evil.example/b Ltd",
    "Delta www.evil.example [click](https://evil.example/d)",
    "Epsilon <https://evil.example/e> :red[alert] ops@evil.example",
)
COMMENT_PAYLOAD = "see [here](https://evil.example/c) __now__ $y$ https://evil.example/raw"
LABEL_PAYLOAD = "Cost [see](https://evil.example/s) **x**"
DESCRIPTION_PAYLOAD = "Read **this** at https://evil.example/desc and $$z$$"
SETTINGS_NAME_PAYLOAD = "Evil [settings](https://evil.example/n)"
# raw fragments that render as a link, bold, LaTeX or an auto-link: none may reach the page unescaped
MARKUP = (
    "](",
    "**Bold**",
    "**now**",
    "**x**",
    "**this**",
    "__now__",
    "$x^2$",
    "$y$",
    "$$z$$",
    "https://evil",
    "www.evil",
    "<https:",
    ":red[",
    "ops@evil",
)
# each payload as it must appear (escaped) at least once, so that the walk cannot pass by missing it
SEEN = tuple(
    escape(fragment)
    for fragment in (
        "Acme **Bold** https://evil.example/b",  # the leader: banners, metrics, captions
        "Beta $x^2$ www.evil.example",  # the runner-up: compare, plans, downloads
        "Epsilon <https://evil.example/e> :red[alert] ops@evil",  # the panel
        "see [here](https://evil.example/c) __now__",  # evaluator comments
        "Cost [see](https://evil.example/s) **x**",  # a criterion label
        "Read **this** at https://evil.example/desc",  # the settings' description
        "**Top** $band$",  # a band name
    )
)
TEXT_FIELDS = {"body", "label", "help", "caption", "captions", "placeholder", "text"}


def payload_workbook() -> bytes:
    """The sample event with five suppliers renamed to payloads (on every sheet) and payload comments."""
    book = load_workbook(SAMPLE)
    suppliers = book["Suppliers"]
    names = []
    for row in suppliers.iter_rows():
        for cell in row:
            if cell.value == "Supplier":
                column = cell.column
                names = [
                    suppliers.cell(r, column).value
                    for r in range(cell.row + 1, suppliers.max_row + 1)
                    if isinstance(suppliers.cell(r, column).value, str)
                ]
                break
        if names:
            break
    renamed = dict(zip(names, SUPPLIER_PAYLOADS, strict=False))
    assert len(renamed) == len(SUPPLIER_PAYLOADS)
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value in renamed:
                    cell.value = renamed[cell.value]
    evaluations = book["Evaluations"]
    for r in range(2, evaluations.max_row + 1):
        evaluations.cell(r, 5).value = COMMENT_PAYLOAD
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def payload_settings() -> bytes:
    """The default preset with a payload name, description, first criterion label and band name."""
    data = config_to_dict(load_preset("default"))
    data["name"] = SETTINGS_NAME_PAYLOAD
    data["description"] = DESCRIPTION_PAYLOAD
    first = data["categories"]["cost"]["criteria"][0]
    first["column"] = first.get("column") or first["label"]
    first["label"] = LABEL_PAYLOAD
    data["bands"][0]["name"] = "**Top** $band$ https://evil.example/band"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode()


def rendered_texts(at: AppTest) -> list[str]:
    """Every string of the page that Streamlit renders as Markdown: element bodies, labels, help, captions."""
    texts: list[str] = []

    def collect(message: Message) -> None:
        for field, value in message.ListFields():
            items = [value] if isinstance(value, (Message, str, bytes, int, float)) else list(value)
            for item in items:
                if isinstance(item, Message):
                    collect(item)
                elif isinstance(item, str) and field.name in TEXT_FIELDS:
                    texts.append(item)

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            collect(proto)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return texts


def check_plain(texts: list[str], where: str) -> None:
    for text in texts:
        for fragment in MARKUP:
            assert fragment not in text, f"{where}: {fragment!r} rendered as markup in {text!r}"


def unescaped_markup(text: str) -> bool:
    """Is any Markdown, LaTeX or link character in `text` left without its backslash?"""
    return bool(re.search(r"(?<!\\)(?:\\\\)*[*_\[\]$`<>:@]", text))


# --------------------------------------------------------------------------- the rule itself


@pytest.mark.parametrize(
    "text",
    [
        SHEET_PAYLOAD,
        *SUPPLIER_PAYLOADS,
        COMMENT_PAYLOAD,
        DESCRIPTION_PAYLOAD,
        "# Heading",
        "1. not a list",
        "- not a list",
        "    not code",
        "`code` and \\*",
        ":material/home: and :smile:",
    ],
)
def test_escape_leaves_no_markup_character_bare_and_reads_back_as_the_text(text: str) -> None:
    escaped = escape(text)
    assert not unescaped_markup(escaped)
    assert not re.search(r"(?m)^(?:[-+#]|\d+\.|\s{4})", escaped)  # no list, heading or code block
    # what the buyer reads: each escape shows its character, the word joiners show nothing
    readable = re.sub(r"\\(.)", r"\1", escaped).replace(WORD_JOINER, "")
    assert readable == re.sub(r"(?m)^[ \t]+", "", text)


def test_auto_links_are_broken_by_an_invisible_joiner_and_numbers_keep_their_look() -> None:
    j = WORD_JOINER
    assert escape("www.evil.example 1,234.50") == f"www{j}.evil.example 1,234.50"
    assert escape("https://evil.example") == f"https{j}\\://evil.example"
    assert escape("ops@evil.example") == f"ops\\@{j}evil.example"


# --------------------------------------------------------------------------- the page walk


def test_every_tab_shows_a_payload_workbook_and_settings_file_as_plain_text() -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.file_uploader(key="settings_upload").upload("evil.yaml", payload_settings(), "application/x-yaml")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="preset").value == "(your settings file)", [e.value for e in at.error]
    at.file_uploader(key="upload").upload("payload.xlsx", payload_workbook(), XLSX)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    seen: list[str] = rendered_texts(at)
    check_plain(seen, "first screen")
    tabs = [str(tab.label) for tab in at.tabs]  # the page's own tabs: a new one is walked too
    visited: list[str] = []
    for tab in tabs:
        at.session_state["tabs"] = tab
        at.run()
        assert not at.exception, (tab, [e.value for e in at.exception])
        texts = rendered_texts(at)
        check_plain(texts, tab)
        seen += texts
        visited.append(tab)
    assert set(PAGE_TABS) <= set(visited), f"the walk missed tabs: {set(PAGE_TABS) - set(visited)}"
    everything = "\n".join(seen)
    for escaped in SEEN:
        assert escaped in everything, f"{escaped!r} never appeared: the walk missed a payload"


def test_an_error_banner_quoting_a_payload_sheet_name_is_plain_text() -> None:
    # a CSV's sheet is named after its file: headers but no rows gives a red banner naming the sheet
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.file_uploader(key="upload").upload(f"{SHEET_PAYLOAD}.csv", b"Supplier,Total cost\n", "text/csv")
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors, "the empty CSV should be refused"
    check_plain(errors + rendered_texts(at), "error banner")
    assert any("corrected file" in e for e in errors)


@pytest.mark.parametrize(
    ("name", "text", "phrase"),
    [
        ("deep.yaml", b"name: deep\ncategories: " + b"[" * 500 + b"]" * 500, "levels deep"),
        ("huge.yaml", b"name: x\ncategories:\n  cost:\n    weight: 1" + b"0" * 309, "310 digits"),
        ("dup.yaml", b"name: a\nname: b\n", "twice"),
        (f"{SHEET_PAYLOAD}.yaml", b"name: [unclosed\n", "could not be read"),
    ],
)
def test_hostile_settings_uploads_show_our_message_never_streamlits_error_box(
    name: str, text: bytes, phrase: str
) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.file_uploader(key="settings_upload").upload(name, text, "application/x-yaml")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert any(phrase in re.sub(r"\\(.)", r"\1", e) for e in errors), errors
    check_plain(errors, "settings error")
    assert at.selectbox(key="preset").value == "default"  # the page keeps the settings it had


def test_an_unexpected_failure_reading_settings_is_still_our_message(monkeypatch: pytest.MonkeyPatch) -> None:
    from scorecard.ui import setup

    def broken(*args: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(setup, "parse_config_text", broken)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.file_uploader(key="settings_upload").upload("odd.yaml", b"name: x\n", "application/x-yaml")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]
    assert any("could not be read as a settings file" in e and "still in use" in e for e in errors), errors


@pytest.mark.slow  # a child process or a large file: the full suite runs it
def test_a_workbook_of_16000_headers_uploaded_in_the_app_is_refused_in_words() -> None:
    header = [f"h{i}" for i in range(16_000)]
    data = xlsx_bytes({"Suppliers": [header, list(range(16_000))]})
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.file_uploader(key="upload").upload("wide.xlsx", data, XLSX)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [re.sub(r"\\(.)", r"\1", e.value) for e in at.error]
    assert any("16,000 column names" in e and 'sheet "Suppliers"' in e for e in errors), errors
