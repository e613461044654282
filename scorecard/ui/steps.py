"""The page's expensive steps, cached by content, and the one place errors are turned into messages.

Reading a workbook depends only on its bytes, so it is cached by their SHA-256.
Preparing (sheet, columns, cleaning) depends on the bytes and on the column
part of the settings, not on the weights, so a slider move only re-scores.
Every `ScorecardError` becomes a message in the page; anything else is a bug:
it is logged with its traceback for us and the buyer gets a short apology.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ParamSpec, TypeVar

import streamlit as st

from scorecard.config import Config, load_preset, preset_paths
from scorecard.errors import ScorecardError
from scorecard.layout import LayoutOverrides, WorkbookLayout
from scorecard.pipeline import Prepared, evaluate, prepare
from scorecard.read import Workbook, read_workbook
from scorecard.score import ScoreResult
from scorecard.ui.plain import escape
from scorecard.ui.settings import PageSettings, preset_weights

LOG = logging.getLogger("scorecard.app")
PAGE_ICON = Path(__file__).resolve().parent / "page_icon.png"
SAMPLE_PATH = Path(__file__).resolve().parents[2] / "sample_data" / "sample_event.xlsx"
APOLOGY = (
    "Sorry, something went wrong on our side while {what}. Your file was not changed. "
    "Try again, or try the sample data to check the tool works; if it happens again, "
    "please report it with the file (or a copy without confidential data)."
)

T = TypeVar("T")
P = ParamSpec("P")


@dataclass(frozen=True)
class LoadedFile:
    """The workbook being scored: its name, bytes and their fingerprint (the cache key)."""

    name: str
    data: bytes
    digest: str
    is_sample: bool = False

    @classmethod
    def of(cls, name: str, data: bytes, *, is_sample: bool = False) -> LoadedFile:
        return cls(name, data, hashlib.sha256(data).hexdigest(), is_sample)


def guarded(step: Callable[[], T], what: str) -> T:
    """Run one step; a buyer-fixable problem is shown as its message and the page stops there."""
    try:
        return step()
    except ScorecardError as error:
        st.error(escape(str(error)), icon=":material/error:")
        st.stop()
    except Exception:
        LOG.exception("Unexpected error while %s", what)
        st.error(APOLOGY.format(what=what), icon=":material/sentiment_dissatisfied:")
        st.stop()
    raise AssertionError("unreachable: st.stop() ends the run")  # pragma: no cover


# cache_resource, not cache_data: Workbook and Prepared are frozen values, so sharing one object is safe,
# and cache_data would unpickle a copy on every rerun (about 1 s for a 200-supplier, 200,000-bid event).
@st.cache_resource(max_entries=8, show_spinner="Reading your workbook...")
def read_cached(digest: str, name: str, _data: bytes) -> Workbook:
    """Read a workbook once per content: the key is the bytes' SHA-256 (and the name shown in messages)."""
    return read_workbook(_data, name)


@st.cache_resource(max_entries=16, show_spinner="Finding your columns and cleaning the values...")
def prepare_cached(
    digest: str,
    column_settings: str,
    sheet: str | None,
    _workbook: Workbook,
    _config: Config,
    overrides: LayoutOverrides | None = None,
    _layout: WorkbookLayout | None = None,
) -> Prepared:
    """Prepare once per file, sheet, column settings (see `column_settings_key`) and sheet roles the buyer
    corrected (a frozen value, so part of the key); weights are not in the key. `_layout` is the layout
    the page showed for that same key, handed on so the workbook is laid out once."""
    return prepare(_workbook, _config, supplier_sheet=sheet, overrides=overrides, layout=_layout)


@st.cache_data(show_spinner=False)
def sample_bytes(path: str, modified: float) -> bytes:
    """The sample workbook's bytes, re-read only when the file changes."""
    return Path(path).read_bytes()


def sample_file() -> LoadedFile:
    if not SAMPLE_PATH.is_file():
        raise ScorecardError(
            "The sample workbook is not installed with this copy of Scorecard.",
            hint="Run `python sample_data/build_samples.py`, or upload your own workbook.",
        )
    data = sample_bytes(str(SAMPLE_PATH), SAMPLE_PATH.stat().st_mtime)
    return LoadedFile.of(SAMPLE_PATH.name, data, is_sample=True)


@st.cache_resource(show_spinner=False)
def presets() -> dict[str, Config]:
    """The shipped presets by file stem, default first; configs are frozen, so one shared copy is safe."""
    return {path.stem: load_preset(path.stem) for path in preset_paths()}


def score_with_preset_weights(prepared: Prepared, settings: PageSettings) -> ScoreResult | None:
    """The ranking with the preset's (or settings file's) own weights and everything else as chosen now.

    None when those weights cannot score this file (e.g. they count a criterion whose column the
    buyer left out); the page then says there is nothing to compare with.
    """
    try:
        return evaluate(prepared, preset_weights(settings).config()).result
    except ScorecardError:
        return None


def settings_problem_banner(problem: str) -> None:
    """A settings problem at the top of the page, with what to do; the results stay hidden until it is fixed."""
    st.error(
        f"{escape(problem)}\n\nThe results are hidden until this is fixed, so that nobody reads a ranking for "
        "settings that do not apply. Fix it in Setup (sidebar): load a corrected settings file, pick a "
        'preset, or press "Reset to the preset\'s values".',
        icon=":material/error:",
    )


COMPACT_PAGE = """<style>
[data-testid="stMainBlockContainer"], .block-container { padding-top: 1rem; }
</style>"""


def compact_page() -> None:
    """Less empty space above the first line, so the ranking starts higher on a laptop screen.

    Our own constant CSS, never text from a file (the only raw HTML on the page)."""
    st.sidebar.markdown(COMPACT_PAGE, unsafe_allow_html=True)  # in the sidebar: the page starts with content


def in_its_tab(what: str) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """A section that fails shows its message in its own tab; the rest of the page keeps working.

    A buyer-fixable problem (ScorecardError) is shown as it is; anything else is a
    bug: logged with its traceback for us, and the buyer gets the short apology.
    """

    def decorate(section: Callable[P, None]) -> Callable[P, None]:
        @functools.wraps(section)
        def draw(*args: P.args, **kwargs: P.kwargs) -> None:
            try:
                section(*args, **kwargs)
            except ScorecardError as error:
                st.error(escape(str(error)), icon=":material/error:")
            except Exception:
                LOG.exception("Unexpected error while %s", what)
                st.error(APOLOGY.format(what=what), icon=":material/sentiment_dissatisfied:")

        return draw

    return decorate
