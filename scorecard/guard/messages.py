"""The guard's refusals, in the buyer's words, each with what to do next."""

from __future__ import annotations

import math
import re

from scorecard.errors import ScorecardError
from scorecard.guard.limits import MB

# --- Messages -----------------------------------------------------------------------------------

HINT_EMPTY = "Check that you picked the right file, or export it again, then upload."
HINT_TOO_LARGE = "Remove unused sheets or split the file, then upload again."
HINT_RESAVE = "Open it in Excel, save it again as an Excel workbook (.xlsx) and upload the new file."
HINT_DAMAGED = (
    "Try opening it in Excel: if it opens, save it again as an Excel workbook (.xlsx) and upload "
    "the new file; if not, ask the supplier to send it again."
)
HINT_PASSWORD = (
    "Remove the password in Excel (File > Info > Protect Workbook > Encrypt with Password, "
    "clear the password), save, and upload again."
)
HINT_NOT_SPREADSHEET = (
    "Upload the spreadsheet itself (.xlsx, .xlsm, .xls, .ods or .csv); if you only have this file, "
    "ask the supplier for the Excel or CSV version."
)


def damaged(name: str, why: str) -> ScorecardError:
    return ScorecardError(f"{name} is damaged ({why}) and cannot be read safely.", hint=HINT_DAMAGED)


def not_spreadsheet(name: str, what: str, hint: str = HINT_NOT_SPREADSHEET) -> ScorecardError:
    return ScorecardError(f"{name} is {what}, not a spreadsheet.", hint=hint)


def password_protected(name: str) -> ScorecardError:
    return ScorecardError(f"{name} is password-protected, so it cannot be read.", hint=HINT_PASSWORD)


def hostile_xml(name: str, part: str) -> ScorecardError:
    return ScorecardError(
        f"{name} contains XML features ({part}) that spreadsheets never need and that can be used "
        "to attack a server, so it was not opened.",
        hint=(
            "If it should be an ordinary spreadsheet, open it in Excel, save it again as .xlsx and "
            "upload the new file; otherwise ask the sender where it came from."
        ),
    )


def display_name(filename: str) -> str:
    """The file's own name as the buyer knows it: no folders, no control characters, not endless."""
    base = re.split(r"[\\/]", str(filename))[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    if len(base) > 100:
        stem, dot, ext = base.rpartition(".")
        base = f"{stem[:80]}…{dot}{ext[:15]}" if dot else base[:100] + "…"
    return base or "The uploaded file"


def size_text(n: int, *, round_up: bool = False) -> str:
    """'87 MB', '3.5 KB': rounded up for a file's size, so it never reads as equal to the limit."""
    if n < 1024:
        return f"{n} bytes"
    value, unit = (n / MB, "MB") if n >= MB else (n / 1024, "KB")
    value = math.ceil(value * 10) / 10 if round_up else round(value, 1)
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"
