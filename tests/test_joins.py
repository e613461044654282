"""'A, B and C': the one rule for listing things in a sentence, shared by the reader and every later room."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from scorecard import joins, words
from scorecard.joins import join_words
from scorecard.read.cells import row_list


@pytest.mark.parametrize(
    ("items", "text"),
    [([], ""), (["Acme"], "Acme"), (("Acme", "Beta"), "Acme and Beta"), (["a", "b", "c"], "a, b and c")],
)
def test_join_words(items, text: str) -> None:
    assert join_words(items) == text


def test_one_rule_for_every_room() -> None:
    """The words module gives on the same function, and the reader's row lists join by it."""
    assert words.join_words is join_words
    assert row_list([2, 5, 6, 7, 9]) == "rows " + join_words(["2", "5-7", "9"])
    assert row_list([2, 4, 6], limit=2) == "rows " + join_words(["2", "4", "1 more row"])


def test_the_join_imports_nothing_of_the_package() -> None:
    """So the reader can use it: `scorecard.words` imports the reader, and a cycle is not allowed."""
    tree = ast.parse(Path(joins.__file__).read_text(encoding="utf-8"))
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    ]
    assert not [name for name in imported if name and name.startswith("scorecard")]
