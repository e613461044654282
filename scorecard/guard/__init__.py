"""The gate every uploaded file passes before any parser sees it (see `gate`).

Light on purpose: no numpy, pandas or calamine, so the command line can check an input's size before
importing the heavy parts. The rooms: `gate` (what a file really is), `limits`, `messages`, `zip_check`,
`xml_check`, and `ole` (the one reader of OLE compound files, which the read stage uses too).
"""

from scorecard.guard.gate import check_file
from scorecard.guard.limits import DEFAULT_LIMITS, FileKind, FileLimits

__all__ = ["DEFAULT_LIMITS", "FileKind", "FileLimits", "check_file"]
