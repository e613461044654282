"""In the real page: payload text from a workbook and a settings file renders as no link, bold or LaTeX.

The AppTest walk (tests/ui/test_escaping.py) checks the Markdown the page sends;
this checks what Streamlit's renderer makes of it in Chromium: no <a> whose
target is the payload's, no <strong> around payload words, no KaTeX, no
coloured directive, on the ranking and in the sidebar, for the same payload
files. Our own links and bold text (not from a file) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.ui.test_escaping import payload_settings, payload_workbook

pytestmark = pytest.mark.e2e


def test_payload_files_render_as_plain_text_in_the_browser(
    page: Page, app_url: str, settled: Callable[[Page], None], tmp_path: Path
) -> None:
    settings = tmp_path / "evil.yaml"
    settings.write_bytes(payload_settings())
    workbook = tmp_path / "payload.xlsx"
    workbook.write_bytes(payload_workbook())
    page.goto(app_url)
    settled(page)
    page.get_by_test_id("stSidebar").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(settings)
    settled(page)
    page.get_by_test_id("stMain").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(workbook)
    settled(page)
    success = page.get_by_test_id("stAlertContentSuccess")
    expect(success).to_contain_text(re.compile(r"Acme \*\*Bold\*\* https\W*://evil\.example/b Metals leads"))
    app = page.get_by_test_id("stApp")
    expect(app.locator('a[href*="evil.example"]')).to_have_count(0)
    expect(app.locator(".katex")).to_have_count(0)
    for word in ("Bold", "now", "this", "Top", "x"):
        expect(app.locator("strong", has_text=word).filter(has_text=f"**{word}**")).to_have_count(0)
        expect(app.locator("strong").get_by_text(word, exact=True)).to_have_count(0)
    expect(app.locator('[data-testid="stMarkdownColoredText"]', has_text="alert")).to_have_count(0)
    # the payloads are on the page as the file has them (an invisible word joiner inside each URL)
    description = re.compile(r"Read \*\*this\*\* at https\W*://evil\.example/desc and \$\$z\$\$")
    expect(page.get_by_test_id("stSidebar")).to_contain_text(description)
