"""The result sections of the page: summary, ranking, compare, overview, data quality, download.

Each function draws one section from the Evaluation; numbers come from the
result and its tables (`scorecard.tables`, `scorecard.charts`), never from
arithmetic here, so the page, the charts and the scored workbook agree.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from scorecard import charts, numbers
from scorecard.changes import RankChanges, Standing, rank_changes
from scorecard.config import CATEGORIES, Config
from scorecard.explain import compare
from scorecard.export import scored_filename
from scorecard.pipeline import Evaluation
from scorecard.report import ReportTable
from scorecard.score import ScoreResult
from scorecard.tables import data_quality_table
from scorecard.ui.cache import scored_workbook
from scorecard.ui.plain import escape

COMPARE = "compare.suppliers"
SHOWN_POINTS = 0.05  # a gap below this reads as 0.0: not "ranks above"
BLANK = "–"
WIDE_TABLE = 12  # columns beyond which a table's first column stays pinned while scrolling sideways  # how an empty cell reads in a table: visibly empty, never "None" or 0
SCALE_COLOURS = ((0.0, (248, 105, 107)), (50.0, (255, 235, 132)), (100.0, (99, 190, 123)))


# --------------------------------------------------------------------------- tabs


class PageTabs:
    """The page's tabs, lazy: only the open one runs, so a weight change recomputes only what it shows.

    A title given as None gets no tab (the panel and bids tabs exist only when the
    file has those sheets).
    """

    def __init__(self, titles: Sequence[str | None], key: str = "tabs") -> None:
        shown = [title for title in titles if title]
        self.tabs = dict(zip(shown, st.tabs(shown, key=key, on_change="rerun"), strict=True))

    def opened(self, title: str) -> Any:
        """The tab to draw into when it is the open one, else None."""
        tab = self.tabs.get(title)
        return tab if tab is not None and tab.open else None


# --------------------------------------------------------------------------- summary and download


def summary(evaluation: Evaluation, file_name: str) -> None:
    """The answer first: who leads, by how much, and the scored workbook to take away."""
    result = evaluation.result
    sentence = evaluation.headline
    if result.leader is not None:
        st.success(escape(sentence), icon=":material/emoji_events:")
    else:
        st.warning(escape(sentence), icon=":material/warning:")
    ranked = [int(i) for i in result.ranked_order if not np.isnan(result.ranks[i])]
    # the leader's score is in the sentence above; the figures here are what a buyer compares at a glance
    leader, margin, count, take_away = st.columns([4, 2, 2, 3], vertical_alignment="center")
    leader.metric("Leader", escape(result.leader or "none"), help="The supplier ranked first.")
    lead = result.lead
    margin.metric(
        "Lead over 2nd",
        lead.points,
        help="Score points between the two totals as printed; under 1 point it is a near tie."
        if lead.runner_up
        else None,
    )
    count.metric("Suppliers ranked", f"{len(ranked)} of {len(result.suppliers)}")
    with take_away:  # beside the figures, not below them: the ranking starts higher on the screen
        download(evaluation, file_name)


def download(evaluation: Evaluation, file_name: str) -> None:
    """The scored workbook, built when the button is first pressed for these settings (not per slider move)."""
    input_sheets = st.checkbox(
        "Include my input sheets",
        value=True,
        key="download.input_sheets",
        help="A copy of every sheet of your file as received, after the report sheets. "
        "Leave it out for a smaller file to forward; the Criteria sheet still names each source cell.",
    )
    st.download_button(
        "Download the scored workbook",
        data=lambda: scored_workbook(evaluation, input_sheets=input_sheets),
        file_name=scored_filename(file_name, date.today()),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="download",
        type="primary",
        width="stretch",
        on_click="ignore",
        icon=":material/download:",
        help="Ranking, criteria, method, weights and data quality sheets"
        + (", plus your input as received." if input_sheets else "."),
    )


def data_quality_banner(evaluation: Evaluation) -> None:
    """Say up front when something in the file was not usable or was changed."""
    counts = pd.Series([f.severity.value for f in evaluation.findings]).value_counts()
    excluded = len(evaluation.prepared.suppliers.exclusions)
    errors, warnings = int(counts.get("error", 0)), int(counts.get("warning", 0))
    if errors:
        st.error(
            f"{plural(errors, 'problem')} in your file need your attention (for example a value that could "
            "not be used, or a supplier on one sheet but not on another). See the Data quality tab for each "
            "one and what was done, fix the file and upload it again.",
            icon=":material/error:",
        )
    result = evaluation.result
    blanks = int((result.missing & ~result.invalid)[:, result.base_weights > 0].sum())
    if not errors and (warnings or excluded or blanks):
        parts = [
            plural(warnings, "value") + " changed or flagged" if warnings else "",
            plural(blanks, "blank cell") + " scored by the missing-value rule" if blanks else "",
            plural(excluded, "row") + " left out" if excluded else "",
        ]
        st.warning(
            f"{' and '.join(p for p in parts if p)}: see the Data quality tab before you forward the result.",
            icon=":material/warning:",
        )
    if result.left_out:
        left = [c.label for c in result.criteria if c.key in result.left_out]
        st.info(
            f"Left out, with no column or no data in the file: {escape(', '.join(left))}. Their weight is "
            "shared within their category (a category with nothing left is left out); the Weights sheet "
            "shows the share that counted.",
            icon=":material/info:",
        )


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def kept(key: str, default: Any, allowed: Callable[[Any], bool] = lambda _: True) -> dict[str, Any]:
    """Widget arguments that keep the buyer's choice while its tab is closed.

    Tabs run lazily, and Streamlit forgets the value of a widget that was not
    drawn in a run; a copy under another key survives and is put back. A kept
    value that no longer fits (a supplier of the previous file) gives way to the default.
    """
    copy = f"{key}.kept"
    value = st.session_state.get(copy, default)
    st.session_state[key] = value if allowed(value) else default
    return {"key": key, "on_change": lambda: st.session_state.update({copy: st.session_state[key]})}


# --------------------------------------------------------------------------- ranking


def ranking_section(result: ScoreResult, changes: RankChanges | None = None) -> None:
    ranking = result.ranking.copy()  # the result's table is shared (cached): never change it in place
    if changes is not None:  # the move against the previous (or the preset's) settings, beside the rank
        ranking.insert(1, "Move", [changes.move_text(name) for name in ranking["Supplier"]])
    ranked = ranking[ranking["Rank"].notna()].reset_index(drop=True)
    unranked = ranking[ranking["Rank"].isna()].reset_index(drop=True)
    categories = [CATEGORIES[k] for k in result.category_keys]
    colours = {band.name: band.colour for band in result.config.bands}
    if len(ranked):
        # every ranked supplier is "Qualified" (the others are listed below with their reasons), so the
        # Status column would only take the width the scores need at 1280 px
        styled = ranked.drop(columns="Status").style.map(
            lambda band: band_style(band, colours), subset=["Band"]
        )
        column_config: dict[str, Any] = {
            "Rank": st.column_config.NumberColumn("Rank", format="%d", width=44),
            "Move": st.column_config.TextColumn(
                "Move", width=52, help="Places gained (▲) or lost (▼) since the settings compared with"
            ),
            "Supplier": st.column_config.TextColumn("Supplier", width=162),
            "Score": st.column_config.ProgressColumn(
                "Score", min_value=0, max_value=100, format="%.1f", help="Total score, 0-100", width=90
            ),
            "Band": st.column_config.TextColumn("Band", width=118),
            "Missing values": st.column_config.NumberColumn(
                "Missing",
                format="%d",
                width=60,
                help="Criteria with no value for this supplier (see Data quality for what was done)",
            ),
        }
        for name in categories:  # a long category name is shortened in the header; its help says it in full
            column_config[name] = st.column_config.NumberColumn(
                name if len(name) <= 8 else name[:7] + ".",
                format="%.1f",
                help=f"{name} score, 0-100",
                width=max(52, 7 * min(len(name), 8) + 8),
            )
        st.dataframe(
            styled, column_config=column_config, hide_index=True, placeholder=BLANK, key="ranking_table"
        )
        st.caption("Every ranked supplier meets the must-haves; scores are 0-100.")
        shown = min(len(ranked), charts.DEFAULT_LIMIT)
        st.altair_chart(charts.score_by_category_chart(result), width="stretch")
        if shown < len(ranked):
            st.caption(
                f"The chart shows the top {shown} of {len(ranked)} ranked suppliers; the table lists all."
            )
    if len(unranked):
        st.subheader(f"Not ranked ({len(unranked)})")
        st.caption("These suppliers fail a must-have or have no data to score; their reasons are listed.")
        reasons = unranked[["Supplier", "Score", "Status"]].rename(
            columns={"Score": "Score (for information)"}
        )
        st.dataframe(
            reasons,
            column_config={
                "Score (for information)": st.column_config.NumberColumn(format="%.1f", width="small"),
                "Status": st.column_config.TextColumn("Reason", width="large"),
            },
            hide_index=True,
            placeholder=BLANK,
            key="unranked_table",
        )


def band_style(band: object, colours: dict[str, str]) -> str:
    """A band cell filled with the band's colour and text that stays readable on it."""
    colour = colours.get(band) if isinstance(band, str) else None
    if colour is None:
        return ""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    text = "#ffffff" if 0.299 * r + 0.587 * g + 0.114 * b < 140 else "#1b1f24"
    return f"background-color: {colour}; color: {text}; font-weight: 600"


# --------------------------------------------------------------------------- compare


def scored_suppliers(result: ScoreResult) -> list[str]:
    """Suppliers with a total, ranked first by rank, then the unranked (disqualified) ones by name."""
    return [result.suppliers[i] for i in result.ranked_order if not np.isnan(result.totals[i])]


def compare_section(result: ScoreResult) -> None:
    names = scored_suppliers(result)
    if len(names) < 2:
        st.info("Comparing needs at least two suppliers with a score.")
        return
    # until the buyer picks, the comparison follows the ranking: the leader and the runner-up
    chosen = st.multiselect(
        "Suppliers to compare (2 to 4)",
        names,
        max_selections=4,
        **kept(COMPARE, names[:2], lambda picked: bool(picked) and set(picked) <= set(names)),
    )
    if len(chosen) < 2:
        st.info("Pick at least two suppliers.")
        return
    st.altair_chart(charts.comparison_chart(result, chosen), width="stretch")
    table = charts.comparison_table(result, chosen)
    st.dataframe(
        table.style.format({"Share that counted": numbers.percent_text}, na_rep=BLANK),
        column_config={
            "Share that counted": st.column_config.NumberColumn(
                "Share that counted",
                help="The criterion's share of the total in this scoring, after criteria with no column "
                "or no data were left out",
            ),
            **{name: st.column_config.NumberColumn(name, format="%.1f") for name in chosen},
            **{
                f"{name}: points": st.column_config.NumberColumn(
                    f"{name}: points",
                    format="%.1f",
                    help="Score x this supplier's share; adds up to its total",
                )
                for name in chosen
            },
        },
        hide_index=True,
        placeholder=BLANK,
        key="compare_table",
    )
    st.caption(
        "Scores are 0-100 per criterion; a blank cell means the criterion was left out for that supplier."
    )
    if result.left_out:
        left = ", ".join(c.label for c in result.criteria if c.key in result.left_out)
        st.caption(
            f"Left out for everyone (no column or no data in the file; weight shared within its category): {escape(left)}."
        )
    by_score = sorted(chosen, key=lambda name: -result.totals[result.index_of(name)])
    if len(chosen) > 2:
        left, right = st.columns(2)
        first = left.selectbox(
            "Explain the gap between", by_score, **kept("compare.first", by_score[0], chosen.__contains__)
        )
        second = right.selectbox("and", by_score, **kept("compare.second", by_score[1], chosen.__contains__))
        if first == second:
            st.info("Pick two different suppliers to explain the gap between them.")
            return
        first, second = sorted((first, second), key=lambda name: -result.totals[result.index_of(name)])
    else:
        first, second = by_score
    gap_section(result, first, second)


def gap_section(result: ScoreResult, first: str, second: str) -> None:
    """Why one supplier ranks above another: the per-criterion differences that make up the gap exactly."""
    comparison = compare(result, first, second)
    if comparison.gap >= SHOWN_POINTS:
        st.subheader(f"Why {escape(first)} ranks above {escape(second)}")
    else:
        st.subheader(f"How {escape(first)} and {escape(second)} compare")
    st.markdown(
        escape(comparison.sentence)
        + " The differences below add up to that gap exactly (the table shows two decimals)."
    )
    if result.is_topsis:
        st.caption(
            "Under TOPSIS a total is a closeness to the ideal supplier, not a sum of score x weight: each "
            "contribution here is the criterion's share of the supplier's weighted score, times its TOPSIS total."
        )
    st.altair_chart(charts.gap_chart(comparison.rows, first, second), width="stretch")
    rows = comparison.rows
    total = pd.DataFrame(
        [{"Criterion": "Total", **{column: rows[column].sum() for column in rows.columns[2:]}}]
    )
    st.dataframe(
        pd.concat([rows, total], ignore_index=True),
        column_config={
            column: st.column_config.NumberColumn(
                column, format="%+.2f" if column == "Difference" else "%.2f"
            )
            for column in rows.columns[2:]
        },
        hide_index=True,
        placeholder=BLANK,
        key="gap_table",
    )


# --------------------------------------------------------------------------- overview


def overview_section(result: ScoreResult) -> None:
    ranked = int((~np.isnan(result.ranks)).sum())
    st.altair_chart(charts.score_heatmap(result), width="stretch")
    if ranked > 40:
        st.caption(f"The heat map shows the top 40 of {ranked} ranked suppliers.")
    keys = list(result.category_keys)
    x_default = keys.index("cost") if "cost" in keys else 0
    y_default = keys.index("quality") if "quality" in keys else min(1, len(keys) - 1)
    left, right = st.columns(2)
    x_key = left.selectbox(
        "Across",
        keys,
        format_func=lambda k: CATEGORIES[k],
        **kept("overview.x", keys[x_default], keys.__contains__),
    )
    y_key = right.selectbox(
        "Up",
        keys,
        format_func=lambda k: CATEGORIES[k],
        **kept("overview.y", keys[y_default], keys.__contains__),
    )
    st.altair_chart(charts.category_scatter(result, x_key, y_key), width="stretch")


# --------------------------------------------------------------------------- data quality


def data_quality_section(evaluation: Evaluation) -> None:
    table = data_quality_table(evaluation)
    for line in table.intro:
        st.caption(escape(line))
    frame = table.frame
    if frame.empty:
        st.success("Nothing to report: every value was read as it is.", icon=":material/check_circle:")
    else:
        left, right = st.columns(2)
        severity_options = sorted(frame["Severity"].dropna().unique(), key=["error", "warning", "info"].index)
        sheet_options = sorted(frame["Sheet"].dropna().astype(str).unique())
        severities = left.multiselect(
            "Severity",
            severity_options,
            placeholder="All severities",
            **kept("quality.severity", [], lambda chosen: set(chosen) <= set(severity_options)),
        )
        sheets = right.multiselect(
            "Sheet",
            sheet_options,
            placeholder="All sheets",
            **kept("quality.sheet", [], lambda chosen: set(chosen) <= set(sheet_options)),
        )
        shown = frame
        if severities:
            shown = shown[shown["Severity"].isin(severities)]
        if sheets:
            shown = shown[shown["Sheet"].astype(str).isin(sheets)]
        st.dataframe(
            shown,
            column_config=column_config_for(table),
            hide_index=True,
            placeholder=BLANK,
            key="quality_table",
        )
    exclusions = evaluation.prepared.suppliers.exclusions
    st.subheader(f"Rows left out ({len(exclusions)})")
    if len(exclusions):
        st.dataframe(exclusions, hide_index=True, placeholder=BLANK, key="exclusions_table")
    else:
        st.caption("Every supplier row in the sheet was scored.")
    mapping = evaluation.prepared.suppliers.mapping.report_table()
    show_report_table(mapping, key="mapping_table")


# --------------------------------------------------------------------------- report tables, generically


def column_config_for(table: ReportTable) -> dict[str, Any]:
    """Streamlit column settings from a ReportTable's formats: the page shows numbers as the workbook does.

    Formats one printf pattern can say are set here; money, percent and other numbers
    are written by `scorecard.numbers` through the table's Styler (see `styled`).
    """
    config: dict[str, Any] = {}
    for column in table.frame.columns:
        fmt = table.format_of(column)
        name = str(column)
        if fmt in numbers.PAGE_FORMATS:
            config[name] = st.column_config.NumberColumn(name, format=numbers.PAGE_FORMATS[fmt])
        elif fmt == "date":
            config[name] = st.column_config.DateColumn(name)
        elif fmt == "text":
            length = text_length(table.frame[column])
            if length > LONG_TEXT:  # a sentence (what was done, why): room for it; a click shows it all
                config[name] = st.column_config.TextColumn(name, width=290)
            elif length <= SHORT_TEXT and len(name) <= SHORT_TEXT:
                config[name] = st.column_config.TextColumn(name, width="small")
    columns = [str(c) for c in table.frame.columns]
    if len(columns) > WIDE_TABLE and columns[0] not in config:
        # a wide table scrolls sideways: keep the row's name (supplier, item, weight) in view
        config[columns[0]] = st.column_config.Column(columns[0], pinned=True)
    return config


LONG_TEXT = 40  # median characters from which a text column holds sentences
SHORT_TEXT = 10  # ... and up to which it holds codes and words (severity, sheet, Yes/No)


def text_length(values: pd.Series) -> float:
    """The median length of a text column's first cells: how much room it needs."""
    sample = values.head(200).dropna()
    return float(sample.map(lambda v: len(str(v))).median()) if len(sample) else 0.0


def scale_colour(value: object) -> str:
    """The workbook's red-amber-green scale on a 0-100 value, as a CSS background."""
    if not isinstance(value, (int, float, np.integer, np.floating)) or not np.isfinite(value):
        return ""
    x = float(np.clip(value, 0, 100))
    (x0, c0), (x1, c1) = (
        (SCALE_COLOURS[0], SCALE_COLOURS[1]) if x <= 50 else (SCALE_COLOURS[1], SCALE_COLOURS[2])
    )
    t = (x - x0) / (x1 - x0)
    r, g, b = (round(a + (b_ - a) * t) for a, b_ in zip(c0, c1, strict=True))
    return f"background-color: rgb({r}, {g}, {b})"


STYLER_CELLS = 200_000  # above this a table is shown without per-cell formatting (pandas' Styler limit)


def styled(table: ReportTable) -> Any:
    """The frame with the number style of `scorecard.numbers`, its colour scale and highlighted cells."""
    texts = {
        column: numbers.TEXT[fmt]
        for column in table.frame.columns
        if (fmt := table.format_of(column)) in numbers.TEXT and fmt not in numbers.PAGE_FORMATS
    }
    if table.frame.size > STYLER_CELLS or (not texts and not table.colour_scale and table.highlight is None):
        return table.frame
    style = table.frame.style
    if texts:
        style = style.format(texts, na_rep=BLANK)
    if table.colour_scale:
        style = style.map(scale_colour, subset=list(table.colour_scale))
    if table.highlight is not None:
        marks = table.highlight.to_numpy(dtype=bool)
        css = np.where(marks, "background-color: #c6efce; color: #006100; font-weight: 600", "")
        style = style.apply(
            lambda _: pd.DataFrame(css, index=table.frame.index, columns=table.frame.columns), axis=None
        )
    return style


def show_report_table(
    table: ReportTable, key: str | None = None, leave_out: Collection[str] = (), *, minor: bool = False
) -> None:
    """One ReportTable as the workbook shows it: title, intro lines, formatted frame.

    `leave_out`: intro lines the page already states above the table (a verdict, a plan's sentences).
    `minor`: a smaller title, for a table that belongs to the section above it.
    """
    if minor:
        st.markdown(f"##### {escape(table.title)}")
    else:
        st.subheader(escape(table.title))
    for line in table.intro:
        if line not in leave_out:
            st.caption(escape(line))
    table, quiet = without_quiet_columns(table)
    st.dataframe(
        styled(table), column_config=column_config_for(table), hide_index=True, placeholder=BLANK, key=key
    )
    if quiet:
        st.caption(
            "Not shown, as nothing in this event fills them (every value is 0 or blank; the workbook keeps "
            "them): " + escape(", ".join(quiet)) + "."
        )


FITS_ON_SCREEN = 9  # columns that fit beside each other at 1440 px without scrolling sideways


def without_quiet_columns(table: ReportTable) -> tuple[ReportTable, list[str]]:
    """A wide table without the columns that say nothing here (all 0 or blank), so the others fit.

    Freight, duty or switching cost that an event does not use would otherwise push
    the columns a buyer needs (total cost, savings) off the screen.
    """
    frame = table.frame
    if len(frame.columns) <= FITS_ON_SCREEN or frame.empty:
        return table, []
    quiet = []
    for column in frame.columns[1:]:
        values = frame[column]
        numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
        empty = values.isna() | (values.astype(str).str.strip() == "") if not numeric else values.isna()
        if bool((empty | ((values == 0) if numeric else False)).all()):
            quiet.append(str(column))
    if not quiet:
        return table, []
    kept_columns = [c for c in frame.columns if str(c) not in quiet]
    return (
        ReportTable(
            table.title,
            frame[kept_columns],
            intro=table.intro,
            formats=tuple((name, fmt) for name, fmt in table.formats if name in kept_columns),
            highlight=None if table.highlight is None else table.highlight[kept_columns],
            colour_scale=tuple(c for c in table.colour_scale if c in kept_columns),
        ),
        quiet,
    )


def show_report_tables(tables: Sequence[ReportTable], key: str) -> None:
    for n, table in enumerate(tables):
        show_report_table(table, key=f"{key}.{n}")


# --------------------------------------------------------------------------- what changed


CHANGES_LAST = "changes.last"  # (file digest, settings fingerprint, Standing) of the latest run
CHANGES_BEFORE = "changes.before"  # the Standing under the settings before the latest change
AGAINST_PRESET = "changes.against_preset"


def settings_fingerprint(config: Config) -> str:
    return hashlib.sha256(json.dumps(config.to_dict(), sort_keys=True, default=str).encode()).hexdigest()


def ranking_changes(
    result: ScoreResult, digest: str, preset_result: Callable[[], ScoreResult | None]
) -> tuple[RankChanges | None, str]:
    """Moves against the previous settings (or, with the toggle on, the preset's weights), and what they are.

    The standing is remembered per file: a new file starts without moves. The
    previous standing only moves on when the settings change, so reruns for
    other reasons (a tab opened) keep showing the moves of the last change.
    """
    now = Standing.of(result)
    fingerprint = settings_fingerprint(result.config)
    last = st.session_state.get(CHANGES_LAST)
    if last is None or last[0] != digest:
        st.session_state[CHANGES_BEFORE] = None
    elif last[1] != fingerprint:
        st.session_state[CHANGES_BEFORE] = last[2]
    st.session_state[CHANGES_LAST] = (digest, fingerprint, now)
    if st.session_state.get(AGAINST_PRESET):
        preset = preset_result()
        if preset is None:
            return None, "the preset's weights"
        return rank_changes(Standing.of(preset), now), "the preset's weights"
    before: Standing | None = st.session_state.get(CHANGES_BEFORE)
    return (None if before is None else rank_changes(before, now)), "the previous settings"


def change_line(changes: RankChanges | None, against: str) -> None:
    """One line under the summary: what the last change did to the leader and the bands; and the toggle."""
    text_column, toggle_column = st.columns([5, 2], vertical_alignment="center")
    note = changes.note(against) if changes is not None else None
    with text_column:
        if note:
            st.info(escape(note), icon=":material/swap_vert:")
        elif changes is not None:
            st.caption(
                f"Compared with {against}: "
                + (f"{plural(changes.moved, 'supplier')} moved" if changes.moved else "no supplier moved")
                + "; the leader and the bands are the same. See the Move column."
            )
        else:
            st.caption("Change a weight, the method or the must-haves: the Move column shows who moved.")
    toggle_column.toggle(
        "Compare with the preset's weights",
        key=AGAINST_PRESET,
        help="Moves against the ranking with the preset's (or your settings file's) own weights, "
        "instead of against your previous change.",
    )
