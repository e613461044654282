"""Driving the page headless with Streamlit's AppTest: start it, upload, open a tab, read what it shows."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
SAMPLE = ROOT / "sample_data" / "sample_event.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WEIGHT = "weight.category.quality"
# the weight change the tests make: quality from the preset's 25 to 70 moves the sample's leader
QUALITY_WEIGHT = 70.0


def started() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception
    return at


def loaded(data: bytes, name: str = SAMPLE.name) -> AppTest:
    """The page after uploading this workbook (the sample unless named otherwise), with no exception."""
    at = started()
    at.file_uploader(key="upload").upload(name, data, XLSX)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(plain(m.value) for m in at.metric if m.label == label)  # values may hold file text


def no_apology(at: AppTest) -> None:
    """An apology means an unexpected exception was caught: in a test that is a bug."""
    assert not any("Sorry, something went wrong" in e.value for e in at.error), [e.value for e in at.error]


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The one table on the page that has this column (st.dataframe keeps no key without selections)."""
    frames = [frame.value for frame in at.dataframe if column in frame.value.columns]
    assert len(frames) == 1, f"{len(frames)} tables with a {column!r} column"
    return frames[0]


def open_tab(at: AppTest, label: str) -> None:
    """Tabs run lazily: select one the way the browser does (its state), then rerun."""
    at.session_state["tabs"] = label
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def plain(markdown: str) -> str:
    """Markdown as the buyer reads it (our escapes removed)."""
    return markdown.replace("\\", "")


def texts(at: AppTest) -> list[str]:
    """Every text on the main page (markdown, captions, alerts, headings), in page order, as the buyer reads it."""
    return [
        plain(node.value).replace("**", "")
        for node in at.main
        if isinstance(getattr(node, "value", None), str)
    ]


def paragraphs(at: AppTest) -> list[str]:
    """Every paragraph of the main page's texts (a card is one markdown of several paragraphs)."""
    return [paragraph for text in texts(at) for paragraph in text.split("\n\n")]


def without_sheets(sample: bytes, *names: str) -> bytes:
    book = load_workbook(io.BytesIO(sample))
    for name in names:
        del book[name]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def renamed_sample(sample: bytes, old: str, new: str) -> bytes:
    book = load_workbook(io.BytesIO(sample))
    sheet = book["Suppliers"]
    for row in sheet.iter_rows(max_row=10):
        for cell in row:
            if cell.value == old:
                cell.value = new
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
