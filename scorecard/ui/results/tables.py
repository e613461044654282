"""Report tables shown as the workbook shows them: number style, colour scale, widths that fit the screen."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from scorecard import numbers, style
from scorecard.report import ReportTable
from scorecard.ui.plain import escape
from scorecard.ui.results.widths import PAGE_WIDTH, fitted_widths, px

BLANK = "–"  # how an empty cell reads in a table: visibly empty, never "None" or 0


def column_config_for(table: ReportTable, page: int = PAGE_WIDTH) -> dict[str, Any]:
    """Streamlit column settings from a ReportTable's formats: numbers shown as the workbook does, widths that fit.

    Formats one printf pattern can say are set here; money, percent and other numbers
    are written by `scorecard.numbers` through the table's Styler (see `styled`).
    A header cut by its width keeps its full name in the tooltip. `page`: the px the table has.
    """
    formats = {str(c): table.format_of(c) for c in table.frame.columns}
    widths = fitted_widths(table.frame, formats, page)
    config: dict[str, Any] = {}
    for name, fmt in formats.items():
        width = widths[name]
        help_text = name if px(len(name)) > width else None
        if fmt in numbers.PAGE_FORMATS:
            config[name] = st.column_config.NumberColumn(
                name, format=numbers.PAGE_FORMATS[fmt], width=width, help=help_text
            )
        elif fmt == "date":
            config[name] = st.column_config.DateColumn(name, width=width, help=help_text)
        else:
            config[name] = st.column_config.Column(name, width=width, help=help_text)
    columns = list(formats)
    if columns and sum(widths.values()) > page:
        # still wider than the page: keep the row's name (supplier, item, weight) in view while scrolling
        config[columns[0]] = st.column_config.Column(columns[0], width=widths[columns[0]], pinned=True)
    return config


def scale_colour(value: object) -> str:
    """The workbook's red-amber-green scale on a 0-100 value, as a CSS background."""
    if not isinstance(value, (int, float, np.integer, np.floating)) or not np.isfinite(value):
        return ""
    r, g, b = style.score_colour(float(value))
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
    look = table.frame.style
    if texts:
        look = look.format(texts, na_rep=BLANK)
    if table.colour_scale:
        look = look.map(scale_colour, subset=list(table.colour_scale))
    if table.highlight is not None:
        marks = table.highlight.to_numpy(dtype=bool)
        css = np.where(
            marks,
            f"background-color: {style.HIGHLIGHT_FILL}; color: {style.HIGHLIGHT_INK}; font-weight: 600",
            "",
        )
        look = look.apply(
            lambda _: pd.DataFrame(css, index=table.frame.index, columns=table.frame.columns), axis=None
        )
    return look


def show_report_table(
    table: ReportTable,
    key: str | None = None,
    leave_out: Collection[str] = (),
    *,
    minor: bool = False,
    page: int = PAGE_WIDTH,
) -> None:
    """One ReportTable as the workbook shows it: title, intro lines, formatted frame.

    `leave_out`: intro lines the page already states above the table (a verdict, a plan's sentences).
    `minor`: a smaller title, for a table that belongs to the section above it.
    `page`: the px the table has (less inside an expander: `widths.IN_EXPANDER`).
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
        styled(table),
        column_config=column_config_for(table, page),
        hide_index=True,
        placeholder=BLANK,
        key=key,
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
    quiet = [str(column) for column in frame.columns[1:] if says_nothing(frame[column])]
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


def says_nothing(values: pd.Series) -> bool:
    """Every value 0 or blank (text: empty or spaces); a True/False column always says something."""
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    if len(values) and first_says_something(values.iloc[0], numeric):
        return False  # the usual answer, without converting the column (every rerun of a wide table)
    if numeric:
        return bool((values.isna() | (values == 0)).all())
    return bool((values.isna() | (values.astype(str).str.strip() == "")).all())


def first_says_something(value: object, numeric: bool) -> bool:
    """A column's first value is a number other than 0, or a text with a character other than a space."""
    if numeric:
        return isinstance(value, (int, float, np.number)) and not pd.isna(value) and value != 0
    return isinstance(value, str) and bool(value.strip())


def show_report_tables(tables: Sequence[ReportTable], key: str) -> None:
    for n, table in enumerate(tables):
        show_report_table(table, key=f"{key}.{n}")
