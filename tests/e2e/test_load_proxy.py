"""deploy/nginx.conf, started locally: two app replicas behind nginx, each serving a scored result.

The repository's config is used as written, with only its ports, log path and
temporary folders pointed at this test's own (free loopback ports, a tmp
folder). Each replica is reached through the proxy by a sticky key that nginx
routes to it, and a headless Chromium page scores the sample there: upload,
websocket reruns and the download all have to land on the same replica for
the result to appear. Skipped (with the reason) without nginx or chromium
outside CI; CI installs both (scripts/test.sh).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from benchmarks.load import free_port, streamlit_command

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "nginx.conf"
SAMPLE = ROOT / "sample_data" / "sample_event.xlsx"
CHROMIUM = Path("/usr/bin/chromium")
STARTUP_SECONDS = 90
RESULT_MS = 120_000

pytestmark = pytest.mark.slow


def nginx_binary() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if os.access(p, os.X_OK)), None
    )
    if found and CHROMIUM.is_file():
        return found
    message = "nginx and Debian's chromium are needed (apt-get install nginx-light chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)
    raise AssertionError  # pragma: no cover


def wait_until_serving(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{url} stopped: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"{url} did not start: {log.read_text(errors='replace')[-2000:]}")


def local_config(replicas: list[int], listen: int, folder: Path) -> Path:
    """deploy/nginx.conf with this test's ports, logs and temporary folders (nothing else changed)."""
    text = CONFIG.read_text()
    for production, port in zip(("127.0.0.1:8501", "127.0.0.1:8502"), replicas, strict=True):
        assert production in text, f"deploy/nginx.conf no longer has the replica {production}"
        text = text.replace(production, f"127.0.0.1:{port}")
    assert "listen 8080;" in text
    text = text.replace("listen 8080;", f"listen 127.0.0.1:{listen};")
    text = text.replace("/var/log/nginx/", f"{folder}/")
    temporary = "".join(
        f"    {kind}_temp_path {folder / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    text = text.replace("http {\n", "http {\n" + temporary, 1)
    path = folder / "nginx.conf"
    path.write_text(text)
    return path


@pytest.fixture(scope="module")
def proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """Two replicas and nginx in front; yields the proxy's URL and the replicas' addresses."""
    nginx = nginx_binary()
    folder = tmp_path_factory.mktemp("proxy")
    ports = [free_port(), free_port()]
    listen = free_port()
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for port in ports:
            log = folder / f"replica-{port}.log"
            replica = subprocess.Popen(
                streamlit_command(port),
                cwd=ROOT,
                stdout=log.open("wb"),
                stderr=subprocess.STDOUT,
            )
            processes.append(replica)
            wait_until_serving(f"http://127.0.0.1:{port}", replica, log)
        config = local_config(ports, listen, folder)
        log = folder / "nginx.log"
        server = subprocess.Popen(
            [
                nginx,
                "-p",
                str(folder),
                "-c",
                str(config),
                "-g",
                f"daemon off; pid {folder / 'nginx.pid'}; error_log {folder / 'error.log'};",
            ],
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        processes.append(server)
        wait_until_serving(f"http://127.0.0.1:{listen}", server, folder / "error.log")
        yield f"http://127.0.0.1:{listen}", [f"127.0.0.1:{port}" for port in ports]
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def replica_for(url: str, key: str) -> str:
    request = urllib.request.Request(url, headers={"Cookie": f"scorecard_replica={key}"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert f"scorecard_replica={key}" in answer.headers.get("Set-Cookie", "")
        return answer.headers["X-Scorecard-Replica"]


def test_a_new_browser_gets_a_sticky_key(proxy: tuple[str, list[str]]) -> None:
    url, replicas = proxy
    with urllib.request.urlopen(url, timeout=10) as answer:
        cookie = answer.headers.get("Set-Cookie", "")
        assert cookie.startswith("scorecard_replica=") and "HttpOnly" in cookie
        assert answer.headers["X-Scorecard-Replica"] in replicas
    key = cookie.split(";")[0].split("=", 1)[1]
    # the same key always reaches the same replica
    assert len({replica_for(url, key) for _ in range(5)}) == 1


def test_both_replicas_serve_a_scored_result_through_the_proxy(
    proxy: tuple[str, list[str]], browser: Browser
) -> None:
    """Through pytest-playwright's browser (the e2e folder's Chromium and flags): a second sync Playwright
    started inside the same test session would refuse to run in its event loop."""
    url, replicas = proxy
    keys: dict[str, str] = {}
    for n in range(200):
        keys.setdefault(replica_for(url, f"buyer-{n}"), f"buyer-{n}")
        if len(keys) == len(replicas):
            break
    assert set(keys) == set(replicas), f"the hash sent 200 keys to {sorted(keys)} only"
    for replica, key in sorted(keys.items()):
        context = browser.new_context(accept_downloads=True)
        context.add_cookies([{"name": "scorecard_replica", "value": key, "url": url}])
        page = context.new_page()
        served_by: set[str] = set()
        page.on("response", lambda r, seen=served_by: seen.add(r.headers.get("x-scorecard-replica", "")))
        page.goto(url)
        uploader = page.get_by_test_id("stMain").get_by_test_id("stFileUploaderDropzoneInput")
        uploader.set_input_files(SAMPLE)
        expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("leads with", timeout=RESULT_MS)
        button = page.get_by_test_id("stDownloadButton").filter(has_text="Download the scored workbook")
        with page.expect_download(timeout=RESULT_MS) as download:
            button.get_by_role("button").click()
        assert download.value.failure() is None
        served_by.discard("")
        assert served_by == {replica}, f"key {key}: answered by {served_by}, expected {replica} only"
        context.close()
