"""Files are never destroyed: the input is never overwritten, a failed write leaves the earlier file whole.

The full-disk case is played with a tiny file-size limit (RLIMIT_FSIZE, what
`ulimit -f` sets) in a child process, never by filling a real disk. Causes a
test cannot produce on this machine (a locked file, a full disk) are raised
by a stand-in for the one system call that would fail, and the message is
checked for the real cause.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import openpyxl
import pytest
from workbooks import three_supplier_event

from scorecard import files
from scorecard.cli import main
from scorecard.errors import ScorecardError
from scorecard.files import check_output_path, read_input_file, write_file_atomically
from tests.children import python_child, scorecard_command

EARLIER = b"an earlier scored workbook the buyer kept"


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return three_supplier_event(tmp_path)


def leftovers(folder: Path) -> list[str]:
    """Temporary files a write could leave behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


# --------------------------------------------------------------------------- the input is never the output


@pytest.mark.parametrize("how", ["same path", "symbolic link", "hard link", "relative path"])
def test_output_that_is_the_input_is_refused_and_the_workbook_kept(
    workbook: Path, how: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = workbook.read_bytes()
    output = workbook
    if how == "symbolic link":
        output = workbook.with_name("link.xlsx")
        output.symlink_to(workbook)
    elif how == "hard link":
        output = workbook.with_name("hard.xlsx")
        os.link(workbook, output)
    elif how == "relative path":
        monkeypatch.chdir(workbook.parent.parent)
        output = Path(workbook.parent.name) / "." / workbook.name
    assert main(["score", str(workbook), "--output", str(output)]) == 2
    err = capsys.readouterr().err
    assert "is the input workbook itself" in err and "--output" in err
    assert workbook.read_bytes() == before


def test_the_input_through_a_link_is_refused_as_output(
    workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = workbook.with_name("link.xlsx")
    link.symlink_to(workbook)
    before = workbook.read_bytes()
    assert main(["score", str(link), "--output", str(workbook)]) == 2
    assert "is the input workbook itself" in capsys.readouterr().err
    assert workbook.read_bytes() == before


# --------------------------------------------------------------------------- inputs that are not files


def test_a_folder_as_input_is_named_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is a folder, not a file" in err and "does not exist" not in err


@pytest.mark.slow  # a child process or a large file: the full suite runs it
def test_a_fifo_as_input_is_named_a_pipe_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "event.xlsx"
    os.mkfifo(fifo)
    # in a child with a timeout: opening a pipe with no writer would block forever
    run = scorecard_command("validate", str(fifo))
    assert run.returncode == 2, run.stderr
    assert "is a pipe (FIFO)" in run.stderr and "does not exist" not in run.stderr


def test_a_missing_input_and_a_broken_link_say_so(tmp_path: Path) -> None:
    with pytest.raises(ScorecardError, match="does not exist"):
        read_input_file(tmp_path / "missing.xlsx")
    link = tmp_path / "link.xlsx"
    link.symlink_to(tmp_path / "gone.xlsx")
    with pytest.raises(ScorecardError, match="is a link to a file that does not exist"):
        read_input_file(link)


def test_a_huge_input_is_read_only_one_byte_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    path.write_bytes(b"x" * 5000)
    assert len(read_input_file(path, max_bytes=1000)) == 1001  # the guard then refuses it in words


def test_a_folder_or_pipe_as_settings_file_gets_its_own_message(
    workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = workbook.parent / "settings.yaml"
    folder.mkdir()
    assert main(["validate", str(workbook), "--config", str(folder)]) == 2
    assert "is a folder, not a settings file" in capsys.readouterr().err


# --------------------------------------------------------------------------- outputs that cannot be written


def test_a_missing_output_folder_is_named_before_any_scoring(
    workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = workbook.parent / "no such folder" / "scored.xlsx"
    assert main(["score", str(workbook), "--output", str(output)]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "no such folder" in err and "Excel" not in err
    assert "leads with" not in err


def test_a_folder_as_output_is_refused(workbook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(workbook), "--output", str(workbook.parent)]) == 2
    assert "is a folder" in capsys.readouterr().err


@pytest.mark.slow  # a child process or a large file: the full suite runs it
def test_a_file_size_limit_leaves_the_earlier_file_whole_and_no_partial_file(workbook: Path) -> None:
    output = workbook.with_name("scored.xlsx")
    output.write_bytes(EARLIER)
    # 16 KB: the input is read fine, the scored workbook (about 20 KB and more) cannot be written
    code = f"import sys; from scorecard.cli import main; sys.exit(main(['score', {str(workbook)!r}, '--output', {str(output)!r}]))"
    run = python_child(code, file_size=16_000)
    assert run.returncode == 2, run.stderr
    assert "file-size limit" in run.stderr and "Excel" not in run.stderr
    assert "earlier file at that path was left as it was" in run.stderr
    assert output.read_bytes() == EARLIER
    assert leftovers(workbook.parent) == []


def test_the_same_write_without_the_limit_replaces_the_earlier_file(workbook: Path) -> None:
    output = workbook.with_name("scored.xlsx")
    output.write_bytes(EARLIER)
    output.chmod(0o640)
    assert main(["score", str(workbook), "--output", str(output)]) == 0
    book = openpyxl.load_workbook(output, read_only=True)
    assert "Ranking" in book.sheetnames
    assert (output.stat().st_mode & 0o777) == 0o640  # the earlier file's permissions are kept
    assert leftovers(workbook.parent) == []


def test_a_new_file_gets_ordinary_permissions_not_the_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "new.xlsx"
    write_file_atomically(target, b"data")
    umask = os.umask(0)
    os.umask(umask)
    assert target.read_bytes() == b"data"
    assert (target.stat().st_mode & 0o777) == 0o666 & ~umask


def test_a_read_only_folder_is_named_as_the_cause(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "read only"
    folder.mkdir()
    target = folder / "scored.xlsx"
    target.write_bytes(EARLIER)
    folder.chmod(0o555)
    if (
        os.geteuid() == 0
    ):  # root ignores folder permissions: the system call then fails as it would for a user
        fail_with(errno.EACCES, "mkstemp", monkeypatch, module=files.tempfile)
    try:
        with pytest.raises(ScorecardError) as raised:
            write_file_atomically(target, b"new")
    finally:
        folder.chmod(0o755)
    message = str(raised.value)
    assert "do not have permission to write in the folder" in message and "read-only" in message
    assert "Excel" not in message
    assert target.read_bytes() == EARLIER
    assert leftovers(folder) == []


def fail_with(code: int, call: str, monkeypatch: pytest.MonkeyPatch, module: object = files.os) -> None:
    """Make one system call of the write fail with the given error number."""

    def failing(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(module, call, failing)


@pytest.mark.parametrize(
    ("code", "call", "cause", "excel"),
    [
        (errno.ENOSPC, "fsync", "the disk is full", False),
        (errno.EFBIG, "fsync", "file-size limit", False),
        (errno.EROFS, "replace", "is read-only", False),
        (errno.EACCES, "replace", "the file is locked", True),
    ],
)
def test_each_failed_write_says_its_real_cause_and_keeps_the_earlier_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, call: str, cause: str, excel: bool
) -> None:
    target = tmp_path / "scored.xlsx"
    target.write_bytes(EARLIER)
    fail_with(code, call, monkeypatch)
    with pytest.raises(ScorecardError) as raised:
        write_file_atomically(target, b"new scored workbook")
    message = str(raised.value)
    assert cause in message
    assert ("open in Excel" in message) == excel  # only a locked file is blamed on Excel
    assert target.read_bytes() == EARLIER
    assert leftovers(tmp_path) == []


def test_a_folder_that_vanishes_before_the_write_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "gone"
    folder.mkdir()
    target = folder / "scored.xlsx"
    check_output_path(target, tmp_path / "input.xlsx")
    shutil.rmtree(folder)
    with pytest.raises(ScorecardError, match="does not exist") as raised:
        write_file_atomically(target, b"data")
    assert "Excel" not in str(raised.value)


def test_an_interrupted_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "scored.xlsx"
    target.write_bytes(EARLIER)

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_file_atomically(target, b"new")
    assert target.read_bytes() == EARLIER
    assert leftovers(tmp_path) == []
