"""Files on the buyer's disk: read an input safely, and write an output so that nothing is ever destroyed.

A scored workbook is written to a temporary file in the target folder and
renamed over the target only once it is complete, so a full disk, a size limit
or a crash leaves any earlier file intact and no partial file behind. An output
path that is the input itself (also through a link) is refused before any work.
Every failure is a `ScorecardError` that names the real cause.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from scorecard.errors import ScorecardError
from scorecard.guard import DEFAULT_LIMITS


def read_input_file(path: Path, what: str = "file", max_bytes: int = DEFAULT_LIMITS.max_file_bytes) -> bytes:
    """The bytes of a file the buyer named, or a message saying why it cannot be read.

    Reads at most `max_bytes + 1` bytes: the reader's guard refuses an oversized
    file with its own message, without this process loading gigabytes first.
    A folder, a pipe or a device is refused before it is opened (a pipe would
    wait for a writer forever).
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise ScorecardError(
                f"The {what} {path} is a link to a file that does not exist.",
                hint="Give the path of the file itself.",
            ) from None
        raise ScorecardError(
            f"The {what} {path} does not exist.", hint="Check the path and the file name."
        ) from None
    except OSError as error:
        raise ScorecardError(
            f"The {what} {path} cannot be opened: {error.strerror}.", hint="Check the path and the file name."
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise ScorecardError(
            f"{path} is a folder, not a {what}.",
            hint=f"Give the path of the {what} inside the folder.",
        )
    if not stat.S_ISREG(info.st_mode):
        kind = "a pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else "a device or other special file"
        raise ScorecardError(
            f"{path} is {kind}, not a {what} saved on disk.",
            hint=f"Save the {what} to disk and give its path.",
        )
    try:
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except PermissionError:
        raise ScorecardError(
            f"The {what} {path} cannot be read: you do not have permission to open it.",
            hint="Copy it to a folder of your own, or ask its owner for access.",
        ) from None
    except OSError as error:
        raise ScorecardError(
            f"The {what} {path} could not be read: {error.strerror}.", hint="Check the disk and try again."
        ) from None


def same_file(first: Path, second: Path) -> bool:
    """Are two paths the same file on disk (also through symbolic or hard links)?"""
    try:
        return os.path.samefile(first, second)
    except OSError:  # the second does not exist yet: it cannot be the first
        return False


def check_output_path(output: Path, source: Path) -> None:
    """Refuse, before any work, an output that would overwrite the input or cannot be a file."""
    if same_file(output, source):
        raise ScorecardError(
            f"The output {output} is the input workbook itself; writing there would replace your workbook.",
            hint="Choose another --output, or leave it out to write 'NAME scored DATE.xlsx' beside the input.",
        )
    if output.is_dir():
        raise ScorecardError(
            f"The output {output} is a folder.",
            hint=f"Give a file name inside it, e.g. {output / 'scored.xlsx'}.",
        )
    folder = output.parent
    if not folder.is_dir():
        raise ScorecardError(
            f"Cannot write {output}: the folder {folder} does not exist.",
            hint="Create the folder first, or choose another --output.",
        )


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` completely or not at all: a temporary file in the same folder, then a rename.

    The rename is atomic on one file system, so readers see the old file or the
    new one, never half of one. The new file gets the permissions an ordinary
    new file would have (or the earlier file's, when it replaces one).
    """
    folder = path.parent
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise write_error(path, error, stage="create") from None
    stage = "write"
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, target_mode(path))
        stage = "replace"
        os.replace(temporary, path)
    except OSError as error:
        _remove_quietly(temporary)
        raise write_error(path, error, stage) from None
    except BaseException:
        _remove_quietly(temporary)
        raise


def target_mode(path: Path) -> int:
    """The earlier file's permissions, or those of a new file under the current umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove_quietly(temporary: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temporary)


FULL_DISK = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
NO_PERMISSION = (errno.EACCES, errno.EPERM)


def write_error(path: Path, error: OSError, stage: str) -> ScorecardError:
    """The real cause of a failed write, in words, with what to do; only a locked file mentions Excel."""
    folder = path.parent
    code = error.errno
    keep = " Any earlier file at that path was left as it was."
    if code in FULL_DISK:
        return ScorecardError(
            f"Could not write {path}: the disk is full.{keep}",
            hint="Free some space on that disk, or choose an --output on another disk.",
        )
    if code == errno.EFBIG:
        return ScorecardError(
            f"Could not write {path}: the scored workbook is larger than this system lets a file grow "
            f"(a file-size limit).{keep}",
            hint="Ask your administrator to raise the limit, or choose an --output on another disk.",
        )
    if code == errno.ENOENT:
        return ScorecardError(
            f"Could not write {path}: the folder {folder} does not exist.",
            hint="Create the folder first, or choose another --output.",
        )
    if code == errno.EROFS:
        return ScorecardError(
            f"Could not write {path}: the disk holding {folder} is read-only.{keep}",
            hint="Choose an --output on a disk you can write to.",
        )
    if code == errno.EISDIR:
        return ScorecardError(
            f"Could not write {path}: it is a folder.",
            hint=f"Give a file name inside it, e.g. {path / 'scored.xlsx'}.",
        )
    if code in NO_PERMISSION or getattr(error, "winerror", None) in (32, 33):
        if stage == "replace" and path.exists():
            return ScorecardError(
                f"Could not replace {path}: the file is locked, probably because it is open in Excel "
                f"or another program.{keep}",
                hint="Close the file if it is open in Excel, or choose another --output.",
            )
        return ScorecardError(
            f"Could not write {path}: you do not have permission to write in the folder {folder} "
            f"(it is read-only for you).{keep}",
            hint="Choose an --output in a folder of your own.",
        )
    return ScorecardError(
        f"Could not write {path}: {error.strerror or error}.{keep}",
        hint="Check the disk and the folder, or choose another --output.",
    )
