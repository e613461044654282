"""How big the rooms are: files over the line limit, functions over the length or complexity limit.

`python -m tests.house [PATH ...]` lists what is over; `tests/test_house.py` keeps it at none. A file or a
function may stay over a limit only with its reason written beside it, as a comment starting `# house:`
(for a file: in its first 30 lines; for a function: on the line right above its `def` or decorators).

Complexity is McCabe's: one, plus one per branch (if, elif, conditional expression, loop, except, match
case, comprehension loop and filter) and per extra operand of `and` / `or`.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILE_LINES = 400
FUNCTION_LINES = 60
COMPLEXITY = 15
EXCUSE = "# house:"
PACKAGES = ("scorecard", "app.py")


@dataclass(frozen=True)
class Overrun:
    """One room over a limit: where, what, by how much."""

    path: str
    line: int
    what: str
    measure: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what} ({self.measure})"


def complexity(function: ast.AST) -> int:
    """McCabe complexity of one function body, nested functions counted apart."""
    count = 1
    stack = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        branches = (
            ast.If | ast.IfExp | ast.For | ast.AsyncFor | ast.While | ast.ExceptHandler | ast.match_case
        )
        if isinstance(node, branches):
            count += 1
        elif isinstance(node, ast.comprehension):
            count += 1 + len(node.ifs)
        elif isinstance(node, ast.BoolOp):
            count += len(node.values) - 1
        stack.extend(ast.iter_child_nodes(node))
    return count


def excused(lines: list[str], line: int) -> bool:
    """A `# house:` comment on the line above (line is 1-based and points at the first decorator or def)."""
    return line >= 2 and lines[line - 2].strip().startswith(EXCUSE)


def functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def overruns(path: Path) -> list[Overrun]:
    """Every limit this file or one of its functions is over without a written reason."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    name = str(path.relative_to(ROOT))
    found: list[Overrun] = []
    if len(lines) > FILE_LINES and not any(line.strip().startswith(EXCUSE) for line in lines[:30]):
        found.append(Overrun(name, 1, "file", f"{len(lines)} lines > {FILE_LINES}"))
    for function in functions(ast.parse(text)):
        start = min([function.lineno, *(d.lineno for d in function.decorator_list)])
        length = (function.end_lineno or function.lineno) - start + 1
        score = complexity(function)
        over = []
        if length > FUNCTION_LINES:
            over.append(f"{length} lines > {FUNCTION_LINES}")
        if score > COMPLEXITY:
            over.append(f"complexity {score} > {COMPLEXITY}")
        if over and not excused(lines, start):
            found.append(Overrun(name, start, f"def {function.name}", ", ".join(over)))
    return found


def python_files(paths: list[str]) -> list[Path]:
    chosen = [ROOT / p for p in (paths or PACKAGES)]
    return sorted(f for p in chosen for f in ([p] if p.is_file() else p.rglob("*.py")))


def main(paths: list[str]) -> int:
    found = [o for f in python_files(paths) for o in overruns(f)]
    for overrun in found:
        print(overrun)
    print(f"{len(found)} over the limits")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
