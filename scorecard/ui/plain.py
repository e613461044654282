"""Text from a file shown as plain text: the page's one escaping rule.

Almost everything Streamlit shows (st.markdown, st.error and its siblings,
captions, widget, expander, tab and metric labels, help tooltips) is rendered
as Markdown with LaTeX, emoji shortcodes and GitHub's auto-links. A workbook
or a settings file is untrusted: a sheet named
``Open the [corrected file](https://evil.example/fix) **now**`` must read as
exactly that, not as a bold, clickable link inside a red banner. So every text
that comes from a file (supplier, sheet and column names, criterion labels,
comments, messages that quote any of these) goes through `escape` before it
reaches one of those calls; text we wrote ourselves may use Markdown around it.
"""

from __future__ import annotations

import re

# Every character that opens Markdown, LaTeX or a Streamlit directive (:red[...], :material/x:)
# is escaped with a backslash, which CommonMark defines for all ASCII punctuation.
_SPECIAL = re.compile(r"([\\`*_\[\]{}()$~|<>#:@!+=^])")
# GitHub's auto-links ("https://...", "www.x", "a@b.c") are found in the rendered text, after
# escapes are resolved, so a backslash cannot stop them: an invisible word joiner (U+2060)
# inside the pattern can. The text looks the same; only an invisible character is added.
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?<=\w)(?=://)|(?i:(?<=www))(?=\.)|(?<=@)")
_INDENT = re.compile(r"(^|\n)[ \t]+")  # four spaces would start a code block
_NUMBERED = re.compile(r"(^|\n)(\d+)\.")  # "1. " would start a numbered list
_HYPHEN = re.compile(r"(^|\n)-")  # "- " a list, "---" a rule or the line under a heading


def escape(text: object) -> str:
    """`text` as it reads in the file: no link, bold, heading, list, LaTeX or icon can come out of it.

    Leading spaces are dropped from every line (four of them would start a code block), and
    a word joiner is put inside "://", after "www" and after "@" (see WORD_JOINER).
    """
    unlinked = _AUTOLINK.sub(WORD_JOINER, _INDENT.sub(r"\1", str(text)))
    escaped = _SPECIAL.sub(r"\\\1", unlinked)
    return _HYPHEN.sub(r"\1\\-", _NUMBERED.sub(r"\1\2\\.", escaped))
