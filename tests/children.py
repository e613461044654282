"""Work run in a child process, so that an abort, a hang or a memory blow-up ends the child, never pytest.

One place for how the tests start the command line or a snippet of Python apart from themselves.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GENEROUS = 300  # seconds: what a timeout here catches is a stall or a crash, never a speed


def child_env() -> dict[str, str]:
    """The repository and tests/ importable, no bytecode left behind by children run as other users."""
    return {
        **os.environ,
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "tests")]),
    }


def scorecard_command(*args: str, timeout: float = GENEROUS) -> subprocess.CompletedProcess[str]:
    """`python -m scorecard ARGS` as a buyer runs it, in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "scorecard", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=timeout,
        env=child_env(),
    )


def python_child(
    code: str,
    *,
    memory_mb: int | None = None,
    file_size: int | None = None,
    user: int | None = None,
    timeout: float = GENEROUS,
) -> subprocess.CompletedProcess[str]:
    """Python code in a child process, optionally under an address-space cap, a file-size limit, or as
    another user (the limits are set in the child, before the code runs)."""

    def limits() -> None:
        if memory_mb is not None:
            cap = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
        if user is not None:
            os.setgid(user)
            os.setuid(user)

    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=timeout,
        preexec_fn=limits,
        env=child_env(),
    )
