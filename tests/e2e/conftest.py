"""Browser tests: Debian's chromium driven by Playwright against the app served on localhost.

Never `playwright install`: the browser is the system's /usr/bin/chromium. Without
it the tests are skipped with the reason, except in CI (CI=true), where a
missing browser is a failure, so a green CI run always includes these tests.
"""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from benchmarks.load import (  # one list of Chromium's flags, one server command
    CHROMIUM_ARGS,
    free_port,
    streamlit_command,
)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
STARTUP_SECONDS = 60
RERUN_TIMEOUT_MS = 30_000


def require_chromium(browser: Path = CHROMIUM, ci: str | None = None) -> None:
    """Skip (locally) or fail (in CI, where `CI` is "true") when the system browser is not there."""
    if browser.is_file() and os.access(browser, os.X_OK):
        return
    message = f"{browser} is missing: install Debian's chromium (apt-get install chromium) to run the browser tests."
    if (ci if ci is not None else os.environ.get("CI")) == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium_requirement() -> Callable[..., None]:
    """The check the browser fixtures run, for testing it without a browser."""
    return require_chromium


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch arguments, pointed at the system chromium."""
    require_chromium()
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1440, "height": 1800}, "accept_downloads": True}


def serving(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start `streamlit run app.py` on a free localhost port, wait until it serves, stop it at the end."""
    require_chromium()
    port = free_port()
    url = f"http://localhost:{port}"
    log_path = tmp_path_factory.mktemp("server") / "streamlit.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        streamlit_command(port, "localhost"),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not serving(url):
            if server.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"The app did not start on {url}:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        log.close()


def wait_for_rerun(page: Page) -> None:
    """Wait until the script has finished its rerun and nothing on the page is stale.

    A short pause first: some widgets send their value after a debounce, and the
    app must have started the rerun before "not running" means "done".
    """
    page.wait_for_timeout(250)
    app = page.locator('[data-testid="stApp"]')
    expect(app).to_have_attribute("data-test-connection-state", "CONNECTED", timeout=RERUN_TIMEOUT_MS)
    expect(app).to_have_attribute("data-test-script-state", "notRunning", timeout=RERUN_TIMEOUT_MS)
    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=RERUN_TIMEOUT_MS)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=RERUN_TIMEOUT_MS)


@pytest.fixture(scope="session")
def settled() -> Callable[[Page], None]:
    """`settled(page)` waits for the rerun after an interaction (see `wait_for_rerun`)."""
    return wait_for_rerun


@pytest.fixture
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the test saves its screenshots (under pytest's tmp dir, kept for a look afterwards)."""
    return tmp_path_factory.mktemp("screenshots")


def open_and_upload(page: Page, app_url: str, file: Path) -> None:
    """Open the app, upload `file` through the main page's uploader and wait for the scored page."""
    page.goto(app_url)
    wait_for_rerun(page)
    page.get_by_test_id("stMain").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(file)
    wait_for_rerun(page)


@pytest.fixture(scope="session")
def upload() -> Callable[[Page, str, Path], None]:
    """`upload(page, app_url, path)`: a fresh page with the file uploaded and the rerun settled."""
    return open_and_upload
