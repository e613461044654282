"""The first screen (what the tool does, upload, sample, template), then the file's sheet and columns:
prepared as they are, scored on the file's own columns when the settings find none, or the mapping step."""

from __future__ import annotations

import contextlib
from typing import Any

import streamlit as st

from scorecard.config import Config
from scorecard.errors import ScorecardError
from scorecard.layout import LayoutOverrides, WorkbookLayout
from scorecard.pipeline import Prepared, column_mapping, plan_sheets, settings_for_file
from scorecard.read import Workbook
from scorecard.template import build_template
from scorecard.ui.cache import evaluate_cached
from scorecard.ui.layout import layout_cached
from scorecard.ui.pick_columns import (
    MAPPING_SHEET,
    answered_without_a_column,
    mapping_step,
    needed_columns,
    offer_candidates,
)
from scorecard.ui.plain import escape
from scorecard.ui.settings import column_settings_key
from scorecard.ui.setup import (
    ADDED,
    OVERRIDES,
    SKIPPED_MUST_HAVES,
    fit_to_file,
    forget_fitted,
    may_fit_to_file,
    slug,
)
from scorecard.ui.steps import LoadedFile, guarded, prepare_cached, sample_file
from scorecard.ui.weights import show_scored_shares

UPLOAD = "upload"
SOURCE = "start.source"  # "upload" or "sample": whichever the buyer chose last
DIGESTS = "start.digests"  # upload file id -> SHA-256, so a big file is hashed once, not on every rerun
OVERRIDES_FOR = "mapping.file"  # the file the picked columns belong to


def page_intro() -> None:
    st.title("Scorecard")
    st.markdown(
        "Score and rank suppliers from the spreadsheet you already have, on cost, risk, quality, "
        "sustainability and relationship fit.  \n"
        "See who leads and why, test the weights, and download a scored workbook you can forward."
    )


def file_chosen() -> bool:
    """Whether a file (an upload or the sample) is chosen, from what the widgets kept since the last run."""
    return st.session_state.get(SOURCE) == "sample" or st.session_state.get(UPLOAD) is not None


def choose_file(config: Config | None) -> tuple[LoadedFile | None, Any]:
    """The file to score (None while there is none yet) and the slot of the one-line file summary.

    Before a file is chosen the page is the introduction with the upload area; once
    one is, all of that folds into one line (file, sheet, settings) with a
    "Change file" button, so the results start near the top of the screen.
    """
    if file_chosen():
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            line = st.empty()
            with st.popover("Change file", icon=":material/swap_horiz:", width="content"):
                uploaded = file_choices(config, in_columns=False)
    else:
        page_intro()
        line = None
        uploaded = file_choices(config, in_columns=True)
    if uploaded is not None and st.session_state.get(SOURCE) != "sample":
        return uploaded_file(uploaded), line
    if st.session_state.get(SOURCE) == "sample":
        return guarded(sample_file, "opening the sample data"), line
    return None, line


def file_choices(config: Config | None, *, in_columns: bool) -> Any:
    """The uploader, the sample button and the blank template: side by side first, stacked in the popover."""
    if in_columns:
        upload_column, side_column = st.columns([3, 2], vertical_alignment="center")
    else:
        upload_column = side_column = st.container()
    with upload_column:
        uploaded = st.file_uploader(
            "Upload your supplier workbook",
            type=["xlsx", "xlsm", "csv", "xls", "ods"],
            key=UPLOAD,
            on_change=lambda: st.session_state.update({SOURCE: "upload"}),
            help="One row per supplier, one column per criterion. Title rows above the header are fine.",
        )
    with side_column:
        st.button(
            "Try it with the sample data",
            key="sample",
            on_click=lambda: st.session_state.update({SOURCE: "sample"}),
            icon=":material/science:",
            width="stretch",
        )
        if config is not None:
            st.download_button(
                "Download the blank template",
                data=lambda: build_template(config),
                file_name=f"Scorecard template - {slug(config.name)}.xlsx",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                key="template",
                on_click="ignore",
                icon=":material/download:",
                width="stretch",
                help="An empty supplier sheet with this preset's columns, and how each is scored.",
            )
    return uploaded


def describe_file(line: Any, loaded: LoadedFile, config: Config | None, sheet: str | None = None) -> None:
    """The folded upload area's one line: which file, which sheet and which settings are being scored."""
    if line is None:
        return
    parts = [
        f":material/description: **{escape(loaded.name)}**" + (" (sample data)" if loaded.is_sample else "")
    ]
    if sheet:
        parts.append(f"sheet **{escape(sheet)}**")
    if config is not None:
        parts.append(f"settings **{escape(config.name)}**")
    line.markdown("Scoring " + " · ".join(parts))


def uploaded_file(uploaded: object) -> LoadedFile:
    data: bytes = uploaded.getvalue()  # type: ignore[attr-defined]
    digests: dict[str, str] = st.session_state.setdefault(DIGESTS, {})
    file_id = getattr(uploaded, "file_id", None) or ""
    if file_id in digests:
        return LoadedFile(uploaded.name, data, digests[file_id])  # type: ignore[attr-defined]
    loaded = LoadedFile.of(uploaded.name, data)  # type: ignore[attr-defined]
    digests.clear()  # keep one: the current upload
    digests[file_id] = loaded.digest
    return loaded


def how_it_works() -> None:
    """Shown until there is a file: the three steps, so nobody needs a manual."""
    st.divider()
    steps = st.columns(3)
    texts = [
        (
            ":material/upload_file: **1. Upload**",
            "Your supplier workbook as .xlsx, .xlsm, .xls, .ods or .csv: one row per supplier. "
            "Column names may differ; you can pick a column if it is not found.",
        ),
        (
            ":material/tune: **2. Weigh**",
            "Choose a preset in the sidebar and move the weights. Must-haves (knock-outs) "
            "set suppliers apart with the reason.",
        ),
        (
            ":material/download: **3. Download**",
            "Get the scored workbook: ranking, every criterion's score and contribution, "
            "the method and the data-quality notes.",
        ),
    ]
    for column, (title, text) in zip(steps, texts, strict=True):
        with column:
            st.markdown(title)
            st.caption(text)


# --------------------------------------------------------------------------- the file's columns


def forget_overrides_of_other_files(loaded: LoadedFile) -> None:
    """Columns picked for one file mean nothing for the next one."""
    if st.session_state.get(OVERRIDES_FOR) != loaded.digest:
        st.session_state[OVERRIDES_FOR] = loaded.digest
        st.session_state[OVERRIDES] = {}
        st.session_state[ADDED] = {}
        st.session_state[SKIPPED_MUST_HAVES] = []
        st.session_state[MAPPING_SHEET] = None
        forget_fitted()


def supplier_sheet(
    digest: str, workbook: Workbook, config: Config, overrides: LayoutOverrides | None = None
) -> str | None:
    """The sheet the suppliers are read from: the one the buyer's picked columns belong to, else the best match
    among the sheets the layout stage calls supplier lists (None: a bid sheet alone, its bidders the suppliers).

    Once columns are picked, they are read from the sheet they were picked on;
    other sheets do not have them.
    """
    picked = st.session_state.get(MAPPING_SHEET)
    if picked and picked in workbook.sheet_names:
        return picked
    layout = shown_layout(digest, workbook, config, overrides)
    plan = plan_sheets(workbook, config, overrides=overrides, layout=layout)  # names alone, without the picks
    return None if plan.bid_only else plan.suppliers.name


def shown_layout(
    digest: str, workbook: Workbook, config: Config, overrides: LayoutOverrides | None
) -> WorkbookLayout:
    """The layout the page shows (from the cache), which every later step reads instead of laying out again."""
    roles = tuple((sheet, role.value) for sheet, role in (overrides.roles if overrides else ()))
    return layout_cached(digest, roles, workbook, config)


def prepare_or_pick_columns(
    loaded: LoadedFile,
    workbook: Workbook,
    config: Config,
    sheet: str | None,
    overrides: LayoutOverrides | None = None,
    offers: Any = None,
) -> Prepared:
    """The prepared suppliers; when a column the scoring needs is missing, the mapping step instead.

    The pipeline decides first. When the file holds none of the settings' columns,
    settings built from its own columns are used instead (`pipeline.settings_for_file`,
    as on the command line), unless the buyer chose the settings. Otherwise the mapping step asks for the
    columns `pipeline.column_mapping` cannot find, which never includes criteria
    another sheet calculates (bid totals, panel ratings). Any other refusal is
    shown as its message.
    """
    layout = shown_layout(loaded.digest, workbook, config, overrides)
    try:
        prepared = prepare_cached(
            loaded.digest, column_settings_key(config), sheet, workbook, config, overrides, layout
        )
    except ScorecardError:
        mapping = column_mapping(workbook, config, sheet, layout=layout)
        needed = needed_columns(mapping, config)
        if not needed:
            raise
    else:
        mapping = prepared.suppliers.mapping
        needed = needed_columns(mapping, config)  # a column that might hold a left-out criterion: confirm
        if not needed:
            with offers if offers is not None else contextlib.nullcontext():  # beside the layout, when given
                offer_candidates(prepared)
            counted_shares_in_sidebar(loaded, sheet, config, prepared)
            return prepared
    # none of the settings' columns in the file: score its own columns, unless the buyer chose the settings
    # and has not yet said that their columns are not in the file
    if may_fit_to_file() or answered_without_a_column(mapping, config):
        fitted = settings_for_file(workbook, config, sheet, layout)
        if fitted is not config:
            fit_to_file(fitted)  # reruns the page with them
    mapping_step(workbook, config, mapping.sheet, needed)  # stops the page until the buyer continues
    raise AssertionError("unreachable: the mapping step stops the run")  # pragma: no cover


def counted_shares_in_sidebar(
    loaded: LoadedFile, sheet: str | None, config: Config, prepared: Prepared
) -> None:
    """The sidebar's shares become the shares that counted. The evaluation is the page's own (kept per
    file, sheet and settings), so scoring here only does earlier what the page does next; a refusal is
    left for the page to show where it scores."""
    try:
        result = evaluate_cached(loaded.digest, sheet, config, prepared).result
    except ScorecardError:
        return
    show_scored_shares(config, result)
