"""Load test: N buyers at once against one `streamlit run app.py` server, on this machine only.

Each buyer is a page in headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright; its own browser context, so its own Streamlit session), making the
same HTTP and websocket calls a buyer's browser makes:

1. open the page, upload the sample event, wait for the ranking (time to result);
2. download the scored workbook (the download button's HTTP call);
3. upload a second, larger workbook (a few MB: the sample plus a notes sheet) and
   wait for its ranking.

For every N it reports the median and worst time to result, the failures (a step
that did not finish within its time limit, with the step named) and the server's
peak resident memory, read from /proc. Everything is bounded: loopback address,
a time limit per step and per run, the server stopped at the end.

Usage: python -m benchmarks.load [--sessions 1 5 10 20] [--json results.json]
The figures and what they mean are in benchmarks/README.md ("Load").
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "sample_event.xlsx"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STEP_SECONDS = 240  # one step (upload to ranking, a download) may take this long under load
STARTUP_SECONDS = 60
LEADS = "leads with"  # the leader's sentence in the green banner: the result is on the page


@dataclass
class Session:
    """What one buyer's session saw: seconds to each result, and the step that failed, if any."""

    first_result: float | None = None
    download: float | None = None
    second_result: float | None = None
    failure: str | None = None
    console_errors: list[str] = field(default_factory=list)


@dataclass
class Round:
    """N sessions at once: their times, failures and the server's peak memory."""

    sessions: int
    wall_seconds: float
    peak_rss_mb: float
    baseline_rss_mb: float
    results: list[Session]

    def summary(self) -> dict[str, object]:
        def stats(values: list[float]) -> dict[str, float | None]:
            return {
                "median": round(statistics.median(values), 2) if values else None,
                "worst": round(max(values), 2) if values else None,
            }

        failures = [s.failure for s in self.results if s.failure]
        return {
            "sessions": self.sessions,
            "first_result_s": stats([s.first_result for s in self.results if s.first_result is not None]),
            "download_s": stats([s.download for s in self.results if s.download is not None]),
            "second_result_s": stats([s.second_result for s in self.results if s.second_result is not None]),
            "failures": len(failures),
            "failed_steps": dict(sorted(Counter(failures).items())),  # how many sessions failed each way
            "console_errors": sorted({e for s in self.results for e in s.console_errors})[:10],
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "baseline_rss_mb": round(self.baseline_rss_mb, 1),
            "wall_s": round(self.wall_seconds, 1),
        }


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def streamlit_command(port: int, address: str = "127.0.0.1") -> list[str]:
    """`streamlit run app.py` headless on one port of one address (the loopback one unless told), as the
    load test, the proxy test and the browser tests all start it."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]


def start_server(port: int, log: Path) -> subprocess.Popen[bytes]:
    """`streamlit run app.py` on the loopback address only."""
    server = subprocess.Popen(
        streamlit_command(port), cwd=ROOT, stdout=log.open("wb"), stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped: {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("the server did not start in time")


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MiB, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class PeakMemory:
    """Samples a process's resident memory every 0.2 s in a thread and keeps the peak."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.running = pid, 0.0, True
        self.thread = threading.Thread(target=self.sample, daemon=True)
        self.thread.start()

    def sample(self) -> None:
        while self.running:
            try:
                self.peak = max(self.peak, rss_mb(self.pid))
            except OSError:
                return
            time.sleep(0.2)

    def stop(self) -> float:
        self.running = False
        self.thread.join()
        return self.peak


# --------------------------------------------------------------------------- one buyer


def larger_upload(target_mb: float = 11.0, seed: int = 18) -> bytes:
    """The sample event plus a notes sheet of random text, to about `target_mb` MB on disk."""
    book = load_workbook(SAMPLE)
    notes = book.create_sheet("Notes")
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz     "
    rows = int(target_mb * 1024 * 1024 / 60)
    for n in range(rows):
        notes.append([n, "".join(rng.choice(letters) for _ in range(40))])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def buyer(browser: object, url: str, second: Path) -> Session:
    """One buyer's trip; every wait is bounded, and the first step that fails is named."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    session = Session()
    context = await browser.new_context(accept_downloads=True)  # type: ignore[attr-defined]
    page = await context.new_page()
    page.on("console", lambda m: session.console_errors.append(m.text[:160]) if m.type == "error" else None)
    step = "open the page"
    try:
        await page.goto(url, timeout=STEP_SECONDS * 1000)
        uploader = page.get_by_test_id("stMain").get_by_test_id("stFileUploaderDropzoneInput")
        await uploader.wait_for(state="attached", timeout=STEP_SECONDS * 1000)
        step = "first upload to ranking"
        start = time.monotonic()
        await uploader.set_input_files(str(SAMPLE))
        banner = page.get_by_test_id("stAlertContentSuccess").filter(has_text=LEADS)
        await banner.first.wait_for(timeout=STEP_SECONDS * 1000)
        session.first_result = time.monotonic() - start
        step = "download the scored workbook"
        start = time.monotonic()
        button = page.get_by_test_id("stDownloadButton").filter(has_text="Download the scored workbook")
        async with page.expect_download(timeout=STEP_SECONDS * 1000) as info:
            await button.get_by_role("button").click()
        download = await info.value
        problem = await download.failure()
        if problem:
            raise RuntimeError(f"download failed: {problem}")
        session.download = time.monotonic() - start
        step = "second (larger) upload to ranking"
        start = time.monotonic()
        await uploader.set_input_files(str(second))
        caption = page.get_by_test_id("stCaptionContainer").filter(has_text=second.name)
        await caption.first.wait_for(timeout=STEP_SECONDS * 1000)
        await banner.first.wait_for(timeout=STEP_SECONDS * 1000)
        session.second_result = time.monotonic() - start
    except PlaywrightTimeout:
        session.failure = f"{step}: over {STEP_SECONDS} s"
    except RuntimeError as error:
        session.failure = f"{step}: {error}"[:200]
    finally:
        await context.close()
    return session


async def one_round(url: str, sessions: int, second: Path, server_pid: int) -> Round:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        baseline = rss_mb(server_pid)
        memory = PeakMemory(server_pid)
        start = time.monotonic()
        results = await asyncio.gather(*(buyer(browser, url, second) for _ in range(sessions)))
        wall = time.monotonic() - start
        peak = memory.stop()
        await browser.close()
    return Round(sessions, wall, peak, baseline, list(results))


def run(session_counts: list[int]) -> list[dict[str, object]]:
    """One server for all rounds (as in production: sessions come and go on one process)."""
    workdir = Path(tempfile.mkdtemp(prefix="scorecard-load-"))
    second = workdir / "larger_event.xlsx"
    second.write_bytes(larger_upload())
    port = free_port()
    server = start_server(port, workdir / "server.log")
    summaries = []
    try:
        for n in session_counts:
            round_ = asyncio.run(one_round(f"http://127.0.0.1:{port}", n, second, server.pid))
            summary = round_.summary()
            summary["second_upload_mb"] = round(second.stat().st_size / 1024 / 1024, 1)
            summaries.append(summary)
            print(json.dumps(summary), flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log = (workdir / "server.log").read_text(errors="replace")
        errors = [line for line in log.splitlines() if "Error" in line or "Traceback" in line]
        if errors:
            print("server log errors:", *errors[:20], sep="\n  ")
    return summaries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 10, 20])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if not os.access(CHROMIUM, os.X_OK):
        print(f"{CHROMIUM} is missing: install Debian's chromium to run the load test.", file=sys.stderr)
        return 2
    summaries = run(args.sessions)
    if args.json:
        args.json.write_text(json.dumps({"load": summaries}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
